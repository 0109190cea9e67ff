/* test_core.c — arena, error helpers, the model container and files. */
#include "annalist/ann.h"
#include "annalist/arena.h"
#include "annalist/model.h"
#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static void test_arena(void) {
  ann_arena *a = ann_arena_new(4096, 0);
  CHECK(a != NULL);
  char *s = ann_strdup(a, "hello");
  CHECK_STR(s, "hello");
  /* a request bigger than a chunk gets its own chunk */
  char *big = ann_alloc(a, 100000);
  CHECK(big != NULL);
  memset(big, 'x', 100000);
  CHECK_STR(s, "hello");
  /* growing the last allocation keeps its content */
  char *p = ann_alloc(a, 10);
  memcpy(p, "0123456789", 10);
  p = ann_realloc(a, p, 10, 5000);
  CHECK(p && memcmp(p, "0123456789", 10) == 0);
  ANN_VEC(int) v = {0};
  for (int i = 0; i < 1000; i++) {
    int *x = ANN_PUSH(a, &v);
    CHECK(x != NULL && *x == 0);
    *x = i;
  }
  CHECK_INT(v.n, 1000);
  CHECK_INT(v.v[999], 999);
  ann_arena_reset(a);
  CHECK_INT(ann_arena_used(a), 0);
  CHECK_STR(ann_sprintf(a, "%d-%s", 7, "x"), "7-x");
  ann_arena_free(a);

  /* a capped arena refuses instead of growing */
  a = ann_arena_new(4096, 10000);
  CHECK(ann_alloc(a, 8000) != NULL);
  CHECK(ann_alloc(a, 8000) == NULL);
  ann_arena_free(a);
}

static void test_model(void) {
  char path[] = "/tmp/ann_test_modelXXXXXX";
  int fd = mkstemp(path);
  CHECK(fd >= 0);
  close(fd);
  uint32_t kind = ANN_FOURCC('T', 'E', 'S', 'T');
  ann_model_writer *w = ann_model_writer_new(kind, 3);
  CHECK(ann_model_writer_add(w, "alpha", "abc", 3) == 0);
  int nums[100];
  for (int i = 0; i < 100; i++) nums[i] = i * i;
  CHECK(ann_model_writer_add(w, "numbers", nums, sizeof nums) == 0);
  CHECK(ann_model_writer_add(w, "a-name-too-long-for-it", "x", 1) ==
        ANN_EINVAL);
  ann_error e = {0};
  CHECK(ann_model_writer_save(w, path, &e) == 0);
  ann_model_writer_free(w);

  ann_model *m;
  CHECK(ann_model_open(&m, path, kind, 3, &e) == 0);
  size_t n;
  const int *got = ann_model_section(m, "numbers", &n);
  CHECK(got && n == sizeof nums && got[99] == 99 * 99);
  CHECK(((uintptr_t)got & 15) == 0);
  CHECK(ann_model_section(m, "missing", &n) == NULL);
  ann_model_free(m);

  /* wrong version and wrong kind are refused with a message */
  CHECK(ann_model_open(&m, path, kind, 4, &e) == ANN_EMODEL);
  CHECK(strstr(e.msg, "version") != NULL);
  CHECK(ann_model_open(&m, path, kind + 1, 3, &e) == ANN_EMODEL);

  /* a truncated file is an error naming the file, not a crash */
  FILE *f = fopen(path, "rb");
  char buf[4096];
  size_t len = fread(buf, 1, sizeof buf, f);
  fclose(f);
  f = fopen(path, "wb");
  fwrite(buf, 1, len - 7, f);
  fclose(f);
  CHECK(ann_model_open(&m, path, kind, 3, &e) == ANN_EMODEL);
  CHECK(strstr(e.msg, path) != NULL);
  /* a flipped byte fails the checksum */
  buf[len - 1] ^= 1;
  CHECK(ann_model_open_mem(&m, buf, len, kind, 3, &e) == ANN_EMODEL);
  CHECK(strstr(e.msg, "checksum") != NULL);
  CHECK(ann_model_open(&m, "/nonexistent/model.bin", kind, 3, &e) ==
        ANN_EMODEL);
  unlink(path);
}

/* ann_each_file: the visit order is the corpus order, so trainers depend on
 * it for reproducible models. */
static int seen_file(const char *path, void *out) {
  const char *slash = strrchr(path, '/');
  strcat(out, slash ? slash + 1 : path);
  strcat(out, " ");
  return strcmp(slash ? slash + 1 : path, "bad") ? 0 : -1;
}

static void test_each_file(void) {
  char dir[] = "/tmp/ann_each_XXXXXX";
  CHECK(mkdtemp(dir) != NULL);
  const char *names[] = {"b.txt", "a.txt", ".hidden", "c"};
  char p[256];
  for (size_t i = 0; i < 4; i++) {
    snprintf(p, sizeof p, "%s/%s", dir, names[i]);
    FILE *f = fopen(p, "w");
    CHECK(f != NULL);
    if (f) fclose(f);
  }
  snprintf(p, sizeof p, "%s/sub", dir);
  CHECK_INT(mkdir(p, 0700), 0);
  char seen[256] = "";
  CHECK_INT(ann_each_file(dir, seen_file, seen), 0);
  CHECK_STR(seen, "a.txt b.txt c ");
  /* a file is visited itself */
  seen[0] = 0;
  snprintf(p, sizeof p, "%s/c", dir);
  CHECK_INT(ann_each_file(p, seen_file, seen), 0);
  CHECK_STR(seen, "c ");
  /* a failing call is reported, and the files after it still visited */
  snprintf(p, sizeof p, "%s/bad", dir);
  FILE *f = fopen(p, "w");
  if (f) fclose(f);
  seen[0] = 0;
  CHECK_INT(ann_each_file(dir, seen_file, seen), -1);
  CHECK_STR(seen, "a.txt b.txt bad c ");
  CHECK_INT(ann_each_file("/nonexistent/ann", seen_file, seen), -1);
  const char *made[] = {"a.txt", "b.txt", ".hidden", "c", "bad"};
  for (size_t i = 0; i < 5; i++) {
    snprintf(p, sizeof p, "%s/%s", dir, made[i]);
    unlink(p);
  }
  snprintf(p, sizeof p, "%s/sub", dir);
  rmdir(p);
  rmdir(dir);
}

int main(void) {
  test_arena();
  test_model();
  test_each_file();
  return check_done();
}
