/*
 * parser_train.c — training the parser: greedy arc-hybrid with the dynamic
 * oracle and error exploration (Goldberg & Nivre 2012, 2013), averaged
 * perceptron over hashed features.
 *
 * The weights are the shared averaged perceptron's (perceptron.h) with
 * 1 + 2L classes; one instance is one transition decision.
 */
#include "tag/parser_int.h"

#include "annalist/model.h"
#include "tag/perceptron.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int ps_explore_pct = 90;

struct ann_parser_trainer {
  int nlab, ncls;
  char labels[PS_MAX_LABELS][32];
  char names[1 + 2 * PS_MAX_LABELS][36];
  ann_pc_trainer *pc;
  unsigned flags;
  int beam;
  uint64_t rng;
  ann_arena *arena;
};

ann_parser_trainer *ann_parser_trainer_new(const char *const *labels,
                                           int nlabels, uint64_t seed) {
  if (nlabels <= 0 || nlabels > PS_MAX_LABELS) return NULL;
  ann_parser_trainer *t = calloc(1, sizeof *t);
  if (!t) return NULL;
  t->nlab = nlabels;
  t->ncls = 1 + 2 * nlabels;
  strcpy(t->names[0], "SHIFT");
  for (int i = 0; i < nlabels; i++) {
    if (!labels[i] || !labels[i][0] || strlen(labels[i]) >= 32) {
      free(t);
      return NULL;
    }
    strcpy(t->labels[i], labels[i]);
    snprintf(t->names[1 + i], sizeof t->names[0], "L:%s", labels[i]);
    snprintf(t->names[1 + nlabels + i], sizeof t->names[0], "R:%s",
             labels[i]);
  }
  t->pc = ann_pc_trainer_new((uint32_t)t->ncls);
  t->arena = ann_arena_new(64 * 1024, 0);
  t->rng = seed * 0x9E3779B97F4A7C15ULL + 1;
  t->beam = 1;
  if (!t->pc || !t->arena) {
    ann_parser_trainer_free(t);
    return NULL;
  }
  return t;
}

int ann_parser_trainer_config(ann_parser_trainer *t, unsigned flags,
                              int beam) {
  if ((flags & ~(unsigned)PS_F_ALL) || beam < 1 || beam > PS_MAX_BEAM)
    return ANN_EINVAL;
  t->flags = flags;
  t->beam = beam;
  return 0;
}

void ann_parser_trainer_free(ann_parser_trainer *t) {
  if (!t) return;
  ann_pc_trainer_free(t->pc);
  ann_arena_free(t->arena);
  free(t);
}

static uint64_t rnd(ann_parser_trainer *t) {
  uint64_t x = t->rng;
  x ^= x << 13;
  x ^= x >> 7;
  x ^= x << 17;
  return t->rng = x;
}

static int label_index(const char *const *labels, int nlab, const char *s) {
  if (!s) return -1;
  for (int i = 0; i < nlab; i++)
    if (strcmp(labels[i], s) == 0) return i;
  return -1;
}

/* Gold heads and label indices into gh[0..n], gl[0..n] (index 0 unused). */
static int gold(const ann_dep_word *w, size_t n, const char *const *labels,
                int nlab, int32_t *gh, int *gl) {
  gh[0] = -1;
  gl[0] = -1;
  for (size_t i = 0; i < n; i++) {
    if (w[i].head < 0 || (size_t)w[i].head > n ||
        (size_t)w[i].head == i + 1)
      return ANN_EINVAL;
    gh[i + 1] = w[i].head;
    gl[i + 1] = label_index(labels, nlab, w[i].deprel);
    if (gl[i + 1] < 0) return ANN_EINVAL;
  }
  return 0;
}

/* Cost of every class: its type's cost, plus one when it builds the gold
 * arc with a wrong label. -1 = invalid. Returns the least cost. */
static int class_costs(const ps_state *s, const int32_t *gh, const int *gl,
                       int nlab, int *cc) {
  int tc[3];
  ps_costs(s, gh, tc);
  int ncls = 1 + 2 * nlab, best = -1;
  int s0 = s->sp >= 1 ? s->stack[s->sp - 1] : -1;
  int s1 = s->sp >= 2 ? s->stack[s->sp - 2] : -1;
  for (int c = 0; c < ncls; c++) {
    int ty = ps_class_type(c, nlab), l = ps_class_label(c, nlab);
    int x = tc[ty];
    if (x >= 0 && ty == PS_LEFT && gh[s0] == s->b && gl[s0] != l) x++;
    if (x >= 0 && ty == PS_RIGHT && gh[s0] == s1 && gl[s0] != l) x++;
    cc[c] = x;
    if (x >= 0 && (best < 0 || x < best)) best = x;
  }
  return best;
}

/* Replay class sequence seq[0..len) from the initial configuration s,
 * adding delta to the weights of each decision from step `from` on. */
static int replay(ann_parser_trainer *t, ps_state *s, const ann_dep_word *w,
                  size_t n, const int *seq, int len, int from, int delta) {
  uint64_t f[PS_MAX_FEATS];
  ps_state_init(s, w, n);
  for (int i = 0; i < len; i++) {
    if (i >= from) {
      int k = ps_features(s, t->flags, f);
      if (ann_pc_trainer_update(t->pc, f, (size_t)k, (uint32_t)seq[i],
                                delta) < 0)
        return ANN_ENOMEM;
    }
    ps_apply(s, seq[i], t->nlab);
  }
  return 0;
}

/* Beam training with max-violation updates (Huang, Fayong & Guo 2012):
 * a beam over all sequences and a "gold" beam over sequences that stay on
 * a best-cost path (the oracle's costs: spurious ambiguity is left to the
 * model) advance side by side; at the step where the best sequence
 * outscores the best gold one the most, the gold prefix's decisions get
 * +1 and the other's -1 (from where they part). Returns 1 on an update. */
static int train_beam(ann_parser_trainer *t, const ann_dep_word *w, size_t n,
                      const int32_t *gh, const int *gl) {
  ps_beam *bm = ps_beam_new(t->arena, n, t->beam);
  ps_beam *gb = ps_beam_new(t->arena, n, t->beam);
  ps_state *rs = ps_state_new(t->arena, n);
  int *sg = ann_alloc(t->arena, (2 * n + 1) * sizeof(int));
  int *sp = ann_alloc(t->arena, (2 * n + 1) * sizeof(int));
  if (!bm || !gb || !rs || !sg || !sp) return ANN_ENOMEM;
  uint64_t f[PS_MAX_FEATS];
  int32_t sc[1 + 2 * PS_MAX_LABELS];
  int cc[1 + 2 * PS_MAX_LABELS];
  ps_beam_init(bm, w, n);
  ps_beam_init(gb, w, n);
  int64_t worst = 0;
  int wstep = -1;
  for (int step = 0; step < bm->steps; step++) {
    for (int i = 0; i < bm->nb; i++) {
      const ps_state *s = bm->cur[i];
      int k = ps_features(s, t->flags, f);
      ann_pc_trainer_scores(t->pc, f, (size_t)k, sc);
      int minc = class_costs(s, gh, gl, t->nlab, cc);
      for (int c = 0; c < t->ncls; c++)
        if (cc[c] >= 0)
          ps_beam_offer(bm, bm->score[i] + sc[c], i, c,
                        bm->ok[i] && cc[c] == minc);
    }
    for (int i = 0; i < gb->nb; i++) {
      const ps_state *s = gb->cur[i];
      int k = ps_features(s, t->flags, f);
      ann_pc_trainer_scores(t->pc, f, (size_t)k, sc);
      int minc = class_costs(s, gh, gl, t->nlab, cc);
      for (int c = 0; c < t->ncls; c++)
        if (cc[c] >= 0 && cc[c] == minc)
          ps_beam_offer(gb, gb->score[i] + sc[c], i, c, 1);
    }
    ps_beam_advance(bm, t->nlab);
    ps_beam_advance(gb, t->nlab);
    if (!bm->ok[0] && gb->nb > 0) {
      int64_t v = bm->score[0] - gb->score[0];
      if (v >= worst) {
        worst = v;
        wstep = step + 1;
      }
    }
  }
  ann_pc_trainer_tick(t->pc);
  if (wstep < 0) return 0;
  ps_beam_sequence(gb, wstep, 0, sg);
  ps_beam_sequence(bm, wstep, 0, sp);
  /* item 0 at step wstep is the best then: its index is 0 at that step */
  int from = 0;
  while (from < wstep && sg[from] == sp[from]) from++;
  if (replay(t, rs, w, n, sg, wstep, from, 1) < 0 ||
      replay(t, rs, w, n, sp, wstep, from, -1) < 0)
    return ANN_ENOMEM;
  return 1;
}

int ann_parser_train_sentence(ann_parser_trainer *t, const ann_dep_word *w,
                              size_t n, int explore) {
  if (n == 0) return 0;
  if (n > 100000) return ANN_ELIMIT;
  ann_arena_reset(t->arena);
  const char *labs[PS_MAX_LABELS];
  for (int i = 0; i < t->nlab; i++) labs[i] = t->labels[i];
  int32_t *gh = ann_alloc(t->arena, (n + 2) * sizeof *gh);
  int *gl = ann_alloc(t->arena, (n + 2) * sizeof *gl);
  ps_state *s = ps_state_new(t->arena, n);
  if (!gh || !gl || !s) return ANN_ENOMEM;
  int rc = gold(w, n, labs, t->nlab, gh, gl);
  if (rc < 0) return rc;
  gh[n + 1] = -1;
  gl[n + 1] = -1;
  if (t->beam > 1) return train_beam(t, w, n, gh, gl);
  ps_state_init(s, w, n);
  uint64_t f[PS_MAX_FEATS];
  int32_t sc[1 + 2 * PS_MAX_LABELS];
  int cc[1 + 2 * PS_MAX_LABELS];
  int mistakes = 0;
  while (!ps_terminal(s)) {
    int k = ps_features(s, t->flags, f);
    ann_pc_trainer_scores(t->pc, f, (size_t)k, sc);
    int minc = class_costs(s, gh, gl, t->nlab, cc);
    int pred = -1, best = -1;
    for (int c = 0; c < t->ncls; c++) {
      if (cc[c] < 0) continue;
      if (pred < 0 || sc[c] > sc[pred]) pred = c;
      if (cc[c] == minc && (best < 0 || sc[c] > sc[best])) best = c;
    }
    int next = best;
    if (cc[pred] > minc) {
      mistakes++;
      if (ann_pc_trainer_update(t->pc, f, (size_t)k, (uint32_t)best, 1) < 0 ||
          ann_pc_trainer_update(t->pc, f, (size_t)k, (uint32_t)pred, -1) < 0)
        return ANN_ENOMEM;
      if (explore && (int)(rnd(t) % 100) < ps_explore_pct) next = pred;
    } else {
      next = pred;
    }
    ann_pc_trainer_tick(t->pc);
    ps_apply(s, next, t->nlab);
  }
  return mistakes;
}

/* Shuffle helper for drivers: a reproducible random number. */
uint64_t ann_parser_trainer_rand(ann_parser_trainer *t) { return rnd(t); }

/* ----------------------------------------------------------- saving -- */

static int save_pc(ann_parser_trainer *t, const ann_pc_trainer *pc,
                   const char *path, double prune, ann_error *e) {
  const char *names[1 + 2 * PS_MAX_LABELS];
  for (int i = 0; i < t->ncls; i++) names[i] = t->names[i];
  void *blob = NULL;
  size_t size = 0;
  int rc = ann_pc_trainer_build(pc, names, prune, &blob, &size);
  if (rc < 0) return ann_fail(e, rc, -1, "%s: cannot build model", path);
  ann_model_writer *mw =
      ann_model_writer_new(ANN_PARSER_KIND, ANN_PARSER_VERSION);
  unsigned char cfg[8];
  for (int i = 0; i < 4; i++) {
    cfg[i] = (unsigned char)(t->flags >> (8 * i));
    cfg[4 + i] = (unsigned char)((unsigned)t->beam >> (8 * i));
  }
  rc = mw ? ann_model_writer_add(mw, "parse.pc", blob, size) : ANN_ENOMEM;
  if (rc >= 0) rc = ann_model_writer_add(mw, "parse.cfg", cfg, sizeof cfg);
  if (rc < 0) rc = ann_fail(e, rc, -1, "%s: cannot build model", path);
  else rc = ann_model_writer_save(mw, path, e);
  ann_model_writer_free(mw);
  free(blob);
  return rc;
}

int ann_parser_trainer_save(ann_parser_trainer *t, const char *path,
                            double prune, ann_error *e) {
  return save_pc(t, t->pc, path, prune, e);
}

int ann_parser_trainer_save_mean(ann_parser_trainer *const *ts, int k,
                                 const char *path, double prune,
                                 ann_error *e) {
  const ann_pc_trainer *pcs[16];
  if (k < 1 || k > 16)
    return ann_fail(e, ANN_EINVAL, -1, "%s: 1 to 16 runs", path);
  for (int i = 0; i < k; i++) {
    if (ts[i]->ncls != ts[0]->ncls || ts[i]->flags != ts[0]->flags ||
        ts[i]->beam != ts[0]->beam)
      return ann_fail(e, ANN_EINVAL, -1, "%s: runs of different models",
                      path);
    pcs[i] = ts[i]->pc;
  }
  ann_pc_trainer *m = ann_pc_trainer_mean(pcs, (size_t)k);
  if (!m) return ann_fail(e, ANN_ENOMEM, -1, "%s: cannot build model", path);
  int rc = save_pc(ts[0], m, path, prune, e);
  ann_pc_trainer_free(m);
  return rc;
}

/* ------------------------------------------------------ oracle alone -- */

int ann_parser_oracle_parse(const ann_dep_word *w, size_t n,
                            const char *const *labels, int nlabels,
                            int32_t *heads, int *label_out) {
  if (nlabels <= 0 || nlabels > PS_MAX_LABELS) return ANN_EINVAL;
  ann_arena *a = ann_arena_new(4096, 0);
  if (!a) return ANN_ENOMEM;
  int32_t *gh = ann_alloc(a, (n + 2) * sizeof *gh);
  int *gl = ann_alloc(a, (n + 2) * sizeof *gl);
  int *cc = ann_alloc(a, (1 + 2 * (size_t)nlabels) * sizeof *cc);
  ps_state *s = ps_state_new(a, n);
  int rc = (!gh || !gl || !cc || !s) ? ANN_ENOMEM : 0;
  if (!rc) rc = gold(w, n, labels, nlabels, gh, gl);
  if (!rc) {
    gh[n + 1] = gl[n + 1] = -1;
    ps_state_init(s, w, n);
    while (!ps_terminal(s)) {
      int minc = class_costs(s, gh, gl, nlabels, cc), c = 0;
      while (cc[c] != minc) c++;
      ps_apply(s, c, nlabels);
    }
    for (size_t i = 0; i < n; i++) {
      heads[i] = s->head[i + 1];
      label_out[i] = s->lab[i + 1];
    }
  }
  ann_arena_free(a);
  return rc;
}
