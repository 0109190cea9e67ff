/* dicts.h — the event coder's dictionaries (codes, verbs and actors in dicts/cameo/), loaded
 * once at open, immutable afterwards. Internal to src/event. */
#ifndef ANN_EVENT_DICTS_H
#define ANN_EVENT_DICTS_H

#include "annalist/ann.h"

typedef struct ev_code {
  char code[5];
  double goldstein;
  int quad;
  const char *plover_type, *plover_mode, *name;
} ev_code;

/* An object class of verbs.txt ("class @aid food medicine ..."): the
 * lemmas an event's object may have, other classes it includes expanded. */
typedef struct ev_class {
  const char *name;    /* without the '@' */
  const char **words;  /* lower-case lemmas, includes expanded (owned) */
  size_t nwords;
  int line;
} ev_class;

typedef struct ev_trigger {
  bool noun;          /* a nominal event ("killing of") */
  const char *lemma;  /* lower-case */
  const char *word2;  /* particle or preposition, or NULL */
  const ev_class *cls; /* the object must be of this class, or NULL */
  const ev_code *code;
  int line;           /* in verbs.txt, for errors */
} ev_trigger;

/* group: a named group with its full code; the first three letters are its
 * country unless the code starts with IGO, NGO, IMG or MNC */
/* person: a well-known person by name (people.txt), with the code of the
 * role they are best known in */
typedef enum { EV_ROLE, EV_IGO, EV_SEAT, EV_GROUP, EV_PERSON } ev_actor_kind;

typedef struct ev_actor_word {
  ev_actor_kind kind;
  const char *words;  /* as written ("special forces", "Kremlin") */
  const char *code;   /* role ("COP"), IGO code, or ISO3 of a seat */
  size_t nwords;      /* words in words */
  unsigned char last; /* lower-case first letter of the last word */
  int line;           /* in its file, for errors */
  size_t len;         /* strlen(words) */
} ev_actor_word;

/* actors are sorted by kind and last letter; the entries of kind k whose
 * last word starts with letter c (a-z as 0-25, others 26) are
 * actors[abucket[k*27+c]] .. actors[abucket[k*27+c+1]-1] */
#define EV_ABUCKET(k, c) ((size_t)(k) * 27 + (size_t)(c))
static inline int ev_letter(unsigned char c) {
  return c >= 'a' && c <= 'z' ? c - 'a' : 26;
}

typedef struct ev_dicts {
  ev_code none;         /* the code of "none" patterns: no event */
  ev_code *codes;
  size_t ncodes;
  ev_trigger *triggers; /* sorted by lemma */
  size_t ntriggers;
  ev_actor_word *actors;
  size_t nactors;
  ev_class *classes;
  size_t nclasses;
  size_t abucket[5 * 27 + 1];
  ev_actor_word *persons; /* people.txt, sorted by their last word */
  size_t npersons;
  char *pool[4];        /* file contents the strings point into */
} ev_dicts;

/* Load the four files (codes, verbs, actors, people) from dir; errors name the file and line. */
int ev_dicts_load(ev_dicts *d, const char *dir, ann_error *e);
void ev_dicts_free(ev_dicts *d);

const ev_code *ev_code_find(const ev_dicts *d, const char *code);
/* Triggers for lemma (lower-case): the first and the count. */
const ev_trigger *ev_triggers_find(const ev_dicts *d, const char *lemma,
                                   size_t len, size_t *n);

/* The class called name (without '@'), or NULL. */
const ev_class *ev_class_find(const ev_dicts *d, const char *name);
/* Is lemma (any case) in class c? */
bool ev_class_has(const ev_class *c, const char *lemma);

/* The longest person entry naming the words of text that end at end,
 * not starting before from (case-sensitive; "Kim Jong-un", "Putin"), or
 * NULL. */
const ev_actor_word *ev_person_find(const ev_dicts *d, const char *text,
                                    size_t from, size_t end);

#endif
