/*
 * bench_nlp — tokens per second of the NLP stages on one core: tokenize,
 * + POS, + NER, + parse, over one plain-text file (run through the very
 * stage functions the pipeline calls).
 *
 *   bench_nlp TEXT [seconds-per-measure [only]]
 *
 * only (0-3): run just that measure (2 = tokens+pos+ner), e.g. under perf.
 *
 * The text is one document; each measure repeats the stages on it for at
 * least the given time and reports the best pass.
 */
#include "annalist/pipeline.h"
#include "annalist/tok.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

/* CPU time of this thread: on a shared, loaded machine the wall clock
 * counts the time other processes held the core. */
static double cpu(void) {
  struct timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: bench_nlp TEXT [seconds]\n");
    return 2;
  }
  double secs = argc > 2 ? atof(argv[2]) : 2.0;
  int only = argc > 3 ? atoi(argv[3]) : -1;
  FILE *f = fopen(argv[1], "rb");
  if (!f) {
    fprintf(stderr, "bench_nlp: cannot read %s\n", argv[1]);
    return 1;
  }
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *text = malloc((size_t)n + 1);
  if (fread(text, 1, (size_t)n, f) != (size_t)n) n = 0;
  text[n] = 0;
  fclose(f);

  ann_options o = {.stages = ANN_STAGE_TOKENS | ANN_STAGE_POS |
                             ANN_STAGE_NER | ANN_STAGE_PARSE};
  ann_pipeline *p;
  ann_error e = {0};
  if (ann_pipeline_open(&p, &o, &e) < 0) {
    fprintf(stderr, "bench_nlp: %s\n", e.msg);
    return 1;
  }
  /* the stages in run order: tokens, pos, ner, parse */
  const char *names[] = {"tokens", "pos", "ner", "parse"};
  const ann_stage *st[4] = {0};
  for (int i = 0; i < ANN_NSTAGES; i++)
    for (int k = 0; k < 4; k++)
      if (ann_stages[i] && !strcmp(ann_stages[i]->name, names[k]))
        st[k] = ann_stages[i];
  ann_arena *a = ann_arena_new(1 << 22, 0);
  size_t ntok = 0;
  printf("text: %s, %ld bytes\n", argv[1], n);
  for (int upto = 0; upto < 4; upto++) {
    if (!st[upto]) {
      printf("%-26s not built in\n", names[upto]);
      break;
    }
    if (only >= 0 && upto != only) continue;
    double best = 1e30, bestc = 1e30, t0 = now();
    int reps = 0;
    while (now() - t0 < secs || reps < 3) {
      ann_doc d = {0};
      ann_arena_reset(a);
      d.arena = a;
      d.text = text;
      d.text_len = (size_t)n;
      double s = now(), c = cpu();
      for (int k = 0; k <= upto; k++)
        st[k]->run(ann_pipeline_state(p, names[k]), p, &d);
      double el = now() - s, elc = cpu() - c;
      if (el < best) best = el;
      if (elc < bestc) bestc = elc;
      ntok = d.tokens.n;
      reps++;
    }
    char label[64] = "";
    for (int k = 0; k <= upto; k++) {
      strcat(label, k ? "+" : "");
      strcat(label, names[k]);
    }
    printf("%-26s %9.0f tokens/s CPU %9.0f wall  (%zu tokens, best of %d "
           "passes)\n",
           label, ntok / bestc, ntok / best, ntok, reps);
  }
  ann_arena_free(a);
  ann_pipeline_free(p);
  free(text);
  return 0;
}
