/* fuzz_warc.c — the WARC reader (plain, gzip, zstd) on arbitrary bytes. */
#include "fuzz_ingest_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_source(data, size, ANN_IN_WARC);
  return 0;
}
