/*
 * file.c — one file (or standard input) as one document, or as a
 * container whose reader yields many.
 */
#include "source_int.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static bool ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), m = strlen(suffix);
  return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

ann_input_format ann_sniff_document(const char *name, const unsigned char *p,
                                    size_t n) {
  if (ends_with(name, ".txt") || ends_with(name, ".text")) return ANN_IN_TEXT;
  if (ends_with(name, ".html") || ends_with(name, ".htm") ||
      ends_with(name, ".xhtml"))
    return ANN_IN_HTML;
  /* look for markup in the first KB: a tag name right after '<' */
  size_t lim = n < 1024 ? n : 1024;
  for (size_t i = 0; i + 1 < lim; i++) {
    if (p[i] != '<') continue;
    unsigned char c = p[i + 1];
    if (c == '!' || c == '?' || isalpha(c)) return ANN_IN_HTML;
  }
  return ANN_IN_TEXT;
}

int ann_read_all(FILE *f, ann_arena *a, size_t max, unsigned char **out,
                 size_t *len) {
  size_t cap = 64 * 1024, n = 0;
  unsigned char *buf = ann_alloc(a, cap);
  if (!buf) return ANN_ENOMEM;
  for (;;) {
    if (n == cap) {
      if (n > max) break;
      size_t nc = cap * 2;
      unsigned char *nb = ann_realloc(a, buf, cap, nc);
      if (!nb) return ANN_ENOMEM;
      buf = nb;
      cap = nc;
    }
    size_t want = cap - n;
    if (n + want > max + 1) want = max + 1 - n;
    if (want == 0) break;
    size_t got = fread(buf + n, 1, want, f);
    n += got;
    if (got < want) {
      if (ferror(f)) return ANN_EIO;
      break;
    }
  }
  *out = buf;
  *len = n;
  return n > max ? ANN_ELIMIT : 0;
}

/* An error record for path: the message names the input. */
static int file_error(ann_arena *a, ann_input *in, int code, const char *path,
                      const char *why) {
  in->error = code;
  in->error_msg = ann_sprintf(a, "%s: %s", path, why);
  return 1;
}

int ann_reader_open(ann_source *s, const char *path, ann_arena *a,
                    ann_input *in, ann_error *e) {
  (void)e;
  bool is_stdin = strcmp(path, "-") == 0;
  in->name = ann_strdup(a, is_stdin ? "<stdin>" : path);
  FILE *f = is_stdin ? stdin : fopen(path, "rb");
  if (!f) return file_error(a, in, ANN_EIO, path, strerror(errno));
  unsigned char *buf;
  size_t len;
  int rc = ann_read_all(f, a, s->lim.max_bytes, &buf, &len);
  if (!is_stdin) fclose(f);
  if (rc == ANN_ELIMIT)
    return file_error(
        a, in, ANN_ELIMIT, in->name,
        ann_sprintf(a, "larger than the --max-bytes limit of %zu bytes",
                    s->lim.max_bytes));
  if (rc < 0) return file_error(a, in, rc, in->name, ann_strerror(rc));
  in->bytes = buf;
  in->len = len;
  switch (s->fmt) {
  case ANN_IN_HTML: in->kind = ANN_IN_HTML; break;
  case ANN_IN_TEXT: in->kind = ANN_IN_TEXT; break;
  default: in->kind = ann_sniff_document(path, buf, len);
  }
  return 1;
}
