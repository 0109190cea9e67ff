/*
 * stream.h — bytes from a FILE, plain, gzip (multi-member) or zstd,
 * decompressed on the fly, with a read buffer, line reading and skipping.
 * Internal to src/ingest.
 *
 * Nothing is ever read whole into memory: the buffer is fixed (64 KB) and a
 * line is kept only up to the caller's cap (the rest is consumed unseen).
 *
 * Damage in the compressed data (a corrupt deflate block, garbage between
 * gzip members, a zstd frame error) is reported once as an error, after the
 * bytes decoded before it; the stream then looks for the next member/frame
 * magic and goes on from there, so that a container reader can resync on
 * its own record marker. A truncated stream reports ANN_ETRUNC and ends.
 */
#ifndef ANN_INGEST_STREAM_H
#define ANN_INGEST_STREAM_H

#include "annalist/ann.h"

#include <stdbool.h>
#include <stdio.h>

enum { ANN_Z_NONE, ANN_Z_GZIP, ANN_Z_ZSTD };

typedef struct ann_stream ann_stream;

/* A stream over f (closed by ann_stream_free when own). The compression is
 * detected from the first bytes. NULL when out of memory. */
ann_stream *ann_stream_new(FILE *f, bool own);
void ann_stream_free(ann_stream *s);

/* ANN_Z_NONE, ANN_Z_GZIP or ANN_Z_ZSTD. */
int ann_stream_compression(const ann_stream *s);

/* Make at least n decoded bytes visible (fewer at the end, or before an
 * error) and point *p at them; returns how many are visible. Does not
 * consume. n is at most 64 KB. */
size_t ann_stream_peek(ann_stream *s, size_t n, const unsigned char **p);

/* Consume n bytes that a peek made visible. */
void ann_stream_consume(ann_stream *s, size_t n);

/* Read up to n bytes into dst; returns how many (fewer only at the end or
 * at an error: see ann_stream_error). */
size_t ann_stream_read(ann_stream *s, void *dst, size_t n);

/* Skip n bytes; returns how many were skipped. */
unsigned long long ann_stream_skip(ann_stream *s, unsigned long long n);

/* One line, without its "\n" (or "\r\n"). At most max bytes are stored in
 * *line (a buffer owned by the stream, valid until the next call); a
 * longer line is consumed to its end and *too_long set. Returns 1 (a line),
 * 0 (end of stream, no line) or ANN_E* when an error cut the line. */
int ann_stream_line(ann_stream *s, size_t max, const char **line, size_t *len,
                    bool *too_long);

/* The pending error (0 if none) and its message; reading it clears it, and
 * reading goes on after the damage when the stream could resync. */
int ann_stream_error(ann_stream *s, const char **msg);

/* True when the stream has ended (no more bytes, ever). */
bool ann_stream_eof(ann_stream *s);

/* Drop the stream's line buffer if it grew large (after a long line). */
void ann_stream_trim(ann_stream *s);

#endif
