#!/usr/bin/env bash
# setup-tests.sh — tools only the test suite needs, by package name:
# Debian's chromium (headless browser test) and npm's playwright-core
# (drives it; it downloads no browser of its own), into data/npm-test/.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/chromium ]; then
  echo "setup-tests: installing chromium" >&2
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
    --no-install-recommends chromium >/dev/null
fi
if [ ! -d data/npm-test/node_modules/playwright-core ]; then
  mkdir -p data/npm-test
  npm install --silent --no-audit --no-fund --prefix data/npm-test \
    playwright-core@1 >/dev/null
fi
