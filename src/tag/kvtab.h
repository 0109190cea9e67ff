/*
 * kvtab.h — a read-only hash table from 64-bit keys to 32-bit values, as a
 * model section used in place (tag dictionaries, lemma tables, gazetteer
 * flags). Open addressing, linear probing on the key's low bits.
 *
 * Blob (u32 words): magic "AKV1" | cap | n | 0, then u64 keys[cap] (0 = an
 * empty slot; a key of 0 is stored as 1), then u32 vals[cap].
 *
 *   ann_kv_builder *b = ann_kv_builder_new();
 *   ann_kv_builder_put(b, ann_pc_hash_str(7, "the"), 3);  // last put wins
 *   ann_kv_builder_build(b, &blob, &size);                // malloc'd blob
 *   ann_kv kv; ann_kv_open(&kv, blob, size, &e);          // no allocation
 *   uint32_t v; if (ann_kv_get(&kv, key, &v)) ...
 */
#ifndef ANN_TAG_KVTAB_H
#define ANN_TAG_KVTAB_H

#include "annalist/ann.h"

typedef struct ann_kv {
  uint32_t cap, n;
  const uint64_t *keys;
  const uint32_t *vals;
} ann_kv;

/* View a blob (8-byte aligned, kept alive by the caller); checks bounds
 * and that the table has an empty slot. */
int ann_kv_open(ann_kv *kv, const void *blob, size_t size, ann_error *e);

/* 1 and *val when key is present, else 0. An unopened (zeroed) table is
 * empty. */
static inline int ann_kv_get(const ann_kv *kv, uint64_t key, uint32_t *val) {
  if (!kv->cap) return 0;
  if (!key) key = 1;
  uint32_t mask = kv->cap - 1;
  for (uint32_t i = (uint32_t)key & mask;; i = (i + 1) & mask) {
    if (kv->keys[i] == key) {
      *val = kv->vals[i];
      return 1;
    }
    if (!kv->keys[i]) return 0;
  }
}

typedef struct ann_kv_builder ann_kv_builder;
ann_kv_builder *ann_kv_builder_new(void);
int ann_kv_builder_put(ann_kv_builder *b, uint64_t key, uint32_t val);
/* A malloc'd blob of the table, keys in insertion order (deterministic). */
int ann_kv_builder_build(const ann_kv_builder *b, void **blob, size_t *size);
void ann_kv_builder_free(ann_kv_builder *b);

#endif
