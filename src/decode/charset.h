/* charset.h — charset labels and the <meta> prescan (inside src/decode). */
#ifndef ANN_DECODE_CHARSET_H
#define ANN_DECODE_CHARSET_H

#include <stddef.h>

/* An encoding: its WHATWG name and the glibc iconv name to decode it. */
typedef struct ann_charset {
  const char *name;  /* "windows-1252", "shift_jis", "utf-8" ... */
  const char *iconv; /* "CP1252", "CP932", NULL for utf-8 */
} ann_charset;

/* The encoding for a label (WHATWG "get an encoding": trimmed, case
 * folded; "latin1" -> windows-1252, "x-sjis" -> shift_jis ...). Labels
 * uchardet gives are accepted too. NULL when unknown. */
const ann_charset *ann_charset_lookup(const char *label, size_t n);

/* The WHATWG prescan for a <meta charset> or <meta http-equiv=
 * "content-type" content="...charset=X"> in the first max bytes of p.
 * Returns the encoding (utf-16 labels become utf-8, x-user-defined
 * windows-1252, as the standard says) or NULL. */
const ann_charset *ann_charset_prescan(const unsigned char *p, size_t n,
                                       size_t max);

/* The charset named in a Content-Type value ("text/html; charset=x"),
 * as a lookup of that label; NULL when none or unknown. */
const ann_charset *ann_charset_from_content_type(const char *v, size_t n);

#endif
