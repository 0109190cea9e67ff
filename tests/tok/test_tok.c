/* test_tok.c — tokenizer and sentence splitter on hard cases we wrote:
 * clitics, numbers and units, abbreviations and initials, URLs, quotes,
 * dashes, ellipses, headlines, datelines, hostile input, and whole files. */
#include "annalist/tok.h"
#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static char out[8192];

/* Tokens joined by a space, sentences by " | ". */
static const char *tok(const char *text) {
  ann_arena *a = ann_arena_new(4096, 0);
  ann_doc d = {0};
  d.arena = a;
  d.text = text;
  d.text_len = strlen(text);
  int rc = ann_tokenize(&d, 0, 0);
  size_t p = 0;
  out[0] = 0;
  if (rc < 0) return "ERROR";
  for (size_t s = 0; s < d.sentences.n; s++) {
    if (s) p += (size_t)snprintf(out + p, sizeof out - p, " | ");
    for (uint32_t i = d.sentences.v[s].tok_begin; i < d.sentences.v[s].tok_end;
         i++)
      p += (size_t)snprintf(out + p, sizeof out - p, "%s%.*s",
                            i == d.sentences.v[s].tok_begin ? "" : " ",
                            (int)(d.tokens.v[i].end - d.tokens.v[i].start),
                            text + d.tokens.v[i].start);
  }
  ann_arena_free(a);
  return out;
}

static void test_tokens(void) {
  CHECK_STR(tok("I don't think Russia's economy can't grow."),
            "I do n't think Russia 's economy ca n't grow .");
  CHECK_STR(tok("They’re sure we’ll win, but I cannot say."),
            "They ’re sure we ’ll win , but I can not say .");
  CHECK_STR(tok("Growth was 11.13% in 3,000,000 cases, costing $5bn in the "
                "1930s and 21st century."),
            "Growth was 11.13 % in 3,000,000 cases , costing $ 5 bn in the "
            "1930s and 21st century .");
  CHECK_STR(tok("A long-term e-mail to co-workers about non-profit work."),
            "A long - term e-mail to co-workers about non-profit work .");
  CHECK_STR(tok("See https://example.com/a?b=1. Mail a.b@example.org, or "
                "www.example.org."),
            "See https://example.com/a?b=1 . | Mail a.b@example.org , or "
            "www.example.org .");
  CHECK_STR(tok("“Yes,” she said — and left…"),
            "“ Yes , ” she said — and left …");
  CHECK_STR(tok("He said \"no\" -- twice ... really"),
            "He said \" no \" -- twice ... really");
  CHECK_STR(tok("The parents' house, the '90s."),
            "The parents ' house , the '90s .");
  CHECK_STR(tok("Call 555-1234 at 10:30 on 12/05/2004."),
            "Call 555-1234 at 10:30 on 12/05/2004 .");
}

static void test_sentences(void) {
  CHECK_STR(tok("Mr. Smith met Gen. Ali on Jan. 5 in the U.S. capital."),
            "Mr. Smith met Gen. Ali on Jan. 5 in the U.S. capital .");
  CHECK_STR(tok("He left the U.S. The talks failed."),
            "He left the U.S. | The talks failed .");
  CHECK_STR(tok("It cost 3.5 million. Then it rose to 4.2 million."),
            "It cost 3.5 million . | Then it rose to 4.2 million .");
  CHECK_STR(tok("\"We will win,\" he said. \"They will lose.\" Then he left."),
            "\" We will win , \" he said . | \" They will lose . \" | Then he "
            "left .");
  CHECK_STR(tok("J. R. R. Tolkien wrote it. Dr. No agreed."),
            "J. R. R. Tolkien wrote it . | Dr. No agreed .");
  CHECK_STR(tok("Wait... What? No! Why?! Fine."),
            "Wait ... | What ? | No ! | Why ?! | Fine .");
  CHECK_STR(tok("Russia warns NATO\n\nMOSCOW (Reuters) - Russia warned."),
            "Russia warns NATO | MOSCOW ( Reuters ) - Russia warned .");
  CHECK_STR(tok("Russia warns NATO over drills\nThe Kremlin said on Monday it "
                "would respond."),
            "Russia warns NATO over drills | The Kremlin said on Monday it "
            "would respond .");
  CHECK_STR(tok("Troops moved in, and\nPresident Ali said so."),
            "Troops moved in , and President Ali said so .");
  CHECK_STR(tok("Acme Inc. said profit rose. Acme Inc. Chairman Bo quit."),
            "Acme Inc. said profit rose . | Acme Inc. Chairman Bo quit .");
  CHECK_STR(tok("Shares fell 2.5%. Analysts were surprised."),
            "Shares fell 2.5 % . | Analysts were surprised .");
  CHECK_STR(tok("See No. 5 now. No. He refused."),
            "See No. 5 now . | No . | He refused .");
}

static void test_dateline(void) {
  const char *text = "MOSCOW, Dec 7 (Reuters) - Russia warned on Monday.";
  ann_arena *a = ann_arena_new(4096, 0);
  ann_doc d = {0};
  d.arena = a;
  d.text = text;
  d.text_len = strlen(text);
  CHECK_INT(ann_tokenize(&d, 26, 0), 0);
  CHECK_INT(d.sentences.n, 1);
  CHECK_INT(d.tokens.v[0].start, 26);
  CHECK_INT(d.sentences.v[0].start, 26);
  CHECK_INT(d.tokens.v[0].head, -1);
  ann_arena_free(a);
}

static void test_hostile(void) {
  /* NUL bytes and invalid UTF-8: skipped like spaces, no byte read past */
  const char bad[] = "ab\0cd \xff\xfe x\xc3 \xe2\x80 y.";
  ann_arena *a = ann_arena_new(4096, 0);
  ann_doc d = {0};
  d.arena = a;
  d.text = bad;
  d.text_len = sizeof bad - 1;
  CHECK_INT(ann_tokenize(&d, 0, 0), 0);
  CHECK(d.tokens.n >= 4);
  for (size_t i = 0; i < d.tokens.n; i++)
    CHECK(d.tokens.v[i].end <= d.text_len &&
          d.tokens.v[i].start < d.tokens.v[i].end);
  ann_arena_free(a);

  /* a 1 MB line without spaces, and 100,000 tokens without a full stop */
  size_t n = 1u << 20;
  char *big = malloc(n + 1);
  memset(big, 'a', n);
  big[n] = 0;
  a = ann_arena_new(1 << 16, 0);
  memset(&d, 0, sizeof d);
  d.arena = a;
  d.text = big;
  d.text_len = n;
  CHECK_INT(ann_tokenize(&d, 0, 0), 0);
  CHECK_INT(d.tokens.n, 1);
  ann_arena_free(a);
  for (size_t i = 0; i < 100000; i++) memcpy(big + i * 2, "x ", 2);
  big[200000] = 0;
  a = ann_arena_new(1 << 16, 0);
  memset(&d, 0, sizeof d);
  d.arena = a;
  d.text = big;
  d.text_len = 200000;
  CHECK_INT(ann_tokenize(&d, 0, 0), 0);
  CHECK_INT(d.tokens.n, 100000);
  CHECK_INT(d.sentences.n, 100);
  size_t covered = 0;
  for (size_t s = 0; s < d.sentences.n; s++)
    covered += d.sentences.v[s].tok_end - d.sentences.v[s].tok_begin;
  CHECK_INT(covered, 100000);
  ann_arena_free(a);
  /* the token cap */
  a = ann_arena_new(1 << 16, 0);
  memset(&d, 0, sizeof d);
  d.arena = a;
  d.text = big;
  d.text_len = 200000;
  CHECK_INT(ann_tokenize(&d, 0, 5000), 1);
  CHECK_INT(d.tokens.n, 5000);
  CHECK_INT(d.sentences.v[d.sentences.n - 1].tok_end, 5000);
  ann_arena_free(a);
  /* an arena cap is an error, not a crash */
  a = ann_arena_new(4096, 1 << 16);
  memset(&d, 0, sizeof d);
  d.arena = a;
  d.text = big;
  d.text_len = 200000;
  CHECK_INT(ann_tokenize(&d, 0, 0), ANN_ENOMEM);
  ann_arena_free(a);
  free(big);
  /* empty text and a start past the end */
  CHECK_STR(tok(""), "");
  CHECK_STR(tok("   \n\n  "), "");
}

/* ann_tokenize_file: each sentence in order, the same units as
 * ann_tokenize on the same text. */
static void file_sentence(const char *text, const ann_token *t, size_t n,
                          void *acc) {
  char *o = acc;
  size_t p = strlen(o);
  for (size_t i = 0; i < n; i++)
    p += (size_t)snprintf(o + p, 512 - p, "%s%.*s", i ? " " : "",
                          (int)(t[i].end - t[i].start), text + t[i].start);
  snprintf(o + p, 512 - p, " | ");
}

static void test_file(void) {
  const char *path = "test_tok_file.txt";
  FILE *f = fopen(path, "w");
  CHECK(f != NULL);
  if (!f) return;
  fputs("Mr. Smith didn't go.\n\nHe stayed home", f);
  fclose(f);
  char got[512] = "";
  CHECK_INT(ann_tokenize_file(path, file_sentence, got), 0);
  CHECK_STR(got, "Mr. Smith did n't go . | He stayed home | ");
  unlink(path);
  CHECK_INT(ann_tokenize_file(path, file_sentence, got), -1);
}

int main(void) {
  test_tokens();
  test_sentences();
  test_dateline();
  test_hostile();
  test_file();
  return check_done();
}
