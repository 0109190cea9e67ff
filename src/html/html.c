/*
 * html.c — HTML5 tokenizer and light tree builder (see html.h).
 *
 * One pass over the input. The tokenizer follows the WHATWG states that
 * matter for the tree: data, tag open/name, the attribute states, comments
 * (including "<!-->" and "--!>"), doctype (skipped), bogus comments,
 * CDATA (inside svg/math only, as in the spec), raw text (script, style,
 * xmp, iframe, noembed, noframes), RCDATA (title, textarea) and plaintext.
 * Script's "<!--<script>" double-escaping is handled in raw_end().
 *
 * The tree builder is not the spec's full set of insertion modes: it keeps
 * html/head/body implied, closes p before block elements, li/dd/dt/option/
 * tr/td/th before their siblings, skips void elements and closes back to
 * the nearest open element of the same name on an end tag (stray end tags
 * are ignored, and an end tag never reaches past a table cell or another
 * scope boundary). Formatting elements are not reconstructed and tables
 * are not foster-parented: the tree is good for finding text, not for
 * rendering.
 *
 * Linear time on any input: an open-element stack entry remembers the
 * previous open element with the same name, so "is X open / in scope" is a
 * lookup in top[id] instead of a scan, and every pop is paid for by a push.
 * Attribute duplicates are found with a small hash set; attributes past
 * ATTR_CAP per tag and elements past lim->max_depth are dropped/flattened.
 * Text runs that need no decoding are copied from the input with memcpy.
 */
#include "annalist/html.h"

#include <pthread.h>
#include <stddef.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "html/html_int.h"
#include "html/tags.h"

#define ATTR_CAP 256 /* attributes kept per tag; the rest are dropped */
#define ASET 512     /* slots of the duplicate-attribute set */
#define NODE_SLAB 64 /* nodes per arena allocation */

enum { TS_DATA, TS_RAW, TS_RCDATA, TS_PLAIN, TS_SCRIPT };
enum { PH_BEFORE_HTML, PH_BEFORE_HEAD, PH_IN_HEAD, PH_AFTER_HEAD, PH_BODY };
enum { NS_HTML, NS_FOREIGN, NS_INTEGRATION };

typedef struct open_el {
  ann_node *node;
  int32_t id;        /* internal id (tags.h) or interned id */
  int32_t prev_same; /* stack index of the previous open element, or -1 */
  int32_t ns;
  int32_t special; /* index of the nearest special element at or below */
} open_el;

/* Names not in tags.c, interned per parse so that end tags match by id. */
typedef struct name_ent {
  const char *name;
  uint32_t len, hash;
  int32_t id;
} name_ent;

typedef struct buf {
  char *p;
  size_t n, cap;
} buf;

typedef struct parser {
  ann_arena *a;
  const char *src, *end;
  /* A copy of the input: strings that need no decoding (most text runs,
   * attribute values and names) point into it, NUL-terminated in place
   * where their delimiter ('<', a quote, '=') was. */
  char *dup;
  ann_node *slab; /* nodes are carved from blocks of NODE_SLAB */
  size_t slab_left;
  ann_error *e;
  int oom;
  size_t max_depth;

  ann_node *doc, *html, *head, *body;
  int phase, tstate;
  int merges;     /* repeated <html>/<body> tags whose attributes were merged */
  ann_node *form; /* the open form (the spec's form element pointer) */
  int32_t raw_id; /* element whose end tag ends raw text */

  open_el *stack;
  size_t depth, stack_cap;
  int32_t *top; /* top[id]: stack index of the topmost open id, or -1 */
  size_t ntop;

  name_ent *names; /* open addressing, cap a power of two */
  size_t nnames, names_cap;

  /* pending text: a run of the input (src mode) or decoded bytes (txt) */
  const char *t_src;
  size_t t_len;
  uint32_t t_off;
  bool t_dec, t_any, t_raw;
  buf txt;

  /* the text node last flushed, grown in place when text continues */
  ann_node *last_text;
  size_t last_cap;

  /* the tag being read */
  buf name;  /* lower-cased tag name */
  buf aname; /* lower-cased attribute name */
  buf aval;  /* decoded attribute value */
  ann_attr attrs[ATTR_CAP];
  uint32_t ahash[ATTR_CAP], alen[ATTR_CAP];
  size_t nattrs;
  uint32_t aset_gen;
  uint32_t aset_stamp[ASET];
  uint16_t aset_idx[ASET];
} parser;

/* ------------------------------------------------------------------ */
/* Character classes                                                   */
/* ------------------------------------------------------------------ */

enum {
  C_WS = 1,
  C_ALPHA = 2,
  C_UPPER = 4,
  C_TAGSTOP = 8,
  C_ANAMESTOP = 16,
  C_UNQSTOP = 32
};

static uint8_t cls[256];
static pthread_once_t cls_once = PTHREAD_ONCE_INIT;

static void cls_init(void) {
  for (int c = 'a'; c <= 'z'; c++)
    cls[c] |= C_ALPHA;
  for (int c = 'A'; c <= 'Z'; c++)
    cls[c] |= C_ALPHA | C_UPPER;
  const char *ws = "\t\n\f\r ";
  for (const char *s = ws; *s; s++)
    cls[(unsigned char)*s] |= C_WS | C_TAGSTOP | C_ANAMESTOP | C_UNQSTOP;
  cls['/'] |= C_TAGSTOP | C_ANAMESTOP;
  cls['>'] |= C_TAGSTOP | C_ANAMESTOP | C_UNQSTOP;
  cls[0] |= C_TAGSTOP | C_ANAMESTOP;
  cls['='] |= C_ANAMESTOP;
}

static inline bool is_ws(unsigned char c) { return cls[c] & C_WS; }
static inline bool is_alpha(unsigned char c) { return cls[c] & C_ALPHA; }
static inline char lower(unsigned char c) {
  return (char)(cls[c] & C_UPPER ? c | 0x20 : c);
}

/* First byte in [p,end) equal to one of a, b, c, d; end if none. */
static inline const char *scan4(const char *p, const char *end, char a, char b,
                                char c, char d) {
#ifdef __SSE2__
  const __m128i va = _mm_set1_epi8(a), vb = _mm_set1_epi8(b),
                vc = _mm_set1_epi8(c), vd = _mm_set1_epi8(d);
  while (end - p >= 16) {
    __m128i v = _mm_loadu_si128((const __m128i *)p);
    __m128i m = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(v, va), _mm_cmpeq_epi8(v, vb)),
        _mm_or_si128(_mm_cmpeq_epi8(v, vc), _mm_cmpeq_epi8(v, vd)));
    int mask = _mm_movemask_epi8(m);
    if (mask) return p + __builtin_ctz((unsigned)mask);
    p += 16;
  }
#endif
  for (; p < end; p++)
    if (*p == a || *p == b || *p == c || *p == d) return p;
  return end;
}

/* ------------------------------------------------------------------ */
/* Memory                                                              */
/* ------------------------------------------------------------------ */

static void *oom(parser *ps) {
  if (!ps->oom) {
    ps->oom = 1;
    ann_fail(ps->e, ANN_ENOMEM, -1,
             "HTML parser: arena cap reached (%zu bytes input)",
             (size_t)(ps->end - ps->src));
  }
  return NULL;
}

static void *alloc(parser *ps, size_t n) {
  void *p = ann_alloc(ps->a, n);
  return p ? p : oom(ps);
}

static int buf_reserve(parser *ps, buf *b, size_t extra) {
  if (b->n + extra <= b->cap) return 0;
  size_t nc = b->cap ? b->cap : 256;
  while (nc < b->n + extra)
    nc *= 2;
  char *p = ann_realloc(ps->a, b->p, b->n, nc);
  if (!p) {
    oom(ps);
    return -1;
  }
  b->p = p;
  b->cap = nc;
  return 0;
}

static inline void buf_add(parser *ps, buf *b, const char *s, size_t n) {
  if (!n || buf_reserve(ps, b, n)) return;
  memcpy(b->p + b->n, s, n);
  b->n += n;
}

/* ------------------------------------------------------------------ */
/* Tree primitives                                                     */
/* ------------------------------------------------------------------ */

/* The NUL-terminated copy of input bytes [s, e): the dup. */
static inline char *dup_str(parser *ps, const char *s, const char *e) {
  char *d = ps->dup + (s - ps->src);
  d[e - s] = 0;
  return d;
}

static ann_node *new_node(parser *ps, ann_node_type t, uint32_t off) {
  if (!ps->slab_left) {
    ps->slab = alloc(ps, NODE_SLAB * sizeof *ps->slab);
    if (!ps->slab) return NULL;
    ps->slab_left = NODE_SLAB;
  }
  ann_node *n = ps->slab++;
  ps->slab_left--;
  memset(n, 0, sizeof *n);
  n->type = t;
  n->src_off = off;
  return n;
}

static void append(ann_node *parent, ann_node *n) {
  n->parent = parent;
  n->prev = parent->last_child;
  if (parent->last_child)
    parent->last_child->next = n;
  else
    parent->first_child = n;
  parent->last_child = n;
}

static inline ann_node *current(parser *ps) {
  return ps->depth ? ps->stack[ps->depth - 1].node : ps->doc;
}

static inline int32_t top_of(parser *ps, int32_t id) {
  return (size_t)id < ps->ntop ? ps->top[id] : -1;
}

static inline uint16_t flags_of(int32_t id) {
  return id < HT_COUNT ? ht_flags[id] : 0;
}

static void push(parser *ps, ann_node *n, int32_t id, int ns) {
  if (ps->depth == ps->stack_cap) {
    size_t nc = ps->stack_cap ? ps->stack_cap * 2 : 64;
    open_el *s = ann_realloc(ps->a, ps->stack, ps->stack_cap * sizeof *s,
                             nc * sizeof *s);
    if (!s) {
      oom(ps);
      return;
    }
    ps->stack = s;
    ps->stack_cap = nc;
  }
  open_el *o = &ps->stack[ps->depth];
  o->node = n;
  o->id = id;
  o->ns = ns;
  o->prev_same = ps->top[id];
  o->special = (flags_of(id) & HF_SPECIAL) ? (int32_t)ps->depth
               : ps->depth                 ? o[-1].special
                                           : -1;
  ps->top[id] = (int32_t)ps->depth;
  ps->depth++;
}

static void flush_text(parser *ps);

/* Pop every open element from stack index k up. */
static void pop_to(parser *ps, size_t k) {
  flush_text(ps);
  while (ps->depth > k ||
         (ps->depth && ps->stack[ps->depth - 1].id == HT_TOMB)) {
    open_el *o = &ps->stack[--ps->depth];
    ps->top[o->id] = o->prev_same;
  }
}

/* The highest stack index among ids (a scope's boundary elements). */
static int32_t top_max(parser *ps, const int32_t *ids, size_t n) {
  int32_t m = -1;
  for (size_t i = 0; i < n; i++)
    if (ps->top[ids[i]] > m) m = ps->top[ids[i]];
  return m;
}

#define NELEM(a) (sizeof a / sizeof *a)

static const int32_t scope_default[] = {HT_APPLET,
                                        ANN_TAG_CAPTION,
                                        ANN_TAG_HTML,
                                        ANN_TAG_TABLE,
                                        ANN_TAG_TD,
                                        ANN_TAG_TH,
                                        HT_MARQUEE,
                                        ANN_TAG_OBJECT,
                                        ANN_TAG_TEMPLATE,
                                        HT_FOREIGNOBJECT,
                                        HT_DESC,
                                        HT_ANNOTATION_XML,
                                        HT_MI,
                                        HT_MO,
                                        HT_MN,
                                        HT_MS,
                                        HT_MTEXT,
                                        ANN_TAG_SVG,
                                        ANN_TAG_MATH};
static const int32_t scope_button[] = {HT_APPLET,
                                       ANN_TAG_CAPTION,
                                       ANN_TAG_HTML,
                                       ANN_TAG_TABLE,
                                       ANN_TAG_TD,
                                       ANN_TAG_TH,
                                       HT_MARQUEE,
                                       ANN_TAG_OBJECT,
                                       ANN_TAG_TEMPLATE,
                                       HT_FOREIGNOBJECT,
                                       HT_DESC,
                                       HT_ANNOTATION_XML,
                                       HT_MI,
                                       HT_MO,
                                       HT_MN,
                                       HT_MS,
                                       HT_MTEXT,
                                       ANN_TAG_BUTTON,
                                       ANN_TAG_SVG,
                                       ANN_TAG_MATH};
/* Where the search for an li/dd/dt to close stops: the spec's "special"
 * elements that commonly sit between list items (not address/div/p). */
static const int32_t scope_item[] = {
    ANN_TAG_UL,      ANN_TAG_OL,       ANN_TAG_MENU,     HT_DIR,
    ANN_TAG_DL,      ANN_TAG_TABLE,    ANN_TAG_TD,       ANN_TAG_TH,
    ANN_TAG_CAPTION, ANN_TAG_TEMPLATE, ANN_TAG_HTML,     ANN_TAG_BODY,
    ANN_TAG_ARTICLE, ANN_TAG_SECTION,  ANN_TAG_ASIDE,    ANN_TAG_NAV,
    ANN_TAG_HEADER,  ANN_TAG_FOOTER,   ANN_TAG_MAIN,     ANN_TAG_BLOCKQUOTE,
    ANN_TAG_FIGURE,  ANN_TAG_FORM,     ANN_TAG_FIELDSET, ANN_TAG_DETAILS,
    ANN_TAG_BUTTON,  ANN_TAG_OBJECT,   ANN_TAG_SVG,      ANN_TAG_MATH,
    HT_FOREIGNOBJECT};
static const int32_t scope_table[] = {ANN_TAG_HTML, ANN_TAG_TABLE,
                                      ANN_TAG_TEMPLATE};
static const int32_t table_sections[] = {ANN_TAG_TBODY, ANN_TAG_THEAD,
                                         ANN_TAG_TFOOT};
static const int32_t cells[] = {ANN_TAG_TD, ANN_TAG_TH};
static const int32_t row_stop[] = {
    ANN_TAG_TR,    ANN_TAG_TBODY,    ANN_TAG_THEAD, ANN_TAG_TFOOT,
    ANN_TAG_TABLE, ANN_TAG_TEMPLATE, ANN_TAG_HTML};
static const int32_t sect_stop[] = {ANN_TAG_TBODY,    ANN_TAG_THEAD,
                                    ANN_TAG_TFOOT,    ANN_TAG_TABLE,
                                    ANN_TAG_TEMPLATE, ANN_TAG_HTML};
static const int32_t headings[] = {ANN_TAG_H1, ANN_TAG_H2, ANN_TAG_H3,
                                   ANN_TAG_H4, ANN_TAG_H5, ANN_TAG_H6};

/* Is id open above every element of scope (the spec's "in scope")? */
static int32_t in_scope(parser *ps, int32_t id, const int32_t *scope,
                        size_t n) {
  int32_t k = top_of(ps, id);
  return k >= 0 && k > top_max(ps, scope, n) ? k : -1;
}

/* ------------------------------------------------------------------ */
/* Names                                                               */
/* ------------------------------------------------------------------ */

/* Id and canonical string for a lower-case name: the static one for names
 * of tags.c, else an arena copy interned for this parse. */
static int32_t name_id(parser *ps, const char *s, size_t n, uint32_t h,
                       const char **out, bool create) {
  int id = ht_lookup(s, n, h);
  if (id > 0) {
    *out = ht_names[id];
    return id;
  }
  if (ps->names_cap) {
    size_t m = ps->names_cap - 1, i = h & m;
    for (; ps->names[i].name; i = (i + 1) & m)
      if (ps->names[i].hash == h && ps->names[i].len == n &&
          memcmp(ps->names[i].name, s, n) == 0) {
        *out = ps->names[i].name;
        return ps->names[i].id;
      }
  }
  if (!create) return -2;
  if ((ps->nnames + 1) * 2 > ps->names_cap) {
    size_t nc = ps->names_cap ? ps->names_cap * 2 : 64;
    name_ent *t = alloc(ps, nc * sizeof *t);
    if (!t) return -1;
    memset(t, 0, nc * sizeof *t);
    for (size_t i = 0; i < ps->names_cap; i++) {
      if (!ps->names[i].name) continue;
      size_t j = ps->names[i].hash & (nc - 1);
      while (t[j].name)
        j = (j + 1) & (nc - 1);
      t[j] = ps->names[i];
    }
    ps->names = t;
    ps->names_cap = nc;
  }
  int32_t nid = (int32_t)(HT_COUNT + ps->nnames);
  if ((size_t)nid >= ps->ntop) {
    size_t nc = ps->ntop * 2;
    int32_t *t =
        ann_realloc(ps->a, ps->top, ps->ntop * sizeof *t, nc * sizeof *t);
    if (!t) return oom(ps), -1;
    for (size_t i = ps->ntop; i < nc; i++)
      t[i] = -1;
    ps->top = t;
    ps->ntop = nc;
  }
  char *copy = ann_strndup(ps->a, s, n);
  if (!copy) return oom(ps), -1;
  size_t m = ps->names_cap - 1, i = h & m;
  while (ps->names[i].name)
    i = (i + 1) & m;
  ps->names[i] = (name_ent){copy, (uint32_t)n, h, nid};
  ps->nnames++;
  *out = copy;
  return nid;
}

/* ------------------------------------------------------------------ */
/* Text                                                                */
/* ------------------------------------------------------------------ */

static void text_mode_dec(parser *ps) {
  if (ps->t_dec) return;
  ps->t_dec = true;
  ps->txt.n = 0;
  buf_add(ps, &ps->txt, ps->t_src, ps->t_len);
}

/* Add input bytes [s, e) verbatim to the pending text. */
static inline void text_src(parser *ps, const char *s, const char *e) {
  if (s == e) return;
  if (!ps->t_any) {
    ps->t_any = true;
    ps->t_dec = false;
    ps->t_src = s;
    ps->t_len = (size_t)(e - s);
    ps->t_off = (uint32_t)(s - ps->src);
    return;
  }
  if (!ps->t_dec && ps->t_src + ps->t_len == s) {
    ps->t_len += (size_t)(e - s);
    return;
  }
  text_mode_dec(ps);
  buf_add(ps, &ps->txt, s, (size_t)(e - s));
}

/* Add decoded bytes (not in the input) at input offset off. */
static void text_bytes(parser *ps, const char *b, size_t n, const char *at) {
  if (!ps->t_any) {
    ps->t_any = true;
    ps->t_dec = true;
    ps->txt.n = 0;
    ps->t_off = (uint32_t)(at - ps->src);
  } else {
    text_mode_dec(ps);
  }
  buf_add(ps, &ps->txt, b, n);
}

static bool all_ws(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (!is_ws((unsigned char)s[i])) return false;
  return true;
}

static void ensure_body(parser *ps);

/* Make the pending text a node of the current element. Before the body
 * whitespace stays where it is (or is dropped before html/head) and any
 * other text opens the body, as in the spec. Text continuing the text
 * node flushed last (an ignored tag came between) is appended to it. */
static void flush_text(parser *ps) {
  if (!ps->t_any || ps->oom) return;
  ps->t_any = false;
  const char *s = ps->t_dec ? ps->txt.p : ps->t_src;
  size_t n = ps->t_dec ? ps->txt.n : ps->t_len;
  if (!ps->t_raw && ps->phase != PH_BODY) {
    if (all_ws(s, n)) {
      if (ps->phase <= PH_BEFORE_HEAD) return;
    } else {
      ps->t_any = false;
      /* ensure_body() flushes nothing: the pending text is taken */
      ensure_body(ps);
      if (ps->oom) return;
    }
  }
  ann_node *parent = current(ps);
  ann_node *last = parent->last_child;
  if (last && last == ps->last_text) {
    /* last_cap is 0 while the text still points into the dup */
    size_t need = last->text_len + n + 1;
    if (need > ps->last_cap) {
      size_t nc = ps->last_cap * 2 > need ? ps->last_cap * 2 : need;
      char *t =
          ann_realloc(ps->a, (char *)last->text,
                      ps->last_cap ? ps->last_cap : last->text_len + 1, nc);
      if (!t) {
        oom(ps);
        return;
      }
      last->text = t;
      ps->last_cap = nc;
    }
    char *t = (char *)last->text;
    memcpy(t + last->text_len, s, n);
    last->text_len += (uint32_t)n;
    t[last->text_len] = 0;
    return;
  }
  ann_node *node = new_node(ps, ANN_NODE_TEXT, ps->t_off);
  if (!node) return;
  char *t;
  if (ps->t_dec) {
    if (!(t = alloc(ps, n + 1))) return;
    memcpy(t, s, n);
    t[n] = 0;
    ps->last_cap = n + 1;
  } else {
    t = dup_str(ps, s, s + n);
    ps->last_cap = 0;
  }
  node->text = t;
  node->text_len = (uint32_t)n;
  append(parent, node);
  ps->last_text = node;
}

/* Decode [s, e) into the pending text: CR and CRLF become LF, NUL becomes
 * U+FFFD, and character references are expanded when refs is set. */
static void text_add(parser *ps, const char *s, const char *e, bool refs) {
  while (s < e && !ps->oom) {
    const char *q = scan4(s, e, refs ? '&' : '\r', '\r', '\0', '\0');
    text_src(ps, s, q);
    if (q == e) return;
    if (*q == '&') {
      char out[8];
      size_t n;
      size_t k = html_charref(q + 1, e, false, out, &n);
      if (k) {
        text_bytes(ps, out, n, q);
        s = q + 1 + k;
      } else {
        text_src(ps, q, q + 1);
        s = q + 1;
      }
    } else if (*q == '\r') {
      text_bytes(ps, "\n", 1, q);
      s = q + 1;
      if (s < e && *s == '\n') s++;
    } else {
      text_bytes(ps, "\xEF\xBF\xBD", 3, q);
      s = q + 1;
    }
  }
}

/* ------------------------------------------------------------------ */
/* Tree building                                                       */
/* ------------------------------------------------------------------ */

typedef struct tagtok {
  const char *name; /* canonical lower-case name */
  int32_t id;
  bool end, self_closing;
  uint32_t off;
} tagtok;

static ann_node *make_element(parser *ps, const tagtok *t, bool with_attrs) {
  ann_node *n = new_node(ps, ANN_NODE_ELEMENT, t->off);
  if (!n) return NULL;
  n->tag = t->id < ANN_TAG_COUNT ? (ann_tag)t->id : ANN_TAG_UNKNOWN;
  n->name = t->name;
  if (with_attrs && ps->nattrs) {
    ann_attr *at = alloc(ps, ps->nattrs * sizeof *at);
    if (!at) return NULL;
    memcpy(at, ps->attrs, ps->nattrs * sizeof *at);
    n->attrs = at;
    n->nattrs = (uint32_t)ps->nattrs;
  }
  return n;
}

/* Insert an element for t in the current node; push it unless it is void
 * or the depth cap is reached (then its content is flattened into the
 * current node). */
static ann_node *insert(parser *ps, const tagtok *t, bool pushit, int ns) {
  flush_text(ps);
  ann_node *n = make_element(ps, t, true);
  if (!n) return NULL;
  append(current(ps), n);
  if (pushit && ps->depth < ps->max_depth) push(ps, n, t->id, ns);
  return n;
}

/* Copy attributes of a repeated <html>/<body> onto the first one when it
 * lacks them, as the spec does. */
static void merge_attrs(parser *ps, ann_node *n) {
  /* a few repeats at most: each costs a scan of n's attributes */
  if (!n || !ps->nattrs || n->nattrs >= ATTR_CAP || ps->merges >= 8) return;
  ps->merges++;
  size_t add = 0;
  for (size_t i = 0; i < ps->nattrs; i++)
    if (!ann_html_attr(n, ps->attrs[i].name)) add++;
  if (!add) return;
  ann_attr *at = alloc(ps, (n->nattrs + add) * sizeof *at);
  if (!at) return;
  if (n->nattrs) memcpy(at, n->attrs, n->nattrs * sizeof *at);
  size_t k = n->nattrs;
  for (size_t i = 0; i < ps->nattrs && k < ATTR_CAP; i++)
    if (!ann_html_attr(n, ps->attrs[i].name)) at[k++] = ps->attrs[i];
  n->attrs = at;
  n->nattrs = (uint32_t)k;
}

static void implied(parser *ps, int32_t id, ann_node **slot, int phase) {
  tagtok t = {ht_names[id], id, false, false, 0};
  size_t saved = ps->nattrs;
  ps->nattrs = 0;
  ann_node *n = insert(ps, &t, true, NS_HTML);
  ps->nattrs = saved;
  if (!n) return;
  *slot = n;
  ps->phase = phase;
}

static int32_t current_id(parser *ps) {
  return ps->depth ? ps->stack[ps->depth - 1].id : -1;
}

/* An element the markup left out (tbody, tr), pushed as the current node. */
static void implied_child(parser *ps, int32_t id) {
  tagtok t = {ht_names[id], id, false, false, 0};
  size_t saved = ps->nattrs;
  ps->nattrs = 0;
  insert(ps, &t, true, NS_HTML);
  ps->nattrs = saved;
}

/* Move through the phases before the body until the body is open. */
static void ensure_body(parser *ps) {
  while (ps->phase != PH_BODY && !ps->oom) {
    switch (ps->phase) {
    case PH_BEFORE_HTML:
      implied(ps, ANN_TAG_HTML, &ps->html, PH_BEFORE_HEAD);
      break;
    case PH_BEFORE_HEAD:
      implied(ps, ANN_TAG_HEAD, &ps->head, PH_IN_HEAD);
      break;
    case PH_IN_HEAD: {
      int32_t k = top_of(ps, ANN_TAG_HEAD);
      if (k >= 0) pop_to(ps, (size_t)k);
      ps->phase = PH_AFTER_HEAD;
      break;
    }
    case PH_AFTER_HEAD: implied(ps, ANN_TAG_BODY, &ps->body, PH_BODY); break;
    }
  }
}

static void start_raw(parser *ps, const tagtok *t, uint16_t f) {
  if (f & HF_RAW)
    ps->tstate = t->id == ANN_TAG_SCRIPT ? TS_SCRIPT : TS_RAW;
  else if (f & HF_RCDATA)
    ps->tstate = TS_RCDATA;
  else if (t->id == HT_PLAINTEXT)
    ps->tstate = TS_PLAIN;
  else
    return;
  ps->raw_id = t->id;
}

static bool current_foreign(parser *ps) {
  return ps->depth && ps->stack[ps->depth - 1].ns == NS_FOREIGN;
}

/* Elements inside svg/math: the integration points hold HTML again. */
static int foreign_ns(int32_t id) {
  return (flags_of(id) & HF_INTEGRATION) ? NS_INTEGRATION : NS_FOREIGN;
}

/* Are the (at most 64) open elements above stack index k all inline? */
static bool inline_above(parser *ps, size_t k) {
  if (ps->depth - k > 65) return false;
  for (size_t j = ps->depth - 1; j > k; j--)
    if (!(flags_of(ps->stack[j].id) & HF_PHRASING)) return false;
  return true;
}

/* Returns true when a newline right after the tag must be dropped. */
static bool tree_start(parser *ps, tagtok *t) {
  int32_t id = t->id;
  if (id == HT_IMAGE) {
    id = t->id = ANN_TAG_IMG;
    t->name = ht_names[ANN_TAG_IMG];
  }
  uint16_t f = flags_of(id);
  flush_text(ps);
  switch (ps->phase) {
  case PH_BEFORE_HTML:
    if (id == ANN_TAG_HTML) {
      ps->html = insert(ps, t, true, NS_HTML);
      ps->phase = PH_BEFORE_HEAD;
      return false;
    }
    implied(ps, ANN_TAG_HTML, &ps->html, PH_BEFORE_HEAD);
    /* fall through */
  case PH_BEFORE_HEAD:
    if (id == ANN_TAG_HTML) return merge_attrs(ps, ps->html), false;
    if (id == ANN_TAG_HEAD) {
      ps->head = insert(ps, t, true, NS_HTML);
      ps->phase = PH_IN_HEAD;
      return false;
    }
    implied(ps, ANN_TAG_HEAD, &ps->head, PH_IN_HEAD);
    /* fall through */
  case PH_IN_HEAD:
    if (f & HF_HEAD) {
      insert(ps, t, !(f & HF_VOID), NS_HTML);
      if (!(f & HF_VOID)) start_raw(ps, t, f);
      return false;
    }
    if (id == ANN_TAG_HEAD) return false;
    if (id == ANN_TAG_HTML) return merge_attrs(ps, ps->html), false;
    {
      int32_t k = top_of(ps, ANN_TAG_HEAD);
      if (k >= 0) pop_to(ps, (size_t)k);
      ps->phase = PH_AFTER_HEAD;
    }
    /* fall through */
  case PH_AFTER_HEAD:
    if (id == ANN_TAG_BODY) {
      ps->body = insert(ps, t, true, NS_HTML);
      ps->phase = PH_BODY;
      return false;
    }
    if (id == ANN_TAG_HTML) return merge_attrs(ps, ps->html), false;
    if ((f & HF_HEAD) && ps->head && ps->depth < ps->max_depth) {
      /* late head content goes back into head, as in the spec */
      push(ps, ps->head, ANN_TAG_HEAD, NS_HTML);
      ps->phase = PH_IN_HEAD;
      return tree_start(ps, t);
    }
    if (id == ANN_TAG_HEAD) return false;
    implied(ps, ANN_TAG_BODY, &ps->body, PH_BODY);
    break;
  }

  /* in body */
  if (current_foreign(ps)) {
    if (!(f & HF_BREAKOUT)) {
      insert(ps, t, !t->self_closing, foreign_ns(id));
      return false;
    }
    /* an HTML element ends the svg/math content */
    size_t k = ps->depth;
    while (k > 0 && ps->stack[k - 1].ns == NS_FOREIGN)
      k--;
    pop_to(ps, k);
  }
  if (id == ANN_TAG_HTML) return merge_attrs(ps, ps->html), false;
  if (id == ANN_TAG_BODY) return merge_attrs(ps, ps->body), false;
  if (id == ANN_TAG_HEAD) return false;

  int32_t k;
  if (id == ANN_TAG_LI) {
    if ((k = in_scope(ps, ANN_TAG_LI, scope_item, NELEM(scope_item))) >= 0)
      pop_to(ps, (size_t)k);
  } else if (id == ANN_TAG_DD || id == ANN_TAG_DT) {
    int32_t a = in_scope(ps, ANN_TAG_DD, scope_item, NELEM(scope_item));
    int32_t b = in_scope(ps, ANN_TAG_DT, scope_item, NELEM(scope_item));
    if ((k = a > b ? a : b) >= 0) pop_to(ps, (size_t)k);
  }
  if (f & HF_CLOSEP) {
    if ((k = in_scope(ps, ANN_TAG_P, scope_button, NELEM(scope_button))) >= 0)
      pop_to(ps, (size_t)k);
  }
  if (f & HF_HEADING) {
    if (ps->depth && (flags_of(ps->stack[ps->depth - 1].id) & HF_HEADING))
      pop_to(ps, ps->depth - 1);
  }
  switch (id) {
  case ANN_TAG_OPTION:
    if (ps->depth && ps->stack[ps->depth - 1].id == ANN_TAG_OPTION)
      pop_to(ps, ps->depth - 1);
    break;
  case ANN_TAG_OPTGROUP:
    if (ps->depth && ps->stack[ps->depth - 1].id == ANN_TAG_OPTION)
      pop_to(ps, ps->depth - 1);
    if (ps->depth && ps->stack[ps->depth - 1].id == ANN_TAG_OPTGROUP)
      pop_to(ps, ps->depth - 1);
    break;
  case ANN_TAG_TD:
  case ANN_TAG_TH:
    k = top_max(ps, cells, NELEM(cells));
    if (k >= 0 && k > top_max(ps, row_stop, NELEM(row_stop)))
      pop_to(ps, (size_t)k);
    /* a cell right in a table or section gets its implied tbody, tr */
    if (current_id(ps) == ANN_TAG_TABLE) implied_child(ps, ANN_TAG_TBODY);
    if (current_id(ps) == ANN_TAG_TBODY || current_id(ps) == ANN_TAG_THEAD ||
        current_id(ps) == ANN_TAG_TFOOT)
      implied_child(ps, ANN_TAG_TR);
    break;
  case ANN_TAG_TR:
    k = top_of(ps, ANN_TAG_TR);
    if (k >= 0 && k > top_max(ps, sect_stop, NELEM(sect_stop)))
      pop_to(ps, (size_t)k);
    if (current_id(ps) == ANN_TAG_TABLE) implied_child(ps, ANN_TAG_TBODY);
    break;
  case ANN_TAG_TBODY:
  case ANN_TAG_THEAD:
  case ANN_TAG_TFOOT:
    k = top_max(ps, table_sections, NELEM(table_sections));
    if (k >= 0 && k > top_max(ps, scope_table, NELEM(scope_table)))
      pop_to(ps, (size_t)k);
    break;
  case ANN_TAG_TABLE: {
    /* a table right inside a table (not in a cell) closes the first */
    int32_t cur = current_id(ps);
    if ((cur == ANN_TAG_TABLE || cur == ANN_TAG_TBODY || cur == ANN_TAG_THEAD ||
         cur == ANN_TAG_TFOOT || cur == ANN_TAG_TR) &&
        (k = top_of(ps, ANN_TAG_TABLE)) >= 0)
      pop_to(ps, (size_t)k);
    break;
  }
  case ANN_TAG_A:
  case HT_NOBR:
    /* a second one closes the first when only inline elements are in
     * between (the spec's adoption agency, cut down to its common case);
     * across a block it nests instead of closing the block */
    if ((k = in_scope(ps, id, scope_default, NELEM(scope_default))) >= 0 &&
        inline_above(ps, (size_t)k))
      pop_to(ps, (size_t)k);
    break;
  case ANN_TAG_BUTTON:
    if ((k = in_scope(ps, id, scope_default, NELEM(scope_default))) >= 0)
      pop_to(ps, (size_t)k);
    break;
  case ANN_TAG_FORM:
    /* nested forms are ignored, as in the spec (ASP.NET pages wrap the
     * whole page in one and nest search forms inside it) */
    if (ps->form && top_of(ps, ANN_TAG_TEMPLATE) < 0) return false;
    break;
  }

  if (id == ANN_TAG_SVG || id == ANN_TAG_MATH) {
    insert(ps, t, !t->self_closing, NS_FOREIGN);
    return false;
  }
  ann_node *n = insert(ps, t, !(f & HF_VOID), NS_HTML);
  if (!(f & HF_VOID)) start_raw(ps, t, f);
  if (id == ANN_TAG_FORM && n && top_of(ps, ANN_TAG_FORM) >= 0 &&
      ps->stack[ps->depth - 1].node == n)
    ps->form = n;
  return (f & HF_PRE) != 0;
}

static void tree_end(parser *ps, tagtok *t) {
  int32_t id = t->id, k;
  if (ps->phase != PH_BODY) flush_text(ps);
  if (id < 0) return; /* a name no element of this page has */
  switch (ps->phase) {
  case PH_BEFORE_HTML:
  case PH_BEFORE_HEAD:
    if (id != ANN_TAG_BR) return;
    break;
  case PH_IN_HEAD:
    if (id == ANN_TAG_HEAD) {
      if ((k = top_of(ps, ANN_TAG_HEAD)) >= 0) pop_to(ps, (size_t)k);
      ps->phase = PH_AFTER_HEAD;
      return;
    }
    if (id == ANN_TAG_BODY || id == ANN_TAG_HTML || id == ANN_TAG_BR) break;
    /* close title, noscript, template... but never head itself */
    k = top_of(ps, id);
    if (k > top_of(ps, ANN_TAG_HEAD)) pop_to(ps, (size_t)k);
    return;
  case PH_AFTER_HEAD:
    if (id != ANN_TAG_BODY && id != ANN_TAG_HTML && id != ANN_TAG_BR) return;
    break;
  }
  if (id == ANN_TAG_BR) {
    tagtok br = {ht_names[ANN_TAG_BR], ANN_TAG_BR, false, false, t->off};
    ps->nattrs = 0;
    tree_start(ps, &br);
    return;
  }
  ensure_body(ps);
  if (id == ANN_TAG_BODY || id == ANN_TAG_HTML || id == ANN_TAG_HEAD) return;

  if (id == ANN_TAG_P) {
    if ((k = in_scope(ps, ANN_TAG_P, scope_button, NELEM(scope_button))) >= 0)
      pop_to(ps, (size_t)k);
    else {
      /* "</p>" without an open p makes an empty p, as in the spec */
      tagtok p = {ht_names[ANN_TAG_P], ANN_TAG_P, false, false, t->off};
      ps->nattrs = 0;
      insert(ps, &p, false, NS_HTML);
    }
    return;
  }
  if (flags_of(id) & HF_HEADING) {
    int32_t top = top_max(ps, headings, NELEM(headings));
    if (top >= 0 && top > top_max(ps, scope_default, NELEM(scope_default)))
      pop_to(ps, (size_t)top);
    return;
  }
  if (id == ANN_TAG_FORM) {
    /* the spec: the form leaves the stack, the elements opened inside it
     * stay open (a tombstone keeps the stack indices) */
    ann_node *form = ps->form;
    ps->form = NULL;
    k = top_of(ps, ANN_TAG_FORM);
    if (!form || k < 0 || ps->stack[k].node != form) return;
    if ((size_t)k == ps->depth - 1) {
      pop_to(ps, (size_t)k);
    } else {
      flush_text(ps);
      ps->top[ANN_TAG_FORM] = ps->stack[k].prev_same;
      ps->stack[k].id = HT_TOMB;
      ps->stack[k].prev_same = -1;
    }
    return;
  }
  k = top_of(ps, id);
  if (k < 0) return; /* stray end tag */
  /* "<b><div>x</b>y</div>": the spec moves the div out of the b; keeping
   * the b open (ignoring its end tag) keeps "y" in the div as well */
  if ((flags_of(id) & HF_FORMATTING) && !inline_above(ps, (size_t)k)) return;
  /* any other non-special element: a special one above it (div, li...)
   * makes the end tag stray, as in the spec ("<x><div></x>") */
  if (!(flags_of(id) & HF_SPECIAL) && ps->stack[ps->depth - 1].special > k)
    return;
  /* never reach past a cell, table, template or svg boundary for an
   * element outside it: "<td><div></td>" closes the div and td, while
   * "<div><td></div>" leaves the cell alone */
  int32_t bound;
  switch (id) {
  case ANN_TAG_TABLE:
  case ANN_TAG_TBODY:
  case ANN_TAG_THEAD:
  case ANN_TAG_TFOOT:
  case ANN_TAG_TR:
  case ANN_TAG_CAPTION:
  case ANN_TAG_TD:
  case ANN_TAG_TH: bound = top_max(ps, scope_table, NELEM(scope_table)); break;
  case ANN_TAG_LI: {
    static const int32_t lists[] = {ANN_TAG_UL, ANN_TAG_OL};
    bound = top_max(ps, scope_default, NELEM(scope_default));
    int32_t b2 = top_max(ps, lists, NELEM(lists));
    if (b2 > bound) bound = b2;
    break;
  }
  default: bound = top_max(ps, scope_default, NELEM(scope_default));
  }
  if (k < bound) return;
  pop_to(ps, (size_t)k);
}

/* ------------------------------------------------------------------ */
/* Tokenizer                                                           */
/* ------------------------------------------------------------------ */

/* Add an attribute unless a previous one has the same name or the tag
 * already has ATTR_CAP of them. name (nlen bytes, lower-case) is stored
 * as the shared static name, as nstore (already NUL-terminated) or as a
 * copy; value is NUL-terminated already. */
static void add_attr(parser *ps, const char *name, size_t nlen, uint32_t h,
                     char *nstore, const char *value) {
  if (ps->nattrs >= ATTR_CAP) return;
  size_t s = h & (ASET - 1);
  for (;;) {
    if (ps->aset_stamp[s] != ps->aset_gen) break;
    uint16_t i = ps->aset_idx[s];
    if (ps->ahash[i] == h && ps->alen[i] == nlen &&
        ht_eq(ps->attrs[i].name, name, nlen))
      return; /* duplicate: the first one wins */
    s = (s + 1) & (ASET - 1);
  }
  const char *n = ht_attr_name(name, nlen, h);
  if (!n) n = nstore ? nstore : ann_strndup(ps->a, name, nlen);
  if (!n) {
    oom(ps);
    return;
  }
  ps->aset_stamp[s] = ps->aset_gen;
  ps->aset_idx[s] = (uint16_t)ps->nattrs;
  ps->ahash[ps->nattrs] = h;
  ps->alen[ps->nattrs] = (uint32_t)nlen;
  ps->attrs[ps->nattrs].name = n;
  ps->attrs[ps->nattrs].value = value;
  ps->nattrs++;
}

/* Decode an attribute value [s, e) into ps->aval: references (attribute
 * rules), CR/CRLF -> LF, NUL -> U+FFFD. */
static void decode_value(parser *ps, const char *s, const char *e) {
  ps->aval.n = 0;
  while (s < e && !ps->oom) {
    const char *q = scan4(s, e, '&', '\r', '\0', '\0');
    buf_add(ps, &ps->aval, s, (size_t)(q - s));
    if (q == e) return;
    if (*q == '&') {
      char out[8];
      size_t n, k = html_charref(q + 1, e, true, out, &n);
      if (k) {
        buf_add(ps, &ps->aval, out, n);
        s = q + 1 + k;
      } else {
        buf_add(ps, &ps->aval, "&", 1);
        s = q + 1;
      }
    } else if (*q == '\r') {
      buf_add(ps, &ps->aval, "\n", 1);
      s = q + 1;
      if (s < e && *s == '\n') s++;
    } else {
      buf_add(ps, &ps->aval, "\xEF\xBF\xBD", 3);
      s = q + 1;
    }
  }
}

/* Read a name from p up to a byte of class stop (an attribute name may
 * start with '='). The lower-case name is left in *nm, *nlen: in the input
 * itself when it is already lower-case (*in_src), else copied to b with
 * upper case folded and NUL as U+FFFD. Returns the stop position. */
static const char *read_name(parser *ps, buf *b, const char *p, const char *end,
                             uint8_t stop, bool first_any, const char **nm,
                             size_t *nlen, bool *in_src) {
  const char *s = p;
  if (first_any && p < end && *p == '=') p++;
  uint8_t seen = 0;
  while (p < end) {
    uint8_t c = cls[(unsigned char)*p];
    if (c & stop) break;
    seen |= c;
    p++;
  }
  if (!(seen & C_UPPER) && !(p < end && *p == 0)) {
    *nm = s;
    *nlen = (size_t)(p - s);
    *in_src = true;
    return p;
  }
  b->n = 0;
  p = s;
  if (first_any && p < end && *p == '=') buf_add(ps, b, p++, 1);
  while (p < end && !ps->oom) {
    unsigned char c = (unsigned char)*p;
    if (cls[c] & stop) {
      if (c != 0) break;
      buf_add(ps, b, "\xEF\xBF\xBD", 3);
    } else {
      char l = lower(c);
      buf_add(ps, b, &l, 1);
    }
    p++;
  }
  *nm = b->p ? b->p : "";
  *nlen = b->n;
  *in_src = false;
  return p;
}

/* The tag starting at name (after "<" or "</"). Returns the position after
 * its '>', or NULL when the input ends inside the tag (it is dropped). */
static const char *lex_tag(parser *ps, const char *p, tagtok *t) {
  const char *end = ps->end;
  const char *tname;
  size_t tlen;
  bool in_src;
  p = read_name(ps, &ps->name, p, end, C_TAGSTOP, false, &tname, &tlen,
                &in_src);
  if (ps->oom || p >= end) return NULL;
  ps->nattrs = 0;
  ps->aset_gen++;
  if (ps->aset_gen == 0) {
    memset(ps->aset_stamp, 0, sizeof ps->aset_stamp);
    ps->aset_gen = 1;
  }
  bool keep = !t->end;
  for (;;) {
    while (p < end && is_ws((unsigned char)*p))
      p++;
    if (p >= end) return NULL;
    char c = *p;
    if (c == '>') {
      p++;
      break;
    }
    if (c == '/') {
      p++;
      if (p < end && *p == '>') {
        t->self_closing = true;
        p++;
        break;
      }
      continue;
    }
    /* attribute name */
    const char *an, *ans = p;
    size_t alen;
    p = read_name(ps, &ps->aname, p, end, C_ANAMESTOP, true, &an, &alen,
                  &in_src);
    if (ps->oom || p >= end) return NULL;
    const char *ane = p;
    bool an_src = in_src;
    const char *q = p;
    while (q < end && is_ws((unsigned char)*q))
      q++;
    if (q >= end) return NULL;
    if (*q != '=') {
      if (keep && ps->nattrs < ATTR_CAP)
        add_attr(ps, an, alen, ht_hash(an, alen),
                 an_src ? dup_str(ps, ans, ane) : NULL, "");
      p = q;
      continue;
    }
    q++;
    while (q < end && is_ws((unsigned char)*q))
      q++;
    if (q >= end) return NULL;
    const char *vs, *ve;
    bool plain = true; /* no reference, CR or NUL in the value */
    if (*q == '"' || *q == '\'') {
      vs = q + 1;
      ve = scan4(vs, end, *q, '&', '\r', '\0');
      if (ve < end && *ve != *q) {
        plain = false;
        ve = memchr(ve, *q, (size_t)(end - ve));
      }
      if (!ve || ve >= end) return NULL;
      p = ve + 1;
    } else if (*q == '>') {
      /* missing value */
      vs = ve = q;
      p = q;
    } else {
      vs = q;
      ve = q;
      while (ve < end && !(cls[(unsigned char)*ve] & C_UNQSTOP))
        ve++;
      if (ve >= end) return NULL;
      p = ve;
    }
    if (!keep || ps->nattrs >= ATTR_CAP) continue;
    const char *val = "";
    if (vs < ve) {
      if (plain && (*q == '"' || *q == '\'' ||
                    scan4(vs, ve, '&', '\r', '\0', '\0') == ve)) {
        val = dup_str(ps, vs, ve);
      } else {
        decode_value(ps, vs, ve);
        if (ps->oom) return NULL;
        val = ann_strndup(ps->a, ps->aval.p, ps->aval.n);
        if (!val) return oom(ps);
      }
    }
    add_attr(ps, an, alen, ht_hash(an, alen),
             an_src ? dup_str(ps, ans, ane) : NULL, val);
  }
  if (ps->oom) return NULL;
  t->id = name_id(ps, tname, tlen, ht_hash(tname, tlen), &t->name, !t->end);
  if (t->id == -1) return NULL;
  return p;
}

static void add_comment(parser *ps, const char *s, const char *e,
                        const char *at) {
  flush_text(ps);
  ann_node *n = new_node(ps, ANN_NODE_COMMENT, (uint32_t)(at - ps->src));
  if (!n) return;
  /* comments keep their bytes except for the NUL/CR rules */
  if (scan4(s, e, '\r', '\0', '\0', '\0') == e) {
    n->text = dup_str(ps, s, e);
    n->text_len = (uint32_t)(e - s);
    append(current(ps), n);
    return;
  }
  buf *b = &ps->aval;
  b->n = 0;
  for (const char *q; s < e; s = q + 1) {
    q = scan4(s, e, '\r', '\0', '\0', '\0');
    buf_add(ps, b, s, (size_t)(q - s));
    if (q == e) break;
    if (*q == '\r') {
      buf_add(ps, b, "\n", 1);
      if (q + 1 < e && q[1] == '\n') q++;
    } else {
      buf_add(ps, b, "\xEF\xBF\xBD", 3);
    }
  }
  char *t = ann_strndup(ps->a, b->p ? b->p : "", b->n);
  if (!t) {
    oom(ps);
    return;
  }
  n->text = t;
  n->text_len = (uint32_t)b->n;
  append(current(ps), n);
}

/* "<!--" at lt: the comment ends at "-->" or "--!>" ("<!-->" and "<!--->"
 * are empty comments); unterminated, it runs to the end. */
static const char *lex_comment(parser *ps, const char *lt) {
  const char *end = ps->end, *s = lt + 4;
  if (s < end && *s == '>') {
    add_comment(ps, s, s, lt);
    return s + 1;
  }
  if (s + 1 < end && s[0] == '-' && s[1] == '>') {
    add_comment(ps, s, s, lt);
    return s + 2;
  }
  const char *q = s;
  for (;;) {
    q = memchr(q, '-', (size_t)(end - q));
    if (!q || end - q < 3) break;
    if (q[1] == '-') {
      if (q[2] == '>') {
        add_comment(ps, s, q, lt);
        return q + 3;
      }
      if (q[2] == '!' && end - q >= 4 && q[3] == '>') {
        add_comment(ps, s, q, lt);
        return q + 4;
      }
    }
    q++;
  }
  /* EOF: a trailing "-" or "--" is not part of the comment */
  const char *e = end;
  if (e > s && e[-1] == '-') e--;
  if (e > s && e[-1] == '-') e--;
  add_comment(ps, s, e, lt);
  return end;
}

/* Bogus comment: from s to the next '>'. */
static const char *lex_bogus(parser *ps, const char *s, const char *lt) {
  const char *q = memchr(s, '>', (size_t)(ps->end - s));
  const char *e = q ? q : ps->end;
  add_comment(ps, s, e, lt);
  return q ? q + 1 : ps->end;
}

static bool ci_prefix(const char *p, const char *end, const char *lit) {
  size_t n = strlen(lit);
  if ((size_t)(end - p) < n) return false;
  for (size_t i = 0; i < n; i++)
    if (lower((unsigned char)p[i]) != lit[i]) return false;
  return true;
}

/* After a start tag: skip the newline that pre, listing and textarea
 * drop, then return where the tokenizer goes on. */
static const char *after_start(parser *ps, const char *p, bool drop_lf) {
  if (drop_lf && p < ps->end) {
    if (*p == '\n')
      p++;
    else if (*p == '\r')
      p += (p + 1 < ps->end && p[1] == '\n') ? 2 : 1;
  }
  return p;
}

/* Markup at '<' (lt). Returns where to go on, or NULL when the '<' is
 * just text. */
static const char *lex_markup(parser *ps, const char *lt) {
  const char *end = ps->end, *p = lt + 1;
  if (p >= end) return NULL;
  unsigned char c = (unsigned char)*p;
  if (is_alpha(c)) {
    tagtok t = {0};
    t.off = (uint32_t)(lt - ps->src);
    const char *r = lex_tag(ps, p, &t);
    if (!r) return end;
    bool drop_lf = tree_start(ps, &t);
    return after_start(ps, r, drop_lf);
  }
  if (c == '/') {
    p++;
    if (p >= end) return NULL;
    if (is_alpha((unsigned char)*p)) {
      tagtok t = {0};
      t.end = true;
      t.off = (uint32_t)(lt - ps->src);
      const char *r = lex_tag(ps, p, &t);
      if (!r) return end;
      tree_end(ps, &t);
      return r;
    }
    if (*p == '>') return p + 1;
    return lex_bogus(ps, p, lt);
  }
  if (c == '!') {
    p++;
    if (end - p >= 2 && p[0] == '-' && p[1] == '-') return lex_comment(ps, lt);
    if (ci_prefix(p, end, "doctype")) {
      const char *q = memchr(p, '>', (size_t)(end - p));
      return q ? q + 1 : end;
    }
    if (end - p >= 7 && memcmp(p, "[CDATA[", 7) == 0 && current_foreign(ps)) {
      const char *s = p + 7, *q = s;
      for (;;) {
        q = memchr(q, ']', (size_t)(end - q));
        if (!q || end - q < 3) {
          text_add(ps, s, end, false);
          return end;
        }
        if (q[1] == ']' && q[2] == '>') break;
        q++;
      }
      text_add(ps, s, q, false);
      return q + 3;
    }
    return lex_bogus(ps, p, lt);
  }
  if (c == '?') return lex_bogus(ps, p, lt);
  return NULL;
}

/* Data state: text up to the next markup. */
static const char *lex_data(parser *ps, const char *p) {
  const char *end = ps->end;
  ps->t_raw = false;
  while (p < end && !ps->oom) {
    const char *q = scan4(p, end, '<', '&', '\r', '\0');
    text_src(ps, p, q);
    if (q == end) return end;
    switch (*q) {
    case '<': {
      const char *r = lex_markup(ps, q);
      if (!r) {
        text_src(ps, q, q + 1);
        p = q + 1;
        break;
      }
      return r;
    }
    case '&': {
      char out[8];
      size_t n, k = html_charref(q + 1, end, false, out, &n);
      if (k) {
        text_bytes(ps, out, n, q);
        p = q + 1 + k;
      } else {
        text_src(ps, q, q + 1);
        p = q + 1;
      }
      break;
    }
    case '\r':
      text_bytes(ps, "\n", 1, q);
      p = q + 1;
      if (p < end && *p == '\n') p++;
      break;
    default:
      text_bytes(ps, "\xEF\xBF\xBD", 3, q);
      p = q + 1;
      break;
    }
  }
  return p;
}

/* Is there an end tag "</name" followed by a tag delimiter at q? */
static bool is_end_tag(const char *q, const char *end, const char *name) {
  size_t n = strlen(name);
  if ((size_t)(end - q) < n + 3 || q[1] != '/') return false;
  for (size_t i = 0; i < n; i++)
    if (lower((unsigned char)q[2 + i]) != name[i]) return false;
  return cls[(unsigned char)q[2 + n]] & C_TAGSTOP && q[2 + n] != 0;
}

/* Where raw text from p ends: the "</name" of the element, or end. Script
 * follows the spec's escape states: inside "<!--", a "<script" starts a
 * double-escaped part where "</script" does not end the element, until
 * "</script" or "-->" ends that part. */
static const char *raw_end(parser *ps, const char *p) {
  const char *end = ps->end, *name = ht_names[ps->raw_id];
  if (ps->tstate != TS_SCRIPT) {
    for (const char *q = p; (q = memchr(q, '<', (size_t)(end - q))); q++)
      if (is_end_tag(q, end, name)) return q;
    return end;
  }
  int esc = 0; /* 0 plain, 1 escaped ("<!--"), 2 double escaped */
  for (const char *q = p; q < end; q++) {
    q = scan4(q, end, '<', '-', '-', '-');
    if (q >= end) break;
    if (*q == '-') {
      if (esc && end - q >= 3 && q[1] == '-' && q[2] == '>') {
        esc = 0;
        q += 2;
      }
      continue;
    }
    /* '<' */
    if (esc != 2 && is_end_tag(q, end, "script")) return q;
    if (esc == 0 && end - q >= 4 && memcmp(q, "<!--", 4) == 0) {
      esc = 1;
      q += 3;
      /* "<!--" followed by "->" or ">" closes at once */
      continue;
    }
    if (esc == 1 && end - q >= 8 && ci_prefix(q + 1, end, "script") &&
        (cls[(unsigned char)q[7]] & C_TAGSTOP) && q[7]) {
      esc = 2;
      q += 6;
      continue;
    }
    if (esc == 2 && is_end_tag(q, end, "script")) {
      esc = 1;
      q += 7;
    }
  }
  return end;
}

static const char *lex_raw(parser *ps, const char *p) {
  const char *q = raw_end(ps, p);
  ps->t_raw = true;
  text_add(ps, p, q, ps->tstate == TS_RCDATA);
  flush_text(ps);
  ps->t_raw = false;
  ps->tstate = TS_DATA;
  return q;
}

/* ------------------------------------------------------------------ */
/* Public API                                                          */
/* ------------------------------------------------------------------ */

int ann_html_parse(ann_arena *a, const char *utf8, size_t len,
                   const ann_limits *lim, ann_node **root, ann_error *e) {
  if (!a || !root || (!utf8 && len))
    return ann_fail(e, ANN_EINVAL, -1, "ann_html_parse: bad argument");
  *root = NULL;
  if (len > UINT32_MAX)
    return ann_fail(e, ANN_ELIMIT, -1, "HTML input of %zu bytes is over 4 GB",
                    len);
  ht_init();
  pthread_once(&cls_once, cls_init);
  ann_limits l = lim ? *lim : (ann_limits){0};
  ann_limits_default(&l);

  parser *ps = ann_alloc(a, sizeof *ps);
  if (!ps) return ann_fail(e, ANN_ENOMEM, -1, "HTML parser: out of memory");
  memset(ps, 0, offsetof(parser, aset_stamp));
  memset(ps->aset_stamp, 0, sizeof ps->aset_stamp);
  ps->a = a;
  ps->src = utf8 ? utf8 : "";
  ps->end = ps->src + len;
  ps->e = e;
  ps->max_depth = l.max_depth < 4 ? 4 : l.max_depth;
  ps->ntop = HT_COUNT + 64;
  ps->top = alloc(ps, ps->ntop * sizeof *ps->top);
  ps->doc = new_node(ps, ANN_NODE_DOCUMENT, 0);
  ps->dup = alloc(ps, len + 1);
  if (ps->oom) return ANN_ENOMEM;
  memcpy(ps->dup, ps->src, len);
  ps->dup[len] = 0;
  for (size_t i = 0; i < ps->ntop; i++)
    ps->top[i] = -1;

  const char *p = ps->src, *end = ps->end;
  if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) p += 3;
  while (p < end && !ps->oom) {
    switch (ps->tstate) {
    case TS_DATA: p = lex_data(ps, p); break;
    case TS_PLAIN:
      ps->t_raw = true;
      text_add(ps, p, end, false);
      p = end;
      break;
    default: p = lex_raw(ps, p); break;
    }
  }
  flush_text(ps);
  ensure_body(ps);
  if (ps->oom) return ANN_ENOMEM;
  *root = ps->doc;
  return 0;
}

const char *ann_html_attr(const ann_node *n, const char *name) {
  if (!n || n->type != ANN_NODE_ELEMENT) return NULL;
  for (uint32_t i = 0; i < n->nattrs; i++)
    if (strcmp(n->attrs[i].name, name) == 0) return n->attrs[i].value;
  return NULL;
}

ann_node *ann_html_next(const ann_node *root, const ann_node *n,
                        bool skip_children) {
  if (!n) return NULL;
  if (!skip_children && n->first_child) return n->first_child;
  while (n && n != root) {
    if (n->next) return n->next;
    n = n->parent;
  }
  return NULL;
}
