//! `verbale collocates`: the words in a window around a word, scored, with their quotation
//! marks counted apart.

use super::common::{count_of, load_held, OutputArgs, RowsPer, SourceArgs};
use anyhow::Result;
use clap::{Args, ValueEnum};
use std::path::PathBuf;
use verbale::out::{self, Format};
use verbale::phrases::{self, collocates, Measure};

/// Collocates of a word: the words within --window words of it (or --left/--right), counted
/// and scored as AntConc and #LancsBox score them (expected = node frequency × window size ×
/// collocate frequency / corpus words): MI, t, z and log-likelihood; and Dice as WordSmith
/// gives it (over the node's frequency). `quoted` counts the
/// pairs inside one quotation, `node_scare` those where the word itself is scare-quoted;
/// `--node-in scare` keeps only its scare-quoted occurrences.
#[derive(Args, Debug)]
#[command(after_help = "Examples:
  verbale collocates elections speeches/ --window 5 --top 20
  verbale collocates elections speeches/ --node-in scare --measure mi --min-count 2
  verbale collocates sanctions speeches/ --left 3 --right 0")]
pub struct CollocatesArgs {
    /// The word (matched by its stem, as `kwic --stem`), or a phrase of several words (matched
    /// as written, as `--phrases` matches: `human rights` is not `human right`).
    #[arg(value_name = "TERM")]
    pub term: String,
    /// Files, folders (searched recursively) or `-` for standard input.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub source: SourceArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    /// Words on each side.
    #[arg(long, default_value_t = 5)]
    pub window: usize,
    /// Words to the left, instead of --window on that side (the right keeps --window unless
    /// --right is given: `--left 3 --right 0` for the left alone).
    #[arg(long)]
    pub left: Option<usize>,
    /// Words to the right, instead of --window on that side.
    #[arg(long)]
    pub right: Option<usize>,
    /// The score rows are sorted by (`--score`, as `chart collocates` names it, too).
    #[arg(long, value_enum, default_value_t = MeasureArg::Ll, visible_alias = "score")]
    pub measure: MeasureArg,
    /// Drop collocates seen fewer than K times in the windows.
    #[arg(long, default_value_t = 2, value_name = "K", value_parser = super::values::at_least_one::<u64>)]
    pub min_count: u64,
    /// Which occurrences of the word count.
    #[arg(long, value_enum, default_value_t = NodeInArg::All)]
    pub node_in: NodeInArg,
    /// Keep the N first rows. Default: 20 in table format (no -f, -f table or a .txt output;
    /// piped too), all rows in other formats.
    #[arg(long, value_name = "N", value_parser = super::values::at_least_one::<usize>)]
    pub top: Option<usize>,
}

/// Scores on the command line.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeasureArg {
    /// Log-likelihood (G²) over the table of the windows' words (the node's frequency × the
    /// window).
    Ll,
    /// Mutual information.
    Mi,
    /// t-score.
    T,
    /// z-score.
    Z,
    /// Dice coefficient, 2·count / (node frequency + collocate frequency), as WordSmith gives
    /// it: 1 for a word beside every occurrence of the node and nowhere else (more than 1
    /// where it stands more than once in the node's windows).
    Dice,
}

/// Occurrences of the word on the command line.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeInArg {
    /// Every occurrence.
    All,
    /// Inside quotation marks.
    Quoted,
    /// Inside scare quotes.
    Scare,
}

/// Runs `collocates`. Returns whether some input failed.
pub fn run(args: CollocatesArgs) -> Result<bool> {
    // `collocates speeches/ sanctions` (kwic's order): the term names a folder, the path none.
    if std::path::Path::new(&args.term).exists() && args.paths.iter().any(|p| !p.exists()) {
        return Err(verbale::Error::Invalid(format!(
            "collocates takes the term first, then the files or folders: `verbale collocates \
             {} {}`",
            args.paths[0].display(),
            args.term
        ))
        .into());
    }
    if args.term.contains(['*', '?']) {
        return Err(verbale::Error::Invalid(format!(
            "collocates takes a word or a phrase, not a pattern: '{}' (a word stands for every \
             word of its stem: `sanctions` finds sanction and sanctioned; `verbale kwic '{}'` \
             lists the words a pattern matches)",
            args.term, args.term
        ))
        .into());
    }
    let format = args.output.format()?;
    let dest = args.output.destination(&args.paths, &args.source)?;
    let o = collocates::CollocateOptions {
        left: args.left.unwrap_or(args.window),
        right: args.right.unwrap_or(args.window),
        min_count: args.min_count,
        node_in: match args.node_in {
            NodeInArg::All => collocates::NodeIn::All,
            NodeInArg::Quoted => collocates::NodeIn::Quoted,
            NodeInArg::Scare => collocates::NodeIn::Scare,
        },
        skip_stopwords: true,
    };
    if o.left + o.right == 0 {
        return Err(verbale::Error::Invalid(
            "--window 0 (or --left 0 --right 0) leaves no word around the node".into(),
        )
        .into());
    }
    let options = super::held::with_phrase_node(args.source.options(&args.paths)?, &args.term)?;
    let key = options.term_key(&args.term);
    let h = load_held(&args.paths, &args.source, &options, &RowsPer::Corpus)?;
    let phrase = args.term.split_whitespace().count() > 1;
    let node = h.held.term_id(&key).ok_or_else(|| {
        verbale::Error::Nothing(if phrase {
            format!(
                "'{}' is not in these documents as written (a phrase is matched word for word); \
                 no collocates",
                args.term
            )
        } else {
            format!(
                "'{}' (stem '{key}') is not in these documents; no collocates",
                args.term
            )
        })
    })?;
    let c = collocates::collocates(&h.held, node, &o)?;
    let measure = match args.measure {
        MeasureArg::Ll => Measure::Ll,
        MeasureArg::Mi => Measure::Mi,
        MeasureArg::T => Measure::T,
        MeasureArg::Z => Measure::Z,
        MeasureArg::Dice => Measure::Dice,
    };
    let top = args.top.or((format == Format::Table).then_some(20));
    let df = phrases::collocate_frame(&h.held, &c, measure, top)?;
    // The node is a term: name its stem when that is not the word given.
    // A phrase of several words is matched as written (each word, case aside, or as a `*`
    // pattern gives it), as `--phrases` and quanteda's tokens_compound match it.
    let node_named = if phrase {
        format!("'{}' (a phrase, its words as written)", args.term)
    } else if key == args.term.to_lowercase() {
        format!("'{}'", args.term)
    } else {
        format!("'{}' (the term {key}, all its forms)", args.term)
    };
    let header = format!(
        "{} of {node_named} ({}, {} scare-quoted) in windows of {} left and {} right, {}",
        count_of(df.height() as u64, "collocate"),
        count_of(c.node_freq, "occurrence"),
        c.node_scare,
        o.left,
        o.right,
        count_of(c.tokens, "word")
    );
    let mut df = args.output.select(df)?;
    out::write(&mut df, format, args.output.options(Some(&header)), &dest)?;
    Ok(h.had_errors)
}
