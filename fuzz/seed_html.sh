#!/usr/bin/env bash
# seed_html.sh — write fuzz/corpus/html/ from the HTML test cases: the
# first string of every T(...)/W(...) in tests/html/test_html.c, each
# prefixed with the caps selector byte that fuzz_html.c reads (0 = default
# caps, 1 = small depth cap, 2 = small arena cap).
set -euo pipefail
cd "$(dirname "$0")/.."
out=fuzz/corpus/html
mkdir -p "$out"
python3 - "$out" <<'PY'
import re, sys, ast
out = sys.argv[1]
src = open("tests/html/test_html.c").read()
n = 0
for m in re.finditer(r'\b[TW]\(((?:\s*"(?:[^"\\]|\\.)*")+)\s*,', src):
    lits = re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(1))
    s = b"".join(ast.literal_eval('b"%s"' % l) for l in lits)
    for sel in (b"\x00", b"\x01", b"\x02"):
        open("%s/t%03d_%d" % (out, n, sel[0]), "wb").write(sel + s)
    n += 1
print("%d seeds" % (n * 3))
PY
