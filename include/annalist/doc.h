/*
 * doc.h — the document model: the contract between pipeline stages.
 *
 * One ann_doc per input document. Every stage adds to it; everything it
 * points to lives in doc->arena. Spans are BYTE offsets into doc->text
 * (end exclusive); the JSON writer turns them into code-point offsets.
 * Indices that may be absent use -1.
 */
#ifndef ANNALIST_DOC_H
#define ANNALIST_DOC_H

#include "annalist/ann.h"
#include "annalist/arena.h"

typedef enum ann_input_format {
  ANN_IN_AUTO = 0,
  ANN_IN_HTML,
  ANN_IN_TEXT,
  ANN_IN_JSONL,
  ANN_IN_WARC
} ann_input_format;

/* One raw document as read from a file, a JSONL line or a WARC record.
 * Strings and bytes live in the document's arena. */
typedef struct ann_input {
  const char *name;      /* "file.html", "feed.jsonl:12", "crawl.warc.gz#3" */
  const char *id;        /* the container's own id, or NULL */
  const char *url;       /* WARC-Target-URI / JSONL url, or NULL */
  const char *published; /* WARC-Date / JSONL published, or NULL */
  const char *title;     /* JSONL title, or NULL */
  const char *charset;   /* from an HTTP Content-Type header, or NULL */
  ann_input_format kind; /* ANN_IN_HTML or ANN_IN_TEXT */
  const unsigned char *bytes;
  size_t len;
  int error;             /* nonzero: the container was broken here */
  const char *error_msg; /* what was wrong, naming the input */
  const char *fetched;   /* WARC-Date: when the page was crawled, or NULL.
                            Not a publication date: a last resort for
                            published when the page names none. */
} ann_input;

typedef struct ann_sentence {
  uint32_t start, end;          /* bytes in text */
  uint32_t tok_begin, tok_end;  /* tokens [tok_begin, tok_end) */
} ann_sentence;

typedef struct ann_token {
  uint32_t start, end;  /* bytes in text */
  const char *upos;     /* UD tag, or NULL before tagging */
  const char *xpos;     /* PTB tag */
  const char *lemma;
  int32_t head;         /* 1-based index within its sentence, 0 = root,
                           -1 = not parsed */
  const char *deprel;
} ann_token;

typedef enum ann_ent_type {
  ANN_PER = 0,
  ANN_ORG,
  ANN_LOC,
  ANN_MISC
} ann_ent_type;

typedef struct ann_entity {
  uint32_t start, end;
  int32_t sentence;
  uint32_t tok_begin, tok_end;
  ann_ent_type type;
} ann_entity;

typedef struct ann_place {
  uint32_t start, end;
  int32_t sentence;
  int32_t entity;       /* index in entities, or -1 */
  const char *name;     /* the gazetteer's name */
  int64_t geonameid;    /* 0 when unknown (macro-regions, historical) */
  double lat, lon;
  char country[3];      /* ISO 3166-1 alpha-2, "" when none */
  char country3[4];     /* alpha-3 */
  const char *admin1;   /* admin-1 name, or NULL */
  const char *kind;     /* country/admin1/city/region/other */
  double score;         /* confidence 0..1 */
} ann_place;

typedef struct ann_actor {
  uint32_t start, end;
  int32_t sentence;
  const char *code;     /* CAMEO actor code, e.g. "RUSCOP" */
  const char *country;  /* ISO3 country part, or NULL */
  const char *role;     /* role part ("COP"), or NULL */
  const char *name;     /* canonical name when known ("Vladimir Putin") */
} ann_actor;

typedef struct ann_event {
  int32_t source, target;  /* indices in actors, or -1 */
  const char *cameo;       /* "1823" */
  int quad;                /* QuadClass 1..4 */
  double goldstein;
  const char *plover_type, *plover_mode;
  const char *date;        /* ISO 8601, maybe partial */
  int32_t place;           /* index in places, or -1 */
  bool negated, hypothetical;
  int32_t sentence;
  uint32_t ev_start, ev_end; /* evidence span */
} ann_event;

typedef struct ann_count {
  const char *type;     /* KILL, WOUND, ARREST, ... */
  double number;
  bool approximate;
  const char *object;   /* "Azerbaijanis" */
  int32_t place;        /* index in places, or -1 */
  uint32_t start, end;
  int32_t sentence;
} ann_count;

typedef struct ann_amount {
  double number;
  const char *unit;     /* "%", "USD", "people", ... or NULL */
  const char *about;    /* what it measures, or NULL */
  uint32_t start, end;
  int32_t sentence;
} ann_amount;

typedef struct ann_quote {
  const char *speaker;  /* name as written, or NULL */
  uint32_t start, end;  /* the quoted words */
  int32_t sentence;
} ann_quote;

typedef struct ann_date {
  const char *value;    /* ISO 8601, partial allowed */
  uint32_t start, end;
  int32_t sentence;
} ann_date;

typedef struct ann_tone {
  double tone, positive, negative, polarity, activity, self_group;
  int words;
} ann_tone;

typedef struct ann_theme {
  const char *name;
  int count;
  uint32_t start; /* byte offset of the first mention (GKG V2Themes) */
} ann_theme;

typedef struct ann_doc {
  ann_arena *arena;
  const ann_input *input;

  const char *id, *url, *title, *site_name, *published, *language;
  ANN_VEC(const char *) authors;
  struct {
    bool present;
    const char *place, *date;
    uint32_t start, end;
  } dateline;

  const char *text; /* NUL-terminated UTF-8, paragraphs split by "\n\n" */
  size_t text_len;

  ANN_VEC(ann_sentence) sentences;
  ANN_VEC(ann_token) tokens;
  ANN_VEC(ann_entity) entities;
  ANN_VEC(ann_place) places;
  ANN_VEC(ann_actor) actors;
  ANN_VEC(ann_event) events;
  ANN_VEC(ann_count) counts;
  ANN_VEC(ann_amount) amounts;
  ANN_VEC(ann_quote) quotes;
  ANN_VEC(ann_date) dates;
  ANN_VEC(ann_theme) themes;
  bool has_tone;
  ann_tone tone;

  /* set when the document could not be processed */
  const char *error_code, *error_msg;

  void *dom; /* the parsed HTML, owned by the arena; NULL for text */
} ann_doc;

/* Index of the sentence containing byte offset off, or -1. */
int32_t ann_doc_sentence_at(const ann_doc *d, uint32_t off);

/* Mark d as an error record; message is copied. Returns code. */
int ann_doc_fail(ann_doc *d, int code, const char *msg);

#endif
