/* test_perceptron.c — the shared averaged perceptron and CoNLL-U reader:
 * a model trained here must tag its own training data as the trainer did,
 * survive a round trip through the model container, and reject corrupt
 * blobs; the reader must keep every line and refuse what it cannot read. */
#include "annalist/model.h"
#include "check.h"
#include "tag/conllu.h"
#include "tag/perceptron.h"

#include <stdlib.h>

/* A toy task: the class is the word's last letter (a, b or c), with a
 * distracting feature that carries no signal. */
static size_t feats(const char *w, int i, uint64_t *f) {
  size_t n = 0;
  f[n++] = ann_pc_hash_str(1, w);
  f[n++] = ann_pc_hash(2, w + strlen(w) - 1, 1);
  f[n++] = ann_pc_mix(ann_pc_hash_str(3, "bias"), (uint64_t)(i % 5));
  return n;
}

static void test_train(void) {
  static const char *words[] = {"xa", "yb", "zc", "qa", "rb", "sc", "ta",
                                "ub", "vc", "wa", "ab", "bc"};
  static const char *names[] = {"A", "B", "C"};
  ann_pc_trainer *t = ann_pc_trainer_new(3);
  CHECK(t != NULL);
  uint64_t f[8];
  int32_t sc[3];
  for (int ep = 0; ep < 5; ep++)
    for (int i = 0; i < 12; i++) {
      size_t n = feats(words[i], i, f);
      uint32_t gold = (uint32_t)(words[i][1] - 'a');
      ann_pc_trainer_scores(t, f, n, sc);
      uint32_t g = ann_pc_argmax(sc, 3);
      if (g != gold) {
        CHECK(ann_pc_trainer_update(t, f, n, gold, 1) == 0);
        CHECK(ann_pc_trainer_update(t, f, n, g, -1) == 0);
      }
      ann_pc_trainer_tick(t);
    }
  CHECK(ann_pc_trainer_nfeat(t) > 0);
  void *blob;
  size_t size;
  CHECK(ann_pc_trainer_build(t, names, 0, &blob, &size) == 0);
  /* build is deterministic */
  void *blob2;
  size_t size2;
  CHECK(ann_pc_trainer_build(t, names, 0, &blob2, &size2) == 0);
  CHECK(size == size2 && memcmp(blob, blob2, size) == 0);
  free(blob2);

  /* through the container and back */
  ann_model_writer *w = ann_model_writer_new(ANN_FOURCC('T', 'E', 'S', 'T'), 1);
  CHECK(ann_model_writer_add(w, "toy.pc", blob, size) == 0);
  ann_error e = {0};
  const char *path = "test_perceptron.bin";
  CHECK(ann_model_writer_save(w, path, &e) == 0);
  ann_model_writer_free(w);
  ann_model *m;
  CHECK(ann_model_open(&m, path, ANN_FOURCC('T', 'E', 'S', 'T'), 1, &e) == 0);
  ann_pc pc;
  CHECK(ann_pc_load(&pc, m, "toy.pc", &e) == 0);
  CHECK_INT(pc.nclasses, 3);
  CHECK_STR(pc.names[2], "C");
  CHECK_INT(ann_pc_class(&pc, "B"), 1);
  CHECK_INT(ann_pc_class(&pc, "D"), -1);
  static const char *unseen[] = {"ka", "lb", "mc", "a", "b", "c"};
  for (int i = 0; i < 6; i++) {
    size_t n = feats(unseen[i], i, f);
    ann_pc_scores(&pc, f, n, sc);
    const char *u = unseen[i];
    CHECK_INT(ann_pc_argmax(sc, 3), u[strlen(u) - 1] - 'a');
  }
  ann_pc p2;
  CHECK(ann_pc_load(&p2, m, "nope", &e) == ANN_EMODEL);
  CHECK(strstr(e.msg, "nope") != NULL);
  ann_pc_close(&pc);
  ann_model_free(m);
  remove(path);

  /* corrupt blobs: every truncation and a few bit flips are refused or
   * read safely, never a crash (ASan run) */
  for (size_t cut = 0; cut < size; cut += 4) {
    ann_pc q;
    if (ann_pc_open(&q, blob, cut, &e) == 0) ann_pc_close(&q);
    CHECK(1);
  }
  uint32_t *wv = blob;
  wv[2] = 3; /* cap not a power of two */
  ann_pc q;
  CHECK(ann_pc_open(&q, blob, size, &e) == ANN_EMODEL);
  free(blob);
  ann_pc_trainer_free(t);
}

/* The mean of two runs' averaged weights: a model whose scores are the
 * mean of theirs (run a: class 0 averages 3; run b: class 1 averages 1). */
static void test_mean(void) {
  static const char *names[] = {"A", "B", "C"};
  ann_pc_trainer *a = ann_pc_trainer_new(3), *b = ann_pc_trainer_new(3);
  uint64_t f = ann_pc_hash_str(1, "w");
  CHECK(ann_pc_trainer_update(a, &f, 1, 0, 4) == 0);
  for (int i = 0; i < 3; i++) ann_pc_trainer_tick(a); /* 4 - 4/4 = 3 */
  CHECK(ann_pc_trainer_update(b, &f, 1, 1, 2) == 0);
  ann_pc_trainer_tick(b); /* 2 - 2/2 = 1 */
  const ann_pc_trainer *ts[2] = {a, b};
  ann_pc_trainer *m = ann_pc_trainer_mean(ts, 2);
  CHECK(m != NULL);
  void *blob;
  size_t size;
  CHECK(ann_pc_trainer_build(m, names, 0, &blob, &size) == 0);
  ann_pc pc;
  ann_error e = {0};
  CHECK(ann_pc_open(&pc, blob, size, &e) == 0);
  int32_t sc[3];
  ann_pc_scores(&pc, &f, 1, sc);
  CHECK_INT(sc[0], 32767); /* 1.5, the largest weight */
  CHECK(sc[1] >= 10921 && sc[1] <= 10923); /* 0.5 */
  CHECK_INT(sc[2], 0);
  ann_pc_close(&pc);
  free(blob);
  /* pruning applies to the mean: 0.5 < 1 goes */
  CHECK(ann_pc_trainer_build(m, names, 1.0, &blob, &size) == 0);
  CHECK(ann_pc_open(&pc, blob, size, &e) == 0);
  ann_pc_scores(&pc, &f, 1, sc);
  CHECK(sc[0] > 0 && sc[1] == 0);
  ann_pc_close(&pc);
  free(blob);
  ann_pc_trainer_free(m);
  /* runs with different classes cannot be averaged */
  ann_pc_trainer *c = ann_pc_trainer_new(4);
  const ann_pc_trainer *bad[2] = {a, c};
  CHECK(ann_pc_trainer_mean(bad, 2) == NULL);
  CHECK(ann_pc_trainer_mean(ts, 0) == NULL);
  ann_pc_trainer_free(a);
  ann_pc_trainer_free(b);
  ann_pc_trainer_free(c);
}

/* A weight table in the old APC1 layout, written by hand: refused by name,
 * and converted by ann_pc_relayout into one that scores the same: an
 * inline single weight, a sparse block and a dense block. */
static void test_relayout(void) {
  enum { NC = 9, CAP = 8, HDR = 8 };
  uint32_t v1[HDR + 2 * CAP + 32 + 8] = {0};
  float scale = 2.0f;
  uint64_t h[3] = {ann_pc_hash_str(1, "one"), ann_pc_hash_str(1, "two"),
                   ann_pc_hash_str(1, "many")};
  uint32_t *fp = v1 + HDR, *off = fp + CAP, *ent = off + CAP, pos = 0;
  /* feature 0: class 4 weight -7; feature 1: classes 1 (+3), 8 (-2);
   * feature 2: classes 0..4 (+1 .. +5), dense in the new layout */
  static const uint32_t blocks[3][6] = {
      {1, 4u << 16 | (uint16_t)-7},
      {2, 1u << 16 | 3, 8u << 16 | (uint16_t)-2},
      {5, 0u << 16 | 1, 1u << 16 | 2, 2u << 16 | 3, 3u << 16 | 4,
       4u << 16 | 5}};
  for (int i = 0; i < 3; i++) {
    uint32_t j = (uint32_t)h[i] & (CAP - 1);
    while (fp[j]) j = (j + 1) & (CAP - 1);
    fp[j] = (uint32_t)(h[i] >> 32) | 1;
    off[j] = pos;
    memcpy(ent + pos, blocks[i], (1 + blocks[i][0]) * 4);
    pos += 1 + blocks[i][0];
  }
  char *names = (char *)(ent + pos);
  for (int c = 0; c < NC; c++) names[2 * c] = (char)('a' + c);
  v1[0] = 0x31435041u;
  v1[1] = NC;
  v1[2] = CAP;
  v1[3] = pos;
  memcpy(&v1[4], &scale, 4);
  v1[5] = 2 * NC + 2;
  v1[6] = 3;
  size_t size = (HDR + 2 * CAP + pos) * 4 + 2 * NC + 2;
  ann_pc pc;
  ann_error e = {0};
  CHECK_INT(ann_pc_open(&pc, v1, size, &e), ANN_EMODEL);
  CHECK(strstr(e.msg, "APC1") != NULL);
  void *blob;
  size_t bsize;
  CHECK_INT(ann_pc_relayout(v1, size, &blob, &bsize, &e), 0);
  CHECK_INT(ann_pc_open(&pc, blob, bsize, &e), 0);
  CHECK_STR(pc.names[8], "i");
  int32_t sc[NC];
  uint64_t f[4] = {h[0], h[1], h[2], ann_pc_hash_str(1, "unseen")};
  ann_pc_scores(&pc, f, 4, sc);
  static const int32_t want[NC] = {1, 5, 3, 4, -2, 0, 0, 0, -2};
  for (int c = 0; c < NC; c++) CHECK_INT(sc[c], want[c]);
  memset(sc, 0, sizeof sc);
  ann_pc_add(&pc, h[2], sc);
  CHECK_INT(sc[4], 5);
  CHECK_INT(sc[5], 0);
  ann_pc_close(&pc);
  /* every truncation of the new blob is refused or read safely */
  for (size_t cut = 0; cut < bsize; cut += 4) {
    ann_pc q;
    if (ann_pc_open(&q, blob, cut, &e) == 0) ann_pc_close(&q);
    CHECK(1);
  }
  /* and of the old one, for the converter */
  for (size_t cut = 0; cut < size; cut += 4) {
    void *b2;
    size_t s2;
    if (ann_pc_relayout(v1, cut, &b2, &s2, &e) == 0) free(b2);
    CHECK(1);
  }

  /* the same table in the APC2 layout (8-word header, one weight inline,
   * every other block in ent; feature 2 dense): read as it is and scored
   * the same, and converted into the very bytes converted from APC1 */
  uint32_t v2[HDR + 2 * CAP + 32 + 8] = {0};
  memcpy(v2, v1, HDR * 4);
  v2[0] = 0x32435041u;
  uint32_t *s2 = v2 + HDR, *ent2 = s2 + 2 * CAP, pos2 = 0;
  for (uint32_t j = 0; j < CAP; j++) {
    if (!fp[j]) continue;
    const uint32_t *b = ent + off[j];
    s2[2 * j] = fp[j];
    if (b[0] == 1) {
      s2[2 * j + 1] = 0x80000000u | b[1];
    } else if (b[0] == 5) { /* dense: classes 0..8 as int16 pairs */
      s2[2 * j + 1] = pos2;
      ent2[pos2] = 0x80000000u | 5;
      for (uint32_t k = 1; k <= 5; k++) {
        uint32_t c = b[k] >> 16;
        ent2[pos2 + 1 + c / 2] |= (b[k] & 0xffff) << (16 * (c & 1));
      }
      pos2 += 1 + (NC + 1) / 2;
    } else {
      s2[2 * j + 1] = pos2;
      memcpy(ent2 + pos2, b, (1 + b[0]) * 4);
      pos2 += 1 + b[0];
    }
  }
  v2[3] = pos2;
  memcpy(ent2 + pos2, names, 2 * NC + 2);
  size_t size2 = (HDR + 2 * CAP + pos2) * 4 + 2 * NC + 2;
  CHECK_INT(ann_pc_open(&pc, v2, size2, &e), 0);
  ann_pc_scores(&pc, f, 4, sc);
  for (int c = 0; c < NC; c++) CHECK_INT(sc[c], want[c]);
  ann_pc_close(&pc);
  void *blob2;
  size_t bsize2;
  CHECK_INT(ann_pc_relayout(v2, size2, &blob2, &bsize2, &e), 0);
  CHECK(bsize2 == bsize && memcmp(blob2, blob, bsize) == 0);
  free(blob2);

  /* feature 1's two weights: one in its slot, one in an empty slot of
   * the same line; a chain that loops or runs into a used slot is
   * refused, never followed */
  uint32_t *w3 = blob, *sl = w3 + 16, chained = CAP;
  for (uint32_t j = 0; j < CAP; j++)
    if (sl[2 * j] && (sl[2 * j + 1] & 0xc0000000u) == 0xc0000000u)
      chained = j;
  CHECK(chained < CAP);
  if (chained < CAP) {
    uint32_t nx = (sl[2 * chained + 1] >> 27) & 7;
    CHECK(sl[2 * nx] == 0);
    CHECK_INT((int)((sl[2 * nx + 1] >> 16) & 0x7ff), 8);
    uint32_t keep = sl[2 * nx + 1];
    sl[2 * nx + 1] = keep | 0x40000000u | nx << 27; /* to itself */
    CHECK_INT(ann_pc_open(&pc, blob, bsize, &e), ANN_EMODEL);
    CHECK(strstr(e.msg, "chain") != NULL);
    sl[2 * nx + 1] = keep | 0x40000000u | chained << 27; /* to a used slot */
    CHECK_INT(ann_pc_open(&pc, blob, bsize, &e), ANN_EMODEL);
    sl[2 * nx + 1] = keep;
    CHECK_INT(ann_pc_open(&pc, blob, bsize, &e), 0);
    ann_pc_close(&pc);
  }
  free(blob);
}

static void test_conllu(void) {
  char buf[] = "# sent_id = 1\n"
               "# text = Don't go.\n"
               "1-2\tDon't\t_\t_\t_\t_\t_\t_\t_\t_\n"
               "1\tDo\tdo\tAUX\tVB\t_\t3\taux\t_\t_\n"
               "2\tn't\tnot\tPART\tRB\t_\t3\tadvmod\t_\t_\n"
               "3\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\t_\n"
               "4\t.\n"
               "\n\n"
               "1\tHi\r\n"
               "\n"
               "1\tA\n3\tB\n";
  ann_conllu_reader r;
  ann_conllu_init(&r, buf, sizeof buf - 1, 0, "t.conllu");
  ann_arena *a = ann_arena_new(4096, 0);
  ann_conllu_sent s;
  ann_error e = {0};
  CHECK_INT(ann_conllu_next(&r, a, &s, &e), 1);
  CHECK_INT(s.nlines, 7);
  CHECK_INT(s.nwords, 4);
  CHECK_INT(s.line[0].kind, ANN_CU_COMMENT);
  CHECK_STR(s.line[1].col[0], "# text = Don't go.");
  CHECK_INT(s.line[2].kind, ANN_CU_MULTI);
  CHECK_STR(s.word[1]->col[ANN_CU_FORM], "n't");
  CHECK_STR(s.word[1]->col[ANN_CU_XPOS], "RB");
  CHECK_INT(s.word[1]->head, 3);
  CHECK_INT(s.word[2]->head, 0);
  CHECK_STR(s.word[3]->col[ANN_CU_FORM], ".");
  CHECK_STR(s.word[3]->col[ANN_CU_UPOS], "_");
  CHECK_INT(s.word[3]->head, -1);
  CHECK_INT(ann_conllu_next(&r, a, &s, &e), 1);
  CHECK_INT(s.nwords, 1);
  CHECK_STR(s.word[0]->col[ANN_CU_FORM], "Hi");
  CHECK_INT(ann_conllu_next(&r, a, &s, &e), ANN_EFORMAT);
  CHECK(strstr(e.msg, "t.conllu:13") != NULL);

  char cols[] = "-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\n rejects\tVBZ\n";
  ann_conllu_init(&r, cols, sizeof cols - 1, ANN_CONLLU_COLUMNS, "c");
  CHECK_INT(ann_conllu_next(&r, a, &s, &e), 1);
  CHECK_INT(s.nwords, 0);
  CHECK_INT(s.line[0].kind, ANN_CU_DOCSTART);
  CHECK_INT(ann_conllu_next(&r, a, &s, &e), 1);
  CHECK_INT(s.nwords, 2);
  CHECK_STR(s.word[0]->col[3], "B-ORG");
  CHECK_STR(s.word[1]->col[0], "rejects");
  CHECK_INT(ann_conllu_next(&r, a, &s, &e), 0);

  /* NUL bytes and a line over the cap */
  char nul[] = "1\ta\0b\tx\n";
  ann_conllu_init(&r, nul, sizeof nul - 1, 0, "n");
  CHECK_INT(ann_conllu_next(&r, a, &s, &e), 1);
  CHECK_STR(s.word[0]->col[1], "a");
  size_t big = (1u << 20) + 10;
  char *long_line = malloc(big);
  memset(long_line, 'x', big);
  memcpy(long_line, "1\t", 2);
  ann_conllu_init(&r, long_line, big, 0, "long");
  CHECK_INT(ann_conllu_next(&r, a, &s, &e), ANN_ELIMIT);
  free(long_line);
  ann_arena_free(a);
}

int main(void) {
  test_train();
  test_mean();
  test_relayout();
  test_conllu();
  return check_done();
}
