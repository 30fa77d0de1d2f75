//! Keyness against an independent implementation (`tests/data/keyness/reference.py`, its output
//! committed as `cases.csv`), symmetry and sanity properties, and kwic offsets.

use crate::common::{data, root, seed, verbale};
use verbale::stats::{keyness, Compat};

fn close(x: f64, y: f64) -> bool {
    let d = (x - y).abs();
    d <= 1e-9 * x.abs().max(y.abs()) || d <= 1e-9
}

#[test]
fn keyness_matches_the_independent_reference() {
    let text = std::fs::read_to_string(data("keyness/cases.csv")).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = |n: &str| header.iter().position(|h| *h == n).unwrap();
    let mut n = 0;
    let mut zeros = 0;
    for line in lines {
        let f: Vec<&str> = line.split(',').collect();
        let v = |n: &str| -> f64 { f[col(n)].parse().unwrap() };
        let (a, b, t1, t2) = (v("a"), v("b"), v("t1"), v("t2"));
        let q = keyness(a, b, t1, t2, Compat::Quanteda);
        let ac = keyness(a, b, t1, t2, Compat::Antconc);
        let row = &f[..3];
        let check = |got: f64, col: &str| {
            assert!(close(got, v(col)), "{row:?} {col} {got} vs {}", v(col));
        };
        check(q.g2, "g2");
        check(q.chi2, "chi2");
        check(ac.chi2, "chi2_none");
        // p follows the convention: quanteda's from its χ², AntConc's from G².
        check(q.p, "p");
        check(ac.p, "p_g2");
        check(q.log_ratio, "log_ratio");
        check(q.log_odds, "log_odds");
        check(q.log_odds_z, "log_odds_z");
        n += 1;
        if a == 0.0 || b == 0.0 {
            zeros += 1;
        }
    }
    assert!(
        n > 1000 && zeros > 100,
        "{n} rows, {zeros} with a zero count"
    );
}

/// `verbale compare --format csv ARGS` from the repository root, which must succeed.
fn compare_csv(args: &[&str]) -> String {
    let o = verbale()
        .args(["compare", "--format", "csv"])
        .args(args)
        .current_dir(root())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

fn keyness_csv(args: &[&str]) -> Vec<(String, f64, f64)> {
    let text = compare_csv(args);
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(
        header,
        [
            "term",
            "form",
            "target",
            "reference",
            "target_docs",
            "reference_docs",
            "target_per_10k",
            "reference_per_10k",
            "g2",
            "chi2",
            "p",
            "log_ratio",
            "log_odds",
            "log_odds_z",
            "pct_diff"
        ]
    );
    lines
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (
                f[0].to_string(),
                f[8].parse().unwrap(),
                f[11].parse().unwrap(),
            )
        })
        .collect()
}

#[test]
fn swapping_target_and_reference_flips_signs() {
    let a = "data/statements/ungd/AZE_75_2020.txt";
    let b = "data/statements/ungd/ARM_75_2020.txt";
    let ab = keyness_csv(&[a, b]);
    let ba = keyness_csv(&[b, a]);
    assert_eq!(ab.len(), ba.len());
    assert_eq!(
        ab[0].0,
        ba[ba.len() - 1].0,
        "top target term is the reference's bottom"
    );
    for (t, g, lr) in &ab {
        let (_, g2, lr2) = ba.iter().find(|x| &x.0 == t).unwrap();
        assert!((g + g2).abs() < 1e-9 && (lr + lr2).abs() < 1e-9, "{t}");
    }
    // Sorted by signed G²: over-used in the target first.
    assert!(ab.windows(2).all(|w| w[0].1 >= w[1].1));
    assert!(ab[0].1 > 0.0 && ab.last().unwrap().1 < 0.0);
}

#[test]
fn identical_inputs_give_zero_keyness_and_cosine_one() {
    // Two copies of the same statement (one file on both sides would be left out of the
    // reference, with a warning).
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(seed(), dir.path().join("a.txt")).unwrap();
    std::fs::copy(seed(), dir.path().join("b.txt")).unwrap();
    let (a, b) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
    let k = keyness_csv(&[a.to_str().unwrap(), b.to_str().unwrap()]);
    assert!(k.len() > 100);
    assert!(k.iter().all(|(_, g, lr)| g.abs() < 1e-9 && lr.abs() < 1e-9));
    let o = verbale()
        .args([
            "compare",
            "--table",
            "similarity",
            "--format",
            "csv",
            "--target",
        ])
        .arg(dir.path().join("a.txt"))
        .arg("--reference")
        .arg(dir.path().join("b.txt"))
        .output()
        .unwrap();
    let t = String::from_utf8(o.stdout).unwrap();
    let row: Vec<&str> = t.lines().nth(1).unwrap().split(',').collect();
    assert_eq!(&row[..2], ["a", "b"]);
    assert!((row[2].parse::<f64>().unwrap() - 1.0).abs() < 1e-12);
    assert_eq!(row[3], "1.0");
}

#[test]
fn similarity_of_a_target_against_the_rest_is_refused() {
    // Against the rest, the two sides would be every document: named, not computed.
    let ungd = root().join("data/statements/ungd");
    let meta = ["--meta-name", "{country}_{session}_{year}"];
    let o = verbale()
        .args(["compare", "--table", "similarity", "-f", "csv"])
        .arg(&ungd)
        .args(meta)
        .args(["--target-where", "country = 'ARM'"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("give --reference-where too"), "{err}");
    // With both sides chosen, the pairs are those of their documents.
    let o = verbale()
        .args(["compare", "--table", "similarity", "-f", "csv"])
        .arg(&ungd)
        .args(meta)
        .args(["--target-where", "country = 'ARM'"])
        .args(["--reference-where", "country = 'AZE' and year >= 2016"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let t = String::from_utf8(o.stdout).unwrap();
    let docs: std::collections::BTreeSet<&str> = t
        .lines()
        .skip(1)
        .flat_map(|l| l.split(',').take(2))
        .collect();
    let year = |d: &str| d[d.len() - 4..].parse::<u32>().unwrap();
    assert!(
        docs.iter()
            .all(|d| d.starts_with("ARM_") || year(d) >= 2016),
        "{docs:?}"
    );
    assert_eq!(docs.len(), 9, "5 ARM and 4 AZE documents: {docs:?}");
}

#[test]
fn quote_contrast_finds_terms_one_side_quotes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("t.txt"),
        "They held so-called “elections” in the occupied region.",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("r.txt"),
        "The elections were free and the region voted.",
    )
    .unwrap();
    let o = verbale()
        .args(["compare", "--table", "quotes", "--format", "csv"])
        .arg(dir.path().join("t.txt"))
        .arg(dir.path().join("r.txt"))
        .output()
        .unwrap();
    let t = String::from_utf8(o.stdout).unwrap();
    let row = t.lines().nth(1).expect("one row");
    assert!(
        row.starts_with("elect,elections,quoted_in_target_plain_in_reference,1,1,1,1.0,0,0,1,0.0"),
        "{t}"
    );
    // A direct quotation in the target: quoted, but not held at a distance.
    std::fs::write(
        dir.path().join("t.txt"),
        "They held so-called “elections” in the occupied region. The minister said: “The \
         region voted freely and the people chose.”",
    )
    .unwrap();
    let table = |extra: &[&str]| {
        let o = verbale()
            .args(["compare", "--table", "quotes", "--format", "csv"])
            .args(extra)
            .arg(dir.path().join("t.txt"))
            .arg(dir.path().join("r.txt"))
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).unwrap()
    };
    let (all, scare) = (table(&[]), table(&["--scare"]));
    assert!(
        all.contains("\nregion,region,quoted_in_target_plain_in_reference,"),
        "{all}"
    );
    assert!(
        scare.contains("\nelect,elections,scare_in_target_plain_in_reference,"),
        "{scare}"
    );
    assert!(!scare.contains("\nregion,"), "{scare}");
}

#[test]
fn kwic_offsets_point_at_the_hit_in_the_source() {
    // A copy with a BOM and CRLF line endings: offsets must still point into the file as stored.
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend(
        std::fs::read_to_string(seed())
            .unwrap()
            .replace('\n', "\r\n")
            .into_bytes(),
    );
    let p = dir.path().join("seed.txt");
    std::fs::write(&p, &bytes).unwrap();
    let o = verbale()
        .args(["kwic"])
        .arg(&p)
        .args(["elect*", "--format", "csv"])
        .output()
        .unwrap();
    assert!(o.status.success());
    let df = crate::common::csv_bytes(o.stdout);
    let offsets = df
        .column("offset")
        .unwrap()
        .cast(&polars::prelude::DataType::Int64)
        .unwrap();
    let offsets = offsets.i64().unwrap();
    let hits = df.column("hit").unwrap().str().unwrap();
    let kinds = df.column("kind").unwrap().str().unwrap();
    assert_eq!(df.height(), 7);
    let mut scare = 0;
    for i in 0..df.height() {
        let off = offsets.get(i).unwrap() as usize;
        let hit = hits.get(i).unwrap();
        assert_eq!(&bytes[off..off + hit.len()], hit.as_bytes(), "offset {off}");
        if kinds.get(i) == Some("scare") {
            scare += 1;
        }
    }
    assert_eq!(scare, 4);
    // In Parquet a hit outside quotations has no kind (null), not an empty string.
    let o = verbale()
        .args(["kwic"])
        .arg(&p)
        .args(["elect*", "--format", "parquet", "-o", "-"])
        .output()
        .unwrap();
    assert!(o.status.success());
    use polars::prelude::{ParquetReader, SerReader};
    let pq = ParquetReader::new(std::io::Cursor::new(o.stdout))
        .finish()
        .unwrap();
    let (quoted, kind) = (pq.column("quoted").unwrap(), pq.column("kind").unwrap());
    let unquoted = quoted
        .bool()
        .unwrap()
        .iter()
        .filter(|q| *q == Some(false))
        .count();
    assert!(unquoted > 0);
    assert_eq!(kind.null_count(), unquoted);
    assert!(!kind.str().unwrap().iter().any(|k| k == Some("")));
    let o = verbale()
        .args(["kwic"])
        .arg(&p)
        .args(["elections", "--kind", "scare", "--format", "csv"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(o.stdout).unwrap().lines().count(), 5);
    // A cue and the word it scare-quotes: the hit holds a scare quote, though its cue stands
    // outside the marks (the seed's so-called “elections”).
    let o = verbale()
        .args(["kwic"])
        .arg(&p)
        .args(["so-called elections", "--kind", "scare", "--format", "csv"])
        .output()
        .unwrap();
    let t = String::from_utf8(o.stdout).unwrap();
    assert_eq!(t.lines().count(), 2, "{t}");
    assert!(t.contains("so-called “elections"), "{t}");
    let o = verbale()
        .args(["kwic"])
        .arg(&p)
        .args(["election", "--stem"])
        .output()
        .unwrap();
    let t = String::from_utf8(o.stdout).unwrap();
    assert!(t.starts_with("7 hits"), "{t}");
    // Options may stand between the path and the pattern, as with the other commands.
    let o = verbale()
        .args(["kwic"])
        .arg(&p)
        .args(["--stem", "--window", "3", "election"])
        .output()
        .unwrap();
    let t = String::from_utf8(o.stdout).unwrap();
    assert!(t.starts_with("7 hits"), "{t}");
    // A path without a pattern is a usage error that says what is missing.
    let o = verbale().args(["kwic"]).arg(&p).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("then the pattern last"), "{err}");
}

#[test]
fn keyness_each_shortcut_equals_testing_every_term() {
    // Each document against the rest tests only the terms it uses plus the ends of the
    // corpus-count order; asking for p <= 1 (which keeps every row) takes the path that tests
    // every term. Both must give the same tables, at every table size.
    use verbale::analysis::{analyse, Options};
    use verbale::compare::{keyness_each, KeynessOptions};
    use verbale::corpus::{load, LoadOptions};
    let corpus = load(&[data("quotes/docs"), seed()], &LoadOptions::default()).unwrap();
    let a = analyse(&corpus.docs, &Options::new(verbale::text::Lang::english()));
    for n in [1, 10, 400] {
        for min_count in [1, 3] {
            for bonferroni in [false, true] {
                let o = KeynessOptions {
                    min_count,
                    bonferroni,
                    ..Default::default()
                };
                let quick = keyness_each(&a, n, o).unwrap();
                let every = keyness_each(
                    &a,
                    n,
                    KeynessOptions {
                        p_max: Some(1.0),
                        ..o
                    },
                )
                .unwrap();
                assert!(quick.height() > a.docs.len(), "{n}: {}", quick.height());
                assert!(quick.equals_missing(&every), "n={n} min_count={min_count}");
            }
        }
    }
}

/// `--top N` keeps the N most over-used and the N most under-used terms, also when a filter
/// such as `--p` leaves terms of one side only (the weakest of them are not "under-used").
#[test]
fn top_n_is_n_over_used_and_n_under_used() {
    // The seed statement against an Armenian speech: with --p, five terms, all over-used.
    let (t, r) = (
        "data/statements/seed/000_a7ca7be90a8cccf0.txt".to_string(),
        "data/statements/ungd/ARM_75_2020.txt".to_string(),
    );
    let all = keyness_csv(&[&t, &r]);
    for extra in [&[][..], &["--p", "0.05", "--bonferroni"][..]] {
        let mut args = vec![t.as_str(), r.as_str(), "--top", "2"];
        args.extend_from_slice(extra);
        let rows = keyness_csv(&args);
        let over: Vec<&str> = rows.iter().filter(|r| r.1 > 0.0).map(|r| &*r.0).collect();
        let under = rows.iter().filter(|r| r.1 < 0.0).count();
        assert!(over.len() == 2 && under <= 2, "{extra:?}: {rows:?}");
        assert_eq!(over.len() + under, rows.len(), "{extra:?}: {rows:?}");
        // The over-used are the strongest of the whole table.
        let strongest: Vec<&str> = all.iter().take(over.len()).map(|r| &*r.0).collect();
        assert_eq!(over, strongest, "{extra:?}");
    }
}

/// `--sort` ranks by the statistic named, over-used first, and chooses the ends by it.
#[test]
fn keyness_ranks_by_the_statistic_asked_for() {
    let docs = [
        "data/statements/ungd/AZE_75_2020.txt",
        "data/statements/ungd/ARM_75_2020.txt",
    ];
    for (sort, col) in [
        ("chi2", "chi2"),
        ("log-odds", "log_odds_z"),
        ("log-ratio", "log_ratio"),
        ("g2", "g2"),
    ] {
        let text = compare_csv(&[&["--sort", sort][..], &docs].concat());
        let mut lines = text.lines();
        let header: Vec<&str> = lines.next().unwrap().split(',').collect();
        let i = header.iter().position(|h| *h == col).unwrap();
        let v: Vec<f64> = lines
            .map(|l| l.split(',').nth(i).unwrap().parse().unwrap())
            .collect();
        assert!(v.len() > 100, "{sort}: {} rows", v.len());
        assert!(v.windows(2).all(|w| w[0] >= w[1]), "{sort}: not descending");
        assert!(v[0] > 0.0 && v[v.len() - 1] < 0.0, "{sort}");
    }
}

/// `--target-where` alone compares the target with the rest: the table of an explicit
/// `NOT (...)` reference, under the name "the rest".
#[test]
fn a_target_condition_alone_is_against_the_rest() {
    let base = [
        "data/statements/ungd",
        "--meta-name",
        "{country}_{session}_{year}",
        "--target-where",
        "country = 'AZE'",
    ];
    let alone = compare_csv(&base);
    let explicit =
        compare_csv(&[&base[..], &["--reference-where", "NOT (country = 'AZE')"]].concat());
    assert!(alone.lines().count() > 100);
    assert_eq!(alone, explicit);
    let o = verbale()
        .arg("compare")
        .args(base)
        .args(["--top", "2"])
        .current_dir(root())
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&o.stdout).contains("vs reference the rest ("));
}

/// A p threshold that no term passes says so, with how many terms were tested and the
/// corrected threshold, instead of an unexplained empty table.
#[test]
fn an_empty_keyness_table_under_p_says_why() {
    let ungd = crate::common::root().join("data/statements/ungd");
    let out = verbale()
        .arg("compare")
        .arg(ungd.join("AZE_75_2020.txt"))
        .arg(ungd.join("ARM_75_2020.txt"))
        .args(["--p", "0.001", "--bonferroni"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let (so, se) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(
        so.contains("0 of 1,084 terms tested with p ≤ 0.001 (Bonferroni: p × 1,084"),
        "{so}"
    );
    assert!(se.contains("warning: no term has p ≤ 0.001"), "{se}");
    let out = verbale()
        .arg("compare")
        .arg(ungd.join("AZE_75_2020.txt"))
        .arg(ungd.join("ARM_75_2020.txt"))
        .args(["--p", "0.01", "-f", "csv"])
        .output()
        .unwrap();
    let df = crate::common::csv_bytes(out.stdout);
    let p = crate::common::nums(&df, "p");
    assert!(p.iter().all(|&x| x <= 0.01));
    // The rows kept are those of the whole table with p ≤ 0.01.
    let out = verbale()
        .arg("compare")
        .arg(ungd.join("AZE_75_2020.txt"))
        .arg(ungd.join("ARM_75_2020.txt"))
        .args(["-f", "csv"])
        .output()
        .unwrap();
    let all = crate::common::nums(&crate::common::csv_bytes(out.stdout), "p");
    assert_eq!(p.len(), all.iter().filter(|&&x| x <= 0.01).count());
    assert!(!p.is_empty() && p.len() < all.len());
}

/// Each side's documents using a term (AntConc's range), counted independently here, and
/// --min-docs keeping the terms that enough documents of their over-using side use.
#[test]
fn keyness_counts_the_documents_of_each_side() {
    let dir = tempfile::tempdir().unwrap();
    let t = [
        "alpha alpha alpha alpha alpha alpha beta common",
        "alpha beta common",
        "gamma common",
    ];
    let r = [
        "delta delta common",
        "delta common words",
        "common words here",
    ];
    for (i, x) in t.iter().enumerate() {
        std::fs::write(dir.path().join(format!("t{i}.txt")), x).unwrap();
    }
    for (i, x) in r.iter().enumerate() {
        std::fs::write(dir.path().join(format!("r{i}.txt")), x).unwrap();
    }
    let run = |extra: &[&str]| {
        let mut c = verbale();
        c.args(["compare", "-f", "csv", "--stopwords", "none", "--target"]);
        for i in 0..3 {
            c.arg(dir.path().join(format!("t{i}.txt")));
        }
        c.arg("--reference");
        for i in 0..3 {
            c.arg(dir.path().join(format!("r{i}.txt")));
        }
        let o = c.args(extra).output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        crate::common::csv_bytes(o.stdout)
    };
    let df = run(&[]);
    let terms = crate::common::strs(&df, "term");
    let (td, rd) = (
        crate::common::nums(&df, "target_docs"),
        crate::common::nums(&df, "reference_docs"),
    );
    // Documents holding each word, side by side, from the texts above.
    let held = |docs: &[&str], w: &str| {
        docs.iter()
            .filter(|d| d.split_whitespace().any(|x| x == w))
            .count() as f64
    };
    for w in ["alpha", "beta", "gamma", "delta", "common", "word"] {
        let i = terms
            .iter()
            .position(|x| x == w)
            .unwrap_or_else(|| panic!("{w}: {terms:?}"));
        let shown = if w == "word" { "words" } else { w };
        assert_eq!((td[i], rd[i]), (held(&t, shown), held(&r, shown)), "{w}");
    }
    // With --min-docs 2: alpha (2 target documents) and delta (2 reference documents) stay;
    // gamma (1 target document) goes.
    let kept = crate::common::strs(&run(&["--min-docs", "2"]), "term");
    assert!(kept.contains(&"alpha".to_string()) && kept.contains(&"delta".to_string()));
    assert!(!kept.contains(&"gamma".to_string()), "{kept:?}");
}

/// %DIFF (AntConc's effect size, Gabrielatos & Marchi 2011) from the raw counts and the sides'
/// token totals: (f1/t1 − f2/t2) × 100 / (f2/t2), empty where the reference never uses the
/// term. AZE_75_2020 (3,183 tokens) against ARM_75_2020 (1,479): `Azerbaijan` 67 and 9 times.
#[test]
fn pct_diff_is_antconcs_percentage_difference() {
    let text = compare_csv(&[
        "data/statements/ungd/AZE_75_2020.txt",
        "data/statements/ungd/ARM_75_2020.txt",
    ]);
    let df = crate::common::csv_bytes(text.into_bytes());
    let terms = crate::common::strs(&df, "term");
    let cell = |t: &str, c: &str| {
        let i = terms.iter().position(|x| x == t).unwrap();
        df.column(c)
            .unwrap()
            .get(i)
            .unwrap()
            .try_extract::<f64>()
            .ok()
    };
    let expected = (67.0 / 3183.0 - 9.0 / 1479.0) * 100.0 / (9.0 / 1479.0);
    assert!((cell("azerbaijan", "pct_diff").unwrap() - expected).abs() < 1e-9);
    assert_eq!(cell("gentlemen", "pct_diff"), Some(-100.0));
    assert_eq!(cell("territori", "pct_diff"), None);
}

#[test]
fn a_reference_that_loses_a_file_to_the_target_is_named_by_what_it_keeps() {
    // `--reference a b` with `a` also the target compares against `b` alone, and says so.
    let ungd = root().join("data/statements/ungd");
    let (aze, arm) = (ungd.join("AZE_75_2020.txt"), ungd.join("ARM_75_2020.txt"));
    let header = |named: &[&str]| {
        let o = verbale()
            .args(["compare", "--top", "1"])
            .args(named)
            .arg("--target")
            .arg(&aze)
            .arg("--reference")
            .arg(&aze)
            .arg(&arm)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let out = header(&[]);
    assert!(
        out.contains("vs reference ARM_75_2020 (1 document"),
        "{out}"
    );
    // Named by --name-reference, the name stays.
    let out = header(&["--name-reference", "both"]);
    assert!(out.contains("vs reference both (1 document"), "{out}");
}
