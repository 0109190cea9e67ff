/*
 * scan.re — the tokenizer's lexer (re2c). Regenerate scan.c with
 *   re2c -8 -W --no-generation-date --no-version -o src/tok/scan.c src/tok/scan.re
 * and commit both.
 *
 * It cuts raw pieces; src/tok/tok.c turns them into UD/PTB tokens
 * (clitics, abbreviations, hyphen prefixes, trailing URL punctuation) and
 * sentences. The input must have a NUL at lim (doc->text always does);
 * NULs before lim are ordinary bytes. Invalid UTF-8 comes out one byte at a
 * time as ANN_RAW_OTHER, so no byte is ever skipped or read past.
 */
#include "tok/tok_int.h"

int ann_tok_scan(const unsigned char *p, const unsigned char *lim,
                 const unsigned char **end) {
  const unsigned char *YYCURSOR = p, *YYMARKER = p, *YYCTXMARKER = p;
  const unsigned char *YYLIMIT = lim;
  /*!re2c
  re2c:define:YYCTYPE = "unsigned char";
  re2c:yyfill:enable = 0;
  re2c:eof = 0;
  re2c:flags:utf-8 = 1;

  sp = [ \t\r\f\v] | [\u00A0] | [\u2000-\u200B] | [\u202F\u205F\u3000\uFEFF];
  L = [a-zA-Z] | [\u00AA\u00B5\u00BA\u00C0-\u00D6\u00D8-\u00F6]
    | [\u00F8-\u036F] | [\u0370-\u1FFF] | [\u2C00-\u2DFF] | [\u2E80-\u2FFF]
    | [\u3040-\uD7FF] | [\uF900-\uFDFF] | [\uFE70-\uFEFE]
    | [\uFF21-\uFF3A\uFF41-\uFF5A\uFF66-\uFFDC] | [\U00010000-\U0001EFFF]
    | [\U00020000-\U0010FFFF];
  D = [0-9];
  A = L | D;
  apos = "'" | "\u2019";
  word = L (A | "_")* (apos A+)*;
  ext = "pdf" | "doc" | "docx" | "xls" | "xlsx" | "ppt" | "pptx" | "jpg"
      | "jpeg" | "gif" | "png" | "htm" | "html" | "txt" | "zip" | "exe"
      | "mp3" | "wav" | "csv" | "rtf";
  file = [a-zA-Z0-9_-]+ "." ext;
  num = D+ ([.,:/] D+)* | "." D+;
  host = [a-zA-Z0-9] [a-zA-Z0-9-]* ("." [a-zA-Z0-9-]+)+;
  urlch = [^ \t\r\n\x00"<>\u00A0\u201C\u201D];
  url = ([a-zA-Z]+ "://" | "www.") urlch+;
  email = [a-zA-Z0-9._%+-]+ "@" host;
  tld = "com" | "org" | "net" | "edu" | "gov" | "co.uk" | "ru" | "de" | "uk"
      | "fr" | "io" | "info" | "int";
  bare = [a-zA-Z0-9-]+ ("." [a-zA-Z0-9-]+)* "." tld ("/" urlch*)?;
  acro = L "." (L ".")+;
  phone = D{3} "-" D{3} "-" D{4} | D{3} "-" D{4};

  $                         { *end = YYCURSOR; return ANN_RAW_EOF; }
  sp+                       { *end = YYCURSOR; return ANN_RAW_SPACE; }
  (sp* "\n")+ sp*           { *end = YYCURSOR; return ANN_RAW_NEWLINE; }
  url                       { *end = YYCURSOR; return ANN_RAW_URL; }
  email                     { *end = YYCURSOR; return ANN_RAW_URL; }
  bare                      { *end = YYCURSOR; return ANN_RAW_URL; }
  file / [^a-zA-Z0-9]       { *end = YYCURSOR; return ANN_RAW_URL; }
  acro                      { *end = YYCURSOR; return ANN_RAW_ACRONYM; }
  word "."                  { *end = YYCURSOR; return ANN_RAW_WORD_DOT; }
  word                      { *end = YYCURSOR; return ANN_RAW_WORD; }
  phone                     { *end = YYCURSOR; return ANN_RAW_NUM; }
  num ("s" | "st" | "nd" | "rd" | "th") / [^a-zA-Z]
                            { *end = YYCURSOR; return ANN_RAW_NUM; }
  num                       { *end = YYCURSOR; return ANN_RAW_NUM; }
  apos D D "s"              { *end = YYCURSOR; return ANN_RAW_NUM; }
  ".." "."* | "\u2026" | ". . ."
                            { *end = YYCURSOR; return ANN_RAW_END; }
  [!?]+                     { *end = YYCURSOR; return ANN_RAW_END; }
  "."                       { *end = YYCURSOR; return ANN_RAW_END; }
  "--" "-"* | [\u2013\u2014\u2015]
                            { *end = YYCURSOR; return ANN_RAW_DASH; }
  "*"{2,} | "="{2,} | "_"{2,} | "~"{2,} | "#"{2,} | "+"{2,} | "$"{2,}
  | "<"{2,} | ">"{2,} | "^"{2,}
                            { *end = YYCURSOR; return ANN_RAW_PUNCT; }
  "``" | "''" | ["'] | [\u2018\u2019\u201A\u201B\u201C\u201D\u201E\u201F\u00AB\u00BB]
                            { *end = YYCURSOR; return ANN_RAW_QUOTE; }
  [:;] "-"? [()DPp\]/|] / [ \t\r\n.,!?]
                            { *end = YYCURSOR; return ANN_RAW_EMOTICON; }
  [,;:()[\]{}/\\&*#%$@+=<>|~^_\-]
                            { *end = YYCURSOR; return ANN_RAW_PUNCT; }
  [\u0080-\U0010FFFF]       { *end = YYCURSOR; return ANN_RAW_SYMBOL; }
  *                         { *end = YYCURSOR; return ANN_RAW_OTHER; }
  */
}
