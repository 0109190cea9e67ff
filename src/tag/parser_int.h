/*
 * parser_int.h — what the parser's runtime and trainer share: the
 * arc-hybrid configuration, its transitions, the oracle's costs and the
 * feature templates.
 *
 * Classes: 0 = SHIFT, 1 + l = LEFT-ARC with label l, 1 + L + l =
 * RIGHT-ARC with label l (L labels). Word 0 is the root; index n + 1 is a
 * sentinel "no such item" whose children are itself, so that feature
 * extraction never branches on absent items.
 */
#ifndef ANN_TAG_PARSER_INT_H
#define ANN_TAG_PARSER_INT_H

#include "tag/parser.h"

#include <stdint.h>

#define PS_MAX_LABELS 120
#define PS_MAX_FEATS 224

enum { PS_SHIFT = 0, PS_LEFT = 1, PS_RIGHT = 2 };

typedef struct ps_state {
  int n, none;   /* words 1..n, none = n + 1 */
  int *stack, sp;
  int b;         /* buffer front; the buffer is b..n */
  int *head, *lab;
  int *l1, *l2, *r1, *r2; /* leftmost, 2nd leftmost, rightmost, 2nd */
  int *nl, *nr;           /* number of left / right children */
  uint64_t *lset, *rset;  /* labels of left / right children, as bits */
  /* per-word feature atoms (hashes): word, tag, coarse tag, suffix,
   * shape */
  uint64_t *W, *P, *U, *S, *H;
  /* word classes (pos.h): coarse, left fine, right fine, WordNet set */
  uint64_t *CC, *CL, *CR, *CN;
} ps_state;

/* Allocate a state for n words from a (all arrays), NULL on failure. */
ps_state *ps_state_new(ann_arena *a, size_t n);
/* Reset to the initial configuration and compute the atoms of w. */
void ps_state_init(ps_state *s, const ann_dep_word *w, size_t n);

static inline int ps_terminal(const ps_state *s) {
  return s->b > s->n && s->sp <= 1;
}

/* Valid transition types as bits (1 << PS_SHIFT ...). */
static inline unsigned ps_valid(const ps_state *s) {
  unsigned v = 0;
  if (s->b <= s->n) v |= 1u << PS_SHIFT;
  if (s->sp >= 2 && s->b <= s->n) v |= 1u << PS_LEFT;
  if (s->sp >= 2 && (s->stack[s->sp - 2] != 0 || s->b > s->n))
    v |= 1u << PS_RIGHT;
  return v;
}

static inline int ps_class_type(int cls, int nlab) {
  return cls == 0 ? PS_SHIFT : cls <= nlab ? PS_LEFT : PS_RIGHT;
}
static inline int ps_class_label(int cls, int nlab) {
  return cls == 0 ? -1 : cls <= nlab ? cls - 1 : cls - 1 - nlab;
}

void ps_apply(ps_state *s, int cls, int nlab);

/* Oracle costs (Goldberg & Nivre 2013, arc-hybrid) of each transition
 * type against gold heads gh[1..n]; cost[t] = -1 when t is invalid. */
void ps_costs(const ps_state *s, const int32_t *gh, int cost[3]);

/* Feature groups beyond the base templates (bits; a model's "parse.cfg"
 * section says which it was trained with, none when it has no such
 * section). */
enum {
  PS_F_UPOS = 1,   /* coarse-tag combinations */
  PS_F_SHAPE = 2,  /* word shapes, more suffixes */
  PS_F_LEX = 4,    /* more word pairs */
  PS_F_KIDS = 8,   /* more children and label features */
  PS_F_CLU = 16,   /* word classes (Koo et al. 2008) */
  PS_F_PP = 32,    /* attachment of prepositional phrases (obl / nmod) */
  PS_F_ALL = 63
};

/* A model's configuration, section "parse.cfg": two little-endian u32,
 * feature groups and beam width (1 = greedy). */
#define PS_MAX_BEAM 32

extern int ps_explore_pct; /* training: follow a wrong prediction, % */

/* Feature hashes of the configuration; returns how many (<= PS_MAX_FEATS). */
int ps_features(const ps_state *s, unsigned flags, uint64_t *f);
/* The same, and mk[i] (PS_MAX_FEATS bytes) = 1 when feature i depends
 * on the buffer items b0 b1 b2 only (it stays until the next SHIFT), 2
 * when on the stack items s0 s1 s2 only, without children (it stays while
 * s0 is on the stack: arc-hybrid never changes what lies below it), 0
 * otherwise. Features hash alike either way. */
int ps_features_mark(const ps_state *s, unsigned flags, uint64_t *f,
                     uint8_t *mk);

/* Copy the configuration of src into dst (allocated for at least as many
 * words); the word atoms are shared, not copied. */
void ps_state_copy(ps_state *dst, const ps_state *src);

/* ------------------------------------------------------------- beam -- */

/* A beam of configurations advanced in step (every arc-hybrid parse of n
 * words takes 2n transitions). Items are kept best first; par/cls record
 * each step's parent item and class so a sequence can be replayed. */
typedef struct ps_cand {
  int64_t score;
  int item, cls, ok;
} ps_cand;

typedef struct ps_beam {
  int k, nb, step, steps;
  ps_state *root;            /* holds the word atoms */
  ps_state **cur, **nxt;
  int64_t *score;            /* [k] of cur */
  int *ok;                   /* [k] training: no gold arc lost so far */
  int *par, *cls;            /* [steps * k] */
  ps_cand *cand;             /* [k] selected candidates of this step */
  int ncand;
} ps_beam;

ps_beam *ps_beam_new(ann_arena *a, size_t n, int k);
void ps_beam_init(ps_beam *b, const ann_dep_word *w, size_t n);
/* Offer candidate (item, cls) with total score; keeps the k best, ties to
 * the earlier offer. */
void ps_beam_offer(ps_beam *b, int64_t score, int item, int cls, int ok);
/* Apply the selected candidates: the next beam. */
void ps_beam_advance(ps_beam *b, int nlab);
/* The class sequence of item j of the beam after `steps` steps (at most
 * b->step) into seq[0..steps). */
void ps_beam_sequence(const ps_beam *b, int steps, int j, int *seq);

#endif
