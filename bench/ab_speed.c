/*
 * ab_speed — in-process A/B timing of two versions of the scoring code
 * (built by bench/ab_speed.sh, which links both versions into this
 * program under A_ and B_ names and a dispatcher that calls one or the
 * other as ann_pc_variant says).
 *
 *   ab_speed CONLLU MODE PASSES
 *
 * MODE 0: parse only (the file's tags), 1: POS only, 2: the pipeline
 * extract + tokens + POS + NER on the `# text` lines (documents of 20
 * lines), 3: the same + parse. Chunks of work (40 sentences, or one
 * document) alternate between the versions, A then B in one pass, B then
 * A in the next, so both see the same neighbours' load at a few
 * milliseconds' distance: on a shared machine this resolves differences of
 * ~1% where separate runs of two binaries swing by +-10%. Prints the
 * words (tokens) per CPU second of each and B/A.
 *
 * With AB_HOME_B=DIR in the environment, B reads its models from
 * DIR/models (the pipeline: DIR as its home), and with AB_HOME_A=DIR A
 * does (else both from ./models): the same code with two layouts of the
 * same model, or two versions each with its own.
 */
#include "ewt_corpus.h"

#include "annalist/pipeline.h"
#include "annalist/tag.h"
#include "tag/conllu.h"
#include "tag/parser.h"
#include "tag/pos.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

extern int ann_pc_variant;

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  if (argc < 4) {
    fprintf(stderr, "usage: ab_speed CONLLU MODE PASSES\n");
    return 2;
  }
  int mode = atoi(argv[2]), passes = atoi(argv[3]);
  const char *home_b = getenv("AB_HOME_B"), *home_a = getenv("AB_HOME_A");
  if (home_b && !*home_b) home_b = NULL;
  if (home_a && !*home_a) home_a = NULL;
  ewt_corpus c;
  if (ewt_corpus_read(&c, argv[1], "ab_speed")) return 1;
  ann_arena *a = ann_arena_new(1 << 20, 0);
  ann_error e = {0};
  double tot[2] = {0, 0};
  size_t units = 0;
  if (mode >= 2) {
    ann_options o = {0};
    o.stages = ANN_STAGE_EXTRACT | ANN_STAGE_TOKENS | ANN_STAGE_POS |
               ANN_STAGE_NER | (mode == 3 ? ANN_STAGE_PARSE : 0);
    ann_pipeline *pl, *plb = NULL;
    o.home = home_a;
    if (ann_pipeline_open(&pl, &o, &e) < 0) {
      fprintf(stderr, "ab_speed: %s\n", e.msg);
      return 1;
    }
    if (home_a || home_b) {
      o.home = home_b;
      if (ann_pipeline_open(&plb, &o, &e) < 0) {
        fprintf(stderr, "ab_speed: %s\n", e.msg);
        return 1;
      }
    }
    for (int ps = 0; ps < 2 * passes + 2; ps++)
      for (size_t i = 0; i < c.ndocs; i++) {
        int v = (int)((i + (size_t)ps) & 1);
        ann_pc_variant = v;
        ann_doc d;
        ann_arena_reset(a);
        double t0 = now();
        ann_pipeline_run(v && plb ? plb : pl, &c.docs[i], a, &d);
        double dt = now() - t0;
        if (ps < 2) continue; /* warm-up */
        tot[v] += dt;
        if (v == 0) units += d.tokens.n;
      }
    ann_pipeline_free(pl);
    ann_pipeline_free(plb);
  } else {
    ann_parser *p, *pb;
    ann_pos_model *pm, *pmb;
    char pp[4096], ppos[4096];
    char pa[4096], pposa[4096];
    snprintf(pp, sizeof pp, "%s/models/parser.bin", home_b ? home_b : ".");
    snprintf(ppos, sizeof ppos, "%s/models/pos.bin", home_b ? home_b : ".");
    snprintf(pa, sizeof pa, "%s/models/parser.bin", home_a ? home_a : ".");
    snprintf(pposa, sizeof pposa, "%s/models/pos.bin", home_a ? home_a : ".");
    if (ann_parser_open(&p, pa, &e) < 0 || ann_pos_open(&pm, pposa, &e) < 0 ||
        ann_parser_open(&pb, pp, &e) < 0 || ann_pos_open(&pmb, ppos, &e) < 0) {
      fprintf(stderr, "ab_speed: %s\n", e.msg);
      return 1;
    }
    for (int ps = 0; ps < 2 * passes + 2; ps++)
      for (size_t c0 = 0, k = 0; c0 < c.ns; c0 += 40, k++) {
        int v = (int)((k + (size_t)ps) & 1);
        ann_pc_variant = v;
        double t0 = now();
        for (size_t i = c0; i < c.ns && i < c0 + 40; i++) {
          ann_arena_reset(a);
          if (mode == 0)
            ann_parse_words(v ? pb : p, a, c.s[i].w, c.s[i].n);
          else
            ann_pos_tag(v ? pmb : pm, c.s[i].text, c.s[i].tok, c.s[i].n, a);
        }
        if (ps >= 2) tot[v] += now() - t0;
      }
    units = c.words * (size_t)passes;
    ann_parser_free(p);
    ann_pos_free(pm);
    ann_parser_free(pb);
    ann_pos_free(pmb);
  }
  static const char *const names[] = {"parse only", "pos only",
                                      "tokens+pos+ner", "tokens+pos+ner+parse"};
  printf("%-21s A %8.0f  B %8.0f  per CPU second  B/A %.3f\n",
         names[mode < 0 || mode > 3 ? 0 : mode], (double)units / tot[0],
         (double)units / tot[1], tot[0] / tot[1]);
  return 0;
}
