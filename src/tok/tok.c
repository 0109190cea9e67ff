/*
 * tok.c — from the lexer's raw pieces (scan.re) to UD-style tokens, then
 * sentences (see tok.h for the conventions).
 *
 * The tokenizer works in one pass and records, for each token, a few
 * flags for the splitter (what kind of token it is, what whitespace came
 * before it). The splitter is a second pass over those flags only.
 */
#include "annalist/tok.h"

#include "tok/tok_int.h"

#include <string.h>

enum {
  F_PARA = 1,       /* a blank line before the token */
  F_NL = 2,         /* a single line break before it */
  F_SPACE = 4,      /* any whitespace before it */
  F_END = 8,        /* . ! ? */
  F_ELLIPSIS = 16,  /* ... */
  F_TITLE = 32,     /* Mr. Gen. Jan. J. : never ends a sentence */
  F_ABBR = 64,      /* U.S. Inc. etc. : ends one before an opener */
  F_CLOSE = 128     /* closing quote or bracket */
};

typedef struct tokst {
  ann_doc *d;
  ANN_VEC(uint8_t) flags;
  uint8_t pending; /* whitespace flags for the next token */
  size_t max;
  int full;
} tokst;

static int push(tokst *t, size_t s, size_t e, uint8_t fl) {
  if (t->max && t->d->tokens.n >= t->max) {
    t->full = 1;
    return 0;
  }
  ann_token *k = ANN_PUSH(t->d->arena, &t->d->tokens);
  uint8_t *f = ANN_PUSH(t->d->arena, &t->flags);
  if (!k || !f) return ANN_ENOMEM;
  k->start = (uint32_t)s;
  k->end = (uint32_t)e;
  k->head = -1;
  *f = fl | t->pending;
  t->pending = 0;
  return 0;
}

/* Both compare as they go (no strlen of the literal first: they run on
 * every word). */
static int ieq(const char *s, size_t n, const char *lit) {
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c += 32;
    if (!lit[i] || c != lit[i]) return 0;
  }
  return !lit[n];
}

static int in_list(const char *s, size_t n, const char *const *list) {
  for (; *list; list++) {
    const char *l = *list;
    size_t i = 0;
    while (i < n && l[i] && l[i] == s[i]) i++;
    if (i == n && !l[n]) return 1;
  }
  return 0;
}

static int in_ilist(const char *s, size_t n, const char *const *list) {
  for (; *list; list++)
    if (ieq(s, n, *list)) return 1;
  return 0;
}

/* Abbreviations that keep their period. Titles and months never end a
 * sentence; the others may. Case matters ("Gen." yes, "gen." no). */
static const char *const titles[] = {
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Sen", "Rep", "Gov", "Lt",
    "Col", "Sgt", "Capt", "Cmdr", "Adm", "Maj", "Brig", "Cpl", "Pvt", "Gens",
    "Rev", "Fr", "Hon", "Pres", "Amb", "Supt", "Det", "Insp", "St", "Mt",
    "Ft", "Messrs", "Mmes", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug",
    "Sep", "Sept", "Oct", "Nov", "Dec", "Mon", "Tue", "Tues", "Wed", "Thu",
    "Thur", "Thurs", "Fri", "Sat", "Sun", "No", "Nos", "Vol", "Vols", "pp",
    "Fig", "Figs", "Art", "Ch", "Sec", "approx", "vs", "cf", "ca", "Ave",
    "Blvd", "Rd", "Dept", "Univ", "Assn", "Op", "ed", "eds", "al", "Ex",
    "viz", "Nr", NULL};
static const char *const abbrs[] = {
    "Inc", "Ltd", "Corp", "Co", "Bros", "Jr", "Sr", "etc", "Esq", "Plc",
    "PLC", "LLC", "Ph.D", "Ave", "St", "a.m", "p.m", "Gov", NULL};
/* Words that commonly open a sentence, for after "U.S." or "Inc." */
static const char *const openers[] = {
    "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "but",
    "and", "in", "on", "at", "this", "that", "these", "those", "there",
    "his", "her", "its", "their", "our", "my", "as", "if", "when", "after",
    "for", "some", "many", "most", "officials", "meanwhile", "however",
    "mr.", "mrs.", "ms.", "dr.", NULL};
/* Prefixes that EWT keeps joined to the word after a hyphen. */
static const char *const prefixes[] = {
    "e", "co", "pre", "post", "non", "re", "semi", "pro", "multi", "mid",
    "anti", "ex", "sub", "un", "vice", "over", "inter", "counter", "cross",
    "neo", "micro", "macro", "mini", "ultra", "quasi", NULL};

static int is_lower_start(const char *s) { return *s >= 'a' && *s <= 'z'; }

/* Emit a word, splitting English clitics off its end. */
static int emit_word(tokst *t, size_t s, size_t e) {
  const char *x = t->d->text;
  size_t n = e - s;
  int rc;
  /* n't, n’t */
  if (n > 3 && ieq(x + e - 3, 3, "n't") && x[e - 3] != 'N') {
    if ((rc = push(t, s, e - 3, 0)) < 0) return rc;
    return push(t, e - 3, e, 0);
  }
  if (n > 5 && (x[e - 5] | 32) == 'n' && !memcmp(x + e - 4, "\xe2\x80\x99", 3) &&
      (x[e - 1] | 32) == 't') {
    if ((rc = push(t, s, e - 5, 0)) < 0) return rc;
    return push(t, e - 5, e, 0);
  }
  /* 's 're 've 'll 'd 'm, straight or curly apostrophe */
  static const char *const cl[] = {"s", "re", "ve", "ll", "d", "m", NULL};
  static const unsigned char cl_len[] = {1, 2, 2, 2, 1, 1};
  for (int k = 0; cl[k]; k++) {
    size_t cl_n = cl_len[k];
    for (int curly = 0; curly < 2; curly++) {
      size_t an = curly ? 3 : 1;
      if (n <= cl_n + an) continue;
      const char *ap = x + e - cl_n - an;
      if (curly ? memcmp(ap, "\xe2\x80\x99", 3) != 0 : *ap != '\'') continue;
      if (!ieq(x + e - cl_n, cl_n, cl[k])) continue;
      if ((rc = push(t, s, (size_t)(ap - x), 0)) < 0) return rc;
      return push(t, (size_t)(ap - x), e, 0);
    }
  }
  static const char *const two[][3] = {{"cannot", "can", "not"},
                                       {"gonna", "gon", "na"},
                                       {"wanna", "wan", "na"},
                                       {"gotta", "got", "ta"}};
  for (size_t k = 0; k < sizeof two / sizeof *two; k++)
    if (ieq(x + s, n, two[k][0])) {
      size_t cut = strlen(two[k][1]);
      if ((rc = push(t, s, s + cut, 0)) < 0) return rc;
      return push(t, s + cut, e, 0);
    }
  return push(t, s, e, 0);
}

static int next_is_digit(const char *x, size_t e) {
  while (x[e] == ' ') e++;
  return x[e] >= '0' && x[e] <= '9';
}

int ann_tokenize(ann_doc *d, size_t from, size_t max_tokens) {
  tokst t = {.d = d, .max = max_tokens};
  const unsigned char *base = (const unsigned char *)d->text;
  const unsigned char *lim = base + d->text_len, *p = base + from, *e;
  const char *x = d->text;
  size_t tok0 = d->tokens.n;
  int rc = 0;
  if (from > d->text_len) p = lim;
  while (p < lim && !t.full) {
    int k = ann_tok_scan(p, lim, &e);
    if (e > lim) e = lim; /* never past the end */
    if (e <= p) e = p + 1;
    size_t s = (size_t)(p - base), en = (size_t)(e - base);
    switch (k) {
    case ANN_RAW_EOF: e = lim; break;
    case ANN_RAW_SPACE:
    case ANN_RAW_OTHER: t.pending |= F_SPACE; break;
    case ANN_RAW_NEWLINE: {
      int nl = 0;
      for (size_t i = s; i < en; i++) nl += x[i] == '\n';
      t.pending |= F_SPACE | (nl >= 2 ? F_PARA : F_NL);
      break;
    }
    case ANN_RAW_WORD:
    case ANN_RAW_WORD_DOT: {
      /* "Base..." : the word, then the ellipsis */
      if (k == ANN_RAW_WORD_DOT && x[en] == '.') {
        k = ANN_RAW_WORD;
        en--;
        e--;
      }
      size_t we = k == ANN_RAW_WORD_DOT ? en - 1 : en;
      /* prefix-hyphen-word: "co-operate", "e-mail" */
      if (x[we] == '-' && we + 1 < d->text_len &&
          in_ilist(x + s, we - s, prefixes)) {
        const unsigned char *e2;
        int k2 = ann_tok_scan(base + we + 1, lim, &e2);
        if ((k2 == ANN_RAW_WORD || k2 == ANN_RAW_WORD_DOT) && e2 <= lim) {
          k = k2;
          en = (size_t)(e2 - base);
          we = k2 == ANN_RAW_WORD_DOT ? en - 1 : en;
          e = e2;
        }
      }
      if (k == ANN_RAW_WORD) {
        rc = emit_word(&t, s, we);
        break;
      }
      size_t wn = we - s;
      int initial = wn == 1 && x[s] >= 'A' && x[s] <= 'Z';
      int title = in_list(x + s, wn, titles) &&
                  !(ieq(x + s, wn, "no") && !next_is_digit(x, en));
      if (initial || title) rc = push(&t, s, en, F_TITLE);
      else if (in_list(x + s, wn, abbrs)) rc = push(&t, s, en, F_ABBR);
      else {
        rc = emit_word(&t, s, we);
        if (rc == 0) rc = push(&t, we, en, F_END);
      }
      break;
    }
    case ANN_RAW_ACRONYM: rc = push(&t, s, en, F_ABBR); break;
    case ANN_RAW_URL: {
      /* trailing punctuation belongs to the sentence, not the URL */
      int paren = memchr(x + s, '(', en - s) != NULL;
      while (en > s + 1 && strchr(".,;:!?'\"", x[en - 1])) en--;
      if (!paren && x[en - 1] == ')') en--;
      e = base + en;
      rc = push(&t, s, en, 0);
      break;
    }
    case ANN_RAW_END: {
      uint8_t f = F_END;
      if (x[s] == '.' && en - s > 1) f |= F_ELLIPSIS;
      if ((unsigned char)x[s] == 0xE2) f |= F_ELLIPSIS;
      rc = push(&t, s, en, f);
      break;
    }
    case ANN_RAW_QUOTE: {
      /* straight quotes close when they follow a word, open otherwise */
      unsigned char c0 = (unsigned char)x[s];
      int close;
      if (c0 == '"' || c0 == '\'')
        close = !(t.pending & F_SPACE) && d->tokens.n > tok0;
      else if (en - s == 3)
        close = x[s + 2] == '\x9d' || x[s + 2] == '\x99';
      else
        close = x[s] == '\'' || (c0 == 0xC2 && (unsigned char)x[s + 1] == 0xBB);
      rc = push(&t, s, en, close ? F_CLOSE : 0);
      break;
    }
    case ANN_RAW_PUNCT:
      rc = push(&t, s, en, (x[s] == ')' || x[s] == ']' || x[s] == '}') ? F_CLOSE : 0);
      break;
    default: rc = push(&t, s, en, 0); break;
    }
    if (rc < 0) return rc;
    p = e;
  }

  /* sentences over the new tokens */
  size_t n = d->tokens.n - tok0;
  if (!n) return t.full ? 1 : 0;
  const ann_token *tk = d->tokens.v + tok0;
  const uint8_t *fl = t.flags.v;
  size_t start = 0;
  for (size_t i = 1; i <= n; i++) {
    int brk = i == n;
    if (!brk) {
      const char *nx = x + tk[i].start;
      unsigned char c = (unsigned char)*nx;
      int upper = (c >= 'A' && c <= 'Z') || c >= 0xC3;
      int digit = c >= '0' && c <= '9';
      int opener = c == '"' || c == '\'' || c == '(' || c == '[' ||
                   (c == 0xE2 && (unsigned char)nx[1] == 0x80 &&
                    ((unsigned char)nx[2] == 0x9C || (unsigned char)nx[2] == 0x98));
      size_t j = i - 1;
      while (j > start && (fl[j] & F_CLOSE) && !(fl[j] & F_END)) j--;
      if (fl[i] & F_PARA) brk = 1;
      else if (fl[i] & F_CLOSE) brk = 0; /* stays with what it closes */
      else if (fl[j] & F_END) {
        if (fl[j] & F_ELLIPSIS) brk = upper && (fl[i] & F_SPACE);
        else brk = upper || digit || opener;
        /* "?" or "!" inside a quote followed by a lowercase verb: same
         * sentence ("Why?" he asked) */
      } else if (fl[j] & F_ABBR) {
        if (upper) {
          size_t ln = tk[i].end - tk[i].start;
          brk = in_ilist(nx, ln, openers);
        }
      } else if ((fl[i] & F_NL) && !(fl[j] & F_TITLE)) {
        const char *pv = x + tk[i - 1].start;
        size_t pn = tk[i - 1].end - tk[i - 1].start;
        int cont = (pn == 1 && strchr(",;:-(&/", *pv)) || is_lower_start(nx) ||
                   ieq(pv, pn, "and") || ieq(pv, pn, "or") ||
                   ieq(pv, pn, "the") || ieq(pv, pn, "of") ||
                   ieq(pv, pn, "to") || ieq(pv, pn, "a");
        brk = !cont && (upper || digit || opener);
      }
      if (i - start >= ANN_TOK_MAX_SENT) brk = 1;
    }
    if (brk) {
      ann_sentence *se = ANN_PUSH(d->arena, &d->sentences);
      if (!se) return ANN_ENOMEM;
      se->tok_begin = (uint32_t)(tok0 + start);
      se->tok_end = (uint32_t)(tok0 + i);
      se->start = tk[start].start;
      se->end = tk[i - 1].end;
      start = i;
    }
  }
  return t.full ? 1 : 0;
}

/* ------------------------------------------------------------- stage -- */

static int tokens_run(const void *state, const ann_pipeline *p, ann_doc *d) {
  if (!d->text || !d->text_len) return 0;
  size_t from = d->dateline.present ? d->dateline.end : 0;
  size_t max = ann_pipeline_options(p)->limits.max_tokens;
  int rc = ann_tokenize(d, from, max);
  if (rc < 0)
    return ann_doc_fail(d, rc, "tokens: document over the memory cap");
  return 0;
}

const ann_stage ann_stage_tokens = {.name = "tokens",
                                    .bit = ANN_STAGE_TOKENS,
                                    .run = tokens_run};
