#!/usr/bin/env python3
"""record_seed.py — the record stage against ../shared/data/seed/expected.json
(quotations, counts, amounts, dates, tone, themes), on article.html run
through the whole pipeline.

  python3 bench/record_seed.py [path/to/annalist]"""
import json, os, subprocess, sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
exe = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "build", "annalist")
seed = os.path.join(root, "..", "shared", "data", "seed")
if not os.path.isdir(seed):
    print("seed not found: %s" % seed); sys.exit(0)
exp = json.load(open(os.path.join(seed, "expected.json")))
d = json.loads(subprocess.run([exe, "extract", "-q", os.path.join(seed, "article.html")],
                              capture_output=True, text=True, check=True).stdout)
ok = total = 0
def check(name, cond, got=""):
    global ok, total
    total += 1; ok += bool(cond)
    print("%-4s %s%s" % ("ok" if cond else "MISS", name, ("   got: %s" % got) if not cond else ""))

norm = lambda s: " ".join((s or "").replace("\u2019", "'").split()).strip(" .\u201c\u201d\"")
for q in exp["quotations"]["must"] + exp["quotations"].get("should", []):
    m = [x for x in d.get("quotes", []) if norm(q["text"]) in norm(x["text"]) or norm(x["text"]) in norm(q["text"])]
    check("quote %r... by %s" % (q["text"][:30], q["speaker"]), m and m[0].get("speaker") == q["speaker"],
          [(x.get("speaker"), x["text"][:30]) for x in m])
for c in exp["counts"]["must"]:
    m = [x for x in d.get("counts", []) if x["type"] == c["type"] and x["number"] == c["number"]
         and (x.get("object") or "") == c["object"]]
    check("count %s %s %s" % (c["type"], c["number"], c["object"]), m, d.get("counts"))
for a in exp["amounts"]["must"]:
    m = [x for x in d.get("amounts", []) if abs(x["number"] - a["number"]) < 1e-6
         and (a.get("unit") is None or x.get("unit") == a["unit"])]
    about = [x.get("about") for x in m]
    words = [w for w in a["about"].lower().split() if w not in ("of", "the")]
    good = any(x and (x.lower() in a["about"].lower() or a["about"].lower() in x.lower()
                      or any(w in x.lower() for w in words[:1])) for x in about)
    check("amount %s %s about %r" % (a["number"], a.get("unit", ""), a["about"]), m and good, about)
texts = [x["text"] for x in d.get("dates", [])]
for t in exp["dates"]["must"] + exp["dates"].get("should", []):
    check("date %s" % t, any(t in x for x in texts), texts)
tone = d.get("tone", {}).get("tone")
check("tone negative", tone is not None and tone < 0, tone)
check("tone below %s" % exp["tone"]["should"]["gdelt_tone_below"],
      tone is not None and tone < exp["tone"]["should"]["gdelt_tone_below"], tone)
# the analyst's theme words -> our taxonomy's codes
THEMES = {"ethnic or migrant persecution": ["ETHNIC_PERSECUTION", "MIGRANT_PERSECUTION"],
          "police violence / killing": ["POLICE_VIOLENCE"], "propaganda": ["PROPAGANDA"],
          "armed conflict": ["ARMEDCONFLICT"], "sanctions": ["SANCTIONS"], "inflation": ["INFLATION"],
          "energy / natural gas": ["NATURAL_GAS", "ENERGY"], "conscription": ["CONSCRIPTION"],
          "deportation": ["DEPORTATION"], "cyber attack": ["CYBER_ATTACK"], "occupation": ["OCCUPATION"]}
names = {t["name"] for t in d.get("themes", [])}
for t in exp["themes"]["should"]:
    check("theme %s" % t, any(c in names for c in THEMES.get(t, [])))
print("%d/%d seed checks for the record stage" % (ok, total))
