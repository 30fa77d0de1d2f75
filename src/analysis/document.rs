//! One document's analysis, in named steps: count its forms (one hash look-up per token), add
//! the quoted occurrences, note each stem's unquoted use, classify the spans, add the scare
//! occurrences, and (unless only counts are wanted) count the cues and build the spans.

use super::interner::Worker;
use super::{CueCount, DocResult, FormCount, Options, UnpairedMark};
use crate::corpus::Document;
use crate::quotes::{self, classify, model, Kind, Pairing, Span};
use crate::text::Token;

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

/// A token's slot among the document's forms; `NO_SLOT` for tokens that are not counted.
const NO_SLOT: u32 = u32::MAX;

/// Content words of a cued span kept for the per-term cue lists.
const MAX_CUED_WORDS: usize = 100;

/// A quotation's place (token indices of its marks) and kind, without its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuoteMark {
    /// Token index of the opening mark.
    pub open_tok: u32,
    /// Token index of the closing mark.
    pub close_tok: u32,
    /// The quotation's kind.
    pub kind: Kind,
}

/// One document's analysis: its result, the counts of its distinct forms (ids of the worker's
/// interner), each token's slot among those forms, and every quotation's place and kind.
pub(super) struct Analysed {
    pub(super) result: DocResult,
    pub(super) forms: Vec<FormCount>,
    pub(super) token_slots: Vec<u32>,
    pub(super) marks: Vec<QuoteMark>,
    /// Per form slot, whether the form's term is summed (a run with
    /// [`super::Options::only_terms`] only).
    pub(super) kept: Option<Vec<bool>>,
}

/// Analyses one document with `tokens` (from its text). With `lean` (a run of counts only),
/// the spans, cues and offsets that only tables of spans show are not built: only the scare
/// counts they lead to. With `measures`, its lexical diversity and readability too.
pub(super) fn analyse_tokens(
    w: &mut Worker,
    doc: &Document,
    tokens: &[Token],
    opts: &Options,
    lean: bool,
    measures: bool,
) -> Analysed {
    let text = doc.text.as_str();
    let pairing = if opts.quotes {
        quotes::pair_quotes(text, tokens)
    } else {
        quotes::Pairing::default()
    };
    let doc_no = w.next_doc();
    let (token_slots, mut forms, n_tokens) = count_forms(w, text, tokens, doc_no);
    let quoted = quoted_ranges(pairing.pairs.iter().map(|p| (p.open_tok, p.close_tok)));
    let mut quoted_tokens = 0u64;
    for &slot in quoted.into_iter().flat_map(|r| &token_slots[r]) {
        if slot != NO_SLOT {
            quoted_tokens += 1;
            forms[slot as usize].quoted += 1;
        }
    }
    let unquoted = unquoted_of_forms(w, &forms, doc_no);
    let kept = (opts.detail == super::Detail::Totals && opts.only_terms.is_some())
        .then(|| w.kept_slots(&forms, opts.only_terms.as_deref(), opts.only_compounds));
    let called;
    let pairing = match &kept {
        Some(kept) => {
            called = holding_kept(&pairing, &token_slots, kept);
            &called
        }
        None => &pairing,
    };
    let stop = w.stop_slots(&forms, &opts.lexicons.stopwords);
    let other_lang = other_language(w, &forms, &stop, n_tokens, opts.lang);
    let mut ctx = Context {
        doc,
        tokens,
        opts,
        w,
        forms: &forms,
        token_slots: &token_slots,
        unquoted: &unquoted,
        stop: &stop,
        budget: std::cell::Cell::new(2 * doc.text.len() + 65_536),
    };
    let (spans, marks) = ctx.classify_spans(pairing, lean);
    let scare_pairs: Vec<(u32, u32)> = marks
        .iter()
        .filter(|m| m.kind == Kind::Scare)
        .map(|m| (m.open_tok, m.close_tok))
        .collect();
    let cues = if lean {
        Vec::new()
    } else {
        ctx.count_cues(&spans)
    };
    let scare_tokens = add_scare(&scare_pairs, &token_slots, &mut forms);
    Analysed {
        result: DocResult {
            id: doc.id.clone(),
            path: doc.path.clone(),
            tokens: n_tokens,
            quoted_tokens,
            scare_tokens,
            n_spans: marks.len() as u32,
            n_scare: scare_pairs.len() as u32,
            other_lang,
            spans,
            spans_aside: None,
            unpaired: if lean {
                Vec::new()
            } else {
                unpaired(doc, tokens, pairing)
            },
            cues,
            measures: measures.then(|| {
                Box::new(super::measures::of_document(
                    w,
                    tokens,
                    &token_slots,
                    &forms,
                    NO_SLOT,
                    opts.mattr_window,
                ))
            }),
        },
        forms,
        token_slots,
        marks,
        kept,
    }
}

impl Analysed {
    /// The slots and quotation marks a document's [`super::Positions`] are made from, taken out.
    pub(super) fn take_slots(&mut self) -> (Slots, Vec<QuoteMark>) {
        let slots = Slots {
            token_slots: std::mem::take(&mut self.token_slots),
            forms: std::mem::take(&mut self.forms),
            other_lang: self.result.other_lang,
        };
        (slots, std::mem::take(&mut self.marks))
    }
}

/// Each token's slot among a document's distinct forms, the forms with their totals, and the
/// language the forms say the document is in when it is not the run's ([`other_language`]).
pub(super) struct Slots {
    pub(super) token_slots: Vec<u32>,
    pub(super) forms: Vec<FormCount>,
    pub(super) other_lang: Option<crate::text::Lang>,
}

/// The [`Slots`] of a document's tokens (counted as a document of the worker's, which the
/// per-document marks need).
pub(super) fn slots(w: &mut Worker, text: &str, tokens: &[Token], opts: &Options) -> Slots {
    let doc_no = w.next_doc();
    let (token_slots, forms, n_tokens) = count_forms(w, text, tokens, doc_no);
    let stop = w.stop_slots(&forms, &opts.lexicons.stopwords);
    let other_lang = other_language(w, &forms, &stop, n_tokens, opts.lang);
    Slots {
        token_slots,
        forms,
        other_lang,
    }
}

/// The language a document's most frequent words say it is in, when that is not `lang`
/// ([`super::result::language_of_top`]; `stop` marks the forms that are `lang`'s stopwords).
/// Only a document of 200 words or more of which under a fifth are those stopwords is asked
/// (about half of a text's words are): the others cost one sum.
pub(super) fn other_language(
    w: &Worker,
    forms: &[FormCount],
    stop: &[bool],
    n_tokens: u64,
    lang: crate::text::Lang,
) -> Option<crate::text::Lang> {
    if n_tokens < 200 {
        return None;
    }
    let stops: u64 = (forms.iter().zip(stop))
        .filter(|(_, &s)| s)
        .map(|(f, _)| f.total as u64)
        .sum();
    if stops * 5 >= n_tokens {
        return None;
    }
    let int = &w.interner;
    let mut order: Vec<(u32, &str)> = forms
        .iter()
        .map(|f| (f.total, &*int.forms[f.form as usize].0))
        .collect();
    order.sort_unstable_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    let top: Vec<String> = order.iter().take(20).map(|(_, f)| f.to_string()).collect();
    super::result::language_of_top(&top, lang).map(|(l, _)| l)
}

/// Each token's slot among the document's distinct forms, the forms with their totals, and the
/// number of words and numbers.
fn count_forms(
    w: &mut Worker,
    text: &str,
    tokens: &[Token],
    doc_no: u32,
) -> (Vec<u32>, Vec<FormCount>, u64) {
    let mut token_slots = vec![NO_SLOT; tokens.len()];
    let mut n_tokens = 0u64;
    let mut forms: Vec<FormCount> = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        if !t.kind.is_countable() {
            continue;
        }
        n_tokens += 1;
        let slot = w
            .interner
            .slot(text, t.start as usize, t.end as usize, doc_no, &mut forms);
        token_slots[i] = slot;
        forms[slot as usize].total += 1;
    }
    (token_slots, forms, n_tokens)
}

/// The quotations of `pairing` holding a word whose slot `kept` marks. A run that sums some
/// terms only calls those: the others change no count it keeps (a quotation's call reads no
/// other quotation but those of the same words, which hold the same terms).
fn holding_kept(pairing: &quotes::Pairing, token_slots: &[u32], kept: &[bool]) -> quotes::Pairing {
    let holds_kept = |p: &quotes::Pair| {
        token_slots[p.open_tok as usize + 1..p.close_tok as usize]
            .iter()
            .any(|&s| s != NO_SLOT && kept[s as usize])
    };
    quotes::Pairing {
        pairs: pairing.pairs.iter().copied().filter(holds_kept).collect(),
        unpaired: Vec::new(),
    }
}

/// Per form slot, the unquoted occurrences of the form's stem in this document (a quoted word
/// "also used plainly" is evidence of a scare quote).
fn unquoted_of_forms(w: &mut Worker, forms: &[FormCount], doc_no: u32) -> Vec<u32> {
    let stems = w.interner.quote_stems();
    if w.stem_unquoted.len() < stems {
        w.stem_unquoted.resize(stems, (u32::MAX, 0));
    }
    for f in forms {
        let e = &mut w.stem_unquoted[w.interner.quote_stem(f.form) as usize];
        if e.0 != doc_no {
            *e = (doc_no, 0);
        }
        e.1 += f.total - f.quoted;
    }
    forms
        .iter()
        .map(|f| w.stem_unquoted[w.interner.quote_stem(f.form) as usize].1)
        .collect()
}

/// Adds the scare-quoted occurrences (nested scare spans count once); returns their number.
fn add_scare(scare_pairs: &[(u32, u32)], token_slots: &[u32], forms: &mut [FormCount]) -> u64 {
    let mut scare_tokens = 0u64;
    for &slot in quoted_ranges(scare_pairs.iter().copied())
        .into_iter()
        .flat_map(|r| &token_slots[r])
    {
        if slot != NO_SLOT {
            scare_tokens += 1;
            forms[slot as usize].scare += 1;
        }
    }
    scare_tokens
}

/// The unpaired marks with their source offsets.
fn unpaired(doc: &Document, tokens: &[Token], pairing: &Pairing) -> Vec<UnpairedMark> {
    pairing
        .unpaired
        .iter()
        .map(|u| UnpairedMark {
            offset: doc.source_offset(tokens[u.tok as usize].start as usize),
            page: doc.page(tokens[u.tok as usize].start as usize),
            mark: u.mark,
        })
        .collect()
}

/// A span's call: its kind, the kind's probability, every kind's probability and the
/// features behind them.
struct Called {
    kind: Kind,
    confidence: f64,
    probabilities: [f32; 4],
    features: Box<str>,
}

/// What the span and cue steps read.
struct Context<'a> {
    doc: &'a Document,
    tokens: &'a [Token],
    opts: &'a Options,
    w: &'a mut Worker,
    forms: &'a [FormCount],
    token_slots: &'a [u32],
    unquoted: &'a [u32],
    /// Per form slot: whether the form is one of the classifier's stopwords (empty when the
    /// document has no quotations).
    stop: &'a [bool],
    /// Bytes of quoted text and contexts the spans may still keep in full (see
    /// [`quotes::SHORT_SPAN_CHARS`]).
    budget: std::cell::Cell<usize>,
}

impl Context<'_> {
    /// The slot of token `i`'s form, if it is counted.
    fn slot(&self, i: usize) -> Option<usize> {
        let slot = self.token_slots[i];
        (slot != NO_SLOT).then_some(slot as usize)
    }

    /// The folded form in slot `slot`.
    fn form(&self, slot: usize) -> &str {
        &self.w.interner.forms[self.forms[slot].form as usize].0
    }

    /// Classifies every span; returns the spans (none built with `lean`) and every span's
    /// place and kind.
    fn classify_spans(&self, pairing: &Pairing, lean: bool) -> (Vec<Span>, Vec<QuoteMark>) {
        let text = self.doc.text.as_str();
        let stopword = |w: &str| self.opts.lexicons.stopwords.contains(w);
        let mut spans = Vec::with_capacity(if lean { 0 } else { pairing.pairs.len() });
        let mut marks = Vec::with_capacity(pairing.pairs.len());
        if pairing.pairs.is_empty() {
            return (spans, marks);
        }
        // Spans are asked about only from the first opening mark to the last closing one.
        let first = pairing.pairs.iter().map(|p| p.open_tok as usize).min();
        let last = pairing.pairs.iter().map(|p| p.close_tok as usize + 1).max();
        let range = first.unwrap_or(0)..last.unwrap_or(0);
        let facts = classify::Facts::new(text, self.tokens, range, |i| {
            self.slot(i).is_some_and(|s| self.stop[s])
        });
        let lex = &self.opts.lexicons;
        let at = |p: &quotes::Pair| classify::SpanAt {
            open: p.open_tok as usize,
            close: p.close_tok as usize,
            nested: p.depth > 0,
        };
        let evidence: Vec<classify::Evidence> = pairing
            .pairs
            .iter()
            .map(|p| {
                classify::gather(text, self.tokens, &facts, at(p), lex, stopword, |i| {
                    self.slot(i).is_some_and(|f| self.unquoted[f] > 0)
                })
            })
            .collect();
        let elsewhere = match &lex.model {
            Some(_) => self.quoted_elsewhere(pairing, &evidence),
            None => Vec::new(),
        };
        for (k, (p, ev)) in pairing.pairs.iter().zip(evidence).enumerate() {
            let (probabilities, features) = match &lex.model {
                Some(m) => {
                    let x = model::features(text, self.tokens, at(p), &ev, elsewhere[k]);
                    let why = if lean || !self.opts.explain_quotes {
                        String::new()
                    } else {
                        model::explain(&x)
                    };
                    (m.probabilities(&x), why)
                }
                None => (classify::probabilities(&ev), String::new()),
            };
            let probabilities = if ev.words == 0 {
                model::without_scare(probabilities)
            } else {
                probabilities
            };
            let (kind, confidence) = model::decide(probabilities, self.opts.min_scare);
            marks.push(QuoteMark {
                open_tok: p.open_tok,
                close_tok: p.close_tok,
                kind,
            });
            if !lean {
                let called = Called {
                    kind,
                    confidence,
                    probabilities: probabilities.map(|v| v as f32),
                    features: features.into(),
                };
                spans.push(self.span(k, p, called, ev));
            }
        }
        (spans, marks)
    }

    /// For each span, whether its text (folded words, spans of at most 12 words) is quoted
    /// again in the document, and whether another of those quotations has a cue.
    fn quoted_elsewhere(
        &self,
        pairing: &Pairing,
        evidence: &[classify::Evidence],
    ) -> Vec<model::Elsewhere> {
        // The words' folded forms, as the document counted them.
        let key = |p: &quotes::Pair| -> Option<String> {
            let (o, c) = (p.open_tok as usize, p.close_tok as usize);
            let words: Vec<&str> = (o + 1..c)
                .filter_map(|i| self.slot(i))
                .take(13)
                .map(|s| self.form(s))
                .collect();
            (!words.is_empty() && words.len() <= 12).then(|| words.join(" "))
        };
        let keys: Vec<Option<String>> = pairing.pairs.iter().map(key).collect();
        let mut seen: ahash::AHashMap<&str, (u32, u32)> = ahash::AHashMap::new();
        for (k, ev) in keys.iter().zip(evidence) {
            if let Some(k) = k {
                let e = seen.entry(k.as_str()).or_default();
                e.0 += 1;
                e.1 += ev.cue.is_some() as u32;
            }
        }
        keys.iter()
            .zip(evidence)
            .map(|(k, ev)| match k.as_deref().and_then(|k| seen.get(k)) {
                Some(&(n, cues)) => model::Elsewhere {
                    quoted: n >= 2,
                    cued: cues > ev.cue.is_some() as u32,
                },
                None => model::Elsewhere::default(),
            })
            .collect()
    }

    /// The span of pair `p` (number `k`, from 0), with its classification.
    fn span(
        &self,
        k: usize,
        p: &quotes::Pair,
        called: Called,
        evidence: classify::Evidence,
    ) -> Span {
        let (text, tokens) = (self.doc.text.as_str(), self.tokens);
        let (o, c) = (p.open_tok as usize, p.close_tok as usize);
        // The quoted content words matter only for the cue lists of a span with a cue; a
        // bounded number of them, since spans nest.
        let content = if evidence.cue.is_some() {
            (o + 1..c)
                .filter(|&i| tokens[i].kind.is_countable())
                .filter_map(|i| self.slot(i))
                .map(|s| self.form(s))
                .filter(|f| !self.opts.stopwords.contains(f))
                .take(MAX_CUED_WORDS)
                .map(str::to_string)
                .collect()
        } else {
            Vec::new()
        };
        let (chars, bytes) = if self.budget.get() > 0 {
            (quotes::MAX_SPAN_CHARS, quotes::MAX_CONTEXT_BYTES)
        } else {
            (quotes::SHORT_SPAN_CHARS, quotes::SHORT_CONTEXT_BYTES)
        };
        let inner = &text[tokens[o].end as usize..tokens[c].start as usize];
        let span_text = quotes::span_text(inner, chars);
        let n = self.opts.context;
        let left = quotes::left_context(text, tokens, o, n, bytes);
        let right = quotes::right_context(text, tokens, c, n, bytes);
        let used = span_text.len() + left.len() + right.len();
        self.budget.set(self.budget.get().saturating_sub(used));
        Span {
            number: k as u32 + 1,
            open: self.doc.source_offset(tokens[o].start as usize),
            close: self.doc.source_offset(tokens[c].start as usize),
            page: self.doc.page(tokens[o].start as usize),
            open_tok: p.open_tok,
            close_tok: p.close_tok,
            marks: [p.open_char, p.close_char],
            sentence: tokens[o].sentence,
            text: span_text.into(),
            left: left.into(),
            right: right.into(),
            kind: called.kind,
            confidence: called.confidence,
            probabilities: called.probabilities,
            features: called.features,
            evidence,
            content: content.into(),
        }
    }

    /// Counts the distancing cues of the lexicon anywhere in the text (those the lexicon marks
    /// `[before a mark]` only right before a quotation); only tokens whose folded
    /// form starts a cue phrase are examined.
    fn count_cues(&mut self, spans: &[Span]) -> Vec<CueCount> {
        let set = &self.opts.lexicons.cues;
        let starts = cue_starts(self.w, self.forms, set);
        let (text, tokens) = (self.doc.text.as_str(), self.tokens);
        let opens: ahash::AHashSet<u32> = spans.iter().map(|s| s.open_tok).collect();
        let mut counts: Vec<CueCount> = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            if !self.slot(i).is_some_and(|f| starts[f]) {
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
            let before_quote = opens.contains(&(j as u32)) as u32;
            // A word that distances only before a mark is another word elsewhere, and a cue
            // written with a capital inside its sentence is part of a name (Iraq and the
            // Sham, the Levant).
            if before_quote == 0 && (set.only_before_mark(&cue) || in_a_name(text, tokens, i)) {
                i = j;
                continue;
            }
            match counts.iter_mut().find(|c| c.cue == cue) {
                Some(c) => {
                    c.total += 1;
                    c.before_quote += before_quote;
                }
                None => counts.push(CueCount {
                    cue,
                    total: 1,
                    before_quote,
                }),
            }
            i = j;
        }
        counts.sort_by(|a, b| b.total.cmp(&a.total).then_with(|| a.cue.cmp(&b.cue)));
        counts
    }
}

/// Whether token `i` starts with a capital and does not start its sentence.
fn in_a_name(text: &str, tokens: &[Token], i: usize) -> bool {
    let t = &tokens[i];
    let capital = text[t.start as usize..]
        .chars()
        .next()
        .is_some_and(char::is_uppercase);
    capital && i > 0 && tokens[i - 1].sentence == t.sentence
}

/// Per form slot, whether the form starts a phrase of `cues` (asked once per form and worker).
fn cue_starts(w: &mut Worker, forms: &[FormCount], cues: &quotes::PhraseSet) -> Vec<bool> {
    if w.cue_set != cues.id() {
        w.cue_set = cues.id();
        w.starts_cue.clear();
    }
    w.starts_cue.resize(w.interner.forms.len(), 0);
    forms
        .iter()
        .map(|f| {
            let known = &mut w.starts_cue[f.form as usize];
            if *known == 0 {
                *known = 1 + cues.starts_with_word(&w.interner.forms[f.form as usize].0) as u8;
            }
            *known == 2
        })
        .collect()
}
