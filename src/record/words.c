/*
 * words.c — the record stage's own view of the text: sentences (when the
 * tokens stage did not run) and words with lower-cased forms, stems, and
 * the POS tags, lemmas and entities of earlier stages where they exist.
 *
 * Non-ASCII letters count as letters; the typographic quotes, dashes,
 * guillemets and ellipsis count as punctuation, so “word” gives three
 * words. Digits in other scripts (Arabic-Indic ٣) are letters here: the
 * number readers below only believe ASCII digits.
 */
#include "rec.h"

#include <ctype.h>
#include <string.h>

/* Length of the UTF-8 punctuation or space character at t, 0 if none.
 * *space is set for spaces (NBSP, thin and other U+20xx spaces). */
static int upunct(const unsigned char *t, size_t left, int *space) {
  *space = 0;
  if (left >= 2 && t[0] == 0xC2) {
    if (t[1] == 0xA0) return *space = 1, 2;            /* NBSP */
    if (t[1] == 0xAB || t[1] == 0xBB || t[1] == 0xB7) return 2; /* « » · */
    return 0;
  }
  if (left >= 3 && t[0] == 0xE2 && t[1] == 0x80) {
    unsigned c = t[2];
    if (c <= 0x8B || c == 0xAF) return *space = 1, 3;  /* U+2000..200B */
    if (c >= 0x90 && c <= 0xA7) return 3; /* dashes, quotes, bullets, … */
    if (c >= 0xB0 && c <= 0xBE) return 3; /* ‰ ′ ″ ‹ › */
    return 0;
  }
  if (left >= 3 && t[0] == 0xE2 && t[1] == 0x82) return 3; /* € and kin */
  return 0;
}

static int is_alpha_byte(unsigned char c) {
  return isalpha(c) || c >= 0x80;
}

/* ------------------------------------------------------------ sentences -- */

static const char *const ABBREV[] = {
    "mr", "mrs", "ms", "dr", "st", "gen", "col", "lt", "sgt", "prof", "jr",
    "sr", "vs", "etc", "inc", "ltd", "co", "no", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "gov", "sen",
    "rep", "capt", "maj", "cmdr", "adm", "rev", "mt", "ft", "approx", "e.g",
    "i.e", "u.s", "u.k", "u.n", "fig", "al", NULL};

static int abbrev_before(const char *t, size_t dot) {
  size_t b = dot;
  while (b > 0 && (isalpha((unsigned char)t[b - 1]) || t[b - 1] == '.'))
    b--;
  size_t n = dot - b;
  if (n == 0) return 0;
  if (n == 1 && isupper((unsigned char)t[b])) return 1; /* initials */
  if (n > 8) return 0;
  char low[10];
  for (size_t i = 0; i < n; i++) low[i] = (char)tolower((unsigned char)t[b + i]);
  low[n] = 0;
  return rec_in_list(low, ABBREV);
}

static int push_sentence(ann_doc *d, size_t s, size_t e) {
  const char *t = d->text;
  while (s < e && isspace((unsigned char)t[s])) s++;
  while (e > s && isspace((unsigned char)t[e - 1])) e--;
  if (e <= s) return 0;
  ann_sentence *x = ANN_PUSH(d->arena, &d->sentences);
  if (!x) return ANN_ENOMEM;
  x->start = (uint32_t)s;
  x->end = (uint32_t)e;
  return 0;
}

int rec_sentences(ann_doc *d) {
  if (d->sentences.n || !d->text) return 0;
  const char *t = d->text;
  size_t n = d->text_len, start = 0;
  for (size_t i = 0; i < n; i++) {
    char c = t[i];
    if (c == '\n' && i + 1 < n && t[i + 1] == '\n') {
      if (push_sentence(d, start, i) < 0) return ANN_ENOMEM;
      while (i + 1 < n && t[i + 1] == '\n') i++;
      start = i + 1;
      continue;
    }
    if (c != '.' && c != '!' && c != '?') continue;
    if (c == '.' && abbrev_before(t, i)) continue;
    size_t j = i + 1;
    /* closing quotes and brackets stay with the sentence */
    for (;;) {
      int sp;
      if (j < n && (t[j] == '"' || t[j] == '\'' || t[j] == ')')) j++;
      else if (j < n && upunct((const unsigned char *)t + j, n - j, &sp) &&
               !sp && (unsigned char)t[j] == 0xE2 &&
               ((unsigned char)t[j + 2] == 0x9D ||
                (unsigned char)t[j + 2] == 0x99))
        j += 3;
      else if (j + 1 < n && (unsigned char)t[j] == 0xC2 &&
               (unsigned char)t[j + 1] == 0xBB)
        j += 2;
      else break;
    }
    if (j >= n || t[j] != ' ') continue;
    size_t k = j;
    while (k < n && t[k] == ' ') k++;
    if (k >= n) continue;
    unsigned char nx = (unsigned char)t[k];
    if (!(isupper(nx) || isdigit(nx) || nx == '"' || nx >= 0x80 ||
          nx == '\'' || nx == '('))
      continue;
    if (push_sentence(d, start, j) < 0) return ANN_ENOMEM;
    start = j;
    i = j - 1;
  }
  return push_sentence(d, start, n);
}

/* ---------------------------------------------------------------- words -- */

int rec_in_list(const char *low, const char *const *list) {
  if (!low) return 0;
  /* the first byte decides most comparisons without a call */
  for (; *list; list++)
    if ((*list)[0] == low[0] && (*list)[1] == low[1] &&
        strcmp(low, *list) == 0)
      return 1;
  return 0;
}

void rec_stem(const char *low, char *out, size_t size) {
  size_t n = strlen(low);
  if (n >= size) n = size - 1;
  memcpy(out, low, n);
  out[n] = 0;
  if (n > 2 && out[n - 2] == '\'' && out[n - 1] == 's') out[n -= 2] = 0;
  if (n > 4 && !strcmp(out + n - 3, "ies")) {
    strcpy(out + n - 3, "y");
    n -= 2;
  } else if (n > 4 && (!strcmp(out + n - 4, "sses") ||
                       !strcmp(out + n - 4, "shes") ||
                       !strcmp(out + n - 4, "ches") ||
                       !strcmp(out + n - 3, "xes"))) {
    out[n -= 2] = 0;
  } else if (n > 3 && out[n - 1] == 's' && out[n - 2] != 's' &&
             out[n - 2] != 'u' && out[n - 2] != 'i') {
    out[--n] = 0;
  }
  if (n > 5 && !strcmp(out + n - 3, "ing")) {
    out[n -= 3] = 0;
    if (n > 2 && out[n - 1] == out[n - 2] && out[n - 1] != 'l' &&
        out[n - 1] != 's')
      out[--n] = 0; /* running -> run */
  } else if (n > 4 && !strcmp(out + n - 2, "ed")) {
    out[n -= 2] = 0;
    if (n > 2 && out[n - 1] == out[n - 2] && out[n - 1] != 'l' &&
        out[n - 1] != 's')
      out[--n] = 0; /* stopped -> stop */
    else if (n > 2 && out[n - 1] == 'i') out[n - 1] = 'y'; /* carried */
  }
  /* a trailing e is dropped so that "protest(e)d", "seize/seized",
   * "invade/invaded" meet */
  if (n > 3 && out[n - 1] == 'e' && out[n - 2] != 'e') out[--n] = 0;
}

char *rec_span_str(rdoc *r, size_t a, size_t b) {
  if (a >= b || b > r->n) return NULL;
  return ann_strndup(r->d->arena, r->d->text + r->w[a].s,
                     r->w[b - 1].e - r->w[a].s);
}

static int add_word(rdoc *r, size_t *cap, uint32_t s, uint32_t e,
                    uint8_t kind) {
  if (r->n == *cap) {
    size_t nc = *cap ? *cap * 2 : 1024;
    rword *nw = ann_realloc(r->d->arena, r->w, *cap * sizeof *r->w,
                            nc * sizeof *r->w);
    if (!nw) return ANN_ENOMEM;
    r->w = nw;
    *cap = nc;
  }
  rword *w = &r->w[r->n++];
  memset(w, 0, sizeof *w);
  w->s = s;
  w->e = e;
  w->kind = kind;
  w->ent = -1;
  w->sent = -1;
  return 0;
}

/* Lower-case (ASCII), fold ’ to ', keep the rest. The allocation has
 * room for the stem after it (a stem is never longer). */
static char *lower_copy(ann_arena *a, const char *t, size_t n) {
  char *o = ann_alloc(a, 2 * (n + 1));
  if (!o) return NULL;
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)t[i];
    if (c == 0xE2 && i + 2 < n && (unsigned char)t[i + 1] == 0x80 &&
        (unsigned char)t[i + 2] == 0x99) {
      o[k++] = '\'';
      i += 2;
    } else {
      o[k++] = (char)tolower(c);
    }
  }
  o[k] = 0;
  return o;
}

int rec_words(rdoc *r, size_t max_words) {
  ann_doc *d = r->d;
  const unsigned char *t = (const unsigned char *)d->text;
  size_t n = d->text_len, cap = 0, i = 0;
  int para = 1;
  while (i < n && r->n < max_words) {
    int sp;
    unsigned char c = t[i];
    if (c == '\n' && i + 1 < n && t[i + 1] == '\n') para = 1;
    if (isspace(c)) {
      i++;
      continue;
    }
    int pl = upunct(t + i, n - i, &sp);
    if (sp) {
      i += (size_t)pl;
      continue;
    }
    size_t s = i;
    uint8_t kind;
    if (isdigit(c)) {
      while (i < n && (isdigit(t[i]) || ((t[i] == ',' || t[i] == '.') &&
                                         i + 1 < n && isdigit(t[i + 1]))))
        i++;
      kind = RW_NUM;
    } else if (!pl && is_alpha_byte(c)) {
      while (i < n) {
        int sp2;
        if (t[i] >= 0x80 && upunct(t + i, n - i, &sp2)) {
          /* ’ between letters stays inside: don’t, Russia’s */
          if (t[i] == 0xE2 && t[i + 1] == 0x80 && t[i + 2] == 0x99 &&
              i + 3 < n && isalpha(t[i + 3])) {
            i += 3;
            continue;
          }
          break;
        }
        if (is_alpha_byte(t[i]) || isdigit(t[i])) i++;
        else if (t[i] == '\'' && i + 1 < n && isalpha(t[i + 1])) i++;
        else if (t[i] == '.' && i + 1 < n && isalpha(t[i + 1]) &&
                 i + 2 < n && t[i + 2] == '.')
          i++; /* U.S. */
        else break;
      }
      kind = RW_WORD;
    } else {
      i += pl ? (size_t)pl : 1;
      while (i < n && (t[i] & 0xC0) == 0x80) i++;
      kind = RW_PUNCT;
    }
    if (add_word(r, &cap, (uint32_t)s, (uint32_t)i, kind) < 0)
      return ANN_ENOMEM;
    rword *w = &r->w[r->n - 1];
    if (para) w->flags |= RF_PARA;
    para = 0;
    if (kind != RW_PUNCT) {
      w->low = lower_copy(d->arena, d->text + s, i - s);
      if (!w->low) return ANN_ENOMEM;
    }
    if (kind == RW_WORD) {
      if (isupper(c) || (c >= 0xC3 && c <= 0xD4 && i - s >= 2 &&
                         /* Latin-1/Cyrillic capitals, roughly */
                         ((c == 0xC3 && t[s + 1] < 0x9F) ||
                          (c == 0xD0 && t[s + 1] < 0xB0))))
        w->flags |= RF_CAP;
      int up = (i - s) > 1;
      for (size_t k = s; k < i && up; k++)
        if (islower(t[k])) up = 0;
      if (up) w->flags |= RF_UPPER;
      size_t ln = strlen(w->low);
      char *st = (char *)w->low + ln + 1;
      rec_stem(w->low, st, ln + 1 < 64 ? ln + 1 : 64);
      w->stem = st;
    }
  }
  /* sentences, entities and POS: three merges over sorted arrays */
  size_t si = 0, ei = 0, ti = 0;
  int32_t last = -1;
  for (size_t k = 0; k < r->n; k++) {
    rword *w = &r->w[k];
    while (si < d->sentences.n && d->sentences.v[si].end <= w->s) si++;
    if (si < d->sentences.n && d->sentences.v[si].start <= w->s) {
      w->sent = (int32_t)si;
      if (w->sent != last) w->flags |= RF_SSTART;
      last = w->sent;
    }
    while (ei < d->entities.n && d->entities.v[ei].end <= w->s) ei++;
    if (ei < d->entities.n && d->entities.v[ei].start <= w->s)
      w->ent = (int32_t)ei;
    while (ti < d->tokens.n && d->tokens.v[ti].end <= w->s) ti++;
    if (ti < d->tokens.n && d->tokens.v[ti].start == w->s &&
        d->tokens.v[ti].end == w->e) {
      w->upos = d->tokens.v[ti].upos;
      w->xpos = d->tokens.v[ti].xpos;
      w->lemma = d->tokens.v[ti].lemma;
    }
  }
  return 0;
}
