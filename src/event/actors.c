/*
 * actors.c — actor resolution for the events stage: what a phrase of the
 * sentence names (a country, a demonym, a place, an organisation, a role, a
 * well-known person, a surname told again) and storing it as a document
 * actor. See coder.c for the stage as a whole.
 */
#include "coder_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ------------------------------------------------------------ actors -- */

/* The place the document recorded at this token, or NULL. */
const ann_place *ev_place_at(const sent *s, uint32_t i) {
  const ann_token *t = &s->t[i];
  for (size_t k = 0; k < s->d->places.n; k++) {
    const ann_place *p = &s->d->places.v[k];
    if (p->start <= t->start && t->end <= p->end && p->country3[0]) return p;
  }
  return NULL;
}

/* The country of token i's word in the gazetteer: read as a demonym or
 * people ("Azerbaijanis") when demonym is true, else as a country's own
 * name ("Lebanon"); NULL when it has no such reading. */
static const char *gaz_country(const sent *s, uint32_t i, bool demonym) {
  if (!s->gaz) return NULL;
  const ann_token *t = &s->t[i];
  size_t n;
  const ann_gaz_posting *ps =
      ann_gaz_lookup(s->gaz, s->d->text + t->start, t->end - t->start, &n);
  for (size_t k = 0; k < n; k++) {
    bool people = ps[k].flags & (ANN_GEO_N_DEMONYM | ANN_GEO_N_PEOPLE);
    if (people != demonym) continue;
    const ann_gaz_place *pl = ann_gaz_place_at(s->gaz, ps[k].place);
    if (!pl || pl->country == 0xffff ||
        (!demonym && pl->kind != ANN_GEO_COUNTRY))
      continue;
    const char *iso3 = ann_gaz_iso3(s->gaz, pl->country);
    if (iso3 && *iso3) return iso3;
  }
  return NULL;
}

static const char *demonym_country(const sent *s, uint32_t i) {
  return gaz_country(s, i, true);
}

static const char *country_named(const sent *s, uint32_t i) {
  return gaz_country(s, i, false);
}

/* A part of a country named by a compass word and the country's name
 * ("South Lebanon", "northern Iraq") is that country's, whatever town of
 * the name the gazetteer chose. */
static const char *compass_country(const sent *s, uint32_t i) {
  static const char *const w[] = {"south", "north", "east", "west",
                                  "southern", "northern", "eastern",
                                  "western", "central"};
  if (i == 0) return NULL;
  for (size_t k = 0; k < sizeof w / sizeof *w; k++)
    if (tok_is(s, i - 1, w[k])) return country_named(s, i);
  return NULL;
}

/* An actor-dictionary entry whose words end at token i (multi-word entries
 * are matched backwards from their last word). */
static const ev_actor_word *actor_word(const sent *s, uint32_t i,
                                       ev_actor_kind kind) {
  const ev_dicts *d = &s->c->dicts;
  const ev_actor_word *best = NULL;
  size_t best_words = 0;
  /* the first letter of the word and of its lemma: most entries are ruled
   * out by it */
  const ann_token *ti = &s->t[i];
  unsigned char c1 =
      (unsigned char)tolower((unsigned char)s->d->text[ti->start]);
  unsigned char c2 =
      ti->lemma ? (unsigned char)tolower((unsigned char)ti->lemma[0]) : c1;
  /* and of the last part of a hyphenated role ("Vice-President") */
  unsigned char c3 = 0;
  for (uint32_t q = ti->end - 1; kind == EV_ROLE && q > ti->start + 1; q--)
    if (s->d->text[q - 1] == '-') {
      c3 = (unsigned char)tolower((unsigned char)s->d->text[q]);
      break;
    }
  size_t best_len = 0;
  for (int pass = 0; pass < 3; pass++) {
    unsigned char c = pass == 0 ? c1 : pass == 1 ? c2 : c3;
    if (pass == 1 && c2 == c1) continue;
    if (pass == 2 && (!c3 || c3 == c1 || c3 == c2)) break;
    size_t b = EV_ABUCKET(kind, ev_letter(c));
    for (size_t k = d->abucket[b]; k < d->abucket[b + 1]; k++) {
      const ev_actor_word *a = &d->actors[k];
      if (a->last != c) continue;
      /* names (organisations, groups, seats) are compared with the text as
       * written, whatever the tokenizer made of hyphens and apostrophes
       * ("Asia-Pacific Economic Cooperation", "Democratic People's Republic
       * of Korea", "al-Qaeda"); a word of four letters or fewer must have
       * its case ("UN", "WHO") */
      if (kind != EV_ROLE) {
        size_t len = a->len;
        if (len <= best_len) continue;
        const char *text = s->d->text;
        size_t from = s->t[0].start, j = ti->end, e = len;
        bool ok = true;
        while (e > 0 && ok) {
          if (a->words[e - 1] == ' ') {
            if (j <= from || !isspace((unsigned char)text[j - 1])) ok = false;
            while (j > from && isspace((unsigned char)text[j - 1]))
              j--;
            e--;
            continue;
          }
          /* the entry word ending at e */
          size_t ws = e;
          while (ws > 0 && a->words[ws - 1] != ' ')
            ws--;
          size_t wl = e - ws;
          if (j < from + wl) {
            ok = false;
            break;
          }
          const char *tw = text + j - wl;
          ok = wl <= 4 ? !memcmp(tw, a->words + ws, wl)
                       : !strncasecmp(tw, a->words + ws, wl);
          j -= wl;
          e = ws;
        }
        if (ok && j > from &&
            (isalnum((unsigned char)text[j - 1]) ||
             (unsigned char)text[j - 1] >= 0x80))
          ok = false;
        if (ok) {
          best = a;
          best_len = len;
        }
        continue;
      }
      /* compare the entry's words with the tokens ending at i */
      const char *w = a->words;
      size_t nw = a->nwords;
      if (nw > i + 1 || nw <= best_words) continue;
      uint32_t first = i + 1 - (uint32_t)nw;
      const char *p = w;
      bool ok = true;
      for (uint32_t j = first; j <= i && ok; j++) {
        const char *sp = strchr(p, ' ');
        size_t len = sp ? (size_t)(sp - p) : strlen(p);
        const ann_token *t = &s->t[j];
        size_t tl = t->end - t->start;
        bool same = tl == len && !strncasecmp(s->d->text + t->start, p, len);
        /* roles also match their lemma ("officers" -> officer) */
        if (!same && kind == EV_ROLE && j == i && t->lemma)
          same = strlen(t->lemma) == len && !strncasecmp(t->lemma, p, len);
        /* and the last part of a hyphenated title: "Vice-President",
         * "ex-minister", "co-leader" */
        if (!same && kind == EV_ROLE && j == i && nw == 1) {
          const char *tx = s->d->text + t->start;
          const char *hy = NULL;
          for (size_t q = tl; q-- > 1 && !hy;)
            if (tx[q] == '-') hy = tx + q;
          if (hy && (size_t)(tx + tl - hy - 1) == len)
            same = !strncasecmp(hy + 1, p, len);
        }
        /* IGO and seat names are names: case matters for short ones */
        if (same && kind != EV_ROLE && len <= 4)
          same = !strncmp(s->d->text + t->start, p, len);
        ok = same;
        p = sp ? sp + 1 : p + len;
      }
      if (ok) {
        best = a;
        best_words = nw;
      }
    }
  }
  return best;
}

/* The last token of the name that token i starts: its flat dependents
 * and the pieces of a hyphenated word ("Kim Jong-un", "Ter-Petrosyan"). */
static uint32_t name_end(const sent *s, uint32_t i) {
  uint32_t b = i;
  while (b + 1 < s->n && b < i + 8) {
    const ann_token *t = &s->t[b + 1];
    bool flat = t->head == (int32_t)i + 1 && rel_is(t, "flat");
    bool glued =
        t->start == s->t[b].end &&
        (s->d->text[t->start] == '-' || s->d->text[s->t[b].end - 1] == '-');
    /* a name the parse split ("Minister Ivan Petrenko" as two subjects):
     * capitalised proper nouns in a row, not a date or another place */
    static const char *const dates[] = {
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",   "Saturday",
        "Sunday", "January", "February",  "March",    "April",    "June",
        "July",   "August",  "September", "October",  "November", "December"};
    bool run = upos_is(t, "PROPN") && upos_is(&s->t[b], "PROPN") &&
               isupper((unsigned char)s->d->text[t->start]) &&
               t->start > s->t[b].end && !ev_place_at(s, b + 1);
    for (size_t k = 0; run && k < sizeof dates / sizeof *dates; k++)
      if (tok_is(s, b + 1, dates[k])) run = false;
    if (!flat && !glued && !run) break;
    b++;
  }
  return b;
}

/* A person of people.txt named by the words ending with token i's name. */
static const ev_actor_word *person_at(const sent *s, uint32_t i) {
  const ann_token *t = &s->t[i];
  if (!upos_is(t, "PROPN") && !upos_is(t, "NOUN") && !upos_is(t, "ADJ") &&
      !upos_is(t, "X"))
    return NULL;
  if (!isupper((unsigned char)s->d->text[t->start]) &&
      (unsigned char)s->d->text[t->start] < 0x80)
    return NULL;
  uint32_t b = name_end(s, i);
  const ev_actor_word *a =
      ev_person_find(&s->c->dicts, s->d->text, s->t[0].start, s->t[b].end);
  /* a surname alone must be tagged a name: "Straw bales", "Tenet of faith"
   * at the start of a sentence are words */
  if (a && a->nwords == 1 && !upos_is(&s->t[b], "PROPN")) return NULL;
  return a;
}

bool ev_group_code(const char *code) {
  return !strncmp(code, "IGO", 3) || !strncmp(code, "NGO", 3) ||
         !strncmp(code, "IMG", 3) || !strncmp(code, "MNC", 3);
}

bool ev_state_role(const char *role) {
  static const char *const state[] = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY"};
  for (size_t r = 0; role && r < sizeof state / sizeof *state; r++)
    if (!strcmp(role, state[r])) return true;
  return false;
}

/* A word of a title that a gazetteer may also know as a place ("Vice" in
 * "Vice Foreign Minister" is a town in Peru): never a place in a name. */
static bool title_word(const sent *s, uint32_t i) {
  static const char *const w[] = {"vice",   "deputy", "acting",  "former",
                                  "chief",  "senior", "interim", "first",
                                  "prime",  "general", "junior", "assistant",
                                  "lieutenant", "colonel", "major", "captain"};
  for (size_t k = 0; k < sizeof w / sizeof *w; k++)
    if (tok_is(s, i, w[k])) return true;
  return false;
}

/* Fill what token i itself says about an actor. */
/* A name of kind that ends at token i, or whose first word is token i
 * and goes on with an of-phrase ("Organization of African Unity",
 * "Democratic People's Republic of Korea" headed by "Republic"). */
static const ev_actor_word *name_at(const sent *s, uint32_t i,
                                    ev_actor_kind kind) {
  const ev_actor_word *a = actor_word(s, i, kind);
  if (a || i + 2 >= s->n || !tok_is(s, i + 1, "of") ||
      !isupper((unsigned char)s->d->text[s->t[i].start]))
    return a;
  for (uint32_t j = i + 2; j < s->n && j <= i + 6; j++) {
    a = actor_word(s, j, kind);
    if (a && s->t[j].end >= a->len && s->t[j].end - a->len <= s->t[i].start)
      return a;
  }
  return NULL;
}

static void describe(const sent *s, uint32_t i, found *f) {
  const ev_actor_word *a;
  if (!f->code[0] && (a = name_at(s, i, EV_IGO))) {
    snprintf(f->code, sizeof f->code, "%s", a->code);
    return;
  }
  if (!f->code[0] && (a = name_at(s, i, EV_GROUP))) {
    /* a group coded by a country alone is a nationality ("Congolese",
     * "Yoruba"): the phrase's role still counts */
    if (strlen(a->code) == 3 && !ev_group_code(a->code)) {
      if (!f->country[0])
        snprintf(f->country, sizeof f->country, "%s", a->code);
      return;
    }
    snprintf(f->code, sizeof f->code, "%s", a->code);
    if (strncmp(a->code, "IGO", 3) && strncmp(a->code, "NGO", 3) &&
        strncmp(a->code, "IMG", 3) && strncmp(a->code, "MNC", 3))
      snprintf(f->country, sizeof f->country, "%.3s", a->code);
    if (strlen(a->code) >= 6)
      snprintf(f->role, sizeof f->role, "%.3s", a->code + 3);
    return;
  }
  if (!f->code[0] && !f->country[0] && (a = person_at(s, i))) {
    if (ev_group_code(a->code)) {
      snprintf(f->code, sizeof f->code, "%s", a->code);
      return;
    }
    snprintf(f->country, sizeof f->country, "%.3s", a->code);
    if (!f->role[0] && strlen(a->code) >= 6)
      snprintf(f->role, sizeof f->role, "%.3s", a->code + 3);
    return;
  }
  if (!f->country[0] && (a = actor_word(s, i, EV_SEAT))) {
    snprintf(f->country, sizeof f->country, "%s", a->code);
    if (!f->role[0]) snprintf(f->role, sizeof f->role, "GOV");
    return;
  }
  if (!f->country[0]) {
    const ann_place *p = ev_place_at(s, i);
    if (p && title_word(s, i)) p = NULL;
    const char *c = p ? p->country3 : demonym_country(s, i);
    /* (a town the gazetteer chose, not a region: "Northern Ireland") */
    const char *cc = p && p->kind && !strcmp(p->kind, "city")
                         ? compass_country(s, i) : NULL;
    if (cc) c = cc;
    if (c) snprintf(f->country, sizeof f->country, "%s", c);
  }
  /* a word of a place's name is no role ("West Bank", "Gaza Strip") */
  if (!f->role[0] && isupper((unsigned char)s->d->text[s->t[i].start]) &&
      ev_place_at(s, i))
    return;
  if (!f->role[0] && (a = actor_word(s, i, EV_ROLE))) {
    snprintf(f->role, sizeof f->role, "%s", a->code);
    f->role_adj = upos_is(&s->t[i], "ADJ");
  }
}

bool ev_is_visitor(const sent *s, uint32_t i) {
  static const char *const visitors[] = {"tourist", "pilgrim", "passenger",
                                         "foreigner", "visitor"};
  return lemma_in(&s->t[i], visitors, sizeof visitors / sizeof *visitors);
}

void ev_set_country(found *f, const char *cc) {
  snprintf(f->country, sizeof f->country, "%s", cc);
  snprintf(f->code, sizeof f->code, "%s%s", f->country, f->role);
}

void ev_country_actor(found *f, const char *cc, const char *role,
                      uint32_t start, uint32_t end, bool implied) {
  memset(f, 0, sizeof *f);
  f->head = -1;
  snprintf(f->role, sizeof f->role, "%s", role);
  ev_set_country(f, cc);
  f->start = start;
  f->end = end;
  f->implied = implied;
}

bool ev_is_pronoun(const sent *s, uint32_t i) {
  return upos_is(&s->t[i], "PRON") || upos_is(&s->t[i], "DET");
}

/* An earlier actor of the document whose name ends with the same word as
 * the name token h starts: its code, country and role. */
static void same_name(const sent *s, uint32_t h, found *f) {
  const ann_token *b = &s->t[name_end(s, h)];
  const char *w = s->d->text + b->start;
  size_t wn = b->end - b->start;
  if (wn < 3 || !isupper((unsigned char)*w)) return;
  for (size_t k = s->d->actors.n; k-- > 0;) {
    const ann_actor *a = &s->d->actors.v[k];
    if (a->end - a->start < wn || a->start == b->start || !a->code) continue;
    const char *e = s->d->text + a->end - wn;
    if (memcmp(e, w, wn) || (e > s->d->text + a->start &&
                             isalnum((unsigned char)e[-1])))
      continue;
    snprintf(f->code, sizeof f->code, "%s", a->code);
    if (a->country) snprintf(f->country, sizeof f->country, "%s", a->country);
    if (a->role) snprintf(f->role, sizeof f->role, "%s", a->role);
    return;
  }
}

/* A word of time, never an actor however the parse hangs it ("agreed
 * today", "on Friday", "this month"). */
bool ev_temporal(const sent *s, uint32_t i) {
  static const char *const w[] = {
      "today", "yesterday", "tomorrow", "tonight", "monday", "tuesday",
      "wednesday", "thursday", "friday", "saturday", "sunday", "january",
      "february", "march", "april", "may", "june", "july", "august",
      "september", "october", "november", "december", "week", "weekend",
      "month", "year", "day", "morning", "afternoon", "evening", "night",
      "decade", "hour", "time", "period", "season", "century"};
  const ann_token *t = &s->t[i];
  const char *l = t->lemma;
  for (size_t k = 0; k < sizeof w / sizeof *w; k++)
    if ((l && !strcasecmp(l, w[k])) || tok_is(s, i, w[k])) {
      /* "May" is also a name; only as a month after "in"/"on" or before a
       * number would it be time, and a name is rarer: keep names */
      if (!strcmp(w[k], "may") && upos_is(t, "PROPN")) return false;
      return true;
    }
  return false;
}

/* A number, a quantity or a part of a group: "tens", "thousands", "a
 * group", "members", "one third", "most". Names are not ("Group of
 * Eight"). */
static bool quantity_word(const sent *s, uint32_t i) {
  static const char *const w[] = {
      "ten",    "dozen",   "score",    "hundred",  "thousand", "million",
      "group",  "member",  "some",     "many",     "most",     "all",
      "part",   "third",   "half",     "majority", "minority", "number",
      "handful", "contingent", "batch", "delegation", "one",   "two",
      "several", "few",    "each",     "both",     "rest",     "quarter"};
  const ann_token *t = &s->t[i];
  /* a capital inside the sentence is a name's word */
  if (upos_is(t, "PROPN") ||
      (i > 0 && isupper((unsigned char)s->d->text[t->start])))
    return false;
  if (upos_is(t, "NUM")) return true;
  for (size_t k = 0; k < sizeof w / sizeof *w; k++)
    if (lemma_is(t, w[k]) || tok_is(s, i, w[k])) return true;
  return false;
}

/* A participle of backing: who backs, arms or funds a group is not who
 * it is ("a Syrian-backed militia"). */
static bool backer(const sent *s, uint32_t i) {
  static const char *const w[] = {
      "back", "sponsor", "fund", "support", "arm", "train", "ally",
      "finance", "inspire", "supply", "install", "appoint"};
  return upos_is(&s->t[i], "VERB") &&
         lemma_in(&s->t[i], w, sizeof w / sizeof *w);
}

/* A noun that names another party by its relation to its owner: "Israel's
 * ally", "its neighbour" are not Israel or it. */
bool ev_relational(const sent *s, uint32_t i) {
  static const char *const w[] = {"ally", "partner", "proxy", "neighbour",
                                  "neighbor", "rival", "enemy", "foe",
                                  "adversary", "opponent", "client"};
  return lemma_in(&s->t[i], w, sizeof w / sizeof *w);
}

/* The country of a place that frames the sentence of the actor at token
 * h: a sentence that opens with it ("In Kyiv, Deputy Prime Minister
 * Oleksandr Hrytsenko said ...") or where the actor tells something ("the
 * foreign minister said in Kabul", "said at a news conference in
 * Bucharest"); NULL when none does. */
static const char *frame_country(const sent *s, uint32_t h) {
  if (s->n > 3 && (tok_is(s, 0, "in") || tok_is(s, 0, "at"))) {
    for (uint32_t i = 1; i < s->n && i < 6 && i < h; i++) {
      if (tok_is(s, i, ",")) break;
      const ann_place *p = ev_place_at(s, i);
      if (!p) continue;
      uint32_t j = i;
      while (j < s->n && ev_place_at(s, j) == p) j++;
      if (j < h && tok_is(s, j, ",")) return p->country3;
      break;
    }
  }
  const ann_token *t = &s->t[h];
  if (!rel_exact(t, "nsubj") || t->head <= 0) return NULL;
  uint32_t v = (uint32_t)(t->head - 1);
  static const char *const tell[] = {"say", "tell", "announce", "add",
                                     "state", "declare", "confirm", "warn"};
  if (!lemma_in(&s->t[v], tell, sizeof tell / sizeof *tell)) return NULL;
  for (uint32_t i = 0; i < s->n; i++) {
    if (s->t[i].head != (int32_t)v + 1 || !rel_is(&s->t[i], "obl")) continue;
    const char *c = case_of(s, i);
    if (!c || (strcasecmp(c, "in") && strcasecmp(c, "at"))) continue;
    const ann_place *p = ev_place_at(s, i);
    if (p) return p->country3;
    /* "at a news conference in Bucharest" */
    for (uint32_t k = i + 1; k < s->n && k < i + 8; k++) {
      const char *ck;
      if (s->t[k].head == (int32_t)i + 1 && rel_is(&s->t[k], "nmod") &&
          (ck = case_of(s, k)) && !strcasecmp(ck, "in") &&
          (p = ev_place_at(s, k)))
        return p->country3;
    }
  }
  return NULL;
}

/* The office title of the phrase headed by h: h itself or its apposition
 * ("Harry Johns, president of ..."), or -1. */
static int office_title(const sent *s, uint32_t h) {
  static const char *const offices[] = {
      "president", "chairman", "chairwoman", "director", "director-general",
      "spokesman", "spokeswoman", "spokesperson", "official", "chief", "head"};
  for (int k = -1; k < (int)s->n; k++) {
    uint32_t t = k < 0 ? h : (uint32_t)k;
    if (k >= 0 && (s->t[k].head != (int32_t)h + 1 || !rel_exact(&s->t[k], "appos")))
      continue;
    if (lemma_in(&s->t[t], offices, sizeof offices / sizeof *offices))
      return (int)t;
  }
  return -1;
}

/* f is a GOV role from an office title; when the title's "of", "for" or
 * "at" phrase names a body that is no state's (not a place, a seat, a coded
 * group or a government body), the role is that body's ("union": LAB) or
 * none. */
static void office_of_body(const sent *s, uint32_t h, found *f) {
  static const char *const state_body[] = {
      "department", "agency", "commission", "committee", "council", "board",
      "office", "service", "authority", "state", "senate", "parliament",
      "assembly", "congress", "house", "cabinet", "republic", "federation",
      "bureau", "directorate", "administration", "government", "ministry",
      "secretariat", "presidency", "kingdom", "emirate", "command", "force",
      "forces", "army", "police", "court", "tribunal", "chamber", "party"};
  int t = office_title(s, h);
  if (t < 0) return;
  for (uint32_t x = 0; x < s->n; x++) {
    const char *c;
    if (s->t[x].head != t + 1 || !rel_exact(&s->t[x], "nmod") ||
        !(c = case_of(s, x)) ||
        (strcasecmp(c, "of") && strcasecmp(c, "for") && strcasecmp(c, "at")))
      continue;
    if (!isupper((unsigned char)s->d->text[s->t[x].start])) return;
    /* an acronym is as often a state's agency ("the FDA", "the MHRA") */
    bool acronym = true;
    for (uint32_t b = s->t[x].start; b < s->t[x].end && acronym; b++)
      acronym = !islower((unsigned char)s->d->text[b]);
    if (acronym) return;
    for (size_t b = 0; b < sizeof state_body / sizeof *state_body; b++)
      if (lemma_is(&s->t[x], state_body[b])) return;
    found g;
    memset(&g, 0, sizeof g);
    g.head = (int)x;
    describe(s, x, &g);
    for (uint32_t k = 0; k < s->n && !g.code[0] && !g.country[0]; k++)
      if (s->t[k].head == (int32_t)x + 1 &&
          (rel_exact(&s->t[k], "amod") || rel_exact(&s->t[k], "compound") ||
           rel_exact(&s->t[k], "flat")))
        describe(s, k, &g);
    if (g.code[0] || g.country[0] || !strcmp(g.role, "GOV") ||
        ev_place_at(s, x))
      return;
    snprintf(f->role, sizeof f->role, "%s", g.role);
    return;
  }
}

/* Resolve the phrase headed by token h into an actor: the head, then its
 * modifiers (amod, compound, nmod:poss, flat, appos), nearest first. A
 * possessive or determiner pronoun ("its territory") takes the last actor
 * country named before it in the sentence other than avoid. */
bool ev_resolve(const sent *s, uint32_t h, const char *avoid, found *f) {
  memset(f, 0, sizeof *f);
  if (ev_temporal(s, h)) {
    /* "this weekend, President Bouteflika said": the parse made the time
     * the subject and the actor its apposition */
    int ap = child(s, h, "appos", 0);
    /* or a name glued to it: "Nigeria today announced" as one phrase */
    if (ap < 0) ap = child(s, h, "compound", 0);
    if (ap < 0 || ev_temporal(s, (uint32_t)ap)) return false;
    h = (uint32_t)ap;
  }
  /* a number or a part of a group stands for the group: "tens of
   * thousands of students", "a group of Moroccan diplomats", "one third
   * of the guerrillas", "members of the Syrian parliament" */
  for (int hops = 0; hops < 3; hops++) {
    int of = -1;
    for (uint32_t i = h + 1; i < s->n && i < h + 12 && of < 0; i++) {
      const char *c;
      if (s->t[i].head == (int32_t)h + 1 && rel_exact(&s->t[i], "nmod") &&
          (c = case_of(s, i)) && !strcasecmp(c, "of"))
        of = (int)i;
    }
    if (of < 0 || !quantity_word(s, h)) break;
    h = (uint32_t)of;
  }
  /* a country told after a town of its own and a comma only locates the
   * town, whatever the parse made of it: "Fighting in Tripoli, Lebanon
   * killed 12 soldiers" (Lebanon read as the subject) */
  if (h >= 2 && tok_is(s, h - 1, ",")) {
    const ann_place *pc = ev_place_at(s, h), *pt = ev_place_at(s, h - 2);
    if (pc && pt && pc != pt && pc->kind && !strcmp(pc->kind, "country") &&
        !(pt->kind && !strcmp(pt->kind, "country")) &&
        !strcmp(pc->country3, pt->country3) &&
        s->t[h].head != (int32_t)h - 1)
      return false;
  }
  f->head = (int)h;
  f->start = s->t[h].start;
  f->end = s->t[h].end;
  /* a name is its whole span: "Kim Jong-un", "George W. Bush" */
  if (upos_is(&s->t[h], "PROPN")) f->end = s->t[name_end(s, h)].end;
  /* a generic head takes the role of its modifier: "opposition leader"
   * (OPP), "rebel commander" (REB), "military official" (MIL) */
  static const char *const generic[] = {"leader", "official", "spokesman",
                                        "spokeswoman", "chief", "head",
                                        "commander", "member", "figure"};
  for (size_t g = 0; g < sizeof generic / sizeof *generic; g++) {
    if (!lemma_is(&s->t[h], generic[g])) continue;
    for (uint32_t k = h > 3 ? h - 3 : 0; k < h && !f->role[0]; k++) {
      const ev_actor_word *a;
      if (s->t[k].head == (int32_t)h + 1 &&
          (rel_exact(&s->t[k], "compound") || rel_exact(&s->t[k], "amod")) &&
          !upos_is(&s->t[k], "PROPN") && (a = actor_word(s, k, EV_ROLE)))
        snprintf(f->role, sizeof f->role, "%s", a->code);
    }
    break;
  }
  describe(s, h, f);
  /* a people named by its demonym is coded by the country it lives in
   * when the phrase says so: "Bosnian Serbs", "Iraqi Kurds", "Albanians of
   * southern Serbia", "ethnic Albanians in Macedonia" */
  if (f->country[0] && !f->code[0] && !ev_place_at(s, h) &&
      demonym_country(s, h)) {
    char home[4] = "";
    bool ethnic = false;
    for (uint32_t i = 0; i < s->n; i++) {
      if (s->t[i].head != (int32_t)h + 1) continue;
      if (tok_is(s, i, "ethnic")) ethnic = true;
      const char *c = NULL;
      if (rel_exact(&s->t[i], "amod") || rel_exact(&s->t[i], "compound")) {
        const ann_place *p = ev_place_at(s, i);
        c = p ? p->country3 : demonym_country(s, i);
      } else if (rel_exact(&s->t[i], "nmod")) {
        const char *cs = case_of(s, i);
        const ann_place *p = ev_place_at(s, i);
        if (cs && (!strcasecmp(cs, "in") || !strcasecmp(cs, "of")) && p)
          c = p->country3;
      }
      if (c && strcmp(c, f->country) && !home[0])
        snprintf(home, sizeof home, "%s", c);
    }
    if (!home[0] && ethnic && s->main_country &&
        strcmp(s->main_country, f->country))
      snprintf(home, sizeof home, "%s", s->main_country);
    if (home[0]) snprintf(f->country, sizeof f->country, "%s", home);
  }
  static const char *const mods[] = {"compound", "amod",  "nmod:poss",
                                     "flat",     "appos", "nmod:desc",
                                     "nmod"};
  /* h's dependents, found once (the modifier passes below look at them
   * seven times over) */
  uint32_t kids[48];
  size_t nkids = 0;
  for (uint32_t i = s->skip_before; i < s->n && nkids < 48; i++)
    if (s->t[i].head == (int32_t)h + 1) kids[nkids++] = i;
  for (int pass = 0; pass < 2; pass++) {
    for (size_t m = 0; m < sizeof mods / sizeof *mods; m++) {
      for (size_t ki = 0; ki < nkids; ki++) {
        uint32_t i = kids[ki];
        if (!rel_exact(&s->t[i], mods[m])) continue;
        if (!strcmp(mods[m], "nmod:poss") && ev_relational(s, h)) continue;
        if (!strcmp(mods[m], "nmod")) {
          /* "the territory of Georgia": only of-phrases name the owner
           * ("the killing of five Azerbaijanis by police": the police are
           * not Azerbaijani) */
          const char *c = case_of(s, i);
          /* people of a role are of the place they are in or come from:
           * "students throughout Indonesia", "doctors from two American
           * aid groups" */
          bool where = c && f->role[0] &&
                       (!strcasecmp(c, "in") || !strcasecmp(c, "from") ||
                        !strcasecmp(c, "throughout") ||
                        !strcasecmp(c, "across"));
          /* and whom they speak or act for: "a spokesman for the African
           * Union", "the envoy for Sudan" */
          if (c && f->role[0] && !strcasecmp(c, "for")) where = true;
          /* but visitors are not of where they are ("tourists in Luxor") */
          if (where && strcasecmp(c, "from") && ev_is_visitor(s, h))
            where = false;
          if (!c || (strcasecmp(c, "of") && !where)) continue;
        }
        if (ev_is_pronoun(s, i) && !strcmp(mods[m], "nmod:poss") &&
            !f->country[0]) {
          for (int j = (int)i - 1; j >= 0; j--) {
            const ann_place *p = ev_place_at(s, (uint32_t)j);
            if (p && (!avoid || strcmp(p->country3, avoid))) {
              snprintf(f->country, sizeof f->country, "%s", p->country3);
              break;
            }
          }
          continue;
        }
        describe(s, i, f);
        /* one level further: "Russian propagandist Margarita Simonyan";
         * "London-based group" (London below "based", "US" below "led" in
         * "US-led"); but who backs,
         * arms or funds a group is not who it is: "a Syrian-backed
         * militia" */
        bool backed = backer(s, i);
        /* (and who leads it is whose it is: "the US-led war") */
        bool based = (lemma_is(&s->t[i], "base") || lemma_is(&s->t[i], "lead")) &&
                     upos_is(&s->t[i], "VERB");
        /* nor is whose ally or neighbour it is: "the deputy chief of
         * Israel's militia ally in southern Lebanon" */
        bool other = ev_relational(s, i);
        if (pass == 1 && !backed)
          for (uint32_t k = 0; k < s->n; k++)
            if (s->t[k].head == (int32_t)i + 1 &&
                (rel_exact(&s->t[k], "amod") ||
                 rel_exact(&s->t[k], "compound") ||
                 (rel_exact(&s->t[k], "nmod:poss") && !other) ||
                 (based && rel_is(&s->t[k], "obl"))))
              describe(s, k, f);
      }
    }
    if (f->code[0] || (f->country[0] && f->role[0])) break;
  }
  /* a nationality or title the parse hung elsewhere: the words just
   * before the phrase ("Iraqi President Saddam Hussein arrived") */
  /* (not for a word that is itself a modifier: the words before
   * "suicide" in "Palestinian suicide bombers" are the bombers') */
  if (!f->code[0] && (!f->country[0] || !f->role[0]) &&
      !rel_exact(&s->t[h], "compound") && !rel_exact(&s->t[h], "amod")) {
    uint32_t lm = h;
    for (uint32_t i = h > 8 ? h - 8 : 0; i < h; i++)
      if (s->t[i].head == (int32_t)h + 1 && !rel_is(&s->t[i], "case") &&
          !rel_is(&s->t[i], "cc") && !rel_is(&s->t[i], "punct") &&
          !rel_is(&s->t[i], "mark") && !upos_is(&s->t[i], "VERB") &&
          !(upos_is(&s->t[i], "ADJ") && s->t[i].end - s->t[i].start > 4 &&
            !strncmp(s->d->text + s->t[i].end - 2, "ed", 2))) {
        lm = i;
        break;
      }
    for (uint32_t j = lm, k = 0; j > s->skip_before && k < 4 &&
                                 !(f->country[0] && f->role[0]) && !f->code[0];
         k++) {
      j--;
      const ann_token *t = &s->t[j];
      /* an acronym told in brackets belongs to the name before it: "The
       * Asia-Pacific Economic Cooperation (APEC) forum" */
      if (k == 0 && tok_is(s, j, ")") && j >= 2) {
        uint32_t o = j;
        while (o > 0 && j - o < 6 && !tok_is(s, o, "(")) o--;
        if (!tok_is(s, o, "(") || o == 0) break;
        for (uint32_t q = o + 1; q < j && !f->code[0]; q++)
          describe(s, q, f);
        j = o;
        continue;
      }
      /* a word the tagger took for a symbol is still a word
       * ("Vice-President" tagged as punctuation) */
      bool word = upos_is(t, "PUNCT") && t->end - t->start > 2 &&
                  isalpha((unsigned char)s->d->text[t->start]);
      if (!upos_is(t, "ADJ") && !upos_is(t, "PROPN") && !upos_is(t, "NOUN") &&
          !word)
        break;
      if (upos_is(t, "ADJ") && t->end - t->start > 4 &&
          !strncmp(s->d->text + t->end - 2, "ed", 2))
        break; /* a participle: the verb of another clause */
      describe(s, j, f);
    }
  }
  /* a name told again ("President Ilham Aliyev ... Aliyev said"): the
   * actor an earlier mention of the same last word was */
  if (!f->code[0] && !f->country[0] && !f->role[0] &&
      upos_is(&s->t[h], "PROPN"))
    same_name(s, h, f);
  /* "military aid", "military exercises": an adjective's role makes no
   * actor of a thing */
  if (f->role_adj && !f->country[0] && !f->code[0]) f->role[0] = 0;
  /* a rights or aid group of no stated nationality is a non-governmental
   * organisation of no country, not the country the sentence is about:
   * "Croatian authorities are failing to uphold the property rights of
   * Croatian Serb refugees, a human rights group protested" (NGOHRI) */
  if (!f->code[0] && !f->country[0] &&
      (!strcmp(f->role, "HRI") || !strcmp(f->role, "NGO"))) {
    snprintf(f->code, sizeof f->code, "NGO%s",
             strcmp(f->role, "NGO") ? f->role : "");
    return true;
  }
  /* an office held in a body that is not a state's is not a government
   * role: "Harry Johns, president of the Alzheimer's Association", "the
   * president of the Agriculture Union" (LAB), "a spokesman for Mr
   * Braham" */
  if (!f->code[0] && !f->country[0] && !strcmp(f->role, "GOV"))
    office_of_body(s, h, f);
  /* a bare role is about the one country its sentence names by an
   * adjective ("The Indian economy grew ..., the finance ministry said"),
   * else the country the document is about */
  /* a title with no nationality is of the place that frames its own
   * sentence ("In Kyiv, Deputy Prime Minister Hrytsenko said") */
  const char *framed = NULL;
  if (!f->code[0] && !f->country[0] && f->role[0] &&
      strcmp(f->role, "CVL") && strcmp(f->role, "REF") &&
      (framed = frame_country(s, (uint32_t)f->head)))
    snprintf(f->country, sizeof f->country, "%s", framed);
  if (!f->code[0] && !f->country[0] && f->role[0] && s->main_country &&
      strcmp(f->role, "CVL") && strcmp(f->role, "REF")) {
    const char *only = NULL, *placed = NULL;
    bool several = false;
    for (uint32_t j = 0; j < s->n && !several; j++) {
      /* a place's country only rules the adjective's out ("security
       * forces in Guinea tortured Liberian ...") */
      const ann_place *pl = ev_place_at(s, j);
      if (pl && pl->country3[0]) {
        if (placed && strcmp(placed, pl->country3)) several = true;
        placed = pl->country3;
      }
      const char *c = upos_is(&s->t[j], "ADJ") ? demonym_country(s, j) : NULL;
      if (c && s->t[j].head > 0 && backer(s, (uint32_t)(s->t[j].head - 1)))
        c = NULL; /* "a Syrian-backed militia" is not Syrian */
      if (!c) continue;
      if (only && strcmp(only, c)) several = true;
      only = c;
    }
    if (only && placed && strcmp(only, placed)) several = true;
    snprintf(f->country, sizeof f->country, "%s",
             only && !several ? only : s->main_country);
    f->implied = true;
  }
  if (!f->code[0])
    snprintf(f->code, sizeof f->code, "%s%s", f->country, f->role);
  return f->code[0] != 0;
}

/* Store f as a document actor; returns its index or -1. */
int32_t ev_add_actor(const sent *s, const found *f) {
  ann_doc *d = s->d;
  for (size_t k = 0; k < d->actors.n; k++) {
    const ann_actor *a = &d->actors.v[k];
    if (a->start == f->start && a->end == f->end && !strcmp(a->code, f->code))
      return (int32_t)k;
  }
  ann_actor *a = ANN_PUSH(d->arena, &d->actors);
  if (!a) return -1;
  a->start = f->start;
  a->end = f->end;
  a->sentence = s->index;
  a->code = ann_strdup(d->arena, f->code);
  a->country = f->country[0] ? ann_strdup(d->arena, f->country) : NULL;
  a->role = f->role[0] ? ann_strdup(d->arena, f->role) : NULL;
  return (int32_t)(d->actors.n - 1);
}

/* The country token i names as a place or a demonym, or NULL. */
static const char *token_country(const sent *s, uint32_t i) {
  const ann_place *p = ev_place_at(s, i);
  return p ? p->country3 : demonym_country(s, i);
}

/* Actors of the nationalities coordinated with the one that gave f its
 * country: "Hungarian and Romanian officials", "U.S. and Russian
 * negotiators", "the Turkish and Greek sides" are each side's officials.
 * Writes up to max copies of f with the other countries; returns how
 * many. */
int ev_adj_conjuncts(const sent *s, const found *f, found *out, int max) {
  if (f->head < 0 || !f->country[0] || f->implied || ev_group_code(f->code))
    return 0;
  uint32_t h = (uint32_t)f->head;
  size_t cl = strlen(f->country);
  bool coded = !strncmp(f->code, f->country, cl); /* country + role */
  int n = 0;
  for (uint32_t k = 0; k < s->n && n < max; k++) {
    if (s->t[k].head != (int32_t)h + 1 ||
        !(rel_exact(&s->t[k], "amod") || rel_exact(&s->t[k], "compound")))
      continue;
    const char *ck = token_country(s, k);
    if (!ck || strcmp(ck, f->country)) continue;
    for (uint32_t c = k + 1; c < s->n && c < h && n < max; c++) {
      if (s->t[c].head != (int32_t)k + 1 || !rel_is(&s->t[c], "conj"))
        continue;
      const char *cc = token_country(s, c);
      if (!cc || !strcmp(cc, f->country)) continue;
      found *g = &out[n++];
      *g = *f;
      snprintf(g->country, sizeof g->country, "%s", cc);
      if (coded)
        snprintf(g->code, sizeof g->code, "%s%s", cc, f->code + cl);
      g->start = s->t[c].start;
      g->end = s->t[c].end;
    }
  }
  /* or both hung on the noun, "and" between them: "Sierra Leonean and
   * Liberian refugees" read with "Liberian" a second adjective */
  for (uint32_t c = 1; n == 0 && c < h; c++) {
    if (s->t[c].head != (int32_t)h + 1 ||
        !(rel_exact(&s->t[c], "amod") || rel_exact(&s->t[c], "compound")) ||
        !(tok_is(s, c - 1, "and") || tok_is(s, c - 1, "or")))
      continue;
    const char *cc = token_country(s, c);
    if (!cc || !strcmp(cc, f->country)) continue;
    found *g = &out[n++];
    *g = *f;
    snprintf(g->country, sizeof g->country, "%s", cc);
    if (coded) snprintf(g->code, sizeof g->code, "%s%s", cc, f->code + cl);
    g->start = s->t[c].start;
    g->end = s->t[c].end;
  }
  return n;
}
