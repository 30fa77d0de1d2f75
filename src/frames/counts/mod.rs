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

mod part;
use part::read_part;

/// The files of a counts folder.
pub const FILES: [&str; 4] = [
    "docs.parquet",
    "terms.parquet",
    "forms.parquet",
    "spellings.parquet",
];

/// The columns of `terms.parquet`, `forms.parquet` and `spellings.parquet`, as written and read.
const TERM_COLUMNS: [&str; 5] = ["doc", "term", "count", "quoted", "scare"];
const FORM_COLUMNS: [&str; 3] = ["term", "form", "count"];
const SPELLING_COLUMNS: [&str; 3] = ["form", "spelling", "count"];

/// The file that says what the counts were made with.
pub const ABOUT: &str = "counts.json";

/// The start of the name of the temporary folder a `counts` run writes into, before its
/// process id.
pub const TMP_PREFIX: &str = ".verbale-counts-";

/// Removes from `parent` the temporary folders of `counts` runs that were killed
/// (`.verbale-counts-PID-…` whose process is gone; an interrupted run removes its own).
/// Errors are ignored: cleaning is a courtesy.
pub fn remove_leftovers(parent: &Path) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let pid = name
            .strip_prefix(TMP_PREFIX)
            .and_then(|r| r.split('-').next())
            .and_then(|p| p.parse::<u32>().ok());
        let Some(pid) = pid else { continue };
        let folder = e.file_type().is_ok_and(|t| t.is_dir());
        if folder && pid != std::process::id() && crate::out::left_by_gone_process(pid, &e) {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

/// The `format` of [`ABOUT`].
const HEADER: &str = "verbale counts 1";

/// Writes the counts of `a` (a documents run with forms kept) into folder `dir` (existing,
/// empty): `meta` is the documents' fields, a row per document; `fingerprint` what the counts
/// were made with ([`analysis::Options::fingerprint`]); `keep_ext` whether its documents are
/// named with their files' extensions, and `corpus` the name of the corpus the part is of (its
/// `--root` folder's), which the commands over the parts name them by.
pub fn write(
    dir: &Path,
    a: &Analysis,
    meta: &DataFrame,
    fingerprint: &str,
    not_read: &[NotRead],
    (keep_ext, corpus): (bool, Option<&str>),
) -> Result<()> {
    let forms = a
        .forms
        .as_ref()
        .ok_or_else(|| Error::Invalid("counts need a documents run that kept its forms".into()))?;
    let mut docs = super::docs(a, meta)?;
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
    let mut form_rows = triples(&forms.forms, FORM_COLUMNS)?;
    let mut spelling_rows = triples(&forms.spellings, SPELLING_COLUMNS)?;
    let create = |name: &str| {
        let path = dir.join(name);
        std::fs::File::create(&path)
            .map(std::io::BufWriter::new)
            .map_err(|e| Error::Write { path, source: e })
    };
    for (name, df) in [
        (FILES[0], &mut docs),
        (FILES[2], &mut form_rows),
        (FILES[3], &mut spelling_rows),
    ] {
        crate::out::parquet::write(create(name)?, df)?;
    }
    // The per-document rows, the largest file, a few hundred documents at a time.
    let mut pieces = (0..a.docs.len().max(1))
        .step_by(TERM_PIECE)
        .map(|from| terms_rows(a, from..(from + TERM_PIECE).min(a.docs.len())));
    let first = pieces.next().unwrap_or_else(|| terms_rows(a, 0..0))?;
    let mut w = crate::out::parquet::Writer::new(create(FILES[1])?, first.schema())?;
    w.write_all(std::iter::once(Ok(first)).chain(pieces))?;
    w.finish()?;
    let not_read: Vec<serde_json::Value> = not_read
        .iter()
        .map(|p| serde_json::json!({ "problem": p.problem, "warning": p.warning }))
        .collect();
    let mut about = serde_json::json!({
        "format": HEADER,
        "options": fingerprint,
        "documents": a.docs.len(),
        "not_read": not_read,
    });
    about["keep_ext"] = serde_json::json!(keep_ext);
    if let Some(name) = corpus {
        about["corpus"] = serde_json::json!(name);
    }
    let about = about.to_string() + "\n";
    std::fs::write(dir.join(ABOUT), about).map_err(|e| Error::Write {
        path: dir.join(ABOUT),
        source: e,
    })?;
    Ok(())
}

/// Documents whose `terms.parquet` rows are built and written at once.
const TERM_PIECE: usize = 256;

/// The `terms.parquet` rows of documents `docs`: doc, term, count, quoted, scare.
fn terms_rows(a: &Analysis, docs: std::ops::Range<usize>) -> Result<DataFrame> {
    let n: usize = docs.clone().map(|d| a.doc_terms.rows(d)).sum();
    let mut doc = Vec::with_capacity(n);
    let mut term = Vec::with_capacity(n);
    let mut numbers = [(); 3].map(|_| Vec::with_capacity(n));
    for (d, counts) in a.docs[docs.clone()]
        .iter()
        .zip(docs.map(|d| a.doc_terms.get(d)))
    {
        for c in counts {
            doc.push(d.id.as_str());
            term.push(a.terms[c.term as usize].term.as_str());
            for (v, x) in numbers.iter_mut().zip([c.count, c.quoted, c.scare]) {
                v.push(x as u64);
            }
        }
    }
    let [count, quoted, scare] = numbers;
    let [d, t, c, q, s] = TERM_COLUMNS;
    Ok(DataFrame::new_infer_height(vec![
        Column::new(d.into(), doc),
        Column::new(t.into(), term),
        Column::new(c.into(), count),
        Column::new(q.into(), quoted),
        Column::new(s.into(), scare),
    ])?)
}

/// The signature of the stopword list the counts in `dir` were made with
/// ([`crate::text::Stopwords::signature`]), as their counts.json records it.
pub fn stopwords_signature(dir: &Path) -> Result<String> {
    let made = fingerprint(dir)?;
    Ok(made_with(&made, "stopwords").unwrap_or("").to_string())
}

/// The value of option `key` in what counts say they were made with (`lang en; stem true`).
fn made_with<'a>(made: &'a str, key: &str) -> Option<&'a str> {
    made.split("; ")
        .find_map(|kv| kv.strip_prefix(key)?.strip_prefix(' '))
}

/// What a counts folder says it was made with.
fn fingerprint(dir: &Path) -> Result<String> {
    Ok(about(dir)?["options"].as_str().unwrap_or("").to_string())
}

/// An input that was not read, or was skipped, when a part was counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotRead {
    /// The problem as it was told (the file, what went wrong, what to do).
    pub problem: String,
    /// Only a warning (a file skipped), not an error.
    pub warning: bool,
}

/// The inputs that were not read (or were skipped) when the counts in `dir` were made.
pub fn not_read(dir: &Path) -> Result<Vec<NotRead>> {
    let about = about(dir)?;
    let list = about["not_read"].as_array().map_or(&[][..], |v| &v[..]);
    Ok(list
        .iter()
        .map(|p| NotRead {
            problem: p["problem"].as_str().unwrap_or("").to_string(),
            warning: p["warning"].as_bool().unwrap_or(false),
        })
        .collect())
}

/// The counts folder's [`ABOUT`], checked to be of this format.
fn about(dir: &Path) -> Result<serde_json::Value> {
    if let Err(e) = std::fs::metadata(dir) {
        return Err(Error::Read {
            path: dir.to_path_buf(),
            source: e,
        });
    }
    let path = dir.join(ABOUT);
    let text = std::fs::read_to_string(&path).map_err(|_| {
        Error::Invalid(format!(
            "{}: not a counts folder (no {ABOUT}; make one with `verbale counts PATH... -o DIR`)",
            dir.display()
        ))
    })?;
    let about: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
        Error::DamagedCounts(format!(
            "{}: not valid JSON ({e}); the folder was cut short or edited: count the part again",
            path.display()
        ))
    })?;
    if about["format"] != HEADER {
        return Err(Error::Invalid(format!(
            "{}: written by another version of verbale's counts (its format is not '{HEADER}')",
            path.display()
        )));
    }
    Ok(about)
}

/// The name of the corpus whose part the counts in `dir` are (counted with `--root`), if
/// they say.
pub fn corpus(dir: &Path) -> Option<String> {
    about(dir).ok()?["corpus"].as_str().map(str::to_string)
}

/// The options the counts in `dir` were made with, as far as a report or a trend needs: the
/// language, stemming and its rules, and how hyphens and apostrophes were split (the
/// stopwords and phrases are the counts' own and are not needed again).
pub fn options(dir: &Path) -> Result<analysis::Options> {
    let made = fingerprint(dir)?;
    let value = |key: &str| {
        made_with(&made, key).ok_or_else(|| {
            Error::Invalid(format!(
                "{}: its {ABOUT} does not say '{key}' ({made})",
                dir.display()
            ))
        })
    };
    let mut o = analysis::Options::new(crate::text::Lang::parse(value("lang")?)?);
    o.stem = value("stem")? == "true";
    o.rules = crate::text::Rules::parse(&value("rules")?.to_lowercase())?;
    o.tokenize.split_hyphens = value("split hyphens")? == "true";
    o.tokenize.split_apostrophes = value("split apostrophes")? == "true";
    o.min_scare = value("min confidence")?.parse().unwrap_or(0.0);
    Ok(o)
}

/// The fields of two parts' documents, one under the other, lined up by name: a field one part
/// lacks is null there, and a field whose values are numbers in one part and text in the
/// other becomes text in both.
fn stack_fields(top: DataFrame, bottom: DataFrame) -> Result<DataFrame> {
    let mut names: Vec<PlSmallStr> = top.get_column_names_owned();
    for n in bottom.get_column_names_owned() {
        if !names.contains(&n) {
            names.push(n);
        }
    }
    // A column with no value (a part with no documents, a field no document of the part has)
    // has no type to give: the other part's type is taken.
    let dtype = |df: &DataFrame, n: &PlSmallStr| {
        df.column(n)
            .ok()
            .filter(|c| c.null_count() < c.len())
            .map(|c| c.dtype().clone())
    };
    // Each field's type, decided once for both parts: the type of the part that has values,
    // String when both have values of different types, else the type either part says.
    let raw = |df: &DataFrame, n: &PlSmallStr| {
        df.column(n)
            .ok()
            .map(|c| c.dtype().clone())
            .filter(|t| *t != DataType::Null)
    };
    let types: Vec<DataType> = names
        .iter()
        .map(|n| match (dtype(&top, n), dtype(&bottom, n)) {
            (Some(a), Some(b)) if a != b => DataType::String,
            (Some(a), _) | (None, Some(a)) => a,
            (None, None) => match (raw(&top, n), raw(&bottom, n)) {
                (Some(a), Some(b)) if a != b => DataType::String,
                (Some(a), _) | (None, Some(a)) => a,
                (None, None) => DataType::String,
            },
        })
        .collect();
    let lined = |df: &DataFrame| -> Result<DataFrame> {
        let cols = names
            .iter()
            .zip(&types)
            .map(|(n, want)| {
                Ok(match df.column(n) {
                    Ok(c) => c.cast(want)?,
                    Err(_) => Column::full_null(n.clone(), df.height(), want),
                })
            })
            .collect::<Result<Vec<Column>>>()?;
        Ok(DataFrame::new(df.height(), cols)?)
    };
    let mut stacked = lined(&top)?;
    stacked.vstack_mut(&lined(&bottom)?)?;
    Ok(stacked)
}

/// The refusal of parts counted with different options: only the options that differ, each
/// with both parts' whole values ("stopwords: 174 words, e844… and numbers in a, 174 words,
/// e844… in b"), and what to do when the phrase lists differ.
fn differ<'a>(first: &'a str, at: &Path, fp: &'a str, dir: &Path) -> Error {
    // Each option by its name (those of the analysis, and the part's `section`, a reading
    // option), so that an option one part does not record is told, not compared with the
    // next one.
    let parse = |fp: &'a str| -> Vec<(&'a str, &'a str)> {
        fp.split("; ")
            .map(|kv| {
                let name = analysis::FINGERPRINT_NAMES
                    .iter()
                    .find(|k| kv.starts_with(*k))
                    .copied()
                    .unwrap_or_else(|| kv.split(' ').next().unwrap_or(""));
                (name, kv[name.len().min(kv.len())..].trim())
            })
            .collect()
    };
    let (a, b) = (parse(first), parse(fp));
    let get = |list: &[(&'a str, &'a str)], name: &str| {
        list.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
    };
    let mut names: Vec<&str> = a.iter().map(|(n, _)| *n).collect();
    names.extend(b.iter().map(|(n, _)| *n).filter(|n| get(&a, n).is_none()));
    let unrecorded = "not recorded (an earlier verbale)";
    let options: Vec<(&str, &str, &str)> = names
        .into_iter()
        .map(|n| (n, get(&a, n), get(&b, n)))
        .filter(|(_, x, y)| x != y)
        .map(|(n, x, y)| (n, x.unwrap_or(unrecorded), y.unwrap_or(unrecorded)))
        .collect();
    let listed: Vec<String> = options
        .iter()
        .map(|(name, x, y)| format!("{name}: {x} in {}, {y} in {}", at.display(), dir.display()))
        .collect();
    // Phrase lists are recorded by their phrases ("62 phrases, 1f…"); an earlier verbale
    // recorded them by their file.
    let earlier = options
        .iter()
        .any(|o| o.1 == unrecorded || o.2 == unrecorded);
    let hint = match options.iter().find(|o| o.0 == "phrases") {
        _ if earlier => {
            " (a part was counted by an earlier verbale, whose counts this one does not add to \
             its own: count every part again with this one)"
        }
        Some((_, x, y))
            if [x, y]
                .iter()
                .any(|v| **v != "none" && !v.contains(" phrases, ")) =>
        {
            " (a part was counted by an earlier verbale, which recorded a phrase list by its \
             file: count it again)"
        }
        Some(_) => {
            " (--compound-top chooses its pairs from each part's own texts: choose them once, \
             over the whole corpus, and count every part with the same --phrases FILE)"
        }
        None => "",
    };
    if listed.is_empty() {
        // The same options written otherwise (an option recorded twice).
        return Error::Invalid(format!(
            "parts counted by different versions of verbale ({} and {} record different \
             options): count every part again with this one",
            at.display(),
            dir.display()
        ));
    }
    Error::Invalid(format!(
        "parts counted with different options ({}): count every part alike{hint}",
        listed.join("; ")
    ))
}

/// Refuses a part counted with `--keep-ext` (`keep_ext`, as its counts.json records it; an
/// earlier verbale's part says nothing) when a part before it was not, or the other way round:
/// their documents' names would not join. `first` holds the first part's way, and the part.
fn check_extensions(
    keep_ext: Option<bool>,
    dir: &Path,
    first: &mut Option<(bool, PathBuf)>,
) -> Result<()> {
    let Some(this) = keep_ext else {
        return Ok(());
    };
    match first {
        None => *first = Some((this, dir.to_path_buf())),
        Some((way, at)) if *way != this => {
            let (with, without) = if this { (dir, &**at) } else { (&**at, dir) };
            return Err(Error::Invalid(format!(
                "{} was counted with --keep-ext (its documents named with their files' \
                 extensions) and {} without: count every part with the same --keep-ext",
                with.display(),
                without.display()
            )));
        }
        _ => {}
    }
    Ok(())
}

/// Reads counts folders (parts of one corpus, in order) into one analysis, with the
/// documents' fields (a row per document). Parts made with different options, or holding the
/// same document twice, are refused.
pub fn read(dirs: &[PathBuf]) -> Result<(Analysis, DataFrame, Vec<String>)> {
    let mut made_with: Option<(String, &PathBuf)> = None;
    // Each part's fields, to name a part that lacks fields the others have.
    let mut part_fields: Vec<(&PathBuf, Vec<String>)> = Vec::new();
    let mut docs: Vec<DocResult> = Vec::new();
    let mut counts: Vec<Vec<analysis::TermCount>> = Vec::new();
    let mut terms = analysis::TermIds::default();
    let mut forms = FormTotals::default();
    let mut fields: Option<DataFrame> = None;
    let mut seen: ahash::AHashMap<String, Option<PathBuf>> = ahash::AHashMap::new();
    // Whether the first part's documents are named with their files' extensions, and it.
    let mut with_ext: Option<(bool, PathBuf)> = None;
    let mut seen_paths: ahash::AHashMap<PathBuf, String> = ahash::AHashMap::new();
    for dir in dirs {
        let about = about(dir)?;
        let fp = about["options"].as_str().unwrap_or("").to_string();
        match &made_with {
            Some((first, at)) if *first != fp => return Err(differ(first, at, &fp, dir)),
            None => made_with = Some((fp, dir)),
            _ => {}
        }
        let part = read_part(dir, about["documents"].as_u64(), &mut terms)?;
        for d in &part.docs {
            let Some(earlier) = seen.insert(d.id.clone(), d.path.clone()) else {
                continue;
            };
            // Two files of one name in different folders, each counted alone: a run over
            // both reads them as `speech` and `speech#2`, and a corpus root names them apart.
            // (The same file counted from two working folders is one document.)
            if let (Some(a), Some(b)) = (&earlier, &d.path) {
                let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
                    (Ok(x), Ok(y)) => x == y,
                    _ => a.components().eq(b.components()),
                };
                if !same(a, b) {
                    return Err(Error::Invalid(format!(
                        "two documents are named '{}': {} and {} (in {}); count the parts with \
                         --root and the corpus's folder, which names each document by its path \
                         under it",
                        d.id,
                        a.display(),
                        b.display(),
                        dir.display()
                    )));
                }
            }
            return Err(Error::Invalid(format!(
                "document '{}' is in two parts (again in {}): count each document once",
                d.id,
                dir.display()
            )));
        }
        // The same file under another name (a part counted with --keep-ext or --root, the
        // other without): its path gives it away.
        for d in &part.docs {
            let Some(path) = &d.path else { continue };
            let key = path.components().collect::<PathBuf>();
            let id = seen_paths.entry(key).or_insert_with(|| d.id.clone());
            if *id != d.id {
                return Err(Error::Invalid(format!(
                    "{} is in two parts, as '{id}' and as '{}' (in {}): count each document \
                     once, and every part with the same --keep-ext and --root",
                    path.display(),
                    d.id,
                    dir.display()
                )));
            }
        }
        check_extensions(about["keep_ext"].as_bool(), dir, &mut with_ext)?;
        if !part.docs.is_empty() {
            part_fields.push((
                dir,
                part.fields
                    .get_column_names()
                    .iter()
                    .map(|c| c.to_string())
                    .filter(|c| c != "doc")
                    .collect(),
            ));
        }
        docs.extend(part.docs);
        counts.extend(part.counts);
        forms.forms.extend(part.forms.forms);
        forms.spellings.extend(part.forms.spellings);
        fields = Some(match fields {
            None => part.fields,
            Some(f) => stack_fields(f, part.fields).map_err(|e| {
                Error::Invalid(format!(
                    "{}: its documents' fields cannot be put under the earlier parts' ({e})",
                    dir.display()
                ))
            })?,
        });
    }
    if made_with.is_none() {
        return Err(Error::NoDocuments("no counts folder given".into()));
    }
    let a = analysis::from_counts(docs, counts, terms, &forms);
    Ok((a, fields.unwrap_or_default(), missing_fields(&part_fields)))
}

/// A note per part whose documents lack fields that other parts' documents have (a part
/// counted with `--no-meta`, or from a folder without its manifest): its documents have no
/// value there.
fn missing_fields(parts: &[(&PathBuf, Vec<String>)]) -> Vec<String> {
    let mut all: Vec<&String> = Vec::new();
    for f in parts.iter().flat_map(|(_, f)| f) {
        if !all.contains(&f) {
            all.push(f);
        }
    }
    parts
        .iter()
        .filter_map(|(dir, have)| {
            let lacks: Vec<&str> = all
                .iter()
                .filter(|f| !have.contains(f))
                .map(|f| f.as_str())
                .collect();
            (!lacks.is_empty()).then(|| {
                format!(
                    "{}: its documents have no {} {}, which other parts have (was it counted \
                     with --no-meta, or without its manifest?); they have no value there",
                    dir.display(),
                    if lacks.len() == 1 { "field" } else { "fields" },
                    crate::meta::listed(&lacks.iter().map(|s| s.to_string()).collect::<Vec<_>>())
                )
            })
        })
        .collect()
}
