// ner_compromise.js — tag a CoNLL file with compromise (npm) for comparison.
//   node ner_compromise.js IN.conll > OUT.conll   (timing on stderr)
// Each document (-DOCSTART-) becomes one text: tokens joined by spaces,
// sentences by newlines. compromise's people / organizations / places
// become PER / ORG / LOC in IOB2 (it has no MISC); the output keeps the
// input's lines, "token<TAB>gold<TAB>pred".
'use strict';
const fs = require('fs');
const path = require('path');
let nlp = require(path.join(__dirname, 'node_modules', 'compromise'));
nlp = nlp.default || nlp;

const lines = fs.readFileSync(process.argv[2], 'utf8').split('\n');
if (lines.length && lines[lines.length - 1] === '') lines.pop();
// documents: ranges of line indices
const docs = [];
let cur = null;
lines.forEach((l, i) => {
  const w = l.split(/\s+/)[0];
  if (w === '-DOCSTART-') { cur = { lines: [] }; docs.push(cur); return; }
  if (!cur) { cur = { lines: [] }; docs.push(cur); }
  cur.lines.push(i);
});
const pred = new Array(lines.length).fill('O');
let ntok = 0, ms = 0, cpu = 0;
for (const d of docs) {
  let text = '';
  const toks = []; // [lineIndex, start, end]
  let newSent = true;
  for (const i of d.lines) {
    const w = lines[i].split(/\s+/)[0];
    if (!w) { if (toks.length) newSent = true; continue; }
    if (text.length) text += newSent ? '\n' : ' ';
    newSent = false;
    toks.push([i, text.length, text.length + w.length]);
    text += w;
  }
  ntok += toks.length;
  if (!toks.length) continue;
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const doc = nlp(text);
  const found = [];
  for (const [kind, list] of [['PER', doc.people()], ['ORG', doc.organizations()],
                              ['LOC', doc.places()]]) {
    for (const m of list.json({ offset: true })) {
      if (m.offset) found.push([kind, m.offset.start, m.offset.start + m.offset.length]);
    }
  }
  ms += Number(process.hrtime.bigint() - t0) / 1e6;
  const c1 = process.cpuUsage(c0);
  cpu += (c1.user + c1.system) / 1e6;
  // a token belongs to an entity when it lies inside the span and is not
  // edge punctuation compromise glued on
  for (const [kind, s, e] of found) {
    const inside = toks.filter(t => t[1] >= s && t[2] <= e);
    while (inside.length && /^[^\p{L}\p{N}]+$/u.test(lines[inside[inside.length - 1][0]].split(/\s+/)[0])) inside.pop();
    while (inside.length && /^[^\p{L}\p{N}]+$/u.test(lines[inside[0][0]].split(/\s+/)[0])) inside.shift();
    if (!inside.length || inside.some(t => pred[t[0]] !== 'O')) continue;
    inside.forEach((t, k) => { pred[t[0]] = (k ? 'I-' : 'B-') + kind; });
  }
}
const out = lines.map((l, i) => {
  const c = l.split(/\s+/);
  if (!c[0]) return '';
  if (c[0] === '-DOCSTART-') return '-DOCSTART-\t-X-\tO';
  return c[0] + '\t' + (c.length > 1 ? c[c.length - 1] : 'O') + '\t' + pred[i];
});
process.stdout.write(out.join('\n') + '\n');
process.stderr.write(`compromise: ${ntok} tokens, wall ${(ms / 1000).toFixed(2)} s, CPU ${cpu.toFixed(2)} s = ${Math.round(ntok / cpu)} tokens/s of CPU (nlp() and the three lists only, not node start-up)\n`);
