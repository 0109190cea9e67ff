/*
 * pipeline.h — open the analysis once, run it on many documents.
 *
 * A pipeline is a list of stages (see src/core/stages.c). Each stage may
 * load read-only state at open (a model, the gazetteer) and then adds to
 * the document in its run function. A pipeline is immutable after open, so
 * several threads may run documents through it at once.
 */
#ifndef ANNALIST_PIPELINE_H
#define ANNALIST_PIPELINE_H

#include "annalist/doc.h"

/* Which stages to run. ANN_STAGE_ALL runs everything that is built. */
enum {
  ANN_STAGE_EXTRACT = 1u << 0,  /* decode + main text + metadata */
  ANN_STAGE_TOKENS = 1u << 1,   /* tokens + sentences */
  ANN_STAGE_POS = 1u << 2,      /* part of speech + lemma */
  ANN_STAGE_NER = 1u << 3,      /* named entities */
  ANN_STAGE_PARSE = 1u << 4,    /* dependency parse */
  ANN_STAGE_GEO = 1u << 5,      /* places */
  ANN_STAGE_EVENTS = 1u << 6,   /* actors + events */
  ANN_STAGE_RECORD = 1u << 7,   /* counts, amounts, quotes, dates, tone, themes */
  ANN_STAGE_ALL = 0xffffffffu
};

typedef struct ann_options {
  unsigned stages;       /* ANN_STAGE_* bits; 0 = ALL */
  const char *home;      /* where models/, dicts/, data/ live; NULL = the
                            ANNALIST_HOME variable, else the source tree */
  ann_limits limits;
  ann_log_fn log;
  void *log_ctx;
} ann_options;

typedef struct ann_pipeline ann_pipeline;

/* Load what the selected stages need. On failure *out is NULL and e names
 * the missing or corrupt file. Caller frees with ann_pipeline_free. */
int ann_pipeline_open(ann_pipeline **out, const ann_options *o, ann_error *e);
void ann_pipeline_free(ann_pipeline *p);

/* Run every selected stage on in, filling d (allocated in arena a). A
 * document that cannot be processed becomes an error record (d->error_*
 * set) and the function returns its error code; the record is still
 * written by the caller. */
int ann_pipeline_run(const ann_pipeline *p, const ann_input *in,
                     ann_arena *a, ann_doc *d);

/* The pipeline's resolved options (limits filled with defaults). */
const ann_options *ann_pipeline_options(const ann_pipeline *p);

/* Path of a file under the home directory: ann_pipeline_path(p, "models",
 * "pos.bin"). Returns a static-per-pipeline-free string in buf. */
const char *ann_pipeline_path(const ann_pipeline *p, const char *dir,
                              const char *file, char *buf, size_t size);

/* ------------------------------------------------- the stage interface -- */

typedef struct ann_stage {
  const char *name;
  unsigned bit; /* ANN_STAGE_* */
  /* Load state; *state may stay NULL. NULL open = nothing to load. */
  int (*open)(const ann_pipeline *p, void **state, ann_error *e);
  void (*close)(void *state);
  /* Add to d. Return 0, or an error code after ann_doc_fail(). */
  int (*run)(const void *state, const ann_pipeline *p, ann_doc *d);
} ann_stage;

/* The stages in order (src/core/stages.c); NULL entries are stages that
 * are not built into this library. */
#define ANN_NSTAGES 8
extern const ann_stage *const ann_stages[ANN_NSTAGES];

/* The state a stage loaded, for stages that use an earlier one's model
 * (NULL if the stage did not run or has none). */
const void *ann_pipeline_state(const ann_pipeline *p, const char *stage);

#endif
