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
 */
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

typedef struct sent {
  ann_dep_word *w;
  ann_token *tok;
  char *text;
  size_t n;
} sent;

int main(int argc, char **argv) {
  if (argc < 4) {
    fprintf(stderr, "usage: ab_speed CONLLU MODE PASSES\n");
    return 2;
  }
  int mode = atoi(argv[2]), passes = atoi(argv[3]);
  FILE *f = fopen(argv[1], "rb");
  if (!f) {
    fprintf(stderr, "ab_speed: cannot read %s\n", argv[1]);
    return 1;
  }
  fseek(f, 0, SEEK_END);
  size_t len = (size_t)ftell(f);
  fseek(f, 0, SEEK_SET);
  char *buf = malloc(len + 1), *raw = malloc(len + 1);
  if (!buf || !raw || fread(buf, 1, len, f) != len) return 1;
  fclose(f);
  buf[len] = 0;
  ann_arena *ca = ann_arena_new(1 << 20, 0), *a = ann_arena_new(1 << 20, 0);
  ann_conllu_reader r;
  ann_conllu_init(&r, buf, len, 0, argv[1]);
  ann_conllu_sent cs;
  ann_error e = {0};
  sent *ss = NULL;
  size_t ns = 0, cap = 0, words = 0, rawlen = 0;
  while (ann_conllu_next(&r, ca, &cs, &e) > 0) {
    if (!cs.nwords) continue;
    for (size_t i = 0; i < cs.nlines; i++) {
      const char *c = cs.line[i].col[0];
      if (cs.line[i].kind == ANN_CU_COMMENT && !strncmp(c, "# text = ", 9)) {
        size_t l = strlen(c + 9);
        memcpy(raw + rawlen, c + 9, l);
        rawlen += l;
        raw[rawlen++] = '\n';
      }
    }
    if (ns == cap) {
      cap = cap ? cap * 2 : 1024;
      ss = realloc(ss, cap * sizeof *ss);
    }
    sent *s = &ss[ns++];
    s->n = cs.nwords;
    s->w = ann_calloc(ca, s->n * sizeof *s->w);
    s->tok = ann_calloc(ca, s->n * sizeof *s->tok);
    size_t tl = 1, o = 0;
    for (size_t i = 0; i < s->n; i++) tl += strlen(cs.word[i]->col[1]) + 1;
    s->text = ann_alloc(ca, tl);
    for (size_t i = 0; i < s->n; i++) {
      ann_conllu_line *l = cs.word[i];
      size_t fl = strlen(l->col[ANN_CU_FORM]);
      memcpy(s->text + o, l->col[ANN_CU_FORM], fl);
      s->w[i].form = s->text + o;
      s->w[i].form_len = fl;
      s->w[i].upos = l->col[ANN_CU_UPOS];
      s->w[i].xpos = l->col[ANN_CU_XPOS];
      s->tok[i].start = (uint32_t)o;
      s->tok[i].end = (uint32_t)(o + fl);
      o += fl;
      s->text[o++] = ' ';
    }
    s->text[o] = 0;
    words += s->n;
  }
  double tot[2] = {0, 0};
  size_t units = 0;
  if (mode >= 2) {
    ann_input *docs = calloc(ns + 1, sizeof *docs);
    size_t nd = 0, start = 0, lines = 0;
    for (size_t i = 0; i < rawlen; i++) {
      if (raw[i] != '\n') continue;
      if (++lines % 20 != 0 && i + 1 < rawlen) continue;
      docs[nd].name = "ewt";
      docs[nd].kind = ANN_IN_TEXT;
      docs[nd].bytes = (const unsigned char *)raw + start;
      docs[nd].len = i + 1 - start;
      nd++;
      start = i + 1;
    }
    ann_options o = {0};
    o.stages = ANN_STAGE_EXTRACT | ANN_STAGE_TOKENS | ANN_STAGE_POS |
               ANN_STAGE_NER | (mode == 3 ? ANN_STAGE_PARSE : 0);
    ann_pipeline *pl;
    if (ann_pipeline_open(&pl, &o, &e) < 0) {
      fprintf(stderr, "ab_speed: %s\n", e.msg);
      return 1;
    }
    for (int ps = 0; ps < 2 * passes + 2; ps++)
      for (size_t i = 0; i < nd; i++) {
        int v = (int)((i + (size_t)ps) & 1);
        ann_pc_variant = v;
        ann_doc d;
        ann_arena_reset(a);
        double t0 = now();
        ann_pipeline_run(pl, &docs[i], a, &d);
        double dt = now() - t0;
        if (ps < 2) continue; /* warm-up */
        tot[v] += dt;
        if (v == 0) units += d.tokens.n;
      }
    ann_pipeline_free(pl);
    free(docs);
  } else {
    ann_parser *p;
    ann_pos_model *pm;
    if (ann_parser_open(&p, "models/parser.bin", &e) < 0 ||
        ann_pos_open(&pm, "models/pos.bin", &e) < 0) {
      fprintf(stderr, "ab_speed: %s\n", e.msg);
      return 1;
    }
    for (int ps = 0; ps < 2 * passes + 2; ps++)
      for (size_t c0 = 0, c = 0; c0 < ns; c0 += 40, c++) {
        int v = (int)((c + (size_t)ps) & 1);
        ann_pc_variant = v;
        double t0 = now();
        for (size_t i = c0; i < ns && i < c0 + 40; i++) {
          ann_arena_reset(a);
          if (mode == 0)
            ann_parse_words(p, a, ss[i].w, ss[i].n);
          else
            ann_pos_tag(pm, ss[i].text, ss[i].tok, ss[i].n, a);
        }
        if (ps >= 2) tot[v] += now() - t0;
      }
    units = words * (size_t)passes;
    ann_parser_free(p);
    ann_pos_free(pm);
  }
  static const char *const names[] = {"parse only", "pos only",
                                      "tokens+pos+ner", "tokens+pos+ner+parse"};
  printf("%-21s A %8.0f  B %8.0f  per CPU second  B/A %.3f\n",
         names[mode < 0 || mode > 3 ? 0 : mode], (double)units / tot[0],
         (double)units / tot[1], tot[0] / tot[1]);
  return 0;
}
