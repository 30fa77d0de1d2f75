//! A run planned over metadata: the files of some groups of inputs are found, their metadata
//! gathered, the ones a condition keeps analysed in one streaming pass, groups formed by
//! conditions (a target and a reference) or by the values of fields (`--group-by`).

use super::{filter, gather, group, Grouping, MetaOptions, Metadata};
use crate::analysis::{self, Analyser, Analysis, Detail, Options};
use crate::corpus::{self, GroupedFiles, LoadOptions, Problem};
use crate::error::{Error, Result};
use polars::prelude::*;
use std::path::PathBuf;

/// What to read and how to divide it.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// Groups of inputs (files, folders, `-`): one group, or a target and a reference. A file
    /// in two groups counts in the first.
    pub groups: Vec<Vec<PathBuf>>,
    /// Conditions that divide the one group of inputs into groups (a target and a reference,
    /// `--target-where`, `--reference-where`): a document goes to the first it satisfies.
    pub selectors: Vec<String>,
    /// A condition every document must satisfy (`--where`).
    pub filter: Option<String>,
    /// Fields whose values group the documents (`--group-by`).
    pub group_by: Vec<String>,
    /// Where metadata comes from.
    pub meta: MetaOptions,
    /// Hold the documents that cannot be read again (standard input, pipes).
    pub hold: bool,
}

/// A planned run's result.
pub struct Planned {
    /// The analysis of every document kept.
    pub analysis: Analysis,
    /// Per group (of inputs, or of selectors), its documents.
    pub groups: Vec<Vec<usize>>,
    /// The metadata of the documents analysed, a row per document in the analysis's order.
    pub meta: Metadata,
    /// With `group_by`: the groups of the documents analysed (`of_file` by document).
    pub grouping: Option<Grouping>,
    /// Files left out of a group because an earlier one has them.
    pub repeated: usize,
    /// Documents left out by the filter (or by no selector keeping them).
    pub left_out: usize,
    /// Files the filter (`--where`) kept, before any selector chose among them.
    pub where_kept: usize,
    /// Per group: the files chosen into it (before reading; some may fail).
    pub chose: Vec<usize>,
    /// When the conditions kept no document: why they may have missed.
    pub hint: Option<String>,
    /// Per-file problems.
    pub problems: Vec<Problem>,
}

/// The files a plan reads, before any is read: found, with their metadata, chosen by the
/// plan's conditions.
pub struct Chosen {
    /// The files kept, each with its group.
    pub found: corpus::GroupedFiles,
    /// Their metadata, a row per file kept.
    pub meta: Metadata,
    /// How many groups there are.
    pub groups: usize,
    /// Files left out by the conditions.
    pub left_out: usize,
    /// Files the filter (`--where`) kept, before any selector chose among them.
    pub where_kept: usize,
    /// Per group: the files chosen into it.
    pub chose: Vec<usize>,
    /// Files a later selector also chose, kept in the first group that chose them.
    pub repeated: usize,
    /// When the conditions kept no file, or none on a side: why they may have missed
    /// ([`super::filter::why_none`]).
    pub hint: Option<String>,
}

/// Finds the files of a plan, gathers their metadata and keeps those its conditions keep.
pub fn choose(plan: &Plan, lopts: &LoadOptions) -> Result<Chosen> {
    let mut found = corpus::find_groups(&plan.groups, lopts)?;
    let inputs: Vec<PathBuf> = plan.groups.iter().flatten().cloned().collect();
    let mo = MetaOptions {
        max_bytes: Some(lopts.max_bytes),
        ..plan.meta.clone()
    };
    let mut meta = gather(&found.files, &inputs, &mo)?;
    let n = found.files.len();
    // No files, no fields to test: nothing is left out (the caller says there is nothing to
    // analyse, or `counts` writes an empty part).
    let mut keep = match &plan.filter {
        Some(e) if n > 0 => filter(&meta, e)?,
        _ => vec![true; n],
    };
    let where_kept = keep.iter().filter(|k| **k).count();
    let mut groups = plan.groups.len();
    let mut repeated = 0;
    if !plan.selectors.is_empty() {
        if plan.groups.len() != 1 {
            return Err(Error::Invalid(
                "conditions that choose the groups need one set of inputs".into(),
            ));
        }
        let chosen: Vec<Vec<bool>> = plan
            .selectors
            .iter()
            .map(|s| filter(&meta, s))
            .collect::<Result<_>>()?;
        for (k, g) in found.group.iter_mut().enumerate() {
            match chosen.iter().position(|c| c[k]) {
                Some(s) => {
                    *g = s as u32;
                    // Of the files --where keeps: the others are on no side.
                    if keep[k] {
                        repeated += chosen[s + 1..].iter().filter(|c| c[k]).count();
                    }
                }
                None => keep[k] = false,
            }
        }
        groups = plan.selectors.len();
    }
    let left_out = keep.iter().filter(|k| !**k).count();
    let mut chose = vec![0; groups];
    for (&g, _) in found.group.iter().zip(&keep).filter(|(_, k)| **k) {
        if let Some(c) = chose.get_mut(g as usize) {
            *c += 1;
        }
    }
    // Why the conditions kept no file, or none on a side: --where's, then the empty sides'.
    let hint = if n > 0 && left_out == n {
        let exprs = plan.filter.iter().chain(&plan.selectors);
        exprs
            .into_iter()
            .find_map(|e| super::filter::why_none(&meta, e))
    } else {
        (plan.selectors.iter().zip(&chose))
            .filter(|(_, c)| **c == 0)
            .find_map(|(e, _)| super::filter::why_none(&meta, e))
    };
    // A value no document has, in a condition that kept others (`country IN ('USA', 'SUN')`,
    // where the USSR is `RUS`), is said, with the field's nearest values.
    if hint.is_none() && left_out < n {
        let flags = plan.filter.iter().map(|e| ("--where", e));
        let sides = ["--target-where", "--reference-where"].into_iter();
        for (flag, e) in flags.chain(sides.zip(&plan.selectors)) {
            for absent in super::filter::absent_values(&meta, e) {
                meta.notes.push(format!(
                    "{flag} {e}: {absent}; it keeps the documents of the others"
                ));
            }
        }
    }
    let mut k = keep.iter();
    found.files.retain(|_| *k.next().unwrap_or(&false));
    let mut k = keep.iter();
    found.group.retain(|_| *k.next().unwrap_or(&false));
    meta.frame = meta
        .frame
        .filter(&BooleanChunked::from_slice("keep".into(), &keep))?;
    Ok(Chosen {
        found,
        meta,
        groups,
        left_out,
        where_kept,
        chose,
        repeated,
        hint,
    })
}

/// Puts the files of each bin together (within each group of inputs, in their order
/// otherwise), with their metadata rows and bins: a worker then adds document after document
/// to the same bin's running sums and seldom moves its way into them to another bin.
fn by_bin(found: &mut GroupedFiles, meta: &mut Metadata, g: &mut Grouping) -> Result<()> {
    let mut order: Vec<usize> = (0..found.files.len()).collect();
    order.sort_by_key(|&i| (found.group[i], g.of_file[i].unwrap_or(u32::MAX)));
    let files = std::mem::take(&mut found.files);
    let mut files: Vec<Option<_>> = files.into_iter().map(Some).collect();
    found.files = order.iter().filter_map(|&i| files[i].take()).collect();
    found.group = order.iter().map(|&i| found.group[i]).collect();
    g.of_file = order.iter().map(|&i| g.of_file[i]).collect();
    let rows = IdxCa::from_vec("rows".into(), order.iter().map(|&i| i as IdxSize).collect());
    meta.frame = meta.frame.take(&rows)?;
    Ok(())
}

/// Finds, chooses, groups and analyses what `plan` says (see [`Plan`]).
pub fn analyse(plan: &Plan, lopts: &LoadOptions, opts: &Options) -> Result<Planned> {
    analyse_also(plan, lopts, opts, None)
}

/// [`analyse`], also giving each document's positions to `also` in the same reading
/// ([`crate::analysis::Analyser::also`]).
pub fn analyse_also(
    plan: &Plan,
    lopts: &LoadOptions,
    opts: &Options,
    also: Option<&dyn crate::analysis::AlsoRead>,
) -> Result<Planned> {
    let Chosen {
        mut found,
        mut meta,
        groups,
        left_out,
        where_kept,
        chose,
        repeated,
        hint,
    } = choose(plan, lopts)?;
    let mut grouping = if plan.group_by.is_empty() {
        None
    } else {
        Some(group(&meta, &plan.group_by)?)
    };
    if let (Some(g), Detail::Totals) = (&mut grouping, opts.detail) {
        by_bin(&mut found, &mut meta, g)?;
    }
    let mut run = if plan.hold {
        Analyser::holding(opts)
    } else {
        Analyser::new(opts)
    };
    if let (Some(g), Detail::Totals) = (&grouping, opts.detail) {
        // A document with no value for a field grouped by belongs to no group: it gets a bin
        // past the groups' (counted in the corpus's totals, in no group's).
        let none = g.groups.len() as u32;
        run = run.binned(g.of_file.iter().map(|b| b.unwrap_or(none)).collect());
    } else if opts.detail == Detail::Totals && groups > 1 {
        // Groups of inputs or of conditions (a target and a reference) are kept apart the
        // same way, each its bin (a file is in one group: `choose` keeps it in the first).
        run = run.binned(found.group.clone());
    }
    let run = run.also(also);
    let g = analysis::analyse_found(found, groups, lopts, run);
    // The metadata and the groups of the documents analysed, in the analysis's order.
    let rows = IdxCa::from_vec(
        "rows".into(),
        g.files.iter().map(|&f| f as IdxSize).collect(),
    );
    meta.frame = meta.frame.take(&rows)?;
    let grouping = grouping.map(|mut gr| {
        gr.of_file = g.files.iter().map(|&f| gr.of_file[f]).collect();
        gr
    });
    if let Some(note) = grouping.as_ref().and_then(Grouping::no_value_note) {
        meta.notes.push(note);
    }
    Ok(Planned {
        analysis: g.analysis,
        groups: g.groups,
        meta,
        grouping,
        repeated: g.repeated + repeated,
        left_out,
        where_kept,
        chose,
        hint,
        problems: g.problems,
    })
}
