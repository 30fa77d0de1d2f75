#!/usr/bin/env python3
"""Fits verbale's quotation classifier: a multinomial logistic regression over the evidence of
each span (features.tsv, made by features.py), cross-validated by document (GroupKFold, 5 folds),
calibrated on the held-out folds, and writes its weights for verbale to read.

Usage: python3 tests/data/scare/fit.py [--write]     (needs numpy and scikit-learn)
Prints per-fold and pooled precision, recall and F1 per kind (and per era: 1946-2004,
2005-2022 with the White House statements), the reliability of the scare confidence on the
held-out folds, and precision and recall by threshold. With --write, writes the weights fitted
on every labelled span (quote-model.tsv) and each span's held-out prediction (cv.tsv) beside
this script.

The features are computed from the columns of verbale's quotes table only, so that verbale
could compute the same ones. verbale does not read these weights yet: fitted on this evidence
alone the model is no better than the hand-set one (see README.md, "Agreement and baselines").
"""
import csv
import math
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

here = Path(__file__).resolve().parent
KINDS = ["scare", "term", "title", "direct"]
STRONG = ["self-proclaimed", "self-styled", "self-declared", "self-appointed", "purported",
          "pseudo", "sham", "bogus", "fake", "misnamed", "illegitimate", "phony", "phoney",
          "fictitious", "spurious", "trumped-up", "would-be", "quasi"]
NAMING = ["call", "term", "dub", "name", "known"]

FEATURES = [
    "bias", "words_log", "one_word", "short", "long", "cue_so_called", "cue_strong",
    "cue_naming", "cue_other", "cue_title", "reporting", "colon", "sentence_punct",
    "title_case", "title_case_multi", "naming", "contrast", "contrast_short", "condemning_1",
    "condemning_2", "contrast_condemning", "nested",
]


def cue_class(cue):
    if not cue:
        return None
    if any(s in cue for s in STRONG):
        return "strong"
    if "so-called" in cue or "so called" in cue:
        return "so_called"
    if any(w in cue for w in NAMING):
        return "naming"
    return "other"


def features(r):
    n = int(r["words"])
    b = lambda x: 1.0 if x else 0.0
    t = lambda k: r[k] == "true"
    cue = cue_class(r["cue"])
    cond = int(r["condemning"])
    return [
        1.0,
        math.log(1 + n),
        b(n == 1),
        b(n <= 3),
        b(n >= 8),
        b(cue == "so_called"),
        b(cue == "strong"),
        b(cue == "naming"),
        b(cue == "other"),
        b(cue is not None and t("title_case")),
        b(r["reporting"] != ""),
        b(t("colon")),
        b(t("sentence_punct")),
        b(t("title_case")),
        b(t("title_case") and n >= 2),
        b(r["naming"] != ""),
        b(t("contrast")),
        b(t("contrast") and n <= 3),
        b(cond >= 1),
        b(cond >= 2),
        b(t("contrast") and cond >= 1),
        b(t("nested")),
    ]


def load():
    with open(here / "features.tsv", encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
                if r["label"] in KINDS]
    X = np.array([features(r) for r in rows])
    y = np.array([KINDS.index(r["label"]) for r in rows])
    groups = np.array([f'{r["corpus"]}/{r["doc"]}' for r in rows])
    return rows, X, y, groups


def model():
    # The bias is a feature; sklearn's intercept is off so the weights file holds every weight.
    return LogisticRegression(C=1.0, fit_intercept=False, max_iter=5000)


def prf(y, p, k):
    tp = int(np.sum((y == k) & (p == k)))
    fp = int(np.sum((y != k) & (p == k)))
    fn = int(np.sum((y == k) & (p != k)))
    pr = tp / (tp + fp) if tp + fp else 0.0
    rc = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * pr * rc / (pr + rc) if pr + rc else 0.0
    return pr, rc, f1


def main():
    rows, X, y, groups = load()
    oof = np.zeros((len(y), len(KINDS)))
    print(f"{len(y)} spans, {len(set(groups))} documents; 5 folds grouped by document\n")
    print("fold  " + "  ".join(f"{k:>18}" for k in KINDS) + "   macro F1")
    for i, (tr, te) in enumerate(GroupKFold(n_splits=5).split(X, y, groups)):
        m = model().fit(X[tr], y[tr])
        oof[te] = m.predict_proba(X[te])
        p = oof[te].argmax(1)
        cells = [prf(y[te], p, k) for k in range(len(KINDS))]
        print(f"{i + 1:>4}  " + "  ".join(f"P{a:.2f} R{b:.2f} F{c:.2f}" for a, b, c in cells)
              + f"   {np.mean([c[2] for c in cells]):.3f}")
    pred = oof.argmax(1)
    cells = [prf(y, pred, k) for k in range(len(KINDS))]
    print("pool  " + "  ".join(f"P{a:.2f} R{b:.2f} F{c:.2f}" for a, b, c in cells)
          + f"   {np.mean([c[2] for c in cells]):.3f}")
    era = np.array(["1946-2004" if r["corpus"] == "ungd_1946_2004" else "2005-2022" for r in rows])
    for e in ["1946-2004", "2005-2022"]:
        s = era == e
        cells = [prf(y[s], pred[s], k) for k in range(len(KINDS))]
        print(f"{e}: " + ", ".join(f"{k} F1 {c[2]:.2f}" for k, c in zip(KINDS, cells)))
    print("\nscare calls by held-out confidence: share that are scare")
    conf = oof[:, 0]
    called = pred == 0
    for lo in [0.4, 0.5, 0.6, 0.7, 0.8, 0.9]:
        s = called & (conf >= lo) & (conf < lo + 0.1 + (1e-9 if lo == 0.9 else 0))
        if s.sum():
            print(f"  {lo:.1f}-{lo + 0.1:.1f}: {int(np.sum(y[s] == 0))}/{int(s.sum())} = {np.mean(y[s] == 0):.2f}")
    print("\nscare precision and recall by threshold (a scare call needs this confidence)")
    for t in [0.4, 0.5, 0.6, 0.7, 0.8]:
        p = np.where(called & (conf >= t), 0, -1)
        a, b, c = prf(y, p, 0)
        print(f"  {t:.1f}: P {a:.3f} R {b:.3f} F1 {c:.3f}")
    full = model().fit(X, y)
    if "--write" in sys.argv:
        out = here / "quote-model.tsv"
        with open(out, "w", encoding="utf-8") as f:
            f.write("# verbale's quotation classifier: multinomial logistic regression weights, fitted by\n")
            f.write("# tests/data/scare/fit.py on every labelled span of tests/data/scare (features.tsv).\n")
            f.write("feature\t" + "\t".join(KINDS) + "\n")
            for j, name in enumerate(FEATURES):
                f.write(name + "\t" + "\t".join(f"{full.coef_[k][j]:.6f}" for k in range(len(KINDS))) + "\n")
        with open(here / "cv.tsv", "w", encoding="utf-8") as f:
            f.write("id\tlabel\tpredicted\t" + "\t".join(f"p_{k}" for k in KINDS) + "\n")
            for r, p in zip(rows, oof):
                f.write(f'{r["id"]}\t{r["label"]}\t{KINDS[int(p.argmax())]}\t' + "\t".join(f"{x:.4f}" for x in p) + "\n")
        print(f"\nwrote {out.name} and cv.tsv beside this script")


if __name__ == "__main__":
    main()
