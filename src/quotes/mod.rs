//! Quoted-term analysis: pairing quotation marks into spans ([`pair`]), classifying each span
//! as scare, term, title or direct from the evidence [`classify`] gathers, weighed by the
//! fitted [`model`] of the language (or by hand-set scores where there is none), with lexicons
//! from `data/lexicons/` ([`lexicon`]).

pub mod classify;
pub mod lexicon;
pub mod model;
pub mod pair;
mod words;

pub use classify::{Evidence, Facts, Kind};
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
    /// For a PDF, the page of the opening mark.
    pub page: Option<u32>,
    /// Token index of the opening mark.
    pub open_tok: u32,
    /// Token index of the closing mark.
    pub close_tok: u32,
    /// The two marks, opening and closing (`“` and `”`); [`Span::style`] gives them as text.
    pub marks: [char; 2],
    /// Sentence number of the opening mark.
    pub sentence: u32,
    /// The quoted text (between the marks, whitespace collapsed, cut at
    /// [`MAX_SPAN_CHARS`]).
    pub text: Box<str>,
    /// Words before the opening mark.
    pub left: Box<str>,
    /// Words after the closing mark.
    pub right: Box<str>,
    /// The span's kind.
    pub kind: Kind,
    /// Probability of the chosen kind (calibrated, under the fitted model).
    pub confidence: f64,
    /// Probability of each kind, in [`Kind::ALL`] order.
    pub probabilities: [f32; 4],
    /// The span's non-zero model features ([`model::explain`]); empty without a model.
    pub features: Box<str>,
    /// Why: the evidence the classifier weighed.
    pub evidence: Evidence,
    /// Folded content words inside a span with a distancing cue (for per-term cue lists).
    pub content: Box<[String]>,
}

impl Span {
    /// The likeliest kind, which the call differs from when `--min-confidence` turned a scare
    /// call down.
    pub fn likeliest(&self) -> Kind {
        let p = &self.probabilities;
        let k = (0..4).max_by(|a, b| p[*a].total_cmp(&p[*b])).unwrap_or(0);
        Kind::ALL[k]
    }

    /// Likeliest scare, but called another kind: below the `--min-confidence` threshold.
    pub fn below_threshold(&self) -> bool {
        self.kind != Kind::Scare && self.likeliest() == Kind::Scare
    }

    /// The two marks as text (`“”`), as the `quotes` table's `style` column gives them.
    pub fn style(&self) -> String {
        self.marks.iter().collect()
    }
}

/// Longest quotation text a span keeps, in characters; a longer one is cut and ends with `…`
/// (its marks' offsets still give the whole of it in the file).
pub const MAX_SPAN_CHARS: usize = 1000;

/// Most bytes of text a context looks at on each side of a quotation or a concordance hit:
/// what it shows stays short whatever stands around (thousands of quotation marks, one
/// enormous word), and the work per span stays bounded.
pub const MAX_CONTEXT_BYTES: usize = 400;

/// What a quotation keeps (characters of text, bytes of each context) once its document's
/// quotations have together repeated twice the document's text: quotations nested thousands
/// deep would otherwise each repeat all that follows them.
pub const SHORT_SPAN_CHARS: usize = 80;
/// See [`SHORT_SPAN_CHARS`].
pub const SHORT_CONTEXT_BYTES: usize = 0;

/// Collapses runs of whitespace (line breaks included) to single spaces, trimmed at both ends.
/// No-break spaces (U+00A0, U+2007, U+202F: `10 000` in French) are kept as written: they
/// belong to what they join.
pub fn collapse_ws(s: &str) -> String {
    let breaking =
        |c: char| c.is_whitespace() && !matches!(c, '\u{00A0}' | '\u{2007}' | '\u{202F}');
    let mut out = String::with_capacity(s.len());
    for piece in s.split(breaking).filter(|p| !p.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(piece);
    }
    out
}

/// A quotation in its words around, as a reader would write it: a space between the words
/// and the marks, but none before punctuation after the closing mark (`“brown plague”.`) or
/// after an opening bracket before the opening one.
pub fn in_context(left: &str, marks: [char; 2], text: &str, right: &str) -> String {
    let [o, c] = marks;
    let before = if left.is_empty() || left.ends_with(['(', '[']) {
        ""
    } else {
        " "
    };
    let after = if right.is_empty() || right.starts_with([',', '.', ';', ':', '!', '?', ')', ']']) {
        ""
    } else {
        " "
    };
    format!("{left}{before}{o}{text}{c}{after}{right}")
}

/// The first `max` bytes of `s` (fewer, to end on a character boundary).
pub fn head(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// The last `max` bytes of `s` (fewer, to start on a character boundary).
pub fn tail(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut start = s.len() - max;
    while !s.is_char_boundary(start) {
        start += 1;
    }
    &s[start..]
}

/// A quotation's text, whitespace collapsed, at most `max_chars` characters: only a bounded
/// prefix of `s` is read.
pub(crate) fn span_text(s: &str, max_chars: usize) -> String {
    // Four bytes per character at most, and room for the whitespace that collapses.
    let prefix = head(s, max_chars * 8);
    let collapsed = collapse_ws(prefix);
    let cut = collapsed.char_indices().nth(max_chars).map(|(i, _)| i);
    match cut {
        Some(i) => format!("{}…", &collapsed[..i]),
        None if prefix.len() < s.len() => format!("{collapsed}…"),
        None => collapsed,
    }
}

/// Tokens a context of `n` words passes at most (marks and punctuation included).
fn context_tokens(n: usize) -> usize {
    4 * n + 8
}

/// Text of up to `n` words before token `i` (not crossing the paragraph), at most `max` bytes
/// of it.
pub(crate) fn left_context(text: &str, tokens: &[Token], i: usize, n: usize, max: usize) -> String {
    let (para, end) = (tokens[i].para, tokens[i].start as usize);
    let mut j = i;
    let mut k = 0;
    while j > 0
        && k < n
        && i - j < context_tokens(n)
        && tokens[j - 1].para == para
        && end - tokens[j - 1].start as usize <= max
    {
        j -= 1;
        if tokens[j].kind.is_countable() {
            k += 1;
        }
    }
    collapse_ws(tail(&text[tokens[j].start as usize..end], max))
}

/// Text of up to `n` words after token `i` (not crossing the paragraph), at most `max` bytes
/// of it.
pub(crate) fn right_context(
    text: &str,
    tokens: &[Token],
    i: usize,
    n: usize,
    max: usize,
) -> String {
    let (para, start) = (tokens[i].para, tokens[i].end as usize);
    let mut j = i;
    let mut k = 0;
    while j + 1 < tokens.len()
        && k < n
        && j - i < context_tokens(n)
        && tokens[j + 1].para == para
        && (tokens[j + 1].end as usize).saturating_sub(start) <= max
    {
        j += 1;
        if tokens[j].kind.is_countable() {
            k += 1;
        }
    }
    let end = (tokens[j].end as usize).max(start);
    collapse_ws(head(&text[start..end], max))
}

#[cfg(test)]
mod tests {
    use super::collapse_ws;

    #[test]
    fn whitespace_collapses_but_no_break_spaces_stay() {
        assert_eq!(collapse_ws("  a \n\t b  "), "a b");
        assert_eq!(
            collapse_ws("10\u{202F}000 et 5\u{00A0}%"),
            "10\u{202F}000 et 5\u{00A0}%"
        );
        assert_eq!(collapse_ws("\n\n"), "");
    }
}
