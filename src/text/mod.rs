//! Text processing: tokenising, case folding, stopwords and stemming. Knows nothing of files
//! or frames.

pub mod lang;
pub mod layout;
pub(crate) mod packed;
pub mod phrases;
pub mod segment;
pub mod stem;
pub mod tokenize;

pub use lang::Lang;
pub use layout::{detect_layout, Layout};
pub use phrases::Phrases;
pub use stem::{Rules, StemCache, Stopwords};
pub use tokenize::{
    tokenize, tokenize_into, tokenize_unicode, words_as_read, Token, TokenKind, TokenizeOptions,
};

/// Case-folds a surface form for counting: Unicode lower case, curly apostrophes folded to `'`
/// so `Armenia’s` and `Armenia's` count (and stem) alike, and invisible format characters
/// dropped (soft hyphens, direction marks and overrides, U+FEFF, word joiners), so text copied
/// from a web page counts with the rest. Zero-width (non-)joiners stay: they spell words in
/// Persian and Indic scripts.
pub fn fold(form: &str) -> String {
    let mut s = String::with_capacity(form.len());
    fold_into(form, &mut s);
    s
}

/// The apostrophes that folding writes as `'` (`Russia’s` → `russia's`).
pub const APOSTROPHES: [char; 4] = ['\u{2019}', '\u{2018}', '\u{02BC}', '\u{FF07}'];

/// [`fold`] into a reusable buffer.
pub fn fold_into(form: &str, out: &mut String) {
    fold_with(form, out, true);
}

/// [`fold_into`], lower-casing only when `lower` (a case-sensitive search keeps the case and
/// folds the rest: apostrophes, hyphens, invisible characters).
pub fn fold_with(form: &str, out: &mut String, lower: bool) {
    out.clear();
    for c in form.chars() {
        match c {
            c if c.is_ascii() => out.push(if lower { c.to_ascii_lowercase() } else { c }),
            c if APOSTROPHES.contains(&c) => out.push('\''),
            '\u{2010}' | '\u{2011}' => out.push('-'),
            '\u{00AD}'
            | '\u{200B}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}' => {}
            c if lower => out.extend(c.to_lowercase()),
            c => out.push(c),
        }
    }
}
