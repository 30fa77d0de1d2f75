//! `report`: one folder with everything an analyst hands on: `report.html` (self-contained),
//! `report.md` with the charts beside it, every table as Parquet and CSV, and `report.ipynb`.
//! The report is built from a streamed analysis: no text is held, and the few documents a
//! dispersion plot shows are read again ([`crate::analysis::positions_of`]). A report made
//! from counts (`verbale counts`) has no texts: it leaves out, and names, the sections that
//! need them ([`TEXT_SECTIONS`], [`needs_texts`]).

mod acts;
mod charts;
mod doc;
mod folder;
mod groups;
mod notebook;
mod sections;
mod tables;

pub use folder::{check_target, MARKER};
pub use tables::{phrase_tables_of, PhraseTables};

use crate::analysis::{Analysis, Options};
use crate::corpus::LoadOptions;
use crate::error::{Error, Result};
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

/// Documents grouped by their metadata: the report's groups section.
#[derive(Debug, Clone)]
pub struct MetaGroups {
    /// The groups (by one field: a country), `of_file` by document of the analysis.
    pub by: crate::meta::Grouping,
    /// The groups by a time field (a year), for the trend charts.
    pub time: Option<crate::meta::Grouping>,
}

/// Report settings.
#[derive(Debug)]
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
    /// Groups from the documents' metadata, if any.
    pub meta_groups: Option<MetaGroups>,
    /// The documents' metadata, a row per document of the analysis in its order (the `docs`
    /// table carries its fields); an empty frame when there is none.
    pub meta: polars::prelude::DataFrame,
    /// The inputs that were not read (skipped or failed), each with its reason, so that the
    /// report says what it does not cover.
    pub left_out: Vec<String>,
    /// The phrase tables, when the caller made them ([`phrase_tables_of`] of the corpus held
    /// as word ids by the counting run, [`crate::phrases::Holder`]); otherwise the report reads
    /// the documents again for them.
    pub phrases: Option<PhraseTables>,
    /// The documents' speech acts, when the caller found them in the counting run
    /// ([`crate::dict::Matcher`]), in the analysis's order; otherwise the report reads the
    /// documents again for them.
    /// Taken (not copied) by the speech-act tables, which hold them from then on.
    pub acts: std::sync::Mutex<Option<crate::dict::Scanned>>,
    /// Terms to follow over the time field in the groups section (`--terms`), before the
    /// most scare-quoted and the key terms.
    pub terms: Vec<String>,
    /// The phrases among `terms` that the counts do not hold as terms (no `--phrases` made
    /// them one), counted in the reading from each document's words, as `trend` counts them.
    pub counted_terms: Option<crate::trend::Counted>,
    /// Whether the documents' texts can be read (false for a report from counts: the sections
    /// and tables that need texts are left out, and the report says which).
    pub texts: bool,
    /// How a condition chose the documents (`--where year >= 2014`, the sides' conditions),
    /// shown beside their number.
    pub chosen_by: Option<String>,
}

/// The tables every report writes, as Parquet and CSV.
pub const TABLES: &[&str] = &[
    "terms",
    "corpus_terms",
    "quotes",
    "quoted_terms",
    "corpus_quoted_terms",
    "quoted_phrases",
    "cues",
    "docs",
    "keyness",
    "similarity",
    "ngrams",
    "collocates",
    "acts",
    "act_profile",
    "act_instances",
    "act_targets",
];

/// The tables of [`TABLES`] made from counts alone: a report from counts writes these, and
/// leaves out the others, which need the documents' texts.
pub const COUNTED_TABLES: &[&str] = &[
    "terms",
    "corpus_terms",
    "quoted_terms",
    "corpus_quoted_terms",
    "docs",
    "keyness",
    "similarity",
];

/// Whether table `name` needs the documents' texts (is not in [`COUNTED_TABLES`]).
pub fn needs_texts(name: &str) -> bool {
    !COUNTED_TABLES.contains(&name)
}

/// The sections that need the documents' texts, as a report from counts names them.
pub const TEXT_SECTIONS: &[&str] = &[
    "phrases and collocates",
    "quoted phrases",
    "scare quotes in context",
    "quotation kinds",
    "distancing cues",
    "speech acts",
    "dispersion",
];

/// The tables a report writes: [`TABLES`] (only [`COUNTED_TABLES`] when it has no texts), then
/// [`GROUP_TABLES`] when it has groups.
pub fn table_names(texts: bool, groups: bool) -> Vec<&'static str> {
    let mut names: Vec<&str> = TABLES
        .iter()
        .copied()
        .filter(|t| texts || !needs_texts(t))
        .collect();
    if groups {
        names.extend(GROUP_TABLES);
    }
    names
}

/// The tables a report with [`MetaGroups`] writes besides [`TABLES`].
pub const GROUP_TABLES: &[&str] = &["groups", "group_keyness", "trend"];

/// Documents compared pairwise at most (n² pairs); larger corpora use the longest ones.
pub const MAX_SIMILARITY_DOCS: usize = 150;

/// The words counted on each side of the node of the report's collocates.
pub const COLLOCATE_WINDOW: usize = 5;

/// What the report is made from, and where it goes.
#[derive(Clone, Copy)]
struct Parts<'a> {
    dir: &'a Path,
    a: &'a Analysis,
    lopts: &'a LoadOptions,
    opts: &'a Options,
    r: &'a ReportOptions,
    step: &'a (dyn Fn(&str) + Sync),
}

/// Builds the report of analysis `a` into a temporary sibling of `r.dir`, then swaps it in.
/// `lopts` reads again the few documents whose text a chart shows; `step` is called with a
/// short description before each stage (for a progress bar).
pub fn build(
    a: &Analysis,
    lopts: &LoadOptions,
    opts: &Options,
    r: &ReportOptions,
    step: &(dyn Fn(&str) + Sync),
) -> Result<()> {
    let inputs: Vec<PathBuf> = a.docs.iter().filter_map(|d| d.path.clone()).collect();
    folder::replace(&r.dir, &inputs, step, |dir| {
        let p = Parts {
            dir,
            a,
            lopts,
            opts,
            r,
            step,
        };
        // First and alone: the corpus held again as word ids for the phrase tables is let go
        // before the other tables are built, so that the peaks of memory do not add up.
        (p.step)("phrases");
        let phrases = match (&r.phrases, r.texts) {
            (Some(t), _) => Some(t.clone()),
            (None, true) => Some(tables::phrase_tables(p)?),
            (None, false) => None,
        };
        (p.step)("speech acts");
        let acts = r.texts.then(|| acts::act_tables(p)).transpose()?;
        // The per-document `terms` table, the largest by far, is written beside the other
        // tables; the charts and pages come after both, so that the peaks of memory of the
        // charts do not add to the writer's.
        let (terms, tables) = rayon::join(
            || tables::write_terms(p),
            || {
                (p.step)("tables");
                tables::build_and_write(p, phrases, acts)
            },
        );
        terms?;
        fill(p, &tables?)?;
        // Counts that could not be read back from their temporary file leave no report.
        a.doc_terms.check()
    })
}

/// Draws the charts and writes the report's pages.
fn fill(p: Parts, tables: &tables::Tables) -> Result<()> {
    (p.step)("charts");
    let (charts, key_title) = charts::draw(p, tables)?;
    (p.step)("report.html, report.md, report.ipynb");
    let title = format!("verbale report: {}", p.r.name);
    let blocks = sections::all(&sections::ReportData {
        p,
        tables,
        charts: &charts,
        key_title: &key_title,
    })?;
    let write = |name: &str, text: String| {
        let path = p.dir.join(name);
        std::fs::write(&path, text).map_err(|e| Error::Write { path, source: e })
    };
    write("report.html", doc::to_html(&title, &blocks))?;
    write("report.md", doc::to_markdown(&title, &blocks))?;
    let files: Vec<String> = charts.iter().map(|c| c.file.clone()).collect();
    let names = table_names(p.r.texts, tables.groups.is_some());
    write("report.ipynb", notebook::notebook(&title, &names, &files))
}

#[cfg(test)]
mod tests {
    use super::charts::longest;
    use crate::analysis::{analyse, Options};
    use crate::corpus::Document;
    use crate::text::Lang;

    #[test]
    fn longest_picks_by_tokens_and_keeps_corpus_order() {
        let a =
            crate::analysis::analysed(&["one two", "one two three four", "one", "one two three"]);
        assert_eq!(longest(&a, &[0, 1, 2, 3], 2), vec![1, 3]);
        assert_eq!(longest(&a, &[0, 2, 3], 2), vec![0, 3]);
        assert_eq!(longest(&a, &[2, 0], 5), vec![0, 2]);
        // Equal lengths: the smaller id, wherever it stands.
        let docs =
            [("b", "one two"), ("a", "three four")].map(|(id, t)| Document::from_text(id, t));
        let a = analyse(&docs, &Options::new(Lang::english()));
        assert_eq!(longest(&a, &[0, 1], 1), vec![1]);
    }
}
