#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 600), one after another, on one core, seeded
# with the statements in tests/data. Crashes land in fuzz/artifacts/<target>/; minimise one with
# `cargo +nightly fuzz tmin <target> <file>` and add it to tests/data/fuzz/ (see README).
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:-600}
for t in ${TARGETS:-decode tokenize quotes pipeline}; do
  mkdir -p "corpus/$t"
  cp -n ../tests/data/quotes/docs/*.txt ../tests/data/seed/* "corpus/$t/" 2>/dev/null || true
  echo "== $t: ${secs}s"
  cargo +nightly fuzz run -O "$t" "corpus/$t" -- -max_total_time="$secs" -max_len=8192 \
    -print_final_stats=1 2>&1 | grep -E 'Done|stat::number_of_executed_units|stat::peak_rss|SUMMARY|panicked|ERROR' || true
done
