//! The library's error type: every failure names the file (or option) involved and what to do.

use std::path::PathBuf;

/// Everything that can go wrong in verbale's library code.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or folder could not be read.
    #[error("{path}: cannot read: {source}; {}", read_hint(source))]
    Read {
        /// The path that failed.
        path: PathBuf,
        /// The underlying I/O error.
        source: std::io::Error,
    },
    /// A file is not valid UTF-8 (and it was not to be read lossily).
    #[error("{path}: invalid UTF-8 at byte {offset} (line {line}){}; re-encode the file as UTF-8{}", if *latin1 { ", which looks like Latin-1/Windows-1252 text" } else { "" }, if *latin1 { " (iconv -f WINDOWS-1252 -t UTF-8)" } else { "" })]
    InvalidUtf8 {
        /// The file.
        path: PathBuf,
        /// Byte offset of the first bad byte in the file as stored.
        offset: usize,
        /// Line of the first bad byte, from 1.
        line: usize,
        /// The bad bytes look like a single-byte Western encoding (`é` as the byte E9).
        latin1: bool,
    },
    /// A UTF-16 file is damaged (odd length or an unpaired surrogate).
    #[error("{path}: invalid UTF-16 at byte {offset}; re-encode the file as UTF-8")]
    InvalidUtf16 {
        /// The file.
        path: PathBuf,
        /// Byte offset of the first bad code unit.
        offset: usize,
    },
    /// A file looks like UTF-16 text without a byte-order mark (every other byte NUL).
    #[error("{path}: looks like UTF-16 {order} text without a byte-order mark; re-encode it as UTF-8 (iconv -f UTF-16{order} -t UTF-8)")]
    Utf16NoBom {
        /// The file.
        path: PathBuf,
        /// Byte order: `LE` or `BE`.
        order: &'static str,
    },
    /// A file looks binary (NUL bytes near its start) and was skipped.
    #[error("{path}: looks like a binary file (NUL byte at {offset}); skipped")]
    Binary {
        /// The file.
        path: PathBuf,
        /// Offset of the first NUL byte.
        offset: usize,
    },
    /// A file is larger than the size limit.
    #[error("{path}: {} MB is over the {} MB limit; split the file", mb(*size), mb(*limit))]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// A file has no letters or digits at all (empty, or only spaces and punctuation).
    #[error("{path}: no words (the file is empty or has only spaces and punctuation); skipped")]
    NoWords {
        /// The file.
        path: PathBuf,
    },
    /// A folder already walked, reached again through a symbolic link (a loop, or a second
    /// name for it).
    #[error("{path}: a folder already read, reached again through a symbolic link; skipped")]
    Loop {
        /// The folder reached again.
        path: PathBuf,
    },
    /// An input path does not exist.
    #[error("{path}: no such file or folder; check the path")]
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
    /// A valid run that found nothing to draw or list (no quotations, no cues).
    #[error("{0}; nothing written")]
    Nothing(String),
    /// Writing an output failed.
    #[error("{path}: cannot write: {source}; {}", write_hint(source))]
    Write {
        /// The output path.
        path: PathBuf,
        /// The underlying I/O error.
        source: std::io::Error,
    },
    /// An output would overwrite one of the inputs.
    #[error("{0}: refusing to overwrite an input file; choose another output path")]
    OutputIsInput(PathBuf),
    #[cfg(feature = "tables")]
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

/// What a caller can change to get past an error; a command line names it by its flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Remedy {
    /// Read the file anyway, bad bytes replaced with U+FFFD (`LoadOptions::lossy`).
    Lossy,
    /// Raise the size limit (`LoadOptions::max_bytes`).
    MaxSize,
}

impl Error {
    /// What the caller can change to get past this error, if anything.
    pub fn remedy(&self) -> Option<Remedy> {
        match self {
            Error::InvalidUtf8 { .. } | Error::InvalidUtf16 { .. } => Some(Remedy::Lossy),
            Error::TooLarge { .. } => Some(Remedy::MaxSize),
            _ => None,
        }
    }

    /// Problems that skip one input but need no action (the run still succeeds).
    pub fn is_warning(&self) -> bool {
        matches!(
            self,
            Error::Binary { .. } | Error::NoWords { .. } | Error::Loop { .. }
        )
    }
}

fn mb(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / 1e6)
}

/// What a user can do about a file that cannot be read.
fn read_hint(e: &std::io::Error) -> &'static str {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "check the path (a broken symbolic link?)",
        K::PermissionDenied => "check its permissions (chmod +r) or leave it out",
        K::IsADirectory => "give the folder itself, not a file inside it",
        _ if e.raw_os_error() == Some(40) => "a loop of symbolic links; fix or remove the link",
        _ => "check that the file is readable",
    }
}

/// What a user can do about an output that cannot be written.
fn write_hint(e: &std::io::Error) -> &'static str {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::PermissionDenied => "check the folder's permissions or choose another -o path",
        K::ReadOnlyFilesystem => "the file system is read-only; choose another -o path",
        K::StorageFull | K::QuotaExceeded => "the disk is full; free some space or write elsewhere",
        K::FileTooLarge => "the file is over the system's size limit; write elsewhere",
        K::NotFound => "create the folder first or choose another -o path",
        K::IsADirectory => "give a file name (inside it, or elsewhere)",
        _ => "choose another -o path",
    }
}

/// Shorthand for results with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
