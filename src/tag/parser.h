/*
 * parser.h — the dependency parser: arc-hybrid transitions, a dynamic
 * oracle, averaged-perceptron scoring (internal API of src/tag; the public
 * entry points are declared in include/annalist/tag.h).
 *
 * A sentence is an array of ann_dep_word, words numbered 1..n as in
 * CoNLL-U; head 0 is the root. The parser fills head and deprel; deprel
 * strings belong to the model and live as long as it.
 */
#ifndef ANN_TAG_PARSER_H
#define ANN_TAG_PARSER_H

#include "annalist/ann.h"
#include "annalist/arena.h"

#include <stddef.h>
#include <stdint.h>

typedef struct ann_dep_word {
  const char *form; /* not NUL-terminated: form_len bytes */
  size_t form_len;
  const char *xpos; /* PTB tag (NUL-terminated) or NULL */
  const char *upos; /* UD tag or NULL */
  int32_t head;     /* gold (training) or predicted; 0 = root, -1 = none */
  const char *deprel;
  uint32_t cl;      /* word classes (pos.h ANN_CL_PACK) when has_cl */
  uint8_t has_cl;   /* 0: unknown word or no class table (zeroed words) */
} ann_dep_word;

/* Longest sentence parsed in one piece; longer ones are cut into pieces of
 * this size, the root of each later piece attached to the first piece's
 * root (deprel "parataxis"), so the cost stays linear. */
#define ANN_PARSE_MAX_SENT 300

#define ANN_PARSER_KIND ANN_FOURCC('D', 'E', 'P', 'S')
#define ANN_PARSER_VERSION 1

typedef struct ann_parser ann_parser;

/* Load a parser model (models/parser.bin). Caller frees. */
int ann_parser_open(ann_parser **out, const char *path, ann_error *e);
/* The same over a buffer the caller keeps alive (tests, fuzzing). */
int ann_parser_open_mem(ann_parser **out, const void *data, size_t size,
                        ann_error *e);
void ann_parser_free(ann_parser *p);

/* Beam width used by ann_parse_words: the model's (1 = greedy) unless
 * changed; set_beam clamps to 1..32. */
int ann_parser_beam(const ann_parser *p);
void ann_parser_set_beam(ann_parser *p, int k);

/* Whether the model uses word classes (ann_dep_word.cl), and the POS
 * model they are looked up in by ann_parse_sentence (the parse stage sets
 * it from the pos stage; NULL = none: the classes are then unknown). */
struct ann_pos_model;
int ann_parser_uses_classes(const ann_parser *p);
void ann_parser_set_pos(ann_parser *p, const struct ann_pos_model *pos);

/* Parse w[0..n): fills head and deprel of every word. Scratch memory comes
 * from a (freed with it). n == 0 is fine. Returns 0 or ANN_ENOMEM. */
int ann_parse_words(const ann_parser *p, ann_arena *a, ann_dep_word *w,
                    size_t n);

/* ------------------------------------------------------------ training -- */

typedef struct ann_parser_trainer ann_parser_trainer;

/* A trainer for the given dependency labels (at most 120, each shorter
 * than 32 bytes). seed makes exploration and shuffling reproducible. */
ann_parser_trainer *ann_parser_trainer_new(const char *const *labels,
                                           int nlabels, uint64_t seed);
/* Feature groups (parser_int.h PS_F_*) and beam width (1 = greedy with the
 * dynamic oracle; k > 1 = beam search with early update, Zhang & Clark
 * 2008 / Zhang & Nivre 2011) of the model to train; set before the first
 * sentence. Returns 0 or ANN_EINVAL. */
int ann_parser_trainer_config(ann_parser_trainer *t, unsigned flags,
                              int beam);
void ann_parser_trainer_free(ann_parser_trainer *t);

/* One pass over one sentence with the dynamic oracle. explore: follow the
 * model's (wrong) predictions with probability 0.9, as in Goldberg & Nivre
 * 2012. Words with unknown labels or heads out of range are an EINVAL.
 * Returns the number of mistakes made, or a negative error. */
int ann_parser_train_sentence(ann_parser_trainer *t, const ann_dep_word *w,
                              size_t n, int explore);

/* A reproducible pseudo-random number from the trainer's seed (for
 * drivers that shuffle the training sentences). */
uint64_t ann_parser_trainer_rand(ann_parser_trainer *t);

/* Write the averaged weights as a model file. Averaged weights with
 * |w| < prune (and those that quantise to zero) are dropped. */
int ann_parser_trainer_save(ann_parser_trainer *t, const char *path,
                            double prune, ann_error *e);

/* The same for k (1..16) trainers of the same labels and configuration
 * (runs with different seeds): the mean of their averaged weights, one
 * model as fast as each (an ensemble of the k runs). */
int ann_parser_trainer_save_mean(ann_parser_trainer *const *ts, int k,
                                 const char *path, double prune,
                                 ann_error *e);

/* Whether the gold tree in w is projective (heads must be in range). */
int ann_dep_projective(const ann_dep_word *w, size_t n);

/* ------------------------------------------ transition system (tests) -- */

/* Run the oracle alone: start from the empty configuration, always take
 * the best zero-cost transition, write the resulting tree to heads/labels
 * (label indices into labels). Returns 0 or a negative error. */
int ann_parser_oracle_parse(const ann_dep_word *w, size_t n,
                            const char *const *labels, int nlabels,
                            int32_t *heads, int *label_out);

#endif
