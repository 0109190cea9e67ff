/*
 * pipeline.c — opening the stages and running a document through them.
 */
#include "annalist/pipeline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef ANN_SOURCE_DIR
#define ANN_SOURCE_DIR "."
#endif


struct ann_pipeline {
  ann_options o;
  char home[1024];
  void *state[ANN_NSTAGES];
  unsigned opened; /* bit i: ann_stages[i] is selected and open */
};

static unsigned selected(const ann_pipeline *p, const ann_stage *s) {
  return (p->o.stages & s->bit) != 0;
}

int ann_pipeline_open(ann_pipeline **out, const ann_options *o,
                      ann_error *e) {
  *out = NULL;
  ann_pipeline *p = calloc(1, sizeof *p);
  if (!p) return ann_fail(e, ANN_ENOMEM, -1, "out of memory");
  if (o) p->o = *o;
  if (!p->o.stages) p->o.stages = ANN_STAGE_ALL;
  ann_limits_default(&p->o.limits);
  const char *home = p->o.home;
  if (!home) home = getenv("ANNALIST_HOME");
  if (!home || !*home) home = ANN_SOURCE_DIR;
  snprintf(p->home, sizeof p->home, "%s", home);
  p->o.home = p->home;
  for (int i = 0; i < ANN_NSTAGES; i++) {
    const ann_stage *s = ann_stages[i];
    if (!s || !selected(p, s)) continue;
    if (s->open) {
      int rc = s->open(p, &p->state[i], e);
      if (rc < 0) {
        ann_pipeline_free(p);
        return rc;
      }
    }
    p->opened |= 1u << i;
  }
  *out = p;
  return 0;
}

void ann_pipeline_free(ann_pipeline *p) {
  if (!p) return;
  for (int i = 0; i < ANN_NSTAGES; i++)
    if ((p->opened >> i & 1) && ann_stages[i]->close)
      ann_stages[i]->close(p->state[i]);
  free(p);
}

const ann_options *ann_pipeline_options(const ann_pipeline *p) {
  return &p->o;
}

const char *ann_pipeline_path(const ann_pipeline *p, const char *dir,
                              const char *file, char *buf, size_t size) {
  snprintf(buf, size, "%s/%s/%s", p->home, dir, file);
  return buf;
}

const void *ann_pipeline_state(const ann_pipeline *p, const char *stage) {
  for (int i = 0; i < ANN_NSTAGES; i++)
    if ((p->opened >> i & 1) && ann_stages[i] && strcmp(ann_stages[i]->name, stage) == 0)
      return p->state[i];
  return NULL;
}

int ann_pipeline_run(const ann_pipeline *p, const ann_input *in,
                     ann_arena *a, ann_doc *d) {
  memset(d, 0, sizeof *d);
  d->arena = a;
  d->input = in;
  d->id = in->id;
  d->url = in->url;
  d->published = in->published;
  d->title = in->title;
  if (in->error)
    return ann_doc_fail(d, in->error,
                        in->error_msg ? in->error_msg : ann_strerror(in->error));
  for (int i = 0; i < ANN_NSTAGES; i++) {
    if (!(p->opened >> i & 1)) continue;
    int rc = ann_stages[i]->run(p->state[i], p, d);
    if (rc < 0 || d->error_code) return rc < 0 ? rc : ANN_EFORMAT;
  }
  return 0;
}
