/*
 * query.h — searching a store: the filters shared by `annalist query` and
 * the HTTP API, and the JSON they answer with.
 */
#ifndef ANNALIST_QUERY_H
#define ANNALIST_QUERY_H

#include "annalist/out.h"

struct sqlite3;

typedef struct ann_query {
  const char *actor;   /* source actor code prefix or ISO3 ("RUS", "RUSCOP") */
  const char *target;  /* target, the same way */
  const char *root;    /* CAMEO root ("18") */
  const char *cameo;   /* CAMEO code prefix ("1823") */
  const char *country; /* event place's ISO2 country ("GE") */
  const char *since, *until; /* ISO dates, partial allowed ("2025-06") */
  const char *text;    /* words that must occur in the document */
  const char *doc;     /* one document's id */
  long limit, offset;
} ann_query;

/* Checks the filters (codes alphanumeric, dates ISO-like, limit within
 * 1..max_limit); on error fills e with a message naming the parameter. */
int ann_query_check(ann_query *q, long max_limit, ann_error *e);

/* Events matching q, newest first, as a JSON array into b; *total gets the
 * number of all matches (before limit) when total is not NULL. */
int ann_query_events(struct sqlite3 *db, const ann_query *q, ann_buf *b,
                     long long *total, ann_error *e);

/* The same events as JSON Lines, one object per line. */
int ann_query_events_jsonl(struct sqlite3 *db, const ann_query *q,
                           ann_buf *b, ann_error *e);

/* Per day: events, mean Goldstein, mean document tone, counts per root. */
int ann_query_timeline(struct sqlite3 *db, const ann_query *q, ann_buf *b,
                       ann_error *e);

/* A GeoJSON FeatureCollection of the matching events with a place, and
 * (when places is true) of the places of the matching documents. */
int ann_query_geojson(struct sqlite3 *db, const ann_query *q, bool places,
                      ann_buf *b, ann_error *e);

/* Matching events as TSV rows (with a header line). */
int ann_query_tsv(struct sqlite3 *db, const ann_query *q, ann_buf *b,
                  ann_error *e);

/* Documents (newest first) as a JSON array; text filter applies. */
int ann_query_documents(struct sqlite3 *db, const ann_query *q, ann_buf *b,
                        long long *total, ann_error *e);

/* Most frequent entities of a type ("PER", "ORG", NULL = all). */
int ann_query_entities(struct sqlite3 *db, const char *type, long limit,
                       ann_buf *b, ann_error *e);

#endif
