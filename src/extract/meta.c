/*
 * meta.c — string helpers for page metadata: whitespace squeezing, the
 * site suffix of titles, and JSON-LD (schema.org) article objects.
 */
#include "extract_int.h"

#include <ctype.h>
#include <jansson.h>
#include <string.h>

char *ann_squeeze(ann_arena *a, const char *s, size_t n) {
  char *o = ann_alloc(a, n + 1);
  if (!o) return NULL;
  size_t j = 0;
  bool sp = false;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
        c == '\v') {
      sp = true;
      continue;
    }
    if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) {
      sp = true;
      i++;
      continue;
    }
    if (sp && j) o[j++] = ' ';
    sp = false;
    o[j++] = (char)c;
  }
  o[j] = 0;
  return o;
}

/* ------------------------------------------------------------- titles -- */

static const char *const title_seps[] = {" | ", " - ", " \xE2\x80\x93 ",
                                         " \xE2\x80\x94 ", " :: ", " : ",
                                         "::: ", "_",
                                         " \xC2\xB7 ", " \xE2\x80\xA2 ",
                                         " \xC2\xAB ", " \xC2\xBB ",
                                         " // "};

/* Case-insensitive (ASCII) comparison ignoring spaces and punctuation:
 * "AJMEDIA English" ~ "ajmedia-english" ~ "AJMEDIA.english". */
static bool loose_eq(const char *a, size_t an, const char *b, size_t bn) {
  size_t i = 0, j = 0;
  for (;;) {
    while (i < an && (ispunct((unsigned char)a[i]) || a[i] == ' ')) i++;
    while (j < bn && (ispunct((unsigned char)b[j]) || b[j] == ' ')) j++;
    if (i == an || j == bn) return i == an && j == bn;
    if (tolower((unsigned char)a[i]) != tolower((unsigned char)b[j]))
      return false;
    i++, j++;
  }
}

/* Does part look like the site: equal to site (loosely), contained in it
 * or containing it, or a domain name. */
static bool is_site(const char *p, size_t n, const char *site) {
  if (n == 0) return false;
  if (site && *site) {
    size_t sn = strlen(site);
    if (loose_eq(p, n, site, sn)) return true;
    if (sn >= 4 && n > sn) {
      for (size_t i = 0; i + sn <= n; i++)
        if (strncasecmp(p + i, site, sn) == 0) return true;
    }
    if (n >= 4 && sn > n)
      for (size_t i = 0; i + n <= sn; i++)
        if (strncasecmp(site + i, p, n) == 0) return true;
  }
  /* a domain: word.tld without spaces */
  const char *dot = memchr(p, '.', n);
  if (dot && !memchr(p, ' ', n) && dot > p && dot + 2 < p + n) return true;
  return false;
}

/* Words, where two CJK characters count as one (no spaces there). */
static int count_words(const char *p, size_t n) {
  int w = 0, cjk = 0;
  bool in = false;
  for (size_t i = 0; i < n; i++) {
    bool sp = p[i] == ' ';
    if (!sp && !in) w++;
    in = !sp;
    unsigned char c = (unsigned char)p[i];
    if (c >= 0xE3 && c <= 0xE9) cjk++;
  }
  return w + cjk / 2;
}

/* No lower-case letter (ASCII or Greek/Cyrillic/Latin-1 two-byte forms
 * are judged by ASCII only): a section label like "WORLD" or "ΔΙΕΘΝΗ". */
static bool all_caps(const char *p, size_t n) {
  int upper = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)p[i];
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') upper++;
    /* Greek small letters U+03AC-U+03CE: CE AC..CE BF, CF 80..CF 8E;
     * Cyrillic small U+0430-U+045F: D0 B0..D0 BF, D1 80..D1 9F */
    if (i + 1 < n && ((c == 0xCE && (unsigned char)p[i + 1] >= 0xAC) ||
                      c == 0xCF ||
                      (c == 0xD0 && (unsigned char)p[i + 1] >= 0xB0) ||
                      c == 0xD1))
      return false;
    if (c >= 0xC0) upper++;
  }
  return upper >= 2;
}

const char *ann_title_clean(ann_arena *a, const char *title,
                            const char *site) {
  if (!title) return NULL;
  const char *s = title;
  size_t n = strlen(s);
  /* a leading bullet or guillemet: "» Headline" */
  if (n > 3 && ((unsigned char)s[0] == 0xC2 &&
                ((unsigned char)s[1] == 0xBB || (unsigned char)s[1] == 0xAB)) &&
      s[2] == ' ')
    s += 3, n -= 3;
  for (int round = 0; round < 2; round++) {
    /* last separator: a suffix; first separator: a prefix */
    const char *last = NULL, *first = NULL;
    size_t lsep = 0, fsep = 0;
    for (size_t k = 0; k < sizeof title_seps / sizeof *title_seps; k++) {
      const char *sep = title_seps[k];
      size_t sl = strlen(sep);
      for (const char *p = s; p + sl <= s + n;) {
        const char *q = strstr(p, sep);
        if (!q || q + sl > s + n) break;
        if (!last || q > last) last = q, lsep = sl;
        if (!first || q < first) first = q, fsep = sl;
        p = q + 1;
      }
    }
    if (!last) break;
    const char *suf = last + lsep;
    size_t sufn = (size_t)(s + n - suf), pren = (size_t)(last - s);
    int sw = count_words(suf, sufn), pw = count_words(s, pren);
    if (is_site(suf, sufn, site) ||
        (!site && sw <= 3 && pw >= 4)) {
      n = pren;
      continue;
    }
    size_t fn = (size_t)(first - s);
    if ((is_site(s, fn, site) || all_caps(s, fn)) &&
        count_words(first + fsep, n - fn - fsep) >= 3) {
      s = first + fsep;
      n -= fn + fsep;
      continue;
    }
    break;
  }
  while (n && s[n - 1] == ' ') n--;
  if (n == strlen(title) && s == title) return title;
  return n ? ann_strndup(a, s, n) : title;
}

/* ------------------------------------------------------------ JSON-LD -- */

static const char *str_of(ann_arena *a, json_t *v) {
  if (json_is_string(v) && json_string_length(v) > 0)
    return ann_squeeze(a, json_string_value(v), json_string_length(v));
  if (json_is_array(v) && json_array_size(v) > 0)
    return str_of(a, json_array_get(v, 0));
  if (json_is_object(v)) {
    json_t *n = json_object_get(v, "name");
    if (json_is_string(n)) return str_of(a, n);
    json_t *id = json_object_get(v, "@id");
    if (json_is_string(id)) return str_of(a, id);
  }
  return NULL;
}

static bool type_is_article(json_t *t) {
  if (json_is_array(t)) {
    for (size_t i = 0; i < json_array_size(t); i++)
      if (type_is_article(json_array_get(t, i))) return true;
    return false;
  }
  if (!json_is_string(t)) return false;
  const char *s = json_string_value(t);
  return strstr(s, "Article") || strcmp(s, "BlogPosting") == 0 ||
         strcmp(s, "Report") == 0 || strcmp(s, "LiveBlogPosting") == 0 ||
         strcmp(s, "SocialMediaPosting") == 0;
}

static void add_author(ann_arena *a, ann_jsonld *m, json_t *v) {
  if (m->nauthors >= 8) return;
  if (json_is_array(v)) {
    for (size_t i = 0; i < json_array_size(v); i++)
      add_author(a, m, json_array_get(v, i));
    return;
  }
  const char *name = NULL;
  if (json_is_string(v)) name = str_of(a, v);
  else if (json_is_object(v)) {
    json_t *n = json_object_get(v, "name");
    if (json_is_string(n)) name = str_of(a, n);
  }
  if (!name || !*name || strncmp(name, "http", 4) == 0) return;
  for (int i = 0; i < m->nauthors; i++)
    if (strcmp(m->authors[i], name) == 0) return;
  m->authors[m->nauthors++] = name;
}

static void from_article(ann_arena *a, json_t *o, ann_jsonld *m) {
  if (!m->headline) m->headline = str_of(a, json_object_get(o, "headline"));
  if (!m->headline) m->headline = str_of(a, json_object_get(o, "name"));
  if (!m->published)
    m->published = str_of(a, json_object_get(o, "datePublished"));
  if (!m->published)
    m->published = str_of(a, json_object_get(o, "dateCreated"));
  if (!m->publisher) {
    json_t *p = json_object_get(o, "publisher");
    if (json_is_object(p)) m->publisher = str_of(a, json_object_get(p, "name"));
    else if (json_is_string(p)) m->publisher = str_of(a, p);
  }
  if (!m->url) {
    json_t *u = json_object_get(o, "url");
    if (!json_is_string(u)) u = json_object_get(o, "mainEntityOfPage");
    if (json_is_object(u)) u = json_object_get(u, "@id");
    if (json_is_string(u) && strncmp(json_string_value(u), "http", 4) == 0)
      m->url = str_of(a, u);
  }
  if (!m->language) m->language = str_of(a, json_object_get(o, "inLanguage"));
  if (m->nauthors == 0) add_author(a, m, json_object_get(o, "author"));
  if (m->nauthors == 0) add_author(a, m, json_object_get(o, "creator"));
}

void ann_jsonld_read(ann_arena *a, const char *json, size_t n,
                     ann_jsonld *m) {
  json_error_t err;
  json_t *root = json_loadb(json, n, JSON_DECODE_ANY, &err);
  if (!root) return;
  /* breadth-first over arrays and @graph, without recursion */
  json_t *queue[64];
  int qh = 0, qt = 0;
  queue[qt++] = root;
  const char *org = NULL;
  while (qh < qt) {
    json_t *v = queue[qh++];
    if (json_is_array(v)) {
      for (size_t i = 0; i < json_array_size(v) && qt < 64; i++)
        queue[qt++] = json_array_get(v, i);
      continue;
    }
    if (!json_is_object(v)) continue;
    json_t *g = json_object_get(v, "@graph");
    if (g && qt < 64) queue[qt++] = g;
    json_t *t = json_object_get(v, "@type");
    if (type_is_article(t)) from_article(a, v, m);
    else if (json_is_string(t) &&
             (strcmp(json_string_value(t), "Organization") == 0 ||
              strcmp(json_string_value(t), "NewsMediaOrganization") == 0 ||
              strcmp(json_string_value(t), "WebSite") == 0) &&
             !org)
      org = str_of(a, json_object_get(v, "name"));
  }
  if (!m->publisher && org) m->publisher = org;
  json_decref(root);
}
