/* fuzz_ingest_common.h — run one in-memory file through the source walker
 * (as a file of a forced format) and decode every document it yields. */
#ifndef ANN_FUZZ_INGEST_COMMON_H
#define ANN_FUZZ_INGEST_COMMON_H

#include "annalist/decode.h"
#include "annalist/ingest.h"
#include "ingest/source_int.h"

#include <stdio.h>

static void fuzz_source(const uint8_t *data, size_t size,
                        ann_input_format fmt) {
  if (size == 0) return;
  FILE *f = fmemopen((void *)data, size, "rb");
  if (!f) return;
  ann_limits lim = {.max_bytes = 256 * 1024, .max_arena = 64u << 20};
  ann_source *s;
  if (ann_source_open(&s, NULL, 0, fmt, &lim, NULL) < 0) {
    fclose(f);
    return;
  }
  ann_arena *a = ann_arena_new(1 << 16, 64u << 20);
  ann_input in = {0};
  int rc = ann_reader_open_file(s, f, "fuzz", a, &in, NULL);
  for (int n = 0; n < 100000; n++) {
    if (rc == 0) {
      rc = ann_source_next(s, a, &in, NULL);
      if (rc <= 0) break;
    }
    if (!in.error && in.bytes) {
      ann_decoded d;
      ann_decode(a, in.bytes, in.len, in.charset, in.kind == ANN_IN_HTML, &d,
                 NULL);
    }
    ann_arena_reset(a);
    rc = 0;
    if (!s->reader) break; /* a single document */
  }
  ann_arena_free(a);
  ann_source_close(s);
}

#endif
