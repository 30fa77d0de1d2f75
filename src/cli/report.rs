//! `verbale report`: the whole analysis of a folder of statements into notebooks-out/NAME/.

use super::common::{load_groups, SourceArgs};
use anyhow::Result;
use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use verbale::report::{self, Groups, ReportOptions};

/// Write a complete report: report.html (self-contained), report.md with the charts as PNG,
/// every table as Parquet and CSV, and report.ipynb. With no paths it analyses the bundled
/// data/ corpus; without -o it writes notebooks-out/NAME/.
#[derive(Args, Debug)]
pub struct ReportArgs {
    /// Files or folders (default: data/).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Target documents for the keyness section (instead of each document against the rest).
    #[arg(long, num_args = 1.., value_name = "PATH", requires = "reference")]
    pub target: Vec<PathBuf>,
    /// Reference documents for the keyness section.
    #[arg(long, num_args = 1.., value_name = "PATH", requires = "target")]
    pub reference: Vec<PathBuf>,
    /// Output folder (replaced atomically if it exists).
    #[arg(long, short = 'o', value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Report name (default: from the input).
    #[arg(long)]
    pub name: Option<String>,
    #[command(flatten)]
    pub source: SourceArgs,
}

fn name_of(paths: &[PathBuf]) -> String {
    let Some(p) = paths.first() else {
        return "report".into();
    };
    let canon = p.canonicalize().unwrap_or_else(|_| p.clone());
    let stem = canon
        .file_stem()
        .or_else(|| p.file_stem())
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "report".into());
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
    if paths.len() > 1 {
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

/// Runs `report`. Returns whether some input failed.
pub fn run(args: ReportArgs) -> Result<bool> {
    let groups_given = !args.target.is_empty();
    if groups_given && !args.paths.is_empty() {
        return Err(verbale::Error::Invalid(
            "give either PATH... or --target/--reference, not both (the groups are the documents of the report)".into(),
        )
        .into());
    }
    if let Some(n) = &args.name {
        if n.is_empty() || n.starts_with('.') || n.contains(['/', '\\']) {
            return Err(verbale::Error::Invalid(format!(
                "--name {n}: use a plain folder name (no '/', not starting with '.')"
            ))
            .into());
        }
    }
    let mut paths = args.paths.clone();
    if paths.is_empty() && !groups_given {
        if !Path::new("data").is_dir() {
            return Err(verbale::Error::Invalid(
                "no paths given and no data/ folder here: run from the verbale folder or name the statements to analyse".into(),
            )
            .into());
        }
        paths.push(PathBuf::from("data"));
    }
    let options = args.source.text.options()?;
    let name = args.name.clone().unwrap_or_else(|| {
        if groups_given {
            format!("{}-vs-{}", name_of(&args.target), name_of(&args.reference))
        } else {
            name_of(&paths)
        }
    });
    let dir = args
        .output
        .clone()
        .unwrap_or_else(|| Path::new("notebooks-out").join(&name));
    let inputs: Vec<PathBuf> = paths
        .iter()
        .chain(&args.target)
        .chain(&args.reference)
        .cloned()
        .collect();
    report::check_target(&dir, &inputs)?;
    let show = !args.source.quiet && std::io::stderr().is_terminal();
    let bar = ProgressBar::with_draw_target(
        Some(8),
        if show {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        },
    );
    bar.set_style(
        ProgressStyle::with_template("{spinner} [{elapsed_precise}] {bar:30} {pos}/{len} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar.set_message("reading and counting");
    let groups = if groups_given {
        vec![args.target.clone(), args.reference.clone()]
    } else {
        vec![paths.clone()]
    };
    let loaded = load_groups(&groups, &args.source, &options, true)?;
    bar.inc(2);
    let mut left_out: Vec<String> = loaded
        .problems
        .iter()
        .map(|p| {
            let what = if p.warning { "skipped" } else { "not read" };
            format!("{what}: {}", super::common::problem_text(p))
        })
        .collect();
    left_out.sort();
    let groups = groups_given.then(|| Groups {
        target: loaded.groups[0].clone(),
        reference: loaded.groups[1].clone(),
        target_name: name_of(&args.target),
        reference_name: name_of(&args.reference),
    });
    // The command as typed, with the program named `verbale` (not its install path).
    let command = std::env::args()
        .enumerate()
        .map(|(i, a)| {
            if i == 0 {
                "verbale".to_string()
            } else {
                shell_quote(&a)
            }
        })
        .collect::<Vec<_>>()
        .join(" ");
    let r = ReportOptions {
        name: name.clone(),
        dir: dir.clone(),
        command,
        date: run_date(),
        groups,
        left_out,
    };
    let step = |m: &str| {
        bar.inc(1);
        bar.set_message(m.to_string());
    };
    report::build(&loaded.analysis, &loaded.lopts, &options, &r, &step)?;
    bar.finish_and_clear();
    if !args.source.quiet {
        eprintln!("verbale: wrote {} (open report.html in a browser; tables as Parquet/CSV; report.ipynb)", dir.display());
    }
    Ok(loaded.had_errors)
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
