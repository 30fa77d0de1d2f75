//! Where each token of a document stands: its term, and the quotations around it (the innermost
//! one's kind, and whether any scare quote holds it). What concordances and dispersion plots
//! read, computed in one sweep over the spans (time linear in tokens plus spans).

use super::document::QuoteMark;
use crate::quotes::Kind;
use crate::text::{Token, TokenKind};
use std::collections::BTreeSet;
use std::sync::Arc;

/// What stands before a word since the previous one (bits; 0: nothing but spaces, quotation
/// marks or a hyphen or slash joining the two).
pub mod gap {
    /// Punctuation inside a sentence (a comma, a colon, a dash between spaces, a symbol).
    pub const PUNCT: u8 = 1;
    /// A sentence ends (with its final punctuation, if any).
    pub const SENTENCE: u8 = 2;
    /// A paragraph ends.
    pub const PARAGRAPH: u8 = 4;
    /// A quotation of two words or more opens or closes (set in [`super::Words`] only): a
    /// quoted phrase is a unit of its own, while a quoted word joins the words around it
    /// (`so-called “elections”`).
    pub const QUOTE: u8 = 8;
    /// Not a gap: the word itself starts with a capital letter as written here (set in
    /// [`super::Words`] only), so that an n-gram is shown as the corpus writes it.
    pub const CAPITAL: u8 = 16;
}

/// A token's place among the quotations of its document, in four bytes: the innermost
/// quotation holding it, and whether any scare quote does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quoting(u32);

impl Default for Quoting {
    fn default() -> Self {
        Quoting(Self::NONE)
    }
}

impl Quoting {
    const SCARE: u32 = 1 << 31;
    const NONE: u32 = Self::SCARE - 1;

    fn new(inner: Option<u32>, scare: bool) -> Self {
        let i = inner.map_or(Self::NONE, |k| k.min(Self::NONE - 1));
        Quoting(i | if scare { Self::SCARE } else { 0 })
    }

    /// The innermost quotation holding the token, if any (an index into the document's
    /// quotations).
    pub fn inner(self) -> Option<u32> {
        let i = self.0 & !Self::SCARE;
        (i != Self::NONE).then_some(i)
    }

    /// Some scare quote holds the token (at any depth).
    pub fn scare(self) -> bool {
        self.0 & Self::SCARE != 0
    }
}

/// The [`Quoting`] of each word of a document, kept as runs: most words stand in no quotation,
/// and the words of one quotation share theirs, so a document holds a few runs, not four
/// bytes a word.
#[derive(Debug, Clone, Default)]
pub struct QuotingRuns {
    /// The first word of each run, ascending.
    starts: Vec<u32>,
    /// Each run's quoting (the words before the first run stand in none).
    values: Vec<Quoting>,
}

impl QuotingRuns {
    /// Sets word `i`'s quoting, `i` past every word set before.
    pub fn push(&mut self, i: u32, q: Quoting) {
        if self.values.last().copied().unwrap_or_default() != q {
            self.starts.push(i);
            self.values.push(q);
        }
    }

    /// Word `i`'s quoting.
    pub fn at(&self, i: usize) -> Quoting {
        match self.starts.partition_point(|&s| s as usize <= i) {
            0 => Quoting::default(),
            k => self.values[k - 1],
        }
    }

    /// The quoting of words `0..n` in turn.
    pub fn each(&self, n: usize) -> impl Iterator<Item = Quoting> + '_ {
        let mut k = 0;
        (0..n).map(move |i| {
            while self.starts.get(k).is_some_and(|&s| s as usize <= i) {
                k += 1;
            }
            k.checked_sub(1)
                .map_or_else(Quoting::default, |k| self.values[k])
        })
    }

    /// The runs as (first word, quoting) pairs of raw numbers, for [`QuotingRuns::from_raw`]
    /// to make again (a document set aside in a file and read back).
    pub fn raw(&self) -> impl ExactSizeIterator<Item = (u32, u32)> + '_ {
        self.starts.iter().zip(&self.values).map(|(&s, q)| (s, q.0))
    }

    /// The runs [`QuotingRuns::raw`] gave.
    pub fn from_raw(runs: impl Iterator<Item = (u32, u32)>) -> Self {
        let (starts, values) = runs.map(|(s, q)| (s, Quoting(q))).unzip();
        QuotingRuns { starts, values }
    }

    /// Frees the spare capacity of a finished document's runs.
    pub fn shrink_to_fit(&mut self) {
        self.starts.shrink_to_fit();
        self.values.shrink_to_fit();
    }
}

/// One document's tokens with their terms and quotations.
#[derive(Debug, Clone)]
pub struct Positions {
    /// The document's id.
    pub id: String,
    /// Every quotation's place and kind, in order of opening marks.
    pub marks: Vec<QuoteMark>,
    /// Tokens of the document's text.
    pub tokens: Vec<Token>,
    /// Per token: its term (an index into [`Positions::term_keys`]), or [`Positions::NO_TERM`]
    /// for tokens that are not words or numbers.
    pub terms: Vec<u32>,
    /// The document's distinct term keys (stems, or folded forms with `--no-stem`).
    pub term_keys: Vec<Arc<str>>,
    /// Per token: its folded form (an index into [`Positions::form_keys`]), or
    /// [`Positions::NO_TERM`] for tokens that are not words or numbers.
    pub forms: Vec<u32>,
    /// The document's distinct folded forms (`elections`, `so-called`).
    pub form_keys: Vec<Arc<str>>,
    /// The worker of the run that made these positions (one of
    /// [`super::Analyser::worker_count`]).
    pub worker: u32,
    /// Per distinct form (as [`Positions::form_keys`]): its id in that worker, the same for
    /// every document the worker reads in the run, so that a consumer of a run's positions can
    /// keep what it learns of a form in a vector per worker instead of hashing its string.
    pub form_ids: Vec<u32>,
    /// Per token: the quotations around it.
    pub quoting: Vec<Quoting>,
    /// Per quotation: the innermost quotation holding it.
    pub parents: Vec<Option<u32>>,
    /// The language the document's most frequent words say it is in, when that is not the
    /// run's ([`super::DocResult::other_lang`]).
    pub other_lang: Option<crate::text::Lang>,
}

/// Titles written with a full stop before a name (`Mr. Guterres`), which ends no sentence.
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "messrs", "dr", "prof", "mme", "mmes", "mm", "hon", "rev", "amb", "gen",
    "sen", "rep", "gov", "pres", "sr", "jr", "st", "lt", "col", "capt", "adm",
];

impl Positions {
    /// The term of a token that is not a word or a number.
    pub const NO_TERM: u32 = u32::MAX;

    /// Token `i`'s term key, if it is a word or a number.
    pub fn term(&self, i: usize) -> Option<&str> {
        let t = self.terms[i];
        (t != Self::NO_TERM).then(|| &*self.term_keys[t as usize])
    }

    /// Token `i`'s folded form, if it is a word or a number.
    pub fn form(&self, i: usize) -> Option<&str> {
        let f = self.forms[i];
        (f != Self::NO_TERM).then(|| &*self.form_keys[f as usize])
    }

    /// Indices of the words and numbers, in order.
    pub fn words(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.tokens.len()).filter(|&i| self.tokens[i].kind.is_countable())
    }

    /// The words and numbers (token indices), each with the [`gap`] bits of what stands between
    /// it and the word before (0 for the first).
    pub fn word_gaps(&self) -> Vec<(u32, u8)> {
        word_gaps(&self.tokens)
    }

    /// The document's [`Words`], their form ids the indices into [`Positions::form_keys`].
    pub fn held_words(&self, text: &str) -> Words {
        let mut w = Words::new(text, &self.tokens, &self.forms, |s| s, &self.marks);
        w.other_lang = self.other_lang;
        w
    }

    /// Whether only the full stop of an abbreviation stands between words `w` and `t` (token
    /// indices) in mid-sentence (`reaffirm U.S. commitment`, `Mr. President`): one character
    /// touching a word that has stops inside it or is a title; or that stop and a hyphen or
    /// slash joining the next word (`the U.S.-Japan Alliance`).
    pub fn abbreviation_stop_between(&self, w: usize, t: usize, text: &str) -> bool {
        let between = t.saturating_sub(w + 1);
        if !(between == 1 || between == 2) || w + 1 >= self.tokens.len() {
            return false;
        }
        let dot = &self.tokens[w + 1];
        let hyphen = || {
            let h = &self.tokens[w + 2];
            h.start == dot.end
                && h.end == self.tokens[t].start
                && matches!(
                    text.get(h.start as usize..h.end as usize),
                    Some("-" | "‐" | "‑" | "/")
                )
        };
        (between == 1 || hyphen())
            && text.get(dot.start as usize..dot.end as usize) == Some(".")
            && dot.start == self.tokens[w].end
            && self
                .form(w)
                .is_some_and(|f| f.contains('.') || TITLES.contains(&f))
    }

    /// The innermost quotation holding every token from `first` to `last`.
    pub fn innermost_holding(&self, first: usize, last: usize) -> Option<&QuoteMark> {
        let spans = &self.marks;
        let mut s = self.quoting[first].inner();
        while let Some(k) = s {
            if last < spans[k as usize].close_tok as usize {
                return Some(&spans[k as usize]);
            }
            s = self.parents[k as usize];
        }
        None
    }
}

/// The words and numbers of `tokens` (token indices), each with the [`gap`] bits of what
/// stands between it and the word before (0 for the first).
fn word_gaps(tokens: &[Token]) -> Vec<(u32, u8)> {
    let mut out = Vec::with_capacity(tokens.len());
    let mut last_word: Option<usize> = None;
    let mut last_punct: Option<usize> = None;
    for (i, t) in tokens.iter().enumerate() {
        if !t.kind.is_countable() {
            if matches!(t.kind, TokenKind::Punct | TokenKind::Symbol) {
                last_punct = Some(i);
            }
            continue;
        }
        let mut g = 0u8;
        if let Some(w) = last_word {
            let prev = &tokens[w];
            // A sentence wrapped over the lines of a one-paragraph-per-line file runs on
            // across its paragraph breaks ([`crate::text::tokenize`]).
            if prev.para != t.para && prev.sentence != t.sentence {
                g |= gap::PARAGRAPH;
            } else if prev.sentence != t.sentence {
                g |= gap::SENTENCE;
            } else if let Some(k) = last_punct.filter(|&k| k > w) {
                // A hyphen or a slash touching both words joins them (`rules-based`).
                let q = &tokens[k];
                let joining = k == w + 1 && k + 1 == i && prev.end == q.start && q.end == t.start;
                if !joining {
                    g |= gap::PUNCT;
                }
            }
        }
        out.push((i as u32, g));
        last_word = Some(i);
    }
    out
}

/// A document's words as a corpus held as word ids keeps them ([`super::Analyser::words`]):
/// no token, text or string, only ids in the interner of the worker that read it.
#[derive(Debug, Clone, Default)]
pub struct Words {
    /// The worker that read the document, whose interner the form ids index.
    pub worker: u32,
    /// Per word or number: its folded form's id in the worker's interner.
    pub forms: Vec<u32>,
    /// Per word: what stands between it and the word before ([`gap`] bits).
    pub gaps: Vec<u8>,
    /// Per word: the quotations around it.
    pub quoting: QuotingRuns,
    /// Per quotation: the index of the first word after its closing mark, and the innermost
    /// quotation holding it.
    pub quotes: Vec<(u32, Option<u32>)>,
    /// The worker's forms from id `new_from` on (the ones the caller said it did not know),
    /// each with its term key.
    pub new_forms: Vec<(Arc<str>, Arc<str>)>,
    /// The id of the first of `new_forms`.
    pub new_from: u32,
    /// The language the document's most frequent words say it is in, when that is not the
    /// run's ([`super::DocResult::other_lang`]).
    pub other_lang: Option<crate::text::Lang>,
}

impl Words {
    /// The words of `tokens` whose slots among the document's forms are `token_slots` (form
    /// ids `slot_form`), with quotations `marks`.
    pub(super) fn new(
        text: &str,
        tokens: &[Token],
        token_slots: &[u32],
        slot_form: impl Fn(u32) -> u32,
        marks: &[QuoteMark],
    ) -> Words {
        let (quoting_of, parents) = quoting(tokens.len(), marks);
        let words = word_gaps(tokens);
        let mut w = Words {
            forms: Vec::with_capacity(words.len()),
            gaps: Vec::with_capacity(words.len()),
            ..Default::default()
        };
        // Per token: the words before it (to place the quotations' closing marks).
        let mut words_before = Vec::with_capacity(tokens.len() + 1);
        let mut next = words.iter().peekable();
        for (i, &slot) in token_slots.iter().enumerate().take(tokens.len()) {
            words_before.push(w.forms.len() as u32);
            if let Some(&(_, g)) = next.next_if(|x| x.0 as usize == i) {
                w.forms.push(slot_form(slot));
                let t = &tokens[i];
                let capital = text
                    .get(t.start as usize..t.end as usize)
                    .and_then(|s| s.chars().next())
                    .is_some_and(char::is_uppercase);
                w.gaps.push(g | if capital { gap::CAPITAL } else { 0 });
                w.quoting.push(w.gaps.len() as u32 - 1, quoting_of[i]);
            }
        }
        words_before.push(w.forms.len() as u32);
        w.quoting.shrink_to_fit();
        let at = |t: u32| words_before[(t as usize).min(tokens.len())];
        w.quotes = marks
            .iter()
            .zip(parents)
            .map(|(m, parent)| (at(m.close_tok), parent))
            .collect();
        // The marks of a quotation of two words or more stand between its words and those
        // around it.
        for m in marks {
            let (open, close) = (at(m.open_tok) as usize, at(m.close_tok) as usize);
            if close >= open + 2 {
                for k in [open, close] {
                    if let Some(g) = w.gaps.get_mut(k).filter(|_| k > 0) {
                        *g |= gap::QUOTE;
                    }
                }
            }
        }
        w
    }
}

/// Per token, the quotations around it (a token lies inside a span when it is strictly between
/// its marks; the innermost span is the one opened last), and per span the innermost span
/// holding it.
pub fn quoting(n_tokens: usize, spans: &[QuoteMark]) -> (Vec<Quoting>, Vec<Option<u32>>) {
    // Opening and closing events by token index; active spans keyed by their opening token.
    let mut starts: Vec<(usize, usize)> = spans
        .iter()
        .enumerate()
        .filter(|(_, s)| s.open_tok + 1 < s.close_tok)
        .map(|(k, s)| (s.open_tok as usize + 1, k))
        .collect();
    starts.sort_unstable();
    let mut ends: Vec<(usize, usize)> = spans
        .iter()
        .enumerate()
        .filter(|(_, s)| s.open_tok + 1 < s.close_tok)
        .map(|(k, s)| (s.close_tok as usize, k))
        .collect();
    ends.sort_unstable();
    let mut out = vec![Quoting::default(); n_tokens];
    let mut parents = vec![None; spans.len()];
    let mut active: BTreeSet<(u32, usize)> = BTreeSet::new();
    let mut scare = 0usize;
    let (mut si, mut ei) = (0, 0);
    for (i, q) in out.iter_mut().enumerate() {
        while ei < ends.len() && ends[ei].0 <= i {
            let s = &spans[ends[ei].1];
            if active.remove(&(s.open_tok, ends[ei].1)) && s.kind == Kind::Scare {
                scare -= 1;
            }
            ei += 1;
        }
        while si < starts.len() && starts[si].0 <= i {
            let k = starts[si].1;
            let s = &spans[k];
            if i < s.close_tok as usize {
                parents[k] = active.last().map(|&(_, p)| p as u32);
                active.insert((s.open_tok, k));
                scare += (s.kind == Kind::Scare) as usize;
            }
            si += 1;
        }
        *q = Quoting::new(active.last().map(|&(_, k)| k as u32), scare > 0);
    }
    (out, parents)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_runs_give_each_word_its_quoting() {
        // Words outside quotations, two nested quotations, a scare quote, and a quotation
        // from the first word to the last.
        let q = |inner: Option<u32>, scare: bool| Quoting::new(inner, scare);
        let none = Quoting::default();
        let cases: Vec<Vec<Quoting>> = vec![
            vec![],
            vec![none, none, none],
            vec![q(Some(0), false); 4],
            vec![
                none,
                q(Some(0), false),
                q(Some(1), true),
                q(Some(1), true),
                q(Some(0), false),
                none,
                q(Some(2), false),
                q(Some(3), false),
            ],
        ];
        for words in cases {
            let mut runs = QuotingRuns::default();
            for (i, &w) in words.iter().enumerate() {
                runs.push(i as u32, w);
            }
            let at: Vec<Quoting> = (0..words.len()).map(|i| runs.at(i)).collect();
            assert_eq!(at, words);
            assert_eq!(runs.each(words.len()).collect::<Vec<_>>(), words);
            // A run starts where the quoting changes, no more often.
            let changes = words
                .iter()
                .scan(none, |last, &w| Some(std::mem::replace(last, w) != w))
                .filter(|&c| c)
                .count();
            assert_eq!(runs.starts.len(), changes);
        }
    }

    fn span(open: u32, close: u32, kind: Kind) -> QuoteMark {
        QuoteMark {
            open_tok: open,
            close_tok: close,
            kind,
        }
    }

    /// What the sweep gives, computed the plain way: every span looked at for every token.
    fn plain(n: usize, spans: &[QuoteMark]) -> Vec<Quoting> {
        (0..n)
            .map(|i| {
                let inside = |s: &&QuoteMark| (s.open_tok as usize) < i && i < s.close_tok as usize;
                Quoting::new(
                    spans
                        .iter()
                        .enumerate()
                        .filter(|(_, s)| inside(s))
                        .max_by_key(|(_, s)| s.open_tok)
                        .map(|(k, _)| k as u32),
                    spans.iter().filter(inside).any(|s| s.kind == Kind::Scare),
                )
            })
            .collect()
    }

    #[test]
    fn the_sweep_agrees_with_the_plain_scan() {
        let cases = vec![
            vec![],
            vec![span(1, 3, Kind::Scare)],
            vec![
                span(0, 10, Kind::Direct),
                span(2, 4, Kind::Scare),
                span(6, 9, Kind::Term),
            ],
            vec![span(0, 1, Kind::Scare), span(1, 5, Kind::Title)],
            vec![
                span(0, 8, Kind::Scare),
                span(1, 7, Kind::Scare),
                span(2, 3, Kind::Direct),
            ],
            // Crossing spans do not come from the pairer, but the answer stays the plain one.
            vec![span(0, 5, Kind::Term), span(3, 9, Kind::Scare)],
        ];
        for spans in cases {
            assert_eq!(quoting(12, &spans).0, plain(12, &spans), "{spans:?}");
        }
    }
}
