//! # verbale
//!
//! Measures the language of official statements (notes verbales, foreign-ministry statements,
//! UN speeches, joint communiqués): which words a statement leans on, which terms it holds at
//! arm's length in quotation marks (the so-called “elections”), how statements differ.
//!
//! The pipeline, one module per stage, each using only the floors below it:
//!
//! ```text
//! floor 1  text      segment, tokenize, fold, stem, stopwords, layout, phrase lists (no
//!                    files, no frames)
//!          stats     G², χ², log ratio, cosine, Jaccard; association (PMI, t, λ/z, Dice);
//!                    dispersion (Gries' DP, Juilland's D); lexical diversity, readability
//! floor 2  corpus    walk (find files), decode, formats (PDF, DOCX/ODT, DOC and HTML read
//!                    by content; page furniture; UN header fields and sections), normalise
//!                    (NFC, line endings, mojibake, line-break hyphens), offsets (every
//!                    offset maps back to the file, or to a document's extracted text),
//!                    stream (read and consume in parallel, nothing held)
//! floor 3  quotes    pair marks into spans, call them scare / term / title / direct (a fitted model)
//! floor 4  analysis  a run (Analyser) with one worker per thread: per-document counts,
//!                    merged under term ids into a self-contained Analysis (each document's
//!                    counts packed, DocTerms); Positions of the few documents a concordance or
//!                    a dispersion plot reads again; multiword terms (--phrases) joined into one
//!                    token before counting; a Spill (temporary file) for what a run reads
//!                    back later but need not hold (the report's act texts, and with
//!                    Options::spill_counts each document's packed counts and its
//!                    quotations, which Analysis::spans reads back)
//! floor 5  frames    polars DataFrames with fixed schemas; the counts dataset (`verbale
//!                    counts`: Parquet parts of a corpus that add up to the whole)
//!          meta      document fields (folders, file names, front matter, manifests),
//!                    --where filters, groups; the plan every command loads through
//!          out       writers (terminal, CSV, TSV, JSON, NDJSON, Parquet, Markdown), numbers
//! floor 6  compare   keyness (pairs, each document, each group), similarity, quote contrast
//!          kwic      concordance
//!          trend     terms per group (a year): counts, quoted, scare, rates
//!          phrases   the corpus held as word ids (each document set aside in a Spill as
//!                    it is read, HeldDocs): n-grams, collocations, collocates
//!          dict      dictionaries (quanteda YAML, LIWC, lists) counted per category, and
//!                    diplomatic speech acts with their intensity, negation, target and
//!                    whether they are reported of someone else; the support act decided
//!                    by a fitted model (dict/support.rs)
//! floor 7  chart     Spec (from results and frames) → pixels (PNG, SVG)
//! floor 8  report    folder, tables, charts, sections → HTML, Markdown, notebook
//! binary   cli       one file per command: Args → library options → one library call → writer
//! ```
//!
//! `tests/layering.rs` checks the floors (and `error` sits under all of them). A new command is
//! a file in `src/cli/` with an `Args` struct and a `run`, one arm in `main.rs`'s `match`, and
//! the library calls it needs; a new table is a builder in `frames` (or `compare`) whose
//! columns every writer in `out` handles; a new chart is a [`chart::Spec`] built in
//! `chart::kinds` from results or frames, never by analysing text again.
//!
//! [`analyse_files`] runs the first stages as one stream: files are read, decoded, normalised
//! and counted in parallel (rayon), a piece of 1,024 files at a time whose results are taken
//! in order as they come, and each text is dropped once counted, so memory grows with the
//! vocabulary and the per-document counts (about 4 bytes a row), not with the corpus text.
//! With
//! [`Detail::Totals`] (what `freq --by corpus`, `trend`, `compare`'s keyness and `chart keyness`
//! ask for) each document's counts are added to its worker's running sums as soon as it is
//! analysed and nothing per document is kept, so memory grows with the vocabulary alone; a
//! target and a reference are summed apart, each its bin, and groups of `--group-by` too, their
//! documents read bin after bin (all side by side, not in pieces) so that each worker keeps
//! sums of about its share of the bins only. `acts` and `dict` sum their tables per bin as the
//! corpus is read ([`dict::Tally`]) when their rows are of the corpus or of groups and no table
//! or choice needs each act (`--instances`, `--targets`, `--own`, `--target-has`, `--profile
//! --act`) or what each entry matched (`--entries`). Word forms are interned per
//! worker (a hash look-up
//! per token on a packed integer key, no allocation), each distinct form is folded and stemmed
//! once per worker, and polars only sees the counts. The tokeniser cuts ASCII text with a byte
//! loop that also tells each token's kind; [`text::tokenize_unicode`], which classifies every
//! segment of unicode-segmentation, is the reference it is tested against.
//!
//! Everything from `frames` on (polars, charts, reports, the binary) is behind the default
//! feature `tables`; without it the crate is the text pipeline alone.
//!
//! ```
//! use verbale::{analyse, Document, Lang, Options};
//! let doc = Document::from_text("seed", "The so-called “elections” were a sham. Elections matter.");
//! let a = analyse(&[doc], &Options::new(Lang::english()));
//! let spans = &a.docs[0].spans;
//! assert_eq!(spans.len(), 1);
//! assert_eq!(spans[0].kind.name(), "scare");
//! let df = verbale::frames::corpus_terms(&a, Default::default()).unwrap();
//! assert_eq!(df.column("term").unwrap().str().unwrap().get(0), Some("elect"));
//! ```
#![deny(missing_docs)]

pub mod analysis;
#[cfg(feature = "tables")]
pub mod chart;
#[cfg(feature = "tables")]
pub mod compare;
pub mod corpus;
#[cfg(feature = "tables")]
pub mod dict;
pub mod error;
#[cfg(feature = "tables")]
pub mod frames;
#[cfg(feature = "tables")]
pub mod kwic;
#[cfg(feature = "tables")]
pub mod meta;
#[cfg(feature = "tables")]
pub mod out;
#[cfg(feature = "tables")]
pub mod phrases;
pub mod quotes;
#[cfg(feature = "tables")]
pub mod report;
pub mod stats;
pub mod text;
#[cfg(feature = "tables")]
pub mod trend;

pub use analysis::{
    analyse, analyse_files, analyse_groups, Analyser, Analysis, Detail, DocResult, Options,
};
pub use corpus::{load, Corpus, Document, LoadOptions};
pub use error::{Error, Remedy, Result};
pub use quotes::{Kind, Span};
pub use text::Lang;
