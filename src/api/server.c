/*
 * server.c — libmicrohttpd front of the store (see api.h).
 *
 * Every worker thread keeps its own read-only SQLite connection (SQLite
 * connections must not be shared between threads without a mutex). Each
 * request's queries run under a progress-handler deadline, so a slow
 * query answers 503 instead of holding a thread.
 */
#include "annalist/api.h"
#include "annalist/out.h"
#include "annalist/query.h"
#include "annalist/store.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <pthread.h>
#include <netinet/in.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MAX_URL 2048
#define MAX_STATIC (8u << 20)

/* ---------------------------------------------------- answer cache --
 * Dashboards ask the same questions again and again (every viewer of the
 * page loads the same first view). Answers are kept by URL while the store
 * files are unchanged: the generation is the size and modification time of
 * the database and its WAL, so a concurrent ingest invalidates everything
 * at its next commit. */
#define CACHE_SLOTS 512
#define CACHE_MAX_ANSWER (1u << 20)

typedef struct cache_entry {
  char *key; /* URL + '?' + canonical query */
  char *body;
  size_t len;
  const char *type;
  unsigned long long gen;
} cache_entry;

typedef struct answer_cache {
  pthread_mutex_t mu;
  cache_entry e[CACHE_SLOTS];
} answer_cache;

struct ann_server {
  ann_server_opts o;
  answer_cache *cache; /* NULL when disabled */
  struct MHD_Daemon *d;
  int port;
  char db[1024], web[1024], vendor[1024];
};

/* ----------------------------------------------- per-thread store -- */

static __thread ann_store *tl_store;
static __thread char tl_db[1024];

static sqlite3 *thread_db(const ann_server *s, ann_error *e) {
  if (tl_store && strcmp(tl_db, s->db) == 0) return ann_store_db(tl_store);
  ann_store_close(tl_store);
  tl_store = NULL;
  if (ann_store_open(&tl_store, s->db, true, e) < 0) return NULL;
  snprintf(tl_db, sizeof tl_db, "%s", s->db);
  return ann_store_db(tl_store);
}

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int deadline_cb(void *p) { return now_ms() > *(double *)p; }

/* ------------------------------------------------------- responses -- */

static enum MHD_Result reply(struct MHD_Connection *c, unsigned status,
                            const char *type, ann_buf *b) {
  struct MHD_Response *r = MHD_create_response_from_buffer(
      b->len, b->p ? b->p : (char *)"", MHD_RESPMEM_MUST_COPY);
  if (!r) return MHD_NO;
  MHD_add_response_header(r, "Content-Type", type);
  MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
  MHD_add_response_header(r, "Cache-Control", "no-store");
  enum MHD_Result ok = MHD_queue_response(c, status, r);
  MHD_destroy_response(r);
  return ok;
}

static enum MHD_Result error(struct MHD_Connection *c, unsigned status,
                             const char *msg) {
  ann_buf b;
  ann_buf_init(&b, 0);
  ann_json j;
  ann_json_init(&j, &b);
  ann_json_obj(&j);
  ann_json_key(&j, "error");
  ann_json_obj(&j);
  ann_json_key(&j, "status");
  ann_json_int(&j, status);
  ann_json_key(&j, "message");
  ann_json_str(&j, msg);
  ann_json_obj_end(&j);
  ann_json_obj_end(&j);
  enum MHD_Result r = reply(c, status, "application/json", &b);
  ann_buf_free(&b);
  return r;
}

static unsigned status_of(int code) {
  switch (code) {
  case ANN_EINVAL: return MHD_HTTP_BAD_REQUEST;
  case ANN_ELIMIT: return MHD_HTTP_SERVICE_UNAVAILABLE;
  case ANN_EEMPTY: return MHD_HTTP_NOT_FOUND;
  default: return MHD_HTTP_INTERNAL_SERVER_ERROR;
  }
}

static unsigned long long store_generation(const ann_server *s) {
  char wal[1100];
  struct stat a = {0}, b = {0};
  stat(s->db, &a);
  snprintf(wal, sizeof wal, "%s-wal", s->db);
  stat(wal, &b);
  unsigned long long g = (unsigned long long)a.st_size * 1000003u ^
                         (unsigned long long)a.st_mtim.tv_nsec ^
                         (unsigned long long)a.st_mtim.tv_sec << 20;
  g ^= ((unsigned long long)b.st_size * 7919u) ^
       (unsigned long long)b.st_mtim.tv_nsec << 7 ^
       (unsigned long long)b.st_mtim.tv_sec << 33;
  return g;
}

static unsigned slot_of(const char *key) {
  unsigned h = 2166136261u;
  for (; *key; key++) h = (h ^ (unsigned char)*key) * 16777619u;
  return h % CACHE_SLOTS;
}

static void cache_free(answer_cache *c) {
  if (!c) return;
  for (int i = 0; i < CACHE_SLOTS; i++) {
    free(c->e[i].key);
    free(c->e[i].body);
  }
  pthread_mutex_destroy(&c->mu);
  free(c);
}

/* Copies a cached answer into out when one is fresh. */
static bool cache_get(const ann_server *s, const char *key,
                      unsigned long long gen, ann_buf *out,
                      const char **type) {
  if (!s->cache) return false;
  bool hit = false;
  cache_entry *c = &s->cache->e[slot_of(key)];
  pthread_mutex_lock(&s->cache->mu);
  if (c->key && c->gen == gen && !strcmp(c->key, key)) {
    ann_buf_put(out, c->body, c->len);
    *type = c->type;
    hit = !out->err;
  }
  pthread_mutex_unlock(&s->cache->mu);
  return hit;
}

static void cache_put(const ann_server *s, const char *key,
                      unsigned long long gen, const ann_buf *b,
                      const char *type) {
  if (!s->cache || b->len > CACHE_MAX_ANSWER) return;
  char *k = strdup(key), *body = malloc(b->len ? b->len : 1);
  if (!k || !body) {
    free(k);
    free(body);
    return;
  }
  memcpy(body, b->p, b->len);
  cache_entry *c = &s->cache->e[slot_of(key)];
  pthread_mutex_lock(&s->cache->mu);
  free(c->key);
  free(c->body);
  *c = (cache_entry){k, body, b->len, type, gen};
  pthread_mutex_unlock(&s->cache->mu);
}

/* The cache key: the path and every known parameter, in a fixed order. */
static void cache_key(struct MHD_Connection *c, const char *url, char *key,
                      size_t size) {
  static const char *const names[] = {"actor", "target", "root", "cameo",
                                      "country", "since", "until", "text",
                                      "doc", "limit", "offset", "type"};
  size_t n = (size_t)snprintf(key, size, "%s?", url);
  for (size_t i = 0; i < sizeof names / sizeof *names && n < size; i++) {
    const char *v =
        MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, names[i]);
    if (v) n += (size_t)snprintf(key + n, size - n, "%s=%s&", names[i], v);
  }
}

/* ------------------------------------------------------ parameters -- */

static bool utf8_ok(const char *s) {
  const unsigned char *p = (const unsigned char *)s;
  while (*p) {
    if (*p < 0x80) { p++; continue; }
    int n = (*p & 0xE0) == 0xC0 ? 1 : (*p & 0xF0) == 0xE0 ? 2
          : (*p & 0xF8) == 0xF0 ? 3 : -1;
    if (n < 0 || (*p == 0xC0 || *p == 0xC1)) return false;
    for (int i = 1; i <= n; i++)
      if ((p[i] & 0xC0) != 0x80) return false;
    p += n + 1;
  }
  return true;
}

static const char *arg(struct MHD_Connection *c, const char *name) {
  const char *v = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, name);
  return v && *v ? v : NULL;
}

static int number(const char *v, long *out, const char *name, ann_error *e) {
  if (!v) return 0;
  char *end;
  errno = 0;
  long n = strtol(v, &end, 10);
  if (*end || errno || n < 0)
    return ann_fail(e, ANN_EINVAL, -1, "'%s' must be a number", name);
  *out = n;
  return 0;
}

/* Every parameter the API knows; any value must be valid UTF-8. */
static int read_query(struct MHD_Connection *c, const ann_server *s,
                      ann_query *q, ann_error *e) {
  static const char *const names[] = {"actor", "target", "root", "cameo",
                                      "country", "since", "until", "text",
                                      "doc", "limit", "offset", "type"};
  for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
    const char *v = arg(c, names[i]);
    if (v && !utf8_ok(v))
      return ann_fail(e, ANN_EINVAL, -1, "'%s' is not valid UTF-8", names[i]);
  }
  memset(q, 0, sizeof *q);
  q->actor = arg(c, "actor");
  q->target = arg(c, "target");
  q->root = arg(c, "root");
  q->cameo = arg(c, "cameo");
  q->country = arg(c, "country");
  q->since = arg(c, "since");
  q->until = arg(c, "until");
  q->text = arg(c, "text");
  q->doc = arg(c, "doc");
  int rc;
  if ((rc = number(arg(c, "limit"), &q->limit, "limit", e)) < 0 ||
      (rc = number(arg(c, "offset"), &q->offset, "offset", e)) < 0)
    return rc;
  if (arg(c, "limit") && q->limit == 0)
    return ann_fail(e, ANN_EINVAL, -1, "'limit' must be 1..%ld",
                    s->o.max_page);
  return ann_query_check(q, s->o.max_page, e);
}

/* --------------------------------------------------------- routes -- */

static void paged(ann_buf *out, long long total, const ann_query *q,
                  ann_buf *items) {
  ann_buf_printf(out, "{\"total\":%lld,\"limit\":%ld,\"offset\":%ld,\"items\":",
                 total, q->limit, q->offset);
  ann_buf_put(out, items->p ? items->p : "[]", items->p ? items->len : 2);
  ann_buf_putc(out, '}');
}

static int api(const ann_server *s, struct MHD_Connection *c, const char *url,
               ann_buf *out, const char **type, ann_error *e) {
  sqlite3 *db = thread_db(s, e);
  if (!db) return ANN_EIO;
  double deadline = now_ms() + s->o.query_ms;
  sqlite3_progress_handler(db, 2000, deadline_cb, &deadline);
  ann_query q;
  int rc = read_query(c, s, &q, e);
  if (rc < 0) return rc;
  ann_buf items;
  ann_buf_init(&items, 64u << 20);
  long long total = 0;
  *type = "application/json";
  if (!strcmp(url, "/api/events")) {
    if ((rc = ann_query_events(db, &q, &items, &total, e)) == 0)
      paged(out, total, &q, &items);
  } else if (!strcmp(url, "/api/documents")) {
    if ((rc = ann_query_documents(db, &q, &items, &total, e)) == 0)
      paged(out, total, &q, &items);
  } else if (!strncmp(url, "/api/documents/", 15)) {
    const char *id = url + 15;
    sqlite3_stmt *st;
    rc = ANN_EEMPTY;
    if (sqlite3_prepare_v2(db, "SELECT record FROM documents WHERE id = ?",
                           -1, &st, NULL) == SQLITE_OK) {
      sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
      if (sqlite3_step(st) == SQLITE_ROW) {
        ann_buf_put(out, (const char *)sqlite3_column_text(st, 0),
                    (size_t)sqlite3_column_bytes(st, 0));
        rc = 0;
      }
      sqlite3_finalize(st);
    }
    if (rc < 0) ann_fail(e, rc, -1, "no document with id '%s'", id);
  } else if (!strcmp(url, "/api/timeline")) {
    rc = ann_query_timeline(db, &q, out, e);
  } else if (!strcmp(url, "/api/places.geojson")) {
    if (!arg(c, "limit")) q.limit = s->o.max_page;
    rc = ann_query_geojson(db, &q, true, out, e);
    *type = "application/geo+json";
  } else if (!strcmp(url, "/api/entities")) {
    const char *t = arg(c, "type");
    if (t && strcmp(t, "PER") && strcmp(t, "ORG") && strcmp(t, "LOC") &&
        strcmp(t, "MISC"))
      rc = ann_fail(e, ANN_EINVAL, -1, "'type' must be PER, ORG, LOC or MISC");
    else
      rc = ann_query_entities(db, t, q.limit, out, e);
  } else {
    rc = ann_fail(e, ANN_EEMPTY, -1, "no such endpoint: %s", url);
  }
  if (rc == 0 && (out->err || items.err))
    rc = ann_fail(e, ANN_ELIMIT, -1, "answer too large: lower 'limit'");
  ann_buf_free(&items);
  sqlite3_progress_handler(db, 0, NULL, NULL);
  return rc;
}

static const char *mime(const char *path) {
  const char *dot = strrchr(path, '.');
  if (!dot) return "application/octet-stream";
  if (!strcmp(dot, ".html")) return "text/html; charset=utf-8";
  if (!strcmp(dot, ".js")) return "text/javascript; charset=utf-8";
  if (!strcmp(dot, ".css")) return "text/css; charset=utf-8";
  if (!strcmp(dot, ".json")) return "application/json";
  if (!strcmp(dot, ".svg")) return "image/svg+xml";
  if (!strcmp(dot, ".png")) return "image/png";
  return "application/octet-stream";
}

/* Static files: only plain names under the web or vendor folder. Any
 * "..", empty segment, backslash or control byte is refused before the
 * file system is touched. */
static bool safe_path(const char *p) {
  if (*p != '/') return false;
  for (const char *s = p; *s; s++) {
    if (*s == '\\' || (unsigned char)*s < 0x20 || *s == 0x7f) return false;
    if (s[0] == '/' && s[1] == '/') return false;
    if (s[0] == '/' && s[1] == '.') return false; /* .., dot files */
  }
  return true;
}

static enum MHD_Result serve_file(const ann_server *s,
                                  struct MHD_Connection *c, const char *url) {
  if (!strcmp(url, "/")) url = "/index.html";
  if (!safe_path(url)) return error(c, MHD_HTTP_BAD_REQUEST, "bad path");
  char path[4096];
  int n = !strncmp(url, "/vendor/", 8)
              ? snprintf(path, sizeof path, "%s/%s", s->vendor, url + 8)
              : snprintf(path, sizeof path, "%s%s", s->web, url);
  if (n < 0 || (size_t)n >= sizeof path)
    return error(c, MHD_HTTP_URI_TOO_LONG, "path too long");
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  struct stat st;
  if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
      st.st_size > MAX_STATIC) {
    if (fd >= 0) close(fd);
    return error(c, MHD_HTTP_NOT_FOUND, "not found");
  }
  struct MHD_Response *r =
      MHD_create_response_from_fd((uint64_t)st.st_size, fd);
  if (!r) {
    close(fd);
    return MHD_NO;
  }
  MHD_add_response_header(r, "Content-Type", mime(path));
  MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
  enum MHD_Result ok = MHD_queue_response(c, MHD_HTTP_OK, r);
  MHD_destroy_response(r);
  return ok;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c,
                              const char *url, const char *method,
                              const char *version, const char *upload,
                              size_t *upload_size, void **con_cls) {
  const ann_server *s = cls;
  (void)version;
  (void)upload;
  /* first call per request: headers only. A method other than GET is
   * refused now, before any body is read. */
  if (!*con_cls) {
    *con_cls = (void *)1;
    if (strcmp(method, "GET") && strcmp(method, "HEAD"))
      return error(c, MHD_HTTP_METHOD_NOT_ALLOWED, "read-only API: GET only");
    return MHD_YES;
  }
  if (*upload_size) {
    *upload_size = 0;
    return error(c, MHD_HTTP_METHOD_NOT_ALLOWED, "read-only API: GET only");
  }
  if (strcmp(method, "GET") && strcmp(method, "HEAD"))
    return error(c, MHD_HTTP_METHOD_NOT_ALLOWED, "read-only API: GET only");
  if (strlen(url) > MAX_URL)
    return error(c, MHD_HTTP_URI_TOO_LONG, "URL too long");
  if (!utf8_ok(url)) return error(c, MHD_HTTP_BAD_REQUEST, "URL not UTF-8");
  if (strncmp(url, "/api/", 5)) return serve_file(s, c, url);
  ann_buf out;
  ann_buf_init(&out, 64u << 20);
  ann_error e = {0};
  const char *type = "application/json";
  char key[MAX_URL + 1024];
  unsigned long long gen = 0;
  if (s->cache) {
    cache_key(c, url, key, sizeof key);
    gen = store_generation(s);
    if (cache_get(s, key, gen, &out, &type)) {
      enum MHD_Result r = reply(c, MHD_HTTP_OK, type, &out);
      ann_buf_free(&out);
      return r;
    }
  }
  int rc = api(s, c, url, &out, &type, &e);
  if (rc == 0) cache_put(s, key, gen, &out, type);
  enum MHD_Result r = rc < 0 ? error(c, status_of(rc), e.msg)
                             : reply(c, MHD_HTTP_OK, type, &out);
  ann_buf_free(&out);
  return r;
}

int ann_server_start(ann_server **out, const ann_server_opts *o,
                     ann_error *e) {
  *out = NULL;
  ann_server *s = calloc(1, sizeof *s);
  if (!s) return ann_fail(e, ANN_ENOMEM, -1, "out of memory");
  s->o = *o;
  if (!s->o.host) s->o.host = "127.0.0.1";
  if (!s->o.threads) s->o.threads = 4;
  if (!s->o.query_ms) s->o.query_ms = 2000;
  if (!s->o.max_page) s->o.max_page = 1000;
  if (!o->no_cache) {
    s->cache = calloc(1, sizeof *s->cache);
    if (!s->cache) {
      free(s);
      return ann_fail(e, ANN_ENOMEM, -1, "out of memory");
    }
    pthread_mutex_init(&s->cache->mu, NULL);
  }
  snprintf(s->db, sizeof s->db, "%s", o->db);
  snprintf(s->web, sizeof s->web, "%s", o->web_dir ? o->web_dir : "web");
  snprintf(s->vendor, sizeof s->vendor, "%s",
           o->vendor_dir ? o->vendor_dir : "data/web");
  /* open the store once here so a bad file is a clear startup error */
  ann_store *check;
  int rc = ann_store_open(&check, s->db, true, e);
  if (rc < 0) {
    cache_free(s->cache);
    free(s);
    return rc;
  }
  ann_store_close(check);
  struct sockaddr_in addr = {.sin_family = AF_INET,
                             .sin_port = htons((uint16_t)s->o.port)};
  if (inet_pton(AF_INET, s->o.host, &addr.sin_addr) != 1) {
    cache_free(s->cache);
    free(s);
    return ann_fail(e, ANN_EINVAL, -1, "bad --host '%s' (an IPv4 address)",
                    o->host);
  }
  s->d = MHD_start_daemon(
      MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL_LINUX_ONLY |
          MHD_USE_ERROR_LOG,
      (uint16_t)s->o.port, NULL, NULL, handle, s, MHD_OPTION_SOCK_ADDR,
      (struct sockaddr *)&addr, MHD_OPTION_THREAD_POOL_SIZE,
      (unsigned)s->o.threads, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
      (size_t)(64 * 1024), MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)10,
      MHD_OPTION_CONNECTION_LIMIT, (unsigned)512, MHD_OPTION_END);
  if (!s->d) {
    cache_free(s->cache);
    free(s);
    return ann_fail(e, ANN_EIO, -1, "cannot listen on %s:%d (in use?)",
                    o->host ? o->host : "127.0.0.1", o->port);
  }
  const union MHD_DaemonInfo *info =
      MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
  s->port = info ? info->port : s->o.port;
  *out = s;
  return 0;
}

int ann_server_port(const ann_server *s) { return s->port; }

void ann_server_stop(ann_server *s) {
  if (!s) return;
  MHD_stop_daemon(s->d);
  cache_free(s->cache);
  free(s);
}
