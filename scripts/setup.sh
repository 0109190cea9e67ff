#!/usr/bin/env bash
# setup.sh — install what annalist needs, by package name, then build.
#
# Debian packages are installed only when missing; every further step
# (npm packages, the gazetteer, web assets) is a script in scripts/setup.d/,
# run in name order after the build. Safe to run again: each step skips what
# is already there. Needs root (or sudo) only when something is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

debian=(cmake ninja-build pkg-config gcc clang re2c libclang-rt-14-dev
        zlib1g-dev libzstd-dev libuchardet-dev libutf8proc-dev
        libjansson-dev libsqlite3-dev libmicrohttpd-dev nodejs npm python3)
missing=()
for p in "${debian[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
    missing+=("$p")
done
# nodejs/npm may come from elsewhere than Debian: a working command counts
if command -v node >/dev/null && command -v npm >/dev/null; then
  missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
fi
missing=($(printf '%s\n' "${missing[@]}" | grep -v '^$' || true))
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
    --no-install-recommends "${missing[@]}" >/dev/null
fi

cmake --preset dev >/dev/null
cmake --build --preset dev

for step in scripts/setup.d/*.sh; do
  [ -e "$step" ] || continue
  bash "$step"
done
