//! The quote classifier's word lists (distancing cues, reporting verbs, condemning words,
//! naming words) and fitted model, bundled per language from `data/lexicons/`.

use crate::text::lang::parse_list;
use crate::text::Lang;
use ahash::AHashSet;

/// The note after a list's phrase that makes it a cue only right before a quotation mark.
const BEFORE_MARK: &str = "[before a mark]";

/// A set of phrases, matched against runs of folded words.
#[derive(Debug, Clone, Default)]
pub struct PhraseSet {
    phrases: AHashSet<String>,
    first: AHashSet<String>,
    prefixes: AHashSet<String>,
    /// Phrases that distance only right before a quotation mark (written `dit [before a
    /// mark]`): elsewhere the word is another word (`je l'ai dit`, `supposed to`).
    before_mark: AHashSet<String>,
    /// Longest phrase, in words.
    pub max_words: usize,
    /// Which parse made the set (0 for the empty default): sets with the same id hold the same
    /// phrases, so a per-word answer can be cached under it.
    id: u64,
}

impl PhraseSet {
    /// Builds a set from a list file's text.
    pub fn parse(text: &str) -> Self {
        static PARSES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        let mut s = PhraseSet {
            id: PARSES.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            ..Default::default()
        };
        for p in parse_list(text) {
            match p.strip_suffix(BEFORE_MARK) {
                Some(phrase) => {
                    let phrase = phrase.split_whitespace().collect::<Vec<_>>().join(" ");
                    s.add(&phrase);
                    s.before_mark.insert(phrase);
                }
                None => s.add(&p),
            }
        }
        s
    }

    /// Whether the phrase (as [`PhraseSet::canonical`] gives it) is a cue only right before a
    /// quotation mark.
    pub fn only_before_mark(&self, phrase: &str) -> bool {
        self.before_mark.contains(phrase)
    }

    /// The set's identity: equal ids mean equal phrases.
    pub fn id(&self) -> u64 {
        self.id
    }

    fn add(&mut self, phrase: &str) {
        let phrase = phrase.split_whitespace().collect::<Vec<_>>().join(" ");
        self.max_words = self.max_words.max(phrase.split(' ').count());
        // Every prefix ending at a space or a hyphen, so a compound split into words by
        // `--split-hyphens` (`so`, `-`, `called`) is matched piece by piece.
        for (i, c) in phrase.char_indices() {
            if c == ' ' || c == '-' {
                let p = &phrase[..i];
                if !p.is_empty() {
                    self.prefixes.insert(p.to_string());
                    if !p.contains([' ', '-']) {
                        self.first.insert(p.to_string());
                    }
                }
            }
        }
        if let Some(w) = phrase.split(' ').next() {
            self.first.insert(w.to_string());
        }
        self.phrases.insert(phrase);
    }

    /// True if the phrase (folded, words separated by single spaces) is in the set.
    pub fn contains(&self, phrase: &str) -> bool {
        self.phrases.contains(phrase)
    }

    /// One name per cue: a spaced spelling of a hyphenated phrase in the set (`so called`) is
    /// reported as the hyphenated one (`so-called`).
    pub fn canonical(&self, phrase: &str) -> String {
        let hyphenated = phrase.replace(' ', "-");
        if hyphenated != phrase && self.phrases.contains(&hyphenated) {
            hyphenated
        } else {
            phrase.to_string()
        }
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
        let mut words = 0;
        let mut hyphen = false;
        for j in i..tokens.len() {
            let t = &tokens[j];
            // A hyphen written between two words joins them (`so-called` split into tokens).
            if t.kind == crate::text::TokenKind::Punct
                && t.text(text) == "-"
                && j > i
                && tokens[j - 1].end == t.start
                && tokens
                    .get(j + 1)
                    .is_some_and(|n| n.start == t.end && n.kind.is_countable())
            {
                hyphen = true;
                cand.push('-');
                if !self.prefixes.contains(cand.as_str()) {
                    break;
                }
                continue;
            }
            if !t.kind.is_countable() || (words >= self.max_words && !hyphen) {
                break;
            }
            if j > i && !hyphen {
                cand.push(' ');
            }
            if !hyphen {
                words += 1;
            }
            hyphen = false;
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
    /// The fitted classifier of the language, if it has one; without, the hand-set scores of
    /// [`classify::scores`](super::classify::scores) decide.
    pub model: Option<std::sync::Arc<super::model::Model>>,
    /// The words the classifier reads as stopwords: the language's bundled list, whatever
    /// `--stopwords` (or `--no-numbers`) leaves out of the tables, so that a span's call does
    /// not depend on what is counted (the model was fitted with this list).
    pub stopwords: crate::text::Stopwords,
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
            model: super::model::Model::bundled(lang),
            stopwords: crate::text::Stopwords::bundled(lang),
        }
    }
}
