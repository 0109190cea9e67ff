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
#include "tag/ner_int.h"
#include "annalist/model.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ scoring -- */

static inline uint32_t slot_of(uint64_t f, uint32_t nslots) {
  return (uint32_t)(((uint64_t)(uint32_t)f * nslots) >> 32);
}
static inline uint32_t key_of(uint64_t f) { return (uint32_t)(f >> 32) | 1; }

void ner_score(const ner_weights *m, const uint64_t *f, size_t nf,
               float *score) {
  if (!m->nslots) return;
  for (size_t i = 0; i < nf; i++) {
    uint32_t key = key_of(f[i]), s = slot_of(f[i], m->nslots);
    while (m->keys[s] && m->keys[s] != key)
      if (++s == m->nslots) s = 0;
    if (!m->keys[s]) continue;
    uint32_t r = m->rows[s];
    const int8_t *w = m->w + (size_t)r * NER_NLABELS;
    float sc = m->scale[r];
    for (int l = 0; l < NER_NLABELS; l++) score[l] += sc * (float)w[l];
  }
}

static int best_allowed(const float *score, int prev, int last) {
  int best = 0;
  float bs = -INFINITY;
  for (int l = 0; l < NER_NLABELS; l++) {
    if (!ner_allowed(prev, l)) continue;
    if (last && !ner_allowed_last(l)) continue;
    if (score[l] > bs) bs = score[l], best = l;
  }
  return best;
}

/* Token info for every sentence of a document. */
static ner_tinfo *doc_info(const ner_gaz *g, const ner_tok *tok,
                           const uint32_t *sent, size_t nsent,
                           ann_arena *a) {
  size_t b = sent[0], n = sent[nsent] - b;
  ner_tinfo *info = ann_alloc(a, (n ? n : 1) * sizeof *info);
  if (!info) return NULL;
  for (size_t s = 0; s < nsent; s++)
    ner_tinfo_fill(tok + sent[s], sent[s + 1] - sent[s], g,
                   info + (sent[s] - b));
  return info;
}

static void tag_pass(const ner_weights *m, const ner_tinfo *info,
                     const uint32_t *sent, size_t nsent,
                     const ner_docinfo *doc, const uint8_t *first,
                     uint8_t *lab) {
  uint64_t f[NER_MAXFEAT];
  size_t b = sent[0];
  for (size_t s = 0; s < nsent; s++) {
    size_t o = sent[s] - b, n = sent[s + 1] - sent[s];
    const ner_tinfo *x = info + o;
    int l1 = 0, l2 = 0;
    for (size_t i = 0; i < n; i++) {
      size_t k = ner_features(x, n, i, doc, first ? first[o + i] : 0, f);
      k += ner_hist_features(x, i, l1, l2, f + k);
      float score[NER_NLABELS] = {0};
      ner_score(m, f, k, score);
      int l = best_allowed(score, l1, i + 1 == n);
      lab[o + i] = (uint8_t)l;
      l2 = l1, l1 = l;
    }
  }
}

int ner_tag_doc(const ner_weights *m, const ner_gaz *g, const ner_tok *tok,
                const uint32_t *sent, size_t nsent, int two_pass,
                ann_arena *a, uint8_t *lab) {
  if (!nsent) return 0;
  size_t ntok = sent[nsent] - sent[0];
  if (!ntok) return 0;
  ner_tinfo *info = doc_info(g, tok, sent, nsent, a);
  if (!info) return ANN_ENOMEM;
  tag_pass(m, info, sent, nsent, NULL, NULL, lab);
  if (!two_pass) return 0;
  ner_docinfo d;
  uint8_t *first = ann_alloc(a, ntok);
  if (!first || ner_docinfo_build(&d, a, info, lab, ntok)) return ANN_ENOMEM;
  memcpy(first, lab, ntok);
  tag_pass(m, info, sent, nsent, &d, first, lab);
  return 0;
}

/* ----------------------------------------------------------- training -- */

/* Weights w and their running sums u for averaging (Daume's trick: the
 * average is w - u / c where c counts the examples seen). */
struct ner_trainer {
  uint64_t *key; /* open addressing, 0 = empty */
  uint32_t *row;
  size_t mask, n;
  int32_t *w;
  int64_t *u;
  size_t rows_cap;
  int64_t c;
};

ner_trainer *ner_trainer_new(void) {
  ner_trainer *t = calloc(1, sizeof *t);
  if (!t) return NULL;
  t->mask = (1u << 16) - 1;
  t->key = calloc(t->mask + 1, sizeof *t->key);
  t->row = calloc(t->mask + 1, sizeof *t->row);
  t->c = 1;
  if (!t->key || !t->row) {
    ner_trainer_free(t);
    return NULL;
  }
  return t;
}

void ner_trainer_free(ner_trainer *t) {
  if (!t) return;
  free(t->key);
  free(t->row);
  free(t->w);
  free(t->u);
  free(t);
}

size_t ner_trainer_nfeat(const ner_trainer *t) { return t->n; }

/* Feature hashes are already mixed: their low bits pick the slot. */
static long find_row(const ner_trainer *t, uint64_t f) {
  size_t s = (size_t)f & t->mask;
  while (t->key[s]) {
    if (t->key[s] == f) return t->row[s];
    s = (s + 1) & t->mask;
  }
  return -1;
}

static int grow_table(ner_trainer *t) {
  size_t nm = (t->mask + 1) * 2 - 1;
  uint64_t *k = calloc(nm + 1, sizeof *k);
  uint32_t *r = calloc(nm + 1, sizeof *r);
  if (!k || !r) {
    free(k);
    free(r);
    return ANN_ENOMEM;
  }
  for (size_t i = 0; i <= t->mask; i++) {
    if (!t->key[i]) continue;
    size_t s = (size_t)t->key[i] & nm;
    while (k[s]) s = (s + 1) & nm;
    k[s] = t->key[i], r[s] = t->row[i];
  }
  free(t->key);
  free(t->row);
  t->key = k, t->row = r, t->mask = nm;
  return 0;
}

static long add_row(ner_trainer *t, uint64_t f) {
  if ((t->n + 1) * 2 > t->mask + 1 && grow_table(t)) return -1;
  if (t->n == t->rows_cap) {
    size_t nc = t->rows_cap ? t->rows_cap * 2 : 65536;
    int32_t *w = realloc(t->w, nc * NER_NLABELS * sizeof *w);
    if (!w) return -1;
    t->w = w;
    int64_t *u = realloc(t->u, nc * NER_NLABELS * sizeof *u);
    if (!u) return -1;
    t->u = u;
    t->rows_cap = nc;
  }
  size_t s = (size_t)f & t->mask;
  while (t->key[s]) s = (s + 1) & t->mask;
  t->key[s] = f;
  t->row[s] = (uint32_t)t->n;
  memset(t->w + t->n * NER_NLABELS, 0, NER_NLABELS * sizeof *t->w);
  memset(t->u + t->n * NER_NLABELS, 0, NER_NLABELS * sizeof *t->u);
  return (long)t->n++;
}

static void train_score(const ner_trainer *t, const uint64_t *f, size_t nf,
                        float *score) {
  for (size_t i = 0; i < nf; i++) {
    long r = find_row(t, f[i]);
    if (r < 0) continue;
    const int32_t *w = t->w + (size_t)r * NER_NLABELS;
    for (int l = 0; l < NER_NLABELS; l++) score[l] += (float)w[l];
  }
}

static void update(ner_trainer *t, const uint64_t *f, size_t nf, int gold,
                   int pred) {
  for (size_t i = 0; i < nf; i++) {
    long r = find_row(t, f[i]);
    if (r < 0 && (r = add_row(t, f[i])) < 0) continue;
    int32_t *w = t->w + (size_t)r * NER_NLABELS;
    int64_t *u = t->u + (size_t)r * NER_NLABELS;
    w[gold]++, u[gold] += t->c;
    w[pred]--, u[pred] -= t->c;
  }
}

size_t ner_train_doc(ner_trainer *t, const ner_gaz *g, const ner_tok *tok,
                     const uint8_t *gold, const uint32_t *sent, size_t nsent,
                     const uint8_t *doc_lab, ann_arena *a) {
  if (!nsent) return 0;
  size_t b = sent[0], ntok = sent[nsent] - b, right = 0;
  if (!ntok) return 0;
  ner_tinfo *info = doc_info(g, tok, sent, nsent, a);
  if (!info) return 0;
  ner_docinfo d, *dp = NULL;
  if (doc_lab) {
    if (ner_docinfo_build(&d, a, info, doc_lab, ntok)) return 0;
    dp = &d;
  }
  uint64_t f[NER_MAXFEAT];
  for (size_t s = 0; s < nsent; s++) {
    size_t o = sent[s] - b, n = sent[s + 1] - sent[s];
    const ner_tinfo *x = info + o;
    int l1 = 0, l2 = 0;
    for (size_t i = 0; i < n; i++) {
      size_t k = ner_features(x, n, i, dp, doc_lab ? doc_lab[o + i] : 0, f);
      k += ner_hist_features(x, i, l1, l2, f + k);
      float score[NER_NLABELS] = {0};
      train_score(t, f, k, score);
      int l = best_allowed(score, l1, i + 1 == n);
      int gl = gold[b + o + i];
      if (l != gl) update(t, f, k, gl, l);
      else right++;
      t->c++;
      l2 = l1, l1 = l;
    }
  }
  return right;
}

/* ------------------------------------------------------------- export -- */

void ner_weights_free_owned(ner_weights *w) {
  free(w->owned);
  memset(w, 0, sizeof *w);
}

/* Rows whose largest averaged weight is below prune are dropped; the rest
 * are quantised to int8 with a scale per row. Two features whose 32-bit
 * keys collide are merged (their weights summed). The table is sized for
 * a load of 2/3 and filled in row order, so the bytes are reproducible. */
int ner_trainer_export(const ner_trainer *t, double prune, ner_weights *out) {
  memset(out, 0, sizeof *out);
  /* rows in key order for a layout independent of insertion order */
  size_t nkeep = 0;
  uint64_t *keys = malloc((t->n ? t->n : 1) * sizeof *keys);
  if (!keys) return ANN_ENOMEM;
  double c = (double)t->c;
  for (size_t s = 0; s <= t->mask; s++) {
    if (!t->key[s]) continue;
    size_t r = t->row[s];
    double mx = 0;
    for (int l = 0; l < NER_NLABELS; l++) {
      double v = t->w[r * NER_NLABELS + l] -
                 (double)t->u[r * NER_NLABELS + l] / c;
      if (fabs(v) > mx) mx = fabs(v);
    }
    if (mx >= prune && mx > 0) keys[nkeep++] = t->key[s];
  }
  /* sort keys */
  for (size_t gap = nkeep / 2; gap > 0; gap /= 2) /* shell sort: no cmp fn */
    for (size_t i = gap; i < nkeep; i++) {
      uint64_t v = keys[i];
      size_t j = i;
      while (j >= gap && keys[j - gap] > v) keys[j] = keys[j - gap], j -= gap;
      keys[j] = v;
    }
  uint32_t nslots = (uint32_t)(nkeep + nkeep / 2 + 16);
  size_t bytes = (size_t)nslots * 8 + nkeep * (NER_NLABELS + 4) + 64;
  char *blk = calloc(1, bytes);
  double *acc = calloc(NER_NLABELS, sizeof *acc);
  if (!blk || !acc) {
    free(keys);
    free(blk);
    free(acc);
    return ANN_ENOMEM;
  }
  uint32_t *kk = (uint32_t *)blk;
  uint32_t *rr = kk + nslots;
  float *sc = (float *)(rr + nslots);
  int8_t *w = (int8_t *)(sc + nkeep);
  uint32_t nrows = 0;
  for (size_t i = 0; i < nkeep; i++) {
    uint64_t f = keys[i];
    uint32_t key = key_of(f), s = slot_of(f, nslots);
    while (kk[s] && kk[s] != key)
      if (++s == nslots) s = 0;
    long r = find_row(t, f);
    uint32_t row;
    if (kk[s]) { /* 32-bit collision: merge into the existing row */
      row = rr[s];
      for (int l = 0; l < NER_NLABELS; l++)
        acc[l] = sc[row] * w[(size_t)row * NER_NLABELS + l];
    } else {
      row = nrows++;
      kk[s] = key, rr[s] = row;
      memset(acc, 0, NER_NLABELS * sizeof *acc);
    }
    double mx = 0;
    for (int l = 0; l < NER_NLABELS; l++) {
      acc[l] += t->w[r * NER_NLABELS + l] -
                (double)t->u[r * NER_NLABELS + l] / c;
      if (fabs(acc[l]) > mx) mx = fabs(acc[l]);
    }
    float scale = mx > 0 ? (float)(mx / 127.0) : 1.0f;
    sc[row] = scale;
    for (int l = 0; l < NER_NLABELS; l++) {
      double q = acc[l] / scale;
      q = q > 127 ? 127 : q < -127 ? -127 : q;
      w[(size_t)row * NER_NLABELS + l] = (int8_t)lrint(q);
    }
  }
  free(keys);
  free(acc);
  out->keys = kk, out->rows = rr, out->scale = sc, out->w = w;
  out->nslots = nslots, out->nrows = nrows;
  out->owned = blk;
  return 0;
}

/* --------------------------------------------------------- model file -- */

typedef struct ner_meta {
  uint32_t nslots, nrows, nlabels, flags, nlists, gaz_maxlen, ngaz, pad;
} ner_meta;

int ner_model_save(const char *path, const ner_weights *w, const ner_gaz *g,
                   uint32_t flags, ann_error *e) {
  ann_model_writer *mw = ann_model_writer_new(NER_MODEL_KIND,
                                              NER_MODEL_VERSION);
  if (!mw) return ann_fail(e, ANN_ENOMEM, -1, "out of memory");
  ner_meta meta = {w->nslots, w->nrows, NER_NLABELS, flags,
                   (uint32_t)(g ? g->nlists : 0), (uint32_t)(g ? g->maxlen : 0),
                   (uint32_t)(g ? g->n : 0), 0};
  int rc = ann_model_writer_add(mw, "meta", &meta, sizeof meta);
  if (!rc) rc = ann_model_writer_add(mw, "keys", w->keys, w->nslots * 4u);
  if (!rc) rc = ann_model_writer_add(mw, "rows", w->rows, w->nslots * 4u);
  if (!rc) rc = ann_model_writer_add(mw, "scale", w->scale, w->nrows * 4u);
  if (!rc)
    rc = ann_model_writer_add(mw, "w", w->w, (size_t)w->nrows * NER_NLABELS);
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
  size_t n;
  const ner_meta *meta = ann_model_section(m, "meta", &n);
  if (!meta || n != sizeof *meta || meta->nlabels != NER_NLABELS ||
      meta->nlists > NER_MAXGAZ || meta->gaz_maxlen > NER_GAZ_MAXLEN)
    return ann_fail(e, ANN_EMODEL, -1, "%s: bad NER model header", path);
  size_t nk, nr, ns, nw, ng = 0;
  w->keys = ann_model_section(m, "keys", &nk);
  w->rows = ann_model_section(m, "rows", &nr);
  w->scale = ann_model_section(m, "scale", &ns);
  w->w = ann_model_section(m, "w", &nw);
  g->e = ann_model_section(m, "gaz", &ng);
  if (!w->keys || !w->rows || !w->scale || !w->w ||
      nk != (size_t)meta->nslots * 4 || nr != nk ||
      ns != (size_t)meta->nrows * 4 ||
      nw != (size_t)meta->nrows * NER_NLABELS ||
      ng != (size_t)meta->ngaz * sizeof *g->e)
    return ann_fail(e, ANN_EMODEL, -1, "%s: NER model sections disagree",
                    path);
  w->nslots = meta->nslots;
  w->nrows = meta->nrows;
  /* every slot must name a row and the table must have an empty slot, or
   * a lookup could run off the end or loop */
  int empty = 0;
  for (uint32_t i = 0; i < w->nslots; i++) {
    if (!w->keys[i]) empty = 1;
    else if (w->rows[i] >= w->nrows)
      return ann_fail(e, ANN_EMODEL, -1, "%s: bad row index", path);
  }
  if (w->nslots && !empty)
    return ann_fail(e, ANN_EMODEL, -1, "%s: full weight table", path);
  g->n = meta->ngaz;
  g->maxlen = (int)meta->gaz_maxlen;
  g->nlists = (int)meta->nlists;
  if (!g->n) g->e = NULL;
  *flags = meta->flags;
  return 0;
}
