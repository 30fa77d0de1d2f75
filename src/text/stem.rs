//! Stemming with rust-stemmers (one stem per distinct form, cached) and stopword sets.

use super::lang::{parse_list, Lang};
use crate::error::{Error, Result};
use ahash::{AHashMap, AHashSet};
use rust_stemmers::Stemmer;
use std::path::Path;

/// A stemmer with a cache: each distinct folded form is stemmed once.
pub struct StemCache {
    stemmer: Option<Stemmer>,
    cache: AHashMap<String, String>,
}

impl StemCache {
    /// A stemmer for `lang`, or the identity when `stem` is false (`--no-stem`).
    pub fn new(lang: Lang, stem: bool) -> Self {
        StemCache {
            stemmer: stem.then(|| Stemmer::create(lang.algorithm())),
            cache: AHashMap::new(),
        }
    }

    /// The stem of a folded form.
    pub fn stem(&mut self, folded: &str) -> &str {
        if !self.cache.contains_key(folded) {
            let s = match &self.stemmer {
                Some(st) => st.stem(folded).into_owned(),
                None => folded.to_string(),
            };
            self.cache.insert(folded.to_string(), s);
        }
        &self.cache[folded]
    }

    /// Stems without caching (for one-off lookups such as a kwic pattern).
    pub fn stem_once(&self, folded: &str) -> String {
        match &self.stemmer {
            Some(st) => st.stem(folded).into_owned(),
            None => folded.to_string(),
        }
    }
}

/// Which stopwords to drop from frequency tables.
#[derive(Debug, Clone, Default)]
pub struct Stopwords {
    set: AHashSet<String>,
}

impl Stopwords {
    /// No stopwords.
    pub fn none() -> Self {
        Stopwords::default()
    }

    /// The bundled list for `lang`.
    pub fn bundled(lang: Lang) -> Self {
        Stopwords {
            set: parse_list(lang.stopword_list()).into_iter().collect(),
        }
    }

    /// Parses a `--stopwords` value: `none`, a language code, or a path to a word list.
    pub fn from_spec(spec: &str, default_lang: Lang) -> Result<Self> {
        match spec {
            "none" => Ok(Self::none()),
            "" | "default" => Ok(Self::bundled(default_lang)),
            s if Path::new(s).is_file() => {
                let text = std::fs::read_to_string(s).map_err(|e| Error::Read {
                    path: s.into(),
                    source: e,
                })?;
                Ok(Stopwords {
                    set: parse_list(&text).into_iter().collect(),
                })
            }
            s => match Lang::parse(s) {
                Ok(l) => Ok(Self::bundled(l)),
                Err(_) => Err(Error::Invalid(format!(
                    "--stopwords {s}: not 'none', a language code or an existing file"
                ))),
            },
        }
    }

    /// True if the folded form is a stopword.
    pub fn contains(&self, folded: &str) -> bool {
        self.set.contains(folded)
    }

    /// Number of stopwords.
    pub fn len(&self) -> usize {
        self.set.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.set.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_stems_and_apostrophes() {
        let mut s = StemCache::new(Lang::english(), true);
        assert_eq!(s.stem("elections"), "elect");
        assert_eq!(s.stem(&crate::text::fold("Armenia’s")), "armenia");
        assert_eq!(s.stem("international"), "intern");
        let mut n = StemCache::new(Lang::english(), false);
        assert_eq!(n.stem("elections"), "elections");
    }

    #[test]
    fn every_language_has_stopwords() {
        for l in crate::text::lang::LANGS {
            assert!(Stopwords::bundled(*l).len() > 20, "{}", l.code);
        }
        assert!(Stopwords::bundled(Lang::english()).contains("the"));
        assert!(Stopwords::bundled(Lang::english()).contains("don't"));
    }
}
