//! Multiword terms: the tokens of each phrase of `--phrases` that stand together (words of one
//! sentence, nothing but spaces between them) become one token spanning them, so every later
//! step (counting, quotations, concordances) sees the phrase as one term.

use super::interner::Worker;
use crate::text::{Phrases, Token, TokenKind};

/// Joins the tokens of every phrase occurrence, in place; at each token the longest phrase that
/// matches wins, and matching goes on after it.
pub(super) fn compound(w: &mut Worker, text: &str, tokens: &mut Vec<Token>, phrases: &Phrases) {
    let mut out = 0;
    let mut i = 0;
    while i < tokens.len() {
        let words = match_at(w, text, tokens, i, phrases);
        let mut t = tokens[i];
        if words > 1 {
            t.end = tokens[i + words - 1].end;
            t.kind = TokenKind::Word;
        }
        tokens[out] = t;
        out += 1;
        i += words.max(1);
    }
    tokens.truncate(out);
}

/// The number of tokens of the longest phrase starting at token `i` (0 if none does).
fn match_at(w: &mut Worker, text: &str, tokens: &[Token], i: usize, phrases: &Phrases) -> usize {
    let first = tokens[i];
    if !first.kind.is_countable() {
        return 0;
    }
    let id = form_id(w, text, &first) as usize;
    if w.phrase_starts.len() <= id {
        w.phrase_starts.resize(id + 1, None);
    }
    if w.phrase_starts[id].is_none() {
        let (form, stem) = &w.interner.forms[id];
        w.phrase_starts[id] = Some(phrases.starting(form, stem).into_boxed_slice());
    }
    let starts = w.phrase_starts[id].take().unwrap_or_default();
    let words = longest(w, text, tokens, i, phrases, &starts);
    w.phrase_starts[id] = Some(starts);
    words
}

/// The number of tokens of the first of `starts` (phrases whose first word is token `i`) whose
/// other words follow token `i` (0 if none).
fn longest(
    w: &mut Worker,
    text: &str,
    tokens: &[Token],
    i: usize,
    phrases: &Phrases,
    starts: &[u32],
) -> usize {
    let first = tokens[i];
    'phrase: for &p in starts {
        let p = p as usize;
        let n = phrases.words(p);
        if i + n > tokens.len() {
            continue;
        }
        for k in 1..n {
            let (prev, t) = (tokens[i + k - 1], tokens[i + k]);
            let apart = &text[prev.end as usize..t.start as usize];
            if !t.kind.is_countable()
                || t.sentence != first.sentence
                || !apart.chars().all(char::is_whitespace)
            {
                continue 'phrase;
            }
            let id = form_id(w, text, &t) as usize;
            let (form, stem) = &w.interner.forms[id];
            if !phrases.word_matches(p, k, form, stem) {
                continue 'phrase;
            }
        }
        return n;
    }
    0
}

fn form_id(w: &mut Worker, text: &str, t: &Token) -> u32 {
    w.interner.id(text, t.start as usize, t.end as usize)
}
