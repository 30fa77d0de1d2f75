#!/usr/bin/env python3
"""Fits, evaluates and writes verbale's quotation classifier (data/lexicons/en/quote-model.tsv).

The features are the ones verbale computes itself: this script runs `verbale quotes --explain`
on the labelled spans' documents and reads its `features` column, so what is fitted is exactly
what verbale weighs. The model is a multinomial logistic regression (scare / term / title /
direct) whose probabilities are calibrated by one temperature.

Evaluation (printed): 5 outer folds grouped by document; in each, 4 inner grouped folds of the
training part alone choose the regularisation C (by scare F1) and fit the temperature (by
log-loss on the inner held-out predictions); the outer fold is predicted by a model fitted on
the whole training part. Precision, recall and F1 per kind and fold, pooled, per era and for the
uniform `random` stratum alone; the reliability of the calibrated scare probability; precision
and recall of scare at thresholds of --min-confidence.

The spans of documents in tests/data/quotes/docs are never fitted on: that set is the held-out
check `cargo test` runs on the shipped weights (tests/quotes_eval.rs).

With --learning-curve, also: the same outer folds with each training part cut to a quarter, a
half and three quarters of its documents (three draws each, a fixed seed), C as the full fit
chooses it, to show how scare F1 grows with labelled data.

Usage: python3 tests/data/scare/fit_model.py VERBALE_BINARY [CORPUS_DIR] [--write] [--learning-curve]
    CORPUS_DIR defaults to ../shared/corpus beside the repository. With --write, fits on every
    training span (C by 5 grouped folds, the temperature on their held-out predictions) and
    writes the weights file and tests/data/scare/cv_model.tsv (each span's outer-fold
    prediction). Needs numpy, scipy and scikit-learn.
"""
import csv
import io
import math
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
from scipy.optimize import minimize_scalar
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

csv.field_size_limit(1 << 30)
here = Path(__file__).resolve().parent
repo = here.parents[2]
KINDS = ["scare", "term", "title", "direct"]
CS = [0.1, 0.3, 1.0, 3.0, 10.0]
THRESHOLDS = [0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
MODEL = repo / "data/lexicons/en/quote-model.tsv"
sys.path.insert(0, str(here))
from fit_context import prf  # noqa: E402  (precision, recall, F1 of one kind)


def feature_names():
    """FEATURES of src/quotes/model.rs, in order."""
    src = (repo / "src/quotes/model.rs").read_text(encoding="utf-8")
    block = src[src.index("pub const FEATURES"):]
    block = block[block.index("= [") + 3:block.index("];")]
    return re.findall(r'"([^"]+)"', block)


def tsv(name):
    with open(here / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def held_out_docs():
    """The documents of tests/data/quotes, named as in candidates.tsv (corpus, doc)."""
    out = set()
    for p in (repo / "tests/data/quotes/docs").glob("*.txt"):
        name = p.stem
        if name.startswith("ungd_"):
            out.add(("ungd", name[5:]))
        elif name.startswith("wh_"):
            out.add(("wh_statements", name[3:]))
    return out


def load(verbale, corpus):
    names = feature_names()
    col = {n: j for j, n in enumerate(names)}
    cands = tsv("candidates.tsv")
    labels = {r["id"]: r["kind"] for r in tsv("labels.tsv")}
    by_corpus = defaultdict(set)
    for c in cands:
        by_corpus[c["corpus"]].add(c["doc"])
    spans = {}
    for name, docs in sorted(by_corpus.items()):
        files = [str(corpus / name / f"{d}.txt") for d in sorted(docs)]
        out = subprocess.run([verbale, "quotes", "--no-meta", "-q", "-f", "csv", "--explain", *files],
                             check=True, capture_output=True, text=True).stdout
        for r in csv.DictReader(io.StringIO(out)):
            spans[(name, r["doc"], int(r["open"]))] = r
    held = held_out_docs()
    rows, X, missing = [], [], 0
    for c in cands:
        if labels[c["id"]] not in KINDS:
            continue
        s = spans.get((c["corpus"], c["doc"], int(c["open"])))
        if s is None:
            missing += 1
            continue
        x = np.zeros(len(names))
        x[0] = 1.0
        for f in s["features"].split():
            n, _, v = f.partition("=")
            x[col[n]] = float(v) if v else 1.0
        rows.append({"id": c["id"], "corpus": c["corpus"], "doc": c["doc"], "stratum": c["stratum"],
                     "label": labels[c["id"]], "text": c["text"],
                     "held": (c["corpus"], c["doc"]) in held})
        X.append(x)
    print(f"{len(rows)} labelled spans joined to verbale's ({missing} not found)")
    return names, rows, np.array(X)


def fit(X, y, C):
    # The bias is a feature: every weight is in the file.
    return LogisticRegression(C=C, fit_intercept=False, max_iter=10000).fit(X, y)


def logits(m, X):
    return X @ m.coef_.T


def softmax(z):
    z = z - z.max(1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(1, keepdims=True)


def temperature(Z, y):
    """The T minimising the log-loss of softmax(Z / T)."""
    def nll(logt):
        P = softmax(Z / math.exp(logt))
        return -np.mean(np.log(P[np.arange(len(y)), y] + 1e-12))
    return math.exp(minimize_scalar(nll, bounds=(-3, 3), method="bounded").x)


def decide(P, t):
    """verbale's call: the likeliest kind, but scare only with p_scare >= t."""
    k = P.argmax(1)
    other = P[:, 1:].argmax(1) + 1
    return np.where((k == 0) & (P[:, 0] < t), other, k)


def inner_oof(X, y, g, C, folds):
    """Held-out logits of grouped folds."""
    Z = np.zeros((len(y), len(KINDS)))
    for tr, te in GroupKFold(n_splits=folds).split(X, y, g):
        Z[te] = logits(fit(X[tr], y[tr], C), X[te])
    return Z


def choose(X, y, g, folds):
    """C by held-out scare F1 of grouped folds; the temperature of its held-out logits."""
    best = None
    for C in CS:
        Z = inner_oof(X, y, g, C, folds)
        f = prf(y, Z.argmax(1))[2]
        if best is None or f > best[0] + 1e-12:
            best = (f, C, Z)
    _, C, Z = best
    return C, temperature(Z, y)


def line(cells):
    return "  ".join(f"P{a:.2f} R{b:.2f} F{c:.2f}" for a, b, c in cells)


def evaluate(rows, X, y, g):
    n = len(y)
    P = np.zeros((n, len(KINDS)))
    fold = np.zeros(n, int)
    print(f"\n5 outer folds grouped by document; C and temperature chosen by 4 inner folds\n")
    print("fold  " + "  ".join(f"{k:>18}" for k in KINDS) + "   macro F1   C     T")
    for i, (tr, te) in enumerate(GroupKFold(n_splits=5).split(X, y, g)):
        C, T = choose(X[tr], y[tr], g[tr], 4)
        P[te] = softmax(logits(fit(X[tr], y[tr], C), X[te]) / T)
        fold[te] = i
        p = P[te].argmax(1)
        cells = [prf(y[te], p, k) for k in range(4)]
        print(f"{i + 1:>4}  {line(cells)}   {np.mean([c[2] for c in cells]):.3f}   {C:<5} {T:.2f}")
    pred = P.argmax(1)
    cells = [prf(y, pred, k) for k in range(4)]
    print(f"pool  {line(cells)}   {np.mean([c[2] for c in cells]):.3f}")
    for name, s in [("1946-2004", np.array([r["corpus"] == "ungd_1946_2004" for r in rows])),
                    ("2005-2022 and White House", np.array([r["corpus"] != "ungd_1946_2004" for r in rows])),
                    ("random stratum", np.array([r["stratum"] == "random" for r in rows])),
                    ("cue stratum", np.array([r["stratum"] == "cue" for r in rows]))]:
        c = [prf(y[s], pred[s], k) for k in range(4)]
        print(f"{name} ({s.sum()} spans, {int(np.sum(y[s] == 0))} scare): scare P {c[0][0]:.2f} "
              f"R {c[0][1]:.2f} F1 {c[0][2]:.2f}; macro F1 {np.mean([x[2] for x in c]):.3f}")
    print("\nreliability of the held-out scare probability (all spans whose p_scare is in the bin)")
    print("| p_scare | spans | scare | share scare | mean p_scare |")
    print("| --- | ---: | ---: | ---: | ---: |")
    conf = P[:, 0]
    for lo in np.arange(0, 1, 0.1):
        s = (conf >= lo) & (conf < lo + 0.1 + (1e-9 if lo > 0.85 else 0))
        if s.sum():
            print(f"| {lo:.1f}–{lo + 0.1:.1f} | {s.sum()} | {int(np.sum(y[s] == 0))} | "
                  f"{np.mean(y[s] == 0):.2f} | {conf[s].mean():.2f} |")
    print("\nscare by --min-confidence (held-out, pooled; the random stratum alone in brackets)")
    print("| --min-confidence | scare calls | precision | recall | F1 | random stratum P / R |")
    print("| ---: | ---: | ---: | ---: | ---: | --- |")
    rnd = np.array([r["stratum"] == "random" for r in rows])
    for t in THRESHOLDS:
        d = decide(P, t)
        a, b, c = prf(y, d)
        ra, rb, _ = prf(y[rnd], d[rnd])
        print(f"| {t:.1f} | {int(np.sum(d == 0))} | {a:.2f} | {b:.2f} | {c:.2f} | {ra:.2f} / {rb:.2f} |")
    return P


def learning_curve(X, y, g, C):
    """Pooled held-out scare F1 (the likeliest kind, and the best --min-confidence-like cut of
    p_scare at 0.2-0.5) when each outer fold's training part keeps a share of its documents."""
    rng = np.random.default_rng(20261207)
    print(f"\nlearning curve: 5 outer folds grouped by document, C={C}, each training part cut")
    print("| share of training documents | spans fitted (mean) | scare F1 | best scare F1 over p_scare cuts |")
    print("| ---: | ---: | ---: | ---: |")
    for share in [0.25, 0.5, 0.75, 1.0]:
        draws = 3 if share < 1 else 1
        f1, best, fitted = [], [], []
        for _ in range(draws):
            P = np.zeros((len(y), len(KINDS)))
            for tr, te in GroupKFold(n_splits=5).split(X, y, g):
                docs = np.unique(g[tr])
                keep = set(rng.choice(docs, int(round(len(docs) * share)), replace=False))
                part = np.array([i for i in tr if g[i] in keep])
                fitted.append(len(part))
                P[te] = softmax(logits(fit(X[part], y[part], C), X[te]))
            f1.append(prf(y, P.argmax(1))[2])
            cuts = [np.where(P[:, 0] >= t, 0, P[:, 1:].argmax(1) + 1) for t in (0.2, 0.3, 0.4, 0.5)]
            best.append(max(prf(y, d)[2] for d in cuts))
        print(f"| {share:.2f} | {np.mean(fitted):.0f} | {np.mean(f1):.3f} | {np.mean(best):.3f} |")


def write(names, rows, X, y, g, P):
    C, T = choose(X, y, g, 5)
    m = fit(X, y, C)
    W = m.coef_
    with open(MODEL, "w", encoding="utf-8") as f:
        f.write("# verbale's quotation classifier for English: multinomial logistic regression weights\n")
        f.write(f"# and calibrating temperature, fitted by tests/data/scare/fit_model.py on {len(y)} labelled\n")
        f.write(f"# spans ({int(np.sum(y == 0))} scare) of {len(set(g))} documents, C={C} chosen by 5 folds grouped by\n")
        f.write("# document. A span's probability of each kind is softmax(sum of weight x feature / T).\n")
        f.write(f"temperature\t{T:.4f}\n")
        f.write("feature\t" + "\t".join(KINDS) + "\n")
        for j, name in enumerate(names):
            f.write(name + "\t" + "\t".join(f"{W[k][j]:.4f}" for k in range(4)) + "\n")
    with open(here / "cv_model.tsv", "w", encoding="utf-8") as f:
        f.write("id\tcorpus\tdoc\tstratum\tlabel\tpredicted\t" + "\t".join(f"p_{k}" for k in KINDS) + "\ttext\n")
        for r, p in zip(rows, P):
            f.write(f'{r["id"]}\t{r["corpus"]}\t{r["doc"]}\t{r["stratum"]}\t{r["label"]}\t'
                    f'{KINDS[int(p.argmax())]}\t' + "\t".join(f"{x:.3f}" for x in p) + f'\t{r["text"]}\n')
    print(f"\nwrote {MODEL.relative_to(repo)} (C={C}, T={T:.3f}) and tests/data/scare/cv_model.tsv")
    order = np.argsort(-W[0])
    print("largest scare weights: " + ", ".join(f"{names[j]} {W[0][j]:+.2f}" for j in order[:12]))
    print("most negative: " + ", ".join(f"{names[j]} {W[0][j]:+.2f}" for j in order[-8:]))


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if not args:
        sys.exit(__doc__)
    verbale = args[0]
    corpus = Path(args[1] if len(args) > 1 else repo.parent / "shared/corpus").resolve()
    names, rows, X = load(verbale, corpus)
    keep = np.array([not r["held"] for r in rows])
    print(f"{int((~keep).sum())} spans of tests/data/quotes' documents left out (held out for cargo test)")
    rows = [r for r, k in zip(rows, keep) if k]
    X = X[keep]
    y = np.array([KINDS.index(r["label"]) for r in rows])
    g = np.array([f'{r["corpus"]}/{r["doc"]}' for r in rows])
    print(f"{len(y)} spans ({int(np.sum(y == 0))} scare) of {len(set(g))} documents, {X.shape[1]} features")
    P = evaluate(rows, X, y, g)
    if "--learning-curve" in sys.argv:
        learning_curve(X, y, g, choose(X, y, g, 5)[0])
    if "--write" in sys.argv:
        write(names, rows, X, y, g, P)


if __name__ == "__main__":
    main()
