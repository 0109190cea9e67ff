/*
 * themes.c — the project's theme taxonomy (dicts/themes.txt) matched on
 * word stems, with simple context rules, counted per article.
 *
 * A line of themes.txt is "NAME<TAB>term; term; ...". A term is one or
 * more words matched in a row on their stems ("killings" and "killed"
 * both stem to "kill"), optionally followed by "@w1,w2": the term counts
 * only when one of those words occurs in the same sentence ("shelling
 * @town,city,village"), or "!w1,w2": only when none does. Everything is
 * compiled at load into one hash of stems and a table of terms by first
 * stem, so matching costs one hash probe per word.
 */
#include "rec.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TMAX_WORDS 6
#define TMAX_CTX 12

typedef struct term {
  uint16_t theme;
  uint8_t nw, nctx, neg;
  int32_t w[TMAX_WORDS];
  int32_t ctx[TMAX_CTX];
} term;

struct rec_themes {
  char **names;      /* theme names */
  size_t ntheme;
  char **stems;      /* interned stems */
  uint32_t *stemhash; /* their hashes */
  size_t nstem, stemcap;
  int32_t *hash;     /* open addressing: stem id or -1 */
  size_t hcap;       /* power of two */
  term *terms;
  size_t nterm, termcap;
  uint32_t *head;    /* CSR: terms starting with stem id s are */
  uint32_t *order;   /* order[head[s] .. head[s+1]) */
};

static uint32_t fnv(const char *s) {
  uint32_t h = 2166136261u;
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
  return h;
}

static int32_t stem_find(const rec_themes *t, const char *s) {
  if (!t->hcap) return -1;
  size_t m = t->hcap - 1;
  uint32_t h = fnv(s);
  for (size_t i = h & m;; i = (i + 1) & m) {
    int32_t id = t->hash[i];
    if (id < 0) return -1;
    if (t->stemhash[id] == h && !strcmp(t->stems[id], s)) return id;
  }
}

static int rehash(rec_themes *t, size_t cap) {
  int32_t *h = malloc(cap * sizeof *h);
  if (!h) return ANN_ENOMEM;
  for (size_t i = 0; i < cap; i++) h[i] = -1;
  for (size_t k = 0; k < t->nstem; k++)
    for (size_t i = fnv(t->stems[k]) & (cap - 1);; i = (i + 1) & (cap - 1))
      if (h[i] < 0) {
        h[i] = (int32_t)k;
        break;
      }
  free(t->hash);
  t->hash = h;
  t->hcap = cap;
  return 0;
}

static int32_t stem_add(rec_themes *t, const char *word) {
  char st[64], low[64];
  size_t n = strlen(word);
  if (n >= sizeof low) n = sizeof low - 1;
  for (size_t i = 0; i < n; i++) low[i] = (char)tolower((unsigned char)word[i]);
  low[n] = 0;
  rec_stem(low, st, sizeof st);
  int32_t id = stem_find(t, st);
  if (id >= 0) return id;
  if (t->nstem == t->stemcap) {
    size_t nc = t->stemcap ? t->stemcap * 2 : 512;
    char **ns = realloc(t->stems, nc * sizeof *ns);
    if (!ns) return ANN_ENOMEM;
    t->stems = ns;
    uint32_t *nh = realloc(t->stemhash, nc * sizeof *nh);
    if (!nh) return ANN_ENOMEM;
    t->stemhash = nh;
    t->stemcap = nc;
  }
  t->stems[t->nstem] = strdup(st);
  if (!t->stems[t->nstem]) return ANN_ENOMEM;
  t->stemhash[t->nstem] = fnv(st);
  t->nstem++;
  if (t->nstem * 2 > t->hcap && rehash(t, t->hcap ? t->hcap * 2 : 1024) < 0)
    return ANN_ENOMEM;
  else if (t->nstem * 2 <= t->hcap) {
    size_t m = t->hcap - 1;
    for (size_t i = fnv(st) & m;; i = (i + 1) & m)
      if (t->hash[i] < 0) {
        t->hash[i] = (int32_t)(t->nstem - 1);
        break;
      }
  }
  return (int32_t)(t->nstem - 1);
}

/* Parse one term ("armed conflict @army,troops") into t->terms. */
static int add_term(rec_themes *t, uint16_t theme, char *s) {
  term x = {.theme = theme};
  char *ctx = strpbrk(s, "@!");
  if (ctx) {
    x.neg = *ctx == '!';
    *ctx++ = 0;
    for (char *c = strtok(ctx, ", "); c && x.nctx < TMAX_CTX;
         c = strtok(NULL, ", ")) {
      int32_t id = stem_add(t, c);
      if (id < 0) return id;
      x.ctx[x.nctx++] = id;
    }
  }
  char *save;
  for (char *w = strtok_r(s, " \t", &save); w && x.nw < TMAX_WORDS;
       w = strtok_r(NULL, " \t", &save)) {
    int32_t id = stem_add(t, w);
    if (id < 0) return id;
    x.w[x.nw++] = id;
  }
  if (!x.nw) return 0;
  if (t->nterm == t->termcap) {
    size_t nc = t->termcap ? t->termcap * 2 : 1024;
    term *nt = realloc(t->terms, nc * sizeof *nt);
    if (!nt) return ANN_ENOMEM;
    t->terms = nt;
    t->termcap = nc;
  }
  t->terms[t->nterm++] = x;
  return 0;
}

int rec_themes_open(rec_themes **out, const char *path, ann_error *e) {
  *out = NULL;
  FILE *f = fopen(path, "r");
  if (!f) return ann_fail(e, ANN_EIO, -1, "%s: cannot open", path);
  rec_themes *t = calloc(1, sizeof *t);
  if (!t) {
    fclose(f);
    return ann_fail(e, ANN_ENOMEM, -1, "out of memory");
  }
  char line[8192];
  size_t cap = 0;
  int rc = 0, lineno = 0;
  while (rc == 0 && fgets(line, sizeof line, f)) {
    lineno++;
    if (line[0] == '#' || isspace((unsigned char)line[0])) continue;
    line[strcspn(line, "\r\n")] = 0;
    char *tab = strchr(line, '\t');
    if (!tab) {
      rc = ann_fail(e, ANN_EFORMAT, -1, "%s:%d: no tab after the theme name",
                    path, lineno);
      break;
    }
    *tab = 0;
    if (t->ntheme == cap) {
      cap = cap ? cap * 2 : 256;
      char **nn = realloc(t->names, cap * sizeof *nn);
      if (!nn) {
        rc = ANN_ENOMEM;
        break;
      }
      t->names = nn;
    }
    t->names[t->ntheme] = strdup(line);
    if (!t->names[t->ntheme]) {
      rc = ANN_ENOMEM;
      break;
    }
    uint16_t id = (uint16_t)t->ntheme++;
    char *save;
    for (char *term_s = strtok_r(tab + 1, ";", &save); term_s && rc == 0;
         term_s = strtok_r(NULL, ";", &save))
      rc = add_term(t, id, term_s);
  }
  fclose(f);
  if (rc == 0) {
    t->head = calloc(t->nstem + 2, sizeof *t->head);
    t->order = malloc((t->nterm + 1) * sizeof *t->order);
    if (!t->head || !t->order) rc = ANN_ENOMEM;
  }
  if (rc == 0) {
    for (size_t k = 0; k < t->nterm; k++) t->head[t->terms[k].w[0] + 1]++;
    for (size_t s = 0; s < t->nstem; s++) t->head[s + 1] += t->head[s];
    uint32_t *fill = calloc(t->nstem + 1, sizeof *fill);
    if (!fill) rc = ANN_ENOMEM;
    else {
      for (size_t k = 0; k < t->nterm; k++) {
        int32_t s = t->terms[k].w[0];
        t->order[t->head[s] + fill[s]++] = (uint32_t)k;
      }
      free(fill);
    }
  }
  if (rc < 0) {
    if (rc == ANN_ENOMEM) ann_fail(e, rc, -1, "%s: out of memory", path);
    rec_themes_free(t);
    return rc;
  }
  *out = t;
  return 0;
}

void rec_themes_free(rec_themes *t) {
  if (!t) return;
  for (size_t i = 0; i < t->ntheme; i++) free(t->names[i]);
  for (size_t i = 0; i < t->nstem; i++) free(t->stems[i]);
  free(t->names);
  free(t->stems);
  free(t->stemhash);
  free(t->hash);
  free(t->terms);
  free(t->head);
  free(t->order);
  free(t);
}

size_t rec_themes_count(const rec_themes *t) { return t ? t->ntheme : 0; }

static int in_sentence(const rec_themes *t, const rdoc *r, const int32_t *ids,
                       size_t i, const term *x) {
  int32_t s = r->w[i].sent;
  size_t a = i, b = i;
  while (a > 0 && r->w[a - 1].sent == s && i - a < 80) a--;
  while (b < r->n && r->w[b].sent == s && b - i < 80) b++;
  for (size_t k = a; k < b; k++)
    for (int c = 0; c < x->nctx; c++)
      if (ids[k] == x->ctx[c]) return 1;
  (void)t;
  return 0;
}

int rec_themes_run(const rec_themes *t, rdoc *r) {
  ann_doc *d = r->d;
  if (!t || !r->n) return 0;
  int32_t *ids = ann_alloc(d->arena, r->n * sizeof *ids);
  int *count = ann_calloc(d->arena, t->ntheme * sizeof *count);
  uint32_t *first = ann_alloc(d->arena, t->ntheme * sizeof *first);
  /* a theme counts once per word position ("arrest" and "arrested" both
   * match "arrested") */
  size_t *last = ann_calloc(d->arena, t->ntheme * sizeof *last);
  if (!ids || !count || !first || !last) return ANN_ENOMEM;
  for (size_t i = 0; i < r->n; i++) {
    const rword *w = &r->w[i];
    ids[i] = w->kind == RW_WORD ? stem_find(t, w->stem) : -1;
  }
  for (size_t i = 0; i < r->n; i++) {
    int32_t s = ids[i];
    if (s < 0) continue;
    for (uint32_t k = t->head[s]; k < t->head[s + 1]; k++) {
      const term *x = &t->terms[t->order[k]];
      if (i + x->nw > r->n) continue;
      int ok = 1;
      for (int j = 1; j < x->nw && ok; j++)
        ok = ids[i + (size_t)j] == x->w[j];
      if (!ok) continue;
      if (x->nctx && in_sentence(t, r, ids, i, x) == x->neg) continue;
      if (last[x->theme] == i + 1) continue;
      last[x->theme] = i + 1;
      if (!count[x->theme]++) first[x->theme] = r->w[i].s;
    }
  }
  /* themes by count, then by first mention */
  for (size_t k = 0; k < t->ntheme; k++) {
    if (!count[k]) continue;
    ann_theme *th = ANN_PUSH(d->arena, &d->themes);
    if (!th) return ANN_ENOMEM;
    th->name = t->names[k];
    th->count = count[k];
    th->start = first[k];
  }
  for (size_t a = 1; a < d->themes.n; a++) {
    ann_theme x = d->themes.v[a];
    size_t b = a;
    while (b > 0 && (d->themes.v[b - 1].count < x.count ||
                     (d->themes.v[b - 1].count == x.count &&
                      d->themes.v[b - 1].start > x.start))) {
      d->themes.v[b] = d->themes.v[b - 1];
      b--;
    }
    d->themes.v[b] = x;
  }
  return 0;
}
