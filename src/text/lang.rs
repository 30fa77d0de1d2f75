//! Languages: the Snowball stemmers (current and classic rules), with their bundled stopword
//! lists and quote-classifier lexicons.

use crate::error::{Error, Result};

/// A language verbale can stem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lang {
    /// ISO 639-1 code (`en`, `fr`, ...).
    pub code: &'static str,
    /// English name.
    pub name: &'static str,
    snowball: snowstem::Algorithm,
    classic: rust_stemmers::Algorithm,
}

macro_rules! langs {
    ($(($code:literal, $name:literal, $alg:ident)),* $(,)?) => {
        /// Every supported language.
        pub const LANGS: &[Lang] = &[$(Lang {
            code: $code,
            name: $name,
            snowball: snowstem::Algorithm::$alg,
            classic: rust_stemmers::Algorithm::$alg,
        }),*];
        fn bundled_stopwords(code: &str) -> &'static str {
            match code {
                $($code => include_str!(concat!("../../data/stopwords/", $code, ".list")),)*
                _ => "",
            }
        }
    };
}

langs![
    ("ar", "Arabic", Arabic),
    ("da", "Danish", Danish),
    ("nl", "Dutch", Dutch),
    ("en", "English", English),
    ("fi", "Finnish", Finnish),
    ("fr", "French", French),
    ("de", "German", German),
    ("el", "Greek", Greek),
    ("hu", "Hungarian", Hungarian),
    ("it", "Italian", Italian),
    ("no", "Norwegian", Norwegian),
    ("pt", "Portuguese", Portuguese),
    ("ro", "Romanian", Romanian),
    ("ru", "Russian", Russian),
    ("es", "Spanish", Spanish),
    ("sv", "Swedish", Swedish),
    ("ta", "Tamil", Tamil),
    ("tr", "Turkish", Turkish),
];

impl Lang {
    /// Looks a language up by code or English name (case-insensitive).
    pub fn parse(s: &str) -> Result<Lang> {
        let l = s.to_ascii_lowercase();
        LANGS
            .iter()
            .find(|x| x.code == l || x.name.eq_ignore_ascii_case(&l))
            .copied()
            .ok_or_else(|| {
                Error::UnknownLanguage(
                    s.to_string(),
                    LANGS.iter().map(|x| x.code).collect::<Vec<_>>().join(", "),
                )
            })
    }

    /// English.
    pub fn english() -> Lang {
        LANGS[3]
    }

    /// The algorithm under the current Snowball rules (snowstem; Dutch is Snowball 3's new
    /// Dutch stemmer).
    pub fn snowball(&self) -> snowstem::Algorithm {
        self.snowball
    }

    /// The algorithm under the classic rules (rust-stemmers).
    pub fn classic(&self) -> rust_stemmers::Algorithm {
        self.classic
    }

    /// The bundled stopword list (one word per line, `#` comments), empty if none is bundled.
    pub fn stopword_list(&self) -> &'static str {
        bundled_stopwords(self.code)
    }
}

/// Parses a word list: one entry per line, `#` starts a comment, blank lines ignored,
/// lower-cased, curly apostrophes folded to `'`.
pub fn parse_list(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .map(super::fold)
        .collect()
}
