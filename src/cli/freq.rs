//! `verbale freq`: term frequencies per corpus or per document.

use super::common::{count_of, Ask, By, InputArgs, Loaded, OutputArgs};
use super::from_counts::load_counts;
use anyhow::Result;
use clap::Args;
use std::path::PathBuf;
use verbale::analysis::Detail;
use verbale::frames::{self, Selection};
use verbale::out::{self, Format};

/// Count terms: a table of the most frequent stems with their display form (its most frequent
/// word, and after a slash another word of the stem that makes up a tenth of its occurrences:
/// `Nations/national`), count, rate per 10,000 tokens and how often they occur inside
/// quotation marks.
#[derive(Args, Debug)]
#[command(after_help = "Examples:
  verbale freq speeches/ --top 30
  verbale freq speeches/ --by doc -o terms.parquet
  verbale freq $U --meta-name '{country}_{session}_{year}' --group-by year --no-numbers
  verbale freq data/ --phrases un --stopwords en+extra.txt
  verbale freq --from-counts shards/part1 shards/part2 --by doc -o terms.csv")]
#[command(mut_arg("paths", |a| a.required(false).required_unless_present("from_counts")))]
pub struct FreqArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    /// Rows per corpus or per document.
    #[arg(long, value_enum, default_value_t = By::Corpus)]
    pub by: By,
    /// The same as --by doc, as `acts`, `dict` and `ngrams` spell it.
    #[arg(long, conflicts_with = "by")]
    pub by_doc: bool,
    /// Keep the N most frequent terms (per document with --by doc). Default: 20 in table
    /// format (no -f, -f table or a .txt output; piped too), all rows in other formats.
    #[arg(long, value_name = "N", value_parser = super::values::at_least_one::<usize>)]
    pub top: Option<usize>,
    /// Drop terms seen fewer than N times.
    #[arg(long, default_value_t = 1, value_parser = super::values::at_least_one::<u64>)]
    pub min_count: u64,
    /// How evenly each term spreads over the documents, after per_10k: dp (Gries' DP, 0 spread
    /// as the documents' sizes are, near 1 in one small document), dp_norm (Lijffijt and
    /// Gries' normalisation, 1 for the smallest document alone) and juilland_d (Juilland's D
    /// over documents of unequal size, 1 even). Corpus rows only.
    #[arg(long, conflicts_with_all = ["by_doc", "group_by"])]
    pub dispersion: bool,
    /// Rows per group of documents with the same values of these fields (comma-separated;
    /// fields from --meta-name, --meta or a manifest.csv): each group's top terms, rates over
    /// the group's own tokens.
    #[arg(
        long,
        value_delimiter = ',',
        value_name = "FIELD", value_parser = super::values::field,
        conflicts_with = "by"
    )]
    pub group_by: Vec<String>,
    /// Compute from counts folders (`verbale counts`, one per part of a corpus) instead of
    /// reading documents: the tables of the whole corpus, without its texts.
    #[arg(long, value_name = "DIR", num_args = 1.., conflicts_with = "paths")]
    pub from_counts: Vec<PathBuf>,
}

/// Runs `freq`. Returns whether some input failed.
pub fn run(mut args: FreqArgs) -> Result<bool> {
    if args.by_doc {
        args.by = By::Doc;
    }
    if args.dispersion && args.by == By::Doc {
        return Err(verbale::Error::Invalid(
            "--dispersion: it gives each term's spread over the documents in corpus rows; leave out --by doc".into(),
        )
        .into());
    }
    let format = args.output.format()?;
    let dest =
        args.output
            .destination_also(&args.input.paths, &args.input.source, &args.from_counts)?;
    let (analysis, grouping, had_errors) = counted(&args)?;
    let top = args.top.or((format == Format::Table).then_some(20));
    let sel = Selection {
        min_count: args.min_count,
        top,
    };
    // Per-document rows as CSV or TSV are formatted straight from the counts, in parallel.
    if grouping.is_none() && args.by == By::Doc && matches!(format, Format::Csv | Format::Tsv) {
        let o = args.output.options(None);
        let cells = verbale::out::csv::Cells::new(format, o.raw_cells);
        let columns = args.output.renames();
        out::write_rows_with(format, &dest, o, |w| {
            frames::write_terms_csv(
                &analysis,
                sel,
                &columns,
                cells,
                true,
                frames::TERMS_CSV_PIECE,
                w,
            )
        })?;
        // The process ends here: freeing every document's counts one by one (tens of
        // milliseconds on UNGD) would only delay the exit.
        std::mem::forget(analysis);
        return Ok(had_errors);
    }
    // Other per-document rows go out a few hundred documents at a time: memory stays with the
    // counts, not with a frame of every row.
    let pieces: Box<dyn Iterator<Item = verbale::Result<_>>> = match (&grouping, args.by) {
        (Some(g), _) => Box::new(std::iter::once(frames::group_terms(
            &analysis,
            g,
            sel,
            frames::GroupOrder::Count,
        ))),
        (None, By::Corpus) if args.dispersion => Box::new(std::iter::once(
            frames::corpus_terms_dispersed(&analysis, sel),
        )),
        (None, By::Corpus) => Box::new(std::iter::once(frames::corpus_terms(&analysis, sel))),
        (None, By::Doc) => Box::new(frames::terms_in_pieces_ahead(&analysis, sel, 128, 2)),
    };
    let distinct = analysis.distinct_terms() as u64;
    let mut header = format!(
        "{}, {}, {}",
        count_of(analysis.docs.len() as u64, "document"),
        count_of(analysis.total_tokens(), "token"),
        count_of(distinct, "distinct term")
    );
    if let Some(g) = &grouping {
        header.push_str(&format!(
            ", {} by {}",
            count_of(g.groups.len() as u64, "group"),
            g.fields.join(", ")
        ));
    }
    let pieces = pieces.map(|p| p.and_then(|df| args.output.select(df)));
    out::write_pieces(pieces, format, args.output.options(Some(&header)), &dest)?;
    Ok(had_errors)
}

/// The counts `freq` shows: read from the documents (each document's counts when its rows or
/// its dispersion need them, running totals otherwise), or from counts folders; with the
/// groups of --group-by and whether some input failed.
fn counted(
    args: &FreqArgs,
) -> Result<(
    verbale::analysis::Analysis,
    Option<verbale::meta::Grouping>,
    bool,
)> {
    if args.from_counts.is_empty() {
        let mut options = args.input.source.options(&args.input.paths)?;
        // Corpus and group rows need running totals only: memory stays with the vocabulary;
        // document rows need each document's counts, not its spans.
        options.detail = match args.by {
            By::Corpus if !args.dispersion => Detail::Totals,
            _ => Detail::Counts,
        };
        // A table that shows no quoted or scare counts needs no quotations found.
        let quote_columns = ["quoted", "scare", "quote_ratio"];
        options.quotes = args.output.columns.is_empty()
            || args.output.columns.iter().any(|c| {
                let old = c.split_once('=').map_or(c.as_str(), |(_, o)| o);
                quote_columns.contains(&old)
            });
        let ask = Ask::grouped_by(&args.group_by);
        let Loaded {
            analysis,
            grouping,
            had_errors,
            ..
        } = args.input.load(&options, ask)?;
        Ok((analysis, grouping, had_errors))
    } else {
        let ask = Ask::grouped_by(&args.group_by);
        let loaded = load_counts(&args.from_counts, &args.input.source, ask)?;
        Ok((loaded.analysis, loaded.grouping, false))
    }
}
