//! The house rule of `src/`: every module uses only the floors below it (or its own), so each
//! stage can be read, tested and changed without the ones above. The floors are the ones
//! `src/lib.rs` documents.

use crate::common::root;

/// Floor of each top-level module, lowest first.
const FLOORS: &[(&str, u8)] = &[
    ("error", 0),
    ("text", 1),
    ("stats", 1),
    ("corpus", 2),
    ("quotes", 3),
    ("analysis", 4),
    ("frames", 5),
    ("meta", 5),
    ("out", 5),
    ("compare", 6),
    ("kwic", 6),
    ("trend", 6),
    ("phrases", 6),
    ("dict", 6),
    ("chart", 7),
    ("report", 8),
];

fn floor(module: &str) -> Option<u8> {
    FLOORS.iter().find(|f| f.0 == module).map(|f| f.1)
}

/// Every `.rs` file under `dir`.
fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).expect("src/ is readable") {
        let p = e.expect("entry").path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The upward uses in one file's text: `crate::X` where X sits on a higher floor than `mine`.
fn upward(text: &str, mine: u8) -> Vec<String> {
    let mut found = Vec::new();
    for (i, _) in text.match_indices("crate::") {
        let rest = &text[i + "crate::".len()..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if floor(&name).is_some_and(|f| f > mine) {
            found.push(name);
        }
    }
    found
}

#[test]
fn no_module_uses_a_module_above_it() {
    let src = root().join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(files.len() > 30, "{} files", files.len());
    let mut bad = Vec::new();
    let mut checked = 0;
    for f in &files {
        let rel = f.strip_prefix(&src).expect("under src");
        let top = rel
            .components()
            .next()
            .map(|c| {
                c.as_os_str()
                    .to_string_lossy()
                    .trim_end_matches(".rs")
                    .to_string()
            })
            .unwrap_or_default();
        let Some(mine) = floor(&top) else { continue };
        checked += 1;
        let text = std::fs::read_to_string(f).expect("readable");
        for name in upward(&text, mine) {
            bad.push(format!("{} uses crate::{name}", rel.display()));
        }
    }
    assert!(checked > 30, "{checked} files checked");
    assert!(bad.is_empty(), "upward uses:\n{}", bad.join("\n"));
}

#[test]
fn the_check_sees_an_upward_use() {
    // A corpus file that reached up to the analysis would be caught, a use of text would not.
    assert_eq!(upward("use crate::analysis::Options;", 2), ["analysis"]);
    assert!(upward("use crate::text::Layout; crate::error::Result", 2).is_empty());
}
