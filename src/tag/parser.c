/*
 * parser.c — loading a parser model and parsing with it (greedy, one
 * left-to-right pass, 2n transitions per sentence).
 *
 * The model file (container kind "DEPS") has one section, "parse.pc": the
 * shared averaged perceptron (perceptron.h) whose classes are "SHIFT",
 * "L:<label>" for LEFT-ARC and "R:<label>" for RIGHT-ARC, in the order of
 * parser_int.h. The labels are read back from the class names.
 */
#include "tag/parser_int.h"

#include "annalist/model.h"
#include "annalist/tag.h"
#include "tag/perceptron.h"
#include "tag/pos.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct ann_parser {
  ann_model *m;
  ann_pc pc;
  int nlab, ncls;
  unsigned flags; /* feature groups */
  int beam;       /* 1 = greedy */
  const ann_pos_model *pos; /* word classes for ann_parse_sentence */
  const char *labels[PS_MAX_LABELS];
};

int ann_parser_uses_classes(const ann_parser *p) {
  return (p->flags & PS_F_CLU) != 0;
}

void ann_parser_set_pos(ann_parser *p, const ann_pos_model *pos) {
  p->pos = pos;
}

int ann_parser_beam(const ann_parser *p) { return p->beam; }

void ann_parser_set_beam(ann_parser *p, int k) {
  p->beam = k < 1 ? 1 : k > PS_MAX_BEAM ? PS_MAX_BEAM : k;
}

/* Take over model m (freed on failure too) and check its classes. */
static int parser_from_model(ann_parser **out, ann_model *m, const char *what,
                             ann_error *e) {
  ann_parser *p = calloc(1, sizeof *p);
  if (!p) {
    ann_model_free(m);
    return ann_fail(e, ANN_ENOMEM, -1, "out of memory");
  }
  p->m = m;
  int rc = ann_pc_load(&p->pc, m, "parse.pc", e);
  if (rc < 0) {
    ann_parser_free(p);
    return rc;
  }
  uint32_t nc = p->pc.nclasses;
  if (nc < 3 || nc % 2 == 0 || (nc - 1) / 2 > PS_MAX_LABELS ||
      strcmp(p->pc.names[0], "SHIFT") != 0)
    goto bad;
  p->ncls = (int)nc;
  p->beam = 1;
  size_t cs;
  const unsigned char *cfg = ann_model_section(m, "parse.cfg", &cs);
  if (cfg) {
    if (cs < 8) goto bad;
    uint32_t fl = (uint32_t)cfg[0] | (uint32_t)cfg[1] << 8 |
                  (uint32_t)cfg[2] << 16 | (uint32_t)cfg[3] << 24;
    uint32_t bw = (uint32_t)cfg[4] | (uint32_t)cfg[5] << 8 |
                  (uint32_t)cfg[6] << 16 | (uint32_t)cfg[7] << 24;
    if ((fl & ~(uint32_t)PS_F_ALL) || bw < 1 || bw > PS_MAX_BEAM) goto bad;
    p->flags = fl;
    p->beam = (int)bw;
  }
  p->nlab = (int)(nc - 1) / 2;
  for (int l = 0; l < p->nlab; l++) {
    const char *a = p->pc.names[1 + l], *b = p->pc.names[1 + p->nlab + l];
    if (strncmp(a, "L:", 2) != 0 || strncmp(b, "R:", 2) != 0 || !a[2] ||
        strcmp(a + 2, b + 2) != 0)
      goto bad;
    p->labels[l] = a + 2;
  }
  *out = p;
  return 0;
bad:
  rc = ann_fail(e, ANN_EMODEL, -1, "%s: not a parser model (classes)", what);
  ann_parser_free(p);
  return rc;
}

int ann_parser_open(ann_parser **out, const char *path, ann_error *e) {
  *out = NULL;
  ann_model *m;
  int rc = ann_model_open(&m, path, ANN_PARSER_KIND, ANN_PARSER_VERSION, e);
  if (rc < 0) return rc;
  return parser_from_model(out, m, path, e);
}

int ann_parser_open_mem(ann_parser **out, const void *data, size_t size,
                        ann_error *e) {
  *out = NULL;
  ann_model *m;
  int rc = ann_model_open_mem(&m, data, size, ANN_PARSER_KIND,
                              ANN_PARSER_VERSION, e);
  if (rc < 0) return rc;
  return parser_from_model(out, m, "<memory>", e);
}

void ann_parser_free(ann_parser *p) {
  if (!p) return;
  ann_pc_close(&p->pc);
  ann_model_free(p->m);
  free(p);
}

/* Scores of feature group g of f (marked by ps_features_mark) into sc. */
static void score_group(const ann_pc *pc, const uint64_t *f, const uint8_t *mk,
                        int k, int g, int32_t *sc) {
  uint64_t gf[PS_MAX_FEATS];
  int m = 0;
  for (int i = 0; i < k; i++)
    if (mk[i] == g) gf[m++] = f[i];
  ann_pc_scores(pc, gf, (size_t)m, sc);
}

/* Parse one piece of at most ANN_PARSE_MAX_SENT words with state s.
 * Scores are summed by groups of features (integer sums, so the order
 * does not matter): the buffer group's sum is kept until the next SHIFT,
 * the stack group's per stack word (stk, (n + 2) x ncls, ok[] saying which
 * are filled) while the word is on the stack. */
static void parse_piece(const ann_parser *p, ps_state *s, ann_dep_word *w,
                        size_t n, int32_t *stk, uint8_t *ok) {
  uint64_t f[PS_MAX_FEATS];
  uint8_t mk[PS_MAX_FEATS];
  int32_t sc[1 + 2 * PS_MAX_LABELS], bsc[1 + 2 * PS_MAX_LABELS];
  int nc = p->ncls, lastb = -1;
  ps_state_init(s, w, n);
  memset(ok, 0, n + 2);
  while (!ps_terminal(s)) {
    unsigned v = ps_valid(s);
    /* only SHIFT possible (the stack holds just the root): nothing to
     * score, the argmax below would pick it anyway */
    if (v == 1u << PS_SHIFT) {
      ps_apply(s, PS_SHIFT, p->nlab);
      ok[s->stack[s->sp - 1]] = 0;
      continue;
    }
    int k = ps_features_mark(s, p->flags, f, mk);
    if (s->b != lastb) {
      score_group(&p->pc, f, mk, k, 1, bsc);
      lastb = s->b;
    }
    const int32_t *ss = NULL;
    if (s->sp >= 1) {
      int top = s->stack[s->sp - 1];
      int32_t *t = stk + (size_t)top * (size_t)nc;
      if (!ok[top]) {
        score_group(&p->pc, f, mk, k, 2, t);
        ok[top] = 1;
      }
      ss = t;
    }
    int m = 0;
    for (int i = 0; i < k; i++)
      if (mk[i] == 0 || (mk[i] == 2 && !ss)) f[m++] = f[i];
    for (int c = 0; c < nc; c++) sc[c] = bsc[c] + (ss ? ss[c] : 0);
    ann_pc_scores_add(&p->pc, f, (size_t)m, sc);
    /* classes by type: SHIFT = 0, LEFT = 1..nlab, RIGHT = nlab+1..; the
     * invalid ones are set below any sum of weights (at most 192 int16),
     * and the vector argmax takes the first of the best */
    if (!(v & (1u << PS_SHIFT))) sc[0] = INT32_MIN;
    if (!(v & (1u << PS_LEFT)))
      for (int c = 1; c <= p->nlab; c++) sc[c] = INT32_MIN;
    if (!(v & (1u << PS_RIGHT)))
      for (int c = p->nlab + 1; c < p->ncls; c++) sc[c] = INT32_MIN;
    int best = (int)ann_pc_argmax(sc, (uint32_t)nc);
    ps_apply(s, best, p->nlab);
    if (best == 0) ok[s->stack[s->sp - 1]] = 0;
  }
  for (size_t i = 0; i < n; i++) {
    w[i].head = s->head[i + 1];
    int l = s->lab[i + 1];
    w[i].deprel = l >= 0 ? p->labels[l] : "dep";
  }
}

/* The same with a beam of p->beam configurations (bm), best sequence
 * score wins. */
static void parse_piece_beam(const ann_parser *p, ps_beam *bm,
                             ann_dep_word *w, size_t n) {
  uint64_t f[PS_MAX_FEATS];
  int32_t sc[1 + 2 * PS_MAX_LABELS];
  ps_beam_init(bm, w, n);
  for (int t = 0; t < bm->steps; t++) {
    for (int i = 0; i < bm->nb; i++) {
      const ps_state *s = bm->cur[i];
      unsigned v = ps_valid(s);
      int k = ps_features(s, p->flags, f);
      ann_pc_scores(&p->pc, f, (size_t)k, sc);
      for (int c = 0; c < p->ncls; c++)
        if (v & (1u << ps_class_type(c, p->nlab)))
          ps_beam_offer(bm, bm->score[i] + sc[c], i, c, 0);
    }
    ps_beam_advance(bm, p->nlab);
  }
  const ps_state *s = bm->cur[0];
  for (size_t i = 0; i < n; i++) {
    w[i].head = s->head[i + 1];
    int l = s->lab[i + 1];
    w[i].deprel = l >= 0 ? p->labels[l] : "dep";
  }
}

int ann_parse_words(const ann_parser *p, ann_arena *a, ann_dep_word *w,
                    size_t n) {
  if (n == 0) return 0;
  size_t cap = n < ANN_PARSE_MAX_SENT ? n : ANN_PARSE_MAX_SENT;
  ps_state *s = NULL;
  ps_beam *bm = NULL;
  int32_t *stk = NULL;
  uint8_t *ok = NULL;
  if (p->beam > 1) {
    bm = ps_beam_new(a, cap, p->beam);
    if (!bm) return ANN_ENOMEM;
  } else {
    s = ps_state_new(a, cap);
    stk = ann_alloc(a, (cap + 2) * (size_t)p->ncls * sizeof *stk);
    ok = ann_alloc(a, cap + 2);
    if (!s || !stk || !ok) return ANN_ENOMEM;
  }
  int32_t first_root = 0;
  for (size_t start = 0; start < n; start += cap) {
    size_t m = n - start < cap ? n - start : cap;
    if (bm) parse_piece_beam(p, bm, w + start, m);
    else parse_piece(p, s, w + start, m, stk, ok);
    for (size_t i = 0; i < m; i++) {
      ann_dep_word *x = &w[start + i];
      if (x->head > 0) {
        x->head += (int32_t)start;
      } else if (first_root == 0) {
        first_root = (int32_t)(start + i + 1);
      } else {
        x->head = first_root;
        x->deprel = "parataxis";
      }
    }
  }
  return 0;
}

/* The document-model entry point (tag.h): tokens are spans into text.
 * Scratch memory is a private arena reused piece by piece, so parsing a
 * document does not grow the document's arena at all; pieces are joined
 * as in ann_parse_words. */
int ann_parse_sentence(const void *state, const char *text, ann_token *tok,
                       size_t n, ann_arena *a) {
  (void)a;
  if (!state || n == 0) return 0;
  const ann_parser *pp = state;
  const ann_pos_model *pos = (pp->flags & PS_F_CLU) ? pp->pos : NULL;
  ann_arena *tmp = ann_arena_new(64 * 1024, 0);
  if (!tmp) return ANN_ENOMEM;
  int32_t first_root = 0;
  for (size_t start = 0; start < n; start += ANN_PARSE_MAX_SENT) {
    size_t m = n - start < ANN_PARSE_MAX_SENT ? n - start : ANN_PARSE_MAX_SENT;
    ann_arena_reset(tmp);
    ann_dep_word *w = ann_alloc(tmp, m * sizeof *w);
    if (!w) {
      ann_arena_free(tmp);
      return ANN_ENOMEM;
    }
    for (size_t i = 0; i < m; i++) {
      const ann_token *t = &tok[start + i];
      w[i].form = text + t->start;
      w[i].form_len = t->end - t->start;
      w[i].xpos = t->xpos;
      w[i].upos = t->upos;
      w[i].head = -1;
      w[i].deprel = NULL;
      w[i].has_cl = 0;
      w[i].cl = 0;
      if (pos)
        w[i].has_cl = (uint8_t)ann_pos_classes(pos, w[i].form, w[i].form_len,
                                               &w[i].cl);
    }
    int rc = ann_parse_words(state, tmp, w, m);
    if (rc < 0) {
      ann_arena_free(tmp);
      return rc;
    }
    for (size_t i = 0; i < m; i++) {
      ann_token *t = &tok[start + i];
      t->deprel = w[i].deprel;
      if (w[i].head > 0) {
        t->head = w[i].head + (int32_t)start;
      } else if (first_root == 0) {
        first_root = (int32_t)(start + i + 1);
        t->head = 0;
      } else {
        t->head = first_root;
        t->deprel = "parataxis";
      }
    }
  }
  ann_arena_free(tmp);
  return 0;
}
