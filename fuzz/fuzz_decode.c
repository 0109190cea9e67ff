/* fuzz_decode.c — charset decision and conversion. The first byte picks
 * the HTTP charset (or none) and whether the bytes are HTML. */
#include "annalist/decode.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const char *const http[] = {
      NULL,       "utf-8",        "windows-1252", "shift_jis",
      "gbk",      "euc-kr",       "big5",         "iso-2022-jp",
      "utf-16le", "utf-16be",     "koi8-r",       "euc-jp",
      "gb18030",  "windows-1251", "x-bogus",      "iso-8859-8-i"};
  if (size == 0) return 0;
  const char *cs = http[data[0] & 15];
  bool html = data[0] & 16;
  ann_arena *a = ann_arena_new(1 << 16, 256u << 20);
  ann_decoded d;
  if (ann_decode(a, data + 1, size - 1, cs, html, &d, NULL) == 0) {
    /* the promise: NUL-terminated, no NUL inside */
    if (d.text[d.len] != 0 || __builtin_strlen(d.text) != d.len)
      __builtin_trap();
  }
  ann_arena_free(a);
  return 0;
}
