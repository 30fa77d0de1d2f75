//! Word 97-2003 binary documents (`.doc`), read in pure Rust: the compound file through `cfb`,
//! then the text through the document's piece table ([MS-DOC] 2.4.1): main text, then
//! footnotes and endnotes put apart under a "Footnotes" line; field codes left out and their
//! results kept; table cells as tabs and rows as lines; title, author and date from the
//! SummaryInformation property set. Tracked deletions are not told apart (the piece table
//! keeps deleted text until the document is saved without revisions).

use super::{push_paragraph, Extracted, FormatError, Reader};
use std::io::{Cursor, Read};

type Ole<'a> = cfb::CompoundFile<Cursor<&'a [u8]>>;

/// The Word 97-2003 reader.
pub(super) struct WordDocReader;

impl Reader for WordDocReader {
    fn read(&self, bytes: &[u8], limit: u64) -> Result<Extracted, FormatError> {
        read(bytes, limit)
    }
}

/// Reads a `.doc` file.
fn read(bytes: &[u8], limit: u64) -> Result<Extracted, FormatError> {
    let mut ole =
        cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|e| FormatError::corrupt("DOC", e))?;
    let wd = stream(&mut ole, "/WordDocument", limit)?
        .ok_or_else(|| FormatError::corrupt("DOC", "no WordDocument stream"))?;
    let u16_at = |o: usize| wd.get(o..o + 2).map(|b| u16::from_le_bytes([b[0], b[1]]));
    let u32_at = |o: usize| {
        wd.get(o..o + 4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    };
    if u16_at(0) != Some(0xA5EC) {
        return Err(FormatError::corrupt("DOC", "not a Word 97-2003 FIB"));
    }
    let nfib = u16_at(2).unwrap_or(0);
    if nfib < 0x00C0 {
        return Err(FormatError::Unsupported {
            what: "a Word 6/95 document",
            hint: "save it as DOCX (libreoffice --headless --convert-to docx)",
        });
    }
    let flags = u16_at(0x0A).unwrap_or(0);
    if flags & 0x0100 != 0 {
        return Err(FormatError::Encrypted);
    }
    let table_name = if flags & 0x0200 != 0 {
        "/1Table"
    } else {
        "/0Table"
    };
    let table = stream(&mut ole, table_name, limit)?
        .ok_or_else(|| FormatError::corrupt("DOC", format!("no {table_name} stream")))?;
    let count = |o: usize| u32_at(o).unwrap_or(0) as usize;
    // FibRgLw97: ccpText, ccpFtn, ccpHdd, ccpMcr, ccpAtn, ccpEdn.
    let (text, ftn, hdd, mcr, atn, edn) = (
        count(0x4C),
        count(0x50),
        count(0x54),
        count(0x58),
        count(0x5C),
        count(0x60),
    );
    let (fc_clx, lcb_clx) = (count(0x1A2), count(0x1A6));
    let clx = table
        .get(fc_clx..fc_clx.saturating_add(lcb_clx))
        .ok_or_else(|| FormatError::corrupt("DOC", "piece table outside the table stream"))?;
    let units = pieces(&wd, clx, limit)?;
    let range =
        |from: usize, len: usize| &units[from.min(units.len())..(from + len).min(units.len())];
    let mut out = Extracted::default();
    emit(range(0, text), &mut out);
    let notes_at = text + ftn + hdd + mcr + atn;
    let mut notes = Extracted::default();
    emit(range(text, ftn), &mut notes);
    emit(range(notes_at, edn), &mut notes);
    if !notes.text.trim().is_empty() {
        out.mark_place();
        out.text.push_str("Footnotes\n\n");
        for p in notes.text.split("\n\n").filter(|p| !p.trim().is_empty()) {
            out.mark_place();
            push_paragraph(&mut out.text, p);
        }
    }
    if let Ok(Some(si)) = stream(&mut ole, "/\u{5}SummaryInformation", limit) {
        summary(&si, &mut out);
    }
    Ok(out)
}

/// A stream's bytes, bounded by `limit`; `None` when the file has no such stream.
fn stream(ole: &mut Ole, path: &str, limit: u64) -> Result<Option<Vec<u8>>, FormatError> {
    if !ole.is_stream(path) {
        return Ok(None);
    }
    let s = ole
        .open_stream(path)
        .map_err(|e| FormatError::corrupt("DOC", e))?;
    let mut buf = Vec::new();
    s.take(limit + 1)
        .read_to_end(&mut buf)
        .map_err(|e| FormatError::corrupt("DOC", e))?;
    if buf.len() as u64 > limit {
        return Err(FormatError::TooLarge {
            limit_mb: limit / 1_000_000,
        });
    }
    Ok(Some(buf))
}

/// The document's characters in character-position order, from the piece table in the Clx:
/// each piece is either 8-bit (Windows-1252, "compressed") or UTF-16LE in WordDocument.
fn pieces(wd: &[u8], clx: &[u8], limit: u64) -> Result<Vec<u16>, FormatError> {
    let bad = |m: &str| FormatError::corrupt("DOC", m);
    let mut at = 0;
    while clx.get(at) == Some(&0x01) {
        let n = clx
            .get(at + 1..at + 3)
            .map(|b| i16::from_le_bytes([b[0], b[1]]).max(0) as usize)
            .ok_or_else(|| bad("truncated piece table"))?;
        at += 3 + n;
    }
    if clx.get(at) != Some(&0x02) {
        return Err(bad("no piece table"));
    }
    let lcb = clx
        .get(at + 1..at + 5)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
        .ok_or_else(|| bad("truncated piece table"))?;
    let plc = clx
        .get(at + 5..at + 5 + lcb)
        .ok_or_else(|| bad("truncated piece table"))?;
    if lcb < 16 || (lcb - 4) % 12 != 0 {
        return Err(bad("piece table of an odd size"));
    }
    let n = (lcb - 4) / 12;
    let u32_in = |b: &[u8], o: usize| u32::from_le_bytes([b[o], b[o + 1], b[o + 2], b[o + 3]]);
    let mut units: Vec<u16> = Vec::new();
    for i in 0..n {
        let (cp0, cp1) = (
            u32_in(plc, 4 * i) as usize,
            u32_in(plc, 4 * (i + 1)) as usize,
        );
        let len = cp1.saturating_sub(cp0);
        if (units.len() + len) as u64 * 2 > limit {
            return Err(FormatError::TooLarge {
                limit_mb: limit / 1_000_000,
            });
        }
        let fc = u32_in(plc, 4 * (n + 1) + 8 * i + 2);
        let offset = (fc & 0x3FFF_FFFF) as usize;
        if fc & 0x4000_0000 != 0 {
            let start = offset / 2;
            let bytes = wd
                .get(start..start + len)
                .ok_or_else(|| bad("a piece outside the document"))?;
            let (s, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            units.extend(s.encode_utf16());
        } else {
            let bytes = wd
                .get(offset..offset + 2 * len)
                .ok_or_else(|| bad("a piece outside the document"))?;
            units.extend(
                bytes
                    .chunks_exact(2)
                    .map(|c| u16::from_le_bytes([c[0], c[1]])),
            );
        }
    }
    Ok(units)
}

/// The paragraphs of a run of characters, Word's marks turned into text: paragraph, page and
/// section ends (13, 12) end a paragraph, a cell end (7) is a tab and two in a row end a table
/// row, a line break (11) is a new line, field codes (between 19 and 20) are dropped and their
/// results (between 20 and 21) kept, a non-breaking hyphen (30) is a hyphen, an optional
/// hyphen (31) and object anchors (1, 2, 5, 8) are dropped.
fn emit(units: &[u16], out: &mut Extracted) {
    let text = String::from_utf16_lossy(units);
    let mut para = String::new();
    let mut fields: Vec<bool> = Vec::new(); // per open field: still in its code
    let mut last = '\0';
    let flush = |para: &mut String, out: &mut Extracted| {
        if !para.trim().is_empty() {
            out.mark_place();
            push_paragraph(&mut out.text, para.trim_end_matches('\t'));
        }
        para.clear();
    };
    for c in text.chars() {
        match c {
            '\u{13}' => fields.push(true),
            '\u{14}' => {
                if let Some(f) = fields.last_mut() {
                    *f = false;
                }
            }
            '\u{15}' => {
                fields.pop();
            }
            _ if fields.iter().any(|&code| code) => {}
            '\r' | '\u{0C}' | '\u{0E}' => flush(&mut para, out),
            '\u{07}' => {
                if last == '\u{07}' {
                    flush(&mut para, out);
                } else {
                    para.push('\t');
                }
            }
            '\u{0B}' => para.push('\n'),
            '\t' => para.push('\t'),
            '\u{1E}' => para.push('-'),
            c if (c as u32) < 0x20 => {}
            c => para.push(c),
        }
        last = c;
    }
    flush(&mut para, out);
}

/// Title (2), author (4) and creation date (12) from the SummaryInformation property set.
fn summary(si: &[u8], out: &mut Extracted) {
    let u32_at = |o: usize| {
        si.get(o..o + 4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    };
    let Some(section) = u32_at(44) else { return };
    let Some(n) = u32_at(section + 4) else { return };
    for k in 0..n.min(64) {
        let (Some(pid), Some(off)) = (u32_at(section + 8 + 8 * k), u32_at(section + 12 + 8 * k))
        else {
            return;
        };
        let at = section + off;
        let kind = u32_at(at);
        match (pid, kind) {
            (2 | 4, Some(0x1E)) => {
                let Some(len) = u32_at(at + 4) else { continue };
                let Some(raw) = si.get(at + 8..at + 8 + len.min(4096)) else {
                    continue;
                };
                let raw = raw.split(|&b| b == 0).next().unwrap_or(&[]);
                let (s, _, _) = encoding_rs::WINDOWS_1252.decode(raw);
                out.set_meta(if pid == 2 { "title" } else { "author" }, &s);
            }
            (12, Some(0x40)) => {
                let Some(b) = si.get(at + 4..at + 12) else {
                    continue;
                };
                let ticks = u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]);
                // 100 ns ticks since 1601-01-01.
                let secs = (ticks / 10_000_000) as i64 - 11_644_473_600;
                if let Some(d) = chrono::DateTime::from_timestamp(secs, 0) {
                    out.set_meta("file_created", &d.format("%Y-%m-%d").to_string());
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_become_text() {
        let s = "Heading\r\u{13} PAGE \u{14}3\u{15} of the text\u{0B}next\rone\u{07}two\u{07}\u{07}non\u{1E}state\u{1F}ment\r";
        let units: Vec<u16> = s.encode_utf16().collect();
        let mut out = Extracted::default();
        emit(&units, &mut out);
        assert_eq!(
            out.text,
            "Heading\n\n3 of the text\nnext\n\none\ttwo\n\nnon-statement\n\n"
        );
        assert_eq!(Extracted::place_count(&out.places), 4);
    }
}
