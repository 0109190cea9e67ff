/*
 * geojson.c — `--format geojson`: one FeatureCollection of every place
 * (and every event that has a place) in every document.
 *
 * Records are written by worker threads in any order and only put in
 * input order by the writer, so a document cannot know whether it is the
 * first: every feature is written followed by a comma, and the
 * collection ends with a summary feature (geometry null, properties
 * {"summary": true, "documents": N, "features": M}) so the array is
 * valid JSON without a trailing comma. Coordinates are [lon, lat]
 * (RFC 7946); spans are code-point offsets, as in the JSON records.
 */
#include "annalist/out.h"

#include <stdatomic.h>
#include <stdio.h>

static atomic_long ndocs, nfeatures;

void ann_geojson_begin(FILE *out) {
  atomic_store(&ndocs, 0);
  atomic_store(&nfeatures, 0);
  fputs("{\"type\":\"FeatureCollection\",\"features\":[\n", out);
}

/* Code-point offset of byte off, counting on from a previous position
 * (places come in text order, so the scan is linear overall). */
static uint32_t cp_at(const ann_doc *d, uint32_t off, uint32_t *byte,
                      uint32_t *cp) {
  if (off > d->text_len) off = (uint32_t)d->text_len;
  if (off < *byte) *byte = *cp = 0;
  const unsigned char *t = (const unsigned char *)d->text;
  while (*byte < off) {
    if ((t[*byte] & 0xC0) != 0x80) (*cp)++;
    (*byte)++;
  }
  return *cp;
}

static void point(ann_json *j, const ann_place *p) {
  ann_json_key(j, "geometry");
  ann_json_obj(j);
  ann_json_key(j, "type");
  ann_json_str(j, "Point");
  ann_json_key(j, "coordinates");
  ann_json_arr(j);
  ann_json_num(j, p->lon);
  ann_json_num(j, p->lat);
  ann_json_arr_end(j);
  ann_json_obj_end(j);
}

static void place_props(ann_json *j, const ann_place *p) {
  ann_json_key(j, "name");
  ann_json_str(j, p->name);
  if (p->geonameid) {
    ann_json_key(j, "geonameid");
    ann_json_int(j, p->geonameid);
  }
  if (p->country[0]) {
    ann_json_key(j, "country");
    ann_json_str(j, p->country);
    ann_json_key(j, "country3");
    ann_json_str(j, p->country3);
  }
  if (p->admin1) {
    ann_json_key(j, "admin1");
    ann_json_str(j, p->admin1);
  }
  if (p->kind) {
    ann_json_key(j, "kind");
    ann_json_str(j, p->kind);
  }
}

static void doc_props(ann_json *j, const ann_doc *d) {
  if (d->id) {
    ann_json_key(j, "doc");
    ann_json_str(j, d->id);
  }
  if (d->url) {
    ann_json_key(j, "url");
    ann_json_str(j, d->url);
  }
  if (d->published) {
    ann_json_key(j, "published");
    ann_json_str(j, d->published);
  }
}

void ann_emit_geojson(void *ctx, const ann_doc *d, ann_buf *out) {
  (void)ctx;
  atomic_fetch_add(&ndocs, 1);
  if (d->error_code || !d->text) return;
  ann_json j;
  uint32_t byte = 0, cp = 0;
  long n = 0;
  for (size_t i = 0; i < d->places.n; i++) {
    const ann_place *p = &d->places.v[i];
    ann_json_init(&j, out);
    ann_json_obj(&j);
    ann_json_key(&j, "type");
    ann_json_str(&j, "Feature");
    point(&j, p);
    ann_json_key(&j, "properties");
    ann_json_obj(&j);
    ann_json_key(&j, "feature");
    ann_json_str(&j, "place");
    place_props(&j, p);
    ann_json_key(&j, "text");
    if (p->end <= d->text_len && p->start <= p->end)
      ann_json_strn(&j, d->text + p->start, p->end - p->start);
    else
      ann_json_null(&j);
    ann_json_key(&j, "start");
    ann_json_int(&j, cp_at(d, p->start, &byte, &cp));
    ann_json_key(&j, "end");
    ann_json_int(&j, cp_at(d, p->end, &byte, &cp));
    ann_json_key(&j, "score");
    ann_json_num(&j, (double)(int)(p->score * 1000 + 0.5) / 1000);
    doc_props(&j, d);
    ann_json_obj_end(&j);
    ann_json_obj_end(&j);
    ann_buf_puts(out, ",\n");
    n++;
  }
  for (size_t i = 0; i < d->events.n; i++) {
    const ann_event *e = &d->events.v[i];
    if (e->place < 0 || (size_t)e->place >= d->places.n) continue;
    const ann_place *p = &d->places.v[e->place];
    ann_json_init(&j, out);
    ann_json_obj(&j);
    ann_json_key(&j, "type");
    ann_json_str(&j, "Feature");
    point(&j, p);
    ann_json_key(&j, "properties");
    ann_json_obj(&j);
    ann_json_key(&j, "feature");
    ann_json_str(&j, "event");
    if (e->cameo) {
      ann_json_key(&j, "cameo");
      ann_json_str(&j, e->cameo);
    }
    ann_json_key(&j, "quad");
    ann_json_int(&j, e->quad);
    ann_json_key(&j, "goldstein");
    ann_json_num(&j, e->goldstein);
    if (e->date) {
      ann_json_key(&j, "date");
      ann_json_str(&j, e->date);
    }
    const char *roles[2] = {"source", "target"};
    int32_t who[2] = {e->source, e->target};
    for (int r = 0; r < 2; r++)
      if (who[r] >= 0 && (size_t)who[r] < d->actors.n &&
          d->actors.v[who[r]].code) {
        ann_json_key(&j, roles[r]);
        ann_json_str(&j, d->actors.v[who[r]].code);
      }
    ann_json_key(&j, "place");
    ann_json_str(&j, p->name);
    if (p->country[0]) {
      ann_json_key(&j, "country");
      ann_json_str(&j, p->country);
    }
    doc_props(&j, d);
    ann_json_obj_end(&j);
    ann_json_obj_end(&j);
    ann_buf_puts(out, ",\n");
    n++;
  }
  atomic_fetch_add(&nfeatures, n);
}

void ann_geojson_end(FILE *out) {
  fprintf(out,
          "{\"type\":\"Feature\",\"geometry\":null,\"properties\":"
          "{\"summary\":true,\"documents\":%ld,\"features\":%ld}}\n]}\n",
          (long)atomic_load(&ndocs), (long)atomic_load(&nfeatures));
}
