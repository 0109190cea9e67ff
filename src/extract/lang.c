/*
 * lang.c — a compact language identifier: the script of the letters
 * decides first (Greek, Han, kana, Hangul, Arabic, Hebrew, Thai,
 * Devanagari, Cyrillic, Latin); within Cyrillic a few letters tell
 * Ukrainian from Russian; within Latin, counts of very frequent function
 * words (and a few telling diacritics) pick among English, German, French,
 * Spanish, Italian, Portuguese, Polish, Turkish, Dutch and Romanian.
 * Reads at most the first 16 KB: enough for any news article.
 */
#include "annalist/extract.h"

#include <pthread.h>
#include <string.h>

enum { L_EN, L_DE, L_FR, L_ES, L_IT, L_PT, L_PL, L_TR, L_NL, L_RO, L_N };
static const char *const latin_code[L_N] = {"en", "de", "fr", "es", "it",
                                            "pt", "pl", "tr", "nl", "ro"};

/* Function words, space-separated per language (UTF-8, lower case). A
 * word listed for several languages counts for each. */
static const char *const stopwords[L_N] = {
    " the of and to in is that for on was with as by it at from he said "
    "his has are be have which an were this not but had its they who "
    "their been after will would also more than about when ",
    " der die und das ist nicht den von mit sich des auf ein eine dem "
    "zu im sie es für auch wird wie aus bei nach einer werden sind hat "
    "noch über vor oder war wurde dass ",
    " le la les de des et est un une du pour dans que qui pas sur au "
    "par avec ce il plus sont ont été aux mais cette ou elle nous leur "
    "fait ses ",
    " el la los las de del y en que es por un una para con no se al lo "
    "como más su fue ha sus pero este esta entre sobre también desde "
    "años está ",
    " il la le di del della che è per un una con non sono gli al dei "
    "delle nel alla ha si più anche da come ma questo stato dalla degli ",
    " o a os as de do da dos das e em que é um uma para com não no na "
    "por se ao mais foi pelo pela são como seu sua também ",
    " i w z na się nie że do to jest o jak od po za są przez już tak "
    "ale był było tym dla jego które który może oraz ",
    " ve bir bu da de için ile olarak daha çok gibi olan en ne ama "
    "sonra kadar ise değil var tarafından ilgili göre ",
    " de het een en van in is dat op te zijn voor met niet die aan er "
    "ook als door maar om naar bij nog werd wordt ",
    " și în de la cu pe nu a o că din care un una mai este sunt fost "
    "pentru lui ale sau au după ",
};

/* A word list as a small open-addressing hash set built on first use. */
#define HBITS 11
#define HSIZE (1u << HBITS)
static struct {
  const char *w;
  unsigned char len;
  unsigned short mask;
} table[HSIZE];
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

static unsigned hash(const char *s, size_t n) {
  unsigned h = 2166136261u;
  for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 16777619u;
  return h & (HSIZE - 1);
}

static void build(void) {
  for (int l = 0; l < L_N; l++) {
    const char *p = stopwords[l];
    while (*p) {
      while (*p == ' ') p++;
      const char *q = p;
      while (*q && *q != ' ') q++;
      if (q > p) {
        unsigned h = hash(p, (size_t)(q - p));
        while (table[h].w && !(table[h].len == q - p &&
                               memcmp(table[h].w, p, (size_t)(q - p)) == 0))
          h = (h + 1) & (HSIZE - 1);
        table[h].w = p;
        table[h].len = (unsigned char)(q - p);
        table[h].mask |= (unsigned short)(1u << l);
      }
      p = q;
    }
  }
}

static unsigned lookup(const char *s, size_t n) {
  if (n == 0 || n > 24) return 0;
  unsigned h = hash(s, n);
  while (table[h].w) {
    if (table[h].len == n && memcmp(table[h].w, s, n) == 0)
      return table[h].mask;
    h = (h + 1) & (HSIZE - 1);
  }
  return 0;
}

/* Decode one UTF-8 code point; advances *i (at least one byte). */
static unsigned cp_at(const unsigned char *s, size_t n, size_t *i) {
  unsigned c = s[*i];
  if (c < 0x80) { (*i)++; return c; }
  int k = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
  unsigned v = k == 3 ? c & 7 : k == 2 ? c & 15 : c & 31;
  if (*i + (size_t)k >= n + 0 && k) { (*i)++; return 0xFFFD; }
  for (int j = 1; j <= k; j++) v = (v << 6) | (s[*i + j] & 63);
  *i += (size_t)k + 1;
  return k ? v : 0xFFFD;
}

enum { S_LATIN, S_CYR, S_GREEK, S_HAN, S_KANA, S_HANGUL, S_ARAB, S_HEB,
       S_THAI, S_DEVA, S_N };

static bool is_letter_latin(unsigned c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
}

/* Lower-case a Latin code point (ASCII and Latin-1/Extended-A pairs). */
static unsigned lower_latin(unsigned c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;
  if (c >= 0x100 && c <= 0x17F && !(c & 1) && c != 0x130 && c != 0x138)
    return c + 1;
  if (c == 0x130) return 'i';
  return c;
}

static size_t put_utf8(char *o, unsigned c) {
  if (c < 0x80) { o[0] = (char)c; return 1; }
  if (c < 0x800) {
    o[0] = (char)(0xC0 | (c >> 6));
    o[1] = (char)(0x80 | (c & 63));
    return 2;
  }
  o[0] = (char)(0xE0 | (c >> 12));
  o[1] = (char)(0x80 | ((c >> 6) & 63));
  o[2] = (char)(0x80 | (c & 63));
  return 3;
}

const char *ann_detect_language(const char *text, size_t len) {
  if (!text) return NULL;
  pthread_once(&table_once, build);
  const unsigned char *s = (const unsigned char *)text;
  size_t n = len > 16384 ? 16384 : len;
  long script[S_N] = {0};
  long uk = 0, ru = 0, fa = 0;
  long hits[L_N] = {0};
  long mark[L_N] = {0};
  char word[64];
  size_t wl = 0;
  long words = 0;
  for (size_t i = 0; i <= n;) {
    unsigned c = i < n ? cp_at(s, n, &i) : (i++, ' ');
    if (is_letter_latin(c)) {
      script[S_LATIN]++;
      unsigned lc = lower_latin(c);
      switch (lc) {
      case 0x105: case 0x119: case 0x142: case 0x15B: case 0x17A:
      case 0x17C: case 0x144: mark[L_PL]++; break;
      case 0x131: case 0x11F: case 0x15F: mark[L_TR]++; break;
      case 0xDF: case 0xE4: case 0xFC: mark[L_DE]++; break;
      case 0xE3: case 0xF5: mark[L_PT]++; break;
      case 0xF1: mark[L_ES]++; break;
      case 0xE8: case 0xEA: case 0x153: mark[L_FR]++; break;
      case 0x103: case 0x219: case 0x21B: mark[L_RO]++; break;
      default: break;
      }
      if (wl + 4 < sizeof word) wl += put_utf8(word + wl, lc);
      continue;
    }
    if (wl) {
      unsigned m = lookup(word, wl);
      for (int l = 0; m && l < L_N; l++)
        if (m & (1u << l)) hits[l]++;
      words++;
      wl = 0;
    }
    if (c >= 0x400 && c <= 0x4FF) {
      script[S_CYR]++;
      if (c == 0x456 || c == 0x457 || c == 0x454 || c == 0x491 ||
          c == 0x406 || c == 0x407 || c == 0x404)
        uk++;
      if (c == 0x44B || c == 0x44D || c == 0x451 || c == 0x42B ||
          c == 0x42D)
        ru++;
    } else if (c >= 0x370 && c <= 0x3FF) script[S_GREEK]++;
    else if (c >= 0x1F00 && c <= 0x1FFF) script[S_GREEK]++;
    else if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF))
      script[S_HAN]++;
    else if (c >= 0x3040 && c <= 0x30FF) script[S_KANA]++;
    else if (c >= 0xAC00 && c <= 0xD7AF) script[S_HANGUL]++;
    else if (c >= 0x600 && c <= 0x6FF) {
      script[S_ARAB]++;
      if (c == 0x67E || c == 0x686 || c == 0x698 || c == 0x6AF ||
          c == 0x6CC)
        fa++;
    } else if (c >= 0x590 && c <= 0x5FF) script[S_HEB]++;
    else if (c >= 0xE00 && c <= 0xE7F) script[S_THAI]++;
    else if (c >= 0x900 && c <= 0x97F) script[S_DEVA]++;
  }
  long total = 0;
  int best = 0;
  for (int k = 0; k < S_N; k++) {
    total += script[k];
    if (script[k] > script[best]) best = k;
  }
  if (total < 20) return NULL;
  /* Japanese mixes kana and kanji: any real share of kana decides */
  if (script[S_KANA] * 10 > script[S_HAN] + script[S_KANA] &&
      script[S_KANA] + script[S_HAN] > total / 3)
    return "ja";
  switch (best) {
  case S_CYR: return uk * 3 > ru && uk > 2 ? "uk" : "ru";
  case S_GREEK: return "el";
  case S_HAN: return "zh";
  case S_KANA: return "ja";
  case S_HANGUL: return "ko";
  case S_ARAB: return fa * 20 > script[S_ARAB] ? "fa" : "ar";
  case S_HEB: return "he";
  case S_THAI: return "th";
  case S_DEVA: return "hi";
  default: break;
  }
  /* Latin: function-word hits, nudged by diacritics */
  int bl = -1;
  double bs = 0;
  for (int l = 0; l < L_N; l++) {
    double sc = (double)hits[l] + 0.5 * (double)mark[l];
    if (sc > bs) bs = sc, bl = l;
  }
  /* diacritics only nudge: without two function words, no answer */
  if (bl < 0 || hits[bl] < 2 || (words > 20 && bs * 30 < (double)words))
    return NULL;
  return latin_code[bl];
}
