//! Reading and decoding a file's bytes: every read bounded (a regular file by its size, a pipe
//! or a device by counting what it gives); UTF-8 with or without BOM, UTF-16 and UTF-32 with
//! BOM; binary files, UTF-16 and UTF-32 without BOM and legacy encodings recognised and named;
//! every offset mapped back to the byte as stored.

use super::formats::{self, Format};
use super::{LoadOptions, OffsetMap};
use crate::error::{Error, Result};
use std::io::Read;
use std::path::{Path, PathBuf};

/// What a document read through a format reader (PDF, Word, HTML) keeps of its file.
#[derive(Debug, Clone)]
pub struct Source {
    /// The file's format.
    pub format: Format,
    /// Where each place (page, paragraph, block) starts in the extracted text.
    pub places: Vec<(u32, u32)>,
    /// What the reader left out or could not read.
    pub notes: Vec<String>,
    /// The file's own metadata ([`formats::fields`]: title, author, date, language, format,
    /// a UN header's fields).
    pub meta: Vec<(String, String)>,
}

/// Reads and decodes one input (a file, or standard input for `None`), refusing files over
/// [`LoadOptions::max_bytes`] and files with no words (a warning: they are skipped). A PDF,
/// Word document or web page (by its bytes, [`formats::sniff`]) is read through its reader:
/// the text is then the extracted text, and offsets point into it.
pub(crate) fn read_source(
    path: Option<&Path>,
    opts: &LoadOptions,
) -> Result<(String, OffsetMap, Option<Source>)> {
    let display = path.map_or_else(|| PathBuf::from("<stdin>"), Path::to_path_buf);
    let too_large = |size: Option<u64>| Error::TooLarge {
        path: display.clone(),
        size,
        limit: opts.max_bytes,
    };
    let rerr = |e: std::io::Error| Error::Read {
        path: display.clone(),
        source: e,
    };
    // Whatever the input, no more than the limit (and one byte to tell) is ever read: a
    // regular file is refused by its size before reading, anything else (standard input, a
    // pipe such as `<(zcat x.gz)`, a device such as /dev/zero) by counting.
    let (reader, size): (Box<dyn Read>, Option<u64>) = match path {
        None => (Box::new(std::io::stdin()), None),
        Some(p) => {
            let f = std::fs::File::open(p).map_err(rerr)?;
            let meta = f.metadata().map_err(rerr)?;
            (Box::new(f), meta.is_file().then_some(meta.len()))
        }
    };
    if let Some(size) = size.filter(|&s| s > opts.max_bytes) {
        return Err(too_large(Some(size)));
    }
    let mut bytes = Vec::with_capacity(size.unwrap_or(0) as usize);
    reader
        .take(opts.max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(rerr)?;
    if bytes.len() as u64 > opts.max_bytes {
        return Err(too_large(size));
    }
    let (text, map, source) = decode_any(bytes, &display, opts)?;
    if text.len() > u32::MAX as usize {
        // Token offsets are 32-bit (UTF-16 text can grow by half when decoded).
        return Err(too_large(Some(text.len() as u64)));
    }
    if !text.chars().any(char::is_alphanumeric) {
        return Err(Error::NoWords { path: display });
    }
    Ok((text, map, source))
}

/// Refuses a file named as a PDF or Word document whose bytes are a web page or plain text: a
/// download that went wrong (an error page saved as `report.pdf`), not the statement (a plain
/// text `.doc` of old corpora is read).
fn refuse_misnamed(path: &Path, format: Format) -> Result<()> {
    let ext = path.extension().and_then(|e| e.to_str());
    let (claimed, name) = match ext.map(str::to_ascii_lowercase).as_deref() {
        Some("pdf") => ("pdf", "PDF"),
        Some("docx") => ("docx", "DOCX"),
        Some("odt") => ("odt", "ODT"),
        Some("doc") if format == Format::Html => ("doc", "DOC"),
        _ => return Ok(()),
    };
    let holds = match format {
        Format::Html => "a web page",
        Format::Text => "plain text",
        _ => return Ok(()),
    };
    Err(Error::Document {
        path: path.to_path_buf(),
        format: claimed,
        reason: crate::error::FormatError::Corrupt {
            format: name,
            detail: format!("it holds {holds}, not a {name} document"),
        },
    })
}

/// Text decoded, or a document's text extracted by its format's reader.
pub(crate) fn decode_any(
    bytes: Vec<u8>,
    path: &Path,
    opts: &LoadOptions,
) -> Result<(String, OffsetMap, Option<Source>)> {
    // An empty file is one with no words, whatever its name says (an empty `.docx` is not a
    // damaged one).
    if bytes.is_empty() {
        return Err(Error::NoWords {
            path: path.to_path_buf(),
        });
    }
    let format = formats::sniff(&bytes, path);
    refuse_misnamed(path, format)?;
    if format == Format::Text {
        if let Some(enc) = opts.encoding.filter(|_| in_legacy_encoding(&bytes)) {
            let (text, map) = decode_legacy(&bytes, enc);
            return Ok((text, map, None));
        }
        let (text, map) = decode_owned(bytes, path, opts.lossy)?;
        return Ok((text, map, None));
    }
    // A web page that names no charset and is not UTF-8: in --encoding's, else in the one
    // its bytes suggest (a page the reader would read as Windows-1252 is often Cyrillic),
    // given to the reader as UTF-8 behind a byte-order mark, which it obeys first.
    let page = (format == Format::Html).then(|| page_encoding(&bytes, opts));
    let (bytes, read_as) = match page.flatten() {
        Some(enc) => {
            let mut utf8 = vec![0xEF, 0xBB, 0xBF];
            utf8.extend_from_slice(enc.decode_without_bom_handling(&bytes).0.as_bytes());
            (utf8, Some(enc))
        }
        None => (bytes, None),
    };
    let mut e =
        formats::extract(&bytes, format, opts.max_bytes).map_err(|reason| Error::Document {
            path: path.to_path_buf(),
            format: format.name(),
            reason,
        })?;
    if let Some(enc) = read_as {
        e.notes.push(match opts.encoding {
            Some(_) => format!("read as {} (--encoding)", enc.name()),
            None => format!(
                "names no charset and is not UTF-8: read as {}, the encoding its bytes suggest \
                 (--encoding to choose another)",
                enc.name()
            ),
        });
    }
    let source = Source {
        format,
        meta: formats::fields(format, e.meta, &e.text),
        places: e.places,
        notes: e.notes,
    };
    Ok((e.text, OffsetMap::default(), Some(source)))
}

/// The encoding a web page's bytes are to be read in, when not the page's own: none for a page
/// with a byte-order mark, in UTF-8, or naming its charset in its first 4 KB; else
/// `--encoding`'s, or the legacy encoding its bytes suggest when that is not Windows-1252 (the
/// reader's own guess).
fn page_encoding(bytes: &[u8], opts: &LoadOptions) -> Option<&'static encoding_rs::Encoding> {
    if !in_legacy_encoding(bytes) {
        return None;
    }
    // A page that names its charset is read in it, whatever --encoding says of the others.
    if formats::named_charset(bytes).is_some() {
        return None;
    }
    if let Some(enc) = opts.encoding {
        return Some(enc);
    }
    let (name, _) = guess_encoding(bytes)?;
    let enc = encoding_rs::Encoding::for_label(name.as_bytes())?;
    (enc != encoding_rs::WINDOWS_1252).then_some(enc)
}

/// Whether a text file's bytes are in a legacy encoding rather than a Unicode one: not UTF-8,
/// with no byte-order mark and no NUL byte (UTF-16 or UTF-32).
fn in_legacy_encoding(bytes: &[u8]) -> bool {
    let marked = bytes.starts_with(&[0xEF, 0xBB, 0xBF])
        || bytes.starts_with(&[0xFF, 0xFE])
        || bytes.starts_with(&[0xFE, 0xFF]);
    !marked && memchr::memchr(0, bytes).is_none() && std::str::from_utf8(bytes).is_err()
}

/// Decodes bytes in legacy encoding `enc` (bytes it has no character for become U+FFFD), with
/// the map back to byte offsets: a single-byte encoding maps each character to its byte, a
/// multibyte one (GB18030, Shift_JIS) is decoded a byte at a time to map each character to
/// where it starts.
pub fn decode_legacy(bytes: &[u8], enc: &'static encoding_rs::Encoding) -> (String, OffsetMap) {
    let mut map = OffsetMap::shift(0);
    if enc.is_single_byte() {
        let (text, _) = enc.decode_without_bom_handling(bytes);
        let text = text.into_owned();
        for (i, (at, _)) in text.char_indices().enumerate() {
            map.push(at, i);
        }
        map.push(text.len(), bytes.len());
        return (text, map);
    }
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut text = String::with_capacity(bytes.len() * 2);
    // Where the character being decoded started.
    let mut start = 0;
    // A byte decodes to a few characters at most (a bad sequence and the next character).
    let mut buf = [0u8; 32];
    let mut feed = |text: &mut String, src: &[u8], last: bool| -> bool {
        let (_, _, written, _) = decoder.decode_to_utf8(src, &mut buf, last);
        let out = std::str::from_utf8(&buf[..written]).unwrap_or_default();
        text.push_str(out);
        written > 0
    };
    for (i, b) in bytes.iter().enumerate() {
        let before = text.len();
        if feed(&mut text, std::slice::from_ref(b), false) {
            // The character ends at this byte; it started after the last one that ended.
            map.push(before, start);
            start = i + 1;
        }
    }
    let before = text.len();
    if feed(&mut text, &[], true) {
        map.push(before, start);
    }
    map.push(text.len(), bytes.len());
    (text, map)
}

/// [`decode`] without copying a UTF-8 file's bytes.
pub fn decode_owned(mut bytes: Vec<u8>, path: &Path, lossy: bool) -> Result<(String, OffsetMap)> {
    let bom = bytes.starts_with(&[0xEF, 0xBB, 0xBF]);
    let wide = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    if wide || bytes.starts_with(&[0, 0, 0xFE, 0xFF]) || memchr::memchr(0, &bytes).is_some() {
        return decode(&bytes, path, lossy);
    }
    if bom {
        bytes.drain(..3);
    }
    let shift = if bom { 3 } else { 0 };
    match String::from_utf8(bytes) {
        Ok(s) => Ok((s, OffsetMap::shift(shift))),
        Err(e) => {
            let mut bytes = e.into_bytes();
            if bom {
                bytes.splice(..0, [0xEF, 0xBB, 0xBF]);
            }
            decode(&bytes, path, lossy)
        }
    }
}

/// UTF-32 text without a byte-order mark: in every four bytes the highest is NUL (no code point
/// is above U+10FFFF), the next one nearly always (characters above U+FFFF are rare), and the
/// lowest mostly is not.
fn utf32_order(head: &[u8]) -> Option<&'static str> {
    let head = &head[..head.len() & !3];
    if head.len() < 16 {
        return None;
    }
    let quads = || head.chunks_exact(4);
    let at = |k: usize| quads().filter(|q| q[k] == 0).count();
    let n = head.len() / 4;
    if at(3) == n && at(2) * 10 >= n * 9 && at(0) * 4 < n {
        Some("UTF-32LE")
    } else if at(0) == n && at(1) * 10 >= n * 9 && at(3) * 4 < n {
        Some("UTF-32BE")
    } else {
        None
    }
}

/// The byte order of text that looks like UTF-16 without a byte-order mark. Text in one
/// alphabet (Latin, Cyrillic, Greek, Arabic, ...) with ASCII spaces and punctuation has few
/// distinct high bytes (0 and the alphabet's block), so the bytes at one parity take few values;
/// decoded in that order, it must then give characters, not control codes. Random binary data
/// has every value at both parities. Texts in larger scripts (CJK) are not recognised.
fn utf16_order(head: &[u8]) -> Option<&'static str> {
    let head = &head[..head.len() & !1];
    if head.len() < 8 {
        return None;
    }
    let distinct = |parity: usize| {
        let mut seen = [false; 256];
        for p in head.chunks_exact(2) {
            seen[p[parity] as usize] = true;
        }
        seen.iter().filter(|&&s| s).count()
    };
    let (even, odd) = (distinct(0), distinct(1));
    let le = match (even, odd) {
        (e, o) if o <= 8 && o < e => true,
        (e, o) if e <= 8 && e < o => false,
        _ => return None,
    };
    // Text in an alphabet has nearly all its high bytes in a few values (0 and its blocks:
    // Vietnamese uses three); a short run of ASCII with a stray NUL (`hello\0world`) does not.
    let mut high = [0usize; 256];
    for p in head.chunks_exact(2) {
        high[p[usize::from(le)] as usize] += 1;
    }
    high.sort_unstable_by(|a, b| b.cmp(a));
    if (high[0] + high[1] + high[2]) * 10 < head.len() / 2 * 9 {
        return None;
    }
    let units = head.chunks_exact(2).map(|p| {
        if le {
            u16::from_le_bytes([p[0], p[1]])
        } else {
            u16::from_be_bytes([p[0], p[1]])
        }
    });
    let (mut chars, mut bad) = (0usize, 0usize);
    for c in char::decode_utf16(units) {
        chars += 1;
        match c {
            Ok(c) if !c.is_control() || c.is_whitespace() => {}
            _ => bad += 1,
        }
    }
    (bad * 50 <= chars).then_some(if le { "UTF-16LE" } else { "UTF-16BE" })
}

/// Decodes a file's bytes: UTF-8 (BOM optional), UTF-16 and UTF-32 LE/BE with BOM. Returns
/// the text and the map back to byte offsets in `bytes`. A NUL byte anywhere makes the file
/// binary, or UTF-16 or UTF-32 text without a byte-order mark, named as such.
pub fn decode(bytes: &[u8], path: &Path, lossy: bool) -> Result<(String, OffsetMap)> {
    if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) || bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        return decode_utf32(bytes, path, lossy);
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return decode_utf16(bytes, path, lossy);
    }
    if let Some(pos) = memchr::memchr(0, bytes) {
        let head = &bytes[..bytes.len().min(8192)];
        let wide = utf32_order(head).or_else(|| utf16_order(head));
        if let Some(encoding) = wide.filter(|_| pos < 8192) {
            return Err(Error::NoBom {
                path: path.to_path_buf(),
                encoding,
            });
        }
        return Err(Error::Binary {
            path: path.to_path_buf(),
            offset: pos,
        });
    }
    let bom = if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        3
    } else {
        0
    };
    let body = &bytes[bom..];
    match std::str::from_utf8(body) {
        Ok(s) => Ok((s.to_string(), OffsetMap::shift(bom))),
        Err(e) if !lossy => {
            let at = e.valid_up_to();
            let guess = guess_encoding(body);
            Err(Error::InvalidUtf8 {
                path: path.to_path_buf(),
                offset: bom + at,
                line: memchr::memchr_iter(b'\n', &body[..at]).count() + 1,
                guess: guess.map(|g| g.0),
                sure: guess.is_some_and(|g| g.1),
            })
        }
        Err(_) => {
            let mut text = String::with_capacity(body.len() + 16);
            let mut map = OffsetMap::shift(bom);
            let mut src = bom;
            for chunk in body.utf8_chunks() {
                map.push(text.len(), src);
                text.push_str(chunk.valid());
                src += chunk.valid().len();
                if !chunk.invalid().is_empty() {
                    map.push(text.len(), src);
                    text.push('\u{FFFD}');
                    src += chunk.invalid().len();
                }
            }
            map.push(text.len(), src);
            Ok((text, map))
        }
    }
}

/// The legacy encoding a file that is not UTF-8 was most likely written in (chardetng's guess
/// from the bytes), by the name `iconv` knows it under: `WINDOWS-1252` for a Western text,
/// `GB18030` for Chinese, `WINDOWS-1251` for Cyrillic, `SHIFT_JIS`, ... `None` for UTF-8 text
/// with a few damaged sequences (most of its non-ASCII bytes are good UTF-8) or too few bytes
/// to tell. With it, whether the guess is sure: it beat another candidate, on at least
/// [`SURE_BYTES`] non-ASCII bytes.
fn guess_encoding(body: &[u8]) -> Option<(&'static str, bool)> {
    let non_ascii = body.iter().filter(|b| !b.is_ascii()).count();
    let invalid: usize = body.utf8_chunks().map(|c| c.invalid().len()).sum();
    // A few bytes, all Windows-1252's curly quotation marks, dashes or ellipsis (bytes no
    // UTF-8 text starts a character with, and control codes in ISO-8859-1): a statement
    // typed in Word on Windows, as a guess from few bytes.
    let smart = |b: &u8| matches!(b, 0x85 | 0x91..=0x94 | 0x96 | 0x97);
    if (1..4).contains(&non_ascii)
        && invalid == non_ascii
        && body.iter().filter(|b| !b.is_ascii()).all(smart)
    {
        return Some(("WINDOWS-1252", false));
    }
    if non_ascii < 4 || invalid * 2 < non_ascii {
        return None;
    }
    let mut det = chardetng::EncodingDetector::new();
    det.feed(body, true);
    let (enc, beat_another) = det.guess_assess(None, false);
    let sure = beat_another && non_ascii >= SURE_BYTES;
    let name = match enc.name() {
        // GBK's decoder in encoding_rs is GB18030's; iconv's GB18030 reads both.
        "GBK" | "gb18030" => "GB18030",
        "windows-1252" => "WINDOWS-1252",
        "windows-1251" => "WINDOWS-1251",
        "windows-1250" => "WINDOWS-1250",
        "windows-1253" => "WINDOWS-1253",
        "windows-1254" => "WINDOWS-1254",
        "windows-1255" => "WINDOWS-1255",
        "windows-1256" => "WINDOWS-1256",
        "windows-1257" => "WINDOWS-1257",
        "windows-1258" => "WINDOWS-1258",
        "windows-874" => "WINDOWS-874",
        "KOI8-R" => "KOI8-R",
        "KOI8-U" => "KOI8-U",
        "ISO-8859-2" => "ISO-8859-2",
        "ISO-8859-5" => "ISO-8859-5",
        "ISO-8859-7" => "ISO-8859-7",
        "ISO-8859-8" => "ISO-8859-8",
        "IBM866" => "CP866",
        "Shift_JIS" => "SHIFT_JIS",
        "EUC-JP" => "EUC-JP",
        "ISO-2022-JP" => "ISO-2022-JP",
        "EUC-KR" => "EUC-KR",
        "Big5" => "BIG5",
        _ => return None,
    };
    Some((name, sure))
}

/// Non-ASCII bytes a guess of the encoding needs to be said without a caution.
const SURE_BYTES: usize = 20;

/// UTF-32 with a byte-order mark (`FF FE 00 00` or `00 00 FE FF`).
fn decode_utf32(bytes: &[u8], path: &Path, lossy: bool) -> Result<(String, OffsetMap)> {
    let le = bytes[0] == 0xFF;
    let body = &bytes[4..];
    let bad = |offset: usize| Error::InvalidUtf16 {
        path: path.to_path_buf(),
        offset,
    };
    if !body.len().is_multiple_of(4) && !lossy {
        return Err(bad(bytes.len() - body.len() % 4));
    }
    let mut text = String::with_capacity(body.len() / 2);
    let mut map = OffsetMap::default();
    for (k, q) in body.chunks_exact(4).enumerate() {
        let src = 4 + 4 * k;
        map.push(text.len(), src);
        let unit = if le {
            u32::from_le_bytes([q[0], q[1], q[2], q[3]])
        } else {
            u32::from_be_bytes([q[0], q[1], q[2], q[3]])
        };
        match char::from_u32(unit) {
            Some(c) => text.push(c),
            None if lossy => text.push('\u{FFFD}'),
            None => return Err(bad(src)),
        }
    }
    map.push(text.len(), bytes.len() - body.len() % 4);
    Ok((text, map))
}

fn decode_utf16(bytes: &[u8], path: &Path, lossy: bool) -> Result<(String, OffsetMap)> {
    let le = bytes[0] == 0xFF;
    let body = &bytes[2..];
    if body.len() % 2 == 1 && !lossy {
        return Err(Error::InvalidUtf16 {
            path: path.to_path_buf(),
            offset: bytes.len() - 1,
        });
    }
    let units = body.chunks_exact(2).map(|c| {
        if le {
            u16::from_le_bytes([c[0], c[1]])
        } else {
            u16::from_be_bytes([c[0], c[1]])
        }
    });
    let mut text = String::with_capacity(body.len());
    let mut map = OffsetMap::default();
    let mut src = 2usize;
    for r in char::decode_utf16(units) {
        map.push(text.len(), src);
        match r {
            Ok(c) => {
                text.push(c);
                src += 2 * c.len_utf16();
            }
            Err(_) if lossy => {
                text.push('\u{FFFD}');
                src += 2;
            }
            Err(_) => {
                return Err(Error::InvalidUtf16 {
                    path: path.to_path_buf(),
                    offset: src,
                })
            }
        }
    }
    map.push(text.len(), src);
    Ok((text, map))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_bom_shifts_offsets() {
        let bytes = b"\xEF\xBB\xBFab";
        let (t, m) = decode(bytes, Path::new("x"), false).unwrap();
        assert_eq!(t, "ab");
        assert_eq!(m.map(1), 4);
    }

    #[test]
    fn utf16_both_orders() {
        let s = "Azərbaycan “x”";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in s.encode_utf16() {
            le.extend(u.to_le_bytes());
            be.extend(u.to_be_bytes());
        }
        for bytes in [le, be] {
            let (t, m) = decode(&bytes, Path::new("x"), false).unwrap();
            assert_eq!(t, s);
            let q = t.find('“').unwrap();
            // “ is the 12th UTF-16 unit (index 11): 2 BOM bytes + 11 * 2.
            assert_eq!(m.map(q), 2 + 11 * 2);
        }
    }

    #[test]
    fn invalid_utf8_names_offset() {
        let err = decode(b"\xEF\xBB\xBFabc\xFFdef", Path::new("f.txt"), false).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("f.txt") && msg.contains("byte 6"), "{msg}");
        let (t, m) = decode(b"abc\xFFdef", Path::new("f.txt"), true).unwrap();
        assert_eq!(t, "abc\u{FFFD}def");
        assert_eq!(m.map(t.find('d').unwrap()), 4);
    }

    #[test]
    fn binary_detected() {
        assert!(matches!(
            decode(b"ab\0cd", Path::new("b"), false),
            Err(Error::Binary { offset: 2, .. })
        ));
        // A NUL far into a text file still makes it binary.
        let mut late = b"word ".repeat(5_000);
        late.push(0);
        assert!(matches!(
            decode_owned(late, Path::new("b"), false),
            Err(Error::Binary { offset: 25_000, .. })
        ));
    }

    #[test]
    fn utf32_with_a_mark_is_read_and_without_one_is_named() {
        let s = "Azərbaycan “x” 𝄞";
        let le: Vec<u8> = [0xFF, 0xFE, 0, 0]
            .into_iter()
            .chain(s.chars().flat_map(|c| (c as u32).to_le_bytes()))
            .collect();
        let be: Vec<u8> = [0, 0, 0xFE, 0xFF]
            .into_iter()
            .chain(s.chars().flat_map(|c| (c as u32).to_be_bytes()))
            .collect();
        for bytes in [&le, &be] {
            let (t, m) = decode_owned(bytes.clone(), Path::new("x"), false).unwrap();
            assert_eq!(t, s);
            // “ is the 12th character (index 11): 4 BOM bytes + 11 * 4.
            assert_eq!(m.map(t.find('“').unwrap()), 4 + 11 * 4);
        }
        for (bytes, want) in [(&le[4..], "UTF-32LE"), (&be[4..], "UTF-32BE")] {
            match decode_owned(bytes.to_vec(), Path::new("u"), false) {
                Err(Error::NoBom { encoding, .. }) => assert_eq!(encoding, want),
                other => panic!("{want}: {other:?}"),
            }
        }
    }

    #[test]
    fn legacy_encodings_are_named() {
        let cases: [(&str, &'static encoding_rs::Encoding, &str); 3] = [
            (
                "Le ministère a rejeté les prétendues « élections » organisées à Genève.",
                encoding_rs::WINDOWS_1252,
                "WINDOWS-1252",
            ),
            (
                "外交部发言人表示，所谓的选举是非法的，国际社会不会承认这种所谓的选举结果。",
                encoding_rs::GB18030,
                "GB18030",
            ),
            (
                "Министерство иностранных дел заявляет, что так называемые выборы незаконны.",
                encoding_rs::WINDOWS_1251,
                "WINDOWS-1251",
            ),
        ];
        for (text, enc, want) in cases {
            let (bytes, _, _) = enc.encode(text);
            match decode(&bytes, Path::new("l"), false) {
                Err(Error::InvalidUtf8 { guess, .. }) => assert_eq!(guess, Some(want), "{text}"),
                other => panic!("{want}: {other:?}"),
            }
        }
    }

    /// A guess from a few accented letters is said as a guess (Latin-1's « » read as
    /// Latin-2 are Ť ť); from a page of them, plainly.
    #[test]
    fn a_guess_from_few_bytes_is_not_sure() {
        let short = b"The so-called \xabreform\xbb of the caf\xe9 was na\xefve.\n".to_vec();
        let long = "Le ministère a rejeté les prétendues « élections » organisées. ".repeat(5);
        let (long, _, _) = encoding_rs::WINDOWS_1252.encode(&long);
        for (bytes, want) in [(short, false), (long.to_vec(), true)] {
            match decode(&bytes, Path::new("l"), false) {
                Err(e @ Error::InvalidUtf8 { sure, .. }) => {
                    assert_eq!(sure, want, "{e}");
                    assert_eq!(
                        e.to_string().contains("a guess from few bytes"),
                        !want,
                        "{e}"
                    );
                }
                other => panic!("{other:?}"),
            }
        }
    }

    #[test]
    fn utf16_without_bom_is_named_with_its_byte_order() {
        for text in [
            "The so-called “elections”.",
            "Так называемые «выборы» прошли.",
            "الانتخابات المزعومة جرت.",
        ] {
            let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
            let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
            for (bytes, want) in [(le, "UTF-16LE"), (be, "UTF-16BE")] {
                match decode(&bytes, Path::new("u"), false) {
                    Err(Error::NoBom { encoding, .. }) => assert_eq!(encoding, want, "{text}"),
                    other => panic!("{text} {want}: {other:?}"),
                }
            }
        }
        // Bytes of every value at both parities are binary.
        let noise: Vec<u8> = (0..4096u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        assert!(matches!(
            decode(&noise, Path::new("n"), false),
            Err(Error::Binary { .. })
        ));
        // A PNG header is still binary.
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0";
        assert!(matches!(
            decode(png, Path::new("p"), false),
            Err(Error::Binary { .. })
        ));
    }

    #[test]
    fn a_legacy_encoding_maps_each_character_to_its_bytes() {
        // Windows-1252: one byte per character.
        let bytes = b"caf\xe9 \x93x\x94 y";
        let (text, map) = decode_legacy(bytes, encoding_rs::WINDOWS_1252);
        assert_eq!(text, "café \u{201c}x\u{201d} y");
        let y = text.find('y').unwrap();
        assert_eq!(map.map(y), bytes.iter().position(|&b| b == b'y').unwrap());
        assert_eq!(map.map(text.find('x').unwrap()), 6);
        // GB18030: two bytes per Chinese character.
        let (bytes, _, _) = encoding_rs::GB18030.encode("和平 peace 发展");
        let (text, map) = decode_legacy(&bytes, encoding_rs::GB18030);
        assert_eq!(text, "和平 peace 发展");
        assert_eq!(map.map(text.find("peace").unwrap()), 5);
        assert_eq!(map.map(text.find('发').unwrap()), 11);
        assert_eq!(map.map(text.len()), bytes.len());
    }
}
