/*
 * perceptron.c — averaged perceptron: trainer and compiled scorer
 * (see perceptron.h for the design and a usage sketch).
 *
 * Blob layout (little-endian u32 words, the whole blob 4-byte aligned):
 *   header  magic "APC1" | nclasses | cap | nent | scale (f32 bits) |
 *           names_len | nfeat | 0
 *   fp      [cap]   32-bit fingerprint of the feature hash, 0 = empty
 *   off     [cap]   index into ent of the feature's block
 *   ent     [nent]  blocks: count k, then k x (class << 16 | uint16 weight)
 *   names   names_len bytes: class names, each NUL-terminated, padded
 * A feature hash h probes slots (h + i) & (cap - 1) and matches on
 * fingerprint (h >> 32) | 1. Two features that share both a probe chain and
 * a fingerprint merge into the first: rare enough (2^-32 per pair) to
 * ignore, and never unsafe.
 */
#include "tag/perceptron.h"

#include "annalist/model.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAGIC 0x31435041u /* "APC1" */
#define HDR 8

static uint32_t fingerprint(uint64_t h) { return (uint32_t)(h >> 32) | 1u; }

/* ---------------------------------------------------------- run time -- */

int ann_pc_open(ann_pc *m, const void *blob, size_t size, ann_error *e) {
  memset(m, 0, sizeof *m);
  const uint32_t *w = blob;
  if (!blob || ((uintptr_t)blob & 3) || size < HDR * 4 || w[0] != MAGIC)
    return ann_fail(e, ANN_EMODEL, 0, "perceptron: not a weight table");
  uint32_t nc = w[1], cap = w[2], nent = w[3], nlen = w[5];
  float scale;
  memcpy(&scale, &w[4], 4);
  size_t words = size / 4;
  if (nc == 0 || nc > 65535 || cap == 0 || (cap & (cap - 1)) ||
      cap > words || nent > words ||
      (size_t)HDR + 2 * (size_t)cap + nent > words ||
      nlen > size - ((size_t)HDR + 2 * (size_t)cap + nent) * 4 ||
      !(scale > 0) || !isfinite(scale))
    return ann_fail(e, ANN_EMODEL, 0, "perceptron: bad header");
  m->nclasses = nc;
  m->cap = cap;
  m->nent = nent;
  m->nfeat = w[6];
  m->scale = scale;
  m->fp = w + HDR;
  m->off = m->fp + cap;
  m->ent = m->off + cap;
  /* every slot in use must point at a block inside ent, with valid
   * classes; at least one slot must be empty so a miss terminates */
  uint32_t used = 0;
  for (uint32_t i = 0; i < cap; i++) {
    if (!m->fp[i]) continue;
    used++;
    uint32_t o = m->off[i];
    if (o >= nent || m->ent[o] > nent - o - 1)
      return ann_fail(e, ANN_EMODEL, 0, "perceptron: slot %u out of bounds",
                      i);
    for (uint32_t k = 1; k <= m->ent[o]; k++)
      if ((m->ent[o + k] >> 16) >= nc)
        return ann_fail(e, ANN_EMODEL, 0, "perceptron: bad class in slot %u",
                        i);
  }
  if (used >= cap)
    return ann_fail(e, ANN_EMODEL, 0, "perceptron: table full");
  const char *names = (const char *)(m->ent + nent);
  m->names = malloc(nc * sizeof *m->names);
  if (!m->names) return ann_fail(e, ANN_ENOMEM, -1, "out of memory");
  size_t p = 0;
  for (uint32_t c = 0; c < nc; c++) {
    const char *z = p < nlen ? memchr(names + p, 0, nlen - p) : NULL;
    if (!z) {
      free(m->names);
      m->names = NULL;
      return ann_fail(e, ANN_EMODEL, 0, "perceptron: class names truncated");
    }
    m->names[c] = names + p;
    p = (size_t)(z - names) + 1;
  }
  return 0;
}

int ann_pc_load(ann_pc *m, const ann_model *model, const char *section,
                ann_error *e) {
  size_t size;
  const void *b = ann_model_section(model, section, &size);
  if (!b) {
    memset(m, 0, sizeof *m);
    return ann_fail(e, ANN_EMODEL, -1, "%s: no section '%s'",
                    ann_model_path(model), section);
  }
  int rc = ann_pc_open(m, b, size, e);
  if (rc < 0 && e) {
    char tmp[sizeof e->msg];
    memcpy(tmp, e->msg, sizeof tmp);
    ann_fail(e, rc, e->offset, "%s: section '%s': %s", ann_model_path(model),
             section, tmp);
  }
  return rc;
}

void ann_pc_close(ann_pc *m) {
  if (!m) return;
  free(m->names);
  m->names = NULL;
}

static inline const uint32_t *lookup(const ann_pc *m, uint64_t h) {
  uint32_t fp = fingerprint(h), mask = m->cap - 1;
  for (uint32_t i = (uint32_t)h & mask;; i = (i + 1) & mask) {
    uint32_t s = m->fp[i];
    if (s == fp) return m->ent + m->off[i];
    if (!s) return NULL;
  }
}

static inline void add_block(const uint32_t *b, int32_t *scores) {
  uint32_t k = b[0];
  for (uint32_t j = 1; j <= k; j++)
    scores[b[j] >> 16] += (int16_t)(uint16_t)(b[j] & 0xffff);
}

void ann_pc_add(const ann_pc *m, uint64_t f, int32_t *scores) {
  const uint32_t *b = lookup(m, f);
  if (b) add_block(b, scores);
}

/* The table is larger than the cache and the loads of one decision's
 * features are independent, so the misses are overlapped in three passes
 * over batches of features: prefetch the slots (fp and off), then find the
 * entry blocks and prefetch them, then add them up. Three dependent misses
 * per feature become about one round of parallel ones. */
void ann_pc_scores(const ann_pc *m, const uint64_t *f, size_t n,
                   int32_t *scores) {
  memset(scores, 0, m->nclasses * sizeof *scores);
  uint32_t mask = m->cap - 1;
  const uint32_t *blk[64];
  for (size_t s = 0; s < n; s += 64) {
    size_t e = n - s < 64 ? n - s : 64, k = 0;
    for (size_t i = s; i < s + e; i++) {
      uint32_t j = (uint32_t)f[i] & mask;
      __builtin_prefetch(&m->fp[j]);
      __builtin_prefetch(&m->off[j]);
    }
    for (size_t i = s; i < s + e; i++) {
      const uint32_t *b = lookup(m, f[i]);
      if (b) {
        __builtin_prefetch(b);
        blk[k++] = b;
      }
    }
    for (size_t i = 0; i < k; i++) add_block(blk[i], scores);
  }
}

int ann_pc_class(const ann_pc *m, const char *name) {
  for (uint32_t c = 0; c < m->nclasses; c++)
    if (strcmp(m->names[c], name) == 0) return (int)c;
  return -1;
}

/* ----------------------------------------------------------- training -- */

typedef struct tent {
  uint32_t cls;
  int32_t w;
  int64_t wa; /* sum of clock * delta */
} tent;

typedef struct tfeat {
  uint64_t key;
  uint32_t off; /* into pool */
  uint16_t n, cap;
} tfeat;

struct ann_pc_trainer {
  uint32_t nclasses;
  int64_t clock;
  uint32_t *slot; /* [hcap] feature index + 1, 0 = empty */
  uint32_t hcap;
  tfeat *feat;
  size_t nfeat, fcap;
  tent *pool;
  size_t npool, pcap;
};

ann_pc_trainer *ann_pc_trainer_new(uint32_t nclasses) {
  if (nclasses == 0 || nclasses > 65535) return NULL;
  ann_pc_trainer *t = calloc(1, sizeof *t);
  if (!t) return NULL;
  t->nclasses = nclasses;
  t->clock = 1;
  t->hcap = 1u << 16;
  t->slot = calloc(t->hcap, sizeof *t->slot);
  if (!t->slot) {
    free(t);
    return NULL;
  }
  return t;
}

void ann_pc_trainer_free(ann_pc_trainer *t) {
  if (!t) return;
  free(t->slot);
  free(t->feat);
  free(t->pool);
  free(t);
}

size_t ann_pc_trainer_nfeat(const ann_pc_trainer *t) { return t->nfeat; }

void ann_pc_trainer_tick(ann_pc_trainer *t) { t->clock++; }

static tfeat *tfind(const ann_pc_trainer *t, uint64_t h) {
  uint32_t mask = t->hcap - 1;
  for (uint32_t i = (uint32_t)(h ^ h >> 32) & mask;; i = (i + 1) & mask) {
    uint32_t s = t->slot[i];
    if (!s) return NULL;
    if (t->feat[s - 1].key == h) return &t->feat[s - 1];
  }
}

static int rehash(ann_pc_trainer *t) {
  uint32_t ncap = t->hcap * 2;
  uint32_t *ns = calloc(ncap, sizeof *ns);
  if (!ns) return ANN_ENOMEM;
  for (size_t f = 0; f < t->nfeat; f++) {
    uint64_t h = t->feat[f].key;
    uint32_t i = (uint32_t)(h ^ h >> 32) & (ncap - 1);
    while (ns[i]) i = (i + 1) & (ncap - 1);
    ns[i] = (uint32_t)f + 1;
  }
  free(t->slot);
  t->slot = ns;
  t->hcap = ncap;
  return 0;
}

static tfeat *tinsert(ann_pc_trainer *t, uint64_t h) {
  tfeat *f = tfind(t, h);
  if (f) return f;
  if ((t->nfeat + 1) * 2 > t->hcap && rehash(t) < 0) return NULL;
  if (t->nfeat == t->fcap) {
    size_t nc = t->fcap ? t->fcap * 2 : 4096;
    tfeat *nf = realloc(t->feat, nc * sizeof *nf);
    if (!nf) return NULL;
    t->feat = nf;
    t->fcap = nc;
  }
  uint32_t mask = t->hcap - 1;
  uint32_t i = (uint32_t)(h ^ h >> 32) & mask;
  while (t->slot[i]) i = (i + 1) & mask;
  t->slot[i] = (uint32_t)t->nfeat + 1;
  f = &t->feat[t->nfeat++];
  f->key = h;
  f->off = 0;
  f->n = f->cap = 0;
  return f;
}

/* Room for one more entry in f's block: blocks grow by moving to the end of
 * the pool (the old space is abandoned; blocks are small). */
static int tgrow(ann_pc_trainer *t, tfeat *f) {
  if (f->n < f->cap) return 0;
  uint32_t nc = f->cap ? f->cap * 2u : 2u;
  if (nc > t->nclasses) nc = t->nclasses;
  if (nc > 65535) nc = 65535;
  if (t->npool + nc > t->pcap) {
    size_t pc = t->pcap ? t->pcap * 2 : 1u << 16;
    while (pc < t->npool + nc) pc *= 2;
    if (pc > UINT32_MAX) return ANN_ENOMEM;
    tent *np = realloc(t->pool, pc * sizeof *np);
    if (!np) return ANN_ENOMEM;
    t->pool = np;
    t->pcap = pc;
  }
  if (f->n) memcpy(t->pool + t->npool, t->pool + f->off, f->n * sizeof(tent));
  f->off = (uint32_t)t->npool;
  f->cap = (uint16_t)nc;
  t->npool += nc;
  return 0;
}

void ann_pc_trainer_scores(const ann_pc_trainer *t, const uint64_t *f,
                           size_t n, int32_t *scores) {
  memset(scores, 0, t->nclasses * sizeof *scores);
  for (size_t i = 0; i < n; i++) {
    const tfeat *ft = tfind(t, f[i]);
    if (!ft) continue;
    const tent *e = t->pool + ft->off;
    for (uint32_t j = 0; j < ft->n; j++) scores[e[j].cls] += e[j].w;
  }
}

int ann_pc_trainer_update(ann_pc_trainer *t, const uint64_t *f, size_t n,
                          uint32_t cls, int32_t delta) {
  if (cls >= t->nclasses) return ANN_EINVAL;
  for (size_t i = 0; i < n; i++) {
    tfeat *ft = tinsert(t, f[i]);
    if (!ft) return ANN_ENOMEM;
    tent *e = ft->n ? t->pool + ft->off : NULL; /* pool may be NULL */
    uint32_t j = 0;
    while (j < ft->n && e[j].cls != cls) j++;
    if (j == ft->n) {
      if (tgrow(t, ft) < 0) return ANN_ENOMEM;
      e = t->pool + ft->off;
      e[j].cls = cls;
      e[j].w = 0;
      e[j].wa = 0;
      ft->n++;
    }
    e[j].w += delta;
    e[j].wa += t->clock * (int64_t)delta;
  }
  return 0;
}

static double avg(const ann_pc_trainer *t, const tent *e) {
  return (double)e->w - (double)e->wa / (double)t->clock;
}

int ann_pc_trainer_build(const ann_pc_trainer *t, const char *const *names,
                         double prune, void **blob, size_t *size) {
  *blob = NULL;
  *size = 0;
  double maxabs = 0;
  for (size_t f = 0; f < t->nfeat; f++)
    for (uint32_t j = 0; j < t->feat[f].n; j++) {
      double a = fabs(avg(t, &t->pool[t->feat[f].off + j]));
      if (a > maxabs) maxabs = a;
    }
  float scale = maxabs > 0 ? (float)(32767.0 / maxabs) : 1.0f;
  /* first pass: what survives quantisation and pruning */
  size_t nfeat = 0, nent = 0;
  for (size_t f = 0; f < t->nfeat; f++) {
    size_t k = 0;
    for (uint32_t j = 0; j < t->feat[f].n; j++) {
      double a = avg(t, &t->pool[t->feat[f].off + j]);
      if (fabs(a) >= prune && lround(a * scale) != 0) k++;
    }
    if (k) {
      nfeat++;
      nent += 1 + k;
    }
  }
  uint32_t cap = 16;
  while ((size_t)cap * 7 < nfeat * 10 + 7) cap *= 2;
  size_t nlen = 0;
  for (uint32_t c = 0; c < t->nclasses; c++) nlen += strlen(names[c]) + 1;
  size_t nlen_pad = (nlen + 3) & ~(size_t)3;
  size_t total = (HDR + 2 * (size_t)cap + nent) * 4 + nlen_pad;
  uint32_t *w = calloc(1, total);
  if (!w) return ANN_ENOMEM;
  w[0] = MAGIC;
  w[1] = t->nclasses;
  w[2] = cap;
  w[3] = (uint32_t)nent;
  memcpy(&w[4], &scale, 4);
  w[5] = (uint32_t)nlen_pad;
  w[6] = (uint32_t)nfeat;
  uint32_t *fp = w + HDR, *off = fp + cap, *ent = off + cap;
  size_t pos = 0;
  for (size_t f = 0; f < t->nfeat; f++) {
    const tfeat *ft = &t->feat[f];
    size_t start = pos, k = 0;
    for (uint32_t j = 0; j < ft->n; j++) {
      const tent *e = &t->pool[ft->off + j];
      double a = avg(t, e);
      long q = lround(a * scale);
      if (fabs(a) < prune || q == 0) continue;
      if (q > 32767) q = 32767;
      if (q < -32767) q = -32767;
      ent[start + 1 + k++] = e->cls << 16 | (uint16_t)(int16_t)q;
    }
    if (!k) continue;
    uint32_t h = fingerprint(ft->key), i = (uint32_t)ft->key & (cap - 1);
    while (fp[i] && fp[i] != h) i = (i + 1) & (cap - 1);
    if (fp[i]) continue; /* fingerprint collision: keep the first */
    ent[start] = (uint32_t)k;
    fp[i] = h;
    off[i] = (uint32_t)start;
    pos += 1 + k;
  }
  w[3] = (uint32_t)pos; /* collisions may have left the tail unused */
  char *nm = (char *)(ent + pos);
  for (uint32_t c = 0; c < t->nclasses; c++) {
    size_t l = strlen(names[c]) + 1;
    memcpy(nm, names[c], l);
    nm += l;
  }
  *blob = w;
  *size = (HDR + 2 * (size_t)cap + pos) * 4 + nlen_pad;
  return 0;
}
