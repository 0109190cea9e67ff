/*
 * pos_train.c — train the POS tagger and lemmatizer (models/pos.bin) on a
 * CoNLL-U treebank and score it on a dev file (tools/train_pos.c is the
 * command; tests train a toy model with it).
 *
 * Deterministic: sentences are shuffled by a seeded LCG and every table is
 * written in insertion order, so the same input gives the same bytes. The
 * dev scores are computed by loading OUT.bin through the public API
 * (ann_pos_open / ann_pos_tag), i.e. exactly what the pipeline runs.
 */
#include "annalist/model.h"
#include "annalist/tag.h"
#include "tag/conllu.h"
#include "tag/kvtab.h"
#include "tag/pos.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const ann_pos_train_opts *opts;

static void say(const char *fmt, ...) {
  if (!opts || !opts->log) return;
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  opts->log(opts->log_ctx, msg);
}

typedef struct corpus {
  ann_arena *a;
  char *buf;
  ann_conllu_sent *s;
  size_t n, cap, ntok;
} corpus;

static void corpus_free(corpus *c) {
  ann_arena_free(c->a);
  free(c->buf);
  free(c->s);
}

/* Read a CoNLL-U file; with reverse, every sentence right to left
 * (ann_pos_train_opts.reverse). */
static int load(corpus *c, const char *path, int reverse, ann_error *e) {
  size_t len;
  memset(c, 0, sizeof *c);
  c->buf = ann_read_file(path, &len);
  if (!c->buf) return ann_fail(e, ANN_EIO, -1, "%s: cannot read", path);
  c->a = ann_arena_new(1 << 20, 0);
  ann_conllu_reader r;
  ann_conllu_init(&r, c->buf, len, 0, path);
  ann_conllu_sent s;
  int rc;
  while ((rc = ann_conllu_next(&r, c->a, &s, e)) > 0) {
    if (!s.nwords) continue;
    if (reverse)
      for (size_t i = 0, j = s.nwords - 1; i < j; i++, j--) {
        const ann_conllu_line *tmp = s.word[i];
        s.word[i] = s.word[j];
        s.word[j] = (ann_conllu_line *)tmp;
      }
    if (c->n == c->cap) {
      c->cap = c->cap ? c->cap * 2 : 1024;
      c->s = realloc(c->s, c->cap * sizeof *c->s);
    }
    c->s[c->n++] = s;
    c->ntok += s.nwords;
  }
  return rc < 0 ? rc : 0;
}

/* ------------------------------------------------------ string table -- */

typedef struct strtab {
  char **s;
  size_t n, cap;
  uint32_t *slot; /* index + 1 */
  size_t scap;
} strtab;

/* The slot of s in t's hash index, or the empty slot where it would go
 * (t->scap > 0). */
static size_t probe(const strtab *t, const char *s) {
  size_t h = ann_pc_hash_str(0, s) & (t->scap - 1);
  while (t->slot[h] && strcmp(t->s[t->slot[h] - 1], s))
    h = (h + 1) & (t->scap - 1);
  return h;
}

static int find(const strtab *t, const char *s, uint32_t *id) {
  if (!t->scap) return 0;
  size_t h = probe(t, s);
  if (!t->slot[h]) return 0;
  *id = t->slot[h] - 1;
  return 1;
}

static uint32_t intern(strtab *t, const char *s) {
  if (!t->scap || (t->n + 1) * 2 > t->scap) {
    size_t nc = t->scap ? t->scap * 2 : 1024;
    uint32_t *ns = calloc(nc, sizeof *ns);
    for (size_t i = 0; i < t->n; i++) {
      size_t h = ann_pc_hash_str(0, t->s[i]) & (nc - 1);
      while (ns[h]) h = (h + 1) & (nc - 1);
      ns[h] = (uint32_t)i + 1;
    }
    free(t->slot);
    t->slot = ns;
    t->scap = nc;
  }
  size_t h = probe(t, s);
  if (t->slot[h]) return t->slot[h] - 1;
  if (t->n == t->cap) {
    t->cap = t->cap ? t->cap * 2 : 256;
    t->s = realloc(t->s, t->cap * sizeof *t->s);
  }
  t->s[t->n] = strdup(s);
  t->slot[h] = (uint32_t)t->n + 1;
  return (uint32_t)t->n++;
}

/* ------------------------------------------------------------ pairs -- */

typedef struct pair {
  uint64_t key;
  uint32_t val;
} pair;

static int pair_cmp(const void *x, const void *y) {
  const pair *a = x, *b = y;
  if (a->key != b->key) return a->key < b->key ? -1 : 1;
  return a->val < b->val ? -1 : a->val > b->val;
}

/* For each key, the most frequent value (the smallest on ties) and its
 * total count: callback per key. */
typedef void (*major_fn)(void *ctx, uint64_t key, uint32_t val, size_t n,
                         size_t total);
static void majority(pair *p, size_t n, major_fn fn, void *ctx) {
  qsort(p, n, sizeof *p, pair_cmp);
  for (size_t i = 0; i < n;) {
    size_t j = i, best = 0, total = 0;
    uint32_t bv = 0;
    while (j < n && p[j].key == p[i].key) {
      size_t k = j;
      while (k < n && p[k].key == p[j].key && p[k].val == p[j].val) k++;
      if (k - j > best) best = k - j, bv = p[j].val;
      total += k - j;
      j = k;
    }
    fn(ctx, p[i].key, bv, best, total);
    i = j;
  }
}

typedef struct kvctx {
  ann_kv_builder *b;
  size_t min;
} kvctx;

static void put_major(void *ctx, uint64_t key, uint32_t val, size_t n,
                      size_t total) {
  kvctx *k = ctx;
  if (total >= k->min) ann_kv_builder_put(k->b, key, val);
}

/* The class set of each word (key) of pairs wc[a..b) sorted by key and
 * class: the classes of >= 5% of its occurrences, as "c1,c2,". */
static void class_set(const pair *wc, size_t a, size_t b, char *set,
                      size_t cap) {
  size_t sl = 0;
  for (size_t c = a; c < b;) {
    size_t d = c;
    while (d < b && wc[d].val == wc[c].val) d++;
    if ((d - c) * 20 >= b - a && sl + 12 < cap)
      sl += (size_t)snprintf(set + sl, cap - sl, "%u,", wc[c].val);
    c = d;
  }
  set[sl] = 0;
}

/* The lexicon of pairs (lowered word, class): each word seen at least
 * lex_min times -> the id of the set of classes it had (those of >= 5% of
 * its occurrences). Sorts p. With silver (sorted by key; val indexes
 * silver_sets), the words of machine-tagged text the gold pairs leave out
 * get their silver set, under ids of their own ("s" + the set). */
static void build_lex(pair *wc, size_t n, int lex_min, strtab *sets,
                      const pair *silver, size_t nsilver,
                      const strtab *silver_sets, void **blob, size_t *size) {
  qsort(wc, n, sizeof *wc, pair_cmp);
  ann_kv_builder *lb = ann_kv_builder_new();
  char set[4096];
  if (nsilver) {
    /* the keys the gold pairs will have, then the silver ones they lack */
    uint64_t *gk = malloc((n + 1) * sizeof *gk);
    size_t ng = 0;
    for (size_t a = 0; a < n;) {
      size_t b = a;
      while (b < n && wc[b].key == wc[a].key) b++;
      if (b - a >= (size_t)lex_min) gk[ng++] = wc[a].key;
      a = b;
    }
    for (size_t i = 0, g = 0; i < nsilver; i++) {
      while (g < ng && gk[g] < silver[i].key) g++;
      if (g < ng && gk[g] == silver[i].key) continue;
      ann_kv_builder_put(lb, silver[i].key,
                         intern(sets, silver_sets->s[silver[i].val]));
    }
    free(gk);
  }
  for (size_t a = 0; a < n;) {
    size_t b = a;
    while (b < n && wc[b].key == wc[a].key) b++;
    if (b - a >= (size_t)lex_min) {
      class_set(wc, a, b, set, sizeof set);
      ann_kv_builder_put(lb, wc[a].key, intern(sets, set));
    }
    a = b;
  }
  ann_kv_builder_build(lb, blob, size);
  ann_kv_builder_free(lb);
}

/* ---------------------------------------------------------- clusters -- */

/* A set of strings: the WordNet lemmas of one part of speech. */
static int has(const strtab *t, const char *s, size_t n) {
  if (!t->scap) return 0;
  size_t h = ann_pc_hash(0, s, n) & (t->scap - 1);
  while (t->slot[h]) {
    const char *x = t->s[t->slot[h] - 1];
    if (!strncmp(x, s, n) && !x[n]) return 1;
    h = (h + 1) & (t->scap - 1);
  }
  return 0;
}

static uint32_t intern_n(strtab *t, const char *s, size_t n) {
  char tmp[256];
  if (n >= sizeof tmp) n = sizeof tmp - 1;
  memcpy(tmp, s, n);
  tmp[n] = 0;
  return intern(t, tmp);
}

/* WordNet (Debian wordnet-base: index.noun/verb/adj/adv and the .exc
 * lists): the possible coarse parts of speech of a lowered word form,
 * with the inflection a regular ending (or an exception) implies. */
enum { WN_N = 1, WN_NS = 2, WN_V = 4, WN_VZ = 8, WN_VD = 16, WN_VG = 32,
       WN_A = 64, WN_AR = 128, WN_R = 256 };
enum { P_N, P_V, P_A, P_R, P_NX, P_VX, P_AX, P_VG, P_NP };
typedef struct wordnet {
  strtab t[P_NP];
} wordnet;

static void wn_free(wordnet *w) {
  for (int i = 0; i < P_NP; i++) {
    for (size_t k = 0; k < w->t[i].n; k++) free(w->t[i].s[k]);
    free(w->t[i].s);
    free(w->t[i].slot);
  }
}

static int wn_load(wordnet *w, const char *dir, ann_error *e) {
  static const char *const files[] = {"index.noun", "index.verb",
                                      "index.adj", "index.adv", "noun.exc",
                                      "verb.exc", "adj.exc"};
  memset(w, 0, sizeof *w);
  for (int i = 0; i < 7; i++) {
    char path[1024];
    size_t len;
    snprintf(path, sizeof path, "%s/%s", dir, files[i]);
    char *buf = ann_read_file(path, &len);
    if (!buf) return ann_fail(e, ANN_EIO, -1, "%s: cannot read", path);
    for (char *p = buf, *end = buf + len; p < end;) {
      char *nl = memchr(p, '\n', (size_t)(end - p));
      if (!nl) nl = end;
      size_t k = 0;
      while (p + k < nl && p[k] != ' ') k++;
      if (k && p[0] != ' ' && !memchr(p, '_', k)) {
        /* verb.exc: the -ing forms are kept apart from the past forms */
        int t = i;
        if (i == P_VX && k > 3 && !memcmp(p + k - 3, "ing", 3)) t = P_VG;
        intern_n(&w->t[t], p, k);
      }
      p = nl + 1;
    }
    free(buf);
  }
  return 0;
}

/* s with the ending of length cut replaced by add is in t. */
static int stem_in(const strtab *t, const char *s, size_t n, const char *end,
                   const char *add) {
  size_t el = strlen(end), al = strlen(add);
  if (n <= el + 1 || memcmp(s + n - el, end, el) || n - el + al > 250)
    return 0;
  char tmp[256];
  memcpy(tmp, s, n - el);
  memcpy(tmp + n - el, add, al);
  if (has(t, tmp, n - el + al)) return 1;
  /* a doubled final consonant: stopped -> stop, bigger -> big */
  if (!al && n - el >= 3 && tmp[n - el - 1] == tmp[n - el - 2] &&
      !strchr("aeiou", tmp[n - el - 1]))
    return has(t, tmp, n - el - 1);
  return 0;
}

static uint32_t wn_bits(const wordnet *w, const char *s, size_t n) {
  uint32_t b = 0;
  if (has(&w->t[P_N], s, n)) b |= WN_N;
  if (has(&w->t[P_V], s, n)) b |= WN_V;
  if (has(&w->t[P_A], s, n)) b |= WN_A;
  if (has(&w->t[P_R], s, n)) b |= WN_R;
  const strtab *N = &w->t[P_N], *V = &w->t[P_V], *A = &w->t[P_A];
  if (has(&w->t[P_NX], s, n) || stem_in(N, s, n, "s", "") ||
      stem_in(N, s, n, "ses", "s") || stem_in(N, s, n, "xes", "x") ||
      stem_in(N, s, n, "ches", "ch") || stem_in(N, s, n, "shes", "sh") ||
      stem_in(N, s, n, "men", "man") || stem_in(N, s, n, "ies", "y"))
    b |= WN_NS;
  if (stem_in(V, s, n, "s", "") || stem_in(V, s, n, "ies", "y") ||
      stem_in(V, s, n, "es", ""))
    b |= WN_VZ;
  if (has(&w->t[P_VX], s, n) || stem_in(V, s, n, "ed", "") ||
      stem_in(V, s, n, "ed", "e") || stem_in(V, s, n, "ied", "y"))
    b |= WN_VD;
  if (has(&w->t[P_VG], s, n) || stem_in(V, s, n, "ing", "") ||
      stem_in(V, s, n, "ing", "e"))
    b |= WN_VG;
  if (has(&w->t[P_AX], s, n) || stem_in(A, s, n, "er", "") ||
      stem_in(A, s, n, "est", "") || stem_in(A, s, n, "er", "e") ||
      stem_in(A, s, n, "est", "e") || stem_in(A, s, n, "ier", "y") ||
      stem_in(A, s, n, "iest", "y"))
    b |= WN_AR;
  return b;
}

/* The word classes of tools/build_clusters (word TAB count TAB left TAB
 * right TAB coarse per line; 1023 1023 63 = none) and, with a WordNet
 * directory, the id of each word's WordNet parts of speech, as a kv blob:
 * lw -> packed (ann_pos_word.cl). The training words are looked up in
 * WordNet too. */
static int load_clusters(const char *path, const char *wndir,
                         const corpus *tr, void **blob, size_t *size,
                         ann_error *e) {
  size_t len;
  char *buf = ann_read_file(path, &len);
  if (!buf) return ann_fail(e, ANN_EIO, -1, "%s: cannot read", path);
  wordnet wn;
  memset(&wn, 0, sizeof wn);
  int wrc = wndir ? wn_load(&wn, wndir, e) : 0;
  if (wrc < 0) {
    wn_free(&wn);
    free(buf);
    return wrc;
  }
  strtab ids = {0}, seen = {0};
  int rc = 0;
  intern(&ids, "");
  ann_kv_builder *b = ann_kv_builder_new();
  size_t n = 0, nwn = 0, line = 0;
  char key[32];
  for (char *p = buf, *end = buf + len; p < end; line++) {
    char *nl = memchr(p, '\n', (size_t)(end - p));
    if (!nl) nl = end;
    *nl = 0;
    char *tab = strchr(p, '\t');
    unsigned cnt, l, r, c;
    if (tab && sscanf(tab + 1, "%u\t%u\t%u\t%u", &cnt, &l, &r, &c) == 4 &&
        l <= ANN_CL_FINE && r <= ANN_CL_FINE && c <= ANN_CL_COARSE) {
      uint32_t v = ANN_CL_PACK(l, r, c, 0);
      size_t wl = (size_t)(tab - p);
      if (wndir) {
        uint32_t bits = wn_bits(&wn, p, wl);
        snprintf(key, sizeof key, "%u", bits);
        uint32_t id = bits ? intern(&ids, key) : 0;
        v |= ANN_CL_PACK(0, 0, 0, id < ANN_CL_WN ? id : ANN_CL_WN);
        nwn += id != 0;
        intern_n(&seen, p, wl);
      }
      if (v != ANN_CL_NONE) {
        ann_pos_word pw;
        ann_pos_word_init(&pw, p, wl);
        ann_kv_builder_put(b, pw.lw, v);
        n++;
      }
    } else if (p < nl) {
      rc = ann_fail(e, ANN_EFORMAT, -1, "%s:%zu: bad cluster line", path,
                    line + 1);
      break;
    }
    p = nl + 1;
  }
  /* training words the unlabelled text did not have */
  if (wndir && rc == 0)
    for (size_t s = 0; s < tr->n; s++)
      for (size_t j = 0; j < tr->s[s].nwords; j++) {
        const char *f = tr->s[s].word[j]->col[ANN_CU_FORM];
        char low[256];
        size_t fl = strlen(f);
        if (fl >= sizeof low) continue;
        for (size_t i = 0; i < fl; i++)
          low[i] = f[i] >= 'A' && f[i] <= 'Z' ? (char)(f[i] + 32) : f[i];
        if (has(&seen, low, fl)) continue;
        intern_n(&seen, low, fl);
        uint32_t bits = wn_bits(&wn, low, fl);
        snprintf(key, sizeof key, "%u", bits);
        uint32_t id = bits ? intern(&ids, key) : 0;
        if (!id) continue;
        ann_pos_word pw;
        ann_pos_word_init(&pw, low, fl);
        ann_kv_builder_put(
            b, pw.lw,
            ANN_CL_NONE | ANN_CL_PACK(0, 0, 0, id < ANN_CL_WN ? id : ANN_CL_WN));
        n++;
        nwn++;
      }
  if (rc == 0) ann_kv_builder_build(b, blob, size);
  ann_kv_builder_free(b);
  free(buf);
  if (rc == 0)
    say("word classes for %zu words, %zu in WordNet (%zu sets)", n, nwn,
      ids.n);
  for (size_t k = 0; k < ids.n; k++) free(ids.s[k]);
  for (size_t k = 0; k < seen.n; k++) free(seen.s[k]);
  free(ids.s);
  free(ids.slot);
  free(seen.s);
  free(seen.slot);
  wn_free(&wn);
  return rc;
}

/* ---------------------------------------------------------- training -- */

static uint64_t rng;
static uint32_t rnd(void) {
  rng = rng * 6364136223846793005ull + 1442695040888963407ull;
  return (uint32_t)(rng >> 33);
}

typedef struct sent {
  size_t first, n; /* into words/gold */
  uint32_t flags;  /* ann_pos_sentence_flags */
} sent;

static void ctx_of(const ann_pos_word *w, size_t n, size_t i,
                   const ann_pos_word *ctx[5]) {
  for (int k = 0; k < 5; k++) {
    long j = (long)i + k - 2;
    ctx[k] = j < 0 ? &ann_pos_pad_start
             : j >= (long)n ? &ann_pos_pad_end
                            : &w[j];
  }
}

/* Evaluate a model file on dev through the public API. */
static int evaluate(const char *path, const corpus *dev, ann_pos_scores *sc,
                    ann_error *e) {
  ann_pos_model *m;
  int rc = ann_pos_open(&m, path, e);
  if (rc < 0) return rc;
  ann_arena *a = ann_arena_new(1 << 16, 0);
  size_t ok_u = 0, ok_x = 0, ok_l = 0, ok_b = 0, tot = 0;
  for (size_t s = 0; s < dev->n; s++) {
    const ann_conllu_sent *cs = &dev->s[s];
    size_t len = 0;
    for (size_t i = 0; i < cs->nwords; i++)
      len += strlen(cs->word[i]->col[ANN_CU_FORM]) + 1;
    char *text = ann_alloc(a, len + 1);
    ann_token *tok = ann_calloc(a, cs->nwords * sizeof *tok);
    size_t p = 0;
    for (size_t i = 0; i < cs->nwords; i++) {
      const char *f = cs->word[i]->col[ANN_CU_FORM];
      size_t l = strlen(f);
      memcpy(text + p, f, l);
      tok[i].start = (uint32_t)p;
      tok[i].end = (uint32_t)(p + l);
      p += l;
      text[p++] = ' ';
    }
    text[p] = 0;
    ann_pos_tag(m, text, tok, cs->nwords, a);
    for (size_t i = 0; i < cs->nwords; i++) {
      const ann_conllu_line *w = cs->word[i];
      int u = !strcmp(tok[i].upos, w->col[ANN_CU_UPOS]);
      int x = !strcmp(tok[i].xpos, w->col[ANN_CU_XPOS]);
      ok_u += u;
      ok_x += x;
      ok_b += u && x;
      ok_l += !strcmp(tok[i].lemma, w->col[ANN_CU_LEMMA]);
      tot++;
    }
    ann_arena_reset(a);
  }
  tot = tot ? tot : 1;
  sc->upos = 100.0 * ok_u / tot;
  sc->xpos = 100.0 * ok_x / tot;
  sc->lemma = 100.0 * ok_l / tot;
  sc->both = 100.0 * ok_b / tot;
  sc->words = dev->ntok;
  ann_arena_free(a);
  ann_pos_free(m);
  return 0;
}

int ann_pos_evaluate(const char *model, const char *conllu,
                     ann_pos_scores *sc, ann_error *e) {
  corpus dev;
  int rc = load(&dev, conllu, 0, e);
  if (rc == 0) rc = evaluate(model, &dev, sc, e);
  corpus_free(&dev);
  return rc;
}

/* Compile the averaged weights and write the model file; its size, or 0
 * on failure. */
static const void *lex_blob, *dict_blob, *clu_blob, *nam_blob;
static size_t clu_size, nam_size;
static size_t dict_size;
static size_t lex_size;
static const ann_pc_trainer *first_pass;
static size_t write_model(const ann_pc_trainer *t, const strtab *classes,
                          double prune, const char *rbuf, size_t rlen,
                          const void *kblob, size_t ksize, const void *sblob,
                          size_t ssize, const char *out, ann_error *e) {
  void *blob, *blob1 = NULL;
  size_t size, size1 = 0;
  if (ann_pc_trainer_build(t, (const char *const *)classes->s, prune, &blob,
                           &size) < 0 ||
      (first_pass &&
       ann_pc_trainer_build(first_pass, (const char *const *)classes->s,
                            prune, &blob1, &size1) < 0)) {
    ann_fail(e, ANN_ENOMEM, -1, "out of memory");
    return 0;
  }
  ann_model_writer *w = ann_model_writer_new(ANN_POS_KIND, ANN_POS_VERSION);
  ann_model_writer_add(w, "pos.pc", blob, size);
  if (blob1) ann_model_writer_add(w, "pos.pc1", blob1, size1);
  free(blob1);
  size += size1;
  ann_model_writer_add(w, "pos.lex", lex_blob, lex_size);
  if (dict_blob) ann_model_writer_add(w, "pos.dict", dict_blob, dict_size);
  if (clu_blob) ann_model_writer_add(w, "pos.clu", clu_blob, clu_size);
  if (nam_blob) ann_model_writer_add(w, "pos.nam", nam_blob, nam_size);
  ann_model_writer_add(w, "pos.lemt", rbuf, rlen);
  ann_model_writer_add(w, "pos.lemk", kblob, ksize);
  ann_model_writer_add(w, "pos.lems", sblob, ssize);
  int rc = ann_model_writer_save(w, out, e);
  ann_model_writer_free(w);
  free(blob);
  if (rc < 0) return 0;
  return size + rlen + ksize + ssize + lex_size + dict_size + clu_size;
}

/* One pass's perceptron, trained on the sentences idx[0..ni) for the
 * given epochs (shuffled by a seeded LCG). With q (the first pass's
 * classes of every training word) it is a second pass. */
static ann_pc_trainer *train_pass(const sent *sents, const size_t *idx,
                                  size_t ni, const ann_pos_word *words,
                                  const uint32_t *gold, const uint32_t *q,
                                  const ann_kv *dict, uint32_t nc, int epochs,
                                  uint64_t seed) {
  ann_pc_trainer *t = ann_pc_trainer_new(nc);
  size_t *order = malloc(ni * sizeof *order);
  int32_t *sc = malloc(nc * sizeof *sc);
  if (!t || !order || !sc) {
    free(order);
    free(sc);
    ann_pc_trainer_free(t);
    return NULL;
  }
  memcpy(order, idx, ni * sizeof *order);
  rng = seed;
  uint64_t f[ANN_POS_MAXF];
  uint32_t q5[5];
  const ann_pos_word *ctx[5];
  size_t ntok = 0;
  for (size_t s = 0; s < ni; s++) ntok += sents[idx[s]].n;
  for (int ep = 0; ep < epochs; ep++) {
    for (size_t s = ni; s > 1; s--) {
      size_t j = rnd() % s, tmp = order[s - 1];
      order[s - 1] = order[j];
      order[j] = tmp;
    }
    size_t err = 0;
    for (size_t oi = 0; oi < ni; oi++) {
      const sent *se = &sents[order[oi]];
      uint32_t p1 = nc, p2 = nc;
      for (size_t j = 0; j < se->n; j++) {
        uint32_t g, y = gold[se->first + j];
        if (ann_kv_get(dict, words[se->first + j].w, &g)) {
          ann_pc_trainer_tick(t);
          p2 = p1;
          p1 = g;
          continue;
        }
        if (q)
          for (int k = 0; k < 5; k++) {
            long jj = (long)j + k - 2;
            q5[k] = jj < 0 || jj >= (long)se->n ? nc : q[se->first + jj];
          }
        ctx_of(words + se->first, se->n, j, ctx);
        size_t nf = ann_pos_features(ctx, p1, p2, se->flags, q ? q5 : NULL, f);
        ann_pc_trainer_scores(t, f, nf, sc);
        g = ann_pc_argmax(sc, nc);
        if (g != y) {
          ann_pc_trainer_update(t, f, nf, y, 1);
          ann_pc_trainer_update(t, f, nf, g, -1);
          err++;
        }
        ann_pc_trainer_tick(t);
        p2 = p1;
        p1 = g;
      }
    }
    say("%s pass, epoch %d: train accuracy %.2f%%, %zu features",
        q ? "second" : "first", ep + 1, 100.0 - 100.0 * err / (ntok ? ntok : 1),
        ann_pc_trainer_nfeat(t));
  }
  free(order);
  free(sc);
  return t;
}

/* Tag one training sentence with a compiled first pass into out. */
static void tag_pass(const ann_pc *pc, const ann_kv *dict, const sent *se,
                     const ann_pos_word *words, uint32_t nc, uint32_t *out) {
  uint64_t f[ANN_POS_MAXF];
  int32_t sc[1024];
  const ann_pos_word *ctx[5];
  uint32_t p1 = nc, p2 = nc;
  for (size_t j = 0; j < se->n; j++) {
    uint32_t g;
    if (!ann_kv_get(dict, words[se->first + j].w, &g)) {
      ctx_of(words + se->first, se->n, j, ctx);
      size_t nf = ann_pos_features(ctx, p1, p2, se->flags, NULL, f);
      ann_pc_scores(pc, f, nf, sc);
      g = ann_pc_argmax(sc, nc);
    }
    out[se->first + j] = g;
    p2 = p1;
    p1 = g;
  }
}

/* The name lists of dir (dicts/ner): every word of every entry, lowered,
 * with the ANN_NB_* bits of the lists it is on, as a kv blob. */
typedef struct nb_pair {
  uint64_t key;
  uint32_t bits;
} nb_pair;

static int nb_cmp(const void *a, const void *b) {
  uint64_t x = ((const nb_pair *)a)->key, y = ((const nb_pair *)b)->key;
  return x < y ? -1 : x > y;
}

static int load_names(const char *dir, void **blob, size_t *size,
                      ann_error *e) {
  static const struct {
    const char *file;
    uint32_t bit;
  } lists[] = {
      {"first_names", ANN_NB_FIRST},    {"cities", ANN_NB_PLACE},
      {"countries", ANN_NB_PLACE},      {"regions", ANN_NB_PLACE},
      {"demonyms", ANN_NB_DEMONYM},     {"org_keywords", ANN_NB_KEYWORD},
      {"org_suffixes", ANN_NB_KEYWORD}, {"loc_keywords", ANN_NB_KEYWORD},
      {"organisations", ANN_NB_NAME},   {"news_orgs", ANN_NB_NAME},
      {"sports_teams", ANN_NB_NAME},    {"misc", ANN_NB_NAME},
      {"person_titles", ANN_NB_TITLE}};
  nb_pair *v = NULL;
  size_t n = 0, cap = 0;
  char path[1100], line[512];
  for (size_t l = 0; l < sizeof lists / sizeof lists[0]; l++) {
    snprintf(path, sizeof path, "%s/%s.txt", dir, lists[l].file);
    FILE *fp = fopen(path, "r");
    if (!fp) {
      free(v);
      return ann_fail(e, ANN_EIO, -1, "%s: cannot read the name list", path);
    }
    while (fgets(line, sizeof line, fp)) {
      if (line[0] == '#') continue;
      for (char *p = line;;) {
        while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
          p++;
        if (!*p) break;
        char *q = p;
        while (*q && *q != ' ' && *q != '\t' && *q != '\r' && *q != '\n')
          q++;
        if (n == cap) {
          cap = cap ? cap * 2 : 4096;
          nb_pair *nv = realloc(v, cap * sizeof *v);
          if (!nv) {
            free(v);
            fclose(fp);
            return ann_fail(e, ANN_ENOMEM, -1, "out of memory");
          }
          v = nv;
        }
        ann_pos_word pw;
        ann_pos_word_init(&pw, p, (size_t)(q - p));
        v[n].key = pw.lw;
        v[n++].bits = lists[l].bit;
        p = q;
      }
    }
    fclose(fp);
  }
  qsort(v, n, sizeof *v, nb_cmp);
  ann_kv_builder *b = ann_kv_builder_new();
  for (size_t i = 0; i < n;) {
    uint32_t bits = 0;
    size_t j = i;
    for (; j < n && v[j].key == v[i].key; j++)
      bits |= v[j].bits;
    ann_kv_builder_put(b, v[i].key, bits);
    i = j;
  }
  free(v);
  int rc = b && ann_kv_builder_build(b, blob, size) == 0
               ? 0
               : ann_fail(e, ANN_ENOMEM, -1, "out of memory");
  ann_kv_builder_free(b);
  return rc;
}

int ann_pos_train(const ann_pos_train_opts *o, ann_pos_scores *score,
                  ann_error *e) {
  opts = o;
  int epochs = o->epochs > 0 ? o->epochs : 7;
  int verbose = o->verbose, lex_min = o->lex_min > 0 ? o->lex_min : 2;
  double prune = o->prune;
  uint64_t seed = o->seed ? o->seed : 1;
  const char *train_path = o->train, *dev_path = o->dev, *out = o->out;
  corpus tr, dev, sv, sl;
  memset(&dev, 0, sizeof dev);
  memset(&sv, 0, sizeof sv);
  memset(&sl, 0, sizeof sl);
  int rc = load(&tr, train_path, o->reverse, e);
  if (rc == 0 && dev_path) rc = load(&dev, dev_path, o->reverse, e);
  if (rc == 0 && o->silver) rc = load(&sv, o->silver, o->reverse, e);
  if (rc == 0 && o->silver_lex)
    rc = load(&sl, o->silver_lex, o->reverse, e);
  if (rc == 0 && o->silver && o->two_pass)
    rc = ann_fail(e, ANN_EINVAL, -1, "--silver does not go with --two-pass");
  if (rc < 0) {
    corpus_free(&tr);
    corpus_free(&dev);
    corpus_free(&sv);
    corpus_free(&sl);
    return rc;
  }
  say("%zu sentences, %zu words; dev %zu words", tr.n, tr.ntok, dev.ntok);
  if (o->silver)
    say("silver: %zu sentences, %zu words (%s)", sv.n, sv.ntok, o->silver);
  /* the gold sentences, then the silver ones: the words and sentences
   * below run over both (nall, ntall); the lexicon, tag dictionary and
   * lemmas come from the gold ones only */
  size_t nall = tr.n + sv.n, ntall = tr.ntok + sv.ntok;

  /* classes, words, gold */
  strtab classes = {0};
  ann_pos_word *words = malloc(ntall * sizeof *words);
  uint32_t *gold = malloc(ntall * sizeof *gold);
  sent *sents = malloc(nall * sizeof *sents);
  size_t k = 0;
  char name[256];
  for (size_t s = 0; s < nall; s++) {
    const ann_conllu_sent *cs = s < tr.n ? &tr.s[s] : &sv.s[s - tr.n];
    sents[s].first = k;
    sents[s].n = cs->nwords;
    {
      uint32_t st[cs->nwords + 1], en[cs->nwords + 1];
      size_t len = 0;
      for (size_t j = 0; j < cs->nwords; j++)
        len += strlen(cs->word[j]->col[ANN_CU_FORM]) + 1;
      char *txt = malloc(len + 1), *tp = txt;
      for (size_t j = 0; j < cs->nwords; j++) {
        const char *fm = cs->word[j]->col[ANN_CU_FORM];
        size_t fl = strlen(fm);
        st[j] = (uint32_t)(tp - txt);
        memcpy(tp, fm, fl);
        tp += fl;
        en[j] = (uint32_t)(tp - txt);
        *tp++ = ' ';
      }
      sents[s].flags = ann_pos_sentence_flags(txt, st, en, 1, cs->nwords);
      free(txt);
    }
    for (size_t j = 0; j < cs->nwords; j++, k++) {
      const ann_conllu_line *w = cs->word[j];
      snprintf(name, sizeof name, "%s %s", w->col[ANN_CU_UPOS],
               w->col[ANN_CU_XPOS]);
      gold[k] = intern(&classes, name);
      const char *f = w->col[ANN_CU_FORM];
      ann_pos_word_init(&words[k], f, strlen(f));
    }
  }
  uint32_t nc = (uint32_t)classes.n;
  say("%u classes", nc);

  /* everything freed at done: */
  void *cblob = NULL, *nblob = NULL, *lblob = NULL, *dblob = NULL;
  strtab rules = {0};
  size_t csize = 0;
  if (o->clusters) {
    ann_kv clu;
    if ((rc = load_clusters(o->clusters, o->wordnet, &tr, &cblob, &csize,
                            e)) < 0 ||
        (rc = ann_kv_open(&clu, cblob, csize, e)) < 0) {
      goto done;
    }
    for (size_t j = 0; j < ntall; j++) ann_pos_word_clu(&words[j], &clu);
    for (size_t s = 0; s < nall; s++) sents[s].flags |= ANN_PS_CLU;
  } else
    for (size_t j = 0; j < ntall; j++) words[j].cl = ANN_CL_NONE;
  clu_blob = cblob;
  clu_size = csize;

  /* the name lists: lowered word -> the lists it is on */
  if (o->names) {
    ann_kv nkv;
    if ((rc = load_names(o->names, &nblob, &nam_size, e)) < 0 ||
        (rc = ann_kv_open(&nkv, nblob, nam_size, e)) < 0) {
      goto done;
    }
    for (size_t j = 0; j < ntall; j++) ann_pos_word_nam(&words[j], &nkv);
    for (size_t s = 0; s < nall; s++)
      sents[s].flags |= ANN_PS_NAM;
  }
  nam_blob = nblob;

  /* the lexicon: each word seen at least lex_min times -> the set of
   * classes it had (those of >= 5% of its occurrences), as an id */
  size_t lsize = 0;
  {
    /* jackknifed: a training word's class set comes from the other folds,
     * so the features are as noisy in training as on unseen text */
    strtab sets = {0};
    intern(&sets, "");
    size_t *fold_of = malloc(tr.ntok * sizeof *fold_of);
    for (size_t s = 0; s < tr.n; s++)
      for (size_t j = 0; j < sents[s].n; j++)
        fold_of[sents[s].first + j] = o->no_jackknife ? 0 : s % 10;
    /* words of machine-tagged text (o->silver_lex) seen silver_lex_min
     * times: (key, their class set) sorted by key, for every fold */
    pair *sil = NULL;
    size_t nsil = 0;
    strtab silsets = {0};
    if (o->silver_lex) {
      pair *sp = malloc(2 * sl.ntok * sizeof *sp);
      size_t np = 0;
      for (size_t s = 0; s < sl.n; s++)
        for (size_t j = 0; j < sl.s[s].nwords; j++) {
          const ann_conllu_line *w = sl.s[s].word[j];
          uint32_t c;
          snprintf(name, sizeof name, "%s %s", w->col[ANN_CU_UPOS],
                   w->col[ANN_CU_XPOS]);
          if (!find(&classes, name, &c)) continue;
          ann_pos_word pw;
          const char *f = w->col[ANN_CU_FORM];
          ann_pos_word_init(&pw, f, strlen(f));
          sp[np++] = (pair){pw.lw, c};
          if (pw.w != pw.lw) sp[np++] = (pair){pw.w, c};
        }
      qsort(sp, np, sizeof *sp, pair_cmp);
      int smin = o->silver_lex_min > 0 ? o->silver_lex_min : 3;
      sil = malloc((np + 1) * sizeof *sil);
      char set[4096];
      set[0] = 's';
      for (size_t a = 0; a < np;) {
        size_t b = a;
        while (b < np && sp[b].key == sp[a].key) b++;
        if (b - a >= (size_t)smin) {
          class_set(sp, a, b, set + 1, sizeof set - 1);
          sil[nsil++] = (pair){sp[a].key, intern(&silsets, set)};
        }
        a = b;
      }
      free(sp);
      say("silver lexicon: %zu words and forms seen %d+ times in %s", nsil,
          smin, o->silver_lex);
    }
    pair *wc = malloc(2 * tr.ntok * sizeof *wc);
    for (int fold = -1; fold < (o->no_jackknife ? 1 : 10); fold++) {
      size_t nw = 0;
      for (size_t j = 0; j < tr.ntok; j++)
        if ((int)fold_of[j] != fold || o->no_jackknife) {
          wc[nw++] = (pair){words[j].lw, gold[j]};
          if (words[j].w != words[j].lw) wc[nw++] = (pair){words[j].w, gold[j]};
        }
      void *b;
      size_t bs;
      build_lex(wc, nw, lex_min, &sets, sil, nsil, &silsets, &b, &bs);
      ann_kv lex;
      ann_error le = {0};
      ann_kv_open(&lex, b, bs, &le);
      if (fold < 0) {
        /* silver words see the whole lexicon, as unseen text does */
        for (size_t j = tr.ntok; j < ntall; j++)
          ann_pos_word_lex(&words[j], &lex);
        lblob = b;
        lsize = bs;
        say("lexicon of %u words", lex.n);
        continue;
      }
      for (size_t j = 0; j < tr.ntok; j++)
        if ((int)fold_of[j] == fold) ann_pos_word_lex(&words[j], &lex);
      free(b);
    }
    free(wc);
    free(fold_of);
    free(sil);
    for (size_t c = 0; c < silsets.n; c++) free(silsets.s[c]);
    free(silsets.s);
    free(silsets.slot);
    for (size_t c = 0; c < sets.n; c++) free(sets.s[c]);
    free(sets.s);
    free(sets.slot);
  }

  /* lemma tables: rules, suffix majority, known-word exceptions */
  intern(&rules, "=0");
  size_t npairs = 0, pcap = tr.ntok * (ANN_LEM_MAXSUF + 2);
  pair *suf = malloc(pcap * sizeof *suf);
  pair *known = malloc(tr.ntok * sizeof *known);
  size_t nknown = 0;
  for (size_t s = 0; s < tr.n; s++)
    for (size_t j = 0; j < tr.s[s].nwords; j++) {
      const ann_conllu_line *w = tr.s[s].word[j];
      const char *f = w->col[ANN_CU_FORM], *l = w->col[ANN_CU_LEMMA],
                 *x = w->col[ANN_CU_XPOS];
      size_t fl = strlen(f);
      char rule[300];
      if (fl > 200 || ann_lem_rule(f, fl, l, strlen(l), rule, sizeof rule) < 0)
        continue;
      uint32_t r = intern(&rules, rule);
      known[nknown++] = (pair){ann_lem_known_key(f, fl, x), r};
      for (size_t L = 0; L <= ANN_LEM_MAXSUF && L <= fl; L++)
        suf[npairs++] = (pair){ann_lem_suffix_key(f, fl, L, x), r};
    }
  ann_kv_builder *sb = ann_kv_builder_new();
  kvctx kc = {sb, 3};
  majority(suf, npairs, put_major, &kc);
  void *sblob, *kblob;
  size_t ssize, ksize;
  ann_kv_builder_build(sb, &sblob, &ssize);
  ann_kv skv;
  ann_kv_open(&skv, sblob, ssize, e);
  /* exceptions: known (form, xpos) whose majority rule the suffix table
   * does not give. The suffix fallback is recomputed per key below. */
  ann_kv_builder *kb = ann_kv_builder_new();
  {
    qsort(known, nknown, sizeof *known, pair_cmp);
    /* we need the form for the fallback: redo the pass keyed by form */
    pair *maj = malloc(nknown * sizeof *maj);
    size_t nm = 0;
    for (size_t a = 0; a < nknown;) {
      size_t b = a, best = 0;
      uint32_t bv = 0;
      while (b < nknown && known[b].key == known[a].key) {
        size_t c = b;
        while (c < nknown && known[c].key == known[b].key &&
               known[c].val == known[b].val)
          c++;
        if (c - b > best) best = c - b, bv = known[b].val;
        b = c;
      }
      maj[nm++] = (pair){known[a].key, bv};
      a = b;
    }
    size_t nexc = 0;
    for (size_t s = 0; s < tr.n; s++)
      for (size_t j = 0; j < tr.s[s].nwords; j++) {
        const ann_conllu_line *w = tr.s[s].word[j];
        const char *f = w->col[ANN_CU_FORM], *x = w->col[ANN_CU_XPOS];
        size_t fl = strlen(f);
        if (fl > 200) continue;
        uint64_t key = ann_lem_known_key(f, fl, x);
        pair q = {key, 0}, *hit = NULL;
        size_t lo = 0, hi = nm;
        while (lo < hi) {
          size_t mid = (lo + hi) / 2;
          if (maj[mid].key < q.key) lo = mid + 1;
          else hi = mid;
        }
        if (lo < nm && maj[lo].key == key) hit = &maj[lo];
        if (!hit || hit->val == UINT32_MAX) continue;
        uint32_t fb = 0, v;
        for (size_t L = fl < ANN_LEM_MAXSUF ? fl : ANN_LEM_MAXSUF;; L--) {
          if (ann_kv_get(&skv, ann_lem_suffix_key(f, fl, L, x), &v)) {
            fb = v;
            break;
          }
          if (!L) break;
        }
        if (fb != hit->val) {
          ann_kv_builder_put(kb, key, hit->val);
          nexc++;
        }
        hit->val = UINT32_MAX; /* decided */
      }
    free(maj);
    say("%zu lemma rules, %zu exceptions", rules.n,
            nexc);
  }
  ann_kv_builder_build(kb, &kblob, &ksize);
  size_t rlen = 0;
  for (size_t r = 0; r < rules.n; r++) rlen += strlen(rules.s[r]) + 1;
  char *rbuf = malloc(rlen), *rp = rbuf;
  for (size_t r = 0; r < rules.n; r++) {
    size_t l = strlen(rules.s[r]) + 1;
    memcpy(rp, rules.s[r], l);
    rp += l;
  }

  lex_blob = lblob;
  lex_size = lsize;
  /* the perceptron */
  /* the tag dictionary: frequent words that (nearly) always have one
   * class are tagged without scoring, in training as at run time */
  size_t dsize = 0;
  ann_kv dict;
  memset(&dict, 0, sizeof dict);
  if (o->dict_min > 0) {
    pair *wc = malloc(tr.ntok * sizeof *wc);
    for (size_t j = 0; j < tr.ntok; j++) wc[j] = (pair){words[j].w, gold[j]};
    qsort(wc, tr.ntok, sizeof *wc, pair_cmp);
    ann_kv_builder *db = ann_kv_builder_new();
    for (size_t a = 0; a < tr.ntok;) {
      size_t b = a, best = 0;
      uint32_t bv = 0;
      while (b < tr.ntok && wc[b].key == wc[a].key) {
        size_t c = b;
        while (c < tr.ntok && wc[c].key == wc[b].key && wc[c].val == wc[b].val)
          c++;
        if (c - b > best) best = c - b, bv = wc[b].val;
        b = c;
      }
      if (b - a >= (size_t)o->dict_min && best * 100 >= (b - a) * 99)
        ann_kv_builder_put(db, wc[a].key, bv);
      a = b;
    }
    ann_kv_builder_build(db, &dblob, &dsize);
    ann_kv_builder_free(db);
    free(wc);
    ann_kv_open(&dict, dblob, dsize, e);
    say("tag dictionary of %u words", dict.n);
  }
  dict_blob = dblob;
  dict_size = dsize;
  uint32_t *q = NULL;
  first_pass = NULL;
  ann_pc_trainer *t1 = NULL;
  if (o->two_pass) {
    /* the first pass's predictions on training data come from models
     * that did not see the sentence (4 folds), as on unseen text */
    q = malloc(tr.ntok * sizeof *q);
    size_t *idx = malloc(tr.n * sizeof *idx);
    for (int fold = 0; fold < 4; fold++) {
      size_t ni = 0;
      for (size_t s = 0; s < tr.n; s++)
        if (s % 4 != (size_t)fold) idx[ni++] = s;
      ann_pc_trainer *tf = train_pass(sents, idx, ni, words, gold, NULL,
                                      &dict, nc, epochs, seed + fold);
      void *b;
      size_t bs;
      ann_pc pc;
      if (!tf ||
          ann_pc_trainer_build(tf, (const char *const *)classes.s, prune, &b,
                               &bs) < 0 ||
          ann_pc_open(&pc, b, bs, e) < 0)
        return ann_fail(e, ANN_ENOMEM, -1, "out of memory");
      size_t right = 0, all = 0;
      for (size_t s = fold; s < tr.n; s += 4) {
        tag_pass(&pc, &dict, &sents[s], words, nc, q);
        for (size_t j = 0; j < sents[s].n; j++, all++)
          right += q[sents[s].first + j] == gold[sents[s].first + j];
      }
      say("first pass, fold %d: %.2f%% on held-out training sentences", fold,
          100.0 * right / (all ? all : 1));
      ann_pc_close(&pc);
      free(b);
      ann_pc_trainer_free(tf);
    }
    for (size_t s = 0; s < tr.n; s++) idx[s] = s;
    t1 = train_pass(sents, idx, tr.n, words, gold, NULL, &dict, nc, epochs,
                    seed);
    free(idx);
    first_pass = t1;
  }
  /* the gold sentences gold_repeat times, then the silver ones (all
   * shuffled together every epoch) */
  int rep = o->silver && o->gold_repeat > 1 ? o->gold_repeat : 1;
  size_t norder = tr.n * (size_t)rep + sv.n, no = 0;
  size_t *order = malloc(norder * sizeof *order);
  for (int r = 0; r < rep; r++)
    for (size_t s = 0; s < tr.n; s++) order[no++] = s;
  for (size_t s = tr.n; s < nall; s++) order[no++] = s;
  ann_pc_trainer *t = train_pass(sents, order, norder, words, gold, q, &dict,
                                 nc, epochs, seed);
  if (!t) return ann_fail(e, ANN_ENOMEM, -1, "out of memory");
  /* an ensemble: the mean of the averaged weights of runs with other
   * shuffling seeds (ann_pc_trainer_mean) */
  if (o->ensemble > 1) {
    ann_pc_trainer *runs[16] = {t};
    int nr = o->ensemble < 16 ? o->ensemble : 16;
    for (int r = 1; r < nr; r++) {
      runs[r] = train_pass(sents, order, norder, words, gold, q, &dict, nc,
                           epochs, seed + 100 * (uint64_t)r);
      if (!runs[r]) {
        for (int i = 0; i < r; i++) ann_pc_trainer_free(runs[i]);
        return ann_fail(e, ANN_ENOMEM, -1, "out of memory");
      }
    }
    t = ann_pc_trainer_mean((const ann_pc_trainer *const *)runs, (size_t)nr);
    for (int r = 0; r < nr; r++) ann_pc_trainer_free(runs[r]);
    if (!t) return ann_fail(e, ANN_ENOMEM, -1, "out of memory");
    say("ensemble: the mean of %d runs", nr);
  }
  if (verbose) say("%zu features", ann_pc_trainer_nfeat(t));
  size_t size = write_model(t, &classes, prune, rbuf, rlen, kblob, ksize,
                            sblob, ssize, out, e);
  rc = size ? 0 : (e->code ? e->code : ANN_EIO);
  memset(score, 0, sizeof *score);
  if (rc == 0 && dev_path) rc = evaluate(out, &dev, score, e);
  score->model_bytes = size;
  free(sblob);
  free(kblob);
  free(rbuf);
  free(order);
  free(q);
  ann_pc_trainer_free(t1);
  first_pass = NULL;
  free(suf);
  free(known);
  ann_kv_builder_free(sb);
  ann_kv_builder_free(kb);
  ann_pc_trainer_free(t);
done:
  free(words);
  free(gold);
  free(sents);
  for (size_t c = 0; c < classes.n; c++) free(classes.s[c]);
  for (size_t c = 0; c < rules.n; c++) free(rules.s[c]);
  free(classes.s);
  free(classes.slot);
  free(rules.s);
  free(rules.slot);
  free(lblob);
  free(dblob);
  free(cblob);
  clu_blob = NULL;
  clu_size = 0;
  free(nblob);
  nam_blob = NULL;
  nam_size = 0;
  corpus_free(&tr);
  corpus_free(&dev);
  corpus_free(&sv);
  corpus_free(&sl);
  return rc;
}
