/*
 * bench_events — the events stage's share of the pipeline's time.
 *
 *   bench_events INPUT...   (files or directories, as `annalist extract`)
 *
 * Each document goes through every other stage (extract, tokens, POS, NER,
 * parse, geo, record), timed, then through the events stage alone, timed.
 * Prints documents, sentences, both times and sentences per second of the
 * pipeline with and without events and of events alone. Repeats the
 * corpus REPEAT times (env, default 3) and keeps the fastest pass of each
 * part, in thread CPU time (the machine is shared).
 */
#include "annalist/ingest.h"
#include "annalist/pipeline.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

extern const ann_stage ann_stage_events;

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: bench_events INPUT...\n");
    return 2;
  }
  ann_options orest = {.stages = ANN_STAGE_ALL & ~ANN_STAGE_EVENTS};
  ann_options oev = {.stages = ANN_STAGE_ALL};
  ann_pipeline *prest, *pev;
  ann_error e = {0};
  if (ann_pipeline_open(&prest, &orest, &e) < 0 ||
      ann_pipeline_open(&pev, &oev, &e) < 0) {
    fprintf(stderr, "bench_events: %s\n", e.msg);
    return 1;
  }
  const void *st = ann_pipeline_state(pev, "events");
  if (!st) {
    fprintf(stderr, "bench_events: the events stage did not open\n");
    return 1;
  }
  int repeat = getenv("REPEAT") ? atoi(getenv("REPEAT")) : 3;
  double best_rest = 1e99, best_ev = 1e99;
  size_t docs = 0, sents = 0, events = 0;
  for (int pass = 0; pass < repeat; pass++) {
    ann_source *src;
    if (ann_source_open(&src, (const char *const *)argv + 1, (size_t)argc - 1,
                        ANN_IN_AUTO, &ann_pipeline_options(prest)->limits,
                        &e) < 0) {
      fprintf(stderr, "bench_events: %s\n", e.msg);
      return 1;
    }
    ann_arena *a = ann_arena_new(1 << 20, 0);
    double trest = 0, tev = 0;
    docs = sents = events = 0;
    for (;;) {
      ann_arena_reset(a);
      ann_input in;
      int rc = ann_source_next(src, a, &in, &e);
      if (rc <= 0) break;
      ann_doc d;
      double t0 = now();
      int r = ann_pipeline_run(prest, &in, a, &d);
      double t1 = now();
      trest += t1 - t0;
      if (r < 0 || !d.text) continue;
      ann_stage_events.run(st, pev, &d);
      tev += now() - t1;
      docs++;
      sents += d.sentences.n;
      events += d.events.n;
    }
    ann_arena_free(a);
    ann_source_close(src);
    if (trest < best_rest) best_rest = trest;
    if (tev < best_ev) best_ev = tev;
  }
  printf("docs %zu, sentences %zu, events %zu\n", docs, sents, events);
  printf("pipeline without events %.3f s (%.0f sentences/s), with events "
         "%.3f s (%.0f sentences/s)\n",
         best_rest, (double)sents / best_rest, best_rest + best_ev,
         (double)sents / (best_rest + best_ev));
  printf("events alone %.4f s: %.0f sentences/s, %.1f%% of the pipeline\n",
         best_ev, (double)sents / best_ev,
         100 * best_ev / (best_rest + best_ev));
  ann_pipeline_free(prest);
  ann_pipeline_free(pev);
  return 0;
}
