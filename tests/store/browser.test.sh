#!/usr/bin/env bash
# browser.test.sh — end to end in headless Chromium (Debian's), driven by
# playwright-core: load the page, filter by an actor, click an event, see
# its sentence highlighted in the article, save a screenshot.
# Skips (exit 77) only when the browser tools are not installed; the
# project's test command installs them (scripts/setup-tests.sh).
set -u
annalist=$1 src=$2
pw="$src/data/npm-test/node_modules/playwright-core"
if [ ! -x /usr/bin/chromium ] || [ ! -d "$pw" ] || ! command -v node >/dev/null; then
  echo "browser tools missing (run scripts/setup-tests.sh): skipped"
  exit 77
fi
tmp=$(mktemp -d)
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$tmp"' EXIT
"$annalist" ingest --db "$tmp/s.db" --records -q fixtures/records.jsonl
touch "$tmp/log"
"$annalist" serve --db "$tmp/s.db" --port 0 --home "$src" 2>"$tmp/log" &
pid=$!
for _ in $(seq 50); do grep -q 'http://' "$tmp/log" && break; sleep 0.1; done
base=$(grep -o 'http://[0-9.:]*' "$tmp/log" | head -1)
mkdir -p "$src/build/screenshots"
NODE_PATH="$src/data/npm-test/node_modules" BASE="$base" \
SHOT="$src/build/screenshots/web.png" node browser.test.cjs
