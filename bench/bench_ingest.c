/*
 * bench_ingest.c — how fast the inputs are read: iterate a source (files,
 * directories, WARC, JSONL...) without extracting, optionally decoding
 * each document to UTF-8, and print MB/s of document bytes and docs/s.
 *
 *   build/bench_ingest [--decode] [--charsets] INPUT...
 *
 * --charsets prints "name<TAB>charset" per document (for accuracy runs).
 */
#include "annalist/decode.h"
#include "annalist/ingest.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  bool decode = false, charsets = false;
  int i = 1;
  for (; i < argc && argv[i][0] == '-' && argv[i][1] == '-'; i++) {
    if (!strcmp(argv[i], "--decode"))
      decode = true;
    else if (!strcmp(argv[i], "--charsets"))
      charsets = decode = true;
    else {
      fprintf(stderr, "usage: bench_ingest [--decode] [--charsets] INPUT...\n");
      return 2;
    }
  }
  if (i >= argc) {
    fprintf(stderr, "usage: bench_ingest [--decode] [--charsets] INPUT...\n");
    return 2;
  }
  unsigned long long file_bytes = 0;
  for (int k = i; k < argc; k++) {
    struct stat st;
    if (stat(argv[k], &st) == 0 && S_ISREG(st.st_mode))
      file_bytes += st.st_size;
  }
  ann_source *src;
  ann_error e = {0};
  ann_limits lim = {0};
  if (ann_source_open(&src, (const char *const *)argv + i, (size_t)(argc - i),
                      ANN_IN_AUTO, &lim, &e) < 0) {
    fprintf(stderr, "bench_ingest: %s\n", e.msg);
    return 1;
  }
  ann_arena *a = ann_arena_new(1 << 20, 0);
  ann_input in;
  unsigned long long docs = 0, errors = 0, bytes = 0, out_bytes = 0;
  double t0 = now();
  int rc;
  while ((rc = ann_source_next(src, a, &in, &e)) == 1) {
    if (in.error) {
      errors++;
    } else {
      docs++;
      bytes += in.len;
      if (decode) {
        ann_decoded d;
        if (ann_decode(a, in.bytes, in.len, in.charset, in.kind == ANN_IN_HTML,
                       &d, &e) == 0) {
          out_bytes += d.len;
          if (charsets) printf("%s\t%s\n", in.name, d.charset);
        }
      }
    }
    ann_arena_reset(a);
  }
  double dt = now() - t0;
  if (rc < 0) fprintf(stderr, "bench_ingest: %s\n", e.msg);
  fprintf(stderr,
          "annalist%s: %llu docs, %llu errors, %.1f MB of documents "
          "(%.1f MB of files) in %.2f s: %.1f MB/s, %.0f docs/s\n",
          decode ? " read+decode" : " read", docs, errors, bytes / 1e6,
          file_bytes / 1e6, dt, bytes / 1e6 / dt, docs / dt);
  (void)out_bytes;
  ann_arena_free(a);
  ann_source_close(src);
  return rc < 0;
}
