//! `report`: one folder with everything an analyst hands on: `report.html` (self-contained),
//! `report.md` with the charts beside it, every table as Parquet and CSV, and `report.ipynb`.
//! The folder is built as a temporary sibling and swapped in, so an interrupted run never
//! leaves a half-written report in place.

pub mod doc;
pub mod notebook;

use crate::analysis::{Analysis, Options};
use crate::chart::{self, kinds, Size};
use crate::compare::{self, KeynessOptions};
use crate::corpus::Document;
use crate::error::{Error, Result};
use crate::frames::{self, Selection, SpanFilter};
use crate::out::table::cell;
use crate::quotes::Kind;
use crate::text::Rules;
use doc::Block;
use polars::prelude::*;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// What to compare in the keyness section.
#[derive(Debug, Clone)]
pub struct Groups {
    /// Indices of the target documents.
    pub target: Vec<usize>,
    /// Indices of the reference documents.
    pub reference: Vec<usize>,
    /// How to name the target.
    pub target_name: String,
    /// How to name the reference.
    pub reference_name: String,
}

/// Report settings.
#[derive(Debug, Clone)]
pub struct ReportOptions {
    /// Report name (title and folder name).
    pub name: String,
    /// The folder to create or replace.
    pub dir: PathBuf,
    /// The command line that produced it.
    pub command: String,
    /// When it ran (UTC, ISO 8601).
    pub date: String,
    /// Target and reference, if given; otherwise each document against the rest.
    pub groups: Option<Groups>,
    /// The inputs that were not read (skipped or failed), each with its reason, so that the
    /// report says what it does not cover.
    pub left_out: Vec<String>,
}

/// The tables every report writes, as Parquet and CSV.
pub const TABLES: &[&str] = &[
    "terms",
    "corpus_terms",
    "quotes",
    "quoted_terms",
    "corpus_quoted_terms",
    "cues",
    "keyness",
    "similarity",
];

/// Documents compared pairwise at most (n² pairs); larger corpora use the longest ones.
pub const MAX_SIMILARITY_DOCS: usize = 150;
/// Documents in the heatmap at most.
pub const MAX_HEATMAP_DOCS: usize = 30;

fn write_frame(dir: &Path, name: &str, df: &DataFrame, format: crate::out::Format) -> Result<()> {
    let mut df = df.clone();
    let file = dir.join(format!("{name}.{}", format.name()));
    // Streamed into the file as the writer goes: the largest table is some 100 MB of CSV.
    crate::out::write_atomic_with(&file, |w| crate::out::render_to(&mut df, format, None, w))
}

/// `1234567` → `1,234,567` (other text unchanged).
fn group_digits(s: &str) -> String {
    if s.len() <= 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn table(df: &DataFrame, max_rows: usize) -> Block {
    let header: Vec<String> = df
        .get_column_names()
        .iter()
        .map(|s| s.to_string())
        .collect();
    let numeric = df
        .columns()
        .iter()
        .map(|c| c.dtype().is_primitive_numeric())
        .collect();
    let rows = (0..df.height().min(max_rows))
        .map(|i| {
            df.columns()
                .iter()
                .map(|c| match c.get(i) {
                    // Whole numbers with thousands separators, for reading.
                    Ok(v) if c.dtype().is_integer() => group_digits(&cell(&v)),
                    Ok(v) => cell(&v),
                    Err(_) => String::new(),
                })
                .collect()
        })
        .collect();
    Block::Table {
        header,
        rows,
        numeric,
    }
}

fn s(x: &str) -> String {
    x.to_string()
}

/// The file that marks a folder as a verbale report (only such folders are ever replaced, and
/// folder walks never read one).
pub const MARKER: &str = crate::corpus::REPORT_MARKER;

/// Checks that `dir` may receive a report: it does not exist yet, or it is an earlier verbale
/// report; it holds none of the `inputs` and is not the current folder or one of its parents.
pub fn check_target(dir: &Path, inputs: &[PathBuf]) -> Result<()> {
    let refuse = |why: &str| {
        Error::Invalid(format!(
            "{}: {why}; choose another output folder",
            dir.display()
        ))
    };
    if !dir.exists() {
        return Ok(());
    }
    if !dir.is_dir() {
        return Err(refuse("exists and is not a folder"));
    }
    let canon = dir.canonicalize().map_err(|e| Error::Read {
        path: dir.to_path_buf(),
        source: e,
    })?;
    if let Ok(cwd) = std::env::current_dir().and_then(|c| c.canonicalize()) {
        if cwd.starts_with(&canon) {
            return Err(refuse("is the current folder or one of its parents"));
        }
    }
    for i in inputs {
        if let Ok(c) = i.canonicalize() {
            if c.starts_with(&canon) {
                return Err(refuse("holds input files; refusing to replace it"));
            }
        }
    }
    if !dir.join(MARKER).is_file() {
        let empty = std::fs::read_dir(dir)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty {
            return Err(refuse(
                "exists and is not a verbale report folder; refusing to replace it",
            ));
        }
    }
    Ok(())
}

/// Builds the report into a temporary sibling of `r.dir`, then swaps it in. `step` is called
/// with a short description before each stage (for a progress bar).
pub fn build(
    docs: &[Document],
    a: &Analysis,
    opts: &Options,
    r: &ReportOptions,
    step: &(dyn Fn(&str) + Sync),
) -> Result<()> {
    let parent = match r.dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(|e| Error::Write {
        path: parent.clone(),
        source: e,
    })?;
    let base = r
        .dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "report".into());
    let inputs: Vec<PathBuf> = docs.iter().filter_map(|d| d.path.clone()).collect();
    check_target(&r.dir, &inputs)?;
    let tmp = parent.join(format!(".{base}.tmp-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir(&tmp).map_err(|e| Error::Write {
        path: tmp.clone(),
        source: e,
    })?;
    let result = std::fs::write(tmp.join(MARKER), "verbale report\n")
        .map_err(|e| Error::Write {
            path: tmp.join(MARKER),
            source: e,
        })
        .and_then(|_| {
            fill(Parts {
                dir: &tmp,
                docs,
                a,
                opts,
                r,
                step,
            })
        });
    if let Err(e) = result {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(e);
    }
    step("replacing the old report");
    let old = parent.join(format!(".{base}.old-{}", std::process::id()));
    let had_old = r.dir.exists();
    if had_old {
        std::fs::rename(&r.dir, &old).map_err(|e| Error::Write {
            path: r.dir.clone(),
            source: e,
        })?;
    }
    if let Err(e) = std::fs::rename(&tmp, &r.dir) {
        if had_old {
            let _ = std::fs::rename(&old, &r.dir);
        }
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(Error::Write {
            path: r.dir.clone(),
            source: e,
        });
    }
    if had_old {
        let _ = std::fs::remove_dir_all(&old);
    }
    Ok(())
}

/// The `n` longest of the documents `ids` (by tokens; ties by position), in corpus order.
fn longest(a: &Analysis, ids: &[usize], n: usize) -> Vec<usize> {
    let mut v = ids.to_vec();
    v.sort_by(|&x, &y| a.docs[y].tokens.cmp(&a.docs[x].tokens).then(x.cmp(&y)));
    v.truncate(n);
    v.sort_unstable();
    v
}

/// What the report is made from, and where it goes.
#[derive(Clone, Copy)]
struct Parts<'a> {
    dir: &'a Path,
    docs: &'a [Document],
    a: &'a Analysis,
    opts: &'a Options,
    r: &'a ReportOptions,
    step: &'a (dyn Fn(&str) + Sync),
}

/// Writes the report's files into `dir`. The per-document `terms` table, the largest by far,
/// is built and written beside everything else.
fn fill(p: Parts) -> Result<()> {
    let terms = || -> Result<()> {
        let df = frames::terms(p.a, Selection::default())?;
        let (csv, parquet) = rayon::join(
            || write_frame(p.dir, "terms", &df, crate::out::Format::Csv),
            || write_frame(p.dir, "terms", &df, crate::out::Format::Parquet),
        );
        csv.and(parquet)
    };
    let (terms, rest) = rayon::join(terms, || fill_rest(p));
    terms.and(rest)
}

fn fill_rest(p: Parts) -> Result<()> {
    let Parts {
        dir,
        docs,
        a,
        opts,
        r,
        step,
    } = p;
    let all: Vec<usize> = (0..docs.len()).collect();
    let sel = Selection::default();
    step("tables");
    let sim_ids = longest(a, &all, MAX_SIMILARITY_DOCS);
    let keyness = || match &r.groups {
        Some(g) => {
            let mut k = compare::keyness(a, &g.target, &g.reference, KeynessOptions::default())?;
            k.insert_column(0, Column::new("doc".into(), vec!["target"; k.height()]))?;
            Ok(k)
        }
        None if docs.len() > 1 => compare::keyness_each(
            a,
            10,
            KeynessOptions {
                min_count: 2,
                ..Default::default()
            },
        ),
        None => Ok(DataFrame::empty()),
    };
    // Every table is built and written (CSV and Parquet) independently of the others, so
    // they are built and written in parallel (`terms`, the largest, beside them: see `fill`).
    type Build<'a> = Box<dyn Fn() -> Result<DataFrame> + Send + Sync + 'a>;
    let jobs: Vec<(&str, Build)> = vec![
        ("keyness", Box::new(keyness)),
        ("corpus_terms", Box::new(|| frames::corpus_terms(a, sel))),
        (
            "quotes",
            Box::new(|| frames::quotes(a, SpanFilter::default())),
        ),
        ("quoted_terms", Box::new(|| frames::quoted_terms(a, sel))),
        (
            "corpus_quoted_terms",
            Box::new(|| frames::corpus_quoted_terms(a, sel)),
        ),
        ("cues", Box::new(|| frames::cues(a))),
        (
            "similarity",
            Box::new(|| compare::similarity(&a.subset(&sim_ids), false)),
        ),
    ];
    let mut built: Vec<(&str, DataFrame)> = jobs
        .into_par_iter()
        .map(|(name, build)| Ok((name, build()?)))
        .collect::<Result<_>>()?;
    let formats = [crate::out::Format::Csv, crate::out::Format::Parquet];
    built
        .par_iter()
        .flat_map(|(name, df)| formats.par_iter().map(move |&f| (*name, df, f)))
        .try_for_each(|(name, df, f)| write_frame(dir, name, df, f))?;
    let mut take = |name: &str| {
        let i = built.iter().position(|(n, _)| *n == name);
        i.map(|i| built.swap_remove(i).1).unwrap_or_default()
    };
    let (corpus_terms, quotes) = (take("corpus_terms"), take("quotes"));
    let (keyness, similarity) = (take("keyness"), take("similarity"));
    let corpus_quoted = take("corpus_quoted_terms");
    drop(built);

    step("charts");
    let what = format!(
        "{} ({} document{})",
        r.name,
        docs.len(),
        if docs.len() == 1 { "" } else { "s" }
    );
    let mut charts: Vec<(String, Vec<u8>, String)> = Vec::new();
    let mut add = |name: &str, spec: Result<chart::Spec>, alt: String| -> Result<()> {
        if let Ok(spec) = spec {
            // Sized by the rows the chart has, as `verbale chart` sizes it.
            let size = Size::for_spec(&spec, None, None, 1400);
            let png = chart::render(&spec, size, chart::ImageFormat::Png)?;
            std::fs::write(dir.join(name), &png).map_err(|e| Error::Write {
                path: dir.join(name),
                source: e,
            })?;
            charts.push((name.to_string(), png, alt));
        }
        Ok(())
    };
    add(
        "freq.png",
        kinds::freq(a, &all, 25, &what),
        format!("Most frequent terms in {what}"),
    )?;
    add(
        "quotes.png",
        kinds::quotes(a, &all, 20, &what),
        format!("Most quoted terms in {what}"),
    )?;
    add(
        "cues.png",
        kinds::cues(a, false, 20, &what),
        format!("Distancing cues in {what}"),
    )?;
    // Keyness chart: target vs reference, or the document with most scare quotes vs the rest.
    let focus = focus_doc(a);
    let key_title;
    if let Some(g) = &r.groups {
        key_title = format!("{} vs {}", g.target_name, g.reference_name);
        let k = compare::keyness(a, &g.target, &g.reference, KeynessOptions::default())?;
        add(
            "keyness.png",
            kinds::keyness(&k, 15, &g.target_name, &g.reference_name),
            format!("Keyness: {key_title}"),
        )?;
    } else if let (Some(d), true) = (focus, docs.len() > 1) {
        key_title = format!("{} vs the other documents", a.docs[d].id);
        let rest: Vec<usize> = (0..docs.len()).filter(|&i| i != d).collect();
        let k = compare::keyness(
            a,
            &[d],
            &rest,
            KeynessOptions {
                min_count: 2,
                ..Default::default()
            },
        )?;
        add(
            "keyness.png",
            kinds::keyness(&k, 15, &a.docs[d].id, "the other documents"),
            format!("Keyness: {key_title}"),
        )?;
    } else {
        key_title = String::new();
    }
    let heat_ids: Vec<String> = longest(a, &sim_ids, MAX_HEATMAP_DOCS)
        .iter()
        .map(|&i| a.docs[i].id.clone())
        .collect();
    if heat_ids.len() >= 2 {
        add(
            "similarity.png",
            kinds::similarity(
                &similarity,
                &heat_ids,
                "cosine",
                &if heat_ids.len() < docs.len() {
                    format!("the {} longest of {what}", heat_ids.len())
                } else {
                    what.clone()
                },
            ),
            "Document similarity (cosine)".into(),
        )?;
    }
    let quoted = kinds::most_quoted_terms(a, 3);
    let mut disp_docs: Vec<usize> = (0..docs.len())
        .filter(|&d| !a.docs[d].spans.is_empty())
        .collect();
    disp_docs.sort_by_key(|&d| std::cmp::Reverse((scare_spans(a, d), a.docs[d].spans.len())));
    disp_docs.truncate(6);
    disp_docs.sort_unstable();
    if !quoted.is_empty() && !disp_docs.is_empty() {
        let chosen: Vec<Document> = disp_docs.iter().map(|&d| docs[d].clone()).collect();
        let positions = crate::analysis::positions(&chosen, opts);
        let terms: Vec<(String, String)> = quoted
            .iter()
            .map(|t| (t.clone(), opts.term_key(t)))
            .collect();
        // Only terms present in every chosen document's rows are required; drop the rest.
        let rows = quoted.len() * chosen.len();
        let spec = kinds::dispersion(&positions, &terms, &what, rows)
            .or_else(|_| kinds::dispersion(&positions[..1], &terms[..1], &what, 1));
        add(
            "dispersion.png",
            spec,
            format!("Dispersion of {}", quoted.join(", ")),
        )?;
    }

    step("report.html, report.md, report.ipynb");
    let title = format!("verbale report: {}", r.name);
    let blocks = sections(
        docs,
        a,
        opts,
        r,
        &corpus_terms,
        &corpus_quoted,
        &quotes,
        &keyness,
        &similarity,
        &charts,
        &key_title,
    )?;
    let html = doc::to_html(&title, &blocks);
    let md = doc::to_markdown(&title, &blocks);
    let werr = |p: PathBuf| move |e| Error::Write { path: p, source: e };
    std::fs::write(dir.join("report.html"), html).map_err(werr(dir.join("report.html")))?;
    std::fs::write(dir.join("report.md"), md).map_err(werr(dir.join("report.md")))?;
    let chart_files: Vec<String> = charts.iter().map(|c| c.0.clone()).collect();
    let nb = notebook::notebook(&title, TABLES, &chart_files);
    std::fs::write(dir.join("report.ipynb"), nb).map_err(werr(dir.join("report.ipynb")))?;
    Ok(())
}

/// Scare-quote spans in document `d`.
fn scare_spans(a: &Analysis, d: usize) -> usize {
    a.docs[d]
        .spans
        .iter()
        .filter(|s| s.kind == Kind::Scare)
        .count()
}

/// The document the keyness section is about when no target is given: the one with the most
/// scare quotes (ties and none: the longest).
fn focus_doc(a: &Analysis) -> Option<usize> {
    (0..a.docs.len()).max_by_key(|&d| (scare_spans(a, d), a.docs[d].tokens))
}

#[allow(clippy::too_many_arguments)]
fn sections(
    docs: &[Document],
    a: &Analysis,
    opts: &Options,
    r: &ReportOptions,
    corpus_terms: &DataFrame,
    corpus_quoted: &DataFrame,
    quotes: &DataFrame,
    keyness: &DataFrame,
    similarity: &DataFrame,
    charts: &[(String, Vec<u8>, String)],
    key_title: &str,
) -> Result<Vec<Block>> {
    let chart = |name: &str| -> Option<Block> {
        charts.iter().find(|c| c.0 == name).map(|c| Block::Image {
            file: c.0.clone(),
            png: c.1.clone(),
            alt: c.2.clone(),
        })
    };
    let mut b = Vec::new();
    let n_scare = (0..a.docs.len()).map(|d| scare_spans(a, d)).sum::<usize>();
    let n_spans = a.docs.iter().map(|d| d.spans.len()).sum::<usize>();
    let distinct = a.distinct_terms();
    b.push(Block::Heading(2, s("Overview"), s("overview")));
    b.push(Block::List(vec![
        format!("Documents: {}", group_digits(&docs.len().to_string())),
        format!(
            "Tokens (words and numbers, stopwords included): {}",
            group_digits(&a.total_tokens().to_string())
        ),
        format!(
            "Distinct terms (stems, stopwords left out): {}",
            group_digits(&distinct.to_string())
        ),
        format!(
            "Quotation spans: {}, of which scare quotes: {}",
            group_digits(&n_spans.to_string()),
            group_digits(&n_scare.to_string())
        ),
        format!(
            "Language: {} ({}), stemming {}",
            opts.lang.name,
            opts.lang.code,
            if opts.stem {
                match opts.rules {
                    Rules::Snowball => "on (current Snowball rules)",
                    Rules::Classic => "on (classic Snowball rules, before 3.0)",
                }
            } else {
                "off"
            }
        ),
        format!("Run: {}", r.date),
    ]));
    if !r.left_out.is_empty() {
        b.push(Block::Para(format!(
            "Inputs left out ({}), not counted anywhere in this report:",
            r.left_out.len()
        )));
        b.push(Block::List(r.left_out.clone()));
    }
    b.push(Block::Para(s("Command:")));
    b.push(Block::Code(r.command.clone()));
    b.push(Block::Para(s("Tables (Parquet and CSV) beside this report: terms, corpus_terms, quotes, quoted_terms, corpus_quoted_terms, cues, keyness, similarity. report.ipynb loads them.")));

    b.push(Block::Heading(2, s("Top terms"), s("top-terms")));
    b.extend(chart("freq.png"));
    b.push(table(corpus_terms, 30));

    b.push(Block::Heading(
        2,
        s("Quoted terms and scare quotes"),
        s("quoted-terms"),
    ));
    b.push(Block::Para(s("Terms by how often they stand inside quotation marks; scare counts only quotations the classifier reads as distancing (kind scare). quote_ratio = quoted occurrences / all occurrences.")));
    b.extend(chart("quotes.png"));
    b.push(table(corpus_quoted, 30));
    b.push(Block::Heading(
        3,
        s("Scare quotes in context"),
        s("scare-quotes"),
    ));
    let scare = quotes
        .clone()
        .lazy()
        .filter(col("kind").eq(lit("scare")))
        .collect()?;
    let view = scare.select(["doc", "left", "text", "right", "cue", "confidence"])?;
    b.push(table(&view, 200));
    if scare.height() > 200 {
        b.push(Block::Para(format!(
            "First 200 of {} scare quotes; all are in quotes.csv.",
            scare.height()
        )));
    }
    b.push(Block::Heading(
        3,
        s("All quotation kinds"),
        s("quote-kinds"),
    ));
    let kinds_count: Vec<String> = Kind::ALL
        .iter()
        .map(|k| {
            format!(
                "{}: {}",
                k.name(),
                a.docs
                    .iter()
                    .map(|d| d.spans.iter().filter(|s| s.kind == *k).count())
                    .sum::<usize>()
            )
        })
        .collect();
    b.push(Block::List(kinds_count));

    b.push(Block::Heading(2, s("Distancing cues"), s("cues")));
    b.push(Block::Para(s("Cue words and phrases (so-called, alleged, self-proclaimed, ...) anywhere in the text, and how often one stands right before a quotation.")));
    b.extend(chart("cues.png"));
    let cue_rows = a.cue_totals(false);
    b.push(Block::Table {
        header: vec![s("cue"), s("count"), s("before_quote")],
        rows: cue_rows
            .iter()
            .take(40)
            .map(|r| {
                vec![
                    r.key.clone(),
                    r.count.to_string(),
                    r.before_quote.to_string(),
                ]
            })
            .collect(),
        numeric: vec![false, true, true],
    });

    b.push(Block::Heading(2, s("Per-document profile"), s("profile")));
    // Documents with the most scare quotes first; long corpora show the first 200.
    let mut order: Vec<usize> = (0..a.docs.len()).collect();
    let scare_of = |d: usize| {
        a.docs[d]
            .spans
            .iter()
            .filter(|s| s.kind == Kind::Scare)
            .count()
    };
    order.sort_by(|&x, &y| scare_of(y).cmp(&scare_of(x)).then(x.cmp(&y)));
    const PROFILE_ROWS: usize = 200;
    if order.len() > PROFILE_ROWS {
        b.push(Block::Para(format!(
            "The {PROFILE_ROWS} documents with the most scare quotes, of {}; every document is in terms.csv and quotes.csv.",
            order.len()
        )));
        order.truncate(PROFILE_ROWS);
    }
    let mut rows = Vec::new();
    for (d, counts) in order.iter().map(|&i| (&a.docs[i], &a.doc_terms[i])) {
        let mut top: Vec<_> = counts.iter().collect();
        top.sort_by(|x, y| y.count.cmp(&x.count).then(x.term.cmp(&y.term)));
        let top: Vec<&str> = top
            .iter()
            .take(5)
            .map(|c| a.terms[c.term as usize].form.as_str())
            .collect();
        let scare = d.spans.iter().filter(|s| s.kind == Kind::Scare).count();
        rows.push(vec![
            d.id.clone(),
            d.tokens.to_string(),
            top.join(", "),
            d.spans.len().to_string(),
            scare.to_string(),
            format!(
                "{:.2}%",
                100.0 * d.scare_tokens as f64 / d.tokens.max(1) as f64
            ),
        ]);
    }
    b.push(Block::Table {
        header: vec![
            s("doc"),
            s("tokens"),
            s("top terms"),
            s("quotes"),
            s("scare quotes"),
            s("tokens in scare quotes"),
        ],
        rows,
        numeric: vec![false, true, false, true, true, true],
    });

    b.push(Block::Heading(2, s("Keyness"), s("keyness")));
    if keyness.height() == 0 {
        b.push(Block::Para(s("One document: nothing to compare.")));
    } else {
        b.push(Block::Para(match &r.groups {
            Some(_) => format!("{key_title}: G² (log-likelihood), positive = over-used in the target."),
            None => s("Each document against all the others: its 10 most over-used and 10 most under-used terms (G², terms seen at least twice) are in keyness.csv. The chart and the table show the document with the most scare quotes (the longest one if none has any)."),
        }));
        b.extend(chart("keyness.png"));
        let shown = match (&r.groups, focus_doc(a)) {
            (None, Some(d)) => {
                let mask = keyness.column("doc")?.str()?.equal(a.docs[d].id.as_str());
                keyness.filter(&mask)?
            }
            _ => keyness.clone(),
        };
        b.push(table(&shown, 40));
    }

    b.push(Block::Heading(2, s("Similarity"), s("similarity")));
    if similarity.height() == 0 {
        b.push(Block::Para(s("One document: no pairs to compare.")));
    } else {
        let n = a.docs.len().min(MAX_SIMILARITY_DOCS);
        b.push(Block::Para(format!(
            "Cosine similarity of relative term frequencies and Jaccard overlap of term sets, for {n} documents{}; the heatmap shows up to {MAX_HEATMAP_DOCS}.",
            if a.docs.len() > MAX_SIMILARITY_DOCS { " (the longest ones)" } else { "" }
        )));
        b.extend(chart("similarity.png"));
        let top = similarity.sort(
            ["cosine"],
            SortMultipleOptions::default().with_order_descending(true),
        )?;
        b.push(table(&top, 15));
    }

    b.push(Block::Heading(
        2,
        s("Dispersion of the most scare-quoted terms"),
        s("dispersion"),
    ));
    match chart("dispersion.png") {
        Some(c) => {
            b.push(Block::Para(s("The terms most often held in scare quotes (then in any quotation marks), in the (up to six) documents with the most scare quotes (then the most quotations): each tick is one occurrence, at its position in the document; scare-quoted occurrences are drawn apart.")));
            b.push(c);
        }
        None => b.push(Block::Para(s("No quoted terms to plot."))),
    }
    Ok(b)
}

#[cfg(test)]
mod tests {
    use super::longest;
    use crate::analysis::{analyse, Options};
    use crate::corpus::Document;
    use crate::text::Lang;

    #[test]
    fn longest_picks_by_tokens_and_keeps_corpus_order() {
        let texts = ["one two", "one two three four", "one", "one two three"];
        let docs: Vec<Document> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Document::from_text(&format!("d{i}"), t))
            .collect();
        let a = analyse(&docs, &Options::new(Lang::english()));
        assert_eq!(longest(&a, &[0, 1, 2, 3], 2), vec![1, 3]);
        assert_eq!(longest(&a, &[0, 2, 3], 2), vec![0, 3]);
        assert_eq!(longest(&a, &[2, 0], 5), vec![0, 2]);
    }
}
