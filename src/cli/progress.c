/* progress.c — see progress.h. */
#include "progress.h"
#include "annalist/ingest.h"

#include <stdio.h>
#include <time.h>
#include <unistd.h>

double ann_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

void ann_progress_start(ann_progress *p, bool on) {
  p->on = on && isatty(2);
  p->start = p->last = ann_now();
}

static void draw(ann_progress *p, size_t docs, size_t errors, size_t bytes,
                 const char *end) {
  double t = ann_now() - p->start;
  if (t <= 0) t = 1e-9;
  char eta[48] = "";
  unsigned long long done, total;
  if (p->src && ann_source_progress(p->src, &done, &total) && done > 0 &&
      done < total) {
    double left = t * (double)(total - done) / (double)done;
    snprintf(eta, sizeof eta, ", %.0f%%, ETA %.0fs", 100.0 * done / total,
             left);
  }
  fprintf(stderr, "\r%zu documents, %zu errors, %.1f MB, %.0f docs/s, %.1fs%s%s",
          docs, errors, bytes / 1e6, docs / t, t, eta, end);
}

void ann_progress_update(ann_progress *p, size_t docs, size_t errors,
                         size_t bytes) {
  if (!p->on) return;
  double now = ann_now();
  if (now - p->last < 0.1) return;
  p->last = now;
  draw(p, docs, errors, bytes, "\033[K");
}

void ann_progress_finish(ann_progress *p, size_t docs, size_t errors,
                         size_t bytes) {
  if (!p->on) return;
  draw(p, docs, errors, bytes, "\033[K\n");
}
