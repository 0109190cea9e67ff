/* ner_pos.c — see ner_pos.h. */
#include "tag/ner_pos.h"

int ner_pos_retag(const char *path, ner_corpus *c, ann_error *e) {
  (void)c;
  return ann_fail(e, ANN_EMODEL, -1, "%s: POS tagger not built", path);
}
