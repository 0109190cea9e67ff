#!/usr/bin/env bash
# dates.sh — when events happened: dates/NAME.txt is "published: DATE", a
# blank line, then documents separated by blank lines (a document per
# paragraph, so that no date of one reaches another); each is coded by the
# real binary and its events, one per line as "document sentence source
# cameo target evidence date", must equal dates/NAME.out byte for byte
# (ANN_UPDATE_GOLDEN=1 rewrites them). Needs the gazetteer that
# scripts/setup.sh builds: skipped without it.
set -euo pipefail
bin=$1 src=$2
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
need_gazetteer "$src"
for in in "$here"/dates/*.txt; do
  want=${in%.txt}.out
  got=$(python3 -c '
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
head, _, body = text.partition("\n\n")
pub = head.split(":", 1)[1].strip()
for i, doc in enumerate(p for p in body.split("\n\n") if p.strip()):
    print(json.dumps({"id": str(i), "text": doc.strip() + "\n", "published": pub}))
' "$in" | "$bin" extract -q -i jsonl --home "$src" - | python3 -c '
import json, sys
def code(a):
    return a["code"] if a else "-"
for line in sys.stdin:
    r = json.loads(line)
    for e in r.get("events", []):
        print("\t".join([r["id"], str(e["sentence"]), code(e.get("source")), e["cameo"],
                         code(e.get("target")), e["evidence"]["text"], e.get("date") or "-"]))
')
  golden_check "$want" "$got"
done
golden_done
