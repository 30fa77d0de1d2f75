//! `verbale freq` on the seed statement and the bundled corpus.

use crate::common::{csv_bytes, csv_of, nums, seed, strs, verbale};
use polars::prelude::*;

use crate::common::csv_bytes as csv;

fn row(df: &DataFrame, col: &str, value: &str) -> Option<usize> {
    let c = df.column(col).ok()?.str().ok()?;
    (0..c.len()).find(|&i| c.get(i) == Some(value))
}

fn int(df: &DataFrame, col: &str, i: usize) -> i64 {
    df.column(col)
        .unwrap()
        .cast(&DataType::Int64)
        .unwrap()
        .i64()
        .unwrap()
        .get(i)
        .unwrap()
}

/// A cell of a text column.
fn text(df: &DataFrame, col: &str, i: usize) -> String {
    df.column(col)
        .unwrap()
        .str()
        .unwrap()
        .get(i)
        .unwrap()
        .to_string()
}

/// A cell of a numeric column as a float.
fn float(df: &DataFrame, col: &str, i: usize) -> f64 {
    df.column(col)
        .unwrap()
        .cast(&DataType::Float64)
        .unwrap()
        .f64()
        .unwrap()
        .get(i)
        .unwrap()
}

/// The sum of the `count` column.
fn count_sum(df: &DataFrame) -> i64 {
    df.column("count")
        .unwrap()
        .cast(&DataType::Int64)
        .unwrap()
        .i64()
        .unwrap()
        .sum()
        .unwrap()
}

/// `verbale freq --format csv EXTRA... SEED`, which must succeed, as a frame.
fn freq_of_seed(extra: &[&str]) -> DataFrame {
    let out = verbale()
        .args(["freq", "--format", "csv"])
        .args(extra)
        .arg(seed())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    csv(out.stdout)
}

#[test]
fn seed_elect_counts_seven_four_quoted() {
    let df = freq_of_seed(&[]);
    let i = row(&df, "term", "elect").expect("elect in the table");
    assert_eq!(int(&df, "count", i), 7);
    assert_eq!(int(&df, "quoted", i), 4);
    assert_eq!(int(&df, "scare", i), 4);
    assert_eq!(
        df.column("form").unwrap().str().unwrap().get(i),
        Some("elections")
    );
    // Stopwords are gone from the table by default...
    assert!(row(&df, "term", "the").is_none());
    let names: Vec<String> = df
        .get_column_names()
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(names, verbale::frames::schema::CORPUS_TERMS);
}

#[test]
fn stopwords_none_and_no_stem() {
    let df = freq_of_seed(&["--stopwords", "none", "--no-stem"]);
    assert!(row(&df, "term", "the").is_some());
    // 5 × "elections" and 1 × "Elections" (the stem elect adds 1 × "election").
    let i = row(&df, "term", "elections").unwrap();
    assert_eq!(int(&df, "count", i), 6);
}

/// What is counted does not change how a quotation is called: the classifier reads the
/// language's stopwords and stems whatever `--stopwords`, `--no-stem` or `--no-numbers` leave
/// in the tables ("elections" quoted is a stem also used plainly, as "election", either way).
#[test]
fn counting_options_do_not_change_the_quotation_calls() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "The so-called \"elections\" were held under occupation. The election commission was \
         never independent. We said \"NO\" to the plan and \"no\" means no. The \"peace \
         process\" of 1993 and the \"roadmap\" were welcomed.",
    )
    .unwrap();
    let calls = |extra: &[&str]| -> Vec<(String, String)> {
        let mut args = vec!["quotes", "--no-meta", "-f", "csv"];
        args.extend_from_slice(extra);
        let df = csv_of(&args, &dir.path().join("a.txt"));
        strs(&df, "kind")
            .into_iter()
            .zip(strs(&df, "confidence"))
            .collect()
    };
    let default = calls(&[]);
    assert_eq!(default.len(), 5, "{default:?}");
    assert_eq!(default[0].0, "scare", "{default:?}");
    for extra in [
        &["--stopwords", "none"][..],
        &["--no-stem"],
        &["--no-numbers"],
        &["--stopwords", "none", "--no-stem"],
    ] {
        assert_eq!(calls(extra), default, "{extra:?}");
    }
}

#[test]
fn token_total_includes_stopwords_and_counts_sum() {
    // With no stopwords, the counts of every term add up to the token total in the header.
    let out = verbale()
        .args(["freq", "--stopwords", "none", "--top", "100000"])
        .arg(seed())
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let header = text.lines().next().unwrap();
    let tokens: u64 = header
        .split(" tokens")
        .next()
        .unwrap()
        .rsplit(", ")
        .next()
        .unwrap()
        .replace(',', "")
        .parse()
        .unwrap();
    let df = freq_of_seed(&["--stopwords", "none"]);
    assert_eq!(count_sum(&df) as u64, tokens);
    let default = verbale().args(["freq"]).arg(seed()).output().unwrap();
    assert!(String::from_utf8(default.stdout)
        .unwrap()
        .starts_with(&header[..header.find(" tokens").unwrap()]));
}

#[test]
fn by_doc_has_one_block_per_document() {
    let out = verbale()
        .args(["freq", "--by", "doc", "--top", "3", "--format", "csv"])
        .arg(crate::common::data("quotes/docs/seed.txt"))
        .arg(seed())
        .output()
        .unwrap();
    let df = csv(out.stdout);
    assert_eq!(df.height(), 6);
    let docs = df.column("doc").unwrap().str().unwrap();
    assert_eq!(docs.get(0), Some("seed"));
    assert_eq!(docs.get(5), Some("000_a7ca7be90a8cccf0"));
}

/// `--by doc` and `--by-doc` are one choice in every command that has rows per document, and
/// `collocations --n` is `--size`: the two spellings give the same bytes, and a row choice that
/// says two things is refused.
#[test]
fn per_document_rows_have_both_spellings() {
    let d = crate::common::data("quotes/docs");
    let out = |args: &[&str]| {
        let o = verbale().args(args).arg(&d).output().unwrap();
        assert!(
            o.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        o.stdout
    };
    for cmd in [
        &["freq", "-f", "csv"][..],
        &["quotes", "--terms", "-f", "csv"],
        &["acts", "-f", "csv"],
        &["dict", "--dict", "speech-acts", "-f", "csv"],
        &["ngrams", "-f", "csv"],
    ] {
        let dashed = out(&[cmd, &["--by-doc"][..]].concat());
        let valued = out(&[cmd, &["--by", "doc"][..]].concat());
        assert_eq!(dashed, valued, "{cmd:?}");
        assert_ne!(
            dashed,
            out(cmd),
            "{cmd:?}: rows per document differ from the corpus's"
        );
    }
    let size = out(&["collocations", "--size", "3", "-f", "csv"]);
    assert_eq!(size, out(&["collocations", "--n", "3", "-f", "csv"]));
    for both in [
        &["freq", "--by-doc", "--by", "corpus"][..],
        &["acts", "--by", "doc", "--group-by", "year"],
    ] {
        let o = verbale().args(both).arg(&d).output().unwrap();
        assert_eq!(o.status.code(), Some(2), "{both:?}");
    }
}

#[test]
fn bundled_corpus_runs() {
    let out = verbale()
        .args(["freq", "data/"])
        .current_dir(crate::common::root())
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.lines().next().unwrap().contains("documents"));
    assert_eq!(
        text.lines().count(),
        22,
        "header, column names and 20 rows:\n{text}"
    );
}

#[test]
fn jobs_bound_threads_without_changing_results() {
    let docs = crate::common::data("quotes/docs");
    let run = |jobs: &str| {
        let o = verbale()
            .args(["freq", "--by", "doc", "--format", "csv", "--jobs", jobs])
            .arg(&docs)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        o.stdout
    };
    let one = run("1");
    assert!(one.len() > 10_000);
    assert_eq!(one, run("2"));
    assert_eq!(one, run("7"));
}

#[test]
fn corpus_totals_streamed_equal_the_sum_of_document_rows() {
    // `--by corpus` sums each document into running totals as it goes (nothing per document
    // is kept); `--by doc` keeps per-document counts. Both must tell the same story.
    let docs = crate::common::data("quotes/docs");
    let run = |args: &[&str]| {
        let o = verbale()
            .args(["freq", "--format", "csv", "--stopwords", "en"])
            .args(args)
            .arg(&docs)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        o.stdout
    };
    let corpus = csv(run(&["--jobs", "2"]));
    assert_eq!(run(&["--jobs", "1"]), run(&["--jobs", "2"]));
    let by_doc = csv(run(&["--by", "doc"]));
    let mut sums: std::collections::HashMap<String, (i64, i64, i64, i64, String)> =
        Default::default();
    let terms = by_doc.column("term").unwrap().str().unwrap().clone();
    let forms = by_doc.column("form").unwrap().str().unwrap().clone();
    for i in 0..by_doc.height() {
        let e = sums
            .entry(terms.get(i).unwrap().to_string())
            .or_insert_with(|| (0, 0, 0, 0, forms.get(i).unwrap().to_string()));
        e.0 += int(&by_doc, "count", i);
        e.1 += int(&by_doc, "quoted", i);
        e.2 += int(&by_doc, "scare", i);
        e.3 += 1;
    }
    assert_eq!(corpus.height(), sums.len());
    assert!(corpus.height() > 1_000, "{}", corpus.height());
    let terms = corpus.column("term").unwrap().str().unwrap().clone();
    let forms = corpus.column("form").unwrap().str().unwrap().clone();
    let mut quoted = 0;
    for i in 0..corpus.height() {
        let t = terms.get(i).unwrap();
        let got = (
            int(&corpus, "count", i),
            int(&corpus, "quoted", i),
            int(&corpus, "scare", i),
            int(&corpus, "docs", i),
            forms.get(i).unwrap().to_string(),
        );
        assert_eq!(Some(&got), sums.get(t), "term {t}");
        quoted += got.1;
    }
    assert!(quoted > 100, "quoted occurrences: {quoted}");
}

#[test]
fn streamed_and_held_corpora_count_alike() {
    // `freq` streams (documents with line-break hyphens wait for the corpus's words, gathered
    // as the others go by); `report` and `compare` hold the corpus and build the same words
    // from all texts at once. A fifth of the fixture statements have line-break hyphens.
    use verbale::analysis::{analyse, analyse_files, Analysis, Options};
    use verbale::corpus::{load, LoadOptions};
    use verbale::text::Lang;
    let docs = crate::common::data("quotes/docs");
    let opts = Options::new(Lang::english());
    let lopts = LoadOptions::default();
    type Counts = Vec<(String, u32, u32, u32)>;
    let per_doc = |a: &Analysis| -> Vec<(String, Counts)> {
        a.docs
            .iter()
            .zip(a.doc_terms.iter())
            .map(|(d, terms)| {
                let mut v: Vec<_> = terms
                    .iter()
                    .map(|t| {
                        let term = &a.terms[t.term as usize].term;
                        (term.clone(), t.count, t.quoted, t.scare)
                    })
                    .collect();
                v.sort();
                (d.id.clone(), v)
            })
            .collect()
    };
    let (streamed, problems) = analyse_files(std::slice::from_ref(&docs), &lopts, &opts).unwrap();
    assert!(problems.is_empty());
    let corpus = load(&[docs], &lopts).unwrap();
    let broken = corpus
        .docs
        .iter()
        .filter(|d| {
            let raw = std::fs::read_to_string(d.path.as_ref().unwrap()).unwrap();
            raw.contains("-\n") || raw.contains("- \n")
        })
        .count();
    assert!(
        broken >= 10,
        "{broken} documents with a hyphen at a line break"
    );
    let held = analyse(&corpus.docs, &opts);
    assert_eq!(streamed.docs.len(), 80);
    assert_eq!(per_doc(&streamed), per_doc(&held));

    // A hyphen decided by words that only the waiting document writes: `test` and `drilling`
    // are words of the corpus, `testdrilling` is not, so `test-⏎drilling` keeps its hyphen.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "The test was fine.\nDrilling is hard work.\nThe test-\ndrilling began.\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("b.txt"), "Peace and security.\n").unwrap();
    let inputs = [dir.path().to_path_buf()];
    let (streamed, _) = analyse_files(&inputs, &lopts, &opts).unwrap();
    let held = analyse(&load(&inputs, &lopts).unwrap().docs, &opts);
    assert_eq!(per_doc(&streamed), per_doc(&held));
    let terms: Vec<&str> = streamed.terms.iter().map(|t| t.form.as_str()).collect();
    assert!(terms.contains(&"test-drilling"), "{terms:?}");
}

#[test]
fn stemmer_rules_snowball_by_default_classic_on_request() {
    // The seed writes `international` 6 times and `internationally` 3 times,
    // `organizations` twice and `organizing` once.
    let new = freq_of_seed(&[]);
    let i = row(&new, "term", "internat").expect("internat under the current rules");
    assert_eq!(int(&new, "count", i), 9);
    assert_eq!(int(&new, "count", row(&new, "term", "organiz").unwrap()), 3);
    assert!(row(&new, "term", "intern").is_none());
    let old = freq_of_seed(&["--stemmer", "classic"]);
    let i = row(&old, "term", "intern").expect("intern under the classic rules");
    assert_eq!(int(&old, "count", i), 9);
    assert_eq!(int(&old, "count", row(&old, "term", "organ").unwrap()), 3);
    assert!(row(&old, "term", "internat").is_none());
    // Only those stems differ: the totals agree.
    assert_eq!(count_sum(&new), count_sum(&old));
    let bad = verbale()
        .args(["freq", "--stemmer", "porter"])
        .arg(seed())
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("classic"));
}

#[test]
fn numbers_leave_term_tables_and_stopword_lists_join() {
    let with = freq_of_seed(&["--stopwords", "none"]);
    let without = freq_of_seed(&["--stopwords", "none", "--no-numbers"]);
    let terms = |df: &DataFrame| -> Vec<String> { crate::common::strs(df, "term") };
    let numeric =
        |t: &String| t.chars().any(|c| c.is_numeric()) && !t.chars().any(char::is_alphabetic);
    let numbers: Vec<String> = terms(&with).into_iter().filter(numeric).collect();
    assert!(
        numbers.len() >= 5,
        "the seed has years and resolution numbers: {numbers:?}"
    );
    assert!(!terms(&without).iter().any(numeric));
    assert_eq!(terms(&with).len() - numbers.len(), terms(&without).len());
    // Token totals keep them, so the rates of words do not move.
    let per = |df: &DataFrame| {
        row(df, "term", "azerbaijan").map(|i| crate::common::nums(df, "per_10k")[i])
    };
    assert_eq!(per(&with), per(&without));
    // A file of extra words joins the bundled list with `+`.
    let dir = tempfile::tempdir().unwrap();
    let extra = dir.path().join("extra.txt");
    std::fs::write(&extra, "azerbaijan\n").unwrap();
    let spec = format!("en+{}", extra.display());
    let joined = freq_of_seed(&["--stopwords", &spec]);
    let bundled = freq_of_seed(&[]);
    assert!(row(&joined, "term", "azerbaijan").is_none());
    assert!(row(&bundled, "term", "azerbaijan").is_some());
    assert_eq!(bundled.height() - 1, joined.height());
}

#[test]
fn completions_man_page_and_help_examples_cover_every_command() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let o = verbale().args(["completions", shell]).output().unwrap();
        assert!(o.status.success(), "{shell}");
        let script = String::from_utf8(o.stdout).unwrap();
        for cmd in ["freq", "quotes", "ngrams", "collocates", "trend", "report"] {
            assert!(script.contains(cmd), "{shell} completes {cmd}");
        }
        assert!(script.contains("no-numbers"), "{shell} completes flags");
    }
    for cmd in [
        "freq",
        "quotes",
        "compare",
        "docs",
        "kwic",
        "chart",
        "report",
        "trend",
        "ngrams",
        "collocations",
        "collocates",
        "completions",
        "man",
    ] {
        let o = verbale().args([cmd, "--help"]).output().unwrap();
        let help = String::from_utf8(o.stdout).unwrap();
        assert!(
            help.contains("Examples:\n  verbale "),
            "{cmd} --help shows examples"
        );
    }
    let o = verbale().arg("man").output().unwrap();
    let page = String::from_utf8(o.stdout).unwrap();
    assert!(page.starts_with(".ie") && page.contains(".TH verbale 1"));
    assert!(page.contains("collocations") && page.contains("completions"));
}

/// `form` is the display form written as the corpus most often writes it: a name keeps its
/// capital, a word that only starts sentences with one does not, and a tie goes to the
/// lower-case spelling; the counts are those of the folded form.
#[test]
fn form_keeps_the_most_frequent_spelling() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "Azerbaijan and Armenia met. The talks of Azerbaijan went on. Talks resumed, \
         and the AZERBAIJAN delegation left; azerbaijan was named once in lower case.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.txt"),
        "Azerbaijan talks, talks and Talks.\n",
    )
    .unwrap();
    let df = csv_of(
        &[
            "freq",
            "--format",
            "csv",
            "--no-stem",
            "--stopwords",
            "none",
        ],
        dir.path(),
    );
    let form = |term: &str| {
        let i = row(&df, "term", term).unwrap_or_else(|| panic!("{term} in the table"));
        (text(&df, "form", i), int(&df, "count", i))
    };
    assert_eq!(form("azerbaijan"), ("Azerbaijan".to_string(), 5));
    // talks ×3, Talks ×2.
    assert_eq!(form("talks"), ("talks".to_string(), 5));
    // The ×1, the ×1: a tie goes to the lower case.
    assert_eq!(form("the"), ("the".to_string(), 2));
    assert_eq!(form("armenia"), ("Armenia".to_string(), 1));
}

/// `quotes --quoted-phrases`: each quotation whole, case-folded, with its counts, its most
/// frequent spelling, its cue and an example (the first scare quote), where `--terms` would
/// split "rules-based order" into stems.
#[test]
fn quoted_phrases_keep_each_quotation_whole() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "They defend a “Rules-Based Order”. We defend a “rules-based order” of law.\n\n\
         The so-called “rules-based order” serves a few. The report “Our Common Agenda” is out.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.txt"),
        "Nobody quoted here.\n\nThe so-called “rules-based   order” again.\n",
    )
    .unwrap();
    // The spans, in document and mark order, and which of them are called scare.
    let spans = csv_of(&["quotes", "--format", "csv", "-q"], dir.path());
    let ours: Vec<usize> = (0..spans.height())
        .filter(|&k| text(&spans, "text", k).to_lowercase() == "rules-based order")
        .collect();
    assert_eq!(ours.len(), 4);
    let scare: Vec<usize> = ours
        .iter()
        .copied()
        .filter(|&k| text(&spans, "kind", k) == "scare")
        .collect();
    // With --min-confidence 1 nothing is scare: the example is the first quotation.
    for (min, expect_scare) in [("0", scare.len()), ("1", 0)] {
        let args = [
            "quotes",
            "--quoted-phrases",
            "-f",
            "csv",
            "-q",
            "--min-confidence",
            min,
        ];
        let df = csv_of(&args, dir.path());
        let i = row(&df, "phrase", "rules-based order").expect("the phrase, whole");
        assert_eq!(i, 0, "most quoted first");
        assert_eq!(int(&df, "count", i), 4);
        assert_eq!(int(&df, "docs", i), 2);
        assert_eq!(int(&df, "words", i), 2);
        let s = |c: &str, i: usize| text(&df, c, i);
        assert_eq!(s("form", i), "rules-based order");
        assert_eq!(s("top_cue", i), "so-called");
        assert_eq!(
            int(&df, "scare", i) as usize,
            expect_scare,
            "--min-confidence {min}"
        );
        // The example is the first scare quote if there is one, else the first quotation,
        // with its document and the offset of its opening mark.
        let first = if expect_scare > 0 { scare[0] } else { ours[0] };
        let (doc, open) = (s("example_doc", i), int(&df, "example_open", i));
        assert_eq!(
            (doc.clone(), open),
            (text(&spans, "doc", first), int(&spans, "open", first))
        );
        let file = std::fs::read_to_string(dir.path().join(format!("{doc}.txt"))).unwrap();
        assert!(file[open as usize..].starts_with("“"), "{doc} at {open}");
        // As written: no space slipped in before the full stop after the closing mark.
        if expect_scare == 0 {
            assert!(
                s("example", i).contains("a “Rules-Based Order”. We defend"),
                "{}",
                s("example", i)
            );
        }
        assert!(
            s("example", i).contains("“rules-based"),
            "{}",
            s("example", i)
        );
    }
    let df = csv_of(
        &["quotes", "--quoted-phrases", "-f", "csv", "-q"],
        dir.path(),
    );
    let s = |c: &str, i: usize| text(&df, c, i);
    let j = row(&df, "phrase", "our common agenda").expect("the title");
    assert_eq!(
        (int(&df, "count", j), s("form", j)),
        (1, "Our Common Agenda".into())
    );
    assert_eq!(df.height(), 2);
}

/// A comma or full stop inside the closing mark does not make another phrase; an abbreviation
/// keeps its stops.
#[test]
fn quoted_phrases_leave_out_the_punctuation_that_ends_them() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "The “Baku Process,” launched in 2008, and the “Baku Process” itself. \
         They said “peace.” The “U.S.” view and the “Agenda;” too.\n",
    )
    .unwrap();
    let df = csv_of(
        &["quotes", "--quoted-phrases", "-f", "csv", "-q"],
        dir.path(),
    );
    let i = row(&df, "phrase", "baku process").expect("one phrase");
    assert_eq!(int(&df, "count", i), 2);
    assert_eq!(text(&df, "form", i), "Baku Process");
    assert!(row(&df, "phrase", "peace").is_some());
    assert!(row(&df, "phrase", "u.s.").is_some());
    assert!(row(&df, "phrase", "agenda").is_some());
    assert_eq!(df.height(), 4);
}

/// `docs`: lexical diversity against lexicalrichness 0.5.1 (an independent implementation; its
/// values in tests/data/lexdiv/README.md), and readability on a text counted by hand.
#[test]
fn docs_measures_match_an_independent_implementation() {
    let df = csv_of(
        &["docs", "-q", "--format", "csv", "--stopwords", "none"],
        &crate::common::data("lexdiv"),
    );
    let num = |c: &str, i: usize| float(&df, c, i);
    // lexicalrichness 0.5.1: ttr, mattr(500), mtld(0.72).
    for (doc, tokens, ttr, mattr, mtld) in [
        (
            "FRA_70_2015",
            2438,
            0.2973748974569319,
            0.4793068592057787,
            72.54183608605032,
        ),
        (
            "NZL_65_2010",
            1980,
            0.35404040404040404,
            0.5148291694800814,
            97.95127118644068,
        ),
    ] {
        let i = row(&df, "doc", doc).unwrap();
        assert_eq!(int(&df, "tokens", i), tokens, "{doc}");
        assert!(
            (num("ttr", i) - ttr).abs() < 1e-12,
            "{doc} ttr {}",
            num("ttr", i)
        );
        assert!(
            (num("mattr", i) - mattr).abs() < 1e-12,
            "{doc} mattr {}",
            num("mattr", i)
        );
        assert!(
            (num("mtld", i) - mtld).abs() < 1e-9,
            "{doc} mtld {}",
            num("mtld", i)
        );
    }
    // lexicalrichness 0.5.1: mattr(100), quanteda's default window.
    let narrow = csv_of(
        &[
            "docs",
            "-q",
            "--format",
            "csv",
            "--stopwords",
            "none",
            "--mattr-window",
            "100",
        ],
        &crate::common::data("lexdiv"),
    );
    for (doc, mattr) in [
        ("FRA_70_2015", 0.6971996579735062),
        ("NZL_65_2010", 0.7146198830409378),
    ] {
        let got = float(&narrow, "mattr", row(&narrow, "doc", doc).unwrap());
        assert!((got - mattr).abs() < 1e-12, "{doc} mattr(100) {got}");
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("short.txt"),
        "The table is made of oak. We want peace now.\n",
    )
    .unwrap();
    // Syllables: the 1, table 2, is 1, made 1, of 1, oak 1, we 1, want 1, peace 1, now 1 = 11;
    // words 10, sentences 2.
    let df = csv_of(&["docs", "-q", "--format", "csv"], dir.path());
    let num = |c: &str| float(&df, c, 0);
    assert_eq!(num("sentences"), 2.0);
    assert_eq!(num("mean_sentence_length"), 5.0);
    let (w, s, y) = (10.0, 2.0, 11.0);
    assert!((num("flesch") - (206.835 - 1.015 * w / s - 84.6 * y / w)).abs() < 1e-9);
    assert!((num("fk_grade") - (0.39 * w / s + 11.8 * y / w - 15.59)).abs() < 1e-9);
    assert_eq!(num("ttr"), 1.0);
    // A paragraph's number (`71.` and a tab, as the UN's verbatim records wrote until 1984)
    // is a token, not a sentence.
    std::fs::write(
        dir.path().join("short.txt"),
        "The table is made of oak.\n71.\tWe want peace now. It came.\n72.\tIt went.\n",
    )
    .unwrap();
    let df = csv_of(&["docs", "-q", "--format", "csv"], dir.path());
    let num = |c: &str| float(&df, c, 0);
    assert_eq!((num("tokens"), num("sentences")), (16.0, 4.0));
}

#[test]
fn by_doc_csv_written_from_the_counts_matches_the_frame() {
    // CSV and TSV rows are formatted straight from the counts; NDJSON goes through the polars
    // frame. Both must carry the same rows, in the same order, with the same values, and the
    // CSV its spreadsheet guard and quoting (a document named with a comma and a formula).
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        (
            "=cmd.txt",
            "The so-called \"elections\" were held. The elections, again.\n",
        ),
        (
            "a,b.txt",
            "Territorial integrity and territorial waters; 3.5 per cent.\n",
        ),
        ("plain.txt", "Nothing but plain words, plain and simple.\n"),
    ] {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let run = |format: &str| {
        let out = verbale()
            .args(["freq", "--by", "doc", "--no-meta", "--format", format])
            .arg(dir.path())
            .assert()
            .success();
        out.get_output().stdout.clone()
    };
    let raw = run("csv");
    let written = String::from_utf8(raw.clone()).unwrap();
    assert!(
        written.starts_with("doc,term,form,count,per_10k,quoted,scare\n"),
        "{written}"
    );
    assert!(written.contains("\n'=cmd,elect,elections,2,"), "{written}");
    assert!(
        written.contains("\n\"a,b\",territori,territorial,2,"),
        "{written}"
    );
    let got = csv(raw);
    let json = run("ndjson");
    let want = JsonReader::new(std::io::Cursor::new(json))
        .with_json_format(JsonFormat::JsonLines)
        .finish()
        .unwrap();
    assert_eq!(got.height(), want.height());
    assert!(got.height() > 10);
    for c in ["term", "form"] {
        assert_eq!(got.column(c).unwrap(), want.column(c).unwrap(), "{c}");
    }
    let docs: Vec<String> = (0..want.height())
        .map(|i| {
            let d = text(&want, "doc", i);
            if d.starts_with('=') {
                format!("'{d}")
            } else {
                d
            }
        })
        .collect();
    assert_eq!(
        (0..got.height())
            .map(|i| text(&got, "doc", i))
            .collect::<Vec<_>>(),
        docs
    );
    for c in ["count", "quoted", "scare"] {
        for i in 0..got.height() {
            assert_eq!(int(&got, c, i), int(&want, c, i), "{c} row {i}");
        }
    }
    for i in 0..got.height() {
        assert_eq!(
            float(&got, "per_10k", i),
            float(&want, "per_10k", i),
            "row {i}"
        );
    }
    // TSV: the same cells, tab-separated, a comma left unquoted.
    let tsv = String::from_utf8(run("tsv")).unwrap();
    assert!(tsv.contains("\na,b\tterritori\t"), "{tsv}");
    assert_eq!(tsv.lines().count(), written.lines().count());
}

/// A document-term table without quoted or scare columns skips the quotations and gives the
/// same rows: the columns cut from the full table, in the same order.
#[test]
fn a_table_without_quote_columns_has_the_same_rows() {
    let dir = crate::common::data("quotes/docs");
    let run = |cols: &str| {
        let o = verbale()
            .args(["freq", "--by", "doc", "-f", "csv", "-q", "--columns", cols])
            .arg(&dir)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).unwrap()
    };
    let full = run("doc,term,count,quoted");
    let lean = run("doc,stem=term,count");
    let cut: Vec<String> = full
        .lines()
        .skip(1)
        .map(|l| l.rsplit_once(',').unwrap().0.to_string())
        .collect();
    let lean_rows: Vec<&str> = lean.lines().skip(1).collect();
    assert_eq!(lean.lines().next(), Some("doc,stem,count"));
    assert!(
        full.lines().skip(1).any(|l| !l.ends_with(",0")),
        "some quoted words"
    );
    assert_eq!(lean_rows, cut);
}

/// A term is shown by its word, not its possessive, and spelt as written: capitals and curly
/// apostrophes kept (`Russia`, `d’Escoto`), however often the possessive is written.
#[test]
fn display_forms_are_words_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("s.txt");
    std::fs::write(
        &p,
        "Russia’s policy. Russia’s war. Russia’s claims. Russia acts. President d’Escoto spoke. \
         Ukraine’s future.",
    )
    .unwrap();
    let out = verbale()
        .args(["freq", "-f", "csv", "--stopwords", "none"])
        .arg(&p)
        .output()
        .unwrap();
    let df = csv(out.stdout);
    let form = |term: &str| {
        let i = row(&df, "term", term).unwrap_or_else(|| panic!("no term {term}"));
        let f = df.column("form").unwrap().str().unwrap().get(i).unwrap();
        let n = df.column("count").unwrap().i64().unwrap().get(i).unwrap();
        (f.to_string(), n)
    };
    assert_eq!(form("russia"), ("Russia".to_string(), 4));
    assert_eq!(form("d'escoto"), ("d’Escoto".to_string(), 1));
    // Only a possessive: it is the form (the plain word is never written).
    assert_eq!(form("ukrain").0, "Ukraine’s");
}

/// Documents that start with a title line (press releases, the White House statements) are
/// told of it, with the flag that leaves it out; texts that start with a sentence are not.
#[test]
fn title_lines_are_pointed_out() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..6 {
        std::fs::write(
            dir.path().join(format!("t{i}.txt")),
            format!("Readout of the Call with Leader {i}\n\nThe leaders discussed the war.\n"),
        )
        .unwrap();
    }
    let err = |extra: &[&str]| {
        let o = verbale()
            .arg("freq")
            .arg(dir.path())
            .args(extra)
            .output()
            .unwrap();
        assert!(o.status.success());
        String::from_utf8(o.stderr).unwrap()
    };
    let e = err(&[]);
    assert!(
        e.contains("6 of 6 documents looked at start with a title line (`Readout of the Call with Leader 0`)")
            && e.contains("--section body leaves it out"),
        "{e}"
    );
    assert!(!err(&["--section", "body"]).contains("title line"));
    assert!(!err(&["--quiet"]).contains("title line"));
    for i in 0..6 {
        std::fs::write(
            dir.path().join(format!("t{i}.txt")),
            "Mr. President,\n\nThe leaders discussed the war.\n",
        )
        .unwrap();
    }
    assert!(!err(&[]).contains("title line"));
    // Of a hundred documents, fifty are looked at, and the note says of how many.
    for i in 0..100 {
        std::fs::write(
            dir.path().join(format!("t{i}.txt")),
            format!("Readout of the Call with Leader {i}\n\nThe leaders discussed the war.\n"),
        )
        .unwrap();
    }
    let e = err(&[]);
    assert!(
        e.contains("50 of 50 documents looked at (of 100) start with a title line"),
        "{e}"
    );
}

/// `freq --dispersion` gives each term's spread over the documents, as Gries' DP and
/// Juilland's D define it, here computed by hand: `peace` in two documents of four words each
/// (1 + 1 of 2, shares ½ and ½) is spread as the sizes are, DP 0 and D 1; `sanctions`, once in
/// the first, DP ½(|1 − ½| + |0 − ½|) = ½, normalised ½/(1 − ½) = 1, D 1 − 1/√1 = 0.
#[test]
fn dispersion_over_documents_is_as_defined() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "peace sanctions water land").unwrap();
    std::fs::write(dir.path().join("b.txt"), "peace river hills roads").unwrap();
    let o = verbale()
        .args(["freq", "--dispersion", "--stopwords", "none", "-f", "csv"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let df = csv_bytes(o.stdout);
    let terms = strs(&df, "term");
    let at = |t: &str| terms.iter().position(|x| x == t).unwrap();
    let (dp, norm, d) = (
        nums(&df, "dp"),
        nums(&df, "dp_norm"),
        nums(&df, "juilland_d"),
    );
    let close = |x: f64, y: f64| (x - y).abs() < 1e-9;
    assert!(close(dp[at("peac")], 0.0) && close(d[at("peac")], 1.0));
    assert!(close(dp[at("sanction")], 0.5) && close(norm[at("sanction")], 1.0));
    assert!(close(d[at("sanction")], 0.0));
    // Counts folders keep each document's counts: the same measures from them.
    let counts = dir.path().join("counts");
    let o = verbale()
        .args(["counts", "--quiet", "-o"])
        .arg(&counts)
        .arg(dir.path().join("a.txt"))
        .arg(dir.path().join("b.txt"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = verbale()
        .args([
            "freq",
            "--dispersion",
            "--stopwords",
            "none",
            "-f",
            "csv",
            "--from-counts",
        ])
        .arg(&counts)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let from_counts = csv_bytes(o.stdout);
    assert_eq!(nums(&from_counts, "dp"), dp);
    assert_eq!(nums(&from_counts, "juilland_d"), d);
    // Per-document rows have no dispersion: a usage error.
    let o = verbale()
        .args(["freq", "--dispersion", "--by", "doc"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
}

/// `kwic --case-sensitive` matches capitals as the pattern writes them: `US` is the United
/// States, not the pronoun; a glob and a regular expression too; without it, both.
#[test]
fn kwic_case_sensitive_tells_us_from_the_us() {
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("s.txt");
    std::fs::write(
        &f,
        "The US and the UN asked us to help. Let us act, said the Un-Secretary.",
    )
    .unwrap();
    let hits = |args: &[&str]| -> Vec<String> {
        let o = verbale()
            .args(["kwic", "-f", "csv", "-q"])
            .arg(&f)
            .args(args)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        strs(&csv_bytes(o.stdout), "hit")
    };
    assert_eq!(hits(&["US"]), ["US", "us", "us"]);
    assert_eq!(hits(&["US", "--case-sensitive"]), ["US"]);
    assert_eq!(
        hits(&["U*", "--case-sensitive"]),
        ["US", "UN", "Un-Secretary"]
    );
    assert_eq!(
        hits(&["U[A-Z]", "--regex", "--case-sensitive"]),
        ["US", "UN"]
    );
    let o = verbale()
        .args(["kwic", "--case-sensitive", "--stem"])
        .arg(&f)
        .arg("US")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
}

/// `kwic --sort 1L` (AntConc's sort levels) orders lines by the word before the hit, lower-cased
/// and without its marks, ties in corpus order; `1R,2R` by the words after it; a bad position
/// is refused with what a position is.
#[test]
fn kwic_sorts_by_the_words_around_the_hit() {
    let lines = |sort: &str| -> Vec<f64> {
        let o = verbale()
            .args(["kwic", "-f", "csv", "-q", "--sort", sort])
            .arg(seed())
            .arg("elections")
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        nums(&csv_bytes(o.stdout), "offset")
    };
    // Before the hit: illegal, of (holding of “), previous, sham, so-called, territories.
    assert_eq!(lines("1L"), [774.0, 1839.0, 3410.0, 4674.0, 1492.0, 3785.0]);
    // After it: held in, held on, in the, in the, shows, will.
    assert_eq!(
        lines("1R,2R"),
        [774.0, 1492.0, 1839.0, 3785.0, 3410.0, 4674.0]
    );
    // --top keeps the first lines of the sorted concordance, as AntConc shows it: the sort
    // reads every hit, not only the first N in corpus order.
    let o = verbale()
        .args(["kwic", "-f", "csv", "-q", "--sort", "1L", "--top", "2"])
        .arg(seed())
        .arg("elections")
        .output()
        .unwrap();
    assert_eq!(nums(&csv_bytes(o.stdout), "offset"), [774.0, 1839.0]);
    let o = verbale()
        .args(["kwic", "-q", "--sort", "1R,2R", "--top", "2"])
        .arg(seed())
        .arg("elections")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.starts_with("the first 2 of 6 hits sorted (--top 2)"),
        "{text}"
    );
    for bad in ["0L", "1é"] {
        let o = verbale()
            .args(["kwic", "--sort", bad])
            .arg(seed())
            .arg("elections")
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{bad}");
    }
    let o = verbale()
        .args(["kwic", "--sort", "0L"])
        .arg(seed())
        .arg("elections")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("a position such as 1L"));
}

/// `docs` in another language than English warns that its readability scores are the English
/// formulas; in English it does not.
#[test]
fn docs_warns_that_readability_is_english_only() {
    let text = "La France condamne fermement cette attaque. Elle appelle au calme.";
    let err =
        |lang: &str| crate::common::stderr_on_text(&["docs", "--lang", lang, "-f", "csv"], text);
    assert!(
        err("fr").contains("flesch and fk_grade are the English formulas"),
        "{}",
        err("fr")
    );
    assert!(!err("en").contains("English formulas"));
}

/// Two single marks set as one double mark (`‘‘elections’’`, the U.S. Federal Register's
/// style) are one quotation, not a quotation inside another.
#[test]
fn doubled_single_marks_are_one_quotation() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("s.txt");
    std::fs::write(
        &f,
        "so-called \u{2018}\u{2018}elections\u{2019}\u{2019} and the \u{2018}\u{2018}pitch \
         attitude.\u{2019}\u{2019} and \u{2018}one\u{2019} here.",
    )
    .unwrap();
    let o = verbale()
        .args(["quotes", "-q", "-f", "csv"])
        .arg(&f)
        .output()
        .unwrap();
    let df = csv_bytes(o.stdout);
    assert_eq!(strs(&df, "text"), ["elections", "pitch attitude.", "one"]);
    assert!(strs(&df, "nested").iter().all(|n| n == "false"));
}

/// In French, a word after an elided article is found as the counts take it: `kwic ONU`
/// finds `l'ONU` (and `union` finds `L'Union`), not only `--stem`; in English an apostrophe
/// is no elision.
#[test]
fn kwic_finds_a_word_after_an_elided_article() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("fr.txt");
    std::fs::write(
        &f,
        "L'Union européenne soutient l'ONU. L'ONU agit, et l'Union la soutient. Qu'elle parle.",
    )
    .unwrap();
    let hits = |pattern: &str, lang: &str| {
        let o = verbale()
            .args(["kwic", "-q", "-f", "csv", "--lang", lang])
            .arg(&f)
            .arg(pattern)
            .output()
            .unwrap();
        strs(&csv_bytes(o.stdout), "hit")
    };
    assert_eq!(hits("ONU", "fr"), ["l'ONU", "L'ONU"]);
    assert_eq!(hits("union", "fr"), ["L'Union", "l'Union"]);
    assert_eq!(hits("elle", "fr"), ["Qu'elle"]);
    assert!(hits("ONU", "en").is_empty());
}

/// In French a word after an elided article or pronoun (`l'`, `d'`, `qu'`, `c'`) is stemmed
/// alone, with or without stems (`l'ukraine` counts with `ukraine`), is a stopword when the
/// word is (`qu'il`, `c'est`), and a dictionary matched on stems finds it.
#[test]
fn french_elided_articles_leave_the_word_alone() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("fr.txt");
    std::fs::write(
        &f,
        "L'Ukraine et la Russie. La souveraineté de l'Ukraine. Le peuple d'Ukraine. \
         L’Ukraine aussi. Ukraine.\nL'Europe, l'Europe et l’Europe ; qu'elle soit unie. \
         C'est dit qu'il l'a vu. N'Djamena.\n",
    )
    .unwrap();
    let run = |args: &[&str]| {
        let o = crate::common::verbale()
            .args(args)
            .arg(&f)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        crate::common::csv_bytes(o.stdout)
    };
    for (extra, ukraine, europe) in [
        (&[][..], "ukrain", "europ"),
        (&["--no-stem"][..], "ukraine", "europe"),
    ] {
        let mut args = vec!["freq", "--lang", "fr", "-f", "csv", "-q"];
        args.extend(extra);
        let df = run(&args);
        let (terms, counts) = (
            crate::common::strs(&df, "term"),
            crate::common::nums(&df, "count"),
        );
        let count_of = |w: &str| terms.iter().position(|t| t == w).map(|i| counts[i]);
        assert_eq!(count_of(ukraine), Some(5.0), "{extra:?}: {terms:?}");
        assert_eq!(count_of(europe), Some(3.0), "{extra:?}: {terms:?}");
        for stop in ["est", "il", "elle", "qu'il", "c'est"] {
            assert!(!terms.iter().any(|t| t == stop), "{stop}: {terms:?}");
        }
        // A name is no elision: without stems `N'Djamena` keeps its `n'` (Snowball's French
        // rules cut it themselves, as PyStemmer does).
        if !extra.is_empty() {
            assert!(terms.iter().any(|t| t == "n'djamena"), "{terms:?}");
        }
    }
    let yml = dir.path().join("fr.yml");
    std::fs::write(&yml, "ukraine: [ukraine]\neurope: [europe]\n").unwrap();
    let dict = yml.to_str().unwrap();
    let df = run(&[
        "dict", "--lang", "fr", "-f", "csv", "-q", "--match", "stem", "--dict", dict,
    ]);
    assert_eq!(crate::common::nums(&df, "count"), [5.0, 3.0]);
}

/// A concordance line at a document's end keeps the closing mark and the full stop after the
/// hit (`partners”.`), and a French closing guillemet after its space (`partenaires ».`).
#[test]
fn kwic_keeps_the_closing_marks_at_a_documents_end() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "en.txt",
            "We spoke with the so-called “partners”.",
            "partners",
            "”.",
        ),
        (
            "fr.txt",
            "Nous avons parlé aux « partenaires ».",
            "partenaires",
            "».",
        ),
    ];
    for (name, text, word, right) in cases {
        let f = dir.path().join(name);
        std::fs::write(&f, text).unwrap();
        let o = crate::common::verbale()
            .args(["kwic", word, "-f", "csv", "-q"])
            .arg(&f)
            .output()
            .unwrap();
        assert!(o.status.success());
        let df = crate::common::csv_bytes(o.stdout);
        assert_eq!(crate::common::strs(&df, "right"), [right], "{text}");
    }
    // An opening mark after the last context word starts the next quotation: left out.
    let f = dir.path().join("mid.txt");
    std::fs::write(&f, "Nous avons parlé aux « partenaires » hier.").unwrap();
    let o = crate::common::verbale()
        .args(["kwic", "parlé", "--window", "1", "-f", "csv", "-q"])
        .arg(&f)
        .output()
        .unwrap();
    let df = crate::common::csv_bytes(o.stdout);
    assert_eq!(crate::common::strs(&df, "right"), ["aux"]);
}
