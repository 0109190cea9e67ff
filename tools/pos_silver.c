/*
 * pos_silver — "silver" POS training data for uptraining / tri-training:
 * unlabelled English tagged by one or more POS models (the teachers), the
 * sentences on which every teacher gives the same UPOS and XPOS to every
 * token written as CoNLL-U (tools/train_pos --silver reads it).
 *
 *   pos_silver --model A.bin [--model B.bin | --model-rev R.bin ...]
 *              [--vote] [--min-len N]
 *              [--max-len N] [--every K] [--text F|DIR] [--conll F] ...
 *              OUT.conllu
 *
 * --text: raw text cut into tokens and sentences by the project's own
 * tokenizer (the units the tagger sees at run time); a DIR means every
 * regular file in it, in name order. --conll: CoNLL-2003 (first column;
 * blank lines end sentences, -DOCSTART- skipped). Sentences shorter than
 * --min-len (3) or longer than --max-len (60) tokens, or with a token that
 * holds white space, are skipped; --every K keeps every K-th sentence of
 * those (1). The teachers tag with ann_pos_tag, i.e. what the pipeline
 * runs. --vote keeps every sentence instead, each token tagged as most
 * teachers tag it (ties: the earliest teacher); --model-rev names a right-to-left model (train_pos --reverse),
 * given each sentence's words in reverse order. Deterministic: same inputs and models, same bytes. Training-time
 * only; the text written is the input's, so it stays out of the repository.
 */
#include "annalist/tag.h"
#include "annalist/tok.h"
#include "tag/ner_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAXM = 8 };
static ann_pos_model *models[MAXM];
static int nmodels, reversed[MAXM];
static size_t min_len = 3, max_len = 60, every = 1;
static int vote; /* --vote: every sentence, each token's majority tags */
static size_t n_seen, n_kept, tok_kept, n_in, sent_no;
static FILE *out;
static ann_arena *scratch;

/* Tag one sentence (tok[0..n) into text) with every teacher; write it
 * when they all agree. */
static void sentence(const char *text, const ann_token *tok, size_t n) {
  if (n < min_len || n > max_len) return;
  for (size_t i = 0; i < n; i++)
    for (uint32_t b = tok[i].start; b < tok[i].end; b++)
      if (text[b] == ' ' || text[b] == '\t' || text[b] == '\n' ||
          text[b] == '\r')
        return;
  n_in++;
  if (sent_no++ % every) return;
  n_seen++;
  ann_token *t[MAXM];
  for (int m = 0; m < nmodels; m++) {
    t[m] = ann_alloc(scratch, n * sizeof *t[m]);
    if (!t[m]) return;
    memcpy(t[m], tok, n * sizeof *tok);
    if (!reversed[m]) {
      if (ann_pos_tag(models[m], text, t[m], n, scratch) < 0) return;
      continue;
    }
    /* a right-to-left model (train_pos --reverse) tags the words in
     * reverse order, joined by spaces as its trainer did */
    size_t len = 0;
    for (size_t i = 0; i < n; i++) len += tok[i].end - tok[i].start + 1;
    char *rt = ann_alloc(scratch, len + 1);
    ann_token *r = ann_alloc(scratch, n * sizeof *r);
    if (!rt || !r) return;
    size_t p = 0;
    for (size_t i = 0; i < n; i++) {
      const ann_token *src = &tok[n - 1 - i];
      memset(&r[i], 0, sizeof r[i]);
      r[i].start = (uint32_t)p;
      memcpy(rt + p, text + src->start, src->end - src->start);
      p += src->end - src->start;
      r[i].end = (uint32_t)p;
      rt[p++] = ' ';
    }
    rt[p] = 0;
    if (ann_pos_tag(models[m], rt, r, n, scratch) < 0) return;
    for (size_t i = 0; i < n; i++) {
      t[m][i].upos = r[n - 1 - i].upos;
      t[m][i].xpos = r[n - 1 - i].xpos;
    }
  }
  if (vote)
    /* the tags most teachers gave (ties: the earliest teacher's) into t[0] */
    for (size_t i = 0; i < n; i++) {
      int best = 0, bn = 0;
      for (int m = 0; m < nmodels; m++) {
        int c = 0;
        for (int k = 0; k < nmodels; k++)
          c += !strcmp(t[m][i].upos, t[k][i].upos) &&
               !strcmp(t[m][i].xpos, t[k][i].xpos);
        if (c > bn) bn = c, best = m;
      }
      t[0][i].upos = t[best][i].upos;
      t[0][i].xpos = t[best][i].xpos;
    }
  else
    for (int m = 1; m < nmodels; m++)
      for (size_t i = 0; i < n; i++)
        if (strcmp(t[m][i].upos, t[0][i].upos) ||
            strcmp(t[m][i].xpos, t[0][i].xpos))
          return;
  for (size_t i = 0; i < n; i++)
    fprintf(out, "%zu\t%.*s\t_\t%s\t%s\t_\t_\t_\t_\t_\n", i + 1,
            (int)(tok[i].end - tok[i].start), text + tok[i].start,
            t[0][i].upos, t[0][i].xpos);
  fputc('\n', out);
  n_kept++;
  tok_kept += n;
}

/* (scratch holds one sentence's tags at a time) */
static void text_sentence(const char *text, const ann_token *tok, size_t n,
                          void *unused) {
  (void)unused;
  sentence(text, tok, n);
  ann_arena_reset(scratch);
}

static int read_text(const char *path, void *unused) {
  (void)unused;
  return ann_tokenize_file(path, text_sentence, NULL) < 0 ? -1 : 0;
}

/* CoNLL-2003 through the NER's reader (ner_conll_read), one sentence at
 * a time: its words joined by spaces. */
static int read_conll(const char *path, void *unused) {
  (void)unused;
  ner_corpus c;
  ann_error e = {0};
  if (ner_conll_read(&c, path, &e) < 0) return -1;
  size_t len = 0;
  for (size_t i = 0; i < c.ntok; i++) len += c.tok[i].len + 1;
  ann_token *tok = malloc((c.ntok ? c.ntok : 1) * sizeof *tok);
  char *text = malloc(len + 1);
  int rc = tok && text ? 0 : -1;
  for (size_t s = 0; !rc && s < c.nsent; s++) {
    size_t n = 0, tl = 0;
    for (size_t i = c.sent[s]; i < c.sent[s + 1]; i++, n++) {
      memset(&tok[n], 0, sizeof tok[n]);
      tok[n].start = (uint32_t)tl;
      memcpy(text + tl, c.tok[i].w, c.tok[i].len);
      tl += c.tok[i].len;
      tok[n].end = (uint32_t)tl;
      text[tl++] = ' ';
    }
    sentence(text, tok, n);
    ann_arena_reset(scratch);
  }
  free(tok);
  free(text);
  ner_corpus_free(&c);
  return rc;
}

int main(int argc, char **argv) {
  if (argc < 2 || !strcmp(argv[argc - 1], "--help") ||
      !strncmp(argv[argc - 1], "--", 2)) {
    fprintf(stderr, "usage: pos_silver --model M.bin [--model M2.bin ...] "
                    "[--min-len N] [--max-len N] [--every K] "
                    "[--text F|DIR] [--conll F] ... OUT.conllu\n");
    return 2;
  }
  out = fopen(argv[argc - 1], "w");
  if (!out) {
    fprintf(stderr, "pos_silver: %s: cannot write\n", argv[argc - 1]);
    return 1;
  }
  scratch = ann_arena_new(1 << 20, 0);
  int rc = 0;
  for (int i = 1; i < argc - 1; i++) {
    const char *a = argv[i], *v = i + 1 < argc - 1 ? argv[i + 1] : NULL;
    if (!v && strcmp(a, "--vote")) {
      fprintf(stderr, "pos_silver: %s needs a value\n", a);
      return 2;
    }
    i++;
    if (!strcmp(a, "--model") || !strcmp(a, "--model-rev")) {
      if (nmodels == MAXM) {
        fprintf(stderr, "pos_silver: at most %d models\n", MAXM);
        return 2;
      }
      ann_error e = {0};
      if (ann_pos_open(&models[nmodels], v, &e) < 0) {
        fprintf(stderr, "pos_silver: %s\n", e.msg);
        return 1;
      }
      reversed[nmodels++] = a[7] == '-';
    } else if (!strcmp(a, "--min-len")) min_len = (size_t)atol(v);
    else if (!strcmp(a, "--max-len")) max_len = (size_t)atol(v);
    else if (!strcmp(a, "--vote")) {
      vote = 1;
      i--; /* no value */
    } else if (!strcmp(a, "--every")) every = atol(v) > 0 ? (size_t)atol(v) : 1;
    else if (!strcmp(a, "--text") || !strcmp(a, "--conll")) {
      if (!nmodels) {
        fprintf(stderr, "pos_silver: --model before the inputs\n");
        return 2;
      }
      if (ann_each_file(v, a[2] == 't' ? read_text : read_conll, NULL) < 0) {
        fprintf(stderr, "pos_silver: %s: cannot read\n", v);
        rc = 1;
      }
    } else {
      fprintf(stderr, "pos_silver: unknown option %s\n", a);
      return 2;
    }
  }
  if (fclose(out) != 0) {
    fprintf(stderr, "pos_silver: cannot write %s\n", argv[argc - 1]);
    rc = 1;
  }
  fprintf(stderr,
          "pos_silver: %zu sentences in range, %zu tagged, %zu kept "
          "(%s %d teachers; %.1f%%), %zu tokens\n",
          n_in, n_seen, n_kept, vote ? "majority of" : "all agree,", nmodels,
          100.0 * (double)n_kept / (double)(n_seen ? n_seen : 1), tok_kept);
  for (int m = 0; m < nmodels; m++) ann_pos_free(models[m]);
  ann_arena_free(scratch);
  return rc;
}
