/*
 * stages.c — the pipeline's stages, in the order they run.
 *
 * Each stage lives in its own directory and exports one ann_stage. They are
 * declared weak so that the library links while a stage is being built;
 * a stage that is not linked in is simply absent (NULL here).
 */
#include "annalist/pipeline.h"

#define STAGE(name) extern const ann_stage name __attribute__((weak));
STAGE(ann_stage_extract)  /* src/extract: decode, main text, metadata */
STAGE(ann_stage_tokens)   /* src/tok: tokens and sentences */
STAGE(ann_stage_pos)      /* src/tag: part of speech and lemmas */
STAGE(ann_stage_ner)      /* src/tag: named entities */
STAGE(ann_stage_parse)    /* src/tag: dependency parse */
STAGE(ann_stage_geo)      /* src/geo: places */
STAGE(ann_stage_record)   /* src/record: dates, amounts, counts, quotes... */
STAGE(ann_stage_events)   /* src/event: actors and events */
#undef STAGE

const ann_stage *const ann_stages[ANN_NSTAGES] = {
    &ann_stage_extract, &ann_stage_tokens, &ann_stage_pos,
    &ann_stage_ner,     &ann_stage_parse,  &ann_stage_geo,
    &ann_stage_record,  &ann_stage_events,
};
