/*
 * utf8.c — copy bytes as valid UTF-8, each invalid byte becoming U+FFFD.
 * The last step of every decode path; also strips NUL bytes, which the
 * rest of the pipeline treats as string ends.
 */
#include "utf8.h"
#include "annalist/decode.h"

#include <string.h>

size_t ann_utf8_seq(const unsigned char *s, size_t n) {
  unsigned c = s[0];
  if (c < 0x80) return 1;
  size_t len;
  unsigned min, cp;
  if ((c & 0xE0) == 0xC0)
    len = 2, min = 0x80, cp = c & 0x1F;
  else if ((c & 0xF0) == 0xE0)
    len = 3, min = 0x800, cp = c & 0x0F;
  else if ((c & 0xF8) == 0xF0)
    len = 4, min = 0x10000, cp = c & 0x07;
  else
    return 0;
  if (len > n) return 0;
  for (size_t i = 1; i < len; i++) {
    if ((s[i] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (s[i] & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

bool ann_utf8_valid(const unsigned char *s, size_t n) {
  for (size_t i = 0; i < n;) {
    if (s[i] < 0x80) {
      if (!s[i]) return false;
      i++;
      continue;
    }
    size_t k = ann_utf8_seq(s + i, n - i);
    if (!k) return false;
    i += k;
  }
  return true;
}

int ann_utf8_sanitize(ann_arena *a, const unsigned char *s, size_t n,
                      char **out, size_t *out_len) {
  /* worst case: every byte becomes the 3-byte U+FFFD */
  if (n > (SIZE_MAX - 1) / 3) return ANN_ELIMIT;
  char *o = ann_alloc(a, n * 3 + 1);
  if (!o) return ANN_ENOMEM;
  size_t j = 0;
  for (size_t i = 0; i < n;) {
    /* ASCII runs without NUL, 8 bytes at a time */
    while (i + 8 <= n) {
      uint64_t w;
      memcpy(&w, s + i, 8);
      if ((w & 0x8080808080808080ULL) ||
          ((w - 0x0101010101010101ULL) & ~w & 0x8080808080808080ULL))
        break;
      memcpy(o + j, &w, 8);
      i += 8;
      j += 8;
    }
    if (i >= n) break;
    if (s[i] < 0x80) {
      if (s[i]) o[j++] = (char)s[i];
      i++;
      continue;
    }
    size_t k = ann_utf8_seq(s + i, n - i);
    if (k) {
      memcpy(o + j, s + i, k);
      j += k;
      i += k;
    } else {
      memcpy(o + j, "\xEF\xBF\xBD", 3);
      j += 3;
      i++;
    }
  }
  o[j] = 0;
  *out = o;
  *out_len = j;
  return 0;
}
