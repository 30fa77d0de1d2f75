//! The floor under `verbale freq`: the least a word-counting pass costs on this machine. It reads
//! every `.txt` file of a folder in parallel (rayon), cuts runs of ASCII letters and digits with
//! a byte loop, lower-cases them, and counts them per thread under packed integer keys, then
//! sums the threads' maps. No Unicode word boundaries, no normalisation, no quotation marks, no
//! stems, no output file: a program that does less of the job could hardly be faster, so
//! `benches/compare_peers.sh` times it beside verbale to show how far a speed goal sits from
//! the bottom.
//!
//! Usage: `cargo bench --bench floor -- CORPUS_DIR` (prints files, tokens and distinct words).

use ahash::AHashMap;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

fn txt_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    // As verbale reads a folder of statements: hidden names and READMEs left out; symbolic
    // links are not followed (no loops to guard against).
    for e in entries.flatten() {
        let path = e.path();
        let name = e.file_name().to_string_lossy().to_lowercase();
        if name.starts_with('.') || name.starts_with("readme.") {
            continue;
        }
        match e.file_type() {
            Ok(t) if t.is_dir() => txt_files(&path, out),
            Ok(t) if t.is_file() && name.ends_with(".txt") => out.push(path),
            _ => {}
        }
    }
}

#[derive(Default)]
struct Counts {
    short: AHashMap<u128, u64>,
    long: AHashMap<Vec<u8>, u64>,
}

impl Counts {
    fn add(mut self, b: &[u8]) -> Self {
        let n = b.len();
        let mut i = 0;
        while i < n {
            while i < n && !b[i].is_ascii_alphanumeric() {
                i += 1;
            }
            let start = i;
            while i < n && b[i].is_ascii_alphanumeric() {
                i += 1;
            }
            let w = &b[start..i];
            if w.is_empty() {
                continue;
            }
            if w.len() <= 16 {
                let mut k = [0u8; 16];
                k[..w.len()].copy_from_slice(w);
                k.make_ascii_lowercase();
                *self.short.entry(u128::from_le_bytes(k)).or_default() += 1;
            } else {
                *self.long.entry(w.to_ascii_lowercase()).or_default() += 1;
            }
        }
        self
    }

    fn merge(mut self, other: Counts) -> Self {
        for (k, v) in other.short {
            *self.short.entry(k).or_default() += v;
        }
        for (k, v) in other.long {
            *self.long.entry(k).or_default() += v;
        }
        self
    }
}

fn main() {
    let Some(dir) = std::env::args().skip(1).find(|a| !a.starts_with('-')) else {
        eprintln!("usage: cargo bench --bench floor -- CORPUS_DIR");
        std::process::exit(2);
    };
    let mut files = Vec::new();
    txt_files(Path::new(&dir), &mut files);
    let counts = files
        .par_iter()
        .fold(Counts::default, |c, p| match std::fs::read(p) {
            Ok(b) => c.add(&b),
            Err(_) => c,
        })
        .reduce(Counts::default, Counts::merge);
    let tokens: u64 = counts.short.values().chain(counts.long.values()).sum();
    let distinct = counts.short.len() + counts.long.len();
    println!(
        "{} files, {tokens} tokens, {distinct} distinct",
        files.len()
    );
}
