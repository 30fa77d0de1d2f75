//! A corpus's counts as a Parquet dataset (`verbale counts`), so that parts of a corpus counted
//! on different machines or by different processes add up to the counts of the whole: a
//! folder with `docs.parquet` (the `docs` frame: each document with its token counts and
//! fields), `terms.parquet` (doc, term, count, quoted, scare), `forms.parquet` (term, form,
//! count) and `spellings.parquet` (form, spelling, count), from which display forms are chosen
//! as a single run chooses them, and `counts.json` (what the counts were made with; not a
//! `.txt`, which a later run over the folder would read as a document). Folders of
//! parts are read together into one [`Analysis`]; an engine (DuckDB, Spark, polars) reads
//! their files as one table each.

use crate::analysis::{self, Analysis, DocResult, FormTotals};
use crate::error::{Error, Result};
use polars::prelude::*;
use std::path::{Path, PathBuf};

/// The files of a counts folder.
pub const FILES: [&str; 4] = [
    "docs.parquet",
    "terms.parquet",
    "forms.parquet",
    "spellings.parquet",
];

/// The file that says what the counts were made with.
pub const ABOUT: &str = "counts.json";

/// The `format` of [`ABOUT`].
const HEADER: &str = "verbale counts 1";

/// Writes the counts of `a` (a documents run with forms kept) into folder `dir` (existing,
/// empty): `meta` is the documents' fields, a row per document; `fingerprint` what the counts
/// were made with ([`analysis::Options::fingerprint`]).
pub fn write(dir: &Path, a: &Analysis, meta: &DataFrame, fingerprint: &str) -> Result<()> {
    let forms = a
        .forms
        .as_ref()
        .ok_or_else(|| Error::Invalid("counts need a documents run that kept its forms".into()))?;
    let mut docs = super::docs(a, meta)?;
    let n: usize = a.doc_terms.iter().map(Vec::len).sum();
    let mut doc = Vec::with_capacity(n);
    let mut term = Vec::with_capacity(n);
    let (mut count, mut quoted, mut scare) = (
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
    );
    for (d, counts) in a.docs.iter().zip(&a.doc_terms) {
        for c in counts {
            doc.push(d.id.as_str());
            term.push(a.terms[c.term as usize].term.as_str());
            count.push(c.count as u64);
            quoted.push(c.quoted as u64);
            scare.push(c.scare as u64);
        }
    }
    let mut terms = DataFrame::new_infer_height(vec![
        Column::new("doc".into(), doc),
        Column::new("term".into(), term),
        Column::new("count".into(), count),
        Column::new("quoted".into(), quoted),
        Column::new("scare".into(), scare),
    ])?;
    let triples = |rows: &[(String, String, u64)], names: [&str; 3]| -> Result<DataFrame> {
        Ok(DataFrame::new_infer_height(vec![
            Column::new(
                names[0].into(),
                rows.iter().map(|r| r.0.as_str()).collect::<Vec<_>>(),
            ),
            Column::new(
                names[1].into(),
                rows.iter().map(|r| r.1.as_str()).collect::<Vec<_>>(),
            ),
            Column::new(
                names[2].into(),
                rows.iter().map(|r| r.2).collect::<Vec<_>>(),
            ),
        ])?)
    };
    let mut form_rows = triples(&forms.forms, ["term", "form", "count"])?;
    let mut spelling_rows = triples(&forms.spellings, ["form", "spelling", "count"])?;
    for (name, df) in FILES
        .iter()
        .zip([&mut docs, &mut terms, &mut form_rows, &mut spelling_rows])
    {
        let path = dir.join(name);
        let f = std::fs::File::create(&path).map_err(|e| Error::Write {
            path: path.clone(),
            source: e,
        })?;
        crate::out::parquet::write(std::io::BufWriter::new(f), df)?;
    }
    let about = serde_json::json!({ "format": HEADER, "options": fingerprint }).to_string() + "\n";
    std::fs::write(dir.join(ABOUT), about).map_err(|e| Error::Write {
        path: dir.join(ABOUT),
        source: e,
    })?;
    Ok(())
}

/// What a counts folder says it was made with.
fn fingerprint(dir: &Path) -> Result<String> {
    let path = dir.join(ABOUT);
    let text = std::fs::read_to_string(&path).map_err(|_| {
        Error::Invalid(format!(
            "{}: not a counts folder (no {ABOUT}; make one with `verbale counts PATH... -o DIR`)",
            dir.display()
        ))
    })?;
    let about: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    if about["format"] != HEADER {
        return Err(Error::Invalid(format!(
            "{}: written by another version of verbale's counts (its format is not '{HEADER}')",
            path.display()
        )));
    }
    Ok(about["options"].as_str().unwrap_or("").to_string())
}

fn read_parquet(dir: &Path, name: &str) -> Result<DataFrame> {
    let path = dir.join(name);
    let f = std::fs::File::open(&path).map_err(|e| {
        Error::Invalid(format!(
            "{}: cannot read ({e}); a counts folder holds {}",
            path.display(),
            FILES.join(", ")
        ))
    })?;
    ParquetReader::new(f).finish().map_err(|e| {
        Error::Invalid(format!(
            "{}: not a readable Parquet file ({e})",
            path.display()
        ))
    })
}

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

/// What one counts folder holds.
struct Part {
    docs: Vec<DocResult>,
    counts: Vec<Vec<(String, [u32; 3])>>,
    fields: DataFrame,
    forms: FormTotals,
}

/// Reads one counts folder.
fn read_part(dir: &Path) -> Result<Part> {
    let d = read_parquet(dir, FILES[0])?;
    let ids = strings(&d, "doc")?;
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
    let docs = ids
        .iter()
        .enumerate()
        .map(|(i, id)| DocResult {
            id: id.clone(),
            path: None,
            tokens: tokens[i],
            quoted_tokens: qt[i],
            scare_tokens: st[i],
            n_spans: spans[i] as u32,
            n_scare: scare[i] as u32,
            spans: Vec::new(),
            unpaired: Vec::new(),
            cues: Vec::new(),
            measures: None,
        })
        .collect();
    let keep: Vec<&str> = d
        .get_column_names()
        .into_iter()
        .map(|c| c.as_str())
        .filter(|c| {
            *c == "doc"
                || !super::schema::DOCS.contains(c) && !super::schema::DOC_MEASURES.contains(c)
        })
        .collect();
    let fields = d.select(keep)?;
    let mut counts: Vec<Vec<(String, [u32; 3])>> = vec![Vec::new(); ids.len()];
    let t = read_parquet(dir, FILES[1])?;
    let (tdoc, tterm) = (strings(&t, "doc")?, strings(&t, "term")?);
    let (c, q, s) = (
        uints(&t, "count")?,
        uints(&t, "quoted")?,
        uints(&t, "scare")?,
    );
    for (i, (doc, term)) in tdoc.iter().zip(tterm).enumerate() {
        let Some(&k) = at.get(doc.as_str()) else {
            return Err(Error::Invalid(format!(
                "{}: counts of '{doc}', which its docs.parquet does not list",
                dir.display()
            )));
        };
        counts[k].push((term, [c[i] as u32, q[i] as u32, s[i] as u32]));
    }
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
        forms: triples(FILES[2], ["term", "form", "count"])?,
        spellings: triples(FILES[3], ["form", "spelling", "count"])?,
    };
    Ok(Part {
        docs,
        counts,
        fields,
        forms,
    })
}

/// Reads counts folders (parts of one corpus, in order) into one analysis, with the
/// documents' fields (a row per document). Parts made with different options, or holding the
/// same document twice, are refused.
pub fn read(dirs: &[PathBuf]) -> Result<(Analysis, DataFrame)> {
    let mut made_with: Option<(String, &PathBuf)> = None;
    let mut docs: Vec<DocResult> = Vec::new();
    let mut counts: Vec<Vec<(String, [u32; 3])>> = Vec::new();
    let mut forms = FormTotals::default();
    let mut fields: Option<DataFrame> = None;
    let mut seen: ahash::AHashSet<String> = ahash::AHashSet::new();
    for dir in dirs {
        let fp = fingerprint(dir)?;
        match &made_with {
            Some((first, at)) if *first != fp => {
                return Err(Error::Invalid(format!(
                    "{} and {} were counted with different options ({first} / {fp}): count every part alike",
                    at.display(),
                    dir.display()
                )))
            }
            None => made_with = Some((fp, dir)),
            _ => {}
        }
        let part = read_part(dir)?;
        if let Some(d) = part.docs.iter().find(|d| !seen.insert(d.id.clone())) {
            return Err(Error::Invalid(format!(
                "document '{}' is in two parts (again in {}): count each document once",
                d.id,
                dir.display()
            )));
        }
        docs.extend(part.docs);
        counts.extend(part.counts);
        forms.forms.extend(part.forms.forms);
        forms.spellings.extend(part.forms.spellings);
        fields = Some(match fields {
            None => part.fields,
            Some(mut f) => {
                f.vstack_mut(&part.fields).map_err(|e| {
                    Error::Invalid(format!(
                        "{}: its documents' fields differ from the first part's ({e})",
                        dir.display()
                    ))
                })?;
                f
            }
        });
    }
    if made_with.is_none() {
        return Err(Error::NoDocuments("no counts folder given".into()));
    }
    let a = analysis::from_counts(docs, counts, &forms);
    Ok((a, fields.unwrap_or_default()))
}
