/*
 * pos.c — the part-of-speech tagger and lemmatizer (see tag.h, pos.h).
 *
 * Greedy left-to-right averaged perceptron over joint "UPOS XPOS" classes.
 * Word hashes are computed once per word in a ring of the five words the
 * templates look at, so tagging allocates nothing but the lemmas.
 */
#include "tag/pos.h"

#include "annalist/model.h"
#include "annalist/tag.h"
#include "tag/kvtab.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ words -- */

static inline char lc(char c) {
  return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

void ann_pos_word_init(ann_pos_word *pw, const char *s, size_t len) {
  char low[64], shape[16];
  size_t ll = len < sizeof low ? len : sizeof low;
  size_t ns = 0;
  uint8_t flags = 0;
  int upper = 0, lower = 0;
  char last = 0;
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    char k;
    if (c >= 'A' && c <= 'Z') k = 'X', upper = 1;
    else if (c >= 'a' && c <= 'z') k = 'x', lower = 1;
    else if (c >= '0' && c <= '9') k = 'd', flags |= ANN_PW_DIGIT;
    else if (c >= 0x80) {
      if ((c & 0xC0) == 0x80) continue; /* continuation byte */
      k = 'u';
    } else k = (char)c;
    if (c == '-') flags |= ANN_PW_HYPHEN;
    if (k != last && ns < sizeof shape) shape[ns++] = k;
    last = k;
  }
  if (upper) flags |= ANN_PW_UPPER;
  if (upper && !lower) flags |= ANN_PW_ALLCAP;
  for (size_t i = 0; i < ll; i++) low[i] = lc(s[i]);
  pw->w = ann_pc_hash(2, s, len);
  /* long words: hash the whole lowered form, not only its head */
  if (len <= sizeof low) pw->lw = ann_pc_hash(3, low, ll);
  else {
    uint64_t h = 3;
    for (size_t i = 0; i < len; i += sizeof low) {
      size_t k = len - i < sizeof low ? len - i : sizeof low;
      char tmp[64];
      for (size_t j = 0; j < k; j++) tmp[j] = lc(s[i + j]);
      h = ann_pc_hash(h, tmp, k);
    }
    pw->lw = h;
  }
  /* affixes of the lowered form; suffixes from its real end */
  for (size_t k = 1; k <= 4; k++) {
    size_t n = k < len ? k : len;
    char tmp[4];
    for (size_t j = 0; j < n; j++) tmp[j] = lc(s[len - n + j]);
    pw->suf[k - 1] = ann_pc_hash(3 + k, tmp, n);
  }
  for (size_t k = 1; k <= 3; k++)
    pw->pre[k - 1] = ann_pc_hash(7 + k, low, k < ll ? k : ll);
  pw->shape = ann_pc_hash(11, shape, ns);
  pw->len = (uint8_t)(len > 255 ? 255 : len);
  pw->flags = flags;
  pw->nb = 0;
}

void ann_pos_word_lex(ann_pos_word *pw, const ann_kv *lex) {
  uint32_t v;
  pw->ac = ann_kv_get(lex, pw->lw, &v) ? v : 0;
  pw->ac2 = ann_kv_get(lex, pw->w, &v) ? v : 0;
}

void ann_pos_word_clu(ann_pos_word *pw, const ann_kv *clu) {
  uint32_t v;
  pw->cl = ann_kv_get(clu, pw->lw, &v) ? v : ANN_CL_NONE;
}

void ann_pos_word_nam(ann_pos_word *pw, const ann_kv *nam) {
  uint32_t v;
  pw->nb = ann_kv_get(nam, pw->lw, &v) ? (uint8_t)v : 0;
}

/* start/end are read with a stride (ann_token arrays or plain arrays). */
uint32_t ann_pos_sentence_flags(const char *text, const uint32_t *start,
                                const uint32_t *end, size_t stride,
                                size_t n) {
  size_t alpha = 0, cap = 0, caps = 0;
  for (size_t i = 0; i < n; i++) {
    const char *s = text + start[i * stride];
    size_t len = end[i * stride] - start[i * stride];
    if (!len || !((s[0] | 32) >= 'a' && (s[0] | 32) <= 'z')) continue;
    alpha++;
    if (s[0] >= 'A' && s[0] <= 'Z') {
      cap++;
      size_t k = 1;
      while (k < len && !(s[k] >= 'a' && s[k] <= 'z')) k++;
      if (k == len) caps++;
    }
  }
  uint32_t f = 0;
  if (alpha >= 2 && cap * 10 >= alpha * 7) f |= ANN_PS_TITLE;
  if (alpha >= 2 && caps * 10 >= alpha * 8) f |= ANN_PS_CAPS;
  return f;
}

#define PAD(h)                                                               \
  {h, h, h, {h, h, h, h}, {h, h, h}, 0xFFFFFFF0u, 0xFFFFFFF0u, 0xFFFFFFFFu, \
   0, 0, 0}
const ann_pos_word ann_pos_pad_start = PAD(0x5354415254ull);
const ann_pos_word ann_pos_pad_end = PAD(0x454E44ull);

/* ---------------------------------------------------------- features -- */

#define T(id) ((uint64_t)(id) * 0x9E3779B97F4A7C15ull)

size_t ann_pos_features(const ann_pos_word *const c[5], uint32_t p1,
                        uint32_t p2, uint32_t sf, const uint32_t *q,
                        uint64_t *f) {
  const ann_pos_word *w = c[2];
  size_t n = 0;
  int clu = (sf & ANN_PS_CLU) != 0, nam = (sf & ANN_PS_NAM) != 0;
  sf &= ANN_PS_TITLE | ANN_PS_CAPS;
  f[n++] = T(1);
  f[n++] = w->w;
  f[n++] = w->lw;
  for (int k = 0; k < 4; k++) f[n++] = w->suf[k];
  for (int k = 0; k < 3; k++) f[n++] = w->pre[k];
  f[n++] = w->shape;
  f[n++] = ann_pc_mix(T(12), c[1]->lw);
  f[n++] = ann_pc_mix(T(13), c[0]->lw);
  f[n++] = ann_pc_mix(T(14), c[3]->lw);
  f[n++] = ann_pc_mix(T(15), c[4]->lw);
  f[n++] = ann_pc_mix(T(16), c[1]->suf[2]);
  f[n++] = ann_pc_mix(T(17), c[3]->suf[2]);
  f[n++] = ann_pc_mix(T(18), c[1]->shape);
  f[n++] = ann_pc_mix(T(19), c[3]->shape);
  f[n++] = ann_pc_mix(T(20), p1);
  f[n++] = ann_pc_mix(T(21), p2);
  f[n++] = ann_pc_mix(ann_pc_mix(T(22), p1), p2);
  f[n++] = ann_pc_mix(ann_pc_mix(T(23), p1), w->lw);
  f[n++] = ann_pc_mix(ann_pc_mix(T(24), c[1]->lw), w->lw);
  f[n++] = ann_pc_mix(ann_pc_mix(T(25), w->lw), c[3]->lw);
  f[n++] = ann_pc_mix(ann_pc_mix(T(26), c[1] == &ann_pos_pad_start),
                      w->shape);
  f[n++] = ann_pc_mix(ann_pc_mix(T(27), p1), w->suf[2]);
  f[n++] = ann_pc_mix(T(28), w->flags);
  f[n++] = ann_pc_mix(ann_pc_mix(T(29), c[1]->lw), c[3]->lw);
  f[n++] = ann_pc_mix(T(30), c[3]->suf[1]);
  f[n++] = ann_pc_mix(T(31), c[4]->shape);
  f[n++] = ann_pc_mix(ann_pc_mix(T(32), w->shape), c[3]->shape);
  f[n++] = ann_pc_mix(T(33), w->ac);
  f[n++] = ann_pc_mix(T(34), c[3]->ac);
  f[n++] = ann_pc_mix(T(35), c[4]->ac);
  f[n++] = ann_pc_mix(ann_pc_mix(T(36), w->ac), c[3]->ac);
  f[n++] = ann_pc_mix(ann_pc_mix(T(37), p1), w->ac);
  f[n++] = ann_pc_mix(ann_pc_mix(T(38), c[3]->ac), c[4]->ac);
  f[n++] = ann_pc_mix(ann_pc_mix(T(39), w->lw), c[3]->ac);
  f[n++] = ann_pc_mix(ann_pc_mix(ann_pc_mix(T(40), p1), w->ac), c[3]->ac);
  f[n++] = ann_pc_mix(T(41), w->ac2);
  f[n++] = ann_pc_mix(ann_pc_mix(T(42), w->ac2), w->ac);
  f[n++] = ann_pc_mix(ann_pc_mix(T(43), sf), w->shape);
  f[n++] = ann_pc_mix(ann_pc_mix(ann_pc_mix(T(44), sf), w->ac), w->flags);
  f[n++] = ann_pc_mix(ann_pc_mix(T(45), sf), w->lw);
  /* main verb or participle: what precedes and what follows an -ed word */
  f[n++] = ann_pc_mix(ann_pc_mix(ann_pc_mix(T(46), p1), w->suf[1]),
                      c[3]->ac);
  if (clu) {
#define CL_L(x) ((x)->cl & ANN_CL_FINE)
#define CL_R(x) (((x)->cl >> 10) & ANN_CL_FINE)
#define CL_C(x) (((x)->cl >> 20) & ANN_CL_COARSE)
    f[n++] = ann_pc_mix(T(70), CL_L(w));
    f[n++] = ann_pc_mix(T(71), CL_R(w));
    f[n++] = ann_pc_mix(T(72), CL_C(w));
    f[n++] = ann_pc_mix(T(73), CL_L(c[3]));
    f[n++] = ann_pc_mix(T(74), CL_R(c[1]));
    f[n++] = ann_pc_mix(T(75), CL_C(c[1]));
    f[n++] = ann_pc_mix(T(76), CL_C(c[3]));
    f[n++] = ann_pc_mix(ann_pc_mix(T(77), p1), CL_L(w));
    f[n++] = ann_pc_mix(ann_pc_mix(T(78), CL_L(w)), CL_R(w));
#define CL_W(x) ((x)->cl >> 26)
    f[n++] = ann_pc_mix(T(79), CL_W(w));
    f[n++] = ann_pc_mix(ann_pc_mix(T(80), CL_W(w)), w->flags);
    f[n++] = ann_pc_mix(ann_pc_mix(T(81), CL_W(w)), w->suf[1]);
    f[n++] = ann_pc_mix(ann_pc_mix(T(82), p1), CL_W(w));
    f[n++] = ann_pc_mix(T(83), CL_W(c[3]));
  }
  if (nam) {
    /* the project's name lists: first names, places, name keywords */
    f[n++] = ann_pc_mix(T(95), (uint64_t)w->nb << 16 | w->flags << 8 | sf);
    /* the lists of the capitalised neighbours next to it (up to 2 each
     * side, through capitalised words only): "Housing [Authority]" */
    uint32_t lnb = 0, rnb = 0;
    if (c[1]->flags & ANN_PW_UPPER) {
      lnb = c[1]->nb;
      if (c[0]->flags & ANN_PW_UPPER) lnb |= c[0]->nb;
    }
    if (c[3]->flags & ANN_PW_UPPER) {
      rnb = c[3]->nb;
      if (c[4]->flags & ANN_PW_UPPER) rnb |= c[4]->nb;
    }
    f[n++] = ann_pc_mix(T(96), (uint64_t)rnb << 16 | lnb << 8 | w->flags);
    f[n++] = ann_pc_mix(ann_pc_mix(T(97), (uint64_t)rnb << 8 | lnb), w->ac);
    f[n++] = ann_pc_mix(ann_pc_mix(T(98), w->nb), w->ac);
  }
  if (q) {
    f[n++] = ann_pc_mix(T(50), q[2]);
    f[n++] = ann_pc_mix(T(51), q[3]);
    f[n++] = ann_pc_mix(T(52), q[4]);
    f[n++] = ann_pc_mix(ann_pc_mix(T(53), q[3]), q[4]);
    f[n++] = ann_pc_mix(ann_pc_mix(T(54), q[2]), q[3]);
    f[n++] = ann_pc_mix(ann_pc_mix(T(55), w->lw), q[3]);
    f[n++] = ann_pc_mix(ann_pc_mix(T(56), p1), q[3]);
    f[n++] = ann_pc_mix(ann_pc_mix(ann_pc_mix(T(57), p1), q[2]), q[3]);
    f[n++] = ann_pc_mix(ann_pc_mix(T(58), w->suf[2]), q[3]);
    f[n++] = ann_pc_mix(ann_pc_mix(T(59), w->lw), q[2]);
  }
  return n;
}

/* ------------------------------------------------------------ lemmas -- */

int ann_lem_rule(const char *form, size_t flen, const char *lemma,
                 size_t llen, char *out, size_t outsize) {
  size_t best = (size_t)-1, bcut = 0, bp = 0;
  int blower = 0;
  for (int lower = 0; lower < 2; lower++) {
    size_t p = 0;
    while (p < flen && p < llen &&
           (lower ? lc(form[p]) : form[p]) == lemma[p])
      p++;
    size_t cost = (flen - p) + (llen - p);
    if (cost < best) {
      best = cost;
      bcut = flen - p;
      bp = p;
      blower = lower;
    }
  }
  if (bcut >= 60 || llen - bp + 3 > outsize) return -1;
  out[0] = blower ? 'L' : '=';
  out[1] = (char)('0' + bcut);
  memcpy(out + 2, lemma + bp, llen - bp);
  out[2 + llen - bp] = 0;
  return 0;
}

int ann_lem_apply(const char *rule, const char *form, size_t flen, char *out,
                  size_t outsize) {
  if (!rule[0] || !rule[1]) return -1;
  size_t cut = (size_t)(rule[1] - '0');
  if (cut > flen || rule[1] < '0') return -1;
  size_t keep = flen - cut, sl = 0;
  if (keep + 1 > outsize) return -1;
  if (rule[0] == 'L')
    for (size_t i = 0; i < keep; i++) out[i] = lc(form[i]);
  else
    memcpy(out, form, keep);
  /* the suffix is a few bytes: copied as it is measured */
  for (const char *r = rule + 2; *r; r++, sl++) {
    if (keep + sl + 2 > outsize) return -1;
    out[keep + sl] = *r;
  }
  out[keep + sl] = 0;
  return (int)(keep + sl);
}

uint64_t ann_lem_known_key(const char *form, size_t flen, const char *xpos) {
  return ann_pc_mix(ann_pc_hash(200, form, flen), ann_pc_hash_str(201, xpos));
}

/* The suffix key with the tag's hash (ann_pc_hash_str(201, xpos)) given. */
static uint64_t suffix_key(const char *form, size_t flen, size_t L,
                           uint64_t hx) {
  char tmp[ANN_LEM_MAXSUF];
  if (L > flen) L = flen;
  for (size_t i = 0; i < L; i++) tmp[i] = lc(form[flen - L + i]);
  return ann_pc_mix(ann_pc_hash(210 + L, tmp, L), hx);
}

uint64_t ann_lem_suffix_key(const char *form, size_t flen, size_t L,
                            const char *xpos) {
  return suffix_key(form, flen, L, ann_pc_hash_str(201, xpos));
}

/* ------------------------------------------------------------- model -- */

#define MAXCLASS 1024

struct ann_pos_model {
  ann_model *file;
  ann_pc pc, pc1; /* second and (optional) first pass */
  int two;
  const char **upos, **xpos; /* per class */
  char *names;               /* their storage */
  ann_kv known, suffix, lex, dict, clu, nam;
  uint32_t sfl; /* ANN_PS_CLU when the model has word classes, ANN_PS_NAM
                   when it has name lists */
  const char **rules;
  uint32_t nrules;
};

int ann_pos_classes(const ann_pos_model *m, const char *s, size_t len,
                    uint32_t *cl) {
  if (!m || !(m->sfl & ANN_PS_CLU)) return 0;
  /* only the lowered-word hash, as ann_pos_word_init computes it */
  ann_pos_word pw;
  char low[64];
  if (len <= sizeof low) {
    for (size_t i = 0; i < len; i++) low[i] = lc(s[i]);
    pw.lw = ann_pc_hash(3, low, len);
  } else {
    uint64_t h = 3;
    for (size_t i = 0; i < len; i += sizeof low) {
      size_t k = len - i < sizeof low ? len - i : sizeof low;
      for (size_t j = 0; j < k; j++) low[j] = lc(s[i + j]);
      h = ann_pc_hash(h, low, k);
    }
    pw.lw = h;
  }
  ann_pos_word_clu(&pw, &m->clu);
  *cl = pw.cl;
  return pw.cl != ANN_CL_NONE;
}

void ann_pos_free(ann_pos_model *m) {
  if (!m) return;
  ann_pc_close(&m->pc);
  ann_pc_close(&m->pc1);
  free(m->upos);
  free(m->xpos);
  free(m->names);
  free(m->rules);
  ann_model_free(m->file);
  free(m);
}

static int setup(ann_pos_model *m, ann_error *e) {
  const char *path = ann_model_path(m->file);
  int rc = ann_pc_load(&m->pc, m->file, "pos.pc", e);
  if (rc < 0) return rc;
  uint32_t nc = m->pc.nclasses;
  if (ann_model_section(m->file, "pos.pc1", NULL)) {
    if ((rc = ann_pc_load(&m->pc1, m->file, "pos.pc1", e)) < 0) return rc;
    if (m->pc1.nclasses != nc)
      return ann_fail(e, ANN_EMODEL, -1, "%s: passes disagree on classes",
                      path);
    m->two = 1;
  }
  if (nc > MAXCLASS)
    return ann_fail(e, ANN_EMODEL, -1, "%s: too many classes", path);
  size_t total = 0;
  for (uint32_t c = 0; c < nc; c++) total += 2 * strlen(m->pc.names[c]) + 2;
  m->upos = malloc(nc * sizeof *m->upos);
  m->xpos = malloc(nc * sizeof *m->xpos);
  m->names = malloc(total + 1);
  if (!m->upos || !m->xpos || !m->names)
    return ann_fail(e, ANN_ENOMEM, -1, "out of memory");
  char *p = m->names;
  for (uint32_t c = 0; c < nc; c++) {
    const char *nm = m->pc.names[c], *sp = strchr(nm, ' ');
    size_t ul = sp ? (size_t)(sp - nm) : strlen(nm);
    memcpy(p, nm, ul);
    p[ul] = 0;
    m->upos[c] = p;
    p += ul + 1;
    const char *x = sp ? sp + 1 : nm;
    size_t xl = strlen(x);
    memcpy(p, x, xl + 1);
    m->xpos[c] = p;
    p += xl + 1;
  }
  size_t sz;
  const void *b = ann_model_section(m->file, "pos.lex", &sz);
  if (b && (rc = ann_kv_open(&m->lex, b, sz, e)) < 0) goto bad;
  b = ann_model_section(m->file, "pos.clu", &sz);
  if (b) {
    if ((rc = ann_kv_open(&m->clu, b, sz, e)) < 0) goto bad;
    m->sfl = ANN_PS_CLU;
  }
  b = ann_model_section(m->file, "pos.nam", &sz);
  if (b) {
    if ((rc = ann_kv_open(&m->nam, b, sz, e)) < 0) goto bad;
    m->sfl |= ANN_PS_NAM;
  }
  b = ann_model_section(m->file, "pos.dict", &sz);
  if (b && (rc = ann_kv_open(&m->dict, b, sz, e)) < 0) goto bad;
  for (uint32_t i = 0; i < m->dict.cap; i++)
    if (m->dict.keys[i] && m->dict.vals[i] >= nc)
      return ann_fail(e, ANN_EMODEL, -1, "%s: bad tag dictionary", path);
  b = ann_model_section(m->file, "pos.lemk", &sz);
  if (b && (rc = ann_kv_open(&m->known, b, sz, e)) < 0) goto bad;
  b = ann_model_section(m->file, "pos.lems", &sz);
  if (b && (rc = ann_kv_open(&m->suffix, b, sz, e)) < 0) goto bad;
  const char *r = ann_model_section(m->file, "pos.lemt", &sz);
  if (r) {
    if (!sz || r[sz - 1])
      return ann_fail(e, ANN_EMODEL, -1, "%s: bad lemma rules", path);
    for (size_t i = 0; i < sz; i++) m->nrules += r[i] == 0;
    m->rules = malloc((m->nrules ? m->nrules : 1) * sizeof *m->rules);
    if (!m->rules) return ann_fail(e, ANN_ENOMEM, -1, "out of memory");
    uint32_t k = 0;
    for (size_t i = 0; i < sz; i += strlen(r + i) + 1) m->rules[k++] = r + i;
  }
  /* every value must name a rule */
  const ann_kv *t[2] = {&m->known, &m->suffix};
  for (int j = 0; j < 2; j++)
    for (uint32_t i = 0; i < t[j]->cap; i++)
      if (t[j]->keys[i] && t[j]->vals[i] >= m->nrules)
        return ann_fail(e, ANN_EMODEL, -1, "%s: bad lemma rule index", path);
  return 0;
bad:
  if (e) {
    char tmp[sizeof e->msg];
    memcpy(tmp, e->msg, sizeof tmp);
    ann_fail(e, rc, -1, "%s: %s", path, tmp);
  }
  return rc;
}

static int finish_open(ann_pos_model **out, ann_model *file, int rc,
                       ann_error *e) {
  if (rc < 0) return rc;
  ann_pos_model *m = calloc(1, sizeof *m);
  if (!m) {
    ann_model_free(file);
    return ann_fail(e, ANN_ENOMEM, -1, "out of memory");
  }
  m->file = file;
  if ((rc = setup(m, e)) < 0) {
    ann_pos_free(m);
    return rc;
  }
  *out = m;
  return 0;
}

int ann_pos_open(ann_pos_model **out, const char *path, ann_error *e) {
  *out = NULL;
  ann_model *f = NULL;
  int rc = ann_model_open(&f, path, ANN_POS_KIND, ANN_POS_VERSION, e);
  return finish_open(out, f, rc, e);
}

int ann_pos_open_mem(ann_pos_model **out, const void *data, size_t size,
                     ann_error *e) {
  *out = NULL;
  ann_model *f = NULL;
  int rc = ann_model_open_mem(&f, data, size, ANN_POS_KIND, ANN_POS_VERSION, e);
  return finish_open(out, f, rc, e);
}

/* ----------------------------------------------------------- tagging -- */

/* A word's known-form key, computed (and its table slot fetched) one word
 * ahead of the lookup; the suffix keys are needed only when it misses. */
static inline void kv_prefetch(const ann_kv *kv, uint64_t key) {
  if (!kv->cap) return;
  if (!key) key = 1;
  __builtin_prefetch(&kv->keys[(uint32_t)key & (kv->cap - 1)]);
}

static const char *lemma_rule(const ann_pos_model *m, const char *s,
                              size_t len, uint64_t hx, uint64_t known) {
  uint32_t v;
  if (ann_kv_get(&m->known, known, &v))
    return m->rules[v]; /* ann_lem_known_key */
  for (size_t L = len < ANN_LEM_MAXSUF ? len : ANN_LEM_MAXSUF;; L--) {
    if (ann_kv_get(&m->suffix, suffix_key(s, len, L, hx), &v))
      return m->rules[v];
    if (!L) break;
  }
  return "=0";
}

static int lemmatize(const ann_pos_model *m, const char *s, size_t len,
                     uint64_t hx, uint64_t known, ann_token *t, ann_arena *a) {
  const char *rule = m->nrules ? lemma_rule(m, s, len, hx, known) : "=0";
  char buf[256];
  int l = len < 200 ? ann_lem_apply(rule, s, len, buf, sizeof buf) : -1;
  t->lemma = l >= 0 ? ann_strndup(a, buf, (size_t)l) : ann_strndup(a, s, len);
  return t->lemma ? 0 : ANN_ENOMEM;
}

/* The words are hashed into a ring as the passes reach them: the first
 * pass runs two words ahead of the second (which reads its classes of
 * words i+1 and i+2), so the ring holds words i-2 .. i+4. */
#define RING 8
typedef struct ring {
  ann_pos_word w[RING];
  size_t n; /* words hashed so far */
} ring;

static void ensure(const ann_pos_model *m, ring *r, const char *text,
                   const ann_token *tok, size_t n, size_t upto) {
  while (r->n <= upto && r->n < n) {
    ann_pos_word *w = &r->w[r->n % RING];
    ann_pos_word_init(w, text + tok[r->n].start,
                      tok[r->n].end - tok[r->n].start);
    ann_pos_word_lex(w, &m->lex);
    ann_pos_word_clu(w, &m->clu);
    if (m->sfl & ANN_PS_NAM) ann_pos_word_nam(w, &m->nam);
    r->n++;
  }
}

static void context(const ring *r, size_t n, size_t i,
                    const ann_pos_word *ctx[5]) {
  for (int k = 0; k < 5; k++) {
    size_t j = i + (size_t)k;
    ctx[k] = j < 2 ? &ann_pos_pad_start
             : j - 2 >= n ? &ann_pos_pad_end
                          : &r->w[(j - 2) % RING];
  }
}

static uint32_t decide(const ann_pos_model *m, const ann_pc *pc,
                       const ann_pos_word *const ctx[5], uint32_t p1,
                       uint32_t p2, uint32_t sf, const uint32_t *q5) {
  uint32_t c;
  if (ann_kv_get(&m->dict, ctx[2]->w, &c)) return c;
  uint64_t f[ANN_POS_MAXF];
  int32_t sc[MAXCLASS];
  size_t nf = ann_pos_features(ctx, p1, p2, sf, q5, f);
  ann_pc_scores(pc, f, nf, sc);
  return ann_pc_argmax(sc, pc->nclasses);
}

int ann_pos_tag(const ann_pos_model *m, const char *text, ann_token *tok,
                size_t n, ann_arena *a) {
  ring r;
  r.n = 0;
  const ann_pos_word *ctx[5];
  uint32_t nc = m->pc.nclasses, p1 = nc, p2 = nc, a1 = nc, a2 = nc;
  uint32_t qr[8], q5[5];
  size_t qn = 0;
  uint32_t sf = ann_pos_sentence_flags(text, &tok[0].start, &tok[0].end,
                                       sizeof *tok / sizeof(uint32_t), n) |
                m->sfl;
  for (size_t i = 0; i < n; i++) {
    if (m->two) {
      while (qn < n && qn <= i + 2) {
        ensure(m, &r, text, tok, n, qn + 2);
        context(&r, n, qn, ctx);
        uint32_t c = decide(m, &m->pc1, ctx, a1, a2, sf, NULL);
        qr[qn & 7] = c;
        a2 = a1;
        a1 = c;
        qn++;
      }
      for (int k = 0; k < 5; k++) {
        size_t j = i + (size_t)k;
        q5[k] = j < 2 || j - 2 >= n ? nc : qr[(j - 2) & 7];
      }
    }
    ensure(m, &r, text, tok, n, i + 2);
    context(&r, n, i, ctx);
    uint32_t c = decide(m, &m->pc, ctx, p1, p2, sf, m->two ? q5 : NULL);
    tok[i].upos = m->upos[c];
    tok[i].xpos = m->xpos[c];
    p2 = p1;
    p1 = c;
  }
  /* lemmas: word i+1's known-form slot is fetched before word i is
   * looked up; the tags are a few shared strings, hashed once per
   * distinct pointer */
  const char *px[16] = {0};
  uint64_t ph[16], hk[2] = {0, 0}, kk[2] = {0, 0};
  for (size_t i = 0; i <= n; i++) {
    if (i < n && m->nrules) {
      size_t c = ((uintptr_t)tok[i].xpos >> 3) % 16;
      if (px[c] != tok[i].xpos) {
        px[c] = tok[i].xpos;
        ph[c] = ann_pc_hash_str(201, px[c]);
      }
      uint64_t hx = ph[c];
      hk[i & 1] = hx;
      kk[i & 1] = ann_pc_mix(
          ann_pc_hash(200, text + tok[i].start, tok[i].end - tok[i].start),
          hx);
      kv_prefetch(&m->known, kk[i & 1]);
    }
    if (i > 0 && lemmatize(m, text + tok[i - 1].start,
                           tok[i - 1].end - tok[i - 1].start, hk[(i - 1) & 1],
                           kk[(i - 1) & 1], &tok[i - 1], a) < 0)
      return ANN_ENOMEM;
  }
  return 0;
}

/* ------------------------------------------------------------- stage -- */

static int pos_open(const ann_pipeline *p, void **state, ann_error *e) {
  char path[1100];
  ann_pipeline_path(p, "models", "pos.bin", path, sizeof path);
  return ann_pos_open((ann_pos_model **)state, path, e);
}

static void pos_close(void *state) { ann_pos_free(state); }

static int pos_run(const void *state, const ann_pipeline *p, ann_doc *d) {
  for (size_t s = 0; s < d->sentences.n; s++) {
    const ann_sentence *se = &d->sentences.v[s];
    if (ann_pos_tag(state, d->text, d->tokens.v + se->tok_begin,
                    se->tok_end - se->tok_begin, d->arena) < 0)
      return ann_doc_fail(d, ANN_ENOMEM, "pos: document over the memory cap");
  }
  return 0;
}

const ann_stage ann_stage_pos = {.name = "pos",
                                 .bit = ANN_STAGE_POS,
                                 .open = pos_open,
                                 .close = pos_close,
                                 .run = pos_run};
