/*
 * file.c — one file (or standard input) as one document, or as a
 * container whose reader yields many.
 */
#include "source_int.h"
#include "stream.h"

#include <sys/stat.h>
#include <unistd.h>

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

/* The name without a compression suffix, for guessing by extension. */
static size_t base_len(const char *name) {
  size_t n = strlen(name);
  if (n > 3 && strcasecmp(name + n - 3, ".gz") == 0) return n - 3;
  if (n > 4 && strcasecmp(name + n - 4, ".zst") == 0) return n - 4;
  return n;
}

static bool base_ends_with(const char *name, const char *suffix) {
  size_t n = base_len(name), m = strlen(suffix);
  return n >= m && strncasecmp(name + n - m, suffix, m) == 0;
}

ann_input_format ann_sniff_format(const char *name, const unsigned char *p,
                                  size_t n) {
  if (base_ends_with(name, ".warc")) return ANN_IN_WARC;
  if (base_ends_with(name, ".jsonl") || base_ends_with(name, ".ndjson"))
    return ANN_IN_JSONL;
  size_t i = n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
  while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
    i++;
  if (n - i >= 7 && memcmp(p + i, "WARC/", 5) == 0) return ANN_IN_WARC;
  if (i < n && p[i] == '{') {
    /* a JSON object on the first line: JSON Lines */
    const unsigned char *nl = memchr(p + i, '\n', n - i);
    size_t e = nl ? (size_t)(nl - p) : n;
    while (e > i && (p[e - 1] == '\r' || p[e - 1] == ' '))
      e--;
    if (e > i && p[e - 1] == '}') return ANN_IN_JSONL;
    if (!nl && n >= 4096) return ANN_IN_JSONL; /* a line longer than 4 KB */
  }
  char plain[4096];
  size_t bl = base_len(name);
  if (bl >= sizeof plain) bl = sizeof plain - 1;
  memcpy(plain, name, bl);
  plain[bl] = 0;
  return ann_sniff_document(plain, p, n);
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
  bool is_stdin = strcmp(path, "-") == 0;
  const char *name = is_stdin ? "<stdin>" : path;
  in->name = ann_strdup(a, name);
  if (!is_stdin) {
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
      return file_error(a, in, ANN_EIO, path, "is a directory");
  }
  FILE *f = is_stdin ? fdopen(dup(0), "rb") : fopen(path, "rb");
  if (!f) return file_error(a, in, ANN_EIO, name, strerror(errno));
  return ann_reader_open_file(s, f, name, a, in, e);
}

static int stream_error_record(ann_stream *st, ann_arena *a, ann_input *in,
                               const char *name) {
  const char *msg;
  int code = ann_stream_error(st, &msg);
  if (!code) return 0;
  file_error(a, in, code, name, msg);
  return 1;
}

int ann_reader_open_file(ann_source *s, FILE *f, const char *name, ann_arena *a,
                         ann_input *in, ann_error *e) {
  (void)e;
  in->name = ann_strdup(a, name);
  ann_stream *st = ann_stream_new(f, true);
  if (!st) {
    fclose(f);
    return file_error(a, in, ANN_ENOMEM, name, "out of memory");
  }
  const unsigned char *p;
  size_t n = ann_stream_peek(st, 4096, &p);
  ann_input_format fmt = s->fmt;
  if (fmt == ANN_IN_AUTO) fmt = ann_sniff_format(name, p, n);
  if (fmt == ANN_IN_JSONL || fmt == ANN_IN_WARC) {
    void *r = fmt == ANN_IN_JSONL ? ann_jsonl_open(st, name, &s->lim)
                                  : ann_warc_open(st, name, &s->lim);
    if (!r) {
      ann_stream_free(st);
      return file_error(a, in, ANN_ENOMEM, name, "out of memory");
    }
    s->reader = fmt == ANN_IN_JSONL ? &ann_jsonl_reader : &ann_warc_reader;
    s->reader_state = r;
    s->cur = f;
    return 0;
  }
  /* one document: refuse a plain file over the limit without reading it */
  struct stat sb;
  if (ann_stream_compression(st) == ANN_Z_NONE && fstat(fileno(f), &sb) == 0 &&
      S_ISREG(sb.st_mode) &&
      (unsigned long long)sb.st_size > s->lim.max_bytes) {
    ann_stream_free(st);
    return file_error(
        a, in, ANN_ELIMIT, name,
        ann_sprintf(a, "%lld bytes is over the --max-bytes limit of %zu",
                    (long long)sb.st_size, s->lim.max_bytes));
  }
  size_t max = s->lim.max_bytes, cap = n + 1 > 65536 ? n + 1 : 65536;
  if (cap > max + 1) cap = max + 1;
  unsigned char *buf = ann_alloc(a, cap + 1);
  size_t len = 0;
  int rc = buf ? 0 : ANN_ENOMEM;
  while (rc == 0) {
    if (len == cap) {
      if (cap > max) break;
      size_t nc = cap * 2 > max + 1 ? max + 1 : cap * 2;
      unsigned char *nb = ann_realloc(a, buf, cap + 1, nc + 1);
      if (!nb) {
        rc = ANN_ENOMEM;
        break;
      }
      buf = nb;
      cap = nc;
    }
    size_t got = ann_stream_read(st, buf + len, cap - len);
    len += got;
    if (got == 0) break;
  }
  if (rc == 0 && len > max) {
    ann_stream_free(st);
    return file_error(
        a, in, ANN_ELIMIT, name,
        ann_sprintf(a, "larger than the --max-bytes limit of %zu bytes", max));
  }
  if (rc < 0) {
    ann_stream_free(st);
    return file_error(a, in, rc, name, ann_strerror(rc));
  }
  if (ferror(f)) {
    ann_stream_free(st);
    return file_error(a, in, ANN_EIO, name, strerror(errno));
  }
  /* a damaged compressed document: an error record, not half a page */
  if (stream_error_record(st, a, in, name)) {
    ann_stream_free(st);
    return 1;
  }
  ann_stream_free(st);
  buf[len] = 0;
  in->bytes = buf;
  in->len = len;
  switch (fmt) {
  case ANN_IN_HTML: in->kind = ANN_IN_HTML; break;
  case ANN_IN_TEXT: in->kind = ANN_IN_TEXT; break;
  default: in->kind = ann_sniff_format(name, buf, len);
  }
  if (in->kind != ANN_IN_TEXT) in->kind = ANN_IN_HTML;
  return 1;
}
