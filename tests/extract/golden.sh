#!/usr/bin/env bash
# golden.sh — `annalist extract --only-extract` on each golden/*.html (and
# *.txt) fixture, compared byte for byte with golden/NAME.out.
# ANN_UPDATE_GOLDEN=1 rewrites the .out files (review the diff).
# Usage: golden.sh ANNALIST SOURCE_DIR
set -u
bin=$(realpath "$1")
src=$(realpath "$2")
dir=$src/tests/extract/golden
fail=0 pass=0
for in in "$dir"/*.html "$dir"/*.txt; do
  [ -e "$in" ] || continue
  name=${in%.*}
  got=$(cd "$dir" && "$bin" extract --only-extract -q "$(basename "$in")" 2>&1)
  if [ -n "${ANN_UPDATE_GOLDEN:-}" ]; then
    printf '%s\n' "$got" > "$name.out"
    continue
  fi
  if [ "$got" == "$(cat "$name.out" 2>/dev/null)" ]; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "FAIL $(basename "$in")"
    diff <(printf '%s\n' "$got") "$name.out" | head -20
  fi
done
# the README's example page
got=$("$bin" extract --only-extract -q "$src/examples/news-page.html" 2>&1)
case $got in
  *'"dateline":{"place":"Constanța"'*) pass=$((pass + 1)) ;;
  *) fail=$((fail + 1)); echo "FAIL examples/news-page.html: no dateline" ;;
esac
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
