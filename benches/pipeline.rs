//! Criterion benchmarks on real statements: the text pipeline on `tests/data/quotes/docs` (80
//! UN General Debate speeches, White House statements and the seed, 0.7 MB): decoding and
//! normalising, tokenising, and the whole count (tokenise + pair quotes + classify + stem +
//! count + merge), then building the frames; and rendering each chart kind from `data/`.

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

/// Rendering each chart kind from the bundled corpus (`data/statements`) to PNG, 1000×700.
fn charts(c: &mut Criterion) {
    use verbale::chart::{self, kinds, ImageFormat, Size};
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/statements");
    let loaded = corpus::load(std::slice::from_ref(&dir), &LoadOptions::default()).expect("load");
    let opts = Options::new(Lang::english());
    let a = analysis::analyse(&loaded.docs, &opts);
    let all: Vec<usize> = (0..a.docs.len()).collect();
    let seed: Vec<_> = loaded
        .docs
        .iter()
        .filter(|d| d.id.starts_with("seed/"))
        .cloned()
        .collect();
    let aze = loaded
        .docs
        .iter()
        .position(|d| d.id == "ungd/AZE_75_2020")
        .expect("bundled");
    let arm = loaded
        .docs
        .iter()
        .position(|d| d.id == "ungd/ARM_75_2020")
        .expect("bundled");
    let key = verbale::compare::keyness(&a, &[aze], &[arm], Default::default()).unwrap();
    let ungd: Vec<usize> = (0..a.docs.len())
        .filter(|&i| a.docs[i].id.starts_with("ungd/"))
        .collect();
    let sub = verbale::analysis::Analysis {
        docs: ungd.iter().map(|&i| a.docs[i].clone()).collect(),
        terms: a.terms.clone(),
        doc_terms: ungd.iter().map(|&i| a.doc_terms[i].clone()).collect(),
    };
    let sim = verbale::compare::similarity(&sub, false).unwrap();
    let ids: Vec<String> = sub.docs.iter().map(|d| d.id.clone()).collect();
    let size = Size {
        width: 1000,
        height: 700,
    };
    let mut g = c.benchmark_group("chart");
    g.sample_size(20);
    let specs = [
        ("freq", kinds::freq(&a, &all, 20, "data").unwrap()),
        ("quotes", kinds::quotes(&a, &all, 20, "data").unwrap()),
        ("keyness", kinds::keyness(&key, 12, "AZE", "ARM").unwrap()),
        (
            "similarity",
            kinds::similarity(&sim, &ids, "cosine", "ungd").unwrap(),
        ),
        ("cues", kinds::cues(&a, false, 20, "data").unwrap()),
    ];
    for (name, spec) in &specs {
        g.bench_function(*name, |b| {
            b.iter(|| chart::render(spec, size, ImageFormat::Png).unwrap().len())
        });
    }
    // Dispersion includes re-reading the document's tokens, as the command does.
    g.bench_function("dispersion", |b| {
        b.iter(|| {
            let spec = kinds::dispersion(&seed, &opts, &["elections".to_string()], "seed").unwrap();
            chart::render(&spec, size, ImageFormat::Png).unwrap().len()
        })
    });
    g.finish();
}

criterion_group!(benches, bench, charts);
criterion_main!(benches);
