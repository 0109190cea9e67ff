/*
 * ewt_corpus.h — a CoNLL-U file loaded for the speed benchmarks
 * (bench_parse, ab_speed): every sentence's words with the file's tags
 * (for the parser alone), the words joined by spaces with their token
 * spans (for POS + parse), and the `# text` lines as raw text cut into
 * documents of 20 lines (for the pipeline).
 */
#ifndef ANN_BENCH_EWT_CORPUS_H
#define ANN_BENCH_EWT_CORPUS_H

#include "annalist/arena.h"
#include "annalist/doc.h"
#include "annalist/tag.h"
#include "tag/conllu.h"
#include "tag/parser.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct sent {
  ann_dep_word *w;
  size_t n;
  char *text;    /* the words joined by spaces */
  ann_token *tok;
} sent;

typedef struct ewt_corpus {
  sent *s;
  size_t ns, words;
  ann_input *docs; /* the `# text` lines, 20 to a document */
  size_t ndocs;
  char *buf, *raw;
  ann_arena *arena;
} ewt_corpus;

/* Reads path; on failure prints why under prog's name and returns 1. */
static int ewt_corpus_read(ewt_corpus *c, const char *path, const char *prog) {
  memset(c, 0, sizeof *c);
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "%s: cannot read %s\n", prog, path);
    return 1;
  }
  fseek(f, 0, SEEK_END);
  size_t len = (size_t)ftell(f);
  fseek(f, 0, SEEK_SET);
  c->buf = malloc(len + 1);
  c->raw = malloc(len + 1);
  c->arena = ann_arena_new(1 << 20, 0);
  if (!c->buf || !c->raw || !c->arena || fread(c->buf, 1, len, f) != len) {
    fclose(f);
    fprintf(stderr, "%s: cannot read %s\n", prog, path);
    return 1;
  }
  fclose(f);
  c->buf[len] = 0;
  ann_conllu_reader r;
  ann_conllu_init(&r, c->buf, len, 0, path);
  ann_conllu_sent cs;
  ann_error e = {0};
  size_t cap = 0, rawlen = 0;
  while (ann_conllu_next(&r, c->arena, &cs, &e) > 0) {
    if (!cs.nwords) continue;
    for (size_t i = 0; i < cs.nlines; i++) {
      const char *t = cs.line[i].col[0];
      if (cs.line[i].kind == ANN_CU_COMMENT && !strncmp(t, "# text = ", 9)) {
        size_t l = strlen(t + 9);
        memcpy(c->raw + rawlen, t + 9, l);
        rawlen += l;
        c->raw[rawlen++] = '\n';
      }
    }
    if (c->ns == cap) {
      cap = cap ? cap * 2 : 1024;
      c->s = realloc(c->s, cap * sizeof *c->s);
      if (!c->s) return 1;
    }
    sent *s = &c->s[c->ns++];
    s->n = cs.nwords;
    s->w = ann_calloc(c->arena, s->n * sizeof *s->w);
    s->tok = ann_calloc(c->arena, s->n * sizeof *s->tok);
    size_t tl = 1, o = 0;
    for (size_t i = 0; i < s->n; i++)
      tl += strlen(cs.word[i]->col[ANN_CU_FORM]) + 1;
    s->text = ann_alloc(c->arena, tl);
    for (size_t i = 0; i < s->n; i++) {
      ann_conllu_line *l = cs.word[i];
      size_t fl = strlen(l->col[ANN_CU_FORM]);
      memcpy(s->text + o, l->col[ANN_CU_FORM], fl);
      s->w[i].form = s->text + o;
      s->w[i].form_len = fl;
      s->w[i].upos = l->col[ANN_CU_UPOS];
      s->w[i].xpos = l->col[ANN_CU_XPOS];
      s->tok[i].start = (uint32_t)o;
      s->tok[i].end = (uint32_t)(o + fl);
      o += fl;
      s->text[o++] = ' ';
    }
    s->text[o] = 0;
    c->words += s->n;
  }
  /* documents of 20 `# text` lines, like a short news article */
  c->docs = calloc(rawlen / 2 + 2, sizeof *c->docs);
  if (!c->docs) return 1;
  size_t start = 0, lines = 0;
  for (size_t i = 0; i < rawlen; i++) {
    if (c->raw[i] != '\n') continue;
    if (++lines % 20 != 0 && i + 1 < rawlen) continue;
    ann_input *d = &c->docs[c->ndocs++];
    d->name = "ewt";
    d->kind = ANN_IN_TEXT;
    d->bytes = (const unsigned char *)c->raw + start;
    d->len = i + 1 - start;
    start = i + 1;
  }
  return 0;
}

#endif
