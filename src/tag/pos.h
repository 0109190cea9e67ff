/*
 * pos.h — internals of the POS tagger shared by the tagger (pos.c) and its
 * trainer (tools/train_pos.c): the feature templates and the lemma rules.
 * Training and tagging call the very same functions, so they cannot drift.
 *
 * The tagger predicts one joint class "UPOS XPOS" per word, greedily left
 * to right, from the word, its affixes and shape, two words either side
 * and the two previous predictions.
 *
 * Model sections (models/pos.bin, kind ANN_POS_KIND):
 *   pos.pc    perceptron blob (perceptron.h), classes "UPOS XPOS"; with
 *             pos.pc1, the second pass, which also sees the first pass's
 *             classes of the next two words (so it looks right too)
 *   pos.pc1   optional first pass (same classes)
 *   pos.lex   kv: lowered-word hash -> ambiguity class id
 *   pos.dict  kv: word hash -> class, for frequent unambiguous words
 *             (tagged without scoring; optional)
 *   pos.clu   kv: lowered-word hash -> packed word classes (optional;
 *             tools/build_clusters; see ann_pos_word.cl)
 *   pos.nam   kv: lowered-word hash -> the name lists it is on (ANN_NB_*;
 *             optional; train_pos --names)
 *   pos.lemt  lemma transformations, NUL-separated (see ann_lem_rule)
 *   pos.lemk  kv: mix(hash(form), xpos) -> transformation (exceptions)
 *   pos.lems  kv: mix(hash(lower suffix of length L), xpos, L) -> transf.
 */
#ifndef ANN_TAG_POS_H
#define ANN_TAG_POS_H

#include "tag/perceptron.h"

#include <stddef.h>
#include <stdint.h>

/* Per-word hashes, computed once per word. */
typedef struct ann_pos_word {
  uint64_t w, lw, shape, suf[4], pre[3];
  uint32_t ac;   /* ambiguity class of the lowered form, 0 = unknown */
  uint32_t ac2;  /* ambiguity class of the exact form, 0 = unknown */
  uint32_t cl;   /* word classes of the lowered form (ANN_CL_*), packed:
                    ANN_CL_PACK(left fine, right fine, left coarse,
                    WordNet set id); ANN_CL_NONE when unknown */
  uint8_t len;   /* min(bytes, 255) */
  uint8_t flags; /* ANN_PW_* */
  uint8_t nb;    /* the name lists the lowered word is on (ANN_NB_*);
                    0 unless the model has ANN_PS_NAM */
} ann_pos_word;

enum { ANN_PW_UPPER = 1, ANN_PW_DIGIT = 2, ANN_PW_HYPHEN = 4,
       ANN_PW_ALLCAP = 8 };

void ann_pos_word_init(ann_pos_word *pw, const char *s, size_t len);

/* Look the word up in the lexicon (kv: lw -> ambiguity class id, the set
 * of classes the word had in training; and w -> the same, exact case). */
struct ann_kv;
void ann_pos_word_lex(ann_pos_word *pw, const struct ann_kv *lex);

/* Word classes learned from unlabelled text (tools/build_clusters): kv
 * lw -> packed classes. Sets pw->cl (ANN_CL_NONE when absent). */
#define ANN_CL_FINE 1023u  /* fine classes 0..1022; 1023 = none */
#define ANN_CL_COARSE 63u  /* coarse classes 0..62; 63 = none */
#define ANN_CL_WN 63u      /* WordNet set ids 1..63; 0 = none */
#define ANN_CL_PACK(l, r, c, wn)                                             \
  ((uint32_t)(l) | (uint32_t)(r) << 10 | (uint32_t)(c) << 20 |              \
   (uint32_t)(wn) << 26)
#define ANN_CL_NONE ANN_CL_PACK(ANN_CL_FINE, ANN_CL_FINE, ANN_CL_COARSE, 0)
void ann_pos_word_clu(ann_pos_word *pw, const struct ann_kv *clu);
/* The word classes of s[0..len) in POS model m (for the parser): 1 and
 * *cl set when m has a class table and knows the word, else 0. */
struct ann_pos_model;
int ann_pos_classes(const struct ann_pos_model *m, const char *s, size_t len,
                    uint32_t *cl);

/* Sentence-level flags: most words capitalised (a headline, a title), or
 * all in capitals. Computed from the words' flags. */
enum { ANN_PS_TITLE = 1, ANN_PS_CAPS = 2 };
/* Not a property of the sentence: set by the tagger when the model has
 * word classes, so that the class features are computed. */
enum { ANN_PS_CLU = 0x100 };
/* The model has the name-list templates: section pos.nam, a kv of
 * lowered-word hash -> ANN_NB_* bits, made by train_pos --names DIR from
 * the project's own lists (the .txt files of dicts/ner). */
enum { ANN_PS_NAM = 0x400 };
enum {
  ANN_NB_FIRST = 1,
  ANN_NB_PLACE = 2,
  ANN_NB_DEMONYM = 4,
  ANN_NB_KEYWORD = 8,
  ANN_NB_NAME = 16,
  ANN_NB_TITLE = 32
};
/* Set pw->nb from a pos.nam table (after ann_pos_word_init; 0 when the
 * word is on no list): the same for the trainer and the tagger. */
void ann_pos_word_nam(ann_pos_word *pw, const struct ann_kv *nam);

uint32_t ann_pos_sentence_flags(const char *text, const uint32_t *start,
                                const uint32_t *end, size_t stride,
                                size_t n);

/* The padding words around a sentence. */
extern const ann_pos_word ann_pos_pad_start, ann_pos_pad_end;

#define ANN_POS_MAXF 96

/* Features of the word ctx[2] given neighbours ctx[0..4] (i-2 .. i+2, the
 * padding words at the edges), the previous two classes p1, p2 (nclasses =
 * none), the sentence flags and, in the second pass, q5: the first pass's
 * classes of words i-2 .. i+2 (nclasses outside the sentence), NULL in the
 * first. Returns the count. */
size_t ann_pos_features(const ann_pos_word *const ctx[5], uint32_t p1,
                        uint32_t p2, uint32_t sflags, const uint32_t *q5,
                        uint64_t *f);

/* ---------------------------------------------------------- lemmas -- */

/* The transformation turning form into lemma, as a string: 'L' (lower
 * the form first) or '=' (keep case), then a byte '0'+cut (bytes removed
 * from the end, < 60), then the suffix to append. Written to out (size
 * >= lemma_len + 3); returns 0, or -1 if it cannot be expressed. */
int ann_lem_rule(const char *form, size_t flen, const char *lemma,
                 size_t llen, char *out, size_t outsize);

/* Apply rule to form; writes at most outsize-1 bytes and a NUL. Returns
 * the length, or -1 if the rule does not fit the form. */
int ann_lem_apply(const char *rule, const char *form, size_t flen, char *out,
                  size_t outsize);

/* Keys of the lemma tables. */
uint64_t ann_lem_known_key(const char *form, size_t flen, const char *xpos);
uint64_t ann_lem_suffix_key(const char *form, size_t flen, size_t L,
                            const char *xpos);
#define ANN_LEM_MAXSUF 5

/* ---------------------------------------------------------- training -- */

typedef struct ann_pos_train_opts {
  const char *train;  /* CoNLL-U with gold FORM, LEMMA, UPOS, XPOS */
  const char *dev;    /* scored after training, or NULL */
  const char *out;    /* the model file written */
  int epochs;         /* 0 = 7 */
  double prune;       /* drop averaged weights below this (perceptron.h) */
  uint64_t seed;      /* shuffling; 0 = 1 */
  int lex_min;        /* words seen this often enter the lexicon; 0 = 2 */
  int verbose;        /* score dev after every epoch */
  int two_pass;       /* a second pass over the first's (4-fold
                         jackknifed) predictions */
  int dict_min;       /* words seen this often with one class (99%) are
                         tagged from a dictionary; 0 = no dictionary */
  const char *clusters; /* word classes (tools/build_clusters output), or
                           NULL: none */
  const char *wordnet; /* with clusters: a WordNet dict directory whose
                          parts of speech go into the word classes */
  int ensemble;       /* > 1: the model is the mean of the averaged
                         weights of this many runs (at most 16; shuffling
                         seeds seed, seed + 100, ...; train_pos's
                         --ensemble); 0 = one run */
  const char *silver; /* CoNLL-U of machine-tagged sentences (tools/
                         pos_silver) trained on with the gold ones; the
                         lexicon, tag dictionary and lemmas stay gold-only.
                         NULL: none. Not with two_pass. */
  int gold_repeat;    /* with silver: each gold sentence this many times
                         per epoch; 0 = 1 */
  const char *silver_lex; /* CoNLL-U of machine-tagged text: its words
                         that the gold lexicon lacks enter the lexicon
                         with the class set the teachers gave them (ids
                         of their own); NULL: none */
  int silver_lex_min; /* those seen this often; 0 = 3 */
  int reverse;        /* every sentence (train, silver, dev) read right
                         to left: a teacher for tools/pos_silver
                         (--model-rev), not a model for the pipeline */
  const char *names;  /* a directory of name lists (dicts/ner) for the
                         name-list templates (ANN_PS_NAM), or NULL */
  int no_jackknife;   /* lexicon features from all data, not 10 folds
                         (tests: training then sees what tagging sees) */
  ann_log_fn log;     /* progress lines, or NULL */
  void *log_ctx;
} ann_pos_train_opts;

typedef struct ann_pos_scores {
  double upos, xpos, both, lemma; /* accuracy, percent */
  size_t words, model_bytes;
} ann_pos_scores;

/* Train, write o->out, and (with o->dev) score it by loading the written
 * file through ann_pos_open/ann_pos_tag. Same input, same bytes. */
int ann_pos_train(const ann_pos_train_opts *o, ann_pos_scores *dev,
                  ann_error *e);

/* Score a model file on a CoNLL-U file (gold tokens, read left to right
 * whatever was trained before: not for a train_pos --reverse model). */
int ann_pos_evaluate(const char *model, const char *conllu,
                     ann_pos_scores *sc, ann_error *e);

#endif
