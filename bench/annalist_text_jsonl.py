#!/usr/bin/env python3
"""Turn `annalist text FILE...` output (documents separated by a form-feed
line) into {"file", "text"} JSON lines. Usage: annalist_text_jsonl.py
OUTPUT FILE..."""
import json
import os
import sys

out = open(sys.argv[1], encoding="utf-8", errors="replace").read()
docs = out.split("\f\n")
files = sys.argv[2:]
if len(docs) != len(files):
    sys.exit(f"annalist printed {len(docs)} documents for {len(files)} files")
for f, t in zip(files, docs):
    print(json.dumps({"file": os.path.basename(f), "text": t.rstrip("\n")},
                     ensure_ascii=False))
