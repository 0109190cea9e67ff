// warcio_read.mjs — the peer: iterate a WARC(.gz) with npm warcio, reading
// the payload of every 200 text/html response (as annalist does), or
// decoding it to a string too (--text). Prints MB/s of payload.
import fs from "node:fs";
import { WARCParser } from "warcio";

const args = process.argv.slice(2);
const text = args[0] === "--text";
const file = text ? args[1] : args[0];
const t0 = process.hrtime.bigint();
let docs = 0, bytes = 0;
const parser = new WARCParser(fs.createReadStream(file));
for await (const record of parser) {
  if (record.warcType !== "response") continue;
  const http = record.httpHeaders;
  if (!http || http.statusCode !== 200) continue;
  const ct = http.headers.get("content-type") || "";
  if (!/^(text\/html|application\/xhtml\+xml|text\/plain)/i.test(ct)) continue;
  if (text) {
    const s = await record.contentText();
    bytes += Buffer.byteLength(s);
  } else {
    const body = await record.readFully(true);
    bytes += body.length;
  }
  docs++;
}
const dt = Number(process.hrtime.bigint() - t0) / 1e9;
console.error(`warcio${text ? " read+text" : " read"}: ${docs} docs, ` +
  `${(bytes / 1e6).toFixed(1)} MB of documents in ${dt.toFixed(2)} s: ` +
  `${(bytes / 1e6 / dt).toFixed(1)} MB/s, ${(docs / dt).toFixed(0)} docs/s`);
