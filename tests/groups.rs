//! Metadata, filters, groups and trends: `--meta-name`, manifests, `--where`, `--group-by`,
//! `compare --target-where`, `verbale trend` and `chart trend`, checked against counts made
//! another way (per-document tables summed here, regular expressions over the raw text).

use crate::common::{csv_bytes, root, strs, verbale};
use polars::prelude::*;
use std::collections::BTreeMap;
use std::path::PathBuf;

const UNGD: &str = "data/statements/ungd";
const UN_NAMES: &str = "{country}_{session}_{year}";

/// Runs verbale from the repository root; it must succeed. Returns standard output and error.
fn run(args: &[&str]) -> (Vec<u8>, String) {
    let o = verbale().current_dir(root()).args(args).output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "verbale {args:?}: {err}");
    (o.stdout, err)
}

/// Runs verbale from the repository root; it must fail with exit code 2. Returns its error.
fn fails(args: &[&str]) -> String {
    let o = verbale().current_dir(root()).args(args).output().unwrap();
    assert_eq!(o.status.code(), Some(2), "verbale {args:?}");
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn ints(df: &DataFrame, c: &str) -> Vec<i64> {
    let c = df.column(c).unwrap().cast(&DataType::Int64).unwrap();
    c.i64().unwrap().iter().map(|v| v.unwrap()).collect()
}

#[test]
fn trend_equals_per_document_counts_summed_by_year() {
    let terms = ["genocide", "occupation", "karabakh", "elections"];
    // Their Snowball stems, as the per-document table's `term` column gives them.
    let stems = ["genocid", "occup", "karabakh", "elect"];
    let (out, _) = run(&[
        "trend",
        "--terms",
        &terms.join(","),
        UNGD,
        "--by",
        "year",
        "--meta-name",
        UN_NAMES,
        "-f",
        "csv",
    ]);
    let trend = csv_bytes(out);
    // Independently: the per-document table, its year read from the document id here.
    let (out, _) = run(&["freq", "--by", "doc", UNGD, "-f", "csv"]);
    let by_doc = csv_bytes(out);
    let (out, _) = run(&["docs", UNGD, "-f", "csv"]);
    let docs = csv_bytes(out);
    let year_of = |doc: &str| doc.rsplit('_').next().unwrap().parse::<i64>().unwrap();
    let mut tokens: BTreeMap<i64, (i64, i64)> = BTreeMap::new();
    for (d, t) in strs(&docs, "doc").iter().zip(ints(&docs, "tokens")) {
        let e = tokens.entry(year_of(d)).or_default();
        e.0 += 1;
        e.1 += t;
    }
    let mut want: BTreeMap<(i64, String), [i64; 4]> = BTreeMap::new();
    let (d, f) = (strs(&by_doc, "doc"), strs(&by_doc, "term"));
    let (c, q, s) = (
        ints(&by_doc, "count"),
        ints(&by_doc, "quoted"),
        ints(&by_doc, "scare"),
    );
    for i in 0..by_doc.height() {
        if let Some(k) = stems.iter().position(|t| *t == f[i]) {
            let e = want
                .entry((year_of(&d[i]), terms[k].to_string()))
                .or_default();
            e[0] += c[i];
            e[1] += q[i];
            e[2] += s[i];
            e[3] += 1;
        }
    }
    // Every year has a row for every term, absent ones with zeros.
    assert_eq!(trend.height(), tokens.len() * terms.len());
    let (years, names) = (ints(&trend, "year"), strs(&trend, "term"));
    let cols: Vec<Vec<i64>> = [
        "count",
        "quoted",
        "scare",
        "docs",
        "group_docs",
        "group_tokens",
    ]
    .iter()
    .map(|c| ints(&trend, c))
    .collect();
    let mut zeros = 0;
    for i in 0..trend.height() {
        let w = want
            .get(&(years[i], names[i].clone()))
            .copied()
            .unwrap_or_default();
        let got = [cols[0][i], cols[1][i], cols[2][i], cols[3][i]];
        assert_eq!(got, w, "{} {}", years[i], names[i]);
        let (n, t) = tokens[&years[i]];
        assert_eq!((cols[4][i], cols[5][i]), (n, t), "{}", years[i]);
        zeros += (got[0] == 0) as usize;
    }
    assert!(
        zeros > 0,
        "some term is absent in some year and kept as a zero row"
    );
    assert!(
        want.values().map(|v| v[1]).sum::<i64>() > 0,
        "quoted uses are compared too"
    );
}

#[test]
fn trend_of_a_phrase_counts_it_across_line_breaks_as_a_regex_does() {
    let (out, _) = run(&[
        "trend",
        "territorial integrity",
        UNGD,
        "--by",
        "year",
        "--meta-name",
        UN_NAMES,
        "-f",
        "csv",
    ]);
    let trend = csv_bytes(out);
    let re = regex::Regex::new(r"(?i)\bterritorial\s+integrity\b").unwrap();
    let mut want: BTreeMap<i64, i64> = BTreeMap::new();
    for e in std::fs::read_dir(root().join(UNGD)).unwrap() {
        let p: PathBuf = e.unwrap().path();
        let year: i64 = p.file_stem().unwrap().to_str().unwrap()[7..]
            .parse()
            .unwrap();
        let text = std::fs::read_to_string(&p).unwrap();
        *want.entry(year).or_default() += re.find_iter(&text).count() as i64;
    }
    let got: BTreeMap<i64, i64> = ints(&trend, "year")
        .into_iter()
        .zip(ints(&trend, "count"))
        .collect();
    assert_eq!(got, want);
    assert!(want.values().sum::<i64>() >= 20);
}

/// A side whose condition chose no document is told why, as --where is: the field's nearest
/// values to a text no document has, or the span of a field of numbers.
#[test]
fn an_empty_side_says_why() {
    let o = verbale()
        .current_dir(root())
        .args(["compare", UNGD, "--meta-name", UN_NAMES])
        .args(["--target-where", "country = 'AZR'"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("no document has country 'AZR': country has"),
        "{err}"
    );
    assert!(err.contains("the nearest AZE"), "{err}");
    let o = verbale()
        .current_dir(root())
        .args(["compare", UNGD, "--meta-name", UN_NAMES])
        .args(["--target-where", "year < 1990"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("in these documents year runs from 20"),
        "{err}"
    );
    // A value of a list that no document has is said too, when the others keep documents.
    let freq = |w: &str| {
        run(&[
            "freq",
            UNGD,
            "--meta-name",
            UN_NAMES,
            "--where",
            w,
            "-f",
            "csv",
        ])
        .1
    };
    let err = freq("country in ('ARM', 'AZR')");
    assert!(err.contains("no document has country 'AZR'"), "{err}");
    assert!(
        err.contains("it keeps the documents of the others"),
        "{err}"
    );
    assert!(!freq("country in ('ARM', 'AZE')").contains("no document has"));
}

/// The terms followed by default (the most quoted, the scare-quoted first) are words: a
/// quoted number (`"2+2"`, a quoted year) is left out, as the quotes chart leaves it.
#[test]
fn default_quoted_terms_are_words() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        (
            "2020-a.txt",
            "The “2+2” talks met. The “2+2” talks ended. The so-called “elections” were held.",
        ),
        (
            "2021-a.txt",
            "The “2+2” talks met again in “2021”. Peace came.",
        ),
    ] {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let d = dir.path().to_str().unwrap();
    let svg = dir.path().join("t.svg");
    let o = svg.to_str().unwrap();
    run(&[
        "chart",
        "trend",
        d,
        "--by",
        "year",
        "--meta-name",
        "{year}-{x}",
        "-o",
        o,
        "-q",
    ]);
    let drawn = std::fs::read_to_string(&svg).unwrap();
    // The title names the terms followed: `elections per year: ...`.
    let title = drawn
        .split("font-weight=\"bold\">")
        .nth(1)
        .and_then(|t| t.split("</text>").next())
        .unwrap()
        .trim()
        .to_string();
    assert!(title.starts_with("elections per year"), "{title}");
}

/// A year of few words, whose rate can jump, is noted by `chart trend` as by `trend`.
#[test]
fn a_thin_year_is_noted_by_trend_and_its_chart() {
    let dir = tempfile::tempdir().unwrap();
    let long = "Sanctions were discussed at length by every delegation present. ".repeat(40);
    for (name, text) in [
        ("2020-a.txt", long.as_str()),
        ("2021-a.txt", long.as_str()),
        ("2022-a.txt", "Sanctions again."),
    ] {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let d = dir.path().to_str().unwrap();
    let png = dir.path().join("t.png");
    let by = ["--by", "year", "--meta-name", "{year}-{x}"];
    let (_, table) = run(&[&["trend", "sanctions", d][..], &by].concat());
    let (_, chart) = run(&[
        &[
            "chart",
            "trend",
            d,
            "--terms",
            "sanctions",
            "-o",
            png.to_str().unwrap(),
        ][..],
        &by,
    ]
    .concat());
    for err in [table, chart] {
        assert!(
            err.contains("few words in some years") && err.contains("2022 (1 document"),
            "{err}"
        );
        assert!(!err.contains("2021 ("), "{err}");
    }
}

/// A term typed with an abbreviation and a hyphen (`U.S.-China`) is cut into words as the
/// texts are (`U.S` and `China`), so that `trend` and `kwic` find it where a regex does, and
/// so is `U.S. policy`, whose full stop ends no sentence.
#[test]
fn terms_with_abbreviations_are_found_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let texts = [
        (
            "2021-a.txt",
            "The U.S.-China relationship matters. We discussed U.S. policy.",
        ),
        (
            "2022-b.txt",
            "Talks on U.S.-China trade and the U.S.-Japan Alliance resumed.",
        ),
        ("2022-c.txt", "The U.S. and China differ. China is big."),
    ];
    for (name, text) in texts {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let d = dir.path().to_str().unwrap();
    for (term, per_year) in [("U.S.-China", [1, 1]), ("U.S. policy", [1, 0])] {
        let re = regex::Regex::new(&regex::escape(term)).unwrap();
        let want: i64 = texts
            .iter()
            .map(|(_, t)| re.find_iter(t).count() as i64)
            .sum();
        let (out, err) = run(&[
            "trend",
            term,
            d,
            "--by",
            "year",
            "--meta-name",
            "{year}-{x}",
            "-f",
            "csv",
        ]);
        assert!(!err.contains("none of these documents"), "{err}");
        let got = ints(&csv_bytes(out), "count");
        assert_eq!(got, per_year, "{term}");
        assert_eq!(got.iter().sum::<i64>(), want, "{term}");
        let (out, _) = run(&["kwic", term, d, "-f", "csv"]);
        let hits = csv_bytes(out).height() as i64;
        assert!(hits >= want, "kwic {term}: {hits} hits, {want} written");
    }
}

#[test]
fn compare_by_conditions_equals_compare_by_path_lists() {
    let (by_where, _) = run(&[
        "compare",
        "data",
        "--target-where",
        "country = 'ARM' and source = 'ungd'",
        "--reference-where",
        "country = 'AZE' and year >= 2016 and source = 'ungd'",
        "-f",
        "csv",
    ]);
    let dir = root().join(UNGD);
    let list = |pick: &dyn Fn(&str) -> bool| -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| pick(p.file_name().unwrap().to_str().unwrap()))
            .map(|p| p.display().to_string())
            .collect();
        v.sort();
        v
    };
    let target = list(&|n| n.starts_with("ARM"));
    let reference = list(&|n| n.starts_with("AZE") && !n.contains("2012"));
    assert_eq!((target.len(), reference.len()), (5, 4));
    let mut args = vec!["compare", "-f", "csv", "--target"];
    args.extend(target.iter().map(String::as_str));
    args.push("--reference");
    args.extend(reference.iter().map(String::as_str));
    let (by_paths, _) = run(&args);
    assert_eq!(csv_bytes(by_where), csv_bytes(by_paths));
    // The header names the groups by their conditions, not by their files.
    let (md, _) = run(&[
        "compare",
        "data",
        "--target-where",
        "country = 'ARM'",
        "--reference-where",
        "country = 'AZE'",
        "--top",
        "2",
    ]);
    let md = String::from_utf8(md).unwrap();
    let header = md.lines().next().unwrap();
    assert!(header.contains("country = 'ARM'") && header.contains("country = 'AZE'"));
    assert!(!md.contains("ARM_67_2012"), "{header}");
    assert!(header.len() < 200, "{header}");
}

/// `report --target-where/--reference-where`: its keyness table is `compare`'s over the same
/// conditions, and its documents are those of either side.
#[test]
fn report_keyness_by_conditions_equals_compare() {
    let (target, reference) = (
        "country = 'ARM' and source = 'ungd'",
        "country = 'AZE' and year >= 2016 and source = 'ungd'",
    );
    let (cmp, _) = run(&[
        "compare",
        "data",
        "--target-where",
        target,
        "--reference-where",
        reference,
        "-f",
        "csv",
    ]);
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("r");
    run(&[
        "report",
        "data",
        "--target-where",
        target,
        "--reference-where",
        reference,
        "-o",
        dir.to_str().unwrap(),
        "--quiet",
    ]);
    let cmp = csv_bytes(cmp);
    let key = CsvReadOptions::default()
        .try_into_reader_with_file_path(Some(dir.join("keyness.csv")))
        .unwrap()
        .finish()
        .unwrap();
    // The report's table holds both sides' rows; its target rows are compare's, in order.
    let over = key
        .filter(
            &key.column("over_used_in")
                .unwrap()
                .str()
                .unwrap()
                .equal("target"),
        )
        .unwrap();
    assert!(over.height() >= 10);
    for col in ["term", "target", "reference", "g2"] {
        let n = over.height();
        assert_eq!(
            over.column(col).unwrap().as_materialized_series(),
            &cmp.column(col)
                .unwrap()
                .as_materialized_series()
                .head(Some(n)),
            "{col}"
        );
    }
    let docs = CsvReadOptions::default()
        .try_into_reader_with_file_path(Some(dir.join("docs.csv")))
        .unwrap()
        .finish()
        .unwrap();
    let ids = strs(&docs, "doc");
    assert_eq!(ids.len(), 9, "{ids:?}");
    assert!(ids.iter().all(|d| {
        let d = d.trim_start_matches("statements/ungd/");
        d.starts_with("ARM") || (d.starts_with("AZE") && !d.contains("2012"))
    }));
    let md = std::fs::read_to_string(dir.join("report.md")).unwrap();
    assert!(md.contains("source = 'ungd' vs country = 'AZE' and year &gt;= 2016"));
    // The overview says how its 9 documents were chosen: by either side's condition.
    assert!(
        md.contains("Documents: 9, chosen by --target-where country = 'ARM' and source = 'ungd' or --reference-where"),
        "{md}"
    );
    assert!(
        !md.contains("000_a7ca7be90a8cccf0"),
        "the seed is on neither side"
    );
}

#[test]
fn white_house_dates_come_from_file_names() {
    let (out, _) = run(&[
        "docs",
        "data/statements/wh",
        "--meta-name",
        "{date:%Y-%m-%d}_{slug}",
        "-f",
        "csv",
    ]);
    let docs = csv_bytes(out);
    assert_eq!(docs.height(), 10);
    let (ids, years, months) = (
        strs(&docs, "doc"),
        ints(&docs, "year"),
        strs(&docs, "month"),
    );
    for i in 0..docs.height() {
        assert_eq!(years[i].to_string(), ids[i][..4], "{}", ids[i]);
        // The month with its year, as the date writes it.
        assert_eq!(months[i], ids[i][..7], "{}", ids[i]);
    }
    // And grouped by them.
    let (out, _) = run(&[
        "freq",
        "data/statements/wh",
        "--meta-name",
        "{date:%Y-%m-%d}_{slug}",
        "--group-by",
        "year",
        "-f",
        "csv",
        "--top",
        "1",
    ]);
    let top = csv_bytes(out);
    assert_eq!(ints(&top, "year"), vec![2021, 2022, 2023, 2024]);
    assert_eq!(ints(&top, "group_docs"), vec![2, 5, 2, 1]);
}

#[test]
fn freq_by_group_equals_freq_of_the_group_alone() {
    let (out, _) = run(&[
        "freq",
        UNGD,
        "--meta-name",
        UN_NAMES,
        "--group-by",
        "country",
        "-f",
        "csv",
    ]);
    let grouped = csv_bytes(out);
    let arm: Vec<String> = (0..grouped.height())
        .filter(|&i| strs(&grouped, "country")[i] == "ARM")
        .map(|i| i.to_string())
        .collect();
    let (out, _) = run(&[
        "freq",
        "data/statements/ungd/ARM_67_2012.txt",
        "data/statements/ungd/ARM_71_2016.txt",
        "data/statements/ungd/ARM_75_2020.txt",
        "data/statements/ungd/ARM_76_2021.txt",
        "data/statements/ungd/ARM_77_2022.txt",
        "-f",
        "csv",
    ]);
    let alone = csv_bytes(out);
    assert_eq!(arm.len(), alone.height());
    let mask = grouped
        .column("country")
        .unwrap()
        .str()
        .unwrap()
        .equal("ARM");
    let arm = grouped.filter(&mask).unwrap();
    for c in ["term", "count", "docs", "quoted", "scare"] {
        assert_eq!(strs(&arm, c), strs(&alone, c), "column {c}");
    }
    let tokens: i64 = ints(&arm, "group_tokens")[0];
    let per = arm
        .column("per_10k")
        .unwrap()
        .f64()
        .unwrap()
        .get(0)
        .unwrap();
    let want = ints(&alone, "count")[0] as f64 * 10_000.0 / tokens as f64;
    assert!((per - want).abs() < 1e-9);
    assert_eq!(ints(&arm, "group_docs")[0], 5);
}

#[test]
fn where_filters_on_every_command_and_names_unknown_fields() {
    let (out, _) = run(&[
        "docs",
        "data",
        "--where",
        "year >= 2021 and country in ('ARM', 'USA')",
        "-f",
        "csv",
    ]);
    let docs = csv_bytes(out);
    assert_eq!(
        docs.height(),
        2 + 10,
        "ARM 2021-2022 and the White House from 2021"
    );
    let err = fails(&["freq", "data", "--where", "yeer > 2000"]);
    assert!(err.contains("yeer") && err.contains("year"), "{err}");
    let err = fails(&["freq", "data", "--group-by", "contry"]);
    assert!(err.contains("contry") && err.contains("country"), "{err}");
}

/// A folder with the ten UN speeches and a manifest.
fn speeches_with(manifest: &str) -> tempfile::TempDir {
    let t = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(root().join(UNGD)).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, t.path().join(p.file_name().unwrap())).unwrap();
    }
    std::fs::write(t.path().join("manifest.csv"), manifest).unwrap();
    t
}

/// A folder of the given texts and a manifest.
fn texts_with(texts: &[(&str, &str)], manifest: &str) -> tempfile::TempDir {
    let t = tempfile::tempdir().unwrap();
    for (name, text) in texts {
        std::fs::write(t.path().join(name), text).unwrap();
    }
    std::fs::write(t.path().join("manifest.csv"), manifest).unwrap();
    t
}

#[test]
fn manifest_problems_are_named() {
    // A row with no file and files with no row: warnings that name them, and the run goes on.
    let t = speeches_with("file,bloc\nARM_67_2012.txt,A\nAZE_67_2012.txt,B\nXYZ_1_1999.txt,C\n");
    let (out, err) = run(&["docs", t.path().to_str().unwrap(), "-f", "csv"]);
    assert!(err.contains("XYZ_1_1999"), "{err}");
    assert!(
        err.contains("no row for 8 files") && err.contains("and 5 more"),
        "{err}"
    );
    assert_eq!(csv_bytes(out).height(), 10);
    // Duplicate keys: an error with the rows, and nothing written.
    let t = speeches_with("file,bloc\nARM_67_2012.txt,A\nARM_67_2012.txt,B\n");
    let out = t.path().join("out.csv");
    let err = fails(&[
        "freq",
        t.path().to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(
        err.contains("ARM_67_2012.txt") && err.contains("rows 2 and 3"),
        "{err}"
    );
    assert!(!out.exists());
    // --no-meta leaves the manifest out.
    run(&[
        "freq",
        t.path().to_str().unwrap(),
        "--no-meta",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(out.exists());
}

#[test]
fn a_mistyped_number_in_a_manifest_is_named() {
    // One year of three written `20x2` makes the field text: a warning names the value and its
    // document, and the run goes on.
    let years = "file,year,country\nARM_67_2012.txt,2012,ARM\nAZE_67_2012.txt,20x2,AZE\n\
                 ARM_71_2016.txt,2016,ARM\n";
    let t = speeches_with(years);
    let (out, err) = run(&["docs", t.path().to_str().unwrap(), "-f", "csv"]);
    assert!(
        err.contains("field 'year' is read as text")
            && err.contains("'20x2' (AZE_67_2012)")
            && err.contains("1 of its 3 values"),
        "{err}"
    );
    assert_eq!(csv_bytes(out).height(), 10);
    // A field of text (country) and a field of numbers say nothing.
    let t =
        speeches_with("file,year,country\nARM_67_2012.txt,2012,ARM\nAZE_67_2012.txt,2012,AZE\n");
    let (_, err) = run(&["docs", t.path().to_str().unwrap(), "-f", "csv"]);
    assert!(!err.contains("read as text"), "{err}");
}

#[test]
fn a_ragged_or_doubled_manifest_names_its_line() {
    // A row with a field too many: its line, in verbale's words (polars' own message names
    // an option of its Python API).
    let t = speeches_with(
        "file,year\nARM_67_2012.txt,2012\n\"AZE_67_2012.txt\",\"2012, 67th\"\n\
         ARM_71_2016.txt,2016,ARM\n",
    );
    let err = fails(&["docs", t.path().to_str().unwrap(), "-f", "csv"]);
    assert!(
        err.contains("manifest.csv line 4: 3 fields where the header has 2"),
        "{err}"
    );
    assert!(!err.contains("truncate_ragged_lines"), "{err}");
    // A field named twice: an error naming it, not a column `year_duplicated_0`.
    let t = speeches_with("file,year,year\nARM_67_2012.txt,2012,2013\n");
    let err = fails(&["docs", t.path().to_str().unwrap(), "-f", "csv"]);
    assert!(
        err.contains("the field 'year' is named twice in the header"),
        "{err}"
    );
}

#[test]
fn name_patterns_fail_clearly_or_leniently() {
    let t = speeches_with("file,bloc\n");
    std::fs::remove_file(t.path().join("manifest.csv")).unwrap();
    std::fs::write(t.path().join("notes.txt"), "A short note on the elections.").unwrap();
    std::fs::write(t.path().join("RUS_70_20x5.txt"), "The so-called elections.").unwrap();
    let dir = t.path().to_str().unwrap();
    let err = fails(&["docs", dir, "--meta-name", UN_NAMES]);
    assert!(
        err.contains("2 file names") && err.contains("notes"),
        "{err}"
    );
    assert!(
        err.contains("RUS_70_20x5") && err.contains(UN_NAMES),
        "{err}"
    );
    let err = fails(&[
        "docs",
        dir,
        "--meta-name",
        "{country}_{session}_{year:int}_",
    ]);
    assert!(err.contains("does not match"), "{err}");
    let (out, err) = run(&[
        "docs",
        dir,
        "--meta-name",
        UN_NAMES,
        "--meta-lenient",
        "-f",
        "csv",
    ]);
    assert!(err.contains("2 files") && err.contains("notes"), "{err}");
    assert!(
        err.contains("20x5"),
        "a year that is not a number is named: {err}"
    );
    let docs = csv_bytes(out);
    assert_eq!(docs.height(), 12);
    let years = docs.column("year").unwrap();
    assert_eq!(years.null_count(), 2);
}

#[test]
fn trend_chart_draws_a_png_with_a_panel_per_facet() {
    let t = tempfile::tempdir().unwrap();
    let one = t.path().join("one.png");
    let facets = t.path().join("facets.png");
    for (out, facet) in [(&one, None), (&facets, Some("country"))] {
        let mut args = vec![
            "chart",
            "trend",
            UNGD,
            "--by",
            "year",
            "--terms",
            "genocide,occupation",
            "--meta-name",
            UN_NAMES,
            "-o",
            out.to_str().unwrap(),
        ];
        if let Some(f) = facet {
            args.extend(["--facet", f]);
        }
        run(&args);
    }
    let size = |p: &PathBuf| image::image_dimensions(p).unwrap();
    assert!(std::fs::read(&one).unwrap().starts_with(b"\x89PNG"));
    assert_eq!(size(&one).0, size(&facets).0);
    // Without --terms: the most scare-quoted words.
    run(&[
        "chart",
        "trend",
        "data",
        "--by",
        "year",
        "-o",
        one.to_str().unwrap(),
    ]);
    let faceted = |facet: &str, terms: &str| {
        fails(&[
            "chart",
            "trend",
            UNGD,
            "--by",
            "year",
            "--meta-name",
            UN_NAMES,
            "--facet",
            facet,
            "--terms",
            terms,
        ])
    };
    let err = faceted("session", "a,b,c,d,e,f,g");
    assert!(err.contains("too many"), "{err}");
    // A misspelt facet is named as the facet, not as a field to group by.
    let err = faceted("yeer", "genocide");
    assert!(
        err.contains("--facet yeer: unknown field (did you mean 'year'?"),
        "{err}"
    );
}

#[test]
fn report_on_the_bundled_corpus_has_a_groups_section() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("r");
    run(&["report", "-o", dir.to_str().unwrap()]);
    let md = std::fs::read_to_string(dir.join("report.md")).unwrap();
    assert!(md.contains("## Groups by country"), "groups section");
    // The scare quotes in context keep their marks: the marks are what the table shows.
    assert!(
        md.contains("| “elections” |"),
        "scare quotes with their marks"
    );
    assert!(md.contains("trend-scare.png") && dir.join("trend-key.png").exists());
    let groups = crate::common::csv_file(&dir.join("groups.csv"));
    // The manifest's countries, counted from its own rows.
    let manifest = crate::common::csv_file(&root().join("data/manifest.csv"));
    let mut want: BTreeMap<String, i64> = BTreeMap::new();
    for c in strs(&manifest, "country") {
        *want.entry(c).or_default() += 1;
    }
    let got: BTreeMap<String, i64> = strs(&groups, "country")
        .into_iter()
        .zip(ints(&groups, "documents"))
        .collect();
    assert_eq!(got, want);
    let keyness = crate::common::csv_file(&dir.join("group_keyness.csv"));
    assert_eq!(
        strs(&keyness, "country")
            .iter()
            .collect::<std::collections::BTreeSet<_>>()
            .len(),
        3
    );
    let (_, _) = run(&["report", "--no-groups", "-o", dir.to_str().unwrap()]);
    assert!(!dir.join("groups.csv").exists());
}

/// A `--where` that leaves one group: that group's counts, not zeros or no rows (as the same
/// run over its files alone gives them).
#[test]
fn one_group_left_by_where_keeps_its_counts() {
    let args = |by: &str, cmd: &[&str]| {
        let mut a: Vec<String> = cmd.iter().map(|s| s.to_string()).collect();
        a.extend(
            [
                UNGD,
                "--meta-name",
                UN_NAMES,
                "--where",
                "country = 'ARM'",
                by,
                "country",
            ]
            .map(String::from),
        );
        a.extend(["-f", "csv"].map(String::from));
        a
    };
    let strs_of = |a: Vec<String>| {
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        csv_bytes(run(&a).0)
    };
    let trend = strs_of(args("--by", &["trend", "--terms", "karabakh,genocide"]));
    let grouped = strs_of(args("--group-by", &["freq"]));
    let alone = strs_of(
        [
            "freq",
            UNGD,
            "--meta-name",
            UN_NAMES,
            "--where",
            "country = 'ARM'",
            "-f",
            "csv",
        ]
        .map(String::from)
        .to_vec(),
    );
    assert_eq!(strs(&grouped, "term"), strs(&alone, "term"));
    assert_eq!(strs(&grouped, "count"), strs(&alone, "count"));
    let count_of = |stem: &str| {
        let i = strs(&alone, "term").iter().position(|t| t == stem).unwrap();
        ints(&alone, "count")[i]
    };
    assert_eq!(
        ints(&trend, "count"),
        [count_of("karabakh"), count_of("genocid")]
    );
    assert!(ints(&trend, "count")[0] > 0);
}

#[test]
fn compare_says_when_the_target_holds_the_whole_reference() {
    let o = verbale()
        .current_dir(root())
        .args(["compare", UNGD, "--meta-name", UN_NAMES])
        .args(["--target-where", "country = 'ARM'"])
        .args(["--reference-where", "country = 'ARM' and year > 2020"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("the reference is empty: its 2 document(s) are all in the target too"),
        "{err}"
    );
    let err = fails(&[
        "compare",
        UNGD,
        "--meta-name",
        UN_NAMES,
        "--target-where",
        "country = 'ARM'",
        "--reference-where",
        "contry = 'AZE'",
    ]);
    assert!(
        err.contains("--reference-where: unknown field 'contry'") && err.contains("country"),
        "{err}"
    );
}

/// Manifest values as a spreadsheet user writes them: paths under the folder with their
/// extension, zero-padded codes kept as text, `NA` as missing in a column of numbers (and as
/// text, Namibia, in a column of text).
#[test]
fn manifest_paths_codes_and_missing_values() {
    let t = tempfile::tempdir().unwrap();
    for (sub, f) in [("a", "ARM_67_2012.txt"), ("b", "AZE_67_2012.txt")] {
        std::fs::create_dir_all(t.path().join(sub)).unwrap();
        std::fs::copy(root().join(UNGD).join(f), t.path().join(sub).join(f)).unwrap();
    }
    std::fs::write(
        t.path().join("manifest.csv"),
        "file,code,gdp,iso2\na/ARM_67_2012.txt,051,NA,AM\nb/AZE_67_2012.txt,031,4.5,NA\n",
    )
    .unwrap();
    let dir = t.path().to_str().unwrap();
    let (out, _) = run(&["docs", dir, "-f", "csv", "--columns", "doc,code,gdp,iso2"]);
    // Read as text here: a CSV reader would make numbers of the codes again.
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            "doc,code,gdp,iso2",
            "a/ARM_67_2012,051,,AM",
            "b/AZE_67_2012,031,4.5,NA"
        ]
    );
    let (out, _) = run(&[
        "docs",
        dir,
        "--where",
        "code like '0%' and gdp is null and -gdp is null",
        "-f",
        "csv",
    ]);
    assert_eq!(strs(&csv_bytes(out), "doc"), ["a/ARM_67_2012"]);
}

/// `docs --group-by`: a row per group whose sums and means equal those of the group's rows of
/// `docs` (each document weighing one), and whose rates are those of its words together.
#[test]
fn docs_by_group_are_the_sums_and_means_of_the_documents() {
    let csv = |args: &[&str]| {
        let (out, _) = run(args);
        CsvReadOptions::default()
            .into_reader_with_file_handle(std::io::Cursor::new(out))
            .finish()
            .unwrap()
    };
    let per_doc = csv(&["docs", "data", "-f", "csv", "-q"]);
    let groups = csv(&["docs", "data", "--group-by", "country", "-f", "csv", "-q"]);
    let countries = crate::common::strs(&per_doc, "country");
    let names = crate::common::strs(&groups, "country");
    assert_eq!(names, ["ARM", "AZE", "USA"]);
    for (k, g) in names.iter().enumerate() {
        let rows: Vec<usize> = (0..countries.len())
            .filter(|&i| &countries[i] == g)
            .collect();
        assert_eq!(ints(&groups, "documents")[k], rows.len() as i64);
        let tokens = ints(&per_doc, "tokens");
        assert_eq!(
            ints(&groups, "tokens")[k],
            rows.iter().map(|&i| tokens[i]).sum::<i64>()
        );
        for m in ["ttr", "mtld", "flesch"] {
            let v = crate::common::nums(&per_doc, m);
            let mean = rows.iter().map(|&i| v[i]).sum::<f64>() / rows.len() as f64;
            let got = crate::common::nums(&groups, m)[k];
            assert!(
                (got - mean).abs() < 1e-9 * mean.abs().max(1.0),
                "{g} {m}: {got} vs {mean}"
            );
        }
        // Rates: the group's scare quotes per 10,000 of its tokens, as the report gives them.
        let scare = ints(&per_doc, "scare_spans");
        let n_tokens: i64 = rows.iter().map(|&i| tokens[i]).sum();
        let pooled = 1e4 * rows.iter().map(|&i| scare[i]).sum::<i64>() as f64 / n_tokens as f64;
        let got = crate::common::nums(&groups, "scare_per_10k")[k];
        assert!((got - pooled).abs() < 1e-9, "{g}: {got} vs {pooled}");
    }
}

/// A document with no value for the field grouped by is in no group: its words are not added
/// to another group's counts (they went to the first group's), in `freq --group-by` and
/// `trend`, and a note says how many there are.
#[test]
fn a_document_without_the_field_is_in_no_group() {
    let d = texts_with(
        &[
            ("a.txt", "peace peace war"),
            ("b.txt", "peace war war"),
            ("c.txt", "war war war war"),
        ],
        "file,year\na.txt,2001\nb.txt,2002\nc.txt,\n",
    );
    let dir = d.path().to_str().unwrap();
    let (out, err) = run(&["freq", dir, "--group-by", "year", "-f", "csv"]);
    assert!(
        err.contains("1 document has no value for year: in no group"),
        "{err}"
    );
    let df = csv_bytes(out);
    let count = |year: i64, term: &str| {
        let (y, t, c) = (ints(&df, "year"), strs(&df, "term"), ints(&df, "count"));
        (0..df.height())
            .find(|&i| y[i] == year && t[i] == term)
            .map(|i| c[i])
    };
    assert_eq!(count(2001, "war"), Some(1), "{df}");
    assert_eq!(count(2002, "war"), Some(2), "{df}");
    let (out, _) = run(&["trend", "war", dir, "--by", "year", "-f", "csv"]);
    let t = csv_bytes(out);
    assert_eq!(ints(&t, "count"), [1, 2], "{t}");
}

/// Two folders, each with its own manifest: each describes its own files (the first was
/// applied to every file, and the second folder's documents lost their fields).
#[test]
fn each_folder_keeps_its_own_manifest() {
    let d = tempfile::tempdir().unwrap();
    for (folder, file, year, text) in [
        ("old", "a.txt", "1950", "peace peace"),
        ("new", "b.txt", "2020", "war war war"),
    ] {
        let f = d.path().join(folder);
        std::fs::create_dir(&f).unwrap();
        std::fs::write(f.join(file), text).unwrap();
        std::fs::write(
            f.join("manifest.csv"),
            format!("file,year\n{file},{year}\n"),
        )
        .unwrap();
    }
    let (old, new) = (d.path().join("old"), d.path().join("new"));
    let (out, err) = run(&[
        "trend",
        "war",
        "peace",
        old.to_str().unwrap(),
        new.to_str().unwrap(),
        "--by",
        "year",
        "-f",
        "csv",
    ]);
    assert!(!err.contains("no row for"), "{err}");
    let t = csv_bytes(out);
    let rows: Vec<(i64, String, i64)> = ints(&t, "year")
        .into_iter()
        .zip(strs(&t, "term"))
        .zip(ints(&t, "count"))
        .map(|((y, term), c)| (y, term, c))
        .collect();
    assert!(rows.contains(&(1950, "peace".into(), 2)), "{t}");
    assert!(rows.contains(&(2020, "war".into(), 3)), "{t}");
}

/// `types` is the numerator of `ttr` (quanteda's `ntype`): distinct word forms over tokens.
#[test]
fn types_over_tokens_is_the_ttr() {
    let (out, _) = run(&["docs", UNGD, "-f", "csv", "-q"]);
    let df = csv_bytes(out);
    let (types, tokens) = (ints(&df, "types"), ints(&df, "tokens"));
    let ttr = df.column("ttr").unwrap().f64().unwrap();
    assert!(df.height() > 5);
    for i in 0..df.height() {
        let want = types[i] as f64 / tokens[i] as f64;
        assert!((ttr.get(i).unwrap() - want).abs() < 1e-9, "row {i}");
    }
}

/// A trend of a word no document has, or of a pattern, says so; a field no document has a
/// value for cannot group.
#[test]
fn trend_names_what_it_cannot_follow_or_group_by() {
    let d = texts_with(
        &[
            ("a.txt", "peace war rules-based order"),
            ("b.txt", "war war"),
        ],
        "file,year,session\na.txt,2001,\nb.txt,2002,\n",
    );
    let dir = d.path().to_str().unwrap();
    let (_, err) = run(&[
        "trend",
        "war",
        "xyzzyq",
        "sovereign*",
        "rules based order",
        dir,
        "--by",
        "year",
    ]);
    // A phrase that misses a hyphenated word is told of the hyphen.
    assert!(
        err.contains("'rules based order' is in none") && err.contains("'rules-based order'"),
        "{err}"
    );
    assert!(
        err.contains("warning: 'xyzzyq' is in none of these documents"),
        "{err}"
    );
    assert!(
        err.contains("'sovereign*'") && err.contains("kwic"),
        "{err}"
    );
    assert!(!err.contains("'war' is in none"), "{err}");
    // Terms joined by a comma in the leading arguments are one term: the warning says how to
    // give them, and --terms takes them with a space after the comma.
    let (_, err) = run(&["trend", "war,peace", dir, "--by", "year"]);
    assert!(
        err.contains("'war,peace' is in none")
            && err.contains("`verbale trend war peace PATH`, or as --terms war,peace)"),
        "{err}"
    );
    // A comma between digits is a number's.
    let (_, err) = run(&["trend", "war,2,000x", dir, "--by", "year"]);
    assert!(err.contains("`verbale trend war 2,000x PATH`"), "{err}");
    // A phrase among them is quoted.
    let (_, err) = run(&["trend", "peace war,rules", dir, "--by", "year"]);
    assert!(
        err.contains("`verbale trend 'peace war' rules PATH`, or as --terms 'peace war,rules'"),
        "{err}"
    );
    let (out, err) = run(&[
        "trend",
        "--terms",
        "war, peace",
        dir,
        "--by",
        "year",
        "-f",
        "csv",
    ]);
    assert!(!err.contains("is in none"), "{err}");
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains(",peace,") && !out.contains(", peace"), "{out}");
    let err = fails(&["trend", "war", dir, "--by", "year", "--facet", "year"]);
    assert!(
        err.contains("--facet year is the field --by year already follows"),
        "{err}"
    );
    let err = fails(&["trend", "war", dir, "--by", "session"]);
    assert!(err.contains("no document has a value for session"), "{err}");
}

/// A trend of a word counted under a stem the corpus writes mostly as another word says so:
/// `developing` counts `development` too, and its rate is not the participle's alone.
#[test]
fn a_trend_says_when_a_word_is_counted_by_its_stem() {
    let args = |extra: &[&'static str]| {
        let mut a = vec![
            "trend",
            "developing",
            "nations",
            UNGD,
            "--meta-name",
            UN_NAMES,
        ];
        a.extend(["--by", "year", "-f", "csv"]);
        a.extend(extra);
        a
    };
    let (stemmed, err) = run(&args(&[]));
    // The note names the words the stem counts, most frequent first, and the asked word's
    // share.
    assert!(
        err.contains(
            "developing is counted by its stem, develop, with every word that has it: development "
        ),
        "{err}"
    );
    assert!(
        err.contains("developing and its inflections make up 11 of its 80 occurrences (14%)"),
        "{err}"
    );
    // `nations` also counts `national`: a quarter of its occurrences.
    assert!(
        err.contains("nations is counted by its stem, nation, with every word that has it: Nations 66, national 23"),
        "{err}"
    );
    // A phrase among the terms (counted by another route) leaves the words' notes in place.
    let mut with_phrase = args(&[]);
    with_phrase.insert(3, "developing countries");
    let (_, err) = run(&with_phrase);
    assert!(
        err.contains("developing and its inflections make up 11 of its 80 occurrences (14%)")
            && err.contains("nations is counted by its stem")
            && !err.contains("developing countries is counted"),
        "{err}"
    );
    // The table says what each row counts, so that a saved file says it too.
    let df = csv_bytes(stemmed.clone());
    let (terms, stems) = (strs(&df, "term"), strs(&df, "stem"));
    for (t, s) in terms.iter().zip(&stems) {
        let want = if t == "developing" {
            "develop"
        } else {
            "nation"
        };
        assert_eq!(s, want, "{t}");
    }
    let (plain, err) = run(&args(&["--no-stem"]));
    assert!(!err.contains("counted by its stem"), "{err}");
    let df = csv_bytes(plain.clone());
    assert!(strs(&df, "term") == strs(&df, "stem"));
    let sum = |b: Vec<u8>| -> i64 {
        let df = csv_bytes(b);
        let terms = strs(&df, "term");
        let counts = ints(&df, "count");
        (0..terms.len())
            .filter(|&i| terms[i] == "developing")
            .map(|i| counts[i])
            .sum()
    };
    let (stemmed, plain) = (sum(stemmed), sum(plain));
    assert!(stemmed > plain && plain > 0, "{stemmed} {plain}");
}

/// Files named one by one (as a shell glob gives them) take their fields from the
/// `manifest.csv` beside them, without a warning about the rows of the files not named; a
/// folder's manifest still warns of rows that name no file read.
#[test]
fn files_named_one_by_one_use_the_manifest_beside_them() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for name in ["RUS_1.txt", "RUS_2.txt", "USA_1.txt"] {
        std::fs::write(d.join(name), "We condemn the sanctions.\n").unwrap();
    }
    std::fs::write(
        d.join("manifest.csv"),
        "file,country,year\nRUS_1.txt,RUS,2020\nRUS_2.txt,RUS,2021\nUSA_1.txt,USA,2021\nGBR_1.txt,GBR,2021\n",
    )
    .unwrap();
    let docs = |paths: &[&str]| {
        let o = verbale()
            .current_dir(d)
            .args(["docs", "-f", "csv", "--columns", "doc,country,year"])
            .args(paths)
            .output()
            .unwrap();
        assert!(o.status.success());
        (
            csv_bytes(o.stdout),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        )
    };
    let (df, err) = docs(&["RUS_1.txt", "RUS_2.txt"]);
    assert_eq!(strs(&df, "country"), ["RUS", "RUS"]);
    assert_eq!(ints(&df, "year"), [2020, 2021]);
    assert!(err.contains("metadata from manifest.csv"), "{err}");
    assert!(!err.contains("no file read"), "{err}");
    let (_, err) = docs(&["."]);
    assert!(err.contains("1 row names no file read: GBR_1.txt"), "{err}");
    let o = verbale()
        .current_dir(d)
        .args(["docs", "--columns", "doc,country", "RUS_1.txt", "--no-meta"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no column 'country'"));
}

/// Texts that `verbale extract -o DIR` wrote keep their metadata when read back: the
/// `ID.meta.tsv` beside each `ID.txt` gives its fields (title, date and so the year).
#[test]
fn extracted_texts_keep_their_metadata() {
    // A web page with a title (in Cyrillic, read from windows-1251).
    let html = crate::common::data("formats/docs/statement-1251.html");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("ex");
    let o = verbale()
        .args(["extract", "-q", "-o"])
        .arg(&out)
        .arg(&html)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let docs = |p: &std::path::Path| {
        let o = verbale()
            .args(["docs", "-q", "-f", "csv"])
            .arg(p)
            .output()
            .unwrap();
        assert!(o.status.success());
        csv_bytes(o.stdout)
    };
    let original = docs(&html);
    let back = docs(&out);
    let title = strs(&original, "title");
    assert!(!title[0].is_empty());
    assert_eq!(strs(&back, "title"), title);
    assert_eq!(strs(&back, "format"), strs(&original, "format"));
    // A handmade sidecar too: its date gives the year.
    std::fs::write(dir.path().join("n.txt"), "We note the statement.\n").unwrap();
    std::fs::write(
        dir.path().join("n.meta.tsv"),
        "field\tvalue\ntitle\tNote verbale\ndate\t2021-03-04\n",
    )
    .unwrap();
    let df = docs(&dir.path().join("n.txt"));
    assert_eq!(strs(&df, "title"), ["Note verbale"]);
    assert_eq!(ints(&df, "year"), [2021]);
    // Named alone in the working folder, by itself and with enough others (as a shell's
    // `*.txt` names them) that the folder is listed rather than each sidecar looked up.
    let mut names = vec!["n.txt".to_string()];
    for k in 0..20 {
        let name = format!("t{k:02}.txt");
        std::fs::write(dir.path().join(&name), "We welcome the talks.\n").unwrap();
        names.push(name);
    }
    for n in [1, names.len()] {
        let o = verbale()
            .args(["docs", "-q", "-f", "csv"])
            .args(&names[..n])
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let df = csv_bytes(o.stdout);
        let (docs, titles) = (strs(&df, "doc"), strs(&df, "title"));
        let n_row = docs.iter().position(|d| d.starts_with('n')).unwrap();
        assert_eq!(titles[n_row], "Note verbale", "{df}");
        assert_eq!(titles.iter().filter(|t| !t.is_empty()).count(), 1, "{df}");
    }
    // A folder named `x.meta.tsv` is no sidecar.
    std::fs::write(dir.path().join("m.txt"), "We note the statement.\n").unwrap();
    std::fs::create_dir(dir.path().join("m.meta.tsv")).unwrap();
    let df = docs(&dir.path().join("m.txt"));
    assert!(
        df.column("title").is_err() || strs(&df, "title") == [""],
        "{df}"
    );
}

#[test]
fn trend_says_how_often_hyphenated_words_hold_a_term_its_rows_leave_out() {
    // Each hyphenated word of the texts with a part that is `karabakh`, and the word alone.
    let re = regex::Regex::new(r"\w+(?:-\w+)*").unwrap();
    let (mut inside, mut alone) = (0i64, 0i64);
    for e in std::fs::read_dir(root().join(UNGD)).unwrap() {
        let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
        for m in re.find_iter(&text) {
            let w = m.as_str().to_lowercase();
            if w == "karabakh" {
                alone += 1;
            } else if w.split('-').any(|p| p == "karabakh") {
                inside += 1;
            }
        }
    }
    assert!(inside >= 10 && alone >= 10, "{inside} {alone}");
    let args = [
        "trend",
        "karabakh",
        UNGD,
        "--by",
        "year",
        "--meta-name",
        UN_NAMES,
    ];
    let (out, err) = run(&[&args[..], &["-f", "csv"]].concat());
    let rows: i64 = ints(&csv_bytes(out), "count").iter().sum();
    assert_eq!(rows, alone, "the rows count the word alone");
    assert!(
        err.contains(&format!(
            "karabakh: {inside} more occurrences stand in hyphenated words"
        )) && err.contains("Nagorno-Karabakh"),
        "{err}"
    );
    // From counts, the same note.
    let dir = tempfile::tempdir().unwrap();
    let counts = dir.path().join("c");
    let c = counts.to_str().unwrap();
    run(&["counts", UNGD, "--meta-name", UN_NAMES, "-o", c, "--quiet"]);
    let (_, from_counts) = run(&["trend", "karabakh", "--by", "year", "--from-counts", c]);
    assert!(
        from_counts.contains(&format!(
            "karabakh: {inside} more occurrences stand in hyphenated words"
        )),
        "{from_counts}"
    );
    // Split at their hyphens, the words count in the rows, and nothing is left to say.
    let (out, err) = run(&[&args[..], &["--split-hyphens", "-f", "csv"]].concat());
    let rows: i64 = ints(&csv_bytes(out), "count").iter().sum();
    assert_eq!(rows, alone + inside);
    assert!(!err.contains("hyphenated words"), "{err}");
}

/// Field names are read as `docs` shows them whatever the spaces around them (`--group-by
/// "year, country"`); an empty one is refused with what to write.
#[test]
fn field_names_take_no_spaces_around_them() {
    let docs = |group_by: &str| {
        run(&[
            "docs",
            UNGD,
            "--meta-name",
            UN_NAMES,
            "--group-by",
            group_by,
            "-f",
            "csv",
        ])
        .0
    };
    let plain = docs("year,country");
    assert!(plain.starts_with(b"year,country,documents"));
    assert_eq!(docs(" year , country "), plain);
    let err = fails(&["docs", UNGD, "--meta-name", UN_NAMES, "--group-by", "year,"]);
    assert!(err.contains("an empty field name"), "{err}");
    let err = fails(&["trend", UNGD, "--terms", "peace", "--by", " "]);
    assert!(err.contains("an empty field name"), "{err}");
}

/// A manifest saved with semicolons (European Excel's CSV) is read by its header's separator.
#[test]
fn a_manifest_with_semicolons_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("a.txt"), "We condemn the attack.\n").unwrap();
    std::fs::write(d.join("b.txt"), "We welcome the talks.\n").unwrap();
    std::fs::write(
        d.join("m.csv"),
        "file;country;year\na.txt;FRA;2015\nb.txt;ESP;2016\n",
    )
    .unwrap();
    let o = verbale()
        .args(["docs", "-f", "csv", "-q", "--meta"])
        .arg(d.join("m.csv"))
        .arg(d.join("a.txt"))
        .arg(d.join("b.txt"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let df = csv_bytes(o.stdout);
    assert_eq!(strs(&df, "country"), ["FRA", "ESP"]);
}
