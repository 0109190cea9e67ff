/*
 * cmd_ingest.c — `annalist ingest --db FILE INPUT...`: extract documents
 * into the SQLite store.
 *
 * Idempotent and resumable: a document whose id or content hash is already
 * stored is skipped before any work, and documents are committed in
 * batches, each all-or-nothing; after a crash or kill -9 a re-run stores
 * exactly what is missing.
 */
#include "annalist/ingest.h"
#include "annalist/pipeline.h"
#include "annalist/store.h"
#include "batch.h"
#include "cli.h"
#include "progress.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void help(void) {
  printf(
      "Usage: annalist ingest --db FILE [OPTIONS] INPUT...\n\n"
      "Extracts every document (as `annalist extract` does) and stores the\n"
      "records in a SQLite store: documents with full-text search, and the\n"
      "entities, places, actors, events, counts, amounts, quotes, dates,\n"
      "tone and themes of each, with their spans. Re-running is safe: a\n"
      "document already stored (same id or same content) is skipped, and an\n"
      "interrupted ingest loses at most its last uncommitted batch, which\n"
      "the next run stores.\n\n"
      "Options:\n"
      "      --db FILE           the store (created if missing)\n"
      "  -i, --input-format FMT  auto (default), html, text, jsonl, warc\n"
      "      --max-bytes N       skip documents larger than N (default 20MB)\n"
      "  -j, --jobs N            worker threads (default 1)\n"
      "      --batch N           documents per transaction (default 256)\n"
      "      --home DIR          where models/, dicts/ and data/ are\n"
      "      --records           INPUTs are JSON Lines records already made\n"
      "                          by `annalist extract` (e.g. on other\n"
      "                          machines): store them without re-analysis\n"
      "  -q, --quiet             no progress display\n"
      "  -h, --help              this help\n\n"
      "Examples:\n"
      "  annalist ingest --db news.db examples/\n"
      "  annalist ingest --db news.db -j 2 crawl.warc.gz\n"
      "  annalist serve --db news.db     # then open http://127.0.0.1:8080/\n");
}

typedef struct ingest_ctx {
  ann_store *store;
  size_t batch, in_batch, added;
  ann_error err;
} ingest_ctx;

static void input_hash(const ann_input *in, char out[33]) {
  if (in->len) ann_content_hash(in->bytes, in->len, out);
  else ann_content_hash(in->name ? in->name : "", in->name ? strlen(in->name) : 0, out);
}

static bool skip_stored(void *ctx, const ann_input *in) {
  ingest_ctx *c = ctx;
  char h[33];
  input_hash(in, h);
  return ann_store_has(c->store, in->id, h);
}

static int sink(void *ctx, const ann_doc *d, const char *rec, size_t len) {
  ingest_ctx *c = ctx;
  char h[33];
  input_hash(d->input, h);
  int rc = ann_store_add(c->store, rec, len,
                         d->input ? d->input->name : NULL, h, &c->err);
  if (rc < 0) return rc;
  c->added += (size_t)rc;
  if (++c->in_batch >= c->batch) {
    c->in_batch = 0;
    if ((rc = ann_store_commit(c->store, &c->err)) < 0 ||
        (rc = ann_store_begin(c->store, &c->err)) < 0)
      return rc;
  }
  return 0;
}

/* --records: each line of each file is one record; a line that is not a
 * JSON object is reported with its file and line and skipped. */
static int load_records(ingest_ctx *c, char **paths, int n, bool quiet) {
  ann_error e = {0};
  size_t added = 0, seen = 0, bad = 0;
  if (ann_store_begin(c->store, &e) < 0) goto fatal;
  for (int i = 0; i < n; i++) {
    bool is_stdin = !strcmp(paths[i], "-");
    FILE *f = is_stdin ? stdin : fopen(paths[i], "rb");
    if (!f) {
      fprintf(stderr, "annalist ingest: %s: cannot open\n", paths[i]);
      bad++;
      continue;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    long lineno = 0;
    while ((len = getline(&line, &cap, f)) > 0) {
      lineno++;
      while (len && (line[len - 1] == '\n' || line[len - 1] == '\r')) len--;
      if (!len) continue;
      seen++;
      char h[33], name[1100];
      ann_content_hash(line, (size_t)len, h);
      snprintf(name, sizeof name, "%s:%ld", paths[i], lineno);
      int rc = ann_store_add(c->store, line, (size_t)len, name, h, &e);
      if (rc < 0) {
        if (rc != ANN_EFORMAT) {
          free(line);
          goto fatal;
        }
        fprintf(stderr, "annalist ingest: %s\n", e.msg);
        bad++;
        continue;
      }
      added += (size_t)rc;
      if (seen % c->batch == 0 && (ann_store_commit(c->store, &e) < 0 ||
                                   ann_store_begin(c->store, &e) < 0)) {
        free(line);
        goto fatal;
      }
    }
    free(line);
    if (!is_stdin) fclose(f);
  }
  if (ann_store_commit(c->store, &e) < 0) goto fatal;
  if (!quiet)
    fprintf(stderr, "annalist ingest: %zu records stored (%zu already there, "
                    "%zu bad)\n", added, seen - added - bad, bad);
  return bad ? ANN_EXIT_PARTIAL : ANN_EXIT_OK;
fatal:
  fprintf(stderr, "annalist ingest: %s\n", e.msg);
  return ANN_EXIT_FATAL;
}

static void emit_record(void *ctx, const ann_doc *d, ann_buf *out) {
  (void)ctx;
  ann_write_record(out, d, NULL);
}

int cmd_ingest(int argc, char **argv) {
  static const struct option opts[] = {
      {"db", required_argument, 0, 'D'},
      {"input-format", required_argument, 0, 'i'},
      {"max-bytes", required_argument, 0, 'M'},
      {"jobs", required_argument, 0, 'j'},
      {"batch", required_argument, 0, 'B'},
      {"home", required_argument, 0, 'H'},
      {"records", no_argument, 0, 'R'},
      {"quiet", no_argument, 0, 'q'},
      {"help", no_argument, 0, 'h'},
      {0, 0, 0, 0}};
  const char *db = NULL;
  bool records = false;
  int in_fmt = ANN_IN_AUTO, jobs = 1, c;
  long batch = 256;
  bool quiet = false;
  ann_options po = {.log = ann_cli_log};
  optind = 1;
  while ((c = getopt_long(argc, argv, "i:j:qh", opts, NULL)) != -1) {
    switch (c) {
    case 'D': db = optarg; break;
    case 'i':
      if ((in_fmt = ann_input_format_parse(optarg)) < 0)
        return ann_usage_error("ingest", "unknown input format '%s'", optarg);
      break;
    case 'M': {
      long long v = ann_parse_size(optarg);
      if (v <= 0)
        return ann_usage_error("ingest", "bad --max-bytes '%s'", optarg);
      po.limits.max_bytes = (size_t)v;
      break;
    }
    case 'j':
      jobs = atoi(optarg);
      if (jobs < 1 || jobs > 256)
        return ann_usage_error("ingest", "bad --jobs '%s' (1-256)", optarg);
      break;
    case 'B':
      batch = atol(optarg);
      if (batch < 1)
        return ann_usage_error("ingest", "bad --batch '%s'", optarg);
      break;
    case 'H': po.home = optarg; break;
    case 'q': quiet = true; break;
    case 'R': records = true; break;
    case 'h': help(); return ANN_EXIT_OK;
    default: return ann_usage_error("ingest", "bad option");
    }
  }
  if (!db) return ann_usage_error("ingest", "--db FILE is required");
  if (optind >= argc)
    return ann_usage_error("ingest", "no INPUT given (use - for stdin)");

  ann_error e = {0};
  ingest_ctx ctx = {.batch = (size_t)batch};
  if (ann_store_open(&ctx.store, db, false, &e) < 0) {
    fprintf(stderr, "annalist ingest: %s\n", e.msg);
    return ANN_EXIT_FATAL;
  }
  if (records) {
    int rc = load_records(&ctx, argv + optind, argc - optind, quiet);
    ann_store_close(ctx.store);
    return rc;
  }
  ann_pipeline *p;
  if (ann_pipeline_open(&p, &po, &e) < 0) {
    fprintf(stderr, "annalist ingest: %s\n", e.msg);
    ann_store_close(ctx.store);
    return ANN_EXIT_FATAL;
  }
  ann_source *src;
  if (ann_source_open(&src, (const char *const *)argv + optind,
                      (size_t)(argc - optind), (ann_input_format)in_fmt,
                      &ann_pipeline_options(p)->limits, &e) < 0) {
    fprintf(stderr, "annalist ingest: %s\n", e.msg);
    ann_pipeline_free(p);
    ann_store_close(ctx.store);
    return ANN_EXIT_FATAL;
  }
  double t0 = ann_now();
  ann_batch b = {.pipeline = p, .source = src, .jobs = jobs,
                 .progress = !quiet, .emit = emit_record, .out = NULL,
                 .skip = skip_stored, .sink = sink, .hook_ctx = &ctx};
  int rc = ann_store_begin(ctx.store, &e);
  if (rc == 0) rc = ann_batch_run(&b);
  if (rc == 0) rc = ann_store_commit(ctx.store, &ctx.err);
  ann_source_close(src);
  ann_pipeline_free(p);
  ann_store_close(ctx.store);
  if (rc < 0) {
    fprintf(stderr, "annalist ingest: %s\n",
            b.fatal ? b.fatal_error.msg
                    : ctx.err.msg[0] ? ctx.err.msg
                                     : e.msg[0] ? e.msg : ann_strerror(rc));
    return ANN_EXIT_FATAL;
  }
  if (!quiet)
    fprintf(stderr,
            "annalist ingest: %zu documents stored in %s (%zu already "
            "there, %zu error records) in %.1fs\n",
            ctx.added, db, b.skipped, b.errors, ann_now() - t0);
  if (!quiet)
    fprintf(stderr,
            "annalist ingest: to browse it: annalist serve --db %s  (then "
            "open http://127.0.0.1:8080/)\n",
            db);
  return b.errors ? ANN_EXIT_PARTIAL : ANN_EXIT_OK;
}
