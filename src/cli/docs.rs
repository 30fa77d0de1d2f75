//! `verbale docs`: one row per document: its size, quotations, lexical diversity, readability
//! and every metadata field.

use super::common::{count_of, Ask, InputArgs, Loaded, OutputArgs};
use super::from_counts::load_counts;
use anyhow::Result;
use clap::Args;
use std::path::PathBuf;
use verbale::frames;

/// List the documents: tokens, types (distinct case-folded word forms), quoted and scare-quoted tokens, quotations
/// (spans) and scare quotes (scare_spans); lexical diversity (ttr, mattr over 500 words, mtld, as lexicalrichness computes
/// them) and readability (sentences, mean_sentence_length, flesch, fk_grade, with syllables by
/// vowel groups), quoted_share and scare_per_10k; and every field of their metadata (file-name
/// pattern, manifest, front matter, folder). Those fields are what --where and --group-by use.
#[derive(Args, Debug)]
#[command(after_help = "Examples:
  verbale docs speeches/ --meta-name '{country}_{session}_{year}'
  verbale docs speeches/ --where \"country = 'RUS'\" -o russia.csv
  verbale docs speeches/ --group-by country --where \"year >= 2014\"
  verbale docs speeches/ --sort mtld --top 20
  verbale docs --from-counts shards/* --where \"year >= 2014\"")]
#[command(mut_arg("paths", |a| a.required(false).required_unless_present("from_counts")))]
pub struct DocsArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    /// Keep the first N rows (after --sort).
    #[arg(long, value_name = "N", value_parser = super::values::at_least_one::<usize>)]
    pub top: Option<usize>,
    /// Order the rows by this column: numbers largest first, text from A (ties keep the
    /// documents' order; empty values last).
    #[arg(long, value_name = "COLUMN")]
    pub sort: Option<String>,
    /// With --sort: smallest first (text from Z).
    #[arg(long, requires = "sort")]
    pub ascending: bool,
    /// A row per group of documents with the same values of these fields (comma-separated):
    /// documents, tokens, quotations and scare quotes summed; quoted_share and scare_per_10k
    /// of the group's words together; every other measure the mean over its documents.
    #[arg(long, value_delimiter = ',', value_name = "FIELD", value_parser = super::values::field)]
    pub group_by: Vec<String>,
    /// List the documents of counts folders (`verbale counts`) instead of reading them: the
    /// same rows, without the paths.
    #[arg(long, value_name = "DIR", num_args = 1.., conflicts_with = "paths")]
    pub from_counts: Vec<PathBuf>,
    /// MATTR's moving window, in words (default 500; quanteda's `textstat_lexdiv` and
    /// lexicalrichness default to 100). A document shorter than the window gets its TTR.
    #[arg(long, value_name = "N", default_value_t = verbale::analysis::MATTR_WINDOW,
          value_parser = super::values::at_least_one::<usize>, conflicts_with = "from_counts")]
    pub mattr_window: usize,
}

/// Runs `docs`. Returns whether some input failed.
pub fn run(args: DocsArgs) -> Result<bool> {
    let format = args.output.format()?;
    let dest =
        args.output
            .destination_also(&args.input.paths, &args.input.source, &args.from_counts)?;
    let ask = Ask::grouped_by(&args.group_by);
    let Loaded {
        analysis,
        meta,
        grouping,
        had_errors,
        ..
    } = if args.from_counts.is_empty() {
        let mut options = args.input.source.options(&args.input.paths)?;
        options.doc_measures = true;
        options.mattr_window = args.mattr_window;
        // The documents' counts and measures; their spans are not shown.
        options.detail = verbale::analysis::Detail::Counts;
        let readability = |c: &String| c.contains("flesch") || c.contains("fk_grade");
        let shown = args.output.columns.is_empty() || args.output.columns.iter().any(readability);
        if options.lang.code != "en" && shown && !args.input.source.quiet {
            eprintln!(
                "verbale: warning: flesch and fk_grade are the English formulas (Flesch 1948, \
                 Kincaid 1975, syllables by an English rule): for --lang {} they compare \
                 documents with each other only, not with published scores of that language",
                options.lang.code
            );
        }
        args.input.load(&options, ask)?
    } else {
        load_counts(&args.from_counts, &args.input.source, ask)?
    };
    let mut df = match &grouping {
        Some(g) => frames::docs_by_group(&analysis, g)?,
        None => frames::docs(&analysis, &meta.frame)?,
    };
    let all = df.height();
    if let Some(col) = &args.sort {
        df = sorted(df, col, args.ascending)?;
    }
    if let Some(n) = args.top {
        df = df.head(Some(n));
    }
    let shown = if df.height() < all {
        format!("{} of ", df.height())
    } else {
        String::new()
    };
    let header = match &grouping {
        Some(g) => format!(
            "{shown}{} by {} ({}; measures are means over each group's documents)",
            count_of(all as u64, "group"),
            g.fields.join(", "),
            count_of(analysis.docs.len() as u64, "document")
        ),
        None => format!(
            "{shown}{}; fields: {}",
            count_of(all as u64, "document"),
            meta.field_list()
        ),
    };
    let mut df = args.output.select(df)?;
    verbale::out::write(&mut df, format, args.output.options(Some(&header)), &dest)?;
    Ok(had_errors)
}

/// The rows ordered by column `col`: numbers largest first and text from A, or the reverse with
/// `ascending`; ties keep their order, and empty values come last.
fn sorted(
    df: polars::prelude::DataFrame,
    col: &str,
    ascending: bool,
) -> verbale::Result<polars::prelude::DataFrame> {
    use polars::prelude::*;
    let Ok(c) = df.column(col) else {
        let names: Vec<&str> = df.get_column_names().iter().map(|s| s.as_str()).collect();
        return Err(verbale::Error::Invalid(format!(
            "--sort: no column '{col}'{}; this table has {}",
            verbale::error::did_you_mean(col, names.iter().copied()),
            names.join(", ")
        )));
    };
    let text = c.dtype().is_string();
    // Text reads from A, numbers from the largest; --ascending turns either round.
    let descending = text == ascending;
    Ok(df.sort(
        [col],
        SortMultipleOptions::default()
            .with_order_descending(descending)
            .with_nulls_last(true)
            .with_maintain_order(true),
    )?)
}
