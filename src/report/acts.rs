//! The report's speech acts (the bundled lexicon of the report's language): found in the
//! reading that counts the documents, or each document read again for them; the tables written
//! beside the report, and what the section shows.

use super::Parts;
use crate::chart::{act_kinds, Spec};
use crate::dict::{self, ActLexicon, Bins, Scanned};
use crate::error::Result;
use crate::out::{write_pieces, Format};
use polars::prelude::*;

/// The speech acts of the report's documents.
pub(super) struct ActTables {
    /// The lexicon used (`None`: verbale has none for the report's language).
    pub(super) lex: Option<ActLexicon>,
    /// Per document: its acts that are not negated, and the sum of their intensities (the
    /// documents' table shows their number and mean).
    pub(super) per_doc: Vec<(u32, u32)>,
    /// The chart of acts by strength, and what its bars are (`per year`, `the strongest
    /// documents`); none without a lexicon or acts.
    pub(super) chart: Option<(Spec, String)>,
    /// Per act over the corpus: act, intensity, count, per_10k, intensified, negated, quoted.
    pub(super) corpus: DataFrame,
    /// The strongest acts ([`STRONGEST_ROWS`] of intensity 4 and more, not negated, the
    /// documents' own: not reported), strongest first: doc, act, intensity, trigger, target.
    pub(super) strongest: DataFrame,
    /// How many acts of intensity 4 and more, the documents' own, there are in all.
    pub(super) strong_acts: usize,
    /// What the condemnatory acts (deplore, condemn, reject) target most, ten per act: act,
    /// target, count, docs, example.
    pub(super) condemned: DataFrame,
}

/// The documents' acts (read again unless the counting run found them), with
/// the tables that grow with the corpus written into `p.dir` at once: acts (per document and
/// act), act_profile (per document), act_instances (every act) and act_targets (what the acts
/// target, counted), each as CSV and Parquet.
pub(super) fn act_tables(p: Parts) -> Result<ActTables> {
    let found = ActLexicon::bundled(p.opts.lang.code);
    // Without a lexicon for the language the tables keep their columns (the English acts') and
    // have no rows.
    let lex = found
        .clone()
        .unwrap_or_else(|| ActLexicon::bundled("en").expect("the English lexicon"));
    let given = p.r.acts.lock().ok().and_then(|mut a| a.take());
    // Acts found in the counting run come in the analysis's order.
    let given = given.filter(|s| s.ids.iter().eq(p.a.docs.iter().map(|d| &d.id)));
    let mut scanned = match (&found, given) {
        (Some(_), Some(s)) => s,
        (Some(l), None) => dict::scan_analysed(p.a, p.lopts, p.opts, &l.compile(p.opts)?, Some(l))?,
        (None, _) => Scanned::default(),
    };
    let n = scanned.docs.len();
    // Rows of documents `first..` (each its own bin, from 0) with their document's id.
    let with_doc = |first: usize, (df, of_row): (DataFrame, Vec<u32>)| -> Result<DataFrame> {
        let ids = &scanned.ids;
        let doc = Column::new(
            "doc".into(),
            of_row
                .iter()
                .map(|&b| ids[first + b as usize].as_str())
                .collect::<Vec<_>>(),
        );
        let mut cols = vec![doc];
        cols.extend(df.columns().iter().cloned());
        Ok(DataFrame::new_infer_height(cols)?)
    };
    // The section shows the strongest acts only (the rest are in act_instances): their texts
    // are read back for their documents only.
    let (strongest, strong_acts) = strongest_of(&dict::instances_frame(&scanned, &lex, strong)?.0)?;
    // The corpus as one bin.
    let bins = std::mem::replace(&mut scanned.bins, vec![0; n]);
    let corpus = dict::acts_frames(&scanned, &lex, Bins { n: 1 })?.acts.0;
    let targets = dict::act_targets(&scanned, &lex)?.0;
    scanned.bins = bins;
    let condemned = condemned_of(&targets)?;
    // The tables that grow with the corpus are written now, the per-document ones a range of
    // documents at a time.
    let frames_of = |docs: std::ops::Range<usize>| dict::acts_frames_of_docs(&scanned, &lex, docs);
    super::tables::write_in_pieces(p, "acts", |docs| {
        with_doc(docs.start, frames_of(docs)?.acts)
    })?;
    super::tables::write_in_pieces(p, "act_profile", |docs| {
        with_doc(docs.start, frames_of(docs)?.profile)
    })?;
    let formats = [Format::Csv, Format::Parquet];
    for f in formats {
        super::tables::write_frame(p.dir, "act_targets", &targets, f)?;
    }
    // Every act with its sentence, 10,000 at a time: the acts' texts are never copied whole.
    for f in formats {
        let to = super::tables::dest(p, "act_instances", f);
        let pieces = dict::instances_in_pieces(&scanned, &lex, 10_000);
        write_pieces(pieces, f, Default::default(), &to)?;
    }
    // What the chart and the documents' table show is taken now: the acts, their texts set
    // aside and their file are let go here, before the report's other tables are built.
    let chart = found.as_ref().and_then(|l| chart_of(p, l, &scanned));
    let per_doc = scanned
        .docs
        .iter()
        .map(|d| {
            let kept = d.acts.iter().filter(|a| !a.negated);
            kept.fold((0, 0), |(n, sum), a| (n + 1, sum + a.intensity as u32))
        })
        .collect();
    Ok(ActTables {
        lex: found,
        per_doc,
        chart,
        corpus,
        strongest,
        strong_acts,
        condemned,
    })
}

/// The chart of acts by strength: by the report's groups (a country, or a year) when the
/// documents have them, else the strongest documents; and what its bars are.
fn chart_of(p: Parts, lex: &ActLexicon, s: &Scanned) -> Option<(Spec, String)> {
    let what = super::charts::what(p);
    let (spec, per) = match p.r.meta_groups.as_ref().map(|m| &m.by) {
        Some(g) => {
            let bins: Vec<u32> = g.of_file.iter().map(|b| b.unwrap_or(u32::MAX)).collect();
            let names: Vec<String> = g.groups.iter().map(|x| x.0.clone()).collect();
            let per = format!("per {}", g.fields.join(" · "));
            let what = format!("{what}, {per}");
            // Years in their order, countries strongest first, as `chart acts` draws them.
            let order = act_kinds::Order::of(&names, true, false);
            (
                act_kinds::acts(s, &bins, lex, &names, order, 40, &what),
                per,
            )
        }
        None => (
            act_kinds::acts(
                s,
                &s.bins,
                lex,
                &s.ids,
                act_kinds::Order::Strength,
                20,
                &what,
            ),
            "the strongest documents".to_string(),
        ),
    };
    // No act to chart: no chart.
    Some((spec.ok()?.0, per))
}

/// Rows of the section's table of the strongest acts.
pub(super) const STRONGEST_ROWS: usize = 25;

/// Whether an act is among the strongest the section shows: intensity [`dict::STRONG`] (4)
/// and more, neither negated nor reported ("I call on the Assembly to strongly condemn" is
/// not the speaker's condemnation).
fn strong(a: &dict::ActHit) -> bool {
    a.intensity >= dict::STRONG && !a.negated && !a.reported
}

/// The [`STRONGEST_ROWS`] strongest acts of an `act_instances` frame of the [`strong`] acts
/// (doc, act, intensity, trigger, target), with how many there are in all. Strongest first; of
/// equal strength, each document's first act before any document's second, so that the table
/// does not show the first documents' acts alone.
fn strongest_of(strong: &DataFrame) -> Result<(DataFrame, usize)> {
    let rows = strong.select(["doc", "act", "intensity", "trigger", "target"])?;
    let docs = rows.column("doc")?.str()?;
    let intensity = rows.column("intensity")?.cast(&DataType::Int64)?;
    let intensity = intensity.i64()?;
    // Per row: its document's turn among the acts of its strength (1 for the first).
    let mut turns: ahash::AHashMap<(Option<&str>, Option<i64>), u32> = ahash::AHashMap::new();
    let mut order: Vec<(i64, u32, usize)> = (0..rows.height())
        .map(|i| {
            let key = (docs.get(i), intensity.get(i));
            let turn = turns.entry(key).or_insert(0);
            *turn += 1;
            (-key.1.unwrap_or(0), *turn, i)
        })
        .collect();
    order.sort_unstable();
    let shown: Vec<IdxSize> = spread(&order, STRONGEST_ROWS)
        .into_iter()
        .map(|i| i as IdxSize)
        .collect();
    let total = rows.height();
    Ok((
        copied(&rows.take(&IdxCa::from_vec("rows".into(), shown))?)?,
        total,
    ))
}

/// The first `n` rows of `order` (sorted keys: strength, turn, row), but that the rows of the
/// key that does not fit whole are spread evenly over its rows (over the documents' order:
/// the strongest acts of a corpus of four years are not its first months' alone).
fn spread(order: &[(i64, u32, usize)], n: usize) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::with_capacity(n);
    let mut k = 0;
    while k < order.len() && out.len() < n {
        let key = (order[k].0, order[k].1);
        let end = k + order[k..].partition_point(|o| (o.0, o.1) == key);
        let (group, room) = (&order[k..end], n - out.len());
        if group.len() <= room {
            out.extend(group.iter().map(|o| o.2));
        } else {
            out.extend((0..room).map(|j| group[j * group.len() / room].2));
        }
        k = end;
    }
    out
}

/// A few rows of a larger frame with their strings copied, so that they do not keep the
/// larger frame's string buffers alive (polars' filter, sort and head share them).
fn copied(rows: &DataFrame) -> Result<DataFrame> {
    let cols = rows
        .columns()
        .iter()
        .map(|c| match c.str() {
            Ok(s) => Column::new(c.name().clone(), s.iter().collect::<Vec<_>>()),
            Err(_) => c.clone(),
        })
        .collect();
    Ok(DataFrame::new_infer_height(cols)?)
}

/// The rows of an `act_targets` frame (by act, the most frequent target first) the section
/// shows: ten of each condemnatory act.
fn condemned_of(targets: &DataFrame) -> Result<DataFrame> {
    let acts = targets.column("act")?.str()?;
    let mut keep = Vec::with_capacity(acts.len());
    let mut seen = 0;
    for i in 0..acts.len() {
        seen = if i > 0 && acts.get(i - 1) == acts.get(i) {
            seen + 1
        } else {
            0
        };
        keep.push(acts.get(i).is_some_and(|a| dict::CONDEMNATORY.contains(&a)) && seen < 10);
    }
    copied(&targets.filter(&BooleanChunked::from_slice("keep".into(), &keep))?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_acts_of_the_key_that_does_not_fit_are_spread_over_the_documents() {
        let mut order: Vec<(i64, u32, usize)> = (0..10).map(|i| (-6, 1, i)).collect();
        order.extend((100..130).map(|i| (-5, 1, i)));
        let shown = spread(&order, 25);
        assert_eq!(shown.len(), 25);
        assert_eq!(shown[..10], (0..10).collect::<Vec<_>>());
        // Every second act of the thirty, to the last documents.
        assert_eq!(shown[10..], (100..130).step_by(2).collect::<Vec<_>>());
        assert_eq!(spread(&order[..5], 25), [0, 1, 2, 3, 4]);
    }
}
