//! The tables of `dict` and `acts`, per bin (the corpus, each document or each group): each
//! frame comes with the bin of each of its rows, for the caller to name; the pieces of
//! `act_instances` the report writes name theirs in their `doc` column.

use super::acts::{ActLexicon, STRONG};
use super::hit::{ActHit, ActTexts};
use super::scan::{Hit, Scanned};
use super::Compiled;
use crate::error::Result;
use crate::frames::per_10k;
use ahash::AHashMap;
use polars::prelude::{Column, DataFrame};
use std::borrow::Cow;

/// How the documents of a scan are binned.
#[derive(Debug, Clone, Copy)]
pub struct Bins {
    /// Number of bins (a bin without documents gives no rows).
    pub n: usize,
}

/// What the tables of `dict` and `acts` sum per bin: its words and documents, each category's
/// matches and the documents with one, and each act's count, intensified, negated and quoted
/// acts with the bin's intensity (sum and highest). A scan that keeps no document's matches
/// sums them as the corpus is read ([`Scanned::tally`]); else they are summed from the
/// documents.
#[derive(Debug, Clone)]
pub struct Tally {
    words: Vec<u64>,
    docs: Vec<u64>,
    /// Per bin and category: the matches and the documents with one.
    hits: Vec<Vec<(Hit, u64)>>,
    /// Per bin and act: count, intensified, negated, quoted.
    acts: Vec<Vec<[u64; 4]>>,
    /// Per bin: the intensity of its acts (not negated), summed, and the highest.
    strength: Vec<(u64, u8)>,
}

impl Tally {
    /// Sums for `bins` bins of a dictionary of `keys` categories and a lexicon of `acts` acts.
    pub fn new(bins: Bins, keys: usize, acts: usize) -> Self {
        let n = bins.n.max(1);
        Tally {
            words: vec![0; n],
            docs: vec![0; n],
            hits: vec![vec![(Hit::default(), 0); keys]; n],
            acts: vec![vec![[0; 4]; acts]; n],
            strength: vec![(0, 0); n],
        }
    }

    /// Adds document `d`, of bin `b`. Sums made for one table (no categories, or no acts)
    /// leave the other's matches out.
    pub fn add(&mut self, b: u32, d: &super::DictDoc) {
        let b = b as usize;
        self.words[b] += d.words;
        self.docs[b] += 1;
        for &(k, h) in &d.hits {
            let Some(t) = self.hits[b].get_mut(k as usize) else {
                continue;
            };
            t.0.add(&h);
            t.1 += 1;
        }
        for a in &d.acts {
            let Some(t) = self.acts[b].get_mut(a.act as usize) else {
                continue;
            };
            if a.negated {
                t[2] += 1;
                continue;
            }
            t[0] += 1;
            t[1] += a.intensified as u64;
            t[3] += a.quoted as u64;
            let st = &mut self.strength[b];
            st.0 += a.intensity as u64;
            st.1 = st.1.max(a.intensity);
        }
    }

    /// The sums of scan `s`: those it made as it read, else of its documents (a scan keeps
    /// one or the other).
    fn of<'a>(s: &'a Scanned, bins: Bins, keys: usize, acts: usize) -> Cow<'a, Tally> {
        match &s.tally {
            // Made over the bins the scan was read in: no others can be asked of it.
            Some(t) => {
                debug_assert_eq!(t.words.len(), bins.n.max(1), "sums of other bins");
                Cow::Borrowed(t)
            }
            None => {
                let mut t = Tally::new(bins, keys, acts);
                for (d, &b) in s.docs.iter().zip(&s.bins) {
                    t.add(b, d);
                }
                Cow::Owned(t)
            }
        }
    }

    /// Documents over every bin.
    pub(super) fn documents(&self) -> u64 {
        self.docs.iter().sum()
    }

    /// Words over every bin.
    pub(super) fn words(&self) -> u64 {
        self.words.iter().sum()
    }

    /// Acts of the kinds `chosen` chooses, over every bin: (not negated, negated).
    pub(super) fn acts_of(&self, chosen: impl Fn(usize) -> bool) -> (u64, u64) {
        let mut n = (0, 0);
        for bin in &self.acts {
            for (a, t) in bin.iter().enumerate() {
                if chosen(a) {
                    n.0 += t[0];
                    n.1 += t[2];
                }
            }
        }
        n
    }
}

/// An entry's matches in a bin: (bin, entry, the words matched).
type EntryKey = (u32, u32, String);

/// The frames of `dict`, each with the bin of every row.
pub struct DictFrames {
    /// category, count, per_10k, quoted, scare, docs (documents with a match), words.
    pub categories: (DataFrame, Vec<u32>),
    /// category, entry, matched (the words it matched), count, quoted, scare, docs: most
    /// frequent first within a category.
    pub entries: (DataFrame, Vec<u32>),
}

fn u(name: &str, v: Vec<u64>) -> Column {
    Column::new(name.into(), v)
}

/// The `dict` frames of a scan (of a dictionary: a scan for acts counts no categories, and
/// keeps what entries matched only when [`Compiled::keep_matched`] says).
pub fn dict_frames(s: &Scanned, dict: &Compiled, bins: Bins) -> Result<DictFrames> {
    let counted: Vec<usize> = dict.counted().collect();
    let n = bins.n.max(1);
    let tally = Tally::of(s, bins, dict.keys.len(), 0);
    let (hits, words, present) = (&tally.hits, &tally.words, &tally.docs);
    let mut entries: AHashMap<EntryKey, (Hit, u64)> = AHashMap::new();
    for (d, &b) in s.docs.iter().zip(&s.bins) {
        for e in &d.entries {
            let v = entries.entry((b, e.entry, e.matched.clone())).or_default();
            v.0.add(&e.hit);
            v.1 += 1;
        }
    }
    let mut cat_rows: Vec<(u32, usize)> = Vec::new();
    for b in 0..n as u32 {
        if present[b as usize] > 0 {
            cat_rows.extend(counted.iter().map(|&k| (b, k)));
        }
    }
    let h = |f: &dyn Fn(&Hit) -> u64| -> Vec<u64> {
        cat_rows
            .iter()
            .map(|&(b, k)| f(&hits[b as usize][k].0))
            .collect()
    };
    let categories = DataFrame::new_infer_height(vec![
        Column::new(
            "category".into(),
            cat_rows
                .iter()
                .map(|&(_, k)| dict.keys[k].as_str())
                .collect::<Vec<_>>(),
        ),
        u("count", h(&|x| x.count)),
        Column::new(
            "per_10k".into(),
            cat_rows
                .iter()
                .map(|&(b, k)| per_10k(hits[b as usize][k].0.count, words[b as usize]))
                .collect::<Vec<f64>>(),
        ),
        u("quoted", h(&|x| x.quoted)),
        u("scare", h(&|x| x.scare)),
        u(
            "docs",
            cat_rows
                .iter()
                .map(|&(b, k)| hits[b as usize][k].1)
                .collect(),
        ),
        u(
            "words",
            cat_rows.iter().map(|&(b, _)| words[b as usize]).collect(),
        ),
    ])?;
    let (entries, of_entry_row) = entries_frame(entries, dict)?;
    Ok(DictFrames {
        categories: (categories, cat_rows.iter().map(|r| r.0).collect()),
        entries: (entries, of_entry_row),
    })
}

/// What each category's column of a wide table holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WideValue {
    /// The category's matches.
    Count,
    /// Its matches per 10,000 words.
    Per10k,
}

/// The `categories` frame of [`DictFrames`] laid out as quanteda's `dfm_lookup` gives it: a
/// row per bin, a column per category (in the dictionary's order: `names`, those it counts)
/// holding its count or rate, then the bin's `words`; with the bin of each row.
pub fn wide(
    categories: &(DataFrame, Vec<u32>),
    names: &[&str],
    value: WideValue,
) -> Result<(DataFrame, Vec<u32>)> {
    let (df, of_row) = categories;
    let counts = df.column("count")?.u64()?;
    let rates = df.column("per_10k")?.f64()?;
    let words = df.column("words")?.u64()?;
    // Rows come grouped by bin, every bin with every category in the same order.
    let per_bin = names.len().max(1);
    let bins: Vec<u32> = of_row.iter().step_by(per_bin).copied().collect();
    let mut columns = Vec::with_capacity(per_bin + 1);
    for (k, &name) in names.iter().enumerate() {
        let rows = (k..df.height()).step_by(per_bin);
        columns.push(match value {
            WideValue::Count => Column::new(
                name.into(),
                rows.map(|i| counts.get(i).unwrap_or(0))
                    .collect::<Vec<u64>>(),
            ),
            WideValue::Per10k => Column::new(
                name.into(),
                rows.map(|i| rates.get(i).unwrap_or(0.0))
                    .collect::<Vec<f64>>(),
            ),
        });
    }
    columns.push(u(
        "words",
        (0..df.height())
            .step_by(per_bin)
            .map(|i| words.get(i).unwrap_or(0))
            .collect(),
    ));
    Ok((DataFrame::new_infer_height(columns)?, bins))
}

/// The frames of `acts`, each with the bin of every row.
pub struct ActsFrames {
    /// Per bin and act (weakest first): act, intensity (the act's base), count (not negated),
    /// per_10k, intensified, negated, quoted.
    pub acts: (DataFrame, Vec<u32>),
    /// Per bin: acts (not negated), per_10k, mean_intensity, max_intensity,
    /// condemnatory_share (deplore, condemn, reject), strong_share (intensity 4 or more),
    /// negated, words, top_act.
    pub profile: (DataFrame, Vec<u32>),
}

/// Acts that condemn: their share is the profile's `condemnatory_share`.
pub const CONDEMNATORY: [&str; 3] = ["deplore", "condemn", "reject"];

/// The `acts` frames of a scan.
pub fn acts_frames(s: &Scanned, lex: &ActLexicon, bins: Bins) -> Result<ActsFrames> {
    frames_of_sums(&Tally::of(s, bins, 0, lex.acts.len()), lex)
}

/// The `acts` frames of the documents `docs` of a scan that keeps its documents, each its own
/// bin, numbered from 0 for `docs.start` (documents past the scan's give none): the report
/// writes its per-document act tables a range of documents at a time.
pub fn acts_frames_of_docs(
    s: &Scanned,
    lex: &ActLexicon,
    docs: std::ops::Range<usize>,
) -> Result<ActsFrames> {
    let docs = docs.start.min(s.docs.len())..docs.end.min(s.docs.len());
    let mut sums = Tally::new(Bins { n: docs.len() }, 0, lex.acts.len());
    for (b, d) in s.docs[docs].iter().enumerate() {
        sums.add(b as u32, d);
    }
    frames_of_sums(&sums, lex)
}

/// The `acts` frames of sums per bin.
fn frames_of_sums(sums: &Tally, lex: &ActLexicon) -> Result<ActsFrames> {
    let n = sums.words.len();
    let k = lex.acts.len();
    let (tally, strength, words, present) = (&sums.acts, &sums.strength, &sums.words, &sums.docs);
    let live: Vec<u32> = (0..n as u32).filter(|&b| present[b as usize] > 0).collect();
    let rows: Vec<(u32, usize)> = live
        .iter()
        .flat_map(|&b| (0..k).map(move |a| (b, a)))
        .collect();
    let col =
        |i: usize| -> Vec<u64> { rows.iter().map(|&(b, a)| tally[b as usize][a][i]).collect() };
    let acts = DataFrame::new_infer_height(vec![
        Column::new(
            "act".into(),
            rows.iter()
                .map(|&(_, a)| lex.acts[a].name.as_str())
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "intensity".into(),
            rows.iter()
                .map(|&(_, a)| lex.acts[a].intensity as u32)
                .collect::<Vec<_>>(),
        ),
        u("count", col(0)),
        Column::new(
            "per_10k".into(),
            rows.iter()
                .map(|&(b, a)| per_10k(tally[b as usize][a][0], words[b as usize]))
                .collect::<Vec<f64>>(),
        ),
        u("intensified", col(1)),
        u("negated", col(2)),
        u("quoted", col(3)),
    ])?;
    let profile = profile_frame(tally, strength, lex, words, &live)?;
    Ok(ActsFrames {
        acts: (acts, rows.iter().map(|r| r.0).collect()),
        profile: (profile, live),
    })
}

/// An act of a scan, with its bin, its document's id, and its document's number and its own
/// among the document's acts.
type Instance<'a> = (u32, &'a str, &'a ActHit, (usize, usize));

/// The acts of a scan that `keep` keeps, in order, each with its bin and document.
fn instances<'a>(
    s: &'a Scanned,
    keep: impl Fn(&ActHit) -> bool + 'a,
) -> impl Iterator<Item = Instance<'a>> + 'a {
    (s.docs.iter().zip(&s.ids).zip(&s.bins).enumerate())
        .flat_map(|(d, ((doc, id), &b))| {
            (doc.acts.iter().enumerate()).map(move |(j, a)| (b, id.as_str(), a, (d, j)))
        })
        .filter(move |x| keep(x.2))
}

/// The `act_instances` frame of the acts of a scan that `keep` keeps: doc, offset, page, act,
/// intensity, intensified, negated, quoted, reported, trigger, target, sentence; with the bin
/// of each row.
pub fn instances_frame(
    s: &Scanned,
    lex: &ActLexicon,
    keep: impl Fn(&ActHit) -> bool,
) -> Result<(DataFrame, Vec<u32>)> {
    let inst: Vec<Instance> = instances(s, keep).collect();
    Ok((
        instance_rows(&inst, &texts_of(s, &inst)?, lex)?,
        inst.iter().map(|x| x.0).collect(),
    ))
}

/// The `act_instances` frame of a scan in pieces of at most `rows` rows, so that the texts of
/// every act are never copied into one frame (the report writes them so).
pub fn instances_in_pieces<'a>(
    s: &'a Scanned,
    lex: &'a ActLexicon,
    rows: usize,
) -> impl Iterator<Item = Result<DataFrame>> + 'a {
    let mut all = instances(s, |_| true).peekable();
    let mut first = true;
    std::iter::from_fn(move || {
        // An empty scan still gives one (empty) piece: the table keeps its columns.
        if all.peek().is_none() && !first {
            return None;
        }
        first = false;
        let piece: Vec<Instance> = all.by_ref().take(rows.max(1)).collect();
        Some(texts_of(s, &piece).and_then(|texts| instance_rows(&piece, &texts, lex)))
    })
}

/// The texts of acts `inst` of scan `s` (where each stands, its trigger, target and sentence):
/// each act's own, or those set aside for it ([`Scanned::texts`]), read back for these acts'
/// documents only.
fn texts_of<'a>(s: &'a Scanned, inst: &[Instance<'a>]) -> Result<Vec<Cow<'a, ActTexts>>> {
    let mut out = Vec::with_capacity(inst.len());
    let mut read: Option<(usize, Vec<Cow<'a, ActTexts>>)> = None;
    for &(_, _, _, (d, j)) in inst {
        if read.as_ref().is_none_or(|r| r.0 != d) {
            read = Some((d, s.texts(d)?));
        }
        let texts = read.as_mut().map(|r| &mut r.1);
        out.push(
            texts
                .and_then(|v| v.get_mut(j))
                .map(std::mem::take)
                .unwrap_or_default(),
        );
    }
    Ok(out)
}

/// The `act_instances` rows of `inst`, whose texts are `texts`.
fn instance_rows(
    inst: &[Instance],
    texts: &[Cow<ActTexts>],
    lex: &ActLexicon,
) -> Result<DataFrame> {
    let t = |f: &dyn Fn(&ActTexts) -> &str| -> Vec<&str> { texts.iter().map(|x| f(x)).collect() };
    let flag = |f: &dyn Fn(&ActHit) -> bool| -> Vec<bool> { inst.iter().map(|x| f(x.2)).collect() };
    Ok(DataFrame::new_infer_height(vec![
        Column::new("doc".into(), inst.iter().map(|x| x.1).collect::<Vec<_>>()),
        u("offset", texts.iter().map(|x| x.offset).collect()),
        Column::new(
            "page".into(),
            texts.iter().map(|x| x.page).collect::<Vec<_>>(),
        ),
        Column::new(
            "act".into(),
            inst.iter()
                .map(|x| lex.acts[x.2.act as usize].name.as_str())
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "intensity".into(),
            inst.iter()
                .map(|x| x.2.intensity as u32)
                .collect::<Vec<_>>(),
        ),
        Column::new("intensified".into(), flag(&|a| a.intensified)),
        Column::new("negated".into(), flag(&|a| a.negated)),
        Column::new("quoted".into(), flag(&|a| a.quoted)),
        Column::new("reported".into(), flag(&|a| a.reported)),
        Column::new("trigger".into(), t(&|a| &a.trigger)),
        Column::new("target".into(), t(&|a| &a.target)),
        Column::new("sentence".into(), t(&|a| &a.sentence)),
    ])?)
}

/// The share of a bin's acts (`tally`: per act, count and intensified first) whose intensity,
/// the act's base plus one when intensified as `--instances` gives it, is [`STRONG`] or more:
/// every act of a strong base, and those one short that are intensified (`deep concern`).
fn strong_share(tally: &[[u64; 4]], lex: &ActLexicon) -> Option<f64> {
    let all: u64 = tally.iter().map(|t| t[0]).sum();
    let strong: u64 = (tally.iter().zip(&lex.acts))
        .map(|(t, a)| match a.intensity {
            i if i >= STRONG => t[0],
            i if i + 1 >= STRONG => t[1],
            _ => 0,
        })
        .sum();
    (all > 0).then(|| strong as f64 / all as f64)
}

/// Per bin with documents: acts, per_10k, mean_intensity, max_intensity, condemnatory_share,
/// strong_share, negated, words, top_act; from the tallies per bin and act (count,
/// intensified, negated, quoted) and per bin (intensity sum and maximum).
fn profile_frame(
    tally: &[Vec<[u64; 4]>],
    strength: &[(u64, u8)],
    lex: &ActLexicon,
    words: &[u64],
    live: &[u32],
) -> Result<DataFrame> {
    let k = lex.acts.len();
    let total = |b: u32| -> u64 { tally[b as usize].iter().map(|t| t[0]).sum() };
    let share = |b: u32, pick: &dyn Fn(usize) -> bool| -> Option<f64> {
        let all = total(b);
        (all > 0).then(|| {
            (0..k)
                .filter(|&a| pick(a))
                .map(|a| tally[b as usize][a][0])
                .sum::<u64>() as f64
                / all as f64
        })
    };
    Ok(DataFrame::new_infer_height(vec![
        u("acts", live.iter().map(|&b| total(b)).collect()),
        Column::new(
            "per_10k".into(),
            live.iter()
                .map(|&b| per_10k(total(b), words[b as usize]))
                .collect::<Vec<f64>>(),
        ),
        Column::new(
            "mean_intensity".into(),
            live.iter()
                .map(|&b| {
                    let t = total(b);
                    (t > 0).then(|| strength[b as usize].0 as f64 / t as f64)
                })
                .collect::<Vec<Option<f64>>>(),
        ),
        Column::new(
            "max_intensity".into(),
            live.iter()
                .map(|&b| (total(b) > 0).then_some(strength[b as usize].1 as u32))
                .collect::<Vec<Option<u32>>>(),
        ),
        Column::new(
            "condemnatory_share".into(),
            live.iter()
                .map(|&b| share(b, &|a| CONDEMNATORY.contains(&lex.acts[a].name.as_str())))
                .collect::<Vec<Option<f64>>>(),
        ),
        Column::new(
            "strong_share".into(),
            live.iter()
                .map(|&b| strong_share(&tally[b as usize], lex))
                .collect::<Vec<Option<f64>>>(),
        ),
        u(
            "negated",
            live.iter()
                .map(|&b| tally[b as usize].iter().map(|t| t[2]).sum())
                .collect(),
        ),
        u("words", live.iter().map(|&b| words[b as usize]).collect()),
        Column::new(
            "top_act".into(),
            live.iter()
                .map(|&b| {
                    let t = &tally[b as usize];
                    (0..k)
                        .filter(|&a| t[a][0] > 0)
                        .max_by_key(|&a| (t[a][0], std::cmp::Reverse(a)))
                        .map(|a| lex.acts[a].name.as_str())
                })
                .collect::<Vec<Option<&str>>>(),
        ),
    ])?)
}

/// Per bin, category and entry, what it matched (exceptions left out): category, entry,
/// matched, count, quoted, scare, docs; the most frequent first within a category.
fn entries_frame(
    entries: AHashMap<EntryKey, (Hit, u64)>,
    dict: &Compiled,
) -> Result<(DataFrame, Vec<u32>)> {
    let mut rows: Vec<(EntryKey, (Hit, u64))> = entries
        .into_iter()
        .filter(|((_, e, _), _)| !dict.is_exception(dict.entries[*e as usize].key))
        .collect();
    let key_of = |e: u32| dict.entries[e as usize].key;
    rows.sort_by(|((b1, e1, m1), (h1, _)), ((b2, e2, m2), (h2, _))| {
        (b1, key_of(*e1), std::cmp::Reverse(h1.count), m1, e1).cmp(&(
            b2,
            key_of(*e2),
            std::cmp::Reverse(h2.count),
            m2,
            e2,
        ))
    });
    let of_entry_row: Vec<u32> = rows.iter().map(|((b, _, _), _)| *b).collect();
    let df = DataFrame::new_infer_height(vec![
        Column::new(
            "category".into(),
            rows.iter()
                .map(|((_, e, _), _)| dict.keys[key_of(*e) as usize].as_str())
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "entry".into(),
            rows.iter()
                .map(|((_, e, _), _)| dict.entries[*e as usize].text.as_str())
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "matched".into(),
            rows.iter()
                .map(|((_, _, m), _)| m.as_str())
                .collect::<Vec<_>>(),
        ),
        u("count", rows.iter().map(|(_, (h, _))| h.count).collect()),
        u("quoted", rows.iter().map(|(_, (h, _))| h.quoted).collect()),
        u("scare", rows.iter().map(|(_, (h, _))| h.scare).collect()),
        u("docs", rows.iter().map(|(_, (_, d))| *d).collect()),
    ])?;
    Ok((df, of_entry_row))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Options;
    use crate::text::Lang;

    #[test]
    fn act_instances_in_pieces_are_the_whole_frame_cut_up() {
        let mut lex = ActLexicon::bundled("en").unwrap();
        lex.texts = true;
        let opts = Options::new(Lang::english());
        let texts = [
            "We strongly condemn the attack. We welcome the agreement and support the talks.",
            "Nothing here.",
            "We urge both sides to talk. We deplore the violence. We reject the claims.",
        ];
        let docs = crate::corpus::Document::each_of(&texts);
        let s = super::super::scan_docs(&docs, &opts, &lex.compile(&opts).unwrap(), Some(&lex));
        let (whole, bins) = instances_frame(&s, &lex, |_| true).unwrap();
        assert!(whole.height() >= 5, "{whole}");
        assert_eq!(bins.len(), whole.height());
        for rows in [1, 2, whole.height(), whole.height() + 1] {
            let pieces: Vec<DataFrame> = instances_in_pieces(&s, &lex, rows)
                .collect::<Result<_>>()
                .unwrap();
            assert_eq!(pieces.len(), whole.height().div_ceil(rows), "{rows}");
            let mut joined = pieces[0].clone();
            for p in &pieces[1..] {
                joined.vstack_mut(p).unwrap();
            }
            assert!(joined.equals_missing(&whole), "{rows}");
        }
        // No acts at all: one empty piece, with the columns.
        let none =
            super::super::scan_docs(&docs[1..2], &opts, &lex.compile(&opts).unwrap(), Some(&lex));
        let pieces: Vec<DataFrame> = instances_in_pieces(&none, &lex, 10)
            .collect::<Result<_>>()
            .unwrap();
        assert_eq!(pieces.len(), 1);
        assert_eq!((pieces[0].height(), pieces[0].width()), (0, whole.width()));
    }
}
