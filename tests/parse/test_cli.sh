#!/usr/bin/env bash
# test_cli.sh — the committed parser model through `annalist tag --conllu`:
# who did what to whom in two plain news sentences (subject, object,
# passive subject, agent), and a 20,000-word line of one "sentence" parsed
# to a tree (every HEAD within the sentence, exactly one root).
set -euo pipefail
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '1\tPolice\n2\tarrested\n3\ttwo\n4\tmen\n5\tin\n6\tWarsaw\n7\ton\n8\tMonday\n9\t.\n\n1\tThe\n2\tminister\n3\twas\n4\tkilled\n5\tby\n6\trebels\n7\tnear\n8\tKabul\n9\t.\n' \
  >"$tmp/in.conllu"
"$bin" tag --conllu <"$tmp/in.conllu" >"$tmp/out.conllu"
rel() { # sentence word -> "HEAD DEPREL"
  awk -F'\t' -v s="$1" -v w="$2" \
    'BEGIN {n = 1} /^$/ {n++; next} n == s && $1 == w {print $7, $8}' \
    "$tmp/out.conllu"
}
fail=0
check() {
  got=$(rel "$1" "$2")
  if [ "$got" != "$3" ]; then
    echo "sentence $1 word $2: got '$got', want '$3'" >&2
    fail=1
  fi
}
check 1 1 "2 nsubj"
check 1 2 "0 root"
check 1 4 "2 obj"
check 2 2 "4 nsubj:pass"
check 2 4 "0 root"
check 2 6 "4 obl:agent"

python3 -c '
words = ["Troops", "fired", "on", "protesters", "in", "the", "city", ","]
for i in range(20000):
    print("%d\t%s" % (i + 1, words[i % len(words)]))
print()' >"$tmp/big.conllu"
"$bin" tag --conllu <"$tmp/big.conllu" >"$tmp/big.out"
awk -F'\t' '/^[0-9]/ {n++; if ($7 !~ /^[0-9]+$/ || $7 > 20000 || $7 == $1) bad++;
  if ($7 == 0) roots++}
  END {if (n != 20000 || bad || roots != 1) {
    print "big: words " n ", bad heads " bad ", roots " roots; exit 1}}' \
  "$tmp/big.out" >&2 || fail=1
[ $fail -eq 0 ] && echo "parse cli: ok"
exit $fail
