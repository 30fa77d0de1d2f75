//! Word-boundary segmentation (UAX #29) with an ASCII fast path: text is cut at ASCII
//! whitespace, and a piece with only ASCII characters is segmented by a byte loop that applies
//! the same rules as unicode-segmentation (WB5–WB13b restricted to ASCII); other pieces go to
//! unicode-segmentation itself, together with the spaces before it (rule WB4 attaches a
//! following Extend/Format/ZWJ character, such as U+FEFF, to a space); no other UAX #29 rule
//! joins across whitespace, so both agree. Fuzzing found the WB4 case (`tests/data/fuzz/`).

use unicode_segmentation::UnicodeSegmentation;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Cat {
    Letter,
    Digit,
    Under,
    MidLetter,
    MidNumLet,
    MidNum,
    Other,
}

fn cat(b: u8) -> Cat {
    match b {
        b'a'..=b'z' | b'A'..=b'Z' => Cat::Letter,
        b'0'..=b'9' => Cat::Digit,
        b'_' => Cat::Under,
        b':' => Cat::MidLetter,
        b'.' | b'\'' => Cat::MidNumLet,
        b',' | b';' => Cat::MidNum,
        _ => Cat::Other,
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0B' | b'\x0C')
}

/// Segments an ASCII piece without whitespace, pushing (start, end) pairs offset by `base`.
fn ascii_piece(p: &[u8], base: usize, out: &mut Vec<(u32, u32)>) {
    let n = p.len();
    let mut i = 0;
    while i < n {
        let c = cat(p[i]);
        if !matches!(c, Cat::Letter | Cat::Digit | Cat::Under) {
            out.push(((base + i) as u32, (base + i + 1) as u32));
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        while i < n {
            let prev = cat(p[i - 1]);
            let cur = cat(p[i]);
            match cur {
                Cat::Letter | Cat::Digit | Cat::Under => i += 1,
                Cat::MidLetter | Cat::MidNumLet | Cat::MidNum if i + 1 < n => {
                    let next = cat(p[i + 1]);
                    let letters = prev == Cat::Letter
                        && next == Cat::Letter
                        && matches!(cur, Cat::MidLetter | Cat::MidNumLet);
                    let digits = prev == Cat::Digit
                        && next == Cat::Digit
                        && matches!(cur, Cat::MidNum | Cat::MidNumLet);
                    if letters || digits {
                        i += 2;
                    } else {
                        break;
                    }
                }
                _ => break,
            }
        }
        out.push(((base + start) as u32, (base + i) as u32));
    }
}

/// Word-boundary segments of `text` as byte ranges, whitespace runs included, into `out`.
pub fn segment_into(text: &str, out: &mut Vec<(u32, u32)>) {
    out.clear();
    let b = text.as_bytes();
    let n = b.len();
    let mut i = 0;
    while i < n {
        if is_space(b[i]) {
            // Line breaks on their own (CR LF together), other whitespace in runs.
            if b[i] == b'\n' || b[i] == b'\r' {
                let end = if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') {
                    i + 2
                } else {
                    i + 1
                };
                out.push((i as u32, end as u32));
                i = end;
            } else {
                let start = i;
                while i < n && is_space(b[i]) && b[i] != b'\n' && b[i] != b'\r' {
                    i += 1;
                }
                out.push((start as u32, i as u32));
            }
            continue;
        }
        let start = i;
        let mut ascii = true;
        while i < n && !is_space(b[i]) {
            ascii &= b[i] < 0x80;
            i += 1;
        }
        if ascii {
            ascii_piece(&b[start..i], start, out);
        } else {
            // UAX #29 rule WB4 attaches Extend/Format/ZWJ characters to a preceding space or
            // tab: segment the whitespace run before the piece together with it.
            let mut from = start;
            if matches!(out.last(), Some(&(_, e)) if e as usize == start && matches!(b[start - 1], b' ' | b'\t'))
            {
                from = out.pop().map_or(start, |(s, _)| s as usize);
            }
            for (s, seg) in text[from..i].split_word_bound_indices() {
                out.push(((from + s) as u32, (from + s + seg.len()) as u32));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn reference(t: &str) -> Vec<(u32, u32)> {
        t.split_word_bound_indices()
            .filter(|(_, s)| !s.chars().all(char::is_whitespace))
            .map(|(s, seg)| (s as u32, (s + seg.len()) as u32))
            .collect()
    }

    fn ours(t: &str) -> Vec<(u32, u32)> {
        let mut v = Vec::new();
        segment_into(t, &mut v);
        v.into_iter()
            .filter(|&(s, e)| !t[s as usize..e as usize].chars().all(char::is_whitespace))
            .collect()
    }

    #[test]
    fn matches_unicode_segmentation_on_tricky_ascii() {
        for t in [
            "U.S. don't 1,000.50 a.b. x:y 3:4 e.g. _id 1a.b '80s 1990s' --- ... a,b 1,a 3.a",
            "“elections” Armenia’s so-called “x” – 1,5",
            " \u{FEFF}",
            "a \t\u{301}b\n\u{200D}c",
        ] {
            assert_eq!(ours(t), reference(t), "{t}");
        }
    }

    proptest! {
        #[test]
        fn agrees_with_unicode_segmentation(t in "[a-c0-2 .,:;'_\"!\\-\n\t’é\u{FEFF}\u{301}\u{200D}]{0,40}") {
            prop_assert_eq!(ours(&t), reference(&t));
        }
    }
}
