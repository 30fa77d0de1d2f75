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
}

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
    for r in stream_files(&files, opts, consumer) {
        match r {
            Ok(r) => out.push(r),
            Err(e) => problems.push(Problem::from(e)),
        }
    }
    Ok((out, problems))
}

/// [`stream`] over files already found: one result per file, in order.
pub fn stream_files<C: Consumer>(
    files: &[(String, Option<PathBuf>)],
    opts: &LoadOptions,
    consumer: &C,
) -> Vec<Result<C::Output>> {
    files
        .par_iter()
        .map(|(id, path)| {
            let doc = Document::read(id, path.as_deref(), opts)?;
            Ok(consumer.consume(&doc))
        })
        .collect()
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

/// [`stream_files`] over the files of `found` that have a bin (`bin_of_file`, `None`: left
/// out): the documents read, in order, each with its bin, and the files that could not be read.
pub fn stream_binned<C: Consumer>(
    found: &super::GroupedFiles,
    bin_of_file: &[Option<u32>],
    opts: &LoadOptions,
    consumer: &C,
) -> (Vec<Binned<C::Output>>, Vec<Problem>) {
    let keep: Vec<(String, Option<PathBuf>)> = found
        .files
        .iter()
        .zip(bin_of_file)
        .filter(|(_, b)| b.is_some())
        .map(|(f, _)| f.clone())
        .collect();
    let bins = bin_of_file.iter().flatten().copied();
    let mut read = Vec::with_capacity(keep.len());
    let mut problems = Vec::new();
    for ((r, (id, _)), bin) in stream_files(&keep, opts, consumer)
        .into_iter()
        .zip(&keep)
        .zip(bins)
    {
        match r {
            Ok(output) => read.push(Binned {
                id: id.clone(),
                bin,
                output,
            }),
            Err(e) => problems.push(Problem::from(e)),
        }
    }
    (read, problems)
}
