/*
 * extract.h — main text and metadata of a news page.
 *
 * ann_extract_html parses the page (html.h), finds the article body,
 * drops boilerplate (navigation, share widgets, related lists, comments,
 * banners, footers), and fills d->text (paragraphs separated by "\n\n"),
 * title, site_name, url, published, authors, language and dateline. Values
 * already set on d by the container (JSONL title, WARC URI) are kept unless
 * the page is more precise (a canonical URL).
 * ann_extract_text does the same for plain text (paragraphs normalised,
 * dateline and language found).
 */
#ifndef ANNALIST_EXTRACT_H
#define ANNALIST_EXTRACT_H

#include "annalist/doc.h"

int ann_extract_html(ann_doc *d, const char *utf8, size_t len,
                     const ann_limits *lim, ann_error *e);
int ann_extract_text(ann_doc *d, const char *utf8, size_t len,
                     const ann_limits *lim, ann_error *e);

/* Finds a dateline at the start of d->text ("Tokyo, 29 June, /AJMEDIA/",
 * "MOSCOW (Reuters) -"); fills d->dateline and returns the byte offset at
 * which the body proper starts (0 when there is none). */
size_t ann_find_dateline(ann_doc *d);

/* ISO 639-1 code of the language of text, or NULL when unsure. */
const char *ann_detect_language(const char *text, size_t len);

#endif
