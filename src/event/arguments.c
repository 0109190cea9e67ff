/*
 * arguments.c — the arguments of an event candidate in the dependency
 * parse (subject, prepositional phrases, owned actors) and where and when
 * it happened (place and date). See coder.c for the stage as a whole.
 */
#include "coder_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ------------------------------------------------------- arguments -- */

/* The subject of verb v: its own nsubj, or that of the verb it is
 * coordinated with or subordinated to ("arrested and deported", "threatened
 * to invade"). *passive tells whether it is a passive subject. */
int ev_subject(const sent *s, uint32_t v, bool *passive) {
  const uint32_t v0 = v;
  for (int hops = 0; hops < 3; hops++) {
    /* of several subjects the parse gave one verb, the nearest before it:
     * "The Indian economy grew ..., the finance ministry said" with "grew"
     * read as a participle leaves "economy" a second subject of "said" */
    uint32_t first = 0;
    for (uint32_t i = v; i-- > 0;)
      if (s->t[i].head == (int32_t)v + 1 &&
          (rel_exact(&s->t[i], "nsubj:pass") || rel_exact(&s->t[i], "nsubj"))) {
        first = i;
        break;
      }
    for (uint32_t i = first; i < s->n; i++) {
      if (s->t[i].head != (int32_t)v + 1) continue;
      if (rel_exact(&s->t[i], "nsubj:pass") || rel_exact(&s->t[i], "nsubj")) {
        *passive = rel_exact(&s->t[i], "nsubj:pass");
        /* a subject shared with another verb is passive only if this verb
         * is too: "jets were scrambled but did not open fire" */
        if (hops > 0) *passive = child(s, v0, "aux:pass", 0) >= 0;
        return (int)i;
      }
    }
    const ann_token *t = &s->t[v];
    if (t->head <= 0) break;
    if (rel_is(t, "acl")) { /* "the police who detained him" */
      /* a past participle is passive: "Ukraine, backed by the West" has
       * the West as agent and Ukraine as patient */
      *passive = hops == 0 && t->xpos && !strcmp(t->xpos, "VBN") &&
                 ev_by_case(s, v, "by") >= 0;
      return t->head - 1;
    }
    /* a past participle with an agent set off before the verb it hangs
     * on ("Ukraine, backed by the West, maintains ...") is passive: its
     * patient is that verb's subject, or the name the parse left before
     * the participle */
    if (hops == 0 && rel_exact(t, "advcl") && t->xpos &&
        !strcmp(t->xpos, "VBN") && ev_by_case(s, v, "by") >= 0 &&
        child(s, v, "aux", 0) < 0 && child(s, v, "aux:pass", 0) < 0) {
      uint32_t hv = (uint32_t)(t->head - 1);
      int p = -1;
      for (uint32_t i = 0; i < s->n && p < 0; i++)
        if (s->t[i].head == (int32_t)hv + 1 && rel_exact(&s->t[i], "nsubj"))
          p = (int)i;
      for (uint32_t i = v; p < 0 && i-- > 0;)
        if (s->t[i].head == (int32_t)hv + 1 &&
            (upos_is(&s->t[i], "PROPN") || upos_is(&s->t[i], "NOUN")))
          p = (int)i;
      if (p >= 0) {
        *passive = true;
        return p;
      }
    }
    /* an infinitive of purpose shares the subject of the verb it hangs
     * on: "X started a hunger strike to protest against Y" */
    bool purpose = false;
    if (rel_exact(t, "advcl")) {
      int m = child(s, v, "mark", 0);
      purpose = m >= 0 && tok_is(s, (uint32_t)m, "to");
    }
    if (!rel_is(t, "conj") && !rel_is(t, "xcomp") && !purpose) break;
    /* a "to" clause after an object is the object's act, not the
     * subject's: "advised women to have them examined", "directed the
     * state government to provide limbs", "allow the FDA to impose fines"
     * (the controller of an xcomp is the object of a verb of asking,
     * ordering or letting; "made an appointment to have her breasts
     * examined", "left a company to seek work" stay the subject's) */
    static const char *const controls[] = {
        "advise", "urge",   "encourage", "ask",      "direct",  "order",
        "tell",   "allow",  "permit",    "enable",   "force",   "compel",
        "require", "invite", "persuade", "instruct", "authorize",
        "authorise", "press", "pressure", "oblige",  "warn",    "call"};
    bool control = false;
    /* (the parse may read the "to" clause as one of purpose) */
    for (size_t c = 0; (rel_is(t, "xcomp") || purpose) &&
                       c < sizeof controls / sizeof *controls; c++)
      control = control || lemma_is(&s->t[t->head - 1], controls[c]);
    if (control) {
      int o = child(s, (uint32_t)(t->head - 1), "obj", 0);
      if (o < 0) o = child(s, (uint32_t)(t->head - 1), "iobj", 0);
      if (o >= 0 && (uint32_t)o < v) {
        *passive = false;
        return o;
      }
    }
    v = (uint32_t)(t->head - 1);
  }
  return -1;
}

/* The phrase introduced by preposition prep among the dependents of h. */
int ev_by_case(const sent *s, uint32_t h, const char *prep) {
  for (uint32_t i = 0; i < s->n; i++) {
    if (s->t[i].head != (int32_t)h + 1) continue;
    if (!rel_is(&s->t[i], "obl") && !rel_is(&s->t[i], "nmod")) continue;
    const char *c = case_of(s, i);
    if (c && !strcasecmp(c, prep)) return (int)i;
  }
  return -1;
}

/* An argument that names no actor may own one: "part of its territory". */
bool ev_resolve_deep(const sent *s, int h, const char *avoid, found *f) {
  if (h < 0) return false;
  if (ev_resolve(s, (uint32_t)h, avoid, f)) return true;
  for (uint32_t i = s->skip_before; i < s->n; i++)
    if (s->t[i].head == h + 1 && rel_is(&s->t[i], "nmod") &&
        ev_resolve(s, i, avoid, f))
      return true;
  return false;
}

/* --------------------------------------------------- place and date -- */

static int32_t place_index(const ann_doc *d, const ann_place *p) {
  return p ? (int32_t)(p - d->places.v) : -1;
}

/* Whether token i is in the subject phrase of a reporting verb: where the
 * speakers are ("..., relief officials in Nairobi said"). */
static bool in_speaker(const sent *s, uint32_t i) {
  static const char *const say[] = {"say", "report", "tell", "announce",
                                    "claim", "add", "confirm", "state"};
  uint32_t u = i;
  for (int hops = 0; hops < 4; hops++) {
    const ann_token *t = &s->t[u];
    if (t->head <= 0) return false;
    uint32_t h = (uint32_t)(t->head - 1);
    if (rel_is(t, "nsubj"))
      return lemma_in(&s->t[h], say, sizeof say / sizeof *say);
    if (!(upos_is(&s->t[h], "NOUN") || upos_is(&s->t[h], "PROPN"))) return false;
    u = h;
  }
  return false;
}

/* A place attached to the trigger ("in Yekaterinburg", "the Yekaterinburg
 * killings"), else a place in an in/at/near phrase of the sentence (not
 * one that tells where its speakers are: "killing about 20 people, relief
 * officials in Nairobi said"). */
int32_t ev_place_of(const sent *s, uint32_t trig, bool countries) {
  for (int pass = 0; pass < 2; pass++)
    for (uint32_t i = 0; i < s->n; i++) {
      const ann_place *p = ev_place_at(s, i);
      if (!p || (!countries && !strcmp(p->kind ? p->kind : "", "country")))
        continue;
      const char *c = case_of(s, i);
      bool located = at_place_case(c) || (c && !strcasecmp(c, "off"));
      if (pass == 0 && s->t[i].head == (int32_t)trig + 1 &&
          (located || rel_exact(&s->t[i], "compound")))
        return place_index(s->d, p);
      if (pass == 1 && located && !in_speaker(s, i)) return place_index(s->d, p);
    }
  return -1;
}

int32_t ev_event_place(const sent *s, uint32_t trig) {
  return ev_place_of(s, trig, false);
}

/* A date that only bounds a period is not when anything happened: "since
 * May", "until the end of June", "by 2030", "before 2020", "from June to
 * August". The word before it decides (past "early", "the end of" ...). */
static bool bounding_date(const ann_doc *d, const ann_date *dt) {
  static const char *const skip[] = {"early", "late", "mid", "the", "a", "an", "end",
                                     "of", "start", "beginning", "middle",
                                     "around", "about"};
  static const char *const bound[] = {
      "since", "until", "till", "til", "by", "before", "after", "through",
      "throughout", "within", "from", "between", "following", "prior",
      "ahead", "pending", "to", "up"};
  size_t e = dt->start;
  for (int hops = 0; hops < 5; hops++) {
    while (e > 0 && (d->text[e - 1] == ' ' || d->text[e - 1] == '-'))
      e--;
    size_t b = e;
    while (b > 0 && isalpha((unsigned char)d->text[b - 1])) b--;
    if (b == e) return false;
    size_t n = e - b;
    bool skipped = false;
    for (size_t k = 0; k < sizeof bound / sizeof *bound; k++)
      if (strlen(bound[k]) == n && !strncasecmp(d->text + b, bound[k], n))
        return true;
    for (size_t k = 0; k < sizeof skip / sizeof *skip && !skipped; k++)
      skipped = strlen(skip[k]) == n && !strncasecmp(d->text + b, skip[k], n);
    if (!skipped) return false;
    e = b;
  }
  return false;
}

/* The token of the sentence that heads date dt (the one inside it whose
 * head lies outside), or -1; *first is its first token. */
static int date_head(const sent *s, const ann_date *dt, int *first_tok,
                     int *last_tok) {
  int first = -1, head = -1;
  *first_tok = *last_tok = -1;
  for (uint32_t i = 0; i < s->n; i++) {
    const ann_token *t = &s->t[i];
    if (t->start < dt->start || t->end > dt->end) continue;
    if (first < 0) first = *first_tok = (int)i;
    *last_tok = (int)i;
    int h = t->head - 1;
    if (head < 0 &&
        (h < 0 || s->t[h].start < dt->start || s->t[h].end > dt->end))
      head = (int)i;
  }
  return head >= 0 ? head : first;
}

/* A verb that shares the subject of verb v: coordinated with it and
 * without a subject of its own ("arrested and deported him"). */
static bool shares_subject(const sent *s, uint32_t a, uint32_t v) {
  const ann_token *t = &s->t[a];
  return rel_is(t, "conj") && t->head == (int32_t)v + 1 &&
         child(s, a, "nsubj", 0) < 0 && child(s, a, "csubj", 0) < 0;
}

/* A node that heads a clause of its own: a clausal relation, or a verb
 * (or predicate) at the root or coordinated. A verb the parse hung as a
 * noun ("denied on Thursday charges" with "charges" a verb) or as a
 * modifier ("the besieged town") heads none. */
static bool clause_head(const sent *s, uint32_t u) {
  const ann_token *t = &s->t[u];
  if (rel_is(t, "acl") || rel_is(t, "advcl") || rel_is(t, "ccomp") ||
      rel_is(t, "csubj") || rel_is(t, "parataxis") || rel_is(t, "xcomp"))
    return true;
  if (!rel_is(t, "root") && !rel_is(t, "conj")) return false;
  return upos_is(t, "VERB") || upos_is(t, "AUX") ||
         child(s, u, "cop", 0) >= 0;
}

/* Whether the date headed by token h is told of the clause of node v:
 * the way up from h reaches v through words of time ("the morning of June
 * 27"), nominal events ("an attack on Sunday"), verbs that share v's
 * subject, and for a time phrase ("on Sunday", "in 1968") any noun the
 * parse hung it on ("evacuated the wounded from the town on Friday"); but
 * never through another verb, and a date that modifies a thing ("the
 * leader of the 2019 protests") only through words of time and events. */
static bool date_of_clause(const sent *s, int h, uint32_t v, int first) {
  const ann_token *ht = &s->t[h];
  bool phrase = rel_is(ht, "obl") || rel_is(ht, "nmod") ||
                rel_is(ht, "advmod") || rel_is(ht, "dep");
  /* a time phrase whatever the parse made of it: "In 1968 Soviet troops
   * invaded" read as "in 1968-troops" */
  static const char *const at[] = {"in", "on", "at", "during"};
  for (size_t k = 0; first > 0 && k < sizeof at / sizeof *at; k++)
    if (tok_is(s, (uint32_t)first - 1, at[k])) phrase = true;
  for (int u = h, hops = 0; u >= 0 && hops < 12; hops++) {
    if (u == (int)v) return true;
    int p = s->t[u].head - 1;
    if (p < 0 || p >= (int)s->n) return false;
    if (u != h) {
      if (clause_head(s, (uint32_t)u)) {
        if (!shares_subject(s, (uint32_t)u, v)) return false;
      } else if (!ev_temporal(s, (uint32_t)u)) {
        int tg, u1, u2;
        const ev_trigger *tr = ev_pick(s, (uint32_t)u, &tg, &u1, &u2);
        if (!tr || !tr->noun) {
          if (!phrase) return false;
        }
      }
    }
    u = p;
  }
  return false;
}

static bool finite_verb(const ann_token *t) {
  return t->xpos && (!strcmp(t->xpos, "VBD") || !strcmp(t->xpos, "VBZ") ||
                     !strcmp(t->xpos, "VBP") || !strcmp(t->xpos, "MD"));
}

/* Whether token i, between the event at trig and a date, opens another
 * clause: a subordinator or relative word, a semicolon, or a finite verb
 * that is not the event's own (its auxiliaries, a verb sharing its
 * subject, the verb whose object a nominal event is). */
static bool clause_break(const sent *s, uint32_t trig, uint32_t i) {
  const ann_token *t = &s->t[i];
  static const char *const rel[] = {"which", "who", "whom", "whose",
                                    "where", ";"};
  if (upos_is(t, "SCONJ")) return true;
  for (size_t k = 0; k < sizeof rel / sizeof *rel; k++)
    if (tok_is(s, i, rel[k])) return true;
  if (!finite_verb(t)) return false;
  int th = s->t[trig].head - 1;
  /* the verb itself, or that of an auxiliary */
  uint32_t v = i;
  if ((rel_is(t, "aux") || rel_is(t, "cop")) && t->head > 0)
    v = (uint32_t)(t->head - 1);
  if (v == trig || shares_subject(s, v, trig)) return false;
  if ((int)v == th && (rel_is(&s->t[trig], "obj") ||
                       shares_subject(s, trig, v)))
    return false;
  return true;
}

/* Whether no other clause opens between the event at trig and the date
 * on tokens [first, last]: what the parse may have hung elsewhere ("Israel
 * Friday reimposed blockades", "demolished homes in Gaza on Sunday, ...
 * witnesses said") is still told in the event's own words. */
static bool surface_clause(const sent *s, uint32_t trig, int first,
                           int last) {
  if (first < 0) return false;
  uint32_t a, b;
  if (last < (int)trig) {
    a = (uint32_t)last + 1;
    b = trig;
  } else if (first > (int)trig) {
    a = trig + 1;
    b = (uint32_t)first;
  } else {
    return true;
  }
  for (uint32_t i = a; i < b; i++)
    if (clause_break(s, trig, i)) return false;
  return true;
}

/* Whether the date on tokens from first is when the event at trig was
 * told: it follows a verb of telling ("said on Monday", "announced
 * Tuesday", "said here late on Friday") with no other clause between
 * that verb and the event (but "that"). */
static bool telling(const ann_token *t) {
  static const char *const tell[] = {"say", "announce", "report", "tell",
                                     "confirm", "state", "declare", "add",
                                     "quote", "claim", "insist", "warn"};
  return lemma_in(t, tell, sizeof tell / sizeof *tell);
}

static bool told_date(const sent *s, uint32_t trig, int first) {
  int v = first - 1;
  while (v >= 0 && (tok_is(s, (uint32_t)v, "on") ||
                    tok_is(s, (uint32_t)v, "here") ||
                    tok_is(s, (uint32_t)v, "late") ||
                    tok_is(s, (uint32_t)v, "early")))
    v--;
  if (v < 0 || v == (int)trig || !finite_verb(&s->t[v])) return false;
  if (!telling(&s->t[v])) return false;
  /* "..., a United Nations official said on Friday." tells all before */
  if (trig < (uint32_t)v) {
    uint32_t e = (uint32_t)first;
    while (e < s->n && (upos_is(&s->t[e], "PROPN") || upos_is(&s->t[e], "NUM")))
      e++;
    while (e < s->n && upos_is(&s->t[e], "PUNCT")) e++;
    if (e >= s->n) return true;
  }
  uint32_t a = trig < (uint32_t)v ? trig + 1 : (uint32_t)first + 1;
  uint32_t b = trig < (uint32_t)v ? (uint32_t)v : trig;
  for (uint32_t i = a; i < b; i++)
    if (!tok_is(s, i, "that") && clause_break(s, trig, i)) return false;
  return true;
}

static const char *clause_date_of(const sent *s, uint32_t v) {
  for (size_t k = 0; k < s->d->dates.n; k++) {
    const ann_date *dt = &s->d->dates.v[k];
    if (dt->sentence != s->index || !dt->value || bounding_date(s->d, dt))
      continue;
    int first, last, h = date_head(s, dt, &first, &last);
    if (h < 0) continue;
    /* an unparsed sentence, or one the parse rooted in the date ("On
     * Tuesday, ... summoned"): its first date, as before the parse */
    if (s->t[h].head <= 0) return dt->value;
    if (date_of_clause(s, h, v, first) || surface_clause(s, v, first, last))
      return dt->value;
  }
  return NULL;
}

/* The date told in the clause of the event at trigger trig (doc->dates,
 * resolved by the record stage against the publication date), or NULL:
 * "Hrytsenko said Ukraine had lost 14% since May, and called on the EU"
 * gives the call no date, and "prosecutors have opened an investigation,
 * and the port said loading would resume on Wednesday" none to the
 * investigation. A verb coordinated with the trigger and sharing its
 * subject, the verb a participle or infinitive hangs on ("struck the port
 * on Monday, killing two"), and the light verb of a nominal event
 * ("carried out raids on Sunday") are of its clause. */
const char *ev_clause_date(const sent *s, uint32_t trig) {
  const char *v = clause_date_of(s, trig);
  for (int hops = 0; !v && hops < 2; hops++) {
    const ann_token *t = &s->t[trig];
    if (t->head <= 0) break;
    uint32_t h = (uint32_t)(t->head - 1);
    bool up = false;
    if (shares_subject(s, trig, h)) up = true; /* "arrested X on Sunday and deported him" */
    if (rel_is(t, "xcomp")) up = true; /* "threatened on Monday to strike" */
    if (rel_is(t, "advcl") && t->xpos && !strcmp(t->xpos, "VBG") &&
        child(s, trig, "mark", 0) < 0 && child(s, trig, "nsubj", 0) < 0)
      up = true; /* "..., killing two" */
    if ((upos_is(t, "NOUN") || upos_is(t, "PROPN")) && rel_is(t, "obj")) {
      const ev_class *light = ev_class_find(&s->c->dicts, "light");
      if (light && ev_node_in_class(s, h, light)) up = true;
    }
    if (!up) break;
    v = clause_date_of(s, h);
    trig = h;
  }
  return v;
}

/* Whether node a is on the way up from trig through the clauses that
 * embed it (reported speech, complements, adverbial clauses, nouns), not
 * through a coordinated clause of its own subject nor a relative clause. */
static bool embeds(const sent *s, uint32_t trig, int a) {
  for (int u = (int)trig, hops = 0; u >= 0 && hops < 24; hops++) {
    if (u == a) return true;
    const ann_token *t = &s->t[u];
    int p = t->head - 1;
    if (p < 0 || p >= (int)s->n) return false;
    if (rel_is(t, "acl")) return false;
    if (rel_is(t, "conj") && clause_head(s, (uint32_t)u) &&
        !shares_subject(s, (uint32_t)u, (uint32_t)p))
      return false;
    u = p;
  }
  return false;
}

/* The date of the clause that reports or governs the event at trig
 * ("Lebanon said on Tuesday that jets had bombed a village", "jets
 * bombed a village, Lebanon said on Tuesday"), or NULL. A clause that
 * is only coordinated with the event's, or below it, does not count. */
const char *ev_reporting_date(const sent *s, uint32_t trig) {
  for (size_t k = 0; k < s->d->dates.n; k++) {
    const ann_date *dt = &s->d->dates.v[k];
    if (dt->sentence != s->index || !dt->value || bounding_date(s->d, dt))
      continue;
    int first, last, h = date_head(s, dt, &first, &last);
    if (h < 0 || s->t[h].head <= 0) continue;
    if (told_date(s, trig, first)) return dt->value;
    /* the clause the date is in */
    int c = s->t[h].head - 1;
    for (int hops = 0; hops < 12 && !clause_head(s, (uint32_t)c) &&
                       s->t[c].head > 0;
         hops++)
      c = s->t[c].head - 1;
    if (c == (int)trig) continue; /* (its own clause: not a fallback) */
    if (embeds(s, trig, c)) return dt->value;
    /* "..., police said on Thursday": a telling hung on the event's way */
    if (rel_is(&s->t[c], "parataxis") && s->t[c].head > 0 &&
        telling(&s->t[c]) && embeds(s, trig, s->t[c].head - 1))
      return dt->value;
  }
  return NULL;
}

/* Whether date value v is after the publication date. */
static bool after_published(const ann_doc *d, const char *v) {
  if (!d->published || !v || !isdigit((unsigned char)v[0])) return false;
  size_t n = strlen(v), pn = strlen(d->published);
  if (n > pn) n = pn;
  return strncmp(v, d->published, n) > 0;
}

/* The latest day-precise date of the few sentences before: narratives
 * date an incident once and then go on telling it. (Not a date that only
 * bounds a period, nor one still ahead.) */
const char *ev_recent_date(const sent *s) {
  const char *best = NULL;
  for (size_t k = 0; k < s->d->dates.n; k++) {
    const ann_date *dt = &s->d->dates.v[k];
    if (dt->sentence < s->index - 6 || dt->sentence >= s->index || !dt->value)
      continue;
    if (strlen(dt->value) == 10 && !bounding_date(s->d, dt) &&
        !after_published(s->d, dt->value))
      best = dt->value;
  }
  return best;
}
