/* kvtab.c — read-only 64->32 bit hash table sections (see kvtab.h). */
#include "tag/kvtab.h"

#include <stdlib.h>
#include <string.h>

#define MAGIC 0x31564B41u /* "AKV1" */

int ann_kv_open(ann_kv *kv, const void *blob, size_t size, ann_error *e) {
  memset(kv, 0, sizeof *kv);
  const uint32_t *h = blob;
  if (!blob || ((uintptr_t)blob & 7) || size < 16 || h[0] != MAGIC)
    return ann_fail(e, ANN_EMODEL, 0, "hash table: bad magic");
  uint32_t cap = h[1];
  if (cap == 0 || (cap & (cap - 1)) || h[2] >= cap ||
      (size - 16) / 12 < cap)
    return ann_fail(e, ANN_EMODEL, 0, "hash table: bad header");
  kv->keys = (const uint64_t *)(h + 4);
  kv->vals = (const uint32_t *)(kv->keys + cap);
  uint32_t used = 0;
  for (uint32_t i = 0; i < cap; i++) used += kv->keys[i] != 0;
  if (used >= cap) return ann_fail(e, ANN_EMODEL, 0, "hash table: full");
  kv->cap = cap;
  kv->n = used;
  return 0;
}

struct ann_kv_builder {
  uint64_t *k;
  uint32_t *v;
  size_t n, cap;
};

ann_kv_builder *ann_kv_builder_new(void) { return calloc(1, sizeof(ann_kv_builder)); }

void ann_kv_builder_free(ann_kv_builder *b) {
  if (!b) return;
  free(b->k);
  free(b->v);
  free(b);
}

/* Kept as a list (puts are few, at training time); duplicates resolve at
 * build time, the last put winning. */
int ann_kv_builder_put(ann_kv_builder *b, uint64_t key, uint32_t val) {
  if (b->n == b->cap) {
    size_t nc = b->cap ? b->cap * 2 : 1024;
    uint64_t *k = realloc(b->k, nc * sizeof *k);
    if (!k) return ANN_ENOMEM;
    b->k = k;
    uint32_t *v = realloc(b->v, nc * sizeof *v);
    if (!v) return ANN_ENOMEM;
    b->v = v;
    b->cap = nc;
  }
  b->k[b->n] = key ? key : 1;
  b->v[b->n++] = val;
  return 0;
}

int ann_kv_builder_build(const ann_kv_builder *b, void **blob, size_t *size) {
  uint32_t cap = 16;
  while ((size_t)cap < b->n * 2 + 1) cap *= 2;
  size_t sz = 16 + (size_t)cap * 12;
  uint32_t *h = calloc(1, sz);
  if (!h) return ANN_ENOMEM;
  uint64_t *keys = (uint64_t *)(h + 4);
  uint32_t *vals = (uint32_t *)(keys + cap);
  uint32_t n = 0;
  for (size_t j = 0; j < b->n; j++) {
    uint32_t i = (uint32_t)b->k[j] & (cap - 1);
    while (keys[i] && keys[i] != b->k[j]) i = (i + 1) & (cap - 1);
    if (!keys[i]) n++;
    keys[i] = b->k[j];
    vals[i] = b->v[j];
  }
  h[0] = MAGIC;
  h[1] = cap;
  h[2] = n;
  *blob = h;
  *size = sz;
  return 0;
}
