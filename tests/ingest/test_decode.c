/* test_decode.c — charset decision and conversion on byte fixtures. */
#include "annalist/decode.h"
#include "check.h"
#include "decode/charset.h"

#include <iconv.h>
#include <stdlib.h>
#include <string.h>

static ann_arena *A;

/* Decode a fixture; returns the text and sets *cs to the charset used. */
static const char *dec(const char *bytes, size_t len, const char *http,
                       bool html, const char **cs) {
  ann_decoded d = {0};
  ann_error e = {0};
  int rc = ann_decode(A, (const unsigned char *)bytes, len, http, html, &d, &e);
  CHECK_INT(rc, 0);
  if (rc < 0) return "";
  CHECK(strlen(d.text) == d.len); /* NUL-terminated, no NUL inside */
  if (cs) *cs = d.charset;
  return d.text;
}
#define DEC(lit, http, html, cs) dec(lit, sizeof(lit) - 1, http, html, cs)

/* UTF-8 literal -> bytes in charset (for long detection fixtures). */
static char *enc(const char *to, const char *utf8, size_t *len) {
  iconv_t cd = iconv_open(to, "UTF-8");
  size_t n = strlen(utf8), cap = n * 2 + 16, left = cap;
  char *out = ann_alloc(A, cap), *op = out, *ip = (char *)utf8;
  iconv(cd, &ip, &n, &op, &left);
  iconv_close(cd);
  *len = cap - left;
  return out;
}

static void test_labels(void) {
  const ann_charset *c;
  CHECK((c = ann_charset_lookup("latin1", 6)) &&
        !strcmp(c->name, "windows-1252"));
  CHECK((c = ann_charset_lookup(" US-ASCII ", 10)) &&
        !strcmp(c->name, "windows-1252"));
  CHECK((c = ann_charset_lookup("ISO-8859-1", 10)) &&
        !strcmp(c->name, "windows-1252"));
  CHECK((c = ann_charset_lookup("x-sjis", 6)) && !strcmp(c->name, "shift_jis"));
  CHECK((c = ann_charset_lookup("gb2312", 6)) && !strcmp(c->name, "gbk"));
  CHECK((c = ann_charset_lookup("GB18030", 7)) && !strcmp(c->name, "gb18030"));
  CHECK((c = ann_charset_lookup("ks_c_5601-1987", 14)) &&
        !strcmp(c->name, "euc-kr"));
  CHECK((c = ann_charset_lookup("utf8", 4)) && !strcmp(c->name, "utf-8"));
  CHECK(ann_charset_lookup("klingon", 7) == NULL);
  CHECK(ann_charset_lookup("", 0) == NULL);
  /* a NUL inside the label (found by fuzz_decode: read past a label) */
  CHECK(ann_charset_lookup("latin1\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0",
                           27) == NULL);
  CHECK(ann_charset_lookup("latin1x", 6) != NULL); /* n bytes only */
}

static void test_prescan(void) {
  const char *p;
  const ann_charset *c;
  p = "<html><head><meta charset='koi8-r'>";
  CHECK((c = ann_charset_prescan((const unsigned char *)p, strlen(p), 1024)) &&
        !strcmp(c->name, "koi8-r"));
  p = "<meta http-equiv=\"Content-Type\" content=\"text/html; "
      "charset=EUC-JP\">";
  CHECK((c = ann_charset_prescan((const unsigned char *)p, strlen(p), 1024)) &&
        !strcmp(c->name, "euc-jp"));
  /* content= without the http-equiv pragma does not count */
  p = "<meta content=\"text/html; charset=EUC-JP\">";
  CHECK(ann_charset_prescan((const unsigned char *)p, strlen(p), 1024) == NULL);
  /* inside a comment, or an attribute of another tag: not a declaration */
  p = "<!-- <meta charset=koi8-r> --><div title='<meta charset=koi8-r>'>";
  CHECK(ann_charset_prescan((const unsigned char *)p, strlen(p), 1024) == NULL);
  /* utf-16 in a meta means utf-8 (the bytes we read are ASCII) */
  p = "<meta charset=utf-16le>";
  CHECK((c = ann_charset_prescan((const unsigned char *)p, strlen(p), 1024)) &&
        !strcmp(c->name, "utf-8"));
  /* beyond the window */
  char buf[1200];
  memset(buf, ' ', sizeof buf);
  memcpy(buf + 1100, "<meta charset=koi8-r>", 21);
  CHECK(ann_charset_prescan((unsigned char *)buf, 1121, 1024) == NULL);
  CHECK(ann_charset_prescan((unsigned char *)buf, 1121, 4096) != NULL);
  /* unknown label, then a good one: the first charset attribute wins, and
   * an unknown one means none */
  p = "<meta charset=bogus><meta charset=iso-8859-2>";
  CHECK((c = ann_charset_prescan((const unsigned char *)p, strlen(p), 1024)) &&
        !strcmp(c->name, "iso-8859-2"));
  p = "<meta charset=\"unterminated";
  CHECK(ann_charset_prescan((const unsigned char *)p, strlen(p), 1024) == NULL);
}

static void test_decode(void) {
  const char *cs = NULL, *t;
  /* windows-1251 Cyrillic declared by <meta> */
  t = DEC("<html><head><meta charset=\"windows-1251\"></head>"
          "<body>\xCF\xF0\xE8\xE2\xE5\xF2</body></html>",
          NULL, true, &cs);
  CHECK(strstr(
      t, "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82")); /* Привет */
  CHECK_STR(cs, "windows-1251");
  /* ISO-8859-1 from HTTP means windows-1252: 0x80 is the euro sign */
  t = DEC("caf\xE9 \x80", "iso-8859-1", false, &cs);
  CHECK_STR(t, "caf\xC3\xA9 \xE2\x82\xAC");
  CHECK_STR(cs, "windows-1252");
  /* the HTTP charset beats the <meta> */
  t = DEC("<meta charset=windows-1251>\xE9", "ISO-8859-1", true, &cs);
  CHECK_STR(cs, "windows-1252");
  CHECK(strstr(t, "\xC3\xA9") != NULL);
  /* Latin-1 said over valid UTF-8 (a server default): UTF-8 */
  t = DEC("caf\xC3\xA9", "iso-8859-1", false, &cs);
  CHECK_STR(cs, "utf-8");
  CHECK_STR(t, "caf\xC3\xA9");
  t = DEC("<meta charset=latin1>caf\xC3\xA9", NULL, true, &cs);
  CHECK_STR(cs, "utf-8");
  /* the same for any legacy label (a page converted to UTF-8 that kept its
   * old <meta>) */
  t = DEC("<meta charset=windows-1251>\xD0\x9F\xD1\x80\xD0\xB8", NULL, true,
          &cs);
  CHECK_STR(cs, "utf-8");
  CHECK(strstr(t, "\xD0\x9F\xD1\x80\xD0\xB8") != NULL);
  /* ... but not over ASCII, nor over bytes that are not UTF-8 */
  t = DEC("plain", "iso-8859-1", false, &cs);
  CHECK_STR(cs, "windows-1252");
  t = DEC("caf\xC3\xA9 na\xEFve", "iso-8859-1", false, &cs);
  CHECK_STR(cs, "windows-1252");
  CHECK_STR(t, "caf\xC3\x83\xC2\xA9 na\xC3\xAFve");
  /* Shift_JIS through http-equiv and the x-sjis label: 日本 */
  t = DEC("<meta http-equiv=content-type content='text/html;charset=x-sjis'>"
          "\x93\xFA\x96\x7B",
          NULL, true, &cs);
  CHECK(strstr(t, "\xE6\x97\xA5\xE6\x9C\xAC") != NULL);
  CHECK_STR(cs, "shift_jis");
  /* GBK by its gb2312 label: 中文 */
  t = DEC("<meta charset=gb2312><p>\xD6\xD0\xCE\xC4</p>", NULL, true, &cs);
  CHECK(strstr(t, "\xE4\xB8\xAD\xE6\x96\x87") != NULL);
  CHECK_STR(cs, "gbk");
  /* UTF-16 with a BOM, both orders; a lone surrogate becomes U+FFFD */
  t = DEC("\xFF\xFEh\0i\0", NULL, false, &cs);
  CHECK_STR(t, "hi");
  CHECK_STR(cs, "utf-16le");
  t = DEC("\xFE\xFF\0h\0\xE9", NULL, false, &cs);
  CHECK_STR(t, "h\xC3\xA9");
  CHECK_STR(cs, "utf-16be");
  t = DEC("\xFF\xFE\x00\xD8x\0", NULL, false, &cs);
  CHECK_STR(t, "\xEF\xBF\xBDx");
  /* odd byte count: the half unit at the end is U+FFFD */
  t = DEC("\xFF\xFEh\0i", NULL, false, &cs);
  CHECK_STR(t, "h\xEF\xBF\xBD");
  /* invalid UTF-8 in UTF-8 text: U+FFFD per bad byte, never an error */
  t = DEC("ok \xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9 \xFF end", NULL, false, &cs);
  CHECK_STR(t, "ok \xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9 \xEF\xBF\xBD end");
  CHECK_STR(cs, "utf-8");
  /* overlong and surrogate encodings are invalid too */
  t = DEC("\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC0\xAF\xED\xA0\x80", NULL, false,
          &cs);
  CHECK(strstr(t, "\xC0") == NULL && strstr(t, "\xED\xA0") == NULL);
  /* a BOM beats a conflicting <meta> */
  t = DEC("\xEF\xBB\xBF<meta charset=windows-1251>\xD0\x9F", NULL, true, &cs);
  CHECK_STR(cs, "utf-8");
  CHECK(strstr(t, "\xD0\x9F") != NULL && strncmp(t, "\xEF\xBB\xBF", 3) != 0);
  /* NUL bytes are dropped, in UTF-8 and after conversion */
  t = DEC("a\0b", NULL, false, &cs);
  CHECK_STR(t, "ab");
  t = DEC("a\0\xE9", "latin1", false, &cs);
  CHECK_STR(t, "a\xC3\xA9");
  /* a UTF-8 sequence cut by the end of the input is still UTF-8 */
  t = DEC("\xC3\xA9t\xC3\xA9 \xE2\x82", NULL, false, &cs);
  CHECK_STR(cs, "utf-8");
  CHECK_STR(t, "\xC3\xA9t\xC3\xA9 \xEF\xBF\xBD\xEF\xBF\xBD");
  /* an unknown HTTP label falls through to the next clue */
  t = DEC("\xC3\xA9", "x-klingon", false, &cs);
  CHECK_STR(cs, "utf-8");
  /* empty input */
  t = DEC("", NULL, true, &cs);
  CHECK_STR(t, "");
  /* NFC: e + combining acute becomes é */
  t = DEC("caf"
          "e\xCC\x81",
          NULL, false, &cs);
  CHECK_STR(t, "caf\xC3\xA9");
  /* an invalid byte in a declared single-byte charset: U+FFFD */
  t = DEC("a\x81z", "windows-1252", false, &cs);
  CHECK_STR(t, "a\xEF\xBF\xBDz");
  /* invalid Shift_JIS pair: U+FFFD, the rest survives */
  t = DEC("x\x85\x20y", "shift_jis", false, &cs);
  CHECK(strstr(t, "y") != NULL && strstr(t, "\xEF\xBF\xBD") != NULL);
  /* ISO-2022-JP (stateful) */
  t = DEC("\x1b$BF|K\\\x1b(B!", "iso-2022-jp", false, &cs);
  CHECK_STR(t, "\xE6\x97\xA5\xE6\x9C\xAC!");
}

/* Without any declaration: uchardet on enough text, else windows-1252. */
static void test_detect(void) {
  const char *ru =
      "Москва, 12 марта. Правительство России объявило сегодня о новых "
      "мерах поддержки экономики. По словам министра финансов, программа "
      "рассчитана на три года и затронет малый и средний бизнес, сельское "
      "хозяйство и строительство жилья в регионах страны.";
  size_t n;
  char *b = enc("CP1251", ru, &n);
  const char *cs = NULL;
  const char *t = dec(b, n, NULL, true, &cs);
  CHECK_STR(cs, "windows-1251");
  CHECK_STR(t, ru);
  b = enc("KOI8-R", ru, &n);
  t = dec(b, n, NULL, true, &cs);
  CHECK_STR(cs, "koi8-r");
  const char *ja =
      "東京都は十二日、新しい感染症対策を発表した。知事は記者会見で、"
      "飲食店への営業時間の短縮要請を来月末まで延長すると述べた。"
      "専門家は今後の感染拡大に警戒が必要だと指摘している。";
  b = enc("SHIFT_JIS", ja, &n);
  t = dec(b, n, NULL, true, &cs);
  CHECK_STR(cs, "shift_jis");
  CHECK_STR(t, ja);
  const char *zh = "新华社北京三月十二日电国务院总理今天主持召开国务院常务"
                   "会议部署进一步做好稳就业工作推动经济社会持续健康发展。";
  b = enc("GB18030", zh, &n);
  t = dec(b, n, NULL, true, &cs);
  CHECK(!strcmp(cs, "gb18030") || !strcmp(cs, "gbk"));
  CHECK_STR(t, zh);
  /* a <meta> far down the head beats a guess when the bytes are not UTF-8 */
  char page[3000];
  memset(page, ' ', sizeof page);
  memcpy(page, "<script>", 8);
  memcpy(page + 2000, "<meta charset=iso-8859-2>\xB1", 26);
  t = dec(page, 2026, NULL, true, &cs);
  CHECK_STR(cs, "iso-8859-2");
  CHECK(strstr(t, "\xC4\x85") != NULL); /* ą */
  /* Western text with curly quotes and a few accents: windows-1252, not
   * the windows-1250 uchardet tends to answer */
  const char *en =
      "The minister\u2019s caf\u00e9 visit \u2014 \u201cna\u00efve\u201d "
      "critics said \u2014 drew crowds to the r\u00e9sum\u00e9 launch in "
      "Z\u00fcrich, where the se\u00f1or\u2019s speech was well received.";
  b = enc("CP1252", en, &n);
  t = dec(b, n, NULL, true, &cs);
  CHECK_STR(cs, "windows-1252");
  CHECK_STR(t, en);
  /* a lone high byte in ASCII: never fails, comes out as valid UTF-8 */
  t = DEC("plain \xE9 text", NULL, false, &cs);
  CHECK(strstr(t, "plain ") == t && strstr(t, " text") != NULL);
}

int main(void) {
  A = ann_arena_new(1 << 16, 0);
  test_labels();
  test_prescan();
  test_decode();
  test_detect();
  ann_arena_free(A);
  return check_done();
}
