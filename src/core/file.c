/* file.c — reading a whole file (see ann.h). */
#include "annalist/ann.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

char *ann_read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  char *b = NULL;
  long n = -1;
  if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
      fseek(f, 0, SEEK_SET) == 0 && (b = malloc((size_t)n + 1)) &&
      fread(b, 1, (size_t)n, f) != (size_t)n) {
    free(b);
    b = NULL;
    errno = EIO;
  }
  fclose(f);
  if (!b) return NULL;
  b[n] = 0;
  if (len) *len = (size_t)n;
  return b;
}
