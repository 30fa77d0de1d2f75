//! The frames: every column name and type of every table verbale produces is defined here, and
//! built from compact counts (never from a row per token).

pub mod counts;
mod groups;
mod quoted_phrases;
mod terms_csv;

pub use groups::{docs, docs_by_group, group_columns, group_terms, members, GroupOrder};
pub use quoted_phrases::quoted_phrases;
pub use terms_csv::{write_terms_csv, DOCS_PER_PIECE as TERMS_CSV_PIECE};

use crate::analysis::{Analysis, TermCount};
use crate::error::Result;
use polars::prelude::*;

/// Column names of each frame, in order. Tables in every format carry exactly these columns.
pub mod schema {
    /// `terms`: one row per document × term.
    pub const TERMS: &[&str] = &["doc", "term", "form", "count", "per_10k", "quoted", "scare"];
    /// `corpus_terms`: one row per term.
    pub const CORPUS_TERMS: &[&str] = &[
        "term",
        "form",
        "count",
        "docs",
        "per_10k",
        "quoted",
        "scare",
        "quote_ratio",
    ];
    /// `quotes`: one row per quotation span.
    pub const QUOTES: &[&str] = &[
        "doc",
        "span",
        "open",
        "close",
        "page",
        "style",
        "kind",
        "confidence",
        "cue",
        "words",
        "reporting",
        "colon",
        "sentence_punct",
        "title_case",
        "naming",
        "contrast",
        "condemning",
        "nested",
        "sentence",
        "text",
        "left",
        "right",
    ];
    /// `quoted_terms`: one row per document × term quoted at least once.
    pub const QUOTED_TERMS: &[&str] = &[
        "doc",
        "term",
        "form",
        "quoted",
        "scare",
        "total",
        "quote_ratio",
        "cues",
    ];
    /// `corpus_quoted_terms`: the corpus-level sum of `quoted_terms`.
    pub const CORPUS_QUOTED_TERMS: &[&str] = &[
        "term",
        "form",
        "quoted",
        "scare",
        "total",
        "quote_ratio",
        "quoted_docs",
        "cues",
    ];
    /// `cues`: distancing cues per document.
    pub const CUES: &[&str] = &["doc", "cue", "count", "before_quote"];
    /// `unpaired`: quotation marks left without a partner.
    pub const UNPAIRED: &[&str] = &["doc", "offset", "page", "mark"];
    /// `group_terms`: one row per group × term, after the group's fields.
    pub const GROUP_TERMS: &[&str] = &[
        "term",
        "form",
        "count",
        "docs",
        "per_10k",
        "quoted",
        "scare",
        "quote_ratio",
        "group_docs",
        "group_tokens",
    ];
    /// `docs`: one row per document, then its fields.
    pub const DOCS: &[&str] = &[
        "doc",
        "path",
        "tokens",
        "types",
        "quoted_tokens",
        "scare_tokens",
        "spans",
        "scare_spans",
    ];
    /// `docs`: the document measures after [`DOCS`], before the documents' fields.
    pub const DOC_MEASURES: &[&str] = &[
        "ttr",
        "mattr",
        "mtld",
        "sentences",
        "mean_sentence_length",
        "flesch",
        "fk_grade",
        "quoted_share",
        "scare_per_10k",
    ];
}

/// Which rows to keep when building frequency frames.
#[derive(Debug, Clone, Copy, Default)]
pub struct Selection {
    /// Minimum count for a row.
    pub min_count: u64,
    /// Keep only the top N rows (per document for per-document frames).
    pub top: Option<usize>,
}

/// Occurrences per 10,000 tokens (0 when there are no tokens).
pub fn per_10k(count: u64, tokens: u64) -> f64 {
    if tokens == 0 {
        0.0
    } else {
        count as f64 * 10_000.0 / tokens as f64
    }
}

pub(crate) fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// The `terms` frame: per document, terms by descending count.
pub fn terms(a: &Analysis, sel: Selection) -> Result<DataFrame> {
    terms_of(a, &a.term_ranks(), sel, 0..a.docs.len())
}

/// The `terms` frame in pieces of `docs_per_piece` documents, in order (at least one piece,
/// empty for an empty corpus): a writer can stream a large corpus's rows without ever holding
/// them all.
pub fn terms_in_pieces(
    a: &Analysis,
    sel: Selection,
    docs_per_piece: usize,
) -> impl Iterator<Item = Result<DataFrame>> + '_ {
    terms_in_pieces_ahead(a, sel, docs_per_piece, 1)
}

/// [`terms_in_pieces`], `ahead` pieces made at a time side by side on rayon's pool (the same
/// pieces in the same order): `freq --by doc` makes the next pieces while the writer encodes
/// the last ones. Each of the `ahead` pieces is held until it is taken.
pub fn terms_in_pieces_ahead(
    a: &Analysis,
    sel: Selection,
    docs_per_piece: usize,
    ahead: usize,
) -> impl Iterator<Item = Result<DataFrame>> + '_ {
    use rayon::prelude::*;
    let rank = a.term_ranks();
    let n = a.docs.len();
    let step = docs_per_piece.max(1);
    let pieces = n.div_ceil(step).max(1);
    let ahead = ahead.max(1);
    let piece = move |k: usize| {
        let start = (k * step).min(n);
        terms_of(a, &rank, sel, start..(start + step).min(n))
    };
    (0..pieces.div_ceil(ahead)).flat_map(move |b| {
        let batch = b * ahead..((b + 1) * ahead).min(pieces);
        batch.into_par_iter().map(&piece).collect::<Vec<_>>()
    })
}

/// A document's `terms` rows: its counts of at least `sel.min_count`, by descending count and
/// then term (`rank`: [`Analysis::term_ranks`]), `sel.top` at most.
fn doc_rows(counts: &[TermCount], rank: &[u32], sel: Selection) -> Vec<TermCount> {
    let mut rows = Vec::new();
    doc_rows_into(counts, rank, sel, &mut rows);
    rows.into_iter().map(|r| r.1).collect()
}

/// [`doc_rows`] into `rows` (emptied first), each row with its sort key: a vector filled
/// again for every document instead of two new ones.
fn doc_rows_into(
    counts: &[TermCount],
    rank: &[u32],
    sel: Selection,
    rows: &mut Vec<(u64, TermCount)>,
) {
    let min = sel.min_count.max(1);
    // One packed key per row (descending count above, the term's rank below), sorted in
    // place: no look-up of the rank in every comparison.
    rows.clear();
    rows.extend(
        counts
            .iter()
            .filter(|c| c.count as u64 >= min)
            .map(|&c| (((!c.count) as u64) << 32 | rank[c.term as usize] as u64, c)),
    );
    radsort::sort_by_key(rows, |r| r.0);
    rows.truncate(sel.top.unwrap_or(usize::MAX));
}

/// The `terms` rows of the documents `docs`; `rank` orders terms alphabetically
/// ([`Analysis::term_ranks`]).
fn terms_of(
    a: &Analysis,
    rank: &[u32],
    sel: Selection,
    docs: std::ops::Range<usize>,
) -> Result<DataFrame> {
    // Each document's rows; the columns are sized once.
    let per_doc: Vec<Vec<TermCount>> = docs
        .clone()
        .map(|d| doc_rows(&a.doc_terms.get(d), rank, sel))
        .collect();
    let n: usize = per_doc.iter().map(Vec::len).sum();
    // String columns go straight into polars' builders (no intermediate vector of slices).
    let text = |name: &str| StringChunkedBuilder::new(name.into(), n);
    let (mut doc, mut term, mut form) = (text("doc"), text("term"), text("form"));
    let mut count = Vec::with_capacity(n);
    let mut p10k = Vec::with_capacity(n);
    let mut quoted = Vec::with_capacity(n);
    let mut scare = Vec::with_capacity(n);
    for (d, rows) in a.docs[docs].iter().zip(per_doc) {
        for c in rows {
            let t = &a.terms[c.term as usize];
            doc.append_value(&d.id);
            term.append_value(&t.term);
            form.append_value(&t.form);
            count.push(c.count as u64);
            p10k.push(per_10k(c.count as u64, d.tokens));
            quoted.push(c.quoted as u64);
            scare.push(c.scare as u64);
        }
    }
    let strings = |b: StringChunkedBuilder| b.finish().into_column();
    Ok(DataFrame::new_infer_height(vec![
        strings(doc),
        strings(term),
        strings(form),
        Column::new("count".into(), count),
        Column::new("per_10k".into(), p10k),
        Column::new("quoted".into(), quoted),
        Column::new("scare".into(), scare),
    ])?)
}

/// The `corpus_terms` frame with each term's dispersion over the documents after `per_10k`:
/// `dp` (Gries' DP), `dp_norm` and `juilland_d` ([`crate::stats::dispersion`]). It needs each
/// document's counts (a documents run).
pub fn corpus_terms_dispersed(a: &Analysis, sel: Selection) -> Result<DataFrame> {
    use crate::stats::dispersion::{Parts, Sums};
    if a.doc_terms.len() != a.docs.len() {
        return Err(crate::error::Error::Invalid(
            "dispersion needs each document's counts, which a run of corpus totals does not keep"
                .into(),
        ));
    }
    let totals = a.corpus_counts();
    let parts = Parts::of(a.docs.iter().map(|d| d.tokens));
    let mut sums = vec![Sums::default(); a.terms.len()];
    for (d, counts) in a.docs.iter().zip(a.doc_terms.iter()) {
        for c in counts {
            let t = c.term as usize;
            sums[t].add(c.count as u64, totals[t].count, d.tokens, &parts);
        }
    }
    let ids = corpus_ids(a, &totals, sel);
    let mut df = corpus_frame(a, &totals, &ids)?;
    let dispersed: Vec<_> = ids.iter().map(|&i| sums[i].finish(&parts)).collect();
    let at = df.get_column_index("per_10k").map_or(df.width(), |i| i + 1);
    for (k, (name, f)) in [
        (
            "dp",
            (|d: &crate::stats::dispersion::Dispersion| d.dp) as fn(&_) -> f64,
        ),
        ("dp_norm", |d| d.dp_norm),
        ("juilland_d", |d| d.juilland_d),
    ]
    .into_iter()
    .enumerate()
    {
        let col = Column::new(name.into(), dispersed.iter().map(f).collect::<Vec<f64>>());
        df.insert_column(at + k, col)?;
    }
    Ok(df)
}

/// The `corpus_terms` frame: terms by descending corpus count.
pub fn corpus_terms(a: &Analysis, sel: Selection) -> Result<DataFrame> {
    let totals = a.corpus_counts();
    corpus_frame(a, &totals, &corpus_ids(a, &totals, sel))
}

/// The terms `corpus_terms` shows, in its order: most frequent first, then by term.
fn corpus_ids(a: &Analysis, totals: &[crate::analysis::TermTotals], sel: Selection) -> Vec<usize> {
    // Sorted on keys held in place (most frequent first, then by term; terms are unique).
    let mut keyed: Vec<(std::cmp::Reverse<u64>, &str, usize)> = (0..a.terms.len())
        .filter(|&i| totals[i].count >= sel.min_count.max(1))
        .map(|i| {
            (
                std::cmp::Reverse(totals[i].count),
                a.terms[i].term.as_str(),
                i,
            )
        })
        .collect();
    keyed.sort_unstable();
    keyed.truncate(sel.top.unwrap_or(usize::MAX));
    keyed.into_iter().map(|k| k.2).collect()
}

/// The `corpus_terms` frame of terms `ids`.
fn corpus_frame(
    a: &Analysis,
    totals: &[crate::analysis::TermTotals],
    ids: &[usize],
) -> Result<DataFrame> {
    let tokens = a.total_tokens();
    let col = |f: &dyn Fn(usize) -> u64| ids.iter().map(|&i| f(i)).collect::<Vec<u64>>();
    Ok(df!(
        "term" => ids.iter().map(|&i| a.terms[i].term.as_str()).collect::<Vec<_>>(),
        "form" => ids.iter().map(|&i| a.terms[i].form.as_str()).collect::<Vec<_>>(),
        "count" => col(&|i| totals[i].count),
        "docs" => col(&|i| totals[i].docs as u64),
        "per_10k" => ids.iter().map(|&i| per_10k(totals[i].count, tokens)).collect::<Vec<_>>(),
        "quoted" => col(&|i| totals[i].quoted),
        "scare" => col(&|i| totals[i].scare),
        "quote_ratio" => ids.iter().map(|&i| ratio(totals[i].quoted, totals[i].count)).collect::<Vec<_>>(),
    )?)
}

/// Which spans to keep in the `quotes` frame.
#[derive(Debug, Clone, Copy, Default)]
pub struct SpanFilter {
    /// Only spans of this kind.
    pub kind: Option<crate::quotes::Kind>,
    /// Add the classifier's view: each kind's probability (`p_scare`, `p_term`, `p_title`,
    /// `p_direct`) and the features behind it (`features`).
    pub explain: bool,
    /// Only the spans whose likeliest kind is scare but which `--min-confidence` called
    /// another kind: the uncertain scare calls.
    pub below_threshold: bool,
}

impl SpanFilter {
    /// Whether the filter keeps a span.
    pub fn keeps(&self, s: &crate::quotes::Span) -> bool {
        self.kind.is_none_or(|k| s.kind == k) && (!self.below_threshold || s.below_threshold())
    }
}

/// The `quotes` frame: one row per span with its kind, confidence and evidence.
pub fn quotes(a: &Analysis, filter: SpanFilter) -> Result<DataFrame> {
    quotes_at(a, &kept_spans(a, filter), filter.explain)
}

/// Where the quotations `filter` keeps are: (document, place among its quotations), in order.
pub fn kept_spans(a: &Analysis, filter: SpanFilter) -> Vec<(u32, u32)> {
    let mut kept = Vec::new();
    for d in 0..a.docs.len() {
        let spans = a.spans(d);
        let of_doc = spans.iter().enumerate().filter(|(_, s)| filter.keeps(s));
        kept.extend(of_doc.map(|(k, _)| (d as u32, k as u32)));
    }
    kept
}

/// The `quotes` rows of the quotations at `kept` ([`kept_spans`]), each document's read once.
pub fn quotes_at(a: &Analysis, kept: &[(u32, u32)], explain: bool) -> Result<DataFrame> {
    let mut docs: Vec<(u32, std::borrow::Cow<'_, [crate::quotes::Span]>)> = Vec::new();
    for &(d, _) in kept {
        if docs.last().map(|x| x.0) != Some(d) {
            docs.push((d, a.spans(d as usize)));
        }
    }
    let mut j = 0;
    // A document whose quotations could not be read again gives none (the run fails then).
    let spans: Vec<(&str, &crate::quotes::Span)> = kept
        .iter()
        .filter_map(|&(d, k)| {
            while docs[j].0 != d {
                j += 1;
            }
            let s = docs[j].1.get(k as usize)?;
            Some((a.docs[d as usize].id.as_str(), s))
        })
        .collect();
    quotes_of(&spans, explain)
}

/// The `quotes` frame in pieces of at most `rows` spans, in order (at least one piece): a
/// document with hundreds of thousands of quotations is written without building one frame
/// of them all.
pub fn quotes_in_pieces(
    a: &Analysis,
    filter: SpanFilter,
    rows: usize,
) -> impl Iterator<Item = Result<DataFrame>> + '_ {
    let kept = kept_spans(a, filter);
    let step = rows.max(1);
    let pieces = kept.len().div_ceil(step).max(1);
    (0..pieces).map(move |k| {
        let start = (k * step).min(kept.len());
        quotes_at(
            a,
            &kept[start..(start + step).min(kept.len())],
            filter.explain,
        )
    })
}

/// The `quotes` rows of some spans (with their documents); `explain` adds the classifier's
/// columns.
fn quotes_of(spans: &[(&str, &crate::quotes::Span)], explain: bool) -> Result<DataFrame> {
    // Text columns go straight into polars' builders: no copy of every quotation in between.
    let s = |f: &dyn Fn(&crate::quotes::Span) -> &str| {
        let mut b = StringChunkedBuilder::new("".into(), spans.len());
        for (_, x) in spans {
            b.append_value(f(x));
        }
        b.finish().into_series()
    };
    let b = |f: &dyn Fn(&crate::quotes::Span) -> bool| {
        spans.iter().map(|(_, x)| f(x)).collect::<Vec<_>>()
    };
    let u = |f: &dyn Fn(&crate::quotes::Span) -> u64| {
        spans.iter().map(|(_, x)| f(x)).collect::<Vec<_>>()
    };
    let mut df = df!(
        "doc" => spans.iter().map(|(d, _)| *d).collect::<Vec<_>>(),
        "span" => u(&|x| x.number as u64),
        "open" => u(&|x| x.open as u64),
        "close" => u(&|x| x.close as u64),
        "page" => spans.iter().map(|(_, x)| x.page).collect::<Vec<_>>(),
        "style" => {
            let mut b = StringChunkedBuilder::new("".into(), spans.len());
            for (_, x) in spans {
                let mut buf = [0u8; 8];
                let n = x.marks[0].encode_utf8(&mut buf).len();
                let m = x.marks[1].encode_utf8(&mut buf[n..]).len();
                b.append_value(std::str::from_utf8(&buf[..n + m]).unwrap_or_default());
            }
            b.finish().into_series()
        },
        "kind" => s(&|x| x.kind.name()),
        "confidence" => spans.iter().map(|(_, x)| (x.confidence * 1000.0).round() / 1000.0).collect::<Vec<_>>(),
        "cue" => s(&|x| x.evidence.cue.as_deref().unwrap_or_default()),
        "words" => u(&|x| x.evidence.words as u64),
        "reporting" => s(&|x| x.evidence.reporting.as_deref().unwrap_or_default()),
        "colon" => b(&|x| x.evidence.colon),
        "sentence_punct" => b(&|x| x.evidence.sentence_punct),
        "title_case" => b(&|x| x.evidence.title_case),
        "naming" => s(&|x| x.evidence.naming.as_deref().unwrap_or_default()),
        "contrast" => b(&|x| x.evidence.contrast),
        "condemning" => u(&|x| x.evidence.condemning as u64),
        "nested" => b(&|x| x.evidence.nested),
        "sentence" => u(&|x| x.sentence as u64),
        "text" => s(&|x| &x.text),
        "left" => s(&|x| &x.left),
        "right" => s(&|x| &x.right),
    )?;
    if explain {
        for (k, kind) in crate::quotes::Kind::ALL.iter().enumerate() {
            let p: Vec<f64> = spans
                .iter()
                .map(|(_, x)| (x.probabilities[k] as f64 * 1000.0).round() / 1000.0)
                .collect();
            df.with_column(Column::new(format!("p_{}", kind.name()).into(), p))?;
        }
        df.with_column(
            s(&|x| &x.features)
                .with_name("features".into())
                .into_column(),
        )?;
    }
    Ok(df)
}

/// Cue phrases per document and term: which cues preceded spans holding the term.
fn doc_term_cues(
    a: &Analysis,
    doc: usize,
    opts_find: &dyn Fn(&str) -> Option<u32>,
) -> Vec<(u32, String)> {
    let mut out: Vec<(u32, String)> = Vec::new();
    for s in a.spans(doc).iter() {
        let Some(cue) = &s.evidence.cue else { continue };
        for w in &s.content {
            if let Some(id) = opts_find(w) {
                if !out.iter().any(|(i, c)| *i == id && **c == **cue) {
                    out.push((id, cue.to_string()));
                }
            }
        }
    }
    out
}

/// The `quoted_terms` frame: per document, terms that occur inside quotation marks, by
/// descending quoted count.
pub fn quoted_terms(a: &Analysis, sel: Selection) -> Result<DataFrame> {
    quoted_terms_of(a, sel, 0..a.docs.len(), &a.term_ranks())
}

/// The `quoted_terms` frame of the documents `docs`, so that a large corpus's table is made
/// and written a range of documents at a time ([`crate::out::write_pieces`]); `rank` is
/// [`Analysis::term_ranks`], made once for every range.
pub fn quoted_terms_of(
    a: &Analysis,
    sel: Selection,
    docs: std::ops::Range<usize>,
    rank: &[u32],
) -> Result<DataFrame> {
    let find = |w: &str| a.term_of_form(w);
    let (mut doc, mut term, mut form, mut cues) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut quoted, mut scare, mut total, mut qr) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for di in docs {
        let (d, counts) = (&a.docs[di], a.doc_terms.get(di));
        let term_cues = doc_term_cues(a, di, &find);
        let mut rows: Vec<_> = counts
            .iter()
            .filter(|c| c.quoted > 0 && c.quoted as u64 >= sel.min_count)
            .collect();
        rows.sort_unstable_by_key(|c| {
            (
                std::cmp::Reverse(c.quoted),
                std::cmp::Reverse(c.count),
                rank[c.term as usize],
            )
        });
        rows.truncate(sel.top.unwrap_or(usize::MAX));
        for c in rows {
            let t = &a.terms[c.term as usize];
            doc.push(d.id.as_str());
            term.push(t.term.as_str());
            form.push(t.form.as_str());
            quoted.push(c.quoted as u64);
            scare.push(c.scare as u64);
            total.push(c.count as u64);
            qr.push(ratio(c.quoted as u64, c.count as u64));
            let cs: Vec<&str> = term_cues
                .iter()
                .filter(|(i, _)| *i == c.term)
                .map(|(_, s)| s.as_str())
                .collect();
            cues.push(cs.join(", "));
        }
    }
    Ok(df!(
        "doc" => doc, "term" => term, "form" => form, "quoted" => quoted, "scare" => scare,
        "total" => total, "quote_ratio" => qr, "cues" => cues,
    )?)
}

/// The `corpus_quoted_terms` frame: `quoted_terms` summed over documents.
pub fn corpus_quoted_terms(a: &Analysis, sel: Selection) -> Result<DataFrame> {
    let find = |w: &str| a.term_of_form(w);
    let totals = a.corpus_counts();
    let mut docs_quoting = vec![0u64; a.terms.len()];
    let mut cues: Vec<Vec<String>> = vec![Vec::new(); a.terms.len()];
    for (di, counts) in a.doc_terms.iter().enumerate() {
        for c in counts.iter().filter(|c| c.quoted > 0) {
            docs_quoting[c.term as usize] += 1;
        }
        for (id, cue) in doc_term_cues(a, di, &find) {
            let v = &mut cues[id as usize];
            if !v.contains(&cue) {
                v.push(cue);
            }
        }
    }
    let mut ids: Vec<usize> = (0..a.terms.len())
        .filter(|&i| totals[i].quoted > 0 && totals[i].quoted >= sel.min_count)
        .collect();
    ids.sort_unstable_by(|&x, &y| {
        totals[y]
            .quoted
            .cmp(&totals[x].quoted)
            .then(totals[y].count.cmp(&totals[x].count))
            .then_with(|| a.terms[x].term.cmp(&a.terms[y].term))
    });
    ids.truncate(sel.top.unwrap_or(usize::MAX));
    Ok(df!(
        "term" => ids.iter().map(|&i| a.terms[i].term.as_str()).collect::<Vec<_>>(),
        "form" => ids.iter().map(|&i| a.terms[i].form.as_str()).collect::<Vec<_>>(),
        "quoted" => ids.iter().map(|&i| totals[i].quoted).collect::<Vec<_>>(),
        "scare" => ids.iter().map(|&i| totals[i].scare).collect::<Vec<_>>(),
        "total" => ids.iter().map(|&i| totals[i].count).collect::<Vec<_>>(),
        "quote_ratio" => ids.iter().map(|&i| ratio(totals[i].quoted, totals[i].count)).collect::<Vec<_>>(),
        "quoted_docs" => ids.iter().map(|&i| docs_quoting[i]).collect::<Vec<_>>(),
        "cues" => ids.iter().map(|&i| cues[i].join(", ")).collect::<Vec<_>>(),
    )?)
}

/// The `unpaired` frame: marks that found no partner, with their source offsets.
pub fn unpaired(a: &Analysis) -> Result<DataFrame> {
    let rows: Vec<(&str, u64, Option<u32>, String)> = a
        .docs
        .iter()
        .flat_map(|d| {
            d.unpaired
                .iter()
                .map(move |u| (d.id.as_str(), u.offset as u64, u.page, u.mark.to_string()))
        })
        .collect();
    Ok(df!(
        "doc" => rows.iter().map(|r| r.0).collect::<Vec<_>>(),
        "offset" => rows.iter().map(|r| r.1).collect::<Vec<_>>(),
        "page" => rows.iter().map(|r| r.2).collect::<Vec<_>>(),
        "mark" => rows.iter().map(|r| r.3.clone()).collect::<Vec<_>>(),
    )?)
}

/// The `cues` frame: distancing cues per document, with how many stand right before a quotation.
pub fn cues(a: &Analysis) -> Result<DataFrame> {
    let rows: Vec<(&str, &crate::analysis::CueCount)> = a
        .docs
        .iter()
        .flat_map(|d| d.cues.iter().map(move |c| (d.id.as_str(), c)))
        .collect();
    Ok(df!(
        "doc" => rows.iter().map(|r| r.0).collect::<Vec<_>>(),
        "cue" => rows.iter().map(|r| r.1.cue.as_str()).collect::<Vec<_>>(),
        "count" => rows.iter().map(|r| r.1.total as u64).collect::<Vec<_>>(),
        "before_quote" => rows.iter().map(|r| r.1.before_quote as u64).collect::<Vec<_>>(),
    )?)
}

/// Quotations of more words than this are named in a note ([`long_spans_note`]).
pub const LONG_SPAN_WORDS: u32 = 1_000;

/// A note naming the quotations of over [`LONG_SPAN_WORDS`] words: a speech read out whole,
/// or a closing mark that a damaged text puts far from its opening (a hard-wrapped file with
/// no blank line between them, paragraphs that each reopen a quotation never closed), whose
/// words all count as quoted; `None` when there are none (or the run kept no spans).
pub fn long_spans_note(a: &Analysis) -> Option<String> {
    use crate::out::numbers::{count_of, thousands};
    let mut long: Vec<(u32, String)> = Vec::new();
    for (i, d) in a.docs.iter().enumerate() {
        for s in a.spans(i).iter() {
            if s.evidence.words > LONG_SPAN_WORDS {
                let words = thousands(u64::from(s.evidence.words));
                let at = format!("{} at byte {}, {words} words", d.id, s.open);
                long.push((s.evidence.words, at));
            }
        }
    }
    if long.is_empty() {
        return None;
    }
    long.sort_by(|x, y| y.0.cmp(&x.0).then_with(|| x.1.cmp(&y.1)));
    let shown: Vec<&str> = long.iter().take(5).map(|l| l.1.as_str()).collect();
    let more = match long.len() {
        n if n > 5 => format!(" and {} more", n - 5),
        _ => String::new(),
    };
    let verb = if long.len() == 1 { "runs" } else { "run" };
    Some(format!(
        "{} {verb} over {} words ({}{more}): a text quoted whole, or a closing mark a damaged \
         file puts far from its opening; every word inside counts as quoted, so check those \
         marks",
        count_of(long.len() as u64, "quotation"),
        thousands(u64::from(LONG_SPAN_WORDS)),
        shown.join("; "),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{analyse, Options};
    use crate::corpus::Document;
    use crate::text::Lang;

    fn names(df: &DataFrame) -> Vec<String> {
        df.get_column_names()
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    #[test]
    fn every_frame_has_its_schema() {
        let d = Document::from_text(
            "d",
            "The so-called “elections” were held; elections matter.",
        );
        let a = analyse(&[d], &Options::new(Lang::english()));
        let sel = Selection::default();
        assert_eq!(names(&terms(&a, sel).unwrap()), schema::TERMS);
        assert_eq!(names(&corpus_terms(&a, sel).unwrap()), schema::CORPUS_TERMS);
        assert_eq!(
            names(&quotes(&a, SpanFilter::default()).unwrap()),
            schema::QUOTES
        );
        assert_eq!(names(&quoted_terms(&a, sel).unwrap()), schema::QUOTED_TERMS);
        assert_eq!(
            names(&corpus_quoted_terms(&a, sel).unwrap()),
            schema::CORPUS_QUOTED_TERMS
        );
        assert_eq!(names(&cues(&a).unwrap()), schema::CUES);
        assert_eq!(names(&unpaired(&a).unwrap()), schema::UNPAIRED);
    }
}

#[cfg(test)]
mod aside_tests {
    use super::*;
    use crate::analysis::{analyse, spill::Spilled, Options};
    use crate::text::Lang;

    #[test]
    fn quotations_set_aside_give_the_same_tables_and_a_lost_file_is_an_error() {
        let docs = crate::corpus::Document::each_of(&[
            "The so-called “elections” were a farce. We reject the “elections” again.",
            "No quotation here.",
            "The minister said: “We will never surrender.” The “regime” fell; “regime” change.",
        ]);
        let mut o = Options::new(Lang::english());
        let kept = analyse(&docs, &o);
        o.spill_counts = true;
        let aside = analyse(&docs, &o);
        // The quotations went to the file, and come back from it.
        assert_eq!(aside.docs[0].spans.len(), 0);
        assert!(aside.docs[0].spans_aside.is_some() && aside.docs[1].spans_aside.is_none());
        assert_eq!(aside.spans(2).len(), kept.docs[2].spans.len());
        let all = SpanFilter::default();
        assert!(quotes(&kept, all).unwrap().height() >= 5);
        assert!(quotes(&aside, all)
            .unwrap()
            .equals_missing(&quotes(&kept, all).unwrap()));
        let scare = SpanFilter {
            kind: Some(crate::quotes::Kind::Scare),
            ..Default::default()
        };
        assert_eq!(kept_spans(&aside, scare), kept_spans(&kept, scare));
        let pieces = |a| {
            quotes_in_pieces(a, all, 2)
                .map(|p| p.unwrap().height())
                .collect::<Vec<_>>()
        };
        assert_eq!(pieces(&aside), pieces(&kept));
        let (every, sel) = ([0, 1, 2], Selection::default());
        assert!(quoted_phrases(&aside, &every, all)
            .unwrap()
            .equals_missing(&quoted_phrases(&kept, &every, all).unwrap()));
        assert!(quoted_terms(&aside, sel)
            .unwrap()
            .equals_missing(&quoted_terms(&kept, sel).unwrap()));
        aside.doc_terms.check().unwrap();
        // Their place lost: no quotations, and the run's check says which were lost.
        let mut lost = kept.clone();
        lost.docs[0].spans = Vec::new();
        lost.docs[0].spans_aside = Some(Spilled::default());
        assert!(lost.spans(0).is_empty());
        let e = lost.doc_terms.check().unwrap_err();
        assert!(
            matches!(
                e,
                crate::Error::SetAside {
                    what: "quotations",
                    ..
                }
            ),
            "{e}"
        );
    }
}
