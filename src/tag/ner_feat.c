/*
 * ner_feat.c — the recogniser's features and gazetteer matching.
 *
 * Features are 64-bit hashes of (template, values). The set follows
 * Ratinov & Roth (2009): the word and its lower-cased neighbours in a
 * window of +-2, prefixes and suffixes, word shapes, capitalisation
 * patterns (with a flag for all-caps headlines, where case says nothing),
 * POS when the tokens carry it, gazetteer matches with their BILU
 * position, the previous two predictions, and in the second pass counts
 * of how the same word was labelled elsewhere in the document.
 */
#include "tag/ner_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* ------------------------------------------------------------ hashing -- */

static inline uint64_t fmix(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

static inline uint64_t hbytes(const void *p, size_t n, uint64_t seed) {
  const unsigned char *b = p;
  uint64_t h = 0xcbf29ce484222325ULL ^ seed;
  for (size_t i = 0; i < n; i++) {
    h ^= b[i];
    h *= 0x100000001b3ULL;
  }
  return fmix(h ^ n);
}

#define K1 0x9E3779B97F4A7C15ULL
#define K2 0xC2B2AE3D27D4EB4FULL
static inline uint64_t F1(uint64_t t, uint64_t a) {
  return fmix(a + t * K1) | 1;
}
static inline uint64_t F2(uint64_t t, uint64_t a, uint64_t b) {
  return fmix(fmix(a + t * K1) ^ (b * K2 + t)) | 1;
}
static inline uint64_t F3(uint64_t t, uint64_t a, uint64_t b, uint64_t c) {
  return F2(t, fmix(a ^ (b * K2)), c);
}

/* ------------------------------------------------- word normalisation -- */

/* Decode one code point; invalid bytes are returned as themselves. */
static size_t cp_at(const unsigned char *s, size_t n, int32_t *cp) {
  utf8proc_ssize_t r = utf8proc_iterate(s, (utf8proc_ssize_t)n, cp);
  if (r <= 0) {
    *cp = s[0];
    return 1;
  }
  return (size_t)r;
}

/* Lower-case form with digits as 0 and typographic quotes and dashes as
 * their ASCII kin, so that news text looks like the training data.
 * Writes at most cap bytes (truncating long words). */
static size_t normalise(const char *w, size_t n, char *out, size_t cap) {
  size_t o = 0;
  const unsigned char *s = (const unsigned char *)w;
  for (size_t i = 0; i < n && o + 4 <= cap;) {
    unsigned char c = s[i];
    if (c < 0x80) {
      if (c >= 'A' && c <= 'Z')
        c = (unsigned char)(c + 32);
      else if (c >= '0' && c <= '9')
        c = '0';
      out[o++] = (char)c;
      i++;
      continue;
    }
    int32_t cp;
    size_t k = cp_at(s + i, n - i, &cp);
    i += k;
    if (cp == 0x2019 || cp == 0x2018 || cp == 0x02bc) {
      out[o++] = '\'';
    } else if (cp == 0x201c || cp == 0x201d || cp == 0x201e) {
      out[o++] = '"';
    } else if (cp == 0x2013 || cp == 0x2014) {
      out[o++] = '-';
    } else {
      int32_t lc = utf8proc_tolower(cp);
      utf8proc_ssize_t m =
          utf8proc_encode_char(lc, (utf8proc_uint8_t *)out + o);
      o += (size_t)m;
    }
  }
  return o;
}

uint64_t ner_gaz_token_hash(const char *w, size_t len) {
  char buf[256];
  size_t n = normalise(w, len, buf, sizeof buf);
  return hbytes(buf, n, 7);
}

uint64_t ner_gaz_join(uint64_t acc, uint64_t tok, int first) {
  return first ? fmix(tok ^ 0x5bd1e995ULL) : fmix(acc * K1 ^ tok);
}

/* Shape: X x d for upper, lower, digit, other characters as themselves
 * (non-ASCII ones as 'o'); runs longer than 3 are cut. The short shape
 * collapses every run to one character. */
static void shapes(const char *w, size_t n, uint64_t *shape, uint64_t *sshape,
                   uint32_t *flags, uint32_t *cap) {
  char sh[64], ss[64];
  size_t ns = 0, nss = 0;
  int run = 0;
  char last = 0;
  int letters = 0, upper = 0, digits = 0, first_upper = -1, punct = 0;
  const unsigned char *s = (const unsigned char *)w;
  for (size_t i = 0; i < n;) {
    int32_t cp;
    size_t k = s[i] < 0x80 ? (cp = s[i], 1) : cp_at(s + i, n - i, &cp);
    i += k;
    char c;
    utf8proc_category_t cat = cp < 0x80 ? 0 : utf8proc_category(cp);
    if ((cp >= 'A' && cp <= 'Z') || cat == UTF8PROC_CATEGORY_LU ||
        cat == UTF8PROC_CATEGORY_LT) {
      c = 'X';
      letters++, upper++;
      if (first_upper < 0) first_upper = 1;
    } else if ((cp >= 'a' && cp <= 'z') || cat == UTF8PROC_CATEGORY_LL ||
               cat == UTF8PROC_CATEGORY_LO || cat == UTF8PROC_CATEGORY_LM) {
      c = 'x';
      letters++;
      if (first_upper < 0) first_upper = 0;
    } else if (cp >= '0' && cp <= '9') {
      c = 'd';
      digits++;
    } else {
      c = cp < 0x80 ? (char)cp : 'o';
      punct++;
    }
    if (c == last)
      run++;
    else
      run = 1;
    if (run <= 3 && ns < sizeof sh) sh[ns++] = c;
    if (run == 1 && nss < sizeof ss) ss[nss++] = c;
    last = c;
  }
  *shape = hbytes(sh, ns, 11);
  *sshape = hbytes(ss, nss, 13);
  uint32_t f = 0;
  if (letters) f |= NER_F_ALPHA;
  if (digits) f |= NER_F_DIGIT;
  if (!letters && !digits) f |= NER_F_PUNCT;
  if (first_upper == 1) f |= NER_F_INITCAP;
  if (letters && upper == letters) f |= NER_F_ALLCAP;
  if (letters && upper == 0) f |= NER_F_LOWER;
  *flags = f;
  if (!letters)
    *cap = 0;
  else if (!upper)
    *cap = 1;
  else if (upper == letters)
    *cap = letters > 1 ? 3 : 2;
  else if (first_upper == 1 && upper == 1)
    *cap = 2;
  else
    *cap = 4;
}

/* ---------------------------------------------------------- gazetteer -- */

#define GAZ_PREFIX 0x80000000u

const char *const ner_gaz_lists[] = {
    "countries",     "cities",        "regions",      "demonyms",
    "first_names",   "org_suffixes",  "org_keywords", "news_orgs",
    "organisations", "person_titles", "misc",         "loc_keywords",
    "sports_teams",  "capitalised", /* generated by train_ner: words capitalised
                                       mid-sentence */
    "lowercase", /* generated by train_ner: words common in lower case */
};
const int ner_gaz_nlists =
    (int)(sizeof ner_gaz_lists / sizeof ner_gaz_lists[0]);

uint32_t ner_gaz_lookup(const ner_gaz *g, uint64_t h) {
  if (!g || !g->n) return 0;
  size_t lo = 0, hi = g->n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (g->e[mid].h < h)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < g->n && g->e[lo].h == h ? g->e[lo].lists : 0;
}

static int gaz_push(ner_gaz_builder *b, uint64_t h, uint32_t lists) {
  if (b->n == b->cap) {
    size_t nc = b->cap ? b->cap * 2 : 4096;
    ner_gaz_entry *e = realloc(b->e, nc * sizeof *e);
    if (!e) return ANN_ENOMEM;
    b->e = e, b->cap = nc;
  }
  b->e[b->n++] = (ner_gaz_entry){h, lists, 0};
  return 0;
}

int ner_gaz_add(ner_gaz_builder *b, int list, const char *phrase) {
  uint64_t acc = 0;
  int k = 0;
  const char *p = phrase;
  while (*p) {
    while (*p == ' ' || *p == '\t')
      p++;
    if (!*p) break;
    const char *q = p;
    while (*q && *q != ' ' && *q != '\t')
      q++;
    if (k > 0 && gaz_push(b, acc, GAZ_PREFIX)) return ANN_ENOMEM;
    acc = ner_gaz_join(acc, ner_gaz_token_hash(p, (size_t)(q - p)), k == 0);
    k++;
    p = q;
    if (k > NER_GAZ_MAXLEN) return 0; /* too long to match: skip */
  }
  if (!k) return 0;
  if (k > b->maxlen) b->maxlen = k;
  return gaz_push(b, acc, 1u << list);
}

int ner_gaz_add_file(ner_gaz_builder *b, int list, const char *path,
                     ann_error *e) {
  FILE *f = fopen(path, "r");
  if (!f) return ann_fail(e, ANN_EIO, -1, "%s: cannot open", path);
  char line[512];
  int rc = 0;
  while (fgets(line, sizeof line, f)) {
    size_t n = strcspn(line, "\r\n#");
    line[n] = 0;
    if ((rc = ner_gaz_add(b, list, line))) break;
  }
  fclose(f);
  if (rc) return ann_fail(e, rc, -1, "%s: out of memory", path);
  return 0;
}

static int cmp_entry(const void *a, const void *b) {
  uint64_t x = ((const ner_gaz_entry *)a)->h, y = ((const ner_gaz_entry *)b)->h;
  return x < y ? -1 : x > y;
}

void ner_gaz_finish(ner_gaz_builder *b, ner_gaz *g, int nlists) {
  if (b->n) qsort(b->e, b->n, sizeof *b->e, cmp_entry);
  size_t o = 0;
  for (size_t i = 0; i < b->n; i++) {
    if (o && b->e[o - 1].h == b->e[i].h)
      b->e[o - 1].lists |= b->e[i].lists;
    else
      b->e[o++] = b->e[i];
  }
  b->n = o;
  g->e = b->e;
  g->n = b->n;
  g->maxlen = b->maxlen;
  g->nlists = nlists;
}

void ner_gaz_builder_free(ner_gaz_builder *b) {
  free(b->e);
  memset(b, 0, sizeof *b);
}

/* Longest match per list from each start; the tokens of a match get the
 * B/I/L (or U) bit of that list. Matching extends only while the phrase
 * so far is a prefix of some entry. */
static void gaz_mark(const ner_gaz *g, const ner_tok *t, size_t n,
                     ner_tinfo *info) {
  if (!g || !g->n) return;
  /* token hashes of the window i .. i+maxlen-1, each computed once:
   * position p lives in slot p % NER_GAZ_MAXLEN */
  uint64_t tokh[NER_GAZ_MAXLEN];
  size_t tpos[NER_GAZ_MAXLEN];
  for (int k = 0; k < NER_GAZ_MAXLEN; k++) tpos[k] = (size_t)-1;
  for (size_t i = 0; i < n; i++) {
    if (!(info[i].flags & (NER_F_ALPHA | NER_F_DIGIT))) continue;
    uint64_t acc = 0;
    int longest[NER_MAXGAZ] = {0};
    for (int k = 0; k < g->maxlen && k < NER_GAZ_MAXLEN && i + (size_t)k < n;
         k++) {
      size_t p = i + (size_t)k, sl = p % NER_GAZ_MAXLEN;
      if (tpos[sl] != p) {
        tokh[sl] = ner_gaz_token_hash(t[p].w, t[p].len);
        tpos[sl] = p;
      }
      acc = ner_gaz_join(acc, tokh[sl], k == 0);
      uint32_t m = ner_gaz_lookup(g, acc);
      for (int l = 0; l < g->nlists && l < NER_MAXGAZ; l++)
        if (m >> l & 1) longest[l] = k + 1;
      if (!(m & GAZ_PREFIX)) break;
    }
    for (int l = 0; l < g->nlists && l < NER_MAXGAZ; l++) {
      int len = longest[l];
      if (!len) continue;
      if (len == 1) {
        info[i].gaz |= (uint64_t)(1u << NER_U) << (4 * l);
        continue;
      }
      info[i].gaz |= (uint64_t)(1u << NER_B) << (4 * l);
      for (int k = 1; k + 1 < len; k++)
        info[i + (size_t)k].gaz |= (uint64_t)(1u << NER_I) << (4 * l);
      info[i + (size_t)len - 1].gaz |= (uint64_t)(1u << NER_L) << (4 * l);
    }
  }
}

/* ---------------------------------------------------------- features -- */

/* A title-case headline ("Fed Holds Rates Steady as Inflation Cools")
 * capitalises common words, which a model trained on newswire takes for
 * a name. It is recognised by its capitalised words that are common in
 * lower case (the last gazetteer list, generated by train_ner), at least
 * three, while every word left in lower case is a short function word.
 * A sentence of names ("Boris Akunin met Vladimir Solovyov") has no common
 * word capitalised; "The United Nations Security Council met in New York"
 * has "met" in lower case. */
static int function_word(const char *w, size_t n) {
  static const char *const fw[] = {"a",   "an",  "and",  "as",  "at",   "but",
                                   "by",  "for", "from", "in",  "into", "nor",
                                   "of",  "on",  "or",   "the", "to",   "up",
                                   "via", "vs",  "with", "'s",  "n't"};
  if (n > 4) return 0; /* none is longer */
  for (size_t i = 0; i < sizeof fw / sizeof fw[0]; i++) {
    size_t k = 0;
    while (k < n && fw[i][k] && fw[i][k] == w[k]) k++;
    if (k == n && !fw[i][n]) return 1;
  }
  return 0;
}

static int title_case(const ner_gaz *g, const ner_tok *t, size_t n,
                      const ner_tinfo *info) {
  if (!g || g->nlists < 1 || g->nlists > NER_MAXGAZ) return 0;
  int lw = 4 * (g->nlists - 1), common = 0;
  for (size_t i = 0; i < n; i++) {
    const ner_tinfo *x = &info[i];
    if (x->flags & NER_F_FIRST) continue;
    if (x->cap == 1 && !function_word(t[i].w, t[i].len)) return 0;
    if (x->cap == 2 && t[i].len > 1 && (x->gaz >> lw & (1u << NER_U))) common++;
  }
  return common >= 3;
}

/* Give a title-case sentence the features of an all-caps headline, the
 * kind the training data has: word, shapes and case as if upper-cased. */
static void as_headline(const ner_tok *t, size_t n, ner_tinfo *info) {
  char buf[256];
  for (size_t i = 0; i < n; i++) {
    ner_tinfo *x = &info[i];
    size_t len = t[i].len < sizeof buf ? t[i].len : sizeof buf;
    for (size_t k = 0; k < len; k++) {
      char c = t[i].w[k];
      buf[k] = c >= 'a' && c <= 'z' ? (char)(c - 32) : c;
    }
    uint32_t keep = x->flags & NER_F_FIRST;
    x->hw = hbytes(buf, len, 1);
    shapes(buf, len, &x->hshape, &x->hsshape, &x->flags, &x->cap);
    x->flags |= keep | NER_F_HEADLINE;
  }
}

/* NER_F_CONJ or NER_F_FACIL for a normalised (lower-case) word. The
 * nouns sit in fixed-size rows (zero-padded), so a candidate is checked
 * by its length (row[n - 1] set, row[n] not) and one memcmp, no strlen. */
static uint32_t word_class(const char *w, size_t n) {
  static const char facil[][12] = {
      "terminal", "terminals", "plant",     "plants",   "refinery",
      "refineries", "mine",    "mines",     "port",     "factory",
      "factories", "smelter",  "shipyard",  "depot",    "mill",
      "mills",    "warehouse", "facility",  "pipeline", "field"};
  if ((n == 3 && !memcmp(w, "and", 3)) || (n == 2 && !memcmp(w, "or", 2)))
    return NER_F_CONJ;
  if (n < 4 || n > 10) return 0;
  for (size_t i = 0; i < sizeof facil / sizeof facil[0]; i++)
    if (facil[i][0] == w[0] && facil[i][n - 1] && !facil[i][n] &&
        !memcmp(facil[i], w, n))
      return NER_F_FACIL;
  return 0;
}

void ner_tinfo_fill(const ner_tok *t, size_t n, const ner_gaz *g,
                    ner_tinfo *info) {
  int lower_words = 0, caps_words = 0;
  const char *pos_ptr[16] = {0};
  uint64_t pos_hash[16];
  for (size_t i = 0; i < n; i++) {
    ner_tinfo *x = &info[i];
    memset(x, 0, sizeof *x);
    const char *w = t[i].w;
    size_t len = t[i].len;
    x->hw = hbytes(w, len, 1);
    char buf[128];
    size_t nl = normalise(w, len, buf, sizeof buf);
    x->hl = hbytes(buf, nl, 2);
    shapes(w, len < 256 ? len : 256, &x->hshape, &x->hsshape, &x->flags,
           &x->cap);
    if (x->cap == 1) x->flags |= word_class(buf, nl);
    /* affixes over bytes of the normalised form, whole code points only */
    for (int k = 1; k <= 4; k++) {
      size_t a = (size_t)k < nl ? (size_t)k : nl;
      while (a < nl && ((unsigned char)buf[a] & 0xc0) == 0x80)
        a++;
      x->hpre[k - 1] = hbytes(buf, a, (uint64_t)(20 + k));
      size_t s = nl > (size_t)k ? nl - (size_t)k : 0;
      while (s > 0 && ((unsigned char)buf[s] & 0xc0) == 0x80)
        s--;
      x->hsuf[k - 1] = hbytes(buf + s, nl - s, (uint64_t)(30 + k));
    }
    /* tags are a few shared strings: hashed once per distinct pointer */
    if (!t[i].pos) {
      x->hpos = 0;
    } else {
      size_t c = ((uintptr_t)t[i].pos >> 3) % 16;
      if (pos_ptr[c] != t[i].pos) {
        pos_ptr[c] = t[i].pos;
        pos_hash[c] = hbytes(t[i].pos, strlen(t[i].pos), 3);
      }
      x->hpos = pos_hash[c];
    }
    if (x->cap == 1 && len > 1) lower_words++;
    if (x->cap == 3 && len > 1) caps_words++;
  }
  /* the first word, or the first after opening quotes/brackets */
  for (size_t i = 0; i < n; i++) {
    info[i].flags |= NER_F_FIRST;
    if (!(info[i].flags & NER_F_PUNCT)) break;
  }
  if (caps_words >= 2 && lower_words == 0)
    for (size_t i = 0; i < n; i++)
      info[i].flags |= NER_F_HEADLINE;
  gaz_mark(g, t, n, info);
  if (!(info[0].flags & NER_F_HEADLINE) && title_case(g, t, n, info))
    as_headline(t, n, info);
}

enum {
  T_BIAS = 1,
  T_W0,
  T_LM2,
  T_LM1,
  T_L0,
  T_LP1,
  T_LP2,
  T_LB1,
  T_LB2,
  T_PRE,
  T_SUF,
  T_SHM1,
  T_SH0,
  T_SHP1,
  T_SSH3,
  T_CAPLM1,
  T_CAPLP1,
  T_L0CAP,
  T_FIRSTL0,
  T_HEADL0,
  T_HEAD,
  T_CAP3,
  T_PM1,
  T_P0,
  T_PP1,
  T_P0P1,
  T_PM1P0,
  T_GAZ,
  T_GAZCAP,
  T_GAZM1,
  T_GAZP1,
  T_H1,
  T_H2,
  T_H1L0,
  T_H1SH,
  T_DMAJ,
  T_DMAJCAP,
  T_DFRAC,
  T_DNONE,
  T_DLOWER,
  T_GAZCTX,
  T_L0P0,
  T_SUFCAP,
  T_DMAJPOS,
  T_AGGM1,
  T_AGGP1,
  T_WM1,
  T_WP1,
  T_SELF,
  T_RUNEND,
  T_CONJ,
  T_FACIL,
};

#define BOS 0x1234567ULL
#define EOS 0x7654321ULL

/* Whether the token's form is counted in the document statistics. */
static int doc_counted(const ner_tinfo *x) {
  return (x->flags & NER_F_ALPHA) && x->cap >= 2;
}

static size_t doc_slot(const ner_docinfo *d, uint64_t hl) {
  size_t s = (size_t)hl & d->mask;
  while (d->key[s] && d->key[s] != (hl | 1))
    s = (s + 1) & d->mask;
  return s;
}

size_t ner_features(const ner_tinfo *info, size_t n, size_t i,
                    const ner_docinfo *doc, int self, uint64_t *f) {
  size_t k = 0;
  const ner_tinfo *x = &info[i];
  uint64_t lm2 = i >= 2 ? info[i - 2].hl : BOS;
  uint64_t lm1 = i >= 1 ? info[i - 1].hl : BOS;
  uint64_t lp1 = i + 1 < n ? info[i + 1].hl : EOS;
  uint64_t lp2 = i + 2 < n ? info[i + 2].hl : EOS;
  uint64_t shm1 = i >= 1 ? info[i - 1].hsshape : BOS;
  uint64_t shp1 = i + 1 < n ? info[i + 1].hsshape : EOS;
  uint64_t capm1 = i >= 1 ? info[i - 1].cap : 9;
  uint64_t capp1 = i + 1 < n ? info[i + 1].cap : 9;
  int head = (x->flags & NER_F_HEADLINE) != 0;
  f[k++] = F1(T_BIAS, 0);
  f[k++] = F1(T_W0, x->hw);
  f[k++] = F1(T_WM1, i >= 1 ? info[i - 1].hw : BOS);
  f[k++] = F1(T_WP1, i + 1 < n ? info[i + 1].hw : EOS);
  f[k++] = F1(T_LM2, lm2);
  f[k++] = F1(T_LM1, lm1);
  f[k++] = F1(T_L0, x->hl);
  f[k++] = F1(T_LP1, lp1);
  f[k++] = F1(T_LP2, lp2);
  f[k++] = F2(T_LB1, lm1, x->hl);
  f[k++] = F2(T_LB2, x->hl, lp1);
  for (int a = 0; a < 4; a++) {
    f[k++] = F1(T_PRE, x->hpre[a]);
    f[k++] = F1(T_SUF, x->hsuf[a]);
  }
  f[k++] = F2(T_SUFCAP, x->hsuf[2], head ? 7 : x->cap);
  f[k++] = F1(T_SHM1, shm1);
  f[k++] = F1(T_SH0, x->hshape);
  f[k++] = F1(T_SHP1, shp1);
  f[k++] = F3(T_SSH3, shm1, x->hsshape, shp1);
  f[k++] = F2(T_CAPLM1, x->cap, lm1);
  f[k++] = F2(T_CAPLP1, x->cap, lp1);
  f[k++] = F2(T_L0CAP, x->hl, x->cap);
  f[k++] = F3(T_CAP3, capm1, x->cap, capp1);
  if (x->flags & NER_F_FIRST) f[k++] = F1(T_FIRSTL0, x->hl);
  if (head) {
    f[k++] = F1(T_HEAD, 0);
    f[k++] = F1(T_HEADL0, x->hl);
  }
  if (x->hpos) {
    uint64_t pm1 = i >= 1 ? info[i - 1].hpos : BOS;
    uint64_t pp1 = i + 1 < n ? info[i + 1].hpos : EOS;
    f[k++] = F1(T_PM1, pm1);
    f[k++] = F1(T_P0, x->hpos);
    f[k++] = F1(T_PP1, pp1);
    f[k++] = F2(T_P0P1, x->hpos, pp1);
    f[k++] = F2(T_PM1P0, pm1, x->hpos);
    f[k++] = F2(T_L0P0, x->hl, x->hpos);
  }
  /* gazetteers: at most a few lists match one token */
  /* (the lists with a match are visited in order, the empty ones skipped) */
  for (uint64_t gz = x->gaz; gz;) {
    int l = __builtin_ctzll(gz) / 4;
    if (l >= NER_MAXGAZ || k >= NER_MAXFEAT - 24) break;
    uint64_t nib = gz >> (4 * l) & 15;
    for (int part = 0; part < 4; part++)
      if (nib >> part & 1) {
        f[k++] = F1(T_GAZ, (uint64_t)(l * 4 + part));
        f[k++] = F2(T_GAZCAP, (uint64_t)(l * 4 + part), head ? 7 : x->cap);
      }
    gz &= ~(15ull << (4 * l));
  }
  for (int side = 0; side < 2; side++) {
    size_t j = side ? i + 1 : i - 1;
    if ((side && i + 1 >= n) || (!side && i == 0)) continue;
    uint64_t g = info[j].gaz;
    while (g && k < NER_MAXFEAT - 20) {
      int l = __builtin_ctzll(g) / 4;
      if (l >= NER_MAXGAZ) break;
      f[k++] = F2(side ? T_GAZP1 : T_GAZM1, (uint64_t)l, x->cap);
      g &= ~(15ull << (4 * l));
    }
  }
  /* the run of capitalised words around the token ends in an organisation
   * or place head word ("Ukrainian Sea Ports Authority") */
  if (x->cap >= 2 && !head && k < NER_MAXFEAT - 24) {
    size_t s0 = i, e0 = i;
    while (s0 > 0 && i - s0 < 5 && info[s0 - 1].cap >= 2)
      s0--;
    while (e0 + 1 < n && e0 - i < 5 && info[e0 + 1].cap >= 2)
      e0++;
    if (e0 > s0) {
      static const int heads[] = {NER_G_ORG_SUFFIXES, NER_G_ORG_KEYWORDS,
                                  NER_G_LOC_KEYWORDS};
      for (int h = 0; h < 3; h++)
        if (info[e0].gaz >> (4 * heads[h]) & (1u << NER_U))
          f[k++] = F2(T_RUNEND, (uint64_t)heads[h], e0 == i);
    }
  }
  /* a capitalised word joined by "and" / "or" to this one: its lists */
  for (int side = 0; side < 2 && x->cap >= 2 && !head; side++) {
    size_t c, j;
    if (side) {
      if (i + 2 >= n) continue;
      c = i + 1, j = i + 2;
    } else {
      if (i < 2) continue;
      c = i - 1, j = i - 2;
    }
    if (!(info[c].flags & NER_F_CONJ) || info[j].cap < 2) continue;
    for (uint64_t g = info[j].gaz; g && k < NER_MAXFEAT - 24;) {
      int l = __builtin_ctzll(g) / 4;
      if (l >= NER_G_CAPITALISED) break; /* not the generated lists */
      f[k++] = F2(T_CONJ, (uint64_t)l, 0);
      g &= ~(15ull << (4 * l));
    }
  }
  /* a name before a facility noun: "the Agrotrans terminal" */
  if (i + 1 < n && (info[i + 1].flags & NER_F_FACIL) && x->cap >= 2)
    f[k++] = F2(T_FACIL, 0, head ? 7 : x->cap);
  /* context aggregation: the words around the same form elsewhere in the
   * document ("Pirelli shares" says what "Pirelli" is) */
  if (doc && doc->next && doc_counted(x) && x >= doc->all &&
      x < doc->all + doc->ntok) {
    size_t gi = (size_t)(x - doc->all);
    size_t j = doc->next[gi];
    for (int steps = 0; j != gi && steps < 8 && k < NER_MAXFEAT - 28;
         steps++, j = doc->next[j]) {
      f[k++] = F1(T_AGGM1, j > 0 ? doc->all[j - 1].hl : BOS);
      f[k++] = F1(T_AGGP1, j + 1 < doc->ntok ? doc->all[j + 1].hl : EOS);
    }
  }
  /* document features: whether the word also occurs in lower case (both
   * passes), how the first pass labelled it elsewhere (second pass) */
  if (doc && doc->key && doc_counted(x) && k < NER_MAXFEAT - 16) {
    size_t s = doc_slot(doc, x->hl);
    if (doc->key[s] && doc->cnt[s][5])
      f[k++] = F2(T_DLOWER, 0, head ? 7 : x->cap);
  }
  if (doc && doc->labelled) k += ner_doclabel_features(x, doc, self, f + k);
  return k;
}

/* How the first pass labelled the same form elsewhere in the document. */
size_t ner_doclabel_features(const ner_tinfo *x, const ner_docinfo *doc,
                             int self, uint64_t *f) {
  size_t k = 0;
  int head = (x->flags & NER_F_HEADLINE) != 0;
  if (!doc || !doc->labelled) return 0;
  /* the first pass's own label for this token (stacking) */
  f[k++] = F2(T_SELF, (uint64_t)self, head ? 7 : x->cap);
  if (!doc_counted(x)) return k;
  {
    size_t s = doc_slot(doc, x->hl);
    if (doc->key[s]) {
      uint32_t c[6];
      memcpy(c, doc->cnt[s], sizeof c);
      /* leave out this token's own first-pass label */
      if (self > 0 && c[ner_type(self)]) c[ner_type(self)]--;
      if (c[4]) c[4]--;
      uint32_t ents = c[0] + c[1] + c[2] + c[3];
      if (ents) {
        int best = 0;
        for (int t = 1; t < NER_NTYPES; t++)
          if (c[t] > c[best]) best = t;
        f[k++] = F1(T_DMAJ, (uint64_t)best);
        f[k++] = F2(T_DMAJCAP, (uint64_t)best, head ? 7 : x->cap);
        for (int t = 0; t < NER_NTYPES; t++)
          if (c[t]) {
            uint64_t b = c[4] ? (uint64_t)(3 * c[t] / (c[4] + 1)) : 0;
            f[k++] = F2(T_DFRAC, (uint64_t)t, b > 2 ? 2 : b);
          }
      } else if (c[4]) {
        f[k++] = F2(T_DNONE, 0, head ? 7 : x->cap);
      }
    }
  }
  return k;
}

size_t ner_hist_features(const ner_tinfo *info, size_t i, int l1, int l2,
                         uint64_t *f) {
  const ner_tinfo *x = &info[i];
  f[0] = F1(T_H1, (uint64_t)l1);
  f[1] = F2(T_H2, (uint64_t)l2, (uint64_t)l1);
  f[2] = F2(T_H1L0, (uint64_t)l1, x->hl);
  f[3] = F2(T_H1SH, (uint64_t)l1, x->hsshape);
  return 4;
}

/* Counts per lower-cased form over the whole document: how often it was
 * labelled each type, how often it occurs capitalised, and how often it
 * occurs lower-case outside a headline (a sign it is a common word). */

void ner_docinfo_count(ner_docinfo *d, const uint8_t *lab) {
  memset(d->cnt, 0, (d->mask + 1) * sizeof *d->cnt);
  for (size_t i = 0; i < d->ntok; i++) {
    const ner_tinfo *x = &d->all[i];
    int lower = x->cap == 1 && !(x->flags & NER_F_HEADLINE);
    if (!doc_counted(x) && !lower) continue;
    size_t s = doc_slot(d, x->hl);
    if (lower) {
      d->cnt[s][5]++;
      continue;
    }
    d->cnt[s][4]++;
    if (lab && lab[i] && lab[i] < NER_NLABELS) d->cnt[s][ner_type(lab[i])]++;
  }
  d->labelled = lab != NULL;
}

int ner_docinfo_build(ner_docinfo *d, ann_arena *a, const ner_tinfo *info,
                      const uint8_t *lab, size_t ntok) {
  memset(d, 0, sizeof *d);
  size_t cap = 16;
  while (cap < ntok * 2)
    cap *= 2;
  d->all = info;
  d->ntok = ntok;
  d->mask = cap - 1;
  d->key = ann_calloc(a, cap * sizeof *d->key);
  d->cnt = ann_calloc(a, cap * sizeof *d->cnt);
  d->next = ann_alloc(a, (ntok ? ntok : 1) * sizeof *d->next);
  uint32_t *first = ann_alloc(a, cap * sizeof *first);
  uint32_t *last = ann_alloc(a, cap * sizeof *last);
  if (!d->key || !d->cnt || !d->next || !first || !last) return ANN_ENOMEM;
  for (size_t i = 0; i < ntok; i++) {
    const ner_tinfo *x = &info[i];
    d->next[i] = (uint32_t)i;
    int lower = x->cap == 1 && !(x->flags & NER_F_HEADLINE);
    if (!doc_counted(x) && !lower) continue;
    size_t s = doc_slot(d, x->hl);
    if (!d->key[s]) {
      d->key[s] = x->hl | 1;
      first[s] = last[s] = UINT32_MAX;
    }
    if (lower) continue;
    if (first[s] == UINT32_MAX)
      first[s] = (uint32_t)i;
    else
      d->next[last[s]] = (uint32_t)i;
    last[s] = (uint32_t)i;
  }
  for (size_t s = 0; s <= d->mask; s++)
    if (d->key[s] && first[s] != UINT32_MAX) d->next[last[s]] = first[s];
  ner_docinfo_count(d, lab);
  return 0;
}

const uint32_t *ner_docinfo_counts(const ner_docinfo *d, const ner_tinfo *x) {
  if (!d || !d->key || !doc_counted(x)) return NULL;
  size_t s = doc_slot(d, x->hl);
  return d->key[s] ? d->cnt[s] : NULL;
}
