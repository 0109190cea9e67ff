/*
 * train_pos — train the POS tagger and lemmatizer on a CoNLL-U treebank and
 * print its dev scores (the work is in src/tag/pos_train.c).
 *
 *   train_pos [--epochs N] [--prune X] [--seed S] [--dict-min N] [--two-pass]
 *             [--ensemble K] [--silver SILVER.conllu [--gold-repeat N]]
 *             [--silver-lex TAGGED.conllu [--silver-lex-min N]] [--reverse]
 *             [--clusters FILE.tsv [--wordnet DIR]] [--names DIR] [--verbose]
 *             TRAIN.conllu DEV.conllu OUT.bin
 */
#include "tag/pos.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void log_line(void *ctx, const char *msg) {
  fprintf(stderr, "train_pos: %s\n", msg);
}

int main(int argc, char **argv) {
  ann_pos_train_opts o = {.epochs = 7, .prune = 1.0, .seed = 1,
                          .log = log_line};
  int i = 1;
  for (; i < argc && !strncmp(argv[i], "--", 2); i++) {
    if (!strcmp(argv[i], "--epochs") && i + 1 < argc) o.epochs = atoi(argv[++i]);
    else if (!strcmp(argv[i], "--prune") && i + 1 < argc)
      o.prune = atof(argv[++i]);
    else if (!strcmp(argv[i], "--seed") && i + 1 < argc)
      o.seed = strtoull(argv[++i], NULL, 10);
    else if (!strcmp(argv[i], "--lex-min") && i + 1 < argc)
      o.lex_min = atoi(argv[++i]);
    else if (!strcmp(argv[i], "--ensemble") && i + 1 < argc)
      o.ensemble = atoi(argv[++i]);
    else if (!strcmp(argv[i], "--verbose")) o.verbose = 1;
    else if (!strcmp(argv[i], "--two-pass")) o.two_pass = 1;
    else if (!strcmp(argv[i], "--reverse")) o.reverse = 1;
    else if (!strcmp(argv[i], "--names") && i + 1 < argc)
      o.names = argv[++i];
    else if (!strcmp(argv[i], "--clusters") && i + 1 < argc)
      o.clusters = argv[++i];
    else if (!strcmp(argv[i], "--wordnet") && i + 1 < argc)
      o.wordnet = argv[++i];
    else if (!strcmp(argv[i], "--silver") && i + 1 < argc)
      o.silver = argv[++i];
    else if (!strcmp(argv[i], "--silver-lex") && i + 1 < argc)
      o.silver_lex = argv[++i];
    else if (!strcmp(argv[i], "--silver-lex-min") && i + 1 < argc)
      o.silver_lex_min = atoi(argv[++i]);
    else if (!strcmp(argv[i], "--gold-repeat") && i + 1 < argc)
      o.gold_repeat = atoi(argv[++i]);
    else if (!strcmp(argv[i], "--dict-min") && i + 1 < argc)
      o.dict_min = atoi(argv[++i]);
    else {
      fprintf(stderr, "train_pos: unknown option %s\n", argv[i]);
      return 2;
    }
  }
  if (argc - i != 3) {
    fprintf(stderr, "usage: train_pos [--epochs N] [--prune X] [--seed S] "
                    "[--verbose] TRAIN.conllu DEV.conllu OUT.bin\n");
    return 2;
  }
  o.train = argv[i];
  o.dev = argv[i + 1];
  o.out = argv[i + 2];
  ann_pos_scores sc;
  ann_error e = {0};
  if (ann_pos_train(&o, &sc, &e) < 0) {
    fprintf(stderr, "train_pos: %s\n", e.msg);
    return 1;
  }
  printf("pos: dev (gold tokens) UPOS %.2f%%  XPOS %.2f%%  UPOS+XPOS %.2f%%  "
         "lemma %.2f%%  (%zu words; %s %zu bytes)\n",
         sc.upos, sc.xpos, sc.both, sc.lemma, sc.words, o.out,
         sc.model_bytes);
  return 0;
}
