//! Frames over document metadata: `docs` (one row per document, with its fields) and
//! `group_terms` (terms per group of `--group-by`, each group's rates over its own tokens).

use super::{per_10k, ratio, Selection};
use crate::analysis::{Analysis, TermTotals};
use crate::error::Result;
use crate::meta::Grouping;
use polars::prelude::*;
use rayon::prelude::*;

/// The `docs` frame: per document its id, path, words and numbers (`tokens`), distinct
/// case-folded word forms (`types`, stopwords included: quanteda's `ntype`, so that `ttr` is
/// `types / tokens`; empty when the measures were not computed), tokens inside quotation marks
/// and inside scare quotes, its quotations and scare quotes, the measures, then every field of
/// `meta` (a row per document, in order).
pub fn docs(a: &Analysis, meta: &DataFrame) -> Result<DataFrame> {
    let d = &a.docs;
    let types: Vec<Option<u64>> = d
        .iter()
        .map(|x| x.measured().map(|m| m.forms as u64))
        .collect();
    let mut cols = vec![
        Column::new(
            "doc".into(),
            d.iter().map(|x| x.id.as_str()).collect::<Vec<_>>(),
        ),
        Column::new(
            "path".into(),
            d.iter()
                .map(|x| x.path.as_ref().map(|p| p.display().to_string()))
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "tokens".into(),
            d.iter().map(|x| x.tokens).collect::<Vec<_>>(),
        ),
        Column::new("types".into(), types),
        Column::new(
            "quoted_tokens".into(),
            d.iter().map(|x| x.quoted_tokens).collect::<Vec<_>>(),
        ),
        Column::new(
            "scare_tokens".into(),
            d.iter().map(|x| x.scare_tokens).collect::<Vec<_>>(),
        ),
        Column::new(
            "spans".into(),
            d.iter().map(|x| x.n_spans as u64).collect::<Vec<_>>(),
        ),
        Column::new(
            "scare_spans".into(),
            d.iter().map(|x| x.n_scare as u64).collect::<Vec<_>>(),
        ),
    ];
    cols.extend(measure_columns(d));
    if meta.height() == d.len() {
        for c in meta.columns() {
            if !matches!(c.name().as_str(), "doc" | "path") {
                cols.push(c.clone());
            }
        }
    }
    Ok(DataFrame::new_infer_height(cols)?)
}

/// The `docs` frame per group of documents (`docs --group-by`): the group's fields, its
/// documents, tokens, quotations and scare quotes, and every measure of [`docs`] under the
/// same names: the two rates of the group's words taken together (quoted_share, of its tokens;
/// scare_per_10k, its scare quotes per 10,000 of its tokens, as the report's groups table
/// gives them), and the mean over its documents (each weighing one) of the others, which do
/// not add up across texts (ttr, mtld, flesch ...); groups in order.
pub fn docs_by_group(a: &Analysis, g: &Grouping) -> Result<DataFrame> {
    let m = members(g);
    let rows: Vec<u32> = (0..m.len() as u32)
        .filter(|&k| !m[k as usize].is_empty())
        .collect();
    let sum = |f: &dyn Fn(&crate::analysis::DocResult) -> u64| -> Vec<u64> {
        rows.iter()
            .map(|&k| m[k as usize].iter().map(|&i| f(&a.docs[i])).sum())
            .collect()
    };
    let mut cols = group_columns(g, &rows)?;
    cols.push(Column::new(
        "documents".into(),
        rows.iter()
            .map(|&k| m[k as usize].len() as u64)
            .collect::<Vec<_>>(),
    ));
    let tokens = sum(&|d| d.tokens);
    cols.push(Column::new("tokens".into(), tokens.clone()));
    cols.push(Column::new("spans".into(), sum(&|d| d.n_spans as u64)));
    cols.push(Column::new(
        "scare_spans".into(),
        sum(&|d| d.n_scare as u64),
    ));
    let pooled = |part: &dyn Fn(&crate::analysis::DocResult) -> u64, scale: f64| {
        sum(part)
            .iter()
            .zip(&tokens)
            .map(|(&p, &t)| (t > 0).then(|| scale * p as f64 / t as f64))
            .collect::<Vec<Option<f64>>>()
    };
    for c in measure_columns(&a.docs) {
        match c.name().as_str() {
            "quoted_share" => {
                cols.push(Column::new(
                    c.name().clone(),
                    pooled(&|d| d.quoted_tokens, 1.0),
                ));
                continue;
            }
            "scare_per_10k" => {
                let rate = pooled(&|d| d.n_scare as u64, 10_000.0);
                cols.push(Column::new(c.name().clone(), rate));
                continue;
            }
            _ => {}
        }
        let v = c.cast(&DataType::Float64)?;
        let v = v.f64()?;
        let means: Vec<Option<f64>> = rows
            .iter()
            .map(|&k| {
                let x: Vec<f64> = m[k as usize].iter().filter_map(|&i| v.get(i)).collect();
                (!x.is_empty()).then(|| x.iter().sum::<f64>() / x.len() as f64)
            })
            .collect();
        cols.push(Column::new(c.name().clone(), means));
    }
    Ok(DataFrame::new_infer_height(cols)?)
}

/// The documents' lexical diversity and readability ([`crate::stats::diversity`]): ttr
/// (distinct folded forms, stopwords included, over tokens), mattr (windows of 500 words),
/// mtld, sentences, mean_sentence_length (words), flesch (reading ease), fk_grade
/// (Flesch–Kincaid), quoted_share (of tokens inside quotation marks), scare_per_10k (scare
/// quotes per 10,000 tokens); null where a run kept no measures or a document has no words.
fn measure_columns(d: &[crate::analysis::DocResult]) -> Vec<Column> {
    let col = |name: &str, f: &dyn Fn(&crate::analysis::DocResult) -> Option<f64>| {
        Column::new(name.into(), d.iter().map(f).collect::<Vec<Option<f64>>>())
    };
    vec![
        col("ttr", &|x| x.ttr()),
        col("mattr", &|x| x.measured().map(|m| m.mattr)),
        col("mtld", &|x| x.measured().map(|m| m.mtld)),
        Column::new(
            "sentences".into(),
            d.iter()
                .map(|x| x.measured().map(|m| m.sentences as u64))
                .collect::<Vec<Option<u64>>>(),
        ),
        col("mean_sentence_length", &|x| x.mean_sentence_length()),
        col("flesch", &|x| x.flesch()),
        col("fk_grade", &|x| x.fk_grade()),
        col("quoted_share", &|x| {
            (x.tokens > 0).then(|| x.quoted_tokens as f64 / x.tokens as f64)
        }),
        col("scare_per_10k", &|x| {
            (x.tokens > 0).then(|| 10_000.0 * x.n_scare as f64 / x.tokens as f64)
        }),
    ]
}

/// The columns of the grouping's fields for rows of groups (`of_row`: each row's group), the
/// values of each field gathered from one value per group.
pub fn group_columns(g: &Grouping, of_row: &[u32]) -> Result<Vec<Column>> {
    let idx = IdxCa::from_vec(
        "rows".into(),
        of_row.iter().map(|&k| k as IdxSize).collect(),
    );
    let mut cols = Vec::with_capacity(g.fields.len());
    for (f, field) in g.fields.iter().enumerate() {
        let values: Vec<AnyValue> = g.groups.iter().map(|(_, v)| v[f].clone()).collect();
        let one_each = Series::from_any_values(field.as_str().into(), &values, false)?;
        cols.push(one_each.take(&idx)?.into_column());
    }
    Ok(cols)
}

/// Each group's documents (by index into the analysis).
pub fn members(g: &Grouping) -> Vec<Vec<usize>> {
    let mut m = vec![Vec::new(); g.groups.len()];
    for (d, k) in g.of_file.iter().enumerate() {
        if let Some(k) = k {
            m[*k as usize].push(d);
        }
    }
    m
}

/// Which terms of each group a `group_terms` frame lists, in which order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum GroupOrder {
    /// Every term, most frequent first.
    #[default]
    Count,
    /// The quoted terms, most scare-quoted first, then most quoted.
    Quoted,
}

/// The `group_terms` frame: per group (its fields first), its terms (by descending count, or
/// the quoted ones by scare and quoted counts), with documents, rate per 10,000 of the group's
/// tokens, quoted and scare-quoted occurrences, and the group's documents and tokens. From the
/// per-group running sums of a totals run, or from the per-document counts.
pub fn group_terms(
    a: &Analysis,
    g: &Grouping,
    sel: Selection,
    order: GroupOrder,
) -> Result<DataFrame> {
    let members = members(g);
    let rank = a.term_ranks();
    let min = sel.min_count.max(1);
    let group_tokens: Vec<u64> = members.iter().map(|docs| a.tokens_of(docs)).collect();
    // Per group, its rows (term, totals), the groups side by side.
    let per_group: Vec<Vec<(usize, TermTotals)>> = members
        .par_iter()
        .enumerate()
        .map(|(k, docs)| {
            // The group's terms with their totals: its bin's, or summed from its documents.
            let mut totals: Vec<(usize, TermTotals)> = match a.bin_totals.get(k) {
                Some(t) => t.iter().map(|&(i, c)| (i as usize, c)).collect(),
                None if a.doc_terms.len() == a.docs.len() => {
                    a.group_totals(docs).into_iter().enumerate().collect()
                }
                None => Vec::new(),
            };
            totals.retain(|(_, c)| c.count >= min && (order == GroupOrder::Count || c.quoted > 0));
            let r = std::cmp::Reverse;
            match order {
                GroupOrder::Count => totals.sort_unstable_by_key(|&(t, c)| (r(c.count), rank[t])),
                GroupOrder::Quoted => totals
                    .sort_unstable_by_key(|&(t, c)| (r(c.scare), r(c.quoted), r(c.count), rank[t])),
            }
            totals.truncate(sel.top.unwrap_or(usize::MAX));
            totals
        })
        .collect();
    // (group, term, totals)
    let rows: Vec<(usize, usize, TermTotals)> = per_group
        .into_iter()
        .enumerate()
        .flat_map(|(k, v)| v.into_iter().map(move |(t, c)| (k, t, c)))
        .collect();
    let of_row: Vec<u32> = rows.iter().map(|r| r.0 as u32).collect();
    let mut cols = group_columns(g, &of_row)?;
    let u = |name: &str, f: &dyn Fn(&(usize, usize, TermTotals)) -> u64| {
        Column::new(name.into(), rows.iter().map(f).collect::<Vec<u64>>())
    };
    cols.push(Column::new(
        "term".into(),
        rows.iter()
            .map(|r| a.terms[r.1].term.as_str())
            .collect::<Vec<_>>(),
    ));
    cols.push(Column::new(
        "form".into(),
        rows.iter()
            .map(|r| a.terms[r.1].form.as_str())
            .collect::<Vec<_>>(),
    ));
    cols.push(u("count", &|r| r.2.count));
    cols.push(u("docs", &|r| r.2.docs as u64));
    cols.push(Column::new(
        "per_10k".into(),
        rows.iter()
            .map(|r| per_10k(r.2.count, group_tokens[r.0]))
            .collect::<Vec<_>>(),
    ));
    cols.push(u("quoted", &|r| r.2.quoted));
    cols.push(u("scare", &|r| r.2.scare));
    cols.push(Column::new(
        "quote_ratio".into(),
        rows.iter()
            .map(|r| ratio(r.2.quoted, r.2.count))
            .collect::<Vec<_>>(),
    ));
    cols.push(u("group_docs", &|r| members[r.0].len() as u64));
    cols.push(u("group_tokens", &|r| group_tokens[r.0]));
    Ok(DataFrame::new_infer_height(cols)?)
}
