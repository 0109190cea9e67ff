/*
 * extract_int.h — helpers shared by the files of src/extract/ (and their
 * unit tests). Not a public API.
 */
#ifndef ANN_EXTRACT_INT_H
#define ANN_EXTRACT_INT_H

#include "annalist/doc.h"

#include <stdbool.h>
#include <stddef.h>

/* Normalise a date as written in metadata or a URL ("2025-06-29T09:14:00
 * +09:00", "Sun, 29 Jun 2025 09:14:00 GMT", "June 29, 2025", "29.06.2025")
 * to ISO 8601 in out: "2025-06-29" or "2025-06-29T09:14:00+09:00".
 * Returns the length written, 0 when s holds no recognisable date. */
size_t ann_date_iso(const char *s, size_t n, char out[32]);

/* A date in a URL path: /2025/06/29/, /2025-06-29/, /20250629/. Writes
 * "YYYY-MM-DD" (or "YYYY-MM" for /2025/06/) and returns its length. */
size_t ann_date_from_url(const char *url, char out[32]);

/* Month number (1-12) of an English (or French, German, Spanish, Italian,
 * Portuguese) month name or abbreviation of n bytes, 0 if none. */
int ann_month_name(const char *s, size_t n);

/* Remove a site suffix or prefix from a page title: "Headline - Site",
 * "Headline | Site", "Site: Headline" when it matches site (may be NULL)
 * or looks like a site name. Returns an arena string, or title itself. */
const char *ann_title_clean(ann_arena *a, const char *title,
                            const char *site);

/* Whitespace-normalised copy of s (runs of spaces, tabs, newlines and
 * no-break spaces become one space, ends trimmed), in the arena. */
char *ann_squeeze(ann_arena *a, const char *s, size_t n);

/* Metadata gathered from JSON-LD blocks. Strings live in the arena. */
typedef struct ann_jsonld {
  const char *headline, *published, *publisher, *url, *language;
  const char *authors[8];
  int nauthors;
} ann_jsonld;

/* Read one <script type="application/ld+json"> body and fill the empty
 * fields of m from the first article-like object (NewsArticle, Article,
 * BlogPosting, ... inside @graph or arrays too). Malformed JSON is
 * ignored. */
void ann_jsonld_read(ann_arena *a, const char *json, size_t n, ann_jsonld *m);

#endif
