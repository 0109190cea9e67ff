/* fuzz_jsonl.c — the JSON Lines reader on arbitrary bytes. */
#include "fuzz_ingest_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_source(data, size, ANN_IN_JSONL);
  return 0;
}
