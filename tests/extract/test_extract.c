/*
 * test_extract.c — unit tests of the extraction helpers: date
 * normalisation, dates in URLs, title suffixes, datelines, language
 * detection, and plain-text extraction.
 */
#include "annalist/extract.h"
#include "check.h"
#include "extract/extract_int.h"

#include <string.h>

static const char *iso(const char *s) {
  static char buf[32];
  size_t n = ann_date_iso(s, strlen(s), buf);
  return n ? buf : "";
}

static void test_dates(void) {
  CHECK_STR(iso("2025-06-29T09:14:00+09:00"), "2025-06-29T09:14:00+09:00");
  CHECK_STR(iso("2025-06-29"), "2025-06-29");
  CHECK_STR(iso(" 2025-06-29 09:14 "), "2025-06-29T09:14:00");
  CHECK_STR(iso("2025-06-29T09:14:00.000Z"), "2025-06-29T09:14:00Z");
  CHECK_STR(iso("2025-06-29T09:14:00+0300"), "2025-06-29T09:14:00+03:00");
  CHECK_STR(iso("20250629"), "2025-06-29");
  CHECK_STR(iso("2025/6/9"), "2025-06-09");
  CHECK_STR(iso("Sun, 29 Jun 2025 09:14:00 GMT"), "2025-06-29T09:14:00Z");
  CHECK_STR(iso("June 29, 2025"), "2025-06-29");
  CHECK_STR(iso("29 June 2025"), "2025-06-29");
  CHECK_STR(iso("29th June 2025, 3:05 pm"), "2025-06-29T15:05:00");
  CHECK_STR(iso("Sept. 3, 2024"), "2024-09-03");
  CHECK_STR(iso("29.06.2025"), "2025-06-29");
  CHECK_STR(iso("06/29/2025"), "2025-06-29");
  CHECK_STR(iso("29 juin 2025"), "2025-06-29");
  CHECK_STR(iso("June 2025"), "2025-06");
  /* not dates */
  CHECK_STR(iso(""), "");
  CHECK_STR(iso("yesterday"), "");
  CHECK_STR(iso("2025-13-01"), "");
  CHECK_STR(iso("2025-02-30"), "");
  CHECK_STR(iso("June 31, 2025"), "");
  CHECK_STR(iso("12345"), "");

  char buf[32];
  CHECK(ann_date_from_url("https://x.example/2025/06/29/story/", buf) == 10);
  CHECK_STR(buf, "2025-06-29");
  CHECK(ann_date_from_url("https://x.example/news/2025-06-29-title", buf));
  CHECK_STR(buf, "2025-06-29");
  CHECK(ann_date_from_url("https://x.example/a/20250629/b.html", buf));
  CHECK_STR(buf, "2025-06-29");
  CHECK(ann_date_from_url("https://x.example/2025/06/story", buf));
  CHECK_STR(buf, "2025-06");
  CHECK(ann_date_from_url("https://x.example/item/123456789", buf) == 0);
  CHECK(ann_date_from_url("https://2025.example/1999x", buf) == 0);
  CHECK(ann_date_from_url(NULL, buf) == 0);
}

static void test_titles(ann_arena *a) {
  CHECK_STR(ann_title_clean(a, "Headline of the day - AJMEDIA English",
                            "AJMEDIA English"),
            "Headline of the day");
  CHECK_STR(ann_title_clean(a,
                            "Increasing pressures on Azerbaijanis in Russia: "
                            "causes and consequences \xE2\x80\x93 AJMEDIA "
                            "English",
                            "AJMEDIA English"),
            "Increasing pressures on Azerbaijanis in Russia: causes and "
            "consequences");
  CHECK_STR(ann_title_clean(a, "Storm hits coast | Site", "Site"),
            "Storm hits coast");
  CHECK_STR(ann_title_clean(a, "The Daily Planet: Storm hits the coast",
                            "The Daily Planet"),
            "The Daily Planet: Storm hits the coast");
  CHECK_STR(ann_title_clean(a, "Daily Planet | Storm hits the coast today",
                            "Daily Planet"),
            "Storm hits the coast today");
  /* unknown site: a short last part after a long headline goes */
  CHECK_STR(ann_title_clean(a, "Ministers agree on new grain corridor - "
                               "World - Example News",
                            NULL),
            "Ministers agree on new grain corridor");
  CHECK_STR(ann_title_clean(a, "news.example.com | Ministers agree", NULL),
            "news.example.com | Ministers agree");
  CHECK_STR(ann_title_clean(a, "Ministers agree on a deal - example.com",
                            NULL),
            "Ministers agree on a deal");
  CHECK_STR(ann_title_clean(a, "WORLD - Ministers agree on a new deal", NULL),
            "Ministers agree on a new deal");
  CHECK_STR(ann_title_clean(a, "\xC2\xBB Ministers agree on a deal - "
                               "Harbour News",
                            NULL),
            "Ministers agree on a deal");
  CHECK_STR(ann_title_clean(a, "\xE9\xBC\xA0\xE6\xA8\x99\xE6\x89\x8B"
                               "\xE8\x88\x87\xE9\xA0\xB8\xE6\xA4\x8E"
                               "\xE7\x97\x85\xE6\x93\xAC_\xE6\x96\xB0"
                               "\xE8\x8F\xAF\xE7\xB6\xB2",
                            NULL),
            "\xE9\xBC\xA0\xE6\xA8\x99\xE6\x89\x8B\xE8\x88\x87"
            "\xE9\xA0\xB8\xE6\xA4\x8E\xE7\x97\x85\xE6\x93\xAC");
  /* a dash inside the headline stays */
  CHECK_STR(ann_title_clean(a, "Kyiv - Odesa rail link reopens", NULL),
            "Kyiv - Odesa rail link reopens");
}

static ann_doc *doc_of(ann_arena *a, const char *text) {
  ann_doc *d = ann_calloc(a, sizeof *d);
  d->arena = a;
  d->text = text;
  d->text_len = strlen(text);
  return d;
}

static void dateline(ann_arena *a, const char *text, const char *place,
                     const char *date, const char *body) {
  ann_doc *d = doc_of(a, text);
  size_t off = ann_find_dateline(d);
  if (!place) {
    CHECK(!d->dateline.present);
    CHECK_INT(off, 0);
    return;
  }
  CHECK(d->dateline.present);
  CHECK_STR(d->dateline.place, place);
  if (date) CHECK_STR(d->dateline.date, date);
  else CHECK(d->dateline.date == NULL);
  CHECK_STR(text + off, body);
  CHECK(d->dateline.end <= off);
}

static void test_datelines(ann_arena *a) {
  dateline(a, "Tokyo, 29 June, /AJMEDIA/\n\nWar has its own rules.", "Tokyo",
           "29 June", "War has its own rules.");
  dateline(a, "MOSCOW (Reuters) - Russia said on Monday.", "Moscow", NULL,
           "Russia said on Monday.");
  dateline(a, "BAKU, Azerbaijan \xE2\x80\x94 Talks resumed.", "Baku", NULL,
           "Talks resumed.");
  dateline(a, "WASHINGTON \xE2\x80\x94 The Senate voted.", "Washington", NULL,
           "The Senate voted.");
  dateline(a, "PARIS, June 3 (AP) \xE2\x80\x94 Police said.", "Paris",
           "June 3", "Police said.");
  dateline(a, "CONSTAN\xC8\x9A" "A, Romania \xE2\x80\x94 A drone fell.",
           "Constan\xC8\x9B" "a", NULL, "A drone fell.");
  dateline(a, "ST. LOUIS (AP) -- Flooding closed roads.", "St. Louis", NULL,
           "Flooding closed roads.");
  dateline(a, "NEW YORK, Jan. 5, 2024 /PRNewswire/ -- Acme Corp announced.",
           "New York", "Jan. 5, 2024", "Acme Corp announced.");
  dateline(a, "Kyiv, 12 March (Ukrinform) - Shelling continued.", "Kyiv",
           "12 March", "Shelling continued.");
  dateline(a, "ОДЕССА, 17 января — Паромы вернулись.", "Одесса", "17 января",
           "Паромы вернулись.");
  /* not datelines */
  dateline(a, "War has its own rules, written and unwritten.", NULL, NULL,
           NULL);
  dateline(a, "John Smith, a farmer, said the rain came late.", NULL, NULL,
           NULL);
  dateline(a, "The President - who spoke late - left.", NULL, NULL, NULL);
  dateline(a, "Breaking News\n\nThe storm hit.", NULL, NULL, NULL);
  dateline(a, "By Jane Doe, June 3, 2025\n\nThe storm hit.", NULL, NULL,
           NULL);
  dateline(a, "", NULL, NULL, NULL);
  /* a name told with its acronym, going on in lower case */
  dateline(a, "The Asia-Pacific Economic Cooperation (APEC) forum has agreed.",
           NULL, NULL, NULL);
  dateline(a, "The International Labor Office (ILO) reiterated its demand.",
           NULL, NULL, NULL);
  /* without a dash, the body starts a sentence */
  dateline(a, "MOSCOW (Reuters) The talks resumed.", "Moscow", NULL,
           "The talks resumed.");
}

static void test_language(void) {
  struct {
    const char *text, *lang;
  } cases[] = {
      {"The minister said on Monday that the talks with the union would "
       "resume after the holiday, and that he was hopeful.", "en"},
      {"Министр заявил в понедельник, что переговоры с профсоюзом "
       "возобновятся после праздников.", "ru"},
      {"Міністр заявив у понеділок, що переговори з профспілкою "
       "відновляться після свят, і він сповнений надії.", "uk"},
      {"新华社北京6月29日电 国务院总理今天在人民大会堂会见了来访的代表团。", "zh"},
      {"東京都は29日、新たな感染者が確認されたと発表しました。政府は対策を強化する方針です。", "ja"},
      {"Ο υπουργός δήλωσε τη Δευτέρα ότι οι συνομιλίες θα συνεχιστούν.", "el"},
      {"Minister powiedział w poniedziałek, że rozmowy ze związkiem zostaną "
       "wznowione po świętach, i że jest pełen nadziei.", "pl"},
      {"Der Minister sagte am Montag, dass die Gespräche mit der "
       "Gewerkschaft nach den Feiertagen wieder aufgenommen werden.", "de"},
      {"Le ministre a déclaré lundi que les négociations avec le syndicat "
       "reprendront après les fêtes et qu'il est plein d'espoir.", "fr"},
      {"El ministro dijo el lunes que las conversaciones con el sindicato "
       "se reanudarán después de las fiestas.", "es"},
      {"Il ministro ha detto lunedì che i colloqui con il sindacato "
       "riprenderanno dopo le feste, e che è fiducioso.", "it"},
      {"O ministro disse na segunda-feira que as negociações com o "
       "sindicato serão retomadas depois das festas.", "pt"},
      {"قال الوزير يوم الاثنين إن المحادثات مع النقابة ستستأنف بعد العطلة.", "ar"},
      {"Bakan pazartesi günü yaptığı açıklamada, sendika ile görüşmelerin "
       "tatilden sonra yeniden başlayacağını ve umutlu olduğunu söyledi. "
       "Bu açıklama bir çok kişi için daha önemli olarak görüldü.", "tr"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    const char *l = ann_detect_language(cases[i].text, strlen(cases[i].text));
    CHECK_STR(l, cases[i].lang);
  }
  CHECK(ann_detect_language("", 0) == NULL);
  CHECK(ann_detect_language("12345 !!!", 9) == NULL);
  CHECK(ann_detect_language(NULL, 0) == NULL);
}

static void test_plain_text(ann_arena *a) {
  const char *in = "WASHINGTON \xE2\x80\x94 The Senate voted\non Tuesday.\r\n\r\n"
                   "Second  paragraph.\n";
  ann_doc *d = ann_calloc(a, sizeof *d);
  d->arena = a;
  ann_limits lim;
  ann_limits_default(&lim);
  ann_error e;
  CHECK(ann_extract_text(d, in, strlen(in), &lim, &e) == 0);
  CHECK_STR(d->text, "WASHINGTON \xE2\x80\x94 The Senate voted on Tuesday.\n\n"
                     "Second paragraph.");
  CHECK(d->dateline.present);
  CHECK_STR(d->dateline.place, "Washington");
  CHECK_STR(d->language, "en");
}

/* ann_extract_html on small pages: hostile attributes (a class longer
 * than the classifier's buffer, found by fuzz_extract), metadata order. */
static void test_html(ann_arena *a) {
  ann_limits lim;
  ann_limits_default(&lim);
  ann_error e;
  char page[2048];
  char cls[400];
  memset(cls, 'x', sizeof cls - 1);
  cls[sizeof cls - 1] = 0;
  snprintf(page, sizeof page,
           "<html><body><div class=\"%s\" id=\"main\"><p>The minister "
           "said on Monday that the talks, which began in May, would "
           "resume.</p></div></body></html>",
           cls);
  ann_doc *d = ann_calloc(a, sizeof *d);
  d->arena = a;
  CHECK(ann_extract_html(d, page, strlen(page), &lim, &e) == 0);
  CHECK_STR(d->text, "The minister said on Monday that the talks, which "
                     "began in May, would resume.");
  /* JSON-LD outranks Open Graph for the date; og:title for the title;
   * <html lang> for the language */
  const char *meta =
      "<html lang=\"de-DE\"><head><title>Ein Titel | Seite</title>"
      "<meta property=\"og:title\" content=\"Ein Titel\">"
      "<meta property=\"article:published_time\" content=\"2024-01-02\">"
      "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
      "\"datePublished\":\"2024-01-03T10:00:00Z\",\"author\":"
      "{\"name\":\"Anna Schmidt\"}}</script></head><body><article>"
      "<p>BERLIN (dpa) - Die Regierung hat am Montag, wie erwartet, "
      "einen neuen Haushalt vorgelegt.</p></article></body></html>";
  d = ann_calloc(a, sizeof *d);
  d->arena = a;
  CHECK(ann_extract_html(d, meta, strlen(meta), &lim, &e) == 0);
  CHECK_STR(d->title, "Ein Titel");
  CHECK_STR(d->published, "2024-01-03T10:00:00Z");
  CHECK_STR(d->language, "de");
  CHECK_INT(d->authors.n, 1);
  if (d->authors.n) CHECK_STR(d->authors.v[0], "Anna Schmidt");
  CHECK(d->dateline.present);
  CHECK_STR(d->dateline.place, "Berlin");
}

int main(void) {
  ann_arena *a = ann_arena_new(64 * 1024, 0);
  test_dates();
  test_titles(a);
  test_datelines(a);
  test_language();
  test_plain_text(a);
  test_html(a);
  ann_arena_free(a);
  return check_done();
}
