#!/usr/bin/env bash
# 30-lexicon.sh — the tone lexicon, data/tone.bin (gitignored, built here).
#
# VADER's valence list comes by name from npm: vader-sentiment 1.1.3
# (Apache-2.0 JavaScript port; the lexicon itself is MIT, C.J. Hutto). It
# is compiled together with our own lists in dicts/tone/ (which override
# it) by tools/build_lexicon. Idempotent: installs and rebuilds only what
# is missing or older than its sources.
set -euo pipefail
cd "$(dirname "$0")/../.."
lex=data/npm/node_modules/vader-sentiment/vader_lexicon.txt
out=data/tone.bin
if [ ! -f "$lex" ]; then
  mkdir -p data/npm
  npm install --prefix data/npm --no-audit --no-fund --silent \
    vader-sentiment@1.1.3 >/dev/null
fi
if [ ! -f "$out" ] || [ -n "$(find dicts/tone "$lex" -newer "$out" | head -1)" ]
then
  build/build_lexicon "$out.tmp" "$lex" dicts/tone
  mv "$out.tmp" "$out"
  echo "setup: built $out" >&2
fi
