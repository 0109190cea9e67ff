/*
 * rec.h — internals of the record stage (src/record): the word view of a
 * document that every extractor below shares, and the extractors.
 *
 * The stage tokenizes the text itself into "words" (letters, digits,
 * punctuation) so that it works whether or not the tokens stage ran; POS
 * tags, lemmas and entities of earlier stages are attached when present.
 */
#ifndef ANN_RECORD_REC_H
#define ANN_RECORD_REC_H

#include "annalist/pipeline.h"

#include <stdint.h>

enum {
  RW_WORD = 1,  /* letters (maybe with digits, inner ' or -) */
  RW_NUM = 2,   /* digits with , and . inside: 3,000,000  11.13 */
  RW_PUNCT = 3, /* one punctuation character (UTF-8 sequence) */
};

/* flags */
enum {
  RF_CAP = 1,      /* first letter upper case */
  RF_UPPER = 2,    /* all letters upper case, len > 1 */
  RF_PARA = 4,     /* first word of a paragraph */
  RF_SSTART = 8,   /* first word of a sentence */
};

typedef struct rword {
  uint32_t s, e;     /* bytes in text */
  uint8_t kind, flags;
  int32_t sent;      /* sentence index */
  const char *low;   /* lower-cased, ’ folded to ', NUL-terminated */
  const char *stem;  /* crude suffix-stripped form of low (themes) */
  const char *upos;  /* from the POS stage, or NULL */
  const char *xpos;  /* PTB tag from the POS stage, or NULL */
  const char *lemma; /* from the POS stage, or NULL */
  int32_t ent;       /* entity index covering the word, or -1 */
} rword;

typedef struct rdoc {
  ann_doc *d;
  rword *w;
  size_t n;
  int pub_y, pub_m, pub_d; /* published date, 0 when unknown */
} rdoc;

/* ------------------------------------------------------------ words.c -- */

/* Fill doc->sentences when the tokens stage did not (a simple splitter:
 * . ! ? followed by space and an upper-case letter or a quote, minus
 * abbreviations; paragraph breaks always split). */
int rec_sentences(ann_doc *d);
/* Build the word view. Returns 0 or ANN_ENOMEM. */
int rec_words(rdoc *r, size_t max_words);
/* Crude English suffix stripping, into out (size >= 64). */
void rec_stem(const char *low, char *out, size_t size);
/* The word's lowercase equals s. */
static inline int rw_is(const rword *w, const char *s) {
  return w->low && __builtin_strcmp(w->low, s) == 0;
}
int rec_in_list(const char *low, const char *const *list);
/* "the text of words [a, b)" as an arena string, or NULL. */
char *rec_span_str(rdoc *r, size_t a, size_t b);

/* ----------------------------------------------------------- numbers.c -- */

typedef struct rnum {
  double v;
  size_t a, b;     /* words [a, b) */
  int approx;      /* "hundreds", "dozens" */
  int is_word;     /* spelled out */
  int year_like;   /* 4 digits, no separators, 1000..2100 */
} rnum;

/* Read a number at word i ("3,000,000", "five", "twenty-five", "a dozen",
 * "hundreds", "3 million", "1.2bn"). Returns 1 and fills *out, else 0. */
int rec_number_at(const rdoc *r, size_t i, rnum *out);

/* ----------------------------------------------------------- the parts -- */

int rec_dates(rdoc *r, uint8_t *used);
int rec_amounts_counts(rdoc *r, const uint8_t *used);
int rec_quotes(rdoc *r);

typedef struct rec_tone_lex rec_tone_lex;
int rec_tone_open(rec_tone_lex **out, const ann_pipeline *p, ann_error *e);
void rec_tone_free(rec_tone_lex *t);
void rec_tone(const rec_tone_lex *t, rdoc *r);
/* Compile the VADER list (may be NULL) and our lists in dicts_dir into
 * the model file out (tools/build_lexicon, run by set-up). */
int rec_tone_build(const char *out, const char *vader, const char *dicts_dir,
                   ann_error *e);

typedef struct rec_themes rec_themes;
int rec_themes_open(rec_themes **out, const char *path, ann_error *e);
void rec_themes_free(rec_themes *t);
int rec_themes_run(const rec_themes *t, rdoc *r);
size_t rec_themes_count(const rec_themes *t);

#endif
