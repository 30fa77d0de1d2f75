//! Reading one counts folder: its Parquet files checked to be a counts folder's (columns, no
//! negative count), and its documents, per-document term counts, fields and forms.

use super::{ABOUT, FILES, FORM_COLUMNS, SPELLING_COLUMNS, TERM_COLUMNS};
use crate::analysis::{DocMeasures, DocResult, FormTotals, TermCount, TermIds};
use crate::error::{Error, Result};
use polars::prelude::*;
use std::path::{Path, PathBuf};

/// The file at `path`, a counts folder's.
fn open_file(path: &Path) -> Result<std::fs::File> {
    std::fs::File::open(path).map_err(|e| {
        Error::DamagedCounts(format!(
            "{}: cannot read ({e}); a counts folder holds {}: count the part again",
            path.display(),
            FILES.join(", ")
        ))
    })
}

/// A reader of the file `name` of the counts folder `dir`, and the file's path.
fn open(dir: &Path, name: &str) -> Result<(ParquetReader<std::fs::File>, PathBuf)> {
    let path = dir.join(name);
    let mut reader = ParquetReader::new(open_file(&path)?);
    // A text column stored as a dictionary (polars' Categorical, pyarrow's dictionary arrays,
    // DuckDB's ENUM) is refused by its name: this build of polars reads none (it stopped the
    // run with a panic).
    let schema = reader.schema().map_err(|e| unreadable(&path, e))?;
    let coded = (schema.iter_values()).find(|f| matches!(f.dtype(), ArrowDataType::Dictionary(..)));
    if let Some(f) = coded {
        return Err(Error::DamagedCounts(format!(
            "{}: its column '{}' is stored as a dictionary (categorical), which verbale does not \
             read; write it as plain text (polars: cast it to String; pyarrow: cast it to \
             string; DuckDB: cast an ENUM to VARCHAR), or count the part again",
            path.display(),
            f.name
        )));
    }
    Ok((reader, path))
}

/// Rows read from `terms.parquet` at a time at least (whole row groups). A file whose row
/// groups hold fewer than [`SMALL_GROUP`] rows on average is read whole: polars reads a
/// slice of many small groups group by group, and UNGD's counts in groups of 10 rows took 18 s
/// in slices against 3.6 s whole (in groups of 100, 2.5 s against 1.0 s). verbale writes
/// groups of some 80,000 rows, DuckDB of 122,880, pyarrow of a million.
const TERM_ROWS_AT_ONCE: usize = 1 << 16;

/// See [`TERM_ROWS_AT_ONCE`].
const SMALL_GROUP: usize = 4096;

/// The error of a file that is not a readable Parquet file.
fn unreadable(path: &Path, e: PolarsError) -> Error {
    Error::DamagedCounts(format!(
        "{}: not a readable Parquet file ({e}); count the part again",
        path.display()
    ))
}

fn read_parquet(dir: &Path, name: &str) -> Result<DataFrame> {
    let (reader, path) = open(dir, name)?;
    let df = reader.finish().map_err(|e| unreadable(&path, e))?;
    checked(df, &path, name, 0)
}

/// `df`, read from the file `name` at `path` from its row `first` (from 0), if it is what a
/// counts folder's file of that name holds.
fn checked(df: DataFrame, path: &Path, name: &str, first: usize) -> Result<DataFrame> {
    // Another table in its place (a file written over it) is named, not met as a missing
    // column halfway through.
    let needed = COLUMNS
        .iter()
        .find(|(file, _)| *file == name)
        .map_or(&[][..], |(_, c)| *c);
    let names: Vec<&str> = df.get_column_names().iter().map(|c| c.as_str()).collect();
    let missing = needed.iter().find(|c| !names.contains(c));
    // Only docs.parquet has columns of its own (the documents' fields).
    let extra = (name != FILES[0])
        .then(|| names.iter().find(|c| !needed.contains(c)))
        .flatten();
    if missing.is_some() || extra.is_some() {
        let what = match (missing, extra) {
            (Some(m), _) => format!("no column '{m}'"),
            (None, Some(x)) => format!("a column '{x}'"),
            (None, None) => unreachable!(),
        };
        return Err(Error::DamagedCounts(format!(
            "{}: not a counts table: it has {what} (a counts folder's {name} has {}); count the part again",
            path.display(),
            needed.join(", ")
        )));
    }
    negative_count(&df, needed).map_or(Ok(df), |(c, row, v)| {
        Err(Error::DamagedCounts(format!(
            "{}: row {} of column '{c}' is {v}, and counts are never negative; count the part again",
            path.display(),
            first + row
        )))
    })
}

/// The first negative number of `columns` in `df`: its column, row (from 1) and value. Their
/// unsigned readers would take it for nothing at all. A column's least value is asked first, so
/// that a sound part is not copied to find none.
fn negative_count<'c>(df: &DataFrame, columns: &[&'c str]) -> Option<(&'c str, usize, f64)> {
    columns.iter().find_map(|&c| {
        let col = df.column(c).ok()?;
        let dtype = col.dtype();
        if !dtype.is_signed_integer() && !dtype.is_float() {
            return None;
        }
        let least = col.as_materialized_series().min::<f64>().ok()??;
        if least >= 0.0 {
            return None;
        }
        let values = col.cast(&DataType::Float64).ok()?;
        let (row, v) = (values.f64().ok()?.iter().enumerate())
            .find_map(|(i, v)| v.filter(|v| *v < 0.0).map(|v| (i + 1, v)))?;
        Some((c, row, v))
    })
}

/// The columns each file of a counts folder has at least (and reads).
const COLUMNS: [(&str, &[&str]); 4] = [
    (
        FILES[0],
        &[
            "doc",
            "tokens",
            "quoted_tokens",
            "scare_tokens",
            "spans",
            "scare_spans",
        ],
    ),
    (FILES[1], &TERM_COLUMNS),
    (FILES[2], &FORM_COLUMNS),
    (FILES[3], &SPELLING_COLUMNS),
];

/// A column as unsigned integers (nulls as 0).
fn uints(df: &DataFrame, name: &str) -> Result<Vec<u64>> {
    let c = df.column(name)?.cast(&DataType::UInt64)?;
    Ok(c.u64()?.iter().map(|v| v.unwrap_or(0)).collect())
}

/// A column as strings (nulls as empty).
fn strings(df: &DataFrame, name: &str) -> Result<Vec<String>> {
    let c = df.column(name)?.cast(&DataType::String)?;
    Ok(c.str()?
        .iter()
        .map(|v| v.unwrap_or("").to_string())
        .collect())
}

/// A column as floats (`None` for a null, or for every row when there is no such column).
fn floats(df: &DataFrame, name: &str) -> Result<Vec<Option<f64>>> {
    match df.column(name) {
        Ok(c) => Ok(c.cast(&DataType::Float64)?.f64()?.iter().collect()),
        Err(_) => Ok(vec![None; df.height()]),
    }
}

/// The documents' measures from their columns in `docs.parquet` (`tokens` per document):
/// distinct forms from the TTR, and syllables from the Flesch reading ease, both whole numbers
/// found again exactly, so the measures computed from them are the very ones written. `None`
/// for a document without words or for counts made without measures.
fn measures_of(d: &DataFrame, tokens: &[u64]) -> Result<Vec<Option<DocMeasures>>> {
    let [ttr, mattr, mtld, sentences, flesch] =
        ["ttr", "mattr", "mtld", "sentences", "flesch"].map(|c| floats(d, c));
    let (ttr, mattr, mtld, sentences, flesch) = (ttr?, mattr?, mtld?, sentences?, flesch?);
    Ok((0..tokens.len())
        .map(|i| {
            let w = tokens[i] as f64;
            let s = sentences[i]?;
            let syllables = (206.835 - 1.015 * w / s.max(1.0) - flesch[i]?) * w / 84.6;
            Some(DocMeasures {
                forms: (ttr[i]? * w).round() as u32,
                mattr: mattr[i]?,
                mtld: mtld[i]?,
                sentences: s as u32,
                syllables: syllables.round() as u64,
            })
        })
        .collect())
}

/// The per-document term counts of the counts folder `dir` (`at`: each document's index),
/// their terms as ids of `terms`. `terms.parquet` is read [`TERM_ROWS_AT_ONCE`] rows or so at
/// a time (whole row groups), each piece turned into rows of 16 bytes before the next is read:
/// the table is never whole in memory (on UNGD, `freq --from-counts` peaked at 230 MB when it
/// was).
fn term_counts(
    dir: &Path,
    at: &ahash::AHashMap<&str, usize>,
    terms: &mut TermIds,
) -> Result<Vec<Vec<TermCount>>> {
    let (mut reader, path) = open(dir, FILES[1])?;
    let meta = reader
        .get_metadata()
        .map_err(|e| unreadable(&path, e))?
        .clone();
    // Consecutive row groups of at least TERM_ROWS_AT_ONCE rows together (a file of no rows
    // is read once all the same: it still says what its columns are).
    let rows: usize = meta.row_groups.iter().map(|g| g.num_rows()).sum();
    let whole = rows < SMALL_GROUP * meta.row_groups.len();
    let mut groups: Vec<usize> = vec![0];
    for g in &meta.row_groups {
        if !whole && *groups.last().unwrap_or(&0) >= TERM_ROWS_AT_ONCE {
            groups.push(0);
        }
        if let Some(last) = groups.last_mut() {
            *last += g.num_rows();
        }
    }
    let mut counts: Vec<Vec<TermCount>> = vec![Vec::new(); at.len()];
    let mut first = 0;
    for n in groups {
        let mut reader = ParquetReader::new(open_file(&path)?);
        reader.set_metadata(meta.clone());
        let t = reader.with_slice(Some((first, n))).finish();
        let t = checked(t.map_err(|e| unreadable(&path, e))?, &path, FILES[1], first)?;
        add_term_rows(&t, dir, at, terms, &mut counts)?;
        first += n;
    }
    Ok(counts)
}

/// Adds the rows of `t`, a piece of a `terms.parquet`, to their documents' `counts`.
fn add_term_rows(
    t: &DataFrame,
    dir: &Path,
    at: &ahash::AHashMap<&str, usize>,
    terms: &mut TermIds,
    counts: &mut [Vec<TermCount>],
) -> Result<()> {
    let text = |name: &str| -> Result<Column> { Ok(t.column(name)?.cast(&DataType::String)?) };
    let number = |name: &str| -> Result<Column> { Ok(t.column(name)?.cast(&DataType::UInt32)?) };
    let (doc, term) = (text("doc")?, text("term")?);
    let (c, q, s) = (number("count")?, number("quoted")?, number("scare")?);
    let rows = doc.str()?.iter().zip(term.str()?.iter());
    let numbers = c.u32()?.iter().zip(q.u32()?.iter()).zip(s.u32()?.iter());
    for ((d, w), ((c, q), s)) in rows.zip(numbers) {
        let d = d.unwrap_or("");
        let Some(&k) = at.get(d) else {
            return Err(Error::DamagedCounts(format!(
                "{}: counts of '{d}', which its docs.parquet does not list",
                dir.display()
            )));
        };
        counts[k].push(TermCount {
            term: terms.id(w.unwrap_or("")),
            count: c.unwrap_or(0),
            quoted: q.unwrap_or(0),
            scare: s.unwrap_or(0),
        });
    }
    Ok(())
}

/// What one counts folder holds.
pub(super) struct Part {
    pub(super) docs: Vec<DocResult>,
    pub(super) counts: Vec<Vec<TermCount>>,
    pub(super) fields: DataFrame,
    pub(super) forms: FormTotals,
}

/// Reads one counts folder.
pub(super) fn read_part(dir: &Path, documents: Option<u64>, terms: &mut TermIds) -> Result<Part> {
    let d = read_parquet(dir, FILES[0])?;
    let ids = strings(&d, "doc")?;
    if let Some(n) = documents {
        if n != ids.len() as u64 {
            return Err(Error::DamagedCounts(format!(
                "{}: its {ABOUT} says {n} documents, its {} holds {}; count the part again",
                dir.display(),
                FILES[0],
                ids.len()
            )));
        }
    }
    let at: ahash::AHashMap<&str, usize> = ids
        .iter()
        .enumerate()
        .map(|(i, s)| (s.as_str(), i))
        .collect();
    let (tokens, qt, st) = (
        uints(&d, "tokens")?,
        uints(&d, "quoted_tokens")?,
        uints(&d, "scare_tokens")?,
    );
    let (spans, scare) = (uints(&d, "spans")?, uints(&d, "scare_spans")?);
    let measures = measures_of(&d, &tokens)?;
    // Each file as it was named when the part was counted (on that machine): shown, and
    // chosen by `--where "path like ..."`, never read again.
    let paths: Vec<Option<PathBuf>> = match d.column("path") {
        Ok(c) => c
            .cast(&DataType::String)?
            .str()?
            .iter()
            .map(|p| p.filter(|p| !p.is_empty()).map(PathBuf::from))
            .collect(),
        Err(_) => vec![None; ids.len()],
    };
    let docs = ids
        .iter()
        .enumerate()
        .map(|(i, id)| DocResult {
            id: id.clone(),
            path: paths[i].clone(),
            tokens: tokens[i],
            quoted_tokens: qt[i],
            scare_tokens: st[i],
            n_spans: spans[i] as u32,
            n_scare: scare[i] as u32,
            spans: Vec::new(),
            spans_aside: None,
            unpaired: Vec::new(),
            cues: Vec::new(),
            other_lang: None,
            measures: measures[i].map(Box::new),
        })
        .collect();
    let keep: Vec<&str> = d
        .get_column_names()
        .into_iter()
        .map(|c| c.as_str())
        .filter(|c| {
            *c == "doc"
                || !crate::frames::schema::DOCS.contains(c)
                    && !crate::frames::schema::DOC_MEASURES.contains(c)
        })
        .collect();
    let fields = d.select(keep)?;
    let counts = term_counts(dir, &at, terms)?;
    let triples = |name: &str, cols: [&str; 3]| -> Result<Vec<(String, String, u64)>> {
        let f = read_parquet(dir, name)?;
        let (a, b, n) = (
            strings(&f, cols[0])?,
            strings(&f, cols[1])?,
            uints(&f, cols[2])?,
        );
        Ok(a.into_iter()
            .zip(b)
            .zip(n)
            .map(|((a, b), n)| (a, b, n))
            .collect())
    };
    let forms = FormTotals {
        forms: triples(FILES[2], FORM_COLUMNS)?,
        spellings: triples(FILES[3], SPELLING_COLUMNS)?,
    };
    Ok(Part {
        docs,
        counts,
        fields,
        forms,
    })
}
