/*
 * coder.c — the "events" stage: actors and events from the parse.
 *
 * For each sentence: every verb or noun whose lemma is a trigger in
 * dicts/cameo/verbs.txt is an event candidate; its arguments come from the
 * dependency parse (nsubj / passive "by" agent as source, obj or the
 * trigger's preposition as target; for nominal events "by" and possessives
 * as source, "of"/"against"/"on" as target). An argument becomes an actor
 * when its phrase names a country (a place, a demonym, a seat of power), an
 * organisation of the actor dictionary, or a role ("police" -> COP), with a
 * nationality taken from the phrase, from an earlier mention of the same
 * person, or, for a bare role, from the country the document is about.
 * Well-known people are known by name (dicts/cameo/people.txt); a surname
 * told again takes its earlier actor; subject pronouns are the subject of
 * an earlier clause or the last source of the sentences before. When the
 * usual arguments name no target, the nearest named actor or place below
 * the trigger is the target (CAMEO codes a location's country when no one
 * else is aimed at); a joint act of coordinated actors has no target among
 * them. Candidates with no actor on either side are not reported, but they
 * still anchor later mentions of the same incident (place and date); an
 * agentless act inside another coded act's clause is background, dropped.
 *
 * This file holds the event pass (trigger choice, argument assembly, the
 * stage); passes.c holds the passes over a sentence's coded events that
 * follow it (recoding, merging, dropping background); actors.c resolves
 * phrases into actors and arguments.c finds a trigger's arguments, place
 * and date (coder_int.h).
 */
#include "coder_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ev_pick()'s answer for one token, computed once per sentence. */
typedef struct pick_memo {
  const struct ev_trigger *tr;
  int target, used, used2;
  bool done;
} pick_memo;
#define MEMO_MAX 401

/* ------------------------------------------------------------ events -- */

typedef struct anchor {
  char code[5];
  int32_t place;
  const char *date;
} anchor;

typedef struct run_ctx {
  anchor anchors[64];
  int nanchors;
} run_ctx;

static bool negated(const sent *s, uint32_t v) {
  for (uint32_t i = 0; i < s->n; i++)
    if (s->t[i].head == (int32_t)v + 1 &&
        (lemma_is(&s->t[i], "not") || lemma_is(&s->t[i], "never") ||
         (lemma_is(&s->t[i], "no") && rel_is(&s->t[i], "det"))))
      return true;
  return false;
}

static bool hypothetical(const sent *s, uint32_t v) {
  static const char *const modals[] = {"could", "would", "might", "may",
                                       "should", "can"};
  for (uint32_t i = 0; i < s->n; i++) {
    if (s->t[i].head != (int32_t)v + 1) continue;
    for (size_t m = 0; m < sizeof modals / sizeof *modals; m++)
      if (tok_is(s, i, modals[m])) return true;
    if (rel_is(&s->t[i], "mark") && tok_is(s, i, "if")) return true;
  }
  /* what someone was asked, urged or told to do has not happened:
   * "advised patients to examine the tablets", "encourage ports to offer
   * support", "told the government to pay" (the asking is the event) */
  static const char *const asked[] = {"advise", "urge",   "encourage",
                                      "ask",    "direct", "order",
                                      "tell",   "invite", "persuade",
                                      "instruct", "press", "call", "warn"};
  uint32_t x = v;
  for (int hops = 0; hops < 3 && s->t[x].head > 0; hops++) {
    const ann_token *t = &s->t[x];
    uint32_t h = (uint32_t)(t->head - 1);
    /* through coordination and "to" clauses of purpose: "encourage
     * residents to practise hygiene to help prevent the spread" (the
     * parse may read the asked act itself as one) */
    int mk = child(s, x, "mark", 0);
    bool purpose = rel_exact(t, "advcl") && mk >= 0 &&
                   tok_is(s, (uint32_t)mk, "to");
    if ((rel_is(t, "xcomp") || purpose) &&
        (child(s, h, "obj", 0) >= 0 || child(s, h, "iobj", 0) >= 0) &&
        lemma_in(&s->t[h], asked, sizeof asked / sizeof *asked))
      return true;
    if (!rel_is(t, "conj") && !rel_is(t, "xcomp") && !purpose) break;
    x = h;
  }
  return false;
}

/* Does node v (or something within two levels below it) have lemma w? */
static bool has_below(const sent *s, uint32_t v, const char *w, size_t wl) {
  uint32_t stack[16];
  int depth[16], n = 0;
  stack[n] = v;
  depth[n++] = 0;
  while (n > 0) {
    n--;
    uint32_t x = stack[n];
    int dx = depth[n];
    for (uint32_t i = 0; i < s->n; i++) {
      if (s->t[i].head != (int32_t)x + 1) continue;
      const char *l = s->t[i].lemma;
      if (l && strlen(l) == wl && !strncasecmp(l, w, wl)) return true;
      if (dx < 1 && n < 16) {
        stack[n] = i;
        depth[n++] = dx + 1;
      }
    }
  }
  return false;
}

/* Is node v of class cls: its lemma is a word of the class, or the class
 * has "a>b" (lemma a with b below it: "lift>sanction"). */
bool ev_node_in_class(const sent *s, uint32_t v, const ev_class *cls) {
  const char *l = s->t[v].lemma;
  if (!l) return false;
  size_t ll = strlen(l);
  for (size_t k = 0; k < cls->nwords; k++) {
    const char *w = cls->words[k], *gt = strchr(w, '>');
    if (!gt) {
      if (!strcasecmp(w, l)) return true;
      continue;
    }
    if ((size_t)(gt - w) == ll && !strncasecmp(w, l, ll) &&
        has_below(s, v, gt + 1, strlen(gt + 1)))
      return true;
  }
  return false;
}

/* Is the phrase headed by h of class cls: h itself (when self), or within
 * two levels below it a modifier, object or governed verb ("economic aid",
 * "the release of prisoners", "to provide food")? */
int ev_class_at(const sent *s, uint32_t h, const ev_class *cls, bool self) {
  /* (and any nmod: "nmod:poss" too) */
  static const char *const rels[] = {"amod",  "compound", "obj",
                                     "xcomp", "flat",     "acl", "conj"};
  uint32_t stack[16];
  int depth[16], n = 0;
  if (self && ev_node_in_class(s, h, cls)) return (int)h;
  stack[n] = h;
  depth[n++] = 0;
  while (n > 0) {
    n--;
    uint32_t v = stack[n];
    int dv = depth[n];
    for (uint32_t i = 0; i < s->n; i++) {
      if (s->t[i].head != (int32_t)v + 1) continue;
      bool ok = rel_is(&s->t[i], "nmod");
      for (size_t r = 0; r < sizeof rels / sizeof *rels && !ok; r++)
        ok = rel_exact(&s->t[i], rels[r]);
      /* the clause the parse hung on a "that" made object: "demanded
       * that the government release ..." */
      if (!ok && upos_is(&s->t[v], "SCONJ") &&
          !upos_is(&s->t[i], "PUNCT"))
        ok = true;
      if (!ok) continue;
      if (ev_node_in_class(s, i, cls)) return (int)i;
      if (dv < 1 && n < 16) {
        stack[n] = i;
        depth[n++] = dv + 1;
      }
    }
  }
  return -1;
}

/* Has verb i the particle w ("crack down", "called on" with "on" read as
 * an adverb)? */
static bool has_particle(const sent *s, uint32_t i, const char *w) {
  for (uint32_t k = 0; k < s->n; k++)
    if (s->t[k].head == (int32_t)i + 1 &&
        (rel_exact(&s->t[k], "compound:prt") ||
         rel_exact(&s->t[k], "advmod")) &&
        lemma_is(&s->t[k], w))
      return true;
  /* the word right after the verb, whatever the parse made of it: "let
   * free six peacekeepers" with "free" read as the object's adjective */
  const ann_token *n = i + 1 < s->n ? &s->t[i + 1] : NULL;
  return n && upos_is(&s->t[i], "VERB") && lemma_is(n, w) &&
         (upos_is(n, "ADJ") || upos_is(n, "ADV") || upos_is(n, "ADP")) &&
         (rel_exact(n, "amod") || rel_exact(n, "xcomp") ||
          rel_exact(n, "compound:prt") || rel_exact(n, "advmod"));
}

/* The verb i governs with "to": its xcomp, or an advcl marked "to" ("called
 * on the minister to resign" parsed as a purpose clause). */
static int to_clause(const sent *s, uint32_t i) {
  int x = child(s, i, "xcomp", 0);
  if (x >= 0) return x;
  for (int a = child(s, i, "advcl", 0); a >= 0;
       a = child(s, i, "advcl", (uint32_t)a + 1)) {
    int m = child(s, (uint32_t)a, "mark", 0);
    if (m >= 0 && lemma_is(&s->t[m], "to")) return a;
  }
  return -1;
}

/* The phrase introduced by prep on the object ob, or on a phrase in
 * apposition to it ("forced the agency, UNHCR, out of the country"). */
static int case_on_obj(const sent *s, int ob, const char *prep) {
  if (ob < 0) return -1;
  int a = ev_by_case(s, (uint32_t)ob, prep);
  for (int x = child(s, (uint32_t)ob, "appos", 0); a < 0 && x >= 0;
       x = child(s, (uint32_t)ob, "appos", (uint32_t)x + 1))
    a = ev_by_case(s, (uint32_t)x, prep);
  return a;
}

/* Where pattern tr's class is met for trigger i: the head of the phrase
 * that has it (>= 0), -1 when met by the trigger's own modifiers, -2 when
 * not met. A verb's phrases: its preposition's phrase when the pattern
 * names one (or for "to", the governed verb), else its object, passive
 * subject, governed verb or clause. A noun's: its modifiers ("economic
 * sanctions"), or its preposition's phrase. */
/* The phrases of verb i that class_match looks at beyond its object,
 * found once per word: the "to" clause, the "for" phrases or clauses. */
typedef struct verb_phrases {
  int toc;     /* to_clause() */
  int to;      /* to_clause() when there is no xcomp, else -1 */
  int fors[4]; /* advcl/obl children marked "for" */
  int nfor;
} verb_phrases;

static void find_phrases(const sent *s, uint32_t i, verb_phrases *vp) {
  vp->toc = to_clause(s, i);
  vp->to = child(s, i, "xcomp", 0) < 0 ? vp->toc : -1;
  vp->nfor = 0;
  for (uint32_t a = 0; a < s->n && vp->nfor < 4; a++) {
    if (s->t[a].head != (int32_t)i + 1 ||
        !(rel_is(&s->t[a], "advcl") || rel_is(&s->t[a], "obl")))
      continue;
    int m = child(s, a, "mark", 0);
    if (m < 0) m = child(s, a, "case", 0);
    if (m >= 0 && lemma_is(&s->t[m], "for")) vp->fors[vp->nfor++] = (int)a;
  }
}

static int class_match(const sent *s, uint32_t i, const ev_trigger *tr,
                       bool verb, int *node, const verb_phrases *vp) {
  const ev_class *cls = tr->cls;
  if (tr->word2) {
    int a = ev_by_case(s, i, tr->word2);
    if (a >= 0 && (*node = ev_class_at(s, (uint32_t)a, cls, true)) >= 0)
      return a;
    /* the phrase hung on the object: "holding refugees as human shields" */
    int ob = verb ? child(s, i, "obj", 0) : -1;
    /* a past tense read as its object's adjective: "Russia fired
     * missiles at Kyiv" as "the fired missiles" */
    const ann_token *vt = &s->t[i];
    if (verb && ob < 0 && rel_exact(vt, "amod") && vt->head > (int32_t)i + 1)
      ob = vt->head - 1;
    bool hung = a >= 0;
    a = case_on_obj(s, ob, tr->word2);
    if (a >= 0 && (*node = ev_class_at(s, (uint32_t)a, cls, true)) >= 0)
      return a;
    hung |= a >= 0;
    bool particle = has_particle(s, i, tr->word2);
    /* "forced the agency out of the country": the phrase tells where it
     * goes; the object is what the act is about */
    if (verb && (particle || hung || !strcmp(tr->word2, "to"))) {
      /* (or, passive, its subject: "peacekeepers were shipped out of") */
      static const char *const rels[] = {"xcomp", "obj", "nsubj:pass"};
      for (size_t r = 0; r < 3; r++)
        for (int x = r == 1 ? ob : child(s, i, rels[r], 0); x >= 0;
             x = r == 1 ? -1 : child(s, i, rels[r], (uint32_t)x + 1))
          if ((*node = ev_class_at(s, (uint32_t)x, cls, true)) >= 0) return x;
    }
    /* what the addressee is asked to do: "called on the minister to
     * resign", "appealed to them for food" */
    int xc = verb ? vp->toc : -1;
    if (xc >= 0 && (*node = ev_class_at(s, (uint32_t)xc, cls, true)) >= 0)
      return xc;
    /* a particle verb's phrase: "pulled out of the talks" */
    for (uint32_t x = 0; particle && x < s->n; x++)
      if (s->t[x].head == (int32_t)i + 1 && rel_is(&s->t[x], "obl") &&
          (*node = ev_class_at(s, x, cls, true)) >= 0)
        return (int)x;
    return -2;
  }
  if (!verb) return (*node = ev_class_at(s, i, cls, false)) >= 0 ? -1 : -2;
  static const char *const rels[] = {"obj", "nsubj:pass", "xcomp", "ccomp"};
  for (size_t r = 0; r < sizeof rels / sizeof *rels; r++)
    for (int x = child(s, i, rels[r], 0); x >= 0;
         x = child(s, i, rels[r], (uint32_t)x + 1))
      if ((*node = ev_class_at(s, (uint32_t)x, cls, true)) >= 0) return x;
  /* the verb governed with "to" the parse made a purpose clause: "failed
   * to renew sanctions" */
  int tc = vp->to;
  if (tc >= 0 && (*node = ev_class_at(s, (uint32_t)tc, cls, true)) >= 0)
    return tc;
  /* what the object is for, hung on the verb: "rejected a proposal for
   * signing a trade agreement", "... for a cease-fire" */
  for (int f = 0; f < vp->nfor; f++)
    if ((*node = ev_class_at(s, (uint32_t)vp->fors[f], cls, true)) >= 0)
      return vp->fors[f];
  /* a past tense read as a participle of its object ("Serbia eased
   * emergency measures" parsed as "the eased measures") */
  const ann_token *t = &s->t[i];
  if (rel_exact(t, "amod") && t->head > (int32_t)i + 1 &&
      (*node = ev_class_at(s, (uint32_t)(t->head - 1), cls, true)) >= 0)
    return t->head - 1;
  return -2;
}

/* Choose the trigger entry for token i: a two-word pattern whose second
 * word is a particle or the case of an argument, else the plain entry. */
/* Has the range tr[0..n) a noun (or a verb) entry? */
static bool has_kind(const ev_trigger *tr, size_t n, bool noun) {
  for (size_t k = 0; tr && k < n; k++)
    if (tr[k].noun == noun) return true;
  return false;
}

/* Token i as written, lower-cased into w when it fits in cap bytes with
 * its terminator: its length, else 0. */
static size_t word_lower(const sent *s, uint32_t i, char *w, size_t cap) {
  size_t wn = s->t[i].end - s->t[i].start;
  if (wn >= cap) return 0;
  for (size_t k = 0; k < wn; k++)
    w[k] = (char)tolower((unsigned char)s->d->text[s->t[i].start + k]);
  w[wn] = 0;
  return wn;
}

static const ev_trigger *pick_entry(const sent *s, uint32_t i,
                                    int *target, int *used, int *used2) {
  const ann_token *t = &s->t[i];
  if (!t->lemma) return NULL;
  /* a proper name is no nominal event ("the Warsaw Pact"), unless it only
   * looks like one by opening the sentence */
  bool noun = upos_is(t, "NOUN") || (upos_is(t, "PROPN") && i == 0);
  bool verb = upos_is(t, "VERB");
  /* a past tense tagged as an adjective right after a noun ("Soviet troops
   * invaded Czechoslovakia") */
  if (!noun && !verb && upos_is(t, "ADJ") && i > 0 &&
      (upos_is(&s->t[i - 1], "NOUN") || upos_is(&s->t[i - 1], "PROPN")) &&
      t->end - t->start > 4 && !strncmp(s->d->text + t->end - 2, "ed", 2)) {
    /* only before any verb: after one it is a participle ("attacked by
     * militiamen armed with machetes") */
    verb = true;
    for (uint32_t j = 0; j < i && verb; j++)
      verb = !upos_is(&s->t[j], "VERB") && !upos_is(&s->t[j], "AUX");
  }
  if (!noun && !verb) return NULL;
  /* a word in capitals among words that are not is an acronym, not the
   * word it spells: "HIV/AIDS" is no aid, "the ARMS trial" no weapons */
  if (t->end - t->start >= 3) {
    bool caps = true;
    for (uint32_t b = t->start; b < t->end && caps; b++)
      caps = !islower((unsigned char)s->d->text[b]);
    bool lower_near = false;
    for (uint32_t j = i > 3 ? i - 3 : 0; j <= i + 3 && j < s->n; j++)
      for (uint32_t b = s->t[j].start; j != i && b < s->t[j].end; b++)
        if (islower((unsigned char)s->d->text[b])) lower_near = true;
    if (caps && lower_near) return NULL;
  }
  char low[64];
  size_t n = strlen(t->lemma);
  if (n >= sizeof low) return NULL;
  for (size_t k = 0; k <= n; k++) low[k] = (char)tolower((unsigned char)t->lemma[k]);
  size_t cnt;
  const ev_trigger *tr = ev_triggers_find(&s->c->dicts, low, n, &cnt);
  /* a noun whose lemma has only verb entries ("talks" -> talk): the word
   * as written, then the lemma without a plural s ("killings") */
  if (noun && !has_kind(tr, cnt, true)) {
    char w[64];
    size_t wn = word_lower(s, i, w, sizeof w);
    const ev_trigger *t2 = NULL;
    size_t c2 = 0;
    if (wn && strcmp(w, low)) t2 = ev_triggers_find(&s->c->dicts, w, wn, &c2);
    if (!has_kind(t2, c2, true) && n > 3 && low[n - 1] == 's') {
      low[n - 1] = 0;
      t2 = ev_triggers_find(&s->c->dicts, low, n - 1, &c2);
      low[n - 1] = 's';
    }
    if (has_kind(t2, c2, true)) {
      tr = t2;
      cnt = c2;
    }
  }
  /* a lemmatiser miss ("rioted" -> "riote", "expelled" -> "expell"): the
   * regular stems of the word as written */
  if (!tr && verb) {
    char w[64];
    size_t wn = word_lower(s, i, w, sizeof w - 2);
    if (wn > 4) {
      size_t stem = 0;
      if (wn > 4 && !strcmp(w + wn - 3, "ing")) stem = wn - 3;
      else if (!strcmp(w + wn - 2, "ed")) stem = wn - 2;
      else if (w[wn - 1] == 's') stem = wn - 1;
      if (stem >= 3) {
        char cand[3][64];
        int nc = 0;
        if (stem >= 3 && !strcmp(w + wn - 3, "ied")) { /* "denied" */
          memcpy(cand[nc], w, stem - 1);
          memcpy(cand[nc++] + stem - 1, "y", 2);
        }
        memcpy(cand[nc], w, stem); /* "rioted" */
        cand[nc++][stem] = 0;
        if (w[stem - 1] == w[stem - 2]) { /* "expelled" */
          memcpy(cand[nc], w, stem - 1);
          cand[nc++][stem - 1] = 0;
        } else { /* "raided" -> "raid", "forced" -> "force" */
          memcpy(cand[nc], w, stem);
          memcpy(cand[nc++] + stem, "e", 2);
        }
        for (int c = 0; c < nc && !tr; c++)
          tr = ev_triggers_find(&s->c->dicts, cand[c], strlen(cand[c]), &cnt);
      }
    }
  }
  *target = -1;
  *used = *used2 = -1;
  const ev_trigger *plain = NULL;
  verb_phrases vp;
  bool vp_done = false;
  for (size_t k = 0; k < cnt; k++) {
    if (tr[k].noun != noun) continue;
    if (tr[k].cls) { /* "appeal for @aid", "sanctions @econ" */
      if (!vp_done) {
        if (verb) find_phrases(s, i, &vp);
        else vp.toc = vp.to = -1, vp.nfor = 0;
        vp_done = true;
      }
      int at = class_match(s, i, &tr[k], verb, used2, &vp);
      if (at == -2) continue;
      if (at >= 0 && tr[k].word2 && ev_by_case(s, i, tr[k].word2) == at)
        *target = at;
      *used = at;
      return &tr[k];
    }
    if (!tr[k].word2) {
      if (!plain) plain = &tr[k];
      continue;
    }
    if (has_particle(s, i, tr[k].word2)) return &tr[k];
    /* a verb with its fixed object: "open fire", "take hostage" */
    int ob = verb ? child(s, i, "obj", 0) : -1;
    /* a past tense read as its object's adjective: "police opened fire"
     * as "the opened fire", "tanks fired shells at" */
    if (verb && ob < 0 && rel_exact(t, "amod") && t->head > (int32_t)i + 1)
      ob = t->head - 1;
    if (ob >= 0 && lemma_is(&s->t[ob], tr[k].word2)) {
      *used = ob;
      return &tr[k];
    }
    int a = ev_by_case(s, i, tr[k].word2);
    /* or hung on the object: "forced the agency out of the country",
     * "fired shells on the town" */
    if (a < 0) a = case_on_obj(s, ob, tr[k].word2);
    if (a >= 0) {
      *target = a;
      return &tr[k];
    }
    if (!strcmp(tr[k].word2, "to")) { /* "threaten to invade" */
      int x = child(s, i, "xcomp", 0);
      if (x >= 0) return &tr[k];
    }
  }
  return plain;
}

/* pick_entry, where a "none" pattern (no event) is no trigger at all */
const ev_trigger *ev_pick(const sent *s, uint32_t i, int *target, int *used,
                          int *used2) {
  pick_memo *m = s->memo && i < MEMO_MAX ? &s->memo[i] : NULL;
  if (m && m->done) {
    *target = m->target;
    *used = m->used;
    *used2 = m->used2;
    return m->tr;
  }
  const ev_trigger *tr = pick_entry(s, i, target, used, used2);
  if (tr && tr->code == &s->c->dicts.none) tr = NULL;
  if (m) *m = (pick_memo){tr, *target, *used, *used2, true};
  return tr;
}

/* Is the target of a meeting (036, 04x) only its venue: a town or region
 * in an "in", "at" or "near" phrase ("met two women in Hampshire", "will
 * meet in Mumbai", "meetings in Washington")? The venue is never the
 * other side; a country stays (talks "in Iraq" are often about it), and so
 * does where a visit goes (042, 043: "arrived in Kabul"). Other acts keep
 * their places ("reimposed blockades in the West Bank"). */
static bool venue_target(const sent *s, const ev_trigger *tr, const found *tgt) {
  const char *code = tr->code->code;
  if (!tgt || tgt->head < 0 || tgt->role[0]) return false;
  if (strncmp(code, "036", 3) && strncmp(code, "04", 2)) return false;
  if (!strncmp(code, "042", 3) || !strncmp(code, "043", 3)) return false;
  const ann_place *pl = ev_place_at(s, (uint32_t)tgt->head);
  if (!pl || (pl->kind && !strcmp(pl->kind, "country"))) return false;
  return at_place_case(case_of(s, (uint32_t)tgt->head));
}

static void add_event(sent *s, run_ctx *rc, uint32_t trig,
                      const ev_trigger *tr, found *src, found *tgt) {
  ann_doc *d = s->d;
  if (venue_target(s, tr, tgt)) tgt = NULL;
  int32_t place = ev_event_place(s, trig);
  /* where it happened, countries included ("in Hong Kong", "in Russia") */
  const int32_t here = place >= 0 ? place : ev_place_of(s, trig, true);
  const char *date = ev_clause_date(s, trig);
  /* the same incident told again inherits where and when (but a statement
   * is no incident: "a lawyer said" and later "the newspaper said" are two
   * statements, not one made on the first one's date) */
  for (int k = rc->nanchors - 1; k >= 0; k--) {
    if (strncmp(rc->anchors[k].code, tr->code->code, 3)) continue;
    if (place < 0) place = rc->anchors[k].place;
    if (!date && strncmp(tr->code->code, "01", 2)) date = rc->anchors[k].date;
    break;
  }
  if (!date) date = ev_reporting_date(s, trig);
  /* (nor is it dated by the days an earlier sentence names: "Walgreen
   * left the network on Jan. 1 ... 'Right now is the worst part,' Crawford
   * said" was said when published) */
  if (!date && strncmp(tr->code->code, "01", 2)) date = ev_recent_date(s);
  if (rc->nanchors < 64) {
    anchor *a = &rc->anchors[rc->nanchors++];
    snprintf(a->code, sizeof a->code, "%s", tr->code->code);
    a->place = place;
    a->date = date;
  }
  if (!src && !tgt) return; /* an anchor only */
  /* an incident dated by an earlier sentence happened where that sentence
   * says ("in Yekaterinburg on June 27 ... Azerbaijanis were killed"):
   * when and where are told together */
  int32_t dated = -1;
  for (size_t k = 0; place < 0 && date && k < d->dates.n; k++)
    if (d->dates.v[k].value == date) dated = d->dates.v[k].sentence;
  for (size_t k = 0; dated >= 0 && dated < s->index && k < d->places.n; k++) {
    const ann_place *p = &d->places.v[k];
    if (p->sentence != dated || (p->kind && !strcmp(p->kind, "country")))
      continue;
    static const char *const at[] = {"in ", "at ", "near "};
    bool located = false;
    for (size_t a = 0; a < sizeof at / sizeof *at && !located; a++) {
      size_t n = strlen(at[a]);
      located = p->start >= n && !strncasecmp(d->text + p->start - n, at[a], n);
    }
    if (located) {
      place = (int32_t)k;
      break;
    }
  }
  if (place < 0 && d->dateline.present)
    for (size_t k = 0; k < d->places.n; k++)
      if (d->places.v[k].start >= d->dateline.start &&
          d->places.v[k].end <= d->dateline.end) {
        place = (int32_t)k;
        break;
      }
  /* civilians of no stated nationality are the people of the place the
   * act happened: "killed 23 people in Tel Aviv" */
  found local;
  if (tgt && !tgt->country[0] && !strcmp(tgt->role, "CVL") && here >= 0 &&
      !(tgt->head >= 0 && ev_is_visitor(s, (uint32_t)tgt->head)) &&
      d->places.v[here].country3[0]) {
    local = *tgt;
    ev_set_country(&local, d->places.v[here].country3);
    tgt = &local;
  }
  /* the same for civilians who act: "people blocked streets in Hong Kong",
   * "prisoners rioted at a jail in Dili" */
  found local_src;
  if (src && !src->country[0] && !strcmp(src->role, "CVL") && here >= 0 &&
      !(src->head >= 0 && ev_is_visitor(s, (uint32_t)src->head)) &&
      d->places.v[here].country3[0]) {
    local_src = *src;
    ev_set_country(&local_src, d->places.v[here].country3);
    src = &local_src;
  }
  /* armed people of no stated allegiance ("gunmen", "a suicide bomber")
   * are of the place they act in, not of a country the sentence names
   * for another reason ("gunmen killed two French tourists in Mali":
   * MLIUAF), and never of their victims' own country by that guess alone
   * ("gunmen kidnapped 20 schoolchildren in northern Nigeria" names no
   * Nigerian attacker: UAF) */
  /* (criminals too: "Pirates hijacked a Greek tanker off Somalia" are no
   * Greek pirates) */
  found armed;
  if (src && src->implied &&
      (!strcmp(src->role, "UAF") || !strcmp(src->role, "CRM"))) {
    armed = *src;
    char cc[sizeof armed.country];
    snprintf(cc, sizeof cc, "%s",
             here >= 0 && d->places.v[here].country3[0]
                 ? d->places.v[here].country3
                 : armed.country);
    ev_set_country(&armed, tgt && !strcmp(tgt->country, cc) ? "" : cc);
    src = &armed;
  } else if (src && src->implied && here >= 0 &&
             d->places.v[here].country3[0] && src->role[0] &&
             strcmp(src->country, d->places.v[here].country3)) {
    /* and so are people of no stated country who are no state's
     * (protesters, workers, students: "Protesters stormed the US embassy
     * in Baghdad" are Iraqi, not American by the only adjective) */
    if (!ev_state_role(src->role)) {
      armed = *src;
      ev_set_country(&armed, d->places.v[here].country3);
      src = &armed;
    }
  }
  /* a protest that names no one it is aimed at is aimed at the
   * authorities of where it happens: "supporters of Ben Bella blocked
   * roads in Algiers", "Kurds rallied in Stockholm" */
  found venue;
  /* (not a place that tells where the protesters are from: "Palestinians
   * in the West Bank protested against the settlement") */
  bool theirs = false;
  for (uint32_t k = 0; src && src->head >= 0 && here >= 0 && k < s->n; k++) {
    if (s->t[k].start < d->places.v[here].start ||
        s->t[k].start >= d->places.v[here].end)
      continue;
    int u = (int)k;
    /* through nouns only: a clause below the source is its own act */
    for (int hops = 0; hops < 8 && u >= 0 && !theirs; hops++) {
      theirs = u == src->head;
      if (upos_is(&s->t[u], "VERB")) break;
      u = s->t[u].head - 1;
    }
    break;
  }
  if (!tgt && !strncmp(tr->code->code, "14", 2) && here >= 0 && !theirs &&
      d->places.v[here].country3[0] &&
      !(src && !strcmp(src->country, d->places.v[here].country3) &&
        src->implied)) {
    const ann_place *pl = &d->places.v[here];
    ev_country_actor(&venue, pl->country3, "", pl->start, pl->end, false);
    tgt = &venue;
  }
  int32_t si = src ? ev_add_actor(s, src) : -1;
  /* nobody acts on the very words that name them: a target found in the
   * source's own phrase is none */
  if (src && tgt && src->end > src->start && tgt->start >= src->start &&
      tgt->end <= src->end)
    tgt = NULL;
  int32_t ti = tgt ? ev_add_actor(s, tgt) : -1;
  ann_event *e = ANN_PUSH(d->arena, &d->events);
  if (!e) return;
  const ev_code *c = tr->code;
  e->source = si;
  e->target = ti;
  e->cameo = c->code;
  e->quad = c->quad;
  e->goldstein = c->goldstein;
  e->plover_type = c->plover_type;
  e->plover_mode = c->plover_mode;
  if (!date && d->published)
    date = ann_strndup(d->arena, d->published,
                       strlen(d->published) < 10 ? strlen(d->published) : 10);
  e->date = date;
  e->place = place;
  e->negated = negated(s, trig);
  e->hypothetical = hypothetical(s, trig);
  e->sentence = s->index;
  e->ev_start = s->t[trig].start;
  e->ev_end = s->t[trig].end;
}

/* The speaker of a clause whose own subject is a pronoun or missing: the
 * subject of the verb it is reported by or depends on ("Uganda said it had
 * paid", "X agreed to provide"). */
bool ev_speaker(const sent *s, uint32_t v, found *f) {
  for (int hops = 0; hops < 4; hops++) {
    const ann_token *t = &s->t[v];
    if (t->head <= 0) return false;
    if (!rel_is(t, "ccomp") && !rel_is(t, "xcomp") && !rel_is(t, "advcl") &&
        !rel_is(t, "conj") && !rel_is(t, "obj") && !rel_is(t, "nsubj"))
      return false;
    /* a participle hung on a closing "X said" after a clause of its own
     * subject is that clause's doing, not the speaker's: "The military
     * government ... declared a state of siege in Haiti, suspending parts
     * of the constitution and arresting political opponents, a
     * spokeswoman for the U.S. embassy said" */
    if (t->xpos && !strcmp(t->xpos, "VBG") && t->head - 1 > (int)v &&
        child(s, v, "nsubj", 0) < 0) {
      uint32_t hv = (uint32_t)(t->head - 1);
      for (uint32_t k = v; k-- > 0;) {
        if (s->t[k].head != (int32_t)hv + 1 || !upos_is(&s->t[k], "VERB") ||
            !(rel_is(&s->t[k], "ccomp") || rel_is(&s->t[k], "conj") ||
              rel_is(&s->t[k], "parataxis")))
          continue;
        int ks = child(s, k, "nsubj", 0);
        if (ks >= 0 && !ev_is_pronoun(s, (uint32_t)ks))
          return ev_resolve(s, (uint32_t)ks, NULL, f);
        break;
      }
      /* (or the clause the closing "X said" itself hangs on: "The army
       * declared martial law ..., closing the borders ..., a spokesman
       * said" read with "said" a side remark of "declared") */
      const ann_token *ht = &s->t[hv];
      if (ht->head > 0 && ht->head - 1 < (int)v && rel_is(ht, "parataxis") &&
          upos_is(&s->t[ht->head - 1], "VERB")) {
        int ks = child(s, (uint32_t)(ht->head - 1), "nsubj", 0);
        if (ks >= 0 && !ev_is_pronoun(s, (uint32_t)ks))
          return ev_resolve(s, (uint32_t)ks, NULL, f);
      }
    }
    bool on_noun = rel_is(t, "advcl") &&
                   (upos_is(&s->t[t->head - 1], "NOUN") ||
                    upos_is(&s->t[t->head - 1], "PROPN"));
    v = (uint32_t)(t->head - 1);
    /* a clause hung on a noun is that noun's doing ("Debris from a drone
     * ..., killing two workers, officials said" parsed with "killing"
     * below "Debris"): no speaker above it acted */
    if (on_noun) return false;
    bool passive = false;
    int sh = ev_subject(s, v, &passive);
    /* the nearest clause with a subject of its own decides: "Debris ...
     * struck, killing two workers, officials said" is the debris's doing,
     * not the officials', even though debris is no actor */
    if (sh >= 0 && !passive && !ev_is_pronoun(s, (uint32_t)sh))
      return ev_resolve(s, (uint32_t)sh, NULL, f);
  }
  return false;
}

/* Whether the token at p is a subject pronoun that can stand for an actor;
 * *person is set for he/she, which only stand for an actor with a role. */
static bool actor_pronoun(const sent *s, uint32_t p, bool *person) {
  static const char *const prons[] = {"he", "she", "it", "they", "we"};
  for (size_t k = 0; k < sizeof prons / sizeof *prons; k++)
    if (tok_is(s, p, prons[k])) {
      *person = k < 2;
      return true;
    }
  return false;
}

/* The actor a subject pronoun stands for: the source of the last event of
 * the two sentences before (a role for he/she, anything for it/they). */
static bool antecedent(const sent *s, uint32_t p, found *f) {
  bool person = false;
  if (!actor_pronoun(s, p, &person)) return false;
  const ann_doc *d = s->d;
  /* the source of the last event before: subjects stay subjects */
  for (size_t k = d->events.n; k-- > 0;) {
    const ann_event *e = &d->events.v[k];
    if (e->sentence >= s->index) continue;
    if (e->sentence < s->index - 2) break;
    if (e->source < 0) continue;
    const ann_actor *a = &d->actors.v[e->source];
    if (!a->code || !a->code[0] || a->end == a->start) continue;
    if (person && !a->role) continue;
    memset(f, 0, sizeof *f);
    snprintf(f->code, sizeof f->code, "%s", a->code);
    if (a->country) snprintf(f->country, sizeof f->country, "%s", a->country);
    if (a->role) snprintf(f->role, sizeof f->role, "%s", a->role);
    f->start = s->t[p].start;
    f->end = s->t[p].end;
    f->head = (int)p;
    return true;
  }
  return false;
}

static bool named(const found *f);

/* The subject of an earlier clause of the sentence that a subject
 * pronoun at p stands for: the nearest non-pronoun subject before it that
 * names an actor (he/she: one with a role). */
static bool earlier_subject(const sent *s, uint32_t p, found *f) {
  bool person = false;
  if (!actor_pronoun(s, p, &person)) return false;
  for (uint32_t j = p; j-- > 0;) {
    if (!rel_is(&s->t[j], "nsubj") || ev_is_pronoun(s, j)) continue;
    /* he/she is one person: not "jets", "the police" */
    if (person && (xpos_is(&s->t[j], "NNS") || xpos_is(&s->t[j], "NNPS")))
      continue;
    found g;
    if (!ev_resolve(s, j, NULL, &g) || (person && !g.role[0])) continue;
    *f = g;
    f->start = s->t[p].start;
    f->end = s->t[p].end;
    return true;
  }
  return false;
}

/* A name the dictionaries do not know, told after its description: "A
 * member of the Syrian parliament, Mohammed Mamoun, started ...": the
 * phrase before the comma. */
static bool apposition_before(const sent *s, uint32_t h, found *f) {
  if (!upos_is(&s->t[h], "PROPN") || h < 2 || !tok_is(s, h - 1, ",")) return false;
  /* the head of the phrase that ends just before the comma */
  uint32_t j = h - 2;
  for (int hops = 0; hops < 4; hops++) {
    int hd = s->t[j].head - 1;
    if (hd < 0 || hd >= (int)h - 1 || hd > (int)j + 8) break;
    j = (uint32_t)hd;
  }
  if (!(upos_is(&s->t[j], "NOUN") || upos_is(&s->t[j], "PROPN"))) return false;
  found g;
  if (!ev_resolve(s, j, NULL, &g) || !(named(&g) || g.role[0])) return false;
  *f = g;
  return true;
}

/* A verb with no subject: the nearest actor among the few words before it
 * in its clause (stops at a verb, a comma or a subordinator). */
static bool left_subject(const sent *s, uint32_t v, found *f) {
  for (uint32_t j = v, k = 0; j-- > 0 && k < 6; k++) {
    const ann_token *t = &s->t[j];
    if (upos_is(t, "VERB") || upos_is(t, "SCONJ") || upos_is(t, "PUNCT") ||
        upos_is(t, "ADP") || upos_is(t, "CCONJ"))
      return false;
    if (ev_temporal(s, j)) continue;
    if (upos_is(t, "NOUN") || upos_is(t, "PROPN") || upos_is(t, "ADJ")) {
      found g;
      if (ev_resolve(s, j, NULL, &g) && (named(&g) || g.role[0])) {
        *f = g;
        return true;
      }
    }
  }
  return false;
}

/* Up to max heads: h and the phrases coordinated with it ("Russia and
 * Iran"). */
static int conjuncts(const sent *s, int h, int *out, int max) {
  if (h < 0) return 0;
  int n = 0;
  out[n++] = h;
  for (uint32_t i = 0; i < s->n && n < max; i++)
    if (s->t[i].head == h + 1 && rel_is(&s->t[i], "conj") &&
        (upos_is(&s->t[i], "NOUN") || upos_is(&s->t[i], "PROPN") ||
         upos_is(&s->t[i], "ADJ"))) {
      /* a country after a comma that locates the place before it is no
       * second party: "the Red Crescent in Bam, Iran" */
      const ann_place *pc = ev_place_at(s, i);
      const ann_place *pb = i >= 2 && tok_is(s, i - 1, ",") && !tok_is(s, i - 2, ",")
                                ? ev_place_at(s, i - 2)
                                : NULL;
      if (pc && pb && pc != pb && pc->kind && !strcmp(pc->kind, "country") &&
          !(pb->kind && !strcmp(pb->kind, "country")) &&
          !strcmp(pc->country3, pb->country3))
        continue;
      out[n++] = (int)i;
    }
  /* a second titled name coordinated with the name in apposition to the
   * first title: "Libyan leader Muammar Gaddafi and Bulgarian President
   * Todor Zhivkov signed ..." read with "President" a conjunct of
   * "Muammar", or hung on the first name as a list */
  for (uint32_t a = (uint32_t)h; n == 1 && a < s->n && a <= (uint32_t)h + 4;
       a++) {
    if (a != (uint32_t)h &&
        (s->t[a].head != h + 1 || !rel_exact(&s->t[a], "appos")))
      continue;
    for (uint32_t i = a + 1; i < s->n && n < max; i++) {
      if (s->t[i].head != (int32_t)a + 1 ||
          !(upos_is(&s->t[i], "NOUN") || upos_is(&s->t[i], "PROPN")))
        continue;
      /* (or a second apposition with its own "and": "... Kais Saied and
       * Algerian President Abdelmadjid Tebboune") */
      bool and = rel_is(&s->t[i], "conj") && a != (uint32_t)h;
      for (uint32_t j = a + 1; j < i && !and; j++) {
        int hj = s->t[j].head - 1;
        and = tok_is(s, j, "and") &&
              (hj == (int)i || (hj >= 0 && s->t[hj].head == (int32_t)i + 1)) &&
              (rel_exact(&s->t[i], "appos") || rel_exact(&s->t[i], "list"));
      }
      if (and) out[n++] = (int)i;
    }
  }
  /* the speakers of a closing "X and Y said" the parse coordinated with
   * the phrase before: "demolished Palestinian homes ..., Palestinian
   * officials and US witnesses said" */
  if (n > 1) {
    int last = out[n - 1];
    uint32_t nx = (uint32_t)last + 1;
    static const char *const say[] = {"say", "report", "tell", "announce",
                                      "claim", "add", "confirm"};
    bool speech = false;
    for (size_t k = 0; nx < s->n && k < sizeof say / sizeof *say; k++)
      speech |= lemma_is(&s->t[nx], say[k]) && upos_is(&s->t[nx], "VERB");
    if (speech) {
      int comma = -1;
      for (int j = last; j > out[0] && comma < 0; j--)
        if (tok_is(s, (uint32_t)j, ",")) comma = j;
      int w = 0;
      for (int k = 0; k < n; k++)
        if (comma < 0 || out[k] < comma) out[w++] = out[k];
      n = w;
    }
  }
  /* a list of countries the parse did not coordinate: "to Iran, Libya,
   * North Korea and Sudan" read with the others hung elsewhere */
  const ann_place *p = n == 1 ? ev_place_at(s, (uint32_t)h) : NULL;
  if (!p || !p->kind || strcmp(p->kind, "country")) return n;
  uint32_t j = (uint32_t)h;
  while (n < max) {
    while (j < s->n && s->t[j].start < p->end) j++; /* past the name */
    bool sep = false;
    while (j < s->n && (tok_is(s, j, ",") || tok_is(s, j, "and") ||
                        tok_is(s, j, "or"))) {
      sep = true;
      j++;
    }
    if (!sep || j >= s->n) break;
    p = ev_place_at(s, j);
    if (!p || !p->kind || strcmp(p->kind, "country") ||
        p->start != s->t[j].start)
      break;
    out[n++] = (int)j;
  }
  return n;
}

/* Prepositions that introduce a target when the object names no actor. */
static const char *const tgt_preps[] = {"to",   "with",   "against", "on",
                                        "from", "toward", "towards", "into",
                                        "for",  "between"};

/* Whether preposition k of tgt_preps is where an attack came from, not
 * whom it hit: "Rockets fired from Gaza hit ..." (assaults, fights and
 * mass violence, 18-20). */
static bool origin_prep(const ev_trigger *tr, size_t k) {
  const char *c = tr->code->code;
  return !strcmp(tgt_preps[k], "from") &&
         (!strncmp(c, "18", 2) || !strncmp(c, "19", 2) || !strncmp(c, "20", 2));
}

/* The first phrase of v in a target preposition (tgt_preps, but not an
 * attack's origin) that is not skip and resolves into f (not avoid): its
 * head, or -1. */
static int prep_target(const sent *s, uint32_t v, const ev_trigger *tr,
                       int skip, const char *avoid, found *f) {
  for (size_t k = 0; k < sizeof tgt_preps / sizeof *tgt_preps; k++) {
    if (origin_prep(tr, k)) continue;
    int h = ev_by_case(s, v, tgt_preps[k]);
    if (h >= 0 && h != skip && ev_resolve_deep(s, h, avoid, f)) return h;
  }
  return -1;
}

/* Does f name an actor by itself (a country, a place, a demonym, a named
 * group or person), not a bare role given the document's country? */
static bool named(const found *f) {
  return (f->country[0] && !f->implied) || ev_group_code(f->code);
}

/* The nearest named actor below token top, breadth first over its
 * dependents: "aid for Romania", "relations with Russia", "Serbia's
 * suppression", "the Bosnian town of Gorazde", "in Algiers" (a place is
 * the target when nothing else is: CAMEO codes the location's country).
 * Subjects, other clauses (advcl, parataxis, conj) and token skip are not
 * searched. Returns the head or -1. */
static int subtree_target(const sent *s, uint32_t top, int skip,
                          const char *avoid, const char *other, found *f) {
  static const char *const no[] = {"nsubj", "csubj", "punct", "cc", "mark",
                                   "aux", "cop", "advcl", "parataxis", "conj",
                                   "discourse", "vocative", "expl", "dep",
                                   "det", "case", "reparandum",
                                   "list", "orphan"};
  uint32_t queue[64];
  uint8_t depth[64];
  size_t qh = 0, qt = 0;
  queue[qt] = top;
  depth[qt++] = 0;
  while (qh < qt) {
    uint32_t v = queue[qh];
    uint8_t dv = depth[qh++];
    if (dv >= 5) continue;
    for (uint32_t i = 0; i < s->n && qt < 64; i++) {
      const ann_token *t = &s->t[i];
      if (t->head != (int32_t)v + 1 || (int)i == skip) continue;
      bool bad = false;
      for (size_t k = 0; k < sizeof no / sizeof *no && !bad; k++)
        bad = rel_is(t, no[k]);
      /* the subject of a clause below is fair: "demanded that Hamas ...";
       * so are coordinated objects: "photographs and intelligence to
       * Macedonia" */
      if (bad && dv > 0 && rel_is(t, "nsubj")) bad = false;
      if (bad && dv > 0 && rel_is(t, "conj") &&
          (upos_is(t, "NOUN") || upos_is(t, "PROPN")))
        bad = false;
      /* an infinitive the parse made an adverbial clause is the act's
       * content ("threatened to break relations with Russia"); "unless",
       * "after", "when" clauses are other events */
      if (bad && rel_is(t, "advcl")) {
        int m = child(s, i, "mark", 0);
        /* and a phrase the parse made a clause: "withdraw its troops from
         * neighboring Lebanon" */
        static const char *const preps[] = {"to", "from", "into", "against",
                                            "toward", "towards", "with"};
        bad = true;
        for (size_t k = 0; m >= 0 && k < sizeof preps / sizeof *preps; k++)
          if (tok_is(s, (uint32_t)m, preps[k])) bad = false;
      }
      /* a phrase of concession is another matter: "agreed to extend the
       * mandate despite Israel's wish" (but "called off the strike after
       * talks with the government" is aimed at the government) */
      if (!bad && (rel_is(t, "obl") || rel_is(t, "nmod"))) {
        static const char *const aside[] = {
            "despite", "unlike", "except", "besides", "notwithstanding"};
        const char *c = case_of(s, i);
        for (size_t k = 0; c && k < sizeof aside / sizeof *aside && !bad; k++)
          bad = !strcasecmp(c, aside[k]);
      }
      /* nor does whose ally or neighbour it is ("the deputy chief of
       * Israel's militia ally") */
      if (!bad && rel_exact(t, "nmod:poss") && ev_relational(s, v)) bad = true;
      /* what the act was done despite names no one it is aimed at */
      int cs = bad ? -1 : child(s, i, "case", 0);
      if (cs >= 0 && tok_is(s, (uint32_t)cs, "despite")) bad = true;
      if (bad) continue;
      /* "the time of its formation": only temporal words below? keep going */
      found g;
      if ((upos_is(t, "PROPN") || upos_is(t, "NOUN") || upos_is(t, "ADJ") ||
           upos_is(t, "PRON")) &&
          ev_resolve(s, i, avoid, &g) && named(&g) &&
          !(other && !strcmp(g.country, other))) {
        *f = g;
        return (int)i;
      }
      queue[qt] = i;
      depth[qt++] = (uint8_t)(dv + 1);
    }
  }
  return -1;
}

/* A coordinated role with only the document's country takes the country
 * of the first conjunct, and its code. */
static void share_country(found *f, const found *first) {
  if (!f->implied || !first->country[0] || first->implied || !f->role[0] ||
      ev_group_code(first->code))
    return;
  ev_set_country(f, first->country);
  f->implied = false;
}

/* The demand (10x) that what verb v heads makes ("must return the
 * helicopter" is 1053): the first class pattern of the verb "demand" that
 * v's phrase meets, else 100. */
const char *ev_demand_code(const sent *s, uint32_t v) {
  size_t nd = 0;
  const ev_trigger *dt = ev_triggers_find(&s->c->dicts, "demand", 6, &nd);
  for (size_t k = 0; k < nd; k++)
    if (!dt[k].noun && dt[k].cls && !dt[k].word2 &&
        dt[k].code != &s->c->dicts.none &&
        ev_class_at(s, v, dt[k].cls, true) >= 0)
      return dt[k].code->code;
  return "100";
}

/* Mark in used the words b below v (two levels) of the class's "a>b"
 * words whose a is v's lemma. */
static void mark_below(const sent *s, uint32_t v, const ev_class *cls,
                       bool used[401]) {
  const char *l = s->t[v].lemma;
  if (!l) return;
  size_t ll = strlen(l);
  for (size_t k = 0; k < cls->nwords; k++) {
    const char *w = cls->words[k], *gt = strchr(w, '>');
    if (!gt || (size_t)(gt - w) != ll || strncasecmp(w, l, ll)) continue;
    for (uint32_t i = 0; i < s->n && i < 401; i++) {
      int h = s->t[i].head - 1;
      bool below = h == (int)v || (h >= 0 && s->t[h].head - 1 == (int)v);
      if (below && s->t[i].lemma && !strcasecmp(s->t[i].lemma, gt + 1))
        used[i] = true;
    }
  }
}


/* "X said that Y must drop barriers": X's demand on Y even when what
 * is demanded is no event of ours */
static void add_must_demands(sent *s, run_ctx *rc, size_t first_event) {
  ann_doc *d = s->d;
  for (uint32_t v = 0; v < s->n; v++) {
    if (!(upos_is(&s->t[v], "VERB") || upos_is(&s->t[v], "ADJ")) ||
        !rel_is(&s->t[v], "ccomp"))
      continue;
    bool must = aux_before(s, v, "must"), has_event = false;
    for (size_t k = first_event; must && k < d->events.n; k++)
      if (d->events.v[k].ev_start == s->t[v].start) has_event = true;
    int tr_, used_, used2_;
    if (!must || has_event || ev_pick(s, v, &tr_, &used_, &used2_)) continue;
    const ev_code *c100 = ev_code_find(&s->c->dicts, "100");
    bool pv = false;
    int cs = ev_subject(s, v, &pv);
    found sp, tg;
    if (!c100 || cs < 0 || pv || !ev_speaker(s, v, &sp) ||
        !ev_resolve(s, (uint32_t)cs, sp.country, &tg))
      continue;
    /* what must be done may say which demand it is */
    const ev_code *dc = ev_code_find(&s->c->dicts, ev_demand_code(s, v));
    if (dc) c100 = dc;
    ev_trigger t100 = {false, "must", NULL, NULL, c100, 0};
    add_event(s, rc, v, &t100, &sp, &tg);
    d = s->d;
  }
}

static void code_sentence(sent *s, run_ctx *rc) {
  size_t first_event = s->d->events.n;
  pick_memo memo[MEMO_MAX];
  for (uint32_t i = 0; i < s->n && i < MEMO_MAX; i++) memo[i].done = false;
  s->memo = memo;
  /* words a pattern took as what its event is about ("lifted the curfew",
   * "cut military aid", "threatened to attack") are no event of their own */
  bool used_by[401] = {0};
  /* a light verb ("gave a warm welcome", "ordered patrols": the class
   * @light of verbs.txt) is no event of its own when its object is one */
  const ev_class *light = ev_class_find(&s->c->dicts, "light");
  bool light_verb[401] = {0};
  for (uint32_t i = 0; light && i < s->n && i < 401; i++) {
    const ann_token *t = &s->t[i];
    int tr_, u1, u2;
    const ev_trigger *nt;
    if (t->head <= 0 || !rel_is(t, "obj") || t->head > 401 ||
        !(upos_is(t, "NOUN") || upos_is(t, "PROPN")) ||
        !ev_node_in_class(s, (uint32_t)(t->head - 1), light) ||
        !(nt = ev_pick(s, i, &tr_, &u1, &u2)) || !nt->noun)
      continue;
    light_verb[t->head - 1] = true;
  }
  for (uint32_t i = 0; i < s->n && i < 401; i++) {
    int target, used, used2;
    const ev_trigger *ut = ev_pick(s, i, &target, &used, &used2);
    if (!ut) continue;
    if (used >= 0 && used != (int)i && used < 401) used_by[used] = true;
    if (used2 >= 0 && used2 != (int)i && used2 < 401) used_by[used2] = true;
    /* and the word b of the class's "a>b" that was met: "failed to renew
     * sanctions" takes "sanctions" too */
    if (ut->cls && used2 >= 0) mark_below(s, (uint32_t)used2, ut->cls, used_by);
  }
  for (uint32_t i = 0; i < s->n; i++) {
    int target = -1, used, used2;
    if (i < 401 && used_by[i]) continue;
    const ev_trigger *tr = ev_pick(s, i, &target, &used, &used2);
    if (!tr) continue;
    /* a noun that modifies another names a kind, not an act: "border
     * patrol agents", "ceasefire monitors" */
    if (tr->noun && rel_exact(&s->t[i], "compound") && s->t[i].head > (int32_t)i + 1)
      continue;
    /* only a light verb's own plain entry gives way ("give ultimatum"
     * stays) */
    if (i < 401 && light_verb[i] && !tr->word2 && !tr->cls) continue;
    found src, tgt;
    bool has_src = false, has_tgt = false;
    int sh = -1, oh = -1;
    bool undergone = false; /* the object of "flee", "survive", ... */
    if (!tr->noun) {
      bool passive = false;
      sh = ev_subject(s, i, &passive);
      oh = target >= 0 ? target : child(s, i, "obj", 0);
      /* a pattern's place ("meet in") is where, not whom: a direct object
       * comes first ("met Macron in Berlin") */
      if (target >= 0 && child(s, i, "obj", 0) >= 0) {
        if (at_place_case(case_of(s, (uint32_t)target)))
          oh = child(s, i, "obj", 0);
      }
      /* the addressee or recipient: "urged Poland to ...", "gave Kyiv
       * weapons" */
      int io = child(s, i, "iobj", 0);
      if (target < 0 && io >= 0) oh = io;
      /* a state told as a passive is its subject's stance: "Israel is
       * opposed to French mediation" */
      if (passive && sh >= 0 && ev_by_case(s, i, "by") < 0 &&
          (lemma_is(&s->t[i], "oppose") || lemma_is(&s->t[i], "commit") ||
           lemma_is(&s->t[i], "dedicate") || lemma_is(&s->t[i], "devote"))) {
        int to = ev_by_case(s, i, "to");
        if (to >= 0) {
          passive = false;
          target = to;
          oh = to;
        }
      }
      if (passive) { /* "were detained by police" */
        oh = sh;
        sh = ev_by_case(s, i, "by");
        /* the agent the parse hung on another phrase of the verb:
         * "imposed on Iran by the European Union" */
        for (uint32_t k = 0; sh < 0 && k < s->n; k++)
          if (s->t[k].head == (int32_t)i + 1 &&
              (rel_is(&s->t[k], "obl") || rel_is(&s->t[k], "nsubj:pass")))
            sh = ev_by_case(s, k, "by");
      }
      if (oh < 0) oh = ev_by_case(s, i, "against");
      if (oh < 0) oh = ev_by_case(s, i, "on");
      /* a past tense read as a participle modifying its object ("police
       * arrested two journalists" parsed as "the arrested journalists"):
       * a noun right before it is the subject */
      const ann_token *t = &s->t[i];
      /* a time phrase may stand between them: "Germany on Wednesday lifted
       * sanctions" */
      uint32_t bj = i;
      bool misread = false;
      /* or an adverb: "agents sexually abused immigrants" */
      while (bj > 1 &&
             (ev_temporal(s, bj - 1) ||
              (upos_is(&s->t[bj - 1], "ADV") &&
               s->t[bj - 1].head == (int32_t)i + 1) ||
              (upos_is(&s->t[bj - 1], "ADP") && bj < i && ev_temporal(s, bj))))
        bj--;
      if (sh < 0 && rel_exact(t, "amod") && t->head > (int32_t)i + 1 && bj > 0 &&
          (upos_is(&s->t[bj - 1], "NOUN") || upos_is(&s->t[bj - 1], "PROPN"))) {
        sh = (int)bj - 1;
        oh = t->head - 1;
        misread = true;
        /* the head of the phrase, not the noun of its modifier: "Rebels in
         * the Ivory Coast on Tuesday blocked ..." */
        /* and the first of coordinated nouns: "Israeli helicopters and
         * tanks shelled positions" */
        for (int up = 0; up < 3 && s->t[sh].head > 0 &&
                         s->t[sh].head - 1 < sh &&
                         ((rel_is(&s->t[sh], "nmod") &&
                           case_of(s, (uint32_t)sh)) ||
                          rel_is(&s->t[sh], "conj"));
             up++)
          sh = s->t[sh].head - 1;
      } else if (sh < 0 && oh < 0 && rel_exact(t, "amod") &&
                 t->head > (int32_t)i + 1 && bj > 0 &&
                 upos_is(&s->t[bj - 1], "ADJ")) {
        /* the same misreading with an adjective before it ("A top U.S.
         * official today praised Haiti's efforts"): its noun is still
         * the object (not "the alleged harassment", "Ousted president") */
        oh = t->head - 1;
      }
      /* a subject that is an example of a phrase before it is that
       * phrase's: "Russian aircraft including helicopter gunships killed"
       * read with "killed" a clause of "aircraft" */
      if (sh >= 0 && rel_is(&s->t[i], "acl") && s->t[i].head > 0) {
        int c = child(s, (uint32_t)sh, "case", 0);
        if (c >= 0 && (tok_is(s, (uint32_t)c, "including") ||
                       tok_is(s, (uint32_t)c, "like")))
          sh = s->t[i].head - 1;
      }
      has_src = sh >= 0 && ev_resolve(s, (uint32_t)sh, NULL, &src);
      if (!has_src && sh >= 0) has_src = apposition_before(s, (uint32_t)sh, &src);
      /* a clause describing a statement or a document is its author's:
       * "issued a declaration demanding ...", "passed a resolution
       * condemning ..." */
      if (!has_src && !passive && sh >= 0 && rel_is(&s->t[i], "acl") &&
          sh == s->t[i].head - 1 && s->t[sh].head > 0 &&
          rel_is(&s->t[sh], "obj")) {
        uint32_t v = (uint32_t)(s->t[sh].head - 1);
        bool pv = false;
        int vs = ev_subject(s, v, &pv);
        if (vs >= 0 && !pv && ev_resolve(s, (uint32_t)vs, NULL, &src)) {
          has_src = true;
          sh = vs;
        } else if (vs < 0 || ev_is_pronoun(s, (uint32_t)vs)) {
          has_src = ev_speaker(s, v, &src);
        }
      }
      /* a past tense the parse hung on the noun before it as a clause or
       * a side remark is that noun's act when its own subject names no
       * one: "The Federal Minister for Interior Aftab Ahmad Khan Sherpao
       * allowed ...", "Kenzo Oshima, the United Nations Emergency Relief
       * Coordinator, demanded ..." */
      if (!has_src && !passive && s->t[i].head > 0 &&
          s->t[i].head - 1 < (int)i &&
          (rel_is(&s->t[i], "acl") ||
           (rel_is(&s->t[i], "parataxis") && sh < 0)) &&
          (upos_is(&s->t[s->t[i].head - 1], "NOUN") ||
           upos_is(&s->t[s->t[i].head - 1], "PROPN")) &&
          ev_resolve(s, (uint32_t)(s->t[i].head - 1), NULL, &src))
        has_src = true;
      /* a subject that names no one may have a named actor below it: "a
       * spokesman for the UN", "Human rights watchdog Amnesty
       * International" read with Amnesty a phrase of "rights"; a place
       * alone is not one ("Stock markets in Tokyo closed higher") */
      if (!has_src && sh >= 0 && !passive && !ev_is_pronoun(s, (uint32_t)sh)) {
        found g;
        /* (not the object of a misread past tense the parse hung there:
         * "Shrapnel from a rocket wounded two farmers" read as "the
         * wounded farmers") */
        if (ev_resolve_deep(s, sh, NULL, &g) && named(&g) &&
            (g.role[0] || ev_group_code(g.code)) &&
            !(misread && g.head == oh)) {
          src = g;
          has_src = true;
        }
      }
      /* a relative "which" or "who" stands for the noun just before it,
       * wherever the parse hung its clause ("pay money to the institute,
       * which would provide limbs"): that noun or no one, never the
       * sentence's speaker or an earlier subject */
      bool relative = sh >= 0 && (tok_is(s, (uint32_t)sh, "which") ||
                                  tok_is(s, (uint32_t)sh, "who"));
      if (!has_src && relative) {
        for (uint32_t k = (uint32_t)sh, n = 0; k-- > 0 && n < 3; n++) {
          if (upos_is(&s->t[k], "PUNCT")) continue;
          if (upos_is(&s->t[k], "NOUN") || upos_is(&s->t[k], "PROPN"))
            has_src = ev_resolve(s, k, NULL, &src);
          break;
        }
      }
      if (!has_src && !passive && !relative &&
          (sh < 0 || ev_is_pronoun(s, (uint32_t)sh)))
        has_src = ev_speaker(s, i, &src);
      /* "Japan said on Tuesday it had halted aid": a subject pronoun is
       * the subject of a clause before it in the sentence */
      if (!has_src && sh >= 0 && !relative && upos_is(&s->t[sh], "PRON") &&
          rel_is(&s->t[sh], "nsubj"))
        has_src = earlier_subject(s, (uint32_t)sh, &src);
      /* "he", "it", "they" as subject with no speaker in the sentence: the
       * last actor of the sentences just before */
      if (!has_src && sh >= 0 && !relative && upos_is(&s->t[sh], "PRON") &&
          rel_is(&s->t[sh], "nsubj"))
        has_src = antecedent(s, (uint32_t)sh, &src);
      /* no subject at all (a tagging slip: "A top U.S. official today
       * praised ..."): the actor just before the verb */
      /* or one borrowed from the verb above that names no actor
       * ("Thousands took to the streets of Tbilisi to protest") */
      if (!has_src && !passive &&
          (sh < 0 || ev_temporal(s, (uint32_t)sh) ||
           (s->t[sh].head != (int32_t)i + 1 && rel_exact(&s->t[i], "advcl"))))
        has_src = left_subject(s, i, &src);
      /* an infinitive of purpose the parse hung on a thing ("opened fire
       * to disperse demonstrators", "opened the bridge after four years
       * to allow the delivery") is the act of that thing's clause: its
       * subject, or the actor before a past tense misread as the thing's
       * adjective ("police opened fire" read as "the opened fire") */
      if (!has_src && !passive && sh >= 0 && sh == s->t[i].head - 1 &&
          rel_is(&s->t[i], "acl") && child(s, i, "mark", 0) >= 0 &&
          tok_is(s, (uint32_t)child(s, i, "mark", 0), "to") &&
          upos_is(&s->t[sh], "NOUN")) {
        int up = s->t[sh].head - 1;
        int mv = -1;
        for (uint32_t k = 0; k < (uint32_t)sh && mv < 0; k++)
          if (s->t[k].head == sh + 1 && rel_exact(&s->t[k], "amod") &&
              upos_is(&s->t[k], "VERB"))
            mv = (int)k;
        if (mv >= 0) {
          has_src = left_subject(s, (uint32_t)mv, &src);
        } else if (up >= 0 && upos_is(&s->t[up], "VERB") &&
                   (rel_is(&s->t[sh], "obj") || rel_is(&s->t[sh], "obl"))) {
          bool pv = false;
          int vs = ev_subject(s, (uint32_t)up, &pv);
          if (vs >= 0 && !pv) has_src = ev_resolve(s, (uint32_t)vs, NULL, &src);
        }
      }
      /* a "that" the parse made the object names no one ("demanded that
       * the government ...": not a pronoun for an earlier actor) */
      /* the object of a misread past tense owns the subject's words in
       * the parse ("The US on Thursday rejected calls by Kofi Annan" with
       * "US" a compound of "calls"): they are not the object's */
      if (misread) s->skip_before = i + 1;
      has_tgt = !(oh >= 0 && upos_is(&s->t[oh], "SCONJ")) &&
                ev_resolve_deep(s, oh, has_src ? src.country : NULL, &tgt);
      s->skip_before = 0;
      /* an object that names no actor: the recipient or counterpart in a
       * prepositional phrase ("gave aid to Ivory Coast", "met with X"),
       * here or on the verb it governs ("offered to hand over to Y") */
      int x = child(s, i, "xcomp", 0);
      /* forces put on show are the source's own: "China deployed
       * warships" has no target in its object */
      if (has_tgt && tgt.implied && !strncmp(tr->code->code, "15", 2) &&
          (!strcmp(tgt.role, "MIL") || !strcmp(tgt.role, "COP")))
        has_tgt = false;
      /* an object that is only a role of the document's country ("offered
       * its troops to Lebanon") gives way to an explicit recipient */
      if (has_tgt && tgt.implied) {
        found alt;
        for (size_t k = 0; k < sizeof tgt_preps / sizeof *tgt_preps; k++) {
          if (origin_prep(tr, k)) continue;
          int h = ev_by_case(s, i, tgt_preps[k]);
          if (h >= 0 &&
              ev_resolve_deep(s, h, has_src ? src.country : NULL, &alt) &&
              !alt.implied) {
            tgt = alt;
            oh = h;
            break;
          }
        }
      }
      /* "demanded that the US cancel ...": the subject of the demand */
      int cc = child(s, i, "ccomp", 0);
      if (!has_tgt && cc >= 0 && strncmp(tr->code->code, "01", 2)) {
        bool pv = false;
        int cs = ev_subject(s, (uint32_t)cc, &pv);
        if (cs >= 0 && !pv && !ev_is_pronoun(s, (uint32_t)cs) &&
            ev_resolve(s, (uint32_t)cs, has_src ? src.country : NULL, &tgt)) {
          oh = cs;
          has_tgt = true;
        }
      }
      /* the same with the clause the parse hung on its "that" as object
       * ("demanded that the Nigerian government release ..." read with
       * "that" as the object and the clause below it) */
      int so = child(s, i, "obj", 0);
      if (!has_tgt && cc < 0 && so >= 0 && upos_is(&s->t[so], "SCONJ") &&
          strncmp(tr->code->code, "01", 2)) {
        for (uint32_t k = 0; !has_tgt && k < s->n; k++) {
          if (s->t[k].head != so + 1 || upos_is(&s->t[k], "PUNCT")) continue;
          int h = subtree_target(s, k, sh, has_src ? src.country : NULL, NULL,
                                 &tgt);
          if (h < 0 && ev_resolve(s, k, has_src ? src.country : NULL, &tgt) &&
              named(&tgt))
            h = (int)k;
          if (h >= 0) {
            oh = h;
            has_tgt = true;
          }
        }
      }
      for (int pass = 0; !has_tgt && pass < 2; pass++) {
        uint32_t v = pass ? (uint32_t)x : i;
        if (pass && x < 0) break;
        if (pass) {
          oh = child(s, v, "obj", 0);
          has_tgt = ev_resolve_deep(s, oh, has_src ? src.country : NULL, &tgt);
        }
        int ph = has_tgt ? -1
                         : prep_target(s, v, tr, -1,
                                       has_src ? src.country : NULL, &tgt);
        if (ph >= 0) {
          oh = ph;
          has_tgt = true;
        }
      }
      /* verbs coordinated under one subject share their objects: "donated
       * and delivered goods to Baghdad", "arrested and deported two
       * journalists" */
      if (!has_tgt && child(s, i, "obj", 0) < 0) {
        int pv = -1;
        for (uint32_t k = i + 1; k < s->n && pv < 0; k++)
          if (s->t[k].head == (int32_t)i + 1 && rel_is(&s->t[k], "conj") &&
              upos_is(&s->t[k], "VERB") && child(s, k, "nsubj", 0) < 0)
            pv = (int)k;
        if (pv < 0 && rel_is(&s->t[i], "conj") && s->t[i].head > 0 &&
            upos_is(&s->t[s->t[i].head - 1], "VERB") &&
            child(s, i, "nsubj", 0) < 0)
          pv = s->t[i].head - 1;
        /* (not a passive one: "was indicted by the court and will resign") */
        if (pv >= 0 && (child(s, (uint32_t)pv, "aux:pass", 0) >= 0 ||
                        child(s, (uint32_t)pv, "nsubj:pass", 0) >= 0))
          pv = -1;
        if (pv >= 0) {
          int po = child(s, (uint32_t)pv, "obj", 0);
          if (ev_resolve_deep(s, po, has_src ? src.country : NULL, &tgt)) {
            oh = po;
            has_tgt = true;
          }
          int ph = has_tgt ? -1
                           : prep_target(s, (uint32_t)pv, tr, -1,
                                         has_src ? src.country : NULL, &tgt);
          if (ph >= 0) {
            oh = ph;
            has_tgt = true;
          }
          if (!has_tgt && po >= 0) {
            int h = subtree_target(s, (uint32_t)po, sh,
                                   has_src ? src.country : NULL, NULL, &tgt);
            if (h >= 0 && !(has_src && tgt.start == src.start)) {
              oh = h;
              has_tgt = true;
            }
          }
        }
      }
    } else {
      sh = ev_by_case(s, i, "by");
      if (sh < 0) sh = child(s, i, "nmod:poss", 0);
      /* what is said or asked comes from its speaker: "condemnation from
       * Israel", "a demand from the rebels" (roots 01-14) */
      if (sh < 0 && tr->code->code[0] == '0') sh = ev_by_case(s, i, "from");
      if (sh < 0 && tr->code->code[0] == '1' && tr->code->code[1] <= '4')
        sh = ev_by_case(s, i, "from");
      oh = target;
      if (oh < 0) oh = ev_by_case(s, i, "of");
      if (oh < 0) oh = ev_by_case(s, i, "against");
      if (oh < 0) oh = ev_by_case(s, i, "on");
      /* "the detention and deportation of a deputy": the phrase hangs on
       * the last conjunct */
      for (uint32_t k = 0; oh < 0 && k < s->n; k++)
        if (s->t[k].head == (int32_t)i + 1 && rel_is(&s->t[k], "conj"))
          oh = ev_by_case(s, k, "of");
      if (oh < 0 && s->t[i].head > 0 && rel_is(&s->t[i], "conj"))
        oh = ev_by_case(s, (uint32_t)(s->t[i].head - 1), "of");
      /* "the killing of civilians by soldiers": "by" may hang on the
       * patient */
      /* (only the patient's: "demonstrations against violations by the
       * military" are not the military's) */
      if (sh < 0 && oh >= 0) {
        const char *c = case_of(s, (uint32_t)oh);
        if (!c || !strcasecmp(c, "of"))
          sh = ev_by_case(s, (uint32_t)oh, "by");
        /* and so may the speaker of a criticism, a rejection or a threat:
         * "the threat of criminal penalties from FDA officials" (not of
         * other acts: "the return of refugees from Iraq") */
        if (sh < 0 && c && !strcasecmp(c, "of") && tr->code->code[0] == '1' &&
            tr->code->code[1] >= '1' && tr->code->code[1] <= '3')
          sh = ev_by_case(s, (uint32_t)oh, "from");
      }
      has_src = sh >= 0 && ev_resolve(s, (uint32_t)sh, NULL, &src);
      if (!has_src) { /* "Western sanctions", "Russian invasion" */
        int a = child(s, i, "amod", 0);
        has_src =
            a >= 0 && ev_resolve(s, (uint32_t)a, NULL, &src) && src.country[0];
      }
      /* a light verb lends its subject and its objects: "X held talks
       * with Y", "X staged demonstrations", "X imposed a curfew on Y" */
      const ann_token *t = &s->t[i];
      /* participles that are prepositions: "following the invasion",
       * "including attacks" lend nobody */
      static const char *const preplike[] = {
          "following", "including", "regarding", "concerning", "according",
          "involving", "considering", "excluding", "pending", "despite",
          "amid", "after", "preceding", "surrounding"};
      bool lends = t->head > 0 && (rel_is(t, "obj") || rel_is(t, "nsubj:pass")) &&
                   upos_is(&s->t[t->head - 1], "VERB");
      for (size_t k = 0; lends && k < sizeof preplike / sizeof *preplike; k++)
        if (tok_is(s, (uint32_t)(t->head - 1), preplike[k])) lends = false;
      /* who suffers, flees or fears an act did not do it: "refugees fleeing
       * the war", "civilians who survived the attack" */
      static const char *const undergo[] = {
          "flee", "escape", "fear", "survive", "suffer", "witness", "face",
          "endure", "experience", "avoid", "mourn", "remember", "recall"};
      if (lends &&
          lemma_in(&s->t[t->head - 1], undergo, sizeof undergo / sizeof *undergo))
        lends = false;
      undergone = t->head > 0 && !lends && rel_is(t, "obj");
      /* what draws or sparks criticism is its target, not its author:
       * "the arrest of journalists by Iranian police drew criticism" aims
       * at the police; "his remarks sparked protests" at him */
      static const char *const react[] = {"draw", "receive", "attract", "earn",
                                          "spark", "provoke", "prompt",
                                          "trigger", "meet", "incur"};
      for (size_t k = 0; lends && k < sizeof react / sizeof *react; k++) {
        uint32_t v = (uint32_t)(t->head - 1);
        if (!lemma_is(&s->t[v], react[k])) continue;
        lends = false;
        bool pv = false;
        int vs = ev_subject(s, v, &pv);
        if (vs < 0 || pv || oh >= 0) break;
        int tr2, u1, u2;
        const ev_trigger *st = ev_pick(s, (uint32_t)vs, &tr2, &u1, &u2);
        if (st && st->noun) {
          int a = ev_by_case(s, (uint32_t)vs, "by");
          if (a < 0) a = child(s, (uint32_t)vs, "nmod:poss", 0);
          vs = a;
        }
        oh = vs;
        undergone = true; /* no borrowing from the verb's other phrases */
        break;
      }
      if (lends) {
        uint32_t v = (uint32_t)(t->head - 1);
        if (!has_src) {
          bool passive = false;
          int vs = ev_subject(s, v, &passive);
          if (passive) vs = ev_by_case(s, v, "by");
          has_src = vs >= 0 && ev_resolve(s, (uint32_t)vs, NULL, &src);
          if (!has_src && vs >= 0)
            has_src = apposition_before(s, (uint32_t)vs, &src);
          if (has_src) sh = vs;
          else if (!passive) has_src = ev_speaker(s, v, &src);
          /* "Up to 1,000 ethnic Turks began a hunger strike": a subject
           * the parse lost is the actor just before the verb */
          if (!has_src && !passive && (vs < 0 || ev_temporal(s, (uint32_t)vs)))
            has_src = left_subject(s, v, &src);
        }
        static const char *const preps[] = {"with", "against", "on", "to",
                                            "for", "in"};
        for (size_t k = 0; oh < 0 && k < sizeof preps / sizeof *preps; k++)
          oh = ev_by_case(s, v, preps[k]);
      }
      has_tgt = ev_resolve_deep(s, oh, has_src ? src.country : NULL, &tgt);
      int ph = has_tgt ? -1
                       : prep_target(s, i, tr, sh, has_src ? src.country : NULL,
                                     &tgt);
      if (ph >= 0) {
        oh = ph;
        has_tgt = true;
      }
      /* the phrase right after the noun is its own wherever the parse hung
       * it: "the EU's sanctions on Belarus took effect" with "on Belarus"
       * made a phrase of "took" */
      if (!has_tgt && i + 2 < s->n && s->t[i + 1].head > 0 &&
          (tok_is(s, i + 1, "on") || tok_is(s, i + 1, "against") ||
           tok_is(s, i + 1, "of")) &&
          rel_is(&s->t[i + 1], "case")) {
        int h = s->t[i + 1].head - 1;
        if (h > (int)i + 1 && h != sh && !ev_temporal(s, (uint32_t)h) &&
            ev_resolve_deep(s, h, has_src ? src.country : NULL, &tgt)) {
          oh = h;
          has_tgt = true;
        }
      }
      /* sanctions told without their target fall on the country the
       * document is about ("Western sanctions have worsened ...") */
      if (has_src && !has_tgt && s->main_country &&
          !strncmp(tr->code->code, "16", 2) &&
          strcmp(src.country, s->main_country)) {
        ev_country_actor(&tgt, s->main_country, "", s->t[i].start,
                         s->t[i].start, true);
        has_tgt = true;
      }
      /* a coercive act (arrest, deportation, seizure: root 17) told
       * without its agent is the act of the state the document is about,
       * when it falls on someone else. Not assaults and fighting: their
       * agents vary too much ("attacks on Izmail" in a Romanian story) */
      if (!has_src && has_tgt && s->main_country &&
          !strncmp(tr->code->code, "17", 2) &&
          strcmp(tgt.country, s->main_country)) {
        add_event(s, rc, i, tr, NULL, &tgt);
        ann_event *e = &s->d->events.v[s->d->events.n - 1];
        ann_actor *a = ANN_PUSH(s->d->arena, &s->d->actors);
        if (a) {
          a->start = a->end = s->t[i].start;
          a->sentence = s->index;
          a->code = ann_strdup(s->d->arena, s->main_country);
          a->country = a->code;
          e->source = (int32_t)(s->d->actors.n - 1);
        }
        continue;
      }
    }
    /* a target of the source's own country that is a thing or a force of
     * its own ("offered its troops to Lebanon", "continue military aid to
     * Mozambique", "withdraw troops from Lebanon"): another country named
     * below the trigger is the recipient */
    /* (people of its own are whom the act is for: "will allow 13,000
     * Turkish Kurd refugees who have lived in Iraq to return home") */
    /* nor are its rebels or dissidents the source's own: "Burmese troops
     * captured part of a Karen guerrilla stronghold on the Thai border" */
    static const char *const others[] = {"REF", "CVL", "REB", "OPP", "INS"};
    bool people = false;
    for (size_t k = 0; k < sizeof others / sizeof *others; k++)
      people |= !strcmp(tgt.role, others[k]);
    /* (a source's guessed country is no reason: "a suicide bomber killed
     * three Turkish soldiers in Syria" keeps the soldiers) */
    if (has_tgt && tgt.country[0] && oh >= 0 && !people &&
        !upos_is(&s->t[oh], "PROPN") &&
        ((has_src && src.country[0] &&
          (tgt.implied || (!strcmp(tgt.country, src.country) && !src.implied))) ||
         (!has_src && tgt.implied))) {
      found alt;
      const char *own = has_src ? src.country : tgt.country;
      int h = subtree_target(s, i, sh >= 0 ? sh : has_src ? src.head : -1,
                             own, own, &alt);
      if (h >= 0) {
        tgt = alt;
        oh = h;
      }
    }
    /* a protest says what it defies: "blocked streets in Hong Kong in
     * defiance of Chinese authorities", "in protest at the arrests by
     * Algerian police" (before the venue) */
    if (!strncmp(tr->code->code, "14", 2) &&
        (!has_tgt || (tgt.head >= 0 && ev_place_at(s, (uint32_t)tgt.head)))) {
      /* anywhere in the sentence: the parse often hangs the phrase on
       * the subject */
      for (uint32_t j = 0; j < s->n; j++) {
        const char *c = case_of(s, j);
        if (!c || strcasecmp(c, "in") ||
            !(lemma_is(&s->t[j], "defiance") || lemma_is(&s->t[j], "protest") ||
              lemma_is(&s->t[j], "opposition")))
          continue;
        found alt;
        int h = subtree_target(s, j, sh, has_src ? src.country : NULL, NULL,
                               &alt);
        if (h >= 0) {
          tgt = alt;
          oh = h;
          has_tgt = true;
          break;
        }
      }
    }
    /* an investigation of crimes is aimed at who committed them:
     * "investigating alleged war crimes by Croatian extremists against
     * Serb civilians" is aimed at the extremists */
    if (!strncmp(tr->code->code, "09", 2) && oh >= 0) {
      /* the agent of the target's phrase or of a phrase it hangs on */
      int by = -1;
      for (int u = oh, hops = 0; by < 0 && u >= 0 && u != (int)i && hops < 3;
           hops++) {
        by = ev_by_case(s, (uint32_t)u, "by");
        for (uint32_t k = 0; by < 0 && k < s->n; k++)
          if (s->t[k].head == u + 1 && rel_is(&s->t[k], "acl"))
            by = ev_by_case(s, k, "by");
        u = s->t[u].head - 1;
      }
      /* or of the trigger's object */
      int ob = child(s, i, "obj", 0);
      if (by < 0 && ob >= 0) by = ev_by_case(s, (uint32_t)ob, "by");
      found alt;
      if (by >= 0 && by != oh &&
          ev_resolve_deep(s, by, NULL, &alt) && (named(&alt) || alt.role[0])) {
        tgt = alt;
        oh = by;
        has_tgt = true;
      }
    }
    /* a complaint's addressee is not whom it is about: "complained to the
     * United Nations over Israeli air raids" is aimed at Israel */
    if (has_tgt && !strncmp(tr->code->code, "11", 2) && oh >= 0) {
      const char *c = case_of(s, (uint32_t)oh);
      if (c && !strcasecmp(c, "to")) {
        static const char *const about[] = {"over", "about", "against", "at"};
        found alt;
        for (size_t k = 0; k < sizeof about / sizeof *about; k++) {
          int h = ev_by_case(s, i, about[k]);
          if (h < 0) h = ev_by_case(s, (uint32_t)oh, about[k]);
          if (h >= 0 &&
              ev_resolve_deep(s, h, has_src ? src.country : NULL, &alt)) {
            tgt = alt;
            oh = h;
            break;
          }
        }
      }
    }
    /* a threat's condition names whom it is aimed at: "threatened to
     * stop talks if the United States goes ahead", "... unless Israel
     * rescinded the annexation" */
    if (!has_tgt && !strncmp(tr->code->code, "13", 2)) {
      for (uint32_t v = 0; v < s->n && !has_tgt; v++) {
        if (!rel_is(&s->t[v], "advcl")) continue;
        /* the condition of the trigger or of what it threatens */
        int hd = s->t[v].head - 1;
        bool mine = hd == (int)i;
        for (int up = 0; !mine && hd >= 0 && up < 3; up++) {
          const ann_token *ht = &s->t[hd];
          if (ht->head - 1 == (int)i &&
              (rel_is(ht, "xcomp") || rel_is(ht, "advcl") || rel_is(ht, "ccomp")))
            mine = true;
          hd = ht->head - 1;
        }
        int m = child(s, v, "mark", 0);
        if (!mine || m < 0 || !(tok_is(s, (uint32_t)m, "if") ||
                                tok_is(s, (uint32_t)m, "unless")))
          continue;
        bool pv = false;
        int cs = ev_subject(s, v, &pv);
        if (cs >= 0 && !pv && ev_resolve(s, (uint32_t)cs, NULL, &tgt) &&
            named(&tgt) && !(has_src && !strcmp(tgt.code, src.code))) {
          oh = cs;
          has_tgt = true;
        }
      }
    }
    /* no target found the usual ways: the nearest named actor or place
     * below the trigger (or below the light verb that governs it) */
    if (!has_tgt && strncmp(tr->code->code, "01", 2)) {
      int skip = sh >= 0 ? sh : has_src ? src.head : -1;
      int h = subtree_target(s, i, skip, has_src ? src.country : NULL, NULL,
                             &tgt);
      const ann_token *t = &s->t[i];
      if (h < 0 && tr->noun && t->head > 0 && !undergone &&
          (rel_is(t, "obj") || rel_is(t, "nsubj:pass")))
        h = subtree_target(s, (uint32_t)(t->head - 1), skip,
                           has_src ? src.country : NULL, NULL, &tgt);
      /* (not where an attack came from: "Rockets fired from Gaza") */
      bool origin = false;
      for (int u = h, hops = 0; u >= 0 && u != (int)i && hops < 6 && !origin;
           hops++) {
        const char *c = case_of(s, (uint32_t)u);
        origin = c && !strcasecmp(c, "from") &&
                 (!strncmp(tr->code->code, "18", 2) ||
                  !strncmp(tr->code->code, "19", 2) ||
                  !strncmp(tr->code->code, "20", 2));
        u = s->t[u].head - 1;
      }
      if (h >= 0 && !origin && !(has_src && tgt.start == src.start)) {
        oh = h;
        has_tgt = true;
      }
    }
    /* a verb the parse left without its object: the noun phrase right
     * after it ("bulldozers demolished Palestinian homes ..., officials
     * said" read with "homes" a clause of "said") */
    if (!has_tgt && !tr->noun && strncmp(tr->code->code, "01", 2) &&
        child(s, i, "obj", 0) < 0) {
      uint32_t j = i + 1;
      while (j < s->n && j < i + 4 &&
             (upos_is(&s->t[j], "DET") || upos_is(&s->t[j], "NUM") ||
              upos_is(&s->t[j], "ADV") || upos_is(&s->t[j], "ADJ")))
        j++;
      if (j < s->n && j > i + 1 - 1 &&
          (upos_is(&s->t[j], "NOUN") || upos_is(&s->t[j], "PROPN")) &&
          s->t[j].head != (int32_t)i + 1 && !ev_temporal(s, j)) {
        /* the head of the phrase it starts */
        uint32_t hd = j;
        for (int up = 0; up < 3 && s->t[hd].head > (int32_t)hd + 1 &&
                         s->t[hd].head <= (int32_t)j + 4 &&
                         (rel_exact(&s->t[hd], "compound") ||
                          rel_exact(&s->t[hd], "amod"));
             up++)
          hd = (uint32_t)(s->t[hd].head - 1);
        found alt;
        if (ev_resolve(s, hd, has_src ? src.country : NULL, &alt) &&
            named(&alt) && !(has_src && !strcmp(alt.code, src.code))) {
          tgt = alt;
          oh = (int)hd;
          has_tgt = true;
        }
      }
    }
    /* one actor is not both source and target unless the text says so
     * ("themselves"): a role of a country on both sides ("Thai police
     * deployed riot police", "police investigated corruption at the
     * company" read as "the investigated corruption") means the target
     * was taken from the wrong phrase. Look below the object and the
     * trigger for another actor, else leave the target out */
    if (has_src && has_tgt && strlen(src.code) > 3 &&
        !strcmp(src.code, tgt.code) &&
        !(tgt.head >= 0 && upos_is(&s->t[tgt.head], "PRON"))) {
      found alt;
      int tops[2] = {oh, (int)i}, h = -1;
      for (int k = 0; k < 2 && h < 0; k++) {
        if (tops[k] < 0) continue;
        h = subtree_target(s, (uint32_t)tops[k], sh >= 0 ? sh : src.head,
                           src.country, NULL, &alt);
        if (h >= 0 && (!strcmp(alt.code, src.code) || h == sh)) h = -1;
      }
      if (h >= 0) {
        tgt = alt;
        oh = h;
      } else {
        has_tgt = false;
      }
    }
    /* a resignation, a ceasefire or a surrender (083x, 087x) is not aimed
     * at the place of the yielder's own country where it happens: "rebels
     * surrendered in Soroti", "declared a ceasefire in south Lebanon" (a
     * place abroad stays, and so does what is withdrawn from: "withdrew
     * from Chechnya"; lifting a curfew in a city is aimed at its people) */
    if (has_src && has_tgt &&
        (!strncmp(tr->code->code, "083", 3) ||
         !strncmp(tr->code->code, "087", 3)) &&
        tgt.head >= 0 && src.country[0] && !strcmp(src.country, tgt.country) &&
        !tgt.role[0] && ev_place_at(s, (uint32_t)tgt.head)) {
      if (at_place_case(case_of(s, (uint32_t)tgt.head))) has_tgt = false;
    }
    /* an act between two sides with no agent of its own is theirs, each
     * against the other: "fighting between Azerbaijanis and Armenians",
     * "clashes between the army and rebels" */
    {
      int bw = -1;
      /* (a mediation between two sides is not theirs: 045) */
      if ((sh < 0 || !has_src) && strcmp(tr->code->code, "045"))
        bw = ev_by_case(s, i, "between");
      int bs[4];
      int nb = bw >= 0 ? conjuncts(s, bw, bs, 4) : 0;
      found fa, fb;
      if (nb == 2 && ev_resolve(s, (uint32_t)bs[0], NULL, &fa) &&
          ev_resolve(s, (uint32_t)bs[1], NULL, &fb) && (named(&fa) || fa.role[0]) &&
          (named(&fb) || fb.role[0]) && strcmp(fa.code, fb.code)) {
        share_country(&fb, &fa);
        share_country(&fa, &fb);
        add_event(s, rc, i, tr, &fa, &fb);
        add_event(s, rc, i, tr, &fb, &fa);
        continue;
      }
    }
    /* 010 "say" and similar statements need a speaker */
    if (!strcmp(tr->code->code, "010") && !has_src) continue;
    /* coordinated sources and targets each make an event: "Russia and
     * Iran condemned Israel" */
    int hs[4], ht[4];
    int ns = has_src ? conjuncts(s, sh, hs, 4) : 0;
    /* the phrase that named the target ("aid for Romania and Poland") */
    if (has_tgt && tgt.head >= 0 && tgt.head != sh) oh = tgt.head;
    int nt = has_tgt ? conjuncts(s, oh, ht, 4) : 0;
    /* each side's actor, with the nationalities coordinated in one phrase
     * ("Hungarian and Romanian officials") */
    found S[8], T[8];
    int nS = 0, nT = 0;
    /* an actor found off the parse (a speaker, the words before the verb,
     * the document's country) has no phrase of its own */
    if (has_src && ns == 0) {
      S[nS++] = src;
      nS += ev_adj_conjuncts(s, &src, S + nS, 8 - nS);
    }
    if (has_tgt && nt == 0) {
      T[nT++] = tgt;
      nT += ev_adj_conjuncts(s, &tgt, T + nT, 8 - nT);
    }
    for (int a = 0; a < ns && nS < 8; a++) {
      found fs = src;
      if (a > 0 && (hs[a] == oh || !ev_resolve(s, (uint32_t)hs[a], NULL, &fs)))
        continue;
      /* a nationality shared by coordinated roles: "Israeli helicopters
       * and tanks" */
      if (a > 0) share_country(&fs, &src);
      S[nS++] = fs;
      nS += ev_adj_conjuncts(s, &fs, S + nS, 8 - nS);
    }
    for (int b = 0; b < nt && nT < 8; b++) {
      found ft = tgt;
      if (b > 0 && (ht[b] == sh ||
                    !ev_resolve(s, (uint32_t)ht[b], nS ? S[0].country : NULL,
                                &ft)))
        continue;
      if (b > 0) share_country(&ft, &tgt);
      T[nT++] = ft;
      nT += ev_adj_conjuncts(s, &ft, T + nT, 8 - nT);
    }
    if (nS <= 1 && nT <= 1) {
      add_event(s, rc, i, tr, has_src ? &src : NULL, has_tgt ? &tgt : NULL);
      continue;
    }
    /* a joint act of coordinated actors ("Israel and Lebanon renewed
     * negotiations", "Czechia and Albania upgraded their ties") is not
     * aimed at one of them: each is a source, with no target among them */
    for (int a = 0; a < (nS ? nS : 1); a++)
      for (int b = 0; b < (nT ? nT : 1); b++) {
        bool among = false;
        for (int j = 0; j < nS && nS > 1 && nT; j++)
          among |= S[j].country[0] && !strcmp(S[j].country, T[b].country);
        add_event(s, rc, i, tr, nS ? &S[a] : NULL,
                  nT && !among ? &T[b] : NULL);
      }
  }
  /* then the passes over the events the sentence added, in this order
   * (each says why above it, in passes.c) */
  add_must_demands(s, rc, first_event);
  ev_protest_demands(s, first_event);
  ev_battle_killings(s, first_event);
  ev_attack_as_subject(s, first_event);
  ev_peacekeepers_deploy(s, first_event);
  ev_protest_as_complaint(s, first_event);
  ev_drop_uncoded(s->d, first_event);
  ev_weapon_agents(s, first_event);
  ev_future_acts(s, first_event);
  ev_said_must(s, first_event);
  ev_fold_contents(s, first_event);
  ev_help_is_doing(s, first_event);
  ev_merge_purpose(s, first_event);
  ev_merge_told_twice(s, first_event);
  ev_drop_said(s, first_event);
  ev_drop_agentless_background(s, first_event);
  ev_drop_descriptions(s, first_event);
  ev_protest_of_people(s, first_event);
  ev_place_agents(s, first_event);
  ev_joint_venues(s, first_event);
  ev_own_territory(s, first_event);
  ev_own_country_targets(s, first_event);
  s->memo = NULL;
}

/* Is place p told as where something is ("in Britain", "across the UK")
 * rather than where something comes from or whose it is ("the scandal
 * from France", "French firm")? */
static bool located_place(const ann_doc *d, const ann_place *p) {
  /* (a country or a first-level region: "in Britain", "in England") */
  if (!p->kind || (strcmp(p->kind, "country") && strcmp(p->kind, "admin1")))
    return false;
  static const char *const at[] = {"in ", "in the ", "at ", "across ",
                                   "across the ", "throughout ",
                                   "throughout the "};
  for (size_t a = 0; a < sizeof at / sizeof *at; a++) {
    size_t n = strlen(at[a]);
    if (p->start >= n && !strncasecmp(d->text + p->start - n, at[a], n) &&
        (p->start == n || !isalpha((unsigned char)d->text[p->start - n - 1])))
      return true;
  }
  return false;
}

/* The country the document is most about: the most frequent country
 * among its places, a country or region told as where things are ("in Britain")
 * counting twice as much as one told as an origin or an owner ("from
 * France", "a French firm"), which a paper writes of what is foreign to
 * it (ties: the first named). */
static const char *main_country(const ann_doc *d) {
  const char *best = NULL;
  int best_n = 0;
  for (size_t i = 0; i < d->places.n; i++) {
    const char *c = d->places.v[i].country3;
    if (!c[0]) continue;
    int n = 0;
    for (size_t k = 0; k < d->places.n; k++)
      if (!strcmp(d->places.v[k].country3, c))
        n += located_place(d, &d->places.v[k]) ? 2 : 1;
    if (n > best_n) {
      best_n = n;
      best = c;
    }
    if (i > 400) break; /* enough to know; bounded on huge documents */
  }
  return best;
}

static int run(const void *state, const ann_pipeline *p, ann_doc *d) {
  const coder *c = state;
  if (!d->tokens.n || !d->sentences.n) return 0;
  sent s = {.d = d, .p = p, .c = c,
            .gaz = ann_pipeline_state(p, "geo"),
            .main_country = main_country(d)};
  run_ctx rc = {0};
  for (size_t k = 0; k < d->sentences.n; k++) {
    const ann_sentence *sn = &d->sentences.v[k];
    s.index = (int32_t)k;
    s.t = &d->tokens.v[sn->tok_begin];
    s.n = sn->tok_end - sn->tok_begin;
    /* without a parse there are no arguments; very long "sentences" are
     * lists or tables, where the coder's quadratic child scans would cost
     * more than they find */
    if (!s.n || s.t[0].head < 0 || s.n > 400) continue;
    code_sentence(&s, &rc);
  }
  return 0;
}

static int open_(const ann_pipeline *p, void **state, ann_error *e) {
  coder *c = calloc(1, sizeof *c);
  if (!c) return ann_fail(e, ANN_ENOMEM, -1, "out of memory");
  char dir[1024];
  ann_pipeline_path(p, "dicts", "cameo", dir, sizeof dir);
  int rc = ev_dicts_load(&c->dicts, dir, e);
  if (rc < 0) {
    free(c);
    return rc;
  }
  *state = c;
  return 0;
}

static void close_(void *state) {
  coder *c = state;
  if (!c) return;
  ev_dicts_free(&c->dicts);
  free(c);
}

const ann_stage ann_stage_events = {.name = "events",
                                    .bit = ANN_STAGE_EVENTS,
                                    .open = open_,
                                    .close = close_,
                                    .run = run};
