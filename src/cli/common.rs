//! Flags shared by every command (choosing documents, language, stopwords; the output flags are
//! in [`super::output`]) and the loading of the documents they choose.

use anyhow::Result;
use clap::Args;
use std::path::PathBuf;
use verbale::analysis::{Analysis, Options};
use verbale::corpus::{LoadOptions, Problem};
use verbale::text::{Lang, Rules, Stopwords, TokenizeOptions};

pub use super::output::OutputArgs;

/// Where documents come from and how they are read.
#[derive(Args, Debug, Clone)]
pub struct InputArgs {
    /// Files, folders (searched recursively) or `-` for standard input.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub source: SourceArgs,
}

impl InputArgs {
    /// Reads and analyses the paths with `options` ([`load`] of one group).
    pub fn load(&self, options: &Options, ask: Ask) -> Result<Loaded> {
        load(
            std::slice::from_ref(&self.paths),
            &self.source,
            options,
            ask,
        )
    }
}

/// The file extensions read from folders when --ext does not say.
pub const DEFAULT_EXT: &str = "txt,md,pdf,docx,doc,odt,html,htm";

/// How documents are read and analysed (every command takes these).
#[derive(Args, Debug, Clone)]
pub struct SourceArgs {
    /// File extensions read from folders, comma-separated.
    #[arg(
        long,
        value_delimiter = ',',
        default_value = DEFAULT_EXT
    )]
    pub ext: Vec<String>,
    /// Read only this section of each UN document: header, cover (the note verbale or letter),
    /// annex (the statement it transmits) or footnotes; documents without it are skipped. Or
    /// `body`, of any document: the text after its title line (a first line of at most 40
    /// words with an empty line after it, as press releases and White House statements have),
    /// the whole text when it has none.
    #[arg(long, value_name = "NAME", value_parser = ["header", "cover", "annex", "footnotes", "body"])]
    pub section: Option<String>,
    /// Replace invalid UTF-8 with U+FFFD instead of failing on the file.
    #[arg(long)]
    pub lossy: bool,
    /// Read text files that are not UTF-8 in this legacy encoding (windows-1252, latin1,
    /// windows-1251, gb18030, shift_jis, ...: any WHATWG label) instead of failing on them;
    /// UTF-8 files are read as they are, so a folder may mix both. Web pages that name no
    /// charset and are not UTF-8 are read in it too.
    #[arg(long, value_name = "ENC", value_parser = super::values::encoding)]
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// Keep file extensions in document ids (`AZE_75_2020.txt` instead of `AZE_75_2020`).
    #[arg(long)]
    pub keep_ext: bool,
    /// Stop at the first file that cannot be read or would be left out (binary, no words, a
    /// scanned or encrypted PDF), with no output.
    #[arg(long)]
    pub strict: bool,
    /// Refuse files larger than this many megabytes (up to 4000).
    #[arg(long, value_name = "MB", default_value_t = 100, value_parser = clap::value_parser!(u64).range(1..=4000))]
    pub max_size: u64,
    #[command(flatten)]
    pub text: TextArgs,
    #[command(flatten)]
    pub meta: MetaArgs,
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j')]
    pub jobs: Option<usize>,
    /// No warnings or progress on standard error.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

impl SourceArgs {
    /// Prints the metadata's notes (a manifest found and used) unless --quiet.
    pub fn say_notes(&self, notes: &[String]) {
        if !self.quiet {
            for n in notes {
                eprintln!("verbale: {n}");
            }
        }
    }
}

/// Document metadata and the documents it chooses.
#[derive(Args, Debug, Clone, Default)]
pub struct MetaArgs {
    /// Fields from file names: `{country}_{session}_{year}` (UN speeches), `{date:%Y-%m-%d}_{slug}`
    /// (a date in that format; `year` and `month` follow from it); `{x:int}` for a number.
    #[arg(long, value_name = "PATTERN")]
    pub meta_name: Option<String>,
    /// A manifest of fields (CSV, TSV or Parquet), joined on file name or document id; every
    /// other column is a field. A `manifest.csv` in a folder given is used on its own.
    #[arg(long = "meta", value_name = "FILE")]
    pub meta: Vec<PathBuf>,
    /// Leave out a `manifest.csv` found in a folder given.
    #[arg(long)]
    pub no_meta: bool,
    /// A file name that does not match --meta-name, or a value not of its type, leaves that
    /// file's fields empty (with a warning) instead of stopping the run.
    #[arg(long)]
    pub meta_lenient: bool,
    /// Only the documents whose fields satisfy an SQL condition:
    /// `year >= 2014 and country in ('RUS', 'UKR')` (the metadata fields `verbale docs` lists,
    /// not its measures of the text, which are known only once it is read).
    #[arg(long = "where", value_name = "EXPR", allow_hyphen_values = true)]
    pub where_: Option<String>,
}

impl MetaArgs {
    /// The library's metadata options.
    pub fn options(&self) -> verbale::meta::MetaOptions {
        verbale::meta::MetaOptions {
            name_pattern: self.meta_name.clone(),
            manifests: self.meta.clone(),
            auto_manifest: !self.no_meta,
            lenient: self.meta_lenient,
            max_bytes: None,
            part: false,
        }
    }
}

/// Target and reference groups for comparisons.
#[derive(Args, Debug, Clone, Default)]
pub struct GroupArgs {
    /// Target documents (instead of two positional paths).
    #[arg(long, num_args = 1.., value_name = "PATH")]
    pub target: Vec<PathBuf>,
    /// Reference documents.
    #[arg(long, num_args = 1.., value_name = "PATH")]
    pub reference: Vec<PathBuf>,
    /// The target: the documents of the paths whose fields satisfy this SQL condition
    /// (`year < 2014 and country = 'RUS'`); without --reference-where, against the rest (the
    /// documents for which it is false; `compare --table similarity` needs both).
    #[arg(long, value_name = "EXPR", allow_hyphen_values = true)]
    pub target_where: Option<String>,
    /// The reference: the documents whose fields satisfy this condition (a document that
    /// satisfies both is in the target).
    #[arg(
        long,
        value_name = "EXPR",
        requires = "target_where",
        allow_hyphen_values = true
    )]
    pub reference_where: Option<String>,
    /// What to call the target in headers, charts and legends.
    #[arg(long, value_name = "NAME")]
    pub name_target: Option<String>,
    /// What to call the reference.
    #[arg(long, value_name = "NAME")]
    pub name_reference: Option<String>,
}

/// A target and a reference: two sets of paths, or two conditions over one set.
#[derive(Debug, Clone)]
pub struct Sides {
    /// The groups of inputs to read (one with conditions, two otherwise).
    pub inputs: Vec<Vec<PathBuf>>,
    /// The conditions choosing the target and the reference, if given.
    pub selectors: Vec<String>,
    /// Short names of the target and the reference.
    pub names: [String; 2],
}

impl GroupArgs {
    /// Target and reference from two positional paths, from --target/--reference, or from
    /// --target-where/--reference-where over the positional paths.
    pub fn resolve(&self, paths: &[PathBuf], what: &str) -> Result<Sides> {
        let name = |given: &Option<String>, default: String| given.clone().unwrap_or(default);
        if let (Some(t), Some(r)) = (&self.target_where, self.reference()) {
            if paths.is_empty() || !self.target.is_empty() || !self.reference.is_empty() {
                return Err(verbale::Error::Invalid(format!(
                    "{what} with --target-where and --reference-where takes the documents as paths (not --target/--reference)"
                ))
                .into());
            }
            return Ok(Sides {
                inputs: vec![paths.to_vec()],
                selectors: vec![t.clone(), r.clone()],
                names: [
                    name(&self.name_target, t.clone()),
                    name(&self.name_reference, self.reference_name(&r)),
                ],
            });
        }
        let (t, r) = match (paths.len(), self.target.is_empty(), self.reference.is_empty()) {
            (2, true, true) => (vec![paths[0].clone()], vec![paths[1].clone()]),
            (0, false, false) => (self.target.clone(), self.reference.clone()),
            _ => {
                return Err(verbale::Error::Invalid(format!(
                    "{what} needs two paths (target, reference), --target PATH... --reference PATH..., or paths with --target-where EXPR (against the rest, or against --reference-where EXPR)"
                ))
                .into())
            }
        };
        let names = [
            name(&self.name_target, side_name(&t)),
            name(&self.name_reference, side_name(&r)),
        ];
        Ok(Sides {
            inputs: vec![t, r],
            selectors: Vec::new(),
            names,
        })
    }
}

impl GroupArgs {
    /// The reference's condition: --reference-where, or with --target-where alone the rest
    /// (`NOT (target)`: a document whose field is missing is on neither side).
    fn reference(&self) -> Option<String> {
        self.reference_where
            .clone()
            .or_else(|| self.target_where.as_ref().map(|t| format!("NOT ({t})")))
    }

    /// The reference's default name: its condition, or "the rest" when it was not given.
    fn reference_name(&self, r: &str) -> String {
        match &self.reference_where {
            Some(_) => r.to_string(),
            None => "the rest".into(),
        }
    }

    /// The sides of a comparison made from counts folders `dirs`: --target-where and
    /// --reference-where over the documents' fields; without them, one set of every document
    /// (named after the folders) when `one_set` is allowed (groups against the rest,
    /// similarity, a freq chart).
    pub fn counts_sides(&self, dirs: &[PathBuf], one_set: bool, what: &str) -> Result<Sides> {
        match (&self.target_where, self.reference()) {
            (Some(t), Some(r)) => Ok(Sides {
                inputs: Vec::new(),
                selectors: vec![t.clone(), r.clone()],
                names: [
                    self.name_target.clone().unwrap_or_else(|| t.clone()),
                    self.name_reference
                        .clone()
                        .unwrap_or_else(|| self.reference_name(&r)),
                ],
            }),
            _ if one_set => Ok(Sides {
                inputs: Vec::new(),
                selectors: Vec::new(),
                names: [counts_name(dirs), String::new()],
            }),
            _ => Err(verbale::Error::Invalid(format!(
                "{what} --from-counts takes its sides from the documents' fields: --target-where EXPR --reference-where EXPR{}",
                if what == "compare" { ", or --group-by FIELD" } else { "" }
            ))
            .into()),
        }
    }
}

/// `sides` with the reference named after the documents it holds when a file given for it
/// counts in the target (a file on both sides counts in the first): `--reference a.txt b.txt`
/// with `a.txt` also the target is `b`, not `a to b`. A name given (`named`) stays.
pub fn named_as_read(mut sides: Sides, loaded: &Loaded, named: bool) -> Sides {
    let ti = loaded.groups.first().map_or(&[][..], |g| &g[..]);
    let ri = loaded.groups.get(1).map_or(&[][..], |g| &g[..]);
    let [_, given] = &sides.inputs[..] else {
        return sides;
    };
    let path = |&i: &usize| loaded.analysis.docs[i].path.clone();
    // Compared as resolved, as the reading matched them (`./a.txt` is `a.txt`).
    let resolved = |p: PathBuf| p.canonicalize().unwrap_or(p);
    let target: std::collections::HashSet<PathBuf> =
        ti.iter().filter_map(path).map(resolved).collect();
    let lost = given
        .iter()
        .any(|p| p.is_file() && target.contains(&resolved(p.clone())));
    if !named && lost && !ri.is_empty() {
        let kept: Vec<PathBuf> = ri.iter().filter_map(path).collect();
        if kept.len() == ri.len() {
            sides.names[1] = side_name(&kept);
        }
    }
    sides
}

/// The name of counts folders: the corpus they are parts of, when each says the same (parts
/// counted with `--root`), else their [`side_name`].
pub fn counts_name(dirs: &[PathBuf]) -> String {
    let names: Vec<Option<String>> = dirs
        .iter()
        .map(|d| verbale::frames::counts::corpus(d))
        .collect();
    match names.first() {
        Some(Some(first)) if names.iter().all(|n| n.as_ref() == Some(first)) => first.clone(),
        _ => side_name(dirs),
    }
}

/// A short name for a set of paths: a file's or folder's name; for several files in one
/// folder, the folder's name when it holds no others, else the first and the last name
/// (`RUS_60_2005 to RUS_68_2013`, what a shell glob gave); for folders, their names
/// (`ungd_1946_2004 and ungd`; past three, the first and how many more); never a list of
/// every file.
pub fn side_name(paths: &[PathBuf]) -> String {
    let stem = |p: &PathBuf| {
        if p.as_os_str() == "-" {
            // Standard input, as its document is named.
            return "stdin".to_string();
        }
        p.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .filter(|s| !s.is_empty() && s != ".")
            .unwrap_or_else(|| p.display().to_string())
    };
    // Names of 24 characters at most (White House file names run to 70).
    let short = |s: String| match s.char_indices().nth(23) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s,
    };
    match paths {
        [] => String::new(),
        [p] => stem(p),
        many => {
            let folder = many[0]
                .parent()
                .filter(|f| many.iter().all(|p| p.parent() == Some(*f)));
            // Every file of the folder (and nothing else): the folder's name says it.
            let whole = folder.is_some_and(|f| {
                std::fs::read_dir(f).is_ok_and(|d| {
                    d.filter_map(|e| e.ok())
                        .filter(|e| e.path().is_file() && e.file_name() != "manifest.csv")
                        .count()
                        == many.len()
                })
            });
            if let (true, Some(name)) = (whole, folder.and_then(|f| f.file_name())) {
                return name.to_string_lossy().into_owned();
            }
            // Folders (two corpora): their names as given, not a range between them.
            if many.iter().all(|p| p.is_dir()) {
                let names: Vec<String> = many.iter().map(|p| short(stem(p))).collect();
                return match names.len() {
                    2 | 3 => format!(
                        "{} and {}",
                        names[..names.len() - 1].join(", "),
                        names[names.len() - 1]
                    ),
                    n => format!("{} and {} more folders", names[0], n - 1),
                };
            }
            let mut stems: Vec<String> = many.iter().map(stem).collect();
            stems.sort();
            let (first, last) = (stems[0].clone(), stems[stems.len() - 1].clone());
            format!("{} to {}", short(first), short(last))
        }
    }
}

/// How text becomes terms.
#[derive(Args, Debug, Clone)]
pub struct TextArgs {
    /// Language: stemmer, stopwords and quote lexicons (en, fr, es, ru, ar, de, ...).
    #[arg(long, default_value = "en")]
    pub lang: String,
    /// Stopwords dropped from tables: `none`, a language code, or a file with one word per line
    /// (which replaces the bundled list; default: the bundled list for --lang); join several
    /// with `+` to add a file to a bundled list: `en+extra.txt`. They still
    /// count in token totals. Words are matched as written (lower-cased), before stemming, as
    /// quanteda's tokens_remove: `azerbaijan` drops that word, not `azerbaijan’s`, whose stem
    /// is the same; list both, or add --split-apostrophes.
    #[arg(long)]
    pub stopwords: Option<String>,
    /// Count lower-cased words instead of stems.
    #[arg(long)]
    pub no_stem: bool,
    /// Stemming rules: `snowball`, the current Snowball release (as PyStemmer 3, so polars and
    /// scikit-learn pipelines), which keeps `international`, `internal` and `intern` apart; or
    /// `classic`, the rules from before Snowball 3.0 (as NLTK's SnowballStemmer and R's
    /// SnowballC), which stem all three to `intern`; Russian `ё` is read as `е` first under
    /// both, as NLTK and the current rules read it. Classic stems equal SnowballC's over the
    /// Snowball vocabularies except French words with `ë` or `ï` (79) and 3 Finnish words.
    #[arg(long, default_value = Rules::NAMES[0], value_parser = Rules::NAMES,
          conflicts_with = "no_stem")]
    pub stemmer: String,
    /// Split hyphenated compounds (`so-called` counts as `so` and `called`).
    #[arg(long)]
    pub split_hyphens: bool,
    /// Split words at apostrophes (`Armenia’s` counts as `armenia` and `s`), as regex (`\w+`)
    /// tokenisers do.
    #[arg(long)]
    pub split_apostrophes: bool,
    /// Leave numbers (`1993`, `2,000`: a digit and no letter) out of term tables, as stopwords
    /// are; they still count in token totals.
    #[arg(long)]
    pub no_numbers: bool,
    /// Count each phrase of a list as one term, as quanteda's tokens_compound does: `un` for the
    /// bundled list of UN multiword terms (United Nations, Security Council, human rights,
    /// territorial integrity, per cent, ...), or a file with one phrase per line (`*` and `?`
    /// wildcards within a word, `#` comments). A phrase counts where its words stand together
    /// in one sentence with nothing but spaces between them; the longest phrase wins. The term
    /// is the words as written, the last stemmed, joined by a space (`security council`;
    /// `developing countries` and `developed countries` stay two terms).
    #[arg(long, value_name = "FILE|un")]
    pub phrases: Option<String>,
    /// Count the N word pairs of the corpus that go together most strongly (collocations by z,
    /// seen at least 5 times, not starting or ending with a stopword) as one term each, after
    /// a first pass over the files to find them; with --phrases, both.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub compound_top: Option<u32>,
    /// The probability a quotation needs to be called scare (0 to 1): below it, the likeliest
    /// other kind is called, in every count, chart and table. The default, 0, calls the
    /// likeliest kind; `quotes --explain` shows each span's probabilities, and verbale's
    /// README.md ("Quotation analysis, and how well it works") what precision and recall each
    /// threshold gave on held-out labelled English spans (the fitted model is English; other
    /// languages' scores are not calibrated).
    #[arg(long, value_name = "P", default_value_t = 0.0, value_parser = super::values::probability, allow_hyphen_values = true)]
    pub min_confidence: f64,
}

impl TextArgs {
    /// The library options these flags describe, but for the multiword terms, which
    /// [`SourceArgs::options`] adds.
    pub fn options(&self) -> Result<Options> {
        let lang = Lang::parse(&self.lang)?;
        let mut opts = Options::new(lang);
        opts.stem = !self.no_stem;
        opts.rules = Rules::parse(&self.stemmer)?;
        opts.tokenize = TokenizeOptions {
            split_hyphens: self.split_hyphens,
            split_apostrophes: self.split_apostrophes,
        };
        if let Some(s) = &self.stopwords {
            opts.stopwords = Stopwords::from_spec(s, lang).map_err(|e| match e {
                // "stopwords 'x': …" names the flag.
                verbale::Error::Invalid(m) => verbale::Error::Invalid(format!("--{m}")),
                e => e,
            })?;
        }
        if self.no_numbers {
            opts.stopwords = std::mem::take(&mut opts.stopwords).without_numbers();
        }
        opts.min_scare = self.min_confidence;
        Ok(opts)
    }
}

/// Sets the worker count once: `--jobs`, at most four per core (each worker holds its own
/// tables; thousands of them would only cost memory and time).
pub fn init_threads(src: &SourceArgs) {
    // A command may reach this from several stages: the pool is made, and warned about, once.
    static ONCE: std::sync::Once = std::sync::Once::new();
    let Some(n) = src.jobs else { return };
    ONCE.call_once(|| {
        let cores = std::thread::available_parallelism().map_or(1, |c| c.get());
        let most = 4 * cores;
        if n > most && !src.quiet {
            eprintln!("verbale: warning: --jobs {n} is more than four per core; using {most}");
        }
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n.clamp(1, most))
            .build_global();
    });
}

/// The library's load options from the flags.
pub fn load_options(src: &SourceArgs) -> LoadOptions {
    LoadOptions {
        extensions: src
            .ext
            .iter()
            .map(|e| e.trim_start_matches('.').to_string())
            .collect(),
        lossy: src.lossy,
        encoding: src.encoding,
        keep_ext: src.keep_ext,
        max_bytes: src.max_size * 1_000_000,
        section: src.section.clone(),
        root: None,
    }
}

/// Documents read and analysed in one streaming pass, with their metadata.
pub struct Loaded {
    /// The counts of every document.
    pub analysis: Analysis,
    /// Per group (one; or a target and a reference), its documents.
    pub groups: Vec<Vec<usize>>,
    /// The documents' metadata, a row per document.
    pub meta: verbale::meta::Metadata,
    /// With --group-by: the documents' groups.
    pub grouping: Option<verbale::meta::Grouping>,
    /// The load options (to read a document again).
    pub lopts: LoadOptions,
    /// The inputs that could not be read or were skipped, with why.
    pub problems: Vec<Problem>,
    /// Some input failed (exit code 1 at the end).
    pub had_errors: bool,
    /// A part (`counts`) that --where left with no document, as the load warned.
    pub emptied_by_where: bool,
}

/// What a command asks a load for besides its inputs.
#[derive(Debug, Clone, Default)]
pub struct Ask {
    /// Conditions dividing the inputs into groups (`--target-where`, `--reference-where`).
    pub selectors: Vec<String>,
    /// Fields grouping the documents (`--group-by`).
    pub group_by: Vec<String>,
    /// Hold the documents that cannot be read again (for a second look at their text).
    pub hold: bool,
    /// Accept inputs with no readable document (`counts` of an empty part of a corpus).
    pub allow_empty: bool,
    /// Name documents relative to this folder, and read its manifest.csv (`counts --root`).
    pub root: Option<PathBuf>,
}

impl Ask {
    /// Documents grouped by `fields` (`--group-by`), nothing else asked.
    pub fn grouped_by(fields: &[String]) -> Ask {
        Ask {
            group_by: fields.to_vec(),
            ..Ask::default()
        }
    }
}

/// Reads and analyses groups of inputs (one, or a target and a reference: a file in both
/// counts in the target only, with a warning, since a document compared with itself would bias
/// every statistic), chosen and grouped by their metadata. Every group must have a document.
pub fn load(
    groups: &[Vec<PathBuf>],
    src: &SourceArgs,
    options: &Options,
    ask: Ask,
) -> Result<Loaded> {
    load_also(groups, src, options, ask, None)
}

/// [`load`], also giving each document's positions to `also` in the same reading.
pub fn load_also(
    groups: &[Vec<PathBuf>],
    src: &SourceArgs,
    options: &Options,
    ask: Ask,
    also: Option<&dyn verbale::analysis::AlsoRead>,
) -> Result<Loaded> {
    init_threads(src);
    let mut lopts = load_options(src);
    let mut meta = src.meta.options();
    if let Some(root) = &ask.root {
        // A part of a corpus reads the corpus's manifest as a run over the whole would.
        let m = root.join("manifest.csv");
        if meta.auto_manifest && m.is_file() && !meta.manifests.contains(&m) {
            meta.manifests.push(m);
        }
        lopts.root = Some(root.clone());
        meta.part = true;
    }
    let plan = verbale::meta::Plan {
        groups: groups.to_vec(),
        selectors: ask.selectors.clone(),
        filter: src.meta.where_.clone(),
        group_by: ask.group_by,
        meta,
        hold: ask.hold,
    };
    let p = verbale::meta::analyse_also(&plan, &lopts, options, also)
        .map_err(|e| side_error(e, &ask.selectors, src))?;
    src.say_notes(&p.meta.notes);
    let had_errors = report_problems(&p.problems, src)?;
    if !src.quiet {
        warn_loaded(&p, options, src.section.is_some());
    }
    let chosen = src.meta.where_.is_some() || !ask.selectors.is_empty();
    let mut emptied_by_where = false;
    for (k, members) in p.groups.iter().enumerate() {
        // The conditions left this group no file, of some there were (rather than its files
        // failing to read, or there being none).
        let some = p.left_out > 0 || p.where_kept > 0;
        let chose_none = chosen && some && p.chose.get(k).is_none_or(|&n| n == 0);
        // A part of a corpus (`counts`) that --where leaves empty is an empty part, as one of
        // scans only is: a map job gives every partition the same condition.
        if members.is_empty() && ask.allow_empty && ask.selectors.is_empty() && chose_none {
            if !src.quiet {
                eprintln!(
                    "verbale: warning: no document satisfies --where {}: the counts are an empty \
                     part",
                    src.meta.where_.as_deref().unwrap_or("")
                );
            }
            emptied_by_where = true;
            continue;
        }
        if members.is_empty() && !(ask.allow_empty && ask.selectors.is_empty()) {
            let paths = groups.get(k).or(groups.first()).map_or(&[][..], |g| &g[..]);
            if k == 1 && p.repeated > 0 {
                return Err(super::problems::reference_in_target(p.repeated));
            }
            if chose_none {
                return Err(super::problems::chose_no_file(
                    k,
                    &ask.selectors,
                    src.meta.where_.as_deref(),
                    p.where_kept,
                    p.hint.as_deref(),
                ));
            }
            let found = p.chose.get(k).copied().unwrap_or(0);
            let err = no_documents(paths, &lopts, found);
            return Err(if groups.len() < 2 {
                err
            } else {
                side_named(k, paths, err)
            });
        }
    }
    Ok(Loaded {
        analysis: p.analysis,
        groups: p.groups,
        meta: p.meta,
        grouping: p.grouping,
        lopts,
        problems: p.problems,
        had_errors,
        emptied_by_where,
    })
}

/// The error of side `k` (of a target and a reference) with no document, naming the side and
/// its first paths: the other side may have read well.
fn side_named(k: usize, paths: &[PathBuf], err: anyhow::Error) -> anyhow::Error {
    let side = match k {
        0 => "the target".to_string(),
        1 => "the reference".to_string(),
        _ => format!("group {}", k + 1),
    };
    let named: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    match err.downcast::<verbale::Error>() {
        Ok(verbale::Error::NoDocuments(why)) => verbale::Error::NoDocuments(format!(
            "{side} ({}) has none: {why}",
            verbale::meta::listed(&named)
        ))
        .into(),
        Ok(e) => e.into(),
        Err(e) => e,
    }
}

/// A metadata error told with the flag that gave the expression: a side's condition
/// (`selectors`: --target-where, --reference-where) or --where and the pattern flags.
pub fn side_error(e: verbale::Error, selectors: &[String], src: &SourceArgs) -> anyhow::Error {
    let flags = ["--target-where", "--reference-where"];
    match e {
        verbale::Error::Invalid(m) => match flags
            .iter()
            .zip(selectors)
            .find(|(_, s)| m.contains(s.as_str()))
        {
            Some((flag, _)) => verbale::Error::Invalid(format!("{flag}: {m}")).into(),
            None => flag_error(verbale::Error::Invalid(m), src),
        },
        e => flag_error(e, src),
    }
}

/// A metadata error told with the flag that gave the expression or pattern.
pub fn flag_error(e: verbale::Error, src: &SourceArgs) -> anyhow::Error {
    let anyhow = |m: String| anyhow::Error::from(verbale::Error::Invalid(m));
    match e {
        verbale::Error::Invalid(m) if m.contains("not match the pattern") => anyhow(format!(
            "{m} (--meta-name; --meta-lenient leaves such files' fields empty)"
        )),
        verbale::Error::Invalid(m) if m.contains("which is not a") => anyhow(format!(
            "{m} (--meta-name; --meta-lenient leaves such values empty)"
        )),
        verbale::Error::Invalid(m)
            if src
                .meta
                .where_
                .as_ref()
                .is_some_and(|w| m.contains(w.as_str())) =>
        {
            anyhow(format!("--where: {m}"))
        }
        e => e.into(),
    }
}

pub use super::held::{load_held, RowsPer};
use super::problems::warn_loaded;
pub use super::problems::{no_documents, problem_text, remedy_text, report_problems};
pub use verbale::out::numbers::{count_of, thousands};

/// `--by corpus|doc`.
#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum By {
    /// Rows over the whole corpus (one per term, act or category).
    #[default]
    Corpus,
    /// Rows per document (one per document and term, act or category).
    Doc,
}

/// `--kind`: a quotation kind, or all of them.
#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum KindArg {
    /// Every kind (kwic: every hit, in quotation marks or not; --quoted-only keeps the quoted).
    #[default]
    All,
    /// Scare quotes: the writer holds the words at a distance.
    Scare,
    /// Words mentioned or highlighted neutrally.
    Term,
    /// Names of documents, programmes, initiatives.
    Title,
    /// Someone's words.
    Direct,
}

impl KindArg {
    /// The kind asked for (`None` for all).
    pub fn kind(self) -> Option<verbale::quotes::Kind> {
        use verbale::quotes::Kind;
        match self {
            KindArg::All => None,
            KindArg::Scare => Some(Kind::Scare),
            KindArg::Term => Some(Kind::Term),
            KindArg::Title => Some(Kind::Title),
            KindArg::Direct => Some(Kind::Direct),
        }
    }
}
