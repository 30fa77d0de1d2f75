//! The library's error type: every failure names the file (or option) involved and what to do.

use std::path::PathBuf;

/// Everything that can go wrong in verbale's library code.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or folder could not be read.
    #[error("{path}: cannot read: {source}")]
    Read {
        /// The path that failed.
        path: PathBuf,
        /// The underlying I/O error.
        source: std::io::Error,
    },
    /// A file is not valid UTF-8 (and `--lossy` was not given).
    #[error("{path}: invalid UTF-8 at byte {offset}; re-encode the file as UTF-8 or pass --lossy to replace bad bytes")]
    InvalidUtf8 {
        /// The file.
        path: PathBuf,
        /// Byte offset of the first bad byte in the file as stored.
        offset: usize,
    },
    /// A UTF-16 file is damaged (odd length or an unpaired surrogate).
    #[error(
        "{path}: invalid UTF-16 at byte {offset}; re-encode the file as UTF-8 or pass --lossy"
    )]
    InvalidUtf16 {
        /// The file.
        path: PathBuf,
        /// Byte offset of the first bad code unit.
        offset: usize,
    },
    /// A file looks binary (NUL bytes near its start) and was skipped.
    #[error("{path}: looks like a binary file (NUL byte at {offset}); skipped")]
    Binary {
        /// The file.
        path: PathBuf,
        /// Offset of the first NUL byte.
        offset: usize,
    },
    /// An input path does not exist.
    #[error("{path}: no such file or folder")]
    NotFound {
        /// The path as given.
        path: PathBuf,
    },
    /// Nothing to analyse.
    #[error("no documents to analyse: {0}")]
    NoDocuments(String),
    /// An unknown language code.
    #[error("unknown language '{0}'; use one of: {1}")]
    UnknownLanguage(String, String),
    /// A bad option value or combination.
    #[error("{0}")]
    Invalid(String),
    /// Writing an output failed.
    #[error("{path}: cannot write: {source}")]
    Write {
        /// The output path.
        path: PathBuf,
        /// The underlying I/O error.
        source: std::io::Error,
    },
    /// An output would overwrite one of the inputs.
    #[error("{0}: refusing to overwrite an input file; choose another output path")]
    OutputIsInput(PathBuf),
    /// A polars error while building or writing a frame.
    #[error("table error: {0}")]
    Polars(#[from] polars::prelude::PolarsError),
    /// A chart could not be drawn.
    #[error("chart error: {0}")]
    Chart(String),
    /// Any other I/O error (for example, writing to standard output).
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// Shorthand for results with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
