/* test_ingest.c — the source walker, JSON Lines and WARC readers on files
 * written here (plain, gzip with zlib, zstd), good and damaged. */
#include "annalist/ingest.h"
#include "check.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

static char dir[64];

/* ------------------------------------------------------- fixtures -- */

typedef struct {
  char *p;
  size_t n, cap;
} buf;

static void put(buf *b, const void *p, size_t n) {
  if (b->n + n > b->cap) {
    b->cap = (b->n + n) * 2 + 64;
    b->p = realloc(b->p, b->cap);
  }
  memcpy(b->p + b->n, p, n);
  b->n += n;
}
static void puts_(buf *b, const char *s) { put(b, s, strlen(s)); }

/* One WARC record; clen_delta makes the Content-Length lie. */
static void warc_rec(buf *b, const char *type, const char *uri, const char *id,
                     const char *ctype, const char *block, size_t blen,
                     long clen_delta) {
  char h[1024];
  snprintf(h, sizeof h,
           "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Target-URI: %s\r\n"
           "WARC-Date: 2024-03-01T10:00:00Z\r\nWARC-Record-ID: <%s>\r\n"
           "Content-Type: %s\r\nContent-Length: %ld\r\n\r\n",
           type, uri, id, ctype, (long)blen + clen_delta);
  puts_(b, h);
  put(b, block, blen);
  puts_(b, "\r\n\r\n");
}

static void http_rec(buf *b, const char *uri, const char *id, int status,
                     const char *ctype, const char *body) {
  char blk[8192];
  int n = snprintf(blk, sizeof blk,
                   "HTTP/1.1 %d X\r\nContent-Type: %s\r\nServer: t\r\n\r\n%s",
                   status, ctype, body);
  warc_rec(b, "response", uri, id, "application/http; msgtype=response", blk,
           (size_t)n, 0);
}

/* gzip p as one member, appended to out. */
static void gz(buf *out, const void *p, size_t n) {
  z_stream z = {0};
  deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  size_t cap = deflateBound(&z, n) + 64;
  unsigned char *o = malloc(cap);
  z.next_in = (unsigned char *)p;
  z.avail_in = (uInt)n;
  z.next_out = o;
  z.avail_out = (uInt)cap;
  deflate(&z, Z_FINISH);
  put(out, o, cap - z.avail_out);
  deflateEnd(&z);
  free(o);
}

static char *path_of(const char *name) {
  static char p[8][256];
  static int k;
  k = (k + 1) % 8;
  snprintf(p[k], sizeof p[k], "%s/%s", dir, name);
  return p[k];
}

static void write_file(const char *name, const void *p, size_t n) {
  FILE *f = fopen(path_of(name), "wb");
  fwrite(p, 1, n, f);
  fclose(f);
}

/* ------------------------------------------------------- the runs -- */

/* What a source yields, as one line per input:
 *   "name|id|url|kind|charset|error|first 20 bytes"   */
typedef struct {
  char lines[64][300];
  int n;
} seen;

static void run(seen *s, const char *const *paths, size_t np,
                ann_input_format fmt, size_t max_bytes) {
  memset(s, 0, sizeof *s);
  ann_limits lim = {.max_bytes = max_bytes};
  ann_source *src;
  ann_error e = {0};
  CHECK_INT(ann_source_open(&src, paths, np, fmt, &lim, &e), 0);
  ann_arena *a = ann_arena_new(1 << 16, 0);
  ann_input in;
  int rc;
  while ((rc = ann_source_next(src, a, &in, &e)) == 1 && s->n < 64) {
    const char *name = in.name ? strrchr(in.name, '/') : NULL;
    name = name ? name + 1 : in.name;
    snprintf(s->lines[s->n++], 300, "%s|%s|%s|%s|%s|%s|%.20s", name,
             in.id ? in.id : "", in.url ? in.url : "",
             in.error                 ? "-"
             : in.kind == ANN_IN_HTML ? "html"
                                      : "text",
             in.charset ? in.charset : "",
             in.error ? ann_errname(in.error) : "",
             in.error ? (strstr(in.error_msg, in.name) ? "named" : "UNNAMED")
                      : (const char *)in.bytes);
    ann_arena_reset(a);
  }
  CHECK_INT(rc, 0);
  ann_arena_free(a);
  ann_source_close(src);
}

static void run1(seen *s, const char *name, size_t max_bytes) {
  const char *p = path_of(name);
  run(s, &p, 1, ANN_IN_AUTO, max_bytes);
}

static void expect(const seen *s, int n, ...) {
  va_list ap;
  va_start(ap, n);
  CHECK_INT(s->n, n);
  for (int i = 0; i < n && i < s->n; i++)
    CHECK_STR(s->lines[i], va_arg(ap, const char *));
  va_end(ap);
  if (s->n != n)
    for (int i = 0; i < s->n; i++)
      fprintf(stderr, "  got %s\n", s->lines[i]);
}

/* ---------------------------------------------------------- JSONL -- */

static void test_jsonl(void) {
  buf b = {0};
  puts_(&b, "{\"id\":\"a\",\"url\":\"http://x/a\",\"html\":\"<p>Alpha</p>\","
            "\"published\":\"2024-01-01\",\"title\":\"A\"}\n");
  puts_(&b, "\n   \n");
  puts_(&b, "{\"id\": 7, \"text\": \"Seven\"}\r\n");
  puts_(&b, "{\"id\":\"broken\", \"text\": \n");
  puts_(&b, "[1,2,3]\n");
  puts_(&b, "{\"id\":\"c\",\"url\":\"u\"}\n");
  puts_(&b, "{\"id\":\"big\",\"text\":"
            "\"0123456789012345678901234567890123456789\"}\n");
  puts_(&b, "{\"id\":\"bad-utf8\",\"text\":\"caf\xE9 ok\"}\n");
  puts_(&b, "{\"id\":\"nul\",\"text\":\"a\\u0000b\"}\n");
  puts_(&b, "{\"id\":\"last\",\"text\":\"no newline\"}");
  write_file("feed.jsonl", b.p, b.n);
  seen s;
  run1(&s, "feed.jsonl", 32);
  expect(&s, 9, "feed.jsonl:1|a|http://x/a|html|utf-8||<p>Alpha</p>",
         "feed.jsonl:4|7||text|utf-8||Seven", "feed.jsonl:5|||-||EFORMAT|named",
         "feed.jsonl:6|||-||EFORMAT|named", "feed.jsonl:7|c|u|-||EFORMAT|named",
         "feed.jsonl:8|big||-||ELIMIT|named",
         "feed.jsonl:9|bad-utf8||text|utf-8||caf\xEF\xBF\xBD ok",
         "feed.jsonl:10|nul||text|utf-8||a",
         "feed.jsonl:11|last||text|utf-8||no newline");
  /* a line far over the cap (2 x max + 1 MB) is consumed, not kept */
  b.n = 0;
  puts_(&b, "{\"id\":\"huge\",\"text\":\"");
  char chunk[4096];
  memset(chunk, 'x', sizeof chunk);
  for (int i = 0; i < 400; i++)
    put(&b, chunk, sizeof chunk);
  puts_(&b, "\"}\n{\"id\":\"after\",\"text\":\"fine\"}\n");
  write_file("long.ndjson", b.p, b.n);
  run1(&s, "long.ndjson", 100);
  expect(&s, 2, "long.ndjson:1|||-||ELIMIT|named",
         "long.ndjson:2|after||text|utf-8||fine");
  /* gzip'd JSON Lines, found by name */
  buf z = {0};
  gz(&z, "{\"id\":\"g\",\"text\":\"zipped\"}\n", 27);
  write_file("feed.jsonl.gz", z.p, z.n);
  run1(&s, "feed.jsonl.gz", 1000);
  expect(&s, 1, "feed.jsonl.gz:1|g||text|utf-8||zipped");
  /* JSON Lines found by content, without the extension, after a BOM */
  write_file("noext", "\xEF\xBB\xBF{\"id\":\"n\",\"text\":\"sniffed\"}\n", 31);
  run1(&s, "noext", 1000);
  expect(&s, 1, "noext:1|n||text|utf-8||sniffed");
  free(b.p);
  free(z.p);
}

/* ----------------------------------------------------------- WARC -- */

static void good_warc(buf *b) {
  warc_rec(b, "warcinfo", "", "urn:uuid:0", "application/warc-fields",
           "software: test\r\n", 16, 0);
  warc_rec(b, "request", "http://a/", "urn:uuid:1",
           "application/http; msgtype=request", "GET / HTTP/1.1\r\n\r\n", 18,
           0);
  http_rec(b, "http://a/", "urn:uuid:2", 200, "text/html; charset=ISO-8859-1",
           "<p>Page A</p>");
  http_rec(b, "http://a/x.png", "urn:uuid:3", 200, "image/png", "\x89PNG");
  http_rec(b, "http://b/", "urn:uuid:4", 404, "text/html", "<p>gone</p>");
  http_rec(b, "http://c/", "urn:uuid:5", 301, "text/html", "");
  warc_rec(b, "resource", "file:///d.txt", "urn:uuid:6", "text/plain",
           "Plain D", 7, 0);
  warc_rec(b, "metadata", "http://a/", "urn:uuid:7", "application/warc-fields",
           "via: x\r\n", 8, 0);
  http_rec(b, "http://e/", "urn:uuid:8", 200, "text/html", "<p>Page E</p>");
}

static void test_warc_good(void) {
  buf b = {0}, z = {0}, z1 = {0};
  good_warc(&b);
  write_file("good.warc", b.p, b.n);
  /* one gzip member per record, as crawlers write them */
  size_t start = 0;
  for (size_t i = 5; i <= b.n; i++)
    if (i == b.n || memcmp(b.p + i, "WARC/1.1\r\n", 10) == 0) {
      gz(&z, b.p + start, i - start);
      start = i;
    }
  write_file("good.warc.gz", z.p, z.n);
  gz(&z1, b.p, b.n); /* a whole WARC as one member */
  write_file("single.warc.gz", z1.p, z1.n);
  size_t zc = ZSTD_compressBound(b.n);
  char *zs = malloc(zc);
  zc = ZSTD_compress(zs, zc, b.p, b.n, 3);
  write_file("good.warc.zst", zs, zc);
  /* content sniffing: a WARC under another name */
  write_file("crawl.dat", b.p, b.n);
  const char *names[] = {"good.warc", "good.warc.gz", "single.warc.gz",
                         "good.warc.zst", "crawl.dat"};
  for (int i = 0; i < 5; i++) {
    seen s;
    run1(&s, names[i], 1000);
    char l1[300], l2[300], l3[300];
    snprintf(l1, sizeof l1,
             "%s#3|urn:uuid:2|http://a/|html|ISO-8859-1||<p>Page A</p>",
             names[i]);
    snprintf(l2, sizeof l2, "%s#7|urn:uuid:6|file:///d.txt|text|||Plain D",
             names[i]);
    snprintf(l3, sizeof l3, "%s#9|urn:uuid:8|http://e/|html|||<p>Page E</p>",
             names[i]);
    expect(&s, 3, l1, l2, l3);
  }
  /* WARC-Date is kept as the fetch date, not as published */
  const char *p = path_of("good.warc");
  ann_source *src;
  ann_limits lim = {0};
  CHECK_INT(ann_source_open(&src, &p, 1, ANN_IN_WARC, &lim, NULL), 0);
  ann_arena *a = ann_arena_new(4096, 0);
  ann_input in;
  CHECK_INT(ann_source_next(src, a, &in, NULL), 1);
  CHECK_STR(in.fetched, "2024-03-01T10:00:00Z");
  CHECK(in.published == NULL);
  ann_arena_free(a);
  ann_source_close(src);
  free(zs);
  free(b.p);
  free(z.p);
  free(z1.p);
}

static void test_warc_http_codings(void) {
  buf b = {0};
  const char *chunked = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                        "Transfer-Encoding: chunked\r\n\r\n"
                        "5\r\n<p>He\r\n7;ext=1\r\nllo</p>\r\n0\r\n\r\n";
  warc_rec(&b, "response", "http://ch/", "urn:uuid:c", "application/http",
           chunked, strlen(chunked), 0);
  buf body = {0}, blk = {0};
  gz(&body, "<p>Zipped body</p>", 18);
  puts_(&blk, "HTTP/1.1 200 OK\nContent-Type: text/html\nContent-Encoding: "
              "gzip\n\n");
  put(&blk, body.p, body.n);
  warc_rec(&b, "response", "http://gz/", "urn:uuid:g", "application/http",
           blk.p, blk.n, 0);
  write_file("codings.warc", b.p, b.n);
  seen s;
  run1(&s, "codings.warc", 1000);
  expect(&s, 2, "codings.warc#1|urn:uuid:c|http://ch/|html|||<p>Hello</p>",
         "codings.warc#2|urn:uuid:g|http://gz/|html|||<p>Zipped body</p>");
  free(b.p);
  free(body.p);
  free(blk.p);
}

static void test_warc_damage(void) {
  seen s;
  buf b = {0};
  /* a Content-Length that runs past the end of the file */
  http_rec(&b, "http://a/", "urn:uuid:a", 200, "text/html", "<p>A</p>");
  warc_rec(&b, "response", "http://long/", "urn:uuid:l", "application/http",
           "HTTP/1.1 200 OK\r\n\r\n<p>x</p>", 27, 5000);
  write_file("pastend.warc", b.p, b.n);
  run1(&s, "pastend.warc", 100000);
  expect(&s, 2, "pastend.warc#1|urn:uuid:a|http://a/|html|||<p>A</p>",
         "pastend.warc#2|urn:uuid:l|http://long/|-||ETRUNC|named");
  /* a Content-Length that is too short: the record is an error, the next
   * one is found again */
  b.n = 0;
  warc_rec(&b, "response", "http://short/", "urn:uuid:s", "application/http",
           "HTTP/1.1 200 OK\r\n\r\n<p>short record</p>", 37, -6);
  http_rec(&b, "http://b/", "urn:uuid:b", 200, "text/html", "<p>B</p>");
  write_file("short.warc", b.p, b.n);
  run1(&s, "short.warc", 100000);
  expect(&s, 2, "short.warc#1|urn:uuid:s|http://short/|-||EFORMAT|named",
         "short.warc#2|urn:uuid:b|http://b/|html|||<p>B</p>");
  /* garbage between records, and a record without Content-Length */
  b.n = 0;
  http_rec(&b, "http://a/", "urn:uuid:a", 200, "text/html", "<p>A</p>");
  puts_(&b, "this is not\na record\x01\x02\x03\n");
  puts_(&b, "WARC/1.0\r\nWARC-Type: response\r\n\r\n");
  http_rec(&b, "http://b/", "urn:uuid:b", 200, "text/html", "<p>B</p>");
  write_file("garbage.warc", b.p, b.n);
  run1(&s, "garbage.warc", 100000);
  expect(&s, 4, "garbage.warc#1|urn:uuid:a|http://a/|html|||<p>A</p>",
         "garbage.warc#2|||-||EFORMAT|named",
         "garbage.warc#2|||-||EFORMAT|named",
         "garbage.warc#3|urn:uuid:b|http://b/|html|||<p>B</p>");
  /* a document over --max-bytes: an error record, skipped by streaming */
  b.n = 0;
  char big[3000];
  memset(big, 'x', sizeof big - 1);
  big[sizeof big - 1] = 0;
  http_rec(&b, "http://big/", "urn:uuid:big", 200, "text/html", big);
  http_rec(&b, "http://b/", "urn:uuid:b", 200, "text/html", "<p>B</p>");
  write_file("big.warc", b.p, b.n);
  run1(&s, "big.warc", 1000);
  expect(&s, 2, "big.warc#1|urn:uuid:big|http://big/|-||ELIMIT|named",
         "big.warc#2|urn:uuid:b|http://b/|html|||<p>B</p>");
  /* truncated gzip: the records before the cut, then one error */
  b.n = 0;
  good_warc(&b);
  buf z = {0};
  gz(&z, b.p, b.n);
  write_file("trunc.warc.gz", z.p, z.n * 3 / 4);
  run1(&s, "trunc.warc.gz", 100000);
  CHECK(s.n >= 2);
  CHECK(s.n >= 1 && strstr(s.lines[s.n - 1], "|ETRUNC|named") != NULL);
  CHECK(strstr(s.lines[0], "#3|urn:uuid:2|") != NULL);
  /* a corrupt gzip member in the middle: one error, the later members
   * are still read */
  z.n = 0;
  buf m2 = {0};
  http_rec(&b, "http://z/", "urn:uuid:z", 200, "text/html", "<p>Z</p>");
  b.n = 0;
  http_rec(&b, "http://a/", "urn:uuid:a", 200, "text/html", "<p>A</p>");
  gz(&z, b.p, b.n);
  b.n = 0;
  http_rec(&b, "http://m/", "urn:uuid:m", 200, "text/html",
           "<p>middle member that gets damaged</p>");
  gz(&m2, b.p, b.n);
  for (size_t i = 20; i < m2.n - 20; i++)
    m2.p[i] ^= 0x5a;
  put(&z, m2.p, m2.n);
  b.n = 0;
  http_rec(&b, "http://c/", "urn:uuid:c", 200, "text/html", "<p>C</p>");
  gz(&z, b.p, b.n);
  write_file("corrupt.warc.gz", z.p, z.n);
  run1(&s, "corrupt.warc.gz", 100000);
  CHECK(s.n >= 3);
  CHECK_STR(s.lines[0],
            "corrupt.warc.gz#1|urn:uuid:a|http://a/|html|||<p>A</p>");
  CHECK(s.n >= 2 && strstr(s.lines[1], "|EFORMAT|named") != NULL);
  CHECK(s.n >= 3 &&
        strstr(s.lines[s.n - 1], "|urn:uuid:c|http://c/|html|||<p>C</p>"));
  /* forcing --input-format warc on something else: one error record */
  write_file("notwarc.html", "<p>hello</p>", 12);
  const char *p = path_of("notwarc.html");
  run(&s, &p, 1, ANN_IN_WARC, 1000);
  expect(&s, 1, "notwarc.html#1|||-||EFORMAT|named");
  /* an empty .warc: nothing at all */
  write_file("empty.warc", "", 0);
  run1(&s, "empty.warc", 1000);
  expect(&s, 0);
  free(b.p);
  free(z.p);
  free(m2.p);
}

/* -------------------------------------------------- files and dirs -- */

static void test_files(void) {
  char sub[300];
  snprintf(sub, sizeof sub, "%s/tree", dir);
  mkdir(sub, 0755);
  snprintf(sub, sizeof sub, "%s/tree/b", dir);
  mkdir(sub, 0755);
  write_file("tree/c.html", "<p>c</p>", 8);
  write_file("tree/a.txt", "a", 1);
  write_file("tree/b/z.txt", "z", 1);
  write_file("tree/.hidden", "h", 1);
  buf z = {0};
  gz(&z, "<p>zipped page</p>", 18);
  write_file("tree/d.html.gz", z.p, z.n);
  write_file("tree/e.txt", "over the limit", 14);
  const char *paths[] = {path_of("tree"), path_of("missing.html")};
  seen s;
  run(&s, paths, 2, ANN_IN_AUTO, 10);
  expect(&s, 6, "a.txt|||text|||a", "c.html|||html|||<p>c</p>",
         "d.html.gz|||-||ELIMIT|named", "e.txt|||-||ELIMIT|named",
         "z.txt|||text|||z", "missing.html|||-||EIO|named");
  run(&s, paths, 1, ANN_IN_AUTO, 100);
  CHECK_STR(s.lines[2], "d.html.gz|||html|||<p>zipped page</p>");
  /* a truncated gzip'd page is an error, not half a page */
  write_file("cut.html.gz", z.p, z.n - 10);
  run1(&s, "cut.html.gz", 100);
  expect(&s, 1, "cut.html.gz|||-||ETRUNC|named");
  free(z.p);
}

int main(void) {
  snprintf(dir, sizeof dir, "/tmp/ann_ingest_XXXXXX");
  if (!mkdtemp(dir)) return 1;
  test_jsonl();
  test_warc_good();
  test_warc_http_codings();
  test_warc_damage();
  test_files();
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
  return check_done();
}
