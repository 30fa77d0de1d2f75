#!/usr/bin/env python3
"""Fits verbale's model of the `support` act (data/lexicons/en/support-model.tsv).

Usage (numpy and scikit-learn):

    python3 tests/data/acts/fit_support.py target/release/verbale           # evaluate only
    python3 tests/data/acts/fit_support.py target/release/verbale --write   # and write the model
    python3 tests/data/acts/fit_support.py VERBALE --hold-out fresh20       # leave splits out

What it does
------------
1. Writes every labelled sentence of this folder (`sentences.tsv` and each
   `NAME_sentences.tsv` that has a `NAME_labels.tsv`, less the --hold-out splits) to a file
   of its own, and runs `verbale acts DIR --explain-support` on them: each candidate word of
   the model (`support`, `supported`, `backing`, ...) with the features verbale computes
   (the word, the words at each position up to 3 before and after it, the words up to 8 on
   each side as a bag), so that what is fitted is exactly what verbale sees.
2. A candidate is labelled support when it stands inside the trigger of a `support` row of
   the labels (the trigger's first occurrence in its sentence).
3. Fits a logistic regression (scikit-learn, L2, C = 1, binary features seen at least
   once) and evaluates it leaving one split out at a time: each split's candidates are
   predicted by a model fitted on the other splits only. It prints, per split and pooled,
   the candidates' precision and recall, and the support acts of each sentence counted as
   the evaluation of the lexicon counts them (per sentence, the smaller of the labelled and
   found counts is right): the accepted candidates plus the lexicon's support acts that
   hold no candidate word (`stand with`, `solidarity with`), from `acts --instances`.
4. With --write, fits on every split given and writes the model: bias, threshold (0.5),
   the candidate words and each feature's weight (weights under 0.001 in size left out).
"""
import argparse
import collections
import csv
import glob
import os
import re
import subprocess
import sys
import tempfile

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

HERE = os.path.dirname(os.path.abspath(__file__))
MODEL = os.path.join(HERE, '..', '..', '..', 'data', 'lexicons', 'en', 'support-model.tsv')
CANDIDATES = ['support', 'supports', 'supported', 'supporting', 'supporter', 'supporters',
              'backing', 'endorse', 'endorses', 'endorsed', 'endorsing', 'endorsement']
THRESHOLD = 0.5
C = 1.0


def tsv(path):
    with open(path, encoding='utf-8') as fh:
        return list(csv.DictReader(fh, delimiter='\t', quoting=csv.QUOTE_NONE))


def splits(hold_out):
    """(sentences, labels) rows of every labelled split not held out."""
    sentences, labels = [], []
    pairs = [('sentences.tsv', 'labels.tsv')]
    for f in sorted(glob.glob(os.path.join(HERE, 'fresh*_sentences.tsv'))):
        name = os.path.basename(f)[:-len('_sentences.tsv')]
        pairs.append((name + '_sentences.tsv', name + '_labels.tsv'))
    for s, l in pairs:
        if not os.path.exists(os.path.join(HERE, l)):
            continue
        rows = [r for r in tsv(os.path.join(HERE, s)) if r['split'] not in hold_out]
        sentences += rows
        ids = {r['id'] for r in rows}
        labels += [r for r in tsv(os.path.join(HERE, l)) if r['id'] in ids]
    return sentences, labels


def run(verbale, docs, *args):
    with tempfile.NamedTemporaryFile('r', suffix='.tsv', encoding='utf-8') as out:
        subprocess.run([verbale, 'acts', docs, *args, '-o', out.name, '--force', '--quiet'],
                       check=True)
        return list(csv.DictReader(open(out.name, encoding='utf-8'), delimiter='\t',
                                   quoting=csv.QUOTE_NONE))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('verbale')
    ap.add_argument('--write', action='store_true')
    ap.add_argument('--hold-out', nargs='*', default=[])
    args = ap.parse_args()
    sentences, labels = splits(set(args.hold_out))
    split_of = {r['id']: r['split'] for r in sentences}
    text_of = {r['id']: r['sentence'] for r in sentences}
    gold = collections.defaultdict(list)
    for l in labels:
        gold[l['id']].append(l)
    with tempfile.TemporaryDirectory() as d:
        for r in sentences:
            with open(os.path.join(d, r['id'] + '.txt'), 'w', encoding='utf-8') as fh:
                fh.write(r['sentence'])
        cands = run(args.verbale, d, '--explain-support', '-f', 'tsv')
        found = run(args.verbale, d, '--instances', '--act', 'support', '-f', 'tsv')
    # Candidates labelled: inside a support trigger (byte offsets, as verbale gives them).
    # Each label takes the first occurrence of its trigger, as whole words, that no label
    # before it took (`supporting` twice in one sentence: two spans).
    spans = collections.defaultdict(list)
    lost = 0
    for i, rows in gold.items():
        b = text_of[i].encode('utf-8')
        for g in rows:
            if g['act'] != 'support':
                continue
            t = re.escape(g['trigger'].encode('utf-8'))
            places = [(m.start(), m.end()) for m in re.finditer(rb'(?<!\w)' + t + rb'(?!\w)', b)]
            free = [f for f in places if f not in spans[i]]
            if free:
                spans[i].append(free[0])
            else:
                lost += 1
    if lost:
        print(f'{lost} support triggers not found in their sentences')
    X, y, groups, ids = [], [], [], []
    for c in cands:
        at, n = int(c['offset']), len(c['word'].encode('utf-8'))
        X.append({f: 1 for f in c['features'].split(' ')})
        y.append(int(any(a <= at and at + n <= b for a, b in spans[c['doc']])))
        groups.append(split_of[c['doc']])
        ids.append(c['doc'])
    y, groups = np.array(y), np.array(groups)
    vec = DictVectorizer()
    Xm = vec.fit_transform(X)
    print(f'{len(sentences)} sentences, {len(y)} candidates ({int(y.sum())} support) '
          f'in {len(set(groups))} splits')
    pred = np.zeros(len(y))
    for s in sorted(set(groups)):
        train = groups != s
        m = LogisticRegression(C=C, max_iter=5000).fit(Xm[train], y[train])
        pred[~train] = m.predict_proba(Xm[~train])[:, 1]
    # The lexicon's support acts that hold no candidate word: the model leaves them as they are.
    word = re.compile(r"[\w'’-]+")
    other = collections.Counter(
        r['doc'] for r in found
        if not any(w.lower() in CANDIDATES for w in word.findall(r['trigger'])))
    accepted = collections.Counter(i for i, p in zip(ids, pred) if p >= THRESHOLD)
    table = collections.defaultdict(lambda: [0, 0, 0, 0, 0])  # cand tp, fp, fn; acts tp, fp
    acts = collections.defaultdict(lambda: [0, 0, 0])
    for g, p, t in zip(groups, pred >= THRESHOLD, y):
        table[g][0] += int(p and t)
        table[g][1] += int(p and not t)
        table[g][2] += int(t and not p)
    for r in sentences:
        i = r['id']
        n_gold = sum(1 for g in gold[i] if g['act'] == 'support')
        n_found = accepted[i] + other[i]
        a = acts[r['split']]
        a[0] += min(n_gold, n_found)
        a[1] += max(0, n_found - n_gold)
        a[2] += max(0, n_gold - n_found)

    def ratio(a, b):
        return a / b if b else float('nan')

    print('| split | candidates P | candidates R | support acts P | support acts R |')
    print('| --- | ---: | ---: | ---: | ---: |')
    total = [0] * 6
    for s in sorted(acts, key=lambda s: (len(s), s)):
        t, a = table[s], acts[s]
        for k, v in enumerate(t[:3] + a):
            total[k] += v
        print(f'| {s} | {ratio(t[0], t[0] + t[1]):.3f} | {ratio(t[0], t[0] + t[2]):.3f} | '
              f'{ratio(a[0], a[0] + a[1]):.3f} | {ratio(a[0], a[0] + a[2]):.3f} |')
    t = total
    print(f'| pooled | {ratio(t[0], t[0] + t[1]):.3f} | {ratio(t[0], t[0] + t[2]):.3f} | '
          f'{ratio(t[3], t[3] + t[4]):.3f} | {ratio(t[3], t[3] + t[5]):.3f} |')
    if args.write:
        m = LogisticRegression(C=C, max_iter=5000).fit(Xm, y)
        names = vec.get_feature_names_out()
        rows = sorted(((n, w) for n, w in zip(names, m.coef_[0]) if abs(w) >= 0.001),
                      key=lambda r: (-abs(r[1]), r[0]))
        with open(MODEL, 'w', encoding='utf-8') as fh:
            fh.write('# The support act\'s model, written by tests/data/acts/fit_support.py '
                     f'from {len(y)} candidates of {len(set(groups))} labelled splits '
                     f'(held out: {", ".join(args.hold_out) or "none"}).\n')
            fh.write(f'bias\t{m.intercept_[0]:.6f}\nthreshold\t{THRESHOLD}\n')
            for c in CANDIDATES:
                fh.write(f'candidate\t{c}\n')
            for n, w in rows:
                fh.write(f'{n}\t{w:.6f}\n')
        print(f'wrote {os.path.normpath(MODEL)}: {len(rows)} features')


if __name__ == '__main__':
    sys.exit(main())
