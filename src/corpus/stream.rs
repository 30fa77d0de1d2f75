//! Streaming a corpus: files read, decoded, normalised and handed to a [`Consumer`] in parallel,
//! each text dropped once consumed.

use super::walk::find_all;
use super::{Document, LoadOptions, Problem};
use crate::error::Result;
use rayon::prelude::*;
use std::path::PathBuf;

/// What [`stream`] does with each document.
pub trait Consumer: Sync {
    /// The per-document result (counts); the document itself is dropped after this.
    type Output: Send;
    /// Analyses one document.
    fn consume(&self, doc: &Document) -> Self::Output;
    /// Analyses the document of file `k` of the files streamed (a consumer that keeps
    /// something per file, such as its bin, looks it up by `k`); by default [`Self::consume`].
    fn consume_at(&self, k: usize, doc: &Document) -> Self::Output {
        let _ = k;
        self.consume(doc)
    }

    /// Whether [`stream_each`] reads the files a piece at a time (the default), or all of them
    /// side by side before it hands their results on: a consumer that keeps running sums per
    /// worker and per group of files (kept together) would otherwise have every worker meet
    /// every group, and keep sums of each.
    fn in_pieces(&self) -> bool {
        true
    }
}

/// Files read side by side at most before their results are handed on in order: enough that
/// both cores stay busy to the end of a piece, few enough that the results of a piece, not of
/// the corpus, wait for their turn.
const PIECE: usize = 1024;

/// Reads, decodes, normalises and consumes every input in parallel without holding the corpus:
/// each text is dropped once consumed, so at most one text per worker thread is in memory.
/// Results come back in input order, with the problems (a file that cannot be read is one
/// problem; the others go on).
pub fn stream<C: Consumer>(
    inputs: &[PathBuf],
    opts: &LoadOptions,
    consumer: &C,
) -> Result<(Vec<C::Output>, Vec<Problem>)> {
    let (files, mut problems) = find_all(inputs, opts)?;
    let mut out = Vec::with_capacity(files.len());
    stream_each(
        &files,
        |_| true,
        opts,
        consumer,
        |_, r| match r {
            Ok(r) => out.push(r),
            Err(e) => problems.push(Problem::from(e)),
        },
    );
    Ok((out, problems))
}

/// Reads and consumes the files `wanted` chooses (by index) in parallel, and hands each one's
/// result to `each` with the file's index, in file order, as the corpus is read: a piece of
/// files at a time, so that no list of every file's result is held beside what `each` keeps.
pub fn stream_each<C: Consumer>(
    files: &[(String, Option<PathBuf>)],
    wanted: impl Fn(usize) -> bool + Sync,
    opts: &LoadOptions,
    consumer: &C,
    mut each: impl FnMut(usize, Result<C::Output>),
) {
    let size = piece_size(consumer, files.len());
    for (p, piece) in files.chunks(size).enumerate() {
        read_piece(piece, p * size, &wanted, opts, consumer, &mut each);
    }
}

/// How many files [`stream_each`] reads side by side at a time.
fn piece_size<C: Consumer>(consumer: &C, files: usize) -> usize {
    if consumer.in_pieces() {
        PIECE
    } else {
        files.max(1)
    }
}

/// Reads and consumes the files of `piece` (the first of which is file `first`) that `wanted`
/// chooses, in parallel, and hands their results to `each` in order.
fn read_piece<C: Consumer>(
    piece: &[(String, Option<PathBuf>)],
    first: usize,
    wanted: &(impl Fn(usize) -> bool + Sync),
    opts: &LoadOptions,
    consumer: &C,
    each: &mut impl FnMut(usize, Result<C::Output>),
) {
    let done: Vec<(usize, Result<C::Output>)> = (piece.par_iter().enumerate())
        .map(|(i, f)| (first + i, f))
        .filter(|(k, _)| wanted(*k))
        .map(|(k, (id, path))| {
            let doc = Document::read(id, path.as_deref(), opts);
            (k, doc.map(|d| consumer.consume_at(k, &d)))
        })
        .collect();
    for (k, r) in done {
        each(k, r);
    }
}

/// One document read by [`stream_binned`]: its id, its bin and what the consumer made of it.
pub struct Binned<T> {
    /// The document's id.
    pub id: String,
    /// Its bin.
    pub bin: u32,
    /// The consumer's output.
    pub output: T,
}

/// [`stream_each`] over the files of `found` that have a bin (`bin_of_file`, `None`: left
/// out): each document read goes to `each`, in order, with its bin; returns the files that
/// could not be read.
pub fn stream_binned<C: Consumer>(
    found: &super::GroupedFiles,
    bin_of_file: &[Option<u32>],
    opts: &LoadOptions,
    consumer: &C,
    mut each: impl FnMut(Binned<C::Output>),
) -> Vec<Problem> {
    let mut problems = Vec::new();
    let wanted = |k: usize| bin_of_file[k].is_some();
    stream_each(&found.files, wanted, opts, consumer, |k, r| match r {
        Ok(output) => each(Binned {
            id: found.files[k].0.clone(),
            bin: bin_of_file[k].unwrap_or_default(),
            output,
        }),
        Err(e) => problems.push(Problem::from(e)),
    });
    problems
}
