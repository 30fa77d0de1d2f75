//! Whole-corpus check that the segmenter's ASCII fast path cuts exactly where
//! unicode-segmentation does: `cargo bench --bench segment_equality -- DIR...` (default: the
//! fixtures in `tests/data`). Every file is decoded and normalised as verbale reads it, then
//! both segmentations are compared; the run fails on the first difference.

use std::path::PathBuf;
use std::time::Instant;
use unicode_segmentation::UnicodeSegmentation;
use verbale::corpus::{self, LoadOptions};
use verbale::text::segment::segment_into;

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
    let (mut ours, mut bytes, mut segments) = (Vec::new(), 0usize, 0usize);
    let (mut fast, mut reference) = (0f64, 0f64);
    for d in &c.docs {
        let t = Instant::now();
        segment_into(&d.text, &mut ours);
        fast += t.elapsed().as_secs_f64();
        let t = Instant::now();
        let theirs: Vec<(u32, u32)> = d
            .text
            .split_word_bound_indices()
            .filter(|(_, s)| !is_ws(s))
            .map(|(s, seg)| (s as u32, (s + seg.len()) as u32))
            .collect();
        reference += t.elapsed().as_secs_f64();
        ours.retain(|&(s, e)| !is_ws(&d.text[s as usize..e as usize]));
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
    }
    let mb = bytes as f64 / 1e6;
    println!(
        "{} documents, {mb:.1} MB, {segments} segments: identical. fast path {:.0} MB/s, unicode-segmentation {:.0} MB/s ({:.1}x)",
        c.docs.len(),
        mb / fast,
        mb / reference,
        reference / fast
    );
}
