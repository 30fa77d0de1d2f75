//! Classifying quote spans as scare, term, title or direct from evidence a reader can check:
//! length, distancing cues, reporting verbs, punctuation, capitals, naming words, condemning
//! words nearby, and whether the quoted words are also used without marks in the document.

use super::lexicon::{Lexicons, PhraseSet};
use crate::text::{fold, Token, TokenKind};

/// What a quotation does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// The writer holds the term at a distance: irony, disbelief, non-acceptance.
    Scare,
    /// A word or phrase mentioned or highlighted neutrally.
    Term,
    /// The name of a document, programme, initiative, operation or organisation.
    Title,
    /// Someone's words, quoted.
    Direct,
}

impl Kind {
    /// All kinds, in table order.
    pub const ALL: [Kind; 4] = [Kind::Scare, Kind::Term, Kind::Title, Kind::Direct];

    /// The kind's name in tables and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Scare => "scare",
            Kind::Term => "term",
            Kind::Title => "title",
            Kind::Direct => "direct",
        }
    }

    /// Parses a kind name.
    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == s)
    }
}

/// The evidence behind a span's kind; every field is a column of the `quotes` frame.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Evidence {
    /// Words (and numbers) inside the marks.
    pub words: u32,
    /// Distancing cue just before the opening mark (`so-called`).
    pub cue: Option<Box<str>>,
    /// Reporting verb or phrase near the span (`said`, `according to`).
    pub reporting: Option<Box<str>>,
    /// A colon right before the opening mark.
    pub colon: bool,
    /// Sentence punctuation inside the marks.
    pub sentence_punct: bool,
    /// Most words capitalised (a name or title).
    pub title_case: bool,
    /// A naming word just before or after (`entitled`, `initiative`).
    pub naming: Option<Box<str>>,
    /// The quoted words also occur without quotation marks in the document.
    pub contrast: bool,
    /// Condemning or denying words in the same sentence.
    pub condemning: u32,
    /// The span sits inside another span.
    pub nested: bool,
}

/// Folded words of tokens `range` (countable tokens only), for phrase matching.
fn words_before(text: &str, tokens: &[Token], end: usize, max: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut join = false;
    let mut i = end;
    while i > 0 {
        i -= 1;
        let t = &tokens[i];
        match t.kind {
            TokenKind::Word | TokenKind::Number => {
                let w = fold(t.text(text));
                if join {
                    // A hyphen between two words joins them (`so-called` split into tokens).
                    if let Some(last) = out.last_mut() {
                        *last = format!("{w}-{last}");
                    }
                } else if out.len() >= max {
                    break;
                } else {
                    out.push(w);
                }
                join = false;
            }
            TokenKind::Punct
                if t.text(text) == "-"
                    && !out.is_empty()
                    && i > 0
                    && tokens[i - 1].end == t.start
                    && tokens.get(i + 1).is_some_and(|n| n.start == t.end) =>
            {
                join = true
            }
            _ => break,
        }
    }
    out.reverse();
    out
}

/// Up to `max` folded words from token `start` on (a leading comma is skipped).
pub(crate) fn words_after(text: &str, tokens: &[Token], start: usize, max: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut i = start;
    while i < tokens.len() && out.len() < max {
        let t = &tokens[i];
        match t.kind {
            TokenKind::Word | TokenKind::Number => out.push(fold(t.text(text))),
            TokenKind::Punct if t.text(text) == "," && out.is_empty() => {}
            _ => break,
        }
        i += 1;
    }
    out
}

/// The longest phrase of `set` that ends the word run `words`.
fn suffix_match(set: &PhraseSet, words: &[String]) -> Option<String> {
    (1..=set.max_words.min(words.len()))
        .rev()
        .map(|k| words[words.len() - k..].join(" "))
        .find(|p| set.contains(p))
}

/// The longest phrase of `set` that starts the word run `words`.
pub(crate) fn prefix_match(set: &PhraseSet, words: &[String]) -> Option<String> {
    (1..=set.max_words.min(words.len()))
        .rev()
        .map(|k| words[..k].join(" "))
        .find(|p| set.contains(p))
}

/// Any phrase of `set` found in `words`.
fn find_any(set: &PhraseSet, words: &[String]) -> Option<String> {
    (0..words.len()).find_map(|i| prefix_match(set, &words[i..]))
}

/// Where a span sits: token indices of its marks, and whether it is nested in another span.
#[derive(Debug, Clone, Copy)]
pub struct SpanAt {
    /// Token index of the opening mark.
    pub open: usize,
    /// Token index of the closing mark.
    pub close: usize,
    /// Inside another span.
    pub nested: bool,
}

/// What a document's tokens hold, counted once so that each span's evidence costs the same
/// whatever the span's length (spans nest: counting inside each would be quadratic in a run
/// of quotation marks): running counts of words, sentence punctuation, content words (over
/// three letters or capitalised, not stopwords) and capitalised or numeric content words, and
/// from each token the next word. Only over the tokens from the first opening mark to the last
/// closing one: the rest of a document is never asked about.
#[derive(Debug, Default)]
pub struct Facts {
    /// The first token counted.
    base: usize,
    words: Vec<u32>,
    punct: Vec<u32>,
    content: Vec<u32>,
    caps: Vec<u32>,
    next_word: Vec<u32>,
    stop: Vec<bool>,
}

impl Facts {
    /// Counts over tokens `range` (from a first opening mark to just past a last closing one)
    /// of `tokens` of `text`; `stopword(i)` tells whether word token `i` is a stopword.
    pub fn new(
        text: &str,
        tokens: &[Token],
        range: std::ops::Range<usize>,
        stopword: impl Fn(usize) -> bool,
    ) -> Facts {
        let (base, end) = (range.start, range.end.min(tokens.len()));
        let n = end.saturating_sub(base);
        let mut f = Facts {
            base,
            words: Vec::with_capacity(n + 1),
            punct: Vec::with_capacity(n + 1),
            content: Vec::with_capacity(n + 1),
            caps: Vec::with_capacity(n + 1),
            next_word: vec![end as u32; n + 1],
            stop: vec![false; n],
        };
        let (mut w, mut p, mut c, mut k) = (0u32, 0u32, 0u32, 0u32);
        for (j, t) in tokens[base..end].iter().enumerate() {
            f.words.push(w);
            f.punct.push(p);
            f.content.push(c);
            f.caps.push(k);
            if t.kind.is_countable() {
                w += 1;
                let s = t.text(text);
                let first = s.chars().next();
                f.stop[j] = stopword(base + j);
                let content = (s.chars().nth(3).is_some() || first.is_some_and(char::is_uppercase))
                    && !f.stop[j];
                if content {
                    c += 1;
                    k += first.is_some_and(|c| c.is_uppercase() || c.is_numeric()) as u32;
                }
            } else if t.kind == TokenKind::Punct
                && matches!(t.text(text), "." | "!" | "?" | ";" | "…")
            {
                p += 1;
            }
        }
        f.words.push(w);
        f.punct.push(p);
        f.content.push(c);
        f.caps.push(k);
        for j in (0..n).rev() {
            f.next_word[j] = if tokens[base + j].kind.is_countable() {
                (base + j) as u32
            } else {
                f.next_word[j + 1]
            };
        }
        f
    }

    /// How many of `counts` lie strictly between tokens `open` and `close`.
    fn between(&self, counts: &[u32], open: usize, close: usize) -> u32 {
        counts[close - self.base] - counts[open + 1 - self.base]
    }

    /// The first word token from token `i` on (past the counted tokens: their end).
    fn next_word(&self, i: usize) -> usize {
        self.next_word[i - self.base] as usize
    }

    /// Whether word token `i` is a stopword.
    fn is_stop(&self, i: usize) -> bool {
        self.stop[i - self.base]
    }
}

/// Gathers the evidence for a span. `unquoted(i)` tells whether token `i`'s term occurs
/// outside quotation marks in the document; `stopword` tells folded words.
pub fn gather(
    text: &str,
    tokens: &[Token],
    facts: &Facts,
    at: SpanAt,
    lex: &Lexicons,
    stopword: impl Fn(&str) -> bool,
    unquoted: impl Fn(usize) -> bool,
) -> Evidence {
    let SpanAt {
        open,
        close,
        nested,
    } = at;
    let n = facts.between(&facts.words, open, close);
    let mut ev = Evidence {
        words: n,
        nested,
        ..Default::default()
    };
    let before = words_before(text, tokens, open, 6);
    ev.cue = suffix_match(&lex.cues, &before).map(|c| lex.cues.canonical(&c).into());
    if ev.cue.is_none() && before.len() >= 2 {
        // `the so-called “X”` and `so-called the “X”` are rare; `so-called “X”` is the form, but
        // allow one word between the cue and the mark (`alleged “humanitarian” aid`).
        ev.cue = suffix_match(&lex.cues, &before[..before.len() - 1])
            .filter(|_| before.last().is_some_and(|w| stopword(w)))
            .map(Into::into);
    }
    let prev = open.checked_sub(1).map(|i| &tokens[i]);
    ev.colon = prev.is_some_and(|t| t.kind == TokenKind::Punct && t.text(text) == ":");
    let comma_before = prev.is_some_and(|t| t.kind == TokenKind::Punct && t.text(text) == ",");
    // Reporting phrase: up to six words before (possibly before a comma or colon), or just after
    // the closing mark (“...,” he said).
    let before_punct = if ev.colon || comma_before {
        words_before(text, tokens, open - 1, 6)
    } else {
        before.clone()
    };
    let after = words_after(text, tokens, close + 1, 4);
    ev.reporting = find_any(&lex.reporting, &before_punct)
        .or_else(|| {
            after
                .iter()
                .take(3)
                .find_map(|w| lex.reporting.contains(w).then(|| w.clone()))
        })
        .map(Into::into);
    ev.sentence_punct = facts.between(&facts.punct, open, close) > 0 && n >= 3;
    let content = facts.between(&facts.content, open, close);
    let caps = facts.between(&facts.caps, open, close);
    ev.title_case = content > 0 && caps * 10 >= content * 7;
    let prev_words = words_before(text, tokens, open, 3);
    ev.naming = suffix_match(&lex.naming, &prev_words)
        .filter(|n| !ev.cue.as_ref().is_some_and(|c| c.ends_with(n.as_str())))
        .or_else(|| prefix_match(&lex.naming, &after))
        .map(Into::into);
    if n > 0 && n <= 4 {
        // The (at most four) words inside, reached by jumps from word to word.
        let mut content_idx = Vec::new();
        let mut i = facts.next_word(open + 1);
        while i < close {
            if !facts.is_stop(i) {
                content_idx.push(i);
            }
            i = facts.next_word(i + 1);
        }
        ev.contrast = !content_idx.is_empty() && content_idx.iter().all(|&i| unquoted(i));
    }
    ev.condemning = condemning(text, tokens, at, ev.cue.as_deref(), lex);
    ev
}

/// Condemning or denying words in the span's sentence, up to 12 words either side, outside the
/// span and its cue.
fn condemning(text: &str, tokens: &[Token], at: SpanAt, cue: Option<&str>, lex: &Lexicons) -> u32 {
    let SpanAt { open, close, .. } = at;
    let sentence = tokens[open].sentence;
    let lo = open.saturating_sub(12);
    let hi = (close + 13).min(tokens.len());
    let mut window: Vec<String> = Vec::new();
    let cue_words = cue.map_or(0, |c| c.split(' ').count());
    let cue_start = {
        let mut k = 0;
        let mut j = open;
        while j > 0 && k < cue_words {
            j -= 1;
            if tokens[j].kind.is_countable() {
                k += 1;
            }
        }
        j
    };
    // The tokens before and after the span, not those inside (a span can be long).
    let around = (lo..open).chain((close + 1).max(lo)..hi);
    for i in around {
        let t = &tokens[i];
        let in_cue = cue_words > 0 && i >= cue_start && i < open;
        if !in_cue && t.kind.is_countable() && t.sentence == sentence {
            window.push(fold(t.text(text)));
        }
    }
    window
        .iter()
        .enumerate()
        .filter(|(i, _)| prefix_match(&lex.condemning, &window[*i..]).is_some())
        .count() as u32
}

/// Scores for each kind (in [`Kind::ALL`] order) from the evidence: a transparent linear model
/// whose weights were set by reading the labelled evaluation set (`tests/data/quotes/`).
pub fn scores(ev: &Evidence) -> [f64; 4] {
    let n = ev.words as f64;
    let short = ev.words <= 3;
    let long = ev.words >= 8;
    let b = |x: bool| if x { 1.0 } else { 0.0 };
    // Naming cues (`what they call`, `what is called`) distance less than `so-called` or `sham`.
    let cue = match &ev.cue {
        None => 0.0,
        Some(c)
            if ["call", "term", "dub", "name", "known"]
                .iter()
                .any(|w| c.contains(w))
                && !c.contains("so") =>
        {
            0.6
        }
        Some(_) => 1.0,
    };
    let cond = (ev.condemning as f64).min(2.0);
    let rep = b(ev.reporting.is_some());
    let scare = 2.2 * cue * (1.0 - 0.8 * b(ev.title_case))
        + 0.7 * cond
        + 0.3 * b(ev.contrast && short)
        + 0.8 * b(ev.contrast && ev.condemning > 0)
        + 0.3 * b(short && !ev.title_case)
        + 0.9 * b(ev.contrast && ev.words == 1 && !ev.title_case)
        - 1.0 * b(ev.naming.is_some())
        - 2.0 * b(ev.sentence_punct)
        - 0.8 * rep
        - 1.0 * b(ev.title_case)
        - 0.25 * (n - 3.0).max(0.0);
    let term = 0.6 + 0.6 * b(short) - 0.15 * (n - 4.0).max(0.0) - 1.5 * b(ev.sentence_punct)
        + 0.4 * b(ev.naming.is_some() && !ev.title_case)
        - 0.5 * rep;
    let title = 1.8 * b(ev.title_case && ev.words >= 2)
        + 0.6 * b(ev.title_case && ev.words == 1)
        + 1.0 * b(ev.naming.is_some())
        - 1.5 * b(ev.sentence_punct)
        - 0.3 * rep
        - 0.2 * (n - 10.0).max(0.0);
    let direct = 1.6 * rep
        + 0.8 * b(ev.colon)
        + 1.2 * b(ev.sentence_punct)
        + 0.8 * b(long)
        + 0.05 * n.min(30.0)
        - 0.8 * b(short);
    [scare, term, title, direct]
}

/// The probability of each kind under the hand-set scores (their softmax), for languages
/// without a fitted model.
pub fn probabilities(ev: &Evidence) -> [f64; 4] {
    super::model::softmax(scores(ev))
}
