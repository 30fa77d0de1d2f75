//! The held documents ([`HeldDocs`]): each document's words set aside in a temporary file as it
//! is read ([`Spill`]) and read back one document at a time by each pass of the phrase
//! counters, so that the corpus held as word ids does not grow a run's memory with the corpus.

use super::held::{FormIds, HeldDoc, HeldQuote};
use crate::analysis::spill::{put_u32, Failures, Spill, Spilled, Unput};
use crate::analysis::QuotingRuns;
use crate::error::Result;
use rayon::prelude::*;
use std::borrow::Cow;
use std::sync::Arc;

/// One held document: in memory (no temporary file could be made, or it was full), or set
/// aside with what is asked of it without its words.
#[derive(Debug, Clone)]
pub enum Slot {
    /// The document in memory.
    Here(HeldDoc),
    /// The document in the temporary file.
    Aside {
        /// Where.
        at: Spilled,
        /// Its words.
        words: u32,
        /// Its language, when not the run's.
        other_lang: Option<crate::text::Lang>,
    },
}

impl Default for Slot {
    fn default() -> Self {
        Slot::Here(HeldDoc::default())
    }
}

impl Slot {
    /// `d` set aside in `spill`, or kept in memory when there is none or it could not take it.
    pub fn of(d: HeldDoc, spill: Option<&Spill>) -> Slot {
        let Some(spill) = spill else {
            return Slot::Here(d);
        };
        match spill.put(&encode(&d)) {
            Some(at) => Slot::Aside {
                at,
                words: d.len() as u32,
                other_lang: d.other_lang,
            },
            None => Slot::Here(d),
        }
    }
}

/// The documents of a held corpus, in order, each read back from the temporary file when a
/// pass asks for it. A document that cannot be read back (the file is gone) is given empty and
/// the failure kept, for [`HeldDocs::check`] to return once the pass is over.
#[derive(Debug, Clone, Default)]
pub struct HeldDocs {
    slots: Vec<Slot>,
    spill: Option<Arc<Spill>>,
    failed: Failures,
}

impl HeldDocs {
    /// The documents `slots` hold, those set aside in `spill`.
    pub fn new(slots: Vec<Slot>, spill: Option<Arc<Spill>>) -> Self {
        HeldDocs {
            slots,
            spill,
            failed: Failures::default(),
        }
    }

    /// Documents.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// Document `i`'s words, without reading it back.
    pub fn words(&self, i: usize) -> usize {
        match &self.slots[i] {
            Slot::Here(d) => d.len(),
            Slot::Aside { words, .. } => *words as usize,
        }
    }

    /// Document `i`'s language, when not the run's, without reading it back.
    pub fn other_lang(&self, i: usize) -> Option<crate::text::Lang> {
        match &self.slots[i] {
            Slot::Here(d) => d.other_lang,
            Slot::Aside { other_lang, .. } => *other_lang,
        }
    }

    /// Document `i` (read back when set aside).
    pub fn get(&self, i: usize) -> Cow<'_, HeldDoc> {
        match &self.slots[i] {
            Slot::Here(d) => Cow::Borrowed(d),
            Slot::Aside { at, other_lang, .. } => {
                let read = self.failed.read(self.spill.as_deref(), *at);
                let d = read.and_then(|b| {
                    let d = decode(&b);
                    if d.is_none() {
                        self.failed.note("a document's words were cut short".into());
                    }
                    d
                });
                Cow::Owned(HeldDoc {
                    other_lang: *other_lang,
                    ..d.unwrap_or_default()
                })
            }
        }
    }

    /// The documents in order.
    pub fn iter(&self) -> impl Iterator<Item = Cow<'_, HeldDoc>> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    /// The documents, in parallel.
    pub fn par_iter(&self) -> impl IndexedParallelIterator<Item = Cow<'_, HeldDoc>> + '_ {
        (0..self.len()).into_par_iter().map(|i| self.get(i))
    }

    /// An error when some document could not be read back since the documents were held.
    pub fn check(&self) -> Result<()> {
        self.failed.check("words")
    }
}

/// A document's words as bytes: the word count, whether form ids take four bytes (a byte), the
/// ids (two or four bytes each), the gaps (a byte each), the quoting runs and the quotations;
/// counts, positions and ids in four bytes, little-endian.
fn encode(d: &HeldDoc) -> Vec<u8> {
    let n = d.len();
    let mut b = Vec::with_capacity(n * 3 + 16);
    let u = put_u32;
    u(&mut b, n as u32);
    match &d.forms {
        FormIds::Narrow(v) => {
            b.push(0);
            v.iter().for_each(|f| b.extend_from_slice(&f.to_le_bytes()));
        }
        FormIds::Wide(v) => {
            b.push(1);
            v.iter().for_each(|&f| u(&mut b, f));
        }
    }
    b.extend_from_slice(&d.gaps);
    let runs = d.quoting.raw();
    u(&mut b, runs.len() as u32);
    for (s, q) in runs {
        u(&mut b, s);
        u(&mut b, q);
    }
    u(&mut b, d.quotes.len() as u32);
    for q in &d.quotes {
        u(&mut b, q.close);
        u(&mut b, q.parent.unwrap_or(u32::MAX));
    }
    b
}

/// The document [`encode`] wrote (its language left unset); `None` when `b` is cut short.
fn decode(b: &[u8]) -> Option<HeldDoc> {
    let mut r = Unput::new(b);
    let four = |s: &[u8]| u32::from_le_bytes([s[0], s[1], s[2], s[3]]);
    let n = r.u32()? as usize;
    let forms = match r.u8()? {
        0 => FormIds::Narrow(
            r.bytes(n * 2)?
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .collect(),
        ),
        _ => FormIds::Wide(r.bytes(n * 4)?.chunks_exact(4).map(four).collect()),
    };
    let gaps = r.bytes(n)?.to_vec();
    let runs = r.u32()? as usize;
    let quoting = r.bytes(runs * 8)?.chunks_exact(8);
    let quoting = QuotingRuns::from_raw(quoting.map(|c| (four(&c[..4]), four(&c[4..]))));
    let quotes = r.u32()? as usize;
    let quotes = r
        .bytes(quotes * 8)?
        .chunks_exact(8)
        .map(|c| HeldQuote {
            close: four(&c[..4]),
            parent: Some(four(&c[4..])).filter(|&p| p != u32::MAX),
        })
        .collect();
    Some(HeldDoc {
        forms,
        gaps,
        quoting,
        quotes,
        other_lang: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Options;
    use crate::corpus::LoadOptions;
    use crate::text::Lang;

    #[test]
    fn documents_set_aside_read_back_as_held_and_a_lost_file_is_an_error() {
        let texts = [
            "The so-called \"elections\" were held; \"peace\" said \"the 'free' press\" today.",
            "",
            "No quotation here.\n\nA new paragraph.",
        ];
        let docs = crate::corpus::Document::each_of(&texts);
        let opts = Options::new(Lang::english());
        let run = crate::analysis::Analyser::holding(&opts);
        let counted: Vec<_> = docs.iter().map(|d| run.document(d)).collect();
        let a = run.finish(counted);
        let held = super::super::read_analysed(&a, &LoadOptions::default(), &opts).unwrap();
        let spill = Spill::new().unwrap();
        let mut slots = Vec::new();
        for d in held.docs.iter() {
            let d = d.into_owned();
            assert_eq!(decode(&encode(&d)).map(|e| encode(&e)), Some(encode(&d)));
            slots.push(Slot::of(d, Some(&spill)));
        }
        // Wide ids too.
        let mut wide = held.docs.get(0).into_owned();
        wide.forms = FormIds::Wide(wide.forms.iter().map(|f| f + 70_000).collect());
        assert!(matches!(wide.forms, FormIds::Wide(_)));
        slots.push(Slot::of(wide.clone(), Some(&spill)));
        assert!(slots.iter().all(|s| matches!(s, Slot::Aside { .. })));
        let aside = HeldDocs::new(slots, Some(Arc::new(spill)));
        assert_eq!(aside.len(), 4);
        for i in 0..3 {
            let (a, h) = (aside.get(i), held.docs.get(i));
            assert_eq!(aside.words(i), h.len());
            assert_eq!(
                a.forms.iter().collect::<Vec<_>>(),
                h.forms.iter().collect::<Vec<_>>()
            );
            assert_eq!(a.gaps, h.gaps);
            assert_eq!(a.quotes.len(), h.quotes.len());
            let q = |d: &HeldDoc| (0..d.len()).map(|k| d.quoted(k, k)).collect::<Vec<_>>();
            assert_eq!(q(&a), q(&h));
        }
        // "elections", "peace", "the 'free' press" and 'free' inside it.
        let first = aside.get(0);
        assert_eq!(first.quotes.len(), 4);
        assert!(
            first.quotes.iter().any(|q| q.parent.is_some()),
            "the nested one"
        );
        assert_eq!(aside.get(3).forms.get(0), wide.forms.get(0));
        aside.check().unwrap();
        // The temporary file gone: the document comes back empty, and the failure is said.
        let lost = HeldDocs::new(
            vec![Slot::Aside {
                at: Spilled::default(),
                words: 3,
                other_lang: None,
            }],
            None,
        );
        assert!(lost.get(0).is_empty());
        let e = lost.check().unwrap_err().to_string();
        assert!(e.contains("temporary file") && e.contains("TMPDIR"), "{e}");
    }
}
