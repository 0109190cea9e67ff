/*
 * out.h — output: a streaming JSON writer and the record writers.
 *
 * ann_buf is a growable byte buffer with a maximum; writers append to it
 * and the caller flushes it. A buffer that hits its maximum stays marked
 * as failed (ann_buf.err) so one check at the end is enough.
 */
#ifndef ANNALIST_OUT_H
#define ANNALIST_OUT_H

#include "annalist/doc.h"

#include <stdio.h>

typedef struct ann_buf {
  char *p;
  size_t len, cap, max; /* max 0 = unlimited */
  int err;              /* ANN_ENOMEM once an append failed */
} ann_buf;

void ann_buf_init(ann_buf *b, size_t max);
void ann_buf_free(ann_buf *b);
void ann_buf_put(ann_buf *b, const char *s, size_t n);
void ann_buf_puts(ann_buf *b, const char *s);
void ann_buf_putc(ann_buf *b, char c);
void ann_buf_printf(ann_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* --- JSON writer: commas and nesting handled by the writer. --- */
typedef struct ann_json {
  ann_buf *b;
  int depth;
  unsigned char first[64]; /* per level: nothing written yet */
} ann_json;

void ann_json_init(ann_json *j, ann_buf *b);
void ann_json_obj(ann_json *j);          /* { */
void ann_json_obj_end(ann_json *j);      /* } */
void ann_json_arr(ann_json *j);          /* [ */
void ann_json_arr_end(ann_json *j);      /* ] */
void ann_json_key(ann_json *j, const char *k);
void ann_json_str(ann_json *j, const char *s);          /* NULL -> null */
void ann_json_strn(ann_json *j, const char *s, size_t n);
void ann_json_int(ann_json *j, long long v);
void ann_json_num(ann_json *j, double v); /* shortest form that reads back */
void ann_json_bool(ann_json *j, bool v);
void ann_json_null(ann_json *j);

/* Append s (n bytes of UTF-8) as a JSON string body, escaped; invalid
 * UTF-8 becomes U+FFFD so the output is always valid JSON. */
void ann_json_escape(ann_buf *b, const char *s, size_t n);

/* Options for the record writer. */
typedef struct ann_record_opts {
  bool tokens; /* include tokens with POS, lemma, head */
} ann_record_opts;

/* Append d as one JSON Lines record (with the final '\n'). */
void ann_write_record(ann_buf *b, const ann_doc *d, const ann_record_opts *o);

#endif
