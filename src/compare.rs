//! Comparing groups of documents: the `keyness`, `similarity` and `quote_contrast` frames.

use crate::analysis::{Analysis, TermCount, TermTotals};
use crate::error::Result;
use crate::stats::{self, Compat};
use polars::prelude::*;
use rayon::prelude::*;

/// Keyness settings.
#[derive(Debug, Clone, Copy)]
pub struct KeynessOptions {
    /// Reference-tool conventions.
    pub compat: Compat,
    /// Minimum count over target and reference together.
    pub min_count: u64,
    /// Keep rows with p at or below this (after the Bonferroni correction when asked).
    pub p_max: Option<f64>,
    /// Multiply p by the number of terms tested.
    pub bonferroni: bool,
    /// Keep a term only when at least this many documents of the side that over-uses it use
    /// it (0 or 1: every term), so that one speech's word does not lead its side.
    pub min_docs: u64,
    /// The statistic rows are ranked by (and the most over- and under-used chosen by).
    pub sort: KeySort,
}

impl Default for KeynessOptions {
    fn default() -> Self {
        KeynessOptions {
            compat: Compat::Quanteda,
            min_count: 1,
            p_max: None,
            bonferroni: false,
            min_docs: 1,
            sort: KeySort::G2,
        }
    }
}

/// The statistic a keyness table is ranked by, signed (over-used in the target above 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum KeySort {
    /// Log-likelihood G² (AntConc's default).
    #[default]
    G2,
    /// χ² (quanteda's default order).
    Chi2,
    /// The z-score of the log-odds ratio with an informative Dirichlet prior (scattertext).
    LogOdds,
    /// Hardie's Log Ratio (an effect size: rare terms rank high).
    LogRatio,
}

impl KeySort {
    /// The `keyness` frame's column of the statistic.
    pub fn column(self) -> &'static str {
        match self {
            KeySort::G2 => "g2",
            KeySort::Chi2 => "chi2",
            KeySort::LogOdds => "log_odds_z",
            KeySort::LogRatio => "log_ratio",
        }
    }

    /// The statistic as a table's header names it (`G²`, `χ²`, or its column).
    pub fn label(self) -> &'static str {
        match self {
            KeySort::G2 => "G²",
            KeySort::Chi2 => "χ²",
            other => other.column(),
        }
    }
}

/// One side of a comparison: per-term counts and the token total.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Side<'a> {
    /// Per-term counts, indexed by term id.
    pub counts: &'a [TermTotals],
    /// Words and numbers on this side.
    pub tokens: u64,
}

/// One row of a keyness table.
#[derive(Debug, Clone, Copy)]
pub(crate) struct KeyRow {
    /// Term id.
    pub term: usize,
    /// Count in the target.
    pub target: u64,
    /// Count in the reference.
    pub reference: u64,
    /// Documents using the term in the target and in the reference (AntConc's range).
    pub docs: [u64; 2],
    /// The statistics.
    pub stats: stats::Keyness,
    /// Multiplier of p (the number of terms tested, with the Bonferroni correction).
    pub p_scale: f64,
    /// Whose convention p follows (χ² for quanteda, G² for AntConc).
    pub compat: stats::Compat,
    /// The statistic the row is ranked by.
    pub sort: KeySort,
}

impl KeyRow {
    /// The value the row is ranked by.
    fn key(&self) -> f64 {
        match self.sort {
            KeySort::G2 => self.stats.g2,
            KeySort::Chi2 => self.stats.chi2,
            KeySort::LogOdds => self.stats.log_odds_z,
            KeySort::LogRatio => self.stats.log_ratio,
        }
    }
}

/// Keyness of every term from group counts (per term: count, quoted, scare) and token totals,
/// filtered by `o` and sorted by signed G² (over-used in the target first).
pub(crate) fn keyness_rows(
    a: &Analysis,
    target: Side,
    reference: Side,
    o: KeynessOptions,
) -> Vec<KeyRow> {
    let mut rows: Vec<KeyRow> = unsorted_rows(a, target, reference, o)
        .into_iter()
        .map(with_p)
        .collect();
    let rank = a.term_ranks();
    rows.sort_by(|x, y| by_key(&rank, x, y));
    rows
}

fn unsorted_rows(a: &Analysis, target: Side, reference: Side, o: KeynessOptions) -> Vec<KeyRow> {
    let (tc, t1, rc, t2) = (
        target.counts,
        target.tokens,
        reference.counts,
        reference.tokens,
    );
    let ids: Vec<usize> = (0..a.terms.len())
        .filter(|&i| tc[i].count + rc[i].count >= o.min_count.max(1))
        .collect();
    let scale = if o.bonferroni { ids.len() as f64 } else { 1.0 };
    let rows = ids.into_iter().map(|i| {
        let k = stats::keyness_without_p(
            tc[i].count as f64,
            rc[i].count as f64,
            t1 as f64,
            t2 as f64,
            o.compat,
        );
        KeyRow {
            term: i,
            target: tc[i].count,
            reference: rc[i].count,
            docs: [u64::from(tc[i].docs), u64::from(rc[i].docs)],
            stats: k,
            p_scale: scale,
            compat: o.compat,
            sort: o.sort,
        }
    });
    // The side that over-uses a term (the target at equal rates) must have enough
    // documents using it.
    let rows = rows.filter(|r| r.docs[usize::from(r.stats.g2 < 0.0)] >= o.min_docs);
    match o.p_max {
        // Filtering needs every p-value; otherwise they are computed for the rows kept.
        Some(max) => rows.map(with_p).filter(|r| r.stats.p <= max).collect(),
        None => rows.collect(),
    }
}

/// Fills in the p-value (Bonferroni-scaled when asked).
fn with_p(mut r: KeyRow) -> KeyRow {
    if r.stats.p.is_nan() {
        r.stats.p = (stats::chi2_sf(r.stats.tested(r.compat)) * r.p_scale).min(1.0);
    }
    r
}

/// Descending signed statistic ([`KeySort`], G² by default), ties by term (alphabetically,
/// through [`Analysis::term_ranks`]).
fn by_key(rank: &[u32], x: &KeyRow, y: &KeyRow) -> std::cmp::Ordering {
    y.key()
        .total_cmp(&x.key())
        .then_with(|| rank[x.term].cmp(&rank[y.term]))
}

/// Every testable term's row for document `d` against the rest of the corpus.
fn every_row(
    a: &Analysis,
    total: &[TermTotals],
    d: usize,
    t1: u64,
    t2: u64,
    o: KeynessOptions,
) -> Vec<KeyRow> {
    let tc = a.group_totals(&[d]);
    let rc = minus(total, &tc);
    let side = |counts, tokens| Side { counts, tokens };
    unsorted_rows(a, side(&tc, t1), side(&rc, t2), o)
}

/// The counts of the rest of a corpus: its `total` less a `part` of it.
fn minus(total: &[TermTotals], part: &[TermTotals]) -> Vec<TermTotals> {
    total
        .iter()
        .zip(part)
        .map(|(x, y)| TermTotals {
            count: x.count - y.count,
            quoted: x.quoted - y.quoted,
            scare: x.scare - y.scare,
            docs: x.docs - y.docs,
        })
        .collect()
}

/// The `n` most over-used rows (statistic above 0) and the `n` most under-used (below 0), in
/// [`by_key`] order, without sorting everything. Rows of equal rates are neither.
fn ends(rank: &[u32], rows: Vec<KeyRow>, n: usize) -> Vec<KeyRow> {
    let by_key = |x: &KeyRow, y: &KeyRow| by_key(rank, x, y);
    let (mut over, mut under): (Vec<KeyRow>, Vec<KeyRow>) = rows
        .into_iter()
        .filter(|r| r.stats.g2 != 0.0 && r.key() != 0.0)
        .partition(|r| r.key() > 0.0);
    if over.len() > n {
        over.select_nth_unstable_by(n, by_key);
        over.truncate(n);
    }
    if under.len() > n {
        let k = under.len() - n;
        under.select_nth_unstable_by(k, by_key);
        under.drain(..k);
    }
    over.sort_by(by_key);
    under.sort_by(by_key);
    // A fresh vector: the kept rows of every document are held, not the capacity they came in.
    let mut kept = Vec::with_capacity(over.len() + under.len());
    kept.extend(over);
    kept.extend(under);
    kept
}

/// The `keyness` frame from rows; `totals` gives each row's (target, reference) token totals.
pub(crate) fn keyness_frame(
    a: &Analysis,
    rows: &[KeyRow],
    totals: &dyn Fn(usize) -> (u64, u64),
) -> Result<DataFrame> {
    let per = crate::frames::per_10k;
    Ok(df!(
        "term" => rows.iter().map(|r| a.terms[r.term].term.as_str()).collect::<Vec<_>>(),
        "form" => rows.iter().map(|r| a.terms[r.term].form.as_str()).collect::<Vec<_>>(),
        "target" => rows.iter().map(|r| r.target).collect::<Vec<_>>(),
        "reference" => rows.iter().map(|r| r.reference).collect::<Vec<_>>(),
        "target_docs" => rows.iter().map(|r| r.docs[0]).collect::<Vec<_>>(),
        "reference_docs" => rows.iter().map(|r| r.docs[1]).collect::<Vec<_>>(),
        "target_per_10k" => rows.iter().enumerate().map(|(i, r)| per(r.target, totals(i).0)).collect::<Vec<_>>(),
        "reference_per_10k" => rows.iter().enumerate().map(|(i, r)| per(r.reference, totals(i).1)).collect::<Vec<_>>(),
        "g2" => rows.iter().map(|r| r.stats.g2).collect::<Vec<_>>(),
        "chi2" => rows.iter().map(|r| r.stats.chi2).collect::<Vec<_>>(),
        "p" => rows.iter().map(|r| r.stats.p).collect::<Vec<_>>(),
        "log_ratio" => rows.iter().map(|r| r.stats.log_ratio).collect::<Vec<_>>(),
        "log_odds" => rows.iter().map(|r| r.stats.log_odds).collect::<Vec<_>>(),
        "log_odds_z" => rows.iter().map(|r| r.stats.log_odds_z).collect::<Vec<_>>(),
        "pct_diff" => rows.iter().enumerate().map(|(i, r)| {
            let (t1, t2) = totals(i);
            pct_diff(r.target, t1, r.reference, t2)
        }).collect::<Vec<_>>(),
    )?)
}

/// %DIFF (Gabrielatos & Marchi 2011, AntConc's effect size of that name): how much more often,
/// in per cent, the target uses a term than the reference, per token: `(f1/t1 − f2/t2) × 100
/// / (f2/t2)`; `None` where the reference never uses it (the ratio has no bound).
pub fn pct_diff(f1: u64, t1: u64, f2: u64, t2: u64) -> Option<f64> {
    if f2 == 0 || t1 == 0 || t2 == 0 {
        return None;
    }
    let (n1, n2) = (f1 as f64 / t1 as f64, f2 as f64 / t2 as f64);
    Some((n1 - n2) * 100.0 / n2)
}

/// The `keyness` frame: target against reference, sorted by signed G² (over-used in the target
/// first). In a totals run kept by bins ([`Analysis::totals_of`]) the target is bin 0 and the
/// reference bin 1.
pub fn keyness(
    a: &Analysis,
    target: &[usize],
    reference: &[usize],
    o: KeynessOptions,
) -> Result<DataFrame> {
    let (tc, t1) = (a.totals_of(0, target), a.tokens_of(target));
    let (rc, t2) = (a.totals_of(1, reference), a.tokens_of(reference));
    if t1 == 0 || t2 == 0 {
        return Err(crate::error::Error::Invalid(format!(
            "keyness needs words on both sides: the {} has none",
            if t1 == 0 { "target" } else { "reference" }
        )));
    }
    let rows = keyness_rows(
        a,
        Side {
            counts: &tc,
            tokens: t1,
        },
        Side {
            counts: &rc,
            tokens: t2,
        },
        o,
    );
    keyness_frame(a, &rows, &|_| (t1, t2))
}

/// The `keyness` frame over units other than a run's terms (the n-grams of `compare --ngrams`):
/// `terms` names them, `target` and `reference` give each one's counts (by index), and `t1`
/// and `t2` the sides' totals the counts are taken out of.
pub fn keyness_of_counts(
    terms: Vec<crate::analysis::Term>,
    target: &[TermTotals],
    t1: u64,
    reference: &[TermTotals],
    t2: u64,
    o: KeynessOptions,
) -> Result<DataFrame> {
    if t1 == 0 || t2 == 0 {
        return Err(crate::error::Error::Invalid(format!(
            "keyness needs counts on both sides: the {} has none",
            if t1 == 0 { "target" } else { "reference" }
        )));
    }
    let a = Analysis {
        terms,
        ..Default::default()
    };
    let side = |counts, tokens| Side { counts, tokens };
    let rows = keyness_rows(&a, side(target, t1), side(reference, t2), o);
    keyness_frame(&a, &rows, &|_| (t1, t2))
}

/// Each document against all the others: its `n` most over-used and `n` most under-used terms,
/// as a `keyness` frame with a leading `doc` column. Corpus totals are counted once.
pub fn keyness_each(a: &Analysis, n: usize, o: KeynessOptions) -> Result<DataFrame> {
    EachAgainstRest::new(a, n, o).frame(0..a.docs.len())
}

/// [`keyness_each`] prepared once (corpus totals, term order) and framed a range of documents
/// at a time, so that a large corpus's table is written in pieces, never whole in memory.
pub struct EachAgainstRest<'a> {
    a: &'a Analysis,
    n: usize,
    o: KeynessOptions,
    total: Vec<TermTotals>,
    total_tokens: u64,
    rank: Vec<u32>,
    absent_order: Vec<u32>,
    scale: f64,
}

impl<'a> EachAgainstRest<'a> {
    /// Each document of `a` against the rest, `n` terms each way, with options `o`.
    pub fn new(a: &'a Analysis, n: usize, o: KeynessOptions) -> Self {
        let all: Vec<usize> = (0..a.docs.len()).collect();
        let (total, total_tokens) = (a.group_totals(&all), a.tokens_of(&all));
        let rank = a.term_ranks();
        let min = o.min_count.max(1);
        // The terms that can be tested, by corpus count and then alphabetically. A term that a
        // document does not use has a G² that depends on its corpus count alone and grows with
        // it (dG²/db = -2 ln((t2-b)/(N-b)) > 0), so in the document's table it sits at a place
        // fixed by this order: only the ends of the order can reach the document's n first or
        // n last rows.
        let mut absent_order: Vec<u32> = (0..a.terms.len() as u32)
            .filter(|&i| total[i as usize].count >= min)
            .collect();
        absent_order.sort_unstable_by_key(|&i| (total[i as usize].count, rank[i as usize]));
        let scale = if o.bonferroni {
            absent_order.len() as f64
        } else {
            1.0
        };
        EachAgainstRest {
            a,
            n,
            o,
            total,
            total_tokens,
            rank,
            absent_order,
            scale,
        }
    }

    /// The rows of the documents `docs` (in order), as [`keyness_each`] gives them.
    pub fn frame(&self, docs: std::ops::Range<usize>) -> Result<DataFrame> {
        let (a, total_tokens) = (self.a, self.total_tokens);
        let picked: Vec<(usize, Vec<KeyRow>)> = docs
            .into_par_iter()
            .filter(|&d| a.docs[d].tokens > 0 && a.docs[d].tokens < total_tokens)
            .map(|d| (d, self.rows(d)))
            .collect();
        let mut docs = Vec::new();
        let mut rows = Vec::new();
        let mut totals = Vec::new();
        for (d, keep) in picked {
            let t1 = a.docs[d].tokens;
            for r in keep {
                docs.push(a.docs[d].id.as_str());
                totals.push((t1, total_tokens - t1));
                rows.push(r);
            }
        }
        let mut df = keyness_frame(a, &rows, &|i| totals[i])?;
        df.insert_column(0, Column::new("doc".into(), docs))?;
        Ok(df)
    }

    /// Document `d`'s `n` rows each way, with their p.
    fn rows(&self, d: usize) -> Vec<KeyRow> {
        let (a, o, n, total) = (self.a, self.o, self.n, &self.total);
        let t1 = a.docs[d].tokens;
        let t2 = self.total_tokens - t1;
        let min = o.min_count.max(1);
        let rows = match o.p_max {
            // Filtering by p needs every row.
            Some(_) => every_row(a, total, d, t1, t2, o),
            None => {
                let present = a.doc_terms.get(d);
                let row = |term: usize, x: u64| {
                    let b = total[term].count - x;
                    let used = u64::from(x > 0);
                    KeyRow {
                        term,
                        target: x,
                        reference: b,
                        docs: [used, u64::from(total[term].docs) - used],
                        stats: stats::keyness_without_p(
                            x as f64, b as f64, t1 as f64, t2 as f64, o.compat,
                        ),
                        p_scale: self.scale,
                        compat: o.compat,
                        sort: o.sort,
                    }
                };
                let mut rows: Vec<KeyRow> = present
                    .iter()
                    .filter(|c| total[c.term as usize].count >= min)
                    .map(|c| row(c.term as usize, c.count as u64))
                    .collect();
                let used = |i: &&u32| present.binary_search_by_key(*i, |c| c.term).is_err();
                let absent_order = &self.absent_order;
                let absent = absent_order.len() - rows.len();
                if absent <= 2 * n {
                    rows.extend(
                        absent_order
                            .iter()
                            .filter(used)
                            .map(|&i| row(i as usize, 0)),
                    );
                } else {
                    let first = absent_order.iter().filter(used).take(n);
                    let last = absent_order.iter().rev().filter(used).take(n);
                    rows.extend(first.chain(last).map(|&i| row(i as usize, 0)));
                }
                rows
            }
        };
        ends(&self.rank, rows, n).into_iter().map(with_p).collect()
    }
}

/// Each group of `g` against all the other documents (quanteda's one-against-the-rest), in one
/// long `keyness` frame led by the group's fields; with `top`, each group's `top` most
/// over-used and `top` most under-used terms. Groups holding no document or every document
/// are left out; none left is an error.
pub fn keyness_groups(
    a: &Analysis,
    g: &crate::meta::Grouping,
    o: KeynessOptions,
    top: Option<usize>,
) -> Result<DataFrame> {
    let members = crate::frames::members(g);
    let (total, total_tokens) = (a.corpus_counts(), a.total_tokens());
    let rank = a.term_ranks();
    let picked: Vec<(usize, u64, Vec<KeyRow>)> = members
        .par_iter()
        .enumerate()
        .filter_map(|(k, docs)| {
            let t1 = a.tokens_of(docs);
            if t1 == 0 || t1 == total_tokens {
                return None;
            }
            let tc = a.totals_of(k, docs);
            let rc = minus(&total, &tc);
            let side = |counts, tokens| Side { counts, tokens };
            let rows = unsorted_rows(a, side(&tc, t1), side(&rc, total_tokens - t1), o);
            let rows = match top {
                Some(n) => ends(&rank, rows, n),
                None => {
                    let mut rows = rows;
                    rows.sort_by(|x, y| by_key(&rank, x, y));
                    rows
                }
            };
            Some((k, t1, rows.into_iter().map(with_p).collect()))
        })
        .collect();
    if picked.is_empty() {
        return Err(crate::error::Error::Invalid(
            "one group holds every document (or every group is empty): nothing to compare".into(),
        ));
    }
    let (mut rows, mut totals, mut of_group) = (Vec::new(), Vec::new(), Vec::new());
    for (k, t1, keep) in picked {
        for r in keep {
            rows.push(r);
            totals.push((t1, total_tokens - t1));
            of_group.push(k);
        }
    }
    let keyness = keyness_frame(a, &rows, &|i| totals[i])?;
    let of_row: Vec<u32> = of_group.iter().map(|&k| k as u32).collect();
    let mut cols = crate::frames::group_columns(g, &of_row)?;
    cols.extend(keyness.columns().iter().cloned());
    Ok(DataFrame::new_infer_height(cols)?)
}

/// Some documents' weighted term vectors and term sets, for pairwise similarity (`ids`: the
/// documents, by index into the analysis).
struct Vectors {
    ids: Vec<usize>,
    vectors: Vec<Vec<(u32, f64)>>,
    sets: Vec<Vec<u32>>,
}

impl Vectors {
    fn new(a: &Analysis, ids: &[usize], tfidf: bool) -> Vectors {
        let n = ids.len();
        // Each document's rows unpacked once, for the document frequencies and the vectors.
        let rows: Vec<Vec<TermCount>> = ids.iter().map(|&i| a.doc_terms.get(i)).collect();
        let mut df_counts = vec![0u32; a.terms.len()];
        for c in rows.iter().flatten() {
            df_counts[c.term as usize] += 1;
        }
        let sets = (rows.iter())
            .map(|dt| dt.iter().map(|c| c.term).collect())
            .collect();
        let vectors = ids
            .iter()
            .map(|&i| &a.docs[i])
            .zip(&rows)
            .map(|(d, dt)| {
                dt.iter()
                    .map(|c| {
                        let rel = c.count as f64 / d.tokens.max(1) as f64;
                        let w = if tfidf {
                            // quanteda's dfm_tfidf defaults: count × log10(N / df).
                            c.count as f64 * (n as f64 / df_counts[c.term as usize] as f64).log10()
                        } else {
                            rel
                        };
                        (c.term, w)
                    })
                    .collect()
            })
            .collect();
        Vectors {
            ids: ids.to_vec(),
            vectors,
            sets,
        }
    }

    /// Document `i` against every later one: (j, cosine, Jaccard).
    fn row(&self, i: usize) -> Vec<(usize, f64, f64)> {
        (i + 1..self.vectors.len())
            .map(|j| {
                let c = stats::cosine(&self.vectors[i], &self.vectors[j]);
                (j, c, stats::jaccard(&self.sets[i], &self.sets[j]))
            })
            .collect()
    }
}

/// Documents one `similarity` run compares at most: their pairs grow with the square of their
/// number (20,000 documents are 200 million pairs, hours of work).
pub const MAX_SIMILARITY_DOCS: usize = 20_000;

fn check_similarity_size(n: usize) -> Result<()> {
    if n > MAX_SIMILARITY_DOCS {
        return Err(crate::error::Error::Invalid(format!(
            "similarity of {n} documents is {} pairs; compare at most {MAX_SIMILARITY_DOCS} \
             documents at once (a sample, or one group at a time)",
            crate::out::numbers::thousands((n as u64) * (n as u64 - 1) / 2)
        )));
    }
    Ok(())
}

/// A `similarity` frame from rows (i, j, cosine, Jaccard) of `v`'s documents.
fn similarity_frame(
    a: &Analysis,
    v: &Vectors,
    rows: &[(usize, usize, f64, f64)],
) -> Result<DataFrame> {
    let id = |k: usize| a.docs[v.ids[k]].id.as_str();
    Ok(df!(
        "doc_a" => rows.iter().map(|r| id(r.0)).collect::<Vec<_>>(),
        "doc_b" => rows.iter().map(|r| id(r.1)).collect::<Vec<_>>(),
        "cosine" => rows.iter().map(|r| r.2).collect::<Vec<_>>(),
        "jaccard" => rows.iter().map(|r| r.3).collect::<Vec<_>>(),
    )?)
}

/// The `similarity` frame: cosine and Jaccard for every pair of documents, in document order.
pub fn similarity(a: &Analysis, tfidf: bool) -> Result<DataFrame> {
    let all: Vec<usize> = (0..a.docs.len()).collect();
    similarity_of(a, &all, tfidf)
}

/// The `similarity` frame of the documents `ids` (by index, in their order): idf is counted
/// among them.
pub fn similarity_of(a: &Analysis, ids: &[usize], tfidf: bool) -> Result<DataFrame> {
    check_similarity_size(ids.len())?;
    let v = Vectors::new(a, ids, tfidf);
    let rows: Vec<(usize, usize, f64, f64)> = (0..ids.len())
        .into_par_iter()
        .flat_map_iter(|i| v.row(i).into_iter().map(move |(j, c, jc)| (i, j, c, jc)))
        .collect();
    similarity_frame(a, &v, &rows)
}

/// The `similarity` frame in pieces, in document order: the pairs of `docs_per_piece` first
/// documents at a time (each against every later one), computed in parallel, so that a large
/// corpus's millions of pairs are written as they come and never held.
pub fn similarity_pieces(
    a: &Analysis,
    tfidf: bool,
    docs_per_piece: usize,
) -> Result<impl Iterator<Item = Result<DataFrame>> + '_> {
    check_similarity_size(a.docs.len())?;
    let all: Vec<usize> = (0..a.docs.len()).collect();
    let v = Vectors::new(a, &all, tfidf);
    let n = a.docs.len();
    let step = docs_per_piece.max(1);
    Ok((0..n.div_ceil(step).max(1)).map(move |k| {
        let first =
            (k.saturating_mul(step)).min(n)..(k.saturating_mul(step)).saturating_add(step).min(n);
        let rows: Vec<Vec<(usize, f64, f64)>> =
            first.clone().into_par_iter().map(|i| v.row(i)).collect();
        let flat: Vec<(usize, usize, f64, f64)> = first
            .zip(rows)
            .flat_map(|(i, row)| row.into_iter().map(move |(j, c, jc)| (i, j, c, jc)))
            .collect();
        similarity_frame(a, &v, &flat)
    }))
}

/// The `top` most similar pairs by cosine (ties in document order), found without holding
/// every pair.
pub fn similarity_top(a: &Analysis, tfidf: bool, top: usize) -> Result<DataFrame> {
    check_similarity_size(a.docs.len())?;
    let all: Vec<usize> = (0..a.docs.len()).collect();
    let v = Vectors::new(a, &all, tfidf);
    let n = a.docs.len();
    // Per first document, its best `top` pairs; then the best of those.
    let mut best: Vec<(usize, usize, f64, f64)> = (0..n)
        .into_par_iter()
        .flat_map_iter(|i| {
            let mut row: Vec<(usize, usize, f64, f64)> = v
                .row(i)
                .into_iter()
                .map(|(j, c, jc)| (i, j, c, jc))
                .collect();
            let by_cosine = |x: &(usize, usize, f64, f64), y: &(usize, usize, f64, f64)| {
                y.2.total_cmp(&x.2).then((x.0, x.1).cmp(&(y.0, y.1)))
            };
            if row.len() > top {
                row.select_nth_unstable_by(top, by_cosine);
                row.truncate(top);
            }
            row
        })
        .collect();
    best.sort_by(|x, y| y.2.total_cmp(&x.2).then((x.0, x.1).cmp(&(y.0, y.1))));
    best.truncate(top);
    similarity_frame(a, &v, &best)
}

/// The `quote_contrast` frame: terms quoted on one side and used plainly on the other, and
/// terms quoted by both, with each side's quote ratio. With `scare_only`, only scare quotes
/// count as quoting (the patterns say `scare`), so direct quotations and titles drop out.
pub fn quote_contrast(
    a: &Analysis,
    target: &[usize],
    reference: &[usize],
    scare_only: bool,
) -> Result<DataFrame> {
    let (tc, rc) = (a.group_totals(target), a.group_totals(reference));
    let quoted = |c: &TermTotals| if scare_only { c.scare } else { c.quoted };
    let names = if scare_only {
        [
            "scare_by_both",
            "scare_in_target_plain_in_reference",
            "scare_in_reference_plain_in_target",
        ]
    } else {
        [
            "quoted_by_both",
            "quoted_in_target_plain_in_reference",
            "quoted_in_reference_plain_in_target",
        ]
    };
    let mut rows: Vec<(usize, &'static str)> = Vec::new();
    for i in 0..a.terms.len() {
        let (t, r) = (&tc[i], &rc[i]);
        let pattern = if quoted(t) > 0 && quoted(r) > 0 {
            names[0]
        } else if quoted(t) > 0 && r.count > 0 {
            names[1]
        } else if quoted(r) > 0 && t.count > 0 {
            names[2]
        } else {
            continue;
        };
        rows.push((i, pattern));
    }
    rows.sort_by(|x, y| {
        let q = |i: usize| tc[i].scare + rc[i].scare;
        let qq = |i: usize| tc[i].quoted + rc[i].quoted;
        q(y.0)
            .cmp(&q(x.0))
            .then(qq(y.0).cmp(&qq(x.0)))
            .then_with(|| a.terms[x.0].term.cmp(&a.terms[y.0].term))
    });
    let ratio = |q: u64, t: u64| if t == 0 { 0.0 } else { q as f64 / t as f64 };
    Ok(df!(
        "term" => rows.iter().map(|(i, _)| a.terms[*i].term.as_str()).collect::<Vec<_>>(),
        "form" => rows.iter().map(|(i, _)| a.terms[*i].form.as_str()).collect::<Vec<_>>(),
        "pattern" => rows.iter().map(|(_, p)| *p).collect::<Vec<_>>(),
        "target_quoted" => rows.iter().map(|(i, _)| tc[*i].quoted).collect::<Vec<_>>(),
        "target_scare" => rows.iter().map(|(i, _)| tc[*i].scare).collect::<Vec<_>>(),
        "target_total" => rows.iter().map(|(i, _)| tc[*i].count).collect::<Vec<_>>(),
        "target_quote_ratio" => rows.iter().map(|(i, _)| ratio(tc[*i].quoted, tc[*i].count)).collect::<Vec<_>>(),
        "reference_quoted" => rows.iter().map(|(i, _)| rc[*i].quoted).collect::<Vec<_>>(),
        "reference_scare" => rows.iter().map(|(i, _)| rc[*i].scare).collect::<Vec<_>>(),
        "reference_total" => rows.iter().map(|(i, _)| rc[*i].count).collect::<Vec<_>>(),
        "reference_quote_ratio" => rows.iter().map(|(i, _)| ratio(rc[*i].quoted, rc[*i].count)).collect::<Vec<_>>(),
    )?)
}
