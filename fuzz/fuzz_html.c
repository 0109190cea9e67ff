/*
 * fuzz_html.c — libFuzzer target for ann_html_parse.
 *
 * The first byte picks the caps (a small max_depth, a small arena cap) so
 * that the flattening and out-of-memory paths are exercised too. After a
 * successful parse the tree is walked and checked: links consistent,
 * depth within the cap, at most 256 attributes, strings NUL-terminated
 * exactly at their length.
 * Seeds: fuzz/corpus/html (written from the test cases by
 * fuzz/seed_html.sh).
 *
 *   cmake --preset fuzz && cmake --build --preset fuzz
 *   fuzz/seed_html.sh
 *   build-fuzz/fuzz_html -max_len=65536 -dict=fuzz/html.dict fuzz/corpus/html
 */
#include "annalist/html.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1) return 0;
  unsigned sel = data[0];
  data++, size--;
  ann_limits lim = {0};
  if (sel & 1) lim.max_depth = 4 + (sel >> 4);
  ann_limits_default(&lim);
  size_t cap = (sel & 2) ? 16384 + (size_t)(sel >> 2) * 4096 : 0;
  ann_arena *a = ann_arena_new(4096, cap);
  if (!a) return 0;
  /* a copy of exactly size bytes, so ASan sees reads past the end */
  char *buf = malloc(size ? size : 1);
  if (size) memcpy(buf, data, size);
  ann_node *root = NULL;
  ann_error e;
  int rc = ann_html_parse(a, buf, size, &lim, &root, &e);
  if (rc == 0) {
    if (!root || root->type != ANN_NODE_DOCUMENT) abort();
    size_t depth = 0;
    for (ann_node *n = root; n; n = ann_html_next(root, n, false)) {
      if (n != root) {
        if (!n->parent) abort();
        if (n->prev ? n->prev->next != n : n->parent->first_child != n) abort();
        if (n->next ? n->next->prev != n : n->parent->last_child != n) abort();
      }
      if (n->type == ANN_NODE_ELEMENT) {
        if (!n->name || n->nattrs > 256) abort();
        for (uint32_t i = 0; i < n->nattrs; i++) {
          if (!n->attrs[i].name[0]) abort();
          (void)strlen(n->attrs[i].value);
          if (ann_html_attr(n, n->attrs[i].name) == NULL) abort();
        }
      }
      /* NUL never survives decoding, so a shorter strlen means a string
       * was cut by another one's terminator */
      if (n->type == ANN_NODE_TEXT || n->type == ANN_NODE_COMMENT)
        if (!n->text || strlen(n->text) != n->text_len) abort();
      if (n->src_off > size) abort();
      size_t d = 0;
      for (ann_node *p = n; p != root && d <= lim.max_depth + 2; p = p->parent)
        d++;
      if (d > lim.max_depth + 1) abort();
      if (d > depth) depth = d;
    }
  }
  ann_arena_free(a);
  free(buf);
  return 0;
}
