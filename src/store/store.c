/*
 * store.c — opening, migrating and filling the SQLite store (see store.h).
 *
 * Facts are copied from the JSON record by a table of (record key ->
 * table, columns) so that every list in the contract lands in its table
 * with the same names; only events, whose source/target/place are nested
 * objects, have code of their own.
 */
#include "annalist/store.h"
#include "schema.sql.h"

#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A list in the record and the table it goes to; columns are keys of the
 * list's objects (all but "doc", which is the document's row). */
typedef struct fact_table {
  const char *key, *table;
  const char *cols[14];
} fact_table;

static const fact_table FACTS[] = {
    {"entities", "entities", {"text", "type", "start", "end", "sentence"}},
    {"places", "places",
     {"name", "text", "geonameid", "lat", "lon", "country", "country3",
      "admin1", "kind", "score", "start", "end", "sentence"}},
    {"actors", "actors",
     {"text", "code", "country", "role", "name", "start", "end", "sentence"}},
    {"counts", "counts",
     {"type", "number", "object", "text", "start", "end", "sentence"}},
    {"amounts", "amounts",
     {"number", "unit", "about", "text", "start", "end", "sentence"}},
    {"quotes", "quotes", {"speaker", "text", "start", "end", "sentence"}},
    {"dates", "dates", {"text", "value", "start", "end", "sentence"}},
    {"themes", "themes", {"name", "count"}},
};
#define NFACTS (sizeof FACTS / sizeof *FACTS)

struct ann_store {
  sqlite3 *db;
  char *path;
  sqlite3_stmt *has, *add_doc, *add_fts, *add_sentence, *add_event,
      *add_tone;
  sqlite3_stmt *add_fact[NFACTS];
};

static int db_fail(ann_store *s, ann_error *e, int code, const char *what) {
  return ann_fail(e, code, -1, "%s: %s: %s", s->path, what,
                  sqlite3_errmsg(s->db));
}

static int prepare(ann_store *s, sqlite3_stmt **st, const char *sql,
                   ann_error *e) {
  if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st,
                         NULL) != SQLITE_OK)
    return db_fail(s, e, ANN_EFORMAT, "preparing a statement");
  return 0;
}

/* Bring the schema to ANN_STORE_SCHEMA, one migration per transaction. A
 * store newer than this program is refused rather than misread. */
static int migrate(ann_store *s, bool readonly, ann_error *e) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) !=
      SQLITE_OK)
    return db_fail(s, e, ANN_EFORMAT, "not a SQLite database");
  int version = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
  sqlite3_finalize(st);
  if (version > ANN_STORE_SCHEMA)
    return ann_fail(e, ANN_EFORMAT, -1,
                    "%s: store schema %d is newer than this annalist (%d)",
                    s->path, version, ANN_STORE_SCHEMA);
  if (version == ANN_STORE_SCHEMA) return 0;
  if (readonly)
    return ann_fail(e, ANN_EFORMAT, -1,
                    "%s: not an annalist store (or an old one: run `annalist "
                    "ingest --db` on it to migrate)",
                    s->path);
  if (version == 0) {
    /* a version-0 file must be empty: never build on someone else's db */
    if (sqlite3_prepare_v2(s->db, "SELECT count(*) FROM sqlite_master", -1,
                           &st, NULL) != SQLITE_OK)
      return db_fail(s, e, ANN_EFORMAT, "reading the schema");
    int n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_finalize(st);
    if (n)
      return ann_fail(e, ANN_EFORMAT, -1,
                      "%s: a SQLite database that is not an annalist store",
                      s->path);
  }
  for (int v = version; v < ANN_STORE_SCHEMA; v++) {
    char pragma[64];
    snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v + 1);
    if (sqlite3_exec(s->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_exec(s->db, ann_store_migrations[v], NULL, NULL, NULL) !=
            SQLITE_OK ||
        sqlite3_exec(s->db, pragma, NULL, NULL, NULL) != SQLITE_OK) {
      int rc = db_fail(s, e, ANN_EFORMAT, "migrating the schema");
      sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
      return rc;
    }
    if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
      return db_fail(s, e, ANN_EFORMAT, "migrating the schema");
  }
  return 0;
}

static int prepare_writes(ann_store *s, ann_error *e) {
  int rc;
  if ((rc = prepare(s, &s->add_doc,
                    "INSERT OR IGNORE INTO documents (id, hash, input, url, "
                    "title, site_name, published, language, error_code, "
                    "error_message, record) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    e)) < 0 ||
      (rc = prepare(s, &s->add_fts,
                    "INSERT INTO documents_fts (rowid, title, text) "
                    "VALUES (?,?,?)",
                    e)) < 0 ||
      (rc = prepare(s, &s->add_sentence,
                    "INSERT INTO sentences (doc, idx, start, end, text) "
                    "VALUES (?,?,?,?,?)",
                    e)) < 0 ||
      (rc = prepare(s, &s->add_event,
                    "INSERT INTO events (doc, idx, date, source, "
                    "source_country, source_text, target, target_country, "
                    "target_text, cameo, root, quad, goldstein, plover_type, "
                    "plover_mode, place_name, country, lat, lon, negated, "
                    "hypothetical, sentence, ev_start, ev_end, evidence) "
                    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,"
                    "?)",
                    e)) < 0 ||
      (rc = prepare(s, &s->add_tone,
                    "INSERT INTO tone (doc, tone, positive, negative, "
                    "polarity, activity, self_group, words) "
                    "VALUES (?,?,?,?,?,?,?,?)",
                    e)) < 0)
    return rc;
  for (size_t i = 0; i < NFACTS; i++) {
    char sql[1024];
    int n = snprintf(sql, sizeof sql, "INSERT INTO %s (doc", FACTS[i].table);
    int ncols = 0;
    for (; ncols < 14 && FACTS[i].cols[ncols]; ncols++)
      n += snprintf(sql + n, sizeof sql - (size_t)n, ", %s",
                    FACTS[i].cols[ncols]);
    n += snprintf(sql + n, sizeof sql - (size_t)n, ") VALUES (?");
    for (int c = 0; c < ncols; c++)
      n += snprintf(sql + n, sizeof sql - (size_t)n, ",?");
    snprintf(sql + n, sizeof sql - (size_t)n, ")");
    if ((rc = prepare(s, &s->add_fact[i], sql, e)) < 0) return rc;
  }
  return 0;
}

int ann_store_open(ann_store **out, const char *path, bool readonly,
                   ann_error *e) {
  *out = NULL;
  ann_store *s = calloc(1, sizeof *s);
  if (!s) return ann_fail(e, ANN_ENOMEM, -1, "out of memory");
  s->path = strdup(path);
  int flags = readonly ? SQLITE_OPEN_READONLY
                       : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  int rc = 0;
  if (sqlite3_open_v2(path, &s->db, flags | SQLITE_OPEN_NOMUTEX, NULL) !=
      SQLITE_OK) {
    rc = ann_fail(e, ANN_EIO, -1, "%s: cannot open store: %s", path,
                  s->db ? sqlite3_errmsg(s->db) : "out of memory");
    goto fail;
  }
  sqlite3_busy_timeout(s->db, 5000);
  /* 64 MB of page cache per connection: event filters touch index and
   * table pages all over a large store, and the default 2 MB thrashes */
  sqlite3_exec(s->db, "PRAGMA cache_size = -65536", NULL, NULL, NULL);
  sqlite3_extended_result_codes(s->db, 1);
  if (!readonly) {
    /* WAL: readers (the server) never block the writer (ingest) */
    if (sqlite3_exec(s->db, "PRAGMA journal_mode=WAL; PRAGMA synchronous="
                            "NORMAL; PRAGMA foreign_keys=ON",
                     NULL, NULL, NULL) != SQLITE_OK) {
      rc = db_fail(s, e, ANN_EFORMAT, "not a SQLite database");
      goto fail;
    }
  }
  if ((rc = migrate(s, readonly, e)) < 0) goto fail;
  if ((rc = prepare(s, &s->has,
                    "SELECT 1 FROM documents WHERE id = ? OR hash = ?",
                    e)) < 0)
    goto fail;
  if (!readonly && (rc = prepare_writes(s, e)) < 0) goto fail;
  *out = s;
  return 0;
fail:
  ann_store_close(s);
  return rc;
}

void ann_store_close(ann_store *s) {
  if (!s) return;
  sqlite3_stmt *sts[] = {s->has,          s->add_doc,   s->add_fts,
                         s->add_sentence, s->add_event, s->add_tone};
  for (size_t i = 0; i < sizeof sts / sizeof *sts; i++)
    sqlite3_finalize(sts[i]);
  for (size_t i = 0; i < NFACTS; i++) sqlite3_finalize(s->add_fact[i]);
  sqlite3_close(s->db);
  free(s->path);
  free(s);
}

sqlite3 *ann_store_db(ann_store *s) { return s->db; }

bool ann_store_has(ann_store *s, const char *id, const char *hash) {
  sqlite3_reset(s->has);
  sqlite3_bind_text(s->has, 1, id ? id : "", -1, SQLITE_STATIC);
  sqlite3_bind_text(s->has, 2, hash ? hash : "", -1, SQLITE_STATIC);
  bool found = sqlite3_step(s->has) == SQLITE_ROW;
  sqlite3_reset(s->has);
  return found;
}

int ann_store_begin(ann_store *s, ann_error *e) {
  if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    return db_fail(s, e, ANN_EIO, "starting a transaction");
  return 0;
}

int ann_store_commit(ann_store *s, ann_error *e) {
  if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    return db_fail(s, e, ANN_EIO, "committing");
  return 0;
}

/* ------------------------------------------------------- from JSON -- */

static void bind_json(sqlite3_stmt *st, int i, const json_t *v) {
  if (json_is_string(v))
    sqlite3_bind_text(st, i, json_string_value(v),
                      (int)json_string_length(v), SQLITE_TRANSIENT);
  else if (json_is_integer(v))
    sqlite3_bind_int64(st, i, json_integer_value(v));
  else if (json_is_real(v))
    sqlite3_bind_double(st, i, json_real_value(v));
  else if (json_is_boolean(v))
    sqlite3_bind_int(st, i, json_is_true(v));
  else
    sqlite3_bind_null(st, i);
}

static void bind_key(sqlite3_stmt *st, int i, const json_t *obj,
                     const char *key) {
  bind_json(st, i, obj ? json_object_get(obj, key) : NULL);
}

static int step(ann_store *s, sqlite3_stmt *st, ann_error *e) {
  int rc = sqlite3_step(st);
  sqlite3_reset(st);
  if (rc != SQLITE_DONE) return db_fail(s, e, ANN_EIO, "writing");
  return 0;
}

/* The code points [start, end) of the UTF-8 string t, as a byte range. */
static void cp_slice(const char *t, size_t len, long long start,
                     long long end, size_t *b0, size_t *b1) {
  size_t i = 0;
  long long cp = 0;
  *b0 = *b1 = len;
  for (; i <= len; i++) {
    if (i == len || ((unsigned char)t[i] & 0xC0) != 0x80) {
      if (cp == start) *b0 = i;
      if (cp == end) {
        *b1 = i;
        break;
      }
      cp++;
    }
  }
  if (*b0 > *b1) *b0 = *b1;
}

static int add_events(ann_store *s, sqlite3_int64 doc, const json_t *events,
                      ann_error *e) {
  size_t i;
  json_t *ev;
  json_array_foreach(events, i, ev) {
    sqlite3_stmt *st = s->add_event;
    const json_t *src = json_object_get(ev, "source");
    const json_t *tgt = json_object_get(ev, "target");
    const json_t *place = json_object_get(ev, "place");
    const json_t *plover = json_object_get(ev, "plover");
    const json_t *evid = json_object_get(ev, "evidence");
    if (!json_is_object(src)) src = NULL;
    if (!json_is_object(tgt)) tgt = NULL;
    if (!json_is_object(place)) place = NULL;
    if (!json_is_object(plover)) plover = NULL;
    if (!json_is_object(evid)) evid = NULL;
    sqlite3_bind_int64(st, 1, doc);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
    bind_key(st, 3, ev, "date");
    bind_key(st, 4, src, "code");
    bind_key(st, 5, src, "country");
    bind_key(st, 6, src, "text");
    bind_key(st, 7, tgt, "code");
    bind_key(st, 8, tgt, "country");
    bind_key(st, 9, tgt, "text");
    bind_key(st, 10, ev, "cameo");
    bind_key(st, 11, ev, "root");
    bind_key(st, 12, ev, "quad");
    bind_key(st, 13, ev, "goldstein");
    bind_key(st, 14, plover, "type");
    bind_key(st, 15, plover, "mode");
    bind_key(st, 16, place, "name");
    bind_key(st, 17, place, "country");
    bind_key(st, 18, place, "lat");
    bind_key(st, 19, place, "lon");
    bind_key(st, 20, ev, "negated");
    bind_key(st, 21, ev, "hypothetical");
    bind_key(st, 22, ev, "sentence");
    bind_key(st, 23, evid, "start");
    bind_key(st, 24, evid, "end");
    bind_key(st, 25, evid, "text");
    int rc = step(s, st, e);
    if (rc < 0) return rc;
  }
  return 0;
}

int ann_store_add(ann_store *s, const char *record, size_t len,
                  const char *input, const char *hash, ann_error *e) {
  json_error_t je;
  json_t *r = json_loadb(record, len, 0, &je);
  if (!json_is_object(r)) {
    json_decref(r);
    return ann_fail(e, ANN_EFORMAT, je.position, "%s: record is not JSON: %s",
                    input ? input : "?", je.text);
  }
  const json_t *id = json_object_get(r, "id");
  char idbuf[40];
  const char *ids = json_string_value(id);
  if (!ids) { /* an error record without id: its content hash names it */
    snprintf(idbuf, sizeof idbuf, "h:%s", hash);
    ids = idbuf;
  }
  sqlite3_stmt *st = s->add_doc;
  const json_t *err = json_object_get(r, "error");
  sqlite3_bind_text(st, 1, ids, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st, 2, hash, -1, SQLITE_TRANSIENT);
  if (input) sqlite3_bind_text(st, 3, input, -1, SQLITE_TRANSIENT);
  else sqlite3_bind_null(st, 3);
  bind_key(st, 4, r, "url");
  bind_key(st, 5, r, "title");
  bind_key(st, 6, r, "site_name");
  bind_key(st, 7, r, "published");
  bind_key(st, 8, r, "language");
  bind_key(st, 9, json_is_object(err) ? err : NULL, "code");
  bind_key(st, 10, json_is_object(err) ? err : NULL, "message");
  sqlite3_bind_text(st, 11, record, (int)len, SQLITE_TRANSIENT);
  int rc = step(s, st, e);
  if (rc < 0 || sqlite3_changes(s->db) == 0) {
    json_decref(r);
    return rc < 0 ? rc : 0; /* already stored: idempotent */
  }
  sqlite3_int64 doc = sqlite3_last_insert_rowid(s->db);

  const json_t *text = json_object_get(r, "text");
  const char *t = json_string_value(text);
  size_t tlen = t ? json_string_length(text) : 0;
  sqlite3_bind_int64(s->add_fts, 1, doc);
  bind_key(s->add_fts, 2, r, "title");
  bind_json(s->add_fts, 3, text);
  if ((rc = step(s, s->add_fts, e)) < 0) goto out;

  size_t i;
  json_t *it;
  json_array_foreach(json_object_get(r, "sentences"), i, it) {
    json_int_t a = json_integer_value(json_object_get(it, "start"));
    json_int_t b = json_integer_value(json_object_get(it, "end"));
    size_t b0 = 0, b1 = 0;
    if (t) cp_slice(t, tlen, a, b, &b0, &b1);
    sqlite3_bind_int64(s->add_sentence, 1, doc);
    sqlite3_bind_int64(s->add_sentence, 2, (sqlite3_int64)i);
    sqlite3_bind_int64(s->add_sentence, 3, a);
    sqlite3_bind_int64(s->add_sentence, 4, b);
    sqlite3_bind_text(s->add_sentence, 5, t ? t + b0 : "", (int)(b1 - b0),
                      SQLITE_TRANSIENT);
    if ((rc = step(s, s->add_sentence, e)) < 0) goto out;
  }
  for (size_t f = 0; f < NFACTS; f++) {
    json_array_foreach(json_object_get(r, FACTS[f].key), i, it) {
      sqlite3_stmt *fs = s->add_fact[f];
      sqlite3_bind_int64(fs, 1, doc);
      for (int c = 0; c < 14 && FACTS[f].cols[c]; c++)
        bind_key(fs, c + 2, it, FACTS[f].cols[c]);
      if ((rc = step(s, fs, e)) < 0) goto out;
    }
  }
  if ((rc = add_events(s, doc, json_object_get(r, "events"), e)) < 0)
    goto out;
  const json_t *tone = json_object_get(r, "tone");
  if (json_is_object(tone)) {
    static const char *const keys[] = {"tone",     "positive", "negative",
                                       "polarity", "activity", "self_group",
                                       "words"};
    sqlite3_bind_int64(s->add_tone, 1, doc);
    for (int k = 0; k < 7; k++) bind_key(s->add_tone, k + 2, tone, keys[k]);
    if ((rc = step(s, s->add_tone, e)) < 0) goto out;
  }
  rc = 1;
out:
  json_decref(r);
  return rc;
}

/* Two independent 64-bit hashes (FNV-1a and a multiply-xorshift) make a
 * 128-bit content id: collisions between different pages are not a
 * practical concern for deduplication. */
void ann_content_hash(const void *bytes, size_t len, char out[33]) {
  const unsigned char *p = bytes;
  uint64_t h1 = 0xcbf29ce484222325ULL, h2 = 0x9e3779b97f4a7c15ULL ^ len;
  for (size_t i = 0; i < len; i++) {
    h1 = (h1 ^ p[i]) * 0x100000001b3ULL;
    h2 = (h2 ^ p[i]) * 0xff51afd7ed558ccdULL;
    h2 ^= h2 >> 29;
  }
  snprintf(out, 33, "%016llx%016llx", (unsigned long long)h1,
           (unsigned long long)h2);
}
