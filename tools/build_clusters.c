/*
 * build_clusters — word classes learned from unlabelled English text, for
 * the POS tagger's cluster features (tools/train_pos --clusters).
 *
 *   build_clusters [--min N] [--fine K] [--coarse K] [--iter I]
 *                  [--conllu F] [--conll F] [--text F|DIR] ... OUT.tsv
 *
 * Words are lowered (ASCII) and read from CoNLL-U (FORM), CoNLL-2003 (the
 * first column; -DOCSTART- skipped) or raw text, cut into tokens and
 * sentences by the project's own tokenizer (so the units are those the
 * tagger sees at run time). A DIR means every regular file in it, in name
 * order.
 *
 * The classes are those of the predictive exchange algorithm (Uszkoreit &
 * Brants 2008): a class bigram model P(w | v) = P(c(w) | v) P(w | c(w)) is
 * fitted by moving one word at a time to the class that raises the
 * likelihood most, words in order of frequency, for --iter passes. It runs
 * twice per granularity: on the text (classes predicted by the previous
 * word) and on the text reversed (by the next word). Words seen fewer than
 * --min times share one "rare" history and get no class.
 *
 * Output, one line per word, by decreasing count (ties by bytes): word TAB
 * count TAB left-fine TAB right-fine TAB left-coarse; the words seen fewer
 * than --min times come last, with the classes 1023 1023 63 (none).
 * Deterministic: same input, same bytes. The text itself is never written.
 */
#include "annalist/tok.h"
#include "tag/conllu.h"
#include "tag/ner_int.h"
#include "tag/perceptron.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ vocab -- */

typedef struct vocab {
  char **s;
  uint32_t *count;
  size_t n, cap;
  uint32_t *slot; /* id + 1 */
  size_t scap;
} vocab;

static uint32_t vocab_id(vocab *v, const char *s, size_t len) {
  if (!v->scap || (v->n + 1) * 2 > v->scap) {
    size_t nc = v->scap ? v->scap * 2 : 1 << 16;
    uint32_t *ns = calloc(nc, sizeof *ns);
    for (size_t i = 0; i < v->n; i++) {
      size_t h = ann_pc_hash_str(0, v->s[i]) & (nc - 1);
      while (ns[h]) h = (h + 1) & (nc - 1);
      ns[h] = (uint32_t)i + 1;
    }
    free(v->slot);
    v->slot = ns;
    v->scap = nc;
  }
  size_t h = ann_pc_hash(0, s, len) & (v->scap - 1);
  while (v->slot[h]) {
    const char *t = v->s[v->slot[h] - 1];
    if (!strncmp(t, s, len) && !t[len]) return v->slot[h] - 1;
    h = (h + 1) & (v->scap - 1);
  }
  if (v->n == v->cap) {
    v->cap = v->cap ? v->cap * 2 : 1 << 15;
    v->s = realloc(v->s, v->cap * sizeof *v->s);
    v->count = realloc(v->count, v->cap * sizeof *v->count);
  }
  char *c = malloc(len + 1);
  memcpy(c, s, len);
  c[len] = 0;
  v->s[v->n] = c;
  v->count[v->n] = 0;
  v->slot[h] = (uint32_t)v->n + 1;
  return (uint32_t)v->n++;
}

/* The token stream: word ids, sentence boundaries as id 0 ("<s>"). */
static vocab V;
static uint32_t *seq;
static size_t nseq, capseq;

static void emit(uint32_t id) {
  if (nseq == capseq) {
    capseq = capseq ? capseq * 2 : 1 << 20;
    seq = realloc(seq, capseq * sizeof *seq);
  }
  seq[nseq++] = id;
  V.count[id]++;
}

static void word(const char *s, size_t len) {
  char low[256];
  if (len > sizeof low) len = sizeof low;
  for (size_t i = 0; i < len; i++)
    low[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] + 32) : s[i];
  emit(vocab_id(&V, low, len));
}

static void boundary(void) {
  if (nseq && seq[nseq - 1] != 0) emit(0);
}

/* ----------------------------------------------------------- readers -- */

static int read_conllu(const char *path, void *unused) {
  (void)unused;
  size_t len;
  char *buf = ann_read_file(path, &len);
  if (!buf) return -1;
  ann_arena *a = ann_arena_new(1 << 20, 0);
  ann_conllu_reader r;
  ann_conllu_init(&r, buf, len, 0, path);
  ann_conllu_sent s;
  ann_error e = {0};
  int rc;
  while ((rc = ann_conllu_next(&r, a, &s, &e)) > 0) {
    for (size_t i = 0; i < s.nwords; i++) {
      const char *f = s.word[i]->col[ANN_CU_FORM];
      word(f, strlen(f));
    }
    boundary();
    ann_arena_reset(a);
  }
  ann_arena_free(a);
  free(buf);
  if (rc < 0) fprintf(stderr, "build_clusters: %s\n", e.msg);
  return rc < 0 ? -1 : 0;
}

/* CoNLL-2003 through the NER's reader (ner_conll_read). */
static int read_conll(const char *path, void *unused) {
  (void)unused;
  ner_corpus c;
  ann_error e = {0};
  if (ner_conll_read(&c, path, &e) < 0) {
    fprintf(stderr, "build_clusters: %s\n", e.msg);
    return -1;
  }
  for (size_t s = 0; s < c.nsent; s++) {
    for (size_t i = c.sent[s]; i < c.sent[s + 1]; i++)
      word(c.tok[i].w, c.tok[i].len);
    boundary();
  }
  ner_corpus_free(&c);
  return 0;
}

static void text_sentence(const char *text, const ann_token *tok, size_t n,
                          void *unused) {
  (void)unused;
  for (size_t t = 0; t < n; t++)
    word(text + tok[t].start, tok[t].end - tok[t].start);
  boundary();
}

static int read_text(const char *path, void *unused) {
  (void)unused;
  return ann_tokenize_file(path, text_sentence, NULL) < 0 ? -1 : 0;
}

/* ---------------------------------------------------------- exchange -- */

static int cmp(const void *x, const void *y) {
  uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
  return a < b ? -1 : a > b;
}

static double *xlogx; /* [0 .. nseq] */

static inline double F(uint32_t x) { return xlogx[x]; }

/* Cluster the words 0..nw-1 (dense ids, by decreasing count; id nw is the
 * rare bucket, used as history only) into K classes, the class of s[i]
 * predicted from s[i-1]. Writes cls[0..nw). */
static void exchange(const uint32_t *s, size_t n, uint32_t nw, uint32_t K,
                     int iters, uint32_t *cls, const char *what) {
  uint32_t nh = nw + 1;
  /* predecessor lists per word: (history, count), CSR */
  uint64_t *pairs = malloc(n * sizeof *pairs);
  size_t np = 0;
  for (size_t i = 1; i < n; i++)
    if (s[i] < nw) pairs[np++] = (uint64_t)s[i] << 32 | s[i - 1];
  qsort(pairs, np, sizeof *pairs, cmp);
  size_t *first = calloc(nw + 1, sizeof *first);
  uint32_t *hv = malloc(np * sizeof *hv), *hc = malloc(np * sizeof *hc);
  uint32_t *nwc = calloc(nw, sizeof *nwc); /* successor count of w */
  size_t nd = 0;
  for (size_t i = 0; i < np;) {
    size_t j = i;
    while (j < np && pairs[j] == pairs[i]) j++;
    uint32_t w = (uint32_t)(pairs[i] >> 32);
    hv[nd] = (uint32_t)pairs[i];
    hc[nd] = (uint32_t)(j - i);
    nwc[w] += (uint32_t)(j - i);
    first[w + 1] = ++nd;
    i = j;
  }
  for (uint32_t w = 1; w <= nw; w++)
    if (first[w] < first[w - 1]) first[w] = first[w - 1];
  free(pairs);
  /* init: by frequency rank modulo K */
  uint32_t *N = calloc((size_t)nh * K, sizeof *N), *Nc = calloc(K, sizeof *Nc);
  for (uint32_t w = 0; w < nw; w++) {
    cls[w] = w % K;
    Nc[cls[w]] += nwc[w];
    for (size_t p = first[w]; p < first[w + 1]; p++)
      N[(size_t)hv[p] * K + cls[w]] += hc[p];
  }
  double *delta = malloc(K * sizeof *delta);
  for (int it = 0; it < iters; it++) {
    size_t moved = 0;
    for (uint32_t w = 0; w < nw; w++) {
      uint32_t a = cls[w];
      /* take w out of its class */
      Nc[a] -= nwc[w];
      for (size_t p = first[w]; p < first[w + 1]; p++)
        N[(size_t)hv[p] * K + a] -= hc[p];
      for (uint32_t b = 0; b < K; b++)
        delta[b] = F(Nc[b]) - F(Nc[b] + nwc[w]);
      for (size_t p = first[w]; p < first[w + 1]; p++) {
        const uint32_t *row = N + (size_t)hv[p] * K;
        uint32_t c = hc[p];
        for (uint32_t b = 0; b < K; b++)
          delta[b] += F(row[b] + c) - F(row[b]);
      }
      uint32_t best = a;
      for (uint32_t b = 0; b < K; b++)
        if (delta[b] > delta[best] + 1e-9) best = b;
      cls[w] = best;
      moved += best != a;
      Nc[best] += nwc[w];
      for (size_t p = first[w]; p < first[w + 1]; p++)
        N[(size_t)hv[p] * K + best] += hc[p];
    }
    /* the log-likelihood (up to constants) */
    double ll = 0;
    for (size_t i = 0; i < (size_t)nh * K; i++) ll += F(N[i]);
    for (uint32_t b = 0; b < K; b++) ll -= F(Nc[b]);
    fprintf(stderr, "build_clusters: %s K=%u pass %d: %zu words moved, "
                    "LL %.6g\n", what, K, it + 1, moved, ll);
    if (!moved) break;
  }
  free(delta);
  free(N);
  free(Nc);
  free(first);
  free(hv);
  free(hc);
  free(nwc);
}


static uint32_t *cnt_sort;
static char **str_sort;
static int by_count(const void *x, const void *y) {
  uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
  if (cnt_sort[a] != cnt_sort[b]) return cnt_sort[a] > cnt_sort[b] ? -1 : 1;
  return strcmp(str_sort[a], str_sort[b]);
}

int main(int argc, char **argv) {
  int min = 3, iters = 12;
  uint32_t fine = 1000, coarse = 63;
  const char *out = NULL;
  vocab_id(&V, "<s>", 3);
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
    int rc = 0;
    if (!strcmp(a, "--min") && v) min = atoi(v), i++;
    else if (!strcmp(a, "--iter") && v) iters = atoi(v), i++;
    else if (!strcmp(a, "--fine") && v) fine = (uint32_t)atoi(v), i++;
    else if (!strcmp(a, "--coarse") && v) coarse = (uint32_t)atoi(v), i++;
    else if (!strcmp(a, "--conllu") && v)
      rc = ann_each_file(v, read_conllu, NULL), i++;
    else if (!strcmp(a, "--conll") && v)
      rc = ann_each_file(v, read_conll, NULL), i++;
    else if (!strcmp(a, "--text") && v)
      rc = ann_each_file(v, read_text, NULL), i++;
    else if (a[0] != '-' && !out) out = a;
    else {
      fprintf(stderr, "usage: build_clusters [--min N] [--fine K] "
                      "[--coarse K] [--iter I] [--conllu F] [--conll F] "
                      "[--text F|DIR] ... OUT.tsv\n");
      return 2;
    }
    if (rc < 0) {
      fprintf(stderr, "build_clusters: %s: cannot read\n", v);
      return 1;
    }
  }
  if (!out || fine < 2 || coarse < 2 || fine > 1023 || coarse > 63) {
    fprintf(stderr, "build_clusters: need OUT.tsv; 2 <= fine <= 1023, "
                    "2 <= coarse <= 63\n");
    return 2;
  }
  boundary();
  /* dense ids by decreasing count (ties by bytes); <s> is a word too */
  uint32_t *order = malloc(V.n * sizeof *order);
  for (uint32_t i = 0; i < V.n; i++) order[i] = i;
  cnt_sort = V.count;
  str_sort = V.s;
  qsort(order, V.n, sizeof *order, by_count);
  uint32_t nw = 0;
  while (nw < V.n && V.count[order[nw]] >= (uint32_t)min) nw++;
  uint32_t *dense = malloc(V.n * sizeof *dense);
  for (uint32_t i = 0; i < V.n; i++) dense[order[i]] = i < nw ? i : nw;
  uint32_t *s = malloc(nseq * sizeof *s), *r = malloc(nseq * sizeof *r);
  for (size_t i = 0; i < nseq; i++) {
    s[i] = dense[seq[i]];
    r[nseq - 1 - i] = s[i];
  }
  fprintf(stderr, "build_clusters: %zu tokens, %zu types, %u clustered "
                  "(count >= %d)\n", nseq, V.n, nw, min);
  xlogx = malloc((nseq + 1) * sizeof *xlogx);
  xlogx[0] = 0;
  for (size_t i = 1; i <= nseq; i++) xlogx[i] = (double)i * log((double)i);
  uint32_t *lf = malloc(nw * sizeof *lf), *rf = malloc(nw * sizeof *rf),
           *lc = malloc(nw * sizeof *lc);
  exchange(s, nseq, nw, fine, iters, lf, "left");
  exchange(r, nseq, nw, fine, iters, rf, "right");
  exchange(s, nseq, nw, coarse, iters, lc, "left");
  FILE *f = fopen(out, "w");
  if (!f) {
    fprintf(stderr, "build_clusters: %s: cannot write\n", out);
    return 1;
  }
  for (uint32_t i = 0; i < V.n; i++)
    if (order[i] != 0)
      fprintf(f, "%s\t%u\t%u\t%u\t%u\n", V.s[order[i]], V.count[order[i]],
              i < nw ? lf[i] : 1023, i < nw ? rf[i] : 1023,
              i < nw ? lc[i] : 63);
  if (fclose(f)) return 1;
  return 0;
}
