#!/usr/bin/env python3
"""Groups and trends of verbale, checked and timed on a corpus with a manifest.csv.

1. `verbale trend nato sanctions --by year` equals a count done independently with polars: the
   per-document table of `verbale freq --by doc` (Parquet), the year from the manifest, the
   tokens of each document from `verbale docs`, summed by year here, every year present.
2. `compare --target-where/--reference-where` equals `compare --target/--reference` with the
   same files listed.
3. Timings (the middle six of ten runs) and peak memory: `freq`, `freq
   --group-by year`, `trend`; the ratios the groups issue sets (1.3x time, 2x memory for the
   grouping; 1.5x time for trend).

Usage: python3 benches/check_groups.py [CORPUS_DIR]   (default: ../shared/corpus/ungd)
Env:   VERBALE (default: target/release/verbale)
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time

import polars as pl

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "corpus", "ungd"))
VERBALE = os.environ.get("VERBALE", os.path.join(ROOT, "target", "release", "verbale"))
TERMS = {"nato": "nato", "sanctions": "sanction"}  # term -> its Snowball stem


def run(*args):
    r = subprocess.run([VERBALE, *args, "-q"], capture_output=True)
    if r.returncode != 0:
        sys.exit(f"verbale {' '.join(args)} failed: {r.stderr.decode()}")
    return r.stdout


def check_trend(tmp):
    out = os.path.join(tmp, "trend.csv")
    run("trend", *TERMS, CORPUS, "--by", "year", "-o", out)
    trend = pl.read_csv(out)
    by_doc = os.path.join(tmp, "by_doc.parquet")
    run("freq", "--by", "doc", CORPUS, "--stopwords", "none", "-o", by_doc)
    docs = os.path.join(tmp, "docs.parquet")
    run("docs", CORPUS, "--no-meta", "-o", docs)
    manifest = pl.read_csv(os.path.join(CORPUS, "manifest.csv")).select(
        pl.col("file").str.replace(r"\.txt$", "").alias("doc"), "year"
    )
    docs = pl.read_parquet(docs).select("doc", "tokens").join(manifest, on="doc")
    sizes = docs.group_by("year").agg(
        pl.len().alias("group_docs"), pl.col("tokens").sum().alias("group_tokens")
    )
    stems = pl.DataFrame({"term_asked": list(TERMS), "term": list(TERMS.values())})
    counts = (
        pl.read_parquet(by_doc)
        .join(stems, on="term")
        .join(manifest, on="doc")
        .group_by("year", "term_asked")
        .agg(
            pl.col("count").sum(),
            pl.col("quoted").sum(),
            pl.col("scare").sum(),
            pl.len().alias("docs"),
        )
    )
    # Every year with every term, zeros where a term is absent.
    want = (
        sizes.join(stems.select("term_asked"), how="cross")
        .join(counts, on=["year", "term_asked"], how="left")
        .fill_null(0)
        .rename({"term_asked": "term"})
        .with_columns((pl.col("count") * 10_000 / pl.col("group_tokens")).alias("per_10k"))
        .sort("year", "term")
    )
    got = trend.sort("year", "term")
    cols = ["year", "term", "count", "quoted", "scare", "docs", "group_docs", "group_tokens"]
    a = got.select(cols).with_columns(pl.all().exclude("term").cast(pl.Int64))
    b = want.select(cols).with_columns(pl.all().exclude("term").cast(pl.Int64))
    mismatches = a.join(b, on=["year", "term"], how="full", suffix="_want").filter(
        pl.any_horizontal(pl.col(c) != pl.col(f"{c}_want") for c in cols[2:])
        | pl.col("count").is_null()
        | pl.col("count_want").is_null()
    )
    rate = (got["per_10k"] - want["per_10k"]).abs().max()
    years = want["year"].n_unique()
    print(f"trend {', '.join(TERMS)} by year: {got.height} rows, {years} years, "
          f"{mismatches.height} mismatches, largest per_10k difference {rate:.2e}")
    return mismatches.height == 0 and rate < 1e-9 and got.height == years * len(TERMS)


def check_compare(tmp):
    manifest = pl.read_csv(os.path.join(CORPUS, "manifest.csv"))
    rus = manifest.filter(pl.col("country") == "RUS")
    before = [os.path.join(CORPUS, f) for f in rus.filter(pl.col("year") < 2014)["file"]]
    after = [os.path.join(CORPUS, f) for f in rus.filter(pl.col("year") >= 2014)["file"]]
    by_where = run("compare", CORPUS, "--target-where", "year < 2014 and country = 'RUS'",
                   "--reference-where", "year >= 2014 and country = 'RUS'", "-f", "csv")
    by_paths = run("compare", "--target", *before, "--reference", *after, "-f", "csv")
    same = by_where == by_paths
    rows = len(by_where.splitlines()) - 1
    print(f"compare RUS before/after 2014 by conditions and by {len(before)}+{len(after)} paths: "
          f"{'identical' if same else 'DIFFERENT'} ({rows} rows)")
    return same


def peak_kb(args):
    """Peak resident memory of one run, in KiB: measured by a fresh Python process of its own,
    whose children are that run alone."""
    probe = ("import resource, subprocess, sys; "
             "subprocess.run(sys.argv[1:], check=True, capture_output=True); "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    r = subprocess.run([sys.executable, "-c", probe, VERBALE, *args, "-q"],
                       check=True, capture_output=True, text=True)
    return int(r.stdout.strip())


def timings(tmp):
    cmds = {
        "freq": ["freq", CORPUS, "-o", os.path.join(tmp, "f.csv")],
        "freq --group-by year": ["freq", CORPUS, "--group-by", "year", "-o", os.path.join(tmp, "g.csv")],
        "trend nato sanctions --by year": ["trend", "nato", "sanctions", CORPUS, "--by", "year",
                                           "-o", os.path.join(tmp, "t.csv")],
    }
    means = {}
    for name, args in cmds.items():
        subprocess.run([VERBALE, *args, "-q"], check=True, capture_output=True)  # warm-up
        runs = []
        for _ in range(10):
            t = time.perf_counter()
            subprocess.run([VERBALE, *args, "-q"], check=True, capture_output=True)
            runs.append(time.perf_counter() - t)
        runs.sort()
        means[name] = sum(runs[2:8]) / 6  # the middle six of ten
    mem = {name: peak_kb(args) for name, args in cmds.items()}
    base_t, base_m = means["freq"], mem["freq"]
    ok = True
    for name in cmds:
        tr, mr = means[name] / base_t, mem[name] / base_m
        print(f"{name:32} {means[name] * 1000:7.0f} ms  {tr:4.2f}x   peak {mem[name] / 1024:6.0f} MiB  {mr:4.2f}x")
    ok &= means["freq --group-by year"] / base_t <= 1.3 and mem["freq --group-by year"] / base_m <= 2.0
    ok &= means["trend nato sanctions --by year"] / base_t <= 1.5
    return ok


def main():
    if not os.path.exists(os.path.join(CORPUS, "manifest.csv")):
        sys.exit(f"{CORPUS} has no manifest.csv")
    tmp = tempfile.mkdtemp(prefix="verbale-groups-")
    try:
        ok = check_trend(tmp)
        ok &= check_compare(tmp)
        ok &= timings(tmp)
    finally:
        shutil.rmtree(tmp)
    print("all checks pass" if ok else "SOME CHECKS FAIL")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
