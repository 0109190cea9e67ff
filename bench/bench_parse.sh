#!/usr/bin/env bash
# bench_parse.sh — parser speed on one core, and a peer measured in the same
# run: CMU Link Grammar (Debian link-grammar, its own English dictionary),
# the dependency-style parser available from the project's registries.
# Link Grammar builds a different kind of tree (links, not UD relations), so
# only its speed is compared; our accuracy is train_parser's.
#
#   bench/bench_parse.sh [file.conllu] [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
conllu=${1:-${ANN_DATA:-/work/shared/data}/ud-ewt/en_ewt-ud-dev.conllu}
secs=${2:-3}
cmake --preset dev >/dev/null
cmake --build --preset dev --target bench_parse >/dev/null
echo "== annalist ($(git rev-parse --short HEAD 2>/dev/null || echo ?), 1 core)"
taskset -c 0 build/bench_parse "$conllu" models "$secs"

if ! command -v link-parser >/dev/null; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
    --no-install-recommends link-grammar link-grammar-dictionaries-en \
    >/dev/null
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
awk '/^# text = / {sub(/^# text = /, ""); print; if (++n == 500) exit}' \
  "$conllu" >"$tmp/s.txt"
words=$(awk '/^[0-9]+\t/ {n++} /^$/ {s++; if (s == 500) {print n; exit}}' \
  "$conllu")
echo "== link-grammar $(dpkg-query -W -f='${Version}' link-grammar), first" \
  "500 sentences ($words UD words), 1 core"
# CPU seconds (user + sys) of the parser, as bench_parse counts its own:
# on a shared machine, waiting for the core is not counted
TIMEFORMAT='%U %S'
cpu=$( { time taskset -c 0 link-parser en -batch -graphics=0 -verbosity=0 \
  <"$tmp/s.txt" >/dev/null 2>&1; } 2>&1 | tail -1)
awk -v w="$words" -v c="$cpu" 'BEGIN {split(c, t, " "); s = t[1] + t[2];
  printf "link-parser:                 %9.0f words/s (%.1f CPU s)\n", w / s, s}'
