#!/usr/bin/env python3
"""Held-out recall of the speech-act lexicon against the labels it was tuned on.

Usage: python3 tests/data/acts/learning_curve.py [README.md]

Reads the README's table of held-out scores (each split scored once, by the lexicon and
models fitted on every split labelled before it, before any tuning on it) and prints:
the pooled recall of each quarter of the series; a straight line and a logarithmic curve of a
split's recall against the labelled acts the lexicon had been tuned on when it scored it;
and how many labelled acts each line says recall 0.80 would take. Recall of a split is right
acts over labelled acts, so a quarter's pooled recall is the mean of its splits' recalls
weighted by their acts.
"""
import math
import re
import sys

ROW = re.compile(r"^\| (\w+) \((\d+)\) \| .* \| \**([0-9.]+)\** \| \**([0-9.]+)\** \|$")


def splits(readme):
    rows = []
    with open(readme, encoding="utf-8") as f:
        for line in f:
            m = ROW.match(line.strip())
            if m:
                rows.append((m.group(1), int(m.group(2)), float(m.group(3)), float(m.group(4))))
    return rows


def fit(xs, ys):
    """Least squares: slope and intercept of ys on xs."""
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    return sxy / sxx, my - sxy / sxx * mx


def main():
    rows = splits(sys.argv[1] if len(sys.argv) > 1 else "README.md")
    if len(rows) < 8:
        sys.exit(f"found {len(rows)} held-out rows; is this verbale's README?")
    print(f"{len(rows)} held-out splits, {sum(r[1] for r in rows):,} labelled acts")
    q = len(rows) / 4
    for k in range(4):
        part = rows[round(k * q) : round((k + 1) * q)]
        n = sum(r[1] for r in part)
        recall = sum(r[1] * r[3] for r in part) / n
        print(f"{part[0][0]:>8} to {part[-1][0]:<8} {n:5,} acts  recall {recall:.3f}")
    before, total = [], 0
    for r in rows:
        before.append(total)
        total += r[1]
    pts = [(b, r[3]) for b, r in zip(before, rows) if b > 0]
    a, b = fit([p[0] / 1000 for p in pts], [p[1] for p in pts])
    print(f"straight line: recall = {b:.3f} + {a:.4f} per 1,000 acts tuned on; "
          f"0.80 at {(0.80 - b) / a * 1000:,.0f} acts" if a > 0 else "no rise")
    a, b = fit([math.log(p[0]) for p in pts], [p[1] for p in pts])
    need = math.exp((0.80 - b) / a) if a > 0 else float("inf")
    print(f"logarithmic: recall = {b:.3f} + {a:.4f} ln(acts tuned on); 0.80 at {need:.3g} acts")


if __name__ == "__main__":
    main()
