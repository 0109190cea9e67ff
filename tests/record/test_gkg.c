/* test_gkg.c — the GKG 2.1 reader/writer: rows we wrote (golden/
 * gkg_fixture.tsv) and, when ../shared is there, GDELT's own sample rows
 * read and written back byte for byte; then rows of our own writer read
 * back and checked with the same reader. */
#include "annalist/gkg.h"
#include "annalist/pipeline.h"
#include "check.h"

#include <stdlib.h>

extern const ann_stage ann_stage_record;

/* Every line of path: read, check, write back identically. Returns the
 * number of rows, -1 when the file is absent. */
static int roundtrip_file(const char *path, int check_rules) {
  FILE *f = fopen(path, "r");
  if (!f) return -1;
  ann_arena *a = ann_arena_new(1 << 16, 0);
  char *line = NULL;
  size_t cap = 0;
  ssize_t n;
  int rows = 0;
  while ((n = getline(&line, &cap, f)) > 0) {
    ann_arena_reset(a);
    ann_gkg_row row;
    ann_error e = {0};
    int rc = ann_gkg_read(a, line, (size_t)n, &row, &e);
    CHECK_INT(rc, 0);
    if (rc < 0) {
      fprintf(stderr, "%s:%d: %s\n", path, rows + 1, e.msg);
      continue;
    }
    if (check_rules) {
      rc = ann_gkg_check(&row, &e);
      if (rc < 0) fprintf(stderr, "%s:%d: %s\n", path, rows + 1, e.msg);
      CHECK_INT(rc, 0);
    }
    ann_buf b;
    ann_buf_init(&b, 0);
    ann_gkg_write(&b, &row);
    size_t want = (size_t)n;
    if (line[want - 1] != '\n') ann_buf_putc(&b, 0), b.len--; /* last line */
    int same = b.len >= want && memcmp(b.p, line, want) == 0 &&
               (b.len == want || (b.len == want + 1 && line[want - 1] != '\n'));
    if (!same) fprintf(stderr, "%s:%d: written row differs\n", path, rows + 1);
    CHECK(same);
    ann_buf_free(&b);
    rows++;
  }
  free(line);
  ann_arena_free(a);
  fclose(f);
  return rows;
}

static void test_fixture(void) {
  int rows = roundtrip_file(ANN_TEST_DIR "/golden/gkg_fixture.tsv", 1);
  CHECK_INT(rows, 3);
  /* fields come out where the format puts them */
  FILE *f = fopen(ANN_TEST_DIR "/golden/gkg_fixture.tsv", "r");
  char *line = NULL;
  size_t cap = 0;
  ssize_t n = getline(&line, &cap, f);
  fclose(f);
  ann_arena *a = ann_arena_new(4096, 0);
  ann_gkg_row row;
  CHECK_INT(ann_gkg_read(a, line, (size_t)n, &row, NULL), 0);
  CHECK_INT(row.col[6].n, 2);               /* two V2 counts */
  CHECK_INT(row.col[6].b[0].n, 11);
  CHECK(row.col[6].trailing);
  CHECK_INT(row.col[12].b[1].n, 2);         /* "John Smith, Jr.,300" */
  CHECK(row.col[12].b[1].f[0].len == strlen("John Smith, Jr."));
  CHECK_INT(row.col[22].n, 2);              /* quotations */
  CHECK(row.col[22].b[1].f[3].len == strlen("the | pipe stays here"));
  CHECK(row.has_tone && row.tone[0] == -4.25 && row.tone[6] == 400);
  /* a broken row is an error, not a crash */
  CHECK(ann_gkg_read(a, "a\tb\tc", 5, &row, NULL) == ANN_EFORMAT);
  ann_error e;
  CHECK_INT(ann_gkg_read(a, "x\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t1,2,3,4,5,6,7\t\t"
                            "\t\t\t\t\t\t\t\t\t",
                         strlen("x\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t1,2,3,4,5,6,"
                                "7\t\t\t\t\t\t\t\t\t\t\t"),
                         &row, &e),
            0);
  CHECK(ann_gkg_check(&row, &e) == ANN_EFORMAT); /* 1 != 2 - 3 */
  ann_arena_free(a);
  free(line);
}

static void test_samples(void) {
  const char *files[] = {"gkg.tsv", "gkg-translation.tsv"};
  for (int i = 0; i < 2; i++) {
    char path[1024];
    const char *dir = getenv("ANN_SHARED");
    snprintf(path, sizeof path, "%s/data/gdelt-samples/%s",
             dir ? dir : ANN_SOURCE_DIR "/../shared", files[i]);
    int rows = roundtrip_file(path, 1);
    if (rows < 0) {
      printf("skipped: %s absent\n", path);
      continue;
    }
    CHECK(rows == 100);
  }
}

static void test_writer(void) {
  ann_options o = {.stages = ANN_STAGE_RECORD, .home = ANN_SOURCE_DIR};
  ann_pipeline *p;
  ann_error e = {0};
  CHECK_INT(ann_pipeline_open(&p, &o, &e), 0);
  ann_arena *a = ann_arena_new(1 << 16, 0);
  ann_doc d = {.arena = a,
               .published = "2025-06-29T08:30:00Z",
               .url = "https://www.example.org/a",
               .title = "Unrest\tin <Northtown>"};
  d.text = "Police killed 5 villagers in Northtown on June 27. \xE2\x80\x9CWe "
           "will not give up,\xE2\x80\x9D said Anna Weber. The fund lost $5bn "
           "and inflation reached 9%.";
  d.text_len = strlen(d.text);
  ann_entity *en = ANN_PUSH(a, &d.entities);
  const char *aw = strstr(d.text, "Anna Weber");
  en->start = (uint32_t)(aw - d.text);
  en->end = en->start + 10;
  en->type = ANN_PER;
  CHECK_INT(ann_stage_record.run(ann_pipeline_state(p, "record"), p, &d), 0);
  ann_buf b;
  ann_buf_init(&b, 0);
  ann_emit_gdelt_gkg(NULL, &d, &b);
  ann_gkg_row row;
  CHECK_INT(ann_gkg_read(a, b.p, b.len, &row, &e), 0);
  int rc = ann_gkg_check(&row, &e);
  if (rc < 0) fprintf(stderr, "%s\n", e.msg);
  CHECK_INT(rc, 0);
  CHECK(!strncmp(row.col[1].b[0].f[0].s, "20250629083000", 14));
  CHECK(row.col[3].b[0].f[0].len == 11); /* example.org */
  CHECK(row.col[6].n == 1 && !strncmp(row.col[6].b[0].f[0].s, "KILL#5", 6));
  CHECK(row.col[22].n == 1);            /* one quotation */
  CHECK(row.col[12].n == 1 && !strncmp(row.col[12].b[0].f[0].s, "Anna", 4));
  CHECK(row.col[24].n == 2);            /* 5 villagers, $5bn; not 9% */
  CHECK(row.col[16].n == 1 && !strncmp(row.col[16].b[0].f[0].s, "3#6#27#2025",
                                      11));
  CHECK(strchr(b.p, '\t') && !memchr(b.p, '\n', b.len - 1));
  /* what we write, we read back the same */
  ann_buf b2;
  ann_buf_init(&b2, 0);
  ann_gkg_write(&b2, &row);
  CHECK(b2.len == b.len && !memcmp(b.p, b2.p, b.len));
  ann_buf_free(&b);
  ann_buf_free(&b2);
  ann_arena_free(a);
  ann_pipeline_free(p);
}

int main(void) {
  test_fixture();
  test_samples();
  test_writer();
  return check_done();
}
