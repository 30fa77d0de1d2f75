//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};

/// The repository root (tests run from anywhere).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A path under `tests/data/`.
pub fn data(p: &str) -> PathBuf {
    root().join("tests/data").join(p)
}

/// The seed statement, copied into `tests/data/`.
pub fn seed() -> PathBuf {
    data("seed/000_a7ca7be90a8cccf0.txt")
}

/// The verbale binary under test.
pub fn verbale() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("verbale").expect("binary built")
}

/// Reads a file's bytes.
pub fn bytes(p: &Path) -> Vec<u8> {
    std::fs::read(p).expect("readable")
}

/// The 80 fixture statements of `tests/data/quotes/docs`, loaded.
pub fn fixture_docs() -> Vec<verbale::corpus::Document> {
    verbale::corpus::load(&[data("quotes/docs")], &Default::default())
        .expect("fixtures load")
        .docs
}

/// A CSV (with a header row) as a frame.
pub fn csv_bytes(b: Vec<u8>) -> polars::prelude::DataFrame {
    use polars::prelude::*;
    CsvReadOptions::default()
        .with_has_header(true)
        .into_reader_with_file_handle(std::io::Cursor::new(b))
        .finish()
        .expect("valid CSV")
}

/// `verbale ARGS... PATH` (CSV on standard output), which must succeed, as a frame.
pub fn csv_of(args: &[&str], path: &Path) -> polars::prelude::DataFrame {
    let out = verbale().args(args).arg(path).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    csv_bytes(out.stdout)
}

/// A CSV file (with a header row) as a frame.
pub fn csv_file(p: &Path) -> polars::prelude::DataFrame {
    csv_bytes(bytes(p))
}

/// A column of a frame as text (empty for nulls).
pub fn strs(df: &polars::prelude::DataFrame, c: &str) -> Vec<String> {
    use polars::prelude::*;
    let c = df.column(c).unwrap().cast(&DataType::String).unwrap();
    c.str()
        .unwrap()
        .iter()
        .map(|v| v.unwrap_or("").into())
        .collect()
}

/// A column of a frame as numbers (NaN for nulls).
pub fn nums(df: &polars::prelude::DataFrame, c: &str) -> Vec<f64> {
    use polars::prelude::*;
    let c = df.column(c).unwrap().cast(&DataType::Float64).unwrap();
    c.f64()
        .unwrap()
        .iter()
        .map(|v| v.unwrap_or(f64::NAN))
        .collect()
}

/// What `verbale ARGS FILE` says on standard error, FILE a text of `text` (the run must
/// succeed).
pub fn stderr_on_text(args: &[&str], text: &str) -> String {
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("s.txt");
    std::fs::write(&f, text).unwrap();
    let o = verbale().args(args).arg(&f).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stderr).into_owned()
}
