#!/usr/bin/env bash
# test_geojson.sh — `--format geojson` writes one valid FeatureCollection
# over several documents (points as [lon, lat], a summary feature last).
# Needs the gazetteer built by scripts/setup.sh; skipped without it.
set -euo pipefail
bin=$1 src=$2
. "$src/tests/lib.sh"
need_gazetteer "$src"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/in"
printf 'Talks in Tbilisi, Georgia, with Ukraine and Moldova.\n' > "$tmp/in/a.txt"
printf 'Nothing happened here today.\n' > "$tmp/in/b.txt"
printf 'Officials in Paris, Texas, met.\n' > "$tmp/in/c.txt"
"$bin" extract -q -j 2 -f geojson -i text --home "$src" "$tmp/in" > "$tmp/out.json"
python3 - "$tmp/out.json" <<'PY'
import json, sys
fc = json.load(open(sys.argv[1]))
assert fc["type"] == "FeatureCollection", fc.get("type")
feats = fc["features"]
last = feats[-1]
assert last["geometry"] is None and last["properties"]["summary"], last
assert last["properties"]["documents"] == 3, last
places = [f for f in feats[:-1] if f["properties"]["feature"] == "place"]
assert last["properties"]["features"] == len(feats) - 1
by = {f["properties"]["text"]: f for f in places}
g = by["Georgia"]
assert g["properties"]["country"] == "GE", g
lon, lat = g["geometry"]["coordinates"]
assert 40 < lon < 47 and 40 < lat < 44, (lon, lat)   # [lon, lat]
assert by["Paris"]["properties"]["country"] == "US", by["Paris"]
print("ok:", len(places), "places")
PY
