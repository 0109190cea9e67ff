/*
 * fuzz_extract.c — libFuzzer target for the article extractor: decode the
 * bytes, parse, score, write the text and metadata (ann_extract_html).
 *
 * Checks after each run: the text is NUL-terminated at text_len, does not
 * start or end with whitespace, the dateline span lies inside the text and
 * before the body, every author and metadata string is non-empty.
 * The first byte picks an arena cap so the out-of-memory paths run too.
 *
 *   cmake --preset fuzz && cmake --build --preset fuzz
 *   build-fuzz/fuzz_extract -max_len=65536 -dict=fuzz/html.dict \
 *       fuzz/corpus/extract tests/extract/golden
 */
#include "annalist/decode.h"
#include "annalist/extract.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1) return 0;
  unsigned sel = data[0];
  data++, size--;
  ann_limits lim = {0};
  if (sel & 1) lim.max_depth = 4 + (sel >> 4);
  ann_limits_default(&lim);
  size_t cap = (sel & 2) ? 32768 + (size_t)(sel >> 2) * 8192 : 0;
  ann_arena *a = ann_arena_new(4096, cap);
  if (!a) return 0;
  ann_decoded dec;
  ann_error e;
  if (ann_decode(a, data, size, NULL, true, &dec, &e) == 0) {
    ann_doc *d = ann_calloc(a, sizeof *d);
    if (d) {
      d->arena = a;
      if (ann_extract_html(d, dec.text, dec.len, &lim, &e) == 0) {
        if (!d->text || d->text[d->text_len] != 0) abort();
        if (strlen(d->text) != d->text_len) abort();
        if (d->text_len &&
            (d->text[0] == ' ' || d->text[0] == '\n' ||
             d->text[d->text_len - 1] == ' ' ||
             d->text[d->text_len - 1] == '\n'))
          abort();
        if (d->dateline.present &&
            (d->dateline.start > d->dateline.end ||
             d->dateline.end > d->text_len || !d->dateline.place))
          abort();
        for (size_t i = 0; i < d->authors.n; i++)
          if (!d->authors.v[i] || !*d->authors.v[i]) abort();
        if ((d->title && !*d->title) || (d->language && !*d->language))
          abort();
      }
    }
  }
  ann_arena_free(a);
  return 0;
}
