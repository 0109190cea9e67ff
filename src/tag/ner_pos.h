/*
 * ner_pos.h — POS tags for the recogniser's training data from our own
 * tagger, so that the features it learns from are the ones it sees at
 * run time.
 */
#ifndef ANN_TAG_NER_POS_H
#define ANN_TAG_NER_POS_H

#include "tag/ner_int.h"

/* Replace every token's POS in c with the tags of the model at path.
 * Returns 0, or ANN_EMODEL when there is no POS tagger (then c is left
 * as it was). */
int ner_pos_retag(const char *path, ner_corpus *c, ann_error *e);

#endif
