/*
 * quotes.c — direct quotations and who said them.
 *
 * Marks: "straight", “curly”, ‘single’, «guillemets», „low-high“, and the
 * dialogue dash (a paragraph opening with "– " or "— "). A quotation that
 * is not closed in its paragraph goes on only when the next paragraph
 * opens with a quotation mark again (the multi-paragraph convention);
 * otherwise it is unbalanced and dropped, so one stray mark never swallows
 * the article. At most QMAX_PARAS paragraphs and QMAX_BYTES per quote.
 *
 * Speech versus scare quotes: a quotation is speech when a reporting verb
 * or speech noun ("said", "stated:", "according to", "the claim by X that")
 * stands in its sentence, when a colon introduces it, or when it is long
 * (>= 8 words) on its own. Short quoted phrases without any of these
 * ("enemy images", "total control") are scare quotes, not quotations.
 *
 * The speaker is the name nearest the reporting verb: PER entities when
 * the NER stage ran, else runs of capitalised words (two or more, or one
 * that is the surname of a name seen before). Pronouns resolve to the last
 * speaker or person named before; surnames to the full name seen earlier.
 */
#include "rec.h"

#include <string.h>

#define QMAX_PARAS 12
#define QMAX_BYTES 20000

static const char *const VERBS[] = {
    "said", "says", "say", "stated", "states", "state", "told", "tells",
    "added", "adds", "asked", "asks", "noted", "notes", "declared",
    "declares", "announced", "announces", "wrote", "writes", "explained",
    "explains", "insisted", "insists", "warned", "warns", "claimed",
    "claims", "argued", "argues", "replied", "replies", "continued",
    "remarked", "stressed", "stresses", "emphasized", "emphasised",
    "commented", "recalled", "acknowledged", "admitted", "tweeted",
    "posted", "suggested", "concluded", "urged", "urges", "according",
    "responded", "answered", "shouted", "whispered", "promised",
    "vowed", "predicted", "observed", "confirmed", "denied", "reported",
    "saying", "telling", "adding", "noting", "quoted", "proclaimed",
    "boasted", "complained", "mused", "joked", "cautioned", "pleaded",
    /* speech nouns */
    "claim", "statement", "words", "remarks", "promise", "warning",
    "declaration", "assertion", "comment", "comments", "speech", "message",
    "interview", "address", "pledge", "vow", "called", "described",
    "calling", "describing", NULL};

static const char *const PRONOUNS[] = {"he", "she", "they", "i", "we",
                                       NULL};

static const char *const NOT_NAME[] = {
    "the", "a", "an", "in", "on", "at", "but", "however", "and", "or", "if",
    "when", "while", "after", "before", "this", "that", "these", "those",
    "his", "her", "their", "its", "our", "my", "it", "there", "for", "from",
    "as", "to", "of", "with", "by", "mr", "mrs", "ms", "dr", "president",
    "minister", "prime", "general", "russian", "american", "british",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
    "yet", "so", "meanwhile", "still", "also", "then", "since", "later",
    "earlier", "today", "yesterday", "now", "thus", "instead", "according",
    "last", "next", "asked", "speaking", "writing",
    /* titles and trades written before a name */
    "journalist", "writer", "historian", "farmer", "activist", "lawyer",
    "officer", "spokesman", "spokeswoman", "senator", "governor", "mayor",
    "judge", "professor", "doctor", "chairman", "director", "commander",
    "colonel", "ambassador", "envoy", "analyst", "economist", "author",
    "poet", "priest", "bishop", "editor", "reporter", "correspondent",
    "chief", "secretary", "deputy", "foreign", "defence", "defense",
    "interior", "finance", "education", "health", "justice", "opposition",
    "former", "state", "official", "officials", "police", "witness",
    "king", "queen", "prince", "pope", "sheikh", "leader", NULL};

typedef struct name {
  const char *full;  /* as written, arena */
  const char *last;  /* its last word, lower-cased */
  uint32_t pos;
} name;

typedef struct qctx {
  rdoc *r;
  ANN_VEC(name) names;
  const char *last_speaker;
  uint32_t last_end;              /* end of the last quotation's mark */
  const char *last_quote_speaker; /* its speaker, maybe NULL */
} qctx;

/* Is the word at i part of a person name? Returns its span [a,b) of
 * words, found from i, else 0. */
static int name_at(qctx *q, size_t i, size_t *a, size_t *b) {
  rdoc *r = q->r;
  const rword *w = &r->w[i];
  /* NER's verdict wins where it spoke; words outside any entity fall back
   * to capitalisation (the recogniser misses names it never saw) */
  if (w->ent >= 0) {
    if (r->d->entities.v[w->ent].type != ANN_PER) return 0;
    size_t s = i, t = i;
    while (s > 0 && r->w[s - 1].ent == w->ent) s--;
    while (t < r->n && r->w[t].ent == w->ent) t++;
    *a = s;
    *b = t;
    return 1;
  }
  if (w->kind != RW_WORD || !(w->flags & RF_CAP) || (w->flags & RF_UPPER))
    return 0;
  if (rec_in_list(w->low, NOT_NAME)) return 0;
  size_t s = i, t = i + 1;
  while (s > 0 && r->w[s - 1].kind == RW_WORD && (r->w[s - 1].flags & RF_CAP) &&
         r->w[s - 1].ent < 0 && !rec_in_list(r->w[s - 1].low, NOT_NAME) &&
         r->w[s - 1].sent == w->sent)
    s--;
  while (t < r->n && r->w[t].kind == RW_WORD && (r->w[t].flags & RF_CAP) &&
         r->w[t].ent < 0 && !rec_in_list(r->w[t].low, NOT_NAME) &&
         r->w[t].sent == w->sent && t - s < 4)
    t++;
  if (t - s >= 2) {
    *a = s;
    *b = t;
    return 1;
  }
  /* one word: a surname we know */
  for (size_t k = 0; k < q->names.n; k++)
    if (!strcmp(q->names.v[k].last, w->low)) {
      *a = s;
      *b = t;
      return 1;
    }
  return 0;
}

/* Learn every full name before offset lim (called as quotes go). */
static void learn_names(qctx *q, size_t *from, uint32_t lim) {
  rdoc *r = q->r;
  size_t i = *from;
  while (i < r->n && r->w[i].s < lim) {
    size_t a, b;
    if (name_at(q, i, &a, &b) && b - a >= 2 && a == i && r->w[b - 1].low) {
      name *nm = ANN_PUSH(r->d->arena, &q->names);
      if (nm) {
        nm->full = rec_span_str(r, a, b);
        nm->last = r->w[b - 1].low;
        nm->pos = r->w[a].s;
      }
      i = b;
      continue;
    }
    i++;
  }
  *from = i;
}

/* The full name for words [a,b): a surname becomes the latest full name
 * ending with it. */
static const char *resolve(qctx *q, size_t a, size_t b) {
  rdoc *r = q->r;
  if (b - a == 1 && r->w[a].low) {
    for (size_t k = q->names.n; k > 0; k--)
      if (!strcmp(q->names.v[k - 1].last, r->w[a].low))
        return q->names.v[k - 1].full;
  }
  return rec_span_str(r, a, b);
}

static const char *pronoun_ref(qctx *q, uint32_t before) {
  if (q->last_speaker) return q->last_speaker;
  for (size_t k = q->names.n; k > 0; k--)
    if (q->names.v[k - 1].pos < before) return q->names.v[k - 1].full;
  return NULL;
}

/* The speaker for a reporting verb at word v, searching names in words
 * [lo, hi): the nearest before v, else the first after it. */
static const char *speaker_near(qctx *q, size_t v, size_t lo, size_t hi) {
  rdoc *r = q->r;
  size_t a, b;
  for (size_t k = v; k > lo;) {
    k--;
    if (name_at(q, k, &a, &b)) return resolve(q, a, b);
    if (rec_in_list(r->w[k].low, PRONOUNS) && v - k <= 2)
      return pronoun_ref(q, r->w[k].s);
  }
  for (size_t k = v + 1; k < hi; k++) {
    if (name_at(q, k, &a, &b)) return resolve(q, a, b);
    if (rec_in_list(r->w[k].low, PRONOUNS) && k - v <= 2)
      return pronoun_ref(q, r->w[k].s);
  }
  return NULL;
}

/* First word index with start >= off (binary search). */
static size_t word_at(const rdoc *r, uint32_t off) {
  size_t lo = 0, hi = r->n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (r->w[mid].s < off) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

static int is_verb(const rword *w) {
  return w->kind == RW_WORD && rec_in_list(w->low, VERBS);
}

static int count_words(const rdoc *r, size_t a, size_t b) {
  int n = 0;
  for (size_t k = a; k < b; k++) n += r->w[k].kind != RW_PUNCT;
  return n;
}

static int has_para_break(const char *t, uint32_t a, uint32_t b) {
  for (uint32_t i = a; i + 1 < b; i++)
    if (t[i] == '\n' && t[i + 1] == '\n') return 1;
  return 0;
}

/* Decide and record one quotation: inner text [qs, qe), marks included
 * [os, oe). */
static int quote(qctx *q, uint32_t os, uint32_t oe, uint32_t qs, uint32_t qe,
                 size_t *learned) {
  rdoc *r = q->r;
  const char *t = r->d->text;
  while (qs < qe && (t[qs] == ' ' || t[qs] == '\n')) qs++;
  while (qe > qs && (t[qe - 1] == ' ' || t[qe - 1] == '\n')) qe--;
  if (qe <= qs) return 0;
  learn_names(q, learned, os);
  size_t wa = word_at(r, qs), wb = word_at(r, qe);
  int nw = count_words(r, wa, wb);
  size_t ob = word_at(r, os); /* first word of the quote mark */
  size_t oa = word_at(r, oe); /* first word after the closing mark */
  int32_t s_open = ob < r->n ? r->w[ob].sent : -1;
  /* before: words of the opening sentence, before the mark */
  size_t lo = ob;
  while (lo > 0 && r->w[lo - 1].sent == s_open && !(r->w[lo].flags & RF_PARA))
    lo--;
  const char *speaker = NULL;
  int speech = 0;
  /* colon introduction: "Akunin stated: “...”" */
  int colon = 0;
  {
    size_t k = ob;
    while (k > 0 && r->w[k - 1].kind == RW_PUNCT &&
           t[r->w[k - 1].s] != ':' && ob - k < 2)
      k--;
    if (k > 0 && r->w[k - 1].kind == RW_PUNCT && t[r->w[k - 1].s] == ':')
      colon = 1;
  }
  for (size_t k = ob; k > lo && ob - k < 25;) {
    k--;
    if (is_verb(&r->w[k])) {
      speech = 1;
      speaker = speaker_near(q, k, lo, ob);
      break;
    }
  }
  /* after: ", he said." ", said Smith", "according to X" */
  if (!speaker) {
    size_t hi = oa;
    while (hi < r->n && hi - oa < 8 && !(r->w[hi].flags & RF_PARA)) {
      const rword *w = &r->w[hi];
      if (w->kind == RW_PUNCT && (t[w->s] == '"' ||
                                  (unsigned char)t[w->s] == 0xE2))
        break;
      hi++;
    }
    for (size_t k = oa; k < hi; k++)
      if (is_verb(&r->w[k])) {
        speech = 1;
        const char *sp = speaker_near(q, k, oa, hi);
        if (sp) speaker = sp;
        break;
      }
  }
  /* a quotation right after another in the same paragraph, with only a
   * reporting clause between, goes on with the same speaker:
   * “We are far apart,” the envoy said, “but we will meet again.” */
  if (!speech && q->last_end && os > q->last_end && os - q->last_end < 60 &&
      !has_para_break(t, q->last_end, os)) {
    speech = 1;
    speaker = q->last_quote_speaker;
  }
  if (!speech && !colon && nw < 8) return 0; /* a scare quote */
  /* "baseless claims of “harmful substances”": a short phrase needs a
   * speaker to be a partial quotation */
  if (speech && !colon && nw < 4 && !speaker) return 0;
  if (!speech && colon && nw < 3) return 0;
  if (colon && !speaker) {
    for (size_t k = ob; k > lo;) {
      k--;
      size_t a, b;
      if (name_at(q, k, &a, &b)) {
        speaker = resolve(q, a, b);
        break;
      }
    }
  }
  ann_quote *x = ANN_PUSH(r->d->arena, &r->d->quotes);
  if (!x) return ANN_ENOMEM;
  x->speaker = speaker;
  x->start = qs;
  x->end = qe;
  x->sentence = ann_doc_sentence_at(r->d, qs);
  if (speaker) q->last_speaker = speaker;
  q->last_end = oe;
  q->last_quote_speaker = speaker;
  return 0;
}

/* Mark kinds */
enum { M_NONE, M_DQ, M_CURLY, M_SINGLE, M_GUIL, M_LOW, M_SQ };

/* Opening mark at i? Returns its kind and length. */
static int opener(const char *t, size_t n, size_t i, int *len) {
  const unsigned char *u = (const unsigned char *)t;
  int before_ok = i == 0 || t[i - 1] == ' ' || t[i - 1] == '\n' ||
                  t[i - 1] == '(' || t[i - 1] == '[' || t[i - 1] == ':' ||
                  (i >= 3 && u[i - 3] == 0xE2 && u[i - 2] == 0x80 &&
                   (u[i - 1] == 0x93 || u[i - 1] == 0x94)) ||
                  (i >= 2 && u[i - 2] == 0xC2 && u[i - 1] == 0xA0);
  if (u[i] == 0xE2 && i + 2 < n && u[i + 1] == 0x80) {
    *len = 3;
    if (u[i + 2] == 0x9C) return M_CURLY;
    if (u[i + 2] == 0x9E) return M_LOW;
    if (u[i + 2] == 0x98 && before_ok) return M_SINGLE;
    return M_NONE;
  }
  if (u[i] == 0xC2 && i + 1 < n && u[i + 1] == 0xAB) {
    *len = 2;
    return M_GUIL;
  }
  if (t[i] == '"' && before_ok && i + 1 < n && t[i + 1] != ' ') {
    *len = 1;
    return M_DQ;
  }
  if (t[i] == '\'' && before_ok && i + 1 < n && u[i + 1] >= 'A' &&
      (u[i + 1] <= 'Z' || (u[i + 1] >= 'a' && u[i + 1] <= 'z'))) {
    *len = 1;
    return M_SQ;
  }
  return M_NONE;
}

/* Closing mark for kind at i? */
static int closer(const char *t, size_t n, size_t i, int kind, int *len) {
  const unsigned char *u = (const unsigned char *)t;
  switch (kind) {
  case M_CURLY:
  case M_LOW:
    if (u[i] == 0xE2 && i + 2 < n && u[i + 1] == 0x80 &&
        (u[i + 2] == 0x9D || (kind == M_LOW && u[i + 2] == 0x9C))) {
      *len = 3;
      return 1;
    }
    if (kind == M_CURLY && t[i] == '"') { /* mixed typing */
      *len = 1;
      return 1;
    }
    return 0;
  case M_GUIL:
    if (u[i] == 0xC2 && i + 1 < n && u[i + 1] == 0xBB) {
      *len = 2;
      return 1;
    }
    return 0;
  case M_SINGLE:
    if (u[i] == 0xE2 && i + 2 < n && u[i + 1] == 0x80 && u[i + 2] == 0x99) {
      unsigned char nx = i + 3 < n ? u[i + 3] : ' ';
      if ((nx >= 'a' && nx <= 'z') || (nx >= 'A' && nx <= 'Z')) return 0;
      *len = 3;
      return 1;
    }
    return 0;
  case M_DQ:
    if (t[i] == '"') {
      *len = 1;
      return 1;
    }
    if (u[i] == 0xE2 && i + 2 < n && u[i + 1] == 0x80 && u[i + 2] == 0x9D) {
      *len = 3;
      return 1;
    }
    return 0;
  case M_SQ:
    if (t[i] == '\'' && (i + 1 >= n || !((u[i + 1] >= 'a' && u[i + 1] <= 'z') ||
                                        (u[i + 1] >= 'A' && u[i + 1] <= 'Z')))) {
      *len = 1;
      return 1;
    }
    return 0;
  }
  return 0;
}

static size_t para_end(const char *t, size_t n, size_t i) {
  const char *p = i < n ? strstr(t + i, "\n\n") : NULL;
  return p && (size_t)(p - t) < n ? (size_t)(p - t) : n;
}

/* Dialogue dash: a paragraph opening "– " or "— ". The quotation runs to
 * the next " – " / ", —" or the paragraph's end. */
static int dash_quote(qctx *q, size_t ps, size_t pe, size_t *learned) {
  const char *t = q->r->d->text;
  const unsigned char *u = (const unsigned char *)t;
  if (pe - ps < 5 || u[ps] != 0xE2 || u[ps + 1] != 0x80 ||
      (u[ps + 2] != 0x93 && u[ps + 2] != 0x94) || t[ps + 3] != ' ')
    return 0;
  size_t qs = ps + 4, qe = pe;
  for (size_t i = qs; i + 4 <= pe; i++)
    if (t[i] == ' ' && u[i + 1] == 0xE2 && u[i + 2] == 0x80 &&
        (u[i + 3] == 0x93 || u[i + 3] == 0x94)) {
      qe = i;
      break;
    }
  size_t save = q->r->d->quotes.n;
  /* only speech: the text after the dash (or the whole) needs a verb */
  int rc = quote(q, (uint32_t)ps, (uint32_t)(qe == pe ? pe : qe + 4),
                 (uint32_t)qs, (uint32_t)qe, learned);
  if (rc < 0) return rc;
  return q->r->d->quotes.n > save;
}

int rec_quotes(rdoc *r) {
  ann_doc *d = r->d;
  const char *t = d->text;
  size_t n = d->text_len;
  qctx q = {.r = r};
  size_t learned = 0;
  size_t i = 0, pe = 0;
  while (i < n) {
    if (i >= pe || i == 0) pe = para_end(t, n, i); /* once per paragraph */
    if (i == 0 || (i >= 2 && t[i - 1] == '\n' && t[i - 2] == '\n')) {
      int rc = dash_quote(&q, i, pe, &learned);
      if (rc < 0) return rc;
      if (rc > 0) {
        i = pe;
        continue;
      }
    }
    int len, kind = opener(t, n, i, &len);
    if (!kind) {
      i++;
      continue;
    }
    size_t qs = i + (size_t)len, j = qs, end = pe;
    int paras = 1, found = 0, clen = 0;
    while (j < n && j - qs < QMAX_BYTES) {
      if (j >= end) {
        /* next paragraph must reopen the same quotation */
        size_t np = end;
        while (np < n && t[np] == '\n') np++;
        int l2;
        if (np >= n || ++paras > QMAX_PARAS || opener(t, n, np, &l2) != kind)
          break;
        j = np + (size_t)l2;
        end = para_end(t, n, np);
        continue;
      }
      int k2;
      if (j > qs && closer(t, n, j, kind, &clen)) {
        found = 1;
        break;
      }
      if (j > qs && kind != M_SQ && kind != M_SINGLE &&
          opener(t, n, j, &k2) == kind && kind != M_DQ)
        break; /* a new quotation opens: this one was never closed */
      j++;
    }
    if (!found) {
      i += (size_t)len;
      continue;
    }
    int rc = quote(&q, (uint32_t)i, (uint32_t)(j + (size_t)clen),
                   (uint32_t)qs, (uint32_t)j, &learned);
    if (rc < 0) return rc;
    i = j + (size_t)clen;
  }
  return 0;
}
