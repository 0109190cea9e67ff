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
#include "stage_share.h"

#include <stdio.h>
#include <stdlib.h>

extern const ann_stage ann_stage_record;

typedef struct {
  size_t docs, bytes, words;
} counts;

static void count(const ann_doc *d, void *acc) {
  counts *c = acc;
  c->docs++;
  c->bytes += d->text_len;
  c->words += (size_t)d->tone.words;
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
  double best_rest, best_rec;
  counts c;
  if (stage_share("bench_record", prest, prec, &ann_stage_record, st,
                  (const char *const *)argv + 1, (size_t)argc - 1, repeat,
                  count, &c, sizeof c, &best_rest, &best_rec))
    return 1;
  size_t docs = c.docs, bytes = c.bytes, words = c.words;
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
