#!/usr/bin/env python3
"""seed.py — acceptance on the seed article: runs `annalist extract` on
../shared/data/seed/article.html and checks every must/should item of
expected.json, generically (names matched loosely, numbers exactly):
document fields, persons and organizations (from entities), locations
(from places, with country), quotations (with speaker), counts, amounts,
dates, events, tone, themes. Prints PASS/FAIL per item, then the totals
"must x/y, should x/y". Exit status 1 when a must item fails, 2 when the
seed data is absent.

Usage: bench/seed.py [SEED_DIR] [--bin build/annalist]
"""
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def norm(s):
    return re.sub(r"\W+", " ", (s or "").lower()).strip()


def loose_eq(a, b):
    """Same name, or one contains the other on word boundaries."""
    a, b = norm(a), norm(b)
    if not a or not b:
        return False
    return a == b or f" {a} " in f" {b} " or f" {b} " in f" {a} "


def words(s):
    return {w for w in norm(s).split() if len(w) >= 4}


class Report:
    def __init__(self):
        self.n = {"must": [0, 0], "should": [0, 0]}

    def item(self, level, name, ok, detail=""):
        self.n[level][1] += 1
        self.n[level][0] += bool(ok)
        mark = "PASS" if ok else "FAIL"
        print(f"{mark} {level:6} {name}" + (f"  ({detail})" if detail and not ok else ""))


def check_document(rep, exp, rec):
    text = rec.get("text") or ""
    dl = rec.get("dateline") or {}
    body = text[dl.get("end", 0):].lstrip(" \n") if dl else text
    for key, spec in exp.items():
        level = "must" if spec.get("must") else "should"
        if key == "boilerplate_removed":
            bad = [s for s in spec["absent_from_text"] if s in text]
            rep.item(level, "document.boilerplate_removed", not bad, f"found {bad}")
        elif key == "body_starts_with":
            rep.item(level, "document.body_starts_with", body.startswith(spec["value"]),
                     f"body starts {body[:40]!r}")
        elif key == "body_ends_with":
            rep.item(level, "document.body_ends_with", text.rstrip().endswith(spec["value"]),
                     f"text ends {text.rstrip()[-40:]!r}")
        elif key == "dateline_place":
            rep.item(level, "document.dateline_place", dl.get("place") == spec["value"],
                     f"got {dl.get('place')!r}")
        elif key == "published":
            got = rec.get("published") or ""
            rep.item(level, "document.published", got.startswith(spec["value"]), f"got {got!r}")
        else:
            got = rec.get(key)
            rep.item(level, f"document.{key}", got == spec["value"], f"got {got!r}")


def ents(rec, types):
    return [e for e in rec.get("entities") or [] if e.get("type") in types]


def check_names(rep, section, exp, rec, types):
    for level in ("must", "should"):
        for name in exp.get(level, []):
            ok = any(loose_eq(e.get("text"), name) for e in ents(rec, types))
            rep.item(level, f"{section}: {name}", ok, "no such entity")


def check_locations(rep, exp, rec):
    places = rec.get("places") or []
    for level in ("must", "should"):
        for it in exp.get(level, []):
            def fits(p):
                if not (loose_eq(p.get("name"), it["name"]) or
                        loose_eq(p.get("text") or "", it["name"]) or
                        norm(it["name"]) == norm((rec.get("text") or "")[p.get("start", 0):p.get("end", 0)])):
                    return False
                return "country" not in it or p.get("country") == it["country"]
            ok = any(fits(p) for p in places)
            rep.item(level, f"locations: {it['name']} {it.get('country', '')}".rstrip(), ok,
                     "no such place with that country")


def check_quotes(rep, exp, rec):
    quotes = rec.get("quotes") or []
    for level in ("must", "should"):
        for it in exp.get(level, []):
            want = norm(it["text"])
            ok = any((want in norm(q.get("text")) or norm(q.get("text")) in want) and
                     norm(q.get("text")) and q.get("speaker") and
                     loose_eq(q["speaker"], it["speaker"]) for q in quotes)
            rep.item(level, f"quotations: {it['speaker']}: {it['text'][:40]}...", ok,
                     "no quote with that text and speaker")


def check_counts(rep, exp, rec):
    counts = rec.get("counts") or []
    for level in ("must", "should"):
        for it in exp.get(level, []):
            ok = any(c.get("type") == it["type"] and c.get("number") == it["number"] and
                     ("object" not in it or loose_eq(c.get("object"), it["object"]))
                     for c in counts)
            rep.item(level, f"counts: {it['type']} {it['number']} {it.get('object', '')}", ok)


def check_amounts(rep, exp, rec):
    amounts = rec.get("amounts") or []
    for level in ("must", "should"):
        for it in exp.get(level, []):
            def fits(a):
                if a.get("number") is None or abs(a["number"] - it["number"]) > 1e-9 * max(1, abs(it["number"])):
                    return False
                if "unit" in it and a.get("unit") != it["unit"]:
                    return False
                if "about" in it:
                    got = a.get("about") or ""
                    return loose_eq(got, it["about"]) or bool(words(got) & words(it["about"]))
                return True
            ok = any(fits(a) for a in amounts)
            rep.item(level, f"amounts: {it['number']} {it.get('unit', '')} {it.get('about', '')}", ok)


def check_dates(rep, exp, rec):
    dates = rec.get("dates") or []
    for level in ("must", "should"):
        for it in exp.get(level, []):
            ok = any(norm(it) == norm(d.get("text")) or norm(it) in norm(d.get("text")) for d in dates)
            rep.item(level, f"dates: {it}", ok)


def actor_country(a):
    if not isinstance(a, dict):
        return None
    return a.get("country") or (a.get("code") or "")[:3] or None


def check_events(rep, exp, rec):
    events = rec.get("events") or []
    for level in ("must", "should"):
        for it in exp.get(level, []):
            def fits(e):
                cameo = str(e.get("cameo") or "")
                root = str(e.get("root") or cameo[:2])
                if "root" in it and root != it["root"]:
                    return False
                if "root_any_of" in it and root not in it["root_any_of"]:
                    return False
                if "code_any_of" in it and not any(cameo.startswith(c) for c in it["code_any_of"]):
                    return False
                if "source" in it and actor_country(e.get("source")) != it["source"]:
                    return False
                if "target" in it and actor_country(e.get("target")) != it["target"]:
                    return False
                if "source_role" in it and (e.get("source") or {}).get("role") != it["source_role"]:
                    return False
                if "location" in it:
                    pl = e.get("place") or {}
                    if not loose_eq(pl.get("name"), it["location"]):
                        return False
                if "date" in it and not str(e.get("date") or "").startswith(it["date"]):
                    return False
                return True
            ok = any(fits(e) for e in events)
            rep.item(level, f"events: {it['what']}", ok)


def check_tone(rep, exp, rec):
    tone = (rec.get("tone") or {}).get("tone")
    if "must" in exp:
        want = exp["must"].get("sign")
        ok = tone is not None and ((want == "negative" and tone < 0) or (want == "positive" and tone > 0))
        rep.item("must", f"tone: {want}", ok, f"tone {tone}")
    if "should" in exp and "gdelt_tone_below" in exp["should"]:
        lim = exp["should"]["gdelt_tone_below"]
        rep.item("should", f"tone: below {lim}", tone is not None and tone < lim, f"tone {tone}")


def check_themes(rep, exp, rec):
    names = [norm(t.get("name")).replace(" ", "") for t in rec.get("themes") or []]
    raw = " ".join(norm(t.get("name")) for t in rec.get("themes") or [])
    for level in ("must", "should"):
        for it in exp.get(level, []):
            alts = [a for a in re.split(r"\s*/\s*|\s+or\s+", it) if a]
            ok = False
            for alt in alts:
                key = norm(alt).replace(" ", "")
                if any(key in n or (len(n) >= 5 and n in key) for n in names):
                    ok = True
                longest = max(norm(alt).split(), key=len, default="")
                if len(longest) >= 5 and longest[:6] in raw.replace(" ", ""):
                    ok = True
            rep.item(level, f"themes: {it}", ok)


def check_techniques(rep, exp, rec):
    got = rec.get("propaganda") or rec.get("techniques") or []
    for level in ("must", "should"):
        for it in exp.get(level, []):
            ok = any(norm(g.get("technique")) == norm(it["technique"]) for g in got if isinstance(g, dict))
            rep.item(level, f"propaganda: {it['technique']}", ok, "the record has no techniques field")


def main():
    args = sys.argv[1:]
    binary = os.path.join(ROOT, "build", "annalist")
    if "--bin" in args:
        i = args.index("--bin")
        binary = args[i + 1]
        del args[i:i + 2]
    seed = args[0] if args else os.path.join(ROOT, "..", "shared", "data", "seed")
    exp_path = os.path.join(seed, "expected.json")
    if not os.path.exists(exp_path):
        print(f"seed.py: no seed data at {os.path.normpath(seed)} (../shared is absent); nothing checked")
        sys.exit(2)
    exp = json.load(open(exp_path, encoding="utf-8"))
    run = subprocess.run([binary, "extract", "-q", os.path.join(seed, "article.html")],
                         capture_output=True, text=True)
    line = run.stdout.strip().splitlines()
    if not line:
        print(f"seed.py: annalist printed nothing (exit {run.returncode}): {run.stderr.strip()}")
        sys.exit(1)
    rec = json.loads(line[0])
    rep = Report()
    checks = {
        "document": check_document,
        "persons": lambda r, e, x: check_names(r, "persons", e, x, {"PER"}),
        "organizations": lambda r, e, x: check_names(r, "organizations", e, x, {"ORG"}),
        "locations": check_locations, "quotations": check_quotes, "counts": check_counts,
        "amounts": check_amounts, "dates": check_dates, "events": check_events,
        "tone": check_tone, "themes": check_themes,
        "propaganda_techniques": check_techniques,
    }
    for section, spec in exp.items():
        if section in checks and isinstance(spec, dict):
            checks[section](rep, spec, rec)
    m, s = rep.n["must"], rep.n["should"]
    print(f"must {m[0]}/{m[1]}, should {s[0]}/{s[1]}")
    sys.exit(0 if m[0] == m[1] else 1)


if __name__ == "__main__":
    main()
