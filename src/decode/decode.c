/*
 * decode.c — charset decision and conversion (see decode.h).
 */
#include "annalist/decode.h"
#include "utf8.h"

int ann_decode(ann_arena *a, const unsigned char *bytes, size_t len,
               const char *http_charset, bool html, ann_decoded *out,
               ann_error *e) {
  (void)http_charset;
  (void)html;
  size_t skip = 0;
  if (len >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
    skip = 3;
  int rc = ann_utf8_sanitize(a, bytes + skip, len - skip, &out->text,
                             &out->len);
  if (rc < 0) return ann_fail(e, rc, -1, "%s", ann_strerror(rc));
  out->charset = "utf-8";
  return 0;
}
