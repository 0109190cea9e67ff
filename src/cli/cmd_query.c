/*
 * cmd_query.c — `annalist query --db FILE [filters]`: events from a store.
 */
#include "annalist/query.h"
#include "annalist/store.h"
#include "cli.h"

#include <getopt.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void help(void) {
  printf(
      "Usage: annalist query --db FILE [FILTERS] [--format FMT]\n\n"
      "Prints the events of a store (made by `annalist ingest`) that match\n"
      "every filter given, newest first.\n\n"
      "Filters:\n"
      "      --actor CODE      source actor: CAMEO code prefix or country\n"
      "                        (RUS, RUSGOV, AZELEG)\n"
      "      --target CODE     target actor, the same way\n"
      "      --root NN         CAMEO root code (18 = assault)\n"
      "      --cameo CODE      CAMEO code or prefix (1823)\n"
      "      --country CC      ISO country of the event's place (GE)\n"
      "      --since DATE      on or after (2025-06, 2025-06-27)\n"
      "      --until DATE      on or before\n"
      "      --text \"WORDS\"    documents containing all the words\n"
      "      --limit N         at most N events (default 100, max 100000)\n"
      "Output:\n"
      "  -f, --format FMT      json (JSON Lines, default), tsv, geojson\n"
      "  -h, --help            this help\n\n"
      "Examples:\n"
      "  annalist query --db news.db --actor RUS --target AZE --since 2025-06\n"
      "  annalist query --db news.db --root 18 --country GE -f geojson > map.json\n"
      "  annalist query --db news.db --text \"gas pipeline\" -f tsv\n");
}

int cmd_query(int argc, char **argv) {
  static const struct option opts[] = {
      {"db", required_argument, 0, 'D'},
      {"actor", required_argument, 0, 'a'},
      {"target", required_argument, 0, 't'},
      {"root", required_argument, 0, 'r'},
      {"cameo", required_argument, 0, 'c'},
      {"country", required_argument, 0, 'C'},
      {"since", required_argument, 0, 's'},
      {"until", required_argument, 0, 'u'},
      {"text", required_argument, 0, 'x'},
      {"limit", required_argument, 0, 'l'},
      {"format", required_argument, 0, 'f'},
      {"help", no_argument, 0, 'h'},
      {0, 0, 0, 0}};
  const char *db = NULL, *format = "json";
  ann_query q = {.limit = 100};
  int c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "f:h", opts, NULL)) != -1) {
    switch (c) {
    case 'D': db = optarg; break;
    case 'a': q.actor = optarg; break;
    case 't': q.target = optarg; break;
    case 'r': q.root = optarg; break;
    case 'c': q.cameo = optarg; break;
    case 'C': q.country = optarg; break;
    case 's': q.since = optarg; break;
    case 'u': q.until = optarg; break;
    case 'x': q.text = optarg; break;
    case 'l': {
      char *end;
      q.limit = strtol(optarg, &end, 10);
      if (*end || q.limit < 1)
        return ann_usage_error("query", "bad --limit '%s'", optarg);
      break;
    }
    case 'f': format = optarg; break;
    case 'h': help(); return ANN_EXIT_OK;
    default: return ann_usage_error("query", "bad option");
    }
  }
  if (!db) return ann_usage_error("query", "--db FILE is required");
  if (optind < argc)
    return ann_usage_error("query", "unexpected argument '%s'", argv[optind]);
  if (strcmp(format, "json") && strcmp(format, "tsv") &&
      strcmp(format, "geojson"))
    return ann_usage_error("query", "unknown format '%s'", format);
  ann_error e = {0};
  if (ann_query_check(&q, 100000, &e) < 0)
    return ann_usage_error("query", "%s", e.msg);
  ann_store *s;
  if (ann_store_open(&s, db, true, &e) < 0) {
    fprintf(stderr, "annalist query: %s\n", e.msg);
    return ANN_EXIT_FATAL;
  }
  ann_buf b;
  ann_buf_init(&b, 0);
  int rc;
  if (!strcmp(format, "tsv")) {
    rc = ann_query_tsv(ann_store_db(s), &q, &b, &e);
  } else if (!strcmp(format, "geojson")) {
    rc = ann_query_geojson(ann_store_db(s), &q, false, &b, &e);
    ann_buf_putc(&b, '\n');
  } else {
    rc = ann_query_events_jsonl(ann_store_db(s), &q, &b, &e);
  }
  ann_store_close(s);
  if (rc < 0) {
    fprintf(stderr, "annalist query: %s\n", e.msg);
    ann_buf_free(&b);
    return ANN_EXIT_FATAL;
  }
  fwrite(b.p ? b.p : "", 1, b.len, stdout);
  ann_buf_free(&b);
  return fflush(stdout) == 0 ? ANN_EXIT_OK : ANN_EXIT_FATAL;
}
