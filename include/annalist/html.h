/*
 * html.h — HTML5 tokenizer and a light tree builder.
 *
 * Built for finding article bodies fast, not for rendering: the tokenizer
 * follows the WHATWG states (entities, raw text in script/style, RCDATA in
 * title/textarea, comments, CDATA), the tree builder handles implied end
 * tags (p, li, td...), void elements and misnesting by closing back to the
 * matching open element. Nesting deeper than lim->max_depth is flattened;
 * nothing recurses, so hostile pages cost linear time.
 * Every node and string lives in the arena.
 *
 * Details callers may rely on:
 * - the tree always has html > head + body (implied when missing); text
 *   and elements before <body> that belong in the body open it;
 * - text nodes are decoded (references, CR/CRLF -> LF, NUL -> U+FFFD),
 *   NUL-terminated, and adjacent text is merged into one node; script,
 *   style, title, textarea... hold one text child with their raw content;
 * - names are lower case (svg's foreignObject is "foreignobject");
 * - duplicate attributes keep the first; at most 256 per element; a
 *   repeated <html>/<body> tag adds its missing attributes to the first;
 * - src_off is the byte offset of the '<' of an element's start tag (0 for
 *   implied elements), of a comment's "<!--", of the first byte of a text
 *   node's first run;
 * - strings that need no decoding point into an arena copy of the input,
 *   so the caller's buffer may be freed after parsing.
 */
#ifndef ANNALIST_HTML_H
#define ANNALIST_HTML_H

#include "annalist/ann.h"
#include "annalist/arena.h"

typedef enum ann_node_type {
  ANN_NODE_DOCUMENT = 0,
  ANN_NODE_ELEMENT,
  ANN_NODE_TEXT,
  ANN_NODE_COMMENT
} ann_node_type;

/* Known tags get an id so that hot loops compare integers. */
#define ANN_TAGS(X)                                                          \
  X(UNKNOWN) X(A) X(ABBR) X(ADDRESS) X(AREA) X(ARTICLE) X(ASIDE) X(AUDIO)   \
  X(B) X(BASE) X(BLOCKQUOTE) X(BODY) X(BR) X(BUTTON) X(CANVAS) X(CAPTION)   \
  X(CITE) X(CODE) X(COL) X(COLGROUP) X(DD) X(DEL) X(DETAILS) X(DIALOG)      \
  X(DIV) X(DL) X(DT) X(EM) X(EMBED) X(FIELDSET) X(FIGCAPTION) X(FIGURE)     \
  X(FOOTER) X(FORM) X(FRAME) X(FRAMESET) X(H1) X(H2) X(H3) X(H4) X(H5)      \
  X(H6) X(HEAD) X(HEADER) X(HR) X(HTML) X(I) X(IFRAME) X(IMG) X(INPUT)      \
  X(INS) X(KBD) X(LABEL) X(LEGEND) X(LI) X(LINK) X(MAIN) X(MAP) X(MARK)     \
  X(MENU) X(META) X(NAV) X(NOSCRIPT) X(OBJECT) X(OL) X(OPTGROUP)           \
  X(OPTION) X(P) X(PARAM) X(PICTURE) X(PRE) X(Q) X(S) X(SAMP) X(SCRIPT)     \
  X(SECTION) X(SELECT) X(SMALL) X(SOURCE) X(SPAN) X(STRONG) X(STYLE)        \
  X(SUB) X(SUMMARY) X(SUP) X(SVG) X(TABLE) X(TBODY) X(TD) X(TEMPLATE)       \
  X(TEXTAREA) X(TFOOT) X(TH) X(THEAD) X(TIME) X(TITLE) X(TR) X(TRACK) X(U)  \
  X(UL) X(VAR) X(VIDEO) X(WBR) X(MATH) X(FONT) X(CENTER) X(AMP_IMG)

typedef enum ann_tag {
#define ANN_TAG_ENUM(n) ANN_TAG_##n,
  ANN_TAGS(ANN_TAG_ENUM)
#undef ANN_TAG_ENUM
  ANN_TAG_COUNT
} ann_tag;

typedef struct ann_attr {
  const char *name;  /* lower-case, NUL-terminated */
  const char *value; /* entities decoded, NUL-terminated */
} ann_attr;

typedef struct ann_node {
  ann_node_type type;
  ann_tag tag;        /* ANN_TAG_UNKNOWN for other elements */
  const char *name;   /* lower-case element name; NULL for text */
  const char *text;   /* text/comment content, entities decoded */
  uint32_t text_len;
  uint32_t nattrs;
  ann_attr *attrs;
  uint32_t src_off;   /* byte offset of the node in the source */
  struct ann_node *parent, *first_child, *last_child, *prev, *next;
} ann_node;

/* Parse utf8 (len bytes). *root is the document node. Fails only on
 * memory (the arena's cap); malformed markup is repaired. */
int ann_html_parse(ann_arena *a, const char *utf8, size_t len,
                   const ann_limits *lim, ann_node **root, ann_error *e);

/* Value of attribute name (lower-case) on n, or NULL. */
const char *ann_html_attr(const ann_node *n, const char *name);

/* Tag id for a lower-case name of n bytes. */
ann_tag ann_html_tag(const char *name, size_t n);

/* Pre-order walk without recursion: the node after n within root, or NULL.
 * skip_children jumps over n's subtree. */
ann_node *ann_html_next(const ann_node *root, const ann_node *n,
                        bool skip_children);

#endif
