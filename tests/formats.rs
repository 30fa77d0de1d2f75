//! Every format carries the same rows and columns; Parquet needs a file.

use crate::common::{seed, verbale};
use polars::prelude::*;
use std::io::Cursor;

fn run(args: &[&str]) -> std::process::Output {
    verbale().args(args).arg(seed()).output().unwrap()
}

fn sorted(mut df: DataFrame) -> DataFrame {
    for name in ["count", "docs"] {
        let c = df.column(name).unwrap().cast(&DataType::Int64).unwrap();
        df.with_column(c).unwrap();
    }
    df.sort(["term"], Default::default()).unwrap()
}

#[test]
fn csv_tsv_json_ndjson_parquet_md_agree() {
    let dir = tempfile::tempdir().unwrap();
    let pq = dir.path().join("t.parquet");
    let o = run(&["freq", "-o", pq.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let parquet = ParquetReader::new(std::fs::File::open(&pq).unwrap())
        .finish()
        .unwrap();
    let csv = CsvReadOptions::default()
        .with_has_header(true)
        .into_reader_with_file_handle(Cursor::new(run(&["freq", "--format", "csv"]).stdout))
        .finish()
        .unwrap();
    assert_eq!(parquet.height(), csv.height());
    assert!(parquet.height() > 100);
    // Whole numbers are signed 64-bit integers, which every engine reads (Spark before 3.2
    // refuses unsigned columns).
    for name in ["count", "docs", "quoted"] {
        assert_eq!(
            parquet.column(name).unwrap().dtype(),
            &DataType::Int64,
            "{name}"
        );
    }
    let (p, c) = (sorted(parquet.clone()), sorted(csv));
    for name in ["term", "form", "count", "docs", "quoted"] {
        assert!(
            p.column(name).unwrap().equals(c.column(name).unwrap()),
            "column {name} differs"
        );
    }
    let tsv = CsvReadOptions::default()
        .with_has_header(true)
        .map_parse_options(|o| o.with_separator(b'\t'))
        .into_reader_with_file_handle(Cursor::new(run(&["freq", "--format", "tsv"]).stdout))
        .finish()
        .unwrap();
    assert_eq!(tsv.height(), parquet.height());
    let json: serde_json::Value =
        serde_json::from_slice(&run(&["freq", "--format", "json"]).stdout).unwrap();
    assert_eq!(json.as_array().unwrap().len(), parquet.height());
    assert!(json[0].get("quote_ratio").is_some());
    let nd = run(&["freq", "--format", "ndjson"]).stdout;
    let lines: Vec<serde_json::Value> = String::from_utf8(nd)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), parquet.height());
    let md = String::from_utf8(run(&["freq", "--format", "md"]).stdout).unwrap();
    assert!(
        md.starts_with(
            "| term | form | count | docs | per\\_10k | quoted | scare | quote\\_ratio |"
        ),
        "{md}"
    );
    assert_eq!(md.lines().count(), parquet.height() + 2);
}

#[test]
fn parquet_goes_to_a_pipe_as_to_a_file() {
    // Refused only on a terminal; a pipe or a redirect gets the same file as `-o` writes.
    let o = run(&["freq", "--format", "parquet"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(o.stdout.starts_with(b"PAR1"));
    let piped = ParquetReader::new(std::io::Cursor::new(o.stdout))
        .finish()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pq = dir.path().join("f.parquet");
    assert!(run(&["freq", "-o", pq.to_str().unwrap()]).status.success());
    let file = ParquetReader::new(std::fs::File::open(&pq).unwrap())
        .finish()
        .unwrap();
    assert!(piped.equals_missing(&file));
}

#[test]
fn quotes_frame_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let pq = dir.path().join("q.parquet");
    assert!(run(&["quotes", "-o", pq.to_str().unwrap()])
        .status
        .success());
    let df = ParquetReader::new(std::fs::File::open(&pq).unwrap())
        .finish()
        .unwrap();
    let names: Vec<String> = df
        .get_column_names()
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(names, verbale::frames::schema::QUOTES);
    assert_eq!(df.height(), 4);
    let kinds = df.column("kind").unwrap().str().unwrap();
    assert!((0..4).all(|i| kinds.get(i) == Some("scare")));
    let cues = df.column("cue").unwrap().str().unwrap();
    assert_eq!(cues.get(0), Some("so-called"));
    assert_eq!(cues.get(3), Some("sham"));
    let terms = verbale()
        .args(["quotes", "--terms", "--format", "csv"])
        .arg(seed())
        .output()
        .unwrap();
    let t = String::from_utf8(terms.stdout).unwrap();
    assert!(
        t.lines()
            .nth(1)
            .unwrap()
            .starts_with("elect,elections,4,4,7,0.571428"),
        "{t}"
    );
}

#[test]
fn parquet_pieces_are_the_same_made_ahead_encoded_apart_or_on_the_pool() {
    // `freq --by doc` makes its pieces two at a time and encodes each on a thread of its own;
    // the report writes from rayon's pool, one piece after the other. The file is the same
    // bytes every way, and a piece that fails stops the writing with its error, no file left.
    use verbale::analysis::{analyse, Options};
    use verbale::frames::{terms_in_pieces, terms_in_pieces_ahead, Selection};
    use verbale::out::{write_pieces, Destination, Format};
    let docs = crate::common::fixture_docs();
    let a = analyse(&docs, &Options::new(verbale::text::Lang::english()));
    let sel = Selection::default();
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, pieces: Box<dyn Iterator<Item = verbale::Result<_>> + '_>| {
        let path = dir.path().join(name);
        let done = write_pieces(
            pieces,
            Format::Parquet,
            Default::default(),
            &Destination::File(path.clone()),
        );
        (done, path)
    };
    let (done, one) = write("one.parquet", Box::new(terms_in_pieces(&a, sel, 7)));
    done.unwrap();
    let (done, ahead) = write(
        "ahead.parquet",
        Box::new(terms_in_pieces_ahead(&a, sel, 7, 3)),
    );
    done.unwrap();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .unwrap();
    let (done, pooled) =
        pool.install(|| write("pool.parquet", Box::new(terms_in_pieces(&a, sel, 7))));
    done.unwrap();
    let bytes = |p: &std::path::Path| std::fs::read(p).unwrap();
    assert!(bytes(&one).len() > 10_000);
    assert_eq!(bytes(&one), bytes(&ahead));
    assert_eq!(bytes(&one), bytes(&pooled));
    // The fourth piece fails.
    let failing = terms_in_pieces(&a, sel, 7).enumerate().map(|(k, p)| {
        if k == 3 {
            Err(verbale::error::Error::Invalid("piece 3 failed".into()))
        } else {
            p
        }
    });
    let (done, path) = write("failing.parquet", Box::new(failing));
    let err = done.unwrap_err().to_string();
    assert!(err.contains("piece 3 failed"), "{err}");
    assert!(!path.exists());
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.contains("failing"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn a_table_written_in_pieces_is_the_table_written_whole() {
    // `freq --by doc` streams its rows a few hundred documents at a time; here the pieces are
    // of 7 documents, over the 80 fixture statements.
    use verbale::analysis::{analyse, Options};
    use verbale::frames::{terms, terms_in_pieces, Selection};
    use verbale::out::{write, write_pieces, Destination, Format};
    let docs = crate::common::fixture_docs();
    let a = analyse(&docs, &Options::new(verbale::text::Lang::english()));
    let sel = Selection::default();
    assert_eq!(terms_in_pieces(&a, sel, 7).count(), docs.len().div_ceil(7));
    let dir = tempfile::tempdir().unwrap();
    for format in [
        Format::Csv,
        Format::Tsv,
        Format::Ndjson,
        Format::Json,
        Format::Parquet,
    ] {
        let whole = dir.path().join(format!("whole.{}", format.name()));
        let pieces = dir.path().join(format!("pieces.{}", format.name()));
        let mut df = terms(&a, sel).unwrap();
        assert!(df.height() > 1000);
        write(
            &mut df,
            format,
            Default::default(),
            &Destination::File(whole.clone()),
        )
        .unwrap();
        let parts = terms_in_pieces(&a, sel, 7);
        write_pieces(
            parts,
            format,
            Default::default(),
            &Destination::File(pieces.clone()),
        )
        .unwrap();
        if format == Format::Parquet {
            let read = |p: &std::path::Path| {
                ParquetReader::new(std::fs::File::open(p).unwrap())
                    .finish()
                    .unwrap()
            };
            assert!(read(&whole).equals(&read(&pieces)));
        } else {
            assert_eq!(
                std::fs::read(&whole).unwrap(),
                std::fs::read(&pieces).unwrap(),
                "{format:?}"
            );
        }
    }
    // An empty corpus still gets its header.
    let empty = analyse(&[], &Options::new(verbale::text::Lang::english()));
    let out = dir.path().join("empty.csv");
    let parts = terms_in_pieces(&empty, sel, 7);
    write_pieces(
        parts,
        Format::Csv,
        Default::default(),
        &Destination::File(out.clone()),
    )
    .unwrap();
    let text = std::fs::read_to_string(&out).unwrap();
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(text.starts_with("doc,term,form,count"), "{text}");
}

/// `extract -o` inside an input folder is refused (later runs over the folder would read each
/// statement twice); beside it, the texts are written.
#[test]
fn extract_into_an_input_folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::write(input.join("a.txt"), "We condemn the attack.").unwrap();
    let o = crate::common::verbale()
        .args(["extract", "-q"])
        .arg(&input)
        .arg("-o")
        .arg(input.join("extracted"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("inside the input folder"));
    assert!(!input.join("extracted").exists());
    let o = crate::common::verbale()
        .args(["extract", "-q"])
        .arg(&input)
        .arg("-o")
        .arg(dir.path().join("out"))
        .output()
        .unwrap();
    assert!(o.status.success());
    assert!(dir.path().join("out/a.txt").is_file());
}
