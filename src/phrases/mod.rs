//! Phrases: n-grams, collocations (sequences that hold together: quanteda's λ and z, and
//! NLTK's bigram measures), and the collocates of a word in a window (AntConc's and #LancsBox's
//! scores), each with how often it stands inside quotation marks and scare quotes. Counted
//! from the corpus held as word ids ([`held`]).

pub mod collocates;
pub mod collocations;
pub mod counts;
pub mod docs;
pub mod held;
pub mod ngrams;

pub use counts::Tally;
pub use docs::HeldDocs;
pub use held::{read, read_analysed, FormIds, Held, HeldDoc, HeldQuote, Holder};
pub use ngrams::NgramOptions;

use crate::error::Result;
use crate::frames::per_10k;
use polars::prelude::*;

/// The `n` word pairs of the corpus that go together most strongly (collocations by z, seen at
/// least `min_count` times, no stopword at either end) as phrases of their terms, for
/// `--compound-top`: quanteda's `tokens_compound(toks, textstat_collocations(toks))` recipe.
pub fn strongest(held: &Held, n: usize, min_count: u64) -> Result<crate::text::Phrases> {
    let o = collocations::CollocationOptions {
        sizes: (2, 2),
        min_count,
        smoothing: 0.5,
        across_sentences: false,
        stop_edges: true,
    };
    let top: Vec<Vec<String>> = collocations::collocations(held, &o)?
        .iter()
        .filter(|c| c.z > 0.0)
        .take(n)
        .map(|c| {
            ngrams::unpack(c.row.key)
                .iter()
                .map(|&t| held.terms[t as usize].to_string())
                .collect()
        })
        .collect();
    Ok(crate::text::Phrases::from_stems(
        &top,
        &format!("--compound-top {n}"),
    ))
}

/// The n-grams of a corpus held in two bins (0 the target, 1 the reference), as keyness
/// counts them: every n-gram of length `o.n_min` seen at least `o.min_count` times over both
/// (none edged by a stopword when `o.stop_edges`), with its tallies in each bin, and each
/// bin's n-gram windows (the totals, as a quanteda dfm of n-grams sums them).
pub struct SideNgrams {
    /// Per n-gram: its terms (stems joined by a space) and its most frequent form.
    pub names: Vec<(String, String)>,
    /// Per bin, per n-gram (in `names` order): its tally.
    pub tallies: [Vec<Tally>; 2],
    /// Per bin: the windows of `n` words.
    pub windows: [u64; 2],
}

/// [`SideNgrams`] of `held` (two bins).
pub fn side_ngrams(held: &Held, o: &NgramOptions) -> Result<SideNgrams> {
    let one = NgramOptions {
        n_max: o.n_min,
        min_count: 1,
        ..*o
    };
    let levels = ngrams::count(held, &one)?;
    let rows = ngram_rows(held, &levels, &one, None);
    let mut at: ahash::AHashMap<u128, usize> = ahash::AHashMap::new();
    let mut out = SideNgrams {
        names: Vec::new(),
        tallies: [Vec::new(), Vec::new()],
        windows: [0, 0],
    };
    for r in &rows {
        let i = *at.entry(r.key).or_insert_with(|| {
            out.names
                .push((ngrams::words(r.key, &held.terms), held.phrase(r.form)));
            out.tallies[0].push(Tally::default());
            out.tallies[1].push(Tally::default());
            out.names.len() - 1
        });
        out.tallies[(r.bin as usize).min(1)][i] = r.tally;
    }
    let keep: Vec<bool> = (0..out.names.len())
        .map(|i| (out.tallies[0][i].count + out.tallies[1][i].count) as u64 >= o.min_count)
        .collect();
    let mut k = keep.iter();
    out.names.retain(|_| *k.next().unwrap_or(&false));
    for t in &mut out.tallies {
        let mut k = keep.iter();
        t.retain(|_| *k.next().unwrap_or(&false));
    }
    for (d, &b) in held.docs.iter().zip(&held.bins) {
        out.windows[(b as usize).min(1)] += ngrams::windows(&d, o.n_min, o.forbid()).count() as u64;
    }
    held.docs.check()?;
    Ok(out)
}

/// One row of an n-gram table before it becomes a frame.
#[derive(Debug, Clone, Copy)]
pub struct NgramRow {
    /// The bin (group, document) it was counted in.
    pub bin: u32,
    /// The n-gram's key (term ids).
    pub key: u128,
    /// Its most frequent form (form ids).
    pub form: u128,
    /// Its occurrences.
    pub tally: Tally,
}

/// The rows of the n-gram table: per bin, the n-grams of every level counted at least
/// `o.min_count` times there (without those edged by stopwords when `o.stop_edges`), most
/// frequent first (then shorter, then alphabetical), `top` per bin at most.
pub fn ngram_rows(
    held: &Held,
    levels: &[counts::Level],
    o: &NgramOptions,
    top: Option<usize>,
) -> Vec<NgramRow> {
    let min = o.min_count.max(1);
    let by_name = name_order(held);
    let mut rows = Vec::new();
    for b in 0..levels.first().map_or(0, |l| l.bins.len()) {
        let mut bin: Vec<NgramRow> = levels
            .iter()
            .flat_map(|l| l.bins[b].iter().map(move |(k, c)| (l, k, c.tally)))
            .filter(|(_, _, t)| t.count as u64 >= min)
            .filter_map(|(l, key, tally)| {
                let form = l.form(key)?;
                let edged = o.stop_edges && ngrams::stop_edged(held, form);
                (!edged).then_some(NgramRow {
                    bin: b as u32,
                    key,
                    form,
                    tally,
                })
            })
            .collect();
        bin.sort_unstable_by(|x, y| {
            y.tally
                .count
                .cmp(&x.tally.count)
                .then((x.key >> 120).cmp(&(y.key >> 120)))
                .then_with(|| by_name(x.key, y.key))
        });
        bin.truncate(top.unwrap_or(usize::MAX));
        rows.extend(bin);
    }
    rows
}

/// The order of n-gram keys of the same length by their names (terms joined by a space),
/// without making the names: by each term's rank among the terms in alphabetical order, which
/// is the order of the names when no term holds a character that sorts before the space.
fn name_order(held: &Held) -> impl Fn(u128, u128) -> std::cmp::Ordering + '_ {
    let mut by_name: Vec<u32> = (0..held.terms.len() as u32).collect();
    by_name.sort_unstable_by(|&a, &b| held.terms[a as usize].cmp(&held.terms[b as usize]));
    let mut rank = vec![0u32; held.terms.len()];
    for (r, &t) in by_name.iter().enumerate() {
        rank[t as usize] = r as u32;
    }
    let plain = held.terms.iter().all(|t| t.bytes().all(|b| b > b' '));
    move |x, y| {
        if plain {
            let ranks = |k| ngrams::unpack(k).into_iter().map(|t| rank[t as usize]);
            ranks(x).cmp(ranks(y))
        } else {
            ngrams::words(x, &held.terms).cmp(&ngrams::words(y, &held.terms))
        }
    }
}

/// The `ngrams` frame of rows: ngram (terms), form (the most frequent surface sequence), n,
/// count, docs, per_10k (of the bin's words), quoted, scare.
pub fn ngram_frame(held: &Held, rows: &[NgramRow]) -> Result<DataFrame> {
    let bin_tokens = held.bin_tokens();
    let u = |name: &str, f: &dyn Fn(&NgramRow) -> u64| {
        Column::new(name.into(), rows.iter().map(f).collect::<Vec<u64>>())
    };
    Ok(DataFrame::new_infer_height(vec![
        Column::new(
            "ngram".into(),
            rows.iter()
                .map(|r| ngrams::words(r.key, &held.terms))
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "form".into(),
            rows.iter().map(|r| held.phrase(r.form)).collect::<Vec<_>>(),
        ),
        u("n", &|r| (r.key >> 120) as u64),
        u("count", &|r| r.tally.count as u64),
        u("docs", &|r| r.tally.docs as u64),
        Column::new(
            "per_10k".into(),
            rows.iter()
                .map(|r| per_10k(r.tally.count as u64, bin_tokens[r.bin as usize]))
                .collect::<Vec<_>>(),
        ),
        u("quoted", &|r| r.tally.quoted as u64),
        u("scare", &|r| r.tally.scare as u64),
    ])?)
}

/// The `collocations` frame: collocation (terms), form, size, count, docs, quoted, scare,
/// lambda, z, and for bigrams pmi, t, chi2, g2, dice and the margins they are computed from,
/// first_count, second_count and windows (empty for longer sequences).
pub fn collocation_frame(held: &Held, rows: &[collocations::Collocation]) -> Result<DataFrame> {
    let base = ngram_frame(held, &rows.iter().map(|c| c.row).collect::<Vec<_>>())?;
    let f = |name: &str, g: &dyn Fn(&collocations::Collocation) -> f64| {
        Column::new(name.into(), rows.iter().map(g).collect::<Vec<f64>>())
    };
    let b = |name: &str, g: &dyn Fn(&collocations::BigramScores) -> f64| {
        Column::new(
            name.into(),
            rows.iter()
                .map(|c| c.bigram.as_ref().map(g))
                .collect::<Vec<Option<f64>>>(),
        )
    };
    let mut cols: Vec<Column> = base.columns().to_vec();
    cols[0].rename("collocation".into());
    cols[2].rename("size".into());
    // per_10k says little of a collocation: its place goes to the scores.
    cols.remove(5);
    cols.extend([
        f("lambda", &|c| c.lambda),
        f("z", &|c| c.z),
        b("pmi", &|s| s.pmi),
        b("t", &|s| s.t),
        b("chi2", &|s| s.chi2),
        b("g2", &|s| s.g2),
        b("dice", &|s| s.dice),
    ]);
    cols.extend(
        ["first_count", "second_count", "windows"]
            .iter()
            .enumerate()
            .map(|(k, name)| {
                Column::new(
                    (*name).into(),
                    rows.iter()
                        .map(|c| c.bigram.as_ref().map(|s| s.margins[k]))
                        .collect::<Vec<Option<u64>>>(),
                )
            }),
    );
    Ok(DataFrame::new_infer_height(cols)?)
}

/// The score collocates are sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Measure {
    /// Log-likelihood (G²).
    #[default]
    Ll,
    /// Mutual information.
    Mi,
    /// t-score.
    T,
    /// z-score.
    Z,
    /// Dice coefficient.
    Dice,
}

impl Measure {
    /// A collocate's score by this measure.
    pub fn of(self, s: &crate::stats::assoc::WindowScores) -> f64 {
        match self {
            Measure::Ll => s.ll,
            Measure::Mi => s.mi,
            Measure::T => s.t,
            Measure::Z => s.z,
            Measure::Dice => s.dice,
        }
    }
}

/// The `collocates` frame, highest `measure` first (then most co-occurrences, then
/// alphabetical), `top` rows at most: collocate (term), form, count (in the windows), left,
/// right, freq (in the corpus), expected, mi, t, z, ll, dice, quoted (the pair inside one
/// quotation), node_scare (the node scare-quoted).
pub fn collocate_frame(
    held: &Held,
    c: &collocates::Collocates,
    measure: Measure,
    top: Option<usize>,
) -> Result<DataFrame> {
    let mut rows = c.rows.clone();
    rows.sort_by(|x, y| {
        measure
            .of(&y.scores)
            .total_cmp(&measure.of(&x.scores))
            .then(y.count.cmp(&x.count))
            .then_with(|| held.terms[x.term as usize].cmp(&held.terms[y.term as usize]))
    });
    rows.truncate(top.unwrap_or(usize::MAX));
    let u = |name: &str, g: &dyn Fn(&collocates::Collocate) -> u64| {
        Column::new(name.into(), rows.iter().map(g).collect::<Vec<u64>>())
    };
    let f = |name: &str, g: &dyn Fn(&crate::stats::assoc::WindowScores) -> f64| {
        Column::new(
            name.into(),
            rows.iter().map(|r| g(&r.scores)).collect::<Vec<f64>>(),
        )
    };
    Ok(DataFrame::new_infer_height(vec![
        Column::new(
            "collocate".into(),
            rows.iter()
                .map(|r| &*held.terms[r.term as usize])
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "form".into(),
            held.terms_shown(rows.iter().map(|r| (r.term, r.form))),
        ),
        u("count", &|r| r.count),
        u("left", &|r| r.left),
        u("right", &|r| r.right),
        u("freq", &|r| r.freq),
        f("expected", &|s| s.expected),
        f("mi", &|s| s.mi),
        f("t", &|s| s.t),
        f("z", &|s| s.z),
        f("ll", &|s| s.ll),
        f("dice", &|s| s.dice),
        u("quoted", &|r| r.quoted),
        u("node_scare", &|r| r.node_scare),
    ])?)
}
