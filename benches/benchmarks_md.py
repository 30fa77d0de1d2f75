"""Writes BENCHMARKS.md from a compare_peers.sh work folder: the machine, load and date; the
peer harness's runs with verbale's ratio to each peer; verbale's own commands; the issue's
speed goals, met or not; the agreement check. Usage: benchmarks_md.py WORK_DIR CORPUS_DIR."""
import csv
import os
import platform
import re
import statistics
import sys
from pathlib import Path

work, corpus = Path(sys.argv[1]), Path(sys.argv[2])


def timings(res):
    rows = {}
    with open(res / "timings.tsv") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            if r["run"] == "0" or r["status"] != "0":
                continue
            rows.setdefault(r["peer"], []).append(r)
    return {
        p: {
            "wall": statistics.median(float(r["wall_s"]) for r in rs),
            "rss": max(int(r["maxrss_kb"]) for r in rs) / 1024,
            "load": statistics.mean(float(r["load1"]) for r in rs),
            "runs": len(rs),
        }
        for p, rs in rows.items()
    }


def own(path):
    rows = {}
    with open(path) as f:
        for r in csv.DictReader(f, delimiter="\t"):
            rows.setdefault(r["command"], []).append(r)
    return {
        c: {
            "wall": statistics.median(float(r["wall_s"]) for r in rs),
            "rss": max(float(r["maxrss_mib"]) for r in rs),
            "runs": len(rs),
        }
        for c, rs in rows.items()
    }


def meta(res):
    m = {}
    for line in open(res / "meta.txt"):
        k, _, v = line.rstrip("\n").partition("=")
        m[k] = v
    return m


def cpu_model():
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def mem_gib():
    for line in open("/proc/meminfo"):
        if line.startswith("MemTotal"):
            return int(line.split()[1]) / 1024 / 1024
    return 0


out = []
w = out.append
start = (work / "uptime_start").read_text().strip()
end = (work / "uptime_end").read_text().strip()
m1 = meta(work / "peers-x1")
w("# verbale beside its peers\n")
w("Written by `bash benches/compare_peers.sh` (the harness in `../shared/bench/peers`, with verbale")
w("added through `benches/peer.sh`). Compare ratios, not seconds: the machine is shared.\n")
w(f"- Date (UTC): {m1.get('date_utc', '?')}")
w(f"- Machine: {os.cpu_count()} cores ({cpu_model()}), {mem_gib():.0f} GiB, {platform.system()} {platform.release()}")
w(f"- Load: `{start}` at the start, `{end}` at the end")
w(f"- Corpus: `{corpus.name}`, {m1.get('corpus_files', '?')} files, {int(m1.get('corpus_bytes', 0)):,} bytes; peers' versions: {m1.get('versions', '?')}")
w("- verbale's peer command (`benches/peer.sh`): `freq DIR --by doc --stopwords none --split-hyphens --split-apostrophes` to the contract's `doc,stem,count` CSV, the tokenisation that matches `\\w+`.\n")

goals = []
for scale, title in [("x1", "1x"), ("x4", "4 copies"), ("tiny", "one file")]:
    res = work / f"peers-{scale}"
    if not (res / "timings.tsv").exists():
        continue
    t = timings(res)
    mb = int(meta(res).get("corpus_bytes", 0)) / 1e6
    v = t.get("verbale")
    w(f"## {title}: {mb:.2f} MB\n")
    w("| tool | runs | median wall s | MB/s | peak RSS MiB | load1 | verbale is faster by | verbale's memory is |")
    w("|---|---|---|---|---|---|---|---|")
    for p, x in sorted(t.items(), key=lambda kv: kv[1]["wall"]):
        ratio = f"{x['wall'] / v['wall']:.2f}x" if v and p != "verbale" else ""
        mem = f"{v['rss'] / x['rss']:.2f}x" if v and p != "verbale" and not p.startswith("limit") else ""
        w(f"| {p} | {x['runs']} | {x['wall']:.3f} | {mb / x['wall']:.2f} | {x['rss']:.0f} | {x['load']:.2f} | {ratio} | {mem} |")
    o = own(work / f"own-{scale}.tsv")
    w("\nverbale's own commands on the same input, same session (wall s median; warm-up excluded):\n")
    w("| command | runs | median wall s | MB/s | peak RSS MiB |")
    w("|---|---|---|---|---|")
    for c, x in o.items():
        name = "the floor: a bare ASCII word counter (`benches/floor.rs`)" if c == "floor" else f"`verbale {c.replace('-', ' ', 1)}`"
        w(f"| {name} | {x['runs']} | {x['wall']:.3f} | {mb / x['wall']:.2f} | {x['rss']:.0f} |")
    w("")
    summary = (res / "summary.md").read_text()
    agree = re.search(r"### Agreement.*?(?=\n### |\Z)", summary, re.S)
    if agree and scale == "x1":
        w(agree.group(0).replace("### Agreement", "### Agreement (top-50 stems, totals, rows)") + "\n")
    if scale == "x1" and v:
        fq = o["freq-parquet"]
        fl = o.get("floor")
        floor = (lambda f: f(fl["wall"])) if fl else (lambda f: None)
        goals += [
            ("freq (Parquet) at least 15x faster than polars", t["polars"]["wall"] / fq["wall"], 15, "x", floor(lambda x: t["polars"]["wall"] / x)),
            ("freq (Parquet) at least 300x faster than NLTK", t["nltk"]["wall"] / fq["wall"], 300, "x", floor(lambda x: t["nltk"]["wall"] / x)) if "nltk" in t else None,
            ("freq wall time no more than `wc -w` (ratio to wc)", fq["wall"] / t["limit-wc"]["wall"], 1, "<", floor(lambda x: x / t["limit-wc"]["wall"])) if "limit-wc" in t else None,
            ("freq peak memory at most 150 MiB", fq["rss"], 150, "<"),
            ("report on the corpus in at most 3 s", o["report"]["wall"], 3, "<"),
        ]
        base = fq["wall"]
    if scale == "x4":
        goals.append(("4 copies: at most 4.2x the time of one", o["freq-parquet"]["wall"] / base, 4.2, "<"))
        goals.append(("4 copies: peak memory flat (ratio to 1x, aim 1.0)", o["freq-parquet"]["rss"] / own(work / "own-x1.tsv")["freq-parquet"]["rss"], 1.25, "<"))
    if scale == "tiny":
        goals.append(("one short file: under 20 ms (ms)", o["freq-parquet"]["wall"] * 1000, 20, "<"))

w("## The speed goals (issue 7), as measured above\n")
w("The last column is the same measure for the floor, the bare counter of `benches/floor.rs`,")
w("which does none of verbale's work past cutting and counting ASCII words.\n")
w("| goal | measured | met | the floor's |")
w("|---|---|---|---|")
for g in filter(None, goals):
    name, val, bound, kind = g[:4]
    at_floor = g[4] if len(g) > 4 else None
    met = val >= bound if kind == "x" else val <= bound
    w(f"| {name} | {val:.2f} | {'yes' if met else 'no'} | {'' if at_floor is None else f'{at_floor:.2f}'} |")
print("\n".join(out))
