/*
 * stage.c — the "record" stage: dates, amounts, counts, quotations, tone
 * and themes of one document (see rec.h).
 *
 * Works with whatever earlier stages left: sentences are split here when
 * the tokens stage did not run; POS tags, lemmas and PER entities are used
 * when present. The state (tone lexicon, compiled themes) is read-only
 * after open and shared by all threads.
 */
#include "rec.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define REC_MAX_WORDS 2000000 /* a cap on any one document */

typedef struct rec_state {
  rec_tone_lex *tone;
  rec_themes *themes;
} rec_state;

static int rec_open(const ann_pipeline *p, void **state, ann_error *e) {
  rec_state *s = calloc(1, sizeof *s);
  if (!s) return ann_fail(e, ANN_ENOMEM, -1, "out of memory");
  int rc = rec_tone_open(&s->tone, p, e);
  if (rc == 0) {
    char path[2048];
    ann_pipeline_path(p, "dicts", "themes.txt", path, sizeof path);
    rc = rec_themes_open(&s->themes, path, e);
  }
  if (rc < 0) {
    rec_tone_free(s->tone);
    free(s);
    return rc;
  }
  *state = s;
  return 0;
}

static void rec_close(void *state) {
  rec_state *s = state;
  if (!s) return;
  rec_tone_free(s->tone);
  rec_themes_free(s->themes);
  free(s);
}

/* "2025-06-29", "2025-06-29T10:00:00Z" -> y, m, d; else zeros. */
static void parse_published(rdoc *r) {
  const char *p = r->d->published;
  if (!p || strlen(p) < 10) return;
  for (int i = 0; i < 10; i++)
    if (i == 4 || i == 7 ? p[i] != '-' : !isdigit((unsigned char)p[i]))
      return;
  int y = atoi(p), m = atoi(p + 5), d = atoi(p + 8);
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1000) return;
  r->pub_y = y;
  r->pub_m = m;
  r->pub_d = d;
}

static int rec_run(const void *state, const ann_pipeline *p, ann_doc *d) {
  const rec_state *s = state;
  if (!d->text || !d->text_len) return 0;
  int had = d->sentences.n > 0;
  int rc = rec_sentences(d);
  if (rc < 0) return ann_doc_fail(d, rc, "record: out of memory");
  if (!had) {
    /* earlier stages ran without sentences: give their spans the
     * sentence index our split gives them, so `sentence` always refers
     * to `sentences` */
    for (size_t i = 0; i < d->entities.n; i++)
      if (d->entities.v[i].sentence < 0)
        d->entities.v[i].sentence =
            ann_doc_sentence_at(d, d->entities.v[i].start);
    for (size_t i = 0; i < d->places.n; i++)
      if (d->places.v[i].sentence < 0)
        d->places.v[i].sentence = ann_doc_sentence_at(d, d->places.v[i].start);
  }
  rdoc r = {.d = d};
  parse_published(&r);
  rc = rec_words(&r, REC_MAX_WORDS);
  uint8_t *used = rc == 0 ? ann_calloc(d->arena, r.n + 1) : NULL;
  if (!used) return ann_doc_fail(d, ANN_ENOMEM, "record: out of memory");
  if ((rc = rec_dates(&r, used)) == 0 &&
      (rc = rec_amounts_counts(&r, used)) == 0 &&
      (rc = rec_quotes(&r)) == 0) {
    if (s && s->tone) rec_tone(s->tone, &r);
    if (s && s->themes) rc = rec_themes_run(s->themes, &r);
  }
  if (rc < 0) return ann_doc_fail(d, rc, "record: out of memory");
  (void)p;
  return 0;
}

const ann_stage ann_stage_record = {
    .name = "record",
    .bit = ANN_STAGE_RECORD,
    .open = rec_open,
    .close = rec_close,
    .run = rec_run,
};
