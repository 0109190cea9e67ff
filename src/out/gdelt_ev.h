/* gdelt_ev.h — what the GDELT Events and Mentions writers share (internal
 * to src/out): which events are written, their GlobalEventID, the batch
 * stamp, code-point offsets. */
#ifndef ANN_OUT_GDELT_EV_H
#define ANN_OUT_GDELT_EV_H

#include "annalist/doc.h"
#include "annalist/out.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* GDELT codes asserted events only: negated and hypothetical ones are not
 * written. */
static inline bool gdelt_ev_wanted(const ann_event *e) {
  return e->cameo && !e->negated && !e->hypothetical;
}

/* A stable GlobalEventID: 40 bits of the FNV-1a hash of the document's
 * id (or URL, or text) times 10,000, plus the event's index + 1, so the
 * Events and Mentions rows of one document agree across runs. */
static inline long long gdelt_ev_id(const ann_doc *d, size_t k) {
  const char *s = d->id ? d->id : d->url;
  size_t n = s ? strlen(s) : (d->text ? d->text_len : 0);
  if (!s) s = d->text ? d->text : "";
  uint64_t h = 1469598103934665603ull;
  for (size_t i = 0; i < n; i++) {
    h ^= (unsigned char)s[i];
    h *= 1099511628211ull;
  }
  return (long long)((h >> 24) % 1099511627776ull) * 10000 +
         (long long)(k % 9999) + 1;
}

/* The 15-minute batch of the publication time: "2025-06-29T10:17:00Z" ->
 * "20250629101500"; "0" when unknown. */
static inline void gdelt_ev_stamp(const char *p, char out[15]) {
  snprintf(out, 15, "0");
  if (!p || strlen(p) < 10) return;
  char s[15] = "00000000000000";
  static const int pos[] = {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15};
  size_t n = strlen(p);
  for (int i = 0; i < 12; i++) {
    if ((size_t)pos[i] >= n) break;
    char c = p[pos[i]];
    if (c < '0' || c > '9') {
      if (i < 8) return;
      break;
    }
    s[i] = c;
  }
  int min = (s[10] - '0') * 10 + (s[11] - '0');
  min -= min % 15;
  s[10] = (char)('0' + min / 10);
  s[11] = (char)('0' + min % 10);
  memcpy(out, s, 15);
}

/* Code-point offset of byte off in the text (GDELT counts characters). */
static inline uint32_t gdelt_ev_cp(const ann_doc *d, uint32_t off) {
  if (!d->text) return 0;
  if (off > d->text_len) off = (uint32_t)d->text_len;
  uint32_t c = 0;
  for (uint32_t i = 0; i < off; i++)
    c += ((unsigned char)d->text[i] & 0xC0) != 0x80;
  return c;
}

#endif
