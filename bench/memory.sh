#!/usr/bin/env bash
# memory.sh — peak RSS of `annalist extract -j 2` over 1,000 and 10,000
# documents (WARC.gz and JSON Lines made in /tmp from the dev pages, in
# rotation): with an arena per document and a fixed ring of slots, the
# peak must not grow with the number of documents.
#   bench/memory.sh [EXTRA OPTIONS]   e.g. --only-extract
# (needs /usr/bin/time: Debian package `time`)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
pages=${ANN_DEV_PAGES:-$root/../shared/data/extraction-dev/html}
[ -d "$pages" ] || pages=/work/shared/data/extraction-dev/html
bin=$root/build/annalist
tmp=/tmp/ann_bench_memory
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT
if [ ! -x /usr/bin/time ]; then # bench-only tool: installed here
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq time >/dev/null ||
    { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
fi

python3 - "$pages" "$tmp" <<'PY'
import gzip, json, os, sys
pages, tmp = sys.argv[1], sys.argv[2]
names = sorted(os.listdir(pages))
data = [open(os.path.join(pages, n), "rb").read() for n in names]
def record(i, body):
    uri = f"http://mem.example/{i}"
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body
    h = (f"WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\n"
         f"WARC-Date: 2024-05-01T12:00:00Z\r\nWARC-Record-ID: <urn:x:{i}>\r\n"
         f"Content-Type: application/http; msgtype=response\r\n"
         f"Content-Length: {len(http)}\r\n\r\n").encode()
    return h + http + b"\r\n\r\n"
for n in (1000, 10000):
    with open(f"{tmp}/docs{n}.warc.gz", "wb") as w, open(f"{tmp}/docs{n}.jsonl", "w") as j:
        for i in range(n):
            body = data[i % len(data)]
            w.write(gzip.compress(record(i, body), 1))
            j.write(json.dumps({"id": f"d{i}", "url": f"http://mem.example/{i}",
                                "html": body.decode("utf-8", "replace")}) + "\n")
PY
echo "date: $(date -u +%FT%TZ)  command: /usr/bin/time -v $bin extract -q -j 2 $* FILE > /dev/null"
for kind in warc.gz jsonl; do
  for n in 1000 10000; do
    f=$tmp/docs$n.$kind
    st=0
    /usr/bin/time -v "$bin" extract -q -j 2 "$@" "$f" > "$tmp/out.jsonl" 2> "$tmp/time.txt" || st=$?
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/time.txt")
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$tmp/time.txt")
    recs=$(grep -c . "$tmp/out.jsonl")
    errs=$(grep -c '"error":{' "$tmp/out.jsonl" || true)
    printf '%-8s %6d docs  %6d records (%d errors)  %s MB file  peak RSS %6.1f MB  wall %s  exit %s\n' \
      "$kind" "$n" "$recs" "$errs" "$(du -m "$f" | cut -f1)" "$(echo "$rss/1024" | bc -l)" "$wall" "$st"
    [ "$recs" -eq "$n" ] || echo "  WARNING: $recs records for $n documents (a crash?): $(grep -i 'signal\|status' "$tmp/time.txt" | head -2 | tr '\n' ' ')"
  done
done
