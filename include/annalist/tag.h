/*
 * tag.h — part of speech, lemmas, named entities and dependency parse over
 * tokens that are already split (see tok.h for tokens and sentences).
 *
 * Every tagger works on the document model's own types: a sentence is a
 * run of ann_token (byte spans into a text) and the tagger fills the
 * token's fields in place. `annalist tag` builds such a text from CoNLL
 * input (the words joined by spaces), so evaluation and the pipeline run
 * the very same code.
 *
 * Strings a tagger sets (upos, xpos, deprel, IOB labels) point into the
 * loaded model and live as long as it; lemmas that are not the word itself
 * are allocated in the arena passed in. Models are immutable after open
 * and may be shared by threads.
 *
 * Pipeline stages (include/annalist/pipeline.h), in run order:
 *   ann_stage_tokens  "tokens"  src/tok  doc->tokens, doc->sentences
 *   ann_stage_pos     "pos"     src/tag  upos, xpos, lemma
 *   ann_stage_ner     "ner"     src/tag  doc->entities
 *   ann_stage_parse   "parse"   src/tag  head, deprel
 * A stage's loaded state is ann_pipeline_state(p, "pos") etc.; for "pos"
 * it is the ann_pos_model below.
 */
#ifndef ANNALIST_TAG_H
#define ANNALIST_TAG_H

#include "annalist/doc.h"
#include "annalist/pipeline.h"

/* ---------------------------------------------------------------- POS -- */

/* models/pos.bin: model kind and the version this build reads */
#define ANN_POS_KIND ANN_FOURCC('P', 'O', 'S', ' ')
#define ANN_POS_VERSION 1

typedef struct ann_pos_model ann_pos_model;

/* Map a POS model file (UPOS + PTB XPOS + lemmatizer). On failure *out is
 * NULL and e names the file (missing, truncated, wrong version). Caller
 * frees with ann_pos_free. */
int ann_pos_open(ann_pos_model **out, const char *path, ann_error *e);

/* The same from a buffer the caller keeps alive (tests, fuzzing). */
int ann_pos_open_mem(ann_pos_model **out, const void *data, size_t size,
                     ann_error *e);

void ann_pos_free(ann_pos_model *m);

/* Tag one sentence: tok[0..n) are its tokens, spans into text. Sets upos,
 * xpos and lemma of each. Returns 0, or ANN_ENOMEM when the arena is full.
 * Any n works (n == 0 does nothing); the tagger is greedy, left to right. */
int ann_pos_tag(const ann_pos_model *m, const char *text, ann_token *tok,
                size_t n, ann_arena *a);

/* The stage: tags every sentence of doc (after "tokens"). */
extern const ann_stage ann_stage_pos;

/* ------------------------------------------- named entities (ner stage) --
 * Implemented by the NER stage (src/tag/ner*.c), found through the weak
 * symbol, so callers test `if (ann_ner_tag)` before calling.
 *
 * Label the sentences sent[0..nsent) of ONE document: tokens tok (with POS
 * filled), spans into text; sentence i covers tok[sent[i].tok_begin ..
 * sent[i].tok_end). Writes iob[k] for every token k covered, as IOB2
 * strings owned by the model ("O", "B-PER", "I-ORG", ... types PER ORG LOC
 * MISC). Document-level features may look across the sentences given.
 * state = ann_pipeline_state(p, "ner"). Returns 0 or a negative ANN_E*. */
int ann_ner_tag(const void *state, const char *text, const ann_token *tok,
                const ann_sentence *sent, size_t nsent, const char **iob,
                ann_arena *a) __attribute__((weak));

/* ---------------------------------------- dependency parse (parse stage) --
 * Implemented by the parse stage (src/tag/parse*.c), weak like ann_ner_tag.
 *
 * Parse one sentence tok[0..n) (upos/xpos filled): sets head (1-based
 * within the sentence, 0 = root) and deprel (UD relation) of each token.
 * state = ann_pipeline_state(p, "parse"). Returns 0 or a negative ANN_E*. */
int ann_parse_sentence(const void *state, const char *text, ann_token *tok,
                       size_t n, ann_arena *a) __attribute__((weak));

#endif
