//! Statistics over counts: keyness (G², χ², p, Log Ratio) as quanteda and AntConc compute them,
//! document similarity (cosine on relative frequencies or tf-idf, Jaccard on term sets), and
//! association measures of words that go together ([`assoc`]), how evenly a word spreads over
//! the documents ([`dispersion`]: Gries' DP, Juilland's D), and lexical diversity and
//! readability of a document ([`diversity`]).
//!
//! For one term, with `a` its count in the target, `b` in the reference, `c = T1 − a`,
//! `d = T2 − b` (T1, T2 the token totals) and `N = a + b + c + d`, expected counts are
//! `E11 = (a+b)(a+c)/N`, `E12 = (a+b)(b+d)/N`, `E21 = (c+d)(a+c)/N`, `E22 = (c+d)(b+d)/N`.
//!
//! * G² = 2 Σ O·ln(O/E) over the four cells (0·ln 0 = 0): AntConc's log-likelihood and
//!   quanteda's `measure = "lr"` with `correction = "none"`.
//! * χ² = N(ad − bc)² / ((a+b)(c+d)(a+c)(b+d)); with quanteda's default rule Yates' correction
//!   is applied, `N(|ad − bc| − N/2)² / (…)`, only when `|ad − bc| ≥ N/2` and an expected cell
//!   is below 5 (`--compat antconc` never corrects).
//! * Both are signed: positive when the term is relatively more frequent in the target
//!   (`a > E11`), negative otherwise.
//! * p is the upper tail of the χ² distribution with one degree of freedom at |G²| (statrs).
//! * Log Ratio (Hardie 2014) = log2((a/T1)/(b/T2)), a zero count replaced by 0.5.

use statrs::distribution::{ChiSquared, ContinuousCDF};

pub mod assoc;
pub mod dispersion;
pub mod diversity;

/// Whose conventions to follow where the reference tools differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Compat {
    /// quanteda: χ² with Yates' correction under quanteda's rule.
    #[default]
    Quanteda,
    /// AntConc: χ² without correction.
    Antconc,
}

/// Keyness statistics of one term.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Keyness {
    /// Signed log-likelihood G².
    pub g2: f64,
    /// Signed χ².
    pub chi2: f64,
    /// p-value under χ²(1) of the statistic the convention tests ([`Keyness::tested`]).
    pub p: f64,
    /// Hardie's Log Ratio.
    pub log_ratio: f64,
    /// Log-odds ratio with an informative Dirichlet prior, the pooled counts of both sides
    /// (Monroe, Colaresi and Quinn 2008, "Fightin' words"; scattertext's
    /// `LogOddsRatioInformativeDirichletPrior`).
    pub log_odds: f64,
    /// `log_odds` over its standard deviation (the paper's z-score).
    pub log_odds_z: f64,
}

fn xlnx_over(o: f64, e: f64) -> f64 {
    if o == 0.0 {
        0.0
    } else {
        o * (o / e).ln()
    }
}

/// Computes keyness for counts `a` (target) and `b` (reference) out of totals `t1`, `t2`.
pub fn keyness(a: f64, b: f64, t1: f64, t2: f64, compat: Compat) -> Keyness {
    let mut k = keyness_without_p(a, b, t1, t2, compat);
    k.p = chi2_sf(k.tested(compat));
    k
}

impl Keyness {
    /// The statistic whose p-value the convention reports: |χ²| for quanteda (as
    /// `textstat_keyness` with its default measure, Yates' correction by its rule), |G²| for
    /// AntConc (its log-likelihood keyness).
    pub fn tested(&self, compat: Compat) -> f64 {
        match compat {
            Compat::Quanteda => self.chi2.abs(),
            Compat::Antconc => self.g2.abs(),
        }
    }
}

/// [`keyness`] without the p-value (left as NaN): the p-value is the costly part, and ranking
/// needs only G².
pub fn keyness_without_p(a: f64, b: f64, t1: f64, t2: f64, compat: Compat) -> Keyness {
    let (c, d) = (t1 - a, t2 - b);
    let n = a + b + c + d;
    let e11 = (a + b) * (a + c) / n;
    let e12 = (a + b) * (b + d) / n;
    let e21 = (c + d) * (a + c) / n;
    let e22 = (c + d) * (b + d) / n;
    let sign = if a > e11 { 1.0 } else { -1.0 };
    let g2 = 2.0 * (xlnx_over(a, e11) + xlnx_over(b, e12) + xlnx_over(c, e21) + xlnx_over(d, e22));
    // `+ 0.0` turns the -0.0 of a term the two sides use alike into 0.0, as R prints it.
    let g2 = sign * g2.max(0.0) + 0.0;
    let det = a * d - b * c;
    let denom = (a + b) * (c + d) * (a + c) * (b + d);
    let small = e11.min(e12).min(e21).min(e22) < 5.0;
    let yates = compat == Compat::Quanteda && det.abs() >= n / 2.0 && small;
    let num = if yates {
        (det.abs() - n / 2.0).powi(2)
    } else {
        det * det
    };
    let chi2 = if denom == 0.0 {
        0.0
    } else {
        sign * n * num / denom + 0.0
    };
    let p = f64::NAN;
    let (aa, bb) = (
        if a == 0.0 { 0.5 } else { a },
        if b == 0.0 { 0.5 } else { b },
    );
    let log_ratio = ((aa / t1) / (bb / t2)).log2();
    let (log_odds, log_odds_z) = log_odds(a, b, t1, t2);
    Keyness {
        g2,
        chi2,
        p,
        log_ratio,
        log_odds,
        log_odds_z,
    }
}

/// The log-odds ratio of counts `a` and `b` out of `t1` and `t2` with an informative Dirichlet
/// prior, and its z-score, as scattertext's `LogOddsRatioInformativeDirichletPrior` computes
/// them with priors from both sides: the prior of a term is its pooled count `α = a + b`
/// (`α₀ = t1 + t2`), the variance sums the reciprocals of the four smoothed cells.
fn log_odds(a: f64, b: f64, t1: f64, t2: f64) -> (f64, f64) {
    let (al, a0) = (a + b, t1 + t2);
    let (ai, ri) = (a + al, t1 + a0 - a - al);
    let (bj, rj) = (b + al, t2 + a0 - b - al);
    let delta = (ai / ri).ln() - (bj / rj).ln();
    let var = 1.0 / ai + 1.0 / ri + 1.0 / bj + 1.0 / rj;
    (delta, delta / var.sqrt())
}

/// Upper tail of χ² with one degree of freedom.
pub fn chi2_sf(x: f64) -> f64 {
    // Cannot fail: statrs rejects only non-positive or NaN degrees of freedom.
    let dist = ChiSquared::new(1.0).expect("one degree of freedom is valid");
    dist.sf(x)
}

/// Cosine similarity of two sparse vectors given as sorted (id, weight) lists.
pub fn cosine(x: &[(u32, f64)], y: &[(u32, f64)]) -> f64 {
    let (mut i, mut j, mut dot) = (0, 0, 0.0);
    while i < x.len() && j < y.len() {
        match x[i].0.cmp(&y[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += x[i].1 * y[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    let nx: f64 = x.iter().map(|v| v.1 * v.1).sum::<f64>().sqrt();
    let ny: f64 = y.iter().map(|v| v.1 * v.1).sum::<f64>().sqrt();
    if nx == 0.0 || ny == 0.0 {
        0.0
    } else {
        (dot / (nx * ny)).min(1.0)
    }
}

/// Jaccard similarity of two sorted id sets.
pub fn jaccard(x: &[u32], y: &[u32]) -> f64 {
    let (mut i, mut j, mut inter) = (0, 0, 0usize);
    while i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                inter += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = x.len() + y.len() - inter;
    if union == 0 {
        1.0
    } else {
        inter as f64 / union as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_rates_give_zero_and_swapping_flips_sign() {
        let k = keyness(10.0, 20.0, 1000.0, 2000.0, Compat::Quanteda);
        assert!(k.g2.abs() < 1e-12 && k.log_ratio.abs() < 1e-12);
        let x = keyness(30.0, 5.0, 1000.0, 1200.0, Compat::Antconc);
        let y = keyness(5.0, 30.0, 1200.0, 1000.0, Compat::Antconc);
        assert!((x.g2 + y.g2).abs() < 1e-9 && (x.log_ratio + y.log_ratio).abs() < 1e-12);
        assert!(x.g2 > 0.0 && x.chi2 > 0.0);
        // Two sides that use a term alike: zero, not the -0.0 a CSV would show.
        for compat in [Compat::Quanteda, Compat::Antconc] {
            let same = keyness(7.0, 7.0, 1428.0, 1428.0, compat);
            assert_eq!((same.g2.to_bits(), same.chi2.to_bits()), (0, 0));
        }
    }

    #[test]
    fn similarity_basics() {
        let v = [(1, 2.0), (3, 1.0)];
        assert!((cosine(&v, &v) - 1.0).abs() < 1e-12);
        assert_eq!(cosine(&v, &[(2, 1.0)]), 0.0);
        assert_eq!(jaccard(&[1, 2, 3], &[2, 3, 4]), 0.5);
    }
}
