/*
 * ann.h — the public entry point of libannalist.
 *
 * A pipeline is opened once (it loads models, gazetteer and dictionaries,
 * all immutable afterwards) and then run on many documents, possibly from
 * several threads at once: each call works only in the document's arena.
 */
#ifndef ANNALIST_ANN_H
#define ANNALIST_ANN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ANN_VERSION "0.1.0"

/* Error codes: every function that can fail returns 0 or one of these. */
enum {
  ANN_OK = 0,
  ANN_ENOMEM = -1,   /* allocation failed or an arena cap was reached */
  ANN_EIO = -2,      /* reading or writing a file failed */
  ANN_EINVAL = -3,   /* bad argument */
  ANN_EFORMAT = -4,  /* input is not in the format it claims */
  ANN_ELIMIT = -5,   /* input exceeds a configured limit */
  ANN_EMODEL = -6,   /* model/data file missing, truncated or corrupt */
  ANN_EEMPTY = -7,   /* input has no usable content */
  ANN_ETRUNC = -8,   /* input ends early (truncated gzip, short WARC record) */
};

/* A failure's details: code, a message naming the input, a byte offset. */
typedef struct ann_error {
  int code;
  long long offset; /* byte offset into the input, -1 when unknown */
  char msg[256];
} ann_error;

/* A static string describing code ("out of memory", ...). */
const char *ann_strerror(int code);

/* A short machine-readable name for code ("ENOMEM", ...), used in records. */
const char *ann_errname(int code);

/* Fill e (if not NULL) with code and a printf-style message; returns code. */
int ann_fail(ann_error *e, int code, long long offset, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* Caps on what one document may cost. Zero fields take the defaults. */
typedef struct ann_limits {
  size_t max_bytes;     /* input document size, default 20 MB */
  size_t max_depth;     /* HTML nesting kept, default 512 */
  size_t max_arena;     /* memory per document, default 512 MB */
  size_t max_tokens;    /* tokens per document, default 2,000,000 */
} ann_limits;

void ann_limits_default(ann_limits *l);

/* The whole file at path, NUL-terminated, in malloc'd memory the caller
 * frees; *len gets its size. NULL (errno set) when it cannot be read. */
char *ann_read_file(const char *path, size_t *len);

/* Calls fn(file, ctx) for path itself when it is not a directory, else for
 * every regular file directly in it (names starting with '.' skipped) in
 * byte order of their names, so that a corpus is read the same way on
 * every machine. Returns 0, or -1 when path cannot be read or any call
 * returned a negative value (the remaining files are still visited). */
int ann_each_file(const char *path, int (*fn)(const char *file, void *ctx),
                  void *ctx);

/* The library never prints: messages go to this callback when set. */
typedef void (*ann_log_fn)(void *ctx, const char *msg);

#endif
