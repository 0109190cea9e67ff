/*
 * geo.c — toponym recognition and resolution, and the "geo" stage.
 *
 * Recognition. The text is cut into words (letters, digits, internal
 * dots/apostrophes/hyphens). From every capitalised word the longest run
 * of up to MAX_SPAN words (capitalised, or connectors like "of", "de")
 * that the gazetteer knows is a candidate. Named entities from the NER
 * stage, when present, veto candidates inside person names and vouch for
 * those inside LOC spans. Names that are also common English words
 * ("Nice", "Reading", "Mobile") need evidence: not sentence-initial, a
 * locative preposition before them, an "X, Y" pattern or a LOC entity.
 * City names that are part of a longer capitalised name ("Jackson
 * Browne", "Victoria Beckham") are dropped; countries and states stay
 * ("Air Zimbabwe" still points at Zimbabwe).
 *
 * Resolution. Each distinct name is resolved once per document (one
 * reading per name). A reading's score starts from its prior (population
 * and kind) and gains from the document: countries and admin-1 regions
 * named elsewhere or their neighbours, the dateline's country, and "X, Y"
 * containment ("Paris, Texas"). The confidence is a logistic of the
 * margin over the runner-up.
 */
#include "annalist/geo.h"
#include "annalist/pipeline.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define MAX_SPAN 6       /* words in a place name */
#define MAX_CANDS 100000 /* place mentions per document */
#define MAX_POST 256     /* readings considered per name */
#define MAX_WORD 128     /* bytes in a word we try to look up */

typedef struct word {
  uint32_t start, end;
  uint8_t cap;   /* starts with an upper-case letter */
  uint8_t upper; /* all letters upper case */
  uint8_t sent;  /* first word of a sentence */
  uint8_t conn;  /* connector: of, de, la, ... */
  uint8_t space; /* only spaces (no punctuation) up to the next word */
  uint8_t digit; /* has a digit ("A429") */
} word;

typedef ANN_VEC(word) wordvec;

typedef struct cand {
  uint32_t start, end;
  uint32_t w0, w1;          /* words [w0, w1) */
  const ann_gaz_posting *p; /* readings */
  uint32_t np;
  uint32_t name;            /* index in the document's name table */
  int32_t entity;
  int32_t in_y;             /* candidate index of Y in "X, Y", or -1 */
  int32_t in_x;             /* for Y: the candidate X, or -1 */
  uint8_t loc;              /* inside a LOC entity */
  uint8_t caps;             /* short all-capitals: "EU", "NATO" */
  uint8_t person;           /* dropped as (part of) a person's name */
  uint8_t drop;
} cand;

typedef struct dname {
  const ann_gaz_posting *p;
  uint32_t np;
  int32_t best;      /* chosen posting, -1 = not a place */
  double score;
  int32_t y;         /* a candidate Y of "X, Y" for this name, or -1 */
  int32_t x;         /* a candidate X when this name is a Y, or -1 */
  uint8_t caps;      /* some mention is short all-capitals */
} dname;

/* ------------------------------------------------------------ words -- */

static const char *const CONNECTORS[] = {
    "of", "de", "del", "la", "le", "les", "du", "des", "and", "on", "upon",
    "da", "do", "dos", "das", "di", "y", "el", "al", "von", "van", "der",
    "den", "am", "im", "sur", "en", "the", "&", "ul", "bin", "e", NULL};

static bool is_connector(const char *s, size_t n) {
  if (n > 4) return false; /* the longest is "upon" */
  for (int i = 0; CONNECTORS[i]; i++)
    if (CONNECTORS[i][0] == s[0] && strlen(CONNECTORS[i]) == n &&
        !memcmp(CONNECTORS[i], s, n))
      return true;
  return false;
}

static inline bool letter_at(const unsigned char *t, size_t n, size_t i,
                      utf8proc_int32_t *cp, size_t *len) {
  if (i >= n) return false;
  if (t[i] < 0x80) {
    *cp = t[i];
    *len = 1;
    unsigned char c = t[i];
    return (c | 32) >= 'a' && (c | 32) <= 'z';
  }
  utf8proc_ssize_t k = utf8proc_iterate(t + i, (utf8proc_ssize_t)(n - i), cp);
  if (k <= 0) {
    *len = 1;
    return false;
  }
  *len = (size_t)k;
  utf8proc_category_t c = utf8proc_category(*cp);
  return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

static bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

/* Cut text into words. A word is letters and digits, with '.', '\'', ’,
 * '-' and '&' kept inside when a letter follows ("U.S", "Guinea-Bissau",
 * "T&T"); a final '.' after a one-letter segment joins too ("U.S."). */
static int split_hyphens(const ann_gazetteer *g, ann_doc *d, wordvec *out,
                         size_t k);

static int scan_words(const ann_gazetteer *g, ann_doc *d, wordvec *out) {
  const unsigned char *t = (const unsigned char *)d->text;
  size_t n = d->text_len, i = 0;
  bool sent = true;
  while (i < n) {
    utf8proc_int32_t cp;
    size_t len;
    bool let = letter_at(t, n, i, &cp, &len);
    if (!let && !is_digit(t[i])) {
      unsigned char c = t[i];
      if (c == '.' || c == '!' || c == '?' || c == ':' || c == ';' ||
          (c == '\n'))
        sent = true;
      i += len ? len : 1;
      continue;
    }
    word *w = ANN_PUSH(d->arena, out);
    if (!w) return ANN_ENOMEM;
    w->start = (uint32_t)i;
    w->sent = sent;
    sent = false;
    utf8proc_category_t c0 = let ? utf8proc_category(cp) : 0;
    w->cap = let && (c0 == UTF8PROC_CATEGORY_LU || c0 == UTF8PROC_CATEGORY_LT);
    bool upper = w->cap, seg1 = true;
    size_t seglen = 0;
    while (i < n) {
      if (letter_at(t, n, i, &cp, &len)) {
        if (cp < 0x80 ? (cp >= 'a' && cp <= 'z')
                      : utf8proc_category(cp) == UTF8PROC_CATEGORY_LL)
          upper = false;
        i += len;
        seglen++;
        continue;
      }
      if (is_digit(t[i])) {
        i++;
        seglen++;
        w->digit = 1;
        continue;
      }
      /* internal joiners */
      size_t jl = 0;
      if (t[i] == '.' || t[i] == '\'' || t[i] == '-' || t[i] == '&')
        jl = 1;
      else if (i + 2 < n && t[i] == 0xE2 && t[i + 1] == 0x80 &&
               (t[i + 2] == 0x99 || t[i + 2] == 0x93))
        jl = 3;
      /* a possessive "'s" is not part of the name: "Tunisia's" */
      if (jl && t[i] != '.' && t[i] != '-' && t[i] != '&' &&
          i + jl < n && t[i + jl] == 's' &&
          (i + jl + 1 >= n || !letter_at(t, n, i + jl + 1, &cp, &len)))
        break;
      if (jl) {
        utf8proc_int32_t c2;
        size_t l2;
        if (letter_at(t, n, i + jl, &c2, &l2) ||
            (i + jl < n && is_digit(t[i + jl]) && t[i] != '.')) {
          if (t[i] == '.') seg1 = seg1 && seglen == 1;
          i += jl;
          seglen = 0;
          continue;
        }
        /* "U.S." keeps its final dot: single-letter segments */
        if (t[i] == '.' && seg1 && seglen == 1 && i > w->start + 1) i++;
      }
      break;
    }
    /* "St. Louis", "Mt. Hood": the abbreviation's dot joins the name */
    if (i + 1 < n && t[i] == '.' && t[i + 1] == ' ' && i - w->start <= 3 &&
        w->cap &&
        (!memcmp(t + w->start, "St", i - w->start) ||
         !memcmp(t + w->start, "Ste", i - w->start) ||
         !memcmp(t + w->start, "Mt", i - w->start) ||
         !memcmp(t + w->start, "Ft", i - w->start)) &&
        i - w->start >= 2)
      i++;
    w->end = (uint32_t)i;
    w->upper = upper && w->end - w->start > 1;
    w->conn = !w->cap && is_connector(d->text + w->start, w->end - w->start);
    if (w->cap && memchr(d->text + w->start, '-', w->end - w->start)) {
      int rc = split_hyphens(g, d, out, out->n - 1);
      if (rc) return rc;
      w = &out->v[out->n - 1];
    }
    /* a dot ending the word ("U.S.") may also end the sentence; be
     * lenient and do not mark the next word sentence-initial */
    size_t j = i;
    while (j < n && (t[j] == ' ' || t[j] == '\t')) j++;
    w->space = j > i && j < n && t[j] != '\n';
    if (j == i && j < n && t[j] == '\n') w->space = 0;
  }
  return 0;
}

/* "Moscow-Grozny": a hyphenated word the gazetteer does not know as a
 * whole ("Guinea-Bissau" it does) becomes its parts, with no space
 * between them so that they are not joined again. */
static int split_hyphens(const ann_gazetteer *g, ann_doc *d, wordvec *out,
                         size_t k) {
  word w = out->v[k];
  size_t np;
  if (!g || ann_gaz_lookup(g, d->text + w.start, w.end - w.start, &np))
    return 0;
  out->n = k;
  uint32_t s = w.start;
  for (uint32_t i = w.start; i <= w.end; i++) {
    if (i < w.end && d->text[i] != '-') continue;
    if (i > s) {
      word *p = ANN_PUSH(d->arena, out);
      if (!p) return ANN_ENOMEM;
      *p = w;
      p->start = s;
      p->end = i;
      p->sent = s == w.start ? w.sent : 0;
      unsigned char c = (unsigned char)d->text[s];
      p->cap = (c >= 'A' && c <= 'Z') || c >= 0xC0;
      p->upper = 0;
      p->space = i == w.end ? w.space : 0;
      p->conn = 0;
    }
    s = i + 1;
  }
  return 0;
}

/* Sentence-initial marks from the tokenizer's sentences, when present. */
static void mark_sentences(const ann_doc *d, word *w, size_t nw) {
  if (!d->sentences.n) return;
  size_t s = 0;
  for (size_t i = 0; i < nw; i++) {
    while (s < d->sentences.n && d->sentences.v[s].end <= w[i].start) s++;
    if (s < d->sentences.n) {
      /* first word at or after the sentence start */
      w[i].sent = (i == 0 || w[i - 1].start < d->sentences.v[s].start) &&
                  w[i].start >= d->sentences.v[s].start;
    }
  }
}

/* ---------------------------------------------------------- helpers -- */

static bool word_is(const ann_doc *d, const word *w, const char *const *list) {
  size_t n = w->end - w->start;
  const char *s = d->text + w->start;
  if (n > 10) return false; /* longer than any word in the lists */
  int c0 = s[0] | 32;
  for (int i = 0; list[i]; i++)
    if ((list[i][0] | 32) == c0 && strlen(list[i]) == n &&
        !strncasecmp(list[i], s, n))
      return true;
  return false;
}

static const char *const LOCATIVE[] = {
    "in", "at", "from", "to", "near", "outside", "across", "into", "towards",
    "toward", "through", "throughout", "via", "around", "of", "between",
    "visit", "visited", "visiting", NULL};
/* before a capitalised common word, these make it an adjective or a
 * noun ("a Nice day", "so Nice"), not a place */
static const char *const DETERMINERS[] = {
    "a", "an", "very", "so", "too", "really", "quite", "how", "such",
    "pretty", "more", "most", "less", "be", "is", "was", "are", "were",
    "not", "this", "that", "its", "his", "her", "their", "our", "my",
    "your", NULL};
static const char *const TITLES[] = {
    "Mr", "Mrs", "Ms", "Dr", "Miss", "Sir", "Lady", "Lord", "President",
    "Gen", "Sen", "Rep", "Gov", "Prof", "Judge", "Justice", "Minister",
    "Secretary", "Senator", "Governor", "Rev", "Saint", "St", "Pope",
    "King", "Queen", "Prince", "Princess", "Capt", "Col", "Lt", "Sgt",
    "Officer", "Coach", "Chairman", "Director", "Mayor", NULL};

/* Does a posting's exact-case form match the text? */
static bool form_ok(const ann_gazetteer *g, const ann_gaz_posting *p,
                    const char *s, size_t n) {
  if (!(p->flags & ANN_GEO_N_EXACT)) return true;
  const char *f = ann_gaz_str(g, p->form);
  return strlen(f) == n && !memcmp(f, s, n);
}

/* A per-document memo of lookups by the span's bytes: news repeats its
 * capitalised words ("The", "Russia") and a hit here stays in cache. */
#define MEMO 2048
typedef struct memo {
  uint32_t hash, s, e; /* e == 0: empty */
  uint32_t np;
  const ann_gaz_posting *p;
} memo;

static const ann_gaz_posting *look_raw(const ann_gazetteer *g,
                                       const ann_doc *d, uint32_t s,
                                       uint32_t e, size_t *np);

/* Look up text[s, e) and keep only readings whose case fits. Postings are
 * returned as a run; an exact-case form that does not match drops the
 * whole name when no lenient reading is left. */
static const ann_gaz_posting *look_m(memo *m, const ann_gazetteer *g,
                                     const ann_doc *d, uint32_t s,
                                     uint32_t e, size_t *np) {
  if (!m || e - s > 64) return look_raw(g, d, s, e, np);
  uint32_t h = 2166136261u;
  for (uint32_t i = s; i < e; i++) {
    h ^= (unsigned char)d->text[i];
    h *= 16777619u;
  }
  memo *c = &m[h & (MEMO - 1)];
  if (c->e && c->hash == h && c->e - c->s == e - s &&
      !memcmp(d->text + c->s, d->text + s, e - s)) {
    *np = c->np;
    return c->p;
  }
  const ann_gaz_posting *p = look_raw(g, d, s, e, np);
  c->hash = h;
  c->s = s;
  c->e = e;
  c->np = (uint32_t)*np;
  c->p = p;
  return p;
}

static const ann_gaz_posting *look_raw(const ann_gazetteer *g,
                                       const ann_doc *d, uint32_t s,
                                       uint32_t e, size_t *np) {
  *np = 0;
  if (e - s > MAX_WORD * MAX_SPAN) return NULL;
  size_t n;
  const ann_gaz_posting *p = ann_gaz_lookup(g, d->text + s, e - s, &n);
  if (!p) return NULL;
  for (size_t i = 0; i < n; i++)
    if (form_ok(g, &p[i], d->text + s, e - s)) {
      *np = n;
      return p;
    }
  return NULL;
}

static double place_prior(const ann_gazetteer *g, const ann_gaz_posting *q) {
  double s = ann_gaz_prior(ann_gaz_place_at(g, q->place));
  if (!(q->flags & ANN_GEO_N_ALT)) s += 1.0;
  if (q->flags & ANN_GEO_N_PREFER) s += 3.5;
  /* a capitalised demonym is an adjective: "Arab" is not Arab, Alabama */
  if (q->flags & ANN_GEO_N_DEMONYM) s += 3.0;
  return s;
}

/* --------------------------------------------------------- the pass -- */

typedef struct ctx {
  const ann_gazetteer *g;
  ann_doc *d;
  word *w;
  size_t nw;
  ANN_VEC(cand) c;
  ANN_VEC(dname) names;
  memo *memo; /* NULL when the arena is full: no memo */
} ctx;

static int32_t entity_at(const ann_doc *d, uint32_t s, uint32_t e) {
  /* entities are in text order: binary search the first ending after s */
  size_t lo = 0, hi = d->entities.n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (d->entities.v[mid].end <= s) lo = mid + 1;
    else hi = mid;
  }
  for (size_t i = lo; i < d->entities.n && d->entities.v[i].start < e; i++)
    if (d->entities.v[i].start <= s && d->entities.v[i].end >= e)
      return (int32_t)i;
  return -1;
}

static const char *const MONTHS[] = {
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December", NULL};

static bool has_exact(const ann_gaz_posting *p, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (p[i].flags & ANN_GEO_N_EXACT) return true;
  return false;
}

static bool all_people(const ann_gaz_posting *p, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (!(p[i].flags & ANN_GEO_N_PEOPLE)) return false;
  return true;
}

/* Find candidates: longest gazetteer match from every capitalised word. */
static int find_cands(ctx *x) {
  const ann_doc *d = x->d;
  word *w = x->w;
  x->memo = ann_calloc(x->d->arena, MEMO * sizeof *x->memo);
  for (size_t i = 0; i < x->nw; i++) {
    if (!w[i].cap) continue;
    size_t best_j = 0, best_n = 0;
    const ann_gaz_posting *best = NULL;
    size_t lim = i + MAX_SPAN < x->nw ? i + MAX_SPAN : x->nw;
    for (size_t j = i; j < lim; j++) {
      if (j > i && !w[j - 1].space) break;
      if (j > i && !w[j].cap && !w[j].conn) break;
      if (!w[j].cap) continue; /* a name does not end on a connector */
      size_t np;
      uint32_t e = w[j].end;
      const ann_gaz_posting *p = look_m(x->memo, x->g, d, w[i].start, e, &np);
      /* "Calif." / "Ky.": the dot is not part of the word (only short
       * words are abbreviations; this saves a lookup per sentence end) */
      if (e < d->text_len && d->text[e] == '.' &&
          w[j].end - w[j].start <= 5) {
        size_t np2;
        const ann_gaz_posting *p2 = look_m(x->memo, x->g, d, w[i].start, e + 1, &np2);
        if (p2) {
          p = p2;
          np = np2;
          e++;
        }
      }
      if (p) {
        best = p;
        best_n = np;
        best_j = j;
      }
    }
    if (!best) continue;
    if (x->c.n >= MAX_CANDS) break;
    cand *c = ANN_PUSH(d->arena, &x->c);
    if (!c) return ANN_ENOMEM;
    c->w0 = (uint32_t)i;
    c->w1 = (uint32_t)best_j + 1;
    c->start = w[i].start;
    c->end = w[best_j].end;
    if (c->end < d->text_len && d->text[c->end] == '.' &&
        w[best_j].end - w[best_j].start <= 5) {
      size_t np2;
      if (look_m(x->memo, x->g, d, c->start, c->end + 1, &np2)) c->end++;
    }
    c->p = best;
    c->np = (uint32_t)(best_n > MAX_POST ? MAX_POST : best_n);
    if (c->w1 - c->w0 == 1 && w[i].upper && w[i].end - w[i].start <= 5)
      c->caps = 1;
    c->in_y = -1;
    c->in_x = -1;
    c->entity = -1;
    i = best_j;
  }
  return 0;
}

static const ann_gaz_place *top_place(const ctx *x, const cand *c) {
  return ann_gaz_place_at(x->g, c->p[0].place);
}

static bool comma_y0(const cand *c) { return c->in_y >= 0; }

/* Decide which candidates are places. */
static void filter_cands(ctx *x) {
  const ann_doc *d = x->d;
  word *w = x->w;
  bool have_ents = d->entities.n > 0;
  for (size_t k = 0; k < x->c.n; k++) {
    cand *c = &x->c.v[k];
    const ann_gaz_place *top = top_place(x, c);
    bool big = top->kind == ANN_GEO_COUNTRY || top->kind == ANN_GEO_ADMIN1 ||
               top->kind == ANN_GEO_REGION || top->kind == ANN_GEO_HISTORIC ||
               (top->kind == ANN_GEO_OTHER && top->population == 0);
    bool multi = c->w1 - c->w0 > 1;
    unsigned flags = c->p[0].flags;
    if (all_people(c->p, c->np) || (c->caps && !has_exact(c->p, c->np))) {
      c->drop = 1;
      continue;
    }
    if (have_ents) {
      int32_t e = entity_at(d, c->start, c->end);
      c->entity = e;
      if (e >= 0) {
        ann_ent_type t = d->entities.v[e].type;
        if (t == ANN_PER && !(flags & ANN_GEO_N_DEMONYM)) {
          c->drop = 1;
          continue;
        }
        if (t == ANN_LOC) c->loc = 1;
      }
    }
    /* a short word before a hyphen and a capital is an article of a
     * longer name, not a small town: the Arabic "Al" of "Al-Qaeda",
     * "Al-Shabaab" is not Al in Norway */
    if (!big && top->population < 100000 && !multi && c->end - c->start <= 3 &&
        c->end + 1 < d->text_len && d->text[c->end] == '-' &&
        d->text[c->end + 1] >= 'A' && d->text[c->end + 1] <= 'Z') {
      c->drop = 1;
      continue;
    }
    /* capitalised neighbours: not a sentence's first word ("The
     * Atlantic"), not codes with digits ("A429 Cirencester") */
    bool prev_cap = c->w0 > 0 && w[c->w0 - 1].cap && !w[c->w0].sent &&
                    !w[c->w0 - 1].sent && !w[c->w0 - 1].digit &&
                    w[c->w0 - 1].space;
    bool next_cap = c->w1 < x->nw && w[c->w1].cap && !w[c->w1].digit &&
                    w[c->w1 - 1].space;
    bool prev_loc = c->w0 > 0 && word_is(d, &w[c->w0 - 1], LOCATIVE);
    bool prev_title = c->w0 > 0 && word_is(d, &w[c->w0 - 1], TITLES);
    if (prev_title && !big) {
      c->drop = 1;
      c->person = top->population < 200000;
      continue;
    }
    if (c->loc) continue;
    if (!multi && word_is(d, &w[c->w0], MONTHS) && !comma_y0(c)) {
      c->drop = 1;
      continue;
    }
    /* a city name inside a longer capitalised name: a person or an
     * organisation ("Jackson Browne", "Lincoln Center") */
    if (!big && !(flags & ANN_GEO_N_DEMONYM)) {
      /* "Megyn Kelly": a surname, and so everywhere in the document */
      if (prev_cap) {
        c->drop = 1;
        c->person = top->population < 200000;
        continue;
      }
      /* "Jackson Browne", "Lincoln Center"; a big city stays, it is an
       * embedded toponym ("Toronto Police") */
      if (next_cap && top->population < 100000) {
        c->drop = 1;
        continue;
      }
    }
    bool comma_y = c->in_y >= 0;
    if (flags & ANN_GEO_N_COMMON) {
      bool ok = prev_loc || comma_y;
      if (!ok && c->w0 > 0 && word_is(d, &w[c->w0 - 1], DETERMINERS)) {
        c->drop = 1;
        continue;
      }
      if (!ok && !w[c->w0].sent &&
          (top->kind == ANN_GEO_REGION || top->population >= 100000))
        ok = true;
      if (!ok && big && top->kind == ANN_GEO_COUNTRY) ok = true;
      if (!ok) {
        c->drop = 1;
        continue;
      }
    }
    /* small places need some support */
    if (!big && !multi && !(flags & ANN_GEO_N_DEMONYM) &&
        top->population < 2000 && !prev_loc && !comma_y) {
      c->drop = 1;
      continue;
    }
  }
  /* a single word seen as part of a name ("Megyn Kelly") is that name
   * everywhere in the document ("Kelly said"), unless it is vouched for */
  size_t cap = 16;
  while (cap < x->c.n * 2) cap *= 2;
  const ann_gaz_posting **set = ann_calloc(d->arena, cap * sizeof *set);
  if (!set) return;
  for (size_t k = 0; k < x->c.n; k++) {
    const cand *c = &x->c.v[k];
    if (!c->person || c->w1 - c->w0 != 1) continue;
    size_t s = (((uintptr_t)c->p >> 2) * 0x9E3779B97F4A7C15ull >> 20) &
               (cap - 1);
    while (set[s] && set[s] != c->p) s = (s + 1) & (cap - 1);
    set[s] = c->p;
  }
  for (size_t k = 0; k < x->c.n; k++) {
    cand *c = &x->c.v[k];
    if (c->drop || c->loc || c->in_y >= 0 || c->w1 - c->w0 != 1) continue;
    size_t s = (((uintptr_t)c->p >> 2) * 0x9E3779B97F4A7C15ull >> 20) &
               (cap - 1);
    while (set[s] && set[s] != c->p) s = (s + 1) & (cap - 1);
    if (set[s]) c->drop = 1;
  }
}

/* "X, Y": Y right after X and a comma, Y a country or admin-1 that may
 * contain X. */
static void link_containment(ctx *x) {
  const ann_doc *d = x->d;
  for (size_t k = 0; k + 1 < x->c.n; k++) {
    cand *a = &x->c.v[k], *b = &x->c.v[k + 1];
    uint32_t i = a->end;
    if (i < d->text_len && d->text[i] == ',') i++;
    else continue;
    while (i < d->text_len && d->text[i] == ' ') i++;
    if (i != b->start) continue;
    for (uint32_t q = 0; q < b->np; q++) {
      const ann_gaz_place *p = ann_gaz_place_at(x->g, b->p[q].place);
      if (p->kind == ANN_GEO_COUNTRY || p->kind == ANN_GEO_ADMIN1) {
        a->in_y = (int32_t)(k + 1);
        b->in_x = (int32_t)k;
        break;
      }
    }
  }
}

/* One entry per distinct name (the same posting run = the same key),
 * found through a hash on the run's address. */
static int group_names(ctx *x) {
  size_t cap = 16;
  while (cap < x->c.n * 2) cap *= 2;
  uint32_t *slot = ann_calloc(x->d->arena, cap * sizeof *slot);
  if (!slot) return ANN_ENOMEM;
  for (size_t k = 0; k < x->c.n; k++) {
    cand *c = &x->c.v[k];
    if (c->drop) continue;
    size_t h = ((uintptr_t)c->p >> 2) * 0x9E3779B97F4A7C15ull >> 20;
    size_t s = h & (cap - 1);
    while (slot[s] && x->names.v[slot[s] - 1].p != c->p) s = (s + 1) & (cap - 1);
    if (!slot[s]) {
      dname *n = ANN_PUSH(x->d->arena, &x->names);
      if (!n) return ANN_ENOMEM;
      n->p = c->p;
      n->np = c->np;
      n->best = -1;
      n->y = -1;
      n->x = -1;
      slot[s] = (uint32_t)x->names.n;
    }
    c->name = slot[s] - 1;
    dname *n = &x->names.v[c->name];
    n->caps |= c->caps;
    if (c->in_y >= 0 && n->y < 0) n->y = c->in_y;
    if (c->in_x >= 0 && n->x < 0) n->x = c->in_x;
  }
  return 0;
}

/* Context weights per country and admin-1, from names whose first
 * reading is a country, an admin-1 or a big city. */
typedef struct votes {
  float *country; /* by country index */
  float *admin1;  /* by admin1 index (sparse: we keep a small list) */
  uint16_t adm[256];
  float admw[256];
  int nadm;
  uint16_t town[256]; /* admin-1 of towns named */
  float townw[256];
  int ntown;
} votes;

static void vote_for(const ctx *x, votes *v, const ann_gaz_posting *q,
                     float w) {
  const ann_gaz_place *p = ann_gaz_place_at(x->g, q->place);
  if (p->country != 0xffff) v->country[p->country] += w;
  if (p->kind == ANN_GEO_ADMIN1 && p->admin1 != 0xffff && v->nadm < 256) {
    v->adm[v->nadm] = p->admin1;
    v->admw[v->nadm++] = w;
  }
  /* towns vote for their admin-1 separately: "Georgia" with "Atlanta" */
  if (p->kind == ANN_GEO_CITY && p->admin1 != 0xffff && v->ntown < 256) {
    v->town[v->ntown] = p->admin1;
    v->townw[v->ntown++] = w;
  }
}

static float admin1_vote(const votes *v, uint16_t a) {
  float s = 0;
  for (int i = 0; i < v->nadm; i++)
    if (v->adm[i] == a) s += v->admw[i];
  return s;
}

/* A name's vote: its country, admin-1 and big-city readings count in
 * proportion to how clear the name is. */
static float name_vote(const ctx *x, const dname *n, const ann_gaz_posting **q) {
  const ann_gaz_place *p = ann_gaz_place_at(x->g, n->p[0].place);
  *q = &n->p[0];
  float w = 0;
  if (p->kind == ANN_GEO_COUNTRY) w = 1.0f;
  else if (p->kind == ANN_GEO_ADMIN1) w = 0.7f;
  else if (p->kind == ANN_GEO_CITY && p->population >= 300000) w = 0.5f;
  else if (p->kind == ANN_GEO_REGION) w = 0.2f;
  if (n->np > 1 && w > 0) {
    double d0 = place_prior(x->g, &n->p[0]), d1 = place_prior(x->g, &n->p[1]);
    if (d0 - d1 < 1.0) w *= 0.3f;
  }
  return w;
}

static int resolve(ctx *x) {
  const ann_gazetteer *g = x->g;
  ann_doc *d = x->d;
  size_t nc = 0;
  while (ann_gaz_iso2(g, (uint16_t)nc)[0]) nc++;
  votes v = {0};
  v.country = ann_calloc(d->arena, (nc + 1) * sizeof *v.country);
  float *own = ann_calloc(d->arena, (x->names.n + 1) * sizeof *own);
  if (!v.country || !own) return ANN_ENOMEM;
  for (size_t i = 0; i < x->names.n; i++) {
    const ann_gaz_posting *q;
    own[i] = name_vote(x, &x->names.v[i], &q);
    if (own[i] > 0) vote_for(x, &v, q, own[i]);
  }
  /* a nationality word names its country too: "Tripoli ... the north
   * Lebanese port" is Lebanon's Tripoli (half a country name's weight) */
  for (size_t k = 0; k < x->c.n; k++) {
    const cand *c = &x->c.v[k];
    bool demonym = c->np > 0;
    for (uint32_t q = 0; q < c->np; q++)
      demonym &= (c->p[q].flags & (ANN_GEO_N_DEMONYM | ANN_GEO_N_PEOPLE)) != 0;
    if (!demonym) continue;
    const ann_gaz_place *p = ann_gaz_place_at(g, c->p[0].place);
    if (p && p->kind == ANN_GEO_COUNTRY) vote_for(x, &v, &c->p[0], 0.5f);
  }
  /* the dateline's place */
  if (d->dateline.present && d->dateline.place) {
    size_t np;
    const ann_gaz_posting *p =
        ann_gaz_lookup(g, d->dateline.place, strlen(d->dateline.place), &np);
    if (p) vote_for(x, &v, &p[0], 1.5f);
  }
  uint16_t ctxc[64];
  int nctx = 0;
  for (size_t c = 0; c < nc && nctx < 64; c++)
    if (v.country[c] > 0.5f) ctxc[nctx++] = (uint16_t)c;
  for (size_t i = 0; i < x->names.n; i++) {
    dname *n = &x->names.v[i];
    const ann_gaz_posting *self;
    float sv = name_vote(x, n, &self);
    const ann_gaz_place *sp = ann_gaz_place_at(g, self->place);
    double best = -1e9, second = -1e9;
    int32_t bi = -1;
    bool top_is_country = sp->kind == ANN_GEO_COUNTRY;
    for (uint32_t q = 0; q < n->np; q++) {
      const ann_gaz_posting *pq = &n->p[q];
      if (pq->flags & ANN_GEO_N_PEOPLE) continue;
      if (n->caps && !(pq->flags & ANN_GEO_N_EXACT)) continue;
      const ann_gaz_place *p = ann_gaz_place_at(g, pq->place);
      double s = place_prior(g, pq);
      /* a name that is a country needs more than the other country's
       * name nearby to mean a state or town: "the U.S. and Georgia" */
      double cw = (q > 0 && top_is_country) ? 1.0 : 2.0;
      if (p->country != 0xffff) {
        float cv = v.country[p->country];
        if (sv > 0 && sp->country == p->country) cv -= sv; /* not itself */
        if (cv > 0.05f) s += cw * (cv > 1.5f ? 1.5 : cv);
        else {
          /* a neighbour of a country in the text */
          for (int c = 0; c < nctx; c++)
            if (ctxc[c] != p->country &&
                ann_gaz_neighbours(g, ctxc[c], p->country)) {
              s += 0.7;
              break;
            }
        }
      }
      if (p->admin1 != 0xffff && p->kind != ANN_GEO_ADMIN1) {
        float av = admin1_vote(&v, p->admin1);
        if (av > 0.05f) s += 1.5;
      }
      if (p->admin1 != 0xffff && p->kind == ANN_GEO_ADMIN1) {
        float tv = 0;
        for (int t = 0; t < v.ntown; t++)
          if (v.town[t] == p->admin1) tv += v.townw[t];
        if (tv > 0.05f) s += 1.5;
      }
      /* "X, Y" anywhere in the document */
      if (n->y >= 0) {
        const cand *y = &x->c.v[n->y];
        for (uint32_t r = 0; r < y->np; r++) {
          const ann_gaz_place *yp = ann_gaz_place_at(g, y->p[r].place);
          if ((yp->kind == ANN_GEO_COUNTRY && yp->country == p->country) ||
              (yp->kind == ANN_GEO_ADMIN1 && yp->admin1 == p->admin1 &&
               p->kind != ANN_GEO_ADMIN1)) {
            s += 5.0;
            break;
          }
        }
      }
      /* this name is the Y of "X, Y": the reading that contains X */
      if (n->x >= 0 && (p->kind == ANN_GEO_COUNTRY ||
                        p->kind == ANN_GEO_ADMIN1)) {
        const cand *xc = &x->c.v[n->x];
        uint32_t lim = xc->np < 64 ? xc->np : 64;
        for (uint32_t r = 0; r < lim; r++) {
          const ann_gaz_place *xp = ann_gaz_place_at(g, xc->p[r].place);
          if (xp == p || xp->country != p->country) continue;
          if (p->kind == ANN_GEO_COUNTRY || xp->admin1 == p->admin1) {
            s += 4.0;
            break;
          }
        }
      }
      if (s > best) {
        second = best;
        best = s;
        bi = (int32_t)q;
      } else if (s > second) {
        second = s;
      }
    }
    n->best = bi;
    if (bi < 0) continue;
    double margin = second < -1e8 ? 3.0 : best - second;
    double conf = 1.0 / (1.0 + exp(-1.5 * margin));
    n->score = conf;
  }
  return 0;
}

static int emit(ctx *x) {
  const ann_gazetteer *g = x->g;
  ann_doc *d = x->d;
  for (size_t k = 0; k < x->c.n; k++) {
    const cand *c = &x->c.v[k];
    if (c->drop) continue;
    const dname *n = &x->names.v[c->name];
    if (n->best < 0) continue;
    const ann_gaz_posting *q = &n->p[n->best];
    const ann_gaz_place *p = ann_gaz_place_at(g, q->place);
    ann_place *o = ANN_PUSH(d->arena, &d->places);
    if (!o) return ANN_ENOMEM;
    o->start = c->start;
    o->end = c->end;
    o->sentence = ann_doc_sentence_at(d, c->start);
    o->entity = c->entity;
    o->name = ann_gaz_str(g, p->name);
    o->geonameid = p->geonameid;
    /* stored as float: print GeoNames' 5 decimals, not float noise */
    o->lat = round(p->lat * 1e5) / 1e5;
    o->lon = round(p->lon * 1e5) / 1e5;
    const char *i2 = ann_gaz_iso2(g, p->country);
    const char *i3 = ann_gaz_iso3(g, p->country);
    memcpy(o->country, i2, strlen(i2) + 1);
    memcpy(o->country3, i3, strlen(i3) + 1);
    o->admin1 = p->kind == ANN_GEO_COUNTRY ? NULL
                                           : ann_gaz_admin1_name(g, p->admin1);
    o->kind = ann_geo_kind_name(p->kind);
    o->score = n->score;
  }
  return 0;
}

int ann_geo_resolve(const ann_gazetteer *g, ann_doc *d) {
  if (!g || !d->text || !d->text_len) return 0;
  ctx x = {.g = g, .d = d};
  wordvec words = {0};
  int rc = scan_words(g, d, &words);
  if (rc) return rc;
  x.w = words.v;
  x.nw = words.n;
  mark_sentences(d, x.w, x.nw);
  if ((rc = find_cands(&x))) return rc;
  link_containment(&x);
  filter_cands(&x);
  if ((rc = group_names(&x))) return rc;
  if ((rc = resolve(&x))) return rc;
  return emit(&x);
}

int ann_geo_resolve_spans(const ann_gazetteer *g, ann_doc *d,
                          const uint32_t *starts, const uint32_t *ends,
                          size_t n) {
  if (!g || !d->text || !d->text_len) return 0;
  ctx x = {.g = g, .d = d};
  wordvec words = {0};
  int rc = scan_words(g, d, &words);
  if (rc) return rc;
  x.w = words.v;
  x.nw = words.n;
  size_t wi = 0;
  for (size_t i = 0; i < n && i < MAX_CANDS; i++) {
    uint32_t s = starts[i], e = ends[i];
    if (e > d->text_len || s >= e) continue;
    size_t np;
    const ann_gaz_posting *p = look_raw(g, d, s, e, &np);
    /* "Russia's" as a gold span: try without the possessive */
    if (!p && e - s > 2 && d->text[e - 1] == 's' &&
        (d->text[e - 2] == '\'' ))
      p = look_raw(g, d, s, e - 2, &np);
    while (wi < x.nw && x.w[wi].end <= s) wi++;
    /* unknown as a whole ("Eastern Ghouta", "Orange County Sheriff"):
     * the longest known run of its capitalised words */
    if (!p) {
      size_t bw = 0;
      for (size_t a = wi; a < x.nw && x.w[a].start < e && !p; a++) {
        if (!x.w[a].cap) continue;
        for (size_t b = a + 1 < x.nw ? a + 6 : a; b > a; b--) {
          if (b - 1 >= x.nw || x.w[b - 1].end > e) continue;
          p = look_raw(g, d, x.w[a].start, x.w[b - 1].end, &np);
          if (p) {
            s = x.w[a].start;
            e = x.w[b - 1].end;
            bw = a;
            break;
          }
        }
      }
      if (!p) continue;
      wi = bw;
    }
    cand *c = ANN_PUSH(d->arena, &x.c);
    if (!c) return ANN_ENOMEM;
    c->w0 = (uint32_t)wi;
    c->w1 = (uint32_t)(wi + 1 <= x.nw ? wi + 1 : wi);
    c->start = s;
    c->end = e;
    c->p = p;
    c->np = (uint32_t)(np > MAX_POST ? MAX_POST : np);
    c->in_y = c->in_x = c->entity = -1;
    c->loc = 1;
  }
  link_containment(&x);
  if ((rc = group_names(&x))) return rc;
  if ((rc = resolve(&x))) return rc;
  return emit(&x);
}

/* ---------------------------------------------------------- the stage -- */

static int geo_open(const ann_pipeline *p, void **state, ann_error *e) {
  char path[4096];
  ann_pipeline_path(p, "data", "gazetteer.bin", path, sizeof path);
  const ann_options *o = ann_pipeline_options(p);
  FILE *f = fopen(path, "rb");
  if (!f) {
    /* with every stage selected, a missing gazetteer only turns geo off;
     * asked for by name, it is an error */
    if (o->stages == ANN_STAGE_ALL) {
      if (o->log)
        o->log(o->log_ctx, "geo: no gazetteer (run scripts/setup.sh); "
                           "places are not resolved");
      *state = NULL;
      return 0;
    }
    return ann_fail(e, ANN_EMODEL, -1,
                    "%s: no gazetteer (run scripts/setup.sh)", path);
  }
  fclose(f);
  ann_gazetteer *g;
  int rc = ann_gazetteer_open(&g, path, e);
  if (rc < 0 && o->stages == ANN_STAGE_ALL && e && e->offset == 12) {
    /* built by an older annalist (version field): setup rebuilds it;
     * until then geo is off rather than the whole pipeline */
    if (o->log) o->log(o->log_ctx, e->msg);
    *state = NULL;
    return 0;
  }
  if (rc < 0) return rc;
  *state = g;
  return 0;
}

static void geo_close(void *state) { ann_gazetteer_free(state); }

static int geo_run(const void *state, const ann_pipeline *p, ann_doc *d) {
  (void)p;
  if (!state) return 0;
  int rc = ann_geo_resolve(state, d);
  if (rc < 0) return ann_doc_fail(d, rc, "geo: out of memory");
  return 0;
}

const ann_stage ann_stage_geo = {.name = "geo",
                                 .bit = ANN_STAGE_GEO,
                                 .open = geo_open,
                                 .close = geo_close,
                                 .run = geo_run};
