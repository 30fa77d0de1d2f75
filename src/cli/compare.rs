//! `verbale compare`: keyness of a target against a reference, document similarity, and terms
//! one side quotes while the other uses them plainly.

use super::common::{count_of, load_groups, GroupArgs, OutputArgs, SourceArgs};
use anyhow::Result;
use clap::{Args, ValueEnum};
use polars::prelude::SortMultipleOptions;
use std::path::PathBuf;
use verbale::compare::{self, KeynessOptions};
use verbale::out::{self, Format};
use verbale::stats::Compat;

/// Which comparison table to print.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    /// Terms over- and under-used in the target (G², χ², p, Log Ratio).
    Keyness,
    /// Pairwise document similarity (cosine, Jaccard).
    Similarity,
    /// Terms quoted on one side and used plainly on the other.
    Quotes,
}

/// Compare statements: which terms the target uses far more (or less) than the reference, how
/// alike the documents are, and which terms one side puts in quotation marks.
#[derive(Args, Debug)]
pub struct CompareArgs {
    /// Two documents or folders: target, then reference (with --table similarity, any number
    /// of paths, compared pairwise).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub groups: GroupArgs,
    #[command(flatten)]
    pub source: SourceArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    /// Table to print.
    #[arg(long, value_enum, default_value_t = Table::Keyness)]
    pub table: Table,
    /// Whose χ² convention to follow: quanteda's (Yates' correction by its rule) or AntConc's
    /// (no correction). G² is uncorrected under both, as quanteda's `measure = "lr",
    /// correction = "none"` (quanteda's own default for G² is Williams' correction).
    #[arg(long, value_enum, default_value_t = CompatArg::Quanteda)]
    pub compat: CompatArg,
    /// Drop terms seen fewer than N times in target and reference together.
    #[arg(long, default_value_t = 1)]
    pub min_count: u64,
    /// Keep terms with p at or below this value (above 0, at most 1).
    #[arg(long, value_parser = p_value)]
    pub p: Option<f64>,
    /// Multiply p by the number of terms tested before filtering with --p.
    #[arg(long)]
    pub bonferroni: bool,
    /// Keyness: the N most over-used and N most under-used terms; other tables: first N rows.
    /// Default: 20 in a terminal table, all rows in other formats.
    #[arg(long)]
    pub top: Option<usize>,
    /// Similarity: cosine on tf-idf weights instead of relative frequencies.
    #[arg(long)]
    pub tfidf: bool,
}

/// A p-value threshold: a number above 0 and at most 1.
fn p_value(s: &str) -> std::result::Result<f64, String> {
    match s.parse::<f64>() {
        Ok(p) if p > 0.0 && p <= 1.0 => Ok(p),
        _ => Err(format!(
            "{s} is not a p-value threshold; use a number above 0 and at most 1, such as 0.05"
        )),
    }
}

/// `--compat`.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompatArg {
    /// quanteda's textstat_keyness χ² (Yates' correction where quanteda applies it).
    Quanteda,
    /// AntConc's keyword list (χ² without correction).
    Antconc,
}

/// Document pairs sorted by similarity at most; more are listed in document order as they
/// are computed (about 2,000 documents).
const SORTED_PAIRS: u64 = 2_000_000;

/// Runs `compare`. Returns whether some input failed.
pub fn run(args: CompareArgs) -> Result<bool> {
    let (target, reference) = if args.table == Table::Similarity
        && !args.paths.is_empty()
        && args.groups.target.is_empty()
        && args.groups.reference.is_empty()
    {
        // Similarity needs no sides: every document against every other.
        (args.paths.clone(), Vec::new())
    } else {
        args.groups.resolve(&args.paths, "compare")?
    };
    let format = args.output.format()?;
    let all: Vec<PathBuf> = target.iter().chain(&reference).cloned().collect();
    let dest = args.output.destination(&all, &args.source)?;
    let options = args.source.text.options()?;
    let mut groups = vec![target.clone()];
    if !reference.is_empty() {
        groups.push(reference.clone());
    }
    let loaded = load_groups(&groups, &args.source, &options, false)?;
    let a = &loaded.analysis;
    let ti = loaded.groups[0].clone();
    let ri = loaded.groups.get(1).cloned().unwrap_or_default();
    let nt = ti.len();
    let top = args.top.or((format == Format::Table).then_some(20));
    let name = |p: &[PathBuf]| {
        p.iter()
            .map(|x| x.display().to_string())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let (df, header) = match args.table {
        Table::Keyness => {
            let o = KeynessOptions {
                compat: match args.compat {
                    CompatArg::Quanteda => Compat::Quanteda,
                    CompatArg::Antconc => Compat::Antconc,
                },
                min_count: args.min_count,
                p_max: args.p,
                bonferroni: args.bonferroni,
            };
            let mut df = compare::keyness(a, &ti, &ri, o)?;
            if let Some(n) = top {
                if df.height() > 2 * n {
                    let tail = df.tail(Some(n));
                    df = df.head(Some(n)).vstack(&tail)?;
                }
            }
            let h = format!(
                "target {} ({}, {}) vs reference {} ({}, {}); positive G² = over-used in the target",
                name(&target),
                count_of(nt as u64, "document"),
                count_of(ti.iter().map(|&i| a.docs[i].tokens).sum(), "token"),
                name(&reference),
                count_of(ri.len() as u64, "document"),
                count_of(ri.iter().map(|&i| a.docs[i].tokens).sum(), "token"),
            );
            (df, h)
        }
        Table::Similarity => {
            if args.tfidf && a.docs.len() < 3 && !args.source.quiet {
                eprintln!("verbale: warning: with two documents every shared term has idf 0, so tf-idf cosine is 0; compare three or more");
            }
            let n = a.docs.len() as u64;
            let all = n * n.saturating_sub(1) / 2;
            let pairs = count_of(all, "document pair");
            match top {
                Some(k) => {
                    let df = compare::similarity_top(a, args.tfidf, k)?;
                    let h = if (df.height() as u64) < all {
                        format!("{} most similar of {pairs}", df.height())
                    } else {
                        pairs
                    };
                    (df, h)
                }
                // Most similar pairs first, when sorting them does not mean holding millions.
                None if all <= SORTED_PAIRS => {
                    let df = compare::similarity(a, args.tfidf)?.sort(
                        ["cosine"],
                        SortMultipleOptions::default()
                            .with_order_descending(true)
                            .with_maintain_order(true),
                    )?;
                    (df, pairs)
                }
                None => {
                    if !args.source.quiet {
                        eprintln!(
                            "verbale: {pairs}, listed in document order as they are computed \
                             (sorting them would hold them all; --top N gives the most similar)"
                        );
                    }
                    let pieces = compare::similarity_pieces(a, args.tfidf, 64)?
                        .map(|p| args.output.select(p?));
                    out::write_pieces(pieces, format, args.output.options(None), &dest)?;
                    return Ok(loaded.had_errors);
                }
            }
        }
        Table::Quotes => {
            let df = compare::quote_contrast(a, &ti, &ri)?;
            let all = df.height();
            let df = match top {
                Some(n) => df.head(Some(n)),
                None => df,
            };
            let h = format!("{} of {all} terms quoted on at least one side", df.height());
            (df, h)
        }
    };
    let mut df = args.output.select(df)?;
    out::write(&mut df, format, args.output.options(Some(&header)), &dest)?;
    Ok(loaded.had_errors)
}
