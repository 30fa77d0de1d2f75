//! Parquet tables as every reader opens them: every table of a report opened by pyarrow and
//! DuckDB (`tests/readers/check_parquet.py`), with text columns as Arrow `large_string`
//! (readers built before `string_view`, such as older R arrow, DuckDB and pyarrow releases,
//! cannot read that). Ignored by a plain `cargo test`, which has no Python to rely on;
//! `.ci/run` installs pyarrow and duckdb and runs it, and it fails when they are missing.

use std::path::Path;
use std::process::Command;

/// A report of the bundled corpus (every table it writes) in a new folder.
fn report() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_verbale"))
        .args(["report", "-q", "data", "-o"])
        .arg(dir.path().join("rep"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // And the tables written piece by piece (per document) or by other commands.
    for (file, args) in [
        ("freq_by_doc.parquet", &["freq", "--by", "doc"][..]),
        ("quotes_all.parquet", &["quotes"][..]),
        (
            "ngrams_2_3.parquet",
            &["ngrams", "--n", "2", "--n-max", "3"][..],
        ),
    ] {
        let o = Command::new(env!("CARGO_BIN_EXE_verbale"))
            .args(args)
            .args(["-q", "data", "-o"])
            .arg(dir.path().join("rep").join(file))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    dir
}

#[test]
#[ignore = "needs Python with pyarrow and duckdb; .ci/run installs them and runs it"]
fn every_report_table_opens_in_pyarrow_and_duckdb() {
    let dir = report();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/readers/check_parquet.py");
    let o = Command::new("python3")
        .arg(script)
        .arg(dir.path().join("rep"))
        .output()
        .expect("python3 to run tests/readers/check_parquet.py");
    let said = String::from_utf8_lossy(&o.stdout).to_string() + &String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{said}");
    println!("{said}");
}
