#!/usr/bin/env bash
# ner_eval.sh — named entities on CoNLL-2003 eng.testa: annalist against
# compromise (npm), same text, same scorer, one run.
#
#   bench/ner_eval.sh [eng.testa]      (default ../shared/data/conll2003)
#
# annalist: `annalist tag --conll` (tokens as given, our POS, our NER);
# compromise: its people / organizations / places on each document's text
# (tokens joined by spaces), mapped back to the tokens. Both are scored by
# bench/conlleval.py (exact spans, per type); compromise has no MISC, so it
# is scored both with MISC counted as missed and with MISC left out.
# Installs compromise into bench/node_modules on first use.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-${ANN_DATA:-/work/shared/data}/conll2003/eng.testa}
bin=build/annalist
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
[ -x "$bin" ] || { cmake --preset dev >/dev/null && cmake --build --preset dev; }
if [ ! -d bench/node_modules/compromise ]; then
  npm install --prefix bench --no-save --no-audit --no-fund compromise@14 >&2
fi
ntok=$(grep -v -e '^-DOCSTART-' -e '^[[:space:]]*$' "$data" | wc -l)

echo "## annalist (tag --conll: POS + NER, two passes)"
t0=$(date +%s.%N)
"$bin" tag --conll < "$data" > "$tmp/annalist.conll"
t1=$(date +%s.%N)
calc() { python3 -c "print($1)"; }
a_s=$(calc "$t1 - $t0")
python3 bench/conlleval.py "$data" "$tmp/annalist.conll" --name annalist
python3 bench/conlleval.py "$data" "$tmp/annalist.conll" --name annalist --no-misc | head -1
printf 'annalist: %d tokens in %.2f s = %.0f tokens/s (whole command: load, POS, NER)\n' \
  "$ntok" "$a_s" "$(calc "$ntok / $a_s")"

echo
echo "## compromise $(node -p "require('./bench/node_modules/compromise/package.json').version")"
node bench/ner_compromise.js "$data" > "$tmp/compromise.conll" 2> "$tmp/c.err"
python3 bench/conlleval.py "$data" "$tmp/compromise.conll" --name compromise
python3 bench/conlleval.py "$data" "$tmp/compromise.conll" --name compromise --no-misc
cat "$tmp/c.err"
c_rate=$(sed -n 's/.*= \([0-9]*\) tokens\/s/\1/p' "$tmp/c.err")
echo
printf 'speed ratio annalist / compromise: %.1fx\n' \
  "$(calc "($ntok / $a_s) / $c_rate")"
