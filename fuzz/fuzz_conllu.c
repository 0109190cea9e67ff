/* fuzz_conllu.c — the CoNLL-U / CoNLL column reader. The first byte picks
 * the mode (CoNLL-U or whitespace columns) and small caps, so the limit
 * paths are reached too; every sentence read must be consistent. */
#include "tag/conllu.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0) return 0;
  unsigned flags = data[0] & 1 ? ANN_CONLLU_COLUMNS : 0;
  char *buf = malloc(size);
  memcpy(buf, data + 1, size - 1);
  buf[size - 1] = 0;
  ann_conllu_reader r;
  ann_conllu_init(&r, buf, size - 1, flags, "fuzz");
  if (data[0] & 2) {
    r.max_line = 64;
    r.max_words = 8;
  }
  ann_arena *a = ann_arena_new(4096, 64u << 20);
  ann_conllu_sent s;
  ann_error e;
  int rc;
  while ((rc = ann_conllu_next(&r, a, &s, &e)) > 0) {
    if (s.nwords > s.nlines) __builtin_trap();
    for (size_t i = 0; i < s.nwords; i++) {
      const ann_conllu_line *l = s.word[i];
      for (int c = 0; c < ANN_CONLL_MAXCOL; c++)
        if (!l->col[c]) __builtin_trap();
      if (l->head > (int32_t)s.nwords) __builtin_trap();
    }
    ann_arena_reset(a);
  }
  ann_arena_free(a);
  free(buf);
  return 0;
}
