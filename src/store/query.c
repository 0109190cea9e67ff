/*
 * query.c — filters to SQL (prepared, every value bound, never pasted into
 * the SQL text) and rows to JSON, TSV and GeoJSON (see query.h).
 */
#include "annalist/query.h"

#include <ctype.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

/* ------------------------------------------------------ validation -- */

static bool all_of(const char *s, const char *extra) {
  for (; *s; s++)
    if (!isalnum((unsigned char)*s) && !strchr(extra, *s)) return false;
  return true;
}

int ann_query_check(ann_query *q, long max_limit, ann_error *e) {
  struct {
    const char *name, *v, *extra;
    size_t max;
  } codes[] = {{"actor", q->actor, "", 16},  {"target", q->target, "", 16},
               {"root", q->root, "", 2},     {"cameo", q->cameo, "", 4},
               {"country", q->country, "", 3}, {"since", q->since, "-:TZ", 25},
               {"until", q->until, "-:TZ", 25}, {"doc", q->doc, "-_:.<>@", 200}};
  for (size_t i = 0; i < sizeof codes / sizeof *codes; i++) {
    const char *v = codes[i].v;
    if (!v) continue;
    if (!*v || strlen(v) > codes[i].max || !all_of(v, codes[i].extra))
      return ann_fail(e, ANN_EINVAL, -1, "bad value for '%s'", codes[i].name);
  }
  if (q->text && strlen(q->text) > 500)
    return ann_fail(e, ANN_EINVAL, -1, "'text' is longer than 500 bytes");
  if (q->limit == 0) q->limit = 50;
  if (q->limit < 0 || q->limit > max_limit)
    return ann_fail(e, ANN_EINVAL, -1, "'limit' must be 1..%ld", max_limit);
  if (q->offset < 0 || q->offset > 100000000)
    return ann_fail(e, ANN_EINVAL, -1, "bad 'offset'");
  return 0;
}

/* ------------------------------------------------------- SQL parts -- */

/* The FTS5 expression for free text: every word quoted, so that user
 * input is never read as FTS syntax (no NEAR, no column filters). */
static void fts_expr(const char *text, char *out, size_t size) {
  size_t j = 0;
  const char *p = text;
  while (*p && j + 8 < size) {
    while (*p && (isspace((unsigned char)*p) || *p == '"')) p++;
    if (!*p) break;
    if (j) out[j++] = ' ';
    out[j++] = '"';
    while (*p && !isspace((unsigned char)*p) && j + 3 < size) {
      if (*p != '"') out[j++] = *p;
      p++;
    }
    out[j++] = '"';
  }
  out[j] = 0;
}

typedef struct sqlq {
  char sql[4096];
  size_t n;
  const char *binds[16];
  int nb;
  char fts[1100];
} sqlq;

static void add(sqlq *s, const char *text) {
  size_t l = strlen(text);
  if (s->n + l < sizeof s->sql) {
    memcpy(s->sql + s->n, text, l + 1);
    s->n += l;
  }
}

static void where(sqlq *s, const char *clause, const char *v1,
                  const char *v2) {
  add(s, s->nb ? " AND " : " WHERE ");
  add(s, clause);
  s->binds[s->nb++] = v1;
  if (v2) s->binds[s->nb++] = v2;
}

/* The WHERE clause over events e for the filters of q. */
static void event_filters(sqlq *s, const ann_query *q) {
  /* prefixes and dates as ranges, so that the indexes serve them: a CAMEO
   * actor code starts with its country ("RUS" covers "RUSCOP"), and '~'
   * sorts after every character of codes and ISO dates */
  if (q->actor)
    where(s, "e.source >= ? AND e.source < ?||'~'", q->actor, q->actor);
  if (q->target)
    where(s, "e.target >= ? AND e.target < ?||'~'", q->target, q->target);
  if (q->root) where(s, "e.root = ?", q->root, NULL);
  if (q->cameo)
    where(s, "e.cameo >= ? AND e.cameo < ?||'~'", q->cameo, q->cameo);
  if (q->country) where(s, "e.country = ?", q->country, NULL);
  /* a partial date covers its whole period: until 2025-06 takes June */
  if (q->since) where(s, "e.date >= ?", q->since, NULL);
  if (q->until) where(s, "e.date <= ?||'~'", q->until, NULL);
  if (q->doc)
    where(s, "e.doc = (SELECT doc FROM documents WHERE id = ?)", q->doc, NULL);
  if (q->text) {
    fts_expr(q->text, s->fts, sizeof s->fts);
    where(s,
          "e.doc IN (SELECT rowid FROM documents_fts WHERE documents_fts "
          "MATCH ?)",
          s->fts, NULL);
  }
}

/* Values are copied at bind time: the statement may outlive the sqlq that
 * built it (the FTS expression lives there). */
static int prep(sqlite3 *db, sqlq *s, sqlite3_stmt **st, ann_error *e) {
  if (sqlite3_prepare_v2(db, s->sql, -1, st, NULL) != SQLITE_OK)
    return ann_fail(e, ANN_EFORMAT, -1, "query: %s", sqlite3_errmsg(db));
  for (int i = 0; i < s->nb; i++)
    sqlite3_bind_text(*st, i + 1, s->binds[i], -1, SQLITE_TRANSIENT);
  return 0;
}

static int finish(sqlite3 *db, sqlite3_stmt *st, int rc, ann_error *e) {
  if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
    int code = rc == SQLITE_INTERRUPT ? ANN_ELIMIT : ANN_EIO;
    ann_fail(e, code, -1, "query: %s",
             rc == SQLITE_INTERRUPT ? "took too long" : sqlite3_errmsg(db));
    sqlite3_finalize(st);
    return code;
  }
  sqlite3_finalize(st);
  return 0;
}

static int count(sqlite3 *db, sqlq *s, long long *total, ann_error *e) {
  sqlite3_stmt *st;
  int rc = prep(db, s, &st, e);
  if (rc < 0) return rc;
  rc = sqlite3_step(st);
  *total = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
  return finish(db, st, rc, e);
}

/* ----------------------------------------------------------- JSON -- */

static void col_json(ann_json *j, sqlite3_stmt *st, int i) {
  switch (sqlite3_column_type(st, i)) {
  case SQLITE_INTEGER: ann_json_int(j, sqlite3_column_int64(st, i)); break;
  case SQLITE_FLOAT: ann_json_num(j, sqlite3_column_double(st, i)); break;
  case SQLITE_TEXT:
    ann_json_strn(j, (const char *)sqlite3_column_text(st, i),
                  (size_t)sqlite3_column_bytes(st, i));
    break;
  default: ann_json_null(j);
  }
}

static void row_json(ann_json *j, sqlite3_stmt *st) {
  int n = sqlite3_column_count(st);
  ann_json_obj(j);
  for (int i = 0; i < n; i++) {
    if (sqlite3_column_type(st, i) == SQLITE_NULL) continue;
    ann_json_key(j, sqlite3_column_name(st, i));
    col_json(j, st, i);
  }
  ann_json_obj_end(j);
}

/* Write each row as an object keyed by the result's column names. */
static int rows_json(sqlite3 *db, sqlite3_stmt *st, ann_json *j,
                     ann_error *e) {
  int rc;
  ann_json_arr(j);
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) row_json(j, st);
  ann_json_arr_end(j);
  return finish(db, st, rc, e);
}

/* The matching events are chosen, sorted and cut to the page first, as
 * bare row ids (often from an index alone); only the page's rows are then
 * read and joined to their document and sentence. Joining every match
 * before sorting cost 30x; sorting whole rows instead of ids 3x. */
static const char EVENT_COLS[] =
    "SELECT d.id AS doc, d.url, d.title, d.published, e.idx AS event, "
    "e.date, e.source, e.source_country, e.source_text, e.target, "
    "e.target_country, e.target_text, e.cameo, e.root, e.quad, e.goldstein, "
    "e.plover_type, e.plover_mode, e.place_name, e.country, e.lat, e.lon, "
    "e.negated, e.hypothetical, e.sentence, s.text AS sentence_text, "
    "e.ev_start, e.ev_end, e.evidence "
    "FROM (SELECT e.event AS id FROM events e";
static const char EVENT_JOIN[] =
    ") page JOIN events e ON e.event = page.id "
    "JOIN documents d ON d.doc = e.doc "
    "LEFT JOIN sentences s ON s.doc = e.doc AND s.idx = e.sentence "
    "ORDER BY e.date DESC, e.event";

static void limit_offset(sqlq *s, const ann_query *q) {
  char tmp[64];
  snprintf(tmp, sizeof tmp, " LIMIT %ld OFFSET %ld", q->limit, q->offset);
  add(s, tmp);
}

/* The page of events matching q, prepared (the statement of the JSON,
 * JSON Lines and TSV answers alike). */
static int prepare_events(sqlite3 *db, const ann_query *q, sqlite3_stmt **st,
                          ann_error *e) {
  sqlq s = {0};
  add(&s, EVENT_COLS);
  event_filters(&s, q);
  add(&s, " ORDER BY e.date DESC, e.event");
  limit_offset(&s, q);
  add(&s, EVENT_JOIN);
  return prep(db, &s, st, e);
}

int ann_query_events_jsonl(sqlite3 *db, const ann_query *q, ann_buf *b,
                           ann_error *e) {
  sqlite3_stmt *st;
  int rc = prepare_events(db, q, &st, e);
  if (rc < 0) return rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    ann_json j;
    ann_json_init(&j, b);
    row_json(&j, st);
    ann_buf_putc(b, '\n');
  }
  return finish(db, st, rc, e);
}

int ann_query_events(sqlite3 *db, const ann_query *q, ann_buf *b,
                     long long *total, ann_error *e) {
  sqlq s = {0};
  int rc;
  if (total) {
    add(&s, "SELECT count(*) FROM events e");
    event_filters(&s, q);
    if ((rc = count(db, &s, total, e)) < 0) return rc;
  }
  sqlite3_stmt *st;
  if ((rc = prepare_events(db, q, &st, e)) < 0) return rc;
  ann_json j;
  ann_json_init(&j, b);
  return rows_json(db, st, &j, e);
}

int ann_query_tsv(sqlite3 *db, const ann_query *q, ann_buf *b, ann_error *e) {
  sqlite3_stmt *st;
  int rc = prepare_events(db, q, &st, e);
  if (rc < 0) return rc;
  int n = sqlite3_column_count(st);
  for (int i = 0; i < n; i++) {
    if (i) ann_buf_putc(b, '\t');
    ann_buf_puts(b, sqlite3_column_name(st, i));
  }
  ann_buf_putc(b, '\n');
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    for (int i = 0; i < n; i++) {
      if (i) ann_buf_putc(b, '\t');
      const unsigned char *t = sqlite3_column_text(st, i);
      /* TSV has no quoting: tabs and newlines inside a value become
       * spaces so that every row stays one line */
      for (; t && *t; t++)
        ann_buf_putc(b, (*t == '\t' || *t == '\n' || *t == '\r') ? ' '
                                                                 : (char)*t);
    }
    ann_buf_putc(b, '\n');
  }
  return finish(db, st, rc, e);
}

/* One row per (day, root), folded into one object per day in C: the
 * day's totals are weighted means of its roots' rows. */
int ann_query_timeline(sqlite3 *db, const ann_query *q, ann_buf *b,
                       ann_error *e) {
  sqlq s = {0};
  add(&s, "SELECT substr(e.date, 1, 10) AS day, e.root, count(*), "
          "sum(e.goldstein), sum(t.tone), count(t.tone) "
          "FROM events e LEFT JOIN tone t ON t.doc = e.doc");
  event_filters(&s, q);
  add(&s, s.nb ? " AND e.date IS NOT NULL" : " WHERE e.date IS NOT NULL");
  add(&s, " GROUP BY day, e.root ORDER BY day, e.root LIMIT 100000");
  sqlite3_stmt *st;
  int rc = prep(db, &s, &st, e);
  if (rc < 0) return rc;
  ann_json j;
  ann_json_init(&j, b);
  ann_json_arr(&j);
  char day[16] = "";
  long long n = 0, ntone = 0;
  double gold = 0, tone = 0;
  bool open = false;
#define CLOSE_DAY()                                                          \
  do {                                                                       \
    ann_json_obj_end(&j); /* roots */                                        \
    ann_json_key(&j, "events");                                              \
    ann_json_int(&j, n);                                                     \
    ann_json_key(&j, "goldstein");                                           \
    ann_json_num(&j, n ? (double)(long long)(gold / n * 1000) / 1000 : 0);   \
    ann_json_key(&j, "tone");                                                \
    if (ntone) ann_json_num(&j, (double)(long long)(tone / ntone * 1000) / 1000); \
    else ann_json_null(&j);                                                  \
    ann_json_obj_end(&j);                                                    \
  } while (0)
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    const char *d = (const char *)sqlite3_column_text(st, 0);
    if (!d) continue;
    if (!open || strcmp(d, day) != 0) {
      if (open) CLOSE_DAY();
      snprintf(day, sizeof day, "%s", d);
      n = ntone = 0;
      gold = tone = 0;
      open = true;
      ann_json_obj(&j);
      ann_json_key(&j, "date");
      ann_json_str(&j, day);
      ann_json_key(&j, "roots");
      ann_json_obj(&j);
    }
    const char *root = (const char *)sqlite3_column_text(st, 1);
    long long c = sqlite3_column_int64(st, 2);
    ann_json_key(&j, root ? root : "");
    ann_json_int(&j, c);
    n += c;
    gold += sqlite3_column_double(st, 3);
    tone += sqlite3_column_double(st, 4);
    ntone += sqlite3_column_int64(st, 5);
  }
  if (open) CLOSE_DAY();
#undef CLOSE_DAY
  ann_json_arr_end(&j);
  return finish(db, st, rc, e);
}

static void feature(ann_json *j, double lon, double lat) {
  ann_json_obj(j);
  ann_json_key(j, "type");
  ann_json_str(j, "Feature");
  ann_json_key(j, "geometry");
  ann_json_obj(j);
  ann_json_key(j, "type");
  ann_json_str(j, "Point");
  ann_json_key(j, "coordinates");
  ann_json_arr(j);
  ann_json_num(j, lon);
  ann_json_num(j, lat);
  ann_json_arr_end(j);
  ann_json_obj_end(j);
  ann_json_key(j, "properties");
  ann_json_obj(j);
}

static void feature_end(ann_json *j) {
  ann_json_obj_end(j);
  ann_json_obj_end(j);
}

/* Rows whose first two columns are lon, lat become features whose
 * properties are the other columns. */
static int rows_features(sqlite3 *db, sqlite3_stmt *st, ann_json *j,
                         const char *kind, ann_error *e) {
  int rc, n = sqlite3_column_count(st);
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    if (sqlite3_column_type(st, 0) == SQLITE_NULL) continue;
    feature(j, sqlite3_column_double(st, 0), sqlite3_column_double(st, 1));
    ann_json_key(j, "kind");
    ann_json_str(j, kind);
    for (int i = 2; i < n; i++) {
      if (sqlite3_column_type(st, i) == SQLITE_NULL) continue;
      ann_json_key(j, sqlite3_column_name(st, i));
      col_json(j, st, i);
    }
    feature_end(j);
  }
  return finish(db, st, rc, e);
}

int ann_query_geojson(sqlite3 *db, const ann_query *q, bool places,
                      ann_buf *b, ann_error *e) {
  ann_json j;
  ann_json_init(&j, b);
  ann_json_obj(&j);
  ann_json_key(&j, "type");
  ann_json_str(&j, "FeatureCollection");
  ann_json_key(&j, "features");
  ann_json_arr(&j);
  sqlq s = {0};
  add(&s, "SELECT e.lon, e.lat, d.id AS doc, e.idx AS event, e.date, "
          "e.source, e.target, e.cameo, e.root, e.quad, e.goldstein, "
          "e.place_name, e.country, e.evidence "
          "FROM events e JOIN documents d ON d.doc = e.doc");
  event_filters(&s, q);
  add(&s, s.nb ? " AND e.lat IS NOT NULL" : " WHERE e.lat IS NOT NULL");
  add(&s, " ORDER BY e.date DESC, e.event");
  limit_offset(&s, q);
  sqlite3_stmt *st;
  int rc = prep(db, &s, &st, e);
  if (rc < 0 || (rc = rows_features(db, st, &j, "event", e)) < 0) return rc;
  if (places) {
    /* one feature per distinct place, with how often documents name it */
    memset(&s, 0, sizeof s);
    add(&s, "SELECT p.lon, p.lat, p.name, p.country, p.kind AS place_kind, "
            "p.geonameid, "
            "count(*) AS mentions, count(DISTINCT p.doc) AS documents "
            "FROM places p");
    if (q->text) {
      fts_expr(q->text, s.fts, sizeof s.fts);
      where(&s,
            "p.doc IN (SELECT rowid FROM documents_fts WHERE documents_fts "
            "MATCH ?)",
            s.fts, NULL);
    }
    if (q->country) where(&s, "p.country = ?", q->country, NULL);
    if (q->doc)
      where(&s, "p.doc = (SELECT doc FROM documents WHERE id = ?)", q->doc,
            NULL);
    add(&s, " GROUP BY p.name, p.lat, p.lon ORDER BY mentions DESC");
    limit_offset(&s, q);
    if ((rc = prep(db, &s, &st, e)) < 0 ||
        (rc = rows_features(db, st, &j, "place", e)) < 0)
      return rc;
  }
  ann_json_arr_end(&j);
  ann_json_obj_end(&j);
  return 0;
}

int ann_query_documents(sqlite3 *db, const ann_query *q, ann_buf *b,
                        long long *total, ann_error *e) {
  sqlq s = {0};
  int rc;
  const char *filter = NULL;
  if (q->text) {
    fts_expr(q->text, s.fts, sizeof s.fts);
    filter = "d.doc IN (SELECT rowid FROM documents_fts WHERE "
             "documents_fts MATCH ?)";
  }
  if (total) {
    add(&s, "SELECT count(*) FROM documents d");
    if (filter) where(&s, filter, s.fts, NULL);
    if ((rc = count(db, &s, total, e)) < 0) return rc;
    s.n = 0;
    s.nb = 0;
    s.sql[0] = 0;
  }
  add(&s, "SELECT d.id, d.url, d.title, d.site_name, d.published, "
          "d.language, d.error_code, d.error_message, "
          "(SELECT count(*) FROM events e WHERE e.doc = d.doc) AS events, "
          "(SELECT count(*) FROM places p WHERE p.doc = d.doc) AS places "
          "FROM documents d");
  if (filter) where(&s, filter, s.fts, NULL);
  add(&s, " ORDER BY d.published DESC, d.doc DESC");
  limit_offset(&s, q);
  sqlite3_stmt *st;
  if ((rc = prep(db, &s, &st, e)) < 0) return rc;
  ann_json j;
  ann_json_init(&j, b);
  return rows_json(db, st, &j, e);
}

int ann_query_entities(sqlite3 *db, const char *type, long limit, ann_buf *b,
                       ann_error *e) {
  sqlq s = {0};
  add(&s, "SELECT text, type, count(*) AS mentions, "
          "count(DISTINCT doc) AS documents FROM entities");
  if (type) where(&s, "type = ?", type, NULL);
  add(&s, " GROUP BY text, type ORDER BY mentions DESC, text");
  char tmp[32];
  snprintf(tmp, sizeof tmp, " LIMIT %ld", limit);
  add(&s, tmp);
  sqlite3_stmt *st;
  int rc = prep(db, &s, &st, e);
  if (rc < 0) return rc;
  ann_json j;
  ann_json_init(&j, b);
  return rows_json(db, st, &j, e);
}
