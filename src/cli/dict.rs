//! `verbale dict`: a dictionary's categories counted per corpus, document or group, with the
//! entries that matched.

use super::common::{count_of, InputArgs, OutputArgs};
use super::held::{after_reading, bin_files, BinLabels, Binned, RowsArgs};
use anyhow::Result;
use clap::{Args, ValueEnum};
use polars::prelude::NewChunkedArray;
use verbale::dict::{self, ActLexicon, Bins, Compiled, Dictionary, MatchOn, WideValue};
use verbale::out::{self, Format};

/// Count a dictionary's categories: quanteda's YAML (.yml), LIWC (.dic), a plain list
/// (`[category]` headers, one entry per line) or the bundled `speech-acts`. Entries are
/// matched as quanteda's tokens_lookup matches them (globs on lower-cased words, `*` any run of
/// characters, multiword entries on words that stand together, a token counted once per
/// category; `speech-acts` also lets its modifiers stand inside an entry, `is demanding` in `is
/// now demanding`, and has exceptions); quoted and scare count the matches inside quotation
/// marks and scare quotes.
/// With --entries, the words each entry matched, so a dictionary can be audited.
#[derive(Args, Debug)]
#[command(after_help = "Examples:
  verbale dict speeches/ --dict values.yml
  verbale dict speeches/ --dict LIWC2015.dic --by-doc -o liwc.csv
  verbale dict speeches/ --dict speech-acts --group-by year --entries --top 5")]
pub struct DictArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    /// The dictionary: a file (.yml/.yaml, .dic, or a list) or `speech-acts`.
    #[arg(long, value_name = "FILE")]
    pub dict: Option<String>,
    /// Match entry words without wildcards on word forms (quanteda's default) or on stems
    /// (`condemn` then finds `condemned` and `condemnation`).
    #[arg(long = "match", value_enum, default_value = "form")]
    pub match_on: MatchArg,
    /// Categories of a nested dictionary cut at this many levels (quanteda's levels = 1:N).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(1..=9))]
    pub levels: Option<u8>,
    /// The entries that matched and the words they matched, instead of the categories.
    #[arg(long)]
    pub entries: bool,
    /// Keep the N most frequent entries of each category (per document or group) with
    /// --entries (default on a terminal: 20).
    #[arg(long, value_name = "N", value_parser = super::values::at_least_one::<usize>, requires = "entries")]
    pub top: Option<usize>,
    /// One row per document or group and one column per category, as quanteda's dfm_lookup
    /// gives it: each category's count, or with `--wide=per_10k` its matches per 10,000 words
    /// (then the row's words).
    #[arg(long, value_enum, value_name = "VALUE", num_args = 0..=1, require_equals = true, default_missing_value = "count", conflicts_with = "entries")]
    pub wide: Option<WideArg>,
    #[command(flatten)]
    pub rows: RowsArgs,
}

/// What each category's column of `--wide` holds.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum WideArg {
    /// Its matches.
    Count,
    /// Its matches per 10,000 words.
    #[value(name = "per_10k")]
    Per10k,
}

/// How entry words are matched.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum MatchArg {
    /// Word forms, lower-cased.
    Form,
    /// Stems.
    Stem,
}

/// The lexicon of speech acts for `lang`, or a message naming what to do.
pub fn bundled_acts(lang: &str) -> Result<ActLexicon> {
    // `--lang FR` and `--lang french` name the language `fr`, as every other command reads them.
    let code = verbale::text::Lang::parse(lang).map_or(lang, |l| l.code);
    ActLexicon::bundled(code).ok_or_else(|| {
        verbale::Error::Invalid(format!(
            "no bundled speech-act lexicon for --lang {lang} (there are for en, fr, es and ru); give \
             one with --lexicon FILE"
        ))
        .into()
    })
}

/// Characters no word holds (tokens stop at them), so an entry with one matches nothing.
const NOT_IN_WORDS: &[char] = &[
    '(', ')', '[', ']', '{', '}', ',', ';', ':', '!', '"', '“', '”', '«', '»',
];

/// Warns of the dictionary's entries that can match no word: they hold a character that no
/// word holds (LIWC's conditional entries, `(discrepancy) like`, are not read).
fn warn_unmatchable(d: &Dictionary, name: &str) {
    let bad: Vec<String> = d
        .entries
        .iter()
        .map(|(_, e)| e.clone())
        .filter(|e| e.contains(NOT_IN_WORDS))
        .collect();
    if let Some(first) = bad.first() {
        eprintln!(
            "verbale: warning: --dict {name}: {} can match no word, as no word holds {}: {}; \
             LIWC's conditional entries are not read",
            count_of(bad.len() as u64, "entry"),
            first
                .chars()
                .find(|c| NOT_IN_WORDS.contains(c))
                .map_or(String::new(), |c| format!("`{c}`")),
            verbale::meta::listed(&bad)
        );
    }
}

/// Notes the dictionary's entries that matched no word in these documents (an audit with
/// --entries lists only the entries that matched).
fn note_unmatched(
    compiled: &Compiled,
    entries: &polars::prelude::DataFrame,
    name: &str,
) -> Result<()> {
    let column = entries.column("entry")?.str()?;
    let matched: std::collections::HashSet<&str> = column.iter().flatten().collect();
    let mut seen = std::collections::HashSet::new();
    let none: Vec<String> = compiled
        .entries
        .iter()
        // An exception (`!support` = `support to`) is no entry of its own to audit.
        .filter(|e| !compiled.keys[e.key as usize].starts_with('!'))
        .map(|e| e.text.as_str())
        .filter(|e| !matched.contains(e) && seen.insert(*e))
        .map(str::to_string)
        .collect();
    if !none.is_empty() {
        eprintln!(
            "verbale: {name}: {} matched no word in these documents: {}",
            count_of(none.len() as u64, "entry"),
            verbale::meta::listed(&none)
        );
    }
    Ok(())
}

/// The dictionary `--dict` names. Without it, a first path that reads as a dictionary file
/// (`dict sov.yml speeches/`, as `freq` takes its paths) is told to go with `--dict`.
fn dictionary_named(args: &DictArgs) -> Result<String> {
    if let Some(d) = &args.dict {
        return Ok(d.clone());
    }
    let first = args.input.paths.first();
    let ext = first
        .and_then(|p| p.extension())
        .map(|e| e.to_string_lossy().to_lowercase());
    let hint = match (first, ext.as_deref()) {
        (Some(p), Some("yml" | "yaml" | "dic" | "toml")) => format!(
            ": {} looks like the dictionary; give it with --dict: verbale dict --dict {} PATH...",
            p.display(),
            p.display()
        ),
        _ => String::new(),
    };
    Err(verbale::Error::Invalid(format!(
        "dict needs --dict FILE (quanteda's YAML, LIWC .dic or a plain list) or --dict \
         speech-acts{hint}"
    ))
    .into())
}

/// The name of the bundled dictionary of speech acts.
const BUNDLED_DICT: &str = "speech-acts";

/// Runs `dict`. Returns whether some input failed.
pub fn run(args: DictArgs) -> Result<bool> {
    let dict_name = dictionary_named(&args)?;
    let format = args.output.format()?;
    // The dictionary read is an input too (the bundled `speech-acts` is no file).
    let dict_file: Vec<std::path::PathBuf> = (dict_name != BUNDLED_DICT)
        .then(|| std::path::PathBuf::from(&dict_name))
        .into_iter()
        .collect();
    let dest = args
        .output
        .destination_also(&args.input.paths, &args.input.source, &dict_file)?;
    let options = args.input.source.options(&args.input.paths)?;
    let (mut compiled, name): (Compiled, String) = if dict_name == BUNDLED_DICT {
        let lex = bundled_acts(&args.input.source.text.lang)?;
        (lex.compile(&options)?, BUNDLED_DICT.into())
    } else {
        let on = match args.match_on {
            MatchArg::Form => MatchOn::Form,
            MatchArg::Stem => MatchOn::Stem,
        };
        // A dictionary that cannot be read is an input that failed (exit 1); one that reads
        // but is not a dictionary, or has an entry the matcher cannot take (too many words, a
        // bad pattern), is a usage error (exit 2).
        let flagged = |e| match e {
            verbale::Error::Invalid(m) => verbale::Error::Invalid(format!("--dict: {m}")),
            e => e,
        };
        let path = std::path::Path::new(&dict_name);
        // A name with no extension that names no file is taken for a bundled dictionary's
        // name, misspelt (as `--stopwords` takes a language code): a usage error.
        if path.extension().is_none() && !path.exists() {
            return Err(verbale::Error::Invalid(format!(
                "--dict {}: no such file, and no bundled dictionary of that name (the bundled \
                 one is `speech-acts`); a dictionary file is quanteda's YAML (.yml), LIWC (.dic) \
                 or a plain list",
                dict_name
            ))
            .into());
        }
        let d = Dictionary::read(path).map_err(flagged)?;
        if !args.input.source.quiet {
            warn_unmatchable(&d, &dict_name);
        }
        let compiled = d
            .compile(args.levels.map(usize::from), on, &options)
            .map_err(flagged)?;
        (compiled, dict_name.clone())
    };
    // What each entry matched is held for --entries only.
    compiled.keep_matched = args.entries;
    let mut b = bin_files(&args.input.paths, &args.input.source, &args.rows.per())?;
    // Summed as the corpus is read, but for --entries, which keeps what each entry matched.
    let scanned = scan_files(&mut b, &options, (&compiled, None), !args.entries)?;
    let n = scanned.documents() as usize;
    let had_errors = after_reading(&b.problems, n, &args.input.source)?;
    warn_other_languages(&scanned, &options, ("", false), args.input.source.quiet);
    let frames = dict::dict_frames(&scanned, &compiled, Bins { n: b.n_bins() })?;
    let mut all_rows = None;
    let (df, of_row) = if args.entries {
        let top = args.top.or((format == Format::Table).then_some(20));
        let (df, of_row) = frames.entries;
        // Before the cut to --top: an entry past it matched.
        if dict_name != BUNDLED_DICT && !args.input.source.quiet {
            note_unmatched(&compiled, &df, &dict_name)?;
        }
        // The top entries of each category (of each document or group): every category
        // stays in the audit.
        let cats = df.column("category")?.str()?.clone();
        let mut groups: Vec<u32> = Vec::with_capacity(of_row.len());
        for i in 0..of_row.len() {
            let same = i > 0 && of_row[i - 1] == of_row[i] && cats.get(i - 1) == cats.get(i);
            groups.push(groups.last().map_or(0, |g| g + (!same) as u32));
        }
        all_rows = Some(df.height());
        top_per_group(df, of_row, &groups, top)?
    } else if let Some(value) = args.wide {
        wide(&args, &compiled, &frames.categories, value)?
    } else {
        frames.categories
    };
    // Every column of a wide table but `words` is a category.
    let wide_categories = args.wide.map(|_| df.width().saturating_sub(1));
    let df = b.labels.prepend(df, &of_row)?;
    let words = scanned.words();
    let cut = all_rows.filter(|&n| n > df.height());
    let what = rows_shown(&df, args.entries, cut, wide_categories)?;
    let header = format!(
        "{what} of {name} in {}, {}{}",
        count_of(scanned.documents(), "document"),
        count_of(words, "word"),
        if cut.is_some() {
            " (--top N per category, or -f csv for all)"
        } else {
            ""
        }
    );
    let mut df = args.output.select(df)?;
    out::write(&mut df, format, args.output.options(Some(&header)), &dest)?;
    Ok(had_errors)
}

/// Reads the files of `b` and matches a dictionary in each (and, for `acts`, the acts of a
/// lexicon). With `sums`, when the rows are of the corpus or of groups, the tables are summed
/// as the corpus is read and no document is kept; rows per document keep each one's few
/// matches (sums per document would keep every category and every act).
pub(super) fn scan_files(
    b: &mut Binned,
    options: &verbale::analysis::Options,
    lexicons: (&Compiled, Option<&ActLexicon>),
    sums: bool,
) -> Result<dict::Scanned> {
    let sums = (sums && !matches!(b.labels, BinLabels::Docs(_))).then_some(Bins { n: b.n_bins() });
    let (scanned, read) = dict::scan(&b.found, &b.bins, &b.lopts, options, lexicons, sums)?;
    b.problems.extend(read);
    Ok(scanned)
}

/// Warns (unless `quiet`) of the documents of `scanned` whose words say they are in another
/// language than the run's ([`super::problems::warn_other_languages`]; `what` says what else
/// reads them, `acts` that a lexicon of acts does).
pub(super) fn warn_other_languages(
    scanned: &dict::Scanned,
    options: &verbale::analysis::Options,
    (what, acts): (&str, bool),
    quiet: bool,
) {
    let docs = (scanned.other_lang.iter()).map(|(id, l)| (id.as_str(), Some(*l)));
    let all = scanned.documents() as usize;
    super::problems::warn_other_languages(docs, all, options.lang, (what, acts), quiet);
}

/// What the table's rows are, for its header: entries and the words they matched (of how
/// many before --top cut them), rows by categories of a wide table, or categories.
fn rows_shown(
    df: &polars::prelude::DataFrame,
    entries: bool,
    cut: Option<usize>,
    wide_categories: Option<usize>,
) -> Result<String> {
    Ok(match (entries, cut, wide_categories) {
        // A row is an entry and a word it matched: `support*` gives several.
        (true, Some(n), _) => format!(
            "{} of {} (entries and the words they matched)",
            verbale::out::numbers::thousands(df.height() as u64),
            count_of(n as u64, "row")
        ),
        (true, None, _) => format!(
            "{} (entries and the words they matched)",
            count_of(df.height() as u64, "row")
        ),
        (false, _, Some(k)) => format!(
            "{} by {}",
            count_of(df.height() as u64, "row"),
            count_of(k as u64, "category")
        ),
        (false, _, None) => category_rows(df)?,
    })
}

/// The categories table laid out wide (`--wide`): a row per bin, a column per category. A
/// category named as a column that names the rows is refused.
fn wide(
    args: &DictArgs,
    compiled: &Compiled,
    categories: &(polars::prelude::DataFrame, Vec<u32>),
    value: WideArg,
) -> Result<(polars::prelude::DataFrame, Vec<u32>)> {
    let value = match value {
        WideArg::Count => WideValue::Count,
        WideArg::Per10k => WideValue::Per10k,
    };
    let names: Vec<&str> = compiled
        .counted()
        .map(|k| compiled.keys[k].as_str())
        .collect();
    let mut labels = match args.rows.per() {
        super::held::RowsPer::Doc => vec!["doc".to_string()],
        super::held::RowsPer::Group(fields) => fields,
        _ => Vec::new(),
    };
    labels.push("words".into());
    if let Some(same) = labels.iter().find(|l| names.contains(&l.as_str())) {
        return Err(verbale::Error::Invalid(format!(
            "--wide: a category is named `{same}`, as the column that names the rows is; rename \
             the category, or leave out --wide"
        ))
        .into());
    }
    Ok(dict::wide(categories, &names, value)?)
}

/// How many categories a table shows: per document or group, its rows and its categories
/// (`273 rows of 13 categories`), not the rows called categories.
fn category_rows(df: &polars::prelude::DataFrame) -> Result<String> {
    let cats = df.column("category")?.as_materialized_series().n_unique()?;
    Ok(if cats == df.height() {
        count_of(cats as u64, "category")
    } else {
        format!(
            "{} of {}",
            count_of(df.height() as u64, "row"),
            count_of(cats as u64, "category")
        )
    })
}

/// The first `top` rows of each bin (rows come grouped by bin).
pub fn top_per_bin(
    df: polars::prelude::DataFrame,
    of_row: Vec<u32>,
    top: Option<usize>,
) -> Result<(polars::prelude::DataFrame, Vec<u32>)> {
    let groups = of_row.clone();
    top_per_group(df, of_row, &groups, top)
}

/// The first `top` rows of each run of rows with the same value in `groups` (a bin, or a bin
/// and an act), with the bin of each row kept.
pub fn top_per_group(
    df: polars::prelude::DataFrame,
    of_row: Vec<u32>,
    groups: &[u32],
    top: Option<usize>,
) -> Result<(polars::prelude::DataFrame, Vec<u32>)> {
    let Some(top) = top else {
        return Ok((df, of_row));
    };
    let mut keep = Vec::new();
    let mut seen = 0;
    for (i, g) in groups.iter().enumerate() {
        seen = if i > 0 && groups[i - 1] == *g {
            seen + 1
        } else {
            0
        };
        keep.push(seen < top);
    }
    keep_rows(df, &of_row, &keep)
}

/// The rows of `df` that `keep` marks, with the bin of each.
pub fn keep_rows(
    df: polars::prelude::DataFrame,
    of_row: &[u32],
    keep: &[bool],
) -> Result<(polars::prelude::DataFrame, Vec<u32>)> {
    let mask = polars::prelude::BooleanChunked::from_slice("keep".into(), keep);
    let rows = of_row
        .iter()
        .zip(keep)
        .filter(|(_, k)| **k)
        .map(|(b, _)| *b)
        .collect();
    Ok((df.filter(&mask)?, rows))
}
