#!/usr/bin/env bash
# golden.sh — sentences we wrote (golden/NAME.txt) coded by the real binary
# with the committed models and dictionaries; the events, one per line as
# "sentence source cameo target evidence flags", must equal golden/NAME.out
# byte for byte (ANN_UPDATE_GOLDEN=1 rewrites them). Needs the gazetteer
# that scripts/setup.sh builds: skipped without it.
set -euo pipefail
bin=$1 src=$2
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
need_gazetteer "$src"
table() {
  python3 -c '
import json, sys
def code(a):
    return a["code"] if a else "-"
for line in sys.stdin:
    r = json.loads(line)
    for e in r.get("events", []):
        flags = ",".join(f for f in ("negated", "hypothetical") if e.get(f)) or "-"
        print("\t".join([str(e["sentence"]), code(e.get("source")), e["cameo"],
                         code(e.get("target")), e["evidence"]["text"], flags]))
'
}
for in in "$here"/golden/*.txt; do
  want=${in%.txt}.out
  got=$("$bin" extract -q -i text --home "$src" "$in" | table)
  golden_check "$want" "$got"
done
golden_done
