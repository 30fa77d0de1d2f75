//! Corpus loading: find files, decode them (UTF-8 with or without BOM, UTF-16 with BOM), normalise
//! the text (NFC, line endings, words hyphenated across line breaks) and keep a map from every
//! normalised offset back to the byte offset in the file as stored.

use crate::error::{Error, Result};
use crate::text::detect_layout;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use unicode_normalization::IsNormalized;

mod decode;
mod hyphens;
mod normalise;
mod offsets;
mod stream;
mod walk;

pub use crate::text::layout::Layout;
pub use decode::{decode, decode_owned, read_source};
pub use hyphens::{collect_compounds, HyphenLexicon};
pub use normalise::normalise_lines;
pub use offsets::OffsetMap;
pub use stream::{stream, Consumer};
pub use walk::{find_files, is_corpus_file, Found, REPORT_MARKER};

use normalise::{nfc_quick, nfc_with_map};
use walk::find_all;

/// One statement, decoded and normalised.
#[derive(Debug, Clone)]
pub struct Document {
    /// Document id: path relative to the folder given, without extension (`/` separators).
    pub id: String,
    /// The file it was read from (`None` for standard input).
    pub path: Option<PathBuf>,
    /// The normalised text that every analysis reads.
    pub text: String,
    /// Paragraph layout detected from the text.
    pub layout: Layout,
    maps: Vec<OffsetMap>,
}

impl Document {
    /// Builds a document from text already in memory (no decoding, normalised here).
    pub fn from_text(id: &str, text: &str) -> Document {
        let lex = HyphenLexicon::build(&[text]);
        Document::assemble(
            id.to_string(),
            None,
            text.to_string(),
            OffsetMap::default(),
            &lex,
        )
    }

    /// Decodes and normalises one file's bytes on their own (line-break hyphens are decided by
    /// this document alone): what [`load`] does per file, for callers that hold bytes.
    pub fn from_bytes(id: &str, bytes: &[u8], lossy: bool) -> Result<Document> {
        let (text, map) = decode_owned(bytes.to_vec(), Path::new(id), lossy)?;
        let lex = HyphenLexicon::build(&[text.as_str()]);
        Ok(Document::assemble(id.to_string(), None, text, map, &lex))
    }

    fn assemble(
        id: String,
        path: Option<PathBuf>,
        decoded: String,
        decode_map: OffsetMap,
        lex: &HyphenLexicon,
    ) -> Document {
        let mut maps = vec![decode_map];
        let (text, map) = normalise_lines(decoded, lex);
        maps.push(map);
        let text = match nfc_quick(&text) {
            IsNormalized::Yes => text,
            _ => {
                let (t, m) = nfc_with_map(&text);
                maps.push(m);
                t
            }
        };
        maps.retain(|m| !m.is_identity());
        let layout = detect_layout(&text);
        Document {
            id,
            path,
            text,
            layout,
            maps,
        }
    }

    /// The byte offset in the file as stored (BOM included) of byte offset `x` in [`Document::text`].
    pub fn source_offset(&self, x: usize) -> usize {
        self.maps.iter().rev().fold(x, |acc, m| m.map(acc))
    }
}

/// Options for finding and decoding input files.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// File extensions (without dot) read from folders.
    pub extensions: Vec<String>,
    /// Replace invalid UTF-8 with U+FFFD instead of failing.
    pub lossy: bool,
    /// Keep the file extension in document ids.
    pub keep_ext: bool,
    /// Files larger than this many bytes are refused (memory stays bounded).
    pub max_bytes: u64,
}

/// The default file size limit: 100 MB, far above any statement (a whole UN General Debate
/// corpus in one file is 44 MB); peak memory is about eight times the largest file, and the
/// 32-bit token offsets allow up to 4,000 MB.
pub const DEFAULT_MAX_BYTES: u64 = 100_000_000;

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            extensions: vec!["txt".into(), "md".into()],
            lossy: false,
            keep_ext: false,
            max_bytes: DEFAULT_MAX_BYTES,
        }
    }
}

/// A problem with one input that did not stop the run.
#[derive(Debug)]
pub struct Problem {
    /// The error.
    pub error: Error,
    /// True for warnings (a binary file skipped); false for errors that make the run fail.
    pub warning: bool,
}

/// The result of loading: the documents that could be read and the problems with the rest.
#[derive(Debug, Default)]
pub struct Corpus {
    /// Documents in input order (folders sorted by path).
    pub docs: Vec<Document>,
    /// Per-file problems, in input order.
    pub problems: Vec<Problem>,
}

impl Corpus {
    /// True when some input failed with an error (not just a warning).
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(|p| !p.warning)
    }
}

struct Source {
    id: String,
    path: Option<PathBuf>,
}

/// Loads every input: files and folders are read and decoded in parallel; a bad file is
/// reported in [`Corpus::problems`] and the others go on.
pub fn load(inputs: &[PathBuf], opts: &LoadOptions) -> Result<Corpus> {
    let (files, walk_problems) = find_all(inputs, opts)?;
    let sources: Vec<Source> = files
        .into_iter()
        .map(|(id, path)| Source { id, path })
        .collect();
    let decoded: Vec<Result<(Source, String, OffsetMap)>> = sources
        .into_par_iter()
        .map(|src| {
            let (text, map) = read_source(src.path.as_deref(), opts)?;
            Ok((src, text, map))
        })
        .collect();
    let mut corpus = Corpus {
        problems: walk_problems,
        ..Corpus::default()
    };
    let mut ok = Vec::new();
    for d in decoded {
        match d {
            Ok(x) => ok.push(x),
            Err(e) => {
                let warning = e.is_warning();
                corpus.problems.push(Problem { error: e, warning });
            }
        }
    }
    // What the whole corpus writes decides each line-break hyphen (see `normalise_lines`).
    let texts: Vec<&str> = ok.iter().map(|(_, t, _)| t.as_str()).collect();
    let lex = HyphenLexicon::build(&texts);
    corpus.docs = ok
        .into_par_iter()
        .map(|(src, text, map)| Document::assemble(src.id, src.path, text, map, &lex))
        .collect();
    Ok(corpus)
}

/// Locks a mutex whose data stays usable after a panic elsewhere (it is only ever extended:
/// sets and tables that grow).
pub(crate) fn lock<T>(m: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}
