#!/usr/bin/env python3
"""score_extraction.py — the 4-gram shingle F1 of extraction-dev/README.txt.

Tokens are maximal runs of Unicode word characters (\\w), case kept. Each
text is the multiset of its overlapping 4-grams of tokens (a text of 1-3
tokens is one shingle). Per page tp = shared shingles (min of counts),
fp = extra predicted, fn = missing true; precision tp/(tp+fp), recall
tp/(tp+fn), both 1 when fp = fn = 0. Overall precision is the mean over
pages with a non-empty prediction, recall the mean over pages with a
non-empty truth, F1 = 2PR/(P+R). Accuracy: pages whose token lists are
identical.

Usage: score_extraction.py GROUND_TRUTH.json PRED.jsonl [PRED.jsonl...]
PRED.jsonl lines are {"file": "<id>.html", "text": "..."}. Prints one
table row per prediction file: overall and per language.
"""
import json
import re
import sys
from collections import Counter

TOK = re.compile(r"\w+")


def shingles(text):
    t = TOK.findall(text or "")
    if not t:
        return Counter(), t
    if len(t) < 4:
        return Counter([tuple(t)]), t
    return Counter(tuple(t[i:i + 4]) for i in range(len(t) - 3)), t


def score(truth, pred):
    """truth: {id: {articleBody, lang}}, pred: {id: text} -> {lang: (P,R,F1,acc,n)}"""
    groups = {}
    for pid, gt in truth.items():
        ts, tt = shingles(gt["articleBody"])
        ps, pt = shingles(pred.get(pid, ""))
        tp = sum((ts & ps).values())
        fp = sum(ps.values()) - tp
        fn = sum(ts.values()) - tp
        if fp == 0 and fn == 0:
            p = r = 1.0
        else:
            p = tp / (tp + fp) if tp + fp else None
            r = tp / (tp + fn) if tp + fn else None
        for g in ("all", gt["lang"]):
            s = groups.setdefault(g, {"p": [], "r": [], "acc": 0, "n": 0})
            s["n"] += 1
            if sum(ps.values()) and p is not None:
                s["p"].append(p)
            if sum(ts.values()) and r is not None:
                s["r"].append(r)
            s["acc"] += tt == pt
    res = {}
    for g, s in groups.items():
        P = sum(s["p"]) / len(s["p"]) if s["p"] else 0.0
        R = sum(s["r"]) / len(s["r"]) if s["r"] else 0.0
        F = 2 * P * R / (P + R) if P + R else 0.0
        res[g] = (P, R, F, s["acc"] / s["n"], s["n"])
    return res


def load_pred(path):
    pred = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                o = json.loads(line)
                pred[o["file"].rsplit(".html", 1)[0]] = o["text"]
    return pred


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    truth = json.load(open(sys.argv[1], encoding="utf-8"))
    langs = ["all"] + sorted({v["lang"] for v in truth.values()},
                             key=lambda l: (l != "en", l))
    print("| extractor | " + " | ".join(f"F1 {l}" for l in langs) +
          " | P all | R all | accuracy |")
    print("|---" * (len(langs) + 4) + "|")
    for path in sys.argv[2:]:
        r = score(truth, load_pred(path))
        name = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        print(f"| {name} | " + " | ".join(f"{r[l][2]:.3f}" for l in langs) +
              f" | {r['all'][0]:.3f} | {r['all'][1]:.3f} | {r['all'][3]:.3f} |")


if __name__ == "__main__":
    main()
