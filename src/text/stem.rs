//! Stemming with the current Snowball rules (snowstem) or the classic ones (rust-stemmers), one
//! stem per distinct form, cached; and stopword sets.

use super::lang::{parse_list, Lang};
use crate::error::{Error, Result};
use ahash::{AHashMap, AHashSet};
use std::path::Path;

/// Which release of the Snowball rules stems words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Rules {
    /// The current Snowball release (3.1, the snowstem crate), as PyStemmer 3 gives it to
    /// polars and scikit-learn pipelines: `international` → `internat`, `internal` →
    /// `internal`, `organization` → `organiz`, `university` → `universiti`.
    #[default]
    Snowball,
    /// The rules from before Snowball 3.0 (Porter2 for English; the rust-stemmers crate), as
    /// NLTK's `SnowballStemmer` and R's SnowballC 0.7 give them: `international`, `internal`
    /// and `intern` all → `intern`, `organization` and `organ` → `organ`.
    Classic,
}

impl Rules {
    /// The names [`Rules::parse`] accepts (the command line's `--stemmer` values).
    pub const NAMES: [&'static str; 2] = ["snowball", "classic"];

    /// Parses `snowball` or `classic`.
    pub fn parse(s: &str) -> Result<Rules> {
        match s {
            "snowball" => Ok(Rules::Snowball),
            "classic" => Ok(Rules::Classic),
            _ => Err(Error::Invalid(format!(
                "unknown stemming rules '{s}': use 'snowball' (the current Snowball rules) or 'classic' \
                 (the rules from before Snowball 3.0, as NLTK and SnowballC)"
            ))),
        }
    }
}

enum Engine {
    Snowball(snowstem::Stemmer),
    /// The classic rules; `true` for Russian, whose `ё` they do not know: it is read as `е`
    /// first, as NLTK and the current Snowball rules read it (`пришёл` → `пришел`).
    Classic(rust_stemmers::Stemmer, bool),
    Off,
}

/// A stemmer with a cache: each distinct folded form is stemmed once.
pub struct StemCache {
    engine: Engine,
    cache: AHashMap<String, String>,
    /// The elided articles and pronouns of the language ([`elisions`]).
    elisions: &'static [&'static str],
}

/// The articles and pronouns that French and Italian elide into the next word with an
/// apostrophe (`l'Ukraine`, `qu'il`, `dell'Europa`), folded; none in other languages. The
/// word after one is stemmed alone (`l'ukraine` and `ukraine` share the stem `ukrain`, with
/// or without stems, as Snowball's current French rules cut them) and is a stopword when the
/// word is (`qu'il`, `c'est`). The negation `n'` is not among them: `n'appuie` stays a word of
/// its own, not the act `appuie` without its negation.
pub fn elisions(lang: &str) -> &'static [&'static str] {
    match lang {
        "fr" => &[
            "l", "d", "j", "m", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu",
        ],
        "it" => &[
            "l", "d", "dell", "nell", "all", "dall", "sull", "coll", "un", "quest", "quell",
        ],
        _ => &[],
    }
}

/// How many bytes of the folded word `w` are an elided article or pronoun of `elisions` and
/// its apostrophe (`'` or `’`), when a vowel, `h` or `y` follows (elision comes before those
/// only: `N'Djamena` and `M'Bow` are names); 0 otherwise.
pub fn elided_len(elisions: &[&str], w: &str) -> usize {
    if elisions.is_empty() {
        return 0;
    }
    let Some(i) = w.find(['\'', '’']) else {
        return 0;
    };
    let mark = w[i..].chars().next().map_or(1, char::len_utf8);
    let next = w[i + mark..].chars().next();
    let vowel = next.is_some_and(|c| "aàâäeéèêëiîïoôöuùûüyÿhæœ".contains(c));
    if elisions.contains(&&w[..i]) && vowel {
        i + mark
    } else {
        0
    }
}

impl StemCache {
    /// A stemmer for `lang` with `rules`, or the identity when `stem` is false (`--no-stem`).
    pub fn new(lang: Lang, rules: Rules, stem: bool) -> Self {
        let engine = match (stem, rules) {
            (false, _) => Engine::Off,
            (true, Rules::Snowball) => Engine::Snowball(snowstem::Stemmer::create(lang.snowball())),
            (true, Rules::Classic) => Engine::Classic(
                rust_stemmers::Stemmer::create(lang.classic()),
                lang.code == "ru",
            ),
        };
        StemCache {
            engine,
            cache: AHashMap::new(),
            elisions: elisions(lang.code),
        }
    }

    /// How many bytes of the folded word `w` are an elided article and its apostrophe
    /// ([`elided_len`] for this stemmer's language).
    pub fn elided_len(&self, w: &str) -> usize {
        elided_len(self.elisions, w)
    }

    /// The stem of a folded form.
    pub fn stem(&mut self, folded: &str) -> &str {
        if !self.cache.contains_key(folded) {
            let s = self.stem_once(folded);
            self.cache.insert(folded.to_string(), s);
        }
        &self.cache[folded]
    }

    /// Stems without caching (for one-off lookups such as a kwic pattern).
    /// A multiword term (words separated by spaces, see [`crate::text::Phrases`]) is one term
    /// whose last word is stemmed, as quanteda stems a compound token (`developing countries`
    /// and `developed countries` stay two terms, `developing country` is the first): its words
    /// joined by one space.
    pub fn stem_once(&self, folded: &str) -> String {
        if folded.contains(char::is_whitespace) {
            let words: Vec<&str> = folded.split_whitespace().collect();
            let (last, before) = words.split_last().unwrap_or((&"", &[]));
            // As written, but Russian `ё` read as `е`, as the stemmer reads it (`объединённых
            // наций` is `объединенных наций`).
            let mut out = before.join(" ").replace('ё', "е");
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&self.stem_once(last));
            return out;
        }
        // The word after an elided article (`l'ukraine`: `ukraine`).
        let folded = &folded[self.elided_len(folded)..];
        // An abbreviation (`u.s`, `e.g`) or a number with a point is no word to stem: the
        // rules would make `u.` of `u.s`.
        if folded.contains('.') {
            return folded.to_string();
        }
        match &self.engine {
            Engine::Snowball(st) => st.stem(folded).into_owned(),
            Engine::Classic(st, true) if folded.contains('ё') => {
                st.stem(&folded.replace('ё', "е")).into_owned()
            }
            Engine::Classic(st, _) => st.stem(folded).into_owned(),
            Engine::Off => folded.to_string(),
        }
    }
}

/// Which stopwords to drop from frequency tables.
#[derive(Debug, Clone, Default)]
pub struct Stopwords {
    set: AHashSet<String>,
    /// The language's elided articles ([`elisions`]): `qu'il` is the stopword `il`.
    elisions: &'static [&'static str],
    /// Numbers (forms with a digit and no letter: `1993`, `2,000`, `21st` keeps its letters)
    /// count as stopwords too (`--no-numbers`).
    numbers: bool,
}

impl Stopwords {
    /// What the list is, in one line that two equal lists share: its size, whether numbers
    /// count, and an FNV-1a hash of its words in order.
    pub fn signature(&self) -> String {
        let mut words: Vec<&str> = self.set.iter().map(String::as_str).collect();
        words.sort_unstable();
        use std::hash::Hasher;
        let mut h = fnv::FnvHasher::default();
        for w in &words {
            h.write(w.as_bytes());
            h.write(&[0]);
        }
        format!(
            "{} words{}, {:016x}",
            words.len(),
            if self.numbers { " and numbers" } else { "" },
            h.finish()
        )
    }

    /// No stopwords.
    pub fn none() -> Self {
        Stopwords::default()
    }

    /// The bundled list for `lang`.
    pub fn bundled(lang: Lang) -> Self {
        Stopwords {
            set: parse_list(lang.stopword_list()).into_iter().collect(),
            elisions: elisions(lang.code),
            numbers: false,
        }
    }

    /// Parses a `--stopwords` value: `none`, a language code, a path to a word list, or
    /// several of these joined by `+` (`en+extra.txt`: the bundled English list and the words
    /// of a file together).
    pub fn from_spec(spec: &str, default_lang: Lang) -> Result<Self> {
        if spec.contains('+') && !Path::new(spec).is_file() {
            let mut all = Stopwords {
                elisions: elisions(default_lang.code),
                ..Stopwords::none()
            };
            for part in spec.split('+') {
                all.set.extend(Self::from_spec(part, default_lang)?.set);
            }
            return Ok(all);
        }
        Self::one_spec(spec, default_lang)
    }

    /// The files a `--stopwords` value reads, by [`Stopwords::from_spec`]'s own rule: a path
    /// that is a file is read whole, even with a `+` in its name; `none`, `default` and
    /// language codes are no files.
    pub fn files_of(spec: &str) -> Vec<std::path::PathBuf> {
        if spec.contains('+') && !Path::new(spec).is_file() {
            return spec.split('+').flat_map(Self::files_of).collect();
        }
        match spec {
            "none" | "" | "default" => Vec::new(),
            s if Path::new(s).is_file() => vec![s.into()],
            _ => Vec::new(),
        }
    }

    fn one_spec(spec: &str, default_lang: Lang) -> Result<Self> {
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
                    elisions: elisions(default_lang.code),
                    numbers: false,
                })
            }
            s => match Lang::parse(s) {
                Ok(l) => Ok(Self::bundled(l)),
                Err(_) => Err(Error::Invalid(format!(
                    "stopwords '{s}': not 'none', a language code or an existing file (join \
                     several with +: en+extra.txt)"
                ))),
            },
        }
    }

    /// The same list, with numbers left out of term tables too.
    pub fn without_numbers(self) -> Self {
        Stopwords {
            numbers: true,
            ..self
        }
    }

    /// True if the folded form is a stopword.
    pub fn contains(&self, folded: &str) -> bool {
        self.set.contains(folded)
            || (!self.elisions.is_empty() && {
                let cut = elided_len(self.elisions, folded);
                cut > 0 && self.set.contains(&folded[cut..])
            })
            || (self.numbers
                && folded.chars().any(|c| c.is_numeric())
                && !folded.chars().any(char::is_alphabetic))
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
    fn classic_russian_reads_yo_as_ye_as_nltk_does() {
        let ru = Lang::parse("ru").unwrap();
        let classic = StemCache::new(ru, Rules::Classic, true);
        // NLTK 3.10's SnowballStemmer("russian") on the same words.
        for (word, nltk) in [
            ("ещё", "ещ"),
            ("всё", "все"),
            ("ёлки", "елк"),
            ("пришёл", "пришел"),
        ] {
            assert_eq!(classic.stem_once(word), nltk, "{word}");
        }
        let current = StemCache::new(ru, Rules::Snowball, true);
        assert_eq!(current.stem_once("пришёл"), classic.stem_once("пришёл"));
    }

    #[test]
    fn an_elided_article_is_cut_only_before_a_word() {
        let fr = elisions("fr");
        assert_eq!(elided_len(fr, "l'ukraine"), 2);
        assert_eq!(elided_len(fr, "qu’il"), "qu’".len());
        assert_eq!(elided_len(fr, "jusqu'à"), "jusqu'".len());
        assert_eq!(elided_len(fr, "l'hémicycle"), 2);
        // Not an elided article: a word of its own, nothing after the mark, a name before a
        // consonant, or the negation (`n'appuie` is not `appuie`).
        for w in [
            "aujourd'hui",
            "quelqu'un",
            "l'",
            "ukraine",
            "n'djamena",
            "m'bow",
            "n'appuie",
        ] {
            assert_eq!(elided_len(fr, w), 0, "{w}");
        }
        let stop = Stopwords::bundled(Lang::parse("fr").unwrap());
        assert!(stop.contains("qu'il") && stop.contains("c'est") && !stop.contains("l'ukraine"));
        assert_eq!(elided_len(elisions("en"), "l'oreal"), 0);
        let st = StemCache::new(Lang::parse("fr").unwrap(), Rules::Classic, true);
        assert_eq!(st.stem_once("l'ukraine"), st.stem_once("ukraine"));
    }

    #[test]
    fn lists_join_with_plus_and_numbers_can_go() {
        let dir = tempfile::tempdir().unwrap();
        let extra = dir.path().join("extra.txt");
        std::fs::write(&extra, "excellency\nmr\n").unwrap();
        let spec = format!("en+{}", extra.display());
        let s = Stopwords::from_spec(&spec, Lang::english()).unwrap();
        assert!(s.contains("the") && s.contains("excellency") && s.contains("mr"));
        assert_eq!(s.len(), Stopwords::bundled(Lang::english()).len() + 2);
        assert!(Stopwords::from_spec("en+nosuchlist", Lang::english()).is_err());
        let n = Stopwords::none().without_numbers();
        assert!(n.contains("1993") && n.contains("2,000") && n.contains("٢٠٢٠"));
        assert!(!n.contains("21st") && !n.contains("g-20") && !n.contains("peace"));
        assert!(!Stopwords::none().contains("1993"));
    }

    #[test]
    fn english_stems_and_apostrophes() {
        for rules in [Rules::Snowball, Rules::Classic] {
            let mut s = StemCache::new(Lang::english(), rules, true);
            assert_eq!(s.stem("elections"), "elect");
            assert_eq!(s.stem(&crate::text::fold("Armenia’s")), "armenia");
            let mut n = StemCache::new(Lang::english(), rules, false);
            assert_eq!(n.stem("elections"), "elections");
        }
    }

    #[test]
    fn the_two_rule_sets_differ_where_snowball_3_changed_english() {
        let mut new = StemCache::new(Lang::english(), Rules::Snowball, true);
        let mut old = StemCache::new(Lang::english(), Rules::Classic, true);
        // Snowball 3 keeps `inter-`, `organ-`, `univers-` and `emerg-` words apart.
        for (word, now, before) in [
            ("international", "internat", "intern"),
            ("internal", "internal", "intern"),
            ("organization", "organiz", "organ"),
            ("university", "universiti", "univers"),
            ("emergency", "emergenc", "emerg"),
            ("added", "add", "ad"),
        ] {
            assert_eq!(new.stem(word), now, "{word}");
            assert_eq!(old.stem(word), before, "{word}");
        }
        assert_ne!(new.stem_once("internal"), new.stem_once("international"));
        assert_eq!(old.stem_once("internal"), old.stem_once("international"));
        let parsed: Vec<Rules> = Rules::NAMES
            .iter()
            .map(|n| Rules::parse(n).unwrap())
            .collect();
        assert_eq!(parsed, [Rules::Snowball, Rules::Classic]);
        assert!(Rules::parse("porter").is_err());
    }

    #[test]
    fn every_language_stems_under_both_rules() {
        // One plural noun per language, whose stem both rule sets shorten.
        let plurals = [
            ("ar", "الكتاب"),
            ("da", "bøgerne"),
            ("nl", "boeken"),
            ("en", "books"),
            ("fi", "kirjoja"),
            ("fr", "élections"),
            ("de", "wahlen"),
            ("el", "εκλογές"),
            ("hu", "könyvek"),
            ("it", "elezioni"),
            ("no", "bøkene"),
            ("pt", "eleições"),
            ("ro", "alegerile"),
            ("ru", "выборы"),
            ("es", "elecciones"),
            ("sv", "böckerna"),
            ("ta", "புத்தகங்கள்"),
            ("tr", "seçimler"),
        ];
        assert_eq!(plurals.len(), crate::text::lang::LANGS.len());
        for (code, word) in plurals {
            let lang = Lang::parse(code).unwrap();
            for rules in [Rules::Snowball, Rules::Classic] {
                let stem = StemCache::new(lang, rules, true).stem_once(word);
                assert!(
                    !stem.is_empty() && stem.chars().count() < word.chars().count(),
                    "{code} {rules:?}: {word} -> {stem}"
                );
            }
        }
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
