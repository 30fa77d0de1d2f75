//! The document-measure charts (`chart docs --measure`): a bar per document, or the measure's
//! mean per group or over a time field.

use super::kinds::{too_many_panels, MAX_PANELS};
use super::{BarRow, Role, Spec};
use crate::error::{Error, Result};
use polars::prelude::*;

/// The document measures `chart docs --measure` draws (columns of the `docs` frame), each with
/// what it is and how many decimals its values are shown with.
pub const DOC_MEASURES: &[(&str, &str, usize)] = &[
    (
        "mtld",
        "lexical diversity, MTLD (words per drop of the TTR to 0.72)",
        1,
    ),
    (
        "mattr",
        "lexical diversity, MATTR (windows of 500 words)",
        3,
    ),
    ("ttr", "type-token ratio", 3),
    ("flesch", "Flesch reading ease (lower is harder)", 1),
    ("fk_grade", "Flesch-Kincaid grade", 1),
    ("mean_sentence_length", "mean sentence length (words)", 1),
    ("quoted_share", "share of tokens in quotation marks", 3),
    ("scare_per_10k", "scare quotes per 10,000 tokens", 1),
];

/// A document measure's name in a chart's title (`MATTR`, `scare quotes per 10,000 tokens`),
/// not its column's.
fn measure_name(measure: &str) -> &str {
    match measure {
        "mtld" => "MTLD",
        "mattr" => "MATTR",
        "ttr" => "Type-token ratio",
        "flesch" => "Flesch reading ease",
        "fk_grade" => "Flesch-Kincaid grade",
        "mean_sentence_length" => "Mean sentence length",
        "quoted_share" => "Share of tokens quoted",
        "scare_per_10k" => "Scare quotes per 10,000 tokens",
        m => m,
    }
}

/// One bar per document of `docs` (indices into the `docs` frame `df`, the `top` with the
/// highest values): the document measure `measure`, its value at the bar's end.
pub fn doc_measure(
    df: &DataFrame,
    docs: &[usize],
    measure: &str,
    top: usize,
    what: &str,
) -> Result<Spec> {
    let Some(&(_, about, decimals)) = DOC_MEASURES.iter().find(|m| m.0 == measure) else {
        let names: Vec<&str> = DOC_MEASURES.iter().map(|m| m.0).collect();
        return Err(Error::Invalid(format!(
            "--measure {measure}: a docs chart takes one of {}",
            names.join(", ")
        )));
    };
    let ids = df.column("doc")?.str()?;
    let values = df.column(measure)?.cast(&DataType::Float64)?;
    let values = values.f64()?;
    let mut rows: Vec<(String, f64)> = docs
        .iter()
        .filter_map(|&i| Some((ids.get(i)?.to_string(), values.get(i)?)))
        .filter(|(_, v)| v.is_finite())
        .collect();
    rows.sort_by(|x, y| y.1.total_cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
    // The title names the documents counted; when not all are drawn, it says which are. A
    // measure of none (no scare quote) makes no bar: documents at 0 are counted, not drawn.
    let zeros = rows.iter().filter(|r| r.1 == 0.0).count();
    let shown = if zeros > 0 && rows.iter().all(|r| r.1 >= 0.0) {
        rows.retain(|r| r.1 > 0.0);
        match rows.len() {
            n if n > top => format!(", the {top} highest ({zeros} at 0 not drawn)"),
            n => format!(", the {n} above 0 ({zeros} at 0 not drawn)"),
        }
    } else if rows.len() > top {
        format!(", the {top} highest")
    } else {
        String::new()
    };
    rows.truncate(top);
    if rows.is_empty() && zeros > 0 {
        return Err(Error::Nothing(format!(
            "every document's {measure} is 0: no bar to draw"
        )));
    }
    if rows.is_empty() {
        return Err(Error::Nothing(format!("no document has a {measure}")));
    }
    Ok(Spec::Bars {
        title: format!("{} per document{shown}: {what}", measure_name(measure)),
        x_label: about.to_string(),
        legend: vec![],
        diverging: rows.iter().any(|r| r.1 < 0.0),
        guide: None,
        rows: rows
            .into_iter()
            .map(|(doc, v)| BarRow {
                label: doc,
                segments: vec![(v, Role::Plain)],
                note: Some(format!("{v:.decimals$}")),
            })
            .collect(),
    })
}

/// A document measure over the groups of `g` (a time field, last; with `facet`, a panel per
/// value of the first field): a line of the groups' mean, each point sized by its documents.
/// Over a field that is no number (`--by type`) and without panels, a bar per group, highest
/// first: a line between categories would read as a change over time.
pub fn doc_measure_over(
    df: &DataFrame,
    g: &crate::meta::Grouping,
    facet: bool,
    measure: &str,
    what: &str,
) -> Result<Spec> {
    let Some(&(_, about, decimals)) = DOC_MEASURES.iter().find(|m| m.0 == measure) else {
        return doc_measure(df, &[], measure, 1, what);
    };
    let values = df.column(measure)?.cast(&DataType::Float64)?;
    let values = values.f64()?;
    // Per group: its panel, its place on the x axis, the mean and the documents measured.
    let mut points: Vec<(String, String, f64, u64)> = Vec::new();
    for (k, docs) in crate::frames::members(g).iter().enumerate() {
        let v: Vec<f64> = docs
            .iter()
            .filter_map(|&i| values.get(i))
            .filter(|v| v.is_finite())
            .collect();
        if v.is_empty() {
            continue;
        }
        let name = &g.groups[k].0;
        let (panel, x) = match name.split_once(" · ") {
            Some((p, x)) if facet => (p.to_string(), x.to_string()),
            _ => (String::new(), name.clone()),
        };
        points.push((
            panel,
            x,
            v.iter().sum::<f64>() / v.len() as f64,
            v.len() as u64,
        ));
    }
    if points.is_empty() {
        return Err(Error::Nothing(format!("no document has a {measure}")));
    }
    let mut x: Vec<String> = Vec::new();
    for p in &points {
        if !x.contains(&p.1) {
            x.push(p.1.clone());
        }
    }
    let field = g.fields.last().map_or("group", |f| f.as_str());
    if !facet && !x.iter().all(|v| v.parse::<f64>().is_ok()) {
        let title = format!("{}, mean per {field}: {what}", measure_name(measure));
        return Ok(group_bars(points, about, decimals, title));
    }
    if super::lines::in_order(&x) {
        super::lines::time_order(&mut x);
    } else {
        x.sort();
    }
    let mut panels: Vec<super::LinePanel> = Vec::new();
    for p in &points {
        if !panels.iter().any(|q| q.title == p.0) {
            panels.push(super::LinePanel {
                title: p.0.clone(),
                series: vec![super::LineSeries {
                    label: measure.to_string(),
                    points: vec![None; x.len()],
                }],
            });
        }
        let panel = panels.iter_mut().find(|q| q.title == p.0).expect("added");
        let at = x.iter().position(|v| *v == p.1).expect("collected");
        panel.series[0].points[at] = Some(super::LinePoint {
            value: p.2,
            docs: p.3,
            scare: 0,
        });
    }
    if panels.len() > MAX_PANELS {
        return Err(too_many_panels(
            panels.len(),
            g.fields.first().map(|f| f.as_str()),
        ));
    }
    Ok(Spec::Lines {
        title: format!("{}, mean per {field}: {what}", measure_name(measure)),
        y_label: about.to_string(),
        x,
        panels,
    })
}

/// A bar per group of `points` (panel, group, mean, documents), highest first: the measure
/// `about`, its value with `decimals`.
fn group_bars(
    mut points: Vec<(String, String, f64, u64)>,
    about: &str,
    decimals: usize,
    title: String,
) -> Spec {
    points.sort_by(|p, q| q.2.total_cmp(&p.2).then_with(|| p.1.cmp(&q.1)));
    Spec::Bars {
        title,
        x_label: about.to_string(),
        legend: vec![],
        diverging: points.iter().any(|p| p.2 < 0.0),
        guide: None,
        rows: points
            .into_iter()
            .map(|(_, x, v, docs)| BarRow {
                label: format!("{x} ({})", crate::out::numbers::count_of(docs, "doc")),
                segments: vec![(v, Role::Plain)],
                note: Some(format!("{v:.decimals$}")),
            })
            .collect(),
    }
}
