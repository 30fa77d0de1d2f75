#!/usr/bin/env python3
"""Independent reference implementation of 2x2 keyness statistics for `verbale`.

Usage (run from the repository root):

    python3 tests/data/keyness/reference.py ../shared/corpus > tests/data/keyness/cases.csv
    python3 tests/data/keyness/reference.py --verify ../shared/corpus   # cross-checks, prints a report

For one term:
    a = count in target, b = count in reference,
    c = T1 - a, d = T2 - b, N = a + b + c + d = T1 + T2.

All statistics are computed from the integer counts with exact rational
arithmetic (fractions.Fraction) or 60-digit decimal logarithms
(decimal.Decimal.ln), then rounded once to the nearest IEEE double. So the
values in cases.csv are the correctly rounded values of the formulas, not the
result of one particular order of floating-point operations. Only the p-values
use scipy (scipy.stats.chi2.sf, double precision).

See README.md in this folder for the formulas, sources and the Yates rule.
"""

import csv
import os
import re
import sys
from collections import Counter
from decimal import Decimal, getcontext
from fractions import Fraction

from scipy.stats import chi2 as chi2_dist

getcontext().prec = 60
LN2 = Decimal(2).ln()

# ---------------------------------------------------------------------------
# statistics
# ---------------------------------------------------------------------------


def _sign(a, b, t1, t2):
    """+1 if the term is relatively more frequent in the target, else -1.

    quanteda (src/keyness.cpp) uses `a > E ? 1.0 : -1.0` with
    E = (a+b)(a+c)/N. Since a*N - (a+b)(a+c) = a*d - b*c, this is
    exactly `a*d - b*c > 0`, i.e. a/T1 > b/T2. Evaluated here on integers.
    Ties (ad == bc) give -1 in quanteda; the value is then 0 and we print 0.0.
    """
    c, d = t1 - a, t2 - b
    return 1 if a * d - b * c > 0 else -1


def yates_applies(a, b, t1, t2):
    """quanteda's rule for correction = "default" with measure = "chi2".

    quanteda.textstats src/keyness.cpp, yates_correction():
        |a*d - b*c| >= N/2  AND  at least one of the 4 expected cells < 5
    Evaluated exactly on integers: 2|ad-bc| >= N and R_i*C_j < 5N.
    """
    c, d = t1 - a, t2 - b
    n = a + b + c + d
    r1, r2, c1, c2 = a + b, c + d, a + c, b + d
    small = (r1 * c1 < 5 * n or r1 * c2 < 5 * n or
             r2 * c1 < 5 * n or r2 * c2 < 5 * n)
    return 2 * abs(a * d - b * c) >= n and small


def chi2_exact(a, b, t1, t2, yates):
    """Signed Pearson chi2 as a Fraction (quanteda's direct 2x2 formula).

    chi2 = N * (|ad - bc| - N*delta)^2 / ((a+b)(c+d)(a+c)(b+d)),
    delta = 0.5 if `yates` and yates_applies(...), else 0.
    """
    c, d = t1 - a, t2 - b
    n = a + b + c + d
    x = abs(a * d - b * c)
    den = (a + b) * (c + d) * (a + c) * (b + d)
    if den == 0:
        raise ValueError("degenerate table (a zero margin): %r" % ((a, b, t1, t2),))
    if yates and yates_applies(a, b, t1, t2):
        num = Fraction(n * (2 * x - n) ** 2, 4)
    else:
        num = Fraction(n * x * x)
    return _sign(a, b, t1, t2) * num / den


def g2_exact(a, b, t1, t2):
    """Signed 4-term log-likelihood G2 as a Decimal.

    G2 = 2 * sum_{cells} O * ln(O / E),  E_ij = R_i * C_j / N,  0*ln(0) = 0.
    O/E is formed as the exact integer ratio O*N / (R_i*C_j) before ln().
    """
    c, d = t1 - a, t2 - b
    n = a + b + c + d
    r1, r2, c1, c2 = a + b, c + d, a + c, b + d
    total = Decimal(0)
    for o, r, col in ((a, r1, c1), (b, r1, c2), (c, r2, c1), (d, r2, c2)):
        if o == 0:
            continue
        ratio = Decimal(o * n) / Decimal(r * col)
        total += Decimal(o) * ratio.ln()
    g2 = 2 * total
    if g2 < 0:  # can only be rounding noise at ~1e-55; G2 >= 0 mathematically
        g2 = Decimal(0)
    return _sign(a, b, t1, t2) * g2


def log_ratio_exact(a, b, t1, t2):
    """Hardie's Log Ratio: log2((a/T1)/(b/T2)), a zero a or b replaced by 0.5
    (totals unchanged)."""
    fa = Fraction(a) if a else Fraction(1, 2)
    fb = Fraction(b) if b else Fraction(1, 2)
    q = (fa * t2) / (fb * t1)
    return (Decimal(q.numerator) / Decimal(q.denominator)).ln() / LN2


def log_odds_exact(a, b, t1, t2):
    """Log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi and Quinn 2008,
    "Fightin' words"), the prior being the pooled counts of both sides: alpha_w = a + b,
    alpha_0 = T1 + T2.

    delta = ln((a + alpha_w) / (T1 + alpha_0 - a - alpha_w))
          - ln((b + alpha_w) / (T2 + alpha_0 - b - alpha_w))
    var   = 1 / (a + alpha_w) + 1 / (T1 + alpha_0 - a - alpha_w)
          + 1 / (b + alpha_w) + 1 / (T2 + alpha_0 - b - alpha_w)
    z     = delta / sqrt(var)
    (scattertext's LogOddsRatioInformativeDirichletPrior, scale_type 'none', with priors from
    both categories.) Returns (delta, z) as Decimals.
    """
    al, a0 = a + b, t1 + t2
    delta = (Decimal(a + al) / Decimal(t1 + a0 - a - al)).ln() - \
        (Decimal(b + al) / Decimal(t2 + a0 - b - al)).ln()
    var = (Fraction(1, a + al) + Fraction(1, t1 + a0 - a - al)
           + Fraction(1, b + al) + Fraction(1, t2 + a0 - b - al))
    return delta, delta / (Decimal(var.numerator) / Decimal(var.denominator)).sqrt()


def _f(x):
    """Round a Fraction/Decimal once to a double; normalise -0.0 to 0.0."""
    v = float(x)
    return 0.0 if v == 0 else v


def stats_row(a, b, t1, t2):
    if a + b == 0:
        raise ValueError("a = b = 0 is not a valid term")
    if not (0 <= a <= t1 and 0 <= b <= t2):
        raise ValueError("counts outside totals: %r" % ((a, b, t1, t2),))
    g2 = _f(g2_exact(a, b, t1, t2))
    chi2 = _f(chi2_exact(a, b, t1, t2, yates=True))
    chi2_none = _f(chi2_exact(a, b, t1, t2, yates=False))
    return {
        "g2": g2,
        "chi2": chi2,
        "chi2_none": chi2_none,
        "p": float(chi2_dist.sf(abs(chi2), 1)),
        "p_g2": float(chi2_dist.sf(abs(g2), 1)),
        "log_ratio": _f(log_ratio_exact(a, b, t1, t2)),
        "log_odds": _f(log_odds_exact(a, b, t1, t2)[0]),
        "log_odds_z": _f(log_odds_exact(a, b, t1, t2)[1]),
        "target_per_10k": _f(Fraction(a * 10000, t1)),
        "reference_per_10k": _f(Fraction(b * 10000, t2)),
    }


# ---------------------------------------------------------------------------
# counting
# ---------------------------------------------------------------------------

TOKEN_RE = re.compile(r"\w+")


def count_files(paths):
    """Python re.findall(r"\\w+", text.lower()) per file, counts summed."""
    counts = Counter()
    for p in paths:
        with open(p, encoding="utf-8") as fh:
            counts.update(TOKEN_RE.findall(fh.read().lower()))
    return counts


WH_FILES = [
    "2021-05-17_statement-by-nsc-spokesperson-emily-horne-on-national-securi.txt",
    "2021-12-15_statement-by-nsc-spokesperson-emily-horne-on-national-securi.txt",
    "2022-06-06_statement-by-nsc-spokesperson-adrienne-watson-on-national-se.txt",
    "2022-12-22_readout-of-apnsa-jake-sullivans-calls-with-national-security.txt",
    "2023-03-14_readout-of-national-security-advisor-jake-sullivans-meeting.txt",
]


def corpus_cases(root):
    """(case name, target paths, reference paths)."""
    return [
        ("aze_arm_2020",
         [os.path.join(root, "ungd", "AZE_75_2020.txt")],
         [os.path.join(root, "ungd", "ARM_75_2020.txt")]),
        ("seed_vs_wh",
         [os.path.join(root, "seed", "000_a7ca7be90a8cccf0.txt")],
         [os.path.join(root, "wh_statements", f) for f in WH_FILES]),
    ]


# Hand-made edge rows: (term label, a, b, t1, t2). Labels describe the edge.
SYNTHETIC = [
    ("a0_b5", 0, 5, 1000, 2000),
    ("a0_b1_tiny", 0, 1, 3, 4),
    ("a5_b0", 5, 0, 1000, 2000),
    ("a1_b0_tiny", 1, 0, 2, 3),
    ("a1_b0_t1_1_t2_1", 1, 0, 1, 1),
    ("a_is_all_of_target_c0", 5, 1, 5, 10),
    ("equal_relfreq_small", 3, 6, 1000, 2000),
    ("equal_relfreq_same_totals", 7, 7, 500, 500),
    ("equal_relfreq_large", 500000, 450000, 10000000, 9000000),
    ("large_pos", 500000, 400000, 10000000, 9000000),
    ("large_neg", 400000, 500000, 9000000, 10000000),
    ("large_a_rare_b", 500000, 3, 10000000, 20000),
    # quanteda test-suite table: d1 = "b b b b b b b a a a", d2 = "a a a a a a a b b"
    ("quanteda_test_feature_b", 7, 2, 10, 9),
    ("quanteda_test_feature_a", 3, 7, 10, 9),
    # Yates boundary: 2|ad-bc| == N with an expected cell < 5 -> corrected, chi2 == 0
    ("yates_eq_half_n_pos", 3, 2, 10, 10),
    ("yates_eq_half_n_neg", 2, 3, 10, 10),
    ("yates_eq_half_n_pos_t100", 3, 2, 100, 100),
    # 2|ad-bc| == N + 1 (just above) with E < 5 -> corrected
    ("yates_just_above_a1_b0", 1, 0, 100, 101),
    ("yates_just_above_pos", 4, 4, 10, 13),
    ("yates_just_above_neg", 1, 4, 10, 23),
    # 2|ad-bc| == N - 1 (just below) with E < 5 -> not corrected
    ("yates_just_below_a0_b1", 0, 1, 100, 101),
    ("yates_just_below_pos", 2, 3, 10, 23),
    ("yates_just_below_neg", 3, 5, 10, 13),
    # |ad-bc| >= N/2 but smallest expected == 5 exactly (not < 5) -> not corrected
    ("yates_min_expected_eq5", 8, 2, 100, 100),
    # same but smallest expected 4.5 -> corrected
    ("yates_min_expected_4_5", 8, 1, 100, 100),
    # all expected cells large -> never corrected
    ("yates_all_expected_large", 60, 40, 1000, 1000),
]

# expected outcome of yates_applies() for the yates_* rows (self-check)
SYNTHETIC_YATES = {
    "yates_eq_half_n_pos": True, "yates_eq_half_n_neg": True,
    "yates_eq_half_n_pos_t100": True,
    "yates_just_above_a1_b0": True, "yates_just_above_pos": True,
    "yates_just_above_neg": True,
    "yates_just_below_a0_b1": False, "yates_just_below_pos": False,
    "yates_just_below_neg": False,
    "yates_min_expected_eq5": False, "yates_min_expected_4_5": True,
    "yates_all_expected_large": False,
}

COLUMNS = ["case", "term", "a", "b", "t1", "t2", "g2", "chi2", "chi2_none", "p",
           "p_g2", "log_ratio", "target_per_10k", "reference_per_10k", "log_odds",
           "log_odds_z"]

# seed_vs_wh is sampled (deterministically, see sample_rows) to keep cases.csv
# small; aze_arm_2020 keeps every term of the union vocabulary.
SEED_VS_WH_MAX_ROWS = 200


def sample_rows(rows, max_rows):
    """Deterministic sample: every row with a > 0 and b > 0, plus every k-th
    of the remaining rows (a == 0 or b == 0) in term order, k chosen so the
    total is at most max_rows. Rows stay in term order."""
    if len(rows) <= max_rows:
        return rows
    both = [r for r in rows if r[2] > 0 and r[3] > 0]
    rest = [r for r in rows if not (r[2] > 0 and r[3] > 0)]
    room = max_rows - len(both)
    if room <= 0:
        step = -(-len(both) // max_rows)
        return both[::step]
    step = -(-len(rest) // room)
    keep = set(id(r) for r in both + rest[::step])
    return [r for r in rows if id(r) in keep]


def build_rows(root):
    rows = []
    for name, tpaths, rpaths in corpus_cases(root):
        tc, rc = count_files(tpaths), count_files(rpaths)
        t1, t2 = sum(tc.values()), sum(rc.values())
        case_rows = []
        for term in sorted(set(tc) | set(rc)):
            a, b = tc.get(term, 0), rc.get(term, 0)
            case_rows.append([name, term, a, b, t1, t2])
        if name == "seed_vs_wh":
            case_rows = sample_rows(case_rows, SEED_VS_WH_MAX_ROWS)
        rows.extend(case_rows)
    for term, a, b, t1, t2 in SYNTHETIC:
        if term in SYNTHETIC_YATES:
            assert yates_applies(a, b, t1, t2) == SYNTHETIC_YATES[term], term
        rows.append(["synthetic", term, a, b, t1, t2])
    return rows


def write_csv(root, out):
    w = csv.writer(out, lineterminator="\n")
    w.writerow(COLUMNS)
    for case, term, a, b, t1, t2 in build_rows(root):
        s = stats_row(a, b, t1, t2)
        w.writerow([case, term, a, b, t1, t2] + [repr(s[k]) for k in COLUMNS[6:]])


# ---------------------------------------------------------------------------
# verification against other methods (scipy / numpy / plain floats)
# ---------------------------------------------------------------------------


def verify(root):
    import math
    import numpy as np
    from scipy.stats import chi2_contingency, power_divergence

    rows = build_rows(root)
    worst = {"chi2_none": 0.0, "chi2": 0.0, "g2_pd": 0.0, "g2_cc": 0.0,
             "log_ratio": 0.0, "p": 0.0}

    def rel(x, y):
        return abs(x - y) / max(1.0, abs(y))

    n_checked = 0
    for case, term, a, b, t1, t2 in rows:
        s = stats_row(a, b, t1, t2)
        c, d = t1 - a, t2 - b
        obs = np.array([[a, b], [c, d]], dtype=float)
        sign = 1.0 if a * d - b * c > 0 else -1.0
        # chi2 without correction
        x_none = chi2_contingency(obs, correction=False)[0]
        worst["chi2_none"] = max(worst["chi2_none"], rel(s["chi2_none"], sign * x_none))
        # chi2 with quanteda rule: scipy's Yates (always, capped at |O-E|)
        # equals quanteda's whenever the rule fires; otherwise uncorrected.
        if yates_applies(a, b, t1, t2):
            x_q = chi2_contingency(obs, correction=True)[0]
        else:
            x_q = x_none
        worst["chi2"] = max(worst["chi2"], rel(s["chi2"], sign * x_q))
        # G2 via power_divergence with expected from the margins
        exp = np.outer(obs.sum(axis=1), obs.sum(axis=0)) / obs.sum()
        g_pd = power_divergence(obs.ravel(), exp.ravel(), lambda_="log-likelihood")[0]
        worst["g2_pd"] = max(worst["g2_pd"], rel(s["g2"], sign * g_pd))
        g_cc = chi2_contingency(obs, correction=False, lambda_="log-likelihood")[0]
        worst["g2_cc"] = max(worst["g2_cc"], rel(s["g2"], sign * g_cc))
        # log ratio with plain floats
        lr = math.log2(((a or 0.5) / t1) / ((b or 0.5) / t2))
        worst["log_ratio"] = max(worst["log_ratio"], rel(s["log_ratio"], lr))
        # log-odds with the pooled prior in plain floats (numpy), against the Decimal values
        al, a0 = float(a + b), float(t1 + t2)
        dl = (np.log((a + al) / (t1 + a0 - a - al))
              - np.log((b + al) / (t2 + a0 - b - al)))
        zl = dl / np.sqrt(1 / (a + al) + 1 / (t1 + a0 - a - al)
                          + 1 / (b + al) + 1 / (t2 + a0 - b - al))
        worst["log_odds"] = max(worst.get("log_odds", 0.0), rel(s["log_odds"], dl))
        worst["log_odds_z"] = max(worst.get("log_odds_z", 0.0), rel(s["log_odds_z"], zl))
        # p via erfc: P(chi2_1 > x) = erfc(sqrt(x/2))
        pe = math.erfc(math.sqrt(abs(s["chi2"]) / 2))
        worst["p"] = max(worst["p"], abs(s["p"] - pe))
        n_checked += 1

    print("rows checked:", n_checked)
    for k, v in worst.items():
        print("max deviation %-10s %.3g" % (k, v))

    # hand-computed values
    hand = [
        # (label, computed, expected)
        ("chi2_none 3,2,10,10 = 20*10^2/(5*15*10*10) = 4/15",
         stats_row(3, 2, 10, 10)["chi2_none"], 4 / 15),
        ("chi2 3,2,10,10 at Yates boundary = 0",
         stats_row(3, 2, 10, 10)["chi2"], 0.0),
        ("g2 1,0,2,3 = 10*ln(1.25)",
         stats_row(1, 0, 2, 3)["g2"], 10 * math.log(1.25)),
        ("chi2 7,2,10,9 (Yates) = 19*(43-9.5)^2/(9*10*10*9)",
         stats_row(7, 2, 10, 9)["chi2"], 19 * 33.5 ** 2 / (9 * 10 * 10 * 9)),
        ("log_ratio 5,0,1000,2000 = log2((5/1000)/(0.5/2000)) = log2(20)",
         stats_row(5, 0, 1000, 2000)["log_ratio"], math.log2(20)),
        ("log_odds_z 1,0,2,2 = ln((2/4)/(1/5)) / sqrt(1/2 + 1/4 + 1/1 + 1/5)",
         stats_row(1, 0, 2, 2)["log_odds_z"], math.log(2.5) / math.sqrt(1.95)),
        ("g2 equal relative frequencies = 0",
         stats_row(500000, 450000, 10000000, 9000000)["g2"], 0.0),
    ]
    for label, got, want in hand:
        print("%-70s got %r want %r %s" % (label, got, want,
              "OK" if rel(got, want) < 1e-13 else "MISMATCH"))


def main(argv):
    args = [x for x in argv[1:] if not x.startswith("--")]
    if len(args) != 1:
        sys.stderr.write(__doc__)
        return 2
    if "--verify" in argv:
        verify(args[0])
    else:
        write_csv(args[0], sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
