//! Each document's term counts packed in a few bytes a row ([`DocTerms`]): the per-document
//! counts a documents run keeps are most of what grows with the corpus. A run that asks for it
//! ([`super::Options::spill_counts`], the report) sets them aside in a temporary file
//! ([`Store`]), so that they do not grow its memory with the corpus.

use super::spill::{Failures, Spill, Spilled};
use super::TermCount;
use crate::error::Result;
use std::sync::Arc;

/// One document's packed rows: in memory, or set aside in the [`Store`]'s file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rows {
    /// In memory.
    Here(Box<[u8]>),
    /// In the temporary file.
    Aside(Spilled),
}

/// Where packed rows are kept: in memory, or in a temporary file when the run asked for one
/// and the file takes them. A document that cannot be read back is given no rows and the
/// failure kept, for [`Store::check`].
#[derive(Debug, Clone, Default)]
pub struct Store {
    /// Whether rows go to the file.
    spill: bool,
    /// The file, made when the first rows go to it (a run that packs none makes none).
    file: Arc<std::sync::OnceLock<Option<Spill>>>,
    failed: Failures,
    /// Failures to read back the quotations set aside beside the rows ([`Store::set_aside`]).
    quotes_failed: Failures,
}

impl Store {
    /// A store that sets rows aside in a new temporary file when `spill` (in memory when the
    /// file cannot be made).
    pub fn new(spill: bool) -> Self {
        Store {
            spill,
            ..Default::default()
        }
    }

    /// Rows packed by [`pack`], set aside when the store has a file that takes them.
    pub fn put(&self, b: Box<[u8]>) -> Rows {
        match self.set_aside(&b) {
            Some(at) => Rows::Aside(at),
            None => Rows::Here(b),
        }
    }

    /// Whether the store sets things aside in a file.
    pub fn spills(&self) -> bool {
        self.spill
    }

    /// Sets `bytes` aside beside the rows (a document's quotations); `None` when the store
    /// keeps nothing aside or the file does not take them (the caller keeps them).
    pub fn set_aside(&self, bytes: &[u8]) -> Option<Spilled> {
        let file = || self.file.get_or_init(|| Spill::new().ok()).as_ref();
        self.spill.then(file).flatten()?.put(bytes)
    }

    /// What [`Store::set_aside`] put at `at`; `None`, and the failure kept for
    /// [`Store::check`], when it cannot be read back.
    pub fn aside(&self, at: Spilled) -> Option<Vec<u8>> {
        (self.quotes_failed).read(self.file.get().and_then(Option::as_ref), at)
    }

    /// Keeps a failure to make sense of what [`Store::aside`] gave back.
    pub fn aside_failed(&self, why: String) {
        self.quotes_failed.note(why);
    }

    /// The rows of `r` into `out` (emptied first).
    pub fn unpack(&self, r: &Rows, out: &mut Vec<TermCount>) {
        match r {
            Rows::Here(b) => unpack(b, out),
            Rows::Aside(at) => match self
                .failed
                .read(self.file.get().and_then(Option::as_ref), *at)
            {
                Some(b) => unpack(&b, out),
                None => out.clear(),
            },
        }
    }

    /// An error when some rows, or quotations, could not be read back.
    pub fn check(&self) -> Result<()> {
        self.failed.check("counts")?;
        self.quotes_failed.check("quotations")
    }
}

/// Per document, its term counts sorted by term id, each document's rows packed as LEB128
/// numbers: the row count, then per row the term id's step from the row before (zigzag-coded,
/// so that rows in any order pack), its occurrences, and the quoted and scare occurrences. A
/// row takes about 4 bytes instead of the 16 of a [`TermCount`] (on UNGD, 8 MB of memory for
/// 2.2 million rows instead of 30), and a document's rows are one allocation of their size,
/// or a place in the [`Store`]'s file.
#[derive(Debug, Clone, Default)]
pub struct DocTerms {
    docs: Vec<Rows>,
    store: Store,
}

impl PartialEq for DocTerms {
    /// The same rows for the same documents, wherever they are kept.
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().zip(other.iter()).all(|(x, y)| x == y)
    }
}

impl DocTerms {
    /// Documents held.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// Whether no document's counts are held (a run of corpus totals).
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Adds the next document's rows (sorted by term id, as every run keeps them).
    pub fn push(&mut self, rows: &[TermCount]) {
        self.docs.push(self.store.put(pack(rows.iter().copied())));
    }

    /// Documents' rows kept in `store`, in order.
    pub fn new(docs: Vec<Rows>, store: Store) -> Self {
        DocTerms { docs, store }
    }

    /// An error when some document's rows could not be read back from the temporary file.
    pub fn check(&self) -> Result<()> {
        self.store.check()
    }

    /// Where the rows are kept, and beside them the quotations set aside.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Document `i`'s rows, sorted by term id (none past the last document).
    pub fn get(&self, i: usize) -> Vec<TermCount> {
        let mut out = Vec::new();
        self.get_into(i, &mut out);
        out
    }

    /// Document `i`'s rows into `out` (emptied first), sparing an allocation per document to
    /// a caller that goes through many.
    pub fn get_into(&self, i: usize, out: &mut Vec<TermCount>) {
        match self.docs.get(i) {
            Some(r) => self.store.unpack(r, out),
            None => out.clear(),
        }
    }

    /// Document `i`'s number of rows.
    pub fn rows(&self, i: usize) -> usize {
        match self.docs.get(i) {
            Some(Rows::Here(b)) => Reader { b, at: 0 }.next() as usize,
            Some(r) => {
                let mut out = Vec::new();
                self.store.unpack(r, &mut out);
                out.len()
            }
            None => 0,
        }
    }

    /// Each document's rows, in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = Vec<TermCount>> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    /// Keeps the documents `keep` marks (one flag per document, in order).
    pub fn retain(&mut self, keep: &[bool]) {
        let mut k = keep.iter();
        self.docs.retain(|_| *k.next().unwrap_or(&false));
    }
}

/// Rows, in any order (sorted by term id, they take least), packed (see [`DocTerms`]).
pub(super) fn pack(rows: impl ExactSizeIterator<Item = TermCount>) -> Box<[u8]> {
    let mut b = Vec::with_capacity(rows.len() * 4 + 4);
    put(&mut b, rows.len() as u64);
    let mut last = 0u32;
    for r in rows {
        // The step zigzag-coded (0, -1, 1, -2 as 0, 1, 2, 3): rows not sorted by term (a
        // document's forms in the order they came) take a few bytes more, not five.
        let step = i64::from(r.term) - i64::from(last);
        put(&mut b, ((step << 1) ^ (step >> 63)) as u64);
        put(&mut b, r.count.into());
        put(&mut b, r.quoted.into());
        put(&mut b, r.scare.into());
        last = r.term;
    }
    b.into_boxed_slice()
}

/// Packed rows (see [`pack`]) into `out`, emptied first.
pub(super) fn unpack(b: &[u8], out: &mut Vec<TermCount>) {
    out.clear();
    let mut r = Reader { b, at: 0 };
    let n = r.next() as usize;
    out.reserve(n);
    let mut term = 0u32;
    for _ in 0..n {
        let z = r.next();
        let step = (z >> 1) as i64 ^ -((z & 1) as i64);
        term = (i64::from(term) + step) as u32;
        out.push(TermCount {
            term,
            count: r.next() as u32,
            quoted: r.next() as u32,
            scare: r.next() as u32,
        });
    }
}

/// Appends `x` as LEB128: seven bits a byte, low bits first, the high bit set on all but the
/// last byte.
fn put(b: &mut Vec<u8>, mut x: u64) {
    while x >= 0x80 {
        b.push((x as u8) | 0x80);
        x >>= 7;
    }
    b.push(x as u8);
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn next(&mut self) -> u64 {
        let mut x = 0u64;
        let mut shift = 0;
        loop {
            let byte = self.b[self.at];
            self.at += 1;
            x |= u64::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return x;
            }
            shift += 7;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(term: u32, count: u32, quoted: u32, scare: u32) -> TermCount {
        TermCount {
            term,
            count,
            quoted,
            scare,
        }
    }

    #[test]
    fn rows_come_back_as_packed_at_every_width() {
        let wide = [
            0,
            1,
            127,
            128,
            16_383,
            16_384,
            2_097_152,
            u32::MAX - 1,
            u32::MAX,
        ];
        let rows: Vec<TermCount> = wide
            .iter()
            .enumerate()
            .map(|(i, &t)| row(t, wide[wide.len() - 1 - i], i as u32, u32::MAX - t))
            .collect();
        let mut d = DocTerms::default();
        d.push(&rows);
        d.push(&[]);
        d.push(&rows[2..4]);
        assert_eq!(d.len(), 3);
        assert_eq!(d.get(0), rows);
        assert_eq!(d.get(1), Vec::new());
        assert_eq!(d.get(2), rows[2..4].to_vec());
        assert_eq!(d.get(3), Vec::new());
        assert_eq!((d.rows(0), d.rows(1), d.rows(2)), (9, 0, 2));
        // Small numbers take a byte each: a row of four.
        assert_eq!(
            pack([row(5, 3, 0, 0), row(9, 1, 1, 0)].into_iter()).len(),
            1 + 8
        );
        // Rows out of order come back in their order, a step back in a byte or two.
        let mixed = [
            row(40, 1, 0, 0),
            row(3, 2, 0, 0),
            row(u32::MAX, 1, 0, 0),
            row(0, 1, 0, 0),
        ];
        let mut buf = Vec::new();
        unpack(&pack(mixed.into_iter()), &mut buf);
        assert_eq!(buf, mixed);
        assert_eq!(pack(mixed[..2].iter().copied()).len(), 1 + 4 + 4);
    }

    #[test]
    fn rows_set_aside_come_back_and_a_lost_file_is_an_error() {
        let rows = [row(3, 2, 1, 0), row(9, 1, 0, 0), row(70_000, 5, 5, 5)];
        let mut here = DocTerms::default();
        let mut aside = DocTerms::new(Vec::new(), Store::new(true));
        for d in [&rows[..], &[], &rows[1..]] {
            here.push(d);
            aside.push(d);
        }
        assert!(aside.docs.iter().all(|r| matches!(r, Rows::Aside(_))));
        assert_eq!(here, aside);
        assert_eq!((aside.rows(0), aside.rows(1), aside.rows(2)), (3, 0, 2));
        aside.check().unwrap();
        // A run that spills counts the same as one that does not.
        let docs = crate::corpus::Document::each_of(&[
            "We condemn the \"elections\".",
            "",
            "Peace, peace.",
        ]);
        let mut o = crate::analysis::Options::new(crate::text::Lang::english());
        let kept = crate::analysis::analyse(&docs, &o).doc_terms;
        o.spill_counts = true;
        let spilled = crate::analysis::analyse(&docs, &o).doc_terms;
        assert!(spilled.docs.iter().all(|r| matches!(r, Rows::Aside(_))));
        assert_eq!(kept, spilled);
        assert_eq!(spilled.get(0).iter().map(|c| c.quoted).sum::<u32>(), 1);
        // The file gone: no rows, and the failure is said.
        let lost = DocTerms::new(vec![Rows::Aside(Spilled::default())], Store::default());
        assert!(lost.get(0).is_empty());
        // A failure of the run's files, not of its arguments: exit 1, not 2.
        assert!(matches!(
            lost.check(),
            Err(crate::error::Error::SetAside { what: "counts", .. })
        ));
        let e = lost.check().unwrap_err().to_string();
        assert!(e.contains("temporary file") && e.contains("TMPDIR"), "{e}");
    }

    #[test]
    fn retain_keeps_the_marked_documents_in_order() {
        let mut d = DocTerms::default();
        for i in 0..4 {
            d.push(&[row(i, i + 1, 0, 0)]);
        }
        d.retain(&[true, false, false, true]);
        assert_eq!(d.len(), 2);
        assert_eq!(d.get(1), vec![row(3, 4, 0, 0)]);
        let mut buf = vec![row(9, 9, 9, 9)];
        d.get_into(0, &mut buf);
        assert_eq!(buf, vec![row(0, 1, 0, 0)]);
    }
}
