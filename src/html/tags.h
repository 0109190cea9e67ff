/*
 * tags.h — internal tag ids and flags of src/html/ (see tags.c).
 */
#ifndef ANN_HTML_TAGS_H
#define ANN_HTML_TAGS_H

#include "annalist/html.h"

#include <string.h>

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
  HT_TOMB, /* a form removed from the middle of the stack (no name) */
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
  HF_PHRASING = 1 << 9,    /* inline: may be closed by a formatting end tag */
  HF_FORMATTING = 1 << 10, /* b, i, a...: the spec's adoption agency cases */
  HF_SPECIAL = 1 << 11,    /* the spec's "special" category */
};

extern const char *ht_names[HT_COUNT];
extern uint16_t ht_flags[HT_COUNT];

void ht_init(void);

/* Hash of n bytes (the caller's name is already lower-case). Names up to
 * 16 bytes are hashed from two overlapping words, which covers every byte
 * at a multiply's cost; longer ones (rare) go through FNV-1a. */
static inline uint32_t ht_hash(const char *s, size_t n) {
  uint64_t a = 0, b = 0;
  if (n > 16) {
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
      h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
  }
  if (n >= 8) {
    memcpy(&a, s, 8);
    memcpy(&b, s + n - 8, 8);
  } else if (n >= 4) {
    uint32_t x, y;
    memcpy(&x, s, 4);
    memcpy(&y, s + n - 4, 4);
    a = x;
    b = y;
  } else if (n) {
    a = (unsigned char)s[0] | (uint32_t)(unsigned char)s[n / 2] << 8 |
        (uint32_t)(unsigned char)s[n - 1] << 16;
  }
  uint64_t h = (a * 0x9E3779B97F4A7C15ull) ^ ((b + n) * 0xC2B2AE3D27D4EB4Full);
  h ^= h >> 29;
  return (uint32_t)(h >> 32) ^ (uint32_t)h;
}

/* a[0..n) == b[0..n) for the short names of tags and attributes, without
 * a call into libc. */
static inline bool ht_eq(const char *a, const char *b, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (a[i] != b[i]) return false;
  return true;
}

/* Internal id of a lower-case name with hash h, or -1. */
int ht_lookup(const char *name, size_t n, uint32_t h);

/* The static copy of a common attribute name (class, href...), or NULL. */
const char *ht_attr_name(const char *name, size_t n, uint32_t h);

#endif
