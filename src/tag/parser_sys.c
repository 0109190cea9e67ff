/*
 * parser_sys.c — the arc-hybrid transition system (Kuhlmann et al. 2011),
 * its dynamic oracle (Goldberg & Nivre 2013) and the feature templates
 * (after Zhang & Nivre 2011, adapted to arc-hybrid: s1 is the other
 * candidate head, so s1/s0 pairs matter as much as s0/b0 pairs).
 *
 *   SHIFT      move b0 onto the stack
 *   LEFT(l)    s0 <- b0 with label l, pop s0       (needs a buffer)
 *   RIGHT(l)   s0 <- s1 with label l, pop s0       (s1 = root only when
 *                                                   the buffer is empty)
 * The last condition makes every parse a tree with a single root word.
 */
#include "tag/parser_int.h"
#include "tag/pos.h"

#include <string.h>

/* ------------------------------------------------------------ hashing -- */

static inline uint64_t mix(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

static uint64_t hash_bytes(const char *s, size_t n, uint64_t salt) {
  uint64_t h = 0xcbf29ce484222325ULL ^ salt;
  for (size_t i = 0; i < n; i++) {
    h ^= (unsigned char)s[i];
    h *= 0x100000001b3ULL;
  }
  return mix(h);
}

/* Word atom: ASCII lower case, digits as 0, so "1930s" and "1840s" share
 * a feature and sentence-initial capitals do not split a word's weights. */
static void word_atoms(const char *s, size_t n, uint64_t *w, uint64_t *suf,
                       uint64_t *shape) {
  char buf[64];
  size_t m = n < sizeof buf ? n : sizeof buf;
  for (size_t i = 0; i < m; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 'A' && c <= 'Z') c = (unsigned char)(c + 32);
    else if (c >= '0' && c <= '9') c = '0';
    buf[i] = (char)c;
  }
  *w = hash_bytes(buf, m, 0x11) ^ (n > m ? mix(n) : 0);
  size_t k = m > 3 ? 3 : m;
  *suf = hash_bytes(buf + m - k, k, 0x22);
  /* shape: X upper, x lower, d digit, other bytes kept; runs collapsed
   * to two */
  char sh[16];
  size_t j = 0;
  for (size_t i = 0; i < m && j < sizeof sh; i++) {
    unsigned char c = (unsigned char)s[i], t;
    if (c >= 'A' && c <= 'Z') t = 'X';
    else if (c >= 'a' && c <= 'z') t = 'x';
    else if (c >= '0' && c <= '9') t = 'd';
    else if (c >= 0x80) t = 'u';
    else t = c;
    if (j >= 2 && sh[j - 1] == (char)t && sh[j - 2] == (char)t) continue;
    sh[j++] = (char)t;
  }
  *shape = hash_bytes(sh, j, 0x55);
}

static uint64_t tag_atom(const char *t, uint64_t salt) {
  if (!t) t = "_";
  return hash_bytes(t, strlen(t), salt);
}

/* ------------------------------------------------------------- state -- */

ps_state *ps_state_new(ann_arena *a, size_t n) {
  ps_state *s = ann_calloc(a, sizeof *s);
  if (!s) return NULL;
  size_t m = n + 2;
  s->stack = ann_alloc(a, m * sizeof(int));
  s->head = ann_alloc(a, m * sizeof(int));
  s->lab = ann_alloc(a, m * sizeof(int));
  s->l1 = ann_alloc(a, m * sizeof(int));
  s->l2 = ann_alloc(a, m * sizeof(int));
  s->r1 = ann_alloc(a, m * sizeof(int));
  s->r2 = ann_alloc(a, m * sizeof(int));
  s->nl = ann_alloc(a, m * sizeof(int));
  s->nr = ann_alloc(a, m * sizeof(int));
  s->lset = ann_alloc(a, m * sizeof(uint64_t));
  s->rset = ann_alloc(a, m * sizeof(uint64_t));
  s->W = ann_alloc(a, m * sizeof(uint64_t));
  s->P = ann_alloc(a, m * sizeof(uint64_t));
  s->U = ann_alloc(a, m * sizeof(uint64_t));
  s->S = ann_alloc(a, m * sizeof(uint64_t));
  s->H = ann_alloc(a, m * sizeof(uint64_t));
  s->CC = ann_alloc(a, m * sizeof(uint64_t));
  s->CL = ann_alloc(a, m * sizeof(uint64_t));
  s->CR = ann_alloc(a, m * sizeof(uint64_t));
  s->CN = ann_alloc(a, m * sizeof(uint64_t));
  if (!s->CC || !s->CL || !s->CR || !s->CN) return NULL;
  if (!s->stack || !s->head || !s->lab || !s->l1 || !s->l2 || !s->r1 ||
      !s->r2 || !s->nl || !s->nr || !s->lset || !s->rset || !s->W || !s->P ||
      !s->U || !s->S || !s->H)
    return NULL;
  s->n = (int)n;
  return s;
}

void ps_state_init(ps_state *s, const ann_dep_word *w, size_t n) {
  s->n = (int)n;
  s->none = (int)n + 1;
  for (int i = 0; i <= s->none; i++) {
    s->head[i] = -1;
    s->lab[i] = -1;
    s->l1[i] = s->l2[i] = s->r1[i] = s->r2[i] = s->none;
    s->nl[i] = s->nr[i] = 0;
    s->lset[i] = s->rset[i] = 0;
  }
  s->W[0] = s->P[0] = s->U[0] = s->S[0] = s->H[0] = mix(0x7007);
  s->CC[0] = s->CL[0] = s->CR[0] = s->CN[0] = mix(0x7007);
  int x = s->none;
  s->W[x] = s->P[x] = s->U[x] = s->S[x] = s->H[x] = mix(0x404e);
  s->CC[x] = s->CL[x] = s->CR[x] = s->CN[x] = mix(0x404e);
  for (size_t i = 0; i < n; i++) {
    word_atoms(w[i].form ? w[i].form : "", w[i].form ? w[i].form_len : 0,
               &s->W[i + 1], &s->S[i + 1], &s->H[i + 1]);
    s->P[i + 1] = tag_atom(w[i].xpos, 0x33);
    s->U[i + 1] = tag_atom(w[i].upos, 0x44);
    uint32_t cl = w[i].has_cl ? w[i].cl : ANN_CL_NONE;
    s->CL[i + 1] = mix(0xc10000000ULL + (cl & ANN_CL_FINE));
    s->CR[i + 1] = mix(0xc20000000ULL + (cl >> 10 & ANN_CL_FINE));
    s->CC[i + 1] = mix(0xc30000000ULL + (cl >> 20 & ANN_CL_COARSE));
    s->CN[i + 1] = mix(0xc40000000ULL + (cl >> 26 & ANN_CL_WN));
  }
  s->stack[0] = 0;
  s->sp = 1;
  s->b = 1;
}

static void add_arc(ps_state *s, int h, int d, int l) {
  s->head[d] = h;
  s->lab[d] = l;
  uint64_t bit = 1ULL << (l & 63);
  if (d < h) {
    s->nl[h]++;
    s->lset[h] |= bit;
    if (s->l1[h] == s->none || d < s->l1[h]) {
      s->l2[h] = s->l1[h];
      s->l1[h] = d;
    } else if (s->l2[h] == s->none || d < s->l2[h]) {
      s->l2[h] = d;
    }
  } else {
    s->nr[h]++;
    s->rset[h] |= bit;
    if (s->r1[h] == s->none || d > s->r1[h]) {
      s->r2[h] = s->r1[h];
      s->r1[h] = d;
    } else if (s->r2[h] == s->none || d > s->r2[h]) {
      s->r2[h] = d;
    }
  }
}

void ps_apply(ps_state *s, int cls, int nlab) {
  int t = ps_class_type(cls, nlab), l = ps_class_label(cls, nlab);
  if (t == PS_SHIFT) {
    s->stack[s->sp++] = s->b++;
  } else if (t == PS_LEFT) {
    int d = s->stack[--s->sp];
    add_arc(s, s->b, d, l);
  } else {
    int d = s->stack[--s->sp];
    add_arc(s, s->stack[s->sp - 1], d, l);
  }
}

void ps_state_copy(ps_state *d, const ps_state *s) {
  size_t m = (size_t)s->n + 2;
  d->n = s->n;
  d->none = s->none;
  d->sp = s->sp;
  d->b = s->b;
  memcpy(d->stack, s->stack, (size_t)s->sp * sizeof(int));
  memcpy(d->head, s->head, m * sizeof(int));
  memcpy(d->lab, s->lab, m * sizeof(int));
  memcpy(d->l1, s->l1, m * sizeof(int));
  memcpy(d->l2, s->l2, m * sizeof(int));
  memcpy(d->r1, s->r1, m * sizeof(int));
  memcpy(d->r2, s->r2, m * sizeof(int));
  memcpy(d->nl, s->nl, m * sizeof(int));
  memcpy(d->nr, s->nr, m * sizeof(int));
  memcpy(d->lset, s->lset, m * sizeof(uint64_t));
  memcpy(d->rset, s->rset, m * sizeof(uint64_t));
  d->W = s->W;
  d->P = s->P;
  d->U = s->U;
  d->S = s->S;
  d->H = s->H;
  d->CC = s->CC;
  d->CL = s->CL;
  d->CR = s->CR;
  d->CN = s->CN;
}

/* -------------------------------------------------------------- beam -- */

ps_beam *ps_beam_new(ann_arena *a, size_t n, int k) {
  ps_beam *b = ann_calloc(a, sizeof *b);
  if (!b) return NULL;
  b->k = k;
  b->steps = 2 * (int)n;
  b->root = ps_state_new(a, n);
  b->cur = ann_alloc(a, (size_t)k * sizeof *b->cur);
  b->nxt = ann_alloc(a, (size_t)k * sizeof *b->nxt);
  b->score = ann_alloc(a, (size_t)k * sizeof *b->score);
  b->ok = ann_alloc(a, (size_t)k * sizeof *b->ok);
  b->par = ann_alloc(a, ((size_t)b->steps + 1) * (size_t)k * sizeof(int));
  b->cls = ann_alloc(a, ((size_t)b->steps + 1) * (size_t)k * sizeof(int));
  b->cand = ann_alloc(a, (size_t)k * sizeof *b->cand);
  if (!b->root || !b->cur || !b->nxt || !b->score || !b->ok || !b->par ||
      !b->cls || !b->cand)
    return NULL;
  for (int i = 0; i < k; i++) {
    b->cur[i] = ps_state_new(a, n);
    b->nxt[i] = ps_state_new(a, n);
    if (!b->cur[i] || !b->nxt[i]) return NULL;
  }
  return b;
}

void ps_beam_init(ps_beam *b, const ann_dep_word *w, size_t n) {
  ps_state_init(b->root, w, n);
  ps_state_copy(b->cur[0], b->root);
  b->nb = 1;
  b->score[0] = 0;
  b->ok[0] = 1;
  b->step = 0;
  b->steps = 2 * (int)n;
  b->ncand = 0;
}

void ps_beam_offer(ps_beam *b, int64_t score, int item, int cls, int ok) {
  int j = b->ncand;
  if (j == b->k) {
    if (score <= b->cand[j - 1].score) return;
    j--;
  } else {
    b->ncand++;
  }
  while (j > 0 && b->cand[j - 1].score < score) {
    b->cand[j] = b->cand[j - 1];
    j--;
  }
  b->cand[j] = (ps_cand){score, item, cls, ok};
}

void ps_beam_advance(ps_beam *b, int nlab) {
  int *par = b->par + (size_t)b->step * (size_t)b->k;
  int *cls = b->cls + (size_t)b->step * (size_t)b->k;
  for (int j = 0; j < b->ncand; j++) {
    const ps_cand *c = &b->cand[j];
    ps_state_copy(b->nxt[j], b->cur[c->item]);
    ps_apply(b->nxt[j], c->cls, nlab);
    par[j] = c->item;
    cls[j] = c->cls;
    b->score[j] = c->score;
    b->ok[j] = c->ok;
  }
  ps_state **t = b->cur;
  b->cur = b->nxt;
  b->nxt = t;
  b->nb = b->ncand;
  b->ncand = 0;
  b->step++;
}

void ps_beam_sequence(const ps_beam *b, int steps, int j, int *seq) {
  for (int t = steps - 1; t >= 0; t--) {
    size_t o = (size_t)t * (size_t)b->k + (size_t)j;
    seq[t] = b->cls[o];
    j = b->par[o];
  }
}

/* ------------------------------------------------------------ oracle -- */

/* The cost of a transition is the number of gold arcs still reachable
 * before it and unreachable after it. For arc-hybrid:
 *   SHIFT:  b0's gold dependents on the stack, and b0's gold head if it is
 *           on the stack below s0;
 *   LEFT:   s0's gold dependents in the buffer, and s0's gold head if it
 *           is s1 or in the buffer after b0;
 *   RIGHT:  s0's gold dependents in the buffer, and s0's gold head if it
 *           is in the buffer.
 * Exact for projective trees; for others a usable approximation. O(n)
 * per call, which is fine for training. */
void ps_costs(const ps_state *s, const int32_t *gh, int cost[3]) {
  unsigned v = ps_valid(s);
  cost[0] = cost[1] = cost[2] = -1;
  int n = s->n;
  if (v & (1u << PS_SHIFT)) {
    int b0 = s->b, c = 0;
    for (int i = 0; i < s->sp; i++) {
      int k = s->stack[i];
      if (k != 0 && gh[k] == b0) c++;
      if (gh[b0] == k && i < s->sp - 1) c++;
    }
    cost[PS_SHIFT] = c;
  }
  if (v & ((1u << PS_LEFT) | (1u << PS_RIGHT))) {
    int s0 = s->stack[s->sp - 1], s1 = s->stack[s->sp - 2], deps = 0;
    for (int k = s->b; k <= n; k++)
      if (gh[k] == s0) deps++;
    int h = gh[s0];
    if (v & (1u << PS_LEFT))
      cost[PS_LEFT] =
          deps + ((h != s->b && (h == s1 || (h > s->b && h <= n))) ? 1 : 0);
    if (v & (1u << PS_RIGHT))
      cost[PS_RIGHT] = deps + ((h >= s->b && h <= n) ? 1 : 0);
  }
}

/* ---------------------------------------------------------- features -- */


static uint64_t dist_atom(int d) {
  int b = d <= 0 ? 0 : d <= 4 ? d : d <= 9 ? 5 : 6;
  return mix(0xd15700ULL + (uint64_t)b);
}

static uint64_t num_atom(int v) {
  return mix(0x7a1e00ULL + (uint64_t)(v > 6 ? 6 : v));
}

static uint64_t lab_atom(int l) { return mix(0x1ab000ULL + (uint64_t)(l + 1)); }

static uint64_t set_atom(uint64_t bits) { return mix(bits ^ 0x5e7000ULL); }

static inline uint64_t rotl(uint64_t x, int r) {
  return (x << r) | (x >> (64 - r));
}

#define F1(a) f[k] = mix(((uint64_t)(k + 1) << 48) ^ (a)), k++
#define F2(a, b) f[k] = mix(((uint64_t)(k + 1) << 48) ^ (a) ^ rotl(b, 21)), k++
#define F3(a, b, c)                                                          \
  f[k] = mix(((uint64_t)(k + 1) << 48) ^ (a) ^ rotl(b, 21) ^ rotl(c, 42)),   \
  k++
/* The same, marking the feature in mk (when given) as depending on the
 * buffer items b0 b1 b2 only (1) or on the stack items s0 s1 s2 only,
 * without their children (2); see ps_features_mark. */
#define MK(g) (mk ? (void)(mk[k] = (g)) : (void)0)
#define B1(a) (MK(1), F1(a))
#define B2(a, b) (MK(1), F2(a, b))
#define B3(a, b, c) (MK(1), F3(a, b, c))
#define S1(a) (MK(2), F1(a))
#define S2(a, b) (MK(2), F2(a, b))
#define S3(a, b, c) (MK(2), F3(a, b, c))

int ps_features(const ps_state *s, unsigned flags, uint64_t *f) {
  return ps_features_mark(s, flags, f, NULL);
}

int ps_features_mark(const ps_state *s, unsigned flags, uint64_t *f,
                     uint8_t *mk) {
  if (mk) memset(mk, 0, PS_MAX_FEATS);
  int k = 0, x = s->none, n = s->n;
  int s0 = s->sp >= 1 ? s->stack[s->sp - 1] : x;
  int s1 = s->sp >= 2 ? s->stack[s->sp - 2] : x;
  int s2 = s->sp >= 3 ? s->stack[s->sp - 3] : x;
  int b0 = s->b <= n ? s->b : x;
  int b1 = s->b + 1 <= n ? s->b + 1 : x;
  int b2 = s->b + 2 <= n ? s->b + 2 : x;
  const uint64_t *W = s->W, *P = s->P, *U = s->U;
  int s0l = s->l1[s0], s0l2 = s->l2[s0], s0r = s->r1[s0], s0r2 = s->r2[s0];
  int s1l = s->l1[s1], s1r = s->r1[s1], s1r2 = s->r2[s1];
  int b0l = s->l1[b0], b0l2 = s->l2[b0];
  uint64_t s0w = W[s0], s0p = P[s0], s1w = W[s1], s1p = P[s1];
  uint64_t b0w = W[b0], b0p = P[b0], b1w = W[b1], b1p = P[b1];
  uint64_t s0wp = s0w ^ rotl(s0p, 7), s1wp = s1w ^ rotl(s1p, 7);
  uint64_t b0wp = b0w ^ rotl(b0p, 7), b1wp = b1w ^ rotl(b1p, 7);
  uint64_t d1 = (s0 != x && b0 != x) ? dist_atom(b0 - s0) : dist_atom(0);
  uint64_t d2 = (s0 != x && s1 != x) ? dist_atom(s0 - s1) : dist_atom(0);

  /* single items */
  S1(s0w); S1(s0p); S1(s0wp); S1(U[s0]); S1(s->S[s0]);
  S1(s1w); S1(s1p); S1(s1wp); S1(U[s1]);
  B1(b0w); B1(b0p); B1(b0wp); B1(U[b0]); B1(s->S[b0]);
  B1(b1w); B1(b1p); B1(b1wp);
  B1(W[b2]); B1(P[b2]);
  S1(W[s2]); S1(P[s2]);
  /* pairs s0/b0 and s1/s0 */
  F2(s0wp, b0wp); F2(s0wp, b0w); F2(s0w, b0wp); F2(s0wp, b0p);
  F2(s0p, b0wp); F2(s0w, b0w); F2(s0p, b0p); B2(b0p, b1p);
  S2(s1wp, s0wp); S2(s1wp, s0w); S2(s1w, s0wp); S2(s1wp, s0p);
  S2(s1p, s0wp); S2(s1w, s0w); S2(s1p, s0p); F2(s1p, b0p);
  F2(U[s0], U[b0]); S2(U[s1], U[s0]);
  /* triples */
  B3(b0p, b1p, P[b2]); F3(s0p, b0p, b1p); F3(s1p, s0p, b0p);
  F3(s0p, P[s0l], b0p); F3(s0p, P[s0r], b0p); F3(s0p, b0p, P[b0l]);
  F3(s1p, s0p, P[s0l]); F3(s1p, s0p, P[s0r]); F3(s1p, P[s1r], s0p);
  F3(s1p, P[s1l], s0p); S3(P[s2], s1p, s0p); F3(s0w, b0p, b1p);
  F3(s1w, s0p, b0p); F3(s1p, s0w, b0p); F3(s1p, s0p, b0w);
  F3(s1p, s0p, P[b0l]);
  /* distance */
  F2(s0w, d1); F2(s0p, d1); F2(b0w, d1); F2(b0p, d1);
  F3(s0w, b0w, d1); F3(s0p, b0p, d1);
  S2(s1w, d2); S2(s1p, d2); S2(s0w, d2); S2(s0p, d2);
  S3(s1p, s0p, d2); S3(s1w, s0w, d2);
  /* valency */
  F2(s0w, num_atom(s->nr[s0])); F2(s0p, num_atom(s->nr[s0]));
  F2(s0w, num_atom(s->nl[s0])); F2(s0p, num_atom(s->nl[s0]));
  F2(s1w, num_atom(s->nr[s1])); F2(s1p, num_atom(s->nr[s1]));
  F2(s1w, num_atom(s->nl[s1])); F2(s1p, num_atom(s->nl[s1]));
  F2(b0w, num_atom(s->nl[b0])); F2(b0p, num_atom(s->nl[b0]));
  /* children */
  F1(W[s0l]); F1(P[s0l]); F1(lab_atom(s->lab[s0l]));
  F1(W[s0r]); F1(P[s0r]); F1(lab_atom(s->lab[s0r]));
  F1(W[s1l]); F1(P[s1l]); F1(lab_atom(s->lab[s1l]));
  F1(W[s1r]); F1(P[s1r]); F1(lab_atom(s->lab[s1r]));
  F1(W[b0l]); F1(P[b0l]); F1(lab_atom(s->lab[b0l]));
  F2(s0p, lab_atom(s->lab[s0l])); F2(s0p, lab_atom(s->lab[s0r]));
  F2(s1p, lab_atom(s->lab[s1r])); F2(b0p, lab_atom(s->lab[b0l]));
  /* second-order children */
  F1(W[s0l2]); F1(P[s0l2]); F1(lab_atom(s->lab[s0l2]));
  F1(W[s0r2]); F1(P[s0r2]); F1(lab_atom(s->lab[s0r2]));
  F1(W[b0l2]); F1(P[b0l2]); F1(lab_atom(s->lab[b0l2]));
  F3(s0p, P[s0l], P[s0l2]); F3(s0p, P[s0r], P[s0r2]);
  F3(b0p, P[b0l], P[b0l2]); F3(s1p, P[s1r], P[s1r2]);
  /* label sets */
  F2(s0w, set_atom(s->rset[s0])); F2(s0p, set_atom(s->rset[s0]));
  F2(s0w, set_atom(s->lset[s0])); F2(s0p, set_atom(s->lset[s0]));
  F2(s1w, set_atom(s->rset[s1])); F2(s1p, set_atom(s->rset[s1]));
  F2(b0w, set_atom(s->lset[b0])); F2(b0p, set_atom(s->lset[b0]));
  const uint64_t *U0 = U, *S = s->S, *H = s->H;
  if (flags & 1) {
    /* coarse tags (UPOS, more often right than XPOS) in combinations */
    uint64_t us0 = U0[s0], us1 = U0[s1], ub0 = U0[b0], ub1 = U0[b1];
    F3(us1, us0, ub0); F3(us0, ub0, ub1); B3(ub0, ub1, U0[b2]);
    F2(s0w, ub0); F2(us0, b0w); S2(s1w, us0); S2(us1, s0w);
    F3(us0, U0[s0l], ub0); F3(us0, U0[s0r], ub0); F3(us0, ub0, U0[b0l]);
    F3(us1, us0, U0[s0r]); F3(us1, U0[s1r], us0); F3(us1, us0, U0[s0l]);
    F2(us0, d1); F2(ub0, d1); F3(us0, ub0, d1); S3(us1, us0, d2);
  }
  if (flags & 2) {
    /* word shape and suffixes beyond s0/b0 */
    S1(H[s0]); B1(H[b0]); B1(H[b1]); S1(H[s1]);
    S1(S[s1]); B1(S[b1]);
    F2(S[s0], S[b0]); S2(S[s1], S[s0]);
    F2(H[s0], H[b0]); F2(s0p, S[b0]); F2(S[s0], b0p);
    S2(s1p, S[s0]); S2(S[s1], s0p);
  }
  if (flags & 4) {
    /* more lexical pairs */
    B2(b0w, b1w); B2(b0wp, b1p); B2(b0p, b1wp); B2(W[b2], P[b2]);
    F2(s1w, b0w); F3(s1p, s0w, b0w); F3(s1w, s0w, b0p);
    F2(s0w, b1w); F2(s0wp, b1p);
  }
  if (flags & 8) {
    /* more children */
    F3(s0p, lab_atom(s->lab[s0l]), lab_atom(s->lab[s0r]));
    F2(s0w, lab_atom(s->lab[s0l])); F2(s0w, lab_atom(s->lab[s0r]));
    F2(s1w, lab_atom(s->lab[s1r])); F2(s1p, lab_atom(s->lab[s1l]));
    F2(b0w, lab_atom(s->lab[b0l]));
    F2(s0w, W[s0l]); F2(s0w, W[s0r]); F2(b0w, W[b0l]); F2(s1w, W[s1r]);
    F1(W[s1r2]); F1(P[s1r2]); F1(lab_atom(s->lab[s1r2]));
  }
  if (flags & 16) {
    /* word classes (Koo et al. 2008): coarse and fine classes of the
     * items, with the other item's tag, class pairs, children's classes */
    const uint64_t *CC = s->CC, *CL = s->CL, *CR = s->CR, *CN = s->CN;
    uint64_t cs0 = CC[s0], cs1 = CC[s1], cb0 = CC[b0];
    S1(cs0); S1(cs1); B1(cb0); B1(CC[b1]);
    S1(CL[s0]); B1(CL[b0]); S1(CR[s0]); B1(CR[b0]);
    F2(cs0, b0p); F2(s0p, cb0); S2(cs1, s0p); S2(s1p, cs0);
    F2(cs0, cb0); S2(cs1, cs0); F2(CL[s0], b0p); F2(s0p, CL[b0]);
    F1(CC[s0l]); F1(CC[s0r]); F1(CC[b0l]); F2(CN[s0], CN[b0]);
  }
  if (flags & 32) {
    /* where a prepositional phrase attaches (obl vs nmod): with b0 the
     * preposition, s1 and s0 the two candidate heads (RIGHT closes s0);
     * with s0 a noun whose leftmost child is its preposition, s1 the head
     * it would get */
    const uint64_t *CC = s->CC;
    uint64_t s0c = W[s0l];
    F3(s1w, s0w, b0w); F3(CC[s1], CC[s0], b0w); F3(s1w, b0w, CC[b1]);
    F3(s0w, b0w, CC[b1]); F3(s0w, b0w, U[s1]);
    F3(s0p, lab_atom(s->lab[s0r]), b0w);
    F2(s1w, s0c); F3(s1p, s0c, s0p); F3(CC[s1], s0c, CC[s0]);
    F3(s1w, s0c, CC[s0]);
  }
  /* bias */
  B1(0x5eed);
  return k;
}

/* -------------------------------------------------- static oracle run -- */

int ann_dep_projective(const ann_dep_word *w, size_t n) {
  /* Arcs (h,d) and (h2,d2) cross when exactly one end of one lies strictly
   * inside the other. O(n^2), for training data only. */
  for (size_t i = 0; i < n; i++) {
    int a = (int)i + 1, b = w[i].head;
    int lo = a < b ? a : b, hi = a < b ? b : a;
    for (size_t j = 0; j < n; j++) {
      int c = (int)j + 1, d = w[j].head;
      int lo2 = c < d ? c : d, hi2 = c < d ? d : c;
      if (lo < lo2 && lo2 < hi && hi < hi2) return 0;
    }
  }
  return 1;
}
