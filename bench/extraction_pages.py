#!/usr/bin/env python3
"""Per-page precision/recall of one prediction file, worst first (for
tuning). Usage: extraction_pages.py GROUND_TRUTH.json PRED.jsonl [N]"""
import json
import sys

from score_extraction import load_pred, shingles

truth = json.load(open(sys.argv[1], encoding="utf-8"))
pred = load_pred(sys.argv[2])
rows = []
for pid, gt in truth.items():
    ts, _ = shingles(gt["articleBody"])
    ps, _ = shingles(pred.get(pid, ""))
    tp = sum((ts & ps).values())
    p = tp / max(1, sum(ps.values()))
    r = tp / max(1, sum(ts.values()))
    f = 2 * p * r / (p + r) if p + r else 0
    rows.append((f, p, r, gt["lang"], pid))
rows.sort()
for f, p, r, lang, pid in rows[: int(sys.argv[3]) if len(sys.argv) > 3 else 40]:
    print(f"{f:.2f} P{p:.2f} R{r:.2f} {lang} {pid}")
