/* test_record.c — dates, amounts, counts, quotations, tone and themes on
 * sentences written for these tests (no model, no ../shared needed). */
#include "annalist/out.h"
#include "annalist/pipeline.h"
#include "check.h"

#include <math.h>
#include <stdlib.h>

extern const ann_stage ann_stage_record;

static ann_pipeline *P;
static ann_arena *A;
static ann_doc D;

static ann_doc *run(const char *text, const char *published) {
  ann_arena_reset(A);
  memset(&D, 0, sizeof D);
  D.arena = A;
  D.text = ann_strdup(A, text);
  D.text_len = strlen(text);
  D.published = published;
  int rc = ann_stage_record.run(ann_pipeline_state(P, "record"), P, &D);
  CHECK_INT(rc, 0);
  return &D;
}

static char *span(const ann_doc *d, uint32_t s, uint32_t e) {
  return ann_strndup(d->arena, d->text + s, e - s);
}

static const ann_date *date_text(const ann_doc *d, const char *t) {
  for (size_t i = 0; i < d->dates.n; i++)
    if (!strcmp(span(d, d->dates.v[i].start, d->dates.v[i].end), t))
      return &d->dates.v[i];
  fprintf(stderr, "no date \"%s\"\n", t);
  return NULL;
}

static const ann_amount *amount_text(const ann_doc *d, const char *t) {
  for (size_t i = 0; i < d->amounts.n; i++)
    if (!strcmp(span(d, d->amounts.v[i].start, d->amounts.v[i].end), t))
      return &d->amounts.v[i];
  fprintf(stderr, "no amount \"%s\"\n", t);
  return NULL;
}

#define DATE(text, t, v)                                                     \
  do {                                                                       \
    const ann_date *x_ = date_text(run(text, "2025-06-29"), t);              \
    CHECK(x_ != NULL);                                                       \
    if (x_) CHECK_STR(x_->value, v);                                         \
  } while (0)

static void test_dates(void) {
  DATE("Police raided the market on June 27.", "June 27", "2025-06-27");
  DATE("Tokyo, 29 June, the talks ended.", "29 June", "2025-06-29");
  DATE("The pact was signed in 1968 by both sides.", "1968", "1968");
  DATE("It recalls the 1930s in Europe.", "1930s", "193");
  DATE("The report dated 2025-06 was leaked.", "2025-06", "2025-06");
  DATE("The law took effect on 2024-02-29 nationwide.", "2024-02-29",
       "2024-02-29");
  DATE("Officials met on Monday to discuss it.", "Monday", "2025-06-23");
  DATE("The minister resigned yesterday.", "yesterday", "2025-06-28");
  DATE("Prices rose last week again.", "last week", "2025-W25");
  DATE("The mayor was elected three years ago.", "three years ago", "2022");
  DATE("Four years into the conflict, little has changed.",
       "Four years into the conflict", "2025");
  DATE("He was born on March 3, 1961 in Baku.", "March 3, 1961",
       "1961-03-03");
  DATE("Elections are due in December 2026, officials said.",
       "December 2026", "2026-12");
  /* a month-day after publication belongs to the year before */
  DATE("The fire of December 30 is still under investigation.",
       "December 30", "2024-12-30");
  /* without a publication date: partial value, relative has none */
  ann_doc *d = run("The strike began on June 27 and ended yesterday.", NULL);
  CHECK(date_text(d, "June 27") && !strcmp(date_text(d, "June 27")->value,
                                          "--06-27"));
  CHECK(date_text(d, "yesterday") && !date_text(d, "yesterday")->value);
  /* impossible or not dates */
  d = run("The code 31/31/2031 is not a date, nor is June 31.", "2025-01-01");
  CHECK_INT(d->dates.n, 0);
  d = run("About 2000 people attended.", "2025-01-01");
  CHECK_INT(d->dates.n, 0);
}

/* weekdays in an article published on Monday 2025-07-14: the last such
 * day in past reporting, the coming one where the clause looks ahead */
#define WDAY(text, t, v)                                                     \
  do {                                                                       \
    const ann_date *x_ = date_text(run(text, "2025-07-14"), t);              \
    CHECK(x_ != NULL);                                                       \
    if (x_) CHECK_STR(x_->value, v);                                         \
  } while (0)

static void test_weekdays(void) {
  WDAY("Talks broke off on Wednesday without agreement.", "Wednesday",
       "2025-07-09");
  WDAY("The port said loading would resume on Wednesday at the earliest.",
       "Wednesday", "2025-07-16");
  WDAY("The minister is to visit the border on Thursday.", "Thursday",
       "2025-07-17");
  WDAY("The government plans to publish the report on Friday.", "Friday",
       "2025-07-18");
  WDAY("The final vote is due on Sunday.", "Sunday", "2025-07-20");
  WDAY("Ministers will meet again next Wednesday.", "next Wednesday",
       "2025-07-16");
  WDAY("Ministers will meet again next Monday.", "next Monday",
       "2025-07-21");
  WDAY("The truce was broken last Wednesday.", "last Wednesday",
       "2025-07-09");
  WDAY("On Wednesday, the ministers will sign the deal.", "Wednesday",
       "2025-07-16");
  WDAY("On Wednesday, the ministers signed the deal.", "Wednesday",
       "2025-07-09");
  /* the publication day itself, either way */
  WDAY("The parliament will debate the law on Monday.", "Monday",
       "2025-07-14");
  WDAY("Officials said on Monday that the port would reopen.", "Monday",
       "2025-07-14");
  /* the past of a modal or a plan, and a period's start, are behind */
  WDAY("The ferry may have sunk on Saturday.", "Saturday", "2025-07-12");
  WDAY("The envoy was expected to arrive on Friday.", "Friday",
       "2025-07-11");
  WDAY("The port has been closed since Friday.", "Friday", "2025-07-11");
  /* the verb of its own clause decides, not another's */
  WDAY("Rebels who will face trial were captured on Saturday.", "Saturday",
       "2025-07-12");
  WDAY("Police arrested 12 people on Saturday, and a court will hear their "
       "case on Thursday.", "Saturday", "2025-07-12");
  WDAY("Police arrested 12 people on Saturday, and a court will hear their "
       "case on Thursday.", "Thursday", "2025-07-17");
}

static void test_amounts(void) {
  ann_doc *d = run("Annual inflation reached 11.13% in May.", NULL);
  const ann_amount *a = amount_text(d, "11.13%");
  CHECK(a && a->number == 11.13 && !strcmp(a->unit, "%"));
  if (a) CHECK_STR(a->about, "Annual inflation");
  d = run("Russia once held 26% of the European gas market and now "
          "controls only 5%.", NULL);
  a = amount_text(d, "26%");
  CHECK(a && a->number == 26);
  if (a) CHECK_STR(a->about, "European gas market");
  a = amount_text(d, "5%");
  if (a) CHECK_STR(a->about, "European gas market");
  d = run("The fund lost $5bn last year.", NULL);
  a = amount_text(d, "$5bn");
  CHECK(a && a->number == 5e9);
  if (a) CHECK_STR(a->unit, "USD");
  d = run("The city of 3 million people was cut off.", NULL);
  a = amount_text(d, "3 million");
  CHECK(a && a->number == 3e6);
  if (a) CHECK_STR(a->about, "people");
  d = run("Georgia, with a population of just 3 million, cannot threaten "
          "anyone.", NULL);
  a = amount_text(d, "3 million");
  if (a) CHECK_STR(a->about, "population");
  d = run("The company paid 2.5 million euros in fines.", NULL);
  a = amount_text(d, "2.5 million euros");
  CHECK(a && a->number == 2.5e6);
  if (a) CHECK_STR(a->unit, "EUR");
  d = run("Twenty-five trucks carried 1,200 tonnes of grain.", NULL);
  a = amount_text(d, "1,200 tonnes");
  CHECK(a && a->number == 1200);
  if (a) CHECK_STR(a->about, "grain");
  a = amount_text(d, "Twenty-five");
  CHECK(a && a->number == 25);
  /* years and dates are not amounts; bad numbers are skipped */
  d = run("In 1999 the rule changed.", NULL);
  CHECK_INT(d->amounts.n, 0);
  d = run("The vote at 10:30 ended 3:1 for the plan.", NULL);
  CHECK_INT(d->amounts.n, 0);
  d = run("Deaths have fallen since 2000 despite the cuts.", NULL);
  CHECK_INT(d->amounts.n, 0);
  CHECK_INT(d->dates.n, 1);
  d = run("Values like 1e999 and F16 are codes, 12,34,567 is Indian.", NULL);
  CHECK(amount_text(d, "12,34,567") != NULL);
  CHECK_INT(d->amounts.n, 1);
}

static const ann_count *count0(const char *text) {
  ann_doc *d = run(text, NULL);
  if (d->counts.n != 1) {
    fprintf(stderr, "%zu counts in \"%s\"\n", d->counts.n, text);
    return NULL;
  }
  return &d->counts.v[0];
}

#define COUNT(text_, type_, num_, obj_)                                      \
  do {                                                                       \
    const ann_count *c_ = count0(text_);                                     \
    const char *o_ = obj_;                                                   \
    CHECK(c_ != NULL);                                                       \
    if (c_) {                                                                \
      CHECK_STR(c_->type, type_);                                            \
      CHECK(c_->number == (num_));                                           \
      if (o_) CHECK_STR(c_->object, o_);                                     \
      else CHECK(c_->object == NULL);                                        \
    }                                                                        \
  } while (0)

static void test_counts(void) {
  COUNT("It followed the brutal killing of five Azerbaijanis by police.",
        "KILL", 5, "Azerbaijanis");
  COUNT("At least 12 civilians were killed in the shelling.", "KILL", 12,
        "civilians");
  COUNT("Police arrested 40 protesters on Friday.", "ARREST", 40,
        "protesters");
  COUNT("A dozen soldiers were wounded.", "WOUND", 12, "soldiers");
  COUNT("Hundreds of families were displaced by the floods.", "DISPLACED",
        100, "families");
  COUNT("Gunmen kidnapped 3 aid workers near the border.", "KIDNAP", 3,
        "aid workers");
  COUNT("Thousands of protesters marched in the capital.", "PROTEST", 1000,
        "protesters");
  COUNT("The flood left 7 dead.", "KILL", 7, NULL);
  const ann_count *c = count0("Hundreds of lives were lost.");
  CHECK(c && c->approximate);
  /* percentages and money are not counts */
  ann_doc *d = run("Prices killed 5% of the shops and $3m was seized.", NULL);
  CHECK_INT(d->counts.n, 0);
}

static const ann_quote *quote_n(const ann_doc *d, size_t i, const char *text,
                                const char *speaker) {
  if (i >= d->quotes.n) {
    fprintf(stderr, "no quote %zu (\"%s\")\n", i, text);
    check_failed++;
    return NULL;
  }
  const ann_quote *q = &d->quotes.v[i];
  CHECK_STR(span(d, q->start, q->end), text);
  if (speaker) CHECK_STR(q->speaker, speaker);
  else CHECK(q->speaker == NULL);
  return q;
}

static void test_quotes(void) {
  ann_doc *d = run("Russian writer Boris Akunin, who left Russia in protest, "
                   "stated: \xE2\x80\x9CSociety must act responsibly.\xE2\x80"
                   "\x9D Later Akunin added: \xE2\x80\x9CWe will see.\xE2\x80"
                   "\x9D",
                   NULL);
  CHECK_INT(d->quotes.n, 2);
  quote_n(d, 0, "Society must act responsibly.", "Boris Akunin");
  quote_n(d, 1, "We will see.", "Boris Akunin");
  d = run("\"We will not give up,\" said Maria Lopez, the union leader. "
          "\"Never,\" she added.", NULL);
  quote_n(d, 0, "We will not give up,", "Maria Lopez");
  quote_n(d, 1, "Never,", "Maria Lopez");
  d = run("Jean Dupont said the plan was \xC2\xAB totally unacceptable \xC2"
          "\xBB for farmers.", NULL);
  quote_n(d, 0, "totally unacceptable", "Jean Dupont");
  d = run("According to Anna Weber, \xE2\x80\x98the talks have failed\xE2\x80"
          "\x99.", NULL);
  quote_n(d, 0, "the talks have failed", "Anna Weber");
  /* multi-paragraph: the first paragraph is not closed, the next reopens */
  d = run("Peter Hale told reporters: \xE2\x80\x9CThe first part ends here."
          "\n\n\xE2\x80\x9CThe second part ends the quote.\xE2\x80\x9D\n\n"
          "The meeting closed.", NULL);
  CHECK_INT(d->quotes.n, 1);
  if (d->quotes.n)
    CHECK(strstr(span(d, d->quotes.v[0].start, d->quotes.v[0].end),
                 "second part ends the quote.") != NULL);
  /* dialogue dash */
  d = run("\xE2\x80\x93 We are ready to talk, \xE2\x80\x93 said Ivan Petrov.",
          NULL);
  quote_n(d, 0, "We are ready to talk,", "Ivan Petrov");
  /* scare quotes are not quotations */
  d = run("State media keep seeking new \xE2\x80\x9C" "enemy images\xE2\x80\x9D"
          " and \xE2\x80\x9Ctotal control.\xE2\x80\x9D", NULL);
  CHECK_INT(d->quotes.n, 0);
  /* unbalanced marks never swallow the article */
  char big[50 * 64 + 1] = "";
  for (int i = 0; i < 50; i++) strcat(big, "He said \"it never ends here.\n\n");
  d = run(big, NULL);
  for (size_t i = 0; i < d->quotes.n; i++)
    CHECK(d->quotes.v[i].end - d->quotes.v[i].start < 200);
}

static void test_tone_themes(void) {
  ann_doc *d = run("The brutal attack killed innocent people; a terrible, "
                   "horrific crime.", NULL);
  CHECK(d->has_tone && d->tone.tone < 0);
  CHECK(fabs(d->tone.tone - (d->tone.positive - d->tone.negative)) < 1e-9);
  CHECK(fabs(d->tone.polarity - (d->tone.positive + d->tone.negative)) < 1e-9);
  d = run("A wonderful, excellent and happy festival; a great success.", NULL);
  CHECK(d->tone.tone > 0);
  /* same word counts, so the percentages compare */
  double plain = run("The film is also good.", NULL)->tone.tone;
  double neg = run("The film is not good.", NULL)->tone.tone;
  double very = run("The film is very good.", NULL)->tone.tone;
  CHECK(plain > 0 && neg < 0 && very > plain);
  d = run("The war goes on. Troops shelled the front line again.", NULL);
  int found = 0;
  for (size_t i = 0; i < d->themes.n; i++)
    if (!strcmp(d->themes.v[i].name, "ARMEDCONFLICT"))
      found = d->themes.v[i].count;
  CHECK(found >= 2);
}

static void test_hostile(void) {
  /* long digit runs, Arabic-Indic digits, empty and odd text */
  char *digits = malloc(1200);
  memset(digits, '9', 1100);
  strcpy(digits + 1100, " people and \xD9\xA3 cats.");
  ann_doc *d = run(digits, NULL);
  CHECK_INT(d->amounts.n, 0);
  free(digits);
  run("\"", NULL);
  run("\xE2\x80\x9C", NULL);
  run("$ % 5bn bn of of", NULL);
  d = run("\xE2\x80\x93", NULL);
  CHECK_INT(d->quotes.n, 0);
}

/* golden/NAME.in (first line "published: DATE" or "published: -", then
 * the text) -> golden/NAME.out, the record as JSON; ANN_UPDATE_GOLDEN=1
 * rewrites the .out files. */
static void test_golden(void) {
  const char *names[] = {"dates", "amounts", "counts", "quotes", "tone",
                         "themes"};
  int update = getenv("ANN_UPDATE_GOLDEN") != NULL;
  for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
    char path[1024], pub[64] = "";
    snprintf(path, sizeof path, "%s/golden/%s.in", ANN_TEST_DIR, names[i]);
    FILE *f = fopen(path, "rb");
    CHECK(f != NULL);
    if (!f) continue;
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    char *text = strchr(buf, '\n');
    if (!text) continue;
    *text++ = 0;
    if (sscanf(buf, "published: %63s", pub) != 1 || !strcmp(pub, "-"))
      pub[0] = 0;
    ann_doc *d = run(text, pub[0] ? pub : NULL);
    /* tone figures depend on whether set-up built data/tone.bin (VADER's
     * list) or only dicts/tone is there: the golden keeps their signs */
    ann_tone t = d->tone;
    d->has_tone = false;
    ann_buf b;
    ann_buf_init(&b, 0);
    ann_write_record(&b, d, NULL);
    if (!strcmp(names[i], "tone"))
      ann_buf_printf(&b, "{\"tone_sign\":%d,\"positive\":%d,\"negative\":%d}\n",
                   (t.tone > 0) - (t.tone < 0), t.positive > 0, t.negative > 0);
    snprintf(path, sizeof path, "%s/golden/%s.out", ANN_TEST_DIR, names[i]);
    if (update) {
      FILE *o = fopen(path, "wb");
      if (o) {
        fwrite(b.p, 1, b.len, o);
        fclose(o);
      }
    }
    FILE *o = fopen(path, "rb");
    static char want[1 << 17];
    size_t wn = o ? fread(want, 1, sizeof want, o) : 0;
    if (o) fclose(o);
    int same = wn == b.len && !memcmp(want, b.p, wn);
    if (!same) fprintf(stderr, "golden %s.out differs\n", names[i]);
    CHECK(same);
    ann_buf_free(&b);
  }
}

int main(void) {
  ann_options o = {.stages = ANN_STAGE_RECORD, .home = ANN_SOURCE_DIR};
  ann_error e = {0};
  if (ann_pipeline_open(&P, &o, &e) < 0) {
    fprintf(stderr, "open: %s\n", e.msg);
    return 1;
  }
  A = ann_arena_new(1 << 16, 0);
  test_dates();
  test_amounts();
  test_counts();
  test_quotes();
  test_tone_themes();
  test_hostile();
  test_weekdays();
  test_golden();
  ann_arena_free(A);
  ann_pipeline_free(P);
  return check_done();
}
