//! Inputs found by the fuzz targets in `tests/fuzz/` (minimised), replayed with the invariants those
//! targets assert: segmentation equal to unicode-segmentation, offsets inside the file and at
//! the marks, counts that add up. Each file in `tests/data/fuzz/` once failed.

use crate::common::data;
use unicode_segmentation::UnicodeSegmentation;
use verbale::analysis::{analyse, Options};
use verbale::corpus::Document;
use verbale::corpus::Layout;
use verbale::text::{segment::segment_into, tokenize, tokenize_unicode, Lang, TokenizeOptions};

fn inputs() -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<_> = std::fs::read_dir(data("fuzz"))
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            (p.display().to_string(), std::fs::read(&p).unwrap())
        })
        .collect();
    v.sort();
    v
}

/// The fast segmenter's non-whitespace segments equal unicode-segmentation's.
fn assert_segments_match(name: &str, text: &str) {
    assert_tokens_match(name, text);
    let is_ws = |s: &str| s.chars().all(char::is_whitespace);
    let mut ours = Vec::new();
    segment_into(text, &mut ours);
    ours.retain(|&(s, e)| !is_ws(&text[s as usize..e as usize]));
    let reference: Vec<(u32, u32)> = text
        .split_word_bound_indices()
        .filter(|(_, s)| !is_ws(s))
        .map(|(s, seg)| (s as u32, (s + seg.len()) as u32))
        .collect();
    assert_eq!(ours, reference, "{name}");
}

/// The tokeniser's tokens equal those it makes from unicode-segmentation's segments alone,
/// in every layout and with each option.
fn assert_tokens_match(name: &str, text: &str) {
    for layout in [Layout::Lines, Layout::Wrapped] {
        for (split_hyphens, split_apostrophes) in [(false, false), (true, true)] {
            let opts = TokenizeOptions {
                split_hyphens,
                split_apostrophes,
            };
            let fast = tokenize(text, layout, opts);
            assert_eq!(
                fast,
                tokenize_unicode(text, layout, opts),
                "{name} {opts:?}"
            );
        }
    }
}

#[test]
fn segmentation_matches_unicode_segmentation() {
    for (name, bytes) in inputs() {
        if let Ok(text) = std::str::from_utf8(&bytes) {
            assert_segments_match(&name, text);
        }
    }
}

/// The same equality over every statement in the fixtures (UN speeches, White House
/// statements, the seed: 0.7 MB); `benches/segment_equality.sh` runs it over whole corpora.
#[test]
fn segmentation_matches_on_fixture_statements() {
    let mut n = 0;
    for dir in ["quotes/docs", "seed"] {
        for e in std::fs::read_dir(data(dir)).unwrap() {
            let p = e.unwrap().path();
            let doc = Document::from_bytes("x", &std::fs::read(&p).unwrap(), true).unwrap();
            assert_segments_match(&p.display().to_string(), &doc.text);
            n += 1;
        }
    }
    assert!(n > 80, "{n} statements");
}

#[test]
fn pipeline_invariants_hold() {
    let mut opts = Options::new(Lang::english());
    opts.stopwords = verbale::text::Stopwords::none();
    let mut checked = 0;
    for (name, bytes) in inputs() {
        let doc = Document::from_bytes("fuzz", &bytes, true).unwrap();
        let a = analyse(std::slice::from_ref(&doc), &opts);
        let r = &a.docs[0];
        let total: u64 = a.doc_terms.get(0).iter().map(|c| c.count as u64).sum();
        assert_eq!(total, r.tokens, "{name}");
        for s in &r.spans {
            assert!(s.open < s.close && s.close < bytes.len(), "{name}");
            let at = &bytes[s.open..];
            let mark = s.marks[0].to_string();
            assert!(
                at.starts_with(mark.as_bytes()) || at.starts_with("\u{e2}\u{20ac}".as_bytes()),
                "{name}: span opens at {} on {:?}",
                s.open,
                String::from_utf8_lossy(&at[..at.len().min(6)])
            );
            checked += 1;
        }
    }
    assert!(checked > 0, "the mojibake quote input has a span");
}
