/*
 * decode.h — bytes in any charset to NUL-terminated UTF-8 (NFC).
 *
 * Order of trust: byte-order mark, the HTTP charset (WARC), a <meta>
 * prescan of the first 1024 bytes (HTML only), valid UTF-8, detection
 * (uchardet), windows-1252. Invalid bytes become U+FFFD: decoding never
 * fails on content, only on memory.
 */
#ifndef ANNALIST_DECODE_H
#define ANNALIST_DECODE_H

#include "annalist/ann.h"
#include "annalist/arena.h"

typedef struct ann_decoded {
  char *text;           /* UTF-8, NUL-terminated, in the arena */
  size_t len;
  const char *charset;  /* the charset used (static or arena string) */
} ann_decoded;

/* http_charset may be NULL; html enables the <meta> prescan. */
int ann_decode(ann_arena *a, const unsigned char *bytes, size_t len,
               const char *http_charset, bool html, ann_decoded *out,
               ann_error *e);

#endif
