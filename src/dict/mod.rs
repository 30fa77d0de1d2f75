//! Dictionaries: categories of words and phrases (quanteda's YAML, LIWC `.dic`, a plain list),
//! counted in documents as quanteda's `tokens_lookup` counts them, with how often each match
//! stands inside quotation marks and scare quotes; and the diplomatic speech acts built on
//! them (`acts`).
//!
//! Matching rules (quanteda's defaults, `valuetype = "glob"`, `case_insensitive = TRUE`,
//! `nested_scope = "key"`): an entry is one or more words separated by spaces; each word is
//! matched against a token's folded form, `*` standing for any run of characters (none
//! included) and `?` for one; a multiword entry matches words that stand together (in one
//! sentence, nothing but spaces, quotation marks or a joining hyphen between them). With
//! [`MatchOn::Stem`], a word without wildcards matches every token with its stem instead
//! (`condemn` also finds `condemned`, `condemnation`). Within one category a token is counted
//! once: at each word the longest entry of the category that starts there wins, and matching
//! goes on after it; the same token can count in several categories.

pub mod acts;
mod hit;
pub mod models;
mod read;
mod scan;
mod speaker;
mod table;
mod targets;

pub use acts::{ActLexicon, STRONG};
pub use hit::{ActHit, ActTexts};
pub use read::Format;
pub use scan::{
    scan, scan_analysed, scan_docs, DictDoc, EntryHit, Hit, Matcher, Scanned, TextsAside,
};
pub use table::{
    acts_frames, acts_frames_of_docs, dict_frames, instances_frame, instances_in_pieces, wide,
    ActsFrames, Bins, DictFrames, Tally, WideValue, CONDEMNATORY,
};
pub use targets::{act_targets, names_of, target_key};

use crate::analysis::Options;
use crate::error::{Error, Result};
use crate::text::fold;
use crate::text::phrases::{word_pat, WordPat};
use ahash::AHashMap;

/// Words in a dictionary entry at most.
pub const MAX_ENTRY_WORDS: usize = 8;

/// A dictionary as read: entries under categories, each category a path of keys (a nested
/// dictionary has paths of several keys; [`Dictionary::compile`] chooses the level).
#[derive(Debug, Clone, Default)]
pub struct Dictionary {
    /// Every entry with its category's path, in the file's order.
    pub entries: Vec<(Vec<String>, String)>,
    /// The categories' paths in the file's order (empty categories included).
    pub categories: Vec<Vec<String>>,
    /// Where the dictionary came from, for messages.
    pub origin: String,
}

/// How entry words without wildcards are matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MatchOn {
    /// The token's folded form, exactly (quanteda's default).
    #[default]
    Form,
    /// The token's stem: the entry word is stemmed as the corpus is.
    Stem,
}

/// One entry ready to match.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Its category (an index into [`Compiled::keys`]).
    pub key: u32,
    /// The entry as written (folded).
    pub text: String,
    words: Vec<WordPat>,
}

/// A dictionary compiled for matching: categories at one level, entries the longest first.
#[derive(Debug, Clone)]
pub struct Compiled {
    /// Category names (nested keys joined by `.`), in the file's order.
    pub keys: Vec<String>,
    /// Entries, the longest first (the file's order among equals).
    pub entries: Vec<Entry>,
    /// Per category: the category `!name` that lists its exceptions, if any (a match of an
    /// exception removes the matches of `name` it overlaps: `!support` = `support to`).
    pub exceptions: Vec<Option<u32>>,
    /// Folded forms that may stand between two words of a multiword entry (two at most):
    /// empty for a dictionary, the modifiers of a lexicon of acts (`expressed deep concern`).
    pub between: ahash::AHashSet<String>,
    /// Keep, per document, the words each entry matched ([`DictDoc::entries`], what `dict
    /// --entries` shows). On when a dictionary is compiled, off when a lexicon of acts is
    /// (acts need the matches only); `dict` keeps them for `--entries` alone, so that a table
    /// of counts holds a few per document, whatever the corpus says.
    pub keep_matched: bool,
    /// The entries by their first word, so that finding those a word starts costs a few
    /// look-ups rather than a test of every entry.
    first: FirstWords,
}

/// Entries by the kind of their first word.
#[derive(Debug, Clone, Default)]
struct FirstWords {
    /// A word without wildcards, matched on the form: by that form.
    form: AHashMap<Box<str>, Vec<u32>>,
    /// A word without wildcards, matched on the stem: by that stem.
    stem: AHashMap<Box<str>, Vec<u32>>,
    /// A word whose only wildcard is a final `*` (`condemn*`): by what comes before it.
    prefix: AHashMap<Box<str>, Vec<u32>>,
    /// Any other glob, tested one by one.
    other: Vec<u32>,
}

impl FirstWords {
    fn of(entries: &[Entry]) -> FirstWords {
        let mut f = FirstWords::default();
        for (i, e) in entries.iter().enumerate() {
            let i = i as u32;
            let first = e.text.split(' ').next().unwrap_or("");
            match &e.words[0] {
                WordPat::Form(w) => f.form.entry(w.clone()).or_default().push(i),
                WordPat::Stem(w) => f.stem.entry(w.clone()).or_default().push(i),
                WordPat::Glob(..) => match first.strip_suffix('*') {
                    Some(p) if !p.contains(['*', '?']) => {
                        f.prefix.entry(p.into()).or_default().push(i)
                    }
                    _ => f.other.push(i),
                },
            }
        }
        f
    }
}

impl Dictionary {
    /// Reads a dictionary from `text`: YAML when `format` says so or the origin ends in `.yml`
    /// or `.yaml`, LIWC for `.dic` or text that starts with `%`, a plain list otherwise.
    pub fn parse(text: &str, origin: &str, format: Option<Format>) -> Result<Dictionary> {
        let format = format.unwrap_or_else(|| Format::guess(origin, text));
        let d = read::parse(text, origin, format)?;
        if d.entries.is_empty() {
            return Err(Error::Invalid(format!(
                "{origin}: no entries (read as {}); a dictionary has categories with words or \
                 phrases under them",
                format.name()
            )));
        }
        Ok(d)
    }

    /// Reads a dictionary file (see [`Dictionary::parse`]).
    pub fn read(path: &std::path::Path) -> Result<Dictionary> {
        let origin = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| Error::Read {
            path: path.to_path_buf(),
            source: e,
        })?;
        let text = String::from_utf8(bytes).map_err(|e| {
            Error::Invalid(format!(
                "{origin}: the dictionary is not UTF-8 (byte {}); convert it, e.g. with iconv \
                 -f latin1 -t utf-8",
                e.utf8_error().valid_up_to()
            ))
        })?;
        Dictionary::parse(text.trim_start_matches('\u{feff}'), &origin, None)
    }

    /// The deepest level of nesting (1 for a flat dictionary).
    pub fn depth(&self) -> usize {
        self.categories.iter().map(Vec::len).max().unwrap_or(1)
    }

    /// Compiles the entries for matching, with categories cut at `levels` keys (quanteda's
    /// `levels`; `None`: every level) and words matched `on` forms or stems.
    pub fn compile(&self, levels: Option<usize>, on: MatchOn, opts: &Options) -> Result<Compiled> {
        let cut = |path: &[String]| {
            let n = levels.unwrap_or(usize::MAX).min(path.len()).max(1);
            path[..n].join(".")
        };
        let mut keys: Vec<String> = Vec::new();
        for c in &self.categories {
            let k = cut(c);
            if !keys.contains(&k) {
                keys.push(k);
            }
        }
        let mut entries = Vec::with_capacity(self.entries.len());
        for (path, text) in &self.entries {
            let k = cut(path);
            let key = keys.iter().position(|x| *x == k).unwrap_or_else(|| {
                keys.push(k.clone());
                keys.len() - 1
            }) as u32;
            let folded: Vec<String> = text.split_whitespace().map(fold).collect();
            if folded.is_empty() {
                continue;
            }
            if folded.len() > MAX_ENTRY_WORDS {
                return Err(Error::Invalid(format!(
                    "{}: entry '{text}' has {} words (at most {MAX_ENTRY_WORDS})",
                    self.origin,
                    folded.len()
                )));
            }
            let words = folded
                .iter()
                .map(|w| pattern(w, on, opts))
                .collect::<std::result::Result<Vec<_>, _>>()
                .map_err(|e| Error::Invalid(format!("{}: bad entry '{text}': {e}", self.origin)))?;
            entries.push(Entry {
                key,
                text: folded.join(" "),
                words,
            });
        }
        // Stable: the file's order among entries of one length.
        entries.sort_by_key(|e| std::cmp::Reverse(e.words.len()));
        let exceptions = keys
            .iter()
            .map(|k| {
                let name = format!("!{k}");
                keys.iter().position(|x| *x == name).map(|i| i as u32)
            })
            .collect();
        Ok(Compiled {
            keys,
            first: FirstWords::of(&entries),
            entries,
            exceptions,
            between: Default::default(),
            keep_matched: true,
        })
    }
}

fn pattern(word: &str, on: MatchOn, opts: &Options) -> std::result::Result<WordPat, regex::Error> {
    match on {
        MatchOn::Stem if !word.contains(['*', '?']) => {
            Ok(WordPat::Stem(opts.term_key(word).into()))
        }
        _ => word_pat(word),
    }
}

impl Entry {
    /// Words in the entry.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether the entry has no words (never, once compiled).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether word `k` of the entry matches a token of this form and stem.
    pub fn word_matches(&self, k: usize, form: &str, stem: &str) -> bool {
        self.words[k].matches(form, stem)
    }

    /// Whether word `k` of the entry is a suffix wildcard of letters (`*ing`): it stands for a
    /// word of its own class (a gerund), which an article does not come before, so no article
    /// may be skipped to reach it (`commitment to *ing` is not `commitment to the enduring
    /// ...`). A possessive (`recognizing *’s`) may follow one: `recognizing the Council’s`.
    pub fn is_suffix_glob(&self, k: usize) -> bool {
        matches!(self.words[k], WordPat::Glob(..))
            && self.text.split_whitespace().nth(k).is_some_and(|w| {
                w.strip_prefix('*')
                    .is_some_and(|rest| !rest.is_empty() && rest.chars().all(char::is_alphabetic))
            })
    }
}

impl Compiled {
    /// Whether category `key` lists another's exceptions (its name starts with `!`).
    pub fn is_exception(&self, key: u32) -> bool {
        self.keys[key as usize].starts_with('!')
    }

    /// The categories counted (all but the exceptions), by index.
    pub fn counted(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.keys.len()).filter(|&k| !self.is_exception(k as u32))
    }

    /// The entries whose first word matches a token of this form and stem, the longest first.
    pub fn starting(&self, form: &str, stem: &str) -> Vec<u32> {
        let f = &self.first;
        let mut out: Vec<u32> = Vec::new();
        out.extend(f.form.get(form).into_iter().flatten());
        out.extend(f.stem.get(stem).into_iter().flatten());
        for (i, _) in form.char_indices().chain([(form.len(), ' ')]) {
            out.extend(f.prefix.get(&form[..i]).into_iter().flatten());
        }
        out.extend(
            f.other
                .iter()
                .filter(|&&e| self.entries[e as usize].word_matches(0, form, stem)),
        );
        // Entries are kept the longest first: so are the ones found.
        out.sort_unstable();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Lang;

    #[test]
    fn entries_found_by_their_first_word_are_those_every_entry_tested_finds() {
        let yaml =
            "a: [condemn*, condemn, 'condemn* the', '*tion', 'st?te', state, 'we support']\n\
                    b: [cond*, '*', support, 'x*y']\n";
        let d = Dictionary::parse(yaml, "t.yml", None).unwrap();
        let opts = Options::new(Lang::english());
        for on in [MatchOn::Form, MatchOn::Stem] {
            let c = d.compile(None, on, &opts).unwrap();
            for word in [
                "condemn",
                "condemned",
                "condemnation",
                "cond",
                "state",
                "stute",
                "states",
                "we",
                "support",
                "supported",
                "xy",
                "xay",
                "",
                "nation",
            ] {
                let stem = opts.term_key(word);
                let all: Vec<u32> = (0..c.entries.len() as u32)
                    .filter(|&e| c.entries[e as usize].word_matches(0, word, &stem))
                    .collect();
                assert_eq!(c.starting(word, &stem), all, "{word} ({on:?})");
            }
        }
    }
}
