/*
 * check_dicts.c — load the event dictionaries (dicts/cameo) the way the
 * coder does and report the first error, naming the file and the line.
 * The build runs it (target dicts_cameo), so a malformed or circular entry
 * stops the build instead of the first run.
 *
 *   check_dicts DIR     exit 0 and a one-line summary, or 1 and the error
 */
#include "event/dicts.h"

#include <stdio.h>

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: check_dicts DIR\n");
    return 2;
  }
  ev_dicts d;
  ann_error e = {0};
  if (ev_dicts_load(&d, argv[1], &e) < 0) {
    fprintf(stderr, "error: %s\n", e.msg);
    return 1;
  }
  printf("check_dicts: %zu codes, %zu triggers, %zu classes, %zu actor "
         "words\n",
         d.ncodes, d.ntriggers, d.nclasses, d.nactors);
  ev_dicts_free(&d);
  return 0;
}
