/*
 * bench_geo — speed of the gazetteer and the geo stage.
 *
 *   bench_geo [--home DIR] FILE...
 *   bench_geo [--home DIR] --records FILE...
 *
 * --records: plain-text FILEs through the stages up to geo (extract,
 * tokens, pos, ner, parse, geo; not record/events) and one JSON record
 * per file on stdout -- what bench/geo_eval.py scores, independent of
 * later stages.
 *
 * FILEs are HTML pages (or text). Prints:
 *   load      time to open data/gazetteer.bin (mmap, CRC, checks)
 *   lookups   candidate lookups per second: every capitalised word and
 *             word pair of the pages' text, looked up again and again
 *   stage     the pipeline run over all pages with every stage, and with
 *             every stage but geo: geo's share of the whole extraction
 */
#include "annalist/geo.h"
#include "annalist/out.h"
#include "annalist/pipeline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

/* CPU time of this thread: the machine is shared, wall time is noise */
static double cpu(void) {
  struct timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

static unsigned char *slurp(const char *path, size_t *n) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long sz = ftell(f);
  fseek(f, 0, SEEK_SET);
  unsigned char *b = malloc((size_t)sz + 1);
  if (b && fread(b, 1, (size_t)sz, f) != (size_t)sz) sz = 0;
  fclose(f);
  *n = (size_t)sz;
  return b;
}

typedef struct span {
  const char *s;
  size_t n;
} span;

/* Run the pipeline over every page; returns seconds (best of reps). */
static double run_all(unsigned stages, const char *home, unsigned char **pg,
                      size_t *len, int npg, int reps, ann_arena *a,
                      long *places) {
  ann_options o = {.stages = stages, .home = home};
  ann_pipeline *p;
  ann_error e = {0};
  if (ann_pipeline_open(&p, &o, &e) < 0) {
    fprintf(stderr, "bench_geo: %s\n", e.msg);
    exit(1);
  }
  double best = 1e9;
  for (int r = 0; r < reps; r++) {
    double t0 = cpu();
    long np = 0;
    for (int i = 0; i < npg; i++) {
      ann_input in = {.name = "page", .bytes = pg[i], .len = len[i],
                      .kind = ANN_IN_HTML};
      ann_doc d;
      ann_arena_reset(a);
      ann_pipeline_run(p, &in, a, &d);
      np += (long)d.places.n;
    }
    double t = cpu() - t0;
    if (t < best) best = t;
    if (places) *places = np;
  }
  ann_pipeline_free(p);
  return best;
}

static int records(const char *home, int n, char **files) {
  ann_options o = {.stages = ANN_STAGE_EXTRACT | ANN_STAGE_TOKENS |
                             ANN_STAGE_POS | ANN_STAGE_NER |
                             ANN_STAGE_PARSE | ANN_STAGE_GEO,
                   .home = home};
  ann_pipeline *p;
  ann_error e = {0};
  if (ann_pipeline_open(&p, &o, &e) < 0) {
    fprintf(stderr, "bench_geo: %s\n", e.msg);
    return 1;
  }
  const ann_gazetteer *gaz = ann_pipeline_state(p, "geo");
  ann_arena *a = ann_arena_new(1 << 20, 0);
  ann_buf b;
  ann_buf_init(&b, 0);
  for (int i = 0; i < n; i++) {
    size_t len;
    unsigned char *t = slurp(files[i], &len);
    if (!t) return 1;
    size_t fl = strlen(files[i]);
    bool html = fl > 5 && !strcmp(files[i] + fl - 5, ".html");
    ann_input in = {.name = files[i], .bytes = t, .len = len,
                    .kind = html ? ANN_IN_HTML : ANN_IN_TEXT};
    ann_doc d;
    ann_arena_reset(a);
    ann_pipeline_run(p, &in, a, &d);
    /* FILE.spans ("start end" in bytes per line): resolve those spans */
    char sp[4096];
    snprintf(sp, sizeof sp, "%s.spans", files[i]);
    FILE *f = fopen(sp, "r");
    if (f && gaz && d.text) {
      uint32_t *st = ann_alloc(a, 4 * 65536), *en = ann_alloc(a, 4 * 65536);
      size_t k = 0;
      unsigned s0, e0;
      while (k < 65536 && fscanf(f, "%u %u", &s0, &e0) == 2) {
        st[k] = s0;
        en[k++] = e0;
      }
      d.places.n = 0;
      ann_geo_resolve_spans(gaz, &d, st, en, k);
    }
    if (f) fclose(f);
    b.len = 0;
    ann_write_record(&b, &d, NULL);
    fwrite(b.p, 1, b.len, stdout);
    free(t);
  }
  ann_buf_free(&b);
  ann_arena_free(a);
  ann_pipeline_free(p);
  return 0;
}

int main(int argc, char **argv) {
  const char *home = NULL;
  int first = 1;
  if (argc > 2 && !strcmp(argv[1], "--home")) {
    home = argv[2];
    first = 3;
  }
  if (argc > first && !strcmp(argv[first], "--records"))
    return records(home, argc - first - 1, argv + first + 1);
  char path[4096];
  ann_gazetteer *g;
  ann_error e = {0};
  {
    /* the same home the pipeline uses */
    ann_options o = {.stages = ANN_STAGE_EXTRACT, .home = home};
    ann_pipeline *p;
    if (ann_pipeline_open(&p, &o, &e) < 0) {
      fprintf(stderr, "bench_geo: %s\n", e.msg);
      return 1;
    }
    ann_pipeline_path(p, "data", "gazetteer.bin", path, sizeof path);
    ann_pipeline_free(p);
  }
  double t0 = now();
  if (ann_gazetteer_open(&g, path, &e) < 0) {
    fprintf(stderr, "bench_geo: %s\n", e.msg);
    return 1;
  }
  double tload = now() - t0;
  printf("load      %.1f ms (%s)\n", tload * 1e3, path);

  int npg = argc - first;
  unsigned char **pg = calloc((size_t)npg + 1, sizeof *pg);
  size_t *len = calloc((size_t)npg + 1, sizeof *len);
  size_t total = 0;
  for (int i = 0; i < npg; i++) {
    pg[i] = slurp(argv[first + i], &len[i]);
    if (!pg[i]) {
      fprintf(stderr, "bench_geo: cannot read %s\n", argv[first + i]);
      return 1;
    }
    total += len[i];
  }
  /* candidate strings: capitalised words and pairs of the raw bytes */
  size_t ns = 0, cap = 1 << 16;
  span *sp = malloc(cap * sizeof *sp);
  for (int i = 0; i < npg; i++) {
    const char *t = (const char *)pg[i];
    size_t n = len[i], j = 0, prev = (size_t)-1;
    while (j < n) {
      while (j < n && !(t[j] >= 'A' && t[j] <= 'Z')) j++;
      size_t s = j;
      while (j < n && ((t[j] | 32) >= 'a' && (t[j] | 32) <= 'z')) j++;
      if (j - s < 2) continue;
      if (ns + 2 >= cap) sp = realloc(sp, (cap *= 2) * sizeof *sp);
      sp[ns++] = (span){t + s, j - s};
      if (prev != (size_t)-1 && s - prev < 40)
        sp[ns++] = (span){t + prev, j - prev};
      prev = s;
    }
  }
  if (ns) {
    size_t hits = 0, done = 0;
    t0 = cpu();
    while (cpu() - t0 < 1.0)
      for (size_t i = 0; i < ns; i++, done++) {
        size_t n;
        if (ann_gaz_lookup(g, sp[i].s, sp[i].n, &n)) hits++;
      }
    double t = cpu() - t0;
    printf("lookups (CPU)   %.2f M/s (%zu candidate strings, %.0f%% known)\n",
           done / t / 1e6, ns, 100.0 * hits / (done ? done : 1));
  }

  /* per page: the extract stage through the pipeline, then the geo
   * resolver on its text, timed apart (3 rounds, best of each) */
  if (npg) {
    ann_options o = {.stages = ANN_STAGE_EXTRACT, .home = home};
    ann_pipeline *p;
    if (ann_pipeline_open(&p, &o, &e) < 0) return 1;
    ann_arena *a = ann_arena_new(1 << 20, 0);
    double bext = 1e9, bgeo = 1e9;
    size_t text = 0;
    long nplaces = 0;
    for (int r = 0; r < 3; r++) {
      double text_t = 0, geo_t = 0;
      text = 0;
      nplaces = 0;
      for (int i = 0; i < npg; i++) {
        ann_input in = {.name = "page", .bytes = pg[i], .len = len[i],
                        .kind = ANN_IN_HTML};
        ann_doc d;
        ann_arena_reset(a);
        double t1 = cpu();
        ann_pipeline_run(p, &in, a, &d);
        double t2 = cpu();
        if (!d.text) continue;
        ann_geo_resolve(g, &d);
        double t3 = cpu();
        text_t += t2 - t1;
        geo_t += t3 - t2;
        text += d.text_len;
        nplaces += (long)d.places.n;
      }
      if (text_t < bext) bext = text_t;
      if (geo_t < bgeo) bgeo = geo_t;
    }
    printf("geo alone (CPU) %.3f s for %.1f MB of text (%.1f MB/s), %ld places; "
           "extract stage %.3f s -> geo = %.1f%% of extraction\n",
           bgeo, text / 1e6, text / 1e6 / bgeo, nplaces, bext,
           100.0 * bgeo / bext);
    ann_arena_free(a);
    ann_pipeline_free(p);
  }
  ann_gazetteer_free(g);

  if (npg) {
    ann_arena *a = ann_arena_new(1 << 20, 0);
    long places = 0;
    double with = run_all(ANN_STAGE_ALL, home, pg, len, npg, 3, a, &places);
    double without = run_all(ANN_STAGE_ALL & ~ANN_STAGE_GEO, home, pg, len,
                             npg, 3, a, NULL);
    printf("stage     %d pages, %.1f MB, %ld places\n", npg, total / 1e6,
           places);
    printf("  all stages (CPU)  %.3f s\n", with);
    printf("  all but geo (CPU) %.3f s  -> geo adds %.1f%%\n", without,
           100.0 * (with - without) / without);
    ann_arena_free(a);
  }
  for (int i = 0; i < npg; i++) free(pg[i]);
  free(pg);
  free(len);
  free(sp);
  return 0;
}
