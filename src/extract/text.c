/*
 * text.c — plain-text input: normalise line ends and whitespace, keep
 * paragraphs (blank-line separated; a single newline inside a paragraph
 * becomes a space unless the line looks like a heading or list item), then
 * find the dateline and the language.
 */
#include "annalist/extract.h"

#include <string.h>

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\f' || c == '\v'; }

int ann_extract_text(ann_doc *d, const char *s, size_t n,
                     const ann_limits *lim, ann_error *e) {
  (void)lim;
  char *o = ann_alloc(d->arena, n * 2 + 1); /* "a.\n" grows to "a.\n\n" */
  if (!o) return ann_fail(e, ANN_ENOMEM, -1, "out of memory");
  size_t j = 0;
  size_t newlines = 0; /* newlines seen since the last word */
  bool space = false;
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    if (c == '\r') {
      if (i + 1 < n && s[i + 1] == '\n') continue;
      c = '\n';
    }
    if (c == '\n') {
      newlines++;
      continue;
    }
    if (is_space(c)) {
      space = true;
      continue;
    }
    /* U+00A0 no-break space counts as a space */
    if ((unsigned char)c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) {
      space = true;
      i++;
      continue;
    }
    if (j > 0) {
      if (newlines >= 2) {
        o[j++] = '\n';
        o[j++] = '\n';
      } else if (newlines == 1) {
        /* one newline: a line break inside a paragraph, unless the text
         * is written one paragraph per line (line ends after ., ?, !,
         * quote or colon) */
        char prev = o[j - 1];
        bool end = prev == '.' || prev == '?' || prev == '!' ||
                   prev == '"' || prev == ':' ||
                   (j >= 3 && (unsigned char)o[j - 1] == 0x9D &&
                    (unsigned char)o[j - 2] == 0x80);
        if (end) {
          o[j++] = '\n';
          o[j++] = '\n';
        } else {
          o[j++] = ' ';
        }
      } else if (space) {
        o[j++] = ' ';
      }
    }
    newlines = 0;
    space = false;
    o[j++] = c;
  }
  o[j] = 0;
  d->text = o;
  d->text_len = j;
  ann_find_dateline(d);
  if (!d->language) d->language = ann_detect_language(o, j);
  return 0;
}
