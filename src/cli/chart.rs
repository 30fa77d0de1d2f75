//! `verbale chart`: render a chart (PNG or SVG) from the same analysis the table commands run.

use super::chart_reads;
use super::common::{count_of, load, side_name, Ask, GroupArgs, Loaded, Sides, SourceArgs};
use super::from_counts::load_counts;
use super::output::image_path;
use anyhow::Result;
use clap::{Args, ValueEnum};
use std::path::{Path, PathBuf};
use verbale::analysis::{self, Options};
use verbale::chart::{self, kinds, phrase_kinds, Size};
use verbale::compare::{self, KeynessOptions};
use verbale::phrases;

/// Draw a chart: freq, quotes, quoted-phrases, keyness, dispersion, similarity, cues, trend, ngrams, collocates, docs or acts. The format follows the
/// extension of -o (.png or .svg); without -o the chart goes to notebooks-out/KIND-INPUT.png
/// (with --where, KIND-INPUT-CONDITION-HASH.png).
#[derive(Args, Debug)]
#[command(after_help = "Examples:
  verbale chart freq data/ -o freq.png
  verbale chart keyness ARM/ AZE/ -o keyness.svg
  verbale chart freq data/ --group-by country --top 8
  verbale chart trend $U --by year --terms nato,sanctions
  verbale chart collocates data/ --terms elections --score mi")]
pub struct ChartArgs {
    /// Chart kind.
    pub kind: Kind,
    /// Files or folders (keyness: target then reference, or use --target/--reference).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Keyness: target and reference groups.
    #[command(flatten)]
    pub groups: GroupArgs,
    /// Draw a freq, keyness, quotes, similarity, docs or trend chart from counts folders
    /// (`verbale counts`, one per part of a corpus) instead of documents (keyness: sides by
    /// --target-where/--reference-where; trend: --terms).
    #[arg(long, value_name = "DIR", num_args = 1.., conflicts_with = "paths")]
    pub from_counts: Vec<PathBuf>,
    #[command(flatten)]
    pub source: SourceArgs,
    /// Output file (.png or .svg).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The image's format (default: -o's extension, else png); with -o, it must agree with
    /// the file's extension.
    #[arg(long, short = 'f', value_enum, value_name = "FORMAT")]
    pub format: Option<super::output::ImageArg>,
    /// Replace the output file even if it is read-only.
    #[arg(long)]
    pub force: bool,
    /// Bars or rows to show (keyness: per side; dispersion: term-document rows, the terms taking
    /// turns, each with its rows of most scare-quoted occurrences).
    #[arg(long, default_value_t = 20, value_parser = super::values::at_least_one::<usize>)]
    pub top: usize,
    /// Terms to plot (dispersion, trend), comma-separated; default: the most scare-quoted.
    #[arg(long, value_delimiter = ',', value_parser = super::values::word)]
    pub terms: Vec<String>,
    /// Trend, and docs over time: the field along the x axis (a time field, usually: year).
    #[arg(long, value_name = "FIELD", value_parser = super::values::field, required_if_eq("kind", "trend"))]
    pub by: Option<String>,
    /// Trend, and docs over time: a panel per value of this field (a country).
    #[arg(long, value_name = "FIELD", value_parser = super::values::field)]
    pub facet: Option<String>,
    /// Only this document (by id) for freq and quotes.
    #[arg(long)]
    pub doc: Option<String>,
    /// Freq and quotes: the --top bars of each group of documents with the same values of these
    /// fields, one group under the other (at most 12 groups; --where narrows them). Acts: a bar
    /// per group instead of per document.
    #[arg(long, value_delimiter = ',', value_name = "FIELD", value_parser = super::values::field)]
    pub group_by: Vec<String>,
    /// Cues: one bar per document instead of per cue.
    #[arg(long)]
    pub by_doc: bool,
    /// Keyness: the statistic the bars show, and the most over- and under-used are chosen by
    /// (as `compare --sort`).
    #[arg(long, value_enum)]
    pub sort: Option<super::compare::SortArg>,
    /// Similarity: `cosine` (default) or `jaccard`. Docs: `mtld` (default), `mattr`, `ttr`,
    /// `flesch`, `fk_grade`, `mean_sentence_length`, `quoted_share` or `scare_per_10k`.
    /// Collocates: the score, as --score.
    #[arg(long, value_name = "MEASURE")]
    pub measure: Option<String>,
    /// Similarity: cosine on tf-idf weights.
    #[arg(long)]
    pub tfidf: bool,
    /// Width in pixels, 200 to 10000 (default: 1000; a similarity heatmap only as wide as it
    /// needs).
    #[arg(long, value_parser = clap::value_parser!(u32).range(200..=10_000))]
    pub width: Option<u32>,
    /// Height in pixels, 150 to 10000 (default: from the number of rows).
    #[arg(long, value_parser = clap::value_parser!(u32).range(150..=10_000))]
    pub height: Option<u32>,
    /// Title (default: says what was counted and on which documents).
    #[arg(long)]
    pub title: Option<String>,
    /// N-grams: their length (2 to 5; default 2). Keyness: the key n-grams of this length
    /// instead of single terms (as `compare --ngrams N`).
    #[arg(long, value_parser = clap::value_parser!(u8).range(2..=5))]
    pub n: Option<u8>,
    /// Collocates: words on each side of the word (the first of --terms; default 5).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=50))]
    pub window: Option<u32>,
    /// Collocates: the score the bars show (and are sorted by; default ll).
    #[arg(long, value_enum)]
    pub score: Option<ScoreArg>,
    /// Acts: the acts drawn.
    #[command(flatten)]
    pub acts: super::acts::ActChoice,
}

/// `--score` of a collocates chart.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScoreArg {
    /// Log-likelihood.
    Ll,
    /// Mutual information.
    Mi,
    /// t-score.
    T,
    /// Dice coefficient.
    Dice,
}

impl ScoreArg {
    pub(super) fn measure(self) -> (phrases::Measure, &'static str) {
        match self {
            ScoreArg::Ll => (phrases::Measure::Ll, "ll"),
            ScoreArg::Mi => (phrases::Measure::Mi, "mi"),
            ScoreArg::T => (phrases::Measure::T, "t"),
            ScoreArg::Dice => (phrases::Measure::Dice, "dice"),
        }
    }
}

/// The collocates chart's score: `--score`, or `--measure` as `collocates` names it.
pub(super) fn score_of(args: &ChartArgs) -> Result<ScoreArg> {
    let Some(m) = &args.measure else {
        return Ok(args.score.unwrap_or(ScoreArg::Ll));
    };
    ScoreArg::from_str(m, true).map_err(|_| {
        verbale::Error::Invalid(format!(
            "--measure {m}: a collocates chart is scored by ll, mi, t or dice (--score)"
        ))
        .into()
    })
}

/// The chart kinds.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Most frequent terms.
    Freq,
    /// Most quoted terms, scare quotes apart.
    Quotes,
    /// Key terms of a target against a reference (G²).
    Keyness,
    /// Where terms occur in each document, quoted occurrences apart.
    Dispersion,
    /// Document similarity heatmap.
    Similarity,
    /// Distancing cues, before a quotation or not.
    Cues,
    /// Terms per value of a field (--by year), a panel per value of --facet.
    Trend,
    /// Most frequent n-grams (--n), quoted occurrences apart.
    Ngrams,
    /// Collocates of a word (the first of --terms) by --score, in a --window.
    Collocates,
    /// A document measure (--measure: lexical diversity, readability, quoting) per document.
    Docs,
    /// Most quoted phrases (each quotation whole), scare quotes apart.
    QuotedPhrases,
    /// Speech acts per document (strongest first, or most frequent with --act or
    /// --target-has) or per group (--group-by), stacked by strength.
    Acts,
}

impl Kind {
    /// The kind's name on the command line and in default file names.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Freq => "freq",
            Kind::Quotes => "quotes",
            Kind::Keyness => "keyness",
            Kind::Dispersion => "dispersion",
            Kind::Similarity => "similarity",
            Kind::Cues => "cues",
            Kind::Trend => "trend",
            Kind::Ngrams => "ngrams",
            Kind::Collocates => "collocates",
            Kind::QuotedPhrases => "quoted-phrases",
            Kind::Acts => "acts",
            Kind::Docs => "docs",
        }
    }
}

/// Similarity measures of the heatmap.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// Cosine of relative term frequencies (or tf-idf weights with --tfidf).
    Cosine,
    /// Jaccard overlap of term sets.
    Jaccard,
}

impl Measure {
    fn name(self) -> &'static str {
        match self {
            Measure::Cosine => "cosine",
            Measure::Jaccard => "jaccard",
        }
    }

    /// The similarity measure `--measure` names (cosine when none).
    fn of(given: Option<&str>) -> Result<Measure> {
        match given {
            None => Ok(Measure::Cosine),
            Some(m) => Measure::from_str(m, true).map_err(|_| {
                usage(format!(
                    "--measure {m}: a similarity chart takes cosine or jaccard"
                ))
            }),
        }
    }
}

pub(super) fn usage(msg: String) -> anyhow::Error {
    verbale::Error::Invalid(msg).into()
}

/// A group's name with its number of documents: `ungd (3,473 documents)`.
pub(super) fn describe(name: &str, n_docs: usize) -> String {
    format!("{name} ({})", count_of(n_docs as u64, "document"))
}

/// The documents a chart draws: its paths, a keyness chart's target and reference, or counts
/// folders (the charts that need no texts: freq, keyness, quotes, similarity, docs).
fn sides(args: &ChartArgs) -> Result<Sides> {
    if !args.from_counts.is_empty() {
        if !matches!(
            args.kind,
            Kind::Freq | Kind::Keyness | Kind::Quotes | Kind::Similarity | Kind::Docs | Kind::Trend
        ) {
            return Err(usage(format!(
                "chart {} --from-counts: counts draw freq, keyness, quotes, similarity, docs and trend charts; the others need the texts",
                args.kind.name()
            )));
        }
        let one_set = args.kind != Kind::Keyness;
        return args
            .groups
            .counts_sides(&args.from_counts, one_set, "a keyness chart");
    }
    if args.kind == Kind::Keyness {
        return args.groups.resolve(&args.paths, "a keyness chart");
    }
    if args.paths.is_empty() {
        return Err(usage(format!(
            "chart {} needs at least one file or folder",
            args.kind.name()
        )));
    }
    Ok(Sides {
        inputs: vec![args.paths.clone()],
        selectors: Vec::new(),
        names: [side_name(&args.paths), String::new()],
    })
}

/// The flags given that this chart kind does not read, each with the kinds that do.
fn ignored_flags(args: &ChartArgs) -> Vec<String> {
    use Kind::*;
    let given: [(&str, bool, &[Kind]); 13] = [
        ("--n", args.n.is_some(), &[Ngrams, Keyness]),
        ("--window", args.window.is_some(), &[Collocates]),
        ("--score", args.score.is_some(), &[Collocates]),
        ("--act", !args.acts.act.is_empty(), &[Acts]),
        ("--own", args.acts.own, &[Acts]),
        ("--target-has", !args.acts.target_has.is_empty(), &[Acts]),
        (
            "--terms",
            !args.terms.is_empty(),
            &[Dispersion, Trend, Collocates],
        ),
        ("--by", args.by.is_some(), &[Trend, Docs]),
        ("--facet", args.facet.is_some(), &[Trend, Docs]),
        (
            "--measure",
            args.measure.is_some(),
            &[Similarity, Docs, Collocates],
        ),
        ("--tfidf", args.tfidf, &[Similarity]),
        ("--by-doc", args.by_doc, &[Cues]),
        ("--sort", args.sort.is_some(), &[Keyness]),
    ];
    let mut out: Vec<String> = given
        .iter()
        .filter(|(_, set, kinds)| *set && !kinds.contains(&args.kind))
        .map(|(flag, _, kinds)| {
            let names: Vec<&str> = kinds.iter().map(|k| k.name()).collect();
            format!("{flag} (read by chart {})", names.join(", "))
        })
        .collect();
    if args.kind == Docs && args.facet.is_some() && args.by.is_none() {
        out.push("--facet without --by (the panels of a docs chart over --by)".into());
    }
    out
}

/// Words given where the paths go (`chart trend terrorism speeches/`, as `trend` takes them):
/// a usage error that shows the --terms form, instead of "no such file" for each word; and a
/// collocates chart's --measure, checked before any reading.
fn words_as_paths(args: &ChartArgs) -> Result<()> {
    use Kind::*;
    if args.kind == Collocates {
        score_of(args)?; // a bad --measure is named before any reading too
    }
    if !args.terms.is_empty() || !matches!(args.kind, Trend | Dispersion | Collocates) {
        return Ok(());
    }
    let missing: Vec<String> = args
        .paths
        .iter()
        .filter(|p| p.as_os_str() != "-" && !p.exists())
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    if missing.is_empty() || missing.len() == args.paths.len() {
        return Ok(());
    }
    Err(usage(format!(
        "{}: no such file or folder; chart {} takes its words with --terms: chart {} PATH... \
         --terms {}",
        missing.join(", "),
        args.kind.name(),
        args.kind.name(),
        missing.join(",")
    )))
}

/// What a chart's default file is named after: its input (both sides of a keyness chart),
/// and --where's condition with its hash, so that charts of one folder under different
/// conditions (a report's folder is named the same way) do not replace each other.
fn default_name(args: &ChartArgs, names: &[String]) -> String {
    let name = if args.kind == Kind::Keyness {
        format!("{}-vs-{}", names[0], names[1])
    } else {
        names[0].clone()
    };
    match &args.source.meta.where_ {
        // Hashed as slugged, so that `year = 2022` and `year=2022` name one file.
        Some(w) => {
            let slug = super::output::slug(w);
            let hash = super::output::conditions_hash(&[&slug]);
            format!("{name}-{slug}-{hash}")
        }
        None => name,
    }
}

/// Runs `chart`. Returns whether some input failed.
pub fn run(args: ChartArgs) -> Result<bool> {
    let ignored = ignored_flags(&args);
    if !ignored.is_empty() && !args.source.quiet {
        eprintln!(
            "verbale: warning: chart {} ignores {}",
            args.kind.name(),
            ignored.join(", ")
        );
    }
    if !args.group_by.is_empty() && !matches!(args.kind, Kind::Freq | Kind::Quotes | Kind::Acts) {
        return Err(usage(format!(
            "--group-by draws freq, quotes and acts charts per group; for chart {} choose \
             the documents with --where (chart trend and chart docs take --by and --facet)",
            args.kind.name()
        )));
    }
    words_as_paths(&args)?;
    let counted = !args.from_counts.is_empty();
    let mut sides = sides(&args)?;
    let all: Vec<PathBuf> = sides.inputs.iter().flatten().cloned().collect();
    let name = default_name(&args, &sides.names);
    let output = image_path(args.output.as_deref(), args.format, args.kind.name(), &name)?;
    verbale::out::check_output(&output, &all)?;
    // The title says which documents --where chose (after the default file name is made), on
    // each side it filters: a keyness chart's reference too.
    if let Some(w) = &args.source.meta.where_ {
        for n in sides.names.iter_mut().filter(|n| !n.is_empty()) {
            *n = format!("{n} where {w}");
        }
    }
    super::trend::facet_apart(args.facet.as_deref(), args.by.as_deref())?;
    if args.kind == Kind::Trend {
        return chart_reads::trend_chart(&args, &sides.names[0], &output);
    }
    let mut options = args.source.options(&all)?;
    options.doc_measures = args.kind == Kind::Docs;
    if args.kind == Kind::Keyness && args.group_by.is_empty() {
        // Keyness needs each side's totals only, summed as the corpus is read (as `compare`).
        options.detail = verbale::analysis::Detail::Totals;
    }
    if matches!(args.kind, Kind::Ngrams | Kind::Collocates) {
        return chart_reads::phrase_chart(&args, &sides.names[0], &options, &output);
    }
    if args.kind == Kind::Acts {
        return chart_reads::acts_chart(&args, &sides.names[0], &options, &output);
    }
    if let (Kind::Keyness, Some(n)) = (args.kind, args.n) {
        return chart_reads::ngram_keyness_chart(&args, &sides, &options, n as usize, &output);
    }
    let ask = Ask {
        selectors: sides.selectors.clone(),
        hold: args.kind == Kind::Dispersion,
        // A docs chart over a time field (--by, panels by --facet) is drawn per group.
        group_by: match (&args.by, args.kind) {
            (Some(by), Kind::Docs) => args.facet.iter().chain([by]).cloned().collect(),
            _ => args.group_by.clone(),
        },
        ..Ask::default()
    };
    let loaded = if counted {
        // The scare calls are the counts' own: their threshold names the chart.
        let counts = args
            .from_counts
            .first()
            .map(|d| verbale::frames::counts::options(d));
        options.min_scare = counts.transpose()?.map_or(0.0, |o| o.min_scare);
        load_counts(&args.from_counts, &args.source, ask)
    } else {
        load(&sides.inputs, &args.source, &options, ask)
    }
    .map_err(|e| super::trend::facet_named(e, args.facet.as_deref()))?;
    let a = &loaded.analysis;
    let selected = match &args.doc {
        None => loaded.groups[0].clone(),
        Some(id) => match a.docs.iter().position(|d| &d.id == id) {
            Some(i) => vec![i],
            // load refuses an empty group, so there is a first document.
            None => {
                return Err(usage(format!(
                    "--doc {id}: no such document; ids look like {}",
                    a.docs[0].id
                )))
            }
        },
    };
    let names = sides
        .names
        .iter()
        .zip(&loaded.groups)
        .map(|(name, docs)| describe(name, docs.len()))
        .collect::<Vec<_>>();
    let mut spec = spec(&args, &loaded, &selected, &names, &options)?;
    write(&mut spec, &args, &output)?;
    Ok(loaded.had_errors)
}

/// `what`, with the bar a scare call had to pass when it is not the likeliest kind's.
pub(super) fn scare_at(what: String, p: f64) -> String {
    if p > 0.0 {
        format!("{what} (scare at p ≥ {p})")
    } else {
        what
    }
}

/// Writes the chart, titled by --title when given.
pub(super) fn write(spec: &mut chart::Spec, args: &ChartArgs, output: &Path) -> Result<()> {
    if let Some(t) = &args.title {
        match spec {
            chart::Spec::Bars { title, .. }
            | chart::Spec::Dispersion { title, .. }
            | chart::Spec::Heatmap { title, .. }
            | chart::Spec::Lines { title, .. } => *title = t.clone(),
        }
    }
    let size = Size::for_spec(spec, args.width, args.height, 2400);
    chart::write(spec, size, output, args.force)?;
    if !args.source.quiet {
        eprintln!("verbale: wrote {}", output.display());
    }
    Ok(())
}

/// Groups one freq or quotes chart shows at most, one under the other.
const MAX_GROUPS: usize = 12;

/// A freq or quotes chart per group, stacked into one: each group's `top` bars, labelled with
/// the group's name, groups told apart by colour (freq) or by their labels (quotes).
fn grouped(
    args: &ChartArgs,
    a: &verbale::analysis::Analysis,
    g: &verbale::meta::Grouping,
    top: usize,
    what: &str,
) -> Result<chart::Spec> {
    if g.groups.len() > MAX_GROUPS {
        return Err(usage(format!(
            "--group-by {}: {} groups are too many for one chart (at most {MAX_GROUPS}); \
             choose fewer with --where",
            g.fields.join(","),
            g.groups.len()
        )));
    }
    let by = g.fields.join(", ");
    let mut all_rows = Vec::new();
    let mut first: Option<chart::Spec> = None;
    for (k, docs) in verbale::frames::members(g).iter().enumerate() {
        let name = &g.groups[k].0;
        let spec = match args.kind {
            Kind::Freq => kinds::freq(a, docs, top, name),
            _ => kinds::quotes(a, docs, top, name),
        };
        // A group with nothing to draw (no quotations) is left out.
        let Ok(chart::Spec::Bars { rows, .. }) = &spec else {
            continue;
        };
        for r in rows {
            let mut r = r.clone();
            r.label = format!("{name} · {}", r.label);
            if args.kind == Kind::Freq && k % 2 == 1 {
                for seg in &mut r.segments {
                    seg.1 = chart::Role::Reference;
                }
            }
            all_rows.push(r);
        }
        first.get_or_insert(spec?);
    }
    let Some(chart::Spec::Bars {
        title,
        x_label,
        diverging,
        guide,
        ..
    }) = first
    else {
        return Err(
            verbale::Error::Nothing(format!("no group has anything to draw by {by}")).into(),
        );
    };
    let kind = title.split(':').next().unwrap_or("").to_string();
    // What every group's bars show, not only the first group's (whose terms may have no scare
    // quote where another group's have).
    let legend = match args.kind {
        Kind::Freq => Vec::new(),
        _ => kinds::drawn_legend(&all_rows, kinds::quote_legend()),
    };
    Ok(chart::Spec::Bars {
        title: format!("{kind}, by {by}: {what}"),
        x_label,
        rows: all_rows,
        legend,
        diverging,
        guide,
    })
}

/// The chart's spec, from the analysis of its documents (`selected`: the ones drawn).
fn spec(
    args: &ChartArgs,
    loaded: &Loaded,
    selected: &[usize],
    names: &[String],
    options: &Options,
) -> Result<chart::Spec> {
    let a = &loaded.analysis;
    let what = match &args.doc {
        Some(id) => id.to_string(),
        None => names[0].clone(),
    };
    let what = &match args.kind {
        Kind::Quotes | Kind::QuotedPhrases | Kind::Dispersion => scare_at(what, options.min_scare),
        _ => what,
    };
    let top = args.top;
    if let Some(g) = &loaded.grouping {
        if args.kind == Kind::Docs {
            let measure = args.measure.as_deref().unwrap_or("mtld");
            let df = verbale::frames::docs(a, &polars::prelude::DataFrame::empty())?;
            return Ok(kinds::doc_measure_over(
                &df,
                g,
                args.facet.is_some(),
                measure,
                what,
            )?);
        }
        return grouped(args, a, g, top, what);
    }
    Ok(match args.kind {
        Kind::Freq => kinds::freq(a, selected, top, what)?,
        Kind::Quotes => kinds::quotes(a, selected, top, what)?,
        Kind::Keyness => {
            let (ti, ri) = (&loaded.groups[0], &loaded.groups[1]);
            let sort = args.sort.unwrap_or(super::compare::SortArg::G2).key();
            let o = KeynessOptions {
                sort,
                ..KeynessOptions::default()
            };
            let df = compare::keyness(a, ti, ri, o)?;
            kinds::keyness_by(&df, top, &names[0], &names[1], sort)?
        }
        Kind::Dispersion => dispersion(args, loaded, selected, options, what)?,
        Kind::Similarity => {
            if a.docs.len() > chart::MAX_HEATMAP_DOCS {
                return Err(usage(format!(
                    "similarity: {} documents are too many for one heatmap (at most \
                     {}); choose fewer documents (fewer files, or --where), or list every pair \
                     with `verbale compare --table similarity`",
                    a.docs.len(),
                    chart::MAX_HEATMAP_DOCS
                )));
            }
            let df = compare::similarity(a, args.tfidf)?;
            let ids: Vec<String> = a.docs.iter().map(|d| d.id.clone()).collect();
            let measure = Measure::of(args.measure.as_deref())?;
            kinds::similarity(&df, &ids, measure.name(), what)?
        }
        Kind::Cues => kinds::cues(a, args.by_doc, top, what)?,
        Kind::Docs => {
            let measure = args.measure.as_deref().unwrap_or("mtld");
            let df = verbale::frames::docs(a, &polars::prelude::DataFrame::empty())?;
            kinds::doc_measure(&df, selected, measure, top, what)?
        }
        Kind::QuotedPhrases => {
            let filter = verbale::frames::SpanFilter::default();
            let df = verbale::frames::quoted_phrases(a, selected, filter)?;
            phrase_kinds::quoted_phrases(&df, top, what)?
        }
        // Drawn from their own counts, never from a loaded analysis.
        Kind::Trend | Kind::Ngrams | Kind::Collocates | Kind::Acts => {
            return Err(usage("this chart is drawn from its own count".into()))
        }
    })
}

/// The dispersion plot of the terms asked for, or of the most quoted ones.
fn dispersion(
    args: &ChartArgs,
    loaded: &Loaded,
    selected: &[usize],
    options: &Options,
    what: &str,
) -> Result<chart::Spec> {
    let a = &loaded.analysis;
    // "terms …: in none of these documents" names the flag, or where the terms came from.
    let (terms, from) = match args.terms.is_empty() {
        true => (kinds::most_quoted_terms(a, 5), "the most quoted "),
        false => (args.terms.clone(), "--"),
    };
    if terms.is_empty() {
        return Err(verbale::Error::Nothing(
            "no quoted terms to plot: name some with --terms".into(),
        )
        .into());
    }
    let positions = analysis::positions_of(a, selected, &loaded.lopts, options)?;
    let terms: Vec<(String, String)> = terms
        .iter()
        .map(|t| (t.clone(), options.term_key(t)))
        .collect();
    let top = args.top;
    kinds::dispersion(&positions, &terms, what, top).map_err(|e| match e {
        verbale::Error::Nothing(m) => verbale::Error::Nothing(format!("{from}{m}")).into(),
        e => e.into(),
    })
}
