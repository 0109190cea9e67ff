/* buf.c — growable output buffer with a maximum (see out.h). */
#include "annalist/out.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void ann_buf_init(ann_buf *b, size_t max) {
  memset(b, 0, sizeof *b);
  b->max = max;
}

void ann_buf_free(ann_buf *b) {
  free(b->p);
  memset(b, 0, sizeof *b);
}

static int reserve(ann_buf *b, size_t n) {
  if (b->err) return -1;
  if (b->len + n + 1 <= b->cap) return 0;
  size_t need = b->len + n + 1;
  if (b->max && need > b->max) {
    b->err = ANN_ENOMEM;
    return -1;
  }
  size_t nc = b->cap ? b->cap : 4096;
  while (nc < need) nc *= 2;
  if (b->max && nc > b->max) nc = b->max;
  char *p = realloc(b->p, nc);
  if (!p) {
    b->err = ANN_ENOMEM;
    return -1;
  }
  b->p = p;
  b->cap = nc;
  return 0;
}

void ann_buf_put(ann_buf *b, const char *s, size_t n) {
  if (reserve(b, n) < 0) return;
  memcpy(b->p + b->len, s, n);
  b->len += n;
  b->p[b->len] = 0;
}

void ann_buf_puts(ann_buf *b, const char *s) { ann_buf_put(b, s, strlen(s)); }

void ann_buf_putc(ann_buf *b, char c) { ann_buf_put(b, &c, 1); }

void ann_buf_printf(ann_buf *b, const char *fmt, ...) {
  char tmp[256];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  if (n < 0) return;
  if ((size_t)n < sizeof tmp) {
    ann_buf_put(b, tmp, (size_t)n);
    return;
  }
  if (reserve(b, (size_t)n) < 0) return;
  va_start(ap, fmt);
  vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
  va_end(ap);
  b->len += (size_t)n;
}
