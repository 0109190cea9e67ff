/* test_store.c — the store: schema, idempotent adds, refusals of files
 * that are not stores, and the query filters. */
#include "annalist/query.h"
#include "annalist/store.h"
#include "check.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *p = malloc((size_t)n + 1);
  *len = fread(p, 1, (size_t)n, f);
  p[*len] = 0;
  fclose(f);
  return p;
}

static int add_fixtures(ann_store *s) {
  size_t len;
  char *all = read_file("fixtures/records.jsonl", &len);
  CHECK(all != NULL);
  if (!all) return 0;
  int added = 0;
  ann_error e;
  ann_store_begin(s, &e);
  for (char *line = strtok(all, "\n"); line; line = strtok(NULL, "\n")) {
    char h[33];
    ann_content_hash(line, strlen(line), h);
    int rc = ann_store_add(s, line, strlen(line), "fixture", h, &e);
    CHECK(rc >= 0);
    if (rc > 0) added++;
  }
  ann_store_commit(s, &e);
  free(all);
  return added;
}

static long long scalar(ann_store *s, const char *sql) {
  sqlite3_stmt *st;
  long long v = -1;
  if (sqlite3_prepare_v2(ann_store_db(s), sql, -1, &st, NULL) == SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW)
    v = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  return v;
}

static long long events(ann_store *s, ann_query q) {
  ann_error e;
  ann_buf b;
  ann_buf_init(&b, 0);
  long long total = -1;
  CHECK(ann_query_check(&q, 1000, &e) == 0);
  CHECK(ann_query_events(ann_store_db(s), &q, &b, &total, &e) == 0);
  ann_buf_free(&b);
  return total;
}

int main(void) {
  char path[] = "/tmp/ann_store_testXXXXXX";
  int fd = mkstemp(path);
  close(fd);
  unlink(path);
  ann_error e = {0};
  ann_store *s;
  CHECK(ann_store_open(&s, path, false, &e) == 0);
  CHECK_INT(add_fixtures(s), 3);
  CHECK_INT(add_fixtures(s), 0); /* idempotent: same records again */
  CHECK_INT(scalar(s, "SELECT count(*) FROM documents"), 3);
  CHECK_INT(scalar(s, "SELECT count(*) FROM events"), 6);
  CHECK_INT(scalar(s, "SELECT count(*) FROM places"), 5);
  CHECK_INT(scalar(s, "SELECT count(*) FROM quotes"), 1);
  CHECK_INT(scalar(s, "PRAGMA user_version"), ANN_STORE_SCHEMA);
  /* the sentence text is cut by code points (the quote has curly marks) */
  CHECK_INT(scalar(s, "SELECT count(*) FROM sentences WHERE text LIKE "
                      "'“The blockade endangers millions,” said%Kovalenko.'"),
            1);

  CHECK_INT(events(s, (ann_query){.actor = "RUS"}), 1);
  CHECK_INT(events(s, (ann_query){.actor = "AZE"}), 2);
  CHECK_INT(events(s, (ann_query){.actor = "AZECOP"}), 1);
  CHECK_INT(events(s, (ann_query){.target = "GEO"}), 1);
  CHECK_INT(events(s, (ann_query){.root = "18"}), 0);
  CHECK_INT(events(s, (ann_query){.cameo = "17"}), 1);
  CHECK_INT(events(s, (ann_query){.country = "UA"}), 2);
  CHECK_INT(events(s, (ann_query){.since = "2025-06"}), 4);
  CHECK_INT(events(s, (ann_query){.until = "2025-05"}), 2);
  CHECK_INT(events(s, (ann_query){.since = "2025-06-02", .until = "2025-06-27"}), 2);
  CHECK_INT(events(s, (ann_query){.text = "blockade Geneva"}), 3);
  CHECK_INT(events(s, (ann_query){.text = "\"NEAR(x y)\" OR *"}), 0);
  CHECK_INT(events(s, (ann_query){.doc = "fx-3"}), 2);

  ann_query bad = {.root = "1'; DROP TABLE events; --"};
  CHECK(ann_query_check(&bad, 1000, &e) == ANN_EINVAL);
  CHECK(strstr(e.msg, "root") != NULL);
  bad = (ann_query){.limit = 5000};
  CHECK(ann_query_check(&bad, 1000, &e) == ANN_EINVAL);
  ann_store_close(s);

  /* read-only opening of the same store works; a garbage file and a
   * foreign SQLite database are refused with the file's name */
  CHECK(ann_store_open(&s, path, true, &e) == 0);
  ann_store_close(s);
  char junk[] = "/tmp/ann_store_junkXXXXXX";
  fd = mkstemp(junk);
  CHECK(write(fd, "this is not a database at all, just text....", 44) == 44);
  close(fd);
  CHECK(ann_store_open(&s, junk, true, &e) < 0);
  CHECK(strstr(e.msg, junk) != NULL);
  CHECK(ann_store_open(&s, junk, false, &e) < 0);
  unlink(junk);
  sqlite3 *db;
  sqlite3_open(junk, &db);
  sqlite3_exec(db, "CREATE TABLE other(x)", NULL, NULL, NULL);
  sqlite3_close(db);
  CHECK(ann_store_open(&s, junk, false, &e) < 0);
  CHECK(strstr(e.msg, "not an annalist store") != NULL);
  unlink(junk);

  char wal[64];
  snprintf(wal, sizeof wal, "%s-wal", path);
  unlink(wal);
  snprintf(wal, sizeof wal, "%s-shm", path);
  unlink(wal);
  unlink(path);
  return check_done();
}
