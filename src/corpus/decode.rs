//! Decoding a file's bytes: UTF-8 with or without BOM, UTF-16 with BOM; binary files and
//! UTF-16 without BOM recognised; every offset mapped back to the byte as stored.

use super::{LoadOptions, OffsetMap};
use crate::error::{Error, Result};
use std::io::Read;
use std::path::{Path, PathBuf};

/// Reads and decodes one input (a file, or standard input for `None`), refusing files over
/// [`LoadOptions::max_bytes`] and files with no words (a warning: they are skipped).
pub(crate) fn read_source(path: Option<&Path>, opts: &LoadOptions) -> Result<(String, OffsetMap)> {
    let display = path.map_or_else(|| PathBuf::from("<stdin>"), Path::to_path_buf);
    let too_large = |size: u64| Error::TooLarge {
        path: display.clone(),
        size,
        limit: opts.max_bytes,
    };
    let rerr = |e: std::io::Error| Error::Read {
        path: display.clone(),
        source: e,
    };
    let bytes = match path {
        None => {
            let mut buf = Vec::new();
            std::io::stdin()
                .take(opts.max_bytes + 1)
                .read_to_end(&mut buf)
                .map_err(rerr)?;
            if buf.len() as u64 > opts.max_bytes {
                return Err(too_large(buf.len() as u64));
            }
            buf
        }
        Some(p) => {
            let size = std::fs::metadata(p).map_err(rerr)?.len();
            if size > opts.max_bytes {
                return Err(too_large(size));
            }
            std::fs::read(p).map_err(rerr)?
        }
    };
    let (text, map) = decode_owned(bytes, &display, opts.lossy)?;
    if text.len() > u32::MAX as usize {
        // Token offsets are 32-bit (UTF-16 text can grow by half when decoded).
        return Err(too_large(text.len() as u64));
    }
    if !text.chars().any(char::is_alphanumeric) {
        return Err(Error::NoWords { path: display });
    }
    Ok((text, map))
}

/// [`decode`] without copying a UTF-8 file's bytes.
pub fn decode_owned(mut bytes: Vec<u8>, path: &Path, lossy: bool) -> Result<(String, OffsetMap)> {
    let bom = bytes.starts_with(&[0xEF, 0xBB, 0xBF]);
    let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    let head = &bytes[..bytes.len().min(8192)];
    if utf16 || head.contains(&0) {
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
    let (order, le) = match (even, odd) {
        (e, o) if o <= 8 && o < e => ("LE", true),
        (e, o) if e <= 8 && e < o => ("BE", false),
        _ => return None,
    };
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
    (bad * 50 <= chars).then_some(order)
}

/// Decodes a file's bytes: UTF-8 (BOM optional), UTF-16 LE/BE with BOM. Returns the text and
/// the map back to byte offsets in `bytes`.
pub fn decode(bytes: &[u8], path: &Path, lossy: bool) -> Result<(String, OffsetMap)> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return decode_utf16(bytes, path, lossy);
    }
    let head = &bytes[..bytes.len().min(8192)];
    if let Some(pos) = head.iter().position(|&b| b == 0) {
        if let Some(order) = utf16_order(head) {
            return Err(Error::Utf16NoBom {
                path: path.to_path_buf(),
                order,
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
            Err(Error::InvalidUtf8 {
                path: path.to_path_buf(),
                offset: bom + at,
                line: memchr::memchr_iter(b'\n', &body[..at]).count() + 1,
                latin1: looks_latin1(body),
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

/// Every byte that breaks UTF-8 stands alone (an accented letter or curly quote of Latin-1 or
/// Windows-1252), rather than being part of a longer damaged sequence.
fn looks_latin1(body: &[u8]) -> bool {
    body.utf8_chunks().all(|c| c.invalid().len() <= 1)
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
            for (bytes, want) in [(le, "LE"), (be, "BE")] {
                match decode(&bytes, Path::new("u"), false) {
                    Err(Error::Utf16NoBom { order, .. }) => assert_eq!(order, want, "{text}"),
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
}
