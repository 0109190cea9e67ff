/*
 * ner_bilou.c — BILOU labels: validity, encoding, tolerant decoding,
 * repair, IOB1/IOB2 conversion, and conlleval-style span scoring.
 */
#include "tag/ner_int.h"

#include <stdlib.h>
#include <string.h>

static const char *const label_names[NER_NLABELS] = {
    "O",     "B-PER",  "I-PER",  "L-PER",  "U-PER", "B-ORG",
    "I-ORG", "L-ORG",  "U-ORG",  "B-LOC",  "I-LOC", "L-LOC",
    "U-LOC", "B-MISC", "I-MISC", "L-MISC", "U-MISC"};
static const char *const type_names[NER_NTYPES] = {"PER", "ORG", "LOC", "MISC"};
static const char *const iob_b[NER_NTYPES] = {"B-PER", "B-ORG", "B-LOC",
                                              "B-MISC"};
static const char *const iob_i[NER_NTYPES] = {"I-PER", "I-ORG", "I-LOC",
                                              "I-MISC"};

const char *ner_label_name(int label) {
  return label >= 0 && label < NER_NLABELS ? label_names[label] : "O";
}

const char *ner_type_name(int type) {
  return type >= 0 && type < NER_NTYPES ? type_names[type] : "?";
}

int ner_type_parse(const char *s, size_t n) {
  for (int t = 0; t < NER_NTYPES; t++)
    if (strlen(type_names[t]) == n && memcmp(type_names[t], s, n) == 0)
      return t;
  return -1;
}

/* Inside an entity (after B or I) only I or L of the same type may come;
 * outside (after O, L, U, or at the start) only O, B or U. */
int ner_allowed(int prev, int cur) {
  if (prev < 0 || prev >= NER_NLABELS || cur < 0 || cur >= NER_NLABELS)
    return 0;
  int pp = ner_part(prev), cp = ner_part(cur);
  int open = prev && (pp == NER_B || pp == NER_I);
  if (open)
    return cur && ner_type(cur) == ner_type(prev) &&
           (cp == NER_I || cp == NER_L);
  return cur == 0 || cp == NER_B || cp == NER_U;
}

int ner_allowed_last(int last) {
  int p = ner_part(last);
  return last == 0 || p == NER_L || p == NER_U;
}

void ner_bilou_encode(const ner_span *s, size_t ns, uint8_t *lab, size_t n) {
  memset(lab, 0, n);
  for (size_t k = 0; k < ns; k++) {
    uint32_t b = s[k].begin, e = s[k].end;
    if (b >= e || e > n || s[k].type < 0 || s[k].type >= NER_NTYPES) continue;
    int t = s[k].type;
    if (e - b == 1) {
      lab[b] = (uint8_t)ner_label(t, NER_U);
      continue;
    }
    lab[b] = (uint8_t)ner_label(t, NER_B);
    for (uint32_t i = b + 1; i + 1 < e; i++)
      lab[i] = (uint8_t)ner_label(t, NER_I);
    lab[e - 1] = (uint8_t)ner_label(t, NER_L);
  }
}

/* One pass with an "open entity" state: B opens (closing what was open),
 * I continues an open entity of its type or opens one, L closes (opening
 * first if needed), U is a whole entity, O closes. Labels out of range
 * count as O. */
size_t ner_bilou_decode(const uint8_t *lab, size_t n, ner_span *s, size_t cap) {
  size_t ns = 0;
  long open = -1;
  int otype = -1;
#define EMIT(b, e, t)                                                          \
  do {                                                                         \
    if (ns < cap) s[ns] = (ner_span){(uint32_t)(b), (uint32_t)(e), (t)};       \
    ns++;                                                                      \
  } while (0)
  for (size_t i = 0; i < n; i++) {
    int l = lab[i] < NER_NLABELS ? lab[i] : 0;
    int t = ner_type(l), p = ner_part(l);
    if (open >= 0 && (l == 0 || t != otype || p == NER_B || p == NER_U)) {
      EMIT(open, i, otype);
      open = -1;
    }
    if (l == 0) continue;
    if (p == NER_U) {
      EMIT(i, i + 1, t);
    } else if (p == NER_B || p == NER_I) {
      if (open < 0) open = (long)i, otype = t;
    } else { /* L */
      EMIT(open >= 0 ? (size_t)open : i, i + 1, t);
      open = -1;
    }
  }
  if (open >= 0) EMIT(open, n, otype);
#undef EMIT
  return ns;
}

/* The same walk as decode, rewriting each span as it closes (it only
 * touches tokens already passed). */
static void put_span(uint8_t *lab, size_t b, size_t e, int t) {
  ner_span one = {0, (uint32_t)(e - b), t};
  ner_bilou_encode(&one, 1, lab + b, e - b);
}

void ner_bilou_repair(uint8_t *lab, size_t n) {
  long open = -1;
  int otype = -1;
  for (size_t i = 0; i < n; i++) {
    int l = lab[i] < NER_NLABELS ? lab[i] : 0;
    int t = ner_type(l), p = ner_part(l);
    if (open >= 0 && (l == 0 || t != otype || p == NER_B || p == NER_U)) {
      put_span(lab, (size_t)open, i, otype);
      open = -1;
    }
    if (l == 0) {
      lab[i] = 0;
    } else if (p == NER_B || p == NER_I) {
      if (open < 0) open = (long)i, otype = t;
    } else if (p == NER_L) {
      put_span(lab, open >= 0 ? (size_t)open : i, i + 1, t);
      open = -1;
    }
  }
  if (open >= 0) put_span(lab, (size_t)open, n, otype);
}

size_t ner_iob_decode(const char *const *tags, size_t n, ner_span *s,
                      size_t cap) {
  size_t ns = 0;
  long open = -1;
  int otype = -1;
  for (size_t i = 0; i <= n; i++) {
    int t = -1, begin = 0;
    if (i < n) {
      const char *g = tags[i];
      if (g &&
          (g[0] == 'B' || g[0] == 'I' || g[0] == 'E' || g[0] == 'S' ||
           g[0] == 'L' || g[0] == 'U') &&
          g[1] == '-') {
        t = ner_type_parse(g + 2, strlen(g + 2));
        begin = g[0] == 'B' || g[0] == 'S' || g[0] == 'U';
      }
    }
    if (open >= 0 && (t < 0 || t != otype || begin)) {
      if (ns < cap) s[ns] = (ner_span){(uint32_t)open, (uint32_t)i, otype};
      ns++;
      open = -1;
    }
    if (t >= 0 && open < 0) open = (long)i, otype = t;
  }
  return ns;
}

void ner_bilou_to_iob2(const uint8_t *lab, size_t n, const char **tags) {
  int prev = 0;
  for (size_t i = 0; i < n; i++) {
    int l = lab[i] < NER_NLABELS ? lab[i] : 0;
    if (!l) {
      tags[i] = "O";
    } else {
      int t = ner_type(l), p = ner_part(l);
      int cont = (p == NER_I || p == NER_L) && prev && ner_type(prev) == t &&
                 (ner_part(prev) == NER_B || ner_part(prev) == NER_I);
      tags[i] = cont ? iob_i[t] : iob_b[t];
    }
    prev = l;
  }
}

/* ------------------------------------------------------------ scoring -- */

void ner_eval_add(ner_eval *ev, const uint8_t *gold, const uint8_t *pred,
                  size_t n) {
  enum { CAP = 128 };
  ner_span gbuf[CAP], pbuf[CAP];
  ner_span *gs = gbuf, *ps = pbuf;
  size_t ng = ner_bilou_decode(gold, n, NULL, 0);
  size_t np = ner_bilou_decode(pred, n, NULL, 0);
  if (ng > CAP) gs = malloc(ng * sizeof *gs);
  if (np > CAP) ps = malloc(np * sizeof *ps);
  if (!gs || !ps) goto out;
  ner_bilou_decode(gold, n, gs, ng);
  ner_bilou_decode(pred, n, ps, np);
  size_t j = 0;
  for (size_t i = 0; i < np; i++) {
    while (j < ng && gs[j].begin < ps[i].begin)
      j++;
    int hit = j < ng && gs[j].begin == ps[i].begin && gs[j].end == ps[i].end &&
              gs[j].type == ps[i].type;
    if (hit)
      ev->tp[ps[i].type]++;
    else
      ev->fp[ps[i].type]++;
  }
  for (size_t i = 0; i < ng; i++)
    ev->gold[gs[i].type]++;
out:
  if (gs != gbuf) free(gs);
  if (ps != pbuf) free(ps);
}

double ner_eval_f1(const ner_eval *ev, int t, double *p, double *r) {
  size_t tp = 0, fp = 0, gold = 0;
  for (int k = 0; k < NER_NTYPES; k++) {
    if (t >= 0 && k != t) continue;
    tp += ev->tp[k], fp += ev->fp[k], gold += ev->gold[k];
  }
  double pp = tp + fp ? (double)tp / (double)(tp + fp) : 0;
  double rr = gold ? (double)tp / (double)gold : 0;
  if (p) *p = pp;
  if (r) *r = rr;
  return pp + rr > 0 ? 2 * pp * rr / (pp + rr) : 0;
}
