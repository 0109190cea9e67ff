/*
 * train_parser — train the dependency parser on a CoNLL-U treebank and
 * print its attachment scores on a dev set after every epoch; the best
 * epoch's model is written.
 *
 *   train_parser --train en_ewt-ud-train.conllu --dev en_ewt-ud-dev.conllu \
 *                --out models/parser.bin [--epochs 12] [--seed 1]
 *                [--pos models/pos.bin] [--jackknife 10] [--prune 0]
 *                [--pos-clusters F.tsv --pos-wordnet DIR --pos-names DIR]
 *   train_parser --eval models/parser.bin --dev en_ewt-ud-dev.conllu
 *                [--pos models/pos.bin]
 *
 * Tags: with --pos, dev sentences are parsed with the POS model's tags
 * (what the pipeline sees) and also with gold tags. Training uses gold
 * tags unless --jackknife K: the training set is cut into K folds and each
 * fold is tagged by a POS model trained (ann_pos_train, the settings of
 * scripts/train-models.sh) on the other K - 1, so the parser learns from
 * tags as wrong as the ones it will see. --tag-cache F keeps those tags
 * (one "UPOS XPOS" line per word) to skip the K trainings next time.
 * --pos-clusters, --pos-wordnet and --pos-names are the POS trainer's
 * --clusters, --wordnet and --names, for the fold models.
 *
 * --features BITS: feature groups (parser_int.h PS_F_*, default all 31;
 * 16 = word classes, looked up in the --pos model).
 * --beam K: train a beam-search model (max-violation updates; decoded
 * with the same width) instead of the greedy dynamic-oracle one.
 * --explore PCT / --explore-from E: greedy training follows its own wrong
 * predictions PCT% of the time from epoch E on (90, 2).
 * --decode-beam K: evaluate with beam width K whatever the model says.
 * --projectivize: lift the arcs of non-projective training trees
 * (Nivre & Nilsson 2005, no label encoding) so the oracle is exact.
 * --runs K: train K models side by side (seeds seed .. seed + K - 1: their
 * own sentence orders and exploration) and write the mean of their
 * weights, an ensemble that parses as fast as one model (the runs train
 * in K threads).
 */
#include "annalist/model.h"
#include "annalist/tag.h"
#include "tag/conllu.h"
#include "tag/parser_int.h"
#include "tag/pos.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


typedef struct corpus {
  char *buf;
  ann_arena *arena;
  ann_dep_word **sent;
  size_t *len;
  size_t n, cap, words;
} corpus;

static const char *col(const char *s) {
  return (s && strcmp(s, "_") != 0) ? s : NULL;
}

static int load(corpus *c, const char *path) {
  size_t len;
  memset(c, 0, sizeof *c);
  c->buf = ann_read_file(path, &len);
  if (!c->buf) {
    fprintf(stderr, "train_parser: cannot read %s\n", path);
    return -1;
  }
  c->arena = ann_arena_new(1 << 20, 0);
  ann_conllu_reader r;
  ann_conllu_init(&r, c->buf, len, 0, path);
  ann_conllu_sent s;
  ann_error e;
  int rc;
  while ((rc = ann_conllu_next(&r, c->arena, &s, &e)) > 0) {
    if (s.nwords == 0) continue;
    ann_dep_word *w = ann_calloc(c->arena, s.nwords * sizeof *w);
    if (!w) return -1;
    for (size_t i = 0; i < s.nwords; i++) {
      ann_conllu_line *l = s.word[i];
      w[i].form = l->col[ANN_CU_FORM];
      w[i].form_len = strlen(w[i].form);
      w[i].upos = col(l->col[ANN_CU_UPOS]);
      w[i].xpos = col(l->col[ANN_CU_XPOS]);
      w[i].head = l->head;
      w[i].deprel = col(l->col[ANN_CU_DEPREL]);
    }
    if (c->n == c->cap) {
      c->cap = c->cap ? c->cap * 2 : 1024;
      c->sent = realloc(c->sent, c->cap * sizeof *c->sent);
      c->len = realloc(c->len, c->cap * sizeof *c->len);
    }
    c->sent[c->n] = w;
    c->len[c->n++] = s.nwords;
    c->words += s.nwords;
  }
  if (rc < 0) {
    fprintf(stderr, "train_parser: %s\n", e.msg);
    return -1;
  }
  return 0;
}

/* Replace the tags of every sentence by the POS model's (the words joined
 * by spaces form the text the tagger sees). */
static int retag(corpus *c, const char *pos_path, int fold, int nfold) {
  ann_pos_model *pm;
  ann_error e;
  if (ann_pos_open(&pm, pos_path, &e) < 0) {
    fprintf(stderr, "train_parser: %s\n", e.msg);
    return -1;
  }
  ann_arena *a = ann_arena_new(1 << 16, 0);
  for (size_t s = 0; s < c->n; s++) {
    if (nfold > 1 && (int)(s % (size_t)nfold) != fold) continue;
    ann_arena_reset(a);
    ann_dep_word *w = c->sent[s];
    size_t n = c->len[s], tl = 0;
    for (size_t i = 0; i < n; i++) tl += w[i].form_len + 1;
    char *text = ann_alloc(a, tl + 1);
    ann_token *tok = ann_calloc(a, n * sizeof *tok);
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
      tok[i].start = (uint32_t)o;
      memcpy(text + o, w[i].form, w[i].form_len);
      o += w[i].form_len;
      tok[i].end = (uint32_t)o;
      tok[i].head = -1;
      text[o++] = ' ';
    }
    text[o] = 0;
    if (ann_pos_tag(pm, text, tok, n, a) < 0) return -1;
    for (size_t i = 0; i < n; i++) {
      /* tags point into the model, which stays mapped until exit */
      w[i].upos = tok[i].upos;
      w[i].xpos = tok[i].xpos;
    }
  }
  ann_arena_free(a);
  /* pm is deliberately kept: the tags point into it */
  return 0;
}

static corpus copy_tags(const corpus *c) {
  corpus k = *c;
  k.arena = ann_arena_new(1 << 20, 0);
  k.sent = malloc(c->n * sizeof *k.sent);
  for (size_t s = 0; s < c->n; s++) {
    k.sent[s] = ann_alloc(k.arena, c->len[s] * sizeof **k.sent);
    memcpy(k.sent[s], c->sent[s], c->len[s] * sizeof **k.sent);
  }
  return k;
}

/* Tags from the cache file, if it exists and has one line per word. */
static int read_cache(corpus *c, const char *path) {
  FILE *f = path ? fopen(path, "r") : NULL;
  if (!f) return -1;
  char line[256];
  size_t s = 0, i = 0;
  while (s < c->n && fgets(line, sizeof line, f)) {
    char u[64], x[64];
    if (sscanf(line, "%63s %63s", u, x) != 2) break;
    c->sent[s][i].upos = ann_strdup(c->arena, u);
    c->sent[s][i].xpos = ann_strdup(c->arena, x);
    if (++i == c->len[s]) s++, i = 0;
  }
  int ok = s == c->n && !fgets(line, sizeof line, f);
  fclose(f);
  return ok ? 0 : -1;
}

static void write_cache(const corpus *c, const char *path) {
  FILE *f = fopen(path, "w");
  if (!f) return;
  for (size_t s = 0; s < c->n; s++)
    for (size_t i = 0; i < c->len[s]; i++)
      fprintf(f, "%s %s\n", c->sent[s][i].upos ? c->sent[s][i].upos : "_",
              c->sent[s][i].xpos ? c->sent[s][i].xpos : "_");
  fclose(f);
}

static void log_line(void *ctx, const char *msg) {
  fprintf(stderr, "  pos: %s\n", msg);
}

/* the POS trainer's word classes, WordNet and name lists, for the fold
 * models (scripts/train-models.sh) */
static const char *pos_clusters, *pos_wordnet, *pos_names;

/* Jackknifed tags for the training corpus c read from path: sentence s
 * belongs to fold s % k. The folds' training files are written next to
 * tmp (the output path), with the sentence blocks copied verbatim. */
static int jackknife(corpus *c, const char *path, int k, const char *tmp) {
  size_t len;
  char *raw = ann_read_file(path, &len);
  if (!raw) return -1;
  /* blocks: runs of lines up to a blank line; only those with a word line
   * (starting with a digit) are sentences, as for the reader */
  size_t nb = 0, *bs = malloc((c->n + 1) * sizeof *bs),
         *be = malloc((c->n + 1) * sizeof *be);
  size_t p = 0;
  while (p < len) {
    size_t q = p;
    int word = 0;
    while (q < len && raw[q] != '\n') {
      size_t e = q;
      while (e < len && raw[e] != '\n') e++;
      if (raw[q] >= '0' && raw[q] <= '9') word = 1;
      q = e < len ? e + 1 : e;
      if (q < len && raw[q] == '\n') break;
    }
    if (word) {
      if (nb == c->n) {
        nb++;
        break;
      }
      bs[nb] = p;
      be[nb++] = q;
    }
    while (q < len && raw[q] == '\n') q++;
    p = q;
  }
  if (nb != c->n) {
    fprintf(stderr, "train_parser: %s: %zu blocks for %zu sentences\n", path,
            nb, c->n);
    return -1;
  }
  for (int fold = 0; fold < k; fold++) {
    char tpath[4200], mpath[4200];
    snprintf(tpath, sizeof tpath, "%s.fold%d.conllu", tmp, fold);
    snprintf(mpath, sizeof mpath, "%s.fold%d.pos", tmp, fold);
    FILE *f = fopen(tpath, "w");
    if (!f) return -1;
    for (size_t b = 0; b < nb; b++)
      if ((int)(b % (size_t)k) != fold) {
        fwrite(raw + bs[b], 1, be[b] - bs[b], f);
        fputc('\n', f);
      }
    fclose(f);
    /* keep in step with the POS line of scripts/train-models.sh */
    ann_pos_train_opts o = {.train = tpath,
                            .out = mpath,
                            .epochs = 9,
                            .prune = 1.0,
                            .seed = 1,
                            .dict_min = 20,
                            .clusters = pos_clusters,
                            .wordnet = pos_wordnet,
                            .names = pos_names,
                            .log = log_line};
    ann_error e;
    ann_pos_scores ps;
    if (ann_pos_train(&o, &ps, &e) < 0) {
      fprintf(stderr, "train_parser: %s\n", e.msg);
      return -1;
    }
    if (retag(c, mpath, fold, k) < 0) return -1;
    remove(tpath);
    remove(mpath); /* still mapped until exit */
    printf("jackknife: fold %d of %d tagged\n", fold + 1, k);
    fflush(stdout);
  }
  free(bs);
  free(be);
  free(raw);
  return 0;
}

/* ------------------------------------------------------------- eval -- */

static const char *rels[] = {"nsubj", "obj", "obl", "nmod", "nsubj:pass",
                             "iobj", "obl:agent", "csubj", "compound"};
#define NREL (sizeof rels / sizeof *rels)

static int same_base(const char *a, const char *b) {
  size_t la = strcspn(a, ":"), lb = strcspn(b, ":");
  return la == lb && strncmp(a, b, la) == 0;
}

static int is_rel(const char *d, const char *r) {
  return d && (strchr(r, ':') ? strcmp(d, r) == 0 : same_base(d, r));
}

typedef struct scores {
  double uas, las, uas_np, las_np, las_base;
} scores;

/* Word classes of every word from the POS model's class table (the
 * parser's class features; none when the model has no table). */
static int set_classes(corpus *c, const char *pos_path) {
  ann_pos_model *pm;
  ann_error e;
  if (ann_pos_open(&pm, pos_path, &e) < 0) {
    fprintf(stderr, "train_parser: %s\n", e.msg);
    return -1;
  }
  size_t known = 0;
  for (size_t s = 0; s < c->n; s++)
    for (size_t i = 0; i < c->len[s]; i++) {
      ann_dep_word *w = &c->sent[s][i];
      w->has_cl =
          (uint8_t)ann_pos_classes(pm, w->form, w->form_len, &w->cl);
      known += w->has_cl;
    }
  printf("word classes: %.2f%% of %zu words known\n",
         c->words ? 100.0 * (double)known / (double)c->words : 0.0,
         c->words);
  ann_pos_free(pm);
  return 0;
}

static scores eval(const ann_parser *p, const corpus *gold,
                   const corpus *tags, int verbose) {
  ann_arena *a = ann_arena_new(1 << 16, 0);
  size_t tot = 0, uh = 0, lh = 0, lb = 0, np = 0, unp = 0, lnp = 0;
  size_t rg[NREL] = {0}, rp[NREL] = {0}, rc[NREL] = {0};
  ann_dep_word *w = NULL;
  size_t wcap = 0;
  for (size_t s = 0; s < gold->n; s++) {
    ann_arena_reset(a);
    size_t n = gold->len[s];
    if (n > wcap) {
      wcap = n * 2;
      w = realloc(w, wcap * sizeof *w);
    }
    memcpy(w, tags->sent[s], n * sizeof *w);
    ann_parse_words(p, a, w, n);
    const ann_dep_word *g = gold->sent[s];
    for (size_t i = 0; i < n; i++) {
      int hu = w[i].head == g[i].head;
      int hl = hu && g[i].deprel && strcmp(w[i].deprel, g[i].deprel) == 0;
      int hb = hu && g[i].deprel && same_base(w[i].deprel, g[i].deprel);
      tot++, uh += hu, lh += hl, lb += hb;
      if (!(g[i].upos && strcmp(g[i].upos, "PUNCT") == 0))
        np++, unp += hu, lnp += hl;
      for (size_t r = 0; r < NREL; r++) {
        if (is_rel(g[i].deprel, rels[r])) rg[r]++, rc[r] += hb;
        if (is_rel(w[i].deprel, rels[r])) rp[r]++;
      }
    }
  }
  scores sc = {100.0 * uh / tot, 100.0 * lh / tot, 100.0 * unp / np,
               100.0 * lnp / np, 100.0 * lb / tot};
  if (verbose) {
    printf("  per relation (head and base label right): recall / precision "
           "/ F1\n");
    for (size_t r = 0; r < NREL; r++) {
      double R = rg[r] ? 100.0 * rc[r] / rg[r] : 0,
             P = rp[r] ? 100.0 * rc[r] / rp[r] : 0;
      printf("    %-11s gold %5zu  R %5.2f  P %5.2f  F1 %5.2f\n", rels[r],
             rg[r], R, P, R + P > 0 ? 2 * R * P / (R + P) : 0);
    }
  }
  free(w);
  ann_arena_free(a);
  return sc;
}

static int dbeam = 0; /* --decode-beam: override the model's width */

static int open_parser(ann_parser **p, const char *path, ann_error *e) {
  int rc = ann_parser_open(p, path, e);
  if (rc == 0 && dbeam > 0) ann_parser_set_beam(*p, dbeam);
  return rc;
}

static void print_scores(const char *what, scores s) {
  printf("  %-10s UAS %.2f LAS %.2f | no punct UAS %.2f LAS %.2f | LAS "
         "(universal labels) %.2f\n",
         what, s.uas, s.las, s.uas_np, s.las_np, s.las_base);
}

/* Pseudo-projective lifting (Nivre & Nilsson 2005, without label
 * encoding): while the tree in w has crossing arcs, the shortest
 * non-projective arc (one whose span holds a word not dominated by its
 * head) is lifted to the head's head. The result is projective, so the
 * dynamic oracle's costs are exact on it. Returns the arcs lifted. */
static int dominated(const ann_dep_word *w, size_t n, int h, int k) {
  for (size_t steps = 0; k > 0 && steps <= n; steps++) {
    if (k == h) return 1;
    k = w[k - 1].head;
  }
  return h == 0;
}

static int projectivize(ann_dep_word *w, size_t n) {
  int lifted = 0;
  for (size_t guard = 0; guard < 4 * n; guard++) {
    int best = -1, blen = 0;
    for (size_t i = 0; i < n; i++) {
      int d = (int)i + 1, h = w[i].head;
      if (h <= 0) continue;
      int lo = d < h ? d : h, hi = d < h ? h : d, np = 0;
      for (int k = lo + 1; k < hi && !np; k++)
        if (!dominated(w, n, h, k)) np = 1;
      if (np && (best < 0 || hi - lo < blen)) best = (int)i, blen = hi - lo;
    }
    if (best < 0) break;
    w[best].head = w[w[best].head - 1].head;
    lifted++;
  }
  return lifted;
}

/* One epoch of one run (--runs: each run in its own thread; the runs
 * share only the read-only corpus, so the result does not depend on the
 * threads' timing). */
typedef struct epoch_job {
  ann_parser_trainer *t;
  size_t *order, used;
  const corpus *c;
  int explore, rc;
  long mistakes;
} epoch_job;

static void *run_epoch(void *arg) {
  epoch_job *j = arg;
  size_t *ord = j->order;
  for (size_t i = j->used; i > 1; i--) {
    size_t k = (size_t)(ann_parser_trainer_rand(j->t) % i);
    size_t x = ord[i - 1];
    ord[i - 1] = ord[k];
    ord[k] = x;
  }
  j->mistakes = 0;
  j->rc = 0;
  for (size_t i = 0; i < j->used; i++) {
    size_t s = ord[i];
    int rc = ann_parser_train_sentence(j->t, j->c->sent[s], j->c->len[s],
                                       j->explore);
    if (rc < 0) {
      fprintf(stderr, "train_parser: sentence %zu: error %d\n", s, rc);
      j->rc = rc;
      break;
    }
    j->mistakes += rc;
  }
  return NULL;
}

/* ------------------------------------------------------------- main -- */

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int main(int argc, char **argv) {
  const char *train = NULL, *dev = NULL, *out = "models/parser.bin",
             *pos = NULL, *evalm = NULL;
  int epochs = 12, skip_np = 0;
  char *sweep = NULL;
  int jk = 0, beam = 1, explore_from = 2, runs = 1;
  unsigned feats = PS_F_ALL;
  const char *cache = NULL;
  unsigned long long seed = 1;
  double prune = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
    if (!strcmp(a, "--train") && v) train = v, i++;
    else if (!strcmp(a, "--dev") && v) dev = v, i++;
    else if (!strcmp(a, "--out") && v) out = v, i++;
    else if (!strcmp(a, "--pos") && v) pos = v, i++;
    else if (!strcmp(a, "--eval") && v) evalm = v, i++;
    else if (!strcmp(a, "--epochs") && v) epochs = atoi(v), i++;
    else if (!strcmp(a, "--seed") && v) seed = strtoull(v, NULL, 10), i++;
    else if (!strcmp(a, "--prune") && v) prune = atof(v), i++;
    else if (!strcmp(a, "--prune-sweep") && v) sweep = argv[++i];
    else if (!strcmp(a, "--jackknife") && v) jk = atoi(v), i++;
    else if (!strcmp(a, "--features") && v) feats = (unsigned)atoi(v), i++;
    else if (!strcmp(a, "--beam") && v) beam = atoi(v), i++;
    else if (!strcmp(a, "--runs") && v) runs = atoi(v), i++;
    else if (!strcmp(a, "--decode-beam") && v) dbeam = atoi(v), i++;
    else if (!strcmp(a, "--explore") && v) ps_explore_pct = atoi(v), i++;
    else if (!strcmp(a, "--explore-from") && v) explore_from = atoi(v), i++;
    else if (!strcmp(a, "--tag-cache") && v) cache = v, i++;
    else if (!strcmp(a, "--pos-clusters") && v) pos_clusters = v, i++;
    else if (!strcmp(a, "--pos-wordnet") && v) pos_wordnet = v, i++;
    else if (!strcmp(a, "--pos-names") && v) pos_names = v, i++;
    else if (!strcmp(a, "--skip-nonprojective")) skip_np = 1;
    else if (!strcmp(a, "--projectivize")) skip_np = 2;
    else {
      fprintf(stderr, "usage: train_parser --train F --dev F [--out F] "
                      "[--epochs N] [--seed N] [--pos pos.bin] [--prune X] "
                      "[--skip-nonprojective | --projectivize] [--jackknife K [--tag-cache F]] "
                      "[--features BITS] [--beam K] [--explore PCT] "
                      "[--explore-from EPOCH] [--decode-beam K] [--runs K] "
                      "| --eval model --dev F [--pos pos.bin] "
                      "[--decode-beam K]\n");
      return 2;
    }
  }
  if (!dev || (!train && !evalm)) {
    fprintf(stderr, "train_parser: --dev and --train (or --eval) needed\n");
    return 2;
  }
  corpus dv, dvp;
  printf("feature groups %u, beam %d, explore %d%% from epoch %d\n",
         feats, beam, ps_explore_pct, explore_from);
  if (load(&dv, dev) < 0) return 1;
  if (pos && set_classes(&dv, pos) < 0) return 1;
  dvp = dv;
  if (pos) {
    dvp = copy_tags(&dv);
    if (retag(&dvp, pos, 0, 1) < 0) return 1;
  }
  ann_error e;
  if (evalm) {
    ann_parser *p;
    if (open_parser(&p, evalm, &e) < 0) {
      fprintf(stderr, "train_parser: %s\n", e.msg);
      return 1;
    }
    printf("%s on %s (%zu sentences, %zu words)\n", evalm, dev, dv.n,
           dv.words);
    print_scores("gold tags", eval(p, &dv, &dv, !pos));
    if (pos) print_scores("pred tags", eval(p, &dv, &dvp, 1));
    ann_parser_free(p);
    return 0;
  }
  corpus tr;
  if (load(&tr, train) < 0) return 1;
  if (pos && set_classes(&tr, pos) < 0) return 1;
  if (jk > 1) {
    if (read_cache(&tr, cache) == 0) {
      printf("training tags from %s\n", cache);
    } else {
      if (jackknife(&tr, train, jk, out) < 0) return 1;
      if (cache) write_cache(&tr, cache);
    }
    size_t same = 0;
    corpus g;
    if (load(&g, train) < 0) return 1;
    for (size_t s = 0; s < tr.n; s++)
      for (size_t i = 0; i < tr.len[s]; i++)
        same += g.sent[s][i].xpos && tr.sent[s][i].xpos &&
                !strcmp(g.sent[s][i].xpos, tr.sent[s][i].xpos);
    printf("jackknifed training tags: XPOS %.2f%% right\n",
           100.0 * same / tr.words);
  }
  /* labels: sorted, so the class order does not depend on file order */
  const char *labs[256];
  int nlab = 0;
  for (size_t s = 0; s < tr.n; s++)
    for (size_t i = 0; i < tr.len[s]; i++) {
      const char *d = tr.sent[s][i].deprel;
      if (!d) continue;
      int k = 0;
      while (k < nlab && strcmp(labs[k], d) != 0) k++;
      if (k == nlab && nlab < 120) labs[nlab++] = d;
    }
  qsort(labs, (size_t)nlab, sizeof *labs, cmp_str);
  size_t *order = malloc(tr.n * sizeof *order), used = 0, nonproj = 0,
         nlifted = 0;
  for (size_t s = 0; s < tr.n; s++) {
    int ok = 1;
    for (size_t i = 0; i < tr.len[s]; i++)
      if (!tr.sent[s][i].deprel || tr.sent[s][i].head < 0) ok = 0;
    if (ok && !ann_dep_projective(tr.sent[s], tr.len[s])) {
      nonproj++;
      if (skip_np == 1) ok = 0;
      if (skip_np == 2) {
        nlifted += (size_t)projectivize(tr.sent[s], tr.len[s]);
        if (!ann_dep_projective(tr.sent[s], tr.len[s])) ok = 0;
      }
    }
    if (ok) order[used++] = s;
  }
  printf("train %s: %zu sentences (%zu used, %zu non-projective, %zu arcs "
         "lifted), %zu words, %d labels\n",
         train, tr.n, used, nonproj, nlifted, tr.words, nlab);
  if (runs < 1 || runs > 16) {
    fprintf(stderr, "train_parser: --runs 1 to 16\n");
    return 2;
  }
  /* --runs K: K trainers (seeds seed .. seed + K - 1, each with its own
   * sentence order and exploration), saved as the mean of their weights */
  ann_parser_trainer *tr_[16];
  size_t *order_[16];
  for (int r = 0; r < runs; r++) {
    tr_[r] = ann_parser_trainer_new(labs, nlab, seed + (unsigned)r);
    if (!tr_[r] || ann_parser_trainer_config(tr_[r], feats, beam) < 0)
      return 1;
    order_[r] = malloc(tr.n * sizeof *order);
    memcpy(order_[r], order, used * sizeof *order);
  }
  ann_parser_trainer *t = tr_[0];
  char tmp[4096];
  snprintf(tmp, sizeof tmp, "%s.tmp", out);
  double best = -1;
  int best_ep = 0;
  for (int ep = 1; ep <= epochs; ep++) {
    long mistakes = 0;
    epoch_job job[16];
    pthread_t th[16];
    for (int r = 0; r < runs; r++) {
      job[r] = (epoch_job){.t = tr_[r], .order = order_[r], .used = used,
                           .c = &tr, .explore = ep >= explore_from};
      if (r > 0 && pthread_create(&th[r], NULL, run_epoch, &job[r]) != 0) {
        fprintf(stderr, "train_parser: cannot start a thread\n");
        return 1;
      }
    }
    run_epoch(&job[0]);
    for (int r = 0; r < runs; r++) {
      if (r > 0) pthread_join(th[r], NULL);
      if (job[r].rc < 0) return 1;
      mistakes += job[r].mistakes;
    }
    if ((runs > 1 ? ann_parser_trainer_save_mean(tr_, runs, tmp, prune, &e)
                  : ann_parser_trainer_save(t, tmp, prune, &e)) < 0) {
      fprintf(stderr, "train_parser: %s\n", e.msg);
      return 1;
    }
    ann_parser *p;
    if (open_parser(&p, tmp, &e) < 0) {
      fprintf(stderr, "train_parser: %s\n", e.msg);
      return 1;
    }
    printf("epoch %d: %ld mistakes\n", ep, mistakes);
    scores g = eval(p, &dv, &dv, 0), pr = g;
    print_scores("gold tags", g);
    if (pos) {
      pr = eval(p, &dv, &dvp, 0);
      print_scores("pred tags", pr);
    }
    fflush(stdout);
    ann_parser_free(p);
    if (pr.las > best) {
      best = pr.las;
      best_ep = ep;
      if (rename(tmp, out) < 0) {
        fprintf(stderr, "train_parser: cannot write %s\n", out);
        return 1;
      }
    }
  }
  /* Size against accuracy at the last epoch's weights. */
  for (char *sw = sweep ? strtok(sweep, ",") : NULL; sw;
       sw = strtok(NULL, ",")) {
    ann_parser *q;
    if ((runs > 1 ? ann_parser_trainer_save_mean(tr_, runs, tmp, atof(sw), &e)
                  : ann_parser_trainer_save(t, tmp, atof(sw), &e)) < 0 ||
        open_parser(&q, tmp, &e) < 0) {
      fprintf(stderr, "train_parser: %s\n", e.msg);
      return 1;
    }
    FILE *f = fopen(tmp, "rb");
    fseek(f, 0, SEEK_END);
    printf("prune %s: %.1f MB\n", sw, ftell(f) / 1e6);
    fclose(f);
    print_scores("gold tags", eval(q, &dv, &dv, 0));
    if (pos) print_scores("pred tags", eval(q, &dv, &dvp, 0));
    ann_parser_free(q);
  }
  remove(tmp);
  printf("best epoch %d (dev LAS %.2f), model %s\n", best_ep, best, out);
  ann_parser *p;
  if (open_parser(&p, out, &e) == 0) {
    print_scores("gold tags", eval(p, &dv, &dv, !pos));
    if (pos) print_scores("pred tags", eval(p, &dv, &dvp, 1));
    ann_parser_free(p);
  }
  for (int r = 0; r < runs; r++) ann_parser_trainer_free(tr_[r]);
  return 0;
}
