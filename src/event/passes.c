/*
 * passes.c — what the events stage does with a sentence's events once its
 * triggers are coded (coder.c): each pass below reads the events the
 * sentence added (d->events from first_event) and recodes, merges, drops
 * or completes them, in the order code_sentence() calls them. Recoding
 * (content folded into a demand, an act announced for the future, a
 * killing in a battle), merging (one incident told twice, an act done to
 * do another), background (acts told in relative clauses, participles,
 * after "despite"), and agents or targets left to guess (the place's
 * country, the source's own country).
 */
#include "coder_int.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

/* The token whose span the event's trigger starts at (s->n when none):
 * every pass below looks an event's trigger up this way. */
static uint32_t trigger_token(const sent *s, uint32_t ev_start) {
  uint32_t i = 0;
  while (i < s->n && s->t[i].start != ev_start) i++;
  return i;
}

/* ----------------------------------------------------------- helpers -- */

/* The intent (03x) or threat (13x) of doing what code says, or NULL. */
static const char *future_code(const char *cameo) {
  /* the longest prefix decides: "0841" release -> 0353 intent to release */
  static const struct { const char *prefix, *code; } map[] = {
      {"061", "0311"}, {"062", "0312"}, {"063", "0313"}, {"064", "0314"},
      {"06", "031"},   {"071", "0331"}, {"072", "0332"}, {"073", "0333"},
      {"074", "0334"}, {"07", "033"},   {"081", "0351"}, {"082", "0352"},
      {"083", "034"},  {"084", "0353"}, {"085", "0354"}, {"086", "0355"},
      {"087", "0356"}, {"08", "035"},   {"04", "036"},   {"05", "032"},
      {"14", "133"},   {"15", "138"},   {"162", "1311"}, {"163", "1312"},
      {"164", "134"},  {"165", "135"},  {"166", "136"},  {"16", "1313"},
      {"1721", "1321"}, {"1722", "1322"}, {"1723", "1323"}, {"1724", "1324"},
      {"175", "137"},  {"17", "132"},   {"18", "1383"},  {"191", "1381"},
      {"192", "1382"}, {"19", "1384"},  {"204", "1385"}, {"20", "1383"}};
  for (size_t k = 0; k < sizeof map / sizeof *map; k++)
    if (!strncmp(cameo, map[k].prefix, strlen(map[k].prefix)))
      return map[k].code;
  return NULL;
}

/* The refusal (12x) of doing what cooperative code cameo says, or NULL. */
static const char *refuse_code(const char *cameo) {
  static const struct { const char *prefix, *code; } map[] = {
      {"081", "1241"}, {"082", "1242"}, {"084", "1243"}, {"085", "1244"},
      {"086", "1245"}, {"087", "1246"}, {"083", "123"},  {"08", "124"},
      {"07", "122"},   {"06", "121"},   {"04", "125"},   {"03", "120"},
      {"05", "120"}};
  for (size_t k = 0; k < sizeof map / sizeof *map; k++)
    if (!strncmp(cameo, map[k].prefix, strlen(map[k].prefix)))
      return map[k].code;
  return NULL;
}

/* Give e the code c (with its scores); false when c is unknown. */
static bool recode(const sent *s, ann_event *e, const char *c) {
  const ev_code *nc = c ? ev_code_find(&s->c->dicts, c) : NULL;
  if (!nc) return false;
  e->cameo = nc->code;
  e->quad = nc->quad;
  e->goldstein = nc->goldstein;
  e->plover_type = nc->plover_type;
  e->plover_mode = nc->plover_mode;
  return true;
}

/* The sentence's first verb, not one inside a word ("Vietnamese-led
 * forces"); s->n when it has none. */
static uint32_t first_verb(const sent *s) {
  uint32_t fv = 0;
  for (; fv < s->n; fv++) {
    const ann_token *u = &s->t[fv];
    bool inword = u->start > 0 && s->d->text[u->start - 1] == '-';
    for (uint32_t c = u->start; c < u->end && !inword; c++)
      inword = s->d->text[c] == '-';
    if ((upos_is(u, "VERB") || upos_is(u, "AUX")) && !inword) break;
  }
  return fv;
}

/* Is token ti inside a phrase that describes a noun: a relative clause
 * ("Hamas, which advocates Israel's destruction") or a participle
 * modifying it ("weapons seized last year", "demonstrators protesting
 * the results"), not an infinitive ("a plan to attack", "efforts to
 * end")? fv is the sentence's first_verb(). */
static bool in_description(const sent *s, uint32_t ti, uint32_t fv) {
  for (int hops = 0; hops < 12 && ti < s->n; hops++) {
    const ann_token *t = &s->t[ti];
    /* what the act was done despite, after or because of ("despite
     * warnings of starvation", "after U.S. officials alleged ...",
     * "because of fighting between ..."), or on condition of ("will
     * withdraw unless the president arranges a ceasefire") */
    int mk = child(s, ti, "mark", 0);
    if (mk < 0) mk = child(s, ti, "case", 0);
    /* the subordinator the parse hung on the clause's subject: "after
     * Russia accused ..." with "after" a case of "Russia" */
    for (uint32_t j = ti > 4 ? ti - 4 : 0; mk < 0 && rel_is(t, "advcl") && j < ti;
         j++)
      if (s->t[j].head > (int32_t)j + 1 && s->t[j].head <= (int32_t)ti + 1 &&
          (rel_is(&s->t[j], "case") || rel_is(&s->t[j], "mark")))
        mk = (int)j;
    static const char *const bg[] = {"despite", "after",  "before",
                                     "since",   "because", "amid",
                                     "following", "if",    "unless"};
    bool marked = false;
    for (size_t b = 0; mk >= 0 && b < sizeof bg / sizeof *bg && !marked; b++)
      marked = tok_is(s, (uint32_t)mk, bg[b]);
    /* (a sentence opening "Despite warnings ..., X refused" may be parsed
     * with the phrase as its root) */
    if (marked && (rel_is(t, "advcl") || rel_is(t, "obl") ||
                   rel_is(t, "nmod") ||
                   (hops == 0 && t->head <= 0 && mk < (int)ti)))
      return true;
    if (t->head <= 0) return false;
    if (rel_exact(t, "acl:relcl")) return true;
    /* an act named as what is to be ended or prevented ("efforts to end
     * the fighting there", "to prevent a civil war") is the setting, not
     * an act of the sentence */
    static const char *const stop[] = {"end",   "prevent", "avert",
                                       "avoid", "stop",    "resolve"};
    if (hops == 0 && rel_is(t, "obj") &&
        (upos_is(t, "NOUN") || upos_is(t, "PROPN")) &&
        lemma_in(&s->t[t->head - 1], stop, sizeof stop / sizeof *stop))
      return true;
    /* a participle inside a word: "the Israeli-occupied West Bank",
     * "US-led forces" */
    if ((rel_is(t, "amod") || rel_is(t, "compound")) && t->start > 0 &&
        s->d->text[t->start - 1] == '-')
      return true;
    /* "in Serbia, where 24 people were killed", "in Montenegro where 28
     * people have been killed" read as an adverbial */
    int wh = child(s, ti, "advmod", 0);
    if (wh >= 0 && wh < (int)ti && tok_is(s, (uint32_t)wh, "where") &&
        wh > 0 &&
        (tok_is(s, (uint32_t)wh - 1, ",") || upos_is(&s->t[wh - 1], "PROPN") ||
         upos_is(&s->t[wh - 1], "NOUN")))
      return true;
    /* the sentence's first verb is its predicate whatever the parse says
     * ("Albanians demonstrated on Tuesday" read as "the Albanians who
     * demonstrated") */
    bool first = ti <= fv;
    /* but not of a noun in a phrase that opens the sentence: "In a
     * letter handed over to the UN, Iraq said" */
    int hn = rel_exact(t, "acl") ? t->head - 1
             : ti > 0 && upos_is(&s->t[ti - 1], "NOUN") ? (int)ti - 1
                                                       : -1;
    int pc = hn >= 0 ? child(s, (uint32_t)hn, "case", 0) : -1;
    if (first && pc == 0) first = false;
    /* "..., killing one person" after a comma tells what the act did */
    bool result = ti > 0 && tok_is(s, ti - 1, ",");
    /* a past participle right after a noun, whatever the parse made of
     * it: "property seized by government forces in the 1970s" */
    if (!first && !result && upos_is(t, "VERB") && t->xpos &&
        !strcmp(t->xpos, "VBN") && ti > 0 &&
        (upos_is(&s->t[ti - 1], "NOUN") || upos_is(&s->t[ti - 1], "PROPN")) &&
        child(s, ti, "aux", 0) < 0 && child(s, ti, "aux:pass", 0) < 0 &&
        child(s, ti, "nsubj", 0) < 0 && child(s, ti, "nsubj:pass", 0) < 0)
      return true;
    if (!first && !result && rel_exact(t, "acl") && upos_is(t, "VERB") &&
        child(s, ti, "mark", 0) < 0 && child(s, ti, "nsubj", 0) < 0 &&
        child(s, ti, "aux", 0) < 0 && !tok_is(s, ti, "following") &&
        !tok_is(s, ti, "including"))
      return true;
    ti = (uint32_t)(t->head - 1);
  }
  return false;
}

/* ------------------------------------------------------------ passes -- */

/* Keep the sentence's events (from first_event on) that drop() does not
 * name, in their order. drop() sees the array as it is being compacted:
 * the events before k may already have moved, as they always have. */
typedef bool event_test(const sent *s, size_t first_event, size_t k);
static void keep_unless(const sent *s, size_t first_event, event_test *drop) {
  ann_doc *d = s->d;
  size_t w = first_event;
  for (size_t k = first_event; k < d->events.n; k++)
    if (!drop(s, first_event, k)) d->events.v[w++] = d->events.v[k];
  d->events.n = w;
}

/* a demand or appeal made by protesting is the protest ("staged a hunger
 * strike to demand his resignation", "blocked roads demanding ...") */
void ev_protest_demands(const sent *s, size_t first_event) {
  ann_doc *d = s->d;
  for (size_t k = first_event; k < d->events.n; k++) {
    ann_event *e = &d->events.v[k];
    if (!e->cameo || (strncmp(e->cameo, "10", 2) && strncmp(e->cameo, "02", 2)))
      continue;
    uint32_t ti = trigger_token(s, e->ev_start);
    if (ti >= s->n || s->t[ti].head <= 0) continue;
    const ann_token *t = &s->t[ti];
    /* said while protesting: "staged rallies against Abbas, saying he
     * must resign" */
    if (rel_is(t, "ccomp") && lemma_is(&s->t[t->head - 1], "say") &&
        s->t[t->head - 1].head > 0)
      t = &s->t[t->head - 1];
    if (!rel_is(t, "advcl") && !rel_is(t, "xcomp") && !rel_is(t, "acl"))
      continue;
    uint32_t h = (uint32_t)(t->head - 1);
    int tr_, used_, used2_;
    const ev_trigger *ht = NULL;
    /* the protest is the word the demand hangs on, or that word's object
     * ("continued their hunger strike to demand", "staged demonstrations
     * to demand"), or one phrase up ("blocked streets in defiance of the
     * authorities to demand") */
    for (int up = 0; up < 2; up++) {
      ht = ev_pick(s, h, &tr_, &used_, &used2_);
      if (ht && !strncmp(ht->code->code, "14", 2)) break;
      int ob = child(s, h, "obj", 0);
      ht = ob >= 0 ? ev_pick(s, (uint32_t)ob, &tr_, &used_, &used2_) : NULL;
      if (ht && !strncmp(ht->code->code, "14", 2)) {
        h = (uint32_t)ob;
        break;
      }
      ht = NULL;
      const ann_token *ut = &s->t[h];
      if (ut->head <= 0 || !(rel_is(ut, "nmod") || rel_is(ut, "obl")))
        break;
      h = (uint32_t)(ut->head - 1);
    }
    if (!ht) continue;
    /* what the protest is for, when the demand says it (104x, 024x:
     * leadership, policy, rights, regime): 1421 is a hunger strike for a
     * change of leadership */
    char pc[5];
    snprintf(pc, sizeof pc, "%s", ht->code->code);
    if (strlen(pc) == 3 && strlen(e->cameo) == 4 &&
        (!strncmp(e->cameo, "104", 3) || !strncmp(e->cameo, "024", 3)) &&
        e->cameo[3] >= '1' && e->cameo[3] <= '4') {
      char sub[5] = {pc[0], pc[1], pc[2], e->cameo[3], 0};
      if (ev_code_find(&s->c->dicts, sub)) memcpy(pc, sub, sizeof sub);
    }
    if (recode(s, e, pc)) {
      e->ev_start = s->t[h].start;
      e->ev_end = s->t[h].end;
      /* a demand the parse hung on the protest noun ("a hunger strike to
       * demand" as a modifier of "strike") has the protesters' agent */
      for (size_t j = first_event; e->source < 0 && j < d->events.n; j++)
        if (j != k && d->events.v[j].ev_start == e->ev_start &&
            d->events.v[j].source >= 0)
          e->source = d->events.v[j].source;
      /* and the protest told already is aimed at whom the demand is:
       * "rioted at a jail in Dili ... demanding independence from
       * Indonesia" is one protest against Indonesia */
      for (size_t j = first_event; e->target >= 0 && j < d->events.n; j++) {
        ann_event *o = &d->events.v[j];
        if (j == k || !o->cameo || o->ev_start != e->ev_start ||
            strncmp(o->cameo, "14", 2) || o->source != e->source ||
            o->negated != e->negated)
          continue;
        o->target = e->target;
        if (strlen(e->cameo) > strlen(o->cameo)) recode(s, o, e->cameo);
        e->cameo = NULL; /* dropped below */
        break;
      }
    }
  }
}

/* a killing in a battle is the battle's: "killed three in a gunbattle"
 * is 190 */
void ev_battle_killings(const sent *s, size_t first_event) {
  ann_doc *d = s->d;
  for (size_t k = first_event; k < d->events.n; k++) {
    ann_event *e = &d->events.v[k];
    if (!e->cameo || strncmp(e->cameo, "18", 2)) continue;
    uint32_t ti = trigger_token(s, e->ev_start);
    if (ti >= s->n || !upos_is(&s->t[ti], "VERB")) continue;
    static const char *const in[] = {"in", "during"};
    int ob = child(s, ti, "obj", 0);
    for (size_t m = 0; m < 4; m++) {
      /* the phrase may hang on the victims: "killed three in a gunbattle" */
      int b = m < 2 ? ev_by_case(s, ti, in[m])
                    : ob >= 0 ? ev_by_case(s, (uint32_t)ob, in[m - 2]) : -1;
      int tr_, used_, used2_;
      const ev_trigger *bt =
          b >= 0 ? ev_pick(s, (uint32_t)b, &tr_, &used_, &used2_) : NULL;
      /* and a killing in a bombing is the bombing: "killed in a suicide
       * car bombing" is 1831 */
      if (bt && bt->noun &&
          (!strncmp(bt->code->code, "19", 2) ||
           !strncmp(bt->code->code, "183", 3) ||
           !strncmp(bt->code->code, "20", 2))) {
        recode(s, e, bt->code->code);
        break;
      }
    }
  }
}

/* an attack named as the subject of its own harm is one incident: "a
 * roadside bombing killed one soldier", "two suicide bombers killed 23
 * people": the verb's event, with the noun's more telling code */
void ev_attack_as_subject(const sent *s, size_t first_event) {
  ann_doc *d = s->d;
  for (size_t k = first_event; k < d->events.n; k++) {
    ann_event *e = &d->events.v[k];
    if (!e->cameo || (strncmp(e->cameo, "18", 2) && strncmp(e->cameo, "19", 2) &&
                      strncmp(e->cameo, "20", 2)))
      continue;
    uint32_t ti = trigger_token(s, e->ev_start);
    if (ti >= s->n || !upos_is(&s->t[ti], "VERB")) continue;
    int sj = child(s, ti, "nsubj", 0);
    int tr_, used_, used2_;
    const ev_trigger *nt =
        sj >= 0 && (upos_is(&s->t[sj], "NOUN") || upos_is(&s->t[sj], "PROPN"))
            ? ev_pick(s, (uint32_t)sj, &tr_, &used_, &used2_)
            : NULL;
    if (!nt || !nt->noun) continue;
    const char *nc = nt->code->code;
    if (strncmp(nc, "18", 2) && strncmp(nc, "19", 2) && strncmp(nc, "20", 2))
      continue;
    if (strlen(nc) > 3 || !strncmp(nc, "183", 3) || !strncmp(nc, "19", 2) ||
        !strncmp(nc, "20", 2))
      recode(s, e, nc);
    for (size_t j = first_event; j < d->events.n; j++) {
      ann_event *o = &d->events.v[j];
      if (j == k || !o->cameo || o->ev_start != s->t[sj].start) continue;
      if (e->source < 0) e->source = o->source;
      if (e->target < 0) e->target = o->target;
      o->cameo = NULL; /* dropped below */
    }
  }
}

/* peacekeepers who arrive are deployed, not visiting: "the first NATO
 * peacekeeping troops arrived in Bosnia" is 074 */
void ev_peacekeepers_deploy(const sent *s, size_t first_event) {
  ann_doc *d = s->d;
  const ev_class *pk = ev_class_find(&s->c->dicts, "peacekeepers");
  for (size_t k = first_event; pk && k < d->events.n; k++) {
    ann_event *e = &d->events.v[k];
    if (!e->cameo || strcmp(e->cameo, "042")) continue;
    uint32_t ti = trigger_token(s, e->ev_start);
    if (ti >= s->n || !upos_is(&s->t[ti], "VERB")) continue;
    int sj = child(s, ti, "nsubj", 0);
    if (sj >= 0 && ev_class_at(s, (uint32_t)sj, pk, true) >= 0) recode(s, e, "074");
  }
}

/* a protest told as speech is a complaint: "the authorities are
 * failing refugees, a rights group protested", "protested that ..." */
void ev_protest_as_complaint(const sent *s, size_t first_event) {
  ann_doc *d = s->d;
  for (size_t k = first_event; k < d->events.n; k++) {
    ann_event *e = &d->events.v[k];
    if (!e->cameo || strncmp(e->cameo, "14", 2)) continue;
    uint32_t ti = trigger_token(s, e->ev_start);
    if (ti >= s->n || !upos_is(&s->t[ti], "VERB") ||
        !(lemma_is(&s->t[ti], "protest") || lemma_is(&s->t[ti], "complain")))
      continue;
    int cc = child(s, ti, "ccomp", 0);
    if (cc < 0) {
      /* the words quoted before it: "X is failing Y, a group protested" */
      for (uint32_t j = 0; j < s->n && cc < 0; j++)
        if (s->t[j].head == (int32_t)ti + 1 && j < ti &&
            (rel_is(&s->t[j], "parataxis") || rel_is(&s->t[j], "ccomp")))
          cc = (int)j;
    }
    /* or the reporting verb hangs on what it reports: "X is failing Y, a
     * group protested here" with no place or object of its own */
    const ann_token *t = &s->t[ti];
    /* (or as an adverbial clause, no subordinator: "X is failing Y, a
     * rights group protested on Monday") */
    if (cc < 0 &&
        (rel_is(t, "parataxis") ||
         (rel_is(t, "advcl") && child(s, ti, "mark", 0) < 0 &&
          upos_is(&s->t[t->head - 1], "VERB"))) &&
        t->head > 0 && t->head - 1 < (int)ti && child(s, ti, "obj", 0) < 0) {
      bool placed = false;
      for (uint32_t j = 0; j < s->n && !placed; j++)
        placed = s->t[j].head == (int32_t)ti + 1 && rel_is(&s->t[j], "obl") &&
                 !ev_temporal(s, j);
      if (!placed) cc = t->head - 1;
    }
    if (cc < 0 || !(upos_is(&s->t[cc], "VERB") || upos_is(&s->t[cc], "AUX") ||
                    upos_is(&s->t[cc], "ADJ")))
      continue;
    recode(s, e, "111");
    /* what is complained of is its content, not an event of its own */
    for (size_t j = first_event; j < d->events.n; j++) {
      uint32_t tj = trigger_token(s, d->events.v[j].ev_start);
      for (int hops = 0; hops < 12 && tj < s->n && j != k; hops++) {
        if ((int)tj == cc) {
          d->events.v[j].cameo = NULL; /* dropped below */
          break;
        }
        if (s->t[tj].head <= 0) break;
        tj = (uint32_t)(s->t[tj].head - 1);
      }
    }
    /* aimed at whoever the words are about: "Croatian authorities are
     * failing ..." */
    bool pv = false;
    int cs = ev_subject(s, (uint32_t)cc, &pv);
    found tg;
    const char *own = e->source >= 0 ? d->actors.v[e->source].country : NULL;
    if (e->target < 0 && cs >= 0 && !pv && !ev_is_pronoun(s, (uint32_t)cs) &&
        ev_resolve(s, (uint32_t)cs, NULL, &tg) &&
        !(own && tg.implied && !strcmp(own, tg.country))) {
      int32_t ti2 = ev_add_actor(s, &tg);
      d = s->d;
      d->events.v[k].target = ti2;
    }
  }
}

/* Drop the events a pass above marked with a NULL code ("dropped below"). */
void ev_drop_uncoded(ann_doc *d, size_t first_event) {
  size_t w = first_event;
  for (size_t k = first_event; k < d->events.n; k++)
    if (d->events.v[k].cameo) d->events.v[w++] = d->events.v[k];
  d->events.n = w;
}

/* an assault or a firing whose agent is a weapon of war is its use:
 * "helicopter gunships killed 46 civilians" is 195, "tanks fired" 194 (the
 * classes @air and @heavy of verbs.txt) */
void ev_weapon_agents(const sent *s, size_t first_event) {
  ann_doc *d = s->d;
  const ev_class *air = ev_class_find(&s->c->dicts, "air"),
                 *heavy = ev_class_find(&s->c->dicts, "heavy"),
                 *cyber = ev_class_find(&s->c->dicts, "cyber");
  for (size_t k = first_event; k < d->events.n && (air || heavy); k++) {
    ann_event *e = &d->events.v[k];
    if (strcmp(e->cameo, "180") && strcmp(e->cameo, "182") &&
        strcmp(e->cameo, "1823") && strcmp(e->cameo, "183") &&
        strcmp(e->cameo, "190") && strcmp(e->cameo, "193"))
      continue;
    uint32_t ti = trigger_token(s, e->ev_start);
    if (ti >= s->n || !upos_is(&s->t[ti], "VERB")) continue;
    bool pv = false;
    int sh = ev_subject(s, ti, &pv);
    if (pv) sh = ev_by_case(s, ti, "by");
    /* a past tense read as a participle ("jets bombed positions" as "the
     * bombed positions"): the noun right before it is the subject, as for
     * the event itself */
    if (sh < 0 && rel_exact(&s->t[ti], "amod") && ti > 0 &&
        (upos_is(&s->t[ti - 1], "NOUN") || upos_is(&s->t[ti - 1], "PROPN")))
      sh = (int)ti - 1;
    if (sh < 0) continue;
    /* a firing or a fight is the weapon's own only when the weapon acts
     * ("tanks fired", not "debris from a drone struck") */
    if (e->cameo[1] == '9') {
      if (s->t[sh].head != (int32_t)ti + 1 &&
          !(rel_exact(&s->t[ti], "amod") && sh == (int)ti - 1))
        continue;
      if (air && ev_node_in_class(s, (uint32_t)sh, air)) recode(s, e, "195");
      else if (heavy && ev_node_in_class(s, (uint32_t)sh, heavy))
        recode(s, e, "194");
      continue;
    }
    if (air && ev_class_at(s, (uint32_t)sh, air, true) >= 0) recode(s, e, "195");
    else if (heavy && ev_class_at(s, (uint32_t)sh, heavy, true) >= 0)
      recode(s, e, "194");
    else if (cyber && e->cameo[1] == '8' &&
             ev_class_at(s, (uint32_t)sh, cyber, true) >= 0)
      recode(s, e, "171"); /* "hackers targeted the grid": a cyberattack */
  }
}

/* an act announced for the future ("will provide aid", "would blockade
 * Paris") is an intent (03x) when it cooperates and a threat (13x) when
 * it coerces; speculation ("could", "might") stays hypothetical */
void ev_future_acts(const sent *s, size_t first_event) {
  ann_doc *d = s->d;
  for (size_t k = first_event; k < d->events.n; k++) {
    ann_event *e = &d->events.v[k];
    uint32_t ti = trigger_token(s, e->ev_start);
    if (ti >= s->n) continue;
    /* a nominal event takes the time of the verb it is the object of:
     * "will extend the curfew", "would tighten the blockade" */
    uint32_t av = ti;
    const ann_token *tt = &s->t[ti];
    if ((upos_is(tt, "NOUN") || upos_is(tt, "PROPN")) && tt->head > 0 &&
        (rel_is(tt, "obj") || rel_exact(tt, "nsubj:pass")) &&
        upos_is(&s->t[tt->head - 1], "VERB"))
      av = (uint32_t)(tt->head - 1);
    bool future = false;
    /* "failed to reach agreement", "failed to stop the attack": what
     * failed did not happen; a cooperation that failed is a refusal of it
     * (12x) */
    {
      const ann_token *at = &s->t[av];
      if (at->head > 0 && lemma_is(&s->t[at->head - 1], "fail") &&
          (rel_is(at, "xcomp") ||
           (rel_is(at, "advcl") && child(s, av, "mark", 0) >= 0 &&
            lemma_is(&s->t[child(s, av, "mark", 0)], "to")))) {
        e->negated = true;
        /* an agreement or a concession that failed ("failed to reach
         * agreement", "failed to release"), not a failed aid ("failed to
         * protect journalists") */
        if (e->cameo[0] == '0' &&
            (e->cameo[1] == '3' || e->cameo[1] == '5' || e->cameo[1] == '8') &&
            recode(s, e, refuse_code(e->cameo)))
          e->negated = false;
        continue;
      }
    }
    /* a conditional act ("may halt mediation if cooperation founders")
     * is announced as much as a future one: an offer or a threat */
    if (e->hypothetical && !e->negated)
      for (int a = child(s, av, "advcl", 0); a >= 0 && !future;
           a = child(s, av, "advcl", (uint32_t)a + 1)) {
        int m = child(s, (uint32_t)a, "mark", 0);
        if (m >= 0 && (lemma_is(&s->t[m], "if") ||
                       lemma_is(&s->t[m], "unless")))
          future = true;
      }
    for (uint32_t j = av > 4 ? av - 4 : 0; j < av; j++)
      if (s->t[j].head == (int32_t)av + 1 && rel_is(&s->t[j], "aux") &&
          (tok_is(s, j, "will") || tok_is(s, j, "would") ||
           tok_is(s, j, "shall") || tok_is(s, j, "'ll") ||
           tok_is(s, j, "wo")))
        future = true;
    /* "will not release the prisoners", "would not meet the demands": a
     * refusal (12x) of what would have cooperated */
    if (e->negated) {
      if (future && recode(s, e, refuse_code(e->cameo))) e->negated = false;
      continue;
    }
    /* "plans to impose", "is ready to contribute" (a decision is the act
     * decided: "the court decided to allow the candidate to run") */
    static const char *const intend[] = {"plan",    "prepare", "ready",
                                         "willing", "intend",  "prepared",
                                         "determined"};
    const ann_token *t = &s->t[ti];
    /* also "plans to impose" with "plans" read as a noun, or the "to"
     * clause read as a purpose */
    int mk = child(s, ti, "mark", 0);
    bool to = rel_is(t, "xcomp") ||
              ((rel_is(t, "acl") || rel_is(t, "advcl")) && mk >= 0 &&
               lemma_is(&s->t[mk], "to"));
    bool planned = false;
    if (!future && t->head > 0 && to &&
        lemma_in(&s->t[t->head - 1], intend, sizeof intend / sizeof *intend))
      future = planned = true;
    if (!future) continue;
    /* an act of nobody named is announced by no one: "an outbreak would
     * put enormous pressure on our resources" stays hypothetical (a name
     * the coder could not code still announces: "Isreal will evacuate") */
    bool named_subject = false;
    {
      bool passive = false;
      int sj = ev_subject(s, av, &passive);
      named_subject = sj >= 0 && !passive && upos_is(&s->t[sj], "PROPN");
    }
    if (e->source < 0 && !named_subject && !planned) {
      e->hypothetical = true;
      continue;
    }
    if (recode(s, e, future_code(e->cameo))) e->hypothetical = false;
  }
}

/* "X said that Y must do Z" is X's demand on Y */
void ev_said_must(const sent *s, size_t first_event) {
  ann_doc *d = s->d;
  for (size_t k = first_event; k < d->events.n; k++) {
    ann_event *e = &d->events.v[k];
    uint32_t ti = trigger_token(s, e->ev_start);
    if (ti >= s->n || e->negated || !strncmp(e->cameo, "10", 2)) continue;
    if (!aux_before(s, ti, "must") || !recode(s, e, ev_demand_code(s, ti))) continue;
    e->hypothetical = false;
    found sp;
    if (ev_speaker(s, ti, &sp)) {
      int32_t si = ev_add_actor(s, &sp);
      if (si >= 0) {
        d = s->d;
        e = &d->events.v[k];
        /* the speaker demanding of itself is a pronoun read wrong ("issued
         * a reminder to Iraq that it must ..."): no target then */
        bool self = e->source >= 0 &&
                    !strcmp(d->actors.v[e->source].code, sp.code);
        e->target = self ? -1 : e->source;
        e->source = si;
        /* then whom the words were addressed to is the one who must: "a
         * reminder to Iraq that it must ..." */
        uint32_t up = ti;
        for (int hops = 0; self && hops < 3 && s->t[up].head > 0; hops++) {
          up = (uint32_t)(s->t[up].head - 1);
          int h = ev_by_case(s, up, "to");
          if (h < 0) h = child(s, up, "iobj", 0);
          int ob = h < 0 ? child(s, up, "obj", 0) : -1;
          if (ob >= 0) h = ev_by_case(s, (uint32_t)ob, "to");
          found g;
          if (h < 0 || !ev_resolve_deep(s, h, NULL, &g) ||
              !strcmp(g.code, sp.code))
            continue;
          int32_t gi = ev_add_actor(s, &g);
          d = s->d;
          e = &d->events.v[k];
          e->target = gi;
          break;
        }
      }
    } else if (e->source >= 0) {
      /* no one says it: still a demand on Y, by no one named */
      e->target = e->source;
      e->source = -1;
    }
  }
}

/* what is appealed for, promised, demanded, rejected, threatened or
 * alleged is the content of that event, not an event of its own:
 * "threatened to impose restrictions" is a threat, "rejected the demand
 * to sever ties" a rejection, "accused Russia of shelling Odesa" an
 * accusation */
static bool folded(const sent *s, size_t first_event, size_t k) {
  ann_doc *d = s->d;
  const ann_event *e = &d->events.v[k];
  uint32_t ti = trigger_token(s, e->ev_start);
  bool inner = false;
  for (int hops = 0; hops < 4 && ti < s->n && !inner; hops++) {
    const ann_token *t = &s->t[ti];
    /* a conjunct of what is refused or asked is asked too ("refused
     * to let planes land and evacuate"), not a conjunct of the act */
    if (t->head <= 0 ||
        !(rel_is(t, "xcomp") || rel_is(t, "ccomp") || rel_is(t, "acl") ||
          rel_is(t, "obj") || rel_is(t, "nmod") || rel_is(t, "obl") ||
          rel_is(t, "advcl") ||
          (rel_is(t, "conj") &&
           (rel_is(&s->t[t->head - 1], "xcomp") ||
            (rel_is(&s->t[t->head - 1], "acl") &&
             child(s, (uint32_t)(t->head - 1), "mark", 0) >= 0)))))
      break;
    /* the phrase a protest is about: "in protest of the government's
     * refusal", "protested against the arrest of ..." */
    bool about = hops < 2 && t->head > 0 &&
                 (rel_is(t, "nmod") || rel_is(t, "obl") || rel_is(t, "obj"));
    ti = (uint32_t)(t->head - 1);
    for (size_t j = first_event; j < d->events.n; j++) {
      const ann_event *o = &d->events.v[j];
      if (j == k || o->ev_start != s->t[ti].start) continue;
      const char *r = o->cameo;
      if (!strncmp(r, "02", 2) || !strncmp(r, "03", 2) ||
          !strncmp(r, "10", 2) || !strncmp(r, "12", 2) ||
          !strncmp(r, "13", 2) ||
          /* the terms of an agreement signed: "signed an agreement to
           * increase trade" */
          !strcmp(r, "057") ||
          /* what is condemned or complained of: "complained over
           * Israeli air raids" */
          !strncmp(r, "11", 2) ||
          /* an allegation is not an act established: "accused the US
           * of restoring the blackmail" */
          !strncmp(r, "112", 3) || (about && !strncmp(r, "14", 2)))
        inner = true;
      /* a plain threat takes the kind of what it threatens: "threatened
       * to attack" is 138 */
      const char *f = future_code(e->cameo);
      /* and so does a vow to do harm: "vowed to fight" is 138 */
      const ann_token *ot = &s->t[ti];
      bool vow = !strcmp(r, "030") &&
                 (lemma_is(ot, "vow") || lemma_is(ot, "swear") ||
                  lemma_is(ot, "pledge") || lemma_is(ot, "promise"));
      if ((!strcmp(r, "130") || !strcmp(r, "131") || vow) && f &&
          f[0] == '1')
        recode(s, &d->events.v[j], f);
    }
  }
  return inner;
}

void ev_fold_contents(const sent *s, size_t first_event) {
  if (s->d->events.n - first_event > 1)
    keep_unless(s, first_event, folded);
}

/* helping to do something is doing it: "mobilized groups to help
 * support the rights of Palestinians" is the support */
static bool helped(const sent *s, size_t first_event, size_t k) {
  ann_doc *d = s->d;
  const ann_event *e = &d->events.v[k];
  uint32_t ti = trigger_token(s, e->ev_start);
  bool drop = false;
  if (ti < s->n && !strncmp(e->cameo, "07", 2) &&
      (lemma_is(&s->t[ti], "help") || lemma_is(&s->t[ti], "assist"))) {
    int x = child(s, ti, "xcomp", 0);
    for (size_t j = first_event; x >= 0 && j < d->events.n && !drop; j++) {
      ann_event *o = &d->events.v[j];
      drop = j != k && o->ev_start == s->t[x].start;
      /* the helper is who does it */
      if (drop && o->source < 0) o->source = e->source;
    }
  }
  return drop;
}

void ev_help_is_doing(const sent *s, size_t first_event) {
  if (s->d->events.n - first_event > 1)
    keep_unless(s, first_event, helped);
}

/* an act done to do another of the same kind is one act: "began a
 * hunger strike to protest against ...", "telephoned X to discuss ...",
 * "a rally in Lagos to protest": the first keeps its target, or takes
 * the second's */
void ev_merge_purpose(const sent *s, size_t first_event) {
  ann_doc *d = s->d;
  if (d->events.n - first_event > 1) {
    for (size_t k = first_event; k < d->events.n; k++) {
      ann_event *e = &d->events.v[k];
      uint32_t ti = trigger_token(s, e->ev_start);
      /* but "..., killing four soldiers" tells a further act */
      bool merged = ti < s->n && ti > 0 && tok_is(s, ti - 1, ",");
      if (merged) continue;
      for (int hops = 0; hops < 3 && ti < s->n && !merged; hops++) {
        const ann_token *t = &s->t[ti];
        if (t->head <= 0 ||
            !(rel_is(t, "advcl") || rel_is(t, "xcomp") || rel_exact(t, "acl") ||
              rel_is(t, "nmod") || rel_is(t, "obl")))
          break;
        ti = (uint32_t)(t->head - 1);
        int ob = child(s, ti, "obj", 0);
        for (size_t j = first_event; j < d->events.n && !merged; j++) {
          ann_event *o = &d->events.v[j];
          /* the act itself, its object ("staged a rally to protest") or
           * a phrase of the same verb ("converging for a rally in Lagos
           * to protest") */
          uint32_t oj = trigger_token(s, o->ev_start);
          bool near = oj < s->n && oj != ti &&
                      s->t[oj].head == (int32_t)ti + 1 &&
                      rel_is(&s->t[oj], "obl") && hops == 0;
          if (j == k || !o->cameo || strncmp(o->cameo, e->cameo, 2) ||
              o->negated != e->negated ||
              !(o->ev_start == s->t[ti].start || near ||
                (ob >= 0 && o->ev_start == s->t[ob].start)))
            continue;
          if (o->target < 0) o->target = e->target;
          if (o->source < 0) o->source = e->source;
          merged = true;
        }
      }
      if (merged) e->cameo = NULL;
    }
    ev_drop_uncoded(s->d, first_event);
  }
}

/* one act told twice ("signed a trade agreement", "sent aid"): the same
 * code between the same actors once; and an event without a target
 * gives way to the same trigger's event with one ("staged a hunger
 * strike to demand the resignation of ...") */
static bool gives_way(const sent *s, size_t first_event, size_t k) {
  ann_doc *d = s->d;
  const ann_event *e = &d->events.v[k];
  bool sub = false;
  for (size_t j = first_event; j < d->events.n && !sub; j++) {
    const ann_event *o = &d->events.v[j];
    sub = j != k && e->target < 0 && o->target >= 0 &&
          o->ev_start == e->ev_start && o->source == e->source &&
          !strncmp(o->cameo, e->cameo, 2) && e->negated == o->negated;
  }
  return sub;
}

void ev_merge_told_twice(const sent *s, size_t first_event) {
  ann_doc *d = s->d;
  keep_unless(s, first_event, gives_way);
  {
    size_t w = first_event;
    for (size_t k = first_event; k < d->events.n; k++) {
      const ann_event *e = &d->events.v[k];
      bool dup = false;
      for (size_t j = first_event; j < w && !dup; j++) {
        const ann_event *o = &d->events.v[j];
        const char *es = e->source >= 0 ? d->actors.v[e->source].code : "";
        const char *os = o->source >= 0 ? d->actors.v[o->source].code : "";
        const char *et = e->target >= 0 ? d->actors.v[e->target].code : "";
        const char *ot = o->target >= 0 ? d->actors.v[o->target].code : "";
        dup = !strncmp(e->cameo, o->cameo, 3) && !strcmp(es, os) &&
              !strcmp(et, ot) && e->negated == o->negated &&
              e->hypothetical == o->hypothetical;
        /* the telling with the more precise code stays (1421, not 142) */
        if (dup && strlen(e->cameo) > strlen(o->cameo))
          d->events.v[j] = *e;
      }
      if (!dup) d->events.v[w++] = *e;
    }
    d->events.n = w;
  }
}

static bool is_said(const sent *s, size_t first_event, size_t k) {
  (void)first_event;
  return !strcmp(s->d->events.v[k].cameo, "010");
}

/* a statement that reports another event is told for that event: drop
 * "said" when the sentence codes something else */
void ev_drop_said(const sent *s, size_t first_event) {
  ann_doc *d = s->d;
  bool other = false;
  for (size_t k = first_event; k < d->events.n; k++)
    if (strcmp(d->events.v[k].cameo, "010")) other = true;
  if (other) keep_unless(s, first_event, is_said);
}

/* an act told without its agent inside the clause of another coded act
 * is background to it ("whom they had taken hostage", "the lunch hosted
 * by ...", "following the invasions of Dagestan"): the sentence's story
 * is the act with an agent */
static bool agentless_inside(const sent *s, size_t first_event, size_t k) {
  ann_doc *d = s->d;
  const ann_event *e = &d->events.v[k];
  bool drop = false;
  if (e->source < 0) {
    uint32_t ti = trigger_token(s, e->ev_start);
    for (int hops = 0; hops < 12 && ti < s->n && !drop; hops++) {
      if (s->t[ti].head <= 0) break;
      ti = (uint32_t)(s->t[ti].head - 1);
      for (size_t j = first_event; j < d->events.n && !drop; j++)
        drop = j != k && d->events.v[j].source >= 0 &&
               d->events.v[j].ev_start == s->t[ti].start;
    }
  }
  return drop;
}

void ev_drop_agentless_background(const sent *s, size_t first_event) {
  if (s->d->events.n - first_event > 1)
    keep_unless(s, first_event, agentless_inside);
}

/* what a relative clause or a participle says of a noun describes it
 * ("peacekeepers, who are deployed to oversee a ceasefire", "equipment
 * seized last year", "a camp attacked by militiamen armed with
 * machetes"): background, when the sentence tells an act outside such
 * clauses */
void ev_drop_descriptions(const sent *s, size_t first_event) {
  ann_doc *d = s->d;
  if (d->events.n - first_event > 1) {
    bool bg[64] = {0}, fore = false;
    uint32_t fv = first_verb(s);
    size_t ne = d->events.n - first_event < 64 ? d->events.n - first_event : 64;
    for (size_t k = 0; k < ne; k++) {
      uint32_t ti = trigger_token(s, d->events.v[first_event + k].ev_start);
      bg[k] = ti < s->n && in_description(s, ti, fv);
      fore |= !bg[k];
    }
    if (fore) {
      size_t w = first_event;
      for (size_t k = first_event; k < d->events.n; k++)
        if (k - first_event >= 64 || !bg[k - first_event])
          d->events.v[w++] = d->events.v[k];
      d->events.n = w;
    }
  }
}

/* a protest told as a noun with no one protesting, in a phrase of a
 * clause whose subject is people, is theirs: "Palestinian youths resorted
 * to throwing stones during demonstrations against ...", "workers
 * stopped work on the first day of a strike" (not a state's forces or a
 * country by its name: "police fired on crowds during a demonstration") */
void ev_protest_of_people(const sent *s, size_t first_event) {
  ann_doc *d = s->d;
  for (size_t k = first_event; k < d->events.n; k++) {
    ann_event *e = &d->events.v[k];
    if (e->source >= 0 || strncmp(e->cameo, "14", 2)) continue;
    uint32_t ti = trigger_token(s, e->ev_start);
    if (ti >= s->n || !upos_is(&s->t[ti], "NOUN")) continue;
    int n = (int)ti, v = -1;
    int sh = -1;
    bool pv = false;
    for (int hops = 0; hops < 4 && v < 0 && sh < 0; hops++) {
      const ann_token *t = &s->t[n];
      if (t->head <= 0 ||
          !(rel_is(t, "obl") || rel_is(t, "nmod") || rel_is(t, "obj")))
        break;
      int h = t->head - 1;
      if (upos_is(&s->t[h], "VERB")) {
        v = h;
        break;
      }
      if (!upos_is(&s->t[h], "NOUN")) break;
      n = h;
      /* a past tense misread as the noun's adjective ("students burned
       * flags during demonstrations" read as "the burned flags"): the
       * noun right before it is its subject */
      for (int m = n - 1; m > 0 && m >= n - 3; m--)
        if (s->t[m].head == n + 1 && rel_exact(&s->t[m], "amod") &&
            upos_is(&s->t[m], "VERB") && upos_is(&s->t[m - 1], "NOUN"))
          sh = m - 1;
    }
    if (v >= 0) sh = ev_subject(s, (uint32_t)v, &pv);
    found who;
    if (sh < 0 || pv || !upos_is(&s->t[sh], "NOUN") ||
        !ev_resolve(s, (uint32_t)sh, NULL, &who) || !who.country[0] ||
        ev_state_role(who.role))
      continue;
    if (e->target >= 0 && !strcmp(d->actors.v[e->target].code, who.code))
      continue;
    int32_t si = ev_add_actor(s, &who);
    d = s->d;
    d->events.v[k].source = si;
  }
}

/* The word that tells what did the act at trigger ti when no actor was
 * found for it: a verb's active subject, else its "by" or "in" phrase
 * ("killed by an improvised explosive device", "killed in a car
 * bombing"); a nominal event is its own ("a roadside bombing"). Returns
 * it when it is of class cls, else -1. */
static int agent_word(const sent *s, uint32_t ti, const ev_class *cls) {
  if (!upos_is(&s->t[ti], "VERB"))
    return ev_class_at(s, ti, cls, true) >= 0 ? (int)ti : -1;
  bool pv = false;
  int sh = ev_subject(s, ti, &pv);
  if (sh >= 0 && !pv && ev_class_at(s, (uint32_t)sh, cls, true) >= 0)
    return sh;
  if (sh >= 0 && !pv) return -1; /* "debris from a drone struck ..." */
  static const char *const preps[] = {"by", "in"};
  for (size_t k = 0; k < 2; k++) {
    int b = ev_by_case(s, ti, preps[k]);
    if (b >= 0 && ev_class_at(s, (uint32_t)b, cls, true) >= 0) return b;
  }
  return -1;
}

/* The country the places of sentence s name most (the document's on a
 * tie), or NULL. */
static const char *most_named_country(const sent *s) {
  const ann_doc *d = s->d;
  const char *c = NULL;
  int best = 0;
  for (size_t a = 0; a < d->places.n; a++) {
    const ann_place *pa = &d->places.v[a];
    if (pa->sentence != s->index || !pa->country3[0]) continue;
    int n = 0;
    for (size_t b = 0; b < d->places.n; b++)
      n += d->places.v[b].sentence == s->index &&
           !strcmp(d->places.v[b].country3, pa->country3);
    bool main = s->main_country && !strcmp(pa->country3, s->main_country);
    if (n > best || (n == best && main)) {
      best = n;
      c = pa->country3;
    }
  }
  return c;
}

/* Who did an act told with whom it hit but no one identified doing it,
 * by the convention of conflict data sets (ACLED's "Unidentified Armed
 * Group (Iraq)"): people of the place it happens in, else of the country
 * the sentence names most (the document's on a tie); applied last, when
 * acts without an agent that are background to another are gone. Only
 * for
 *  - people of no stated country acting ("a group of refugees are
 *    continuing a hunger strike in protest of the Russian government's
 *    refusal": RUSREF), and
 *  - a device set off where it went off, whose unknown users were there
 *    (class @planted of verbs.txt: "three US servicemen were killed by an
 *    improvised explosive device outside the Iraqi city of Basra", "a
 *    roadside bombing near Samarra killed one U.S. soldier": IRQUAF);
 * never for a thing sent from elsewhere or no agent word at all ("debris
 * from a drone struck a grain terminal in Romania's largest port" names
 * no one who struck), and never to make the place's people act on their
 * own country ("a suicide bombing killed three Afghan soldiers in
 * Kandahar" is no Afghan attack on Afghans), except its civilians on its
 * authorities ("refugees ... the Russian government"). */
void ev_place_agents(const sent *s, size_t first_event) {
  ann_doc *d = s->d;
  const ev_class *planted = ev_class_find(&s->c->dicts, "planted");
  /* the sentence's most named country, counted once when first needed */
  const char *most = NULL;
  bool counted = false;
  for (size_t k = first_event; k < d->events.n; k++) {
    ann_event *e = &d->events.v[k];
    /* (not words, 01-07 and 10-13: who condemned, promised or demanded is
     * not guessed) */
    /* (people of no stated country acting count as no one named: "a
     * group of refugees are continuing a hunger strike") */
    const ann_actor *sa = e->source >= 0 ? &d->actors.v[e->source] : NULL;
    bool nameless = sa && !sa->country && sa->role &&
                    (!strcmp(sa->role, "CVL") || !strcmp(sa->role, "REF"));
    if ((e->source >= 0 && !nameless) || e->target < 0 ||
        (e->cameo[0] == '0' && e->cameo[1] != '8' && e->cameo[1] != '9') ||
        !strncmp(e->cameo, "10", 2) || !strncmp(e->cameo, "11", 2) ||
        !strncmp(e->cameo, "12", 2) || !strncmp(e->cameo, "13", 2))
      continue;
    uint32_t ti = trigger_token(s, e->ev_start);
    if (ti >= s->n) continue;
    if (!nameless && (!planted || agent_word(s, ti, planted) < 0)) continue;
    int32_t pl = ev_place_of(s, ti, true);
    if (pl < 0 && !counted) {
      most = most_named_country(s);
      counted = true;
    }
    const char *c = pl >= 0 ? d->places.v[pl].country3 : most;
    if (!c || !c[0]) continue;
    const ann_actor *ta = &d->actors.v[e->target];
    if (ta->country && !strcmp(ta->country, c) &&
        (!nameless || !ev_state_role(ta->role)))
      continue;
    found who;
    if (nameless) ev_country_actor(&who, c, sa->role, sa->start, sa->end, true);
    else ev_country_actor(&who, c, "UAF", e->ev_start, e->ev_start, true);
    int32_t si = ev_add_actor(s, &who);
    d = s->d;
    d->events.v[k].source = si;
  }
}

/* a consultation of several sides at a town is among them, the town
 * where it is held: "U.S. and Russian negotiators return to Geneva this
 * week for talks" is no talk with Switzerland (a town alone, not a
 * country: "Russian and Chinese envoys visited Iran") */
void ev_joint_venues(const sent *s, size_t first_event) {
  ann_doc *d = s->d;
  for (size_t k = first_event; k < d->events.n; k++) {
    ann_event *e = &d->events.v[k];
    if (strncmp(e->cameo, "04", 2) || e->source < 0 || e->target < 0) continue;
    const ann_actor *ta = &d->actors.v[e->target];
    bool town = false;
    for (size_t p = 0; p < d->places.n && !town; p++) {
      const ann_place *pl = &d->places.v[p];
      town = pl->sentence == s->index && pl->start == ta->start &&
             pl->end == ta->end && pl->kind && strcmp(pl->kind, "country");
    }
    if (!town) continue;
    const char *c = d->actors.v[e->source].country;
    bool joint = false;
    for (size_t j = first_event; j < d->events.n && !joint; j++) {
      const ann_event *o = &d->events.v[j];
      if (j == k || o->ev_start != e->ev_start || o->source < 0 ||
          o->target != e->target)
        continue;
      const char *oc = d->actors.v[o->source].country;
      joint = c && oc && strcmp(c, oc);
    }
    if (!joint) continue;
    for (size_t j = first_event; j < d->events.n; j++)
      if (d->events.v[j].ev_start == e->ev_start &&
          d->events.v[j].target == e->target && j != k)
        d->events.v[j].target = -1;
    e->target = -1;
  }
}

/* taking or retaking a town of one's own country occupies no one: the
 * country itself is no target ("Government troops recaptured the town of
 * Kidal in northern Mali"; whom it was taken from stays: "captured part
 * of a Karen guerrilla stronghold" MMRREB) */
void ev_own_territory(const sent *s, size_t first_event) {
  ann_doc *d = s->d;
  for (size_t k = first_event; k < d->events.n; k++) {
    ann_event *e = &d->events.v[k];
    if (strcmp(e->cameo, "192") || e->source < 0 || e->target < 0) continue;
    const ann_actor *sa = &d->actors.v[e->source], *ta = &d->actors.v[e->target];
    if (sa->country && ta->country && !strcmp(sa->country, ta->country) &&
        !ta->role)
      e->target = -1;
  }
}

/* a protest or a coercion that names no one it is aimed at falls on the
 * source's own country: strikes and hunger strikes are against its
 * authorities ("Algerian landowners began a hunger strike outside
 * Parliament"), curfews and arrests on its people ("declared a state of
 * siege ..., arresting political opponents"), and so is lifting them */
void ev_own_country_targets(const sent *s, size_t first_event) {
  ann_doc *d = s->d;
  for (size_t k = first_event; k < d->events.n; k++) {
    ann_event *e = &d->events.v[k];
    /* (and a threat of force or repression: "prepared to impose martial
     * law", 132x, 137, 138x; not a threat to boycott or sanction, aimed
     * at the other side) */
    /* (and easing what was imposed on them, or reforms conceded at
     * home: "Sudan's government lifted a state of emergency in West
     * Darfur", "took steps to enhance political freedoms"; 081, 082,
     * 083 but a resignation, 0831) */
    bool eased = (!strncmp(e->cameo, "081", 3) || !strncmp(e->cameo, "082", 3) ||
                  !strncmp(e->cameo, "083", 3)) &&
                 strcmp(e->cameo, "0831");
    if (e->target >= 0 || e->source < 0 ||
        (strncmp(e->cameo, "14", 2) && strncmp(e->cameo, "17", 2) &&
         strncmp(e->cameo, "132", 3) && strncmp(e->cameo, "137", 3) &&
         strncmp(e->cameo, "138", 3) && !eased))
      continue;
    const ann_actor *a = &d->actors.v[e->source];
    if (!a->country || !a->country[0] || ev_group_code(a->code)) continue;
    found own;
    ev_country_actor(&own, a->country, "", e->ev_start, e->ev_start, true);
    int32_t ti = ev_add_actor(s, &own);
    d = s->d;
    d->events.v[k].target = ti;
  }
}
