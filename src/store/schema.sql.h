/* schema.sql.h — the store's schema, one migration per version.
 * Migration N brings a store from user_version N-1 to N; never edit a
 * migration that has shipped: add the next one. */
#ifndef ANN_STORE_SCHEMA_H
#define ANN_STORE_SCHEMA_H

static const char *const ann_store_migrations[] = {
    /* 1: the first schema */
    "CREATE TABLE documents ("
    "  doc INTEGER PRIMARY KEY,"
    "  id TEXT NOT NULL UNIQUE,"
    "  hash TEXT NOT NULL UNIQUE,"
    "  input TEXT, url TEXT, title TEXT, site_name TEXT, published TEXT,"
    "  language TEXT, error_code TEXT, error_message TEXT,"
    "  record TEXT NOT NULL,"
    "  ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ')));"
    "CREATE INDEX documents_published ON documents(published);"
    "CREATE VIRTUAL TABLE documents_fts USING fts5(title, text,"
    "  tokenize = 'unicode61 remove_diacritics 2');"
    "CREATE TABLE sentences (doc INTEGER NOT NULL, idx INTEGER NOT NULL,"
    "  start INTEGER, end INTEGER, text TEXT, PRIMARY KEY (doc, idx))"
    "  WITHOUT ROWID;"
    "CREATE TABLE entities (doc INTEGER NOT NULL, text TEXT, type TEXT,"
    "  start INTEGER, end INTEGER, sentence INTEGER);"
    "CREATE INDEX entities_doc ON entities(doc);"
    "CREATE INDEX entities_type_text ON entities(type, text);"
    "CREATE TABLE places (doc INTEGER NOT NULL, name TEXT, text TEXT,"
    "  geonameid INTEGER, lat REAL, lon REAL, country TEXT, country3 TEXT,"
    "  admin1 TEXT, kind TEXT, score REAL, start INTEGER, end INTEGER,"
    "  sentence INTEGER);"
    "CREATE INDEX places_doc ON places(doc);"
    "CREATE INDEX places_country ON places(country);"
    "CREATE TABLE actors (doc INTEGER NOT NULL, text TEXT, code TEXT,"
    "  country TEXT, role TEXT, name TEXT, start INTEGER, end INTEGER,"
    "  sentence INTEGER);"
    "CREATE INDEX actors_doc ON actors(doc);"
    "CREATE TABLE events (event INTEGER PRIMARY KEY, doc INTEGER NOT NULL,"
    "  idx INTEGER, date TEXT, source TEXT, source_country TEXT,"
    "  source_text TEXT, target TEXT, target_country TEXT, target_text TEXT,"
    "  cameo TEXT, root TEXT, quad INTEGER, goldstein REAL,"
    "  plover_type TEXT, plover_mode TEXT, place_name TEXT, country TEXT,"
    "  lat REAL, lon REAL, negated INTEGER, hypothetical INTEGER,"
    "  sentence INTEGER, ev_start INTEGER, ev_end INTEGER, evidence TEXT);"
    "CREATE INDEX events_date ON events(date);"
    "CREATE INDEX events_doc ON events(doc);"
    "CREATE INDEX events_source ON events(source, date);"
    "CREATE INDEX events_target ON events(target, date);"
    "CREATE INDEX events_root ON events(root, date);"
    "CREATE INDEX events_country ON events(country, date);"
    "CREATE INDEX events_cameo ON events(cameo, date);"
    "CREATE TABLE counts (doc INTEGER NOT NULL, type TEXT, number REAL,"
    "  object TEXT, text TEXT, start INTEGER, end INTEGER, sentence INTEGER);"
    "CREATE INDEX counts_doc ON counts(doc);"
    "CREATE TABLE amounts (doc INTEGER NOT NULL, number REAL, unit TEXT,"
    "  about TEXT, text TEXT, start INTEGER, end INTEGER, sentence INTEGER);"
    "CREATE INDEX amounts_doc ON amounts(doc);"
    "CREATE TABLE quotes (doc INTEGER NOT NULL, speaker TEXT, text TEXT,"
    "  start INTEGER, end INTEGER, sentence INTEGER);"
    "CREATE INDEX quotes_doc ON quotes(doc);"
    "CREATE TABLE dates (doc INTEGER NOT NULL, text TEXT, value TEXT,"
    "  start INTEGER, end INTEGER, sentence INTEGER);"
    "CREATE INDEX dates_doc ON dates(doc);"
    "CREATE TABLE tone (doc INTEGER PRIMARY KEY, tone REAL, positive REAL,"
    "  negative REAL, polarity REAL, activity REAL, self_group REAL,"
    "  words INTEGER);"
    "CREATE TABLE themes (doc INTEGER NOT NULL, name TEXT, count INTEGER);"
    "CREATE INDEX themes_doc ON themes(doc);"
    "CREATE INDEX themes_name ON themes(name);",
};

#define ANN_STORE_NMIGRATIONS                                                \
  (int)(sizeof ann_store_migrations / sizeof *ann_store_migrations)

#endif
