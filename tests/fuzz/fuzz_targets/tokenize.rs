//! Tokenising arbitrary text: the ASCII fast path segments exactly as unicode-segmentation does
//! and gives the same tokens as the tokeniser fed by unicode-segmentation alone; tokens are
//! ordered, disjoint, on character boundaries and never whitespace.
#![no_main]
use libfuzzer_sys::fuzz_target;
use unicode_segmentation::UnicodeSegmentation;
use verbale::corpus::Layout;
use verbale::text::{segment::segment_into, tokenize, tokenize_unicode, TokenizeOptions};

fuzz_target!(|text: &str| {
    let mut ours = Vec::new();
    segment_into(text, &mut ours);
    let is_ws = |s: &str| s.chars().all(char::is_whitespace);
    let ours: Vec<(u32, u32)> = ours
        .into_iter()
        .filter(|&(s, e)| !is_ws(&text[s as usize..e as usize]))
        .collect();
    let reference: Vec<(u32, u32)> = text
        .split_word_bound_indices()
        .filter(|(_, s)| !is_ws(s))
        .map(|(s, seg)| (s as u32, (s + seg.len()) as u32))
        .collect();
    assert_eq!(ours, reference);
    for layout in [Layout::Lines, Layout::Wrapped] {
        for (split_hyphens, split_apostrophes) in [(false, false), (true, true)] {
            let opts = TokenizeOptions {
                split_hyphens,
                split_apostrophes,
            };
            let toks = tokenize(text, layout, opts);
            assert_eq!(toks, tokenize_unicode(text, layout, opts));
            let mut end = 0;
            for t in &toks {
                assert!(t.start >= end && t.end > t.start, "tokens overlap or are empty");
                assert!(text.is_char_boundary(t.start as usize));
                assert!(text.is_char_boundary(t.end as usize));
                assert!(!is_ws(t.text(text)));
                end = t.end;
            }
            assert!(end as usize <= text.len());
            assert!(toks.windows(2).all(|w| w[0].sentence <= w[1].sentence && w[0].para <= w[1].para));
        }
    }
});
