#!/usr/bin/env bash
# ner_eval.sh — named entities on CoNLL-2003 eng.testa: annalist against
# compromise (npm), same text, same scorer, one run.
#
#   bench/ner_eval.sh [eng.testa]      (default ../shared/data/conll2003)
#
# annalist: `annalist tag --conll` (tokens as given, our POS, our NER);
# compromise: its people / organizations / places on each document's text
# (tokens joined by spaces), mapped back to the tokens. Both are scored by
# bench/conlleval.py (exact spans, per type); compromise has no MISC, so it
# is scored both with MISC counted as missed and with MISC left out.
# Installs compromise into bench/node_modules on first use.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-${ANN_DATA:-/work/shared/data}/conll2003/eng.testa}
bin=build/annalist
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
[ -x "$bin" ] || { cmake --preset dev >/dev/null && cmake --build --preset dev; }
if [ ! -d bench/node_modules/compromise ]; then
  npm install --prefix bench --no-save --no-audit --no-fund compromise@14 >&2
fi
ntok=$(grep -v -e '^-DOCSTART-' -e '^[[:space:]]*$' "$data" | wc -l)

echo "## annalist (tag --conll: POS + NER, two passes)"
# best of 3 runs; CPU time (user + system) is what the ratio uses, since
# the machine may be shared
python3 - "$bin" "$data" "$tmp/annalist.conll" "$ntok" > "$tmp/a.time" <<'PY'
import resource, subprocess, sys, time
binp, data, out, ntok = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
best = None
for _ in range(3):
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.time()
    with open(data, "rb") as i, open(out, "wb") as o:
        subprocess.run([binp, "tag", "--conll"], stdin=i, stdout=o, check=True)
    wall = time.time() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    if best is None or cpu < best[1]:
        best = (wall, cpu)
print("annalist: %d tokens, wall %.2f s, CPU %.2f s = %.0f tokens/s of CPU "
      "(whole command: start, model load, POS, NER)" % (ntok, best[0], best[1], ntok / best[1]))
print("RATE %.0f" % (ntok / best[1]))
PY
python3 bench/conlleval.py "$data" "$tmp/annalist.conll" --name annalist
python3 bench/conlleval.py "$data" "$tmp/annalist.conll" --name annalist --no-misc --short
grep -v '^RATE' "$tmp/a.time"
a_rate=$(sed -n 's/^RATE //p' "$tmp/a.time")

echo
echo "## compromise $(node -p "require('./bench/node_modules/compromise/package.json').version")"
node bench/ner_compromise.js "$data" > "$tmp/compromise.conll" 2> "$tmp/c.err"
python3 bench/conlleval.py "$data" "$tmp/compromise.conll" --name compromise
python3 bench/conlleval.py "$data" "$tmp/compromise.conll" --name compromise --no-misc
cat "$tmp/c.err"
c_rate=$(sed -n 's/.*= \([0-9]*\) tokens\/s of CPU.*/\1/p' "$tmp/c.err")
echo
python3 -c "print('speed ratio annalist / compromise (CPU time): %.1fx' % ($a_rate / $c_rate))"
