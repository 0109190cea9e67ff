/*
 * eval_tok — score the tokenizer and sentence splitter against gold data.
 *
 *   eval_tok ud FILE.conllu     UD: raw text rebuilt from "# text" lines
 *                               (sentences of a paragraph joined by a
 *                               space, paragraphs by a blank line);
 *                               token F1 over syntactic-word spans and
 *                               sentence-boundary F1
 *   eval_tok conll FILE         CoNLL-2003 news: text detokenized from the
 *                               tokens (a document's first two lines, the
 *                               headline and dateline, on lines of their
 *                               own); sentence-boundary F1 only
 *   add --errors to print the boundaries that differ
 */
#include "annalist/tok.h"
#include "tag/conllu.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct gold {
  char *text;
  size_t len, cap;
  ANN_VEC(uint64_t) tok;  /* start << 32 | end */
  ANN_VEC(uint32_t) ends; /* sentence end offsets */
} gold;

static void put(gold *g, const char *s, size_t n) {
  if (g->len + n + 1 > g->cap) {
    g->cap = (g->len + n + 1) * 2;
    g->text = realloc(g->text, g->cap);
  }
  memcpy(g->text + g->len, s, n);
  g->len += n;
  g->text[g->len] = 0;
}

static int cmp64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}
static int cmp32(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return x < y ? -1 : x > y;
}

/* F1 of two sorted sets */
static void f1(const char *what, const uint64_t *g, size_t ng,
               const uint64_t *p, size_t np) {
  size_t i = 0, j = 0, tp = 0;
  while (i < ng && j < np) {
    if (g[i] == p[j]) tp++, i++, j++;
    else if (g[i] < p[j]) i++;
    else j++;
  }
  double pr = np ? (double)tp / np : 0, rc = ng ? (double)tp / ng : 0;
  printf("%s: precision %.4f recall %.4f F1 %.4f (gold %zu, predicted %zu)\n",
         what, pr, rc, pr + rc ? 2 * pr * rc / (pr + rc) : 0, ng, np);
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: eval_tok ud|conll FILE [--errors]\n");
    return 2;
  }
  int ud = !strcmp(argv[1], "ud"), errors = argc > 3;
  size_t len;
  char *buf = ann_read_file(argv[2], &len);
  if (!buf) {
    fprintf(stderr, "eval_tok: cannot read %s\n", argv[2]);
    return 1;
  }
  ann_arena *a = ann_arena_new(1 << 20, 0);
  gold g = {0};
  ann_conllu_reader r;
  ann_conllu_init(&r, buf, len, ud ? 0 : ANN_CONLLU_COLUMNS, argv[2]);
  r.max_words = 1u << 20;
  ann_conllu_sent s;
  ann_error e = {0};
  int rc, first = 1, docline = 0;
  put(&g, "", 0);
  while ((rc = ann_conllu_next(&r, a, &s, &e)) > 0) {
    if (ud) {
      const char *text = NULL;
      int newpar = 0;
      for (size_t i = 0; i < s.nlines; i++)
        if (s.line[i].kind == ANN_CU_COMMENT) {
          const char *c = s.line[i].col[0];
          if (!strncmp(c, "# text = ", 9)) text = c + 9;
          if (!strncmp(c, "# newpar", 8) || !strncmp(c, "# newdoc", 8))
            newpar = 1;
        }
      if (!text) continue;
      if (!first) put(&g, newpar ? "\n\n" : " ", newpar ? 2 : 1);
      first = 0;
      size_t base = g.len;
      put(&g, text, strlen(text));
      /* word spans: match each word's form in order */
      size_t pos = base, mwt_end = 0;
      for (size_t i = 0; i < s.nlines; i++) {
        ann_conllu_line *l = &s.line[i];
        if (l->kind == ANN_CU_MULTI) {
          /* span of the surface token, for words that do not match */
          mwt_end = 0;
          (void)mwt_end;
          continue;
        }
        if (l->kind != ANN_CU_WORD) continue;
        const char *f = l->col[ANN_CU_FORM];
        size_t fl = strlen(f);
        while (pos < g.len && g.text[pos] == ' ') pos++;
        if (pos + fl <= g.len && !memcmp(g.text + pos, f, fl)) {
          uint64_t *v = ANN_PUSH(a, &g.tok);
          *v = (uint64_t)pos << 32 | (pos + fl);
          pos += fl;
        }
      }
      uint32_t *en = ANN_PUSH(a, &g.ends);
      *en = (uint32_t)g.len;
    } else {
      if (s.nlines && s.line[0].kind == ANN_CU_DOCSTART) {
        docline = 0;
        continue;
      }
      if (!s.nwords) continue;
      /* a document's headline and dateline, and "sentences" that do not
       * end like one (table rows, lists), were lines of their own */
      char lastc = g.len ? g.text[g.len - 1] : 0;
      int line = docline <= 2 || !strchr(".!?\"'", lastc);
      if (!first) put(&g, docline == 0 ? "\n\n" : line ? "\n" : " ",
                      docline == 0 ? 2 : 1);
      first = 0;
      for (size_t i = 0; i < s.nwords; i++) {
        const char *f = s.word[i]->col[0];
        int nospace = i == 0 || strchr(".,;:!?)%", f[0]) ||
                      !strcmp(f, "'s") || !strcmp(f, "n't") ||
                      (i > 0 && !strcmp(s.word[i - 1]->col[0], "(")) ||
                      (i > 0 && !strcmp(s.word[i - 1]->col[0], "$"));
        if (!nospace) put(&g, " ", 1);
        put(&g, f, strlen(f));
      }
      docline++;
      uint32_t *en = ANN_PUSH(a, &g.ends);
      *en = (uint32_t)g.len;
    }
  }
  if (rc < 0) {
    fprintf(stderr, "eval_tok: %s\n", e.msg);
    return 1;
  }
  ann_doc d = {0};
  d.arena = a;
  d.text = g.text;
  d.text_len = g.len;
  ann_tokenize(&d, 0, 0);
  uint64_t *pt = malloc((d.tokens.n + 1) * sizeof *pt);
  for (size_t i = 0; i < d.tokens.n; i++)
    pt[i] = (uint64_t)d.tokens.v[i].start << 32 | d.tokens.v[i].end;
  uint64_t *ge = malloc((g.ends.n + 1) * sizeof *ge),
           *pe = malloc((d.sentences.n + 1) * sizeof *pe);
  for (size_t i = 0; i < g.ends.n; i++) ge[i] = g.ends.v[i];
  for (size_t i = 0; i < d.sentences.n; i++) pe[i] = d.sentences.v[i].end;
  qsort(pt, d.tokens.n, sizeof *pt, cmp64);
  if (g.tok.n) qsort(g.tok.v, g.tok.n, sizeof *g.tok.v, cmp64);
  qsort(ge, g.ends.n, sizeof *ge, cmp64);
  qsort(pe, d.sentences.n, sizeof *pe, cmp64);
  (void)cmp32;
  if (ud) f1("tokens", g.tok.v, g.tok.n, pt, d.tokens.n);
  f1("sentence boundaries", ge, g.ends.n, pe, d.sentences.n);
  if (errors && ud) {
    /* predicted tokens that are not gold words */
    size_t i = 0;
    for (size_t j = 0; j < d.tokens.n; j++) {
      while (i < g.tok.n && g.tok.v[i] < pt[j]) i++;
      if (i < g.tok.n && g.tok.v[i] == pt[j]) continue;
      uint32_t st = (uint32_t)(pt[j] >> 32), en = (uint32_t)pt[j];
      printf("TOKEN [%.*s] in |%.*s|\n", (int)(en - st), g.text + st,
             (int)((en + 15 < g.len ? en + 15 : g.len) - (st > 15 ? st - 15 : 0)),
             g.text + (st > 15 ? st - 15 : 0));
    }
  }
  if (errors) {
    size_t i = 0, j = 0;
    while (i < g.ends.n || j < d.sentences.n) {
      uint64_t x = i < g.ends.n ? ge[i] : UINT64_MAX,
               y = j < d.sentences.n ? pe[j] : UINT64_MAX;
      uint64_t at = x < y ? x : y;
      if (x == y) { i++; j++; continue; }
      size_t lo = at > 40 ? at - 40 : 0;
      printf("%s |", x < y ? "MISSED" : "EXTRA ");
      for (size_t k = lo; k < at + 30 && k < g.len; k++) {
        if (k == at) printf("<|>");
        putchar(g.text[k] == '\n' ? '/' : g.text[k]);
      }
      printf("|\n");
      if (x < y) i++; else j++;
    }
  }
  return 0;
}
