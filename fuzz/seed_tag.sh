#!/usr/bin/env bash
# seed_tag.sh — seed corpora for fuzz_conllu, fuzz_tok and fuzz_model from
# files we wrote (tests/tag, tests/tok), then run each target for a while.
#   fuzz/seed_tag.sh [seconds-per-target]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-120}
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz --target fuzz_conllu fuzz_tok fuzz_model train_pos >/dev/null
for t in conllu tok model; do mkdir -p fuzz/corpus/$t; done
{ printf '\0'; cat tests/tag/toy.conllu; } > fuzz/corpus/conllu/toy
{ printf '\1'; printf -- '-DOCSTART- -X- O\n\nEU NNP B-ORG\nrejects\n\n'; } > fuzz/corpus/conllu/cols
grep -ho '"[^"]*"' tests/tok/test_tok.c | sed 's/^"//; s/"$//' |
  awk '{print > ("fuzz/corpus/tok/s" NR)}'
build-fuzz/train_pos --epochs 2 tests/tag/toy.conllu tests/tag/toy.conllu \
  fuzz/corpus/model/toy.bin >/dev/null 2>&1
for t in conllu tok model; do
  echo "== fuzz_$t, ${secs}s"
  build-fuzz/fuzz_$t -max_total_time="$secs" -max_len=65536 -print_final_stats=1 \
    fuzz/corpus/$t 2>&1 | grep -E "stat::number_of_executed_units|ERROR|SUMMARY|cov:" | tail -3
done
