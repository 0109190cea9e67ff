#!/usr/bin/env bash
# tag_conll.test.sh — `annalist tag --conll` fills the NER column from the
# committed models/ner.bin: people, places and organisations in sentences
# written for this test come out as IOB2 spans, one output line per input
# line, documents kept apart. Also: empty input and a token-less document.
set -euo pipefail
bin=$1
fail=0
in=$(printf '%s\n' -DOCSTART- '' \
  Boris Yeltsin flew to Paris on Monday . '' \
  The United Nations Security Council met in New York . '' \
  -DOCSTART- '' \
  Yeltsin said the Council would meet again .)
out=$(printf '%s\n' "$in" | "$bin" tag --conll)
expect() { # token line-number tag
  got=$(printf '%s\n' "$out" | sed -n "$2p" | cut -f3)
  tok=$(printf '%s\n' "$out" | sed -n "$2p" | cut -f1)
  if [ "$tok" != "$1" ] || [ "$got" != "$3" ]; then
    echo "line $2: got '$tok' '$got', want '$1' '$3'"; fail=1
  fi
}
expect -DOCSTART- 1 O
expect Boris 3 B-PER
expect Yeltsin 4 I-PER
expect flew 5 O
expect Paris 7 B-LOC
expect Monday 9 O
expect United 13 B-ORG
expect Council 16 I-ORG
expect New 19 B-LOC
expect York 20 I-LOC
expect Yeltsin 25 B-PER
n_in=$(printf '%s\n' "$in" | wc -l)
n_out=$(printf '%s\n' "$out" | wc -l)
[ "$n_out" -eq "$n_in" ] || { echo "$n_out lines out, $n_in in"; fail=1; }
# nothing in, nothing out; a document with no tokens is kept as it is
[ -z "$(printf '' | "$bin" tag --conll)" ] || { echo "empty input"; fail=1; }
got=$(printf -- '-DOCSTART-\n\n' | "$bin" tag --conll | head -1)
[ "$got" = "$(printf -- '-DOCSTART-\t-X-\tO')" ] || { echo "docstart: $got"; fail=1; }
# a document of 240,000 tokens in three sentences (labelled in runs of
# sentences) and a sentence of 100,000 tokens: every line comes back
big=$(awk 'BEGIN { for (s = 0; s < 3; s++) {
               for (i = 0; i < 80000; i++) print "Paris"; print "" } }' |
  "$bin" tag --conll | grep -c -- '-LOC\|-ORG\|-PER\|-MISC' || true)
[ "$big" -eq 240000 ] || { echo "big document: $big labelled"; fail=1; }
n=$(awk 'BEGIN { split("Maria Osterberg visited Lisbon ,", w, " ")
               for (i = 0; i < 100000; i++) print w[i % 5 + 1] }' |
  "$bin" tag --conll | wc -l)
[ "$n" -ge 100000 ] || { echo "long sentence: $n lines"; fail=1; }
[ $fail -eq 0 ] && echo "tag --conll NER: ok"
exit $fail
