//! The `terms` table (one row per document × term) written as CSV or TSV straight from the
//! counts: the same rows, order and cells as the frame written by polars, without building
//! the frame. Pieces of documents are formatted in parallel and written in order, so the time
//! is the counts' and memory stays with a few pieces.

use super::{doc_rows_into, per_10k, schema, Selection};
use crate::analysis::Analysis;
use crate::error::{Error, Result};
use crate::out::csv::Cells;
use rayon::prelude::*;
use std::io::Write;

/// Documents formatted by one task in `freq --by doc`; the report, which writes the table beside
/// its others, gives fewer ([`write_terms_csv`]'s `docs_per_piece`), for smaller buffers.
pub const DOCS_PER_PIECE: usize = 64;

/// Pieces formatted at a time (one batch is formatted while the one before it is written).
const PIECES_AT_ONCE: usize = 4;

/// Cells rendered once, end to end.
#[derive(Default)]
struct Rendered {
    bytes: Vec<u8>,
    ends: Vec<usize>,
}

impl Rendered {
    /// Cell `t`.
    fn cell(&self, t: usize) -> &[u8] {
        let start = if t == 0 { 0 } else { self.ends[t - 1] };
        &self.bytes[start..self.ends[t]]
    }
}

/// The columns `--columns` chooses (pairs of a column of [`schema::TERMS`] and its name as
/// shown), by their index; all of them when none is chosen.
fn chosen_columns(columns: &[(String, String)]) -> Result<Vec<(usize, &str)>> {
    if columns.is_empty() {
        return Ok(schema::TERMS.iter().copied().enumerate().collect());
    }
    // A name given twice is refused, as every other format refuses it.
    for (k, (_, new)) in columns.iter().enumerate() {
        if columns[..k].iter().any(|(_, n)| n == new) {
            return Err(Error::Invalid(format!(
                "--columns: '{new}' is asked for twice; name each column once"
            )));
        }
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
    docs_per_piece: usize,
    w: &mut dyn Write,
) -> Result<()> {
    let docs_per_piece = docs_per_piece.max(1);
    let cols = chosen_columns(columns)?;
    if header {
        let mut b = Vec::new();
        cells.header(&mut b, &cols.iter().map(|c| c.1).collect::<Vec<_>>());
        w.write_all(&b)?;
    }
    let rank = a.term_ranks();
    // The term and form cells, rendered once for every row that shows them, end to end in
    // one buffer (cell `t` is `bytes[ends[t - 1]..ends[t]]`).
    let rendered = |col: usize| -> Rendered {
        let mut r = Rendered::default();
        if !cols.iter().any(|c| c.0 == col) {
            return r;
        }
        r.ends.reserve(a.terms.len());
        for t in &a.terms {
            cells.text(&mut r.bytes, if col == 1 { &t.term } else { &t.form });
            r.ends.push(r.bytes.len());
        }
        r
    };
    let (terms, forms) = (rendered(1), rendered(2));
    let n = a.docs.len();
    let pieces = n.div_ceil(docs_per_piece);
    // Buffers are handed back once written and filled again: fresh ones would be faulted in
    // page by page and grown by copying, for every batch.
    let format_batch = |batch: usize, spare: Vec<Vec<u8>>| -> Vec<Vec<u8>> {
        let ks = batch..(batch + PIECES_AT_ONCE).min(pieces);
        let mut spare = spare.into_iter();
        let bufs: Vec<(usize, Vec<u8>)> =
            ks.map(|k| (k, spare.next().unwrap_or_default())).collect();
        bufs.into_par_iter()
            .map(|(k, mut b)| {
                b.clear();
                let docs = k * docs_per_piece..((k + 1) * docs_per_piece).min(n);
                let mut id = Vec::new();
                let mut rows = Vec::new();
                let mut counts = Vec::new();
                for d in docs {
                    let doc = &a.docs[d];
                    id.clear();
                    cells.text(&mut id, &doc.id);
                    a.doc_terms.get_into(d, &mut counts);
                    doc_rows_into(&counts, &rank, sel, &mut rows);
                    for &(_, c) in &rows {
                        let t = c.term as usize;
                        for (j, &(col, _)) in cols.iter().enumerate() {
                            if j > 0 {
                                cells.sep(&mut b);
                            }
                            match col {
                                0 => b.extend_from_slice(&id),
                                1 => b.extend_from_slice(terms.cell(t)),
                                2 => b.extend_from_slice(forms.cell(t)),
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
    let mut spare: Vec<Vec<u8>> = Vec::new();
    for batch in (0..pieces).step_by(PIECES_AT_ONCE) {
        let mut next = Vec::new();
        let written = rayon::in_place_scope(|s| {
            let spare = std::mem::take(&mut spare);
            s.spawn(|_| next = format_batch(batch, spare));
            ready.iter().try_for_each(|b| w.write_all(b))
        });
        written?;
        spare = std::mem::replace(&mut ready, next);
    }
    for b in ready {
        w.write_all(&b)?;
    }
    Ok(())
}
