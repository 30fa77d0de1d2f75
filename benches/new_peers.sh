#!/usr/bin/env bash
# verbale's newer commands (compare's keyness, ngrams, trend) beside the Python an analyst would
# write instead (benches/new_peers.py: scipy keyness, scikit-learn and NLTK bigrams, polars
# trend), each timed with /usr/bin/time -f "%e %M" (best of 3 runs for verbale, of 2 for the
# peers; peak memory of the best run), one command at a time. Then the agreement of the tables,
# written with the timings to benches/NEW_PEERS.md (by `new_peers.py report`).
#
# Usage: bash benches/new_peers.sh [CORPUS_DIR]   (default: ../shared/corpus/ungd beside the repository)
# Env:   VERBALE (default: target/release/verbale), OUT (default: benches/NEW_PEERS.md),
#        TIMES_OUT (also copy the timings, name<TAB>seconds<TAB>MiB, to this file)
# Needs: python3 with scipy, scikit-learn, nltk, polars and PyStemmer.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=$(cd "${1:-$root/../shared/corpus/ungd}" && pwd)
V=${VERBALE:-$root/target/release/verbale}
[ -x "$V" ] || { echo "no verbale binary at $V (build it with cargo build --release)" >&2; exit 1; }
py="$root/benches/new_peers.py"
out=${OUT:-$root/benches/NEW_PEERS.md}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

date_utc=$(date -u '+%Y-%m-%d %H:%M UTC')
load=$(uptime)
find "$corpus" -name '*.txt' -exec cat {} + > /dev/null   # warm the page cache for every tool

# time_it REPS NAME CMD...: best wall time of REPS runs, with that run's peak RSS, appended to
# $work/times as NAME<TAB>seconds<TAB>MiB. A failing command stops the script (its stderr shown).
time_it() {
  local reps=$1 name=$2 best= mem= s kb
  shift 2
  for _ in $(seq "$reps"); do
    if ! /usr/bin/time -f '%e %M' -o "$work/t" "$@" > /dev/null 2> "$work/err"; then
      echo "failed: $name" >&2; cat "$work/err" >&2; exit 1
    fi
    read -r s kb < <(tail -n 1 "$work/t")
    if [ -z "$best" ] || python3 -c "import sys; sys.exit(not $s < $best)"; then best=$s mem=$kb; fi
  done
  printf '%s\t%s\t%s\n' "$name" "$best" "$((mem / 1024))" >> "$work/times"
  echo "$name: ${best}s, $((mem / 1024)) MiB" >&2
}

meta=(--meta-name '{country}_{session}_{year}')
time_it 3 "verbale compare (keyness)" "$V" compare "$corpus" "${meta[@]}" \
  --target-where "country = 'RUS' AND year >= 2014" --reference-where "country = 'RUS' AND year <= 2013" \
  --stopwords none --split-hyphens --split-apostrophes --compat antconc --no-meta --format csv \
  -o "$work/v_keyness.csv" -q --force
time_it 2 "Python + scipy (xlogy)" python3 "$py" keyness "$corpus" "$work/p_keyness.csv"

time_it 3 "verbale ngrams --n 2" "$V" ngrams "$corpus" --n 2 --stopwords none --no-stem --split-hyphens \
  --split-apostrophes --across-sentences --no-meta --format csv -o "$work/v_bigrams.csv" -q --force
time_it 2 "scikit-learn CountVectorizer" python3 "$py" bigrams "$corpus" "$work/p_bigrams.csv"
time_it 2 "NLTK BigramCollocationFinder" python3 "$py" nltk_bigrams "$corpus" "$work/p_nltk_bigrams.csv"

time_it 3 "verbale trend" "$V" trend nato sanctions "$corpus" --by year "${meta[@]}" --no-meta \
  --format csv -o "$work/v_trend.csv" -q --force
time_it 2 "polars + PyStemmer" python3 "$py" trend "$corpus" "$work/p_trend.csv"

# untimed checks: verbale's trend with the peers' tokens, and one-line probe texts through the
# bigram run's options
"$V" trend nato sanctions "$corpus" --by year "${meta[@]}" --no-meta --split-hyphens --split-apostrophes \
  --format csv -o "$work/v_trend_split.csv" -q --force
mkdir "$work/probe"
python3 "$py" probe "$work/probe"
"$V" ngrams "$work/probe" --n 2 --stopwords none --no-stem --split-hyphens --split-apostrophes \
  --across-sentences --by-doc --min-count 1 --no-meta --format csv -o "$work/probe.csv" -q --force

python3 "$py" report "$work" "$corpus" "$out" "$load" "$date_utc"
[ -z "${TIMES_OUT:-}" ] || cp "$work/times" "$TIMES_OUT"
echo "wrote $out" >&2
