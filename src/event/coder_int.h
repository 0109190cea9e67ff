/*
 * coder_int.h — what the files of the events stage share: one sentence's
 * view of the document (sent), an actor found for a phrase (found), the
 * token helpers, and the actor and argument functions the event pass calls.
 * Internal to src/event; not part of the library's API.
 */
#ifndef ANN_EVENT_CODER_INT_H
#define ANN_EVENT_CODER_INT_H

#include "annalist/geo.h"
#include "annalist/pipeline.h"
#include "dicts.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

typedef struct coder {
  ev_dicts dicts;
} coder;

/* One sentence's view of the document. */
typedef struct sent {
  ann_doc *d;
  const ann_pipeline *p;
  const coder *c;
  const ann_gazetteer *gaz;
  int32_t index;
  ann_token *t;             /* first token */
  uint32_t n;               /* tokens */
  const char *main_country; /* ISO3 the document is most about */
  struct pick_memo *memo;   /* the trigger chosen per token, or NULL */
  uint32_t skip_before;     /* ev_resolve ignores modifiers before this */
} sent;

/* An actor found for a phrase, before it is stored. */
typedef struct found {
  char country[4];
  char role[8];
  char code[16];
  uint32_t start, end; /* the phrase's head span */
  const char *name;
  bool implied;  /* the country is the document's, not the phrase's */
  int head;      /* the token resolved, or -1 */
  bool role_adj; /* the role came from an adjective ("military aid") */
} found;

/* ------------------------------------------------------------ tokens -- */

static inline bool tok_is(const sent *s, uint32_t i, const char *w) {
  const ann_token *t = &s->t[i];
  size_t n = t->end - t->start;
  return strlen(w) == n && !strncasecmp(s->d->text + t->start, w, n);
}

static inline bool lemma_is(const ann_token *t, const char *w) {
  return t->lemma && !strcasecmp(t->lemma, w);
}

/* Whether t's lemma is one of the n words w. */
static inline bool lemma_in(const ann_token *t, const char *const *w,
                            size_t n) {
  for (size_t k = 0; t->lemma && k < n; k++)
    if (!strcasecmp(t->lemma, w[k])) return true;
  return false;
}

static inline bool rel_is(const ann_token *t, const char *rel) {
  if (!t->deprel) return false;
  size_t n = strlen(rel);
  return !strncmp(t->deprel, rel, n) && (!t->deprel[n] || t->deprel[n] == ':');
}

static inline bool rel_exact(const ann_token *t, const char *rel) {
  return t->deprel && !strcmp(t->deprel, rel);
}

static inline bool upos_is(const ann_token *t, const char *u) {
  return t->upos && !strcmp(t->upos, u);
}

static inline bool xpos_is(const ann_token *t, const char *x) {
  return t->xpos && !strcmp(t->xpos, x);
}

/* The first child of head (0-based index) with relation rel, from i on. */
static inline int child(const sent *s, uint32_t head, const char *rel,
                        uint32_t from) {
  for (uint32_t i = from; i < s->n; i++)
    if (s->t[i].head == (int32_t)head + 1 && rel_is(&s->t[i], rel))
      return (int)i;
  return -1;
}

/* Whether verb v has the auxiliary w among the four words before it
 * ("must" in "Y must do Z"). */
static inline bool aux_before(const sent *s, uint32_t v, const char *w) {
  for (uint32_t j = v > 4 ? v - 4 : 0; j < v; j++)
    if (s->t[j].head == (int32_t)v + 1 && rel_is(&s->t[j], "aux") &&
        tok_is(s, j, w))
      return true;
  return false;
}

/* The preposition ("case" child) of token i, lower-cased into buf. */
static inline const char *case_of(const sent *s, uint32_t i) {
  int c = child(s, i, "case", 0);
  if (c < 0) return NULL;
  return s->t[c].lemma;
}

/* Whether preposition c (or NULL) puts its phrase at a place: "in", "at",
 * "near". */
static inline bool at_place_case(const char *c) {
  return c && (!strcasecmp(c, "in") || !strcasecmp(c, "at") ||
               !strcasecmp(c, "near"));
}

/* ------------------------------------------------- actors (actors.c) -- */

/* The place the document recorded at token i, or NULL. */
const ann_place *ev_place_at(const sent *s, uint32_t i);
/* Whether an actor code is an IGO/NGO/IMG/MNC group. */
bool ev_group_code(const char *code);
/* Whether an actor role is a state's (its authorities or forces). */
bool ev_state_role(const char *role);
/* Whether token i names another party by its relation to its owner
 * ("ally", "neighbour"): the owner is not it. */
bool ev_relational(const sent *s, uint32_t i);
/* Whether token i is a pronoun or determiner. */
bool ev_is_pronoun(const sent *s, uint32_t i);
/* Whether token i is a word for people who are away from home ("tourist",
 * "pilgrim"): they are not of the place they are in. */
bool ev_is_visitor(const sent *s, uint32_t i);
/* Give f the country cc ("" for none) and the code it makes with f's role. */
void ev_set_country(found *f, const char *cc);
/* Make f an actor of no words of its own: the people (role "" for the
 * country itself) of country cc, told at start..end, implied or not. */
void ev_country_actor(found *f, const char *cc, const char *role,
                      uint32_t start, uint32_t end, bool implied);
/* Whether token i is a word of time, never an actor ("today", "Friday"). */
bool ev_temporal(const sent *s, uint32_t i);
/* Resolve the phrase headed by token h into an actor in f (not avoid). */
bool ev_resolve(const sent *s, uint32_t h, const char *avoid, found *f);
/* Copies of f for nationalities coordinated with its own ("Hungarian and
 * Romanian officials"); returns how many were written to out. */
int ev_adj_conjuncts(const sent *s, const found *f, found *out, int max);
/* Store f as a document actor; returns its index or -1. */
int32_t ev_add_actor(const sent *s, const found *f);

/* ------------------------------------------ arguments (arguments.c) -- */

/* The subject of verb v (or of the verb it hangs on); *passive if passive. */
int ev_subject(const sent *s, uint32_t v, bool *passive);
/* The phrase introduced by preposition prep among the dependents of h. */
int ev_by_case(const sent *s, uint32_t h, const char *prep);
/* An actor owned by argument h through an nmod ("part of its territory"). */
bool ev_resolve_deep(const sent *s, int h, const char *avoid, found *f);
/* The place at the trigger, else in an in/at/near phrase; index or -1. */
int32_t ev_place_of(const sent *s, uint32_t trig, bool countries);
/* The place index of the event at trigger trig (no countries), or -1. */
int32_t ev_event_place(const sent *s, uint32_t trig);
/* The date told in the clause of the event at trigger trig, or NULL. */
const char *ev_clause_date(const sent *s, uint32_t trig);
/* The date of the clause that reports or embeds the event at trig, or
 * NULL. */
const char *ev_reporting_date(const sent *s, uint32_t trig);
/* The latest day-precise date of the few sentences before, or NULL. */
const char *ev_recent_date(const sent *s);

/* ----------------------------------------- the event pass (coder.c) -- */

/* The trigger coded at token i (memoised in s->memo), its pattern's
 * target and the words it used, or NULL. */
const ev_trigger *ev_pick(const sent *s, uint32_t i, int *target, int *used,
                          int *used2);
/* Whether node v is of class cls: its lemma is a word of the class, or the
 * class has "a>b" (lemma a with b below it). */
bool ev_node_in_class(const sent *s, uint32_t v, const ev_class *cls);
/* Whether the phrase headed by h is of class cls: h itself (when self), or
 * within two levels below it a modifier, object or governed verb. */
int ev_class_at(const sent *s, uint32_t h, const ev_class *cls, bool self);
/* The speaker of a clause whose own subject is a pronoun or missing. */
bool ev_speaker(const sent *s, uint32_t v, found *f);
/* The demand (10x) that what verb v heads makes, else "100". */
const char *ev_demand_code(const sent *s, uint32_t v);

/* ------------------------------------ passes over the events (passes.c) -- */

/* Each pass reads the events the sentence added (from first_event on) and
 * recodes, merges, drops or completes them; code_sentence() calls them in
 * this order. */
void ev_protest_demands(const sent *s, size_t first_event);
void ev_battle_killings(const sent *s, size_t first_event);
void ev_attack_as_subject(const sent *s, size_t first_event);
void ev_peacekeepers_deploy(const sent *s, size_t first_event);
void ev_protest_as_complaint(const sent *s, size_t first_event);
/* Drop the events a pass marked with a NULL code. */
void ev_drop_uncoded(ann_doc *d, size_t first_event);
void ev_weapon_agents(const sent *s, size_t first_event);
void ev_future_acts(const sent *s, size_t first_event);
void ev_said_must(const sent *s, size_t first_event);
void ev_fold_contents(const sent *s, size_t first_event);
void ev_help_is_doing(const sent *s, size_t first_event);
void ev_merge_purpose(const sent *s, size_t first_event);
void ev_merge_told_twice(const sent *s, size_t first_event);
void ev_drop_said(const sent *s, size_t first_event);
void ev_drop_agentless_background(const sent *s, size_t first_event);
void ev_drop_descriptions(const sent *s, size_t first_event);
void ev_protest_of_people(const sent *s, size_t first_event);
void ev_place_agents(const sent *s, size_t first_event);
void ev_joint_venues(const sent *s, size_t first_event);
void ev_own_territory(const sent *s, size_t first_event);
void ev_own_country_targets(const sent *s, size_t first_event);

#endif
