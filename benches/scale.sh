#!/usr/bin/env bash
# Issue 25's "ten times the corpus": every command on one copy of a corpus and on N copies of
# it (default 10), one run each, wall time and peak memory (`/usr/bin/time -f "%e %M"`), and
# the ratios N copies / one copy, as a Markdown table on standard output.
#
#   bash benches/scale.sh [CORPUS] [N]
#
# CORPUS defaults to ../shared/corpus/ungd (its file names give `country` and `year`); the N
# copies go to a temporary folder (N × the corpus's size on disk) removed at the end.
# VERBALE points at the binary (default: the release build). Run it on an idle machine: the
# times of single runs move with the load.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=$(cd "${1:-$root/../shared/corpus/ungd}" && pwd)
n=${2:-10}
bin=${VERBALE:-${CARGO_TARGET_DIR:-$root/target}/release/verbale}
[ -x "$bin" ] || (cd "$root" && cargo build --release)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
copies="$work/copies"
mkdir -p "$copies" "$work/out"
for i in $(seq "$n"); do cp -r "$corpus" "$copies/copy$i"; done

# name|arguments, with @C for the corpus, @O for an output path and @M for the fields the
# file names give (UNGD's `RUS_77_2022.txt`).
commands=(
  "freq (Parquet)|freq @C -f parquet -o @O.parquet"
  "freq --group-by year|freq @C @M --group-by year -o @O.csv"
  "trend nato sanctions --by year|trend nato sanctions @C @M --by year -o @O.csv"
  "freq --by doc (CSV)|freq @C --by doc -o @O.csv"
  "quotes|quotes @C -o @O.csv"
  "ngrams --n 2|ngrams @C --n 2 -o @O.csv"
  "collocations --size 2|collocations @C --size 2 -o @O.csv"
  "collocates sanctions|collocates sanctions @C -o @O.csv"
  "kwic sanctions|kwic @C sanctions -o @O.csv"
  "compare (Russia against the rest)|compare @C @M --target-where country='RUS' -o @O.csv"
  "docs|docs @C -o @O.csv"
  "acts|acts @C -o @O.csv"
  "dict --dict speech-acts|dict @C --dict speech-acts -o @O.csv"
  "report|report @C -o @O.report"
)

# Runs one command; prints "seconds KiB".
run() {
  local args=$1 input=$2 out=$3
  args=${args//@C/$input}
  args=${args//@O/$out}
  # The fields from the file names (`RUS_77_2022.txt`), whatever folder a copy is in.
  args=${args//@M/--meta-name \{country\}_\{session\}_\{year\}}
  rm -rf "$out".*
  # shellcheck disable=SC2086
  /usr/bin/time -f "%e %M" -o "$work/time" "$bin" $args --quiet >/dev/null 2>"$work/err" || {
    echo "failed: verbale $args" >&2
    cat "$work/err" >&2
    return 1
  }
  cat "$work/time"
}

echo "| command | one copy | $n copies | time ratio | memory ratio |"
echo "| --- | --- | --- | ---: | ---: |"
for c in "${commands[@]}"; do
  name=${c%%|*}
  args=${c#*|}
  read -r t1 m1 < <(run "$args" "$corpus" "$work/out/one")
  read -r tn mn < <(run "$args" "$copies" "$work/out/many")
  python3 - "$name" "$t1" "$m1" "$tn" "$mn" <<'EOF'
import sys
name, t1, m1, tn, mn = sys.argv[1], *map(float, sys.argv[2:])
print(f"| `{name}` | {t1:.2f} s, {m1 / 1024:.0f} MiB | {tn:.2f} s, {mn / 1024:.0f} MiB "
      f"| {tn / t1:.2f}× | {mn / m1:.2f}× |")
EOF
done
