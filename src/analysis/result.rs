//! What an analysis gives: per-document results (spans, cues, token counts), interned terms with
//! their display forms, per-document term counts and corpus totals, all as named structs.

use crate::corpus::{Document, LoadOptions};
use crate::error::Result;
use crate::quotes::Span;
use ahash::AHashMap;
use std::path::PathBuf;
use std::sync::Arc;

/// One document's results.
#[derive(Debug, Clone)]
pub struct DocResult {
    /// Document id.
    pub id: String,
    /// The file it was read from (`None` for standard input or text given in memory).
    pub path: Option<PathBuf>,
    /// Words and numbers, stopwords included.
    pub tokens: u64,
    /// Words and numbers inside quotation marks (of any kind).
    pub quoted_tokens: u64,
    /// Words and numbers inside scare quotes.
    pub scare_tokens: u64,
    /// Quotations (all kinds), counted in every run.
    pub n_spans: u32,
    /// Scare quotes, counted in every run.
    pub n_scare: u32,
    /// Quote spans, in order; none here when they were set aside ([`DocResult::spans_aside`]):
    /// [`Analysis::spans`] gives them either way.
    pub spans: Vec<Span>,
    /// Where the quotations went when the run set them aside in its temporary file (the
    /// report, [`super::Options::spill_counts`]) as the document was read.
    pub spans_aside: Option<super::spill::Spilled>,
    /// Unpaired quotation marks, with their source byte offsets.
    pub unpaired: Vec<UnpairedMark>,
    /// Distancing cues found anywhere in the text.
    pub cues: Vec<CueCount>,
    /// The language the document's most frequent words say it is in, when that is not the
    /// run's ([`super::Options::lang`]): a French statement in a folder read as English.
    pub other_lang: Option<crate::text::Lang>,
    /// Lexical diversity and readability (documents runs with [`super::Options::doc_measures`]);
    /// boxed, as most runs keep none and a run keeps one result per document.
    pub measures: Option<Box<DocMeasures>>,
}

/// What a document's lexical diversity and readability are computed from, and the two
/// measures that need the words in order ([`crate::stats::diversity`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DocMeasures {
    /// Distinct folded forms (stopwords included).
    pub forms: u32,
    /// MATTR over windows of [`super::Options::mattr_window`] words ([`MATTR_WINDOW`] unless
    /// asked; the TTR when the document is shorter).
    pub mattr: f64,
    /// MTLD (threshold 0.72, forward and backward).
    pub mtld: f64,
    /// Sentences holding a word.
    pub sentences: u32,
    /// Syllables of the words ([`crate::stats::diversity::syllables`]).
    pub syllables: u64,
}

/// The window of MATTR, in words.
pub const MATTR_WINDOW: usize = 500;

impl DocResult {
    /// The measures, when the run kept them and the document has words.
    pub fn measured(&self) -> Option<DocMeasures> {
        self.measures
            .as_deref()
            .copied()
            .filter(|_| self.tokens > 0)
    }

    /// Type-token ratio: distinct folded forms (stopwords included) over tokens.
    pub fn ttr(&self) -> Option<f64> {
        self.measured().map(|m| m.forms as f64 / self.tokens as f64)
    }

    /// Mean sentence length in words.
    pub fn mean_sentence_length(&self) -> Option<f64> {
        self.measured()
            .map(|m| self.tokens as f64 / m.sentences.max(1) as f64)
    }

    /// Flesch reading ease.
    pub fn flesch(&self) -> Option<f64> {
        self.measured()
            .map(|m| crate::stats::diversity::flesch(self.tokens, m.sentences as u64, m.syllables))
    }

    /// Flesch–Kincaid grade level.
    pub fn fk_grade(&self) -> Option<f64> {
        self.measured().map(|m| {
            crate::stats::diversity::flesch_kincaid(self.tokens, m.sentences as u64, m.syllables)
        })
    }
}

/// A quotation mark that found no partner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnpairedMark {
    /// Byte offset of the mark in the file as stored.
    pub offset: usize,
    /// For a PDF, the page of the mark.
    pub page: Option<u32>,
    /// The mark.
    pub mark: char,
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

/// A cue's occurrences summed over documents ([`Analysis::cue_totals`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CueTotal {
    /// The cue phrase, or the document id when summed per document.
    pub key: String,
    /// Occurrences.
    pub count: u64,
    /// Occurrences right before an opening quotation mark.
    pub before_quote: u64,
}

/// A term: a stem with the surface form shown for it.
#[derive(Debug, Clone, Default)]
pub struct Term {
    /// The stem (or folded form with `--no-stem`).
    pub term: String,
    /// How the term is shown: its most frequent surface form in the corpus, written as the
    /// corpus most often writes it. When another word of the same stem makes up a tenth or more
    /// of its occurrences, that word follows after a slash (`integrity/integration`: the stem
    /// `integr` counts both), and `/…` when yet other words make up a tenth more: a chart or
    /// table never shows a family of words under one of them.
    pub form: String,
    /// Its most frequent surface form alone, as written (`integrity`): the word to look for
    /// in the texts.
    pub word: String,
    /// The words the term counts when it counts several (`integrity`, `integration`; a word's
    /// plural, possessive and inflections are that word: `territory` with `territories`): each
    /// as shown and its occurrences, most frequent first. Empty when the term is one word.
    pub words: Vec<(String, u64)>,
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

/// Counts of one term over several documents (a corpus or a group).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TermTotals {
    /// Occurrences.
    pub count: u64,
    /// Occurrences inside quotation marks.
    pub quoted: u64,
    /// Occurrences inside scare quotes.
    pub scare: u64,
    /// Documents using the term.
    pub docs: u32,
}

impl TermTotals {
    /// Adds one document's counts of the term.
    pub fn add(&mut self, c: &TermCount) {
        self.count += c.count as u64;
        self.quoted += c.quoted as u64;
        self.scare += c.scare as u64;
        self.docs += 1;
    }

    /// Adds other totals.
    pub fn add_totals(&mut self, c: &TermTotals) {
        self.count += c.count;
        self.quoted += c.quoted;
        self.scare += c.scare;
        self.docs += c.docs;
    }
}

/// Each counted form's occurrences and spellings, kept by a documents run with
/// [`super::Options::keep_forms`]: what display forms are chosen from, and what adds up across
/// parts of a corpus counted apart.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FormTotals {
    /// (term, folded form, occurrences) of every form counted under a term.
    pub forms: Vec<(String, String, u64)>,
    /// (folded form, spelling as written, occurrences) of those forms.
    pub spellings: Vec<(String, String, u64)>,
}

/// The merged result over a corpus.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// Per-document results, in corpus order.
    pub docs: Vec<DocResult>,
    /// Interned terms (stopword forms excluded).
    pub terms: Vec<Term>,
    /// Per document, the term counts sorted by term id, packed (empty for a
    /// [`Detail::Totals`](super::Detail::Totals) run).
    pub doc_terms: super::DocTerms,
    /// Corpus totals per term id when counted as a stream
    /// ([`Detail::Totals`](super::Detail::Totals)); [`Analysis::corpus_counts`] reads them.
    pub totals: Option<Vec<TermTotals>>,
    /// A totals run over bins (the groups of `--group-by`, or a target and a reference:
    /// [`super::Analyser::binned`]): per
    /// bin, the totals of the terms it uses, by ascending term id. Empty otherwise.
    pub bin_totals: Vec<Vec<(u32, TermTotals)>>,
    /// Folded surface form → term id, for every form counted (stopwords aside).
    pub(crate) form_terms: AHashMap<Arc<str>, u32>,
    /// Documents that cannot be read again (standard input, a pipe), by index, when the run
    /// was asked to hold them ([`super::Analyser::holding`]).
    pub(crate) held: Vec<(usize, Document)>,
    /// Forms and spellings, when the run kept them ([`super::Options::keep_forms`]).
    pub forms: Option<FormTotals>,
    /// The corpus totals of a documents run, summed from the documents' counts once, when
    /// first asked for ([`Analysis::corpus_counts`]): a report asks some ten times, and the
    /// counts may be read back from a file.
    pub(crate) corpus: std::sync::OnceLock<Vec<TermTotals>>,
}

impl Analysis {
    /// Keeps the documents `keep` marks (one flag per document, in order) with their counts.
    pub fn keep_docs(&mut self, keep: &[bool]) {
        let mut k = keep.iter();
        self.docs.retain(|_| *k.next().unwrap_or(&false));
        if !self.doc_terms.is_empty() {
            self.doc_terms.retain(keep);
        }
        self.corpus = Default::default();
    }

    /// Document `d`'s quotations: those it holds, or those set aside for it, read back. A
    /// failure to read them back gives none, and fails the run's
    /// [`DocTerms::check`](super::DocTerms::check).
    pub fn spans(&self, d: usize) -> std::borrow::Cow<'_, [Span]> {
        use std::borrow::Cow;
        let doc = &self.docs[d];
        let Some(at) = doc.spans_aside else {
            return Cow::Borrowed(&doc.spans);
        };
        let store = self.doc_terms.store();
        let spans = store.aside(at).map(|b| super::quotes_aside::decode(&b));
        match spans {
            Some(Some(spans)) => Cow::Owned(spans),
            Some(None) => {
                store.aside_failed(format!("{}'s quotations came back changed", doc.id));
                Cow::Borrowed(&[])
            }
            None => Cow::Borrowed(&[]),
        }
    }

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

    /// The term id a folded surface form was counted under (`None` for stopwords and forms the
    /// corpus does not have).
    pub fn term_of_form(&self, form: &str) -> Option<u32> {
        self.form_terms.get(form).copied()
    }

    /// Document `i` again, for a second look at its text (concordance lines, token positions):
    /// read again from its file, or the copy held for an input that cannot be read twice.
    pub fn document(&self, i: usize, lopts: &LoadOptions) -> Result<Document> {
        if let Some((_, d)) = self.held.iter().find(|(k, _)| *k == i) {
            return Ok(d.clone());
        }
        let d = &self.docs[i];
        Document::read(&d.id, d.path.as_deref(), lopts)
    }

    /// Total words and numbers in the corpus (stopwords included).
    pub fn total_tokens(&self) -> u64 {
        self.docs.iter().map(|d| d.tokens).sum()
    }

    /// Words and numbers in the documents `docs` (stopwords included).
    pub fn tokens_of(&self, docs: &[usize]) -> u64 {
        docs.iter().map(|&d| self.docs[d].tokens).sum()
    }

    /// Counts per term id summed over the documents `docs`.
    pub fn group_totals(&self, docs: &[usize]) -> Vec<TermTotals> {
        let all = !self.doc_terms.is_empty()
            && docs.len() == self.doc_terms.len()
            && docs.iter().enumerate().all(|(i, &d)| i == d);
        if all {
            return self.corpus_counts();
        }
        self.sum_docs(docs)
    }

    /// Counts per term id summed over the documents `docs`.
    fn sum_docs(&self, docs: &[usize]) -> Vec<TermTotals> {
        let mut v = vec![TermTotals::default(); self.terms.len()];
        let mut rows = Vec::new();
        for &d in docs {
            self.doc_terms.get_into(d, &mut rows);
            for c in &rows {
                v[c.term as usize].add(c);
            }
        }
        v
    }

    /// Counts per term id of group `k` of the run, whose documents are `docs`: its bin's
    /// running sums in a totals run kept by bins ([`Analysis::bin_totals`]: the groups of
    /// `--group-by`, or a target and a reference), else summed from the documents' counts.
    pub fn totals_of(&self, k: usize, docs: &[usize]) -> Vec<TermTotals> {
        match self.bin_totals.get(k) {
            Some(bin) if self.doc_terms.is_empty() => {
                let mut v = vec![TermTotals::default(); self.terms.len()];
                for &(t, c) in bin {
                    v[t as usize] = c;
                }
                v
            }
            _ => self.group_totals(docs),
        }
    }

    /// Corpus-wide counts per term id.
    pub fn corpus_counts(&self) -> Vec<TermTotals> {
        match &self.totals {
            Some(t) => t.clone(),
            None => (self.corpus.get_or_init(|| {
                let all: Vec<usize> = (0..self.doc_terms.len()).collect();
                self.sum_docs(&all)
            }))
            .clone(),
        }
    }

    /// Another language the text looks to be in, when the most frequent words are mostly
    /// that language's stopwords and few of `lang`'s: that language and those words. A run
    /// whose `--lang` does not match its text counts `the`, `of`, `and` as terms. Not when
    /// only some of the documents are in it ([`DocResult::other_lang`] names those).
    pub fn language_hint(
        &self,
        lang: crate::text::Lang,
    ) -> Option<(crate::text::Lang, Vec<String>)> {
        let counts = self.corpus_counts();
        let mut order: Vec<usize> = (0..counts.len()).filter(|&t| counts[t].count > 0).collect();
        // Ties by the term, not its id: a totals run numbers terms in the order its workers
        // met them, which changes from run to run.
        order.sort_unstable_by(|&x, &y| {
            (counts[y].count.cmp(&counts[x].count))
                .then_with(|| self.terms[x].term.cmp(&self.terms[y].term))
        });
        let top: Vec<String> = order
            .iter()
            .take(20)
            .map(|&t| self.terms[t].form.to_lowercase())
            .collect();
        // Too few words to judge by (a short note verbale has some 300).
        if counts.iter().map(|c| c.count).sum::<u64>() < 200 {
            return None;
        }
        // A corpus of some documents in another language (each named on its own: a
        // Portuguese speech among short English readouts can head the corpus's words) is not
        // in that language: only one most of whose documents are, or none of whose documents
        // is long enough to tell on its own, is.
        let foreign = self.docs.iter().filter(|d| d.other_lang.is_some()).count();
        if foreign > 0 && foreign * 2 <= self.docs.len() {
            return None;
        }
        language_of_top(&top, lang)
    }

    /// Distinct terms with at least one occurrence.
    pub fn distinct_terms(&self) -> usize {
        self.corpus_counts().iter().filter(|c| c.count > 0).count()
    }

    /// Distancing cues summed over documents (or per document with `by_doc`, keyed by the
    /// document id), most frequent first.
    pub fn cue_totals(&self, by_doc: bool) -> Vec<CueTotal> {
        let mut rows: Vec<CueTotal> = Vec::new();
        for d in &self.docs {
            for c in &d.cues {
                let key = if by_doc { &d.id } else { &c.cue };
                match rows.iter_mut().find(|r| &r.key == key) {
                    Some(r) => {
                        r.count += c.total as u64;
                        r.before_quote += c.before_quote as u64;
                    }
                    None => rows.push(CueTotal {
                        key: key.clone(),
                        count: c.total as u64,
                        before_quote: c.before_quote as u64,
                    }),
                }
            }
        }
        rows.sort_by(|x, y| y.count.cmp(&x.count).then_with(|| x.key.cmp(&y.key)));
        rows
    }
}

/// The language that the 20 most frequent words of a text (`top`, folded, most frequent
/// first) say it is in, when that is not `lang`: of them, at least seven are stopwords of
/// that language (the most of any), more than twice as many as of `lang`'s; with those
/// words.
pub(crate) fn language_of_top(
    top: &[String],
    lang: crate::text::Lang,
) -> Option<(crate::text::Lang, Vec<String>)> {
    use crate::text::{lang::LANGS, Stopwords};
    use std::sync::OnceLock;
    // Each language's list, parsed once for every document a run asks about.
    static LISTS: OnceLock<Vec<Stopwords>> = OnceLock::new();
    let lists = LISTS.get_or_init(|| LANGS.iter().map(|&l| Stopwords::bundled(l)).collect());
    if top.len() < 20 {
        return None;
    }
    let hits = |k: usize| {
        top.iter()
            .filter(|w| lists[k].contains(w))
            .cloned()
            .collect::<Vec<_>>()
    };
    // Languages share short words (`a`, `do`, `no` are English and Portuguese stopwords).
    let own = LANGS
        .iter()
        .position(|l| l.code == lang.code)
        .map_or(0, |k| hits(k).len());
    (0..LANGS.len())
        .filter(|&k| LANGS[k].code != lang.code)
        .map(|k| (LANGS[k], hits(k)))
        .filter(|(_, w)| w.len() >= 7 && w.len() > 2 * own)
        .max_by_key(|(_, w)| w.len())
}

#[cfg(test)]
mod tests {
    use crate::analysis::{analyse, Options};
    use crate::text::Lang;

    #[test]
    fn corpus_counts_are_summed_once_and_again_after_documents_are_left_out() {
        let docs = crate::corpus::Document::each_of(&["peace and peace", "war", "peace"]);
        let mut a = analyse(&docs, &Options::new(Lang::english()));
        let count = |a: &super::Analysis, term: &str| -> u64 {
            let i = a.terms.iter().position(|t| t.term == term).unwrap();
            a.corpus_counts()[i].count
        };
        assert_eq!((count(&a, "peac"), count(&a, "war")), (3, 1));
        assert!(a.corpus.get().is_some(), "kept after the first call");
        // Every document's sum is the corpus's; a part's is its own.
        assert_eq!(a.group_totals(&[0, 1, 2]), a.corpus_counts());
        assert_ne!(a.group_totals(&[0, 2]), a.corpus_counts());
        a.keep_docs(&[false, true, true]);
        assert_eq!((count(&a, "peac"), count(&a, "war")), (1, 1));
    }
}
