/*
 * amounts.c — numeric amounts (value, unit, what they measure) and
 * GDELT-style counts (KILL 5 Azerbaijanis).
 *
 * An amount's `about` is found in this order: the noun phrase after "of"
 * ("26% of the European gas market"), the noun phrase it quantifies
 * ("3 million people"), the subject it is a value of ("inflation at
 * 11.13%", "a population of 3 million"), and finally the `about` of an
 * earlier amount with the same unit in the sentence ("held 26% of the
 * market ... now controls only 5%").
 *
 * A count is a number next to a trigger word: before it ("the killing of
 * five Azerbaijanis", "arrested 12 protesters") or after its noun phrase
 * ("five civilians were killed", "12 wounded"). Percentages and money are
 * never counts.
 */
#include "rec.h"

#include <string.h>

/* Words that end a noun phrase (without POS tags). */
static const char *const STOP[] = {
    "of", "in", "on", "at", "by", "for", "with", "to", "from", "and", "or",
    "but", "that", "which", "who", "whom", "whose", "was", "were", "is",
    "are", "be", "been", "being", "has", "have", "had", "will", "would",
    "can", "could", "may", "might", "must", "should", "shall", "do", "does",
    "did", "not", "than", "as", "into", "over", "under", "after", "before",
    "since", "while", "when", "where", "if", "this", "these", "those", "it",
    "its", "they", "their", "he", "she", "his", "her", "we", "our", "you",
    "i", "per", "each", "a", "an", "the", "about", "against", "during",
    "across", "between", "through", "now", "only", "also", "just", "more",
    "less", "most", "some", "all", "there", "here", "so", "then", "yet",
    "said", "says", "according", "up", "down", "out", "off", "last", "next",
    "ago", "earlier", "later", "still", "even", "such", "among", "toward",
    "towards", "because", "despite", "without", "within", "year", "years",
    "near", "outside", "inside", "around", "behind", "beside", "amid",
    "along", "beyond", "near", "across", "upon", "onto", "via",
    /* frequent verbs without an -ed ending, which end a phrase too */
    "drew", "made", "took", "gave", "went", "came", "saw", "got", "left",
    "held", "led", "told", "found", "became", "began", "brought", "kept",
    "put", "ran", "set", "won", "lost", "met", "paid", "sent", "stood",
    "fell", "rose", "hit", "cut", "fled", "fought", "struck", "spent",
    "sold", "bought", "built", "grew", "knew", "thought", "felt", "wrote",
    "spoke", "chose", "broke", "drove", "flew", "threw", "shot", "hid",
    "face", "faces", "get", "gets", "make", "makes", "take", "takes",
    "remain", "remains", "become", "becomes", "need", "needs",
    "die", "dies", "say", "see", "want", NULL};

static const char *const DET[] = {"the", "a", "an", "its", "their", "his",
                                  "her", "our", "this", "that", "these",
                                  "those", "whole", "entire", "total", NULL};

/* Words between a "value" and what it is the value of. */
static const char *const LINK[] = {
    "at", "of", "reached", "reach", "reaches", "hit", "hits", "to", "was",
    "is", "were", "are", "stood", "stands", "totaled", "totalled", "totals",
    "amounted", "rose", "fell", "climbed", "dropped", "grew", "increased",
    "decreased", "jumped", "surged", "soared", "slowed", "declined", "by",
    "accelerated", "of", "around", "near", "be", "been", "topped", "exceeded",
    "hitting", "reaching", NULL};

static const char *const MODS[] = {
    "just", "only", "about", "some", "nearly", "almost", "over", "around",
    "roughly", "approximately", "least", "at", "more", "than", "up", "to",
    "an", "estimated", "under", "fewer", "less", "below", "above", "some",
    "another", "further", "additional", "exactly", "barely", "well", NULL};

typedef struct { const char *w, *code; } pair;

static const pair CUR_WORD[] = {
    {"dollars", "USD"}, {"dollar", "USD"},  {"euros", "EUR"},
    {"euro", "EUR"},    {"pounds", "GBP"},  {"rubles", "RUB"},
    {"roubles", "RUB"}, {"ruble", "RUB"},   {"yuan", "CNY"},
    {"yen", "JPY"},     {"manat", "AZN"},   {"hryvnias", "UAH"},
    {"hryvnia", "UAH"}, {"rupees", "INR"},  {"lira", "TRY"},
    {"usd", "USD"},     {"eur", "EUR"},     {"gbp", "GBP"},
    {"rub", "RUB"},     {"francs", "CHF"},  {"shekels", "ILS"},
    {NULL, NULL}};

static const char *const UNITS[] = {
    "km", "kilometres", "kilometers", "kilometre", "kilometer", "miles",
    "mile", "kg", "kilograms", "tonnes", "tons", "tonne", "ton", "barrels",
    "bcm", "megawatts", "mw", "gw", "gigawatts", "hectares", "acres",
    "metres", "meters", "metre", "meter", "litres", "liters", "gallons",
    "years", "months", "days", "hours", "weeks", "minutes", "seconds",
    "year", "month", "day", "hour", "week", "degrees", "points", "cm", "mm",
    "kwh", "mph", "percentage", NULL};

static const char *trigger(const rword *w);

static const char *cur_word(const char *low) {
  if (!low) return NULL;
  for (const pair *p = CUR_WORD; p->w; p++)
    if (p->w[0] == low[0] && !strcmp(p->w, low)) return p->code;
  return NULL;
}

static int punct_is(const rdoc *r, size_t i, const char *s) {
  if (i >= r->n || r->w[i].kind != RW_PUNCT) return 0;
  size_t n = strlen(s);
  return r->w[i].e - r->w[i].s == n && !memcmp(r->d->text + r->w[i].s, s, n);
}

static int same(const rdoc *r, size_t a, size_t b) {
  return b < r->n && r->w[a].sent == r->w[b].sent;
}

static int np_word(const rword *w, int first) {
  if (w->kind != RW_WORD) return 0;
  if (rec_in_list(w->low, STOP)) return 0; /* taggers err on "last" */
  if (w->upos) {
    return !strcmp(w->upos, "NOUN") || !strcmp(w->upos, "PROPN") ||
           (!strcmp(w->upos, "ADJ")) ||
           (first && !strcmp(w->upos, "VERB") && w->low[0] &&
            strlen(w->low) > 3 && !strcmp(w->low + strlen(w->low) - 2, "ed"));
  }
  size_t n = strlen(w->low);
  if (n > 3 && !strcmp(w->low + n - 2, "ly")) return 0;
  if (!first && n > 4 && !strcmp(w->low + n - 2, "ed")) return 0;
  return 1;
}

/* Noun phrase starting at i (determiners skipped): [*a, *b). */
static int np_after(const rdoc *r, size_t i, size_t lim, size_t *a,
                    size_t *b) {
  while (i < lim && same(r, i, i) && r->w[i].kind == RW_WORD &&
         rec_in_list(r->w[i].low, DET))
    i++;
  size_t k = i;
  while (k < lim && k - i < 4 && np_word(&r->w[k], k == i)) k++;
  /* with POS tags, a phrase ends on its noun */
  while (k > i && r->w[k - 1].upos && !strcmp(r->w[k - 1].upos, "ADJ")) k--;
  if (k == i) return 0;
  *a = i;
  *b = k;
  return 1;
}

/* Noun phrase ending just before i, walking back. */
static int np_before(const rdoc *r, size_t i, size_t lo, size_t *a,
                     size_t *b) {
  size_t k = i;
  while (k > lo && i - k < 3 && np_word(&r->w[k - 1], 0) &&
         !(r->w[k - 1].flags & RF_SSTART && r->w[k - 1].upos == NULL &&
           rec_in_list(r->w[k - 1].low, DET)))
    k--;
  if (k == i) return 0;
  *a = k;
  *b = i;
  return 1;
}

/* ---------------------------------------------------------------- counts */

typedef struct { const char *w, *type; } trig;

static const trig TRIG[] = {
    {"killed", "KILL"}, {"kill", "KILL"}, {"kills", "KILL"},
    {"killing", "KILL"}, {"killings", "KILL"}, {"dead", "KILL"},
    {"died", "KILL"}, {"die", "KILL"}, {"deaths", "KILL"},
    {"death", "KILL"}, {"toll", "KILL"}, {"slain", "KILL"},
    {"massacred", "KILL"}, {"massacre", "KILL"}, {"murdered", "KILL"},
    {"murder", "KILL"}, {"executed", "KILL"}, {"lives", "KILL"},
    {"bodies", "KILL"}, {"fatalities", "KILL"}, {"perished", "KILL"},
    {"murders", "KILL"}, {"executions", "KILL"},
    {"wounded", "WOUND"}, {"wounding", "WOUND"}, {"injured", "WOUND"},
    {"injuring", "WOUND"}, {"injuries", "WOUND"}, {"hurt", "WOUND"},
    {"hospitalized", "WOUND"}, {"hospitalised", "WOUND"},
    {"arrested", "ARREST"}, {"arrest", "ARREST"}, {"arrests", "ARREST"},
    {"arresting", "ARREST"}, {"detained", "ARREST"}, {"detaining", "ARREST"},
    {"detention", "ARREST"}, {"jailed", "ARREST"}, {"imprisoned", "ARREST"},
    {"apprehended", "ARREST"}, {"detain", "ARREST"}, {"convicted", "ARREST"},
    {"kidnapped", "KIDNAP"}, {"kidnapping", "KIDNAP"}, {"abducted", "KIDNAP"},
    {"abduction", "KIDNAP"}, {"hostage", "KIDNAP"}, {"hostages", "KIDNAP"},
    {"kidnap", "KIDNAP"}, {"abducting", "KIDNAP"},
    {"displaced", "DISPLACED"}, {"fled", "DISPLACED"},
    {"refugees", "DISPLACED"}, {"homeless", "DISPLACED"},
    {"uprooted", "DISPLACED"}, {"deported", "DISPLACED"},
    {"expelled", "DISPLACED"}, {"evicted", "DISPLACED"},
    {"deporting", "DISPLACED"}, {"deportation", "DISPLACED"},
    {"evacuated", "EVACUATE"}, {"evacuation", "EVACUATE"},
    {"evacuate", "EVACUATE"}, {"evacuating", "EVACUATE"},
    {"protesters", "PROTEST"}, {"protestors", "PROTEST"},
    {"demonstrators", "PROTEST"}, {"protested", "PROTEST"},
    {"marched", "PROTEST"}, {"rallied", "PROTEST"},
    {"seized", "SEIZE"}, {"confiscated", "SEIZE"}, {"seizing", "SEIZE"},
    {"seizure", "SEIZE"}, {"impounded", "SEIZE"},
    {"missing", "MISSING"}, {"disappeared", "MISSING"},
    {"unaccounted", "MISSING"},
    {"sickened", "SICKEN"}, {"infected", "SICKEN"}, {"poisoned", "SICKEN"},
    {"ill", "SICKEN"},
    {"affected", "AFFECT"}, {"stranded", "AFFECT"},
    {NULL, NULL}};

static const char *trigger(const rword *w) {
  if (w->kind != RW_WORD) return NULL;
  for (const trig *t = TRIG; t->w; t++)
    if (t->w[0] == w->low[0] && !strcmp(t->w, w->low)) return t->type;
  return NULL;
}

/* Nouns that name things, not people: "5 killed in 3 attacks" counts the
 * people only. */
static const char *const NOT_PEOPLE[] = {
    "years", "year", "days", "day", "months", "weeks", "hours", "times",
    "attacks", "cities", "countries", "villages", "regions", "points",
    "percent", "cases", "million", "billion", NULL};

static const char *const AUX[] = {
    "were", "was", "have", "has", "had", "been", "being", "are", "is",
    "reportedly", "also", "who", "later", "all", "allegedly", "got", "since",
    "had", "left", "remain", "remained", "are", "now", "still", "were",
    "feared", "believed", "confirmed", NULL};

static int add_count(rdoc *r, const rnum *n, const char *type, size_t oa,
                     size_t ob, size_t ta, size_t tb) {
  ann_doc *d = r->d;
  ann_count *c = ANN_PUSH(d->arena, &d->counts);
  if (!c) return ANN_ENOMEM;
  c->type = type;
  c->number = n->v;
  c->approximate = n->approx;
  c->object = ob > oa ? rec_span_str(r, oa, ob) : NULL;
  size_t a = n->a < ta ? n->a : ta, b = n->b;
  if (ob > b) b = ob;
  if (tb > b) b = tb;
  c->start = r->w[a].s;
  c->end = r->w[b - 1].e;
  c->sentence = r->w[n->a].sent;
  c->place = -1;
  /* the nearest place in the sentence */
  uint32_t best = UINT32_MAX;
  for (size_t k = 0; k < d->places.n; k++) {
    const ann_place *p = &d->places.v[k];
    if (p->sentence != c->sentence || c->sentence < 0) continue;
    uint32_t dist = p->start > c->start ? p->start - c->start
                                        : c->start - p->start;
    if (dist < best) {
      best = dist;
      c->place = (int32_t)k;
    }
  }
  return 0;
}

static int try_count(rdoc *r, const rnum *n) {
  if (n->v <= 0 || n->v > 1e10) return 0;
  size_t lo = n->a;
  while (lo > 0 && same(r, n->a, lo - 1) && n->a - lo < 5) lo--;
  size_t oa = 0, ob = 0;
  int has_np = np_after(r, n->b, r->n, &oa, &ob) && oa == n->b;
  if (!has_np && n->approx && n->b + 1 < r->n && rw_is(&r->w[n->b], "of"))
    has_np = np_after(r, n->b + 1, r->n, &oa, &ob);
  if (has_np && !same(r, n->a, oa)) has_np = 0;
  /* "7 people missing", "families fled": the phrase ends at a trigger
   * that is not itself a plural noun */
  for (size_t k = oa + 1; has_np && k < ob; k++)
    if (trigger(&r->w[k]) && r->w[k].low[strlen(r->w[k].low) - 1] != 's') {
      ob = k;
      break;
    }
  if (has_np && rec_in_list(r->w[ob - 1].low, NOT_PEOPLE)) return 0;
  /* "7 dead", "12 wounded": the trigger is no object */
  if (has_np && trigger(&r->w[oa]) &&
      r->w[oa].low[strlen(r->w[oa].low) - 1] != 's')
    has_np = 0;
  /* trigger before: "killing of five", "arrested 12", "killed at least 3" */
  for (size_t k = n->a; k > lo;) {
    k--;
    const rword *w = &r->w[k];
    const char *t = trigger(w);
    if (t) {
      if (!has_np && !(n->b < r->n && same(r, n->a, n->b) &&
                       (r->w[n->b].kind == RW_PUNCT ||
                        rec_in_list(r->w[n->b].low, STOP))))
        break;
      return add_count(r, n, t, oa, has_np ? ob : 0, k, k + 1);
    }
    if (!(w->kind == RW_WORD && (rec_in_list(w->low, MODS) ||
                                 rw_is(w, "of") || rw_is(w, "the") ||
                                 rw_is(w, "a") || rw_is(w, "rose") ||
                                 rw_is(w, "reached") || rw_is(w, "stood") ||
                                 rw_is(w, "climbed") || rw_is(w, "is") ||
                                 rw_is(w, "was") || rw_is(w, "now"))))
      break;
  }
  /* the object itself names the count: "200 refugees", "hundreds of
   * lives", "thousands of protesters" */
  if (has_np) {
    for (size_t k = oa; k < ob; k++) {
      const char *t = trigger(&r->w[k]);
      if (t && (r->w[k].low[strlen(r->w[k].low) - 1] == 's' ||
                !strcmp(t, "KIDNAP"))) {
        size_t e = k + 1;
        if (k == oa && !strcmp(t, "KILL") && !rw_is(&r->w[k], "lives") &&
            !rw_is(&r->w[k], "bodies") && !rw_is(&r->w[k], "fatalities") &&
            !rw_is(&r->w[k], "deaths"))
          break;
        return add_count(r, n, t, oa, e, n->a, e);
      }
    }
  }
  /* trigger after: "five civilians were killed", "12 wounded" */
  size_t k = has_np ? ob : n->b;
  size_t steps = 0;
  while (k < r->n && same(r, n->a, k) && steps < 4) {
    const rword *w = &r->w[k];
    const char *t = trigger(w);
    if (t) {
      if (!strcmp(t, "KILL") && (rw_is(w, "death") || rw_is(w, "deaths") ||
                                 rw_is(w, "toll") || rw_is(w, "lives")))
        break;
      return add_count(r, n, t, oa, has_np ? ob : 0, k, k + 1);
    }
    if (!(w->kind == RW_WORD && (rec_in_list(w->low, AUX) ||
                                 rw_is(w, "people") || rw_is(w, "been"))))
      break;
    k++;
    steps++;
  }
  return 0;
}

/* --------------------------------------------------------------- amounts */

static int add_amount(rdoc *r, double v, const char *unit, size_t a,
                      size_t b, const char *about) {
  ann_amount *x = ANN_PUSH(r->d->arena, &r->d->amounts);
  if (!x) return ANN_ENOMEM;
  x->number = v;
  x->unit = unit;
  x->about = about;
  x->start = r->w[a].s;
  x->end = r->w[b - 1].e;
  x->sentence = r->w[a].sent;
  return 0;
}

int rec_amounts_counts(rdoc *r, const uint8_t *used) {
  ann_doc *d = r->d;
  for (size_t i = 0; i < r->n; i++) {
    if (used[i]) continue;
    rnum n;
    if (!rec_number_at(r, i, &n)) continue;
    if (n.b > r->n) n.b = r->n;
    int skip = 0;
    for (size_t k = n.a; k < n.b; k++) skip |= used[k];
    if (skip) continue;
    /* clock times and ratios, "10:30", "3:1", are not amounts */
    if (r->w[i].kind == RW_NUM &&
        ((i + 2 < r->n && punct_is(r, i + 1, ":") &&
          r->w[i + 1].s == r->w[i].e && r->w[i + 2].s == r->w[i + 1].e &&
          r->w[i + 2].kind == RW_NUM) ||
         (i >= 2 && punct_is(r, i - 1, ":") && r->w[i - 1].e == r->w[i].s &&
          r->w[i - 2].e == r->w[i - 1].s && r->w[i - 2].kind == RW_NUM)))
      continue;
    /* spelled "one" is mostly "one of", "one day": only counts/amounts
     * with a noun after; ordinal context "No. 5" and ranks skipped */
    size_t a = n.a, b = n.b;
    const char *unit = NULL;
    if (a > 0 && same(r, a - 1, a)) {
      if (punct_is(r, a - 1, "$")) {
        unit = "USD";
        a--;
        if (a > 0 && r->w[a - 1].e == r->w[a].s &&
            (rw_is(&r->w[a - 1], "us") || rw_is(&r->w[a - 1], "a")))
          a--;
      } else if (punct_is(r, a - 1, "\xE2\x82\xAC")) {
        unit = "EUR";
        a--;
      } else if (punct_is(r, a - 1, "\xC2\xA3")) {
        unit = "GBP";
        a--;
      } else if (punct_is(r, a - 1, "\xC2\xA5")) {
        unit = "JPY";
        a--;
      } else if (punct_is(r, a - 1, "\xE2\x82\xBD")) {
        unit = "RUB";
        a--;
      } else if (cur_word(r->w[a - 1].low) &&
                 (r->w[a - 1].flags & RF_UPPER)) {
        unit = cur_word(r->w[a - 1].low);
        a--;
      }
      if (unit && a < n.a && rec_number_at(r, n.a, &n) && n.b > b) b = n.b;
    }
    if (!unit && b < r->n && same(r, a, b)) {
      if (punct_is(r, b, "%")) {
        unit = "%";
        b++;
      } else if (rw_is(&r->w[b], "percent") || rw_is(&r->w[b], "pct")) {
        unit = "%";
        b++;
      } else if (rw_is(&r->w[b], "per") && b + 1 < r->n &&
                 rw_is(&r->w[b + 1], "cent")) {
        unit = "%";
        b += 2;
      } else if (cur_word(r->w[b].low)) {
        unit = cur_word(r->w[b].low);
        b++;
      } else if (rec_in_list(r->w[b].low, UNITS) && !n.approx) {
        unit = r->w[b].low;
        b++;
        if (!strcmp(unit, "percentage") && b < r->n &&
            rw_is(&r->w[b], "points"))
          unit = "percentage points", b++;
      }
    }
    if (n.is_word && n.v == 1 && !unit) {
      /* "one" is an amount only as "one million" etc. (handled by the
       * reader) or a count: try_count still sees it */
      if (try_count(r, &n) < 0) return ANN_ENOMEM;
      i = n.b - 1;
      continue;
    }
    const char *about = NULL;
    size_t pa, pb;
    int money_or_pct = unit && (!strcmp(unit, "%") || strlen(unit) == 3);
    if (b < r->n && same(r, a, b) && rw_is(&r->w[b], "of") &&
        (unit || n.approx) && np_after(r, b + 1, r->n, &pa, &pb) &&
        same(r, a, pa))
      about = rec_span_str(r, pa, pb);
    else if ((!unit || (strlen(unit) == 3 && unit[0] >= 'A' &&
                        unit[0] <= 'Z')) &&
             np_after(r, b, r->n, &pa, &pb) && pa == b && same(r, a, pa)) {
      /* "4 people missing": the phrase ends before a trigger word */
      for (size_t k = pa + 1; k < pb; k++)
        if (trigger(&r->w[k]) &&
            r->w[k].low[strlen(r->w[k].low) - 1] != 's') {
          pb = k;
          break;
        }
      about = rec_span_str(r, pa, pb);
    }
    if (!about) {
      /* walk back over modifiers and linking words to the subject */
      size_t k = a;
      int links = 0;
      while (k > 0 && same(r, a, k - 1) && a - k < 6) {
        const rword *w = &r->w[k - 1];
        if (w->kind == RW_WORD && rec_in_list(w->low, MODS) &&
            !rec_in_list(w->low, LINK)) {
          k--;
          continue;
        }
        if (w->kind == RW_WORD && rec_in_list(w->low, LINK)) {
          k--;
          links++;
          continue;
        }
        break;
      }
      if (links && np_before(r, k, 0, &pa, &pb) && same(r, a, pa)) {
        /* "Unemployment among young people", "Exports of gas to Europe":
         * the phrase starts at its head noun */
        for (int hop = 0; hop < 2 && pa > 1 && same(r, a, pa - 2); hop++) {
          const rword *prep = &r->w[pa - 1];
          size_t qa, qb;
          if (!(rw_is(prep, "of") || rw_is(prep, "among") ||
                rw_is(prep, "for") || rw_is(prep, "to") ||
                rw_is(prep, "in")) ||
              !np_before(r, pa - 1, 0, &qa, &qb) || pb - qa > 8)
            break;
          pa = qa;
        }
        about = rec_span_str(r, pa, pb);
      }
    }
    if (!about && unit) {
      for (size_t k = d->amounts.n; k > 0; k--) {
        const ann_amount *p = &d->amounts.v[k - 1];
        if (p->sentence != r->w[a].sent) break;
        if (p->unit && !strcmp(p->unit, unit) && p->about) {
          about = p->about;
          break;
        }
      }
    }
    if (add_amount(r, n.v, unit, a, b, about) < 0) return ANN_ENOMEM;
    if (!money_or_pct && try_count(r, &n) < 0) return ANN_ENOMEM;
    i = b - 1;
  }
  return 0;
}
