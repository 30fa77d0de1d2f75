//! The `quoted_phrases` frame: what was quoted, whole. Each quotation's text case-folded (as
//! terms are folded) is one phrase, so "rules-based order", "zero point" or "the future we
//! want" stay together where the quoted-term table splits them into stems.

use super::SpanFilter;
use crate::analysis::Analysis;
use crate::error::Result;
use crate::quotes::Kind;
use crate::text::fold;
use ahash::AHashMap;
use polars::prelude::*;

/// One phrase's occurrences while they are gathered. It keeps its own copies of what it
/// shows: a document's quotations may be read back from where the run set them aside, and
/// are let go once the document is gathered.
#[derive(Default)]
struct Gathered {
    count: u64,
    scare: u64,
    docs: u64,
    last_doc: Option<usize>,
    /// Surface spellings with their occurrences, in order of first use.
    forms: Vec<(Box<str>, u64)>,
    /// Cues before it with their occurrences, in order of first use.
    cues: Vec<(Box<str>, u64)>,
    /// The example: the first scare quote, else the first occurrence.
    example: Option<Example>,
}

/// A phrase's example: its document, the byte offset of its opening mark, whether it is a
/// scare quote, and the quotation in its words around.
struct Example {
    doc: usize,
    open: usize,
    scare: bool,
    context: String,
}

/// The most frequent of `seen` (ties: the first seen); empty when there is none.
fn most(seen: &[(Box<str>, u64)]) -> &str {
    let mut best: Option<(&str, u64)> = None;
    for (s, n) in seen {
        if best.is_none_or(|(_, m)| *n > m) {
            best = Some((s, *n));
        }
    }
    best.map_or("", |b| b.0)
}

fn tally(seen: &mut Vec<(Box<str>, u64)>, s: &str) {
    match seen.iter_mut().find(|(x, _)| **x == *s) {
        Some(x) => x.1 += 1,
        None => seen.push((s.into(), 1)),
    }
}

/// A quotation's text as a phrase: without a comma, colon or semicolon that ends it inside the
/// marks (“Baku Process,” is “Baku Process”), nor a full stop unless the text has another
/// (“U.S.” keeps its own).
fn phrase_text(text: &str) -> &str {
    let t = text.trim_end_matches([',', ';', ':']).trim_end();
    match t.strip_suffix('.') {
        Some(rest) if !rest.contains('.') => rest.trim_end(),
        _ => t,
    }
}

/// The `quoted_phrases` frame: phrase (the quoted text case-folded, whitespace collapsed, a
/// comma, colon, semicolon or full stop ending it left out: [`phrase_text`]),
/// form (its most frequent spelling), words, count, scare, docs, top_cue (the distancing cue
/// most often before it), and an example (example_doc, example_open: the byte offset of its
/// opening mark, example: the quotation in its words around), the first scare quote if there is
/// one. Rows by descending count, then scare, then phrase; over the documents `docs`.
pub fn quoted_phrases(a: &Analysis, docs: &[usize], filter: SpanFilter) -> Result<DataFrame> {
    let mut at: AHashMap<String, usize> = AHashMap::new();
    let mut keys: Vec<String> = Vec::new();
    let mut all: Vec<Gathered> = Vec::new();
    for &d in docs {
        for s in a.spans(d).iter() {
            let shown = phrase_text(&s.text);
            if !filter.keeps(s) || shown.is_empty() {
                continue;
            }
            let key = fold(shown);
            let i = *at.entry(key).or_insert_with_key(|k| {
                keys.push(k.clone());
                all.push(Gathered::default());
                all.len() - 1
            });
            let g = &mut all[i];
            g.count += 1;
            let scare = s.kind == Kind::Scare;
            g.scare += scare as u64;
            if g.last_doc != Some(d) {
                g.docs += 1;
                g.last_doc = Some(d);
            }
            tally(&mut g.forms, shown);
            if let Some(c) = s.evidence.cue.as_deref() {
                tally(&mut g.cues, c);
            }
            let better = match &g.example {
                None => true,
                Some(e) => scare && !e.scare,
            };
            if better {
                g.example = Some(Example {
                    doc: d,
                    open: s.open,
                    scare,
                    context: crate::quotes::in_context(&s.left, s.marks, &s.text, &s.right),
                });
            }
        }
    }
    let mut order: Vec<usize> = (0..all.len()).collect();
    // Among equals the shorter first: a quoted term before a whole quoted sentence.
    order.sort_by(|&x, &y| {
        (all[y].count, all[y].scare)
            .cmp(&(all[x].count, all[x].scare))
            .then_with(|| keys[x].chars().count().cmp(&keys[y].chars().count()))
            .then_with(|| keys[x].cmp(&keys[y]))
    });
    let text = |name: &str, f: &dyn Fn(usize) -> String| -> Column {
        Column::new(name.into(), order.iter().map(|&i| f(i)).collect::<Vec<_>>())
    };
    let num = |name: &str, f: &dyn Fn(&Gathered) -> u64| -> Column {
        Column::new(
            name.into(),
            order.iter().map(|&i| f(&all[i])).collect::<Vec<u64>>(),
        )
    };
    let example = |i: usize| all[i].example.as_ref();
    Ok(DataFrame::new_infer_height(vec![
        text("phrase", &|i| keys[i].clone()),
        text("form", &|i| most(&all[i].forms).to_string()),
        Column::new(
            "words".into(),
            order
                .iter()
                .map(|&i| keys[i].split_whitespace().count() as u64)
                .collect::<Vec<u64>>(),
        ),
        num("count", &|g| g.count),
        num("scare", &|g| g.scare),
        num("docs", &|g| g.docs),
        text("top_cue", &|i| most(&all[i].cues).to_string()),
        text("example_doc", &|i| {
            example(i).map_or_else(String::new, |e| a.docs[e.doc].id.clone())
        }),
        num("example_open", &|g| {
            g.example.as_ref().map_or(0, |e| e.open as u64)
        }),
        text("example", &|i| {
            example(i).map_or_else(String::new, |e| e.context.clone())
        }),
    ])?)
}
