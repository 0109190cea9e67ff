/*
 * bench_html.c — HTML parser throughput: MB/s and pages/s over every file
 * of a directory, best of N passes, one core. The pages are read into
 * memory first; one arena is reset between pages, as a pipeline does.
 * Time is the process CPU time (the machine is shared: wall time would
 * measure the other jobs).
 *
 *   build/bench_html DIR [passes]
 *
 * bench/bench_html.sh runs it next to libxml2 and gumbo (peers_html).
 */
#include "annalist/html.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct page {
  char *p;
  size_t n;
} page;

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

static int cmp(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: bench_html DIR [passes]\n");
    return 2;
  }
  int passes = argc > 2 ? atoi(argv[2]) : 10;
  DIR *d = opendir(argv[1]);
  if (!d) {
    perror(argv[1]);
    return 1;
  }
  char **names = NULL;
  size_t nn = 0;
  for (struct dirent *de; (de = readdir(d));) {
    if (de->d_name[0] == '.') continue;
    names = realloc(names, (nn + 1) * sizeof *names);
    names[nn++] = strdup(de->d_name);
  }
  closedir(d);
  qsort(names, nn, sizeof *names, cmp);
  page *pages = calloc(nn, sizeof *pages);
  size_t np = 0, total = 0;
  for (size_t i = 0; i < nn; i++) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", argv[1], names[i]);
    FILE *f = fopen(path, "rb");
    if (!f) continue;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    if (n <= 0) {
      fclose(f);
      continue;
    }
    pages[np].p = malloc((size_t)n);
    pages[np].n = fread(pages[np].p, 1, (size_t)n, f);
    total += pages[np].n;
    np++;
    fclose(f);
  }
  ann_limits lim = {0};
  ann_limits_default(&lim);
  ann_arena *a = ann_arena_new(1 << 20, lim.max_arena);
  double best = 1e30;
  size_t nodes = 0, fails = 0;
  for (int r = 0; r < passes; r++) {
    double t0 = now();
    nodes = fails = 0;
    for (size_t i = 0; i < np; i++) {
      ann_node *root;
      if (ann_html_parse(a, pages[i].p, pages[i].n, &lim, &root, NULL) < 0)
        fails++;
      else
        for (ann_node *x = root; x; x = ann_html_next(root, x, false))
          nodes++;
      ann_arena_reset(a);
    }
    double t = now() - t0;
    if (t < best) best = t;
  }
  printf("annalist  %zu pages %.1f MB  best of %d: %.3f s  %.1f MB/s  "
         "%.0f pages/s  (%zu nodes, %zu failed)\n",
         np, total / 1e6, passes, best, total / 1e6 / best, np / best, nodes,
         fails);
  ann_arena_free(a);
  return 0;
}
