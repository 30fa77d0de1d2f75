//! The fitted quotation classifier: each span's features (the [`Evidence`] of
//! [`classify`](super::classify), the words at its marks, its own form, stance words in its
//! sentence, framing before it, its other quotations in the document) weighed by a multinomial
//! logistic regression, fitted and calibrated by `tests/data/scare/fit_model.py` and bundled
//! per language as `data/lexicons/<lang>/quote-model.tsv`.

use super::classify::{Evidence, Kind, SpanAt};
use super::words::{
    words, AS_VERBS, FRAME, IRONY, NAMING_CUES, SO_CALLED_CUES, STRONG_CUES, WORD_AS_WORD,
};
use crate::text::{fold, fold_into, Lang, Token};
use ahash::AHashSet;
use std::sync::{Arc, OnceLock};

/// Number of features.
pub const N: usize = 76;

/// The features' names, in the order of [`features`]' values (the rows of a model file).
pub const FEATURES: [&str; N] = [
    // The evidence of the quotes table.
    "bias",
    "words_log",
    "one_word",
    "short",
    "long",
    "cue_so_called",
    "cue_strong",
    "cue_naming",
    "cue_other",
    "cue_title",
    "reporting",
    "colon",
    "sentence_punct",
    "title_case",
    "title_case_multi",
    "naming",
    "contrast",
    "contrast_short",
    "condemning_1",
    "condemning_2",
    "contrast_condemning",
    "nested",
    // The same text quoted elsewhere in the document.
    "d_quoted_elsewhere",
    "d_cue_elsewhere",
    // The token before the opening mark and after the closing one.
    "b_prev_none",
    "b_prev_det",
    "b_prev_the",
    "b_prev_prep",
    "b_prev_of",
    "b_prev_conj",
    "b_prev_be",
    "b_prev_naming",
    "b_prev_as",
    "b_known_as",
    "b_meta_before",
    "b_meta_the_before",
    "b_naming_firstp",
    "b_naming_thirdp",
    "b_next_none",
    "b_next_of",
    "b_next_conj",
    "b_next_be",
    "b_next_prep",
    "b_next_cap",
    "b_next_comma",
    "b_next_period",
    "b_next_paren",
    "b_next_noun_like",
    "b_the_cap_after",
    "b_det_before_short",
    "b_sentence_start",
    "b_sentence_end",
    // The quoted text's form.
    "s_lower_start",
    "s_all_lower",
    "s_plural",
    "s_paren",
    "s_hyphen",
    "s_digit",
    "s_end_punct",
    "s_first_person",
    "s_adj_like",
    "s_ism",
    "s_single_quotes",
    // Negative stance and irony in the sentence around the span.
    "st_neg_1",
    "st_neg_2",
    "st_neg_log",
    "st_neg_window",
    "st_irony",
    "st_negation",
    "st_neg_short",
    // Attribution and framing right before the span.
    "a_prev_possessive",
    "a_prev_propername",
    "a_eval_before",
    "a_frame_window",
    "a_word_as_word",
    "a_possessive_or_eval_short",
];

/// What the span's document says about its quoted text elsewhere.
#[derive(Debug, Clone, Copy, Default)]
pub struct Elsewhere {
    /// The same text (folded words) is quoted again in the document.
    pub quoted: bool,
    /// Another quotation of it has a distancing cue.
    pub cued: bool,
}

/// Tokens kept on each side of a span.
const SIDE: usize = 12;
/// Tokens of a sentence read on each side of a span for its stance words.
const SENTENCE_SIDE: usize = 80;
/// Tokens inside a span read for its form (spans nest: reading all would be quadratic).
const INSIDE: usize = 64;

fn starts(s: &str, f: impl Fn(char) -> bool) -> bool {
    s.chars().next().is_some_and(f)
}

/// The cue's strength class: `strong` (rejecting or doubting), `so_called`, `naming` or
/// `other` (pretexts and the rest).
fn cue_class(cue: &str) -> &'static str {
    let padded = format!(" {cue}");
    let has = |list: &[&str]| list.iter().any(|c| padded.contains(&format!(" {c}")));
    if has(STRONG_CUES) {
        "strong"
    } else if has(SO_CALLED_CUES) {
        "so_called"
    } else if has(NAMING_CUES) {
        "naming"
    } else {
        "other"
    }
}

/// The features of a span (in [`FEATURES`] order; 0 or 1 but for `words_log` and
/// `st_neg_log`).
pub fn features(
    text: &str,
    tokens: &[Token],
    at: SpanAt,
    ev: &Evidence,
    elsewhere: Elsewhere,
) -> [f64; N] {
    let mut out = [0.0; N];
    for (o, v) in out
        .iter_mut()
        .zip(feature_vec(text, tokens, at, ev, elsewhere))
    {
        *o = v;
    }
    out
}

/// The features group by group; a test checks that they are [`N`], in every build.
fn feature_vec(
    text: &str,
    tokens: &[Token],
    at: SpanAt,
    ev: &Evidence,
    elsewhere: Elsewhere,
) -> Vec<f64> {
    let a = Around::new(text, tokens, at, ev);
    let mut x = Vec::with_capacity(N);
    evidence(&mut x, ev, elsewhere);
    a.boundary(&mut x);
    a.shape(&mut x);
    a.stance(&mut x);
    a.attribution(&mut x, ev.cue.as_deref().map(cue_class));
    x
}

/// Tokens without a word that [`Around::sentence_start`] and [`Around::sentence_end`] read
/// through at most (prose never has this many in a row).
const NO_WORD_RUN: usize = 64;

/// Whether a word names the writer's side: `we`, `our`, `I`, but not `US` (all capitals).
fn first_person(raw: &str) -> bool {
    words().first_person.contains(fold(raw).as_str())
        && !(raw.chars().count() > 1 && raw.chars().all(char::is_uppercase))
}

/// Whether `phrase` stands in `padded` (words separated and surrounded by spaces) as whole
/// words.
fn has_phrase(padded: &str, phrase: &str) -> bool {
    // Without building " phrase " for each look (a span is asked about many phrases); every
    // place the phrase starts is tried, overlapping ones too.
    let (hay, needle) = (padded.as_bytes(), phrase.as_bytes());
    if needle.is_empty() {
        return padded.contains("  ");
    }
    let mut from = 0;
    while let Some(k) = memchr::memmem::find(&hay[from..], needle) {
        let i = from + k;
        let end = i + needle.len();
        if i > 0 && hay[i - 1] == b' ' && hay.get(end) == Some(&b' ') {
            return true;
        }
        from = i + 1;
    }
    false
}

/// The probabilities of a quotation with no words: it holds nothing at a distance, so scare
/// gets none.
pub fn without_scare(p: [f64; 4]) -> [f64; 4] {
    let rest = p[1] + p[2] + p[3];
    if rest > 0.0 {
        [0.0, p[1] / rest, p[2] / rest, p[3] / rest]
    } else {
        [0.0, 1.0, 0.0, 0.0]
    }
}

/// 1 or 0.
fn b(c: bool) -> f64 {
    if c {
        1.0
    } else {
        0.0
    }
}

/// The last `k` of `v`.
fn last(v: &[String], k: usize) -> &[String] {
    &v[v.len().saturating_sub(k)..]
}

/// The evidence of the quotes table, and the text's other quotations in the document.
fn evidence(x: &mut Vec<f64>, ev: &Evidence, elsewhere: Elsewhere) {
    let n = ev.words;
    let cue = ev.cue.as_deref().map(cue_class);
    let cond = ev.condemning;
    x.extend([1.0, (1.0 + n as f64).ln()]);
    x.extend(
        [
            n == 1,
            n <= 3,
            n >= 8,
            cue == Some("so_called"),
            cue == Some("strong"),
            cue == Some("naming"),
            cue == Some("other"),
            cue.is_some() && ev.title_case,
            ev.reporting.is_some(),
            ev.colon,
            ev.sentence_punct,
            ev.title_case,
            ev.title_case && n >= 2,
            ev.naming.is_some(),
            ev.contrast,
            ev.contrast && n <= 3,
            cond >= 1,
            cond >= 2,
            ev.contrast && cond >= 1,
            ev.nested,
            elsewhere.quoted,
            elsewhere.cued,
        ]
        .map(b),
    );
}

/// A span and the tokens around it.
struct Around<'a> {
    text: &'a str,
    tokens: &'a [Token],
    open: usize,
    close: usize,
    /// Where the tokens before the span end: the opening mark, or the start of its cue.
    before: usize,
    /// Words inside the marks.
    n: u32,
    left_raw: Vec<&'a str>,
    right_raw: Vec<&'a str>,
    left: Vec<String>,
    right: Vec<String>,
}

impl<'a> Around<'a> {
    fn new(text: &'a str, tokens: &'a [Token], at: SpanAt, ev: &Evidence) -> Self {
        let (open, close) = (at.open, at.close);
        let raw = |i: usize| tokens[i].text(text);
        // The tokens before the span, its cue left out: the cue has its own features, and the
        // words around it are read as if it were not there.
        let cue_words: Vec<String> = ev.cue.as_deref().map_or(Vec::new(), |c| {
            c.split([' ', '-']).map(str::to_string).collect()
        });
        let mut before = open;
        while before > 0 && open - before < 8 && !cue_words.is_empty() {
            let t = fold(raw(before - 1));
            if t == "-"
                || cue_words.contains(&t)
                || cue_words.join("-") == t
                || cue_words.join(" ") == t
            {
                before -= 1;
            } else {
                break;
            }
        }
        // At most SIDE tokens each side, across sentence ends (a stance can be in the sentence
        // before: this read better on held-out spans than the sentence alone).
        let left_raw: Vec<&str> = (before.saturating_sub(SIDE)..before).map(raw).collect();
        let right_raw: Vec<&str> = (close + 1..(close + 1 + SIDE).min(tokens.len()))
            .map(raw)
            .collect();
        Around {
            text,
            tokens,
            open,
            close,
            before,
            n: ev.words,
            left: left_raw.iter().map(|s| fold(s)).collect(),
            right: right_raw.iter().map(|s| fold(s)).collect(),
            left_raw,
            right_raw,
        }
    }

    fn raw(&self, i: usize) -> &'a str {
        self.tokens[i].text(self.text)
    }

    fn prev(&self) -> &str {
        self.left.last().map_or("", String::as_str)
    }

    fn prev2(&self) -> &str {
        let l = &self.left;
        l.len().checked_sub(2).map_or("", |i| l[i].as_str())
    }

    /// The token before the opening mark (or its cue) and after the closing one.
    fn boundary(&self, x: &mut Vec<f64>) {
        let w = words();
        let (prev, prev2) = (self.prev(), self.prev2());
        let prev_word = starts(prev, char::is_alphanumeric);
        let next_raw = self.right_raw.first().copied().unwrap_or("");
        let next = self.right.first().map_or("", String::as_str);
        let next_word = starts(next, char::is_alphanumeric);
        let next_cap = next_word && starts(next_raw, char::is_uppercase);
        let (last4, last6) = (last(&self.left, 4), last(&self.left, 6));
        let naming_before = last4
            .iter()
            .any(|t| w.naming_verbs.contains(t.as_str()) || t == "as");
        let function_word = |t: &str| {
            w.det.contains(t) || w.prep.contains(t) || w.conj.contains(t) || w.be.contains(t)
        };
        let noun_like = next_word && !function_word(next) && !starts(next_raw, char::is_uppercase);
        let person =
            |set: &AHashSet<&str>| naming_before && last6.iter().any(|t| set.contains(t.as_str()));
        x.extend(
            [
                !prev_word,
                w.det.contains(prev),
                prev == "the",
                w.prep.contains(prev),
                prev == "of",
                w.conj.contains(prev),
                w.be.contains(prev),
                w.naming_verbs.contains(prev),
                prev == "as",
                prev == "as" && AS_VERBS.contains(&prev2),
                last4.iter().any(|t| w.meta.contains(t.as_str())),
                prev2 == "the" && w.meta.contains(prev),
                person(&w.first_person),
                person(&w.third_person),
                !next_word,
                next == "of",
                w.conj.contains(next),
                w.be.contains(next),
                w.prep.contains(next),
                next_cap,
                next == ",",
                matches!(next, "." | ";" | "!" | "?"),
                next == ")",
                noun_like,
                prev == "the" && next_cap,
                w.det.contains(prev) && self.n <= 3,
                self.sentence_start(),
                self.sentence_end(),
            ]
            .map(b),
        );
    }

    /// No word of the span's sentence before it (or its cue), looking at most [`NO_WORD_RUN`]
    /// tokens back: a "sentence" of thousands of quotation marks would otherwise be read again
    /// for each of its spans.
    fn sentence_start(&self) -> bool {
        let s = self.tokens[self.open].sentence;
        (0..self.before)
            .rev()
            .take_while(|&i| self.tokens[i].sentence == s)
            .take(NO_WORD_RUN)
            .all(|i| !self.tokens[i].kind.is_countable())
    }

    /// No word of the span's sentence after it (at most [`NO_WORD_RUN`] tokens on).
    fn sentence_end(&self) -> bool {
        let s = self.tokens[self.close].sentence;
        (self.close + 1..self.tokens.len())
            .take_while(|&i| self.tokens[i].sentence == s)
            .take(NO_WORD_RUN)
            .all(|i| !self.tokens[i].kind.is_countable())
    }

    /// The quoted text's form, read over at most INSIDE tokens at each end.
    fn shape(&self, x: &mut Vec<f64>) {
        let (open, close) = (self.open, self.close);
        let inner: Vec<&str> = if close - open - 1 <= 2 * INSIDE {
            (open + 1..close).map(|i| self.raw(i)).collect()
        } else {
            (open + 1..open + 1 + INSIDE)
                .chain(close - INSIDE..close)
                .map(|i| self.raw(i))
                .collect()
        };
        let first_char = inner.iter().find_map(|s| s.chars().next());
        let alpha: Vec<String> = inner
            .iter()
            .filter(|s| starts(s, char::is_alphabetic))
            .map(|s| fold(s))
            .collect();
        let last_alpha = alpha.last().map_or("", String::as_str);
        let ends = |list: &[&str], s: &str| list.iter().any(|e| s.ends_with(e));
        let end_char = inner.last().and_then(|s| s.chars().last());
        let next_raw = self.right_raw.first().copied().unwrap_or("");
        x.extend(
            [
                first_char.is_some_and(char::is_lowercase),
                !alpha.is_empty() && inner.iter().all(|s| !s.chars().any(char::is_uppercase)),
                last_alpha.chars().count() > 3
                    && last_alpha.ends_with('s')
                    && !ends(&["ss", "us", "is"], last_alpha),
                self.left_raw.last() == Some(&"(") && next_raw == ")",
                inner.iter().any(|s| s.contains('-')),
                inner.iter().any(|s| s.chars().any(|c| c.is_ascii_digit())),
                end_char.is_some_and(|c| ".!?,;".contains(c)),
                inner
                    .iter()
                    .any(|s| first_person(s) || matches!(fold(s).as_str(), "you" | "your")),
                alpha.len() == 1
                    && ends(&["ive", "al", "ic", "ous", "ful", "ian", "ist"], last_alpha),
                alpha.iter().any(|s| ends(&["ism", "ist", "ists"], s)),
                starts(self.raw(open), |c| c == '\u{2018}' || c == '\''),
            ]
            .map(b),
        );
    }

    /// Stance: the span's sentence on either side of it (its cue left out), and SIDE tokens
    /// either side.
    fn stance(&self, x: &mut Vec<f64>) {
        let w = words();
        let (tokens, open, close, before) = (self.tokens, self.open, self.close, self.before);
        let (s_open, s_close) = (tokens[open].sentence, tokens[close].sentence);
        let mut first = open;
        while first > 0 && open - first < SENTENCE_SIDE && tokens[first - 1].sentence == s_open {
            first -= 1;
        }
        let mut end = close + 1;
        while end < tokens.len() && end - close <= SENTENCE_SIDE && tokens[end].sentence == s_close
        {
            end += 1;
        }
        let first = first.min(before);
        // The sentence's words folded, each followed by a space, into one string (a span in a
        // run of thousands of marks reads its 160 tokens: no string per token).
        let (mut sentence_text, mut word) = (String::from(" "), String::new());
        let (mut neg, mut negation) = (0usize, false);
        for i in (first..before).chain(close + 1..end) {
            fold_into(self.raw(i), &mut word);
            neg += w.negative.contains(word.as_str()) as usize;
            negation |= w.negation.contains(word.as_str());
            sentence_text.push_str(&word);
            sentence_text.push(' ');
        }
        let neg_window = self
            .left
            .iter()
            .chain(self.right.iter())
            .any(|t| w.negative.contains(t.as_str()));
        x.extend([b(neg >= 1), b(neg >= 2), (1.0 + neg as f64).ln()]);
        x.extend(
            [
                neg_window,
                IRONY.iter().any(|p| has_phrase(&sentence_text, p)),
                negation,
                neg >= 1 && self.n <= 3,
            ]
            .map(b),
        );
    }

    /// Attribution and framing right before the span; `cue` is the class of the span's
    /// distancing cue. A word mentioned as a word (`the concept of`) is no such mention when a
    /// distancing cue stands before the marks: `the concept of a so-called “rules-based
    /// order”` holds the term at a distance.
    fn attribution(&self, x: &mut Vec<f64>, cue: Option<&str>) {
        let w = words();
        let (prev, prev2) = (self.prev(), self.prev2());
        let prev_raw = self.left_raw.last().copied().unwrap_or("");
        let possessive = ["'s", "s'"].iter().any(|e| prev.ends_with(e)) || prev == "their";
        let proper = starts(prev_raw, char::is_uppercase)
            && !matches!(prev2, "." | "!" | "?" | ":" | ";" | "")
            && !w.det.contains(prev)
            && prev != "i";
        let evaluative = last(&self.left, 2)
            .iter()
            .any(|t| w.evaluative.contains(t.as_str()));
        let window8 = format!(" {} ", last(&self.left, 8).join(" "));
        let window5 = format!(" {} ", last(&self.left, 5).join(" "));
        x.extend(
            [
                possessive,
                proper,
                evaluative,
                FRAME.iter().any(|f| has_phrase(&window8, f)),
                WORD_AS_WORD.iter().any(|f| has_phrase(&window5, f))
                    && !matches!(cue, Some("strong" | "so_called")),
                (possessive || evaluative) && self.n <= 3,
            ]
            .map(b),
        );
    }
}

/// The non-zero features, as `name` (value 1) or `name=value`: why a span got its kind.
pub fn explain(x: &[f64; N]) -> String {
    let mut out = String::new();
    for (name, &v) in FEATURES.iter().zip(x).skip(1) {
        if v == 0.0 {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(name);
        if v != 1.0 {
            // Six decimals: what fit_model.py reads back and fits on.
            let num = format!("{v:.6}");
            out.push('=');
            out.push_str(num.trim_end_matches('0').trim_end_matches('.'));
        }
    }
    out
}

/// A fitted model: one weight per feature and kind, and the temperature that calibrates its
/// probabilities.
#[derive(Debug, Clone)]
pub struct Model {
    weights: Vec<[f64; 4]>,
    temperature: f64,
    signature: String,
}

impl Model {
    /// Reads a model file: `#` comments, a `temperature` line, a header (`feature` and the
    /// kinds), then one line per feature of [`FEATURES`] (a feature left out weighs 0).
    pub fn parse(text: &str) -> Result<Model, String> {
        use std::hash::Hasher;
        let mut h = fnv::FnvHasher::default();
        h.write(text.as_bytes());
        let mut m = Model {
            weights: vec![[0.0; 4]; N],
            temperature: 1.0,
            signature: format!("{:016x}", h.finish()),
        };
        let mut header = false;
        let mut seen = std::collections::HashSet::new();
        for (i, line) in text.lines().enumerate() {
            let at = || format!("line {}", i + 1);
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            let num = |s: &str| {
                s.trim()
                    .parse::<f64>()
                    .ok()
                    .filter(|v| v.is_finite())
                    .ok_or_else(|| format!("{}: {s:?} is not a number", at()))
            };
            match f[0] {
                "temperature" if f.len() == 2 => m.temperature = num(f[1])?,
                "feature" => {
                    let kinds: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
                    if f[1..] != kinds[..] {
                        return Err(format!("{}: the header names {:?}", at(), &f[1..]));
                    }
                    header = true;
                }
                name if header && f.len() == 5 => {
                    let j = FEATURES
                        .iter()
                        .position(|x| *x == name)
                        .ok_or_else(|| format!("{}: no feature {name:?}", at()))?;
                    if !seen.insert(j) {
                        return Err(format!("{}: {name:?} given twice", at()));
                    }
                    for k in 0..4 {
                        m.weights[j][k] = num(f[k + 1])?;
                    }
                }
                _ => return Err(format!("{}: expected a feature and 4 weights", at())),
            }
        }
        if !header {
            return Err("no header line (feature, scare, term, title, direct)".into());
        }
        if m.temperature <= 0.0 {
            return Err("the temperature must be positive".into());
        }
        Ok(m)
    }

    /// The bundled model of a language, if it has one (English).
    pub fn bundled(lang: Lang) -> Option<Arc<Model>> {
        static EN: OnceLock<Arc<Model>> = OnceLock::new();
        match lang.code {
            "en" => Some(
                EN.get_or_init(|| {
                    let text = include_str!("../../data/lexicons/en/quote-model.tsv");
                    // Checked by a test: the bundled file always parses.
                    Arc::new(Model::parse(text).unwrap_or_else(|e| {
                        panic!("the bundled quote-model.tsv does not parse: {e}")
                    }))
                })
                .clone(),
            ),
            _ => None,
        }
    }

    /// An FNV-1a hash of the model file: counts made with different weights are not summed.
    pub fn signature(&self) -> &str {
        &self.signature
    }

    /// The calibrated probability of each kind, in [`Kind::ALL`] order.
    pub fn probabilities(&self, x: &[f64; N]) -> [f64; 4] {
        let mut z = [0.0; 4];
        for (xj, wj) in x.iter().zip(&self.weights) {
            if *xj != 0.0 {
                for k in 0..4 {
                    z[k] += xj * wj[k];
                }
            }
        }
        softmax(z.map(|v| v / self.temperature))
    }
}

/// Softmax of four scores.
pub fn softmax(s: [f64; 4]) -> [f64; 4] {
    let top = s.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let e = s.map(|v| (v - top).exp());
    let z: f64 = e.iter().sum();
    e.map(|v| v / z)
}

/// The kind called from the probabilities: the likeliest, except that scare needs at least
/// `min_scare` (below it, the likeliest other kind); with its probability.
pub fn decide(p: [f64; 4], min_scare: f64) -> (Kind, f64) {
    let best = |from: usize| {
        (from..4)
            .max_by(|a, b| p[*a].total_cmp(&p[*b]))
            .unwrap_or(from)
    };
    let mut k = best(0);
    if k == 0 && p[0] < min_scare {
        k = best(1);
    }
    (Kind::ALL[k], p[k])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_model_parses_with_every_feature() {
        let text = include_str!("../../data/lexicons/en/quote-model.tsv");
        let m = Model::parse(text).unwrap();
        let named = text
            .lines()
            .filter(|l| FEATURES.contains(&l.split('\t').next().unwrap_or("")))
            .count();
        assert_eq!(named, N, "every feature has a row");
        assert!(m.temperature > 0.0);
    }

    #[test]
    fn bad_model_files_are_refused() {
        assert!(Model::parse("").is_err());
        assert!(Model::parse("feature\tscare\tterm\ttitle\tdirect\nnope\t1\t1\t1\t1").is_err());
        assert!(Model::parse("feature\tscare\tterm\ttitle\tdirect\nbias\t1\tx\t1\t1").is_err());
        assert!(Model::parse("temperature\t0\nfeature\tscare\tterm\ttitle\tdirect").is_err());
    }

    /// Every span of a text: its features are N values, 0 or 1 but for the two logarithms.
    #[test]
    fn every_span_has_every_feature() {
        use crate::text::{tokenize, Layout};
        let text = "“Edge” at the start. The so-called “elections”, “”, ‘nested “inner” words’ \
                    and what they call “peace” in the US “US” end “last”";
        let tokens = tokenize(text, Layout::Lines, Default::default());
        let pairs = super::super::pair_quotes(text, &tokens).pairs;
        assert!(pairs.len() >= 6, "{}", pairs.len());
        for p in &pairs {
            let at = SpanAt {
                open: p.open_tok as usize,
                close: p.close_tok as usize,
                nested: p.depth > 0,
            };
            let ev = Evidence {
                words: (at.open + 1..at.close)
                    .filter(|&i| tokens[i].kind.is_countable())
                    .count() as u32,
                ..Default::default()
            };
            let x = feature_vec(text, &tokens, at, &ev, Elsewhere::default());
            assert_eq!(x.len(), N);
            for (name, v) in FEATURES.iter().zip(&x) {
                if !name.ends_with("_log") {
                    assert!(*v == 0.0 || *v == 1.0, "{name} = {v}");
                }
            }
        }
    }

    /// `a_word_as_word` of the one quotation in `text`, with `cue` as its distancing cue.
    fn word_as_word(text: &str, cue: Option<&str>) -> f64 {
        use crate::text::{tokenize, Layout};
        let tokens = tokenize(text, Layout::Lines, Default::default());
        let p = super::super::pair_quotes(text, &tokens).pairs[0];
        let at = SpanAt {
            open: p.open_tok as usize,
            close: p.close_tok as usize,
            nested: false,
        };
        let ev = Evidence {
            words: 2,
            cue: cue.map(Into::into),
            ..Default::default()
        };
        let x = feature_vec(text, &tokens, at, &ev, Elsewhere::default());
        let i = FEATURES
            .iter()
            .position(|f| *f == "a_word_as_word")
            .unwrap();
        x[i]
    }

    #[test]
    fn a_distancing_cue_is_no_word_mentioned_as_a_word() {
        let plain = "They push the concept of a “rules-based order” on all.";
        let cued = "They push the concept of a so-called “rules-based order” on all.";
        assert_eq!(word_as_word(plain, None), 1.0);
        assert_eq!(word_as_word(cued, Some("so-called")), 0.0);
        assert_eq!(word_as_word(cued, Some("dubious")), 1.0);
    }

    #[test]
    fn cue_classes_match_whole_words() {
        assert_eq!(cue_class("so-called"), "so_called");
        assert_eq!(cue_class("self-proclaimed"), "strong");
        assert_eq!(cue_class("prétendues"), "strong");
        assert_eq!(cue_class("what they call"), "naming");
        assert_eq!(cue_class("dubious"), "other");
        assert_eq!(cue_class("in the name of"), "other");
        assert_eq!(cue_class("falsely called"), "strong");
        assert!(first_person("we") && first_person("Our") && first_person("I"));
        assert!(!first_person("US"));
        assert!(has_phrase(" in the real world ", "the real"));
        assert!(!has_phrase(" in the realm of ", "the real"));
        // A place that is no whole word, overlapping one that is.
        assert!(has_phrase(" ba a a ", "a a"));
        assert!(!has_phrase(" ba a ab ", "a a"));
        assert!(has_phrase(" «x» so-called ", "so-called"));
    }

    #[test]
    fn an_empty_quotation_is_never_scare() {
        let p = without_scare([0.5, 0.3, 0.1, 0.1]);
        assert_eq!(p[0], 0.0);
        assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        assert_eq!(decide(p, 0.0).0, Kind::Term);
    }

    #[test]
    fn scare_below_the_threshold_takes_the_next_kind() {
        let p = [0.5, 0.3, 0.1, 0.1];
        assert_eq!(decide(p, 0.0), (Kind::Scare, 0.5));
        assert_eq!(decide(p, 0.6), (Kind::Term, 0.3));
        assert_eq!(decide([0.2, 0.6, 0.1, 0.1], 0.9).0, Kind::Term);
    }
}
