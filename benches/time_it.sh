# Sourced by the benchmark scripts. time_it NAME CMD...: the best wall time of $reps runs of CMD,
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
