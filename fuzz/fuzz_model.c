/* fuzz_model.c — the POS model loader and the perceptron / hash-table
 * sections behind it. The container's CRC and size are patched to match
 * the input, so mutations reach the section checks instead of all dying at
 * the checksum; a model that opens must then tag a sentence safely. Seed
 * with a small model: train_pos on tests/tag/toy.conllu (fuzz/seed_model.sh). */
#include "annalist/tag.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  /* model sections must be 16-byte aligned in memory, as in a mapping */
  unsigned char *buf = aligned_alloc(16, (size + 15) & ~(size_t)15);
  if (!buf) return 0;
  memcpy(buf, data, size);
  if (size >= 32 && !memcmp(buf, "ANNMODL1", 8)) {
    uint32_t crc = (uint32_t)crc32(crc32(0L, Z_NULL, 0), buf + 32,
                                   (uInt)(size - 32));
    for (int i = 0; i < 4; i++) buf[20 + i] = (unsigned char)(crc >> (8 * i));
    for (int i = 0; i < 8; i++)
      buf[24 + i] = (unsigned char)((uint64_t)size >> (8 * i));
  }
  ann_pos_model *m;
  ann_error e;
  if (ann_pos_open_mem(&m, buf, size, &e) == 0) {
    static const char text[] = "The U.S. didn't say 3,000 words .";
    ann_token t[8] = {{.start = 0, .end = 3},   {.start = 4, .end = 8},
                      {.start = 9, .end = 12},  {.start = 12, .end = 15},
                      {.start = 16, .end = 19}, {.start = 20, .end = 25},
                      {.start = 26, .end = 31}, {.start = 32, .end = 33}};
    ann_arena *a = ann_arena_new(4096, 16u << 20);
    ann_pos_tag(m, text, t, 8, a);
    for (int i = 0; i < 8; i++)
      if (!t[i].upos || !t[i].xpos || !t[i].lemma) __builtin_trap();
    ann_arena_free(a);
    ann_pos_free(m);
  }
  free(buf);
  return 0;
}
