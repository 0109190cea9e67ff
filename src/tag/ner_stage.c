/*
 * ner_stage.c — the "ner" pipeline stage and ann_ner_tag (tag.h).
 *
 * Loads models/ner.bin (weights + the gazetteer compiled into it), then
 * labels each document in two passes (ner_tag_doc) and turns the BILOU
 * labels into doc->entities: byte spans, sentence index, token range and
 * type. The document-level pass looks across the whole document, so an
 * entity named in full once ("Boris Akunin") helps its later mentions.
 */
#include "annalist/model.h"
#include "annalist/pipeline.h"
#include "annalist/tag.h"
#include "tag/ner_int.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#define NER_CHUNK 200000
/* largest scratch arena kept from one document for the next */
#define NER_KEEP ((size_t)64 << 20)

/* The recogniser's scratch arena, kept across documents (a fresh one
 * page-faults its way through every document's ~300 bytes a token). */
typedef struct ner_scratch {
  ann_arena *a;
  size_t chunk; /* its first chunk, kept by ann_arena_reset */
} ner_scratch;

typedef struct ner_state {
  ann_model *m;
  ner_weights w;
  ner_gaz g;
  uint32_t flags;
  /* one spare scratch arena; threads running documents at once take it
   * in turn or make their own */
  _Atomic(ner_scratch *) spare;
} ner_state;

static void scratch_free(ner_scratch *x) {
  if (!x) return;
  ann_arena_free(x->a);
  free(x);
}

static ner_scratch *scratch_new(size_t chunk) {
  ner_scratch *x = malloc(sizeof *x);
  if (!x) return NULL;
  x->chunk = chunk;
  x->a = ann_arena_new(chunk, 0);
  if (!x->a) {
    free(x);
    return NULL;
  }
  return x;
}

static ner_scratch *scratch_take(const ner_state *cs) {
  ner_state *s = (ner_state *)cs; /* the spare slot is the mutable part */
  ner_scratch *x = atomic_exchange(&s->spare, NULL);
  return x ? x : scratch_new(1 << 20);
}

/* Back into the spare slot; one that overflowed its first chunk (peak
 * bytes in use) is remade that size for the next document. */
static void scratch_put(const ner_state *cs, ner_scratch *x, size_t peak) {
  ner_state *s = (ner_state *)cs;
  ann_arena_reset(x->a);
  if (peak > x->chunk && peak <= NER_KEEP) {
    ner_scratch *y = scratch_new(peak + peak / 4);
    if (y) {
      scratch_free(x);
      x = y;
    }
  }
  ner_scratch *none = NULL;
  if (!atomic_compare_exchange_strong(&s->spare, &none, x)) scratch_free(x);
}

static void ner_close(void *state) {
  ner_state *s = state;
  if (!s) return;
  scratch_free(atomic_load(&s->spare));
  ann_pc_close(&s->w.pc);
  ann_pc_close(&s->w.pc2);
  ann_model_free(s->m);
  free(s);
}

static int ner_open(const ann_pipeline *p, void **state, ann_error *e) {
  char path[1200];
  ann_pipeline_path(p, "models", "ner.bin", path, sizeof path);
  ner_state *s = calloc(1, sizeof *s);
  if (!s) return ann_fail(e, ANN_ENOMEM, -1, "out of memory");
  int rc = ann_model_open(&s->m, path, NER_MODEL_KIND, NER_MODEL_VERSION, e);
  if (!rc) rc = ner_model_bind(s->m, &s->w, &s->g, &s->flags, e);
  if (rc) {
    ner_close(s);
    return rc;
  }
  *state = s;
  return 0;
}

/* Tokens of the given sentences, in order, as the recogniser's input;
 * sentences with bad token ranges are left out (their labels stay O). */
static int label_doc(const ner_state *s, const char *text, const ann_token *tok,
                     size_t ntok, const ann_sentence *sent, size_t nsent,
                     ann_arena *a, uint8_t **lab_out, uint32_t **idx_out,
                     uint32_t **sb_out, size_t *nsent_out) {
  size_t total = 0;
  for (size_t i = 0; i < nsent; i++)
    if (sent[i].tok_begin <= sent[i].tok_end && sent[i].tok_end <= ntok)
      total += sent[i].tok_end - sent[i].tok_begin;
  ner_tok *t = ann_alloc(a, (total ? total : 1) * sizeof *t);
  uint32_t *idx = ann_alloc(a, (total ? total : 1) * sizeof *idx);
  uint32_t *sb = ann_alloc(a, (nsent + 1) * sizeof *sb);
  uint8_t *lab = ann_calloc(a, total ? total : 1);
  if (!t || !idx || !sb || !lab) return ANN_ENOMEM;
  size_t k = 0, ns = 0;
  int pos = (s->flags & NER_MODEL_POS) != 0;
  for (size_t i = 0; i < nsent; i++) {
    if (!(sent[i].tok_begin <= sent[i].tok_end && sent[i].tok_end <= ntok))
      continue;
    sb[ns++] = (uint32_t)k;
    for (uint32_t j = sent[i].tok_begin; j < sent[i].tok_end; j++) {
      const ann_token *x = &tok[j];
      uint32_t len = x->end >= x->start ? x->end - x->start : 0;
      t[k] = (ner_tok){text + x->start, pos ? x->xpos : NULL, len};
      idx[k++] = j;
    }
  }
  sb[ns] = (uint32_t)k;
  /* The recogniser's scratch (about 300 bytes a token) lives in an arena
   * of its own, freed chunk by chunk: a huge document is labelled in runs
   * of sentences of up to NER_CHUNK tokens (document features then look
   * within the run) instead of exhausting the document's arena. */
  ner_scratch *x = scratch_take(s);
  if (!x) return ANN_ENOMEM;
  ann_arena *sa = x->a;
  int rc = 0;
  size_t peak = 0;
  for (size_t b = 0; b < ns && !rc;) {
    size_t e = b + 1;
    while (e < ns && sb[e + 1] - sb[b] <= NER_CHUNK)
      e++;
    rc = ner_tag_doc(&s->w, &s->g, t, sb + b, e - b, 1, sa, lab + sb[b]);
    if (ann_arena_used(sa) > peak) peak = ann_arena_used(sa);
    ann_arena_reset(sa);
    b = e;
  }
  scratch_put(s, x, peak);
  if (rc) return rc;
  *lab_out = lab, *idx_out = idx, *sb_out = sb, *nsent_out = ns;
  return 0;
}

int ann_ner_tag(const void *state, const char *text, const ann_token *tok,
                const ann_sentence *sent, size_t nsent, const char **iob,
                ann_arena *a) {
  const ner_state *s = state;
  if (!s || !text || (!tok && nsent)) return ANN_EINVAL;
  size_t ntok = 0;
  for (size_t i = 0; i < nsent; i++)
    if (sent[i].tok_end > ntok) ntok = sent[i].tok_end;
  uint8_t *lab;
  uint32_t *idx, *sb;
  size_t ns;
  int rc = label_doc(s, text, tok, ntok, sent, nsent, a, &lab, &idx, &sb, &ns);
  if (rc) return rc;
  size_t total = sb[ns];
  const char **tags = ann_alloc(a, (total ? total : 1) * sizeof *tags);
  if (!tags) return ANN_ENOMEM;
  for (size_t i = 0; i < ns; i++)
    ner_bilou_to_iob2(lab + sb[i], sb[i + 1] - sb[i], tags + sb[i]);
  for (size_t k = 0; k < total; k++)
    iob[idx[k]] = tags[k];
  return 0;
}

static int ner_run(const void *state, const ann_pipeline *p, ann_doc *d) {
  const ner_state *s = state;
  if (!s || !d->sentences.n || !d->tokens.n || !d->text) return 0;
  uint8_t *lab;
  uint32_t *idx, *sb;
  size_t ns;
  int rc = label_doc(s, d->text, d->tokens.v, d->tokens.n, d->sentences.v,
                     d->sentences.n, d->arena, &lab, &idx, &sb, &ns);
  if (rc) return ann_doc_fail(d, rc, "ner: out of memory");
  ner_span sp[64];
  for (size_t i = 0; i < ns; i++) {
    size_t b = sb[i], n = sb[i + 1] - b;
    size_t off = 0, got;
    /* decode in slices so that any number of entities fits */
    while (off < n) {
      size_t m = n - off;
      got = ner_bilou_decode(lab + b + off, m, sp, 64);
      size_t use = got < 64 ? got : 63;
      if (got <= 64) use = got;
      for (size_t k = 0; k < use; k++) {
        uint32_t tb = idx[b + off + sp[k].begin];
        uint32_t te = idx[b + off + sp[k].end - 1];
        ann_entity *en = ANN_PUSH(d->arena, &d->entities);
        if (!en) return ann_doc_fail(d, ANN_ENOMEM, "ner: out of memory");
        en->start = d->tokens.v[tb].start;
        en->end = d->tokens.v[te].end;
        en->tok_begin = tb;
        en->tok_end = te + 1;
        en->type = (ann_ent_type)sp[k].type;
        en->sentence = ann_doc_sentence_at(d, en->start);
      }
      if (got <= 64) break;
      off += sp[63].begin; /* restart at the 64th entity */
    }
  }
  return 0;
}

const ann_stage ann_stage_ner = {
    .name = "ner",
    .bit = ANN_STAGE_NER,
    .open = ner_open,
    .close = ner_close,
    .run = ner_run,
};
