/*
 * pc_relayout — rewrite a model file whose perceptron sections are in an
 * older layout (APC1: three arrays of fingerprints, offsets, blocks; APC2:
 * slots and blocks, every block outside the slots) into the current one
 * (APC3, perceptron.c), without retraining. Every other section is
 * copied as it is, in the same order, under the same kind and version.
 * The slots and weights are kept, so the model scores exactly as before,
 * and the output is the same bytes the trainer writes for those weights.
 *
 *   pc_relayout IN.bin OUT.bin     (OUT may be IN: written, then renamed)
 */
#include "annalist/model.h"
#include "tag/perceptron.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t u32(const unsigned char *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
         (uint32_t)p[3] << 24;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: pc_relayout IN.bin OUT.bin\n");
    return 2;
  }
  size_t len;
  unsigned char *raw = (unsigned char *)ann_read_file(argv[1], &len);
  if (!raw || len < 32 || memcmp(raw, "ANNMODL1", 8) != 0) {
    fprintf(stderr, "pc_relayout: %s: not a model file\n", argv[1]);
    free(raw);
    return 1;
  }
  uint32_t kind = u32(raw + 8), version = u32(raw + 12), nsect = u32(raw + 16);
  ann_model *m;
  ann_error e = {0};
  if (nsect > (len - 32) / 32 ||
      ann_model_open(&m, argv[1], kind, version, &e) < 0) {
    fprintf(stderr, "pc_relayout: %s\n", nsect > (len - 32) / 32
                                             ? "bad section table"
                                             : e.msg);
    free(raw);
    return 1;
  }
  ann_model_writer *w = ann_model_writer_new(kind, version);
  int rc = w ? 0 : ANN_ENOMEM, converted = 0;
  for (uint32_t i = 0; i < nsect && !rc; i++) {
    char name[17];
    memcpy(name, raw + 32 + 32 * (size_t)i, 16);
    name[16] = 0;
    size_t size;
    const void *data = ann_model_section(m, name, &size);
    if (!data) {
      fprintf(stderr, "pc_relayout: %s: no section '%s'\n", argv[1], name);
      rc = ANN_EMODEL;
      break;
    }
    if (size >= 4 && (u32(data) == 0x31435041u ||    /* "APC1" */
                      u32(data) == 0x32435041u)) { /* "APC2" */
      void *blob;
      size_t bsize;
      rc = ann_pc_relayout(data, size, &blob, &bsize, &e);
      if (rc < 0) {
        fprintf(stderr, "pc_relayout: %s: section '%s': %s\n", argv[1], name,
                e.msg);
        break;
      }
      ann_pc pc;
      rc = ann_pc_open(&pc, blob, bsize, &e);
      if (rc == 0) {
        fprintf(stderr, "pc_relayout: %s: %u classes, %u slots, %zu -> %zu "
                        "bytes\n", name, pc.nclasses, pc.cap, size, bsize);
        ann_pc_close(&pc);
        rc = ann_model_writer_add(w, name, blob, bsize);
        converted++;
      } else {
        fprintf(stderr, "pc_relayout: section '%s': %s\n", name, e.msg);
      }
      free(blob);
    } else {
      rc = ann_model_writer_add(w, name, data, size);
    }
  }
  char tmp[4096];
  if (!rc && snprintf(tmp, sizeof tmp, "%s.tmp", argv[2]) >= (int)sizeof tmp)
    rc = ANN_EINVAL;
  if (!rc) rc = ann_model_writer_save(w, tmp, &e);
  if (!rc && rename(tmp, argv[2]) != 0) {
    remove(tmp);
    fprintf(stderr, "pc_relayout: cannot write %s\n", argv[2]);
    rc = ANN_EIO;
  } else if (rc && e.msg[0]) {
    fprintf(stderr, "pc_relayout: %s\n", e.msg);
  }
  ann_model_writer_free(w);
  ann_model_free(m);
  free(raw);
  if (rc) return 1;
  fprintf(stderr, "pc_relayout: %s: %d section(s) converted\n", argv[2],
          converted);
  return 0;
}
