/*
 * cmd_tag.c — `annalist tag`: tag pre-tokenized text in CoNLL (2003) or
 * CoNLL-U form, for evaluation and for reuse by other tools.
 *
 * The words are joined into a text (spaces between words, a line break
 * between sentences) with ann_token spans into it, and the very stages the
 * pipeline runs (pos, ner, parse) tag them, so scores measured here are
 * the pipeline's.
 */
#include "annalist/tag.h"
#include "cli.h"
#include "tag/conllu.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void help(void) {
  printf(
      "Usage: annalist tag --conll|--conllu [OPTIONS] [FILE]\n\n"
      "Tags pre-tokenized text read from FILE or standard input.\n\n"
      "  --conll   one token per line (the first column; other columns are\n"
      "            ignored), a blank line between sentences, -DOCSTART-\n"
      "            lines between documents. Writes token<TAB>XPOS<TAB>NER\n"
      "            (NER in IOB2: B-PER, I-ORG, ... O), keeping blank and\n"
      "            -DOCSTART- lines (-DOCSTART-<TAB>-X-<TAB>O). Named\n"
      "            entities use the whole document (between -DOCSTART-s).\n"
      "  --conllu  CoNLL-U (columns beyond ID and FORM may be _). Writes\n"
      "            CoNLL-U with LEMMA, UPOS, XPOS, HEAD and DEPREL filled\n"
      "            (HEAD/DEPREL _ when the parser is not built in); FEATS,\n"
      "            DEPS, MISC, comments and multiword lines are kept.\n\n"
      "Options:\n"
      "      --home DIR   where models/ is (default $ANNALIST_HOME or the\n"
      "                   build's source tree)\n"
      "  -h, --help       this help\n\n"
      "Examples:\n"
      "  annalist tag --conll < eng.testa > tagged.txt\n"
      "  printf 'EU\\nrejects\\nGerman\\ncall\\n.\\n' | annalist tag --conll\n"
      "  annalist tag --conllu en_ewt-ud-dev.conllu > dev.pred.conllu\n\n"
      "Exit status: 0 fine, 1 could not run (model missing) or the input\n"
      "is malformed (the message names the line), 2 bad arguments.\n");
}

static char *read_all(FILE *f, size_t *len) {
  size_t cap = 1 << 16, n = 0;
  char *b = malloc(cap + 1);
  while (b) {
    size_t r = fread(b + n, 1, cap - n, f);
    n += r;
    if (n < cap) break;
    cap *= 2;
    char *nb = realloc(b, cap + 1);
    if (!nb) free(b);
    b = nb;
  }
  if (b) b[n] = 0;
  *len = n;
  return b;
}

typedef struct tagger {
  const void *pos, *ner, *parse;
  ann_arena *a;
  int form; /* the column holding the word */
} tagger;

/* Join the words of sentences s[0..ns) into a text with token spans. */
static int build(tagger *t, ann_conllu_sent *s, size_t ns, char **text,
                 ann_token **tok, ann_sentence **sent, size_t *ntok) {
  size_t len = 0, n = 0;
  for (size_t i = 0; i < ns; i++)
    for (size_t j = 0; j < s[i].nwords; j++) {
      len += strlen(s[i].word[j]->col[t->form]) + 1;
      n++;
    }
  *text = ann_alloc(t->a, len + 1);
  *tok = ann_calloc(t->a, (n ? n : 1) * sizeof **tok);
  *sent = ann_calloc(t->a, (ns ? ns : 1) * sizeof **sent);
  if (!*text || !*tok || !*sent) return ANN_ENOMEM;
  size_t p = 0, k = 0;
  for (size_t i = 0; i < ns; i++) {
    (*sent)[i].tok_begin = (uint32_t)k;
    (*sent)[i].start = (uint32_t)p;
    for (size_t j = 0; j < s[i].nwords; j++, k++) {
      const char *f = s[i].word[j]->col[t->form];
      size_t l = strlen(f);
      memcpy(*text + p, f, l);
      (*tok)[k].start = (uint32_t)p;
      (*tok)[k].end = (uint32_t)(p + l);
      (*tok)[k].head = -1;
      p += l;
      (*text)[p++] = j + 1 < s[i].nwords ? ' ' : '\n';
    }
    (*sent)[i].tok_end = (uint32_t)k;
    (*sent)[i].end = (uint32_t)(p ? p - 1 : 0);
  }
  (*text)[p] = 0;
  *ntok = n;
  return 0;
}

static int tag_sentences(tagger *t, const char *text, ann_token *tok,
                         const ann_sentence *sent, size_t ns, int parse) {
  for (size_t i = 0; i < ns; i++) {
    ann_token *st = tok + sent[i].tok_begin;
    size_t n = sent[i].tok_end - sent[i].tok_begin;
    int rc = ann_pos_tag(t->pos, text, st, n, t->a);
    if (rc == 0 && parse && t->parse && ann_parse_sentence)
      rc = ann_parse_sentence(t->parse, text, st, n, t->a);
    if (rc < 0) return rc;
  }
  return 0;
}

typedef struct conll_doc {
  ANN_VEC(ann_conllu_sent) s;
} conll_doc;

/* Tag and write the sentences gathered, then forget them. */
static int flush(tagger *t, conll_doc *doc, const char *name, ann_error *e) {
  char *text;
  ann_token *tok;
  ann_sentence *sent;
  size_t ntok;
  if (doc->s.n) {
    if (build(t, doc->s.v, doc->s.n, &text, &tok, &sent, &ntok) < 0 ||
        tag_sentences(t, text, tok, sent, doc->s.n, 0) < 0)
      return ann_fail(e, ANN_ENOMEM, -1, "%s: document too large", name);
    const char **iob = ann_calloc(t->a, (ntok ? ntok : 1) * sizeof *iob);
    if (!iob) return ann_fail(e, ANN_ENOMEM, -1, "%s: document too large", name);
    if (t->ner && ann_ner_tag &&
        ann_ner_tag(t->ner, text, tok, sent, doc->s.n, iob, t->a) < 0)
      return ann_fail(e, ANN_ENOMEM, -1, "%s: NER failed", name);
    size_t k = 0;
    for (size_t i = 0; i < doc->s.n; i++) {
      for (size_t j = 0; j < doc->s.v[i].nwords; j++, k++)
        printf("%s\t%s\t%s\n", doc->s.v[i].word[j]->col[0], tok[k].xpos,
               iob[k] ? iob[k] : "O");
      putchar('\n');
    }
  }
  memset(doc, 0, sizeof *doc);
  ann_arena_reset(t->a);
  return 0;
}

/* --conll: one document (between -DOCSTART- lines) at a time; a file
 * without them is cut every 10,000 sentences to bound memory. */
static int run_conll(tagger *t, ann_conllu_reader *r, ann_error *e) {
  conll_doc doc = {0};
  for (;;) {
    ann_conllu_sent s;
    int rc = ann_conllu_next(r, t->a, &s, e);
    if (rc < 0) return rc;
    int docstart = rc > 0 && s.nlines && s.line[0].kind == ANN_CU_DOCSTART;
    if (rc == 0 || docstart) {
      size_t nds = docstart ? s.nlines : 0;
      if (flush(t, &doc, r->name, e) < 0) return e->code;
      if (rc == 0) return 0;
      for (size_t i = 0; i < nds; i++) printf("-DOCSTART-\t-X-\tO\n");
      putchar('\n');
      continue;
    }
    if (!s.nwords) continue;
    ann_conllu_sent *slot = ANN_PUSH(t->a, &doc.s);
    if (!slot)
      return ann_fail(e, ANN_ENOMEM, -1, "%s: document too large", r->name);
    *slot = s;
    if (doc.s.n >= 10000 && flush(t, &doc, r->name, e) < 0) return e->code;
  }
}

static void put_col(const char *s, int last) {
  fputs(s && *s ? s : "_", stdout);
  putchar(last ? '\n' : '\t');
}

/* --conllu: one sentence at a time. */
static int run_conllu(tagger *t, ann_conllu_reader *r, ann_error *e) {
  int rc;
  ann_conllu_sent s;
  while ((rc = ann_conllu_next(r, t->a, &s, e)) > 0) {
    char *text;
    ann_token *tok;
    ann_sentence *sent;
    size_t ntok;
    if (build(t, &s, 1, &text, &tok, &sent, &ntok) < 0 ||
        tag_sentences(t, text, tok, sent, 1, 1) < 0)
      return ann_fail(e, ANN_ENOMEM, -1, "%s: sentence too large", r->name);
    size_t k = 0;
    for (size_t i = 0; i < s.nlines; i++) {
      ann_conllu_line *l = &s.line[i];
      if (l->kind != ANN_CU_WORD) {
        if (l->kind == ANN_CU_COMMENT) printf("%s\n", l->col[0]);
        else
          for (int c = 0; c < ANN_CU_NCOL; c++) put_col(l->col[c], c == 9);
        continue;
      }
      ann_token *w = &tok[k++];
      char head[16];
      snprintf(head, sizeof head, "%d", (int)w->head);
      put_col(l->col[ANN_CU_ID], 0);
      put_col(l->col[ANN_CU_FORM], 0);
      put_col(w->lemma, 0);
      put_col(w->upos, 0);
      put_col(w->xpos, 0);
      put_col(l->col[ANN_CU_FEATS], 0);
      put_col(w->head >= 0 ? head : "_", 0);
      put_col(w->head >= 0 ? w->deprel : "_", 0);
      put_col(l->col[ANN_CU_DEPS], 0);
      put_col(l->col[ANN_CU_MISC], 1);
    }
    putchar('\n');
    ann_arena_reset(t->a);
  }
  return rc;
}

int cmd_tag(int argc, char **argv) {
  static const struct option opts[] = {{"conll", no_argument, 0, 'c'},
                                       {"conllu", no_argument, 0, 'u'},
                                       {"home", required_argument, 0, 'H'},
                                       {"help", no_argument, 0, 'h'},
                                       {0, 0, 0, 0}};
  int c, mode = 0;
  const char *home = NULL;
  optind = 1;
  while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
    switch (c) {
    case 'c': mode = 'c'; break;
    case 'u': mode = 'u'; break;
    case 'H': home = optarg; break;
    case 'h': help(); return ANN_EXIT_OK;
    default: return ann_usage_error("tag", "bad option");
    }
  }
  if (!mode) return ann_usage_error("tag", "give --conll or --conllu");
  if (argc - optind > 1) return ann_usage_error("tag", "at most one FILE");
  const char *path = optind < argc ? argv[optind] : "-";
  FILE *in = strcmp(path, "-") ? fopen(path, "rb") : stdin;
  if (!in) {
    fprintf(stderr, "annalist tag: cannot open %s\n", path);
    return ANN_EXIT_FATAL;
  }
  ann_options po = {.stages = ANN_STAGE_POS |
                              (mode == 'c' ? ANN_STAGE_NER : ANN_STAGE_PARSE),
                    .home = home};
  ann_error e = {0};
  ann_pipeline *p;
  if (ann_pipeline_open(&p, &po, &e) < 0) {
    fprintf(stderr, "annalist tag: %s\n", e.msg);
    if (in != stdin) fclose(in);
    return ANN_EXIT_FATAL;
  }
  tagger t = {.pos = ann_pipeline_state(p, "pos"),
              .ner = ann_pipeline_state(p, "ner"),
              .parse = ann_pipeline_state(p, "parse"),
              .a = ann_arena_new(1 << 20, 0),
              .form = mode == 'c' ? 0 : ANN_CU_FORM};
  size_t len;
  char *buf = read_all(in, &len);
  if (in != stdin) fclose(in);
  int rc = ANN_EXIT_OK;
  if (!t.pos) {
    fprintf(stderr, "annalist tag: the pos stage is not built in\n");
    rc = ANN_EXIT_FATAL;
  } else if (!buf || !t.a) {
    fprintf(stderr, "annalist tag: out of memory reading %s\n", path);
    rc = ANN_EXIT_FATAL;
  } else {
    ann_conllu_reader r;
    ann_conllu_init(&r, buf, len, mode == 'c' ? ANN_CONLLU_COLUMNS : 0,
                    strcmp(path, "-") ? path : "<stdin>");
    int trc = mode == 'c' ? run_conll(&t, &r, &e) : run_conllu(&t, &r, &e);
    if (trc < 0) {
      fflush(stdout);
      fprintf(stderr, "annalist tag: %s\n", e.msg);
      rc = ANN_EXIT_FATAL;
    }
  }
  free(buf);
  ann_arena_free(t.a);
  ann_pipeline_free(p);
  return rc;
}
