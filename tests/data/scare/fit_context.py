#!/usr/bin/env python3
"""Scare-quote experiment: verbale's quotation classifier (multinomial logistic regression over
scare / term / title / direct) with new per-span, per-document and per-corpus features, evaluated
with 5 folds grouped by document (as tests/data/scare/fit.py) and NESTED model choice: the
regularisation C and every decision threshold are picked by an inner 4-fold grouped CV on the
training folds only, never on the held-out fold.

Usage:
    python3 fit_context.py SCARE_DIR SPAN_CORPUS_TSV [--groups base,corpus,...] [--ablation]
                    [--out DIR] [--weights]

    SCARE_DIR        the repository's tests/data/scare (candidates.tsv, labels.tsv, features.tsv)
    SPAN_CORPUS_TSV  the table written by corpus_features.py (span_corpus.tsv)
    --groups         feature groups of the model to report in full (default: the best model,
                     see BEST below)
    --ablation       also print the ablation table (base, base + each group, cumulative)
    --out DIR        write cv.tsv (held-out predictions) and, with --weights, weights.tsv there
    --weights        fit the chosen model on every span and write its weights (for porting)

Feature groups (all computable by verbale; see the notes on each function):
    base      the 22 features of fit.py (verbale's quotes-table evidence)
    corpus    the quoted text's use across the collection: quoted elsewhere / bare / ratio / cue
              elsewhere (per corpus, from corpus_features.py)
    doc       the same within the document (quoted elsewhere, bare elsewhere)
    words     the span's words' quoted share in the collection (freq table)
    boundary  the word before the opening mark and after the closing mark, as small classes
    shape     the span's own form: lower-case start, plural, parentheses, hyphen, digits...
    stance    negative stance and irony words in the sentence around the span
    attrib    attribution and framing right before the span: possessive / proper name before,
              evaluative modifier before, "under the rubric/guise of", "the word/term ..."
    bow       bag of words of the span and of 4 words before / 3 after (vocabulary from the
              training documents only, a word seen in 2 training documents at least)
"""
import csv
import math
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

csv.field_size_limit(1 << 30)
KINDS = ["scare", "term", "title", "direct"]
CS = [0.1, 0.3, 1.0, 3.0, 10.0]
BEST = ["base", "corpus", "doc", "words", "boundary", "shape", "stance", "attrib", "bow"]

# ---------------------------------------------------------------- base (fit.py's own)
sys.path.insert(0, str(Path(__file__).resolve().parent))
from fit import FEATURES as BASE, features as f_base  # noqa: E402


# ---------------------------------------------------------------- corpus / doc / words
# Per corpus: one pass collecting every span's normalised text (quoted counts, documents, cues),
# then one pass over the tokens counting bare occurrences of those texts. Per document: the same
# counts restricted to the span's document.
CORPUS = ["c_quoted_log", "c_quoted0", "c_qdocs_log", "c_bare_log", "c_bare0_quoted",
          "c_qshare", "c_cue_elsewhere", "c_in_longer_quote"]


def f_corpus(r):
    q, bare, qd = int(r["q_corpus"]), int(r["bare_corpus"]), int(r["q_docs"])
    share = (q + 1) / (q + bare + 2)   # quoted share of the other occurrences, smoothed
    return [math.log1p(q), float(q == 0), math.log1p(qd), math.log1p(bare),
            float(bare == 0 and q >= 1), share, float(int(r["q_cue_corpus"]) >= 1),
            float(int(r["in_quote_corpus"]) >= 1)]


DOC = ["d_quoted_elsewhere", "d_bare_elsewhere", "d_cue_elsewhere"]


def f_doc(r):
    return [float(int(r["q_doc"]) >= 1), float(int(r["bare_doc"]) >= 1),
            float(int(r["q_cue_doc"]) >= 1)]


WORDS = ["w_rare", "w_min_count_log", "w_max_qratio", "w_mean_qratio"]


def f_words(r):
    c = int(r["w_min_count"])
    return [float(c <= 5), math.log1p(c) / 10, float(r["w_max_qratio"]), float(r["w_mean_qratio"])]


# ---------------------------------------------------------------- context parsing
TOK = re.compile(r"\w+(?:['’\-]\w+)*|[^\w\s]")
SENT_END = re.compile(r"[.!?][\"”’)]*\s+(?=[\"“‘(]?[A-Z])|\n\s*\n|\n")


def split_context(ctx):
    i, j = ctx.index("⟦"), ctx.rindex("⟧")
    left, inner, right = ctx[:i], ctx[i + 1:j], ctx[j + 1:]
    # drop a partial word at the cut edges
    left = left.split(" ", 1)[1] if " " in left else left
    right = right.rsplit(" ", 1)[0] if " " in right else right
    return left, inner, right


def sentence_parts(left, right):
    ends = list(SENT_END.finditer(left))
    sl = left[ends[-1].end():] if ends else left
    m = re.search(r"[.!?](?=[\"”’)]*(\s|$))|\n", right)
    sr = right[:m.end()] if m else right
    return sl, sr


def words(s):
    return [t for t in TOK.findall(s)]


# ---------------------------------------------------------------- boundary
DET = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our",
       "your", "my", "such", "any", "every", "no", "some", "whose", "each"}
PREP = {"of", "in", "on", "for", "to", "by", "with", "at", "from", "into", "against", "under",
        "between", "through", "about", "towards", "toward", "within", "without", "over", "upon",
        "among", "behind", "beyond"}
CONJ = {"and", "or", "but", "nor"}
BE = {"is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "will", "would",
      "can", "could", "must", "should", "may", "might", "shall", "does", "do", "did"}
NAMINGV = {"called", "termed", "dubbed", "named", "labelled", "labeled", "styled", "christened",
           "branded", "baptized", "baptised", "so-called", "call", "calls", "term", "terms"}
META = {"word", "words", "term", "terms", "concept", "concepts", "notion", "slogan", "slogans",
        "motto", "phrase", "expression", "principle", "principles", "theme", "title", "label",
        "formula", "doctrine", "idea", "catchword", "watchword", "buzzword", "maxim", "adage",
        "saying", "policy", "strategy", "programme", "program", "initiative", "report", "campaign",
        "resolution", "declaration", "agenda", "plan", "project", "conference", "summit",
        "document", "book", "theory", "approach", "vision", "model", "mechanism", "process",
        "framework", "partnership", "movement", "operation", "so-called", "known"}
FIRSTP = {"we", "i", "our", "my", "us"}
THIRDP = {"they", "them", "their", "some", "others", "he", "she", "who", "which"}
BOUNDARY = ["b_prev_none", "b_prev_det", "b_prev_the", "b_prev_prep", "b_prev_of", "b_prev_conj",
            "b_prev_be", "b_prev_naming", "b_prev_as", "b_known_as", "b_meta_before",
            "b_meta_the_before", "b_naming_firstp", "b_naming_thirdp",
            "b_next_none", "b_next_of", "b_next_conj", "b_next_be", "b_next_prep",
            "b_next_cap", "b_next_comma", "b_next_period", "b_next_paren", "b_next_noun_like",
            "b_the_cap_after", "b_det_before_short"]


def f_boundary(r, ctx):
    left, inner, right = ctx
    lw = [w.lower() for w in words(left)]
    rw_raw = words(right)
    rw = [w.lower() for w in rw_raw]
    prev = lw[-1] if lw else ""
    prev_is_word = bool(prev) and prev[0].isalnum()
    nxt_raw = rw_raw[0] if rw_raw else ""
    nxt = nxt_raw.lower()
    nxt_is_word = bool(nxt) and nxt[0].isalnum()
    last4 = lw[-4:]
    n = int(r["words"])
    naming_idx = [i for i, w in enumerate(last4) if w in NAMINGV or w == "as"]
    firstp = any(w in FIRSTP for w in lw[-6:]) and bool(naming_idx)
    thirdp = any(w in THIRDP for w in lw[-6:]) and bool(naming_idx)
    # a following word that is neither function word nor punctuation: "the “X” approach"
    noun_like = nxt_is_word and nxt not in DET | PREP | CONJ | BE and not nxt_raw[0].isupper()
    b = lambda x: 1.0 if x else 0.0
    return [b(not prev_is_word), b(prev in DET), b(prev == "the"), b(prev in PREP),
            b(prev == "of"), b(prev in CONJ), b(prev in BE), b(prev in NAMINGV), b(prev == "as"),
            b(len(lw) >= 2 and lw[-2] in {"known", "referred", "described", "regarded", "seen",
                                           "defined", "characterized", "characterised"} and prev == "as"),
            b(any(w in META for w in last4)), b(len(lw) >= 2 and lw[-2] == "the" and prev in META),
            b(firstp), b(thirdp),
            b(not nxt_is_word), b(nxt == "of"), b(nxt in CONJ), b(nxt in BE), b(nxt in PREP),
            b(nxt_is_word and nxt_raw[0].isupper()), b(nxt == ","), b(nxt in {".", ";", "!", "?"}),
            b(nxt == ")"), b(noun_like),
            b(prev == "the" and nxt_is_word and nxt_raw[0].isupper()),
            b(prev in DET and n <= 3)]


# ---------------------------------------------------------------- shape
SHAPE = ["s_lower_start", "s_all_lower", "s_plural", "s_paren", "s_hyphen", "s_digit",
         "s_end_punct", "s_first_person", "s_adj_like", "s_ism", "s_single_quotes"]


def f_shape(r, ctx, text, style):
    left, inner, right = ctx
    t = text.strip()
    ws = words(t)
    alpha = [w for w in ws if w[0].isalpha()]
    last = alpha[-1].lower() if alpha else ""
    b = lambda x: 1.0 if x else 0.0
    return [b(t[:1].islower()), b(t == t.lower() and any(c.isalpha() for c in t)),
            b(len(last) > 3 and last.endswith("s") and not last.endswith(("ss", "us", "is"))),
            b(left.rstrip().endswith("(") and right.lstrip().startswith(")")),
            b("-" in t), b(any(c.isdigit() for c in t)), b(t[-1:] in ".!?,;"),
            b(any(w.lower() in {"we", "i", "our", "us", "my", "you", "your"} for w in ws)),
            b(len(alpha) == 1 and last.endswith(("ive", "al", "ic", "ous", "ful", "ian", "ist"))),
            b(any(w.lower().endswith(("ism", "ist", "ists")) for w in alpha)),
            b(style.startswith("‘") or style.startswith("'"))]


# ---------------------------------------------------------------- stance
NEG = set("""illegal illegally illegitimate occupation occupied occupying occupier occupiers
aggression aggressive aggressor aggressors regime regimes puppet puppets separatist separatists
separatism terrorist terrorists terrorism propaganda racist racism apartheid colonial colonialist
colonialists colonialism neo-colonialism neocolonialism imperialist imperialists imperialism zionist
zionists fascist fascists expansionist expansionism annexation annexed invasion invader invaders lie
lies lying false falsely pretext pretence pretense sham hypocrisy hypocritical cynical cynicism
slander slanderous fabricated fabrication fabrications distort distorted distortion myth myths
deceive deception deceptive manoeuvre manoeuvres maneuver maneuvers farce mockery clique junta
usurper usurpers bogus fake notorious mercenaries mercenary hegemonist hegemonism hegemony
reactionary reactionaries chauvinist chauvinism racists criminal crimes oppressors oppression
oppressive subversion subversive provocation provocations provocative camouflage disguise disguised
guise smokescreen fraud fraudulent rigged puppet-regime unlawful unacceptable condemn condemned
condemns rejected reject rejects denounce denounced so-called alleged supposed purported
self-proclaimed self-styled""".split())
IRONY = ["in fact", "in reality", "actually", "nothing but", "nothing more than", "nothing less than",
         "under the guise", "in the name of", "under the pretext", "under the cover", "so-called",
         "the real", "true ", "genuine", "in quotation marks", "quote", "unquote", "what they call",
         "they call", "pretend", "claim", "claims", "claimed"]
NEGATION = {"not", "no", "never", "neither", "nor", "nothing", "hardly", "cannot"}
STANCE = ["st_neg_1", "st_neg_2", "st_neg_log", "st_neg_window", "st_irony", "st_negation",
          "st_neg_short"]


def f_stance(r, ctx):
    left, inner, right = ctx
    sl, sr = sentence_parts(left, right)
    sw = [w.lower() for w in words(sl) + words(sr)]
    neg = sum(w in NEG for w in sw)
    win = [w.lower() for w in words(left)[-12:] + words(right)[:12]]
    sent = (sl + " " + sr).lower()
    n = int(r["words"])
    return [float(neg >= 1), float(neg >= 2), math.log1p(neg), float(sum(w in NEG for w in win) >= 1),
            float(any(p in sent for p in IRONY)), float(any(w in NEGATION for w in sw)),
            float(neg >= 1 and n <= 3)]



# ---------------------------------------------------------------- attribution / framing
# (added after reading the held-out errors of the first full model)
EVAL_BEFORE = {"spurious", "artificial", "supposed", "supposedly", "alleged", "allegedly", "false",
               "fictitious", "pretended", "notorious", "vaunted", "much-vaunted", "touted",
               "much-touted", "proclaimed", "professed", "ostensible", "ostensibly", "apparent",
               "famous", "infamous", "celebrated", "their", "new-found", "self-proclaimed",
               "self-styled", "so-called", "pseudo", "sham", "mere", "fine", "nice", "grand"}
FRAME = ["rubric", "guise", "cover of", "pretext", "banner of", "name of", "disguise", "mask",
         "façade", "facade", "veneer", "pretence", "pretense", "emptied", "misused", "abused",
         "fiction", "delusion", "myth"]
WORD_AS_WORD = ["the word", "the term", "the expression", "the phrase", "the concept", "the notion",
                "defined as", "call it", "called it", "we call", "what we call", "i call",
                "we have called", "i have called", "known as", "referred to as", "translated",
                "the motto", "the slogan", "the theme", "the principle", "the idea"]
ATTRIB = ["a_prev_possessive", "a_prev_propername", "a_eval_before", "a_frame_window",
          "a_word_as_word", "a_possessive_or_eval_short"]


def f_attrib(r, ctx):
    left, inner, right = ctx
    lraw = words(left)
    prev = lraw[-1] if lraw else ""
    prev2 = lraw[-2] if len(lraw) >= 2 else ""
    possessive = prev.lower().endswith(("'s", "’s", "s'", "s’")) or prev.lower() == "their"
    proper = (prev[:1].isupper() and prev2 not in {".", "!", "?", ":", ";", ""}
              and prev.lower() not in DET and prev.lower() not in {"i"})
    l2 = {w.lower() for w in lraw[-2:]}
    evalb = bool(l2 & EVAL_BEFORE)
    lwin = " ".join(w.lower() for w in lraw[-8:])
    frame = any(f in lwin for f in FRAME)
    waw = any(f in " ".join(w.lower() for w in lraw[-5:]) for f in WORD_AS_WORD)
    n = int(r["words"])
    b = lambda x: 1.0 if x else 0.0
    return [b(possessive), b(proper), b(evalb), b(frame), b(waw), b((possessive or evalb) and n <= 3)]

# ---------------------------------------------------------------- bag of words
def bow_tokens(ctx, text):
    left, inner, right = ctx
    lw = [w.lower() for w in words(left) if w[0].isalnum()][-4:]
    rw = [w.lower() for w in words(right) if w[0].isalnum()][:3]
    sw = [w.lower() for w in words(text) if w[0].isalnum()]
    return {"in:" + w for w in sw} | {"l:" + w for w in lw} | {"r:" + w for w in rw}


# ---------------------------------------------------------------- data
GROUPS = {"base": BASE, "corpus": CORPUS, "doc": DOC, "words": WORDS, "boundary": BOUNDARY,
          "shape": SHAPE, "stance": STANCE, "attrib": ATTRIB}


def tsv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def load(scare_dir, span_corpus):
    d = Path(scare_dir)
    cands = {r["id"]: r for r in tsv(d / "candidates.tsv")}
    feats = tsv(d / "features.tsv")
    corp = {(r["corpus"], r["doc"], r["open"]): r for r in tsv(span_corpus)}
    rows = []
    for f in feats:
        if f["label"] not in KINDS:
            continue
        c = cands[f["id"]]
        sc = corp[(c["corpus"], c["doc"], c["open"])]
        ctx = split_context(c["context"])
        rows.append({"id": f["id"], "corpus": c["corpus"], "doc": c["doc"], "label": f["label"],
                     "text": c["text"], "stratum": c["stratum"],
                     "dense": {"base": f_base(f), "corpus": f_corpus(sc), "doc": f_doc(sc),
                               "words": f_words(sc), "boundary": f_boundary(f, ctx),
                               "shape": f_shape(f, ctx, c["text"], c["style"]),
                               "stance": f_stance(f, ctx), "attrib": f_attrib(f, ctx)},
                     "bow": bow_tokens(ctx, c["text"])})
    return rows


def design(rows, groups, idx_fit, idx_all):
    """Feature matrix; the bag-of-words vocabulary comes from the rows of idx_fit only."""
    cols = []
    X = [np.array([sum((r["dense"][g] for g in groups if g != "bow"), []) for r in rows])]
    for g in groups:
        if g != "bow":
            cols += GROUPS[g]
    if "bow" in groups:
        df = defaultdict(set)
        for i in idx_fit:
            for t in rows[i]["bow"]:
                df[t].add(rows[i]["doc"])
        vocab = sorted(t for t, ds in df.items() if len(ds) >= 2)
        pos = {t: j for j, t in enumerate(vocab)}
        ri, ci = [], []
        for i in idx_all:
            for t in rows[i]["bow"]:
                if t in pos:
                    ri.append(i)
                    ci.append(pos[t])
        X.append(sp.csr_matrix((np.ones(len(ri)), (ri, ci)), shape=(len(rows), len(vocab))))
        cols += ["bow:" + t for t in vocab]
        return sp.hstack([sp.csr_matrix(X[0]), X[1]]).tocsr(), cols
    return X[0], cols


def model(C):
    return LogisticRegression(C=C, fit_intercept=False, max_iter=5000)


def prf(y, p, k=0):
    tp = int(np.sum((y == k) & (p == k)))
    fp = int(np.sum((y != k) & (p == k)))
    fn = int(np.sum((y == k) & (p != k)))
    pr = tp / (tp + fp) if tp + fp else 0.0
    rc = tp / (tp + fn) if tp + fn else 0.0
    return pr, rc, (2 * pr * rc / (pr + rc) if pr + rc else 0.0)


def decide(P, t=None):
    """argmax; with a threshold t, scare when p_scare >= t, else the likeliest other kind."""
    if t is None:
        return P.argmax(1)
    other = P[:, 1:].argmax(1) + 1
    return np.where(P[:, 0] >= t, 0, other)


THRESH = np.round(np.arange(0.10, 0.96, 0.025), 3)


def oof_probs(rows, groups, idx, y, g, C, n_splits):
    P = np.zeros((len(idx), len(KINDS)))
    for tr, te in GroupKFold(n_splits=n_splits).split(idx, y[idx], g[idx]):
        X, _ = design(rows, groups, idx[tr], idx)
        m = model(C).fit(X[idx[tr]], y[idx[tr]])
        P[te] = m.predict_proba(X[idx[te]])
    return P


def nested(rows, groups, y, g, inner=4, outer=5, verbose=False):
    """Outer grouped CV; per outer fold an inner grouped CV picks C (scare F1 under argmax), the
    scare threshold maximising inner scare F1, and the lowest threshold giving inner scare
    precision >= 0.85 (if any)."""
    n = len(rows)
    P = np.zeros((n, len(KINDS)))
    fold = np.zeros(n, int)
    t_f1 = np.zeros(n)
    t_p85 = np.full(n, np.nan)
    chosen = []
    for k, (tr, te) in enumerate(GroupKFold(n_splits=outer).split(np.zeros(n), y, g)):
        best = None
        inner_P = {}
        for C in CS:
            Pi = oof_probs(rows, groups, tr, y, g, C, inner)
            inner_P[C] = Pi
            f = prf(y[tr], Pi.argmax(1))[2]
            if best is None or f > best[0] + 1e-12:
                best = (f, C)
        C = best[1]
        Pi = inner_P[C]
        fs = [prf(y[tr], decide(Pi, t))[2] for t in THRESH]
        tf = float(THRESH[int(np.argmax(fs))])
        tp = np.nan
        for t in THRESH:
            pr, rc, _ = prf(y[tr], decide(Pi, t))
            if pr >= 0.85 and rc > 0:
                tp = float(t)
                break
        X, _ = design(rows, groups, tr, np.arange(n))
        m = model(C).fit(X[tr], y[tr])
        P[te] = m.predict_proba(X[te])
        fold[te] = k
        t_f1[te] = tf
        t_p85[te] = tp
        chosen.append((C, tf, tp))
        if verbose:
            print(f"  outer fold {k + 1}: C={C} (inner scare F1 {best[0]:.3f}), "
                  f"F1 threshold {tf}, P>=0.85 threshold {tp}", flush=True)
    return P, fold, t_f1, t_p85, chosen


def summary(P, y, rows, t_f1, t_p85):
    pred = P.argmax(1)
    cells = [prf(y, pred, k) for k in range(len(KINDS))]
    era = np.array([r["corpus"] == "ungd_1946_2004" for r in rows])
    pt = np.array([0 if P[i, 0] >= t_f1[i] else P[i, 1:].argmax() + 1 for i in range(len(y))])
    pp = np.array([0 if (not np.isnan(t_p85[i]) and P[i, 0] >= t_p85[i]) else -1 for i in range(len(y))])
    return {"scare": cells[0], "macro": float(np.mean([c[2] for c in cells])),
            "kinds": cells,
            "old": prf(y[era], pred[era])[2], "new": prf(y[~era], pred[~era])[2],
            "old_macro": float(np.mean([prf(y[era], pred[era], k)[2] for k in range(4)])),
            "new_macro": float(np.mean([prf(y[~era], pred[~era], k)[2] for k in range(4)])),
            "tuned": prf(y, pt), "p85": prf(y, pp)}


def report(P, y, rows, fold, t_f1, t_p85, chosen):
    pred = P.argmax(1)
    print("fold  " + "  ".join(f"{k:>18}" for k in KINDS) + "   macro F1   (argmax)")
    for k in range(fold.max() + 1):
        s = fold == k
        cells = [prf(y[s], pred[s], j) for j in range(len(KINDS))]
        print(f"{k + 1:>4}  " + "  ".join(f"P{a:.2f} R{b:.2f} F{c:.2f}" for a, b, c in cells)
              + f"   {np.mean([c[2] for c in cells]):.3f}   C={chosen[k][0]}")
    S = summary(P, y, rows, t_f1, t_p85)
    print("pool  " + "  ".join(f"P{a:.2f} R{b:.2f} F{c:.2f}" for a, b, c in S["kinds"])
          + f"   {S['macro']:.3f}")
    era = np.array(["1946-2004" if r["corpus"] == "ungd_1946_2004" else "2005-2022" for r in rows])
    for e in ["1946-2004", "2005-2022"]:
        s = era == e
        cells = [prf(y[s], pred[s], k) for k in range(len(KINDS))]
        print(f"{e} ({s.sum()} spans, {int(np.sum(y[s] == 0))} scare): scare P {cells[0][0]:.2f} "
              f"R {cells[0][1]:.2f} F1 {cells[0][2]:.2f}; " +
              ", ".join(f"{k} F1 {c[2]:.2f}" for k, c in zip(KINDS[1:], cells[1:]))
              + f"; macro {np.mean([c[2] for c in cells]):.3f}")
    a, b, c = S["tuned"]
    print(f"\nnested F1-threshold rule (thresholds {sorted(set(t_f1))}): scare P {a:.3f} R {b:.3f} F1 {c:.3f}")
    for k in range(fold.max() + 1):
        s = fold == k
        a, b, c = prf(y[s], np.array([0 if P[i, 0] >= t_f1[i] else P[i, 1:].argmax() + 1
                                      for i in np.nonzero(s)[0]]))
        print(f"   fold {k + 1}: t={t_f1[s][0]}  P {a:.2f} R {b:.2f} F1 {c:.2f}")
    a, b, c = S["p85"]
    print(f"nested P>=0.85 rule (inner thresholds {[x[2] for x in chosen]}): scare P {a:.3f} R {b:.3f} F1 {c:.3f}")
    for k in range(fold.max() + 1):
        s = fold == k
        if np.isnan(t_p85[s][0]):
            print(f"   fold {k + 1}: no inner threshold reached P 0.85")
            continue
        a, b, c = prf(y[s], np.where(P[s, 0] >= t_p85[s][0], 0, -1))
        print(f"   fold {k + 1}: t={t_p85[s][0]}  P {a:.2f} R {b:.2f} ({int(np.sum((P[s,0]>=t_p85[s][0])))} calls)")
    print("\nheld-out scare confidence, reliability")
    print("  bin       argmax scare calls: scare/n     all spans with p_scare in bin: scare/n (mean p)")
    conf = P[:, 0]
    for lo in [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]:
        hi = lo + 0.1 + (1e-9 if lo >= 0.9 else 0)
        s = (conf >= lo) & (conf < hi)
        sc = s & (pred == 0)
        left = f"{int(np.sum(y[sc] == 0))}/{int(sc.sum())} = {np.mean(y[sc] == 0):.2f}" if sc.sum() else "-"
        right = f"{int(np.sum(y[s] == 0))}/{int(s.sum())} = {np.mean(y[s] == 0):.2f} ({conf[s].mean():.2f})" if s.sum() else "-"
        print(f"  {lo:.1f}-{lo + 0.1:.1f}   {left:>22}     {right:>28}")
    print("\nscare precision / recall by a fixed threshold on held-out p_scare (descriptive, pooled)")
    for t in [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]:
        a, b, c = prf(y, np.where(conf >= t, 0, -1))
        print(f"  p_scare >= {t:.1f}: P {a:.3f} R {b:.3f} F1 {c:.3f}  ({int(np.sum(conf >= t))} calls)")
    return S


def main():
    args = sys.argv[1:]
    if len(args) < 2:
        sys.exit(__doc__)
    scare_dir, span_corpus = args[0], args[1]
    opt = lambda k, d=None: args[args.index(k) + 1] if k in args else d
    groups = opt("--groups", ",".join(BEST)).split(",")
    out = opt("--out")
    rows = load(scare_dir, span_corpus)
    y = np.array([KINDS.index(r["label"]) for r in rows])
    g = np.array([f'{r["corpus"]}/{r["doc"]}' for r in rows])
    print(f"{len(y)} spans ({int(np.sum(y == 0))} scare), {len(set(g))} documents; "
          f"5 outer folds grouped by document, C in {CS} and thresholds chosen by 4 inner folds\n")
    if "--ablation" in args:
        configs = [["base"]] + [["base", x] for x in BEST[1:]]
        configs += [["base", "corpus", "doc", "words"],
                    [x for x in BEST if x != "bow"],
                    ["base", "bow"] + ["boundary", "shape", "stance", "attrib"],
                    BEST]
        configs += [[x for x in BEST if x != drop] for drop in BEST if drop != "base"]
        configs += [[x for x in BEST if x not in ("corpus", "doc", "words")]]
        print("| features | scare P | scare R | scare F1 | F1 per fold | macro F1 | scare F1 1946-2004 | "
              "scare F1 2005-2022 | nested-threshold scare P/R/F1 | nested P>=.85 rule P/R | C per fold |")
        print("|---|---|---|---|---|---|---|---|---|---|---|")
        seen = set()
        for cfg in configs:
            key = tuple(cfg)
            if key in seen:
                continue
            seen.add(key)
            P, fold, tf, tp, chosen = nested(rows, cfg, y, g)
            S = summary(P, y, rows, tf, tp)
            pf = "/".join(f"{prf(y[fold == k], P[fold == k].argmax(1))[2]:.2f}" for k in range(5))
            name = "+".join(cfg) if len(cfg) < 5 else ("all" if set(cfg) == set(BEST) else
                                                         "all − " + ",".join(x for x in BEST if x not in cfg))
            print(f"| {name} | {S['scare'][0]:.2f} | {S['scare'][1]:.2f} | **{S['scare'][2]:.3f}** | {pf} | "
                  f"{S['macro']:.3f} | {S['old']:.2f} | {S['new']:.2f} | "
                  f"{S['tuned'][0]:.2f}/{S['tuned'][1]:.2f}/{S['tuned'][2]:.3f} | "
                  f"{S['p85'][0]:.2f}/{S['p85'][1]:.2f} | {','.join(str(c[0]) for c in chosen)} |", flush=True)
        print()
    print(f"model: {'+'.join(groups)}")
    P, fold, tf, tp, chosen = nested(rows, groups, y, g, verbose=True)
    report(P, y, rows, fold, tf, tp, chosen)
    if out:
        Path(out).mkdir(parents=True, exist_ok=True)
        with open(Path(out) / "cv.tsv", "w", encoding="utf-8") as f:
            f.write("id\tcorpus\tdoc\tstratum\tlabel\tpredicted\t" + "\t".join(f"p_{k}" for k in KINDS) + "\ttext\n")
            for r, p in zip(rows, P):
                f.write(f'{r["id"]}\t{r["corpus"]}\t{r["doc"]}\t{r["stratum"]}\t{r["label"]}\t'
                        f'{KINDS[int(p.argmax())]}\t' + "\t".join(f"{x:.4f}" for x in p) + f'\t{r["text"]}\n')
        if "--weights" in args:
            # C: the value most outer folds chose
            C = Counter(c[0] for c in chosen).most_common(1)[0][0]
            idx = np.arange(len(rows))
            X, cols = design(rows, groups, idx, idx)
            m = model(C).fit(X, y)
            with open(Path(out) / "weights.tsv", "w", encoding="utf-8") as f:
                f.write(f"# fit_context.py, groups {'+'.join(groups)}, C={C}, fitted on all {len(y)} spans\n")
                f.write("feature\t" + "\t".join(KINDS) + "\n")
                for j, name in enumerate(cols):
                    f.write(name + "\t" + "\t".join(f"{m.coef_[k][j]:.4f}" for k in range(len(KINDS))) + "\n")
            print(f"\nwrote weights.tsv (C={C}) and cv.tsv to {out}")
        else:
            print(f"\nwrote cv.tsv to {out}")


if __name__ == "__main__":
    main()
