/*
 * decode.c — charset decision and conversion (see decode.h).
 *
 * The decision follows the HTML standard's order: a byte-order mark beats
 * everything, then the transport's charset (Content-Type of a WARC
 * response), then a <meta> in the first 1024 bytes. Without any of those,
 * bytes that are UTF-8 are taken as UTF-8 (a few stray invalid bytes in
 * mostly-UTF-8 text do not change that: they become U+FFFD), then a <meta>
 * further down the head (up to 64 KB: many pages declare their charset
 * after kilobytes of scripts, and a declaration beats a guess), then
 * uchardet's guess, then windows-1252, the web's default.
 *
 * One exception to the order: a declared charset (HTTP or <meta>) over
 * bytes that are entirely valid UTF-8 with at least one multibyte sequence
 * gives UTF-8. Servers and templates that say Latin-1 by default over
 * UTF-8 pages are the web's most common charset error, and pages converted
 * to UTF-8 keep their old <meta> (the dev corpus has windows-1251 ones);
 * legacy-charset text that happens to be valid non-ASCII UTF-8 is
 * practically nonexistent (it would need pairs like "Ã©" throughout).
 *
 * Conversion is glibc iconv; an invalid sequence becomes U+FFFD and
 * decoding goes on one unit later; NUL bytes are dropped (the pipeline
 * uses NUL-terminated strings). The result is put in NFC when a quick
 * check finds a combining mark (most text has none, and skipping the
 * normalizer keeps decoding at memory speed).
 */
#include "annalist/decode.h"
#include "charset.h"
#include "utf8.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <uchardet/uchardet.h>
#include <utf8proc.h>

#define PRESCAN_BYTES 1024
#define LATE_PRESCAN_BYTES (64 * 1024)
#define DETECT_BYTES (256 * 1024)

/* UTF-8 "enough": no invalid bytes, or valid multibyte sequences
 * outnumber invalid bytes four to one. An incomplete sequence at the very
 * end (a cut document) does not count against it. NUL bytes are fine.
 * *clean is set when the bytes are valid UTF-8 without NUL (copied as
 * they are, without the sanitizer). */
#define ONES 0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL
static bool mostly_utf8(const unsigned char *s, size_t n, bool *clean) {
  size_t mb = 0, bad = 0;
  bool nul = false, tail_cut = false;
  for (size_t i = 0; i < n;) {
    /* ASCII runs, 8 bytes at a time */
    while (i + 8 <= n) {
      uint64_t w;
      memcpy(&w, s + i, 8);
      if (w & HIGHS) break;
      if ((w - ONES) & ~w & HIGHS) nul = true;
      i += 8;
    }
    if (i >= n) break;
    if (s[i] < 0x80) {
      if (!s[i]) nul = true;
      i++;
      continue;
    }
    size_t k = ann_utf8_seq(s + i, n - i);
    if (k) {
      mb++;
      i += k;
    } else {
      if (n - i < 4) {
        /* maybe a sequence cut by the end of the document */
        unsigned c = s[i];
        size_t want = (c & 0xE0) == 0xC0   ? 2
                      : (c & 0xF0) == 0xE0 ? 3
                      : (c & 0xF8) == 0xF0 ? 4
                                           : 0;
        bool cut = want > n - i;
        for (size_t j = i + 1; cut && j < n; j++)
          cut = (s[j] & 0xC0) == 0x80;
        if (cut) {
          tail_cut = true;
          break;
        }
      }
      bad++;
      i++;
    }
  }
  *clean = bad == 0 && !nul && !tail_cut;
  return bad == 0 || mb >= 4 * bad;
}

/* Any byte >= 0x80 (on valid UTF-8: a multibyte sequence). */
static bool has_multibyte(const unsigned char *s, size_t n) {
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    memcpy(&w, s + i, 8);
    if (w & HIGHS) return true;
  }
  for (; i < n; i++)
    if (s[i] >= 0x80) return true;
  return false;
}

/* uchardet 0.0.7 often calls Western text with a few accented letters or
 * curly quotes windows-1250 (or 1258, iso-8859-2...). When every
 * non-ASCII byte is one that windows-1252 text commonly has (quotes,
 * dashes, nbsp, the accented letters of Western languages), there is no
 * evidence for a Central European or other Latin charset: Polish or Czech
 * text always has letters such as ł, ą, ś, ž, ř, whose bytes are outside
 * this set. */
static bool western_bytes(const unsigned char *p, size_t n) {
  static const char ok[] = "\x80\x85\x91\x92\x93\x94\x95\x96\x97\x99"
                           "\xA0\xA3\xA7\xA9\xAB\xAE\xB0\xB7\xBB"
                           "\xC0\xC1\xC2\xC4\xC7\xC8\xC9\xCA\xCB\xCD"
                           "\xCE\xCF\xD1\xD3\xD4\xD6\xDA\xDC\xDF\xE0"
                           "\xE1\xE2\xE4\xE5\xE6\xE7\xE8\xE9\xEA\xEB"
                           "\xED\xEE\xEF\xF1\xF3\xF4\xF6\xF8\xFA\xFB"
                           "\xFC";
  bool seen[256] = {0};
  for (size_t i = 0; i < n; i++)
    seen[p[i]] = true;
  for (int c = 0x80; c < 0x100; c++)
    if (seen[c] && !memchr(ok, c, sizeof ok - 1)) return false;
  return true;
}

static const ann_charset *detect(const unsigned char *p, size_t n) {
  uchardet_t ud = uchardet_new();
  if (!ud) return NULL;
  const ann_charset *cs = NULL;
  size_t m = n < DETECT_BYTES ? n : DETECT_BYTES;
  if (uchardet_handle_data(ud, (const char *)p, m) == 0) {
    uchardet_data_end(ud);
    const char *name = uchardet_get_charset(ud);
    if (name && *name) cs = ann_charset_lookup(name, strlen(name));
  }
  uchardet_delete(ud);
  if (cs && cs->iconv &&
      (!strcmp(cs->name, "windows-1250") || !strcmp(cs->name, "windows-1258") ||
       !strcmp(cs->name, "windows-1254") || !strcmp(cs->name, "windows-1257") ||
       !strncmp(cs->name, "iso-8859-", 9)) &&
      strcmp(cs->name, "iso-8859-5") && strcmp(cs->name, "iso-8859-6") &&
      strcmp(cs->name, "iso-8859-7") && strncmp(cs->name, "iso-8859-8", 10) &&
      western_bytes(p, m))
    return ann_charset_lookup("windows-1252", 12);
  return cs;
}

/* ------------------------------------------------------- conversion -- */

/* Drop NUL bytes in place; returns the new length. */
static size_t drop_nuls(char *s, size_t n) {
  char *z = memchr(s, 0, n);
  if (!z) return n;
  size_t j = (size_t)(z - s);
  for (size_t i = j; i < n; i++)
    if (s[i]) s[j++] = s[i];
  return j;
}

static int convert(ann_arena *a, const ann_charset *cs, const unsigned char *in,
                   size_t n, char **out, size_t *out_len) {
  iconv_t cd = iconv_open("UTF-8", cs->iconv);
  if (cd == (iconv_t)-1) return ANN_EINVAL;
  size_t unit = strncmp(cs->iconv, "UTF-16", 6) == 0 ? 2 : 1;
  size_t cap = n + n / 2 + 64;
  char *o = ann_alloc(a, cap);
  if (!o) {
    iconv_close(cd);
    return ANN_ENOMEM;
  }
  char *ip = (char *)in;
  size_t ileft = n, used = 0;
  int rc = 0;
  for (;;) {
    /* room for U+FFFD and the final NUL, always */
    if (cap - used < 8) {
      size_t nc = cap + cap / 2 + 64;
      char *no = ann_realloc(a, o, cap, nc);
      if (!no) {
        rc = ANN_ENOMEM;
        break;
      }
      o = no;
      cap = nc;
    }
    char *op = o + used;
    size_t oleft = cap - used - 1;
    bool flush = ileft == 0; /* the shift state's reset (ISO-2022-JP) */
    size_t r = flush ? iconv(cd, NULL, NULL, &op, &oleft)
                     : iconv(cd, &ip, &ileft, &op, &oleft);
    used = (size_t)(op - o);
    if (r != (size_t)-1) {
      if (flush) break;
      continue;
    }
    int err = errno;
    if (flush && err != E2BIG) break;
    if (err == E2BIG) {
      size_t nc = cap + cap / 2 + 64;
      char *no = ann_realloc(a, o, cap, nc);
      if (!no) {
        rc = ANN_ENOMEM;
        break;
      }
      o = no;
      cap = nc;
    } else if (err == EILSEQ || err == EINVAL) {
      memcpy(o + used, "\xEF\xBF\xBD", 3);
      used += 3;
      /* EINVAL: an incomplete sequence at the end */
      size_t skip = err == EINVAL || unit > ileft ? ileft : unit;
      ip += skip;
      ileft -= skip;
    } else {
      rc = ANN_EINVAL;
      break;
    }
  }
  iconv_close(cd);
  if (rc < 0) return rc;
  used = drop_nuls(o, used);
  o[used] = 0;
  *out = o;
  *out_len = used;
  return 0;
}

/* NFC when needed: only text with a combining mark (or Hangul jamo) can
 * change, so look for one first. */
static int to_nfc(ann_arena *a, char **text, size_t *len) {
  const unsigned char *s = (const unsigned char *)*text;
  size_t n = *len;
  bool need = false;
  for (size_t i = 0; i < n && !need;) {
    while (i + 8 <= n) { /* ASCII runs, 8 bytes at a time */
      uint64_t w;
      memcpy(&w, s + i, 8);
      if (w & HIGHS) break;
      i += 8;
    }
    if (i >= n) break;
    if (s[i] < 0xCC) { /* below U+0300: nothing combines */
      i += s[i] < 0x80 ? 1 : 2;
      continue;
    }
    utf8proc_int32_t cp;
    utf8proc_ssize_t k =
        utf8proc_iterate(s + i, (utf8proc_ssize_t)(n - i), &cp);
    if (k <= 0) return 0; /* cannot happen on sanitized text */
    if (utf8proc_get_property(cp)->combining_class != 0 ||
        (cp >= 0x1160 && cp <= 0x11FF))
      need = true;
    i += (size_t)k;
  }
  if (!need) return 0;
  utf8proc_uint8_t *d = NULL;
  utf8proc_ssize_t r = utf8proc_map(s, (utf8proc_ssize_t)n, &d,
                                    UTF8PROC_STABLE | UTF8PROC_COMPOSE);
  if (r < 0) return 0; /* keep the text as it is */
  char *c = ann_strndup(a, (const char *)d, (size_t)r);
  free(d);
  if (!c) return ANN_ENOMEM;
  *text = c;
  *len = (size_t)r;
  return 0;
}

/* ------------------------------------------------------- the choice -- */

int ann_decode(ann_arena *a, const unsigned char *bytes, size_t len,
               const char *http_charset, bool html, ann_decoded *out,
               ann_error *e) {
  static const ann_charset utf8 = {"utf-8", NULL};
  static const ann_charset w1252 = {"windows-1252", "CP1252"};
  static const ann_charset utf16le = {"utf-16le", "UTF-16LE"};
  static const ann_charset utf16be = {"utf-16be", "UTF-16BE"};
  const ann_charset *cs = NULL;
  size_t skip = 0;
  if (len >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
    cs = &utf8, skip = 3;
  else if (len >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
    cs = &utf16le, skip = 2;
  else if (len >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
    cs = &utf16be, skip = 2;
  if (!cs && http_charset && *http_charset)
    cs = ann_charset_lookup(http_charset, strlen(http_charset));
  if (!cs && html) cs = ann_charset_prescan(bytes, len, PRESCAN_BYTES);
  bool clean = false;
  if (cs && skip == 0 && cs->iconv && strncmp(cs->name, "utf-16", 6) &&
      mostly_utf8(bytes, len, &clean) && clean && has_multibyte(bytes, len))
    cs = &utf8;
  if (!cs && mostly_utf8(bytes, len, &clean)) cs = &utf8;
  if (!cs && html && len > PRESCAN_BYTES)
    cs = ann_charset_prescan(bytes, len, LATE_PRESCAN_BYTES);
  if (!cs) cs = detect(bytes, len);
  if (!cs) cs = &w1252;
  const unsigned char *p = bytes + skip;
  size_t n = len - skip;
  int rc;
  if (!cs->iconv && clean) {
    /* valid already: a plain copy */
    out->text = ann_alloc(a, n + 1);
    rc = out->text ? 0 : ANN_ENOMEM;
    if (rc == 0) {
      memcpy(out->text, p, n);
      out->text[n] = 0;
      out->len = n;
    }
  } else if (!cs->iconv) {
    rc = ann_utf8_sanitize(a, p, n, &out->text, &out->len);
  } else {
    rc = convert(a, cs, p, n, &out->text, &out->len);
    if (rc == ANN_EINVAL) { /* iconv lacks it: the web's default */
      cs = &w1252;
      rc = convert(a, cs, p, n, &out->text, &out->len);
    }
    if (rc == ANN_EINVAL) {
      cs = &utf8;
      rc = ann_utf8_sanitize(a, p, n, &out->text, &out->len);
    }
  }
  if (rc == 0) rc = to_nfc(a, &out->text, &out->len);
  if (rc < 0) return ann_fail(e, rc, -1, "decoding: %s", ann_strerror(rc));
  out->charset = cs->name;
  return 0;
}
