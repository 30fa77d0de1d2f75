#!/usr/bin/env python3
"""Fits verbale's models of speech acts (data/lexicons/en/ACT-model.tsv).

Usage (numpy and scikit-learn):

    python3 tests/data/acts/fit_models.py target/release/verbale           # evaluate only
    python3 tests/data/acts/fit_models.py target/release/verbale --write   # and write the models
    python3 tests/data/acts/fit_models.py VERBALE --hold-out fresh20       # leave splits out
    python3 tests/data/acts/fit_models.py VERBALE --curve --threshold call=0.6  # try thresholds

--curve prints each model's right and accepted candidates, held out, at thresholds 0.5 to 0.9;
--threshold MODEL=P tries a threshold for the run; --dump FILE appends every candidate with its
held-out probability and label. A model named in SPECS without a file in data/lexicons/en is
tried with one that accepts nothing (`verbale acts --models`), so that a new model is fitted and
scored before it is bundled.

The models
----------
* `support` **decides** its act: its candidate words (`support`, `backing`, `endorse`, ...)
  are accepted or turned down wherever they stand, inside the lexicon's support triggers too
  (a trigger whose candidates the model all turns down goes).
* `call`, `welcome`, `commend` and `demand` **add** to the lexicon: their candidate words
  (`appeal`, `invited`; `encouraging`, `pleased`; `grateful`, `tribute`; `demands`,
  `insisted`) are only looked at where they stand outside every trigger of the lexicon, and
  those accepted become acts (`Our appeal concerns ...`, `encouraging progress`).

What it does
------------
1. Writes every labelled sentence of this folder (`sentences.tsv` and each
   `NAME_sentences.tsv` that has a `NAME_labels.tsv`, less the --hold-out splits) to a file
   of its own, and runs `verbale acts DIR --explain-models` on them: each candidate word of
   each model with the features verbale computes (the word, the words at each position up to
   3 before and after it, the words up to 8 on each side as a bag), so that what is fitted is
   exactly what verbale sees; and `verbale acts DIR --instances` for the acts found.
2. A candidate of a model is labelled an act when it stands inside the trigger of a row of
   that act in the labels (the trigger's first occurrence in its sentence).
3. Fits a logistic regression per model (scikit-learn, L2, C = 1, binary features seen at
   least once) and evaluates it leaving one split out at a time: each split's candidates are
   predicted by a model fitted on the other splits only. It prints, per model, the
   candidates' precision and recall pooled, and per split and pooled the acts of every kind
   counted as the evaluation of the lexicon counts them (per sentence and act, the smaller of
   the labelled and found counts is right), with each model's acts as the held-out fit gives
   them, beside the word list with the support model only (the models that add left out).
4. With --write, fits each model on every split given and writes it: act, mode, bias,
   threshold (0.5; welcome 0.6), the candidate words and each feature's weight (weights under
   0.001 in size left out).
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
MODELS = os.path.join(HERE, '..', '..', '..', 'data', 'lexicons', 'en')
# model -> (act, mode, candidate words), in the order verbale runs them; a model's weights are
# data/lexicons/en/MODEL-model.tsv.
SPECS = collections.OrderedDict([
    ('support', ('support', 'decide', [
        'support', 'supports', 'supported', 'supporting', 'supporter', 'supporters', 'backing',
        'endorse', 'endorses', 'endorsed', 'endorsing', 'endorsement'])),
    ('call', ('call', 'add', [
        'call', 'calls', 'called', 'calling', 'appeal', 'appeals', 'appealed', 'request',
        'requests', 'requested', 'invite', 'invites', 'invited', 'invitation', 'ask', 'asks',
        'asked', 'plea'])),
    ('welcome', ('welcome', 'add', [
        'welcome', 'welcomes', 'welcomed', 'welcoming', 'encouraging', 'encouraged', 'happy',
        'pleased', 'glad', 'satisfied', 'satisfaction', 'delighted', 'gratified'])),
    ('commend', ('commend', 'add', [
        'gratitude', 'grateful', 'thank', 'thanks', 'tribute', 'appreciation', 'appreciate',
        'commend', 'praise', 'congratulate', 'congratulations'])),
    ('demand', ('demand', 'add', [
        'demand', 'demands', 'demanded', 'demanding', 'insist', 'insists', 'insisted'])),
])
# The adding models that leave alone the words their act's exceptions take away ("the most
# demanding task" is no demand); the others look there too ("looks forward to welcoming").
HEED_EXCEPTIONS = {'demand'}
# The adding models that leave alone a candidate within N words of a trigger of their act, or
# of an act they have just added ("reaffirmed the U.S. commitment to supporting" holds one act):
# none of the five shipped models (see the README's "Models over the general words of an act").
NEAR = {}
THRESHOLD = 0.5
# A model's own threshold, where the held-out fit showed its acts at 0.5 too often false.
THRESHOLDS = {'welcome': 0.6}
C = 1.0
LAST = ['fresh29', 'fresh30', 'fresh31', 'fresh32', 'fresh33', 'fresh34', 'fresh35', 'fresh36',
        'fresh37']


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


def model_files(d):
    """The model files of SPECS, in order, as `--models` takes them: the bundled one where it
    exists, else one that accepts nothing (a new model's candidates are then explained, and it
    adds no act); and per bundled model the threshold of its file, at which verbale took its
    candidates."""
    paths, thresholds = [], {}
    for name, (act, mode, words) in SPECS.items():
        path = os.path.join(MODELS, f'{name}-model.tsv')
        if os.path.exists(path):
            for line in open(path, encoding='utf-8'):
                if line.startswith('threshold\t'):
                    thresholds[name] = float(line.split('\t')[1])
        else:
            path = os.path.join(d, f'{name}-model.tsv')
            with open(path, 'w', encoding='utf-8') as fh:
                fh.write(f'act\t{act}\nmode\t{mode}\nbias\t-30\nthreshold\t0.5\n')
                if name in NEAR:
                    fh.write(f'near\t{NEAR[name]}\n')
                fh.writelines(f'candidate\t{c}\n' for c in words)
        paths.append(path)
    return ','.join(paths), thresholds


def model_of(c):
    """The model of SPECS an explained candidate belongs to: its act's model whose
    candidate words hold it."""
    for name, (act, mode, words) in SPECS.items():
        if act == c['act'] and c['word'] in words:
            return name
    raise SystemExit(f"candidate {c['word']!r} of {c['act']} is in no model's words")


def run(verbale, docs, *args):
    with tempfile.NamedTemporaryFile('r', suffix='.tsv', encoding='utf-8') as out:
        subprocess.run([verbale, 'acts', docs, *args, '-o', out.name, '--force', '--quiet'],
                       check=True)
        return list(csv.DictReader(open(out.name, encoding='utf-8'), delimiter='\t',
                                   quoting=csv.QUOTE_NONE))


def trigger_spans(text, rows):
    """Byte spans of the labelled triggers of a sentence, with their act: each label takes
    the first occurrence of its trigger, as whole words, that no label before it took
    (`supporting` twice in one sentence: two spans)."""
    b = text.encode('utf-8')
    spans, lost = [], 0
    for g in rows:
        t = re.escape(g['trigger'].encode('utf-8'))
        places = [(m.start(), m.end()) for m in re.finditer(rb'(?<!\w)' + t + rb'(?!\w)', b)]
        free = [f for f in places if (f[0], f[1], g['act']) not in spans]
        if free:
            spans.append((free[0][0], free[0][1], g['act']))
        else:
            lost += 1
    return spans, lost


def ratio(a, b):
    return a / b if b else float('nan')


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('verbale')
    ap.add_argument('--write', action='store_true')
    ap.add_argument('--hold-out', nargs='*', default=[])
    ap.add_argument('--dump', metavar='FILE',
                    help='append each candidate with its held-out probability and label')
    ap.add_argument('--curve', action='store_true',
                    help="print each model's right/accepted candidates at thresholds 0.5-0.9")
    ap.add_argument('--threshold', nargs='*', default=[], metavar='MODEL=P',
                    help="a model's threshold for this run (to try one before setting it)")
    args = ap.parse_args()
    for t in args.threshold:
        name, value = t.split('=')
        if name not in SPECS:
            ap.error(f'--threshold {t}: no model {name!r} (the models are {", ".join(SPECS)})')
        THRESHOLDS[name] = float(value)
    sentences, labels = splits(set(args.hold_out))
    split_of = {r['id']: r['split'] for r in sentences}
    gold = collections.defaultdict(list)
    for l in labels:
        gold[l['id']].append(l)
    with tempfile.TemporaryDirectory() as d:
        for r in sentences:
            with open(os.path.join(d, r['id'] + '.txt'), 'w', encoding='utf-8') as fh:
                fh.write(r['sentence'])
        models, file_thresholds = model_files(d)
        cands = run(args.verbale, d, '--explain-models', '-f', 'tsv', '--models', models)
        found = run(args.verbale, d, '--instances', '-f', 'tsv', '--models', models)
    spans, lost = {}, 0
    for r in sentences:
        spans[r['id']], n = trigger_spans(r['sentence'], gold[r['id']])
        lost += n
    if lost:
        print(f'{lost} triggers not found in their sentences')
    print(f'{len(sentences)} sentences of {len(set(split_of.values()))} splits')
    # Per model: candidates, labels, held-out probabilities, and the fit on every split.
    held = {}
    fitted = {}
    print('| model | mode | candidates | acts among them | held-out precision | held-out recall |')
    print('| --- | --- | ---: | ---: | ---: | ---: |')
    for name, (act, mode, words) in SPECS.items():
        rows = [c for c in cands if model_of(c) == name]
        X = [{f: 1 for f in c['features'].split(' ')} for c in rows]
        y = np.array([int(any(a <= int(c['offset']) and int(c['offset']) + len(c['word'].encode('utf-8')) <= b
                              and g == act for a, b, g in spans[c['doc']])) for c in rows])
        groups = np.array([split_of[c['doc']] for c in rows])
        vec = DictVectorizer()
        Xm = vec.fit_transform(X)
        pred = np.zeros(len(y))
        for s in sorted(set(groups)):
            train = groups != s
            m = LogisticRegression(C=C, max_iter=5000).fit(Xm[train], y[train])
            pred[~train] = m.predict_proba(Xm[~train])[:, 1]
        held[name] = (rows, pred)
        if args.dump:
            with open(args.dump, 'a', encoding='utf-8') as fh:
                fh.writelines(f"{name}\t{c['doc']}\t{c['offset']}\t{c['word']}\t{p:.3f}\t{t}\n"
                              for c, p, t in zip(rows, pred, y))
        if args.curve:
            print(f'|   {name} at ' + ', '.join(
                f'{t}: {int(((pred >= t) & (y == 1)).sum())}/{int((pred >= t).sum())}'
                for t in (0.5, 0.6, 0.7, 0.8, 0.9)) + ' |')
        yes = pred >= THRESHOLDS.get(name, THRESHOLD)
        tp = int((yes & (y == 1)).sum())
        print(f'| {name} | {mode} | {len(y)} | {int(y.sum())} | {ratio(tp, int(yes.sum())):.3f} | '
              f'{ratio(tp, int(y.sum())):.3f} |')
        if args.write:
            fitted[name] = (LogisticRegression(C=C, max_iter=5000).fit(Xm, y), vec, len(y))
    # The acts of each sentence: the word list's, with each model's acts as held out.
    word = re.compile(r"[\w'’-]+")
    support_words = set(SPECS['support'][2])
    count = collections.Counter()   # (doc, act) -> acts found as shipped
    no_candidate = collections.Counter()  # support acts holding no candidate word
    for r in found:
        count[(r['doc'], r['act'])] += 1
        if r['act'] == 'support' and not any(w.lower() in support_words
                                             for w in word.findall(r['trigger'])):
            no_candidate[r['doc']] += 1
    shipped = collections.Counter()  # (doc, act) -> candidates the shipped adding models took
    held_out = collections.Counter()  # (doc, act) -> candidates the held-out adding models take
    decided = collections.Counter()  # doc -> support candidates the held-out support model takes
    def taken(name, rows, probs, threshold):
        """The candidates a model takes at these probabilities, as verbale takes them: with
        NEAR, one taken within NEAR words after another adds no act (each labelled sentence
        is one document, so no sentence end stands between them)."""
        last = {}  # doc -> the word of the last candidate taken
        out = []
        for c, p in sorted(zip(rows, probs), key=lambda r: (r[0]['doc'], int(r[0]['word_no']))):
            if p < threshold:
                continue
            k = int(c['word_no'])
            if name in NEAR and c['doc'] in last and k - last[c['doc']] <= NEAR[name]:
                continue
            last[c['doc']] = k
            out.append(c)
        return out

    for name, (rows, pred) in held.items():
        act, mode, _ = SPECS[name]
        for c in taken(name, rows, pred, THRESHOLDS.get(name, THRESHOLD)):
            if mode == 'decide':
                decided[c['doc']] += 1
            else:
                held_out[(c['doc'], act)] += 1
        if mode == 'add':
            # What verbale itself added, at the threshold of the model's file.
            probs = [float(c['p']) for c in rows]
            for c in taken(name, rows, probs, file_thresholds.get(name, 1.1)):
                shipped[(c['doc'], act)] += 1
    acts = sorted({g['act'] for g in labels} | {r['act'] for r in found})
    table = collections.defaultdict(lambda: [0] * 6)  # split -> with models tp fp fn, without
    for r in sentences:
        i = r['id']
        for act in acts:
            n_gold = sum(1 for g in gold[i] if g['act'] == act)
            if act == 'support':
                # The acts the shipped support models added hold no word of the deciding one.
                base = decided[i] + no_candidate[i] - shipped[(i, act)]
            else:
                base = count[(i, act)] - shipped[(i, act)]
            with_models = base + held_out[(i, act)]
            t = table[r['split']]
            for k, n in ((0, with_models), (3, base)):
                t[k] += min(n_gold, n)
                t[k + 1] += max(0, n - n_gold)
                t[k + 2] += max(0, n_gold - n)

    def line(name, t):
        return (f'| {name} | {ratio(t[0], t[0] + t[1]):.3f} | {ratio(t[0], t[0] + t[2]):.3f} | '
                f'{t[0]} | {t[1]} | {ratio(t[3], t[3] + t[4]):.3f} | '
                f'{ratio(t[3], t[3] + t[5]):.3f} | {t[3]} | {t[4]} |')

    print('\n| split | precision | recall | right | false | without the adding models: precision | recall | right | false |')
    print('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
    total, last = [0] * 6, [0] * 6
    for s in sorted(table, key=lambda s: (len(s), s)):
        t = table[s]
        total = [a + b for a, b in zip(total, t)]
        if s in LAST:
            last = [a + b for a, b in zip(last, t)]
        print(line(s, t))
    print(line('fresh29 to fresh37', last))
    print(line('pooled', total))
    if args.write:
        for name, (m, vec, n) in fitted.items():
            act, mode, words = SPECS[name]
            names = vec.get_feature_names_out()
            rows = sorted(((n_, w) for n_, w in zip(names, m.coef_[0]) if abs(w) >= 0.001),
                          key=lambda r: (-abs(r[1]), r[0]))
            path = os.path.join(MODELS, f'{name}-model.tsv')
            with open(path, 'w', encoding='utf-8') as fh:
                fh.write(f'# The {name} model of the {act} act, written by tests/data/acts/fit_models.py '
                         f'from {n} candidates of {len(set(split_of.values()))} labelled splits '
                         f'(held out: {", ".join(args.hold_out) or "none"}).\n')
                fh.write(f'act\t{act}\nmode\t{mode}\n')
                if name in HEED_EXCEPTIONS:
                    fh.write('exceptions\theed\n')
                if name in NEAR:
                    fh.write(f'near\t{NEAR[name]}\n')
                fh.write(f'bias\t{m.intercept_[0]:.6f}\nthreshold\t{THRESHOLDS.get(name, THRESHOLD)}\n')
                for c in words:
                    fh.write(f'candidate\t{c}\n')
                for n_, w in rows:
                    fh.write(f'{n_}\t{w:.6f}\n')
            print(f'wrote {os.path.normpath(path)}: {len(rows)} features')


if __name__ == '__main__':
    sys.exit(main())
