#!/usr/bin/env python3
"""Draws the quotation spans of the scare-quote training and evaluation set (see README.md).

Candidates are the spans `verbale quotes` pairs in three corpora of ../shared/corpus; the kinds it
gives are NOT written out, so the labels are made blind to the classifier. Three strata:

  cue     every span whose opening mark follows a distancing cue within the last 4 words before it
          (the regular expression CUE below, written independently of verbale's cue lexicon)
  random  a uniform sample of spans per corpus: 250 of ungd/ (2005-2022), 250 of ungd_1946_2004/,
          100 of wh_statements/
  short   a uniform sample of 800 of the remaining spans of 1 to 4 words that start in lower case
          (where scare quotes live), pooled over the three corpora
  short2  350 more of those (the first of a shuffle with seed 20261203 of the ones left), drawn
          once the first 1,510 were labelled and held fewer than 300 scare quotes

Usage: python3 sample.py VERBALE_BINARY [CORPUS_DIR] > candidates.tsv
Writes one row per span: id, stratum, corpus, doc, open, close (byte offsets of the marks in the
file as stored), style, words, text, context (about 400 bytes each side, the span between ⟦ ⟧).
"""
import csv
import io
import random
import re
import subprocess
import sys
from pathlib import Path

SEED = 20261202
CORPORA = ["ungd", "ungd_1946_2004", "wh_statements"]
RANDOM_PER_CORPUS = {"ungd": 250, "ungd_1946_2004": 250, "wh_statements": 100}
SHORT = 800
SHORT2 = 350

CUE = re.compile(
    r"\b(so[- ]called|alleged(ly)?|self-(proclaimed|styled|declared|appointed|described|professed)"
    r"|sham|pseudo-?|purported(ly)?|supposed(ly)?|would-be|ostensibl[ey]|quasi-?|bogus|fake|phon[e]?y"
    r"|fictitious|illegitimate|trumped-up|mis(named|labell?ed)|notorious|infamous|spurious"
    r"|what (they|some|others|he|she|it|is|was|are|were) (now )?(call|calls|called|term|terms|termed"
    r"|like to call|have called|has called|describe as|refer to as)"
    r"|euphemistically \w+|the euphemism|wrongly (termed|called|described as)"
    r"|falsely (called|described as)|under the (guise|pretext|cover) of|on the pretext of)\W*$",
    re.IGNORECASE,
)


def spans(verbale, corpus_dir):
    out = subprocess.run(
        [verbale, "quotes", str(corpus_dir), "--format", "tsv", "-q"],
        check=True, capture_output=True, text=True,
    ).stdout
    rows = list(csv.DictReader(io.StringIO(out), delimiter="\t", quoting=csv.QUOTE_NONE))
    return rows


def context(path, open_, close, width=400):
    b = path.read_bytes()
    lo, hi = max(0, open_ - width), min(len(b), close + width)
    # The closing mark's length in bytes: up to the next character boundary.
    end = close + 1
    while end < len(b) and (b[end] & 0xC0) == 0x80:
        end += 1
    dec = lambda x: x.decode("utf-8", "replace")
    text = dec(b[lo:open_]) + "⟦" + dec(b[open_:end]) + "⟧" + dec(b[end:hi])
    return " ".join(text.split())


def main():
    verbale = sys.argv[1]
    root = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(__file__).resolve().parents[4] / "shared/corpus"
    rng = random.Random(SEED)
    pool = []
    for c in CORPORA:
        for r in spans(verbale, root / c):
            words = len(r["text"].split())
            left_tail = " ".join(r["left"].split()[-4:])
            pool.append({
                "corpus": c, "doc": r["doc"], "open": int(r["open"]), "close": int(r["close"]),
                "style": r["style"], "words": words, "text": r["text"],
                "cue": bool(CUE.search(left_tail)),
            })
    pool.sort(key=lambda s: (s["corpus"], s["doc"], s["open"]))
    chosen = []
    taken = set()

    def take(s, stratum):
        key = (s["corpus"], s["doc"], s["open"])
        if key not in taken:
            taken.add(key)
            chosen.append(dict(s, stratum=stratum))

    for s in pool:
        if s["cue"]:
            take(s, "cue")
    for c in CORPORA:
        rest = [s for s in pool if s["corpus"] == c and (s["corpus"], s["doc"], s["open"]) not in taken]
        for s in rng.sample(rest, min(RANDOM_PER_CORPUS[c], len(rest))):
            take(s, "random")
    short = [
        s for s in pool
        if (s["corpus"], s["doc"], s["open"]) not in taken
        and 1 <= s["words"] <= 4 and s["text"][:1].islower()
    ]
    for s in rng.sample(short, min(SHORT, len(short))):
        take(s, "short")
    rest = [s for s in short if (s["corpus"], s["doc"], s["open"]) not in taken]
    random.Random(SEED + 1).shuffle(rest)
    for s in rest[:SHORT2]:
        take(s, "short2")
    w = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
    w.writerow(["id", "stratum", "corpus", "doc", "open", "close", "style", "words", "text", "context"])
    for i, s in enumerate(chosen, 1):
        ctx = context(root / s["corpus"] / f"{s['doc']}.txt", s["open"], s["close"])
        clean = lambda x: x.replace("\t", " ").replace("\n", " ")
        w.writerow([i, s["stratum"], s["corpus"], s["doc"], s["open"], s["close"], s["style"],
                    s["words"], clean(s["text"]), clean(ctx)])
    print(f"{len(pool)} spans; chosen {len(chosen)}: "
          + ", ".join(f"{k} {sum(1 for s in chosen if s['stratum'] == k)}" for k in ["cue", "random", "short", "short2"]),
          file=sys.stderr)


if __name__ == "__main__":
    main()
