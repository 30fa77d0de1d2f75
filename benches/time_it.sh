# Sourced by the benchmark scripts (after setting root to the repository).
#
# bench_setup OUT_NAME [CORPUS_DIR]: corpus (default ../shared/corpus/ungd), V (the release
# build, built if missing; $VERBALE overrides), reps ($REPS or 3), out ($OUT or
# benches/OUT_NAME), work (a temporary folder removed on exit); warms the page cache.
bench_setup() {
  corpus=$(cd "${2:-$root/../shared/corpus/ungd}" && pwd)
  V=${VERBALE:-${CARGO_TARGET_DIR:-$root/target}/release/verbale}
  [ -x "$V" ] || (cd "$root" && cargo build --release)
  reps=${REPS:-3}
  out=${OUT:-$root/benches/$1}
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  find "$corpus" -name '*.txt' -exec cat {} + > /dev/null
}

# time_it NAME CMD...: the best wall time of $reps runs of CMD,
# with that run's peak RSS, appended to $work/times as `NAME<TAB>seconds<TAB>MiB`.
time_it() {
  local name=$1 best= mem=
  shift
  for _ in $(seq "$reps"); do
    /usr/bin/time -f '%e %M' -o "$work/t" "$@" > /dev/null 2>&1
    read -r s kb < "$work/t"
    if [ -z "$best" ] || python3 -c "import sys; sys.exit(not $s < $best)"; then best=$s mem=$kb; fi
  done
  printf '%s\t%s\t%s\n' "$name" "$best" "$((mem / 1024))" >> "$work/times"
  echo "$name: ${best}s, $((mem / 1024)) MiB" >&2
}
