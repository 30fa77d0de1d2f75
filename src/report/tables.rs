//! The report's tables: built from the analysis and written as CSV and Parquet in parallel,
//! and shown as [`Block::Table`]s.

use super::doc::Block;
use super::{Parts, COLLOCATE_WINDOW, MAX_SIMILARITY_DOCS};
use crate::compare::{self, KeynessOptions};
use crate::error::Result;
use crate::frames::{self, Selection, SpanFilter};
use crate::out::numbers::group_digits;
use crate::out::table::{cell, column_cell, decimals_of};
use crate::out::{Destination, Format};
use polars::prelude::*;
use rayon::prelude::*;
use std::path::Path;

/// The tables the report's sections show (every table is also written beside the report).
pub(super) struct Tables {
    pub(super) corpus_terms: DataFrame,
    /// The first [`SCARE_ROWS`] scare quotes, and how many there are; then the same of the
    /// scare calls `--min-confidence` turned down (none without texts).
    pub(super) scare: Option<((DataFrame, usize), (DataFrame, usize))>,
    pub(super) keyness: DataFrame,
    pub(super) similarity: DataFrame,
    pub(super) corpus_quoted: DataFrame,
    /// Each quotation whole, most quoted first.
    pub(super) quoted_phrases: DataFrame,
    /// The groups' tables, when the documents have groups.
    pub(super) groups: Option<super::groups::GroupTables>,
    /// The phrases' tables (none without texts).
    pub(super) phrases: Option<PhraseTables>,
    /// The speech acts (none without texts).
    pub(super) acts: Option<super::acts::ActTables>,
}

/// The report's phrase tables: the most frequent n-grams, and the collocates of the most
/// scare-quoted term (of the most quoted one when none is scare-quoted).
#[derive(Debug, Clone)]
pub struct PhraseTables {
    /// Bigrams and trigrams seen at least twice, most frequent first ([`NGRAM_ROWS`]).
    pub ngrams: DataFrame,
    /// The term whose collocates are listed (its most frequent form), if any term is quoted.
    pub node: Option<String>,
    /// That term's stem and its forms, the most frequent first (at most 4): the collocates
    /// count every form.
    pub node_forms: Option<(String, Vec<String>)>,
    /// Its collocates within 5 words, by log-likelihood ([`COLLOCATE_ROWS`]).
    pub collocates: DataFrame,
}

/// N-grams the report's table keeps.
pub const NGRAM_ROWS: usize = 100;

/// Collocates the report's table keeps.
pub const COLLOCATE_ROWS: usize = 50;

/// The phrase tables of the analysis's documents, held again as word ids (for a report whose
/// caller did not hold them in the counting run, [`phrase_tables_of`]).
pub(super) fn phrase_tables(p: Parts) -> Result<PhraseTables> {
    phrase_tables_of(&crate::phrases::read_analysed(p.a, p.lopts, p.opts)?)
}

/// The phrase tables of a corpus held as word ids.
pub fn phrase_tables_of(held: &crate::phrases::Held) -> Result<PhraseTables> {
    use crate::phrases::{self, collocates, ngrams, NgramOptions};
    // Only the NGRAM_ROWS most frequent are shown: counting first only those seen at least
    // once per 200,000 words (pruned level by level, so a large corpus counts few) gives the
    // same rows whenever that many reach it; otherwise the count is made again from 2.
    let mut min_count = (held.tokens() / 200_000).max(2);
    let rows = loop {
        let o = NgramOptions {
            n_min: 2,
            n_max: 3,
            min_count,
            across_sentences: false,
            stop_edges: true,
        };
        let levels = ngrams::count(held, &o)?;
        let rows = phrases::ngram_rows(held, &levels, &o, Some(NGRAM_ROWS));
        if rows.len() >= NGRAM_ROWS || min_count == 2 {
            break rows;
        }
        min_count = 2;
    };
    let ngrams = phrases::ngram_frame(held, &rows)?;
    let node = most_scare_quoted(held);
    // A document not read back would leave the node unchosen, or another one.
    held.docs.check()?;
    let Some((id, forms)) = node else {
        return Ok(PhraseTables {
            ngrams,
            node: None,
            node_forms: None,
            collocates: DataFrame::empty(),
        });
    };
    let co = collocates::CollocateOptions {
        left: COLLOCATE_WINDOW,
        right: COLLOCATE_WINDOW,
        min_count: 2,
        node_in: collocates::NodeIn::All,
        skip_stopwords: true,
    };
    let mut c = collocates::collocates(held, id, &co)?;
    // Words that keep company with the node beyond chance (p < 0.05), not every neighbour.
    c.rows.retain(|r| r.scores.ll >= 3.84);
    let df = phrases::collocate_frame(held, &c, phrases::Measure::Ll, Some(COLLOCATE_ROWS))?;
    Ok(PhraseTables {
        ngrams,
        node: forms.first().cloned(),
        node_forms: Some((held.terms[id as usize].to_string(), forms)),
        collocates: df,
    })
}

/// The term most often scare-quoted, if at least [`super::charts::MIN_SCARE`] times (then the
/// most often quoted; then the first alphabetically), stopwords and numbers left out, with its
/// forms, the most frequent first (at most 4).
fn most_scare_quoted(held: &crate::phrases::Held) -> Option<(u32, Vec<String>)> {
    let n = held.terms.len();
    let (mut scare, mut quoted) = (vec![0u64; n], vec![0u64; n]);
    for d in held.docs.iter() {
        for (f, q) in d.forms.iter().zip(d.quoting.each(d.len())) {
            let t = held.form_term[f as usize];
            if q.inner().is_some() && !held.form_stop[f as usize] {
                quoted[t as usize] += 1;
                scare[t as usize] += q.scare() as u64;
            }
        }
    }
    let t = (0..n)
        .filter(|&t| quoted[t] > 0 && held.terms[t].chars().any(char::is_alphabetic))
        .max_by(|&x, &y| {
            let enough = |t: usize| super::charts::enough_scare(scare[t] as usize);
            (enough(x), quoted[x])
                .cmp(&(enough(y), quoted[y]))
                .then_with(|| held.terms[y].cmp(&held.terms[x]))
        })?;
    let mut forms: ahash::AHashMap<u32, u64> = ahash::AHashMap::new();
    for d in held.docs.iter() {
        for f in d.forms.iter() {
            if held.form_term[f as usize] as usize == t {
                *forms.entry(f).or_default() += 1;
            }
        }
    }
    let mut forms: Vec<(u32, u64)> = forms.into_iter().collect();
    forms.sort_by(|x, y| {
        y.1.cmp(&x.1)
            .then_with(|| held.forms[x.0 as usize].cmp(&held.forms[y.0 as usize]))
    });
    let names = forms
        .iter()
        .take(4)
        .map(|&(f, _)| held.display[f as usize].to_string())
        .collect::<Vec<_>>();
    (!names.is_empty()).then_some((t as u32, names))
}

pub(super) fn write_frame(dir: &Path, name: &str, df: &DataFrame, format: Format) -> Result<()> {
    let mut df = df.clone();
    let file = dir.join(format!("{name}.{}", format.name()));
    // Streamed into the file as the writer goes: the largest table is some 100 MB of CSV.
    let o = crate::out::WriteOptions::default();
    crate::out::write_atomic_with(&file, false, |w| {
        crate::out::render_to(&mut df, format, o, w)
    })
}

/// Documents formatted at a time by one task for the report's `terms.csv`: a quarter of
/// `freq --by doc`'s ([`frames::TERMS_CSV_PIECE`]), whose buffers were the largest
/// thing alive while the report built its tables (36 MB on 4 copies of UNGD).
const TERMS_CSV_PIECE: usize = 16;

/// Documents per row group of the report's `terms.parquet`: half of the 256 `freq --by doc`
/// used then, because the report writes it beside its other tables. On UNGD the report peaked at 209–219
/// MB instead of 228–238 (five runs each), as fast, for a file 6% larger (`benches/HISTORY.md`).
const TERMS_PIECE: usize = 128;

/// Writes the two tables that grow with the corpus, each as CSV and Parquet built and written
/// in pieces, so that neither is ever whole in memory: the per-document `terms` table (its CSV
/// formatted straight from the counts, its Parquet [`TERMS_PIECE`] documents at a time), and
/// `quotes`, 10,000 spans at a time (none without texts).
pub(super) fn write_terms(p: Parts) -> Result<()> {
    let terms = |format: Format| {
        let (sel, to) = (Selection::default(), dest(p, "terms", format));
        if format == Format::Csv {
            let cells = crate::out::csv::Cells::new(format, false);
            return crate::out::write_rows_with(format, &to, Default::default(), |w| {
                frames::write_terms_csv(p.a, sel, &[], cells, true, TERMS_CSV_PIECE, w)
            });
        }
        let pieces = frames::terms_in_pieces(p.a, sel, TERMS_PIECE);
        crate::out::write_pieces(pieces, format, Default::default(), &to)
    };
    let quotes = |format: Format| {
        let pieces = frames::quotes_in_pieces(p.a, SpanFilter::default(), 10_000);
        crate::out::write_pieces(
            pieces,
            format,
            Default::default(),
            &dest(p, "quotes", format),
        )
    };
    let (csv, parquet) = rayon::join(|| terms(Format::Csv), || terms(Format::Parquet));
    csv.and(parquet)?;
    if !p.r.texts {
        return Ok(());
    }
    let (csv, parquet) = rayon::join(|| quotes(Format::Csv), || quotes(Format::Parquet));
    csv.and(parquet)
}

/// Scare quotes the report shows in context at most.
pub(super) const SCARE_ROWS: usize = 200;

/// The first [`SCARE_ROWS`] spans a filter keeps as a `quotes` frame, and how many there are.
fn first_spans(a: &crate::analysis::Analysis, filter: SpanFilter) -> Result<(DataFrame, usize)> {
    let kept = frames::kept_spans(a, filter);
    let first = frames::quotes_at(a, &kept[..kept.len().min(SCARE_ROWS)], filter.explain)?;
    Ok((first, kept.len()))
}

/// The scare quotes, and the scare calls `--min-confidence` turned down (with `p_scare`).
fn scare_quotes(a: &crate::analysis::Analysis) -> Result<((DataFrame, usize), (DataFrame, usize))> {
    let scare = SpanFilter {
        kind: Some(crate::quotes::Kind::Scare),
        ..Default::default()
    };
    let below = SpanFilter {
        explain: true,
        below_threshold: true,
        ..Default::default()
    };
    Ok((first_spans(a, scare)?, first_spans(a, below)?))
}

/// Writes the per-document `quoted_terms` table in pieces.
fn quoted_terms(p: Parts) -> Result<Made> {
    let (sel, rank) = (Selection::default(), p.a.term_ranks());
    write_in_pieces(p, "quoted_terms", |docs| {
        without_cues(p, frames::quoted_terms_of(p.a, sel, docs, &rank)?)
    })?;
    Ok(Made::Written(DataFrame::empty()))
}

/// Writes table `name` as CSV and Parquet side by side, each made by `piece` of
/// [`DOCS_PER_PIECE`] documents at a time and written as it is made: a table that grows with
/// the corpus is never whole in memory (each piece is made once for each file, which on two
/// cores is faster than making it once for both).
pub(super) fn write_in_pieces(
    p: Parts,
    name: &str,
    piece: impl Fn(std::ops::Range<usize>) -> Result<DataFrame> + Sync,
) -> Result<()> {
    let n = p.a.docs.len();
    let write = |f: Format| {
        let pieces = (0..n.max(1))
            .step_by(DOCS_PER_PIECE)
            .map(|s| piece(s..(s + DOCS_PER_PIECE).min(n)));
        crate::out::write_pieces(pieces, f, Default::default(), &dest(p, name, f))
    };
    let (csv, parquet) = rayon::join(|| write(Format::Csv), || write(Format::Parquet));
    csv.and(parquet)
}

/// Where the report writes table `name` as `format`.
pub(super) fn dest(p: Parts, name: &str, format: Format) -> Destination {
    Destination::File(p.dir.join(format!("{name}.{}", format.name())))
}

/// A table as its job leaves it: whole, to be written, or written already in pieces (with
/// the rows its section shows).
enum Made {
    Whole(DataFrame),
    Written(DataFrame),
}

/// Documents of each piece of the per-document tables written in pieces (`keyness` has 20
/// rows a document).
const DOCS_PER_PIECE: usize = 1024;

/// The `keyness` table: target against reference, whole; or each document against the rest,
/// written in pieces ([`write_in_pieces`]) (on four copies of UNGD the whole table
/// was 38 MB), with the rows of the document the section shows ([`super::charts::focus_doc`]).
fn keyness(p: Parts) -> Result<Made> {
    let a = p.a;
    match &p.r.groups {
        Some(g) => {
            // Each row says which side over-uses the term (a term neither side uses more has
            // G² 0 and is the target's by convention).
            let mut k = compare::keyness(a, &g.target, &g.reference, KeynessOptions::default())?;
            let side: Vec<&str> = k
                .column("g2")?
                .f64()?
                .iter()
                .map(|g| match g {
                    Some(g) if g < 0.0 => "reference",
                    _ => "target",
                })
                .collect();
            k.insert_column(0, Column::new("over_used_in".into(), side))?;
            Ok(Made::Whole(k))
        }
        None if a.docs.len() > 1 => {
            let o = KeynessOptions {
                min_count: 2,
                ..Default::default()
            };
            let each = compare::EachAgainstRest::new(a, 10, o);
            write_in_pieces(p, "keyness", |docs| each.frame(docs))?;
            let shown = super::charts::focus_doc(a)
                .map_or(Ok(DataFrame::empty()), |f| each.frame(f..f + 1))?;
            Ok(Made::Written(shown))
        }
        None => Ok(Made::Whole(DataFrame::empty())),
    }
}

/// The tables of [`build_and_write`] that the sections show.
const SHOWN: &[&str] = &[
    "corpus_terms",
    "keyness",
    "similarity",
    "corpus_quoted_terms",
    "quoted_phrases",
];

/// A quoted-terms table as it stands, or without its `cues` column in a report from counts:
/// the cues before a quotation are read in the texts, and an empty column would read as none.
fn without_cues(p: Parts, df: DataFrame) -> Result<DataFrame> {
    Ok(if p.r.texts { df } else { df.drop("cues")? })
}

/// Builds the counted and quoted tables (`keyness`, `corpus_terms`, `quoted_terms`, ...) and
/// writes each as CSV and Parquet once built, several at a time, with the phrase tables (built
/// before), keeping only those of [`SHOWN`]; then writes the group tables; returns what the
/// sections show. `terms` and `quotes` are written by [`write_terms`], the act tables by
/// `acts::act_tables`.
pub(super) fn build_and_write(
    p: Parts,
    phrases: Option<PhraseTables>,
    acts: Option<super::acts::ActTables>,
) -> Result<Tables> {
    let a = p.a;
    let sel = Selection::default();
    let all: Vec<usize> = (0..a.docs.len()).collect();
    let sim_ids = super::charts::longest(a, &all, MAX_SIMILARITY_DOCS);
    type Build<'a> = Box<dyn Fn() -> Result<Made> + Send + Sync + 'a>;
    let whole = |df: Result<DataFrame>| df.map(Made::Whole);
    let mut jobs: Vec<(&str, Build)> = vec![
        ("keyness", Box::new(|| keyness(p))),
        (
            "corpus_terms",
            Box::new(|| whole(frames::corpus_terms(a, sel))),
        ),
        ("quoted_terms", Box::new(|| quoted_terms(p))),
        (
            "corpus_quoted_terms",
            Box::new(|| whole(without_cues(p, frames::corpus_quoted_terms(a, sel)?))),
        ),
        ("cues", Box::new(|| whole(frames::cues(a)))),
        ("docs", Box::new(|| whole(frames::docs(a, &p.r.meta)))),
        (
            "quoted_phrases",
            Box::new(|| whole(frames::quoted_phrases(a, &all, SpanFilter::default()))),
        ),
        (
            "similarity",
            Box::new(|| whole(compare::similarity_of(a, &sim_ids, false))),
        ),
    ];
    // The phrase tables, built before, are written with the others (a frame's clone shares its
    // columns).
    if let Some(t) = &phrases {
        jobs.push(("ngrams", Box::new(|| whole(Ok(t.ngrams.clone())))));
        jobs.push(("collocates", Box::new(|| whole(Ok(t.collocates.clone())))));
    }
    let formats = [Format::Csv, Format::Parquet];
    // Each table is written as soon as it is built, and let go unless a section shows it: the
    // tables are never all in memory at once, beside their writers.
    let mut built: Vec<(&str, DataFrame)> = jobs
        .into_par_iter()
        .filter(|(name, _)| p.r.texts || !super::needs_texts(name))
        .map(|(name, build)| {
            let df = match build()? {
                Made::Whole(df) => {
                    formats
                        .par_iter()
                        .try_for_each(|&f| write_frame(p.dir, name, &df, f))?;
                    df
                }
                Made::Written(shown) => shown,
            };
            Ok((
                name,
                if SHOWN.contains(&name) {
                    df
                } else {
                    DataFrame::empty()
                },
            ))
        })
        .collect::<Result<_>>()?;
    let mut take = |name: &str| {
        // A table let go once written would leave its section blank.
        debug_assert!(SHOWN.contains(&name), "{name} is not kept: add it to SHOWN");
        let i = built.iter().position(|(n, _)| *n == name);
        i.map(|i| built.swap_remove(i).1).unwrap_or_default()
    };
    let groups = match &p.r.meta_groups {
        Some(mg) if a.docs.len() > 1 => {
            let g = super::groups::tables(p, mg)?;
            for (name, df) in [
                ("groups", &g.profile),
                ("group_keyness", &g.keyness),
                ("trend", &g.trend),
            ] {
                for f in formats {
                    write_frame(p.dir, name, df, f)?;
                }
            }
            Some(g)
        }
        _ => None,
    };
    Ok(Tables {
        groups,
        corpus_terms: take("corpus_terms"),
        scare: p.r.texts.then(|| scare_quotes(a)).transpose()?,
        keyness: take("keyness"),
        similarity: take("similarity"),
        corpus_quoted: take("corpus_quoted_terms"),
        quoted_phrases: take("quoted_phrases"),
        phrases,
        acts,
    })
}

/// How a whole-number column's cells are written: a count gets thousands separators (`docs`
/// 3,464, `distinct_terms` 2,566), a time field none (2020), and any other column (a
/// metadata field such as `fy` or `doc_no`) only when the column shows a number of five digits
/// or more (`long`), as a year never has.
fn integer_cell(column: &str, cell: String, long: bool) -> String {
    const TIME: &[&str] = &[
        "year", "session", "decade", "month", "day", "date", "period",
    ];
    const COUNTS: &[&str] = &[
        "count",
        "counts",
        "docs",
        "documents",
        "tokens",
        "words",
        "types",
        "terms",
        "quotations",
        "quoted",
        "scare",
        "freq",
        "spans",
        "acts",
        "left",
        "right",
        "sentences",
        "occurrences",
        // A term's counts on either side of a keyness table.
        "target",
        "reference",
    ];
    let name = column.to_lowercase();
    let parts: Vec<&str> = name.split('_').collect();
    if parts.last().is_some_and(|p| TIME.contains(p)) {
        cell
    } else if long || parts.iter().any(|p| COUNTS.contains(p)) {
        group_digits(&cell)
    } else {
        cell
    }
}

/// The first `max_rows` rows of a frame as a report table; whole numbers get thousands
/// separators.
pub(super) fn table(df: &DataFrame, max_rows: usize) -> Block {
    let header: Vec<String> = df
        .get_column_names()
        .iter()
        .map(|s| s.to_string())
        .collect();
    let numeric = df
        .columns()
        .iter()
        .map(|c| c.dtype().is_primitive_numeric())
        .collect();
    // Each float column with one number of decimals, as terminal tables show it, chosen for
    // the rows shown; a column of whole numbers with one of five digits or more has separators
    // in every row (16,993 over 5,105, not 5105).
    let shown = df.head(Some(max_rows));
    let decimals: Vec<Option<usize>> = shown.columns().iter().map(decimals_of).collect();
    let long: Vec<bool> = shown
        .columns()
        .iter()
        .map(|c| {
            c.dtype().is_integer()
                && (0..shown.height()).any(|i| {
                    c.get(i)
                        .is_ok_and(|v| cell(&v).trim_start_matches('-').len() > 4)
                })
        })
        .collect();
    let rows = (0..shown.height())
        .map(|i| {
            shown
                .columns()
                .iter()
                .zip(decimals.iter().zip(&long))
                .map(|(c, (d, &long))| match c.get(i) {
                    Ok(v) if c.dtype().is_integer() => integer_cell(c.name(), cell(&v), long),
                    Ok(_) => column_cell(c, i, *d),
                    Err(_) => String::new(),
                })
                .collect()
        })
        .collect();
    Block::Table {
        header,
        rows,
        numeric,
    }
}

#[cfg(test)]
mod tests {
    use super::integer_cell;

    #[test]
    fn counts_get_separators_and_years_do_not() {
        let c = |name: &str, v: &str| integer_cell(name, v.to_string(), v.len() > 4);
        assert_eq!(c("docs", "3464"), "3,464");
        assert_eq!(c("distinct_terms", "2566"), "2,566");
        assert_eq!(c("count", "-1234"), "-1,234");
        assert_eq!(c("year", "2021"), "2021");
        assert_eq!(c("Year", "2021"), "2021");
        assert_eq!(c("fiscal_year", "2021"), "2021");
        assert_eq!(c("fy", "2021"), "2021");
        assert_eq!(c("doc_no", "1234"), "1234");
        assert_eq!(c("doc_no", "123456"), "123,456");
        assert_eq!(c("target", "1310"), "1,310");
        assert_eq!(c("reference", "1958"), "1,958");
    }

    #[test]
    fn a_table_formats_each_column_alike_over_the_rows_it_shows() {
        use polars::prelude::*;
        let df = df!(
            "total" => [16_993i64, 5105, 22],
            "year" => [2021i64, 2022, 12345],
            "per_10k" => [115.6, 78.582, 1e-6],
        )
        .unwrap();
        let super::Block::Table { rows, .. } = super::table(&df, 2) else {
            panic!("a table")
        };
        // Whole numbers: separators in every row of a column with a long one, years apart;
        // floats: the decimals of the rows shown, not of a tiny value further down.
        assert_eq!(rows[0], ["16,993", "2021", "115.6"]);
        assert_eq!(rows[1], ["5,105", "2022", "78.6"]);
    }
}
