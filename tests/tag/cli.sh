#!/usr/bin/env bash
# cli.sh — `annalist tag` on inputs we wrote: formats kept line for line,
# tags filled, bad input refused with a message naming the line.
set -u
bin=$1
fail=0; pass=0
ok() { if eval "$1"; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAILED: $1" >&2; fi; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

printf -- '-DOCSTART- -X- -X- O\n\nThe DT B-NP O\ncat\nsat\n.\n\n-DOCSTART- -X- -X- O\n\nPeter\nsmiled\n' > "$tmp/in.conll"
"$bin" tag --conll < "$tmp/in.conll" > "$tmp/out" 2> "$tmp/err"
ok '[ $? -eq 0 ]'
ok '[ "$(sed -n 1p "$tmp/out")" = "$(printf -- "-DOCSTART-\t-X-\tO")" ]'
ok '[ "$(sed -n 3p "$tmp/out" | cut -f1,2)" = "$(printf "The\tDT")" ]'
ok '[ "$(sed -n 6p "$tmp/out" | cut -f1,2)" = "$(printf ".\t.")" ]'
ok '[ "$(wc -l < "$tmp/out")" -eq 12 ]'
ok '[ -z "$(sed -n 2p "$tmp/out")" ]'
ok '[ "$(awk -F"\t" "NF && NF != 3" "$tmp/out" | wc -l)" -eq 0 ]'
ok 'sed -n 3,6p "$tmp/out" | cut -f3 | grep -qE "^(O|[BI]-(PER|ORG|LOC|MISC))$"'

# CoNLL-U: comments, multiword tokens and FEATS/MISC kept; tags filled
printf '# sent_id = 1\n# text = I don'"'"'t know.\n1\tI\t_\t_\t_\tCase=Nom\t_\t_\t_\t_\n2-3\tdon'"'"'t\t_\t_\t_\t_\t_\t_\t_\t_\n2\tdo\n3\tn'"'"'t\n4\tknow\n5\t.\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n\n' > "$tmp/in.conllu"
"$bin" tag --conllu "$tmp/in.conllu" > "$tmp/outu" 2> "$tmp/err"
ok '[ $? -eq 0 ]'
ok '[ "$(sed -n 1p "$tmp/outu")" = "# sent_id = 1" ]'
ok '[ "$(sed -n 3p "$tmp/outu" | cut -f1,2,4,5,6)" = "$(printf "1\tI\tPRON\tPRP\tCase=Nom")" ]'
ok '[ "$(sed -n 4p "$tmp/outu" | cut -f1,2)" = "$(printf "2-3\tdon'"'"'t")" ]'
ok '[ "$(sed -n 6p "$tmp/outu" | cut -f3,4,5)" = "$(printf "not\tPART\tRB")" ]'
ok '[ "$(sed -n 8p "$tmp/outu" | cut -f10)" = "SpaceAfter=No" ]'
ok '[ "$(awk -F"\t" "/^[0-9]/ && NF != 10" "$tmp/outu" | wc -l)" -eq 0 ]'

# bad input: a line over 1 MB, a bad ID, NUL bytes and invalid UTF-8
head -c 1100000 /dev/zero | tr '\0' 'a' > "$tmp/long"
"$bin" tag --conll < "$tmp/long" > /dev/null 2> "$tmp/err"
ok '[ $? -eq 1 ]'
ok 'grep -q "line longer than" "$tmp/err"'
printf 'x\tword\n' | "$bin" tag --conllu > /dev/null 2> "$tmp/err"
ok '[ $? -eq 1 ] && grep -q "<stdin>:1: bad ID" "$tmp/err"'
printf 'a\0b\n\xff\xfe\n\xc3\n\n' | "$bin" tag --conll > "$tmp/out" 2> "$tmp/err"
ok '[ $? -eq 0 ] && [ "$(wc -l < "$tmp/out")" -eq 4 ]'
# a sentence of 100,000 tokens
seq 100000 | sed 's/$/ word/' | awk '{print $2}' > "$tmp/big"
"$bin" tag --conll < "$tmp/big" > "$tmp/out" 2> "$tmp/err"
ok '[ $? -eq 0 ] && [ "$(wc -l < "$tmp/out")" -eq 100001 ]'
# usage
"$bin" tag > /dev/null 2>&1; ok '[ $? -eq 2 ]'
"$bin" tag --help | grep -q "Examples"; ok '[ $? -eq 0 ]'
"$bin" tag --conll --home /nonexistent < "$tmp/in.conll" > /dev/null 2> "$tmp/err"
ok '[ $? -eq 1 ] && grep -q "pos.bin" "$tmp/err"'

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
