#!/usr/bin/env bash
# Phrases beside the tools verbale's users would pick instead: bigram collocations of a corpus
# by NLTK's BigramCollocationFinder (G²) and by quanteda's λ/z written in polars
# (benches/phrases_peers.py), and verbale's `freq`, `ngrams` and `collocations` on the same
# files, each timed with /usr/bin/time (best of REPS runs; peak memory of that run). Then the
# agreement of the bigram counts and scores with verbale's on the same tokens. Writes
# benches/PHRASES.md.
#
# Usage: bash benches/phrases_peers.sh [CORPUS_DIR]   (default: ../shared/corpus/ungd)
# Env:   REPS (3), VERBALE (the release build), OUT (benches/PHRASES.md)
# Needs: python3 with nltk and polars (pip install nltk polars).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/benches/time_it.sh"
bench_setup PHRASES.md "${1:-}"

same=(--no-stem --stopwords none --split-apostrophes --no-meta -q)
time_it "verbale freq (corpus totals)" "$V" freq "$corpus" --no-meta -q -o "$work/f.parquet" --force
time_it "verbale ngrams --n 2" "$V" ngrams "$corpus" --n 2 --no-meta -q -o "$work/n2.csv" --force
time_it "verbale ngrams --n 2 --n-max 5" "$V" ngrams "$corpus" --n 2 --n-max 5 --no-meta -q -o "$work/n25.csv" --force
time_it "verbale collocations --size 2 (as the peers)" "$V" collocations "$corpus" --size 2 "${same[@]}" -o "$work/v.csv" --force
time_it "verbale collocations --size 2..5" "$V" collocations "$corpus" --size 2..5 --no-meta -q -o "$work/c25.csv" --force
time_it "verbale collocates nation --window 5" "$V" collocates nation "$corpus" --no-meta -q -o "$work/co.csv" --force
time_it "polars λ/z (quanteda's formula), bigrams" python3 "$root/benches/phrases_peers.py" polars "$corpus" "$work/p.csv"
time_it "NLTK BigramCollocationFinder, G²" python3 "$root/benches/phrases_peers.py" nltk "$corpus" "$work/n.csv"

python3 - "$work" "$corpus" "$out" "$(uptime)" <<'PY'
import csv, sys, datetime, platform
work, corpus, out, load = sys.argv[1:5]
times = [l.rstrip("\n").split("\t") for l in open(f"{work}/times")]
t = {n: (float(s), int(m)) for n, s, m in times}
freq = t["verbale freq (corpus totals)"][0]
def rows(path, key, count, score):
    d = {}
    for r in csv.DictReader(open(path, encoding="utf-8")):
        d[key(r)] = (int(r[count]), float(r[score]))
    return d
v = rows(f"{work}/v.csv", lambda r: tuple(r["collocation"].split(" ")), "count", "z")
vg = rows(f"{work}/v.csv", lambda r: tuple(r["collocation"].split(" ")), "count", "g2")
p = rows(f"{work}/p.csv", lambda r: (r["w1"], r["w2"]), "count", "score")
n = rows(f"{work}/n.csv", lambda r: (r["w1"], r["w2"]), "count", "score")
def agree(peer, mine, name):
    both = [k for k in peer if k in mine]
    same_count = [k for k in both if peer[k][0] == mine[k][0]]
    close = [k for k in same_count if abs(peer[k][1] - mine[k][1]) <= 1e-6 * max(1.0, abs(peer[k][1]))]
    top = sorted(peer, key=lambda k: -peer[k][0])[:1000]
    top_same = sum(1 for k in top if k in mine and mine[k][0] == peer[k][0])
    top_near = sum(1 for k in top if k in mine and abs(mine[k][0] - peer[k][0]) <= 0.01 * peer[k][0])
    return (f"| {name} | {len(peer):,} | {len(both):,} | {len(same_count):,} | {len(close):,} "
            f"| {top_same} | {top_near} |")
lines = [
    "# Phrases beside their peers",
    "",
    f"Measured {datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC by `bash benches/phrases_peers.sh` on "
    f"`{corpus.split('/')[-1]}` ({platform.machine()}, load: {load.split('load average:')[-1].strip()}); "
    "best of the runs, peak memory of that run.",
    "",
    "| command | time (s) | × verbale freq | peak memory (MiB) |",
    "| --- | ---: | ---: | ---: |",
]
for name, (s, m) in t.items():
    lines.append(f"| {name} | {s:.2f} | {s / freq:.2f} | {m:,} |")
lines += [
    "",
    "The peers split words with `\\w+`, lower-case them and keep every word; verbale's run \"as the peers\" "
    "uses `--no-stem --stopwords none --split-apostrophes`. The peers see each document as one stream of "
    "words, so their bigrams also run across punctuation and sentence ends, which verbale's never do "
    "(`nations the` from \"United Nations. The\"); verbale keeps hyphenated words whole (`so-called`) and "
    "numbers with their separators (`1,000`). So the peers have bigrams verbale has not, counts differ by "
    "those crossings, and scores (whose totals are all the bigrams) differ with them. How close they come, "
    "on the bigrams both count at least twice:",
    "",
    "| peer | bigrams | also in verbale | same count | same score (1e-6) | top 1,000 by count: same count | within 1% |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    agree(p, v, "polars, quanteda's z"),
    agree(n, vg, "NLTK, G²"),
    "",
]
open(out, "w").write("\n".join(lines))
print("\n".join(lines))
PY
