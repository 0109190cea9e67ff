/*
 * stream.c — plain, gzip and zstd byte streams with a fixed read buffer
 * (see stream.h).
 *
 * Two buffers: zin holds raw (compressed) bytes from the file, buf the
 * decoded bytes the readers look at. fill() decodes into buf until it has
 * produced something, the input ends, or the data is damaged. Damage found
 * after some bytes were produced is deferred to the next fill, so that the
 * caller first sees every good byte, then a short read with the error.
 */
#include "stream.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include <zstd.h>
#include <zstd_errors.h>

#define BUFSZ (64 * 1024)
#define ZINSZ (64 * 1024)

struct ann_stream {
  FILE *f;
  bool own;
  int comp;
  unsigned char *zin;
  size_t zpos, zlen;
  bool raw_eof;
  unsigned long long raw_off; /* file offset of zin[0] */
  z_stream z;
  bool z_init, member_done;
  ZSTD_DStream *zs;
  size_t zs_hint; /* last ZSTD_decompressStream result: 0 = frame done */
  unsigned char *buf;
  size_t bpos, blen;
  bool ended; /* no more decoded bytes, ever */
  int err, deferred;
  char msg[160], dmsg[160];
  char *line;
  size_t line_cap;
};

/* ------------------------------------------------------- raw input -- */

/* Top up zin; returns false when nothing more can come. */
static bool raw_fill(ann_stream *s) {
  if (s->raw_eof) return false;
  if (s->zpos > 0) {
    memmove(s->zin, s->zin + s->zpos, s->zlen - s->zpos);
    s->raw_off += s->zpos;
    s->zlen -= s->zpos;
    s->zpos = 0;
  }
  if (s->zlen == ZINSZ) return true;
  size_t got = fread(s->zin + s->zlen, 1, ZINSZ - s->zlen, s->f);
  if (got == 0) {
    s->raw_eof = true;
    return false;
  }
  s->zlen += got;
  return true;
}

static unsigned long long raw_at(const ann_stream *s) {
  return s->raw_off + s->zpos;
}

/* Skip raw bytes up to the next occurrence of magic (len m); false when
 * the input ends first. Used to resync after damage. */
static bool raw_seek_magic(ann_stream *s, const unsigned char *magic,
                           size_t m) {
  for (;;) {
    while (s->zlen - s->zpos >= m) {
      const unsigned char *p =
          memchr(s->zin + s->zpos, magic[0], s->zlen - s->zpos - m + 1);
      if (!p) {
        s->zpos = s->zlen - (m - 1);
        break;
      }
      size_t at = (size_t)(p - s->zin);
      if (memcmp(p, magic, m) == 0) {
        s->zpos = at;
        return true;
      }
      s->zpos = at + 1;
    }
    if (!raw_fill(s)) return false;
  }
}

static void set_err(ann_stream *s, int code, const char *fmt,
                    unsigned long long off) {
  /* the first damage wins; later ones during the same resync are noise */
  if (s->deferred) return;
  s->deferred = code;
  snprintf(s->dmsg, sizeof s->dmsg, fmt, off);
}

/* ------------------------------------------------------- decoders -- */

static const unsigned char GZ_MAGIC[3] = {0x1f, 0x8b, 0x08};
static const unsigned char ZS_MAGIC[4] = {0x28, 0xb5, 0x2f, 0xfd};

static void gz_resync(ann_stream *s) {
  if (raw_seek_magic(s, GZ_MAGIC, 3)) {
    inflateReset(&s->z);
    s->member_done = false;
  } else {
    s->ended = true;
  }
}

/* Decode gzip into out (cap n); returns bytes produced. */
static size_t gz_decode(ann_stream *s, unsigned char *out, size_t n) {
  s->z.next_out = out;
  s->z.avail_out = (uInt)n;
  while (s->z.avail_out == n && !s->ended && !s->deferred) {
    if (s->zpos == s->zlen) raw_fill(s);
    size_t avail = s->zlen - s->zpos;
    if (s->member_done) {
      /* another member, the end, or junk after the last member */
      if (avail < 2 && raw_fill(s)) continue;
      avail = s->zlen - s->zpos;
      if (avail == 0) {
        s->ended = true;
        break;
      }
      if (avail >= 2 && s->zin[s->zpos] == 0x1f &&
          s->zin[s->zpos + 1] == 0x8b) {
        inflateReset(&s->z);
        s->member_done = false;
        continue;
      }
      set_err(s, ANN_EFORMAT,
              "bytes after a gzip member at offset %llu are not gzip",
              raw_at(s));
      break;
    }
    s->z.next_in = s->zin + s->zpos;
    s->z.avail_in = (uInt)avail;
    int rc = inflate(&s->z, Z_NO_FLUSH);
    s->zpos = s->zlen - s->z.avail_in;
    if (rc == Z_STREAM_END) {
      s->member_done = true;
    } else if (rc == Z_MEM_ERROR) {
      set_err(s, ANN_ENOMEM, "out of memory inflating at %llu", raw_at(s));
    } else if (rc == Z_DATA_ERROR || rc == Z_NEED_DICT ||
               rc == Z_STREAM_ERROR) {
      set_err(s, ANN_EFORMAT, "corrupt gzip data near offset %llu", raw_at(s));
    } else if (avail == 0 && s->z.avail_out == n) {
      /* the file ended inside a member and inflate has nothing left */
      set_err(s, ANN_ETRUNC, "gzip data ends early (truncated at %llu)",
              raw_at(s));
    }
  }
  return n - s->z.avail_out;
}

static size_t zs_decode(ann_stream *s, unsigned char *out, size_t n) {
  ZSTD_outBuffer ob = {out, n, 0};
  while (ob.pos == 0 && !s->ended && !s->deferred) {
    if (s->zpos == s->zlen && !raw_fill(s)) {
      /* flush what the decoder still holds, then judge the ending */
      ZSTD_inBuffer ib = {s->zin, 0, 0};
      size_t r = ZSTD_decompressStream(s->zs, &ob, &ib);
      if (!ZSTD_isError(r) && ob.pos > 0) break;
      if (s->zs_hint != 0)
        set_err(s, ANN_ETRUNC, "zstd data ends early (truncated at %llu)",
                raw_at(s));
      else
        s->ended = true;
      break;
    }
    ZSTD_inBuffer ib = {s->zin + s->zpos, s->zlen - s->zpos, 0};
    size_t r = ZSTD_decompressStream(s->zs, &ob, &ib);
    s->zpos += ib.pos;
    if (ZSTD_isError(r)) {
      set_err(s,
              ZSTD_getErrorCode(r) == ZSTD_error_memory_allocation
                  ? ANN_ENOMEM
                  : ANN_EFORMAT,
              "corrupt zstd data near offset %llu", raw_at(s));
      break;
    }
    s->zs_hint = r;
  }
  return ob.pos;
}

/* More decoded bytes into buf; returns how many were added. */
static size_t fill(ann_stream *s) {
  if (s->err) return 0; /* the caller has not looked at the error yet */
  if (s->deferred) {
    s->err = s->deferred;
    memcpy(s->msg, s->dmsg, sizeof s->msg);
    s->deferred = 0;
    /* resync now, so reading goes on once the error is taken */
    if (s->err == ANN_ETRUNC || s->err == ANN_ENOMEM)
      s->ended = true;
    else if (s->comp == ANN_Z_GZIP)
      gz_resync(s);
    else if (s->comp == ANN_Z_ZSTD) {
      ZSTD_DCtx_reset(s->zs, ZSTD_reset_session_only);
      s->zs_hint = 0;
      s->zpos += s->zpos < s->zlen; /* step past the bad frame's start */
      if (!raw_seek_magic(s, ZS_MAGIC, 4)) s->ended = true;
    }
    return 0;
  }
  if (s->ended) return 0;
  if (s->bpos > 0) {
    memmove(s->buf, s->buf + s->bpos, s->blen - s->bpos);
    s->blen -= s->bpos;
    s->bpos = 0;
  }
  size_t room = BUFSZ - s->blen, got = 0;
  if (room == 0) return 0;
  unsigned char *out = s->buf + s->blen;
  switch (s->comp) {
  case ANN_Z_GZIP: got = gz_decode(s, out, room); break;
  case ANN_Z_ZSTD: got = zs_decode(s, out, room); break;
  default:
    if (s->zpos < s->zlen) {
      got = s->zlen - s->zpos < room ? s->zlen - s->zpos : room;
      memcpy(out, s->zin + s->zpos, got);
      s->zpos += got;
    } else if (!s->raw_eof) {
      got = fread(out, 1, room, s->f);
      s->raw_off += got;
      if (got == 0) s->raw_eof = true;
    }
    if (got == 0) s->ended = true;
  }
  s->blen += got;
  if (got == 0 && s->deferred) return fill(s); /* surface it now */
  return got;
}

/* ---------------------------------------------------------- public -- */

ann_stream *ann_stream_new(FILE *f, bool own) {
  ann_stream *s = calloc(1, sizeof *s);
  if (!s) return NULL;
  s->f = f;
  s->own = own;
  s->zin = malloc(ZINSZ);
  s->buf = malloc(BUFSZ);
  if (!s->zin || !s->buf) goto fail;
  /* the first bytes tell the compression */
  while (s->zlen < 4 && raw_fill(s)) {
  }
  if (s->zlen >= 2 && s->zin[0] == 0x1f && s->zin[1] == 0x8b) {
    s->comp = ANN_Z_GZIP;
    if (inflateInit2(&s->z, 16 + MAX_WBITS) != Z_OK) goto fail;
    s->z_init = true;
  } else if (s->zlen >= 4 && memcmp(s->zin, ZS_MAGIC, 4) == 0) {
    s->comp = ANN_Z_ZSTD;
    if (!(s->zs = ZSTD_createDStream())) goto fail;
    ZSTD_initDStream(s->zs);
  }
  return s;
fail:
  s->own = false;
  ann_stream_free(s);
  return NULL;
}

void ann_stream_free(ann_stream *s) {
  if (!s) return;
  if (s->z_init) inflateEnd(&s->z);
  if (s->zs) ZSTD_freeDStream(s->zs);
  if (s->own && s->f) fclose(s->f);
  free(s->zin);
  free(s->buf);
  free(s->line);
  free(s);
}

int ann_stream_compression(const ann_stream *s) { return s->comp; }

size_t ann_stream_peek(ann_stream *s, size_t n, const unsigned char **p) {
  if (n > BUFSZ) n = BUFSZ;
  while (s->blen - s->bpos < n && fill(s) > 0) {
  }
  *p = s->buf + s->bpos;
  size_t have = s->blen - s->bpos;
  return have < n ? have : n;
}

void ann_stream_consume(ann_stream *s, size_t n) {
  if (n > s->blen - s->bpos) n = s->blen - s->bpos;
  s->bpos += n;
}

size_t ann_stream_read(ann_stream *s, void *dst, size_t n) {
  unsigned char *d = dst;
  size_t done = 0;
  while (done < n) {
    if (s->bpos == s->blen) {
      s->bpos = s->blen = 0;
      /* large reads of plain files go straight to dst */
      if (s->comp == ANN_Z_NONE && s->zpos == s->zlen && !s->raw_eof &&
          n - done >= BUFSZ) {
        size_t got = fread(d + done, 1, n - done, s->f);
        s->raw_off += got;
        done += got;
        if (got == 0) {
          s->raw_eof = s->ended = true;
          break;
        }
        continue;
      }
      if (fill(s) == 0) break;
    }
    size_t k = s->blen - s->bpos;
    if (k > n - done) k = n - done;
    memcpy(d + done, s->buf + s->bpos, k);
    s->bpos += k;
    done += k;
  }
  return done;
}

unsigned long long ann_stream_skip(ann_stream *s, unsigned long long n) {
  unsigned long long done = 0;
  while (done < n) {
    if (s->bpos == s->blen && fill(s) == 0) break;
    size_t k = s->blen - s->bpos;
    if (k > n - done) k = (size_t)(n - done);
    s->bpos += k;
    done += k;
  }
  return done;
}

int ann_stream_line(ann_stream *s, size_t max, const char **line, size_t *len,
                    bool *too_long) {
  size_t n = 0;
  bool any = false;
  *too_long = false;
  for (;;) {
    if (s->bpos == s->blen && fill(s) == 0) {
      if (s->err) return s->err;
      if (!any) return 0;
      break; /* last line without "\n" */
    }
    any = true;
    const unsigned char *p = s->buf + s->bpos;
    size_t avail = s->blen - s->bpos;
    const unsigned char *nl = memchr(p, '\n', avail);
    size_t take = nl ? (size_t)(nl - p) : avail;
    size_t keep = take;
    if (n + keep > max) {
      keep = max > n ? max - n : 0;
      *too_long = true;
    }
    if (keep) {
      if (n + keep + 1 > s->line_cap) {
        size_t nc = s->line_cap ? s->line_cap : 256;
        while (nc < n + keep + 1)
          nc *= 2;
        char *nb = realloc(s->line, nc);
        if (!nb) return ANN_ENOMEM;
        s->line = nb;
        s->line_cap = nc;
      }
      memcpy(s->line + n, p, keep);
      n += keep;
    }
    s->bpos += take + (nl != NULL);
    if (nl) break;
  }
  if (!s->line) {
    s->line = malloc(256);
    if (!s->line) return ANN_ENOMEM;
    s->line_cap = 256;
  }
  if (n > 0 && s->line[n - 1] == '\r' && !*too_long) n--;
  s->line[n] = 0;
  *line = s->line;
  *len = n;
  return 1;
}

int ann_stream_error(ann_stream *s, const char **msg) {
  int e = s->err;
  if (msg) *msg = e ? s->msg : "";
  s->err = 0;
  return e;
}

bool ann_stream_eof(ann_stream *s) {
  if (s->bpos < s->blen) return false;
  fill(s);
  return s->bpos == s->blen && s->ended && !s->err && !s->deferred;
}

void ann_stream_trim(ann_stream *s) {
  if (s->line_cap > (4u << 20)) {
    free(s->line);
    s->line = NULL;
    s->line_cap = 0;
  }
}
