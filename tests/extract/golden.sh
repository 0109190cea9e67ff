#!/usr/bin/env bash
# golden.sh — `annalist extract --only-extract` on each golden/*.html (and
# *.txt) fixture, compared byte for byte with golden/NAME.out.
# ANN_UPDATE_GOLDEN=1 rewrites the .out files (review the diff).
# Usage: golden.sh ANNALIST SOURCE_DIR
set -u
bin=$(realpath "$1")
src=$(realpath "$2")
dir=$src/tests/extract/golden
. "$src/tests/lib.sh"
for in in "$dir"/*.html "$dir"/*.txt; do
  [ -e "$in" ] || continue
  got=$(cd "$dir" && "$bin" extract --only-extract -q "$(basename "$in")" 2>&1)
  golden_check "${in%.*}.out" "$got"
done
# the README's example page
got=$("$bin" extract --only-extract -q "$src/examples/news-page.html" 2>&1)
case $got in
  *'"dateline":{"place":"Constanța"'*) golden_pass=$((golden_pass + 1)) ;;
  *) golden_fail=$((golden_fail + 1)); echo "FAIL examples/news-page.html: no dateline" ;;
esac
golden_done
