//! The `terms` table (one row per document × term) written as CSV or TSV straight from the
//! counts: the same rows, order and cells as the frame written by polars, without building
//! the frame. Pieces of documents are formatted in parallel and written in order, so the time
//! is the counts' and memory stays with a few pieces.

use super::{doc_rows, per_10k, schema, Selection};
use crate::analysis::Analysis;
use crate::error::{Error, Result};
use crate::out::csv::Cells;
use rayon::prelude::*;
use std::io::Write;

/// Documents formatted by one task.
const DOCS_PER_PIECE: usize = 64;

/// Pieces formatted at a time (one batch is formatted while the one before it is written).
const PIECES_AT_ONCE: usize = 4;

/// The columns `--columns` chooses (pairs of a column of [`schema::TERMS`] and its name as
/// shown), by their index; all of them when none is chosen.
fn chosen_columns(columns: &[(String, String)]) -> Result<Vec<(usize, &str)>> {
    if columns.is_empty() {
        return Ok(schema::TERMS.iter().copied().enumerate().collect());
    }
    columns
        .iter()
        .map(|(old, new)| {
            schema::TERMS
                .iter()
                .position(|c| c == old)
                .map(|i| (i, new.as_str()))
                .ok_or_else(|| {
                    Error::Invalid(format!(
                        "--columns: no column '{old}'{}; this table has {}",
                        crate::error::did_you_mean(old, schema::TERMS.iter().copied()),
                        schema::TERMS.join(", ")
                    ))
                })
        })
        .collect()
}

/// Writes the `terms` rows of every document of `a` (as [`super::terms_in_pieces`] builds
/// them) to `w`: `columns` are (column of [`schema::TERMS`], name in the header), all of them
/// when empty; `header` writes the header row first.
pub fn write_terms_csv(
    a: &Analysis,
    sel: Selection,
    columns: &[(String, String)],
    cells: Cells,
    header: bool,
    w: &mut dyn Write,
) -> Result<()> {
    let cols = chosen_columns(columns)?;
    if header {
        let mut b = Vec::new();
        cells.header(&mut b, &cols.iter().map(|c| c.1).collect::<Vec<_>>());
        w.write_all(&b)?;
    }
    let rank = a.term_ranks();
    // The term and form cells, rendered once for every row that shows them.
    let rendered = |col: usize| -> Vec<Box<[u8]>> {
        if !cols.iter().any(|c| c.0 == col) {
            return Vec::new();
        }
        a.terms
            .par_iter()
            .map(|t| {
                let mut b = Vec::new();
                cells.text(&mut b, if col == 1 { &t.term } else { &t.form });
                b.into_boxed_slice()
            })
            .collect()
    };
    let (terms, forms) = (rendered(1), rendered(2));
    let n = a.docs.len();
    let pieces = n.div_ceil(DOCS_PER_PIECE);
    let format_batch = |batch: usize| -> Vec<Vec<u8>> {
        (batch..(batch + PIECES_AT_ONCE).min(pieces))
            .into_par_iter()
            .map(|k| {
                let docs = k * DOCS_PER_PIECE..((k + 1) * DOCS_PER_PIECE).min(n);
                let mut b = Vec::with_capacity(64 * 1024);
                let mut id = Vec::new();
                for d in docs {
                    let doc = &a.docs[d];
                    id.clear();
                    cells.text(&mut id, &doc.id);
                    for c in doc_rows(&a.doc_terms[d], &rank, sel) {
                        let t = c.term as usize;
                        for (j, &(col, _)) in cols.iter().enumerate() {
                            if j > 0 {
                                cells.sep(&mut b);
                            }
                            match col {
                                0 => b.extend_from_slice(&id),
                                1 => b.extend_from_slice(&terms[t]),
                                2 => b.extend_from_slice(&forms[t]),
                                3 => cells.uint(&mut b, c.count as u64),
                                4 => cells.float(&mut b, per_10k(c.count as u64, doc.tokens)),
                                5 => cells.uint(&mut b, c.quoted as u64),
                                _ => cells.uint(&mut b, c.scare as u64),
                            }
                        }
                        b.push(b'\n');
                    }
                }
                b
            })
            .collect()
    };
    // Each batch is formatted while the one before it is written.
    let mut ready: Vec<Vec<u8>> = Vec::new();
    for batch in (0..pieces).step_by(PIECES_AT_ONCE) {
        let mut next = Vec::new();
        let written = rayon::in_place_scope(|s| {
            s.spawn(|_| next = format_batch(batch));
            ready.iter().try_for_each(|b| w.write_all(b))
        });
        written?;
        ready = next;
    }
    for b in ready {
        w.write_all(&b)?;
    }
    Ok(())
}
