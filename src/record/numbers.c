/*
 * numbers.c — reading one number at a word: digits with thousands commas
 * and decimals, a suffix or magnitude word ("5bn", "3 million"), spelled
 * numbers ("twenty-five", "two hundred thousand", "a dozen") and vague
 * plurals ("hundreds" = 100, approximate).
 *
 * Caps: more than 15 digits is not a number we report (1,000-digit runs,
 * "1e999"); a digit run glued to letters other than a known suffix is not
 * a number either ("4G", "1e999", "F16").
 */
#include "rec.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

typedef struct { const char *w; double v; } numword;

static const numword SMALL[] = {
    {"zero", 0},      {"one", 1},        {"two", 2},        {"three", 3},
    {"four", 4},      {"five", 5},       {"six", 6},        {"seven", 7},
    {"eight", 8},     {"nine", 9},       {"ten", 10},       {"eleven", 11},
    {"twelve", 12},   {"thirteen", 13},  {"fourteen", 14},  {"fifteen", 15},
    {"sixteen", 16},  {"seventeen", 17}, {"eighteen", 18},  {"nineteen", 19},
    {"twenty", 20},   {"thirty", 30},    {"forty", 40},     {"fifty", 50},
    {"sixty", 60},    {"seventy", 70},   {"eighty", 80},    {"ninety", 90},
    {NULL, 0}};

static const numword MAG[] = {
    {"thousand", 1e3}, {"million", 1e6},  {"billion", 1e9}, {"trillion", 1e12},
    {"bn", 1e9},       {"mln", 1e6},      {"mn", 1e6},      {"tn", 1e12},
    {"thousands", 1e3}, {"millions", 1e6}, {"billions", 1e9}, {NULL, 0}};

/* glued suffixes: 5bn, 3m, 10k */
static const numword GLUED[] = {
    {"bn", 1e9}, {"b", 1e9}, {"m", 1e6}, {"mn", 1e6}, {"mln", 1e6},
    {"k", 1e3},  {"tn", 1e12}, {"trn", 1e12}, {NULL, 0}};

static const numword VAGUE[] = {
    {"dozens", 12},       {"hundreds", 100},   {"thousands", 1000},
    {"millions", 1e6},    {"billions", 1e9},   {"scores", 20},
    {NULL, 0}};

static double lookup(const numword *t, const char *w) {
  if (!w) return -1;
  for (; t->w; t++)
    if (t->w[0] == w[0] && t->w[1] == w[1] && strcmp(t->w, w) == 0)
      return t->v;
  return -1;
}

static int adjacent(const rdoc *r, size_t i) {
  return i + 1 < r->n && r->w[i + 1].s == r->w[i].e;
}

static int same_sent(const rdoc *r, size_t a, size_t b) {
  return b < r->n && r->w[a].sent == r->w[b].sent;
}

/* Digits with , and . as the tokenizer cut them. Returns digits count or
 * -1 when the shape is not a plain number (two dots, > 15 digits). */
static int parse_digits(const char *s, size_t n, double *v, int *plain) {
  char buf[40];
  size_t k = 0;
  int digits = 0, dots = 0, commas = 0;
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    if (isdigit((unsigned char)c)) {
      if (++digits > 15) return -1;
      buf[k++] = c;
    } else if (c == '.') {
      if (++dots > 1) return -1;
      buf[k++] = c;
    } else if (c == ',') {
      if (dots) return -1;
      commas++;
    }
  }
  buf[k] = 0;
  *v = strtod(buf, NULL); /* exact decimal rounding: 11.13 stays 11.13 */
  *plain = !dots && !commas;
  return digits;
}

int rec_number_at(const rdoc *r, size_t i, rnum *out) {
  memset(out, 0, sizeof *out);
  if (i >= r->n) return 0;
  const rword *w = &r->w[i];
  if (w->kind == RW_NUM) {
    /* a number glued to a letter before it is a code: F16, A320 */
    if (i > 0 && r->w[i - 1].e == w->s && r->w[i - 1].kind == RW_WORD)
      return 0;
    double v;
    int plain;
    int nd = parse_digits(r->d->text + w->s, w->e - w->s, &v, &plain);
    if (nd < 0) return 0;
    size_t b = i + 1;
    if (adjacent(r, i) && r->w[i + 1].kind == RW_WORD) {
      double m = lookup(GLUED, r->w[i + 1].low);
      if (m < 0) return 0; /* 1930s, 21st, 1e999, 4G */
      v *= m;
      b = i + 2;
    } else if (b < r->n && same_sent(r, i, b)) {
      double m = lookup(MAG, r->w[b].low);
      if (m > 0 && r->w[b].low[strlen(r->w[b].low) - 1] != 's') {
        v *= m;
        b++;
      }
    }
    out->v = v;
    out->a = i;
    out->b = b;
    out->year_like = plain && nd == 4 && b == i + 1 && v >= 1000 && v <= 2100;
    return 1;
  }
  if (w->kind != RW_WORD) return 0;
  /* every number word starts with one of these and has <= 9 letters */
  if (!strchr("abdefhmnostz", w->low[0]) || strlen(w->low) > 9) return 0;
  size_t k = i;
  /* "a dozen", "a hundred", "a million" */
  if ((rw_is(w, "a") || rw_is(w, "an")) && same_sent(r, i, i + 1)) {
    const rword *x = &r->w[i + 1];
    double v = rw_is(x, "dozen") ? 12 : lookup(MAG, x->low);
    if (rw_is(x, "hundred")) v = 100;
    if (v > 0 && x->low[strlen(x->low) - 1] != 's') {
      out->v = v;
      out->a = i;
      out->b = i + 2;
      out->is_word = 1;
      if (i + 2 < r->n && same_sent(r, i, i + 2)) {
        double m = lookup(MAG, r->w[i + 2].low);
        if (m > 0 && m > v && r->w[i + 2].low[strlen(r->w[i + 2].low) - 1] != 's') {
          out->v *= m;
          out->b++;
        }
      }
      return 1;
    }
    return 0;
  }
  /* "tens of thousands" */
  if (rw_is(w, "tens") && i + 2 < r->n && rw_is(&r->w[i + 1], "of")) {
    double m = lookup(VAGUE, r->w[i + 2].low);
    if (m >= 1000) {
      out->v = m * 10;
      out->a = i;
      out->b = i + 3;
      out->approx = out->is_word = 1;
      return 1;
    }
  }
  double vg = lookup(VAGUE, w->low);
  if (vg > 0) {
    out->v = vg;
    out->a = i;
    out->b = i + 1;
    out->approx = out->is_word = 1;
    /* "hundreds of thousands" */
    if (i + 2 < r->n && rw_is(&r->w[i + 1], "of")) {
      double m = lookup(VAGUE, r->w[i + 2].low);
      if (m > vg) {
        out->v = vg * m;
        out->b = i + 3;
      }
    }
    return 1;
  }
  double total = 0, cur = 0;
  int any = 0;
  while (k < r->n && same_sent(r, i, k) && k - i < 12) {
    const rword *x = &r->w[k];
    double s = lookup(SMALL, x->low);
    if (s >= 0) {
      if (any && cur && s >= 10 && cur < 1000 && (int)cur % 100 != 0) break;
      cur += s;
      any = 1;
      k++;
      /* twenty-five */
      if (s >= 20 && k + 1 < r->n && r->w[k].kind == RW_PUNCT &&
          r->d->text[r->w[k].s] == '-' && lookup(SMALL, r->w[k + 1].low) > 0 &&
          lookup(SMALL, r->w[k + 1].low) < 10) {
        cur += lookup(SMALL, r->w[k + 1].low);
        k += 2;
      }
      continue;
    }
    if (!any) break;
    if (rw_is(x, "hundred")) {
      cur = (cur ? cur : 1) * 100;
      k++;
      if (k + 1 < r->n && rw_is(&r->w[k], "and") &&
          lookup(SMALL, r->w[k + 1].low) > 0)
        k++;
      continue;
    }
    double m = lookup(MAG, x->low);
    if (m > 0 && x->low[strlen(x->low) - 1] != 's') {
      total += (cur ? cur : 1) * m;
      cur = 0;
      k++;
      continue;
    }
    break;
  }
  if (!any) return 0;
  out->v = total + cur;
  out->a = i;
  out->b = k;
  out->is_word = 1;
  return 1;
}
