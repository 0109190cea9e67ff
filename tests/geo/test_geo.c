/*
 * test_geo.c — the gazetteer and the resolver, on a tiny gazetteer built
 * here from rows we write (no npm data needed).
 */
#include "annalist/geo.h"
#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char path[512];

/* ------------------------------------------------------------ fixture -- */

typedef struct row {
  const char *name;
  const char *cc, *adm;
  int kind;
  double lat, lon;
  unsigned long pop;
  const char *fcode;
  uint32_t gid;
} row;

static const row ROWS[] = {
    {"Georgia", "GE", NULL, ANN_GEO_COUNTRY, 42.0, 43.5, 3731000, "PCLI",
     614540},
    {"United States", "US", NULL, ANN_GEO_COUNTRY, 39.76, -98.5, 327167434,
     "PCLI", 6252001},
    {"Ukraine", "UA", NULL, ANN_GEO_COUNTRY, 49.0, 32.0, 44622516, "PCLI",
     690791},
    {"Moldova", "MD", NULL, ANN_GEO_COUNTRY, 47.25, 28.58, 3545883, "PCLI",
     617790},
    {"Russia", "RU", NULL, ANN_GEO_COUNTRY, 60, 100, 144478050, "PCLI",
     2017370},
    {"France", "FR", NULL, ANN_GEO_COUNTRY, 46, 2, 66987244, "PCLI", 3017382},
    {"Georgia", "US", "US.GA", ANN_GEO_ADMIN1, 32.8, -83.5, 10000000, "ADM1",
     4197000},
    {"Texas", "US", "US.TX", ANN_GEO_ADMIN1, 31.3, -99.3, 28000000, "ADM1",
     4736286},
    {"Paris", "FR", NULL, ANN_GEO_CITY, 48.85341, 2.3488, 2138551, "PPLC",
     2988507},
    {"Paris", "US", "US.TX", ANN_GEO_CITY, 33.66094, -95.55551, 24782, "PPLA2",
     4717560},
    {"Nice", "FR", NULL, ANN_GEO_CITY, 43.70313, 7.26608, 342522, "PPLA2",
     2990440},
    {"Tbilisi", "GE", NULL, ANN_GEO_CITY, 41.69411, 44.83368, 1049498, "PPLC",
     611717},
    {"Atlanta", "US", "US.GA", ANN_GEO_CITY, 33.749, -84.38798, 463878, "PPLA",
     4180439},
    {"Zürich", "CH", NULL, ANN_GEO_CITY, 47.36667, 8.55, 341730, "PPLA",
     2657896},
};

static int build(void) {
  ann_gaz_builder *b = ann_gaz_builder_new();
  if (!b) return -1;
  ann_gaz_add_country(b, "GE", "GEO", "AS", "AM,AZ,TR,RU");
  ann_gaz_add_country(b, "US", "USA", "NA", "CA,MX,CU");
  ann_gaz_add_country(b, "UA", "UKR", "EU", "PL,SK,HU,RO,MD,BY,RU");
  ann_gaz_add_country(b, "MD", "MDA", "EU", "RO,UA");
  ann_gaz_add_country(b, "RU", "RUS", "EU", "GE,UA,BY");
  ann_gaz_add_country(b, "FR", "FRA", "EU", "CH,DE,BE");
  ann_gaz_add_country(b, "CH", "CHE", "EU", "FR,DE");
  ann_gaz_add_admin1(b, "US.GA", "Georgia");
  ann_gaz_add_admin1(b, "US.TX", "Texas");
  int nice = -1, us = -1;
  for (size_t i = 0; i < sizeof ROWS / sizeof *ROWS; i++) {
    const row *r = &ROWS[i];
    ann_gaz_place_in p = {0};
    p.geonameid = r->gid;
    p.lat = r->lat;
    p.lon = r->lon;
    p.population = r->pop;
    p.name = r->name;
    p.country = ann_gaz_find_country(b, r->cc);
    p.admin1 = r->adm ? ann_gaz_find_admin1(b, r->adm) : -1;
    p.kind = r->kind;
    p.fclass = r->kind == ANN_GEO_CITY ? 'P' : 'A';
    p.fcode = r->fcode;
    int k = ann_gaz_add_place(b, &p);
    if (k < 0) return -1;
    if (!strcmp(r->name, "Nice")) nice = k;
    if (!strcmp(r->name, "United States")) us = k;
  }
  /* "nice" is an English word; "US" only in capitals */
  ann_gaz_add_name(b, (uint32_t)nice, "Nice", ANN_GEO_N_COMMON);
  ann_gaz_add_name(b, (uint32_t)us, "US",
                   ANN_GEO_N_EXACT | ANN_GEO_N_ABBREV | ANN_GEO_N_ALT);
  ann_gaz_add_name(b, 0, "Georgian", ANN_GEO_N_DEMONYM | ANN_GEO_N_ALT);
  ann_gaz_add_name(b, 0, "Georgians", ANN_GEO_N_PEOPLE | ANN_GEO_N_ALT);
  ann_error e = {0};
  int rc = ann_gaz_save(b, path, &e);
  if (rc < 0) fprintf(stderr, "save: %s\n", e.msg);
  ann_gaz_builder_free(b);
  return rc;
}

/* ------------------------------------------------------------- helpers -- */

typedef struct run {
  ann_arena *a;
  ann_doc d;
} run;

static void resolve(const ann_gazetteer *g, run *r, const char *text) {
  r->a = ann_arena_new(1 << 16, 0);
  memset(&r->d, 0, sizeof r->d);
  r->d.arena = r->a;
  r->d.text = text;
  r->d.text_len = strlen(text);
  CHECK_INT(ann_geo_resolve(g, &r->d), 0);
}

/* The place whose text is name (first one), or NULL. */
static const ann_place *find(const run *r, const char *name) {
  for (size_t i = 0; i < r->d.places.n; i++) {
    const ann_place *p = &r->d.places.v[i];
    if (p->end - p->start == strlen(name) &&
        !memcmp(r->d.text + p->start, name, strlen(name)))
      return p;
  }
  return NULL;
}

static const char *country_of(const run *r, const char *name) {
  const ann_place *p = find(r, name);
  return p ? p->country : "(none)";
}

static const char *kind_of(const run *r, const char *name) {
  const ann_place *p = find(r, name);
  return p ? p->kind : "(none)";
}

/* --------------------------------------------------------------- tests -- */

static void test_lookup(const ann_gazetteer *g) {
  size_t n;
  const ann_gaz_posting *p = ann_gaz_lookup(g, "Georgia", 7, &n);
  CHECK(p != NULL);
  CHECK_INT(n, 2);
  if (p) CHECK_INT(ann_gaz_place_at(g, p[0].place)->kind, ANN_GEO_COUNTRY);
  /* case and accents */
  const ann_gaz_posting *a = ann_gaz_lookup(g, "ZURICH", 6, &n);
  const ann_gaz_posting *b2 = ann_gaz_lookup(g, "zürich", strlen("zürich"), &n);
  const ann_gaz_posting *c = ann_gaz_lookup(g, "Zurich", 6, &n);
  CHECK(a != NULL && a == b2 && b2 == c);
  CHECK(ann_gaz_lookup(g, "Atlantis", 8, &n) == NULL);
  /* a 10,000-character name is simply unknown */
  char *big = malloc(10001);
  memset(big, 'A', 10000);
  big[10000] = 0;
  CHECK(ann_gaz_lookup(g, big, 10000, &n) == NULL);
  free(big);
  char buf[64];
  CHECK_INT(ann_geo_normalize("  New-York  ", 12, buf, sizeof buf), 8);
  CHECK_STR(buf, "new york");
  CHECK_STR(ann_gaz_iso3(g, ann_gaz_country_find(g, "GE")), "GEO");
  CHECK(ann_gaz_neighbours(g, ann_gaz_country_find(g, "GE"),
                           ann_gaz_country_find(g, "RU")));
  CHECK(!ann_gaz_neighbours(g, ann_gaz_country_find(g, "GE"),
                            ann_gaz_country_find(g, "US")));
}

static void test_georgia(const ann_gazetteer *g) {
  run r;
  resolve(g, &r,
          "Protests spread from Ukraine and Moldova to Georgia last week, "
          "and Russia warned Tbilisi.");
  CHECK_STR(country_of(&r, "Georgia"), "GE");
  CHECK_STR(kind_of(&r, "Georgia"), "country");
  const ann_place *p = find(&r, "Georgia");
  if (p) {
    CHECK_INT(p->geonameid, 614540);
    CHECK_STR(p->country3, "GEO");
    CHECK(p->score > 0 && p->score <= 1);
  }
  ann_arena_free(r.a);

  /* alone, the country still wins: never the state without US context */
  resolve(g, &r, "He was born in Georgia.");
  CHECK_STR(country_of(&r, "Georgia"), "GE");
  ann_arena_free(r.a);

  /* the other country named nearby is not enough */
  resolve(g, &r, "The US and Georgia signed a deal in Tbilisi.");
  CHECK_STR(country_of(&r, "Georgia"), "GE");
  ann_arena_free(r.a);
  resolve(g, &r, "The US and Georgia signed a deal.");
  CHECK_STR(country_of(&r, "Georgia"), "GE");
  ann_arena_free(r.a);

  /* a town of the state elsewhere in the text */
  resolve(g, &r, "Georgia voters lined up. Atlanta saw long queues.");
  CHECK_STR(country_of(&r, "Georgia"), "US");
  ann_arena_free(r.a);

  /* "Atlanta, Georgia": the state */
  resolve(g, &r, "The storm hit Atlanta, Georgia on Monday.");
  CHECK_STR(country_of(&r, "Georgia"), "US");
  CHECK_STR(kind_of(&r, "Georgia"), "admin1");
  CHECK_STR(country_of(&r, "Atlanta"), "US");
  ann_arena_free(r.a);

  /* one reading per name per document */
  resolve(g, &r,
          "Georgia voted. Officials in Atlanta, Georgia counted. Georgia "
          "again.");
  size_t n = 0;
  for (size_t i = 0; i < r.d.places.n; i++)
    if (r.d.places.v[i].end - r.d.places.v[i].start == 7 &&
        !memcmp(r.d.text + r.d.places.v[i].start, "Georgia", 7)) {
      CHECK_STR(r.d.places.v[i].country, "US");
      n++;
    }
  CHECK_INT(n, 3);
  ann_arena_free(r.a);

  /* demonym adjective points at the country; the plural is people */
  resolve(g, &r, "The Georgian government met Georgians abroad.");
  CHECK_STR(country_of(&r, "Georgian"), "GE");
  CHECK(find(&r, "Georgians") == NULL);
  ann_arena_free(r.a);
}

static void test_paris(const ann_gazetteer *g) {
  run r;
  resolve(g, &r, "He grew up in Paris, Texas, and never saw France.");
  CHECK_STR(country_of(&r, "Paris"), "US");
  const ann_place *p = find(&r, "Paris");
  if (p) CHECK_STR(p->admin1, "Texas");
  ann_arena_free(r.a);
  resolve(g, &r, "The summit in Paris ended.");
  CHECK_STR(country_of(&r, "Paris"), "FR");
  ann_arena_free(r.a);
}

static void test_nice(const ann_gazetteer *g) {
  run r;
  resolve(g, &r, "Nice work, said the coach. It was a Nice day.");
  CHECK(find(&r, "Nice") == NULL);
  ann_arena_free(r.a);
  resolve(g, &r, "She flew to Nice for the festival.");
  CHECK_STR(country_of(&r, "Nice"), "FR");
  ann_arena_free(r.a);
  /* "us" is a pronoun, "US" the country */
  resolve(g, &r, "Tell us more. US officials said so.");
  CHECK_INT(r.d.places.n, 1);
  CHECK_STR(country_of(&r, "US"), "US");
  ann_arena_free(r.a);
}

/* Many mentions and many capitalised words: must finish, stay linear. */
static void test_big(const ann_gazetteer *g) {
  size_t n = 100000;
  char *t = malloc(n * 10 + 1);
  size_t o = 0;
  for (size_t i = 0; i < n; i++) {
    const char *w = i % 2 ? "Paris " : "Lorem ";
    memcpy(t + o, w, 6);
    o += 6;
  }
  t[o] = 0;
  run r;
  resolve(g, &r, t);
  CHECK(r.d.places.n <= n);
  ann_arena_free(r.a);
  free(t);
}

static void test_loader(void) {
  FILE *f = fopen(path, "rb");
  CHECK(f != NULL);
  if (!f) return;
  fseek(f, 0, SEEK_END);
  long size = ftell(f);
  fseek(f, 0, SEEK_SET);
  unsigned char *buf = malloc((size_t)size);
  CHECK(fread(buf, 1, (size_t)size, f) == (size_t)size);
  fclose(f);
  ann_gazetteer *g = NULL;
  ann_error e = {0};
  CHECK_INT(ann_gazetteer_open_mem(&g, buf, (size_t)size, &e), 0);
  ann_gazetteer_free(g);
  /* truncated anywhere: refused with a message */
  long cuts[] = {0, 8, 31, 100, size / 2, size - 1};
  for (size_t i = 0; i < sizeof cuts / sizeof *cuts; i++) {
    g = NULL;
    memset(&e, 0, sizeof e);
    CHECK(ann_gazetteer_open_mem(&g, buf, (size_t)cuts[i], &e) < 0);
    CHECK(g == NULL);
    CHECK(e.msg[0] != 0);
  }
  /* a flipped byte: the checksum catches it */
  buf[size / 2] ^= 0x55;
  CHECK_INT(ann_gazetteer_open_mem(&g, buf, (size_t)size, &e), ANN_EMODEL);
  free(buf);
  /* a missing file names itself */
  memset(&e, 0, sizeof e);
  CHECK(ann_gazetteer_open(&g, "/nonexistent/gazetteer.bin", &e) < 0);
  CHECK(strstr(e.msg, "/nonexistent/gazetteer.bin") != NULL);
}

int main(void) {
  const char *tmp = getenv("TMPDIR");
  snprintf(path, sizeof path, "%s/test_geo_%ld.bin", tmp ? tmp : "/tmp",
           (long)getpid());
  CHECK_INT(build(), 0);
  ann_gazetteer *g = NULL;
  ann_error e = {0};
  CHECK_INT(ann_gazetteer_open(&g, path, &e), 0);
  if (!g) {
    fprintf(stderr, "open: %s\n", e.msg);
    return check_done();
  }
  test_lookup(g);
  test_georgia(g);
  test_paris(g);
  test_nice(g);
  test_big(g);
  ann_gazetteer_free(g);
  test_loader();
  /* ANN_GEO_KEEP=file keeps the tiny gazetteer (a fuzzing seed) */
  const char *keep = getenv("ANN_GEO_KEEP");
  if (!keep || rename(path, keep) != 0) unlink(path);
  return check_done();
}
