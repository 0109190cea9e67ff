/*
 * gdelt_gkg.c — `annalist extract --format gdelt-gkg`: one GKG 2.1 row (27
 * tab-separated columns) per document, from the record stage's counts,
 * themes, tone, dates, amounts and quotations, the places of the geo stage
 * and the PER/ORG entities of the NER stage.
 *
 * Offsets are code points into the document text, as GDELT's are
 * characters. Text fields lose tabs, newlines and the delimiters of their
 * column (a '#' in a count's object, a ',' in a name). Differences from
 * GDELT, on purpose: country codes are ISO 3166 alpha-2 (GDELT: FIPS
 * 10-4), themes are annalist's taxonomy (dicts/themes.txt), V2Themes
 * gives the first mention of each theme, GCAM holds only the word count.
 * Documents without a publication date get DATE 0, as GDELT's undated
 * collections do.
 */
#include "annalist/gkg.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static atomic_uint seq;

typedef struct gw {
  const ann_doc *d;
  ann_buf *b;
  uint32_t *cp;
} gw;

static uint32_t cpo(const gw *g, uint32_t off) {
  if (off > g->d->text_len) off = (uint32_t)g->d->text_len;
  return g->cp ? g->cp[off] : off;
}

/* Text with tabs/newlines as spaces and the given delimiters dropped;
 * runs of spaces collapsed. */
static void put_clean(ann_buf *b, const char *s, size_t n, const char *drop) {
  int sp = 0;
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
    if (drop && strchr(drop, c)) continue;
    if (c == ' ') {
      if (sp) continue;
      sp = 1;
    } else {
      sp = 0;
    }
    ann_buf_putc(b, c);
  }
}

static void put_str(ann_buf *b, const char *s, const char *drop) {
  if (s) put_clean(b, s, strlen(s), drop);
}

static void put_num(ann_buf *b, double v) {
  if (v < 1e15 && v > -1e15 && v == (double)(long long)v)
    ann_buf_printf(b, "%lld", (long long)v);
  else
    ann_buf_printf(b, "%.13g", v);
}

/* GDELT's Geo_Type from our kind and country. */
static int geo_type(const ann_place *p) {
  int us = !strcmp(p->country, "US");
  if (p->kind && !strcmp(p->kind, "country")) return 1;
  if (p->kind && !strcmp(p->kind, "admin1")) return us ? 2 : 5;
  return us ? 3 : 4;
}

static void put_place(gw *g, const ann_place *p, int v2) {
  ann_buf *b = g->b;
  ann_buf_printf(b, "%d#", geo_type(p));
  put_str(b, p->name, "#;");
  if (p->admin1 && strcmp(p->kind ? p->kind : "", "country")) {
    ann_buf_puts(b, ", ");
    put_str(b, p->admin1, "#;");
  }
  ann_buf_putc(b, '#');
  put_str(b, p->country, "#;");
  ann_buf_putc(b, '#');
  put_str(b, p->country, "#;"); /* ADM1 code unknown: the country, as GDELT
                                   does for countries */
  ann_buf_putc(b, '#');
  if (v2) ann_buf_putc(b, '#'); /* ADM2 */
  ann_buf_printf(b, "%.4f#%.4f#", p->lat, p->lon);
  if (p->geonameid) ann_buf_printf(b, "%lld", (long long)p->geonameid);
  else put_str(b, p->country, "#;");
  if (v2) ann_buf_printf(b, "#%u", cpo(g, p->start));
}

static void counts(gw *g, int v2) {
  const ann_doc *d = g->d;
  for (size_t i = 0; i < d->counts.n; i++) {
    const ann_count *c = &d->counts.v[i];
    put_str(g->b, c->type, "#;");
    ann_buf_putc(g->b, '#');
    put_num(g->b, c->number);
    ann_buf_putc(g->b, '#');
    put_str(g->b, c->object, "#;");
    ann_buf_putc(g->b, '#');
    if (c->place >= 0 && (size_t)c->place < d->places.n) {
      /* the place block without its offset: Type#Name#CC#ADM1#Lat#Lon#FID */
      const ann_place *p = &d->places.v[c->place];
      ann_buf_printf(g->b, "%d#", geo_type(p));
      put_str(g->b, p->name, "#;");
      ann_buf_putc(g->b, '#');
      put_str(g->b, p->country, "#;");
      ann_buf_putc(g->b, '#');
      put_str(g->b, p->country, "#;");
      ann_buf_printf(g->b, "#%.4f#%.4f#", p->lat, p->lon);
      if (p->geonameid) ann_buf_printf(g->b, "%lld", (long long)p->geonameid);
    } else {
      ann_buf_puts(g->b, "0######");
    }
    if (v2) ann_buf_printf(g->b, "#%u", cpo(g, c->start));
    ann_buf_putc(g->b, ';');
  }
}

static int seen_before(const ann_doc *d, size_t i, ann_ent_type type,
                       int lower) {
  const ann_entity *e = &d->entities.v[i];
  size_t n = e->end - e->start;
  for (size_t k = 0; k < i; k++) {
    const ann_entity *x = &d->entities.v[k];
    if (x->type != type || x->end - x->start != n) continue;
    if (lower ? !strncasecmp(d->text + x->start, d->text + e->start, n)
              : !memcmp(d->text + x->start, d->text + e->start, n))
      return 1;
  }
  return 0;
}

static void names(gw *g, ann_ent_type type, int v2) {
  const ann_doc *d = g->d;
  for (size_t i = 0; i < d->entities.n; i++) {
    const ann_entity *e = &d->entities.v[i];
    if (e->type != type) continue;
    size_t n = e->end - e->start;
    if (v2) {
      put_clean(g->b, d->text + e->start, n, ";,");
      ann_buf_printf(g->b, ",%u;", cpo(g, e->start));
    } else if (!seen_before(d, i, type, 1)) {
      size_t at = g->b->len;
      put_clean(g->b, d->text + e->start, n, ";,");
      for (size_t k = at; k < g->b->len; k++)
        if (g->b->p[k] >= 'A' && g->b->p[k] <= 'Z') g->b->p[k] += 32;
      ann_buf_putc(g->b, ';');
    }
  }
}

static void dates(gw *g) {
  const ann_doc *d = g->d;
  for (size_t i = 0; i < d->dates.n; i++) {
    const char *v = d->dates.v[i].value;
    if (!v) continue;
    int y = 0, m = 0, dd = 0, res;
    size_t n = strlen(v);
    if (n == 4 && sscanf(v, "%4d", &y) == 1) res = 1;
    else if (n == 7 && v[4] == '-' && sscanf(v, "%4d-%2d", &y, &m) == 2)
      res = 2;
    else if (n == 10 && v[4] == '-' &&
             sscanf(v, "%4d-%2d-%2d", &y, &m, &dd) == 3)
      res = 3;
    else if (n == 7 && v[0] == '-' && sscanf(v, "--%2d-%2d", &m, &dd) == 2)
      res = 4;
    else
      continue; /* decades, weeks: no GKG resolution */
    ann_buf_printf(g->b, "%d#%d#%d#%d#%u;", res, m, dd, y,
                   cpo(g, d->dates.v[i].start));
  }
}

static void quotes(gw *g) {
  const ann_doc *d = g->d;
  for (size_t i = 0; i < d->quotes.n; i++) {
    const ann_quote *q = &d->quotes.v[i];
    if (i) ann_buf_putc(g->b, '#');
    uint32_t s = cpo(g, q->start), e = cpo(g, q->end);
    ann_buf_printf(g->b, "%u|%u||", s, e - s);
    put_clean(g->b, d->text + q->start, q->end - q->start, "#|");
  }
}

static void amounts(gw *g) {
  const ann_doc *d = g->d;
  for (size_t i = 0; i < d->amounts.n; i++) {
    const ann_amount *a = &d->amounts.v[i];
    if (a->unit && !strcmp(a->unit, "%")) continue; /* as GDELT */
    put_num(g->b, a->number);
    ann_buf_putc(g->b, ',');
    put_str(g->b, a->about ? a->about : a->unit, ",;");
    ann_buf_printf(g->b, ",%u;", cpo(g, a->start));
  }
}

/* "2025-06-29T10:15:00Z" -> "20250629101500"; "" when unknown. */
static void stamp(const char *p, char out[15]) {
  out[0] = 0;
  if (!p || strlen(p) < 10) return;
  char s[15] = "00000000000000";
  const int pos[] = {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18};
  size_t n = strlen(p);
  for (int i = 0; i < 14; i++) {
    if ((size_t)pos[i] >= n) break;
    char c = p[pos[i]];
    if (c < '0' || c > '9') {
      if (i < 8) return;
      break;
    }
    s[i] = c;
  }
  memcpy(out, s, 15);
}

static const char *host_of(const char *url, char *buf, size_t size) {
  if (!url) return NULL;
  const char *s = strstr(url, "://");
  s = s ? s + 3 : url;
  size_t n = strcspn(s, "/:?#");
  if (n >= size) n = size - 1;
  memcpy(buf, s, n);
  buf[n] = 0;
  return !strncmp(buf, "www.", 4) ? buf + 4 : buf;
}

void ann_emit_gdelt_gkg(void *ctx, const ann_doc *d, ann_buf *out) {
  (void)ctx;
  gw g = {.d = d, .b = out};
  size_t n = d->text ? d->text_len : 0;
  if (n) {
    g.cp = malloc((n + 1) * sizeof *g.cp);
    if (g.cp) {
      /* cp[byte] = index of the character holding that byte */
      uint32_t c = 0;
      const unsigned char *t = (const unsigned char *)d->text;
      for (size_t i = 0; i < n; i++)
        g.cp[i] = (t[i] & 0xC0) != 0x80 ? c++ : (c ? c - 1 : 0);
      g.cp[n] = c;
    }
  }
  char st[15], host[256];
  stamp(d->published, st);
  unsigned k = atomic_fetch_add(&seq, 1);
  /* 1-5: id, date, collection, source, document */
  ann_buf_printf(out, "%s-%u\t%s\t1\t", st[0] ? st : "0", k,
                 st[0] ? st : "0");
  const char *h = host_of(d->url, host, sizeof host);
  put_str(out, h ? h : d->site_name, NULL);
  ann_buf_putc(out, '\t');
  put_str(out, d->url ? d->url : d->id, NULL);
  ann_buf_putc(out, '\t');
  counts(&g, 0); /* 6 */
  ann_buf_putc(out, '\t');
  counts(&g, 1); /* 7 */
  ann_buf_putc(out, '\t');
  for (size_t i = 0; i < d->themes.n; i++) { /* 8 */
    put_str(out, d->themes.v[i].name, ";,");
    ann_buf_putc(out, ';');
  }
  ann_buf_putc(out, '\t');
  for (size_t i = 0; i < d->themes.n; i++) { /* 9 */
    put_str(out, d->themes.v[i].name, ";,");
    ann_buf_printf(out, ",%u;", cpo(&g, d->themes.v[i].start));
  }
  ann_buf_putc(out, '\t');
  for (size_t i = 0; i < d->places.n; i++) { /* 10: deduplicated by name */
    int dup = 0;
    for (size_t j = 0; j < i && !dup; j++)
      dup = d->places.v[j].name && d->places.v[i].name &&
            !strcmp(d->places.v[j].name, d->places.v[i].name);
    if (dup) continue;
    put_place(&g, &d->places.v[i], 0);
    ann_buf_putc(out, ';');
  }
  ann_buf_putc(out, '\t');
  for (size_t i = 0; i < d->places.n; i++) { /* 11 */
    put_place(&g, &d->places.v[i], 1);
    ann_buf_putc(out, ';');
  }
  ann_buf_putc(out, '\t');
  names(&g, ANN_PER, 0); /* 12 */
  ann_buf_putc(out, '\t');
  names(&g, ANN_PER, 1); /* 13 */
  ann_buf_putc(out, '\t');
  names(&g, ANN_ORG, 0); /* 14 */
  ann_buf_putc(out, '\t');
  names(&g, ANN_ORG, 1); /* 15 */
  ann_buf_putc(out, '\t');
  if (d->has_tone) { /* 16 */
    const ann_tone *t = &d->tone;
    ann_buf_printf(out, "%.13g,%.13g,%.13g,%.13g,%.13g,%.13g,%d",
                   t->positive - t->negative, t->positive, t->negative,
                   t->positive + t->negative, t->activity, t->self_group,
                   t->words);
  }
  ann_buf_putc(out, '\t');
  dates(&g); /* 17 */
  ann_buf_putc(out, '\t');
  if (d->has_tone) ann_buf_printf(out, "wc:%d", d->tone.words); /* 18 */
  ann_buf_puts(out, "\t\t\t\t\t"); /* 19-22: images and embeds */
  quotes(&g); /* 23 */
  ann_buf_putc(out, '\t');
  for (size_t i = 0; i < d->entities.n; i++) { /* 24 */
    const ann_entity *e = &d->entities.v[i];
    put_clean(out, d->text + e->start, e->end - e->start, ";,");
    ann_buf_printf(out, ",%u;", cpo(&g, e->start));
  }
  ann_buf_putc(out, '\t');
  amounts(&g); /* 25 */
  ann_buf_puts(out, "\t\t"); /* 26: translation info */
  if (d->title) { /* 27 */
    ann_buf_puts(out, "<PAGE_TITLE>");
    put_str(out, d->title, "<>");
    ann_buf_puts(out, "</PAGE_TITLE>");
  }
  ann_buf_putc(out, '\n');
  free(g.cp);
}
