//! `verbale compare`: keyness of a target against a reference, document similarity, and terms
//! one side quotes while the other uses them plainly.

use super::common::{
    count_of, load, load_held, named_as_read, side_name, thousands, Ask, GroupArgs, Loaded,
    OutputArgs, RowsPer, Sides, SourceArgs,
};
use super::from_counts::load_counts;
use anyhow::Result;
use clap::{Args, ValueEnum};
use polars::prelude::{DataFrame, SortMultipleOptions};
use std::path::PathBuf;
use verbale::analysis::{Term, TermTotals};
use verbale::compare::{self, KeySort, KeynessOptions};
use verbale::out::{self, Format};
use verbale::phrases::NgramOptions;
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
#[command(after_help = "Examples:
  verbale compare ARM_75_2020.txt AZE_75_2020.txt --top 15
  verbale compare $U --target-where \"country = 'RUS' AND year >= 2014\" \\
                     --reference-where \"country = 'RUS' AND year <= 2013\" --ngrams 2
  verbale compare speeches/ --table similarity --top 10
  verbale compare $U --group-by country --where \"country in ('ARM', 'AZE')\"
  verbale compare --from-counts shards/* --target-where \"year >= 2014\" --reference-where \"year < 2014\"")]
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
    /// Whose convention to follow: quanteda's (χ² with Yates' correction by its rule, and p
    /// from that χ², as `textstat_keyness` with its default measure) or AntConc's (χ² without
    /// correction, and p from G², its log-likelihood keyness). G² is uncorrected under both,
    /// as AntConc's log-likelihood and quanteda's `measure = "lr", correction = "none"`. quanteda's own default for G² is not that: its
    /// keyness.cpp moves the four cells by Yates' correction under `correction = "default"`
    /// too, so its default G² differs where the correction applies (small expected counts), and
    /// it takes log(O/E + 1e-9), which puts its G² about 2e-9·N above verbale's. `--compat`
    /// sets the statistics, not the counts: verbale folds a curly apostrophe to a straight one
    /// before stemming (`Azerbaijan’s` counts as `azerbaijan`), while a quanteda pipeline with
    /// SnowballC leaves `azerbaijan’` apart, so terms with curly possessives differ in count.
    /// The totals are every word and number of each side, stopwords included (a dfm that keeps
    /// its stopwords), under both.
    #[arg(long, value_enum, default_value_t = CompatArg::Quanteda)]
    pub compat: CompatArg,
    /// Drop terms seen fewer than N times in target and reference together.
    #[arg(long, default_value_t = 1, value_parser = super::values::at_least_one::<u64>)]
    pub min_count: u64,
    /// Keep terms with p at or below this value (above 0, at most 1); p is that of χ² under
    /// `--compat quanteda` (the default) and of G² under `--compat antconc`.
    #[arg(long, value_parser = p_value)]
    pub p: Option<f64>,
    /// Multiply p by the number of terms tested before filtering with --p: the `p` column
    /// then holds the adjusted p (at most 1), as the header says.
    #[arg(long)]
    pub bonferroni: bool,
    /// Keyness: keep a term only when at least N documents of the side that over-uses it use
    /// it (the target_docs and reference_docs columns; AntConc's range), so that one
    /// speech's word does not lead a side of many.
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = super::values::at_least_one::<u64>)]
    pub min_docs: u64,
    /// Keyness: the statistic rows are ranked by, and the most over- and under-used chosen by.
    #[arg(long, value_enum, default_value_t = SortArg::G2)]
    pub sort: SortArg,
    /// Keyness: the N most over-used and N most under-used terms; other tables: first N rows.
    /// Default: 20 in table format (no -f, -f table or a .txt output; piped too), all rows in
    /// other formats.
    #[arg(long, value_name = "N", value_parser = super::values::at_least_one::<usize>)]
    pub top: Option<usize>,
    /// With --table quotes: only scare quotes count as quoting, so terms one side holds at a
    /// distance stand apart from direct quotations and titles.
    #[arg(long)]
    pub scare: bool,
    /// Similarity: cosine on tf-idf weights instead of relative frequencies.
    #[arg(long)]
    pub tfidf: bool,
    /// Keyness of each group of documents with the same values of these fields against all
    /// the other documents, in one table (quanteda's one-against-the-rest).
    #[arg(long, value_delimiter = ',', value_name = "FIELD", value_parser = super::values::field)]
    pub group_by: Vec<String>,
    /// Keyness of n-grams of N words (2 to 5) instead of single terms, counted as `verbale
    /// ngrams` counts them (within a sentence, between punctuation, none starting or ending
    /// with a stopword); each side's total is its number of n-grams, as in a quanteda dfm of
    /// n-grams.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(2..=5))]
    pub ngrams: Option<u8>,
    /// Compare from counts folders (`verbale counts`, one per part of a corpus) instead of
    /// reading documents: the sides by --target-where/--reference-where, or --group-by.
    #[arg(long, value_name = "DIR", num_args = 1.., conflicts_with_all = ["paths", "ngrams"])]
    pub from_counts: Vec<PathBuf>,
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
    if args.scare && args.table != Table::Quotes {
        return Err(verbale::Error::Invalid(
            "--scare chooses the quotations of --table quotes; add --table quotes".into(),
        )
        .into());
    }
    // Similarity pairs every document of both sides; with the reference taken as the rest,
    // that is every document of the paths.
    if args.table == Table::Similarity
        && args.groups.target_where.is_some()
        && args.groups.reference_where.is_none()
    {
        return Err(verbale::Error::Invalid(
            "--table similarity pairs every document of both sides, and without \
             --reference-where the reference is every other document: give --reference-where \
             too, or choose the documents with --where"
                .into(),
        )
        .into());
    }
    // Similarity and one-group-against-the-rest need no sides: the documents of the paths.
    let one_set = (args.table == Table::Similarity || !args.group_by.is_empty())
        && !args.paths.is_empty()
        && args.groups.target.is_empty()
        && args.groups.target_where.is_none();
    if !args.from_counts.is_empty() {
        return from_counts(&args);
    }
    let sides = if one_set {
        Sides {
            inputs: vec![args.paths.clone()],
            selectors: Vec::new(),
            names: [side_name(&args.paths), String::new()],
        }
    } else {
        args.groups.resolve(&args.paths, "compare")?
    };
    let format = args.output.format()?;
    let all: Vec<PathBuf> = sides.inputs.iter().flatten().cloned().collect();
    let dest = args.output.destination(&all, &args.source)?;
    let mut options = args.source.options(&all)?;
    if args.table == Table::Keyness && args.ngrams.is_none() {
        // Keyness needs each side's (or group's) totals only: they are summed as the corpus is
        // read, and memory follows the vocabulary, not the corpus.
        options.detail = verbale::analysis::Detail::Totals;
    }
    if let Some(n) = args.ngrams {
        return ngram_keyness(&args, &sides, &options, n as usize, format, &dest);
    }
    let ask = Ask {
        selectors: sides.selectors.clone(),
        group_by: args.group_by.clone(),
        ..Default::default()
    };
    let loaded = load(&sides.inputs, &args.source, &options, ask)?;
    let sides = named_as_read(sides, &loaded, args.groups.name_reference.is_some());
    let top = args.top.or((format == Format::Table).then_some(20));
    let (df, header) = match (&loaded.grouping, args.table) {
        (Some(g), Table::Keyness) => each_group(&args, &loaded, g, top)?,
        (_, Table::Keyness) => keyness_table(&args, &loaded, &sides, top)?,
        (_, Table::Similarity) => match similarity_table(&args, &loaded, top)? {
            Some(t) => t,
            None => {
                // Too many pairs to sort: listed in document order as they are computed.
                let pieces = compare::similarity_pieces(&loaded.analysis, args.tfidf, 64)?
                    .map(|p| args.output.select(p?));
                out::write_pieces(pieces, format, args.output.options(None), &dest)?;
                return Ok(loaded.had_errors);
            }
        },
        (_, Table::Quotes) => quotes_table(&loaded, top, args.scare)?,
    };
    let mut df = args.output.select(df)?;
    out::write(&mut df, format, args.output.options(Some(&header)), &dest)?;
    Ok(loaded.had_errors)
}

/// `compare --from-counts`: the tables that counts can give, from counts folders.
fn from_counts(args: &CompareArgs) -> Result<bool> {
    let one_set = !args.group_by.is_empty() || args.table == Table::Similarity;
    let sides = args
        .groups
        .counts_sides(&args.from_counts, one_set, "compare")?;
    let format = args.output.format()?;
    let dest = args
        .output
        .destination_also(&[], &args.source, &args.from_counts)?;
    let ask = Ask {
        selectors: sides.selectors.clone(),
        group_by: args.group_by.clone(),
        ..Default::default()
    };
    let loaded = load_counts(&args.from_counts, &args.source, ask)?;
    let top = args.top.or((format == Format::Table).then_some(20));
    let (df, header) =
        match (&loaded.grouping, args.table) {
            (Some(gr), Table::Keyness) => each_group(args, &loaded, gr, top)?,
            (_, Table::Keyness) => keyness_table(args, &loaded, &sides, top)?,
            (_, Table::Similarity) => match similarity_table(args, &loaded, top)? {
                Some(t) => t,
                None => return Err(verbale::Error::Invalid(
                    "too many documents to sort their pairs from counts: choose fewer with --where"
                        .into(),
                )
                .into()),
            },
            (_, Table::Quotes) => quotes_table(&loaded, top, args.scare)?,
        };
    let mut df = args.output.select(df)?;
    out::write(&mut df, format, args.output.options(Some(&header)), &dest)?;
    Ok(false)
}

/// The quote-contrast table of the target against the reference (its `top` first rows), and
/// its header.
fn quotes_table(loaded: &Loaded, top: Option<usize>, scare: bool) -> Result<(DataFrame, String)> {
    let (ti, ri) = sides_of(loaded);
    let df = compare::quote_contrast(&loaded.analysis, ti, ri, scare)?;
    let all = df.height();
    let df = match top {
        Some(n) => df.head(Some(n)),
        None => df,
    };
    let how = if scare { "scare-quoted" } else { "quoted" };
    let h = format!("{} of {all} terms {how} on at least one side", df.height());
    Ok((df, h))
}

/// The target's and the reference's documents.
fn sides_of(loaded: &Loaded) -> (&[usize], &[usize]) {
    let ti = loaded.groups.first().map_or(&[][..], |g| &g[..]);
    let ri = loaded.groups.get(1).map_or(&[][..], |g| &g[..]);
    (ti, ri)
}

fn keyness_options(args: &CompareArgs) -> KeynessOptions {
    KeynessOptions {
        compat: match args.compat {
            CompatArg::Quanteda => Compat::Quanteda,
            CompatArg::Antconc => Compat::Antconc,
        },
        min_count: args.min_count,
        p_max: args.p,
        bonferroni: args.bonferroni,
        min_docs: args.min_docs,
        sort: args.sort.key(),
    }
}

/// `--sort`: the statistic keyness rows are ranked by.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortArg {
    /// Log-likelihood G² (AntConc's order).
    G2,
    /// χ² (quanteda's order).
    Chi2,
    /// The log-odds z-score with an informative Dirichlet prior (scattertext's "Fightin' words").
    LogOdds,
    /// Hardie's Log Ratio (an effect size: rare terms rank high; combine with --min-count).
    LogRatio,
}

impl SortArg {
    /// The library's name of the statistic.
    pub(super) fn key(self) -> KeySort {
        match self {
            SortArg::G2 => KeySort::G2,
            SortArg::Chi2 => KeySort::Chi2,
            SortArg::LogOdds => KeySort::LogOdds,
            SortArg::LogRatio => KeySort::LogRatio,
        }
    }
}

/// The `top` most over-used rows of a keyness table (the `--sort` statistic above 0, first)
/// and its `top` most under-used (below 0, last); rows of equal rates are neither.
fn ends(df: DataFrame, top: Option<usize>, sort: SortArg) -> Result<DataFrame> {
    let Some(n) = top else { return Ok(df) };
    let key = df.column(sort.key().column())?.f64()?;
    let side = |over: bool| -> polars::prelude::BooleanChunked {
        key.iter()
            .map(|v| v.map(|x| if over { x > 0.0 } else { x < 0.0 }))
            .collect()
    };
    let over = df.filter(&side(true))?.head(Some(n));
    let under = df.filter(&side(false))?;
    Ok(over.vstack(&under.tail(Some(n)))?)
}

/// Target against reference.
fn keyness_table(
    args: &CompareArgs,
    loaded: &Loaded,
    sides: &Sides,
    top: Option<usize>,
) -> Result<(DataFrame, String)> {
    let a = &loaded.analysis;
    let (ti, ri) = sides_of(loaded);
    let all = compare::keyness(a, ti, ri, keyness_options(args))?;
    let kept = all.height();
    let df = ends(all, top, args.sort)?;
    let mut h = format!(
        "target {} ({}, {}) vs reference {} ({}, {}); positive {} = over-used in the target; \
         p of {}",
        sides.names[0],
        count_of(ti.len() as u64, "document"),
        count_of(a.tokens_of(ti), "token"),
        sides.names[1],
        count_of(ri.len() as u64, "document"),
        count_of(a.tokens_of(ri), "token"),
        args.sort.key().label(),
        match args.compat {
            CompatArg::Quanteda => "χ² (quanteda's; --compat antconc: of G²)",
            CompatArg::Antconc => "G² (AntConc's)",
        },
    );
    if let Some(p) = args.p {
        // How many terms were tested and passed, so that an empty table explains itself.
        let (tc, rc) = (a.totals_of(0, ti), a.totals_of(1, ri));
        let min = args.min_count.max(1);
        let tested = tc
            .iter()
            .zip(&rc)
            .filter(|(t, r)| t.count + r.count >= min)
            .count();
        let corrected = if args.bonferroni {
            format!(
                " (Bonferroni: p × {}, so p ≤ {:.3e} before it)",
                thousands(tested as u64),
                p / tested.max(1) as f64
            )
        } else {
            String::new()
        };
        let docs = if args.min_docs > 1 {
            format!(" and in {} documents of their side or more", args.min_docs)
        } else {
            String::new()
        };
        h.push_str(&format!(
            "; {} of {} tested with p ≤ {p}{corrected}{docs}",
            thousands(kept as u64),
            count_of(tested as u64, "term")
        ));
        if kept == 0 && !args.source.quiet {
            eprintln!(
                "verbale: warning: no term has p ≤ {p}{corrected}{docs} among the {} tested; the table is empty (raise --p{}, or leave out --bonferroni)",
                thousands(tested as u64),
                if args.min_docs > 1 { " or lower --min-docs" } else { "" }
            );
        }
    }
    Ok((df, h))
}

/// The keyness of n-grams of a target against a reference, as `compare --ngrams` and
/// `chart keyness --n` give it: a row per n-gram (its stems in `term`), each side's documents
/// and n-grams counted.
pub(super) struct NgramKeyness {
    pub df: DataFrame,
    pub docs: [u64; 2],
    pub totals: [u64; 2],
    pub had_errors: bool,
}

/// Counts the n-grams of length `n` on each side of `sides` and tests each for keyness.
pub(super) fn ngram_keyness_of(
    source: &SourceArgs,
    sides: &Sides,
    options: &verbale::analysis::Options,
    n: usize,
    k: KeynessOptions,
) -> Result<NgramKeyness> {
    let h = load_held(&[], source, options, &RowsPer::Sides(sides.clone()))?;
    let o = NgramOptions {
        n_min: n,
        n_max: n,
        min_count: k.min_count,
        across_sentences: false,
        stop_edges: true,
    };
    let c = verbale::phrases::side_ngrams(&h.held, &o)?;
    let totals = |tallies: &[verbale::phrases::Tally]| -> Vec<TermTotals> {
        tallies
            .iter()
            .map(|t| TermTotals {
                count: t.count as u64,
                quoted: t.quoted as u64,
                scare: t.scare as u64,
                docs: t.docs,
            })
            .collect()
    };
    let (tc, rc) = (totals(&c.tallies[0]), totals(&c.tallies[1]));
    let terms = c
        .names
        .into_iter()
        .map(|(term, form)| Term {
            term,
            word: form.clone(),
            form,
            words: Vec::new(),
        })
        .collect();
    let [t1, t2] = c.windows;
    let df = compare::keyness_of_counts(terms, &tc, t1, &rc, t2, k)?;
    let docs = |b: u32| h.held.bins.iter().filter(|&&x| x == b).count() as u64;
    Ok(NgramKeyness {
        df,
        docs: [docs(0), docs(1)],
        totals: [t1, t2],
        had_errors: h.had_errors,
    })
}

/// Keyness of n-grams, target against reference (`--ngrams N`).
fn ngram_keyness(
    args: &CompareArgs,
    sides: &Sides,
    options: &verbale::analysis::Options,
    n: usize,
    format: Format,
    dest: &out::Destination,
) -> Result<bool> {
    if args.table != Table::Keyness || !args.group_by.is_empty() {
        return Err(verbale::Error::Invalid(
            "--ngrams gives the keyness of a target against a reference; leave out --table \
             and --group-by"
                .into(),
        )
        .into());
    }
    let mut k = ngram_keyness_of(&args.source, sides, options, n, keyness_options(args))?;
    let top = args.top.or((format == Format::Table).then_some(20));
    let df = ends(k.df.rename("term", "ngram".into())?.clone(), top, args.sort)?;
    let header = format!(
        "{n}-grams: target {} ({}, {}) vs reference {} ({}, {}); positive G² = over-used in \
         the target",
        sides.names[0],
        count_of(k.docs[0], "document"),
        count_of(k.totals[0], &format!("{n}-gram")),
        sides.names[1],
        count_of(k.docs[1], "document"),
        count_of(k.totals[1], &format!("{n}-gram")),
    );
    let mut df = args.output.select(df)?;
    out::write(&mut df, format, args.output.options(Some(&header)), dest)?;
    Ok(k.had_errors)
}

/// Each group of --group-by against all the other documents, in one long table (the group's
/// fields first), as quanteda's one-against-the-rest keyness.
fn each_group(
    args: &CompareArgs,
    loaded: &Loaded,
    g: &verbale::meta::Grouping,
    top: Option<usize>,
) -> Result<(DataFrame, String)> {
    let df =
        compare::keyness_groups(&loaded.analysis, g, keyness_options(args), top).map_err(|e| {
            match e {
                verbale::Error::Invalid(m) => verbale::Error::Invalid(format!("--group-by: {m}")),
                e => e,
            }
        })?;
    let h = format!(
        "{} by {}, each against the rest; positive G² = over-used in the group",
        count_of(g.groups.len() as u64, "group"),
        g.fields.join(", ")
    );
    Ok((df, h))
}

/// Every pair of documents, most similar first; `None` when there are too many pairs to sort.
fn similarity_table(
    args: &CompareArgs,
    loaded: &Loaded,
    top: Option<usize>,
) -> Result<Option<(DataFrame, String)>> {
    let a = &loaded.analysis;
    if args.tfidf && a.docs.len() < 3 && !args.source.quiet {
        eprintln!("verbale: warning: with two documents every shared term has idf 0, so tf-idf cosine is 0; compare three or more");
    }
    let n = a.docs.len() as u64;
    let all = n * n.saturating_sub(1) / 2;
    let pairs = count_of(all, "document pair");
    Ok(Some(match top {
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
            return Ok(None);
        }
    }))
}
