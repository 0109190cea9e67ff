/* tok_file.c — the sentences of a whole text file (see tok.h). */
#include "annalist/ann.h"
#include "annalist/arena.h"
#include "annalist/tok.h"

#include <stdlib.h>

int ann_tokenize_file(const char *path, ann_sentence_fn fn, void *ctx) {
  size_t len;
  char *buf = ann_read_file(path, &len);
  if (!buf) return -1;
  ann_doc d = {0};
  d.arena = ann_arena_new(1 << 20, 0);
  d.text = buf;
  d.text_len = len;
  int rc = d.arena ? ann_tokenize(&d, 0, 0) : ANN_ENOMEM;
  for (size_t s = 0; rc >= 0 && s < d.sentences.n; s++) {
    const ann_sentence *se = &d.sentences.v[s];
    fn(buf, d.tokens.v + se->tok_begin, se->tok_end - se->tok_begin, ctx);
  }
  ann_arena_free(d.arena);
  free(buf);
  return rc < 0 ? rc : 0;
}
