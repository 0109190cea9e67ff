/*
 * warc.c — WARC 1.0/1.1 files (.warc, .warc.gz, .warc.zst), streamed.
 *
 * A 200 response with an HTML (or plain text) payload, or a resource
 * record of that type, is a document: WARC-Target-URI is its url,
 * WARC-Record-ID its id, WARC-Date goes to input->fetched (a crawl date,
 * which the extractor uses only when the page names no date of its own),
 * the charset of the HTTP Content-Type to input->charset. Everything else
 * (warcinfo, request, metadata, revisit, images, redirects, 404s) is
 * skipped quietly, by streaming over its block.
 *
 * Damage is reported as one error record named "file#N" (N counts records
 * from 1) and reading goes on: a Content-Length that runs past the end of
 * the file, a block not followed by CRLF CRLF and a WARC/ line (a lying
 * length), garbage between records, headers that never end, a corrupt or
 * truncated gzip member. After damage the reader skips to the next line
 * that starts with "WARC/1." (or "WARC/0."); when none comes, the file
 * ends. A document over --max-bytes is an error record too, and its bytes
 * are skipped, never held. Header lines, header blocks and HTTP headers
 * have fixed caps, so memory never depends on the input.
 */
#define _GNU_SOURCE
#include "source_int.h"
#include "stream.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

#define MAX_HEADER_LINE (16 * 1024)
#define MAX_HEADER_LINES 512
#define MAX_HTTP_HEADERS (64 * 1024)

typedef struct warc {
  ann_stream *st;
  char *name;
  unsigned long long rec; /* records started so far */
  size_t max_bytes;
  bool quiet_resync; /* the damage was already reported */
  /* the current record's WARC headers, in fixed buffers so that skipped
   * records cost no arena memory */
  char type[32], uri[4096], date[64], id[256], ctype[256];
  bool has_len;
  unsigned long long clen;
} warc;

/* ----------------------------------------------------------- helpers -- */

static void copy_val(char *dst, size_t cap, const char *v, size_t n) {
  while (n && (*v == ' ' || *v == '\t'))
    v++, n--;
  while (n && (v[n - 1] == ' ' || v[n - 1] == '\t' || v[n - 1] == '\r'))
    n--;
  if (n >= cap) n = cap - 1;
  memcpy(dst, v, n);
  dst[n] = 0;
}

static bool starts_warc(const unsigned char *p, size_t n) {
  return n >= 7 && memcmp(p, "WARC/", 5) == 0 && (p[5] == '1' || p[5] == '0') &&
         p[6] == '.';
}

static int rec_error(warc *r, ann_arena *a, ann_input *in, int code,
                     const char *msg) {
  in->name = ann_sprintf(a, "%s#%llu", r->name, r->rec ? r->rec : 1);
  in->error = code;
  in->error_msg = ann_sprintf(a, "%s: %s", in->name, msg);
  if (r->uri[0]) in->url = ann_strdup(a, r->uri);
  if (r->id[0]) in->id = ann_strdup(a, r->id);
  return 1;
}

/* After a short read: the stream's error, or the end of the file. */
static int short_read(warc *r, ann_arena *a, ann_input *in, const char *what) {
  const char *msg;
  int code = ann_stream_error(r->st, &msg);
  if (code) {
    r->quiet_resync = true;
    return rec_error(r, a, in, code, ann_sprintf(a, "%s: %s", what, msg));
  }
  return rec_error(r, a, in, ANN_ETRUNC,
                   ann_sprintf(a,
                               "%s: the file ends inside the record "
                               "(Content-Length %llu)",
                               what, r->clen));
}

/* Skip to the next line that starts a WARC record; returns bytes skipped. */
static unsigned long long resync(warc *r) {
  unsigned long long skipped = 0;
  for (;;) {
    const unsigned char *p;
    size_t n = ann_stream_peek(r->st, 8, &p);
    if (n == 0) {
      if (ann_stream_error(r->st, NULL)) continue; /* damage: go on */
      return skipped;
    }
    if (starts_warc(p, n)) return skipped;
    /* to the end of this line, without keeping it */
    const char *l;
    size_t len;
    bool too_long;
    int rc = ann_stream_line(r->st, 0, &l, &len, &too_long);
    if (rc < 0)
      ann_stream_error(r->st, NULL);
    else if (rc == 0)
      return skipped;
    skipped += len + 1;
  }
}

/* After a block: CRLF CRLF (or LF LF), consumed. False when the bytes
 * there are something else: the Content-Length lied. What follows the
 * separator is not judged here: garbage there is reported on its own. */
static bool block_ends_well(warc *r) {
  const unsigned char *p;
  size_t n = ann_stream_peek(r->st, 4, &p);
  if (n == 0) return true; /* the end (a missing trailer is harmless) */
  if (n >= 4 && memcmp(p, "\r\n\r\n", 4) == 0) {
    ann_stream_consume(r->st, 4);
    return true;
  }
  if (n >= 2 && memcmp(p, "\n\n", 2) == 0) {
    ann_stream_consume(r->st, 2);
    return true;
  }
  /* a writer that put a lone CRLF, or none, before the next record */
  size_t k = 0;
  while (k < n && (p[k] == '\r' || p[k] == '\n'))
    k++;
  ann_stream_consume(r->st, k);
  n = ann_stream_peek(r->st, 8, &p);
  return n == 0 || starts_warc(p, n);
}

/* Read the WARC header block (after the version line). 0, or an error
 * record's code with *why set. */
static int read_headers(warc *r, const char **why) {
  r->type[0] = r->uri[0] = r->date[0] = r->id[0] = r->ctype[0] = 0;
  r->has_len = false;
  r->clen = 0;
  for (int i = 0;; i++) {
    if (i == MAX_HEADER_LINES) {
      *why = "more than 512 header lines";
      return ANN_ELIMIT;
    }
    const char *l;
    size_t n;
    bool too_long;
    int rc = ann_stream_line(r->st, MAX_HEADER_LINE, &l, &n, &too_long);
    if (rc <= 0) {
      *why = NULL; /* a short read */
      return ANN_ETRUNC;
    }
    if (n == 0) return 0;
    if (too_long || l[0] == ' ' || l[0] == '\t') continue;
    const char *colon = memchr(l, ':', n);
    if (!colon) continue;
    size_t kn = (size_t)(colon - l);
    const char *v = colon + 1;
    size_t vn = n - kn - 1;
#define KEY(s) (kn == sizeof(s) - 1 && strncasecmp(l, s, kn) == 0)
    if (KEY("WARC-Type"))
      copy_val(r->type, sizeof r->type, v, vn);
    else if (KEY("WARC-Target-URI")) {
      copy_val(r->uri, sizeof r->uri, v, vn);
      /* WARC 1.0 examples wrap it in <>: drop them */
      size_t ul = strlen(r->uri);
      if (ul >= 2 && r->uri[0] == '<' && r->uri[ul - 1] == '>') {
        memmove(r->uri, r->uri + 1, ul - 2);
        r->uri[ul - 2] = 0;
      }
    } else if (KEY("WARC-Date"))
      copy_val(r->date, sizeof r->date, v, vn);
    else if (KEY("WARC-Record-ID")) {
      copy_val(r->id, sizeof r->id, v, vn);
      size_t il = strlen(r->id);
      if (il >= 2 && r->id[0] == '<' && r->id[il - 1] == '>') {
        memmove(r->id, r->id + 1, il - 2);
        r->id[il - 2] = 0;
      }
    } else if (KEY("Content-Type"))
      copy_val(r->ctype, sizeof r->ctype, v, vn);
    else if (KEY("Content-Length")) {
      char num[32];
      copy_val(num, sizeof num, v, vn);
      char *end;
      if (num[0] >= '0' && num[0] <= '9') {
        r->clen = strtoull(num, &end, 10);
        r->has_len = *end == 0 && r->clen < (1ULL << 62);
      }
    }
#undef KEY
  }
}

/* The media type of a Content-Type value: 1 html, 2 plain text, 0 other,
 * -1 none given. The charset label goes to cs (empty when none). */
static int media_type(const char *v, size_t n, char *cs, size_t cscap) {
  cs[0] = 0;
  while (n && (*v == ' ' || *v == '\t'))
    v++, n--;
  size_t m = 0;
  while (m < n && v[m] != ';' && v[m] != ' ' && v[m] != '\t' && v[m] != '\r')
    m++;
  /* the charset parameter */
  for (size_t i = m; i + 8 <= n; i++) {
    if (strncasecmp(v + i, "charset=", 8) != 0) continue;
    size_t s = i + 8, e = s;
    if (s < n && (v[s] == '"' || v[s] == '\'')) {
      char q = v[s++];
      e = s;
      while (e < n && v[e] != q)
        e++;
    } else {
      while (e < n && v[e] != ';' && v[e] != ' ' && v[e] != '\r')
        e++;
    }
    copy_val(cs, cscap, v + s, e - s);
    break;
  }
  if (m == 0) return -1;
#define IS(s) (m == sizeof(s) - 1 && strncasecmp(v, s, m) == 0)
  if (IS("text/html") || IS("application/xhtml+xml")) return 1;
  if (IS("text/plain")) return 2;
#undef IS
  return 0;
}

/* Undo chunked transfer coding in place; best effort on bad chunking. */
static size_t dechunk(unsigned char *b, size_t n) {
  size_t i = 0, o = 0;
  while (i < n) {
    char *end;
    unsigned long long sz = strtoull((const char *)b + i, &end, 16);
    size_t k = (size_t)((unsigned char *)end - b);
    if (k == i) break;
    while (k < n && b[k] != '\n')
      k++; /* chunk extensions, CR */
    k++;
    if (sz == 0 || k > n) break;
    if (sz > n - k) sz = n - k;
    memmove(b + o, b + k, (size_t)sz);
    o += (size_t)sz;
    i = k + (size_t)sz;
    while (i < n && (b[i] == '\r' || b[i] == '\n'))
      i++;
  }
  return o;
}

/* gzip or deflate Content-Encoding into a new arena buffer of at most max
 * bytes. 0, ANN_ELIMIT, ANN_ENOMEM or ANN_EFORMAT. */
static int inflate_body(ann_arena *a, const unsigned char *in, size_t n,
                        size_t max, unsigned char **out, size_t *out_len) {
  z_stream z = {0};
  if (inflateInit2(&z, 15 + 32) != Z_OK) return ANN_ENOMEM; /* auto hdr */
  size_t cap = n * 4 + 1024, used = 0;
  if (cap > max + 1) cap = max + 1;
  unsigned char *o = ann_alloc(a, cap + 1);
  int rc = o ? 0 : ANN_ENOMEM;
  z.next_in = (unsigned char *)in;
  z.avail_in = (uInt)n;
  while (rc == 0) {
    z.next_out = o + used;
    z.avail_out = (uInt)(cap - used);
    int zr = inflate(&z, Z_NO_FLUSH);
    used = cap - z.avail_out;
    if (zr == Z_STREAM_END) break;
    if (zr != Z_OK && zr != Z_BUF_ERROR) {
      rc = used ? 0 : ANN_EFORMAT; /* keep what came out */
      break;
    }
    if (z.avail_out > 0) break; /* input ended early: keep what we have */
    if (used > max) {
      rc = ANN_ELIMIT;
      break;
    }
    size_t nc = cap * 2 > max + 1 ? max + 1 : cap * 2;
    if (nc <= cap) {
      rc = ANN_ELIMIT;
      break;
    }
    unsigned char *no = ann_realloc(a, o, cap + 1, nc + 1);
    if (!no)
      rc = ANN_ENOMEM;
    else
      o = no, cap = nc;
  }
  inflateEnd(&z);
  if (rc < 0) return rc;
  if (used > max) return ANN_ELIMIT;
  o[used] = 0;
  *out = o;
  *out_len = used;
  return 0;
}

/* ------------------------------------------------------------ reader -- */

static int warc_next(void *state, ann_arena *a, ann_input *in, ann_error *e) {
  warc *r = state;
  (void)e;
  for (;;) {
    /* blank lines between records */
    const unsigned char *p;
    size_t n;
    for (;;) {
      n = ann_stream_peek(r->st, 8, &p);
      if (n == 0) break;
      if (p[0] == '\n')
        ann_stream_consume(r->st, 1);
      else if (n >= 2 && p[0] == '\r' && p[1] == '\n')
        ann_stream_consume(r->st, 2);
      else
        break;
    }
    if (n == 0) {
      const char *msg;
      int code = ann_stream_error(r->st, &msg);
      if (!code) return 0;
      r->quiet_resync = true;
      return rec_error(r, a, in, code, msg);
    }
    r->uri[0] = r->id[0] = 0;
    if (!starts_warc(p, n)) {
      unsigned long long skipped = resync(r);
      if (r->quiet_resync) {
        r->quiet_resync = false;
        continue;
      }
      r->rec++;
      rec_error(r, a, in, ANN_EFORMAT,
                ann_sprintf(a,
                            "%llu bytes of garbage where a WARC record "
                            "should start; skipped to the next record",
                            skipped));
      r->rec--; /* the next real record keeps its number */
      return 1;
    }
    r->quiet_resync = false;
    const char *l;
    size_t ln;
    bool tl;
    ann_stream_line(r->st, 64, &l, &ln, &tl); /* the version line */
    r->rec++;
    const char *why = NULL;
    int hrc = read_headers(r, &why);
    if (hrc < 0) {
      if (!why) return short_read(r, a, in, "WARC headers");
      rec_error(r, a, in, hrc, why);
      resync(r);
      return 1;
    }
    if (!r->has_len) {
      rec_error(r, a, in, ANN_EFORMAT, "no valid Content-Length");
      resync(r);
      r->quiet_resync = false;
      return 1;
    }
    bool response = strcasecmp(r->type, "response") == 0;
    bool resource = strcasecmp(r->type, "resource") == 0;
    unsigned long long left = r->clen;
    int kind = 0; /* 1 html, 2 text, -1 unknown (sniff) */
    char cs[64] = "";
    bool chunked = false, zipped = false;
    if (response && strncasecmp(r->ctype, "application/http", 16) == 0) {
      /* the HTTP status line and headers, within the block */
      size_t want = left < MAX_HTTP_HEADERS ? (size_t)left : MAX_HTTP_HEADERS;
      n = ann_stream_peek(r->st, want, &p);
      if (n < want) {
        ann_stream_consume(r->st, n);
        return short_read(r, a, in, "HTTP headers");
      }
      size_t hend = 0, i = 0;
      for (; i < n; i++) {
        if (p[i] != '\n') continue;
        if (i + 1 < n && p[i + 1] == '\n') {
          hend = i + 2;
          break;
        }
        if (i + 2 < n && p[i + 1] == '\r' && p[i + 2] == '\n') {
          hend = i + 3;
          break;
        }
      }
      int status = 0;
      if (n >= 12 && strncasecmp((const char *)p, "HTTP/", 5) == 0) {
        const unsigned char *sp = memchr(p, ' ', n < 32 ? n : 32);
        if (sp && sp + 4 <= p + n && isdigit(sp[1]) && isdigit(sp[2]) &&
            isdigit(sp[3]))
          status = (sp[1] - '0') * 100 + (sp[2] - '0') * 10 + (sp[3] - '0');
      }
      if (!hend || !status) {
        /* not HTTP, or headers that never end: not a document */
        kind = 0;
      } else {
        kind = -1;
        for (size_t s = 0; s < hend;) {
          const unsigned char *eol = memchr(p + s, '\n', hend - s);
          size_t e2 = eol ? (size_t)(eol - p) : hend;
          const char *hl = (const char *)p + s;
          size_t hn = e2 - s;
          if (hn > 13 && strncasecmp(hl, "Content-Type:", 13) == 0)
            kind = media_type(hl + 13, hn - 13, cs, sizeof cs);
          else if (hn > 18 && strncasecmp(hl, "Transfer-Encoding:", 18) == 0)
            chunked = memmem(hl, hn, "chunked", 7) != NULL;
          else if (hn > 17 && strncasecmp(hl, "Content-Encoding:", 17) == 0)
            zipped = memmem(hl, hn, "gzip", 4) || memmem(hl, hn, "deflate", 7);
          s = e2 + 1;
        }
        if (status != 200) kind = 0;
        ann_stream_consume(r->st, hend);
        left -= hend;
      }
    } else if (resource) {
      kind = media_type(r->ctype, strlen(r->ctype), cs, sizeof cs);
    }
    if (kind == 0) {
      /* not a document: stream over it */
      if (ann_stream_skip(r->st, left) < left)
        return short_read(r, a, in, "skipping a record");
      if (!block_ends_well(r)) {
        rec_error(r, a, in, ANN_EFORMAT,
                  "Content-Length does not end at a record boundary");
        resync(r);
        return 1;
      }
      continue;
    }
    if (left > r->max_bytes) {
      rec_error(r, a, in, ANN_ELIMIT,
                ann_sprintf(a,
                            "%llu bytes is over the --max-bytes limit "
                            "of %zu",
                            left, r->max_bytes));
      if (ann_stream_skip(r->st, left) < left) {
        ann_stream_error(r->st, NULL);
        return 1;
      }
      if (!block_ends_well(r)) resync(r);
      return 1;
    }
    unsigned char *b = ann_alloc(a, (size_t)left + 1);
    if (!b) return rec_error(r, a, in, ANN_ENOMEM, "out of memory");
    size_t got = ann_stream_read(r->st, b, (size_t)left);
    if (got < left) return short_read(r, a, in, "record block");
    b[got] = 0;
    if (!block_ends_well(r)) {
      rec_error(r, a, in, ANN_EFORMAT,
                "Content-Length does not end at a record boundary");
      resync(r);
      return 1;
    }
    size_t blen = got;
    if (chunked) {
      blen = dechunk(b, blen);
      b[blen] = 0;
    }
    if (zipped) {
      unsigned char *ub;
      size_t ul;
      int zr = inflate_body(a, b, blen, r->max_bytes, &ub, &ul);
      if (zr == ANN_ELIMIT)
        return rec_error(r, a, in, zr,
                         "decompressed body is over the --max-bytes limit");
      if (zr == 0) b = ub, blen = ul;
      /* not really compressed: keep the bytes as they are */
    }
    in->name = ann_sprintf(a, "%s#%llu", r->name, r->rec);
    in->url = r->uri[0] ? ann_strdup(a, r->uri) : NULL;
    in->id = r->id[0] ? ann_strdup(a, r->id) : NULL;
    in->fetched = r->date[0] ? ann_strdup(a, r->date) : NULL;
    in->charset = cs[0] ? ann_strdup(a, cs) : NULL;
    in->bytes = b;
    in->len = blen;
    in->kind = kind == 1   ? ANN_IN_HTML
               : kind == 2 ? ANN_IN_TEXT
                           : ann_sniff_document(r->uri, b, blen);
    return 1;
  }
}

static void warc_close(void *state) {
  warc *r = state;
  if (!r) return;
  ann_stream_free(r->st);
  free(r->name);
  free(r);
}

const ann_reader ann_warc_reader = {warc_next, warc_close};

void *ann_warc_open(ann_stream *st, const char *name, const ann_limits *lim) {
  warc *r = calloc(1, sizeof *r);
  if (!r || !(r->name = strdup(name))) {
    free(r);
    return NULL;
  }
  r->st = st;
  r->max_bytes = lim->max_bytes;
  return r;
}
