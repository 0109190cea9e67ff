/* fuzz_record.c — the record stage (dates, amounts, counts, quotations,
 * tone, themes) on arbitrary text, then its GKG row read back and checked.
 * The first byte picks a publication date or none. Run from the source
 * tree (dicts/ are loaded from ANNALIST_HOME or the build's source dir). */
#include "annalist/gkg.h"
#include "annalist/pipeline.h"

#include <stdint.h>
#include <stdlib.h>

extern const ann_stage ann_stage_record;

static ann_pipeline *P;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!P) {
    ann_options o = {.stages = ANN_STAGE_RECORD};
    if (ann_pipeline_open(&P, &o, NULL) < 0) abort();
  }
  if (size == 0) return 0;
  static const char *const pub[] = {NULL, "2025-06-29", "2024-02-29T23:59:59Z",
                                    "1999-12-31", "20", "2025-13-45"};
  ann_arena *a = ann_arena_new(1 << 16, 256u << 20);
  ann_doc d = {.arena = a, .published = pub[data[0] % 6]};
  char *text = ann_strndup(a, (const char *)data + 1, size - 1);
  d.text = text;
  d.text_len = __builtin_strlen(text); /* the text never holds a NUL */
  ann_stage_record.run(ann_pipeline_state(P, "record"), P, &d);
  for (size_t i = 0; i < d.quotes.n; i++)
    if (d.quotes.v[i].start > d.quotes.v[i].end ||
        d.quotes.v[i].end > d.text_len)
      __builtin_trap();
  ann_buf b;
  ann_buf_init(&b, 0);
  ann_emit_gdelt_gkg(NULL, &d, &b);
  ann_gkg_row row;
  if (ann_gkg_read(a, b.p, b.len, &row, NULL) < 0) __builtin_trap();
  ann_buf_free(&b);
  ann_arena_free(a);
  return 0;
}
