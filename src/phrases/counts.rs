//! The counts of the n-grams of one length: per bin (group, document, side), each n-gram's
//! tally and the forms it was written in, kept in one map per shard of the keys (counted by one
//! worker thread each, or by threads of their own documents and merged). An n-gram's entry
//! holds everything its row needs, so counting is one map update per window.

use ahash::{AHashMap, AHashSet};

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
    /// Adds `o`'s occurrences.
    pub fn add(&mut self, o: &Tally) {
        self.count += o.count;
        self.docs += o.docs;
        self.quoted += o.quoted;
        self.scare += o.scare;
    }
}

/// One way an n-gram was written: the forms' key, how often, and where first (document and
/// word, in corpus order).
#[derive(Debug, Clone, Copy, Default)]
struct Written {
    form: u128,
    count: u32,
    seen: u64,
}

/// The forms an n-gram was written in besides the first one seen (most n-grams are written
/// one way, and keep only a null pointer for these).
#[derive(Debug, Clone, Default)]
struct More(Vec<Written>);

/// One n-gram's entry: its tally, the forms it was written in (the first one seen kept inline,
/// its fields laid out flat so that an entry takes 64 bytes), and the last document that used
/// it (its index + 1), so that documents are counted as the windows go by.
#[derive(Debug, Clone, Default)]
pub struct Counted {
    /// Its occurrences.
    pub tally: Tally,
    form: u128,
    seen: u64,
    form_count: u32,
    last_doc: u32,
    more: Option<Box<More>>,
}

impl Counted {
    /// Counts one window of document `doc` (its index), at word `at`, written as `form`.
    pub fn add(&mut self, doc: u32, at: u32, form: u128, quoted: bool, scare: bool) {
        let t = &mut self.tally;
        t.count += 1;
        t.quoted += quoted as u32;
        t.scare += scare as u32;
        if self.last_doc != doc + 1 {
            self.last_doc = doc + 1;
            t.docs += 1;
        }
        self.add_form(form, 1, (doc as u64) << 32 | at as u64);
    }

    /// Adds `count` uses of `form`, first seen at `seen`.
    fn add_form(&mut self, form: u128, count: u32, seen: u64) {
        if self.form_count == 0 || self.form == form {
            if self.form_count == 0 || seen < self.seen {
                self.seen = seen;
            }
            self.form = form;
            self.form_count += count;
            return;
        }
        let more = &mut self.more.get_or_insert_with(Default::default).0;
        let w = match more.iter().position(|w| w.form == form) {
            Some(i) => &mut more[i],
            None => {
                more.push(Written {
                    form,
                    count: 0,
                    seen,
                });
                more.last_mut().expect("just pushed")
            }
        };
        w.seen = w.seen.min(seen);
        w.count += count;
    }

    /// Every form with its count and first sighting.
    fn forms(&self) -> impl Iterator<Item = Written> + '_ {
        let first = Written {
            form: self.form,
            count: self.form_count,
            seen: self.seen,
        };
        std::iter::once(first).chain(self.more.iter().flat_map(|m| m.0.iter().copied()))
    }

    /// The most frequent form; ties go to the form seen first.
    fn best_form(&self) -> u128 {
        let mut best = self.forms().next().unwrap_or_default();
        for w in self.forms() {
            if w.count > best.count || (w.count == best.count && w.seen < best.seen) {
                best = w;
            }
        }
        best.form
    }

    /// Adds another bin's entry of the same n-gram.
    fn merge(&mut self, o: &Counted) {
        self.tally.add(&o.tally);
        for w in o.forms() {
            self.add_form(w.form, w.count, w.seen);
        }
    }
}

/// The shard of a key: the map that holds it (and, in counting without a sketch, the worker
/// thread that counts it: each thread reads every window and counts the keys of its shard, so
/// no key is held twice and no maps need merging).
pub fn shard(key: u128, shards: usize) -> usize {
    // Mixes all the ids (a multiply-fold), so that shards get even shares.
    let x = (key as u64) ^ ((key >> 64) as u64);
    (x.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize % shards
}

/// The n-grams of one bin, in one map per shard of their keys.
#[derive(Debug, Clone, Default)]
pub struct Counts {
    shards: Vec<AHashMap<u128, Counted>>,
}

impl Counts {
    /// Counts from one map per shard (`maps[s]` holding the keys of shard `s`).
    pub fn from_shards(maps: Vec<AHashMap<u128, Counted>>) -> Counts {
        Counts { shards: maps }
    }

    /// Counts from maps of disjoint sets of documents, which may share keys: the entries of a
    /// key merged, into one map per shard of the keys.
    pub fn from_overlapping(maps: Vec<AHashMap<u128, Counted>>) -> Counts {
        let n = maps.len().max(1);
        let mut shards: Vec<AHashMap<u128, Counted>> = vec![AHashMap::new(); n];
        for (k, c) in maps.into_iter().flatten() {
            match shards[shard(k, n)].entry(k) {
                std::collections::hash_map::Entry::Occupied(mut e) => e.get_mut().merge(&c),
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(c);
                }
            }
        }
        Counts { shards }
    }

    /// An n-gram's entry.
    pub fn get(&self, key: u128) -> Option<&Counted> {
        let n = self.shards.len();
        if n == 0 {
            return None;
        }
        self.shards[shard(key, n)].get(&key)
    }

    /// Every n-gram with its entry.
    pub fn iter(&self) -> impl Iterator<Item = (u128, &Counted)> {
        self.shards.iter().flatten().map(|(&k, c)| (k, c))
    }

    fn retain(&mut self, keep: &AHashSet<u128>) {
        for m in &mut self.shards {
            m.retain(|k, _| keep.contains(k));
            m.shrink_to_fit();
        }
    }
}

/// The n-grams of one length: per bin, their entries.
#[derive(Debug, Clone, Default)]
pub struct Level {
    /// The length.
    pub n: usize,
    /// Per bin, the n-grams counted there.
    pub bins: Vec<Counts>,
    /// With several bins: each n-gram's most frequent form over all of them.
    forms: Option<AHashMap<u128, u128>>,
}

impl Level {
    /// A level of `n`-grams counted in `bins`.
    pub fn new(n: usize, bins: Vec<Counts>) -> Level {
        let forms = (bins.len() > 1).then(|| {
            let mut all: AHashMap<u128, Counted> = AHashMap::new();
            for (k, c) in bins.iter().flat_map(|b| b.iter()) {
                all.entry(k).or_default().merge(c);
            }
            all.into_iter().map(|(k, c)| (k, c.best_form())).collect()
        });
        Level { n, bins, forms }
    }

    /// An n-gram's most frequent form in the corpus (a key of form ids); ties go to the form
    /// seen first.
    pub fn form(&self, key: u128) -> Option<u128> {
        match &self.forms {
            Some(f) => f.get(&key).copied(),
            None => self.bins.first()?.get(key).map(|c| c.best_form()),
        }
    }

    /// The same n-grams counted over the whole corpus, in one bin.
    pub fn into_totals(self) -> Level {
        if self.bins.len() <= 1 {
            return self;
        }
        let shards = self.bins.iter().map(|b| b.shards.len()).max().unwrap_or(1);
        let mut maps: Vec<AHashMap<u128, Counted>> = vec![AHashMap::new(); shards];
        for (k, c) in self.bins.iter().flat_map(|b| b.iter()) {
            maps[shard(k, shards)].entry(k).or_default().merge(c);
        }
        Level::new(self.n, vec![Counts::from_shards(maps)])
    }

    /// Keeps the n-grams whose corpus count reaches `min`; returns their keys.
    pub fn keep_frequent(&mut self, min: u64) -> AHashSet<u128> {
        let keep: AHashSet<u128> = if let [one] = self.bins.as_slice() {
            one.iter()
                .filter(|(_, c)| c.tally.count as u64 >= min)
                .map(|(k, _)| k)
                .collect()
        } else {
            let mut total: AHashMap<u128, u64> = AHashMap::new();
            for (k, c) in self.bins.iter().flat_map(|b| b.iter()) {
                *total.entry(k).or_default() += c.tally.count as u64;
            }
            total
                .into_iter()
                .filter(|&(_, c)| c >= min)
                .map(|(k, _)| k)
                .collect()
        };
        for b in &mut self.bins {
            b.retain(&keep);
        }
        if let Some(f) = &mut self.forms {
            f.retain(|k, _| keep.contains(k));
            f.shrink_to_fit();
        }
        keep
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ngram_keeps_its_most_frequent_form_and_counts_documents_once() {
        let mut c = Counted::default();
        // Document 0: form 7, form 9, form 9; document 2: form 7.
        c.add(0, 5, 7, false, false);
        c.add(0, 9, 9, true, false);
        c.add(0, 20, 9, true, true);
        c.add(2, 1, 7, false, false);
        let t = Tally {
            count: 4,
            docs: 2,
            quoted: 2,
            scare: 1,
        };
        assert_eq!(c.tally, t);
        // Two each: the tie goes to the form seen first.
        assert_eq!(c.best_form(), 7);
        c.add(3, 0, 9, false, false);
        assert_eq!(c.best_form(), 9);
    }

    #[test]
    fn bins_merge_into_the_corpus_form_seen_first() {
        // Bin a sees form 9 in document 4; bin b sees form 7 in document 1 (earlier in the
        // corpus): one use each, so the corpus form is 7 whichever bin is merged first.
        let mut a = Counted::default();
        a.add(4, 0, 9, false, false);
        let mut b = Counted::default();
        b.add(1, 3, 7, false, false);
        let mut m = Counted::default();
        m.merge(&a);
        m.merge(&b);
        assert_eq!((m.best_form(), m.tally.count, m.tally.docs), (7, 2, 2));
        let key = 1u128 << 121;
        let mut one = AHashMap::new();
        one.insert(key, a);
        let mut two = AHashMap::new();
        two.insert(key, b);
        let level = Level::new(
            2,
            vec![
                Counts::from_shards(vec![one]),
                Counts::from_shards(vec![two]),
            ],
        );
        assert_eq!(level.form(key), Some(7));
        let totals = level.into_totals();
        assert_eq!(totals.bins.len(), 1);
        assert_eq!(totals.form(key), Some(7));
        assert_eq!(totals.bins[0].get(key).map(|c| c.tally.count), Some(2));
    }
}
