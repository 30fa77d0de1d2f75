#!/usr/bin/env python3
"""Corpus-level evidence for every quotation span verbale finds: how often the quoted text, and its
words, stand inside quotation marks or bare in the whole collection and in the same document.
Nothing here reads a label; verbale could compute all of it from the corpus it analyses.

Usage:
    python3 corpus_features.py VERBALE_BINARY CORPUS_DIR OUT_DIR [COLLECTION ...]

    COLLECTION defaults to: ungd ungd_1946_2004 wh_statements (sub-folders of CORPUS_DIR, one .txt
    per document). The collections are processed one at a time (verbale runs with -j 2).

Writes into OUT_DIR:
    quotes_COLL.csv   `verbale quotes --no-meta -q -f csv COLL/` (every span of the collection)
    freq_COLL.csv     `verbale freq --no-meta -q --no-stem --stopwords none -f csv COLL/`
                      (lower-cased word, count, quoted count)
    span_corpus.tsv   one row per span of every collection, keyed by corpus, doc, open:

  norm            the quoted text case-folded, ’ read as ', whitespace collapsed, outer punctuation
                  stripped ("Elections," -> elections)
  q_corpus        spans with the same norm elsewhere in the collection (this span not counted)
  q_docs          documents other than this one quoting the same norm
  q_cue_corpus    of those other spans, how many verbale gives a distancing cue (`cue` column)
  q_scare_corpus  of those other spans, how many verbale's own classifier calls scare
  bare_corpus     occurrences of norm's word sequence in the collection outside every quotation
                  span (word-boundary match on case-folded words)
  in_quote_corpus occurrences inside some other, longer quotation (e.g. inside a direct quote)
  q_doc           spans with the same norm elsewhere in the same document
  bare_doc        bare occurrences in the same document
  w_min_count     corpus count of the rarest content word of the span (freq table)
  w_max_qratio    highest quoted/count ratio among the span's content words (freq table)
  w_mean_qratio   mean of that ratio over the content words

Offsets: verbale gives byte offsets; the texts are tokenised on decoded characters and each token's
byte offset is computed so a token is "inside" a span when open <= byte < close.
"""
import collections
import csv
import io
import re
import subprocess
import sys
from pathlib import Path

import numpy as np

csv.field_size_limit(1 << 30)
STOP = set("""a an the of and or to in on for by with at from as is are was were be been this that
these those it its their his her our your my we they he she you i not no but so than then there""".split())
WORD = re.compile(r"\w+(?:['’\-]\w+)*")
MAXN = 8  # phrases of up to 8 words are looked up bare; longer ones get bare counts of 0


def norm(text):
    t = text.casefold().replace("’", "'").replace("‘", "'")
    t = re.sub(r"\s+", " ", t).strip()
    return t.strip(" .,;:!?\"'()[]-–—…").strip()


def toks(text):
    return [m.group(0).replace("’", "'") for m in WORD.finditer(text.casefold())]


def byte_offsets(text):
    """Byte offset (UTF-8) of every character of text."""
    cp = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    ln = np.where(cp < 0x80, 1, np.where(cp < 0x800, 2, np.where(cp < 0x10000, 3, 4)))
    return np.concatenate([[0], np.cumsum(ln)[:-1]]) if len(cp) else np.zeros(0, int)


def run(cmd):
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def collection(verbale, cdir, name, out):
    qcsv = run([verbale, "quotes", "--no-meta", "-q", "-j", "2", "-f", "csv", str(cdir)])
    (out / f"quotes_{name}.csv").write_text(qcsv, encoding="utf-8")
    fcsv = run([verbale, "freq", "--no-meta", "-q", "-j", "2", "--no-stem", "--stopwords", "none",
                "-f", "csv", str(cdir)])
    (out / f"freq_{name}.csv").write_text(fcsv, encoding="utf-8")
    spans = list(csv.DictReader(io.StringIO(qcsv)))
    freq = {r["term"]: (int(r["count"]), int(r["quoted"])) for r in csv.DictReader(io.StringIO(fcsv))}
    for s in spans:
        s["norm"] = norm(s["text"])
        s["ntoks"] = tuple(toks(s["norm"]))
    by_doc = collections.defaultdict(list)
    for s in spans:
        by_doc[s["doc"]].append(s)
    targets = {s["ntoks"] for s in spans if 0 < len(s["ntoks"]) <= MAXN}
    firsts = collections.defaultdict(set)   # first word -> lengths of the target phrases
    for t in targets:
        firsts[t[0]].add(len(t))
    # bare and in-other-quote occurrences, per document
    bare = collections.defaultdict(collections.Counter)    # doc -> ntoks -> count
    inq = collections.defaultdict(collections.Counter)
    files = sorted(p for p in cdir.glob("*.txt"))
    for p in files:
        doc = p.stem
        text = p.read_text(encoding="utf-8", errors="replace")
        bo = byte_offsets(text)
        ms = list(WORD.finditer(text.casefold()))
        # casefold can change length for a few characters; fall back to original text then
        if len(text.casefold()) != len(text):
            ms = list(WORD.finditer(text))
        tk = [m.group(0).casefold().replace("’", "'") for m in ms]
        starts = np.array([bo[m.start()] for m in ms], dtype=np.int64) if ms else np.zeros(0, np.int64)
        iv = sorted((int(s["open"]), int(s["close"])) for s in by_doc.get(doc, []))
        inside = np.zeros(len(tk), bool)
        for o, c in iv:
            inside[(starts > o) & (starts < c)] = True
        # which span (if any) exactly covers tokens i..j: the span's own occurrence
        own = {}
        for s in by_doc.get(doc, []):
            o, c = int(s["open"]), int(s["close"])
            idx = np.nonzero((starts > o) & (starts < c))[0]
            if len(idx):
                own[(int(idx[0]), len(s["ntoks"]))] = True
        for i, w in enumerate(tk):
            for n in firsts.get(w, ()):
                t = tuple(tk[i:i + n])
                if t in targets:
                    if not inside[i:i + n].any():
                        bare[doc][t] += 1
                    elif (i, n) not in own:
                        inq[doc][t] += 1
    # quoted counts by norm
    qn = collections.Counter(s["norm"] for s in spans)
    qn_doc = collections.Counter((s["doc"], s["norm"]) for s in spans)
    qdocs = collections.defaultdict(set)
    qcue = collections.Counter()
    qscare = collections.Counter()
    qcue_doc = collections.Counter()
    for s in spans:
        qdocs[s["norm"]].add(s["doc"])
        if s["cue"]:
            qcue[s["norm"]] += 1
            qcue_doc[(s["doc"], s["norm"])] += 1
        if s["kind"] == "scare":
            qscare[s["norm"]] += 1
    bare_tot = collections.Counter()
    inq_tot = collections.Counter()
    for d in bare:
        bare_tot.update(bare[d])
    for d in inq:
        inq_tot.update(inq[d])
    rows = []
    for s in spans:
        n, t, d = s["norm"], s["ntoks"], s["doc"]
        content = [w for w in t if w not in STOP and not w.isdigit()] or list(t)
        fc = [freq.get(w, (0, 0)) for w in content]
        ratios = [q / c for c, q in fc if c]
        rows.append({
            "corpus": name, "doc": d, "open": s["open"], "norm": n,
            "q_corpus": qn[n] - 1,
            "q_docs": len(qdocs[n] - {d}),
            "q_cue_corpus": qcue[n] - (1 if s["cue"] else 0),
            "q_scare_corpus": qscare[n] - (1 if s["kind"] == "scare" else 0),
            "bare_corpus": bare_tot[t] if t else 0,
            "in_quote_corpus": inq_tot[t] if t else 0,
            "q_doc": qn_doc[(d, n)] - 1,
            "q_cue_doc": qcue_doc[(d, n)] - (1 if s["cue"] else 0),
            "bare_doc": bare[d][t] if t else 0,
            "w_min_count": min((c for c, _ in fc), default=0),
            "w_max_qratio": round(max(ratios, default=0.0), 5),
            "w_mean_qratio": round(float(np.mean(ratios)) if ratios else 0.0, 5),
        })
    print(f"{name}: {len(files)} documents, {len(spans)} spans", file=sys.stderr)
    return rows


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    verbale, corpus, out = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    names = sys.argv[4:] or ["ungd", "ungd_1946_2004", "wh_statements"]
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    for name in names:
        rows += collection(verbale, corpus / name, name, out)
    with open(out / "span_corpus.tsv", "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]), delimiter="\t", lineterminator="\n",
                           quoting=csv.QUOTE_NONE, escapechar="\\")
        w.writeheader()
        for r in rows:
            r["norm"] = r["norm"].replace("\t", " ").replace("\n", " ").replace("\\", "")
            w.writerow(r)
    print(f"wrote {len(rows)} rows to {out / 'span_corpus.tsv'}", file=sys.stderr)


if __name__ == "__main__":
    main()
