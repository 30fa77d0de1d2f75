#!/usr/bin/env bash
# Dictionaries and speech acts beside `freq`, in one run on the same files: `freq` (corpus
# totals), `acts` (rows per act), `acts --instances` (every act with its trigger, target and
# sentence), `dict --dict speech-acts` and `dict --entries`, each timed with /usr/bin/time (best
# of REPS runs; peak memory of that run). Writes benches/ACTS.md with each time as a ratio to
# `freq`'s (the goal: acts and dict within 2x).
#
# Usage: bash benches/acts.sh [CORPUS_DIR]   (default: ../shared/corpus/ungd)
# Env:   REPS (3), VERBALE (the release build), OUT (benches/ACTS.md)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/benches/time_it.sh"
bench_setup ACTS.md "${1:-}"

time_it "freq (corpus totals)" "$V" freq "$corpus" --no-meta -q -o "$work/f.parquet" --force
time_it "acts" "$V" acts "$corpus" --no-meta -q -o "$work/a.csv" --force
time_it "acts --instances" "$V" acts "$corpus" --instances --no-meta -q -o "$work/i.csv" --force
time_it "dict --dict speech-acts" "$V" dict "$corpus" --dict speech-acts --no-meta -q -o "$work/d.csv" --force
time_it "dict --dict speech-acts --entries" "$V" dict "$corpus" --dict speech-acts --entries --no-meta -q -o "$work/e.csv" --force

python3 - "$work" "$corpus" "$out" "$(uptime)" "$(wc -l < "$work/i.csv")" <<'PY'
import sys, datetime, platform
work, corpus, out, load, instances = sys.argv[1:6]
times = [l.rstrip("\n").split("\t") for l in open(f"{work}/times")]
freq = float(times[0][1])
lines = [
    "# Dictionaries and speech acts beside `freq`",
    "",
    f"`bash benches/acts.sh` on {corpus.rsplit('/', 1)[-1]}, {datetime.date.today()}, "
    f"{platform.machine()}, load: {load.split('load average:')[-1].strip()}. Best of the runs; "
    "peak memory of that run. Goal: `acts` and `dict` within 2x `freq`.",
    "",
    "| command | seconds | x freq | peak MiB |",
    "| --- | ---: | ---: | ---: |",
]
for name, s, m in times:
    lines.append(f"| `{name}` | {float(s):.2f} | {float(s) / freq:.2f} | {m} |")
lines += ["", f"`acts --instances` listed {int(instances) - 1:,} acts."]
open(out, "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
