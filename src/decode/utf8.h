/* utf8.h — UTF-8 helpers shared inside src/decode (not public API). */
#ifndef ANN_DECODE_UTF8_H
#define ANN_DECODE_UTF8_H

#include "annalist/arena.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Length of the valid sequence at s (n bytes available), 0 if invalid. */
size_t ann_utf8_seq(const unsigned char *s, size_t n);

/* True when s is valid UTF-8 without NUL bytes. */
bool ann_utf8_valid(const unsigned char *s, size_t n);

/* Arena copy of s with invalid bytes as U+FFFD and NULs dropped. */
int ann_utf8_sanitize(ann_arena *a, const unsigned char *s, size_t n,
                      char **out, size_t *out_len);

#endif
