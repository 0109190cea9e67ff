#!/usr/bin/env bash
# ingest.sh — reading throughput: annalist's WARC reader against npm
# warcio on the same WARC.gz, built in /tmp from the dev pages repeated.
#   cmake --preset dev && cmake --build --preset dev
#   bench/ingest.sh [REPEAT]     (default 5: ~165 MB of pages)
# Needs ../shared/data/extraction-dev/html; installs warcio into
# bench/node_modules. Each side is pinned to one core; best of 3 runs.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
pages=${ANN_DEV_PAGES:-$root/../shared/data/extraction-dev/html}
[ -d "$pages" ] || pages=/work/shared/data/extraction-dev/html
rep=${1:-5}
tmp=/tmp/ann_bench_ingest
mkdir -p "$tmp"
bin=$root/build/bench_ingest
[ -x "$bin" ] || { echo "build first: cmake --build --preset dev" >&2; exit 1; }

if [ ! -d "$here/node_modules/warcio" ]; then
  echo "installing warcio into bench/node_modules" >&2
  (cd "$here" && npm install --prefix . --no-save --no-package-lock --no-audit \
     --no-fund warcio@2.4.11 chardet@2.2.0 jschardet@4.0.0 iconv-lite@0.7.3 >&2)
fi

if [ ! -s "$tmp/pages.warc.gz" ] || [ "$(cat "$tmp/rep" 2>/dev/null)" != "$rep" ]; then
  echo "building $tmp/pages.warc{,.gz,.zst} from $pages x $rep" >&2
  python3 - "$pages" "$rep" "$tmp" <<'PY'
import gzip, os, sys, uuid, zlib
pages, rep, tmp = sys.argv[1], int(sys.argv[2]), sys.argv[3]
names = sorted(os.listdir(pages))
def record(t, uri, ctype, block):
    h = (f"WARC/1.1\r\nWARC-Type: {t}\r\nWARC-Target-URI: {uri}\r\n"
         f"WARC-Date: 2024-05-01T12:00:00Z\r\n"
         f"WARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\n"
         f"Content-Type: {ctype}\r\nContent-Length: {len(block)}\r\n\r\n").encode()
    return h + block + b"\r\n\r\n"
n = 0
with open(f"{tmp}/pages.warc", "wb") as plain, open(f"{tmp}/pages.warc.gz", "wb") as gz:
    info = record("warcinfo", "", "application/warc-fields", b"software: annalist bench\r\n")
    plain.write(info); gz.write(gzip.compress(info, 6))
    for r in range(rep):
        for name in names:
            body = open(os.path.join(pages, name), "rb").read()
            uri = f"http://bench.example/{r}/{name}"
            req = record("request", uri, "application/http; msgtype=request",
                         f"GET /{r}/{name} HTTP/1.1\r\nHost: bench.example\r\n\r\n".encode())
            http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                    b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
            resp = record("response", uri, "application/http; msgtype=response", http)
            for x in (req, resp):
                plain.write(x)
                gz.write(gzip.compress(x, 6))
            n += 1
print(n, "pages", file=sys.stderr)
PY
  if ! command -v zstd >/dev/null; then # bench-only tool: installed here
    sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq zstd >/dev/null || true
  fi
  command -v zstd >/dev/null && zstd -q -f -3 "$tmp/pages.warc" -o "$tmp/pages.warc.zst"
  echo "$rep" > "$tmp/rep"
fi
ls -l "$tmp"/pages.warc* >&2

best() { # best of 3 by MB/s, from the line each tool prints on stderr
  local line bestv=0 bestl=""
  for _ in 1 2 3; do
    line=$("$@" 2>&1 >/dev/null | tail -1)
    v=$(printf '%s\n' "$line" | sed -n 's/.*: \([0-9.]*\) MB\/s.*/\1/p')
    if awk -v a="$v" -v b="$bestv" 'BEGIN{exit !(a>b)}'; then bestv=$v; bestl=$line; fi
  done
  echo "$bestl"
}
echo "date: $(date -u +%FT%TZ)  host: $(nproc) cores, $(uname -m)"
echo "file: pages.warc.gz $(du -m "$tmp/pages.warc.gz" | cut -f1) MB, pages.warc $(du -m "$tmp/pages.warc" | cut -f1) MB"
a1=$(best taskset -c 0 "$bin" "$tmp/pages.warc.gz"); echo "$a1"
a2=$(best taskset -c 0 "$bin" --decode "$tmp/pages.warc.gz"); echo "$a2"
a3=$(best taskset -c 0 "$bin" "$tmp/pages.warc"); echo "$a3 [uncompressed .warc]"
if [ -s "$tmp/pages.warc.zst" ]; then
  a4=$(best taskset -c 0 "$bin" "$tmp/pages.warc.zst"); echo "$a4 [.warc.zst]"
fi
w1=$(cd "$here" && best taskset -c 0 node warcio_read.mjs "$tmp/pages.warc.gz"); echo "$w1"
w2=$(cd "$here" && best taskset -c 0 node warcio_read.mjs --text "$tmp/pages.warc.gz"); echo "$w2"
mb() { printf '%s\n' "$1" | sed -n 's/.*: \([0-9.]*\) MB\/s.*/\1/p'; }
awk -v a="$(mb "$a1")" -v w="$(mb "$w1")" 'BEGIN{printf "ratio read (annalist/warcio): %.1fx\n", a/w}'
awk -v a="$(mb "$a2")" -v w="$(mb "$w2")" 'BEGIN{printf "ratio read+decode to UTF-8 (annalist/warcio contentText): %.1fx\n", a/w}'
