/*
 * formats.c — the output formats of `annalist extract`.
 */
#include "cli.h"

#include <string.h>

static void emit_json(void *ctx, const ann_doc *d, ann_buf *out) {
  ann_write_record(out, d, ctx);
}

const ann_format ann_formats[] = {
    {"json", "one JSON object per document (JSON Lines), the default", NULL,
     emit_json, NULL},
    {0},
};

const ann_format *ann_format_find(const char *name) {
  for (const ann_format *f = ann_formats; f->name; f++)
    if (!strcmp(f->name, name)) return f;
  return NULL;
}
