//! Quoted-term analysis: pairing quotation marks into spans ([`pair`]), classifying each span
//! as scare, term, title or direct ([`classify`]) with lexicons from `data/lexicons/`
//! ([`lexicon`]).

pub mod classify;
pub mod lexicon;
pub mod pair;

pub use classify::{Evidence, Kind};
pub use lexicon::{Lexicons, PhraseSet};
pub use pair::{pair_quotes, Pair, Pairing, Unpaired};

use crate::text::Token;

/// One quotation in a document, with its classification.
#[derive(Debug, Clone)]
pub struct Span {
    /// Span number within the document, from 1, in order of opening marks.
    pub number: u32,
    /// Byte offset of the opening mark in the file as stored (BOM included).
    pub open: usize,
    /// Byte offset of the closing mark in the file as stored.
    pub close: usize,
    /// Token index of the opening mark.
    pub open_tok: u32,
    /// Token index of the closing mark.
    pub close_tok: u32,
    /// The two marks, e.g. `“”`.
    pub style: String,
    /// Sentence number of the opening mark.
    pub sentence: u32,
    /// The quoted text (between the marks, whitespace collapsed).
    pub text: String,
    /// Words before the opening mark.
    pub left: String,
    /// Words after the closing mark.
    pub right: String,
    /// The span's kind.
    pub kind: Kind,
    /// Probability of the chosen kind under the classifier's scores.
    pub confidence: f64,
    /// Why: the evidence the classifier weighed.
    pub evidence: Evidence,
    /// Folded content words inside the span (for per-term cue lists).
    pub content: Vec<String>,
}

/// Collapses runs of whitespace (line breaks included) to single spaces.
pub(crate) fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text of up to `n` tokens before token `i` (not crossing the paragraph).
pub(crate) fn left_context(text: &str, tokens: &[Token], i: usize, n: usize) -> String {
    let para = tokens[i].para;
    let mut j = i;
    let mut k = 0;
    while j > 0 && k < n && tokens[j - 1].para == para {
        j -= 1;
        if tokens[j].kind.is_countable() {
            k += 1;
        }
    }
    collapse_ws(&text[tokens[j].start as usize..tokens[i].start as usize])
}

/// Text of up to `n` tokens after token `i` (not crossing the paragraph).
pub(crate) fn right_context(text: &str, tokens: &[Token], i: usize, n: usize) -> String {
    let para = tokens[i].para;
    let mut j = i;
    let mut k = 0;
    while j + 1 < tokens.len() && k < n && tokens[j + 1].para == para {
        j += 1;
        if tokens[j].kind.is_countable() {
            k += 1;
        }
    }
    collapse_ws(&text[tokens[i].end as usize..tokens[j].end as usize])
}
