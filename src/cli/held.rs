//! The corpus held as word ids for the phrase commands (`ngrams`, `collocations`,
//! `collocates`, `compare --ngrams`, the phrase charts), and the multiword terms of
//! `--phrases` and `--compound-top` that every command's options carry.

use super::common::{
    count_of, flag_error, init_threads, load_options, report_problems, By, Sides, SourceArgs,
};
use anyhow::Result;
use polars::prelude::DataFrame;
use std::path::PathBuf;
use std::sync::Arc;
use verbale::analysis::Options;
use verbale::text::Phrases;

/// The name of the bundled list of `--phrases`.
const BUNDLED_PHRASES: &str = "un";

/// The file a `--phrases` value reads (none for the bundled list).
pub(crate) fn phrase_file(spec: &str) -> Option<&std::path::Path> {
    (spec != BUNDLED_PHRASES).then(|| std::path::Path::new(spec))
}

/// The phrases of `--phrases un|FILE`, with a warning for lines of one word unless `quiet`.
fn phrase_list(spec: &str, quiet: bool) -> Result<Phrases> {
    let Some(path) = phrase_file(spec) else {
        return Ok(Phrases::un());
    };
    let text = std::fs::read_to_string(path).map_err(|e| {
        anyhow::anyhow!("--phrases {spec}: cannot read: {e}; give `un` or a UTF-8 text file")
    })?;
    let (phrases, skipped) = Phrases::parse(&text, &format!("--phrases {spec}"))?;
    if !skipped.single_words.is_empty() && !quiet {
        eprintln!(
            "verbale: warning: --phrases {spec}: {} of one word left out ({} {}): a word is \
             a term already",
            count_of(skipped.single_words.len() as u64, "line"),
            if skipped.single_words.len() == 1 {
                "line"
            } else {
                "lines"
            },
            list_lines(&skipped.single_words)
        );
    }
    Ok(phrases)
}

/// Up to ten line numbers, then how many more.
fn list_lines(lines: &[usize]) -> String {
    let shown: Vec<String> = lines.iter().take(10).map(|n| n.to_string()).collect();
    match lines.len() {
        n if n > 10 => format!("{}, and {} more", shown.join(", "), n - 10),
        _ => shown.join(", "),
    }
}

/// `options` whose phrases also hold `term` when it has two words or more, so that a phrase
/// named as a node (`collocates "human rights"`) is counted as one term, as `--phrases` would
/// count it.
pub fn with_phrase_node(mut options: Options, term: &str) -> Result<Options> {
    if term.split_whitespace().count() < 2 {
        return Ok(options);
    }
    let (node, _) = Phrases::parse(term, &format!("'{term}'"))?;
    options.phrases = Some(Arc::new(match options.phrases.take() {
        Some(list) => (*list).clone().merged(node),
        None => node,
    }));
    Ok(options)
}

impl SourceArgs {
    /// The library options the flags describe, for a run over `paths`: with --compound-top, a
    /// first pass over them finds the corpus's strongest collocations (its problems are left
    /// for the run itself to report).
    pub fn options(&self, paths: &[PathBuf]) -> Result<Options> {
        let mut opts = self.text.options()?;
        if let Some(spec) = &self.text.phrases {
            opts.phrases = Some(Arc::new(phrase_list(spec, self.quiet)?));
        }
        let Some(n) = self.text.compound_top else {
            return Ok(opts);
        };
        if paths.iter().any(|p| p.as_os_str() == "-") {
            return Err(verbale::Error::Invalid(
                "--compound-top reads the files twice, so it cannot take standard input; save \
                 it to a file first"
                    .into(),
            )
            .into());
        }
        let first = Options {
            phrases: None,
            ..opts.clone()
        };
        let held = held_quietly(&[paths.to_vec()], self, &first)?;
        let top = verbale::phrases::strongest(&held, n as usize, 5)?;
        if !self.quiet {
            eprintln!(
                "verbale: --compound-top {n}: {} counted as one term each",
                count_of(top.len() as u64, "collocation")
            );
        }
        opts.phrases = Some(Arc::new(match opts.phrases.take() {
            Some(list) => (*list).clone().merged(top),
            None => top,
        }));
        Ok(opts)
    }
}

/// The documents of `groups` (chosen by --where) held as word ids, in one bin, for a first pass
/// before the run itself (which reports the files that cannot be read: here they are left out
/// quietly, and a file in two groups counts once).
pub fn held_quietly(
    groups: &[Vec<PathBuf>],
    src: &SourceArgs,
    opts: &Options,
) -> Result<verbale::phrases::Held> {
    init_threads(src);
    let lopts = load_options(src);
    let plan = verbale::meta::Plan {
        groups: groups.to_vec(),
        filter: src.meta.where_.clone(),
        meta: src.meta.options(),
        ..Default::default()
    };
    let chosen = verbale::meta::choose(&plan, &lopts).map_err(|e| flag_error(e, src))?;
    let bins = vec![Some(0); chosen.found.files.len()];
    Ok(verbale::phrases::read(&chosen.found, &bins, &lopts, opts)?.0)
}

/// `--by-doc` and `--group-by` of the tables counted per corpus, document or group.
#[derive(clap::Args, Debug, Clone)]
pub struct RowsArgs {
    /// Rows per document.
    #[arg(long, conflicts_with = "group_by")]
    pub by_doc: bool,
    /// Rows per corpus or per document, as `freq --by` spells it (`--by doc` is --by-doc).
    #[arg(long, value_enum, value_name = "ROWS", conflicts_with_all = ["by_doc", "group_by"])]
    pub by: Option<By>,
    /// Rows per group of documents with the same values of these fields.
    #[arg(long, value_delimiter = ',', value_name = "FIELD", value_parser = super::values::field)]
    pub group_by: Vec<String>,
}

impl RowsArgs {
    /// What the rows are per.
    pub fn per(&self) -> RowsPer {
        if self.by_doc || self.by == Some(By::Doc) {
            RowsPer::Doc
        } else if self.group_by.is_empty() {
            RowsPer::Corpus
        } else {
            RowsPer::Group(self.group_by.clone())
        }
    }
}

/// What the rows of a phrases table are per: the corpus, each document, or each group.
#[derive(Debug, Clone)]
pub enum RowsPer {
    /// One set of rows.
    Corpus,
    /// A set per document.
    Doc,
    /// A set per group of these fields.
    Group(Vec<String>),
    /// A set per side of a comparison: the target (the first inputs, or the documents the
    /// first selector keeps), then the reference.
    Sides(Sides),
}

/// A corpus held as word ids, with what names its bins.
pub struct HeldCorpus {
    /// The words.
    pub held: verbale::phrases::Held,
    /// Per bin, the name columns give it: documents' ids (per document), or the grouping.
    pub labels: BinLabels,
    /// Some input failed.
    pub had_errors: bool,
}

/// What names the bins of a held corpus in a table.
pub enum BinLabels {
    /// One bin: no column.
    None,
    /// A `doc` column: the id of each bin's file.
    Docs(Vec<String>),
    /// The group's fields.
    Groups(verbale::meta::Grouping),
    /// The two sides of a comparison, named by the command.
    Sides,
}

impl BinLabels {
    /// The frame with the columns naming each row's bin first.
    pub fn prepend(&self, df: DataFrame, of_row: &[u32]) -> Result<DataFrame> {
        let mut cols = match self {
            BinLabels::None | BinLabels::Sides => return Ok(df),
            BinLabels::Docs(ids) => vec![polars::prelude::Column::new(
                "doc".into(),
                of_row
                    .iter()
                    .map(|&b| ids[b as usize].as_str())
                    .collect::<Vec<_>>(),
            )],
            BinLabels::Groups(g) => verbale::frames::group_columns(g, of_row)?,
        };
        cols.extend(df.columns().iter().cloned());
        Ok(DataFrame::new_infer_height(cols)?)
    }

    /// Each bin's name, for a chart: a document's id, a group's label, or `one` for the only
    /// bin.
    pub fn names(&self, one: &str) -> Vec<String> {
        match self {
            BinLabels::Docs(ids) => ids.clone(),
            BinLabels::Groups(g) => g.groups.iter().map(|x| x.0.clone()).collect(),
            _ => vec![one.to_string()],
        }
    }
}

/// The files `paths` name (chosen by --where), each with its bin as `per` says.
pub struct Binned {
    /// The files kept.
    pub found: verbale::corpus::GroupedFiles,
    /// Per file: its bin.
    pub bins: Vec<Option<u32>>,
    /// What names the bins.
    pub labels: BinLabels,
    /// Files that could not be found or read so far.
    pub problems: Vec<verbale::corpus::Problem>,
    /// How files are read.
    pub lopts: verbale::LoadOptions,
}

impl Binned {
    /// Number of bins (documents, groups): empty ones give no rows.
    pub fn n_bins(&self) -> usize {
        match &self.labels {
            BinLabels::None => 1,
            BinLabels::Sides => 2,
            BinLabels::Docs(ids) => ids.len(),
            BinLabels::Groups(g) => g.groups.len(),
        }
    }
}

/// Finds the files of `paths` (chosen by --where) and bins them as `per` says.
pub fn bin_files(paths: &[PathBuf], src: &SourceArgs, per: &RowsPer) -> Result<Binned> {
    init_threads(src);
    let lopts = load_options(src);
    let (groups, selectors) = match per {
        RowsPer::Sides(s) => (s.inputs.clone(), s.selectors.clone()),
        _ => (vec![paths.to_vec()], Vec::new()),
    };
    let plan = verbale::meta::Plan {
        groups,
        selectors,
        filter: src.meta.where_.clone(),
        meta: src.meta.options(),
        ..Default::default()
    };
    let mut chosen = verbale::meta::choose(&plan, &lopts).map_err(|e| flag_error(e, src))?;
    src.say_notes(&chosen.meta.notes);
    let n = chosen.found.files.len();
    if n == 0 && chosen.left_out > 0 {
        let cond = src.meta.where_.as_deref().map(|e| ("--where", e));
        return Err(super::problems::none_satisfy(cond, chosen.hint.as_deref()));
    }
    if n == 0 && !paths.is_empty() {
        // As the other commands say it: which extensions were looked for, where.
        return Err(super::problems::no_documents(paths, &lopts, 0));
    }
    // A side its condition left without a file, as a run over the counts says it.
    if let (RowsPer::Sides(s), true) = (per, n > 0) {
        if let Some(k) = (0..s.selectors.len()).find(|&k| chosen.chose.get(k) == Some(&0)) {
            return Err(super::problems::chose_no_file(
                k,
                &s.selectors,
                src.meta.where_.as_deref(),
                chosen.where_kept,
                chosen.hint.as_deref(),
            ));
        }
    }
    let (bins, labels) = match per {
        RowsPer::Corpus => (vec![Some(0); n], BinLabels::None),
        RowsPer::Sides(_) => (
            chosen.found.group.iter().map(|&g| Some(g)).collect(),
            BinLabels::Sides,
        ),
        RowsPer::Doc => (
            (0..n as u32).map(Some).collect(),
            BinLabels::Docs(chosen.found.files.iter().map(|f| f.0.clone()).collect()),
        ),
        RowsPer::Group(fields) => {
            let g = verbale::meta::group(&chosen.meta, fields).map_err(|e| flag_error(e, src))?;
            (g.of_file.clone(), BinLabels::Groups(g))
        }
    };
    let problems = std::mem::take(&mut chosen.found.problems);
    Ok(Binned {
        found: chosen.found,
        bins,
        labels,
        problems,
        lopts,
    })
}

/// Reports the problems of a run; fails when no document could be read.
pub fn after_reading(
    problems: &[verbale::corpus::Problem],
    read: usize,
    src: &SourceArgs,
) -> Result<bool> {
    let had_errors = report_problems(problems, src)?;
    if read == 0 {
        return Err(verbale::Error::NoDocuments("none of the inputs could be read".into()).into());
    }
    Ok(had_errors)
}

/// Reads `paths` (chosen by --where) and holds their words, binned as `per` says.
pub fn load_held(
    paths: &[PathBuf],
    src: &SourceArgs,
    options: &verbale::analysis::Options,
    per: &RowsPer,
) -> Result<HeldCorpus> {
    let mut b = bin_files(paths, src, per)?;
    let (mut held, read) = verbale::phrases::read(&b.found, &b.bins, &b.lopts, options)?;
    b.problems.extend(read);
    let had_errors = after_reading(&b.problems, held.docs.len(), src)?;
    let docs = (held.ids.iter().enumerate()).map(|(i, id)| (id.as_str(), held.docs.other_lang(i)));
    let all = held.docs.len();
    super::problems::warn_other_languages(docs, all, options.lang, ("", false), src.quiet);
    held.n_bins = b.n_bins();
    Ok(HeldCorpus {
        held,
        labels: b.labels,
        had_errors,
    })
}
