#!/usr/bin/env bash
# extraction.sh — main-text extraction quality and speed, annalist next to
# Mozilla Readability (jsdom), in one run, on the extraction dev set.
#
#   bench/extraction.sh [DATA_DIR]      (default ../shared/data/extraction-dev)
#   ANN_BENCH_SKIP_PEER=1 bench/extraction.sh   annalist only (for tuning)
#
# Quality: 4-gram shingle F1 (bench/score_extraction.py), overall and per
# language. Speed: whole process (start-up included) over all pages, one
# core: pages/s and MB/s, and the ratio. Readability is installed here, in
# bench/node_modules (gitignored), pinned: jsdom 27 (later ones need Node
# 22) and cssstyle 5.3.1 (5.3.7 crashes jsdom on some CSS).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
data=${1:-$root/../shared/data/extraction-dev}
bin=$root/build/annalist
if [ ! -d "$data/html" ]; then
  echo "extraction.sh: no dev set at $data (../shared is absent?)" >&2
  exit 2
fi
[ -x "$bin" ] || { echo "extraction.sh: build first (cmake --build --preset dev)" >&2; exit 2; }
out=$(mktemp -d)
if [ -n "${ANN_BENCH_KEEP:-}" ]; then out=$ANN_BENCH_KEEP; mkdir -p "$out"; else trap 'rm -rf "$out"' EXIT; fi

mapfile -t files < <(ls "$data"/html/*.html | LC_ALL=C sort)
n=${#files[@]}
mb=$(du -cb "${files[@]}" | tail -1 | awk '{printf "%.2f", $1/1e6}')
now() { date +%s.%N; }

# --- annalist -------------------------------------------------------------
t0=$(now)
/usr/bin/time -f "%U %S %M" -o "$out/annalist.rss" taskset -c 0 "$bin" text "${files[@]}" \
  > "$out/annalist.txt" 2> "$out/annalist.err" || true
t1=$(now)
python3 "$here/annalist_text_jsonl.py" "$out/annalist.txt" "${files[@]}" > "$out/annalist.jsonl"
ta=$(echo "$t1 - $t0" | bc -l)

# --- Readability ----------------------------------------------------------
tr=""
if [ -z "${ANN_BENCH_SKIP_PEER:-}" ]; then
  if [ ! -d "$here/node_modules/@mozilla/readability" ] ||
     [ ! -d "$here/node_modules/jsdom" ]; then
    echo "installing @mozilla/readability, jsdom@27, cssstyle@5.3.1 into bench/node_modules" >&2
    (cd "$here" && npm install --prefix . --no-save --no-package-lock --no-audit \
       --no-fund @mozilla/readability jsdom@27 cssstyle@5.3.1 >&2)
  fi
  # jsdom 27 pulls its own cssstyle (5.3.7): use the pinned one
  rm -rf "$here/node_modules/jsdom/node_modules/cssstyle"
  t0=$(now)
  /usr/bin/time -f "%U %S %M" -o "$out/readability.rss" taskset -c 0 \
    node "$here/readability_run.js" "${files[@]}" > "$out/readability.jsonl" 2> "$out/readability.err"
  t1=$(now)
  tr=$(echo "$t1 - $t0" | bc -l)
fi

echo "## Extraction dev set: $n pages, $mb MB ($(date -u +%Y-%m-%dT%H:%MZ))"
echo
preds=("$out/annalist.jsonl")
[ -n "$tr" ] && preds+=("$out/readability.jsonl")
python3 "$here/score_extraction.py" "$data/ground-truth.json" "${preds[@]}"
echo
# CPU seconds (user+sys) are printed too: the machine is shared, and wall
# time moves with the neighbours' load; the ratio is taken on CPU time.
cpu() { tail -1 "$1" | awk '{print $1 + $2}'; }
rss() { tail -1 "$1" | awk '{printf "%.0f", $3 / 1024}'; }
ca=$(cpu "$out/annalist.rss")
echo "| extractor | wall s | CPU s | pages/s (wall) | pages/s (CPU) | MB/s (CPU) | peak RSS |"
echo "|---|---|---|---|---|---|---|"
printf "| annalist | %.2f | %.2f | %.0f | %.0f | %.1f | %s MB |\n" "$ta" "$ca" "$(echo "$n/$ta" | bc -l)" \
  "$(echo "$n/$ca" | bc -l)" "$(echo "$mb/$ca" | bc -l)" "$(rss "$out/annalist.rss")"
if [ -n "$tr" ]; then
  cr=$(cpu "$out/readability.rss")
  printf "| readability | %.2f | %.2f | %.1f | %.1f | %.2f | %s MB |\n" "$tr" "$cr" "$(echo "$n/$tr" | bc -l)" \
    "$(echo "$n/$cr" | bc -l)" "$(echo "$mb/$cr" | bc -l)" "$(rss "$out/readability.rss")"
  printf "\nannalist / Readability speed: %.0fx (wall), %.0fx (CPU)\n" \
    "$(echo "$tr/$ta" | bc -l)" "$(echo "$cr/$ca" | bc -l)"
fi

# --- memory over 10,000 documents (flat: one arena per document) ---------
big=$out/10k
mkdir -p "$big"
i=0
while [ "$i" -lt 10000 ]; do
  for f in "${files[@]}"; do
    [ "$i" -ge 10000 ] && break
    ln -s "$f" "$big/$(printf %05d "$i").html"
    i=$((i + 1))
  done
done
/usr/bin/time -f "%e %U %M" -o "$out/10k.time" "$bin" text "$big" > /dev/null 2>&1 || true
/usr/bin/time -f "%e %U %M" -o "$out/449.time" "$bin" text "${files[@]}" > /dev/null 2>&1 || true
echo
echo "peak RSS: $(tail -1 "$out/449.time" | awk '{printf "%.0f", $3/1024}') MB over $n documents," \
  "$(tail -1 "$out/10k.time" | awk '{printf "%.0f", $3/1024}') MB over 10,000 documents" \
  "($(tail -1 "$out/10k.time" | awk '{printf "%.1f", $2}') CPU s)"
