//! Bad and unusual inputs: the documented messages and exit codes, offsets into the original
//! bytes, atomic outputs, closed pipes.

use crate::common::{bytes, csv_bytes, nums, seed, strs, verbale};
use std::fs;
use std::path::Path;

/// A Windows-1252 file is read as it is with `--encoding`, its curly quotation marks and
/// accents included, beside a UTF-8 file in the same folder; offsets point into the file as
/// stored; without the flag the error says how.
#[test]
fn a_legacy_encoding_is_read_with_encoding() {
    let dir = tempfile::tempdir().unwrap();
    // `café “élections” …` in Windows-1252: é is E9, the curly marks 93 and 94.
    fs::write(
        dir.path().join("old.txt"),
        b"Le caf\xe9 des so-called \x93\xe9lections\x94 ferme.",
    )
    .unwrap();
    fs::write(
        dir.path().join("new.txt"),
        "The so-called \u{201c}elections\u{201d}.",
    )
    .unwrap();
    let run = |args: &[&str]| verbale().args(args).arg(dir.path()).output().unwrap();
    let o = run(&["quotes", "-f", "csv"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("--encoding windows-1252"), "{err}");
    let o = run(&["quotes", "-f", "csv", "--encoding", "cp1252"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let df = csv_bytes(o.stdout);
    let mut quoted = strs(&df, "text");
    quoted.sort();
    assert_eq!(quoted, ["elections", "élections"]);
    assert_eq!(strs(&df, "style"), ["\u{201c}\u{201d}", "\u{201c}\u{201d}"]);
    // kwic's offset is the byte of `ferme` in the file as stored (one byte per character).
    let o = run(&["kwic", "ferme", "-f", "csv", "--encoding", "latin1"]);
    let df = csv_bytes(o.stdout);
    let stored = b"Le caf\xe9 des so-called \x93\xe9lections\x94 ferme.";
    let at = stored.windows(5).position(|w| w == b"ferme").unwrap() as f64;
    assert_eq!(nums(&df, "offset"), [at]);
}

#[test]
fn invalid_utf8_is_reported_and_the_rest_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("good.txt"), "peace and elections").unwrap();
    fs::write(dir.path().join("bad.txt"), b"abc \xFF\xFE def").unwrap();
    let o = verbale()
        .args(["freq", "--format", "csv"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("bad.txt") && err.contains("byte 4") && err.contains("--lossy"),
        "{err}"
    );
    assert!(String::from_utf8_lossy(&o.stdout).contains("peac"));
    let o = verbale()
        .args(["freq", "--lossy", "--format", "csv"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stdout).contains("def"));
    let o = verbale()
        .args(["freq", "--strict"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
}

#[test]
fn binary_files_are_skipped_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), "peace").unwrap();
    fs::write(dir.path().join("b.txt"), b"PK\x03\x04\x00\x00binary").unwrap();
    let o = verbale().args(["freq"]).arg(dir.path()).output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("warning") && err.contains("b.txt") && err.contains("ZIP archive"),
        "{err}"
    );
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("1 document,"));
}

#[test]
fn missing_path_and_empty_folder() {
    let o = verbale().args(["freq", "no/such/place"]).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no/such/place: no such file or folder"));
    let dir = tempfile::tempdir().unwrap();
    let o = verbale().args(["freq"]).arg(dir.path()).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no documents"));
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        vec!["freq"],
        vec!["freq", "--by", "year", "x"],
        vec!["freq", "--lang", "xx", "x"],
        vec!["quotes", "--kind", "ironic", "x"],
        vec!["freq", "--format", "xml", "x"],
        vec!["nosuchcommand"],
    ] {
        let o = verbale().args(&args).output().unwrap();
        assert_eq!(
            o.status.code(),
            Some(2),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(!o.stderr.is_empty());
    }
}

#[test]
fn utf16_and_utf8_bom_give_the_same_counts_and_true_offsets() {
    let dir = tempfile::tempdir().unwrap();
    let text = String::from_utf8(bytes(&seed()))
        .unwrap()
        .replace('\n', "\r\n");
    let mut le = vec![0xFF, 0xFE];
    let mut be = vec![0xFE, 0xFF];
    for u in text.encode_utf16() {
        le.extend(u.to_le_bytes());
        be.extend(u.to_be_bytes());
    }
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend(text.as_bytes());
    for (name, data) in [("le.txt", le), ("be.txt", be), ("bom.txt", bom)] {
        let p = dir.path().join(name);
        fs::write(&p, &data).unwrap();
        let o = verbale()
            .args(["quotes", "--format", "csv"])
            .arg(&p)
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let out = String::from_utf8(o.stdout).unwrap();
        let rows: Vec<&str> = out.lines().skip(1).collect();
        assert_eq!(rows.len(), 4, "{name}");
        for r in rows {
            let f: Vec<&str> = r.split(',').collect();
            let (open, close): (usize, usize) = (f[2].parse().unwrap(), f[3].parse().unwrap());
            let at = |o: usize| -> String {
                if name == "bom.txt" {
                    String::from_utf8(data[o..o + 3].to_vec()).unwrap()
                } else {
                    let u = if name == "le.txt" {
                        u16::from_le_bytes([data[o], data[o + 1]])
                    } else {
                        u16::from_be_bytes([data[o], data[o + 1]])
                    };
                    char::from_u32(u as u32).unwrap().to_string()
                }
            };
            assert_eq!(at(open), "“", "{name} open {open}");
            assert_eq!(at(close), "”", "{name} close {close}");
        }
    }
}

#[test]
fn word_lists_dictionaries_and_counts_folders_are_inputs_never_overwritten() {
    // What a run reads besides its texts: a stopword or phrase list, a dictionary, a lexicon,
    // the files of a counts folder. `-o` naming one of them is refused before anything is read,
    // and the file is as it was.
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let texts = d.join("texts");
    fs::create_dir(&texts).unwrap();
    fs::write(
        texts.join("a.txt"),
        "The peace of the United Nations. We welcome peace.",
    )
    .unwrap();
    fs::write(d.join("sw.txt"), "nation\n").unwrap();
    fs::write(d.join("ph.txt"), "united nations\n").unwrap();
    fs::write(d.join("d.yml"), "peace: [peace*]\n").unwrap();
    let counts = d.join("cx");
    let o = verbale()
        .arg("counts")
        .arg(&texts)
        .arg("-o")
        .arg(&counts)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let t = texts.to_str().unwrap();
    let c = counts.to_str().unwrap();
    let cases: Vec<(Vec<String>, std::path::PathBuf)> = vec![
        (
            vec![
                "freq".into(),
                t.into(),
                "--stopwords".into(),
                "en+sw.txt".into(),
            ],
            d.join("sw.txt"),
        ),
        (
            vec!["freq".into(), t.into(), "--phrases".into(), "ph.txt".into()],
            d.join("ph.txt"),
        ),
        (
            vec![
                "dict".into(),
                t.into(),
                "--dict".into(),
                "d.yml".into(),
                "-f".into(),
                "csv".into(),
            ],
            d.join("d.yml"),
        ),
        (
            vec!["freq".into(), "--from-counts".into(), c.into()],
            counts.join("terms.parquet"),
        ),
        (
            vec!["freq".into(), "--from-counts".into(), c.into()],
            counts.join("counts.json"),
        ),
        (
            vec!["docs".into(), "--from-counts".into(), c.into()],
            counts.join("docs.parquet"),
        ),
    ];
    // `-o target` after `args` is refused, and `target` is as it was.
    let refused = |args: &[&str], target: &std::path::Path| {
        let before = fs::read(target).unwrap();
        let o = verbale()
            .current_dir(d)
            .args(args)
            .arg("-o")
            .arg(target)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains("refusing to overwrite an input"),
            "{args:?}: {err}"
        );
        assert_eq!(fs::read(target).unwrap(), before, "{args:?}");
    };
    for (args, target) in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        refused(&args, &target);
    }
    // A list whose own name holds `+` is read as that one file, and kept as one.
    fs::write(d.join("my+sw.txt"), "nation\n").unwrap();
    // A lexicon given to `acts` is read too.
    let lexicon = d.join("acts.yml");
    fs::copy(
        crate::common::root().join("data/lexicons/en/speech-acts.yml"),
        &lexicon,
    )
    .unwrap();
    for (args, target) in [
        (
            vec!["freq", t, "--stopwords", "my+sw.txt"],
            d.join("my+sw.txt"),
        ),
        (
            vec!["acts", t, "--lexicon", "acts.yml", "-f", "csv"],
            lexicon.clone(),
        ),
    ] {
        refused(&args, &target);
    }
    // A bundled name is no file, even where a file of that name exists: writing it is allowed.
    fs::write(d.join("un"), "not read").unwrap();
    let o = verbale()
        .current_dir(d)
        .args(["freq", t, "--phrases", "un", "-f", "csv", "-o", "un"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // `counts --force` does not replace a folder holding a list the run reads.
    fs::write(counts.join("sw.txt"), "nation\n").unwrap();
    let o = verbale()
        .current_dir(d)
        .args([
            "counts",
            t,
            "--force",
            "--stopwords",
            "en+cx/sw.txt",
            "-o",
            "cx",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(counts.join("sw.txt").is_file());
    // Another file in the counts folder's own folder is no input.
    let o = verbale()
        .args(["freq", "--from-counts", c, "-o"])
        .arg(d.join("freq.parquet"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // Another table copied over one of the folder's files is named as such, with what to do.
    for (file, says) in [
        ("terms.parquet", "it has no column 'doc'"),
        ("forms.parquet", "it has a column 'docs'"),
    ] {
        let c2 = d.join(format!("c-{file}"));
        let o = verbale()
            .arg("counts")
            .arg(&texts)
            .arg("-o")
            .arg(&c2)
            .output()
            .unwrap();
        assert!(o.status.success());
        fs::copy(d.join("freq.parquet"), c2.join(file)).unwrap();
        let o = verbale()
            .arg("freq")
            .arg("--from-counts")
            .arg(&c2)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1));
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains(&format!("{file}: not a counts table: {says}")),
            "{err}"
        );
        assert!(err.contains("count the part again"), "{err}");
    }
}

/// The counts folder `c` of the `texts` (files `d0.txt`, `d1.txt`, ... in `d`), and its
/// `terms.parquet` as a frame.
fn counted(d: &Path, texts: &[&str], c: &Path) -> polars::prelude::DataFrame {
    use polars::prelude::*;
    let mut files = Vec::new();
    for (i, t) in texts.iter().enumerate() {
        files.push(d.join(format!("d{i}.txt")));
        fs::write(&files[i], t).unwrap();
    }
    let o = verbale()
        .args(["counts", "-q", "-o"])
        .arg(c)
        .args(&files)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    ParquetReader::new(fs::File::open(c.join("terms.parquet")).unwrap())
        .finish()
        .unwrap()
}

/// Writes `df` over the `terms.parquet` of counts folder `c`, in row groups of `rows` rows.
fn write_terms(c: &Path, df: &mut polars::prelude::DataFrame, rows: usize) {
    use polars::prelude::*;
    ParquetWriter::new(fs::File::create(c.join("terms.parquet")).unwrap())
        .with_row_group_size(Some(rows))
        .finish(df)
        .unwrap();
}

#[test]
fn a_counts_part_with_a_negative_count_is_refused() {
    // A terms.parquet whose numbers were written over still parses; its unsigned reading took
    // a negative count for none at all.
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("c");
    let texts = [
        "Peace and peace again. The talks went on in Geneva.",
        "War, and war. Sanctions, tariffs and embargoes followed.",
    ];
    let mut df = counted(dir.path(), &texts, &c);
    let n = df.height();
    assert!(n > 5);
    negative_count_at(&mut df, 4);
    write_terms(&c, &mut df, 2);
    let err = refused_counts(&c, &["freq"]);
    assert!(
        err.contains("terms.parquet: row 5 of column 'count' is -3, and counts are never negative"),
        "{err}"
    );
    assert!(err.contains("count the part again"), "{err}");
}

/// Sets the `count` column of a `terms.parquet` frame to 1, but -3 at row `row` (from 0).
fn negative_count_at(df: &mut polars::prelude::DataFrame, row: usize) {
    let mut counts: Vec<i64> = vec![1; df.height()];
    counts[row] = -3;
    let column = polars::prelude::Column::new("count".into(), counts);
    df.replace("count", column).unwrap();
}

/// What `args` (`freq`, `report`, ...) over the counts folder `c` says on standard error
/// when it refuses it, as it must (exit 1, no panic).
fn refused_counts(c: &Path, args: &[&str]) -> String {
    let o = verbale()
        .args(args)
        .arg("--from-counts")
        .arg(c)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(!err.contains("internal error"), "{err}");
    err
}

/// The table of `args` (`freq`, `docs`, ...) as CSV over the counts folder `c`.
fn table_of_counts(c: &Path, args: &[&str]) -> Vec<u8> {
    let o = verbale()
        .args(args)
        .args(["--format", "csv", "--from-counts"])
        .arg(c)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    o.stdout
}

#[test]
fn a_counts_part_whose_text_column_is_a_dictionary_is_refused_by_name() {
    // tests/data/counts_dictionary: a part of two documents whose terms.parquet pyarrow wrote
    // again with its `doc` column dictionary-encoded (as an engine writes a categorical or an
    // ENUM column). This build of polars reads none, and panicked on it.
    let c = crate::common::data("counts_dictionary");
    for args in [&["freq"][..], &["report", "-o", "-"]] {
        let err = refused_counts(&c, args);
        let says = "terms.parquet: its column 'doc' is stored as a dictionary (categorical)";
        assert!(err.contains(says), "{err}");
    }
}

#[test]
fn a_large_counts_part_read_in_batches_of_row_groups_counts_the_same() {
    // terms.parquet is read some 65,000 rows at a time, whole row groups: 140,000 rows in
    // groups of 5,000 are read in two batches, and count as the same rows in one group.
    use polars::prelude::*;
    let dir = tempfile::tempdir().unwrap();
    let (one, many) = (dir.path().join("one"), dir.path().join("many"));
    let texts = [
        "Peace and security.",
        "War and peace.",
        "Climate and development.",
    ];
    let df = counted(dir.path(), &texts, &one);
    counted(dir.path(), &texts, &many);
    let docs: Vec<String> = (df.column("doc").unwrap().str().unwrap().iter())
        .map(|d| d.unwrap().to_string())
        .collect();
    let n = 140_000;
    let mut big = df!(
        "doc" => (0..n).map(|i| docs[i % docs.len()].clone()).collect::<Vec<_>>(),
        "term" => (0..n).map(|i| format!("t{}", i / 3)).collect::<Vec<_>>(),
        "count" => (0..n).map(|i| 1 + (i % 7) as i64).collect::<Vec<_>>(),
        "quoted" => (0..n).map(|i| (i % 2) as i64).collect::<Vec<_>>(),
        "scare" => vec![0i64; n],
    )
    .unwrap();
    write_terms(&one, &mut big, n);
    write_terms(&many, &mut big, 5_000);
    for args in [&["freq", "--by", "doc"][..], &["freq", "--min-count", "1"]] {
        let whole = table_of_counts(&one, args);
        assert!(whole.len() > 1_000_000, "{args:?}");
        assert!(whole == table_of_counts(&many, args), "{args:?}");
    }
    // A negative count in the second batch is named by its row in the file.
    negative_count_at(&mut big, 100_000);
    write_terms(&many, &mut big, 5_000);
    let err = refused_counts(&many, &["freq"]);
    assert!(err.contains("row 100001 of column 'count' is -3"), "{err}");
}

#[test]
fn a_counts_part_in_small_row_groups_in_any_order_counts_the_same() {
    // terms.parquet is read a row group at a time: a part rewritten in row groups of three
    // rows, its rows shuffled so that a document's rows are in several groups (as a part
    // written by another engine may have them), gives the same tables.
    use polars::prelude::*;
    let dir = tempfile::tempdir().unwrap();
    let (whole, parts) = (dir.path().join("whole"), dir.path().join("parts"));
    let texts = [
        "The so-called “elections” were held in March. Elections matter; peace matters, and \
         the delegation welcomes the ceasefire.",
        "Peace and security, peace and development, sustainable growth, and the “peace \
         process” the Council launched.",
        "War is not peace. The war goes on, the talks go on, and refugees cross the border \
         each winter.",
    ];
    let mut df = counted(dir.path(), &texts, &whole);
    counted(dir.path(), &texts, &parts);
    let n = df.height();
    assert!(n > 20);
    // Every seventh row first, then the rest (a fixed order, not a random one).
    let order: Vec<IdxSize> = (0..7)
        .flat_map(|k| (k..n).step_by(7))
        .map(|i| i as IdxSize)
        .collect();
    let mut shuffled = df.take(&IdxCa::from_vec("i".into(), order)).unwrap();
    assert!(!shuffled.equals(&df));
    write_terms(&parts, &mut shuffled, 3);
    write_terms(&whole, &mut df, n);
    for args in [&["freq", "--by", "doc"][..], &["freq"], &["docs"]] {
        let w = table_of_counts(&whole, args);
        assert!(w.len() > 100);
        assert_eq!(
            String::from_utf8_lossy(&table_of_counts(&parts, args)),
            String::from_utf8_lossy(&w),
            "{args:?}"
        );
    }
}

#[test]
fn output_is_atomic_and_never_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.txt");
    fs::write(&input, "the “elections” and elections").unwrap();
    let o = verbale()
        .args(["freq", "-o"])
        .arg(&input)
        .arg(&input)
        .output()
        .unwrap();
    // A usage error (exit 2), as an output folder holding an input is.
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("refusing to overwrite an input"));
    assert_eq!(
        fs::read_to_string(&input).unwrap(),
        "the “elections” and elections"
    );
    let o = verbale()
        .args(["freq", "-o"])
        .arg(dir.path().join("in.csv"))
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(o.status.success());
    let names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "no temporary files left: {names:?}");
    // An output that the folder walk would read back is an input too: a Markdown file by
    // default, any file the chosen --ext reads.
    for (name, ext) in [("notes.md", "txt,md"), ("table.csv", "txt,csv")] {
        let f = dir.path().join(name);
        fs::write(&f, "earlier output").unwrap();
        let o = verbale()
            .args(["freq", "--ext", ext, "-o"])
            .arg(&f)
            .arg(dir.path())
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{name}");
        assert!(String::from_utf8_lossy(&o.stderr).contains("refusing to overwrite an input"));
        assert_eq!(fs::read_to_string(&f).unwrap(), "earlier output");
        fs::remove_file(&f).unwrap();
    }
    let o = verbale()
        .args(["freq", "-o", "/nonexistent-folder/x.csv"])
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("does not exist"));
}

#[test]
fn standard_input() {
    let o = verbale()
        .args(["freq", "-", "--format", "csv"])
        .write_stdin("so-called “elections” and elections")
        .output()
        .unwrap();
    assert!(o.status.success());
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.contains("elect,elections,2,1,"), "{out}");
}

#[test]
fn closed_pipe_ends_quietly() {
    let bin = assert_cmd::cargo::cargo_bin("verbale");
    let docs = crate::common::data("quotes/docs");
    let o = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!(
            "set -o pipefail; '{}' freq --by doc --format csv '{}' | head -c 100 > /dev/null",
            bin.display(),
            docs.display()
        ))
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        o.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// `--section body` leaves out a title line (and the empty line after it), and offsets still
/// point into the file; a text with no title line is read whole.
#[test]
fn the_body_section_leaves_the_title_line_out() {
    let dir = tempfile::tempdir().unwrap();
    let titled =
        "Readout of a Call with Prime Minister Trudeau\n\nThe President spoke with Trudeau.\n";
    fs::write(dir.path().join("a.txt"), titled).unwrap();
    fs::write(
        dir.path().join("b.txt"),
        "Readout begins here.\nThe next line.\n",
    )
    .unwrap();
    let run = |args: &[&str]| {
        let o = verbale().args(args).arg(dir.path()).output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).unwrap()
    };
    let freq = run(&["freq", "--section", "body", "--by", "doc", "-f", "csv"]);
    assert!(freq.contains("\na,trudeau,Trudeau,1,"), "{freq}");
    assert!(!freq.contains("\na,readout,"), "{freq}");
    assert!(
        freq.contains("\nb,readout,"),
        "no title line, read whole: {freq}"
    );
    let kwic = run(&["kwic", "Trudeau", "--section", "body", "-f", "csv"]);
    let offset: usize = kwic
        .lines()
        .nth(1)
        .and_then(|l| l.split(',').nth(1))
        .and_then(|x| x.parse().ok())
        .expect("a hit");
    assert_eq!(&titled[offset..offset + 7], "Trudeau", "{kwic}");
}
