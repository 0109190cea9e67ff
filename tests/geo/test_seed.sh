#!/usr/bin/env bash
# test_seed.sh — with the real gazetteer (built by scripts/setup.sh), a
# text we wrote resolves its places to the right countries; Georgia next
# to Ukraine and Moldova is the country. Skipped when setup has not run.
set -euo pipefail
bin=$1 src=$2
if [ ! -f "$src/data/gazetteer.bin" ]; then
  echo "SKIP: no $src/data/gazetteer.bin (run scripts/setup.sh)"
  exit 0
fi
out=$("$bin" extract -q -i text --home "$src" - <<'TXT'
TOKYO, 29 June. Azerbaijanis living in Yekaterinburg and Moscow say police
raids have grown since the dispute between Baku and the Kremlin. Russia,
which once held Ukraine, Moldova and Georgia in its orbit, now finds
Armenia drifting too. The mayor of Paris, Texas, was not asked.
It was a Nice gesture, one official said.
TXT
)
fail=0
want() { # text country
  got=$(printf '%s' "$out" | python3 -c '
import json,sys
d=json.loads(sys.stdin.read()); t=sys.argv[1]
print(next((p.get("country","") for p in d.get("places",[]) if p["text"]==t),"(none)"))' "$1")
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
