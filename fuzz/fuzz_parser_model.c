/* fuzz_parser_model.c — the parser's model loader, then a parse with
 * whatever loaded. The container's CRC rejects most mutations, so the
 * input's first byte chooses whether to re-seal it: bytes 1.. are taken as
 * a model file whose header CRC and size are recomputed, which lets the
 * fuzzer reach the section and perceptron-blob checks. */
#include "tag/parser.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1) return 0;
  size_t n = size - 1;
  unsigned char *buf = malloc(n ? n : 1);
  if (!buf) return 0;
  memcpy(buf, data + 1, n);
  if ((data[0] & 1) && n >= 32) {
    uint64_t sz = n;
    memcpy(buf + 24, &sz, 8); /* little-endian hosts */
    uint32_t crc = (uint32_t)crc32(0L, buf + 32, (uInt)(n - 32));
    memcpy(buf + 20, &crc, 4);
  }
  ann_parser *p;
  ann_error e;
  if (ann_parser_open_mem(&p, buf, n, &e) == 0) {
    static const char *forms[] = {"The", "cat", "sat", "."};
    static const char *tags[] = {"DT", "NN", "VBD", "."};
    ann_dep_word w[4];
    for (int i = 0; i < 4; i++) {
      memset(&w[i], 0, sizeof w[i]);
      w[i].form = forms[i];
      w[i].form_len = strlen(forms[i]);
      w[i].xpos = tags[i];
    }
    ann_arena *a = ann_arena_new(4096, 1 << 20);
    if (ann_parse_words(p, a, w, 4) == 0)
      for (int i = 0; i < 4; i++)
        if (w[i].head < 0 || w[i].head > 4 || !w[i].deprel) __builtin_trap();
    ann_arena_free(a);
    ann_parser_free(p);
  }
  free(buf);
  return 0;
}
