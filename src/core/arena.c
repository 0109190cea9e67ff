/*
 * arena.c — chunked bump allocator (see arena.h).
 *
 * Chunks form a singly linked list; a request larger than the default
 * chunk gets a chunk of its own so that one big input buffer does not
 * waste a half-empty chunk.
 */
#include "annalist/arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define ALIGN 16

typedef struct chunk {
  struct chunk *next;
  size_t size, used;
  _Alignas(16) unsigned char data[];
} chunk;

struct ann_arena {
  chunk *head;   /* chunk being filled */
  chunk *first;  /* kept across resets */
  size_t chunk_size, cap, total;
  void *last;    /* most recent allocation, for in-place realloc */
};

static size_t align_up(size_t n) { return (n + ALIGN - 1) & ~(size_t)(ALIGN - 1); }

static chunk *chunk_new(size_t size) {
  chunk *c = malloc(sizeof *c + size);
  if (!c) return NULL;
  c->next = NULL;
  c->size = size;
  c->used = 0;
  return c;
}

ann_arena *ann_arena_new(size_t chunk_size, size_t cap) {
  ann_arena *a = calloc(1, sizeof *a);
  if (!a) return NULL;
  a->chunk_size = chunk_size < 4096 ? 4096 : align_up(chunk_size);
  a->cap = cap;
  a->first = a->head = chunk_new(a->chunk_size);
  if (!a->head) {
    free(a);
    return NULL;
  }
  return a;
}

static void free_chain(chunk *c, chunk *keep) {
  while (c) {
    chunk *n = c->next;
    if (c != keep) free(c);
    c = n;
  }
}

void ann_arena_free(ann_arena *a) {
  if (!a) return;
  free_chain(a->head, NULL);
  free(a);
}

void ann_arena_reset(ann_arena *a) {
  free_chain(a->head, a->first);
  a->head = a->first;
  a->head->next = NULL;
  a->head->used = 0;
  a->total = 0;
  a->last = NULL;
}

/* New chunks are pushed at the head; ann_arena_reset() frees every chunk
 * but the original first one, wherever it sits in the list. */
void *ann_alloc(ann_arena *a, size_t n) {
  n = align_up(n ? n : 1);
  if (a->cap && a->total + n > a->cap) return NULL;
  chunk *c = a->head;
  if (c->size - c->used < n) {
    size_t size = n > a->chunk_size / 2 ? n : a->chunk_size;
    chunk *nc = chunk_new(size);
    if (!nc) return NULL;
    if (size == n) {
      /* a dedicated chunk: link it behind the head so the head keeps
       * serving small requests */
      nc->next = c->next;
      c->next = nc;
      nc->used = n;
      a->total += n;
      a->last = NULL;
      return nc->data;
    }
    nc->next = c;
    a->head = c = nc;
  }
  void *p = c->data + c->used;
  c->used += n;
  a->total += n;
  a->last = p;
  return p;
}

void *ann_calloc(ann_arena *a, size_t n) {
  void *p = ann_alloc(a, n);
  if (p) memset(p, 0, n);
  return p;
}

void *ann_realloc(ann_arena *a, void *p, size_t old, size_t n) {
  if (!p) return ann_alloc(a, n);
  if (n <= old) return p;
  chunk *c = a->head;
  size_t oa = align_up(old), na = align_up(n);
  if (p == a->last && (unsigned char *)p + oa == c->data + c->used &&
      c->size - c->used >= na - oa &&
      (!a->cap || a->total + (na - oa) <= a->cap)) {
    c->used += na - oa;
    a->total += na - oa;
    return p;
  }
  void *q = ann_alloc(a, n);
  if (!q) return NULL;
  memcpy(q, p, old);
  return q;
}

char *ann_strndup(ann_arena *a, const char *s, size_t n) {
  char *p = ann_alloc(a, n + 1);
  if (!p) return NULL;
  memcpy(p, s, n);
  p[n] = 0;
  return p;
}

char *ann_strdup(ann_arena *a, const char *s) {
  return s ? ann_strndup(a, s, strlen(s)) : NULL;
}

char *ann_sprintf(ann_arena *a, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n < 0) return NULL;
  char *p = ann_alloc(a, (size_t)n + 1);
  if (!p) return NULL;
  va_start(ap, fmt);
  vsnprintf(p, (size_t)n + 1, fmt, ap);
  va_end(ap);
  return p;
}

size_t ann_arena_used(const ann_arena *a) { return a->total; }

int ann_vec_grow(ann_arena *a, void **v, size_t *cap, size_t n, size_t elem) {
  size_t nc = *cap ? *cap * 2 : 8;
  if (nc > SIZE_MAX / elem) return -1;
  void *p = ann_realloc(a, *v, n * elem, nc * elem);
  if (!p) return -1;
  *v = p;
  *cap = nc;
  return 0;
}
