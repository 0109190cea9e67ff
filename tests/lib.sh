# lib.sh — sourced by the shell tests.
#
# need_gazetteer SRC: ends the test as skipped (exit 0 with a SKIP line) when
# scripts/setup.sh has not built SRC/data/gazetteer.bin.
#
# golden_check OUT GOT
# compares the text GOT with the file OUT byte for byte (a trailing newline
# added), or rewrites OUT when ANN_UPDATE_GOLDEN is set (review the diff);
# golden_done prints the tally and fails when any comparison did.
golden_pass=0 golden_fail=0

golden_check() {
  local want=$1 got=$2
  if [ -n "${ANN_UPDATE_GOLDEN:-}" ]; then
    printf '%s\n' "$got" >"$want"
    echo "updated $(basename "$want")"
  elif [ "$got" != "$(cat "$want" 2>/dev/null)" ]; then
    echo "FAIL: $(basename "$want")"
    diff <(cat "$want" 2>/dev/null) <(printf '%s\n' "$got") | head -40 || true
    golden_fail=$((golden_fail + 1))
  else
    echo "ok: $(basename "$want")"
    golden_pass=$((golden_pass + 1))
  fi
}

golden_done() {
  echo "$golden_pass passed, $golden_fail failed"
  [ "$golden_fail" = 0 ]
}

need_gazetteer() {
  [ -f "$1/data/gazetteer.bin" ] && return 0
  echo "SKIP: no $1/data/gazetteer.bin (run scripts/setup.sh)"
  exit 0
}
