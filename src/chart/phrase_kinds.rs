//! The phrase charts' [`Spec`]s: the most frequent n-grams, and a word's collocates by score,
//! each bar split by where quotation marks stood.

use super::{BarRow, Role, Spec};
use crate::error::{Error, Result};
use crate::out::numbers::thousands;
use polars::prelude::*;

fn column_u64(df: &DataFrame, name: &str) -> Result<Vec<u64>> {
    let c = df.column(name)?.cast(&DataType::UInt64)?;
    Ok(c.u64()?.iter().map(|v| v.unwrap_or(0)).collect())
}

fn column_f64(df: &DataFrame, name: &str) -> Result<Vec<f64>> {
    Ok(df
        .column(name)?
        .f64()?
        .iter()
        .map(|v| v.unwrap_or(0.0))
        .collect())
}

fn column_str(df: &DataFrame, name: &str) -> Result<Vec<String>> {
    Ok(df
        .column(name)?
        .str()?
        .iter()
        .map(|v| v.unwrap_or("").to_string())
        .collect())
}

/// A bar's note: its count, and its scare count when there is one (`1,041 (4 scare)`), with
/// thousands separated as the other charts' notes have them.
fn count_note(count: u64, scare: u64) -> String {
    match scare {
        0 => thousands(count),
        s => format!("{} ({} scare)", thousands(count), thousands(s)),
    }
}

/// Horizontal bars of an `ngrams` frame's first `top` rows (most frequent first): each bar the
/// n-gram's rate per 10,000 words, split into its scare-quoted, otherwise quoted and unquoted
/// occurrences, with the count at its end.
pub fn ngrams(df: &DataFrame, top: usize, what: &str) -> Result<Spec> {
    let df = df.head(Some(top));
    if df.height() == 0 {
        return Err(Error::Nothing("no n-grams to chart".into()));
    }
    let (forms, count) = (column_str(&df, "form")?, column_u64(&df, "count")?);
    let (quoted, scare) = (column_u64(&df, "quoted")?, column_u64(&df, "scare")?);
    let per_10k = column_f64(&df, "per_10k")?;
    let n = column_u64(&df, "n")?;
    let lengths = match (n.iter().min(), n.iter().max()) {
        (Some(a), Some(b)) if a == b => format!("{a}-grams"),
        _ => "n-grams".to_string(),
    };
    let rows: Vec<BarRow> = (0..df.height())
        .map(|i| {
            let part = |n: u64| per_10k[i] * n as f64 / count[i].max(1) as f64;
            BarRow {
                label: forms[i].clone(),
                segments: vec![
                    (part(scare[i]), Role::Scare),
                    (part(quoted[i] - scare[i]), Role::Quoted),
                    (part(count[i] - quoted[i]), Role::Plain),
                ],
                note: Some(count_note(count[i], scare[i])),
            }
        })
        .collect();
    Ok(Spec::Bars {
        title: format!("Most frequent {lengths}: {what}"),
        x_label: "occurrences per 10,000 words (count at bar end)".into(),
        legend: super::kinds::drawn_legend(&rows, super::kinds::quote_legend()),
        rows,
        diverging: false,
        guide: None,
    })
}

/// Longest label of a quoted phrase in a chart, in characters (a longer one is cut with `…`).
const PHRASE_LABEL: usize = 48;

/// Horizontal bars of a `quoted_phrases` frame's first `top` rows (most quoted first): each bar
/// the phrase's quotations, its scare quotes apart, with the count (and the top cue) at its end.
pub fn quoted_phrases(df: &DataFrame, top: usize, what: &str) -> Result<Spec> {
    let df = df.head(Some(top));
    if df.height() == 0 {
        return Err(Error::Nothing("no quotations to chart".into()));
    }
    let (forms, cues) = (column_str(&df, "form")?, column_str(&df, "top_cue")?);
    let (count, scare) = (column_u64(&df, "count")?, column_u64(&df, "scare")?);
    let rows: Vec<BarRow> = (0..df.height())
        .map(|i| {
            let label = if forms[i].chars().count() > PHRASE_LABEL {
                let cut: String = forms[i].chars().take(PHRASE_LABEL - 1).collect();
                format!("{}…", cut.trim_end())
            } else {
                forms[i].clone()
            };
            let mut note = count_note(count[i], scare[i]);
            if !cues[i].is_empty() {
                note.push_str(&format!(", {}", cues[i]));
            }
            BarRow {
                label,
                segments: vec![
                    (scare[i] as f64, Role::Scare),
                    ((count[i] - scare[i]) as f64, Role::Quoted),
                ],
                note: Some(note),
            }
        })
        .collect();
    Ok(Spec::Bars {
        title: format!("Most quoted phrases: {what}"),
        x_label: "quotations (count, scare quotes and the top cue at bar end)".into(),
        legend: super::kinds::drawn_legend(&rows, super::kinds::quote_legend()),
        rows,
        diverging: false,
        guide: None,
    })
}

/// The name a reader knows a collocate measure by (a column of the `collocates` frame).
fn measure_name(column: &str) -> &str {
    match column {
        "ll" => "log-likelihood (G²)",
        "mi" => "mutual information (MI)",
        "t" => "t-score",
        "dice" => "Dice coefficient",
        other => other,
    }
}

/// Horizontal bars of a `collocates` frame's first `top` rows: each bar the collocate's score
/// by `measure` (a column of the frame), the share of its co-occurrences where the node word
/// stood in scare quotes drawn apart, with the count in the window at its end; `window` is
/// the words counted on each side of the node.
pub fn collocates(
    df: &DataFrame,
    node: &str,
    measure: &str,
    window: (usize, usize),
    top: usize,
    what: &str,
) -> Result<Spec> {
    // Words that keep company with the node: those seen more often near it than expected
    // (a score above zero); the ones that keep away are not its collocates.
    let attracted: BooleanChunked = column_f64(df, measure)?
        .iter()
        .map(|&s| Some(s > 0.0))
        .collect();
    let df = df.filter(&attracted)?.head(Some(top));
    if df.height() == 0 {
        return Err(Error::Nothing(format!(
            "no collocates of '{node}' to chart: no word is seen near it more often than expected"
        )));
    }
    let forms = column_str(&df, "form")?;
    let (count, node_scare) = (column_u64(&df, "count")?, column_u64(&df, "node_scare")?);
    let score = column_f64(&df, measure)?;
    let rows: Vec<BarRow> = (0..df.height())
        .map(|i| {
            let part = |n: u64| score[i] * n as f64 / count[i].max(1) as f64;
            BarRow {
                label: forms[i].clone(),
                segments: vec![
                    (part(node_scare[i]), Role::Scare),
                    (part(count[i] - node_scare[i]), Role::Plain),
                ],
                note: Some(match node_scare[i] {
                    0 => format!("{:.1} ({}×)", score[i], thousands(count[i])),
                    s => format!("{:.1} ({}×, {s} scare)", score[i], thousands(count[i])),
                }),
            }
        })
        .collect();
    let mut legend = super::kinds::drawn_legend(
        &rows,
        vec![
            (format!("share with '{node}' in scare quotes"), Role::Scare),
            ("other co-occurrences".into(), Role::Plain),
        ],
    );
    // Without a scare share drawn, the plain bar is every co-occurrence.
    if let [(label, Role::Plain)] = legend.as_mut_slice() {
        *label = "co-occurrences".into();
    }
    let name = measure_name(measure);
    let words = |n: usize| crate::out::numbers::count_of(n as u64, "word");
    let span = if window.0 == window.1 {
        format!("within {} either side", words(window.0))
    } else {
        format!("{} left and {} right", words(window.0), window.1)
    };
    Ok(Spec::Bars {
        title: format!("Collocates of '{node}' by {name}, {span}: {what}"),
        x_label: format!("{name} (score, and co-occurrences in the window, at bar end)"),
        rows,
        legend,
        diverging: false,
        guide: None,
    })
}
