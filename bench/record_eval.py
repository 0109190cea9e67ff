#!/usr/bin/env python3
"""record_eval.py — precision / recall / F1 of the record stage per kind on
bench/record_gold.jsonl (44 news-style paragraphs written for annalist,
annotated by hand).

  python3 bench/record_eval.py [path/to/annalist] [--gold FILE] [-v]

bench/record_gold.jsonl was used while writing the rules (development);
bench/record_test.jsonl (15 paragraphs) was written after them and is
scored as held out: run with --gold bench/record_test.jsonl.

Matching: a date, amount or quotation is found when the system's span
overlaps the gold one (amounts also need the same number within 0.1%);
a count needs the same type and number. Attributes (date value, amount
unit and `about`, count object, quotation speaker) are scored on the
found items. Themes: recall of the hand-listed main themes (the system
lists more; gold lists are not exhaustive, so no precision)."""
import json, os, subprocess, sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
args = [a for a in sys.argv[1:] if a != "-v"]
gold_path = os.path.join(root, "bench", "record_gold.jsonl")
if "--gold" in args:
    i = args.index("--gold"); gold_path = args[i + 1]; del args[i:i + 2]
exe = args[0] if args else os.path.join(root, "build", "annalist")
gold = [json.loads(l) for l in open(gold_path, encoding="utf-8")]
inp = "".join(json.dumps({"id": g["id"], "text": g["text"], "published": g["published"]},
                         ensure_ascii=False) + "\n" for g in gold)
out = subprocess.run([exe, "extract", "-q", "-i", "jsonl", "-"], input=inp,
                     capture_output=True, text=True, check=True).stdout
sysd = {d["id"]: d for d in map(json.loads, out.splitlines())}

def find_spans(text, needle):
    i = text.find(needle)
    return (i, i + len(needle)) if i >= 0 else None

def overlap(a, b):
    return a[0] < b[1] and b[0] < a[1]

class Score:
    def __init__(s): s.tp = s.fp = s.fn = 0; s.attr_ok = s.attr_n = 0
    def prf(s):
        p = s.tp / (s.tp + s.fp) if s.tp + s.fp else 0
        r = s.tp / (s.tp + s.fn) if s.tp + s.fn else 0
        f = 2 * p * r / (p + r) if p + r else 0
        return p, r, f

S = {k: Score() for k in ("dates", "amounts", "counts", "quotes")}
misses = []
theme_hit = theme_n = 0
tone_ok = tone_n = 0
for g in gold:
    d = sysd.get(g["id"], {})
    text = g["text"]
    # dates
    got = [(x["start"], x["end"], x.get("value")) for x in d.get("dates", [])]
    used = set()
    for gt, gv in g["dates"]:
        sp = find_spans(text, gt)
        m = next((i for i, x in enumerate(got) if i not in used and overlap(sp, x)), None)
        if m is None:
            S["dates"].fn += 1; misses.append((g["id"], "date", gt)); continue
        used.add(m); S["dates"].tp += 1
        S["dates"].attr_n += 1; S["dates"].attr_ok += got[m][2] == gv
        if got[m][2] != gv: misses.append((g["id"], "date value", gt, gv, got[m][2]))
    S["dates"].fp += len(got) - len(used)
    for i, x in enumerate(got):
        if i not in used: misses.append((g["id"], "extra date", text[x[0]:x[1]]))
    # amounts
    got = d.get("amounts", [])
    used = set()
    for gt, gn, gu, ga in g["amounts"]:
        sp = find_spans(text, gt)
        m = next((i for i, x in enumerate(got) if i not in used and overlap(sp, (x["start"], x["end"]))
                  and abs(x["number"] - gn) <= 1e-3 * max(1, abs(gn))), None)
        if m is None:
            S["amounts"].fn += 1; misses.append((g["id"], "amount", gt)); continue
        used.add(m); S["amounts"].tp += 1
        x = got[m]
        ok = (x.get("unit") == gu) and (ga is None or (x.get("about") and (
            ga.lower() in x["about"].lower() or x["about"].lower() in ga.lower())))
        S["amounts"].attr_n += 1; S["amounts"].attr_ok += bool(ok)
        if not ok: misses.append((g["id"], "amount attrs", gt, gu, ga, x.get("unit"), x.get("about")))
    S["amounts"].fp += len(got) - len(used)
    for i, x in enumerate(got):
        if i not in used: misses.append((g["id"], "extra amount", x["text"]))
    # counts
    got = d.get("counts", [])
    used = set()
    for gt, gn, go in g["counts"]:
        m = next((i for i, x in enumerate(got) if i not in used and x["type"] == gt
                  and abs(x["number"] - gn) < 1e-6), None)
        if m is None:
            S["counts"].fn += 1; misses.append((g["id"], "count", gt, gn)); continue
        used.add(m); S["counts"].tp += 1
        ok = (go or None) == (got[m].get("object") or None)
        S["counts"].attr_n += 1; S["counts"].attr_ok += ok
        if not ok: misses.append((g["id"], "count object", go, got[m].get("object")))
    S["counts"].fp += len(got) - len(used)
    for i, x in enumerate(got):
        if i not in used: misses.append((g["id"], "extra count", x["type"], x["number"]))
    # quotes
    got = d.get("quotes", [])
    used = set()
    for gt, gs in g["quotes"]:
        sp = find_spans(text, gt)
        m = next((i for i, x in enumerate(got) if i not in used and overlap(sp, (x["start"], x["end"]))), None)
        if m is None:
            S["quotes"].fn += 1; misses.append((g["id"], "quote", gt)); continue
        used.add(m); S["quotes"].tp += 1
        ok = got[m].get("speaker") == gs
        S["quotes"].attr_n += 1; S["quotes"].attr_ok += ok
        if not ok: misses.append((g["id"], "speaker", gs, got[m].get("speaker")))
    S["quotes"].fp += len(got) - len(used)
    for i, x in enumerate(got):
        if i not in used: misses.append((g["id"], "extra quote", x["text"]))
    # tone and themes
    if g["tone"]:
        t = d.get("tone", {}).get("tone", 0)
        tone_n += 1
        ok = (t < 0) if g["tone"] == "neg" else (t > 0)
        tone_ok += ok
        if not ok: misses.append((g["id"], "tone", g["tone"], t))
    names = {t["name"] for t in d.get("themes", [])}
    for th in g["themes"]:
        theme_n += 1; theme_hit += th in names
        if th not in names: misses.append((g["id"], "theme", th))

print("record_eval: %d paragraphs (%s)" % (len(gold), os.path.relpath(gold_path, root)))
print("%-8s %5s %5s %5s  %5s %5s %5s  %s" % ("kind", "gold", "sys", "tp", "P", "R", "F1", "attributes right"))
names = {"dates": "value", "amounts": "unit+about", "counts": "object", "quotes": "speaker"}
for k, s in S.items():
    p, r, f = s.prf()
    print("%-8s %5d %5d %5d  %.3f %.3f %.3f  %s %d/%d" % (k, s.tp + s.fn, s.tp + s.fp, s.tp, p, r, f,
          names[k], s.attr_ok, s.attr_n))
print("tone sign  %d/%d right" % (tone_ok, tone_n))
print("themes     recall %d/%d = %.3f (mean %.1f themes per paragraph)" % (
    theme_hit, theme_n, theme_hit / theme_n if theme_n else 0,
    sum(len(d.get("themes", [])) for d in sysd.values()) / max(1, len(sysd))))
if "-v" in sys.argv or os.environ.get("VERBOSE"):
    for m in misses: print("  ", m)
