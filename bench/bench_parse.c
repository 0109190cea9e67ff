/*
 * bench_parse — speed of the dependency parser on one core.
 *
 *   bench_parse [file.conllu] [models-dir] [seconds]
 *
 * Defaults: the EWT dev set in ../shared/data, models/ of the current
 * directory, 3 CPU seconds per measurement. Prints words/s for
 *   1. parsing alone (tags from the file),
 *   2. POS tagging + parsing of the same words (ann_pos_tag + ann_parse_*),
 *   3. the pipeline on the raw text (`# text` lines, 20 sentences to a
 *      document): extract + tokens + pos, then with parse added.
 * Parts whose stages are not linked in are skipped.
 */
#include "ewt_corpus.h"

#include "annalist/pipeline.h"
#include "annalist/tag.h"
#include "tag/conllu.h"
#include "tag/parser.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#pragma weak ann_pos_open
#pragma weak ann_pos_tag

/* CPU time of this (single-threaded) process: on a machine shared with
 * other jobs, time spent waiting for the core is not counted. Cache
 * pollution by the neighbours still is. */
static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  const char *path = argc > 1 ? argv[1]
                              : "../shared/data/ud-ewt/en_ewt-ud-dev.conllu";
  const char *models = argc > 2 ? argv[2] : "models";
  double secs = argc > 3 ? atof(argv[3]) : 3.0;
  ewt_corpus c;
  if (ewt_corpus_read(&c, path, "bench_parse")) return 1;
  ann_error e = {0};
  char mpath[4096];
  snprintf(mpath, sizeof mpath, "%s/parser.bin", models);
  ann_parser *p;
  if (ann_parser_open(&p, mpath, &e) < 0) {
    fprintf(stderr, "bench_parse: %s\n", e.msg);
    return 1;
  }
  printf("corpus %s: %zu sentences, %zu words\n", path, c.ns, c.words);

  /* 1. parse alone */
  ann_arena *a = ann_arena_new(1 << 20, 0);
  size_t done = 0;
  double t0 = now(), t;
  do {
    for (size_t i = 0; i < c.ns; i++) {
      ann_arena_reset(a);
      ann_parse_words(p, a, c.s[i].w, c.s[i].n);
    }
    done += c.words;
  } while ((t = now() - t0) < secs);
  printf("parse only (file tags):      %9.0f words/s\n", (double)done / t);

  /* 2. POS + parse */
  if (ann_pos_open) {
    ann_pos_model *pm;
    snprintf(mpath, sizeof mpath, "%s/pos.bin", models);
    if (ann_pos_open(&pm, mpath, &e) == 0) {
      ann_parser_set_pos(p, pm); /* word classes, as the parse stage */
      done = 0;
      t0 = now();
      do {
        for (size_t i = 0; i < c.ns; i++) {
          ann_arena_reset(a);
          ann_pos_tag(pm, c.s[i].text, c.s[i].tok, c.s[i].n, a);
        }
        done += c.words;
      } while ((t = now() - t0) < secs);
      double pos_only = (double)done / t;
      done = 0;
      t0 = now();
      do {
        for (size_t i = 0; i < c.ns; i++) {
          ann_arena_reset(a);
          ann_pos_tag(pm, c.s[i].text, c.s[i].tok, c.s[i].n, a);
          ann_parse_sentence(p, c.s[i].text, c.s[i].tok, c.s[i].n, a);
        }
        done += c.words;
      } while ((t = now() - t0) < secs);
      printf("pos only:                    %9.0f words/s\n", pos_only);
      printf("pos + parse:                 %9.0f words/s\n", (double)done / t);
    } else {
      printf("pos + parse: skipped (%s)\n", e.msg);
    }
  }

  /* 3. the pipeline on raw text */
  if (ann_stages[1] && ann_stages[2]) {
    unsigned sets[2] = {ANN_STAGE_EXTRACT | ANN_STAGE_TOKENS | ANN_STAGE_POS,
                        ANN_STAGE_EXTRACT | ANN_STAGE_TOKENS | ANN_STAGE_POS |
                            ANN_STAGE_PARSE};
    const char *names[2] = {"pipeline tokens+pos:        ",
                            "pipeline tokens+pos+parse:  "};
    for (int k = 0; k < 2; k++) {
      ann_options o = {0};
      o.stages = sets[k];
      char home[4096];
      snprintf(home, sizeof home, "%s/..", models);
      o.home = home;
      ann_pipeline *pl;
      if (ann_pipeline_open(&pl, &o, &e) < 0) {
        printf("%s skipped (%s)\n", names[k], e.msg);
        continue;
      }
      ann_arena *da = ann_arena_new(1 << 20, 0);
      size_t toks = 0;
      t0 = now();
      do {
        for (size_t i = 0; i < c.ndocs; i++) {
          ann_doc d;
          ann_arena_reset(da);
          ann_pipeline_run(pl, &c.docs[i], da, &d);
          toks += d.tokens.n;
        }
      } while ((t = now() - t0) < secs);
      printf("%s%9.0f tokens/s\n", names[k], (double)toks / t);
      ann_arena_free(da);
      ann_pipeline_free(pl);
    }
  }
  ann_arena_free(a);
  ann_arena_free(c.arena);
  ann_parser_free(p);
  free(c.docs);
  free(c.s);
  free(c.raw);
  free(c.buf);
  return 0;
}
