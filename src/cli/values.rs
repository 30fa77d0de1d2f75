//! Parsers of option values that clap's own do not give: counts of at least one,
//! probabilities, text encodings, words that are not empty, field names.

/// A count of at least one (`--top 0` would show nothing; `--min-count 0` would mean the same
/// as `--min-count 1`, so it is refused rather than shown as "seen at least 0 times").
pub fn at_least_one<T: std::str::FromStr + PartialOrd + From<u8>>(s: &str) -> Result<T, String> {
    match s.parse::<T>() {
        Ok(n) if n >= T::from(1) => Ok(n),
        _ => Err(format!("'{s}' is not a count of at least 1")),
    }
}

/// A word or phrase with a letter or digit in it (`--target-has ''` would keep no act).
pub fn word(s: &str) -> Result<String, String> {
    if s.chars().any(char::is_alphanumeric) {
        // `--terms "NATO, sanctions"`: the space after the comma is no part of the word.
        Ok(s.trim().to_string())
    } else {
        Err(format!(
            "{s:?} names no word: give a word or phrase, such as russia"
        ))
    }
}

/// A field's name as `docs` shows it, without the spaces around it (`--group-by "year,
/// country"`); an empty one is refused.
pub fn field(s: &str) -> Result<String, String> {
    match s.trim() {
        "" => Err(
            "an empty field name: name the fields with commas between them, such as \
                   year,country"
                .to_string(),
        ),
        f => Ok(f.to_string()),
    }
}

/// A probability from 0 to 1.
pub fn probability(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        // `-0` is 0 (one fingerprint for both).
        Ok(p) if (0.0..=1.0).contains(&p) => Ok(p + 0.0),
        _ => Err(format!("expected a probability from 0 to 1, not {s:?}")),
    }
}

/// A legacy text encoding by any of its WHATWG labels (`windows-1252`, `latin1`, `cp1251`,
/// `gb18030`); UTF-8 and UTF-16 are what files are read in anyway, so they are refused.
pub fn encoding(s: &str) -> Result<&'static encoding_rs::Encoding, String> {
    let common = "windows-1252 (also latin1, iso-8859-1), windows-1250, windows-1251, \
                  koi8-r, iso-8859-2, gb18030, big5, shift_jis, euc-kr";
    match encoding_rs::Encoding::for_label(s.trim().as_bytes()) {
        Some(e) if e == encoding_rs::UTF_8 || e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE => Err(format!(
            "'{s}': UTF-8 and UTF-16 files (with a byte-order mark) are read without --encoding; it names the legacy encoding of the others, such as {common}"
        )),
        Some(e) if e == encoding_rs::REPLACEMENT => Err(format!("'{s}' cannot be decoded; choose one of {common}")),
        Some(e) => Ok(e),
        None => Err(format!("'{s}' is not an encoding label; choose one of {common}")),
    }
}
