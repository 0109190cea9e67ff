/*
 * train_ner.c — train the named-entity recogniser (models/ner.bin).
 *
 *   train_ner [--train eng.train] [--dev eng.testa] [--dicts dicts/ner]
 *             [--out models/ner.bin] [--epochs N] [--folds K]
 *             [--prune X] [--no-pos] [--ensemble K]
 *
 * Averaged perceptron, greedy BILOU decoding. The first-pass labels the
 * second pass learns from come from K-fold jackknifing over the training
 * documents, so the document features look in training as they will at
 * run time. One model serves both passes: every training document is seen
 * once without document features and once with them. Deterministic: same
 * input, same bytes. Prints per-type scores on the dev set after each
 * epoch and at the end.
 */
#include "annalist/arena.h"
#include "annalist/model.h"
#include "tag/ner_int.h"
#include "tag/ner_pos.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* run from the source tree (scripts/train-models.sh does) */
#ifndef ANN_SOURCE_DIR
#define ANN_SOURCE_DIR "."
#endif

static uint64_t rng = 0x2545F4914F6CDD1DULL;
static uint32_t rnd(void) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return (uint32_t)(rng >> 32);
}

static void shuffle(uint32_t *v, size_t n) {
  for (size_t i = n; i > 1; i--) {
    size_t j = rnd() % i;
    uint32_t t = v[i - 1];
    v[i - 1] = v[j];
    v[j] = t;
  }
}

static const uint32_t *doc_sents(const ner_corpus *c, size_t d, size_t *ns) {
  *ns = c->doc[d + 1] - c->doc[d];
  return c->sent + c->doc[d];
}

/* Tag every document of c with w (two passes or one) into lab. */
static void tag_corpus(const ner_weights *w, const ner_gaz *g,
                       const ner_corpus *c, int two_pass, int fold, int folds,
                       uint8_t *lab, ann_arena *a) {
  for (size_t d = 0; d < c->ndoc; d++) {
    if (folds > 1 && (int)(d % (size_t)folds) != fold) continue;
    size_t ns;
    const uint32_t *s = doc_sents(c, d, &ns);
    ann_arena_reset(a);
    ner_tag_doc(w, g, c->tok, s, ns, two_pass, a, lab + s[0]);
  }
}

static double report(const char *what, const ner_corpus *c, const uint8_t *lab,
                     int verbose) {
  ner_eval ev = {0};
  for (size_t s = 0; s < c->nsent; s++)
    ner_eval_add(&ev, c->gold + c->sent[s], lab + c->sent[s],
                 c->sent[s + 1] - c->sent[s]);
  double p, r, f = ner_eval_f1(&ev, -1, &p, &r);
  printf("%-14s P %.4f R %.4f F1 %.4f\n", what, p, r, f);
  if (verbose)
    for (int t = 0; t < NER_NTYPES; t++) {
      double tf = ner_eval_f1(&ev, t, &p, &r);
      printf("  %-5s P %.4f R %.4f F1 %.4f (gold %zu)\n", ner_type_name(t), p,
             r, tf, ev.gold[t]);
    }
  fflush(stdout);
  return f;
}

/* ------------------------------------------- words common in lower case */

/* Counts of lower-case words (open addressing on a 64-bit hash). */
typedef struct lcount {
  uint64_t *h;
  uint32_t *n;
  char **w;
  size_t mask, used;
} lcount;

static void lc_add(lcount *c, const char *w, size_t len) {
  if (len < 2 || len > 40) return;
  uint64_t h = 1469598103934665603ULL;
  for (size_t i = 0; i < len; i++)
    h = (h ^ (unsigned char)w[i]) * 1099511628211ULL;
  h |= 1;
  if ((c->used + 1) * 2 > c->mask + 1) {
    size_t nm = c->mask ? (c->mask + 1) * 2 - 1 : (1u << 16) - 1;
    uint64_t *nh = calloc(nm + 1, sizeof *nh);
    uint32_t *nn = calloc(nm + 1, sizeof *nn);
    char **nw = calloc(nm + 1, sizeof *nw);
    if (!nh || !nn || !nw) exit(1);
    for (size_t i = 0; c->mask && i <= c->mask; i++) {
      if (!c->h[i]) continue;
      size_t s = c->h[i] & nm;
      while (nh[s])
        s = (s + 1) & nm;
      nh[s] = c->h[i], nn[s] = c->n[i], nw[s] = c->w[i];
    }
    free(c->h), free(c->n), free(c->w);
    c->h = nh, c->n = nn, c->w = nw, c->mask = nm;
  }
  size_t s = h & c->mask;
  while (c->h[s] && c->h[s] != h)
    s = (s + 1) & c->mask;
  if (!c->h[s]) {
    c->h[s] = h;
    c->w[s] = strndup(w, len);
    c->used++;
  }
  c->n[s]++;
}

static int all_lower(const char *w, size_t len) {
  int letters = 0;
  for (size_t i = 0; i < len; i++) {
    unsigned char ch = (unsigned char)w[i];
    if (ch >= 'A' && ch <= 'Z') return 0;
    if (ch >= 'a' && ch <= 'z')
      letters++;
    else if (ch != '-' && ch != '\'')
      return 0;
  }
  return letters > 0;
}

static uint32_t lc_get(const lcount *c, const char *w, size_t len) {
  if (!c->mask) return 0;
  uint64_t h = 1469598103934665603ULL;
  for (size_t i = 0; i < len; i++)
    h = (h ^ (unsigned char)w[i]) * 1099511628211ULL;
  h |= 1;
  size_t s = h & c->mask;
  while (c->h[s] && c->h[s] != h)
    s = (s + 1) & c->mask;
  return c->h[s] ? c->n[s] : 0;
}

/* Capitalised like a name: an upper-case letter, then lower-case. */
static int init_cap(const char *w, size_t len) {
  if (len < 2 || !(w[0] >= 'A' && w[0] <= 'Z')) return 0;
  return all_lower(w + 1, len - 1);
}

/* Capitalised words not at the start of a sentence (unlabelled text). */
static lcount caps;

/* Words of a raw text file: runs of letters, apostrophes, hyphens. */
static void lc_text(lcount *c, const char *path) {
  FILE *f = fopen(path, "r");
  if (!f) return;
  char word[64];
  size_t n = 0;
  int ch, initial = 1;
  while ((ch = fgetc(f)) != EOF) {
    if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
        ((ch == '-' || ch == '\'') && n)) {
      if (n < sizeof word) word[n++] = (char)ch;
      continue;
    }
    if (n && all_lower(word, n))
      lc_add(c, word, n);
    else if (n && !initial && init_cap(word, n))
      lc_add(&caps, word, n);
    if (n) initial = 0;
    if (ch == '.' || ch == '!' || ch == '?' || ch == '\n' || ch == ':' ||
        ch == '"' || ch >= 0x80)
      initial = 1;
    n = 0;
  }
  fclose(f);
}

static int lc_text_file(const char *path, void *counts) {
  lc_text(counts, path);
  return 0;
}

/* The "lowercase" gazetteer list (the last list): words seen at least 3
 * times in lower case in the training sentences and in the unlabelled texts
 * given (a CoNLL-U file's FORM column, text files, directories of them).
 * It tells the model that a capitalised "Meanwhile" is a common word. The
 * "capitalised" list (the one before): words of the unlabelled texts (not
 * the training sentences, whose every name it would hold) capitalised at
 * least twice away from a sentence start and rarely seen in lower case. */
static int add_lowercase(ner_gaz_builder *b, int list, const ner_corpus *tr,
                         const char *from) {
  lcount c = {0};
  for (size_t i = 0; i < tr->ntok; i++)
    if (all_lower(tr->tok[i].w, tr->tok[i].len))
      lc_add(&c, tr->tok[i].w, tr->tok[i].len);
  char *list_copy = from ? strdup(from) : NULL;
  for (char *p = list_copy ? strtok(list_copy, ",") : NULL; p;
       p = strtok(NULL, ",")) {
    size_t len = strlen(p);
    if (len > 7 && !strcmp(p + len - 7, ".conllu")) {
      FILE *f = fopen(p, "r");
      if (!f) continue;
      char line[4096];
      while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || line[0] == '\n') continue;
        char *t1 = strchr(line, '\t');
        if (!t1) continue;
        char *t2 = strchr(t1 + 1, '\t');
        if (!t2) continue;
        size_t wl = (size_t)(t2 - t1 - 1);
        if (all_lower(t1 + 1, wl))
          lc_add(&c, t1 + 1, wl);
        else if (strncmp(line, "1\t", 2) != 0 && init_cap(t1 + 1, wl))
          lc_add(&caps, t1 + 1, wl);
      }
      fclose(f);
    } else {
      /* a text file, or a directory of them (ann_each_file: name order,
       * for reproducibility) */
      ann_each_file(p, lc_text_file, &c);
    }
  }
  free(list_copy);
  size_t kept = 0;
  int rc = 0;
  /* add in sorted word order so the builder sees a fixed sequence */
  char **ws = malloc((c.used ? c.used : 1) * sizeof *ws);
  size_t nw = 0;
  for (size_t i = 0; c.mask && i <= c.mask; i++)
    if (c.h[i] && c.n[i] >= 3) ws[nw++] = c.w[i];
  qsort(ws, nw, sizeof *ws, cmp_str);
  for (size_t i = 0; i < nw && !rc; i++, kept++)
    rc = ner_gaz_add(b, list, ws[i]);
  /* capitalised at least twice mid-sentence, rarely in lower case */
  size_t kept_caps = 0;
  ws = realloc(ws, (caps.used ? caps.used : 1) * sizeof *ws);
  nw = 0;
  for (size_t i = 0; caps.mask && i <= caps.mask; i++) {
    if (!caps.h[i] || caps.n[i] < 2) continue;
    char lw[64];
    size_t len = strlen(caps.w[i]);
    if (len >= sizeof lw) continue;
    for (size_t k = 0; k < len; k++)
      lw[k] =
          (char)(caps.w[i][k] >= 'A' && caps.w[i][k] <= 'Z' ? caps.w[i][k] + 32
                                                            : caps.w[i][k]);
    if (lc_get(&c, lw, len) * 5 < caps.n[i]) ws[nw++] = caps.w[i];
  }
  qsort(ws, nw, sizeof *ws, cmp_str);
  for (size_t i = 0; i < nw && !rc; i++, kept_caps++)
    rc = ner_gaz_add(b, list - 1, ws[i]);
  free(ws);
  for (size_t i = 0; c.mask && i <= c.mask; i++)
    free(c.w[i]);
  free(c.h), free(c.n), free(c.w);
  for (size_t i = 0; caps.mask && i <= caps.mask; i++)
    free(caps.w[i]);
  free(caps.h), free(caps.n), free(caps.w);
  memset(&caps, 0, sizeof caps);
  printf("lowercase list: %zu words; capitalised list: %zu words\n", kept,
         kept_caps);
  return rc;
}

/* --tag: label a CoNLL file with a saved model, print word, POS, IOB2. */
static int tag_file(const char *path, const char *model, const char *posm) {
  ann_error e = {0};
  ner_corpus c;
  ann_model *m = NULL;
  ner_weights w;
  ner_gaz g;
  uint32_t flags;
  if (ner_conll_read(&c, path, &e) ||
      ann_model_open(&m, model, NER_MODEL_KIND, NER_MODEL_VERSION, &e) ||
      ner_model_bind(m, &w, &g, &flags, &e)) {
    fprintf(stderr, "train_ner: %s\n", e.msg);
    return 1;
  }
  if (!(flags & NER_MODEL_POS) || ner_pos_retag(posm, &c, &e))
    for (size_t i = 0; i < c.ntok; i++)
      c.tok[i].pos = NULL;
  uint8_t *lab = calloc(c.ntok + 1, 1);
  ann_arena *a = ann_arena_new(1 << 20, 0);
  tag_corpus(&w, &g, &c, 1, 0, 1, lab, a);
  for (size_t si = 0; si < c.nsent; si++) {
    size_t b = c.sent[si], n = c.sent[si + 1] - b;
    const char *t[n ? n : 1];
    ner_bilou_to_iob2(lab + b, n, t);
    for (size_t i = 0; i < n; i++)
      printf("%s\t%s\t%s\n", c.tok[b + i].w,
             c.tok[b + i].pos ? c.tok[b + i].pos : "_", t[i]);
    printf("\n");
  }
  free(lab);
  ann_arena_free(a);
  ann_pc_close(&w.pc);
  ann_pc_close(&w.pc2);
  ann_model_free(m);
  ner_corpus_free(&c);
  return 0;
}

/* One epoch over the training documents in a new shuffle: each document
 * without document features, then (first-pass labels given) with them,
 * into t2 when the second pass has weights of its own. Returns the tokens
 * the first pass got right. */
static size_t train_epoch(ner_trainer *t, ner_trainer *t2, const ner_gaz *gaz,
                          const ner_corpus *tr, const uint8_t *first,
                          uint32_t *order, ann_arena *a) {
  for (size_t d = 0; d < tr->ndoc; d++)
    order[d] = (uint32_t)d;
  shuffle(order, tr->ndoc);
  size_t right = 0;
  for (size_t j = 0; j < tr->ndoc; j++) {
    size_t ns;
    const uint32_t *s = doc_sents(tr, order[j], &ns);
    ann_arena_reset(a);
    right += ner_train_doc(t, gaz, tr->tok, tr->gold, s, ns, NULL, a);
    if (first) {
      ann_arena_reset(a);
      ner_train_doc(t2 ? t2 : t, gaz, tr->tok, tr->gold, s, ns, first, a);
    }
  }
  return right;
}

int main(int argc, char **argv) {
  const char *train = "/work/shared/data/conll2003/eng.train";
  const char *dev = "/work/shared/data/conll2003/eng.testa";
  const char *dicts = ANN_SOURCE_DIR "/dicts/ner";
  const char *out = ANN_SOURCE_DIR "/models/ner.bin";
  const char *posmodel = ANN_SOURCE_DIR "/models/pos.bin";
  int epochs = 10, folds = 4, first_epochs = 6, use_pos = 1, two = 0;
  int ensemble = 1;
  double prune = 0.05;
  const char *pred = NULL;    /* write dev words, gold and predicted labels */
  const char *tagfile = NULL; /* only tag this CoNLL file with --out */
  /* unlabelled text for the lowercase list: CoNLL-U files, text files or
   * directories of them, comma-separated */
  const char *lower_from = "/work/shared/data/ud-ewt/en_ewt-ud-train.conllu,"
                           "/work/shared/data/propaganda-train/train-articles";
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
    if (!strcmp(a, "--train") && v)
      train = v, i++;
    else if (!strcmp(a, "--dev") && v)
      dev = v, i++;
    else if (!strcmp(a, "--dicts") && v)
      dicts = v, i++;
    else if (!strcmp(a, "--out") && v)
      out = v, i++;
    else if (!strcmp(a, "--pos-model") && v)
      posmodel = v, i++;
    else if (!strcmp(a, "--epochs") && v)
      epochs = atoi(v), i++;
    else if (!strcmp(a, "--first-epochs") && v)
      first_epochs = atoi(v), i++;
    else if (!strcmp(a, "--ensemble") && v)
      ensemble = atoi(v), i++;
    else if (!strcmp(a, "--folds") && v)
      folds = atoi(v), i++;
    else if (!strcmp(a, "--prune") && v)
      prune = atof(v), i++;
    else if (!strcmp(a, "--no-pos"))
      use_pos = 0;
    else if (!strcmp(a, "--two-models"))
      two = 1;
    else if (!strcmp(a, "--tag") && v)
      tagfile = v, i++;
    else if (!strcmp(a, "--lower-from") && v)
      lower_from = v, i++;
    else if (!strcmp(a, "--pred") && v)
      pred = v, i++;
    else {
      fprintf(stderr, "usage: train_ner [--train F] [--dev F] [--dicts D] "
                      "[--out F] [--pos-model F] [--epochs N] "
                      "[--first-epochs N] [--folds K] [--prune X] "
                      "[--no-pos] [--pred F] [--two-models] [--tag F] "
                      "[--ensemble K] "
                      "[--lower-from F,DIR,...]\n");
      return 2;
    }
  }
  if (ensemble < 1 || ensemble > 16 || (ensemble > 1 && two)) {
    fprintf(stderr, "train_ner: --ensemble takes 1 to 16 runs, and not "
                    "with --two-models\n");
    return 2;
  }
  ann_error e = {0};
  if (tagfile) return tag_file(tagfile, out, posmodel);
  ner_corpus tr, dv;
  if (ner_conll_read(&tr, train, &e) || ner_conll_read(&dv, dev, &e)) {
    fprintf(stderr, "train_ner: %s\n", e.msg);
    return 1;
  }
  printf("train: %zu docs %zu sentences %zu tokens; dev: %zu docs %zu "
         "sentences %zu tokens\n",
         tr.ndoc, tr.nsent, tr.ntok, dv.ndoc, dv.nsent, dv.ntok);

  /* POS from our own tagger, so that training sees what run time sees */
  uint32_t flags = 0;
  if (use_pos) {
    int rc = ner_pos_retag(posmodel, &tr, &e);
    if (!rc) rc = ner_pos_retag(posmodel, &dv, &e);
    if (rc) {
      fprintf(stderr, "train_ner: no POS (%s); training without\n", e.msg);
      use_pos = 0;
    } else {
      flags |= NER_MODEL_POS;
    }
  }
  if (!use_pos) {
    for (size_t i = 0; i < tr.ntok; i++)
      tr.tok[i].pos = NULL;
    for (size_t i = 0; i < dv.ntok; i++)
      dv.tok[i].pos = NULL;
  }

  ner_gaz_builder gb = {0};
  if (add_lowercase(&gb, ner_gaz_nlists - 1, &tr, lower_from)) return 1;
  for (int l = 0; l < ner_gaz_nlists - 2; l++) {
    char path[1024];
    snprintf(path, sizeof path, "%s/%s.txt", dicts, ner_gaz_lists[l]);
    if (ner_gaz_add_file(&gb, l, path, &e))
      fprintf(stderr, "train_ner: %s (skipped)\n", e.msg);
  }
  ner_gaz gaz;
  ner_gaz_finish(&gb, &gaz, ner_gaz_nlists);
  printf("gazetteer: %zu entries and prefixes, longest %d tokens\n", gaz.n,
         gaz.maxlen);

  ann_arena *a = ann_arena_new(1 << 20, 0);
  uint8_t *first = calloc(tr.ntok + 1, 1);
  uint8_t *lab = calloc(dv.ntok + 1, 1);
  uint32_t *order = malloc(tr.ndoc * sizeof *order);
  if (!a || !first || !lab || !order) return 1;
  clock_t t0 = clock();

  /* 1. jackknifed first-pass labels for the training documents */
  for (int k = 0; k < folds && folds > 1; k++) {
    ner_trainer *t = ner_trainer_new();
    for (int ep = 0; ep < first_epochs; ep++) {
      size_t nd = 0;
      for (size_t d = 0; d < tr.ndoc; d++)
        if ((int)(d % (size_t)folds) != k) order[nd++] = (uint32_t)d;
      shuffle(order, nd);
      for (size_t j = 0; j < nd; j++) {
        size_t ns;
        const uint32_t *s = doc_sents(&tr, order[j], &ns);
        ann_arena_reset(a);
        ner_train_doc(t, &gaz, tr.tok, tr.gold, s, ns, NULL, a);
      }
    }
    ner_weights w;
    if (ner_trainer_export(t, prune, &w)) return 1;
    tag_corpus(&w, &gaz, &tr, 0, k, folds, first, a);
    ner_weights_free_owned(&w);
    ner_trainer_free(t);
    printf("fold %d/%d done (%.0f s)\n", k + 1, folds,
           (double)(clock() - t0) / CLOCKS_PER_SEC);
    fflush(stdout);
  }
  if (folds > 1) report("train 1st pass", &tr, first, 0);

  /* 2. the model, seeing each document without and with doc features;
   * with --two-models the second pass gets weights of its own */
  ner_trainer *t = ner_trainer_new();
  ner_trainer *t2 = two ? ner_trainer_new() : NULL;
  ner_weights w = {0};
  for (int ep = 0; ep < epochs; ep++) {
    size_t right = train_epoch(t, t2, &gaz, &tr, folds > 1 ? first : NULL,
                               order, a);
    ner_weights_free_owned(&w);
    if (ner_trainer_export(t, prune, &w)) return 1;
    if (t2 && ner_trainer_export2(t2, prune, &w)) return 1;
    printf("epoch %d: train acc %.4f, %zu features, %u kept (%.0f s)\n", ep + 1,
           (double)right / (double)tr.ntok, ner_trainer_nfeat(t), w.pc.nfeat,
           (double)(clock() - t0) / CLOCKS_PER_SEC);
    tag_corpus(&w, &gaz, &dv, 0, 0, 1, lab, a);
    report("  dev 1 pass", &dv, lab, 0);
    if (folds > 1) {
      tag_corpus(&w, &gaz, &dv, 1, 0, 1, lab, a);
      report("  dev 2 passes", &dv, lab, 0);
    }
  }
  /* 3. an ensemble: more runs with other shuffles, folded into one model
   * whose scores are the mean of theirs (ann_pc_trainer_mean); the run
   * above is the first. Cuts the +-0.3 F1 that one shuffle's luck moves. */
  if (ensemble > 1) {
    ner_trainer *runs[16] = {t};
    for (int r = 1; r < ensemble; r++) {
      rng = 0x2545F4914F6CDD1DULL ^ (0x9E3779B97F4A7C15ULL * (uint64_t)r);
      runs[r] = ner_trainer_new();
      if (!runs[r]) return 1;
      for (int ep = 0; ep < epochs; ep++)
        train_epoch(runs[r], NULL, &gaz, &tr, folds > 1 ? first : NULL, order,
                    a);
      printf("ensemble run %d/%d done (%.0f s)\n", r + 1, ensemble,
             (double)(clock() - t0) / CLOCKS_PER_SEC);
      fflush(stdout);
    }
    t = ner_trainer_mean(runs, (size_t)ensemble);
    for (int r = 0; r < ensemble; r++)
      ner_trainer_free(runs[r]);
    ner_weights_free_owned(&w);
    if (!t || ner_trainer_export(t, prune, &w)) return 1;
    printf("ensemble: the mean of %d runs\n", ensemble);
  }
  printf("final model on %s:\n", dev);
  tag_corpus(&w, &gaz, &dv, folds > 1, 0, 1, lab, a);
  report("dev", &dv, lab, 1);
  if (pred) {
    FILE *pf = fopen(pred, "w");
    if (pf) {
      for (size_t si = 0; si < dv.nsent; si++) {
        size_t b = dv.sent[si], n = dv.sent[si + 1] - b;
        const char *g2[n ? n : 1], *p2[n ? n : 1];
        ner_bilou_to_iob2(dv.gold + b, n, g2);
        ner_bilou_to_iob2(lab + b, n, p2);
        for (size_t i = 0; i < n; i++)
          fprintf(pf, "%s %s %s\n", dv.tok[b + i].w, g2[i], p2[i]);
        fputc('\n', pf);
      }
      fclose(pf);
    }
  }
  if (ner_model_save(out, &w, &gaz, flags, &e)) {
    fprintf(stderr, "train_ner: %s\n", e.msg);
    return 1;
  }
  printf("wrote %s: %u features, %u slots\n", out, w.pc.nfeat, w.pc.cap);
  ner_weights_free_owned(&w);
  ner_trainer_free(t);
  ner_trainer_free(t2);
  ner_gaz_builder_free(&gb);
  free(first);
  free(lab);
  free(order);
  ann_arena_free(a);
  ner_corpus_free(&tr);
  ner_corpus_free(&dv);
  return 0;
}
