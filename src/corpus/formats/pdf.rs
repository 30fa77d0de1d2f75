//! PDF: the text layer through pdf-extract, page by page (a page the reader fails on is
//! reported and the others kept), page furniture dropped, ligatures folded, footnote marks
//! glued to a sentence's end taken off, metadata from the Info dictionary.

use super::{furniture, Extracted, FormatError, Reader};
use lopdf::{Document, Object};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// How much page content (drawing operators, inflated) a PDF may have for a text `limit`: a
/// quarter of it. The text layer of a real statement is a small part of its content (the
/// largest UN report of the formats corpus inflates to under 2 MB), and the reader's memory
/// grows many times faster than the content on a crafted page (300 MB of text operators took
/// 21 GB): the bound keeps a PDF bomb from being read at all.
fn content_limit(limit: u64) -> u64 {
    (limit / 4).max(1_000_000)
}

/// Inflates the content streams of `pages` through a bounded reader before anything else reads
/// them, and refuses the file when together they pass `cap` bytes. Only FlateDecode is
/// inflated here (what PDF writers use); a stream under another filter, or one that does not
/// inflate, counts its stored length.
fn check_content_size(
    doc: &Document,
    pages: impl Iterator<Item = lopdf::ObjectId>,
    cap: u64,
) -> Result<(), FormatError> {
    use std::io::Read;
    let mut total = 0u64;
    for page in pages {
        for id in doc.get_page_contents(page) {
            let Ok(stream) = doc.get_object(id).and_then(Object::as_stream) else {
                continue;
            };
            let flate = stream
                .filters()
                .is_ok_and(|f| f.iter().any(|x| *x == b"FlateDecode"));
            total += if flate {
                let mut sink = std::io::sink();
                let reader = flate2::read::ZlibDecoder::new(&stream.content[..]);
                std::io::copy(&mut reader.take(cap + 1 - total.min(cap)), &mut sink)
                    .unwrap_or(stream.content.len() as u64)
            } else {
                stream.content.len() as u64
            };
            if total > cap {
                return Err(FormatError::ContentTooLarge {
                    limit_mb: cap / 1_000_000,
                });
            }
        }
    }
    Ok(())
}

/// Fewer letters than this per page, on average, is a scan without a text layer.
const MIN_LETTERS_PER_PAGE: usize = 40;

/// The PDF reader.
pub(super) struct PdfReader;

impl Reader for PdfReader {
    fn read(&self, bytes: &[u8], limit: u64) -> Result<Extracted, FormatError> {
        read(bytes, limit)
    }

    /// The Info dictionary and the first page's text (where a UN header stands).
    fn head(&self, bytes: &[u8], limit: u64) -> Result<Extracted, FormatError> {
        let doc = open(bytes)?;
        let pages = doc.get_pages();
        let (&first, &id) = pages
            .iter()
            .next()
            .ok_or_else(|| FormatError::corrupt("PDF", "no pages"))?;
        check_content_size(&doc, std::iter::once(id), content_limit(limit))?;
        let mut out = Extracted {
            text: page_text(&doc, first).unwrap_or_default(),
            ..Extracted::default()
        };
        info(&doc, &mut out);
        Ok(out)
    }
}

/// Loads a PDF, opening it with the empty user password if it is encrypted: an owner password
/// alone (printing or copying restricted) opens that way; a user password does not.
fn open(bytes: &[u8]) -> Result<Document, FormatError> {
    let mut doc = Document::load_mem(bytes).map_err(|e| match e {
        lopdf::Error::Decryption(_) => FormatError::Encrypted,
        e => FormatError::corrupt("PDF", e),
    })?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(FormatError::Encrypted);
    }
    Ok(doc)
}

/// The text of page `n` as pdf-extract lays it out (footnotes under a drawn rule put last);
/// `None` when it fails (or panics) on it.
fn page_text(doc: &Document, n: u32) -> Option<String> {
    catch_unwind(AssertUnwindSafe(|| super::pdflayout::page_text(doc, n))).unwrap_or(None)
}

/// Reads a PDF's text layer.
fn read(bytes: &[u8], limit: u64) -> Result<Extracted, FormatError> {
    let doc = open(bytes)?;
    let index = doc.get_pages();
    if index.is_empty() {
        return Err(FormatError::corrupt("PDF", "no pages"));
    }
    check_content_size(&doc, index.values().copied(), content_limit(limit))?;
    let numbers: Vec<u32> = index.keys().copied().collect();
    let mut pages = Vec::with_capacity(numbers.len());
    let mut failed = Vec::new();
    let mut total = 0u64;
    for &n in &numbers {
        let s = page_text(&doc, n).unwrap_or_else(|| {
            failed.push(n);
            String::new()
        });
        total += s.len() as u64;
        if total > limit {
            return Err(FormatError::TooLarge {
                limit_mb: limit / 1_000_000,
            });
        }
        pages.push(s);
    }
    if failed.len() == numbers.len() {
        return Err(FormatError::Failed {
            format: "PDF",
            detail: "no page could be read".into(),
        });
    }
    let letters: usize = pages
        .iter()
        .map(|p| p.chars().filter(|c| c.is_alphabetic()).count())
        .sum();
    if letters < MIN_LETTERS_PER_PAGE * numbers.len().min(3) {
        return Err(FormatError::NoTextLayer {
            pages: numbers.len(),
        });
    }
    let dropped = furniture::strip_pages(&mut pages);
    let mut out = Extracted::default();
    let mut notes = Vec::new();
    let mut typical = 0;
    for (k, page) in pages.iter().enumerate() {
        let (body, foot) = split_footnotes(page);
        let next = body.lines().find(|l| !l.trim().is_empty());
        end_page(&mut out.text, next, typical);
        typical = typical_line(body);
        out.mark_place();
        push_page(&mut out.text, body);
        if let Some(f) = foot {
            notes.push((k as u32 + 1, f));
        }
    }
    end_page(&mut out.text, None, 0);
    // Footnotes under the rule of their page go after the body, so that a sentence running
    // over the page break is not cut by them; each keeps its page.
    if !notes.is_empty() {
        out.text.push_str("Footnotes\n\n");
        for (page, foot) in &notes {
            out.resume_place(*page);
            push_page(&mut out.text, foot);
            end_page(&mut out.text, None, 0);
            if !out.text.ends_with("\n\n") {
                out.text.push('\n');
            }
        }
        out.notes.push(format!(
            "footnotes of {} put after the text",
            count_pages(notes.len())
        ));
    }
    if dropped > 0 {
        out.notes.push(format!(
            "{dropped} line{} of page furniture dropped",
            if dropped == 1 { "" } else { "s" }
        ));
    }
    if !failed.is_empty() {
        out.notes.push(format!(
            "pages the reader could not read, left empty: {}",
            failed
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    info(&doc, &mut out);
    Ok(out)
}

/// A page's body and, below a footnote rule (a line of five or more underscores, as UN
/// documents draw it), its footnotes.
fn split_footnotes(page: &str) -> (&str, Option<&str>) {
    let mut at = 0;
    for line in page.split_inclusive('\n') {
        if furniture::is_note_rule(line) {
            let rest = &page[at + line.len()..];
            return (&page[..at], (!rest.trim().is_empty()).then_some(rest));
        }
        at += line.len();
    }
    (page, None)
}

/// "1 page", "3 pages".
fn count_pages(n: usize) -> String {
    if n == 1 {
        "1 page".into()
    } else {
        format!("{n} pages")
    }
}

/// Appends a page's lines: ligatures folded, blank lines kept as paragraph breaks only where
/// the page has two or more in a row or a line starts indented after a line that ended a
/// sentence (pdf-extract writes a blank line between most lines of a paragraph), footnote
/// marks glued to a sentence's end ("Convention.12") taken off.
fn push_page(text: &mut String, page: &str) {
    let mut lines: Vec<std::borrow::Cow<str>> = page.lines().map(fold_ligatures).collect();
    while lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    // Blank lines before a page's first line are the layout's move to the top of the page,
    // not a paragraph break: whether one stands there is `end_page`'s call.
    let top = lines.iter().take_while(|l| l.trim().is_empty()).count();
    lines.drain(..top);
    let mut blank = 0;
    let mut prev_end = ends_sentence(text.trim_end()) || text.ends_with("\n\n");
    for line in &lines {
        let t = line.trim_end();
        if t.trim().is_empty() {
            blank += 1;
            continue;
        }
        let indented = line.starts_with("  ");
        if !text.is_empty() && !text.ends_with("\n\n") {
            let new_para = blank >= 2 || (indented && prev_end);
            if !text.ends_with('\n') {
                text.push('\n');
            }
            if new_para {
                text.push('\n');
            }
        }
        blank = 0;
        let clean = strip_note_marks(t.trim_start());
        prev_end = ends_sentence(&clean);
        text.push_str(&clean);
    }
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
}

/// Closes the page written so far: a paragraph break after it, unless its last line runs on,
/// so that a sentence, and a quotation, that crosses a page break stays one (the page's place
/// still starts at the next line). A last line runs on when it does not end a sentence, has
/// four words or more, and either the next page's first line (`next`) goes on in lower case,
/// a digit or punctuation, or the line is about as long as the page's lines (at least 4/5 of
/// `typical`, their median length in characters; a short line ended its paragraph).
fn end_page(text: &mut String, next: Option<&str>, typical: usize) {
    if text.is_empty() || text.ends_with("\n\n") {
        return;
    }
    let last = text.trim_end().rsplit('\n').next().unwrap_or("");
    let goes_on = next.is_some_and(|n| {
        n.trim_start()
            .starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit() || "([,;–-".contains(c))
    });
    let full = last.chars().count() * 5 >= typical * 4;
    let runs_on = !ends_sentence(last) && last.split_whitespace().count() >= 4 && (goes_on || full);
    if !runs_on {
        text.push('\n');
    }
}

/// The median length (characters) of a page's non-empty lines; 0 for none.
fn typical_line(page: &str) -> usize {
    let mut n: Vec<usize> = page
        .lines()
        .map(|l| l.trim().chars().count())
        .filter(|&n| n > 0)
        .collect();
    n.sort_unstable();
    n.get(n.len() / 2).copied().unwrap_or(0)
}

/// Whether a line ends a sentence (or a heading's colon, or a closing quotation mark).
fn ends_sentence(line: &str) -> bool {
    line.ends_with(['.', ':', ';', '!', '?', '”', '"', '’'])
}

/// Typographic ligatures as their letters (ﬁ → fi): pdf-extract leaves them in.
fn fold_ligatures(line: &str) -> std::borrow::Cow<'_, str> {
    if !line.contains([
        '\u{FB00}', '\u{FB01}', '\u{FB02}', '\u{FB03}', '\u{FB04}', '\u{FB05}', '\u{FB06}',
    ]) {
        return std::borrow::Cow::Borrowed(line);
    }
    let mut s = String::with_capacity(line.len() + 4);
    for c in line.chars() {
        match c {
            '\u{FB00}' => s.push_str("ff"),
            '\u{FB01}' => s.push_str("fi"),
            '\u{FB02}' => s.push_str("fl"),
            '\u{FB03}' => s.push_str("ffi"),
            '\u{FB04}' => s.push_str("ffl"),
            '\u{FB05}' | '\u{FB06}' => s.push_str("st"),
            c => s.push(c),
        }
    }
    std::borrow::Cow::Owned(s)
}

/// A footnote mark that the text layer glued to a sentence's last word or full stop:
/// "Convention.12" → "Convention.", "in 2021.8" → "in 2021." only when the mark follows a
/// full stop and ends the line or is followed by a space (a decimal "2.5" is left alone: the
/// mark must be 1-3 digits after a full stop after a letter or a closing bracket/quote). A
/// number after an abbreviation that numbers (`Add.1`, `Rev.2`, `No.5`) or in a document
/// symbol (`A/HRC/43/15/Add.1`) is no mark.
fn strip_note_marks(line: &str) -> String {
    let b = line.as_bytes();
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    let mut last = 0;
    while i < b.len() {
        if b[i] == b'.'
            && i > 0
            && (b[i - 1].is_ascii_alphabetic() || matches!(b[i - 1], b')' | b'"'))
            && !numbers_what_follows(&line[..i])
        {
            let d = b[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
            let after = i + 1 + d;
            if (1..=3).contains(&d) && (after == b.len() || b[after] == b' ') {
                out.push_str(&line[last..=i]);
                last = after;
                i = after;
                continue;
            }
        }
        i += 1;
    }
    out.push_str(&line[last..]);
    out
}

/// Whether the word that ends `before` numbers what follows its full stop: a part of a
/// document symbol (`A/HRC/43/15/Add`) or an abbreviation such as `Add`, `Rev` or `No`.
fn numbers_what_follows(before: &str) -> bool {
    const NUMBERING: &[&str] = &[
        "add", "corr", "rev", "amend", "suppl", "sup", "no", "nos", "art", "arts", "para", "paras",
        "vol", "fig", "ch", "chap", "sect", "annex", "p", "pp",
    ];
    let word = before.rsplit(' ').next().unwrap_or("");
    word.contains('/') || NUMBERING.contains(&word.to_ascii_lowercase().as_str())
}

/// Title, author and date from the Info dictionary.
fn info(doc: &Document, out: &mut Extracted) {
    let Some(dict) = doc.trailer.get(b"Info").ok().and_then(|o| match o {
        Object::Reference(id) => doc.get_dictionary(*id).ok(),
        Object::Dictionary(d) => Some(d),
        _ => None,
    }) else {
        return;
    };
    let text = |key: &[u8]| -> Option<String> {
        match dict.get(key).ok()? {
            Object::String(bytes, _) => Some(pdf_string(bytes)),
            _ => None,
        }
    };
    if let Some(t) = text(b"Title") {
        out.set_meta("title", &t);
    }
    if let Some(a) = text(b"Author") {
        out.set_meta("author", &a);
    }
    if let Some(d) = text(b"CreationDate").and_then(|d| pdf_date(&d)) {
        out.set_meta("file_created", &d);
    }
}

/// A PDF text string: UTF-16BE with a byte-order mark, or PDFDocEncoding (Latin-1 for the
/// characters that matter here).
fn pdf_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        return String::from_utf16_lossy(&units);
    }
    bytes.iter().map(|&b| b as char).collect()
}

/// `D:20200824101500+02'00'` as 2020-08-24.
fn pdf_date(d: &str) -> Option<String> {
    let digits = d.trim_start_matches("D:");
    let ok = digits.len() >= 8 && digits[..8].bytes().all(|b| b.is_ascii_digit());
    ok.then(|| format!("{}-{}-{}", &digits[..4], &digits[4..6], &digits[6..8]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn note_marks_and_ligatures() {
        assert_eq!(strip_note_marks("the Convention.12"), "the Convention.");
        assert_eq!(strip_note_marks("in 2021.8 The"), "in 2021.8 The");
        assert_eq!(
            strip_note_marks("rose by 2.5 per cent"),
            "rose by 2.5 per cent"
        );
        assert_eq!(strip_note_marks("(GANHRI).9 The"), "(GANHRI). The");
        // Numbers after a symbol's part or a numbering abbreviation are no marks.
        assert_eq!(
            strip_note_marks("United Nations  A/HRC/43/15/Add.1"),
            "United Nations  A/HRC/43/15/Add.1"
        );
        assert_eq!(strip_note_marks("see Rev.2 and No.5"), "see Rev.2 and No.5");
        assert_eq!(fold_ligatures("ﬁnancial ﬂows"), "financial flows");
        assert_eq!(
            pdf_date("D:20200824101500+02'00'").as_deref(),
            Some("2020-08-24")
        );
    }

    #[test]
    fn paragraphs_from_lines() {
        let mut t = String::new();
        push_page(
            &mut t,
            "First line of a\n\nparagraph ends.\n\n  Next paragraph\nstarts.\n",
        );
        end_page(&mut t, None, 0);
        assert_eq!(
            t,
            "First line of a\nparagraph ends.\n\nNext paragraph\nstarts.\n\n"
        );
    }

    #[test]
    fn a_sentence_and_its_quotation_run_on_across_a_page_break() {
        let mut t = String::new();
        push_page(&mut t, "  The Ministry rejects the so-called “elections\n");
        end_page(&mut t, Some("held in the occupied"), 40);
        push_page(&mut t, "held in the occupied territories” as void.\n");
        end_page(&mut t, Some("  Next page starts"), 40);
        push_page(&mut t, "  Next page starts a paragraph.\n");
        end_page(&mut t, None, 0);
        assert_eq!(
            t,
            "The Ministry rejects the so-called “elections\nheld in the occupied territories” as void.\n\nNext page starts a paragraph.\n\n"
        );
        // A short last line (a heading, a salutation) ends its paragraph before a capital.
        let mut t = String::new();
        push_page(&mut t, "Honourable Members of Parliament,\n");
        end_page(&mut t, Some("With regard to the plan"), 60);
        push_page(&mut t, "With regard to the plan.\n");
        assert_eq!(
            t,
            "Honourable Members of Parliament,\n\nWith regard to the plan.\n"
        );
    }

    #[test]
    fn footnotes_below_the_rule_are_split_off() {
        let page = "Recalling its resolutions,1\n\n__________________\n\n  1  Resolution 70/1.\n";
        let (body, foot) = split_footnotes(page);
        assert_eq!(body, "Recalling its resolutions,1\n\n");
        assert_eq!(foot, Some("\n  1  Resolution 70/1.\n"));
        assert_eq!(split_footnotes("No rule here\n").1, None);
    }
}
