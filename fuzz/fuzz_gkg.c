/* fuzz_gkg.c — the GKG 2.1 reader: any line reads or fails cleanly, and a
 * row that reads writes back to the same bytes. */
#include "annalist/gkg.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  ann_arena *a = ann_arena_new(1 << 16, 256u << 20);
  const char *line = (const char *)data;
  size_t n = size;
  const char *nl = memchr(line, '\n', n);
  if (nl) n = (size_t)(nl - line); /* one line */
  ann_gkg_row row;
  if (ann_gkg_read(a, line, n, &row, NULL) == 0) {
    ann_gkg_check(&row, NULL);
    ann_buf b;
    ann_buf_init(&b, 0);
    ann_gkg_write(&b, &row);
    size_t want = n;
    if (want && line[want - 1] == '\r') want--;
    if (b.len != want + 1 || memcmp(b.p, line, want) != 0) __builtin_trap();
    ann_buf_free(&b);
  }
  ann_arena_free(a);
  return 0;
}
