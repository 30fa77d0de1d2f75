//! The report's charts: which ones, on which documents (the choices and their limits), drawn
//! as PNG beside the report.

use super::groups::{trend_of, GroupTables};
use super::tables::Tables;
use super::{MetaGroups, Parts};
use crate::analysis::{self, Analysis};
use crate::chart::{self, kinds, phrase_kinds, Size, MAX_HEATMAP_DOCS};
use crate::compare::{self, KeynessOptions};
use crate::error::{Error, Result};

/// Terms of each side a keyness chart shows.
pub(super) const KEYNESS_TERMS: usize = 15;

/// How wide the report's charts are drawn for a phone's screen (the HTML page shows them
/// below 600 pixels): their text stays at about its size there.
pub const NARROW_WIDTH: u32 = 420;

/// A chart drawn for the report: its file name, its PNG bytes (and drawn for a phone's
/// width), its alternative text.
pub(super) struct Chart {
    pub(super) file: String,
    pub(super) png: Vec<u8>,
    pub(super) narrow: Vec<u8>,
    pub(super) alt: String,
}

/// The `n` longest of the documents `ids` (by tokens; ties by id, so that the same documents
/// are chosen whatever order the inputs came in), in corpus order.
pub(super) fn longest(a: &Analysis, ids: &[usize], n: usize) -> Vec<usize> {
    let mut v = ids.to_vec();
    v.sort_by(|&x, &y| {
        let (dx, dy) = (&a.docs[x], &a.docs[y]);
        dy.tokens.cmp(&dx.tokens).then_with(|| dx.id.cmp(&dy.id))
    });
    v.truncate(n);
    v.sort_unstable();
    v
}

/// Scare-quote spans in document `d` (as counted, so that a report from counts has them).
pub(super) fn scare_spans(a: &Analysis, d: usize) -> usize {
    a.docs[d].n_scare as usize
}

/// Scare quotes a document, group or term needs before the report follows it for them: one
/// or two calls are too thin to choose what a report is about.
pub(super) const MIN_SCARE: usize = 3;

/// `n` scare quotes as evidence: `n` if at least [`MIN_SCARE`], else none.
pub(super) fn enough_scare(n: usize) -> usize {
    if n >= MIN_SCARE {
        n
    } else {
        0
    }
}

/// The document the keyness section is about when no target is given: the one with the most
/// scare quotes, if at least [`MIN_SCARE`] (ties and fewer: the longest).
pub(super) fn focus_doc(a: &Analysis) -> Option<usize> {
    (0..a.docs.len()).max_by_key(|&d| (enough_scare(scare_spans(a, d)), a.docs[d].tokens))
}

/// What the charts are about: the report's name and its number of documents.
pub(super) fn what(p: Parts) -> String {
    let n = p.a.docs.len() as u64;
    format!(
        "{} ({})",
        p.r.name,
        crate::out::numbers::count_of(n, "document")
    )
}

/// Collects the charts as they are drawn and written.
struct Drawn<'a> {
    p: Parts<'a>,
    charts: Vec<Chart>,
}

impl Drawn<'_> {
    /// Draws `spec` (if there is one: a chart with nothing to draw is left out) as a PNG sized
    /// by its rows, as `verbale chart` sizes it, and writes it beside the report; draws it
    /// again [`NARROW_WIDTH`] wide for the HTML page on a phone.
    fn add(&mut self, file: &str, spec: Result<chart::Spec>, alt: String) -> Result<()> {
        let Ok(spec) = spec else { return Ok(()) };
        let size = Size::for_spec(&spec, None, None, 1400);
        let narrow = Size::for_spec(&spec, Some(NARROW_WIDTH), None, 2400);
        let (png, narrow) = rayon::join(
            || chart::render(&spec, size, chart::ImageFormat::Png),
            || chart::render(&spec, narrow, chart::ImageFormat::Png),
        );
        let (png, narrow) = (png?, narrow?);
        let path = self.p.dir.join(file);
        std::fs::write(&path, &png).map_err(|e| Error::Write { path, source: e })?;
        self.charts.push(Chart {
            file: file.to_string(),
            png,
            narrow,
            alt,
        });
        Ok(())
    }
}

/// Draws every chart of the report; returns them with the keyness chart's title (empty when
/// there is nothing to compare).
pub(super) fn draw(p: Parts, t: &Tables) -> Result<(Vec<Chart>, String)> {
    let a = p.a;
    let all: Vec<usize> = (0..a.docs.len()).collect();
    let what = what(p);
    let mut d = Drawn {
        p,
        charts: Vec::new(),
    };
    let freq = kinds::freq(a, &all, 25, &what);
    d.add("freq.png", freq, format!("Most frequent terms in {what}"))?;
    let quotes = kinds::quotes(a, &all, 20, &what);
    d.add("quotes.png", quotes, format!("Most quoted terms in {what}"))?;
    if p.r.texts {
        texts_charts(&mut d, t, &what)?;
    }
    let key_title = keyness(&mut d, t)?;
    similarity(&mut d, t, &what)?;
    if p.r.texts {
        dispersion(&mut d, &what)?;
    }
    if let Some(g) = &t.groups {
        trends(&mut d, g, &what)?;
    }
    Ok((d.charts, key_title))
}

/// The charts of what only the texts show: quoted phrases, cues, n-grams, collocates and
/// speech acts.
fn texts_charts(d: &mut Drawn, t: &Tables, what: &str) -> Result<()> {
    let a = d.p.a;
    let phrases = phrase_kinds::quoted_phrases(&t.quoted_phrases, 15, what);
    d.add(
        "quoted-phrases.png",
        phrases,
        format!("Most quoted phrases in {what}"),
    )?;
    let cues = kinds::cues(a, false, 20, what);
    d.add("cues.png", cues, format!("Distancing cues in {what}"))?;
    if let Some(ph) = &t.phrases {
        let ngrams = phrase_kinds::ngrams(&ph.ngrams, 20, what);
        d.add(
            "ngrams.png",
            ngrams,
            format!("Most frequent n-grams in {what}"),
        )?;
        if let Some(node) = &ph.node {
            let spec = phrase_kinds::collocates(
                &ph.collocates,
                node,
                "ll",
                (super::COLLOCATE_WINDOW, super::COLLOCATE_WINDOW),
                20,
                what,
            );
            d.add(
                "collocates.png",
                spec,
                match &ph.node_forms {
                    Some((stem, forms)) if forms.len() > 1 => {
                        format!("Collocates of {stem} ({}) in {what}", forms.join(", "))
                    }
                    _ => format!("Collocates of '{node}' in {what}"),
                },
            )?;
        }
    }
    // Tallied when the acts' tables were written, whose acts are let go with them.
    if let Some((spec, per)) = t.acts.as_ref().and_then(|x| x.chart.as_ref()) {
        d.add(
            "acts.png",
            Ok(spec.clone()),
            format!("Speech acts by strength, {per}, in {what}"),
        )?;
    }
    Ok(())
}

/// The name of a group of the report's metadata groups: `country AZE`.
pub(super) fn group_name(mg: &MetaGroups, k: usize) -> String {
    format!("{} {}", mg.by.fields[0], mg.by.groups[k].0)
}

/// The keyness chart: target against reference, or the group (of the metadata's) with the
/// most scare quotes against the rest, or the document with the most. Returns its title.
fn keyness(d: &mut Drawn, t: &Tables) -> Result<String> {
    let a = d.p.a;
    if let Some(g) = &d.p.r.groups {
        let title = format!("{} vs {}", g.target_name, g.reference_name);
        let k = compare::keyness(a, &g.target, &g.reference, KeynessOptions::default())?;
        let spec = kinds::keyness(&k, KEYNESS_TERMS, &g.target_name, &g.reference_name);
        d.add("keyness.png", spec, format!("Keyness: {title}"))?;
        return Ok(title);
    }
    let o = KeynessOptions {
        min_count: 2,
        ..Default::default()
    };
    if let (Some(mg), Some(f)) = (&d.p.r.meta_groups, t.groups.as_ref().and_then(|g| g.focus)) {
        let target: Vec<usize> = crate::frames::members(&mg.by).swap_remove(f);
        let rest: Vec<usize> = (0..a.docs.len())
            .filter(|i| target.binary_search(i).is_err())
            .collect();
        let name = format!(
            "{} ({})",
            group_name(mg, f),
            crate::out::numbers::count_of(target.len() as u64, "document")
        );
        let other = format!(
            "the rest ({})",
            crate::out::numbers::count_of(rest.len() as u64, "document")
        );
        let title = format!("{name} vs {other}");
        let k = compare::keyness(a, &target, &rest, o)?;
        d.add(
            "keyness.png",
            kinds::keyness(&k, KEYNESS_TERMS, &name, &other),
            format!("Keyness: {title}"),
        )?;
        return Ok(title);
    }
    let Some(f) = focus_doc(a).filter(|_| a.docs.len() > 1) else {
        return Ok(String::new());
    };
    let title = format!("{} vs the other documents", a.docs[f].id);
    let rest: Vec<usize> = (0..a.docs.len()).filter(|&i| i != f).collect();
    let k = compare::keyness(a, &[f], &rest, o)?;
    let spec = kinds::keyness(&k, KEYNESS_TERMS, &a.docs[f].id, "the other documents");
    d.add("keyness.png", spec, format!("Keyness: {title}"))?;
    Ok(title)
}

/// The similarity heatmap of the longest documents (up to the heatmap's limit).
fn similarity(d: &mut Drawn, t: &Tables, what: &str) -> Result<()> {
    let a = d.p.a;
    let all: Vec<usize> = (0..a.docs.len()).collect();
    let sim_ids = longest(a, &all, super::MAX_SIMILARITY_DOCS);
    let heat_ids: Vec<String> = longest(a, &sim_ids, MAX_HEATMAP_DOCS)
        .iter()
        .map(|&i| a.docs[i].id.clone())
        .collect();
    if heat_ids.len() < 2 {
        return Ok(());
    }
    let about = if heat_ids.len() < a.docs.len() {
        format!("the {} longest of {what}", heat_ids.len())
    } else {
        what.to_string()
    };
    let spec = kinds::similarity(&t.similarity, &heat_ids, "cosine", &about);
    d.add(
        "similarity.png",
        spec,
        "Document similarity (cosine)".into(),
    )
}

/// The dispersion of the most scare-quoted terms in the (up to six) documents with the most
/// scare quotes: those documents are read again for their token positions.
fn dispersion(d: &mut Drawn, what: &str) -> Result<()> {
    let (a, opts) = (d.p.a, d.p.opts);
    let quoted = kinds::most_quoted_terms(a, 3);
    let mut docs: Vec<usize> = (0..a.docs.len())
        .filter(|&i| a.docs[i].n_spans > 0)
        .collect();
    docs.sort_by_key(|&i| std::cmp::Reverse((scare_spans(a, i), a.docs[i].n_spans)));
    docs.truncate(6);
    docs.sort_unstable();
    if quoted.is_empty() || docs.is_empty() {
        return Ok(());
    }
    let positions = analysis::positions_of(a, &docs, d.p.lopts, opts)?;
    let terms: Vec<(String, String)> = quoted
        .iter()
        .map(|t| (t.clone(), opts.term_key(t)))
        .collect();
    // Only terms present in every chosen document's rows are required; drop the rest.
    let rows = quoted.len() * positions.len();
    let spec = kinds::dispersion(&positions, &terms, what, rows)
        .or_else(|_| kinds::dispersion(&positions[..1], &terms[..1], what, 1));
    let alt = format!("Dispersion of {}", quoted.join(", "));
    d.add("dispersion.png", spec, alt)
}

/// The trends of the most scare-quoted terms and of the groups' key terms over the time field.
fn trends(d: &mut Drawn, g: &GroupTables, what: &str) -> Result<()> {
    let Some(time) = d.p.r.meta_groups.as_ref().and_then(|m| m.time.as_ref()) else {
        return Ok(());
    };
    let by = &time.fields[0];
    for (why, file, terms) in [
        ("asked", "trend-terms.png", &d.p.r.terms),
        ("scare-quoted", "trend-scare.png", &g.scare_terms),
        ("key", "trend-key.png", &g.key_terms),
    ] {
        if terms.is_empty() {
            continue;
        }
        let df = trend_of(&g.trend, why)?;
        let mut spec = kinds::trend(&df, by, None, what);
        let mut alt = format!("{} per {by}, per 10,000 tokens", terms.join(", "));
        if why == "key" {
            // Each key term names its group: `Kingdom (GBR)`.
            let owner = |t: &str| {
                let i = g.key_terms.iter().position(|k| k.eq_ignore_ascii_case(t))?;
                Some(match g.key_within[i] {
                    true => format!("{t} (in {})", g.key_groups[i]),
                    false => format!("{t} ({})", g.key_groups[i]),
                })
            };
            if let Ok(chart::Spec::Lines { title, panels, .. }) = &mut spec {
                for s in panels.iter_mut().flat_map(|p| &mut p.series) {
                    if let Some(l) = owner(&s.label) {
                        s.label = l;
                    }
                }
                let field =
                    d.p.r
                        .meta_groups
                        .as_ref()
                        .map_or("group", |m| &m.by.fields[0]);
                *title = match g.key_within.iter().all(|&w| w) {
                    // Groups by the field the lines run over: each group's term, followed
                    // through the others ("by year, per year" said it twice).
                    _ if field == by => format!(
                        "The key term of each of the largest {field} groups, followed {by} by \
                         {by}: {what}"
                    ),
                    true => format!(
                        "Key terms of the largest groups by {field}, each in its group, per {by}: {what}"
                    ),
                    false => format!("Key terms of the largest groups by {field}, per {by}: {what}"),
                };
            }
            let named: Vec<String> = terms.iter().filter_map(|t| owner(t)).collect();
            alt = format!(
                "Key terms of the largest groups, per {by}: {}",
                named.join(", ")
            );
        }
        d.add(file, spec, alt)?;
    }
    Ok(())
}
