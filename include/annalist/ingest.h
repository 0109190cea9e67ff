/*
 * ingest.h — reading documents from files, directories, standard input,
 * JSON Lines and WARC (.warc, .warc.gz, .warc.zst), streamed.
 *
 * A source yields one ann_input per document, in input order. A broken
 * document (unreadable file, bad JSON line, truncated gzip, lying
 * Content-Length, over max_bytes) is still yielded, with in->error set, so
 * that it becomes an error record and the batch goes on.
 */
#ifndef ANNALIST_INGEST_H
#define ANNALIST_INGEST_H

#include "annalist/doc.h"

typedef struct ann_source ann_source;

/* paths: files, directories (recursed, sorted by name) or "-" (stdin).
 * fmt ANN_IN_AUTO guesses per file from its name and first bytes. */
int ann_source_open(ann_source **out, const char *const *paths, size_t n,
                    ann_input_format fmt, const ann_limits *lim,
                    ann_error *e);

/* The next document, its strings and bytes allocated in a. Returns 1 when
 * *in was filled (check in->error), 0 at the end, negative on a failure
 * that stops the whole source (e filled). */
int ann_source_next(ann_source *s, ann_arena *a, ann_input *in,
                    ann_error *e);

void ann_source_close(ann_source *s);

/* Bytes of the input files read so far and in all (for progress and
 * ETA); false when unknown (standard input). */
bool ann_source_progress(const ann_source *s, unsigned long long *done,
                         unsigned long long *total);

/* Parse an --input-format name; -1 when unknown. */
int ann_input_format_parse(const char *name);

#endif
