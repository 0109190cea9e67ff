/*
 * gazetteer.c — the gazetteer file: load (mmap, checked), look up, build.
 *
 * Sections of the model container (kind "GAZT"):
 *   places    ann_gaz_place[]
 *   countries gaz_country[]   ISO codes, continent, own place, neighbours
 *   admin1    gaz_admin1[]    "CC.CODE", country, own place, name
 *   strings   NUL-separated names; offset 0 is ""
 *   keys      gaz_key[]       a normalised name and its run of postings
 *   slots     uint32_t[2^k]   open-addressing hash: low 20 bits key index
 *                             + 1 (0 empty), high 12 bits a tag from the
 *                             key's hash, so that most probes for an
 *                             unknown name never touch the key table
 *   postings  ann_gaz_posting[], per key best prior first
 * Every offset and index is checked at load, so a corrupt file that still
 * has a good CRC (or a fuzzer's input) cannot make a lookup read outside
 * the mapping.
 */
#include "annalist/geo.h"
#include "annalist/model.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

typedef struct gaz_country {
  char iso2[4], iso3[4], cont[4];
  uint32_t place;
  uint32_t neighbours; /* string offset: "AM,AZ,TR" */
} gaz_country;

typedef struct gaz_admin1 {
  char code[12]; /* "US.TX" */
  uint16_t country, pad;
  uint32_t place;
  uint32_t name;
} gaz_admin1;

typedef struct gaz_key {
  uint32_t hash, key, post;
  uint16_t len, npost;
} gaz_key;

struct ann_gazetteer {
  ann_model *m;
  const ann_gaz_place *places;
  size_t nplaces;
  const gaz_country *countries;
  size_t ncountries;
  const gaz_admin1 *admin1;
  size_t nadmin1;
  const char *str;
  size_t nstr;
  const gaz_key *keys;
  size_t nkeys;
  const uint32_t *slots;
  size_t nslots; /* power of two */
  const ann_gaz_posting *post;
  size_t npost;
};

#define MAX_NAME 256
#define SLOT_INDEX 0xfffffu /* at most 2^20 - 1 keys */
#define SLOT_TAG(h) (((h) >> 20) << 20)

/* ------------------------------------------------------ normalising -- */

static uint32_t fnv32(const char *s, size_t n) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < n; i++) {
    h ^= (unsigned char)s[i];
    h *= 16777619u;
  }
  return h;
}

/* ASCII is folded inline; other code points go through utf8proc
 * (case fold, compatibility decomposition, marks dropped) so "Zürich",
 * "ZURICH" and "zurich" share a key. Invalid UTF-8 bytes are skipped. */
int ann_geo_normalize(const char *s, size_t n, char *buf, size_t cap) {
  size_t o = 0;
  int space = 1; /* drop leading spaces */
  const unsigned char *p = (const unsigned char *)s;
  size_t i = 0;
  if (cap == 0) return -1;
  while (i < n) {
    unsigned char c = p[i];
    if (c < 0x80) {
      i++;
      if (c == '-' || c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
          c == '_') {
        if (!space) {
          if (o + 1 >= cap) return -1;
          buf[o++] = ' ';
          space = 1;
        }
        continue;
      }
      if (c >= 'A' && c <= 'Z') c += 32;
      if (o + 1 >= cap) return -1;
      buf[o++] = (char)c;
      space = 0;
      continue;
    }
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i),
                                          &cp);
    if (k <= 0) {
      i++;
      continue;
    }
    i += (size_t)k;
    if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC) cp = '\'';
    if (cp == 0x2010 || cp == 0x2011 || cp == 0x2013 || cp == 0x2014 ||
        cp == 0xA0) {
      if (!space) {
        if (o + 1 >= cap) return -1;
        buf[o++] = ' ';
        space = 1;
      }
      continue;
    }
    utf8proc_int32_t dec[16];
    int last = 0;
    utf8proc_ssize_t m = utf8proc_decompose_char(
        cp, dec, 16,
        UTF8PROC_CASEFOLD | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK |
            UTF8PROC_COMPAT,
        &last);
    if (m < 0 || m > 16) continue;
    for (utf8proc_ssize_t j = 0; j < m; j++) {
      unsigned char enc[4];
      utf8proc_ssize_t el = utf8proc_encode_char(dec[j], enc);
      if (el <= 0) continue;
      if (o + (size_t)el >= cap) return -1;
      memcpy(buf + o, enc, (size_t)el);
      o += (size_t)el;
      space = 0;
    }
  }
  while (o > 0 && buf[o - 1] == ' ') o--;
  buf[o] = 0;
  return (int)o;
}

/* ------------------------------------------------------------ loading -- */

static const void *sect(const ann_model *m, const char *name, size_t elem,
                        size_t *n) {
  size_t size = 0;
  const void *p = ann_model_section(m, name, &size);
  /* sections are 16-aligned in a good file; a crafted one may not be */
  if (!p || size % elem || ((uintptr_t)p & 3)) return NULL;
  *n = size / elem;
  return p;
}

static int bad(ann_gazetteer *g, ann_error *e, const char *what) {
  const char *path = ann_model_path(g->m);
  ann_fail(e, ANN_EMODEL, -1, "%s: corrupt gazetteer (%s)",
           path ? path : "<memory>", what);
  ann_model_free(g->m);
  free(g);
  return ANN_EMODEL;
}

static int validate(ann_gazetteer *g, ann_error *e) {
  const ann_model *m = g->m;
  g->places = sect(m, "places", sizeof *g->places, &g->nplaces);
  g->countries = sect(m, "countries", sizeof *g->countries, &g->ncountries);
  g->admin1 = sect(m, "admin1", sizeof *g->admin1, &g->nadmin1);
  g->str = sect(m, "strings", 1, &g->nstr);
  g->keys = sect(m, "keys", sizeof *g->keys, &g->nkeys);
  g->slots = sect(m, "slots", sizeof *g->slots, &g->nslots);
  g->post = sect(m, "postings", sizeof *g->post, &g->npost);
  if (!g->places || !g->countries || !g->admin1 || !g->str || !g->keys ||
      !g->slots || !g->post)
    return bad(g, e, "missing section");
  if (g->nstr == 0 || g->str[g->nstr - 1] != 0 || g->str[0] != 0)
    return bad(g, e, "string pool");
  if (g->nslots == 0 || (g->nslots & (g->nslots - 1)) ||
      g->nslots < g->nkeys)
    return bad(g, e, "hash size");
  if (g->ncountries >= 0xffff || g->nadmin1 >= 0xffff)
    return bad(g, e, "table size");
  for (size_t i = 0; i < g->nplaces; i++) {
    const ann_gaz_place *p = &g->places[i];
    if (p->name >= g->nstr ||
        (p->country != 0xffff && p->country >= g->ncountries) ||
        (p->admin1 != 0xffff && p->admin1 >= g->nadmin1) || p->kind > 5 ||
        !isfinite(p->lat) || !isfinite(p->lon))
      return bad(g, e, "place");
  }
  for (size_t i = 0; i < g->ncountries; i++) {
    const gaz_country *c = &g->countries[i];
    if ((c->place != UINT32_MAX && c->place >= g->nplaces) ||
        c->neighbours >= g->nstr || c->iso2[3] || c->iso3[3] || c->cont[3])
      return bad(g, e, "country");
  }
  for (size_t i = 0; i < g->nadmin1; i++) {
    const gaz_admin1 *a = &g->admin1[i];
    if ((a->place != UINT32_MAX && a->place >= g->nplaces) ||
        a->name >= g->nstr || a->code[11] ||
        (a->country != 0xffff && a->country >= g->ncountries))
      return bad(g, e, "admin1");
  }
  for (size_t i = 0; i < g->nkeys; i++) {
    const gaz_key *k = &g->keys[i];
    if (k->key >= g->nstr || k->len > g->nstr - k->key - 1 ||
        k->post > g->npost || k->npost > g->npost - k->post)
      return bad(g, e, "key");
  }
  for (size_t i = 0; i < g->nslots; i++)
    if ((g->slots[i] & SLOT_INDEX) > g->nkeys ||
        (g->slots[i] && !(g->slots[i] & SLOT_INDEX)))
      return bad(g, e, "slot");
  for (size_t i = 0; i < g->npost; i++)
    if (g->post[i].place >= g->nplaces || g->post[i].form >= g->nstr)
      return bad(g, e, "posting");
  return 0;
}

static int finish_open(ann_gazetteer **out, ann_model *m, ann_error *e) {
  ann_gazetteer *g = calloc(1, sizeof *g);
  if (!g) {
    ann_model_free(m);
    return ann_fail(e, ANN_ENOMEM, -1, "gazetteer: out of memory");
  }
  g->m = m;
  int rc = validate(g, e);
  if (rc < 0) return rc;
  *out = g;
  return 0;
}

int ann_gazetteer_open(ann_gazetteer **out, const char *path, ann_error *e) {
  *out = NULL;
  ann_model *m = NULL;
  int rc = ann_model_open(&m, path, ANN_GAZ_KIND, ANN_GAZ_VERSION, e);
  if (rc < 0) return rc;
  return finish_open(out, m, e);
}

int ann_gazetteer_open_mem(ann_gazetteer **out, const void *data,
                           size_t size, ann_error *e) {
  *out = NULL;
  ann_model *m = NULL;
  int rc = ann_model_open_mem(&m, data, size, ANN_GAZ_KIND, ANN_GAZ_VERSION,
                              e);
  if (rc < 0) return rc;
  return finish_open(out, m, e);
}

void ann_gazetteer_free(ann_gazetteer *g) {
  if (!g) return;
  ann_model_free(g->m);
  free(g);
}

/* ------------------------------------------------------------ lookups -- */

const ann_gaz_posting *ann_gaz_lookup_norm(const ann_gazetteer *g,
                                           const char *key, size_t len,
                                           size_t *n) {
  *n = 0;
  if (!g || len == 0 || len > 0xffff) return NULL;
  uint32_t h = fnv32(key, len);
  size_t mask = g->nslots - 1;
  for (size_t i = h & mask, probes = 0; probes < g->nslots;
       i = (i + 1) & mask, probes++) {
    uint32_t s = g->slots[i];
    if (!s) return NULL;
    if ((s & ~SLOT_INDEX) != SLOT_TAG(h)) continue;
    const gaz_key *k = &g->keys[(s & SLOT_INDEX) - 1];
    if (k->hash == h && k->len == len && !memcmp(g->str + k->key, key, len)) {
      *n = k->npost;
      return g->post + k->post;
    }
  }
  return NULL;
}

const ann_gaz_posting *ann_gaz_lookup(const ann_gazetteer *g, const char *s,
                                      size_t len, size_t *n) {
  char buf[MAX_NAME];
  *n = 0;
  int k = ann_geo_normalize(s, len, buf, sizeof buf);
  if (k <= 0) return NULL;
  return ann_gaz_lookup_norm(g, buf, (size_t)k, n);
}

size_t ann_gaz_nplaces(const ann_gazetteer *g) { return g->nplaces; }

const ann_gaz_place *ann_gaz_place_at(const ann_gazetteer *g, uint32_t i) {
  return i < g->nplaces ? &g->places[i] : NULL;
}

const char *ann_gaz_str(const ann_gazetteer *g, uint32_t off) {
  return off < g->nstr ? g->str + off : "";
}

const char *ann_gaz_iso2(const ann_gazetteer *g, uint16_t c) {
  return c < g->ncountries ? g->countries[c].iso2 : "";
}

const char *ann_gaz_iso3(const ann_gazetteer *g, uint16_t c) {
  return c < g->ncountries ? g->countries[c].iso3 : "";
}

uint16_t ann_gaz_country_find(const ann_gazetteer *g, const char *iso2) {
  for (size_t i = 0; i < g->ncountries; i++)
    if (!strcmp(g->countries[i].iso2, iso2)) return (uint16_t)i;
  return 0xffff;
}

uint32_t ann_gaz_country_place(const ann_gazetteer *g, uint16_t c) {
  return c < g->ncountries ? g->countries[c].place : UINT32_MAX;
}

bool ann_gaz_neighbours(const ann_gazetteer *g, uint16_t a, uint16_t b) {
  if (a >= g->ncountries || b >= g->ncountries) return false;
  const char *nb = g->str + g->countries[a].neighbours;
  const char *iso = g->countries[b].iso2;
  for (const char *q = nb; *q;) {
    if (q[0] == iso[0] && q[1] == iso[1] && (q[2] == ',' || q[2] == 0))
      return true;
    const char *c = strchr(q, ',');
    if (!c) break;
    q = c + 1;
  }
  return false;
}

const char *ann_gaz_admin1_name(const ann_gazetteer *g, uint16_t a) {
  return a < g->nadmin1 ? g->str + g->admin1[a].name : NULL;
}

uint32_t ann_gaz_admin1_place(const ann_gazetteer *g, uint16_t a) {
  return a < g->nadmin1 ? g->admin1[a].place : UINT32_MAX;
}

const char *ann_geo_kind_name(int kind) {
  switch (kind) {
  case ANN_GEO_COUNTRY: return "country";
  case ANN_GEO_ADMIN1: return "admin1";
  case ANN_GEO_CITY: return "city";
  case ANN_GEO_REGION: return "region";
  default: return "other";
  }
}

/* ----------------------------------------------------------- building -- */

typedef struct bname {
  uint32_t key;   /* offset in the builder's string pool */
  uint32_t len;
  uint32_t place;
  uint32_t flags;
  uint32_t form;
} bname;

struct ann_gaz_builder {
  ann_gaz_place *places;
  size_t nplaces, cplaces;
  gaz_country *countries;
  size_t ncountries, ccountries;
  gaz_admin1 *admin1;
  size_t nadmin1, cadmin1;
  char *str;
  size_t nstr, cstr;
  bname *names;
  size_t nnames, cnames;
  int err;
};

static int grow(void **p, size_t *cap, size_t need, size_t elem) {
  if (need <= *cap) return 0;
  size_t c = *cap ? *cap : 64;
  while (c < need) c *= 2;
  void *q = realloc(*p, c * elem);
  if (!q) return ANN_ENOMEM;
  *p = q;
  *cap = c;
  return 0;
}

static uint32_t bstr(ann_gaz_builder *b, const char *s, size_t n) {
  if (grow((void **)&b->str, &b->cstr, b->nstr + n + 1, 1)) {
    b->err = ANN_ENOMEM;
    return 0;
  }
  uint32_t off = (uint32_t)b->nstr;
  memcpy(b->str + off, s, n);
  b->str[off + n] = 0;
  b->nstr += n + 1;
  return off;
}

ann_gaz_builder *ann_gaz_builder_new(void) {
  ann_gaz_builder *b = calloc(1, sizeof *b);
  if (!b) return NULL;
  bstr(b, "", 0);
  if (b->err) {
    ann_gaz_builder_free(b);
    return NULL;
  }
  return b;
}

void ann_gaz_builder_free(ann_gaz_builder *b) {
  if (!b) return;
  free(b->places);
  free(b->countries);
  free(b->admin1);
  free(b->str);
  free(b->names);
  free(b);
}

int ann_gaz_find_country(const ann_gaz_builder *b, const char *iso2) {
  for (size_t i = 0; i < b->ncountries; i++)
    if (!strcmp(b->countries[i].iso2, iso2)) return (int)i;
  return -1;
}

int ann_gaz_find_admin1(const ann_gaz_builder *b, const char *cc_code) {
  for (size_t i = 0; i < b->nadmin1; i++)
    if (!strcmp(b->admin1[i].code, cc_code)) return (int)i;
  return -1;
}

int ann_gaz_add_country(ann_gaz_builder *b, const char *iso2,
                        const char *iso3, const char *continent,
                        const char *neighbours) {
  if (strlen(iso2) != 2 || strlen(iso3) > 3 || b->ncountries >= 0xfffe)
    return ANN_EINVAL;
  int i = ann_gaz_find_country(b, iso2);
  if (i >= 0) return i;
  if (grow((void **)&b->countries, &b->ccountries, b->ncountries + 1,
           sizeof *b->countries))
    return ANN_ENOMEM;
  gaz_country *c = &b->countries[b->ncountries];
  memset(c, 0, sizeof *c);
  memcpy(c->iso2, iso2, 2);
  memcpy(c->iso3, iso3, strlen(iso3));
  if (continent && strlen(continent) <= 3)
    memcpy(c->cont, continent, strlen(continent));
  c->place = UINT32_MAX;
  c->neighbours = neighbours ? bstr(b, neighbours, strlen(neighbours)) : 0;
  return (int)b->ncountries++;
}

int ann_gaz_add_admin1(ann_gaz_builder *b, const char *cc_code,
                       const char *name) {
  size_t n = strlen(cc_code);
  if (n < 4 || n > 11 || cc_code[2] != '.' || b->nadmin1 >= 0xfffe)
    return ANN_EINVAL;
  int i = ann_gaz_find_admin1(b, cc_code);
  if (i >= 0) return i;
  if (grow((void **)&b->admin1, &b->cadmin1, b->nadmin1 + 1,
           sizeof *b->admin1))
    return ANN_ENOMEM;
  gaz_admin1 *a = &b->admin1[b->nadmin1];
  memset(a, 0, sizeof *a);
  memcpy(a->code, cc_code, n);
  char iso[3] = {cc_code[0], cc_code[1], 0};
  int c = ann_gaz_find_country(b, iso);
  a->country = c < 0 ? 0xffff : (uint16_t)c;
  a->place = UINT32_MAX;
  a->name = bstr(b, name, strlen(name));
  return (int)b->nadmin1++;
}

int ann_gaz_add_place(ann_gaz_builder *b, const ann_gaz_place_in *in) {
  if (!in->name || !isfinite(in->lat) || !isfinite(in->lon) ||
      in->kind < 0 || in->kind > 5 ||
      (in->country >= (int)b->ncountries) ||
      (in->admin1 >= (int)b->nadmin1))
    return ANN_EINVAL;
  if (grow((void **)&b->places, &b->cplaces, b->nplaces + 1,
           sizeof *b->places))
    return ANN_ENOMEM;
  uint32_t idx = (uint32_t)b->nplaces;
  ann_gaz_place *p = &b->places[idx];
  memset(p, 0, sizeof *p);
  p->geonameid = in->geonameid;
  p->lat = (float)in->lat;
  p->lon = (float)in->lon;
  p->population =
      in->population > UINT32_MAX ? UINT32_MAX : (uint32_t)in->population;
  p->name = bstr(b, in->name, strlen(in->name));
  p->country = in->country < 0 ? 0xffff : (uint16_t)in->country;
  p->admin1 = in->admin1 < 0 ? 0xffff : (uint16_t)in->admin1;
  p->kind = (uint8_t)in->kind;
  p->fclass = in->fclass;
  if (in->fcode) strncpy(p->fcode, in->fcode, sizeof p->fcode - 1);
  b->nplaces++;
  if (in->kind == ANN_GEO_COUNTRY && in->country >= 0)
    b->countries[in->country].place = idx;
  if (in->kind == ANN_GEO_ADMIN1 && in->admin1 >= 0)
    b->admin1[in->admin1].place = idx;
  if (b->err) return b->err;
  return ann_gaz_add_name(b, idx, in->name, 0) < 0 ? ANN_ENOMEM : (int)idx;
}

int ann_gaz_add_name(ann_gaz_builder *b, uint32_t place, const char *name,
                     unsigned flags) {
  if (place >= b->nplaces) return ANN_EINVAL;
  size_t n = strlen(name);
  if (n == 0 || n > 200) return 0;
  char key[MAX_NAME];
  int k = ann_geo_normalize(name, n, key, sizeof key);
  if (k <= 0) return 0;
  if (grow((void **)&b->names, &b->cnames, b->nnames + 1, sizeof *b->names))
    return ANN_ENOMEM;
  bname *nm = &b->names[b->nnames++];
  nm->key = bstr(b, key, (size_t)k);
  nm->len = (uint32_t)k;
  nm->place = place;
  nm->flags = flags;
  nm->form = (flags & ANN_GEO_N_EXACT) ? bstr(b, name, n) : 0;
  return b->err ? b->err : 0;
}

size_t ann_gaz_builder_nplaces(const ann_gaz_builder *b) {
  return b->nplaces;
}

uint32_t ann_gaz_builder_country_place(const ann_gaz_builder *b, int c) {
  return c >= 0 && (size_t)c < b->ncountries ? b->countries[c].place
                                              : UINT32_MAX;
}

uint32_t ann_gaz_builder_admin1_place(const ann_gaz_builder *b, int a) {
  return a >= 0 && (size_t)a < b->nadmin1 ? b->admin1[a].place : UINT32_MAX;
}

const char *ann_gaz_builder_admin1_name(const ann_gaz_builder *b, int a) {
  return a >= 0 && (size_t)a < b->nadmin1 ? b->str + b->admin1[a].name : "";
}

int ann_gaz_builder_kind(const ann_gaz_builder *b, uint32_t place) {
  return place < b->nplaces ? b->places[place].kind : -1;
}

/* The order of postings under one name: a place's prior, the same
 * figure the resolver starts from (geo.c), so the first posting is the
 * best guess without context. */
double ann_gaz_prior(const ann_gaz_place *p) {
  /* other, country, admin1, city, region, historic: regions and former
   * states have no population, their bonus stands for it */
  static const double kb[] = {-1.0, 3.0, 1.0, 0.0, 7.5, 5.0};
  double s = log10((double)p->population + 10.0) + kb[p->kind];
  if (p->kind == ANN_GEO_CITY) {
    if (!strcmp(p->fcode, "PPLC")) s += 1.0;
    else if (!strcmp(p->fcode, "PPLA")) s += 0.3;
  } else if (p->kind == ANN_GEO_OTHER) {
    if (!strcmp(p->fcode, "ADM2")) s += 1.0;
    else if (p->population == 0) s += 7.5; /* seas, canals: our table */
  }
  return s;
}

static double prior(const ann_gaz_place *p) { return ann_gaz_prior(p); }

static const ann_gaz_builder *sort_b;

static int cmp_names(const void *x, const void *y) {
  const bname *a = x, *b = y;
  const char *s = sort_b->str;
  int c = strcmp(s + a->key, s + b->key);
  if (c) return c;
  if (a->place != b->place) {
    double pa = prior(&sort_b->places[a->place]);
    double pb = prior(&sort_b->places[b->place]);
    if (pa != pb) return pa > pb ? -1 : 1;
    return a->place < b->place ? -1 : 1;
  }
  /* non-exact before exact, so a merged posting keeps the lenient form */
  return (int)(a->flags & ANN_GEO_N_EXACT) - (int)(b->flags & ANN_GEO_N_EXACT);
}

int ann_gaz_save(ann_gaz_builder *b, const char *path, ann_error *e) {
  if (b->err) return ann_fail(e, b->err, -1, "%s: out of memory", path);
  sort_b = b;
  qsort(b->names, b->nnames, sizeof *b->names, cmp_names);
  /* merge: one posting per (key, place); a plain name beats an exact-case
   * or alternate one, the kinds of use are OR-ed */
  gaz_key *keys = calloc(b->nnames + 1, sizeof *keys);
  ann_gaz_posting *post = calloc(b->nnames + 1, sizeof *post);
  size_t nkeys = 0, npost = 0;
  if (!keys || !post) goto oom;
  for (size_t i = 0; i < b->nnames;) {
    size_t j = i;
    const char *key = b->str + b->names[i].key;
    gaz_key *k = &keys[nkeys++];
    k->key = b->names[i].key;
    k->len = (uint16_t)b->names[i].len;
    k->hash = fnv32(key, k->len);
    k->post = (uint32_t)npost;
    while (j < b->nnames && !strcmp(b->str + b->names[j].key, key)) {
      const bname *nm = &b->names[j];
      if (npost > k->post && post[npost - 1].place == nm->place) {
        ann_gaz_posting *q = &post[npost - 1];
        const unsigned keep = ANN_GEO_N_EXACT | ANN_GEO_N_ALT |
                              ANN_GEO_N_ABBREV;
        q->flags = (q->flags & nm->flags & keep) |
                   ((q->flags | nm->flags) & ~keep);
        if (!(q->flags & ANN_GEO_N_EXACT)) q->form = 0;
      } else if (npost - k->post < 0xffff) {
        post[npost].place = nm->place;
        post[npost].flags = nm->flags;
        post[npost].form = nm->form;
        npost++;
      }
      j++;
    }
    k->npost = (uint16_t)(npost - k->post);
    i = j;
  }
  if (nkeys >= SLOT_INDEX) {
    free(keys);
    free(post);
    return ann_fail(e, ANN_ELIMIT, -1, "%s: over %u names", path,
                    SLOT_INDEX - 1);
  }
  size_t nslots = 16;
  while (nslots < nkeys * 2) nslots *= 2;
  uint32_t *slots = calloc(nslots, sizeof *slots);
  if (!slots) goto oom;
  for (size_t i = 0; i < nkeys; i++) {
    size_t s = keys[i].hash & (nslots - 1);
    while (slots[s]) s = (s + 1) & (nslots - 1);
    slots[s] = ((uint32_t)i + 1) | SLOT_TAG(keys[i].hash);
  }
  ann_model_writer *w = ann_model_writer_new(ANN_GAZ_KIND, ANN_GAZ_VERSION);
  int rc = w ? 0 : ANN_ENOMEM;
  if (!rc) rc = ann_model_writer_add(w, "places", b->places,
                                     b->nplaces * sizeof *b->places);
  if (!rc) rc = ann_model_writer_add(w, "countries", b->countries,
                                     b->ncountries * sizeof *b->countries);
  if (!rc) rc = ann_model_writer_add(w, "admin1", b->admin1,
                                     b->nadmin1 * sizeof *b->admin1);
  if (!rc) rc = ann_model_writer_add(w, "strings", b->str, b->nstr);
  if (!rc) rc = ann_model_writer_add(w, "keys", keys, nkeys * sizeof *keys);
  if (!rc) rc = ann_model_writer_add(w, "slots", slots, nslots * 4);
  if (!rc) rc = ann_model_writer_add(w, "postings", post,
                                     npost * sizeof *post);
  if (rc) ann_fail(e, rc, -1, "%s: cannot assemble the gazetteer", path);
  else rc = ann_model_writer_save(w, path, e);
  ann_model_writer_free(w);
  free(slots);
  free(keys);
  free(post);
  return rc;
oom:
  free(keys);
  free(post);
  return ann_fail(e, ANN_ENOMEM, -1, "%s: out of memory", path);
}
