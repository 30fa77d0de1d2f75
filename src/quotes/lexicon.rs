//! The quote classifier's word lists (distancing cues, reporting verbs, condemning words,
//! naming words), bundled per language from `data/lexicons/`.

use crate::text::lang::parse_list;
use crate::text::Lang;
use ahash::AHashSet;

/// A set of phrases, matched against runs of folded words.
#[derive(Debug, Clone, Default)]
pub struct PhraseSet {
    phrases: AHashSet<String>,
    first: AHashSet<String>,
    prefixes: AHashSet<String>,
    /// Longest phrase, in words.
    pub max_words: usize,
}

impl PhraseSet {
    /// Builds a set from a list file's text.
    pub fn parse(text: &str) -> Self {
        let mut s = PhraseSet::default();
        for p in parse_list(text) {
            s.add(&p);
        }
        s
    }

    fn add(&mut self, phrase: &str) {
        // Compounds also match when hyphens are split into words (`so-called`, `so called`).
        let spaced = phrase.replace('-', " ");
        let norm = spaced.split_whitespace().collect::<Vec<_>>().join(" ");
        self.max_words = self.max_words.max(norm.split(' ').count());
        if let Some(w) = norm.split(' ').next() {
            self.first.insert(w.to_string());
        }
        if let Some(w) = phrase.split(' ').next() {
            self.first.insert(w.to_string());
        }
        for p in [norm.as_str(), phrase] {
            let words: Vec<&str> = p.split(' ').collect();
            for k in 1..words.len() {
                self.prefixes.insert(words[..k].join(" "));
            }
        }
        self.phrases.insert(norm);
        self.phrases.insert(phrase.to_string());
    }

    /// True if the phrase (folded, words separated by single spaces) is in the set.
    pub fn contains(&self, phrase: &str) -> bool {
        self.phrases.contains(phrase)
    }

    /// True if some phrase starts with this word.
    pub fn starts_with_word(&self, word: &str) -> bool {
        self.first.contains(word)
    }

    /// The longest phrase starting at token `i` (words folded; hyphens inside compounds are
    /// part of the word), with the index just past it. Allocates only on a match.
    pub fn match_at(
        &self,
        text: &str,
        tokens: &[crate::text::Token],
        i: usize,
    ) -> Option<(String, usize)> {
        thread_local! {
            static BUFS: std::cell::RefCell<(String, String)> = const { std::cell::RefCell::new((String::new(), String::new())) };
        }
        BUFS.with(|b| {
            let (cand, word) = &mut *b.borrow_mut();
            cand.clear();
            self.match_with(text, tokens, i, cand, word)
        })
    }

    fn match_with(
        &self,
        text: &str,
        tokens: &[crate::text::Token],
        i: usize,
        cand: &mut String,
        word: &mut String,
    ) -> Option<(String, usize)> {
        let mut best = None;
        for (k, (j, t)) in tokens.iter().enumerate().skip(i).enumerate() {
            if !t.kind.is_countable() || k >= self.max_words {
                break;
            }
            if k > 0 {
                cand.push(' ');
            }
            crate::text::fold_into(t.text(text), word);
            cand.push_str(word);
            if self.phrases.contains(cand.as_str()) {
                best = Some((cand.clone(), j + 1));
            }
            if !self.prefixes.contains(cand.as_str()) {
                break;
            }
        }
        best
    }

    /// Number of phrases.
    pub fn len(&self) -> usize {
        self.phrases.len()
    }

    /// True if empty.
    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }
}

/// The four lexicons the classifier reads.
#[derive(Debug, Clone, Default)]
pub struct Lexicons {
    /// Distancing cues before a quotation (`so-called`, `alleged`, `sham`).
    pub cues: PhraseSet,
    /// Reporting verbs and phrases (`said`, `according to`).
    pub reporting: PhraseSet,
    /// Words that deny or condemn (`illegal`, `sham`, `bogus`).
    pub condemning: PhraseSet,
    /// Words that introduce names and titles (`entitled`, `initiative`, `operation`).
    pub naming: PhraseSet,
}

macro_rules! bundled {
    ($lang:literal, $file:literal) => {
        include_str!(concat!("../../data/lexicons/", $lang, "/", $file, ".list"))
    };
}

impl Lexicons {
    /// The bundled lexicons for `lang`; languages without their own lists use English.
    pub fn bundled(lang: Lang) -> Self {
        let (cues, reporting, condemning, naming) = match lang.code {
            "fr" => (bundled!("fr", "cues"), bundled!("fr", "reporting"), "", ""),
            "es" => (bundled!("es", "cues"), bundled!("es", "reporting"), "", ""),
            "ru" => (bundled!("ru", "cues"), bundled!("ru", "reporting"), "", ""),
            _ => (
                bundled!("en", "cues"),
                bundled!("en", "reporting"),
                bundled!("en", "condemning"),
                bundled!("en", "naming"),
            ),
        };
        // Cues and reporting verbs of every bundled language are recognised together: statements
        // quote across languages, and the phrases do not collide.
        let all_cues = [
            cues,
            bundled!("en", "cues"),
            bundled!("fr", "cues"),
            bundled!("es", "cues"),
            bundled!("ru", "cues"),
        ]
        .join("\n");
        let all_reporting = [
            reporting,
            bundled!("en", "reporting"),
            bundled!("fr", "reporting"),
            bundled!("es", "reporting"),
            bundled!("ru", "reporting"),
        ]
        .join("\n");
        Lexicons {
            cues: PhraseSet::parse(&all_cues),
            reporting: PhraseSet::parse(&all_reporting),
            condemning: PhraseSet::parse(condemning),
            naming: PhraseSet::parse(naming),
        }
    }
}
