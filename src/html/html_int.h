/*
 * html_int.h — internals shared by the files of src/html/.
 */
#ifndef ANN_HTML_INT_H
#define ANN_HTML_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A named character reference: name as in the spec (with or without the
 * trailing ';'), and its UTF-8 expansion (at most two code points). */
typedef struct html_entity {
  const char *name;
  uint8_t name_len, len;
  const char utf8[9];
} html_entity;

/* Decode the character reference that follows a '&' at p (p points just
 * after the '&'). On success writes 1..8 UTF-8 bytes to out, sets *outlen
 * and returns how many bytes after the '&' were consumed; returns 0 when
 * the text is not a reference (the '&' is then literal). in_attr applies
 * the attribute rule: a legacy name without ';' followed by '=' or an
 * alphanumeric is not decoded. */
size_t html_charref(const char *p, const char *end, bool in_attr, char *out,
                    size_t *outlen);

/* Encode code point c as UTF-8 into out; returns the byte count (1-4). */
size_t html_utf8(uint32_t c, char *out);

/* Number of named references in the table (for tests). */
size_t html_entity_count(void);

#endif
