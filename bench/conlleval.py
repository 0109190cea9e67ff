#!/usr/bin/env python3
"""conlleval.py — CoNLL-2003 scoring (exact span match, as conlleval.pl).

  conlleval.py GOLD PRED [--no-misc] [--name NAME] [--short]

GOLD and PRED are CoNLL files aligned line by line (one token per line,
blank lines between sentences, -DOCSTART- lines ignored); the tag is the
last column of each. Tags may be IOB1 or IOB2: an entity starts at B-X, or
at I-X after anything but X (conlleval's rule). Prints overall and
per-type precision, recall and F1 (--short: overall only). --no-misc drops
MISC from both sides.
"""
import sys


def spans(tags):
    out, start, typ = [], None, None
    for i, t in enumerate(tags + ["O"]):
        kind, _, ty = t.partition("-")
        begins = kind in ("B", "S", "U") or (kind in ("I", "E", "L") and ty != typ)
        if start is not None and (t == "O" or begins or ty != typ):
            out.append((start, i, typ))
            start, typ = None, None
        if t != "O" and start is None:
            start, typ = i, ty
    return out


def read(path):
    sents, cur = [], []
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            cols = line.split()
            if not cols or cols[0] == "-DOCSTART-":
                if cur:
                    sents.append(cur)
                    cur = []
                continue
            cur.append((cols[0], cols[-1] if len(cols) > 1 else "O"))
    if cur:
        sents.append(cur)
    return sents


def score(gold, pred, no_misc=False):
    tp, fp, fn = {}, {}, {}
    if len(gold) != len(pred):
        sys.exit("conlleval: %d gold sentences, %d predicted" % (len(gold), len(pred)))
    for g, p in zip(gold, pred):
        if len(g) != len(p) or any(a[0] != b[0] for a, b in zip(g, p)):
            sys.exit("conlleval: token mismatch near %r" % " ".join(w for w, _ in g[:8]))
        gs = set(spans([t for _, t in g]))
        ps = set(spans([t for _, t in p]))
        if no_misc:
            gs = {s for s in gs if s[2] != "MISC"}
            ps = {s for s in ps if s[2] != "MISC"}
        for s in ps:
            d = tp if s in gs else fp
            d[s[2]] = d.get(s[2], 0) + 1
        for s in gs - ps:
            fn[s[2]] = fn.get(s[2], 0) + 1
    return tp, fp, fn


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    no_misc = "--no-misc" in sys.argv
    name = "system"
    if "--name" in sys.argv:
        name = sys.argv[sys.argv.index("--name") + 1]
        args.remove(name)
    if len(args) != 2:
        sys.exit(__doc__)
    tp, fp, fn = score(read(args[0]), read(args[1]), no_misc)
    types = sorted(set(tp) | set(fp) | set(fn))
    T = lambda d: sum(d.values())
    p, r, f = prf(T(tp), T(fp), T(fn))
    print("%s%s: P %.4f R %.4f F1 %.4f (gold %d, found %d, correct %d)" % (
        name, " (no MISC)" if no_misc else "", p, r, f,
        T(tp) + T(fn), T(tp) + T(fp), T(tp)))
    if "--short" in sys.argv:
        return
    for t in types:
        p, r, f = prf(tp.get(t, 0), fp.get(t, 0), fn.get(t, 0))
        print("  %-5s P %.4f R %.4f F1 %.4f (gold %d)" % (
            t, p, r, f, tp.get(t, 0) + fn.get(t, 0)))


if __name__ == "__main__":
    main()
