/*
 * stages.c — the pipeline's stages, in the order they run.
 * Each stage lives in its own directory and exports one ann_stage.
 */
#include "annalist/pipeline.h"

extern const ann_stage ann_stage_extract;

const ann_stage *const ann_stages[] = {
    &ann_stage_extract,
    NULL,
};
