//! Criterion benchmarks on real statements, one per stage of the pipeline, on
//! `tests/data/quotes/docs` (80 UN General Debate speeches, White House statements and the seed,
//! 0.7 MB), or on the folder named by `VERBALE_BENCH_CORPUS`:
//! decode (bytes to text), normalise (decode + line endings, mojibake, line-break hyphens, NFC),
//! tokenise, quotes (pair and classify), stem (every distinct form once), count (the whole
//! per-document analysis and the merge), frames (the polars tables), and the streaming read of
//! the folder from disk that `freq` does; then rendering each chart kind from `data/`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::path::PathBuf;
use verbale::analysis::{self, Options};
use verbale::corpus::{self, LoadOptions};
use verbale::quotes::{classify, model, pair_quotes};
use verbale::text::{fold, tokenize, Lang, StemCache, TokenizeOptions};

fn corpus_dir() -> PathBuf {
    std::env::var_os("VERBALE_BENCH_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/quotes/docs"))
}

fn bench(c: &mut Criterion) {
    let dir = corpus_dir();
    let lopts = LoadOptions::default();
    let files = corpus::find_files(std::slice::from_ref(&dir), &lopts).expect("corpus");
    let raw: Vec<Vec<u8>> = files
        .iter()
        .filter_map(|(_, p)| std::fs::read(p.as_ref()?).ok())
        .collect();
    let loaded = corpus::load(std::slice::from_ref(&dir), &lopts).expect("load");
    let bytes: u64 = raw.iter().map(|b| b.len() as u64).sum();
    let opts = Options::new(Lang::english());
    let tokens: Vec<_> = loaded
        .docs
        .iter()
        .map(|d| tokenize(&d.text, d.layout, TokenizeOptions::default()))
        .collect();
    let mut forms: Vec<String> = loaded
        .docs
        .iter()
        .zip(&tokens)
        .flat_map(|(d, t)| {
            t.iter()
                .filter(|t| t.kind.is_countable())
                .map(|t| fold(t.text(&d.text)))
        })
        .collect();
    forms.sort_unstable();
    forms.dedup();

    let mut g = c.benchmark_group("pipeline");
    g.throughput(Throughput::Bytes(bytes));
    g.sample_size(20);
    g.bench_function("decode", |b| {
        b.iter(|| {
            raw.iter()
                .map(|r| corpus::decode_owned(r.clone(), &dir, true).map_or(0, |t| t.0.len()))
                .sum::<usize>()
        })
    });
    g.bench_function("normalise", |b| {
        b.iter(|| {
            corpus::load(std::slice::from_ref(&dir), &lopts)
                .unwrap()
                .docs
                .len()
        })
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
    g.bench_function("quotes (pair + classify)", |b| {
        b.iter(|| {
            let mut kinds = 0;
            for (d, t) in loaded.docs.iter().zip(&tokens) {
                let stop_at = |i: usize| opts.stopwords.contains(&fold(t[i].text(&d.text)));
                let facts = classify::Facts::new(&d.text, t, 0..t.len(), stop_at);
                for p in pair_quotes(&d.text, t).pairs {
                    let at = classify::SpanAt {
                        open: p.open_tok as usize,
                        close: p.close_tok as usize,
                        nested: p.depth > 0,
                    };
                    let stop = |w: &str| opts.stopwords.contains(w);
                    let lex = &opts.lexicons;
                    let ev = classify::gather(&d.text, t, &facts, at, lex, stop, |_| true);
                    let model = opts.lexicons.model.as_ref();
                    let p = match model {
                        Some(m) => m.probabilities(&model::features(
                            &d.text,
                            t,
                            at,
                            &ev,
                            model::Elsewhere::default(),
                        )),
                        None => classify::probabilities(&ev),
                    };
                    kinds += model::decide(p, opts.min_scare).0 as usize;
                }
            }
            kinds
        })
    });
    g.bench_function("stem (distinct forms)", |b| {
        b.iter(|| {
            let mut st = StemCache::new(Lang::english(), opts.rules, true);
            forms.iter().map(|f| st.stem(f).len()).sum::<usize>()
        })
    });
    g.bench_function("count (whole analysis + merge)", |b| {
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
    g.bench_function("freq end to end (stream from disk + merge)", |b| {
        b.iter(|| {
            analysis::analyse_files(std::slice::from_ref(&dir), &lopts, &opts)
                .unwrap()
                .0
                .docs
                .len()
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
    let sim = verbale::compare::similarity_of(&a, &ungd, false).unwrap();
    let ids: Vec<String> = ungd.iter().map(|&i| a.docs[i].id.clone()).collect();
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
    // Dispersion includes finding the document's token positions, as the command does.
    g.bench_function("dispersion", |b| {
        b.iter(|| {
            let positions = verbale::analysis::positions(&seed, &opts);
            let terms = [("elections".to_string(), opts.term_key("elections"))];
            let spec = kinds::dispersion(&positions, &terms, "seed", 20).unwrap();
            chart::render(&spec, size, ImageFormat::Png).unwrap().len()
        })
    });
    g.finish();
}

criterion_group!(benches, bench, charts);
criterion_main!(benches);
