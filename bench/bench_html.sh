#!/usr/bin/env bash
# bench_html.sh — annalist's HTML parser next to libxml2 and gumbo, one run.
#
#   bench/bench_html.sh [DIR] [passes]
#
# DIR defaults to ../shared/data/extraction-dev/html. Installs libxml2-dev
# and libgumbo-dev when missing (bench-only; the build does not use them)
# and builds the peer program with cc into build/.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-/work/shared/data/extraction-dev/html}
passes=${2:-10}
missing=()
for p in libxml2-dev libgumbo-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
    missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
    --no-install-recommends "${missing[@]}" >/dev/null
fi
[ -x build/bench_html ] || { cmake --preset dev >/dev/null; cmake --build --preset dev; }
cc -O2 -o build/peers_html bench/peers_html.c \
  $(pkg-config --cflags --libs libxml-2.0 gumbo)
echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(uname -m), $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
build/bench_html "$dir" "$passes"
build/peers_html "$dir" "$(( passes > 5 ? 5 : passes ))"
