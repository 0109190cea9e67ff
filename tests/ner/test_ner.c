/* test_ner.c — BILOU labels, the CoNLL reader, a tiny model trained here,
 * the document-level pass, the model file and bad input. Needs nothing
 * outside this directory. */
#include "annalist/arena.h"
#include "annalist/model.h"
#include "annalist/tag.h"
#include "check.h"
#include "tag/ner_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static int valid_seq(const uint8_t *lab, size_t n) {
  int prev = 0;
  for (size_t i = 0; i < n; i++) {
    if (!ner_allowed(prev, lab[i])) return 0;
    prev = lab[i];
  }
  return n == 0 || ner_allowed_last(prev);
}

static void test_bilou(void) {
  ner_span s[3] = {{0, 2, 0}, {3, 4, 2}, {4, 7, 1}};
  uint8_t lab[8];
  ner_bilou_encode(s, 3, lab, 8);
  CHECK_STR(ner_label_name(lab[0]), "B-PER");
  CHECK_STR(ner_label_name(lab[1]), "L-PER");
  CHECK_STR(ner_label_name(lab[2]), "O");
  CHECK_STR(ner_label_name(lab[3]), "U-LOC");
  CHECK_STR(ner_label_name(lab[5]), "I-ORG");
  CHECK_STR(ner_label_name(lab[6]), "L-ORG");
  CHECK(valid_seq(lab, 8));
  ner_span out[4];
  CHECK_INT(ner_bilou_decode(lab, 8, out, 4), 3);
  CHECK(memcmp(out, s, sizeof s) == 0);
  /* IOB2 of adjacent entities of one type keeps them apart */
  ner_span t2[2] = {{0, 1, 0}, {1, 3, 0}};
  ner_bilou_encode(t2, 2, lab, 3);
  const char *tags[3];
  ner_bilou_to_iob2(lab, 3, tags);
  CHECK_STR(tags[0], "B-PER");
  CHECK_STR(tags[1], "B-PER");
  CHECK_STR(tags[2], "I-PER");
  CHECK_INT(ner_iob_decode(tags, 3, out, 4), 2);
  /* IOB1: I- starts an entity, B- only splits two of a kind */
  const char *iob1[6] = {"I-ORG", "I-ORG", "B-ORG", "O", "I-MISC", "I-LOC"};
  CHECK_INT(ner_iob_decode(iob1, 6, out, 4), 4);
  CHECK(out[0].begin == 0 && out[0].end == 2 && out[0].type == 1);
  CHECK(out[1].begin == 2 && out[1].end == 3);
  CHECK(out[3].type == 2 && out[3].begin == 5);

  /* every sequence of 4 labels: repair gives a valid sequence with the
   * spans decode finds */
  size_t bad = 0, total = 0;
  for (int a = 0; a < NER_NLABELS; a++)
    for (int b = 0; b < NER_NLABELS; b++)
      for (int c = 0; c < NER_NLABELS; c++)
        for (int d = 0; d < NER_NLABELS; d += 3) {
          uint8_t x[4] = {(uint8_t)a, (uint8_t)b, (uint8_t)c, (uint8_t)d};
          ner_span s1[4], s2[4];
          size_t n1 = ner_bilou_decode(x, 4, s1, 4);
          ner_bilou_repair(x, 4);
          size_t n2 = ner_bilou_decode(x, 4, s2, 4);
          total++;
          if (!valid_seq(x, 4) || n1 != n2 ||
              memcmp(s1, s2, n1 * sizeof *s1) != 0)
            bad++;
        }
  CHECK_INT(bad, 0);
  CHECK(total > 20000);
  uint8_t r[3] = {(uint8_t)ner_label(0, NER_I), (uint8_t)ner_label(0, NER_L),
                  (uint8_t)ner_label(1, NER_B)};
  ner_bilou_repair(r, 3);
  CHECK_STR(ner_label_name(r[0]), "B-PER");
  CHECK_STR(ner_label_name(r[1]), "L-PER");
  CHECK_STR(ner_label_name(r[2]), "U-ORG");
  /* out-of-range labels count as O */
  uint8_t junk[2] = {200, (uint8_t)ner_label(3, NER_U)};
  ner_bilou_repair(junk, 2);
  CHECK(junk[0] == 0 && junk[1] == ner_label(3, NER_U));
}

/* Sentences written for this test, CoNLL-2003 style (IOB1). */
static const char *corpus =
    "-DOCSTART- -X- O O\n\n"
    "Maria NNP I-NP I-PER\nOsterberg NNP I-NP I-PER\nvisited VBD I-VP O\n"
    "Lisbon NNP I-NP I-LOC\nwith IN I-PP O\nthe DT I-NP O\n"
    "Harbour NNP I-NP I-ORG\nCouncil NNP I-NP I-ORG\n. . O O\n\n"
    "Osterberg NNP I-NP I-PER\nsaid VBD I-VP O\nthe DT I-NP O\n"
    "Norwegian JJ I-NP I-MISC\nplan NN I-NP O\nfailed VBD I-VP O\n. . O O\n\n"
    "-DOCSTART- -X- O O\n\n"
    "Tomas NNP I-NP I-PER\nBrandt NNP I-NP I-PER\nleft VBD I-VP O\n"
    "Geneva NNP I-NP I-LOC\nfor IN I-PP O\nOslo NNP I-NP I-LOC\n. . O O\n\n"
    "The DT I-NP O\nHarbour NNP I-NP I-ORG\nCouncil NNP I-NP I-ORG\n"
    "met VBD I-VP O\nin IN I-PP O\nLisbon NNP I-NP I-LOC\n. . O O\n\n"
    "He PRP I-NP O\nmet VBD I-VP O\nMaria NNP I-NP I-PER\n"
    "Osterberg NNP I-NP B-PER\nBrandt NNP I-NP I-PER\n. . O O\n";

static void test_conll(ner_corpus *c) {
  ann_error e;
  CHECK_INT(ner_conll_parse(c, corpus, strlen(corpus), "test", &e), 0);
  CHECK_INT(c->ndoc, 2);
  CHECK_INT(c->nsent, 5);
  CHECK_INT(c->ntok, 9 + 7 + 7 + 7 + 6);
  CHECK_INT(c->doc[1], 2);
  CHECK_STR(c->tok[0].w, "Maria");
  CHECK_STR(c->tok[0].pos, "NNP");
  CHECK_STR(ner_label_name(c->gold[0]), "B-PER");
  CHECK_STR(ner_label_name(c->gold[1]), "L-PER");
  CHECK_STR(ner_label_name(c->gold[3]), "U-LOC");
  /* "Maria" then B-PER "Osterberg Brandt": two entities */
  size_t last = c->sent[4];
  CHECK_STR(ner_label_name(c->gold[last + 2]), "U-PER");
  CHECK_STR(ner_label_name(c->gold[last + 3]), "B-PER");
  CHECK_STR(ner_label_name(c->gold[last + 4]), "L-PER");
  /* empty input: no documents, no crash */
  ner_corpus z;
  CHECK_INT(ner_conll_parse(&z, "", 0, "empty", &e), 0);
  CHECK_INT(z.ntok, 0);
  CHECK_INT(z.ndoc, 0);
  ner_corpus_free(&z);
}

static void test_gazetteer(ner_gaz_builder *b, ner_gaz *g) {
  CHECK_INT(ner_gaz_add(b, 0, "Harbour Council"), 0);
  CHECK_INT(ner_gaz_add(b, 1, "Lisbon"), 0);
  CHECK_INT(ner_gaz_add(b, 4, "Maria"), 0);
  static const char *common[] = {"holds",     "rates", "steady",
                                 "inflation", "cools", "met"};
  for (int i = 0; i < 6; i++)
    CHECK_INT(ner_gaz_add(b, ner_gaz_nlists - 1, common[i]), 0);
  ner_gaz_finish(b, g, ner_gaz_nlists);
  CHECK_INT(g->maxlen, 2);
  uint64_t h = ner_gaz_join(0, ner_gaz_token_hash("LISBON", 6), 1);
  CHECK_INT(ner_gaz_lookup(g, h), 1u << 1);
  ner_tok t[3] = {{"the", NULL, 3}, {"Harbour", NULL, 7}, {"Council", NULL, 7}};
  ner_tinfo info[3];
  ner_tinfo_fill(t, 3, g, info);
  CHECK(info[0].gaz == 0);
  CHECK(info[1].gaz == (1u << NER_B));
  CHECK(info[2].gaz == (1u << NER_L));
  CHECK(info[1].cap == 2 && info[0].cap == 1);

  /* a title-case headline gets the features of an all-caps one; a
   * sentence of names does not */
  static const char *head[] = {"Fed",       "Holds", "Rates", "Steady", "as",
                               "Inflation", "Cools", "in",    "Europe"};
  ner_tok ht[9];
  ner_tinfo hi[9];
  for (int i = 0; i < 9; i++)
    ht[i] = (ner_tok){head[i], NULL, (uint32_t)strlen(head[i])};
  ner_tinfo_fill(ht, 9, g, hi);
  CHECK(hi[3].flags & NER_F_HEADLINE);
  CHECK_INT(hi[3].cap, 3);
  CHECK_INT(hi[8].cap, 3);
  static const char *names[] = {"Boris",    "Akunin", "met",   "Vladimir",
                                "Solovyov", "in",     "Moscow"};
  ner_tok nt[7];
  ner_tinfo ni[7];
  for (int i = 0; i < 7; i++)
    nt[i] = (ner_tok){names[i], NULL, (uint32_t)strlen(names[i])};
  ner_tinfo_fill(nt, 7, g, ni);
  CHECK(!(ni[1].flags & NER_F_HEADLINE));
  CHECK_INT(ni[1].cap, 2);
  /* an organisation of common words in an ordinary sentence */
  static const char *org[] = {"The",     "Steady", "Rates", "Inflation",
                              "Council", "met",    "in"};
  for (int i = 0; i < 7; i++)
    nt[i] = (ner_tok){org[i], NULL, (uint32_t)strlen(org[i])};
  ner_tinfo_fill(nt, 7, g, ni);
  CHECK(!(ni[2].flags & NER_F_HEADLINE));
}

static size_t tag_all(const ner_weights *w, const ner_gaz *g,
                      const ner_corpus *c, int two_pass, uint8_t *lab) {
  ann_arena *a = ann_arena_new(1 << 16, 0);
  size_t right = 0;
  for (size_t d = 0; d < c->ndoc; d++) {
    const uint32_t *s = c->sent + c->doc[d];
    size_t ns = c->doc[d + 1] - c->doc[d];
    CHECK_INT(ner_tag_doc(w, g, c->tok, s, ns, two_pass, a, lab + s[0]), 0);
    ann_arena_reset(a);
  }
  for (size_t i = 0; i < c->ntok; i++)
    right += lab[i] == c->gold[i];
  for (size_t i = 0; i < c->nsent; i++)
    CHECK(valid_seq(lab + c->sent[i], c->sent[i + 1] - c->sent[i]));
  ann_arena_free(a);
  return right;
}

static void test_train(const ner_corpus *c, const ner_gaz *g) {
  ner_trainer *t = ner_trainer_new();
  CHECK(t != NULL);
  ann_arena *a = ann_arena_new(1 << 16, 0);
  for (int ep = 0; ep < 8; ep++)
    for (size_t d = 0; d < c->ndoc; d++) {
      const uint32_t *s = c->sent + c->doc[d];
      size_t ns = c->doc[d + 1] - c->doc[d];
      ner_train_doc(t, g, c->tok, c->gold, s, ns, NULL, a);
      ann_arena_reset(a);
      ner_train_doc(t, g, c->tok, c->gold, s, ns, c->gold, a);
      ann_arena_reset(a);
    }
  ann_arena_free(a);
  CHECK(ner_trainer_nfeat(t) > 100);
  ner_weights w;
  CHECK_INT(ner_trainer_export(t, 0, &w), 0);
  uint8_t lab[64] = {0}, lab2[64] = {0};
  /* training and tagging agree: the model gives its sentences back */
  CHECK_INT(tag_all(&w, g, c, 0, lab), c->ntok);
  CHECK_INT(tag_all(&w, g, c, 1, lab2), c->ntok);

  /* through the model file: same labels */
  char path[] = "/tmp/test_ner_XXXXXX";
  int fd = mkstemp(path);
  CHECK(fd >= 0);
  close(fd);
  ann_error e;
  CHECK_INT(ner_model_save(path, &w, g, 0, &e), 0);
  ann_model *m = NULL;
  CHECK_INT(ann_model_open(&m, path, NER_MODEL_KIND, NER_MODEL_VERSION, &e), 0);
  ner_weights w2;
  ner_gaz g2;
  uint32_t flags = 9;
  CHECK_INT(ner_model_bind(m, &w2, &g2, &flags, &e), 0);
  CHECK_INT(flags, 0);
  CHECK_INT(g2.n, g->n);
  memset(lab2, 0, sizeof lab2);
  CHECK_INT(tag_all(&w2, &g2, c, 1, lab2), c->ntok);
  ann_pc_close(&w2.pc);
  ann_pc_close(&w2.pc2);
  ann_model_free(m);

  /* a truncated model file is a clear error */
  FILE *f = fopen(path, "r+b");
  CHECK(f != NULL);
  fseek(f, 0, SEEK_END);
  long size = ftell(f);
  fclose(f);
  CHECK(truncate(path, size / 2) == 0);
  m = NULL;
  CHECK(ann_model_open(&m, path, NER_MODEL_KIND, NER_MODEL_VERSION, &e) ==
        ANN_EMODEL);
  CHECK(m == NULL);
  unlink(path);

  /* bad input: a 100,000-token sentence and empty ones */
  size_t big = 100000;
  ner_tok *bt = malloc(big * sizeof *bt);
  uint8_t *bl = malloc(big);
  static const char *words[] = {"Maria", "Osterberg", "met",     "Lisbon",
                                ",",     "Harbour",   "Council", "and"};
  for (size_t i = 0; i < big; i++) {
    const char *x = words[(i * 7 + i / 3) % 8];
    bt[i] = (ner_tok){x, NULL, (uint32_t)strlen(x)};
  }
  uint32_t sb[2] = {0, (uint32_t)big};
  a = ann_arena_new(1 << 20, 0);
  CHECK_INT(ner_tag_doc(&w, g, bt, sb, 1, 1, a, bl), 0);
  CHECK(valid_seq(bl, big));
  ann_arena_reset(a);
  uint32_t empty[3] = {0, 0, 0};
  CHECK_INT(ner_tag_doc(&w, g, bt, empty, 2, 1, a, bl), 0);
  CHECK_INT(ner_tag_doc(&w, g, bt, empty, 0, 1, a, bl), 0);
  /* words that are not UTF-8, or empty, or huge */
  char huge[5000];
  memset(huge, 'Q', sizeof huge);
  ner_tok odd[4] = {{"\xff\xfe", NULL, 2},
                    {"", NULL, 0},
                    {huge, NULL, sizeof huge},
                    {"\xc3", NULL, 1}};
  uint32_t so[2] = {0, 4};
  CHECK_INT(ner_tag_doc(&w, g, odd, so, 1, 1, a, bl), 0);
  CHECK(valid_seq(bl, 4));
  ann_arena_free(a);
  free(bt);
  free(bl);
  ner_weights_free_owned(&w);
  ner_trainer_free(t);
}

/* The second pass sees how the first labelled the same word elsewhere. */
static void test_docinfo(void) {
  ner_tok t[4] = {{"Akunin", NULL, 6},
                  {"spoke", NULL, 5},
                  {"Akunin", NULL, 6},
                  {"wrote", NULL, 5}};
  ner_tinfo info[4];
  ner_tinfo_fill(t, 4, NULL, info);
  uint8_t lab[4] = {(uint8_t)ner_label(0, NER_U), 0, 0, 0};
  ann_arena *a = ann_arena_new(4096, 0);
  ner_docinfo d;
  CHECK_INT(ner_docinfo_build(&d, a, info, lab, 4), 0);
  uint64_t f1[NER_MAXFEAT], f2[NER_MAXFEAT], f3[NER_MAXFEAT];
  size_t n1 = ner_features(info, 4, 2, NULL, 0, f1);
  size_t n2 = ner_features(info, 4, 2, &d, lab[2], f2);
  /* token 0 sees token 2 (labelled O); token 2 sees token 0 (PER) */
  size_t n3 = ner_features(info, 4, 0, &d, lab[0], f3);
  CHECK(n2 > n1);
  CHECK(n3 > ner_features(info, 4, 0, NULL, 0, f1));
  int differ = 0;
  for (size_t i = n1; i < n2 && i < n3; i++)
    differ |= f2[i] != f3[i];
  CHECK(differ);
  /* a lower-case word is not counted: it only sees its own first-pass
   * label */
  CHECK_INT(ner_features(info, 4, 1, &d, 0, f2),
            ner_features(info, 4, 1, NULL, 0, f1) + 1);
  ann_arena_free(a);
}

/* Type consistency after decoding (ner_fix.c) on sentences we wrote:
 * "word/LABEL" where LABEL is a BILOU label name or nothing (O). */
static const char *fix_doc[] = {
    "Ships were attacked near Izmail/U-LOC .",
    "Drones hit Izmail/U-LOC and Reni/U-ORG overnight .",
    "The Ukrainian/B-LOC Sea/I-LOC Ports/I-LOC Authority/L-LOC said so .",
    "Workers at the Agrotrans/U-MISC terminal left .",
    /* left alone: an event head, nothing supports either conjunct, a
     * demonym before a facility noun, a country ending in a head noun */
    "The American/B-MISC League/L-MISC said .",
    "Fans of Kent/U-LOC and Surrey/U-ORG cheered .",
    "Near the Romanian/U-MISC terminal .",
    "The Soviet/B-LOC Union/L-LOC fell .",
    "Ferries sail to Vylkove/U-LOC .",
    /* the same name typed otherwise at its other occurrence */
    "Trains reach Odesa/U-LOC daily .",
    "Strikes hit Odesa/U-ORG again .",
};
static const char *fix_want[] = {
    "Ships were attacked near Izmail/U-LOC .",
    "Drones hit Izmail/U-LOC and Reni/U-LOC overnight .",
    "The Ukrainian/B-ORG Sea/I-ORG Ports/I-ORG Authority/L-ORG said so .",
    "Workers at the Agrotrans/U-ORG terminal left .",
    "The American/B-MISC League/L-MISC said .",
    "Fans of Kent/U-LOC and Surrey/U-ORG cheered .",
    "Near the Romanian/U-MISC terminal .",
    "The Soviet/B-LOC Union/L-LOC fell .",
    "Ferries sail to Vylkove/U-LOC .",
    "Trains reach Odesa/U-LOC daily .",
    "Strikes hit Odesa/U-LOC again .",
};

static void test_type_fix(void) {
  ner_gaz_builder b = {0};
  ner_gaz g;
  /* list numbers as in ner_gaz_lists */
  CHECK_INT(ner_gaz_add(&b, 6, "Authority"), 0);
  CHECK_INT(ner_gaz_add(&b, 6, "League"), 0);
  CHECK_INT(ner_gaz_add(&b, 6, "Union"), 0);
  CHECK_INT(ner_gaz_add(&b, 3, "Romanian"), 0);
  CHECK_INT(ner_gaz_add(&b, 0, "Soviet Union"), 0);
  ner_gaz_finish(&b, &g, ner_gaz_nlists);
  enum { NS = sizeof fix_doc / sizeof fix_doc[0], MAXT = 128 };
  static char buf[2048];
  ner_tok tok[MAXT];
  uint8_t lab[MAXT];
  uint32_t sent[NS + 1];
  size_t nt = 0, o = 0;
  for (size_t s = 0; s < NS; s++) {
    sent[s] = (uint32_t)nt;
    const char *p = fix_doc[s];
    while (*p) {
      const char *q = p;
      while (*q && *q != ' ')
        q++;
      const char *sl = memchr(p, '/', (size_t)(q - p));
      size_t wl = sl ? (size_t)(sl - p) : (size_t)(q - p);
      memcpy(buf + o, p, wl);
      tok[nt] = (ner_tok){buf + o, NULL, (uint32_t)wl};
      o += wl;
      lab[nt] = 0;
      if (sl)
        for (int l = 1; l < NER_NLABELS; l++)
          if (strlen(ner_label_name(l)) == (size_t)(q - sl - 1) &&
              !memcmp(ner_label_name(l), sl + 1, (size_t)(q - sl - 1)))
            lab[nt] = (uint8_t)l;
      nt++;
      p = *q ? q + 1 : q;
    }
  }
  sent[NS] = (uint32_t)nt;
  ner_tinfo info[MAXT];
  for (size_t s = 0; s < NS; s++)
    ner_tinfo_fill(tok + sent[s], sent[s + 1] - sent[s], &g, info + sent[s]);
  ann_arena *a = ann_arena_new(4096, 0);
  ner_docinfo d;
  CHECK_INT(ner_docinfo_build(&d, a, info, lab, nt), 0);
  CHECK_INT(ner_type_fix(tok, info, sent, NS, &d, lab), 4);
  CHECK(valid_seq(lab, nt));
  for (size_t s = 0; s < NS; s++) {
    char got[256];
    size_t k = 0;
    for (uint32_t i = sent[s]; i < sent[s + 1]; i++) {
      k += (size_t)snprintf(got + k, sizeof got - k, "%s%.*s%s%s",
                            i > sent[s] ? " " : "", (int)tok[i].len, tok[i].w,
                            lab[i] ? "/" : "",
                            lab[i] ? ner_label_name(lab[i]) : "");
    }
    CHECK_STR(got, fix_want[s]);
  }
  ann_arena_free(a);

  /* the features that see the same: a facility noun after a name, the
   * head word ending a capitalised run, a conjunct's gazetteer lists */
  uint64_t f1[NER_MAXFEAT], f2[NER_MAXFEAT];
  ner_tok ta[3] = {
      {"the", NULL, 3}, {"Agrotrans", NULL, 9}, {"terminal", NULL, 8}};
  ner_tok tb[3] = {
      {"the", NULL, 3}, {"Agrotrans", NULL, 9}, {"garden", NULL, 6}};
  ner_tinfo ia[3], ib[3];
  ner_tinfo_fill(ta, 3, &g, ia);
  ner_tinfo_fill(tb, 3, &g, ib);
  CHECK_INT(ner_features(ia, 3, 1, NULL, 0, f1),
            ner_features(ib, 3, 1, NULL, 0, f2) + 1);
  ner_tok tc[3] = {
      {"Sea", NULL, 3}, {"Ports", NULL, 5}, {"Authority", NULL, 9}};
  ner_tok td[3] = {{"Sea", NULL, 3}, {"Ports", NULL, 5}, {"Bridges", NULL, 7}};
  ner_tinfo ic[3], id[3];
  ner_tinfo_fill(tc, 3, &g, ic);
  ner_tinfo_fill(td, 3, &g, id);
  CHECK_INT(ner_features(ic, 3, 0, NULL, 0, f1),
            ner_features(id, 3, 0, NULL, 0, f2) + 1);
  ner_tok te[3] = {{"Kent", NULL, 4}, {"and", NULL, 3}, {"Romanian", NULL, 8}};
  ner_tok tf[3] = {{"Kent", NULL, 4}, {"and", NULL, 3}, {"Lusatian", NULL, 8}};
  ner_tinfo ie[3], iff[3];
  ner_tinfo_fill(te, 3, &g, ie);
  ner_tinfo_fill(tf, 3, &g, iff);
  CHECK(ner_features(ie, 3, 0, NULL, 0, f1) >
        ner_features(iff, 3, 0, NULL, 0, f2));
  ner_gaz_builder_free(&b);
}

int main(void) {
  test_bilou();
  ner_corpus c;
  test_conll(&c);
  ner_gaz_builder b = {0};
  ner_gaz g;
  test_gazetteer(&b, &g);
  test_train(&c, &g);
  test_docinfo();
  test_type_fix();
  ner_gaz_builder_free(&b);
  ner_corpus_free(&c);
  return check_done();
}
