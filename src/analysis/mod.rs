//! The counting pipeline: each document is tokenised, its quotation marks paired and classified,
//! and its distinct forms counted (total, inside quotes, inside scare quotes) in parallel; the
//! per-document counts are then merged under interned term ids. Nothing per token is kept,
//! except for the few documents whose [`Positions`] a concordance or a dispersion plot asks for.
//!
//! A run is an [`Analyser`]: it owns one worker per thread (an interner that folds and stems
//! each distinct form once, the per-document scratch, the running sums of a totals run), and
//! [`Analyser::finish`] merges what its documents gave into a self-contained [`Analysis`].

mod compound;
mod document;
mod interner;
mod measures;
mod merge;
mod packed;
mod positions;
mod quotes_aside;
mod result;
mod spelling;
pub mod spill;

pub use document::{quoted_ranges, QuoteMark};
pub use merge::{same_word, words_of, TermIds};
pub use packed::DocTerms;
pub use positions::{gap, quoting, Positions, Quoting, QuotingRuns, Words};
pub use result::{
    Analysis, CueCount, CueTotal, DocMeasures, DocResult, FormTotals, Term, TermCount, TermTotals,
    UnpairedMark, MATTR_WINDOW,
};
pub use spelling::shown;
pub use spelling::spell_forms;

use crate::corpus::{self, Document, LoadOptions, Problem};
use crate::error::Result;
use crate::quotes::Lexicons;
use crate::text::{
    fold, tokenize_into, Lang, Phrases, Rules, StemCache, Stopwords, Token, TokenizeOptions,
};
use interner::Workers;
use merge::DocForms;
use rayon::prelude::*;
use std::path::PathBuf;
use std::sync::Arc;

/// What to count and how.
#[derive(Debug, Clone)]
pub struct Options {
    /// Language (stemmer, stopwords, lexicons).
    pub lang: Lang,
    /// Stem terms (`--no-stem` turns this off).
    pub stem: bool,
    /// Which Snowball rules stem them (`--stemmer`).
    pub rules: Rules,
    /// Stopwords left out of term tables (they still count in token totals).
    pub stopwords: Stopwords,
    /// Tokeniser settings.
    pub tokenize: TokenizeOptions,
    /// Quote classifier lexicons.
    pub lexicons: Lexicons,
    /// Words of context kept on each side of a quote span.
    pub context: usize,
    /// What [`analyse_files`] keeps of each document.
    pub detail: Detail,
    /// Multiword terms counted as one term each (`--phrases`, `--compound-top`).
    pub phrases: Option<Arc<Phrases>>,
    /// Keep each document's lexical diversity and readability ([`DocResult::measures`]) in a
    /// documents run (`docs`, the report); off, they cost a tenth of a `freq --by doc`.
    pub doc_measures: bool,
    /// Set each document's counts, and its quotations, aside in a temporary file in a documents
    /// run, so that they do not grow the run's memory with the corpus (the report;
    /// [`Analysis::spans`] reads the quotations back); check them at the end with
    /// [`DocTerms::check`].
    pub spill_counts: bool,
    /// The window of MATTR, in words ([`MATTR_WINDOW`] unless `docs --mattr-window`).
    pub mattr_window: usize,
    /// Keep each form's count and its spellings ([`Analysis::forms`]) in a documents run, so
    /// that counts written apart (`verbale counts`) give the same display forms when summed.
    pub keep_forms: bool,
    /// The probability a span needs to be called scare (`--min-confidence`); below it, the
    /// likeliest other kind is called. 0 calls the likeliest kind.
    pub min_scare: f64,
    /// Keep each span's non-zero model features as text (`quotes --explain`).
    pub explain_quotes: bool,
    /// Find and call the quotations. Off for a table that shows no quoted or scare counts
    /// (`freq --by doc --columns doc,term,count`): the marks are not paired, every count
    /// of quoted and scare-quoted words is 0, and the other counts are the same.
    pub quotes: bool,
    /// In a totals run ([`Detail::Totals`]), the only terms summed (as counted: stems, or
    /// folded words with `--no-stem`); `None` sums every term. The other words still count in
    /// token totals, and only the quotations holding a word of these terms are called, so
    /// the documents' span and scare counts cover those quotations alone. A trend of named
    /// words needs no more, and is spared summing and calling the rest.
    pub only_terms: Option<Arc<ahash::AHashSet<String>>>,
    /// With [`Options::only_terms`], also sum the hyphenated terms one of whose parts is one
    /// of them (`counter-terrorism` for `terror`), so that a trend can say what the word
    /// alone leaves out. The terms asked for count the same.
    pub only_compounds: bool,
}

/// The options an [`Options::fingerprint`] names, in its order.
pub const FINGERPRINT_NAMES: [&str; 10] = [
    "lang",
    "stem",
    "rules",
    "split hyphens",
    "split apostrophes",
    "stopwords",
    "phrases",
    "min confidence",
    "quote model",
    "text rules",
];

/// The version of the rules that cut a text into words and sentences: raised whenever they
/// change what is counted (a sentence's end moves the n-grams, acts and readability counted
/// within it), so that counts made before are not summed with counts made after.
/// 3: the page furniture of the UN's verbatim records (`08-53129 32` between a speech's
/// paragraphs) is no text, and the sentence it broke reads on (2026-12-06); 2: a full stop
/// before a digit (`S/PV.8362`) ends no sentence, the `C` of `2°C.` is no initial
/// (2026-12-06); 1: every earlier verbale that recorded its options.
pub const TEXT_RULES: u32 = 3;

/// What a run keeps of each document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Detail {
    /// Per-document term counts, spans and cues ([`Analysis::doc_terms`], [`DocResult`]).
    #[default]
    Documents,
    /// Corpus totals only ([`Analysis::totals`]): each document's counts are added to its
    /// worker's running sums as soon as it is analysed, so memory grows with the vocabulary,
    /// not with the corpus. Documents keep their id and token counts; their `spans`,
    /// `unpaired` and `cues` are left empty, and so is [`Analysis::doc_terms`].
    Totals,
    /// Per-document term counts (with their quoted and scare occurrences) without the spans:
    /// what a document-term table needs. Documents keep their id, token and span counts (and
    /// measures, when asked); their `spans`, `unpaired` and `cues` are left empty, as in a
    /// totals run.
    Counts,
}

impl Options {
    /// Defaults for a language: stemming on, the bundled stopwords and lexicons.
    pub fn new(lang: Lang) -> Self {
        Options {
            lang,
            stem: true,
            rules: Rules::default(),
            stopwords: Stopwords::bundled(lang),
            tokenize: TokenizeOptions::default(),
            lexicons: Lexicons::bundled(lang),
            context: 8,
            detail: Detail::Documents,
            phrases: None,
            doc_measures: false,
            spill_counts: false,
            mattr_window: MATTR_WINDOW,
            keep_forms: false,
            min_scare: 0.0,
            explain_quotes: false,
            quotes: true,
            only_terms: None,
            only_compounds: false,
        }
    }

    /// What decides how a corpus is counted, in one line of [`FINGERPRINT_NAMES`] each with
    /// its value: counts made with equal lines can be summed (`verbale counts` checks it before
    /// joining parts).
    pub fn fingerprint(&self) -> String {
        let values = [
            self.lang.code.to_string(),
            self.stem.to_string(),
            format!("{:?}", self.rules),
            self.tokenize.split_hyphens.to_string(),
            self.tokenize.split_apostrophes.to_string(),
            self.stopwords.signature(),
            self.phrases
                .as_ref()
                .map_or("none".to_string(), |p| p.signature()),
            self.min_scare.to_string(),
            self.lexicons
                .model
                .as_ref()
                .map_or("hand-set".to_string(), |m| m.signature().to_string()),
            TEXT_RULES.to_string(),
        ];
        FINGERPRINT_NAMES
            .iter()
            .zip(values)
            .map(|(name, value)| format!("{name} {value}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// The term key a word is counted under (folded, then stemmed unless `--no-stem`), as
    /// `--terms` and `kwic --stem` look words up.
    pub fn term_key(&self, word: &str) -> String {
        StemCache::new(self.lang, self.rules, self.stem).stem_once(&fold(word))
    }
}

/// Counts of one folded form in one document.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FormCount {
    /// The form's id in its worker's interner.
    pub(crate) form: u32,
    /// Occurrences.
    pub(crate) total: u32,
    /// Occurrences inside any quotation marks.
    pub(crate) quoted: u32,
    /// Occurrences inside scare quotes.
    pub(crate) scare: u32,
}

/// What one document gave a run: its result and, in a documents run, its form counts.
pub struct Counted {
    result: DocResult,
    forms: Option<DocForms>,
    /// Boxed: most documents are not held, and a run keeps one of these per document.
    held: Option<Box<Document>>,
}

impl Counted {
    /// The document's result (spans, cues, token counts).
    pub fn result(&self) -> &DocResult {
        &self.result
    }
}

/// A document's positions from its tokens, their slots among its forms, and its quotations.
fn positions_from(
    worker: u32,
    w: &mut interner::Worker,
    doc: &Document,
    tokens: Vec<crate::text::Token>,
    slots: document::Slots,
    marks: Vec<QuoteMark>,
) -> Positions {
    let other_lang = slots.other_lang;
    // Each slot's term among the document's distinct keys, found through the stem's id in
    // the worker (`stem_term`, reset below for the next document).
    let int = &w.interner;
    let stem_term = &mut w.stem_term;
    stem_term.resize(int.stems(), u32::MAX);
    let mut term_keys: Vec<std::sync::Arc<str>> = Vec::new();
    let mut stems_seen: Vec<u32> = Vec::new();
    let slot_term: Vec<u32> = slots
        .forms
        .iter()
        .map(|f| {
            let stem = int.hot[f.form as usize].stem;
            let t = &mut stem_term[stem as usize];
            if *t == u32::MAX {
                *t = term_keys.len() as u32;
                term_keys.push(int.forms[f.form as usize].1.clone());
                stems_seen.push(stem);
            }
            *t
        })
        .collect();
    for s in stems_seen {
        stem_term[s as usize] = u32::MAX;
    }
    let terms = slots
        .token_slots
        .iter()
        .map(|&s| {
            slot_term
                .get(s as usize)
                .copied()
                .unwrap_or(Positions::NO_TERM)
        })
        .collect();
    let (quoting, parents) = quoting(tokens.len(), &marks);
    // Forms: a document's slots are its distinct forms.
    let form_keys = slots
        .forms
        .iter()
        .map(|f| int.forms[f.form as usize].0.clone())
        .collect();
    let form_ids = slots.forms.iter().map(|f| f.form).collect();
    let forms = slots
        .token_slots
        .iter()
        .map(|&s| {
            if (s as usize) < slots.forms.len() {
                s
            } else {
                Positions::NO_TERM
            }
        })
        .collect();
    Positions {
        id: doc.id.clone(),
        marks,
        tokens,
        terms,
        term_keys,
        forms,
        form_keys,
        worker,
        form_ids,
        quoting,
        parents,
        other_lang,
    }
}

/// A second use of each document a documents run reads (the report's phrases and speech
/// acts), fed with the positions of the run's own tokens, so that no document is read or
/// tokenised twice.
pub trait AlsoRead: Sync {
    /// One document's positions (made by the run's worker `p.worker`), with the document.
    fn document(&self, p: &Positions, doc: &Document);
    /// Once the run has read every document, before it merges them: per worker, the surface
    /// spellings it counted, each with the worker's form id and its occurrences (as
    /// [`Analyser::spellings`] gives them).
    fn spellings(&self, by_worker: Vec<Vec<(u32, String, u32)>>);
}

/// One analysis run over any number of documents, in any order and on any threads; see the
/// module documentation.
pub struct Analyser<'a> {
    opts: &'a Options,
    workers: Workers,
    hold: bool,
    /// In a totals run: each file's bin (a group of `--group-by`, or a side), by its index
    /// among the files streamed ([`corpus::Consumer::consume_at`]).
    bins: Option<Vec<u32>>,
    /// In a documents run: what else reads each document's positions.
    also: Option<&'a dyn AlsoRead>,
    /// Where a documents run keeps each document's packed counts.
    store: packed::Store,
}

impl<'a> Analyser<'a> {
    /// A run with `opts`; `opts.detail` says what it keeps of each document.
    pub fn new(opts: &'a Options) -> Self {
        Analyser {
            opts,
            workers: Workers::new(opts.lang, opts.rules, opts.stem),
            hold: false,
            bins: None,
            also: None,
            store: packed::Store::new(opts.spill_counts && opts.detail != Detail::Totals),
        }
    }

    /// In a documents run, also gives each document's positions to `also` (from the tokens the
    /// run counts), and its spellings once every document is read. A totals run
    /// ([`Detail::Totals`]) keeps no document and gives `also` nothing.
    pub fn also(self, also: Option<&'a dyn AlsoRead>) -> Self {
        Analyser { also, ..self }
    }

    /// In a totals run, keeps the totals of each bin apart too (the groups of `--group-by`, or a
    /// target and a reference):
    /// `bins` gives each file's bin by its index among the files streamed
    /// ([`Analysis::bin_totals`]; a document analysed otherwise is in bin 0).
    pub fn binned(self, bins: Vec<u32>) -> Self {
        Analyser {
            bins: Some(bins),
            ..self
        }
    }

    /// A run that also holds the documents that cannot be read again (standard input, pipes),
    /// so that [`Analysis::document`] can give every document a second time.
    pub fn holding(opts: &'a Options) -> Self {
        Analyser {
            hold: true,
            ..Analyser::new(opts)
        }
    }

    fn totals(&self) -> bool {
        self.opts.detail == Detail::Totals
    }

    /// Whether the documents' spans, unpaired marks and cues are built.
    fn spans(&self) -> bool {
        self.opts.detail == Detail::Documents
    }

    /// Whether the documents' measures are computed (asked for, in a run that keeps documents).
    fn measures(&self) -> bool {
        self.opts.doc_measures && !self.totals()
    }

    /// Analyses one document. In a totals run its counts go straight into this thread's
    /// running sums (of bin 0 in a binned run).
    pub fn document(&self, doc: &Document) -> Counted {
        self.document_in(0, doc)
    }

    /// [`Self::document`] in bin `bin` of a binned totals run.
    fn document_in(&self, bin: usize, doc: &Document) -> Counted {
        let also = self.also.filter(|_| !self.totals());
        let (counted, positions) = self.workers.with(|id, w| {
            let mut tokens = std::mem::take(&mut w.tokens);
            tokens_into(w, doc, self.opts, &mut tokens);
            let mut done = document::analyse_tokens(
                w,
                doc,
                &tokens,
                self.opts,
                !self.spans(),
                self.measures(),
            );
            // What else reads the document sees the same tokens, slots and quotations.
            let positions = also.map(|_| {
                let (slots, marks) = done.take_slots();
                // The counts keep the forms.
                done.forms = slots.forms.clone();
                positions_from(id, w, doc, tokens.clone(), slots, marks)
            });
            w.tokens = tokens;
            let forms = if self.totals() {
                let stop = |f: &str| self.opts.stopwords.contains(f);
                interner::add_to_bin(w, bin, &done.forms, done.kept.as_deref(), stop);
                None
            } else {
                // Results are held for the whole corpus: packed, in the order the forms came
                // (the merge numbers the corpus's terms in that order).
                let forms = self
                    .store
                    .put(packed::pack(done.forms.iter().map(|f| TermCount {
                        term: f.form,
                        count: f.total,
                        quoted: f.quoted,
                        scare: f.scare,
                    })));
                Some(DocForms { worker: id, forms })
            };
            // Asked of the file system only in a run that holds documents.
            let rereadable = || {
                doc.path
                    .as_deref()
                    .is_some_and(|p| std::fs::metadata(p).is_ok_and(|m| m.is_file()))
            };
            let mut result = done.result;
            quotes_aside::set_aside(&self.store, &mut result);
            let counted = Counted {
                result,
                forms,
                held: (self.hold && !rereadable()).then(|| Box::new(doc.clone())),
            };
            (counted, positions)
        });
        if let (Some(a), Some(p)) = (also, &positions) {
            a.document(p, doc);
        }
        counted
    }

    /// Analyses one document and keeps where each of its tokens stands (its term and the
    /// quotations around it), for concordances and dispersion plots. Its counts are not added
    /// to the run.
    pub fn positions(&self, doc: &Document) -> Positions {
        self.workers.with(|wi, w| {
            let mut tokens = Vec::new();
            tokens_into(w, doc, self.opts, &mut tokens);
            // Places and kinds of the quotations, no texts: a document can hold many.
            let mut done = document::analyse_tokens(w, doc, &tokens, self.opts, true, false);
            let (slots, marks) = done.take_slots();
            positions_from(wi, w, doc, tokens, slots, marks)
        })
    }

    /// A document's words for a corpus held as word ids: per word its form's id in this
    /// thread's worker, what stands before it, and the quotations around it (`marks`, when a
    /// documents run already found them; otherwise paired and classified here). `known`
    /// says how many of a worker's forms the caller knows; the rest come with the words. Its
    /// counts are not added to the run.
    pub fn words(
        &self,
        doc: &Document,
        marks: Option<Vec<QuoteMark>>,
        known: impl Fn(u32) -> usize,
    ) -> Words {
        self.workers.with(|wi, w| {
            let mut tokens = Vec::new();
            tokens_into(w, doc, self.opts, &mut tokens);
            let (slots, marks) = match marks {
                Some(m) => (document::slots(w, &doc.text, &tokens, self.opts), m),
                None => {
                    document::analyse_tokens(w, doc, &tokens, self.opts, true, false).take_slots()
                }
            };
            let forms = &slots.forms;
            let other_lang = slots.other_lang;
            let mut words = Words::new(
                &doc.text,
                &tokens,
                &slots.token_slots,
                |s| forms[s as usize].form,
                &marks,
            );
            let all = &w.interner.forms;
            let from = known(wi).min(all.len());
            words.worker = wi;
            words.other_lang = other_lang;
            words.new_from = from as u32;
            words.new_forms = all[from..].to_vec();
            words
        })
    }

    /// Once the run is over: per worker (by number), the surface spellings it counted, each
    /// with the worker's form id and its occurrences (`United`, `UNITED` and `united` apart).
    pub fn spellings(self) -> Vec<Vec<(u32, String, u32)>> {
        spellings_of(&self.workers.into_inner())
    }

    /// How many workers the run has (each thread's, and one spare): the values of
    /// [`Words::worker`].
    pub fn worker_count(&self) -> usize {
        self.workers.len()
    }

    /// The quotations a documents run found in document `i` of `a`, if it kept them.
    pub fn marks_in(a: &Analysis, i: usize) -> Option<Vec<QuoteMark>> {
        if i >= a.doc_terms.len() {
            return None;
        }
        Some(
            a.spans(i)
                .iter()
                .map(|s| QuoteMark {
                    open_tok: s.open_tok,
                    close_tok: s.close_tok,
                    kind: s.kind,
                })
                .collect(),
        )
    }

    /// [`Analyser::positions`] of a document whose quotations are already known (from a
    /// documents run: its spans): the text is tokenised and its terms looked up, with no
    /// pairing or classifying again.
    pub fn positions_known(&self, doc: &Document, marks: Vec<QuoteMark>) -> Positions {
        self.workers.with(|wi, w| {
            let mut tokens = Vec::new();
            tokens_into(w, doc, self.opts, &mut tokens);
            let slots = document::slots(w, &doc.text, &tokens, self.opts);
            positions_from(wi, w, doc, tokens, slots, marks)
        })
    }

    /// [`Analyser::positions`] of document `i` of analysis `a` (its text `doc`): from the
    /// quotations `a` found when it kept them (a documents run keeps each document's counts, and
    /// with them all its spans), so that they are not paired and classified again.
    pub fn positions_in(&self, a: &Analysis, i: usize, doc: &Document) -> Positions {
        match Self::marks_in(a, i) {
            None => self.positions(doc),
            Some(marks) => self.positions_known(doc, marks),
        }
    }

    /// Merges what the documents gave (in corpus order) into the analysis.
    pub fn finish(self, counted: impl IntoIterator<Item = Counted>) -> Analysis {
        let counted = counted.into_iter();
        // At most one result per document read (some may have failed).
        let mut c = Collected::new(self.totals(), counted.size_hint().1.unwrap_or(0));
        counted.for_each(|d| c.push(d));
        self.finish_collected(c)
    }

    /// Merges what the documents gave, taken into `c` as they were read, into the analysis.
    fn finish_collected(self, c: Collected) -> Analysis {
        let totals = self.totals();
        let also = self.also.filter(|_| !totals);
        let workers = self.workers.into_inner();
        if let Some(a) = also {
            a.spellings(spellings_of(&workers));
        }
        let mut a = if totals {
            merge::merge_sums(c.docs, &workers, self.bins.is_some())
        } else {
            merge::merge(c.docs, c.forms, &workers, self.opts, &self.store)
        };
        a.held = c.held;
        a
    }
}

/// What the documents of a run gave, in corpus order, taken as they come: a document's result,
/// its form counts (a documents run) and its text (when held).
struct Collected {
    docs: Vec<DocResult>,
    forms: Vec<DocForms>,
    held: Vec<(usize, Document)>,
}

impl Collected {
    /// Room for `most` documents of a totals run or not.
    fn new(totals: bool, most: usize) -> Self {
        Collected {
            docs: Vec::with_capacity(most),
            forms: Vec::with_capacity(if totals { 0 } else { most }),
            held: Vec::new(),
        }
    }

    fn push(&mut self, c: Counted) {
        let i = self.docs.len();
        self.docs.push(c.result);
        self.forms.extend(c.forms);
        self.held.extend(c.held.map(|d| (i, *d)));
    }
}

impl corpus::Consumer for Analyser<'_> {
    type Output = Counted;

    fn consume(&self, doc: &Document) -> Counted {
        self.document(doc)
    }

    fn consume_at(&self, k: usize, doc: &Document) -> Counted {
        let bin = self.bins.as_ref().map_or(0, |b| b[k] as usize);
        self.document_in(bin, doc)
    }

    /// A binned run keeps sums per worker and per bin. The files of a `--group-by` run come a
    /// group after the other (`meta::plan`'s `by_bin`): read side by side at once, each worker
    /// meets about its share of the groups. Read a piece at a time, both would meet every
    /// group, and keep the sums of every term twice (`freq --group-by year` on ten copies of
    /// UNGD: 123 MiB in pieces against 97 MiB at once). A run of two sides (`compare`) reads
    /// all at once too: its sides' files are mixed, and in pieces it took as much (ten copies:
    /// 99 MiB against 98); a run of some terms only (`trend`) keeps small sums, and reads in
    /// pieces.
    fn in_pieces(&self) -> bool {
        self.bins.is_none() || self.opts.only_terms.is_some()
    }
}

/// How many workers a run on this thread pool has: one per thread and a spare (for documents
/// read outside the pool's threads).
pub fn worker_count() -> usize {
    rayon::current_num_threads() + 1
}

/// An English analysis of `texts`, one document each (`d0`, `d1`, ...), for tests.
#[cfg(test)]
pub(crate) fn analysed(texts: &[&str]) -> Analysis {
    analyse(&Document::each_of(texts), &Options::new(Lang::english()))
}

/// Per worker (by number), the surface spellings it counted, each with the worker's form id and
/// its occurrences.
fn spellings_of(workers: &[interner::Worker]) -> Vec<Vec<(u32, String, u32)>> {
    workers
        .iter()
        .map(|w| w.interner.spellings(|_| true).collect())
        .collect()
}

/// A document's tokens, with the phrases of `opts.phrases` joined into one token each.
fn tokens_into(w: &mut interner::Worker, doc: &Document, opts: &Options, tokens: &mut Vec<Token>) {
    tokenize_into(&doc.text, doc.layout, opts.tokenize, tokens);
    if let Some(p) = &opts.phrases {
        compound::compound(w, &doc.text, tokens, p);
    }
}

/// An analysis of a corpus counted in parts (`verbale counts`, each part on its own machine or
/// process): its documents in order, each one's term counts (their terms as ids of `terms`),
/// and the parts' forms and spellings. Display forms are chosen from the summed forms as a
/// single run chooses them, so the result equals the analysis of the whole corpus in one run.
pub fn from_counts(
    docs: Vec<DocResult>,
    counts: Vec<Vec<TermCount>>,
    terms: TermIds,
    forms: &FormTotals,
) -> Analysis {
    merge::from_counts(docs, counts, terms, forms)
}

/// Analyses every document in parallel and merges the counts.
pub fn analyse(docs: &[Document], opts: &Options) -> Analysis {
    let run = Analyser::new(opts);
    let counted: Vec<Counted> = docs.par_iter().map(|d| run.document(d)).collect();
    run.finish(counted)
}

/// Reads, analyses and merges the files named by `inputs` in one parallel pass, without holding
/// the corpus in memory (see [`corpus::stream`]). Returns the analysis and the per-file problems.
/// With [`Detail::Totals`] no per-document counts are kept either.
pub fn analyse_files(
    inputs: &[PathBuf],
    lopts: &LoadOptions,
    opts: &Options,
) -> Result<(Analysis, Vec<Problem>)> {
    let run = Analyser::new(opts);
    let (counted, problems) = corpus::stream(inputs, lopts, &run)?;
    Ok((run.finish(counted), problems))
}

/// An analysis of groups of inputs (a target and a reference, say): the documents of every
/// group in one run, and which documents each group holds.
pub struct Grouped {
    /// The analysis of every document.
    pub analysis: Analysis,
    /// Per group, its documents (indices into [`Analysis::docs`]).
    pub groups: Vec<Vec<usize>>,
    /// Files left out of a group because an earlier one has them.
    pub repeated: usize,
    /// Per-file problems.
    pub problems: Vec<Problem>,
    /// Per document, the index of its file among the files found.
    pub files: Vec<usize>,
}

/// Reads and analyses groups of inputs in one streaming pass; a file in two groups counts in
/// the first only ([`corpus::find_groups`]). With `hold`, inputs that cannot be read again are
/// held for [`Analysis::document`].
pub fn analyse_groups(
    groups: &[Vec<PathBuf>],
    lopts: &LoadOptions,
    opts: &Options,
    hold: bool,
) -> Result<Grouped> {
    let found = corpus::find_groups(groups, lopts)?;
    let run = if hold {
        Analyser::holding(opts)
    } else {
        Analyser::new(opts)
    };
    Ok(analyse_found(found, groups.len(), lopts, run))
}

/// [`analyse_groups`] of files already found (and perhaps chosen by their metadata), in
/// `groups` groups, by the run `run` (which may hold documents or keep bins apart).
pub fn analyse_found(
    found: corpus::GroupedFiles,
    groups: usize,
    lopts: &LoadOptions,
    run: Analyser,
) -> Grouped {
    let mut problems = found.problems;
    let mut members = vec![Vec::new(); groups];
    let mut files = Vec::with_capacity(found.files.len());
    // The documents' results are taken as the corpus is read, with no list of every one
    // beside them; the file list is let go before the merge.
    let mut counted = Collected::new(run.totals(), found.files.len());
    corpus::stream_each(
        &found.files,
        |_| true,
        lopts,
        &run,
        |k, r| match r {
            Ok(c) => {
                members[found.group[k] as usize].push(files.len());
                files.push(k);
                counted.push(c);
            }
            Err(e) => problems.push(Problem::from(e)),
        },
    );
    drop(found.files);
    let analysis = run.finish_collected(counted);
    Grouped {
        analysis,
        groups: members,
        repeated: found.repeated,
        problems,
        files,
    }
}

/// The positions of some documents' tokens (see [`Analyser::positions`]), in parallel.
pub fn positions(docs: &[Document], opts: &Options) -> Vec<Positions> {
    let run = Analyser::new(opts);
    docs.par_iter().map(|d| run.positions(d)).collect()
}

/// The positions of the tokens of documents `ids` of an analysis, each read again
/// ([`Analysis::document`]), in parallel: a second, bounded pass over the few documents a
/// dispersion plot or a concordance shows. The quotations of a documents run are taken from
/// its spans; a totals run's documents are analysed again.
pub fn positions_of(
    a: &Analysis,
    ids: &[usize],
    lopts: &LoadOptions,
    opts: &Options,
) -> Result<Vec<Positions>> {
    let run = Analyser::new(opts);
    ids.par_iter()
        .map(|&i| {
            let doc = a.document(i, lopts)?;
            Ok(run.positions_in(a, i, &doc))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_stay_right_when_the_document_counter_starts_again() {
        // One run on this test's own thread: its documents are counted by the spare worker.
        let opts = Options::new(Lang::english());
        let run = Analyser::new(&opts);
        let totals = |t: &str| {
            let c = run.document(&Document::from_text("d", t));
            let mut forms = Vec::new();
            run.store
                .unpack(&c.forms.expect("a documents run").forms, &mut forms);
            let mut v: Vec<u32> = forms.iter().map(|f| f.count).collect();
            v.sort();
            v
        };
        assert_eq!(totals("theta iota"), [1, 1]);
        assert_eq!(totals("kappa"), [1]);
        run.workers.set_docs_done(u32::MAX - 1);
        assert_eq!(totals("kappa"), [1]);
        // Would be document u32::MAX, the mark of forms never seen: new forms come here.
        assert_eq!(totals("zeta eta zeta"), [1, 2]);
        // Would be document 0 again, the one that last saw `theta`.
        assert_eq!(totals("theta theta"), [2]);
    }

    /// The words a language hint names do not hang on the order the terms were met in (a
    /// totals run meets them in an order that changes from run to run): equal counts are
    /// named alphabetically.
    #[test]
    fn a_language_hint_names_tied_words_alphabetically() {
        let words = "au avec ce dans de des donc du elle en est et il la le les mais nous ou pas \
                     pour que qui sont sur un une vous";
        let backward = words.split(' ').rev().collect::<Vec<_>>().join(" ");
        let times = |t: &str| [t; 8].join(" ");
        let (f, b) = (times(words), times(&backward));
        let one = analysed(&[&f, &b]).language_hint(Lang::english());
        let other = analysed(&[&b, &f]).language_hint(Lang::english());
        let (lang, named) = one.expect("French stopwords");
        assert_eq!(lang.code, "fr");
        assert_eq!(Some(named.clone()), other.map(|(_, w)| w));
        let mut sorted = named.clone();
        sorted.sort();
        assert_eq!(named, sorted);
        assert_eq!(named.first().map(String::as_str), Some("au"));
    }

    #[test]
    fn an_ambiguous_cue_counts_only_before_a_mark() {
        let text = "We are supposed to act. The supposed \u{201c}reforms\u{201d} failed. The \
                    so-called plan and the so-called \u{201c}deal\u{201d}. Je l'ai dit.";
        // `supposed to` and the French `dit` (said) are other words; `so-called` distances
        // anywhere.
        assert_eq!(
            cues_of(text),
            [("so-called".into(), 2, 1), ("supposed".into(), 1, 1)]
        );
    }

    /// Each cue of `text` (one English document): the cue, its uses, those before a mark.
    fn cues_of(text: &str) -> Vec<(String, u32, u32)> {
        let a = analysed(&[text]);
        a.docs[0]
            .cues
            .iter()
            .map(|c| (c.cue.clone(), c.total, c.before_quote))
            .collect()
    }

    #[test]
    fn a_cue_with_a_capital_inside_its_sentence_is_a_name() {
        let text = "The Islamic State in Iraq and the Sham attacked. Sham elections were held. \
                    It was a sham trial. The Sham \u{201c}referendum\u{201d} failed.";
        // At a sentence's start, in lower case, and right before a mark, it is the word.
        assert_eq!(cues_of(text), [("sham".into(), 3, 1)]);
    }

    #[test]
    fn a_run_of_some_terms_counts_them_as_a_run_of_all() {
        let docs = [
            Document::from_text(
                "a",
                "The so-called \u{201c}elections\u{201d} were a farce. The elections of \
                 2010 were held under the \u{201c}emergency law\u{201d}, as the \
                 \u{201c}regime\u{201d} called it.",
            ),
            Document::from_text(
                "b",
                "We welcome the \u{201c}free and fair elections\u{201d} promised. Elections \
                 matter; the regime does not say \u{201c}yes\u{201d}.",
            ),
        ];
        let mut opts = Options::new(Lang::english());
        opts.detail = Detail::Totals;
        let all = analyse(&docs, &opts);
        opts.only_terms = Some(Arc::new(["elect", "regim"].map(String::from).into()));
        let some = analyse(&docs, &opts);
        let of = |a: &Analysis, t: &str| {
            let i = a.terms.iter().position(|x| x.term == t)?;
            Some(a.corpus_counts()[i])
        };
        for t in ["elect", "regim"] {
            assert!(of(&all, t).is_some_and(|c| c.quoted > 0), "{t}");
            assert_eq!(of(&some, t), of(&all, t), "{t}");
        }
        assert!(of(&all, "law").is_some() && of(&some, "law").is_none());
        assert_eq!(some.terms.len(), 2);
        assert_eq!(some.total_tokens(), all.total_tokens());
    }

    #[test]
    fn a_form_of_one_word_is_that_word() {
        for forms in [
            &["territory", "territories", "territory's"][..],
            &["continue", "continued", "continuing", "continues"],
            &["russia", "russia's"],
            &["process", "processes"],
            &["use", "used", "using", "uses"],
            &["set", "sets", "setting"],
            &["stop", "stopped", "stopping"],
            &["agree", "agreed", "agrees"],
            &["succeed", "succeeded"],
            &["focus", "focused"],
            &["need", "needed"],
        ] {
            for f in forms {
                assert!(same_word(forms[0], f), "{} {f}", forms[0]);
            }
        }
        assert!(!same_word("integrity", "integration"));
        assert!(!same_word("national", "nations"));
        assert!(!same_word("development", "developing"));
    }

    #[test]
    fn a_stem_of_several_words_shows_them() {
        let words = |w: &[(&str, u64)]| -> Vec<(String, u64)> {
            w.iter().map(|&(s, n)| (s.to_string(), n)).collect()
        };
        let integr = words(&[
            ("integrity", 1304),
            ("integration", 1210),
            ("integrated", 721),
            ("integral", 318),
        ]);
        assert_eq!(
            spelling::shown("integrity", &integr),
            "integrity/integration/…"
        );
        let nation = words(&[("Nations", 41134), ("national", 8738), ("nationally", 252)]);
        assert_eq!(spelling::shown("Nations", &nation), "Nations/national");
        // Another word under a tenth of the occurrences is not shown.
        let unit = words(&[("United", 38000), ("unit", 400)]);
        assert_eq!(spelling::shown("United", &unit), "United");
        assert_eq!(spelling::shown("peace", &[]), "peace");
        // Counted over a corpus, spelt as written.
        let docs = [
            Document::from_text("a", "Peace and peaceful means. The Peace of the world."),
            Document::from_text("b", "Nations, nations and the national interest."),
        ];
        let a = analyse(&docs, &Options::new(Lang::english()));
        let shown = |stem: &str| {
            a.terms
                .iter()
                .find(|t| t.term == stem)
                .map(|t| t.form.clone())
        };
        // `Peace` twice, `peace` never: the word is shown as written.
        assert_eq!(shown("peac").as_deref(), Some("Peace/peaceful"));
        assert_eq!(shown("nation").as_deref(), Some("nations/national"));
        let t = a.terms.iter().find(|t| t.term == "peac").unwrap();
        assert_eq!(t.word, "Peace");
        assert_eq!(
            t.words,
            [("Peace".to_string(), 2), ("peaceful".to_string(), 1)]
        );
    }
}
