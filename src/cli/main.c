/*
 * main.c — `annalist COMMAND ...`: dispatch to the subcommands.
 */
#include "cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const ann_command commands[] = {
    {"extract", cmd_extract,
     "analyse documents (HTML, text, JSONL, WARC) into JSON Lines records"},
    {"text", cmd_text, "print the main text of a news page"},
    {"tag", cmd_tag, "tag pre-tokenized CoNLL / CoNLL-U (evaluation)"},
    {"ingest", cmd_ingest, "extract documents into a SQLite store"},
    {"query", cmd_query, "search a store: events, actors, places, text"},
    {"serve", cmd_serve, "HTTP API and web page (map, timeline) on a store"},
    {0},
};

static void help(FILE *f) {
  fprintf(f,
          "annalist %s — reads news and writes down what happened.\n\n"
          "Usage: annalist COMMAND [OPTIONS] [INPUT...]\n\nCommands:\n",
          ANN_VERSION);
  for (const ann_command *c = commands; c->name; c++)
    if (c->run) fprintf(f, "  %-9s %s\n", c->name, c->summary);
  fprintf(f,
          "\nRun `annalist COMMAND --help` for a command's options and "
          "examples.\n\n"
          "Examples:\n"
          "  annalist extract page.html              one JSON record\n"
          "  annalist extract -j 2 pages/ > out.jsonl a folder, two threads\n"
          "  annalist text page.html                 the article's text only\n"
          "  curl -s URL | annalist extract -        from standard input\n\n"
          "Exit status: 0 all documents fine, 3 some became error records,\n"
          "2 unusable arguments, 1 could not run (e.g. a model is missing).\n");
}

int ann_usage_error(const char *cmd, const char *fmt, ...) {
  va_list ap;
  fprintf(stderr, "annalist%s%s: ", cmd ? " " : "", cmd ? cmd : "");
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  if (cmd) fprintf(stderr, "\nTry `annalist %s --help`.\n", cmd);
  else fprintf(stderr, "\nTry `annalist --help`.\n");
  return ANN_EXIT_USAGE;
}

void ann_cli_log(void *ctx, const char *msg) {
  (void)ctx;
  fprintf(stderr, "annalist: %s\n", msg);
}

long long ann_parse_size(const char *s) {
  char *end;
  double v = strtod(s, &end);
  if (end == s || v < 0) return -1;
  double mul = 1;
  if (*end) {
    switch (*end | 0x20) {
    case 'k': mul = 1e3; break;
    case 'm': mul = 1e6; break;
    case 'g': mul = 1e9; break;
    case 'b': break;
    default: return -1;
    }
    end++;
    if ((*end | 0x20) == 'b') end++;
    else if ((*end | 0x20) == 'i' && (end[1] | 0x20) == 'b') {
      mul = mul == 1e3 ? 1024.0 : mul == 1e6 ? 1048576.0 : 1073741824.0;
      end += 2;
    }
    if (*end) return -1;
  }
  return (long long)(v * mul);
}

int main(int argc, char **argv) {
  if (argc < 2) {
    help(stderr);
    return ANN_EXIT_USAGE;
  }
  const char *cmd = argv[1];
  if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
    help(stdout);
    return ANN_EXIT_OK;
  }
  if (!strcmp(cmd, "--version") || !strcmp(cmd, "version")) {
    printf("annalist %s\n", ANN_VERSION);
    return ANN_EXIT_OK;
  }
  for (const ann_command *c = commands; c->name; c++)
    if (c->run && !strcmp(c->name, cmd)) return c->run(argc - 1, argv + 1);
  fprintf(stderr, "annalist: unknown command '%s'\n\n", cmd);
  help(stderr);
  return ANN_EXIT_USAGE;
}
