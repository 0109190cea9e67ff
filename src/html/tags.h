/*
 * tags.h — internal tag ids and flags of src/html/ (see tags.c).
 */
#ifndef ANN_HTML_TAGS_H
#define ANN_HTML_TAGS_H

#include "annalist/html.h"

/* Names the tree builder needs beyond the public ids. */
enum {
  HT_XMP = ANN_TAG_COUNT,
  HT_PLAINTEXT,
  HT_NOEMBED,
  HT_NOFRAMES,
  HT_LISTING,
  HT_IMAGE,
  HT_KEYGEN,
  HT_BASEFONT,
  HT_BGSOUND,
  HT_HGROUP,
  HT_DIR,
  HT_APPLET,
  HT_MARQUEE,
  HT_NOBR,
  HT_BIG,
  HT_STRIKE,
  HT_TT,
  HT_FOREIGNOBJECT,
  HT_DESC,
  HT_ANNOTATION_XML,
  HT_MI,
  HT_MO,
  HT_MN,
  HT_MS,
  HT_MTEXT,
  HT_RUBY,
  HT_RB,
  HT_RT,
  HT_RP,
  HT_RTC,
  HT_SEARCH,
  HT_COUNT
};

enum {
  HF_VOID = 1 << 0,        /* no children, never pushed */
  HF_CLOSEP = 1 << 1,      /* start tag closes an open p (button scope) */
  HF_HEAD = 1 << 2,        /* belongs in head before body starts */
  HF_RAW = 1 << 3,         /* raw text content (script, style...) */
  HF_RCDATA = 1 << 4,      /* text with references (title, textarea) */
  HF_HEADING = 1 << 5,     /* h1-h6 */
  HF_BREAKOUT = 1 << 6,    /* leaves svg/math content */
  HF_INTEGRATION = 1 << 7, /* HTML inside svg/math (foreignObject...) */
  HF_PRE = 1 << 8,         /* a newline right after the start tag is dropped */
};

extern const char *ht_names[HT_COUNT];
extern uint16_t ht_flags[HT_COUNT];

void ht_init(void);

/* FNV-1a over n bytes (the caller's name is already lower-case). */
static inline uint32_t ht_hash(const char *s, size_t n) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 16777619u;
  return h;
}

/* Internal id of a lower-case name with hash h, or -1. */
int ht_lookup(const char *name, size_t n, uint32_t h);

#endif
