//! One pass over the documents: each one's positions (its words, sentences and quotations),
//! the dictionary's entries matched in them, and the acts the matches make; nothing of the
//! text is kept but the acts' triggers and targets.

use super::acts::{self, ActLexicon};
use super::hit::{ActHit, ActTexts};
use super::table::{Bins, Tally};
use super::Compiled;
use crate::analysis::spill::{put_str, put_u32, put_u64, Spill, Spilled, Unput};
use crate::analysis::{Analyser, Options, Positions};
use crate::corpus::{self, lock, Document, GroupedFiles, LoadOptions, Problem};
use crate::error::Result;
use ahash::AHashMap;
use std::sync::{Arc, Mutex};

/// One category's matches in a document (or a bin of documents).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Hit {
    /// Matches.
    pub count: u64,
    /// Matches inside quotation marks (one quotation holds all the entry's words).
    pub quoted: u64,
    /// Matches inside a scare quote.
    pub scare: u64,
}

impl Hit {
    /// Adds `o`'s counts.
    pub fn add(&mut self, o: &Hit) {
        self.count += o.count;
        self.quoted += o.quoted;
        self.scare += o.scare;
    }
}

/// The words one entry matched, with their counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryHit {
    /// The entry (an index into [`Compiled::entries`]).
    pub entry: u32,
    /// The folded words it matched (`condemned`, `takes note`).
    pub matched: String,
    /// Its counts.
    pub hit: Hit,
}

/// A document's matches.
#[derive(Debug, Clone, Default)]
pub struct DictDoc {
    /// Words in the document.
    pub words: u64,
    /// The categories matched (each an index into [`Compiled::keys`]) with their counts, by
    /// ascending index: a document matches few of a dictionary's categories. None in a scan
    /// for acts, whose tables count the acts.
    pub hits: Vec<(u32, Hit)>,
    /// What each entry matched (none unless [`Compiled::keep_matched`]).
    pub entries: Vec<EntryHit>,
    /// The speech acts, when a lexicon of acts was given.
    pub acts: Vec<ActHit>,
    /// The act models' candidates with their features, when the lexicon asks to explain
    /// them ([`ActLexicon::explain_models`]).
    pub candidates: Vec<super::models::ModelCandidate>,
    /// The language its most frequent words say it is in, when not the run's
    /// ([`Positions::other_lang`]).
    pub other_lang: Option<crate::text::Lang>,
}

/// The documents of a run, each with its matches; or, when the run summed its tables as it
/// read ([`Scanned::tally`]), those sums alone, and no document.
#[derive(Debug, Clone, Default)]
pub struct Scanned {
    /// The documents' ids, in order (none with a tally).
    pub ids: Vec<String>,
    /// Per document: its bin (0 when not grouped; none with a tally).
    pub bins: Vec<u32>,
    /// Per document: its matches (none with a tally).
    pub docs: Vec<DictDoc>,
    /// The acts' texts, when they were set aside while the corpus was read
    /// ([`TextsAside::set_aside`]): the acts then hold none ([`Scanned::texts`] reads them).
    pub aside: Option<std::sync::Arc<TextsAside>>,
    /// The sums per bin, when they were made as the corpus was read: the documents are then
    /// not kept ([`scan`]'s `sums`; [`Scanned::documents`] and [`Scanned::words`] count them).
    pub tally: Option<Tally>,
    /// The documents whose most frequent words say they are in another language than the
    /// run's, with that language ([`DictDoc::other_lang`]), kept with a tally too.
    pub other_lang: Vec<(String, crate::text::Lang)>,
}

impl Scanned {
    /// The documents scanned.
    pub fn documents(&self) -> u64 {
        match &self.tally {
            Some(t) => t.documents(),
            None => self.docs.len() as u64,
        }
    }

    /// The words of the documents scanned.
    pub fn words(&self) -> u64 {
        match &self.tally {
            Some(t) => t.words(),
            None => self.docs.iter().map(|d| d.words).sum(),
        }
    }

    /// Document `d`'s acts' texts, in the order of its acts: each act's own, or those set
    /// aside for the document, read back ([`TextsAside`]); empty texts for an act the run kept
    /// none of.
    pub fn texts(&self, d: usize) -> Result<Vec<std::borrow::Cow<'_, ActTexts>>> {
        use std::borrow::Cow;
        let acts = self.docs.get(d).map_or(&[][..], |doc| &doc.acts[..]);
        let aside = match &self.aside {
            Some(t) if !acts.is_empty() => t.get(d)?,
            _ => None,
        };
        Ok(match aside {
            Some(v) if v.len() == acts.len() => v.into_iter().map(Cow::Owned).collect(),
            Some(_) => return Err(texts_lost("the file was changed while verbale ran".into())),
            None => (acts.iter())
                .map(|a| a.texts.as_deref().map_or_else(Cow::default, Cow::Borrowed))
                .collect(),
        })
    }

    /// Acts of the kinds `chosen` chooses (by index into the lexicon's acts), in every
    /// document: (not negated, negated).
    pub fn acts_of(&self, chosen: impl Fn(usize) -> bool) -> (u64, u64) {
        match &self.tally {
            Some(t) => t.acts_of(chosen),
            None => (self.docs.iter().flat_map(|d| &d.acts))
                .filter(|a| chosen(a.act as usize))
                .fold((0, 0), |(n, negated), a| {
                    (n + !a.negated as u64, negated + a.negated as u64)
                }),
        }
    }
}

/// The texts of a scan's acts (where each stands, its trigger, target and sentence) set aside
/// in a temporary file, per document, so that a run that writes every act with its texts once,
/// at its end (the report), does not hold them all: on UNGD, 57,000 acts, their sentences 20
/// MB of memory per copy of the corpus and the rest 8 MB.
#[derive(Debug)]
pub struct TextsAside {
    spill: Spill,
    /// Per document: where its acts' texts went (`None`: kept by its acts).
    at: Vec<Option<Spilled>>,
}

impl TextsAside {
    /// Sets the texts of `d`'s acts aside in `spill` and lets them go (the acts keep their
    /// kind, intensity and flags); where they went (`None` when `d` has no act, or the file
    /// could not take them and the acts keep them).
    pub fn set_aside(d: &mut DictDoc, spill: &Spill) -> Option<Spilled> {
        if d.acts.is_empty() {
            return None;
        }
        let mut b = Vec::new();
        for a in &d.acts {
            put_u64(&mut b, a.offset());
            put_u32(&mut b, a.page().unwrap_or(u32::MAX));
            for text in [a.trigger(), a.target(), a.sentence()] {
                put_str(&mut b, text);
            }
        }
        let at = spill.put(&b)?;
        for a in &mut d.acts {
            a.texts = None;
        }
        Some(at)
    }

    /// The texts `spill` holds for the documents of a scan (`at`, one per document).
    pub fn of(spill: Spill, at: Vec<Option<Spilled>>) -> TextsAside {
        TextsAside { spill, at }
    }

    /// Document `d`'s acts' texts, in the order of its acts; `None` when they were not set
    /// aside.
    pub fn get(&self, d: usize) -> Result<Option<Vec<ActTexts>>> {
        let Some(&Some(at)) = self.at.get(d) else {
            return Ok(None);
        };
        let b = self.spill.get(at).map_err(|e| texts_lost(e.to_string()))?;
        let mut r = Unput::new(&b);
        let mut got = Vec::new();
        while !r.is_done() {
            let mut act = || -> Option<ActTexts> {
                let (offset, page) = (r.u64()?, r.u32()?);
                Some(ActTexts {
                    offset,
                    page: (page != u32::MAX).then_some(page),
                    trigger: r.str()?,
                    target: r.str()?,
                    sentence: r.str()?,
                })
            };
            let changed = || texts_lost("the file was changed while verbale ran".into());
            got.push(act().ok_or_else(changed)?);
        }
        Ok(Some(got))
    }
}

/// The error of acts' texts set aside that could not be read back, and why.
fn texts_lost(why: String) -> crate::error::Error {
    crate::error::Error::SetAside {
        what: "acts' texts",
        why,
    }
}

/// One match in a document: its entry and its first and last word (indices into the words).
#[derive(Debug, Clone, Copy)]
pub(super) struct Match {
    pub entry: u32,
    pub first: u32,
    pub last: u32,
}

/// A document's words: per word its token, and whether it is joined to the word before it
/// (same sentence, no punctuation between).
pub(super) struct Words {
    pub tok: Vec<u32>,
    pub joined: Vec<bool>,
}

impl Words {
    fn of(p: &Positions, text: &str) -> Words {
        let gaps = p.word_gaps();
        let mut joined = Vec::with_capacity(gaps.len());
        for (k, &(t, g)) in gaps.iter().enumerate() {
            // The full stop of an abbreviation in mid-sentence joins (`U.S. commitment`).
            let abbreviated = g == crate::analysis::gap::PUNCT
                && k > 0
                && p.abbreviation_stop_between(gaps[k - 1].0 as usize, t as usize, text);
            joined.push(g == 0 || abbreviated);
        }
        let tok = gaps.into_iter().map(|(t, _)| t).collect();
        Words { tok, joined }
    }
}

impl<'a> Scanner<'a> {
    fn new(opts: &'a Options, dict: &'a Compiled, acts: Option<&'a ActLexicon>) -> Self {
        Scanner {
            run: Analyser::new(opts),
            matcher: Matcher::new(dict, acts),
        }
    }
}

/// The scanning run: positions from the analyser, entries' first words cached per thread by
/// the address of the interned form (each distinct form is tested against the entries once).
struct Scanner<'a> {
    run: Analyser<'a>,
    matcher: Matcher<'a>,
}

impl corpus::Consumer for Scanner<'_> {
    type Output = DictDoc;

    fn consume(&self, doc: &Document) -> DictDoc {
        let p = self.run.positions(doc);
        self.matcher.scan(&p, doc)
    }
}

/// A dictionary (and a lexicon of acts) matched in documents whose positions another reading
/// computes (the report finds its acts in the reading of its phrase tables). The positions
/// must all come from one analyser, which keeps the interned words whose addresses the
/// matcher caches.
pub struct Matcher<'a> {
    dict: &'a Compiled,
    acts: Option<&'a ActLexicon>,
    /// Per worker of the run whose positions are scanned, per form id of the worker: the
    /// entries the form starts (`None`: not asked yet).
    starts: Vec<Mutex<Starts>>,
}

/// Per form id of a worker: the entries the form starts (`None`: not asked yet).
type Starts = Vec<Option<Arc<[u32]>>>;

impl<'a> Matcher<'a> {
    /// A matcher of `dict` (and of the acts of `acts`, whose compiled triggers `dict` is).
    pub fn new(dict: &'a Compiled, acts: Option<&'a ActLexicon>) -> Self {
        let workers = crate::analysis::worker_count();
        Matcher {
            dict,
            acts,
            starts: (0..workers).map(|_| Mutex::new(Vec::new())).collect(),
        }
    }

    /// A document's matches (and acts), from its positions.
    pub fn scan(&self, p: &Positions, doc: &Document) -> DictDoc {
        self.scan_doc(p, doc)
    }
}

impl Matcher<'_> {
    /// Per distinct form of the document (an index of [`Positions::form_keys`]), the entries
    /// its words start: asked once per form of the worker that read the document.
    fn starts_of(&self, p: &Positions) -> Vec<Arc<[u32]>> {
        let Some(cache) = self.starts.get(p.worker as usize) else {
            // Positions of a run with more workers than this matcher knows: no cache.
            let mut none = Vec::new();
            return self.starts_in(p, &mut none);
        };
        self.starts_in(p, &mut lock(cache))
    }

    /// [`Matcher::starts_of`] with `cache`, the entries by form id of the document's worker.
    fn starts_in(&self, p: &Positions, cache: &mut Starts) -> Vec<Arc<[u32]>> {
        // A form's stem: that of any of its tokens.
        let mut stem_of = vec![u32::MAX; p.form_keys.len()];
        for (f, t) in p.forms.iter().zip(&p.terms) {
            if *f != Positions::NO_TERM {
                stem_of[*f as usize] = *t;
            }
        }
        p.form_keys
            .iter()
            .zip(&p.form_ids)
            .zip(stem_of)
            .map(|((form, &id), stem)| {
                let id = id as usize;
                if cache.len() <= id {
                    cache.resize(id + 1, None);
                }
                cache[id]
                    .get_or_insert_with(|| match p.term_keys.get(stem as usize) {
                        Some(stem) => self.starting(form, stem).into(),
                        None => Arc::from([]),
                    })
                    .clone()
            })
            .collect()
    }

    /// The entries a word of form `form` (stem `stem`) starts; for acts, a word with a
    /// negation elided into it (`n'appuie`) starts those of the rest (`appuie`), and the act
    /// reads the negation.
    fn starting(&self, form: &str, stem: &str) -> Vec<u32> {
        let found = self.dict.starting(form, stem);
        match self.acts.and_then(|l| l.elided_negation(form)) {
            Some(rest) if found.is_empty() => {
                let cut = &form[..form.len() - rest.len()];
                self.dict
                    .starting(rest, stem.strip_prefix(cut).unwrap_or(stem))
            }
            _ => found,
        }
    }

    fn scan_doc(&self, p: &Positions, doc: &Document) -> DictDoc {
        let words = Words::of(p, &doc.text);
        let (matches, blocks) = self.matches(p, &words);
        let mut out = DictDoc {
            words: words.tok.len() as u64,
            other_lang: p.other_lang,
            ..Default::default()
        };
        // A scan for acts counts the acts; the categories' counts are the dictionary's.
        let counting = self.acts.is_none();
        let mut hits = vec![Hit::default(); if counting { self.dict.keys.len() } else { 0 }];
        let mut entries: AHashMap<(u32, String), Hit> = AHashMap::new();
        for m in &matches {
            let (first, last) = (
                words.tok[m.first as usize] as usize,
                words.tok[m.last as usize] as usize,
            );
            let quoted = p.innermost_holding(first, last).is_some();
            let scare = p.quoting[first].scare() && p.quoting[last].scare();
            let h = Hit {
                count: 1,
                quoted: quoted as u64,
                scare: scare as u64,
            };
            let e = &self.dict.entries[m.entry as usize];
            if counting {
                hits[e.key as usize].add(&h);
            }
            if !self.dict.keep_matched {
                continue;
            }
            let matched: Vec<&str> = (m.first..=m.last)
                .map(|k| &*p.form_keys[p.forms[words.tok[k as usize] as usize] as usize])
                .collect();
            entries
                .entry((m.entry, matched.join(" ")))
                .or_default()
                .add(&h);
        }
        out.entries = entries
            .into_iter()
            .map(|((entry, matched), hit)| EntryHit {
                entry,
                matched,
                hit,
            })
            .collect();
        out.entries
            .sort_by(|a, b| (a.entry, &a.matched).cmp(&(b.entry, &b.matched)));
        if counting {
            out.hits = (hits.into_iter().enumerate())
                .filter(|(_, h)| h.count > 0)
                .map(|(k, h)| (k as u32, h))
                .collect();
        }
        if let Some(lex) = self.acts {
            (out.acts, out.candidates) =
                acts::detect(lex, self.dict, p, doc, &words, (&matches, &blocks));
            // Held until the run's end: no room past the acts.
            out.acts.shrink_to_fit();
        }
        out
    }

    /// Every match of the document: per category, at each word the longest entry that starts
    /// there (unless a match of the category already covers the word), then matches of a
    /// category `!name` remove the matches of `name` they overlap (unless the match is longer
    /// and holds the exception). Returns the matches kept and the exceptions' own matches.
    fn matches(&self, p: &Positions, words: &Words) -> (Vec<Match>, Vec<Match>) {
        let d = self.dict;
        let mut covered = vec![0u32; d.keys.len()];
        let mut out: Vec<Match> = Vec::new();
        let starts = self.starts_of(p);
        // Per distinct form: whether it is a `between` word, looked up once (0: not yet).
        let mut between = vec![0u8; p.form_keys.len()];
        for k in 0..words.tok.len() {
            let form = p.forms[words.tok[k] as usize] as usize;
            for &e in starts[form].iter() {
                let entry = &d.entries[e as usize];
                if covered[entry.key as usize] > k as u32 {
                    continue;
                }
                if let Some(last) = self.rest_matches(p, words, k, e as usize, &mut between) {
                    out.push(Match {
                        entry: e,
                        first: k as u32,
                        last: last as u32,
                    });
                    covered[entry.key as usize] = last as u32 + 1;
                }
            }
        }
        let mut blocks: Vec<Match> = Vec::new();
        if d.exceptions.iter().any(Option::is_some) {
            blocks = out
                .iter()
                .filter(|m| d.is_exception(d.entries[m.entry as usize].key))
                .copied()
                .collect();
            out.retain(|m| {
                let key = d.entries[m.entry as usize].key as usize;
                match d.exceptions[key] {
                    // A trigger longer than the exception and holding it wins
                    // (`count on the support of` over `the support of`).
                    Some(x) => !blocks.iter().any(|b| {
                        let holds = m.first <= b.first
                            && b.last <= m.last
                            && m.last - m.first > b.last - b.first;
                        d.entries[b.entry as usize].key == x
                            && b.first <= m.last
                            && m.first <= b.last
                            && !holds
                    }),
                    None => !d.is_exception(key as u32),
                }
            });
        }
        (out, blocks)
    }

    /// The last word of entry `e` matched from word `k` on, if the rest of it follows (words
    /// of [`Compiled::between`] may stand between two of its words, two at most; `between`
    /// caches, per distinct form, whether it is one: 1 no, 2 yes, 0 not asked yet).
    fn rest_matches(
        &self,
        p: &Positions,
        words: &Words,
        k: usize,
        e: usize,
        between: &mut [u8],
    ) -> Option<usize> {
        let entry = &self.dict.entries[e];
        let mut at = k;
        for w in 1..entry.len() {
            let mut skipped = 0;
            loop {
                at += 1;
                if at >= words.tok.len() || !words.joined[at] {
                    return None;
                }
                let tok = words.tok[at] as usize;
                let f = p.forms[tok] as usize;
                let form = &*p.form_keys[f];
                let stem = &*p.term_keys[p.terms[tok] as usize];
                if entry.word_matches(w, form, stem) {
                    break;
                }
                if skipped == 2 {
                    return None;
                }
                if between[f] == 0 {
                    between[f] = 1 + self.dict.between.contains(form) as u8;
                }
                if between[f] == 1
                    || (matches!(form, "the" | "a" | "an") && entry.is_suffix_glob(w))
                {
                    return None;
                }
                skipped += 1;
            }
        }
        Some(at)
    }
}

/// Reads the files of `found` and matches `dict` in each (and the acts of `acts`, whose
/// compiled dictionary `dict` must be); `bin_of_file` gives each file's bin (`None`: left
/// out). With `sums`, the tables' sums over those bins are made as the corpus is read
/// ([`Scanned::tally`]) and no document is kept, for a run whose tables need no document's
/// own matches (nor what each entry matched). Returns the documents' matches (or the sums) and the files
/// that could not be read.
pub fn scan(
    found: &GroupedFiles,
    bin_of_file: &[Option<u32>],
    lopts: &LoadOptions,
    opts: &Options,
    (dict, acts): (&Compiled, Option<&ActLexicon>),
    sums: Option<Bins>,
) -> Result<(Scanned, Vec<Problem>)> {
    let scanner = Scanner::new(opts, dict, acts);
    // Room for every document chosen, so that the lists are not copied as they grow.
    let n = if sums.is_some() {
        0
    } else {
        bin_of_file.iter().flatten().count()
    };
    let mut out = Scanned {
        ids: Vec::with_capacity(n),
        bins: Vec::with_capacity(n),
        docs: Vec::with_capacity(n),
        aside: None,
        // A scan for acts counts no categories.
        tally: sums.map(|b| match acts {
            Some(l) => Tally::new(b, 0, l.acts.len()),
            None => Tally::new(b, dict.keys.len(), 0),
        }),
        other_lang: Vec::new(),
    };
    let problems = corpus::stream_binned(found, bin_of_file, lopts, &scanner, |d| {
        if let Some(l) = d.output.other_lang {
            out.other_lang.push((d.id.clone(), l));
        }
        if let Some(t) = &mut out.tally {
            t.add(d.bin, &d.output);
            return;
        }
        out.ids.push(d.id);
        out.bins.push(d.bin);
        out.docs.push(d.output);
    });
    Ok((out, problems))
}

/// Matches `dict` (and `acts`) in documents held in memory, each in its own bin.
pub fn scan_docs(
    docs: &[Document],
    opts: &Options,
    dict: &Compiled,
    acts: Option<&ActLexicon>,
) -> Scanned {
    use rayon::prelude::*;
    let scanner = Scanner::new(opts, dict, acts);
    let results: Vec<DictDoc> = docs
        .par_iter()
        .map(|d| corpus::Consumer::consume(&scanner, d))
        .collect();
    let ids: Vec<String> = docs.iter().map(|d| d.id.clone()).collect();
    Scanned {
        other_lang: other_langs(&ids, &results),
        ids,
        bins: (0..docs.len() as u32).collect(),
        docs: results,
        aside: None,
        tally: None,
    }
}

/// Matches `dict` (and `acts`) in the documents of an analysis, read again in parallel (each
/// let go once scanned; documents the run held, such as standard input, from memory), each
/// in its own bin.
pub fn scan_analysed(
    a: &crate::analysis::Analysis,
    lopts: &LoadOptions,
    opts: &Options,
    dict: &Compiled,
    acts: Option<&ActLexicon>,
) -> Result<Scanned> {
    use rayon::prelude::*;
    let scanner = Scanner::new(opts, dict, acts);
    let docs = (0..a.docs.len())
        .into_par_iter()
        .map(|i| Ok(corpus::Consumer::consume(&scanner, &a.document(i, lopts)?)))
        .collect::<Result<Vec<DictDoc>>>()?;
    let ids: Vec<String> = a.docs.iter().map(|d| d.id.clone()).collect();
    Ok(Scanned {
        other_lang: other_langs(&ids, &docs),
        ids,
        bins: (0..docs.len() as u32).collect(),
        docs,
        aside: None,
        tally: None,
    })
}

/// The documents (of ids `ids`) of `docs` in another language than the run's, with it.
fn other_langs(ids: &[String], docs: &[DictDoc]) -> Vec<(String, crate::text::Lang)> {
    (ids.iter().zip(docs))
        .filter_map(|(id, d)| d.other_lang.map(|l| (id.clone(), l)))
        .collect()
}
