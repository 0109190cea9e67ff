#!/usr/bin/env bash
# test_seed.sh — with the real gazetteer (built by scripts/setup.sh), a
# text we wrote resolves its places to the right countries; Georgia next
# to Ukraine and Moldova is the country. Skipped when setup has not run.
set -euo pipefail
bin=$1 src=$2
. "$src/tests/lib.sh"
need_gazetteer "$src"
out=$("$bin" extract -q -i text --home "$src" - <<'TXT'
TOKYO, 29 June. Azerbaijanis living in Yekaterinburg and Moscow say police
raids have grown since the dispute between Baku and the Kremlin. Russia,
which once held Ukraine, Moldova and Georgia in its orbit, now finds
Armenia drifting too. The mayor of Paris, Texas, was not asked.
It was a Nice gesture, one official said.
TXT
)
# "text<TAB>country" per place, first mention first
table=$(printf '%s' "$out" | python3 -c '
import json,sys
for p in json.loads(sys.stdin.read()).get("places",[]):
    print(p["text"] + "\t" + p.get("country",""))')
fail=0
want() { # text country
  got=$(printf '%s\n' "$table" | awk -F'\t' -v t="$1" '$1==t{print $2; exit}')
  [ -n "$got" ] || got="(none)"
  if [ "$got" != "$2" ]; then echo "FAIL: $1 -> $got, want $2"; fail=1
  else echo "ok: $1 -> $2"; fi
}
want Yekaterinburg RU
want Moscow RU
want Baku AZ
want Kremlin RU
want Russia RU
want Ukraine UA
want Moldova MD
want Georgia GE
want Armenia AM
want Paris US
want Texas US
want Nice "(none)"
exit $fail
