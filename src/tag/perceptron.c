/*
 * perceptron.c — averaged perceptron: trainer and compiled scorer
 * (see perceptron.h for the design and a usage sketch).
 *
 * Blob layout "APC3" (little-endian u32 words, the whole blob 4-byte
 * aligned), laid out so that a feature costs one cache miss where
 * possible:
 *   header  16 words: magic "APC3" | nclasses | cap | nent | scale (f32
 *           bits) | names_len | nfeat | lb | 0 ... 0 (64 bytes, so that
 *           the slots start on a cache line where the section does: the
 *           model writer aligns sections to 64 bytes)
 *   slots   [cap] x { fingerprint, value }: fingerprint 0 = empty; value
 *           with bit 31 set (INLINE) holds the feature's weights inline:
 *           an entry word 1 << 31 | MORE (bit 30) | next (bits 27-29) |
 *           class << 16 (class < 2048) | uint16 weight; with MORE set, the
 *           feature's next weight is the value word of slot next of the
 *           same group of 8 slots (one 64-byte line), an empty slot, whose
 *           value word is again an entry word, and so on: the small blocks
 *           of a line's features live in its empty slots, so that most
 *           features cost one line. Otherwise the value is the index into
 *           ent of the feature's block
 *   ent     [nent]  blocks in slot order. A block starts with a word
 *           count k (number of non-zero weights) | DENSE (bit 31):
 *           sparse: k x (class << 16 | uint16 weight);
 *           dense (when 4k >= nclasses): (nclasses + 1) / 2 words of
 *           int16 weights for classes 0, 1, ... (class 2j in the low half
 *           of word j), added with vector instructions
 *   names   names_len bytes: class names, each NUL-terminated, padded
 *   filter  (when lb > 0) from the next 64-byte boundary, 2^lb 64-bit
 *           words: each feature in the table sets two bits of one word
 *           (filt_bits() of its fingerprint), ~4 bits per feature, so ~9% of
 *           the lookups of absent features pass it: the others cost no
 *           slot line (a quarter of the parser's lookups are of absent
 *           features; the filter, 256 KB for the parser, stays in L2)
 * A feature hash h probes slots (h + i) & (cap - 1) and matches on
 * fingerprint (h >> 32) | 1. Two features that share both a probe chain and
 * a fingerprint merge into the first: rare enough (2^-32 per pair) to
 * ignore, and never unsafe.
 *
 * The previous layout "APC2" is APC3 with an 8-word header and no chains
 * (each inline value one weight); it is still read (same scorer). The
 * trainer compiles to the older three-array "APC1" layout (fp[cap],
 * off[cap], ent[]) and re-lays it out with ann_pc_relayout, the function
 * tools/pc_relayout.c uses on existing model files (APC1 or APC2): the slot
 * positions and weights are kept, so a converted model scores exactly as
 * before and is byte-identical to one the trainer builds from the same
 * weights.
 */
#include "tag/perceptron.h"

#include "annalist/model.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>


#define MAGIC 0x33435041u    /* "APC3" */
#define MAGIC_V2 0x32435041u /* "APC2" */
#define MAGIC_V1 0x31435041u /* "APC1" */
#define HDR 8                /* header words of APC1 and APC2 */
#define HDR3 16              /* of APC3 */
#define INLINE 0x80000000u
#define MORE 0x40000000u
#define FILT_MUL 0x9E3779B97F4A7C15ull
#ifndef FILT_BITS
#define FILT_BITS 4 /* filter bits per feature (rounded up to a power of 2) */
#endif
#define DENSE 0x80000000u
/* An inline entry word's class, and the slot (in its group of 8) of the
 * feature's next weight when MORE is set. */
#define ECLASS(v) (((v) >> 16) & 0x7ffu)
#define ENEXT(v) (((v) >> 27) & 7u)
#define MAXCLS_INLINE 2048u

static uint32_t fingerprint(uint64_t h) { return (uint32_t)(h >> 32) | 1u; }

/* The filter (APC3, optional): 2^lb 64-bit words; a feature sets two
 * bits of one word, chosen by its fingerprint, so a feature whose bits are
 * not both set is not in the table: its lookup is skipped without
 * fetching its slot line (a quarter of the parser's lookups miss). */
static inline uint64_t filt_bits(uint32_t fp, uint64_t *word, unsigned lb) {
  uint64_t x = (uint64_t)fp * FILT_MUL;
  *word = x >> (64 - lb);
  return 1ull << ((x >> 20) & 63) | 1ull << ((x >> 26) & 63);
}

/* Whether the filter lets fingerprint fp through (1) or rules it out
 * (0), sh = 64 - lb: the one test, at load and on every batched lookup.
 * The bits of filt_bits, tested by shifting the word: branch-free, and on
 * the lookup path ~1% faster than masking with filt_bits's result
 * (bench/ab_speed.sh), as is passing the shift rather than lb. */
static inline uint32_t filt_has(const uint32_t *filt, unsigned sh,
                                uint32_t fp) {
  uint64_t x = (uint64_t)fp * FILT_MUL, w;
  memcpy(&w, filt + 2 * (x >> sh), 8);
  return (uint32_t)(w >> ((x >> 20) & 63) & w >> ((x >> 26) & 63) & 1);
}

/* Where the filter starts (in words from the blob's start): after the
 * class names, on a 64-byte boundary. */
static size_t filt_at(size_t cap, size_t nent, size_t nlen) {
  return ((HDR3 + 2 * cap + nent + (nlen + 3) / 4) + 15) & ~(size_t)15;
}

/* Words of a dense block's weights. */
static uint32_t dense_words(uint32_t nc) { return (nc + 1) / 2; }

/* Whether the header's counts describe a table that fits in size bytes
 * (both layouts share the geometry: header, 2 x cap slot words, nent
 * entry words, then the class names). */
static bool header_fits(const uint32_t *w, size_t size, size_t hdr) {
  uint32_t nc = w[1], cap = w[2], nent = w[3], nlen = w[5];
  float scale;
  memcpy(&scale, &w[4], 4);
  size_t words = size / 4;
  return nc != 0 && nc <= 65535 && cap != 0 && !(cap & (cap - 1)) &&
         cap <= words && nent <= words &&
         hdr + 2 * (size_t)cap + nent <= words &&
         nlen <= size - (hdr + 2 * (size_t)cap + nent) * 4 &&
         scale > 0 && isfinite(scale);
}

/* ---------------------------------------------------------- run time -- */

int ann_pc_open(ann_pc *m, const void *blob, size_t size, ann_error *e) {
  memset(m, 0, sizeof *m);
  const uint32_t *w = blob;
  if (blob && !((uintptr_t)blob & 3) && size >= HDR * 4 && w[0] == MAGIC_V1)
    return ann_fail(e, ANN_EMODEL, 0,
                    "perceptron: weight table in the old APC1 layout; "
                    "convert the model with pc_relayout (or retrain it)");
  if (!blob || ((uintptr_t)blob & 3) || size < HDR * 4 ||
      (w[0] != MAGIC && w[0] != MAGIC_V2))
    return ann_fail(e, ANN_EMODEL, 0, "perceptron: not a weight table");
  int v2 = w[0] == MAGIC_V2;
  size_t hdr = v2 ? HDR : HDR3;
  uint32_t nc = w[1], cap = w[2], nent = w[3], nlen = w[5];
  float scale;
  memcpy(&scale, &w[4], 4);
  if (size < hdr * 4 || !header_fits(w, size, hdr))
    return ann_fail(e, ANN_EMODEL, 0, "perceptron: bad header");
  m->nclasses = nc;
  m->cap = cap;
  m->nent = nent;
  m->nfeat = w[6];
  m->scale = scale;
  m->slot = w + hdr;
  m->ent = m->slot + 2 * (size_t)cap;
  uint32_t lb = v2 ? 0 : w[7];
  if (lb) {
    size_t at = filt_at(cap, nent, nlen);
    if (lb > 30 || at > size / 4 || ((size_t)2 << lb) > size / 4 - at)
      return ann_fail(e, ANN_EMODEL, 0, "perceptron: bad filter");
    m->filt = w + at;
    m->filt_log2 = lb;
  }
  /* every slot in use must hold valid classes (inline, along a chain of
   * empty slots in its group of 8 that ends) or point at a block inside
   * ent, with valid classes; at least one slot must be empty so that a
   * miss terminates */
  uint32_t used = 0, dw = dense_words(nc);
  for (uint32_t i = 0; i < cap; i++) {
    if (!m->slot[2 * i]) continue;
    used++;
    if (lb) { /* the filter must let every feature of the table through */
      if (!filt_has(m->filt, 64 - lb, m->slot[2 * i]))
        return ann_fail(e, ANN_EMODEL, 0, "perceptron: filter misses slot %u",
                        i);
    }
    uint32_t v = m->slot[2 * i + 1];
    if (v & INLINE) {
      if (v2 && (v & (MORE | 7u << 27)))
        return ann_fail(e, ANN_EMODEL, 0,
                        "perceptron: APC2 table with a class over 2047 in "
                        "slot %u; convert the model with pc_relayout", i);
      for (uint32_t hops = 0;; hops++) {
        if (ECLASS(v) >= nc)
          return ann_fail(e, ANN_EMODEL, 0,
                          "perceptron: bad class in slot %u", i);
        if (!(v & MORE)) break;
        uint32_t p = (i & ~7u) + ENEXT(v);
        if (hops >= 7 || p >= cap || m->slot[2 * p])
          return ann_fail(e, ANN_EMODEL, 0,
                          "perceptron: bad weight chain in slot %u", i);
        v = m->slot[2 * p + 1];
      }
      continue;
    }
    if (v >= nent)
      return ann_fail(e, ANN_EMODEL, 0, "perceptron: slot %u out of bounds",
                      i);
    uint32_t hd = m->ent[v];
    if (hd & DENSE) {
      if (dw > nent - v - 1)
        return ann_fail(e, ANN_EMODEL, 0, "perceptron: slot %u out of bounds",
                        i);
      continue;
    }
    if (hd > nent - v - 1)
      return ann_fail(e, ANN_EMODEL, 0, "perceptron: slot %u out of bounds",
                      i);
    for (uint32_t k = 1; k <= hd; k++)
      if ((m->ent[v + k] >> 16) >= nc)
        return ann_fail(e, ANN_EMODEL, 0, "perceptron: bad class in slot %u",
                        i);
  }
  if (used >= cap)
    return ann_fail(e, ANN_EMODEL, 0, "perceptron: table full");
  const char *names = (const char *)(m->ent + nent);
  m->names = malloc(nc * sizeof *m->names);
  if (!m->names) return ann_fail(e, ANN_ENOMEM, -1, "out of memory");
  size_t p = 0;
  for (uint32_t c = 0; c < nc; c++) {
    const char *z = p < nlen ? memchr(names + p, 0, nlen - p) : NULL;
    if (!z) {
      free(m->names);
      m->names = NULL;
      return ann_fail(e, ANN_EMODEL, 0, "perceptron: class names truncated");
    }
    m->names[c] = names + p;
    p = (size_t)(z - names) + 1;
  }
  return 0;
}

int ann_pc_load(ann_pc *m, const ann_model *model, const char *section,
                ann_error *e) {
  size_t size;
  const void *b = ann_model_section(model, section, &size);
  if (!b) {
    memset(m, 0, sizeof *m);
    return ann_fail(e, ANN_EMODEL, -1, "%s: no section '%s'",
                    ann_model_path(model), section);
  }
  int rc = ann_pc_open(m, b, size, e);
  if (rc < 0 && e) {
    char tmp[sizeof e->msg];
    memcpy(tmp, e->msg, sizeof tmp);
    ann_fail(e, rc, e->offset, "%s: section '%s': %s", ann_model_path(model),
             section, tmp);
  }
  return rc;
}

void ann_pc_close(ann_pc *m) {
  if (!m) return;
  free(m->names);
  m->names = NULL;
}

/* The slot of feature h, or NULL. */
static inline const uint32_t *lookup(const ann_pc *m, uint64_t h) {
  uint32_t fp = fingerprint(h), mask = m->cap - 1;
  for (uint32_t i = (uint32_t)h & mask;; i = (i + 1) & mask) {
    uint32_t s = m->slot[2 * i];
    if (s == fp) return &m->slot[2 * i];
    if (!s) return NULL;
  }
}

static inline int32_t w16(uint32_t v) { return (int16_t)(uint16_t)(v & 0xffff); }

#if defined(__SSE2__) && (defined(__x86_64__) || defined(__i386__)) &&   \
    defined(__GNUC__)
#define PC_X86 1
#include <immintrin.h>
#endif

/* Dense blocks: int16 weights of classes 0 .. nc-1 (little-endian: word
 * j's low half is class 2j) added to int32 scores. */
static inline void add_dense_tail(const uint32_t *d, uint32_t c, uint32_t nc,
                                  int32_t *scores) {
  for (; c < nc; c++) scores[c] += w16(d[c / 2] >> (16 * (c & 1)));
}

#ifdef PC_X86
static inline uint32_t add_dense8(const uint32_t *d, uint32_t c, uint32_t nc,
                                  int32_t *scores) {
  for (; c + 8 <= nc; c += 8) {
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(d + c / 2));
    __m128i lo = _mm_srai_epi32(_mm_unpacklo_epi16(v, v), 16);
    __m128i hi = _mm_srai_epi32(_mm_unpackhi_epi16(v, v), 16);
    __m128i *s = (__m128i *)(void *)(scores + c);
    _mm_storeu_si128(s, _mm_add_epi32(_mm_loadu_si128(s), lo));
    _mm_storeu_si128(s + 1, _mm_add_epi32(_mm_loadu_si128(s + 1), hi));
  }
  return c;
}

static inline void add_dense_sse2(const uint32_t *d, uint32_t nc,
                                  int32_t *scores) {
  add_dense_tail(d, add_dense8(d, 0, nc, scores), nc, scores);
}

__attribute__((target("avx2"))) static inline void
add_dense_avx2(const uint32_t *d, uint32_t nc, int32_t *scores) {
  uint32_t c = 0;
  for (; c + 16 <= nc; c += 16) {
    __m128i a = _mm_loadu_si128((const __m128i *)(const void *)(d + c / 2));
    __m128i b =
        _mm_loadu_si128((const __m128i *)(const void *)(d + c / 2 + 4));
    __m256i *s = (__m256i *)(void *)(scores + c);
    _mm256_storeu_si256(
        s, _mm256_add_epi32(_mm256_loadu_si256(s), _mm256_cvtepi16_epi32(a)));
    _mm256_storeu_si256(s + 1, _mm256_add_epi32(_mm256_loadu_si256(s + 1),
                                                _mm256_cvtepi16_epi32(b)));
  }
  add_dense_tail(d, add_dense8(d, c, nc, scores), nc, scores);
}

/* AVX-512 (BW for the 16-bit loads): 16 classes a step and the last few
 * under a mask, no scalar tail (which was most of the instructions of a
 * 102- or 103-class block). */
#define PC_AVX512 "avx512f,avx512bw,avx512vl"
__attribute__((target(PC_AVX512))) static inline void
add_dense_avx512(const uint32_t *d, uint32_t nc, int32_t *scores) {
  uint32_t c = 0;
  for (; c + 16 <= nc; c += 16) {
    __m512i w = _mm512_cvtepi16_epi32(
        _mm256_loadu_si256((const __m256i *)(const void *)(d + c / 2)));
    _mm512_storeu_si512(scores + c,
                        _mm512_add_epi32(_mm512_loadu_si512(scores + c), w));
  }
  if (nc - c <= 2) { /* one or two classes left (the NER's 17): scalar */
    add_dense_tail(d, c, nc, scores);
  } else {
    __mmask16 k = (__mmask16)((1u << (nc - c)) - 1);
    __m512i w = _mm512_cvtepi16_epi32(_mm256_maskz_loadu_epi16(
        k, (const void *)(d + c / 2)));
    _mm512_mask_storeu_epi32(
        scores + c, k,
        _mm512_add_epi32(_mm512_maskz_loadu_epi32(k, scores + c), w));
  }
}
#endif

static inline void add_sparse(const uint32_t *b, uint32_t k,
                              int32_t *scores) {
  for (uint32_t j = 1; j <= k; j++) scores[b[j] >> 16] += w16(b[j]);
}

static void add_block(const uint32_t *b, uint32_t nc, int32_t *scores) {
  uint32_t k = b[0];
  if (!(k & DENSE))
    add_sparse(b, k, scores);
#ifdef PC_X86
  else
    add_dense_sse2(b + 1, nc, scores);
#else
  else
    add_dense_tail(b + 1, 0, nc, scores);
#endif
}

/* Add the inline weights starting with value v of slot j: the first in v,
 * the others along the chain through the empty slots of j's group of 8
 * (validated by ann_pc_open to end). */
static inline void add_inline(const uint32_t *slot, uint32_t j, uint32_t v,
                              int32_t *scores) {
  scores[ECLASS(v)] += w16(v);
  if (v & MORE) {
    const uint32_t *g = slot + 2 * (j & ~7u) + 1;
    do {
      v = g[2 * ENEXT(v)];
      scores[ECLASS(v)] += w16(v);
    } while (v & MORE);
  }
}

void ann_pc_add(const ann_pc *m, uint64_t f, int32_t *scores) {
  const uint32_t *s = lookup(m, f);
  if (!s) return;
  uint32_t v = s[1];
  if (v & INLINE)
    add_inline(m->slot, (uint32_t)((s - m->slot) / 2), v, scores);
  else
    add_block(m->ent + v, m->nclasses, scores);
}

/* The table is larger than the cache and the loads of one decision's
 * features are independent, so the misses are overlapped in passes over
 * batches of (up to PC_BATCH) features: prefetch the slots, then probe
 * them (adding inline weights at once) and prefetch the blocks, then add
 * the blocks up, those of one batch after the next batch's probes (so
 * that the block lines arrive meanwhile). The body is instantiated per
 * instruction set (dense blocks with AVX2 or AVX-512 where the processor
 * has it). */
/* Features looked up per batch. Measured on the parser (~170 features a
 * decision): 32 beat 64 by ~3%, 16 and 256 were slower (too few misses in
 * flight, or more prefetched lines than the cache keeps till used). */
#define PC_BATCH 32
/* A probe that walks off the end of a cache line is parked (its next
 * line prefetched) and resumed after the batch's other probes, so that
 * such misses overlap too instead of stalling one by one (12% of the
 * parser's probes cross a line: its table is 69% full). The next batch's
 * slots are prefetched once this batch's first probes are done, so they
 * arrive while this batch's blocks are added. (Prefetching every line of
 * the blocks before adding any was slower.) */
#define LINE_END(p) (!((uintptr_t)(const void *)(p)&63))
/* Batch [s0, s0 + PC_BATCH) of f into probe list t (pj2/pfp2/po2[t],
 * np2[t]), its slots prefetched; with a filter, the features it rules out
 * are left out (no slot line fetched for them). */
#define PREP_BATCH(t, s0, OUT)                                                 \
  do {                                                                         \
    size_t q_ = 0, e_ = n - (s0) < PC_BATCH ? n - (s0) : PC_BATCH;             \
    for (size_t i = (s0); i < (s0) + e_; i++) {                                \
      uint32_t fpv = fingerprint(f[i]);                                        \
      uint32_t keep = filt ? filt_has(filt, fsh, fpv) : 1;                     \
      uint32_t j_ = (uint32_t)f[i] & mask;                                     \
      pj2[t][q_] = j_;                                                         \
      pfp2[t][q_] = fpv;                                                       \
      SETO(po2[t][q_], OUT(i));                                                \
      /* branch-free: a feature ruled out prefetches slot 0 (in cache) */      \
      __builtin_prefetch(&slot[(size_t)2 * j_ & ((size_t)0 - keep)]);          \
      q_ += keep;                                                              \
    }                                                                          \
    np2[t] = q_;                                                               \
  } while (0)
#define SCORES_BODY(ADD_DENSE, OUT)                                             \
  uint32_t nc = m->nclasses;                                                 \
  uint32_t mask = m->cap - 1;                                                \
  const uint32_t *slot = m->slot, *ent = m->ent, *filt = m->filt;            \
  unsigned fsh = 64 - m->filt_log2;                                          \
  const uint32_t *blk2[2][PC_BATCH];                                         \
  uint32_t pj2[2][PC_BATCH], pfp2[2][PC_BATCH];                              \
  int32_t *bo2[2][PC_BATCH], *po2[2][PC_BATCH];                              \
  size_t kprev = 0, np2[2];                                                  \
  (void)bo2, (void)po2;                                                      \
  if (n) PREP_BATCH(0, 0, OUT);                                              \
  for (size_t s = 0; s < n; s += PC_BATCH) {                                 \
    size_t e = n - s < PC_BATCH ? n - s : PC_BATCH, k = 0;                   \
    int first = 1, cur = (int)(s / PC_BATCH) & 1;                            \
    const uint32_t **blk = blk2[cur];                                        \
    int32_t **bo = bo2[cur], **po = po2[cur];                                \
    uint32_t *pj = pj2[cur], *pfp = pfp2[cur];                               \
    size_t np = np2[cur];                                                    \
    (void)bo, (void)po;                                                      \
    while (np || first) {                                                    \
      size_t nq = 0;                                                         \
      for (size_t i = 0; i < np; i++) {                                      \
        uint32_t fp = pfp[i];                                                \
        int32_t *o = GETO(po[i]);                                            \
        for (uint32_t j = pj[i];;) {                                         \
          uint32_t x = slot[2 * j];                                          \
          if (x == fp) {                                                     \
            uint32_t v = slot[2 * j + 1];                                    \
            if (v & INLINE) {                                                \
              add_inline(slot, j, v, o);                                     \
            } else {                                                         \
              __builtin_prefetch(ent + v);                                   \
              SETO(bo[k], o);                                                \
              blk[k++] = ent + v;                                            \
            }                                                                \
            break;                                                           \
          }                                                                  \
          if (!x) break;                                                     \
          j = (j + 1) & mask;                                                \
          if (LINE_END(&slot[2 * j])) {                                      \
            __builtin_prefetch(&slot[2 * j]);                                \
            pj[nq] = j;                                                      \
            pfp[nq] = fp;                                                    \
            SETO(po[nq], o);                                                 \
            nq++;                                                            \
            break;                                                           \
          }                                                                  \
        }                                                                    \
      }                                                                      \
      np = nq;                                                               \
      if (first) { /* the next batch's slots while this one finishes */     \
        first = 0;                                                           \
        if (s + e < n) PREP_BATCH(cur ^ 1, s + e, OUT);                      \
      }                                                                      \
    }                                                                        \
    /* the previous batch's blocks, fetched while this one was probed */   \
    for (size_t i = 0; i < kprev; i++) {                                     \
      const uint32_t *b = blk2[cur ^ 1][i];                                  \
      if (b[0] & DENSE)                                                      \
        ADD_DENSE(b + 1, nc, GETO(bo2[cur ^ 1][i]));                         \
      else                                                                   \
        add_sparse(b, b[0], GETO(bo2[cur ^ 1][i]));                          \
    }                                                                        \
    kprev = k;                                                               \
  }                                                                          \
  {                                                                          \
    int last = n ? (int)((n - 1) / PC_BATCH) & 1 : 0;                        \
    for (size_t i = 0; i < kprev; i++) {                                     \
      const uint32_t *b = blk2[last][i];                                     \
      if (b[0] & DENSE)                                                      \
        ADD_DENSE(b + 1, nc, GETO(bo2[last][i]));                            \
      else                                                                   \
        add_sparse(b, b[0], GETO(bo2[last][i]));                             \
    }                                                                        \
  }

/* Where a feature's weights go: one score array (ONE: the bookkeeping
 * below compiles away) or one per feature (MANY: out[dst[i]]). */
#define ONE(i) scores
#define MANY(i) out[dst[i]]
#define SETO(a, v) ((void)0)
#define GETO(a) scores
#ifdef PC_X86
static void scores_sse2(const ann_pc *m, const uint64_t *f, size_t n,
                        int32_t *scores) {
  SCORES_BODY(add_dense_sse2, ONE)
}

__attribute__((target("avx2"))) static void
scores_avx2(const ann_pc *m, const uint64_t *f, size_t n, int32_t *scores) {
  SCORES_BODY(add_dense_avx2, ONE)
}

/* For 18 to 128 classes, the dense blocks are summed in eight vector
 * registers (16 classes each; masked loads past the last class read
 * nothing) and added to scores once at the end: no store and reload of
 * the scores per block. */
#define ACC_CHUNK(j, d)                                                        \
  a##j = _mm512_add_epi32(                                                     \
      a##j, _mm512_cvtepi16_epi32(_mm256_maskz_loadu_epi16(                    \
                km[j], (const void *)((const uint16_t *)(const void *)(d) +    \
                                      16 * (j)))))
#define ADD_DENSE_ACC(d, nc, o)                                                \
  do {                                                                         \
    const void *d_ = (d);                                                      \
    (void)(nc), (void)(o);                                                     \
    ACC_CHUNK(0, d_); ACC_CHUNK(1, d_); ACC_CHUNK(2, d_); ACC_CHUNK(3, d_);    \
    ACC_CHUNK(4, d_); ACC_CHUNK(5, d_); ACC_CHUNK(6, d_); ACC_CHUNK(7, d_);    \
  } while (0)
#define ACC_FLUSH(j)                                                           \
  _mm512_mask_storeu_epi32(                                                    \
      scores + 16 * (j), km[j],                                                \
      _mm512_add_epi32(_mm512_maskz_loadu_epi32(km[j], scores + 16 * (j)),     \
                       a##j))

/* The same for up to 32 classes (the NER's 17): two registers. */
#define ADD_DENSE_ACC2(d, nc, o)                                               \
  do {                                                                         \
    const void *d_ = (d);                                                      \
    (void)(nc), (void)(o);                                                     \
    ACC_CHUNK(0, d_); ACC_CHUNK(1, d_);                                        \
  } while (0)

static inline void acc_masks(__mmask16 *km, uint32_t nc) {
  for (uint32_t j = 0; j < 8; j++) {
    uint32_t lo = 16 * j;
    km[j] = lo >= nc ? 0
            : nc - lo >= 16 ? (__mmask16)0xffff
                            : (__mmask16)((1u << (nc - lo)) - 1);
  }
}

__attribute__((target(PC_AVX512))) static void
scores_avx512(const ann_pc *m, const uint64_t *f, size_t n, int32_t *scores) {
  if (m->nclasses > 128) {
    SCORES_BODY(add_dense_avx512, ONE)
    return;
  }
  __mmask16 km[8];
  acc_masks(km, m->nclasses);
  __m512i a0 = _mm512_setzero_si512(), a1 = a0, a2 = a0, a3 = a0, a4 = a0,
          a5 = a0, a6 = a0, a7 = a0;
  if (m->nclasses <= 32) {
    {
      SCORES_BODY(ADD_DENSE_ACC2, ONE)
    }
    ACC_FLUSH(0); ACC_FLUSH(1);
    return;
  }
  {
    SCORES_BODY(ADD_DENSE_ACC, ONE)
  }
  ACC_FLUSH(0); ACC_FLUSH(1); ACC_FLUSH(2); ACC_FLUSH(3);
  ACC_FLUSH(4); ACC_FLUSH(5); ACC_FLUSH(6); ACC_FLUSH(7);
}
#else
static inline void add_dense_c(const uint32_t *d, uint32_t nc,
                               int32_t *scores) {
  add_dense_tail(d, 0, nc, scores);
}
static void scores_c(const ann_pc *m, const uint64_t *f, size_t n,
                     int32_t *scores) {
  SCORES_BODY(add_dense_c, ONE)
}
#endif

#undef SETO
#undef GETO
#define SETO(a, v) ((a) = (v))
#define GETO(a) (a)
#ifdef PC_X86
static void scores_multi_sse2(const ann_pc *m, const uint64_t *f,
                              const uint8_t *dst, size_t n,
                              int32_t *const *out) {
  SCORES_BODY(add_dense_sse2, MANY)
}

__attribute__((target("avx2"))) static void
scores_multi_avx2(const ann_pc *m, const uint64_t *f, const uint8_t *dst,
                  size_t n, int32_t *const *out) {
  SCORES_BODY(add_dense_avx2, MANY)
}

/* Several score arrays, up to 32 classes (the NER's cache row and score):
 * the dense blocks of the first two arrays met are summed in registers
 * (two each), any other array's in memory. */
#define ADD_DENSE_ACC2M(d, nc, o)                                              \
  do {                                                                         \
    const uint16_t *d_ = (const uint16_t *)(const void *)(d);                  \
    int32_t *o_ = (o);                                                         \
    __m512i w0 = _mm512_cvtepi16_epi32(_mm256_maskz_loadu_epi16(km[0], d_));   \
    __m512i w1 =                                                               \
        _mm512_cvtepi16_epi32(_mm256_maskz_loadu_epi16(km[1], d_ + 16));       \
    if (o_ != oa && !oa) oa = o_;                                              \
    else if (o_ != oa && o_ != ob && !ob) ob = o_;                             \
    if (o_ == oa) {                                                            \
      a0 = _mm512_add_epi32(a0, w0);                                           \
      a1 = _mm512_add_epi32(a1, w1);                                           \
    } else if (o_ == ob) {                                                     \
      b0 = _mm512_add_epi32(b0, w0);                                           \
      b1 = _mm512_add_epi32(b1, w1);                                           \
    } else {                                                                   \
      add_dense_avx512(d, nc, o_);                                             \
    }                                                                          \
  } while (0)
#define ACC_FLUSH_TO(o, a, j)                                                  \
  _mm512_mask_storeu_epi32(                                                    \
      (o) + 16 * (j), km[j],                                                   \
      _mm512_add_epi32(_mm512_maskz_loadu_epi32(km[j], (o) + 16 * (j)), a))

__attribute__((target(PC_AVX512))) static void
scores_multi_avx512(const ann_pc *m, const uint64_t *f, const uint8_t *dst,
                    size_t n, int32_t *const *out) {
  if (m->nclasses > 32) {
    SCORES_BODY(add_dense_avx512, MANY)
    return;
  }
  __mmask16 km[8];
  acc_masks(km, m->nclasses);
  __m512i a0 = _mm512_setzero_si512(), a1 = a0, b0 = a0, b1 = a0;
  int32_t *oa = NULL, *ob = NULL;
  {
    SCORES_BODY(ADD_DENSE_ACC2M, MANY)
  }
  if (oa) {
    ACC_FLUSH_TO(oa, a0, 0);
    ACC_FLUSH_TO(oa, a1, 1);
  }
  if (ob) {
    ACC_FLUSH_TO(ob, b0, 0);
    ACC_FLUSH_TO(ob, b1, 1);
  }
}
#else
static void scores_multi_c(const ann_pc *m, const uint64_t *f,
                           const uint8_t *dst, size_t n, int32_t *const *out) {
  SCORES_BODY(add_dense_c, MANY)
}
#endif

#ifdef PC_X86
static inline int has_avx512(void) {
  return __builtin_cpu_supports("avx512f") &&
         __builtin_cpu_supports("avx512bw") &&
         __builtin_cpu_supports("avx512vl");
}
#endif

void ann_pc_scores_multi(const ann_pc *m, const uint64_t *f,
                         const uint8_t *dst, size_t n, int32_t *const *out) {
#ifdef PC_X86
  if (has_avx512())
    scores_multi_avx512(m, f, dst, n, out);
  else if (__builtin_cpu_supports("avx2"))
    scores_multi_avx2(m, f, dst, n, out);
  else
    scores_multi_sse2(m, f, dst, n, out);
#else
  scores_multi_c(m, f, dst, n, out);
#endif
}

void ann_pc_scores_add(const ann_pc *m, const uint64_t *f, size_t n,
                       int32_t *scores) {
#ifdef PC_X86
  if (has_avx512())
    scores_avx512(m, f, n, scores);
  else if (__builtin_cpu_supports("avx2"))
    scores_avx2(m, f, n, scores);
  else
    scores_sse2(m, f, n, scores);
#else
  scores_c(m, f, n, scores);
#endif
}

void ann_pc_scores(const ann_pc *m, const uint64_t *f, size_t n,
                   int32_t *scores) {
  memset(scores, 0, m->nclasses * sizeof *scores);
  ann_pc_scores_add(m, f, n, scores);
}

/* The largest value with vector max (AVX2, or SSE2 compare and select),
 * then the first index holding it. */
#ifdef PC_X86
__attribute__((target("avx2"))) static int32_t max_avx2(const int32_t *s,
                                                        uint32_t n) {
  uint32_t i = 0;
  int32_t mx = s[0];
  if (n >= 8) {
    __m256i m = _mm256_loadu_si256((const __m256i *)(const void *)s);
    for (i = 8; i + 8 <= n; i += 8)
      m = _mm256_max_epi32(
          m, _mm256_loadu_si256((const __m256i *)(const void *)(s + i)));
    __m128i h = _mm_max_epi32(_mm256_castsi256_si128(m),
                              _mm256_extracti128_si256(m, 1));
    h = _mm_max_epi32(h, _mm_shuffle_epi32(h, 0x4e));
    h = _mm_max_epi32(h, _mm_shuffle_epi32(h, 0xb1));
    mx = _mm_cvtsi128_si32(h);
  }
  for (; i < n; i++)
    if (s[i] > mx) mx = s[i];
  return mx;
}

static int32_t max_sse2(const int32_t *s, uint32_t n) {
  uint32_t i = 0;
  int32_t mx = s[0];
  if (n >= 4) {
    __m128i m = _mm_loadu_si128((const __m128i *)(const void *)s);
    for (i = 4; i + 4 <= n; i += 4) {
      __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
      __m128i g = _mm_cmpgt_epi32(v, m);
      m = _mm_or_si128(_mm_and_si128(g, v), _mm_andnot_si128(g, m));
    }
    int32_t t[4];
    _mm_storeu_si128((__m128i *)(void *)t, m);
    mx = t[0];
    for (int j = 1; j < 4; j++)
      if (t[j] > mx) mx = t[j];
  }
  for (; i < n; i++)
    if (s[i] > mx) mx = s[i];
  return mx;
}
#endif

uint32_t ann_pc_argmax(const int32_t *s, uint32_t n) {
  int32_t mx;
#ifdef PC_X86
  mx = __builtin_cpu_supports("avx2") ? max_avx2(s, n) : max_sse2(s, n);
#else
  mx = s[0];
  for (uint32_t i = 1; i < n; i++)
    if (s[i] > mx) mx = s[i];
#endif
  uint32_t b = 0;
  while (s[b] != mx) b++;
  return b;
}

int ann_pc_class(const ann_pc *m, const char *name) {
  for (uint32_t c = 0; c < m->nclasses; c++)
    if (strcmp(m->names[c], name) == 0) return (int)c;
  return -1;
}

/* ----------------------------------------------------------- re-layout -- */

/* A block goes dense when it holds at least a quarter of the classes, or
 * with more than 32 classes a sixteenth (with AVX-512 a dense block of up
 * to 128 classes is 8 masked vector adds into registers: cheaper than 7
 * or more scattered adds and their loop's mispredicted exit; measured
 * with bench/ab_speed.sh on the parser and the POS tagger: k >= 6 or 8 of
 * 103 classes +6% and +9-12%, k >= 3 or 4 no better, the files twice as
 * large). The block must name each class once, as every block the
 * trainer writes does. */
static int want_dense(const uint32_t *b, uint32_t nc) {
  uint32_t k = b[0];
  if (4 * (size_t)k < nc && (nc <= 32 || 16 * (size_t)k < nc)) return 0;
  uint64_t seen[65536 / 64];
  memset(seen, 0, ((nc + 63) / 64) * sizeof *seen);
  for (uint32_t j = 1; j <= k; j++) {
    uint32_t c = b[j] >> 16;
    if (seen[c / 64] >> (c % 64) & 1) return 0;
    seen[c / 64] |= 1ull << (c % 64);
  }
  return 1;
}

/* A feature of the table being re-laid out: its weights as a list of
 * (class << 16 | uint16 weight) words, or (APC2) a dense block as is. */
typedef struct rl_feat {
  const uint32_t *e; /* k entry words, or the dense block's header word */
  uint32_t k;
  uint32_t one; /* an APC2 inline weight as an entry word (e points here) */
  uint8_t kind; /* RL_* */
  uint8_t inl;  /* goes inline (with a chain through empty slots) */
} rl_feat;
enum { RL_EMPTY, RL_LIST, RL_DENSE_LIST, RL_DENSE_WORDS };

static uint32_t entry_word(uint32_t e, int more, uint32_t next) {
  return INLINE | (more ? MORE | next << 27 : 0) | e;
}

/* Which list features go inline: in each group of 8 slots (one cache
 * line), a single weight always, and k weights when k - 1 empty slots of
 * the group are left for the rest, smaller k first, then in slot order. */
static void rl_choose_inline(rl_feat *ft, uint32_t cap) {
  for (uint32_t g = 0; g < cap; g += 8) {
    uint32_t end = cap - g < 8 ? cap : g + 8, nfree = 0;
    for (uint32_t i = g; i < end; i++) nfree += ft[i].kind == RL_EMPTY;
    for (uint32_t k = 1; k <= 8; k++)
      for (uint32_t i = g; i < end; i++) {
        rl_feat *f = &ft[i];
        if (f->kind != RL_LIST || f->k != k || k - 1 > nfree) continue;
        uint32_t j = 0;
        while (j < k && (f->e[j] >> 16) < MAXCLS_INLINE) j++;
        if (j < k) continue;
        f->inl = 1;
        nfree -= k - 1;
      }
  }
}

int ann_pc_relayout(const void *old, size_t size, void **blob,
                    size_t *out_size, ann_error *e) {
  *blob = NULL;
  *out_size = 0;
  const uint32_t *w = old;
  if (!old || ((uintptr_t)old & 3) || size < HDR * 4 ||
      (w[0] != MAGIC_V1 && w[0] != MAGIC_V2))
    return ann_fail(e, ANN_EMODEL, 0,
                    "perceptron: not an APC1 or APC2 weight table");
  uint32_t nc = w[1], cap = w[2], nent = w[3], nlen = w[5];
  if (!header_fits(w, size, HDR))
    return ann_fail(e, ANN_EMODEL, 0, "perceptron: bad header");
  uint32_t dw = dense_words(nc);
  ann_pc v2;
  memset(&v2, 0, sizeof v2);
  const char *names;
  if (w[0] == MAGIC_V2) {
    int rc = ann_pc_open(&v2, old, size, e);
    if (rc < 0) return rc;
    names = (const char *)(v2.ent + nent);
  } else {
    names = (const char *)(w + HDR + 2 * (size_t)cap + nent);
  }
  rl_feat *ft = calloc(cap, sizeof *ft);
  if (!ft) {
    ann_pc_close(&v2);
    return ann_fail(e, ANN_ENOMEM, -1, "out of memory");
  }
  const uint32_t *fp = w + HDR;
  size_t used = 0;
  if (w[0] == MAGIC_V1) {
    const uint32_t *off = fp + cap, *ent = off + cap;
    /* checking every block as ann_pc_open would */
    for (uint32_t i = 0; i < cap; i++) {
      if (!fp[i]) continue;
      used++;
      uint32_t o = off[i];
      if (o >= nent || ent[o] > nent - o - 1) {
        free(ft);
        return ann_fail(e, ANN_EMODEL, 0, "perceptron: slot %u out of bounds",
                        i);
      }
      uint32_t k = ent[o];
      for (uint32_t j = 1; j <= k; j++)
        if ((ent[o + j] >> 16) >= nc) {
          free(ft);
          return ann_fail(e, ANN_EMODEL, 0,
                          "perceptron: bad class in slot %u", i);
        }
      ft[i].e = ent + o + 1;
      ft[i].k = k;
      ft[i].kind = k > 1 && want_dense(ent + o, nc) ? RL_DENSE_LIST : RL_LIST;
    }
    if (used >= cap) {
      free(ft);
      return ann_fail(e, ANN_EMODEL, 0, "perceptron: table full");
    }
  } else { /* APC2, checked by ann_pc_open; fingerprints in the slots */
    fp = v2.slot;
    for (uint32_t i = 0; i < cap; i++) {
      if (!v2.slot[2 * i]) continue;
      used++;
      uint32_t v = v2.slot[2 * i + 1];
      if (v & INLINE) { /* its one weight, as a list of one */
        ft[i].one = v & ~INLINE;
        ft[i].e = &ft[i].one;
        ft[i].k = 1;
        ft[i].kind = RL_LIST;
      } else if (v2.ent[v] & DENSE) {
        ft[i].e = v2.ent + v;
        ft[i].kind = RL_DENSE_WORDS;
      } else {
        ft[i].e = v2.ent + v + 1;
        ft[i].k = v2.ent[v];
        ft[i].kind = ft[i].k > 1 && want_dense(v2.ent + v, nc) ? RL_DENSE_LIST
                                                              : RL_LIST;
      }
    }
  }
  size_t fstride = w[0] == MAGIC_V1 ? 1 : 2;
  rl_choose_inline(ft, cap);
  size_t need = 0;
  for (uint32_t i = 0; i < cap; i++) {
    const rl_feat *f = &ft[i];
    if (f->kind == RL_EMPTY || f->inl) continue;
    need += 1 + (f->kind == RL_LIST ? f->k : dw);
  }
  /* the filter: about FILT_BITS bits per feature, a power of two */
  uint32_t lb = 0;
  while (lb < 30 && ((size_t)64 << lb) < used * FILT_BITS) lb++;
  if (lb < 1) lb = 1;
  size_t fat = filt_at(cap, need, nlen);
  size_t total = (fat + ((size_t)2 << lb)) * 4;
  uint32_t *o = need > UINT32_MAX / 2 ? NULL : calloc(1, total);
  if (!o) {
    free(ft);
    ann_pc_close(&v2);
    return need > UINT32_MAX / 2
               ? ann_fail(e, ANN_EMODEL, 0, "perceptron: table too large")
               : ann_fail(e, ANN_ENOMEM, -1, "out of memory");
  }
  memcpy(o, w, 7 * 4);
  o[0] = MAGIC;
  o[3] = (uint32_t)need;
  o[7] = lb;
  uint32_t *slot = o + HDR3, *ne = slot + 2 * (size_t)cap;
  uint32_t pos = 0;
  for (uint32_t g = 0; g < cap; g += 8) {
    uint32_t end = cap - g < 8 ? cap : g + 8, free_at = g;
    for (uint32_t i = g; i < end; i++) {
      const rl_feat *f = &ft[i];
      if (f->kind == RL_EMPTY) continue;
      slot[2 * i] = fp[fstride * i];
      if (f->inl) { /* the first weight here, the others in empty slots */
        uint32_t *at = &slot[2 * i + 1];
        for (uint32_t j = 0; j + 1 < f->k; j++) {
          while (ft[free_at].kind != RL_EMPTY) free_at++;
          uint32_t next = free_at++;
          *at = entry_word(f->e[j], 1, next - g);
          at = &slot[2 * next + 1];
        }
        *at = entry_word(f->e[f->k - 1], 0, 0);
        continue;
      }
      slot[2 * i + 1] = pos;
      if (f->kind == RL_DENSE_WORDS) {
        memcpy(ne + pos, f->e, (1 + (size_t)dw) * 4);
        pos += 1 + dw;
      } else if (f->kind == RL_DENSE_LIST) {
        ne[pos] = DENSE | f->k;
        uint32_t *d = ne + pos + 1;
        for (uint32_t j = 0; j < f->k; j++) {
          uint32_t c = f->e[j] >> 16;
          d[c / 2] |= (f->e[j] & 0xffff) << (16 * (c & 1));
        }
        pos += 1 + dw;
      } else {
        ne[pos] = f->k;
        memcpy(ne + pos + 1, f->e, (size_t)f->k * 4);
        pos += 1 + f->k;
      }
    }
  }
  memcpy(ne + pos, names, nlen);
  uint32_t *fl = o + fat;
  for (uint32_t i = 0; i < cap; i++) {
    if (!slot[2 * i]) continue;
    uint64_t wi, fw, bits = filt_bits(slot[2 * i], &wi, lb);
    memcpy(&fw, fl + 2 * wi, 8);
    fw |= bits;
    memcpy(fl + 2 * wi, &fw, 8);
  }
  free(ft);
  ann_pc_close(&v2);
  *blob = o;
  *out_size = total;
  return 0;
}

/* ----------------------------------------------------------- training -- */

typedef struct tent {
  uint32_t cls;
  int32_t w;
  int64_t wa; /* sum of clock * delta */
} tent;

typedef struct tfeat {
  uint64_t key;
  uint32_t off; /* into pool */
  uint16_t n, cap;
} tfeat;

struct ann_pc_trainer {
  uint32_t nclasses;
  int64_t clock;
  uint32_t *slot; /* [hcap] feature index + 1, 0 = empty */
  uint32_t hcap;
  tfeat *feat;
  size_t nfeat, fcap;
  tent *pool;
  size_t npool, pcap;
};

ann_pc_trainer *ann_pc_trainer_new(uint32_t nclasses) {
  if (nclasses == 0 || nclasses > 65535) return NULL;
  ann_pc_trainer *t = calloc(1, sizeof *t);
  if (!t) return NULL;
  t->nclasses = nclasses;
  t->clock = 1;
  t->hcap = 1u << 16;
  t->slot = calloc(t->hcap, sizeof *t->slot);
  if (!t->slot) {
    free(t);
    return NULL;
  }
  return t;
}

void ann_pc_trainer_free(ann_pc_trainer *t) {
  if (!t) return;
  free(t->slot);
  free(t->feat);
  free(t->pool);
  free(t);
}

size_t ann_pc_trainer_nfeat(const ann_pc_trainer *t) { return t->nfeat; }

void ann_pc_trainer_tick(ann_pc_trainer *t) { t->clock++; }

static tfeat *tfind(const ann_pc_trainer *t, uint64_t h) {
  uint32_t mask = t->hcap - 1;
  for (uint32_t i = (uint32_t)(h ^ h >> 32) & mask;; i = (i + 1) & mask) {
    uint32_t s = t->slot[i];
    if (!s) return NULL;
    if (t->feat[s - 1].key == h) return &t->feat[s - 1];
  }
}

static int rehash(ann_pc_trainer *t) {
  uint32_t ncap = t->hcap * 2;
  uint32_t *ns = calloc(ncap, sizeof *ns);
  if (!ns) return ANN_ENOMEM;
  for (size_t f = 0; f < t->nfeat; f++) {
    uint64_t h = t->feat[f].key;
    uint32_t i = (uint32_t)(h ^ h >> 32) & (ncap - 1);
    while (ns[i]) i = (i + 1) & (ncap - 1);
    ns[i] = (uint32_t)f + 1;
  }
  free(t->slot);
  t->slot = ns;
  t->hcap = ncap;
  return 0;
}

static tfeat *tinsert(ann_pc_trainer *t, uint64_t h) {
  tfeat *f = tfind(t, h);
  if (f) return f;
  if ((t->nfeat + 1) * 2 > t->hcap && rehash(t) < 0) return NULL;
  if (t->nfeat == t->fcap) {
    size_t nc = t->fcap ? t->fcap * 2 : 4096;
    tfeat *nf = realloc(t->feat, nc * sizeof *nf);
    if (!nf) return NULL;
    t->feat = nf;
    t->fcap = nc;
  }
  uint32_t mask = t->hcap - 1;
  uint32_t i = (uint32_t)(h ^ h >> 32) & mask;
  while (t->slot[i]) i = (i + 1) & mask;
  t->slot[i] = (uint32_t)t->nfeat + 1;
  f = &t->feat[t->nfeat++];
  f->key = h;
  f->off = 0;
  f->n = f->cap = 0;
  return f;
}

/* Room for one more entry in f's block: blocks grow by moving to the end of
 * the pool (the old space is abandoned; blocks are small). */
static int tgrow(ann_pc_trainer *t, tfeat *f) {
  if (f->n < f->cap) return 0;
  uint32_t nc = f->cap ? f->cap * 2u : 2u;
  if (nc > t->nclasses) nc = t->nclasses;
  if (nc > 65535) nc = 65535;
  if (t->npool + nc > t->pcap) {
    size_t pc = t->pcap ? t->pcap * 2 : 1u << 16;
    while (pc < t->npool + nc) pc *= 2;
    if (pc > UINT32_MAX) return ANN_ENOMEM;
    tent *np = realloc(t->pool, pc * sizeof *np);
    if (!np) return ANN_ENOMEM;
    t->pool = np;
    t->pcap = pc;
  }
  if (f->n) memcpy(t->pool + t->npool, t->pool + f->off, f->n * sizeof(tent));
  f->off = (uint32_t)t->npool;
  f->cap = (uint16_t)nc;
  t->npool += nc;
  return 0;
}

void ann_pc_trainer_scores(const ann_pc_trainer *t, const uint64_t *f,
                           size_t n, int32_t *scores) {
  memset(scores, 0, t->nclasses * sizeof *scores);
  for (size_t i = 0; i < n; i++) {
    const tfeat *ft = tfind(t, f[i]);
    if (!ft) continue;
    const tent *e = t->pool + ft->off;
    for (uint32_t j = 0; j < ft->n; j++) scores[e[j].cls] += e[j].w;
  }
}

int ann_pc_trainer_update(ann_pc_trainer *t, const uint64_t *f, size_t n,
                          uint32_t cls, int32_t delta) {
  if (cls >= t->nclasses) return ANN_EINVAL;
  for (size_t i = 0; i < n; i++) {
    tfeat *ft = tinsert(t, f[i]);
    if (!ft) return ANN_ENOMEM;
    tent *e = ft->n ? t->pool + ft->off : NULL; /* pool may be NULL */
    uint32_t j = 0;
    while (j < ft->n && e[j].cls != cls) j++;
    if (j == ft->n) {
      if (tgrow(t, ft) < 0) return ANN_ENOMEM;
      e = t->pool + ft->off;
      e[j].cls = cls;
      e[j].w = 0;
      e[j].wa = 0;
      ft->n++;
    }
    e[j].w += delta;
    e[j].wa += t->clock * (int64_t)delta;
  }
  return 0;
}

static double avg(const ann_pc_trainer *t, const tent *e) {
  return (double)e->w - (double)e->wa / (double)t->clock;
}

/* The APC1 layout (see the top of the file), then re-laid out. */
static int build_v1(const ann_pc_trainer *t, const char *const *names,
                    double prune, void **blob, size_t *size) {
  *blob = NULL;
  *size = 0;
  double maxabs = 0;
  for (size_t f = 0; f < t->nfeat; f++)
    for (uint32_t j = 0; j < t->feat[f].n; j++) {
      double a = fabs(avg(t, &t->pool[t->feat[f].off + j]));
      if (a > maxabs) maxabs = a;
    }
  float scale = maxabs > 0 ? (float)(32767.0 / maxabs) : 1.0f;
  /* first pass: what survives quantisation and pruning */
  size_t nfeat = 0, nent = 0;
  for (size_t f = 0; f < t->nfeat; f++) {
    size_t k = 0;
    for (uint32_t j = 0; j < t->feat[f].n; j++) {
      double a = avg(t, &t->pool[t->feat[f].off + j]);
      if (fabs(a) >= prune && lround(a * scale) != 0) k++;
    }
    if (k) {
      nfeat++;
      nent += 1 + k;
    }
  }
  uint32_t cap = 16;
  while ((size_t)cap * 7 < nfeat * 10 + 7) cap *= 2;
  size_t nlen = 0;
  for (uint32_t c = 0; c < t->nclasses; c++) nlen += strlen(names[c]) + 1;
  size_t nlen_pad = (nlen + 3) & ~(size_t)3;
  size_t total = (HDR + 2 * (size_t)cap + nent) * 4 + nlen_pad;
  uint32_t *w = calloc(1, total);
  if (!w) return ANN_ENOMEM;
  w[0] = MAGIC_V1;
  w[1] = t->nclasses;
  w[2] = cap;
  w[3] = (uint32_t)nent;
  memcpy(&w[4], &scale, 4);
  w[5] = (uint32_t)nlen_pad;
  w[6] = (uint32_t)nfeat;
  uint32_t *fp = w + HDR, *off = fp + cap, *ent = off + cap;
  size_t pos = 0;
  for (size_t f = 0; f < t->nfeat; f++) {
    const tfeat *ft = &t->feat[f];
    size_t start = pos, k = 0;
    for (uint32_t j = 0; j < ft->n; j++) {
      const tent *e = &t->pool[ft->off + j];
      double a = avg(t, e);
      long q = lround(a * scale);
      if (fabs(a) < prune || q == 0) continue;
      if (q > 32767) q = 32767;
      if (q < -32767) q = -32767;
      ent[start + 1 + k++] = e->cls << 16 | (uint16_t)(int16_t)q;
    }
    if (!k) continue;
    uint32_t h = fingerprint(ft->key), i = (uint32_t)ft->key & (cap - 1);
    while (fp[i] && fp[i] != h) i = (i + 1) & (cap - 1);
    if (fp[i]) continue; /* fingerprint collision: keep the first */
    ent[start] = (uint32_t)k;
    fp[i] = h;
    off[i] = (uint32_t)start;
    pos += 1 + k;
  }
  w[3] = (uint32_t)pos; /* collisions may have left the tail unused */
  char *nm = (char *)(ent + pos);
  for (uint32_t c = 0; c < t->nclasses; c++) {
    size_t l = strlen(names[c]) + 1;
    memcpy(nm, names[c], l);
    nm += l;
  }
  *blob = w;
  *size = (HDR + 2 * (size_t)cap + pos) * 4 + nlen_pad;
  return 0;
}

int ann_pc_trainer_build(const ann_pc_trainer *t, const char *const *names,
                         double prune, void **blob, size_t *size) {
  void *v1;
  size_t n1;
  *blob = NULL;
  *size = 0;
  int rc = build_v1(t, names, prune, &v1, &n1);
  if (rc < 0) return rc;
  ann_error e;
  rc = ann_pc_relayout(v1, n1, blob, size, &e);
  free(v1);
  return rc;
}

/* A trainer whose averaged weights are the mean of the averaged weights
 * of ts[0..k) (an ensemble of k runs folded into one linear model: its
 * scores are the mean of theirs). Built for ann_pc_trainer_build only:
 * the clock is set so that avg() = -wa / clock with w = 0. */
ann_pc_trainer *ann_pc_trainer_mean(const ann_pc_trainer *const *ts,
                                    size_t k) {
  if (k == 0) return NULL;
  ann_pc_trainer *m = ann_pc_trainer_new(ts[0]->nclasses);
  if (!m) return NULL;
  const double C = (double)(1 << 24);
  m->clock = 1 << 24;
  for (size_t r = 0; r < k; r++) {
    const ann_pc_trainer *t = ts[r];
    if (t->nclasses != m->nclasses) goto fail;
    for (size_t f = 0; f < t->nfeat; f++) {
      const tfeat *src = &t->feat[f];
      for (uint32_t j = 0; j < src->n; j++) {
        const tent *e = &t->pool[src->off + j];
        double a = avg(t, e) / (double)k;
        if (a == 0) continue;
        tfeat *ft = tinsert(m, src->key);
        if (!ft) goto fail;
        tent *d = ft->n ? m->pool + ft->off : NULL;
        uint32_t i = 0;
        while (i < ft->n && d[i].cls != e->cls) i++;
        if (i == ft->n) {
          if (tgrow(m, ft) < 0) goto fail;
          d = m->pool + ft->off;
          d[i].cls = e->cls;
          d[i].w = 0;
          d[i].wa = 0;
          ft->n++;
        }
        d[i].wa -= (int64_t)llround(a * C);
      }
    }
  }
  return m;
fail:
  ann_pc_trainer_free(m);
  return NULL;
}
