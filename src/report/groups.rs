//! The report's groups: documents grouped by a metadata field (a country), each group's profile
//! and key terms against the rest, and the trends of the most scare-quoted and the key terms
//! over a time field (a year).

use super::charts::scare_spans;
use super::{MetaGroups, Parts};
use crate::analysis::{Analysis, Options};
use crate::compare::{self, KeynessOptions};
use crate::error::Result;
use crate::frames::{members, per_10k};
use crate::meta::value_name;
use crate::trend::{self, Terms};
use polars::prelude::*;

/// Terms followed over time, of each kind, at most.
const TREND_TERMS: usize = 5;

/// Over-used terms listed per group in its profile.
const KEY_TERMS: usize = 5;

/// The groups' tables and the choices the charts follow.
pub(super) struct GroupTables {
    /// Per group: documents, tokens, quotations, top and key terms.
    pub(super) profile: DataFrame,
    /// Each group against the rest: its 10 most over- and under-used terms.
    pub(super) keyness: DataFrame,
    /// The trend of the followed terms over the time field (empty without one).
    pub(super) trend: DataFrame,
    /// The most scare-quoted terms (display forms), followed over time.
    pub(super) scare_terms: Vec<String>,
    /// The strongest key term of each group (largest groups first), followed over time.
    pub(super) key_terms: Vec<String>,
    /// The group of each key term (its name).
    pub(super) key_groups: Vec<String>,
    /// Per key term: whether it is followed in its group's documents only (a group that spans
    /// two values of the time field or more), or else in every document.
    pub(super) key_within: Vec<bool>,
    /// The group the keyness chart is about: the one with the most scare quotes (at least
    /// [`super::charts::MIN_SCARE`]; else the largest).
    pub(super) focus: Option<usize>,
    /// The scare quotes of that group.
    pub(super) focus_scare: usize,
}

/// Builds the groups' tables.
pub(super) fn tables(p: Parts, mg: &MetaGroups) -> Result<GroupTables> {
    let (a, g) = (p.a, &mg.by);
    let m = members(g);
    let keyness = compare::keyness_groups(
        a,
        g,
        KeynessOptions {
            min_count: 2,
            ..Default::default()
        },
        Some(10),
    )
    .unwrap_or_default();
    let key = key_terms(&keyness, &g.fields[0])?;
    let profile = profile(a, g, &m, &key)?;
    // The strongest key term of each group, largest groups (by words, then documents) first.
    let mut by_size: Vec<usize> = (0..m.len()).collect();
    by_size.sort_by_key(|&k| std::cmp::Reverse((a.tokens_of(&m[k]), m[k].len())));
    // Each key term with its group's index.
    let (mut key_terms, mut key_of): (Vec<String>, Vec<usize>) = (Vec::new(), Vec::new());
    for k in by_size {
        if let Some(t) = key.get(&g.groups[k].0).and_then(|v| v.first()) {
            if !key_terms.contains(t) && key_terms.len() < TREND_TERMS {
                key_terms.push(t.clone());
                key_of.push(k);
            }
        }
    }
    let key_groups: Vec<String> = key_of.iter().map(|&k| g.groups[k].0.clone()).collect();
    let counts = a.corpus_counts();
    let scare_terms = scare_quoted_terms(a, &counts);
    // A key term is followed in its own group's documents ("Ukraine" in Ukraine's speeches),
    // when the group spans two values of the time field or more (a group that is one year
    // has one point: its key term is then followed over every document).
    let key_members: Vec<&[usize]> = key_of
        .iter()
        .map(|&k| {
            let Some(time) = mg.time.as_ref().filter(|_| !a.doc_terms.is_empty()) else {
                return &[][..];
            };
            let times: ahash::AHashSet<u32> =
                m[k].iter().filter_map(|&d| time.of_file[d]).collect();
            if times.len() >= 2 {
                &m[k][..]
            } else {
                &[][..]
            }
        })
        .collect();
    let key_within: Vec<bool> = key_members.iter().map(|m| !m.is_empty()).collect();
    let trend = match &mg.time {
        Some(time) => trend_table(
            a,
            time,
            p.opts,
            &[
                ("asked", &p.r.terms),
                ("scare-quoted", &scare_terms),
                ("key", &key_terms),
            ],
            &key_members,
            &key_groups,
            p.r.counted_terms.as_ref(),
        )?,
        None => DataFrame::empty(),
    };
    let scare: Vec<usize> = m
        .iter()
        .map(|docs| docs.iter().map(|&d| scare_spans(a, d)).sum())
        .collect();
    let focus = (0..m.len())
        .filter(|&k| !m[k].is_empty() && m[k].len() < a.docs.len())
        .max_by_key(|&k| (super::charts::enough_scare(scare[k]), a.tokens_of(&m[k])));
    let focus_scare = focus.map_or(0, |k| scare[k]);
    Ok(GroupTables {
        profile,
        keyness,
        trend,
        scare_terms,
        key_terms,
        key_groups,
        key_within,
        focus,
        focus_scare,
    })
}

/// Per group (by name), its most over-used terms (positive G²), strongest first.
fn key_terms(keyness: &DataFrame, field: &str) -> Result<ahash::AHashMap<String, Vec<String>>> {
    let mut out: ahash::AHashMap<String, Vec<String>> = Default::default();
    if keyness.height() == 0 {
        return Ok(out);
    }
    let (groups, forms, g2) = (
        keyness.column(field)?.as_materialized_series().rechunk(),
        keyness.column("form")?.str()?.clone(),
        keyness.column("g2")?.f64()?.clone(),
    );
    for (i, v) in groups.iter().enumerate() {
        let list = out.entry(value_name(&v)).or_default();
        if g2.get(i).is_some_and(|x| x > 0.0) && list.len() < KEY_TERMS {
            // `multilateral/multilateralism`: the word the form leads with, which `trend`
            // can follow (the stem counts both).
            list.extend(
                forms
                    .get(i)
                    .map(|f| f.split('/').next().unwrap_or(f).to_string()),
            );
        }
    }
    Ok(out)
}

/// The `groups` frame: per group (its field first), documents, tokens, distinct terms,
/// quotations, scare quotes, scare quotes per 10,000 tokens, top terms and key terms.
fn profile(
    a: &Analysis,
    g: &crate::meta::Grouping,
    m: &[Vec<usize>],
    key: &ahash::AHashMap<String, Vec<String>>,
) -> Result<DataFrame> {
    let mut rows: Vec<[u64; 5]> = Vec::new();
    let mut top: Vec<String> = Vec::new();
    for docs in m {
        let totals = a.group_totals(docs);
        let mut ids: Vec<usize> = (0..totals.len()).filter(|&i| totals[i].count > 0).collect();
        let distinct = ids.len() as u64;
        ids.sort_by(|&x, &y| totals[y].count.cmp(&totals[x].count).then(x.cmp(&y)));
        top.push(
            ids.iter()
                .take(5)
                .map(|&i| a.terms[i].form.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        );
        let spans: usize = docs.iter().map(|&d| a.docs[d].n_spans as usize).sum();
        let scare: usize = docs.iter().map(|&d| scare_spans(a, d)).sum();
        rows.push([
            docs.len() as u64,
            a.tokens_of(docs),
            distinct,
            spans as u64,
            scare as u64,
        ]);
    }
    let values: Vec<AnyValue> = g.groups.iter().map(|(_, v)| v[0].clone()).collect();
    let field = Series::from_any_values(g.fields[0].as_str().into(), &values, false)?;
    let col = |name: &str, i: usize| {
        Column::new(name.into(), rows.iter().map(|r| r[i]).collect::<Vec<_>>())
    };
    let key: Vec<String> = g
        .groups
        .iter()
        .map(|(n, _)| key.get(n).map(|v| v.join(", ")).unwrap_or_default())
        .collect();
    Ok(DataFrame::new_infer_height(vec![
        field.into_column(),
        col("documents", 0),
        col("tokens", 1),
        col("distinct_terms", 2),
        col("quotations", 3),
        col("scare_quotes", 4),
        Column::new(
            "scare_per_10k".into(),
            rows.iter().map(|r| per_10k(r[4], r[1])).collect::<Vec<_>>(),
        ),
        Column::new("top_terms".into(), top),
        Column::new("key_terms".into(), key),
    ])?)
}

/// The terms the trend follows as scare-quoted: scare-quoted at least [`MIN_SCARE_USES`]
/// times and in at least one use of a hundred (a word scare-quoted 8 times in 30,000 uses,
/// `peace` in the Cold War, is a frequent word, and its line would say nothing of the quotes),
/// the most scare-quoted first, [`TREND_TERMS`] at most.
fn scare_quoted_terms(a: &Analysis, counts: &[crate::analysis::TermTotals]) -> Vec<String> {
    crate::chart::kinds::most_quoted_where(a, counts, TREND_TERMS, |_, c| {
        c.scare >= MIN_SCARE_USES && c.scare * 100 >= c.count
    })
}

/// Scare-quoted uses a term needs to be followed as scare-quoted.
const MIN_SCARE_USES: u64 = 2;

/// The trend of the asked, the scare-quoted and the key terms over `time`, with a `chosen_as`
/// column naming why each was followed and a `counted_in` column naming the documents counted
/// (`all`, or the group whose key term it is). A key term with documents in `key_members` (one
/// list per key term; empty: every document) is counted in those documents only. The asked
/// phrases in `counted` come from its counts, made in the reading.
fn trend_table(
    a: &Analysis,
    time: &crate::meta::Grouping,
    opts: &Options,
    chosen: &[(&str, &Vec<String>)],
    key_members: &[&[usize]],
    key_groups: &[String],
    counted: Option<&trend::Counted>,
) -> Result<DataFrame> {
    let mut out = DataFrame::empty();
    let mut add = |df: DataFrame, why: &str, within: &str| -> Result<()> {
        let mut df = df;
        df.with_column(Column::new("chosen_as".into(), vec![why; df.height()]))?;
        df.with_column(Column::new("counted_in".into(), vec![within; df.height()]))?;
        out = if out.height() == 0 {
            df
        } else {
            out.vstack(&df)?
        };
        Ok(())
    };
    for &(why, names) in chosen {
        if names.is_empty() {
            continue;
        }
        if why == "asked" {
            add(asked_trend(a, time, opts, names, counted)?, why, "all")?;
            continue;
        }
        if why != "key" {
            add(
                trend::from_totals(a, time, &Terms::new(names, opts)?)?,
                why,
                "all",
            )?;
            continue;
        }
        // A key term is followed as keyness counted it: alone, not inside the phrases of
        // --phrases that hold it (`nations` without `United Nations`).
        for ((name, members), group) in names.iter().zip(key_members).zip(key_groups) {
            let terms = Terms::new(std::slice::from_ref(name), opts)?;
            if members.is_empty() {
                add(trend::from_totals_alone(a, time, &terms)?, why, "all")?;
                continue;
            }
            // The time field's groups, with the documents of other groups in none.
            let mut within = time.clone();
            within.of_file = vec![None; time.of_file.len()];
            for &d in *members {
                within.of_file[d] = time.of_file[d];
            }
            add(trend::from_totals_alone(a, &within, &terms)?, why, group)?;
        }
    }
    Ok(out)
}

/// The trend of the terms asked for (`--terms`), in their order within each group: a word, or
/// a phrase the counts hold as one term (`--phrases`), from the counts; another phrase from
/// its counts made in the reading (`counted`, as `trend` counts it word by word).
fn asked_trend(
    a: &Analysis,
    time: &crate::meta::Grouping,
    opts: &Options,
    names: &[String],
    counted: Option<&trend::Counted>,
) -> Result<DataFrame> {
    let all = Terms::new(names, opts)?;
    let by_words = |k: usize| all.keys()[k].len() > 1 && !trend::is_term(a, &all.keys()[k]);
    // The phrases to take from the reading's counts: their indexes there.
    let (mut from_counts, mut read) = (Vec::new(), Vec::new());
    for (k, name) in names.iter().enumerate() {
        match counted.and_then(|c| c.terms.names.iter().position(|n| n == name)) {
            Some(i) if by_words(k) => read.push((name.clone(), i)),
            _ => from_counts.push(name.clone()),
        }
    }
    let words = match from_counts.is_empty() {
        true => None,
        false => Some(trend::from_totals(
            a,
            time,
            &Terms::new(&from_counts, opts)?,
        )?),
    };
    let (Some(c), false) = (counted, read.is_empty()) else {
        return Ok(words.unwrap_or_default());
    };
    let chosen: Vec<String> = read.iter().map(|r| r.0.clone()).collect();
    let docs: Vec<(usize, trend::DocCounts)> = c
        .docs
        .iter()
        .map(|(d, dc)| {
            let counts = read.iter().map(|r| dc.counts[r.1]).collect();
            let (tokens, other_lang) = (dc.tokens, dc.other_lang);
            let counts = trend::DocCounts {
                tokens,
                counts,
                other_lang,
            };
            (*d, counts)
        })
        .collect();
    let phrases = trend::frame(&docs, time, &Terms::new(&chosen, opts)?)?;
    let Some(words) = words else {
        return Ok(phrases);
    };
    // Each group's rows in the order asked: both frames have a row per group and term, the
    // groups in the same order.
    let (nw, np) = (from_counts.len(), chosen.len());
    let groups = words.height() / nw;
    if groups * nw != words.height() || groups * np != phrases.height() {
        return Ok(words.vstack(&phrases)?);
    }
    let mut order: Vec<IdxSize> = Vec::with_capacity(groups * names.len());
    for g in 0..groups {
        for name in names {
            let at = match from_counts.iter().position(|n| n == name) {
                Some(i) => g * nw + i,
                None => {
                    words.height() + g * np + chosen.iter().position(|n| n == name).unwrap_or(0)
                }
            };
            order.push(at as IdxSize);
        }
    }
    let both = words.vstack(&phrases)?;
    Ok(both.take(&IdxCa::from_vec("".into(), order))?)
}

/// The rows of the trend table chosen as `why` (`scare-quoted`, `key`).
pub(super) fn trend_of(t: &DataFrame, why: &str) -> Result<DataFrame> {
    if t.height() == 0 {
        return Ok(DataFrame::empty());
    }
    let mask = t.column("chosen_as")?.str()?.equal(why);
    Ok(t.filter(&mask)?.drop("chosen_as")?.drop("counted_in")?)
}
