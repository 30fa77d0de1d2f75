#!/usr/bin/env python3
"""Helper for the hand-labelled quote-span evaluation set.

Run from the repository root. The corpus path is given relative to the
repository root (default ../shared/corpus); no absolute paths are used.

    python3 tests/data/quotes/build_eval.py select    [--corpus ../shared/corpus]
    python3 tests/data/quotes/build_eval.py copy      [--corpus ../shared/corpus]
    python3 tests/data/quotes/build_eval.py candidates DOC [DOC ...]
    python3 tests/data/quotes/build_eval.py check

`select` re-runs the (seeded) sampling that chose the random part of the set and
prints the file names; `copy` copies the fixed list FILES byte for byte into
docs/ (broken_*.txt are hand-made and not touched); `candidates` prints every
quote-mark character of a doc with a naive pairing, for a human to review
(the labels themselves were written by reading each span, not by this code);
`check` validates labels.tsv and unpaired.tsv against docs/.
"""
import argparse
import collections
import os
import random
import re
import sys

HERE = os.path.join('tests', 'data', 'quotes')
DOCS = os.path.join(HERE, 'docs')

# (source folder, file name in corpus, doc name in docs/)
FILES = [
    # seed statement
    ('seed', '000_a7ca7be90a8cccf0.txt', 'seed'),
    # UNGD: every span directly preceded by a distancing cue
    ('ungd', 'AZE_75_2020.txt', None),
    ('ungd', 'BOL_76_2021.txt', None),
    ('ungd', 'BRA_63_2008.txt', None),
    ('ungd', 'BRB_75_2020.txt', None),
    ('ungd', 'CZE_77_2022.txt', None),
    ('ungd', 'ESP_75_2020.txt', None),
    ('ungd', 'GMB_63_2008.txt', None),
    ('ungd', 'IRN_76_2021.txt', None),
    ('ungd', 'JPN_68_2013.txt', None),
    ('ungd', 'LVA_75_2020.txt', None),
    ('ungd', 'MHL_75_2020.txt', None),
    ('ungd', 'MKD_76_2021.txt', None),
    ('ungd', 'PAK_75_2020.txt', None),
    ('ungd', 'PAK_76_2021.txt', None),
    ('ungd', 'PRK_65_2010.txt', None),
    ('ungd', 'QAT_63_2008.txt', None),
    ('ungd', 'RUS_73_2018.txt', None),
    ('ungd', 'RUS_75_2020.txt', None),
    ('ungd', 'RUS_76_2021.txt', None),
    ('ungd', 'SMR_75_2020.txt', None),
    ('ungd', 'SRB_68_2013.txt', None),
    ('ungd', 'SVK_62_2007.txt', None),
    ('ungd', 'SYR_75_2020.txt', None),
    ('ungd', 'VAT_75_2020.txt', None),
    ('ungd', 'VCT_75_2020.txt', None),
    # UNGD: style coverage (straight quotes, straight single quotes, mojibake,
    # low-9, backtick, reversed mark, single curly quotes, multi-paragraph)
    ('ungd', 'ZAF_60_2005.txt', None),
    ('ungd', 'BEL_60_2005.txt', None),
    ('ungd', 'CZE_62_2007.txt', None),
    ('ungd', 'NOR_62_2007.txt', None),
    ('ungd', 'NGA_62_2007.txt', None),
    ('ungd', 'MLT_62_2007.txt', None),
    ('ungd', 'ZWE_62_2007.txt', None),
    ('ungd', 'CYP_62_2007.txt', None),
    ('ungd', 'ROU_75_2020.txt', None),
    ('ungd', 'ZAF_63_2008.txt', None),
    ('ungd', 'ATG_65_2010.txt', None),
    ('ungd', 'SLB_76_2021.txt', None),
    ('ungd', 'NPL_75_2020.txt', None),
    ('ungd', 'CMR_69_2014.txt', None),
    # WH statements: the three with a distancing cue, then short ones
    ('wh_statements', '2022-02-22_readout-of-president-bidens-meeting-with-foreign-minister-ku.txt', None),
    ('wh_statements', '2023-09-21_c51-leaders-joint-statement.txt', None),
    ('wh_statements', '2024-02-24_g7-leaders-statement-7.txt', None),
    # WH statements with single curly marks (‘ used as quote, as reversed apostrophe)
    ('wh_statements', '2023-12-02_readout-of-vice-president-kamala-harriss-meeting-with-his-ma.txt', None),
    ('wh_statements', '2024-08-20_readout-of-national-security-advisor-jake-sullivans-call-wit.txt', None),
    ('wh_statements', '2022-11-15_united-states-indonesia-eu-joint-statement-on-partnership-fo.txt', None),
    ('wh_statements', '2024-10-11_statement-from-national-security-advisor-jake-sullivan-on-ex.txt', None),
    ('wh_statements', '2022-07-31_readout-of-aukus-joint-steering-group-meetings-2.txt', None),
]
# random part, filled from `select` output (seed 20240611); kept literal so that
# `copy` never depends on the random module's implementation.
RANDOM_FILES = [
    ('ungd', 'SEN_76_2021.txt', None),
    ('ungd', 'ZMB_72_2017.txt', None),
    ('ungd', 'IND_76_2021.txt', None),
    ('ungd', 'FSM_67_2012.txt', None),
    ('ungd', 'COM_70_2015.txt', None),
    ('ungd', 'JOR_67_2012.txt', None),
    ('ungd', 'TZA_61_2006.txt', None),
    ('ungd', 'VEN_60_2005.txt', None),
    ('ungd', 'NRU_61_2006.txt', None),
    ('ungd', 'BRB_67_2012.txt', None),
    ('ungd', 'ZAF_67_2012.txt', None),
    ('ungd', 'LBN_66_2011.txt', None),
    ('ungd', 'BLR_71_2016.txt', None),
    ('ungd', 'MAR_60_2005.txt', None),
    ('wh_statements', '2022-11-19_readout-of-vice-president-harriss-meeting-with-prime-ministe.txt', None),
    ('wh_statements', '2023-08-16_readout-of-president-joe-bidens-call-with-president-luiz-ina.txt', None),
    ('wh_statements', '2024-02-23_joint-statement-of-the-p3.txt', None),
    ('wh_statements', '2024-04-04_statement-from-president-joe-biden-on-natos-75th-anniversary.txt', None),
    ('wh_statements', '2023-04-04_statement-from-president-joe-biden-welcoming-finland-to-nato.txt', None),
    ('wh_statements', '2023-09-18_statement-from-president-joe-biden-on-the-return-of-american.txt', None),
    ('wh_statements', '2022-11-02_statement-by-vice-president-kamala-harris-on-iran-protests-a.txt', None),
    ('wh_statements', '2023-04-26_joint-statement-from-the-presidents-of-the-united-states-of.txt', None),
    ('wh_statements', '2022-01-27_readout-of-president-bidens-call-with-president-zelenskyy-of.txt', None),
    ('wh_statements', '2024-09-20_readout-of-president-bidens-meeting-with-prime-minister-alba.txt', None),
]

CUE = re.compile(
    r"(so[- ]called|alleged(?:ly)?|self[- ]proclaimed|self[- ]styled|sham|pseudo|"
    r"purported(?:ly)?|supposed(?:ly)?|what (?:they|some|he|she|we) (?:call|calls|called|term)|"
    r"euphemistically (?:called|termed|known as|referred to as)|fake|bogus|notorious)\s*[“\"‘«„]",
    re.I)


def all_files():
    return FILES + RANDOM_FILES


def doc_name(src, fname, name):
    if name:
        return name
    stem = fname[:-4]
    return ('ungd_' + stem) if src == 'ungd' else ('wh_' + stem)


def cmd_copy(a):
    os.makedirs(DOCS, exist_ok=True)
    total = 0
    for src, fname, name in all_files():
        data = open(os.path.join(a.corpus, src, fname), 'rb').read()
        out = os.path.join(DOCS, doc_name(src, fname, name) + '.txt')
        open(out, 'wb').write(data)
        total += len(data)
    print('copied', len(all_files()), 'files,', total, 'bytes')


def simple_spans(t):
    """“...” within one paragraph, for sampling only."""
    for m in re.finditer(r'“([^“”\n]|\n(?! ))+”', t):
        yield m


def cmd_select(a):
    rng = random.Random(20240611)
    chosen = {f for _, f, _ in all_files()}
    short, long_ = [], []
    d = os.path.join(a.corpus, 'ungd')
    for f in sorted(os.listdir(d)):
        if not f.endswith('.txt') or f in chosen:
            continue
        b = open(os.path.join(d, f), 'rb').read()
        t = b.decode('utf-8')
        nm = sum(t.count(c) for c in '“”"‘')
        if len(b) > 14000 or nm > 10 or nm == 0 or t.count('“') != t.count('”'):
            continue
        for m in simple_spans(t):
            w = len(m.group(0)[1:-1].split())
            if 1 <= w <= 4:
                short.append((f, m.start()))
            elif w >= 10:
                long_.append((f, m.start()))
    pick = []
    for pool, n in ((short, 8), (long_, 6)):
        for f, off in rng.sample(pool, len(pool)):
            if f not in chosen and len([p for p in pick if p[0] == 'ungd']) < 99:
                pick.append(('ungd', f)); chosen.add(f)
                n -= 1
                if n == 0:
                    break
    d = os.path.join(a.corpus, 'wh_statements')
    whs = []
    for f in sorted(os.listdir(d)):
        if not f.endswith('.txt') or f in chosen:
            continue
        b = open(os.path.join(d, f), 'rb').read()
        t = b.decode('utf-8')
        if '“' in t and len(b) <= 3500:
            whs.append(f)
    for f in rng.sample(whs, 10):
        pick.append(('wh_statements', f))
    for p in pick:
        print(repr((p[0], p[1], None)) + ',')


# ---------------------------------------------------------------- candidates
MOJI_OPEN = 'â€œ'
MOJI_CLOSE = 'â€\u009d'
MARKCHARS = '“”‘’"\'«»„‚`´‹›'


def marks(t):
    """Yield (char_index, mark_string) for every quote-mark-like token."""
    i = 0
    n = len(t)
    while i < n:
        if t.startswith(MOJI_OPEN, i) or t.startswith(MOJI_CLOSE, i) or t.startswith('â€˜', i) or t.startswith('â€™', i):
            yield i, t[i:i + 3]
            i += 3
            continue
        if t.startswith('â€”', i) or t.startswith('â€“', i):
            yield i, t[i:i + 3]  # mojibake dash; contains ” but is not a quote
            i += 3
            continue
        if t[i] in MARKCHARS:
            yield i, t[i]
        i += 1


def is_apostrophe(t, i):
    c = t[i]
    if c not in "’'´`‘":
        return False
    if c == '‘':
        return (t[i - 1].isalpha() if i else False) and (t[i + 1].isalpha() if i + 1 < len(t) else False)
    prev = t[i - 1] if i else ' '
    nxt = t[i + 1] if i + 1 < len(t) else ' '
    if prev.isalnum() and nxt.isalnum():
        return True
    if nxt.isdigit() and not prev.isalnum():
        return True  # ’80s
    if prev in 'sS' and not nxt.isalnum():
        return None  # plural possessive or closing quote
    return False


def cmd_candidates(a):
    for doc in a.docs:
        b = open(os.path.join(DOCS, doc + '.txt'), 'rb').read()
        t = b.decode('utf-8')
        # char index -> byte offset
        boff = [0] * (len(t) + 1)
        acc = 0
        for k, ch in enumerate(t):
            boff[k] = acc
            acc += len(ch.encode('utf-8'))
        boff[len(t)] = acc
        print('=' * 20, doc, len(b), 'bytes')
        stack_d = []
        stack_s = []
        strq = None
        for i, m in marks(t):
            ctx = t[max(0, i - 45):i + 60].replace('\n', '⏎')
            apos = is_apostrophe(t, i) if len(m) == 1 else False
            if apos is True:
                continue
            print('%6d %-4r %s%s' % (boff[i], m, '(s?) ' if apos is None else '', ctx))


# --------------------------------------------------------------------- check
def read_tsv(p):
    rows = []
    with open(p, encoding='utf-8') as fh:
        head = fh.readline().rstrip('\n').split('\t')
        for ln, line in enumerate(fh, 2):
            line = line.rstrip('\n')
            if not line:
                continue
            f = line.split('\t')
            if len(f) != len(head):
                sys.exit('%s:%d: %d fields, expected %d' % (p, ln, len(f), len(head)))
            rows.append(dict(zip(head, f), _line=ln))
    return head, rows


OPENERS = {'“', '‘', '"', "'", '«', '„', '`', MOJI_OPEN, '”', '‚'}
CLOSERS = {'”', '’', '"', "'", '»', '“', MOJI_CLOSE, '´', '‘'}


def mark_at(b, off):
    """Decode the mark starting at byte off (1 char, or the 3-char mojibake)."""
    for L in (7, 4, 3, 2, 1):
        try:
            s = b[off:off + L].decode('utf-8')
        except UnicodeDecodeError:
            continue
        if s.startswith(MOJI_OPEN) or s.startswith(MOJI_CLOSE):
            return s[:3]
    for L in (1, 2, 3, 4):
        try:
            return b[off:off + L].decode('utf-8')
        except UnicodeDecodeError:
            pass
    return None


def cmd_check(a):
    _, labels = read_tsv(os.path.join(HERE, 'labels.tsv'))
    _, unp = read_tsv(os.path.join(HERE, 'unpaired.tsv'))
    docs = {f[:-4]: open(os.path.join(DOCS, f), 'rb').read() for f in os.listdir(DOCS) if f.endswith('.txt')}
    err = 0
    bydoc = collections.defaultdict(list)
    kinds = collections.Counter()
    styles = collections.Counter()
    for r in labels:
        d = r['doc']
        if d not in docs:
            print('unknown doc', r); err += 1; continue
        b = docs[d]
        o, c = int(r['open']), int(r['close'])
        mo, mc = mark_at(b, o), mark_at(b, c)
        if mo not in OPENERS or mc not in CLOSERS or c <= o:
            print('bad marks', d, o, c, repr(mo), repr(mc)); err += 1
        if mo + mc != r['style']:
            print('style mismatch', d, o, repr(mo + mc), repr(r['style'])); err += 1
        if r['kind'] not in ('scare', 'term', 'title', 'direct'):
            print('bad kind', r); err += 1
        txt = b[o + len(mo.encode()):c].decode('utf-8')
        norm = re.sub(r'[\t\n]', ' ', txt)
        if norm != r['text']:
            print('text mismatch', d, o, repr(norm[:60]), repr(r['text'][:60])); err += 1
        bydoc[d].append((o, c))
        kinds[r['kind']] += 1
        styles[r['style']] += 1
    for d, sp in bydoc.items():
        sp.sort()
        for i in range(len(sp)):
            for j in range(i + 1, len(sp)):
                (o1, c1), (o2, c2) = sp[i], sp[j]
                if o2 < c1 and c2 > c1:
                    print('partial overlap', d, sp[i], sp[j]); err += 1
                if o2 == o1 or o2 == c1 or c2 == c1:
                    print('shared mark', d, sp[i], sp[j]); err += 1
    used = collections.defaultdict(set)
    for d, sp in bydoc.items():
        for o, c in sp:
            used[d].add(o); used[d].add(c)
    for r in unp:
        d = r['doc']; o = int(r['offset'])
        m = mark_at(docs[d], o)
        if m != r['mark']:
            print('unpaired mark mismatch', d, o, repr(m), repr(r['mark'])); err += 1
        if o in used[d]:
            print('unpaired mark is in a span', d, o); err += 1
        used[d].add(o)
    # every non-apostrophe mark of each doc must be accounted for
    for d, b in sorted(docs.items()):
        t = b.decode('utf-8')
        acc = 0
        boff = []
        for ch in t:
            boff.append(acc); acc += len(ch.encode())
        for i, m in marks(t):
            if m in ('â€”', 'â€“', 'â€™', 'â€˜') or m == '´':
                continue
            if len(m) == 1 and is_apostrophe(t, i) is True:
                continue
            if boff[i] not in used[d]:
                if (i and t[i - 1] == '\n' and
                        any(o < boff[i] < c and mark_at(b, o) == m for o, c in bydoc.get(d, []))):
                    continue  # paragraph-opening mark inside a multi-paragraph quotation
                if m in ('’', "'") and is_apostrophe(t, i) is None:
                    continue  # s’ plural possessive, not listed
                print('unaccounted mark', d, boff[i], repr(m), repr(t[max(0, i - 30):i + 30])); err += 1
        if d not in bydoc and not any(r['doc'] == d for r in unp):
            print('doc without labels', d)
    nb = sum(len(b) for b in docs.values())
    print('docs', len(docs), 'bytes', nb, 'spans', len(labels), 'unpaired', len(unp))
    print('kinds', dict(kinds))
    print('styles', dict(styles))
    print('errors', err)
    return err


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('cmd')
    ap.add_argument('docs', nargs='*')
    ap.add_argument('--corpus', default=os.path.join('..', 'shared', 'corpus'))
    a = ap.parse_args()
    if not os.path.isdir(HERE):
        sys.exit('run from the repository root')
    sys.exit({'copy': cmd_copy, 'select': cmd_select, 'candidates': cmd_candidates,
              'check': cmd_check}[a.cmd](a) or 0)


if __name__ == '__main__':
    main()
