//! Association measures: how strongly words go together.
//!
//! * Bigrams, as NLTK's `BigramAssocMeasures` computes them from `n_ii` (the pair's count),
//!   `n_ix` and `n_xi` (the first word's and the second word's counts in that position) and
//!   `n_xx` (all pairs): PMI = log2(n_ii·n_xx / (n_ix·n_xi)); Student's t = (n_ii − n_ix·n_xi /
//!   n_xx) / √n_ii; χ² = n_xx·φ² over the 2×2 table; G² (`likelihood_ratio`) = 2 Σ O·ln(O/E);
//!   Dice = 2·n_ii / (n_ix + n_xi).
//! * Sequences of K words, as quanteda's `textstat_collocations`: the 2^K cells count the
//!   K-word windows by which of their positions match the candidate; with `smoothing` added to
//!   each, λ = Σ_c (−1)^(K − |c|) ln n_c (the highest-order interaction of the saturated
//!   log-linear model) and z = λ / √(Σ_c 1/n_c).
//! * Collocates in a window, as #LancsBox and Brezina (2018, table 3.3) define them and AntConc
//!   reports them: with O the co-occurrences, R1 = the node's frequency × the window's size, C1
//!   the collocate's frequency and N the corpus's tokens, E = R1·C1/N; MI = log2(O/E);
//!   t = (O − E)/√O; z = (O − E)/√E; G² = 2 Σ O·ln(O/E) over the 2×2 table (O, R1 − O,
//!   C1 − O, N − R1 − C1 + O); and Dice = 2·O/(F + C1) over the node's frequency F, as
//!   WordSmith gives it.

/// NLTK's guard against logarithms and divisions of zero.
const SMALL: f64 = 1e-20;

/// The 2×2 table of a pair: (both, first only, second only, neither).
fn table(n_ii: f64, n_ix: f64, n_xi: f64, n_xx: f64) -> [f64; 4] {
    let n_io = n_ix - n_ii;
    let n_oi = n_xi - n_ii;
    [n_ii, n_io, n_oi, n_xx - n_ii - n_io - n_oi]
}

/// Expected counts of a 2×2 table under independence (NLTK's `_expected_values`).
fn expected(t: &[f64; 4]) -> [f64; 4] {
    let n: f64 = t.iter().sum();
    let (r1, r2) = (t[0] + t[1], t[2] + t[3]);
    let (c1, c2) = (t[0] + t[2], t[1] + t[3]);
    [r1 * c1 / n, r1 * c2 / n, r2 * c1 / n, r2 * c2 / n]
}

/// Pointwise mutual information, in bits.
pub fn pmi(n_ii: f64, n_ix: f64, n_xi: f64, n_xx: f64) -> f64 {
    (n_ii * n_xx).log2() - (n_ix * n_xi).log2()
}

/// Student's t.
pub fn student_t(n_ii: f64, n_ix: f64, n_xi: f64, n_xx: f64) -> f64 {
    (n_ii - n_ix * n_xi / n_xx) / (n_ii + SMALL).sqrt()
}

/// Pearson's χ² of the 2×2 table.
pub fn chi_sq(n_ii: f64, n_ix: f64, n_xi: f64, n_xx: f64) -> f64 {
    let [a, b, c, d] = table(n_ii, n_ix, n_xi, n_xx);
    let phi_sq = (a * d - b * c).powi(2) / ((a + b) * (a + c) * (b + d) * (c + d));
    n_xx * phi_sq
}

/// Log-likelihood ratio G² of the 2×2 table (natural logarithms).
pub fn likelihood_ratio(n_ii: f64, n_ix: f64, n_xi: f64, n_xx: f64) -> f64 {
    let t = table(n_ii, n_ix, n_xi, n_xx);
    let e = expected(&t);
    2.0 * t
        .iter()
        .zip(&e)
        .map(|(o, e)| o * (o / (e + SMALL) + SMALL).ln())
        .sum::<f64>()
}

/// The Dice coefficient.
pub fn dice(n_ii: f64, n_ix: f64, n_xi: f64) -> f64 {
    2.0 * n_ii / (n_ix + n_xi)
}

/// λ and z of a K-word sequence from its 2^K cell counts (`cells[b]`: windows whose positions
/// set in `b` match the sequence and the others do not; bit i is position i), `smoothing`
/// added to each cell.
pub fn lambda_z(cells: &[f64], smoothing: f64) -> (f64, f64) {
    let k = cells.len().trailing_zeros();
    let (mut lambda, mut var) = (0.0, 0.0);
    for (b, &n) in cells.iter().enumerate() {
        let n = n + smoothing;
        let sign = if (k - (b as u32).count_ones()).is_multiple_of(2) {
            1.0
        } else {
            -1.0
        };
        lambda += sign * n.ln();
        var += 1.0 / n;
    }
    (lambda, lambda / var.sqrt())
}

/// Scores of a collocate in a window around a node word.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WindowScores {
    /// Expected co-occurrences: R1·C1/N.
    pub expected: f64,
    /// log2(O/E).
    pub mi: f64,
    /// (O − E)/√O.
    pub t: f64,
    /// (O − E)/√E.
    pub z: f64,
    /// Log-likelihood over the 2×2 table.
    pub ll: f64,
    /// 2·O/(node frequency + C1), WordSmith's Dice (Sketch Engine's logDice starts from the
    /// same ratio): the node's occurrences, not its windows' words, so that a collocate seen
    /// beside every occurrence of the node and nowhere else scores 1 whatever the window.
    pub dice: f64,
}

/// The scores of a collocate seen `o` times in the windows of a node of frequency `node`
/// (windows of `span` words), the collocate's frequency `coll` and the corpus's `n` tokens.
pub fn window_scores(o: f64, node: f64, span: f64, coll: f64, n: f64) -> WindowScores {
    let r1 = node * span;
    let e = r1 * coll / n;
    let t = [o, r1 - o, coll - o, n - r1 - coll + o];
    let ex = [e, r1 - e, coll - e, n - r1 - coll + e];
    let ll = 2.0
        * t.iter()
            .zip(&ex)
            .filter(|(o, e)| **o > 0.0 && **e > 0.0)
            .map(|(o, e)| o * (o / e).ln())
            .sum::<f64>();
    // Signed as keyness's G² is: below zero where the pair is seen less often than expected
    // (a word that keeps away from the node), so that ranking by it puts those last.
    let ll = if o < e { -ll } else { ll };
    WindowScores {
        expected: e,
        mi: (o / e).log2(),
        t: (o - e) / o.sqrt(),
        z: (o - e) / e.sqrt(),
        ll,
        dice: 2.0 * o / (node + coll),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The values of NLTK's own doctests (nltk/metrics/association.py and its test suite).
    #[test]
    fn bigram_measures_match_nltk() {
        assert!((student_t(8.0, 15828.0, 4675.0, 14307668.0) - 0.9999).abs() < 5e-5);
        assert!((chi_sq(59.0, 67.0, 65.0, 571007.0) - 456400.0).abs() < 50.0);
        assert!((likelihood_ratio(110.0, 2552.0, 221.0, 31777.0) - 270.72).abs() < 0.005);
        assert!((pmi(20.0, 42.0, 20.0, 14307668.0) - 18.38).abs() < 0.005);
        assert_eq!(dice(2.0, 3.0, 5.0), 0.5);
    }

    /// quanteda.textstats' test for zero-length documents: "good ice", "i like", ... each
    /// 2 of 9 windows, alone in their rows and columns: λ = 4.317488, z = 2.027787.
    #[test]
    fn lambda_and_z_match_quanteda() {
        // Bit 0: first position matches; bit 1: second.
        let cells = [7.0, 0.0, 0.0, 2.0];
        let (l, z) = lambda_z(&cells, 0.5);
        assert!((l - 4.317488).abs() < 5e-7, "{l}");
        assert!((z - 2.027787).abs() < 5e-7, "{z}");
        // With two positions, λ is the log odds ratio.
        let (l, _) = lambda_z(&[10.0, 3.0, 4.0, 5.0], 0.0);
        assert!((l - (5.0f64 * 10.0 / (3.0 * 4.0)).ln()).abs() < 1e-12);
    }

    #[test]
    fn window_scores_follow_their_definitions() {
        // A node seen 10 times, windows of 4 words, a collocate seen 50 times in 10,000 tokens,
        // 6 times in the windows: E = 40·50/10,000 = 0.2.
        let s = window_scores(6.0, 10.0, 4.0, 50.0, 10_000.0);
        assert!((s.expected - 0.2).abs() < 1e-12);
        // E = 100·10·500/10,000 = 50: seen 80 times it is positive, 20 times negative.
        let (over, under) = (
            window_scores(80.0, 100.0, 10.0, 500.0, 10_000.0),
            window_scores(20.0, 100.0, 10.0, 500.0, 10_000.0),
        );
        assert!(over.ll > 0.0 && under.ll < 0.0, "{} {}", over.ll, under.ll);
        assert!((s.mi - 30f64.log2()).abs() < 1e-12);
        assert!((s.t - 5.8 / 6f64.sqrt()).abs() < 1e-12);
        assert!((s.z - 5.8 / 0.2f64.sqrt()).abs() < 1e-12);
        // Dice over the node's 10 occurrences, not its 40 window words: 12 / 60.
        assert!((s.dice - 12.0 / 60.0).abs() < 1e-12);
        // A collocate beside each of the node's 10 occurrences and nowhere else: 1.
        assert!((window_scores(10.0, 10.0, 4.0, 10.0, 10_000.0).dice - 1.0).abs() < 1e-12);
        // G² as the bigram measure computes it on the same table.
        assert!((s.ll - likelihood_ratio(6.0, 40.0, 50.0, 10_000.0)).abs() < 1e-6);
    }
}
