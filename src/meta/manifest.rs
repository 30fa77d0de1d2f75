//! The manifest beside a corpus (CSV, TSV or Parquet): read as text columns, checked for rows
//! of the wrong width and fields named twice, and joined to the files on the column that names
//! them.

use super::{count_files, listed, Column};
use crate::corpus::Found;
use crate::error::{Error, Result};
use ahash::{AHashMap, AHashSet};
use polars::prelude::*;
use std::path::Path;

/// Reads a manifest (CSV, TSV or Parquet) as text columns.
fn read_manifest(path: &Path) -> Result<DataFrame> {
    // A missing or unreadable manifest fails as any input does (polars' words would not say
    // what to do).
    std::fs::File::open(path).map_err(|e| Error::Read {
        path: path.to_path_buf(),
        source: e,
    })?;
    if path.is_dir() {
        return Err(Error::Invalid(format!(
            "{}: a folder, not a manifest; give --meta its CSV, TSV or Parquet file",
            crate::error::shown(path)
        )));
    }
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let rerr = |e: PolarsError| {
        Error::Invalid(format!(
            "{}: cannot read the manifest: {}; correct the file (one found beside the files is \
             left out with --no-meta)",
            crate::error::shown(path),
            reason(&e.to_string())
        ))
    };
    let df = if ext == "parquet" {
        let f = std::fs::File::open(path).map_err(|e| Error::Read {
            path: path.to_path_buf(),
            source: e,
        })?;
        ParquetReader::new(f).finish().map_err(rerr)?
    } else {
        let sep = if matches!(ext.as_str(), "tsv" | "tab") {
            b'\t'
        } else {
            header_separator(path)
        };
        let df = CsvReadOptions::default()
            .with_has_header(true)
            .with_infer_schema_length(Some(0))
            .map_parse_options(|o| o.with_separator(sep))
            .try_into_reader_with_file_path(Some(path.to_path_buf()))
            .and_then(|r| r.finish());
        // polars' own words for a ragged row name an option of its Python API: say which row.
        let ragged = || {
            let text = std::fs::read(path).ok()?;
            let (line, fields, header) = first_ragged_row(&text, sep)?;
            Some(Error::Invalid(format!(
                "{} line {line}: {fields} fields where the header has {header}; quote a value \
                 that holds the separator (\"Smith, J.\") or correct the row",
                crate::error::shown(path)
            )))
        };
        let df = match df {
            Ok(df) => df,
            Err(e) => return Err(ragged().unwrap_or_else(|| rerr(e))),
        };
        // polars renames a repeated header (`year`, `year_duplicated_0`): two values for one
        // field would leave the reader to guess which is meant.
        let names: Vec<String> = df
            .get_column_names()
            .iter()
            .map(|n| n.to_string())
            .collect();
        if let Some(twice) = names.iter().find_map(|n| {
            let (base, _) = n.rsplit_once("_duplicated_")?;
            names.iter().any(|m| m == base).then_some(base)
        }) {
            return Err(Error::Invalid(format!(
                "{} line 1: the field '{twice}' is named twice in the header; rename or remove \
                 one of its columns",
                crate::error::shown(path)
            )));
        }
        df
    };
    // A header written `file, country, year` names its fields without the spaces, as
    // `--group-by` and `--where` take them; two that are then one name are refused.
    let mut cols = Vec::new();
    let mut seen = ahash::AHashSet::new();
    for c in df.columns() {
        let name = c.name().trim().to_string();
        if !seen.insert(name.clone()) {
            return Err(Error::Invalid(format!(
                "{} line 1: the field '{name}' is named twice in the header (spaces aside); \
                 rename or remove one of its columns",
                crate::error::shown(path)
            )));
        }
        cols.push(c.cast(&DataType::String)?.with_name(name.into()));
    }
    Ok(DataFrame::new_infer_height(cols)?)
}

/// The separator of a `.csv` manifest's header line: `,`, or the `;` (the European Excel
/// default) or tab that a header without commas uses.
fn header_separator(path: &Path) -> u8 {
    use std::io::BufRead;
    let mut line = Vec::new();
    let read = std::fs::File::open(path)
        .map(std::io::BufReader::new)
        .and_then(|mut r| r.read_until(b'\n', &mut line));
    if read.is_err() {
        return b',';
    }
    let count = |c: u8| line.iter().filter(|&&b| b == c).count();
    match (count(b','), count(b';'), count(b'\t')) {
        (0, s, t) if s > 0 && s >= t => b';',
        (0, _, t) if t > 0 => b'\t',
        _ => b',',
    }
}

/// The first row of a CSV `text` (fields separated by `sep`, `"` quoting) whose fields do not
/// number the header's: its line (from 1), its fields and the header's.
fn first_ragged_row(text: &[u8], sep: u8) -> Option<(usize, usize, usize)> {
    let (mut line, mut row_line) = (1usize, 1usize);
    let (mut fields, mut header) = (1usize, None);
    let mut quoted = false;
    let mut empty = true;
    for &b in text {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => {
                line += 1;
                if !empty {
                    match header {
                        None => header = Some(fields),
                        Some(h) if h != fields => return Some((row_line, fields, h)),
                        Some(_) => {}
                    }
                }
                (fields, empty, row_line) = (1, true, line);
                continue;
            }
            b'\n' => line += 1,
            b'\r' => continue,
            _ if b == sep && !quoted => fields += 1,
            _ => {}
        }
        empty = false;
    }
    match header {
        Some(h) if !empty && h != fields => Some((row_line, fields, h)),
        _ => None,
    }
}

/// The manifest's column that names the files: the one matching most of their keys (ties to
/// a column called file, filename, path, doc, id, document or name); `None` when none does.
fn key_column(df: &DataFrame, keys: &[Vec<String>]) -> Option<usize> {
    let all_keys: AHashSet<&str> = keys.iter().flatten().map(String::as_str).collect();
    let preferred = ["file", "filename", "path", "doc", "id", "document", "name"];
    let mut best: Option<(usize, usize)> = None; // (matches, column)
    for (ci, name) in df.get_column_names().iter().enumerate() {
        let Ok(col) = df.columns()[ci].str() else {
            continue;
        };
        let matches = col
            .iter()
            .flatten()
            .filter(|v| all_keys.contains(v))
            .count();
        let named = preferred.contains(&name.to_ascii_lowercase().as_str());
        if matches > 0
            && best.is_none_or(|(m, b)| matches > m || (matches == m && named && b != ci))
        {
            best = Some((matches, ci));
        }
    }
    best.map(|(_, ci)| ci)
}

/// Each file's keys, as a manifest may name it: its id, its file name, its stem, and its
/// path under the folder with its extension.
fn file_keys(files: &Found, base: Option<&Path>) -> Vec<Vec<String>> {
    files
        .iter()
        .map(|(id, p)| {
            let mut k = vec![id.clone()];
            if let Some(p) = p {
                // The path under the manifest's folder, with and without its extension (an id
                // told apart from another input's may hold more folders: `b/sub/y`).
                if let Some(rel) = base.and_then(|b| p.strip_prefix(b).ok()) {
                    let rel = rel.to_string_lossy().replace('\\', "/");
                    if let Some((stem, _)) = rel.rsplit_once('.') {
                        k.push(stem.to_string());
                    }
                    k.push(rel);
                }
                k.extend(p.file_name().map(|n| n.to_string_lossy().into_owned()));
                k.extend(p.file_stem().map(|n| n.to_string_lossy().into_owned()));
                // The path under the folder with its extension (`pdf/report.pdf`).
                if let Some(ext) = p.extension().map(|e| e.to_string_lossy()) {
                    if !id.ends_with(&format!(".{ext}")) {
                        k.push(format!("{id}.{ext}"));
                    }
                }
            }
            k
        })
        .collect()
}

/// The fields a manifest gives each file, joined on the column whose values name the files
/// (file names, with or without extension, or document ids, which are paths under the folder,
/// with or without extension).
pub(super) fn manifest_fields(
    files: &Found,
    path: &Path,
    part: bool,
) -> Result<(Vec<Column>, Vec<String>)> {
    // No files (an empty part of a corpus): nothing to name, and nothing wrong.
    if files.is_empty() {
        return Ok((Vec::new(), Vec::new()));
    }
    let df = read_manifest(path)?;
    let shown = crate::error::shown(path);
    let keys = file_keys(files, path.parent());
    let key_col = key_column(&df, &keys).ok_or_else(|| {
        Error::Invalid(format!(
            "{shown}: no column of the manifest names these files (by file name or document id)"
        ))
    })?;
    let names = df.get_column_names();
    let key = df.columns()[key_col].str()?;
    let mut row_of: AHashMap<&str, usize> = AHashMap::new();
    for (r, v) in key.iter().enumerate() {
        let Some(v) = v else { continue };
        if let Some(first) = row_of.insert(v, r) {
            // Rows counted as in a spreadsheet: the header is row 1.
            return Err(Error::Invalid(format!(
                "{shown}: '{v}' is given twice in column '{}' (rows {} and {}); keep one row \
                 per file",
                names[key_col],
                first + 2,
                r + 2
            )));
        }
    }
    let rows: Vec<Option<usize>> = keys
        .iter()
        .map(|k| k.iter().find_map(|k| row_of.get(k.as_str()).copied()))
        .collect();
    let mut notes = Vec::new();
    let missing: Vec<String> = files
        .iter()
        .zip(&rows)
        .filter(|(_, r)| r.is_none())
        .map(|((id, _), _)| id.clone())
        .collect();
    if !missing.is_empty() {
        notes.push(format!(
            "warning: {shown}: no row for {}: {}",
            count_files(missing.len()),
            listed(&missing)
        ));
    }
    let used: AHashSet<usize> = rows.iter().flatten().copied().collect();
    let unused: Vec<String> = key
        .iter()
        .enumerate()
        .filter(|(r, _)| !used.contains(r))
        .map(|(_, v)| v.unwrap_or("(empty)").to_string())
        .collect();
    if !part && !unused.is_empty() && unused.len() < df.height() {
        notes.push(format!(
            "warning: {shown}: {} no file read: {}",
            match unused.len() {
                1 => "1 row names".to_string(),
                n => format!("{n} rows name"),
            },
            listed(&unused)
        ));
    }
    let mut columns = Vec::new();
    for (ci, name) in names.iter().enumerate() {
        if ci == key_col {
            continue;
        }
        let col = df.columns()[ci].str()?;
        columns.push(Column {
            name: name.to_string(),
            values: rows
                .iter()
                .map(|r| r.and_then(|r| col.get(r)).map(str::to_string))
                .collect(),
            kind: None,
        });
    }
    Ok((columns, notes))
}

/// Polars' reason for a file it could not read, without its advice to Python callers
/// (`infer_schema_length`, `ignore_errors`), on one line.
fn reason(text: &str) -> String {
    let (head, original) = match text.split_once("You might want to try:") {
        Some((head, rest)) => (head, rest.split_once("Original error:").map(|r| r.1)),
        None => (text, None),
    };
    let parts = [Some(head), original];
    let paragraphs: Vec<String> = (parts.iter().flatten())
        .flat_map(|p| p.split("\n\n"))
        .map(|p| {
            let p = p.replace("```", "");
            let words: Vec<&str> = p.split_whitespace().collect();
            words.join(" ").trim_end_matches('.').to_string()
        })
        .filter(|p| !p.is_empty())
        .collect();
    paragraphs.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polars_reasons_lose_their_python_advice() {
        let e = "could not parse `\"2003\n` as dtype `str` at column 'year' (column number 2)\n\n\
                 The current offset in the file is 6 bytes.\n\nYou might want to try:\n- \
                 increasing `infer_schema_length` (e.g. `infer_schema_length=10000`),\n- setting \
                 `ignore_errors` to `True`,\n\nOriginal error: ```invalid csv file\n\nField \
                 `\"2003\n` is not properly escaped.```";
        let r = reason(e);
        assert!(
            !r.contains("infer_schema_length") && !r.contains("True"),
            "{r}"
        );
        assert!(
            r.contains("column 'year'") && r.contains("not properly escaped"),
            "{r}"
        );
        assert!(!r.contains('\n'), "{r}");
        assert_eq!(reason("plain reason"), "plain reason");
    }

    #[test]
    fn a_ragged_row_is_found_by_its_line() {
        // Quoted separators and line breaks are inside a field; CRLF and blank lines are no row.
        let ok = b"file,year\r\na,\"2001, 2002\"\r\n\r\nb,\"two\nlines\"\n";
        assert_eq!(first_ragged_row(ok, b','), None);
        assert_eq!(
            first_ragged_row(b"f,y\na,1\nb,2,3\n", b','),
            Some((3, 3, 2))
        );
        // A row short of a field, on the line after a field broken over two lines.
        assert_eq!(
            first_ragged_row(b"f,y\n\"a\nb\",1\nc\n", b','),
            Some((4, 1, 2))
        );
        assert_eq!(first_ragged_row(b"f\ty\na\t1", b'\t'), None);
        assert_eq!(first_ragged_row(b"f\ty\na", b'\t'), Some((2, 1, 2)));
    }
}
