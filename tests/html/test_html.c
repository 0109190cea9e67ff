/*
 * test_html.c — tokenizer and tree builder cases, and hostile inputs that
 * must finish within the caps (200,000-deep nesting, 50,000 attributes,
 * 10 MB unterminated comment / attribute / script).
 */
#include "annalist/html.h"

#include <stdlib.h>

#include "check.h"

/* The tree as compact markup (no recursion): elements with attributes,
 * text as is, comments as <!--x-->, void elements without an end tag. */
static void dump(const ann_node *root, char *out, size_t cap) {
  size_t n = 0;
#define PUT(...)                                                               \
  do {                                                                         \
    int k_ = snprintf(out + n, n < cap ? cap - n : 0, __VA_ARGS__);            \
    if (k_ > 0) n += (size_t)k_;                                               \
  } while (0)
  out[0] = 0;
  const ann_node *x = root->first_child;
  while (x) {
    if (x->type == ANN_NODE_TEXT)
      PUT("%s", x->text);
    else if (x->type == ANN_NODE_COMMENT)
      PUT("<!--%s-->", x->text);
    else {
      PUT("<%s", x->name);
      for (uint32_t i = 0; i < x->nattrs; i++)
        PUT(" %s=\"%s\"", x->attrs[i].name, x->attrs[i].value);
      PUT(">");
    }
    if (x->first_child) {
      x = x->first_child;
      continue;
    }
    for (;;) {
      if (x->type == ANN_NODE_ELEMENT && x->first_child == NULL) {
        static const char *voids[] = {"br",    "img", "hr",     "meta", "link",
                                      "input", "wbr", "source", "col",  NULL};
        int v = 0;
        for (int i = 0; voids[i]; i++)
          v |= strcmp(voids[i], x->name) == 0;
        if (!v) PUT("</%s>", x->name);
      } else if (x->type == ANN_NODE_ELEMENT) {
        PUT("</%s>", x->name);
      }
      if (x->next) {
        x = x->next;
        break;
      }
      x = x->parent;
      if (!x || x == root) {
        x = NULL;
        break;
      }
    }
  }
  if (n >= cap) out[cap - 1] = 0;
#undef PUT
}

static char got[1 << 16];

/* Parse html and compare the body's content (or the whole tree when whole
 * is set) with want. */
static const char *tree(const char *html, int whole) {
  ann_arena *a = ann_arena_new(1 << 16, 0);
  ann_node *root = NULL;
  ann_error e = {0};
  int rc = ann_html_parse(a, html, strlen(html), NULL, &root, &e);
  if (rc < 0) {
    snprintf(got, sizeof got, "ERROR %d %s", rc, e.msg);
  } else if (whole) {
    dump(root, got, sizeof got);
  } else {
    const ann_node *body = NULL;
    for (const ann_node *x = root; x; x = ann_html_next(root, x, false))
      if (x->type == ANN_NODE_ELEMENT && x->tag == ANN_TAG_BODY) {
        body = x;
        break;
      }
    if (body)
      dump(body, got, sizeof got);
    else
      snprintf(got, sizeof got, "NO BODY");
  }
  ann_arena_free(a);
  return got;
}

#define T(html, want) CHECK_STR(tree(html, 0), want)
#define W(html, want) CHECK_STR(tree(html, 1), want)

static void test_basic(void) {
  W("", "<html><head></head><body></body></html>");
  W("<!DOCTYPE html><html><head><title>T &amp; x</title></head>"
    "<body><p>Hi</p></body></html>",
    "<html><head><title>T & x</title></head><body><p>Hi</p></body></html>");
  W("<title>a</title><p>b", "<html><head><title>a</title></head>"
                            "<body><p>b</p></body></html>");
  W("hello", "<html><head></head><body>hello</body></html>");
  W("<meta charset=utf-8>\n<link rel=x>\n<div>x</div>",
    "<html><head><meta charset=\"utf-8\">\n<link rel=\"x\">\n</head>"
    "<body><div>x</div></body></html>");
  W("<!-- c --><html><body>x",
    "<!-- c --><html><head></head><body>x</body></html>");
  W("<html lang=en><head></head>\n<body class=a>x</body></html>\n",
    "<html lang=\"en\"><head></head>\n<body class=\"a\">x\n</body></html>");
  /* late head content goes back into head */
  W("<head></head><script>s</script><body>x",
    "<html><head><script>s</script></head><body>x</body></html>");
}

static void test_entities(void) {
  T("a &amp; b &lt;c&gt; &quot;", "a & b <c> \"");
  T("&copy 2024 &copy;", "\xc2\xa9 2024 \xc2\xa9");
  T("&#65;&#x42;&#X43;&#68", "ABCD");
  T("&#128;&#146;&#150;", "\xe2\x82\xac\xe2\x80\x99\xe2\x80\x93");
  T("&#0;&#xD800;&#x110000;&#99999999999;",
    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
  T("&notit; &notin; &nosuch; & &#; &#x;",
    "\xc2\xacit; \xe2\x88\x89 &nosuch; & &#; &#x;");
  T("&nbsp;&hellip;&mdash;", "\xc2\xa0\xe2\x80\xa6\xe2\x80\x94");
  T("<a href=\"?a=1&copy=2&amp;b=3&lt\">x</a>",
    "<a href=\"?a=1&copy=2&b=3<\">x</a>");
  T("<a title='&rsquo;&#8220;'>x</a>",
    "<a title=\"\xe2\x80\x99\xe2\x80\x9c\">x</a>");
  T("a\r\nb\rc", "a\nb\nc");
  T("&CounterClockwiseContourIntegral;", "\xe2\x88\xb3");
}

static void test_tags(void) {
  T("<p>a<p>b", "<p>a</p><p>b</p>");
  T("<p>a<div>b</div>c", "<p>a</p><div>b</div>c");
  T("<p>a<span>b<h2>c</h2>", "<p>a<span>b</span></p><h2>c</h2>");
  T("<ul><li>a<li>b</ul>", "<ul><li>a</li><li>b</li></ul>");
  T("<ul><li>a<ul><li>b</ul><li>c</ul>",
    "<ul><li>a<ul><li>b</li></ul></li><li>c</li></ul>");
  T("<dl><dt>a<dd>b<dt>c</dl>", "<dl><dt>a</dt><dd>b</dd><dt>c</dt></dl>");
  T("<select><option>a<option>b</select>",
    "<select><option>a</option><option>b</option></select>");
  T("<table><tr><td>a<td>b<tr><td>c</table>",
    "<table><tbody><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></tbody>"
    "</table>");
  T("<table><tr><td><div>x</td><td>y</td></tr></table>",
    "<table><tbody><tr><td><div>x</div></td><td>y</td></tr></tbody></table>");
  T("<div><table><tr><td>a</div>b</td></tr></table></div>",
    "<div><table><tbody><tr><td>ab</td></tr></tbody></table></div>");
  T("<table><tr><table><td>x</table>y",
    "<table><tbody><tr></tr></tbody></table><table><tbody><tr><td>x</td>"
    "</tr></tbody></table>y");
  T("<table><td>x<th>y</table>",
    "<table><tbody><tr><td>x</td><th>y</th></tr></tbody></table>");
  T("<table><thead><tr><th>h<tbody><tr><td>d</table>",
    "<table><thead><tr><th>h</th></tr></thead><tbody><tr><td>d</td></tr>"
    "</tbody></table>");
  T("<noindex><div>a</noindex>b</div>c</noindex>d",
    "<noindex><div>ab</div>c</noindex>d");
  T("<b><i>x</b>y</i>z", "<b><i>x</i></b>yz");
  T("<div><span>a</div>b", "<div><span>a</span></div>b");
  T("a</span>b</p>c", "ab<p></p>c");
  T("a<br>b</br>c", "a<br>b<br>c");
  T("<img src=a.jpg alt=x><hr/><input disabled>",
    "<img src=\"a.jpg\" alt=\"x\"><hr><input disabled=\"\">");
  T("<h1>a<h2>b</h2>", "<h1>a</h1><h2>b</h2>");
  T("<a href=1>a<a href=2>b</a>", "<a href=\"1\">a</a><a href=\"2\">b</a>");
  T("<pre>\nx</pre><textarea>\n\ny</textarea>",
    "<pre>x</pre><textarea>\ny</textarea>");
  T("<custom-el data-x=1>a</custom-el>b</custom-el>",
    "<custom-el data-x=\"1\">a</custom-el>b");
  T("<DIV CLASS=A>x</Div>", "<div class=\"A\">x</div>");
  T("<form id=f><div><form id=g><p>a</p></form><p>b</p></div>c</form>d",
    "<form id=\"f\"><div><p>a</p><p>b</p></div></form>cd");
  T("<div><form><span>a</div>b<form>c</form>",
    "<div><form><span>a</span></form></div>bc");
  T("<a href=1><div>x<a href=2>y</a></div>",
    "<a href=\"1\"><div>x<a href=\"2\">y</a></div></a>");
  T("<a href=1><span>x<a href=2>y</a>",
    "<a href=\"1\"><span>x</span></a><a href=\"2\">y</a>");
  T("<b><div>x</b>y</div>z", "<b><div>xy</div>z</b>");
  T("<p><font>x</p>y", "<p><font>x</font></p>y");
  T("<body><template><p>a</p></template>", "<template><p>a</p></template>");
}

static void test_attributes(void) {
  T("<div a=1 b='2' c=\"3\" d e = 5 a=dup>x</div>",
    "<div a=\"1\" b=\"2\" c=\"3\" d=\"\" e=\"5\">x</div>");
  T("<div a=x/>y</div>", "<div a=\"x/\">y</div>");
  T("<div =a b/c>x</div>", "<div =a=\"\" b=\"\" c=\"\">x</div>");
  T("<div a=\"x>y\">z</div>", "<div a=\"x>y\">z</div>");
  T("<div\na\r\n=\tb>c</div>", "<div a=\"b\">c</div>");
  /* attribute API */
  ann_arena *a = ann_arena_new(4096, 0);
  ann_node *root;
  const char *h = "<a HREF=\"/x\" Class=y>t</a>";
  CHECK(ann_html_parse(a, h, strlen(h), NULL, &root, NULL) == 0);
  ann_node *n = root;
  while (n && !(n->type == ANN_NODE_ELEMENT && n->tag == ANN_TAG_A))
    n = ann_html_next(root, n, false);
  CHECK(n != NULL);
  if (n) {
    CHECK_STR(ann_html_attr(n, "href"), "/x");
    CHECK_STR(ann_html_attr(n, "class"), "y");
    CHECK(ann_html_attr(n, "id") == NULL);
    CHECK_INT(n->src_off, 0);
    CHECK_INT(n->first_child->src_off, 21);
  }
  ann_arena_free(a);
}

static void test_raw(void) {
  T("<body><script>if (a<b) x = \"</div>\";</script>x",
    "<script>if (a<b) x = \"</div>\";</script>x");
  T("<body><style>p > a { }</style>", "<style>p > a { }</style>");
  T("<body><script>a</SCRIPT >b", "<script>a</script>b");
  T("<body><script><!--<script>x</script>y--></script>z",
    "<script><!--<script>x</script>y--></script>z");
  T("<body><script>unterminated", "<script>unterminated</script>");
  T("<textarea><b>&amp;</b></textarea>", "<textarea><b>&</b></textarea>");
  T("<xmp><b></xmp>", "<xmp><b></xmp>");
  T("<plaintext></plaintext><b>", "<plaintext></plaintext><b></plaintext>");
  T("<iframe><p>x</p></iframe>", "<iframe><p>x</p></iframe>");
}

static void test_comments(void) {
  T("a<!-- b -->c", "a<!-- b -->c");
  T("<body><!---->x<!-->y<!--->z", "<!---->x<!---->y<!---->z");
  T("<body><!-- a --!>b", "<!-- a -->b");
  T("<body><?xml version=1?>x", "<!--?xml version=1?-->x");
  T("<body></ x>y", "<!-- x-->y");
  T("<body><!-- open", "<!-- open-->");
  T("a < b <3 </>c", "a < b <3 c");
  T("<svg><![CDATA[<x>]]></svg><![CDATA[y]]>",
    "<svg><x></svg><!--[CDATA[y]]-->");
}

static void test_foreign(void) {
  T("<svg viewBox=\"0 0 1 1\"><path d=\"M0\"/><g><circle/></g></svg>x",
    "<svg viewbox=\"0 0 1 1\"><path d=\"M0\"></path><g><circle></circle></g>"
    "</svg>x");
  T("<svg><p>x</svg>", "<svg></svg><p>x</p>");
  T("<math><mi>x</mi></math>", "<math><mi>x</mi></math>");
  T("<svg><foreignObject><div>a</div></foreignObject></svg>",
    "<svg><foreignobject><div>a</div></foreignobject></svg>");
}

static ann_node *parse(ann_arena *a, const char *s, size_t n,
                       const ann_limits *l, int *rc) {
  ann_node *root = NULL;
  ann_error e = {0};
  *rc = ann_html_parse(a, s, n, l, &root, &e);
  return root;
}

static size_t max_depth(const ann_node *root) {
  size_t d = 0, best = 0;
  const ann_node *x = root;
  while (x) {
    if (x->first_child) {
      x = x->first_child;
      d++;
      if (d > best) best = d;
      continue;
    }
    while (x && x != root && !x->next) {
      x = x->parent;
      d--;
    }
    if (!x || x == root) break;
    x = x->next;
  }
  return best;
}

static void test_hostile(void) {
  ann_limits l = {0};
  ann_limits_default(&l);
  int rc;
  /* 200,000-deep nesting: flattened at the cap */
  size_t n = 200000;
  char *s = malloc(n * 5 + 1);
  for (size_t i = 0; i < n; i++)
    memcpy(s + 5 * i, "<div>", 5);
  ann_arena *a = ann_arena_new(1 << 16, l.max_arena);
  ann_node *root = parse(a, s, n * 5, &l, &rc);
  CHECK_INT(rc, 0);
  if (root) CHECK(max_depth(root) <= l.max_depth + 1);
  size_t count = 0;
  for (ann_node *x = root; x; x = ann_html_next(root, x, false))
    count++;
  CHECK(count >= n);
  ann_arena_free(a);
  /* the same with mixed closes and stray end tags */
  for (size_t i = 0; i < n; i++)
    memcpy(s + 5 * i, i % 3 == 2 ? "</b> " : i % 2 ? "<b>x " : "<i>y ", 5);
  a = ann_arena_new(1 << 16, l.max_arena);
  root = parse(a, s, n * 5, &l, &rc);
  CHECK_INT(rc, 0);
  if (root) CHECK(max_depth(root) <= l.max_depth + 1);
  ann_arena_free(a);
  free(s);

  /* one tag with 50,000 attributes: at most 256 kept */
  n = 50000;
  s = malloc(n * 12 + 64);
  size_t k = (size_t)sprintf(s, "<div");
  for (size_t i = 0; i < n; i++)
    k += (size_t)sprintf(s + k, " a%zu=1", i);
  k += (size_t)sprintf(s + k, ">x</div>");
  a = ann_arena_new(1 << 16, l.max_arena);
  root = parse(a, s, k, &l, &rc);
  CHECK_INT(rc, 0);
  ann_node *div = root;
  while (div && div->tag != ANN_TAG_DIV)
    div = ann_html_next(root, div, false);
  CHECK(div != NULL);
  if (div) {
    CHECK(div->nattrs <= 256 && div->nattrs > 0);
    CHECK_STR(div->attrs[0].name, "a0");
  }
  ann_arena_free(a);
  /* 50,000 duplicates of one attribute */
  k = (size_t)sprintf(s, "<div");
  for (size_t i = 0; i < n; i++)
    k += (size_t)sprintf(s + k, " a=%zu", i % 10);
  k += (size_t)sprintf(s + k, ">x</div>");
  a = ann_arena_new(1 << 16, l.max_arena);
  root = parse(a, s, k, &l, &rc);
  CHECK_INT(rc, 0);
  div = root;
  while (div && div->tag != ANN_TAG_DIV)
    div = ann_html_next(root, div, false);
  if (div) CHECK_INT(div->nattrs, 1);
  ann_arena_free(a);
  free(s);

  /* 10 MB unterminated comment, attribute value, script, tag name */
  n = 10u << 20;
  s = malloc(n);
  const char *heads[] = {"<!--",      "<div title=\"", "<script>",
                         "<div",      "<textarea>&",   "<div a",
                         "<![CDATA[", "<svg><![CDATA["};
  for (size_t h = 0; h < sizeof heads / sizeof *heads; h++) {
    size_t hl = strlen(heads[h]);
    memcpy(s, heads[h], hl);
    memset(s + hl, h % 2 ? 'a' : '-', n - hl);
    a = ann_arena_new(1 << 16, l.max_arena);
    root = parse(a, s, n, &l, &rc);
    CHECK_INT(rc, 0);
    ann_arena_free(a);
  }
  /* many stray end tags under deep unknown elements */
  k = 0;
  for (size_t i = 0; i < 600; i++)
    k += (size_t)sprintf(s + k, "<x%zu>", i % 7);
  while (k + 8 < n)
    k += (size_t)sprintf(s + k, "</y>");
  a = ann_arena_new(1 << 16, l.max_arena);
  root = parse(a, s, k, &l, &rc);
  CHECK_INT(rc, 0);
  ann_arena_free(a);
  /* repeated <body> tags with new attributes: merged a few times only */
  k = 0;
  for (size_t i = 0; i < 200000; i++)
    k += (size_t)sprintf(s + k, "<body a%zu>", i);
  a = ann_arena_new(1 << 16, l.max_arena);
  root = parse(a, s, k, &l, &rc);
  CHECK_INT(rc, 0);
  ann_node *body = root;
  while (body && body->tag != ANN_TAG_BODY)
    body = ann_html_next(root, body, false);
  CHECK(body && body->nattrs <= 256 && body->nattrs >= 1);
  ann_arena_free(a);
  /* the arena cap is the only failure */
  a = ann_arena_new(4096, 64 * 1024);
  memset(s, 'x', n);
  memcpy(s, "<p>", 3);
  root = parse(a, s, n, &l, &rc);
  CHECK_INT(rc, ANN_ENOMEM);
  ann_arena_free(a);
  free(s);
}

/* Every arena cap from tiny to enough: the parse either succeeds or
 * reports ANN_ENOMEM, never anything else (ASan checks the rest). */
static void test_arena_caps(void) {
  const char *h =
      "<!DOCTYPE html><html lang=en><head><title>T &amp; t</title>"
      "<meta charset=utf-8><script>var a = '</div>';</script></head>"
      "<body class=\"x\" id=b><div a=&amp;b b='&#x41;\r\n' c=\"\0\">"
      "<p>one &nbsp; two\r\nthree<p>four<!-- c\r --><ul><li>a<li>b</ul>"
      "<table><tr><td>x<td>y</table><svg><![CDATA[z]]></svg>"
      "<custom-el X=1>q</custom-el></div></body></html>";
  size_t n = strlen(h) + 20; /* the literal has NULs: take a fixed tail */
  char buf[2048];
  memset(buf, 'x', sizeof buf);
  memcpy(buf, h, strlen(h));
  buf[120] = 0;
  int ok = 0, nomem = 0, other = 0;
  for (size_t cap = 1024; cap <= 64 * 1024; cap += 256) {
    ann_arena *a = ann_arena_new(1024, cap);
    int rc;
    ann_node *root = parse(a, buf, n, NULL, &rc);
    if (rc == 0 && root)
      ok++;
    else if (rc == ANN_ENOMEM)
      nomem++;
    else
      other++;
    ann_arena_free(a);
  }
  CHECK(ok > 0);
  CHECK(nomem > 0);
  CHECK_INT(other, 0);
}

static void test_walk(void) {
  ann_arena *a = ann_arena_new(4096, 0);
  ann_node *root;
  const char *h = "<div><p>a<b>b</b></p><p>c</p></div><span>d</span>";
  CHECK(ann_html_parse(a, h, strlen(h), NULL, &root, NULL) == 0);
  char seq[256] = "";
  for (ann_node *x = root; x; x = ann_html_next(root, x, false)) {
    if (x->type == ANN_NODE_ELEMENT)
      strcat(seq, x->name), strcat(seq, " ");
    else if (x->type == ANN_NODE_TEXT)
      strcat(seq, x->text), strcat(seq, " ");
  }
  CHECK_STR(seq, "html head body div p a b b p c span d ");
  /* skipping a subtree */
  ann_node *div = root;
  while (div && div->tag != ANN_TAG_DIV)
    div = ann_html_next(root, div, false);
  CHECK(div && ann_html_next(root, div, true)->tag == ANN_TAG_SPAN);
  /* the walk stays inside a subtree root */
  ann_node *p = div ? div->first_child : NULL;
  int m = 0;
  for (ann_node *x = p; x; x = ann_html_next(p, x, false))
    m++;
  CHECK_INT(m, 4);
  CHECK(ann_html_tag("div", 3) == ANN_TAG_DIV);
  CHECK(ann_html_tag("amp-img", 7) == ANN_TAG_AMP_IMG);
  CHECK(ann_html_tag("xmp", 3) == ANN_TAG_UNKNOWN);
  CHECK(ann_html_tag("blink", 5) == ANN_TAG_UNKNOWN);
  ann_arena_free(a);
}

int main(void) {
  test_basic();
  test_entities();
  test_tags();
  test_attributes();
  test_raw();
  test_comments();
  test_foreign();
  test_walk();
  test_arena_caps();
  test_hostile();
  return check_done();
}
