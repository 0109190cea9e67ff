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


def run(binary, docs, jobs):
    # one plain-text file per article (JSONL input may not be built);
    # a directory is read in name order and records keep input order
    tmp = tempfile.mkdtemp()
    for i, d in enumerate(docs):
        with open(os.path.join(tmp, "%05d.txt" % i), "w") as f:
            f.write(d["text"])
    t0 = time.time()
    files = [os.path.join(tmp, "%05d.txt" % i) for i in range(len(docs))]
    if os.path.basename(binary) == "bench_geo":
        # the stages up to geo only (later stages cannot break the run)
        cmd = [binary, "--records"] + files
    else:
        cmd = [binary, "extract", "-q", "-j", str(jobs), "-i", "text", tmp]
    out = subprocess.run(cmd, capture_output=True, text=True)
    dt = time.time() - t0
    for i in range(len(docs)):
        os.unlink(os.path.join(tmp, "%05d.txt" % i))
    os.rmdir(tmp)
    recs = {}
    for d, line in zip(docs, out.stdout.splitlines()):
        recs[d["id"]] = json.loads(line)
    return recs, dt


def auc(errors):
    # area under the curve of log(1+error km), normalised by log(20039)
    if not errors:
        return float("nan")
    mx = math.log(20039 + 1)
    return sum(math.log(1 + e) for e in errors) / len(errors) / mx


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gwn", default="/work/shared/data/geo-dev/gwn.jsonl")
    ap.add_argument("--annalist", default=os.path.join(root, "build", "bench_geo"),
                    help="build/annalist, or build/bench_geo (default: runs "
                         "only the stages up to geo)")
    ap.add_argument("--errors", type=int, default=0)
    ap.add_argument("--jobs", type=int, default=1)
    a = ap.parse_args()
    docs = [json.loads(l) for l in open(a.gwn)]
    recs, dt = run(a.annalist, docs, a.jobs)
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
