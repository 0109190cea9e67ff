/*
 * formats.c — the output formats of `annalist extract`.
 */
#include "cli.h"

#include <string.h>

static void emit_json(void *ctx, const ann_doc *d, ann_buf *out) {
  ann_write_record(out, d, ctx);
}

/* Formats written in other modules are weak: absent until linked in. */
#define FORMAT(fn) void fn(void *ctx, const ann_doc *d, ann_buf *out)        \
    __attribute__((weak));
FORMAT(ann_emit_geojson)        /* src/out/geojson.c */
FORMAT(ann_emit_gdelt_events)   /* src/out/gdelt_events.c */
FORMAT(ann_emit_gdelt_mentions) /* src/out/gdelt_mentions.c */
FORMAT(ann_emit_gdelt_gkg)      /* src/out/gdelt_gkg.c */
#undef FORMAT
void ann_geojson_begin(FILE *out) __attribute__((weak));
void ann_geojson_end(FILE *out) __attribute__((weak));

const ann_format ann_formats[] = {
    {"json", "one JSON object per document (JSON Lines), the default", NULL,
     emit_json, NULL},
    {"geojson", "a FeatureCollection of places and events, for maps",
     ann_geojson_begin, ann_emit_geojson, ann_geojson_end},
    {"gdelt-events", "GDELT 2.0 Events export rows (61 columns, TSV)", NULL,
     ann_emit_gdelt_events, NULL},
    {"gdelt-mentions", "GDELT 2.0 Mentions rows (16 columns, TSV)", NULL,
     ann_emit_gdelt_mentions, NULL},
    {"gdelt-gkg", "GDELT GKG 2.1 rows (27 columns, TSV)", NULL,
     ann_emit_gdelt_gkg, NULL},
    {0},
};

const ann_format *ann_format_find(const char *name) {
  for (const ann_format *f = ann_formats; f->name; f++)
    if (f->emit && !strcmp(f->name, name)) return f;
  return NULL;
}
