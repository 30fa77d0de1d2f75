//! How evenly a word spreads over the parts of a corpus (its documents), as corpus linguists
//! measure it (AntConc's plot, Gries' `dispersions` functions):
//!
//! * Gries' DP (Gries 2008, "Dispersions and adjusted frequencies in corpora"): with `v_i` the
//!   word's count in part `i`, `V` its total, `s_i` the part's size and `S` the corpus's,
//!   `DP = ½ Σ |v_i/V − s_i/S|` over every part, 0 for a word spread as the parts' sizes are, up
//!   to nearly 1 for a word found in one small part.
//! * DP normalised (Lijffijt & Gries 2012, "Correction to Stefan Th. Gries' …"):
//!   `DP / (1 − min s_i/S)`, so that 1 is the word in the smallest part alone.
//! * Juilland's D over parts of unequal size: with `x_i = v_i/s_i` the word's relative
//!   frequency in part `i` (0 where it is absent), `n` parts, `CV` the coefficient of variation
//!   of the `x_i` (population standard deviation over their mean), `D = 1 − CV/√(n − 1)`: 1 for
//!   an even spread, 0 or less for a word in one part.
//!
//! A word's sums run over the parts it occurs in ([`Sums::add`]); the parts it is absent from
//! add `s_i/S` to DP's sum and 0 to D's, which [`Sums::finish`] puts in from the corpus's parts.

/// The parts of a corpus: how many (those with a size), and the smallest one's share.
#[derive(Debug, Clone, Copy)]
pub struct Parts {
    /// Parts with at least one token.
    pub n: usize,
    /// Tokens in all parts.
    pub size: f64,
    /// The smallest part's share of the tokens.
    pub smallest: f64,
}

impl Parts {
    /// The parts of sizes `sizes` (parts of size 0 are no parts).
    pub fn of(sizes: impl IntoIterator<Item = u64>) -> Parts {
        let (mut n, mut size, mut least) = (0usize, 0f64, f64::INFINITY);
        for s in sizes.into_iter().filter(|&s| s > 0) {
            n += 1;
            size += s as f64;
            least = least.min(s as f64);
        }
        Parts {
            n,
            size,
            smallest: if n == 0 { 0.0 } else { least / size },
        }
    }
}

/// One word's sums over the parts it occurs in.
#[derive(Debug, Clone, Copy, Default)]
pub struct Sums {
    /// Σ |v_i/V − s_i/S| over the parts holding the word.
    deviation: f64,
    /// Σ s_i/S over those parts.
    share: f64,
    /// Σ x_i and Σ x_i² (x_i = v_i/s_i).
    x: f64,
    x2: f64,
}

/// A word's dispersion.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Dispersion {
    /// Gries' DP.
    pub dp: f64,
    /// DP normalised by the smallest part.
    pub dp_norm: f64,
    /// Juilland's D (NaN with fewer than two parts).
    pub juilland_d: f64,
}

impl Sums {
    /// Adds a part of `size` tokens where the word occurs `count` times, of `total` in all
    /// `parts`.
    pub fn add(&mut self, count: u64, total: u64, size: u64, parts: &Parts) {
        if size == 0 || total == 0 {
            return;
        }
        let share = size as f64 / parts.size;
        self.deviation += (count as f64 / total as f64 - share).abs();
        self.share += share;
        let x = count as f64 / size as f64;
        self.x += x;
        self.x2 += x * x;
    }

    /// The dispersion from the sums, the parts without the word put in.
    pub fn finish(&self, parts: &Parts) -> Dispersion {
        let absent = (1.0 - self.share).max(0.0);
        let dp = 0.5 * (self.deviation + absent);
        let dp_norm = if parts.smallest < 1.0 {
            dp / (1.0 - parts.smallest)
        } else {
            f64::NAN
        };
        let n = parts.n as f64;
        let juilland_d = if parts.n < 2 || self.x <= 0.0 {
            f64::NAN
        } else {
            let mean = self.x / n;
            let sd = (self.x2 / n - mean * mean).max(0.0).sqrt();
            1.0 - (sd / mean) / (n - 1.0).sqrt()
        };
        // Rounding leaves a few units in the last place where the value is exactly 0 or 1.
        let exact = |x: f64| {
            if x.abs() < 1e-12 {
                0.0
            } else if (x - 1.0).abs() < 1e-12 {
                1.0
            } else {
                x
            }
        };
        Dispersion {
            dp: exact(dp),
            dp_norm: exact(dp_norm),
            juilland_d: exact(juilland_d),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The measures computed here from their definitions, term by term over every part
    /// (zeros included), against the sums over the parts holding the word.
    fn direct(counts: &[u64], sizes: &[u64]) -> Dispersion {
        let total: u64 = counts.iter().sum();
        let size: u64 = sizes.iter().sum();
        let p: Vec<f64> = sizes.iter().map(|&s| s as f64 / size as f64).collect();
        let dp = 0.5
            * counts
                .iter()
                .zip(&p)
                .map(|(&v, p)| (v as f64 / total as f64 - p).abs())
                .sum::<f64>();
        let min = p.iter().cloned().fold(f64::INFINITY, f64::min);
        let x: Vec<f64> = counts
            .iter()
            .zip(sizes)
            .map(|(&v, &s)| v as f64 / s as f64)
            .collect();
        let n = x.len() as f64;
        let mean = x.iter().sum::<f64>() / n;
        let sd = (x.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n).sqrt();
        Dispersion {
            dp,
            dp_norm: dp / (1.0 - min),
            juilland_d: 1.0 - (sd / mean) / (n - 1.0).sqrt(),
        }
    }

    fn summed(counts: &[u64], sizes: &[u64]) -> Dispersion {
        let parts = Parts::of(sizes.iter().copied());
        let total = counts.iter().sum();
        let mut s = Sums::default();
        for (&v, &size) in counts.iter().zip(sizes) {
            if v > 0 {
                s.add(v, total, size, &parts);
            }
        }
        s.finish(&parts)
    }

    #[test]
    fn an_even_word_is_0_and_a_word_in_one_part_is_near_1() {
        // Spread as the parts' sizes are: DP 0, D 1.
        let d = summed(&[1, 2, 3], &[10, 20, 30]);
        assert!(
            d.dp.abs() < 1e-12 && (d.juilland_d - 1.0).abs() < 1e-12,
            "{d:?}"
        );
        // In the smallest of four equal parts alone: DP = ½(¾ + ¼ + ¼ + ¼) = 0.75, normalised
        // 0.75 / (1 − ¼) = 1; D = 1 − √3/√3 = 0.
        let d = summed(&[5, 0, 0, 0], &[100, 100, 100, 100]);
        assert!((d.dp - 0.75).abs() < 1e-12, "{d:?}");
        assert!((d.dp_norm - 1.0).abs() < 1e-12, "{d:?}");
        assert!(d.juilland_d.abs() < 1e-12, "{d:?}");
    }

    #[test]
    fn sums_over_the_parts_holding_a_word_equal_the_definitions() {
        for (counts, sizes) in [
            (&[3u64, 0, 7, 1, 0][..], &[120u64, 80, 300, 45, 10][..]),
            (&[1, 1, 0, 0, 9], &[1000, 900, 50, 20, 400]),
            (&[2, 5], &[30, 31]),
        ] {
            let (a, b) = (summed(counts, sizes), direct(counts, sizes));
            for (x, y) in [
                (a.dp, b.dp),
                (a.dp_norm, b.dp_norm),
                (a.juilland_d, b.juilland_d),
            ] {
                assert!((x - y).abs() < 1e-12, "{counts:?} {sizes:?}: {a:?} {b:?}");
            }
        }
    }
}
