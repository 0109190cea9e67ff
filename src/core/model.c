/* model.c — memory-mapped model container (see model.h). */
#include "annalist/model.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#define MAGIC "ANNMODL1"
#define HEADER 32
#define ENTRY 32

struct ann_model {
  const unsigned char *base;
  size_t size;
  int mapped;
  uint32_t nsect;
  char *path;
};

static uint32_t rd32(const unsigned char *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
         (uint32_t)p[3] << 24;
}

static uint64_t rd64(const unsigned char *p) {
  return (uint64_t)rd32(p) | (uint64_t)rd32(p + 4) << 32;
}

static int check(ann_model *m, const char *what, uint32_t kind,
                 uint32_t version, ann_error *e) {
  const unsigned char *b = m->base;
  if (m->size < HEADER || memcmp(b, MAGIC, 8) != 0)
    return ann_fail(e, ANN_EMODEL, 0, "%s: not an annalist model file", what);
  if (rd32(b + 8) != kind)
    return ann_fail(e, ANN_EMODEL, 8, "%s: wrong model kind", what);
  if (rd32(b + 12) != version)
    return ann_fail(e, ANN_EMODEL, 12,
                    "%s: model version %u, this build reads %u (re-train or "
                    "rebuild)",
                    what, rd32(b + 12), version);
  uint64_t size = rd64(b + 24);
  if (size != m->size)
    return ann_fail(e, ANN_EMODEL, 24,
                    "%s: truncated or padded (%llu bytes, header says %llu)",
                    what, (unsigned long long)m->size,
                    (unsigned long long)size);
  m->nsect = rd32(b + 16);
  if (m->nsect > (m->size - HEADER) / ENTRY)
    return ann_fail(e, ANN_EMODEL, 16, "%s: bad section count", what);
  uLong crc = crc32(0L, Z_NULL, 0);
  size_t off = HEADER;
  while (off < m->size) { /* zlib takes uInt lengths */
    size_t n = m->size - off > (1u << 30) ? (1u << 30) : m->size - off;
    crc = crc32(crc, b + off, (uInt)n);
    off += n;
  }
  if ((uint32_t)crc != rd32(b + 20))
    return ann_fail(e, ANN_EMODEL, 20, "%s: checksum mismatch (corrupt file)",
                    what);
  for (uint32_t i = 0; i < m->nsect; i++) {
    const unsigned char *ent = b + HEADER + (size_t)i * ENTRY;
    uint64_t so = rd64(ent + 16), ss = rd64(ent + 24);
    if (so > m->size || ss > m->size - so || ent[15] != 0)
      return ann_fail(e, ANN_EMODEL, (long long)(ent - b),
                      "%s: section %u out of bounds", what, i);
  }
  return 0;
}

int ann_model_open_mem(ann_model **out, const void *data, size_t size,
                       uint32_t kind, uint32_t version, ann_error *e) {
  *out = NULL;
  ann_model *m = calloc(1, sizeof *m);
  if (!m) return ann_fail(e, ANN_ENOMEM, -1, "out of memory");
  m->base = data;
  m->size = size;
  int rc = check(m, "<memory>", kind, version, e);
  if (rc < 0) {
    free(m);
    return rc;
  }
  *out = m;
  return 0;
}

int ann_model_open(ann_model **out, const char *path, uint32_t kind,
                   uint32_t version, ann_error *e) {
  *out = NULL;
  int fd = open(path, O_RDONLY);
  if (fd < 0)
    return ann_fail(e, ANN_EMODEL, -1, "%s: cannot open (%s)", path,
                    strerror(errno));
  struct stat st;
  if (fstat(fd, &st) < 0 || st.st_size < HEADER) {
    close(fd);
    return ann_fail(e, ANN_EMODEL, 0, "%s: too short to be a model", path);
  }
  void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
  close(fd);
  if (p == MAP_FAILED)
    return ann_fail(e, ANN_EIO, -1, "%s: mmap failed (%s)", path,
                    strerror(errno));
  ann_model *m = calloc(1, sizeof *m);
  if (!m) {
    munmap(p, (size_t)st.st_size);
    return ann_fail(e, ANN_ENOMEM, -1, "out of memory");
  }
  m->base = p;
  m->size = (size_t)st.st_size;
  m->mapped = 1;
  m->path = strdup(path);
  int rc = check(m, path, kind, version, e);
  if (rc < 0) {
    ann_model_free(m);
    return rc;
  }
  *out = m;
  return 0;
}

void ann_model_free(ann_model *m) {
  if (!m) return;
  if (m->mapped) munmap((void *)m->base, m->size);
  free(m->path);
  free(m);
}

const char *ann_model_path(const ann_model *m) {
  return m->path ? m->path : "<memory>";
}

const void *ann_model_section(const ann_model *m, const char *name,
                              size_t *size) {
  for (uint32_t i = 0; i < m->nsect; i++) {
    const unsigned char *ent = m->base + HEADER + (size_t)i * ENTRY;
    if (strncmp((const char *)ent, name, 16) == 0) {
      if (size) *size = (size_t)rd64(ent + 24);
      return m->base + rd64(ent + 16);
    }
  }
  if (size) *size = 0;
  return NULL;
}

/* ------------------------------------------------------------ writer -- */

typedef struct wsect {
  char name[16];
  void *data;
  size_t size;
} wsect;

struct ann_model_writer {
  uint32_t kind, version;
  wsect *s;
  size_t n, cap;
};

ann_model_writer *ann_model_writer_new(uint32_t kind, uint32_t version) {
  ann_model_writer *w = calloc(1, sizeof *w);
  if (w) {
    w->kind = kind;
    w->version = version;
  }
  return w;
}

int ann_model_writer_add(ann_model_writer *w, const char *name,
                         const void *data, size_t size) {
  if (strlen(name) > 15) return ANN_EINVAL;
  if (w->n == w->cap) {
    size_t nc = w->cap ? w->cap * 2 : 8;
    wsect *s = realloc(w->s, nc * sizeof *s);
    if (!s) return ANN_ENOMEM;
    w->s = s;
    w->cap = nc;
  }
  wsect *s = &w->s[w->n];
  memset(s->name, 0, sizeof s->name);
  memcpy(s->name, name, strlen(name));
  s->data = malloc(size ? size : 1);
  if (!s->data) return ANN_ENOMEM;
  if (size) memcpy(s->data, data, size);
  s->size = size;
  w->n++;
  return 0;
}

static void wr32(unsigned char *p, uint32_t v) {
  for (int i = 0; i < 4; i++) p[i] = (unsigned char)(v >> (8 * i));
}

static void wr64(unsigned char *p, uint64_t v) {
  wr32(p, (uint32_t)v);
  wr32(p + 4, (uint32_t)(v >> 32));
}

int ann_model_writer_save(ann_model_writer *w, const char *path,
                          ann_error *e) {
  size_t off = HEADER + w->n * ENTRY;
  size_t total = off;
  for (size_t i = 0; i < w->n; i++) {
    total = (total + 63) & ~(size_t)63;
    total += w->s[i].size;
  }
  unsigned char *buf = calloc(1, total);
  if (!buf) return ann_fail(e, ANN_ENOMEM, -1, "out of memory");
  memcpy(buf, MAGIC, 8);
  wr32(buf + 8, w->kind);
  wr32(buf + 12, w->version);
  wr32(buf + 16, (uint32_t)w->n);
  wr64(buf + 24, total);
  for (size_t i = 0; i < w->n; i++) {
    off = (off + 63) & ~(size_t)63; /* a cache line (readers need 16) */
    unsigned char *ent = buf + HEADER + i * ENTRY;
    memcpy(ent, w->s[i].name, 16);
    wr64(ent + 16, off);
    wr64(ent + 24, w->s[i].size);
    if (w->s[i].size) memcpy(buf + off, w->s[i].data, w->s[i].size);
    off += w->s[i].size;
  }
  uLong crc = crc32(0L, Z_NULL, 0);
  crc = crc32(crc, buf + HEADER, (uInt)(total - HEADER));
  wr32(buf + 20, (uint32_t)crc);
  /* write to a temporary name and rename, so a reader never maps a
   * half-written model */
  size_t pl = strlen(path);
  char *tmp = malloc(pl + 8);
  if (!tmp) {
    free(buf);
    return ann_fail(e, ANN_ENOMEM, -1, "out of memory");
  }
  memcpy(tmp, path, pl);
  memcpy(tmp + pl, ".tmp", 5);
  FILE *f = fopen(tmp, "wb");
  int rc = 0;
  if (!f || fwrite(buf, 1, total, f) != total || fclose(f) != 0) {
    rc = ann_fail(e, ANN_EIO, -1, "%s: cannot write (%s)", path,
                  strerror(errno));
    f = NULL;
  } else if (rename(tmp, path) != 0) {
    rc = ann_fail(e, ANN_EIO, -1, "%s: cannot rename (%s)", path,
                  strerror(errno));
  }
  free(tmp);
  free(buf);
  return rc;
}

void ann_model_writer_free(ann_model_writer *w) {
  if (!w) return;
  for (size_t i = 0; i < w->n; i++) free(w->s[i].data);
  free(w->s);
  free(w);
}
