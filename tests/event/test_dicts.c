/*
 * test_dicts.c — the event dictionaries: the committed ones load and give
 * every CAMEO root (01-20) at least one trigger; broken ones (written to a
 * temporary directory) fail with a message naming the file and the line.
 */
#include "../../src/event/dicts.h"
#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[64];

static void put(const char *name, const char *text) {
  char path[128];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "wb");
  if (!f) {
    perror(path);
    exit(2);
  }
  fputs(text, f);
  fclose(f);
}

static const char *codes_ok =
    "# code\tgoldstein\tquad\tplover_type\tplover_mode\tname\n"
    "01\t0.0\t1\t-\t-\tMAKE PUBLIC STATEMENT\n"
    "010\t0.0\t1\t-\t-\tMake statement\n"
    "17\t-5.0\t4\tCOERCE\t-\tCOERCE\n"
    "173\t-5.0\t4\tCOERCE\tarrest\tArrest\n";
static const char *verbs_ok = "# code\tkind\tlemma\n"
                              "010\tverb\tsay\n"
                              "173\tverb\tarrest\n"
                              "173\tnoun\tarrest of\n";
static const char *actors_ok = "role\tpolice\tCOP\n"
                               "igo\tUnited Nations\tIGOUNO\n"
                               "seat\tKremlin\tRUS\n";
static const char *people_ok = "person\tVladimir Putin\tRUSGOV\n"
                               "person\tPutin\tRUSGOV\n"
                               "person\tKim Jong-un\tPRKGOV\n"
                               "person\tKofi Annan\tIGOUNO\n";

/* Load with one file replaced; want an error naming file:line (line 0:
 * the file alone) and containing what. */
static void bad(const char *file, const char *text, int line,
                const char *what) {
  put("codes.txt", codes_ok);
  put("verbs.txt", verbs_ok);
  put("actors.txt", actors_ok);
  put("people.txt", people_ok);
  put(file, text);
  ev_dicts d;
  ann_error e = {0};
  int rc = ev_dicts_load(&d, dir, &e);
  CHECK(rc < 0);
  char where[160];
  if (line)
    snprintf(where, sizeof where, "%s/%s:%d:", dir, file, line);
  else
    snprintf(where, sizeof where, "%s/%s", dir, file);
  if (!strstr(e.msg, where) || !strstr(e.msg, what)) {
    fprintf(stderr, "message \"%s\" lacks \"%s\" or \"%s\"\n", e.msg, where,
            what);
    check_failed++;
  } else {
    check_passed++;
  }
}

static void committed(void) {
  ev_dicts d;
  ann_error e = {0};
  int rc = ev_dicts_load(&d, ANN_SOURCE_DIR "/dicts/cameo", &e);
  CHECK_INT(rc, 0);
  if (rc < 0) {
    fprintf(stderr, "%s\n", e.msg);
    return;
  }
  CHECK(d.ncodes >= 300);
  /* every root has a trigger, verbal or nominal */
  for (int root = 1; root <= 20; root++) {
    char r[3];
    snprintf(r, sizeof r, "%02d", root);
    int n = 0;
    for (size_t k = 0; k < d.ntriggers; k++)
      n += !strncmp(d.triggers[k].code->code, r, 2);
    if (!n) fprintf(stderr, "CAMEO root %s has no trigger\n", r);
    CHECK(n > 0);
  }
  /* every code of the table has a trigger of its own: the roots (two
   * digits) are headings, every one of them has a trigger in its family */
  size_t missing = 0;
  for (size_t c = 0; c < d.ncodes; c++) {
    const char *code = d.codes[c].code;
    size_t n = 0, len = strlen(code);
    for (size_t k = 0; k < d.ntriggers; k++)
      n += len == 2 ? !strncmp(d.triggers[k].code->code, code, 2)
                    : !strcmp(d.triggers[k].code->code, code);
    if (!n) {
      fprintf(stderr, "CAMEO code %s (%s) has no trigger\n", code,
              d.codes[c].name);
      missing++;
    }
  }
  CHECK_INT(missing, 0);
  /* the classes the coder itself uses are there */
  static const char *const used[] = {"light", "air", "heavy", "cyber"};
  for (size_t k = 0; k < sizeof used / sizeof *used; k++) {
    if (!ev_class_find(&d, used[k]))
      fprintf(stderr, "class @%s missing from verbs.txt\n", used[k]);
    CHECK(ev_class_find(&d, used[k]) != NULL);
  }
  /* the classes are expanded: @aid includes @humaid's "food" */
  const ev_class *aid = NULL;
  for (size_t k = 0; k < d.nclasses; k++)
    if (!strcmp(d.classes[k].name, "aid")) aid = &d.classes[k];
  CHECK(aid != NULL);
  if (aid) CHECK(ev_class_has(aid, "food") && ev_class_has(aid, "Loan"));
  /* every trigger's code is in the table, with its Goldstein and quad */
  for (size_t k = 0; k < d.ntriggers; k++) {
    if (d.triggers[k].code == &d.none) continue; /* "none" patterns */
    const ev_code *c = ev_code_find(&d, d.triggers[k].code->code);
    CHECK(c == d.triggers[k].code);
    if (c) CHECK(c->quad >= 1 && c->quad <= 4);
  }
  /* lookups: "arrest" is 173, "say" 010; the two-word pattern sorts first */
  size_t n;
  const ev_trigger *t = ev_triggers_find(&d, "arrest", 6, &n);
  CHECK(t && n >= 1);
  if (t) CHECK_STR(t->code->code, "173");
  t = ev_triggers_find(&d, "say", 3, &n);
  CHECK(t && n >= 1);
  if (t) CHECK_STR(t->code->code, "010");
  CHECK(ev_triggers_find(&d, "xyzzy", 5, &n) == NULL && n == 0);
  ev_dicts_free(&d);
}

int main(void) {
  snprintf(dir, sizeof dir, "/tmp/ann_evdictsXXXXXX");
  if (!mkdtemp(dir)) {
    perror("mkdtemp");
    return 2;
  }
  committed();

  /* the small good set loads */
  put("codes.txt", codes_ok);
  put("verbs.txt", verbs_ok);
  put("actors.txt", actors_ok);
  put("people.txt", people_ok);
  ev_dicts d;
  ann_error e = {0};
  CHECK_INT(ev_dicts_load(&d, dir, &e), 0);
  CHECK_INT(d.ncodes, 4);
  CHECK_INT(d.ntriggers, 3);
  CHECK_INT(d.nactors, 3);
  CHECK_INT(d.npersons, 4);
  /* people: the longest name ending where the text does, as a word */
  {
    const char *txt = "Russian President Vladimir Putin met Kim Jong-un";
    const ev_actor_word *w = ev_person_find(&d, txt, 0, 32);
    CHECK(w != NULL);
    if (w) CHECK_STR(w->words, "Vladimir Putin");
    w = ev_person_find(&d, txt, 0, strlen(txt));
    CHECK(w != NULL);
    if (w) CHECK_STR(w->code, "PRKGOV");
    CHECK(ev_person_find(&d, "Rasputin", 0, 8) == NULL);  /* not a word */
    CHECK(ev_person_find(&d, "putin", 0, 5) == NULL);     /* case counts */
    CHECK(ev_person_find(&d, "Kofi  Annan", 0, 11) != NULL); /* spaces */
  }
  size_t n;
  const ev_trigger *t = ev_triggers_find(&d, "arrest", 6, &n);
  CHECK_INT(n, 2);
  if (t) CHECK_STR(t->word2 ? t->word2 : "", "of"); /* specific first */
  ev_dicts_free(&d);

  /* verbs.txt */
  bad("verbs.txt", "010\tverb\tsay\n# comment\n173\tverb\n", 3,
      "want 3 fields, got 2");
  bad("verbs.txt", "010\tverb\tsay\textra\n", 1, "want 3 fields");
  bad("verbs.txt", "010\tverb\tsay\n\n999\tverb\tfrobnicate\n", 3,
      "unknown CAMEO code '999'");
  bad("verbs.txt", "173\tverb\tcrack down hard on\n", 1, "at most two words");
  bad("verbs.txt", "173\tadjective\tarrested\n", 1,
      "kind must be verb or noun");
  bad("verbs.txt", "173\tverb\t\n", 1, "empty lemma");
  bad("verbs.txt", "173\tverb\tarrest\n010\tverb\tsay\n010\tverb\tarrest\n", 3,
      "'arrest' (verb) is already on line 1");
  bad("verbs.txt", "173\tnoun\tarrest of\n173\tnoun\tarrest\n173\tnoun\tarrest of\n",
      3, "'arrest of' (noun) is already on line 1");
  /* object classes */
  put("codes.txt", codes_ok);
  put("actors.txt", actors_ok);
  put("verbs.txt", "173\tverb\tarrest\n173\tverb\tarrest @who\n"
                   "class\t@who\tjournalist @press\n"
                   "class\t@press\treporter editor>newspaper\n"
                   "173\tnoun\tarrest of @who\n");
  e = (ann_error){0};
  CHECK_INT(ev_dicts_load(&d, dir, &e), 0);
  CHECK_INT(d.nclasses, 2);
  CHECK_INT(d.ntriggers, 3);
  t = ev_triggers_find(&d, "arrest", 6, &n);
  CHECK_INT(n, 3);
  if (t && n == 3) { /* most specific first: word2 and class, class, none */
    CHECK(t[0].word2 && t[0].cls);
    CHECK(!t[1].word2 && t[1].cls);
    CHECK(!t[2].word2 && !t[2].cls);
    CHECK_INT((int)t[0].cls->nwords, 3);
    CHECK(ev_class_has(t[0].cls, "reporter") &&
          ev_class_has(t[0].cls, "editor>newspaper") &&
          !ev_class_has(t[0].cls, "editor"));
  }
  ev_dicts_free(&d);
  /* among class patterns the narrower class first, whatever the file
   * order: @press (2 words) before @who (3, it includes @press) */
  put("verbs.txt", "173\tverb\tarrest @who\n010\tverb\tarrest @press\n"
                   "class\t@who\tjournalist @press\n"
                   "class\t@press\treporter editor\n");
  e = (ann_error){0};
  CHECK_INT(ev_dicts_load(&d, dir, &e), 0);
  t = ev_triggers_find(&d, "arrest", 6, &n);
  CHECK_INT(n, 2);
  if (t && n == 2) {
    CHECK_STR(t[0].code->code, "010");
    CHECK_STR(t[1].code->code, "173");
  }
  ev_dicts_free(&d);
  /* "none": a pattern that is no event, more specific than the rest */
  put("verbs.txt", "173\tverb\tarrest\nnone\tverb\tarrest @what\n"
                   "class\t@what\tcar\n");
  e = (ann_error){0};
  CHECK_INT(ev_dicts_load(&d, dir, &e), 0);
  t = ev_triggers_find(&d, "arrest", 6, &n);
  CHECK_INT(n, 2);
  if (t && n == 2) {
    CHECK(t[0].code == &d.none && t[0].cls);
    CHECK_STR(t[1].code->code, "173");
  }
  ev_dicts_free(&d);
  bad("verbs.txt", "nothing\tverb\tarrest\n", 1, "unknown CAMEO code 'nothing'");
  bad("verbs.txt", "173\tverb\tarrest @who\n", 1, "unknown class @who");
  bad("verbs.txt",
      "class\t@a\tx @b\n010\tverb\tsay\nclass\t@b\ty @c\n"
      "class\t@c\tz @a\n",
      1, "class @a is circular");
  bad("verbs.txt", "class\t@a\tx @a\n", 1, "class @a is circular");
  bad("verbs.txt", "class\t@a\tx\nclass\t@b\ty @nope\n", 2,
      "class @b includes unknown class @nope");
  bad("verbs.txt", "class\t@a\tx\n\nclass\t@a\ty\n", 3,
      "class @a is already defined on line 1");
  bad("verbs.txt", "class\tpeople\tx\n", 1, "a class is named @word");
  bad("verbs.txt", "class\t@a\t \n", 1, "class @a has no words");
  bad("verbs.txt", "class\t@a\tlift>\n", 1, "a pair is written lemma>lemma");
  bad("verbs.txt", "class\t@a\tx\n173\tverb\t@a arrest\n", 2,
      "a class comes last");
  bad("verbs.txt", "class\t@a\tx\n173\tverb\tarrest of @a\n"
                   "173\tverb\tarrest of @a\n",
      3, "'arrest of @a' (verb) is already on line 2");
  /* codes.txt */
  bad("codes.txt", "01\t0.0\t1\t-\t-\n", 1, "want 6 fields, got 5");
  bad("codes.txt", "01\t0.0\t1\t-\t-\tA\n1x3\t0\t1\t-\t-\tB\n", 2,
      "bad code '1x3'");
  bad("codes.txt", "01\t11.5\t1\t-\t-\tA\n", 1, "bad Goldstein");
  bad("codes.txt", "01\t1.0\t7\t-\t-\tA\n", 1, "QuadClass");
  bad("codes.txt", "010\t0\t1\t-\t-\tA\n010\t0\t1\t-\t-\tB\n", 0,
      "code 010 defined twice");
  /* actors.txt */
  bad("actors.txt", "role\tpolice\n", 1, "want 3 fields, got 2");
  bad("actors.txt", "role\tpolice\tCOP\nclan\tthe Smiths\tSMI\n", 2,
      "kind must be role, igo, seat, group or person");
  bad("actors.txt", "igo\tUnited Nations\tun\n", 1, "bad actor code 'un'");
  /* people.txt */
  bad("people.txt", "person\tPutin\tRUSGOV\nperson\tYeltsin\tRUSGOV\n"
      "person\tPutin\tUSAGOV\n", 3, "'Putin' is already on line 1");
  bad("people.txt", "person\tHelmut  Kohl\tDEUGOV\n", 1, "single-spaced");
  bad("people.txt", "person\tMarcos Jr.\tPHLGOV\n", 1,
      "must end with a letter");
  /* a missing file is named too */
  put("codes.txt", codes_ok);
  put("verbs.txt", verbs_ok);
  char path[128];
  snprintf(path, sizeof path, "%s/actors.txt", dir);
  remove(path);
  e = (ann_error){0};
  CHECK(ev_dicts_load(&d, dir, &e) < 0);
  CHECK(strstr(e.msg, "actors.txt") != NULL);

  const char *files[] = {"codes.txt", "verbs.txt", "actors.txt",
                         "people.txt"};
  for (int i = 0; i < 4; i++) {
    snprintf(path, sizeof path, "%s/%s", dir, files[i]);
    remove(path);
  }
  rmdir(dir);
  return check_done();
}
