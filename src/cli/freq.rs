//! `verbale freq`: term frequencies per corpus or per document.

use super::common::{count_of, By, InputArgs, Loaded, OutputArgs};
use anyhow::Result;
use clap::Args;
use verbale::analysis::Detail;
use verbale::frames::{self, Selection};
use verbale::out::{self, Format};

/// Count terms: a table of the most frequent stems with their display form, count, rate per
/// 10,000 tokens and how often they occur inside quotation marks.
#[derive(Args, Debug)]
pub struct FreqArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    /// Rows per corpus or per document.
    #[arg(long, value_enum, default_value_t = By::Corpus)]
    pub by: By,
    /// Keep the N most frequent terms (per document with --by doc). Default: 20 in a terminal
    /// table, all rows in other formats.
    #[arg(long)]
    pub top: Option<usize>,
    /// Drop terms seen fewer than N times.
    #[arg(long, default_value_t = 1)]
    pub min_count: u64,
}

/// Runs `freq`. Returns whether some input failed.
pub fn run(args: FreqArgs) -> Result<bool> {
    let format = args.output.format()?;
    let dest = args
        .output
        .destination(&args.input.paths, &args.input.source)?;
    let Loaded {
        analysis,
        had_errors,
        ..
    } = super::common::load(
        &args.input,
        match args.by {
            // Corpus rows need corpus totals only: memory stays with the vocabulary.
            By::Corpus => Detail::Totals,
            By::Doc => Detail::Documents,
        },
    )?;
    let top = args.top.or((format == Format::Table).then_some(20));
    let sel = Selection {
        min_count: args.min_count,
        top,
    };
    // Per-document rows go out a few hundred documents at a time: memory stays with the
    // counts, not with a frame of every row.
    let pieces: Box<dyn Iterator<Item = verbale::Result<_>>> = match args.by {
        By::Corpus => Box::new(std::iter::once(frames::corpus_terms(&analysis, sel))),
        By::Doc => Box::new(frames::terms_in_pieces(&analysis, sel, 256)),
    };
    let distinct = analysis.distinct_terms() as u64;
    let header = format!(
        "{}, {}, {}",
        count_of(analysis.docs.len() as u64, "document"),
        count_of(analysis.total_tokens(), "token"),
        count_of(distinct, "distinct term")
    );
    let pieces = pieces.map(|p| p.and_then(|df| args.output.select(df)));
    out::write_pieces(pieces, format, args.output.options(Some(&header)), &dest)?;
    Ok(had_errors)
}
