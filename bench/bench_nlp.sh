#!/usr/bin/env bash
# bench_nlp.sh — tokenize + POS (+ NER, + parse) tokens/s on one core over a
# fixed text, and npm `compromise` on the same text in the same run.
#
#   bench/bench_nlp.sh [text-file]
#
# Default text: the raw text of UD EWT dev (its "# text" lines, paragraphs
# split by blank lines), rebuilt here from ../shared/data (never committed).
# Speeds are per CPU second of the one thread (the wall clock is printed
# too: on a loaded machine it counts other processes' turns).
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
text=${1:-}
if [ -z "$text" ]; then
  dev=${ANN_DATA:-/work/shared/data}/ud-ewt/en_ewt-ud-dev.conllu
  awk '/^# newpar/ || /^# newdoc/ {np = 1}
       /^# text = / {t = substr($0, 10)
                     if (started) printf "%s", (np ? "\n\n" : " ")
                     printf "%s", t; started = 1; np = 0}' "$dev" >"$tmp/text.txt"
  text=$tmp/text.txt
fi
cmake --preset dev >/dev/null
cmake --build --preset dev --target bench_nlp >/dev/null
echo "== annalist $(git rev-parse --short HEAD 2>/dev/null || echo ?), 1 core, load $(cut -d' ' -f1 /proc/loadavg)"
taskset -c 0 build/bench_nlp "$text" 2 | tee "$tmp/ours"

if [ ! -d bench/node_modules/compromise ]; then
  (cd bench && npm install --no-save --silent --no-audit --no-fund compromise@14 >/dev/null)
fi
echo "== npm compromise, 1 core"
taskset -c 0 node bench/compromise_nlp.mjs "$text" 3 | tee "$tmp/peer"
ours=$(awk '/^tokens\+pos\+ner / {print $2}' "$tmp/ours")
peer=$(awk '{print $3}' "$tmp/peer")
[ -n "$ours" ] && awk -v a="$ours" -v b="$peer" \
  'BEGIN {printf "ratio tokens+pos+ner / compromise: %.1fx\n", a / b}'
