#!/usr/bin/env bash
# resume.test.sh — ingest is idempotent and resumable: killed with -9 in the
# middle, a re-run stores exactly the documents that are missing.
set -u
annalist=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
check() { if eval "$2"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $1" >&2; fi; }
mkdir "$tmp/in"
for i in $(seq 1 3000); do
  printf 'Report %d. Officials in Tbilisi met envoys on day %d of the talks.\n\nThey agreed on point %d.\n' "$i" "$i" "$i" > "$tmp/in/doc$i.txt"
done
db="$tmp/s.db"
"$annalist" ingest --db "$db" -q --batch 25 "$tmp/in" &
pid=$!
sleep 0.4
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
before=$(sqlite3 "$db" "SELECT count(*) FROM documents" 2>/dev/null || echo 0)
echo "killed after $before documents"
"$annalist" ingest --db "$db" -q --batch 25 "$tmp/in"
check "re-run exit 0" '[ $? = 0 ]'
check "all stored once" '[ "$(sqlite3 "$db" "SELECT count(*), count(DISTINCT hash) FROM documents")" = "3000|3000" ]'
"$annalist" ingest --db "$db" -q "$tmp/in"
check "third run adds nothing" '[ "$(sqlite3 "$db" "SELECT count(*) FROM documents")" = 3000 ]'
check "fts matches" '[ "$(sqlite3 "$db" "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH '"'"'Tbilisi'"'"'")" = 3000 ]'
echo "$pass passed, $fail failed"
[ $fail = 0 ]
