/*
 * html.c — the article body and metadata of an HTML page.
 *
 * One pre-order pass over the DOM (html.h) flattens the visited nodes into
 * an array, skipping what can never be article text (scripts, forms,
 * navigation, asides, hidden elements, and elements whose class, id or
 * role names boilerplate: share, related, comments, cookie banners...).
 * On the way it collects metadata (meta tags, JSON-LD, <time>, <h1>...).
 * Because the array is in pre-order, a subtree is a contiguous range, and
 * text and link lengths are summed bottom-up by one reverse loop.
 *
 * Scoring follows Readability: every block with 25+ characters of its own
 * text is a paragraph worth 1 + commas + length/100 (max 3), given to its
 * parent in full and to its grandparent at half (further ancestors less);
 * a candidate starts from a tag bonus and a class/id weight (+/-25), and
 * its final score is damped by its link density. The best candidate may be
 * replaced by an ancestor that gathers several good candidates, then its
 * siblings that look like continuation (an article split across several
 * <div>s) are added. The text of the chosen nodes is written block by
 * block, "\n\n" between blocks, dropping link lists, headings of removed
 * sections and short boilerplate lines.
 */
#include "annalist/extract.h"
#include "annalist/html.h"
#include "extract_int.h"

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------- class/id hints -- */

enum {
  H_NEG = 1,     /* boilerplate whatever else the name says */
  H_WEAK = 2,    /* boilerplate unless also positive */
  H_POS = 4,     /* article-like */
  H_STRONG = 8,  /* certainly the article body */
  H_COMMENT = 16 /* reader comments: never the article */
};

typedef struct hint {
  const char *s;
  unsigned char len, kind;
} hint;

#define HN(s, k) {s, sizeof s - 1, k}
static const hint hints[] = {
    /* certainly the body */
    HN("articlebody", H_STRONG), HN("article-body", H_STRONG),
    HN("article_body", H_STRONG), HN("entry-content", H_STRONG),
    HN("post-content", H_STRONG), HN("post-body", H_STRONG),
    HN("postbody", H_STRONG), HN("story-body", H_STRONG),
    HN("storybody", H_STRONG), HN("article-content", H_STRONG),
    HN("article-text", H_STRONG), HN("articletext", H_STRONG),
    HN("story-content", H_STRONG), HN("main-content", H_STRONG),
    HN("post-entry", H_STRONG), HN("entry-body", H_STRONG),
    HN("article__body", H_STRONG), HN("article__content", H_STRONG),
    HN("story-text", H_STRONG), HN("news-text", H_STRONG),
    HN("newstext", H_STRONG), HN("content-body", H_STRONG),
    /* article-like */
    HN("article", H_POS), HN("content", H_POS), HN("entry", H_POS),
    HN("main", H_POS), HN("post", H_POS), HN("text", H_POS),
    HN("blog", H_POS), HN("story", H_POS), HN("body", H_POS),
    HN("column", H_POS), HN("news", H_POS),
    /* boilerplate */
    HN("comment", H_NEG | H_COMMENT), HN("reply", H_NEG | H_COMMENT),
    HN("respond", H_NEG | H_COMMENT), HN("disqus", H_NEG | H_COMMENT),
    HN("share", H_NEG), HN("sharing", H_NEG), HN("social", H_NEG),
    HN("related", H_NEG), HN("cookie", H_NEG), HN("consent", H_NEG),
    HN("gdpr", H_NEG), HN("newsletter", H_NEG), HN("subscri", H_NEG),
    HN("paywall", H_NEG), HN("most-read", H_NEG), HN("mostread", H_NEG),
    HN("most-popular", H_NEG), HN("popular", H_NEG),
    HN("breadcrumb", H_NEG), HN("author-bio", H_NEG),
    HN("authorbio", H_NEG), HN("about-author", H_NEG),
    HN("caption", H_NEG), HN("credit", H_NEG),
    HN("outbrain", H_NEG), HN("taboola", H_NEG), HN("promo", H_NEG),
    HN("advert", H_NEG), HN("sponsor", H_NEG), HN("widget", H_NEG),
    HN("sidebar", H_NEG), HN("menu", H_NEG), HN("navbar", H_NEG),
    HN("navigation", H_NEG), HN("skip-link", H_NEG),
    HN("screen-reader", H_NEG), HN("sr-only", H_NEG),
    HN("visually-hidden", H_NEG), HN("modal", H_NEG),
    HN("popup", H_NEG), HN("byline", H_NEG), HN("author", H_NEG),
    HN("tags", H_NEG), HN("tagcloud", H_NEG), HN("meta", H_NEG),
    HN("posted-on", H_NEG), HN("dateline-", H_NEG), HN("timestamp", H_NEG),
    HN("recommend", H_NEG), HN("read-more", H_NEG), HN("readmore", H_NEG),
    HN("more-stories", H_NEG), HN("trending", H_NEG),
    HN("print", H_NEG), HN("toolbar", H_NEG), HN("login", H_NEG),
    HN("signup", H_NEG), HN("sign-up", H_NEG), HN("register", H_NEG),
    HN("banner", H_NEG), HN("masthead", H_NEG), HN("ticker", H_NEG),
    HN("breaking", H_NEG), HN("pagination", H_NEG), HN("pager", H_NEG),
    HN("jetpack", H_NEG), HN("site-icon", H_NEG), HN("rating", H_NEG),
    HN("player", H_NEG), HN("gallery", H_NEG), HN("slideshow", H_NEG),
    HN("photo", H_NEG), HN("figure", H_NEG), HN("thumbnail", H_NEG),
    HN("hidden", H_NEG), HN("offscreen", H_NEG), HN("teaser", H_WEAK),
    HN("footer", H_WEAK), HN("header", H_WEAK), HN("extra", H_WEAK),
    HN("rss", H_WEAK), HN("community", H_WEAK), HN("shoutbox", H_WEAK),
    HN("combx", H_WEAK), HN("supplemental", H_WEAK), HN("nav", H_WEAK),
    HN("contact", H_WEAK), HN("links", H_WEAK), HN("share", H_WEAK),
    HN("tools", H_WEAK), HN("bottom", H_WEAK), HN("top-", H_WEAK),
    HN("adsbygoogle", H_NEG), HN("dfp", H_WEAK), HN("skyscraper", H_NEG),
    /* the same in other languages' class names */
    HN("koment", H_NEG | H_COMMENT), HN("komment", H_NEG | H_COMMENT),
    HN("comentari", H_NEG | H_COMMENT), HN("reactie", H_NEG | H_COMMENT),
    HN("yorum", H_NEG | H_COMMENT), HN("reklam", H_NEG),
    HN("autor", H_NEG), HN("podobne", H_NEG), HN("polecane", H_NEG),
    HN("powiazane", H_NEG), HN("zobacz", H_NEG), HN("czytaj", H_NEG),
    HN("udostepnij", H_NEG), HN("werbung", H_NEG), HN("publicidad", H_NEG),
    HN("pubblicita", H_NEG), HN("publicite", H_NEG),
};
#undef HN
#define NHINTS (sizeof hints / sizeof *hints)

static unsigned char hint_first[256][16]; /* indices by first char */
static unsigned char hint_nfirst[256];
static pthread_once_t hint_once = PTHREAD_ONCE_INIT;

static void hint_build(void) {
  for (size_t i = 0; i < NHINTS; i++) {
    unsigned char c = (unsigned char)hints[i].s[0];
    if (hint_nfirst[c] < 16) hint_first[c][hint_nfirst[c]++] = (unsigned char)i;
  }
}

/* "ad", "ads", "ad-slot", "top_ad", "dfp-ad-1": advertising by token. */
static bool ad_token(const char *t, size_t n) {
  if (n == 2 && t[0] == 'a' && t[1] == 'd') return true;
  if (n == 3 && memcmp(t, "ads", 3) == 0) return true;
  if (n > 3 && (memcmp(t, "ad-", 3) == 0 || memcmp(t, "ad_", 3) == 0 ||
                memcmp(t, "ads-", 4) == 0 || memcmp(t, "ads_", 4) == 0))
    return true;
  if (n > 3 && (memcmp(t + n - 3, "-ad", 3) == 0 ||
                memcmp(t + n - 3, "_ad", 3) == 0))
    return true;
  for (size_t i = 0; i + 4 <= n; i++)
    if ((t[i] == '-' || t[i] == '_') && t[i + 1] == 'a' && t[i + 2] == 'd' &&
        (t[i + 3] == '-' || t[i + 3] == '_'))
      return true;
  return false;
}

/* Classify the class and id of an element: a mask of H_*. */
static unsigned classify(const char *cls, const char *id) {
  char buf[256];
  size_t n = 0;
  for (int k = 0; k < 2; k++) {
    const char *s = k ? id : cls;
    if (!s) continue;
    if (n && n < sizeof buf - 1) buf[n++] = ' ';
    for (; *s && n < sizeof buf - 1; s++)
      buf[n++] = (char)tolower((unsigned char)*s);
  }
  buf[n] = 0;
  unsigned m = 0;
  size_t tok = 0;
  for (size_t i = 0; i <= n; i++) {
    unsigned char c = (unsigned char)buf[i];
    if (c == ' ' || c == 0) {
      if (i > tok && ad_token(buf + tok, i - tok)) m |= H_NEG;
      tok = i + 1;
      continue;
    }
    for (int j = 0; j < hint_nfirst[c]; j++) {
      const hint *h = &hints[hint_first[c][j]];
      if (i + h->len <= n && memcmp(buf + i, h->s, h->len) == 0) m |= h->kind;
    }
  }
  return m;
}

/* ------------------------------------------------------- flat nodes -- */

enum {
  F_LINK = 1,     /* inside <a> */
  F_BLOCK = 2,    /* block-level element */
  F_NEG = 4,      /* class/id says boilerplate (kept for scoring) */
  F_POS = 8,
  F_STRONG = 16,
  F_SCORED = 32,
  F_HEADING = 64,
  F_TEXT = 128,   /* a text node */
  F_BR = 256,
  F_DROP = 512,   /* dropped from the output */
  F_PARA = 1024,  /* a paragraph-like block (p, pre, td, blockquote) */
  F_LIST = 2048,  /* ul, ol, dl, table, menu */
  F_CAND = 4096,  /* chosen for output */
  F_WEAK = 8192,  /* class/id weakly boilerplate */
  F_COMMENT = 16384,
  F_JUNK = 32768, /* boilerplate subtree, left out of everything */
  F_KEEPTAG = 65536, /* body, article, main: never junk by class */
  F_HASBODY = 131072, /* has an <article> or a certain-body descendant */
};

typedef struct fnode {
  const ann_node *n;
  int32_t parent;  /* flat index of the parent element, -1 at top */
  int32_t block;   /* flat index of the nearest block element, -1 */
  uint32_t end;    /* one past the last node of the subtree */
  uint32_t flags;
  uint32_t chars;  /* text characters in the subtree */
  uint32_t links;  /* of which inside links */
  uint32_t own;    /* characters directly in this block (not sub-blocks) */
  uint16_t commas; /* in own text */
  uint16_t paras;  /* paragraph blocks in the subtree */
  uint32_t pchars; /* characters of those paragraphs */
  uint32_t ownlinks; /* link characters in own */
  uint32_t maxpara;  /* longest paragraph in the subtree */
  float score;
} fnode;

typedef struct ctx {
  ann_arena *a;
  ann_doc *d;
  ANN_VEC(fnode) f;
  /* metadata */
  const char *title_tag, *h1, *og_title, *og_site, *og_url, *canonical;
  const char *heads[8]; /* texts of the first h1 and h2 elements */
  int nheads;
  const char *app_name, *og_locale, *html_lang, *content_lang;
  const char *meta_pub, *meta_pub2, *time_pub, *time_any;
  const char *meta_author, *rel_author, *byline;
  ann_jsonld ld;
} ctx;

static bool is_block_tag(ann_tag t) {
  switch (t) {
  case ANN_TAG_ADDRESS: case ANN_TAG_ARTICLE: case ANN_TAG_BLOCKQUOTE:
  case ANN_TAG_BODY: case ANN_TAG_CENTER: case ANN_TAG_DD: case ANN_TAG_DETAILS:
  case ANN_TAG_DIV: case ANN_TAG_DL: case ANN_TAG_DT: case ANN_TAG_FIELDSET:
  case ANN_TAG_FORM: case ANN_TAG_H1: case ANN_TAG_H2: case ANN_TAG_H3:
  case ANN_TAG_H4: case ANN_TAG_H5: case ANN_TAG_H6: case ANN_TAG_HR:
  case ANN_TAG_HTML: case ANN_TAG_LI: case ANN_TAG_MAIN: case ANN_TAG_OL:
  case ANN_TAG_P: case ANN_TAG_PRE: case ANN_TAG_SECTION: case ANN_TAG_TABLE:
  case ANN_TAG_TBODY: case ANN_TAG_TD: case ANN_TAG_TH: case ANN_TAG_THEAD:
  case ANN_TAG_TFOOT: case ANN_TAG_TR: case ANN_TAG_UL: case ANN_TAG_CAPTION:
  case ANN_TAG_SUMMARY: case ANN_TAG_HEADER: case ANN_TAG_FOOTER:
  case ANN_TAG_ASIDE: case ANN_TAG_NAV: case ANN_TAG_FIGURE:
  case ANN_TAG_MENU:
    return true;
  default:
    return false;
  }
}

/* Tags whose subtree never holds article text. */
static bool is_skip_tag(ann_tag t) {
  switch (t) {
  case ANN_TAG_SCRIPT: case ANN_TAG_STYLE: case ANN_TAG_NOSCRIPT:
  case ANN_TAG_TEMPLATE: case ANN_TAG_SVG: case ANN_TAG_MATH:
  case ANN_TAG_IFRAME: case ANN_TAG_OBJECT: case ANN_TAG_EMBED:
  case ANN_TAG_CANVAS: case ANN_TAG_VIDEO: case ANN_TAG_AUDIO:
  case ANN_TAG_SELECT: case ANN_TAG_OPTION: case ANN_TAG_TEXTAREA:
  case ANN_TAG_BUTTON: case ANN_TAG_INPUT:
  case ANN_TAG_TITLE: case ANN_TAG_META: case ANN_TAG_LINK:
  case ANN_TAG_NAV: case ANN_TAG_ASIDE: case ANN_TAG_FOOTER:
  case ANN_TAG_HEADER: case ANN_TAG_FIGURE: case ANN_TAG_FIGCAPTION:
  case ANN_TAG_CAPTION: case ANN_TAG_MENU: case ANN_TAG_DIALOG:
  case ANN_TAG_LABEL: case ANN_TAG_MAP: case ANN_TAG_PICTURE:
  case ANN_TAG_FRAMESET: case ANN_TAG_FRAME:
    return true;
  default:
    return false;
  }
}

/* Text of a subtree, whitespace squeezed, at most cap bytes. */
static const char *node_text(ann_arena *a, const ann_node *root, size_t cap) {
  char buf[2048];
  size_t n = 0;
  if (cap > sizeof buf - 1) cap = sizeof buf - 1;
  for (const ann_node *x = root->first_child ? ann_html_next(root, root, false)
                                             : NULL;
       x && n < cap; x = ann_html_next(root, x, false)) {
    if (x->type == ANN_NODE_ELEMENT &&
        (x->tag == ANN_TAG_SCRIPT || x->tag == ANN_TAG_STYLE)) {
      x = ann_html_next(root, x, true);
      if (!x) break;
    }
    if (x->type != ANN_NODE_TEXT) {
      if (x->type == ANN_NODE_ELEMENT && x->tag == ANN_TAG_BR && n < cap)
        buf[n++] = ' ';
      continue;
    }
    size_t k = x->text_len;
    if (k > cap - n) k = cap - n;
    memcpy(buf + n, x->text, k);
    n += k;
  }
  char *s = ann_squeeze(a, buf, n);
  return s && *s ? s : NULL;
}

static const char *attr_s(ctx *c, const ann_node *n, const char *name) {
  const char *v = ann_html_attr(n, name);
  if (!v) return NULL;
  char *s = ann_squeeze(c->a, v, strlen(v));
  return s && *s ? s : NULL;
}

static bool ieq(const char *a, const char *b) {
  return a && strcasecmp(a, b) == 0;
}

/* A <meta>: Open Graph, article:*, name=..., itemprop=... */
static void on_meta(ctx *c, const ann_node *n) {
  const char *key = ann_html_attr(n, "property");
  if (!key) key = ann_html_attr(n, "name");
  if (!key) key = ann_html_attr(n, "itemprop");
  const char *he = ann_html_attr(n, "http-equiv");
  if (he && ieq(he, "content-language") && !c->content_lang)
    c->content_lang = attr_s(c, n, "content");
  if (!key) return;
  const char *v = NULL;
#define GET() (v ? v : (v = attr_s(c, n, "content")))
  if (ieq(key, "og:title") || ieq(key, "twitter:title")) {
    if (!c->og_title) c->og_title = GET();
  } else if (ieq(key, "og:site_name")) {
    if (!c->og_site) c->og_site = GET();
  } else if (ieq(key, "application-name") || ieq(key, "apple-mobile-web-app-title")) {
    if (!c->app_name) c->app_name = GET();
  } else if (ieq(key, "og:url")) {
    if (!c->og_url) c->og_url = GET();
  } else if (ieq(key, "og:locale")) {
    if (!c->og_locale) c->og_locale = GET();
  } else if (ieq(key, "article:published_time") ||
             ieq(key, "datePublished") || ieq(key, "og:published_time") ||
             ieq(key, "article:published")) {
    if (!c->meta_pub) c->meta_pub = GET();
  } else if (ieq(key, "pubdate") || ieq(key, "publishdate") ||
             ieq(key, "publish-date") || ieq(key, "publish_date") ||
             ieq(key, "date") || ieq(key, "dc.date") ||
             ieq(key, "dc.date.issued") || ieq(key, "dcterms.created") ||
             ieq(key, "dcterms.date") || ieq(key, "sailthru.date") ||
             ieq(key, "parsely-pub-date") || ieq(key, "article.published") ||
             ieq(key, "original-publish-date") || ieq(key, "dateCreated") ||
             ieq(key, "ptime") || ieq(key, "created")) {
    if (!c->meta_pub2) c->meta_pub2 = GET();
  } else if (ieq(key, "author") || ieq(key, "article:author") ||
             ieq(key, "dc.creator") || ieq(key, "sailthru.author") ||
             ieq(key, "parsely-author")) {
    if (!c->meta_author) {
      const char *s = GET();
      if (s && strncmp(s, "http", 4) != 0) c->meta_author = s;
    }
  } else if (ieq(key, "content-language") || ieq(key, "language") ||
             ieq(key, "dc.language")) {
    if (!c->content_lang) c->content_lang = GET();
  }
#undef GET
}

/* --------------------------------------------------------- the walk -- */

/* The attributes the walk looks at, read in one pass over the element's
 * attributes (looking each up by name cost a tenth of the run time). */
typedef struct eattrs {
  const char *cls, *id, *style, *role, *itemprop, *aria_hidden;
  bool hidden;
} eattrs;

static void read_attrs(const ann_node *n, eattrs *e) {
  memset(e, 0, sizeof *e);
  for (uint32_t i = 0; i < n->nattrs; i++) {
    const char *k = n->attrs[i].name, *v = n->attrs[i].value;
    switch (k[0]) {
    case 'c': if (!e->cls && strcmp(k, "class") == 0) e->cls = v; break;
    case 'i':
      if (!e->id && strcmp(k, "id") == 0) e->id = v;
      else if (!e->itemprop && strcmp(k, "itemprop") == 0) e->itemprop = v;
      break;
    case 's': if (!e->style && strcmp(k, "style") == 0) e->style = v; break;
    case 'r': if (!e->role && strcmp(k, "role") == 0) e->role = v; break;
    case 'h': if (strcmp(k, "hidden") == 0) e->hidden = true; break;
    case 'a':
      if (!e->aria_hidden && strcmp(k, "aria-hidden") == 0) e->aria_hidden = v;
      break;
    default: break;
    }
  }
}

static bool hidden(const ann_node *n, const eattrs *ea) {
  if (ea->hidden) return true;
  const char *ah = ea->aria_hidden;
  if (ah && strcmp(ah, "true") == 0 && n->tag != ANN_TAG_SPAN &&
      n->tag != ANN_TAG_I)
    return true;
  const char *st = ea->style;
  if (st && (strstr(st, "display:none") || strstr(st, "display: none") ||
             strstr(st, "visibility:hidden") ||
             strstr(st, "visibility: hidden")))
    return true;
  return false;
}

static bool skip_role(const char *r) {
  return r && (strcmp(r, "navigation") == 0 || strcmp(r, "menu") == 0 ||
               strcmp(r, "menubar") == 0 || strcmp(r, "complementary") == 0 ||
               strcmp(r, "dialog") == 0 || strcmp(r, "alertdialog") == 0 ||
               strcmp(r, "banner") == 0 || strcmp(r, "contentinfo") == 0 ||
               strcmp(r, "search") == 0 || strcmp(r, "alert") == 0);
}

/* Count UTF-8 characters and commas of a text, whitespace runs as one. */
static void count_text(const char *s, size_t n, uint32_t *chars,
                       uint32_t *commas) {
  uint32_t ch = 0, cm = 0;
  bool sp = true;
  for (size_t i = 0; i < n; i++) {
    unsigned char b = (unsigned char)s[i];
    if (b == ' ' || b == '\n' || b == '\t' || b == '\r' || b == '\f') {
      if (!sp) ch++;
      sp = true;
      continue;
    }
    sp = false;
    if ((b & 0xC0) != 0x80) ch++;
    if (b == ',') cm++;
    else if (b == 0xEF && i + 2 < n && (unsigned char)s[i + 1] == 0xBC &&
             (unsigned char)s[i + 2] == 0x8C)
      cm++; /* fullwidth comma */
    else if (b == 0xE3 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
             ((unsigned char)s[i + 2] == 0x81 ||
              (unsigned char)s[i + 2] == 0x82))
      cm++; /* ideographic comma and full stop */
  }
  *chars += ch;
  *commas += cm;
}

static int walk(ctx *c, const ann_node *root) {
  int32_t stack[4096];
  int sp = 0;
  /* Skipped subtrees are still read for metadata (a <time> or the <h1>
   * in a header, JSON-LD in a footer) until meta_end. */
  const ann_node *meta_end = NULL;
  bool in_meta = false;
  for (const ann_node *n = ann_html_next(root, root, false); n;) {
    if (in_meta && n == meta_end) in_meta = false;
    if (in_meta && n->type != ANN_NODE_ELEMENT) {
      n = ann_html_next(root, n, false);
      continue;
    }
    /* pop to n's parent */
    while (!in_meta && sp > 0 && c->f.v[stack[sp - 1]].n != n->parent) sp--;
    int32_t parent = sp > 0 ? stack[sp - 1] : -1;
    uint32_t pflags = parent >= 0 ? c->f.v[parent].flags : 0;
    int32_t pblock = parent < 0 ? -1
                     : (c->f.v[parent].flags & F_BLOCK) ? parent
                                                         : c->f.v[parent].block;
    if (n->type == ANN_NODE_TEXT) {
      fnode *t = ANN_PUSH(c->a, &c->f);
      if (!t) return ANN_ENOMEM;
      t->n = n;
      t->parent = parent;
      t->block = pblock;
      t->flags = F_TEXT | (pflags & F_LINK);
      uint32_t cm = 0;
      count_text(n->text, n->text_len, &t->chars, &cm);
      t->commas = (uint16_t)(cm > 65535 ? 65535 : cm);
      if (pflags & F_LINK) t->links = t->chars;
      n = ann_html_next(root, n, false);
      continue;
    }
    if (n->type != ANN_NODE_ELEMENT) {
      n = ann_html_next(root, n, false);
      continue;
    }
    ann_tag tag = n->tag;
    /* metadata first: these are skipped for the text */
    switch (tag) {
    case ANN_TAG_HTML:
      if (!c->html_lang) c->html_lang = attr_s(c, n, "lang");
      if (!c->html_lang) c->html_lang = attr_s(c, n, "xml:lang");
      break;
    case ANN_TAG_TITLE:
      if (!c->title_tag) c->title_tag = node_text(c->a, n, 1000);
      break;
    case ANN_TAG_META: on_meta(c, n); break;
    case ANN_TAG_LINK: {
      const char *rel = ann_html_attr(n, "rel");
      if (rel && ieq(rel, "canonical") && !c->canonical)
        c->canonical = attr_s(c, n, "href");
      break;
    }
    case ANN_TAG_SCRIPT: {
      const char *ty = ann_html_attr(n, "type");
      if (ty && ieq(ty, "application/ld+json") && n->first_child &&
          n->first_child->type == ANN_NODE_TEXT)
        ann_jsonld_read(c->a, n->first_child->text, n->first_child->text_len,
                        &c->ld);
      break;
    }
    case ANN_TAG_TIME: {
      const char *dt = ann_html_attr(n, "datetime");
      if (!dt) break;
      const char *ip = ann_html_attr(n, "itemprop");
      const char *cl = ann_html_attr(n, "class");
      if (!c->time_pub &&
          ((ip && strstr(ip, "datePublished")) || ann_html_attr(n, "pubdate") ||
           (cl && (strstr(cl, "publish") || strstr(cl, "entry-date")))))
        c->time_pub = dt;
      if (!c->time_any) c->time_any = dt;
      break;
    }
    case ANN_TAG_H1:
    case ANN_TAG_H2:
      if (c->nheads < 8) {
        const char *h = node_text(c->a, n, 600);
        if (h) c->heads[c->nheads++] = h;
        if (h && tag == ANN_TAG_H1 && !c->h1) c->h1 = h;
      }
      break;
    case ANN_TAG_A: {
      const char *rel = ann_html_attr(n, "rel");
      if (rel && strstr(rel, "author") && !c->rel_author)
        c->rel_author = node_text(c->a, n, 200);
      break;
    }
    default: break;
    }
    eattrs ea;
    read_attrs(n, &ea);
    if (n->nattrs && tag != ANN_TAG_META) {
      /* itemprop metadata and bylines inside the body */
      const char *ip = ea.itemprop;
      if (ip && strcmp(ip, "datePublished") == 0 && !c->time_pub) {
        const char *v = ann_html_attr(n, "datetime");
        if (!v) v = ann_html_attr(n, "content");
        if (v) c->time_pub = v;
      }
      if (ip && strcmp(ip, "author") == 0 && !c->byline)
        c->byline = node_text(c->a, n, 200);
      const char *cls = ea.cls;
      if (cls && !c->byline && tag != ANN_TAG_BODY && tag != ANN_TAG_ARTICLE &&
          (strstr(cls, "byline") || strstr(cls, "author")) &&
          !strstr(cls, "bio") && !strstr(cls, "avatar"))
        c->byline = node_text(c->a, n, 200);
    }
    if (in_meta) {
      n = ann_html_next(root, n, false);
      continue;
    }
    bool skip = is_skip_tag(tag);
    unsigned hk = 0;
    if (!skip && n->nattrs) {
      if (hidden(n, &ea) || skip_role(ea.role)) skip = true;
      const char *cls = ea.cls, *id = ea.id;
      if (!skip && (cls || id)) {
        hk = classify(cls, id);
      }
    }
    if (sp >= (int)(sizeof stack / sizeof *stack)) skip = true;
    if (skip) {
      meta_end = ann_html_next(root, n, true);
      in_meta = true;
      n = ann_html_next(root, n, false);
      continue;
    }
    fnode *e = ANN_PUSH(c->a, &c->f);
    if (!e) return ANN_ENOMEM;
    int32_t idx = (int32_t)(c->f.n - 1);
    e->n = n;
    e->parent = parent;
    e->block = pblock;
    e->flags = (pflags & F_LINK) | (tag == ANN_TAG_A ? F_LINK : 0);
    if (is_block_tag(tag)) e->flags |= F_BLOCK;
    if (tag == ANN_TAG_BR) e->flags |= F_BR;
    if (tag == ANN_TAG_P || tag == ANN_TAG_PRE || tag == ANN_TAG_TD ||
        tag == ANN_TAG_BLOCKQUOTE)
      e->flags |= F_PARA;
    if (tag == ANN_TAG_UL || tag == ANN_TAG_OL || tag == ANN_TAG_DL ||
        tag == ANN_TAG_TABLE)
      e->flags |= F_LIST;
    if (tag >= ANN_TAG_H1 && tag <= ANN_TAG_H6) e->flags |= F_HEADING;
    if (hk & H_POS) e->flags |= F_POS;
    if (hk & H_STRONG) e->flags |= F_STRONG;
    if (hk & H_NEG) e->flags |= F_NEG;
    if (hk & H_WEAK) e->flags |= F_WEAK;
    if (hk & H_COMMENT) e->flags |= F_COMMENT;
    if (tag == ANN_TAG_BODY || tag == ANN_TAG_HTML || tag == ANN_TAG_ARTICLE ||
        tag == ANN_TAG_MAIN || tag == ANN_TAG_A)
      e->flags |= F_KEEPTAG;
    stack[sp++] = idx;
    n = ann_html_next(root, n, false);
  }
  return 0;
}

static float link_density(const fnode *x) {
  return x->chars ? (float)x->links / (float)x->chars : 0;
}

/* Sums over subtrees: own text of blocks, characters, link characters,
 * paragraphs. With junk, text inside junk subtrees is left out. */
static void aggregate(ctx *c) {
  size_t nf = c->f.n;
  for (size_t i = 0; i < nf; i++) {
    fnode *x = &c->f.v[i];
    x->end = (uint32_t)(i + 1);
    uint32_t pf = x->parent >= 0 ? c->f.v[x->parent].flags : 0;
    if (pf & F_JUNK) x->flags |= F_JUNK;
    /* link text: inside an <a>, unless the <a> wraps 300+ characters
     * (an unclosed <a> swallowing the article is no link) */
    x->flags &= ~(uint32_t)F_LINK;
    if ((pf & F_LINK) ||
        (!(x->flags & F_TEXT) && x->n->tag == ANN_TAG_A && x->chars < 300))
      x->flags |= F_LINK;
    if (x->flags & F_TEXT) {
      x->links = (x->flags & F_LINK) ? x->chars : 0;
      continue;
    }
    x->chars = x->links = x->own = x->pchars = x->ownlinks = x->maxpara = 0;
    x->paras = 0;
    x->commas = 0;
  }
  for (size_t i = 0; i < nf; i++) {
    fnode *x = &c->f.v[i];
    if (!(x->flags & F_TEXT) || (x->flags & F_JUNK) || x->block < 0) continue;
    fnode *b = &c->f.v[x->block];
    b->own += x->chars;
    b->ownlinks += x->links;
    uint32_t nc = b->commas + x->commas;
    b->commas = (uint16_t)(nc > 65535 ? 65535 : nc);
  }
  for (size_t i = 0; i < nf; i++) {
    fnode *x = &c->f.v[i];
    if (!(x->flags & F_TEXT) && (x->flags & F_HEADING) && x->own >= 200)
      x->flags &= ~(uint32_t)F_HEADING; /* an unclosed <h2> holding text */
    if (!(x->flags & F_TEXT) && (x->flags & F_BLOCK) && x->own >= 25 &&
        !(x->flags & F_HEADING)) {
      x->paras = 1;
      x->pchars = x->own;
      x->maxpara = x->own;
    }
  }
  for (size_t i = nf; i-- > 0;) {
    fnode *x = &c->f.v[i];
    if (x->parent < 0) continue;
    fnode *p = &c->f.v[x->parent];
    if ((x->flags & (F_STRONG | F_HASBODY)) ||
        (!(x->flags & F_TEXT) && x->n->tag == ANN_TAG_ARTICLE))
      p->flags |= F_HASBODY;
    if (!(x->flags & F_JUNK)) {
      p->chars += x->chars;
      p->links += x->links;
      p->paras = (uint16_t)(p->paras + x->paras > 65535 ? 65535
                                                        : p->paras + x->paras);
      p->pchars += x->pchars;
      if (x->maxpara > p->maxpara) p->maxpara = x->maxpara;
    }
    if (x->end > p->end) p->end = x->end;
  }
}

/* Boilerplate by class/id: comments always; other negative names unless
 * the element holds much of the page's paragraph text (then the name is a
 * wrapper's: "has-no-ticker", "header-wrapper"). */
static void mark_junk(ctx *c) {
  size_t nf = c->f.n;
  uint32_t total = 0;
  for (size_t i = 0; i < nf; i++)
    if (c->f.v[i].parent < 0) total += c->f.v[i].pchars;
  for (size_t i = 0; i < nf; i++) {
    fnode *x = &c->f.v[i];
    if (x->flags & (F_TEXT | F_KEEPTAG | F_STRONG)) continue;
    if (x->parent >= 0 && (c->f.v[x->parent].flags & F_JUNK)) {
      x->flags |= F_JUNK;
      continue;
    }
    bool neg = (x->flags & F_NEG) || ((x->flags & F_WEAK) && !(x->flags & F_POS));
    if (!neg) continue;
    if (x->flags & F_COMMENT) {
      x->flags |= F_JUNK;
      continue;
    }
    /* "with-sidebar", "has-no-ticker": a wrapper of the article */
    if (x->flags & F_HASBODY) continue;
    if ((uint64_t)x->pchars * 10 >= (uint64_t)total * 4) continue;
    /* prose under a misleading name ("_reachbanner_"): long paragraphs,
     * few links */
    if (x->maxpara >= 200 && x->pchars >= 400 && link_density(x) < 0.15f)
      continue;
    x->flags |= F_JUNK;
  }
}

/* ----------------------------------------------------------- scoring -- */

static float tag_bonus(const fnode *x) {
  switch (x->n->tag) {
  case ANN_TAG_DIV: case ANN_TAG_ARTICLE: case ANN_TAG_MAIN: return 5;
  case ANN_TAG_PRE: case ANN_TAG_TD: case ANN_TAG_BLOCKQUOTE: return 3;
  case ANN_TAG_ADDRESS: case ANN_TAG_OL: case ANN_TAG_UL: case ANN_TAG_DL:
  case ANN_TAG_DD: case ANN_TAG_DT: case ANN_TAG_LI: case ANN_TAG_FORM:
    return -3;
  case ANN_TAG_H1: case ANN_TAG_H2: case ANN_TAG_H3: case ANN_TAG_H4:
  case ANN_TAG_H5: case ANN_TAG_H6: case ANN_TAG_TH: return -5;
  default: return 0;
  }
}

static float weight(const fnode *x) {
  float w = 0;
  /* a good name counts in full only on an element with real text: a
   * "story_content" box holding one caption must not beat the article */
  float scale = x->pchars >= 500 ? 1.0f : (float)x->pchars / 500.0f;
  if (x->flags & F_STRONG) w += 50 * scale;
  else if (x->flags & F_POS) w += 25 * scale;
  if ((x->flags & F_NEG) && !(x->flags & (F_POS | F_STRONG))) w -= 25;
  return w;
}

static void give(ctx *c, int32_t i, float s) {
  fnode *x = &c->f.v[i];
  if (!(x->flags & F_SCORED)) {
    x->flags |= F_SCORED;
    x->score = tag_bonus(x) + weight(x);
  }
  x->score += s;
}


static int32_t choose(ctx *c) {
  size_t nf = c->f.n;
  for (size_t i = 0; i < nf; i++) {
    fnode *x = &c->f.v[i];
    if (!(x->flags & F_BLOCK) || x->own < 25 ||
        (x->flags & (F_HEADING | F_JUNK)))
      continue;
    /* a block that is mostly a link is a teaser, not a paragraph */
    if (x->ownlinks * 2 > x->own) continue;
    /* list items are not paragraphs (Readability neither) */
    if (x->n->tag == ANN_TAG_LI || x->n->tag == ANN_TAG_DD ||
        x->n->tag == ANN_TAG_DT)
      continue;
    float s = 1 + (float)x->commas + (float)(x->own / 100 > 3 ? 3 : x->own / 100);
    /* a div/section holding its own text acts as a paragraph itself */
    int32_t p = x->parent;
    for (int level = 0; p >= 0 && level < 5; level++, p = c->f.v[p].parent) {
      if (c->f.v[p].n->tag == ANN_TAG_BODY || c->f.v[p].n->tag == ANN_TAG_HTML)
        break;
      float div = level == 0 ? 1 : level == 1 ? 2 : (float)level * 3;
      give(c, p, s / div);
    }
  }
  int32_t top = -1;
  float best = 0;
  for (size_t i = 0; i < nf; i++) {
    fnode *x = &c->f.v[i];
    if (!(x->flags & F_SCORED) || (x->flags & F_JUNK)) continue;
    x->score *= 1 - link_density(x);
    if (top < 0 || x->score > best) best = x->score, top = (int32_t)i;
  }
  if (top < 0) return -1;
  /* an ancestor shared by three of the best five candidates */
  int32_t alt[5];
  int nalt = 0;
  for (size_t i = 0; i < nf; i++) {
    fnode *x = &c->f.v[i];
    if (!(x->flags & F_SCORED) || (int32_t)i == top || x->score < best * 0.75f)
      continue;
    if (nalt < 5) alt[nalt++] = (int32_t)i;
  }
  if (nalt >= 3) {
    for (int32_t p = c->f.v[top].parent; p >= 0; p = c->f.v[p].parent) {
      if (c->f.v[p].n->tag == ANN_TAG_BODY) break;
      int inside = 0;
      for (int k = 0; k < nalt; k++)
        if ((uint32_t)alt[k] > (uint32_t)p && (uint32_t)alt[k] < c->f.v[p].end)
          inside++;
      if (inside >= 3) {
        top = p;
        break;
      }
    }
  }
  /* climb while the parent scores higher (it holds more of the article) */
  float last = c->f.v[top].score, threshold = last / 3;
  for (int32_t p = c->f.v[top].parent; p >= 0; p = c->f.v[p].parent) {
    fnode *x = &c->f.v[p];
    if (x->n->tag == ANN_TAG_BODY) break;
    if (!(x->flags & F_SCORED)) continue;
    if (x->score < threshold) break;
    if (x->score > last) {
      top = p;
      break;
    }
    last = x->score;
  }
  /* an only child stands for its parent */
  for (;;) {
    int32_t p = c->f.v[top].parent;
    if (p < 0 || c->f.v[p].n->tag == ANN_TAG_BODY) break;
    int kids = 0;
    for (uint32_t k = (uint32_t)p + 1; k < c->f.v[p].end; k = c->f.v[k].end)
      if (!(c->f.v[k].flags & F_TEXT) || c->f.v[k].chars) kids++;
    if (kids != 1) break;
    top = p;
  }
  return top;
}

/* Mark the top candidate and the siblings that continue it. */
static void pick(ctx *c, int32_t top) {
  fnode *t = &c->f.v[top];
  float thr = t->score * 0.2f;
  if (thr < 10) thr = 10;
  int32_t p = t->parent;
  if (p < 0) {
    t->flags |= F_CAND;
    return;
  }
  const char *tcls = ann_html_attr(t->n, "class");
  for (uint32_t k = (uint32_t)p + 1; k < c->f.v[p].end; k = c->f.v[k].end) {
    fnode *s = &c->f.v[k];
    if ((int32_t)k == top) {
      s->flags |= F_CAND;
      continue;
    }
    if (s->flags & (F_TEXT | F_JUNK)) continue;
    float bonus = 0;
    const char *scls = ann_html_attr(s->n, "class");
    if (tcls && scls && *tcls && strcmp(tcls, scls) == 0) bonus = t->score * 0.2f;
    bool take = false;
    if ((s->flags & F_SCORED) && s->score + bonus >= thr) take = true;
    else if (s->n->tag == ANN_TAG_P || ((s->flags & F_BLOCK) && s->paras == 1 &&
                                        s->own >= 25)) {
      float ld = link_density(s);
      uint32_t len = s->chars;
      if (len > 80 && ld < 0.25f) take = true;
      else if (len > 0 && len <= 80 && ld == 0 && s->commas + 1 > 0) {
        /* a short paragraph ending a sentence */
        const ann_node *last = NULL;
        for (uint32_t q = k; q < s->end; q++)
          if ((c->f.v[q].flags & F_TEXT) && c->f.v[q].chars)
            last = c->f.v[q].n;
        if (last) {
          size_t m = last->text_len;
          while (m && isspace((unsigned char)last->text[m - 1])) m--;
          if (m && last->text[m - 1] == '.') take = true;
        }
      }
    }
    if (take) s->flags |= F_CAND;
  }
}

/* -------------------------------------------------------- the output -- */

typedef struct out {
  ann_arena *a;
  char *s;
  size_t n, cap;
  int pending;       /* 0 nothing, 1 space, 2 paragraph break */
  int32_t block;     /* block of the last text written */
  int brs;
  size_t para_start; /* where the current paragraph began */
} out;

static bool out_grow(out *o, size_t add) {
  if (o->n + add + 1 <= o->cap) return true;
  size_t nc = o->cap * 2;
  if (nc < o->n + add + 1) nc = o->n + add + 1 + 256;
  char *p = ann_realloc(o->a, o->s, o->cap, nc);
  if (!p) return false;
  o->s = p;
  o->cap = nc;
  return true;
}

static bool boilerplate_line(const char *s, size_t n) {
  static const char *const lines[] = {
      "advertisement", "advertisment", "ad", "share", "share this",
      "share this article", "share this story", "share on facebook",
      "share on twitter", "tweet", "print", "email", "e-mail",
      "related", "related posts", "related articles", "related stories",
      "read more", "read more:", "more", "leave a reply", "leave a comment",
      "comments", "exit mobile version", "site icon", "skip to content",
      "skip to main content", "continue reading", "click here",
      "subscribe", "sign up", "log in", "login", "close", "menu",
      "back to top", "top", "next", "previous", "loading...",
      "follow us", "like this:", "like", "you may also like",
      "most read", "recommended", "see also", "advertisement:",
      "story continues below advertisement", "scroll to continue",
      "caption", "image", "photo", "video", "listen", "play",
  };
  /* photo credits: "Photo: Ion Pavel / Harbour Ledger" */
  static const char *const credits[] = {"Photo:", "Photos:", "Photograph:",
                                        "Image:", "Picture:", "Credit:",
                                        "Foto:", "Fot.",
                                        "\xD0\xA4\xD0\xBE\xD1\x82\xD0\xBE:"};
  if (n < 120)
    for (size_t i = 0; i < sizeof credits / sizeof *credits; i++) {
      size_t l = strlen(credits[i]);
      if (n > l && strncasecmp(s, credits[i], l) == 0) return true;
    }
  if (n > 40) return false;
  while (n && (s[n - 1] == ' ' || s[n - 1] == ':' || s[n - 1] == '.')) n--;
  for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
    size_t l = strlen(lines[i]);
    while (l && (lines[i][l - 1] == ':' || lines[i][l - 1] == '.')) l--;
    if (l == n && strncasecmp(s, lines[i], n) == 0) return true;
  }
  return false;
}

/* Ends the current paragraph, dropping it when it is a boilerplate line. */
static void end_para(out *o) {
  if (o->n > o->para_start &&
      boilerplate_line(o->s + o->para_start, o->n - o->para_start)) {
    o->n = o->para_start;
    /* also drop the break written before it */
    while (o->n && o->s[o->n - 1] == '\n') o->n--;
  }
  o->para_start = o->n;
}

static bool put_text(out *o, const char *s, size_t n) {
  if (!out_grow(o, n + 2)) return false;
  for (size_t i = 0; i < n; i++) {
    unsigned char b = (unsigned char)s[i];
    bool space = b == ' ' || b == '\n' || b == '\t' || b == '\r' ||
                 b == '\f' || b == '\v';
    if (!space && b == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) {
      space = true;
      i++;
    }
    /* zero-width space, soft hyphen */
    if (b == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
        (unsigned char)s[i + 2] == 0x8B) {
      i += 2;
      continue;
    }
    if (b == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xAD) {
      i++;
      continue;
    }
    if (space) {
      if (o->pending < 1) o->pending = 1;
      continue;
    }
    if (o->n > 0 && o->pending) {
      if (o->pending == 2) {
        end_para(o);
        if (o->n > 0) {
          if (!out_grow(o, n - i + 3)) return false;
          o->s[o->n++] = '\n';
          o->s[o->n++] = '\n';
        }
        o->para_start = o->n;
      } else {
        o->s[o->n++] = ' ';
      }
    }
    o->pending = 0;
    if (!out_grow(o, n - i + 3)) return false;
    o->s[o->n++] = (char)b;
  }
  return true;
}

/* Should element x (inside the chosen content) be left out? */
static bool drop_inside(const ctx *c, const fnode *x) {
  ann_tag t = x->n->tag;
  if (t == ANN_TAG_H1) return true;
  if (x->flags & (F_CAND | F_STRONG)) return false;
  float ld = link_density(x);
  if (x->flags & F_LIST || t == ANN_TAG_DIV || t == ANN_TAG_SECTION ||
      t == ANN_TAG_FORM) {
    if (x->chars == 0) return false;
    if (ld > 0.5f) return true;
    if (ld > 0.25f && x->commas < 10 && x->paras < 2) return true;
  }
  if ((t == ANN_TAG_P || t == ANN_TAG_LI) && ld > 0.7f && x->chars < 200)
    return true;
  (void)c;
  return false;
}

static int emit(ctx *c, out *o) {
  size_t nf = c->f.n;
  for (size_t i = 0; i < nf;) {
    fnode *x = &c->f.v[i];
    if (!(x->flags & F_CAND)) {
      i++;
      continue;
    }
    /* emit the subtree [i, end) */
    for (uint32_t k = (uint32_t)i; k < x->end;) {
      fnode *y = &c->f.v[k];
      if (y->flags & F_JUNK) {
        k = y->end;
        continue;
      }
      if (y->flags & F_TEXT) {
        if (y->chars) {
          if (y->block != o->block) {
            o->pending = 2;
            o->block = y->block;
            o->brs = 0;
          } else if (o->brs >= 2) {
            o->pending = 2;
          } else if (o->brs == 1 && o->pending < 1) {
            o->pending = 1;
          }
          o->brs = 0;
          if (!put_text(o, y->n->text, y->n->text_len)) return ANN_ENOMEM;
        }
        k++;
        continue;
      }
      if (y->flags & F_BR) {
        o->brs++;
        k++;
        continue;
      }
      if ((int32_t)k != (int32_t)i && drop_inside(c, y)) {
        k = y->end;
        continue;
      }
      k++;
    }
    o->pending = 2;
    i = x->end;
  }
  end_para(o);
  while (o->n && (o->s[o->n - 1] == '\n' || o->s[o->n - 1] == ' ')) o->n--;
  return 0;
}

/* Short lines at the edges of the text that do not end a sentence are
 * labels, dates and credits ("For Immediate Release", "Written by ...",
 * "Current Article Ratings:"), not article: they go, unless the first one
 * is a dateline. */
static bool label_line(const char *s, size_t n) {
  size_t cps = 0;
  for (size_t i = 0; i < n; i++) cps += ((unsigned char)s[i] & 0xC0) != 0x80;
  if (cps >= 60) return false;
  while (n && (s[n - 1] == ' ')) n--;
  if (!n) return true;
  unsigned char last = (unsigned char)s[n - 1];
  if (last == '.' || last == '!' || last == '?' || last == '"' || last == ')')
    return false;
  if (n >= 3 && (unsigned char)s[n - 3] == 0xE2 &&
      (unsigned char)s[n - 2] == 0x80 && (last == 0x9D || last == 0xA6))
    return false; /* closing quote, ellipsis */
  if (n >= 3 && (unsigned char)s[n - 3] == 0xE3 &&
      (unsigned char)s[n - 2] == 0x80 && last == 0x82)
    return false; /* ideographic full stop */
  if (n >= 2 && (unsigned char)s[n - 2] == 0xC2 && last == 0xBB)
    return false; /* guillemet */
  return true;
}

static void trim_edges(ann_doc *d, out *o) {
  size_t b = 0, e = o->n;
  for (int k = 0; k < 4 && b < e; k++) {
    const char *nl = NULL;
    for (size_t i = b; i + 1 < e && !nl; i++)
      if (o->s[i] == '\n' && o->s[i + 1] == '\n') nl = o->s + i;
    size_t pe = nl ? (size_t)(nl - o->s) : e;
    if (!label_line(o->s + b, pe - b)) break;
    ann_doc t = {.arena = d->arena, .text = o->s + b, .text_len = pe - b};
    if (ann_find_dateline(&t) || t.dateline.present) break;
    if (!nl) return; /* everything is labels: keep it rather than nothing */
    b = pe + 2;
  }
  for (int k = 0; k < 8 && e > b; k++) {
    size_t ps = e;
    while (ps > b && !(ps >= b + 2 && o->s[ps - 1] == '\n' && o->s[ps - 2] == '\n'))
      ps--;
    if (ps == b) break;
    if (!label_line(o->s + ps, e - ps)) break;
    e = ps - 2;
  }
  if (b > 0) memmove(o->s, o->s + b, e - b);
  o->n = e - b;
}

/* ---------------------------------------------------------- metadata -- */

static const char *iso(ann_arena *a, const char *s) {
  char buf[32];
  if (!s) return NULL;
  size_t n = ann_date_iso(s, strlen(s), buf);
  return n ? ann_strndup(a, buf, n) : NULL;
}

/* "en-US" -> "en"; NULL when not a language tag. */
static const char *lang_code(ann_arena *a, const char *s) {
  if (!s) return NULL;
  while (*s == ' ') s++;
  size_t n = 0;
  while (isalpha((unsigned char)s[n]) && n < 4) n++;
  if (n < 2 || n > 3 || (s[n] && s[n] != '-' && s[n] != '_' && s[n] != ',' &&
                         s[n] != ' ' && s[n] != ';'))
    return NULL;
  char b[4];
  for (size_t i = 0; i < n; i++) b[i] = (char)tolower((unsigned char)s[i]);
  b[n] = 0;
  if (strcmp(b, "und") == 0 || strcmp(b, "utf") == 0) return NULL;
  return ann_strndup(a, b, n);
}

static void add_author(ctx *c, const char *s) {
  if (!s || !*s || c->d->authors.n >= 8) return;
  /* "By Jane Doe and John Roe" */
  if (strncasecmp(s, "by ", 3) == 0) s += 3;
  size_t n = strlen(s);
  if (n == 0 || n > 80) return;
  for (size_t i = 0; i < c->d->authors.n; i++)
    if (strcasecmp(c->d->authors.v[i], s) == 0) return;
  const char **p = ANN_PUSH(c->a, &c->d->authors);
  if (p) *p = s;
}

static void metadata(ctx *c) {
  ann_doc *d = c->d;
  const char *site = c->og_site ? c->og_site : c->ld.publisher;
  if (!site) site = c->app_name;
  d->site_name = site;
  const char *title = c->og_title;
  if (!title) title = c->ld.headline;
  if (!title && c->title_tag) {
    /* the longest heading that <title> contains is the headline ("News"
     * in an <h1> logo is not; "Section - Headline | Site" is cut to it) */
    size_t best = 0;
    for (int i = 0; i < c->nheads; i++) {
      size_t hn = strlen(c->heads[i]);
      if (hn > best && hn >= 12 && strstr(c->title_tag, c->heads[i]))
        best = hn, title = c->heads[i];
    }
  }
  if (!title) title = c->title_tag;
  if (!title) title = c->h1;
  if (title && !d->title) d->title = ann_title_clean(c->a, title, site);
  else if (d->title) d->title = ann_title_clean(c->a, d->title, site);
  if (!site && c->title_tag) {
    /* the suffix of <title> after the headline is the site's name */
    const char *h = d->title;
    size_t hn = h ? strlen(h) : 0;
    const char *t = c->title_tag;
    if (hn && strncmp(t, h, hn) == 0) {
      const char *r = t + hn;
      while (*r == ' ' || *r == '|' || *r == '-' || (unsigned char)*r == 0xE2 ||
             (unsigned char)*r == 0x80 || (unsigned char)*r == 0x93 ||
             (unsigned char)*r == 0x94)
        r++;
      if (*r && strlen(r) < 60) d->site_name = r;
    }
  }
  const char *url = c->canonical ? c->canonical : c->og_url;
  if (!url) url = c->ld.url;
  if (url && strncmp(url, "http", 4) == 0) d->url = url;
  else if (url && !d->url && url[0] == '/' && url[1] != '/') d->url = url;
  /* published: JSON-LD, Open Graph/article meta, other meta, <time>, URL */
  const char *pub = NULL;
  const char *cands[] = {c->ld.published, c->meta_pub, c->meta_pub2,
                         c->time_pub, c->time_any};
  for (size_t i = 0; i < sizeof cands / sizeof *cands && !pub; i++)
    pub = iso(c->a, cands[i]);
  if (!pub) {
    char buf[32];
    size_t n = ann_date_from_url(d->url, buf);
    if (!n && d->input) n = ann_date_from_url(d->input->url, buf);
    if (n) pub = ann_strndup(c->a, buf, n);
  }
  if (pub) d->published = pub;
  else if (d->published) d->published = iso(c->a, d->published) ? iso(c->a, d->published) : d->published;
  /* authors */
  for (int i = 0; i < c->ld.nauthors; i++) add_author(c, c->ld.authors[i]);
  if (!d->authors.n) add_author(c, c->meta_author);
  if (!d->authors.n) add_author(c, c->rel_author);
  if (!d->authors.n) add_author(c, c->byline);
  /* language: declared, else detected */
  const char *lang = lang_code(c->a, c->html_lang);
  if (!lang) lang = lang_code(c->a, c->ld.language);
  if (!lang) lang = lang_code(c->a, c->og_locale);
  if (!lang) lang = lang_code(c->a, c->content_lang);
  const char *det = ann_detect_language(d->text, d->text_len);
  /* a declared language contradicted by the script of the text (a site
   * template left at "en") loses to the detector */
  if (lang && det && strcmp(lang, det) != 0) {
    static const char *const latin[] = {"en", "de", "fr", "es", "it", "pt",
                                        "pl", "tr", "nl", "ro"};
    bool dl = false, ll = false;
    for (size_t i = 0; i < sizeof latin / sizeof *latin; i++) {
      if (strcmp(det, latin[i]) == 0) dl = true;
      if (strcmp(lang, latin[i]) == 0) ll = true;
    }
    if (dl != ll) lang = det;
  }
  if (!lang) lang = det;
  d->language = lang;
}

/* ------------------------------------------------------------ entry -- */

int ann_extract_html(ann_doc *d, const char *utf8, size_t len,
                     const ann_limits *lim, ann_error *e) {
  pthread_once(&hint_once, hint_build);
  ann_node *root;
  int rc = ann_html_parse(d->arena, utf8, len, lim, &root, e);
  if (rc < 0) return rc;
  d->dom = root;
  ctx c = {.a = d->arena, .d = d};
  if ((rc = walk(&c, root)) < 0)
    return ann_fail(e, rc, -1, "out of memory while reading the page");
  aggregate(&c);
  mark_junk(&c);
  aggregate(&c);
  out o = {.a = d->arena, .block = -2};
  o.cap = len / 4 + 256;
  o.s = ann_alloc(d->arena, o.cap);
  if (!o.s) return ann_fail(e, ANN_ENOMEM, -1, "out of memory");
  int32_t top = choose(&c);
#ifdef ANN_EXTRACT_DEBUG /* tuning aid: candidates and junk on stderr */
  if (getenv("ANN_DEBUG")) {
    for (size_t i = 0; i < c.f.n; i++) {
      fnode *x = &c.f.v[i];
      if (x->flags & F_TEXT) continue;
      bool jr = (x->flags & F_JUNK) && !(x->parent >= 0 && (c.f.v[x->parent].flags & F_JUNK));
      if (jr || (x->flags & F_SCORED && x->score > 5) || (int32_t)i == top)
        fprintf(stderr, "%s%zu <%s .%s #%s> score=%.1f chars=%u links=%u paras=%u pchars=%u own=%u%s\n",
                (int32_t)i == top ? "TOP " : "", i, x->n->name, ann_html_attr(x->n, "class") ? ann_html_attr(x->n, "class") : "",
                ann_html_attr(x->n, "id") ? ann_html_attr(x->n, "id") : "", x->score, x->chars, x->links, x->paras, x->pchars, x->own, jr ? " JUNK" : "");
    }
  }
#endif

  if (top >= 0) {
    pick(&c, top);
    if ((rc = emit(&c, &o)) < 0)
      return ann_fail(e, rc, -1, "out of memory while writing the text");
  }
  if (o.n == 0) {
    /* no scored block (a page of short lines): all visible text */
    for (size_t i = 0; i < c.f.n; i++)
      if (c.f.v[i].parent < 0) c.f.v[i].flags |= F_CAND;
    if ((rc = emit(&c, &o)) < 0)
      return ann_fail(e, rc, -1, "out of memory while writing the text");
  }
  trim_edges(d, &o);
  o.s[o.n] = 0;
  d->text = o.s;
  d->text_len = o.n;
  metadata(&c);
  ann_find_dateline(d);
  return 0;
}
