//! `verbale chart`: render a chart (PNG or SVG) from the same analysis the table commands run.

use super::common::{load_corpus, GroupArgs, SourceArgs};
use anyhow::Result;
use clap::Args;
use std::path::{Path, PathBuf};
use verbale::analysis;
use verbale::chart::{self, kinds, Size};
use verbale::compare::{self, KeynessOptions};

/// Draw a chart: freq, quotes, keyness, dispersion, similarity or cues. The format follows the
/// extension of -o (.png or .svg); without -o the chart goes to notebooks-out/KIND-INPUT.png.
#[derive(Args, Debug)]
pub struct ChartArgs {
    /// Chart kind: freq, quotes, keyness, dispersion, similarity, cues.
    pub kind: String,
    /// Files or folders (keyness: target then reference, or use --target/--reference).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Keyness: target and reference groups.
    #[command(flatten)]
    pub groups: GroupArgs,
    #[command(flatten)]
    pub source: SourceArgs,
    /// Output file (.png or .svg).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Bars or rows to show (keyness: per side; dispersion: term-document rows, the terms taking
    /// turns, each with its rows of most scare-quoted occurrences).
    #[arg(long, default_value_t = 20)]
    pub top: usize,
    /// Terms to plot (dispersion), comma-separated.
    #[arg(long, value_delimiter = ',')]
    pub terms: Vec<String>,
    /// Only this document (by id) for freq and quotes.
    #[arg(long)]
    pub doc: Option<String>,
    /// Cues: one bar per document instead of per cue.
    #[arg(long)]
    pub by_doc: bool,
    /// Similarity measure: cosine or jaccard.
    #[arg(long, default_value = "cosine")]
    pub measure: String,
    /// Similarity: cosine on tf-idf weights.
    #[arg(long)]
    pub tfidf: bool,
    /// Width in pixels (default: 1000; a similarity heatmap only as wide as it needs).
    #[arg(long)]
    pub width: Option<u32>,
    /// Height in pixels (default: from the number of rows).
    #[arg(long)]
    pub height: Option<u32>,
    /// Title (default: says what was counted and on which documents).
    #[arg(long)]
    pub title: Option<String>,
}

fn usage(msg: String) -> anyhow::Error {
    verbale::Error::Invalid(msg).into()
}

fn describe(paths: &[PathBuf], n_docs: usize) -> String {
    let names: Vec<String> = paths
        .iter()
        .map(|p| {
            let name = p
                .file_stem()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if name.is_empty() {
                p.display().to_string()
            } else {
                name
            }
        })
        .collect();
    format!(
        "{} ({} document{})",
        names.join(", "),
        n_docs,
        if n_docs == 1 { "" } else { "s" }
    )
}

/// The default output path: notebooks-out/KIND-INPUT.png.
pub fn default_output(kind: &str, paths: &[PathBuf]) -> PathBuf {
    let stem = paths
        .first()
        .and_then(|p| p.file_stem())
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty() && s != "." && s != "-")
        .unwrap_or_else(|| "corpus".into());
    Path::new("notebooks-out").join(format!("{kind}-{stem}.png"))
}

/// Runs `chart`. Returns whether some input failed.
pub fn run(args: ChartArgs) -> Result<bool> {
    let kind = args.kind.as_str();
    if !kinds::KINDS.contains(&kind) {
        return Err(usage(format!(
            "unknown chart kind '{kind}'; use one of: {}",
            kinds::KINDS.join(", ")
        )));
    }
    let keyness = kind == "keyness";
    let (target, reference) = if keyness {
        args.groups.resolve(&args.paths, "a keyness chart")?
    } else if args.paths.is_empty() {
        return Err(usage(format!(
            "chart {kind} needs at least one file or folder"
        )));
    } else {
        (args.paths.clone(), vec![])
    };
    let all: Vec<PathBuf> = target.iter().chain(&reference).cloned().collect();
    let output = match &args.output {
        Some(o) => o.clone(),
        None => {
            // The default folder is created when missing (an explicit -o folder must exist).
            let p = default_output(kind, &all);
            if let Some(dir) = p.parent() {
                std::fs::create_dir_all(dir)?;
            }
            p
        }
    };
    chart::ImageFormat::from_path(&output)?;
    verbale::out::check_not_input(&output, &all)?;
    let options = args.source.text.options()?;
    let (t, mut had_errors) = load_corpus(&target, &args.source)?;
    let nt = t.docs.len();
    let mut docs = t.docs;
    if keyness {
        let (r, e) = load_corpus(&reference, &args.source)?;
        had_errors |= e;
        let rdocs = super::common::without_target(&docs, r.docs, args.source.quiet);
        docs.extend(rdocs);
    }
    let a = analysis::analyse(&docs, &options);
    let mut selected: Vec<usize> = (0..docs.len()).collect();
    if let Some(id) = &args.doc {
        selected = docs
            .iter()
            .position(|d| &d.id == id)
            .map(|i| vec![i])
            .ok_or_else(|| {
                usage(format!(
                    "--doc {id}: no such document; ids look like {}",
                    // load_corpus refuses an empty corpus, so there is a first document.
                    docs[0].id
                ))
            })?;
    }
    let what = match &args.doc {
        Some(id) => id.clone(),
        None => describe(&target, nt),
    };
    let top = args.top.max(1);
    let mut spec = match kind {
        "freq" => kinds::freq(&a, &selected, top, &what)?,
        "quotes" => kinds::quotes(&a, &selected, top, &what)?,
        "keyness" => {
            let ti: Vec<usize> = (0..nt).collect();
            let ri: Vec<usize> = (nt..docs.len()).collect();
            let df = compare::keyness(&a, &ti, &ri, KeynessOptions::default())?;
            kinds::keyness(
                &df,
                top,
                &describe(&target, nt),
                &describe(&reference, docs.len() - nt),
            )?
        }
        "dispersion" => {
            let terms = if args.terms.is_empty() {
                kinds::most_quoted_terms(&a, 5)
            } else {
                args.terms.clone()
            };
            if terms.is_empty() {
                return Err(verbale::Error::Nothing(
                    "no quoted terms to plot: name some with --terms".into(),
                )
                .into());
            }
            let chosen: Vec<_> = selected.iter().map(|&i| docs[i].clone()).collect();
            let positions = analysis::positions(&chosen, &options);
            let terms: Vec<(String, String)> = terms
                .iter()
                .map(|t| (t.clone(), options.term_key(t)))
                .collect();
            kinds::dispersion(&positions, &terms, &what, top)?
        }
        "similarity" => {
            if !matches!(args.measure.as_str(), "cosine" | "jaccard") {
                return Err(usage(format!(
                    "--measure {}: use cosine or jaccard",
                    args.measure
                )));
            }
            // Past this, cells shrink under 5 pixels and labels overlap.
            const MAX_HEATMAP_DOCS: usize = 150;
            if docs.len() > MAX_HEATMAP_DOCS {
                return Err(usage(format!(
                    "similarity: {} documents are too many for one heatmap (at most \
                     {MAX_HEATMAP_DOCS}); choose fewer files, or list every pair with \
                     `verbale compare --table similarity`",
                    docs.len()
                )));
            }
            let df = compare::similarity(&a, args.tfidf)?;
            let ids: Vec<String> = docs.iter().map(|d| d.id.clone()).collect();
            kinds::similarity(&df, &ids, &args.measure, &what)?
        }
        _ => kinds::cues(&a, args.by_doc, top, &what)?,
    };
    if let Some(t) = &args.title {
        match &mut spec {
            chart::Spec::Bars { title, .. }
            | chart::Spec::Dispersion { title, .. }
            | chart::Spec::Heatmap { title, .. } => *title = t.clone(),
        }
    }
    let size = Size::for_spec(&spec, args.width, args.height, 2400);
    chart::write(&spec, size, &output)?;
    if !args.source.quiet {
        eprintln!("verbale: wrote {}", output.display());
    }
    Ok(had_errors)
}
