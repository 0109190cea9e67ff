/* fuzz_ner_conll.c — the recogniser's CoNLL-2003 reader: any bytes parse
 * or fail cleanly, and the corpus it returns is consistent (sentences and
 * documents in order, gold labels a valid BILOU sequence per sentence). */
#include "tag/ner_int.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  ner_corpus c;
  ann_error e;
  if (ner_conll_parse(&c, (const char *)data, size, "fuzz", &e) != 0) return 0;
  if (c.sent[c.nsent] != c.ntok || c.doc[c.ndoc] != c.nsent) __builtin_trap();
  for (size_t s = 0; s < c.nsent; s++) {
    if (c.sent[s] > c.sent[s + 1]) __builtin_trap();
    int prev = 0;
    for (size_t i = c.sent[s]; i < c.sent[s + 1]; i++) {
      if (!ner_allowed(prev, c.gold[i])) __builtin_trap();
      prev = c.gold[i];
    }
    if (c.sent[s] < c.sent[s + 1] && !ner_allowed_last(prev)) __builtin_trap();
  }
  ner_corpus_free(&c);
  return 0;
}
