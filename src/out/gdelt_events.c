/*
 * gdelt_events.c — `annalist extract --format gdelt-events`: one GDELT 2.0
 * Event row (61 tab-separated columns, ../shared/spec/gdelt-formats.md §1)
 * per asserted event of the document (negated and hypothetical events are
 * not written, as GDELT codes none).
 *
 * Day is the event's date (a year or month alone gets day/month 01; no
 * date: the publication day; neither: 0). QuadClass follows the root as
 * GDELT's rows do (01-05 1, 06-09 2, 10-14 3, 15-20 4); GoldsteinScale is
 * the code's (dicts/cameo/codes.txt). Each document is one article of one
 * source: NumMentions, NumSources and NumArticles are 1, AvgTone is the
 * document's tone. IsRootEvent is 1 for events of the first sentence.
 * Actor geography is the place nearest the actor's mention in its
 * sentence, action geography the event's place. Differences from GDELT,
 * on purpose (as in --format gdelt-gkg): geographic country codes are ISO
 * 3166 alpha-2 (GDELT: FIPS 10-4), FeatureID is the GeoNames id, ADM1 and
 * ADM2 codes are the country code and blank.
 */
#include "gdelt_ev.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

void ann_emit_gdelt_events(void *ctx, const ann_doc *d, ann_buf *out);

static void put_clean(ann_buf *b, const char *s, size_t n, bool upper) {
  int sp = 0;
  for (size_t i = 0; i < n && s[i]; i++) {
    char c = s[i];
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
    if (c == ' ') {
      if (sp) continue;
      sp = 1;
    } else {
      sp = 0;
    }
    ann_buf_putc(b, upper ? (char)toupper((unsigned char)c) : c);
  }
}

static int geo_type(const ann_place *p) {
  int us = !strcmp(p->country, "US");
  if (p->kind && !strcmp(p->kind, "country")) return 1;
  if (p->kind && !strcmp(p->kind, "admin1")) return us ? 2 : 5;
  return us ? 3 : 4;
}

/* Eight fields: Type, FullName, CountryCode, ADM1, ADM2, Lat, Long,
 * FeatureID; "0" and seven blanks without a place. */
static void put_geo(ann_buf *b, const ann_doc *d, int32_t pi) {
  if (pi < 0 || (size_t)pi >= d->places.n) {
    ann_buf_puts(b, "0\t\t\t\t\t\t\t");
    return;
  }
  const ann_place *p = &d->places.v[pi];
  ann_buf_printf(b, "%d\t", geo_type(p));
  const char *name = p->name ? p->name : "";
  put_clean(b, name, strlen(name), false);
  if (p->admin1 && *p->admin1 && geo_type(p) > 2 && strcmp(p->admin1, name)) {
    ann_buf_puts(b, ", ");
    put_clean(b, p->admin1, strlen(p->admin1), false);
  }
  ann_buf_printf(b, "\t%s\t%s\t\t%.4f\t%.4f\t", p->country, p->country,
                 p->lat, p->lon);
  if (p->geonameid) ann_buf_printf(b, "%lld", (long long)p->geonameid);
  else ann_buf_puts(b, p->country);
}

/* The place of the actor's sentence nearest its mention, or -1. */
static int32_t actor_place(const ann_doc *d, const ann_actor *a) {
  int32_t best = -1;
  long long bd = 0;
  for (size_t k = 0; k < d->places.n; k++) {
    const ann_place *p = &d->places.v[k];
    if (p->sentence != a->sentence || !p->country[0]) continue;
    long long dist = p->start > a->start ? (long long)p->start - a->start
                                         : (long long)a->start - p->start;
    if (best < 0 || dist < bd) {
      best = (int32_t)k;
      bd = dist;
    }
  }
  return best;
}

/* Ten actor fields (Code, Name, CountryCode, KnownGroup, Ethnic, Religion1,
 * Religion2, Type1, Type2, Type3), then nothing. */
static void put_actor(ann_buf *b, const ann_doc *d, int32_t ai) {
  if (ai < 0 || (size_t)ai >= d->actors.n) {
    ann_buf_puts(b, "\t\t\t\t\t\t\t\t\t");
    return;
  }
  const ann_actor *a = &d->actors.v[ai];
  const char *code = a->code ? a->code : "";
  put_clean(b, code, strlen(code), true);
  ann_buf_putc(b, '\t');
  if (a->name) put_clean(b, a->name, strlen(a->name), true);
  else if (a->end > a->start && d->text && a->end <= d->text_len)
    put_clean(b, d->text + a->start, a->end - a->start, true);
  else put_clean(b, code, strlen(code), true);
  ann_buf_putc(b, '\t');
  if (a->country) ann_buf_puts(b, a->country);
  ann_buf_putc(b, '\t');
  bool igo = !strncmp(code, "IGO", 3);
  if (igo && strlen(code) >= 6) ann_buf_put(b, code + 3, 3);
  ann_buf_puts(b, "\t\t\t\t"); /* ethnic, religion 1 and 2 */
  if (a->role) ann_buf_puts(b, a->role);
  else if (igo) ann_buf_puts(b, "IGO");
  ann_buf_puts(b, "\t\t");
}

/* "2025-06-27" -> 20250627; "1968" -> 19680101; 0 when unknown. */
static long day_of(const char *s) {
  if (!s || strlen(s) < 4) return 0;
  int y = 0, m = 1, dd = 1;
  for (int i = 0; i < 4; i++) {
    if (!isdigit((unsigned char)s[i])) return 0;
    y = y * 10 + (s[i] - '0');
  }
  if (s[4] == '-' && isdigit((unsigned char)s[5]) &&
      isdigit((unsigned char)s[6])) {
    m = (s[5] - '0') * 10 + (s[6] - '0');
    if (s[7] == '-' && isdigit((unsigned char)s[8]) &&
        isdigit((unsigned char)s[9]))
      dd = (s[8] - '0') * 10 + (s[9] - '0');
  }
  if (m < 1 || m > 12 || dd < 1 || dd > 31) return 0;
  return (long)y * 10000 + m * 100 + dd;
}

static int quad_of_root(const char *code) {
  int r = (code[0] - '0') * 10 + (code[1] - '0');
  return r <= 5 ? 1 : r <= 9 ? 2 : r <= 14 ? 3 : 4;
}

void ann_emit_gdelt_events(void *ctx, const ann_doc *d, ann_buf *out) {
  (void)ctx;
  char st[15];
  gdelt_ev_stamp(d->published, st);
  for (size_t k = 0; k < d->events.n; k++) {
    const ann_event *e = &d->events.v[k];
    if (!gdelt_ev_wanted(e) || strlen(e->cameo) < 2) continue;
    long day = day_of(e->date);
    if (!day) day = day_of(d->published);
    int y = (int)(day / 10000), m = (int)(day / 100 % 100),
        dd = (int)(day % 100);
    double frac = day ? y + ((m - 1) * 30 + dd) / 365.0 : 0;
    /* 1-5 */
    ann_buf_printf(out, "%lld\t%ld\t%ld\t%d\t%.4f\t", gdelt_ev_id(d, k), day,
                   day / 100, y, frac);
    /* 6-25 */
    put_actor(out, d, e->source);
    ann_buf_putc(out, '\t');
    put_actor(out, d, e->target);
    ann_buf_putc(out, '\t');
    /* 26-35 */
    size_t cl = strlen(e->cameo);
    ann_buf_printf(out, "%d\t%s\t%.*s\t%.2s\t%d\t%.1f\t1\t1\t1\t%.13g\t",
                   e->sentence == 0, e->cameo, (int)(cl < 3 ? cl : 3),
                   e->cameo, e->cameo, quad_of_root(e->cameo), e->goldstein,
                   d->has_tone ? d->tone.tone : 0.0);
    /* 36-59 */
    int32_t g1 = e->source >= 0 && (size_t)e->source < d->actors.n
                     ? actor_place(d, &d->actors.v[e->source])
                     : -1;
    int32_t g2 = e->target >= 0 && (size_t)e->target < d->actors.n
                     ? actor_place(d, &d->actors.v[e->target])
                     : -1;
    put_geo(out, d, g1);
    ann_buf_putc(out, '\t');
    put_geo(out, d, g2);
    ann_buf_putc(out, '\t');
    put_geo(out, d, e->place);
    /* 60-61 */
    ann_buf_printf(out, "\t%s\t", st);
    const char *src = d->url ? d->url : d->id ? d->id : "";
    put_clean(out, src, strlen(src), false);
    ann_buf_putc(out, '\n');
  }
}
