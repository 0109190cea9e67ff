/* batch.h — running a source through a pipeline on N threads, writing
 * records in input order. */
#ifndef ANN_CLI_BATCH_H
#define ANN_CLI_BATCH_H

#include "annalist/ingest.h"
#include "annalist/out.h"
#include "annalist/pipeline.h"

#include <stdio.h>

/* Formats one processed document into out (called on a worker thread). */
typedef void (*ann_emit_fn)(void *ctx, const ann_doc *d, ann_buf *out);

typedef struct ann_batch {
  const ann_pipeline *pipeline;
  ann_source *source;
  int jobs;          /* worker threads, >= 1 */
  bool progress;     /* draw progress on stderr */
  ann_emit_fn emit;
  void *emit_ctx;
  FILE *out;
  /* Optional, called on the main thread in input order: skip decides
   * before any work whether a document is left out (already stored);
   * sink replaces writing to out (the store). A negative sink result
   * stops the batch. */
  bool (*skip)(void *ctx, const ann_input *in);
  int (*sink)(void *ctx, const ann_doc *d, const char *rec, size_t len);
  void *hook_ctx;
  /* results */
  size_t skipped;
  size_t docs, errors;
  size_t bytes_in;
  int fatal;         /* nonzero when the source failed as a whole */
  ann_error fatal_error;
} ann_batch;

/* Run the whole batch. Returns 0, or a negative code on a fatal failure
 * (the source broke, output could not be written). */
int ann_batch_run(ann_batch *b);

#endif
