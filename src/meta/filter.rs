//! Choosing and grouping documents by their metadata: SQL conditions and the values of fields.

use super::condition::{self, Value};
use super::Metadata;
use crate::error::{Error, Result};
use ahash::AHashMap;
use polars::prelude::*;

/// Which files a filter keeps: `expr` is an SQL condition over the fields
/// (`year >= 2014 AND country IN ('RUS', 'UKR')`; the language is in [`super::condition`]). A
/// double-quoted word that is not a field is taken for text (`country = "RUS"`), as people
/// write it.
pub fn filter(meta: &Metadata, expr: &str) -> Result<Vec<bool>> {
    let columns: Vec<String> = meta
        .frame
        .get_column_names()
        .iter()
        .map(|c| c.to_string())
        .collect();
    // Every column is a field here, `doc` and `path` too (`doc = 'AFG_60_2005'`).
    let mut fields = meta.field_list();
    if !meta.fields.is_empty() {
        fields.push_str(", and each document's doc and path");
    }
    let node = condition::parse(expr, &columns, &fields)?;
    let cols = meta.frame.columns();
    let mut row = vec![Value::Null; cols.len()];
    (0..meta.frame.height())
        .map(|i| {
            for (v, c) in row.iter_mut().zip(cols) {
                *v = value(&c.get(i)?);
            }
            condition::holds(&node, &row, expr)
        })
        .collect()
}

/// Why a condition that kept no document may have missed: a text in another case than the
/// field's ([`case_hint`]), a text no document has in the field it is compared with, with the
/// field's nearest values ([`absent_values`]), or a number outside a field's span
/// ([`range_hint`]).
pub fn why_none(meta: &Metadata, expr: &str) -> Option<String> {
    case_hint(meta, expr)
        .or_else(|| absent_values(meta, expr).into_iter().next())
        .or_else(|| range_hint(meta, expr))
}

/// The marks that quote text in `expr`: straight quotes when there are any (a curly
/// apostrophe inside one, `'Biden’s Call'`, is text), else curly ones.
fn quote_marks(expr: &str) -> &'static [char] {
    if expr.contains('\'') {
        &['\'']
    } else {
        &['‘', '’']
    }
}

/// Each quoted text of `expr` with the field named last before it (`country = 'RUS'`,
/// `country IN ('RUS', 'UKR')`), quoted as [`quote_marks`] says.
fn compared_texts(expr: &str) -> Vec<(Option<&str>, &str)> {
    let mut out = Vec::new();
    let mut field = None;
    for (k, part) in expr.split(quote_marks(expr)).enumerate() {
        if k % 2 == 1 {
            if !part.is_empty() {
                out.push((field, part));
            }
            continue;
        }
        let names = part.split(|c: char| !c.is_alphanumeric() && c != '_');
        let name = names.rev().find(|w| {
            !w.is_empty()
                && !["and", "or", "not", "in", "like", "is", "null", "between"]
                    .contains(&w.to_ascii_lowercase().as_str())
        });
        if name.is_some() {
            field = name;
        }
    }
    out
}

/// Per quoted text (no pattern) that no document has in the text field it is compared with:
/// how many values the field has and the three nearest to the text (`no document has country
/// 'SUN': country has 190 values, the nearest HUN, SDN, SEN`), so that a code the corpus
/// writes otherwise can be looked up.
pub fn absent_values(meta: &Metadata, expr: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (field, t) in compared_texts(expr) {
        let Some(name) = field.filter(|_| !t.contains(['%', '_'])) else {
            continue;
        };
        let Some(v) = meta.frame.column(name).ok().and_then(|c| c.str().ok()) else {
            continue;
        };
        let mut values: Vec<&str> = v.iter().flatten().collect();
        values.sort_unstable();
        values.dedup();
        if values.is_empty() || values.binary_search(&t).is_ok() {
            continue;
        }
        let lower = t.to_lowercase();
        let mut near: Vec<(usize, &str)> = (values.iter())
            .map(|x| (strsim::levenshtein(&x.to_lowercase(), &lower), *x))
            .collect();
        near.sort_unstable();
        let shown: Vec<&str> = near.iter().take(3).map(|n| n.1).collect();
        out.push(format!(
            "no document has {name} '{t}': {name} has {}, the nearest {}",
            crate::out::numbers::count_of(values.len() as u64, "value"),
            shown.join(", ")
        ));
    }
    out
}

/// Why a condition that kept no document may have missed: a quoted text that some field holds
/// only in another case (`country = 'rus'` where the field holds `RUS`).
pub fn case_hint(meta: &Metadata, expr: &str) -> Option<String> {
    let texts = compared_texts(expr).into_iter().map(|(_, t)| t);
    let columns: Vec<(&str, &StringChunked)> = meta
        .frame
        .columns()
        .iter()
        .filter_map(|c| Some((c.name().as_str(), c.str().ok()?)))
        .collect();
    for t in texts {
        if columns
            .iter()
            .any(|(_, v)| v.iter().flatten().any(|x| x == t))
        {
            continue;
        }
        for (name, v) in &columns {
            if let Some(x) = v
                .iter()
                .flatten()
                .find(|x| x.to_lowercase() == t.to_lowercase())
            {
                return Some(format!(
                    "text is compared as written: {name} holds '{x}', not '{t}' (or compare \
                     lower({name}) = '{}')",
                    t.to_lowercase()
                ));
            }
        }
    }
    None
}

/// Why a condition that kept no document may have missed: the span of each field of numbers
/// it names (`year runs from 2005 to 2022`).
pub fn range_hint(meta: &Metadata, expr: &str) -> Option<String> {
    // The names outside quoted text (`country = 'year'` names no field year).
    let unquoted: String = (expr.split(quote_marks(expr)).step_by(2))
        .collect::<Vec<_>>()
        .join(" ");
    let words: Vec<&str> = unquoted
        .split(|c: char| !c.is_alphanumeric() && c != '_')
        .collect();
    let spans: Vec<String> = (meta.frame.columns().iter())
        .filter(|c| c.dtype().is_primitive_numeric() && words.contains(&c.name().as_str()))
        .filter_map(|c| {
            let v = c.cast(&DataType::Float64).ok()?;
            let v = v.f64().ok()?;
            let (lo, hi) = (v.min()?, v.max()?);
            Some(match lo == hi {
                true => format!("{} is {lo} in every one", c.name()),
                false => format!("{} runs from {lo} to {hi}", c.name()),
            })
        })
        .collect();
    (!spans.is_empty()).then(|| format!("in these documents {}", spans.join(", ")))
}

/// A field's value as a condition reads it.
fn value(v: &AnyValue) -> Value {
    match v {
        AnyValue::Null => Value::Null,
        AnyValue::Boolean(b) => Value::Bool(*b),
        AnyValue::String(s) => Value::Str(s.to_string()),
        AnyValue::StringOwned(s) => Value::Str(s.to_string()),
        AnyValue::Float32(f) => Value::Float(*f as f64),
        AnyValue::Float64(f) => Value::Float(*f),
        other => match other.extract::<i64>() {
            Some(i) if other.is_integer() => Value::Int(i),
            _ => Value::Str(other.to_string()),
        },
    }
}

/// Documents grouped by the values of some fields.
#[derive(Debug, Clone)]
pub struct Grouping {
    /// The fields grouped by.
    pub fields: Vec<String>,
    /// Per group: its name (the values, joined by " · ") and its values, one per field.
    pub groups: Vec<(String, Vec<AnyValue<'static>>)>,
    /// Per file (in the metadata's order), its group (`None` when a value is missing).
    pub of_file: Vec<Option<u32>>,
}

impl Grouping {
    /// The note to give when some documents have no value for a field grouped by, and so are in
    /// no group.
    pub fn no_value_note(&self) -> Option<String> {
        let none = self.of_file.iter().filter(|b| b.is_none()).count();
        (none > 0).then(|| {
            let one = none == 1;
            format!(
                "{} {} no value for {}: in no group (the corpus's totals count {})",
                crate::out::numbers::count_of(none as u64, "document"),
                if one { "has" } else { "have" },
                self.fields.join(" or "),
                if one { "it" } else { "them" },
            )
        })
    }
}

/// Groups files by the values of `fields` (groups in the order of their values: numbers as
/// numbers).
pub fn group(meta: &Metadata, fields: &[String]) -> Result<Grouping> {
    for f in fields {
        if !meta.fields.contains(f) {
            let bare = f.trim_matches('"');
            let near = meta
                .fields
                .iter()
                .find(|c| c.eq_ignore_ascii_case(bare))
                .or_else(|| {
                    let d =
                        |c: &String| strsim::levenshtein(&c.to_lowercase(), &bare.to_lowercase());
                    meta.fields
                        .iter()
                        .filter(|c| d(c) <= 2)
                        .min_by_key(|c| d(c))
                });
            let hint = match near {
                _ if matches!(bare, "doc" | "path") => {
                    " (a document alone is no group: `freq --by doc`, `dict --by doc` and \
                     `acts --by-doc` give a row per document)"
                        .to_string()
                }
                Some(c) => format!(
                    " (did you mean '{c}'? names are written as `docs` shows them, without quotes)"
                ),
                None => String::new(),
            };
            return Err(Error::UnknownField {
                field: f.to_string(),
                hint,
                fields: meta.field_list(),
            });
        }
    }
    let cols: Vec<&polars::prelude::Column> = fields
        .iter()
        .map(|f| meta.frame.column(f))
        .collect::<PolarsResult<_>>()?;
    let n = meta.frame.height();
    let values: Vec<Option<Vec<AnyValue<'static>>>> = (0..n)
        .map(|i| {
            cols.iter()
                .map(|c| {
                    let v = c.get(i).ok()?.into_static();
                    (!v.is_null()).then_some(v)
                })
                .collect()
        })
        .collect();
    let mut distinct: Vec<Vec<AnyValue<'static>>> = values.iter().flatten().cloned().collect();
    distinct.sort_by(|a, b| {
        a.iter()
            .zip(b)
            .map(|(x, y)| x.partial_cmp(y).unwrap_or(std::cmp::Ordering::Equal))
            .find(|o| o.is_ne())
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    distinct.dedup();
    if distinct.is_empty() && n > 0 {
        return Err(Error::Invalid(format!(
            "no document has a value for {}: nothing to group by; the fields are: {}",
            fields.join(" and "),
            meta.field_list()
        )));
    }
    let name = |v: &[AnyValue]| v.iter().map(value_name).collect::<Vec<_>>().join(" · ");
    let index: AHashMap<String, u32> = distinct
        .iter()
        .enumerate()
        .map(|(k, v)| (name(v), k as u32))
        .collect();
    let of_file = values
        .iter()
        .map(|v| v.as_ref().and_then(|v| index.get(&name(v)).copied()))
        .collect();
    Ok(Grouping {
        fields: fields.to_vec(),
        groups: distinct.into_iter().map(|v| (name(&v), v)).collect(),
        of_file,
    })
}

/// A field value as a group's name: text as it is, numbers as written (`2012`).
pub fn value_name(v: &AnyValue) -> String {
    match v {
        AnyValue::String(s) => s.to_string(),
        AnyValue::StringOwned(s) => s.to_string(),
        other => other.to_string(),
    }
}

/// Fields preferred for grouping, in order, when a report is not told which.
const GROUP_FIELDS: &[&str] = &[
    "country", "speaker", "party", "author", "actor", "source", "type", "folder",
];

/// The fields of the files' own properties a report may group by on its own: the language a
/// file declares, the UN body a document's header names.
pub const FILE_GROUP_FIELDS: &[&str] = &["language", "un_body"];

/// Fields preferred for time, in order: the months last, for the documents of one year.
const TIME_FIELDS: &[&str] = &["year", "session", "decade", "month"];

/// Whether `field` is one of the time fields a report follows its trends over (`year`,
/// `session`, `decade`, `month`), which [`likely_fields`] groups by only when no field of names
/// does.
pub fn is_time_field(field: &str) -> bool {
    TIME_FIELDS.contains(&field)
}

/// Most groups a report makes on its own.
pub const MAX_LIKELY_GROUPS: usize = 30;

/// The fields a report groups by when not told, each given for at least half the documents:
/// a field of names (the first of `country`, `speaker`, `party`, `author`, `actor`, `source`,
/// `type`, `folder`, then any text field) with 2 to 30 values shared by several documents (else
/// the first time field with 2 to 30 values: the years, or the decades of too many years; see
/// [`is_time_field`]), and a time field (`year`, `session`, `decade`, then `month`) with at
/// least two values. Of the fields that only the files' own properties
/// give, only [`FILE_GROUP_FIELDS`] are chosen: a PDF's or Word file's author is whoever saved
/// it, and its creation time or format says nothing of the statement.
pub fn likely_fields(meta: &Metadata) -> (Option<String>, Option<String>) {
    // A field most documents lack (an author that 2 PDFs of 571 speeches carry) does not
    // group a corpus: at least half the documents must have it.
    let distinct = |f: &str| -> Option<(usize, bool)> {
        let c = meta.frame.column(f).ok()?;
        if c.null_count() * 2 > c.len() {
            return None;
        }
        let n = c.drop_nulls().n_unique().ok()?;
        Some((n, c.dtype() == &DataType::String))
    };
    let rows = meta.frame.height();
    let named = GROUP_FIELDS
        .iter()
        .map(|f| f.to_string())
        .chain(meta.fields.iter().cloned())
        .filter(|f| meta.fields.contains(f))
        .filter(|f| !meta.from_files.contains(f) || FILE_GROUP_FIELDS.contains(&f.as_str()))
        .find(|f| {
            distinct(f)
                .is_some_and(|(n, text)| text && (2..=MAX_LIKELY_GROUPS).contains(&n) && n < rows)
        });
    let time = TIME_FIELDS
        .iter()
        .map(|f| f.to_string())
        .find(|f| meta.fields.contains(f) && distinct(f).is_some_and(|(n, _)| n >= 2));
    // No field of names: the groups are the times themselves, when they are few enough, or
    // the first coarser time field that is (59 years of speeches are 7 decades).
    let named = named.or_else(|| {
        TIME_FIELDS.iter().map(|f| f.to_string()).find(|f| {
            meta.fields.contains(f)
                && distinct(f).is_some_and(|(n, _)| (2..=MAX_LIKELY_GROUPS).contains(&n))
        })
    });
    (named, time)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_quoted_text_goes_with_the_field_before_it() {
        assert_eq!(
            compared_texts("country = 'USA' and type = 'readout'"),
            [(Some("country"), "USA"), (Some("type"), "readout")]
        );
        assert_eq!(
            compared_texts("NOT country IN ('RUS', 'UKR') or year > 2000"),
            [(Some("country"), "RUS"), (Some("country"), "UKR")]
        );
        // A curly apostrophe inside straight quotes is text.
        assert_eq!(
            compared_texts("title = 'Biden’s Call'"),
            [(Some("title"), "Biden’s Call")]
        );
        assert_eq!(
            compared_texts("country = ‘RUS’"),
            [(Some("country"), "RUS")]
        );
    }
    use polars::prelude::{Column, DataFrame};

    fn meta(cols: Vec<Column>) -> Metadata {
        let fields = cols.iter().skip(1).map(|c| c.name().to_string()).collect();
        Metadata {
            frame: DataFrame::new_infer_height(cols).unwrap(),
            fields,
            notes: Vec::new(),
            counted: false,
            from_files: Vec::new(),
        }
    }

    #[test]
    fn a_field_most_documents_lack_does_not_group_them() {
        let doc = Column::new("doc".into(), ["a", "b", "c", "d", "e"]);
        let author = Column::new("author".into(), [Some("x"), Some("y"), None, None, None]);
        let country = Column::new("country".into(), ["ARM", "AZE", "ARM", "AZE", "ARM"]);
        let m = meta(vec![doc.clone(), author.clone()]);
        assert_eq!(likely_fields(&m).0, None);
        let m = meta(vec![doc, author, country]);
        assert_eq!(likely_fields(&m).0.as_deref(), Some("country"));
    }

    #[test]
    fn too_many_years_group_by_decade_and_follow_the_years() {
        let docs: Vec<String> = (0..40).map(|i| format!("d{i}")).collect();
        let doc = Column::new("doc".into(), docs);
        let year = Column::new(
            "year".into(),
            (0..40).map(|i| 1950 + i).collect::<Vec<i64>>(),
        );
        let decade = Column::new(
            "decade".into(),
            (0..40).map(|i| (1950 + i) / 10 * 10).collect::<Vec<i64>>(),
        );
        let m = meta(vec![doc.clone(), year.clone(), decade]);
        let (named, time) = likely_fields(&m);
        assert_eq!(
            (named.as_deref(), time.as_deref()),
            (Some("decade"), Some("year"))
        );
        let m = meta(vec![doc, year]);
        assert_eq!(likely_fields(&m), (None, Some("year".to_string())));
    }

    #[test]
    fn the_files_own_author_and_dates_do_not_group_them_but_their_language_does() {
        let doc = Column::new("doc".into(), ["a", "b", "c", "d"]);
        let author = Column::new("author".into(), ["user", "ihara", "user", "MVOS"]);
        let created = Column::new("file_created".into(), ["2010", "2011", "2010", "2012"]);
        let language = Column::new("language".into(), ["en", "fr", "en", "fr"]);
        let mut m = meta(vec![doc.clone(), author.clone(), created.clone()]);
        assert_eq!(likely_fields(&m).0.as_deref(), Some("author"));
        m.from_files = vec!["author".into(), "file_created".into()];
        assert_eq!(likely_fields(&m).0, None);
        let mut m = meta(vec![doc, author, created, language]);
        m.from_files = vec!["author".into(), "file_created".into(), "language".into()];
        assert_eq!(likely_fields(&m).0.as_deref(), Some("language"));
    }
}
