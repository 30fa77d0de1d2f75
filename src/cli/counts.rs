//! `verbale counts`: a corpus's counts as a Parquet dataset that parts of a corpus add up in.

use super::common::{count_of, Ask, InputArgs, Loaded};
use anyhow::{Context, Result};
use clap::Args;
use std::path::{Path, PathBuf};
use verbale::frames::counts;

/// Count a corpus, or one part of it, into a folder of Parquet files: docs.parquet (each
/// document with its token counts and fields), terms.parquet (doc, term, count, quoted,
/// scare), forms.parquet and spellings.parquet (what display forms are chosen from) and
/// counts.json (the options they were made with). Parts counted on different machines or by
/// different processes add up: `freq --from-counts PART1 PART2 ...` gives the tables of the
/// whole corpus, and DuckDB, Spark or polars read the parts' files as one table each.
#[derive(Args, Debug)]
#[command(after_help = "Examples:
  verbale counts speeches/ -o counts/
  ls -d ungd/*/ | parallel 'verbale counts {} --root ungd -o shards/{/}'
  verbale freq --from-counts shards/* --top 30
  duckdb -c \"SELECT term, sum(count) FROM 'shards/*/terms.parquet' GROUP BY term ORDER BY 2 DESC LIMIT 10\"")]
pub struct CountsArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// The folder to write (made; replaced only with --force).
    #[arg(short, long, value_name = "DIR")]
    pub output: PathBuf,
    /// Replace the folder if it exists.
    #[arg(long)]
    pub force: bool,
    /// The folder of the whole corpus, when PATH is a part of it: documents are named from
    /// it (`1994/USA`, with the `folder` field `1994`) and its manifest.csv is read, as in a
    /// run over the whole corpus, so that parts add up to that run.
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
}

/// Refuses an output folder that would lose what it holds: one that exists (without
/// `--force`), that is or holds an input or the current folder ([`verbale::out::check_folder_target`]),
/// or that is not a counts folder (no counts.json) and is not empty.
fn check_target(dir: &Path, inputs: &[PathBuf], force: bool) -> Result<()> {
    if !verbale::out::check_folder_target(dir, inputs)? {
        return Ok(());
    }
    let refuse = |why: &str| -> anyhow::Error {
        verbale::Error::Invalid(format!("{}: {why}", dir.display())).into()
    };
    if !force {
        return Err(refuse(
            "exists: give another folder, or --force to replace it",
        ));
    }
    let empty = std::fs::read_dir(dir)?.next().is_none();
    if !empty && !dir.join(counts::ABOUT).is_file() {
        return Err(refuse(&format!(
            "is not a counts folder (no {}); refusing to replace it",
            counts::ABOUT
        )));
    }
    Ok(())
}

/// The name of the corpus a part counted under `root` is of: the root folder's (`ungd` of
/// `--root .` in ungd/).
fn corpus_of(root: Option<&Path>) -> Option<String> {
    let full = root?.canonicalize().ok()?;
    Some(full.file_name()?.to_string_lossy().into_owned())
}

/// Notes a folder given without --root that lies in a corpus: a folder above it holds a
/// manifest.csv that the folder itself does not, which a run over the whole corpus reads and
/// this part would not (its documents then have none of the corpus's fields).
fn note_corpus_above(paths: &[PathBuf], root: bool, src: &super::common::SourceArgs) {
    if root || src.quiet || src.meta.no_meta || !src.meta.meta.is_empty() {
        return;
    }
    for p in paths.iter().filter(|p| p.is_dir()) {
        if p.join("manifest.csv").is_file() {
            continue;
        }
        let above = (p.ancestors().skip(1).take(3))
            .map(|a| match a.as_os_str().is_empty() {
                true => Path::new("."),
                false => a,
            })
            .find(|a| a.join("manifest.csv").is_file());
        if let Some(root) = above {
            eprintln!(
                "verbale: note: {} is inside a corpus whose manifest.csv is in {}: a part \
                 counted without --root has none of its fields; give --root {} to name the \
                 documents and read their fields as a run over the whole corpus does",
                p.display(),
                root.display(),
                root.display()
            );
            return;
        }
    }
}

/// Runs `counts`. Returns whether some input failed.
pub fn run(args: CountsArgs) -> Result<bool> {
    let dir = &args.output;
    // What the run reads besides its texts (word lists, --meta) is not to be replaced with
    // the folder either.
    let src = &args.input.source;
    let read: Vec<PathBuf> = args
        .input
        .paths
        .iter()
        .cloned()
        .chain(super::output::word_lists(src))
        .chain(src.meta.meta.iter().cloned())
        .collect();
    check_target(dir, &read, args.force)?;
    verbale::out::check_writable(dir)?;
    note_corpus_above(&args.input.paths, args.root.is_some(), src);
    let mut options = args.input.source.options(&args.input.paths)?;
    options.keep_forms = true;
    // The documents' measures go into docs.parquet, for `docs` and `report` from the counts.
    options.doc_measures = true;
    // Each document's counts; its spans are not written.
    options.detail = verbale::analysis::Detail::Counts;
    // A part with no readable document is still a part: an empty one, which adds nothing
    // when the parts are put together (a map step over partitions may meet one).
    let ask = Ask {
        allow_empty: true,
        root: args.root.clone(),
        ..Ask::default()
    };
    let Loaded {
        analysis,
        meta,
        had_errors,
        problems,
        lopts,
        emptied_by_where,
        ..
    } = args.input.load(&options, ask)?;
    // A part --where left empty was warned of as it was chosen.
    if analysis.docs.is_empty() && !emptied_by_where && !args.input.source.quiet {
        let why = if problems.is_empty() {
            super::common::no_documents(&args.input.paths, &lopts, 0).to_string()
        } else {
            "none of its files could be read (see above; they are listed in counts.json)".into()
        };
        eprintln!("verbale: warning: {why}; writing an empty part");
    }
    // What was not read goes into counts.json too, so that whoever puts the parts together
    // learns of it.
    let not_read: Vec<counts::NotRead> = problems
        .iter()
        .map(|p| counts::NotRead {
            problem: super::common::problem_text(p),
            warning: p.warning,
        })
        .collect();
    // Written beside the destination, then put in its place: never half a folder.
    let parent = dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), PathBuf::from);
    std::fs::create_dir_all(&parent)
        .with_context(|| format!("cannot make {}", parent.display()))?;
    counts::remove_leftovers(&parent);
    // Marked before it is made: an interrupt between the two leaves nothing either.
    let prefix = format!("{}{}-", counts::TMP_PREFIX, std::process::id());
    let unfinished = verbale::out::Unfinished::named(&parent, &prefix);
    let tmp = tempfile::Builder::new()
        .prefix(&prefix)
        .tempdir_in(&parent)
        .with_context(|| format!("cannot write in {}", parent.display()))?;
    counts::write(
        tmp.path(),
        &analysis,
        &meta.frame,
        &format!(
            "{}; section {}",
            options.fingerprint(),
            args.input.source.section.as_deref().unwrap_or("all")
        ),
        &not_read,
        (src.keep_ext, corpus_of(args.root.as_deref()).as_deref()),
    )?;
    put_in_place(unfinished, tmp, dir, args.force)?;
    if !args.input.source.quiet {
        eprintln!(
            "verbale: {}: {}, {}, {}",
            dir.display(),
            count_of(analysis.docs.len() as u64, "document"),
            count_of(analysis.total_tokens(), "token"),
            count_of(analysis.distinct_terms() as u64, "distinct term")
        );
    }
    Ok(had_errors)
}

/// Replaces folder `dir` by the counts written into `tmp` (the old folder only with `force`:
/// otherwise it did not exist when the run began, and another run wrote it meanwhile, two
/// parts sent to one folder, whose counts are not this run's to drop). An interrupt waits for
/// it ([`verbale::out::Unfinished::finish`]).
fn put_in_place(
    unfinished: verbale::out::Unfinished,
    tmp: tempfile::TempDir,
    dir: &std::path::Path,
    force: bool,
) -> Result<()> {
    unfinished.finish(|| {
        if dir.exists() {
            if !force {
                anyhow::bail!(
                    "{}: written meanwhile by another run; give each part its own folder",
                    dir.display()
                );
            }
            std::fs::remove_dir_all(dir)
                .with_context(|| format!("cannot replace {}", dir.display()))?;
        }
        let made = tmp.keep();
        if let Err(e) = std::fs::rename(&made, dir) {
            let _ = std::fs::remove_dir_all(&made);
            return Err(e).with_context(|| {
                format!(
                    "cannot write {} (another run may have written it meanwhile)",
                    dir.display()
                )
            });
        }
        Ok(())
    })
}
