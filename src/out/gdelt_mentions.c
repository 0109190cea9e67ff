/*
 * gdelt_mentions.c — `annalist extract --format gdelt-mentions`: one GDELT
 * 2.0 Mentions row (16 tab-separated columns, ../shared/spec/
 * gdelt-formats.md §2) per event row of --format gdelt-events, with the
 * same GlobalEventID. Both times are the publication's 15-minute batch
 * (each document is the first report of its events). MentionType is 1
 * (web) for an http(s) URL, else 2 (citation). Offsets are characters;
 * -1 for a missing actor. Confidence: 100 with both actors, 50 with one,
 * 20 with none. InRawText is 1 (no rewriting).
 */
#include "gdelt_ev.h"

#include <stdio.h>
#include <string.h>

void ann_emit_gdelt_mentions(void *ctx, const ann_doc *d, ann_buf *out);

static void put_field(ann_buf *b, const char *s, size_t n) {
  for (size_t i = 0; i < n && s[i]; i++)
    ann_buf_putc(b, s[i] == '\t' || s[i] == '\n' || s[i] == '\r' ? ' ' : s[i]);
}

void ann_emit_gdelt_mentions(void *ctx, const ann_doc *d, ann_buf *out) {
  (void)ctx;
  char st[15];
  gdelt_ev_stamp(d->published, st);
  const char *ident = d->url ? d->url : d->id ? d->id : "";
  bool web = !strncmp(ident, "http://", 7) || !strncmp(ident, "https://", 8);
  /* source name: the host without www. for the web, else the site name */
  const char *host = ident;
  size_t hn = 0;
  if (web) {
    host = strstr(ident, "://") + 3;
    if (!strncmp(host, "www.", 4)) host += 4;
    hn = strcspn(host, "/:?#");
  } else if (d->site_name) {
    host = d->site_name;
    hn = strlen(host);
  }
  uint32_t doclen = d->text ? gdelt_ev_cp(d, (uint32_t)d->text_len) : 0;
  for (size_t k = 0; k < d->events.n; k++) {
    const ann_event *e = &d->events.v[k];
    if (!gdelt_ev_wanted(e) || strlen(e->cameo) < 2) continue;
    ann_buf_printf(out, "%lld\t%s\t%s\t%d\t", gdelt_ev_id(d, k), st, st,
                   web ? 1 : 2);
    put_field(out, host, hn);
    ann_buf_putc(out, '\t');
    put_field(out, ident, strlen(ident));
    long long off[2];
    int n = 0;
    int32_t ai[2] = {e->source, e->target};
    for (int i = 0; i < 2; i++) {
      bool ok = ai[i] >= 0 && (size_t)ai[i] < d->actors.n;
      off[i] = ok ? gdelt_ev_cp(d, d->actors.v[ai[i]].start) : -1;
      n += ok;
    }
    ann_buf_printf(out, "\t%d\t%lld\t%lld\t%u\t1\t%d\t%u\t%.13g\t\t\n",
                   e->sentence + 1, off[0], off[1],
                   gdelt_ev_cp(d, e->ev_start), n == 2 ? 100 : n ? 50 : 20,
                   doclen, d->has_tone ? d->tone.tone : 0.0);
  }
}
