#!/usr/bin/env bash
# fuzz_ingest.sh — seed and run the ingest fuzzers (WARC, JSONL, decode)
# under ASan+UBSan, one after the other, nice'd.
#   cmake --preset fuzz && cmake --build --preset fuzz
#   bench/fuzz_ingest.sh [SECONDS_EACH]     (default 300)
# Corpora live in /tmp/ann_fuzz/<target>; a crash leaves crash-* there.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-300}
root=/tmp/ann_fuzz
mkdir -p "$root"/{warc,jsonl,decode}
python3 - "$root" <<'PY'
import gzip, sys
r = sys.argv[1]
def rec(t, uri, block, ctype="application/http; msgtype=response", delta=0):
    return (f"WARC/1.1\r\nWARC-Type: {t}\r\nWARC-Target-URI: {uri}\r\n"
            f"WARC-Date: 2024-01-01T00:00:00Z\r\nWARC-Record-ID: <urn:x:{uri}>\r\n"
            f"Content-Type: {ctype}\r\nContent-Length: {len(block)+delta}\r\n\r\n"
            ).encode() + block + b"\r\n\r\n"
page = b"<html><head><meta charset=windows-1251></head><body><p>\xcf\xf0\xe8</p></body></html>"
w = (rec("warcinfo", "", b"software: x\r\n", "application/warc-fields") +
     rec("response", "http://a/", b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + page) +
     rec("response", "http://b/", b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/html\r\n\r\n4\r\n<p>x\r\n0\r\n\r\n") +
     rec("response", "http://c/", b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Type: text/html\r\n\r\n" + gzip.compress(b"<p>zipped</p>")) +
     rec("resource", "file:///t", b"plain text", "text/plain") +
     rec("response", "http://d/", b"HTTP/1.1 404 X\r\n\r\n") +
     rec("response", "http://e/", b"HTTP/1.1 200 OK\r\n\r\nshort", delta=9))
open(f"{r}/warc/plain.warc", "wb").write(w)
open(f"{r}/warc/multi.warc.gz", "wb").write(b"".join(gzip.compress(x) for x in w.split(b"WARC/1.1")[1:] if x))
open(f"{r}/warc/single.warc.gz", "wb").write(gzip.compress(w))
open(f"{r}/jsonl/feed.jsonl", "w").write(
    '{"id":"a","url":"http://a/","html":"<p>A \\u00e9</p>","published":"2024-01-01","title":"T"}\n'
    '{"id":7,"text":"seven"}\n\n{"bad\n[1]\n{"id":"x"}\n{"text":"a\\u0000b\\ud800"}\n')
open(f"{r}/decode/meta.bin", "wb").write(b"\x10" + page)
open(f"{r}/decode/sjis.bin", "wb").write(b"\x03\x93\xfa\x96\x7b\x82\xa0")
open(f"{r}/decode/utf16.bin", "wb").write(b"\x00\xff\xfeh\x00i\x00\x00\xd8")
open(f"{r}/decode/2022.bin", "wb").write(b"\x07\x1b$BF|K\\\x1b(B!")
open(f"{r}/decode/bad8.bin", "wb").write(b"\x00ok \xc3\xa9\xff\xed\xa0\x80\xf4\x90\x80\x80e\xcc\x81")
PY
if command -v zstd >/dev/null; then
  zstd -q -f "$root/warc/plain.warc" -o "$root/warc/plain.warc.zst"
fi
for t in warc jsonl decode; do
  echo "== fuzz_$t for ${secs}s" >&2
  nice -n 10 build-fuzz/fuzz_$t -max_total_time="$secs" -max_len=65536 \
    -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$root/$t/" \
    "$root/$t" 2>&1 | grep -E "stat::number_of_executed_units|stat::peak_rss|Done|ERROR|SUMMARY|cov:" | tail -4
done
