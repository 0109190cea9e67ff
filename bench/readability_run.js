// readability_run.js — Mozilla Readability over HTML files, one JSON line
// {"file", "text"} per file, for bench/extraction.sh (the peer in the same
// run). Usage: node readability_run.js FILE...
"use strict";
const fs = require("fs");
const path = require("path");
const { JSDOM, VirtualConsole } = require("jsdom");
const { Readability } = require("@mozilla/readability");

const vc = new VirtualConsole(); // silence CSS and script errors
for (const f of process.argv.slice(2)) {
  let text = "";
  try {
    const html = fs.readFileSync(f, "utf8");
    const dom = new JSDOM(html, { virtualConsole: vc });
    const art = new Readability(dom.window.document).parse();
    if (art && art.textContent) text = art.textContent;
    dom.window.close();
  } catch (e) {
    text = "";
  }
  process.stdout.write(JSON.stringify({ file: path.basename(f), text }) + "\n");
}
