/*
 * cmd_serve.c — `annalist serve --db FILE`: the HTTP API and web page.
 */
#include "annalist/api.h"
#include "cli.h"

#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef ANN_SOURCE_DIR
#define ANN_SOURCE_DIR "."
#endif

static void help(void) {
  printf(
      "Usage: annalist serve --db FILE [OPTIONS]\n\n"
      "Serves a store read-only: a web page with a map, a timeline, filters,\n"
      "an event table and an article view, and the JSON API behind it:\n"
      "  /api/documents, /api/documents/{id}, /api/events, /api/timeline,\n"
      "  /api/places.geojson, /api/entities\n"
      "(/api/events takes actor, target, root, cameo, country, since, until,\n"
      "text, limit, offset). Stops on Ctrl-C.\n\n"
      "Options:\n"
      "      --db FILE       the store (from `annalist ingest`)\n"
      "      --port N        port (default 8080; 0 picks a free one)\n"
      "      --host ADDR     address to bind (default 127.0.0.1: this\n"
      "                      machine only; 0.0.0.0 exposes it)\n"
      "      --threads N     worker threads (default 4)\n"
      "      --home DIR      where web/ and data/web/ are\n"
      "      --no-cache      answer every request from the store (by default\n"
      "                      answers are reused until the store changes)\n"
      "  -h, --help          this help\n\n"
      "Example:\n"
      "  annalist ingest --db news.db examples/ && annalist serve --db news.db\n"
      "  curl 'http://127.0.0.1:8080/api/events?actor=RUS&root=18'\n");
}

int cmd_serve(int argc, char **argv) {
  static const struct option opts[] = {
      {"db", required_argument, 0, 'D'},
      {"port", required_argument, 0, 'p'},
      {"host", required_argument, 0, 'H'},
      {"threads", required_argument, 0, 't'},
      {"home", required_argument, 0, 'm'},
      {"no-cache", no_argument, 0, 'n'},
      {"help", no_argument, 0, 'h'},
      {0, 0, 0, 0}};
  ann_server_opts o = {.port = 8080};
  const char *home = getenv("ANNALIST_HOME");
  if (!home || !*home) home = ANN_SOURCE_DIR;
  int c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
    switch (c) {
    case 'D': o.db = optarg; break;
    case 'p': {
      char *end;
      long v = strtol(optarg, &end, 10);
      if (*end || v < 0 || v > 65535)
        return ann_usage_error("serve", "bad --port '%s'", optarg);
      o.port = (int)v;
      break;
    }
    case 'H': o.host = optarg; break;
    case 't':
      o.threads = atoi(optarg);
      if (o.threads < 1 || o.threads > 64)
        return ann_usage_error("serve", "bad --threads '%s'", optarg);
      break;
    case 'm': home = optarg; break;
    case 'n': o.no_cache = true; break;
    case 'h': help(); return ANN_EXIT_OK;
    default: return ann_usage_error("serve", "bad option");
    }
  }
  if (!o.db) return ann_usage_error("serve", "--db FILE is required");
  char web[2048], vendor[2048];
  snprintf(web, sizeof web, "%s/web", home);
  snprintf(vendor, sizeof vendor, "%s/data/web", home);
  o.web_dir = web;
  o.vendor_dir = vendor;

  /* block the stop signals before threads start so that only sigwait
   * below receives them */
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, NULL);
  signal(SIGPIPE, SIG_IGN);

  ann_error e = {0};
  ann_server *s;
  if (ann_server_start(&s, &o, &e) < 0) {
    fprintf(stderr, "annalist serve: %s\n", e.msg);
    return ANN_EXIT_FATAL;
  }
  fprintf(stderr, "annalist serve: %s at http://%s:%d/ (Ctrl-C stops)\n",
          o.db, o.host ? o.host : "127.0.0.1", ann_server_port(s));
  int sig;
  sigwait(&set, &sig);
  ann_server_stop(s);
  fprintf(stderr, "annalist serve: stopped\n");
  return ANN_EXIT_OK;
}
