//! Statements as they are published: PDF, Word (DOCX, and legacy `.doc`) and web pages,
//! recognised by their first bytes rather than their names; each reader gives the text, where
//! each part of it came from (page, paragraph or block) and the file's own metadata.
//!
//! Offsets into a document read this way point into the extracted text (`verbale extract`
//! writes it), and [`Extracted::places`] leads from an offset to its page.

// Without the `readers` feature only sniffing, the UN header and sections are used.
#![cfg_attr(not(feature = "readers"), allow(dead_code))]

mod furniture;
#[cfg(feature = "readers")]
mod html;
#[cfg(feature = "readers")]
mod pdf;
#[cfg(feature = "readers")]
mod pdflayout;
#[cfg(feature = "readers")]
mod word;
#[cfg(feature = "readers")]
mod worddoc;

pub use crate::error::FormatError;
pub(crate) use furniture::{is_job_line, job_prefix};
pub use furniture::{un_header, UnSections};

use std::path::Path;

/// What a file holds, by its first bytes (and, for web pages, its name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text or Markdown (decoded as text).
    Text,
    /// A PDF document.
    Pdf,
    /// A Word 2007+ document (OOXML), whatever its extension.
    Docx,
    /// A Word 97-2003 binary document.
    Doc,
    /// An HTML page.
    Html,
    /// An OpenDocument text.
    Odt,
    /// A Rich Text Format document.
    Rtf,
    /// A ZIP archive that is neither DOCX nor ODT (a spreadsheet, a presentation, ...).
    OtherZip,
    /// An OLE compound file that is not a Word document (Excel 97, PowerPoint 97, ...).
    OtherOle,
}

impl Format {
    /// The format's name in messages and in the `format` field.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Doc => "doc",
            Format::Html => "html",
            Format::Odt => "odt",
            Format::Rtf => "rtf",
            Format::OtherZip => "zip",
            Format::OtherOle => "ole",
        }
    }

    /// What a place of this format is: a page of a PDF, a paragraph of a Word document, a
    /// block of a web page.
    pub fn place(self) -> &'static str {
        match self {
            Format::Pdf => "page",
            Format::Docx | Format::Doc | Format::Odt => "paragraph",
            Format::Html => "block",
            _ => "line",
        }
    }
}

const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// The format of a file's bytes. Binary formats are told by their magic bytes whatever the
/// name (an OOXML file named `.doc` is DOCX); a web page by a name ending `.html`/`.htm` or
/// by markup at its very start.
pub fn sniff(bytes: &[u8], path: &Path) -> Format {
    let head = &bytes[..bytes.len().min(1024)];
    if memchr::memmem::find(head, b"%PDF-").is_some() {
        return Format::Pdf;
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return zip_kind(bytes, path);
    }
    if bytes.starts_with(OLE_MAGIC) {
        // A file cut short loses the directory that names its streams: it is read as the
        // Word file it most likely is, whose reader reports the damage.
        return if ole_is_word(bytes) || ole_truncated(bytes) {
            Format::Doc
        } else {
            Format::OtherOle
        };
    }
    if bytes.starts_with(b"{\\rtf") {
        return Format::Rtf;
    }
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    if matches!(ext.as_deref(), Some("html" | "htm" | "xhtml")) || looks_like_html(bytes) {
        return Format::Html;
    }
    Format::Text
}

/// Markup at the start of a file: a doctype, `<html>`, `<head>` or `<body>` among its first
/// elements. A text file that merely mentions a tag further in stays text.
fn looks_like_html(bytes: &[u8]) -> bool {
    let b = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let start = b.iter().position(|c| !c.is_ascii_whitespace()).unwrap_or(0);
    if b.get(start) != Some(&b'<') {
        return false;
    }
    let head: Vec<u8> = b[start..b.len().min(start + 2048)].to_ascii_lowercase();
    [&b"<!doctype html"[..], b"<html", b"<head", b"<body"]
        .iter()
        .any(|m| memchr::memmem::find(&head, m).is_some())
}

/// DOCX or ODT by the names inside the archive (the local file headers: a DOCX has
/// `word/document.xml`, an ODT starts with `mimetype` naming OpenDocument text). An archive
/// cut short before those names and without its closing directory, named as a Word or
/// OpenDocument text, is read as the document its name says, whose reader reports the damage.
fn zip_kind(bytes: &[u8], path: &Path) -> Format {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    if memchr::memmem::find(bytes, b"word/document.xml").is_some() {
        Format::Docx
    } else if memchr::memmem::find(&bytes[..bytes.len().min(200)], b"opendocument.text").is_some() {
        Format::Odt
    } else if !zip_truncated(bytes) {
        Format::OtherZip
    } else if matches!(ext.as_deref(), Some("docx" | "docm" | "dotx")) {
        Format::Docx
    } else if matches!(ext.as_deref(), Some("odt" | "ott")) {
        Format::Odt
    } else {
        Format::OtherZip
    }
}

/// Whether a ZIP archive lacks the record that closes it (the end of central directory,
/// `PK\x05\x06`, within the last 65,557 bytes: 22 bytes and a comment of up to 65,535).
fn zip_truncated(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(65_557)..];
    memchr::memmem::rfind(tail, b"PK\x05\x06").is_none()
}

/// An OLE compound file is a Word document when it has a `WordDocument` stream (its name is
/// stored in UTF-16 in a directory entry).
/// Whether an OLE compound file ends before its first directory sector (header: the sector
/// size as a power of two at 0x1E, the directory's first sector at 0x30).
fn ole_truncated(bytes: &[u8]) -> bool {
    let (Some(shift), Some(dir)) = (bytes.get(0x1E..0x20), bytes.get(0x30..0x34)) else {
        return true;
    };
    let shift = u16::from_le_bytes([shift[0], shift[1]]).min(16) as u64;
    let dir = u32::from_le_bytes([dir[0], dir[1], dir[2], dir[3]]) as u64;
    (dir + 1) << shift >= bytes.len() as u64
}

fn ole_is_word(bytes: &[u8]) -> bool {
    let name: Vec<u8> = "WordDocument"
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    memchr::memmem::find(bytes, &name).is_some()
}

/// A reader of one document format: bytes in, the text with its places and metadata out. A
/// reader stops at `limit` bytes of text, and of whatever it inflates on the way.
pub trait Reader: Sync {
    /// Reads a document from its bytes.
    fn read(&self, bytes: &[u8], limit: u64) -> Result<Extracted, FormatError>;

    /// Reads enough of a document for its metadata: the properties, and the opening text a
    /// UN header stands in. A reader whose whole text is cheap reads it all.
    fn head(&self, bytes: &[u8], limit: u64) -> Result<Extracted, FormatError> {
        self.read(bytes, limit)
    }
}

/// The reader of a format verbale does not read: it refuses with what to do.
struct Refuse {
    what: &'static str,
    hint: &'static str,
}

impl Reader for Refuse {
    fn read(&self, _: &[u8], _: u64) -> Result<Extracted, FormatError> {
        Err(FormatError::Unsupported {
            what: self.what,
            hint: self.hint,
        })
    }
}

/// The reader of a format this build leaves out (the `readers` feature is off).
#[cfg(not(feature = "readers"))]
struct Disabled(&'static str);

#[cfg(not(feature = "readers"))]
impl Reader for Disabled {
    fn read(&self, _: &[u8], _: u64) -> Result<Extracted, FormatError> {
        Err(FormatError::Disabled(self.0))
    }
}

impl Format {
    /// The reader of this format.
    pub fn reader(self) -> &'static dyn Reader {
        const OTHER: &str = "export the statement as PDF, DOCX or text";
        match self {
            Format::Text => &Refuse {
                what: "plain text",
                hint: "it is decoded as text",
            },
            Format::OtherZip => &Refuse {
                what: "a ZIP archive that is not a Word or OpenDocument text (a spreadsheet or a presentation?)",
                hint: OTHER,
            },
            Format::OtherOle => &Refuse {
                what: "an Office 97-2003 file that is not a Word document (Excel or PowerPoint?)",
                hint: OTHER,
            },
            Format::Rtf => &Refuse {
                what: "RTF",
                hint: "save it as DOCX or text (libreoffice --headless --convert-to docx)",
            },
            #[cfg(feature = "readers")]
            Format::Pdf => &pdf::PdfReader,
            #[cfg(feature = "readers")]
            Format::Docx => &word::DOCX_PACKAGE,
            #[cfg(feature = "readers")]
            Format::Odt => &word::ODT_PACKAGE,
            #[cfg(feature = "readers")]
            Format::Doc => &worddoc::WordDocReader,
            #[cfg(feature = "readers")]
            Format::Html => &html::HtmlReader,
            #[cfg(not(feature = "readers"))]
            Format::Pdf => &Disabled("pdf"),
            #[cfg(not(feature = "readers"))]
            Format::Docx => &Disabled("docx"),
            #[cfg(not(feature = "readers"))]
            Format::Odt => &Disabled("odt"),
            #[cfg(not(feature = "readers"))]
            Format::Doc => &Disabled("doc"),
            #[cfg(not(feature = "readers"))]
            Format::Html => &Disabled("html"),
        }
    }
}

/// The text of a document and where its parts came from.
#[derive(Debug, Clone, Default)]
pub struct Extracted {
    /// The text, paragraphs separated by blank lines.
    pub text: String,
    /// Where each stretch of text starts and the place (page, paragraph, block; from 1) it
    /// belongs to, in text order. A place may come back: a PDF's footnotes, put after the
    /// body, keep their page.
    pub places: Vec<(u32, u32)>,
    /// The file's own metadata: `title`, `author`, `date`, `language` (when the file says).
    pub meta: Vec<(String, String)>,
    /// What the reader left out or could not read, for the user (one line each).
    pub notes: Vec<String>,
}

impl Extracted {
    /// The place (from 1) holding byte offset `x` of the text.
    pub fn place_of(places: &[(u32, u32)], x: usize) -> u32 {
        match places.partition_point(|&(p, _)| p as usize <= x) {
            0 => 1,
            i => places[i - 1].1,
        }
    }

    /// How many places the text has.
    pub fn place_count(places: &[(u32, u32)]) -> u32 {
        places.iter().map(|p| p.1).max().unwrap_or(0)
    }

    /// Starts a new place at the end of the text.
    fn mark_place(&mut self) {
        let next = Self::place_count(&self.places) + 1;
        self.places.push((self.text.len() as u32, next));
    }

    /// Goes on with place `place` from the end of the text.
    fn resume_place(&mut self, place: u32) {
        self.places.push((self.text.len() as u32, place));
    }

    /// Adds a metadata field unless it is empty or already there.
    fn set_meta(&mut self, key: &str, value: &str) {
        let v = value.split_whitespace().collect::<Vec<_>>().join(" ");
        if !v.is_empty() && !self.meta.iter().any(|(k, _)| k == key) {
            self.meta.push((key.to_string(), v));
        }
    }
}

impl FormatError {
    fn corrupt(format: &'static str, detail: impl std::fmt::Display) -> Self {
        FormatError::Corrupt {
            format,
            detail: detail.to_string(),
        }
    }
}

thread_local! {
    static READING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether this thread is inside a document reader: a panic there is the reader's, caught and
/// reported as the file's problem, not a bug of verbale's (a panic hook can stay quiet).
pub fn in_reader() -> bool {
    READING.with(|r| r.get())
}

/// Reads a document of `format` (not [`Format::Text`]) from its bytes through its
/// [`Reader`]. `limit` bounds the
/// extracted text, and the decompressed parts of an archive, in bytes. A reader's panic is
/// caught and reported as [`FormatError::Failed`]: one file never stops a run.
pub fn extract(bytes: &[u8], format: Format, limit: u64) -> Result<Extracted, FormatError> {
    guarded(format, limit, || format.reader().read(bytes, limit))
}

/// Runs a reader: its panic caught and reported as [`FormatError::Failed`], its text bounded
/// by `limit`.
fn guarded(
    format: Format,
    limit: u64,
    run: impl FnOnce() -> Result<Extracted, FormatError>,
) -> Result<Extracted, FormatError> {
    let was = READING.with(|r| r.replace(true));
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(run));
    READING.with(|r| r.set(was));
    let out = caught.unwrap_or_else(|p| {
        let detail = p
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic".into());
        Err(FormatError::Failed {
            format: format.name(),
            detail,
        })
    })?;
    if out.text.len() as u64 > limit {
        return Err(FormatError::TooLarge {
            limit_mb: limit / 1_000_000,
        });
    }
    Ok(out)
}

/// Appends a paragraph (trimmed, inner whitespace kept) followed by a blank line.
fn push_paragraph(out: &mut String, para: &str) {
    let p = para.trim();
    if p.is_empty() {
        return;
    }
    out.push_str(p);
    out.push_str("\n\n");
}

/// A document's fields: what its file says of itself (`meta`), its UN header read from its
/// `text`, and `format` (not for plain text). The `date` (and so `year` and `month`) is the
/// document's own: a web page's publication date, else a UN document's distribution date; a
/// file's creation date in its properties is `file_created`, as a scan made in 2022 of a 1971
/// resolution, or a Hansard saved days after its sitting, is not dated by it.
pub fn fields(
    format: Format,
    mut meta: Vec<(String, String)>,
    text: &str,
) -> Vec<(String, String)> {
    for (k, v) in un_header(text) {
        if k == "un_date" && !meta.iter().any(|(m, _)| m == "date") {
            meta.push(("date".into(), v.clone()));
        }
        if !meta.iter().any(|(m, _)| m == k) {
            meta.push((k.to_string(), v));
        }
    }
    if format != Format::Text {
        meta.push(("format".into(), format.name().into()));
    }
    meta
}

/// The charset a web page names in its first 4 KB (`<meta charset>`, the HTTP-equiv line), if
/// it names one encoding_rs knows.
pub(crate) fn named_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let i = head.find("charset")?;
    let rest = head[i + 7..].trim_start_matches([' ', '=', '"', '\'']);
    let label: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    encoding_rs::Encoding::for_label(label.as_bytes())
}

/// Whether a file is named like a document the readers read (`.pdf`, `.docx`, `.doc`, `.odt`,
/// `.html`, `.htm`): the files whose metadata is looked for before the corpus is read.
pub fn is_document_name(path: &Path) -> bool {
    path.extension().is_some_and(|e| {
        let e = e.to_string_lossy().to_ascii_lowercase();
        crate::corpus::DEFAULT_EXTENSIONS[2..].contains(&e.as_str())
    })
}

/// A document's fields ([`fields`]) from the head of its file ([`Reader::head`]: a PDF's
/// first page and Info dictionary), for metadata gathered before the corpus is read. Empty for
/// plain text, a file over `limit` and a file its reader refuses (the reading says why).
pub fn metadata(path: &Path, limit: u64) -> Vec<(String, String)> {
    let Ok(meta) = std::fs::metadata(path) else {
        return Vec::new();
    };
    if meta.len() > limit {
        return Vec::new();
    }
    let Ok(bytes) = std::fs::read(path) else {
        return Vec::new();
    };
    let format = sniff(&bytes, path);
    if format == Format::Text {
        return Vec::new();
    }
    guarded(format, limit, || format.reader().head(&bytes, limit))
        .map(|e| fields(format, e.meta, &e.text))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_by_content() {
        let p = Path::new("x.doc");
        assert_eq!(sniff(b"%PDF-1.7\n...", p), Format::Pdf);
        assert_eq!(sniff(b"PK\x03\x04....word/document.xml", p), Format::Docx);
        let xlsx = b"PK\x03\x04....xl/workbook.xml....PK\x05\x06\0\0\0\0";
        assert_eq!(sniff(xlsx, p), Format::OtherZip);
        // Cut short before its names and its closing record, and named as a document:
        // damaged, not another kind. Named otherwise, it is some other archive.
        let cut = b"PK\x03\x04garbage";
        assert_eq!(sniff(cut, Path::new("x.docx")), Format::Docx);
        assert_eq!(sniff(cut, Path::new("x.odt")), Format::Odt);
        assert_eq!(sniff(cut, p), Format::OtherZip);
        assert_eq!(sniff(b"{\\rtf1\\ansi", p), Format::Rtf);
        assert_eq!(
            sniff(b"  <!DOCTYPE html><p>x", Path::new("a.txt")),
            Format::Html
        );
        assert_eq!(sniff(b"The <p> tag is", Path::new("a.txt")), Format::Text);
        assert_eq!(sniff(b"plain", Path::new("a.htm")), Format::Html);
    }

    #[test]
    fn place_of_offsets() {
        let places = [(0, 1), (10, 2), (25, 3), (40, 1)];
        assert_eq!(Extracted::place_of(&places, 0), 1);
        assert_eq!(Extracted::place_of(&places, 10), 2);
        assert_eq!(Extracted::place_of(&places, 24), 2);
        assert_eq!(Extracted::place_of(&places, 30), 3);
        assert_eq!(Extracted::place_of(&places, 99), 1);
        assert_eq!(Extracted::place_of(&[], 5), 1);
        assert_eq!(Extracted::place_count(&places), 3);
    }
}
