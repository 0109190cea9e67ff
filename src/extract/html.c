/* html.c — placeholder until the HTML extractor lands (issue #2). */
#include "annalist/extract.h"

int ann_extract_html(ann_doc *d, const char *utf8, size_t len,
                     const ann_limits *lim, ann_error *e) {
  (void)d, (void)utf8, (void)len, (void)lim;
  return ann_fail(e, ANN_EFORMAT, -1, "HTML extraction is not built yet");
}
