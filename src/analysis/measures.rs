//! A document's lexical diversity and readability counts, from its words in order (each one's
//! slot among the document's distinct forms) as the analysis has them.

use super::interner::Worker;
use super::{DocMeasures, FormCount};
use crate::stats::diversity::{mattr, mtld, syllables};
use crate::text::{Token, TokenKind};

/// The measures of a document whose tokens have the slots `token_slots` (`no_slot` for tokens
/// that are not words) among its distinct `forms`, MATTR over windows of `window` words.
pub(super) fn of_document(
    w: &mut Worker,
    tokens: &[Token],
    token_slots: &[u32],
    forms: &[FormCount],
    no_slot: u32,
    window: usize,
) -> DocMeasures {
    let mut seq = Vec::with_capacity(token_slots.len());
    // Sentences with a word: the number of a UN verbatim record's paragraph (`71.⇥It is`) or
    // of a list item, which ends a sentence of its own with its full stop, is none.
    let mut sentences = 0u32;
    let mut last_sentence = None;
    for (t, &slot) in tokens.iter().zip(token_slots) {
        if slot == no_slot {
            continue;
        }
        seq.push(slot);
        if t.kind == TokenKind::Word && last_sentence != Some(t.sentence) {
            sentences += 1;
            last_sentence = Some(t.sentence);
        }
    }
    // Each form's syllables are counted once per worker (`syllables_of`, by form id).
    let (known, int) = (&mut w.syllables_of, &w.interner);
    known.resize(int.forms.len(), u32::MAX);
    let syllables = forms
        .iter()
        .map(|f| {
            let n = &mut known[f.form as usize];
            if *n == u32::MAX {
                *n = syllables(&int.forms[f.form as usize].0);
            }
            *n as u64 * f.total as u64
        })
        .sum();
    DocMeasures {
        forms: forms.len() as u32,
        mattr: mattr(&seq, forms.len(), window),
        mtld: mtld(&seq, forms.len()),
        sentences,
        syllables,
    }
}
