/*
 * bench_record — the record stage's share of the pipeline's time.
 *
 *   bench_record INPUT...   (files or directories, as `annalist extract`)
 *
 * Each document goes through every other built stage (extract, tokens,
 * POS, NER, geo... whatever is linked in), timed, then through the record
 * stage alone, timed. Prints docs, text MB, both times, record's share of
 * the total and its throughput. Repeats the corpus REPEAT times (env,
 * default 3) and keeps the fastest pass of each part, in thread CPU time. ONLY_EXTRACT=1 times
 * the extract stage alone as the "other stages".
 */
#include "annalist/ingest.h"
#include "annalist/pipeline.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

extern const ann_stage ann_stage_record;

/* CPU time of this thread: the machine is shared, wall time is not
 * ours alone */
static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: bench_record INPUT...\n");
    return 2;
  }
  /* ONLY_EXTRACT=1: compare with extraction alone (the record stage then
   * splits sentences itself) */
  ann_options orest = {.stages = getenv("ONLY_EXTRACT")
                                     ? ANN_STAGE_EXTRACT
                                     : ANN_STAGE_ALL & ~ANN_STAGE_RECORD};
  ann_options orec = {.stages = ANN_STAGE_RECORD};
  ann_pipeline *prest, *prec;
  ann_error e = {0};
  if (ann_pipeline_open(&prest, &orest, &e) < 0 ||
      ann_pipeline_open(&prec, &orec, &e) < 0) {
    fprintf(stderr, "bench_record: %s\n", e.msg);
    return 1;
  }
  const void *st = ann_pipeline_state(prec, "record");
  int repeat = getenv("REPEAT") ? atoi(getenv("REPEAT")) : 3;
  double best_rest = 1e99, best_rec = 1e99;
  size_t docs = 0, bytes = 0, words = 0;
  for (int pass = 0; pass < repeat; pass++) {
    ann_source *src;
    if (ann_source_open(&src, (const char *const *)argv + 1, (size_t)argc - 1,
                        ANN_IN_AUTO, &ann_pipeline_options(prest)->limits,
                        &e) < 0) {
      fprintf(stderr, "bench_record: %s\n", e.msg);
      return 1;
    }
    ann_arena *a = ann_arena_new(1 << 20, 0);
    double trest = 0, trec = 0;
    docs = bytes = words = 0;
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
      ann_stage_record.run(st, prec, &d);
      trec += now() - t1;
      docs++;
      bytes += d.text_len;
      words += (size_t)d.tone.words;
    }
    ann_arena_free(a);
    ann_source_close(src);
    if (trest < best_rest) best_rest = trest;
    if (trec < best_rec) best_rec = trec;
  }
  printf("docs %zu, text %.2f MB, %zu words\n", docs, (double)bytes / 1e6,
         words);
  printf("other stages %.3f s, record %.3f s: record is %.1f%% of the "
         "pipeline (+%.1f%% over the other stages)\n",
         best_rest, best_rec, 100 * best_rec / (best_rest + best_rec),
         100 * best_rec / best_rest);
  printf("record alone: %.1f MB/s of text, %.0f docs/s\n",
         (double)bytes / 1e6 / best_rec, (double)docs / best_rec);
  ann_pipeline_free(prest);
  ann_pipeline_free(prec);
  return 0;
}
