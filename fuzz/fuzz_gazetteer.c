/*
 * fuzz_gazetteer.c — libFuzzer target for the gazetteer loader and its
 * lookups. The input is a whole gazetteer file; the CRC would reject
 * almost every mutation, so the fuzzer's bytes are also re-sealed with a
 * correct header CRC and size (fix_header) to reach the section checks
 * behind it. Seed it with a small gazetteer (tests/geo builds one).
 */
#include "annalist/geo.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static void wr32(unsigned char *p, uint32_t v) {
  for (int i = 0; i < 4; i++) p[i] = (unsigned char)(v >> (8 * i));
}

static void fix_header(unsigned char *b, size_t n) {
  if (n < 32) return;
  uint64_t size = n;
  for (int i = 0; i < 8; i++) b[24 + i] = (unsigned char)(size >> (8 * i));
  uLong crc = crc32(0L, Z_NULL, 0);
  crc = crc32(crc, b + 32, (uInt)(n - 32));
  wr32(b + 20, (uint32_t)crc);
}

static void probe(const ann_gazetteer *g) {
  static const char *const names[] = {"Georgia", "paris", "US", "Zürich",
                                      "", "a b c"};
  for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
    size_t n;
    const ann_gaz_posting *p =
        ann_gaz_lookup(g, names[i], strlen(names[i]), &n);
    for (size_t k = 0; p && k < n; k++) {
      const ann_gaz_place *pl = ann_gaz_place_at(g, p[k].place);
      if (pl) {
        (void)ann_gaz_str(g, pl->name);
        (void)ann_gaz_iso2(g, pl->country);
        (void)ann_gaz_admin1_name(g, pl->admin1);
      }
    }
  }
  ann_arena *a = ann_arena_new(1 << 16, 1 << 24);
  if (!a) return;
  ann_doc d = {0};
  d.arena = a;
  d.text = "Protests in Georgia, Paris, Texas and US cities.";
  d.text_len = strlen(d.text);
  ann_geo_resolve(g, &d);
  ann_arena_free(a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  ann_gazetteer *g = NULL;
  ann_error e;
  if (ann_gazetteer_open_mem(&g, data, size, &e) == 0) {
    probe(g);
    ann_gazetteer_free(g);
  }
  unsigned char *copy = malloc(size ? size : 1);
  if (!copy) return 0;
  memcpy(copy, data, size);
  fix_header(copy, size);
  if (ann_gazetteer_open_mem(&g, copy, size, &e) == 0) {
    probe(g);
    ann_gazetteer_free(g);
  }
  free(copy);
  return 0;
}
