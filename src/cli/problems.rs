//! What the command line says about inputs: files that failed or were skipped, a run with
//! nothing to read, and warnings about a corpus that loaded but looks wrong.

use std::path::PathBuf;

use anyhow::{Context, Result};
use verbale::analysis::Options;
use verbale::corpus::{LoadOptions, Problem};

use super::common::SourceArgs;

/// How the command line says what gets past an error ([`verbale::Remedy`]): appended to the
/// library's message, which says what to do without naming flags.
pub fn remedy_text(r: Option<verbale::Remedy>) -> &'static str {
    match r {
        Some(verbale::Remedy::Lossy) => " or pass --lossy to replace bad bytes",
        Some(verbale::Remedy::MaxSize) => " or raise --max-size",
        Some(verbale::Remedy::Force) => ", or pass --force to replace it",
        None => "",
    }
}

/// A per-file problem as the command line tells it (with the flag that gets past it).
pub fn problem_text(p: &Problem) -> String {
    // A legacy encoding can be read as it is: its name is the guess, when there is one.
    let encoding = match &p.error {
        verbale::Error::InvalidUtf8 { guess: Some(g), .. } => {
            format!(", or read it as it is with --encoding {}", g.to_lowercase())
        }
        verbale::Error::InvalidUtf8 { .. } => {
            ", or read it in its encoding with --encoding (windows-1252 for most Western text)"
                .to_string()
        }
        _ => String::new(),
    };
    format!("{}{encoding}{}", p.error, remedy_text(p.error.remedy()))
}

/// Prints per-file problems on standard error (warnings unless --quiet); with --strict the
/// first error, or the first file left out, stops the run. Returns whether some input failed.
pub fn report_problems(problems: &[Problem], src: &SourceArgs) -> Result<bool> {
    for p in problems {
        if src.strict && p.error.stops_a_strict_run() {
            // Not "skipped": the run stops there.
            let text = problem_text(p);
            let text = text.strip_suffix("; skipped").unwrap_or(&text);
            return Err(anyhow::anyhow!("{text}")).context("stopping (--strict)");
        }
        if !src.quiet || !p.warning {
            let level = if p.warning { "warning" } else { "error" };
            eprintln!("verbale: {level}: {}", problem_text(p));
        }
    }
    Ok(problems.iter().any(|p| !p.warning))
}

/// The error for a run with nothing to analyse; `unusable` files were found but each was
/// skipped or failed (and reported as such).
pub fn no_documents(paths: &[PathBuf], lopts: &LoadOptions, unusable: usize) -> anyhow::Error {
    // A counts folder given as texts: say how it is read.
    if let Some(c) = paths
        .iter()
        .find(|p| p.join(verbale::frames::counts::ABOUT).is_file())
    {
        return verbale::Error::NoDocuments(format!(
            "{} is a counts folder (verbale counts): read it with --from-counts {}",
            c.display(),
            c.display()
        ))
        .into();
    }
    if paths.iter().all(|p| !p.is_dir()) {
        // Files named one by one: each one's own message (unless --quiet) says why.
        return verbale::Error::NoDocuments(
            "none of the files named could be read or had words".into(),
        )
        .into();
    }
    if unusable > 0 {
        return verbale::Error::NoDocuments(format!(
            "{} found and none could be analysed: each is named above (without --quiet) with \
             the reason",
            verbale::out::numbers::count_of(unusable as u64, "file")
        ))
        .into();
    }
    verbale::Error::NoDocuments(format!(
        "no readable {} files in {} (other extensions: --ext)",
        lopts.extensions.join("/"),
        paths
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    ))
    .into()
}

/// The error for conditions that kept no document: the flag and its condition, and why it may
/// have missed (a text in another case than the field's).
pub fn none_satisfy(cond: Option<(&str, &str)>, hint: Option<&str>) -> anyhow::Error {
    let mut m = match cond {
        Some((flag, e)) => format!("no document satisfies {flag} {e}"),
        None => "no document satisfies the conditions".to_string(),
    };
    if let Some(h) = hint {
        m.push_str("; ");
        m.push_str(h);
    }
    verbale::Error::NoDocuments(m).into()
}

/// Warns that `repeated` documents of the reference stand in the target too, and count there
/// only.
pub fn warn_repeated(repeated: usize) {
    eprintln!(
        "verbale: warning: {repeated} reference document(s) are also in the target and were left \
         out of the reference"
    );
}

/// The error for a reference whose `repeated` documents all stand in the target too.
pub fn reference_in_target(repeated: usize) -> anyhow::Error {
    verbale::Error::NoDocuments(format!(
        "the reference is empty: its {repeated} document(s) are all in the target too, and a \
         document is compared on one side only; choose a reference that the target does not \
         hold"
    ))
    .into()
}

/// The error for group `k` that the conditions left without a file: `--where` when it kept
/// none at all (`where_kept`), else the group's own condition (`selectors`: the target's and
/// the reference's); the reference taken as the rest (`NOT (target)`) is said to be empty.
pub fn chose_no_file(
    k: usize,
    selectors: &[String],
    where_: Option<&str>,
    where_kept: usize,
    hint: Option<&str>,
) -> anyhow::Error {
    let by_where = where_.map(|e| ("--where", e));
    if where_kept == 0 && by_where.is_some() {
        return none_satisfy(by_where, hint);
    }
    match selectors {
        [t, r] if k == 1 && *r == format!("NOT ({t})") => verbale::Error::NoDocuments(format!(
            "the reference is empty: every document satisfies --target-where {t}; choose a \
             reference with --reference-where"
        ))
        .into(),
        _ => {
            let flag = ["--target-where", "--reference-where"].get(k);
            match (flag, selectors.get(k)) {
                (Some(f), Some(e)) => none_satisfy(Some((f, e.as_str())), hint),
                _ => none_satisfy(by_where, hint),
            }
        }
    }
}

/// Warns (unless `quiet`) of the documents (of `all` read) whose language `docs` gives (each
/// with its id), the language its most frequent words say it is in when that is not the run's
/// `lang`: one line per language, naming a few of them; `what` says what else that costs (a
/// lexicon that finds nothing), and `acts` that the language needs a lexicon of acts
/// (`--lexicon`) when verbale has none for it.
pub fn warn_other_languages<'a>(
    docs: impl IntoIterator<Item = (&'a str, Option<verbale::text::Lang>)>,
    all: usize,
    lang: verbale::text::Lang,
    (what, acts): (&str, bool),
    quiet: bool,
) {
    if quiet {
        return;
    }
    let other: Vec<(&str, verbale::text::Lang)> = (docs.into_iter())
        .filter_map(|(id, l)| Some((id, l?)))
        .collect();
    let mut langs: Vec<verbale::text::Lang> = Vec::new();
    for (_, l) in &other {
        if !langs.contains(l) {
            langs.push(*l);
        }
    }
    for l in langs {
        let ids: Vec<&str> = (other.iter())
            .filter(|(_, x)| *x == l)
            .map(|(id, _)| *id)
            .collect();
        let named = match ids.len() {
            n if n <= 3 => ids.join(", "),
            n => format!("{}, and {} more", ids[..3].join(", "), n - 3),
        };
        let (n, verb, its, it) = match ids.len() {
            1 => (format!("1 of {all} documents"), "looks", "its", "it is"),
            n => (
                format!("{n} of {all} documents"),
                "look",
                "their",
                "they are",
            ),
        };
        eprintln!(
            "verbale: warning: {n} {verb} {}, not {} ({named}): {its} most frequent words are {} \
             stopwords, and {it} read as {}{what}; read {} apart with --lang {}{}",
            l.name,
            lang.name,
            l.name,
            lang.name,
            if ids.len() == 1 { "it" } else { "them" },
            l.code,
            match acts && verbale::dict::ActLexicon::bundled(l.code).is_none() {
                true => " and a lexicon of acts of your own (--lexicon FILE; verbale's are en, fr, es and ru)",
                false => "",
            }
        );
    }
}

/// [`warn_other_languages`] of the documents of `a`.
pub fn warn_docs_in_other_languages(
    a: &verbale::analysis::Analysis,
    lang: verbale::text::Lang,
    quiet: bool,
) {
    let docs = a.docs.iter().map(|d| (d.id.as_str(), d.other_lang));
    warn_other_languages(docs, a.docs.len(), lang, ("", false), quiet);
}

/// Warnings about a loaded corpus that do not stop the run: reference documents also in
/// the target, a `--lang` that does not match the text, a phrase list that never matched.
pub fn warn_loaded(p: &verbale::meta::Planned, options: &Options, section: bool) {
    if !section {
        let paths: Vec<&std::path::Path> = p
            .analysis
            .docs
            .iter()
            .filter_map(|d| d.path.as_deref())
            .collect();
        let (titled, looked, example) = verbale::corpus::titled_share(&paths);
        if looked >= 5 && titled * 5 >= looked * 4 {
            let example = example.unwrap_or_default();
            let shown = match example.char_indices().nth(50) {
                Some((i, _)) => format!("{}…", &example[..i]),
                None => example,
            };
            // Up to 50 documents are looked at, spread over the corpus: say of how many.
            let n = paths.len();
            let of = if n > looked {
                format!(" (of {n})")
            } else {
                String::new()
            };
            eprintln!(
                "verbale: {titled} of {looked} documents looked at{of} start with a title line \
                 (`{shown}`): its words count as text; --section body leaves it out"
            );
        }
    }
    if p.repeated > 0 {
        warn_repeated(p.repeated);
    }
    let hint = p.analysis.language_hint(options.lang);
    if hint.is_none() {
        warn_docs_in_other_languages(&p.analysis, options.lang, false);
    }
    if let Some((l, words)) = hint {
        eprintln!(
            "verbale: warning: the most frequent words ({}) are {} stopwords, not {}: is the \
             text {}? (--lang {})",
            words[..4.min(words.len())].join(", "),
            l.name,
            options.lang.name,
            l.name,
            l.code
        );
    }
    if let Some(list) = &options.phrases {
        if !p.analysis.terms.iter().any(|t| t.term.contains(' ')) {
            eprintln!(
                "verbale: warning: {}: {} occurs in these documents (a phrase counts where its \
                 words stand together in one sentence)",
                list.origin,
                match list.len() {
                    1 => "its phrase never".to_string(),
                    n => format!("none of its {n} phrases"),
                }
            );
        }
    }
}
