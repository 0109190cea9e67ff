/*
 * charset.c — WHATWG encoding labels and the <meta> prescan.
 *
 * The label table is the WHATWG Encoding Standard's, so pages decode as a
 * browser would: "iso-8859-1", "latin1" and "us-ascii" all mean
 * windows-1252, "gb2312" means GBK (decoded as GB18030, its superset),
 * "shift_jis" is Microsoft's CP932, "euc-kr" is CP949 (UHC). A few extra
 * labels cover what uchardet answers ("mac-cyrillic", "uhc", "euc-tw").
 */
#include "charset.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

enum {
  E_UTF8,
  E_IBM866,
  E_8859_2,
  E_8859_3,
  E_8859_4,
  E_8859_5,
  E_8859_6,
  E_8859_7,
  E_8859_8,
  E_8859_8I,
  E_8859_10,
  E_8859_13,
  E_8859_14,
  E_8859_15,
  E_8859_16,
  E_KOI8R,
  E_KOI8U,
  E_MAC,
  E_874,
  E_1250,
  E_1251,
  E_1252,
  E_1253,
  E_1254,
  E_1255,
  E_1256,
  E_1257,
  E_1258,
  E_MACCYR,
  E_GBK,
  E_GB18030,
  E_BIG5,
  E_EUCJP,
  E_2022JP,
  E_SJIS,
  E_EUCKR,
  E_UTF16BE,
  E_UTF16LE,
  E_IBM855,
  E_EUCTW
};

static const ann_charset encodings[] = {
    [E_UTF8] = {"utf-8", NULL},
    [E_IBM866] = {"ibm866", "IBM866"},
    [E_8859_2] = {"iso-8859-2", "ISO-8859-2"},
    [E_8859_3] = {"iso-8859-3", "ISO-8859-3"},
    [E_8859_4] = {"iso-8859-4", "ISO-8859-4"},
    [E_8859_5] = {"iso-8859-5", "ISO-8859-5"},
    [E_8859_6] = {"iso-8859-6", "ISO-8859-6"},
    [E_8859_7] = {"iso-8859-7", "ISO-8859-7"},
    [E_8859_8] = {"iso-8859-8", "ISO-8859-8"},
    [E_8859_8I] = {"iso-8859-8-i", "ISO-8859-8"},
    [E_8859_10] = {"iso-8859-10", "ISO-8859-10"},
    [E_8859_13] = {"iso-8859-13", "ISO-8859-13"},
    [E_8859_14] = {"iso-8859-14", "ISO-8859-14"},
    [E_8859_15] = {"iso-8859-15", "ISO-8859-15"},
    [E_8859_16] = {"iso-8859-16", "ISO-8859-16"},
    [E_KOI8R] = {"koi8-r", "KOI8-R"},
    [E_KOI8U] = {"koi8-u", "KOI8-U"},
    [E_MAC] = {"macintosh", "MACINTOSH"},
    [E_874] = {"windows-874", "CP874"},
    [E_1250] = {"windows-1250", "CP1250"},
    [E_1251] = {"windows-1251", "CP1251"},
    [E_1252] = {"windows-1252", "CP1252"},
    [E_1253] = {"windows-1253", "CP1253"},
    [E_1254] = {"windows-1254", "CP1254"},
    [E_1255] = {"windows-1255", "CP1255"},
    [E_1256] = {"windows-1256", "CP1256"},
    [E_1257] = {"windows-1257", "CP1257"},
    [E_1258] = {"windows-1258", "CP1258"},
    [E_MACCYR] = {"x-mac-cyrillic", "MAC-CYRILLIC"},
    [E_GBK] = {"gbk", "GB18030"},
    [E_GB18030] = {"gb18030", "GB18030"},
    [E_BIG5] = {"big5", "BIG5-HKSCS"},
    [E_EUCJP] = {"euc-jp", "EUC-JP"},
    [E_2022JP] = {"iso-2022-jp", "ISO-2022-JP"},
    [E_SJIS] = {"shift_jis", "CP932"},
    [E_EUCKR] = {"euc-kr", "CP949"},
    [E_UTF16BE] = {"utf-16be", "UTF-16BE"},
    [E_UTF16LE] = {"utf-16le", "UTF-16LE"},
    [E_IBM855] = {"ibm855", "IBM855"},
    [E_EUCTW] = {"euc-tw", "EUC-TW"},
};

static const struct {
  const char *label;
  unsigned char enc;
} labels[] = {
    {"unicode-1-1-utf-8", E_UTF8},
    {"unicode11utf8", E_UTF8},
    {"unicode20utf8", E_UTF8},
    {"utf-8", E_UTF8},
    {"utf8", E_UTF8},
    {"x-unicode20utf8", E_UTF8},
    {"866", E_IBM866},
    {"cp866", E_IBM866},
    {"csibm866", E_IBM866},
    {"ibm866", E_IBM866},
    {"csisolatin2", E_8859_2},
    {"iso-8859-2", E_8859_2},
    {"iso-ir-101", E_8859_2},
    {"iso8859-2", E_8859_2},
    {"iso88592", E_8859_2},
    {"iso_8859-2", E_8859_2},
    {"iso_8859-2:1987", E_8859_2},
    {"l2", E_8859_2},
    {"latin2", E_8859_2},
    {"csisolatin3", E_8859_3},
    {"iso-8859-3", E_8859_3},
    {"iso-ir-109", E_8859_3},
    {"iso8859-3", E_8859_3},
    {"iso88593", E_8859_3},
    {"iso_8859-3", E_8859_3},
    {"iso_8859-3:1988", E_8859_3},
    {"l3", E_8859_3},
    {"latin3", E_8859_3},
    {"csisolatin4", E_8859_4},
    {"iso-8859-4", E_8859_4},
    {"iso-ir-110", E_8859_4},
    {"iso8859-4", E_8859_4},
    {"iso88594", E_8859_4},
    {"iso_8859-4", E_8859_4},
    {"iso_8859-4:1988", E_8859_4},
    {"l4", E_8859_4},
    {"latin4", E_8859_4},
    {"csisolatincyrillic", E_8859_5},
    {"cyrillic", E_8859_5},
    {"iso-8859-5", E_8859_5},
    {"iso-ir-144", E_8859_5},
    {"iso8859-5", E_8859_5},
    {"iso88595", E_8859_5},
    {"iso_8859-5", E_8859_5},
    {"iso_8859-5:1988", E_8859_5},
    {"arabic", E_8859_6},
    {"asmo-708", E_8859_6},
    {"csiso88596e", E_8859_6},
    {"csiso88596i", E_8859_6},
    {"csisolatinarabic", E_8859_6},
    {"ecma-114", E_8859_6},
    {"iso-8859-6", E_8859_6},
    {"iso-8859-6-e", E_8859_6},
    {"iso-8859-6-i", E_8859_6},
    {"iso-ir-127", E_8859_6},
    {"iso8859-6", E_8859_6},
    {"iso88596", E_8859_6},
    {"iso_8859-6", E_8859_6},
    {"iso_8859-6:1987", E_8859_6},
    {"csisolatingreek", E_8859_7},
    {"ecma-118", E_8859_7},
    {"elot_928", E_8859_7},
    {"greek", E_8859_7},
    {"greek8", E_8859_7},
    {"iso-8859-7", E_8859_7},
    {"iso-ir-126", E_8859_7},
    {"iso8859-7", E_8859_7},
    {"iso88597", E_8859_7},
    {"iso_8859-7", E_8859_7},
    {"iso_8859-7:1987", E_8859_7},
    {"sun_eu_greek", E_8859_7},
    {"csiso88598e", E_8859_8},
    {"csisolatinhebrew", E_8859_8},
    {"hebrew", E_8859_8},
    {"iso-8859-8", E_8859_8},
    {"iso-8859-8-e", E_8859_8},
    {"iso-ir-138", E_8859_8},
    {"iso8859-8", E_8859_8},
    {"iso88598", E_8859_8},
    {"iso_8859-8", E_8859_8},
    {"iso_8859-8:1988", E_8859_8},
    {"visual", E_8859_8},
    {"csiso88598i", E_8859_8I},
    {"iso-8859-8-i", E_8859_8I},
    {"logical", E_8859_8I},
    {"csisolatin6", E_8859_10},
    {"iso-8859-10", E_8859_10},
    {"iso-ir-157", E_8859_10},
    {"iso8859-10", E_8859_10},
    {"iso885910", E_8859_10},
    {"l6", E_8859_10},
    {"latin6", E_8859_10},
    {"iso-8859-13", E_8859_13},
    {"iso8859-13", E_8859_13},
    {"iso885913", E_8859_13},
    {"iso-8859-14", E_8859_14},
    {"iso8859-14", E_8859_14},
    {"iso885914", E_8859_14},
    {"csisolatin9", E_8859_15},
    {"iso-8859-15", E_8859_15},
    {"iso8859-15", E_8859_15},
    {"iso885915", E_8859_15},
    {"iso_8859-15", E_8859_15},
    {"l9", E_8859_15},
    {"iso-8859-16", E_8859_16},
    {"cskoi8r", E_KOI8R},
    {"koi", E_KOI8R},
    {"koi8", E_KOI8R},
    {"koi8-r", E_KOI8R},
    {"koi8_r", E_KOI8R},
    {"koi8-ru", E_KOI8U},
    {"koi8-u", E_KOI8U},
    {"csmacintosh", E_MAC},
    {"mac", E_MAC},
    {"macintosh", E_MAC},
    {"x-mac-roman", E_MAC},
    {"dos-874", E_874},
    {"iso-8859-11", E_874},
    {"iso8859-11", E_874},
    {"iso885911", E_874},
    {"tis-620", E_874},
    {"windows-874", E_874},
    {"cp1250", E_1250},
    {"windows-1250", E_1250},
    {"x-cp1250", E_1250},
    {"cp1251", E_1251},
    {"windows-1251", E_1251},
    {"x-cp1251", E_1251},
    {"ansi_x3.4-1968", E_1252},
    {"ascii", E_1252},
    {"cp1252", E_1252},
    {"cp819", E_1252},
    {"csisolatin1", E_1252},
    {"ibm819", E_1252},
    {"iso-8859-1", E_1252},
    {"iso-ir-100", E_1252},
    {"iso8859-1", E_1252},
    {"iso88591", E_1252},
    {"iso_8859-1", E_1252},
    {"iso_8859-1:1987", E_1252},
    {"l1", E_1252},
    {"latin1", E_1252},
    {"us-ascii", E_1252},
    {"windows-1252", E_1252},
    {"x-cp1252", E_1252},
    {"x-user-defined", E_1252},
    {"cp1253", E_1253},
    {"windows-1253", E_1253},
    {"x-cp1253", E_1253},
    {"cp1254", E_1254},
    {"csisolatin5", E_1254},
    {"iso-8859-9", E_1254},
    {"iso-ir-148", E_1254},
    {"iso8859-9", E_1254},
    {"iso88599", E_1254},
    {"iso_8859-9", E_1254},
    {"iso_8859-9:1989", E_1254},
    {"l5", E_1254},
    {"latin5", E_1254},
    {"windows-1254", E_1254},
    {"x-cp1254", E_1254},
    {"cp1255", E_1255},
    {"windows-1255", E_1255},
    {"x-cp1255", E_1255},
    {"cp1256", E_1256},
    {"windows-1256", E_1256},
    {"x-cp1256", E_1256},
    {"cp1257", E_1257},
    {"windows-1257", E_1257},
    {"x-cp1257", E_1257},
    {"cp1258", E_1258},
    {"windows-1258", E_1258},
    {"x-cp1258", E_1258},
    {"x-mac-cyrillic", E_MACCYR},
    {"x-mac-ukrainian", E_MACCYR},
    {"mac-cyrillic", E_MACCYR},
    {"chinese", E_GBK},
    {"csgb2312", E_GBK},
    {"csiso58gb231280", E_GBK},
    {"gb2312", E_GBK},
    {"gb_2312", E_GBK},
    {"gb_2312-80", E_GBK},
    {"gbk", E_GBK},
    {"iso-ir-58", E_GBK},
    {"x-gbk", E_GBK},
    {"euc-cn", E_GBK},
    {"cp936", E_GBK},
    {"gb18030", E_GB18030},
    {"big5", E_BIG5},
    {"big5-hkscs", E_BIG5},
    {"cn-big5", E_BIG5},
    {"csbig5", E_BIG5},
    {"x-x-big5", E_BIG5},
    {"cseucpkdfmtjapanese", E_EUCJP},
    {"euc-jp", E_EUCJP},
    {"x-euc-jp", E_EUCJP},
    {"csiso2022jp", E_2022JP},
    {"iso-2022-jp", E_2022JP},
    {"csshiftjis", E_SJIS},
    {"ms932", E_SJIS},
    {"ms_kanji", E_SJIS},
    {"shift-jis", E_SJIS},
    {"shift_jis", E_SJIS},
    {"sjis", E_SJIS},
    {"windows-31j", E_SJIS},
    {"x-sjis", E_SJIS},
    {"cp932", E_SJIS},
    {"cseuckr", E_EUCKR},
    {"csksc56011987", E_EUCKR},
    {"euc-kr", E_EUCKR},
    {"iso-ir-149", E_EUCKR},
    {"korean", E_EUCKR},
    {"ks_c_5601-1987", E_EUCKR},
    {"ks_c_5601-1989", E_EUCKR},
    {"ksc5601", E_EUCKR},
    {"ksc_5601", E_EUCKR},
    {"windows-949", E_EUCKR},
    {"uhc", E_EUCKR},
    {"cp949", E_EUCKR},
    {"unicodefffe", E_UTF16BE},
    {"utf-16be", E_UTF16BE},
    {"csunicode", E_UTF16LE},
    {"iso-10646-ucs-2", E_UTF16LE},
    {"ucs-2", E_UTF16LE},
    {"unicode", E_UTF16LE},
    {"unicodefeff", E_UTF16LE},
    {"utf-16", E_UTF16LE},
    {"utf-16le", E_UTF16LE},
    {"ibm855", E_IBM855},
    {"euc-tw", E_EUCTW},
};

static bool is_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

const ann_charset *ann_charset_lookup(const char *label, size_t n) {
  while (n && is_space((unsigned char)*label))
    label++, n--;
  while (n && is_space((unsigned char)label[n - 1]))
    n--;
  if (n == 0 || n > 32) return NULL;
  for (size_t i = 0; i < sizeof labels / sizeof *labels; i++)
    if (strlen(labels[i].label) == n &&
        strncasecmp(labels[i].label, label, n) == 0)
      return &encodings[labels[i].enc];
  return NULL;
}

/* ------------------------------------------------------ the prescan -- */

/* WHATWG "extracting a character encoding from a meta element": the value
 * after "charset", skipping spaces and one '=', quoted or bare. */
static const ann_charset *from_content(const unsigned char *v, size_t n) {
  size_t i = 0;
  for (;;) {
    const unsigned char *hit = NULL;
    for (; i + 7 <= n; i++)
      if (strncasecmp((const char *)v + i, "charset", 7) == 0) {
        hit = v + i;
        break;
      }
    if (!hit) return NULL;
    i += 7;
    while (i < n && is_space(v[i]))
      i++;
    if (i < n && v[i] == '=') break;
    /* not followed by '=': look for the next "charset" */
  }
  i++;
  while (i < n && is_space(v[i]))
    i++;
  if (i >= n) return NULL;
  if (v[i] == '"' || v[i] == '\'') {
    unsigned char q = v[i++];
    size_t s = i;
    while (i < n && v[i] != q)
      i++;
    if (i >= n) return NULL; /* unmatched quote */
    return ann_charset_lookup((const char *)v + s, i - s);
  }
  size_t s = i;
  while (i < n && !is_space(v[i]) && v[i] != ';')
    i++;
  return ann_charset_lookup((const char *)v + s, i - s);
}

const ann_charset *ann_charset_from_content_type(const char *v, size_t n) {
  return from_content((const unsigned char *)v, n);
}

/* One attribute at p[*i] (WHATWG "get an attribute"). Returns false at
 * the end of the tag ('>' or the end of the bytes). */
static bool get_attr(const unsigned char *p, size_t n, size_t *i,
                     const unsigned char **name, size_t *nlen,
                     const unsigned char **val, size_t *vlen) {
  size_t k = *i;
  while (k < n && (is_space(p[k]) || p[k] == '/'))
    k++;
  if (k >= n || p[k] == '>') {
    *i = k;
    return false;
  }
  size_t ns = k;
  /* the first character may be '=' (an attribute named "=") */
  if (p[k] == '=') k++;
  while (k < n && !is_space(p[k]) && p[k] != '/' && p[k] != '>' && p[k] != '=')
    k++;
  *name = p + ns;
  *nlen = k - ns;
  *val = p + k;
  *vlen = 0;
  while (k < n && is_space(p[k]))
    k++;
  if (k >= n || p[k] != '=') {
    *i = k;
    return true;
  }
  k++;
  while (k < n && is_space(p[k]))
    k++;
  if (k < n && (p[k] == '"' || p[k] == '\'')) {
    unsigned char q = p[k++];
    size_t vs = k;
    while (k < n && p[k] != q)
      k++;
    *val = p + vs;
    *vlen = k - vs;
    if (k < n) k++;
  } else {
    size_t vs = k;
    while (k < n && !is_space(p[k]) && p[k] != '>')
      k++;
    *val = p + vs;
    *vlen = k - vs;
  }
  *i = k;
  return true;
}

static bool name_is(const unsigned char *s, size_t n, const char *lit) {
  return strlen(lit) == n && strncasecmp((const char *)s, lit, n) == 0;
}

/* What the standard does with a <meta> answer: utf-16 means the page was
 * not really utf-16 (we are reading ASCII), so utf-8. */
static const ann_charset *fix_meta(const ann_charset *c) {
  if (c && (c == &encodings[E_UTF16BE] || c == &encodings[E_UTF16LE]))
    return &encodings[E_UTF8];
  return c;
}

const ann_charset *ann_charset_prescan(const unsigned char *p, size_t n,
                                       size_t max) {
  if (n > max) n = max;
  size_t i = 0;
  while (i < n) {
    if (p[i] != '<') {
      i++;
      continue;
    }
    if (i + 4 <= n && memcmp(p + i, "<!--", 4) == 0) {
      /* a comment: to "-->" (which may share the opening's dashes) */
      size_t k = i + 2;
      while (k + 3 <= n && memcmp(p + k, "-->", 3) != 0)
        k++;
      i = k + 3;
      continue;
    }
    if (i + 6 <= n && strncasecmp((const char *)p + i, "<meta", 5) == 0 &&
        (is_space(p[i + 5]) || p[i + 5] == '/')) {
      size_t k = i + 6;
      bool got_pragma = false, need_pragma = false, have_need = false;
      const ann_charset *cs = NULL;
      const unsigned char *an, *av;
      size_t anl, avl;
      bool seen_he = false, seen_ct = false, seen_cs = false;
      while (get_attr(p, n, &k, &an, &anl, &av, &avl)) {
        if (name_is(an, anl, "http-equiv") && !seen_he) {
          seen_he = true;
          if (name_is(av, avl, "content-type")) got_pragma = true;
        } else if (name_is(an, anl, "content") && !seen_ct) {
          seen_ct = true;
          if (!cs) {
            const ann_charset *c = from_content(av, avl);
            if (c) {
              cs = c;
              need_pragma = true;
              have_need = true;
            }
          }
        } else if (name_is(an, anl, "charset") && !seen_cs) {
          seen_cs = true;
          if (!cs) {
            cs = ann_charset_lookup((const char *)av, avl);
            need_pragma = false;
            have_need = true;
          }
        }
      }
      if (cs && have_need && (!need_pragma || got_pragma)) return fix_meta(cs);
      i = k + 1;
      continue;
    }
    size_t k = i + 1;
    if (k < n && p[k] == '/') k++;
    if (k < n && ((p[k] | 0x20) >= 'a' && (p[k] | 0x20) <= 'z')) {
      /* another tag: skip its name and attributes */
      while (k < n && !is_space(p[k]) && p[k] != '>')
        k++;
      const unsigned char *an, *av;
      size_t anl, avl;
      while (get_attr(p, n, &k, &an, &anl, &av, &avl)) {
      }
      i = k + 1;
      continue;
    }
    if (k < n && (p[k] == '!' || p[k] == '/' || p[k] == '?')) {
      while (k < n && p[k] != '>')
        k++;
      i = k + 1;
      continue;
    }
    i++;
  }
  return NULL;
}
