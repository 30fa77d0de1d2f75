#!/usr/bin/env bash
# Do two builds of verbale give the same outputs? Runs a fixed set of commands (freq, freq --by doc,
# quotes, quotes --terms, compare, compare --table similarity, kwic, chart and a report with a fixed
# date) on the bundled data/ corpus and, when ../shared is beside the repository, on the UN General
# Debate corpus, and writes every output under DIR. `check` then compares DIR with an earlier `save`.
#
# Usage: bash tests/same_outputs.sh save DIR [VERBALE]     (before a change)
#        bash tests/same_outputs.sh check DIR [VERBALE]    (after it: lists every file that differs)
# VERBALE defaults to the release build ($CARGO_TARGET_DIR or target/).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
mode=${1:?save or check}
dir=${2:?output folder}
verbale=${3:-${CARGO_TARGET_DIR:-$root/target}/release/verbale}
[ -x "$verbale" ] || { echo "no binary at $verbale: cargo build --release first" >&2; exit 2; }
verbale=$(cd "$(dirname "$verbale")" && pwd)/$(basename "$verbale")
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
out=$dir/new
[ "$mode" = save ] && out=$dir/saved
rm -rf "$out"
mkdir -p "$out"
cd "$root"
export SOURCE_DATE_EPOCH=1700000000

run() { # NAME COMMAND...: standard output and the exit code into NAME
  local name=$1
  shift
  set +e
  "$verbale" "$@" > "$out/$name" 2> "$out/$name.stderr"
  echo "exit $?" >> "$out/$name.stderr"
  set -e
}

corpus_runs() { # TAG CORPUS TARGET... -- REFERENCE...: every command on one corpus
  local tag=$1 c=$2
  shift 2
  local target=() reference=() side=t
  for a in "$@"; do
    if [ "$a" = -- ]; then side=r; elif [ $side = t ]; then target+=("$a"); else reference+=("$a"); fi
  done
  run "$tag-freq.csv" freq "$c" --format csv -q
  run "$tag-freq-doc.csv" freq "$c" --by doc --format csv -q
  run "$tag-freq.md" freq "$c" --top 40 -q
  run "$tag-quotes.csv" quotes "$c" --format csv -q
  run "$tag-quotes.txt" quotes "$c" --top 60 -q
  run "$tag-quotes-terms.csv" quotes "$c" --terms --format csv -q
  run "$tag-quotes-unpaired.csv" quotes "$c" --unpaired --format csv -q
  run "$tag-compare.csv" compare --target "${target[@]}" --reference "${reference[@]}" --format csv -q
  run "$tag-compare.txt" compare --target "${target[@]}" --reference "${reference[@]}" --top 20 -q
  run "$tag-compare-quotes.csv" compare --table quotes --target "${target[@]}" --reference "${reference[@]}" --format csv -q
  run "$tag-similarity.csv" compare --table similarity "${target[@]}" --format csv -q
  run "$tag-kwic.csv" kwic "$c" elections --format csv -q
  run "$tag-kwic-stem.txt" kwic "$c" election --stem -q
  run "$tag-chart-quotes.stdout" chart quotes "$c" -o "$out/$tag-chart-quotes.svg" -q
  run "$tag-chart-dispersion.stdout" chart dispersion "$c" --terms elections -o "$out/$tag-chart-dispersion.svg" -q
  run "$tag-chart-freq.stdout" chart freq "$c" -o "$out/$tag-chart-freq.png" -q
  # From inside the output folder, so the command line the report prints is the same each time.
  (cd "$out" && "$verbale" report "$c" -o "$tag-report" -q > /dev/null 2> "$tag-report.stderr") || true
}

corpus_runs data "$root/data" data/statements/ungd/AZE_75_2020.txt -- data/statements/ungd/ARM_75_2020.txt
ungd=$root/../shared/corpus/ungd
if [ -d "$ungd" ]; then
  corpus_runs ungd "$ungd" "$ungd"/RUS_{69..77}_*.txt -- "$ungd"/RUS_{60..68}_*.txt
  run ungd-similarity-2020.csv compare --table similarity "$ungd"/*_75_2020.txt --format csv -q
else
  echo "../shared is not beside the repository: data/ only" >&2
fi

if [ "$mode" = check ]; then
  if diff -r -q "$dir/saved" "$out"; then
    echo "same outputs: $(find "$out" -type f | wc -l) files identical"
  else
    echo "outputs differ (diff -r $dir/saved $out)" >&2
    exit 1
  fi
else
  echo "saved $(find "$out" -type f | wc -l) files under $out"
fi
