/*
 * arena.h — per-document bump allocator.
 *
 * Everything derived from one article (input bytes, DOM, text, tokens,
 * entities, events...) is allocated here and released by one
 * ann_arena_free(). An arena has a cap: once reached, allocations return
 * NULL and the document becomes an error record instead of eating memory.
 */
#ifndef ANNALIST_ARENA_H
#define ANNALIST_ARENA_H

#include <stddef.h>
#include <string.h>

typedef struct ann_arena ann_arena;

/* A new arena whose first chunk holds chunk bytes; cap 0 = unlimited.
 * Returns NULL when out of memory. The caller frees it. */
ann_arena *ann_arena_new(size_t chunk, size_t cap);

/* Release every allocation at once. NULL is fine. */
void ann_arena_free(ann_arena *a);

/* Forget all allocations but keep the first chunk for reuse. */
void ann_arena_reset(ann_arena *a);

/* n bytes aligned to 16, uninitialised; NULL when over the cap. */
void *ann_alloc(ann_arena *a, size_t n);

/* n zeroed bytes; NULL when over the cap. */
void *ann_calloc(ann_arena *a, size_t n);

/* Grow p (of old bytes, from ann_alloc) to n bytes; in place when p is
 * the last allocation. Returns NULL (p still valid) when over the cap. */
void *ann_realloc(ann_arena *a, void *p, size_t old, size_t n);

/* Copies of strings into the arena, NUL-terminated. */
char *ann_strndup(ann_arena *a, const char *s, size_t n);
char *ann_strdup(ann_arena *a, const char *s);
char *ann_sprintf(ann_arena *a, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Bytes handed out so far (for caps and statistics). */
size_t ann_arena_used(const ann_arena *a);

/*
 * Growable arrays living in an arena:
 *   ANN_VEC(ann_entity) ents = {0};
 *   ann_entity *e = ANN_PUSH(arena, &ents);   // zeroed, NULL if over cap
 */
#define ANN_VEC(T)                                                           \
  struct {                                                                   \
    T *v;                                                                    \
    size_t n, cap;                                                           \
  }

int ann_vec_grow(ann_arena *a, void **v, size_t *cap, size_t n, size_t elem);

#define ANN_PUSH(a, vec)                                                     \
  (((vec)->n < (vec)->cap ||                                                 \
    ann_vec_grow((a), (void **)&(vec)->v, &(vec)->cap, (vec)->n,             \
                 sizeof *(vec)->v) == 0)                                     \
       ? memset(&(vec)->v[(vec)->n++], 0, sizeof *(vec)->v)                  \
       : NULL)

#endif
