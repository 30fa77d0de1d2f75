//! The counting pipeline: each document is tokenised, its quotation marks paired and classified,
//! and its distinct forms counted (total, inside quotes, inside scare quotes) in parallel; the
//! per-document counts are then merged under interned term ids. Nothing per token is kept.

use crate::corpus::{self, lock, Document, LoadOptions, Problem};
use crate::error::Result;
use crate::quotes::{self, classify, Kind, Lexicons, PhraseSet, Span};
use crate::text::packed::{pack_at, PackedHash};
use crate::text::{
    fold_into, tokenize_into, Lang, Rules, StemCache, Stopwords, Token, TokenizeOptions,
};
use ahash::AHashMap;
use rayon::prelude::*;
use std::cell::RefCell;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::Mutex;

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
}

/// What [`analyse_files`] keeps of each document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Detail {
    /// Per-document term counts, spans and cues ([`Analysis::doc_terms`], [`DocResult`]).
    #[default]
    Documents,
    /// Corpus totals only ([`Analysis::totals`]): each document's counts are added to its
    /// worker's running sums as soon as it is analysed, so memory grows with the vocabulary,
    /// not with the corpus. Documents keep their id and token counts; their `forms`, `spans`,
    /// `unpaired` and `cues` are left empty, and so is [`Analysis::doc_terms`].
    Totals,
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
        }
    }
}

/// Counts of one folded form in one document.
#[derive(Debug, Clone, Copy)]
pub struct FormCount {
    /// The form's id in the document's form table ([`DocResult::table`], [`form_table`]).
    pub form: u32,
    /// Occurrences.
    pub total: u32,
    /// Occurrences inside any quotation marks.
    pub quoted: u32,
    /// Occurrences inside scare quotes.
    pub scare: u32,
}

/// One document's results.
#[derive(Debug, Clone)]
pub struct DocResult {
    /// Document id.
    pub id: String,
    /// Words and numbers, stopwords included.
    pub tokens: u64,
    /// Words and numbers inside scare quotes.
    pub scare_tokens: u64,
    /// Distinct forms with their counts (stopwords included; see [`FormCount`]). Emptied by
    /// [`merge`] once counted into [`Analysis::doc_terms`].
    pub forms: Vec<FormCount>,
    /// The form table that [`FormCount::form`] ids point into (see [`form_table`]).
    pub table: u32,
    /// Quote spans, in order.
    pub spans: Vec<Span>,
    /// Unpaired quotation marks: (source byte offset, mark).
    pub unpaired: Vec<(usize, char)>,
    /// Distancing cues found anywhere in the text.
    pub cues: Vec<CueCount>,
}

/// How often a distancing cue occurs in a document, and how often right before a quotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CueCount {
    /// The cue phrase (folded).
    pub cue: String,
    /// Occurrences.
    pub total: u32,
    /// Occurrences right before an opening quotation mark.
    pub before_quote: u32,
}

/// A term: a stem with the surface form shown for it.
#[derive(Debug, Clone)]
pub struct Term {
    /// The stem (or folded form with `--no-stem`).
    pub term: String,
    /// Its most frequent folded surface form in the corpus.
    pub form: String,
}

/// Counts of one term in one document.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TermCount {
    /// Term id (index into [`Analysis::terms`]).
    pub term: u32,
    /// Occurrences.
    pub count: u32,
    /// Occurrences inside quotation marks.
    pub quoted: u32,
    /// Occurrences inside scare quotes.
    pub scare: u32,
}

/// The merged result over a corpus.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// Per-document results, in corpus order.
    pub docs: Vec<DocResult>,
    /// Interned terms (stopword forms excluded).
    pub terms: Vec<Term>,
    /// Per document, the term counts sorted by term id (empty with [`Detail::Totals`]).
    pub doc_terms: Vec<Vec<TermCount>>,
    /// Corpus totals per term id when counted as a stream ([`Detail::Totals`]): (count,
    /// quoted, scare, docs). [`Analysis::corpus_counts`] reads them.
    pub totals: Option<Vec<(u64, u64, u64, u32)>>,
}

/// A worker thread's interned forms, (folded form, stem) by form id, shared with the merge,
/// and the running sums of the [`Detail::Totals`] runs it takes part in.
type Table = Arc<Mutex<TableData>>;

#[derive(Default)]
struct TableData {
    forms: Forms,
    /// Per run: sums over the documents this worker analysed.
    sums: AHashMap<u64, Sums>,
}

/// Corpus sums kept by one worker during one [`Detail::Totals`] run.
#[derive(Default)]
struct Sums {
    /// Per form id: total, quoted and scare occurrences; whether the form is a stopword
    /// (0 not yet asked, 1 no, 2 yes); its stem id.
    forms: Vec<([u64; 3], u8, u32)>,
    /// Per stem id: documents using it (stopword forms aside), and the last document counted.
    stems: Vec<(u32, u32)>,
    docs: u32,
}

/// A snapshot of a form table ([`form_table`]).
pub type Forms = Vec<(Arc<str>, Arc<str>)>;

/// Every form table ever made, by number; tables only grow, so ids stay valid.
static TABLES: Mutex<Vec<Table>> = Mutex::new(Vec::new());

/// The (folded form, stem) pairs of a form table, by form id: what the ids in
/// [`DocResult::forms`] stand for.
pub fn form_table(table: u32) -> Forms {
    let t = lock(&TABLES).get(table as usize).cloned();
    t.map(|t| lock(&t).forms.clone()).unwrap_or_default()
}

/// A form table's snapshot with a mark per form, all set to `mark`.
fn with_marks<T: Clone>(table: u32, mark: T) -> (Forms, Vec<T>) {
    let t = form_table(table);
    let n = t.len();
    (t, vec![mark; n])
}

/// Per-thread table from surface slices to dense form ids: each distinct slice is folded and
/// stemmed once per worker thread, and every later token costs one hash look-up; per-document
/// counting then indexes arrays by form id instead of hashing again.
struct Interner {
    lang: Lang,
    rules: Rules,
    stem: bool,
    stemmer: StemCache,
    /// Surface slices of up to 15 bytes packed into an integer (no string comparison).
    short: std::collections::HashMap<u128, Seen, PackedHash>,
    slices: AHashMap<Box<str>, Seen>,
    form_ids: AHashMap<Arc<str>, u32>,
    stem_ids: AHashMap<Arc<str>, u32>,
    /// Per form id: the folded form (its stem is in the shared table).
    forms: Vec<Arc<str>>,
    /// Per form id, what the per-token loop needs, together in one place.
    hot: Vec<Hot>,
    /// Per stem id: the document that last saw it, and its unquoted occurrences there.
    stem_unquoted: Vec<(u32, u32)>,
    /// Per form id: whether it starts a phrase of the cue set [`Interner::cue_set`] (0 not yet
    /// asked, 1 no, 2 yes): asked once per form rather than once per document.
    starts_cue: Vec<u8>,
    cue_set: u64,
    docs_done: u32,
    buf: String,
    /// Number of this interner's table in [`TABLES`], and the table.
    table: u32,
    shared: Table,
}

impl Interner {
    fn new(lang: Lang, rules: Rules, stem: bool) -> Self {
        let shared: Table = Arc::default();
        let table = {
            let mut all = lock(&TABLES);
            all.push(shared.clone());
            all.len() as u32 - 1
        };
        Interner {
            lang,
            stem,
            rules,
            stemmer: StemCache::new(lang, rules, stem),
            short: Default::default(),
            slices: AHashMap::new(),
            form_ids: AHashMap::new(),
            stem_ids: AHashMap::new(),
            forms: Vec::new(),
            hot: Vec::new(),
            stem_unquoted: Vec::new(),
            starts_cue: Vec::new(),
            cue_set: 0,
            docs_done: 0,
            buf: String::new(),
            table,
            shared,
        }
    }

    /// The index in `forms` (document `doc`'s distinct forms) of the token `text[start..end]`'s
    /// form, adding the form there the first time the document uses it, and folding and
    /// stemming the slice the first time this worker sees it. A slice already seen in this
    /// document costs one hash look-up, which also holds its slot.
    #[inline]
    fn slot(
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
            if seen.doc == doc {
                return seen.slot;
            }
            let id = seen.id;
            let slot = Self::form_slot(&mut self.hot[id as usize], id, doc, forms);
            *seen = Seen { id, doc, slot };
            return slot;
        }
        let id = self.intern(&text[start..end]);
        let slot = Self::form_slot(&mut self.hot[id as usize], id, doc, forms);
        let seen = Seen { id, doc, slot };
        match pack_at(text.as_bytes(), start, end) {
            Some(k) => self.short.insert(k, seen),
            None => self.slices.insert(text[start..end].into(), seen),
        };
        slot
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

    /// Forgets which document last saw each slice, form and stem, and counts documents from 0
    /// again: done before the counter would reach `u32::MAX` (which marks "never seen"), so a
    /// worker that has analysed 2³² − 1 documents still counts the next one right.
    #[cold]
    fn forget_docs(&mut self) {
        for seen in self.short.values_mut().chain(self.slices.values_mut()) {
            seen.doc = u32::MAX;
        }
        for h in &mut self.hot {
            h.doc = u32::MAX;
        }
        for e in &mut self.stem_unquoted {
            e.0 = u32::MAX;
        }
        self.docs_done = 0;
    }

    /// Whether each form of `forms` starts a phrase of `cues`.
    fn cue_starts(&mut self, forms: &[FormCount], cues: &PhraseSet) -> Vec<bool> {
        if self.cue_set != cues.id() {
            self.cue_set = cues.id();
            self.starts_cue.clear();
        }
        self.starts_cue.resize(self.forms.len(), 0);
        forms
            .iter()
            .map(|f| {
                let known = &mut self.starts_cue[f.form as usize];
                if *known == 0 {
                    *known = 1 + cues.starts_with_word(&self.forms[f.form as usize]) as u8;
                }
                *known == 2
            })
            .collect()
    }

    /// The form id of a slice not seen before (folded and stemmed here if its form is new).
    #[cold]
    fn intern(&mut self, slice: &str) -> u32 {
        fold_into(slice, &mut self.buf);
        let id = match self.form_ids.get(self.buf.as_str()) {
            Some(&id) => id,
            None => {
                // Reached once per form (`form_ids` missed), so the stemmer's own cache
                // would only hold a second copy.
                let stem: Arc<str> = Arc::from(self.stemmer.stem_once(&self.buf));
                let next_stem = self.stem_ids.len() as u32;
                let sid = *self.stem_ids.entry(stem.clone()).or_insert(next_stem);
                if sid as usize >= self.stem_unquoted.len() {
                    self.stem_unquoted.push((u32::MAX, 0));
                }
                let form: Arc<str> = Arc::from(self.buf.as_str());
                let id = self.forms.len() as u32;
                lock(&self.shared).forms.push((form.clone(), stem));
                self.forms.push(form.clone());
                self.hot.push(Hot {
                    doc: u32::MAX,
                    slot: 0,
                    stem: sid,
                });
                self.form_ids.insert(form, id);
                id
            }
        };
        id
    }
}

/// A surface slice's entry in [`Interner`]: its form id, and the document that last saw it
/// with the form's slot there (so a repeated slice needs no look-up in [`Hot`]).
#[derive(Clone, Copy)]
struct Seen {
    id: u32,
    doc: u32,
    slot: u32,
}

/// A form's entry in the per-token loop: the document (counter) that last saw it, its index
/// among that document's forms, and its stem id.
#[derive(Clone, Copy)]
struct Hot {
    doc: u32,
    slot: u32,
    stem: u32,
}

thread_local! {
    static INTERNER: RefCell<Option<Interner>> = const { RefCell::new(None) };
}

fn with_interner<R>(opts: &Options, f: impl FnOnce(&mut Interner) -> R) -> R {
    let (lang, rules, stem) = (opts.lang, opts.rules, opts.stem);
    INTERNER.with(|cell| {
        let mut slot = cell.borrow_mut();
        match &mut *slot {
            Some(i) if i.lang == lang && i.rules == rules && i.stem == stem => f(i),
            _ => f(slot.insert(Interner::new(lang, rules, stem))),
        }
    })
}

thread_local! {
    static TOKENS: RefCell<Vec<Token>> = const { RefCell::new(Vec::new()) };
}

/// Analyses one document.
pub fn analyse_doc(doc: &Document, opts: &Options) -> DocResult {
    analyse_doc_in(doc, opts, None)
}

/// Analyses one document; with a run number, adds its counts to that run's sums
/// ([`Detail::Totals`]) and returns only its id and token counts.
fn analyse_doc_in(doc: &Document, opts: &Options, run: Option<u64>) -> DocResult {
    TOKENS.with(|buf| {
        let mut tokens = buf.borrow_mut();
        tokenize_into(&doc.text, doc.layout, opts.tokenize, &mut tokens);
        analyse_tokens(doc, &tokens, opts, run)
    })
}

/// Analyses one document and also returns its tokens (for concordances and dispersion).
pub fn analyse_doc_with_tokens(doc: &Document, opts: &Options) -> (DocResult, Vec<Token>) {
    let tokens = crate::text::tokenize(&doc.text, doc.layout, opts.tokenize);
    let r = analyse_tokens(doc, &tokens, opts, None);
    (r, tokens)
}

/// The token ranges inside any of the paired marks `(open, close)`, merged where spans nest
/// or overlap, in order: a token in a nested span is counted once. Costs time in the number of
/// spans and tokens quoted, not in the document's length.
pub fn quoted_ranges(pairs: impl Iterator<Item = (u32, u32)>) -> Vec<std::ops::Range<usize>> {
    let mut inner: Vec<(usize, usize)> = pairs
        .map(|(o, c)| (o as usize + 1, c as usize))
        .filter(|(a, b)| a < b)
        .collect();
    inner.sort_unstable();
    let mut out: Vec<std::ops::Range<usize>> = Vec::with_capacity(inner.len());
    for (a, b) in inner {
        match out.last_mut() {
            Some(last) if a <= last.end => last.end = last.end.max(b),
            _ => out.push(a..b),
        }
    }
    out
}

fn analyse_tokens(doc: &Document, tokens: &[Token], opts: &Options, run: Option<u64>) -> DocResult {
    let text = doc.text.as_str();
    let pairing = quotes::pair_quotes(text, tokens);

    // One hash look-up per token gives its slot among the document's distinct forms (the
    // surface form's entry holds it once the document has used it); the counts then index
    // arrays by slot and form id (no further hashing, no reference counting).
    with_interner(opts, |int| {
        let mut token_slot = vec![u32::MAX; tokens.len()];
        let mut n_tokens = 0u64;
        let mut forms: Vec<FormCount> = Vec::new();
        if int.docs_done == u32::MAX {
            int.forget_docs();
        }
        let doc_no = int.docs_done;
        int.docs_done += 1;
        for (i, t) in tokens.iter().enumerate() {
            if !t.kind.is_countable() {
                continue;
            }
            n_tokens += 1;
            let slot = int.slot(text, t.start as usize, t.end as usize, doc_no, &mut forms);
            token_slot[i] = slot;
            forms[slot as usize].total += 1;
        }
        let quoted = quoted_ranges(pairing.pairs.iter().map(|p| (p.open_tok, p.close_tok)));
        for &slot in quoted.into_iter().flat_map(|r| &token_slot[r]) {
            if slot != u32::MAX {
                forms[slot as usize].quoted += 1;
            }
        }
        // Unquoted occurrences per stem (a span's words "also used plainly").
        for f in &forms {
            let sid = int.hot[f.form as usize].stem as usize;
            let e = &mut int.stem_unquoted[sid];
            if e.0 != doc_no {
                *e = (doc_no, 0);
            }
            e.1 += f.total - f.quoted;
        }
        // A totals run keeps no spans, cues or offsets: only the scare counts they lead to.
        let totals = run.is_some();
        let cue_start = if totals {
            Vec::new()
        } else {
            int.cue_starts(&forms, &opts.lexicons.cues)
        };
        let int = &*int;
        let unquoted_of_form: Vec<u32> = forms
            .iter()
            .map(|f| int.stem_unquoted[int.hot[f.form as usize].stem as usize].1)
            .collect();
        let form_str = |slot: usize| &*int.forms[forms[slot].form as usize];
        let form_of = |i: usize| {
            let slot = token_slot[i];
            (slot != u32::MAX).then_some(slot as usize)
        };
        let stopword = |w: &str| opts.stopwords.contains(w);

        let mut spans = Vec::with_capacity(if totals { 0 } else { pairing.pairs.len() });
        let mut scare_spans = Vec::new();
        for (k, p) in pairing.pairs.iter().enumerate() {
            let (o, c) = (p.open_tok as usize, p.close_tok as usize);
            let at = classify::SpanAt {
                open: o,
                close: c,
                nested: p.depth > 0,
            };
            let ev = classify::gather(text, tokens, at, &opts.lexicons, stopword, |i| {
                form_of(i).is_some_and(|f| unquoted_of_form[f] > 0)
            });
            let (kind, confidence) = classify::classify(&ev);
            if kind == Kind::Scare {
                scare_spans.push((p.open_tok, p.close_tok));
            }
            if totals {
                continue;
            }
            let content = (o + 1..c)
                .filter(|&i| tokens[i].kind.is_countable())
                .filter_map(form_of)
                .map(form_str)
                .filter(|f| !opts.stopwords.contains(f))
                .map(str::to_string)
                .collect();
            spans.push(Span {
                number: k as u32 + 1,
                open: doc.source_offset(tokens[o].start as usize),
                close: doc.source_offset(tokens[c].start as usize),
                open_tok: p.open_tok,
                close_tok: p.close_tok,
                style: format!("{}{}", p.open_char, p.close_char),
                sentence: tokens[o].sentence,
                text: quotes::collapse_ws(&text[tokens[o].end as usize..tokens[c].start as usize]),
                left: quotes::left_context(text, tokens, o, opts.context),
                right: quotes::right_context(text, tokens, c, opts.context),
                kind,
                confidence,
                evidence: ev,
                content,
            });
        }

        // Scare-quoted occurrences (nested scare spans count once).
        let mut scare_tokens = 0u64;
        for &slot in quoted_ranges(scare_spans.into_iter())
            .into_iter()
            .flat_map(|r| &token_slot[r])
        {
            if slot != u32::MAX {
                scare_tokens += 1;
                forms[slot as usize].scare += 1;
            }
        }
        if let Some(run) = run {
            add_to_sums(int, run, &forms, opts);
            return DocResult {
                id: doc.id.clone(),
                tokens: n_tokens,
                scare_tokens,
                forms: Vec::new(),
                table: int.table,
                spans: Vec::new(),
                unpaired: Vec::new(),
                cues: Vec::new(),
            };
        }
        let cues = count_cues(text, tokens, &spans, opts, |i| {
            form_of(i).is_some_and(|f| cue_start[f])
        });
        let unpaired = pairing
            .unpaired
            .iter()
            .map(|u| {
                (
                    doc.source_offset(tokens[u.tok as usize].start as usize),
                    u.mark,
                )
            })
            .collect();
        // Results are held for the whole corpus: no spare capacity.
        forms.shrink_to_fit();
        DocResult {
            id: doc.id.clone(),
            tokens: n_tokens,
            scare_tokens,
            forms,
            table: int.table,
            spans,
            unpaired,
            cues,
        }
    })
}

/// Adds one document's form counts to its worker's sums for a [`Detail::Totals`] run.
fn add_to_sums(int: &Interner, run: u64, forms: &[FormCount], opts: &Options) {
    let mut table = lock(&int.shared);
    let sums = table.sums.entry(run).or_default();
    sums.docs += 1;
    let doc = sums.docs;
    if sums.forms.len() < int.forms.len() {
        sums.forms.resize(int.forms.len(), ([0; 3], 0, 0));
    }
    if sums.stems.len() < int.stem_unquoted.len() {
        sums.stems.resize(int.stem_unquoted.len(), (0, 0));
    }
    for f in forms {
        let sid = int.hot[f.form as usize].stem;
        let (counts, stop, stem_id) = &mut sums.forms[f.form as usize];
        counts[0] += f.total as u64;
        counts[1] += f.quoted as u64;
        counts[2] += f.scare as u64;
        if *stop == 0 {
            *stop = 1 + opts.stopwords.contains(&int.forms[f.form as usize]) as u8;
            *stem_id = sid;
        }
        let stem = &mut sums.stems[sid as usize];
        if *stop == 1 && stem.1 != doc {
            *stem = (stem.0 + 1, doc);
        }
    }
}

/// Counts the distancing cues of the lexicon anywhere in the text; only tokens whose folded
/// form starts a cue phrase are examined.
fn count_cues(
    text: &str,
    tokens: &[Token],
    spans: &[Span],
    opts: &Options,
    starts_cue: impl Fn(usize) -> bool,
) -> Vec<CueCount> {
    let set = &opts.lexicons.cues;
    let opens: ahash::AHashSet<u32> = spans.iter().map(|s| s.open_tok).collect();
    let mut counts: Vec<CueCount> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if !starts_cue(i) {
            i += 1;
            continue;
        }
        let Some((cue, j)) = set
            .match_at(text, tokens, i)
            .map(|(c, j)| (set.canonical(&c), j))
        else {
            i += 1;
            continue;
        };
        let before_quote = opens.contains(&(j as u32));
        match counts.iter_mut().find(|c| c.cue == cue) {
            Some(c) => {
                c.total += 1;
                c.before_quote += before_quote as u32;
            }
            None => counts.push(CueCount {
                cue,
                total: 1,
                before_quote: before_quote as u32,
            }),
        }
        i = j;
    }
    counts.sort_by(|a, b| b.total.cmp(&a.total).then_with(|| a.cue.cmp(&b.cue)));
    counts
}

/// [`analyse_doc`] as a [`corpus::Consumer`], for [`analyse_files`]; with a run number, each
/// document's counts go straight into that run's sums ([`Detail::Totals`]).
struct Counter<'a> {
    opts: &'a Options,
    run: Option<u64>,
}

impl corpus::Consumer for Counter<'_> {
    type Output = DocResult;

    fn consume(&self, doc: &Document) -> DocResult {
        analyse_doc_in(doc, self.opts, self.run)
    }
}

/// Reads, analyses and merges the files named by `inputs` in one parallel pass, without holding
/// the corpus in memory (see [`corpus::stream`]). Returns the analysis and the per-file problems.
/// With [`Detail::Totals`] no per-document counts are kept either.
pub fn analyse_files(
    inputs: &[PathBuf],
    lopts: &LoadOptions,
    opts: &Options,
) -> Result<(Analysis, Vec<Problem>)> {
    static RUNS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let run = (opts.detail == Detail::Totals)
        .then(|| RUNS.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
    let streamed = corpus::stream(inputs, lopts, &Counter { opts, run });
    match run {
        None => {
            let (results, problems) = streamed?;
            Ok((merge(results, opts), problems))
        }
        Some(run) => {
            // Taken out of the tables even when the stream failed.
            let sums = take_sums(run);
            let (results, problems) = streamed?;
            Ok((merge_sums(results, sums), problems))
        }
    }
}

/// Removes a [`Detail::Totals`] run's sums from every form table, with each table's forms.
fn take_sums(run: u64) -> Vec<(Forms, Sums)> {
    let tables: Vec<Table> = lock(&TABLES).clone();
    tables
        .iter()
        .filter_map(|t| {
            let mut data = lock(t);
            let sums = data.sums.remove(&run)?;
            Some((data.forms.clone(), sums))
        })
        .collect()
}

/// The analysis of a [`Detail::Totals`] run from its workers' sums: terms, display forms and
/// corpus totals as [`merge`] would give them, without per-document counts.
fn merge_sums(docs: Vec<DocResult>, sums: Vec<(Forms, Sums)>) -> Analysis {
    const NONE: u32 = u32::MAX;
    let most_stems = sums.iter().map(|s| s.1.stems.len()).max().unwrap_or(0);
    let mut term_ids: AHashMap<Arc<str>, u32> = AHashMap::with_capacity(most_stems);
    let mut terms: Vec<Arc<str>> = Vec::with_capacity(most_stems);
    let mut totals: Vec<(u64, u64, u64, u32)> = Vec::with_capacity(most_stems);
    // Per term, its forms with their occurrences: a term has a handful, so they are told apart
    // by a short scan rather than through a map of every form.
    let mut term_forms: Vec<Vec<(Arc<str>, u64)>> = Vec::with_capacity(most_stems);
    for (forms, s) in &sums {
        // Each stem of this worker is looked up among the terms once, not once per form.
        let mut stem_term = vec![NONE; s.stems.len()];
        for (i, (c, stop, sid)) in s.forms.iter().enumerate() {
            if c[0] == 0 || *stop != 1 {
                continue;
            }
            let (form, stem) = &forms[i];
            let tid = match stem_term[*sid as usize] {
                NONE => {
                    let tid = *term_ids.entry(stem.clone()).or_insert_with(|| {
                        terms.push(stem.clone());
                        totals.push((0, 0, 0, 0));
                        term_forms.push(Vec::new());
                        terms.len() as u32 - 1
                    });
                    stem_term[*sid as usize] = tid;
                    tid
                }
                tid => tid,
            };
            let t = &mut totals[tid as usize];
            t.0 += c[0];
            t.1 += c[1];
            t.2 += c[2];
            let seen = &mut term_forms[tid as usize];
            match seen.iter_mut().find(|(f, _)| **f == **form) {
                Some(f) => f.1 += c[0],
                None => seen.push((form.clone(), c[0])),
            }
        }
        for (sid, &(n, _)) in s.stems.iter().enumerate() {
            if n > 0 && stem_term[sid] != NONE {
                totals[stem_term[sid] as usize].3 += n;
            }
        }
    }
    let forms: Vec<(&str, u64, u32)> = term_forms
        .iter()
        .enumerate()
        .flat_map(|(tid, fs)| fs.iter().map(move |(f, n)| (&**f, *n, tid as u32)))
        .collect();
    let terms = display_forms(terms, forms);
    Analysis {
        docs,
        terms,
        doc_terms: Vec::new(),
        totals: Some(totals),
    }
}

/// Terms with their display form: the most frequent folded form of each (ties: alphabetical),
/// from (form, occurrences, term id) triples.
fn display_forms(terms: Vec<Arc<str>>, forms: Vec<(&str, u64, u32)>) -> Vec<Term> {
    let mut best: Vec<Option<(u64, &str)>> = vec![None; terms.len()];
    for (form, n, tid) in forms {
        let slot = &mut best[tid as usize];
        let better = match slot {
            None => true,
            Some((m, f)) => n > *m || (n == *m && form < *f),
        };
        if better {
            *slot = Some((n, form));
        }
    }
    terms
        .into_iter()
        .zip(best)
        .map(|(term, b)| Term {
            form: b
                .map(|(_, f)| f.to_string())
                .unwrap_or_else(|| term.to_string()),
            term: term.to_string(),
        })
        .collect()
}

/// Analyses every document in parallel and merges the counts.
pub fn analyse(docs: &[Document], opts: &Options) -> Analysis {
    let results: Vec<DocResult> = docs.par_iter().map(|d| analyse_doc(d, opts)).collect();
    merge(results, opts)
}

/// Merges per-document results under interned term ids; picks each term's display form.
///
/// Forms arrive as `Arc<str>`s shared through the per-thread interners, so most look-ups go by
/// pointer; counts are gathered per document in a dense array indexed by term id.
pub fn merge(mut docs: Vec<DocResult>, opts: &Options) -> Analysis {
    const STOP: u32 = u32::MAX;
    const UNSEEN: u32 = u32::MAX;
    // Per form table: its (form, stem) pairs and each local id's global form id.
    let mut tables: AHashMap<u32, (Forms, Vec<u32>)> = AHashMap::new();
    let mut form_ids: AHashMap<Arc<str>, u32> = AHashMap::new();
    let mut form_list: Vec<Arc<str>> = Vec::new();
    let mut form_term: Vec<u32> = Vec::new();
    let mut form_total: Vec<u64> = Vec::new();
    let mut term_ids: AHashMap<Arc<str>, u32> = AHashMap::new();
    let mut terms: Vec<Arc<str>> = Vec::new();
    let mut acc: Vec<TermCount> = Vec::new();
    let mut seen: Vec<u32> = Vec::new();
    let mut touched: Vec<u32> = Vec::new();
    let mut doc_terms = Vec::with_capacity(docs.len());
    for (di, d) in docs.iter_mut().enumerate() {
        touched.clear();
        let (table, global) = tables
            .entry(d.table)
            .or_insert_with(|| with_marks(d.table, UNSEEN));
        for f in &d.forms {
            let local = f.form as usize;
            let fid = match global.get(local) {
                Some(&x) if x != UNSEEN => x,
                _ => {
                    let Some((form, stem)) = table.get(local) else {
                        continue; // an id from another run's table: cannot happen
                    };
                    let x = match form_ids.get(form) {
                        Some(&x) => x,
                        None => {
                            let tid = if opts.stopwords.contains(form) {
                                STOP
                            } else {
                                *term_ids.entry(stem.clone()).or_insert_with(|| {
                                    terms.push(stem.clone());
                                    terms.len() as u32 - 1
                                })
                            };
                            form_list.push(form.clone());
                            form_term.push(tid);
                            form_total.push(0);
                            form_ids.insert(form.clone(), form_list.len() as u32 - 1);
                            form_list.len() as u32 - 1
                        }
                    };
                    global[local] = x;
                    x
                }
            };
            let tid = form_term[fid as usize];
            if tid == STOP {
                continue;
            }
            form_total[fid as usize] += f.total as u64;
            let t = tid as usize;
            if acc.len() <= t {
                acc.resize(t + 1, TermCount::default());
                seen.resize(t + 1, u32::MAX);
            }
            if seen[t] != di as u32 {
                seen[t] = di as u32;
                acc[t] = TermCount {
                    term: tid,
                    ..Default::default()
                };
                touched.push(tid);
            }
            let c = &mut acc[t];
            c.count += f.total;
            c.quoted += f.quoted;
            c.scare += f.scare;
        }
        touched.sort_unstable();
        doc_terms.push(touched.iter().map(|&t| acc[t as usize]).collect::<Vec<_>>());
        // Counted into `doc_terms`: the corpus's counts are held once, not twice.
        d.forms = Vec::new();
    }
    let forms = form_list
        .iter()
        .zip(&form_term)
        .zip(&form_total)
        .filter(|((_, &t), _)| t != STOP)
        .map(|((f, &t), &n)| (&**f, n, t))
        .collect();
    let terms = display_forms(terms, forms);
    Analysis {
        docs,
        terms,
        doc_terms,
        totals: None,
    }
}

impl Analysis {
    /// Each term's place in alphabetical order, so that ties are broken without comparing
    /// strings.
    pub fn term_ranks(&self) -> Vec<u32> {
        let mut order: Vec<usize> = (0..self.terms.len()).collect();
        order.sort_unstable_by(|&x, &y| self.terms[x].term.cmp(&self.terms[y].term));
        let mut rank = vec![0u32; order.len()];
        for (r, t) in order.into_iter().enumerate() {
            rank[t] = r as u32;
        }
        rank
    }

    /// The analysis restricted to some documents, by index (terms keep their ids; corpus
    /// totals of a [`Detail::Totals`] run cannot be split and are left out).
    pub fn subset(&self, ids: &[usize]) -> Analysis {
        Analysis {
            docs: ids.iter().map(|&i| self.docs[i].clone()).collect(),
            terms: self.terms.clone(),
            doc_terms: ids
                .iter()
                .filter_map(|&i| self.doc_terms.get(i).cloned())
                .collect(),
            totals: None,
        }
    }

    /// Total words and numbers in the corpus (stopwords included).
    pub fn total_tokens(&self) -> u64 {
        self.docs.iter().map(|d| d.tokens).sum()
    }

    /// Corpus-wide counts per term id: (count, quoted, scare, docs).
    pub fn corpus_counts(&self) -> Vec<(u64, u64, u64, u32)> {
        if let Some(t) = &self.totals {
            return t.clone();
        }
        let mut v = vec![(0u64, 0u64, 0u64, 0u32); self.terms.len()];
        for dt in &self.doc_terms {
            for c in dt {
                let e = &mut v[c.term as usize];
                e.0 += c.count as u64;
                e.1 += c.quoted as u64;
                e.2 += c.scare as u64;
                e.3 += 1;
            }
        }
        v
    }

    /// Distancing cues summed over documents (or per document with `by_doc`, keyed by the
    /// document id): (key, occurrences, occurrences right before a quotation), most frequent first.
    pub fn cue_totals(&self, by_doc: bool) -> Vec<(String, u64, u64)> {
        let mut rows: Vec<(String, u64, u64)> = Vec::new();
        for d in &self.docs {
            for c in &d.cues {
                let key = if by_doc { &d.id } else { &c.cue };
                match rows.iter_mut().find(|r| &r.0 == key) {
                    Some(r) => {
                        r.1 += c.total as u64;
                        r.2 += c.before_quote as u64;
                    }
                    None => rows.push((key.clone(), c.total as u64, c.before_quote as u64)),
                }
            }
        }
        rows.sort_by(|x, y| y.1.cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each word's (total, quoted) counts in a document's result.
    fn counts(r: &DocResult) -> Vec<(String, u32, u32)> {
        let table = form_table(r.table);
        let mut v: Vec<_> = r
            .forms
            .iter()
            .map(|f| (table[f.form as usize].0.to_string(), f.total, f.quoted))
            .collect();
        v.sort();
        v
    }

    #[test]
    fn counts_stay_right_when_the_document_counter_starts_again() {
        // A test runs on its own thread: a fresh interner, documents counted from 0.
        let opts = Options::new(Lang::english());
        let run = |t: &str| counts(&analyse_doc(&Document::from_text("d", t), &opts));
        let own = |w: &str, n: u32| (w.to_string(), n, 0);
        assert_eq!(run("theta iota"), [own("iota", 1), own("theta", 1)]);
        assert_eq!(run("kappa"), [own("kappa", 1)]);
        with_interner(&opts, |int| int.docs_done = u32::MAX - 1);
        assert_eq!(run("kappa"), [own("kappa", 1)]);
        // Would be document u32::MAX, the mark of forms never seen: new forms come here.
        assert_eq!(run("zeta eta zeta"), [own("eta", 1), own("zeta", 2)]);
        // Would be document 0 again, the one that last saw `theta`.
        assert_eq!(run("theta theta"), [own("theta", 2)]);
    }
}
