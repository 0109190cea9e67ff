/*
 * tone.c — GDELT V2Tone's seven figures from an open valence lexicon.
 *
 * The lexicon is data/tone.bin (model container, kind TONE): the VADER
 * lexicon installed from npm at set-up plus our own word lists in
 * dicts/tone/ (later lists override earlier ones). When data/tone.bin is
 * absent (set-up not run) the dicts/tone/ lists alone are compiled in
 * memory, so the stage always works, with a smaller vocabulary.
 *
 * Each word's valence (-4..+4) is adjusted as VADER does: boosters in the
 * three words before ("very", "hardly"), negation in the three words
 * before (x -0.74), "but" (the clause before counts half, the one after
 * one and a half), and an upper-case word in mixed-case text. A word then
 * counts |valence| / 2 "emotional words", so Positive and Negative are the
 * percentages of words (weighted by strength) with that connotation, Tone
 * = Positive - Negative and Polarity = Positive + Negative, as GDELT
 * defines them.
 *
 * Sections of tone.bin: "keys" (sorted NUL-terminated words), "offs" (u32
 * offset of each key), "vals" (f32 valence), "boost" (f32 booster scalar),
 * "flags" (u8: 1 valence, 2 booster, 4 negation, 8 activity, 16 pronoun).
 */
#include "rec.h"

#include "annalist/model.h"

#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TONE_KIND ANN_FOURCC('T', 'O', 'N', 'E')
#define TONE_VERSION 1

enum { TF_VAL = 1, TF_BOOST = 2, TF_NEG = 4, TF_ACT = 8, TF_PRON = 16 };

struct rec_tone_lex {
  ann_model *model; /* when loaded from tone.bin */
  const char *keys;
  const uint32_t *offs;
  const float *vals, *boost;
  const uint8_t *flags;
  size_t n;
  void *own[5];    /* malloc'd arrays when compiled in memory */
  uint32_t *slots; /* open-addressing hash of entry index + 1, 0 = empty */
  uint32_t *hashes; /* the key hash of each slot: most probes end here */
  size_t mask;
};

static uint32_t fnv(const char *s) {
  uint32_t h = 2166136261u;
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
  return h;
}

/* One hash probe per word instead of a binary search: built at open. */
static int build_hash(rec_tone_lex *t) {
  size_t cap = 1024;
  while (cap < t->n * 2) cap *= 2;
  t->slots = calloc(cap, sizeof *t->slots);
  t->hashes = calloc(cap, sizeof *t->hashes);
  if (!t->slots || !t->hashes) return ANN_ENOMEM;
  t->mask = cap - 1;
  for (size_t i = 0; i < t->n; i++) {
    uint32_t h = fnv(t->keys + t->offs[i]);
    for (size_t k = h & t->mask;; k = (k + 1) & t->mask)
      if (!t->slots[k]) {
        t->slots[k] = (uint32_t)i + 1;
        t->hashes[k] = h;
        break;
      }
  }
  return 0;
}

/* ---------------------------------------------------------- building -- */

typedef struct entry {
  char *w;
  float val, boost;
  uint8_t flags;
  uint32_t seq;
} entry;

typedef struct tbuild {
  entry *e;
  size_t n, cap;
} tbuild;

static int cmp_entry(const void *a, const void *b) {
  const entry *x = a, *y = b;
  int c = strcmp(x->w, y->w);
  return c ? c : (x->seq > y->seq) - (x->seq < y->seq);
}

/* One list file. kind: "lex", "boost", "neg", "act", "pron". Lines:
 * "word<TAB>number..." for lex and boost, "word" for the others; '#'
 * starts a comment. Duplicates are merged by tb_finish, the later
 * value winning. */
static int tb_file(tbuild *b, const char *kind, const char *path,
                   ann_error *e) {
  FILE *f = fopen(path, "r");
  if (!f) return ann_fail(e, ANN_EIO, -1, "%s: cannot open", path);
  char line[1024];
  int is_lex = !strcmp(kind, "lex"), is_boost = !strcmp(kind, "boost");
  uint8_t fl = is_lex ? TF_VAL : is_boost ? TF_BOOST
               : !strcmp(kind, "neg") ? TF_NEG
               : !strcmp(kind, "act") ? TF_ACT : TF_PRON;
  while (fgets(line, sizeof line, f)) {
    if (line[0] == '#' || line[0] == '\n' || line[0] == '\r') continue;
    char *tab = strchr(line, '\t');
    if (!tab && (is_lex || is_boost)) tab = strchr(line, ' ');
    char *end = tab ? tab : line + strcspn(line, "\r\n");
    *end = 0;
    for (char *p = line; *p; p++) *p = (char)tolower((unsigned char)*p);
    if (!line[0] || strlen(line) > 60) continue;
    double v = tab ? atof(tab + 1) : 0;
    entry *x = NULL;
    {
      if (b->n == b->cap) {
        size_t nc = b->cap ? b->cap * 2 : 4096;
        entry *ne = realloc(b->e, nc * sizeof *ne);
        if (!ne) {
          fclose(f);
          return ann_fail(e, ANN_ENOMEM, -1, "out of memory");
        }
        b->e = ne;
        b->cap = nc;
      }
      x = &b->e[b->n++];
      memset(x, 0, sizeof *x);
      x->w = strdup(line);
      if (!x->w) {
        fclose(f);
        return ann_fail(e, ANN_ENOMEM, -1, "out of memory");
      }
    }
    x->flags |= fl;
    if (is_lex) x->val = (float)v;
    if (is_boost) x->boost = (float)v;
  }
  fclose(f);
  return 0;
}

static void tb_free(tbuild *b) {
  for (size_t i = 0; i < b->n; i++) free(b->e[i].w);
  free(b->e);
}

/* Sort and merge duplicates (the later flags and values win). */
static void tb_finish(tbuild *b) {
  /* qsort is not stable: keep list order as the tie-break */
  for (size_t i = 0; i < b->n; i++) b->e[i].seq = (uint32_t)i;
  qsort(b->e, b->n, sizeof *b->e, cmp_entry);
  size_t k = 0;
  for (size_t i = 0; i < b->n; i++) {
    if (k && !strcmp(b->e[k - 1].w, b->e[i].w)) {
      entry *p = &b->e[k - 1], *x = &b->e[i];
      p->flags |= x->flags;
      if (x->flags & TF_VAL) p->val = x->val;
      if (x->flags & TF_BOOST) p->boost = x->boost;
      free(x->w);
      continue;
    }
    b->e[k++] = b->e[i];
  }
  b->n = k;
}

/* Arrays of the lexicon from b into t (malloc'd). */
static int tb_arrays(tbuild *b, rec_tone_lex *t) {
  size_t bytes = 0;
  for (size_t i = 0; i < b->n; i++) bytes += strlen(b->e[i].w) + 1;
  char *keys = malloc(bytes ? bytes : 1);
  uint32_t *offs = malloc((b->n + 1) * sizeof *offs);
  float *vals = malloc((b->n + 1) * sizeof *vals);
  float *boost = malloc((b->n + 1) * sizeof *boost);
  uint8_t *flags = malloc(b->n + 1);
  t->own[0] = keys, t->own[1] = offs, t->own[2] = vals, t->own[3] = boost,
  t->own[4] = flags;
  if (!keys || !offs || !vals || !boost || !flags) return ANN_ENOMEM;
  size_t o = 0;
  for (size_t i = 0; i < b->n; i++) {
    size_t l = strlen(b->e[i].w) + 1;
    memcpy(keys + o, b->e[i].w, l);
    offs[i] = (uint32_t)o;
    o += l;
    vals[i] = b->e[i].val;
    boost[i] = b->e[i].boost;
    flags[i] = b->e[i].flags;
  }
  t->keys = keys, t->offs = offs, t->vals = vals, t->boost = boost;
  t->flags = flags;
  t->n = b->n;
  return 0;
}

static int ends_with(const char *s, const char *suf) {
  size_t a = strlen(s), b = strlen(suf);
  return a >= b && !strcmp(s + a - b, suf);
}

/* Our lists in dir: <name>.txt where name says the kind: boosters,
 * negations, activity, pronouns; every other list is valences. Read in
 * name order so that overrides are reproducible. */
static int tb_dicts(tbuild *b, const char *dir, ann_error *e) {
  struct dirent **ents;
  int n = scandir(dir, &ents, NULL, alphasort);
  if (n < 0) return 0; /* no lists: nothing to add */
  int rc = 0;
  for (int i = 0; i < n; i++) {
    const char *f = ents[i]->d_name;
    if (rc == 0 && ends_with(f, ".txt")) {
      char path[2048];
      snprintf(path, sizeof path, "%s/%s", dir, f);
      const char *kind = !strncmp(f, "booster", 7)   ? "boost"
                         : !strncmp(f, "negation", 8) ? "neg"
                         : !strncmp(f, "activity", 8) ? "act"
                         : !strncmp(f, "pronoun", 7)  ? "pron"
                                                      : "lex";
      rc = tb_file(b, kind, path, e);
    }
    free(ents[i]);
  }
  free(ents);
  return rc;
}

int rec_tone_build(const char *out, const char *vader, const char *dicts,
                   ann_error *e) {
  tbuild b = {0};
  int rc = 0;
  if (vader) rc = tb_file(&b, "lex", vader, e);
  if (rc == 0) rc = tb_dicts(&b, dicts, e);
  if (rc < 0) {
    tb_free(&b);
    return rc;
  }
  tb_finish(&b);
  rec_tone_lex t = {0};
  rc = tb_arrays(&b, &t);
  if (rc == 0) {
    size_t kb = t.n ? t.offs[t.n - 1] + strlen(t.keys + t.offs[t.n - 1]) + 1
                    : 0;
    ann_model_writer *w = ann_model_writer_new(TONE_KIND, TONE_VERSION);
    if (!w) rc = ANN_ENOMEM;
    else {
      if (ann_model_writer_add(w, "keys", t.keys, kb) < 0 ||
          ann_model_writer_add(w, "offs", t.offs, t.n * 4) < 0 ||
          ann_model_writer_add(w, "vals", t.vals, t.n * 4) < 0 ||
          ann_model_writer_add(w, "boost", t.boost, t.n * 4) < 0 ||
          ann_model_writer_add(w, "flags", t.flags, t.n) < 0)
        rc = ann_fail(e, ANN_ENOMEM, -1, "out of memory");
      else
        rc = ann_model_writer_save(w, out, e);
      ann_model_writer_free(w);
    }
  }
  for (int i = 0; i < 5; i++) free(t.own[i]);
  tb_free(&b);
  return rc;
}

/* ----------------------------------------------------------- loading -- */

int rec_tone_open(rec_tone_lex **out, const ann_pipeline *p, ann_error *e) {
  *out = NULL;
  rec_tone_lex *t = calloc(1, sizeof *t);
  if (!t) return ann_fail(e, ANN_ENOMEM, -1, "out of memory");
  char path[2048];
  ann_pipeline_path(p, "data", "tone.bin", path, sizeof path);
  FILE *probe = fopen(path, "rb");
  if (probe) {
    fclose(probe);
    int rc = ann_model_open(&t->model, path, TONE_KIND, TONE_VERSION, e);
    if (rc < 0) {
      free(t);
      return rc;
    }
    size_t kb, ob, vb, bb, fb;
    t->keys = ann_model_section(t->model, "keys", &kb);
    t->offs = ann_model_section(t->model, "offs", &ob);
    t->vals = ann_model_section(t->model, "vals", &vb);
    t->boost = ann_model_section(t->model, "boost", &bb);
    t->flags = ann_model_section(t->model, "flags", &fb);
    t->n = fb;
    int ok = t->keys && t->offs && t->vals && t->boost && t->flags &&
             ob == fb * 4 && vb == fb * 4 && bb == fb * 4 &&
             (kb > 0 && t->keys[kb - 1] == 0);
    for (size_t i = 0; ok && i < t->n; i++)
      if (t->offs[i] >= kb) ok = 0;
    if (!ok) {
      ann_model_free(t->model);
      free(t);
      return ann_fail(e, ANN_EMODEL, -1, "%s: bad tone lexicon sections",
                      path);
    }
    if (build_hash(t) < 0) {
      rec_tone_free(t);
      return ann_fail(e, ANN_ENOMEM, -1, "out of memory");
    }
    *out = t;
    return 0;
  }
  /* no compiled lexicon: our own lists only */
  char dir[2048];
  ann_pipeline_path(p, "dicts", "tone", dir, sizeof dir);
  tbuild b = {0};
  int rc = tb_dicts(&b, dir, e);
  if (rc == 0) {
    tb_finish(&b);
    rc = tb_arrays(&b, t);
  }
  tb_free(&b);
  if (rc == 0 && build_hash(t) < 0)
    rc = ann_fail(e, ANN_ENOMEM, -1, "out of memory");
  if (rc < 0) {
    rec_tone_free(t);
    return rc;
  }
  *out = t;
  return 0;
}

void rec_tone_free(rec_tone_lex *t) {
  if (!t) return;
  ann_model_free(t->model);
  for (int i = 0; i < 5; i++) free(t->own[i]);
  free(t->slots);
  free(t->hashes);
  free(t);
}

static long find(const rec_tone_lex *t, const char *w) {
  uint32_t h = fnv(w);
  for (size_t k = h & t->mask;; k = (k + 1) & t->mask) {
    uint32_t v = t->slots[k];
    if (!v) return -1;
    if (t->hashes[k] == h && !strcmp(t->keys + t->offs[v - 1], w))
      return (long)v - 1;
  }
}

/* Entry for a word: as written, then without a possessive 's. */
static long lookup(const rec_tone_lex *t, const char *low) {
  long k = find(t, low);
  if (k >= 0) return k;
  size_t n = strlen(low);
  if (n > 2 && low[n - 2] == '\'' && low[n - 1] == 's') {
    char buf[64];
    if (n - 2 >= sizeof buf) return -1;
    memcpy(buf, low, n - 2);
    buf[n - 2] = 0;
    return find(t, buf);
  }
  return -1;
}

#define B_INCR 0.293f
#define N_SCALAR -0.74f
#define CAPS_INCR 0.733f

void rec_tone(const rec_tone_lex *t, rdoc *r) {
  ann_doc *d = r->d;
  size_t nw = 0, act = 0, pron = 0;
  double pos = 0, neg = 0;
  /* is the text mixed-case? (then an upper-case word is emphasis) */
  size_t ncap = 0, nword = 0;
  for (size_t i = 0; i < r->n; i++)
    if (r->w[i].kind == RW_WORD) {
      nword++;
      ncap += (r->w[i].flags & RF_UPPER) != 0;
    }
  int mixed = ncap > 0 && ncap < nword;
  /* each word looked up once; the look-back below reuses it */
  int32_t *idx = ann_alloc(d->arena, (r->n + 1) * sizeof *idx);
  if (!idx) return;
  for (size_t i = 0; i < r->n; i++)
    idx[i] = r->w[i].kind == RW_PUNCT ? -1 : (int32_t)lookup(t, r->w[i].low);
  size_t sa = 0;
  while (sa < r->n) {
    /* one sentence [sa, sb) */
    size_t sb = sa + 1;
    while (sb < r->n && r->w[sb].sent == r->w[sa].sent &&
           !(r->w[sb].flags & RF_PARA))
      sb++;
    double spos = 0, sneg = 0;
    long but = -1;
    for (size_t i = sa; i < sb; i++)
      if (rw_is(&r->w[i], "but")) but = (long)i;
    for (size_t i = sa; i < sb; i++) {
      const rword *w = &r->w[i];
      if (w->kind == RW_PUNCT) continue;
      nw++;
      if (w->kind != RW_WORD) continue;
      long k = idx[i];
      if (k < 0) continue;
      uint8_t fl = t->flags[k];
      if (fl & TF_ACT) act++;
      if (fl & TF_PRON) pron++;
      if (!(fl & TF_VAL) || (fl & TF_BOOST)) continue;
      double v = t->vals[k];
      if (v == 0) continue;
      if (mixed && (w->flags & RF_UPPER)) v += v > 0 ? CAPS_INCR : -CAPS_INCR;
      /* boosters and negation in the three words before */
      int seen = 0;
      for (size_t j = i; j > sa && seen < 3;) {
        j--;
        const rword *p = &r->w[j];
        if (p->kind == RW_PUNCT) {
          if (r->d->text[p->s] == ',' || r->d->text[p->s] == ';') break;
          continue;
        }
        /* "without power and killed": a clause boundary ends the scope */
        if (rw_is(p, "and") || rw_is(p, "or") || rw_is(p, "but") ||
            rw_is(p, "which") || rw_is(p, "who") || rw_is(p, "that"))
          break;
        seen++;
        long pk = idx[j];
        if (pk < 0) continue;
        if (t->flags[pk] & TF_BOOST) {
          double s = t->boost[pk];
          if (v < 0) s = -s;
          if (seen == 2) s *= 0.95;
          if (seen == 3) s *= 0.9;
          v += s;
        }
        if (t->flags[pk] & TF_NEG) v *= N_SCALAR;
      }
      if (but >= 0) v *= (long)i < but ? 0.5 : 1.5;
      if (v > 0) spos += v;
      else sneg -= v;
    }
    pos += spos;
    neg += sneg;
    sa = sb;
  }
  ann_tone *o = &d->tone;
  memset(o, 0, sizeof *o);
  o->words = (int)nw;
  if (nw) {
    o->positive = 100.0 * pos / 2.0 / (double)nw;
    o->negative = 100.0 * neg / 2.0 / (double)nw;
    o->tone = o->positive - o->negative;
    o->polarity = o->positive + o->negative;
    o->activity = 100.0 * (double)act / (double)nw;
    o->self_group = 100.0 * (double)pron / (double)nw;
  }
  d->has_tone = true;
}
