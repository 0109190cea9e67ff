/* test_pos.c — a POS model trained here on a CoNLL-U file we wrote must tag
 * that file as it was annotated (training and tagging share their feature
 * code, so they must agree), lemmatize it, handle huge and hostile
 * sentences, and refuse truncated model files with a clear error. */
#include "annalist/model.h"
#include "annalist/tag.h"
#include "check.h"
#include "tag/kvtab.h"
#include "tag/pos.h"

#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>

static const char *model = "test_pos_toy.bin";

static void test_train_and_tag(void) {
  ann_pos_train_opts o = {.train = ANN_TEST_DIR "/toy.conllu",
                          .dev = ANN_TEST_DIR "/toy.conllu",
                          .out = model,
                          .epochs = 30,
                          .seed = 1,
                          .lex_min = 1,
                          .no_jackknife = 1};
  ann_pos_scores sc;
  ann_error e = {0};
  CHECK_INT(ann_pos_train(&o, &sc, &e), 0);
  CHECK(sc.upos == 100.0);
  CHECK(sc.xpos == 100.0);
  CHECK(sc.lemma == 100.0);
  CHECK_INT(sc.words, 26);

  ann_pos_model *m;
  CHECK_INT(ann_pos_open(&m, model, &e), 0);
  if (!m) return;
  const char *text = "Anna saw two cats .";
  ann_token t[5] = {{.start = 0, .end = 4},   {.start = 5, .end = 8},
                    {.start = 9, .end = 12},  {.start = 13, .end = 17},
                    {.start = 18, .end = 19}};
  ann_arena *a = ann_arena_new(4096, 0);
  CHECK_INT(ann_pos_tag(m, text, t, 5, a), 0);
  CHECK_STR(t[0].upos, "PROPN");
  CHECK_STR(t[1].xpos, "VBD");
  CHECK_STR(t[1].lemma, "see");
  CHECK_STR(t[4].upos, "PUNCT");
  CHECK_STR(t[0].lemma, "Anna");

  /* 100,000 tokens in one sentence, NULs and invalid UTF-8 in words */
  size_t n = 100000;
  char *big = malloc(n * 4);
  ann_token *bt = calloc(n, sizeof *bt);
  for (size_t i = 0; i < n; i++) {
    memcpy(big + i * 4, i % 3 == 0 ? "\xff\xfe\0 " : i % 3 == 1 ? "the " : "cat ", 4);
    bt[i].start = (uint32_t)(i * 4);
    bt[i].end = (uint32_t)(i * 4 + 3);
  }
  CHECK_INT(ann_pos_tag(m, big, bt, n, a), 0);
  CHECK(bt[n - 1].upos != NULL && bt[n - 1].lemma != NULL);
  CHECK_STR(bt[1].upos, "DET");
  /* an empty sentence and a zero-length token */
  CHECK_INT(ann_pos_tag(m, big, bt, 0, a), 0);
  ann_token z = {.start = 0, .end = 0};
  CHECK_INT(ann_pos_tag(m, "", &z, 1, a), 0);
  free(big);
  free(bt);
  ann_arena_free(a);
  ann_pos_free(m);

  /* deterministic: the same training gives the same bytes */
  o.out = "test_pos_toy2.bin";
  o.dev = NULL;
  CHECK_INT(ann_pos_train(&o, &sc, &e), 0);
  FILE *f1 = fopen(model, "rb"), *f2 = fopen(o.out, "rb");
  int same = f1 && f2;
  while (same) {
    int c1 = fgetc(f1), c2 = fgetc(f2);
    if (c1 != c2) same = 0;
    if (c1 == EOF) break;
  }
  CHECK(same);
  if (f1) fclose(f1);
  if (f2) fclose(f2);
  remove(o.out);
}

/* The two-pass tagger and the tag dictionary through the same path: the
 * second pass reads the first's classes of the next words. */
static void test_two_pass(void) {
  ann_pos_train_opts o = {.train = ANN_TEST_DIR "/toy.conllu",
                          .dev = ANN_TEST_DIR "/toy.conllu",
                          .out = "test_pos_two.bin",
                          .epochs = 30,
                          .seed = 1,
                          .lex_min = 1,
                          .dict_min = 3,
                          .two_pass = 1,
                          .no_jackknife = 1};
  ann_pos_scores sc;
  ann_error e = {0};
  CHECK_INT(ann_pos_train(&o, &sc, &e), 0);
  CHECK(sc.upos >= 96.0);
  ann_pos_model *m;
  CHECK_INT(ann_pos_open(&m, o.out, &e), 0);
  if (m) {
    const char *text = "The dogs sat on the mat .";
    ann_token t[7] = {{.start = 0, .end = 3},   {.start = 4, .end = 8},
                      {.start = 9, .end = 12},  {.start = 13, .end = 15},
                      {.start = 16, .end = 19}, {.start = 20, .end = 23},
                      {.start = 24, .end = 25}};
    ann_arena *a = ann_arena_new(4096, 0);
    CHECK_INT(ann_pos_tag(m, text, t, 7, a), 0);
    CHECK_STR(t[0].xpos, "DT");
    CHECK_STR(t[1].xpos, "NNS");
    CHECK_STR(t[1].lemma, "dog");
    CHECK_STR(t[2].upos, "VERB");
    CHECK_STR(t[6].upos, "PUNCT");
    /* one word, two words: the lookahead stops at the sentence's end */
    CHECK_INT(ann_pos_tag(m, text, t, 1, a), 0);
    CHECK_INT(ann_pos_tag(m, text, t, 2, a), 0);
    ann_arena_free(a);
    ann_pos_free(m);
  }
  remove(o.out);
}

/* Every truncation of the model is refused by name, never a crash. */
static void test_truncated(void) {
  FILE *f = fopen(model, "rb");
  CHECK(f != NULL);
  if (!f) return;
  fseek(f, 0, SEEK_END);
  long size = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *buf = malloc((size_t)size);
  CHECK(fread(buf, 1, (size_t)size, f) == (size_t)size);
  fclose(f);
  const char *cut = "test_pos_cut.bin";
  long cuts[] = {0, 10, 31, 100, size / 2, size - 1};
  for (size_t i = 0; i < sizeof cuts / sizeof *cuts; i++) {
    f = fopen(cut, "wb");
    fwrite(buf, 1, (size_t)cuts[i], f);
    fclose(f);
    ann_pos_model *m;
    ann_error e = {0};
    CHECK_INT(ann_pos_open(&m, cut, &e), ANN_EMODEL);
    CHECK(m == NULL);
    CHECK(strstr(e.msg, cut) != NULL);
  }
  /* in memory, without the CRC to protect it: corrupt bytes in the
   * sections must still be caught by the bounds checks or read safely */
  for (long off = 32; off < size; off += 97) {
    char *copy = malloc((size_t)size);
    memcpy(copy, buf, (size_t)size);
    copy[off] ^= 0x5a;
    ann_pos_model *m;
    ann_error e = {0};
    if (ann_pos_open_mem(&m, copy, (size_t)size, &e) == 0) ann_pos_free(m);
    free(copy);
  }
  remove(cut);
  ann_pos_model *m;
  ann_error e = {0};
  CHECK_INT(ann_pos_open(&m, "no/such/pos.bin", &e), ANN_EMODEL);
  CHECK(strstr(e.msg, "no/such/pos.bin") != NULL);
  free(buf);
}

static void put_file(const char *path, const char *text) {
  FILE *f = fopen(path, "wb");
  CHECK(f != NULL);
  if (!f) return;
  fputs(text, f);
  fclose(f);
}

/* Word classes and WordNet parts of speech (written here, in the formats
 * of tools/build_clusters and Debian's wordnet-base) go into the model's
 * pos.clu section, packed as ann_pos_word.cl says, and the tagger sees
 * them as training did. */
static void test_clusters(void) {
  put_file("test_pos_clu.tsv", "the\t9\t3\t4\t1\n"
                               "dogs\t5\t7\t8\t2\n"
                               "cats\t2\t7\t8\t2\n"
                               "rare\t1\t1023\t1023\t63\n"
                               "sat\t3\t12\t13\t5\n");
  mkdir("test_pos_wn", 0777);
  put_file("test_pos_wn/index.noun", "  1 header line\ncat n 1\ndog n 2\n"
                                     "mat n 1\nhot_dog n 1\n");
  put_file("test_pos_wn/index.verb", "sit v 1\nbark v 1\nsee v 1\n"
                                     "dog v 1\n");
  put_file("test_pos_wn/index.adj", "loud a 1\nrare a 1\n");
  put_file("test_pos_wn/index.adv", "loudly r 1\n");
  put_file("test_pos_wn/noun.exc", "mice mouse\n");
  put_file("test_pos_wn/verb.exc", "sat sit\nsaw see\n");
  put_file("test_pos_wn/adj.exc", "worse bad\n");
  ann_pos_train_opts o = {.train = ANN_TEST_DIR "/toy.conllu",
                          .dev = ANN_TEST_DIR "/toy.conllu",
                          .out = "test_pos_clu.bin",
                          .epochs = 30,
                          .seed = 1,
                          .lex_min = 1,
                          .clusters = "test_pos_clu.tsv",
                          .wordnet = "test_pos_wn",
                          .no_jackknife = 1};
  ann_pos_scores sc;
  ann_error e = {0};
  CHECK_INT(ann_pos_train(&o, &sc, &e), 0);
  CHECK(sc.upos == 100.0);
  CHECK(sc.xpos == 100.0);
  ann_model *mf;
  CHECK_INT(ann_model_open(&mf, o.out, ANN_POS_KIND, ANN_POS_VERSION, &e), 0);
  if (mf) {
    size_t sz;
    const void *b = ann_model_section(mf, "pos.clu", &sz);
    ann_kv kv;
    CHECK(b != NULL);
    CHECK_INT(b ? ann_kv_open(&kv, b, sz, &e) : -1, 0);
    if (b) {
      ann_pos_word w, w2, w3;
      ann_pos_word_init(&w, "Dogs", 4);
      ann_pos_word_clu(&w, &kv);
      CHECK_INT(w.cl & ANN_CL_NONE, ANN_CL_PACK(7, 8, 2, 0));
      ann_pos_word_init(&w2, "cats", 4);
      ann_pos_word_clu(&w2, &kv);
      /* dogs: noun plural and verb -s; cats: noun plural only */
      CHECK(w.cl >> 26 != 0 && w2.cl >> 26 != 0 && w.cl >> 26 != w2.cl >> 26);
      ann_pos_word_init(&w3, "sat", 3);
      ann_pos_word_clu(&w3, &kv);
      CHECK_INT(w3.cl & ANN_CL_NONE, ANN_CL_PACK(12, 13, 5, 0));
      /* a rare word: no classes, but its WordNet part of speech */
      ann_pos_word_init(&w3, "rare", 4);
      ann_pos_word_clu(&w3, &kv);
      CHECK_INT(w3.cl & ANN_CL_NONE, ANN_CL_NONE);
      CHECK(w3.cl >> 26 != 0);
      /* a training word in neither: WordNet only (a verb -ing form) */
      ann_pos_word_init(&w3, "barking", 7);
      ann_pos_word_clu(&w3, &kv);
      CHECK_INT(w3.cl & ANN_CL_NONE, ANN_CL_NONE);
      CHECK(w3.cl >> 26 != 0);
      ann_pos_word_init(&w3, "zebra", 5);
      ann_pos_word_clu(&w3, &kv);
      CHECK_INT(w3.cl, ANN_CL_NONE);
    }
    ann_model_free(mf);
  }
  /* a bad cluster file is refused by name */
  put_file("test_pos_clu.tsv", "the\t9\tx\n");
  o.out = "test_pos_clu2.bin";
  CHECK_INT(ann_pos_train(&o, &sc, &e), ANN_EFORMAT);
  CHECK(strstr(e.msg, "test_pos_clu.tsv:1") != NULL);
  o.clusters = "test_pos_none.tsv";
  CHECK_INT(ann_pos_train(&o, &sc, &e), ANN_EIO);
  static const char *const wn[] = {"index.noun", "index.verb", "index.adj",
                                   "index.adv", "noun.exc", "verb.exc",
                                   "adj.exc"};
  char path[64];
  for (int i = 0; i < 7; i++) {
    snprintf(path, sizeof path, "test_pos_wn/%s", wn[i]);
    remove(path);
  }
  remove("test_pos_wn");
  remove("test_pos_clu.tsv");
  remove("test_pos_clu.bin");
  remove("test_pos_clu2.bin");
}

/* The name lists (train_pos --names): every word of every entry, lowered,
 * carries the bits of all the lists it is on; the model keeps them in
 * pos.nam, the tagger reads them (the model tags its training file as
 * annotated), and the name templates see them; a missing list is refused
 * by name. */
static void test_names(void) {
  static const char *const lists[] = {
      "first_names",   "cities",       "countries",    "regions",
      "demonyms",      "org_keywords", "org_suffixes", "loc_keywords",
      "organisations", "news_orgs",    "sports_teams", "misc",
      "person_titles"};
  char path[80];
  mkdir("test_pos_nam", 0777);
  for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) {
    snprintf(path, sizeof path, "test_pos_nam/%s.txt", lists[i]);
    put_file(path, "# a comment line\n");
  }
  put_file("test_pos_nam/first_names.txt", "# first names\nRex\n");
  put_file("test_pos_nam/cities.txt", "Mat City\n");
  put_file("test_pos_nam/org_keywords.txt", "City\r\n");
  ann_pos_train_opts o = {.train = ANN_TEST_DIR "/toy.conllu",
                          .dev = ANN_TEST_DIR "/toy.conllu",
                          .out = "test_pos_nam.bin",
                          .epochs = 30,
                          .seed = 1,
                          .lex_min = 1,
                          .names = "test_pos_nam",
                          .no_jackknife = 1};
  ann_pos_scores sc;
  ann_error e = {0};
  CHECK_INT(ann_pos_train(&o, &sc, &e), 0);
  CHECK(sc.upos == 100.0);
  ann_model *mf;
  CHECK_INT(ann_model_open(&mf, o.out, ANN_POS_KIND, ANN_POS_VERSION, &e), 0);
  if (mf) {
    size_t sz;
    const void *b = ann_model_section(mf, "pos.nam", &sz);
    ann_kv kv;
    CHECK(b != NULL);
    CHECK_INT(b ? ann_kv_open(&kv, b, sz, &e) : -1, 0);
    if (b) {
      ann_pos_word w;
      uint32_t v = 0;
      ann_pos_word_init(&w, "REX", 3);
      CHECK(ann_kv_get(&kv, w.lw, &v) && v == ANN_NB_FIRST);
      ann_pos_word_init(&w, "city", 4);
      CHECK(ann_kv_get(&kv, w.lw, &v) && v == (ANN_NB_PLACE | ANN_NB_KEYWORD));
      ann_pos_word_init(&w, "mat", 3);
      CHECK(ann_kv_get(&kv, w.lw, &v) && v == ANN_NB_PLACE);
      ann_pos_word_init(&w, "dogs", 4);
      CHECK(!ann_kv_get(&kv, w.lw, &v));
      ann_pos_word_init(&w, "#", 1);
      CHECK(!ann_kv_get(&kv, w.lw, &v));
    }
    ann_model_free(mf);
  }
  /* the templates: four more with the lists, and they see the bits */
  ann_pos_word a, b2;
  ann_pos_word_init(&a, "Rex", 3);
  ann_pos_word_init(&b2, "Rex", 3);
  b2.nb = ANN_NB_FIRST;
  const ann_pos_word *ca[5] = {&ann_pos_pad_start, &ann_pos_pad_start, &a,
                               &ann_pos_pad_end, &ann_pos_pad_end};
  const ann_pos_word *cb[5] = {&ann_pos_pad_start, &ann_pos_pad_start, &b2,
                               &ann_pos_pad_end, &ann_pos_pad_end};
  uint64_t fa[ANN_POS_MAXF], fb[ANN_POS_MAXF];
  size_t n0 = ann_pos_features(ca, 0, 0, 0, NULL, fa);
  size_t na = ann_pos_features(ca, 0, 0, ANN_PS_NAM, NULL, fa);
  size_t nb = ann_pos_features(cb, 0, 0, ANN_PS_NAM, NULL, fb);
  CHECK_INT((int)na, (int)n0 + 4);
  CHECK_INT((int)nb, (int)na);
  CHECK(na == nb && fa[n0] != fb[n0]);
  /* a list missing from the directory */
  remove("test_pos_nam/misc.txt");
  o.out = "test_pos_nam2.bin";
  CHECK_INT(ann_pos_train(&o, &sc, &e), ANN_EIO);
  CHECK(strstr(e.msg, "test_pos_nam/misc.txt") != NULL);
  for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) {
    snprintf(path, sizeof path, "test_pos_nam/%s.txt", lists[i]);
    remove(path);
  }
  remove("test_pos_nam");
  remove("test_pos_nam.bin");
  remove("test_pos_nam2.bin");
}

/* Silver sentences (tools/pos_silver) are trained on with the gold ones
 * (a word only they have is learnt), but the lexicon stays gold-only; a
 * right-to-left model scores its own (reversed) dev; two-pass + silver is
 * refused. */
static void test_silver(void) {
  const char *sil = "test_pos_silver.conllu";
  FILE *f = fopen(sil, "w");
  CHECK(f != NULL);
  if (!f) return;
  for (int r = 0; r < 3; r++)
    fputs("1\tBob\t_\tPROPN\tNNP\t_\t_\t_\t_\t_\n"
          "2\tfed\t_\tVERB\tVBD\t_\t_\t_\t_\t_\n"
          "3\tthree\t_\tNUM\tCD\t_\t_\t_\t_\t_\n"
          "4\tbirds\t_\tNOUN\tNNS\t_\t_\t_\t_\t_\n"
          "5\t.\t_\tPUNCT\t.\t_\t_\t_\t_\t_\n\n", f);
  fclose(f);
  ann_pos_train_opts o = {.train = ANN_TEST_DIR "/toy.conllu",
                          .dev = ANN_TEST_DIR "/toy.conllu",
                          .out = "test_pos_silver.bin",
                          .epochs = 30,
                          .seed = 1,
                          .lex_min = 1,
                          .silver = sil,
                          .gold_repeat = 2,
                          .no_jackknife = 1};
  ann_pos_scores sc;
  ann_error e = {0};
  CHECK_INT(ann_pos_train(&o, &sc, &e), 0);
  CHECK(sc.upos == 100.0);
  CHECK(sc.lemma == 100.0);
  ann_pos_model *m;
  CHECK_INT(ann_pos_open(&m, o.out, &e), 0);
  if (m) {
    const char *text = "Bob fed three birds .";
    ann_token t[5] = {{.start = 0, .end = 3},   {.start = 4, .end = 7},
                      {.start = 8, .end = 13},  {.start = 14, .end = 19},
                      {.start = 20, .end = 21}};
    ann_arena *a = ann_arena_new(4096, 0);
    CHECK_INT(ann_pos_tag(m, text, t, 5, a), 0);
    CHECK_STR(t[0].xpos, "NNP");
    CHECK_STR(t[1].xpos, "VBD");
    CHECK_STR(t[3].xpos, "NNS");
    ann_arena_free(a);
    ann_pos_free(m);
  }
  /* the lexicon has the gold words only */
  ann_model *file;
  CHECK_INT(ann_model_open(&file, o.out, ANN_POS_KIND, ANN_POS_VERSION, &e),
            0);
  if (file) {
    size_t lsize = 0;
    const void *lex = ann_model_section(file, "pos.lex", &lsize);
    ann_kv kv;
    CHECK(lex != NULL);
    if (lex && ann_kv_open(&kv, lex, lsize, &e) == 0) {
      ann_pos_word w;
      uint32_t v;
      ann_pos_word_init(&w, "birds", 5);
      CHECK(!ann_kv_get(&kv, w.lw, &v));
      ann_pos_word_init(&w, "dogs", 4);
      CHECK(ann_kv_get(&kv, w.lw, &v));
    }
    ann_model_free(file);
  }
  /* --silver-lex: the silver words the gold lexicon lacks enter it */
  o.silver = NULL;
  o.silver_lex = sil;
  CHECK_INT(ann_pos_train(&o, &sc, &e), 0);
  CHECK(sc.upos == 100.0);
  CHECK_INT(ann_model_open(&file, o.out, ANN_POS_KIND, ANN_POS_VERSION, &e),
            0);
  if (file) {
    size_t lsize = 0;
    const void *lex = ann_model_section(file, "pos.lex", &lsize);
    ann_kv kv;
    if (lex && ann_kv_open(&kv, lex, lsize, &e) == 0) {
      ann_pos_word w;
      uint32_t v1, v2;
      ann_pos_word_init(&w, "birds", 5);
      CHECK(ann_kv_get(&kv, w.lw, &v1));
      ann_pos_word_init(&w, "dogs", 4);
      CHECK(ann_kv_get(&kv, w.lw, &v2));
      CHECK(v1 != v2); /* a silver set has an id of its own */
    } else
      CHECK(0);
    ann_model_free(file);
  }
  o.silver_lex = NULL;
  /* right to left */
  o.silver = NULL;
  o.reverse = 1;
  CHECK_INT(ann_pos_train(&o, &sc, &e), 0);
  CHECK(sc.upos == 100.0);
  o.reverse = 0;
  /* not with the two-pass tagger */
  o.silver = sil;
  o.two_pass = 1;
  CHECK_INT(ann_pos_train(&o, &sc, &e), ANN_EINVAL);
  CHECK(strstr(e.msg, "two-pass") != NULL);
  remove(o.out);
  remove(sil);
}

int main(void) {
  test_train_and_tag();
  test_clusters();
  test_names();
  test_two_pass();
  test_silver();
  test_truncated();
  remove(model);
  return check_done();
}
