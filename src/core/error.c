/* error.c — error codes, names and the message helper (see ann.h). */
#include "annalist/ann.h"

#include <stdarg.h>
#include <stdio.h>

const char *ann_strerror(int code) {
  switch (code) {
  case ANN_OK: return "ok";
  case ANN_ENOMEM: return "out of memory (or the per-document memory cap)";
  case ANN_EIO: return "input/output error";
  case ANN_EINVAL: return "invalid argument";
  case ANN_EFORMAT: return "malformed input";
  case ANN_ELIMIT: return "input exceeds a limit";
  case ANN_EMODEL: return "model or data file missing or corrupt";
  case ANN_EEMPTY: return "no usable content";
  case ANN_ETRUNC: return "input truncated";
  }
  return "unknown error";
}

const char *ann_errname(int code) {
  switch (code) {
  case ANN_OK: return "OK";
  case ANN_ENOMEM: return "ENOMEM";
  case ANN_EIO: return "EIO";
  case ANN_EINVAL: return "EINVAL";
  case ANN_EFORMAT: return "EFORMAT";
  case ANN_ELIMIT: return "ELIMIT";
  case ANN_EMODEL: return "EMODEL";
  case ANN_EEMPTY: return "EEMPTY";
  case ANN_ETRUNC: return "ETRUNC";
  }
  return "EUNKNOWN";
}

int ann_fail(ann_error *e, int code, long long offset, const char *fmt, ...) {
  if (e) {
    e->code = code;
    e->offset = offset;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
  }
  return code;
}

void ann_limits_default(ann_limits *l) {
  if (!l->max_bytes) l->max_bytes = 20u << 20;
  if (!l->max_depth) l->max_depth = 512;
  if (!l->max_arena) l->max_arena = 512u << 20;
  if (!l->max_tokens) l->max_tokens = 2000000;
}
