/* doc.c — small helpers over the document model (see doc.h). */
#include "annalist/doc.h"

int32_t ann_doc_sentence_at(const ann_doc *d, uint32_t off) {
  size_t lo = 0, hi = d->sentences.n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    const ann_sentence *s = &d->sentences.v[mid];
    if (off < s->start) hi = mid;
    else if (off >= s->end) lo = mid + 1;
    else return (int32_t)mid;
  }
  return -1;
}

int ann_doc_fail(ann_doc *d, int code, const char *msg) {
  d->error_code = ann_errname(code);
  d->error_msg = ann_strdup(d->arena, msg);
  if (!d->error_msg) d->error_msg = ann_strerror(code);
  return code;
}
