"""Bigram collocations of a folder of statements, as verbale's users would compute them without
it: NLTK's BigramCollocationFinder (G², `nltk`), and quanteda's textstat_collocations λ and z
for bigrams written with polars (`polars`). Used by benches/phrases_peers.sh.

Usage: python3 phrases_peers.py nltk|polars DIR OUT.csv

Both read every *.txt under DIR, split words with the `\\w+` regular expression, lower-case them
(no stemming, stopwords kept), count the bigrams of each document (none across documents), keep
those seen at least twice and write `w1,w2,count,score`.
"""
import pathlib
import re
import sys

WORD = re.compile(r"\w+")


def texts(root):
    for p in sorted(pathlib.Path(root).rglob("*.txt")):
        yield p.read_text(encoding="utf-8", errors="replace")


def nltk_peer(root, out):
    from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

    docs = [[w.lower() for w in WORD.findall(t)] for t in texts(root)]
    finder = BigramCollocationFinder.from_documents(docs)
    finder.apply_freq_filter(2)
    scored = finder.score_ngrams(BigramAssocMeasures.likelihood_ratio)
    with open(out, "w", encoding="utf-8") as f:
        f.write("w1,w2,count,score\n")
        for (a, b), s in scored:
            f.write(f"{a},{b},{finder.ngram_fd[(a, b)]},{s}\n")


def polars_peer(root, out):
    import polars as pl

    df = pl.DataFrame({"text": list(texts(root))}).with_row_index("doc")
    toks = (
        df.select("doc", pl.col("text").str.to_lowercase().str.extract_all(r"\w+").alias("w"))
        .explode("w")
        .drop_nulls()
        .with_columns(pl.col("w").shift(-1).over("doc").alias("w2"))
    )
    pairs = toks.drop_nulls("w2").rename({"w": "w1"})
    n = pairs.height
    c = pairs.group_by("w1", "w2").len("n11")
    first = pairs.group_by("w1").len("r1")
    second = pairs.group_by("w2").len("c1")
    s = 0.5  # quanteda's smoothing
    scored = (
        c.filter(pl.col("n11") >= 2)
        .join(first, on="w1")
        .join(second, on="w2")
        .with_columns(
            (pl.col("n11") + s).alias("a"),
            (pl.col("r1") - pl.col("n11") + s).alias("b"),
            (pl.col("c1") - pl.col("n11") + s).alias("c"),
            (n - pl.col("r1") - pl.col("c1") + pl.col("n11") + s).alias("d"),
        )
        .with_columns(
            (pl.col("a").log() + pl.col("d").log() - pl.col("b").log() - pl.col("c").log()).alias("lambda"),
            (1 / pl.col("a") + 1 / pl.col("b") + 1 / pl.col("c") + 1 / pl.col("d")).sqrt().alias("se"),
        )
        .with_columns((pl.col("lambda") / pl.col("se")).alias("score"))
        .sort("score", descending=True)
        .select("w1", "w2", pl.col("n11").alias("count"), "score")
    )
    scored.write_csv(out)


if __name__ == "__main__":
    mode, root, out = sys.argv[1:4]
    {"nltk": nltk_peer, "polars": polars_peer}[mode](root, out)
