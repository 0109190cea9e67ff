/*
 * stage_share.h — one stage's share of the pipeline's time, for the
 * bench_<stage> programs: every document goes through the other stages
 * (pipeline `rest`), timed, then through the one stage alone, timed. The
 * corpus is read `repeat` times and the fastest pass of each part kept, in
 * thread CPU time (the machine is shared: wall time is not ours alone).
 */
#ifndef ANN_BENCH_STAGE_SHARE_H
#define ANN_BENCH_STAGE_SHARE_H

#include "annalist/ingest.h"
#include "annalist/pipeline.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static double stage_share_now(void) {
  struct timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Runs the passes; count(d, acc) adds a document's figures to acc, which
 * is cleared (acc_size bytes) before every pass. Sets *rest and *alone to
 * the fastest pass's seconds. Returns 0, or 1 after printing why to
 * stderr under the program's name. */
static int stage_share(const char *prog, ann_pipeline *rest,
                       ann_pipeline *with, const ann_stage *stage,
                       const void *state, const char *const *inputs,
                       size_t ninputs, int repeat,
                       void (*count)(const ann_doc *d, void *acc), void *acc,
                       size_t acc_size, double *best_rest, double *best_alone) {
  *best_rest = *best_alone = 1e99;
  for (int pass = 0; pass < repeat; pass++) {
    ann_error e = {0};
    ann_source *src;
    if (ann_source_open(&src, inputs, ninputs, ANN_IN_AUTO,
                        &ann_pipeline_options(rest)->limits, &e) < 0) {
      fprintf(stderr, "%s: %s\n", prog, e.msg);
      return 1;
    }
    ann_arena *a = ann_arena_new(1 << 20, 0);
    double trest = 0, talone = 0;
    memset(acc, 0, acc_size);
    for (;;) {
      ann_arena_reset(a);
      ann_input in;
      if (ann_source_next(src, a, &in, &e) <= 0) break;
      ann_doc d;
      double t0 = stage_share_now();
      int r = ann_pipeline_run(rest, &in, a, &d);
      double t1 = stage_share_now();
      trest += t1 - t0;
      if (r < 0 || !d.text) continue;
      stage->run(state, with, &d);
      talone += stage_share_now() - t1;
      count(&d, acc);
    }
    ann_arena_free(a);
    ann_source_close(src);
    if (trest < *best_rest) *best_rest = trest;
    if (talone < *best_alone) *best_alone = talone;
  }
  return 0;
}

#endif
