//! Collocations: sequences of K words that hold together more than chance would have them.
//! For each sequence counted at least `min_count` times, the 2^K cells count the K-word
//! windows of the corpus (never across punctuation, paragraphs or, unless asked, sentences) by
//! which positions match it, as quanteda's `textstat_collocations` does; they give λ and z
//! ([`crate::stats::assoc::lambda_z`]). The cells come from the counts of windows matching the
//! sequence on each subset S of its positions, m(S), by inclusion–exclusion: n(P) =
//! Σ_{S ⊇ P} (−1)^{|S∖P|} m(S), one pass over the windows for all sequences, instead of
//! quanteda's comparison of every sequence with every other. Bigrams also get NLTK's PMI,
//! Student's t, χ², G² and Dice, from the same counts.

use super::counts::Level;
use super::held::Held;
use super::ngrams::{self, unpack, NgramOptions, MAX_N};
use super::NgramRow;
use crate::error::Result;
use crate::stats::assoc;
use ahash::AHashMap;
use rayon::prelude::*;

/// How collocations are found.
#[derive(Debug, Clone, Copy)]
pub struct CollocationOptions {
    /// Sequences of these lengths (from 2 to 5).
    pub sizes: (usize, usize),
    /// Fewest occurrences of a sequence to be scored.
    pub min_count: u64,
    /// Added to every cell (quanteda's default: 0.5).
    pub smoothing: f64,
    /// Let sequences run across sentence ends.
    pub across_sentences: bool,
    /// Leave out sequences that start or end with a stopword.
    pub stop_edges: bool,
}

impl Default for CollocationOptions {
    fn default() -> Self {
        CollocationOptions {
            sizes: (2, 2),
            min_count: 2,
            smoothing: 0.5,
            across_sentences: false,
            stop_edges: true,
        }
    }
}

/// Bigram measures (NLTK's `BigramAssocMeasures`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BigramScores {
    /// Pointwise mutual information (bits).
    pub pmi: f64,
    /// Student's t.
    pub t: f64,
    /// Pearson's χ².
    pub chi2: f64,
    /// Log-likelihood ratio G².
    pub g2: f64,
    /// Dice coefficient.
    pub dice: f64,
    /// The margins the measures are computed from: the windows the first word begins, those
    /// the second word ends, and every window (so that a reader can check each score).
    pub margins: [u64; 3],
}

/// One scored sequence.
#[derive(Debug, Clone, Copy)]
pub struct Collocation {
    /// The sequence and its occurrences.
    pub row: NgramRow,
    /// λ, the highest-order interaction.
    pub lambda: f64,
    /// z = λ / its standard error.
    pub z: f64,
    /// For bigrams: the NLTK measures.
    pub bigram: Option<BigramScores>,
}

/// Bits 123.. of a projection key: which positions it keeps.
const MASK_SHIFT: u32 = 123;

/// The key of the words of `ids` at the positions `mask` keeps (the others a sentinel id).
fn projection(ids: &[u32], mask: u32) -> u128 {
    let mut k = (ids.len() as u128) << 120 | (mask as u128) << MASK_SHIFT;
    for (i, &id) in ids.iter().enumerate() {
        let v = if mask >> i & 1 == 1 { id } else { 0xFF_FFFF };
        k |= (v as u128) << (24 * i);
    }
    k
}

/// Scores the sequences of every length in `o.sizes`, most strongly associated (z) first.
pub fn collocations(held: &Held, o: &CollocationOptions) -> Result<Vec<Collocation>> {
    let no = NgramOptions {
        n_min: o.sizes.0.max(2),
        n_max: o.sizes.1,
        min_count: o.min_count,
        across_sentences: o.across_sentences,
        stop_edges: o.stop_edges,
    };
    no.check()?;
    // Scored over the whole corpus, whatever its bins.
    let levels: Vec<Level> = ngrams::count(held, &no)?
        .into_iter()
        .map(Level::into_totals)
        .collect();
    let rows = super::ngram_rows(held, &levels, &no, None);
    let mut out = Vec::with_capacity(rows.len());
    for k in no.n_min..=no.n_max {
        let of_k: Vec<&NgramRow> = rows
            .iter()
            .filter(|r| (r.key >> 120) as usize == k)
            .collect();
        if of_k.is_empty() {
            continue;
        }
        let (windows, m) = subset_counts(held, k, no.forbid(), &of_k);
        for (r, m) in of_k.iter().zip(m) {
            out.push(score(r, k, windows, &m, o.smoothing));
        }
    }
    out.sort_by(|x, y| {
        y.z.total_cmp(&x.z)
            .then(y.row.tally.count.cmp(&x.row.tally.count))
            .then_with(|| {
                ngrams::words(x.row.key, &held.terms).cmp(&ngrams::words(y.row.key, &held.terms))
            })
    });
    held.docs.check()?;
    Ok(out)
}

/// A sequence's scores from its subset counts `m` (m[S] for every S; m[0] = all windows).
fn score(r: &NgramRow, k: usize, windows: u64, m: &[u64], smoothing: f64) -> Collocation {
    let full = (1usize << k) - 1;
    let mut cells = vec![0f64; 1 << k];
    for (p, cell) in cells.iter_mut().enumerate() {
        // Inclusion–exclusion over the supersets S of P.
        let mut n = 0i64;
        for (s, &ms) in m.iter().enumerate().take(full + 1).skip(p) {
            if s & p == p {
                let sign = if (s ^ p).count_ones().is_multiple_of(2) {
                    1
                } else {
                    -1
                };
                n += sign * ms as i64;
            }
        }
        *cell = n as f64;
    }
    let (lambda, z) = assoc::lambda_z(&cells, smoothing);
    let bigram = (k == 2).then(|| {
        let (n_ii, n_ix, n_xi, n_xx) = (m[3] as f64, m[1] as f64, m[2] as f64, windows as f64);
        BigramScores {
            pmi: assoc::pmi(n_ii, n_ix, n_xi, n_xx),
            t: assoc::student_t(n_ii, n_ix, n_xi, n_xx),
            chi2: assoc::chi_sq(n_ii, n_ix, n_xi, n_xx),
            g2: assoc::likelihood_ratio(n_ii, n_ix, n_xi, n_xx),
            dice: assoc::dice(n_ii, n_ix, n_xi),
            margins: [m[1], m[2], windows],
        }
    });
    Collocation {
        row: *r,
        lambda,
        z,
        bigram,
    }
}

/// The number of K-word windows and, per sequence, the windows matching it on each subset of
/// its positions (index: the subset's bits; the empty one all windows, the full one its
/// count).
fn subset_counts(held: &Held, k: usize, forbid: u8, rows: &[&NgramRow]) -> (u64, Vec<Vec<u64>>) {
    let full = (1u32 << k) - 1;
    // Every projection a sequence needs, numbered.
    let mut index: AHashMap<u128, u32> = AHashMap::new();
    let slots: Vec<Vec<u32>> = rows
        .iter()
        .map(|r| {
            let ids = unpack(r.key);
            (1..full)
                .map(|s| {
                    let n = index.len() as u32;
                    *index.entry(projection(&ids, s)).or_insert(n)
                })
                .collect()
        })
        .collect();
    let threads = rayon::current_num_threads().max(1);
    let chunk = held.docs.len().div_ceil(threads).max(1);
    let all = held.docs.len();
    let (windows, counts) = (0..threads)
        .into_par_iter()
        .map(|t| {
            let mut counts = vec![0u64; index.len()];
            let mut windows = 0u64;
            let mut ids = [0u32; MAX_N];
            for i in (t * chunk).min(all)..((t + 1) * chunk).min(all) {
                let d = &*held.docs.get(i);
                for first in ngrams::windows(d, k, forbid) {
                    windows += 1;
                    for (j, id) in ids[..k].iter_mut().enumerate() {
                        *id = held.term(d, first + j);
                    }
                    for s in 1..full {
                        if let Some(&i) = index.get(&projection(&ids[..k], s)) {
                            counts[i as usize] += 1;
                        }
                    }
                }
            }
            (windows, counts)
        })
        .reduce(
            || (0, vec![0u64; index.len()]),
            |(w1, mut c1), (w2, c2)| {
                for (a, b) in c1.iter_mut().zip(c2) {
                    *a += b;
                }
                (w1 + w2, c1)
            },
        );
    let m = rows
        .iter()
        .zip(&slots)
        .map(|(r, slots)| {
            let mut m = vec![0u64; 1 << k];
            m[0] = windows;
            m[full as usize] = r.tally.count as u64;
            for (s, &i) in (1..full).zip(slots) {
                m[s as usize] = counts[i as usize];
            }
            m
        })
        .collect();
    (windows, m)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::phrases::ngrams::pack;

    #[test]
    fn projections_keep_the_masked_positions() {
        let ids = [5, 6, 7];
        assert_eq!(projection(&ids, 0b101), projection(&[5, 9, 7], 0b101));
        assert_ne!(projection(&ids, 0b101), projection(&ids, 0b001));
        assert_ne!(projection(&ids, 0b011), pack(&ids));
    }
}
