#!/usr/bin/env bash
# silver.sh — tools/pos_silver (uptraining data): text we wrote, tagged by
# the shipped POS model used as two teachers, comes out as CoNLL-U whose
# tags are the pipeline's; teachers that disagree drop the sentence; the
# same input gives the same bytes.
set -u
bin=$1; src=$2
silver=$(dirname "$bin")/pos_silver
fail=0; pass=0
ok() { if eval "$1"; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAILED: $1" >&2; fi; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
m=$src/models/pos.bin

printf 'The cat sat on the mat. Police arrested two men in Warsaw on Monday.\n\nOk.\n' > "$tmp/a.txt"
printf 'Anna\nsmiled\nat\nus\n.\n\n-DOCSTART-\n\n' > "$tmp/b.conll"
"$silver" --model "$m" --model "$m" --text "$tmp/a.txt" --conll "$tmp/b.conll" "$tmp/out" 2> "$tmp/err"
ok '[ $? -eq 0 ]'
# "Ok." is shorter than --min-len 3: two text sentences and one CoNLL one
ok '[ "$(grep -c "^$" "$tmp/out")" -eq 3 ]'
ok 'grep -q "3 kept" "$tmp/err"'
ok '[ "$(awk -F"\t" "NF && NF != 10" "$tmp/out" | wc -l)" -eq 0 ]'
ok '[ "$(sed -n 2p "$tmp/out" | cut -f1,2,4,5)" = "$(printf "2\tcat\tNOUN\tNN")" ]'
ok 'grep -q "$(printf "^1\tAnna\t_\tPROPN\tNNP")" "$tmp/out"'
# the same tags as `annalist tag --conllu` on the sentences written
awk -F'\t' 'NF{print $1"\t"$2; next}{print}' "$tmp/out" > "$tmp/in.conllu"
"$bin" tag --conllu < "$tmp/in.conllu" | cut -f2,4,5 > "$tmp/tagged"
ok '[ "$(cut -f2,4,5 "$tmp/out")" = "$(cat "$tmp/tagged")" ]'
# deterministic
"$silver" --model "$m" --model "$m" --text "$tmp/a.txt" --conll "$tmp/b.conll" "$tmp/out2" 2>/dev/null
ok 'cmp -s "$tmp/out" "$tmp/out2"'
# a left-to-right model read right to left disagrees with itself somewhere
"$silver" --model "$m" --model-rev "$m" --text "$tmp/a.txt" "$tmp/out3" 2> "$tmp/err3"
ok '[ $? -eq 0 ] && grep -q "2 teachers" "$tmp/err3"'
# --vote: every sentence in range, each token as most teachers tag it
"$silver" --vote --model "$m" --model "$m" --model-rev "$m" --text "$tmp/a.txt" "$tmp/out4" 2> "$tmp/err7"
ok '[ $? -eq 0 ] && [ "$(grep -c "^$" "$tmp/out4")" -eq 2 ] && grep -q "majority of 3" "$tmp/err7"'
ok '[ "$(cut -f2,4,5 "$tmp/out4")" = "$(head -n $(wc -l < "$tmp/out4") "$tmp/tagged")" ]'
# bad use: no model, a missing input, a truncated model
"$silver" --text "$tmp/a.txt" "$tmp/x" 2> "$tmp/err4"
ok '[ $? -eq 2 ] && grep -q "model" "$tmp/err4"'
"$silver" --model "$m" --text "$tmp/none.txt" "$tmp/x" 2> "$tmp/err5"
ok '[ $? -eq 1 ] && grep -q "none.txt" "$tmp/err5"'
head -c 1000 "$m" > "$tmp/short.bin"
"$silver" --model "$tmp/short.bin" --text "$tmp/a.txt" "$tmp/x" 2> "$tmp/err6"
ok '[ $? -eq 1 ] && grep -q "short.bin" "$tmp/err6"'

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
