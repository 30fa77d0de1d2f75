//! Corpus loading: find files, decode them (UTF-8 with or without BOM, UTF-16 with BOM) or read
//! them through their format's reader (PDF, Word, web pages), normalise the text (NFC, line
//! endings, words hyphenated across line breaks) and keep a map from every normalised offset
//! back to the byte offset in the file as stored (in the extracted text, for a document read
//! through a reader).

use crate::error::{Error, Result};
use crate::text::detect_layout;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use unicode_normalization::IsNormalized;

mod decode;
pub mod formats;
mod hyphens;
mod normalise;
mod offsets;
mod stream;
mod walk;

pub use crate::text::layout::Layout;
pub(crate) use decode::read_source;
pub use decode::{decode, decode_owned, Source};
pub use formats::{Format, FormatError, UnSections};
use hyphens::HyphenLexicon;
use normalise::{drop_job_lines, normalise_lines};
pub use offsets::OffsetMap;
pub use stream::{stream, stream_binned, stream_each, Binned, Consumer};
pub use walk::{find_files, find_groups, is_corpus_file, Found, GroupedFiles, REPORT_MARKER};

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
    /// For a PDF, Word document or web page: its format and where its pages (paragraphs,
    /// blocks) start in the extracted text.
    pub source: Option<Source>,
    maps: Vec<OffsetMap>,
}

impl Document {
    /// One document of each of `texts`, named `d0`, `d1`, ..., for tests.
    #[cfg(test)]
    pub(crate) fn each_of(texts: &[&str]) -> Vec<Document> {
        (texts.iter().enumerate())
            .map(|(i, t)| Document::from_text(&format!("d{i}"), t))
            .collect()
    }

    /// Builds a document from text already in memory (no decoding, normalised here).
    pub fn from_text(id: &str, text: &str) -> Document {
        Document::assemble(id.to_string(), None, text.to_string(), Vec::new(), true)
    }

    /// Decodes and normalises one file's bytes: what [`load`] does per file, for callers that
    /// hold bytes.
    pub fn from_bytes(id: &str, bytes: &[u8], lossy: bool) -> Result<Document> {
        let opts = LoadOptions {
            lossy,
            ..LoadOptions::default()
        };
        let (text, map, source) = decode::decode_any(bytes.to_vec(), Path::new(id), &opts)?;
        let plain = source.is_none();
        let mut d = Document::assemble(id.to_string(), None, text, vec![map], plain);
        d.source = source;
        Ok(d)
    }

    /// Reads, decodes and normalises one input (a file, or standard input for `None`). A
    /// Markdown file's front matter (metadata, not statement) is left out of the text.
    pub fn read(id: &str, path: Option<&Path>, opts: &LoadOptions) -> Result<Document> {
        let (mut text, map, source) = read_source(path, opts)?;
        let mut maps = vec![map];
        let markdown = path
            .and_then(Path::extension)
            .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"));
        if let Some(skip) = markdown.then(|| front_matter_len(&text)).flatten() {
            text.drain(..skip);
            maps.push(OffsetMap::shift(skip));
        }
        if opts.section.as_deref() == Some("body") {
            let start = title_line_len(&text);
            text.drain(..start);
            maps.push(OffsetMap::shift(start));
        } else if let Some(name) = &opts.section {
            let Some((start, end)) = UnSections::find(&text).range(name) else {
                return Err(Error::NoSection {
                    path: path.map_or_else(|| PathBuf::from("<stdin>"), Path::to_path_buf),
                    section: name.clone(),
                });
            };
            text.truncate(end);
            text.drain(..start);
            maps.push(OffsetMap::shift(start));
        }
        let plain = source.is_none();
        let path = path.map(Path::to_path_buf);
        let mut d = Document::assemble(id.to_string(), path, text, maps, plain);
        d.source = source;
        Ok(d)
    }

    /// Normalises decoded text (`plain`: a plain text, not a PDF, Word document or web page's
    /// extracted text); `maps` lead from it back to the file (the last one first). A
    /// hyphen at a line break is decided by what this text writes and the bundled lists
    /// ([`HyphenLexicon`]), never by the rest of a corpus.
    fn assemble(
        id: String,
        path: Option<PathBuf>,
        decoded: String,
        mut maps: Vec<OffsetMap>,
        plain: bool,
    ) -> Document {
        // A plain text's page furniture; a PDF's is dropped page by page by its reader, and a
        // Word document or web page has none.
        let decoded = if plain {
            let (text, jobs) = drop_job_lines(decoded);
            maps.push(jobs);
            text
        } else {
            decoded
        };
        let lex = HyphenLexicon::of_text(&decoded);
        let (text, map) = normalise_lines(decoded, &lex);
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
        let layout = detect_layout(&text, plain);
        Document {
            id,
            path,
            text,
            layout,
            source: None,
            maps,
        }
    }

    /// The byte offset in the file as stored (BOM included) of byte offset `x` in [`Document::text`].
    pub fn source_offset(&self, x: usize) -> usize {
        self.maps.iter().rev().fold(x, |acc, m| m.map(acc))
    }

    /// For a PDF, the page (from 1) of byte offset `x` in [`Document::text`].
    pub fn page(&self, x: usize) -> Option<u32> {
        let s = self.source.as_ref().filter(|s| s.format == Format::Pdf)?;
        Some(formats::Extracted::place_of(
            &s.places,
            self.source_offset(x),
        ))
    }
}

/// The length of a text's title line with the empty line after it (`--section body` starts
/// after them): a first line of at most 40 words followed by an empty line; 0 when the text
/// has none.
fn title_line_len(text: &str) -> usize {
    let Some(first) = text.find('\n') else {
        return 0;
    };
    let title = &text[..first];
    let words = title.split_whitespace().count();
    let rest = &text[first + 1..];
    let blank = rest.find('\n').map_or(rest, |e| &rest[..e]);
    if words == 0 || words > 40 || !blank.trim().is_empty() {
        return 0;
    }
    first + 1 + blank.len() + usize::from(blank.len() < rest.len())
}

/// How many of (up to 50 of) the text files `paths` start with a title line as `--section
/// body` leaves out (25 words at most, not ending as a sentence or a salutation does, an
/// empty line after it), how many were looked at, and the first such title: press releases
/// and the White House statements have one, so that `Readout` and `Statement` lead their word
/// counts.
pub fn titled_share(paths: &[&Path]) -> (usize, usize, Option<String>) {
    use std::io::Read;
    let step = paths.len().div_ceil(50).max(1);
    let (mut titled, mut looked, mut example) = (0, 0, None);
    for p in paths.iter().step_by(step) {
        // Regular files only: opening a named pipe would wait for its writer.
        let text_like = p
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("txt") || e.eq_ignore_ascii_case("md"))
            && std::fs::metadata(p).is_ok_and(|m| m.is_file());
        let mut head = vec![0u8; 2048];
        let Some(n) = text_like
            .then(|| {
                std::fs::File::open(p)
                    .and_then(|mut f| f.read(&mut head))
                    .ok()
            })
            .flatten()
        else {
            continue;
        };
        looked += 1;
        let head = String::from_utf8_lossy(&head[..n]);
        let head = head.trim_start_matches('\u{feff}');
        let first = head.lines().next().unwrap_or("").trim_end();
        let words = first.split_whitespace().count();
        let ends_as_sentence = first.ends_with(['.', ',', ':', ';', '!', '?']);
        if title_line_len(head) > 0 && words <= 25 && !ends_as_sentence {
            titled += 1;
            example.get_or_insert_with(|| first.to_string());
        }
    }
    (titled, looked, example)
}

/// Options for finding and decoding input files.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// File extensions (without dot) read from folders.
    pub extensions: Vec<String>,
    /// Replace invalid UTF-8 with U+FFFD instead of failing.
    pub lossy: bool,
    /// The legacy encoding of text files that are not UTF-8 (`windows-1252`): such a file is
    /// read in it instead of failing. UTF-8 files (and UTF-16 or UTF-32 ones with a byte-order
    /// mark) are read as they are.
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// Keep the file extension in document ids.
    pub keep_ext: bool,
    /// Files larger than this many bytes are refused (memory stays bounded); so are documents
    /// whose extracted text is larger.
    pub max_bytes: u64,
    /// Read only this section of each document (`annex`, `cover`, `header`, `footnotes`: see
    /// [`UnSections`]); a document without it is skipped with a warning.
    pub section: Option<String>,
    /// Document ids are paths relative to this folder instead of to each input (`counts
    /// corpus/1994 --root corpus` names its documents `1994/...`, as a run over `corpus`).
    pub root: Option<PathBuf>,
}

/// The default file size limit: 100 MB, far above any statement (a whole UN General Debate
/// corpus in one file is 44 MB); the 32-bit token offsets allow up to 4,000 MB. Peak memory
/// grows with a file's vocabulary and quotations, not its length (README, "Exit codes and
/// errors").
pub const DEFAULT_MAX_BYTES: u64 = 100_000_000;

/// The extensions a folder walk reads: text and Markdown, then the documents the readers read
/// ([`formats::is_document_name`] takes those from the third on).
pub const DEFAULT_EXTENSIONS: &[&str] = &["txt", "md", "pdf", "docx", "doc", "odt", "html", "htm"];

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            extensions: DEFAULT_EXTENSIONS.iter().map(|e| e.to_string()).collect(),
            lossy: false,
            encoding: None,
            keep_ext: false,
            max_bytes: DEFAULT_MAX_BYTES,
            section: None,
            root: None,
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

impl From<Error> for Problem {
    fn from(error: Error) -> Self {
        let warning = error.is_warning();
        Problem { error, warning }
    }
}

/// What one file holds as verbale reads it, before normalisation: the decoded or extracted
/// text (the text offsets point into), the reader's account of it (format, places, notes) and
/// the file's own metadata (title, author, date; a UN document's header fields).
#[derive(Debug, Clone)]
pub struct FileText {
    /// The text.
    pub text: String,
    /// For a document read through a reader.
    pub source: Option<Source>,
    /// Metadata fields found in the file.
    pub meta: Vec<(String, String)>,
}

/// Reads one file as [`load`] would, without normalising it ([`FileText`]). A text file's
/// metadata is its UN header, if it has one.
pub fn read_file(path: &Path, opts: &LoadOptions) -> Result<FileText> {
    let (text, _, source) = read_source(Some(path), opts)?;
    let meta = match &source {
        Some(s) => s.meta.clone(),
        None => formats::fields(Format::Text, Vec::new(), &text),
    };
    Ok(FileText { text, source, meta })
}

/// Loads every input: files and folders are read and decoded in parallel; a bad file is
/// reported in [`Corpus::problems`] and the others go on.
pub fn load(inputs: &[PathBuf], opts: &LoadOptions) -> Result<Corpus> {
    let (files, problems) = find_all(inputs, opts)?;
    let read: Vec<Result<Document>> = files
        .par_iter()
        .map(|(id, path)| Document::read(id, path.as_deref(), opts))
        .collect();
    let mut corpus = Corpus {
        problems,
        ..Corpus::default()
    };
    for d in read {
        match d {
            Ok(d) => corpus.docs.push(d),
            Err(e) => corpus.problems.push(Problem::from(e)),
        }
    }
    Ok(corpus)
}

/// The YAML front matter at the very start of a Markdown text: the lines between a first line
/// `---` and the next line `---` (or `...`).
pub fn front_matter(text: &str) -> Option<&str> {
    let len = front_matter_len(text)?;
    let body = text[..len].split_once('\n')?.1;
    let end = body
        .trim_end_matches(['\n', '\r'])
        .rfind('\n')
        .map_or(0, |i| i + 1);
    Some(&body[..end])
}

/// The length in bytes of a Markdown text's front matter with its fences (see
/// [`front_matter`]).
fn front_matter_len(text: &str) -> Option<usize> {
    let first = text.split_inclusive('\n').next()?;
    if first.trim_end() != "---" {
        return None;
    }
    let mut at = first.len();
    for line in text[at..].split_inclusive('\n') {
        at += line.len();
        if matches!(line.trim_end(), "---" | "...") {
            return Some(at);
        }
        if at > 65_536 {
            return None;
        }
    }
    None
}

/// Locks a mutex whose data stays usable after a panic elsewhere (it is only ever extended:
/// sets and tables that grow).
pub(crate) fn lock<T>(m: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}
