/*
 * dicts.c — reading dicts/cameo/{codes,verbs,actors}.txt.
 *
 * Each file is read into memory once and split in place (tabs and newlines
 * become NULs), so entries point into it. Every line is checked: a wrong
 * number of fields, an unknown code or kind is an error that names the
 * file and line, because a silently skipped dictionary line is a silently
 * missed event.
 */
#include "dicts.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *slurp(const char *path, ann_error *e) {
  char *p = ann_read_file(path, NULL);
  if (!p)
    ann_fail(e, ANN_EMODEL, -1, "%s: cannot read (%s)", path,
             strerror(errno));
  return p;
}

/* Split the next non-comment line into at most max tab-separated fields.
 * Returns the field count (max + 1 when there are more), 0 at the end;
 * *lineno gets its number. */
static int next_line(char **cur, int *lineno, char **f, int max) {
  for (;;) {
    char *s = *cur;
    if (!s || !*s) return 0;
    char *nl = strchr(s, '\n');
    if (nl) {
      *nl = 0;
      *cur = nl + 1;
    } else {
      *cur = s + strlen(s);
    }
    (*lineno)++;
    size_t len = strlen(s);
    if (len && s[len - 1] == '\r') s[--len] = 0;
    if (!len || s[0] == '#') continue;
    int n = 0;
    for (;;) {
      if (n == max) return max + 1; /* too many fields */
      f[n++] = s;
      char *t = strchr(s, '\t');
      if (!t) return n;
      *t = 0;
      s = t + 1;
    }
  }
}

static int cmp_code(const void *a, const void *b) {
  return strcmp(((const ev_code *)a)->code, ((const ev_code *)b)->code);
}

static int cmp_trigger(const void *a, const void *b) {
  const ev_trigger *x = a, *y = b;
  int c = strcmp(x->lemma, y->lemma);
  if (c) return c;
  /* patterns with a second word first: they are more specific */
  return (x->word2 == NULL) - (y->word2 == NULL);
}

const ev_code *ev_code_find(const ev_dicts *d, const char *code) {
  ev_code key;
  snprintf(key.code, sizeof key.code, "%s", code);
  return bsearch(&key, d->codes, d->ncodes, sizeof *d->codes, cmp_code);
}

const ev_trigger *ev_triggers_find(const ev_dicts *d, const char *lemma,
                                   size_t len, size_t *n) {
  size_t lo = 0, hi = d->ntriggers;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    const char *l = d->triggers[mid].lemma;
    int c = strncmp(l, lemma, len);
    if (c == 0 && l[len]) c = 1;
    if (c < 0) lo = mid + 1;
    else hi = mid;
  }
  size_t k = lo;
  while (k < d->ntriggers && !strncmp(d->triggers[k].lemma, lemma, len) &&
         !d->triggers[k].lemma[len])
    k++;
  *n = k - lo;
  return *n ? &d->triggers[lo] : NULL;
}

static int load_codes(ev_dicts *d, const char *path, ann_error *e) {
  char *cur = d->pool[0] = slurp(path, e), *f[6];
  if (!cur) return e->code;
  int lineno = 0, n;
  size_t cap = 0;
  while ((n = next_line(&cur, &lineno, f, 6)) > 0) {
    char *end;
    if (n != 6)
      return ann_fail(e, ANN_EMODEL, lineno, "%s:%d: want 6 fields, got %d",
                      path, lineno, n);
    size_t cl = strlen(f[0]);
    if (cl < 2 || cl > 4 || strspn(f[0], "0123456789") != cl)
      return ann_fail(e, ANN_EMODEL, lineno, "%s:%d: bad code '%s'", path,
                      lineno, f[0]);
    if (d->ncodes == cap) {
      cap = cap ? cap * 2 : 512;
      ev_code *c = realloc(d->codes, cap * sizeof *c);
      if (!c) return ann_fail(e, ANN_ENOMEM, -1, "out of memory");
      d->codes = c;
    }
    ev_code *c = &d->codes[d->ncodes++];
    snprintf(c->code, sizeof c->code, "%s", f[0]);
    c->goldstein = strtod(f[1], &end);
    if (*end || c->goldstein < -10 || c->goldstein > 10)
      return ann_fail(e, ANN_EMODEL, lineno, "%s:%d: bad Goldstein '%s'",
                      path, lineno, f[1]);
    c->quad = atoi(f[2]);
    if (c->quad < 1 || c->quad > 4)
      return ann_fail(e, ANN_EMODEL, lineno, "%s:%d: QuadClass must be 1-4",
                      path, lineno);
    c->plover_type = strcmp(f[3], "-") ? f[3] : NULL;
    c->plover_mode = strcmp(f[4], "-") ? f[4] : NULL;
    c->name = f[5];
  }
  qsort(d->codes, d->ncodes, sizeof *d->codes, cmp_code);
  for (size_t i = 1; i < d->ncodes; i++)
    if (!strcmp(d->codes[i].code, d->codes[i - 1].code))
      return ann_fail(e, ANN_EMODEL, -1, "%s: code %s defined twice", path,
                      d->codes[i].code);
  return 0;
}

static int load_verbs(ev_dicts *d, const char *path, ann_error *e) {
  char *cur = d->pool[1] = slurp(path, e), *f[3];
  if (!cur) return e->code;
  int lineno = 0, n;
  size_t cap = 0;
  while ((n = next_line(&cur, &lineno, f, 3)) > 0) {
    if (n != 3)
      return ann_fail(e, ANN_EMODEL, lineno, "%s:%d: want 3 fields, got %d",
                      path, lineno, n);
    const ev_code *code = ev_code_find(d, f[0]);
    if (!code)
      return ann_fail(e, ANN_EMODEL, lineno, "%s:%d: unknown CAMEO code '%s'",
                      path, lineno, f[0]);
    bool noun = !strcmp(f[1], "noun");
    if (!noun && strcmp(f[1], "verb"))
      return ann_fail(e, ANN_EMODEL, lineno,
                      "%s:%d: kind must be verb or noun, not '%s'", path,
                      lineno, f[1]);
    char *w2 = strchr(f[2], ' ');
    if (w2) {
      *w2++ = 0;
      if (!*w2 || strchr(w2, ' '))
        return ann_fail(e, ANN_EMODEL, lineno,
                        "%s:%d: at most two words: a lemma and a particle or "
                        "preposition",
                        path, lineno);
    }
    for (char *p = f[2]; *p; p++) *p = (char)tolower((unsigned char)*p);
    if (!*f[2])
      return ann_fail(e, ANN_EMODEL, lineno, "%s:%d: empty lemma", path,
                      lineno);
    if (d->ntriggers == cap) {
      cap = cap ? cap * 2 : 256;
      ev_trigger *t = realloc(d->triggers, cap * sizeof *t);
      if (!t) return ann_fail(e, ANN_ENOMEM, -1, "out of memory");
      d->triggers = t;
    }
    d->triggers[d->ntriggers++] = (ev_trigger){noun, f[2], w2, code, lineno};
  }
  qsort(d->triggers, d->ntriggers, sizeof *d->triggers, cmp_trigger);
  /* the same words twice would make the code depend on the sort order */
  for (size_t i = 0; i < d->ntriggers; i++)
    for (size_t k = i + 1; k < d->ntriggers &&
                           !strcmp(d->triggers[k].lemma, d->triggers[i].lemma);
         k++) {
      const ev_trigger *a = &d->triggers[i], *b = &d->triggers[k];
      if (a->noun != b->noun || (a->word2 == NULL) != (b->word2 == NULL) ||
          (a->word2 && strcmp(a->word2, b->word2)))
        continue;
      const ev_trigger *later = a->line > b->line ? a : b;
      return ann_fail(e, ANN_EMODEL, later->line,
                      "%s:%d: '%s%s%s' (%s) is already on line %d", path,
                      later->line, later->lemma, later->word2 ? " " : "",
                      later->word2 ? later->word2 : "",
                      later->noun ? "noun" : "verb",
                      (later == a ? b : a)->line);
    }
  return 0;
}

static int load_actors(ev_dicts *d, const char *path, ann_error *e) {
  char *cur = d->pool[2] = slurp(path, e), *f[3];
  if (!cur) return e->code;
  int lineno = 0, n;
  size_t cap = 0;
  while ((n = next_line(&cur, &lineno, f, 3)) > 0) {
    if (n != 3)
      return ann_fail(e, ANN_EMODEL, lineno, "%s:%d: want 3 fields, got %d",
                      path, lineno, n);
    ev_actor_kind k;
    if (!strcmp(f[0], "role")) k = EV_ROLE;
    else if (!strcmp(f[0], "igo")) k = EV_IGO;
    else if (!strcmp(f[0], "seat")) k = EV_SEAT;
    else if (!strcmp(f[0], "group")) k = EV_GROUP;
    else
      return ann_fail(e, ANN_EMODEL, lineno,
                      "%s:%d: kind must be role, igo, seat or group, not '%s'",
                      path,
                      lineno, f[0]);
    size_t cl = strlen(f[2]);
    if (cl < 3 || cl > 12 || strspn(f[2], "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != cl)
      return ann_fail(e, ANN_EMODEL, lineno, "%s:%d: bad actor code '%s'",
                      path, lineno, f[2]);
    if (d->nactors == cap) {
      cap = cap ? cap * 2 : 256;
      ev_actor_word *a = realloc(d->actors, cap * sizeof *a);
      if (!a) return ann_fail(e, ANN_ENOMEM, -1, "out of memory");
      d->actors = a;
    }
    size_t nw = 1;
    const char *last = f[1];
    for (const char *q = f[1]; *q; q++)
      if (*q == ' ') {
        nw++;
        last = q + 1;
      }
    d->actors[d->nactors++] = (ev_actor_word){
        k, f[1], f[2], nw, (unsigned char)tolower((unsigned char)*last)};
  }
  return 0;
}

int ev_dicts_load(ev_dicts *d, const char *dir, ann_error *e) {
  memset(d, 0, sizeof *d);
  char path[1200];
  int rc;
  snprintf(path, sizeof path, "%s/codes.txt", dir);
  if ((rc = load_codes(d, path, e)) < 0) goto fail;
  snprintf(path, sizeof path, "%s/verbs.txt", dir);
  if ((rc = load_verbs(d, path, e)) < 0) goto fail;
  snprintf(path, sizeof path, "%s/actors.txt", dir);
  if ((rc = load_actors(d, path, e)) < 0) goto fail;
  return 0;
fail:
  ev_dicts_free(d);
  return rc;
}

void ev_dicts_free(ev_dicts *d) {
  free(d->codes);
  free(d->triggers);
  free(d->actors);
  for (int i = 0; i < 3; i++) free(d->pool[i]);
  memset(d, 0, sizeof *d);
}
