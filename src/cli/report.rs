//! `verbale report`: the whole analysis of a folder of statements into notebooks-out/NAME/.

use super::common::{
    load_also, named_as_read, side_name, Ask, GroupArgs, Loaded, Sides, SourceArgs,
};
use super::from_counts::load_counts;
use anyhow::Result;
use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use verbale::dict::TextsAside;
use verbale::report::{self, Groups, MetaGroups, ReportOptions};

/// Write a complete report: report.html (self-contained), report.md with the charts as PNG,
/// every table as Parquet and CSV, and report.ipynb. With no paths it analyses the bundled
/// data/ corpus; without -o it writes notebooks-out/NAME/.
#[derive(Args, Debug)]
#[command(after_help = "Examples:
  verbale report
  verbale report speeches/ --name ungd -o notebooks-out/ungd
  verbale report --target ARM/ --reference AZE/
  verbale report speeches/ --target-where \"country = 'RUS' and year >= 2014\" --reference-where \"country = 'RUS' and year < 2014\"
  verbale report --from-counts parts/* --name ungd")]
pub struct ReportArgs {
    /// Files or folders (default: data/).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// The keyness section's target and reference (instead of each document against the
    /// rest): two sets of paths (--target, --reference), or conditions on the documents'
    /// fields (--target-where, --reference-where; the report then covers the documents of
    /// either side).
    #[command(flatten)]
    pub groups: GroupArgs,
    /// Output folder (replaced atomically if it exists).
    #[arg(long, short = 'o', value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Report name (default: from the input).
    #[arg(long)]
    pub name: Option<String>,
    /// The groups section: group the documents by this metadata field (default: the first
    /// of country, speaker, party, author, actor, source, type, folder with 2 to 30 values,
    /// from a manifest or the file names (of the files' own properties, only language and
    /// un_body);
    /// else the time field, --time's when given, when it has at most 30; without either, the
    /// report says why it has no groups section).
    #[arg(long, value_name = "FIELD", value_parser = super::values::field, conflicts_with = "no_groups")]
    pub group_by: Option<String>,
    /// The groups section's trend charts: the time field (default: year, session or decade).
    #[arg(long, value_name = "FIELD", value_parser = super::values::field, conflicts_with = "no_groups")]
    pub time: Option<String>,
    /// Leave out the groups section even when the documents have metadata.
    #[arg(long)]
    pub no_groups: bool,
    /// The groups section's trends: also follow these words or phrases over the time field
    /// (comma-separated; a phrase is counted word by word as `verbale trend` counts it, or as
    /// one term when --phrases or --compound-top makes it one; stopwords are left out of the
    /// report's counts, so `verbale trend` follows those), before the most scare-quoted and the
    /// key terms.
    #[arg(
        long,
        value_delimiter = ',',
        value_name = "WORDS",
        value_parser = super::values::word,
        conflicts_with = "no_groups"
    )]
    pub terms: Vec<String>,
    /// Make the report from counts folders (`verbale counts`) instead of the texts, with the
    /// options they were counted with; the sections that need the texts (phrases, quotations
    /// in context, cues, speech acts, dispersion) are left out, and the report names them.
    #[arg(long, num_args = 1.., value_name = "DIR", conflicts_with_all = ["paths", "target", "reference"])]
    pub from_counts: Vec<PathBuf>,
    #[command(flatten)]
    pub source: SourceArgs,
}

fn name_of(paths: &[PathBuf]) -> String {
    let Some(p) = paths.first() else {
        return "report".into();
    };
    // Several folders of one folder (`shards/*`): the report is that folder's.
    if paths.len() > 1 && paths.iter().all(|p| p.is_dir()) {
        let parent = |p: &PathBuf| p.canonicalize().ok()?.parent().map(Path::to_path_buf);
        if let Some(common) =
            parent(p).filter(|c| paths.iter().all(|q| parent(q).as_ref() == Some(c)))
        {
            return name_of(&[common]);
        }
    }
    let canon = p.canonicalize().unwrap_or_else(|_| p.clone());
    let stem = if paths.len() > 1 && !paths.iter().all(|p| p.is_dir()) || p.as_os_str() == "-" {
        // Files named one by one (`RUS_*.txt`): their range, as the charts name them, not the
        // first file's name.
        side_name(paths)
    } else {
        canon
            .file_stem()
            .or_else(|| p.file_stem())
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "report".into())
    };
    let clean: String = stem
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if paths.len() > 1 && paths.iter().all(|p| p.is_dir()) {
        format!("{clean}-and-{}-more", paths.len() - 1)
    } else {
        clean
    }
}

fn shell_quote(a: &str) -> String {
    if !a.is_empty()
        && a.chars()
            .all(|c| c.is_alphanumeric() || "-_./=,:".contains(c))
    {
        a.to_string()
    } else {
        format!("'{}'", a.replace('\'', "'\\''"))
    }
}

/// The report's inputs and sides: its paths (default `data/`) as one set, a target and a
/// reference as two sets of paths, or one set divided by --target-where/--reference-where.
fn input_sides(args: &ReportArgs) -> Result<Sides> {
    let invalid = |m: &str| -> anyhow::Error { verbale::Error::Invalid(m.into()).into() };
    let g = &args.groups;
    if !g.target.is_empty() || !g.reference.is_empty() {
        if !args.paths.is_empty() {
            return Err(invalid("give either PATH... or --target/--reference, not both (the groups are the documents of the report)"));
        }
        if g.target.is_empty() || g.reference.is_empty() {
            return Err(invalid(
                "the report's keyness needs both --target PATH... and --reference PATH...",
            ));
        }
    }
    let paths = if args.paths.is_empty() && g.target.is_empty() {
        if !Path::new("data").is_dir() {
            return Err(invalid("no paths given and no data/ folder here: run from the verbale folder or name the statements to analyse"));
        }
        vec![PathBuf::from("data")]
    } else {
        args.paths.clone()
    };
    if g.target_where.is_some() || !g.target.is_empty() {
        return g.resolve(&paths, "report");
    }
    let sides = Sides {
        names: [side_name(&paths), String::new()],
        inputs: vec![paths],
        selectors: Vec::new(),
    };
    names_need_sides(g, &sides)?;
    Ok(sides)
}

/// --name-target and --name-reference without sides to name are refused, not ignored.
fn names_need_sides(g: &GroupArgs, sides: &Sides) -> Result<()> {
    let one_set = sides.selectors.is_empty() && sides.inputs.len() < 2;
    if one_set && (g.name_target.is_some() || g.name_reference.is_some()) {
        return Err(verbale::Error::Invalid(
            "--name-target and --name-reference name the keyness sides: give them with \
             --target/--reference or --target-where"
                .into(),
        )
        .into());
    }
    Ok(())
}

/// Checks, from the metadata alone, that each side's condition chooses a document, before
/// anything is read (--compound-top's first pass, then the reading).
fn check_sides(groups: &[Vec<PathBuf>], src: &SourceArgs, sides: &Sides) -> Result<()> {
    if sides.selectors.is_empty() {
        return Ok(());
    }
    let plan = verbale::meta::Plan {
        groups: groups.to_vec(),
        selectors: sides.selectors.clone(),
        filter: src.meta.where_.clone(),
        meta: src.meta.options(),
        ..Default::default()
    };
    let chosen = verbale::meta::choose(&plan, &super::common::load_options(src))
        .map_err(|e| super::common::side_error(e, &sides.selectors, src))?;
    if let Some(k) = chosen.chose.iter().position(|&n| n == 0) {
        if k == 1 && chosen.repeated > 0 {
            return Err(super::problems::reference_in_target(chosen.repeated));
        }
        return Err(super::problems::chose_no_file(
            k,
            &sides.selectors,
            src.meta.where_.as_deref(),
            chosen.where_kept,
            chosen.hint.as_deref(),
        ));
    }
    Ok(())
}

/// How the report's documents were chosen, when a condition chose them: `--where`, and the
/// sides' conditions (the report covers the documents of either side).
fn chosen_by(src: &SourceArgs, sides: &Sides) -> Option<String> {
    let sides = match sides.selectors.as_slice() {
        [t, r] => Some(format!("--target-where {t} or --reference-where {r}")),
        _ => None,
    };
    match (&src.meta.where_, sides) {
        (Some(w), Some(s)) => Some(format!("--where {w} and {s}")),
        (Some(w), None) => Some(format!("--where {w}")),
        (None, s) => s,
    }
}

/// The keyness section's sides of `loaded`, when the report has two.
fn keyness_sides(loaded: &Loaded, sides: &Sides) -> Option<Groups> {
    (loaded.groups.len() == 2).then(|| Groups {
        target: loaded.groups[0].clone(),
        reference: loaded.groups[1].clone(),
        target_name: sides.names[0].clone(),
        reference_name: sides.names[1].clone(),
    })
}

/// The report's name: `--name`, checked, or one made from the inputs.
fn report_name(args: &ReportArgs, groups: &[Vec<PathBuf>], sides: &Sides) -> Result<String> {
    match &args.name {
        Some(n) if n.is_empty() || n.starts_with('.') || n.contains(['/', '\\']) => {
            Err(verbale::Error::Invalid(format!(
                "--name {n}: use a plain folder name (no '/', not starting with '.')"
            ))
            .into())
        }
        Some(n) => Ok(n.clone()),
        None if groups.len() == 2 => Ok(format!(
            "{}-vs-{}",
            name_of(&groups[0]),
            name_of(&groups[1])
        )),
        // Sides by conditions: their names in the folder's, so that the report of a corpus
        // and that of two of its parts do not replace each other.
        // A short hash of every condition tells apart names the slugs cut alike, and reports
        // of one pair of sides under different --where.
        None if !sides.selectors.is_empty() => Ok(format!(
            "{}-{}-vs-{}-{}",
            name_of(&groups[0]),
            super::output::slug(&sides.names[0]),
            super::output::slug(&sides.names[1]),
            super::output::conditions_hash(&[
                args.source.meta.where_.as_deref().unwrap_or(""),
                &sides.selectors[0],
                &sides.selectors[1],
            ])
        )),
        None => Ok(name_of(&groups[0])),
    }
}

/// A progress bar on standard error when it is a terminal (and not --quiet).
fn progress(quiet: bool) -> ProgressBar {
    let show = !quiet && std::io::stderr().is_terminal();
    let target = if show {
        ProgressDrawTarget::stderr()
    } else {
        ProgressDrawTarget::hidden()
    };
    let bar = ProgressBar::with_draw_target(Some(8), target);
    bar.set_style(
        ProgressStyle::with_template("{spinner} [{elapsed_precise}] {bar:30} {pos}/{len} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar
}

/// The command as typed, with the program named `verbale` (not its install path); bytes that
/// are not UTF-8 (a folder's name) shown as U+FFFD.
fn command_line() -> String {
    std::env::args_os()
        .enumerate()
        .map(|(i, a)| {
            if i == 0 {
                "verbale".to_string()
            } else {
                shell_quote(&a.to_string_lossy())
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Runs `report`. Returns whether some input failed.
pub fn run(args: ReportArgs) -> Result<bool> {
    // Before anything asks rayon for its threads (the speech-act matcher does), or --jobs
    // would be too late to size the pool.
    super::common::init_threads(&args.source);
    if !args.from_counts.is_empty() {
        return from_counts(&args);
    }
    let sides = input_sides(&args)?;
    let groups = sides.inputs.clone();
    check_sides(&groups, &args.source, &sides)?;
    let name = report_name(&args, &groups, &sides)?;
    let all: Vec<PathBuf> = groups.iter().flatten().cloned().collect();
    let mut options = args.source.options(&all)?;
    options.doc_measures = true;
    options.spill_counts = true; // each document's counts wait in a temporary file
    let terms = trend_terms(&args.terms, &options)?;
    let dir = output_dir(&args, &name)?;
    report::check_target(&dir, &all)?;
    verbale::out::check_writable(&dir)?;
    let bar = progress(args.source.quiet);
    // One reading counts the documents, holds them as word ids for the phrase tables and
    // finds their speech acts, from the same tokens.
    let lex = verbale::dict::ActLexicon::bundled(options.lang.code);
    let triggers = lex.as_ref().map(|l| l.compile(&options)).transpose()?;
    let matcher = triggers
        .as_ref()
        .map(|t| verbale::dict::Matcher::new(t, lex.as_ref()));
    // The report's tables of acts read the acts only (the lexicon keeps no entry's matched
    // words), and the acts' texts are set aside until their tables are written.
    let spill = set_aside_file(args.source.quiet);
    // The phrases of --terms that no --phrases makes one term are counted from the words as
    // they are read, as `trend` counts them.
    let term_phrases = phrases_of(&terms, &options)?;
    let holder =
        verbale::phrases::Holder::new(|p: &verbale::analysis::Positions, d: &verbale::Document| {
            let acts = matcher.as_ref().map(|m| {
                let mut found = m.scan(p, d);
                let aside = (spill.as_ref()).and_then(|s| TextsAside::set_aside(&mut found, s));
                (found, aside)
            });
            (acts, term_phrases.as_ref().map(|t| t.count(p, &d.text)))
        });
    bar.set_message("reading and counting");
    let ask = Ask {
        hold: true,
        selectors: sides.selectors.clone(),
        ..Default::default()
    };
    let loaded = load_also(&groups, &args.source, &options, ask, Some(&holder))?;
    let sides = named_as_read(sides, &loaded, args.groups.name_reference.is_some());
    // The phrase tables next, so that the corpus held as word ids is let go before the other
    // tables are built.
    bar.set_message("phrases");
    let ids: Vec<&str> = loaded.analysis.docs.iter().map(|d| d.id.as_str()).collect();
    let (held, found) = holder.finish(&ids, &options)?;
    let (found, counts): (Vec<_>, Vec<_>) = found.into_iter().unzip();
    let counted_terms = counted(term_phrases, counts);
    let acts = matcher.is_some().then(|| {
        let (docs, at): (Vec<_>, Vec<_>) = found.into_iter().map(Option::unwrap_or_default).unzip();
        verbale::dict::Scanned {
            ids: held.ids.clone(),
            bins: (0..held.ids.len() as u32).collect(),
            docs,
            aside: spill.map(|s| std::sync::Arc::new(TextsAside::of(s, at))),
            tally: None,
            // Warned of with the reading's documents.
            other_lang: Vec::new(),
        }
    });
    let phrases = Some(report::phrase_tables_of(&held)?);
    drop(held);
    bar.inc(2);
    let r = ReportOptions {
        name,
        dir,
        command: command_line(),
        date: run_date(),
        groups: keyness_sides(&loaded, &sides),
        meta_groups: meta_groups(&args, &loaded.meta)?,
        meta: loaded.meta.frame.clone(),
        left_out: left_out(&loaded.problems),
        phrases,
        acts: std::sync::Mutex::new(acts),
        terms: terms.clone(),
        counted_terms,
        texts: true,
        chosen_by: chosen_by(&args.source, &sides),
    };
    if !args.source.quiet {
        super::quotes::warn_long_spans(&loaded.analysis);
    }
    warn_absent_terms(
        &loaded,
        (&terms, r.counted_terms.as_ref()),
        &options,
        args.source.quiet,
    );
    write(&args, &loaded, &options, &r, &bar)?;
    Ok(loaded.had_errors)
}

/// A temporary file for what the report sets aside until it writes its tables; none, with a
/// note (unless `quiet`), when the temporary folder takes no file: the report then keeps it
/// all in memory, with the same output.
fn set_aside_file(quiet: bool) -> Option<verbale::analysis::spill::Spill> {
    match verbale::analysis::spill::Spill::new() {
        Ok(s) => Some(s),
        Err(e) => {
            if !quiet {
                eprintln!(
                    "verbale: note: the temporary folder takes no file ({e}): the report keeps \
                     what it would set aside in memory; point TMPDIR at a writable folder"
                );
            }
            None
        }
    }
}

/// The inputs a report did not read, each with its reason, sorted.
fn left_out(problems: &[verbale::corpus::Problem]) -> Vec<String> {
    let mut out: Vec<String> = problems
        .iter()
        .map(|p| {
            let what = if p.warning { "skipped" } else { "not read" };
            format!("{what}: {}", super::common::problem_text(p))
        })
        .collect();
    out.sort();
    out
}

/// The phrases of --terms counted in the reading: per document, by its index in the
/// analysis (the holder gives them in that order), its counts.
fn counted(
    phrases: Option<verbale::trend::Terms>,
    counts: Vec<Option<verbale::trend::DocCounts>>,
) -> Option<verbale::trend::Counted> {
    phrases.map(|terms| verbale::trend::Counted {
        terms,
        docs: counts
            .into_iter()
            .enumerate()
            .filter_map(|(i, c)| Some((i, c?)))
            .collect(),
    })
}

/// The words and phrases of `--terms`, trimmed (a stopword, which the report's counts leave
/// out, is refused with the command that follows it).
fn trend_terms(terms: &[String], options: &verbale::analysis::Options) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for t in terms.iter().map(|t| t.trim()).filter(|t| !t.is_empty()) {
        let why = if options.stopwords.contains(&t.to_lowercase()) {
            Some("a stopword, which the report's counts leave out")
        } else {
            None
        };
        if let Some(why) = why {
            return Err(verbale::Error::Invalid(format!(
                "--terms {t}: {why}; the report does not follow it. `verbale trend '{t}' \
                 PATH --by year` (or `chart trend PATH --terms '{t}' --by year`) counts it"
            ))
            .into());
        }
        out.push(t.to_string());
    }
    Ok(out)
}

/// The phrases among `terms`, to be counted from the words in the reading (those that
/// `--phrases` makes one term are then taken from the counts instead); `None` when there are
/// none.
fn phrases_of(
    terms: &[String],
    options: &verbale::analysis::Options,
) -> Result<Option<verbale::trend::Terms>> {
    let phrases: Vec<String> = terms
        .iter()
        .filter(|t| t.split_whitespace().count() > 1)
        .cloned()
        .collect();
    if phrases.is_empty() {
        return Ok(None);
    }
    Ok(Some(verbale::trend::Terms::new(&phrases, options)?))
}

/// Warns (unless `quiet`) of each term of `--terms` that no document of the report has: a
/// phrase counted in the reading (`counted`) and not a term of the counts by the reading's
/// counts, another by the documents' terms.
fn warn_absent_terms(
    loaded: &Loaded,
    (terms, counted): (&[String], Option<&verbale::trend::Counted>),
    options: &verbale::analysis::Options,
    quiet: bool,
) {
    let a = &loaded.analysis;
    for t in terms.iter().filter(|_| !quiet) {
        let Ok(words) = verbale::trend::Terms::new(std::slice::from_ref(t), options) else {
            continue;
        };
        let key = &words.keys()[0];
        // A phrase the counts do not hold as one term was counted in the reading.
        let read = counted
            .filter(|_| key.len() > 1 && !verbale::trend::is_term(a, key))
            .and_then(|c| Some((c, c.terms.names.iter().position(|n| n == t)?)));
        let absent = match read {
            Some((c, k)) => c.docs.iter().all(|d| d.1.counts[k][0] == 0),
            None => verbale::trend::holding(a, key, options).is_empty(),
        };
        if absent {
            eprintln!(
                "verbale: warning: --terms {t}: in none of these documents (check its \
                 spelling: its trend is zeros)"
            );
        }
    }
}

/// The report's folder: `-o DIR`, whose parent must exist (a mistyped `-o reprots/ungd` makes
/// no `reprots/`, as `-o` of a file makes no folder), or `notebooks-out/NAME`, made if need be.
fn output_dir(args: &ReportArgs, name: &str) -> Result<PathBuf> {
    let Some(dir) = &args.output else {
        return Ok(Path::new("notebooks-out").join(name));
    };
    match dir.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(parent) if !parent.is_dir() => Err(verbale::Error::Write {
            path: dir.clone(),
            source: std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!("folder {} does not exist", parent.display()),
            ),
        }
        .into()),
        _ => Ok(dir.clone()),
    }
}

/// Runs `report --from-counts`: the report of counts folders, with the options they were
/// made with, and without the sections that need the texts.
fn from_counts(args: &ReportArgs) -> Result<bool> {
    let dirs = &args.from_counts;
    let sides = args.groups.counts_sides(dirs, true, "report")?;
    names_need_sides(&args.groups, &sides)?;
    let name = report_name(args, std::slice::from_ref(dirs), &sides)?;
    let dir = output_dir(args, &name)?;
    report::check_target(&dir, dirs)?;
    verbale::out::check_writable(&dir)?;
    let options = verbale::frames::counts::options(&dirs[0])?;
    let bar = progress(args.source.quiet);
    bar.set_message("reading the counts");
    let ask = Ask {
        selectors: sides.selectors.clone(),
        ..Default::default()
    };
    let terms = trend_terms(&args.terms, &options)?;
    let loaded = load_counts(dirs, &args.source, ask)?;
    if let Some(t) = phrases_of(&terms, &options)? {
        let a = &loaded.analysis;
        if let Some(k) = (0..t.names.len()).find(|&k| !verbale::trend::is_term(a, &t.keys()[k])) {
            let p = &t.names[k];
            return Err(verbale::Error::Invalid(format!(
                "--terms {p}: a phrase the counts do not hold as one term, and a report from \
                 counts cannot read the texts to count it: count the parts with --phrases \
                 FILE listing it, or follow it with `verbale trend '{p}' PATH --by year` on \
                 the texts"
            ))
            .into());
        }
    }
    warn_absent_terms(&loaded, (&terms, None), &options, args.source.quiet);
    bar.inc(2);
    // What the parts did not read, as the report over the texts lists what it did not read.
    let mut left_out: Vec<String> = super::from_counts::parts_not_read(dirs)?
        .into_iter()
        .flat_map(|(dir, list)| {
            list.into_iter().map(move |p| {
                let what = if p.warning { "skipped" } else { "not read" };
                format!("{what} (in counting {}): {}", dir.display(), p.problem)
            })
        })
        .collect();
    left_out.sort();
    let r = ReportOptions {
        name,
        dir,
        command: command_line(),
        date: run_date(),
        groups: keyness_sides(&loaded, &sides),
        meta_groups: meta_groups(args, &loaded.meta)?,
        meta: loaded.meta.frame.clone(),
        left_out,
        phrases: None,
        acts: std::sync::Mutex::new(None),
        terms,
        counted_terms: None,
        texts: false,
        chosen_by: chosen_by(&args.source, &sides),
    };
    write(args, &loaded, &options, &r, &bar)?;
    Ok(false)
}

/// Builds the report `r` of `loaded` (made with `options`), the bar showing each stage, and
/// says where it went.
fn write(
    args: &ReportArgs,
    loaded: &Loaded,
    options: &verbale::analysis::Options,
    r: &ReportOptions,
    bar: &ProgressBar,
) -> Result<()> {
    let step = |m: &str| {
        bar.inc(1);
        bar.set_message(m.to_string());
    };
    report::build(&loaded.analysis, &loaded.lopts, options, r, &step)?;
    bar.finish_and_clear();
    if !args.source.quiet {
        eprintln!("verbale: wrote {} (open report.html in a browser; tables as Parquet/CSV; report.ipynb)", r.dir.display());
    }
    Ok(())
}

/// The groups of the report's groups section: by --group-by and --time, or by the fields the
/// metadata suggests; none with --no-groups or without a field to group by.
fn meta_groups(args: &ReportArgs, meta: &verbale::meta::Metadata) -> Result<Option<MetaGroups>> {
    if args.no_groups {
        return Ok(None);
    }
    let (named, time) = verbale::meta::likely_fields(meta);
    let no_time = || -> anyhow::Error {
        verbale::Error::Invalid(
            "--terms follows words over a time field, and the documents have none: give \
             --time FIELD (and --group-by FIELD), or add a year to their metadata (--meta-name, \
             --meta)"
                .into(),
        )
        .into()
    };
    // With no field of names, the groups are the times: --time's when it is given and has
    // at most 30 values (decades of speeches whose years are too many).
    let named = match (&args.time, &named) {
        // No field of names (the likely groups are times: the years, or their decades).
        (Some(t), n)
            if args.group_by.is_none()
                && (n.as_deref().is_none_or(verbale::meta::is_time_field) || *n == time) =>
        {
            let few = verbale::meta::group(meta, std::slice::from_ref(t))
                .is_ok_and(|g| (2..=30).contains(&g.groups.len()));
            if few {
                Some(t.clone())
            } else {
                named
            }
        }
        _ => named,
    };
    let Some(by) = args.group_by.clone().or(named) else {
        if args.terms.is_empty() {
            if !args.source.quiet && !meta.fields.is_empty() {
                let asked: Vec<&String> = meta
                    .from_files
                    .iter()
                    .filter(|f| !verbale::meta::FILE_GROUP_FIELDS.contains(&f.as_str()))
                    .collect();
                let own = match asked.as_slice() {
                    [] => String::new(),
                    f => format!(
                        " (the files' own properties, {}{}, are grouped by only when asked: a PDF's or Word file's author is whoever saved it)",
                        f.iter().take(6).map(|x| x.as_str()).collect::<Vec<_>>().join(", "),
                        if f.len() > 6 { ", …" } else { "" }
                    ),
                };
                eprintln!(
                    "verbale: note: no groups section: no field of the metadata has 2 to 30 values to group the documents by{own}; give --group-by FIELD (or --time FIELD with at most 30 values)"
                );
            }
            return Ok(None);
        }
        return Err(match args.time.clone().or(time) {
            Some(t) => verbale::Error::Invalid(format!(
                "--terms: its trends are drawn in the groups section, which needs a field to \
                 group the documents by, and none has 2 to 30 values: give --group-by FIELD \
                 (--group-by {t} works)"
            ))
            .into(),
            None => no_time(),
        });
    };
    let group = |f: &str, flag: &str| {
        verbale::meta::group(meta, &[f.to_string()])
            .map_err(|e| anyhow::Error::from(verbale::Error::Invalid(format!("{flag}: {e}"))))
    };
    let time = match args.time.clone().or(time) {
        Some(t) => Some(group(&t, "--time")?),
        None if !args.terms.is_empty() => return Err(no_time()),
        None => None,
    };
    Ok(Some(MetaGroups {
        by: group(&by, "--group-by")?,
        time,
    }))
}

/// When the report ran, in UTC: now, or the time `SOURCE_DATE_EPOCH` gives (seconds since
/// 1970, the reproducible-builds convention), so two runs on the same inputs give the same files.
fn run_date() -> String {
    let fixed = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|s| chrono::DateTime::from_timestamp(s, 0));
    fixed
        .unwrap_or_else(chrono::Utc::now)
        .format("%Y-%m-%d %H:%M UTC")
        .to_string()
}
