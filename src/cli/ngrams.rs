//! `verbale ngrams`: sequences of n words, per corpus, document or group.

use super::common::{count_of, load_held, OutputArgs, SourceArgs};
use super::held::RowsArgs;
use anyhow::Result;
use clap::Args;
use std::path::PathBuf;
use verbale::out::{self, Format};
use verbale::phrases::{self, ngrams, NgramOptions};

/// Count n-grams: sequences of n words (matched by their stems), with their most frequent
/// form, documents, rate per 10,000 words, and how often they stand inside quotation marks
/// and scare quotes. N-grams never span documents, paragraphs, sentences (unless
/// --across-sentences) or punctuation (a hyphen or slash joining two words is no break), and
/// never cross the marks of a quoted phrase of two words or more (`clash of` of `the "clash of
/// civilizations"` is counted, `of clash` is not), while a quoted word joins its neighbours
/// (`so-called "elections"`); with
/// a stopword list (the default, `--stopwords none` for none) those that start or end with a
/// stopword are left out, as AntConc and quanteda users usually do.
#[derive(Args, Debug)]
#[command(after_help = "Examples:
  verbale ngrams speeches/ --n 2 --top 30
  verbale ngrams speeches/ --n 2 --n-max 4 --min-count 5 -o ngrams.parquet
  verbale ngrams speeches/ --n 3 --group-by year --top 10")]
pub struct NgramsArgs {
    /// Files, folders (searched recursively) or `-` for standard input.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub source: SourceArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    /// Words per n-gram (the shortest, with --n-max).
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u8).range(1..=5))]
    pub n: u8,
    /// Longest n-grams (up to 5).
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=5))]
    pub n_max: Option<u8>,
    /// Drop n-grams seen fewer than K times (in the corpus, or in the row's document or group).
    #[arg(long, default_value_t = 2, value_name = "K", value_parser = super::values::at_least_one::<u64>)]
    pub min_count: u64,
    /// Let n-grams run across sentence ends.
    #[arg(long)]
    pub across_sentences: bool,
    /// Keep the N most frequent n-grams (per document or group). Default: 20 in table
    /// format (no -f, -f table or a .txt output; piped too), all rows in other formats.
    #[arg(long, value_name = "N", value_parser = super::values::at_least_one::<usize>)]
    pub top: Option<usize>,
    #[command(flatten)]
    pub rows: RowsArgs,
}

/// Runs `ngrams`. Returns whether some input failed.
pub fn run(args: NgramsArgs) -> Result<bool> {
    let format = args.output.format()?;
    let dest = args.output.destination(&args.paths, &args.source)?;
    let o = NgramOptions {
        n_min: args.n as usize,
        n_max: args.n_max.map_or(args.n as usize, |m| m as usize),
        min_count: args.min_count,
        across_sentences: args.across_sentences,
        stop_edges: true,
    };
    o.check().map_err(|e| match e {
        verbale::Error::Invalid(m) => verbale::Error::Invalid(format!("--n/--n-max: {m}")),
        e => e,
    })?;
    let options = args.source.options(&args.paths)?;
    let per = args.rows.per();
    let h = load_held(&args.paths, &args.source, &options, &per)?;
    let levels = ngrams::count(&h.held, &o)?;
    let top = args.top.or((format == Format::Table).then_some(20));
    let rows = phrases::ngram_rows(&h.held, &levels, &o, top);
    let of_row: Vec<u32> = rows.iter().map(|r| r.bin).collect();
    let df = h
        .labels
        .prepend(phrases::ngram_frame(&h.held, &rows)?, &of_row)?;
    let lengths = if o.n_min == o.n_max {
        format!("{}-grams", o.n_min)
    } else {
        format!("{}- to {}-grams", o.n_min, o.n_max)
    };
    let header = format!(
        "{} ({}) in {}, {}",
        count_of(df.height() as u64, "row"),
        lengths,
        count_of(h.held.docs.len() as u64, "document"),
        count_of(h.held.tokens(), "word")
    );
    if df.height() == 0 && !args.source.quiet {
        eprintln!(
            "verbale: warning: no {lengths} seen at least {} times (n-grams stay within a \
             sentence, between punctuation); lower --n or --min-count",
            o.min_count
        );
    }
    let mut df = args.output.select(df)?;
    out::write(&mut df, format, args.output.options(Some(&header)), &dest)?;
    Ok(h.had_errors)
}
