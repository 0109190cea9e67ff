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
#include "stage_share.h"

#include <stdio.h>
#include <stdlib.h>

extern const ann_stage ann_stage_events;

typedef struct {
  size_t docs, sents, events;
} counts;

static void count(const ann_doc *d, void *acc) {
  counts *c = acc;
  c->docs++;
  c->sents += d->sentences.n;
  c->events += d->events.n;
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
  double best_rest, best_ev;
  counts c;
  if (stage_share("bench_events", prest, pev, &ann_stage_events, st,
                  (const char *const *)argv + 1, (size_t)argc - 1, repeat,
                  count, &c, sizeof c, &best_rest, &best_ev))
    return 1;
  size_t docs = c.docs, sents = c.sents, events = c.events;
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
