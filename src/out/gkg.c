/*
 * gkg.c — reading, writing and checking GKG 2.1 rows (see gkg.h and
 * ../shared/spec/gdelt-formats.md section 3).
 *
 * Each column has a block separator, a field separator and, for checked
 * columns, a field count. When a block splits into more fields than the
 * column has, the extra pieces belong to its free-text field (a person's
 * name "Smith, Jr.,120", a quote with a '|'), which then spans them as
 * one slice: writing joins slices with the same separators, so the bytes
 * come back unchanged.
 */
#include "annalist/gkg.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct colspec {
  char bsep, fsep; /* 0 = not split */
  int nf;          /* fields per block, 0 = any */
  int freef;       /* index of the free-text field, -1 = none */
  const char *name;
} colspec;

static const colspec SPEC[ANN_GKG_COLUMNS] = {
    {0, 0, 1, -1, "GKGRECORDID"},
    {0, 0, 1, -1, "DATE"},
    {0, 0, 1, -1, "SourceCollectionIdentifier"},
    {0, 0, 1, -1, "SourceCommonName"},
    {0, 0, 1, -1, "DocumentIdentifier"},
    {';', '#', 10, 2, "Counts"},
    {';', '#', 11, 2, "V2Counts"},
    {';', 0, 1, -1, "Themes"},
    {';', ',', 2, -1, "V2Themes"},
    {';', '#', 7, 1, "Locations"},
    {';', '#', 9, 1, "V2Locations"},
    {';', 0, 1, -1, "Persons"},
    {';', ',', 2, 0, "V2Persons"},
    {';', 0, 1, -1, "Organizations"},
    {';', ',', 2, 0, "V2Organizations"},
    {0, ',', 7, -1, "V2Tone"},
    {';', '#', 5, -1, "Dates"},
    {',', ':', 2, -1, "GCAM"},
    {0, 0, 1, -1, "SharingImage"},
    {';', 0, 1, -1, "RelatedImages"},
    {';', 0, 1, -1, "SocialImageEmbeds"},
    {';', 0, 1, -1, "SocialVideoEmbeds"},
    {'#', '|', 4, 3, "Quotations"},
    {';', ',', 2, 0, "AllNames"},
    {';', ',', 3, 1, "Amounts"},
    {0, 0, 1, -1, "TranslationInfo"},
    {0, 0, 1, -1, "Extras"},
};

/* Split s[0,len) on sep into slices (arena). */
static ann_gkg_field *split(ann_arena *a, const char *s, size_t len,
                            char sep, size_t *n) {
  size_t k = 1;
  if (sep)
    for (size_t i = 0; i < len; i++) k += s[i] == sep;
  ann_gkg_field *f = ann_alloc(a, k * sizeof *f);
  if (!f) return NULL;
  size_t j = 0, st = 0;
  if (sep)
    for (size_t i = 0; i < len; i++)
      if (s[i] == sep) {
        f[j].s = s + st;
        f[j++].len = i - st;
        st = i + 1;
      }
  f[j].s = s + st;
  f[j++].len = len - st;
  *n = j;
  return f;
}

static int read_col(ann_arena *a, const char *s, size_t len,
                    const colspec *c, ann_gkg_col *col) {
  memset(col, 0, sizeof *col);
  if (!len) return 0;
  size_t nb;
  ann_gkg_field *blocks = split(a, s, len, c->bsep, &nb);
  if (!blocks) return ANN_ENOMEM;
  if (c->bsep && nb > 1 && blocks[nb - 1].len == 0) {
    col->trailing = true;
    nb--;
  }
  /* quotations: a '#' inside a quote leaves a piece that does not start
   * with an offset; it belongs to the block before */
  col->b = ann_alloc(a, nb * sizeof *col->b);
  if (!col->b) return ANN_ENOMEM;
  for (size_t i = 0; i < nb; i++) {
    if (c->bsep == '#' && c->fsep == '|' && col->n > 0 &&
        (blocks[i].len == 0 || blocks[i].s[0] < '0' || blocks[i].s[0] > '9' ||
         !memchr(blocks[i].s, '|', blocks[i].len))) {
      ann_gkg_block *p = &col->b[col->n - 1];
      ann_gkg_field *last = &p->f[p->n - 1];
      last->len = (size_t)(blocks[i].s + blocks[i].len - last->s);
      continue;
    }
    ann_gkg_block *b = &col->b[col->n++];
    b->f = split(a, blocks[i].s, blocks[i].len, c->fsep, &b->n);
    if (!b->f) return ANN_ENOMEM;
    if (c->nf && c->freef >= 0 && b->n > (size_t)c->nf) {
      size_t extra = b->n - (size_t)c->nf, k = (size_t)c->freef;
      ann_gkg_field *f = b->f;
      f[k].len = (size_t)(f[k + extra].s + f[k + extra].len - f[k].s);
      memmove(&f[k + 1], &f[k + 1 + extra],
              (b->n - k - 1 - extra) * sizeof *f);
      b->n -= extra;
    }
  }
  return 0;
}

int ann_gkg_read(ann_arena *a, const char *line, size_t len, ann_gkg_row *row,
                 ann_error *e) {
  memset(row, 0, sizeof *row);
  if (len && line[len - 1] == '\n') len--;
  if (len && line[len - 1] == '\r') len--;
  size_t st = 0;
  int c = 0;
  for (size_t i = 0; i <= len; i++) {
    if (i < len && line[i] != '\t') continue;
    if (c >= ANN_GKG_COLUMNS)
      return ann_fail(e, ANN_EFORMAT, (long long)i,
                      "GKG row has more than %d columns", ANN_GKG_COLUMNS);
    if (read_col(a, line + st, i - st, &SPEC[c], &row->col[c]) < 0)
      return ann_fail(e, ANN_ENOMEM, -1, "out of memory");
    c++;
    st = i + 1;
  }
  if (c != ANN_GKG_COLUMNS)
    return ann_fail(e, ANN_EFORMAT, (long long)len,
                    "GKG row has %d columns, not %d", c, ANN_GKG_COLUMNS);
  const ann_gkg_col *t = &row->col[15];
  if (t->n == 1 && t->b[0].n == 7) {
    row->has_tone = true;
    for (int k = 0; k < 7; k++) {
      char buf[64];
      size_t l = t->b[0].f[k].len < 63 ? t->b[0].f[k].len : 63;
      memcpy(buf, t->b[0].f[k].s, l);
      buf[l] = 0;
      char *end;
      row->tone[k] = strtod(buf, &end);
      if (end == buf || *end) row->has_tone = false;
    }
  }
  return 0;
}

void ann_gkg_write(ann_buf *b, const ann_gkg_row *row) {
  for (int c = 0; c < ANN_GKG_COLUMNS; c++) {
    if (c) ann_buf_putc(b, '\t');
    const ann_gkg_col *col = &row->col[c];
    for (size_t i = 0; i < col->n; i++) {
      if (i) ann_buf_putc(b, SPEC[c].bsep);
      for (size_t k = 0; k < col->b[i].n; k++) {
        if (k) ann_buf_putc(b, SPEC[c].fsep);
        ann_buf_put(b, col->b[i].f[k].s, col->b[i].f[k].len);
      }
    }
    if (col->trailing) ann_buf_putc(b, SPEC[c].bsep);
  }
  ann_buf_putc(b, '\n');
}

int ann_gkg_check(const ann_gkg_row *row, ann_error *e) {
  for (int c = 0; c < ANN_GKG_COLUMNS; c++) {
    const ann_gkg_col *col = &row->col[c];
    if (!SPEC[c].nf || SPEC[c].nf == 1) continue;
    for (size_t i = 0; i < col->n; i++)
      if (col->b[i].n != (size_t)SPEC[c].nf &&
          !(c == 17 && col->b[i].n == 1)) /* GCAM may end "," */
        return ann_fail(e, ANN_EFORMAT, -1,
                        "column %d (%s) block %zu has %zu fields, not %d",
                        c + 1, SPEC[c].name, i + 1, col->b[i].n, SPEC[c].nf);
  }
  if (row->col[15].n) {
    if (!row->has_tone)
      return ann_fail(e, ANN_EFORMAT, -1, "column 16 (V2Tone) is not 7 numbers");
    const double *t = row->tone;
    if (fabs(t[0] - (t[1] - t[2])) > 1e-6 || fabs(t[3] - (t[1] + t[2])) > 1e-6)
      return ann_fail(e, ANN_EFORMAT, -1,
                      "column 16 (V2Tone): tone %g != %g - %g or polarity %g "
                      "!= %g + %g",
                      t[0], t[1], t[2], t[3], t[1], t[2]);
  }
  return 0;
}
