//! `verbale quotes`: quotation spans with their kind, cue and context, or the quoted-term table.

use super::common::{count_of, thousands, Ask, By, InputArgs, KindArg, Loaded, OutputArgs};
use anyhow::Result;
use clap::Args;
use polars::prelude::*;
use verbale::analysis::Detail;
use verbale::frames::{self, Selection, SpanFilter};
use verbale::out::{self, Format};
use verbale::quotes::Kind;

/// Find what statements put in quotation marks: every span with its kind (scare, term, title,
/// direct), the distancing cue before it, the classifier's confidence and the evidence behind it.
#[derive(Args, Debug)]
#[command(after_help = "Examples:
  verbale quotes statement.txt --kind scare
  verbale quotes speeches/ --terms --top 20
  verbale quotes speeches/ --quoted-phrases --kind scare --top 20
  verbale quotes $U --terms --group-by country --where 'year >= 2014' -o quoted.csv")]
pub struct QuotesArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    /// Only spans of this kind.
    #[arg(long, value_enum, default_value_t = KindArg::All)]
    pub kind: KindArg,
    /// Print the quoted-term table (terms by how often they are quoted) instead of spans.
    #[arg(long)]
    pub terms: bool,
    /// With --terms: rows per corpus or per document (ignored for spans, which always carry
    /// their document).
    #[arg(long, value_enum, default_value_t = By::Corpus)]
    pub by: By,
    /// The same as --by doc, as `acts`, `dict` and `ngrams` spell it.
    #[arg(long, conflicts_with = "by")]
    pub by_doc: bool,
    /// Print the quotation marks that found no partner instead of spans (marks have no kind:
    /// --kind other than all is refused).
    #[arg(long, conflicts_with_all = ["terms"])]
    pub unpaired: bool,
    /// Print the quoted phrases instead of spans: each quoted text case-folded, whole ("rules-based
    /// order" stays one row where --terms splits it into stems), with its most frequent
    /// spelling, count, scare count, documents, the cue most often before it and an example.
    /// (`--phrases FILE` is the shared flag that counts a list of phrases as terms.)
    #[arg(long, conflicts_with_all = ["terms", "unpaired"])]
    pub quoted_phrases: bool,
    /// Keep the first N rows (with --group-by: per group).
    #[arg(long, value_name = "N", value_parser = super::values::at_least_one::<usize>)]
    pub top: Option<usize>,
    /// With --terms: rows per group of documents with the same values of these fields
    /// (comma-separated), most scare-quoted first.
    #[arg(long, value_delimiter = ',', value_name = "FIELD", value_parser = super::values::field, requires = "terms")]
    pub group_by: Vec<String>,
    /// Show why each span got its kind: every kind's probability (`p_scare`, `p_term`,
    /// `p_title`, `p_direct`; the terminal table shows `p_scare` alone) and the model's
    /// non-zero features (`features`; the weights are in `data/lexicons/en/quote-model.tsv`;
    /// empty for languages without a fitted model).
    #[arg(long, conflicts_with_all = ["terms", "unpaired", "quoted_phrases"])]
    pub explain: bool,
    /// Only the uncertain scare calls: spans whose likeliest kind is scare but which
    /// --min-confidence called another kind (the kind column gives that other kind), with
    /// their p_scare.
    #[arg(long, requires = "min_confidence", conflicts_with_all = ["terms", "unpaired", "kind"])]
    pub below_threshold: bool,
}

/// `--terms` counts quoted and scare-quoted occurrences: refuses other kinds.
fn terms_kind(kind: Option<Kind>) -> Result<()> {
    match kind {
        None | Some(Kind::Scare) => Ok(()),
        Some(k) => Err(verbale::Error::Invalid(format!(
            "--terms counts quoted and scare-quoted occurrences; use --kind scare or all, not {}",
            k.name()
        ))
        .into()),
    }
}

/// `--terms --group-by`: quoted terms per group, most scare-quoted first.
fn group_terms(
    args: &QuotesArgs,
    kind: Option<Kind>,
    a: &verbale::analysis::Analysis,
    g: &verbale::meta::Grouping,
) -> Result<(DataFrame, String)> {
    terms_kind(kind)?;
    let per_group = Selection {
        min_count: 1,
        top: args.top,
    };
    let mut df = frames::group_terms(a, g, per_group, frames::GroupOrder::Quoted)?;
    if kind == Some(Kind::Scare) {
        df = scare_only(&df)?;
    }
    let h = format!(
        "{} in {} by {}",
        count_of(df.height() as u64, "quoted term row"),
        count_of(g.groups.len() as u64, "group"),
        g.fields.join(", ")
    );
    Ok((df, h))
}

/// The rows whose `scare` count is above 0.
fn scare_only(df: &DataFrame) -> Result<DataFrame> {
    let scare = df.column("scare")?.as_materialized_series().gt(0)?;
    Ok(df.filter(&scare)?)
}

/// `--terms`: quoted terms of the corpus or of each document (`--kind scare`: those in scare
/// quotes, most scare-quoted first).
fn terms(
    args: &QuotesArgs,
    kind: Option<Kind>,
    a: &verbale::analysis::Analysis,
) -> Result<(DataFrame, String)> {
    terms_kind(kind)?;
    let sel = Selection {
        min_count: 1,
        top: None,
    };
    let mut df = match args.by {
        By::Corpus => frames::corpus_quoted_terms(a, sel)?,
        By::Doc => frames::quoted_terms(a, sel)?,
    };
    if kind == Some(Kind::Scare) {
        df = scare_only(&df)?.sort(
            ["scare", "quoted"],
            SortMultipleOptions::default()
                .with_order_descending_multi([true, true])
                .with_maintain_order(true),
        )?;
    }
    let all = count_of(df.height() as u64, "quoted term");
    Ok(match args.top {
        Some(n) if n < df.height() => (df.head(Some(n)), format!("{n} of {all}")),
        _ => (df, all),
    })
}

/// Runs `quotes`. Returns whether some input failed.
pub fn run(mut args: QuotesArgs) -> Result<bool> {
    if args.by_doc {
        args.by = By::Doc;
    }
    let format = args.output.format()?;
    let dest = args
        .output
        .destination(&args.input.paths, &args.input.source)?;
    let kind = args.kind.kind();
    if let (true, Some(k)) = (args.unpaired, kind) {
        return Err(verbale::Error::Invalid(format!(
            "--unpaired lists quotation marks that found no partner, which have no kind: leave \
             out --kind {}",
            k.name()
        ))
        .into());
    }
    if args.below_threshold && args.input.source.text.min_confidence == 0.0 {
        return Err(verbale::Error::Invalid(
            "--below-threshold lists the scare calls a --min-confidence above 0 turned down; \
             with 0 there are none: give a threshold, e.g. --min-confidence 0.7"
                .into(),
        )
        .into());
    }
    // The uncertain calls are read by their p_scare: shown with them.
    let filter = SpanFilter {
        kind,
        explain: args.explain || args.below_threshold,
        below_threshold: args.below_threshold,
    };
    let mut options = args.input.source.options(&args.input.paths)?;
    options.detail = Detail::Documents;
    options.explain_quotes = args.explain;
    let ask = Ask::grouped_by(&args.group_by);
    let Loaded {
        analysis,
        grouping,
        had_errors,
        ..
    } = args.input.load(&options, ask)?;
    if !args.input.source.quiet {
        warn_long_spans(&analysis);
    }
    let (df, header) = if let (true, Some(g)) = (args.terms, &grouping) {
        group_terms(&args, kind, &analysis, g)?
    } else if args.terms {
        terms(&args, kind, &analysis)?
    } else if args.quoted_phrases {
        let all: Vec<usize> = (0..analysis.docs.len()).collect();
        let df = frames::quoted_phrases(&analysis, &all, filter)?;
        let mut h = count_of(df.height() as u64, "quoted phrase");
        if let Some(k) = kind {
            h.push_str(&format!(" in {} quotes", k.name()));
        }
        match args.top {
            Some(n) if n < df.height() => (df.head(Some(n)), format!("{n} of {h}")),
            _ => (df, h),
        }
    } else if args.unpaired {
        let df = frames::unpaired(&analysis)?;
        let h = format!("{} unpaired quotation marks", df.height());
        match args.top {
            Some(n) if n < df.height() => (df.head(Some(n)), format!("first {n} of {h}")),
            _ => (df, h),
        }
    } else if args.top.is_none()
        && matches!(
            format,
            Format::Csv | Format::Tsv | Format::Ndjson | Format::Parquet
        )
    {
        // Written as they are built: a document can hold hundreds of thousands of spans.
        let pieces =
            frames::quotes_in_pieces(&analysis, filter, 10_000).map(|p| args.output.select(p?));
        out::write_pieces(pieces, format, args.output.options(None), &dest)?;
        return Ok(had_errors);
    } else {
        let mut df = frames::quotes(&analysis, filter)?;
        let mut h = span_header(&df)?;
        if options.min_scare > 0.0 {
            h.push_str(&format!("; scare at p ≥ {}", options.min_scare));
        }
        if let Some(n) = args.top.filter(|&n| n < df.height()) {
            h = format!("first {n} of {h}");
            df = df.head(Some(n));
        }
        // The terminal's compact view, unless --columns chooses from every column.
        if format == Format::Table && args.output.columns.is_empty() {
            df = readable(&df)?;
        }
        (df, h)
    };
    let mut df = args.output.select(df)?;
    out::write(&mut df, format, args.output.options(Some(&header)), &dest)?;
    Ok(had_errors)
}

/// Names on standard error the quotations of over a thousand words
/// ([`verbale::frames::long_spans_note`]).
pub(super) fn warn_long_spans(a: &verbale::analysis::Analysis) {
    if let Some(note) = verbale::frames::long_spans_note(a) {
        eprintln!("verbale: note: {note}");
    }
}

fn span_header(df: &DataFrame) -> Result<String> {
    let kinds = df.column("kind")?.str()?;
    let mut parts = Vec::new();
    for k in Kind::ALL {
        let n = (0..kinds.len())
            .filter(|&i| kinds.get(i) == Some(k.name()))
            .count();
        parts.push(format!("{} {}", thousands(n as u64), k.name()));
    }
    Ok(format!(
        "{} ({})",
        count_of(df.height() as u64, "quotation span"),
        parts.join(", ")
    ))
}

/// The last words of `s` within about `chars` characters, `…` before them when words were
/// left out (a word is never cut).
fn last_words(s: &str, chars: usize) -> String {
    let n = s.chars().count();
    if n <= chars {
        return s.to_string();
    }
    let cut: String = s.chars().skip(n - chars).collect();
    match cut.split_once(' ') {
        Some((_, rest)) if !rest.is_empty() => format!("…{rest}"),
        _ => format!("…{cut}"),
    }
}

/// The first words of `s` within about `chars` characters, `…` after them when words were
/// left out (a word is never cut).
fn first_words(s: &str, chars: usize) -> String {
    if s.chars().count() <= chars {
        return s.to_string();
    }
    let cut: String = s.chars().take(chars).collect();
    match cut.rsplit_once(' ') {
        Some((kept, _)) if !kept.is_empty() => format!("{kept}…"),
        _ => format!("{cut}…"),
    }
}

/// The terminal view: doc, span, kind, confidence, cue, and the quotation in its context.
fn readable(df: &DataFrame) -> Result<DataFrame> {
    let left = df.column("left")?.str()?;
    let text = df.column("text")?.str()?;
    let right = df.column("right")?.str()?;
    let style = df.column("style")?.str()?;
    let ctx: Vec<String> = (0..df.height())
        .map(|i| {
            let l = left.get(i).unwrap_or("");
            let s = style.get(i).unwrap_or("\"\"");
            let mut marks = s.chars();
            let (o, c) = (marks.next().unwrap_or('"'), marks.next().unwrap_or('"'));
            verbale::quotes::in_context(
                &last_words(l, 30),
                [o, c],
                text.get(i).unwrap_or(""),
                &first_words(right.get(i).unwrap_or(""), 30),
            )
        })
        .collect();
    let mut out = df.select(["doc", "span", "kind", "confidence", "cue"])?;
    out.with_column(Column::new("quotation".into(), ctx))?;
    if let Ok(p) = df.column("p_scare") {
        out.with_column(p.clone())?;
    }
    if let Ok(f) = df.column("features") {
        if f.str()?.iter().any(|x| x.is_some_and(|x| !x.is_empty())) {
            out.with_column(f.clone())?;
        }
    }
    Ok(out)
}
