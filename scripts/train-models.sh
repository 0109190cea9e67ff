#!/usr/bin/env bash
# train-models.sh — re-train every model from ../shared/data, reproducibly
# (fixed seeds: the same input gives the same bytes), printing dev scores.
# Each trainer runs niced; run from anywhere.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${ANN_DATA:-/work/shared/data}
cmake --preset dev >/dev/null
cmake --build --preset dev

echo "== NER (CoNLL-2003 eng.train, scored on eng.testa)"
nice build/train_ner --train "$data/conll2003/eng.train" \
  --dev "$data/conll2003/eng.testa" --dicts dicts/ner --out models/ner.bin
