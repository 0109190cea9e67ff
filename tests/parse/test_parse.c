/* test_parse.c — the dependency parser: the oracle rebuilds projective
 * gold trees exactly, a model trained here parses its training sentences
 * as annotated and survives the model container, and hostile input (an
 * empty sentence, a 100,000-word one, a truncated model) is handled. */
#include "annalist/tag.h"
#include "check.h"
#include "tag/parser.h"
#include "tag/pos.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* Sentences we wrote and annotated: form|XPOS|head|deprel. */
static const char *trees[] = {
    "The|DT|2|det cat|NN|3|nsubj sat|VBD|0|root on|IN|6|case the|DT|6|det "
    "mat|NN|3|obl .|.|3|punct",
    "Police|NNS|2|nsubj arrested|VBD|0|root two|CD|4|nummod men|NNS|2|obj "
    "in|IN|6|case Warsaw|NNP|2|obl on|IN|8|case Monday|NNP|2|obl:tmod "
    ".|.|2|punct",
    "The|DT|2|det minister|NN|5|nsubj:pass was|VBD|5|aux:pass "
    "reportedly|RB|5|advmod killed|VBN|0|root by|IN|8|case "
    "the|DT|8|det rebels|NNS|5|obl:agent .|.|5|punct",
    "She|PRP|2|nsubj said|VBD|0|root that|IN|6|mark the|DT|5|det "
    "talks|NNS|6|nsubj failed|VBD|2|ccomp and|CC|8|cc ended|VBD|6|conj "
    ".|.|2|punct",
    "Russia|NNP|3|nmod:poss 's|POS|1|case president|NN|4|nsubj "
    "visited|VBD|0|root the|DT|8|det Warsaw|NNP|7|compound "
    "Pact|NNP|8|compound countries|NNS|4|obj .|.|4|punct",
    "Troops|NNS|2|nsubj fired|VBD|0|root on|IN|4|case protesters|NNS|2|obl "
    ",|,|7|punct officials|NNS|7|nsubj said|VBD|2|parataxis .|.|2|punct",
    "Hello|UH|0|root",
};
#define NTREES (sizeof trees / sizeof *trees)

static const char *labels[] = {
    "aux:pass", "case",    "cc",       "ccomp", "compound", "conj",
    "det",      "mark",    "nmod:poss", "nsubj", "nsubj:pass", "nummod",
    "obj",      "obl",     "obl:agent", "obl:tmod", "parataxis", "punct",
    "root",     "advmod"};
#define NLAB ((int)(sizeof labels / sizeof *labels))

typedef struct sent {
  ann_dep_word w[32];
  size_t n;
  char buf[512];
} sent;

static void read_tree(const char *s, sent *out) {
  snprintf(out->buf, sizeof out->buf, "%s", s);
  out->n = 0;
  for (char *tok = strtok(out->buf, " "); tok; tok = strtok(NULL, " ")) {
    ann_dep_word *w = &out->w[out->n++];
    char *f1 = strchr(tok, '|');
    *f1 = 0;
    char *f2 = strchr(f1 + 1, '|');
    *f2 = 0;
    char *f3 = strchr(f2 + 1, '|');
    *f3 = 0;
    w->form = tok;
    w->form_len = strlen(tok);
    w->xpos = f1 + 1;
    w->upos = NULL;
    w->head = atoi(f2 + 1);
    w->deprel = f3 + 1;
    /* made-up word classes (used by models with group 16 only) */
    w->cl = ANN_CL_PACK(w->form_len % 7, w->form_len % 5, w->form_len % 3, 0);
    w->has_cl = 1;
  }
}

static int label_of(const char *s) {
  for (int i = 0; i < NLAB; i++)
    if (strcmp(labels[i], s) == 0) return i;
  return -1;
}

static void test_oracle(void) {
  for (size_t t = 0; t < NTREES; t++) {
    sent s;
    read_tree(trees[t], &s);
    CHECK(ann_dep_projective(s.w, s.n));
    int32_t heads[32];
    int labs[32];
    CHECK_INT(ann_parser_oracle_parse(s.w, s.n, labels, NLAB, heads, labs),
              0);
    for (size_t i = 0; i < s.n; i++) {
      CHECK_INT(heads[i], s.w[i].head);
      CHECK_INT(labs[i], label_of(s.w[i].deprel));
    }
  }
  /* Crossing arcs: 1 <- 3 and 2 <- 4. The oracle still builds a tree with
   * one root and every word attached. */
  sent s;
  read_tree("a|DT|3|det b|NN|4|nsubj c|NN|4|obj d|VBD|0|root", &s);
  CHECK(!ann_dep_projective(s.w, s.n));
  int32_t heads[32];
  int labs[32], roots = 0;
  CHECK_INT(ann_parser_oracle_parse(s.w, s.n, labels, NLAB, heads, labs), 0);
  for (size_t i = 0; i < s.n; i++) {
    CHECK(heads[i] >= 0 && heads[i] <= (int)s.n && heads[i] != (int)i + 1);
    roots += heads[i] == 0;
  }
  CHECK_INT(roots, 1);
  /* a label the trainer does not know is an error, not a crash */
  read_tree("a|DT|0|nosuchlabel", &s);
  CHECK_INT(ann_parser_oracle_parse(s.w, s.n, labels, NLAB, heads, labs),
            ANN_EINVAL);
}

/* Every head in range, no word its own head, exactly one root, no cycle
 * (walking up from any word reaches the root; each word is walked once:
 * mark 1 = on the current path, 2 = known to reach the root). */
static int is_tree(const ann_dep_word *w, size_t n) {
  size_t roots = 0;
  for (size_t i = 0; i < n; i++) {
    if (w[i].head < 0 || (size_t)w[i].head > n || w[i].head == (int)i + 1)
      return 0;
    if (!w[i].deprel) return 0;
    roots += w[i].head == 0;
  }
  if (roots != 1) return 0;
  unsigned char *mark = calloc(n + 1, 1);
  int ok = 1;
  for (size_t i = 1; i <= n && ok; i++) {
    int h = (int)i;
    while (h != 0 && mark[h] == 0) {
      mark[h] = 1;
      h = w[h - 1].head;
    }
    if (h != 0 && mark[h] == 1) ok = 0;
    for (h = (int)i; h != 0 && mark[h] == 1; h = w[h - 1].head) mark[h] = 2;
  }
  free(mark);
  return ok;
}

static char model_path[64];

/* A new empty file under /tmp for a model; its name goes to path. */
static void temp_path(char path[64]) {
  snprintf(path, 64, "/tmp/ann_parse_XXXXXX");
  int fd = mkstemp(path);
  CHECK(fd >= 0);
  if (fd >= 0) close(fd);
}

/* Train on the trees above and write the model to path; the count of
 * mistakes in the last epoch goes to *last. */
static void train_tiny(const char *path, int *last, unsigned flags,
                       int beam) {
  ann_parser_trainer *t = ann_parser_trainer_new(labels, NLAB, 7);
  CHECK(t != NULL);
  if (!t) return;
  CHECK_INT(ann_parser_trainer_config(t, flags, beam), 0);
  sent s[NTREES];
  for (size_t i = 0; i < NTREES; i++) read_tree(trees[i], &s[i]);
  for (int ep = 0; ep < 30; ep++) {
    *last = 0;
    for (size_t i = 0; i < NTREES; i++) {
      int rc = ann_parser_train_sentence(t, s[i].w, s[i].n, ep > 0);
      CHECK(rc >= 0);
      *last += rc;
    }
  }
  ann_error e;
  CHECK_INT(ann_parser_trainer_save(t, path, 0, &e), 0);
  ann_parser_trainer_free(t);
}

static char *slurp(const char *path, long *size) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  *size = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *buf = malloc((size_t)*size + 1);
  if (fread(buf, 1, (size_t)*size, f) != (size_t)*size) *size = -1;
  fclose(f);
  return buf;
}

/* A model trained on the toy trees parses each of them back exactly. */
static void check_parses_toy_trees(const ann_parser *p, ann_arena *a) {
  for (size_t i = 0; i < NTREES; i++) {
    sent g;
    read_tree(trees[i], &g);
    ann_dep_word w[32];
    memcpy(w, g.w, sizeof w);
    for (size_t k = 0; k < g.n; k++) w[k].head = -1, w[k].deprel = NULL;
    CHECK_INT(ann_parse_words(p, a, w, g.n), 0);
    for (size_t k = 0; k < g.n; k++) {
      CHECK_INT(w[k].head, g.w[k].head);
      CHECK_STR(w[k].deprel, g.w[k].deprel);
    }
  }
}

/* "The cat sat on the mat ." as 7 tokens (spans, XPOS, no heads) for
 * the document-model entry point ann_parse_sentence; returns the text. */
static const char *cat_sentence(ann_token tok[7]) {
  static const char text[] = "The cat sat on the mat .";
  static const char *xp[] = {"DT", "NN", "VBD", "IN", "DT", "NN", "."};
  uint32_t off = 0;
  for (int k = 0; k < 7; k++) {
    memset(&tok[k], 0, sizeof tok[k]);
    tok[k].start = off;
    while (text[off] && text[off] != ' ') off++;
    tok[k].end = off++;
    tok[k].xpos = xp[k];
    tok[k].head = -1;
  }
  return text;
}

static void test_train_and_parse(void) {
  int last = -1;
  temp_path(model_path);
  train_tiny(model_path, &last, 15, 1);
  CHECK_INT(last, 0); /* the training set is learnt */

  /* Same data, same seed: the same bytes. */
  char again[64];
  temp_path(again);
  train_tiny(again, &last, 15, 1);
  long s1 = 0, s2 = 0;
  char *b1 = slurp(model_path, &s1), *b2 = slurp(again, &s2);
  CHECK(b1 && b2 && s1 > 0 && s1 == s2 && memcmp(b1, b2, (size_t)s1) == 0);
  free(b1);
  free(b2);
  remove(again);

  ann_error e;
  ann_parser *p;
  CHECK_INT(ann_parser_open(&p, model_path, &e), 0);
  if (!p) return;
  CHECK_INT(ann_parser_uses_classes(p), 0);
  ann_arena *a = ann_arena_new(4096, 0);
  check_parses_toy_trees(p, a);

  /* The document-model entry point: tokens as spans into a text. */
  ann_token tok[7];
  const char *text = cat_sentence(tok);
  CHECK_INT(ann_parse_sentence(p, text, tok, 7, a), 0);
  CHECK_INT(tok[1].head, 3);
  CHECK_STR(tok[1].deprel, "nsubj");
  CHECK_INT(tok[2].head, 0);
  CHECK_STR(tok[5].deprel, "obl");

  /* Empty sentence: nothing to do. */
  CHECK_INT(ann_parse_words(p, a, NULL, 0), 0);
  CHECK_INT(ann_parse_sentence(p, text, tok, 0, a), 0);

  /* A 100,000-word "sentence": parsed in pieces, still one tree, linear
   * memory. */
  size_t n = 100000;
  ann_dep_word *big = calloc(n, sizeof *big);
  static const char *forms[] = {"the", "cat", "sat", "on", "mat", ","};
  static const char *tags[] = {"DT", "NN", "VBD", "IN", "NN", ","};
  for (size_t k = 0; k < n; k++) {
    big[k].form = forms[k % 6];
    big[k].form_len = strlen(forms[k % 6]);
    big[k].xpos = tags[k % 6];
  }
  ann_arena_reset(a);
  CHECK_INT(ann_parse_words(p, a, big, n), 0);
  CHECK(is_tree(big, n));
  CHECK(ann_arena_used(a) < 64u * 1024 * 1024);

  /* The same through the document-model entry point: one tree, and the
   * document's arena does not grow. */
  char *btext = malloc(n * 4 + 1);
  ann_token *btok = calloc(n, sizeof *btok);
  size_t o = 0;
  for (size_t k = 0; k < n; k++) {
    btok[k].start = (uint32_t)o;
    memcpy(btext + o, big[k].form, big[k].form_len);
    o += big[k].form_len;
    btok[k].end = (uint32_t)o;
    btext[o++] = ' ';
    btok[k].xpos = big[k].xpos;
    btok[k].head = -1;
  }
  btext[o] = 0;
  size_t used = ann_arena_used(a);
  CHECK_INT(ann_parse_sentence(p, btext, btok, n, a), 0);
  CHECK_INT(ann_arena_used(a), used);
  for (size_t k = 0; k < n; k++) {
    big[k].head = btok[k].head;
    big[k].deprel = btok[k].deprel;
  }
  CHECK(is_tree(big, n));
  free(btext);
  free(btok);
  free(big);
  ann_arena_free(a);
  ann_parser_free(p);
}

/* Beam training (max-violation) and beam decoding: the training set is
 * learnt and parsed back; a long input is still one tree. */
static void test_beam(void) {
  char path[64];
  temp_path(path);
  int last = -1;
  train_tiny(path, &last, 3, 4);
  CHECK_INT(last, 0);
  ann_parser_trainer *t = ann_parser_trainer_new(labels, NLAB, 7);
  CHECK_INT(ann_parser_trainer_config(t, 64, 1), ANN_EINVAL);
  CHECK_INT(ann_parser_trainer_config(t, 0, 0), ANN_EINVAL);
  ann_parser_trainer_free(t);
  ann_error e;
  ann_parser *p;
  CHECK_INT(ann_parser_open(&p, path, &e), 0);
  remove(path);
  if (!p) return;
  CHECK_INT(ann_parser_beam(p), 4);
  ann_arena *a = ann_arena_new(4096, 0);
  check_parses_toy_trees(p, a);
  size_t n = 1000;
  ann_dep_word *big = calloc(n, sizeof *big);
  static const char *forms[] = {"the", "cat", "sat", "on", "mat", ","};
  static const char *tags[] = {"DT", "NN", "VBD", "IN", "NN", ","};
  for (size_t k = 0; k < n; k++) {
    big[k].form = forms[k % 6];
    big[k].form_len = strlen(forms[k % 6]);
    big[k].xpos = tags[k % 6];
  }
  ann_arena_reset(a);
  CHECK_INT(ann_parse_words(p, a, big, n), 0);
  CHECK(is_tree(big, n));
  ann_parser_set_beam(p, 1000);
  CHECK_INT(ann_parser_beam(p), 32);
  ann_parser_set_beam(p, 0);
  CHECK_INT(ann_parser_beam(p), 1);
  free(big);
  ann_arena_free(a);
  ann_parser_free(p);
}

static void test_bad_model(void) {
  ann_error e;
  ann_parser *p;
  CHECK_INT(ann_parser_open(&p, "/nonexistent/parser.bin", &e), ANN_EMODEL);
  CHECK(p == NULL);
  /* truncate the model trained above */
  FILE *f = fopen(model_path, "rb");
  CHECK(f != NULL);
  if (!f) return;
  fclose(f);
  long size = 0;
  char *buf = slurp(model_path, &size);
  CHECK(buf && size > 0);
  f = fopen(model_path, "wb");
  fwrite(buf, 1, (size_t)size / 2, f);
  fclose(f);
  CHECK_INT(ann_parser_open(&p, model_path, &e), ANN_EMODEL);
  CHECK(p == NULL);
  CHECK(strstr(e.msg, model_path) != NULL);
  free(buf);
  remove(model_path);
}

/* Word-class features (group 16): the training set is learnt and parsed
 * back; the model says it uses classes (group 15 ones do not: above). */
static void test_classes(void) {
  char path[64];
  temp_path(path);
  int last = -1;
  train_tiny(path, &last, 31, 1);
  CHECK_INT(last, 0);
  ann_error e;
  ann_parser *p;
  CHECK_INT(ann_parser_open(&p, path, &e), 0);
  remove(path);
  if (!p) return;
  CHECK_INT(ann_parser_uses_classes(p), 1);
  ann_arena *a = ann_arena_new(4096, 0);
  check_parses_toy_trees(p, a);
  /* without a POS model the classes are unknown: still one tree */
  ann_parser_set_pos(p, NULL);
  ann_token tok[7];
  const char *text = cat_sentence(tok);
  CHECK_INT(ann_parse_sentence(p, text, tok, 7, a), 0);
  int roots = 0;
  for (int k = 0; k < 7; k++) {
    CHECK(tok[k].head >= 0 && tok[k].head <= 7);
    roots += tok[k].head == 0;
  }
  CHECK_INT(roots, 1);
  ann_arena_free(a);
  ann_parser_free(p);
}

int main(void) {
  test_oracle();
  test_train_and_parse();
  test_classes();
  test_beam();
  test_bad_model();
  return check_done();
}
