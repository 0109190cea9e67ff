/*
 * conllu.h — reader for CoNLL-U (UD treebanks) and CoNLL-2003 style
 * column files, for the trainers, the evaluators and `annalist tag`.
 *
 * The reader works over a writable buffer the caller owns and keeps alive
 * (a whole file read into memory, or one sentence block read from stdin):
 * it splits lines and columns in place (tabs and newlines become NULs), so
 * every string it returns points into that buffer. Per-sentence arrays
 * come from the caller's arena.
 *
 *   ann_conllu_reader r;
 *   ann_conllu_init(&r, buf, len, 0, "train.conllu");
 *   ann_conllu_sent s;
 *   while ((rc = ann_conllu_next(&r, arena, &s, &err)) > 0)
 *     for (size_t i = 0; i < s.nwords; i++) use(s.word[i]->col[ANN_CU_FORM]);
 *   if (rc < 0) fprintf(stderr, "%s\n", err.msg);  // names file and line
 *
 * A sentence is a block of lines up to a blank line. It keeps every line in
 * order (comments, multiword "1-2" and empty-node "1.1" lines too, so a
 * writer can reproduce them) and lists its words ("1", "2", ...)
 * separately. Missing columns read as "_". Caps: a line longer than
 * max_line or a sentence of more than max_words words is ANN_ELIMIT.
 *
 * With ANN_CONLLU_COLUMNS, columns are split on any run of spaces or tabs
 * and the first column is the word (CoNLL-2003: "EU NNP B-NP B-ORG"; our
 * `tag --conll` input); "-DOCSTART-" lines have kind ANN_CU_DOCSTART.
 */
#ifndef ANN_TAG_CONLLU_H
#define ANN_TAG_CONLLU_H

#include "annalist/ann.h"
#include "annalist/arena.h"

/* CoNLL-U column indices */
enum {
  ANN_CU_ID = 0,
  ANN_CU_FORM,
  ANN_CU_LEMMA,
  ANN_CU_UPOS,
  ANN_CU_XPOS,
  ANN_CU_FEATS,
  ANN_CU_HEAD,
  ANN_CU_DEPREL,
  ANN_CU_DEPS,
  ANN_CU_MISC,
  ANN_CU_NCOL
};

enum {
  ANN_CU_WORD = 0,  /* a syntactic word: "7" (or any line in COLUMNS mode) */
  ANN_CU_MULTI,     /* a multiword token range "3-4" */
  ANN_CU_EMPTY,     /* an empty node "5.1" */
  ANN_CU_COMMENT,   /* "# text = ..."; col[0] is the whole line */
  ANN_CU_DOCSTART   /* COLUMNS mode: a "-DOCSTART-" line */
};

enum { ANN_CONLLU_COLUMNS = 1 };

/* Up to this many columns are kept (CoNLL-U has 10); extra ones are
 * joined into the last. */
#define ANN_CONLL_MAXCOL 10

typedef struct ann_conllu_line {
  int kind;
  int ncol;                       /* columns actually present */
  char *col[ANN_CONLL_MAXCOL];    /* "_" when absent */
  int32_t head;                   /* words: HEAD as a number, -1 if "_" */
  size_t line_no;                 /* 1-based, in the input */
} ann_conllu_line;

typedef struct ann_conllu_sent {
  ann_conllu_line *line;  /* every line of the block, in order */
  size_t nlines;
  ann_conllu_line **word; /* the ANN_CU_WORD lines, in order */
  size_t nwords;
} ann_conllu_sent;

typedef struct ann_conllu_reader {
  char *p, *end;
  size_t line_no;
  unsigned flags;
  const char *name;     /* for messages */
  size_t max_line;      /* default 1 MB */
  size_t max_words;     /* default 100,000 */
} ann_conllu_reader;

/* Start reading buf[0..len); name (not copied) is used in error messages.
 * Sets the default caps, which the caller may change afterwards. */
void ann_conllu_init(ann_conllu_reader *r, char *buf, size_t len,
                     unsigned flags, const char *name);

/* The next sentence: 1 when s is filled, 0 at the end of input, negative
 * ANN_E* on error (bad ID, line or sentence over the cap, arena full) with
 * e naming the input and line. Blocks holding only comments or -DOCSTART-
 * lines are returned as sentences with nwords == 0. NUL bytes inside a
 * line end that field early; they never crash the reader. */
int ann_conllu_next(ann_conllu_reader *r, ann_arena *a, ann_conllu_sent *s,
                    ann_error *e);

#endif
