#!/usr/bin/env bash
# bad_inputs.test.sh — the real program on hostile inputs: each bad input
# is one error record (or a best-effort record) naming it, the good ones
# still come out, in order, and the exit status says which case it was.
# $1 = the annalist binary, $2 = the source dir.
set -u
bin=$1
t=$(mktemp -d /tmp/ann_bad.XXXXXX)
trap 'rm -rf "$t"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }
check() { if eval "$1"; then ok; else bad "$2"; fi; }

# ---------------------------------------------------------- fixtures --
printf 'First good document.\n' > "$t/01-good.txt"
: > "$t/02-empty.html"
python3 - "$t" <<'EOF'
import gzip, random, sys
t = sys.argv[1]
random.seed(7)
open(f"{t}/03-garbage.bin", "wb").write(bytes(random.randrange(256) for _ in range(65536)))
def rec(uri, rid, body, delta=0):
    blk = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n" + body
    h = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\n"
         f"WARC-Date: 2024-01-01T00:00:00Z\r\nWARC-Record-ID: <{rid}>\r\n"
         f"Content-Type: application/http; msgtype=response\r\n"
         f"Content-Length: {len(blk) + delta}\r\n\r\n").encode()
    return h + blk + b"\r\n\r\n"
words = ["".join(chr(97 + random.randrange(26)) for _ in range(random.randrange(2, 9)))
         for _ in range(2000)]
recs = b"".join(rec(f"http://w/{i}", f"w{i}", (f"WARC document {i}. " + " ".join(
    random.choice(words) for _ in range(400))).encode()) for i in range(1, 11))
z = gzip.compress(recs)
open(f"{t}/04-trunc.warc.gz", "wb").write(z[: len(z) * 2 // 3])
open(f"{t}/05-lying.warc", "wb").write(
    rec("http://l/1", "l1", b"Before the liar.") +
    rec("http://l/2", "l2", b"The liar says it is longer.", 10_000))
open(f"{t}/06-invalid-utf8.txt", "wb").write(
    "Caf\u00e9 cr\u00e8me br\u00fbl\u00e9e \u00e0 la carte: ".encode() + b"\xff\xfe bad \xc3 end.\n")
lines = ['{"id":"j1","text":"JSON line one."}', '{"id":"j2", "text": ',
         'not json at all', '{"id":"j4"}', '{"id":"j5","text":"JSON line five."}']
open(f"{t}/07-feed.jsonl", "w").write("\n".join(lines) + "\n")
with open(f"{t}/order.jsonl", "w") as f:
    for i in range(300):
        if i % 37 == 5:
            f.write('{"id":"e%d", broken\n' % i)
        else:
            f.write('{"id":"d%d","text":"Document number %d, with some words."}\n' % (i, i))
EOF
mkdir -p "$t/dir/sub"
printf 'In a directory, b.\n' > "$t/dir/b.txt"
printf 'In a directory, a.\n' > "$t/dir/a.txt"
printf 'In a subdirectory.\n' > "$t/dir/sub/c.txt"

run() { "$bin" extract -q --only-extract "$@"; }

# -------------------------------------------------------- one by one --
out=$(run "$t/01-good.txt"); rc=$?
check '[ $rc -eq 0 ] && [[ $out == *"First good document."* ]]' "good file: rc=$rc"

out=$(run "$t/02-empty.html"); rc=$?
check '[ $rc -eq 3 ] && [[ $out == *"\"code\":\"EEMPTY\""* ]] && [[ $out == *"02-empty.html"* ]]' \
  "empty file: rc=$rc $out"

out=$(run "$t/03-garbage.bin"); rc=$?
n=$(printf '%s\n' "$out" | grep -c .)
check '[ $n -eq 1 ] && { [ $rc -eq 0 ] || [ $rc -eq 3 ]; }' "garbage: $n records rc=$rc"

out=$(run "$t/04-trunc.warc.gz"); rc=$?
check '[ $rc -eq 3 ] && [[ $out == *"\"code\":\"ETRUNC\""* ]] && [[ $out == *"04-trunc.warc.gz#"* ]]' \
  "truncated gzip: rc=$rc $out"
check '[[ $out == *"WARC document 1."* ]]' "truncated gzip keeps the records before the cut"

out=$(run "$t/05-lying.warc"); rc=$?
check '[ $rc -eq 3 ] && [[ $out == *"Before the liar."* ]] && [[ $out == *"05-lying.warc#2"* ]] && [[ $out == *"ETRUNC"* ]]' \
  "lying Content-Length: rc=$rc $out"

out=$(run "$t/06-invalid-utf8.txt"); rc=$?
check '[ $rc -eq 0 ] && [[ $out == *"Café crème"* ]] && [[ $out == *"�"* ]]' \
  "invalid UTF-8: rc=$rc $out"

out=$(run "$t/07-feed.jsonl"); rc=$?
ids=$(printf '%s\n' "$out" | grep -c .)
check '[ $rc -eq 3 ] && [ $ids -eq 5 ]' "jsonl: $ids records rc=$rc"
check '[[ $(printf "%s\n" "$out" | sed -n 1p) == *"JSON line one."* ]] && [[ $(printf "%s\n" "$out" | sed -n 5p) == *"JSON line five."* ]]' \
  "jsonl order: $out"
check '[[ $out == *"07-feed.jsonl:2: bad JSON"* ]] && [[ $out == *"07-feed.jsonl:3: bad JSON"* ]] && [[ $out == *"07-feed.jsonl:4: no \\\"html\\\" or \\\"text\\\""* ]]' \
  "jsonl messages name file:LINE: $out"

out=$(run "$t/missing.html"); rc=$?
check '[ $rc -eq 3 ] && [[ $out == *"\"code\":\"EIO\""* ]] && [[ $out == *"missing.html"* ]]' \
  "missing file: rc=$rc $out"

out=$(run "$t/dir"); rc=$?
check '[ $rc -eq 0 ] && [ "$(printf "%s\n" "$out" | grep -o "directory, [ab]\|subdirectory" | tr "\n" " ")" = "directory, a directory, b subdirectory " ]' \
  "directory order: $out"

# a 100 MB file over the default --max-bytes (20 MB): refused unread
truncate -s 100M "$t/08-huge.html"
out=$(run "$t/08-huge.html" "$t/01-good.txt"); rc=$?
check '[ $rc -eq 3 ] && [[ $out == *"\"code\":\"ELIMIT\""* ]] && [[ $out == *"08-huge.html"* ]] && [[ $out == *"First good document."* ]]' \
  "100 MB file: rc=$rc $(printf %s "$out" | head -c 300)"
# the same through standard input: read up to the limit only
out=$(head -c 30000000 /dev/zero | run - ); rc=$?
check '[ $rc -eq 3 ] && [[ $out == *"ELIMIT"* ]] && [[ $out == *"<stdin>"* ]]' "huge stdin: rc=$rc"
rm -f "$t/08-huge.html"

# ------------------------------------------------------- all at once --
out=$(run "$t/01-good.txt" "$t/02-empty.html" "$t/03-garbage.bin" \
  "$t/04-trunc.warc.gz" "$t/05-lying.warc" "$t/06-invalid-utf8.txt" \
  "$t/07-feed.jsonl" "$t/missing.html" - < "$t/01-good.txt"); rc=$?
check '[ $rc -eq 3 ]' "batch rc=$rc"
first=$(printf '%s\n' "$out" | head -1)
last=$(printf '%s\n' "$out" | tail -1)
check '[[ $first == *"First good document."* ]] && [[ $last == *"First good document."* ]]' \
  "batch order: first=$first last=$last"
names=$(printf '%s\n' "$out" | grep -o '"input":"[^"]*"' | sed 's/.*\///; s/"$//' | tr '\n' ' ')
check '[[ $names == "02-empty.html "*"04-trunc.warc.gz#"*"05-lying.warc#2 "*"07-feed.jsonl:2 07-feed.jsonl:3 07-feed.jsonl:4 missing.html " ]]' \
  "error records in input order: $names"

# -------------------------------------------- -j 2 keeps the order --
one=$(run -j 1 "$t/order.jsonl" "$t/dir" "$t/05-lying.warc")
two=$(run -j 2 "$t/order.jsonl" "$t/dir" "$t/05-lying.warc"); rc=$?
check '[ $rc -eq 3 ] && [ "$one" = "$two" ] && [ $(printf "%s\n" "$two" | grep -c .) -eq 305 ]' \
  "-j 2 order (rc=$rc)"

# ------------------------------------------------------- bad usage --
"$bin" extract -q --input-format nope "$t/01-good.txt" >/dev/null 2>&1; rc=$?
check '[ $rc -eq 2 ]' "unknown --input-format: rc=$rc"
"$bin" extract -q --max-bytes 0 "$t/01-good.txt" >/dev/null 2>&1; rc=$?
check '[ $rc -eq 2 ]' "bad --max-bytes: rc=$rc"
"$bin" extract -q >/dev/null 2>&1; rc=$?
check '[ $rc -eq 2 ]' "no input: rc=$rc"
# --input-format forces a reader: a WARC read as text is one document
out=$(run --input-format text "$t/05-lying.warc"); rc=$?
check '[ $(printf "%s\n" "$out" | grep -c .) -eq 1 ] && [[ $out == *"WARC-Type"* ]]' "forced text: $rc"

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
