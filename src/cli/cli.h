/* cli.h — the subcommands of the annalist program. */
#ifndef ANN_CLI_H
#define ANN_CLI_H

#include "annalist/out.h"

#include <stdio.h>

/* Exit codes shared by every command. */
enum {
  ANN_EXIT_OK = 0,      /* every document fine */
  ANN_EXIT_FATAL = 1,   /* could not run at all (model missing, I/O) */
  ANN_EXIT_USAGE = 2,   /* unusable arguments */
  ANN_EXIT_PARTIAL = 3  /* some documents became error records */
};

typedef struct ann_command {
  const char *name;
  int (*run)(int argc, char **argv);
  const char *summary;
} ann_command;

/* Commands are weak so the program links while one is being written; a
 * command that is not linked in is not listed. */
#define ANN_CMD(name) int name(int argc, char **argv) __attribute__((weak));
ANN_CMD(cmd_extract) /* cmd_extract.c */
ANN_CMD(cmd_text)    /* cmd_text.c */
ANN_CMD(cmd_tag)     /* cmd_tag.c: CoNLL / CoNLL-U tagging */
ANN_CMD(cmd_ingest)  /* cmd_ingest.c: store documents in SQLite */
ANN_CMD(cmd_query)   /* cmd_query.c: search the store */
ANN_CMD(cmd_serve)   /* cmd_serve.c: HTTP API and web page */
#undef ANN_CMD

/* Output formats of `extract`: a record writer, with optional text before
 * the first and after the last record (a GeoJSON FeatureCollection). */
typedef struct ann_format {
  const char *name;
  const char *summary;
  void (*begin)(FILE *out);
  void (*emit)(void *ctx, const ann_doc *d, ann_buf *out);
  void (*end)(FILE *out);
} ann_format;

extern const ann_format ann_formats[];
const ann_format *ann_format_find(const char *name);

/* Print "annalist: msg" to stderr, return ANN_EXIT_USAGE (with a hint to
 * the command's --help). */
int ann_usage_error(const char *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* The library's log callback for the CLI: one line on stderr. */
void ann_cli_log(void *ctx, const char *msg);

/* Parse a size like "20MB", "512k", "1000000" into bytes; -1 if bad. */
long long ann_parse_size(const char *s);

#endif
