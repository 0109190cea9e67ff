#!/usr/bin/env bash
# ab_speed.sh — is the scoring code of this worktree faster than at REV?
#
#   bench/ab_speed.sh REV [layouts] [passes]
#
# Builds bench/ab_speed.c with two versions of src/tag/{perceptron,parser,
# ner_model,ner_feat,pos}.c linked in: REV's (A, its global symbols renamed
# A_*) and the worktree's (B), plus a dispatcher that sends the scoring,
# parsing and NER entry points to one or the other; the rest of the
# library is the worktree's (so REV's files must fit its headers). The
# two versions then alternate every few milliseconds in one process on
# one core (bench/ab_speed.c), which is what tells apart 1-5% on a
# machine whose separate runs swing by +-10%. (A stage whose run function
# sits in one of these files calls its own file's functions directly: in
# the pipeline measures both sides use the worktree's pos.c; "pos only"
# compares the two.)
#
# Code placement alone moves these loops by up to +-5% (an unrelated
# function added above them did), so both versions are built in several
# layouts (padding of a few KB before the code, `layouts`, default 4) and
# the ratios are reported per layout and as a mean. Only a difference that
# holds in every layout is a difference. Tools: gcc, objcopy, nm.
#
# AB_HOME_B=DIR: B reads its models from DIR/models (A from models/, or
# from AB_HOME_A's), e.g. the same code on models re-laid out by
# pc_relayout, or an old REV on the models of its time: a directory with
# models/ and links to this worktree's dicts/ and data/.
set -euo pipefail
cd "$(dirname "$0")/.."
rev=${1:?usage: bench/ab_speed.sh REV [layouts] [passes]}
nl=${2:-4}
passes=${3:-4}
conllu=${ANN_DATA:-/work/shared/data}/ud-ewt/en_ewt-ud-dev.conllu
cmake --preset dev >/dev/null
cmake --build --preset dev --target annalist_lib >/dev/null
W=$PWD
O=$(mktemp -d)
trap 'rm -rf "$O"' EXIT
files="perceptron parser ner_model ner_feat pos"
for f in $files; do git show "$rev:src/tag/$f.c" >"$O/A_$f.c"; done
CF="-O2 -g -std=gnu11 -falign-functions=64 -falign-loops=32 \
  -fno-toplevel-reorder -DNDEBUG -I$W/include -I$W/src"
DISP="ann_pc_scores ann_pc_scores_add ann_pc_scores_multi ann_pc_argmax \
  ann_parse_words ann_parse_sentence ner_tag_doc ner_tinfo_fill ann_pos_tag"
for s in $DISP; do echo "$s B_$s"; done >"$O/B.map"
cat >"$O/disp.c" <<'EOF'
#include <stddef.h>
#include <stdint.h>
int ann_pc_variant;
#define D(ret, name, params, args)                                     \
  ret A_##name params __attribute__((weak));                           \
  ret B_##name params __attribute__((weak));                           \
  ret name params {                                                    \
    return ann_pc_variant || !A_##name ? B_##name args : A_##name args; \
  }
struct ann_pc; struct ann_parser; struct ann_arena; struct ann_dep_word;
struct ann_token; struct ner_weights; struct ner_gaz; struct ner_tok;
D(void, ann_pc_scores, (const struct ann_pc *m, const uint64_t *f,
  size_t n, int32_t *s), (m, f, n, s))
D(void, ann_pc_scores_add, (const struct ann_pc *m, const uint64_t *f,
  size_t n, int32_t *s), (m, f, n, s))
D(void, ann_pc_scores_multi, (const struct ann_pc *m, const uint64_t *f,
  const uint8_t *d, size_t n, int32_t *const *o), (m, f, d, n, o))
D(uint32_t, ann_pc_argmax, (const int32_t *s, uint32_t n), (s, n))
D(int, ann_parse_words, (const struct ann_parser *p, struct ann_arena *a,
  struct ann_dep_word *w, size_t n), (p, a, w, n))
D(int, ann_parse_sentence, (const void *st, const char *t,
  struct ann_token *tok, size_t n, struct ann_arena *a), (st, t, tok, n, a))
D(int, ner_tag_doc, (const struct ner_weights *m, const struct ner_gaz *g,
  const struct ner_tok *tok, const uint32_t *sent, size_t nsent,
  int two_pass, struct ann_arena *a, uint8_t *lab),
  (m, g, tok, sent, nsent, two_pass, a, lab))
D(void, ner_tinfo_fill, (const struct ner_tok *t, size_t n,
  const struct ner_gaz *g, void *info), (t, n, g, info))
struct ann_pos_model;
D(int, ann_pos_tag, (const struct ann_pos_model *m, const char *text,
  struct ann_token *tok, size_t n, struct ann_arena *a), (m, text, tok, n, a))
EOF
gcc $CF -w -c "$O/disp.c" -o "$O/disp.o"
gcc $CF -c bench/ab_speed.c -o "$O/main.o"
lib=$(find build/CMakeFiles/annalist_lib.dir/src -name '*.o' |
  grep -v -e tag/perceptron.c.o -e tag/parser.c.o -e tag/ner_model.c.o \
    -e tag/ner_feat.c.o -e tag/pos.c.o)
libs=$(pkg-config --libs libzstd uchardet jansson libutf8proc sqlite3 \
  libmicrohttpd)
echo "== A = $(git rev-parse --short "$rev"), B = worktree" \
  "($(git rev-parse --short HEAD)$(git diff --quiet -- src || echo +changes)," \
  "1 core, load $(cut -d' ' -f1 /proc/loadavg)"
pads=(0 1088 2240 3136 4160 5248 6400 7488)
for ((l = 0; l < nl && l < 8; l++)); do
  pa=${pads[$l]} pb=${pads[$(((l * 3 + 1) % 8))]}
  for v in A B; do
    p=$pa; [ $v = B ] && p=$pb
    echo "__attribute__((used)) static void ann_pad_fn(void)" \
      "{ __asm__(\".skip $((p + 1))\"); }" >"$O/pad$v.h"
  done
  for f in $files; do
    gcc $CF -include "$O/padA.h" -c "$O/A_$f.c" -o "$O/A_$f.o"
    nm --defined-only -g "$O/A_$f.o" | awk '{print $3 " A_" $3}' >"$O/A.map"
    objcopy --redefine-syms="$O/A.map" "$O/A_$f.o"
    gcc $CF -include "$O/padB.h" -c "src/tag/$f.c" -o "$O/B_$f.o"
    objcopy --redefine-syms="$O/B.map" "$O/B_$f.o"
  done
  gcc "$O/main.o" "$O/disp.o" "$O"/A_*.o "$O"/B_*.o $lib -o "$O/ab_speed" \
    $libs -lz -lm -lpthread
  echo "-- layout $((l + 1)) (padding A $pa, B $pb bytes)"
  for mode in 0 1 2 3; do
    pm=$passes; [ $mode = 3 ] && pm=$(((passes + 1) / 2))
    taskset -c 0 "$O/ab_speed" "$conllu" $mode $pm
  done | tee -a "$O/all"
done
echo "-- mean B/A over layouts"
awk '{m = $1; if ($2 != "A") m = m " " $2
      for (i = 1; i <= NF; i++) if ($i == "B/A") r = $(i + 1)
      s[m] += r; n[m]++; if (!(m in o)) o[m] = ++k; name[k] = m}
     END {for (i = 1; i <= k; i++)
            printf "%-21s %.3f (%d layouts)\n", name[i], s[name[i]] / n[name[i]], n[name[i]]}' "$O/all"
