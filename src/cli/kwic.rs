//! `verbale kwic`: keyword in context, with source offsets and quotation status.

use super::common::{
    flag_error, init_threads, load_options, no_documents, report_problems, KindArg, OutputArgs,
    SourceArgs,
};
use anyhow::Result;
use clap::Args;
use comfy_table::{presets, CellAlignment, Table};
use std::path::PathBuf;
use verbale::kwic::{self, KwicOptions, Mode};
use verbale::out::{self, Destination, Format};
use verbale::text::tokenize::is_quote_char;

/// Concordance: every occurrence of a word or phrase with its context, the byte offset in the
/// source file, and whether it stands inside quotation marks (and of which kind).
#[derive(Args, Debug)]
#[command(after_help = "Examples:
  verbale kwic data/ elections --quoted-only
  verbale kwic speeches/ 'territorial integrity' --window 8 -o hits.csv
  verbale kwic speeches/ 'elect*' --kind scare --top 50")]
pub struct KwicArgs {
    /// Files or folders, then the pattern last (a word, a phrase in quotes, `elect*`):
    /// `verbale kwic data/ elections`. The pattern may come first instead, as `trend` and
    /// `collocates` take it, when it names no file: `verbale kwic elections data/`.
    /// Options may come anywhere, before, between or after these.
    #[arg(value_name = "PATH_THEN_PATTERN", required = true)]
    pub args: Vec<String>,
    #[command(flatten)]
    pub source: SourceArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    /// Words of context on each side (at most 40 bytes a word, and 400 in all for shorter
    /// windows: a line stays bounded around one enormous word; a cut falls between words).
    #[arg(long, default_value_t = 5)]
    pub window: usize,
    /// Match stems (`election` finds `elections`, `elected`).
    #[arg(long, conflicts_with_all = ["regex", "no_stem"])]
    pub stem: bool,
    /// Match capitals as the pattern writes them (AntConc's "Case"): `US` finds the United
    /// States and not the pronoun `us`. Words, globs and --regex; not with --stem.
    #[arg(long, conflicts_with = "stem")]
    pub case_sensitive: bool,
    /// Each word of the pattern is a regular expression matched against whole tokens.
    #[arg(long)]
    pub regex: bool,
    /// Only hits inside quotation marks.
    #[arg(long)]
    pub quoted_only: bool,
    /// Only hits inside quotations of this kind.
    #[arg(long, value_enum, default_value_t = KindArg::All)]
    pub kind: KindArg,
    /// Keep the first N hits (in corpus order; with --sort, the first N sorted lines).
    #[arg(long, value_name = "N", value_parser = super::values::at_least_one::<usize>)]
    pub top: Option<usize>,
    /// Sort the lines by words of their context, as AntConc's sort levels: `1R` (the word
    /// after the hit), `1L,2L` (the word before it, then the one before that); comma-separated,
    /// lower-cased; ties keep corpus order. With --top, every line is sorted and the first N
    /// of the sorted lines kept (as AntConc shows a sorted concordance).
    #[arg(long, value_delimiter = ',', value_name = "POS")]
    pub sort: Vec<kwic::ContextWord>,
}

/// Runs `kwic`. Returns whether some input failed.
pub fn run(args: KwicArgs) -> Result<bool> {
    if args.args.len() < 2 {
        return Err(verbale::Error::Invalid(
            "kwic needs files or folders, then the pattern last: `verbale kwic speeches/ elections`"
                .into(),
        )
        .into());
    }
    let mut positional = args.args.clone();
    // The pattern first, as `trend` and `collocates` take it (`kwic elections speeches/`),
    // when it names no file and everything after it does.
    let exists = |p: &String| p == "-" || std::path::Path::new(p).exists();
    if !exists(&positional[0]) && positional[1..].iter().all(exists) && exists(&positional[1]) {
        positional.rotate_left(1);
    }
    let pattern = positional.pop().unwrap_or_default();
    // A phrase typed without quotes (`kwic speeches/ peace keeping`): its first words stand
    // where the paths end and name no file.
    let words: Vec<&String> = positional
        .iter()
        .rev()
        .take_while(|p| !exists(p) && !p.contains(['/', '\\', '.']))
        .collect();
    if !words.is_empty() && words.len() < positional.len() {
        let phrase: Vec<&str> = words
            .iter()
            .rev()
            .map(|w| w.as_str())
            .chain([pattern.as_str()])
            .collect();
        // Exit 1, as for any path that does not exist.
        return Err(anyhow::anyhow!(
            "{}: no such file or folder; to find the phrase, give it as one argument in quotes: \
             verbale kwic PATH '{}'",
            words[words.len() - 1],
            phrase.join(" ")
        ));
    }
    let pattern = if args.regex {
        pattern
    } else {
        words_of(pattern, args.source.quiet)?
    };
    refuse_what_finds_nothing(&args, &pattern)?;
    let paths: Vec<PathBuf> = positional.into_iter().map(PathBuf::from).collect();
    let format = args.output.format()?;
    let dest = args.output.destination(&paths, &args.source)?;
    let kind = args.kind.kind();
    let options = args.source.options(&paths)?;
    let o = KwicOptions {
        pattern,
        mode: if args.stem {
            Mode::Stem
        } else if args.regex {
            Mode::Regex
        } else {
            Mode::Glob
        },
        window: args.window,
        quoted_only: args.quoted_only || kind.is_some(),
        kind,
        // Sorted lines are all read, then cut to --top.
        top: args.top.filter(|_| args.sort.is_empty()),
        case_sensitive: args.case_sensitive,
    };
    init_threads(&args.source);
    let lopts = load_options(&args.source);
    let plan = verbale::meta::Plan {
        groups: vec![paths.clone()],
        filter: args.source.meta.where_.clone(),
        meta: args.source.meta.options(),
        ..Default::default()
    };
    let chosen = verbale::meta::choose(&plan, &lopts).map_err(|e| flag_error(e, &args.source))?;
    args.source.say_notes(&chosen.meta.notes);
    if chosen.found.files.is_empty() && chosen.left_out > 0 {
        let cond = args.source.meta.where_.as_deref().map(|e| ("--where", e));
        return Err(super::problems::none_satisfy(cond, chosen.hint.as_deref()));
    }
    let mut c =
        kwic::Concordance::of_files(chosen.found, &lopts, &options, &o)?.strict(args.source.strict);
    if c.files() == 0 {
        return Err(no_documents(&paths, &lopts, 0));
    }
    // The files left out are said before an error that none could be read.
    let written = write_lines(&mut c, &args, format, &dest);
    let had_errors = report_problems(c.problems(), &args.source);
    if c.none_read() {
        // As the other commands say it: of files named, or of folders' files.
        return Err(no_documents(&paths, &lopts, c.files()));
    }
    written?;
    had_errors
}

/// Refuses what would find nothing and say so nowhere: a sort level past the context shown,
/// a wildcard under --stem (a stem has none).
fn refuse_what_finds_nothing(args: &KwicArgs, pattern: &str) -> Result<()> {
    // A sort level past the context shown would sort by words no line has.
    if let Some(w) = args.sort.iter().find(|w| w.n > args.window) {
        return Err(verbale::Error::Invalid(format!(
            "--sort {}{}: the context has {} words on each side (--window); widen it to at \
             least {} or sort by a nearer word",
            w.n,
            if w.left { "L" } else { "R" },
            args.window,
            w.n
        ))
        .into());
    }
    // A stem has no wildcard: `secur*` under --stem would find nothing, and say so nowhere.
    if args.stem && pattern.contains(['*', '?']) {
        return Err(verbale::Error::Invalid(format!(
            "'{pattern}': --stem matches the stems of whole words and takes no wildcard; \
             leave out --stem to match word forms (`secur*` finds security, secure, securing)"
        ))
        .into());
    }
    Ok(())
}

/// Writes the concordance's lines: aligned for the terminal, sorted in one piece, or streamed
/// piece by piece.
fn write_lines(
    c: &mut kwic::Concordance,
    args: &KwicArgs,
    format: Format,
    dest: &Destination,
) -> Result<()> {
    if format == Format::Table {
        let hits = all_hits(c, &args.sort)?;
        let text = aligned(&hits, args.top, !args.sort.is_empty());
        match dest {
            Destination::Stdout => {
                use std::io::Write;
                let mut out = std::io::stdout().lock();
                out.write_all(text.as_bytes())?;
            }
            Destination::File(p) => out::write_atomic(p, text.as_bytes(), args.output.force)?,
        }
    } else if !args.sort.is_empty() {
        // Sorted lines go out as one piece.
        let piece = args
            .output
            .select(kwic::frame(&first(all_hits(c, &args.sort)?, args.top))?);
        out::write_pieces(
            std::iter::once(piece),
            format,
            args.output.options(None),
            dest,
        )?;
    } else {
        let streams = matches!(
            format,
            Format::Csv | Format::Tsv | Format::Ndjson | Format::Parquet
        );
        let mut held = 0;
        let pieces = c.by_ref().map(|piece| {
            let piece = piece?;
            held += piece.len();
            if !streams && held > kwic::MAX_HITS {
                return Err(verbale::Error::Invalid(too_many_hits().to_string()));
            }
            args.output.select(kwic::frame(&piece)?)
        });
        out::write_pieces(pieces, format, args.output.options(None), dest)?;
    }
    Ok(())
}

/// Every hit of the concordance at once (at most [`kwic::MAX_HITS`]: aligned or sorted lines
/// need them all), sorted by `sort` when it names context words.
fn all_hits(c: &mut kwic::Concordance, sort: &[kwic::ContextWord]) -> Result<Vec<kwic::Hit>> {
    let mut hits = Vec::new();
    for piece in c.by_ref() {
        hits.extend(piece?);
        if hits.len() > kwic::MAX_HITS {
            return Err(if sort.is_empty() {
                too_many_hits()
            } else {
                verbale::Error::Invalid(format!(
                    "more than {} concordance lines to sort: --sort holds them all; narrow the \
                     pattern or the documents (--where)",
                    kwic::MAX_HITS
                ))
                .into()
            });
        }
    }
    kwic::sort_hits(&mut hits, sort);
    Ok(hits)
}

/// The pattern to look for: its words without the punctuation around them, with a warning
/// (unless `quiet`) when some was taken away; a pattern of punctuation only is refused.
fn words_of(pattern: String, quiet: bool) -> Result<String> {
    let Some(words) = without_edge_punctuation(&pattern) else {
        return Ok(pattern);
    };
    if words.is_empty() {
        return Err(verbale::Error::Invalid(format!(
            "kwic: the pattern '{pattern}' has no word: kwic finds words and phrases \
             (punctuation is not matched; --regex for a regular expression)"
        ))
        .into());
    }
    if !quiet {
        eprintln!(
            "verbale: warning: kwic matches words, not the punctuation around them: looking for \
             '{words}'{}",
            if pattern
                .split_whitespace()
                .any(|w| w.starts_with(is_quote_char) || w.ends_with(is_quote_char))
            {
                " (words inside quotation marks: --quoted-only, or --kind scare)"
            } else {
                ""
            }
        );
    }
    Ok(words)
}

/// The pattern's words without the punctuation at their ends, which no word token holds
/// (`occupied territories.`, `“elections”`), or `None` when there was none to take away. An
/// abbreviation's last full stop (`U.S.`) is kept: the search knows it.
fn without_edge_punctuation(pattern: &str) -> Option<String> {
    let kept = |c: char| c.is_alphanumeric() || c == '*' || c == '?';
    let words: Vec<&str> = pattern
        .split_whitespace()
        .map(|w| {
            let bare = w.trim_matches(|c: char| !kept(c));
            match w.strip_suffix('.') {
                Some(a) if a.contains('.') && a.trim_start_matches(|c: char| !kept(c)) == a => w,
                _ => bare,
            }
        })
        .collect();
    let same = words
        .iter()
        .zip(pattern.split_whitespace())
        .all(|(a, b)| a == &b);
    (!same).then(|| {
        words
            .into_iter()
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    })
}

fn too_many_hits() -> anyhow::Error {
    verbale::Error::Invalid(format!(
        "more than {} concordance lines to lay out at once: keep the first ones with --top N, \
         or write them all with -o hits.csv (CSV, TSV, NDJSON and Parquet are written as they come)",
        kwic::MAX_HITS
    ))
    .into()
}

/// The first `top` hits (all without --top).
fn first(mut hits: Vec<kwic::Hit>, top: Option<usize>) -> Vec<kwic::Hit> {
    hits.truncate(top.unwrap_or(usize::MAX));
    hits
}

/// Concordance lines: doc and offset (with the page, for a PDF), left context right-aligned,
/// the hit, the right context, and the quotation kind. `sorted`: the hits are every hit,
/// sorted, of which --top keeps the first.
fn aligned(all: &[kwic::Hit], top: Option<usize>, sorted: bool) -> String {
    let hits = &all[..all.len().min(top.filter(|_| sorted).unwrap_or(usize::MAX))];
    let mut t = Table::new();
    t.load_preset(presets::NOTHING);
    let paged = hits.iter().any(|h| h.page.is_some());
    t.set_header([
        "doc",
        if paged { "offset (page)" } else { "offset" },
        "left",
        "hit",
        "right",
        "quote",
    ]);
    for h in hits {
        let quote = match (h.quoted, h.kind) {
            (true, Some(k)) => k.name().to_string(),
            (true, None) => "quoted".into(),
            _ => String::new(),
        };
        let v = out::table::visible;
        t.add_row([
            v(&h.doc),
            match h.page {
                Some(p) => format!("{} (p. {p})", h.offset),
                None => h.offset.to_string(),
            },
            v(&h.left),
            v(&h.hit),
            v(&h.right),
            quote,
        ]);
    }
    for (i, a) in [(1, CellAlignment::Right), (2, CellAlignment::Right)] {
        if let Some(c) = t.column_mut(i) {
            c.set_cell_alignment(a);
        }
    }
    let n = super::common::count_of(hits.len() as u64, "hit");
    // --top stops reading at its N-th hit: the corpus may hold more.
    let mut s = match top {
        Some(t) if sorted && all.len() > t => format!(
            "the first {} of {} sorted (--top {t})\n",
            hits.len(),
            super::common::count_of(all.len() as u64, "hit")
        ),
        Some(t) if !sorted && hits.len() >= t => {
            format!("the first {n} (--top {t}; the corpus may hold more)\n")
        }
        _ => format!("{n}\n"),
    };
    s.push_str(
        &t.lines()
            .map(|l| l.trim_end().to_string())
            .collect::<Vec<_>>()
            .join("\n"),
    );
    s.push('\n');
    s
}
