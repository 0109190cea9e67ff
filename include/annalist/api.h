/*
 * api.h — the read-only HTTP API and web page over a store.
 *
 *   GET /api/documents          paged list {total, items}; ?text= filters
 *   GET /api/documents/{id}     the document's full record
 *   GET /api/events             ?actor&target&root&cameo&country&since&until
 *                               &text&doc&limit&offset -> {total, items}
 *   GET /api/timeline           per day: events, mean Goldstein, tone, roots
 *   GET /api/places.geojson     FeatureCollection of events and places
 *   GET /api/entities           ?type=PER|ORG|LOC|MISC&limit -> top entities
 *   GET /                       the web page (web/), vendor libraries from
 *                               data/web/ (built at set-up)
 * Errors are JSON {"error": {"status", "message"}} with the HTTP status.
 */
#ifndef ANNALIST_API_H
#define ANNALIST_API_H

#include "annalist/ann.h"

typedef struct ann_server ann_server;

typedef struct ann_server_opts {
  const char *db;        /* the store, opened read-only */
  const char *host;      /* default 127.0.0.1 (loopback only) */
  int port;              /* default 8080; 0 picks a free port */
  const char *web_dir;   /* the page's files (web/) */
  const char *vendor_dir;/* d3, topojson, world atlas (data/web) */
  int threads;           /* default 4 */
  int query_ms;          /* per-request query time cap, default 2000 */
  long max_page;         /* largest limit accepted, default 1000 */
  bool no_cache;         /* answer every request from the store */
} ann_server_opts;

/* Check the store, bind and start serving in background threads. */
int ann_server_start(ann_server **out, const ann_server_opts *o,
                     ann_error *e);
/* The port actually bound (useful with port 0). */
int ann_server_port(const ann_server *s);
void ann_server_stop(ann_server *s);

#endif
