/*
 * bench_tone — the record stage's tone on one text per line.
 *
 *   bench_tone [FILE]   lines "ID<TAB>RATING<TAB>TEXT" (or just TEXT)
 *
 * Prints "ID<TAB>tone<TAB>positive<TAB>negative" per line, for
 * bench/tone_eval.py, which correlates it with human ratings.
 */
#include "annalist/pipeline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern const ann_stage ann_stage_record;

int main(int argc, char **argv) {
  FILE *f = argc > 1 ? fopen(argv[1], "r") : stdin;
  if (!f) {
    perror(argv[1]);
    return 1;
  }
  ann_options o = {.stages = ANN_STAGE_RECORD};
  ann_error e = {0};
  ann_pipeline *p;
  if (ann_pipeline_open(&p, &o, &e) < 0) {
    fprintf(stderr, "bench_tone: %s\n", e.msg);
    return 1;
  }
  const void *st = ann_pipeline_state(p, "record");
  ann_arena *a = ann_arena_new(1 << 16, 0);
  char *line = NULL;
  size_t cap = 0;
  ssize_t n;
  while ((n = getline(&line, &cap, f)) > 0) {
    while (n && (line[n - 1] == '\n' || line[n - 1] == '\r')) line[--n] = 0;
    char *id = line, *text = line;
    char *t1 = strchr(line, '\t');
    if (t1) {
      *t1 = 0;
      char *t2 = strchr(t1 + 1, '\t');
      text = t2 ? t2 + 1 : t1 + 1;
    } else {
      id = "-";
    }
    ann_arena_reset(a);
    ann_doc d = {.arena = a, .text = text, .text_len = strlen(text)};
    ann_stage_record.run(st, p, &d);
    printf("%s\t%.6f\t%.6f\t%.6f\n", id, d.tone.tone, d.tone.positive,
           d.tone.negative);
  }
  free(line);
  ann_arena_free(a);
  ann_pipeline_free(p);
  if (f != stdin) fclose(f);
  return 0;
}
