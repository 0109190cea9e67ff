// compromise_nlp.mjs — the npm `compromise` peer for bench_nlp.sh: the
// same text, tokenized and tagged, with people/places/organizations found
// (the work comparable to tokens+POS+NER). Prints terms/s on CPU time.
//   node bench/compromise_nlp.mjs TEXT [passes]
import fs from 'node:fs';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const nlp = require('compromise');
const text = fs.readFileSync(process.argv[2], 'utf8');
const passes = Number(process.argv[3] || 3);
let best = Infinity, terms = 0, ents = 0;
for (let i = 0; i < passes; i++) {
  const c0 = process.cpuUsage();
  const doc = nlp(text);
  terms = doc.terms().length;
  ents = doc.people().length + doc.places().length + doc.organizations().length;
  const c = process.cpuUsage(c0);
  best = Math.min(best, (c.user + c.system) / 1e6);
}
const ver = JSON.parse(fs.readFileSync(new URL('./node_modules/compromise/package.json', import.meta.url))).version;
console.log(`compromise ${ver}: ` +
  `${Math.round(terms / best)} terms/s CPU (${terms} terms, ${ents} ` +
  `people/places/orgs, best of ${passes} passes, ${(best * 1e3).toFixed(0)} ms)`);
