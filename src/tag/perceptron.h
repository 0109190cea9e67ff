/*
 * perceptron.h — the multiclass averaged perceptron shared by the POS
 * tagger, the named-entity tagger and the dependency parser.
 *
 * Features are strings (or anything) hashed to 64 bits by the caller with
 * ann_pc_hash()/ann_pc_hash_str(); a feature's weights are a sparse list of
 * (class, weight) pairs. There are two objects:
 *
 *   ann_pc_trainer  malloc'd, growable, integer weights with averaging
 *                   (Daume's trick: w_avg = w - wa / c). Used by tools/.
 *   ann_pc          read-only view of a compiled blob: an open-addressing
 *                   table of 32-bit feature fingerprints -> int16
 *                   quantised averaged weights (inline in the slot and
 *                   the empty slots of its cache line when they fit, else
 *                   a sparse or dense block). The blob is a section
 *                   of an ann_model file used in place (mmapped, no parsing
 *                   at load; ann_pc_open only checks bounds).
 *
 * Training loop (one instance = one decision):
 *
 *   ann_pc_trainer *t = ann_pc_trainer_new(nclasses);
 *   for each epoch, for each instance:
 *     n = features(..., f);                      // uint64_t f[]
 *     ann_pc_trainer_scores(t, f, n, sc);        // int32_t sc[nclasses]
 *     guess = argmax(sc);
 *     if (guess != gold) {
 *       ann_pc_trainer_update(t, f, n, gold, +1);
 *       ann_pc_trainer_update(t, f, n, guess, -1);
 *     }
 *     ann_pc_trainer_tick(t);                    // once per instance
 *   ann_pc_trainer_build(t, names, 0, &blob, &size); // averaged, int16
 *   ann_model_writer_add(w, "pos.upos", blob, size); free(blob);
 *
 * At run time:
 *
 *   ann_pc m;
 *   ann_pc_load(&m, model, "pos.upos", &err);    // points into the mmap
 *   ann_pc_scores(&m, f, n, sc);  best = ann_pc_argmax(sc, m.nclasses);
 *   ann_pc_close(&m);                             // frees the name table
 *
 * Scores are int32 sums of quantised weights (multiply by 1/m.scale to get
 * the averaged perceptron's own units). Class ids are 0..nclasses-1; class
 * names travel in the blob. Everything is deterministic: the same training
 * sequence gives the same bytes.
 */
#ifndef ANN_TAG_PERCEPTRON_H
#define ANN_TAG_PERCEPTRON_H

#include "annalist/ann.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* ------------------------------------------------------------ hashing -- */

/* A 64-bit hash of n bytes, seeded (use the seed for the feature template
 * id, so "w=the" and "p=the" differ). Stable across runs and machines. */
static inline uint64_t ann_pc_hash(uint64_t seed, const void *p, size_t n) {
  const unsigned char *s = (const unsigned char *)p;
  uint64_t h = seed * 0x9E3779B97F4A7C15ull ^ (uint64_t)n;
  while (n >= 8) {
    uint64_t v = (uint64_t)s[0] | (uint64_t)s[1] << 8 | (uint64_t)s[2] << 16 |
                 (uint64_t)s[3] << 24 | (uint64_t)s[4] << 32 |
                 (uint64_t)s[5] << 40 | (uint64_t)s[6] << 48 |
                 (uint64_t)s[7] << 56;
    h = (h ^ v) * 0xFF51AFD7ED558CCDull;
    h ^= h >> 29;
    s += 8;
    n -= 8;
  }
  uint64_t v = 0;
  for (size_t i = 0; i < n; i++) v |= (uint64_t)s[i] << (8 * i);
  h = (h ^ v) * 0xC4CEB9FE1A85EC53ull;
  h ^= h >> 32;
  h *= 0xFF51AFD7ED558CCDull;
  h ^= h >> 29;
  return h;
}

static inline uint64_t ann_pc_hash_str(uint64_t seed, const char *s) {
  return ann_pc_hash(seed, s, strlen(s));
}

/* Combine a hash with another value (a second word, a tag id). */
static inline uint64_t ann_pc_mix(uint64_t h, uint64_t v) {
  h ^= v + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
  h *= 0xFF51AFD7ED558CCDull;
  h ^= h >> 33;
  return h;
}

/* ---------------------------------------------------------- run time -- */

typedef struct ann_pc {
  uint32_t nclasses;
  uint32_t cap;         /* slots, a power of two */
  uint32_t nent;        /* u32 entries */
  uint32_t nfeat;       /* features stored */
  float scale;          /* quantised = round(avg weight * scale) */
  const uint32_t *slot; /* [cap] x {fingerprint (0 = empty), value} */
  const uint32_t *ent;  /* weight blocks (layout in perceptron.c) */
  const char **names;   /* [nclasses], malloc'd, into the blob */
  const uint32_t *filt; /* membership filter (perceptron.c), or NULL */
  uint32_t filt_log2;   /* its size: 2^filt_log2 64-bit words */
} ann_pc;

/* View a compiled blob (kept alive by the caller, 4-byte aligned). Checks
 * every bound so that a corrupt blob is ANN_EMODEL, never a crash.
 * Allocates only the class-name table; release with ann_pc_close. */
int ann_pc_open(ann_pc *m, const void *blob, size_t size, ann_error *e);

/* ann_pc_open on section `section` of an open model file. */
struct ann_model;
int ann_pc_load(ann_pc *m, const struct ann_model *model, const char *section,
                ann_error *e);

void ann_pc_close(ann_pc *m);

/* scores[0..nclasses) = sum over features of their weights. Features not
 * in the table count zero. */
void ann_pc_scores(const ann_pc *m, const uint64_t *f, size_t n,
                   int32_t *scores);

/* The same without clearing scores first: adds the features' weights to
 * what is there (a second batch of features, e.g. history features on top
 * of a cached score). */
void ann_pc_scores_add(const ann_pc *m, const uint64_t *f, size_t n,
                       int32_t *scores);

/* The same for features bound for several score arrays: feature i's
 * weights are added to out[dst[i]] (e.g. a parser keeping cached partial
 * sums: one pass overlaps the cache misses of all of them). */
void ann_pc_scores_multi(const ann_pc *m, const uint64_t *f,
                         const uint8_t *dst, size_t n, int32_t *const *out);

/* Start fetching the table slots of features f[0..n) (to overlap the
 * cache misses of the next decision with the work of this one). */
static inline void ann_pc_prefetch(const ann_pc *m, const uint64_t *f,
                                   size_t n) {
  uint32_t mask = m->cap - 1;
  for (size_t i = 0; i < n; i++)
    __builtin_prefetch(&m->slot[2 * ((uint32_t)f[i] & mask)]);
}

/* Add the weights of one feature to scores (for callers that combine
 * feature sets cheaply, e.g. a beam sharing the word features). */
void ann_pc_add(const ann_pc *m, uint64_t f, int32_t *scores);

/* Index of the largest score (the lowest index on ties); n >= 1. */
uint32_t ann_pc_argmax(const int32_t *s, uint32_t n);

/* Convert a weight table in an older layout (APC1: three arrays; APC2:
 * every block outside the slots) to the current one (APC3): the same slots
 * and weights, so the same scores. The result is malloc'd (caller frees);
 * byte-identical to what the trainer builds from the same weights. Returns
 * 0 or ANN_EMODEL / ANN_ENOMEM. (APC2 tables are also read as they are.) */
int ann_pc_relayout(const void *old, size_t size, void **blob, size_t *out_size,
                    ann_error *e);

/* Class id of name, or -1. Linear: call at load time, not per token. */
int ann_pc_class(const ann_pc *m, const char *name);

/* ----------------------------------------------------------- training -- */

typedef struct ann_pc_trainer ann_pc_trainer;

/* A trainer for nclasses (1..65535) classes; NULL when out of memory. */
ann_pc_trainer *ann_pc_trainer_new(uint32_t nclasses);
void ann_pc_trainer_free(ann_pc_trainer *t);

/* Current (not averaged) weights: what the perceptron rule needs. */
void ann_pc_trainer_scores(const ann_pc_trainer *t, const uint64_t *f,
                           size_t n, int32_t *scores);

/* w[f][cls] += delta for every feature in f. Returns 0 or ANN_ENOMEM. */
int ann_pc_trainer_update(ann_pc_trainer *t, const uint64_t *f, size_t n,
                          uint32_t cls, int32_t delta);

/* One instance has been seen (advances the averaging clock). */
void ann_pc_trainer_tick(ann_pc_trainer *t);

/* Features with at least one weight so far. */
size_t ann_pc_trainer_nfeat(const ann_pc_trainer *t);

/* Compile the averaged weights into a malloc'd blob (caller frees) for
 * ann_pc_open / a model section. names[nclasses] are the class names.
 * Averaged weights with |w| < prune are dropped (0 keeps all that do not
 * quantise to zero): the knob that trades size for accuracy. */
int ann_pc_trainer_build(const ann_pc_trainer *t, const char *const *names,
                         double prune, void **blob, size_t *size);

/* A new trainer (caller frees) whose averaged weights are the mean of
 * the averaged weights of ts[0..k), all with the same classes: k runs
 * (e.g. different seeds) folded into one model of the same speed, whose
 * scores are the mean of theirs. Only for ann_pc_trainer_build. NULL
 * when out of memory or the class counts differ. */
ann_pc_trainer *ann_pc_trainer_mean(const ann_pc_trainer *const *ts,
                                    size_t k);

#endif
