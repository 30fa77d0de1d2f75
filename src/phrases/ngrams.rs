//! N-grams: sequences of n words (terms, matched by their stems) counted in the held corpus,
//! level after level. An n-gram never spans documents, paragraphs or punctuation (nor
//! sentences, unless asked). With a minimum count above one, an n-gram is counted only when the
//! (n−1)-grams it starts and ends with reached the minimum (a longer sequence cannot be more
//! frequent than its parts), so that 3- to 5-grams are counted without holding the millions
//! that occur once. Keys are the terms' ids, 24 bits each, packed in a u128 with n.

use super::held::{gap, Held, HeldDoc};
use crate::error::{Error, Result};
use ahash::{AHashMap, AHashSet};
use rayon::prelude::*;

/// Longest n-gram counted.
pub const MAX_N: usize = 5;

/// How n-grams are counted and which are kept.
#[derive(Debug, Clone, Copy)]
pub struct NgramOptions {
    /// Shortest n-grams counted.
    pub n_min: usize,
    /// Longest n-grams counted.
    pub n_max: usize,
    /// Fewest occurrences (in the corpus, or in a bin's rows) for a row to be kept.
    pub min_count: u64,
    /// Let n-grams run across sentence ends (never across other punctuation or paragraphs).
    pub across_sentences: bool,
    /// Leave out n-grams that start or end with a stopword (of the run's stopword list).
    pub stop_edges: bool,
}

impl Default for NgramOptions {
    fn default() -> Self {
        NgramOptions {
            n_min: 2,
            n_max: 2,
            min_count: 2,
            across_sentences: false,
            stop_edges: true,
        }
    }
}

impl NgramOptions {
    /// Checks the lengths asked for.
    pub fn check(&self) -> Result<()> {
        if self.n_min < 1 || self.n_max > MAX_N || self.n_min > self.n_max {
            return Err(Error::Invalid(format!(
                "n-gram lengths {}..{} are out of range: from 1 to {MAX_N}, the shortest first",
                self.n_min, self.n_max
            )));
        }
        Ok(())
    }

    /// The [`gap`] bits an n-gram may not span.
    pub fn forbid(&self) -> u8 {
        gap::PUNCT
            | gap::PARAGRAPH
            | if self.across_sentences {
                0
            } else {
                gap::SENTENCE
            }
    }
}

/// The key of a sequence of ids.
pub fn pack(ids: &[u32]) -> u128 {
    let mut k = (ids.len() as u128) << 120;
    for (i, &id) in ids.iter().enumerate() {
        k |= (id as u128) << (24 * i);
    }
    k
}

/// The ids of a key.
pub fn unpack(k: u128) -> Vec<u32> {
    let n = (k >> 120) as usize;
    (0..n)
        .map(|i| ((k >> (24 * i)) & 0xFF_FFFF) as u32)
        .collect()
}

/// An n-gram's occurrences: all, in how many documents, inside one quotation, inside scare
/// quotes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Occurrences.
    pub count: u32,
    /// Documents using it.
    pub docs: u32,
    /// Occurrences inside one quotation.
    pub quoted: u32,
    /// Occurrences inside scare quotes.
    pub scare: u32,
}

impl Tally {
    fn add(&mut self, o: &Tally) {
        self.count += o.count;
        self.docs += o.docs;
        self.quoted += o.quoted;
        self.scare += o.scare;
    }
}

/// The n-grams of one length: per bin, each key's tally.
#[derive(Debug, Clone, Default)]
pub struct Level {
    /// The length.
    pub n: usize,
    /// Per bin, the n-grams and their tallies.
    pub bins: Vec<AHashMap<u128, Tally>>,
}

impl Level {
    /// Per key, its tally over every bin.
    pub fn totals(&self) -> AHashMap<u128, Tally> {
        let mut t: AHashMap<u128, Tally> = AHashMap::new();
        for b in &self.bins {
            for (k, v) in b {
                t.entry(*k).or_default().add(v);
            }
        }
        t
    }
}

/// The windows of `n` words of a document that span nothing `forbid` names: their first
/// words' indices.
pub fn windows(d: &HeldDoc, n: usize, forbid: u8) -> impl Iterator<Item = usize> + '_ {
    // Words since the last break, as the window slides.
    let mut run = 0usize;
    (0..d.len()).filter_map(move |i| {
        run = if i > 0 && d.gaps[i] & forbid == 0 {
            run + 1
        } else {
            1
        };
        (run >= n).then(|| i + 1 - n)
    })
}

/// Whether an n-gram at `first` may be counted: its (n−1)-grams reached the minimum.
fn frequent_parts(ids: &[u32], prev: &Prev) -> bool {
    match prev {
        Prev::All => true,
        Prev::Words(ok) => ids.iter().all(|&t| ok[t as usize]),
        Prev::Keys(set) => {
            let n = ids.len();
            set.contains(&pack(&ids[..n - 1])) && set.contains(&pack(&ids[1..]))
        }
    }
}

/// What the level below lets through.
enum Prev {
    All,
    Words(Vec<bool>),
    Keys(AHashSet<u128>),
}

/// The shard of a key: the worker thread that counts it. Each thread reads every window and
/// counts the keys of its shard, so no key is held twice and no maps need merging.
fn shard(key: u128, shards: usize) -> usize {
    // Mixes all the ids (a multiply-fold), so that shards get even shares.
    let x = (key as u64) ^ ((key >> 64) as u64);
    (x.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize % shards
}

/// Counts the n-grams of length `n` in every document, per bin, those `prev` lets through.
fn count_level(held: &Held, n: usize, forbid: u8, prev: &Prev) -> Level {
    let shards = rayon::current_num_threads().max(1);
    let per_shard: Vec<Vec<AHashMap<u128, Tally>>> = (0..shards)
        .into_par_iter()
        .map(|s| {
            let mut bins: Vec<AHashMap<u128, Tally>> = vec![AHashMap::new(); held.n_bins];
            let mut doc_map: AHashMap<u128, Tally> = AHashMap::new();
            for (d, &b) in held.docs.iter().zip(&held.bins) {
                doc_map.clear();
                for first in windows(d, n, forbid) {
                    let ids = &d.terms[first..first + n];
                    let key = pack(ids);
                    if shard(key, shards) != s || !frequent_parts(ids, prev) {
                        continue;
                    }
                    let (quoted, scare) = d.quoted(first, first + n - 1);
                    let t = doc_map.entry(key).or_default();
                    t.count += 1;
                    t.quoted += quoted as u32;
                    t.scare += scare as u32;
                }
                let bin = &mut bins[b as usize];
                for (k, mut t) in doc_map.drain() {
                    t.docs = 1;
                    bin.entry(k).or_default().add(&t);
                }
            }
            bins
        })
        .collect();
    // The shards' keys are disjoint: each bin's maps are joined, the largest taking the rest.
    let mut bins: Vec<AHashMap<u128, Tally>> = vec![AHashMap::new(); held.n_bins];
    for shard_bins in per_shard {
        for (into, m) in bins.iter_mut().zip(shard_bins) {
            if into.len() < m.len() {
                let small = std::mem::replace(into, m);
                into.extend(small);
            } else {
                into.extend(m);
            }
        }
    }
    Level { n, bins }
}

/// Counts the n-grams of lengths `o.n_min..=o.n_max`, level after level (from 2 or `n_min`,
/// whichever is shorter; bigrams only of words that reached the minimum), each level letting through the next only the n-grams
/// whose parts reached `o.min_count`.
pub fn count(held: &Held, o: &NgramOptions) -> Result<Vec<Level>> {
    o.check()?;
    let forbid = o.forbid();
    let mut out = Vec::new();
    let prune = o.min_count > 1;
    let mut prev = if prune {
        Prev::Words(held.term_count.iter().map(|&c| c >= o.min_count).collect())
    } else {
        Prev::All
    };
    let start = if prune { o.n_min.min(2) } else { o.n_min };
    for n in start..=o.n_max {
        let mut level = count_level(held, n, forbid, &prev);
        if prune {
            // A key below the minimum in the corpus is below it in every bin: no row, and no
            // longer n-gram holds it.
            let keep: AHashSet<u128> = level
                .totals()
                .into_iter()
                .filter(|(_, t)| t.count as u64 >= o.min_count)
                .map(|(k, _)| k)
                .collect();
            for b in &mut level.bins {
                b.retain(|k, _| keep.contains(k));
                b.shrink_to_fit();
            }
            prev = Prev::Keys(keep);
        }
        if n >= o.n_min {
            out.push(level);
        }
    }
    Ok(out)
}

/// Whether an n-gram starts or ends with a stopword, in the form it is most often written.
pub fn stop_edged(held: &Held, form_key: u128) -> bool {
    let forms = unpack(form_key);
    let stop = |f: Option<&u32>| f.is_some_and(|&f| held.form_stop[f as usize]);
    stop(forms.first()) || stop(forms.last())
}

/// The forms an n-gram was written in, while they are tallied: the first one seen, and the
/// others only when there are others (most n-grams are written one way).
#[derive(Default)]
struct FormTally {
    first: (u128, u32),
    more: Vec<(u128, u32)>,
}

impl FormTally {
    fn add(&mut self, form: u128) {
        if self.first.1 == 0 || self.first.0 == form {
            self.first = (form, self.first.1 + 1);
        } else if let Some(x) = self.more.iter_mut().find(|(f, _)| *f == form) {
            x.1 += 1;
        } else {
            self.more.push((form, 1));
        }
    }

    /// The most frequent form; ties go to the form seen first.
    fn best(&self) -> u128 {
        let mut best = self.first;
        for f in &self.more {
            if f.1 > best.1 {
                best = *f;
            }
        }
        best.0
    }
}

/// The most frequent form (sequence of folded forms, as a key) of each n-gram of `keys`; ties
/// go to the form seen first.
pub fn forms_of(held: &Held, keys: &AHashSet<u128>, forbid: u8) -> AHashMap<u128, u128> {
    let mut lengths: Vec<usize> = keys.iter().map(|&k| (k >> 120) as usize).collect();
    lengths.sort_unstable();
    lengths.dedup();
    let shards = rayon::current_num_threads().max(1);
    (0..shards)
        .into_par_iter()
        .map(|s| {
            // The shard's keys, looked up once per window.
            let mut tallies: AHashMap<u128, FormTally> = keys
                .iter()
                .filter(|&&k| shard(k, shards) == s)
                .map(|&k| (k, FormTally::default()))
                .collect();
            for &n in &lengths {
                for d in &held.docs {
                    for first in windows(d, n, forbid) {
                        let key = pack(&d.terms[first..first + n]);
                        if shard(key, shards) != s {
                            continue;
                        }
                        if let Some(t) = tallies.get_mut(&key) {
                            t.add(pack(&d.forms[first..first + n]));
                        }
                    }
                }
            }
            tallies
                .into_iter()
                .map(|(k, t)| (k, t.best()))
                .collect::<Vec<_>>()
        })
        .collect::<Vec<_>>()
        .into_iter()
        .flatten()
        .collect()
}

/// The words of a key joined by spaces: terms (`territori integr`) or forms.
pub fn words(key: u128, vocab: &[std::sync::Arc<str>]) -> String {
    unpack(key)
        .iter()
        .map(|&i| &*vocab[i as usize])
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_pack_and_unpack() {
        for ids in [vec![0], vec![1, 2], vec![0xFF_FFFF, 0, 7, 9, 0xAB_CDEF]] {
            assert_eq!(unpack(pack(&ids)), ids);
        }
        // Lengths tell keys apart even when ids are zero.
        assert_ne!(pack(&[0]), pack(&[0, 0]));
    }
}
