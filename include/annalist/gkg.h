/*
 * gkg.h — GDELT GKG 2.1 rows (27 tab-separated columns): one reader, one
 * writer, one checker, used both for GDELT's own files and for the rows
 * `annalist extract --format gdelt-gkg` writes (src/out/gdelt_gkg.c).
 *
 * A row is read into columns of blocks of fields, each field a slice of
 * the caller's line (nothing is copied), with the column's delimiters
 * (";" and "#" for counts, ";" and "," for names with offsets, "#" and "|"
 * for quotations...). Free-text fields (a name, a quote, an amount's
 * object) keep any delimiter they contain, and a trailing separator is
 * remembered, so writing a row back gives the same bytes.
 */
#ifndef ANNALIST_GKG_H
#define ANNALIST_GKG_H

#include "annalist/out.h"

#define ANN_GKG_COLUMNS 27

typedef struct ann_gkg_field {
  const char *s;
  size_t len;
} ann_gkg_field;

typedef struct ann_gkg_block {
  ann_gkg_field *f;
  size_t n;
} ann_gkg_block;

typedef struct ann_gkg_col {
  ann_gkg_block *b;
  size_t n;      /* 0 for an empty column */
  bool trailing; /* the column ends with its block separator */
} ann_gkg_col;

typedef struct ann_gkg_row {
  ann_gkg_col col[ANN_GKG_COLUMNS]; /* col[0] is column 1 (GKGRECORDID) */
  double tone[7];                   /* column 16, when has_tone */
  bool has_tone;
} ann_gkg_row;

/* Read one line (without its '\n'; a trailing "\r\n" or '\n' is
 * ignored) into row; slices point into line, blocks live in arena a.
 * Returns 0, or ANN_EFORMAT (not 27 columns) / ANN_ENOMEM with e filled
 * (e->offset = byte offset in the line). */
int ann_gkg_read(ann_arena *a, const char *line, size_t len, ann_gkg_row *row,
                 ann_error *e);

/* Append row as one line, with its '\n'. */
void ann_gkg_write(ann_buf *b, const ann_gkg_row *row);

/* Check a row against the format: field counts per block (counts 10/11,
 * locations 7/9, dates 5, tone 7...), numeric tone, and the V2Tone
 * identities tone = positive - negative and polarity = positive +
 * negative (to 1e-6). Returns 0 or ANN_EFORMAT with a message naming the
 * column. */
int ann_gkg_check(const ann_gkg_row *row, ann_error *e);

/* The row writer of `--format gdelt-gkg` (see src/cli/formats.c). */
void ann_emit_gdelt_gkg(void *ctx, const ann_doc *d, ann_buf *out);

#endif
