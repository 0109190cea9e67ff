/*
 * tags.c — tag names, tag ids and their tree-building properties.
 *
 * Public ids come from ANN_TAGS in html.h; a few more names the tree
 * builder must recognise (xmp, plaintext, foreignobject...) get internal
 * ids after ANN_TAG_COUNT and are reported as ANN_TAG_UNKNOWN. One static
 * open-addressing table maps a lower-case name to its id; it is filled
 * once (pthread_once) and read-only afterwards, so parsers on several
 * threads share it.
 */
#include "html/tags.h"

#include <pthread.h>
#include <string.h>

static const char *const public_upper[ANN_TAG_COUNT] = {
#define ANN_TAG_NAME(n) #n,
    ANN_TAGS(ANN_TAG_NAME)
#undef ANN_TAG_NAME
};

static const char *const extra_names[HT_COUNT - ANN_TAG_COUNT] = {
    "xmp",     "plaintext",
    "noembed", "noframes",
    "listing", "image",
    "keygen",  "basefont",
    "bgsound", "hgroup",
    "dir",     "applet",
    "marquee", "nobr",
    "big",     "strike",
    "tt",      "foreignobject",
    "desc",    "annotation-xml",
    "mi",      "mo",
    "mn",      "ms",
    "mtext",   "ruby",
    "rb",      "rt",
    "rp",      "rtc",
    "search",  ""};

/* Names of every internal id: public names lower-cased with '_' -> '-'. */
static char public_names[ANN_TAG_COUNT][16];
const char *ht_names[HT_COUNT];
uint16_t ht_flags[HT_COUNT];

#define NSLOTS 1024
static int16_t slots[NSLOTS];
static uint32_t lens[HT_COUNT];

/* Attribute names common enough on news pages to be shared instead of
 * copied per element. */
static const char *const attr_names[] = {"class",
                                         "id",
                                         "href",
                                         "src",
                                         "style",
                                         "title",
                                         "alt",
                                         "rel",
                                         "type",
                                         "name",
                                         "content",
                                         "property",
                                         "width",
                                         "height",
                                         "target",
                                         "lang",
                                         "charset",
                                         "value",
                                         "itemprop",
                                         "itemscope",
                                         "itemtype",
                                         "datetime",
                                         "role",
                                         "srcset",
                                         "sizes",
                                         "loading",
                                         "async",
                                         "defer",
                                         "media",
                                         "action",
                                         "method",
                                         "for",
                                         "onclick",
                                         "border",
                                         "align",
                                         "valign",
                                         "colspan",
                                         "rowspan",
                                         "cellpadding",
                                         "cellspacing",
                                         "data-src",
                                         "data-id",
                                         "aria-label",
                                         "aria-hidden",
                                         "hidden",
                                         "tabindex",
                                         "frameborder",
                                         "scrolling",
                                         "http-equiv",
                                         "crossorigin",
                                         "integrity",
                                         "xmlns",
                                         "d",
                                         "fill",
                                         "viewbox",
                                         "placeholder",
                                         "autocomplete",
                                         "dir",
                                         "label",
                                         "selected",
                                         "checked",
                                         "disabled",
                                         "language",
                                         "bgcolor",
                                         "color",
                                         "face",
                                         "size",
                                         "clear",
                                         "hspace",
                                         "vspace",
                                         "nowrap",
                                         "data-href",
                                         "data-url",
                                         "data-type",
                                         "aria-expanded",
                                         "aria-controls",
                                         "pubdate",
                                         "itemid",
                                         "data-lazy-src",
                                         "decoding",
                                         "referrerpolicy",
                                         "allow",
                                         "allowfullscreen",
                                         "data-original",
                                         "stroke",
                                         "points",
                                         "transform"};
#define NATTR (sizeof attr_names / sizeof *attr_names)
#define ASLOTS 512
static int16_t aslots[ASLOTS];
static uint8_t alens[NATTR];

static void set(const int *ids, size_t n, uint16_t f) {
  for (size_t i = 0; i < n; i++)
    ht_flags[ids[i]] |= f;
}
#define SET(f, ...)                                                            \
  do {                                                                         \
    static const int ids_[] = {__VA_ARGS__};                                   \
    set(ids_, sizeof ids_ / sizeof *ids_, f);                                  \
  } while (0)

static void init(void) {
  for (int i = 0; i < ANN_TAG_COUNT; i++) {
    const char *u = public_upper[i];
    size_t k = 0;
    for (; u[k] && k < 15; k++)
      public_names[i][k] = u[k] == '_' ? '-' : (char)(u[k] | 0x20);
    public_names[i][k] = 0;
    ht_names[i] = public_names[i];
  }
  ht_names[ANN_TAG_UNKNOWN] = "";
  for (int i = ANN_TAG_COUNT; i < HT_COUNT; i++)
    ht_names[i] = extra_names[i - ANN_TAG_COUNT];
  for (int i = 0; i < NSLOTS; i++)
    slots[i] = -1;
  for (int i = 1; i < HT_COUNT; i++) {
    if (i == HT_TOMB) continue;
    size_t n = strlen(ht_names[i]);
    lens[i] = (uint32_t)n;
    uint32_t h = ht_hash(ht_names[i], n);
    size_t s = h & (NSLOTS - 1);
    while (slots[s] >= 0)
      s = (s + 1) & (NSLOTS - 1);
    slots[s] = (int16_t)i;
  }

  for (int i = 0; i < ASLOTS; i++)
    aslots[i] = -1;
  for (size_t i = 0; i < NATTR; i++) {
    size_t n = strlen(attr_names[i]);
    alens[i] = (uint8_t)n;
    size_t s = ht_hash(attr_names[i], n) & (ASLOTS - 1);
    while (aslots[s] >= 0)
      s = (s + 1) & (ASLOTS - 1);
    aslots[s] = (int16_t)i;
  }

  SET(HF_VOID, ANN_TAG_AREA, ANN_TAG_BASE, ANN_TAG_BR, ANN_TAG_COL,
      ANN_TAG_EMBED, ANN_TAG_FRAME, ANN_TAG_HR, ANN_TAG_IMG, ANN_TAG_INPUT,
      ANN_TAG_LINK, ANN_TAG_META, ANN_TAG_PARAM, ANN_TAG_SOURCE, ANN_TAG_TRACK,
      ANN_TAG_WBR, HT_KEYGEN, HT_BASEFONT, HT_BGSOUND, HT_IMAGE);
  SET(HF_CLOSEP, ANN_TAG_ADDRESS, ANN_TAG_ARTICLE, ANN_TAG_ASIDE,
      ANN_TAG_BLOCKQUOTE, ANN_TAG_CENTER, ANN_TAG_DETAILS, ANN_TAG_DIALOG,
      HT_DIR, ANN_TAG_DIV, ANN_TAG_DL, ANN_TAG_FIELDSET, ANN_TAG_FIGCAPTION,
      ANN_TAG_FIGURE, ANN_TAG_FOOTER, ANN_TAG_HEADER, HT_HGROUP, ANN_TAG_MAIN,
      ANN_TAG_MENU, ANN_TAG_NAV, ANN_TAG_OL, ANN_TAG_P, HT_SEARCH,
      ANN_TAG_SECTION, ANN_TAG_SUMMARY, ANN_TAG_UL, ANN_TAG_H1, ANN_TAG_H2,
      ANN_TAG_H3, ANN_TAG_H4, ANN_TAG_H5, ANN_TAG_H6, ANN_TAG_PRE, HT_LISTING,
      ANN_TAG_FORM, ANN_TAG_LI, ANN_TAG_DD, ANN_TAG_DT, HT_PLAINTEXT,
      ANN_TAG_TABLE, ANN_TAG_HR, HT_XMP);
  SET(HF_HEAD, ANN_TAG_BASE, HT_BASEFONT, HT_BGSOUND, ANN_TAG_LINK,
      ANN_TAG_META, ANN_TAG_TITLE, ANN_TAG_NOSCRIPT, HT_NOFRAMES, ANN_TAG_STYLE,
      ANN_TAG_SCRIPT, ANN_TAG_TEMPLATE);
  SET(HF_RAW, ANN_TAG_SCRIPT, ANN_TAG_STYLE, HT_XMP, ANN_TAG_IFRAME, HT_NOEMBED,
      HT_NOFRAMES);
  SET(HF_RCDATA, ANN_TAG_TITLE, ANN_TAG_TEXTAREA);
  SET(HF_HEADING, ANN_TAG_H1, ANN_TAG_H2, ANN_TAG_H3, ANN_TAG_H4, ANN_TAG_H5,
      ANN_TAG_H6);
  SET(HF_BREAKOUT, ANN_TAG_B, HT_BIG, ANN_TAG_BLOCKQUOTE, ANN_TAG_BODY,
      ANN_TAG_BR, ANN_TAG_CENTER, ANN_TAG_CODE, ANN_TAG_DD, ANN_TAG_DIV,
      ANN_TAG_DL, ANN_TAG_DT, ANN_TAG_EM, ANN_TAG_EMBED, ANN_TAG_H1, ANN_TAG_H2,
      ANN_TAG_H3, ANN_TAG_H4, ANN_TAG_H5, ANN_TAG_H6, ANN_TAG_HEAD, ANN_TAG_HR,
      ANN_TAG_I, ANN_TAG_IMG, ANN_TAG_LI, HT_LISTING, ANN_TAG_MENU,
      ANN_TAG_META, HT_NOBR, ANN_TAG_OL, ANN_TAG_P, ANN_TAG_PRE, HT_RUBY,
      ANN_TAG_S, ANN_TAG_SMALL, ANN_TAG_SPAN, ANN_TAG_STRONG, HT_STRIKE,
      ANN_TAG_SUB, ANN_TAG_SUP, ANN_TAG_TABLE, HT_TT, ANN_TAG_U, ANN_TAG_UL,
      ANN_TAG_VAR);
  SET(HF_INTEGRATION, HT_FOREIGNOBJECT, HT_DESC, ANN_TAG_TITLE,
      HT_ANNOTATION_XML, HT_MI, HT_MO, HT_MN, HT_MS, HT_MTEXT);
  SET(HF_PRE, ANN_TAG_PRE, HT_LISTING, ANN_TAG_TEXTAREA);
  SET(HF_SPECIAL, ANN_TAG_ADDRESS, HT_APPLET, ANN_TAG_AREA, ANN_TAG_ARTICLE,
      ANN_TAG_ASIDE, ANN_TAG_BASE, HT_BASEFONT, HT_BGSOUND, ANN_TAG_BLOCKQUOTE,
      ANN_TAG_BODY, ANN_TAG_BR, ANN_TAG_BUTTON, ANN_TAG_CAPTION, ANN_TAG_CENTER,
      ANN_TAG_COL, ANN_TAG_COLGROUP, ANN_TAG_DD, ANN_TAG_DETAILS, HT_DIR,
      ANN_TAG_DIV, ANN_TAG_DL, ANN_TAG_DT, ANN_TAG_EMBED, ANN_TAG_FIELDSET,
      ANN_TAG_FIGCAPTION, ANN_TAG_FIGURE, ANN_TAG_FOOTER, ANN_TAG_FORM,
      ANN_TAG_FRAME, ANN_TAG_FRAMESET, ANN_TAG_H1, ANN_TAG_H2, ANN_TAG_H3,
      ANN_TAG_H4, ANN_TAG_H5, ANN_TAG_H6, ANN_TAG_HEAD, ANN_TAG_HEADER,
      HT_HGROUP, ANN_TAG_HR, ANN_TAG_HTML, ANN_TAG_IFRAME, ANN_TAG_IMG,
      ANN_TAG_INPUT, HT_KEYGEN, ANN_TAG_LI, ANN_TAG_LINK, HT_LISTING,
      ANN_TAG_MAIN, HT_MARQUEE, ANN_TAG_MENU, ANN_TAG_META, ANN_TAG_NAV,
      HT_NOEMBED, HT_NOFRAMES, ANN_TAG_NOSCRIPT, ANN_TAG_OBJECT, ANN_TAG_OL,
      ANN_TAG_P, ANN_TAG_PARAM, HT_PLAINTEXT, ANN_TAG_PRE, ANN_TAG_SCRIPT,
      HT_SEARCH, ANN_TAG_SECTION, ANN_TAG_SELECT, ANN_TAG_SOURCE, ANN_TAG_STYLE,
      ANN_TAG_SUMMARY, ANN_TAG_TABLE, ANN_TAG_TBODY, ANN_TAG_TD,
      ANN_TAG_TEMPLATE, ANN_TAG_TEXTAREA, ANN_TAG_TFOOT, ANN_TAG_TH,
      ANN_TAG_THEAD, ANN_TAG_TITLE, ANN_TAG_TR, ANN_TAG_TRACK, ANN_TAG_UL,
      ANN_TAG_WBR, HT_XMP, HT_MI, HT_MO, HT_MN, HT_MS, HT_MTEXT,
      HT_ANNOTATION_XML, HT_FOREIGNOBJECT, HT_DESC);
  SET(HF_FORMATTING, ANN_TAG_A, ANN_TAG_B, HT_BIG, ANN_TAG_CODE, ANN_TAG_EM,
      ANN_TAG_FONT, ANN_TAG_I, HT_NOBR, ANN_TAG_S, ANN_TAG_SMALL, HT_STRIKE,
      ANN_TAG_STRONG, HT_TT, ANN_TAG_U);
  SET(HF_PHRASING, ANN_TAG_A, ANN_TAG_ABBR, ANN_TAG_B, HT_BIG, ANN_TAG_CITE,
      ANN_TAG_CODE, ANN_TAG_DEL, ANN_TAG_EM, ANN_TAG_FONT, ANN_TAG_I,
      ANN_TAG_INS, ANN_TAG_KBD, ANN_TAG_LABEL, ANN_TAG_MARK, HT_NOBR, ANN_TAG_Q,
      ANN_TAG_S, ANN_TAG_SAMP, ANN_TAG_SMALL, ANN_TAG_SPAN, HT_STRIKE,
      ANN_TAG_STRONG, ANN_TAG_SUB, ANN_TAG_SUP, ANN_TAG_TIME, HT_TT, ANN_TAG_U,
      ANN_TAG_VAR, HT_RUBY, HT_RB, HT_RT, HT_RP, HT_RTC);
}

static pthread_once_t once = PTHREAD_ONCE_INIT;

void ht_init(void) { pthread_once(&once, init); }

int ht_lookup(const char *name, size_t n, uint32_t h) {
  size_t s = h & (NSLOTS - 1);
  for (;;) {
    int id = slots[s];
    if (id < 0) return -1;
    if (lens[id] == n && ht_eq(ht_names[id], name, n)) return id;
    s = (s + 1) & (NSLOTS - 1);
  }
}

ann_tag ann_html_tag(const char *name, size_t n) {
  ht_init();
  int id = ht_lookup(name, n, ht_hash(name, n));
  return id > 0 && id < ANN_TAG_COUNT ? (ann_tag)id : ANN_TAG_UNKNOWN;
}

const char *ht_attr_name(const char *name, size_t n, uint32_t h) {
  size_t s = h & (ASLOTS - 1);
  for (;;) {
    int id = aslots[s];
    if (id < 0) return NULL;
    if (alens[id] == n && ht_eq(attr_names[id], name, n)) return attr_names[id];
    s = (s + 1) & (ASLOTS - 1);
  }
}
