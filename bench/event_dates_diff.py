#!/usr/bin/env python3
"""event_dates_diff.py — the events whose date two annalist binaries give
differently, on the same JSON Lines input (to read by eye: there is no gold
for event dates). Prints one line per changed event (published, evidence,
old -> new date, the text), then "N changed of M".

Usage: bench/event_dates_diff.py INPUT.jsonl OLD_BIN NEW_BIN
"""
import json
import subprocess
import sys


def run(binary, data):
    out = subprocess.run([binary, "extract", "-q", "-i", "jsonl", "-"], input=data,
                         capture_output=True, text=True, check=True).stdout
    res = {}
    for line in out.splitlines():
        r = json.loads(line)
        for e in r.get("events", []):
            key = (r["id"], e["sentence"], e["evidence"]["start"])
            res[key] = (e.get("date"), e["evidence"]["text"], r.get("published"), r["text"])
    return res


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    data = open(sys.argv[1], encoding="utf-8").read()
    old, new = run(sys.argv[2], data), run(sys.argv[3], data)
    n = 0
    for k in sorted(old):
        if k in new and old[k][0] != new[k][0]:
            n += 1
            d, ev, pub, text = old[k]
            print(f"{pub} {ev!r}: {d} -> {new[k][0]} | {text[:200]!r}")
    print(n, "changed of", len(old))


if __name__ == "__main__":
    main()
