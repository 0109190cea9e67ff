/*
 * source.c — walking the inputs: files, directories (recursed, sorted) and
 * standard input, handing each file to the reader for its format.
 */
#include "annalist/ingest.h"
#include "source_int.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int ann_input_format_parse(const char *name) {
  static const struct {
    const char *name;
    ann_input_format f;
  } names[] = {{"auto", ANN_IN_AUTO}, {"html", ANN_IN_HTML},
               {"text", ANN_IN_TEXT}, {"jsonl", ANN_IN_JSONL},
               {"warc", ANN_IN_WARC}};
  for (size_t i = 0; i < sizeof names / sizeof *names; i++)
    if (strcmp(name, names[i].name) == 0) return (int)names[i].f;
  return -1;
}

/* ------------------------------------------------- the list of paths -- */

static int push_path(ann_source *s, const char *p) {
  if (s->npaths == s->cap) {
    size_t nc = s->cap ? s->cap * 2 : 16;
    char **np = realloc(s->paths, nc * sizeof *np);
    if (!np) return ANN_ENOMEM;
    s->paths = np;
    s->cap = nc;
  }
  s->paths[s->npaths] = strdup(p);
  if (!s->paths[s->npaths]) return ANN_ENOMEM;
  s->npaths++;
  return 0;
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Directories are expanded when opened, with an explicit stack of pending
 * directories (no recursion), each directory's entries sorted by name so
 * that output order does not depend on the file system. */
static int expand_dir(ann_source *s, const char *root, ann_error *e) {
  char **stack = NULL;
  size_t sn = 0, scap = 0;
  int rc = 0;
#define PUSH_DIR(p)                                                          \
  do {                                                                       \
    if (sn == scap) {                                                        \
      scap = scap ? scap * 2 : 16;                                           \
      char **ns = realloc(stack, scap * sizeof *ns);                         \
      if (!ns) { rc = ANN_ENOMEM; goto out; }                                \
      stack = ns;                                                            \
    }                                                                        \
    if (!(stack[sn] = strdup(p))) { rc = ANN_ENOMEM; goto out; }             \
    sn++;                                                                    \
  } while (0)
  PUSH_DIR(root);
  while (sn > 0) {
    char *dir = stack[--sn];
    DIR *dp = opendir(dir);
    if (!dp) {
      /* an unreadable directory becomes an error record, like a file */
      rc = push_path(s, dir);
      free(dir);
      if (rc < 0) goto out;
      continue;
    }
    char **names = NULL;
    size_t nn = 0, ncap = 0;
    struct dirent *de;
    while ((de = readdir(dp))) {
      if (de->d_name[0] == '.') continue; /* ., .., hidden files */
      if (nn == ncap) {
        ncap = ncap ? ncap * 2 : 32;
        char **x = realloc(names, ncap * sizeof *x);
        if (!x) { rc = ANN_ENOMEM; break; }
        names = x;
      }
      size_t l = strlen(dir) + strlen(de->d_name) + 2;
      names[nn] = malloc(l);
      if (!names[nn]) { rc = ANN_ENOMEM; break; }
      snprintf(names[nn], l, "%s/%s", dir, de->d_name);
      nn++;
    }
    closedir(dp);
    free(dir);
    if (nn) qsort(names, nn, sizeof *names, cmp_str);
    /* files now, in order; subdirectories pushed in reverse so that they
     * are expanded in order too, after... (we keep depth-first order) */
    size_t first_sub = sn;
    for (size_t i = 0; i < nn && rc == 0; i++) {
      struct stat st;
      if (stat(names[i], &st) == 0 && S_ISDIR(st.st_mode)) continue;
      rc = push_path(s, names[i]);
    }
    for (size_t i = nn; i-- > 0 && rc == 0;) {
      struct stat st;
      if (stat(names[i], &st) == 0 && S_ISDIR(st.st_mode)) PUSH_DIR(names[i]);
    }
    (void)first_sub;
    for (size_t i = 0; i < nn; i++) free(names[i]);
    free(names);
    if (rc < 0) goto out;
  }
out:
  for (size_t i = 0; i < sn; i++) free(stack[i]);
  free(stack);
#undef PUSH_DIR
  if (rc < 0) return ann_fail(e, rc, -1, "%s: %s", root, ann_strerror(rc));
  return 0;
}

int ann_source_open(ann_source **out, const char *const *paths, size_t n,
                    ann_input_format fmt, const ann_limits *lim,
                    ann_error *e) {
  *out = NULL;
  ann_source *s = calloc(1, sizeof *s);
  if (!s) return ann_fail(e, ANN_ENOMEM, -1, "out of memory");
  s->fmt = fmt;
  if (lim) s->lim = *lim;
  ann_limits_default(&s->lim);
  for (size_t i = 0; i < n; i++) {
    struct stat st;
    int rc;
    if (strcmp(paths[i], "-") != 0 && stat(paths[i], &st) == 0 &&
        S_ISDIR(st.st_mode))
      rc = expand_dir(s, paths[i], e);
    else
      rc = push_path(s, paths[i]) < 0
               ? ann_fail(e, ANN_ENOMEM, -1, "out of memory")
               : 0;
    if (rc < 0) {
      ann_source_close(s);
      return rc;
    }
  }
  /* sizes for progress and ETA; unknown with standard input */
  s->sizes = calloc(s->npaths ? s->npaths : 1, sizeof *s->sizes);
  s->total_known = s->sizes != NULL;
  for (size_t i = 0; s->sizes && i < s->npaths; i++) {
    struct stat st;
    if (!strcmp(s->paths[i], "-") || stat(s->paths[i], &st) != 0 ||
        !S_ISREG(st.st_mode)) {
      s->total_known = s->total_known && strcmp(s->paths[i], "-") != 0;
      continue;
    }
    s->sizes[i] = (unsigned long long)st.st_size;
    s->total += s->sizes[i];
  }
  *out = s;
  return 0;
}

bool ann_source_progress(const ann_source *s, unsigned long long *done,
                         unsigned long long *total) {
  if (!s->total_known || !s->total) return false;
  unsigned long long d = 0;
  size_t finished = s->next_path - (s->reader ? 1 : 0);
  for (size_t i = 0; i < finished && i < s->npaths; i++) d += s->sizes[i];
  if (s->reader && s->cur) {
    long pos = ftell(s->cur);
    if (pos > 0) d += (unsigned long long)pos;
  }
  *done = d > s->total ? s->total : d;
  *total = s->total;
  return true;
}

void ann_source_close(ann_source *s) {
  if (!s) return;
  if (s->reader) s->reader->close(s->reader_state);
  for (size_t i = 0; i < s->npaths; i++) free(s->paths[i]);
  free(s->paths);
  free(s->sizes);
  free(s);
}

int ann_source_next(ann_source *s, ann_arena *a, ann_input *in,
                    ann_error *e) {
  for (;;) {
    if (s->reader) {
      memset(in, 0, sizeof *in);
      int rc = s->reader->next(s->reader_state, a, in, e);
      if (rc != 0) return rc;
      s->reader->close(s->reader_state);
      s->reader = NULL;
      s->reader_state = NULL;
      s->cur = NULL;
    }
    if (s->next_path >= s->npaths) return 0;
    const char *path = s->paths[s->next_path++];
    memset(in, 0, sizeof *in);
    int rc = ann_reader_open(s, path, a, in, e);
    if (rc != 0) return rc; /* 1: in filled (a whole file or an error) */
    /* 0: a container reader was opened; loop to take its first record */
  }
}
