//! Interning per worker thread: surface slices to dense form ids, each distinct slice folded and
//! stemmed once. A run owns its workers ([`Workers`]) and hands their tables to the merge; no
//! table outlives the run or is shared between runs.

use super::FormCount;
use crate::corpus::lock;
use crate::text::packed::{pack_at, PackedHash};
use crate::text::{fold_into, Lang, Rules, StemCache, Stopwords, Token};
use ahash::AHashMap;
use std::sync::{Arc, Mutex};

/// A surface slice's entry: its form id, the document that last saw it with the form's slot
/// there (so a repeated slice needs no other look-up), and its occurrences (for the spelling
/// a term is shown in).
#[derive(Clone, Copy)]
struct Seen {
    id: u32,
    doc: u32,
    slot: u32,
    count: u32,
}

/// A form's entry in the per-token loop: the document (counter) that last saw it, its index
/// among that document's forms, and its stem id.
#[derive(Clone, Copy)]
pub(super) struct Hot {
    doc: u32,
    slot: u32,
    pub(super) stem: u32,
}

/// Surface slices to form ids, forms to stems. The per-document marks (`doc`, `slot`) live in
/// the entries themselves: the per-token loop then costs one hash look-up.
pub(super) struct Interner {
    stemmer: StemCache,
    /// Surface slices of up to 15 bytes packed into an integer (no string comparison).
    short: std::collections::HashMap<u128, Seen, PackedHash>,
    slices: AHashMap<Box<str>, Seen>,
    form_ids: AHashMap<Arc<str>, u32>,
    stem_ids: AHashMap<Arc<str>, u32>,
    /// Per form id: the folded form and its stem.
    pub(super) forms: Vec<(Arc<str>, Arc<str>)>,
    /// Per form id, what the per-token loop needs, together in one place.
    pub(super) hot: Vec<Hot>,
    /// With `--no-stem`, the stemmer the quotation classifier reads stems with (a quoted word
    /// "also used plainly" is a stem used outside the marks, as the model was fitted), and
    /// per form id its stem's id among `quote_stem_ids`. Without `--no-stem`, the counted
    /// stems serve.
    quote_stemmer: Option<StemCache>,
    quote_stem_ids: AHashMap<Arc<str>, u32>,
    quote_stem_of: Vec<u32>,
    buf: String,
}

impl Interner {
    fn new(lang: Lang, rules: Rules, stem: bool) -> Self {
        Interner {
            stemmer: StemCache::new(lang, rules, stem),
            short: Default::default(),
            slices: AHashMap::new(),
            form_ids: AHashMap::new(),
            stem_ids: AHashMap::new(),
            forms: Vec::new(),
            hot: Vec::new(),
            quote_stemmer: (!stem).then(|| StemCache::new(lang, rules, true)),
            quote_stem_ids: AHashMap::new(),
            quote_stem_of: Vec::new(),
            buf: String::new(),
        }
    }

    /// Distinct stems so far.
    pub(super) fn stems(&self) -> usize {
        self.stem_ids.len()
    }

    /// Distinct stems so far, as the quotation classifier reads them (see
    /// [`Interner::quote_stem`]).
    pub(super) fn quote_stems(&self) -> usize {
        match self.quote_stemmer {
            Some(_) => self.quote_stem_ids.len(),
            None => self.stem_ids.len(),
        }
    }

    /// The id of form `form`'s stem as the quotation classifier reads it: its counted stem,
    /// or with `--no-stem` its stem all the same.
    #[inline]
    pub(super) fn quote_stem(&self, form: u32) -> u32 {
        match self.quote_stemmer {
            Some(_) => self.quote_stem_of[form as usize],
            None => self.hot[form as usize].stem,
        }
    }

    /// The index in `forms` (document `doc`'s distinct forms) of the token `text[start..end]`'s
    /// form, adding the form there the first time the document uses it, and folding and
    /// stemming the slice the first time this worker sees it. A slice already seen in this
    /// document costs one hash look-up, which also holds its slot.
    #[inline]
    pub(super) fn slot(
        &mut self,
        text: &str,
        start: usize,
        end: usize,
        doc: u32,
        forms: &mut Vec<FormCount>,
    ) -> u32 {
        let found = match pack_at(text.as_bytes(), start, end) {
            Some(k) => self.short.get_mut(&k),
            None => self.slices.get_mut(&text[start..end]),
        };
        if let Some(seen) = found {
            seen.count = seen.count.saturating_add(1);
            if seen.doc == doc {
                return seen.slot;
            }
            let id = seen.id;
            seen.slot = Self::form_slot(&mut self.hot[id as usize], id, doc, forms);
            seen.doc = doc;
            return seen.slot;
        }
        let id = self.intern(&text[start..end]);
        let slot = Self::form_slot(&mut self.hot[id as usize], id, doc, forms);
        let seen = Seen {
            id,
            doc,
            slot,
            count: 1,
        };
        match pack_at(text.as_bytes(), start, end) {
            Some(k) => self.short.insert(k, seen),
            None => self.slices.insert(text[start..end].into(), seen),
        };
        slot
    }

    /// The form id of the token `text[start..end]` (folded and stemmed the first time it is
    /// seen), without counting it in any document.
    pub(super) fn id(&mut self, text: &str, start: usize, end: usize) -> u32 {
        let found = match pack_at(text.as_bytes(), start, end) {
            Some(k) => self.short.get(&k),
            None => self.slices.get(&text[start..end]),
        };
        if let Some(seen) = found {
            return seen.id;
        }
        let id = self.intern(&text[start..end]);
        let seen = Seen {
            id,
            doc: u32::MAX,
            slot: 0,
            count: 0,
        };
        match pack_at(text.as_bytes(), start, end) {
            Some(k) => self.short.insert(k, seen),
            None => self.slices.insert(text[start..end].into(), seen),
        };
        id
    }

    /// The slot of form `id` among document `doc`'s forms, added if new.
    #[inline]
    fn form_slot(hot: &mut Hot, id: u32, doc: u32, forms: &mut Vec<FormCount>) -> u32 {
        if hot.doc != doc {
            hot.doc = doc;
            hot.slot = forms.len() as u32;
            forms.push(FormCount {
                form: id,
                total: 0,
                quoted: 0,
                scare: 0,
            });
        }
        hot.slot
    }

    /// The surface slices counted so far of the forms `wanted` picks: each one's form id, the
    /// slice, its occurrences (only these slices are copied out).
    pub(super) fn spellings<'a>(
        &'a self,
        wanted: impl Fn(u32) -> bool + 'a,
    ) -> impl Iterator<Item = (u32, String, u32)> + 'a {
        let short = self.short.iter().map(|(&k, s)| (Some(k), None, s));
        let long = self.slices.iter().map(|(k, s)| (None, Some(&**k), s));
        short
            .chain(long)
            .filter(move |(_, _, s)| s.count > 0 && wanted(s.id))
            .map(|(packed, long, s)| {
                let slice = match (packed, long) {
                    (Some(k), _) => {
                        let len = (k >> 120) as usize;
                        String::from_utf8_lossy(&k.to_le_bytes()[..len]).into_owned()
                    }
                    (None, l) => l.unwrap_or_default().to_string(),
                };
                (s.id, slice, s.count)
            })
    }

    /// Forgets which document last saw each slice and form.
    fn forget_docs(&mut self) {
        for seen in self.short.values_mut().chain(self.slices.values_mut()) {
            seen.doc = u32::MAX;
        }
        for h in &mut self.hot {
            h.doc = u32::MAX;
        }
    }

    /// The form id of a slice not seen before (folded and stemmed here if its form is new).
    #[cold]
    fn intern(&mut self, slice: &str) -> u32 {
        fold_into(slice, &mut self.buf);
        if self.buf.contains(char::is_whitespace) {
            // A multiword term (tokens never hold spaces): its words joined by one space.
            let words: Vec<&str> = self.buf.split_whitespace().collect();
            self.buf = words.join(" ");
        }
        if let Some(&id) = self.form_ids.get(self.buf.as_str()) {
            return id;
        }
        // Reached once per form (`form_ids` missed), so the stemmer's own cache would only
        // hold a second copy.
        let stem: Arc<str> = Arc::from(self.stemmer.stem_once(&self.buf));
        let next_stem = self.stem_ids.len() as u32;
        let sid = *self.stem_ids.entry(stem.clone()).or_insert(next_stem);
        let form: Arc<str> = Arc::from(self.buf.as_str());
        let id = self.forms.len() as u32;
        self.forms.push((form.clone(), stem));
        self.hot.push(Hot {
            doc: u32::MAX,
            slot: 0,
            stem: sid,
        });
        if let Some(stemmer) = &mut self.quote_stemmer {
            let stem: Arc<str> = Arc::from(stemmer.stem_once(&self.buf));
            let next = self.quote_stem_ids.len() as u32;
            let qid = *self.quote_stem_ids.entry(stem).or_insert(next);
            self.quote_stem_of.push(qid);
        }
        self.form_ids.insert(form, id);
        id
    }
}

/// Corpus sums kept by one worker during a [`super::Detail::Totals`] run, one per bin when
/// documents are grouped: the forms and stems the bin has seen, in the order first seen.
#[derive(Default)]
pub(super) struct Sums {
    /// Per form seen: its id; total, quoted and scare occurrences; whether it is a stopword
    /// (1 no, 2 yes).
    pub(super) forms: Vec<(u32, [u64; 3], u8)>,
    /// Per stem seen (through a form that is not a stopword): its id, the documents using it,
    /// and the last document counted.
    pub(super) stems: Vec<(u32, u32, u32)>,
    docs: u32,
}

/// A worker's way into the sums of the bin it is adding to: per form id and per stem id,
/// 1 + the entry's place in that bin's lists (0: not seen there). One pair of tables serves
/// every bin, so that many bins cost only their entries: when the worker moves to another bin
/// the tables are cleared of the old bin's entries and filled with the new one's (documents
/// come bin after bin, so this is rare).
#[derive(Default)]
pub(super) struct Slots {
    form: Vec<u32>,
    stem: Vec<u32>,
    /// The bin the tables point into.
    bin: Option<usize>,
}

impl Slots {
    /// Points the tables at `bin`'s entries in `sums`, sized for `forms` forms and `stems` stems.
    fn point_at(&mut self, sums: &[Sums], bin: usize, forms: usize, stems: usize) {
        if self.bin != Some(bin) {
            if let Some(old) = self.bin.and_then(|b| sums.get(b)) {
                for f in &old.forms {
                    self.form[f.0 as usize] = 0;
                }
                for s in &old.stems {
                    self.stem[s.0 as usize] = 0;
                }
            }
        }
        if self.form.len() < forms {
            self.form.resize(forms, 0);
        }
        if self.stem.len() < stems {
            self.stem.resize(stems, 0);
        }
        if self.bin != Some(bin) {
            let new = &sums[bin];
            for (i, f) in new.forms.iter().enumerate() {
                self.form[f.0 as usize] = i as u32 + 1;
            }
            for (i, s) in new.stems.iter().enumerate() {
                self.stem[s.0 as usize] = i as u32 + 1;
            }
            self.bin = Some(bin);
        }
    }
}

/// Adds one document's form counts to the sums of `bin`; `stop` tells stopword forms, `kept`
/// (per form slot, when given) the forms to sum.
pub(super) fn add_to_bin(
    w: &mut Worker,
    bin: usize,
    forms: &[FormCount],
    kept: Option<&[bool]>,
    stop: impl Fn(&str) -> bool,
) {
    if w.sums.len() <= bin {
        w.sums.resize_with(bin + 1, Default::default);
    }
    let int = &w.interner;
    w.slots.point_at(&w.sums, bin, int.forms.len(), int.stems());
    let (sums, slots) = (&mut w.sums[bin], &mut w.slots);
    sums.docs += 1;
    let doc = sums.docs;
    for (k, f) in forms.iter().enumerate() {
        if kept.is_some_and(|kept| !kept[k]) {
            continue;
        }
        let slot = &mut slots.form[f.form as usize];
        if *slot == 0 {
            let is_stop = 1 + stop(&int.forms[f.form as usize].0) as u8;
            sums.forms.push((f.form, [0; 3], is_stop));
            *slot = sums.forms.len() as u32;
        }
        let (_, counts, is_stop) = &mut sums.forms[*slot as usize - 1];
        counts[0] += f.total as u64;
        counts[1] += f.quoted as u64;
        counts[2] += f.scare as u64;
        if *is_stop != 1 {
            continue;
        }
        let sid = int.hot[f.form as usize].stem;
        let slot = &mut slots.stem[sid as usize];
        if *slot == 0 {
            sums.stems.push((sid, 0, 0));
            *slot = sums.stems.len() as u32;
        }
        let stem = &mut sums.stems[*slot as usize - 1];
        if stem.2 != doc {
            stem.1 += 1;
            stem.2 = doc;
        }
    }
}

/// One worker thread's state during a run: its interner, the per-document scratch that must
/// outlive one document (the document counter, each stem's unquoted occurrences in the
/// current document), the cue memo, the token buffer, and the running sums of a totals run.
pub(super) struct Worker {
    pub(super) interner: Interner,
    /// Per stem id: the document that last saw it, and its unquoted occurrences there.
    pub(super) stem_unquoted: Vec<(u32, u32)>,
    docs_done: u32,
    /// Per form id: whether it starts a phrase of the cue set (0 not yet asked, 1 no, 2 yes),
    /// asked once per form rather than once per document; `cue_set` names the set asked.
    pub(super) starts_cue: Vec<u8>,
    pub(super) cue_set: u64,
    /// Per form id: whether it is a stopword (0 not yet asked, 1 no, 2 yes), asked once per
    /// form rather than once per document (a run has one stopword list).
    stop_form: Vec<u8>,
    /// Per form id: whether its term is one of [`super::Options::only_terms`] (0 not yet asked,
    /// 1 no, 2 yes).
    kept_form: Vec<u8>,
    pub(super) tokens: Vec<Token>,
    /// Per form id: its syllables (`u32::MAX`: not counted yet), for the readability measures.
    pub(super) syllables_of: Vec<u32>,
    /// Per stem id: its index among the terms of the document whose positions are being
    /// built (`u32::MAX` between documents).
    pub(super) stem_term: Vec<u32>,
    /// Per form id: the phrases of `--phrases` it starts (`None`: not yet asked).
    pub(super) phrase_starts: Vec<Option<Box<[u32]>>>,
    /// The running sums of a totals run, per bin (one bin when documents are not grouped).
    pub(super) sums: Vec<Sums>,
    /// The way into the sums of the bin being added to.
    slots: Slots,
}

impl Worker {
    fn new(lang: Lang, rules: Rules, stem: bool) -> Self {
        Worker {
            interner: Interner::new(lang, rules, stem),
            stem_unquoted: Vec::new(),
            docs_done: 0,
            starts_cue: Vec::new(),
            cue_set: 0,
            stop_form: Vec::new(),
            kept_form: Vec::new(),
            tokens: Vec::new(),
            stem_term: Vec::new(),
            syllables_of: Vec::new(),
            phrase_starts: Vec::new(),
            sums: Vec::new(),
            slots: Slots::default(),
        }
    }

    /// Per slot of `forms` (a document's forms), whether its form is a stopword of `stopwords`
    /// (the run's list).
    pub(super) fn stop_slots(&mut self, forms: &[FormCount], stopwords: &Stopwords) -> Vec<bool> {
        let int = &self.interner;
        asked_once(&mut self.stop_form, int.forms.len(), forms, |f| {
            stopwords.contains(&int.forms[f as usize].0)
        })
    }

    /// Per slot of `forms` (a document's forms), whether its term is one of `only` (every
    /// term when `None`), or with `compounds` a hyphenated word with a part whose term is.
    pub(super) fn kept_slots(
        &mut self,
        forms: &[FormCount],
        only: Option<&ahash::AHashSet<String>>,
        compounds: bool,
    ) -> Vec<bool> {
        let Some(only) = only else {
            return vec![true; forms.len()];
        };
        let int = &self.interner;
        asked_once(&mut self.kept_form, int.forms.len(), forms, |f| {
            let (form, term) = &int.forms[f as usize];
            only.contains(&**term)
                || (compounds
                    && form.contains('-')
                    && form
                        .split('-')
                        .filter(|p| !p.is_empty())
                        .any(|p| only.contains(&int.stemmer.stem_once(p))))
        })
    }

    /// The next document's number. Before the counter would reach `u32::MAX` (which marks
    /// "never seen"), the marks are forgotten and counting starts again from 0, so a worker
    /// that has analysed 2³² − 1 documents still counts the next one right.
    pub(super) fn next_doc(&mut self) -> u32 {
        if self.docs_done == u32::MAX {
            self.interner.forget_docs();
            for e in &mut self.stem_unquoted {
                e.0 = u32::MAX;
            }
            self.docs_done = 0;
        }
        self.docs_done += 1;
        self.docs_done - 1
    }
}

/// Per slot of `forms`, `ask` of its form id, asked once per form of the run: `memo` holds
/// the answers by form id (0 not yet asked, 1 no, 2 yes) for `n_forms` forms.
fn asked_once(
    memo: &mut Vec<u8>,
    n_forms: usize,
    forms: &[FormCount],
    ask: impl Fn(u32) -> bool,
) -> Vec<bool> {
    if memo.len() < n_forms {
        memo.resize(n_forms, 0);
    }
    forms
        .iter()
        .map(|f| {
            let known = &mut memo[f.form as usize];
            if *known == 0 {
                *known = 1 + ask(f.form) as u8;
            }
            *known == 2
        })
        .collect()
}

/// The workers of one run, one per thread of the pool that runs it (and one for callers from
/// outside the pool). A worker is locked for a whole document, so code that holds one must not
/// wait on other rayon work.
pub(super) struct Workers {
    slots: Vec<Mutex<Worker>>,
}

impl Workers {
    pub(super) fn new(lang: Lang, rules: Rules, stem: bool) -> Self {
        let n = super::worker_count();
        Workers {
            slots: (0..n)
                .map(|_| Mutex::new(Worker::new(lang, rules, stem)))
                .collect(),
        }
    }

    /// How many workers.
    pub(super) fn len(&self) -> usize {
        self.slots.len()
    }

    /// Runs `f` with this thread's worker and its number.
    pub(super) fn with<R>(&self, f: impl FnOnce(u32, &mut Worker) -> R) -> R {
        let spare = self.slots.len() - 1;
        let i = rayon::current_thread_index()
            .filter(|&i| i < spare)
            .unwrap_or(spare);
        f(i as u32, &mut lock(&self.slots[i]))
    }

    /// The workers, by number, once the run is over.
    pub(super) fn into_inner(self) -> Vec<Worker> {
        self.slots
            .into_iter()
            .map(|m| m.into_inner().unwrap_or_else(|e| e.into_inner()))
            .collect()
    }

    /// Sets the document counter of this thread's worker (for a test of the counter's wrap).
    #[cfg(test)]
    pub(super) fn set_docs_done(&self, n: u32) {
        self.with(|_, w| w.docs_done = n);
    }
}
