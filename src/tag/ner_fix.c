/*
 * ner_fix.c — type consistency after decoding.
 *
 * The tagger decides each token from a window of +-2 words, so a long
 * name can take the type of its first words ("Ukrainian Sea Ports
 * Authority" as LOC for "Ukrainian Sea"), and a rare name gets the type
 * its shape suggests even when the sentence says otherwise ("attacks on
 * Izmail and Reni": Reni as ORG next to Izmail as LOC), and the same
 * one-word name may come out with two types in one document. Four rules
 * over whole spans correct this; they change only types, never bounds, so
 * the BILOU sequence stays valid. Each was measured on CoNLL-2003 eng.testa
 * (bench/results/ner.md).
 */
#include "tag/ner_int.h"

#include <string.h>

enum { T_PER = 0, T_ORG = 1, T_LOC = 2, T_MISC = 3 };

#define LIST(l) (15ull << (4 * (l)))

/* Gazetteer bits that speak for each type. */
static const uint64_t type_lists[NER_NTYPES] = {
    [T_PER] = LIST(NER_G_FIRST_NAMES),
    [T_ORG] = LIST(NER_G_ORG_SUFFIXES) | LIST(NER_G_ORG_KEYWORDS) |
              LIST(NER_G_NEWS_ORGS) | LIST(NER_G_ORGANISATIONS) |
              LIST(NER_G_SPORTS_TEAMS),
    [T_LOC] = LIST(NER_G_COUNTRIES) | LIST(NER_G_CITIES) | LIST(NER_G_REGIONS),
    [T_MISC] = LIST(NER_G_DEMONYMS) | LIST(NER_G_MISC),
};

static int word_is(const ner_tok *t, const char *w) {
  size_t n = strlen(w);
  return t->len == n && memcmp(t->w, w, n) == 0;
}

/* Nouns of places where a company works: "the Agrotrans terminal". */
static int facility_noun(const ner_tok *t) {
  static const char *const nouns[] = {
      "terminal",   "terminals", "plant",    "plants",  "refinery",
      "refineries", "mine",      "mines",    "port",    "factory",
      "factories",  "smelter",   "shipyard", "depot",   "mill",
      "mills",      "warehouse", "facility", "plant's", "terminal's"};
  for (size_t i = 0; i < sizeof nouns / sizeof nouns[0]; i++)
    if (word_is(t, nouns[i])) return 1;
  return 0;
}

/* Does anything but the tagger's guess support type ty for the span
 * [b,e) (sentence-relative, tokens x, labels l)? A gazetteer list of that
 * type on one of its words, a person title before a person, or another
 * occurrence of one of its words labelled ty in the document. */
static int supported(const ner_tinfo *x, const uint8_t *l, size_t b, size_t e,
                     int ty, const ner_docinfo *doc) {
  /* a first name alone is no sign of a person: towns share them */
  if (ty == T_PER && e - b >= 2 && (x[b].gaz & LIST(NER_G_FIRST_NAMES)))
    return 1;
  for (size_t i = b; i < e; i++) {
    if (ty != T_PER && (x[i].gaz & type_lists[ty])) return 1;
    const uint32_t *c = ner_docinfo_counts(doc, &x[i]);
    if (!c) continue;
    uint32_t others = c[ty] - (l[i] && ner_type(l[i]) == ty ? 1u : 0u);
    if (c[ty] && others) return 1;
  }
  if (ty == T_PER && b > 0 && (x[b - 1].gaz & LIST(NER_G_PERSON_TITLES)))
    return 1;
  return 0;
}

/* Does the span end in an entry of a list of places or other names
 * ("Soviet Union", "Jewish West Bank")? */
static int ends_in_entry(const ner_tinfo *x, size_t e) {
  static const int lists[] = {NER_G_COUNTRIES, NER_G_CITIES, NER_G_REGIONS,
                              NER_G_DEMONYMS, NER_G_MISC};
  for (size_t k = 0; k < sizeof lists / sizeof lists[0]; k++)
    if (x[e - 1].gaz >> (4 * lists[k]) & (1u << NER_L)) return 1;
  return 0;
}

/* Head nouns of the organisation list that also end names of places and
 * events, which CoNLL-2003 and news readers type LOC or MISC: "National
 * Tennis Centre", "Venice Film Festival", "American League". */
static int place_or_event_head(const ner_tok *t) {
  static const char *const heads[] = {
      "centre", "center",   "hospital", "museum",     "church",
      "league", "division", "festival", "conference", "forum"};
  char buf[16];
  if (t->len >= sizeof buf) return 0;
  for (size_t i = 0; i < t->len; i++) {
    char c = t->w[i];
    buf[i] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
  }
  buf[t->len] = 0;
  for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++)
    if (!strcmp(buf, heads[i])) return 1;
  return 0;
}

/* With two occurrences that disagree, the first (where a name is
 * usually introduced) wins: only the later one may change. */
static int later_of_two(const ner_docinfo *doc, const ner_tinfo *x,
                        const uint32_t *c) {
  if (c[4] != 2) return 1;
  size_t gi = (size_t)(x - doc->all);
  return gi < doc->ntok && doc->next[gi] < gi;
}

static void set_type(uint8_t *l, size_t b, size_t e, int ty) {
  for (size_t i = b; i < e; i++)
    l[i] = (uint8_t)ner_label(ty, ner_part(l[i]));
}

size_t ner_type_fix(const ner_tok *tok, const ner_tinfo *info,
                    const uint32_t *sent, size_t nsent, ner_docinfo *doc,
                    uint8_t *lab) {
  size_t changed = 0, base = sent[0];
  /* 0. a one-word name typed otherwise at every other occurrence in the
   * document, when nothing supports its type here (not in headlines,
   * where a city is also its team) */
  ner_docinfo_count(doc, lab);
  for (size_t s = 0; s < nsent; s++) {
    size_t o = sent[s] - base, n = sent[s + 1] - sent[s];
    const ner_tinfo *x = info + o;
    uint8_t *l = lab + o;
    for (size_t i = 0; i < n; i++) {
      if (ner_part(l[i]) != NER_U) continue;
      int ty = ner_type(l[i]);
      const uint32_t *c = ner_docinfo_counts(doc, &x[i]);
      if (!c || c[4] < 2 || x[i].cap != 2 || (x[i].flags & NER_F_HEADLINE) ||
          !later_of_two(doc, &x[i], c))
        continue;
      for (int u = 0; u < NER_NTYPES; u++)
        if (u != ty && c[u] + 1 == c[4] &&
            !supported(x, l, i, i + 1, ty, doc)) {
          l[i] = (uint8_t)ner_label(u, NER_U);
          changed++;
          break;
        }
    }
  }
  if (changed) ner_docinfo_count(doc, lab);
  for (size_t s = 0; s < nsent; s++) {
    size_t o = sent[s] - base, n = sent[s + 1] - sent[s];
    const ner_tinfo *x = info + o;
    const ner_tok *t = tok + sent[s];
    uint8_t *l = lab + o;
    ner_span sp[64];
    size_t ns = ner_bilou_decode(l, n, sp, sizeof sp / sizeof sp[0]);
    if (ns > sizeof sp / sizeof sp[0]) ns = sizeof sp / sizeof sp[0];
    for (size_t k = 0; k < ns; k++) {
      size_t b = sp[k].begin, e = sp[k].end;
      int ty = sp[k].type;
      /* 1. organisation head noun or company ending as the last word */
      if (ty != T_ORG && e - b >= 2 && (x[e - 1].flags & NER_F_INITCAP) &&
          (x[e - 1].gaz & (((1ull << NER_U) << (4 * NER_G_ORG_KEYWORDS)) |
                           ((1ull << NER_U) << (4 * NER_G_ORG_SUFFIXES)))) &&
          !ends_in_entry(x, e) && !place_or_event_head(&t[e - 1])) {
        set_type(l, b, e, T_ORG);
        sp[k].type = T_ORG;
        changed++;
        continue;
      }
      /* 3. an unsupported name before a facility noun */
      if ((ty == T_MISC || ty == T_LOC) && e < n && facility_noun(&t[e]) &&
          !supported(x, l, b, e, ty, doc)) {
        set_type(l, b, e, T_ORG);
        sp[k].type = T_ORG;
        changed++;
      }
    }
    /* 2. coordination: "X and Y", "X or Y" */
    for (size_t k = 0; k + 1 < ns; k++) {
      size_t a0 = sp[k].begin, a1 = sp[k].end;
      size_t b0 = sp[k + 1].begin, b1 = sp[k + 1].end;
      int ta = sp[k].type, tb = sp[k + 1].type;
      if (ta == tb || b0 != a1 + 1) continue;
      if (!(x[a1].flags & NER_F_CONJ)) continue; /* "and", "or" */
      int sa = supported(x, l, a0, a1, ta, doc);
      int sb = supported(x, l, b0, b1, tb, doc);
      if (sa && !sb) {
        set_type(l, b0, b1, ta);
        sp[k + 1].type = ta;
        changed++;
      } else if (sb && !sa) {
        set_type(l, a0, a1, tb);
        sp[k].type = tb;
        changed++;
      }
    }
  }
  return changed;
}
