#!/usr/bin/env bash
# load_api.sh [SECONDS] — load test of `annalist serve` on loopback with wrk:
# /api/events with filters at 64 connections on a store of >= 100,000
# events, made by ingesting our fixture records repeatedly under new ids.
# Prints p50/p99 latency and requests/s. Needs wrk (Debian; installed here).
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-15}
command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null
annalist=build/annalist
tmp=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; rm -rf "$tmp"' EXIT
db="$tmp/load.db"
# 17,000 copies of the 3 fixture documents (6 events) = 102,000 events,
# dates spread over a year so that date filters select slices
python3 - "$tmp/records.jsonl" <<'PY'
import json, sys, datetime
recs = [json.loads(l) for l in open("tests/store/fixtures/records.jsonl")]
out = open(sys.argv[1], "w")
start = datetime.date(2025, 1, 1)
for i in range(17000):
    day = (start + datetime.timedelta(days=i % 365)).isoformat()
    for r in recs:
        r2 = dict(r, id=f"{r['id']}-{i}", published=day)
        r2["events"] = [dict(e, date=day) for e in r["events"]]
        out.write(json.dumps(r2, ensure_ascii=False) + "\n")
PY
/usr/bin/time -f "ingest of records: %es, %MKB peak" \
  $annalist ingest --db "$db" --records -q --batch 5000 "$tmp/records.jsonl"
echo "events in store: $(sqlite3 "$db" 'SELECT count(*) FROM events')"
$annalist serve --db "$db" --port 0 --threads 2 ${NOCACHE:+--no-cache} 2>"$tmp/log" &
pid=$!
for _ in $(seq 50); do grep -q 'http://' "$tmp/log" 2>/dev/null && break; sleep 0.1; done
base=$(grep -o 'http://[0-9.:]*' "$tmp/log" | head -1)
cat > "$tmp/paths.lua" <<'LUA'
local paths = {
  "/api/events?actor=RUS&since=2025-06&until=2025-06-30",
  "/api/events?target=GEO&root=07",
  "/api/events?country=UA&limit=20",
  "/api/events?root=17&since=2025-03",
  "/api/events?actor=AZE&target=AZE&offset=100",
  "/api/events?cameo=14&since=2025-05-01&until=2025-05-31",
}
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
LUA
echo "wrk: $secs s, 2 threads, 64 connections, 6 filtered /api/events queries"
wrk -t2 -c64 -d"${secs}s" --latency -s "$tmp/paths.lua" "$base" | \
  grep -E "Latency|50%|99%|Requests/sec|requests in|Non-2xx"
