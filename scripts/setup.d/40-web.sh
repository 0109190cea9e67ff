#!/usr/bin/env bash
# 40-web.sh — the web page's libraries, from npm by name, copied into
# data/web/ (served as /vendor/): d3, topojson-client and the world atlas.
# Nothing is loaded from the internet at run time.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=data/web
[ -f "$out/d3.min.js" ] && [ -f "$out/topojson-client.min.js" ] &&
  [ -f "$out/countries-110m.json" ] && exit 0
prefix=data/npm-web
mkdir -p "$prefix" "$out"
npm install --silent --no-audit --no-fund --prefix "$prefix" \
  d3@7 topojson-client@3 world-atlas@2 >/dev/null
cp "$prefix/node_modules/d3/dist/d3.min.js" "$out/"
cp "$prefix/node_modules/topojson-client/dist/topojson-client.min.js" "$out/"
cp "$prefix/node_modules/world-atlas/countries-110m.json" "$out/"
echo "setup: web libraries in $out" >&2
