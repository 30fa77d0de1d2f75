//! Normalising decoded text: first, in a plain text, the page furniture of the UN's verbatim
//! records dropped ([`drop_job_lines`]); then in one pass line endings to LF, mojibake
//! punctuation repaired, words hyphenated across line breaks rejoined (see
//! [`super::hyphens`]); then Unicode NFC; each step with its offset map.

use super::formats::{is_job_line, job_prefix};
use super::hyphens::{
    break_after_hyphen, has_break_hyphen, word_after, word_before, HyphenLexicon,
};
use super::OffsetMap;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Line endings to LF, mojibake punctuation repaired, and words hyphenated across a line break
/// rejoined, in one pass.
///
/// Rule for `left-⏎right` (spaces or tabs around the break allowed), measured on the UNGD
/// speeches, where most such breaks fall at real compound hyphens: the hyphen stays when `right`
/// starts with a capital letter or digit (`Nagorno-⏎Karabakh`), when `left-right` is written on
/// one line anywhere in the corpus (`self-determination`), or, failing that, when `leftright` is
/// not a word of the corpus but `left` and `right` both are (`test-⏎drilling`) or `left` is a
/// compound prefix (`self-`, `non-`, `co-`); otherwise the
/// pieces are rejoined (`nego-⏎tiation`). Either way the line break goes.
pub(crate) fn normalise_lines(text: String, lex: &HyphenLexicon) -> (String, OffsetMap) {
    let b = text.as_bytes();
    if !b.contains(&b'\r') && !has_break_hyphen(b) && !text.contains("\u{e2}\u{20ac}") {
        return (text, OffsetMap::default());
    }
    let text = text.as_str();
    let mut out = String::with_capacity(text.len());
    let mut map = OffsetMap::default();
    let mut copied = 0; // input offset up to which text has been copied
    let mut i = 0;
    while i < b.len() {
        // Jump to the next byte that can start something to change.
        match memchr::memchr3(b'\r', b'-', 0xC3, &b[i..]) {
            Some(k) => i += k,
            None => break,
        }
        match b[i] {
            b'\r' => {
                out.push_str(&text[copied..i]);
                out.push('\n');
                i += if b.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
                copied = i;
                map.push(out.len(), i);
            }
            0xC3 if b[i + 1..].starts_with(&[0xA2, 0xE2, 0x82, 0xAC]) => {
                // Mojibake: UTF-8 punctuation read as Windows-1252 (`â€œ` for `“`).
                let rest = &text[i + 5..];
                let fix = MOJIBAKE.iter().find(|(m, _)| rest.starts_with(m));
                if let Some((m, c)) = fix {
                    out.push_str(&text[copied..i]);
                    map.push(out.len(), i);
                    out.push(*c);
                    i += 5 + m.len();
                    copied = i;
                    map.push(out.len(), i);
                } else {
                    i += 1;
                }
            }
            b'-' => {
                if let Some(next) = break_after_hyphen(b, i + 1) {
                    let left = word_before(text, i);
                    let right = word_after(text, next);
                    let starts_lower = right.chars().next().is_some_and(|c| c.is_lowercase());
                    if !left.is_empty() && !right.is_empty() && starts_lower {
                        let l = left.to_lowercase();
                        let r = right.to_lowercase();
                        let keep = lex.keep_hyphen(&l, &r);
                        out.push_str(&text[copied..i]);
                        if keep {
                            out.push('-');
                        }
                        copied = next;
                        map.push(out.len(), next);
                        i = next;
                        continue;
                    } else if !left.is_empty() && !right.is_empty() {
                        // Capitalised or numeric right part: a compound such as Nagorno-Karabakh.
                        out.push_str(&text[copied..=i]);
                        copied = next;
                        map.push(out.len(), next);
                        i = next;
                        continue;
                    }
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    out.push_str(&text[copied..]);
    (out, map)
}

/// Drops the page furniture the UN's verbatim records leave in a plain text between a
/// speech's paragraphs (`08-53129 32` on a line of its own, with empty lines around it, or
/// glued to the start of a line, `17/24 17-29363 together will`), so that the sentence the
/// page broke reads on as in print: a run of furniture lines and empty lines becomes the line
/// break before it, with an empty line kept only where the text before it ends a sentence.
/// A text without a job number is returned as it is.
pub(crate) fn drop_job_lines(text: String) -> (String, OffsetMap) {
    let b = text.as_bytes();
    let job_number = |i: &usize| {
        let i = *i;
        i >= 2
            && b[i - 2..i].iter().all(u8::is_ascii_digit)
            && b.get(i + 1..i + 6)
                .is_some_and(|w| w.iter().all(u8::is_ascii_digit))
    };
    // Only the lines that hold a job number are looked at: a text costs a search for `-`.
    let mut found = memchr::memchr_iter(b'-', b).filter(job_number).peekable();
    if found.peek().is_none() {
        return (text, OffsetMap::default());
    }
    // The line around byte `i`: its start, and its end before the line break (LF, CR, or
    // both: this runs before line ends are made LF, and CRLF's two bytes end a line and an
    // empty one).
    let line_at = |i: usize| {
        let start = memchr::memrchr2(b'\n', b'\r', &b[..i]).map_or(0, |k| k + 1);
        let end = memchr::memchr2(b'\n', b'\r', &b[i..]).map_or(b.len(), |k| i + k);
        (start, end)
    };
    let body = |(s, e): (usize, usize)| text[s..e].trim_end_matches('\r');
    let blank = |l: (usize, usize)| body(l).trim().is_empty();
    let job = |l: (usize, usize)| is_job_line(body(l));
    let mut out = String::with_capacity(text.len());
    let mut map = OffsetMap::default();
    let mut copied = 0;
    // Hits on a line already judged are passed over: a line is looked at once.
    let mut judged = 0;
    for i in found {
        if i < judged {
            continue;
        }
        let line = line_at(i);
        judged = line.1;
        if line.0 < copied {
            continue;
        }
        if job(line) {
            // The run: the empty lines before it, and after it empty lines and more furniture.
            let mut from = line.0;
            let mut before = None;
            while from > 0 {
                let prev = line_at(from - 1);
                if !blank(prev) {
                    before = Some(prev);
                    break;
                }
                from = prev.0;
            }
            let mut to = line.1;
            while to < b.len() {
                let next = line_at(to + 1);
                if !(blank(next) || job(next)) {
                    break;
                }
                to = next.1;
            }
            let last = to >= b.len();
            let to = if last { b.len() } else { to + 1 };
            let ends_sentence = before.is_some_and(|l| ends_sentence(body(l)));
            out.push_str(&text[copied..from]);
            if ends_sentence && !last {
                // An empty line, in the file's own line ends (LF, CR or CRLF).
                out.push(b[from - 1] as char);
            }
            copied = to;
            judged = to;
            map.push(out.len(), to);
            continue;
        }
        let glued = job_prefix(body(line));
        if glued > 0 && i < line.0 + glued {
            out.push_str(&text[copied..line.0]);
            copied = line.0 + glued;
            map.push(out.len(), copied);
        }
    }
    out.push_str(&text[copied..]);
    (out, map)
}

/// Whether a line ends a sentence: a full stop, `!`, `?`, `:`, `;` or `…`, also inside a
/// closing mark or bracket (`."`, `.”`, `.)`); a closing mark alone (`countries’`, a
/// possessive) ends none.
fn ends_sentence(line: &str) -> bool {
    let t = line.trim_end();
    let closing = ['"', '\'', '\u{201D}', '\u{2019}', '\u{BB}', ')', ']'];
    let t = t.strip_suffix(closing).unwrap_or(t);
    t.ends_with(['.', '!', '?', ':', ';', '\u{2026}'])
}

/// Third characters of `â€?` mojibake sequences and the punctuation they stand for.
const MOJIBAKE: &[(&str, char)] = &[
    ("\u{153}", '\u{201C}'),  // â€œ  “
    ("\u{9d}", '\u{201D}'),   // â€\x9d ”
    ("\u{2122}", '\u{2019}'), // â€™  ’
    ("\u{2dc}", '\u{2018}'),  // â€˜  ‘
    ("\u{201d}", '\u{2014}'), // â€”  —
    ("\u{201c}", '\u{2013}'), // â€“  –
    ("\u{a6}", '\u{2026}'),   // â€¦  …
    ("\u{a2}", '\u{2022}'),   // â€¢  •
];

/// [`is_nfc_quick`] looking only at the runs of non-ASCII characters: an ASCII character is a
/// starter that NFC never changes, so the check restarts after each one anyway.
pub(super) fn nfc_quick(text: &str) -> IsNormalized {
    let b = text.as_bytes();
    let mut result = IsNormalized::Yes;
    let mut i = 0;
    loop {
        // Whole blocks of ASCII first: most of a statement is.
        while i + 32 <= b.len() && b[i..i + 32].is_ascii() {
            i += 32;
        }
        let Some(p) = b[i..].iter().position(|&c| !c.is_ascii()) else {
            break;
        };
        let start = i + p;
        let end = b[start..]
            .iter()
            .position(u8::is_ascii)
            .map_or(b.len(), |q| start + q);
        match is_nfc_quick(text[start..end].chars()) {
            IsNormalized::No => return IsNormalized::No,
            IsNormalized::Maybe => result = IsNormalized::Maybe,
            IsNormalized::Yes => {}
        }
        i = end;
    }
    result
}

/// Unicode NFC with a map back. Text is composed in runs of one starter and the combining
/// marks after it, so a run that changes gets anchors at both ends and every token boundary
/// (always before a starter) maps exactly.
pub(super) fn nfc_with_map(text: &str) -> (String, OffsetMap) {
    let mut out = String::with_capacity(text.len());
    let mut map = OffsetMap::default();
    let mut run_start = 0;
    let flush = |out: &mut String, map: &mut OffsetMap, run: &str, start: usize| {
        if run.is_ascii() {
            out.push_str(run);
            return;
        }
        map.push(out.len(), start);
        let before = out.len();
        out.extend(run.nfc());
        if out.len() - before != run.len() {
            map.push(out.len(), start + run.len());
        }
    };
    for (i, c) in text.char_indices() {
        let starter =
            c.is_ascii() || unicode_normalization::char::canonical_combining_class(c) == 0;
        if starter && i > run_start {
            flush(&mut out, &mut map, &text[run_start..i], run_start);
            run_start = i;
        }
    }
    flush(&mut out, &mut map, &text[run_start..], run_start);
    map.push(out.len(), text.len());
    (out, map)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Document;

    fn doc(t: &str) -> Document {
        Document::from_text("t", t)
    }

    #[test]
    fn a_file_alone_reads_line_break_words_as_any_corpus_does() {
        // Breaks of UNGD speeches read alone (BEL_60_2005, ALB_62_2007, AFG_66_2011,
        // ARG_65_2010, SUR_48_1993): the bundled lists know the compounds and the words.
        for (src, want) in [
            ("much-\nneeded", "much-needed"),
            ("third-\nclass", "third-class"),
            ("confidence-\nbuilding", "confidence-building"),
            ("job-\ncreation", "job-creation"),
            ("interna-\ntional", "international"),
            ("nego-\ntiation", "negotiation"),
        ] {
            assert_eq!(
                doc(&format!("a {src} b")).text,
                format!("a {want} b"),
                "{src}"
            );
        }
    }

    #[test]
    fn page_furniture_of_verbatim_records_is_dropped_and_the_sentence_reads_on() {
        let src = "through a \n  \n \n08-53129 32 \n \ndifficult period. It ends.\n\n33 08-53129\n\nNext one.\n17/24 17-29363 together we\n";
        let (out, map) = drop_job_lines(src.to_string());
        assert_eq!(
            out,
            "through a \ndifficult period. It ends.\n\nNext one.\ntogether we\n"
        );
        // Offsets still lead back to the file.
        for w in ["difficult", "Next", "together"] {
            let at = out.find(w).unwrap();
            assert_eq!(&src[map.map(at)..map.map(at) + w.len()], w);
        }
        // A document's words, however like a job number, stay; so does a text without one.
        for keep in ["The 2019-20202 plan\n", "We met in 2008 and 2009.\n1 2\n"] {
            assert_eq!(drop_job_lines(keep.to_string()).0, keep);
        }
        // CR line ends are line ends too, and a page that ends a sentence keeps its paragraph.
        let cr = "We will meet.\r\r08-53129 32\r\rThe end.\r";
        assert_eq!(
            drop_job_lines(cr.to_string()).0,
            "We will meet.\r\rThe end.\r"
        );
        // A possessive at the page's foot ends no sentence.
        let own = "the developing countries\u{2019}\n\n08-53129 3\n\nneeds and hopes\n";
        assert_eq!(
            drop_job_lines(own.to_string()).0,
            "the developing countries\u{2019}\nneeds and hopes\n"
        );
        // Read as a document: one sentence across the page break.
        let d = doc(src);
        assert!(!d.text.contains("08-53129") && !d.text.contains("17-29363"));
    }

    #[test]
    fn rejoins_line_break_hyphens() {
        let d = doc("the nego-\ntiation and self-\ndetermination of Nagorno-\nKarabakh");
        assert_eq!(
            d.text,
            "the negotiation and self-determination of Nagorno-Karabakh"
        );
    }

    #[test]
    fn keeps_compounds_whose_parts_are_words() {
        // Real UNGD line: `test-drilling` is written nowhere else, but `test` and `drilling` are
        // words; `negotiation` is a word, so its broken form is rejoined.
        let d =
            doc("a test of drilling. The test-\ndrilling and the nego-\ntiation, a negotiation.");
        assert_eq!(
            d.text,
            "a test of drilling. The test-drilling and the negotiation, a negotiation."
        );
    }

    #[test]
    fn keeps_compounds_seen_elsewhere() {
        let d = doc("peace-building matters. Peace-\nbuilding again, and build-\ning");
        assert_eq!(
            d.text,
            "peace-building matters. Peace-building again, and building"
        );
    }

    #[test]
    fn trailing_and_leading_spaces_around_break() {
        let d = doc("the nego- \n  tiation");
        assert_eq!(d.text, "the negotiation");
        assert_eq!(d.source_offset(d.text.find("tiation").unwrap() - 4), 4);
    }

    #[test]
    fn offsets_map_back_through_crlf_and_hyphens() {
        let src = "a\r\nnego-\r\ntiation “x”";
        let d = doc(src);
        assert_eq!(d.text, "a\nnegotiation “x”");
        let q = d.text.find('“').unwrap();
        assert_eq!(&src[d.source_offset(q)..d.source_offset(q) + 3], "“");
        let x = d.text.find('x').unwrap();
        assert_eq!(&src[d.source_offset(x)..d.source_offset(x) + 1], "x");
    }

    #[test]
    fn repairs_mojibake_punctuation() {
        let src = "the â€œelectionsâ€\u{9d} â€” Armeniaâ€™s";
        let d = doc(src);
        assert_eq!(d.text, "the “elections” — Armenia’s");
        let q = d.text.find('”').unwrap();
        assert_eq!(&src[d.source_offset(q)..d.source_offset(q) + 2], "â");
    }

    #[test]
    fn nfc_check_by_runs_agrees_with_the_whole_text_check() {
        for t in [
            "plain ascii",
            "caf\u{e9} d\u{e9}j\u{e0}",
            "cafe\u{301} x",
            "a\u{301}\u{327} b",
            "a\u{327}\u{301} b",
            "\u{301}start",
            "\u{1100}\u{1161} hangul",
            "x \u{212B} angstrom",
            "\u{2019}elections\u{201d}",
        ] {
            let whole = is_nfc_quick(t.chars());
            assert_eq!(
                nfc_quick(t) == IsNormalized::Yes,
                whole == IsNormalized::Yes,
                "{t}"
            );
            assert_eq!(
                nfc_quick(t) == IsNormalized::No,
                whole == IsNormalized::No,
                "{t}"
            );
        }
    }

    #[test]
    fn nfc_composes_and_maps() {
        let src = "cai\u{0308}d “x”";
        let d = doc(src);
        assert_eq!(d.text, "caïd “x”");
        let q = d.text.find('“').unwrap();
        assert_eq!(&src[d.source_offset(q)..d.source_offset(q) + 3], "“");
    }
}
