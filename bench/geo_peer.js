// geo_peer.js — the peer for bench/geo_eval.py: compromise's places()
// (npm compromise, MIT) finds the toponyms; reads {"id","text"} lines on
// stdin, writes {"id","places":[{"start","end","text"}]} (code points).
const nlp = require('compromise');
const rl = require('readline').createInterface({input: process.stdin});
// UTF-16 index -> code-point index
function cpIndex(s, i) {
  let n = 0;
  for (let k = 0; k < i; k++) {
    const c = s.charCodeAt(k);
    if (c < 0xdc00 || c > 0xdfff) n++;
  }
  return n;
}
rl.on('line', (line) => {
  const d = JSON.parse(line);
  const out = [];
  const m = nlp(d.text).places().json({offset: true});
  for (const p of m) {
    const o = p.offset;
    if (!o) continue;
    out.push({start: cpIndex(d.text, o.start), end: cpIndex(d.text, o.start + o.length),
              text: d.text.substr(o.start, o.length)});
  }
  process.stdout.write(JSON.stringify({id: d.id, places: out}) + '\n');
});
