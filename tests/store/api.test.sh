#!/usr/bin/env bash
# api.test.sh — the HTTP API on a store made from our fixture records:
# answers, filters, paging, and bad requests (JSON errors, never a crash).
set -u
annalist=$1
tmp=$(mktemp -d)
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }
check() { if eval "$2"; then ok; else bad "$1"; fi; }

"$annalist" ingest --db "$tmp/s.db" --records -q fixtures/records.jsonl
touch "$tmp/log"
"$annalist" serve --db "$tmp/s.db" --port 0 2>"$tmp/log" &
pid=$!
for _ in $(seq 50); do grep -q 'http://' "$tmp/log" && break; sleep 0.1; done
base=$(grep -o 'http://[0-9.:]*' "$tmp/log" | head -1)
check "server started" '[ -n "$base" ]'

get() { curl -s --path-as-is -o "$tmp/body" -w '%{http_code}' "$base$1"; }
json() { python3 -c "import json,sys; d=json.load(open('$tmp/body')); print($1)"; }

check "events 200" '[ "$(get /api/events)" = 200 ]'
check "events total" '[ "$(json "d[\"total\"]")" = 6 ]'
check "actor filter" '[ "$(get "/api/events?actor=RUS")" = 200 ] && [ "$(json "d[\"items\"][0][\"cameo\"]")" = 1531 ]'
check "sentence carried" '[ "$(json "d[\"items\"][0][\"sentence_text\"][:16]")" = "Russian warships" ]'
check "target+since" '[ "$(get "/api/events?target=GEO&since=2025-06")" = 200 ] && [ "$(json "d[\"total\"]")" = 1 ]'
check "text filter" '[ "$(get "/api/events?text=protesters")" = 200 ] && [ "$(json "d[\"total\"]")" = 2 ]'
check "paging" '[ "$(get "/api/events?limit=2&offset=2")" = 200 ] && [ "$(json "len(d[\"items\"])")" = 2 ]'
check "documents" '[ "$(get /api/documents)" = 200 ] && [ "$(json "d[\"total\"]")" = 3 ]'
check "document record" '[ "$(get /api/documents/fx-2)" = 200 ] && [ "$(json "d[\"title\"]")" = "Aid convoy reaches Tbilisi" ]'
check "timeline" '[ "$(get /api/timeline)" = 200 ] && [ "$(json "[x[\"events\"] for x in d if x[\"date\"]==\"2025-06-28\"][0]")" = 2 ]'
check "timeline roots" '[ "$(json "[x[\"roots\"] for x in d if x[\"date\"]==\"2025-05-20\"][0][\"17\"]")" = 1 ]'
check "geojson" '[ "$(get /api/places.geojson)" = 200 ] && [ "$(json "d[\"type\"]")" = FeatureCollection ] && [ "$(json "len([f for f in d[\"features\"] if f[\"properties\"][\"kind\"]==\"place\"])")" = 5 ]'
check "entities" '[ "$(get "/api/entities?type=PER")" = 200 ] && [ "$(json "d[0][\"text\"]")" = "Olena Kovalenko" ]'

# bad requests: each a JSON error with the right status
check "unknown doc 404" '[ "$(get /api/documents/nope)" = 404 ] && [ "$(json "d[\"error\"][\"status\"]")" = 404 ]'
check "bad root 400" '[ "$(get "/api/events?root=1%27%3B%20DROP%20TABLE%20events")" = 400 ]'
check "huge limit 400" '[ "$(get "/api/events?limit=100000000")" = 400 ]'
check "negative offset 400" '[ "$(get "/api/events?offset=-5")" = 400 ]'
check "not a number 400" '[ "$(get "/api/events?limit=ten")" = 400 ]'
check "non-UTF-8 400" '[ "$(get "/api/events?text=%ff%fe")" = 400 ]'
check "dotdot refused" '[ "$(get "/../../etc/passwd")" != 200 ] && ! grep -q "root:" "$tmp/body"'
check "encoded dotdot refused" '[ "$(get "/%2e%2e/%2e%2e/etc/passwd")" != 200 ] && ! grep -q "root:" "$tmp/body"'
check "unknown endpoint 404" '[ "$(get /api/nothing)" = 404 ]'
check "POST refused" '[ "$(curl -s -o /dev/null -w "%{http_code}" -X POST -d x=1 "$base/api/events")" = 405 ]'
check "long URL refused" '[ "$(get "/api/events?text=$(head -c 5000 /dev/zero | tr "\0" a)")" -ge 400 ]'
check "still alive" '[ "$(get /api/events)" = 200 ]'

# a corrupt store is a clear startup error, not a crash
head -c 4096 /dev/urandom > "$tmp/corrupt.db"
"$annalist" serve --db "$tmp/corrupt.db" --port 0 2>"$tmp/err" &
p2=$!
sleep 0.5
if kill -0 $p2 2>/dev/null; then kill $p2; bad "corrupt db served"; else
  wait $p2; rc=$?
  check "corrupt db exit 1" '[ $rc = 1 ]'
  check "corrupt db message" 'grep -q "corrupt.db" "$tmp/err"'
fi
echo "$pass passed, $fail failed"
[ $fail = 0 ]
