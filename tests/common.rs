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

/// A CSV file (with a header row) as a frame.
pub fn csv_file(p: &Path) -> polars::prelude::DataFrame {
    csv_bytes(bytes(p))
}
