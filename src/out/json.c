/*
 * json.c — streaming JSON writer (see out.h).
 *
 * Numbers are printed with the fewest digits that read back to the same
 * double (%.15g, then %.17g if needed), so 50.4501 stays 50.4501.
 */
#include "annalist/out.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

void ann_json_init(ann_json *j, ann_buf *b) {
  j->b = b;
  j->depth = 0;
  j->first[0] = 1;
}

/* Before a value: a comma unless it is the first in its container, and
 * nothing after a key (the key wrote its own separator). */
static void sep(ann_json *j) {
  if (j->first[j->depth] == 2) {
    j->first[j->depth] = 0;
    return;
  }
  if (!j->first[j->depth]) ann_buf_putc(j->b, ',');
  j->first[j->depth] = 0;
}

static void open(ann_json *j, char c) {
  sep(j);
  ann_buf_putc(j->b, c);
  if (j->depth < (int)sizeof j->first - 1) j->depth++;
  j->first[j->depth] = 1;
}

static void close_(ann_json *j, char c) {
  ann_buf_putc(j->b, c);
  if (j->depth > 0) j->depth--;
}

void ann_json_obj(ann_json *j) { open(j, '{'); }
void ann_json_obj_end(ann_json *j) { close_(j, '}'); }
void ann_json_arr(ann_json *j) { open(j, '['); }
void ann_json_arr_end(ann_json *j) { close_(j, ']'); }

void ann_json_key(ann_json *j, const char *k) {
  sep(j);
  ann_buf_putc(j->b, '"');
  ann_json_escape(j->b, k, strlen(k));
  ann_buf_put(j->b, "\":", 2);
  j->first[j->depth] = 2; /* the value follows without a comma */
}

/* Length of the valid UTF-8 sequence at s (at most n bytes), 0 if invalid.
 * Rejects overlongs, surrogates and code points above U+10FFFF. */
static size_t utf8_valid(const unsigned char *s, size_t n) {
  unsigned c = s[0];
  if (c < 0x80) return 1;
  size_t len;
  unsigned min, cp;
  if ((c & 0xE0) == 0xC0) len = 2, min = 0x80, cp = c & 0x1F;
  else if ((c & 0xF0) == 0xE0) len = 3, min = 0x800, cp = c & 0x0F;
  else if ((c & 0xF8) == 0xF0) len = 4, min = 0x10000, cp = c & 0x07;
  else return 0;
  if (len > n) return 0;
  for (size_t i = 1; i < len; i++) {
    if ((s[i] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (s[i] & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

void ann_json_escape(ann_buf *b, const char *s, size_t n) {
  const unsigned char *p = (const unsigned char *)s, *end = p + n;
  const unsigned char *run = p;
  while (p < end) {
    unsigned c = *p;
    if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
      p++;
      continue;
    }
    size_t ok = c >= 0x80 ? utf8_valid(p, (size_t)(end - p)) : 0;
    if (ok) {
      p += ok;
      continue;
    }
    ann_buf_put(b, (const char *)run, (size_t)(p - run));
    switch (c) {
    case '"': ann_buf_put(b, "\\\"", 2); break;
    case '\\': ann_buf_put(b, "\\\\", 2); break;
    case '\n': ann_buf_put(b, "\\n", 2); break;
    case '\r': ann_buf_put(b, "\\r", 2); break;
    case '\t': ann_buf_put(b, "\\t", 2); break;
    default:
      if (c < 0x20) ann_buf_printf(b, "\\u%04x", c);
      else ann_buf_put(b, "\xEF\xBF\xBD", 3); /* invalid byte: U+FFFD */
    }
    p++;
    run = p;
  }
  ann_buf_put(b, (const char *)run, (size_t)(p - run));
}

void ann_json_strn(ann_json *j, const char *s, size_t n) {
  sep(j);
  ann_buf_putc(j->b, '"');
  ann_json_escape(j->b, s, n);
  ann_buf_putc(j->b, '"');
}

void ann_json_str(ann_json *j, const char *s) {
  if (!s) {
    ann_json_null(j);
    return;
  }
  ann_json_strn(j, s, strlen(s));
}

void ann_json_int(ann_json *j, long long v) {
  sep(j);
  ann_buf_printf(j->b, "%lld", v);
}

void ann_json_num(ann_json *j, double v) {
  sep(j);
  if (!isfinite(v)) {
    ann_buf_put(j->b, "null", 4);
    return;
  }
  if (v == (double)(long long)v && fabs(v) < 1e15) {
    ann_buf_printf(j->b, "%lld", (long long)v);
    return;
  }
  char tmp[40];
  snprintf(tmp, sizeof tmp, "%.15g", v);
  if (strtod(tmp, NULL) != v) snprintf(tmp, sizeof tmp, "%.17g", v);
  ann_buf_puts(j->b, tmp);
}

void ann_json_bool(ann_json *j, bool v) {
  sep(j);
  ann_buf_puts(j->b, v ? "true" : "false");
}

void ann_json_null(ann_json *j) {
  sep(j);
  ann_buf_put(j->b, "null", 4);
}
