//! The library's error type: every failure names the file (or option) involved and what to do.

use std::path::{Path, PathBuf};

/// Everything that can go wrong in verbale's library code.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or folder could not be read.
    #[error("{}: cannot read: {source}; {}", shown(path), read_hint(source))]
    Read {
        /// The path that failed.
        path: PathBuf,
        /// The underlying I/O error.
        source: std::io::Error,
    },
    /// A file is not valid UTF-8 (and it was not to be read lossily).
    #[error("{}: invalid UTF-8 at byte {offset} (line {line}){}", shown(path), re_encode(*guess, *sure))]
    InvalidUtf8 {
        /// The file.
        path: PathBuf,
        /// Byte offset of the first bad byte in the file as stored.
        offset: usize,
        /// Line of the first bad byte, from 1.
        line: usize,
        /// The legacy encoding the bytes look like, by its `iconv` name (`WINDOWS-1252`,
        /// `GB18030`, `WINDOWS-1251`, ...).
        guess: Option<&'static str>,
        /// Whether the guess stands out from the other encodings, on enough bytes to tell.
        sure: bool,
    },
    /// A UTF-16 file is damaged (odd length or an unpaired surrogate).
    #[error(
        "{}: invalid UTF-16 at byte {offset}; re-encode the file as UTF-8",
        shown(path)
    )]
    InvalidUtf16 {
        /// The file.
        path: PathBuf,
        /// Byte offset of the first bad code unit.
        offset: usize,
    },
    /// A file looks like UTF-16 or UTF-32 text without a byte-order mark (NUL bytes in a
    /// regular pattern).
    #[error("{}: looks like {} text without a byte-order mark; re-encode it as UTF-8 (iconv -f {encoding} -t UTF-8)", shown(path), encoding.replace("LE", " LE").replace("BE", " BE"))]
    NoBom {
        /// The file.
        path: PathBuf,
        /// The encoding, by its `iconv` name: `UTF-16LE`, `UTF-16BE`, `UTF-32LE`, `UTF-32BE`.
        encoding: &'static str,
    },
    /// A file looks binary (NUL bytes near its start) and was skipped.
    #[error(
        "{}: looks like a binary file (NUL byte at {offset}); skipped",
        shown(path)
    )]
    Binary {
        /// The file.
        path: PathBuf,
        /// Offset of the first NUL byte.
        offset: usize,
    },
    /// A PDF, Word document or web page that its reader refused or could not read.
    #[error("{}: {} file: {reason}{}", shown(path), format.to_uppercase(), if reason_is_skip(reason) { "; skipped" } else { "" })]
    Document {
        /// The file.
        path: PathBuf,
        /// The format's name (`pdf`, `docx`, `doc`, `html`, ...).
        format: &'static str,
        /// What the reader found.
        reason: FormatError,
    },
    /// A document has no section of the name asked for (`--section annex`).
    #[error("{}: no {section} section (a UN document's sections: header, cover, annex, footnotes); skipped", shown(path))]
    NoSection {
        /// The file.
        path: PathBuf,
        /// The section asked for.
        section: String,
    },
    /// A file is larger than the size limit.
    #[error("{}: {} the {} MB limit; split the file", shown(path), size.map_or("more than".to_string(), |s| format!("{} MB is over", mb(s))), mb(*limit))]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size in bytes (`None` for a pipe or a device, read until the limit).
        size: Option<u64>,
        /// The limit in bytes.
        limit: u64,
    },
    /// A file has no letters or digits at all (empty, or only spaces and punctuation).
    #[error(
        "{}: no words (the file is empty or has only spaces and punctuation); skipped",
        shown(path)
    )]
    NoWords {
        /// The file.
        path: PathBuf,
    },
    /// A folder already walked, reached again through a symbolic link (a loop, or a second
    /// name for it).
    #[error(
        "{}: a folder already read, reached again through a symbolic link; skipped",
        shown(path)
    )]
    Loop {
        /// The folder reached again.
        path: PathBuf,
    },
    /// A folder, one of several inputs, with no file the walk reads (the run goes on with the
    /// others).
    #[error(
        "{}: no readable {exts} files in this folder (other extensions: --ext)",
        shown(path)
    )]
    EmptyFolder {
        /// The folder.
        path: PathBuf,
        /// The extensions looked for, `txt/md/...`.
        exts: String,
    },
    /// Inputs that name one file more than once (given twice, or a file and its folder): it
    /// is read once, under its first name.
    #[error(
        "{}: the same file as {}, named before; read once{}",
        shown(path),
        shown(first),
        match more {
            0 => String::new(),
            1 => " (and 1 more file named more than once)".to_string(),
            n => format!(" (and {n} more files named more than once)"),
        }
    )]
    Repeated {
        /// The later name.
        path: PathBuf,
        /// The name it was read under.
        first: PathBuf,
        /// Other files named more than once, not shown.
        more: usize,
    },
    /// A folder holds something named like a statement that is not a regular file (a named
    /// pipe, a socket, a device, or a link to one).
    #[error(
        "{}: not a regular file (a named pipe, socket or device); skipped",
        shown(path)
    )]
    NotRegular {
        /// The entry.
        path: PathBuf,
    },
    /// An input path does not exist.
    #[error(
        "{}: no such file or folder; check the path{}",
        shown(path),
        glob_hint(path)
    )]
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
    /// A field to group by that the documents do not have; `hint` names the nearest one,
    /// `fields` lists them. The flag that gave it may name it (`--facet`).
    #[error("unknown field '{field}' to group by{hint}; the fields are: {fields}")]
    UnknownField {
        /// The field as given.
        field: String,
        /// What was likely meant, in words (empty when nothing is near).
        hint: String,
        /// The documents' fields.
        fields: String,
    },
    /// A counts folder (`verbale counts`) whose files are missing, cut short or damaged.
    #[error("{0}")]
    DamagedCounts(String),
    /// A valid run that found nothing to draw or list (no quotations, no cues).
    #[error("{0}; nothing written")]
    Nothing(String),
    /// Writing an output failed.
    #[error("{}: cannot write: {source}; {}", shown(path), write_hint(source))]
    Write {
        /// The output path.
        path: PathBuf,
        /// The underlying I/O error.
        source: std::io::Error,
    },
    /// An output would replace a read-only file.
    #[error("{}: the file is read-only; choose another output path", shown(path))]
    ReadOnly {
        /// The output path.
        path: PathBuf,
    },
    /// An output would overwrite one of the inputs.
    #[error("{}: refusing to overwrite an input file; choose another output path", shown(.0))]
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
    /// What a run set aside in a temporary file could not be read back (exit 1).
    #[error(
        "the {what} set aside in a temporary file could not be read back ({why}); check the space \
         left in the temporary folder (TMPDIR) and run again"
    )]
    SetAside {
        /// What was set aside (the words, the counts, the acts' texts).
        what: &'static str,
        /// Why it could not be read.
        why: String,
    },
}

/// What a caller can change to get past an error; a command line names it by its flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Remedy {
    /// Read the file anyway, bad bytes replaced with U+FFFD (`LoadOptions::lossy`).
    Lossy,
    /// Raise the size limit (`LoadOptions::max_bytes`).
    MaxSize,
    /// Replace the output anyway (`WriteOptions::force`).
    Force,
}

impl Error {
    /// What the caller can change to get past this error, if anything.
    pub fn remedy(&self) -> Option<Remedy> {
        match self {
            Error::InvalidUtf8 { .. } | Error::InvalidUtf16 { .. } => Some(Remedy::Lossy),
            Error::TooLarge { .. } => Some(Remedy::MaxSize),
            Error::Document {
                reason: FormatError::TooLarge { .. } | FormatError::ContentTooLarge { .. },
                ..
            } => Some(Remedy::MaxSize),
            Error::ReadOnly { .. } => Some(Remedy::Force),
            _ => None,
        }
    }

    /// Whether `--strict` stops at this problem: every error, and the warnings that leave a
    /// file out of the analysis (binary, no words, no text layer, encrypted, not a regular
    /// file); not a folder reached again through a link or a document without the
    /// `--section` asked for.
    pub fn stops_a_strict_run(&self) -> bool {
        !self.is_warning()
            || matches!(
                self,
                Error::Binary { .. } | Error::NoWords { .. } | Error::NotRegular { .. }
            )
            || matches!(self, Error::Document { reason, .. } if reason_is_skip(reason))
    }

    /// Problems that skip one input but need no action (the run still succeeds).
    pub fn is_warning(&self) -> bool {
        matches!(
            self,
            Error::Binary { .. }
                | Error::NoWords { .. }
                | Error::NoSection { .. }
                | Error::Loop { .. }
                | Error::Repeated { .. }
                | Error::EmptyFolder { .. }
                | Error::NotRegular { .. }
        ) || matches!(self, Error::Document { reason, .. } if reason_is_skip(reason))
    }
}

/// Why a document could not be read.
#[derive(Debug, thiserror::Error)]
pub enum FormatError {
    /// The file is encrypted with a password.
    #[error("encrypted with a password; save an unprotected copy (qpdf --decrypt for a PDF)")]
    Encrypted,
    /// A PDF whose pages are images.
    #[error("no text layer ({pages} {} of images); run OCR first, e.g. ocrmypdf", if *pages == 1 { "page" } else { "pages" })]
    NoTextLayer {
        /// Pages in the file.
        pages: usize,
    },
    /// The file is damaged or truncated.
    #[error("damaged or truncated {format} file ({detail}); re-download or re-export it")]
    Corrupt {
        /// The format's name.
        format: &'static str,
        /// What the reader found.
        detail: String,
    },
    /// A format verbale does not read.
    #[error("{what} is not read by verbale; {hint}")]
    Unsupported {
        /// What the file is.
        what: &'static str,
        /// What to do.
        hint: &'static str,
    },
    /// The reader failed on something it does not handle (a font, a structure).
    #[error("the {format} reader failed ({detail}); convert the file to text (pdftotext, or save as .txt) and read that")]
    Failed {
        /// The format's name.
        format: &'static str,
        /// What went wrong.
        detail: String,
    },
    /// A web page with no text outside navigation and scripts.
    #[error("no main text found in the page")]
    NoMainText,
    /// The extracted text is over the size limit (a decompression bomb, or a huge document).
    #[error("its text runs past the {limit_mb} MB limit; split the document")]
    TooLarge {
        /// The limit in MB.
        limit_mb: u64,
    },
    /// A PDF whose pages' content inflates past its bound (a PDF bomb, or a huge drawing).
    #[error("its pages' content inflates past {limit_mb} MB (a quarter of the size limit): a PDF bomb, or a drawing rather than a statement; split the document")]
    ContentTooLarge {
        /// The bound in MB.
        limit_mb: u64,
    },
    /// The binary was built without the document readers.
    #[error("reading {0} files needs the `readers` feature, which this build of verbale leaves out; convert the file to text")]
    Disabled(&'static str),
}

/// Reader refusals that skip a file with nothing verbale could do (the file is encrypted, a
/// scan, a format it does not read, a page without text); damaged files and reader failures
/// are errors.
fn reason_is_skip(r: &FormatError) -> bool {
    use FormatError as F;
    matches!(
        r,
        F::Encrypted
            | F::NoTextLayer { .. }
            | F::Unsupported { .. }
            | F::NoMainText
            | F::Disabled(_)
    )
}

/// For a path holding a wildcard, that the shell expands globs (a quoted one reaches verbale
/// as written): verbale reads folders, not patterns.
fn glob_hint(path: &std::path::Path) -> &'static str {
    if path.to_string_lossy().contains(['*', '?', '[']) {
        " (it holds a wildcard: the shell expands globs, and a quoted or unmatched one reaches \
         verbale as written; give the folder, or leave the pattern unquoted)"
    } else {
        ""
    }
}

/// A path as messages show it: control characters (a file named with terminal escape
/// sequences, a line break) as visible `\u{1b}`-style escapes, so that a message never
/// drives the terminal it is printed on.
pub fn shown(path: &Path) -> String {
    let s = path.display().to_string();
    if !s.chars().any(char::is_control) {
        return s;
    }
    s.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// The name an encoding is shown under in messages.
/// What to do with a file that is not UTF-8: re-encode it, from the encoding it looks like
/// (said as a guess to check when the bytes were too few to tell it from its neighbours: a
/// Latin-1 text read as Latin-2 turns « » into Ť ť).
fn re_encode(guess: Option<&'static str>, sure: bool) -> String {
    match guess {
        None => "; re-encode the file as UTF-8".into(),
        Some(g) if sure => format!(
            ", which looks like {} text; re-encode the file as UTF-8 (iconv -f {g} -t UTF-8)",
            encoding_name(g)
        ),
        Some(g) => format!(
            ", perhaps {} text (a guess from few bytes); re-encode the file as UTF-8 from its \
             encoding (iconv -f {g} -t UTF-8, then check that its accented letters came out \
             right{})",
            encoding_name(g),
            if g == "WINDOWS-1252" {
                ""
            } else {
                "; WINDOWS-1252 is the usual one for Western text"
            }
        ),
    }
}

fn encoding_name(iconv: &str) -> &str {
    match iconv {
        "WINDOWS-1252" => "Latin-1/Windows-1252",
        "GB18030" => "GBK/GB18030 (Chinese)",
        "WINDOWS-1251" | "KOI8-R" | "KOI8-U" | "CP866" | "ISO-8859-5" => {
            "Cyrillic (WINDOWS-1251, KOI8)"
        }
        "SHIFT_JIS" | "EUC-JP" | "ISO-2022-JP" => "Japanese",
        "EUC-KR" => "Korean",
        "BIG5" => "Big5 (Chinese)",
        other => other,
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

/// The choice a mistyped word most likely meant: the one equal to it but for case, else the
/// nearest within two edits (for words of more than three letters), as ` (did you mean
/// 'x'?)`; empty when none is near.
pub fn did_you_mean<'a>(word: &str, choices: impl IntoIterator<Item = &'a str>) -> String {
    let lower = word.to_lowercase();
    let d = |c: &str| strsim::levenshtein(&c.to_lowercase(), &lower);
    let choices: Vec<&str> = choices.into_iter().collect();
    let near = choices
        .iter()
        .find(|c| c.to_lowercase() == lower)
        .or_else(|| {
            choices
                .iter()
                .filter(|c| d(c) <= 2 && word.chars().count() > 3)
                .min_by_key(|c| d(c))
        });
    near.map_or(String::new(), |c| format!(" (did you mean '{c}'?)"))
}

#[cfg(test)]
mod did_you_mean_tests {
    use super::did_you_mean;

    #[test]
    fn suggests_the_near_choice_or_nothing() {
        let acts = ["welcome", "condemn", "concern"];
        assert_eq!(did_you_mean("condem", acts), " (did you mean 'condemn'?)");
        assert_eq!(did_you_mean("Welcome", acts), " (did you mean 'welcome'?)");
        assert_eq!(
            did_you_mean("mtdl", ["mtld", "ttr"]),
            " (did you mean 'mtld'?)"
        );
        // Short words are too easily near anything.
        assert_eq!(did_you_mean("ttx", ["ttr"]), "");
        assert_eq!(did_you_mean("praise", acts), "");
    }
}
