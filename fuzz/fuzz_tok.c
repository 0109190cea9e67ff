/* fuzz_tok.c — tokenizer and sentence splitter on any bytes: tokens must
 * be non-empty, in order, inside the text, and every token must belong to
 * exactly one sentence. */
#include "annalist/tok.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *text = malloc(size + 1);
  memcpy(text, data, size);
  text[size] = 0;
  ann_arena *a = ann_arena_new(4096, 256u << 20);
  ann_doc d;
  memset(&d, 0, sizeof d);
  d.arena = a;
  d.text = text;
  d.text_len = size;
  size_t from = size ? data[0] % (size + 1) : 0;
  if (ann_tokenize(&d, from & 3 ? 0 : from, size % 7 == 0 ? 50 : 0) >= 0) {
    uint32_t last = 0;
    for (size_t i = 0; i < d.tokens.n; i++) {
      const ann_token *t = &d.tokens.v[i];
      if (t->start >= t->end || t->end > size || t->start < last)
        __builtin_trap();
      last = t->end;
    }
    uint32_t next = 0;
    for (size_t s = 0; s < d.sentences.n; s++) {
      const ann_sentence *se = &d.sentences.v[s];
      if (se->tok_begin != next || se->tok_end <= se->tok_begin ||
          se->tok_end - se->tok_begin > ANN_TOK_MAX_SENT)
        __builtin_trap();
      next = se->tok_end;
    }
    if (next != d.tokens.n) __builtin_trap();
  }
  ann_arena_free(a);
  free(text);
  return 0;
}
