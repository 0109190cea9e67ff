/*
 * record.c — one document as a JSON Lines record (../spec: document.md).
 *
 * Spans are stored as byte offsets; consumers index text by code point, so
 * a prefix table maps each byte offset to its code-point offset once per
 * record. Absent knowledge is an absent key, never a made-up value.
 */
#include "annalist/out.h"

#include <stdlib.h>

typedef struct writer {
  ann_json j;
  const ann_doc *d;
  uint32_t *cp; /* cp[byte offset] = code-point offset, text_len+1 entries */
} writer;

static uint32_t cpo(const writer *w, uint32_t off) {
  if (!w->cp) return off;
  if (off > w->d->text_len) off = (uint32_t)w->d->text_len;
  return w->cp[off];
}

static void build_cp(writer *w) {
  size_t n = w->d->text_len;
  w->cp = malloc((n + 1) * sizeof *w->cp);
  if (!w->cp) return; /* falls back to byte offsets; still valid JSON */
  uint32_t c = 0;
  const unsigned char *t = (const unsigned char *)w->d->text;
  for (size_t i = 0; i < n; i++) {
    w->cp[i] = c;
    if ((t[i] & 0xC0) != 0x80) c++;
  }
  /* a continuation byte maps to its character's start */
  w->cp[n] = c;
  for (size_t i = 0; i < n; i++)
    if ((t[i] & 0xC0) == 0x80 && i > 0) w->cp[i] = w->cp[i - 1];
}

static void key_str(writer *w, const char *k, const char *v) {
  if (!v) return;
  ann_json_key(&w->j, k);
  ann_json_str(&w->j, v);
}

static void span(writer *w, uint32_t start, uint32_t end, int32_t sentence) {
  ann_json_key(&w->j, "start");
  ann_json_int(&w->j, cpo(w, start));
  ann_json_key(&w->j, "end");
  ann_json_int(&w->j, cpo(w, end));
  if (sentence >= 0) {
    ann_json_key(&w->j, "sentence");
    ann_json_int(&w->j, sentence);
  }
}

static void span_text(writer *w, uint32_t start, uint32_t end) {
  ann_json_key(&w->j, "text");
  if (end > w->d->text_len || start > end) start = end = 0;
  ann_json_strn(&w->j, w->d->text + start, end - start);
}

static const char *const ENT_TYPES[] = {"PER", "ORG", "LOC", "MISC"};

static void write_place(writer *w, const ann_place *p) {
  ann_json *j = &w->j;
  ann_json_obj(j);
  ann_json_key(j, "name");
  ann_json_str(j, p->name);
  span_text(w, p->start, p->end);
  span(w, p->start, p->end, p->sentence);
  if (p->geonameid) {
    ann_json_key(j, "geonameid");
    ann_json_int(j, p->geonameid);
  }
  ann_json_key(j, "lat");
  ann_json_num(j, p->lat);
  ann_json_key(j, "lon");
  ann_json_num(j, p->lon);
  if (p->country[0]) key_str(w, "country", p->country);
  if (p->country3[0]) key_str(w, "country3", p->country3);
  key_str(w, "admin1", p->admin1);
  key_str(w, "kind", p->kind);
  ann_json_key(j, "score");
  ann_json_num(j, (double)(int)(p->score * 1000 + 0.5) / 1000);
  ann_json_obj_end(j);
}

static void write_actor(writer *w, const ann_actor *a) {
  ann_json *j = &w->j;
  ann_json_obj(j);
  span_text(w, a->start, a->end);
  key_str(w, "code", a->code);
  key_str(w, "country", a->country);
  key_str(w, "role", a->role);
  key_str(w, "name", a->name);
  span(w, a->start, a->end, a->sentence);
  ann_json_obj_end(j);
}

static void write_actor_ref(writer *w, int32_t i) {
  if (i < 0 || (size_t)i >= w->d->actors.n) ann_json_null(&w->j);
  else write_actor(w, &w->d->actors.v[i]);
}

static void write_event(writer *w, const ann_event *e) {
  ann_json *j = &w->j;
  ann_json_obj(j);
  ann_json_key(j, "source");
  write_actor_ref(w, e->source);
  ann_json_key(j, "target");
  write_actor_ref(w, e->target);
  key_str(w, "cameo", e->cameo);
  if (e->cameo) {
    ann_json_key(j, "root");
    ann_json_strn(j, e->cameo, strlen(e->cameo) < 2 ? strlen(e->cameo) : 2);
  }
  ann_json_key(j, "quad");
  ann_json_int(j, e->quad);
  ann_json_key(j, "goldstein");
  ann_json_num(j, e->goldstein);
  if (e->plover_type) {
    ann_json_key(j, "plover");
    ann_json_obj(j);
    key_str(w, "type", e->plover_type);
    key_str(w, "mode", e->plover_mode);
    ann_json_obj_end(j);
  }
  key_str(w, "date", e->date);
  ann_json_key(j, "place");
  if (e->place >= 0 && (size_t)e->place < w->d->places.n)
    write_place(w, &w->d->places.v[e->place]);
  else
    ann_json_null(j);
  ann_json_key(j, "negated");
  ann_json_bool(j, e->negated);
  ann_json_key(j, "hypothetical");
  ann_json_bool(j, e->hypothetical);
  ann_json_key(j, "sentence");
  ann_json_int(j, e->sentence);
  ann_json_key(j, "evidence");
  ann_json_obj(j);
  span_text(w, e->ev_start, e->ev_end);
  span(w, e->ev_start, e->ev_end, -1);
  ann_json_obj_end(j);
  ann_json_obj_end(j);
}

static void write_meta(writer *w) {
  const ann_doc *d = w->d;
  ann_json *j = &w->j;
  key_str(w, "id", d->id);
  key_str(w, "url", d->url);
  key_str(w, "title", d->title);
  key_str(w, "site_name", d->site_name);
  key_str(w, "published", d->published);
  if (d->authors.n) {
    ann_json_key(j, "authors");
    ann_json_arr(j);
    for (size_t i = 0; i < d->authors.n; i++) ann_json_str(j, d->authors.v[i]);
    ann_json_arr_end(j);
  }
  key_str(w, "language", d->language);
  if (d->dateline.present) {
    ann_json_key(j, "dateline");
    ann_json_obj(j);
    key_str(w, "place", d->dateline.place);
    key_str(w, "date", d->dateline.date);
    span(w, d->dateline.start, d->dateline.end, -1);
    ann_json_obj_end(j);
  }
}

static void write_tokens(writer *w) {
  const ann_doc *d = w->d;
  ann_json *j = &w->j;
  ann_json_key(j, "tokens");
  ann_json_arr(j);
  for (size_t i = 0; i < d->tokens.n; i++) {
    const ann_token *t = &d->tokens.v[i];
    ann_json_obj(j);
    span_text(w, t->start, t->end);
    span(w, t->start, t->end, -1);
    key_str(w, "upos", t->upos);
    key_str(w, "xpos", t->xpos);
    key_str(w, "lemma", t->lemma);
    if (t->head >= 0) {
      ann_json_key(j, "head");
      ann_json_int(j, t->head);
      key_str(w, "deprel", t->deprel);
    }
    ann_json_obj_end(j);
  }
  ann_json_arr_end(j);
}

static void write_analysis(writer *w, const ann_record_opts *o) {
  const ann_doc *d = w->d;
  ann_json *j = &w->j;
  if (d->sentences.n || d->tokens.n) {
    ann_json_key(j, "sentences");
    ann_json_arr(j);
    for (size_t i = 0; i < d->sentences.n; i++) {
      ann_json_obj(j);
      span(w, d->sentences.v[i].start, d->sentences.v[i].end, -1);
      ann_json_obj_end(j);
    }
    ann_json_arr_end(j);
  }
  if (o && o->tokens && d->tokens.n) write_tokens(w);
  if (d->sentences.n) {
    ann_json_key(j, "entities");
    ann_json_arr(j);
    for (size_t i = 0; i < d->entities.n; i++) {
      const ann_entity *e = &d->entities.v[i];
      ann_json_obj(j);
      span_text(w, e->start, e->end);
      ann_json_key(j, "type");
      ann_json_str(j, ENT_TYPES[e->type & 3]);
      span(w, e->start, e->end, e->sentence);
      ann_json_obj_end(j);
    }
    ann_json_arr_end(j);
  }
  if (d->places.n) {
    ann_json_key(j, "places");
    ann_json_arr(j);
    for (size_t i = 0; i < d->places.n; i++) write_place(w, &d->places.v[i]);
    ann_json_arr_end(j);
  }
  if (d->actors.n) {
    ann_json_key(j, "actors");
    ann_json_arr(j);
    for (size_t i = 0; i < d->actors.n; i++) write_actor(w, &d->actors.v[i]);
    ann_json_arr_end(j);
  }
  if (d->events.n) {
    ann_json_key(j, "events");
    ann_json_arr(j);
    for (size_t i = 0; i < d->events.n; i++) write_event(w, &d->events.v[i]);
    ann_json_arr_end(j);
  }
  if (d->counts.n) {
    ann_json_key(j, "counts");
    ann_json_arr(j);
    for (size_t i = 0; i < d->counts.n; i++) {
      const ann_count *c = &d->counts.v[i];
      ann_json_obj(j);
      key_str(w, "type", c->type);
      ann_json_key(j, "number");
      ann_json_num(j, c->number);
      if (c->approximate) {
        ann_json_key(j, "approximate");
        ann_json_bool(j, true);
      }
      key_str(w, "object", c->object);
      if (c->place >= 0 && (size_t)c->place < d->places.n) {
        ann_json_key(j, "place");
        write_place(w, &d->places.v[c->place]);
      }
      span_text(w, c->start, c->end);
      span(w, c->start, c->end, c->sentence);
      ann_json_obj_end(j);
    }
    ann_json_arr_end(j);
  }
  if (d->amounts.n) {
    ann_json_key(j, "amounts");
    ann_json_arr(j);
    for (size_t i = 0; i < d->amounts.n; i++) {
      const ann_amount *a = &d->amounts.v[i];
      ann_json_obj(j);
      ann_json_key(j, "number");
      ann_json_num(j, a->number);
      key_str(w, "unit", a->unit);
      key_str(w, "about", a->about);
      span_text(w, a->start, a->end);
      span(w, a->start, a->end, a->sentence);
      ann_json_obj_end(j);
    }
    ann_json_arr_end(j);
  }
  if (d->quotes.n) {
    ann_json_key(j, "quotes");
    ann_json_arr(j);
    for (size_t i = 0; i < d->quotes.n; i++) {
      const ann_quote *q = &d->quotes.v[i];
      ann_json_obj(j);
      ann_json_key(j, "speaker");
      ann_json_str(j, q->speaker);
      span_text(w, q->start, q->end);
      span(w, q->start, q->end, q->sentence);
      ann_json_obj_end(j);
    }
    ann_json_arr_end(j);
  }
  if (d->dates.n) {
    ann_json_key(j, "dates");
    ann_json_arr(j);
    for (size_t i = 0; i < d->dates.n; i++) {
      const ann_date *t = &d->dates.v[i];
      ann_json_obj(j);
      span_text(w, t->start, t->end);
      key_str(w, "value", t->value);
      span(w, t->start, t->end, t->sentence);
      ann_json_obj_end(j);
    }
    ann_json_arr_end(j);
  }
  if (d->has_tone) {
    const ann_tone *t = &d->tone;
    ann_json_key(j, "tone");
    ann_json_obj(j);
    ann_json_key(j, "tone");
    ann_json_num(j, t->tone);
    ann_json_key(j, "positive");
    ann_json_num(j, t->positive);
    ann_json_key(j, "negative");
    ann_json_num(j, t->negative);
    ann_json_key(j, "polarity");
    ann_json_num(j, t->polarity);
    ann_json_key(j, "activity");
    ann_json_num(j, t->activity);
    ann_json_key(j, "self_group");
    ann_json_num(j, t->self_group);
    ann_json_key(j, "words");
    ann_json_int(j, t->words);
    ann_json_obj_end(j);
  }
  if (d->themes.n) {
    ann_json_key(j, "themes");
    ann_json_arr(j);
    for (size_t i = 0; i < d->themes.n; i++) {
      ann_json_obj(j);
      key_str(w, "name", d->themes.v[i].name);
      ann_json_key(j, "count");
      ann_json_int(j, d->themes.v[i].count);
      ann_json_obj_end(j);
    }
    ann_json_arr_end(j);
  }
}

void ann_write_record(ann_buf *b, const ann_doc *d, const ann_record_opts *o) {
  writer w = {.d = d};
  ann_json_init(&w.j, b);
  ann_json_obj(&w.j);
  if (d->text) build_cp(&w); /* before the meta: the dateline has a span */
  write_meta(&w);
  if (d->text) {
    ann_json_key(&w.j, "text");
    ann_json_strn(&w.j, d->text, d->text_len);
    write_analysis(&w, o);
  }
  if (d->error_code) {
    ann_json_key(&w.j, "error");
    ann_json_obj(&w.j);
    key_str(&w, "code", d->error_code);
    key_str(&w, "message", d->error_msg);
    if (d->input && d->input->name) key_str(&w, "input", d->input->name);
    ann_json_obj_end(&w.j);
  }
  ann_json_obj_end(&w.j);
  ann_buf_putc(b, '\n');
  free(w.cp);
}
