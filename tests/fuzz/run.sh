#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 600), one after another, on one core, seeded
# with the statements in tests/data. Crashes land in tests/fuzz/artifacts/<target>/; minimise one
# with `cargo +nightly fuzz tmin --fuzz-dir tests/fuzz <target> <file>` and add it to
# tests/data/fuzz/ (see README).
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-600}
for t in ${TARGETS:-decode tokenize quotes pipeline quotes_table}; do
  corpus=tests/fuzz/corpus/$t
  mkdir -p "$corpus"
  cp -n tests/data/quotes/docs/*.txt tests/data/seed/* "$corpus/" 2>/dev/null || true
  echo "== $t: ${secs}s"
  features=()
  [ "$t" = quotes_table ] && features=(--features tables) # the CSV needs polars
  cargo +nightly fuzz run --fuzz-dir tests/fuzz -O "${features[@]}" "$t" "$corpus" -- -max_total_time="$secs" \
    -max_len=8192 -print_final_stats=1 2>&1 |
    grep -E 'Done|stat::number_of_executed_units|stat::peak_rss|SUMMARY|panicked|ERROR' || true
done
