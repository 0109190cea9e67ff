/*
 * batch.c — the ordered thread pool behind `annalist extract -j N`.
 *
 * The main thread reads documents into a ring of slots in input order and
 * writes finished slots in that same order; workers take the oldest unread
 * slot, run the pipeline and format the record into the slot's buffer.
 * Each slot owns an arena that is reset after its record is written, so
 * memory is bounded by the ring size, not by the number of documents.
 */
#include "batch.h"
#include "progress.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

enum { SLOT_FREE, SLOT_READY, SLOT_BUSY, SLOT_DONE };

typedef struct slot {
  int state;
  ann_arena *arena;
  ann_input in;
  ann_doc doc;
  ann_buf out;
  bool failed;
} slot;

typedef struct pool {
  ann_batch *b;
  slot *slots;
  size_t nslots;
  size_t seq_read, seq_work, seq_write;
  bool stop;
  pthread_mutex_t mu;
  pthread_cond_t work_cv, done_cv;
} pool;

/* Arena chunk and cap: the first chunk fits a typical page and its
 * analysis; the cap is the per-document memory limit. */
#define ARENA_CHUNK (1u << 20)

static void process(pool *p, slot *s) {
  const ann_options *o = ann_pipeline_options(p->b->pipeline);
  (void)o;
  int rc = ann_pipeline_run(p->b->pipeline, &s->in, s->arena, &s->doc);
  s->failed = rc < 0 || s->doc.error_code != NULL;
  s->out.len = 0;
  s->out.err = 0;
  p->b->emit(p->b->emit_ctx, &s->doc, &s->out);
  if (s->out.err) {
    /* the record itself was too large: write an error record instead */
    s->out.len = 0;
    s->out.err = 0;
    ann_doc_fail(&s->doc, ANN_ELIMIT, "record too large to write");
    s->doc.text = NULL;
    s->failed = true;
    p->b->emit(p->b->emit_ctx, &s->doc, &s->out);
  }
}

static void *worker(void *arg) {
  pool *p = arg;
  pthread_mutex_lock(&p->mu);
  for (;;) {
    while (!p->stop && p->seq_work == p->seq_read)
      pthread_cond_wait(&p->work_cv, &p->mu);
    if (p->seq_work == p->seq_read && p->stop) break;
    slot *s = &p->slots[p->seq_work % p->nslots];
    p->seq_work++;
    s->state = SLOT_BUSY;
    pthread_mutex_unlock(&p->mu);
    process(p, s);
    pthread_mutex_lock(&p->mu);
    s->state = SLOT_DONE;
    pthread_cond_broadcast(&p->done_cv);
  }
  pthread_mutex_unlock(&p->mu);
  return NULL;
}

static int write_slot(pool *p, slot *s, ann_progress *pr) {
  ann_batch *b = p->b;
  int rc = 0;
  if (b->sink)
    rc = b->sink(b->hook_ctx, &s->doc, s->out.p ? s->out.p : "", s->out.len);
  else if (s->out.len &&
           fwrite(s->out.p, 1, s->out.len, b->out) != s->out.len)
    rc = ANN_EIO;
  b->docs++;
  if (s->failed) b->errors++;
  b->bytes_in += s->in.len;
  ann_progress_update(pr, b->docs, b->errors, b->bytes_in);
  ann_arena_reset(s->arena);
  s->state = SLOT_FREE;
  return rc;
}

int ann_batch_run(ann_batch *b) {
  pool p = {.b = b};
  int jobs = b->jobs < 1 ? 1 : b->jobs;
  p.nslots = (size_t)jobs * 4;
  p.slots = calloc(p.nslots, sizeof *p.slots);
  if (!p.slots) return ANN_ENOMEM;
  size_t cap = ann_pipeline_options(b->pipeline)->limits.max_arena;
  int rc = 0;
  for (size_t i = 0; i < p.nslots; i++) {
    p.slots[i].arena = ann_arena_new(ARENA_CHUNK, cap);
    ann_buf_init(&p.slots[i].out, 256u << 20);
    if (!p.slots[i].arena) rc = ANN_ENOMEM;
  }
  ann_progress pr;
  ann_progress_start(&pr, b->progress);
  pr.src = b->source;
  pthread_t *th = NULL;
  if (rc == 0 && jobs > 1) {
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.work_cv, NULL);
    pthread_cond_init(&p.done_cv, NULL);
    th = calloc((size_t)jobs, sizeof *th);
    if (!th) rc = ANN_ENOMEM;
    for (int i = 0; rc == 0 && i < jobs; i++)
      if (pthread_create(&th[i], NULL, worker, &p) != 0) {
        jobs = i; /* run with the threads we got */
        break;
      }
  }
  bool eof = rc != 0;
  while (rc == 0 && (!eof || p.seq_write < p.seq_read)) {
    if (!eof && p.seq_read - p.seq_write < p.nslots) {
      slot *s = &p.slots[p.seq_read % p.nslots];
      int got = ann_source_next(b->source, s->arena, &s->in, &b->fatal_error);
      if (got < 0) {
        b->fatal = got;
        eof = true;
        continue;
      }
      if (got == 0) {
        eof = true;
        continue;
      }
      if (b->skip && b->skip(b->hook_ctx, &s->in)) {
        b->skipped++;
        ann_arena_reset(s->arena);
        continue;
      }
      if (!th) {
        process(&p, s);
        p.seq_read++;
        rc = write_slot(&p, s, &pr);
        p.seq_write++;
        continue;
      }
      pthread_mutex_lock(&p.mu);
      s->state = SLOT_READY;
      p.seq_read++;
      pthread_cond_signal(&p.work_cv);
      pthread_mutex_unlock(&p.mu);
      /* write what is already finished without waiting */
      for (;;) {
        slot *w = &p.slots[p.seq_write % p.nslots];
        pthread_mutex_lock(&p.mu);
        bool done = p.seq_write < p.seq_read && w->state == SLOT_DONE;
        pthread_mutex_unlock(&p.mu);
        if (!done) break;
        if ((rc = write_slot(&p, w, &pr)) < 0) break;
        p.seq_write++;
      }
      continue;
    }
    /* ring full or input done: wait for the oldest slot */
    slot *w = &p.slots[p.seq_write % p.nslots];
    pthread_mutex_lock(&p.mu);
    while (w->state != SLOT_DONE) pthread_cond_wait(&p.done_cv, &p.mu);
    pthread_mutex_unlock(&p.mu);
    rc = write_slot(&p, w, &pr);
    p.seq_write++;
  }
  if (th) {
    pthread_mutex_lock(&p.mu);
    p.stop = true;
    pthread_cond_broadcast(&p.work_cv);
    pthread_mutex_unlock(&p.mu);
    for (int i = 0; i < jobs; i++) pthread_join(th[i], NULL);
    free(th);
    pthread_mutex_destroy(&p.mu);
    pthread_cond_destroy(&p.work_cv);
    pthread_cond_destroy(&p.done_cv);
  }
  ann_progress_finish(&pr, b->docs, b->errors, b->bytes_in);
  for (size_t i = 0; i < p.nslots; i++) {
    ann_arena_free(p.slots[i].arena);
    ann_buf_free(&p.slots[i].out);
  }
  free(p.slots);
  if (b->out && fflush(b->out) != 0) rc = ANN_EIO;
  return rc < 0 ? rc : b->fatal;
}
