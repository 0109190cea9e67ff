/* test_json.c — the JSON writer and the record's code-point spans. */
#include "annalist/out.h"
#include "check.h"

static void test_writer(void) {
  ann_buf b;
  ann_buf_init(&b, 0);
  ann_json j;
  ann_json_init(&j, &b);
  ann_json_obj(&j);
  ann_json_key(&j, "s");
  ann_json_str(&j, "a\"b\\c\n\x01 é");
  ann_json_key(&j, "bad");
  ann_json_strn(&j, "x\xff\xc3", 3); /* invalid UTF-8 -> U+FFFD */
  ann_json_key(&j, "n");
  ann_json_num(&j, 50.4501);
  ann_json_key(&j, "i");
  ann_json_num(&j, -3);
  ann_json_key(&j, "arr");
  ann_json_arr(&j);
  ann_json_bool(&j, true);
  ann_json_null(&j);
  ann_json_str(&j, NULL);
  ann_json_arr_end(&j);
  ann_json_obj_end(&j);
  CHECK_STR(b.p, "{\"s\":\"a\\\"b\\\\c\\n\\u0001 é\",\"bad\":\"x\xEF\xBF\xBD"
                 "\xEF\xBF\xBD\",\"n\":50.4501,\"i\":-3,"
                 "\"arr\":[true,null,null]}");
  ann_buf_free(&b);

  /* a buffer with a maximum fails once and stays failed */
  ann_buf_init(&b, 16);
  ann_buf_puts(&b, "0123456789");
  ann_buf_puts(&b, "0123456789");
  CHECK(b.err == ANN_ENOMEM);
  ann_buf_free(&b);
}

static void test_record_spans(void) {
  ann_arena *a = ann_arena_new(4096, 0);
  ann_doc d = {.arena = a};
  d.text = "Größe von Baku.";
  d.text_len = strlen(d.text);
  ann_sentence *s = ANN_PUSH(a, &d.sentences);
  s->start = 0;
  s->end = (uint32_t)d.text_len;
  ann_entity *e = ANN_PUSH(a, &d.entities);
  e->start = (uint32_t)(strstr(d.text, "Baku") - d.text); /* byte 12 */
  e->end = e->start + 4;
  e->type = ANN_LOC;
  ann_buf b;
  ann_buf_init(&b, 0);
  ann_write_record(&b, &d, NULL);
  /* "Größe von " is 10 code points but 12 bytes */
  CHECK(strstr(b.p, "\"text\":\"Baku\",\"type\":\"LOC\",\"start\":10,"
                    "\"end\":14,\"sentence\":0") != NULL);
  CHECK(b.p[b.len - 1] == '\n');
  ann_buf_free(&b);
  ann_arena_free(a);
}

int main(void) {
  test_writer();
  test_record_spans();
  return check_done();
}
