//! Merging a run's per-document counts (or its workers' running sums) under global term ids,
//! with each term's display form.

use super::interner::Worker;
use super::{Analysis, DocResult, FormTotals, Options, Term, TermCount, TermTotals};
use ahash::AHashMap;
use std::sync::Arc;

/// One document's counts in a documents run: its distinct forms, as ids of worker `worker`'s
/// interner, packed as [`super::DocTerms`] packs terms (the form id in `term`, its occurrences
/// in `count`).
pub(super) struct DocForms {
    pub(super) worker: u32,
    pub(super) forms: super::packed::Rows,
}

/// Terms with their display form: the most frequent folded form of each (ties: alphabetical),
/// from (form, occurrences, term id) triples. A possessive (`russia's`) is shown
/// only when the term has no other form: the row counts `Russia` and `Russia’s` alike, and
/// is labelled by the word, not by its possessive, however often that is written. A term
/// whose stem counts several words keeps them, most frequent first, in [`Term::words`]
/// (folded here; [`super::spelling`] spells them and composes the shown form).
pub(super) fn display_forms(terms: Vec<Arc<str>>, forms: Vec<(&str, u64, u32)>) -> Vec<Term> {
    let mut of_term: Vec<Vec<(&str, u64)>> = vec![Vec::new(); terms.len()];
    for (form, n, tid) in forms {
        of_term[tid as usize].push((form, n));
    }
    use rayon::prelude::*;
    terms
        .into_par_iter()
        .zip(of_term)
        .map(|(term, forms)| {
            let form = forms
                .iter()
                .max_by_key(|&&(f, n)| shown_first(f, n))
                .map_or_else(|| term.to_string(), |(f, _)| f.to_string());
            Term {
                words: words_of(forms),
                word: form.clone(),
                form,
                term: term.to_string(),
            }
        })
        .collect()
}

/// The order in which forms are chosen to be shown: a form that is no possessive first, then
/// the most frequent, then the first alphabetically.
fn shown_first(form: &str, n: u64) -> (bool, u64, std::cmp::Reverse<&str>) {
    let possessive = form.len() > 2 && form.ends_with("'s");
    (!possessive, n, std::cmp::Reverse(form))
}

/// The bases a folded form may be an inflection of: itself, and the form without a
/// possessive, plural, `-ed` or `-ing` ending (with a final `e` put back and a doubled
/// consonant undone: `using` → `use`, `setting` → `set`, `territories` → `territory`).
fn bases(form: &str) -> Vec<String> {
    let f = form
        .strip_suffix("'s")
        .or_else(|| form.strip_suffix("s'"))
        .unwrap_or(form);
    let mut out = vec![form.to_string(), f.to_string()];
    let mut push = |x: String| {
        if x.chars().count() >= 2 {
            out.push(x);
        }
    };
    for (ending, instead) in [("ies", "y"), ("ied", "y"), ("es", ""), ("s", "")] {
        if let Some(x) = f.strip_suffix(ending) {
            push(format!("{x}{instead}"));
        }
    }
    for ending in ["ed", "ing"] {
        if let Some(x) = f.strip_suffix(ending) {
            push(format!("{x}e"));
            let b = x.as_bytes();
            let doubled = b.len() >= 2 && b[b.len() - 1] == b[b.len() - 2];
            if doubled {
                push(x[..x.len() - 1].to_string());
            }
            push(x.to_string());
        }
    }
    out
}

/// Whether two folded forms of one stem are one word: equal, or inflections of one base
/// (`territory`, `territories`, `territory's`; `use`, `used`, `using`; `set`, `setting`;
/// `agree`, `agreed`), so that only other words of a stem (`integrity`, `integration`) stand
/// apart. A rough rule, applied only to forms the stemmer has already joined.
pub fn same_word(a: &str, b: &str) -> bool {
    a == b || share_a_base(&bases(a), &bases(b))
}

/// Whether two forms' [`bases`] meet.
fn share_a_base(x: &[String], y: &[String]) -> bool {
    y.iter().any(|b| x.contains(b))
}

/// The words of a term's forms, when there are two or more: each word's form that is shown
/// (as [`shown_first`] chooses) and the occurrences of all its forms, most frequent first
/// (ties: alphabetical).
pub fn words_of(forms: Vec<(&str, u64)>) -> Vec<(String, u64)> {
    // Each form's word: the first earlier form it is one word with, joined transitively.
    let n = forms.len();
    if n < 2 {
        return Vec::new();
    }
    let keys: Vec<Vec<String>> = forms.iter().map(|(f, _)| bases(f)).collect();
    let mut word: Vec<usize> = (0..n).collect();
    for i in 0..n {
        for j in 0..i {
            if word[i] != word[j] && share_a_base(&keys[i], &keys[j]) {
                // Everything in i's word joins j's.
                let (from, to) = (word[i], word[j]);
                for w in word.iter_mut() {
                    if *w == from {
                        *w = to;
                    }
                }
            }
        }
    }
    // Per word: the form shown (as [`shown_first`] chooses) and the occurrences of all.
    let mut words: Vec<(usize, &str, u64, u64)> = Vec::new();
    for (i, &(f, n)) in forms.iter().enumerate() {
        match words.iter_mut().find(|w| w.0 == word[i]) {
            Some(w) => {
                if shown_first(f, n) > shown_first(w.1, w.3) {
                    (w.1, w.3) = (f, n);
                }
                w.2 += n;
            }
            None => words.push((word[i], f, n, n)),
        }
    }
    if words.len() < 2 {
        return Vec::new();
    }
    let mut out: Vec<(String, u64)> = words
        .into_iter()
        .map(|(_, f, total, _)| (f.to_string(), total))
        .collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out
}

/// The global forms and terms met so far, with each form's total.
#[derive(Default)]
struct Vocabulary {
    form_ids: AHashMap<Arc<str>, u32>,
    forms: Vec<Arc<str>>,
    /// Per global form: its term id, or [`Vocabulary::STOP`].
    form_term: Vec<u32>,
    form_total: Vec<u64>,
    term_ids: AHashMap<Arc<str>, u32>,
    terms: Vec<Arc<str>>,
}

impl Vocabulary {
    const STOP: u32 = u32::MAX;

    /// The global id of `form` (with stem `stem`), added if new.
    fn form(&mut self, form: &Arc<str>, stem: &Arc<str>, opts: &Options) -> u32 {
        if let Some(&x) = self.form_ids.get(form) {
            return x;
        }
        let tid = if opts.stopwords.contains(form) {
            Self::STOP
        } else {
            let terms = &mut self.terms;
            *self.term_ids.entry(stem.clone()).or_insert_with(|| {
                terms.push(stem.clone());
                terms.len() as u32 - 1
            })
        };
        self.forms.push(form.clone());
        self.form_term.push(tid);
        self.form_total.push(0);
        let id = self.forms.len() as u32 - 1;
        self.form_ids.insert(form.clone(), id);
        id
    }

    /// The forms counted under a term: each one with its term and total.
    fn counted(&self) -> impl Iterator<Item = (&str, u32, u64)> {
        self.forms
            .iter()
            .zip(&self.form_term)
            .zip(&self.form_total)
            .filter(|((_, &t), _)| t != Self::STOP)
            .map(|((f, &t), &n)| (&**f, t, n))
    }

    /// Each form's term and total, and the spellings the workers counted of those forms
    /// (`global`: per worker, each local form id's global id, `u32::MAX` for none), each
    /// summed over the workers and sorted, so that the same documents give the same rows
    /// however the work was shared.
    fn totals(&self, workers: &[Worker], global: &[Vec<u32>]) -> FormTotals {
        let mut forms: Vec<(String, String, u64)> = self
            .counted()
            .map(|(f, t, n)| (self.terms[t as usize].to_string(), f.to_string(), n))
            .collect();
        forms.sort_unstable();
        let counted = |w: usize, id: u32| {
            let g = global[w].get(id as usize).copied().unwrap_or(u32::MAX);
            g != u32::MAX && self.form_term[g as usize] != Self::STOP
        };
        let mut summed: AHashMap<(String, String), u64> = AHashMap::new();
        for (w, worker) in workers.iter().enumerate() {
            let int = &worker.interner;
            for (id, slice, n) in int.spellings(|id| counted(w, id)) {
                let form = int.forms[id as usize].0.to_string();
                *summed.entry((form, slice)).or_default() += n as u64;
            }
        }
        let mut spellings: Vec<(String, String, u64)> =
            summed.into_iter().map(|((f, s), n)| (f, s, n)).collect();
        spellings.sort_unstable();
        FormTotals { forms, spellings }
    }

    /// The terms with their display forms, and the form → term map.
    fn finish(self) -> (Vec<Term>, AHashMap<Arc<str>, u32>) {
        let forms = self.counted().map(|(f, t, n)| (f, n, t)).collect();
        let form_terms = self
            .forms
            .iter()
            .zip(&self.form_term)
            .filter(|(_, &t)| t != Self::STOP)
            .map(|(f, &t)| (f.clone(), t))
            .collect();
        (display_forms(self.terms.clone(), forms), form_terms)
    }
}

/// Merges per-document counts under global term ids and picks each term's display form.
///
/// Forms arrive as `Arc<str>`s shared with the workers' interners, so most look-ups go by
/// pointer. The vocabulary is built in one pass in document order (so ids are the same
/// however the work was shared); each document's term counts are then gathered in parallel.
pub(super) fn merge(
    docs: Vec<DocResult>,
    counts: Vec<DocForms>,
    workers: &[Worker],
    opts: &Options,
    store: &super::packed::Store,
) -> Analysis {
    use rayon::prelude::*;
    const UNSEEN: u32 = u32::MAX;
    let mut vocab = Vocabulary::default();
    // Per worker: each local form id's global form id.
    let mut global: Vec<Vec<u32>> = workers
        .iter()
        .map(|w| vec![UNSEEN; w.interner.forms.len()])
        .collect();
    let mut forms = Vec::new();
    for d in &counts {
        let table = &workers[d.worker as usize].interner.forms;
        let global = &mut global[d.worker as usize];
        store.unpack(&d.forms, &mut forms);
        for f in &forms {
            let local = f.term as usize;
            let fid = match global[local] {
                UNSEEN => {
                    let (form, stem) = &table[local];
                    let x = vocab.form(form, stem, opts);
                    global[local] = x;
                    x
                }
                x => x,
            };
            vocab.form_total[fid as usize] += f.count as u64;
        }
    }
    // Per worker: each local form id's term id (or STOP).
    let term_of: Vec<Vec<u32>> = global
        .iter()
        .map(|g| {
            g.iter()
                .map(|&x| match x {
                    UNSEEN => Vocabulary::STOP,
                    x => vocab.form_term[x as usize],
                })
                .collect()
        })
        .collect();
    // Each document's forms are let go as its terms are gathered, so the two are not held
    // whole at once. The terms' display forms and spellings are chosen meanwhile.
    let gather = || -> super::DocTerms {
        let packed: Vec<super::packed::Rows> = counts
            .into_par_iter()
            .map(|d| {
                let term_of = &term_of[d.worker as usize];
                let mut rows = Vec::new();
                store.unpack(&d.forms, &mut rows);
                rows.retain_mut(|f| {
                    f.term = term_of[f.term as usize];
                    f.term != Vocabulary::STOP
                });
                // Forms of one term summed into one row.
                by_term(&mut rows);
                store.put(super::packed::pack(rows.into_iter()))
            })
            .collect();
        super::DocTerms::new(packed, store.clone())
    };
    let name = || {
        let kept = opts.keep_forms.then(|| vocab.totals(workers, &global));
        let (mut terms, form_terms) = vocab.finish();
        super::spelling::spell(&mut terms, workers);
        (terms, form_terms, kept)
    };
    let (doc_terms, (terms, form_terms, kept)) = rayon::join(gather, name);
    documents_run(docs, terms, doc_terms, form_terms, kept)
}

/// Terms read from counts, each given an id in the order met: a term's text is held once,
/// however many documents count it.
#[derive(Debug, Default)]
pub struct TermIds {
    ids: AHashMap<Arc<str>, u32>,
    keys: Vec<Arc<str>>,
}

impl TermIds {
    /// The id of term `k`, given the next one the first time `k` is met.
    pub fn id(&mut self, k: &str) -> u32 {
        if let Some(&i) = self.ids.get(k) {
            return i;
        }
        let a: Arc<str> = Arc::from(k);
        self.keys.push(a.clone());
        let i = self.keys.len() as u32 - 1;
        self.ids.insert(a, i);
        i
    }
}

/// A document's rows sorted by term, the rows of one term summed into one.
fn by_term(rows: &mut Vec<TermCount>) {
    radsort::sort_by_key(rows, |c| c.term);
    rows.dedup_by(|next, kept| {
        let same = next.term == kept.term;
        if same {
            kept.count += next.count;
            kept.quoted += next.quoted;
            kept.scare += next.scare;
        }
        same
    });
}

/// The analysis of a documents run: its documents with their counts, terms and forms.
fn documents_run(
    docs: Vec<DocResult>,
    terms: Vec<Term>,
    doc_terms: super::DocTerms,
    form_terms: AHashMap<Arc<str>, u32>,
    forms: Option<FormTotals>,
) -> Analysis {
    Analysis {
        docs,
        terms,
        doc_terms,
        totals: None,
        bin_totals: Vec::new(),
        form_terms,
        held: Vec::new(),
        forms,
        corpus: Default::default(),
    }
}

/// Adds occurrences (total, quoted, scare) and documents of term `tid` to the corpus totals and,
/// in a binned run, an entry to its bin's (summed per term at the end).
fn add_sums(
    totals: &mut [TermTotals],
    bin: Option<&mut Vec<(u32, TermTotals)>>,
    tid: u32,
    c: &[u64; 3],
    docs: u32,
) {
    let add = TermTotals {
        count: c[0],
        quoted: c[1],
        scare: c[2],
        docs,
    };
    totals[tid as usize].add_totals(&add);
    if let Some(bin) = bin {
        bin.push((tid, add));
    }
}

/// A bin's entries, summed per term and sorted by term id.
fn summed(mut entries: Vec<(u32, TermTotals)>) -> Vec<(u32, TermTotals)> {
    entries.sort_unstable_by_key(|e| e.0);
    let mut out: Vec<(u32, TermTotals)> = Vec::with_capacity(entries.len());
    for (t, c) in entries {
        match out.last_mut() {
            Some(last) if last.0 == t => last.1.add_totals(&c),
            _ => out.push((t, c)),
        }
    }
    out.shrink_to_fit();
    out
}

/// The analysis of a totals run from its workers' sums: terms, display forms and corpus totals
/// as [`merge`] would give them, without per-document counts; in a `binned` run (the groups
/// of `--group-by`, or a target and a reference), the totals of each bin too, also when there
/// is only one.
pub(super) fn merge_sums(docs: Vec<DocResult>, workers: &[Worker], binned: bool) -> Analysis {
    const NONE: u32 = u32::MAX;
    let most_stems = workers
        .iter()
        .map(|w| w.interner.stems())
        .max()
        .unwrap_or(0);
    let bins = workers.iter().map(|w| w.sums.len()).max().unwrap_or(0);
    let mut term_ids: AHashMap<Arc<str>, u32> = AHashMap::with_capacity(most_stems);
    let mut terms: Vec<Arc<str>> = Vec::with_capacity(most_stems);
    let mut totals: Vec<TermTotals> = Vec::with_capacity(most_stems);
    let mut bin_entries: Vec<Vec<(u32, TermTotals)>> =
        vec![Vec::new(); if binned { bins.max(1) } else { 0 }];
    // Per term, its forms with their occurrences: a term has a handful, so they are told apart
    // by a short scan rather than through a map of every form.
    let mut term_forms: Vec<Vec<(Arc<str>, u64)>> = Vec::with_capacity(most_stems);
    for w in workers {
        let int = &w.interner;
        // Each stem of this worker is looked up among the terms once, not once per form or
        // per bin; each form's occurrences are summed over the bins before being told apart.
        let mut stem_term = vec![NONE; int.stems()];
        let mut form_total = vec![0u64; int.forms.len()];
        for (b, s) in w.sums.iter().enumerate() {
            for (i, c, stop) in &s.forms {
                let i = *i as usize;
                if c[0] == 0 || *stop != 1 {
                    continue;
                }
                let sid = int.hot[i].stem as usize;
                let tid = match stem_term[sid] {
                    NONE => {
                        let stem = &int.forms[i].1;
                        let tid = *term_ids.entry(stem.clone()).or_insert_with(|| {
                            terms.push(stem.clone());
                            totals.push(TermTotals::default());
                            term_forms.push(Vec::new());
                            terms.len() as u32 - 1
                        });
                        stem_term[sid] = tid;
                        tid
                    }
                    tid => tid,
                };
                add_sums(&mut totals, bin_entries.get_mut(b), tid, c, 0);
                form_total[i] += c[0];
            }
            for &(sid, n, _) in &s.stems {
                let tid = stem_term[sid as usize];
                if n > 0 && tid != NONE {
                    add_sums(&mut totals, bin_entries.get_mut(b), tid, &[0; 3], n);
                }
            }
        }
        for (i, &n) in form_total.iter().enumerate() {
            if n == 0 {
                continue;
            }
            let form = &int.forms[i].0;
            let seen = &mut term_forms[stem_term[int.hot[i].stem as usize] as usize];
            match seen.iter_mut().find(|(f, _)| **f == **form) {
                Some(f) => f.1 += n,
                None => seen.push((form.clone(), n)),
            }
        }
    }
    let bin_totals: Vec<Vec<(u32, TermTotals)>> = bin_entries.into_iter().map(summed).collect();
    let forms: Vec<(&str, u64, u32)> = term_forms
        .iter()
        .enumerate()
        .flat_map(|(tid, fs)| fs.iter().map(move |(f, n)| (&**f, *n, tid as u32)))
        .collect();
    let mut terms = display_forms(terms, forms);
    super::spelling::spell(&mut terms, workers);
    Analysis {
        docs,
        terms,
        doc_terms: super::DocTerms::default(),
        totals: Some(totals),
        bin_totals,
        form_terms: AHashMap::new(),
        held: Vec::new(),
        forms: None,
        corpus: Default::default(),
    }
}

/// An analysis of a corpus counted in parts ([`super::from_counts`]).
pub(super) fn from_counts(
    docs: Vec<DocResult>,
    counts: Vec<Vec<TermCount>>,
    mut terms: TermIds,
    forms: &FormTotals,
) -> Analysis {
    let mut doc_terms = super::DocTerms::default();
    for mut row in counts {
        // A term listed twice for a document (a part written by hand) is summed.
        by_term(&mut row);
        doc_terms.push(&row);
    }
    // Each (term, form)'s occurrences summed over the parts.
    let mut summed: AHashMap<(u32, &str), u64> = AHashMap::new();
    for (term, form, n) in &forms.forms {
        *summed.entry((terms.id(term), form.as_str())).or_default() += n;
    }
    let keys = terms.keys;
    let mut spellings: AHashMap<(&str, &str), u64> = AHashMap::new();
    for (form, slice, n) in &forms.spellings {
        *spellings
            .entry((form.as_str(), slice.as_str()))
            .or_default() += n;
    }
    let form_terms: AHashMap<Arc<str>, u32> =
        summed.keys().map(|&(t, f)| (Arc::from(f), t)).collect();
    let triples: Vec<(&str, u64, u32)> = summed.iter().map(|(&(t, f), &n)| (f, n, t)).collect();
    let mut terms = display_forms(keys, triples);
    super::spelling::spell_with(&mut terms, spellings.iter().map(|(&(f, s), &n)| (f, s, n)));
    documents_run(docs, terms, doc_terms, form_terms, Some(forms.clone()))
}
