/*
 * ner_model.c — scoring, constrained greedy decoding in two passes,
 * averaged-perceptron training, export to a compact table and the model
 * file.
 *
 * Decoding goes left to right; at each token only labels that may follow
 * the previous one (ner_allowed) are considered, and at the last token
 * only labels that may end a sentence, so the output is always a valid
 * BILOU sequence. The first pass sees local features only; the second
 * adds document-level counts built from the first pass's labels.
 */
#include "annalist/model.h"
#include "tag/ner_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ scoring -- */

/* Labels that may follow prev, as bits: inside an entity (after B or I of
 * type t) only I-t and L-t; otherwise O, any B, any U (ner_allowed). */
#define NER_OUTSIDE_OK                                                       \
  (1u | 0x1111u << 1 | 0x1111u << 4)
static inline uint32_t allowed_after(int prev) {
  int p = ner_part(prev);
  if (prev && (p == NER_B || p == NER_I)) {
    int t = ner_type(prev);
    return 1u << ner_label(t, NER_I) | 1u << ner_label(t, NER_L);
  }
  return NER_OUTSIDE_OK;
}

static int best_allowed(const int32_t *score, int prev, int last) {
  /* O and any L or U may end a sentence (ner_allowed_last) */
  uint32_t ok = allowed_after(prev);
  if (last) {
    uint32_t end = 1;
    for (int t = 0; t < NER_NTYPES; t++)
      end |= 1u << ner_label(t, NER_L) | 1u << ner_label(t, NER_U);
    ok &= end;
  }
  int best = 0;
  int64_t bs = INT64_MIN;
  for (int l = 0; l < NER_NLABELS; l++) {
    if (!(ok >> l & 1)) continue;
    if (score[l] > bs) bs = score[l], best = l;
  }
  return best;
}

/* Token info for every sentence of a document. */
static ner_tinfo *doc_info(const ner_gaz *g, const ner_tok *tok,
                           const uint32_t *sent, size_t nsent, ann_arena *a) {
  size_t b = sent[0], n = sent[nsent] - b;
  ner_tinfo *info = ann_alloc(a, (n ? n : 1) * sizeof *info);
  if (!info) return NULL;
  for (size_t s = 0; s < nsent; s++)
    ner_tinfo_fill(tok + sent[s], sent[s + 1] - sent[s], g,
                   info + (sent[s] - b));
  return info;
}

/* One greedy pass. With one model for both passes, the first pass keeps
 * each token's score from the features that do not depend on labels in
 * cache, and the second adds only the document-label and history
 * features to it: the second pass costs a fraction of the first. */
enum { CACHE_NONE, CACHE_FILL, CACHE_USE };

static void tag_pass(const ann_pc *m, const ner_tinfo *info,
                     const uint32_t *sent, size_t nsent, const ner_docinfo *doc,
                     const uint8_t *first, int32_t *cache, int mode,
                     uint8_t *lab) {
  /* The label-independent features of token i + 1 are computed, and their
   * table slots prefetched, before token i is scored: the cache misses of
   * the next token overlap the work on this one. */
  uint64_t fa[NER_MAXFEAT], fb[NER_MAXFEAT], *f = fa, *fn = fb;
  size_t b = sent[0];
  for (size_t s = 0; s < nsent; s++) {
    size_t o = sent[s] - b, n = sent[s + 1] - sent[s];
    const ner_tinfo *x = info + o;
    int l1 = 0, l2 = 0;
    size_t kn = 0;
    if (n) {
      int self = first ? first[o] : 0;
      kn = mode == CACHE_USE ? ner_doclabel_features(&x[0], doc, self, fn)
                             : ner_features(x, n, 0, doc, self, fn);
      ann_pc_prefetch(m, fn, kn);
    }
    for (size_t i = 0; i < n; i++) {
      int32_t score[NER_NLABELS];
      uint64_t *t = f;
      f = fn, fn = t;
      size_t k = kn;
      if (i + 1 < n) {
        int self = first ? first[o + i + 1] : 0;
        kn = mode == CACHE_USE
                 ? ner_doclabel_features(&x[i + 1], doc, self, fn)
                 : ner_features(x, n, i + 1, doc, self, fn);
        ann_pc_prefetch(m, fn, kn);
      }
      /* the history features (the labels just decided) go in the same
       * lookup pass as the token's own, so that their cache misses
       * overlap; in a first pass that fills the cache, the own features'
       * sum goes to the cache row and is then added */
      size_t h = ner_hist_features(x, i, l1, l2, f + k);
      if (mode == CACHE_USE) {
        memcpy(score, cache + (o + i) * NER_NLABELS, sizeof score);
        ann_pc_scores_add(m, f, k + h, score);
      } else if (mode == CACHE_FILL) {
        int32_t *row = cache + (o + i) * NER_NLABELS;
        uint8_t dst[NER_MAXFEAT];
        memset(dst, 1, k);
        memset(dst + k, 0, h);
        memset(score, 0, sizeof score);
        memset(row, 0, sizeof score);
        int32_t *out[2] = {score, row};
        ann_pc_scores_multi(m, f, dst, k + h, out);
        for (int c = 0; c < NER_NLABELS; c++) score[c] += row[c];
      } else {
        ann_pc_scores(m, f, k + h, score);
      }
      int l = best_allowed(score, l1, i + 1 == n);
      lab[o + i] = (uint8_t)l;
      l2 = l1, l1 = l;
    }
  }
}

int ner_tag_doc(const ner_weights *m, const ner_gaz *g, const ner_tok *tok,
                const uint32_t *sent, size_t nsent, int two_pass, ann_arena *a,
                uint8_t *lab) {
  if (!nsent) return 0;
  size_t ntok = sent[nsent] - sent[0];
  if (!ntok) return 0;
  ner_tinfo *info = doc_info(g, tok, sent, nsent, a);
  ner_docinfo d;
  if (!info || ner_docinfo_build(&d, a, info, NULL, ntok)) return ANN_ENOMEM;
  int32_t *cache = NULL;
  if (two_pass && !m->has2) {
    cache = ann_alloc(a, ntok * NER_NLABELS * sizeof *cache);
    if (!cache) return ANN_ENOMEM;
  }
  tag_pass(&m->pc, info, sent, nsent, &d, NULL, cache,
           cache ? CACHE_FILL : CACHE_NONE, lab);
  if (!two_pass) return 0;
  uint8_t *first = ann_alloc(a, ntok);
  if (!first) return ANN_ENOMEM;
  memcpy(first, lab, ntok);
  ner_docinfo_count(&d, first);
  tag_pass(m->has2 ? &m->pc2 : &m->pc, info, sent, nsent, &d, first, cache,
           cache ? CACHE_USE : CACHE_NONE, lab);
  ner_type_fix(tok, info, sent, nsent, &d, lab);
  return 0;
}

/* ----------------------------------------------------------- training -- */

struct ner_trainer {
  ann_pc_trainer *pc;
};

ner_trainer *ner_trainer_new(void) {
  ner_trainer *t = calloc(1, sizeof *t);
  if (!t) return NULL;
  t->pc = ann_pc_trainer_new(NER_NLABELS);
  if (!t->pc) {
    free(t);
    return NULL;
  }
  return t;
}

void ner_trainer_free(ner_trainer *t) {
  if (!t) return;
  ann_pc_trainer_free(t->pc);
  free(t);
}

ner_trainer *ner_trainer_mean(ner_trainer *const *ts, size_t k) {
  const ann_pc_trainer *pcs[16];
  if (k == 0 || k > 16) return NULL;
  for (size_t i = 0; i < k; i++)
    pcs[i] = ts[i]->pc;
  ner_trainer *t = calloc(1, sizeof *t);
  if (!t) return NULL;
  t->pc = ann_pc_trainer_mean(pcs, k);
  if (!t->pc) {
    free(t);
    return NULL;
  }
  return t;
}

size_t ner_trainer_nfeat(const ner_trainer *t) {
  return ann_pc_trainer_nfeat(t->pc);
}

size_t ner_train_doc(ner_trainer *t, const ner_gaz *g, const ner_tok *tok,
                     const uint8_t *gold, const uint32_t *sent, size_t nsent,
                     const uint8_t *doc_lab, ann_arena *a) {
  if (!nsent) return 0;
  size_t b = sent[0], ntok = sent[nsent] - b, right = 0;
  if (!ntok) return 0;
  ner_tinfo *info = doc_info(g, tok, sent, nsent, a);
  if (!info) return 0;
  ner_docinfo d, *dp = &d;
  if (ner_docinfo_build(&d, a, info, doc_lab, ntok)) return 0;
  uint64_t f[NER_MAXFEAT];
  for (size_t s = 0; s < nsent; s++) {
    size_t o = sent[s] - b, n = sent[s + 1] - sent[s];
    const ner_tinfo *x = info + o;
    int l1 = 0, l2 = 0;
    for (size_t i = 0; i < n; i++) {
      size_t k = ner_features(x, n, i, dp, doc_lab ? doc_lab[o + i] : 0, f);
      k += ner_hist_features(x, i, l1, l2, f + k);
      int32_t score[NER_NLABELS];
      ann_pc_trainer_scores(t->pc, f, k, score);
      int l = best_allowed(score, l1, i + 1 == n);
      int gl = gold[b + o + i];
      if (l != gl) {
        ann_pc_trainer_update(t->pc, f, k, (uint32_t)gl, 1);
        ann_pc_trainer_update(t->pc, f, k, (uint32_t)l, -1);
      } else {
        right++;
      }
      ann_pc_trainer_tick(t->pc);
      l2 = l1, l1 = l;
    }
  }
  return right;
}

/* ------------------------------------------------------------- export -- */

static const char *const label_names[NER_NLABELS] = {
    "O",     "B-PER",  "I-PER",  "L-PER",  "U-PER", "B-ORG",
    "I-ORG", "L-ORG",  "U-ORG",  "B-LOC",  "I-LOC", "L-LOC",
    "U-LOC", "B-MISC", "I-MISC", "L-MISC", "U-MISC"};

void ner_weights_free_owned(ner_weights *w) {
  ann_pc_close(&w->pc);
  ann_pc_close(&w->pc2);
  free(w->blob);
  free(w->blob2);
  memset(w, 0, sizeof *w);
}

int ner_trainer_export(const ner_trainer *t, double prune, ner_weights *out) {
  memset(out, 0, sizeof *out);
  int rc =
      ann_pc_trainer_build(t->pc, label_names, prune, &out->blob, &out->size);
  if (rc) return rc;
  ann_error e;
  rc = ann_pc_open(&out->pc, out->blob, out->size, &e);
  if (rc) {
    free(out->blob);
    out->blob = NULL;
  }
  return rc;
}

int ner_trainer_export2(const ner_trainer *t, double prune, ner_weights *w) {
  int rc =
      ann_pc_trainer_build(t->pc, label_names, prune, &w->blob2, &w->size2);
  if (rc) return rc;
  ann_error e;
  rc = ann_pc_open(&w->pc2, w->blob2, w->size2, &e);
  if (rc) {
    free(w->blob2);
    w->blob2 = NULL;
    return rc;
  }
  w->has2 = 1;
  return 0;
}

/* --------------------------------------------------------- model file -- */

typedef struct ner_meta {
  uint32_t nlabels, flags, nlists, gaz_maxlen, ngaz, pad[3];
} ner_meta;

int ner_model_save(const char *path, const ner_weights *w, const ner_gaz *g,
                   uint32_t flags, ann_error *e) {
  ann_model_writer *mw =
      ann_model_writer_new(NER_MODEL_KIND, NER_MODEL_VERSION);
  if (!mw) return ann_fail(e, ANN_ENOMEM, -1, "out of memory");
  ner_meta meta = {NER_NLABELS,
                   flags,
                   (uint32_t)(g ? g->nlists : 0),
                   (uint32_t)(g ? g->maxlen : 0),
                   (uint32_t)(g ? g->n : 0),
                   {0, 0, 0}};
  int rc = ann_model_writer_add(mw, "meta", &meta, sizeof meta);
  if (!rc) rc = ann_model_writer_add(mw, "ner.pc", w->blob, w->size);
  if (!rc && w->has2)
    rc = ann_model_writer_add(mw, "ner.pc2", w->blob2, w->size2);
  if (!rc && g && g->n)
    rc = ann_model_writer_add(mw, "gaz", g->e, g->n * sizeof *g->e);
  if (rc) {
    ann_model_writer_free(mw);
    return ann_fail(e, rc, -1, "%s: cannot build model", path);
  }
  rc = ann_model_writer_save(mw, path, e);
  ann_model_writer_free(mw);
  return rc;
}

int ner_model_bind(const ann_model *m, ner_weights *w, ner_gaz *g,
                   uint32_t *flags, ann_error *e) {
  memset(w, 0, sizeof *w);
  memset(g, 0, sizeof *g);
  const char *path = ann_model_path(m);
  if (!path) path = "NER model";
  size_t n, ng = 0;
  const ner_meta *meta = ann_model_section(m, "meta", &n);
  if (!meta || n != sizeof *meta || meta->nlabels != NER_NLABELS ||
      meta->nlists > NER_MAXGAZ || meta->gaz_maxlen > NER_GAZ_MAXLEN)
    return ann_fail(e, ANN_EMODEL, -1, "%s: bad NER model header", path);
  g->e = ann_model_section(m, "gaz", &ng);
  if (ng != (size_t)meta->ngaz * sizeof *g->e || (meta->ngaz && !g->e))
    return ann_fail(e, ANN_EMODEL, -1, "%s: bad gazetteer section", path);
  int rc = ann_pc_load(&w->pc, m, "ner.pc", e);
  if (rc) return rc;
  if (ann_model_section(m, "ner.pc2", &n)) {
    rc = ann_pc_load(&w->pc2, m, "ner.pc2", e);
    if (rc) {
      ann_pc_close(&w->pc);
      return rc;
    }
    w->has2 = 1;
  }
  if (w->pc.nclasses != NER_NLABELS ||
      (w->has2 && w->pc2.nclasses != NER_NLABELS)) {
    ann_pc_close(&w->pc);
    ann_pc_close(&w->pc2);
    return ann_fail(e, ANN_EMODEL, -1, "%s: wrong number of labels", path);
  }
  g->n = meta->ngaz;
  g->maxlen = (int)meta->gaz_maxlen;
  g->nlists = (int)meta->nlists;
  if (!g->n) g->e = NULL;
  *flags = meta->flags;
  return 0;
}
