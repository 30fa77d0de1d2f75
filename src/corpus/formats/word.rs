//! Word 2007+ (DOCX, whatever the file is named) and OpenDocument text: the body's
//! paragraphs, tables as one line per row, tracked deletions and field codes left out,
//! footnotes and endnotes put apart after the body under a "Footnotes" line, and the core
//! properties (title, author, date, language) as metadata. Every part is read through a
//! bounded reader, so a ZIP bomb stops at the size limit.

use super::{push_paragraph, Extracted, FormatError, Reader};
use quick_xml::events::Event;
use std::io::{Cursor, Read};

/// How one XML vocabulary marks text: element local names.
struct Grammar {
    /// Ends a paragraph (one place).
    para: &'static [&'static str],
    /// Ends a table row (one place, cells separated by tabs).
    row: &'static [&'static str],
    /// Ends a table cell.
    cell: &'static [&'static str],
    /// Text is kept only inside these (empty: all text outside skipped subtrees).
    text_in: &'static [&'static str],
    /// Subtrees left out: deletions, field codes, fallbacks that repeat a drawing's text.
    skip: &'static [&'static str],
    /// Subtrees that are notes: their paragraphs go to the footnotes.
    note: &'static [&'static str],
    /// Empty elements that stand for a character.
    tab: &'static [&'static str],
    /// Line breaks.
    line: &'static [&'static str],
    /// A non-breaking hyphen.
    hyphen: &'static [&'static str],
    /// Runs of spaces (ODT's `text:s`).
    spaces: &'static [&'static str],
}

const DOCX: Grammar = Grammar {
    para: &["p"],
    row: &["tr"],
    cell: &["tc"],
    text_in: &["t"],
    skip: &["del", "moveFrom", "instrText", "delText", "Fallback"],
    note: &[],
    tab: &["tab"],
    line: &["br", "cr"],
    hyphen: &["noBreakHyphen"],
    spaces: &[],
};

const ODT: Grammar = Grammar {
    para: &["p", "h"],
    row: &["table-row"],
    cell: &["table-cell"],
    text_in: &[],
    skip: &[
        "tracked-changes",
        "note-citation",
        "annotation",
        "bookmark-ref",
    ],
    note: &["note-body"],
    tab: &["tab"],
    line: &["line-break"],
    hyphen: &[],
    spaces: &["s"],
};

/// Where a package keeps its parts; a package is the reader of its format.
pub(super) struct Package {
    /// The format's name in messages.
    name: &'static str,
    /// The body part.
    body: &'static str,
    /// Parts whose paragraphs are notes (DOCX keeps footnotes and endnotes apart; ODT inline).
    notes: &'static [&'static str],
    /// The properties part, and which of its elements give which field.
    meta: (&'static str, &'static [(&'static str, &'static str)]),
    /// How its XML marks text.
    grammar: &'static Grammar,
}

/// DOCX.
pub(super) const DOCX_PACKAGE: Package = Package {
    name: "DOCX",
    body: "word/document.xml",
    notes: &["word/footnotes.xml", "word/endnotes.xml"],
    meta: (
        "docProps/core.xml",
        &[
            ("title", "title"),
            ("creator", "author"),
            ("created", "file_created"),
            ("language", "language"),
        ],
    ),
    grammar: &DOCX,
};

/// OpenDocument text.
pub(super) const ODT_PACKAGE: Package = Package {
    name: "ODT",
    body: "content.xml",
    notes: &[],
    meta: (
        "meta.xml",
        &[
            ("title", "title"),
            ("initial-creator", "author"),
            ("creator", "author"),
            ("creation-date", "file_created"),
            ("date", "file_modified"),
            ("language", "language"),
        ],
    ),
    grammar: &ODT,
};

impl Reader for Package {
    fn read(&self, bytes: &[u8], limit: u64) -> Result<Extracted, FormatError> {
        read_package(bytes, limit, self)
    }
}

/// The body's paragraphs, then the notes under "Footnotes", and the properties.
fn read_package(bytes: &[u8], limit: u64, pkg: &Package) -> Result<Extracted, FormatError> {
    let mut zip = open(bytes)?;
    let body = part(&mut zip, pkg.body, limit)?
        .ok_or_else(|| FormatError::corrupt(pkg.name, format!("no {}", pkg.body)))?;
    let mut out = Extracted::default();
    let mut notes = Vec::new();
    walk(&body, pkg.grammar, &mut out, &mut notes, pkg.name)?;
    for name in pkg.notes {
        if let Some(xml) = part(&mut zip, name, limit)? {
            let mut scratch = Extracted::default();
            walk(&xml, pkg.grammar, &mut scratch, &mut notes, pkg.name)?;
            notes.extend(
                scratch
                    .text
                    .split("\n\n")
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .map(String::from),
            );
        }
    }
    append_notes(&mut out, &notes);
    if let Some(xml) = part(&mut zip, pkg.meta.0, limit)? {
        properties(&xml, &mut out, pkg.meta.1);
    }
    Ok(out)
}

type Zip<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

fn open(bytes: &[u8]) -> Result<Zip<'_>, FormatError> {
    zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| match e {
        zip::result::ZipError::UnsupportedArchive(m) if m.contains("ncrypt") => {
            FormatError::Encrypted
        }
        e => FormatError::corrupt("ZIP", e),
    })
}

/// One part of the archive as text, read no further than `limit` bytes whatever the archive
/// claims (a ZIP bomb is refused at the limit, not decompressed).
fn part(zip: &mut Zip, name: &str, limit: u64) -> Result<Option<String>, FormatError> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(zip::result::ZipError::UnsupportedArchive(m)) if m.contains("ncrypt") => {
            return Err(FormatError::Encrypted)
        }
        Err(e) => return Err(FormatError::corrupt("ZIP", e)),
    };
    let mut buf = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut buf)
        .map_err(|e| FormatError::corrupt("ZIP", format!("{name}: {e}")))?;
    if buf.len() as u64 > limit {
        return Err(FormatError::TooLarge {
            limit_mb: limit / 1_000_000,
        });
    }
    String::from_utf8(buf)
        .map(Some)
        .map_err(|_| FormatError::corrupt("ZIP", format!("{name} is not UTF-8")))
}

/// The paragraphs of one XML part into `out` (one place each), the notes' paragraphs into
/// `notes`.
fn walk(
    xml: &str,
    g: &Grammar,
    out: &mut Extracted,
    notes: &mut Vec<String>,
    format: &'static str,
) -> Result<(), FormatError> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut para = String::new();
    let mut note = String::new();
    let (mut skip, mut in_text, mut in_note, mut in_cell) = (0usize, 0usize, 0usize, 0usize);
    let has = |list: &[&str], name: &[u8]| list.iter().any(|n| n.as_bytes() == name);
    loop {
        let event = reader.read_event().map_err(|e| {
            FormatError::corrupt(
                format,
                format!("XML at byte {}: {e}", reader.buffer_position()),
            )
        })?;
        let target = if in_note > 0 { &mut note } else { &mut para };
        match event {
            Event::Eof => break,
            Event::Start(e) => {
                let name = e.local_name();
                let n = name.as_ref();
                if skip > 0 || has(g.skip, n) {
                    skip += 1;
                } else if has(g.note, n) {
                    in_note += 1;
                } else if has(g.text_in, n) {
                    in_text += 1;
                } else if has(g.cell, n) {
                    in_cell += 1;
                }
            }
            Event::End(e) => {
                let name = e.local_name();
                let n = name.as_ref();
                if skip > 0 {
                    skip -= 1;
                } else if has(g.note, n) {
                    in_note = in_note.saturating_sub(1);
                    notes.push(std::mem::take(&mut note).trim().to_string());
                } else if has(g.text_in, n) {
                    in_text = in_text.saturating_sub(1);
                } else if has(g.cell, n) {
                    in_cell = in_cell.saturating_sub(1);
                    target.push('\t');
                } else if has(g.row, n) {
                    out.mark_place();
                    push_paragraph(&mut out.text, target.trim_end_matches('\t'));
                    target.clear();
                } else if has(g.para, n) {
                    if in_cell > 0 || in_note > 0 {
                        target.push(' ');
                    } else {
                        out.mark_place();
                        push_paragraph(&mut out.text, target);
                        target.clear();
                    }
                }
            }
            Event::Empty(e) if skip == 0 => target.push_str(empty_element(g, &e)),
            Event::Text(t) if skip == 0 && (g.text_in.is_empty() || in_text > 0) => {
                let s = t.decode().map_err(|e| FormatError::corrupt(format, e))?;
                push_text(g, target, &s);
            }
            Event::GeneralRef(r) if skip == 0 && (g.text_in.is_empty() || in_text > 0) => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    target.push(c);
                } else if let Some(s) = r
                    .decode()
                    .ok()
                    .and_then(|n| quick_xml::escape::resolve_predefined_entity(&n))
                {
                    target.push_str(s);
                }
            }
            _ => {}
        }
    }
    if !para.trim().is_empty() {
        out.mark_place();
        push_paragraph(&mut out.text, &para);
    }
    Ok(())
}

/// The text an empty element stands for: a tab, a line break, a non-breaking hyphen, a run of
/// spaces (ODT's `text:s`, at most 64).
fn empty_element(g: &Grammar, e: &quick_xml::events::BytesStart) -> &'static str {
    const SPACES: &str = "                                                                ";
    let name = e.local_name();
    let n = name.as_ref();
    let has = |list: &[&str]| list.iter().any(|x| x.as_bytes() == n);
    if has(g.tab) {
        "\t"
    } else if has(g.line) {
        "\n"
    } else if has(g.hyphen) {
        "-"
    } else if has(g.spaces) {
        let c = e
            .try_get_attribute("text:c")
            .ok()
            .flatten()
            .and_then(|a| std::str::from_utf8(&a.value).ok()?.parse::<usize>().ok())
            .unwrap_or(1);
        &SPACES[..c.clamp(1, SPACES.len())]
    } else {
        ""
    }
}

/// Adds a text node: as it is where text lives in its own elements (DOCX's `w:t`); where text
/// runs between elements (ODT), its whitespace is layout and collapses to one space.
fn push_text(g: &Grammar, target: &mut String, s: &str) {
    if !g.text_in.is_empty() {
        target.push_str(s);
        return;
    }
    let collapsed = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.is_empty() {
        return;
    }
    if s.starts_with(char::is_whitespace) {
        target.push(' ');
    }
    target.push_str(&collapsed);
    if s.ends_with(char::is_whitespace) {
        target.push(' ');
    }
}

/// Notes after the body, under a line "Footnotes", one paragraph each.
fn append_notes(out: &mut Extracted, notes: &[String]) {
    let notes: Vec<&String> = notes.iter().filter(|n| !n.is_empty()).collect();
    if notes.is_empty() {
        return;
    }
    out.mark_place();
    out.text.push_str("Footnotes\n\n");
    for n in notes {
        out.mark_place();
        push_paragraph(&mut out.text, n);
    }
}

/// Core properties (`keys`: local element name → field) from a properties part.
fn properties(xml: &str, out: &mut Extracted, keys: &[(&str, &str)]) {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut current: Option<&str> = None;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                let name = e.local_name();
                current = keys
                    .iter()
                    .find(|(k, _)| k.as_bytes() == name.as_ref())
                    .map(|(_, f)| *f);
            }
            Ok(Event::Text(t)) => {
                if let (Some(field), Ok(s)) = (current, t.decode()) {
                    let v = if field.starts_with("file_") {
                        s.get(..10).unwrap_or(&s).to_string()
                    } else {
                        s.to_string()
                    };
                    out.set_meta(field, &v);
                }
            }
            Ok(Event::End(_)) => current = None,
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docx_body() {
        let xml = r#"<w:document xmlns:w="w"><w:body>
<w:p><w:r><w:t>The so-called </w:t></w:r><w:r><w:t>&#8220;elections&#8221;</w:t></w:r><w:del><w:r><w:delText>removed</w:delText></w:r></w:del></w:p>
<w:p><w:r><w:fldChar/><w:instrText> MERGEFIELD x </w:instrText><w:t>Kept</w:t><w:tab/><w:t>A&amp;B</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>one</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>two</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
</w:body></w:document>"#;
        let mut out = Extracted::default();
        let mut notes = Vec::new();
        walk(xml, &DOCX, &mut out, &mut notes, "DOCX").unwrap();
        assert_eq!(
            out.text,
            "The so-called “elections”\n\nKept\tA&B\n\none \ttwo\n\n"
        );
        assert_eq!(Extracted::place_count(&out.places), 3);
    }
}
