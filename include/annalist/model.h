/*
 * model.h — the container for models, gazetteers and compiled dictionaries.
 *
 * Layout (little-endian):
 *   header   "ANNMODL1" | u32 kind (fourcc) | u32 version | u32 nsect |
 *            u32 crc32 of all bytes after the header | u64 file size
 *   sections nsect x { char name[16] | u64 offset | u64 size }
 *   data     each section 16-byte aligned (the writer aligns them to 64
 *            bytes, a cache line, for tables laid out in lines)
 * The file is memory-mapped and used in place: no parsing at load, only a
 * bounds check of every section and a CRC over the whole payload so that a
 * truncated or corrupted model is a clear error, not a crash.
 */
#ifndef ANNALIST_MODEL_H
#define ANNALIST_MODEL_H

#include "annalist/ann.h"

typedef struct ann_model ann_model;

#define ANN_FOURCC(a, b, c, d)                                               \
  ((uint32_t)(a) | (uint32_t)(b) << 8 | (uint32_t)(c) << 16 |                \
   (uint32_t)(d) << 24)

/* Map path, check magic, kind, version, bounds and CRC. On failure returns
 * ANN_EMODEL/ANN_EIO with a message naming the file. Caller frees. */
int ann_model_open(ann_model **out, const char *path, uint32_t kind,
                   uint32_t version, ann_error *e);

/* Same checks over a buffer the caller keeps alive (fuzzing, tests). */
int ann_model_open_mem(ann_model **out, const void *data, size_t size,
                       uint32_t kind, uint32_t version, ann_error *e);

void ann_model_free(ann_model *m);

/* The section called name: its bytes (16-aligned) and size, or NULL. */
const void *ann_model_section(const ann_model *m, const char *name,
                              size_t *size);

const char *ann_model_path(const ann_model *m);

/* Writing: collect sections, then write the file in one go. */
typedef struct ann_model_writer ann_model_writer;
ann_model_writer *ann_model_writer_new(uint32_t kind, uint32_t version);
/* data is copied. Returns 0 or ANN_ENOMEM/ANN_EINVAL (name > 15 bytes). */
int ann_model_writer_add(ann_model_writer *w, const char *name,
                         const void *data, size_t size);
int ann_model_writer_save(ann_model_writer *w, const char *path, ann_error *e);
void ann_model_writer_free(ann_model_writer *w);

#endif
