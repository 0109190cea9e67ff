#!/usr/bin/env bash
# 30-lexicon.sh — the tone lexicon, data/tone.bin (gitignored, built here).
#
# VADER's valence list comes by name from npm: vader-sentiment 1.1.3
# (Apache-2.0 JavaScript port; the lexicon itself is MIT, C.J. Hutto). It
# is compiled together with our own lists in dicts/tone/ (which override
# it) by tools/build_lexicon. Idempotent: installs and rebuilds only what
# is missing or older than its sources. Without npm the lexicon is built
# from dicts/tone/ alone (smaller vocabulary), with a warning.
set -euo pipefail
cd "$(dirname "$0")/../.."
npm_dir=data/npm
lex=$npm_dir/node_modules/vader-sentiment/vader_lexicon.txt
out=data/tone.bin
tool=build/build_lexicon
[ -x "$tool" ] || { echo "30-lexicon: $tool not built" >&2; exit 1; }
if [ ! -f "$lex" ]; then
  mkdir -p "$npm_dir"
  [ -f "$npm_dir/package.json" ] || echo '{"private": true}' > "$npm_dir/package.json"
  (cd "$npm_dir" && npm install --no-audit --no-fund --silent \
     vader-sentiment@1.1.3 >/dev/null) ||
    echo "30-lexicon: npm install vader-sentiment failed; dicts/tone only" >&2
fi
inputs=(dicts/tone "$tool")
src=-
if [ -f "$lex" ]; then src="$lex"; inputs+=("$lex"); fi
if [ ! -f "$out" ] || [ -n "$(find "${inputs[@]}" -newer "$out" | head -1)" ]
then
  "$tool" "$out.tmp" "$src" dicts/tone
  mv "$out.tmp" "$out"
  echo "30-lexicon: built $out" >&2
fi
