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

typedef struct sent {
  ann_dep_word *w;
  size_t n;
  char *text;    /* the words joined by spaces */
  ann_token *tok;
} sent;

int main(int argc, char **argv) {
  const char *path = argc > 1 ? argv[1]
                              : "../shared/data/ud-ewt/en_ewt-ud-dev.conllu";
  const char *models = argc > 2 ? argv[2] : "models";
  double secs = argc > 3 ? atof(argv[3]) : 3.0;
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "bench_parse: cannot read %s\n", path);
    return 1;
  }
  fseek(f, 0, SEEK_END);
  size_t len = (size_t)ftell(f);
  fseek(f, 0, SEEK_SET);
  char *buf = malloc(len + 1);
  if (fread(buf, 1, len, f) != len) return 1;
  fclose(f);
  buf[len] = 0;

  ann_arena *ca = ann_arena_new(1 << 20, 0);
  ann_conllu_reader r;
  ann_conllu_init(&r, buf, len, 0, path);
  ann_conllu_sent cs;
  ann_error e;
  sent *ss = NULL;
  size_t ns = 0, cap = 0, words = 0;
  char *raw = malloc(len + 1); /* the `# text` lines, as paragraphs */
  size_t rawlen = 0;
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
    size_t tl = 0;
    for (size_t i = 0; i < s->n; i++) tl += strlen(cs.word[i]->col[1]) + 1;
    s->text = ann_alloc(ca, tl + 1);
    size_t o = 0;
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
  char mpath[4096];
  snprintf(mpath, sizeof mpath, "%s/parser.bin", models);
  ann_parser *p;
  if (ann_parser_open(&p, mpath, &e) < 0) {
    fprintf(stderr, "bench_parse: %s\n", e.msg);
    return 1;
  }
  printf("corpus %s: %zu sentences, %zu words\n", path, ns, words);

  /* 1. parse alone */
  ann_arena *a = ann_arena_new(1 << 20, 0);
  size_t done = 0;
  double t0 = now(), t;
  do {
    for (size_t i = 0; i < ns; i++) {
      ann_arena_reset(a);
      ann_parse_words(p, a, ss[i].w, ss[i].n);
    }
    done += words;
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
        for (size_t i = 0; i < ns; i++) {
          ann_arena_reset(a);
          ann_pos_tag(pm, ss[i].text, ss[i].tok, ss[i].n, a);
        }
        done += words;
      } while ((t = now() - t0) < secs);
      double pos_only = (double)done / t;
      done = 0;
      t0 = now();
      do {
        for (size_t i = 0; i < ns; i++) {
          ann_arena_reset(a);
          ann_pos_tag(pm, ss[i].text, ss[i].tok, ss[i].n, a);
          ann_parse_sentence(p, ss[i].text, ss[i].tok, ss[i].n, a);
        }
        done += words;
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
    /* documents of 20 lines each */
    size_t nd = 0, dcap = 0;
    ann_input *docs = NULL;
    size_t start = 0, lines = 0;
    for (size_t i = 0; i < rawlen; i++) {
      if (raw[i] != '\n') continue;
      if (++lines % 20 != 0 && i + 1 < rawlen) continue;
      if (nd == dcap) {
        dcap = dcap ? dcap * 2 : 64;
        docs = realloc(docs, dcap * sizeof *docs);
      }
      memset(&docs[nd], 0, sizeof docs[nd]);
      docs[nd].name = "ewt";
      docs[nd].kind = ANN_IN_TEXT;
      docs[nd].bytes = (const unsigned char *)raw + start;
      docs[nd].len = i + 1 - start;
      nd++;
      start = i + 1;
    }
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
        for (size_t i = 0; i < nd; i++) {
          ann_doc d;
          ann_arena_reset(da);
          ann_pipeline_run(pl, &docs[i], da, &d);
          toks += d.tokens.n;
        }
      } while ((t = now() - t0) < secs);
      printf("%s%9.0f tokens/s\n", names[k], (double)toks / t);
      ann_arena_free(da);
      ann_pipeline_free(pl);
    }
    free(docs);
  }
  ann_arena_free(a);
  ann_arena_free(ca);
  ann_parser_free(p);
  free(raw);
  free(buf);
  return 0;
}
