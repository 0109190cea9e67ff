/*
 * build_lexicon — compile the tone lexicon into data/tone.bin.
 *
 *   build_lexicon OUT.bin VADER_LEXICON.txt|- DICTS_DIR
 *
 * VADER_LEXICON.txt is the vader_lexicon.txt shipped by the npm package
 * vader-sentiment ("word<TAB>mean<TAB>sd<TAB>[ratings]"), or "-" for none;
 * DICTS_DIR holds our own lists (dicts/tone), which override it. Run by
 * scripts/setup.d/30-lexicon.sh.
 */
#include "record/rec.h"

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: build_lexicon OUT.bin VADER.txt|- DICTS_DIR\n");
    return 2;
  }
  ann_error e = {0};
  const char *vader = strcmp(argv[2], "-") ? argv[2] : NULL;
  if (rec_tone_build(argv[1], vader, argv[3], &e) < 0) {
    fprintf(stderr, "build_lexicon: %s\n", e.msg);
    return 1;
  }
  return 0;
}
