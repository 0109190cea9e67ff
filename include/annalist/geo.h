/*
 * geo.h — the gazetteer and toponym resolution.
 *
 * The gazetteer is one model container (model.h, kind "GAZT") built at
 * set-up by tools/build_gazetteer from registry packages and dicts/geo/.
 * It is memory-mapped and read in place: a table of places, a table of
 * countries, a table of admin-1 divisions, and a hash index from
 * normalised names (case-folded, accents stripped, hyphens as spaces) to
 * postings, each posting one place a name may mean, best prior first.
 *
 * A gazetteer is immutable after load and may be shared by threads.
 */
#ifndef ANNALIST_GEO_H
#define ANNALIST_GEO_H

#include "annalist/doc.h"

#define ANN_GAZ_KIND ANN_FOURCC('G', 'A', 'Z', 'T')
#define ANN_GAZ_VERSION 2

typedef struct ann_gazetteer ann_gazetteer;

/* What a place is; the record's "kind" string is ann_geo_kind_name(). */
enum {
  ANN_GEO_OTHER = 0,
  ANN_GEO_COUNTRY = 1,
  ANN_GEO_ADMIN1 = 2,
  ANN_GEO_CITY = 3,
  ANN_GEO_REGION = 4,   /* continents, macro-regions, disputed regions */
  ANN_GEO_HISTORIC = 5  /* former states (USSR); written as kind "other" */
};

/* How a name refers to its place (posting flags). */
enum {
  ANN_GEO_N_EXACT = 1u << 0,    /* match only with this exact case ("US") */
  ANN_GEO_N_DEMONYM = 1u << 1,  /* adjective: "Georgian", "Chinese" */
  ANN_GEO_N_PEOPLE = 1u << 2,   /* plural demonym: "Azerbaijanis" */
  ANN_GEO_N_ALT = 1u << 3,      /* alternate (not the main) name */
  ANN_GEO_N_COMMON = 1u << 4,   /* also a common English word ("nice") */
  ANN_GEO_N_METONYM = 1u << 5,  /* stands for a country ("Kremlin") */
  ANN_GEO_N_ABBREV = 1u << 6,   /* abbreviation ("Calif.", "U.S.") */
  ANN_GEO_N_PREFER = 1u << 7    /* the usual reading in news */
};

/* One place as the gazetteer holds it (32 bytes, in the file). */
typedef struct ann_gaz_place {
  uint32_t geonameid; /* 0 when none */
  float lat, lon;
  uint32_t population;
  uint32_t name;      /* offset of its main name in the string pool */
  uint16_t country;   /* index in the country table, 0xffff = none */
  uint16_t admin1;    /* index in the admin-1 table, 0xffff = none */
  uint8_t kind;       /* ANN_GEO_* */
  char fclass;        /* GeoNames feature class ('P', 'A', ...) or 0 */
  char fcode[6];      /* GeoNames feature code, NUL-padded */
} ann_gaz_place;

/* A posting: place index, flags, and for exact-case names the form. */
typedef struct ann_gaz_posting {
  uint32_t place;
  uint32_t flags;
  uint32_t form; /* string offset of the name as written (EXACT), or 0 */
} ann_gaz_posting;

/* Open path (mmap) or a buffer the caller keeps alive. A missing,
 * truncated or corrupt file is ANN_EMODEL/ANN_EIO with a message naming
 * it. The caller frees with ann_gazetteer_free. */
int ann_gazetteer_open(ann_gazetteer **out, const char *path, ann_error *e);
int ann_gazetteer_open_mem(ann_gazetteer **out, const void *data,
                           size_t size, ann_error *e);
void ann_gazetteer_free(ann_gazetteer *g);

/* Normalise a name for lookup into buf (NUL-terminated): case-folded,
 * marks stripped, '-' and runs of spaces as one space, ’ as '. Returns the
 * length, or -1 when it does not fit (names over cap bytes). */
int ann_geo_normalize(const char *s, size_t n, char *buf, size_t cap);

/* The postings for a name as written (normalised inside), best prior
 * first; *n their number. NULL when the name is unknown. Postings point
 * into the gazetteer. */
const ann_gaz_posting *ann_gaz_lookup(const ann_gazetteer *g, const char *s,
                                      size_t len, size_t *n);
/* Same, for a name already normalised. */
const ann_gaz_posting *ann_gaz_lookup_norm(const ann_gazetteer *g,
                                           const char *key, size_t len,
                                           size_t *n);

size_t ann_gaz_nplaces(const ann_gazetteer *g);
const ann_gaz_place *ann_gaz_place_at(const ann_gazetteer *g, uint32_t i);
/* A string of the pool (names), "" when out of range. */
const char *ann_gaz_str(const ann_gazetteer *g, uint32_t off);
/* Country codes of a place's country table entry; "" when none. */
const char *ann_gaz_iso2(const ann_gazetteer *g, uint16_t country);
const char *ann_gaz_iso3(const ann_gazetteer *g, uint16_t country);
/* Index of the country with this ISO2 code, or 0xffff. */
uint16_t ann_gaz_country_find(const ann_gazetteer *g, const char *iso2);
/* The place index of a country (its own place), or UINT32_MAX. */
uint32_t ann_gaz_country_place(const ann_gazetteer *g, uint16_t country);
/* Whether two countries share a border (GeoNames neighbours). */
bool ann_gaz_neighbours(const ann_gazetteer *g, uint16_t a, uint16_t b);
/* Admin-1 name (e.g. "Texas") and place index, or NULL / UINT32_MAX. */
const char *ann_gaz_admin1_name(const ann_gazetteer *g, uint16_t admin1);
uint32_t ann_gaz_admin1_place(const ann_gazetteer *g, uint16_t admin1);

const char *ann_geo_kind_name(int kind);

/* A place's prior without context (log population plus a bonus for its
 * kind); postings under one name are sorted by it. */
double ann_gaz_prior(const ann_gaz_place *p);

/* ---------------------------------------------------- building -------- */

/* The builder collects places and names in memory, then writes the file.
 * Used by tools/build_gazetteer and by tests (a tiny gazetteer). */
typedef struct ann_gaz_builder ann_gaz_builder;
ann_gaz_builder *ann_gaz_builder_new(void);
void ann_gaz_builder_free(ann_gaz_builder *b);

/* Countries first: iso2, iso3, continent (2 letters or ""), and the
 * comma-separated ISO2 codes of its neighbours (or ""). Returns its
 * index or negative. */
int ann_gaz_add_country(ann_gaz_builder *b, const char *iso2,
                        const char *iso3, const char *continent,
                        const char *neighbours);
/* An admin-1 division "CC.CODE" with its name. Returns index or < 0. */
int ann_gaz_add_admin1(ann_gaz_builder *b, const char *cc_code,
                       const char *name);
int ann_gaz_find_admin1(const ann_gaz_builder *b, const char *cc_code);
int ann_gaz_find_country(const ann_gaz_builder *b, const char *iso2);

/* A place; country/admin1 are builder indices or -1. The main name is
 * also indexed. For a country or admin-1 place, it becomes that entry's
 * own place. Returns the place index or negative. */
typedef struct ann_gaz_place_in {
  uint32_t geonameid;
  double lat, lon;
  uint64_t population;
  const char *name;
  int country, admin1;
  int kind;
  char fclass;
  const char *fcode;
} ann_gaz_place_in;
int ann_gaz_add_place(ann_gaz_builder *b, const ann_gaz_place_in *p);
/* Another name for place (flags ANN_GEO_N_*). Names over 200 bytes or
 * empty after normalisation are skipped (returns 0). */
int ann_gaz_add_name(ann_gaz_builder *b, uint32_t place, const char *name,
                     unsigned flags);
/* Main name or place index of a built place (for tools). */
size_t ann_gaz_builder_nplaces(const ann_gaz_builder *b);
/* The own place of a country / admin-1 entry (UINT32_MAX if none yet),
 * and an admin-1 entry's name. */
uint32_t ann_gaz_builder_country_place(const ann_gaz_builder *b, int c);
uint32_t ann_gaz_builder_admin1_place(const ann_gaz_builder *b, int a);
const char *ann_gaz_builder_admin1_name(const ann_gaz_builder *b, int a);
int ann_gaz_builder_kind(const ann_gaz_builder *b, uint32_t place);
int ann_gaz_save(ann_gaz_builder *b, const char *path, ann_error *e);

/* ---------------------------------------------------- resolution ------ */

/* Resolve the places of d with gazetteer g (the geo stage's run, usable
 * without a pipeline). Uses d->entities, d->sentences and d->dateline
 * when present; otherwise finds capitalised spans itself. Fills
 * d->places in text order. Returns 0 or ANN_ENOMEM. */
int ann_geo_resolve(const ann_gazetteer *g, ann_doc *d);

/* Resolve given spans (byte offsets [start, end) into d->text, in text
 * order) instead of finding them: for evaluation with gold spans. A
 * span the gazetteer does not know gives no place. */
int ann_geo_resolve_spans(const ann_gazetteer *g, ann_doc *d,
                          const uint32_t *starts, const uint32_t *ends,
                          size_t n);

#endif
