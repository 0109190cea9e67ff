/*
 * ner_int.h — the named-entity recogniser's inside, shared by the stage
 * (ner_stage.c), the trainer (tools/train_ner.c) and the tests.
 *
 * A document is a list of sentences of tokens (word slices, optional POS).
 * Labels are BILOU over four types: O = 0, then for type t (ann_ent_type)
 * B = 1+4t, I = 2+4t, L = 3+4t, U = 4+4t. Decoding is greedy left to right
 * and constrained so that only valid BILOU sequences come out; a second
 * pass sees document-level features computed from the first pass.
 */
#ifndef ANN_TAG_NER_INT_H
#define ANN_TAG_NER_INT_H

#include "annalist/ann.h"
#include "annalist/arena.h"
#include "tag/perceptron.h"

#include <stdint.h>

/* ------------------------------------------------------------ labels -- */

#define NER_NTYPES 4
#define NER_NLABELS 17
enum { NER_B = 0, NER_I = 1, NER_L = 2, NER_U = 3 };

static inline int ner_label(int type, int part) { return 1 + type * 4 + part; }
static inline int ner_type(int label) { return label ? (label - 1) / 4 : -1; }
static inline int ner_part(int label) { return label ? (label - 1) % 4 : -1; }

/* "O", "B-PER", ... "U-MISC" */
const char *ner_label_name(int label);
/* "PER", "ORG", "LOC", "MISC"; -1 when unknown */
const char *ner_type_name(int type);
int ner_type_parse(const char *s, size_t n);

/* An entity as a token range [begin, end) within one sentence. */
typedef struct ner_span {
  uint32_t begin, end;
  int type;
} ner_span;

/* May label cur follow prev (prev = 0 at sentence start)? */
int ner_allowed(int prev, int cur);
/* May a sentence end after label last? */
int ner_allowed_last(int last);

/* Spans (sorted, non-overlapping, inside [0,n)) to BILOU labels. */
void ner_bilou_encode(const ner_span *s, size_t ns, uint8_t *lab, size_t n);
/* BILOU labels to spans, tolerant of invalid sequences (an I or L without
 * its B starts an entity; a B without its L ends one). Returns the number
 * of spans, writing at most cap of them. */
size_t ner_bilou_decode(const uint8_t *lab, size_t n, ner_span *s, size_t cap);
/* Rewrite lab into the valid sequence with the same spans as decode. */
void ner_bilou_repair(uint8_t *lab, size_t n);
/* IOB1 or IOB2 tags ("B-PER", "I-PER", "O") to spans by conlleval's
 * rules: an entity starts at B-X, or at I-X after anything but X. */
size_t ner_iob_decode(const char *const *tags, size_t n, ner_span *s,
                      size_t cap);
/* The IOB2 tag of each token from BILOU labels: static strings. */
void ner_bilou_to_iob2(const uint8_t *lab, size_t n, const char **tags);

/* ------------------------------------------------------------ corpus -- */

typedef struct ner_tok {
  const char *w;   /* the word (len bytes) */
  const char *pos; /* XPOS or NULL */
  uint32_t len;
} ner_tok;

/* Documents of sentences of tokens, gold BILOU labels when read from a
 * CoNLL file. Everything lives in the corpus's own memory. */
typedef struct ner_corpus {
  ner_tok *tok;
  uint8_t *gold;  /* per token */
  uint32_t *sent; /* first token of sentence i; sent[nsent] = ntok */
  uint32_t *doc;  /* first sentence of document i; doc[ndoc] = nsent */
  size_t ntok, nsent, ndoc;
  char *text; /* owned copy of the file */
  size_t cap_tok, cap_sent, cap_doc;
} ner_corpus;

/* Read CoNLL-2003 (WORD POS CHUNK NER; IOB1 or IOB2) from buf: the first
 * column is the word, the last the tag; -DOCSTART- lines start
 * documents. The buffer is copied. Returns 0 or ANN_E*. */
int ner_conll_parse(ner_corpus *c, const char *buf, size_t len,
                    const char *name, ann_error *e);
int ner_conll_read(ner_corpus *c, const char *path, ann_error *e);
void ner_corpus_free(ner_corpus *c);

/* --------------------------------------------------------- gazetteer -- */

/* Lists of phrases matched case-insensitively over token sequences. Each
 * entry is a 64-bit hash of the lower-cased tokens joined by spaces, with
 * the bit set of the lists holding it. */
#define NER_MAXGAZ 16
#define NER_GAZ_MAXLEN 8
typedef struct ner_gaz_entry {
  uint64_t h;
  uint32_t lists;
  uint32_t pad;
} ner_gaz_entry;

typedef struct ner_gaz {
  const ner_gaz_entry *e; /* sorted by h */
  size_t n;
  int maxlen;
  int nlists;
} ner_gaz;

/* Hash of one token for gazetteer matching (lower-cased, normalised). */
uint64_t ner_gaz_token_hash(const char *w, size_t len);
/* Combine token hashes the way entries were built. */
uint64_t ner_gaz_join(uint64_t acc, uint64_t tok, int first);
/* Lists containing the phrase with this hash (0 when none). */
uint32_t ner_gaz_lookup(const ner_gaz *g, uint64_t h);

/* Building: read dicts/ner/<list>.txt files into a sorted array. */
typedef struct ner_gaz_builder {
  ner_gaz_entry *e;
  size_t n, cap;
  int maxlen;
} ner_gaz_builder;
/* Add a phrase (tokens separated by spaces) to list. */
int ner_gaz_add(ner_gaz_builder *b, int list, const char *phrase);
/* Add every line of a file (# comments, blank lines skipped). */
int ner_gaz_add_file(ner_gaz_builder *b, int list, const char *path,
                     ann_error *e);
/* Sort and merge duplicates; g points into b. */
void ner_gaz_finish(ner_gaz_builder *b, ner_gaz *g, int nlists);
void ner_gaz_builder_free(ner_gaz_builder *b);

/* The list files, in list order (list i = ner_gaz_lists[i]). */
extern const char *const ner_gaz_lists[];
extern const int ner_gaz_nlists;
/* Their numbers, for the features and rules that name a list (keep in
 * step with ner_gaz_lists). */
enum {
  NER_G_COUNTRIES = 0,
  NER_G_CITIES = 1,
  NER_G_REGIONS = 2,
  NER_G_DEMONYMS = 3,
  NER_G_FIRST_NAMES = 4,
  NER_G_ORG_SUFFIXES = 5,
  NER_G_ORG_KEYWORDS = 6,
  NER_G_NEWS_ORGS = 7,
  NER_G_ORGANISATIONS = 8,
  NER_G_PERSON_TITLES = 9,
  NER_G_MISC = 10,
  NER_G_LOC_KEYWORDS = 11,
  NER_G_SPORTS_TEAMS = 12,
  NER_G_CAPITALISED = 13, /* the generated lists (train_ner) */
  NER_G_LOWERCASE = 14
};

/* ---------------------------------------------------------- features -- */

/* Per-token values computed once per document. */
typedef struct ner_tinfo {
  uint64_t hw, hl, hshape, hsshape, hpos, hpre[4], hsuf[4];
  uint64_t gaz;   /* 4 bits per list: B, I, L, U of the longest match */
  uint32_t flags; /* NER_F_* */
  uint32_t cap;   /* capitalisation class, 0..5 */
} ner_tinfo;

enum {
  NER_F_INITCAP = 1,
  NER_F_ALLCAP = 2,
  NER_F_DIGIT = 4,
  NER_F_ALPHA = 8,
  NER_F_FIRST = 16,
  NER_F_HEADLINE = 32,
  NER_F_LOWER = 64,
  NER_F_PUNCT = 128,
  NER_F_CONJ = 256, /* "and", "or" */
  NER_F_FACIL = 512 /* a facility noun: terminal, plant, refinery, ... */
};

/* Document-level information: every capitalised form's occurrences
 * (linked in a ring through next) for context aggregation, and, after a
 * first pass, how often each form was labelled each type. */
typedef struct ner_docinfo {
  const ner_tinfo *all; /* info of every token of the document */
  size_t ntok;
  uint32_t *next;     /* per token: next occurrence of its form, or self */
  uint64_t *key;      /* form hash per slot, 0 = empty */
  uint32_t (*cnt)[6]; /* per slot: PER ORG LOC MISC, all, lower-case */
  size_t mask;
  int labelled; /* cnt holds first-pass counts */
} ner_docinfo;

/* Fill info for tokens [0,n) of one sentence. */
void ner_tinfo_fill(const ner_tok *t, size_t n, const ner_gaz *g,
                    ner_tinfo *info);

/* Features of token i that do not depend on earlier predictions; returns
 * how many were written (at most NER_MAXFEAT - 8). info must point into
 * doc->all when doc is given; doc may be NULL (no document features). */
#define NER_MAXFEAT 96
size_t ner_features(const ner_tinfo *info, size_t n, size_t i,
                    const ner_docinfo *doc, int self, uint64_t *f);
/* The second-pass part of ner_features: how the first pass labelled the
 * same form elsewhere (nothing when doc is not labelled). */
size_t ner_doclabel_features(const ner_tinfo *x, const ner_docinfo *doc,
                             int self, uint64_t *f);
/* Features of the labels before token i. */
size_t ner_hist_features(const ner_tinfo *info, size_t i, int l1, int l2,
                         uint64_t *f);

/* Link the occurrences of each form over a document (tokens info[0..ntok))
 * and, when lab is not NULL, count its labels. Scratch from arena; 0 or
 * ANN_ENOMEM. */
int ner_docinfo_build(ner_docinfo *d, ann_arena *a, const ner_tinfo *info,
                      const uint8_t *lab, size_t ntok);
/* Recount labels (the links stay). */
void ner_docinfo_count(ner_docinfo *d, const uint8_t *lab);
/* The counts (PER ORG LOC MISC, all, lower-case) of x's form over the
 * document, or NULL when the form is not counted. */
const uint32_t *ner_docinfo_counts(const ner_docinfo *d, const ner_tinfo *x);

/* Type consistency after decoding (ner_fix.c): spans keep their bounds,
 * only their types change, by four rules over the document's labels
 * (doc is recounted from lab): a one-word name typed otherwise at every
 * other occurrence in the document (with two occurrences, the first
 * wins) takes that type when nothing supports its own; a name of two or more words whose last word is
 * an organisation head noun or company ending is an ORG; of two names
 * joined by "and" / "or", one whose type nothing supports (no gazetteer
 * list of that type, no other occurrence so labelled) takes the type of
 * the other when that one is supported; an unsupported MISC or LOC name
 * right before a facility noun ("the Agrotrans terminal") is an ORG.
 * Returns how many spans changed type. */
size_t ner_type_fix(const ner_tok *tok, const ner_tinfo *info,
                    const uint32_t *sent, size_t nsent, ner_docinfo *doc,
                    uint8_t *lab);

/* ------------------------------------------------------------- model -- */

/* Read-only weights: the shared averaged perceptron (perceptron.h) over
 * the 17 labels; blob is malloc'd when the weights come from a trainer. */
typedef struct ner_weights {
  ann_pc pc;  /* first pass (and second when has2 is 0) */
  ann_pc pc2; /* second pass, with document features */
  int has2;
  void *blob, *blob2;
  size_t size, size2;
} ner_weights;

/* Tag one document: nsent sentences, sentence i = tokens [sent[i],
 * sent[i+1]) of tok. Two passes (the second with document features) when
 * two_pass. Labels (BILOU, valid) go to lab. Scratch from a. */
int ner_tag_doc(const ner_weights *m, const ner_gaz *g, const ner_tok *tok,
                const uint32_t *sent, size_t nsent, int two_pass, ann_arena *a,
                uint8_t *lab);

/* Training: an averaged perceptron over hashed features. */
typedef struct ner_trainer ner_trainer;
ner_trainer *ner_trainer_new(void);
void ner_trainer_free(ner_trainer *t);
/* One greedy pass over a document, updating on mistakes. doc_lab (may be
 * NULL) are first-pass labels used for document features. Returns the
 * number of tokens tagged right. */
size_t ner_train_doc(ner_trainer *t, const ner_gaz *g, const ner_tok *tok,
                     const uint8_t *gold, const uint32_t *sent, size_t nsent,
                     const uint8_t *doc_lab, ann_arena *a);
/* The averaged weights, quantised (ann_pc_trainer_build), in a malloc'd
 * blob; free with ner_weights_free_owned. Weights below prune are dropped. */
int ner_trainer_export(const ner_trainer *t, double prune, ner_weights *out);
void ner_weights_free_owned(ner_weights *w);
/* Add t's weights as the second-pass model of w. */
int ner_trainer_export2(const ner_trainer *t, double prune, ner_weights *w);
size_t ner_trainer_nfeat(const ner_trainer *t);
/* A trainer whose averaged weights are the mean of ts[0..k)'s (an ensemble
 * of runs folded into one linear model; ann_pc_trainer_mean). Export only. */
ner_trainer *ner_trainer_mean(ner_trainer *const *ts, size_t k);

/* Model file: kind "NER1", sections meta, ner.pc (the weights), gaz. */
#define NER_MODEL_KIND ANN_FOURCC('N', 'E', 'R', '1')
#define NER_MODEL_VERSION 1
int ner_model_save(const char *path, const ner_weights *w, const ner_gaz *g,
                   uint32_t flags, ann_error *e);
/* Point w and g into an opened model; 0 or ANN_EMODEL. */
typedef struct ann_model ann_model;
int ner_model_bind(const ann_model *m, ner_weights *w, ner_gaz *g,
                   uint32_t *flags, ann_error *e);
enum { NER_MODEL_POS = 1 }; /* trained with POS features */

/* ------------------------------------------------------- evaluation -- */

typedef struct ner_eval {
  size_t tp[NER_NTYPES], fp[NER_NTYPES], gold[NER_NTYPES];
} ner_eval;
/* Count exact span matches of one sentence's labels. */
void ner_eval_add(ner_eval *ev, const uint8_t *gold, const uint8_t *pred,
                  size_t n);
/* F1 over all types (or type t >= 0) and precision / recall. */
double ner_eval_f1(const ner_eval *ev, int t, double *p, double *r);

#endif
