/*
 * peers_html.c — the same measurement as bench_html.c for libxml2's
 * htmlReadMemory and gumbo (max_errors = 0, as DEPENDENCIES.md advises).
 * Built by bench/bench_html.sh with cc so that the main build does not
 * depend on either library.
 *
 *   peers_html DIR [passes]
 */
#include <dirent.h>
#include <gumbo.h>
#include <libxml/HTMLparser.h>
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

static void silent(void *ctx, const char *msg, ...) { (void)ctx, (void)msg; }

int main(int argc, char **argv) {
  if (argc < 2) return 2;
  int passes = argc > 2 ? atoi(argv[2]) : 5;
  DIR *d = opendir(argv[1]);
  if (!d) return 1;
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
  xmlSetGenericErrorFunc(NULL, silent);
  double best = 1e30;
  for (int r = 0; r < passes; r++) {
    double t0 = now();
    for (size_t i = 0; i < np; i++) {
      htmlDocPtr doc = htmlReadMemory(
          pages[i].p, (int)pages[i].n, NULL, "UTF-8",
          HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
              HTML_PARSE_NONET | HTML_PARSE_COMPACT);
      xmlFreeDoc(doc);
    }
    double t = now() - t0;
    if (t < best) best = t;
  }
  printf("libxml2   %zu pages %.1f MB  best of %d: %.3f s  %.1f MB/s  "
         "%.0f pages/s\n",
         np, total / 1e6, passes, best, total / 1e6 / best, np / best);
  best = 1e30;
  GumboOptions opt = kGumboDefaultOptions;
  opt.max_errors = 0;
  for (int r = 0; r < passes; r++) {
    double t0 = now();
    for (size_t i = 0; i < np; i++) {
      GumboOutput *out = gumbo_parse_with_options(&opt, pages[i].p, pages[i].n);
      gumbo_destroy_output(&opt, out);
    }
    double t = now() - t0;
    if (t < best) best = t;
  }
  printf("gumbo     %zu pages %.1f MB  best of %d: %.3f s  %.1f MB/s  "
         "%.0f pages/s\n",
         np, total / 1e6, passes, best, total / 1e6 / best, np / best);
  return 0;
}
