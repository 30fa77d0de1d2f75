//! Document metadata: fields from file names (a pattern such as `{country}_{session}_{year}`),
//! folders, manifests (CSV, TSV or Parquet, joined on file name or document id; a
//! `manifest.csv` beside the files is found on its own) and Markdown front matter; filters over
//! them (SQL `WHERE` conditions, read by `condition`) and groups of documents by their values.

mod condition;
mod filter;
mod manifest;
mod plan;
mod sidecars;

use manifest::manifest_fields;

pub use filter::{
    case_hint, filter, group, is_time_field, likely_fields, range_hint, value_name, why_none,
    Grouping, FILE_GROUP_FIELDS, MAX_LIKELY_GROUPS,
};
pub use plan::{analyse, analyse_also, choose, Chosen, Plan, Planned};

use crate::corpus::Found;
use crate::error::{Error, Result};
use polars::prelude::*;
use std::path::{Path, PathBuf};

/// Where metadata comes from.
#[derive(Debug, Clone, Default)]
pub struct MetaOptions {
    /// A file-name pattern: `{field}` for a field, `{field:int}`, `{field:date:%Y-%m-%d}`,
    /// literal text between (`{country}_{session}_{year}`).
    pub name_pattern: Option<String>,
    /// Manifests to join (CSV, TSV or Parquet).
    pub manifests: Vec<PathBuf>,
    /// Use a `manifest.csv` found in an input folder.
    pub auto_manifest: bool,
    /// A file name the pattern does not match, or a value that is not of its declared type,
    /// leaves the field empty (null) for that file, with a warning, instead of failing.
    pub lenient: bool,
    /// The size limit documents are read under (`LoadOptions::max_bytes`; `None`: the
    /// default), which bounds reading their metadata too.
    pub max_bytes: Option<u64>,
    /// The files are one part of the corpus the manifests describe (`counts --root`): rows
    /// that name no file read are the other parts', and no warning.
    pub part: bool,
}

/// The metadata of a corpus's files.
#[derive(Debug, Clone)]
pub struct Metadata {
    /// One row per file, in the files' order: `doc`, `path`, then every field.
    pub frame: DataFrame,
    /// The fields, in column order.
    pub fields: Vec<String>,
    /// What a reader should know: manifests used, rows that match no file, files no row names.
    pub notes: Vec<String>,
    /// The fields were read from counts folders (`--from-counts`): they were given, or not,
    /// when the parts were counted.
    pub counted: bool,
    /// The fields only the files' own properties gave (a PDF's or Word file's `author`, the
    /// `format`), not a manifest or the file names.
    pub from_files: Vec<String>,
}

/// One field's values as read, one per file (`None`: not given for that file).
struct Column {
    name: String,
    values: Vec<Option<String>>,
    /// Declared type from the pattern (`int`, `date`), if any.
    kind: Option<String>,
}

impl Metadata {
    /// Whether there are any fields.
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// The field names, joined for messages.
    pub fn field_list(&self) -> String {
        if self.fields.is_empty() && self.counted {
            "none (fields come with the counts: count the parts with a file-name pattern, a \
             manifest, or --root and the corpus's folder when its manifest.csv is there)"
                .into()
        } else if self.fields.is_empty() {
            "none (give a file-name pattern or a manifest)".into()
        } else {
            self.fields.join(", ")
        }
    }
}

/// Gathers the metadata of `files` (found under `inputs`).
pub fn gather(files: &Found, inputs: &[PathBuf], o: &MetaOptions) -> Result<Metadata> {
    let mut columns: Vec<Column> = Vec::new();
    // Each column's source, for the notes of a field given twice.
    let mut given: Vec<String> = Vec::new();
    let mut notes = Vec::new();
    if files.iter().any(|(id, _)| id.contains('/')) {
        columns.push(Column {
            name: "folder".into(),
            values: files
                .iter()
                .map(|(id, _)| Some(id.rsplit_once('/').map_or("", |(f, _)| f).to_string()))
                .collect(),
            kind: None,
        });
        given.push("the files' folders".into());
    }
    if let Some(p) = &o.name_pattern {
        let (cols, skipped) = name_fields(files, p, o.lenient)?;
        if !skipped.is_empty() {
            notes.push(format!(
                "warning: {} with file-name fields left empty: {}",
                count_files(skipped.len()),
                listed(&skipped)
            ));
        }
        add(&mut columns, &mut given, cols, "--meta-name", &mut notes);
    }
    let front = front_matter(files);
    add(
        &mut columns,
        &mut given,
        front,
        "the texts' front matter",
        &mut notes,
    );
    let (from_manifests, from) = manifests(files, inputs, o, &mut notes)?;
    add(&mut columns, &mut given, from_manifests, &from, &mut notes);
    // The files' own metadata comes last and only fills fields no other source gave: what
    // `extract` wrote beside a text, else what a PDF, Word file or web page holds.
    let limit = o.max_bytes.unwrap_or(crate::corpus::DEFAULT_MAX_BYTES);
    let own = own_fields(files, limit);
    let mut from_files = Vec::new();
    for c in own {
        if !columns.iter().any(|x| x.name == c.name) {
            from_files.push(c.name.clone());
            columns.push(c);
        }
    }
    derive_dates(&mut columns);
    derive_decade(&mut columns);
    let fields: Vec<String> = columns.iter().map(|c| c.name.clone()).collect();
    let mut frame_cols = vec![
        polars::prelude::Column::new(
            "doc".into(),
            files.iter().map(|(id, _)| id.as_str()).collect::<Vec<_>>(),
        ),
        polars::prelude::Column::new(
            "path".into(),
            files
                .iter()
                .map(|(_, p)| p.as_ref().map(|p| p.display().to_string()))
                .collect::<Vec<_>>(),
        ),
    ];
    for c in columns {
        notes.extend(mostly_numbers(&c, files));
        frame_cols.push(typed(c)?);
    }
    Ok(Metadata {
        frame: DataFrame::new_infer_height(frame_cols)?,
        fields,
        notes,
        counted: false,
        from_files,
    })
}

/// The manifests of a run, each with the folder it describes (none: every file) and whether
/// it is beside files named one by one: those `--meta` names, then a `manifest.csv` in each
/// input folder or beside each file named (said in `notes`).
fn find_manifests<'a>(
    inputs: &'a [PathBuf],
    o: &MetaOptions,
    notes: &mut Vec<String>,
) -> Vec<(PathBuf, Option<&'a Path>, bool)> {
    let mut manifests: Vec<(PathBuf, Option<&'a Path>, bool)> = o
        .manifests
        .iter()
        .map(|m| (m.clone(), None, false))
        .collect();
    if o.auto_manifest {
        for i in inputs {
            let (dir, beside) = match i.parent() {
                _ if i.is_dir() => (i.as_path(), false),
                Some(parent) if i.is_file() => (parent, true),
                _ => continue,
            };
            let m = dir.join("manifest.csv");
            if manifests.iter().any(|(x, _, _)| *x == m) {
                continue;
            }
            let is_manifest = i.file_name().is_some_and(|n| n == "manifest.csv");
            if m.is_file() && !is_manifest {
                notes.push(format!(
                    "metadata from {} (leave it out with --no-meta)",
                    crate::error::shown(&m)
                ));
                manifests.push((m, Some(dir), beside));
            }
        }
    }
    manifests
}

/// The files' own fields: what `extract` wrote beside a text (`ID.meta.tsv`), else what a
/// PDF, Word file or web page holds.
fn own_fields(files: &Found, limit: u64) -> Vec<Column> {
    let mut own = sidecars::extracted(files);
    for c in file_metadata(files, limit) {
        match own.iter_mut().find(|x| x.name == c.name) {
            Some(x) => {
                for (v, w) in x.values.iter_mut().zip(c.values) {
                    if v.is_none() {
                        *v = w;
                    }
                }
            }
            None => own.push(c),
        }
    }
    own
}

/// The fields of the manifests that describe `files` (found under `inputs`), and the
/// manifests as notes name a source of fields (their paths: `ungd/manifest.csv`).
fn manifests(
    files: &Found,
    inputs: &[PathBuf],
    o: &MetaOptions,
    notes: &mut Vec<String>,
) -> Result<(Vec<Column>, String)> {
    // Manifests named by --manifest describe every file; one found in an input folder
    // describes that folder's files (two folders, two manifests: each its own).
    // A file named on its own (`ungd/RUS_*.txt`, as a shell glob gives them) is described by
    // the manifest beside it, whose other rows are not warned of: they were not chosen.
    let manifests = find_manifests(inputs, o, notes);
    let mut from_manifests: Vec<Column> = Vec::new();
    for (m, scope, beside) in &manifests {
        // Beside files named one by one, the manifest's other rows were not chosen, and one
        // that names none of them (a file added after it) is said, not an error.
        let part = o.part || *beside;
        let (cols, mut n) = match scope {
            None => manifest_fields(files, m, part)?,
            Some(dir) => {
                let mine: Vec<usize> = (0..files.len())
                    .filter(|&k| files[k].1.as_ref().is_some_and(|p| in_folder(p, dir)))
                    .collect();
                let sub: Found = mine.iter().map(|&k| files[k].clone()).collect();
                let (cols, n) = match manifest_fields(&sub, m, part) {
                    Err(Error::Invalid(why)) if *beside => {
                        notes.push(format!("warning: {why}; its fields are left out"));
                        (Vec::new(), Vec::new())
                    }
                    r => r?,
                };
                let spread = cols.into_iter().map(|c| spread(c, &mine, files.len()));
                (spread.collect(), n)
            }
        };
        notes.append(&mut n);
        fill(&mut from_manifests, cols, notes);
    }
    let named: Vec<String> = manifests
        .iter()
        .map(|(m, _, _)| m.display().to_string())
        .collect();
    Ok((from_manifests, named.join(", ")))
}

/// Whether file `p` is under folder `dir` (the current folder when `dir` is empty: a file
/// named without a folder).
fn in_folder(p: &Path, dir: &Path) -> bool {
    if dir.as_os_str().is_empty() {
        return p.parent().is_none_or(|q| q.as_os_str().is_empty());
    }
    p.starts_with(dir)
}

/// Adds the fields of source `from` (said in notes: `--meta-name`, `ungd/manifest.csv`),
/// leaving out (with a note naming both sources) one already given by an
/// earlier source; `given` holds each column's source.
fn add(
    columns: &mut Vec<Column>,
    given: &mut Vec<String>,
    new: Vec<Column>,
    from: &str,
    notes: &mut Vec<String>,
) {
    given.resize(columns.len(), String::new());
    for c in new {
        if c.name == "doc" || c.name == "path" {
            notes.push(format!(
                "a field named '{}' is left out: the name is taken by verbale's own column",
                c.name
            ));
        } else if let Some(k) = columns.iter().position(|x| x.name == c.name) {
            let first = match given[k].as_str() {
                "" => "an earlier source",
                g => g,
            };
            notes.push(format!(
                "field '{}' is given by {first} and by {from}; the values of {first} are kept",
                c.name
            ));
        } else {
            columns.push(c);
            given.push(from.to_string());
        }
    }
}

/// A column of some files (`of[k]` is the file of its k-th value) as a column of all `n`.
fn spread(c: Column, of: &[usize], n: usize) -> Column {
    let mut values = vec![None; n];
    for (v, &k) in c.values.into_iter().zip(of) {
        values[k] = v;
    }
    Column { values, ..c }
}

/// Adds the fields of one manifest to those of the manifests before it: a field already given
/// gets the values it lacks (each manifest names its own files); where two manifests give one
/// file different values, the first is kept, with a note.
fn fill(columns: &mut Vec<Column>, new: Vec<Column>, notes: &mut Vec<String>) {
    for c in new {
        let Some(old) = columns.iter_mut().find(|x| x.name == c.name) else {
            columns.push(c);
            continue;
        };
        let mut differ = 0;
        for (o, v) in old.values.iter_mut().zip(c.values) {
            match (o.as_ref(), v) {
                (None, v) => *o = v,
                (Some(a), Some(b)) if *a != b => differ += 1,
                _ => {}
            }
        }
        if differ > 0 {
            notes.push(format!(
                "field '{}': two manifests give {} different values; the first is kept",
                c.name,
                count_files(differ)
            ));
        }
    }
}

/// A `year` and a `month` (`2024-02`) field from an ISO `date` field, when none is given.
fn derive_dates(columns: &mut Vec<Column>) {
    let Some(date) = columns.iter().find(|c| c.name == "date") else {
        return;
    };
    let iso =
        |v: &str| chrono::NaiveDate::parse_from_str(v.get(..10).unwrap_or(v), "%Y-%m-%d").ok();
    if !date.values.iter().flatten().all(|v| iso(v).is_some()) {
        return;
    }
    use chrono::Datelike;
    let parts = |f: &dyn Fn(chrono::NaiveDate) -> String| -> Vec<Option<String>> {
        date.values
            .iter()
            .map(|v| v.as_deref().and_then(iso).map(f))
            .collect()
    };
    // The month with its year (`2024-02`), so that a trend by month runs through the years
    // instead of adding every February together; as text it sorts in time.
    let year = parts(&|d| d.year().to_string());
    let month = parts(&|d| format!("{}-{:02}", d.year(), d.month()));
    for (name, values, kind) in [("year", year, Some("int")), ("month", month, None)] {
        if !columns.iter().any(|c| c.name == name) {
            columns.push(Column {
                name: name.into(),
                values,
                kind: kind.map(Into::into),
            });
        }
    }
}

/// A `decade` field (1990 for 1990 to 1999) from a `year` field of whole numbers, when none is
/// given: a trend over an uneven sample of years (`--by decade`) reads more steadily.
fn derive_decade(columns: &mut Vec<Column>) {
    if columns.iter().any(|c| c.name == "decade") {
        return;
    }
    let Some(year) = columns.iter().find(|c| c.name == "year") else {
        return;
    };
    // A missing value (`NA`, empty) has no decade; every year given is a number.
    fn given(v: &Option<String>) -> Option<&str> {
        v.as_deref().filter(|v| !missing_value(v))
    }
    let years: Vec<Option<i64>> = year
        .values
        .iter()
        .map(|v| given(v).and_then(|v| v.trim().parse::<i64>().ok()))
        .collect();
    let numbers = year
        .values
        .iter()
        .zip(&years)
        .all(|(v, y)| given(v).is_none() || y.is_some());
    if !numbers || years.iter().all(Option::is_none) {
        return;
    }
    let values = years
        .iter()
        .map(|y| y.map(|y| (y.div_euclid(10) * 10).to_string()))
        .collect();
    columns.push(Column {
        name: "decade".into(),
        values,
        kind: Some("int".into()),
    });
}

/// R's and pandas' missing-value markers (`NA`, `n/a`, `NaN`, `null`, `-`, empty).
fn missing_value(v: &str) -> bool {
    matches!(
        v.trim().to_ascii_lowercase().as_str(),
        "na" | "n/a" | "nan" | "null" | "none" | "-" | ""
    )
}

/// A warning for a field read as text because a few of its values are not numbers where the
/// rest are (`20x6` among years): it would compare, sort and group as text without a word.
fn mostly_numbers(c: &Column, files: &Found) -> Option<String> {
    if c.kind.is_some() {
        return None; // a pattern's declared type: typed() says what does not fit
    }
    let values = c.values.iter().enumerate();
    let given: Vec<(usize, &str)> = values
        .filter_map(|(k, v)| v.as_deref().filter(|v| !missing_value(v)).map(|v| (k, v)))
        .collect();
    let not: Vec<(usize, &str)> = given
        .iter()
        .copied()
        .filter(|(_, v)| v.trim().parse::<f64>().is_err())
        .collect();
    let numbers = given.len() - not.len();
    if not.is_empty() || numbers <= not.len() || (not.len() > 3 && not.len() * 10 > given.len()) {
        return None;
    }
    let shown: Vec<String> = not
        .iter()
        .take(3)
        .map(|&(k, v)| format!("'{v}' ({})", files[k].0))
        .collect();
    let more = match not.len() {
        n if n > 3 => format!(" and {} more", n - 3),
        _ => String::new(),
    };
    Some(format!(
        "warning: field '{}' is read as text: {} of its {} values {} not a number: {}{more}; \
         correct {} to compare, sort and group it as numbers",
        c.name,
        not.len(),
        given.len(),
        if not.len() == 1 { "is" } else { "are" },
        shown.join(", "),
        if not.len() == 1 { "it" } else { "them" },
    ))
}

/// A polars column from a field's values: integers, numbers or text, as the values allow (or
/// as the pattern declared).
/// A column whose values are all numbers reads R's and pandas' missing-value markers as
/// missing (`NA`, `n/a`, `NaN`, `null`, `-`); a column of text keeps them (`NA` is Namibia).
/// A value of three or more digits with a leading zero (`004`, a code) keeps the column text;
/// `05` (a session, a month) is still a number.
fn typed(mut c: Column) -> Result<polars::prelude::Column> {
    let name: PlSmallStr = c.name.as_str().into();
    let number = |v: &str| {
        let digits = v.trim().trim_start_matches('-');
        let coded = digits.len() > 2 && digits.starts_with('0') && !digits.starts_with("0.");
        !coded && !v.starts_with('+') && v.trim().parse::<f64>().is_ok_and(f64::is_finite)
    };
    let numbers = c.values.iter().flatten().filter(|v| !missing_value(v));
    if numbers.clone().next().is_some() && numbers.clone().all(|v| number(v)) {
        for v in &mut c.values {
            if v.as_deref().is_some_and(missing_value) {
                *v = None;
            }
        }
    }
    let all = |f: &dyn Fn(&str) -> bool| c.values.iter().flatten().all(|v| f(v));
    let any = c.values.iter().flatten().next().is_some();
    let int = c.kind.as_deref() == Some("int")
        || (any && all(&|v| number(v) && v.trim().parse::<i64>().is_ok()));
    if int {
        let mut ints = Vec::with_capacity(c.values.len());
        for v in &c.values {
            ints.push(match v {
                None => None,
                Some(v) => Some(v.trim().parse::<i64>().map_err(|_| {
                    Error::Invalid(format!("field '{}': '{v}' is not a whole number", c.name))
                })?),
            });
        }
        return Ok(polars::prelude::Column::new(name, ints));
    }
    if any && all(&number) {
        let nums: Vec<Option<f64>> = c
            .values
            .iter()
            .map(|v| v.as_ref().and_then(|v| v.trim().parse().ok()))
            .collect();
        return Ok(polars::prelude::Column::new(name, nums));
    }
    Ok(polars::prelude::Column::new(name, c.values))
}

/// `1 file`, `12 files`.
fn count_files(n: usize) -> String {
    format!("{n} file{}", if n == 1 { "" } else { "s" })
}

/// The first few of a list of names and how many more: `a, b, c and 9 more`.
pub fn listed(names: &[String]) -> String {
    const SHOWN: usize = 3;
    let mut s = names
        .iter()
        .take(SHOWN)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > SHOWN {
        s.push_str(&format!(" and {} more", names.len() - SHOWN));
    }
    s
}

/// The fields a file-name pattern reads from each file's name (without extension), and, when
/// `lenient`, the files it could not read them from (their fields left null, with why).
fn name_fields(files: &Found, pattern: &str, lenient: bool) -> Result<(Vec<Column>, Vec<String>)> {
    let (re, fields) = pattern_regex(pattern)?;
    let mut columns: Vec<Column> = fields
        .iter()
        .map(|(name, kind)| Column {
            name: name.clone(),
            values: Vec::with_capacity(files.len()),
            kind: kind.clone(),
        })
        .collect();
    let mut skipped = Vec::new();
    for (id, path) in files {
        let stem = path
            .as_ref()
            .and_then(|p| p.file_stem())
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| id.rsplit('/').next().unwrap_or(id).to_string());
        let values = re
            .captures(&stem)
            .ok_or_else(|| {
                Error::Invalid(format!(
                    "{stem}: the file name does not match the pattern '{pattern}'"
                ))
            })
            .and_then(|caps| {
                let mut values = Vec::with_capacity(fields.len());
                for (name, kind) in &fields {
                    let mut v = caps.name(name).map(|m| m.as_str().to_string());
                    if let (Some(x), Some(k)) = (&v, kind) {
                        match check_value(&stem, name, x, k) {
                            Err(Error::Invalid(why)) => {
                                skipped.push(why);
                                v = None;
                            }
                            r => r?,
                        }
                    }
                    values.push(v);
                }
                Ok(values)
            });
        let values = match values {
            Ok(v) => v,
            Err(Error::Invalid(why)) => {
                skipped.push(why);
                vec![None; fields.len()]
            }
            Err(e) => return Err(e),
        };
        for (c, v) in columns.iter_mut().zip(values) {
            c.values.push(v);
        }
    }
    if !lenient && !skipped.is_empty() {
        return Err(Error::Invalid(match skipped.len() {
            1 => skipped.swap_remove(0),
            n => format!(
                "{n} file names do not match the pattern '{pattern}' or its types: {}",
                listed(&skipped)
            ),
        }));
    }
    // A date field keeps its text (`2021-01-22`); `year` and `month` are derived from it.
    for c in &mut columns {
        if c.kind.as_deref().is_some_and(|k| k.starts_with("date")) {
            c.kind = None;
        }
    }
    Ok((columns, skipped))
}

/// Checks a value against its declared type (`int`, `year`, `date:FORMAT`).
fn check_value(stem: &str, name: &str, v: &str, kind: &str) -> Result<()> {
    let ok = match kind {
        "int" | "year" => v.parse::<i64>().is_ok(),
        k if k.starts_with("date") => {
            let fmt = k.strip_prefix("date:").unwrap_or("%Y-%m-%d");
            chrono::NaiveDate::parse_from_str(v, fmt).is_ok()
        }
        _ => true,
    };
    if ok {
        Ok(())
    } else {
        let kind = match kind.strip_prefix("date:") {
            Some(f) => format!("date in the format {f}"),
            None => "whole number".to_string(),
        };
        Err(Error::Invalid(format!(
            "{stem}: field '{name}' is '{v}', which is not a {kind}"
        )))
    }
}

/// A file-name pattern's fields, each with its declared type (`int`, `year`, `date:%Y-%m-%d`).
type PatternFields = Vec<(String, Option<String>)>;

/// The regular expression of a file-name pattern, with its fields and their declared types.
fn pattern_regex(pattern: &str) -> Result<(regex::Regex, PatternFields)> {
    let bad = |why: &str| Error::Invalid(format!("file-name pattern '{pattern}': {why}"));
    let mut re = String::from("^");
    let mut fields = Vec::new();
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        re.push_str(&regex::escape(&rest[..open]));
        let close = rest[open..]
            .find('}')
            .ok_or_else(|| bad("a '{' is not closed"))?
            + open;
        let spec = &rest[open + 1..close];
        let (name, kind) = match spec.split_once(':') {
            // `{date:%Y-%m-%d}`: a date in that format.
            Some((n, k)) if k.starts_with('%') => (n, Some(format!("date:{k}"))),
            Some((n, k)) => (n, Some(k.to_string())),
            None => (spec, None),
        };
        if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '_') {
            return Err(bad(&format!("'{{{spec}}}' is not a field name")));
        }
        if fields.iter().any(|(n, _): &(String, _)| n == name) {
            return Err(bad(&format!("field '{name}' appears twice")));
        }
        let kind = kind.or_else(|| (name == "year").then(|| "year".into()));
        let group = match kind.as_deref() {
            Some("int" | "year") => r"[0-9]+",
            _ => ".+?",
        };
        re.push_str(&format!("(?P<{name}>{group})"));
        fields.push((name.to_string(), kind));
        rest = &rest[close + 1..];
    }
    re.push_str(&regex::escape(rest));
    re.push('$');
    if fields.is_empty() {
        return Err(bad("it has no {field}"));
    }
    let re = regex::Regex::new(&re).map_err(|e| bad(&e.to_string()))?;
    Ok((re, fields))
}

/// Fields from the YAML front matter of Markdown files (`---` lines around `key: value`).
fn front_matter(files: &Found) -> Vec<Column> {
    let found: Vec<Option<Vec<(String, String)>>> = files
        .iter()
        .map(|(_, path)| path.as_deref().and_then(read_front_matter))
        .collect();
    columns_of(found)
}

/// Fields a document's own file gives, for PDF, Word and web pages: title, author, date and
/// language (PDF Info, DOCX core properties, HTML meta), `format`, and a UN document's header
/// (`un_symbol`, `un_date`, `un_body`, `un_session`, `un_agenda`, ...). Read in parallel.
fn file_metadata(files: &Found, limit: u64) -> Vec<Column> {
    use crate::corpus::formats;
    use rayon::prelude::*;
    let found: Vec<Option<Vec<(String, String)>>> = files
        .par_iter()
        .map(|(_, path)| {
            let p = path.as_deref().filter(|p| formats::is_document_name(p))?;
            Some(formats::metadata(p, limit))
        })
        .collect();
    columns_of(found)
}

/// Columns from each file's `(field, value)` pairs (`None` for a file with none), in the order
/// fields are first met.
fn columns_of(found: Vec<Option<Vec<(String, String)>>>) -> Vec<Column> {
    let n = found.len();
    let mut columns: Vec<Column> = Vec::new();
    for (k, map) in found.into_iter().enumerate() {
        let Some(map) = map else {
            continue;
        };
        for (key, value) in map {
            let c = match columns.iter_mut().position(|c| c.name == key) {
                Some(i) => &mut columns[i],
                None => {
                    columns.push(Column {
                        name: key,
                        values: vec![None; n],
                        kind: None,
                    });
                    columns.last_mut().expect("just pushed")
                }
            };
            c.values[k] = Some(value);
        }
    }
    columns
}

/// The scalar entries of a Markdown file's front matter, in order.
fn read_front_matter(path: &Path) -> Option<Vec<(String, String)>> {
    let ext = path.extension()?.to_string_lossy().to_ascii_lowercase();
    if !matches!(ext.as_str(), "md" | "markdown") {
        return None;
    }
    use std::io::Read;
    let mut head = Vec::new();
    std::fs::File::open(path)
        .ok()?
        .take(65_536)
        .read_to_end(&mut head)
        .ok()?;
    let text = String::from_utf8_lossy(&head);
    let yaml = crate::corpus::front_matter(&text)?;
    let docs = yaml_rust2::YamlLoader::load_from_str(yaml).ok()?;
    let map = docs.first()?.as_hash()?;
    Some(
        map.iter()
            .filter_map(|(k, v)| {
                let key = k.as_str()?.trim().to_string();
                let value = match v {
                    yaml_rust2::Yaml::String(s) => s.clone(),
                    yaml_rust2::Yaml::Integer(i) => i.to_string(),
                    yaml_rust2::Yaml::Real(r) => r.clone(),
                    yaml_rust2::Yaml::Boolean(b) => b.to_string(),
                    _ => return None,
                };
                Some((key, value))
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(names: &[&str]) -> Found {
        names
            .iter()
            .map(|n| {
                (
                    n.trim_end_matches(".txt").to_string(),
                    Some(PathBuf::from(n)),
                )
            })
            .collect()
    }

    #[test]
    fn patterns_read_typed_fields_from_file_names() {
        let f = files(&["RUS_69_2014.txt", "UKR_77_2022.txt"]);
        let o = MetaOptions {
            name_pattern: Some("{country}_{session}_{year}".into()),
            ..Default::default()
        };
        let m = gather(&f, &[], &o).unwrap();
        // A decade is derived from the year.
        assert_eq!(m.fields, ["country", "session", "year", "decade"]);
        assert_eq!(m.frame.column("year").unwrap().dtype(), &DataType::Int64);
        let decades: Vec<Option<i64>> = m
            .frame
            .column("decade")
            .unwrap()
            .i64()
            .unwrap()
            .iter()
            .collect();
        assert_eq!(decades, [Some(2010), Some(2020)]);
        let keep = filter(&m, r#"year >= 2014 and country = "RUS""#).unwrap();
        assert_eq!(keep, [true, false]);
        let keep = filter(&m, "country IN ('RUS', 'UKR') AND session > 70").unwrap();
        assert_eq!(keep, [false, true]);
        let err = filter(&m, "region = 'Europe'").unwrap_err().to_string();
        assert!(
            err.contains("unknown field 'region'") && err.contains("country, session, year"),
            "{err}"
        );
        let g = group(&m, &["year".to_string()]).unwrap();
        assert_eq!(
            g.groups.iter().map(|x| x.0.as_str()).collect::<Vec<_>>(),
            ["2014", "2022"]
        );
        assert_eq!(g.of_file, [Some(0), Some(1)]);
    }

    #[test]
    fn dates_in_names_give_years_and_bad_names_are_refused() {
        let f = files(&["2021-01-22_readout.txt", "2024-11-05_statement.txt"]);
        let o = MetaOptions {
            name_pattern: Some("{date:%Y-%m-%d}_{slug}".into()),
            ..Default::default()
        };
        let m = gather(&f, &[], &o).unwrap();
        assert_eq!(filter(&m, "year = 2024").unwrap(), [false, true]);
        assert_eq!(filter(&m, "date < '2022-01-01'").unwrap(), [true, false]);
        let bad = files(&["notes.txt"]);
        let err = gather(&bad, &[], &o).unwrap_err().to_string();
        assert!(
            err.contains("notes: the file name does not match the pattern"),
            "{err}"
        );
        let f = files(&["2021-13-40_x.txt"]);
        let err = gather(&f, &[], &o).unwrap_err().to_string();
        assert!(
            err.contains("field 'date' is '2021-13-40', which is not a date"),
            "{err}"
        );
    }

    #[test]
    fn a_decade_comes_from_whole_years_and_skips_missing_ones() {
        let year = |v: &[Option<&str>]| Column {
            name: "year".into(),
            values: v.iter().map(|x| x.map(String::from)).collect(),
            kind: None,
        };
        let mut cols = vec![year(&[Some("1995"), Some("NA"), None, Some("2004")])];
        derive_decade(&mut cols);
        assert_eq!(
            cols[1].values,
            [
                Some("1990".to_string()),
                None,
                None,
                Some("2000".to_string())
            ]
        );
        // A year that is no number: no decade.
        let mut cols = vec![year(&[Some("1995"), Some("mid-90s")])];
        derive_decade(&mut cols);
        assert_eq!(cols.len(), 1);
    }
}
