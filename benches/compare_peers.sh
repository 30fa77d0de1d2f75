#!/usr/bin/env bash
# verbale beside the tools its users would pick instead. Runs the peer harness of
# ../shared/bench/peers (polars, scikit-learn, NLTK, `cat`, `wc -w`, ...) with verbale added through
# benches/peer.sh, on the corpus and on 4 copies of it, times verbale's own commands (freq to
# Parquet, quotes, report, a one-file corpus) and the newer commands beside their Python peers
# (benches/new_peers.sh) in the same session, and writes benches/BENCHMARKS.md with the machine,
# its load, the date, the ratios and the agreement checks.
#
# Usage: bash benches/compare_peers.sh [CORPUS_DIR]      (default: ../shared/corpus/ungd)
# Env:   PEERS   harness peers (default "limit-cat limit-wc polars sklearn nltk")
#        PEERS_LARGE peers on the copies (default without NLTK, which takes minutes there)
#        REPS    timed runs per peer (3; 1 on the copies), WARMUP (1), SCALES ("1 4"),
#        OUT     (benches/BENCHMARKS.md)
#        VERBALE the binary (default: the release build; built first if missing)
#        FLOOR   the bare counter of benches/floor.rs (default: built here), timed beside verbale
#        NO_NEW_PEERS  set to leave out the newer commands' peers (benches/new_peers.sh: keyness
#                against scipy, bigrams against scikit-learn and NLTK, trend against polars)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
peers_dir=${PEERS_DIR:-$root/../shared/bench/peers}
corpus=$(cd "${1:-$root/../shared/corpus/ungd}" && pwd)
target=${CARGO_TARGET_DIR:-$root/target}
export VERBALE=${VERBALE:-$target/release/verbale}
[ -x "$VERBALE" ] || (cd "$root" && cargo build --release)
if [ -z "${FLOOR:-}" ]; then
  FLOOR=$(cd "$root" && cargo bench --bench floor --no-run --message-format=json |
    python3 -c 'import json, sys
for l in sys.stdin:
    m = json.loads(l)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "floor" and m.get("executable"):
        print(m["executable"])') || FLOOR=
  [ -n "$FLOOR" ] || echo "benches/floor.rs could not be built: timing without the floor" >&2
fi
export FLOOR
out=${OUT:-$root/benches/BENCHMARKS.md}
export PEERS=${PEERS:-"limit-cat limit-wc polars sklearn nltk"}
export REPS=${REPS:-3} WARMUP=${WARMUP:-1}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

uptime > "$work/uptime_start"
for scale in ${SCALES:-1 4}; do
  input=$corpus
  if [ "$scale" != 1 ]; then
    input=$work/x$scale
    for i in $(seq "$scale"); do cp -r "$corpus" "$input/copy$i" 2>/dev/null || { mkdir -p "$input"; cp -r "$corpus" "$input/copy$i"; }; done
  fi
  find "$input" -name '*.txt' -exec cat {} + > /dev/null # warm the page cache
  reps=$REPS warm=$WARMUP peers=$PEERS
  if [ "$scale" != 1 ]; then reps=1 warm=0 peers=${PEERS_LARGE:-"limit-cat limit-wc polars sklearn"}; fi
  EXTRA_PEERS="verbale=bash $root/benches/peer.sh" REPS=$reps WARMUP=$warm PEERS=$peers \
    bash "$peers_dir/run_peers.sh" "$input" "$work/peers-x$scale" > "$work/peers-x$scale.log" 2>&1
  python3 "$root/benches/own_timings.py" "$VERBALE" "$input" "$work/own-x$scale.tsv" "$reps"
  rm -rf "$work/x$scale"
done
# A one-file corpus: the fixed cost of starting up.
mkdir -p "$work/tiny"
cp "$(find "$corpus" -name '*.txt' | sort | head -1)" "$work/tiny/"
EXTRA_PEERS="verbale=bash $root/benches/peer.sh" PEERS="polars sklearn nltk" REPS=5 WARMUP=1 \
  bash "$peers_dir/run_peers.sh" "$work/tiny" "$work/peers-tiny" > "$work/peers-tiny.log" 2>&1
python3 "$root/benches/own_timings.py" "$VERBALE" "$work/tiny" "$work/own-tiny.tsv" 20
# The newer commands (keyness, bigrams, trend) beside their Python peers, in the same session
# (benches/new_peers.sh; its timings and agreement checks become a section of the file).
if [ -z "${NO_NEW_PEERS:-}" ]; then
  OUT="$work/new_peers.md" TIMES_OUT="$work/new_peers_times.tsv" bash "$root/benches/new_peers.sh" "$corpus" > "$work/new_peers.log" 2>&1 ||
    { echo "benches/new_peers.sh failed:" >&2; cat "$work/new_peers.log" >&2; exit 1; }
fi
uptime > "$work/uptime_end"
python3 "$root/benches/benchmarks_md.py" "$work" "$corpus" > "$out.tmp"
if [ -f "$work/new_peers.md" ]; then
  # One level down: "# verbale's newer commands ..." becomes a section of this file.
  { echo; sed 's/^#/##/' "$work/new_peers.md"; } >> "$out.tmp"
fi
mv "$out.tmp" "$out"
echo "wrote $out"
