/* tok_int.h — between the lexer (scan.re) and the tokenizer (tok.c). */
#ifndef ANN_TOK_INT_H
#define ANN_TOK_INT_H

enum {
  ANN_RAW_EOF = 0,
  ANN_RAW_SPACE,
  ANN_RAW_NEWLINE,  /* whitespace holding one or more '\n' */
  ANN_RAW_WORD,
  ANN_RAW_WORD_DOT, /* a word and the period right after it */
  ANN_RAW_ACRONYM,  /* U.S. e.g. */
  ANN_RAW_NUM,
  ANN_RAW_URL,      /* URLs, e-mail addresses, bare domains */
  ANN_RAW_END,      /* . ! ? ... */
  ANN_RAW_DASH,
  ANN_RAW_QUOTE,
  ANN_RAW_EMOTICON,
  ANN_RAW_PUNCT,
  ANN_RAW_SYMBOL,   /* any other valid non-ASCII character */
  ANN_RAW_OTHER     /* one byte of invalid UTF-8 or a control byte */
};

/* The next piece at p (p < lim, *lim == 0): its kind, *end past it. */
int ann_tok_scan(const unsigned char *p, const unsigned char *lim,
                 const unsigned char **end);

#endif
