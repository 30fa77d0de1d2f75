//! Streaming a corpus: files read, decoded, normalised and handed to a [`Consumer`] in parallel,
//! each text dropped once consumed.

use super::decode::read_source;
use super::hyphens::{
    break_candidates, collect_compounds, want_words_of_breaks, words_found, HyphenLexicon,
};
use super::walk::find_all;
use super::{lock, Document, LoadOptions, OffsetMap, Problem};
use crate::error::{Error, Result};
use crate::text::packed::WordSet;
use ahash::AHashSet;
use rayon::prelude::*;
use std::path::PathBuf;

/// What [`stream`] does with each document, and how it finds words in its results.
pub trait Consumer: Sync {
    /// The per-document result (counts); the document itself is dropped after this.
    type Output: Send;
    /// Analyses one document.
    fn consume(&self, doc: &Document) -> Self::Output;
    /// Which of `wanted` (lower-case words) occur as words in these results: the line-break
    /// hyphen rule needs to know which words the corpus writes.
    fn words_in(&self, results: &[&Self::Output], wanted: &AHashSet<String>) -> AHashSet<String>;
}

/// What [`stream`]'s first pass gathers besides results: the compounds written within a line,
/// and the words the line-break hyphens of the documents that wait ask about.
#[derive(Default)]
struct Gathered {
    compounds: AHashSet<String>,
    wanted: AHashSet<String>,
}

impl Gathered {
    fn absorb(&mut self, other: Gathered) {
        self.compounds.extend(other.compounds);
        self.wanted.extend(other.wanted);
    }
}

/// One parallel job's [`Gathered`], added to the shared one when the job ends (one lock per
/// job rather than per document).
struct Gathering<'a> {
    own: Gathered,
    into: &'a std::sync::Mutex<Gathered>,
}

impl Drop for Gathering<'_> {
    fn drop(&mut self) {
        lock(self.into).absorb(std::mem::take(&mut self.own));
    }
}

/// Reads, decodes, normalises and consumes every input in parallel without holding the corpus:
/// each text is dropped once consumed. Results come back in input order, with the problems.
///
/// Documents with no hyphen at a line break (most) are consumed in the first pass. The others
/// wait until the whole corpus has been seen, since their hyphens are decided by what the rest
/// writes (see [`normalise_lines`]); they are then read again, which costs less than holding
/// them. The words that rule needs (the pieces of those breaks and the pieces joined) are
/// found in the results of first-pass documents ([`Consumer::words_in`]); those still missing
/// are looked for in the waiting texts, read once more for it, before they are consumed.
pub fn stream<C: Consumer>(
    inputs: &[PathBuf],
    opts: &LoadOptions,
    consumer: &C,
) -> Result<(Vec<C::Output>, Vec<Problem>)> {
    enum First<R> {
        Done(R),
        /// Decided later; the text of an input that cannot be read again (standard input, a
        /// pipe such as `<(zcat x.gz)`) is kept.
        Later(Option<(String, OffsetMap)>),
        Failed(Error),
    }
    let (files, mut problems) = find_all(inputs, opts)?;
    let no_lexicon = HyphenLexicon::default();
    // Gathered as documents go by rather than per document, so that memory stays flat.
    let shared = std::sync::Mutex::new(Gathered::default());
    let first: Vec<First<C::Output>> = files
        .par_iter()
        .map_init(
            || Gathering {
                own: Gathered::default(),
                into: &shared,
            },
            |g, (id, path)| match read_source(path.as_deref(), opts) {
                Err(e) => First::Failed(e),
                Ok((text, map)) => {
                    g.own.compounds.extend(collect_compounds(&text));
                    let breaks = break_candidates(&text);
                    if breaks.is_empty() {
                        let doc =
                            Document::assemble(id.clone(), path.clone(), text, map, &no_lexicon);
                        First::Done(consumer.consume(&doc))
                    } else {
                        want_words_of_breaks(&mut g.own.wanted, breaks);
                        let again = path
                            .as_deref()
                            .is_some_and(|p| std::fs::metadata(p).is_ok_and(|m| m.is_file()));
                        First::Later((!again).then_some((text, map)))
                    }
                }
            },
        )
        .collect();
    let Gathered { compounds, wanted } = shared.into_inner().unwrap_or_else(|e| e.into_inner());
    let later: Vec<usize> = (0..first.len())
        .filter(|&i| matches!(first[i], First::Later(_)))
        .collect();
    let mut slots: Vec<Option<Result<C::Output>>> = Vec::with_capacity(first.len());
    let mut kept: Vec<Option<(String, OffsetMap)>> = Vec::new();
    if later.is_empty() {
        for f in first {
            slots.push(Some(match f {
                First::Done(r) => Ok(r),
                First::Failed(e) => Err(e),
                First::Later(_) => unreachable!("no document was deferred"),
            }));
        }
    } else {
        let done: Vec<&C::Output> = first
            .iter()
            .filter_map(|f| match f {
                First::Done(r) => Some(r),
                _ => None,
            })
            .collect();
        let mut words = consumer.words_in(&done, &wanted);
        for f in first {
            match f {
                First::Done(r) => slots.push(Some(Ok(r))),
                First::Failed(e) => slots.push(Some(Err(e))),
                First::Later(k) => {
                    slots.push(None);
                    kept.push(k);
                }
            }
        }
        // The wanted words the first-pass documents do not write are looked for in the
        // deferred texts, read once more (cheaper than gathering every word they hold: the
        // set looked up is as small as the pieces of their breaks).
        let mut missing = WordSet::default();
        for w in wanted.iter().filter(|w| !words.contains(*w)) {
            missing.insert(w);
        }
        if !missing.is_empty() {
            let found: Vec<AHashSet<String>> = later
                .par_iter()
                .zip(kept.par_iter())
                .map(|(&i, k)| match k {
                    Some((text, _)) => words_found(text, &missing),
                    // A file that cannot be read again is reported by the pass below.
                    None => read_source(files[i].1.as_deref(), opts)
                        .map(|(text, _)| words_found(&text, &missing))
                        .unwrap_or_default(),
                })
                .collect();
            words.extend(found.into_iter().flatten());
        }
        let lex = HyphenLexicon { compounds, words };
        let results: Vec<Result<C::Output>> = later
            .par_iter()
            .zip(kept.into_par_iter())
            .map(|(&i, k)| {
                let (text, map) = match k {
                    Some(t) => t,
                    None => read_source(files[i].1.as_deref(), opts)?,
                };
                let (id, path) = &files[i];
                let doc = Document::assemble(id.clone(), path.clone(), text, map, &lex);
                Ok(consumer.consume(&doc))
            })
            .collect();
        for (&i, r) in later.iter().zip(results) {
            slots[i] = Some(r);
        }
    }
    let mut out = Vec::with_capacity(slots.len());
    for r in slots.into_iter().flatten() {
        match r {
            Ok(r) => out.push(r),
            Err(e) => {
                let warning = e.is_warning();
                problems.push(Problem { error: e, warning });
            }
        }
    }
    Ok((out, problems))
}
