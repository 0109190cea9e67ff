/*
 * tok.h — tokens and sentences, with byte offsets into the document text.
 *
 * Tokens follow UD English EWT (Penn) conventions so that the taggers see
 * at run time the units they were trained on: clitics split ("don't" ->
 * do n't, "Russia's" -> Russia 's, "cannot" -> can not), hyphenated words
 * split except after prefixes (e-mail, co-, non-, pre-...), numbers keep
 * their separators ("3,000,000", "11.13" then "%", "1930s", "21st"),
 * abbreviations, initials and acronyms keep their period ("Mr.", "J.",
 * "U.S."), URLs and e-mail addresses are one token, "..." and dashes are
 * one token.
 *
 * Sentences end at . ! ? ... (after closing quotes and brackets) when what
 * follows looks like a sentence start; never after a title ("Mr.", "Gen."),
 * an initial or a month ("Jan. 5"); after an ambiguous abbreviation
 * ("U.S.", "Inc.") only before a typical sentence opener ("The", "He").
 * A paragraph break ("\n\n") always ends a sentence; a single line break
 * ends one when the line had no final punctuation and the next starts like
 * a sentence (headlines). A sentence longer than ANN_TOK_MAX_SENT tokens is
 * cut there, so later stages never see an unbounded sentence.
 */
#ifndef ANNALIST_TOK_H
#define ANNALIST_TOK_H

#include "annalist/doc.h"
#include "annalist/pipeline.h"

#define ANN_TOK_MAX_SENT 1000

/* Tokenize d->text[from .. d->text_len) (d->text[d->text_len] must be
 * NUL, as extract leaves it) appending to d->tokens and d->sentences in
 * d->arena. At most max_tokens tokens in all (0 = no cap). Returns 0, 1
 * when the cap cut the text short, or ANN_ENOMEM (arena cap). Tokens get
 * head = -1 and no tags. Any bytes are accepted: NULs and invalid UTF-8
 * are skipped like spaces. */
int ann_tokenize(ann_doc *d, size_t from, size_t max_tokens);

/* Called for each sentence of a file: its tokens tok[0..n), offsets into
 * text; both valid during the call only. */
typedef void (*ann_sentence_fn)(const char *text, const ann_token *tok,
                                size_t n, void *ctx);

/* Tokenize the whole text file at path and call fn for each sentence in
 * order: how the trainers read unlabelled text, so that they see the units
 * the taggers see at run time. Returns 0, -1 when the file cannot be read
 * (errno set), or ANN_ENOMEM. */
int ann_tokenize_file(const char *path, ann_sentence_fn fn, void *ctx);

/* The stage: tokenizes from the end of the dateline when there is one,
 * capped by limits.max_tokens. */
extern const ann_stage ann_stage_tokens;

#endif
