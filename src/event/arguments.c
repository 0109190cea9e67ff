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

/* A place attached to the trigger ("in Yekaterinburg", "the Yekaterinburg
 * killings"), else a place in an in/at/near phrase of the sentence. */
int32_t ev_place_of(const sent *s, uint32_t trig, bool countries) {
  for (int pass = 0; pass < 2; pass++)
    for (uint32_t i = 0; i < s->n; i++) {
      const ann_place *p = ev_place_at(s, i);
      if (!p || (!countries && !strcmp(p->kind ? p->kind : "", "country")))
        continue;
      const char *c = case_of(s, i);
      bool located = c && (!strcasecmp(c, "in") || !strcasecmp(c, "at") ||
                           !strcasecmp(c, "near"));
      if (pass == 0 && s->t[i].head == (int32_t)trig + 1 &&
          (located || rel_exact(&s->t[i], "compound")))
        return place_index(s->d, p);
      if (pass == 1 && located) return place_index(s->d, p);
    }
  return -1;
}

int32_t ev_event_place(const sent *s, uint32_t trig) {
  return ev_place_of(s, trig, false);
}

/* An explicit date in the sentence (doc->dates, resolved by the record
 * stage against the publication date). */
const char *ev_sentence_date(const sent *s) {
  for (size_t k = 0; k < s->d->dates.n; k++)
    if (s->d->dates.v[k].sentence == s->index && s->d->dates.v[k].value)
      return s->d->dates.v[k].value;
  return NULL;
}

/* The latest day-precise date of the few sentences before: narratives
 * date an incident once and then go on telling it. */
const char *ev_recent_date(const sent *s) {
  const char *best = NULL;
  for (size_t k = 0; k < s->d->dates.n; k++) {
    const ann_date *dt = &s->d->dates.v[k];
    if (dt->sentence < s->index - 6 || dt->sentence > s->index || !dt->value)
      continue;
    if (strlen(dt->value) == 10) best = dt->value;
  }
  return best;
}
