//! Multiword terms (`--phrases`): a list of phrases, each counted as one term wherever its words
//! stand together, as quanteda's `tokens_compound` does. Phrases come from a list (one per
//! line, `*` and `?` wildcards within a word, `#` comments), from the bundled list of UN terms
//! (`un`), or from stems (the strongest collocations of a corpus).

use crate::error::{Error, Result};
use crate::text::fold;
use regex::Regex;

/// Words in a phrase at most (longer lines are refused).
pub const MAX_PHRASE_WORDS: usize = 8;

/// How one word of a phrase is matched against a token's folded form and its stem.
#[derive(Debug, Clone)]
pub(crate) enum WordPat {
    /// The folded form, exactly.
    Form(Box<str>),
    /// A glob (`*`, `?`) over the folded form, and its prefix when it is one with a `*` at
    /// its end alone (`condemn*`), matched without the regex.
    Glob(Regex, Option<Box<str>>),
    /// The stem, exactly (phrases from collocations).
    Stem(Box<str>),
}

impl WordPat {
    /// Whether a token of this folded form and stem matches.
    pub(crate) fn matches(&self, form: &str, stem: &str) -> bool {
        match self {
            WordPat::Form(f) => **f == *form,
            WordPat::Glob(_, Some(prefix)) => form.starts_with(&**prefix),
            WordPat::Glob(r, None) => r.is_match(form),
            WordPat::Stem(s) => **s == *stem,
        }
    }
}

/// A list of phrases of two words or more, the longest first.
#[derive(Debug, Clone)]
pub struct Phrases {
    phrases: Vec<Vec<WordPat>>,
    /// Where the list came from, for messages.
    pub origin: String,
}

/// What reading a phrase list left aside, for the user's attention.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Skipped {
    /// Lines of one word (already a term), by line number.
    pub single_words: Vec<usize>,
}

impl Phrases {
    /// The bundled list of UN multiword terms (`--phrases un`).
    pub fn un() -> Phrases {
        let text = include_str!("../../data/lexicons/en/un-phrases.list");
        Phrases::parse(text, "un")
            .expect("the bundled list is valid")
            .0
    }

    /// Reads a list: one phrase per line, words separated by spaces, `#` comments. Fails on a
    /// list without phrases, a bad wildcard or a phrase of more than [`MAX_PHRASE_WORDS`]
    /// words (naming `origin` and the line); lines of one word are skipped and reported.
    pub fn parse(text: &str, origin: &str) -> Result<(Phrases, Skipped)> {
        let mut phrases = Vec::new();
        let mut skipped = Skipped::default();
        for (n, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or("").trim();
            let words: Vec<String> = line.split_whitespace().map(fold).collect();
            match words.len() {
                0 => continue,
                1 => skipped.single_words.push(n + 1),
                k if k > MAX_PHRASE_WORDS => {
                    return Err(Error::Invalid(format!(
                        "{origin}, line {}: a phrase of {k} words (at most {MAX_PHRASE_WORDS}); \
                         shorten it",
                        n + 1
                    )))
                }
                _ => {
                    let pats = words
                        .iter()
                        .map(|w| word_pat(w).map_err(|e| at_line(origin, n + 1, w, e)))
                        .collect::<Result<Vec<_>>>()?;
                    phrases.push(pats);
                }
            }
        }
        if phrases.is_empty() {
            return Err(Error::Invalid(format!(
                "{origin}: no phrases of two words or more (one phrase per line, words \
                 separated by spaces)"
            )));
        }
        Ok((Phrases::sorted(phrases, origin), skipped))
    }

    /// Phrases given by their stems (each of two words or more), such as a corpus's strongest
    /// collocations.
    pub fn from_stems(stems: &[Vec<String>], origin: &str) -> Phrases {
        let phrases = stems
            .iter()
            .filter(|s| s.len() >= 2)
            .map(|s| s.iter().map(|w| WordPat::Stem(w.as_str().into())).collect())
            .collect();
        Phrases::sorted(phrases, origin)
    }

    fn sorted(mut phrases: Vec<Vec<WordPat>>, origin: &str) -> Phrases {
        // Stable: among phrases of one length, the list's order decides.
        phrases.sort_by_key(|p| std::cmp::Reverse(p.len()));
        Phrases {
            phrases,
            origin: origin.to_string(),
        }
    }

    /// This list and `other`'s phrases, the longest first (this list's first among equals).
    pub fn merged(self, other: Phrases) -> Phrases {
        let origin = format!("{} and {}", self.origin, other.origin);
        let mut all = self.phrases;
        all.extend(other.phrases);
        Phrases::sorted(all, &origin)
    }

    /// What the list holds, whatever file it came from: its length and a hash of its
    /// phrases (FNV-1a over each word pattern), so that two runs with the same phrases agree
    /// and two with different ones (`--compound-top` choosing its pairs per part) do not.
    pub fn signature(&self) -> String {
        use std::hash::Hasher;
        let mut h = fnv::FnvHasher::default();
        let mut eat = |tag: u8, text: &str| {
            h.write(&[tag]);
            h.write(text.as_bytes());
            h.write(&[0]);
        };
        // Compounds are keyed with their last word stemmed (not every word, as before): counts
        // keyed the old way are not summed with these.
        eat(b'v', "last word stemmed");
        for phrase in &self.phrases {
            for w in phrase {
                match w {
                    WordPat::Form(f) => eat(b'f', f),
                    WordPat::Glob(r, _) => eat(b'g', r.as_str()),
                    WordPat::Stem(t) => eat(b's', t),
                }
            }
            eat(b'|', "");
        }
        format!("{} phrases, {:016x}", self.phrases.len(), h.finish())
    }

    /// Number of phrases.
    pub fn len(&self) -> usize {
        self.phrases.len()
    }

    /// Whether the list is empty (never, for a list that was read).
    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }

    /// Words of phrase `p`.
    pub fn words(&self, p: usize) -> usize {
        self.phrases[p].len()
    }

    /// The phrases whose first word is a token of this form and stem, the longest first.
    pub fn starting(&self, form: &str, stem: &str) -> Vec<u32> {
        (0..self.phrases.len())
            .filter(|&p| self.phrases[p][0].matches(form, stem))
            .map(|p| p as u32)
            .collect()
    }

    /// Whether word `k` of phrase `p` matches a token of this form and stem.
    pub fn word_matches(&self, p: usize, k: usize, form: &str, stem: &str) -> bool {
        self.phrases[p][k].matches(form, stem)
    }
}

/// The pattern of one word of a list: a glob when it has `*` or `?`, else the folded form.
pub(crate) fn word_pat(w: &str) -> std::result::Result<WordPat, regex::Error> {
    if !w.contains(['*', '?']) {
        return Ok(WordPat::Form(w.into()));
    }
    let body = regex::escape(w).replace("\\*", ".*").replace("\\?", ".");
    let prefix = (w.strip_suffix('*'))
        .filter(|p| !p.contains(['*', '?']))
        .map(Into::into);
    Regex::new(&format!("^(?:{body})$")).map(|r| WordPat::Glob(r, prefix))
}

fn at_line(origin: &str, line: usize, word: &str, e: regex::Error) -> Error {
    Error::Invalid(format!("{origin}, line {line}: bad pattern '{word}': {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_trailing_star_matches_as_its_regex_does() {
        for (pat, form, want) in [
            ("condemn*", "condemn", true),
            ("condemn*", "condemnation", true),
            ("condemn*", "recondemn", false),
            ("*", "any", true),
            ("c?ndemn*", "condemned", true),
            ("*ing", "welcoming", true),
        ] {
            let p = word_pat(pat).unwrap();
            let WordPat::Glob(r, prefix) = &p else {
                panic!("{pat}: not a glob")
            };
            assert_eq!(p.matches(form, ""), want, "{pat} {form}");
            assert_eq!(r.is_match(form), want, "{pat} {form}: the regex");
            let plain = !pat[..pat.len() - 1].contains(['*', '?']) && pat.ends_with('*');
            assert_eq!(prefix.is_some(), plain, "{pat}");
        }
    }

    #[test]
    fn lists_are_read_longest_first_with_wildcards_and_comments() {
        let text =
            "# UN terms\nsecurity council\nunited nations charter # longer\nunited *\nNATO\n";
        let (p, skipped) = Phrases::parse(text, "t.txt").unwrap();
        assert_eq!(p.len(), 3);
        assert_eq!(skipped.single_words, vec![5]);
        assert_eq!(p.words(0), 3, "the longest phrase comes first");
        assert_eq!(p.starting("united", "unit"), vec![0, 2]);
        assert!(p.word_matches(2, 1, "states", "state"));
        assert!(
            !p.word_matches(1, 1, "councils", "council"),
            "forms match exactly"
        );
        assert!(
            p.starting("Security", "secur").is_empty(),
            "forms are folded"
        );
    }

    #[test]
    fn empty_lists_and_long_phrases_are_refused() {
        let e = Phrases::parse("# nothing\n\nword\n", "p.txt").unwrap_err();
        assert!(e.to_string().contains("p.txt: no phrases"), "{e}");
        let long = "a b c d e f g h i\n";
        let e = Phrases::parse(long, "p.txt").unwrap_err().to_string();
        assert!(e.contains("line 1") && e.contains("9 words"), "{e}");
    }

    #[test]
    fn stems_match_stems_and_the_bundled_list_reads() {
        let p = Phrases::from_stems(&[vec!["unit".into(), "nation".into()]], "top");
        assert_eq!(p.starting("united", "unit"), vec![0]);
        assert!(Phrases::un().len() > 50);
    }
}
