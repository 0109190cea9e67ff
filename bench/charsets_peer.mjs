// charsets_peer.mjs — the peers' guesses: npm chardet and jschardet on
// each file. Prints "file<TAB>chardet<TAB>jschardet".
import fs from "node:fs";
import chardet from "chardet";
import jschardet from "jschardet";

const t0 = process.hrtime.bigint();
let out = "";
for (const f of process.argv.slice(2)) {
  const b = fs.readFileSync(f);
  const c = chardet.detect(b) || "";
  const j = (jschardet.detect(b) || {}).encoding || "";
  out += `${f}\t${c}\t${j}\n`;
}
process.stdout.write(out);
console.error(`peers: ${process.argv.length - 2} files in ${(Number(process.hrtime.bigint() - t0) / 1e9).toFixed(2)} s`);
