//! Whole-corpus check that the segmenter's ASCII fast path cuts exactly where
//! unicode-segmentation does: `cargo bench --bench segment_equality -- DIR...` (default: the
//! fixtures in `tests/data`). Every file is decoded and normalised as verbale reads it, then
//! both segmentations are compared, and so are the tokens made from each (`tokenize` against
//! `tokenize_unicode`, in the document's layout); the run fails on the first difference.

use std::path::PathBuf;
use std::time::Instant;
use unicode_segmentation::UnicodeSegmentation;
use verbale::corpus::{self, LoadOptions};
use verbale::text::segment::segment_hinted;
use verbale::text::{tokenize, tokenize_unicode, TokenizeOptions};

fn main() {
    let mut dirs: Vec<PathBuf> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .collect();
    if dirs.is_empty() {
        dirs.push(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data"));
    }
    let opts = LoadOptions {
        lossy: true,
        ..LoadOptions::default()
    };
    let c = corpus::load(&dirs, &opts).expect("corpus loads");
    let is_ws = |s: &str| s.chars().all(char::is_whitespace);
    let (mut hinted, mut bytes, mut segments) = (Vec::new(), 0usize, 0usize);
    let (mut fast, mut reference) = (0f64, 0f64);
    let (mut tok_fast, mut tok_reference, mut tokens) = (0f64, 0f64, 0usize);
    for d in &c.docs {
        let t = Instant::now();
        segment_hinted(&d.text, &mut hinted);
        fast += t.elapsed().as_secs_f64();
        let t = Instant::now();
        let theirs: Vec<(u32, u32)> = d
            .text
            .split_word_bound_indices()
            .filter(|(_, s)| !is_ws(s))
            .map(|(s, seg)| (s as u32, (s + seg.len()) as u32))
            .collect();
        reference += t.elapsed().as_secs_f64();
        let ours: Vec<(u32, u32)> = hinted
            .iter()
            .map(|s| (s.start, s.end))
            .filter(|&(s, e)| !is_ws(&d.text[s as usize..e as usize]))
            .collect();
        if ours != theirs {
            let at = ours
                .iter()
                .zip(&theirs)
                .position(|(a, b)| a != b)
                .unwrap_or(0);
            panic!(
                "{}: segments differ at #{at}: ours {:?}, unicode-segmentation {:?}",
                d.id,
                ours.get(at),
                theirs.get(at)
            );
        }
        bytes += d.text.len();
        segments += theirs.len();
        let t = Instant::now();
        let fast_tokens = tokenize(&d.text, d.layout, TokenizeOptions::default());
        tok_fast += t.elapsed().as_secs_f64();
        let t = Instant::now();
        let reference_tokens = tokenize_unicode(&d.text, d.layout, TokenizeOptions::default());
        tok_reference += t.elapsed().as_secs_f64();
        if let Some(at) = fast_tokens
            .iter()
            .zip(&reference_tokens)
            .position(|(a, b)| a != b)
            .or((fast_tokens.len() != reference_tokens.len()).then_some(0))
        {
            panic!(
                "{}: tokens differ at #{at}: fast {:?}, unicode-segmentation {:?}",
                d.id,
                fast_tokens.get(at),
                reference_tokens.get(at)
            );
        }
        tokens += fast_tokens.len();
    }
    let mb = bytes as f64 / 1e6;
    println!(
        "{} documents, {mb:.1} MB, {segments} segments: identical. fast path {:.0} MB/s, unicode-segmentation {:.0} MB/s ({:.1}x)",
        c.docs.len(),
        mb / fast,
        mb / reference,
        reference / fast
    );
    println!(
        "{tokens} tokens: identical. tokeniser {:.0} MB/s, on unicode-segmentation alone {:.0} MB/s ({:.1}x)",
        mb / tok_fast,
        mb / tok_reference,
        tok_reference / tok_fast
    );
}
