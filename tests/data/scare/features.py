#!/usr/bin/env python3
"""The evidence verbale gathers for every labelled span, for fitting and evaluating the scare-quote
classifier (fit.py). Runs `verbale quotes` on the candidates' documents and joins its spans to
candidates.tsv by document and opening offset; writes features.tsv (one row per labelled span:
id, corpus, doc, label, and the evidence columns of the quotes table, with verbale's own kind and
confidence as `verbale_kind`, `verbale_confidence`).

Usage: python3 tests/data/scare/features.py VERBALE_BINARY [CORPUS_DIR] > tests/data/scare/features.tsv
"""
import collections
import csv
import io
import subprocess
import sys
from pathlib import Path

here = Path(__file__).resolve().parent
verbale = sys.argv[1]
corpus = Path(sys.argv[2] if len(sys.argv) > 2 else here / "../../../../shared/corpus").resolve()

def tsv(name):
    with open(here / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))

cands = tsv("candidates.tsv")
labels = {r["id"]: r for r in tsv("labels.tsv")}
by_corpus = collections.defaultdict(set)
for c in cands:
    by_corpus[c["corpus"]].add(c["doc"])
EVIDENCE = ["cue", "words", "reporting", "colon", "sentence_punct", "title_case", "naming",
            "contrast", "condemning", "nested", "sentence"]
spans = {}
for name, docs in sorted(by_corpus.items()):
    files = [str(corpus / name / f"{d}.txt") for d in sorted(docs)]
    out = subprocess.run([verbale, "quotes", "--no-meta", "-q", "-f", "csv", *files],
                         check=True, capture_output=True, text=True).stdout
    for r in csv.DictReader(io.StringIO(out)):
        spans[(name, r["doc"], int(r["open"]))] = r
w = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
w.writerow(["id", "corpus", "doc", "label", "verbale_kind", "verbale_confidence", *EVIDENCE])
missing = 0
for c in cands:
    s = spans.get((c["corpus"], c["doc"], int(c["open"])))
    if s is None:
        missing += 1
        continue
    w.writerow([c["id"], c["corpus"], c["doc"], labels[c["id"]]["kind"], s["kind"], s["confidence"],
                *[s[k] for k in EVIDENCE]])
print(f"{len(cands) - missing} spans joined, {missing} not found", file=sys.stderr)
