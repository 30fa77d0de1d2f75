//! Counts made in parts (`verbale counts`) add up to the whole: `freq --from-counts` over the
//! parts gives the tables of one run over every document, byte for byte, and an engine's
//! `GROUP BY` over the parts' files gives the same sums.

use crate::common::{data, verbale};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Copies the folders `from` (under `data/statements`) into `into`.
fn part(into: &Path, from: &[&str]) {
    for f in from {
        let src = crate::common::root().join("data/statements").join(f);
        let dst = into.join(f);
        std::fs::create_dir_all(&dst).unwrap();
        for e in std::fs::read_dir(&src).unwrap() {
            let p = e.unwrap().path();
            std::fs::copy(&p, dst.join(p.file_name().unwrap())).unwrap();
        }
    }
}

/// The bundled corpus, `data/`.
fn data_dir() -> PathBuf {
    crate::common::root().join("data")
}

fn run(args: &[&str], paths: &[&Path]) -> Vec<u8> {
    let out = verbale().args(args).args(paths).assert().success();
    out.get_output().stdout.clone()
}

fn counts(input: &Path, out: &Path, extra: &[&str]) {
    verbale()
        .args(["counts", "-q"])
        .args(extra)
        .arg(input)
        .arg("-o")
        .arg(out)
        .assert()
        .success();
}

/// data/ counted in two parts in `dir`, in its order: seed and ungd (`a`), then wh (`b`).
fn data_in_two_parts(dir: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let (a, b) = (dir.join("a"), dir.join("b"));
    counts(&data_dir(), &a, &["--where", "source <> 'wh'"]);
    counts(&data_dir(), &b, &["--where", "source = 'wh'"]);
    (a, b)
}

#[test]
fn parts_counted_apart_give_the_tables_of_the_whole() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    part(&a, &["seed", "wh"]);
    part(&b, &["ungd"]);
    let (ca, cb) = (dir.path().join("ca"), dir.path().join("cb"));
    counts(&a, &ca, &[]);
    counts(&b, &cb, &[]);
    for f in [
        "docs.parquet",
        "terms.parquet",
        "forms.parquet",
        "spellings.parquet",
        "counts.json",
    ] {
        assert!(ca.join(f).is_file(), "{f}");
    }
    for by in ["corpus", "doc"] {
        let whole = run(&["freq", "-q", "--format", "csv", "--by", by], &[&a, &b]);
        let parts = run(
            &["freq", "-q", "--format", "csv", "--by", by, "--from-counts"],
            &[&ca, &cb],
        );
        assert!(whole.len() > 10_000, "{by}");
        assert_eq!(
            String::from_utf8(parts).unwrap(),
            String::from_utf8(whole).unwrap(),
            "--by {by}"
        );
    }
    // Groups by a field the parts carry (the folder), in freq and in compare.
    for cmd in ["freq", "compare"] {
        let whole = run(
            &[cmd, "-q", "--format", "csv", "--group-by", "folder"],
            &[&a, &b],
        );
        let parts = run(
            &[
                cmd,
                "-q",
                "--format",
                "csv",
                "--group-by",
                "folder",
                "--from-counts",
            ],
            &[&ca, &cb],
        );
        let text = String::from_utf8(whole).unwrap();
        assert!(
            text.contains("\nungd,") && text.contains("\nwh,"),
            "{cmd}: {text}"
        );
        assert_eq!(
            String::from_utf8(parts).unwrap(),
            text,
            "{cmd} --group-by folder"
        );
    }
    // Trends of words by a field.
    let mut args = vec![
        "trend",
        "-q",
        "--format",
        "csv",
        "--by",
        "folder",
        "elections",
        "armenia",
    ];
    let texts = run(&args, &[&a, &b]);
    args.push("--from-counts");
    let counted = run(&args, &[&ca, &cb]);
    assert!(String::from_utf8_lossy(&texts).contains("ungd,elections,"));
    assert_eq!(counted, texts, "trend");
    // Sides chosen by the fields: the same statistics (display forms are chosen over every
    // document of the parts, where one run over the two sides chooses them over those).
    let sides = [
        "--target-where",
        "folder = 'ungd'",
        "--reference-where",
        "folder = 'wh'",
    ];
    let cols = [
        "compare",
        "-q",
        "--format",
        "csv",
        "--columns",
        "term,target,reference,g2",
    ];
    let mut args = cols.to_vec();
    args.extend(sides);
    let one = run(&args, &[&a, &b]);
    args.push("--from-counts");
    let parts = run(&args, &[&ca, &cb]);
    assert!(one.len() > 1_000);
    assert_eq!(
        String::from_utf8(parts).unwrap(),
        String::from_utf8(one).unwrap()
    );
}

#[test]
fn a_report_from_counts_has_the_tables_of_the_texts_and_names_what_it_leaves_out() {
    // data/ in two parts, in its order (seed and ungd, then wh), with its manifest's fields.
    let dir = tempfile::tempdir().unwrap();
    let (ca, cb) = data_in_two_parts(dir.path());
    let (texts, counted) = (dir.path().join("texts"), dir.path().join("counted"));
    let report = |args: &[&str], paths: &[&Path], out: &Path| {
        verbale()
            .args([
                "report",
                "-q",
                "--group-by",
                "country",
                "--time",
                "year",
                "-o",
            ])
            .arg(out)
            .args(args)
            .args(paths)
            .assert()
            .success();
    };
    report(&[], &[&data_dir()], &texts);
    report(&["--from-counts"], &[&ca, &cb], &counted);
    let read = |d: &Path, t: &str| std::fs::read_to_string(d.join(t)).unwrap();
    for t in [
        "terms.csv",
        "corpus_terms.csv",
        "keyness.csv",
        "similarity.csv",
        "groups.csv",
        "group_keyness.csv",
        "trend.csv",
    ] {
        let whole = read(&texts, t);
        assert!(whole.lines().count() > 2, "{t}");
        assert_eq!(read(&counted, t), whole, "{t}");
    }
    // The documents' measures come back from the counts, and so do the paths they were
    // counted from (here copies of the same files).
    let frame = |d: &Path| crate::common::csv_file(&d.join("docs.csv"));
    let (whole, parts) = (frame(&texts), frame(&counted));
    assert_eq!(whole.height(), 21);
    let file_names = |df: &polars::prelude::DataFrame| -> Vec<String> {
        crate::common::strs(df, "path")
            .iter()
            .map(|p| p.rsplit('/').next().unwrap().to_string())
            .collect()
    };
    assert_eq!(file_names(&parts), file_names(&whole));
    assert!(file_names(&whole).iter().all(|p| p.ends_with(".txt")));
    for c in [
        "tokens",
        "spans",
        "scare_spans",
        "ttr",
        "mattr",
        "mtld",
        "flesch",
        "fk_grade",
    ] {
        assert_eq!(
            crate::common::strs(&parts, c),
            crate::common::strs(&whole, c),
            "docs.{c}"
        );
    }
    // The tables and sections that need the texts are left out, and the report says so.
    for t in [
        "quotes.csv",
        "ngrams.csv",
        "acts.csv",
        "cues.csv",
        "dispersion.png",
    ] {
        assert!(texts.join(t).is_file(), "{t}");
        assert!(!counted.join(t).exists(), "{t}");
    }
    // The quoted terms' counts come back; their cues, read in the texts, are left out rather
    // than shown empty.
    let quoted = |d: &Path| crate::common::csv_file(&d.join("corpus_quoted_terms.csv"));
    let (whole, parts) = (quoted(&texts), quoted(&counted));
    assert!(whole.height() > 2);
    for c in ["term", "quoted", "scare", "total"] {
        assert_eq!(
            crate::common::strs(&parts, c),
            crate::common::strs(&whole, c),
            "corpus_quoted_terms.{c}"
        );
    }
    assert!(whole.column("cues").is_ok() && parts.column("cues").is_err());
    let md = read(&counted, "report.md");
    assert!(md.contains("Made from counts"), "{md}");
    assert!(md.contains("speech acts") && md.contains("dispersion"));
    assert!(!md.contains("## Speech acts") && !md.contains("## Phrases"));
    assert!(read(&texts, "report.md").contains("## Speech acts"));
    // The per-document profile has no column of acts it could not count.
    // (Markdown escapes its parentheses.)
    let column = r"| acts \(mean intensity\) |";
    assert!(!md.contains(column));
    assert!(read(&texts, "report.md").contains(column));
    let nb = read(&counted, "report.ipynb");
    assert!(nb.contains("corpus_terms") && !nb.contains("act_instances"));
    // `docs` lists the same documents, measures and fields from the counts, and the paths
    // the parts were counted from.
    let listed = |args: &[&str], paths: &[&Path]| {
        let mut df = crate::common::csv_bytes(run(args, paths));
        let paths = crate::common::strs(&df, "path");
        df = df.drop("path").unwrap();
        (df, paths)
    };
    let (whole, paths) = listed(&["docs", "-q", "-f", "csv"], &[&data_dir()]);
    let (parts, none) = listed(&["docs", "-q", "-f", "csv", "--from-counts"], &[&ca, &cb]);
    assert!(whole
        .get_column_names()
        .iter()
        .any(|c| c.as_str() == "country"));
    let last = |v: &[String]| -> Vec<String> {
        v.iter()
            .map(|p| p.rsplit('/').next().unwrap().to_string())
            .collect()
    };
    assert!(paths.iter().all(|p| p.ends_with(".txt")));
    assert_eq!(last(&none), last(&paths));
    assert!(parts.equals_missing(&whole), "{parts}\n{whole}");
    // Charts that need no texts draw the same from the counts (but for the title's name).
    for (kind, extra) in [
        ("quotes", &[][..]),
        ("similarity", &[]),
        ("docs", &["--measure", "mtld"]),
        ("trend", &["--terms", "sovereignty", "--by", "country"]),
    ] {
        let svg = |from: &[&str], paths: &[&Path], file: &str| {
            let out = dir.path().join(file);
            let mut cmd = verbale();
            cmd.args(["chart", kind, "-q", "-o"])
                .arg(&out)
                .args(from)
                .args(paths);
            cmd.args(extra);
            cmd.assert().success();
            let text = std::fs::read_to_string(&out).unwrap();
            let kept: Vec<String> = text
                .split('>')
                .filter(|piece| !piece.contains("(21 documents)"))
                .map(str::to_string)
                .collect();
            (kept.len(), kept)
        };
        let (n, from_texts) = svg(&[], &[&data_dir()], &format!("t-{kind}.svg"));
        let (_, from_counts) = svg(&["--from-counts"], &[&ca, &cb], &format!("c-{kind}.svg"));
        assert!(n > 20, "{kind}: {n}");
        assert_eq!(from_counts, from_texts, "chart {kind}");
    }
}

#[test]
fn counts_never_replace_their_input_or_a_folder_they_did_not_write() {
    let dir = tempfile::tempdir().unwrap();
    let texts = dir.path().join("t").join("a");
    part(&texts, &["seed"]);
    let n = std::fs::read_dir(texts.join("seed")).unwrap().count();
    let other = dir.path().join("other");
    std::fs::create_dir(&other).unwrap();
    std::fs::write(other.join("notes.txt"), "keep me").unwrap();
    for (out, why) in [
        (dir.path().join("t"), "holds an input"),
        (texts.clone(), "holds an input"),
        (other.clone(), "not a counts folder"),
    ] {
        let res = verbale()
            .args(["counts", "-q", "--force"])
            .arg(&texts)
            .arg("-o")
            .arg(&out)
            .assert()
            .code(2);
        let err = String::from_utf8_lossy(&res.get_output().stderr).to_string();
        assert!(err.contains(why), "{err}");
    }
    assert_eq!(std::fs::read_dir(texts.join("seed")).unwrap().count(), n);
    assert_eq!(
        std::fs::read_to_string(other.join("notes.txt")).unwrap(),
        "keep me"
    );
    // A counts folder is replaced with --force.
    let c = dir.path().join("c");
    counts(&texts, &c, &[]);
    counts(&texts, &c, &["--force"]);
    assert!(c.join("counts.json").is_file());
}

/// A part with no readable document (a partition of a map step that holds none) is counted
/// as an empty part that adds nothing; what a part could not read is kept in its counts.json
/// and told again when the parts are put together; parts that are all empty are no corpus.
#[test]
fn an_empty_part_adds_nothing_and_what_a_part_did_not_read_is_told() {
    let dir = tempfile::tempdir().unwrap();
    let (texts, empty, broken) = (
        dir.path().join("t"),
        dir.path().join("e"),
        dir.path().join("b"),
    );
    part(&texts, &["seed"]);
    std::fs::create_dir_all(&empty).unwrap();
    std::fs::create_dir_all(&broken).unwrap();
    std::fs::write(broken.join("latin1.txt"), b"caf\xe9 words\n").unwrap();
    std::fs::write(broken.join("blank.txt"), b" \n").unwrap();
    let (ct, ce, cb) = (
        dir.path().join("ct"),
        dir.path().join("ce"),
        dir.path().join("cb"),
    );
    counts(&texts, &ct, &[]);
    let res = verbale()
        .args(["counts"])
        .arg(&empty)
        .arg("-o")
        .arg(&ce)
        .assert()
        .success();
    let err = String::from_utf8_lossy(&res.get_output().stderr).to_string();
    assert!(err.contains("writing an empty part"), "{err}");
    // A part whose files all fail: exit 1, an empty part, and the failures in counts.json.
    verbale()
        .args(["counts", "-q"])
        .arg(&broken)
        .arg("-o")
        .arg(&cb)
        .assert()
        .code(1);
    let about: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(cb.join("counts.json")).unwrap()).unwrap();
    assert_eq!(about["documents"], 0);
    let listed = about["not_read"].as_array().unwrap();
    assert_eq!(listed.len(), 2, "{about}");
    assert!(listed
        .iter()
        .any(|p| p["warning"] == false && p["problem"].as_str().unwrap().contains("latin1.txt")));
    let alone = run(&["freq", "--top", "20", "--from-counts"], &[&ct]);
    let res = verbale()
        .args(["freq", "--top", "20", "--from-counts"])
        .args([&ct, &ce, &cb])
        .assert()
        .success();
    assert_eq!(res.get_output().stdout, alone);
    let err = String::from_utf8_lossy(&res.get_output().stderr).to_string();
    assert!(
        err.contains("1 file could not be read and 1 file skipped"),
        "{err}"
    );
    verbale()
        .args(["freq", "--from-counts"])
        .args([&ce, &cb])
        .assert()
        .code(1);
}

/// Parts are told apart by what they were counted with, not by where a list was read from:
/// one phrase list in two files is one option; --compound-top pairs chosen per part are not.
/// A part with no documents does not decide the type of a field (its `year` has no value).
#[test]
fn parts_agree_on_the_phrases_they_hold_and_an_empty_part_types_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b, e) = (
        dir.path().join("a"),
        dir.path().join("b"),
        dir.path().join("e"),
    );
    part(&a, &["seed"]);
    part(&b, &["ungd"]);
    std::fs::create_dir_all(&e).unwrap();
    let (p1, p2) = (dir.path().join("p1.txt"), dir.path().join("p2.txt"));
    for p in [&p1, &p2] {
        std::fs::write(p, "territorial integrity\nsecurity council\n").unwrap();
    }
    let c = |name: &str| dir.path().join(name);
    counts(&a, &c("a1"), &["--phrases", p1.to_str().unwrap()]);
    counts(&b, &c("b2"), &["--phrases", p2.to_str().unwrap()]);
    run(&["freq", "-q", "--from-counts"], &[&c("a1"), &c("b2")]);
    counts(&a, &c("at"), &["--compound-top", "3"]);
    counts(&b, &c("bt"), &["--compound-top", "3"]);
    let res = verbale()
        .args(["freq", "-q", "--from-counts"])
        .args([c("at"), c("bt")])
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&res.get_output().stderr).to_string();
    assert!(
        err.contains("phrases:") && err.contains("--compound-top chooses"),
        "{err}"
    );
    let named = ["--meta-name", "{country}_{session}_{year}"];
    counts(&b, &c("bm"), &named);
    counts(&e, &c("em"), &named);
    let out = run(
        &[
            "freq",
            "-q",
            "-f",
            "csv",
            "--where",
            "year >= 2016",
            "--from-counts",
        ],
        &[&c("em"), &c("bm")],
    );
    assert!(crate::common::csv_bytes(out).height() > 0);
}

/// Parts of one corpus counted with `--root` name their documents and read the manifest as a
/// run over the whole does: the per-document table, fields included, is that run's byte for
/// byte, and an empty part beside them adds nothing (the manifest names no file of it).
#[test]
fn parts_counted_under_their_root_are_the_whole_run() {
    let dir = tempfile::tempdir().unwrap();
    let root = data_dir();
    let empty = dir.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    std::fs::copy(root.join("manifest.csv"), empty.join("manifest.csv")).unwrap();
    let mut shards = Vec::new();
    for p in ["seed", "ungd", "wh"] {
        let c = dir.path().join(p);
        counts(
            &root.join("statements").join(p),
            &c,
            &["--root", root.to_str().unwrap()],
        );
        shards.push(c);
    }
    let ce = dir.path().join("ce");
    counts(&empty, &ce, &["--where", "year >= 2000"]);
    shards.push(ce);
    let refs: Vec<&Path> = shards.iter().map(PathBuf::as_path).collect();
    let by_doc = ["freq", "-q", "--by", "doc", "-f", "csv"];
    let parts = run(&[&by_doc[..], &["--from-counts"]].concat(), &refs);
    assert_eq!(parts, run(&by_doc, &[&root]));
    // The documents' fields too (the folder, the manifest's columns), and their paths.
    let docs = ["docs", "-q", "-f", "csv"];
    let fields = crate::common::csv_bytes(run(&[&docs[..], &["--from-counts"]].concat(), &refs));
    let whole = crate::common::csv_bytes(run(&docs, &[&root]));
    assert!(
        ["folder", "country", "year"]
            .iter()
            .all(|f| whole.get_column_names().iter().any(|c| c.as_str() == *f)),
        "{whole}"
    );
    assert!(fields.equals_missing(&whole), "{fields}\n{whole}");
    let outside = verbale()
        .args(["counts", "-q", "--root"])
        .arg(dir.path())
        .arg(root.join("statements/seed"))
        .arg("-o")
        .arg(dir.path().join("x"))
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&outside.get_output().stderr).to_string();
    assert!(err.contains("does not hold"), "{err}");
}

#[test]
fn parts_with_different_fields_line_up_by_name() {
    // One part with the manifest's fields, one with the folder's only, one with a year taken
    // from the file name as text.
    let dir = tempfile::tempdir().unwrap();
    let (ca, cb, cc) = (
        dir.path().join("ca"),
        dir.path().join("cb"),
        dir.path().join("cc"),
    );
    counts(&data_dir(), &ca, &["--where", "source = 'seed'"]);
    let wh = dir.path().join("wh");
    part(&wh, &["wh"]);
    counts(&wh, &cb, &[]);
    let ungd = dir.path().join("u");
    part(&ungd, &["ungd"]);
    counts(
        &ungd,
        &cc,
        &["--no-meta", "--meta-name", "{country}_{session}_{year}"],
    );
    let df = crate::common::csv_bytes(run(
        &["docs", "-q", "-f", "csv", "--from-counts"],
        &[&ca, &cb, &cc],
    ));
    assert_eq!(df.height(), 21);
    let (country, year) = (
        crate::common::strs(&df, "country"),
        crate::common::strs(&df, "year"),
    );
    assert_eq!(country[0], "AZE", "the seed's manifest row");
    assert!(
        country[1..11].iter().all(String::is_empty),
        "wh has no country: {country:?}"
    );
    assert_eq!(
        &country[11..],
        ["ARM", "ARM", "ARM", "ARM", "ARM", "AZE", "AZE", "AZE", "AZE", "AZE"]
    );
    assert_eq!(year[11], "2012");
    // Grouping over the lined-up fields: the documents without a country are left out.
    let text = String::from_utf8(run(
        &[
            "freq",
            "-q",
            "-f",
            "csv",
            "--group-by",
            "country",
            "--from-counts",
        ],
        &[&ca, &cb, &cc],
    ))
    .unwrap();
    assert!(text.contains("\nAZE,") && text.contains("\nARM,"), "{text}");
}

#[test]
fn a_phrase_of_the_list_is_followed_in_texts_and_in_counts_made_with_it() {
    // With --phrases un, "territorial integrity" is one term: trend over the texts still finds
    // it (it was all zeros), and counts made with the list hold it.
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("c");
    counts(&data_dir(), &c, &["--phrases", "un"]);
    let trend = |terms: &[&str], extra: &[&str], paths: &[&Path]| {
        let args = [
            &["trend"][..],
            terms,
            &["-q", "-f", "csv", "--by", "country"],
            extra,
        ]
        .concat();
        let df = crate::common::csv_bytes(run(&args, paths));
        (
            crate::common::strs(&df, "count"),
            crate::common::strs(&df, "docs"),
            crate::common::strs(&df, "quoted"),
        )
    };
    let ti = ["territorial integrity"];
    let plain = trend(&ti, &[], &[&data_dir()]);
    assert_eq!(plain.0, ["6", "19", "7"], "ARM, AZE and USA");
    assert_eq!(trend(&ti, &["--phrases", "un"], &[&data_dir()]), plain);
    assert_eq!(trend(&ti, &["--from-counts"], &[&c]), plain);
    // Words, and a phrase, that stand inside longer phrases of the list ("human rights
    // council", "territorial integrity") count there too, as in the texts.
    let inside = [
        "integrity",
        "territorial",
        "rights",
        "human rights",
        "council",
    ];
    let texts = trend(&inside, &[], &[&data_dir()]);
    assert_eq!(trend(&inside, &["--from-counts"], &[&c]), texts);
    // A phrase that is not on the list cannot come from counts.
    verbale()
        .args([
            "trend",
            "our dear friends",
            "--by",
            "country",
            "--from-counts",
        ])
        .arg(&c)
        .assert()
        .code(2);
}

#[test]
fn parts_that_do_not_add_up_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a");
    part(&a, &["seed"]);
    let (ca, stemless) = (dir.path().join("ca"), dir.path().join("stemless"));
    counts(&a, &ca, &[]);
    counts(&a, &stemless, &["--no-stem"]);
    let err = |dirs: &[&Path]| {
        let out = verbale()
            .args(["freq", "-q", "--from-counts"])
            .args(dirs)
            .assert()
            .failure()
            .code(2);
        String::from_utf8(out.get_output().stderr.clone()).unwrap()
    };
    assert!(err(&[&ca, &ca]).contains("is in two parts"));
    // The same files named another way (with their extensions) are the same documents.
    let named = dir.path().join("named");
    counts(&a, &named, &["--keep-ext"]);
    let e = err(&[&ca, &named]);
    assert!(
        e.contains("is in two parts, as") && e.contains("--keep-ext"),
        "{e}"
    );
    assert!(err(&[&ca, &stemless]).contains("counted with different options"));
    assert!(err(&[&a]).contains("not a counts folder"));
    // Charts from counts: freq and keyness; a chart that needs the texts is refused.
    let png = dir.path().join("freq.png");
    verbale()
        .args(["chart", "freq", "-q", "--from-counts"])
        .arg(&ca)
        .arg("-o")
        .arg(&png)
        .assert()
        .success();
    assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"));
    let out = verbale()
        .args(["chart", "dispersion", "-q", "--from-counts"])
        .arg(&ca)
        .arg("-o")
        .arg(dir.path().join("d.png"))
        .assert()
        .failure()
        .code(2);
    assert!(String::from_utf8_lossy(&out.get_output().stderr).contains("need the texts"));
    // An existing folder is kept unless --force.
    let out = verbale()
        .args(["counts", "-q"])
        .arg(&a)
        .arg("-o")
        .arg(&ca)
        .assert()
        .failure();
    assert!(String::from_utf8_lossy(&out.get_output().stderr).contains("--force"));
    counts(&a, &ca, &["--force"]);
    // Fields come with the counts: a part counted without any says where they are given.
    let bare = dir.path().join("bare");
    counts(&a.join("seed"), &bare, &["--no-meta"]);
    let out = verbale()
        .args(["freq", "-q", "--group-by", "year", "--from-counts"])
        .arg(&bare)
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(err.contains("fields come with the counts"), "{err}");
    // A counts folder given as texts says how it is read.
    let out = verbale().args(["freq", "-q"]).arg(&ca).assert().code(1);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        err.contains("is a counts folder") && err.contains("--from-counts"),
        "{err}"
    );
    // A damaged part is an input that cannot be read (exit 1), saying what to do.
    let damaged = |what: &dyn Fn(&Path), says: &str| {
        let d = dir.path().join("damaged");
        let _ = std::fs::remove_dir_all(&d);
        counts(&a, &d, &[]);
        what(&d);
        let out = verbale()
            .args(["freq", "-q", "--from-counts"])
            .arg(&d)
            .assert()
            .code(1);
        let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
        assert!(
            err.contains(says) && err.contains("count the part again"),
            "{err}"
        );
    };
    damaged(
        &|d| std::fs::write(d.join("counts.json"), "{\"format\": \"verbale coun").unwrap(),
        "not valid JSON",
    );
    damaged(
        &|d| std::fs::remove_file(d.join("terms.parquet")).unwrap(),
        "terms.parquet: cannot read",
    );
    damaged(
        &|d| std::fs::write(d.join("docs.parquet"), b"PAR1 cut short").unwrap(),
        "not a readable Parquet file",
    );
    damaged(
        &|d| {
            let about = std::fs::read_to_string(d.join("counts.json")).unwrap();
            let edited = about.replace("\"documents\":1,", "\"documents\":999,");
            assert_ne!(edited, about);
            std::fs::write(d.join("counts.json"), edited).unwrap()
        },
        "says 999 documents",
    );
}

/// What a user gets wrong when counting parts is named at once: two files of one name in
/// different parts (a run over both names them apart) point at --root; parts counted with
/// and without --keep-ext, whose rows would not join, are refused; a part inside a corpus
/// whose manifest.csv is above it, counted without --root, is noted at count time; and the
/// reading flags a run from counts does not use (--phrases, even a list that does not exist,
/// --ext) are warned of. A stopword followed from counts is said to be one, and a side no
/// document of the counts satisfies names its flag. Parts counted under one root are named by
/// it (a chart's title).
#[test]
fn parts_counted_apart_the_wrong_way_are_told_how_to_count_them() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    for (folder, text) in [
        ("a", "We welcome the talks."),
        ("b", "We condemn the attack."),
    ] {
        std::fs::create_dir_all(corpus.join(folder)).unwrap();
        std::fs::write(corpus.join(folder).join("speech.txt"), text).unwrap();
        std::fs::write(corpus.join(folder).join(format!("{folder}_2.txt")), text).unwrap();
    }
    std::fs::write(
        corpus.join("manifest.csv"),
        "file,year\na/speech.txt,2001\na/a_2.txt,2001\nb/speech.txt,2002\nb/b_2.txt,2002\n",
    )
    .unwrap();
    let count = |part: &str, out: &str, extra: &[&str]| -> String {
        let o = verbale()
            .arg("counts")
            .args(extra)
            .arg(corpus.join(part))
            .arg("-o")
            .arg(dir.path().join(out))
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8_lossy(&o.stderr).into_owned()
    };
    let said = count("a", "ca", &[]);
    assert!(
        said.contains("is inside a corpus whose manifest.csv is in")
            && said.contains("give --root"),
        "{said}"
    );
    count("b", "cb", &["-q"]);
    let freq = |parts: &[&str], extra: &[&str]| {
        let dirs: Vec<PathBuf> = parts.iter().map(|p| dir.path().join(p)).collect();
        verbale()
            .args(["freq", "--from-counts"])
            .args(&dirs)
            .args(extra)
            .output()
            .unwrap()
    };
    let o = freq(&["ca", "cb"], &[]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("two documents are named 'speech'") && err.contains("--root"),
        "{err}"
    );
    // Counted under the root, the two are `a/speech` and `b/speech`, with their fields.
    let root = corpus.to_str().unwrap();
    let quiet = count("a", "ra", &["--root", root]);
    assert!(!quiet.contains("give --root"), "{quiet}");
    count("b", "rb", &["--root", root]);
    let o = freq(&["ra", "rb"], &["--group-by", "year", "-q"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // Parts counted under one root carry its name, which a chart over them is titled by.
    let about = std::fs::read_to_string(dir.path().join("ra/counts.json")).unwrap();
    assert!(about.contains("\"corpus\":\"corpus\""), "{about}");
    let svg = dir.path().join("freq.svg");
    verbale()
        .args(["chart", "freq", "-q", "--from-counts"])
        .arg(dir.path().join("ra"))
        .arg(dir.path().join("rb"))
        .arg("-o")
        .arg(&svg)
        .assert()
        .success();
    let drawn = std::fs::read_to_string(&svg).unwrap();
    assert!(drawn.contains("corpus (4 documents)"), "{drawn}");
    // The second part with extensions in its names: refused, naming both parts.
    count("b", "kb", &["--root", root, "--keep-ext", "-q"]);
    let o = freq(&["ra", "kb"], &["--by", "doc"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("counted with --keep-ext")
            && err.contains("count every part with the same --keep-ext"),
        "{err}"
    );
    // A stopword is not in the counts, and the warning says why, once.
    let o = verbale()
        .args(["trend", "we", "talks", "--by", "year", "--from-counts"])
        .arg(dir.path().join("ra"))
        .arg(dir.path().join("rb"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("'we' (stem 'we') is not in the counts: a stopword when they were counted")
            && !err.contains("'we' is in none of these documents"),
        "{err}"
    );
    // A side that no document of the counts satisfies names its flag.
    let o = verbale()
        .args(["compare", "--target-where", "year = 2001"])
        .args(["--reference-where", "year > 3000", "--from-counts"])
        .arg(dir.path().join("ra"))
        .arg(dir.path().join("rb"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("satisfies --reference-where 'year > 3000'"),
        "{err}"
    );
    let o = freq(
        &["ra", "rb"],
        &["--phrases", "no-such-list.txt", "--ext", "md"],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("--phrases is not used with --from-counts")
            && err.contains("--ext not used with --from-counts"),
        "{err}"
    );
}

/// A part counted without the fields the others have: its documents are in no group, and
/// the run says so, as a run over the texts does; documents no condition chooses are told too.
#[test]
fn documents_of_counts_in_no_group_are_told() {
    let dir = tempfile::tempdir().unwrap();
    let (ca, cb) = (dir.path().join("ca"), dir.path().join("cb"));
    counts(&data_dir(), &ca, &["--where", "source <> 'wh'"]);
    counts(&data_dir().join("statements/wh"), &cb, &["--no-meta"]);
    let wh = std::fs::read_dir(data_dir().join("statements/wh"))
        .unwrap()
        .count();
    let said = |args: &[&str]| {
        let out = verbale()
            .args(args)
            .arg("--from-counts")
            .args([&ca, &cb])
            .assert()
            .success();
        String::from_utf8_lossy(&out.get_output().stderr).to_string()
    };
    let e = said(&["freq", "--group-by", "year", "--top", "1"]);
    assert!(
        e.contains(&format!(
            "{wh} documents have no value for year: in no group"
        )),
        "{e}"
    );
    // The part that lacks the fields is named, so that one of many parts can be found.
    assert!(
        e.contains(&format!("{}: its documents have no fields", cb.display()))
            && !e.contains(&format!("{}: its documents", ca.display())),
        "{e}"
    );
    // A part that is not there is named as a missing input is; a flag of counting given with
    // counts is named alone.
    let out = verbale()
        .args(["freq", "-q", "--from-counts"])
        .arg(dir.path().join("nope"))
        .assert()
        .code(1);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        err.contains("nope: no such file or folder; check the path"),
        "{err}"
    );
    let e = said(&["freq", "--no-stem", "--top", "1"]);
    assert!(
        e.contains("--no-stem is not used with --from-counts") && !e.contains("--lang"),
        "{e}"
    );
    // Neither side holds a document without a year, "the rest" (`NOT (year >= 2020)`) either.
    let both = ["--reference-where", "year < 2020"];
    for sides in [&both[..0], &both[..]] {
        let mut args = vec!["compare", "--target-where", "year >= 2020", "--top", "1"];
        args.extend(sides);
        let e = said(&args);
        assert!(
            e.contains(&format!("{wh} documents chosen by no condition: left out")),
            "{e}"
        );
    }
}

/// UNGD in four parts, counted apart: `--from-counts` and DuckDB's sums equal one run.
#[test]
#[ignore = "needs ../shared/corpus/ungd and Python with duckdb and polars; .ci/run runs it"]
fn ungd_in_four_parts_adds_up_in_verbale_and_in_duckdb() {
    let ungd = crate::common::root().join("../shared/corpus/ungd");
    assert!(ungd.is_dir(), "{} is missing", ungd.display());
    let dir = tempfile::tempdir().unwrap();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&ungd)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let n = files.len();
    let parts: Vec<PathBuf> = (0..4).map(|k| dir.path().join(format!("p{k}"))).collect();
    for (i, f) in files.iter().enumerate() {
        let p = &parts[i * 4 / n];
        std::fs::create_dir_all(p).unwrap();
        std::fs::copy(f, p.join(f.file_name().unwrap())).unwrap();
    }
    let shards: Vec<PathBuf> = (0..4).map(|k| dir.path().join(format!("c{k}"))).collect();
    for (p, c) in parts.iter().zip(&shards) {
        counts(p, c, &["--no-meta"]);
    }
    let part_refs: Vec<&Path> = parts.iter().map(PathBuf::as_path).collect();
    let shard_refs: Vec<&Path> = shards.iter().map(PathBuf::as_path).collect();
    for by in ["corpus", "doc"] {
        let whole = run(
            &["freq", "-q", "--no-meta", "--format", "csv", "--by", by],
            &part_refs,
        );
        let from = run(
            &["freq", "-q", "--format", "csv", "--by", by, "--from-counts"],
            &shard_refs,
        );
        assert!(
            from == whole,
            "--by {by}: the four parts differ from one run"
        );
    }
    let one = dir.path().join("one.csv");
    std::fs::write(
        &one,
        run(&["freq", "-q", "--no-meta", "--format", "csv"], &part_refs),
    )
    .unwrap();
    let o = Command::new("python3")
        .arg(data("counts/duckdb_sums.py"))
        .arg(dir.path())
        .arg(&one)
        .output()
        .expect("python3 to run tests/data/counts/duckdb_sums.py");
    assert!(
        o.status.success(),
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(String::from_utf8_lossy(&o.stdout).contains("0 differences"));
}

/// The temporary folder of a counts run that was killed is removed by the next run there; one
/// of a run still going (this test's own process id) is left alone.
#[cfg(target_os = "linux")]
#[test]
fn a_killed_runs_counts_folder_is_cleared() {
    let dir = tempfile::tempdir().unwrap();
    let gone = dir.path().join(".verbale-counts-4000000000-abc");
    let alive = dir
        .path()
        .join(format!(".verbale-counts-{}-abc", std::process::id()));
    for d in [&gone, &alive] {
        std::fs::create_dir(d).unwrap();
        std::fs::write(d.join("docs.parquet"), "half").unwrap();
    }
    counts(&crate::common::seed(), &dir.path().join("part"), &[]);
    assert!(!gone.exists());
    assert!(alive.exists());
    assert!(dir.path().join("part").join("counts.json").is_file());
}

/// Parts read with different `--section`s are not summed (each part's counts.json names its
/// section), and `--section` given with `--from-counts` is warned of: the parts were read as
/// they were counted.
#[test]
fn parts_of_different_sections_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    counts(&data_dir(), &a, &["--where", "source <> 'wh'"]);
    counts(
        &data_dir(),
        &b,
        &["--where", "source = 'wh'", "--section", "body"],
    );
    let err = refused(&a, &b);
    assert!(
        err.contains("section: all in") && err.contains("body in"),
        "{err}"
    );
    let o = verbale()
        .args(["freq", "--section", "body", "--from-counts"])
        .arg(&a)
        .output()
        .unwrap();
    assert!(o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("--section not used with --from-counts"),
        "{err}"
    );
}

/// A part that --where leaves with no document is an empty part (a map job gives every
/// partition one condition), with a warning, and adds nothing to the parts beside it.
#[test]
fn a_part_emptied_by_where_is_an_empty_part() {
    let dir = tempfile::tempdir().unwrap();
    let (a, empty) = (dir.path().join("a"), dir.path().join("empty"));
    counts(&data_dir(), &a, &[]);
    let o = verbale()
        .args(["counts", "--where", "year = 2099"])
        .arg(data_dir())
        .arg("-o")
        .arg(&empty)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("no document satisfies --where year = 2099: the counts are an empty part")
            && !err.contains("no documents to analyse"),
        "{err}"
    );
    let freq = |dirs: &[&Path]| {
        let o = verbale()
            .args(["freq", "-q", "-f", "csv", "--from-counts"])
            .args(dirs)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        o.stdout
    };
    assert_eq!(freq(&[&a, &empty]), freq(&[&a]));
    // Read from the counts, a condition that keeps none says why it may have missed, as over
    // the texts.
    let o = verbale()
        .args(["freq", "--from-counts"])
        .arg(&a)
        .args(["--where", "year = 2099"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(
            "--where year = 2099 leaves no document of the counts; in these documents \
                      year runs from"
        ),
        "{err}"
    );
}

/// `compare --from-counts` tells documents both sides choose as a run over the texts does: a
/// reference that the target holds whole is refused as such (not as choosing nothing), and
/// one it holds in part is warned of.
#[test]
fn counts_sides_that_overlap_are_told_as_over_the_texts() {
    let dir = tempfile::tempdir().unwrap();
    let all = dir.path().join("all");
    counts(&data_dir(), &all, &[]);
    let compare = |reference: &str| {
        verbale()
            .args([
                "compare",
                "--target-where",
                "country = 'USA'",
                "--reference-where",
            ])
            .arg(reference)
            .arg("--from-counts")
            .arg(&all)
            .output()
            .unwrap()
    };
    let o = compare("country = 'USA'");
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("the reference is empty: its 10 document(s) are all in the target too"),
        "{err}"
    );
    let o = compare("country <> 'ARM'");
    assert!(o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("10 reference document(s) are also in the target and were left out"),
        "{err}"
    );
}

/// A part counted by a verbale that did not record an option (the version of the text rules)
/// is refused by name, not compared with the next option.
#[test]
fn a_part_of_an_earlier_verbale_is_refused_by_the_option_it_lacks() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = data_in_two_parts(dir.path());
    let about = std::fs::read_to_string(b.join("counts.json")).unwrap();
    let earlier = about.replace(
        &format!("; text rules {}", verbale::analysis::TEXT_RULES),
        "",
    );
    assert_ne!(earlier, about);
    std::fs::write(b.join("counts.json"), earlier).unwrap();
    let err = refused(&a, &b);
    assert!(
        err.contains(&format!(
            "text rules: {} in {}, not recorded (an earlier verbale) in {}",
            verbale::analysis::TEXT_RULES,
            a.display(),
            b.display()
        )) && err.contains("count every part again with this one")
            && !err.contains("section:"),
        "{err}"
    );
}

/// What `freq --from-counts a b` says when it refuses to sum the parts (exit 2).
fn refused(a: &Path, b: &Path) -> String {
    let o = verbale()
        .args(["freq", "--from-counts"])
        .arg(a)
        .arg(b)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    String::from_utf8_lossy(&o.stderr).to_string()
}
