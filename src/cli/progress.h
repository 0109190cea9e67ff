/* progress.h — a one-line progress display on stderr for long batches:
 * only on a terminal, at most ten updates a second. */
#ifndef ANN_CLI_PROGRESS_H
#define ANN_CLI_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>

typedef struct ann_source ann_source;

typedef struct ann_progress {
  bool on;
  double start, last;
  const ann_source *src; /* when set, an ETA from its input positions */
} ann_progress;

/* on: the caller's wish (--quiet off); drawn only if stderr is a tty. */
void ann_progress_start(ann_progress *p, bool on);
void ann_progress_update(ann_progress *p, size_t docs, size_t errors,
                         size_t bytes);
void ann_progress_finish(ann_progress *p, size_t docs, size_t errors,
                         size_t bytes);
double ann_now(void);

#endif
