/*
 * conllu.c — CoNLL-U / CoNLL column reader (see conllu.h).
 *
 * Two passes over one block: the first finds where the sentence ends and
 * counts its lines (so the arrays are allocated once), the second splits
 * each line in place. Input is bytes, not text: NULs and invalid UTF-8 pass
 * through untouched, and only '\n', '\r', '\t' and ' ' are structure.
 */
#include "tag/conllu.h"

#include <stdlib.h>
#include <string.h>

static char underscore[] = "_";

void ann_conllu_init(ann_conllu_reader *r, char *buf, size_t len,
                     unsigned flags, const char *name) {
  memset(r, 0, sizeof *r);
  r->p = buf;
  r->end = buf + len;
  r->flags = flags;
  r->name = name ? name : "<input>";
  r->max_line = 1u << 20;
  r->max_words = 100000;
}

static int blank(const char *s, const char *e) {
  for (; s < e; s++)
    if (*s != ' ' && *s != '\t' && *s != '\r') return 0;
  return 1;
}

static char *line_end(char *p, char *end) {
  char *nl = memchr(p, '\n', (size_t)(end - p));
  return nl ? nl : end;
}

/* Parse a CoNLL-U ID: returns the kind, or -1 if it is not an ID. */
static int id_kind(const char *s, long *val) {
  const char *p = s;
  long v = 0;
  if (*p < '0' || *p > '9') return -1;
  while (*p >= '0' && *p <= '9') {
    if (v < 100000000) v = v * 10 + (*p - '0');
    p++;
  }
  *val = v;
  if (!*p) return ANN_CU_WORD;
  int k = *p == '-' ? ANN_CU_MULTI : *p == '.' ? ANN_CU_EMPTY : -1;
  if (k < 0) return -1;
  p++;
  if (*p < '0' || *p > '9') return -1;
  while (*p >= '0' && *p <= '9') p++;
  return *p ? -1 : k;
}

static void split(ann_conllu_line *l, char *s, char *e, int ws) {
  l->ncol = 0;
  if (ws) {
    while (s < e && (*s == ' ' || *s == '\t')) s++;
  }
  while (s < e && l->ncol < ANN_CONLL_MAXCOL) {
    char *t = s;
    if (l->ncol == ANN_CONLL_MAXCOL - 1) t = e; /* the rest, joined */
    else if (ws)
      while (t < e && *t != ' ' && *t != '\t') t++;
    else
      while (t < e && *t != '\t') t++;
    char *next = t < e ? t + 1 : e;
    *t = 0;
    l->col[l->ncol++] = *s ? s : underscore;
    s = next;
    if (ws)
      while (s < e && (*s == ' ' || *s == '\t')) s++;
  }
  for (int i = l->ncol; i < ANN_CONLL_MAXCOL; i++) l->col[i] = underscore;
  if (l->ncol == 0) l->col[0] = underscore;
}

int ann_conllu_next(ann_conllu_reader *r, ann_arena *a, ann_conllu_sent *s,
                    ann_error *e) {
  memset(s, 0, sizeof *s);
  /* skip blank lines */
  for (;;) {
    if (r->p >= r->end) return 0;
    char *le = line_end(r->p, r->end);
    if (!blank(r->p, le)) break;
    r->line_no++;
    r->p = le < r->end ? le + 1 : le;
  }
  /* pass 1: the block's extent */
  size_t nlines = 0, first_line = r->line_no + 1;
  char *q = r->p;
  while (q < r->end) {
    char *le = line_end(q, r->end);
    if (blank(q, le)) break;
    if ((size_t)(le - q) > r->max_line)
      return ann_fail(e, ANN_ELIMIT, (long long)(q - r->p),
                      "%s:%zu: line longer than %zu bytes", r->name,
                      first_line + nlines, r->max_line);
    nlines++;
    q = le < r->end ? le + 1 : le;
  }
  if (nlines > r->max_words * 4 + 1024)
    return ann_fail(e, ANN_ELIMIT, -1,
                    "%s:%zu: sentence of more than %zu lines", r->name,
                    first_line, r->max_words * 4 + 1024);
  s->line = ann_alloc(a, nlines * sizeof *s->line);
  s->word = ann_alloc(a, nlines * sizeof *s->word);
  if (!s->line || !s->word)
    return ann_fail(e, ANN_ENOMEM, -1, "%s:%zu: out of memory", r->name,
                    first_line);
  /* pass 2: split */
  int cols = r->flags & ANN_CONLLU_COLUMNS;
  for (size_t i = 0; i < nlines; i++) {
    char *le = line_end(r->p, r->end);
    char *next = le < r->end ? le + 1 : le;
    char *ce = le;
    while (ce > r->p && ce[-1] == '\r') ce--;
    ann_conllu_line *l = &s->line[i];
    memset(l, 0, sizeof *l);
    l->line_no = ++r->line_no;
    l->head = -1;
    if (!cols && *r->p == '#') {
      *ce = 0;
      l->kind = ANN_CU_COMMENT;
      l->ncol = 1;
      l->col[0] = r->p;
      for (int c = 1; c < ANN_CONLL_MAXCOL; c++) l->col[c] = underscore;
    } else if (cols) {
      split(l, r->p, ce, 1);
      l->kind = strcmp(l->col[0], "-DOCSTART-") == 0 ? ANN_CU_DOCSTART
                                                     : ANN_CU_WORD;
    } else {
      split(l, r->p, ce, 0);
      long id = 0;
      int k = id_kind(l->col[0], &id);
      if (k < 0) {
        r->p = next;
        return ann_fail(e, ANN_EFORMAT, -1, "%s:%zu: bad ID '%.20s'",
                        r->name, l->line_no, l->col[0]);
      }
      if (k == ANN_CU_WORD && id != (long)s->nwords + 1) {
        r->p = next;
        return ann_fail(e, ANN_EFORMAT, -1,
                        "%s:%zu: word ID %ld out of sequence (expected %zu)",
                        r->name, l->line_no, id, s->nwords + 1);
      }
      l->kind = k;
      const char *h = l->col[ANN_CU_HEAD];
      if (h[0] >= '0' && h[0] <= '9') {
        long v = 0;
        while (*h >= '0' && *h <= '9' && v < 100000000) v = v * 10 + (*h++ - '0');
        if (!*h) l->head = (int32_t)v;
      }
    }
    if (l->kind == ANN_CU_WORD) {
      if (s->nwords >= r->max_words) {
        r->p = next;
        return ann_fail(e, ANN_ELIMIT, -1,
                        "%s:%zu: sentence of more than %zu words", r->name,
                        first_line, r->max_words);
      }
      s->word[s->nwords++] = l;
    }
    r->p = next;
  }
  s->nlines = nlines;
  for (size_t i = 0; i < s->nwords; i++)
    if (s->word[i]->head > (int32_t)s->nwords) s->word[i]->head = -1;
  return 1;
}
