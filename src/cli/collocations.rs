//! `verbale collocations`: word sequences that hold together, scored as quanteda and NLTK do.

use super::common::{count_of, load_held, thousands, OutputArgs, RowsPer, SourceArgs};
use anyhow::Result;
use clap::{Args, ValueEnum};
use polars::prelude::{DataFrame, SortMultipleOptions};
use std::path::PathBuf;
use verbale::out::{self, Format};
use verbale::phrases::{self, collocations::CollocationOptions};

/// Find collocations: sequences of 2 to 5 words (stems) seen at least --min-count times, with
/// quanteda's `textstat_collocations` λ and z (all 2^K cells, smoothing 0.5) and, for pairs,
/// PMI, Student's t, χ², G² and Dice by the formulas of NLTK's `BigramAssocMeasures`. Every
/// measure counts the windows of the corpus that span no punctuation, paragraph or sentence
/// end: a pair's margins are how often each word begins or ends such a window, and the total
/// is the windows (NLTK's `BigramCollocationFinder` gives its formulas word frequencies and
/// the word total, over text it does not break at punctuation, so its figures differ a
/// little). Sequences that start or end with a stopword are left out (`--stopwords none`
/// keeps them, as quanteda does by default).
#[derive(Args, Debug)]
#[command(after_help = "Examples:
  verbale collocations speeches/ --top 20
  verbale collocations speeches/ --size 2..3 --min-count 5 --sort g2 -o collocations.csv
  verbale collocations statement.txt --stopwords none --no-stem --min-count 2")]
pub struct CollocationsArgs {
    /// Files, folders (searched recursively) or `-` for standard input.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub source: SourceArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    /// Sequence lengths: `2`, or a range `2..5`.
    #[arg(long, visible_alias = "n", default_value = "2", value_parser = parse_size)]
    pub size: (usize, usize),
    /// Fewest occurrences of a sequence to be scored.
    #[arg(long, default_value_t = 2, value_name = "K", value_parser = super::values::at_least_one::<u64>)]
    pub min_count: u64,
    /// Added to each of the 2^K cells before λ is computed (quanteda's default).
    #[arg(long, default_value_t = 0.5)]
    pub smoothing: f64,
    /// Let sequences run across sentence ends.
    #[arg(long)]
    pub across_sentences: bool,
    /// Order of the rows (largest first; the bigram measures leave longer sequences last).
    #[arg(long, value_enum, default_value_t = Sort::Z)]
    pub sort: Sort,
    /// Keep the N first rows. Default: 20 in table format (no -f, -f table or a .txt output;
    /// piped too), all rows in other formats.
    #[arg(long, value_name = "N", value_parser = super::values::at_least_one::<usize>)]
    pub top: Option<usize>,
}

/// What collocations are sorted by.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    /// quanteda's z.
    Z,
    /// quanteda's λ.
    Lambda,
    /// Occurrences.
    Count,
    /// Pointwise mutual information (bigrams).
    Pmi,
    /// Student's t (bigrams).
    T,
    /// Pearson's χ² (bigrams).
    Chi2,
    /// Log-likelihood G² (bigrams).
    G2,
    /// Dice coefficient (bigrams).
    Dice,
}

/// `2` or `2 to 5`.
fn size_text((a, b): (usize, usize)) -> String {
    if a == b {
        a.to_string()
    } else {
        format!("{a} to {b}")
    }
}

/// `2`, `2..5` or `2-5`, each from 2 to 5.
fn parse_size(s: &str) -> std::result::Result<(usize, usize), String> {
    let (a, b) = s
        .split_once("..")
        .or_else(|| s.split_once('-'))
        .unwrap_or((s, s));
    let num = |x: &str| {
        x.trim()
            .parse::<usize>()
            .ok()
            .filter(|n| (2..=5).contains(n))
            .ok_or_else(|| format!("'{x}': sizes are whole numbers from 2 to 5"))
    };
    let (a, b) = (num(a)?, num(b)?);
    if a > b {
        return Err(format!("'{s}': the shorter size comes first"));
    }
    Ok((a, b))
}

/// Runs `collocations`. Returns whether some input failed.
pub fn run(args: CollocationsArgs) -> Result<bool> {
    let format = args.output.format()?;
    let dest = args.output.destination(&args.paths, &args.source)?;
    if !(args.smoothing >= 0.0 && args.smoothing.is_finite()) {
        return Err(verbale::Error::Invalid("--smoothing must be 0 or more".into()).into());
    }
    let options = args.source.options(&args.paths)?;
    let h = load_held(&args.paths, &args.source, &options, &RowsPer::Corpus)?;
    let o = CollocationOptions {
        sizes: args.size,
        min_count: args.min_count,
        smoothing: args.smoothing,
        across_sentences: args.across_sentences,
        stop_edges: true,
    };
    let rows = phrases::collocations::collocations(&h.held, &o)?;
    let df = sorted(phrases::collocation_frame(&h.held, &rows)?, args.sort)?;
    let top = args.top.or((format == Format::Table).then_some(20));
    let all = df.height();
    let df = match top {
        Some(n) => df.head(Some(n)),
        None => df,
    };
    let header = format!(
        "{} of {} scored (seen at least {} times) in {}, {}",
        count_of(df.height() as u64, "collocation"),
        thousands(all as u64),
        thousands(args.min_count),
        count_of(h.held.docs.len() as u64, "document"),
        count_of(h.held.tokens(), "word")
    );
    if all == 0 && !args.source.quiet {
        eprintln!(
            "verbale: warning: no sequence of {} words seen at least {} times (collocations \
             stay within a sentence, between punctuation); lower --size or --min-count",
            size_text(args.size),
            args.min_count
        );
    }
    let mut df = args.output.select(df)?;
    out::write(&mut df, format, args.output.options(Some(&header)), &dest)?;
    Ok(h.had_errors)
}

/// The frame sorted by `by`, largest first (nulls last), ties in the frame's order (by z).
fn sorted(df: DataFrame, by: Sort) -> Result<DataFrame> {
    let col = match by {
        Sort::Z => return Ok(df),
        Sort::Lambda => "lambda",
        Sort::Count => "count",
        Sort::Pmi => "pmi",
        Sort::T => "t",
        Sort::Chi2 => "chi2",
        Sort::G2 => "g2",
        Sort::Dice => "dice",
    };
    Ok(df.sort(
        [col],
        SortMultipleOptions::default()
            .with_order_descending(true)
            .with_nulls_last(true)
            .with_maintain_order(true),
    )?)
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn sizes_parse_and_refuse_what_quanteda_refuses() {
        assert_eq!(parse_size("2"), Ok((2, 2)));
        assert_eq!(parse_size("2..5"), Ok((2, 5)));
        assert_eq!(parse_size("3-4"), Ok((3, 4)));
        assert!(parse_size("1").is_err());
        assert!(parse_size("2..6").is_err());
        assert!(parse_size("4..2").is_err());
    }
}
