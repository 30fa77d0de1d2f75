#!/usr/bin/env python3
"""Builds the two lists behind verbale's line-break hyphen rule (src/corpus/hyphens.rs):

  linebreak-words.list      English words, lower case, written at least twice
  linebreak-compounds.list  hyphenated compounds written within a line at least twice (`self-determination`)

from the UN General Debate speeches of 2005-2022 and the White House statements of
../shared/corpus (11,000 pages of diplomatic English). The speeches of 1946-2004 are left out on
purpose: the rule is measured on them (README, "Words broken across lines").

Words are runs of letters, as the rule's own scan cuts them; the pieces of a word broken by a hyphen
at a line break (`nego-⏎tiation`) are not words, and compounds are the letters on either side of a
hyphen inside a line (`mother-to-child` gives `mother-to` and `to-child`).

Usage: python3 build_linebreak_lists.py [CORPUS_DIR]   (writes the lists beside this script)
"""
import collections
import re
import sys
from pathlib import Path

MIN_COUNT = 2
here = Path(__file__).resolve().parent
corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else here.parents[3] / "shared/corpus"
LETTERS = re.compile(r"[^\W\d_]+")
BREAK = re.compile(r"[^\W\d_]+-[ \t]*\r?\n[ \t]*[^\W\d_]+")

words = collections.Counter()
compounds = collections.Counter()
files = 0
for folder in ["ungd", "wh_statements"]:
    for f in sorted((corpus / folder).glob("*.txt")):
        files += 1
        text = f.read_text(encoding="utf-8-sig", errors="replace").replace("\r\n", "\n")
        text = BREAK.sub(" ", text)  # broken words give no word and no compound
        for w in LETTERS.findall(text):
            words[w.lower()] += 1
        for line in text.split("\n"):
            for i, c in enumerate(line):
                if c != "-":
                    continue
                left = re.search(r"[^\W\d_]+$", line[:i])
                right = re.match(r"[^\W\d_]+", line[i + 1:])
                if left and right:
                    compounds[f"{left.group().lower()}-{right.group().lower()}"] += 1

header = (
    "# Built by build_linebreak_lists.py from {} files of ungd/ and wh_statements/ "
    "(../shared/corpus): {} written at least {} times.\n"
)
for name, counts, what in [
    ("linebreak-words.list", words, "words"),
    ("linebreak-compounds.list", compounds, "compounds"),
]:
    kept = sorted(w for w, n in counts.items() if n >= MIN_COUNT)
    (here / name).write_text(header.format(files, what, MIN_COUNT) + "\n".join(kept) + "\n")
    print(f"{name}: {len(kept)} {what}")
