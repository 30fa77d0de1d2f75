//! The corpus held as word ids: per document, each word's term and form (ids into one
//! vocabulary), what stands between it and the word before (punctuation, a sentence or a
//! paragraph end), and the quotations around it. About 13 bytes a word, so that n-grams of
//! every length, collocations and collocates are counted from memory, pass after pass, without
//! reading or tokenising the texts again.

use crate::analysis::{Analyser, Options, Positions, Quoting};
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

/// One document's words.
#[derive(Debug, Clone, Default)]
pub struct HeldDoc {
    /// Per word: its term (stem), an index into [`Held::terms`].
    pub terms: Vec<u32>,
    /// Per word: its folded form, an index into [`Held::forms`].
    pub forms: Vec<u32>,
    /// Per word: what stands between it and the word before ([`gap`] bits).
    pub gaps: Vec<u8>,
    /// Per word: the quotations around it.
    pub quoting: Vec<Quoting>,
    /// The document's quotations.
    pub quotes: Vec<HeldQuote>,
}

impl HeldDoc {
    /// Words in the document.
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    /// Whether the document has no words.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Whether the words `first..=last` have nothing between them that `forbid` ([`gap`] bits)
    /// names.
    pub fn joined(&self, first: usize, last: usize, forbid: u8) -> bool {
        self.gaps[first + 1..=last].iter().all(|g| g & forbid == 0)
    }

    /// Whether one quotation holds the words `first..=last` (and whether a scare quote holds
    /// both ends).
    pub fn quoted(&self, first: usize, last: usize) -> (bool, bool) {
        let mut q = self.quoting[first].inner();
        while let Some(k) = q {
            let h = &self.quotes[k as usize];
            if (last as u32) < h.close {
                let scare = self.quoting[first].scare() && self.quoting[last].scare();
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
    /// The documents' words.
    pub docs: Vec<HeldDoc>,
    /// Per document: its bin (its group, its side of a comparison; 0 when not grouped).
    pub bins: Vec<u32>,
    /// How many bins.
    pub n_bins: usize,
    /// Term keys (stems), by id.
    pub terms: Vec<Arc<str>>,
    /// Folded forms, by id.
    pub forms: Vec<Arc<str>>,
    /// Per form id: whether it is a stopword.
    pub form_stop: Vec<bool>,
    /// Per term id: its occurrences in the corpus.
    pub term_count: Vec<u64>,
}

impl Held {
    /// Words in the corpus.
    pub fn tokens(&self) -> u64 {
        self.docs.iter().map(|d| d.len() as u64).sum()
    }

    /// Words in each bin.
    pub fn bin_tokens(&self) -> Vec<u64> {
        let mut t = vec![0u64; self.n_bins.max(1)];
        for (d, &b) in self.docs.iter().zip(&self.bins) {
            t[b as usize] += d.len() as u64;
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
type Interned = (AHashMap<Arc<str>, u32>, Vec<Arc<str>>);

/// One vocabulary (terms or forms) shared by the worker threads. Each thread keeps its own
/// map from the address of an interned string (the workers' interners keep every string for
/// the run) to its id, so a document's strings are hashed by address and the shared map is
/// locked only for strings the thread has not seen.
struct Vocab {
    shared: Mutex<Interned>,
    by_thread: Vec<Mutex<AHashMap<usize, u32>>>,
}

impl Vocab {
    fn new() -> Vocab {
        let threads = rayon::current_num_threads() + 1;
        Vocab {
            shared: Mutex::new((AHashMap::new(), Vec::new())),
            by_thread: (0..threads).map(|_| Mutex::new(AHashMap::new())).collect(),
        }
    }

    /// The ids of `keys`.
    fn ids(&self, keys: &[Arc<str>]) -> Vec<u32> {
        let last = self.by_thread.len() - 1;
        let t = rayon::current_thread_index().map_or(last, |i| i.min(last));
        let mut cache = self.by_thread[t].lock().unwrap_or_else(|e| e.into_inner());
        keys.iter()
            .map(|k| {
                let addr = Arc::as_ptr(k) as *const u8 as usize;
                *cache.entry(addr).or_insert_with(|| {
                    let mut s = self.shared.lock().unwrap_or_else(|e| e.into_inner());
                    let (map, list) = &mut *s;
                    *map.entry(k.clone()).or_insert_with(|| {
                        list.push(k.clone());
                        list.len() as u32 - 1
                    })
                })
            })
            .collect()
    }

    fn into_list(self) -> Vec<Arc<str>> {
        self.shared
            .into_inner()
            .unwrap_or_else(|e| e.into_inner())
            .1
    }
}

/// The reading run: each document analysed for its positions, then turned into ids.
struct Reader<'a> {
    run: Analyser<'a>,
    terms: Vocab,
    forms: Vocab,
}

impl<'a> Reader<'a> {
    /// A reader analysing with `opts`, its vocabularies empty.
    fn new(opts: &'a Options) -> Self {
        Reader {
            run: Analyser::new(opts),
            terms: Vocab::new(),
            forms: Vocab::new(),
        }
    }

    /// A document's words from its positions.
    fn hold(&self, p: &Positions) -> HeldDoc {
        held_doc(
            p,
            &self.terms.ids(&p.term_keys),
            &self.forms.ids(&p.form_keys),
        )
    }
}

/// A document's words from its positions, with its terms' and forms' ids.
fn held_doc(p: &Positions, term_ids: &[u32], form_ids: &[u32]) -> HeldDoc {
    let mut d = HeldDoc::default();
    let words = p.word_gaps();
    // Per token: the words before it (to place the quotations' closing marks).
    let mut words_before = Vec::with_capacity(p.tokens.len() + 1);
    let mut next = words.iter().peekable();
    for i in 0..p.tokens.len() {
        words_before.push(d.terms.len() as u32);
        if let Some(&(_, g)) = next.next_if(|w| w.0 as usize == i) {
            d.terms.push(term_ids[p.terms[i] as usize]);
            d.forms.push(form_ids[p.forms[i] as usize]);
            d.gaps.push(g);
            d.quoting.push(p.quoting[i]);
        }
    }
    words_before.push(d.terms.len() as u32);
    d.quotes = p
        .marks
        .iter()
        .zip(&p.parents)
        .map(|(m, &parent)| HeldQuote {
            close: words_before[(m.close_tok as usize).min(p.tokens.len())],
            parent,
        })
        .collect();
    d
}

/// Reads the files of `found` and holds their words; `bin_of_file` gives each file's bin
/// (`None`: the file is left out). Returns the corpus and the files that could not be read.
pub fn read(
    found: &GroupedFiles,
    bin_of_file: &[Option<u32>],
    lopts: &LoadOptions,
    opts: &Options,
) -> Result<(Held, Vec<Problem>)> {
    let (held, _, problems) = read_also(found, bin_of_file, lopts, opts, &|_, _| ())?;
    Ok((held, problems))
}

/// A reading that holds each document and hands its positions to a second consumer as well.
struct ReaderAlso<'a, 'b, F> {
    reader: &'b Reader<'a>,
    also: &'b F,
}

impl<X: Send, F: Fn(&Positions, &Document) -> X + Sync> corpus::Consumer for ReaderAlso<'_, '_, F> {
    type Output = (HeldDoc, X);

    fn consume(&self, doc: &Document) -> (HeldDoc, X) {
        let p = self.reader.run.positions(doc);
        (self.reader.hold(&p), (self.also)(&p, doc))
    }
}

/// [`read`], also giving each document's positions to `also` (in the same reading, so the
/// positions are computed once): its results come in the order of [`Held::ids`].
pub fn read_also<X: Send, F: Fn(&Positions, &Document) -> X + Sync>(
    found: &GroupedFiles,
    bin_of_file: &[Option<u32>],
    lopts: &LoadOptions,
    opts: &Options,
    also: &F,
) -> Result<(Held, Vec<X>, Vec<Problem>)> {
    let reader = Reader::new(opts);
    let both = ReaderAlso {
        reader: &reader,
        also,
    };
    let mut held = Held::default();
    let mut extra = Vec::new();
    let (read, problems) = corpus::stream_binned(found, bin_of_file, lopts, &both);
    for d in read {
        let (doc, x) = d.output;
        held.ids.push(d.id);
        held.docs.push(doc);
        held.bins.push(d.bin);
        extra.push(x);
    }
    held.n_bins = held.bins.iter().max().map_or(1, |&b| b as usize + 1);
    Ok((finish(held, reader, opts)?, extra, problems))
}

/// Fills in the vocabularies, the stopword flags and the term counts.
fn finish(mut held: Held, reader: Reader, opts: &Options) -> Result<Held> {
    held.terms = reader.terms.into_list();
    held.forms = reader.forms.into_list();
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
    for d in &held.docs {
        for &t in &d.terms {
            held.term_count[t as usize] += 1;
        }
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
            Ok(reader.hold(&reader.run.positions_in(a, i, &doc)))
        })
        .collect::<Result<Vec<HeldDoc>>>()?;
    let held = Held {
        ids: a.docs.iter().map(|d| d.id.clone()).collect(),
        bins: vec![0; held_docs.len()],
        n_bins: 1,
        docs: held_docs,
        ..Default::default()
    };
    finish(held, reader, opts)
}
