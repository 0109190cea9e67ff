#!/usr/bin/env bash
# test.sh — the whole test suite: set-up (installs what is missing, builds),
# then every test in the optimised build and again under ASan + UBSan.
# Tests need nothing from ../shared.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)

scripts/setup.sh
scripts/setup-tests.sh
echo "== tests (optimised build)"
ctest --test-dir build --output-on-failure -j "$jobs"

echo "== tests (ASan + UBSan build)"
cmake --preset asan >/dev/null
cmake --build --preset asan
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j "$jobs"
