#!/usr/bin/env bash
# geo_peer.sh — installs the peer (npm compromise) into bench/node_modules
# and runs bench/geo_eval.py with it next to annalist, same articles.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [ ! -d "$here/node_modules/compromise" ]; then
  (cd "$here" && npm install --prefix . --no-save --no-package-lock --no-audit \
     --no-fund --silent compromise@14.17.0)
fi
python3 "$here/geo_eval.py" "$@"
python3 "$here/geo_eval.py" --peer "$@"
