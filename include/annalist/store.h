/*
 * store.h — the SQLite store: documents, their records and the facts in
 * them (entities, places, events, counts, amounts, quotes, dates, tone,
 * themes) with provenance spans, plus full-text search.
 *
 * The store is built on the record contract (../spec/document.md): each
 * document is stored as its JSON record and the tables are filled from that
 * JSON, so a field added to records needs no change here to be kept.
 * Writes are batched in transactions; a document is either wholly in the
 * store or not at all, so an ingest killed at any moment can be re-run.
 */
#ifndef ANNALIST_STORE_H
#define ANNALIST_STORE_H

#include "annalist/ann.h"

typedef struct ann_store ann_store;

#define ANN_STORE_SCHEMA 1 /* schema version written to PRAGMA user_version */

/* Open (creating and migrating when writable) the store at path. A file
 * that is not an annalist store, or is corrupt, is ANN_EFORMAT with a
 * message naming it. Caller closes. */
int ann_store_open(ann_store **out, const char *path, bool readonly,
                   ann_error *e);
void ann_store_close(ann_store *s);

/* True when a document with this id or content hash is already stored. */
bool ann_store_has(ann_store *s, const char *id, const char *hash);

/* Add one document from its JSON record (len bytes, no trailing newline
 * needed). input names where it came from; hash identifies its content.
 * Returns 1 added, 0 already there, <0 error. Runs inside the current batch
 * transaction (see ann_store_begin/commit). */
int ann_store_add(ann_store *s, const char *record, size_t len,
                  const char *input, const char *hash, ann_error *e);

/* Group writes: begin opens a transaction, commit ends it. */
int ann_store_begin(ann_store *s, ann_error *e);
int ann_store_commit(ann_store *s, ann_error *e);

/* The underlying connection, for the query and API modules. */
struct sqlite3 *ann_store_db(ann_store *s);

/* A content hash (128-bit hex, 32 chars + NUL) of bytes. */
void ann_content_hash(const void *bytes, size_t len, char out[33]);

#endif
