/*
 * date.c — dates as metadata and URLs write them, normalised to ISO 8601.
 *
 * The parser reads the string as a sequence of numbers and words. A
 * leading four-digit number starts an ISO-like date (2025-06-29,
 * 2025/06/29, 20250629); otherwise a month name anywhere fixes the month
 * and the remaining numbers are day and year ("June 29, 2025", "Sun, 29
 * Jun 2025 09:14:00 GMT"); otherwise day-first numeric dates (29.06.2025).
 * A time (HH:MM[:SS]) and a zone (Z, GMT, UTC, +09:00, +0900) are kept when
 * present. Anything else yields 0: no date is better than a made-up one.
 */
#include "extract_int.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static const struct {
  const char *name;
  int month;
} months[] = {
    {"january", 1},   {"february", 2}, {"march", 3},     {"april", 4},
    {"may", 5},       {"june", 6},     {"july", 7},      {"august", 8},
    {"september", 9}, {"october", 10}, {"november", 11}, {"december", 12},
    {"sept", 9},
    /* French, German, Spanish, Italian, Portuguese (ASCII forms) */
    {"janvier", 1},   {"fevrier", 2},  {"mars", 3},      {"avril", 4},
    {"mai", 5},       {"juin", 6},     {"juillet", 7},   {"aout", 8},
    {"septembre", 9}, {"octobre", 10}, {"novembre", 11}, {"decembre", 12},
    {"januar", 1},    {"februar", 2},  {"marz", 3},      {"juni", 6},
    {"juli", 7},      {"oktober", 10}, {"dezember", 12}, {"enero", 1},
    {"febrero", 2},   {"marzo", 3},    {"abril", 4},     {"mayo", 5},
    {"junio", 6},     {"julio", 7},    {"agosto", 8},    {"septiembre", 9},
    {"octubre", 10},  {"noviembre", 11}, {"diciembre", 12}, {"gennaio", 1},
    {"febbraio", 2},  {"aprile", 4},   {"maggio", 5},    {"giugno", 6},
    {"luglio", 7},    {"settembre", 9}, {"ottobre", 10}, {"dicembre", 12},
    {"janeiro", 1},   {"fevereiro", 2}, {"maio", 5},     {"junho", 6},
    {"julho", 7},     {"setembro", 9}, {"outubro", 10},  {"novembro", 11},
    {"dezembro", 12},
};

/* Month names with non-ASCII letters (lower case, UTF-8): Russian and
 * Ukrainian genitive and nominative, Polish genitive, Greek genitive,
 * French and German forms with accents. */
static const char *const months_utf8[] = {
    "января", "февраля", "марта", "апреля", "мая", "июня", "июля",
    "августа", "сентября", "октября", "ноября", "декабря",
    "січня", "лютого", "березня", "квітня", "травня", "червня", "липня",
    "серпня", "вересня", "жовтня", "листопада", "грудня",
    "stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca",
    "sierpnia", "września", "października", "listopada", "grudnia",
    "ιανουαρίου", "φεβρουαρίου", "μαρτίου", "απριλίου", "μαΐου", "ιουνίου",
    "ιουλίου", "αυγούστου", "σεπτεμβρίου", "οκτωβρίου", "νοεμβρίου",
    "δεκεμβρίου",
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
    "septembre", "octobre", "novembre", "décembre",
    "januar", "februar", "märz", "april", "mai", "juni", "juli", "august",
    "september", "oktober", "november", "dezember",
};

int ann_month_name(const char *s, size_t n) {
  char w[32];
  bool ascii = true;
  for (size_t i = 0; i < n; i++)
    if ((unsigned char)s[i] >= 0x80) ascii = false;
  if (!ascii) {
    if (n >= sizeof w) return 0;
    for (size_t i = 0; i < sizeof months_utf8 / sizeof *months_utf8; i++)
      if (strlen(months_utf8[i]) == n && memcmp(months_utf8[i], s, n) == 0)
        return (int)(i % 12) + 1;
    return 0;
  }
  if (n < 3 || n >= 16) return 0;
  for (size_t i = 0; i < n; i++) {
    if (!isalpha((unsigned char)s[i])) return 0;
    w[i] = (char)tolower((unsigned char)s[i]);
  }
  w[n] = 0;
  size_t nm = sizeof months / sizeof *months;
  for (size_t i = 0; i < nm; i++)
    if (strcmp(months[i].name, w) == 0) return months[i].month;
  /* three-letter English abbreviations (and "Sept.") */
  if (n == 3)
    for (size_t i = 0; i < 12; i++)
      if (memcmp(months[i].name, w, 3) == 0) return months[i].month;
  return 0;
}

static bool valid_ymd(int y, int m, int d) {
  static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return y >= 1800 && y <= 2199 && m >= 1 && m <= 12 && d >= 1 &&
         d <= mdays[m - 1];
}

/* Reads digits at s[*i]; returns the value and the digit count in *nd. */
static long digits(const char *s, size_t n, size_t *i, int *nd) {
  long v = 0;
  int c = 0;
  while (*i < n && isdigit((unsigned char)s[*i]) && c < 10) {
    v = v * 10 + (s[*i] - '0');
    (*i)++;
    c++;
  }
  *nd = c;
  return v;
}

/* Time and zone after position i: " 09:14", "T09:14:00.000+09:00",
 * " 09:14:00 GMT". Appends "THH:MM:SS[zone]" to out at *o. */
static void read_time(const char *s, size_t n, size_t i, char *out,
                      size_t *o) {
  while (i < n && (s[i] == ' ' || s[i] == 'T' || s[i] == ',' || s[i] == 't'))
    i++;
  int nd;
  size_t j = i;
  long hh = digits(s, n, &j, &nd);
  if (nd < 1 || nd > 2 || j >= n || s[j] != ':') return;
  j++;
  long mm = digits(s, n, &j, &nd);
  if (nd != 2) return;
  long ss = 0;
  if (j < n && s[j] == ':') {
    j++;
    ss = digits(s, n, &j, &nd);
    if (nd != 2) return;
  }
  if (hh > 23 || mm > 59 || ss > 60) return;
  if (j < n && (s[j] == '.' || s[j] == ',')) { /* fraction */
    j++;
    while (j < n && isdigit((unsigned char)s[j])) j++;
  }
  /* am/pm */
  size_t k = j;
  while (k < n && s[k] == ' ') k++;
  if (k + 1 < n && (s[k + 1] == 'm' || s[k + 1] == 'M')) {
    char c = (char)tolower((unsigned char)s[k]);
    if (c == 'p' && hh < 12) hh += 12;
    else if (c == 'a' && hh == 12) hh = 0;
    if (c == 'a' || c == 'p') j = k + 2;
  }
  char zone[8] = "";
  k = j;
  while (k < n && s[k] == ' ') k++;
  if (k < n && (s[k] == 'Z' || s[k] == 'z')) {
    strcpy(zone, "Z");
  } else if (k + 2 < n && (strncmp(s + k, "GMT", 3) == 0 ||
                           strncmp(s + k, "UTC", 3) == 0) &&
             (k + 3 == n || !isdigit((unsigned char)s[k + 3]))) {
    strcpy(zone, "Z");
    if (k + 3 < n && (s[k + 3] == '+' || s[k + 3] == '-')) k += 3;
  }
  if (k < n && (s[k] == '+' || s[k] == '-') && !zone[0]) {
    char sign = s[k];
    size_t z = k + 1;
    long zh = digits(s, n, &z, &nd);
    long zm = 0;
    if (nd == 4) {
      zm = zh % 100;
      zh /= 100;
    } else if (nd == 2 && z < n && s[z] == ':') {
      z++;
      zm = digits(s, n, &z, &nd);
      if (nd != 2) zm = -1;
    } else if (nd != 2) {
      zh = -1;
    }
    if (zh >= 0 && zh <= 14 && zm >= 0 && zm < 60)
      snprintf(zone, sizeof zone, "%c%02ld:%02ld", sign, zh, zm);
  } else if (zone[0] == 'Z' && k < n && (s[k] == '+' || s[k] == '-')) {
    /* "GMT+3" style: keep it simple, treat as unknown offset */
    zone[0] = 0;
  }
  *o += (size_t)snprintf(out + *o, 32 - *o, "T%02ld:%02ld:%02ld%s", hh, mm,
                         ss, zone);
}

size_t ann_date_iso(const char *s, size_t n, char out[32]) {
  size_t i = 0, o = 0;
  out[0] = 0;
  while (i < n && isspace((unsigned char)s[i])) i++;
  if (i >= n) return 0;
  int nd;
  /* ISO-like: YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD, YYYYMMDD */
  if (isdigit((unsigned char)s[i])) {
    size_t j = i;
    long a = digits(s, n, &j, &nd);
    if (nd == 8) {
      int y = (int)(a / 10000), m = (int)(a / 100 % 100), d = (int)(a % 100);
      if (!valid_ymd(y, m, d)) return 0;
      o = (size_t)snprintf(out, 32, "%04d-%02d-%02d", y, m, d);
      read_time(s, n, j, out, &o);
      return o;
    }
    if (nd == 4 && j < n && (s[j] == '-' || s[j] == '/' || s[j] == '.')) {
      char sep = s[j++];
      long m = digits(s, n, &j, &nd);
      if (nd < 1 || nd > 2) return 0;
      if (j < n && s[j] == sep) {
        j++;
        long d = digits(s, n, &j, &nd);
        if (nd < 1 || nd > 2 || !valid_ymd((int)a, (int)m, (int)d)) return 0;
        o = (size_t)snprintf(out, 32, "%04ld-%02ld-%02ld", a, m, d);
        read_time(s, n, j, out, &o);
        return o;
      }
      if (m < 1 || m > 12 || a < 1800 || a > 2199) return 0;
      return (size_t)snprintf(out, 32, "%04ld-%02ld", a, m);
    }
    /* day-first numeric: 29.06.2025, 29/06/2025, 06/29/2025 */
    if ((nd == 1 || nd == 2) && j < n &&
        (s[j] == '.' || s[j] == '/' || s[j] == '-')) {
      char sep = s[j++];
      long b = digits(s, n, &j, &nd);
      if ((nd == 1 || nd == 2) && j < n && s[j] == sep) {
        j++;
        long y = digits(s, n, &j, &nd);
        if (nd == 4) {
          long d = a, m = b;
          if (b > 12 && a <= 12) d = b, m = a; /* US order */
          if (!valid_ymd((int)y, (int)m, (int)d)) return 0;
          o = (size_t)snprintf(out, 32, "%04ld-%02ld-%02ld", y, m, d);
          read_time(s, n, j, out, &o);
          return o;
        }
      }
    }
  }
  /* textual: a month name with a day and a year around it */
  int month = 0;
  long day = 0, year = 0;
  size_t after = 0; /* where the date ended (for the time) */
  int words = 0;
  for (size_t j = i; j < n && words < 12;) {
    unsigned char c = (unsigned char)s[j];
    if (isalpha(c)) {
      size_t k = j;
      while (k < n && isalpha((unsigned char)s[k])) k++;
      int m = ann_month_name(s + j, k - j);
      if (m && !month) month = m;
      j = k;
      words++;
      if (month && day && year) break;
    } else if (isdigit(c)) {
      size_t k = j;
      long v = digits(s, n, &k, &nd);
      if (k < n && s[k] == ':') break; /* a time */
      if (nd == 4 && !year) year = v;
      else if (nd <= 2 && !day && v >= 1 && v <= 31) day = v;
      else if (nd != 4 && nd > 2) return 0;
      /* ordinal suffix: 29th, 1st */
      while (k < n && isalpha((unsigned char)s[k]) && k - j < 4 + (size_t)nd)
        k++;
      j = k;
      after = k;
      words++;
      if (month && day && year) break;
    } else {
      j++;
    }
  }
  if (!month || !year) return 0;
  if (!day) return (size_t)snprintf(out, 32, "%04ld-%02d", year, month);
  if (!valid_ymd((int)year, month, (int)day)) return 0;
  o = (size_t)snprintf(out, 32, "%04ld-%02d-%02ld", year, month, day);
  read_time(s, n, after, out, &o);
  return o;
}

size_t ann_date_from_url(const char *url, char out[32]) {
  if (!url) return 0;
  /* skip scheme and host */
  const char *p = strstr(url, "://");
  p = p ? strchr(p + 3, '/') : url;
  if (!p) return 0;
  size_t n = strlen(p);
  for (size_t i = 0; i + 5 < n; i++) {
    if (p[i] != '/' && p[i] != '-' && p[i] != '_') continue;
    const char *q = p + i + 1;
    if (!(isdigit((unsigned char)q[0]) && isdigit((unsigned char)q[1]) &&
          isdigit((unsigned char)q[2]) && isdigit((unsigned char)q[3])))
      continue;
    int y = (q[0] - '0') * 1000 + (q[1] - '0') * 100 + (q[2] - '0') * 10 +
            (q[3] - '0');
    if (y < 1990 || y > 2099) continue;
    const char *r = q + 4;
    int m = 0, d = 0;
    if ((r[0] == '/' || r[0] == '-' || r[0] == '_') &&
        isdigit((unsigned char)r[1])) {
      char sep = r[0];
      r++;
      m = r[0] - '0';
      r++;
      if (isdigit((unsigned char)r[0])) m = m * 10 + (*r++ - '0');
      if (*r == sep && isdigit((unsigned char)r[1])) {
        r++;
        d = *r++ - '0';
        if (isdigit((unsigned char)*r)) d = d * 10 + (*r++ - '0');
      }
    } else if (isdigit((unsigned char)r[0]) && isdigit((unsigned char)r[1]) &&
               isdigit((unsigned char)r[2]) && isdigit((unsigned char)r[3])) {
      m = (r[0] - '0') * 10 + (r[1] - '0');
      d = (r[2] - '0') * 10 + (r[3] - '0');
      r += 4;
    } else {
      continue;
    }
    /* the date must end at a separator, not run into more digits */
    if (isdigit((unsigned char)*r)) continue;
    if (d && valid_ymd(y, m, d))
      return (size_t)snprintf(out, 32, "%04d-%02d-%02d", y, m, d);
    if (!d && m >= 1 && m <= 12 && (*r == '/' || *r == 0))
      return (size_t)snprintf(out, 32, "%04d-%02d", y, m);
  }
  return 0;
}
