#!/usr/bin/env python3
"""tone_eval.py — Pearson/Spearman r of annalist's tone and of VADER (npm
vader-sentiment, run with node in the same run) against the human mean
ratings of ../shared/data/tone-dev (movie-review snippets).

  python3 bench/tone_eval.py [TONE_DEV_DIR]

Needs build/bench_tone (cmake --build --preset dev) and node; installs
vader-sentiment into data/npm if set-up has not (bench-only use)."""
import os, subprocess, sys, math, json

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
dev = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    root, "..", "shared", "data", "tone-dev")
gt = os.path.join(dev, "movieReviewSnippets_GroundTruth.txt")
if not os.path.exists(gt):
    print("tone-dev not found: %s" % gt)
    sys.exit(0)

rows = []
with open(gt, encoding="utf-8", errors="replace") as f:
    for line in f:
        p = line.rstrip("\r\n").split("\t")
        if len(p) >= 3:
            rows.append((p[0], float(p[1]), p[2]))

def pearson(x, y):
    n = len(x); mx = sum(x) / n; my = sum(y) / n
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y))
    sx = math.sqrt(sum((a - mx) ** 2 for a in x))
    sy = math.sqrt(sum((b - my) ** 2 for b in y))
    return sxy / (sx * sy) if sx and sy else 0.0

def ranks(v):
    order = sorted(range(len(v)), key=lambda i: v[i])
    r = [0.0] * len(v); i = 0
    while i < len(v):
        j = i
        while j + 1 < len(v) and v[order[j + 1]] == v[order[i]]:
            j += 1
        for k in range(i, j + 1):
            r[order[k]] = (i + j) / 2.0
        i = j + 1
    return r

def spearman(x, y):
    return pearson(ranks(x), ranks(y))

human = [r[1] for r in rows]
inp = "".join("%s\t%s\t%s\n" % (i, h, t.replace("\t", " ")) for i, h, t in rows)
import time
t0 = time.time()
out = subprocess.run([os.path.join(root, "build", "bench_tone")], input=inp,
                     capture_output=True, text=True, check=True).stdout
t1 = time.time()
ours = [float(l.split("\t")[1]) for l in out.splitlines()]
assert len(ours) == len(rows), (len(ours), len(rows))
print("annalist tone      n=%d  pearson %.3f  spearman %.3f  (%.2fs)" % (
    len(rows), pearson(ours, human), spearman(ours, human), t1 - t0))

npm = os.path.join(root, "data", "npm")
mod = os.path.join(npm, "node_modules", "vader-sentiment")
if not os.path.isdir(mod):
    subprocess.run(["npm", "install", "--prefix", npm, "--no-audit",
                    "--no-fund", "--silent", "vader-sentiment@1.1.3"],
                   check=True)
js = """
const v = require(%s);
const lines = require('fs').readFileSync(0, 'utf8').split('\\n');
const out = [];
for (const l of lines) { if (!l) continue;
  out.push(v.SentimentIntensityAnalyzer.polarity_scores(l).compound); }
process.stdout.write(out.join('\\n'));
""" % json.dumps(mod)
t0 = time.time()
vo = subprocess.run(["node", "-e", js], input="\n".join(r[2] for r in rows) + "\n",
                    capture_output=True, text=True, check=True).stdout
t1 = time.time()
vader = [float(x) for x in vo.split()]
assert len(vader) == len(rows)
print("VADER (npm 1.1.3)  n=%d  pearson %.3f  spearman %.3f  (%.2fs)" % (
    len(rows), pearson(vader, human), spearman(vader, human), t1 - t0))
