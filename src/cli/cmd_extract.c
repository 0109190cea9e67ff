/*
 * cmd_extract.c — `annalist extract`: the main job.
 */
#include "annalist/ingest.h"
#include "annalist/pipeline.h"
#include "batch.h"
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void help(void) {
  printf(
      "Usage: annalist extract [OPTIONS] INPUT...\n\n"
      "Reads news documents and writes one record per document, in input\n"
      "order: main text, metadata, sentences, entities, places, events,\n"
      "quotes, counts, amounts, dates, tone and themes.\n\n"
      "INPUT is a file, a directory (read recursively, in name order) or -\n"
      "for standard input. Files may be HTML pages, plain text, JSON Lines\n"
      "(one {\"id\",\"url\",\"html\"|\"text\",\"published\",\"title\"} per line) or\n"
      "WARC (.warc, .warc.gz, .warc.zst).\n\n"
      "Options:\n"
      "  -f, --format FMT        output format (default json):\n");
  for (const ann_format *f = ann_formats; f->name; f++)
    if (f->emit) printf("                            %-13s %s\n", f->name, f->summary);
  printf(
      "  -i, --input-format FMT  auto (default), html, text, jsonl, warc\n"
      "      --max-bytes N       skip documents larger than N (default 20MB;\n"
      "                          suffixes k, M, G); they become error records\n"
      "  -j, --jobs N            worker threads (default 1); output order is\n"
      "                          kept\n"
      "      --tokens            add tokens with POS, lemma and head\n"
      "      --only-extract      main text and metadata only (fastest)\n"
      "      --home DIR          where models/, dicts/ and data/ are\n"
      "                          (default $ANNALIST_HOME or the build's source)\n"
      "  -q, --quiet             no progress display\n"
      "  -h, --help              this help\n\n"
      "Examples:\n"
      "  annalist extract examples/news-page.html\n"
      "  annalist extract -j 2 crawl.warc.gz > records.jsonl\n"
      "  annalist extract --only-extract -i html - < page.html\n\n"
      "Exit status: 0 all documents fine, 3 some became error records\n"
      "(each has an \"error\" {code, message}), 2 bad arguments, 1 could not\n"
      "run.\n");
}

int cmd_extract(int argc, char **argv) {
  static const struct option opts[] = {
      {"format", required_argument, 0, 'f'},
      {"input-format", required_argument, 0, 'i'},
      {"max-bytes", required_argument, 0, 'M'},
      {"jobs", required_argument, 0, 'j'},
      {"tokens", no_argument, 0, 'T'},
      {"only-extract", no_argument, 0, 'E'},
      {"home", required_argument, 0, 'H'},
      {"quiet", no_argument, 0, 'q'},
      {"help", no_argument, 0, 'h'},
      {0, 0, 0, 0}};
  const ann_format *fmt = ann_format_find("json");
  int in_fmt = ANN_IN_AUTO, jobs = 1;
  bool quiet = false;
  ann_record_opts rec = {0};
  ann_options po = {.log = ann_cli_log};
  int c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "f:i:j:qh", opts, NULL)) != -1) {
    switch (c) {
    case 'f':
      if (!(fmt = ann_format_find(optarg)))
        return ann_usage_error("extract", "unknown format '%s'", optarg);
      break;
    case 'i':
      if ((in_fmt = ann_input_format_parse(optarg)) < 0)
        return ann_usage_error("extract", "unknown input format '%s'",
                               optarg);
      break;
    case 'M': {
      long long v = ann_parse_size(optarg);
      if (v <= 0)
        return ann_usage_error("extract", "bad --max-bytes '%s'", optarg);
      po.limits.max_bytes = (size_t)v;
      break;
    }
    case 'j': {
      char *end;
      long v = strtol(optarg, &end, 10);
      if (*end || v < 1 || v > 256)
        return ann_usage_error("extract", "bad --jobs '%s' (1-256)", optarg);
      jobs = (int)v;
      break;
    }
    case 'T': rec.tokens = true; break;
    case 'E': po.stages = ANN_STAGE_EXTRACT; break;
    case 'H': po.home = optarg; break;
    case 'q': quiet = true; break;
    case 'h': help(); return ANN_EXIT_OK;
    default: return ann_usage_error("extract", "bad option");
    }
  }
  if (optind >= argc)
    return ann_usage_error("extract", "no INPUT given (use - for stdin)");
  ann_error e = {0};
  ann_pipeline *p;
  if (ann_pipeline_open(&p, &po, &e) < 0) {
    fprintf(stderr, "annalist extract: %s\n", e.msg);
    return ANN_EXIT_FATAL;
  }
  ann_source *src;
  if (ann_source_open(&src, (const char *const *)argv + optind,
                      (size_t)(argc - optind), (ann_input_format)in_fmt,
                      &ann_pipeline_options(p)->limits, &e) < 0) {
    fprintf(stderr, "annalist extract: %s\n", e.msg);
    ann_pipeline_free(p);
    return ANN_EXIT_FATAL;
  }
  ann_batch b = {.pipeline = p,
                 .source = src,
                 .jobs = jobs,
                 .progress = !quiet,
                 .emit = fmt->emit,
                 .emit_ctx = &rec,
                 .out = stdout};
  if (fmt->begin) fmt->begin(stdout);
  int rc = ann_batch_run(&b);
  if (fmt->end) fmt->end(stdout);
  ann_source_close(src);
  ann_pipeline_free(p);
  if (fflush(stdout) != 0) rc = ANN_EIO;
  if (b.fatal) {
    fprintf(stderr, "annalist extract: %s\n", b.fatal_error.msg);
    return ANN_EXIT_FATAL;
  }
  if (rc < 0) {
    fprintf(stderr, "annalist extract: writing output: %s\n",
            ann_strerror(rc));
    return ANN_EXIT_FATAL;
  }
  return b.errors ? ANN_EXIT_PARTIAL : ANN_EXIT_OK;
}
