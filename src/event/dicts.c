/*
 * dicts.c — reading dicts/cameo/{codes,verbs,actors,people}.txt.
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
#include <strings.h>

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

/* How specific a pattern is: a second word and a class each narrow it. */
static int specific(const ev_trigger *t) {
  return (t->cls ? 2 : 0) + (t->word2 ? 1 : 0);
}

static int cmp_trigger(const void *a, const void *b) {
  const ev_trigger *x = a, *y = b;
  int c = strcmp(x->lemma, y->lemma);
  if (c) return c;
  /* the more specific patterns first; a narrower class before a wider
   * one (a class before the classes that include it); then file order */
  c = specific(y) - specific(x);
  if (c) return c;
  if (x->cls && y->cls && x->cls->nwords != y->cls->nwords)
    return x->cls->nwords < y->cls->nwords ? -1 : 1;
  return x->line - y->line;
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

bool ev_class_has(const ev_class *c, const char *lemma) {
  for (size_t k = 0; k < c->nwords; k++)
    if (!strcasecmp(c->words[k], lemma)) return true;
  return false;
}

static int cmp_class(const void *a, const void *b) {
  return strcmp(((const ev_class *)a)->name, ((const ev_class *)b)->name);
}

static ev_class *class_find(const ev_dicts *d, const char *name) {
  ev_class key = {.name = name};
  if (!d->nclasses) return NULL;
  return bsearch(&key, d->classes, d->nclasses, sizeof *d->classes, cmp_class);
}

/* The next space-separated word of *p, NUL-terminated in place, or NULL. */
static char *next_word(char **p) {
  char *s = *p;
  while (*s == ' ') s++;
  if (!*s) return NULL;
  char *end = strchr(s, ' ');
  if (end) {
    *end = 0;
    *p = end + 1;
  } else {
    *p = s + strlen(s);
  }
  return s;
}

const ev_class *ev_class_find(const ev_dicts *d, const char *name) {
  return class_find(d, name);
}

/* One line of verbs.txt, kept until the classes are known. */
typedef struct vline {
  char *f[3];
  int line;
} vline;

/* The words of a class line, split in place: plain lemmas and @includes. */
typedef struct rawclass {
  char **w;
  size_t n;
} rawclass;

/* Expand the classes' includes; a class that includes itself, directly or
 * through others, is an error naming its line. Iterative: each pass
 * expands the classes whose includes are all expanded. */
static int expand_classes(ev_dicts *d, rawclass *raw, const char *path,
                          ann_error *e) {
  size_t n = d->nclasses, done = 0;
  bool *ok = calloc(n ? n : 1, sizeof *ok);
  if (!ok) return ann_fail(e, ANN_ENOMEM, -1, "out of memory");
  int rc = 0;
  /* unknown includes first: a clearer message than a cycle */
  for (size_t i = 0; i < n && !rc; i++)
    for (size_t k = 0; k < raw[i].n && !rc; k++)
      if (raw[i].w[k][0] == '@' && !class_find(d, raw[i].w[k] + 1))
        rc = ann_fail(e, ANN_EMODEL, d->classes[i].line,
                      "%s:%d: class @%s includes unknown class %s", path,
                      d->classes[i].line, d->classes[i].name, raw[i].w[k]);
  while (!rc && done < n) {
    bool progress = false;
    for (size_t i = 0; i < n && !rc; i++) {
      if (ok[i]) continue;
      size_t total = 0;
      bool ready = true;
      for (size_t k = 0; k < raw[i].n; k++) {
        if (raw[i].w[k][0] != '@') {
          total++;
          continue;
        }
        const ev_class *c = class_find(d, raw[i].w[k] + 1);
        if (!ok[c - d->classes]) ready = false;
        else total += c->nwords;
      }
      if (!ready) continue;
      const char **w = malloc((total ? total : 1) * sizeof *w);
      if (!w) {
        rc = ann_fail(e, ANN_ENOMEM, -1, "out of memory");
        break;
      }
      size_t m = 0;
      for (size_t k = 0; k < raw[i].n; k++) {
        if (raw[i].w[k][0] != '@') {
          w[m++] = raw[i].w[k];
          continue;
        }
        const ev_class *c = class_find(d, raw[i].w[k] + 1);
        for (size_t j = 0; j < c->nwords; j++) w[m++] = c->words[j];
      }
      d->classes[i].words = w;
      d->classes[i].nwords = m;
      ok[i] = true;
      done++;
      progress = true;
    }
    if (rc || progress) continue;
    /* no class could be expanded: walk the unexpanded includes from one
     * until a class repeats; that class is on the cycle */
    size_t at = 0;
    while (ok[at]) at++;
    /* n + 1 steps end on the cycle; then once round it for the first line */
    size_t first = at, start = at;
    for (size_t steps = 0; steps <= 2 * n + 1; steps++) {
      if (steps == n + 1) first = start = at;
      else if (steps > n + 1 && at == start) break;
      if (steps > n && d->classes[at].line < d->classes[first].line)
        first = at;
      for (size_t k = 0; k < raw[at].n; k++) {
        const ev_class *c =
            raw[at].w[k][0] == '@' ? class_find(d, raw[at].w[k] + 1) : NULL;
        if (c && !ok[c - d->classes]) {
          at = (size_t)(c - d->classes);
          break;
        }
      }
    }
    at = first;
    rc = ann_fail(e, ANN_EMODEL, d->classes[at].line,
                  "%s:%d: class @%s is circular: it includes itself through "
                  "its includes",
                  path, d->classes[at].line, d->classes[at].name);
  }
  free(ok);
  return rc;
}

static int load_verbs(ev_dicts *d, const char *path, ann_error *e) {
  char *cur = d->pool[1] = slurp(path, e), *f[3];
  if (!cur) return e->code;
  int lineno = 0, n, rc = 0;
  size_t cap = 0, nl = 0, lcap = 0, ccap = 0;
  vline *lines = NULL;
  rawclass *raw = NULL;
  /* every line first: classes may be used before they are defined */
  while ((n = next_line(&cur, &lineno, f, 3)) > 0) {
    if (n != 3) {
      rc = ann_fail(e, ANN_EMODEL, lineno, "%s:%d: want 3 fields, got %d",
                    path, lineno, n);
      goto out;
    }
    if (!strcmp(f[0], "class")) {
      if (f[1][0] != '@' || !f[1][1] || strchr(f[1], ' ')) {
        rc = ann_fail(e, ANN_EMODEL, lineno,
                      "%s:%d: a class is named @word, not '%s'", path, lineno,
                      f[1]);
        goto out;
      }
      if (d->nclasses == ccap) {
        ccap = ccap ? ccap * 2 : 32;
        ev_class *c = realloc(d->classes, ccap * sizeof *c);
        rawclass *r = c ? realloc(raw, ccap * sizeof *r) : NULL;
        if (c) d->classes = c;
        if (!r) {
          rc = ann_fail(e, ANN_ENOMEM, -1, "out of memory");
          goto out;
        }
        raw = r;
      }
      rawclass *r = &raw[d->nclasses];
      d->classes[d->nclasses++] = (ev_class){f[1] + 1, NULL, 0, lineno};
      r->n = 0;
      for (char *p = f[2]; *p; p++) *p = (char)tolower((unsigned char)*p);
      size_t words = 1;
      for (char *p = f[2]; *p; p++) words += *p == ' ';
      r->w = malloc(words * sizeof *r->w);
      if (!r->w) {
        d->nclasses--;
        rc = ann_fail(e, ANN_ENOMEM, -1, "out of memory");
        goto out;
      }
      char *rest = f[2], *word;
      while ((word = next_word(&rest))) {
        char *gt = strchr(word, '>');
        if (gt && (gt == word || !gt[1] || strchr(gt + 1, '>') ||
                   word[0] == '@')) {
          rc = ann_fail(e, ANN_EMODEL, lineno,
                        "%s:%d: '%s': a pair is written lemma>lemma", path,
                        lineno, word);
          goto out;
        }
        r->w[r->n++] = word;
      }
      if (!r->n) {
        rc = ann_fail(e, ANN_EMODEL, lineno, "%s:%d: class %s has no words",
                      path, lineno, f[1]);
        goto out;
      }
      continue;
    }
    if (nl == lcap) {
      lcap = lcap ? lcap * 2 : 512;
      vline *l = realloc(lines, lcap * sizeof *l);
      if (!l) {
        rc = ann_fail(e, ANN_ENOMEM, -1, "out of memory");
        goto out;
      }
      lines = l;
    }
    lines[nl++] = (vline){{f[0], f[1], f[2]}, lineno};
  }
  if (d->nclasses) {
    qsort(d->classes, d->nclasses, sizeof *d->classes, cmp_class);
    /* raw[] is in file order: put it in the classes' order (by line) */
    for (size_t i = 1; i < d->nclasses; i++)
      if (!strcmp(d->classes[i].name, d->classes[i - 1].name)) {
        int a = d->classes[i].line, b = d->classes[i - 1].line;
        rc = ann_fail(e, ANN_EMODEL, a > b ? a : b,
                      "%s:%d: class @%s is already defined on line %d", path,
                      a > b ? a : b, d->classes[i].name, a > b ? b : a);
        goto out;
      }
    rawclass *sorted = malloc(d->nclasses * sizeof *sorted);
    if (!sorted) {
      rc = ann_fail(e, ANN_ENOMEM, -1, "out of memory");
      goto out;
    }
    /* classes were appended in file order, so line order is raw's order */
    for (size_t i = 0; i < d->nclasses; i++) {
      size_t lo = 0;
      for (size_t j = 0; j < d->nclasses; j++)
        lo += d->classes[j].line < d->classes[i].line;
      sorted[i] = raw[lo];
    }
    free(raw);
    raw = sorted;
    if ((rc = expand_classes(d, raw, path, e)) < 0) goto out;
  }
  for (size_t li = 0; li < nl; li++) {
    char **g = lines[li].f;
    lineno = lines[li].line;
    /* "none": what this pattern matches is no event ("executed a plan") */
    const ev_code *code =
        !strcmp(g[0], "none") ? &d->none : ev_code_find(d, g[0]);
    if (!code) {
      rc = ann_fail(e, ANN_EMODEL, lineno, "%s:%d: unknown CAMEO code '%s'",
                    path, lineno, g[0]);
      goto out;
    }
    bool noun = !strcmp(g[1], "noun");
    if (!noun && strcmp(g[1], "verb")) {
      rc = ann_fail(e, ANN_EMODEL, lineno,
                    "%s:%d: kind must be verb or noun, not '%s'", path,
                    lineno, g[1]);
      goto out;
    }
    /* lemma [word2] [@class] */
    char *w[4];
    int nw = 0;
    char *rest = g[2], *p;
    while ((p = next_word(&rest))) {
      if (nw == 3) {
        nw = 4;
        break;
      }
      w[nw++] = p;
    }
    const ev_class *cls = NULL;
    if (nw > 1 && w[nw - 1][0] == '@') {
      cls = class_find(d, w[nw - 1] + 1);
      if (!cls) {
        rc = ann_fail(e, ANN_EMODEL, lineno, "%s:%d: unknown class %s", path,
                      lineno, w[nw - 1]);
        goto out;
      }
      nw--;
    }
    if (nw > 2) {
      rc = ann_fail(e, ANN_EMODEL, lineno,
                    "%s:%d: at most two words: a lemma and a particle or "
                    "preposition (and an @class)",
                    path, lineno);
      goto out;
    }
    if (!nw || w[0][0] == '@' || (nw == 2 && w[1][0] == '@')) {
      if (nw)
        rc = ann_fail(e, ANN_EMODEL, lineno,
                      "%s:%d: a class comes last, after the lemma", path,
                      lineno);
      else
        rc = ann_fail(e, ANN_EMODEL, lineno, "%s:%d: empty lemma", path,
                      lineno);
      goto out;
    }
    for (char *q = w[0]; *q; q++) *q = (char)tolower((unsigned char)*q);
    if (d->ntriggers == cap) {
      cap = cap ? cap * 2 : 256;
      ev_trigger *t = realloc(d->triggers, cap * sizeof *t);
      if (!t) {
        rc = ann_fail(e, ANN_ENOMEM, -1, "out of memory");
        goto out;
      }
      d->triggers = t;
    }
    d->triggers[d->ntriggers++] =
        (ev_trigger){noun, w[0], nw == 2 ? w[1] : NULL, cls, code, lineno};
  }
  qsort(d->triggers, d->ntriggers, sizeof *d->triggers, cmp_trigger);
  /* the same words twice would make the code depend on the sort order */
  for (size_t i = 0; i < d->ntriggers; i++)
    for (size_t k = i + 1; k < d->ntriggers &&
                           !strcmp(d->triggers[k].lemma, d->triggers[i].lemma);
         k++) {
      const ev_trigger *a = &d->triggers[i], *b = &d->triggers[k];
      if (a->noun != b->noun || (a->word2 == NULL) != (b->word2 == NULL) ||
          (a->word2 && strcmp(a->word2, b->word2)) || a->cls != b->cls)
        continue;
      const ev_trigger *later = a->line > b->line ? a : b;
      rc = ann_fail(e, ANN_EMODEL, later->line,
                    "%s:%d: '%s%s%s%s%s' (%s) is already on line %d", path,
                    later->line, later->lemma, later->word2 ? " " : "",
                    later->word2 ? later->word2 : "", later->cls ? " @" : "",
                    later->cls ? later->cls->name : "",
                    later->noun ? "noun" : "verb",
                    (later == a ? b : a)->line);
      goto out;
    }
out:
  if (raw) {
    for (size_t i = 0; i < d->nclasses; i++) free(raw[i].w);
    free(raw);
  }
  free(lines);
  return rc;
}

/* The last word of a person's name, as compared with a token: the final
 * run of letters, digits and non-ASCII bytes ("Jong-un" -> "un"). */
static void last_word(const char *s, size_t n, const char **w, size_t *wn) {
  size_t k = n;
  while (k > 0 && (isalnum((unsigned char)s[k - 1]) ||
                   (unsigned char)s[k - 1] >= 0x80 || s[k - 1] == '\''))
    k--;
  *w = s + k;
  *wn = n - k;
}

static int cmp_key(const char *a, size_t an, const char *b, size_t bn) {
  int c = memcmp(a, b, an < bn ? an : bn);
  return c ? c : (an > bn) - (an < bn);
}

static int cmp_person(const void *a, const void *b) {
  const ev_actor_word *x = a, *y = b;
  const char *xw, *yw;
  size_t xn, yn;
  last_word(x->words, strlen(x->words), &xw, &xn);
  last_word(y->words, strlen(y->words), &yw, &yn);
  int c = cmp_key(xw, xn, yw, yn);
  return c ? c : strcmp(x->words, y->words);
}

const ev_actor_word *ev_person_find(const ev_dicts *d, const char *text,
                                    size_t from, size_t end) {
  const char *w;
  size_t wn;
  last_word(text + from, end - from, &w, &wn);
  if (!wn) return NULL;
  size_t lo = 0, hi = d->npersons;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    const char *mw;
    size_t mn;
    last_word(d->persons[mid].words, strlen(d->persons[mid].words), &mw, &mn);
    if (cmp_key(mw, mn, w, wn) < 0) lo = mid + 1;
    else hi = mid;
  }
  const ev_actor_word *best = NULL;
  size_t best_len = 0;
  for (size_t k = lo; k < d->npersons; k++) {
    const ev_actor_word *a = &d->persons[k];
    const char *mw;
    size_t mn;
    size_t len = strlen(a->words);
    last_word(a->words, len, &mw, &mn);
    if (cmp_key(mw, mn, w, wn)) break;
    if (len <= best_len) continue;
    /* compare backwards; a space in the entry is any run of white space */
    size_t i = len, j = end;
    bool ok = true;
    while (i > 0 && ok) {
      if (a->words[i - 1] == ' ') {
        if (j <= from || !isspace((unsigned char)text[j - 1])) ok = false;
        while (j > from && isspace((unsigned char)text[j - 1])) j--;
        i--;
        continue;
      }
      /* the last word was found with its case; the rest may differ
       * ("Zia-Ul-Haq" for "Zia-ul-Haq") */
      if (j <= from || tolower((unsigned char)text[j - 1]) !=
                           tolower((unsigned char)a->words[i - 1]))
        ok = false;
      i--;
      j--;
    }
    /* the name starts a word */
    if (ok && j > from &&
        (isalnum((unsigned char)text[j - 1]) ||
         (unsigned char)text[j - 1] >= 0x80 || text[j - 1] == '-'))
      ok = false;
    if (ok) {
      best = a;
      best_len = len;
    }
  }
  return best;
}

static int load_actors(ev_dicts *d, const char *path, int pool, ann_error *e) {
  char *cur = d->pool[pool] = slurp(path, e), *f[3];
  if (!cur) return e->code;
  int lineno = 0, n;
  size_t cap = d->nactors, pcap = d->npersons;
  while ((n = next_line(&cur, &lineno, f, 3)) > 0) {
    if (n != 3)
      return ann_fail(e, ANN_EMODEL, lineno, "%s:%d: want 3 fields, got %d",
                      path, lineno, n);
    ev_actor_kind k;
    if (!strcmp(f[0], "role")) k = EV_ROLE;
    else if (!strcmp(f[0], "igo")) k = EV_IGO;
    else if (!strcmp(f[0], "seat")) k = EV_SEAT;
    else if (!strcmp(f[0], "group")) k = EV_GROUP;
    else if (!strcmp(f[0], "person")) k = EV_PERSON;
    else
      return ann_fail(e, ANN_EMODEL, lineno,
                      "%s:%d: kind must be role, igo, seat, group or person, "
                      "not '%s'",
                      path, lineno, f[0]);
    size_t cl = strlen(f[2]);
    if (cl < 3 || cl > 12 || strspn(f[2], "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != cl)
      return ann_fail(e, ANN_EMODEL, lineno, "%s:%d: bad actor code '%s'",
                      path, lineno, f[2]);
    if (!*f[1] || f[1][0] == ' ' || f[1][strlen(f[1]) - 1] == ' ' ||
        strstr(f[1], "  "))
      return ann_fail(e, ANN_EMODEL, lineno,
                      "%s:%d: words must be single-spaced, not '%s'", path,
                      lineno, f[1]);
    size_t nw = 1;
    const char *last = f[1];
    for (const char *q = f[1]; *q; q++)
      if (*q == ' ') {
        nw++;
        last = q + 1;
      }
    /* the first letter of the last word's final part: "al-Qaeda" is
     * matched from the token "Qaeda" */
    for (const char *q = last; *q; q++)
      if ((*q == '-' || *q == '\'') && isalnum((unsigned char)q[1])) last = q + 1;
    ev_actor_word w = {k, f[1], f[2], nw,
                       (unsigned char)tolower((unsigned char)*last), lineno,
                       strlen(f[1])};
    if (k == EV_PERSON) {
      const char *lw;
      size_t lwn;
      last_word(f[1], strlen(f[1]), &lw, &lwn);
      if (!lwn)
        return ann_fail(e, ANN_EMODEL, lineno,
                        "%s:%d: a name must end with a letter: '%s'", path,
                        lineno, f[1]);
      if (d->npersons == pcap) {
        pcap = pcap ? pcap * 2 : 1024;
        ev_actor_word *a = realloc(d->persons, pcap * sizeof *a);
        if (!a) return ann_fail(e, ANN_ENOMEM, -1, "out of memory");
        d->persons = a;
      }
      d->persons[d->npersons++] = w;
      continue;
    }
    if (d->nactors == cap) {
      cap = cap ? cap * 2 : 256;
      ev_actor_word *a = realloc(d->actors, cap * sizeof *a);
      if (!a) return ann_fail(e, ANN_ENOMEM, -1, "out of memory");
      d->actors = a;
    }
    d->actors[d->nactors++] = w;
  }
  return 0;
}

static int cmp_actor(const void *a, const void *b) {
  const ev_actor_word *x = a, *y = b;
  size_t kx = EV_ABUCKET(x->kind, ev_letter(x->last));
  size_t ky = EV_ABUCKET(y->kind, ev_letter(y->last));
  if (kx != ky) return kx < ky ? -1 : 1;
  return (x->line > y->line) - (x->line < y->line);
}

/* Bucket the actors by kind and last letter (file order within each). */
static void index_actors(ev_dicts *d) {
  if (d->nactors)
    qsort(d->actors, d->nactors, sizeof *d->actors, cmp_actor);
  size_t k = 0;
  for (size_t b = 0; b <= 5 * 27; b++) {
    while (k < d->nactors &&
           EV_ABUCKET(d->actors[k].kind, ev_letter(d->actors[k].last)) < b)
      k++;
    d->abucket[b] = k;
  }
}

/* Sort the people by last word; one name twice would make a person's
 * country depend on the sort order. */
static int index_persons(ev_dicts *d, const char *dir, ann_error *e) {
  if (d->npersons)
    qsort(d->persons, d->npersons, sizeof *d->persons, cmp_person);
  for (size_t i = 1; i < d->npersons; i++)
    if (!strcmp(d->persons[i].words, d->persons[i - 1].words)) {
      const ev_actor_word *a = &d->persons[i], *b = &d->persons[i - 1];
      const ev_actor_word *later = a->line > b->line ? a : b;
      return ann_fail(e, ANN_EMODEL, later->line,
                      "%s/people.txt:%d: '%s' is already on line %d", dir,
                      later->line, later->words,
                      (later == a ? b : a)->line);
    }
  return 0;
}

int ev_dicts_load(ev_dicts *d, const char *dir, ann_error *e) {
  memset(d, 0, sizeof *d);
  snprintf(d->none.code, sizeof d->none.code, "none");
  d->none.name = "no event";
  char path[1200];
  int rc;
  snprintf(path, sizeof path, "%s/codes.txt", dir);
  if ((rc = load_codes(d, path, e)) < 0) goto fail;
  snprintf(path, sizeof path, "%s/verbs.txt", dir);
  if ((rc = load_verbs(d, path, e)) < 0) goto fail;
  snprintf(path, sizeof path, "%s/actors.txt", dir);
  if ((rc = load_actors(d, path, 2, e)) < 0) goto fail;
  snprintf(path, sizeof path, "%s/people.txt", dir);
  if ((rc = load_actors(d, path, 3, e)) < 0) goto fail;
  if ((rc = index_persons(d, dir, e)) < 0) goto fail;
  index_actors(d);
  return 0;
fail:
  ev_dicts_free(d);
  return rc;
}

void ev_dicts_free(ev_dicts *d) {
  free(d->codes);
  free(d->triggers);
  free(d->actors);
  for (size_t i = 0; i < d->nclasses; i++) free(d->classes[i].words);
  free(d->classes);
  free(d->persons);
  for (int i = 0; i < 4; i++) free(d->pool[i]);
  memset(d, 0, sizeof *d);
}
