#!/usr/bin/env bash
# train-models.sh — re-train every model from ../shared/data, reproducibly
# (fixed seeds: the same input gives the same bytes), printing dev scores.
# Each trainer runs niced; run from anywhere.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${ANN_DATA:-/work/shared/data}
cmake --preset dev >/dev/null
cmake --build --preset dev

echo "== POS + lemmas (UD EWT train -> models/pos.bin; dev, gold tokens)"
nice build/train_pos --epochs 7 --prune 1 --seed 1 --dict-min 20 \
  "$data/ud-ewt/en_ewt-ud-train.conllu" "$data/ud-ewt/en_ewt-ud-dev.conllu" \
  models/pos.bin

echo "== NER (CoNLL-2003 eng.train, scored on eng.testa; POS from models/pos.bin)"
# after POS: the recogniser learns from our own tagger's tags
nice build/train_ner --train "$data/conll2003/eng.train" \
  --dev "$data/conll2003/eng.testa" --dicts dicts/ner \
  --pos-model models/pos.bin \
  --lower-from "$data/ud-ewt/en_ewt-ud-train.conllu,$data/propaganda-train/train-articles" \
  --out models/ner.bin

echo "== dependency parser (UD EWT train with jackknifed POS tags; EWT dev)"
# --jackknife 10 trains 10 POS models (one per fold, ~1 min each) with the
# POS trainer's settings above, so it must run after the POS model.
nice build/train_parser --train "$data/ud-ewt/en_ewt-ud-train.conllu" \
  --dev "$data/ud-ewt/en_ewt-ud-dev.conllu" --epochs 8 --prune 2 \
  --seed 1 --pos models/pos.bin --jackknife 10 --out models/parser.bin
