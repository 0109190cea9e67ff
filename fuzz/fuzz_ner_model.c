/* fuzz_ner_model.c — the NER model loader: a corrupt or truncated model
 * is an error, never a crash. The input is wrapped in a valid container
 * (so the CRC passes) when its first byte is odd, to reach the section
 * checks; when it binds, a short document is tagged with it. */
#include "annalist/model.h"
#include "tag/ner_int.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 2) return 0;
  ann_model *m = NULL;
  ann_error e;
  void *copy = NULL;
  if (data[0] & 1) {
    /* split the rest into up to three sections: meta, ner.pc, gaz */
    size_t n = size - 1, a = n / 3, b = 2 * n / 3;
    ann_model_writer *w =
        ann_model_writer_new(NER_MODEL_KIND, NER_MODEL_VERSION);
    ann_model_writer_add(w, "meta", data + 1, a);
    ann_model_writer_add(w, "ner.pc", data + 1 + a, b - a);
    ann_model_writer_add(w, "gaz", data + 1 + b, n - b);
    char path[] = "/tmp/fuzz_ner_XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) return 0;
    close(fd);
    if (ann_model_writer_save(w, path, &e) == 0)
      ann_model_open(&m, path, NER_MODEL_KIND, NER_MODEL_VERSION, &e);
    ann_model_writer_free(w);
    unlink(path);
  } else {
    copy = aligned_alloc(16, (size + 15) & ~(size_t)15);
    memcpy(copy, data, size);
    ann_model_open_mem(&m, copy, size, NER_MODEL_KIND, NER_MODEL_VERSION, &e);
  }
  if (m) {
    ner_weights w;
    ner_gaz g;
    uint32_t flags;
    if (ner_model_bind(m, &w, &g, &flags, &e) == 0) {
      ner_tok t[3] = {{"Boris", NULL, 5}, {"Akunin", NULL, 6}, {".", NULL, 1}};
      uint32_t sb[2] = {0, 3};
      uint8_t lab[3];
      ann_arena *a = ann_arena_new(1 << 16, 0);
      ner_tag_doc(&w, &g, t, sb, 1, 1, a, lab);
      ann_arena_free(a);
      ann_pc_close(&w.pc);
      ann_pc_close(&w.pc2);
    }
    ann_model_free(m);
  }
  free(copy);
  return 0;
}
