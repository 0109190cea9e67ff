/*
 * jsonl.c — JSON Lines: one {"id","url","html"|"text","published","title"}
 * object per line, one document per object.
 *
 * Lines are read from the stream up to a cap (twice --max-bytes plus 1 MB:
 * JSON escapes make a line longer than its text); a longer line is
 * consumed unseen and becomes an error record, as do bad JSON, a line
 * without an "html" or "text" string and a document over --max-bytes.
 * Each record is named "file:LINE". Blank lines are skipped. Invalid UTF-8
 * inside a line is replaced by U+FFFD before parsing (jansson rejects it,
 * and a stray byte should not cost the whole document).
 */
#include "decode/utf8.h"
#include "source_int.h"
#include "stream.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

typedef struct jsonl {
  ann_stream *st;
  char *name;
  unsigned long long line;
  size_t max_bytes, max_line;
} jsonl;

static int line_error(ann_arena *a, ann_input *in, int code, const char *fmt,
                      const char *detail) {
  in->error = code;
  in->error_msg =
      ann_sprintf(a, "%s: %s%s", in->name, fmt, detail ? detail : "");
  return 1;
}

static const char *str_field(ann_arena *a, json_t *o, const char *key) {
  json_t *v = json_object_get(o, key);
  if (json_is_string(v))
    return ann_strndup(a, json_string_value(v), json_string_length(v));
  if (json_is_integer(v))
    return ann_sprintf(a, "%lld", (long long)json_integer_value(v));
  return NULL;
}

static int jsonl_next(void *state, ann_arena *a, ann_input *in, ann_error *e) {
  jsonl *r = state;
  (void)e;
  for (;;) {
    const char *l;
    size_t n;
    bool too_long;
    int rc = ann_stream_line(r->st, r->max_line, &l, &n, &too_long);
    if (rc == 0) return 0;
    r->line++;
    in->name = ann_sprintf(a, "%s:%llu", r->name, r->line);
    if (!in->name) return ANN_ENOMEM;
    if (rc < 0) {
      const char *msg;
      int code = ann_stream_error(r->st, &msg);
      if (!code) return line_error(a, in, rc, ann_strerror(rc), NULL);
      return line_error(a, in, code, msg, NULL);
    }
    if (too_long) {
      ann_stream_trim(r->st);
      return line_error(
          a, in, ANN_ELIMIT,
          ann_sprintf(a, "line longer than %zu bytes (--max-bytes %zu)",
                      r->max_line, r->max_bytes),
          NULL);
    }
    if (r->line == 1 && n >= 3 && memcmp(l, "\xEF\xBB\xBF", 3) == 0) {
      l += 3; /* a byte-order mark before the first object */
      n -= 3;
    }
    size_t k = 0;
    while (k < n && (l[k] == ' ' || l[k] == '\t' || l[k] == '\r'))
      k++;
    if (k == n) continue; /* blank line */
    if (!ann_utf8_valid((const unsigned char *)l, n)) {
      char *clean;
      size_t cn;
      if (ann_utf8_sanitize(a, (const unsigned char *)l, n, &clean, &cn) < 0)
        return line_error(a, in, ANN_ENOMEM, "out of memory", NULL);
      l = clean;
      n = cn;
    }
    json_error_t je;
    json_t *o = json_loadb(l, n, JSON_ALLOW_NUL, &je);
    ann_stream_trim(r->st);
    if (!o)
      return line_error(a, in, ANN_EFORMAT, "bad JSON: ",
                        ann_sprintf(a, "%s (column %d)", je.text, je.column));
    if (!json_is_object(o)) {
      json_decref(o);
      return line_error(a, in, ANN_EFORMAT, "not a JSON object", NULL);
    }
    in->id = str_field(a, o, "id");
    in->url = str_field(a, o, "url");
    json_t *body = json_object_get(o, "html");
    in->kind = ANN_IN_HTML;
    if (!json_is_string(body)) {
      body = json_object_get(o, "text");
      in->kind = ANN_IN_TEXT;
    }
    if (!json_is_string(body)) {
      json_decref(o);
      return line_error(a, in, ANN_EFORMAT,
                        "no \"html\" or \"text\" string in the object", NULL);
    }
    size_t blen = json_string_length(body);
    if (blen > r->max_bytes) {
      json_decref(o);
      return line_error(
          a, in, ANN_ELIMIT,
          ann_sprintf(a,
                      "%s of %zu bytes is over the --max-bytes limit "
                      "of %zu",
                      in->kind == ANN_IN_HTML ? "html" : "text", blen,
                      r->max_bytes),
          NULL);
    }
    in->published = str_field(a, o, "published");
    in->title = str_field(a, o, "title");
    in->charset = "utf-8"; /* JSON text is Unicode: no <meta> applies */
    unsigned char *b = ann_alloc(a, blen + 1);
    if (!b) {
      json_decref(o);
      return line_error(a, in, ANN_ENOMEM, "out of memory", NULL);
    }
    memcpy(b, json_string_value(body), blen);
    b[blen] = 0;
    in->bytes = b;
    in->len = blen;
    json_decref(o);
    return 1;
  }
}

static void jsonl_close(void *state) {
  jsonl *r = state;
  if (!r) return;
  ann_stream_free(r->st);
  free(r->name);
  free(r);
}

const ann_reader ann_jsonl_reader = {jsonl_next, jsonl_close};

void *ann_jsonl_open(ann_stream *st, const char *name, const ann_limits *lim) {
  jsonl *r = calloc(1, sizeof *r);
  if (!r || !(r->name = strdup(name))) {
    free(r);
    return NULL;
  }
  r->st = st;
  r->max_bytes = lim->max_bytes;
  r->max_line = lim->max_bytes > ((size_t)-1 - (1u << 20)) / 2
                    ? (size_t)-1 - 1
                    : lim->max_bytes * 2 + (1u << 20);
  return r;
}
