#!/usr/bin/env bash
# charsets.sh — charset detection accuracy on a labelled set: the dev pages
# (all UTF-8) re-encoded into charsets of their language (characters the
# charset lacks become &#N; as on real pages), with every charset
# declaration and BOM removed, so that only detection can tell. A guess is
# right when decoding with it gives the same text as the true charset
# (so windows-1252 for an ASCII-only page, or gbk for gb18030, count).
# annalist (BOM/meta/UTF-8/uchardet/windows-1252 chain) against npm chardet
# and jschardet on the same bytes.
#   bench/charsets.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
pages=${ANN_DEV_PAGES:-$root/../shared/data/extraction-dev/html}
[ -d "$pages" ] || pages=/work/shared/data/extraction-dev/html
truth=$pages/../ground-truth.json
tmp=/tmp/ann_bench_charsets
rm -rf "$tmp"; mkdir -p "$tmp/set"
[ -n "${KEEP:-}" ] || trap 'rm -rf "$tmp"' EXIT
if [ ! -d "$here/node_modules/chardet" ] || [ ! -d "$here/node_modules/jschardet" ]; then
  (cd "$here" && npm install --prefix . --no-save --no-package-lock --no-audit \
     --no-fund warcio@2.4.11 chardet@2.2.0 jschardet@4.0.0 iconv-lite@0.7.3 >&2)
fi
python3 - "$pages" "$truth" "$tmp/set" <<'PY'
import json, os, re, sys
pages, truth, out = sys.argv[1:4]
gt = json.load(open(truth))
by_lang = {"en": ["cp1252"], "ru": ["cp1251", "koi8_r", "iso8859_5", "cp866"],
           "pl": ["iso8859_2", "cp1250"], "el": ["cp1253", "iso8859_7"],
           "zh": ["gb18030", "big5hkscs"]}
meta = re.compile(rb'<meta[^>]*charset[^>]*>', re.I)
xml = re.compile(rb'<\?xml[^>]*\?>', re.I)
n = 0
for name in sorted(os.listdir(pages)):
    raw = open(os.path.join(pages, name), "rb").read()
    if raw.startswith(b"\xef\xbb\xbf"): raw = raw[3:]
    raw = xml.sub(b"", meta.sub(b"", raw))
    text = raw.decode("utf-8", "replace")
    lang = gt.get(name[:-5], {}).get("lang", "en")
    for cs in ["utf_8"] + by_lang.get(lang, []):
        b = text.encode(cs, "xmlcharrefreplace")
        open(f"{out}/{lang}.{cs}.{name}", "wb").write(b)
        n += 1
print(n, "files", file=sys.stderr)
PY
ls "$tmp/set" | sed 's|^|'"$tmp"'/set/|' > "$tmp/list"
t0=$(date +%s.%N)
"$root/build/bench_ingest" --charsets --decode $(cat "$tmp/list") > "$tmp/annalist.tsv" 2>/dev/null
t1=$(date +%s.%N)
(cd "$here" && xargs node charsets_peer.mjs < "$tmp/list" > "$tmp/peers.tsv")
python3 - "$tmp" <<'PY'
import codecs, collections, sys
tmp = sys.argv[1]
def pyname(label):
    l = (label or "").lower().strip()
    alias = {"windows-1252": "cp1252", "shift_jis": "cp932", "euc-kr": "cp949",
             "big5": "big5hkscs", "x-mac-cyrillic": "mac_cyrillic", "ibm866": "cp866",
             "iso-8859-8-i": "iso8859_8", "ascii": "ascii", "utf-16le": "utf_16_le",
             "utf-16be": "utf_16_be", "windows-874": "cp874", "euc-tw": None,
             "iso-2022-cn": None, "x-iso-10646-ucs-4-3412": None}
    if l in alias: return alias[l]
    try: return codecs.lookup(l).name
    except LookupError: return None
def dec(b, cs):
    if not cs: return None
    try: return b.decode(cs, "replace")
    except LookupError: return None
ann = {}
for line in open(f"{tmp}/annalist.tsv"):
    f, cs = line.rstrip("\n").split("\t")
    ann[f] = cs
peers = {}
for line in open(f"{tmp}/peers.tsv"):
    f, c, j = line.rstrip("\n").split("\t")
    peers[f] = (c, j)
right = collections.Counter(); total = collections.Counter()
for f in ann:
    base = f.rsplit("/", 1)[1]
    lang, true_cs = base.split(".")[:2]
    b = open(f, "rb").read()
    want = b.decode(true_cs, "replace")
    key = f"{lang} {true_cs}"
    total[key] += 1; total["ALL"] += 1
    for who, guess in (("annalist", ann[f]), ("chardet", peers.get(f, ("", ""))[0]),
                       ("jschardet", peers.get(f, ("", ""))[1])):
        if dec(b, pyname(guess)) == want:
            right[(who, key)] += 1; right[(who, "ALL")] += 1
print(f"{'set':<18}{'files':>6}{'annalist':>10}{'chardet':>10}{'jschardet':>11}")
for key in sorted(total, key=lambda k: (k == "ALL", k)):
    print(f"{key:<18}{total[key]:>6}" + "".join(
        f"{100.0 * right[(w, key)] / total[key]:>{9 if w != 'jschardet' else 10}.1f}%"
        for w in ("annalist", "chardet", "jschardet")))
PY
awk -v a="$t0" -v b="$t1" 'BEGIN{printf "annalist: %.2f s for the whole set (read+decide+decode)\n", b-a}'
