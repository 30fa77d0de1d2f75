//! Criterion benchmarks of the text pipeline on real statements (`tests/data/quotes/docs`, 80
//! UN General Debate speeches, White House statements and the seed, 0.7 MB): decoding and
//! normalising, tokenising, and the whole count (tokenise + pair quotes + classify + stem +
//! count + merge), then building the frames.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::path::PathBuf;
use verbale::analysis::{self, Options};
use verbale::corpus::{self, LoadOptions};
use verbale::text::{tokenize, Lang, TokenizeOptions};

fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/quotes/docs")
}

fn bench(c: &mut Criterion) {
    let dir = corpus_dir();
    let loaded = corpus::load(std::slice::from_ref(&dir), &LoadOptions::default()).expect("load");
    let bytes: u64 = loaded.docs.iter().map(|d| d.text.len() as u64).sum();
    let opts = Options::new(Lang::english());
    let mut g = c.benchmark_group("pipeline");
    g.throughput(Throughput::Bytes(bytes));
    g.sample_size(20);
    g.bench_function("load+normalise", |b| {
        b.iter(|| corpus::load(std::slice::from_ref(&dir), &LoadOptions::default()).unwrap())
    });
    g.bench_function("tokenise", |b| {
        b.iter(|| {
            loaded
                .docs
                .iter()
                .map(|d| tokenize(&d.text, d.layout, TokenizeOptions::default()).len())
                .sum::<usize>()
        })
    });
    g.bench_function("analyse (tokenise+quotes+stem+count)", |b| {
        b.iter(|| analysis::analyse(&loaded.docs, &opts))
    });
    let a = analysis::analyse(&loaded.docs, &opts);
    g.bench_function("frames (terms+corpus_terms+quotes)", |b| {
        b.iter(|| {
            let sel = verbale::frames::Selection::default();
            (
                verbale::frames::terms(&a, sel).unwrap().height(),
                verbale::frames::corpus_terms(&a, sel).unwrap().height(),
                verbale::frames::quotes(&a, Default::default())
                    .unwrap()
                    .height(),
            )
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
