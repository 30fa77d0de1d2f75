//! Building each chart kind's [`Spec`] from the analysis and frames: `freq`, `quotes`,
//! `keyness`, `dispersion`, `similarity`, `cues`, `trend`.

use super::{BarRow, DispersionRow, LinePanel, LinePoint, LineSeries, Role, Spec};
use crate::analysis::{Analysis, Positions, TermTotals};
use crate::compare::KeySort;
use crate::error::{Error, Result};
use crate::frames::per_10k;
use crate::out::numbers::thousands;
use polars::prelude::*;

pub use super::doc_kinds::{doc_measure, doc_measure_over, DOC_MEASURES};

fn pct(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

/// Horizontal bars of the top `top` terms (display forms) of documents `docs`.
pub fn freq(a: &Analysis, docs: &[usize], top: usize, what: &str) -> Result<Spec> {
    let (counts, tokens) = (a.group_totals(docs), a.tokens_of(docs));
    let mut ids: Vec<usize> = (0..counts.len()).filter(|&i| counts[i].count > 0).collect();
    ids.sort_by(|&x, &y| {
        counts[y]
            .count
            .cmp(&counts[x].count)
            .then_with(|| a.terms[x].term.cmp(&a.terms[y].term))
    });
    ids.truncate(top);
    if ids.is_empty() {
        return Err(Error::Nothing("no terms found to chart".into()));
    }
    let rows = ids
        .iter()
        .map(|&i| BarRow {
            label: a.terms[i].form.clone(),
            segments: vec![(per_10k(counts[i].count, tokens), Role::Plain)],
            note: Some(thousands(counts[i].count)),
        })
        .collect();
    Ok(Spec::Bars {
        title: format!("Most frequent terms: {what}"),
        x_label: "occurrences per 10,000 tokens (count at bar end)".into(),
        rows,
        legend: vec![],
        diverging: false,
        guide: None,
    })
}

/// The most-quoted terms: each bar split into scare-quoted, otherwise quoted and unquoted
/// occurrences, labelled with the quote ratio and the scare-quoted count.
pub fn quotes(a: &Analysis, docs: &[usize], top: usize, what: &str) -> Result<Spec> {
    let counts = a.group_totals(docs);
    // Scare-quoted terms first; numbers (quoted dates, counts) are left out.
    let is_number = |i: usize| a.terms[i].term.chars().all(|c| !c.is_alphabetic());
    let mut ids: Vec<usize> = (0..counts.len())
        .filter(|&i| counts[i].quoted > 0 && !is_number(i))
        .collect();
    ids.sort_by(|&x, &y| {
        counts[y]
            .scare
            .cmp(&counts[x].scare)
            .then(counts[y].quoted.cmp(&counts[x].quoted))
            .then_with(|| a.terms[x].term.cmp(&a.terms[y].term))
    });
    ids.truncate(top);
    if ids.is_empty() {
        return Err(Error::Nothing(
            "no quoted terms found in these documents".into(),
        ));
    }
    let rows: Vec<BarRow> = ids
        .iter()
        .map(|&i| {
            let TermTotals {
                count: total,
                quoted,
                scare,
                ..
            } = counts[i];
            BarRow {
                label: a.terms[i].form.clone(),
                // Shares of the term's occurrences, so a rare term's quotation shows as
                // clearly as a frequent one's; the note gives the counts.
                segments: {
                    let share = |n: u64| 100.0 * n as f64 / total.max(1) as f64;
                    vec![
                        (share(scare), Role::Scare),
                        (share(quoted - scare), Role::Quoted),
                        (share(total - quoted), Role::Plain),
                    ]
                },
                // The scare count too: it orders the rows, and a few scare quotes in a
                // frequent term make no visible segment.
                note: Some(format!(
                    "{} quoted ({} of {}){}",
                    pct(quoted as f64 / total.max(1) as f64),
                    thousands(quoted),
                    thousands(total),
                    if scare > 0 {
                        format!(", {} scare", thousands(scare))
                    } else {
                        String::new()
                    }
                )),
            }
        })
        .collect();
    Ok(Spec::Bars {
        title: format!("Quoted terms, scare-quoted first: {what}"),
        x_label: "share of the term's occurrences (%)".into(),
        legend: drawn_legend(&rows, quote_legend()),
        rows,
        diverging: false,
        guide: None,
    })
}

/// The legend of bars split by where quotation marks stood.
pub fn quote_legend() -> Vec<(String, Role)> {
    vec![
        ("in scare quotes".into(), Role::Scare),
        ("in other quotations".into(), Role::Quoted),
        ("without quotation marks".into(), Role::Plain),
    ]
}

/// The entries of `legend` whose colour some bar shows.
pub fn drawn_legend(rows: &[BarRow], legend: Vec<(String, Role)>) -> Vec<(String, Role)> {
    let drawn = |role: Role| {
        rows.iter()
            .any(|r| r.segments.iter().any(|s| s.1 == role && s.0 > 0.0))
    };
    legend.into_iter().filter(|(_, r)| drawn(*r)).collect()
}

/// Diverging bars from a `keyness` frame: the `top` terms over-used in the target above, the
/// `top` over-used in the reference below, ordered by G².
pub fn keyness(df: &DataFrame, top: usize, target: &str, reference: &str) -> Result<Spec> {
    keyness_by(df, top, target, reference, KeySort::G2)
}

/// A keyness chart of `df` (a `keyness` frame ranked by `stat`) whose bars are that
/// statistic: G² (AntConc's), χ² (quanteda's), the log-odds z-score (scattertext's) or the
/// log ratio; the dashed guide is its 5% level where it has one.
pub fn keyness_by(
    df: &DataFrame,
    top: usize,
    target: &str,
    reference: &str,
    stat: KeySort,
) -> Result<Spec> {
    let form = df.column("form")?.str()?;
    let value = df.column(stat.column())?.f64()?;
    let n = df.height();
    let mut rows = Vec::new();
    let push = |rows: &mut Vec<BarRow>, i: usize| {
        let v = value.get(i).unwrap_or(0.0);
        rows.push(BarRow {
            label: form.get(i).unwrap_or("").to_string(),
            segments: vec![(
                v,
                if v >= 0.0 {
                    Role::Plain
                } else {
                    Role::Reference
                },
            )],
            note: Some(format!("{v:.1}")),
        });
    };
    // The frame runs from the most over-used to the most under-used: the first `top` rows
    // above 0 and the last `top` below, however many of each there are.
    let v = |i: usize| value.get(i).unwrap_or(0.0);
    let over: Vec<usize> = (0..n).filter(|&i| v(i) > 0.0).take(top).collect();
    let mut under: Vec<usize> = (0..n).rev().filter(|&i| v(i) < 0.0).take(top).collect();
    under.reverse();
    for i in over.into_iter().chain(under) {
        push(&mut rows, i);
    }
    if rows.is_empty() {
        return Err(Error::Nothing(
            "no key terms: the target and reference use the same words at the same rates".into(),
        ));
    }
    // |G²| or |χ²| ≥ 3.84: p < 0.05 with one degree of freedom; |z| ≥ 1.96 likewise.
    let (what, guide) = match stat {
        KeySort::G2 => (
            "signed log-likelihood G²",
            Some((3.84, "dashed: |G²| = 3.84 (p = 0.05)".to_string())),
        ),
        KeySort::Chi2 => (
            "signed χ²",
            Some((3.84, "dashed: |χ²| = 3.84 (p = 0.05)".to_string())),
        ),
        KeySort::LogOdds => (
            "log-odds z-score, informative Dirichlet prior",
            Some((1.96, "dashed: |z| = 1.96 (p = 0.05)".to_string())),
        ),
        KeySort::LogRatio => ("log ratio (binary log of the ratio of rates)", None),
    };
    Ok(Spec::Bars {
        title: format!("Keyness: {target} vs {reference}"),
        x_label: format!("{what} (positive: over-used in the target)"),
        rows,
        legend: vec![
            (format!("target: {target}"), Role::Plain),
            (format!("reference: {reference}"), Role::Reference),
        ],
        diverging: true,
        guide,
    })
}

/// A dispersion plot: one row per term and document, a tick at each occurrence, scare-quoted
/// occurrences drawn apart. With more than `top` such rows, `top` are shown, in corpus order:
/// each term's row with the most scare-quoted occurrences (then all, then quoted), then the
/// other rows by the same order; `kept` says so. Terms with one stem (`election,elections`;
/// `international,internal` under the classic rules) share their rows, labelled with both.
pub fn dispersion(
    docs: &[Positions],
    terms: &[(String, String)],
    what: &str,
    top: usize,
) -> Result<Spec> {
    // Terms asked for as (label, key); terms with one key share their rows.
    let mut wanted: Vec<(String, &str)> = Vec::new();
    for (t, key) in terms {
        match wanted.iter_mut().find(|w| w.1 == key.as_str()) {
            Some(w) => {
                w.0.push_str(" / ");
                w.0.push_str(t);
            }
            None => wanted.push((t.clone(), key)),
        }
    }
    let (mut rows, row_term) = dispersion_rows(docs, &wanted);
    let missing: Vec<&str> = (0..wanted.len())
        .filter(|k| !row_term.contains(k))
        .map(|k| wanted[k].0.as_str())
        .collect();
    // None of the terms: nothing to draw (as a trend chart says it); some: the rest drawn,
    // the absent named in the note.
    if missing.len() == wanted.len() {
        return Err(Error::Nothing(format!(
            "terms {}: in none of these documents",
            missing.join(", ")
        )));
    }
    let names: Vec<&str> = wanted
        .iter()
        .filter(|w| !missing.contains(&w.0.as_str()))
        .map(|w| w.0.as_str())
        .collect();
    let verb = if names.len() == 1 { "occurs" } else { "occur" };
    let quoted: Vec<String> = names.iter().map(|n| format!("“{n}”")).collect();
    let title = format!("Where {} {verb}: {what}", quoted.join(", "));
    let mut note = String::new();
    if !missing.is_empty() {
        note = format!(" (in none: {})", missing.join(", "));
    }
    if rows.len() > top.max(1) {
        let all = rows.len();
        let first = keep_rows(&mut rows, &row_term, wanted.len(), top.max(1));
        // Chosen by use, drawn in the corpus's order (by year, say), which the note says.
        let chosen = if wanted.len() > 1 {
            format!("each term's {first} in turn")
        } else {
            format!("the {first}")
        };
        note.insert_str(
            0,
            &format!(
                " (the {} of {} rows: {chosen}, in the corpus's order)",
                rows.len(),
                thousands(all as u64)
            ),
        );
    }
    // The legend lists only the kinds of tick drawn.
    let drawn = |role: Role| rows.iter().any(|r| r.marks.iter().any(|m| m.1 == role));
    let legend = quote_legend()
        .into_iter()
        .filter(|(_, role)| drawn(*role))
        .collect();
    Ok(Spec::Dispersion {
        title,
        kept: note,
        rows,
        legend,
    })
}

/// One row per wanted term and document that uses it, in corpus order, with each row's index
/// among the wanted terms.
fn dispersion_rows(
    docs: &[Positions],
    wanted: &[(String, &str)],
) -> (Vec<DispersionRow>, Vec<usize>) {
    let mut rows = Vec::new();
    let mut row_term = Vec::new();
    for doc in docs {
        let words: Vec<usize> = doc.words().collect();
        let total = words.len().max(1) as f64;
        let mut marks_of: Vec<Vec<(f64, Role)>> = vec![Vec::new(); wanted.len()];
        for (pos, &i) in words.iter().enumerate() {
            let Some(term) = doc.term(i) else { continue };
            if let Some(k) = wanted.iter().position(|w| w.1 == term) {
                let q = doc.quoting[i];
                let role = match (q.inner(), q.scare()) {
                    (_, true) => Role::Scare,
                    (Some(_), false) => Role::Quoted,
                    _ => Role::Plain,
                };
                marks_of[k].push((pos as f64 / total, role));
            }
        }
        for (k, ((label, _), marks)) in wanted.iter().zip(marks_of).enumerate() {
            if !marks.is_empty() {
                let label = if docs.len() > 1 {
                    format!("{label} · {}", doc.id)
                } else {
                    label.clone()
                };
                rows.push(DispersionRow { label, marks });
                row_term.push(k);
            }
        }
    }
    (rows, row_term)
}

/// Keeps `limit` rows in corpus order, the terms taking turns, each giving its next row with
/// the most scare-quoted (then all, then quoted) occurrences, so that no term asked for
/// disappears or crowds out the others. Returns what ordered the rows, for the note.
fn keep_rows(
    rows: &mut Vec<DispersionRow>,
    row_term: &[usize],
    terms: usize,
    limit: usize,
) -> &'static str {
    let count = |r: &DispersionRow, role: Option<Role>| {
        r.marks
            .iter()
            .filter(|m| role.is_none_or(|x| m.1 == x))
            .count()
    };
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by_key(|&i| {
        let r = &rows[i];
        // Scare quotes first (what the plot is for), then where the term is most used: a
        // speech read out on a leader's behalf, inside quotation marks from end to end, is
        // quoted throughout and would otherwise head every plot.
        let score = (
            count(r, Some(Role::Scare)),
            count(r, None),
            count(r, Some(Role::Quoted)),
        );
        (std::cmp::Reverse(score), i)
    });
    let mut per_term: Vec<std::collections::VecDeque<usize>> = vec![Default::default(); terms];
    for &i in &order {
        per_term[row_term[i]].push_back(i);
    }
    let mut keep = vec![false; rows.len()];
    let mut kept = 0;
    while kept < limit {
        let before = kept;
        for q in per_term.iter_mut() {
            if kept < limit {
                if let Some(i) = q.pop_front() {
                    keep[i] = true;
                    kept += 1;
                }
            }
        }
        if kept == before {
            break;
        }
    }
    let any = |role: Role| rows.iter().any(|r| count(r, Some(role)) > 0);
    let first = if any(Role::Scare) {
        "most scare-quoted"
    } else {
        "most used"
    };
    let mut k = keep.iter();
    rows.retain(|_| k.next().copied().unwrap_or(false));
    first
}

/// The `top` most-quoted terms (scare first), as default terms for a dispersion plot or a
/// trend; numbers (a quoted `2+2`, dates) are left out, as the quotes chart leaves them.
pub fn most_quoted_terms(a: &Analysis, top: usize) -> Vec<String> {
    let has_letter = |i: usize| a.terms[i].term.chars().any(char::is_alphabetic);
    most_quoted_where(a, &a.corpus_counts(), top, |i, c| {
        c.quoted > 0 && has_letter(i)
    })
}

/// The `top` terms of counts `c` that `keep` keeps (given each term's id and counts), the most
/// scare-quoted first, then the most quoted (ties: alphabetical), as display words.
pub fn most_quoted_where(
    a: &Analysis,
    c: &[TermTotals],
    top: usize,
    keep: impl Fn(usize, &TermTotals) -> bool,
) -> Vec<String> {
    let mut ids: Vec<usize> = (0..c.len()).filter(|&i| keep(i, &c[i])).collect();
    ids.sort_by(|&x, &y| {
        c[y].scare
            .cmp(&c[x].scare)
            .then(c[y].quoted.cmp(&c[x].quoted))
            .then_with(|| a.terms[x].term.cmp(&a.terms[y].term))
    });
    ids.into_iter()
        .take(top)
        .map(|i| a.terms[i].word.clone())
        .collect()
}

/// A heatmap from a `similarity` frame over documents `ids`.
pub fn similarity(df: &DataFrame, ids: &[String], measure: &str, what: &str) -> Result<Spec> {
    if ids.len() < 2 {
        return Err(Error::Invalid(
            "a similarity chart needs at least two documents".into(),
        ));
    }
    let da = df.column("doc_a")?.str()?;
    let db = df.column("doc_b")?.str()?;
    let v = df.column(measure)?.f64()?;
    let idx = |s: &str| ids.iter().position(|x| x == s);
    let n = ids.len();
    let mut values = vec![vec![1.0; n]; n];
    for k in 0..df.height() {
        if let (Some(i), Some(j)) = (da.get(k).and_then(idx), db.get(k).and_then(idx)) {
            let x = v.get(k).unwrap_or(0.0);
            values[i][j] = x;
            values[j][i] = x;
        }
    }
    Ok(Spec::Heatmap {
        title: format!("Document similarity ({measure}): {what}"),
        labels: short_labels(ids),
        values,
        scale_label: format!("{measure} similarity"),
    })
}

/// Document ids without their folders when that keeps them apart (`ungd/AZE_75_2020` →
/// `AZE_75_2020`).
pub(crate) fn short_labels(ids: &[String]) -> Vec<String> {
    let short: Vec<String> = ids
        .iter()
        .map(|i| i.rsplit('/').next().unwrap_or(i).to_string())
        .collect();
    let mut sorted = short.clone();
    sorted.sort();
    sorted.dedup();
    if sorted.len() == short.len() {
        short
    } else {
        ids.to_vec()
    }
}

/// Distancing cues: per cue phrase (or per document with `by_doc`), split into occurrences
/// right before a quotation and elsewhere.
pub fn cues(a: &Analysis, by_doc: bool, top: usize, what: &str) -> Result<Spec> {
    let mut rows = a.cue_totals(by_doc);
    if rows.is_empty() {
        return Err(Error::Nothing(
            "no distancing cues (so-called, alleged, ...) in these documents".into(),
        ));
    }
    rows.truncate(top);
    Ok(Spec::Bars {
        title: format!(
            "Distancing cues{}: {what}",
            if by_doc { " per document" } else { "" }
        ),
        x_label: "occurrences".into(),
        rows: rows
            .into_iter()
            .map(|r| BarRow {
                segments: vec![
                    (r.before_quote as f64, Role::Scare),
                    ((r.count - r.before_quote) as f64, Role::Plain),
                ],
                note: Some(thousands(r.count)),
                label: r.key,
            })
            .collect(),
        legend: vec![
            ("right before a quotation".into(), Role::Scare),
            ("elsewhere".into(), Role::Plain),
        ],
        diverging: false,
        guide: None,
    })
}

/// The error for a facet with more values than a chart has panels.
pub(super) fn too_many_panels(n: usize, facet: Option<&str>) -> Error {
    Error::Invalid(format!(
        "{n} values of {} are too many panels for one chart (at most {MAX_PANELS}); choose \
         some with --where",
        facet.unwrap_or("the facet")
    ))
}

/// Most panels of a trend chart (facet values); more are refused with a hint to filter.
pub const MAX_PANELS: usize = 12;

/// Most lines in one panel (terms), so that each keeps a colour of its own.
pub const MAX_LINES: usize = 6;

/// Values at most along a trend chart's x axis when they are no order (countries).
pub const MAX_TREND_CATEGORIES: usize = 30;

/// Refuses a trend along a field that is no order (countries, not years or months) with more
/// values than a reader can tell apart: a cloud of points with every other label missing.
fn refuse_a_crowd(by: &str, x: &[String]) -> Result<()> {
    if super::lines::in_order(x) || x.len() <= MAX_TREND_CATEGORIES {
        return Ok(());
    }
    Err(Error::Invalid(format!(
        "--by {by} has {} values and is no order such as years: a trend chart along it would \
         be a cloud of points; keep a few with --where, read every group's rate in the table \
         (verbale trend TERM... PATH --by {by}), or draw years with --by year --facet {by} \
         (12 panels at most)",
        x.len()
    )))
}

/// Lines from a `trend` frame ([`crate::trend::frame`]): the rate per 10,000 tokens of each
/// term over the values of `by` (in the frame's order, numbers as numbers), one panel per
/// value of `facet`. `what` names the documents in the title.
pub fn trend(df: &DataFrame, by: &str, facet: Option<&str>, what: &str) -> Result<Spec> {
    let col = |name: &str| -> Result<Vec<String>> {
        let c = df.column(name)?.as_materialized_series().rechunk();
        Ok(c.iter().map(|v| crate::meta::value_name(&v)).collect())
    };
    let u = |name: &str| -> Result<Vec<u64>> {
        Ok(df.column(name)?.u64()?.into_no_null_iter().collect())
    };
    let (xs, terms) = (col(by)?, col("term")?);
    let facets = match facet {
        Some(f) => col(f)?,
        None => vec![String::new(); df.height()],
    };
    let (values, docs, scare) = (
        df.column("per_10k")?
            .f64()?
            .into_no_null_iter()
            .collect::<Vec<_>>(),
        u("group_docs")?,
        u("scare")?,
    );
    let mut x: Vec<String> = Vec::new();
    for v in &xs {
        if !x.contains(v) {
            x.push(v.clone());
        }
    }
    super::lines::time_order(&mut x);
    refuse_a_crowd(by, &x)?;
    let mut panels: Vec<LinePanel> = Vec::new();
    for i in 0..df.height() {
        let p = match panels.iter().position(|p| p.title == facets[i]) {
            Some(p) => p,
            None => {
                panels.push(LinePanel {
                    title: facets[i].clone(),
                    series: Vec::new(),
                });
                panels.len() - 1
            }
        };
        let series = &mut panels[p].series;
        let s = match series.iter().position(|s| s.label == terms[i]) {
            Some(s) => s,
            None => {
                series.push(LineSeries {
                    label: terms[i].clone(),
                    points: vec![None; x.len()],
                });
                series.len() - 1
            }
        };
        let k = x.iter().position(|v| *v == xs[i]).unwrap_or(0);
        series[s].points[k] = Some(LinePoint {
            value: values[i],
            docs: docs[i],
            scare: scare[i],
        });
    }
    if panels.is_empty() {
        return Err(Error::Nothing("no groups to chart".into()));
    }
    if panels.len() > MAX_PANELS {
        return Err(too_many_panels(panels.len(), facet));
    }
    let n_terms = panels[0].series.len();
    if n_terms > MAX_LINES {
        return Err(Error::Invalid(format!(
            "{n_terms} terms are too many lines for one chart (at most {MAX_LINES})"
        )));
    }
    let names: Vec<&str> = panels[0].series.iter().map(|s| s.label.as_str()).collect();
    let by_what = match facet {
        Some(f) => format!("{by}, by {f}"),
        None => by.to_string(),
    };
    Ok(Spec::Lines {
        title: format!("{} per {by_what}: {what}", names.join(", ")),
        y_label: "per 10,000 tokens".into(),
        x,
        panels,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use polars::prelude::df;

    /// Bars of a keyness chart: the over-used on top and the under-used below, both sides
    /// drawn whatever `top` is against the number on each side.
    fn bars(g2: &[f64], top: usize) -> Vec<String> {
        let forms: Vec<String> = (0..g2.len()).map(|i| format!("w{i}")).collect();
        let frame = df!("form" => forms, "g2" => g2.to_vec()).unwrap();
        match keyness(&frame, top, "a", "b").unwrap() {
            Spec::Bars { rows, .. } => rows.into_iter().map(|r| r.label).collect(),
            _ => panic!("bars"),
        }
    }

    #[test]
    fn keyness_draws_both_sides_however_few_are_over_used() {
        let g2 = [9.0, 5.0, 0.0, -1.0, -4.0, -8.0];
        assert_eq!(bars(&g2, 20), ["w0", "w1", "w3", "w4", "w5"]);
        assert_eq!(bars(&g2, 2), ["w0", "w1", "w4", "w5"]);
        assert_eq!(bars(&[-1.0, -2.0], 1), ["w1"]);
    }
}
