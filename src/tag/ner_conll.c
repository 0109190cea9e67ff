/*
 * ner_conll.c — reading CoNLL-2003 files into a corpus with BILOU labels.
 *
 * Lines are "WORD POS CHUNK NER" (any number of columns: the first is the
 * word, the second the POS when there are three or more, the last the
 * tag). A blank line ends a sentence, "-DOCSTART-" starts a document. The
 * tags may be IOB1 (the original) or IOB2; both decode by conlleval's
 * rule into spans that are stored as BILOU.
 */
#include "tag/ner_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FILE ((size_t)1 << 31)

static int grow(void **p, size_t *cap, size_t need, size_t elem) {
  if (need <= *cap) return 0;
  size_t n = *cap ? *cap : 1024;
  while (n < need)
    n *= 2;
  void *q = realloc(*p, n * elem);
  if (!q) return ANN_ENOMEM;
  *p = q;
  *cap = n;
  return 0;
}

void ner_corpus_free(ner_corpus *c) {
  free(c->tok);
  free(c->gold);
  free(c->sent);
  free(c->doc);
  free(c->text);
  memset(c, 0, sizeof *c);
}

/* Close the sentence of tokens [sent[nsent], ntok): decode its tags. */
static int end_sentence(ner_corpus *c, const char **tags, size_t *ntags) {
  size_t b = c->sent[c->nsent], n = c->ntok - b;
  if (n == 0) return 0;
  size_t ns = ner_iob_decode(tags, n, NULL, 0);
  ner_span *sp = malloc((ns ? ns : 1) * sizeof *sp);
  if (!sp) return ANN_ENOMEM;
  ner_iob_decode(tags, n, sp, ns);
  ner_bilou_encode(sp, ns, c->gold + b, n);
  free(sp);
  *ntags = 0;
  c->nsent++;
  if (grow((void **)&c->sent, &c->cap_sent, c->nsent + 2, sizeof *c->sent))
    return ANN_ENOMEM;
  c->sent[c->nsent] = (uint32_t)c->ntok;
  return 0;
}

static int start_doc(ner_corpus *c) {
  if (c->doc[c->ndoc] == c->nsent) return 0; /* empty doc */
  c->ndoc++;
  if (grow((void **)&c->doc, &c->cap_doc, c->ndoc + 2, sizeof *c->doc))
    return ANN_ENOMEM;
  c->doc[c->ndoc] = (uint32_t)c->nsent;
  return 0;
}

int ner_conll_parse(ner_corpus *c, const char *buf, size_t len,
                    const char *name, ann_error *e) {
  memset(c, 0, sizeof *c);
  if (len >= MAX_FILE) return ann_fail(e, ANN_ELIMIT, -1, "%s: too big", name);
  c->text = malloc(len + 1);
  const char **tags = NULL;
  size_t ntags = 0, cap_tags = 0;
  int rc = ANN_ENOMEM;
  if (!c->text) goto fail;
  memcpy(c->text, buf, len);
  c->text[len] = 0;
  if (grow((void **)&c->sent, &c->cap_sent, 2, sizeof *c->sent) ||
      grow((void **)&c->doc, &c->cap_doc, 2, sizeof *c->doc))
    goto fail;
  c->sent[0] = 0;
  c->doc[0] = 0;
  c->ndoc = 0;
  /* doc[ndoc] is the start of the open document; it is counted when it
   * closes (ndoc is bumped by start_doc only when it has sentences) */
  char *p = c->text, *end = c->text + len;
  while (p < end) {
    char *nl = memchr(p, '\n', (size_t)(end - p));
    char *le = nl ? nl : end;
    char *next = nl ? nl + 1 : end;
    if (le > p && le[-1] == '\r') le--;
    *le = 0;
    /* split into columns */
    char *col[64];
    int ncol = 0;
    char *q = p;
    while (q < le && ncol < 64) {
      while (q < le && (*q == ' ' || *q == '\t'))
        *q++ = 0;
      if (q >= le) break;
      col[ncol++] = q;
      while (q < le && *q != ' ' && *q != '\t')
        q++;
    }
    if (q < le) *q = 0;
    if (ncol == 0) {
      if ((rc = end_sentence(c, tags, &ntags))) goto fail;
    } else if (strcmp(col[0], "-DOCSTART-") == 0) {
      if ((rc = end_sentence(c, tags, &ntags))) goto fail;
      if ((rc = start_doc(c))) goto fail;
    } else {
      rc = ANN_ENOMEM;
      if (grow((void **)&c->tok, &c->cap_tok, c->ntok + 1, sizeof *c->tok))
        goto fail;
      size_t cg = c->cap_tok;
      void *g = realloc(c->gold, cg);
      if (!g) goto fail;
      c->gold = g;
      if (grow((void **)&tags, &cap_tags, ntags + 1, sizeof *tags)) goto fail;
      size_t wl = strlen(col[0]);
      if (wl > 0xffff) {
        rc = ann_fail(e, ANN_ELIMIT, (long long)(p - c->text),
                      "%s: word of %zu bytes", name, wl);
        goto fail;
      }
      c->tok[c->ntok] =
          (ner_tok){col[0], ncol >= 3 ? col[1] : NULL, (uint32_t)wl};
      tags[ntags++] = ncol >= 2 ? col[ncol - 1] : "O";
      c->ntok++;
    }
    p = next;
  }
  if ((rc = end_sentence(c, tags, &ntags))) goto fail;
  if ((rc = start_doc(c))) goto fail;
  free(tags);
  return 0;
fail:
  free(tags);
  ner_corpus_free(c);
  if (rc == ANN_ENOMEM) ann_fail(e, rc, -1, "%s: out of memory", name);
  return rc;
}

int ner_conll_read(ner_corpus *c, const char *path, ann_error *e) {
  memset(c, 0, sizeof *c);
  FILE *f = fopen(path, "rb");
  if (!f) return ann_fail(e, ANN_EIO, -1, "%s: cannot open", path);
  char *buf = NULL;
  size_t n = 0, cap = 0;
  for (;;) {
    if (grow((void **)&buf, &cap, n + 65536, 1)) {
      fclose(f);
      free(buf);
      return ann_fail(e, ANN_ENOMEM, -1, "%s: out of memory", path);
    }
    size_t r = fread(buf + n, 1, cap - n, f);
    n += r;
    if (r == 0) break;
  }
  int err = ferror(f);
  fclose(f);
  if (err) {
    free(buf);
    return ann_fail(e, ANN_EIO, -1, "%s: read error", path);
  }
  int rc = ner_conll_parse(c, buf, n, path, e);
  free(buf);
  return rc;
}
