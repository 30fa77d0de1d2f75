#!/usr/bin/env bash
# Time and peak memory of verbale on the inputs that once made it quadratic or unbounded, beside
# ordinary statements: 1 MB of quotation marks of each style (nested curly, straight, single,
# guillemets, CJK brackets, unbalanced), one 20 MB word with no space, 20 MB of random
# vocabulary, and 20 MB of UN speeches. Prints a Markdown table (seconds, peak RSS in MiB, and
# peak MiB per input MB) for freq, quotes, kwic, acts --instances and report.
#
# Usage: bash benches/adversarial.sh [VERBALE]   (default: the release build)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
v=${1:-${CARGO_TARGET_DIR:-$root/target}/release/verbale}
[ -x "$v" ] || (cd "$root" && cargo build --release)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$work" "$root" <<'EOF'
import random, sys, pathlib
w = pathlib.Path(sys.argv[1]); root = pathlib.Path(sys.argv[2])
mb = 1_000_000
def fill(unit):
    return (unit * (mb // len(unit.encode()) + 1)).encode()[:mb].decode("utf-8", "ignore")
def nested(open_, close_, word="word "):
    # As many opening marks, then as many closing ones, as make 1 MB.
    unit = len((open_ + close_).encode())
    n = mb // unit
    return word + open_ * n + close_ * n
cases = {
    "nested-curly": nested("“x ", "” "),
    "straight": "word " + '"' * mb,
    "single": fill("‘x’ ‘"),
    "guillemets": nested("« x ", "» ", "mot "),
    "cjk": nested("「x ", "」 ", "字 "),
    "unbalanced": fill("“a ‘b « c „d "),
    # Speech-act triggers back to back, quoted and not, in one endless sentence.
    "triggers": fill("We strongly condemn and reject “condemn” ”condemn“ and welcome "),
}
for name, text in cases.items():
    (w / f"{name}.txt").write_text(text)
rng = random.Random(7)
letters = "abcdefghijklmnopqrstuvwxyz"
(w / "nospace.txt").write_text("a" * 20 * mb)
(w / "random.txt").write_text(" ".join("".join(rng.choice(letters) for _ in range(rng.randint(3, 12))) for _ in range(2_600_000)))
ungd = root.parent / "shared/corpus/ungd"
if ungd.is_dir():
    out = w / "speeches"; out.mkdir()
    size = 0
    for f in sorted(ungd.glob("*.txt")):
        (out / f.name).write_bytes(f.read_bytes()); size += f.stat().st_size
        if size > 20 * mb: break
EOF

measure() { # LABEL INPUT_MB COMMAND...
  local label=$1 mbs=$2
  shift 2
  rm -rf "$work/rep"
  /usr/bin/time -o "$work/time" -f "%e %M" "$@" > /dev/null 2>&1 || true
  local s kb
  read -r s kb < <(tail -1 "$work/time")
  python3 -c "import sys; s,kb,mb=map(float,sys.argv[1:4]); print(f'| {sys.argv[4]} | {mb:.1f} | {s:.2f} | {kb/1024:.0f} | {kb/1024/mb:.0f} |')" "$s" "$kb" "$mbs" "$label"
}

echo "| run | input MB | seconds | peak MiB | MiB per input MB |"
echo "| --- | ---: | ---: | ---: | ---: |"
for f in "$work"/*.txt; do
  name=$(basename "$f" .txt)
  mbs=$(python3 -c "import os,sys; print(os.path.getsize(sys.argv[1])/1e6)" "$f")
  for cmd in freq quotes; do
    measure "$cmd $name" "$mbs" "$v" "$cmd" "$f" --max-size 100 -o "$work/out.csv" -q
  done
  measure "kwic $name" "$mbs" "$v" kwic "$f" x --max-size 100 -o "$work/out.csv" -q
  measure "acts --instances $name" "$mbs" "$v" acts "$f" --instances --max-size 100 -o "$work/out.csv" -q
  measure "report $name" "$mbs" "$v" report "$f" --max-size 100 -o "$work/rep" -q
done
if [ -d "$work/speeches" ]; then
  mbs=$(du -sb "$work/speeches" | python3 -c "import sys; print(int(sys.stdin.read().split()[0])/1e6)")
  for cmd in freq quotes; do
    measure "$cmd UN speeches" "$mbs" "$v" "$cmd" "$work/speeches" -o "$work/out.csv" -q
  done
  measure "kwic UN speeches" "$mbs" "$v" kwic "$work/speeches" peace -o "$work/out.csv" -q
  measure "report UN speeches" "$mbs" "$v" report "$work/speeches" -o "$work/rep" -q
fi
