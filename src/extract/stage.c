/*
 * stage.c — the "extract" stage: decode the input's bytes, then take the
 * main text and metadata from HTML or plain text.
 */
#include "annalist/decode.h"
#include "annalist/extract.h"
#include "annalist/pipeline.h"

#include <stdio.h>

/* FNV-1a 64 over url and content: a stable id for inputs without one. */
static uint64_t fnv1a(uint64_t h, const void *p, size_t n) {
  const unsigned char *b = p;
  for (size_t i = 0; i < n; i++) {
    h ^= b[i];
    h *= 0x100000001b3ULL;
  }
  return h;
}

static int fail(ann_doc *d, const ann_error *e) {
  return ann_doc_fail(d, e->code, e->msg);
}

static int run(const void *state, const ann_pipeline *p, ann_doc *d) {
  (void)state;
  const ann_input *in = d->input;
  const ann_limits *lim = &ann_pipeline_options(p)->limits;
  const char *name = in->name ? in->name : "<input>";
  ann_error e = {0};
  if (in->len > lim->max_bytes) {
    ann_fail(&e, ANN_ELIMIT, -1,
             "%s: %zu bytes is over the --max-bytes limit of %zu", name,
             in->len, lim->max_bytes);
    return fail(d, &e);
  }
  if (in->len == 0) {
    ann_fail(&e, ANN_EEMPTY, 0, "%s: empty input", name);
    return fail(d, &e);
  }
  bool html = in->kind != ANN_IN_TEXT;
  ann_decoded dec;
  if (ann_decode(d->arena, in->bytes, in->len, in->charset, html, &dec, &e) <
      0)
    return fail(d, &e);
  int rc = html ? ann_extract_html(d, dec.text, dec.len, lim, &e)
                : ann_extract_text(d, dec.text, dec.len, lim, &e);
  if (rc < 0) {
    char msg[sizeof e.msg + 64];
    snprintf(msg, sizeof msg, "%s: %s", name, e.msg);
    return ann_doc_fail(d, rc, msg);
  }
  /* a WARC's crawl date, only when the page gave no date of its own */
  if (!d->published && in->fetched) d->published = in->fetched;
  if (!d->id) {
    uint64_t h = 0xcbf29ce484222325ULL;
    if (d->url) h = fnv1a(h, d->url, strlen(d->url));
    h = fnv1a(h, in->bytes, in->len);
    d->id = ann_sprintf(d->arena, "%016llx", (unsigned long long)h);
  }
  if (!d->text || d->text_len == 0) {
    ann_fail(&e, ANN_EEMPTY, -1, "%s: no article text found", name);
    return fail(d, &e);
  }
  return 0;
}

const ann_stage ann_stage_extract = {
    .name = "extract", .bit = ANN_STAGE_EXTRACT, .run = run};
