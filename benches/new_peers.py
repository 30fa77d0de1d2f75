"""The Python an analyst would write instead of verbale's `compare` (keyness), `ngrams` and
`trend`, on the UN General Debate corpus (files named COUNTRY_SESSION_YEAR.txt). Used by
benches/new_peers.sh, which times each peer beside the matching verbale command and writes
benches/NEW_PEERS.md with the `report` subcommand.

Usage:
  python3 new_peers.py keyness DIR OUT.csv        Russia 2014-2022 (target) against 2005-2013
  python3 new_peers.py bigrams DIR OUT.csv        scikit-learn CountVectorizer bigrams
  python3 new_peers.py nltk_bigrams DIR OUT.csv   NLTK BigramCollocationFinder bigrams
  python3 new_peers.py trend DIR OUT.csv          polars counts of `nato` and `sanction` per year
  python3 new_peers.py probe DIR                  write small probe texts (tokenisation checks)
  python3 new_peers.py report WORK CORPUS OUT.md LOAD DATE
                                                  agreement with verbale's tables in WORK and
                                                  the timings in WORK/times, written to OUT.md

Every peer reads the .txt files itself (the reading is in its time, as it is in verbale's),
splits words with `\\w+` and lower-cases them.
"""
import os
import pathlib
import re
import sys

WORD = re.compile(r"\w+")
NAME = re.compile(r"^([A-Z]+)_(\d+)_(\d{4})$")

try:
    import Stemmer

    STEM = Stemmer.Stemmer("english").stemWords
    STEMMER = f"PyStemmer {Stemmer.version()} english"
except ImportError:  # say so: the terms are then words, not stems
    STEM = None
    STEMMER = "none (PyStemmer missing: words are not stemmed)"


def files(root):
    return sorted(p for p in pathlib.Path(root).glob("*.txt") if NAME.match(p.stem))


def read(p):
    return p.read_text(encoding="utf-8", errors="replace")


def csv_cell(s):
    return '"' + s.replace('"', '""') + '"' if any(c in s for c in ',"\n\r') else s


# ----------------------------------------------------------------------------------- keyness
def rus_side(p):
    """'t' for Russia 2014 on, 'r' for Russia up to 2013, else None (by file name)."""
    country, _, year = NAME.match(p.stem).groups()
    if country != "RUS":
        return None
    return "t" if int(year) >= 2014 else "r"


def keyness_totals(root):
    n = {"t": 0, "r": 0}
    for p in files(root):
        side = rus_side(p)
        if side:
            n[side] += len(WORD.findall(read(p)))
    return n["t"], n["r"]


def g2_of(a, b, n1, n2):
    """Signed G² of one term (the same formula as `keyness`, for the agreement check)."""
    from scipy.special import xlogy

    n, r = n1 + n2, a + b
    obs = (a, b, n1 - a, n2 - b)
    exp = (r * n1 / n, r * n2 / n, (n - r) * n1 / n, (n - r) * n2 / n)
    g = 2 * sum(float(xlogy(o, o / e)) for o, e in zip(obs, exp))
    return g if a > exp[0] else -g


def keyness(root, out):
    """G² of every term of Russia's speeches 2014-2022 against its 2005-2013 speeches, signed
    positive where the target uses the term more than expected. G² is the log-likelihood of the
    2x2 table (term, all other words) x (target, reference), computed vectorised with
    scipy.special.xlogy: 2 * sum(O * ln(O / E)), no continuity correction."""
    from collections import Counter

    import numpy as np
    from scipy.special import xlogy

    target, reference = Counter(), Counter()
    for p in files(root):
        side = {"t": target, "r": reference}.get(rus_side(p))
        if side is None:
            continue
        words = [w.lower() for w in WORD.findall(read(p))]
        side.update(STEM(words) if STEM else words)
    terms = sorted(set(target) | set(reference))
    a = np.array([target[t] for t in terms], dtype=float)
    b = np.array([reference[t] for t in terms], dtype=float)
    n1, n2 = float(sum(target.values())), float(sum(reference.values()))
    c, d = n1 - a, n2 - b
    n = n1 + n2
    rows = a + b
    obs = (a, b, c, d)
    exp = (rows * n1 / n, rows * n2 / n, (n - rows) * n1 / n, (n - rows) * n2 / n)
    g2 = 2 * sum(xlogy(o, o / e) for o, e in zip(obs, exp))
    g2 = np.where(a > exp[0], g2, -g2)
    with open(out, "w", encoding="utf-8") as f:
        f.write("term,target,reference,g2\n")
        for t, x, y, g in zip(terms, a, b, g2):
            f.write(f"{csv_cell(t)},{int(x)},{int(y)},{float(g)!r}\n")


# ----------------------------------------------------------------------------------- bigrams
def bigrams(root, out):
    """scikit-learn's CountVectorizer bigrams over all documents (none across documents)."""
    import numpy as np
    from sklearn.feature_extraction.text import CountVectorizer

    texts = [read(p) for p in files(root)]
    cv = CountVectorizer(ngram_range=(2, 2), lowercase=True, token_pattern=r"(?u)\b\w+\b")
    m = cv.fit_transform(texts)
    counts = np.asarray(m.sum(axis=0)).ravel()
    names = cv.get_feature_names_out()
    keep = np.nonzero(counts >= 2)[0]
    keep = keep[np.argsort(-counts[keep], kind="stable")]
    with open(out, "w", encoding="utf-8") as f:
        f.write("bigram,count\n")
        for i in keep:
            f.write(f"{csv_cell(names[i])},{counts[i]}\n")


def nltk_bigrams(root, out):
    """NLTK's BigramCollocationFinder over the documents, bigrams seen at least twice."""
    from nltk.collocations import BigramCollocationFinder

    docs = [[w.lower() for w in WORD.findall(read(p))] for p in files(root)]
    finder = BigramCollocationFinder.from_documents(docs)
    finder.apply_freq_filter(2)
    with open(out, "w", encoding="utf-8") as f:
        f.write("bigram,count\n")
        for (w1, w2), n in finder.ngram_fd.most_common():
            f.write(f"{csv_cell(w1 + ' ' + w2)},{n}\n")


# ------------------------------------------------------------------------------------- trend
def trend(root, out):
    """Per-document counts of the stems `nato` and `sanction` with polars, then per year: the
    count and the documents using the term (a year where a term is absent has a row of zeros)."""
    import polars as pl

    ps = files(root)
    docs = pl.DataFrame({"doc": [p.stem for p in ps], "text": [read(p) for p in ps]})
    docs = docs.with_columns(pl.col("doc").str.extract(r"_(\d{4})$", 1).cast(pl.Int64).alias("year"))
    toks = docs.select("doc", pl.col("text").str.to_lowercase().str.extract_all(r"\w+").alias("w")).explode("w")
    vocab = toks.select(pl.col("w").drop_nulls().unique())["w"].to_list()
    stems = pl.DataFrame({"w": vocab, "term": STEM(vocab) if STEM else vocab})
    per_doc = (
        toks.join(stems, on="w")
        .filter(pl.col("term").is_in(["nato", "sanction"]))
        .group_by("doc", "term")
        .len("count")
        .join(docs.select("doc", "year"), on="doc")
    )
    per_year = per_doc.group_by("year", "term").agg(pl.col("count").sum(), pl.len().alias("docs"))
    grid = docs.select("year").unique().join(pl.DataFrame({"term": ["nato", "sanction"]}), how="cross")
    table = (
        grid.join(per_year, on=["year", "term"], how="left")
        .with_columns(pl.col("count", "docs").fill_null(0).cast(pl.Int64))
        .sort("year", "term")
    )
    table.select("year", "term", "count", "docs").write_csv(out)


# ------------------------------------------------------------------------------------ report
PROBES = [  # (file name, text, the bigram the \w+ peers count in it)
    ("p1", "United Nations, the world", "nations the"),
    ("p2", "United Nations. The world", "nations the"),
    ("p3", "United Nations.\nThe world", "nations the"),
    ("p3a", "United Nations: the world", "nations the"),
    ("p3b", "United Nations — the world", "nations the"),
    ("p4", "Mr. President, I", "mr president"),
    ("p5", "the Secretary- General and", "secretary general"),
    ("p6", "the Secretary-\nGeneral and", "secretary general"),
    ("p7", "the Secretary-General and", "secretary general"),
    ("p8", "of 0.7 per cent", "0 7"),
    ("p9", "some 12,000 people", "000 people"),
]


def probe(dir_):
    """Write the probe texts, one file each, for `verbale ngrams --by-doc`."""
    for doc, text, _ in PROBES:
        (pathlib.Path(dir_) / f"{doc}.txt").write_text(text + "\n", encoding="utf-8")


def report(work, corpus, out, load, date):
    import csv
    import math
    from collections import Counter

    work = pathlib.Path(work)
    times = {}
    for line in open(work / "times", encoding="utf-8"):
        name, s, mib = line.rstrip("\n").split("\t")
        times[name] = (float(s), int(mib))

    def rows(path):
        return list(csv.DictReader(open(path, encoding="utf-8")))

    def time_table(verbale, peers):
        vs = times[verbale][0]
        t = ["| tool | seconds | peak MiB | verbale is N× faster |", "| --- | ---: | ---: | ---: |"]
        t.append(f"| {verbale} | {vs:.2f} | {times[verbale][1]:,} | |")
        for p in peers:
            s, m = times[p]
            ratio = f"{s / vs:.1f}×" if vs > 0 else f"> {s / 0.01:.0f}× (verbale under 0.01 s)"
            t.append(f"| {p} | {s:.2f} | {m:,} | {ratio} |")
        if 0 < vs < 0.1:
            t += ["", f"verbale's {vs:.2f} s is close to the 0.01 s resolution of `%e`, so this ratio is rough."]
        return t

    md = [
        "# verbale's newer commands beside the Python an analyst would write",
        "",
        f"Measured {date} by `bash benches/new_peers.sh` on `{os.path.basename(corpus.rstrip('/'))}` "
        f"({sum(1 for _ in pathlib.Path(corpus).glob('*.txt')):,} .txt files).",
        f"Machine load before the runs (`uptime`): `{load.strip()}`.",
        "",
        "Each command ran one at a time; the time is the best wall time (`/usr/bin/time -f \"%e %M\"`) "
        "of 3 runs for verbale and 2 for the Python peers, the memory the peak resident size of that run. "
        "Every peer reads the files itself, as verbale does, and Python's start-up and imports are in its "
        f"time. `%e` has a resolution of 0.01 s. Stemmer of the Python peers: {STEMMER}; "
        "verbale's default `--stemmer snowball` is the same Snowball release.",
        "",
    ]
    notes = []

    # keyness
    v = {r["term"]: (int(r["target"]), int(r["reference"]), float(r["g2"])) for r in rows(work / "v_keyness.csv")}
    p = {r["term"]: (int(r["target"]), int(r["reference"]), float(r["g2"])) for r in rows(work / "p_keyness.csv")}
    both = [t for t in p if t in v and p[t][0] + p[t][1] >= 10 and v[t][0] + v[t][1] >= 10]
    # the word totals of each side: the peer's from its own tokens, verbale's from count / per_10k
    pn1, pn2 = keyness_totals(corpus)
    vr = rows(work / "v_keyness.csv")
    vn1 = next(round(int(r["target"]) / float(r["target_per_10k"]) * 1e4) for r in vr if int(r["target"]))
    vn2 = next(round(int(r["reference"]) / float(r["reference_per_10k"]) * 1e4) for r in vr if int(r["reference"]))
    same_re = sum(1 for t in v if abs(g2_of(v[t][0], v[t][1], vn1, vn2) - v[t][2]) < 1e-6)
    same_counts = [t for t in both if p[t][:2] == v[t][:2]]
    same_g2 = [t for t in both if abs(p[t][2] - v[t][2]) < 1e-6]
    top_p = sorted(p, key=lambda t: -p[t][2])[:20]
    top_v = sorted(v, key=lambda t: -v[t][2])[:20]
    diff = sorted((t for t in both if p[t][:2] != v[t][:2]), key=lambda t: -abs(p[t][0] - v[t][0]) - abs(p[t][1] - v[t][1]))
    only_v = sorted((t for t in v if t not in p), key=lambda t: -(v[t][0] + v[t][1]))
    md += [
        "## Keyness: Russia 2014-2022 against Russia 2005-2013",
        "",
        "verbale: `verbale compare CORPUS --meta-name '{country}_{session}_{year}' --target-where \"country = 'RUS' AND "
        "year >= 2014\" --reference-where \"country = 'RUS' AND year <= 2013\" --stopwords none --split-hyphens "
        "--split-apostrophes --compat antconc --no-meta --format csv`. Peer: `\\w+` tokens lower-cased, stemmed, "
        "counted with `collections.Counter`, G² of the 2x2 table with `scipy.special.xlogy` (no correction), "
        "signed positive where the target over-uses the term. verbale's G² is uncorrected under either `--compat` "
        "(its help says so, and the two runs gave the same G² here); `antconc` also leaves χ² uncorrected.",
        "",
        *time_table("verbale compare (keyness)", ["Python + scipy (xlogy)"]),
        "",
        "| agreement (terms in both with target + reference >= 10) | value |",
        "| --- | ---: |",
        f"| terms: peer / verbale | {len(p):,} / {len(v):,} |",
        f"| terms in both with target + reference >= 10 | {len(both):,} |",
        f"| same target and reference counts | {len(same_counts):,} ({len(same_counts) / max(1, len(both)):.1%}) |",
        f"| \\|G² difference\\| < 1e-6 | {len(same_g2):,} ({len(same_g2) / max(1, len(both)):.1%}) |",
        f"| top 20 by G²: in both lists | {len(set(top_p) & set(top_v))} of 20 |",
        f"| largest \\|G² difference\\| on these terms | {max((abs(p[t][2] - v[t][2]) for t in both), default=0):.2e} |",
        f"| word totals target / reference: peer | {pn1:,} / {pn2:,} |",
        f"| word totals target / reference: verbale (count / per_10k) | {vn1:,} / {vn2:,} |",
        f"| peer's xlogy G² on verbale's counts and totals: \\|difference\\| < 1e-6 | {same_re:,} of {len(v):,} terms |",
        "",
    ]
    ex = ", ".join(f"`{t}` peer {p[t][0]}/{p[t][1]}, verbale {v[t][0]}/{v[t][1]}" for t in diff[:5])
    notes.append(
        f"Keyness: {len(diff)} of the {len(both):,} shared terms differ in count"
        + (f" (target/reference; largest: {ex})" if diff else "")
        + ". Terms only verbale has: "
        + (", ".join(f"`{t}`" for t in only_v[:6]) or "none")
        + "."
    )

    # bigrams
    vb = {r["ngram"]: int(r["count"]) for r in rows(work / "v_bigrams.csv")}
    sk = {r["bigram"]: int(r["count"]) for r in rows(work / "p_bigrams.csv")}
    nl = {r["bigram"]: int(r["count"]) for r in rows(work / "p_nltk_bigrams.csv")}
    md += [
        "## Bigrams: every pair of words seen at least twice",
        "",
        "verbale: `verbale ngrams CORPUS --n 2 --stopwords none --no-stem --split-hyphens --split-apostrophes "
        "--across-sentences --no-meta --format csv` (its default `--min-count 2`). Peers: scikit-learn "
        "`CountVectorizer(ngram_range=(2, 2), lowercase=True, token_pattern=r\"(?u)\\b\\w+\\b\")` summed over the "
        "documents; NLTK `BigramCollocationFinder.from_documents` over `\\w+` lower-cased tokens with "
        "`apply_freq_filter(2)`.",
        "",
        *time_table("verbale ngrams --n 2", ["scikit-learn CountVectorizer", "NLTK BigramCollocationFinder"]),
        "",
        "| agreement | scikit-learn vs verbale | NLTK vs verbale | scikit-learn vs NLTK |",
        "| --- | ---: | ---: | ---: |",
    ]

    def agree(a, b):
        inboth = [k for k in a if k in b]
        top = sorted(a, key=lambda k: -a[k])[:1000]
        return len(a), len(b), len(inboth), sum(1 for k in top if b.get(k) == a[k])

    ag = [agree(sk, vb), agree(nl, vb), agree(sk, nl)]
    md += [
        "| bigrams (first / second) | " + " | ".join(f"{x[0]:,} / {x[1]:,}" for x in ag) + " |",
        "| in both | " + " | ".join(f"{x[2]:,}" for x in ag) + " |",
        "| top 1,000 of the first by count: same count in the second | "
        + " | ".join(f"{x[3]:,} ({x[3] / 10:.1f}%)" for x in ag) + " |",
        "",
    ]
    top = sorted(sk, key=lambda k: -sk[k])[:1000]
    worse = sorted((k for k in top if vb.get(k) != sk[k]), key=lambda k: -(sk[k] - vb.get(k, 0)))
    ex = ", ".join(f"`{k}` {sk[k]:,} vs {vb.get(k, 0):,}" for k in worse[:5])
    num = sorted((k for k in vb if re.search(r"\d[,.]\d", k)), key=lambda k: -vb[k])[:3]
    notes.append(
        f"Bigrams: of scikit-learn's top 1,000, the largest count gaps (scikit-learn vs verbale) are {ex}. "
        "verbale-only bigrams with a number with a separator: "
        + ", ".join(f"`{k}` ({vb[k]:,})" for k in num)
        + "."
    )

    # trend
    vt = {(int(r["year"]), "sanction" if r["term"] == "sanctions" else r["term"]): (int(r["count"]), int(r["docs"]))
          for r in rows(work / "v_trend.csv")}
    pt = {(int(r["year"]), r["term"]): (int(r["count"]), int(r["docs"])) for r in rows(work / "p_trend.csv")}
    keys = sorted(set(vt) | set(pt))
    eq_c = sum(1 for k in keys if vt.get(k, (0, 0))[0] == pt.get(k, (0, 0))[0])
    eq_d = sum(1 for k in keys if vt.get(k, (0, 0))[1] == pt.get(k, (0, 0))[1])
    md += [
        "## Trend: `nato` and `sanctions` per year",
        "",
        "verbale: `verbale trend nato sanctions CORPUS --by year --meta-name '{country}_{session}_{year}' --no-meta "
        "--format csv` (its default tokens: hyphenated words kept whole, apostrophes not split). Peer: polars "
        "`str.extract_all(r\"\\w+\")` on the lower-cased texts, the vocabulary stemmed with PyStemmer and joined back, "
        "counts per document of the stems `nato` and `sanction`, then `group_by(\"year\", \"term\")` summing the counts "
        "and the documents using the term.",
        "",
        *time_table("verbale trend", ["polars + PyStemmer"]),
        "",
        "| agreement | value |",
        "| --- | ---: |",
        f"| (year, term) rows | {len(keys)} |",
        f"| same count | {eq_c} of {len(keys)} |",
        f"| same documents using the term | {eq_d} of {len(keys)} |",
        f"| total count nato: peer / verbale | {sum(v[0] for k, v in pt.items() if k[1] == 'nato'):,} / "
        f"{sum(v[0] for k, v in vt.items() if k[1] == 'nato'):,} |",
        f"| total count sanction(s): peer / verbale | {sum(v[0] for k, v in pt.items() if k[1] == 'sanction'):,} / "
        f"{sum(v[0] for k, v in vt.items() if k[1] == 'sanction'):,} |",
    ]
    split = work / "v_trend_split.csv"
    if split.exists():  # an untimed check: verbale with the peers' split of hyphens and apostrophes
        vs = {(int(r["year"]), "sanction" if r["term"] == "sanctions" else r["term"]): (int(r["count"]), int(r["docs"]))
              for r in rows(split)}
        eq = sum(1 for k in keys if vs.get(k, (0, 0)) == pt.get(k, (0, 0)))
        md.append(f"| same count and documents as verbale with `--split-hyphens --split-apostrophes` (untimed run) "
                  f"| {eq} of {len(keys)} |")
    md.append("")
    td = [k for k in keys if vt.get(k, (0, 0)) != pt.get(k, (0, 0))]
    notes.append(
        "Trend: "
        + (
            "the per-year counts and documents are equal."
            if not td
            else f"{len(td)} rows differ (year term: peer count/docs vs verbale): "
            + ", ".join(f"{k[0]} {k[1]}: {pt.get(k, (0, 0))[0]}/{pt.get(k, (0, 0))[1]} vs {vt.get(k, (0, 0))[0]}/{vt.get(k, (0, 0))[1]}"
                        for k in td[:6])
            + ("" if len(td) <= 6 else f" and {len(td) - 6} more")
            + "."
        )
    )

    # the reasons, counted in the corpus: what stands between the words the peers pair up
    texts = [read(q).lower() for q in files(corpus)]

    def between(pattern, top=4):
        c = Counter(m.group(1) for t in texts for m in re.finditer(pattern, t))
        return ", ".join(f"`{k!r}` {n:,}" for k, n in c.most_common(top))

    b_nat = between(r"\bnations\b(\W+)\bthe\b")
    b_mr = between(r"\bmr\b(\W+)\bpresident\b")
    b_sg = between(r"\bsecretary\b(\W+)\bgeneral\b")
    hyph = Counter(m.group(0) for t in texts for m in re.finditer(r"\w*\w-(?:nato|sanction)\w*|\bnato-\w+|\bsanction\w*-\w+", t))
    md += [
        "## What differs and why",
        "",
        "The statistics agree where the counts do; the counts differ because the tokens differ. "
        "(1) verbale keeps a number with its separators as one word (`12,000`, `0.7`) and an abbreviation such as "
        "`i.e.` whole, where `\\w+` makes two or more words (`12` and `000`). In the keyness run this changes a few "
        "number terms and each side's word total by a few words, and so G² of nearly every term by more than "
        "1e-6 (up to the largest difference in the keyness table); scipy's formula on verbale's own counts and totals gives "
        "verbale's G² (the last row of the keyness table). (2) verbale's n-grams never span punctuation; "
        "`--across-sentences` lets them run over a sentence end (the probe below shows which). Punctuation between "
        "two words (the probe has a comma, a colon and a dash), the full stop of `Mr.`, and a hyphen followed by a space (`Secretary- General`) each end an n-gram, while `\\w+` "
        "peers pair the words across all of them; a hyphen joining two words is no break (`Secretary-General`, also "
        "split over a line). What stands between the words in the corpus (lower-cased): `nations` … `the`: "
        f"{b_nat}; `mr` … `president`: {b_mr}; `secretary` … `general`: {b_sg}. scikit-learn's and NLTK's "
        "bigram counts come from the same `\\w+` tokens within each document. (3) `verbale trend` as run here "
        "keeps hyphenated compounds whole, so `nato` and `sanction` inside one are not counted, where the peers count "
        "them: " + ", ".join(f"`{k}` {n}" for k, n in hyph.most_common(10))
        + ". verbale run with `--split-hyphens --split-apostrophes` is checked against the peer in the trend table.",
        "",
    ]
    probe = work / "probe.csv"
    if probe.exists():  # verbale ngrams (the bigrams run's options, --by-doc --min-count 1) on one-line texts
        got = {(r["doc"], r["ngram"]) for r in rows(probe)}
        md += ["Probe: each text below as its own file, through the bigram run's `verbale ngrams` options "
               "(with `--by-doc --min-count 1`); does verbale count the bigram the `\\w+` peers count?", "",
               "| text | bigram | in verbale |", "| --- | --- | --- |"]
        for doc, text, bigram in PROBES:
            md.append(f"| `{text!r}` | `{bigram}` | {'yes' if (doc, bigram) in got else 'no'} |")
        md.append("")
    md += [
        "Measured examples:",
        "",
    ]
    md += [f"- {n}" for n in notes]
    md.append("")
    pathlib.Path(out).write_text("\n".join(md), encoding="utf-8")
    print("\n".join(md))


if __name__ == "__main__":
    cmd, *args = sys.argv[1:]
    {"keyness": keyness, "bigrams": bigrams, "nltk_bigrams": nltk_bigrams, "trend": trend, "report": report, "probe": probe}[cmd](*args)
