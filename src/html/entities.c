/*
 * entities.c — HTML5 character references.
 *
 * Numeric references follow the spec: decimal or hex, ';' optional,
 * 0, surrogates and values above U+10FFFF become U+FFFD, and &#128;-&#159;
 * are remapped through windows-1252 (the spec's table), since pages that
 * write &#146; mean a right single quote.
 *
 * Named references: the full WHATWG table is generated at build time from
 * python3's html.entities.html5 (gen_entities.py, see CMakeLists.txt);
 * without python3 a compact table of the common names is compiled in.
 * Lookup is the spec's longest match: "&notit;" is "&not" + "it;".
 */
#include "html/html_int.h"

#include <string.h>

#ifdef ANN_HTML_FULL_ENTITIES
#include "html_entities.inc"
#else
/* Fallback when the build has no python3: the names news pages use.
 * Sorted by byte order for the bisection below. */
static const html_entity html_entities[] = {
    {"AMP", 3, 1, "&"},
    {"AMP;", 4, 1, "&"},
    {"GT", 2, 1, ">"},
    {"GT;", 3, 1, ">"},
    {"LT", 2, 1, "<"},
    {"LT;", 3, 1, "<"},
    {"QUOT", 4, 1, "\""},
    {"QUOT;", 5, 1, "\""},
    {"amp", 3, 1, "&"},
    {"amp;", 4, 1, "&"},
    {"apos;", 5, 1, "'"},
    {"bdquo;", 6, 3, "\xe2\x80\x9e"},
    {"bull;", 5, 3, "\xe2\x80\xa2"},
    {"copy", 4, 2, "\xc2\xa9"},
    {"copy;", 5, 2, "\xc2\xa9"},
    {"deg", 3, 2, "\xc2\xb0"},
    {"deg;", 4, 2, "\xc2\xb0"},
    {"euro;", 5, 3, "\xe2\x82\xac"},
    {"gt", 2, 1, ">"},
    {"gt;", 3, 1, ">"},
    {"hellip;", 7, 3, "\xe2\x80\xa6"},
    {"laquo", 5, 2, "\xc2\xab"},
    {"laquo;", 6, 2, "\xc2\xab"},
    {"ldquo;", 6, 3, "\xe2\x80\x9c"},
    {"lsquo;", 6, 3, "\xe2\x80\x98"},
    {"lt", 2, 1, "<"},
    {"lt;", 3, 1, "<"},
    {"mdash;", 6, 3, "\xe2\x80\x94"},
    {"middot", 6, 2, "\xc2\xb7"},
    {"middot;", 7, 2, "\xc2\xb7"},
    {"nbsp", 4, 2, "\xc2\xa0"},
    {"nbsp;", 5, 2, "\xc2\xa0"},
    {"ndash;", 6, 3, "\xe2\x80\x93"},
    {"quot", 4, 1, "\""},
    {"quot;", 5, 1, "\""},
    {"raquo", 5, 2, "\xc2\xbb"},
    {"raquo;", 6, 2, "\xc2\xbb"},
    {"rdquo;", 6, 3, "\xe2\x80\x9d"},
    {"reg", 3, 2, "\xc2\xae"},
    {"reg;", 4, 2, "\xc2\xae"},
    {"rsquo;", 6, 3, "\xe2\x80\x99"},
    {"sbquo;", 6, 3, "\xe2\x80\x9a"},
    {"shy", 3, 2, "\xc2\xad"},
    {"shy;", 4, 2, "\xc2\xad"},
    {"times", 5, 2, "\xc3\x97"},
    {"times;", 6, 2, "\xc3\x97"},
    {"trade;", 6, 3, "\xe2\x84\xa2"},
};
#define ANN_HTML_NENTITIES (sizeof html_entities / sizeof *html_entities)
#define ANN_HTML_ENTITY_MAXLEN 32
#endif

size_t html_entity_count(void) { return ANN_HTML_NENTITIES; }

size_t html_utf8(uint32_t c, char *out) {
  unsigned char *o = (unsigned char *)out;
  if (c < 0x80) {
    o[0] = (unsigned char)c;
    return 1;
  }
  if (c < 0x800) {
    o[0] = (unsigned char)(0xC0 | (c >> 6));
    o[1] = (unsigned char)(0x80 | (c & 0x3F));
    return 2;
  }
  if (c < 0x10000) {
    o[0] = (unsigned char)(0xE0 | (c >> 12));
    o[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
    o[2] = (unsigned char)(0x80 | (c & 0x3F));
    return 3;
  }
  o[0] = (unsigned char)(0xF0 | (c >> 18));
  o[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
  o[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
  o[3] = (unsigned char)(0x80 | (c & 0x3F));
  return 4;
}

/* The spec's replacements for &#128;-&#159; (0 = keep the C1 value). */
static const uint16_t win1252[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

static size_t numeric(const char *p, const char *end, char *out,
                      size_t *outlen) {
  const char *s = p + 1; /* after '#' */
  uint32_t v = 0;
  bool any = false, big = false;
  if (s < end && (*s == 'x' || *s == 'X')) {
    s++;
    for (; s < end; s++) {
      unsigned c = (unsigned char)*s, d;
      if (c >= '0' && c <= '9')
        d = c - '0';
      else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
        d = (c | 0x20) - 'a' + 10;
      else
        break;
      any = true;
      if (!big) {
        v = v * 16 + d;
        if (v > 0x10FFFF) big = true;
      }
    }
  } else {
    for (; s < end && *s >= '0' && *s <= '9'; s++) {
      any = true;
      if (!big) {
        v = v * 10 + (uint32_t)(*s - '0');
        if (v > 0x10FFFF) big = true;
      }
    }
  }
  if (!any) return 0;
  if (s < end && *s == ';') s++;
  if (big || v == 0 || (v >= 0xD800 && v <= 0xDFFF))
    v = 0xFFFD;
  else if (v >= 0x80 && v <= 0x9F && win1252[v - 0x80])
    v = win1252[v - 0x80];
  *outlen = html_utf8(v, out);
  return (size_t)(s - p);
}

static const html_entity *find(const char *name, size_t n) {
  size_t lo = 0, hi = ANN_HTML_NENTITIES;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    const html_entity *e = &html_entities[mid];
    size_t m = n < e->name_len ? n : e->name_len;
    int c = memcmp(name, e->name, m);
    if (c == 0) c = n < e->name_len ? -1 : n > e->name_len;
    if (c == 0) return e;
    if (c < 0)
      hi = mid;
    else
      lo = mid + 1;
  }
  return NULL;
}

static bool alnum(unsigned char c) {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

size_t html_charref(const char *p, const char *end, bool in_attr, char *out,
                    size_t *outlen) {
  if (p >= end) return 0;
  if (*p == '#') return numeric(p, end, out, outlen);
  if (!alnum((unsigned char)*p)) return 0;
  /* the longest name is 32 bytes with its ';' */
  char name[ANN_HTML_ENTITY_MAXLEN + 1];
  size_t n = 0;
  while (p + n < end && n < ANN_HTML_ENTITY_MAXLEN &&
         alnum((unsigned char)p[n])) {
    name[n] = p[n];
    n++;
  }
  const html_entity *e;
  if (p + n < end && p[n] == ';' && n < ANN_HTML_ENTITY_MAXLEN) {
    name[n] = ';';
    if ((e = find(name, n + 1))) {
      memcpy(out, e->utf8, e->len);
      *outlen = e->len;
      return n + 1;
    }
  }
  /* legacy names without ';' are at most 6 bytes */
  for (size_t k = n < 6 ? n : 6; k >= 2; k--) {
    if (!(e = find(name, k))) continue;
    if (in_attr && p + k < end && (p[k] == '=' || alnum((unsigned char)p[k])))
      return 0;
    memcpy(out, e->utf8, e->len);
    *outlen = e->len;
    return k;
  }
  return 0;
}
