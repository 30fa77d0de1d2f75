//! # verbale
//!
//! Measures the language of official statements (notes verbales, foreign-ministry statements,
//! UN speeches, joint communiqués): which words a statement leans on, which terms it holds at
//! arm's length in quotation marks (the so-called “elections”), how statements differ.
//!
//! The pipeline, one module per stage:
//!
//! ```text
//! paths ─► corpus (find, decode, normalise; offsets map back to the file)
//!        ─► text (tokenise, fold, stem once per distinct form)
//!        ─► quotes (pair marks, classify spans: scare / term / title / direct)
//!        ─► analysis (per-document counts in parallel, merged under interned term ids)
//!        ─► frames (polars DataFrames with fixed schemas)
//!        ─► stats, compare, kwic (keyness, similarity, quote contrast, concordance)
//!        ─► out (terminal, CSV, TSV, JSON, NDJSON, Parquet, Markdown), chart (PNG, SVG),
//!           report (HTML, Markdown, tables, notebook in notebooks-out/)
//! ```
//!
//! `text` knows nothing of files or frames; `frames` knows nothing of the command line; the
//! binary (`src/main.rs`, `src/cli/`) holds no analysis.
//!
//! [`analysis::analyse_files`] runs the first stages as one stream: files are read, decoded,
//! normalised and counted in parallel (rayon), and each text is dropped once counted, so memory
//! grows with the vocabulary and the per-document counts, not with the corpus text. With
//! [`analysis::Detail::Totals`] (what `freq --by corpus` asks for) each document's counts are
//! added to its worker's running sums as soon as it is analysed and nothing per document is
//! kept, so memory grows with the vocabulary alone. Word forms are interned per worker thread
//! (a hash look-up per token on a packed integer key, no allocation), each distinct form is
//! folded and stemmed once per thread, and polars only sees the counts. The tokeniser cuts
//! ASCII text with a byte loop that also tells each token's kind; [`text::tokenize_unicode`],
//! which classifies every segment of unicode-segmentation, is the reference it is tested
//! against.
//!
//! Everything from `frames` on (polars, charts, reports, the binary) is behind the default
//! feature `tables`; without it the crate is the text pipeline alone.
//!
//! ```
//! use verbale::{analysis, corpus::Document, frames, text::Lang};
//! let doc = Document::from_text("seed", "The so-called “elections” were a sham. Elections matter.");
//! let opts = analysis::Options::new(Lang::english());
//! let a = analysis::analyse(&[doc], &opts);
//! let spans = &a.docs[0].spans;
//! assert_eq!(spans.len(), 1);
//! assert_eq!(spans[0].kind.name(), "scare");
//! let df = frames::corpus_terms(&a, frames::Selection::default()).unwrap();
//! assert_eq!(df.column("term").unwrap().str().unwrap().get(0), Some("elect"));
//! ```
#![deny(missing_docs)]

pub mod analysis;
#[cfg(feature = "tables")]
pub mod chart;
#[cfg(feature = "tables")]
pub mod compare;
pub mod corpus;
pub mod error;
#[cfg(feature = "tables")]
pub mod frames;
#[cfg(feature = "tables")]
pub mod kwic;
#[cfg(feature = "tables")]
pub mod out;
pub mod quotes;
#[cfg(feature = "tables")]
pub mod report;
pub mod stats;
pub mod text;

pub use error::{Error, Remedy, Result};
