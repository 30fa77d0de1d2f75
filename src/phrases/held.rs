//! The corpus held as word ids: per document, each word's form (an id into one vocabulary,
//! which gives its term), what stands between it and the word before (punctuation, a sentence
//! or a paragraph end), and the quotations around it. About 3 bytes a word (two for the form
//! while a document's form ids fit in them, [`FormIds`]; one for the gap), set aside in a
//! temporary file as each document is read ([`super::docs`]), so that n-grams of every length,
//! collocations and collocates are counted pass after pass without reading or tokenising the
//! texts again, and without holding the corpus in memory. Each form keeps its most frequent
//! spelling for display.

use super::docs::{HeldDocs, Slot};
use crate::analysis::spill::Spill;
use crate::analysis::{Analyser, Options, Positions, QuoteMark, QuotingRuns, Words};
use crate::corpus::{self, Document, GroupedFiles, LoadOptions, Problem};
use crate::error::{Error, Result};
use ahash::AHashMap;
use std::sync::{Arc, Mutex};

pub use crate::analysis::gap;

/// One quotation of a held document: the first word after its closing mark, and the
/// innermost quotation holding it.
#[derive(Debug, Clone, Copy)]
pub struct HeldQuote {
    /// Index of the first word after the closing mark (the words before it are inside, from
    /// the first one after the opening mark).
    pub close: u32,
    /// The innermost quotation holding this one.
    pub parent: Option<u32>,
}

/// A document's words as ids of folded forms: two bytes a word when every id of the document
/// fits in them (a corpus's first 65,536 forms, which hold its common words), four otherwise.
/// The corpus held as word ids is what `ngrams` and `collocations` set aside in their
/// temporary file, and a third of what the report does (about 21 of 53 MB on UNGD).
#[derive(Debug, Clone)]
pub enum FormIds {
    /// Every id below 65,536.
    Narrow(Vec<u16>),
    /// Some id of 65,536 or more.
    Wide(Vec<u32>),
}

impl Default for FormIds {
    fn default() -> Self {
        FormIds::Narrow(Vec::new())
    }
}

impl FormIds {
    /// The ids `ids` gives, narrow when they all fit (read twice rather than gathered in four
    /// bytes first).
    pub fn new(ids: impl Iterator<Item = u32> + Clone) -> Self {
        if ids.clone().all(|f| f <= u16::MAX as u32) {
            FormIds::Narrow(ids.map(|f| f as u16).collect())
        } else {
            FormIds::Wide(ids.collect())
        }
    }

    /// Words.
    pub fn len(&self) -> usize {
        match self {
            FormIds::Narrow(v) => v.len(),
            FormIds::Wide(v) => v.len(),
        }
    }

    /// Whether there are no words.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The form id of word `i`.
    #[inline]
    pub fn get(&self, i: usize) -> u32 {
        match self {
            FormIds::Narrow(v) => v[i] as u32,
            FormIds::Wide(v) => v[i],
        }
    }

    /// The form ids in order (one of the two slices is empty: no test per word).
    pub fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        let (narrow, wide): (&[u16], &[u32]) = match self {
            FormIds::Narrow(v) => (v, &[]),
            FormIds::Wide(v) => (&[], v),
        };
        narrow.iter().map(|&f| f as u32).chain(wide.iter().copied())
    }

    /// The key ([`super::ngrams::pack`]) of the `n` words from word `first`.
    pub fn pack(&self, first: usize, n: usize) -> u128 {
        let mut buf = [0u32; super::ngrams::MAX_N];
        for (k, id) in buf[..n].iter_mut().enumerate() {
            *id = self.get(first + k);
        }
        super::ngrams::pack(&buf[..n])
    }
}

/// One document's words.
#[derive(Debug, Clone, Default)]
pub struct HeldDoc {
    /// Per word: its folded form, an index into [`Held::forms`] (its term is
    /// [`Held::form_term`] of it: a folded form has one stem, so the terms are not held again).
    pub forms: FormIds,
    /// Per word: what stands between it and the word before ([`gap`] bits).
    pub gaps: Vec<u8>,
    /// Per word: the quotations around it (as runs: a few per document).
    pub quoting: QuotingRuns,
    /// The document's quotations.
    pub quotes: Vec<HeldQuote>,
    /// The language its most frequent words say it is in, when that is not the run's
    /// ([`crate::analysis::DocResult::other_lang`]).
    pub other_lang: Option<crate::text::Lang>,
}

impl HeldDoc {
    /// Words in the document.
    pub fn len(&self) -> usize {
        self.forms.len()
    }

    /// Whether the document has no words.
    pub fn is_empty(&self) -> bool {
        self.forms.is_empty()
    }

    /// Whether the words `first..=last` have nothing between them that `forbid` ([`gap`] bits)
    /// names.
    pub fn joined(&self, first: usize, last: usize, forbid: u8) -> bool {
        self.gaps[first + 1..=last].iter().all(|g| g & forbid == 0)
    }

    /// Whether one quotation holds the words `first..=last` (and whether a scare quote holds
    /// both ends).
    pub fn quoted(&self, first: usize, last: usize) -> (bool, bool) {
        let at_first = self.quoting.at(first);
        let mut q = at_first.inner();
        while let Some(k) = q {
            let h = &self.quotes[k as usize];
            if (last as u32) < h.close {
                let scare = at_first.scare() && self.quoting.at(last).scare();
                return (true, scare);
            }
            q = h.parent;
        }
        (false, false)
    }
}

/// A corpus held as word ids.
#[derive(Debug, Clone, Default)]
pub struct Held {
    /// The documents' ids, in order.
    pub ids: Vec<String>,
    /// The documents' words, set aside in a temporary file as they were read.
    pub docs: HeldDocs,
    /// Per document: its bin (its group, its side of a comparison; 0 when not grouped).
    pub bins: Vec<u32>,
    /// How many bins.
    pub n_bins: usize,
    /// Term keys (stems), by id.
    pub terms: Vec<Arc<str>>,
    /// Folded forms, by id.
    pub forms: Vec<Arc<str>>,
    /// Per form id: its most frequent spelling (`Iran` for `iran`), as `freq` shows a term.
    pub display: Vec<Arc<str>>,
    /// Per form id: its occurrences in the corpus.
    pub form_uses: Vec<u64>,
    /// Per form id: whether it is a stopword.
    pub form_stop: Vec<bool>,
    /// Per form id: its term's id (a folded form has one stem).
    pub form_term: Vec<u32>,
    /// Per term id: whether every form of it is a stopword (so any n-gram it starts or ends
    /// is edged by a stopword, however the n-gram is written).
    pub term_stop: Vec<bool>,
    /// Per term id: its occurrences in the corpus.
    pub term_count: Vec<u64>,
}

impl Held {
    /// Terms as shown where their rows count every form of their stem: each (term, form) pair's
    /// form spelt as written and, as `freq` shows a term, another word of the stem that makes
    /// up a tenth of its occurrences after a slash (`peace/peaceful`).
    pub fn terms_shown(&self, rows: impl Iterator<Item = (u32, u32)>) -> Vec<String> {
        let rows: Vec<(u32, u32)> = rows.collect();
        // The forms of the terms asked for, with occurrences.
        let mut of_term: ahash::AHashMap<u32, Vec<usize>> =
            rows.iter().map(|&(t, _)| (t, Vec::new())).collect();
        for (f, t) in self.form_term.iter().enumerate() {
            if let Some(v) = of_term.get_mut(t) {
                if self.form_uses.get(f).is_some_and(|&n| n > 0) {
                    v.push(f);
                }
            }
        }
        rows.iter()
            .map(|&(term, form)| {
                let forms = &of_term[&term];
                let folded: Vec<(&str, u64)> = forms
                    .iter()
                    .map(|&f| (&*self.forms[f], self.form_uses[f]))
                    .collect();
                let words: Vec<(String, u64)> = crate::analysis::words_of(folded)
                    .into_iter()
                    .map(|(w, n)| {
                        let f = forms.iter().find(|&&f| *self.forms[f] == *w);
                        (f.map_or(w, |&f| self.display[f].to_string()), n)
                    })
                    .collect();
                crate::analysis::shown(&self.display[form as usize], &words)
            })
            .collect()
    }

    /// The term of word `i` of document `d`.
    pub fn term(&self, d: &HeldDoc, i: usize) -> u32 {
        self.form_term[d.forms.get(i) as usize]
    }

    /// Words in the corpus.
    pub fn tokens(&self) -> u64 {
        (0..self.docs.len())
            .map(|i| self.docs.words(i) as u64)
            .sum()
    }

    /// Words in each bin.
    pub fn bin_tokens(&self) -> Vec<u64> {
        let mut t = vec![0u64; self.n_bins.max(1)];
        for (i, &b) in self.bins.iter().enumerate() {
            t[b as usize] += self.docs.words(i) as u64;
        }
        t
    }

    /// Documents in each bin.
    pub fn bin_docs(&self) -> Vec<u64> {
        let mut t = vec![0u64; self.n_bins.max(1)];
        for &b in &self.bins {
            t[b as usize] += 1;
        }
        t
    }

    /// The id of a term key (a stem as [`Options::term_key`] gives it), if the corpus has it.
    pub fn term_id(&self, key: &str) -> Option<u32> {
        self.terms
            .iter()
            .position(|t| &**t == key)
            .map(|i| i as u32)
    }
}

/// Most distinct terms or forms a held corpus can have: ids are packed 24 bits each into
/// n-gram keys.
pub const MAX_VOCABULARY: usize = 1 << 24;

/// The strings of a vocabulary: each one's id, and by id.
#[derive(Default)]
struct Interned {
    ids: AHashMap<Arc<str>, u32>,
    list: Vec<Arc<str>>,
}

impl Interned {
    /// The id of `k`, added if new.
    fn id(&mut self, k: &Arc<str>) -> u32 {
        if let Some(&id) = self.ids.get(k) {
            return id;
        }
        self.list.push(k.clone());
        let id = self.list.len() as u32 - 1;
        self.ids.insert(k.clone(), id);
        id
    }
}

/// The corpus's two vocabularies (terms and forms), shared by the worker threads.
#[derive(Default)]
struct Vocabs {
    terms: Interned,
    forms: Interned,
    /// Per form id: its term's id.
    form_term: Vec<u32>,
}

impl Vocabs {
    /// The ids of a form and its term, both added if new.
    fn pair(&mut self, term: &Arc<str>, form: &Arc<str>) -> (u32, u32) {
        let (t, f) = (self.terms.id(term), self.forms.id(form));
        self.note(t, f);
        (t, f)
    }

    /// Notes that form `f` has term `t`.
    fn note(&mut self, t: u32, f: u32) {
        let f = f as usize;
        if self.form_term.len() <= f {
            self.form_term.resize(f + 1, 0);
        }
        self.form_term[f] = t;
    }
}

/// The corpus ids (term, form) of the forms a reading meets. Each worker of the run that reads
/// has its own interner; per worker, the corpus ids of each of the worker's form ids are kept,
/// so a word is turned into ids by one look-up in a vector, and the shared vocabularies are
/// locked only for forms the worker met for the first time.
struct Ids {
    shared: Mutex<Vocabs>,
    /// Per worker, the corpus ids of the worker's form ids met in documents read through
    /// [`Words`].
    by_worker: Vec<Mutex<Vec<(u32, u32)>>>,
    /// Per worker, the corpus ids (term, form) of the worker's form ids met in documents read
    /// through [`Positions`] ([`UNKNOWN`] for forms not met yet).
    by_form: Vec<Mutex<Vec<(u32, u32)>>>,
}

impl Ids {
    /// Empty vocabularies for a run of `workers` workers.
    fn new(workers: usize) -> Self {
        Ids {
            shared: Mutex::new(Vocabs::default()),
            by_worker: (0..workers).map(|_| Mutex::new(Vec::new())).collect(),
            by_form: (0..workers).map(|_| Mutex::new(Vec::new())).collect(),
        }
    }

    /// A document's words from its positions (made by a run with as many workers; a worker
    /// past those, of a run on a larger thread pool, looks every form up in the shared
    /// vocabularies, and the display spellings it counted are not known).
    fn hold_positions(&self, p: &Positions, text: &str) -> HeldDoc {
        let mut unknown = Vec::new();
        let mut guard = self.by_form.get(p.worker as usize).map(lock);
        let known = guard.as_deref_mut().unwrap_or(&mut unknown);
        // Per form slot of the document: its term's id and its own, the shared vocabularies
        // locked only for the forms this worker meets for the first time.
        let mut slot_ids = vec![UNKNOWN; p.form_keys.len()];
        for (&f, &t) in p.forms.iter().zip(&p.terms) {
            let Some(x) = slot_ids.get_mut(f as usize) else {
                continue;
            };
            if *x != UNKNOWN {
                continue;
            }
            let id = p.form_ids[f as usize] as usize;
            if known.len() <= id {
                known.resize(id + 1, UNKNOWN);
            }
            if known[id] == UNKNOWN {
                known[id] =
                    lock(&self.shared).pair(&p.term_keys[t as usize], &p.form_keys[f as usize]);
            }
            *x = known[id];
        }
        drop(guard);
        held_doc(p.held_words(text), &slot_ids)
    }
}

/// The reading run: each document analysed for its words, then turned into ids.
struct Reader<'a> {
    run: Analyser<'a>,
    ids: Ids,
    spill: Option<Arc<Spill>>,
}

/// Locks `m`, whatever a panic elsewhere left in it.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl<'a> Reader<'a> {
    /// A reader analysing with `opts`, its vocabularies empty.
    fn new(opts: &'a Options) -> Self {
        let run = Analyser::new(opts);
        let ids = Ids::new(run.worker_count());
        let spill = Spill::new().ok().map(Arc::new);
        Reader { run, ids, spill }
    }

    /// A document's words (`marks`: its quotations, when a run already found them), set aside.
    fn hold(&self, doc: &Document, marks: Option<Vec<QuoteMark>>) -> Slot {
        let w = self
            .run
            .words(doc, marks, |w| lock(&self.ids.by_worker[w as usize]).len());
        let mut ids = lock(&self.ids.by_worker[w.worker as usize]);
        if !w.new_forms.is_empty() {
            let mut v = lock(&self.ids.shared);
            for (k, (form, term)) in w.new_forms.iter().enumerate() {
                // Another document of the spare worker may have added them meanwhile.
                if w.new_from as usize + k == ids.len() {
                    ids.push(v.pair(term, form));
                }
            }
        }
        Slot::of(held_doc(w, &ids), self.spill.as_deref())
    }
}

/// A corpus held as word ids from the reading of another run: a documents run
/// ([`Analyser::also`]) hands it each document's positions, from which it holds the words and
/// makes what `also` makes of the document besides (the report's speech acts), so that the
/// corpus is read and tokenised once for its counts, its phrases and its acts.
pub struct Holder<X, F> {
    ids: Ids,
    also: F,
    got: Mutex<Vec<(String, Slot, X)>>,
    spellings: Mutex<Vec<Vec<(u32, String, u32)>>>,
    spill: Option<Arc<Spill>>,
}

impl<X: Default, F> Holder<X, F> {
    /// A holder for a documents run on this thread pool (made inside another pool, the run's
    /// workers may outnumber its own), giving each document to `also` as well.
    pub fn new(also: F) -> Self {
        Holder {
            ids: Ids::new(crate::analysis::worker_count()),
            also,
            got: Mutex::new(Vec::new()),
            spellings: Mutex::new(Vec::new()),
            spill: Spill::new().ok().map(Arc::new),
        }
    }

    /// The corpus held, its documents in the order of `order` (the analysis's ids, which are
    /// distinct, all in bin 0), with what `also` made of each (the default for a document the
    /// run did not give).
    pub fn finish(self, order: &[&str], opts: &Options) -> Result<(Held, Vec<X>)> {
        let got = self.got.into_inner().unwrap_or_else(|e| e.into_inner());
        let mut by_id: AHashMap<String, (Slot, X)> =
            got.into_iter().map(|(id, d, x)| (id, (d, x))).collect();
        let mut held = Held {
            bins: vec![0; order.len()],
            n_bins: 1,
            ..Default::default()
        };
        let mut extra = Vec::with_capacity(order.len());
        let mut slots = Vec::with_capacity(order.len());
        for id in order {
            let (d, x) = by_id.remove(*id).unwrap_or_default();
            held.ids.push(id.to_string());
            slots.push(d);
            extra.push(x);
        }
        held.docs = HeldDocs::new(slots, self.spill);
        let spellings = self
            .spellings
            .into_inner()
            .unwrap_or_else(|e| e.into_inner());
        Ok((finish(held, spellings, self.ids, opts)?, extra))
    }
}

impl<X: Send, F: Fn(&Positions, &Document) -> X + Sync> crate::analysis::AlsoRead for Holder<X, F> {
    fn document(&self, p: &Positions, doc: &Document) {
        let held = Slot::of(self.ids.hold_positions(p, &doc.text), self.spill.as_deref());
        let x = (self.also)(p, doc);
        lock(&self.got).push((doc.id.clone(), held, x));
    }

    fn spellings(&self, by_worker: Vec<Vec<(u32, String, u32)>>) {
        *lock(&self.spellings) = by_worker;
    }
}

/// A form whose corpus ids are not known yet.
const UNKNOWN: (u32, u32) = (u32::MAX, u32::MAX);

/// A document's held words from its [`Words`], whose form ids `ids` turns into the corpus's
/// (term, form) ids.
fn held_doc(w: Words, ids: &[(u32, u32)]) -> HeldDoc {
    HeldDoc {
        other_lang: w.other_lang,
        forms: FormIds::new(w.forms.iter().map(|&f| ids[f as usize].1)),
        gaps: w.gaps,
        quoting: w.quoting,
        quotes: w
            .quotes
            .into_iter()
            .map(|(close, parent)| HeldQuote { close, parent })
            .collect(),
    }
}

/// Reads the files of `found` and holds their words; `bin_of_file` gives each file's bin
/// (`None`: the file is left out). Returns the corpus and the files that could not be read.
pub fn read(
    found: &GroupedFiles,
    bin_of_file: &[Option<u32>],
    lopts: &LoadOptions,
    opts: &Options,
) -> Result<(Held, Vec<Problem>)> {
    let reader = Reader::new(opts);
    let mut read = Vec::new();
    let problems = corpus::stream_binned(found, bin_of_file, lopts, &ReaderWords(&reader), |d| {
        read.push(d)
    });
    let (held, _) = collect(read, reader, opts)?;
    Ok((held, problems))
}

/// A reading that holds each document's words.
struct ReaderWords<'a, 'b>(&'b Reader<'a>);

impl corpus::Consumer for ReaderWords<'_, '_> {
    type Output = (Slot, ());

    fn consume(&self, doc: &Document) -> (Slot, ()) {
        (self.0.hold(doc, None), ())
    }
}

/// The held corpus of what a reading gave, and what it gave besides, in the same order.
fn collect<X>(
    read: Vec<corpus::Binned<(Slot, X)>>,
    reader: Reader,
    opts: &Options,
) -> Result<(Held, Vec<X>)> {
    let mut held = Held::default();
    let mut extra = Vec::with_capacity(read.len());
    let mut slots = Vec::with_capacity(read.len());
    for d in read {
        let (doc, x) = d.output;
        held.ids.push(d.id);
        slots.push(doc);
        held.bins.push(d.bin);
        extra.push(x);
    }
    held.docs = HeldDocs::new(slots, reader.spill.clone());
    held.n_bins = held.bins.iter().max().map_or(1, |&b| b as usize + 1);
    Ok((finish_read(held, reader, opts)?, extra))
}

/// Each corpus form as the corpus most often writes it, as `freq` shows a term
/// ([`crate::analysis::spell_forms`]), and its uses, from the workers' counted spellings and the corpus ids of their form ids
/// (`by_form` from positions, `by_worker` from words: a reading fills one).
fn display_spellings(
    forms: &[Arc<str>],
    spellings: Vec<Vec<(u32, String, u32)>>,
    by_worker: Vec<Mutex<Vec<(u32, u32)>>>,
    by_form: Vec<Mutex<Vec<(u32, u32)>>>,
) -> (Vec<Arc<str>>, Vec<u64>) {
    let owned = |v: Vec<Mutex<Vec<(u32, u32)>>>| -> Vec<Vec<(u32, u32)>> {
        v.into_iter()
            .map(|m| m.into_inner().unwrap_or_else(|e| e.into_inner()))
            .collect()
    };
    let (by_form, by_worker) = (owned(by_form), owned(by_worker));
    let none: &[(u32, u32)] = &[];
    let corpus: Vec<(usize, String, u64)> = spellings
        .into_iter()
        .enumerate()
        .flat_map(|(w, list)| {
            let positions = by_form.get(w).map_or(none, |v| &v[..]);
            let words = by_worker.get(w).map_or(none, |v| &v[..]);
            list.into_iter().filter_map(move |(id, slice, n)| {
                let ids = positions
                    .get(id as usize)
                    .filter(|x| **x != UNKNOWN)
                    .or_else(|| words.get(id as usize))?;
                Some((ids.1 as usize, slice, n as u64))
            })
        })
        .collect();
    // Per form: its uses.
    let mut counts = vec![0u64; forms.len()];
    for (i, _, n) in &corpus {
        if let Some(u) = counts.get_mut(*i) {
            *u += n;
        }
    }
    (crate::analysis::spell_forms(forms, corpus), counts)
}

impl Held {
    /// A phrase of form ids `key` (packed as [`super::ngrams::with_capitals`] packs them) as
    /// the corpus wrote it: each word in its most frequent spelling, with the capital first
    /// letter it had there or not (`Commissioner for Human Rights`, `peace and security`).
    pub fn phrase(&self, key: u128) -> String {
        let ids = super::ngrams::unpack(key);
        let words: Vec<String> = ids
            .iter()
            .enumerate()
            .map(|(k, &i)| {
                let shown = &*self.display[i as usize];
                let upper = shown.starts_with(char::is_uppercase);
                match (super::ngrams::capital(key, k), upper) {
                    (true, false) => {
                        let mut c = shown.chars();
                        c.next()
                            .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
                    }
                    (false, true) => {
                        let mut c = shown.chars();
                        c.next()
                            .map_or_else(String::new, |f| f.to_lowercase().chain(c).collect())
                    }
                    _ => shown.to_string(),
                }
            })
            .collect();
        words.join(" ")
    }
}

/// Fills in the vocabularies, the display spellings (from the spellings the reading's workers
/// counted), the stopword flags and the term counts.
fn finish(
    mut held: Held,
    spellings: Vec<Vec<(u32, String, u32)>>,
    ids: Ids,
    opts: &Options,
) -> Result<Held> {
    let Ids {
        shared,
        by_worker,
        by_form,
    } = ids;
    let v = shared.into_inner().unwrap_or_else(|e| e.into_inner());
    held.terms = v.terms.list;
    held.forms = v.forms.list;
    (held.display, held.form_uses) = display_spellings(&held.forms, spellings, by_worker, by_form);
    held.form_term = v.form_term;
    held.form_term.resize(held.forms.len(), 0);
    if held.terms.len() >= MAX_VOCABULARY || held.forms.len() >= MAX_VOCABULARY {
        return Err(Error::Invalid(format!(
            "{} distinct words are more than phrases can count (at most {})",
            held.forms.len(),
            MAX_VOCABULARY - 1
        )));
    }
    held.form_stop = held
        .forms
        .iter()
        .map(|f| opts.stopwords.contains(f))
        .collect();
    held.term_count = vec![0; held.terms.len()];
    for d in held.docs.iter() {
        for f in d.forms.iter() {
            held.term_count[held.form_term[f as usize] as usize] += 1;
        }
    }
    held.docs.check()?;
    held.term_stop = vec![true; held.terms.len()];
    for (&t, &stop) in held.form_term.iter().zip(&held.form_stop) {
        held.term_stop[t as usize] &= stop;
    }
    Ok(held)
}

/// Holds the documents of an analysis again (files read a second time, in parallel, each let go
/// once held; documents the run held, such as standard input, from memory), all in bin 0.
pub fn read_analysed(
    a: &crate::analysis::Analysis,
    lopts: &LoadOptions,
    opts: &Options,
) -> Result<Held> {
    use rayon::prelude::*;
    let reader = Reader::new(opts);
    let held_docs = (0..a.docs.len())
        .into_par_iter()
        .map(|i| {
            let doc = a.document(i, lopts)?;
            Ok(reader.hold(&doc, Analyser::marks_in(a, i)))
        })
        .collect::<Result<Vec<Slot>>>()?;
    let held = Held {
        ids: a.docs.iter().map(|d| d.id.clone()).collect(),
        bins: vec![0; held_docs.len()],
        n_bins: 1,
        docs: HeldDocs::new(held_docs, reader.spill.clone()),
        ..Default::default()
    };
    finish_read(held, reader, opts)
}

/// [`finish`] of a reader's own reading.
fn finish_read(held: Held, reader: Reader, opts: &Options) -> Result<Held> {
    let Reader { run, ids, .. } = reader;
    finish(held, run.spellings(), ids, opts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{AlsoRead, Counted};
    use crate::text::Lang;
    use rayon::prelude::*;

    /// Every held word of `h` as its display spelling, with its gap, per document.
    fn words(h: &Held) -> Vec<Vec<(String, u8)>> {
        h.docs
            .iter()
            .map(|d| {
                d.forms
                    .iter()
                    .zip(&d.gaps)
                    .map(|(f, &g)| (h.display[f as usize].to_string(), g))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn form_ids_take_two_bytes_a_word_when_every_id_fits_and_read_back_the_same() {
        let narrow = vec![0, 7, 65_535, 3, 9];
        let wide = vec![0, 7, 65_536, 3, 9];
        for (ids, two_bytes) in [(narrow, true), (wide, false)] {
            let f = FormIds::new(ids.iter().copied());
            assert_eq!(matches!(f, FormIds::Narrow(_)), two_bytes);
            assert_eq!(f.len(), ids.len());
            assert_eq!(f.iter().collect::<Vec<_>>(), ids);
            assert_eq!((0..ids.len()).map(|i| f.get(i)).collect::<Vec<_>>(), ids);
            for n in 1..=3 {
                assert_eq!(f.pack(1, n), super::super::ngrams::pack(&ids[1..1 + n]));
            }
        }
        assert!(FormIds::new(std::iter::empty()).is_empty());
    }

    #[test]
    fn a_holder_fed_by_a_documents_run_holds_what_a_reading_of_its_own_holds() {
        let texts = [
            "The UNITED Nations condemns the so-called \"elections\". The United Nations met.",
            "We welcome the \"peace process\"; the united nations, again.\n\nA new paragraph here.",
            "Human rights. Human Rights! HUMAN rights and the \"elections\" again, United.",
        ];
        // Enough documents for both threads' workers to meet each form.
        let docs: Vec<Document> = (0..40)
            .map(|i| Document::from_text(&format!("d{i:02}"), texts[i % texts.len()]))
            .collect();
        let opts = Options::new(Lang::english());
        let holder = Holder::new(|p: &Positions, _: &Document| p.tokens.len());
        let run = Analyser::holding(&opts).also(Some(&holder as &dyn AlsoRead));
        let counted: Vec<Counted> = docs.par_iter().map(|d| run.document(d)).collect();
        let a = run.finish(counted);
        let ids: Vec<&str> = a.docs.iter().map(|d| d.id.as_str()).collect();
        let (given, tokens) = holder.finish(&ids, &opts).unwrap();
        let own = read_analysed(&a, &LoadOptions::default(), &opts).unwrap();
        assert_eq!(given.ids, own.ids);
        assert_eq!(words(&given), words(&own));
        assert_eq!(
            words(&given)[0][1].0,
            "United",
            "the most frequent spelling"
        );
        for (g, o) in given.docs.iter().zip(own.docs.iter()) {
            assert_eq!(g.quotes.len(), o.quotes.len());
            assert_eq!(g.quotes.len(), 1);
            assert_eq!(
                (0..g.len()).map(|i| g.quoted(i, i)).collect::<Vec<_>>(),
                (0..o.len()).map(|i| o.quoted(i, i)).collect::<Vec<_>>()
            );
        }
        let counts = |h: &Held| -> Vec<(String, u64)> {
            let mut v: Vec<(String, u64)> = h
                .terms
                .iter()
                .zip(&h.term_count)
                .map(|(t, &n)| (t.to_string(), n))
                .collect();
            v.sort();
            v
        };
        assert_eq!(counts(&given), counts(&own));
        // What `also` made of each document, in the analysis's order.
        assert_eq!(tokens.len(), docs.len());
        assert!(tokens
            .iter()
            .zip(&a.docs)
            .all(|(&n, d)| n as u64 >= d.tokens));
    }
}
