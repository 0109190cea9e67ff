/*
 * dates.c — absolute, partial and relative dates, resolved against the
 * document's publication date.
 *
 * Values are ISO 8601 with reduced precision where the text gives less:
 * "1968" -> "1968", "the 1930s" -> "193" (a decade), "June 2025" ->
 * "2025-06", "June 27" -> "2025-06-27" when the article is from 2025, else
 * "--06-27". Relative expressions ("yesterday", "last week", "three years
 * ago", "on Monday", "four years into the war") need the publication date;
 * without it the date is recorded with no value. Impossible dates
 * ("31/31/2031", "June 31") are not dates.
 */
#include "rec.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const MONTHS[] = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};
static const char *const MON3[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                   "jul", "aug", "sep", "oct", "nov", "dec"};
static const char *const WDAYS[] = {"monday", "tuesday",  "wednesday",
                                    "thursday", "friday", "saturday",
                                    "sunday"};

static int month_of(const rword *w) {
  if (w->kind != RW_WORD || !(w->flags & RF_CAP)) return 0;
  for (int m = 0; m < 12; m++)
    if (MONTHS[m][0] == w->low[0] && !strcmp(w->low, MONTHS[m])) return m + 1;
  if (!strcmp(w->low, "sept")) return 9;
  for (int m = 0; m < 12; m++)
    if (!strcmp(w->low, MON3[m]) && m != 4) return m + 1;
  return 0;
}

static int days_in(int y, int m) {
  static const int D[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return D[m - 1];
}

/* Days since 1970-01-01 (proleptic Gregorian), after H. Hinnant. */
static long days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  long era = (y >= 0 ? y : y - 399) / 400;
  unsigned yoe = (unsigned)(y - era * 400);
  unsigned doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
  unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + (long)doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d) {
  z += 719468;
  long era = (z >= 0 ? z : z - 146096) / 146097;
  unsigned doe = (unsigned)(z - era * 146097);
  unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long yy = (long)yoe + era * 400;
  unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  unsigned mp = (5 * doy + 2) / 153;
  *d = (int)(doy - (153 * mp + 2) / 5 + 1);
  *m = (int)(mp < 10 ? mp + 3 : mp - 9);
  *y = (int)(yy + (*m <= 2));
}

/* 0 = Monday */
static int weekday(long days) { return (int)(((days % 7) + 7 + 3) % 7); }

static char *iso_day(rdoc *r, long days) {
  int y, m, d;
  civil_from_days(days, &y, &m, &d);
  return ann_sprintf(r->d->arena, "%04d-%02d-%02d", y, m, d);
}

static char *iso_week(rdoc *r, long days) {
  /* the ISO week's Thursday decides its year */
  long thu = days - weekday(days) + 3;
  int y, m, d;
  civil_from_days(thu, &y, &m, &d);
  long jan1 = days_from_civil(y, 1, 1);
  int wk = (int)((thu - jan1) / 7) + 1;
  return ann_sprintf(r->d->arena, "%04d-W%02d", y, wk);
}

static long pub_days(const rdoc *r) {
  return days_from_civil(r->pub_y, r->pub_m, r->pub_d);
}

static int add_date(rdoc *r, size_t a, size_t b, const char *value,
                    uint8_t *used) {
  ann_date *x = ANN_PUSH(r->d->arena, &r->d->dates);
  if (!x) return ANN_ENOMEM;
  x->start = r->w[a].s;
  x->end = r->w[b - 1].e;
  x->value = value;
  x->sentence = r->w[a].sent;
  for (size_t k = a; k < b; k++) used[k] = 1;
  return 0;
}

static int num_val(const rdoc *r, size_t i, int maxdig) {
  const rword *w = &r->w[i];
  if (w->kind != RW_NUM || w->e - w->s > (uint32_t)maxdig) return -1;
  int v = 0;
  for (uint32_t k = w->s; k < w->e; k++) {
    char c = r->d->text[k];
    if (!isdigit((unsigned char)c)) return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

/* A day number at i (1..31), maybe with a glued ordinal: "27", "27th".
 * Returns the day and sets *end past it, or 0. */
static int day_at(const rdoc *r, size_t i, size_t *end) {
  if (i >= r->n) return 0;
  int v = num_val(r, i, 2);
  if (v < 1 || v > 31) return 0;
  *end = i + 1;
  if (i + 1 < r->n && r->w[i + 1].s == r->w[i].e &&
      r->w[i + 1].kind == RW_WORD) {
    const char *s = r->w[i + 1].low;
    if (s && (!strcmp(s, "st") || !strcmp(s, "nd") || !strcmp(s, "rd") ||
              !strcmp(s, "th")))
      *end = i + 2;
    else
      return 0;
  }
  return v;
}

static int year_at(const rdoc *r, size_t i) {
  if (i >= r->n) return 0;
  int v = num_val(r, i, 4);
  if (r->w[i].e - r->w[i].s != 4 || v < 1000 || v > 2100) return 0;
  if (i + 1 < r->n && r->w[i + 1].s == r->w[i].e &&
      r->w[i + 1].kind == RW_WORD)
    return 0;
  return v;
}

static int is_punct(const rdoc *r, size_t i, char c) {
  return i < r->n && r->w[i].kind == RW_PUNCT && r->d->text[r->w[i].s] == c;
}

static int same(const rdoc *r, size_t a, size_t b) {
  return b < r->n && r->w[a].sent == r->w[b].sent;
}

/* Year of a month-day without year: the publication year, or the one
 * before when the date would be far in the future. */
static int guess_year(const rdoc *r, int m, int d) {
  if (!r->pub_y) return 0;
  long pd = pub_days(r);
  long x = days_from_civil(r->pub_y, m, d);
  return x - pd > 60 ? r->pub_y - 1 : r->pub_y;
}

static const char *const YEAR_PREV[] = {
    "in",    "since", "until",  "till",   "by",     "from", "of",
    "to",    "before", "after", "during", "between", "and", "or",
    "early", "late",  "mid",    "around", "circa",  "year", "(",
    "spring", "summer", "autumn", "fall", "winter", "the", NULL};

static const char *const UNITS_REL[] = {"day", "days", "week", "weeks",
                                        "month", "months", "year", "years",
                                        NULL};

/* "three years ago", "4 days ago", "two weeks earlier" */
static int relative_ago(rdoc *r, size_t i, uint8_t *used, size_t *next) {
  rnum n;
  if (!rec_number_at(r, i, &n) || n.approx || n.v <= 0 || n.v > 200)
    return 0;
  size_t u = n.b;
  if (u + 1 >= r->n || !same(r, i, u + 1)) return 0;
  const char *unit = r->w[u].low;
  if (!rec_in_list(unit, UNITS_REL)) return 0;
  const rword *x = &r->w[u + 1];
  int into = rw_is(x, "into");
  if (!rw_is(x, "ago") && !into) return 0;
  char *value = NULL;
  if (r->pub_y) {
    int k = (int)n.v;
    if (into) {
      /* "four years into the war": the time spoken of is now */
      value = ann_sprintf(r->d->arena, "%04d", r->pub_y);
    } else if (unit[0] == 'd') {
      value = iso_day(r, pub_days(r) - k);
    } else if (unit[0] == 'w') {
      value = iso_week(r, pub_days(r) - 7L * k);
    } else if (unit[0] == 'm') {
      int mm = r->pub_y * 12 + (r->pub_m - 1) - k;
      value = ann_sprintf(r->d->arena, "%04d-%02d", mm / 12, mm % 12 + 1);
    } else {
      value = ann_sprintf(r->d->arena, "%04d", r->pub_y - k);
    }
  }
  size_t end = u + 2;
  if (into && end < r->n && same(r, i, end) && rw_is(&r->w[end], "the")) {
    end++;
    if (end < r->n && same(r, i, end) && r->w[end].kind == RW_WORD) end++;
  }
  *next = end;
  return add_date(r, i, end, value, used) < 0 ? -1 : 1;
}

/* ------------------------------------------------------- weekdays -- */

static int xpos_is(const rword *w, const char *t) {
  return w->xpos && !strcmp(w->xpos, t);
}

/* Words that put what follows them ahead of the publication date: "will",
 * "would" (the future of reported speech), modals, schedules ("is due"),
 * and (AHEAD_TO) the words of plans, only before "to" ("plans to", "set
 * to"). */
static const char *const AHEAD[] = {
    "will", "'ll", "shall", "would", "won't", "wo", "could", "can", "may",
    "might", "should", "must", "due", "scheduled", "upcoming", "coming",
    NULL};
static const char *const AHEAD_TO[] = {
    "going", "set", "expected", "plans", "plan", "planning", "intends",
    "intend", "aims", "aim", "hopes", "hope", "wants", "want", "seeks",
    "prepares", "ready", "poised", "likely", NULL};
/* Verbs of telling: in the present they are headline style for the past
 * ("minister says on Monday") */
static const char *const TELL[] = {"say", "tell", "report", "announce",
                                   "claim", "confirm", "deny", "add",
                                   "insist", "note", "write", "warn",
                                   "acknowledge", "admit", NULL};
/* Past forms told without tags (the record stage can run alone) */
static const char *const PAST_WORDS[] = {
    "was", "were", "had", "did", "said", "told", "met", "began", "broke",
    "went", "came", "took", "made", "held", "saw", "fell", "fought",
    "struck", "left", "sent", "won", "lost", "gave", "got", "found", "led",
    "hit", "shot", "put", "set", "ran", "spoke", "stood", "rose", "drove",
    "flew", "wrote", "became", "brought", "thought", "knew", "felt",
    "kept", "paid", "sold", "built", "caught", "threw", "chose", NULL};

/* The present of "be" ("is to visit", "the vote is on Sunday") and the
 * forms of "have" ("have to leave", "has been"). */
static const char *const IS_ARE[] = {"is", "are", "am", NULL};
static const char *const HAVE[] = {"have", "has", NULL};

/* How the verb at word k tells the time of its clause: 1 ahead (future,
 * modal, plan, present), -1 past, 0 undecided (a base form, a participle
 * or no verb: look further). */
static int verb_time(const rdoc *r, size_t k, size_t weekday) {
  const rword *w = &r->w[k];
  if (w->kind != RW_WORD) return 0;
  const char *l = w->low;
  int to_next = k + 1 < weekday && rw_is(&r->w[k + 1], "to");
  if (rec_in_list(l, AHEAD_TO)) {
    if (!to_next) return 0;
    /* "was expected to arrive on Wednesday": a past plan */
    if (k > 0 && r->w[k - 1].sent == w->sent &&
        rec_in_list(r->w[k - 1].low, (const char *const[]){
                        "was", "were", "had", NULL}))
      return -1;
    return 1;
  }
  if (rec_in_list(l, AHEAD) && !(w->flags & RF_CAP && !strcmp(l, "may"))) {
    /* "would have been", "may have fled": the past of a modal */
    for (size_t j = k + 1; j < weekday && j < k + 3; j++)
      if (rw_is(&r->w[j], "have") &&
          !(j + 1 < weekday && rw_is(&r->w[j + 1], "to")))
        return -1;
    if (!strcmp(l, "due") && k > 0 &&
        rec_in_list(r->w[k - 1].low, (const char *const[]){
                        "was", "were", NULL}))
      return -1;
    return 1;
  }
  /* "is to visit", "are to meet" */
  if (to_next && rec_in_list(l, IS_ARE)) return 1;
  /* "have to leave by Friday" */
  if (to_next && rec_in_list(l, HAVE)) return 0;
  if (w->xpos) {
    if (xpos_is(w, "VBD")) return -1;
    if (xpos_is(w, "VBZ") || xpos_is(w, "VBP")) {
      if (w->lemma && (rec_in_list(w->lemma, TELL) ||
                       !strcmp(w->lemma, "have")))
        return -1; /* "says", "has been" */
      return 1; /* "talks resume on Wednesday", "the vote is on Sunday" */
    }
    return 0;
  }
  if (rec_in_list(l, PAST_WORDS) || rec_in_list(l, HAVE)) return -1;
  if (rec_in_list(l, IS_ARE)) return 1;
  size_t n = strlen(l);
  if (n > 4 && !strcmp(l + n - 2, "ed") && !(w->flags & RF_CAP)) return -1;
  return 0;
}

/* Whether the bare weekday at word i is a day ahead: the verb of its
 * clause is future, modal, a plan or a schedule ("loading would resume on
 * Wednesday", "the vote is due on Sunday", "talks resume on Friday").
 * Reporting in the past tense means the last such day: news tells the
 * past, so an undecided clause does too. */
static int weekday_ahead(const rdoc *r, size_t i) {
  if (i > 0 && same(r, i - 1, i) &&
      rec_in_list(r->w[i - 1].low, (const char *const[]){
                      "since", "last", "previous", "past", NULL}))
    return 0;
  /* the verb before it in its clause, nearest first; a participle that
   * nothing before decides is past ("Police, alerted on Friday, ...") */
  int verb = 0;
  for (size_t k = i, steps = 0; k-- > 0 && steps < 14; steps++) {
    if (!same(r, k, i) || is_punct(r, k, ';') || is_punct(r, k, ':'))
      break;
    int t = verb_time(r, k, i);
    if (t) return t > 0;
    verb |= r->w[k].xpos && r->w[k].xpos[0] == 'V' && r->w[k].xpos[1] == 'B';
  }
  if (verb) return 0;
  /* else the verb after it, in its own clause: "On Wednesday, ministers
   * will meet" */
  for (size_t k = i + 1, steps = 0; k < r->n && steps < 10; k++, steps++) {
    if (!same(r, i, k) || is_punct(r, k, ';') || is_punct(r, k, ':') ||
        rec_in_list(r->w[k].low, (const char *const[]){
                        "and", "but", "while", "whereas", "although",
                        "after", "before", "because", "when", NULL}))
      break;
    int t = verb_time(r, k, r->n);
    if (t) return t > 0;
  }
  return 0;
}

static int relative_word(rdoc *r, size_t i, uint8_t *used, size_t *next) {
  const rword *w = &r->w[i];
  if (w->kind != RW_WORD || !strchr("ytlnmwfs", w->low[0])) return 0;
  const char *s = w->low;
  long pd = r->pub_y ? pub_days(r) : 0;
  int have = r->pub_y != 0;
  char *v = NULL;
  if (!strcmp(s, "yesterday") || !strcmp(s, "today") ||
      !strcmp(s, "tomorrow") || !strcmp(s, "tonight")) {
    int off = s[0] == 'y' ? -1 : s[2] == 'm' ? 1 : 0;
    if (have) v = iso_day(r, pd + off);
    *next = i + 1;
    return add_date(r, i, i + 1, v, used) < 0 ? -1 : 1;
  }
  int rel = !strcmp(s, "last") ? -1 : !strcmp(s, "next") ? 1
            : !strcmp(s, "this") ? 0 : 9;
  if (rel != 9 && same(r, i, i + 1)) {
    const rword *x = &r->w[i + 1];
    const char *u = x->low;
    if (!u) return 0;
    if (!strcmp(u, "week") || !strcmp(u, "weekend")) {
      if (have) v = iso_week(r, pd + 7L * rel);
    } else if (!strcmp(u, "month")) {
      if (have) {
        int mm = r->pub_y * 12 + (r->pub_m - 1) + rel;
        v = ann_sprintf(r->d->arena, "%04d-%02d", mm / 12, mm % 12 + 1);
      }
    } else if (!strcmp(u, "year")) {
      if (have) v = ann_sprintf(r->d->arena, "%04d", r->pub_y + rel);
    } else {
      int wd = -1;
      for (int k = 0; k < 7; k++)
        if (!strcmp(u, WDAYS[k])) wd = k;
      if (wd < 0) return 0;
      if (have) {
        /* "next Wednesday" is the coming one, "last Wednesday" the one
         * before publication; "this Wednesday" that of its week */
        int ahead = (wd - weekday(pd) + 7) % 7, back = (weekday(pd) - wd + 7) % 7;
        if (rel > 0) v = iso_day(r, pd + (ahead ? ahead : 7));
        else if (rel < 0) v = iso_day(r, pd - (back ? back : 7));
        else v = iso_day(r, pd - weekday(pd) + wd);
      }
    }
    *next = i + 2;
    return add_date(r, i, i + 2, v, used) < 0 ? -1 : 1;
  }
  if (w->flags & RF_CAP) {
    for (int k = 0; k < 7; k++)
      if (!strcmp(s, WDAYS[k])) {
        /* the latest such day up to publication (news tells the past),
         * or the coming one (publication day included) in a clause about
         * what is ahead */
        if (have) {
          if (weekday_ahead(r, i))
            v = iso_day(r, pd + (k - weekday(pd) + 7) % 7);
          else
            v = iso_day(r, pd - (weekday(pd) - k + 7) % 7);
        }
        *next = i + 1;
        return add_date(r, i, i + 1, v, used) < 0 ? -1 : 1;
      }
  }
  return 0;
}

/* 2025-06-27, 2025-06 and 27/06/2025 written without spaces: the
 * tokenizer gave NUM PUNCT NUM [PUNCT NUM]. */
static int numeric_date(rdoc *r, size_t i, uint8_t *used, size_t *next) {
  int a = num_val(r, i, 4);
  if (a < 0) return 0;
  size_t k = i + 1;
  int parts[3] = {a, -1, -1}, np = 1;
  char sep = 0;
  while (np < 3 && k + 1 < r->n && r->w[k].s == r->w[k - 1].e &&
         r->w[k].kind == RW_PUNCT && r->w[k + 1].s == r->w[k].e) {
    char c = r->d->text[r->w[k].s];
    if ((c != '-' && c != '/' && c != '.') || (sep && c != sep)) break;
    int v = num_val(r, k + 1, 4);
    if (v < 0) break;
    sep = c;
    parts[np++] = v;
    k += 2;
  }
  if (np < 2) return 0;
  int y = 0, m = 0, d = 0;
  size_t wa = r->w[i].e - r->w[i].s;
  if (wa == 4 && sep == '-') {
    y = parts[0];
    m = parts[1];
    d = np == 3 ? parts[2] : 0;
  } else if (np == 3 && sep != '-' && r->w[k - 1].e - r->w[k - 1].s == 4) {
    y = parts[2];
    /* day first (most of the world) unless that is impossible */
    d = parts[0];
    m = parts[1];
    if (m > 12 && d <= 12) {
      int t = m;
      m = d;
      d = t;
    }
  } else {
    return 0;
  }
  /* the shape of a date with impossible parts (31/31/2031, 2025-13-40):
   * no date, and no amounts or year either */
  if (y < 1000 || y > 2100 || m < 1 || m > 12 ||
      (np == 3 && (d < 1 || d > days_in(y, m)))) {
    for (size_t x = i; x < k; x++) used[x] = 1;
    *next = k;
    return 2;
  }
  char *v = np == 3 ? ann_sprintf(r->d->arena, "%04d-%02d-%02d", y, m, d)
                    : ann_sprintf(r->d->arena, "%04d-%02d", y, m);
  *next = k;
  return add_date(r, i, k, v, used) < 0 ? -1 : 1;
}

int rec_dates(rdoc *r, uint8_t *used) {
  for (size_t i = 0; i < r->n;) {
    size_t next = i + 1;
    const rword *w = &r->w[i];
    int rc = 0;
    if (w->kind == RW_NUM) {
      rc = numeric_date(r, i, used, &next);
      size_t de;
      int d, m;
      if (!rc && (d = day_at(r, i, &de)) && de < r->n && same(r, i, de) &&
          (m = month_of(&r->w[de]))) {
        /* 29 June [2025] */
        size_t e = de + 1;
        int y = year_at(r, e) && same(r, i, e) ? year_at(r, e) : 0;
        if (y) e++;
        if (d <= days_in(y ? y : 2000, m)) {
          if (!y) y = guess_year(r, m, d);
          char *v = y ? ann_sprintf(r->d->arena, "%04d-%02d-%02d", y, m, d)
                      : ann_sprintf(r->d->arena, "--%02d-%02d", m, d);
          rc = add_date(r, i, e, v, used) < 0 ? -1 : 1;
          next = e;
        }
      }
      if (!rc) rc = relative_ago(r, i, used, &next);
      if (!rc && w->e - w->s == 4 && i + 1 < r->n &&
          r->w[i + 1].s == w->e && rw_is(&r->w[i + 1], "s")) {
        /* the 1930s */
        int v = num_val(r, i, 4);
        if (v >= 1000 && v <= 2100 && v % 10 == 0) {
          size_t a = i > 0 && rw_is(&r->w[i - 1], "the") ? i - 1 : i;
          char *val = ann_sprintf(r->d->arena, "%03d", v / 10);
          rc = add_date(r, i, i + 2, val, used) < 0 ? -1 : 1;
          if (rc > 0) used[a] = 1;
          next = i + 2;
        }
      }
      int y;
      if (!rc && (y = year_at(r, i))) {
        int ok = 0;
        const rword *p = i > 0 && same(r, i - 1, i) ? &r->w[i - 1] : NULL;
        const rword *nx = i + 1 < r->n && same(r, i, i + 1) ? &r->w[i + 1]
                                                              : NULL;
        if (p && (rec_in_list(p->low, YEAR_PREV) ||
                  (p->kind == RW_PUNCT && r->d->text[p->s] == '(')))
          ok = 1;
        if (!nx || nx->kind == RW_PUNCT) ok = 1;
        if (nx && nx->kind == RW_WORD && (nx->flags & RF_CAP)) ok = 1;
        if (nx && (rw_is(nx, "and") || rw_is(nx, "to") || rw_is(nx, "when")))
          ok = 1;
        if (p && p->kind == RW_PUNCT && (r->d->text[p->s] == '$'))
          ok = 0;
        if (nx && nx->kind == RW_PUNCT && r->d->text[nx->s] == '%') ok = 0;
        /* "2000 people" is a number; "since 2000 despite" a year: after a
         * strong preposition only a plural noun makes it a number */
        int strong = p && rec_in_list(p->low, (const char *const[]){
                                          "in", "since", "until", "till",
                                          "by", "during", "before", "after",
                                          "between", "from", "circa", "early",
                                          "late", "mid", NULL});
        if (nx && nx->kind == RW_WORD && !(nx->flags & RF_CAP) &&
            !rec_in_list(nx->low, (const char *const[]){
                "and", "to", "when", "after", "before", "as", "until",
                "that", "the", "was", "were", "is", "in", "on", "at",
                "with", "by", "for", NULL}) &&
            (!strong || nx->low[strlen(nx->low) - 1] == 's'))
          ok = 0;
        if (ok) {
          char *v = ann_sprintf(r->d->arena, "%04d", y);
          rc = add_date(r, i, i + 1, v, used) < 0 ? -1 : 1;
        }
      }
    } else if (w->kind == RW_WORD) {
      int m = month_of(w);
      if (m) {
        size_t de;
        int d = day_at(r, i + 1, &de);
        if (d && same(r, i, i + 1)) {
          if (d > days_in(2000, m)) d = 0;
          /* June 27[,] [2025] */
          size_t e = de;
          size_t ye = is_punct(r, e, ',') ? e + 1 : e;
          int y = same(r, i, ye) ? year_at(r, ye) : 0;
          if (y) e = ye + 1;
          if (y && d > days_in(y, m)) d = 0;
          if (!d) { /* June 31 */
            for (size_t x = i; x < e; x++) used[x] = 1;
            rc = 2;
            next = e;
          } else {
            if (!y) y = guess_year(r, m, d);
            char *v = y ? ann_sprintf(r->d->arena, "%04d-%02d-%02d", y, m, d)
                        : ann_sprintf(r->d->arena, "--%02d-%02d", m, d);
            rc = add_date(r, i, e, v, used) < 0 ? -1 : 1;
            next = e;
          }
        } else if (same(r, i, i + 1) && year_at(r, i + 1)) {
          char *v = ann_sprintf(r->d->arena, "%04d-%02d", year_at(r, i + 1),
                                m);
          rc = add_date(r, i, i + 2, v, used) < 0 ? -1 : 1;
          next = i + 2;
        } else if (i > 0 && same(r, i - 1, i) &&
                   rec_in_list(r->w[i - 1].low,
                               (const char *const[]){"in", "since", "until",
                                                     "early", "late", "mid",
                                                     "last", "next", "this",
                                                     "by", "from", NULL}) &&
                   (m != 5 || !rw_is(&r->w[i - 1], "this"))) {
          char *v = NULL;
          int y = r->pub_y;
          if (y) {
            /* the nearest such month: "in June" from March is ahead,
             * from November behind */
            if (rw_is(&r->w[i - 1], "last") || m - r->pub_m > 6) y--;
            else if (r->pub_m - m > 6 && !rw_is(&r->w[i - 1], "since")) y++;
            if (rw_is(&r->w[i - 1], "next")) y = r->pub_y + (m <= r->pub_m);
            v = ann_sprintf(r->d->arena, "%04d-%02d", y, m);
          } else {
            v = ann_sprintf(r->d->arena, "--%02d", m);
          }
          rc = add_date(r, i, i + 1, v, used) < 0 ? -1 : 1;
        }
      }
      if (!rc) rc = relative_word(r, i, used, &next);
      if (!rc) rc = relative_ago(r, i, used, &next);
    }
    if (rc < 0) return ANN_ENOMEM;
    i = rc > 0 ? next : i + 1;
  }
  return 0;
}
