/*
 * dateline.c — the dateline that opens many news bodies:
 *   "Tokyo, 29 June, /AJMEDIA/"      (a paragraph of its own)
 *   "MOSCOW (Reuters) - ..."          "BAKU, Azerbaijan — ..."
 *   "WASHINGTON — ..."                "PARIS, June 3 (AP) — ..."
 * Grammar: PLACE [, REGION] [,] [DATE] [,] [(AGENCY) | /AGENCY/] then a
 * dash, or the end of the paragraph. PLACE and REGION are one to four
 * capitalised words. Because ordinary sentences also start with capitalised
 * words, a dateline needs one more sign: a place in capitals, a date, an
 * agency, or a region followed by a dash. The dateline stays in the text;
 * its span is recorded so that the first sentence starts after it.
 */
#include "annalist/extract.h"
#include "extract_int.h"

#include <string.h>
#include <utf8proc.h>

typedef struct cur {
  const unsigned char *s;
  size_t n, i;
} cur;

static int32_t peek(const cur *c, size_t *len) {
  if (c->i >= c->n) {
    *len = 0;
    return -1;
  }
  utf8proc_int32_t cp;
  utf8proc_ssize_t k = utf8proc_iterate(c->s + c->i, (utf8proc_ssize_t)(c->n - c->i), &cp);
  if (k <= 0) {
    *len = 1;
    return 0xFFFD;
  }
  *len = (size_t)k;
  return cp;
}

static bool is_upper(int32_t cp) {
  utf8proc_category_t k = utf8proc_category(cp);
  return k == UTF8PROC_CATEGORY_LU || k == UTF8PROC_CATEGORY_LT;
}
static bool is_alpha(int32_t cp) {
  utf8proc_category_t k = utf8proc_category(cp);
  return k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO;
}

/* A capitalised word: upper-case letter, then letters, '.', '-', '\''.
 * Sets *caps when every letter is upper-case. Returns its end or 0. */
static size_t cap_word(const cur *c, size_t at, bool *caps) {
  cur t = *c;
  t.i = at;
  size_t len;
  int32_t cp = peek(&t, &len);
  if (cp < 0 || !is_upper(cp)) return 0;
  bool all = true;
  int letters = 0;
  while ((cp = peek(&t, &len)) >= 0) {
    if (is_alpha(cp)) {
      letters++;
      if (!is_upper(cp)) all = false;
    } else if (cp != '.' && cp != '-' && cp != '\'' && cp != 0x2019) {
      break;
    }
    t.i += len;
  }
  /* a trailing '.' belongs to the word only for abbreviations ("ST.") */
  if (letters < 1) return 0;
  *caps = all && letters >= 2;
  return t.i;
}

/* One to four capitalised words separated by single spaces. */
static size_t cap_words(const cur *c, size_t at, bool *caps, int *nwords) {
  size_t end = 0, i = at;
  bool all = true;
  int w = 0;
  while (w < 4) {
    bool cw;
    size_t e = cap_word(c, i, &cw);
    if (!e) break;
    /* words like "of", "de", "al-" inside a place are rare; stop */
    all = all && cw;
    end = e;
    w++;
    if (e < c->n && c->s[e] == ' ') i = e + 1;
    else break;
  }
  *caps = w > 0 && all;
  *nwords = w;
  return end;
}

static size_t skip_sp(const cur *c, size_t i) {
  while (i < c->n && c->s[i] == ' ') i++;
  return i;
}

/* A date: "29 June", "June 3", "June 3, 2025", "29 June 2025", "Jun. 3". */
static size_t date_at(const cur *c, size_t i) {
  size_t j = i;
  const unsigned char *s = c->s;
  size_t n = c->n;
  int day = 0;
  size_t k = j;
  while (k < n && k - j < 2 && s[k] >= '0' && s[k] <= '9') k++;
  if (k > j) {
    day = 1;
    j = skip_sp(c, k);
  }
  size_t w = j;
  while (w < n && (((s[w] | 32) >= 'a' && (s[w] | 32) <= 'z') || s[w] >= 0x80))
    w++;
  if (w == j || !ann_month_name((const char *)s + j, w - j)) return 0;
  j = w;
  if (j < n && s[j] == '.') j++;
  if (!day) {
    size_t d = skip_sp(c, j);
    k = d;
    while (k < n && k - d < 2 && s[k] >= '0' && s[k] <= '9') k++;
    if (k == d) return 0;
    j = k;
  }
  /* optional year */
  size_t y = j;
  if (y < n && s[y] == ',') y++;
  y = skip_sp(c, y);
  k = y;
  while (k < n && k - y < 4 && s[k] >= '0' && s[k] <= '9') k++;
  if (k - y == 4 && (k == n || s[k] < '0' || s[k] > '9')) j = k;
  return j;
}

/* A dash (-, en dash, em dash, minus, "--") followed by a space or end. */
static size_t dash_at(const cur *c, size_t i) {
  const unsigned char *s = c->s;
  size_t n = c->n, e = 0;
  if (i < n && s[i] == '-') e = i + 1 + (i + 1 < n && s[i + 1] == '-');
  else if (i + 2 < n && s[i] == 0xE2 && s[i + 1] == 0x80 &&
           (s[i + 2] == 0x93 || s[i + 2] == 0x94))
    e = i + 3;
  else if (i + 2 < n && s[i] == 0xE2 && s[i + 1] == 0x88 && s[i + 2] == 0x92)
    e = i + 3;
  if (!e) return 0;
  if (e < n && s[e] != ' ' && s[e] != '\n') return 0;
  return e;
}

/* "(Reuters)", "(AP)", "/AJMEDIA/", "[AFP]": at most 5 words inside. */
static size_t agency_at(const cur *c, size_t i) {
  const unsigned char *s = c->s;
  size_t n = c->n;
  if (i >= n) return 0;
  unsigned char open = s[i], close;
  if (open == '(') close = ')';
  else if (open == '/') close = '/';
  else if (open == '[') close = ']';
  else return 0;
  size_t j = i + 1;
  int spaces = 0;
  while (j < n && s[j] != close && s[j] != '\n' && j - i < 60) {
    if (s[j] == ' ') spaces++;
    j++;
  }
  if (j >= n || s[j] != close || j == i + 1 || spaces > 4) return 0;
  /* must start with a letter */
  cur t = *c;
  t.i = i + 1;
  size_t len;
  if (!is_alpha(peek(&t, &len))) return 0;
  return j + 1;
}

/* Title-case a word sequence written in capitals: "CONSTANȚA" ->
 * "Constanța", "WINSTON-SALEM" -> "Winston-Salem". */
static const char *title_case(ann_arena *a, const unsigned char *s, size_t n) {
  char *o = ann_alloc(a, n * 2 + 1);
  if (!o) return NULL;
  size_t j = 0, i = 0;
  bool start = true;
  while (i < n) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate(s + i, (utf8proc_ssize_t)(n - i), &cp);
    if (k <= 0) { k = 1; cp = 0xFFFD; }
    i += (size_t)k;
    int32_t out = start ? cp : utf8proc_tolower(cp);
    start = !is_alpha(cp) && cp != '\'' && cp != 0x2019;
    j += (size_t)utf8proc_encode_char(out, (utf8proc_uint8_t *)o + j);
  }
  o[j] = 0;
  return o;
}

size_t ann_find_dateline(ann_doc *d) {
  if (!d || !d->text || !d->text_len) return 0;
  cur c = {(const unsigned char *)d->text, d->text_len, 0};
  size_t lim = c.n < 300 ? c.n : 300; /* datelines are short */
  cur cl = c;
  cl.n = lim;
  size_t start = skip_sp(&cl, 0);
  bool caps;
  int nw;
  size_t pe = cap_words(&cl, start, &caps, &nw);
  if (!pe) return 0;
  /* "By Jane Doe, June 3" is a byline, not a place */
  if (pe - start >= 3 && (cl.s[start] == 'B') &&
      (cl.s[start + 1] == 'y' || cl.s[start + 1] == 'Y') &&
      cl.s[start + 2] == ' ')
    return 0;
  size_t place_end = pe;
  /* the place may end with '.' only as an abbreviation: drop a final one
   * when followed by nothing that fits */
  bool region = false, date = false, agency = false;
  size_t date_s = 0, date_e = 0;
  size_t i = pe;
  /* , REGION */
  if (i < cl.n && cl.s[i] == ',') {
    size_t j = skip_sp(&cl, i + 1);
    size_t de = date_at(&cl, j);
    if (de) {
      date = true, date_s = j, date_e = de, i = de;
    } else {
      bool rc;
      int rw;
      size_t re = cap_words(&cl, j, &rc, &rw);
      if (re) region = true, i = re;
    }
  }
  /* [,] DATE */
  if (!date) {
    size_t j = i;
    if (j < cl.n && cl.s[j] == ',') j++;
    j = skip_sp(&cl, j);
    size_t de = date_at(&cl, j);
    if (de) date = true, date_s = j, date_e = de, i = de;
  }
  /* [,] (AGENCY) */
  {
    size_t j = i;
    if (j < cl.n && cl.s[j] == ',') j++;
    j = skip_sp(&cl, j);
    size_t ae = agency_at(&cl, j);
    if (ae) agency = true, i = ae;
  }
  /* terminator */
  size_t j = i;
  if (j < cl.n && (cl.s[j] == ',' || cl.s[j] == ':')) j++;
  j = skip_sp(&cl, j);
  size_t end = 0, body = 0;
  size_t de = dash_at(&cl, j);
  if (de) {
    end = de;
    body = skip_sp(&c, de);
  } else if (j >= c.n || (j + 1 < c.n && c.s[j] == '\n')) {
    /* a paragraph of its own: only with a date or an agency */
    if (!date && !agency) return 0;
    end = i < j ? i : j;
    if (end < c.n && (c.s[end] == ',' || c.s[end] == ':')) end++;
    body = j;
    while (body < c.n && (c.s[body] == '\n' || c.s[body] == ' ')) body++;
  } else if (agency && (j > i) && j < c.n &&
             ((c.s[j] >= 'A' && c.s[j] <= 'Z') || c.s[j] >= 0x80 ||
              c.s[j] == '"')) {
    /* "MOSCOW (Reuters) The ..." without a dash; not a name told with
     * its acronym: "The Asia-Pacific Economic Cooperation (APEC) forum
     * has agreed" goes on in lower case */
    end = i;
    body = j;
  } else {
    return 0;
  }
  if (!(caps || date || agency || (region && de))) return 0;
  /* a lone capitalised word with a dash is too weak unless in capitals */
  if (!caps && !date && !agency && nw > 3) return 0;
  const char *place =
      caps ? title_case(d->arena, c.s + start, place_end - start)
           : ann_strndup(d->arena, (const char *)c.s + start,
                         place_end - start);
  if (!place) return 0; /* out of memory: no dateline rather than half */
  d->dateline.present = true;
  d->dateline.place = place;
  d->dateline.date =
      date ? ann_strndup(d->arena, (const char *)c.s + date_s, date_e - date_s)
           : NULL;
  d->dateline.start = (uint32_t)start;
  d->dateline.end = (uint32_t)end;
  return body;
}
