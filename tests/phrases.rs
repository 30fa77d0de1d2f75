//! Phrases: n-grams against a plain sliding-window count, collocations against quanteda's
//! published values, window collocates against counts made here, multiword terms (`--phrases`,
//! `--compound-top`) against the counts without them, and the bad input of each.

use crate::common::{csv_bytes, data, fixture_docs, nums, strs, verbale};
use polars::prelude::*;
use std::collections::HashMap;
use verbale::text::{fold, tokenize, Lang, Rules, StemCache, TokenKind, TokenizeOptions};

/// Runs verbale, which must succeed, with its table as CSV on standard output.
fn run(args: &[&str]) -> DataFrame {
    let o = verbale()
        .args(args)
        .args(["-o", "-", "--format", "csv"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "verbale {args:?}: {err}");
    csv_bytes(o.stdout)
}

fn fails(args: &[&str], code: i32) -> String {
    let o = verbale().args(args).output().unwrap();
    assert_eq!(o.status.code(), Some(code), "verbale {args:?}");
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Each document's runs of words that n-grams may cross: one sentence, no punctuation or
/// symbol between two words unless a hyphen or slash touches both (`rules-based`), and no
/// mark of a quotation of two words or more (those of a quoted word do not break a run).
/// Words as stems.
fn runs(docs: &[verbale::corpus::Document]) -> Vec<Vec<String>> {
    let st = StemCache::new(Lang::english(), Rules::default(), true);
    let mut out = Vec::new();
    for d in docs {
        let toks = tokenize(&d.text, d.layout, TokenizeOptions::default());
        // The marks (token indices) of the quotations holding two words or more.
        let phrase_marks: Vec<usize> = verbale::quotes::pair_quotes(&d.text, &toks)
            .pairs
            .iter()
            .filter(|p| {
                let inside = &toks[p.open_tok as usize + 1..p.close_tok as usize];
                inside.iter().filter(|t| t.kind.is_countable()).count() >= 2
            })
            .flat_map(|p| [p.open_tok as usize, p.close_tok as usize])
            .collect();
        let mut run: Vec<String> = Vec::new();
        let mut last: Option<usize> = None;
        for (i, t) in toks.iter().enumerate() {
            if !t.kind.is_countable() {
                continue;
            }
            if let Some(w) = last {
                let prev = toks[w];
                let between = &toks[w + 1..i];
                let puncts: Vec<_> = between
                    .iter()
                    .filter(|b| matches!(b.kind, TokenKind::Punct | TokenKind::Symbol))
                    .collect();
                let joined = between.len() == 1
                    && puncts.len() == 1
                    && prev.end == puncts[0].start
                    && puncts[0].end == t.start;
                // A sentence wrapped over lines of a one-paragraph-per-line file is one
                // sentence across its paragraphs.
                let broken = prev.sentence != t.sentence
                    || (!puncts.is_empty() && !joined)
                    || phrase_marks.iter().any(|&m| w < m && m < i);
                if broken {
                    out.push(std::mem::take(&mut run));
                }
            }
            run.push(st.stem_once(&fold(t.text(&d.text))));
            last = Some(i);
        }
        out.push(run);
    }
    out
}

#[test]
fn ngram_counts_equal_a_plain_sliding_window() {
    let docs = fixture_docs();
    let runs = runs(&docs);
    let dir = data("quotes/docs");
    let dir = dir.to_str().unwrap();
    let mut all: HashMap<String, i64> = HashMap::new();
    for r in &runs {
        for n in 2..=4 {
            for w in r.windows(n) {
                *all.entry(w.join(" ")).or_default() += 1;
            }
        }
    }
    // The 2- to 4-grams of the fixture documents at a minimum, with `jobs` workers.
    let ngrams = |min: i64, jobs: &str| {
        let m = min.to_string();
        run(&[
            "ngrams",
            dir,
            "--n",
            "2",
            "--n-max",
            "4",
            "--stopwords",
            "none",
            "--min-count",
            &m,
            "--jobs",
            jobs,
        ])
    };
    // From 8 up, the n-grams that cannot reach the minimum are sorted out by a sketch of the
    // counts first: it must never drop one that does.
    for (min, at_least) in [(2, 1000), (8, 100), (25, 20)] {
        let df = ngrams(min, "2");
        let got: HashMap<String, i64> = strs(&df, "ngram")
            .into_iter()
            .zip(nums(&df, "count").into_iter().map(|c| c as i64))
            .collect();
        let mut want = all.clone();
        want.retain(|_, c| *c >= min);
        assert!(want.len() > at_least, "a real test: {} n-grams", want.len());
        assert_eq!(
            got.len(),
            want.len(),
            "the same n-grams at --min-count {min}"
        );
        for (k, c) in &want {
            assert_eq!(got.get(k), Some(c), "{k} at --min-count {min}");
        }
    }
    // Every column of the sketched rows (documents, quoted, scare, the form shown), counted by
    // one worker or by three over their own documents, equals those of the rows counted
    // without a sketch that reach the minimum.
    let rows = |min: u64, keep: u64, jobs: &str| -> Vec<String> {
        let df = ngrams(min as i64, jobs);
        let cols: Vec<Vec<String>> = df.get_column_names().iter().map(|c| strs(&df, c)).collect();
        let counts = nums(&df, "count");
        let mut out: Vec<String> = (0..df.height())
            .filter(|&i| counts[i] as u64 >= keep)
            .map(|i| {
                cols.iter()
                    .map(|c| c[i].as_str())
                    .collect::<Vec<_>>()
                    .join("|")
            })
            .collect();
        out.sort();
        out
    };
    for min in [8, 25] {
        let want = rows(2, min, "2");
        assert!(want.len() > 20, "a real test: {} rows", want.len());
        for jobs in ["1", "3"] {
            assert_eq!(
                rows(min, min, jobs),
                want,
                "--min-count {min} --jobs {jobs}"
            );
        }
    }
}

#[test]
fn collocations_give_quanteda_lambda_and_z() {
    // quanteda.textstats' own test: size 2, min_count 2, lower-cased, nothing removed.
    let t = tempfile::tempdir().unwrap();
    let texts = [
        "I like good ice cream.",
        "Me too!  I like good ice cream.",
        "",
    ];
    for (i, x) in texts.iter().enumerate() {
        std::fs::write(t.path().join(format!("{i}.txt")), x).unwrap();
    }
    let p = t.path().to_str().unwrap();
    let df = run(&["collocations", p, "--stopwords", "none", "--no-stem", "-q"]);
    let mut got = strs(&df, "collocation");
    got.sort();
    assert_eq!(got, ["good ice", "i like", "ice cream", "like good"]);
    for (c, (l, z)) in nums(&df, "count")
        .iter()
        .zip(nums(&df, "lambda").iter().zip(nums(&df, "z")))
    {
        assert_eq!(*c, 2.0);
        assert!((l - 4.317488).abs() < 5e-7, "lambda {l}");
        assert!((z - 2.027787).abs() < 5e-7, "z {z}");
    }
}

/// A bigram's margins are printed, and its measures follow from them and its count with the
/// formulas of NLTK's `BigramAssocMeasures`: a reader can check every score from the table.
#[test]
fn collocation_margins_give_back_their_scores() {
    let t = tempfile::tempdir().unwrap();
    let texts = [
        "I like good ice cream. Good ice is rare.",
        "Me too! I like good ice cream and good tea.",
    ];
    for (i, x) in texts.iter().enumerate() {
        std::fs::write(t.path().join(format!("{i}.txt")), x).unwrap();
    }
    let p = t.path().to_str().unwrap();
    let df = run(&["collocations", p, "--stopwords", "none", "--no-stem", "-q"]);
    // Windows of two words within a sentence, counted here: one fewer than its words.
    let windows: f64 = texts
        .iter()
        .flat_map(|x| x.split(['.', '!']))
        .map(|s| s.split_whitespace().count().saturating_sub(1) as f64)
        .sum();
    let pairs: Vec<(String, String)> = texts
        .iter()
        .flat_map(|x| x.split(['.', '!']))
        .flat_map(|s| {
            let w: Vec<String> = s.split_whitespace().map(|w| w.to_lowercase()).collect();
            w.windows(2)
                .map(|p| (p[0].clone(), p[1].clone()))
                .collect::<Vec<_>>()
        })
        .collect();
    let names = strs(&df, "collocation");
    let row = names
        .iter()
        .position(|c| c == "good ice")
        .expect("good ice");
    let col = |c: &str| nums(&df, c)[row];
    let first = pairs.iter().filter(|p| p.0 == "good").count() as f64;
    let second = pairs.iter().filter(|p| p.1 == "ice").count() as f64;
    assert_eq!((col("count"), col("windows")), (3.0, windows));
    assert_eq!((col("first_count"), col("second_count")), (first, second));
    assert_eq!(
        (first, second),
        (4.0, 3.0),
        "a real test: the margins differ from the count"
    );
    let (o, n) = (col("count"), windows);
    assert!((col("pmi") - (o * n / (first * second)).log2()).abs() < 1e-9);
    assert!((col("dice") - 2.0 * o / (first + second)).abs() < 1e-9);
    let cells = [o, first - o, second - o, n - first - second + o];
    let expect = [
        first * second / n,
        first * (n - second) / n,
        (n - first) * second / n,
        (n - first) * (n - second) / n,
    ];
    let g2: f64 = 2.0
        * cells
            .iter()
            .zip(expect)
            .filter(|(c, _)| **c > 0.0)
            .map(|(c, e)| c * (c / e).ln())
            .sum::<f64>();
    assert!(
        (col("g2") - g2).abs() < 1e-6,
        "g2 {} against {g2}",
        col("g2")
    );
}

/// A node of two words is counted as one term, as `--phrases` with that phrase counts it.
#[test]
fn a_phrase_named_as_the_node_is_one_term() {
    let corpus = crate::common::root().join("data/statements");
    let c = corpus.to_str().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("p.txt");
    std::fs::write(&list, "security council\n").unwrap();
    let common = ["--window", "3", "--min-count", "1"];
    let named = run(&[&["collocates", "security council", c][..], &common].concat());
    let listed = run(&[
        &["collocates", "security council", c, "--phrases"][..],
        &[list.to_str().unwrap()],
        &common,
    ]
    .concat());
    assert!(named.height() > 5, "{named}");
    assert!(named.equals(&listed), "{named}\n{listed}");
    // The node's own words are inside it, never around it.
    let words = strs(&named, "collocate");
    assert!(!words.iter().any(|w| w == "secur"), "{words:?}");
}

#[test]
fn collocates_count_the_words_in_the_window() {
    let seed = crate::common::seed();
    let s = seed.to_str().unwrap();
    let df = run(&[
        "collocates",
        "security",
        s,
        "--window",
        "3",
        "--min-count",
        "1",
        "--stopwords",
        "none",
    ]);
    // Counted here: every word within 3 words of a `secur` stem, on either side.
    let docs = verbale::corpus::load(std::slice::from_ref(&seed), &Default::default())
        .unwrap()
        .docs;
    let st = StemCache::new(Lang::english(), Rules::default(), true);
    let words: Vec<String> = tokenize(&docs[0].text, docs[0].layout, Default::default())
        .iter()
        .filter(|t| t.kind.is_countable())
        .map(|t| st.stem_once(&fold(t.text(&docs[0].text))))
        .collect();
    let mut want: HashMap<String, i64> = HashMap::new();
    for (i, w) in words.iter().enumerate() {
        if w == "secur" {
            let lo = i.saturating_sub(3);
            let hi = (i + 3).min(words.len() - 1);
            for (j, c) in words.iter().enumerate().take(hi + 1).skip(lo) {
                if j != i {
                    *want.entry(c.clone()).or_default() += 1;
                }
            }
        }
    }
    let got: HashMap<String, i64> = strs(&df, "collocate")
        .into_iter()
        .zip(nums(&df, "count").into_iter().map(|c| c as i64))
        .collect();
    assert!(got.contains_key("council"), "{got:?}");
    assert_eq!(got, want);
}

/// A collocate is shown in its most frequent spelling, as `freq` shows a term (`Iran`, not the
/// folded `iran`), whether the texts come from files or standard input.
#[test]
fn collocates_show_the_corpus_spelling() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Sanctions on Iran. Iran rejects sanctions. iran and sanctions again.";
    std::fs::write(dir.path().join("a.txt"), text).unwrap();
    let args = [
        "collocates",
        "sanctions",
        "--min-count",
        "1",
        "--stopwords",
        "none",
    ];
    let df = run(&[&args[..], &[dir.path().to_str().unwrap()]].concat());
    let (terms, forms) = (strs(&df, "collocate"), strs(&df, "form"));
    let at = terms.iter().position(|t| t == "iran").unwrap();
    assert_eq!(forms[at], "Iran", "{forms:?}");
    let o = verbale()
        .args(args)
        .args(["-", "-o", "-", "--format", "csv"])
        .write_stdin(text)
        .output()
        .unwrap();
    assert!(o.status.success());
    let df = csv_bytes(o.stdout);
    let (terms, forms) = (strs(&df, "collocate"), strs(&df, "form"));
    let at = terms.iter().position(|t| t == "iran").unwrap();
    assert_eq!(forms[at], "Iran", "standard input: {forms:?}");
}

#[test]
fn phrases_count_as_one_term_and_take_their_words_from_the_totals() {
    let seed = crate::common::seed();
    let s = seed.to_str().unwrap();
    let csv = ["--stopwords", "none"];
    let plain = run(&[&["freq", s][..], &csv].concat());
    let joined = run(&[&["freq", s, "--phrases", "un"][..], &csv].concat());
    let terms = strs(&joined, "term");
    let counts = nums(&joined, "count");
    let phrase_words: f64 = terms
        .iter()
        .zip(&counts)
        .map(|(t, c)| (t.split(' ').count() - 1) as f64 * c)
        .sum();
    // A phrase's term is its words as written, the last stemmed (as quanteda stems a
    // compound token).
    assert!(terms.iter().any(|t| t == "security council"), "{terms:?}");
    let total = |df: &DataFrame| nums(df, "count").iter().sum::<f64>();
    assert_eq!(total(&plain) - total(&joined), phrase_words);
    // The phrase's count is its bigram count where no longer phrase took it.
    let bigrams = run(&[
        "ngrams",
        s,
        "--n",
        "2",
        "--min-count",
        "1",
        "--stopwords",
        "none",
    ]);
    let of = |df: &DataFrame, col: &str, key: &str| {
        strs(df, col)
            .iter()
            .position(|t| t == key)
            .map(|i| nums(df, "count")[i])
    };
    assert_eq!(
        of(&joined, "term", "security council"),
        of(&bigrams, "ngram", "secur council")
    );
    // kwic finds the phrase as a whole, and no longer finds its words alone inside it.
    let hits = |args: &[&str]| run(&[&["kwic", s][..], args].concat());
    let whole = hits(&["security council", "--phrases", "un"]).height();
    assert_eq!(Some(whole as f64), of(&bigrams, "ngram", "secur council"));
    let alone = hits(&["council", "--phrases", "un"]).height() as f64;
    let in_phrases: f64 = terms
        .iter()
        .zip(&counts)
        .filter(|(t, _)| t.contains(' ') && t.split(' ').any(|w| w == "council"))
        .map(|(_, c)| c)
        .sum();
    assert!(in_phrases > whole as f64, "other councils are phrases too");
    assert_eq!(alone + in_phrases, hits(&["council"]).height() as f64);
}

#[test]
fn the_strongest_collocations_become_terms() {
    let dir = data("quotes/docs");
    let d = dir.to_str().unwrap();
    let df = run(&["freq", d, "--compound-top", "10", "-q", "--top", "100000"]);
    let multi = strs(&df, "term")
        .into_iter()
        .filter(|t| t.contains(' '))
        .count();
    assert!((1..=10).contains(&multi), "{multi} multiword terms");
}

#[test]
fn bad_phrase_input_gets_clear_messages() {
    let seed = crate::common::seed();
    let s = seed.to_str().unwrap();
    let t = tempfile::tempdir().unwrap();
    let empty = t.path().join("empty.txt");
    std::fs::write(&empty, "# nothing here\n\nword\n").unwrap();
    let e = fails(&["freq", s, "--phrases", empty.to_str().unwrap()], 2);
    assert!(e.contains("no phrases of two words or more"), "{e}");
    let e = fails(&["freq", s, "--phrases", "no/such/list.txt"], 1);
    assert!(e.contains("cannot read"), "{e}");
    // A phrase longer than any sentence of the document: a warning, the counts as without.
    let long = t.path().join("long.txt");
    std::fs::write(&long, "the republic shall never recognise it again\n").unwrap();
    let o = verbale()
        .args(["freq", s, "--phrases", long.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("its phrase never occurs"), "{err}");
    for (args, needle) in [
        (&["ngrams", s, "--n", "0"][..], "--n"),
        (&["ngrams", s, "--n", "9"][..], "--n"),
        (
            &["collocates", "security", s, "--window", "0"][..],
            "no word around",
        ),
        (&["collocations", s, "--size", "6"][..], "from 2 to 5"),
        (
            &["collocates", "elect*", s][..],
            "collocates takes a word or a phrase, not a pattern",
        ),
        (&["freq", "-", "--compound-top", "5"][..], "standard input"),
    ] {
        let e = fails(args, 2);
        assert!(e.contains(needle), "{args:?}: {e}");
    }
    let o = verbale()
        .args(["ngrams", s, "--n", "5", "--min-count", "50"])
        .output()
        .unwrap();
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("no 5-grams seen at least 50 times"));
}

#[test]
fn ngram_keyness_counts_each_side_and_scores_as_unigrams_do() {
    let seed = crate::common::seed();
    let other = data("quotes/docs/ungd_AZE_75_2020.txt");
    let (s, r) = (seed.to_str().unwrap(), other.to_str().unwrap());
    let df = run(&["compare", s, r, "--ngrams", "2", "--stopwords", "none"]);
    let load = |p: &std::path::Path| {
        verbale::corpus::load(&[p.to_path_buf()], &Default::default())
            .unwrap()
            .docs
    };
    let count = |p: &std::path::Path| {
        let mut m: HashMap<String, f64> = HashMap::new();
        let mut windows = 0.0;
        for run in runs(&load(p)) {
            for w in run.windows(2) {
                *m.entry(w.join(" ")).or_default() += 1.0;
                windows += 1.0;
            }
        }
        (m, windows)
    };
    let ((tm, t1), (rm, t2)) = (count(&seed), count(&other));
    let names = strs(&df, "ngram");
    assert_eq!(
        names.len(),
        tm.keys()
            .chain(rm.keys())
            .collect::<std::collections::HashSet<_>>()
            .len()
    );
    let (tc, rc, g2) = (nums(&df, "target"), nums(&df, "reference"), nums(&df, "g2"));
    for (i, k) in names.iter().enumerate() {
        let (a, b) = (*tm.get(k).unwrap_or(&0.0), *rm.get(k).unwrap_or(&0.0));
        assert_eq!((tc[i], rc[i]), (a, b), "{k}");
        // G² without correction (quanteda's measure = "lr", correction = "none"), signed.
        let n = t1 + t2;
        let cells = [
            (a, (a + b) * t1 / n),
            (b, (a + b) * t2 / n),
            (t1 - a, (n - a - b) * t1 / n),
            (t2 - b, (n - a - b) * t2 / n),
        ];
        let g: f64 = 2.0
            * cells
                .iter()
                .filter(|c| c.0 > 0.0)
                .map(|(o, e)| o * (o / e).ln())
                .sum::<f64>();
        let signed = if a / t1 >= b / t2 { g } else { -g };
        assert!(
            (signed - g2[i]).abs() < 1e-9 * g.max(1.0),
            "{k}: {signed} vs {}",
            g2[i]
        );
    }
}

#[test]
fn phrase_charts_draw_and_ask_for_their_word() {
    let seed = crate::common::seed();
    let s = seed.to_str().unwrap();
    let t = tempfile::tempdir().unwrap();
    for (kind, extra) in [
        ("ngrams", &[][..]),
        ("collocates", &["--terms", "territories"][..]),
    ] {
        let out = t.path().join(format!("{kind}.png"));
        let o = verbale()
            .args(["chart", kind, s, "-q", "-o"])
            .arg(&out)
            .args(extra)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let png = std::fs::read(&out).unwrap();
        assert!(png.starts_with(b"\x89PNG") && png.len() > 10_000, "{kind}");
    }
    let never = t.path().join("never.png");
    let e = fails(
        &["chart", "collocates", s, "-o", never.to_str().unwrap()],
        2,
    );
    assert!(e.contains("--terms"), "{e}");
}

/// A quoted phrase of two words or more is a unit of its own: no n-gram runs into or out of
/// it; a quoted word joins the words around it (`so-called “elections”`).
#[test]
fn ngrams_keep_a_quoted_phrase_whole_and_join_a_quoted_word() {
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("q.txt");
    std::fs::write(
        &f,
        "We fell into the trap of “clash of civilizations” theory.\n\n\
         The so-called “elections” were held.\n\nThe so-called “green corridors” opened.\n",
    )
    .unwrap();
    let f = f.to_str().unwrap();
    let df = run(&[
        "ngrams",
        f,
        "--n",
        "2",
        "--n-max",
        "4",
        "--stopwords",
        "none",
        "--min-count",
        "1",
    ]);
    // Spelt as the text most often writes each word: `The`, twice at a sentence's start.
    let forms: Vec<String> = strs(&df, "form").iter().map(|f| f.to_lowercase()).collect();
    for want in [
        "clash of civilizations",
        "green corridors",
        "so-called elections",
        "the so-called elections were",
    ] {
        assert!(forms.iter().any(|f| f == want), "{want} in {forms:?}");
    }
    for cut in [
        "of clash",
        "civilizations theory",
        "so-called green",
        "corridors opened",
        "trap of clash of",
    ] {
        assert!(!forms.iter().any(|f| f.contains(cut)), "{cut} in {forms:?}");
    }
}

/// An n-gram is shown as the corpus writes it: a word mostly lower case alone but often
/// capitalised (`security`, from `Security Council`) is capitalised before a capitalised word,
/// and a verb before a name is not (`support Ukraine`).
#[test]
fn ngram_forms_are_spelt_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("s.txt");
    std::fs::write(
        &f,
        "The Security Council met. We support Ukraine. International security matters. \
         The Security Council acted. We support Ukraine again. Food security and energy security. \
         The Security Council voted. Regional security first.",
    )
    .unwrap();
    let df = run(&["ngrams", f.to_str().unwrap(), "--min-count", "2"]);
    let forms = strs(&df, "form");
    assert!(forms.iter().any(|f| f == "Security Council"), "{forms:?}");
    assert!(forms.iter().any(|f| f == "support Ukraine"), "{forms:?}");
}

/// A collocate counts every form of its stem, and its form says so as `freq` does: `peace`
/// and `peaceful` near `security` are one row, shown `peace/peaceful`.
#[test]
fn a_collocate_shows_the_words_its_stem_counts() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("s.txt");
    std::fs::write(
        &f,
        "Peace and security matter. Peaceful security is the goal. Peace and security again. \
         Peaceful means and security.",
    )
    .unwrap();
    let df = run(&[
        "collocates",
        "security",
        f.to_str().unwrap(),
        "--min-count",
        "1",
    ]);
    let (terms, forms) = (strs(&df, "collocate"), strs(&df, "form"));
    let at = terms
        .iter()
        .position(|t| t == "peac")
        .expect("peace is a collocate");
    assert_eq!(forms[at], "Peace/Peaceful");
}

/// An n-gram is shown as the corpus writes it: its most frequent spelling as a sequence, not
/// each word's own most frequent spelling (`Commissioner for Human Rights` where `human rights`
/// alone is mostly lower case; `peace and security` where `Security` mostly heads `Security
/// Council`).
#[test]
fn an_ngram_is_shown_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let text = "The High Commissioner for Human Rights spoke. We defend human rights. \
                Human rights matter. We protect human rights. The Security Council met. \
                The Security Council voted. The Security Council acted. We want peace and \
                security. Peace and security come first. We seek peace and security.\n";
    std::fs::write(dir.path().join("a.txt"), text).unwrap();
    let df = run(&[
        "ngrams",
        dir.path().to_str().unwrap(),
        "--n",
        "3",
        "--min-count",
        "1",
        "--top",
        "100",
    ]);
    let forms = strs(&df, "form");
    assert!(
        forms.contains(&"Commissioner for Human".to_string()),
        "{forms:?}"
    );
    assert!(
        forms.contains(&"peace and security".to_string()),
        "{forms:?}"
    );
    assert!(
        forms.contains(&"Security Council met".to_string()),
        "{forms:?}"
    );
}

#[test]
fn phrases_whose_first_words_share_a_stem_stay_two_terms() {
    // The bundled statements write each twice; both stem to `develop countri`.
    let dir = crate::common::root().join("data/statements");
    let texts: String = walkdir_texts(&dir);
    let written = |p: &str| regex::Regex::new(p).unwrap().find_iter(&texts).count() as f64;
    let (developing, developed) = (
        written(r"(?i)\bdeveloping\s+countr(y|ies)\b"),
        written(r"(?i)\bdeveloped\s+countr(y|ies)\b"),
    );
    assert!(developing >= 2.0 && developed >= 2.0);
    let d = dir.to_str().unwrap();
    let list = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(list.path(), "developing countries\ndeveloped countries\n").unwrap();
    let df = run(&["freq", d, "--phrases", list.path().to_str().unwrap()]);
    let of = |t: &str| {
        strs(&df, "term")
            .iter()
            .position(|x| x == t)
            .map(|i| nums(&df, "count")[i])
    };
    assert_eq!(of("developing countri"), Some(developing));
    assert_eq!(of("developed countri"), Some(developed));
    let trend = run(&[
        "trend",
        "developing countries",
        "developed countries",
        d,
        "--by",
        "folder",
    ]);
    let sum = |t: &str| -> f64 {
        strs(&trend, "term")
            .iter()
            .zip(nums(&trend, "count"))
            .filter(|(x, _)| *x == t)
            .map(|(_, c)| c)
            .sum()
    };
    assert_eq!(sum("developing countries"), developing);
    assert_eq!(sum("developed countries"), developed);
}

/// Every text file under `dir`, joined.
fn walkdir_texts(dir: &std::path::Path) -> String {
    let mut out = String::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.push_str(&walkdir_texts(&p));
        } else if p.extension().is_some_and(|x| x == "txt") {
            out.push_str(&std::fs::read_to_string(&p).unwrap());
            out.push('\n');
        }
    }
    out
}

#[test]
fn a_word_only_inside_phrases_is_followed_there_from_counts_as_over_the_texts() {
    let dir = tempfile::tempdir().unwrap();
    let p = |n: &str| dir.path().join(n).to_str().unwrap().to_string();
    std::fs::write(
        p("a_2000.txt"),
        "The developed countries must pay. Peace matters.\n",
    )
    .unwrap();
    std::fs::write(
        p("b_2010.txt"),
        "The developed countries slowed. War matters.\n",
    )
    .unwrap();
    std::fs::write(p("list.txt"), "developed countries\n").unwrap();
    let names = ["--meta-name", "{x}_{year}"];
    let files = [p("a_2000.txt"), p("b_2010.txt")];
    let o = verbale()
        .args([
            "counts",
            "--phrases",
            &p("list.txt"),
            "-o",
            &p("c"),
            "--quiet",
        ])
        .args(names)
        .args(&files)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let counted = run(&["trend", "develop", "--by", "year", "--from-counts", &p("c")]);
    let mut args = vec!["trend", "develop", "--by", "year", names[0], names[1]];
    args.extend(files.iter().map(String::as_str));
    let read = run(&args);
    assert_eq!(nums(&counted, "count"), [1.0, 1.0]);
    assert_eq!(nums(&counted, "count"), nums(&read, "count"));
}

/// A plain text of short lines without final stops (a list of recommendations' categories, a
/// speech's salutations) is a line per paragraph, not prose hard-wrapped so narrow: its
/// n-grams do not run from one item into the next, and each item is a sentence.
#[test]
fn a_list_of_short_lines_is_not_one_wrapped_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let items = "Supported\nNoted\nRatification of international instruments\nGroups of \
                 Persons\nPublic officials\nWomen and girls\nPersons with disabilities\n\
                 Children\nMigrants and refugees\nRoma minority\n";
    let f = dir.path().join("list.txt");
    std::fs::write(&f, items.repeat(3)).unwrap();
    let run = |args: &[&str]| {
        let o = verbale().args(args).arg(&f).output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        csv_bytes(o.stdout)
    };
    let ngrams = strs(&run(&["ngrams", "--n", "2", "-f", "csv", "-q"]), "form");
    assert!(!ngrams.is_empty());
    for across in [
        "disabilities Children",
        "officials Women",
        "Noted Ratification",
    ] {
        assert!(!ngrams.iter().any(|n| n == across), "{across}: {ngrams:?}");
    }
    let docs = run(&["docs", "-f", "csv", "-q"]);
    assert_eq!(nums(&docs, "sentences"), [30.0]);
}
