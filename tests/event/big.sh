#!/usr/bin/env bash
# big.sh — a sentence of 10,000 tokens, one with 500 entities, and a long
# one full of triggers go through the whole pipeline, events included:
# exit status 0 and one valid JSON record each (no timing asserted).
set -euo pipefail
bin=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp" <<'PY'
import sys
d = sys.argv[1]
words = ["Russian", "police", "arrested", "the", "Georgian", "journalist",
         "and", "soldiers", "attacked", "villages", "near", "Tbilisi", ","]
with open(d + "/long.txt", "w") as f:   # 10,000 tokens, no full stop
    f.write(" ".join(words[i % len(words)] for i in range(10000)) + "\n")
places = ["Moscow", "Paris", "Berlin", "Tbilisi", "Baku", "Kyiv", "Ankara",
          "Tehran", "Yerevan", "Warsaw"]
people = ["Ivan Petrov", "Anna Ivanova", "Giorgi Beridze", "Leyla Aliyeva",
          "Olena Shevchenko"]
ents = [(places + people)[i % 15] for i in range(500)]
with open(d + "/entities.txt", "w") as f:   # 500 entities, one sentence
    f.write("Officials from " + ", ".join(ents) + " condemned the attack.\n")
with open(d + "/dense.txt", "w") as f:      # ~390 tokens, a trigger in each clause
    f.write("; ".join("Russia attacked Georgia and Turkey condemned Iran"
                      for _ in range(48)) + ".\n")
PY
for f in long entities dense; do
  "$bin" extract -q -i text --home "$src" "$tmp/$f.txt" >"$tmp/$f.json"
  python3 -c '
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1])]
assert len(recs) == 1, len(recs)
r = recs[0]
assert "error" not in r, r.get("error")
assert r.get("sentences"), "no sentences"
print(sys.argv[2], "ok:", len(r.get("entities", [])), "entities,",
      len(r.get("events", [])), "events")
' "$tmp/$f.json" "$f"
done
echo "3 passed, 0 failed"
