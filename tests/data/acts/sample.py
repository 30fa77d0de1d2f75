#!/usr/bin/env python3
"""Reproducible random sample of sentences for the diplomatic speech-act evaluation set.

Usage (Python 3 standard library only):

    python3 tests/data/acts/sample.py [CORPUS_DIR] [--out FILE]
    python3 tests/data/acts/sample.py --fresh [CORPUS_DIR] [--out FILE]
    python3 tests/data/acts/sample.py --fresh2 [CORPUS_DIR] [--out FILE]
    python3 tests/data/acts/sample.py --fresh3 [CORPUS_DIR] [--out FILE]
    python3 tests/data/acts/sample.py --fresh4 [CORPUS_DIR] [--out FILE]
    python3 tests/data/acts/sample.py --fresh5 [CORPUS_DIR] [--out FILE]
    python3 tests/data/acts/sample.py --fresh6 [CORPUS_DIR] [--out FILE]
    python3 tests/data/acts/sample.py --fresh7 [CORPUS_DIR] [--out FILE]
    python3 tests/data/acts/sample.py --fresh8 [CORPUS_DIR] [--out FILE]
    python3 tests/data/acts/sample.py --fresh9 [CORPUS_DIR] [--out FILE]
    python3 tests/data/acts/sample.py --fresh10 [CORPUS_DIR] [--out FILE]
    python3 tests/data/acts/sample.py --fresh11 [CORPUS_DIR] [--out FILE]
    python3 tests/data/acts/sample.py --fresh12 [CORPUS_DIR] [--out FILE]
    python3 tests/data/acts/sample.py --fresh13 [CORPUS_DIR] [--out FILE]
    python3 tests/data/acts/sample.py --fresh14 [CORPUS_DIR] [--out FILE]
    python3 tests/data/acts/sample.py --fresh15 [CORPUS_DIR] [--out FILE]
    python3 tests/data/acts/sample.py --fresh16 [CORPUS_DIR] [--out FILE]
    python3 tests/data/acts/sample.py --fresh17 [CORPUS_DIR] [--out FILE]
    python3 tests/data/acts/sample.py --fresh18 [CORPUS_DIR] [--out FILE]
    python3 tests/data/acts/sample.py --fresh19 [CORPUS_DIR] [--out FILE]
    python3 tests/data/acts/sample.py --fresh20 [CORPUS_DIR] [--out FILE]
    python3 tests/data/acts/sample.py --fresh21 [CORPUS_DIR] [--out FILE]
    python3 tests/data/acts/sample.py --fresh22 [CORPUS_DIR] [--out FILE]
    python3 tests/data/acts/sample.py --fresh23 [CORPUS_DIR] [--out FILE]
    python3 tests/data/acts/sample.py --fresh24 [CORPUS_DIR] [--out FILE]
    python3 tests/data/acts/sample.py --fresh25 [CORPUS_DIR] [--out FILE]
    python3 tests/data/acts/sample.py --fresh26 [CORPUS_DIR] [--out FILE]
    python3 tests/data/acts/sample.py --fresh27 [CORPUS_DIR] [--out FILE]
    python3 tests/data/acts/sample.py --fresh28 [CORPUS_DIR] [--out FILE]
    python3 tests/data/acts/sample.py --fresh29 [CORPUS_DIR] [--out FILE]
    python3 tests/data/acts/sample.py --fresh30 [CORPUS_DIR] [--out FILE]
    python3 tests/data/acts/sample.py --fresh31 [CORPUS_DIR] [--out FILE]
    python3 tests/data/acts/sample.py --fresh32 [CORPUS_DIR] [--out FILE]
    python3 tests/data/acts/sample.py --fresh33 [CORPUS_DIR] [--out FILE]
    python3 tests/data/acts/sample.py --fresh34 [CORPUS_DIR] [--out FILE]
    python3 tests/data/acts/sample.py --fresh35 [CORPUS_DIR] [--out FILE]
    python3 tests/data/acts/sample.py --fresh36 [CORPUS_DIR] [--out FILE]
    python3 tests/data/acts/sample.py --fresh37 [CORPUS_DIR] [--out FILE]
    python3 tests/data/acts/sample.py --fresh38 [CORPUS_DIR] [--out FILE]
    python3 tests/data/acts/sample.py --fresh39 [CORPUS_DIR] [--out FILE]
    python3 tests/data/acts/sample.py --fresh40 [CORPUS_DIR] [--out FILE]
    python3 tests/data/acts/sample.py --fresh41 [CORPUS_DIR] [--out FILE]
    python3 tests/data/acts/sample.py --fresh42 [CORPUS_DIR] [--out FILE]
    python3 tests/data/acts/sample.py --fresh43 [CORPUS_DIR] [--out FILE]
    python3 tests/data/acts/sample.py --fresh44 [CORPUS_DIR] [--out FILE]
    python3 tests/data/acts/sample.py --fresh45 [CORPUS_DIR] [--out FILE]
    python3 tests/data/acts/sample.py --fresh46 [CORPUS_DIR] [--out FILE]
    python3 tests/data/acts/sample.py --fresh47 [CORPUS_DIR] [--out FILE]
    python3 tests/data/acts/sample.py --fresh48 [CORPUS_DIR] [--out FILE]
    python3 tests/data/acts/sample.py --fresh49 [CORPUS_DIR] [--out FILE]
    python3 tests/data/acts/sample.py --fresh50 [CORPUS_DIR] [--out FILE]
    python3 tests/data/acts/sample.py --fresh51 [CORPUS_DIR] [--out FILE]
    python3 tests/data/acts/sample.py --fresh52 [CORPUS_DIR] [--out FILE]
    python3 tests/data/acts/sample.py --fresh53 [CORPUS_DIR] [--out FILE]
    python3 tests/data/acts/sample.py --check     # validate the label files, print counts

CORPUS_DIR is the folder that holds `ungd/`, `ungd_1946_2004/` and `wh_statements/`.
Default: `../../../../shared/corpus`, resolved from this script's own location
(i.e. the shared corpus next to the repository). The output defaults to
`sentences.tsv` next to this script. Running the script twice gives the same file.

What it does
------------
1. Lists every `*.txt` file of the three corpus folders (sorted by name).
2. Splits a document into sentences (only documents that get drawn are split;
   see `split_document`):
   * the UTF-8 BOM is skipped (offsets still count its 3 bytes);
   * in `wh_statements/` the first line is the release title ("Readout of
     President Biden's Call with ...", taken from the page metadata); it is not
     a sentence of the statement and is skipped (otherwise about one WH
     sentence in seven would be a headline);
   * page furniture lines of the UN verbatim records are dropped: lines made only
     of page numbers, document job numbers (`08-51570`), page counts (`31/34`),
     dates (`28/09/2015`) and record symbols (`A/70/PV.15`), and the running
     heads of the 1993 records (`14 General Assembly - Forty-eighth session`,
     `Forty-eighth session - 4 October 1993 3`);
   * hard-wrapped lines are joined into paragraphs. A file is "hard-wrapped"
     when at least half of its non-blank lines are at most 100 characters long
     (some 1946-2004 files mix one-line paragraphs and wrapped ones). A line
     that starts with a list bullet always starts a paragraph. Otherwise:
     - if the previous line ends a sentence (`.`, `!`, `?`, optionally followed
       by closing quotes/brackets), the two lines are joined only in a
       hard-wrapped file, when no blank (or furniture) line comes between them,
       the next line does not start with whitespace (the paragraph indent of
       the 2005-2014 records) and the previous line is at most 100 characters
       long (a longer line is a whole paragraph on one line);
     - if it does not, the sentence runs on (joined, also across blank lines,
       furniture and form feeds, i.e. a page break) when the next line starts
       with a lowercase letter, or the previous line ends with a comma, a
       hyphen/dash, an opening bracket or a function word ("the", "of", ...),
       or a page break lies between them, or the file is hard-wrapped and the
       previous line is at least 35 characters long (shorter: a heading), or
       the previous line is longer than 120 characters (a paragraph cut in
       the middle of a sentence, "...the Universal\nDeclaration of...").
     In files with one paragraph per line this means every line break that
     follows a complete sentence, or a heading, is a paragraph break;
   * line-break hyphenation is undone when the piece before the hyphen ends with
     a lowercase letter and the piece after it starts with one ("nego-\\ntiation"
     -> "negotiation"). The hyphen is kept when the hyphenated form
     ("self-determination") occurs more often in the three corpora than the
     closed form (counted over whole tokens that are not broken by a line end),
     or, on a tie, when the left piece is a common prefix (self, non, co, so,
     well, anti, post, pre, ...; see HYPHEN_PREFIXES);
   * a paragraph is split after `.`, `!` or `?` (optionally followed by closing
     quotes/brackets) when whitespace follows and then an uppercase letter, a
     digit or an opening quote; never after one of ABBREVIATIONS or after a
     single uppercase initial ("John F. Kennedy");
   * sentences of 4 to 120 words (whitespace-separated tokens) are kept.
3. Draws 700 sentences with `random.Random(20261202)`:
   * strata: 50% `ungd/`, 25% `ungd_1946_2004/`, 25% `wh_statements/`. The
     split quotas are exact: `dev` (the first 200 draws) = 100/50/50 and
     `test` (the next 500) = 250/125/125. The order of strata within each split
     is a shuffle (with the same generator) of the quota list;
   * for each draw: a document of the stratum uniformly at random among those
     that still have an undrawn sentence, then one of its undrawn sentences
     uniformly at random (no sentence is drawn twice).
4. Writes `sentences.tsv` (UTF-8, TAB-separated, header, no quoting) with the
   columns `id split corpus doc offset sentence`: `id` 1..700 in draw order,
   `doc` = file name without `.txt`, `offset` = byte offset in the file as
   stored (BOM included) of the sentence's first character, `sentence` = the
   sentence text with all whitespace runs collapsed to one space.

The fresh split (`--fresh`)
---------------------------
`--fresh` draws 300 more sentences, the third split `fresh`, and writes
`fresh_sentences.tsv` (same columns; `--out` overrides) instead of
`sentences.tsv`, which it only reads. The 700 sentences above are not drawn
again and their draw is not affected:
   * the same files, splitter and stratum shares: 150 `ungd`, 75
     `ungd_1946_2004`, 75 `wh_statements`;
   * a separate generator, `random.Random(20261203)`; the order of the strata is
     a shuffle of the 300-entry quota list with it;
   * every (doc, offset) already in `sentences.tsv` is excluded before drawing:
     a document whose sentences are all excluded or drawn leaves its pool, so
     each draw is still a uniform document among those with an eligible
     sentence, then a uniform eligible sentence of it (no replacement);
   * ids 701-1000 in draw order, `split` = `fresh`.
Running it twice gives the same file. `--check` also validates
`fresh_labels.tsv` / `fresh_labelled.txt` against `fresh_sentences.tsv`
(ids, quotas, no overlap with the 700; trigger and object substrings, known
acts, and, for this file, intensity exactly base + 1 when the trigger holds an
intensifier of the README's list and base otherwise; rows sorted by id) and
prints its counts per corpus and per act.

The fresh2 split (`--fresh2`)
-----------------------------
`--fresh2` draws 400 more sentences, the fourth split `fresh2`, and writes
`fresh2_sentences.tsv` (same columns; `--out` overrides). It only reads
`sentences.tsv` and `fresh_sentences.tsv`; neither they nor their draws change:
   * the same files, splitter and stratum shares: 200 `ungd`, 100
     `ungd_1946_2004`, 100 `wh_statements`;
   * its own generator, `random.Random(20261204)`; the order of the strata is
     a shuffle of the 400-entry quota list with it;
   * every (doc, offset) in `sentences.tsv` or in `fresh_sentences.tsv` is
     excluded before drawing (same pool rule as `--fresh`);
   * ids 1001-1400 in draw order, `split` = `fresh2`.
Running it twice gives the same file. `--check` validates
`fresh2_labels.tsv` / `fresh2_labelled.txt` against `fresh2_sentences.tsv`
with the same checks as for the fresh split (ids, quotas, no overlap with the
700 or the fresh 300, strict intensity rule, rows sorted by id) and prints its
counts.

The fresh3 split (`--fresh3`)
-----------------------------
`--fresh3` draws 400 more sentences, the fifth split `fresh3`, and writes
`fresh3_sentences.tsv` (same columns; `--out` overrides). It only reads
`sentences.tsv`, `fresh_sentences.tsv` and `fresh2_sentences.tsv`; none of
them nor their draws change:
   * the same files, splitter and stratum shares: 200 `ungd`, 100
     `ungd_1946_2004`, 100 `wh_statements`;
   * its own generator, `random.Random(20261205)`; the order of the strata is
     a shuffle of the 400-entry quota list with it;
   * every (doc, offset) in `sentences.tsv`, `fresh_sentences.tsv` or
     `fresh2_sentences.tsv` is excluded before drawing (same pool rule as
     `--fresh`);
   * ids 1401-1800 in draw order, `split` = `fresh3`.
Running it twice gives the same file. `--check` validates
`fresh3_labels.tsv` / `fresh3_labelled.txt` against `fresh3_sentences.tsv`
with the same checks as for fresh2 (ids, quotas, no sentence drawn twice, no
overlap with any earlier file, strict intensity rule, rows sorted by id) and
prints its counts.

The fresh4 split (`--fresh4`)
-----------------------------
`--fresh4` draws 400 more sentences, the sixth split `fresh4`, and writes
`fresh4_sentences.tsv` (same columns; `--out` overrides). It only reads
`sentences.tsv`, `fresh_sentences.tsv`, `fresh2_sentences.tsv` and
`fresh3_sentences.tsv`; none of them nor their draws change:
   * the same files, splitter and stratum shares: 200 `ungd`, 100
     `ungd_1946_2004`, 100 `wh_statements`;
   * its own generator, `random.Random(20261206)`; the order of the strata is
     a shuffle of the 400-entry quota list with it;
   * every (doc, offset) in any of the four earlier files is excluded before
     drawing (same pool rule as `--fresh`);
   * ids 1801-2200 in draw order, `split` = `fresh4`.
Running it twice gives the same file. `--check` validates
`fresh4_labels.tsv` / `fresh4_labelled.txt` against `fresh4_sentences.tsv`
with the same checks as for fresh3 and prints its counts.

The fresh5 split (`--fresh5`)
-----------------------------
`--fresh5` draws 400 more sentences, the seventh split `fresh5`, the same way
as fresh4 with its own generator, `random.Random(20261207)`, excluding every
(doc, offset) of the five earlier files; ids 2201-2600, `split` = `fresh5`.

The fresh6 split (`--fresh6`)
-----------------------------
`--fresh6` draws 400 more sentences the same way, with `random.Random(20261208)`, excluding
every (doc, offset) of the six earlier files; ids 2601-3000, `split` = `fresh6`.

The fresh7 split (`--fresh7`)
-----------------------------
`--fresh7` draws 400 more sentences the same way, with `random.Random(20261209)`, excluding
every (doc, offset) of the seven earlier files; ids 3001-3400, `split` = `fresh7`.

The fresh8 to fresh53 splits (`--fresh8` ... `--fresh53`)
---------------------------------------------------------
Each draws 600 sentences the same way, larger than the earlier splits so that one held-out
scoring moves less by chance, with `random.Random(20261210)` to `random.Random(20270124)`,
excluding every (doc, offset) of the files drawn before it: fresh8 ids 3401-4000, fresh9
4001-4600, fresh10 4601-5200, fresh11 5201-5800, fresh12 5801-6400, fresh13 6401-7000, fresh14 7001-7600, fresh15 7601-8200, fresh16 8201-8800, fresh17 8801-9400, fresh18 9401-10000, fresh19 10001-10600, fresh20 10601-11200, fresh21 11201-11800, fresh22 11801-12400, fresh23 12401-13000, fresh24 13001-13600, fresh25 13601-14200, fresh26 14201-14800, fresh27 14801-15400, fresh28 15401-16000, fresh29 16001-16600, fresh30 16601-17200, fresh31 17201-17800, fresh32 17801-18400, fresh33 18401-19000, fresh34 19001-19600, fresh35 19601-20200, fresh36 20201-20800, fresh37 20801-21400, fresh38 21401-22000, fresh39 22001-22600, fresh40 22601-23200, fresh41 23201-23800, fresh42 23801-24400, fresh43 24401-25000, fresh44 25001-25600, fresh45 25601-26200, fresh46 26201-26800, fresh47 26801-27400, fresh48 27401-28000, fresh49 28001-28600, fresh50 28601-29200, fresh51 29201-29800, fresh52 29801-30400, fresh53 30401-31000;
`split` is the name.

All fresh splits come from one table, FRESH_SPLITS (name -> seed, count,
first id). Each one excludes `sentences.tsv` and the sentence files of the
fresh splits listed before it; `--fresh` to `--fresh53` run the
same code with their own row of the table.
"""
import argparse
import collections
import os
import random
import re
import sys

SEED = 20261202
N_TOTAL = 700
N_DEV = 200
# The fresh splits, in the order they were drawn: name -> (seed, count, first id).
# A fresh split excludes sentences.tsv and the files of every split listed before it.
FRESH_SPLITS = collections.OrderedDict([
    ('fresh', (20261203, 300, 701)),
    ('fresh2', (20261204, 400, 1001)),
    ('fresh3', (20261205, 400, 1401)),
    ('fresh4', (20261206, 400, 1801)),
    ('fresh5', (20261207, 400, 2201)),
    ('fresh6', (20261208, 400, 2601)),
    ('fresh7', (20261209, 400, 3001)),
    ('fresh8', (20261210, 600, 3401)),
    ('fresh9', (20261211, 600, 4001)),
    ('fresh10', (20261212, 600, 4601)),
    ('fresh11', (20261213, 600, 5201)),
    ('fresh12', (20261214, 600, 5801)),
    ('fresh13', (20261215, 600, 6401)),
    ('fresh14', (20261216, 600, 7001)),
    ('fresh15', (20261217, 600, 7601)),
    ('fresh16', (20261218, 600, 8201)),
    ('fresh17', (20261219, 600, 8801)),
    ('fresh18', (20261220, 600, 9401)),
    ('fresh19', (20261221, 600, 10001)),
    ('fresh20', (20261222, 600, 10601)),
    ('fresh21', (20261223, 600, 11201)),
    ('fresh22', (20261224, 600, 11801)),
    ('fresh23', (20261225, 600, 12401)),
    ('fresh24', (20261226, 600, 13001)),
    ('fresh25', (20261227, 600, 13601)),
    ('fresh26', (20261228, 600, 14201)),
    ('fresh27', (20261229, 600, 14801)),
    ('fresh28', (20261230, 600, 15401)),
    ('fresh29', (20261231, 600, 16001)),
    ('fresh30', (20270101, 600, 16601)),
    ('fresh31', (20270102, 600, 17201)),
    ('fresh32', (20270103, 600, 17801)),
    ('fresh33', (20270104, 600, 18401)),
    ('fresh34', (20270105, 600, 19001)),
    ('fresh35', (20270106, 600, 19601)),
    ('fresh36', (20270107, 600, 20201)),
    ('fresh37', (20270108, 600, 20801)),
    ('fresh38', (20270109, 600, 21401)),
    ('fresh39', (20270110, 600, 22001)),
    ('fresh40', (20270111, 600, 22601)),
    ('fresh41', (20270112, 600, 23201)),
    ('fresh42', (20270113, 600, 23801)),
    ('fresh43', (20270114, 600, 24401)),
    ('fresh44', (20270115, 600, 25001)),
    ('fresh45', (20270116, 600, 25601)),
    ('fresh46', (20270117, 600, 26201)),
    ('fresh47', (20270118, 600, 26801)),
    ('fresh48', (20270119, 600, 27401)),
    ('fresh49', (20270120, 600, 28001)),
    ('fresh50', (20270121, 600, 28601)),
    ('fresh51', (20270122, 600, 29201)),
    ('fresh52', (20270123, 600, 29801)),
    ('fresh53', (20270124, 600, 30401)),
])
STRATA = ['ungd', 'ungd_1946_2004', 'wh_statements']
TITLED = {'wh_statements'}   # line 1 is the release title (see the corpus README): not a sentence
SHARE = {'ungd': 0.50, 'ungd_1946_2004': 0.25, 'wh_statements': 0.25}
MIN_WORDS, MAX_WORDS = 4, 120
WRAP_WIDTH = 100   # a line of at most this many characters may be a hard-wrapped line

ABBREVIATIONS = {
    'Mr.', 'Mrs.', 'Ms.', 'Messrs.', 'Dr.', 'St.', 'No.', 'Nos.', 'no.', 'nos.',
    'U.S.', 'U.N.', 'U.K.', 'U.S.A.', 'U.S.S.R.', 'D.C.', 'e.g.', 'i.e.', 'etc.',
    'Art.', 'art.', 'Arts.', 'para.', 'paras.', 'Para.', 'vol.', 'Vol.', 'viz.',
    'cf.', 'p.', 'pp.',
    'Jan.', 'Feb.', 'Mar.', 'Apr.', 'Jun.', 'Jul.', 'Aug.', 'Sep.', 'Sept.',
    'Oct.', 'Nov.', 'Dec.',
    'Gen.', 'Sen.', 'Rep.', 'Amb.', 'H.E.', 'Prof.', 'Gov.', 'Col.', 'Lt.',
    'Capt.', 'Sr.', 'Jr.', 'Hon.', 'Rev.', 'Sec.', 'Adm.', 'Maj.', 'Sgt.',
}
HYPHEN_PREFIXES = {
    'self', 'non', 'co', 'so', 'well', 'anti', 'post', 'pre', 'ex', 'multi',
    'long', 'short', 'mid', 'vice', 'semi', 'half', 'cross', 'counter',
    'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety',
}
CLOSERS = '"\'”’»)]'
OPENERS = '"\'“‘«„'
FURNITURE_TOKEN = re.compile(
    r'^(\d{1,4}|\d{2}-\d{5}[A-Z]?|\d{1,3}/\d{1,3}|\d{1,2}/\d{1,2}/\d{4}|A/\d+/PV\.\d+)$')
BOUNDARY = re.compile(r'[.!?][' + re.escape(CLOSERS) + r']*(\s+)')
ENDS_SENTENCE = re.compile(r'[.!?][' + re.escape(CLOSERS) + r']*\s*$')
BULLET = re.compile(r'^(?:[-*•·]\s|\(?\d{1,3}[.)]\s|\([a-z]{1,4}\)\s|[a-h]\)\s)')
TOKEN = re.compile(r'[a-z]+(?:-[a-z]+)*')


def char_byte_offsets(text):
    """offs[i] = byte offset (UTF-8) of text[i]; offs[len(text)] = total size."""
    offs = [0] * (len(text) + 1)
    b = 0
    for i, c in enumerate(text):
        offs[i] = b
        o = ord(c)
        b += 1 if o < 0x80 else 2 if o < 0x800 else 3 if o < 0x10000 else 4
    offs[len(text)] = b
    return offs


def read_text(path):
    with open(path, 'rb') as fh:
        return fh.read().decode('utf-8')


def build_vocabulary(paths):
    """Counts of lower-cased word tokens (with inner hyphens) not cut by a line end."""
    vocab = collections.Counter()
    for p in paths:
        text = read_text(p).lower()
        # a token directly before "-\n" is a line-break fragment: drop those lines' last words
        text = re.sub(r'[a-z]+-[ \t]*\n', ' ', text)
        vocab.update(TOKEN.findall(text))
    return vocab


FURNITURE_LINE = re.compile(
    r'^\s*(\d{1,4}\s+)?General Assembly\s*[-–—]\s*[A-Z][a-z]+(-[a-z]+)? session(\s+\d{1,4})?\s*$'
    r'|^\s*[A-Z][a-z]+(-[a-z]+)? session\s*[-–—]\s*\d{1,2} [A-Z][a-z]+ [l1]\d{3}(\s+\d{1,4})?\s*$')


def is_furniture(line):
    toks = line.split()
    if toks and all(FURNITURE_TOKEN.match(t) for t in toks):
        return True
    return bool(FURNITURE_LINE.match(line))


class Para:
    """A paragraph being built: text plus, per character, its index in the file text."""

    def __init__(self):
        self.chars = []
        self.idx = []

    def add(self, s, start):
        self.chars.append(s)
        self.idx.extend(range(start, start + len(s)))

    def text(self):
        return ''.join(self.chars)


FUNCTION_WORDS = {
    'the', 'a', 'an', 'of', 'and', 'or', 'to', 'in', 'for', 'by', 'with', 'on', 'at',
    'from', 'as', 'that', 'which', 'who', 'whose', 'its', 'their', 'our', 'his', 'her',
    'is', 'are', 'was', 'were', 'be', 'has', 'have', 'this', 'these', 'those', 'Mr.', 'Ms.',
    'Mrs.', 'Dr.', 'into', 'between', 'among', 'than', 'not', 'but',
}


def inside_sentence(last, wrapped, gap, page_break):
    """Does the line `last` (not ending with . ! ?) stop in the middle of a sentence?"""
    if last.endswith((',', '-', '–', '—', '(')):
        return True
    words = last.split()
    if words and words[-1] in FUNCTION_WORDS:
        return True
    if page_break:
        return True
    # a hard-wrapped line of ordinary width (not a short heading), or a
    # one-paragraph line that is far too long for a heading
    return (wrapped and len(last) >= 35) or len(last) > 120


def split_document(text, vocab, skip_title=False):
    """Return a list of (char_index_in_text, sentence_text) for a decoded file.

    With skip_title, the first line (the title of a White House release) is
    treated as a blank line.
    """
    start = 1 if text.startswith('\ufeff') else 0
    # lines with their start index in `text`
    lines = []
    pos = start
    for raw in text[start:].split('\n'):
        lines.append((pos, '' if skip_title and not lines else raw))
        pos += len(raw) + 1
    content = [raw for _, raw in lines if raw.strip() and not is_furniture(raw)]
    if not content:
        return []
    wrapped = sum(len(r.strip()) <= WRAP_WIDTH for r in content) >= 0.5 * len(content)

    paras = []
    cur = None          # current Para
    last = ''           # last content line added to `cur`
    gap = False         # blank or furniture line(s) since the last content line
    page_break = False  # ... and among them furniture or a form feed
    for lstart, raw in lines:
        if not raw.strip() or is_furniture(raw):
            gap = True
            if raw.strip() or '\f' in raw:
                page_break = True
            continue
        body = raw.rstrip()
        stripped = body.lstrip()
        lead = len(body) - len(stripped)
        sstart = lstart + lead
        if cur is not None:
            if BULLET.match(stripped):
                join = False
            elif ENDS_SENTENCE.search(last):
                # a complete sentence before the break: join only a plain break
                # inside a hard-wrapped paragraph
                join = (wrapped and not gap and lead == 0 and len(last) <= WRAP_WIDTH)
            else:
                join = (stripped[:1].islower()
                        or inside_sentence(last, wrapped, gap, page_break))
            if join:
                m = re.search(r'([A-Za-z]+)-$', last)
                n = re.match(r'[a-z]+', stripped)
                if m and n and m.group(1)[-1].islower():
                    left, right = m.group(1), n.group(0)
                    hyph = vocab.get((left + '-' + right).lower(), 0)
                    closed = vocab.get((left + right).lower(), 0)
                    keep = hyph > closed or (hyph == closed and left.lower() in HYPHEN_PREFIXES)
                    if not keep:          # drop the hyphen
                        cur.chars[-1] = cur.chars[-1][:-1]
                        cur.idx.pop()
                elif m and stripped[:1].isalpha():
                    pass                  # "Franco-\nGerman": keep the hyphen, no space
                else:
                    cur.add(' ', lstart - 1)  # the newline
                cur.add(stripped, sstart)
                last = stripped
                gap = page_break = False
                continue
            paras.append(cur)
        cur = Para()
        cur.add(stripped, sstart)
        last = stripped
        gap = page_break = False
    if cur is not None:
        paras.append(cur)

    out = []
    for p in paras:
        ptext = p.text()
        cuts = [0]
        for m in BOUNDARY.finditer(ptext):
            nxt = m.end()
            if nxt >= len(ptext):
                continue
            c = ptext[nxt]
            if not (c.isupper() or c.isdigit() or c in OPENERS):
                continue
            if ptext[m.start()] == '.':
                # the word that ends with this period
                word = re.search(r'\S*$', ptext[:m.start() + 1]).group()
                word = word.lstrip('(["\'“‘«')
                if word in ABBREVIATIONS or re.fullmatch(r'[A-Z]\.', word):
                    continue
            cuts.append(m.start(1) + len(m.group(1)))
        cuts.append(len(ptext))
        for a, b in zip(cuts, cuts[1:]):
            seg = ptext[a:b]
            lead = len(seg) - len(seg.lstrip())
            sent = ' '.join(seg.split())
            if not sent:
                continue
            nw = len(sent.split())
            if MIN_WORDS <= nw <= MAX_WORDS:
                out.append((p.idx[a + lead], sent))
    return out


ACT_BASE = {
    'acknowledge': 1, 'welcome': 2, 'support': 2, 'commend': 2, 'call': 2,
    'concern': 3, 'regret': 3, 'urge': 3, 'deplore': 4, 'demand': 4, 'warn': 4,
    'condemn': 5, 'reject': 5,
}


INTENSIFIERS = re.compile(
    r"\b(strongly|firmly|categorically|vehemently|unequivocally|resolutely|emphatically|deeply|"
    r"gravely|seriously|profoundly|most|utmost|in the strongest (?:possible )?terms|"
    r"strongest|deepest|gravest|firmest|strong|firm|categorical|vehement|unequivocal|resolute|emphatic|deep|grave|serious|profound)\b",
    re.I)


def read_tsv(path):
    with open(path, encoding='utf-8') as fh:
        lines = fh.read().split('\n')
    return lines[0].split('\t'), [l.split('\t') for l in lines[1:] if l]


def check_set(here, sentences, labels_name, labelled_name, splits, strict):
    """Validate one label file against its sentences; print counts; return the error count.

    With `strict`, the intensity must be exactly base + 1 (capped at 6) when the
    trigger contains an intensifier of the README's list (adverb or adjective
    form) and exactly base otherwise, and the rows must be sorted by id.
    """
    sent = {int(r[0]): r for r in sentences}
    with open(os.path.join(here, labelled_name)) as fh:
        read = [int(x) for x in fh.read().split()]
    assert len(read) == len(set(read)) and set(read) <= set(sent), labelled_name
    head, labels = read_tsv(os.path.join(here, labels_name))
    assert head == ['id', 'act', 'trigger', 'intensity', 'negated', 'speaker', 'object', 'note'], head
    errors = 0
    for r in labels:
        msg = None
        if len(r) != 8:
            msg = 'field count'
        elif int(r[0]) not in read:
            msg = 'id not in %s' % labelled_name
        elif r[1] not in ACT_BASE:
            msg = 'unknown act'
        elif not r[2] or r[2] not in sent[int(r[0])][5]:
            msg = 'trigger not in sentence'
        elif r[6] and r[6] not in sent[int(r[0])][5]:
            msg = 'object not in sentence'
        elif int(r[3]) not in (ACT_BASE[r[1]], min(ACT_BASE[r[1]] + 1, 6)):
            msg = 'intensity'
        elif strict and int(r[3]) != (min(ACT_BASE[r[1]] + 1, 6) if INTENSIFIERS.search(r[2])
                                      else ACT_BASE[r[1]]):
            msg = 'intensity (base + intensifier rule)'
        elif r[4] not in ('yes', 'no') or r[5] not in ('self', 'other', 'general'):
            msg = 'negated/speaker'
        if msg:
            errors += 1
            print('ERROR', labels_name, msg, r)
    if strict and [int(r[0]) for r in labels] != sorted(int(r[0]) for r in labels):
        errors += 1
        print('ERROR', labels_name, 'not sorted by id')
    for split in splits:
        ids = {i for i in read if sent[i][1] == split}
        acts = collections.Counter(r[1] for r in labels if int(r[0]) in ids)
        with_act = {int(r[0]) for r in labels if int(r[0]) in ids}
        print('%s: %d sentences read, %d with an act, %d act instances: %s' % (
            split, len(ids), len(with_act), sum(acts.values()),
            ', '.join('%s %d' % (a, acts[a]) for a in ACT_BASE)))
        if strict:
            for c in STRATA:
                cids = {i for i in ids if sent[i][2] == c}
                crow = [r for r in labels if int(r[0]) in cids]
                print('  %s: %d sentences, %d with an act, %d act instances' % (
                    c, len(cids), len({int(r[0]) for r in crow}), len(crow)))
            rows = [r for r in labels if int(r[0]) in ids]
            print('  speakers: %s; negated: %d; intensity: %s' % (
                ', '.join('%s %d' % kv for kv in sorted(collections.Counter(r[5] for r in rows).items())),
                sum(r[4] == 'yes' for r in rows),
                ', '.join('%s: %d' % kv for kv in sorted(collections.Counter(r[3] for r in rows).items()))))
            per = collections.Counter(int(r[0]) for r in rows)
            print('  %d sentences with two or more acts, %d rows with an empty object, %d with a note' % (
                sum(n > 1 for n in per.values()), sum(not r[6] for r in rows), sum(bool(r[7]) for r in rows)))
    missing = sorted(set(sent) - set(read))
    if missing:
        print('not yet read (%s): %d ids, first %d' % (labelled_name, len(missing), missing[0]))
    return errors


def check(here):
    """Validate labels.tsv / labelled.txt against sentences.tsv and, for every fresh split
    of FRESH_SPLITS whose sentence file exists, NAME_labels.tsv / NAME_labelled.txt against
    NAME_sentences.tsv; print counts."""
    head, sents = read_tsv(os.path.join(here, 'sentences.tsv'))
    assert head == ['id', 'split', 'corpus', 'doc', 'offset', 'sentence'], head
    errors = check_set(here, sents, 'labels.tsv', 'labelled.txt', ('dev', 'test'), False)
    old = {(r[3], int(r[4])) for r in sents}
    assert len(old) == N_TOTAL, 'sentences.tsv draws a sentence twice'
    earlier = [('sentences.tsv', old)]   # (file, its (doc, offset) set) of every file read so far
    for name, (seed, n, first) in FRESH_SPLITS.items():
        path = os.path.join(here, name + '_sentences.tsv')
        if not os.path.exists(path):
            break
        head, rows = read_tsv(path)
        assert head == ['id', 'split', 'corpus', 'doc', 'offset', 'sentence'], head
        # ids first..first+n-1, exact quotas, nothing drawn twice or drawn in an earlier file
        assert [int(r[0]) for r in rows] == list(range(first, first + n)), name + ' ids'
        assert all(r[1] == name for r in rows), name + ' split name'
        strata = collections.Counter(r[2] for r in rows)
        assert all(strata[s] == round(n * SHARE[s]) for s in STRATA), (name, strata)
        new = {(r[3], int(r[4])) for r in rows}
        assert len(new) == n, name + ' draws a sentence twice'
        for ename, eset in earlier:
            assert not eset & new, '%s overlaps %s' % (name, ename)
        earlier.append((name + '_sentences.tsv', new))
        if os.path.exists(os.path.join(here, name + '_labels.tsv')):
            errors += check_set(here, rows, name + '_labels.tsv', name + '_labelled.txt', (name,), True)
    return errors


def list_docs(corpus):
    docs = {}
    allpaths = []
    for s in STRATA:
        d = os.path.join(corpus, s)
        names = sorted(f for f in os.listdir(d) if f.endswith('.txt'))
        docs[s] = names
        allpaths += [os.path.join(d, f) for f in names]
    return docs, allpaths


def draw(corpus, docs, vocab, rng, order, split_of, first_id, exclude=frozenset()):
    """One draw per entry of `order` (a list of strata); returns the rows.

    A sentence whose (doc, offset) is in `exclude` is never drawn, and a
    document whose sentences are all excluded or drawn leaves its pool.
    """
    pools = {s: list(docs[s]) for s in STRATA}
    cache = {}   # (stratum, name) -> (byte offsets, sentences, remaining indices)
    rows = []
    for i, s in enumerate(order):
        while True:
            if not pools[s]:
                sys.exit('stratum %s exhausted' % s)
            name = pools[s][rng.randrange(len(pools[s]))]
            key = (s, name)
            if key not in cache:
                text = read_text(os.path.join(corpus, s, name))
                sents = split_document(text, vocab, skip_title=(s in TITLED))
                offs = char_byte_offsets(text)
                remaining = [k for k in range(len(sents))
                             if (name[:-4], offs[sents[k][0]]) not in exclude]
                cache[key] = (offs, sents, remaining)
            offs, sents, remaining = cache[key]
            if not remaining:
                pools[s].remove(name)
                continue
            k = remaining.pop(rng.randrange(len(remaining)))
            cidx, sent = sents[k]
            rows.append((first_id + i, split_of(i), s, name[:-4], offs[cidx], sent))
            break
    return rows


def read_existing(path):
    """(doc, offset) of every sentence in a sentences file (sentences.tsv, NAME_sentences.tsv)."""
    with open(path, encoding='utf-8') as fh:
        lines = fh.read().split('\n')
    assert lines[0].split('\t') == ['id', 'split', 'corpus', 'doc', 'offset', 'sentence']
    return {(r[3], int(r[4])) for r in (l.split('\t') for l in lines[1:] if l)}


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('corpus', nargs='?',
                    default=os.path.join(here, '..', '..', '..', '..', 'shared', 'corpus'))
    ap.add_argument('--out', default=None,
                    help='output file (default: sentences.tsv, or NAME_sentences.tsv with --NAME '
                         'for a fresh split)')
    which = ap.add_mutually_exclusive_group()
    names = list(FRESH_SPLITS)
    for k, name in enumerate(names):
        seed, n, first = FRESH_SPLITS[name]
        before = ['sentences.tsv'] + [e + '_sentences.tsv' for e in names[:k]]
        which.add_argument('--' + name, dest='split', action='store_const', const=name,
                           help='draw the %d sentences of the %s split (ids %d-%d), excluding '
                                'those in %s' % (n, name, first, first + n - 1, ', '.join(before)))
    which.add_argument('--check', action='store_true',
                       help='only validate the label files (dev/test, %s) and print counts'
                            % ', '.join(names))
    args = ap.parse_args()
    if args.check:
        sys.exit(1 if check(here) else 0)
    corpus = os.path.normpath(args.corpus)
    out = args.out or os.path.join(here, (args.split + '_sentences.tsv') if args.split
                                   else 'sentences.tsv')

    docs, allpaths = list_docs(corpus)
    vocab = build_vocabulary(allpaths)

    if args.split:
        seed, n, first = FRESH_SPLITS[args.split]
        exclude = read_existing(os.path.join(here, 'sentences.tsv'))
        for e in names[:names.index(args.split)]:
            exclude |= read_existing(os.path.join(here, e + '_sentences.tsv'))
        rng = random.Random(seed)
        quota = []
        for s in STRATA:
            quota += [s] * round(n * SHARE[s])
        assert len(quota) == n
        rng.shuffle(quota)
        name = args.split
        rows = draw(corpus, docs, vocab, rng, quota, lambda i: name, first, exclude)
    else:
        rng = random.Random(SEED)
        order = []
        for n in (N_DEV, N_TOTAL - N_DEV):
            quota = []
            for s in STRATA:
                quota += [s] * round(n * SHARE[s])
            assert len(quota) == n
            rng.shuffle(quota)
            order += quota
        rows = draw(corpus, docs, vocab, rng, order,
                    lambda i: 'dev' if i < N_DEV else 'test', 1)

    with open(out, 'w', encoding='utf-8', newline='\n') as fh:
        fh.write('id\tsplit\tcorpus\tdoc\toffset\tsentence\n')
        for r in rows:
            fh.write('\t'.join(str(x).replace('\t', ' ').replace('\n', ' ') for x in r) + '\n')
    print('wrote %d sentences to %s' % (len(rows), out))


if __name__ == '__main__':
    main()
