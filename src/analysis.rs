//! The counting pipeline: each document is tokenised, its quotation marks paired and classified,
//! and its distinct forms counted (total, inside quotes, inside scare quotes) in parallel; the
//! per-document counts are then merged under interned term ids. Nothing per token is kept.

use crate::corpus::Document;
use crate::quotes::{self, classify, Kind, Lexicons, Span};
use crate::text::{fold_into, tokenize_into, Lang, StemCache, Stopwords, Token, TokenizeOptions};
use ahash::AHashMap;
use rayon::prelude::*;
use std::cell::RefCell;
use std::sync::Arc;

/// What to count and how.
#[derive(Debug, Clone)]
pub struct Options {
    /// Language (stemmer, stopwords, lexicons).
    pub lang: Lang,
    /// Stem terms (`--no-stem` turns this off).
    pub stem: bool,
    /// Stopwords left out of term tables (they still count in token totals).
    pub stopwords: Stopwords,
    /// Tokeniser settings.
    pub tokenize: TokenizeOptions,
    /// Quote classifier lexicons.
    pub lexicons: Lexicons,
    /// Words of context kept on each side of a quote span.
    pub context: usize,
}

impl Options {
    /// Defaults for a language: stemming on, the bundled stopwords and lexicons.
    pub fn new(lang: Lang) -> Self {
        Options {
            lang,
            stem: true,
            stopwords: Stopwords::bundled(lang),
            tokenize: TokenizeOptions::default(),
            lexicons: Lexicons::bundled(lang),
            context: 8,
        }
    }
}

/// Counts of one folded form in one document.
#[derive(Debug, Clone)]
pub struct FormCount {
    /// Folded (lower-cased) form.
    pub form: Arc<str>,
    /// Its stem (or the form itself without stemming).
    pub stem: Arc<str>,
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
    /// Distinct forms with their counts (stopwords included; see [`FormCount`]).
    pub forms: Vec<FormCount>,
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
    /// Per document, the term counts sorted by term id.
    pub doc_terms: Vec<Vec<TermCount>>,
}

/// Per-thread table from surface slices to their folded form and stem: each distinct slice is
/// folded and stemmed once per worker thread, and later documents only look it up.
struct Interner {
    lang: Lang,
    stem: bool,
    stemmer: StemCache,
    slices: AHashMap<Box<str>, (Arc<str>, Arc<str>)>,
    forms: AHashMap<Box<str>, (Arc<str>, Arc<str>)>,
}

impl Interner {
    fn lookup(&mut self, slice: &str, buf: &mut String) -> (Arc<str>, Arc<str>) {
        if let Some(v) = self.slices.get(slice) {
            return v.clone();
        }
        fold_into(slice, buf);
        let v = match self.forms.get(buf.as_str()) {
            Some(v) => v.clone(),
            None => {
                let stem: Arc<str> = Arc::from(self.stemmer.stem(buf));
                let v = (Arc::<str>::from(buf.as_str()), stem);
                self.forms.insert(buf.as_str().into(), v.clone());
                v
            }
        };
        self.slices.insert(slice.into(), v.clone());
        v
    }
}

thread_local! {
    static INTERNER: RefCell<Option<Interner>> = const { RefCell::new(None) };
}

fn with_interner<R>(lang: Lang, stem: bool, f: impl FnOnce(&mut Interner) -> R) -> R {
    INTERNER.with(|cell| {
        let mut slot = cell.borrow_mut();
        let fresh = !matches!(&*slot, Some(i) if i.lang == lang && i.stem == stem);
        if fresh {
            *slot = Some(Interner {
                lang,
                stem,
                stemmer: StemCache::new(lang, stem),
                slices: AHashMap::new(),
                forms: AHashMap::new(),
            });
        }
        f(slot.as_mut().expect("interner initialised above"))
    })
}

thread_local! {
    static TOKENS: RefCell<Vec<Token>> = const { RefCell::new(Vec::new()) };
}

/// Analyses one document.
pub fn analyse_doc(doc: &Document, opts: &Options) -> DocResult {
    TOKENS.with(|buf| {
        let mut tokens = buf.borrow_mut();
        tokenize_into(&doc.text, doc.layout, opts.tokenize, &mut tokens);
        analyse_tokens(doc, &tokens, opts)
    })
}

/// Analyses one document and also returns its tokens (for concordances and dispersion).
pub fn analyse_doc_with_tokens(doc: &Document, opts: &Options) -> (DocResult, Vec<Token>) {
    let tokens = crate::text::tokenize(&doc.text, doc.layout, opts.tokenize);
    let r = analyse_tokens(doc, &tokens, opts);
    (r, tokens)
}

/// Per-token depth of quotation (0 outside) from paired spans, in linear time.
pub fn quote_depths(n: usize, pairs: impl Iterator<Item = (u32, u32)>) -> Vec<u16> {
    let mut delta = vec![0i32; n + 1];
    for (o, c) in pairs {
        delta[o as usize + 1] += 1;
        delta[c as usize] -= 1;
    }
    let mut depth = 0i32;
    delta[..n]
        .iter()
        .map(|d| {
            depth += d;
            depth.max(0) as u16
        })
        .collect()
}

fn analyse_tokens(doc: &Document, tokens: &[Token], opts: &Options) -> DocResult {
    let text = doc.text.as_str();
    let pairing = quotes::pair_quotes(text, tokens);
    let in_quote = quote_depths(
        tokens.len(),
        pairing.pairs.iter().map(|p| (p.open_tok, p.close_tok)),
    );

    // Count distinct surface slices first (no allocation per token), remembering each token's
    // slot so later passes need no hashing.
    let mut slot_of: AHashMap<&str, u32> = AHashMap::new();
    let mut slot_counts: Vec<(&str, u32, u32)> = Vec::new();
    let mut token_slot = vec![u32::MAX; tokens.len()];
    let mut n_tokens = 0u64;
    for (i, t) in tokens.iter().enumerate() {
        if !t.kind.is_countable() {
            continue;
        }
        n_tokens += 1;
        let s = t.text(text);
        let slot = *slot_of.entry(s).or_insert_with(|| {
            slot_counts.push((s, 0, 0));
            slot_counts.len() as u32 - 1
        });
        token_slot[i] = slot;
        let e = &mut slot_counts[slot as usize];
        e.1 += 1;
        if in_quote[i] > 0 {
            e.2 += 1;
        }
    }

    // Fold and stem each distinct slice (cached per thread); merge slices that fold alike.
    let mut forms: Vec<FormCount> = Vec::with_capacity(slot_counts.len());
    let mut form_index: AHashMap<Arc<str>, usize> = AHashMap::with_capacity(slot_counts.len());
    let mut slot_form: Vec<usize> = Vec::with_capacity(slot_counts.len());
    let mut buf = String::new();
    with_interner(opts.lang, opts.stem, |interner| {
        for &(s, total, quoted) in &slot_counts {
            let (form, stem) = interner.lookup(s, &mut buf);
            let idx = *form_index.entry(form.clone()).or_insert_with(|| {
                forms.push(FormCount {
                    form,
                    stem,
                    total: 0,
                    quoted: 0,
                    scare: 0,
                });
                forms.len() - 1
            });
            forms[idx].total += total;
            forms[idx].quoted += quoted;
            slot_form.push(idx);
        }
    });
    let mut unquoted_by_stem: AHashMap<&str, u32> = AHashMap::new();
    for f in &forms {
        *unquoted_by_stem.entry(&*f.stem).or_insert(0) += f.total - f.quoted;
    }
    let form_of = |i: usize| {
        let slot = token_slot[i];
        (slot != u32::MAX).then(|| slot_form[slot as usize])
    };
    let stopword = |w: &str| opts.stopwords.contains(w);

    let mut spans = Vec::with_capacity(pairing.pairs.len());
    for (k, p) in pairing.pairs.iter().enumerate() {
        let (o, c) = (p.open_tok as usize, p.close_tok as usize);
        let at = classify::SpanAt {
            open: o,
            close: c,
            nested: p.depth > 0,
        };
        let ev = classify::gather(text, tokens, at, &opts.lexicons, stopword, |i| {
            form_of(i)
                .and_then(|f| unquoted_by_stem.get(&*forms[f].stem))
                .is_some_and(|&n| n > 0)
        });
        let (kind, confidence) = classify::classify(&ev);
        let content = (o + 1..c)
            .filter(|&i| tokens[i].kind.is_countable())
            .filter_map(form_of)
            .map(|f| forms[f].form.to_string())
            .filter(|f| !opts.stopwords.contains(f))
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
    let scare_depth = quote_depths(
        tokens.len(),
        spans
            .iter()
            .filter(|s| s.kind == Kind::Scare)
            .map(|s| (s.open_tok, s.close_tok)),
    );
    let mut scare_tokens = 0u64;
    for (i, t) in tokens.iter().enumerate() {
        if scare_depth[i] > 0 && t.kind.is_countable() {
            scare_tokens += 1;
            if let Some(f) = form_of(i) {
                forms[f].scare += 1;
            }
        }
    }
    let cue_start: Vec<bool> = forms
        .iter()
        .map(|f| opts.lexicons.cues.starts_with_word(&f.form))
        .collect();
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
    DocResult {
        id: doc.id.clone(),
        tokens: n_tokens,
        scare_tokens,
        forms,
        spans,
        unpaired,
        cues,
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

/// Analyses every document in parallel and merges the counts.
pub fn analyse(docs: &[Document], opts: &Options) -> Analysis {
    let results: Vec<DocResult> = docs.par_iter().map(|d| analyse_doc(d, opts)).collect();
    merge(results, opts)
}

/// Merges per-document results under interned term ids; picks each term's display form.
///
/// Forms arrive as `Arc<str>`s shared through the per-thread interners, so most look-ups go by
/// pointer; counts are gathered per document in a dense array indexed by term id.
pub fn merge(docs: Vec<DocResult>, opts: &Options) -> Analysis {
    const STOP: u32 = u32::MAX;
    let mut by_ptr: AHashMap<usize, u32> = AHashMap::new();
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
    for (di, d) in docs.iter().enumerate() {
        touched.clear();
        for f in &d.forms {
            let ptr = Arc::as_ptr(&f.form) as *const u8 as usize;
            let fid = match by_ptr.get(&ptr) {
                Some(&x) => x,
                None => {
                    let x = match form_ids.get(&*f.form) {
                        Some(&x) => x,
                        None => {
                            let tid = if opts.stopwords.contains(&f.form) {
                                STOP
                            } else {
                                *term_ids.entry(f.stem.clone()).or_insert_with(|| {
                                    terms.push(f.stem.clone());
                                    terms.len() as u32 - 1
                                })
                            };
                            form_list.push(f.form.clone());
                            form_term.push(tid);
                            form_total.push(0);
                            form_ids.insert(f.form.clone(), form_list.len() as u32 - 1);
                            form_list.len() as u32 - 1
                        }
                    };
                    by_ptr.insert(ptr, x);
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
    }
    // Display form: the most frequent folded form of each term (ties: alphabetical).
    let mut best: Vec<Option<(u64, &str)>> = vec![None; terms.len()];
    for (fid, form) in form_list.iter().enumerate() {
        let tid = form_term[fid];
        if tid == STOP {
            continue;
        }
        let n = form_total[fid];
        let slot = &mut best[tid as usize];
        let better = match slot {
            None => true,
            Some((m, f)) => n > *m || (n == *m && &**form < *f),
        };
        if better {
            *slot = Some((n, &**form));
        }
    }
    let terms = terms
        .into_iter()
        .zip(best)
        .map(|(term, b)| Term {
            form: b
                .map(|(_, f)| f.to_string())
                .unwrap_or_else(|| term.to_string()),
            term: term.to_string(),
        })
        .collect();
    Analysis {
        docs,
        terms,
        doc_terms,
    }
}

impl Analysis {
    /// Total words and numbers in the corpus (stopwords included).
    pub fn total_tokens(&self) -> u64 {
        self.docs.iter().map(|d| d.tokens).sum()
    }

    /// Corpus-wide counts per term id: (count, quoted, scare, docs).
    pub fn corpus_counts(&self) -> Vec<(u64, u64, u64, u32)> {
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
