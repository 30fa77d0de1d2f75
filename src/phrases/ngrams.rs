//! N-grams: sequences of n words (terms, matched by their stems) counted in the held corpus,
//! level after level. An n-gram never spans documents, paragraphs or punctuation (nor
//! sentences, unless asked). With a minimum count above one, an n-gram is counted only when the
//! (n−1)-grams it starts and ends with reached the minimum (a longer sequence cannot be more
//! frequent than its parts), so that 3- to 5-grams are counted without holding the millions
//! that occur once; with a high minimum, a level's keys are first counted in a count-min
//! sketch and only those that may reach it are counted in full (`Sketch`). Keys are the
//! terms' ids, 24 bits each, packed in a u128 with n.

use super::counts::{shard, Counted, Counts, Level};
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
            | gap::QUOTE
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

/// The bit of a form key ([`with_capitals`]) that says its `k`th word starts with a capital.
const CAPITAL_BIT: u32 = 123;

/// A key of form ids with, above its length, which of its words were written with a capital
/// first letter (one bit a word: 5 words at most), so that the forms of an n-gram are its
/// spellings as written and the most frequent one can be shown.
pub fn with_capitals(key: u128, gaps: &[u8]) -> u128 {
    gaps.iter().enumerate().fold(key, |k, (i, g)| {
        k | ((((g & crate::analysis::gap::CAPITAL) != 0) as u128) << (CAPITAL_BIT as usize + i))
    })
}

/// Whether word `i` of a form key made by [`with_capitals`] starts with a capital.
pub fn capital(key: u128, i: usize) -> bool {
    (key >> (CAPITAL_BIT as usize + i)) & 1 == 1
}

/// The ids of a key.
pub fn unpack(k: u128) -> Vec<u32> {
    let n = ((k >> 120) & 0b111) as usize;
    (0..n)
        .map(|i| ((k >> (24 * i)) & 0xFF_FFFF) as u32)
        .collect()
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

/// The n-grams of length `n` a level counts, before the minimum: calls `f` with each window's
/// key (term ids) and first word, in one document, for those `wanted` and `prev` let through
/// (and, with `skip_stop_edges`, none whose first or last word is a stopword in every form).
#[allow(clippy::too_many_arguments)]
fn each_window(
    held: &Held,
    d: &HeldDoc,
    n: usize,
    forbid: u8,
    prev: &Prev,
    skip_stop_edges: bool,
    wanted: impl Fn(u128) -> bool,
    mut f: impl FnMut(u128, usize),
) {
    let mut buf = [0u32; MAX_N];
    for first in windows(d, n, forbid) {
        for (k, id) in buf[..n].iter_mut().enumerate() {
            *id = held.term(d, first + k);
        }
        let ids = &buf[..n];
        if skip_stop_edges
            && (held.term_stop[ids[0] as usize] || held.term_stop[ids[n - 1] as usize])
        {
            continue;
        }
        let key = pack(ids);
        if wanted(key) && frequent_parts(ids, prev) {
            f(key, first);
        }
    }
}

/// A count-min sketch of n-gram keys: two rows of counters, each key adding one to a counter
/// of each row. A counter is never below the count of any key it holds, so a key with a
/// counter below the minimum is certainly below it and need not be counted. With a high
/// minimum (the report's table of the most frequent n-grams) that is nearly every key: the
/// exact counts are then kept for a few thousand n-grams instead of a million.
///
/// Each worker thread fills a sketch of its own documents with one-byte counters that stop at
/// the cap, the minimum or 255 for a higher one (which lets more keys through but never drops
/// one), so that a thread's counters stay near its cache and need no atomic updates: at most
/// 8 MiB a thread. The threads' counters are then added into one bit per counter, set when the
/// sum reaches the cap ([`Passing`]): what the counting pass consults, an eighth of the size.
#[derive(Debug, Clone, Copy)]
struct Sketch {
    bits: u32,
    cap: u8,
}

impl Sketch {
    /// Most counters per row (4 MiB a row and thread).
    const MAX_BITS: u32 = 22;

    /// A sketch for about `windows` keys in which a key seen fewer than `min` times rarely has
    /// both counters at the cap (the average counter a quarter of the cap at most), if one of
    /// at most [`Self::MAX_BITS`] counters a row can be; none when the minimum is too low to
    /// sort out many keys that way.
    fn for_minimum(windows: u64, min: u64) -> Option<Sketch> {
        if min < 8 {
            return None;
        }
        let cap = min.min(u8::MAX as u64);
        let want = (4 * windows / cap).max(1 << 10).next_power_of_two();
        let bits = want.trailing_zeros();
        (bits <= Self::MAX_BITS).then_some(Sketch {
            bits,
            cap: cap as u8,
        })
    }

    /// The key's counter in each row.
    fn slots(self, key: u128) -> [usize; 2] {
        // splitmix64's finaliser, a bijection: the low half mixed with the row's seed, the
        // high half added and mixed again, so that two keys meeting in one row seldom meet
        // in the other (a plain fold of the halves would send them to the same counters).
        let fin = |mut z: u64| {
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        let mix = |seed: u64| fin(fin(key as u64 ^ seed) ^ (key >> 64) as u64) >> (64 - self.bits);
        let row = 1usize << self.bits;
        [
            mix(0x9E37_79B9_7F4A_7C15) as usize,
            row + mix(0x2545_F491_4F6C_DD1D) as usize,
        ]
    }

    /// A thread's counters: two rows.
    fn counters(self) -> Vec<u8> {
        vec![0; 2 << self.bits]
    }

    /// Counts the key in a thread's `counters`.
    fn add(self, counters: &mut [u8], key: u128) {
        for i in self.slots(key) {
            let c = &mut counters[i];
            *c += (*c < self.cap) as u8;
        }
    }

    /// The counters that reached the cap, the threads' counts added.
    fn passing(self, threads: &[Vec<u8>]) -> Passing {
        let words: Vec<u64> = (0..(2usize << self.bits) / 64)
            .into_par_iter()
            .map(|w| {
                (0..64).fold(0u64, |bits, j| {
                    let i = w * 64 + j;
                    let sum: u32 = threads.iter().map(|t| t[i] as u32).sum();
                    bits | ((sum >= self.cap as u32) as u64) << j
                })
            })
            .collect();
        Passing {
            sketch: self,
            words,
        }
    }
}

/// The counters of a [`Sketch`] that reached the minimum, one bit each: a key may reach the
/// minimum only when both of its counters did.
struct Passing {
    sketch: Sketch,
    words: Vec<u64>,
}

impl Passing {
    /// Whether the key may have reached the minimum (it certainly has not when this is false).
    fn may_reach(&self, key: u128) -> bool {
        self.sketch
            .slots(key)
            .iter()
            .all(|&i| self.words[i / 64] >> (i % 64) & 1 == 1)
    }

    /// Sketches the level's keys in every document (`window` calls its closure with each key
    /// of a document) and keeps the counters that reached the minimum.
    fn of(
        sketch: Sketch,
        held: &Held,
        window: impl Fn(&HeldDoc, &mut dyn FnMut(u128)) + Sync,
    ) -> Passing {
        let threads = rayon::current_num_threads().max(1);
        let counts: Vec<Vec<u8>> = (0..threads)
            .into_par_iter()
            .map(|t| {
                let mut c = sketch.counters();
                for i in (t..held.docs.len()).step_by(threads) {
                    window(&held.docs.get(i), &mut |key| sketch.add(&mut c, key));
                }
                c
            })
            .collect();
        sketch.passing(&counts)
    }
}

/// Counts the n-grams of length `n` in every document, per bin, those `prev` lets through
/// (and, with `skip_stop_edges`, none whose first or last word is a stopword in every form),
/// with the forms they were written in: one pass over the windows, one map update each. With
/// a `min` count high enough, a first pass sketches the keys' counts, and the n-grams that
/// cannot reach it are left out (they would make no row, and no longer n-gram would hold them).
fn count_level(
    held: &Held,
    n: usize,
    forbid: u8,
    prev: &Prev,
    skip_stop_edges: bool,
    min: u64,
) -> Level {
    // Single words are let through by their exact counts already (`prev`).
    let sketch = (n > 1).then(|| Sketch::for_minimum(held.tokens(), min));
    let passing = sketch.flatten().map(|sk| {
        Passing::of(sk, held, |d, add| {
            let all = |_| true;
            each_window(held, d, n, forbid, prev, skip_stop_edges, all, |key, _| {
                add(key)
            })
        })
    });
    // Without a sketch each thread reads every window and counts the keys of its shard, so
    // that no key is held twice; with one, few keys pass, and each thread counts every key of
    // its own documents (the windows read once), the threads' entries merged after.
    let threads = rayon::current_num_threads().max(1);
    let per_thread: Vec<Vec<AHashMap<u128, Counted>>> = (0..threads)
        .into_par_iter()
        .map(|s| {
            let mut bins: Vec<AHashMap<u128, Counted>> = vec![AHashMap::new(); held.n_bins];
            let mine_doc = |i: &usize| passing.is_none() || i % threads == s;
            for i in (0..held.docs.len()).filter(mine_doc) {
                let (d, b) = (held.docs.get(i), held.bins[i]);
                let d = &*d;
                let bin = &mut bins[b as usize];
                let mine = |key| match &passing {
                    Some(p) => p.may_reach(key),
                    None => shard(key, threads) == s,
                };
                each_window(
                    held,
                    d,
                    n,
                    forbid,
                    prev,
                    skip_stop_edges,
                    mine,
                    |key, first| {
                        let (quoted, scare) = d.quoted(first, first + n - 1);
                        let form = with_capitals(d.forms.pack(first, n), &d.gaps[first..first + n]);
                        bin.entry(key).or_default().add(
                            i as u32,
                            first as u32,
                            form,
                            quoted,
                            scare,
                        );
                    },
                );
            }
            bins
        })
        .collect();
    // Per bin, the threads' maps.
    let mut bins: Vec<Vec<AHashMap<u128, Counted>>> = vec![Vec::new(); held.n_bins];
    for thread_bins in per_thread {
        for (into, m) in bins.iter_mut().zip(thread_bins) {
            into.push(m);
        }
    }
    let counts = match passing {
        Some(_) => Counts::from_overlapping,
        None => Counts::from_shards,
    };
    Level::new(n, bins.into_iter().map(counts).collect())
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
        // The longest n-grams edged by a word that is a stopword in every form are never rows
        // (a shorter one may still be part of a longer row: "secretary of" of "secretary of
        // state").
        let skip = o.stop_edges && n == o.n_max;
        let mut level = count_level(held, n, forbid, &prev, skip, o.min_count);
        if prune && n < o.n_max {
            // A key below the minimum in the corpus is below it in every bin: no row, and no
            // longer n-gram holds it. (The rows of the longest level are kept by their count
            // in their bin, which is never more than in the corpus.)
            prev = Prev::Keys(level.keep_frequent(o.min_count));
        }
        if n >= o.n_min {
            out.push(level);
        }
    }
    held.docs.check()?;
    Ok(out)
}

/// Whether an n-gram starts or ends with a stopword, in the form it is most often written.
pub fn stop_edged(held: &Held, form_key: u128) -> bool {
    let forms = unpack(form_key);
    let stop = |f: Option<&u32>| f.is_some_and(|&f| held.form_stop[f as usize]);
    stop(forms.first()) || stop(forms.last())
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
    fn a_sketch_never_drops_a_key_that_reaches_the_minimum() {
        assert!(
            Sketch::for_minimum(1_000, 7).is_none(),
            "too low a minimum to sort out much"
        );
        assert!(
            Sketch::for_minimum(100_000_000, 8).is_none(),
            "more counters than a row holds"
        );
        for min in [20u64, 300] {
            let sk = Sketch::for_minimum(50_000, min).unwrap();
            assert_eq!(
                sk.cap as u64,
                min.min(255),
                "counters stop at the minimum or 255"
            );
            // Keys seen 1 to 2 × min times each, about 50,000 windows in all, their
            // occurrences dealt to one thread, to two in turn, or mostly to the first.
            let deals: [&dyn Fn(u64) -> usize; 3] =
                [&|_| 0, &|k| (k % 2) as usize, &|k| (k % 5 == 4) as usize];
            for deal in deals {
                let mut seen = Vec::new();
                let mut threads = [sk.counters(), sk.counters()];
                let (mut total, mut id) = (0u64, 0u32);
                while total < 50_000 {
                    let times = 1 + id as u64 % (2 * min);
                    let key = pack(&[id, id + 1]);
                    seen.push((key, times));
                    for k in 0..times {
                        sk.add(&mut threads[deal(k)], key);
                    }
                    total += times;
                    id += 1;
                }
                let passing = sk.passing(&threads);
                assert!(seen
                    .iter()
                    .filter(|&&(_, c)| c >= min)
                    .all(|&(k, _)| passing.may_reach(k)));
                // Most keys below the cap are told apart from those that reach the minimum.
                let cap = min.min(255);
                let below: Vec<_> = seen.iter().filter(|&&(_, c)| c < cap).collect();
                let passed = below
                    .iter()
                    .filter(|&&&(k, _)| passing.may_reach(k))
                    .count();
                assert!(passed * 10 < below.len(), "{passed} of {}", below.len());
            }
        }
    }

    #[test]
    fn keys_pack_and_unpack() {
        for ids in [vec![0], vec![1, 2], vec![0xFF_FFFF, 0, 7, 9, 0xAB_CDEF]] {
            assert_eq!(unpack(pack(&ids)), ids);
        }
        // Lengths tell keys apart even when ids are zero.
        assert_ne!(pack(&[0]), pack(&[0, 0]));
    }
}
