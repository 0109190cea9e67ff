/*
 * parser_stage.c — the "parse" pipeline stage:
 * the dependency parser over the document model's tokens.
 */
#include "annalist/tag.h"
#include "tag/parser.h"

#include <stdio.h>

static int parse_open(const ann_pipeline *p, void **state, ann_error *e) {
  char path[4096];
  ann_pipeline_path(p, "models", "parser.bin", path, sizeof path);
  ann_parser *m;
  int rc = ann_parser_open(&m, path, e);
  if (rc < 0) return rc;
  /* word classes come from the POS model (opened before this stage) */
  ann_parser_set_pos(m, ann_pipeline_state(p, "pos"));
  *state = m;
  return 0;
}

static void parse_close(void *state) { ann_parser_free(state); }

/* Sentences whose tokens carry no tags (the pos stage did not run) are
 * left unparsed: head -1. */
static int parse_run(const void *state, const ann_pipeline *p, ann_doc *d) {
  for (size_t s = 0; s < d->sentences.n; s++) {
    const ann_sentence *se = &d->sentences.v[s];
    if (se->tok_end > d->tokens.n || se->tok_begin >= se->tok_end) continue;
    ann_token *t = d->tokens.v + se->tok_begin;
    size_t n = se->tok_end - se->tok_begin;
    if (!t[0].xpos && !t[0].upos) continue;
    int rc = ann_parse_sentence(state, d->text, t, n, d->arena);
    if (rc < 0)
      return ann_doc_fail(d, rc, "parse: out of memory for this document");
  }
  return 0;
}

const ann_stage ann_stage_parse = {
    .name = "parse",
    .bit = ANN_STAGE_PARSE,
    .open = parse_open,
    .close = parse_close,
    .run = parse_run,
};
