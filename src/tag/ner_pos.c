/*
 * ner_pos.c — see ner_pos.h. Each CoNLL sentence becomes a text of its
 * words joined by spaces, tagged by the POS model exactly as the pipeline
 * tags a document's tokens. The POS functions are referenced weakly so
 * that the recogniser links (and trains without POS) in a build that has
 * no tagger.
 */
#include "tag/ner_pos.h"
#include "annalist/tag.h"

#include <stdlib.h>
#include <string.h>

extern int ann_pos_open(ann_pos_model **out, const char *path, ann_error *e)
    __attribute__((weak));
extern void ann_pos_free(ann_pos_model *m) __attribute__((weak));
extern int ann_pos_tag(const ann_pos_model *m, const char *text, ann_token *tok,
                       size_t n, ann_arena *a) __attribute__((weak));

/* XPOS strings outlive the model: a small intern table. */
static char interned[256][16];
static int ninterned;

static const char *intern(const char *s) {
  if (!s) return NULL;
  for (int i = 0; i < ninterned; i++)
    if (strcmp(interned[i], s) == 0) return interned[i];
  if (ninterned == 256 || strlen(s) >= 16) return NULL;
  strcpy(interned[ninterned], s);
  return interned[ninterned++];
}

int ner_pos_retag(const char *path, ner_corpus *c, ann_error *e) {
  if (!ann_pos_open || !ann_pos_tag || !ann_pos_free)
    return ann_fail(e, ANN_EMODEL, -1, "%s: POS tagger not built", path);
  ann_pos_model *m = NULL;
  int rc = ann_pos_open(&m, path, e);
  if (rc) return rc;
  ann_arena *a = ann_arena_new(1 << 16, 0);
  if (!a) {
    ann_pos_free(m);
    return ann_fail(e, ANN_ENOMEM, -1, "out of memory");
  }
  for (size_t s = 0; s < c->nsent && !rc; s++) {
    size_t b = c->sent[s], n = c->sent[s + 1] - b, len = 0;
    for (size_t i = 0; i < n; i++)
      len += c->tok[b + i].len + 1;
    char *text = ann_alloc(a, len + 1);
    ann_token *tok = ann_calloc(a, (n ? n : 1) * sizeof *tok);
    if (!text || !tok) {
      rc = ann_fail(e, ANN_ENOMEM, -1, "out of memory");
      break;
    }
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
      memcpy(text + o, c->tok[b + i].w, c->tok[b + i].len);
      tok[i].start = (uint32_t)o;
      o += c->tok[b + i].len;
      tok[i].end = (uint32_t)o;
      tok[i].head = -1;
      text[o++] = ' ';
    }
    text[o] = 0;
    rc = ann_pos_tag(m, text, tok, n, a);
    if (rc) {
      ann_fail(e, rc, -1, "%s: tagging failed", path);
      break;
    }
    for (size_t i = 0; i < n; i++)
      c->tok[b + i].pos = intern(tok[i].xpos);
    ann_arena_reset(a);
  }
  ann_arena_free(a);
  ann_pos_free(m);
  return rc;
}
