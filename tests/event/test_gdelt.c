/*
 * test_gdelt.c — --format gdelt-events / gdelt-mentions rows. One reader
 * and one checker (columns per row, the derived date fields, code
 * prefixes, QuadClass from the root, Goldstein range, geo types, offsets)
 * read GDELT's own sample rows (../shared/data/gdelt-samples, skipped
 * when absent) and the rows our writers give for a document we build.
 */
#include "annalist/arena.h"
#include "annalist/doc.h"
#include "annalist/out.h"
#include "check.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void ann_emit_gdelt_events(void *ctx, const ann_doc *d, ann_buf *out);
void ann_emit_gdelt_mentions(void *ctx, const ann_doc *d, ann_buf *out);

#define MAXCOL 64
typedef struct row {
  char *f[MAXCOL];
  int n;
} row;

/* Split one line (NUL-terminated, no '\n') on tabs, in place. */
static void read_row(char *line, row *r) {
  r->n = 0;
  for (char *s = line;;) {
    if (r->n == MAXCOL) {
      r->n++;
      return;
    }
    r->f[r->n++] = s;
    char *t = strchr(s, '\t');
    if (!t) return;
    *t = 0;
    s = t + 1;
  }
}

static bool is_int(const char *s) {
  if (*s == '-') s++;
  if (!*s) return false;
  for (; *s; s++)
    if (!isdigit((unsigned char)*s)) return false;
  return true;
}

static bool is_num(const char *s) {
  char *end;
  strtod(s, &end);
  return *s && !*end;
}

static const char *why;
#define REQ(c, msg)                                                          \
  do {                                                                       \
    if (!(c)) {                                                              \
      why = msg;                                                             \
      return false;                                                          \
    }                                                                        \
  } while (0)

/* The Event-row invariants of gdelt-formats.md §1. */
static bool check_event(const row *r) {
  REQ(r->n == 61, "not 61 columns");
  REQ(is_int(r->f[0]), "GlobalEventID");
  const char *day = r->f[1];
  REQ(is_int(day) && strlen(day) == 8, "Day");
  REQ(!strncmp(r->f[2], day, 6) && strlen(r->f[2]) == 6, "MonthYear");
  REQ(!strncmp(r->f[3], day, 4) && strlen(r->f[3]) == 4, "Year");
  long v = atol(day);
  double frac = (double)(v / 10000) +
                ((double)((v / 100 % 100) - 1) * 30 + (double)(v % 100)) / 365;
  REQ(is_num(r->f[4]) && fabs(atof(r->f[4]) - frac) < 0.00051,
      "FractionDate");
  for (int a = 0; a < 2; a++) {
    const char *code = r->f[5 + 10 * a];
    REQ(strlen(code) % 3 == 0, "actor code length");
    REQ(!*r->f[7 + 10 * a] || strlen(r->f[7 + 10 * a]) == 3,
        "actor country");
  }
  REQ(!strcmp(r->f[25], "0") || !strcmp(r->f[25], "1"), "IsRootEvent");
  const char *code = r->f[26];
  size_t cl = strlen(code);
  REQ(cl >= 2 && cl <= 4 && strspn(code, "0123456789") == cl, "EventCode");
  REQ(!strncmp(r->f[27], code, cl < 3 ? cl : 3) &&
          strlen(r->f[27]) == (cl < 3 ? cl : 3),
      "EventBaseCode");
  REQ(!strncmp(r->f[28], code, 2) && strlen(r->f[28]) == 2, "EventRootCode");
  int root = atoi(r->f[28]);
  int quad = root <= 5 ? 1 : root <= 9 ? 2 : root <= 14 ? 3 : 4;
  REQ(atoi(r->f[29]) == quad, "QuadClass from the root");
  REQ(is_num(r->f[30]) && fabs(atof(r->f[30])) <= 10, "GoldsteinScale");
  for (int k = 31; k < 34; k++) REQ(is_int(r->f[k]), "counts");
  REQ(is_num(r->f[34]), "AvgTone");
  for (int g = 0; g < 3; g++) {
    const char *t = r->f[35 + 8 * g];
    REQ(strlen(t) == 1 && *t >= '0' && *t <= '5', "Geo_Type");
    if (*t == '0') continue;
    REQ(strlen(r->f[37 + 8 * g]) == 2, "Geo_CountryCode");
    REQ(is_num(r->f[40 + 8 * g]) && is_num(r->f[41 + 8 * g]), "Geo_Lat/Long");
  }
  REQ(strlen(r->f[59]) == 14 && is_int(r->f[59]), "DATEADDED");
  return true;
}

/* The Mentions-row invariants of §2. */
static bool check_mention(const row *r) {
  REQ(r->n == 16, "not 16 columns");
  REQ(is_int(r->f[0]), "GlobalEventID");
  REQ(strlen(r->f[1]) == 14 && is_int(r->f[1]), "EventTimeDate");
  REQ(strlen(r->f[2]) == 14 && is_int(r->f[2]), "MentionTimeDate");
  REQ(strcmp(r->f[1], r->f[2]) <= 0, "event after its mention");
  REQ(strlen(r->f[3]) == 1 && *r->f[3] >= '1' && *r->f[3] <= '6',
      "MentionType");
  REQ(is_int(r->f[6]) && atoi(r->f[6]) >= 1, "SentenceID");
  for (int k = 7; k < 10; k++) REQ(is_int(r->f[k]) && atol(r->f[k]) >= -1,
                                   "char offset");
  REQ(!strcmp(r->f[10], "0") || !strcmp(r->f[10], "1"), "InRawText");
  int conf = atoi(r->f[11]);
  REQ(is_int(r->f[11]) && conf >= 10 && conf <= 100, "Confidence");
  REQ(is_int(r->f[12]), "MentionDocLen");
  REQ(is_num(r->f[13]), "MentionDocTone");
  return true;
}

/* Check every line of text; returns the number of rows, -1 on a bad one. */
static int check_lines(char *text, bool events, const char *what) {
  int n = 0;
  for (char *line = text; line && *line;) {
    char *nl = strchr(line, '\n');
    if (nl) *nl = 0;
    size_t len = strlen(line);
    if (len && line[len - 1] == '\r') line[len - 1] = 0;
    row r;
    read_row(line, &r);
    n++;
    bool ok = events ? check_event(&r) : check_mention(&r);
    if (!ok) {
      fprintf(stderr, "%s row %d: %s\n", what, n, why);
      return -1;
    }
    line = nl ? nl + 1 : NULL;
  }
  return n;
}

static void samples(void) {
  static const struct {
    const char *file;
    bool events;
  } f[] = {{"events.export.tsv", true},
           {"events-translation.export.tsv", true},
           {"mentions.tsv", false},
           {"mentions-translation.tsv", false}};
  for (size_t i = 0; i < sizeof f / sizeof *f; i++) {
    char path[1024];
    const char *dir = getenv("ANN_SHARED");
    snprintf(path, sizeof path, "%s/data/gdelt-samples/%s",
             dir ? dir : ANN_SOURCE_DIR "/../shared", f[i].file);
    FILE *fp = fopen(path, "rb");
    if (!fp) {
      printf("skipped: %s absent\n", path);
      continue;
    }
    char *buf = malloc(1 << 22);
    size_t n = fread(buf, 1, (1 << 22) - 1, fp);
    buf[n] = 0;
    fclose(fp);
    CHECK_INT(check_lines(buf, f[i].events, f[i].file), 100);
    free(buf);
  }
}

static void ours(void) {
  ann_arena *a = ann_arena_new(1 << 16, 0);
  ann_doc d = {.arena = a,
               .published = "2025-06-29T08:37:00Z",
               .url = "https://www.example.org/news/1",
               .id = "doc-1"};
  d.text = "Police in Northt\xC3\xB6wn detained two\tjournalists on June 27. "
           "Ruritania did not attack Freedonia. Ruritania condemned the "
           "arrests.";
  d.text_len = strlen(d.text);
  d.sentences.n = 0;
  ann_place *p = ANN_PUSH(a, &d.places);
  *p = (ann_place){.start = 10, .end = 20, .sentence = 0, .entity = -1,
                   .name = "Northtown", .geonameid = 123, .lat = 1.5,
                   .lon = -2.25, .country = "RU", .country3 = "RUR",
                   .admin1 = "North", .kind = "city"};
  ann_actor *ac = ANN_PUSH(a, &d.actors);
  *ac = (ann_actor){0, 6, 0, "RURCOP", "RUR", "COP", NULL};
  ac = ANN_PUSH(a, &d.actors);
  uint32_t jo = (uint32_t)(strstr(d.text, "journalists") - d.text);
  *ac = (ann_actor){jo, jo + 11, 0, "MED", NULL, "MED", NULL};
  ac = ANN_PUSH(a, &d.actors);
  *ac = (ann_actor){60, 69, 1, "IGOUNO", NULL, NULL, "United Nations"};
  ann_event *e = ANN_PUSH(a, &d.events);
  *e = (ann_event){.source = 0, .target = 1, .cameo = "173", .quad = 4,
                   .goldstein = -5, .date = "2025-06-27", .place = 0,
                   .sentence = 0, .ev_start = 22, .ev_end = 30};
  e = ANN_PUSH(a, &d.events); /* negated: not written */
  *e = (ann_event){.source = 2, .target = -1, .cameo = "190", .quad = 4,
                   .goldstein = -10, .place = -1, .negated = true,
                   .sentence = 1, .ev_start = 74, .ev_end = 80};
  e = ANN_PUSH(a, &d.events); /* no date: the publication's */
  *e = (ann_event){.source = 2, .target = -1, .cameo = "0874", .quad = 2,
                   .goldstein = 7, .place = -1, .sentence = 2,
                   .ev_start = 100, .ev_end = 109};
  ann_buf b;
  ann_buf_init(&b, 0);
  ann_emit_gdelt_events(NULL, &d, &b);
  ann_buf_putc(&b, 0);
  char *ev = strdup(b.p);
  CHECK_INT(check_lines(b.p, true, "our events"), 2);
  /* the first row's fields */
  row r;
  char *nl = strchr(ev, '\n');
  if (nl) *nl = 0;
  read_row(ev, &r);
  if (r.n == 61) {
    CHECK_STR(r.f[1], "20250627");
    CHECK_STR(r.f[4], "2025.4849"); /* 2025 + (5*30+27)/365 */
    CHECK_STR(r.f[5], "RURCOP");
    CHECK_STR(r.f[6], "POLICE");
    CHECK_STR(r.f[7], "RUR");
    CHECK_STR(r.f[12], "COP");
    CHECK_STR(r.f[16], "JOURNALISTS");
    CHECK_STR(r.f[25], "1");
    CHECK_STR(r.f[26], "173");
    CHECK_STR(r.f[28], "17");
    CHECK_STR(r.f[29], "4");
    CHECK_STR(r.f[30], "-5.0");
    CHECK_STR(r.f[51], "4");
    CHECK_STR(r.f[52], "Northtown, North");
    CHECK_STR(r.f[58], "123");
    CHECK_STR(r.f[59], "20250629083000");
    CHECK_STR(r.f[60], "https://www.example.org/news/1");
  }
  if (nl) {
    read_row(nl + 1, &r);
    if (r.n >= 61) {
      CHECK_STR(r.f[1], "20250629");
      CHECK_STR(r.f[5], "IGOUNO");
      CHECK_STR(r.f[6], "UNITED NATIONS");
      CHECK_STR(r.f[8], "UNO");
      CHECK_STR(r.f[12], "IGO");
      CHECK_STR(r.f[15], "");
      CHECK_STR(r.f[27], "087");
      CHECK_STR(r.f[29], "2"); /* 08 is material cooperation in GDELT */
    }
  }
  char *ev_ids = strdup(ev); /* read_row cut it to the first field */

  b.len = 0;
  ann_emit_gdelt_mentions(NULL, &d, &b);
  ann_buf_putc(&b, 0);
  char *mn = strdup(b.p);
  CHECK_INT(check_lines(b.p, false, "our mentions"), 2);
  nl = strchr(mn, '\n');
  if (nl) *nl = 0;
  read_row(mn, &r);
  if (r.n == 16) {
    CHECK_STR(r.f[0], ev_ids); /* same GlobalEventID as the event row */
    CHECK_STR(r.f[1], "20250629083000");
    CHECK_STR(r.f[3], "1");
    CHECK_STR(r.f[4], "example.org");
    CHECK_STR(r.f[6], "1");
    CHECK_STR(r.f[7], "0");
    CHECK_STR(r.f[8], "33"); /* characters: the o-umlaut is one */
    CHECK_INT(strlen(ev_ids) > 6, 1);
    CHECK_STR(r.f[9], "21");
    CHECK_STR(r.f[11], "100");
  }
  free(ev);
  free(ev_ids);
  free(mn);
  ann_buf_free(&b);
  ann_arena_free(a);
}

int main(void) {
  samples();
  ours();
  return check_done();
}
