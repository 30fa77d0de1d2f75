//! `verbale trend`: terms per group of documents (a year, a country): how often each is used,
//! quoted and scare-quoted, with the groups where it is absent.

use super::common::{
    count_of, flag_error, init_threads, load_options, report_problems, OutputArgs, SourceArgs,
};
use anyhow::Result;
use clap::Args;
use polars::prelude::{DataFrame, DataType};
use std::path::PathBuf;
use verbale::analysis::Detail;
use verbale::chart::kinds::most_quoted_terms;
use verbale::meta::{self, Plan};
use verbale::trend::{self, Terms};

/// Trends: per value of a field (--by year) and term, its count, quoted and scare-quoted
/// occurrences, the documents using it, and its rate per 10,000 of the group's tokens; groups
/// where a term is absent have a row of zeros. Words match by their stem (as `kwic --stem`),
/// phrases ("territorial integrity") word by word, each word as written and the last by its
/// stem ("developing countries" is not "developed countries").
#[derive(Args, Debug)]
#[command(after_help = "Examples:
  verbale trend nato sanctions speeches/ --by year
  verbale trend elections 'territorial integrity' speeches/ --by year --facet country \\
      --meta-name '{country}_{session}_{year}' --where \"country in ('ARM', 'AZE')\"
  verbale trend nato sanctions --by year --from-counts shards/*
The terms come first, then the files and folders (the first argument that is a file or a
folder starts them); or give the terms with --terms a,b. With --from-counts every argument
is a term (none: the most scare-quoted words).")]
pub struct TrendArgs {
    /// Terms, then files or folders.
    #[arg(value_name = "TERM_THEN_PATH", required_unless_present = "from_counts")]
    pub args: Vec<String>,
    /// The terms (instead of leading arguments), comma-separated.
    #[arg(long, value_delimiter = ',', value_parser = super::values::word)]
    pub terms: Vec<String>,
    /// The field whose values are the groups (a time field, usually: year).
    #[arg(long, value_name = "FIELD", value_parser = super::values::field)]
    pub by: String,
    /// A second field: a series per value (a country), drawn as small multiples.
    #[arg(long, value_name = "FIELD", value_parser = super::values::field)]
    pub facet: Option<String>,
    #[command(flatten)]
    pub source: SourceArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    /// Follow the terms in counts folders (`verbale counts`, one per part of a corpus)
    /// instead of documents: one-word terms, stemmed as the counts were (their language,
    /// stemming and rules, from counts.json); a term the counts left out as a stopword has
    /// zeros.
    #[arg(long, value_name = "DIR", num_args = 1..)]
    pub from_counts: Vec<PathBuf>,
}

impl TrendArgs {
    /// The terms and the paths.
    pub fn terms_and_paths(&self) -> Result<(Vec<String>, Vec<PathBuf>)> {
        let first_path = if self.terms.is_empty() {
            self.args
                .iter()
                .position(|a| a == "-" || std::path::Path::new(a).exists())
                .unwrap_or(self.args.len())
        } else {
            0
        };
        // An argument among the terms that reads as a path (`looks_like_path`) is a path
        // mistyped, not a term counted nowhere while the corpus after it is dropped.
        if let Some(a) = self.args[..first_path].iter().find(|a| looks_like_path(a)) {
            return Err(verbale::Error::NotFound { path: a.into() }.into());
        }
        let mut terms = self.terms.clone();
        terms.extend(self.args[..first_path].iter().cloned());
        let paths: Vec<PathBuf> = self.args[first_path..].iter().map(PathBuf::from).collect();
        if terms.is_empty() || paths.is_empty() {
            return Err(verbale::Error::Invalid(
                "trend needs terms, then files or folders: `verbale trend nato sanctions speeches/ --by year` (a path that does not exist is taken for a term)".into(),
            )
            .into());
        }
        Ok((terms, paths))
    }
}

/// Whether an argument that names no existing file is still a path, not a term: it ends in
/// the extension of a document verbale reads, starts or ends as a path does (`/`, `.`, `~`),
/// or its first part names a folder (`speeches/typo`). `9/11` stays a term.
fn looks_like_path(a: &str) -> bool {
    let lower = a.to_lowercase();
    let sep = |c: char| c == '/' || c == std::path::MAIN_SEPARATOR;
    let extension = lower.rsplit_once('.').map(|(_, e)| e);
    extension.is_some_and(|e| verbale::corpus::DEFAULT_EXTENSIONS.contains(&e))
        || a.starts_with(['/', '.', '~'])
        || a.ends_with(sep)
        || a.split_once(sep)
            .is_some_and(|(first, _)| std::path::Path::new(first).is_dir())
}

/// Runs `trend`. Returns whether some input failed.
pub fn run(args: TrendArgs) -> Result<bool> {
    let counted = !args.from_counts.is_empty();
    let (terms, paths) = if counted {
        let mut terms = args.terms.clone();
        terms.extend(args.args.iter().cloned());
        (terms, Vec::new())
    } else {
        args.terms_and_paths()?
    };
    let format = args.output.format()?;
    let dest = args
        .output
        .destination_also(&paths, &args.source, &args.from_counts)?;
    facet_apart(args.facet.as_deref(), Some(&args.by))?;
    let mut fields: Vec<String> = args.facet.iter().cloned().collect();
    fields.push(args.by.clone());
    let t = if counted {
        trend_from_counts(&args.from_counts, &args.source, &terms, &fields)
    } else {
        trend_frame(&paths, &args.source, &terms, &fields)
    }
    .map_err(|e| facet_named(e, args.facet.as_deref()))?;
    warn_absent(&t.frame, &t.warned, args.source.quiet)?;
    if !args.source.quiet && args.facet.is_none() {
        note_thin_periods(&t.frame, &args.by)?;
    }
    let header = format!(
        "{} in {} by {}",
        count_of(t.terms.names.len() as u64, "term"),
        count_of(t.counted as u64, "document"),
        fields.join(", ")
    );
    let mut df = args.output.select(t.frame)?;
    verbale::out::write(&mut df, format, args.output.options(Some(&header)), &dest)?;
    Ok(t.had_errors)
}

/// Notes the periods of a trend table (by `by` alone) with few words, whose rates can jump.
pub(super) fn note_thin_periods(df: &DataFrame, by: &str) -> Result<()> {
    let (Ok(names), Ok(docs), Ok(tokens)) = (
        df.column(by),
        df.column("group_docs"),
        df.column("group_tokens"),
    ) else {
        return Ok(());
    };
    let names = names.cast(&DataType::String)?;
    let docs = docs.cast(&DataType::UInt64)?;
    let tokens = tokens.cast(&DataType::UInt64)?;
    let (names, docs, tokens) = (names.str()?, docs.u64()?, tokens.u64()?);
    let mut periods: Vec<(String, u64, u64)> = Vec::new();
    for i in 0..df.height() {
        let name = names.get(i).unwrap_or("").to_string();
        if !periods.iter().any(|p| p.0 == name) {
            periods.push((name, docs.get(i).unwrap_or(0), tokens.get(i).unwrap_or(0)));
        }
    }
    if let Some(note) = verbale::trend::thin_note(by, &periods) {
        eprintln!("verbale: note: {note}");
    }
    Ok(())
}

/// Warns of each term of a trend table counted nowhere (unless `quiet`), but those of
/// `warned`, already warned of.
pub(super) fn warn_absent(df: &DataFrame, warned: &[String], quiet: bool) -> Result<()> {
    if quiet {
        return Ok(());
    }
    for term in absent_terms(df)?
        .into_iter()
        .filter(|t| !warned.contains(t))
    {
        let hint = if term.contains(['*', '?']) {
            format!(
                " (trend follows words and phrases, not patterns: `verbale kwic '{term}'` lists \
                 the words it matches)"
            )
        } else if let Some(terms) = comma_joined(&term) {
            // `trend NATO,sanctions DIR` follows one term, `nato,sanctions` (not `2,000`).
            let quote = |t: &str| match (t.contains(' '), t.contains('\'')) {
                (_, true) => format!("\"{t}\""),
                (true, false) => format!("'{t}'"),
                (false, false) => t.to_string(),
            };
            let words: Vec<String> = terms.iter().map(|t| quote(t)).collect();
            format!(
                " (a comma is no separator among the leading terms: give them as separate \
                 arguments, `verbale trend {} PATH`, or as --terms {})",
                words.join(" "),
                quote(&terms.join(","))
            )
        } else if term.split_whitespace().count() > 1 {
            // "rules based order" misses "rules-based order": a hyphenated word is one word.
            let words: Vec<&str> = term.split_whitespace().collect();
            format!(
                " (a word written with a hyphen is one word here: if the texts write \
                 '{}-{}', give the hyphen, or add --split-hyphens)",
                words[0],
                words[1..].join(" ")
            )
        } else {
            " (check its spelling: its rows are zeros)".to_string()
        };
        eprintln!("verbale: warning: '{term}' is in none of these documents{hint}");
    }
    Ok(())
}

/// The terms a leading argument joins with commas (`nato,sanctions`), if it joins two or more:
/// a comma between two digits is a number's (`2,000 troops`).
fn comma_joined(term: &str) -> Option<Vec<String>> {
    let chars: Vec<char> = term.chars().collect();
    let mut pieces = vec![String::new()];
    for (i, &c) in chars.iter().enumerate() {
        let digits = i > 0
            && chars[i - 1].is_ascii_digit()
            && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        match c {
            ',' if !digits => pieces.push(String::new()),
            _ => pieces.last_mut()?.push(c),
        }
    }
    let terms: Vec<String> = (pieces.iter().map(|p| p.trim()))
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect();
    (terms.len() >= 2).then_some(terms)
}

/// The terms of a trend table counted nowhere (every row's count 0), in the table's order.
pub(super) fn absent_terms(df: &DataFrame) -> Result<Vec<String>> {
    let (Ok(term), Ok(count)) = (df.column("term"), df.column("count")) else {
        return Ok(Vec::new());
    };
    let count = count.cast(&polars::prelude::DataType::UInt64)?;
    let mut seen: Vec<(String, u64)> = Vec::new();
    for (t, c) in term.str()?.iter().zip(count.u64()?.iter()) {
        let (Some(t), c) = (t, c.unwrap_or(0)) else {
            continue;
        };
        match seen.iter_mut().find(|(x, _)| x == t) {
            Some(e) => e.1 += c,
            None => seen.push((t.to_string(), c)),
        }
    }
    Ok(seen
        .into_iter()
        .filter(|(_, c)| *c == 0)
        .map(|(t, _)| t)
        .collect())
}

/// The trend of `terms` by `fields` from counts folders, the terms looked up as the counts
/// were made (whatever --lang or --no-stem say).
pub fn trend_from_counts(
    dirs: &[PathBuf],
    source: &SourceArgs,
    terms: &[String],
    fields: &[String],
) -> Result<Trend> {
    let options = verbale::frames::counts::options(&dirs[0])?;
    let ask = super::common::Ask {
        group_by: fields.to_vec(),
        ..Default::default()
    };
    let loaded = super::from_counts::load_counts(dirs, source, ask)?;
    let g = loaded
        .grouping
        .ok_or_else(|| verbale::Error::Invalid("no groups".into()))?;
    let words = if terms.is_empty() {
        most_quoted(&loaded.analysis, &options)?
    } else {
        Terms::new(terms, &options)?
    };
    // Counts hold words, and the phrases of the --phrases list they were counted with (one
    // term each, its words joined by a space).
    let a = &loaded.analysis;
    // The terms warned of here, which the general warning of absent terms then leaves alone;
    // the stopword list the counts were made with, for why a term is not in them.
    let mut warned = Vec::new();
    let made = verbale::frames::counts::stopwords_signature(&dirs[0])?;
    let stop_list = if made == options.stopwords.signature() {
        StopList::Bundled
    } else if made == verbale::text::Stopwords::none().signature() {
        StopList::None
    } else {
        StopList::Own
    };
    for (name, k) in words.names.iter().zip(words.keys()) {
        let key = k.join(" ");
        // A phrase is counted when it is a term of the counts (a single word also inside the
        // longer phrases that hold it).
        if a.terms.iter().any(|t| t.term == key) {
            continue;
        }
        let inside = if k.len() == 1 {
            trend::holding(a, k, &options)
        } else {
            Vec::new()
        };
        if let Some(&(first, _)) = inside.first() {
            if !source.quiet {
                eprintln!(
                    "verbale: warning: '{name}' is in the counts only inside phrases of the --phrases list ('{}'{}): a stopword when they were counted, or never used alone; its rows count those",
                    a.terms[first].form,
                    if inside.len() > 1 { ", …" } else { "" }
                );
            }
            continue;
        }
        if k.len() > 1 {
            return Err(verbale::Error::Invalid(format!(
                "'{name}': counts hold words, and only the phrases of the --phrases list they were counted with: follow this phrase in the documents themselves"
            ))
            .into());
        }
        if !source.quiet {
            let why = match stop_list {
                StopList::Bundled if options.stopwords.contains(&verbale::text::fold(name)) => {
                    "a stopword when they were counted, which they leave out (count the parts \
                     with --stopwords none to follow it)"
                }
                StopList::Bundled | StopList::None => {
                    "in none of their documents (check its spelling)"
                }
                StopList::Own => {
                    "a stopword of the list they were counted with, or in none of their documents"
                }
            };
            eprintln!("verbale: warning: '{name}' (stem '{key}') is not in the counts: {why}; its rows are zeros");
        }
        warned.push(name.clone());
    }
    if !source.quiet && !terms.is_empty() {
        say_compounds(a, &words, &options);
    }
    Ok(Trend {
        frame: trend::from_totals(a, &g, &words)?,
        counted: a.docs.len(),
        terms: words,
        had_errors: false,
        warned,
    })
}

/// The stopword list counts were made with: the language's, none, or a list of one's own.
enum StopList {
    Bundled,
    None,
    Own,
}

/// A trend frame with what went into it.
pub struct Trend {
    /// The frame ([`verbale::trend::frame`]).
    pub frame: DataFrame,
    /// The terms counted.
    pub terms: Terms,
    /// Documents counted.
    pub counted: usize,
    /// Whether some input failed.
    pub had_errors: bool,
    /// The terms already warned of as not counted ([`warn_absent`] leaves them alone).
    pub warned: Vec<String>,
}

/// The terms a trend of no terms named follows: the [`DEFAULT_TERMS`] most scare-quoted.
fn most_quoted(
    a: &verbale::analysis::Analysis,
    options: &verbale::analysis::Options,
) -> Result<Terms> {
    let chosen = most_quoted_terms(a, DEFAULT_TERMS);
    if chosen.is_empty() {
        return Err(
            verbale::Error::Nothing("no quoted words to follow: name some terms".into()).into(),
        );
    }
    Ok(Terms::new(&chosen, options)?)
}

/// How many terms a trend of no terms named follows: the most scare-quoted.
const DEFAULT_TERMS: usize = 5;

/// The trend of `terms` in `paths` grouped by `fields` (facet first). With no terms, the most
/// scare-quoted words (stopwords left out) are followed.
pub fn trend_frame(
    paths: &[PathBuf],
    source: &SourceArgs,
    terms: &[String],
    fields: &[String],
) -> Result<Trend> {
    // Terms are followed word by word, inside the phrases of --phrases too (joined into one
    // token, "territorial integrity" would never be two words in a row), as counts made with
    // the list give them.
    let options = source.options(paths)?;
    if options.phrases.is_some() && !source.quiet {
        eprintln!(
            "verbale: note: --phrases: trend follows each word wherever it stands, inside the list's phrases too ('council' counts 'Security Council'), and names a phrase by its words, its rates per 10,000 words with each of a phrase's words counted (`freq --group-by … --phrases …` counts a word outside them, per 10,000 tokens with each phrase one token)"
        );
    }
    let options = verbale::analysis::Options {
        phrases: None,
        ..options
    };
    init_threads(source);
    let lopts = load_options(source);
    let plan = Plan {
        groups: vec![paths.to_vec()],
        filter: source.meta.where_.clone(),
        meta: source.meta.options(),
        ..Default::default()
    };
    let words = Terms::new(terms, &options)?;
    if terms.is_empty() || trend::single_words(&words) {
        // One-word terms: read from per-group running sums, as `freq --group-by` counts.
        let mut options = options.clone();
        options.detail = Detail::Totals;
        if !terms.is_empty() {
            // Terms named are looked for whatever the stopword list says, and only they are
            // summed.
            options.stopwords = verbale::text::Stopwords::none();
            options.only_terms = Some(std::sync::Arc::new(
                words.keys().iter().flatten().cloned().collect(),
            ));
            // Hyphenated words holding a term are summed too, for the note that they are
            // terms of their own; the rows count the terms alone.
            options.only_compounds = !options.tokenize.split_hyphens;
        }
        let plan = Plan {
            group_by: fields.to_vec(),
            ..plan
        };
        let p = meta::analyse(&plan, &lopts, &options).map_err(|e| flag_error(e, source))?;
        source.say_notes(&p.meta.notes);
        let had_errors = report_problems(&p.problems, source)?;
        if p.analysis.docs.is_empty() {
            return Err(nothing_read(p.left_out, p.hint.as_deref(), source));
        }
        super::problems::warn_docs_in_other_languages(&p.analysis, options.lang, source.quiet);
        let g = p
            .grouping
            .ok_or_else(|| verbale::Error::Invalid("no groups".into()))?;
        let terms = if terms.is_empty() {
            most_quoted(&p.analysis, &options)?
        } else {
            if !source.quiet {
                say_stems(&p.analysis, &words);
                say_compounds(&p.analysis, &words, &options);
            }
            words
        };
        return Ok(Trend {
            frame: trend::from_totals(&p.analysis, &g, &terms)?,
            terms,
            counted: p.analysis.docs.len(),
            had_errors,
            warned: Vec::new(),
        });
    }
    phrase_trend(&plan, &lopts, &options, words, terms, fields, source)
}

/// The trend of `words` (of `terms` as asked, some of them phrases) by `fields`, followed word
/// by word in every document of `plan` (read with `lopts` and `options`).
fn phrase_trend(
    plan: &Plan,
    lopts: &verbale::corpus::LoadOptions,
    options: &verbale::analysis::Options,
    words: Terms,
    terms: &[String],
    fields: &[String],
    source: &SourceArgs,
) -> Result<Trend> {
    if !source.quiet {
        say_word_stems(plan, lopts, options, terms)?;
    }
    let mut chosen = meta::choose(plan, lopts).map_err(|e| flag_error(e, source))?;
    source.say_notes(&chosen.meta.notes);
    if chosen.found.files.is_empty() && chosen.left_out > 0 {
        return Err(nothing_read(
            chosen.left_out,
            chosen.hint.as_deref(),
            source,
        ));
    }
    let grouping = meta::group(&chosen.meta, fields).map_err(|e| flag_error(e, source))?;
    let mut problems = std::mem::take(&mut chosen.found.problems);
    let (docs, read) = trend::count(&chosen.found, lopts, options, &words);
    problems.extend(read);
    let had_errors = report_problems(&problems, source)?;
    if docs.is_empty() {
        return Err(verbale::Error::NoDocuments("none of the inputs could be read".into()).into());
    }
    let ids = (docs.iter()).map(|(k, d)| (chosen.found.files[*k].0.as_str(), d.other_lang));
    let quiet = source.quiet;
    super::problems::warn_other_languages(ids, docs.len(), options.lang, ("", false), quiet);
    Ok(Trend {
        frame: trend::frame(&docs, &grouping, &words)?,
        terms: words,
        counted: docs.len(),
        had_errors,
        warned: Vec::new(),
    })
}

/// [`say_stems`] and [`say_compounds`] of the single words among `terms` when phrases are followed too (whose counts
/// come without the words of each stem): the words are summed apart, in a pass that reads only
/// their terms.
fn say_word_stems(
    plan: &Plan,
    lopts: &verbale::corpus::LoadOptions,
    options: &verbale::analysis::Options,
    terms: &[String],
) -> Result<()> {
    let single: Vec<String> = terms
        .iter()
        .filter(|t| t.split_whitespace().count() == 1)
        .cloned()
        .collect();
    if single.is_empty() {
        return Ok(());
    }
    let words = Terms::new(&single, options)?;
    let options = verbale::analysis::Options {
        detail: Detail::Totals,
        stopwords: verbale::text::Stopwords::none(),
        only_terms: Some(std::sync::Arc::new(
            words.keys().iter().flatten().cloned().collect(),
        )),
        only_compounds: !options.tokenize.split_hyphens,
        ..options.clone()
    };
    // Its problems and notes are the main pass's to report.
    if let Ok(p) = meta::analyse(plan, lopts, &options) {
        say_stems(&p.analysis, &words);
        say_compounds(&p.analysis, &words, &options);
    }
    Ok(())
}

/// Says of each term counted under a stem that the corpus writes most often as another word
/// (`multilateralism` as `multilater`, mostly `multilateral`) that every word of the stem
/// counts: a rate read as the noun's alone would be several times too high.
fn say_stems(a: &verbale::analysis::Analysis, terms: &Terms) {
    use verbale::out::numbers::thousands;
    for (name, key) in terms.names.iter().zip(terms.keys()) {
        if key.len() != 1 {
            continue;
        }
        // A word in no document is warned of with the rows.
        let Some(t) = a.terms.iter().find(|t| t.term == key[0]) else {
            continue;
        };
        let asked = verbale::text::fold(name);
        let total: u64 = t.words.iter().map(|w| w.1).sum();
        // The asked word's share: its own forms (plural and possessive with it).
        let own = t
            .words
            .iter()
            .find(|w| verbale::analysis::same_word(&verbale::text::fold(&w.0), &asked))
            .map(|w| w.1);
        let words = || first_words(&t.words);
        let written = |w: &str| verbale::analysis::same_word(&verbale::text::fold(w), &asked);
        if !t.words.is_empty() && own.is_none_or(|n| n * 10 < total * 9) {
            let share = match own {
                Some(n) => format!(
                    "{name} and its inflections make up {} of its {} occurrences ({:.0}%)",
                    thousands(n),
                    thousands(total),
                    100.0 * n as f64 / total.max(1) as f64
                ),
                None => format!("{name} itself is not written in the corpus"),
            };
            eprintln!(
                "verbale: {name} is counted by its stem, {}, with every word that has it: {}; {share}; --no-stem counts the word as written",
                t.term,
                words()
            );
        } else if t.words.is_empty() && !written(&t.word) && t.term != asked {
            eprintln!(
                "verbale: {name} is counted by its stem, {}, which the corpus writes {}; --no-stem counts the word as written",
                t.term, t.word
            );
        }
    }
}

/// Says of each one-word term that hyphenated words hold (`counter-terrorism` for
/// `terrorism`) that they are terms of their own, which its rows leave out, and how to count
/// them with it.
fn say_compounds(
    a: &verbale::analysis::Analysis,
    terms: &Terms,
    options: &verbale::analysis::Options,
) {
    use verbale::out::numbers::thousands;
    if options.tokenize.split_hyphens {
        return;
    }
    for (name, key) in terms.names.iter().zip(terms.keys()) {
        let [key] = key.as_slice() else { continue };
        let found = trend::compounds_holding(a, key, options);
        if found.is_empty() {
            continue;
        }
        let total: u64 = found.iter().map(|w| w.1).sum();
        eprintln!(
            "verbale: note: {name}: {} more {} in hyphenated words, terms of their own that its rows leave out ({}); --split-hyphens counts their parts as words",
            thousands(total),
            if total == 1 { "occurrence stands" } else { "occurrences stand" },
            first_words(&found)
        );
    }
}

/// The first four of `words` with their occurrences (`peace 20,642, peaceful 4,280`), and how
/// many more there are.
fn first_words(words: &[(String, u64)]) -> String {
    use verbale::out::numbers::thousands;
    let listed: Vec<String> = words
        .iter()
        .take(4)
        .map(|(w, n)| format!("{w} {}", thousands(*n)))
        .collect();
    match words.len().saturating_sub(4) {
        0 => listed.join(", "),
        more => format!("{} and {more} more", listed.join(", ")),
    }
}

/// The error of a trend with no document: the condition that kept none, or none readable.
fn nothing_read(left_out: usize, hint: Option<&str>, source: &SourceArgs) -> anyhow::Error {
    match source.meta.where_.as_deref().filter(|_| left_out > 0) {
        Some(e) => super::problems::none_satisfy(Some(("--where", e)), hint),
        None => verbale::Error::NoDocuments("none of the inputs could be read".into()).into(),
    }
}

/// Refuses a --facet that is the field --by follows: the panels would each hold one value of
/// the axis.
pub fn facet_apart(facet: Option<&str>, by: Option<&str>) -> Result<()> {
    match (facet, by) {
        (Some(f), Some(b)) if f == b => Err(verbale::Error::Invalid(format!(
            "--facet {f} is the field --by {b} already follows along the axis: give --facet \
             another field, one panel per value (--facet country)"
        ))
        .into()),
        _ => Ok(()),
    }
}

/// An unknown field given as --facet named as the facet it was given for, not as a field to
/// group by (the panels are groups, but the user did not ask to group).
pub fn facet_named(e: anyhow::Error, facet: Option<&str>) -> anyhow::Error {
    match e.downcast_ref::<verbale::Error>() {
        Some(verbale::Error::UnknownField {
            field,
            hint,
            fields,
        }) if Some(field.as_str()) == facet => verbale::Error::Invalid(format!(
            "--facet {field}: unknown field{hint}; the fields are: {fields}"
        ))
        .into(),
        _ => e,
    }
}
