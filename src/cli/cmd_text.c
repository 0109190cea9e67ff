/*
 * cmd_text.c — `annalist text FILE`: only the main text, for reading and
 * for comparing with other extractors.
 */
#include "annalist/ingest.h"
#include "annalist/pipeline.h"
#include "batch.h"
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static void help(void) {
  printf("Usage: annalist text [OPTIONS] INPUT...\n\n"
         "Prints the main text of each page (title excluded), paragraphs\n"
         "separated by blank lines, documents separated by a line with a\n"
         "form feed. Errors go to stderr, naming the input.\n\n"
         "Options:\n"
         "      --title        print the title first, then a blank line\n"
         "  -i, --input-format FMT   auto, html, text, jsonl, warc\n"
         "  -h, --help         this help\n\n"
         "Example:\n"
         "  annalist text examples/news-page.html | less\n");
}

static bool with_title;

static void emit_text(void *ctx, const ann_doc *d, ann_buf *out) {
  bool *first = ctx;
  if (!*first) ann_buf_puts(out, "\f\n");
  *first = false;
  if (d->error_code) {
    fprintf(stderr, "annalist text: %s\n", d->error_msg);
    return;
  }
  if (with_title && d->title) {
    ann_buf_puts(out, d->title);
    ann_buf_puts(out, "\n\n");
  }
  ann_buf_put(out, d->text, d->text_len);
  ann_buf_putc(out, '\n');
}

int cmd_text(int argc, char **argv) {
  static const struct option opts[] = {
      {"title", no_argument, 0, 't'},
      {"input-format", required_argument, 0, 'i'},
      {"help", no_argument, 0, 'h'},
      {0, 0, 0, 0}};
  int c, in_fmt = ANN_IN_AUTO;
  optind = 1;
  while ((c = getopt_long(argc, argv, "i:h", opts, NULL)) != -1) {
    switch (c) {
    case 't': with_title = true; break;
    case 'i':
      if ((in_fmt = ann_input_format_parse(optarg)) < 0)
        return ann_usage_error("text", "unknown input format '%s'", optarg);
      break;
    case 'h': help(); return ANN_EXIT_OK;
    default: return ann_usage_error("text", "bad option");
    }
  }
  if (optind >= argc)
    return ann_usage_error("text", "no INPUT given (use - for stdin)");
  ann_options po = {.stages = ANN_STAGE_EXTRACT, .log = ann_cli_log};
  ann_error e = {0};
  ann_pipeline *p;
  if (ann_pipeline_open(&p, &po, &e) < 0) {
    fprintf(stderr, "annalist text: %s\n", e.msg);
    return ANN_EXIT_FATAL;
  }
  ann_source *src;
  if (ann_source_open(&src, (const char *const *)argv + optind,
                      (size_t)(argc - optind), (ann_input_format)in_fmt,
                      &ann_pipeline_options(p)->limits, &e) < 0) {
    fprintf(stderr, "annalist text: %s\n", e.msg);
    ann_pipeline_free(p);
    return ANN_EXIT_FATAL;
  }
  bool first = true;
  ann_batch b = {.pipeline = p, .source = src, .jobs = 1,
                 .emit = emit_text, .emit_ctx = &first, .out = stdout};
  int rc = ann_batch_run(&b);
  ann_source_close(src);
  ann_pipeline_free(p);
  if (rc < 0) {
    fprintf(stderr, "annalist text: %s\n",
            b.fatal ? b.fatal_error.msg : ann_strerror(rc));
    return ANN_EXIT_FATAL;
  }
  return b.errors ? ANN_EXIT_PARTIAL : ANN_EXIT_OK;
}
