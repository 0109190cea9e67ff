/* source_int.h — what the source walker shares with the format readers. */
#ifndef ANN_INGEST_SOURCE_INT_H
#define ANN_INGEST_SOURCE_INT_H

#include "annalist/ingest.h"

#include <stdio.h>

/* A reader of a container format (JSON Lines, WARC) yields many inputs
 * from one file. next returns 1 (in filled), 0 (end), <0 (fatal). */
typedef struct ann_reader {
  int (*next)(void *state, ann_arena *a, ann_input *in, ann_error *e);
  void (*close)(void *state);
} ann_reader;

struct ann_source {
  ann_input_format fmt;
  ann_limits lim;
  char **paths;
  size_t npaths, cap, next_path;
  const ann_reader *reader; /* open container, or NULL */
  void *reader_state;
  /* progress: sizes of the input files, and the open container's file */
  unsigned long long *sizes, total;
  bool total_known;
  FILE *cur; /* the container being read, for its position */
};

/* Open path: either fill *in with the whole file (or an error) and return
 * 1, or open a container reader on s and return 0. */
int ann_reader_open(ann_source *s, const char *path, ann_arena *a,
                    ann_input *in, ann_error *e);

typedef struct ann_stream ann_stream;

/* Like ann_reader_open, on an open FILE (owned: closed when done). name
 * names the input in records. Used for files, stdin and fuzzing (fmemopen). */
int ann_reader_open_file(ann_source *s, FILE *f, const char *name,
                         ann_arena *a, ann_input *in, ann_error *e);

/* Container readers over a stream they then own (jsonl.c, warc.c); NULL
 * when out of memory. */
extern const ann_reader ann_jsonl_reader, ann_warc_reader;
void *ann_jsonl_open(ann_stream *st, const char *name, const ann_limits *lim);
void *ann_warc_open(ann_stream *st, const char *name, const ann_limits *lim);

/* The format of a file from its name (".warc.gz", ".jsonl"...) and its
 * first decoded bytes: ANN_IN_WARC, ANN_IN_JSONL, or ANN_IN_HTML/TEXT for
 * a single document. */
ann_input_format ann_sniff_format(const char *name, const unsigned char *p,
                                  size_t n);

/* Read all of f into the arena, up to max bytes. Returns 0, ANN_ELIMIT
 * (more than max; *len = max+1 then), ANN_EIO or ANN_ENOMEM. */
int ann_read_all(FILE *f, ann_arena *a, size_t max, unsigned char **out,
                 size_t *len);

/* ANN_IN_HTML or ANN_IN_TEXT from a file name and its first bytes. */
ann_input_format ann_sniff_document(const char *name, const unsigned char *p,
                                    size_t n);

#endif
