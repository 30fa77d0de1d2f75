//! The line-break hyphen rule's lexicon: the words and compounds a document writes itself, and
//! a bundled list of English ones (`data/lexicons/en/linebreak-*.list`), so that a hyphen at a
//! line break is read the same whether a file is analysed alone or in any corpus.

use crate::text::packed::WordSet;
use ahash::AHashSet;
use std::sync::OnceLock;

/// What decides the hyphens at a document's line breaks: the compounds it writes with a hyphen
/// inside a line, and which of the words its breaks ask about it writes as words (not as the
/// pieces of a word broken across lines); then the bundled lists.
#[derive(Debug, Default)]
pub(crate) struct HyphenLexicon {
    compounds: AHashSet<String>,
    words: AHashSet<String>,
}

/// Adds the words that decide line breaks (the pieces, lower-cased, around each hyphen): each
/// joined word and each piece.
fn want_words_of_breaks(wanted: &mut AHashSet<String>, breaks: Vec<(String, String)>) {
    for (l, r) in breaks {
        wanted.insert(format!("{l}{r}"));
        wanted.insert(l);
        wanted.insert(r);
    }
}

/// The bundled lists: English words written at least twice and compounds written within a line
/// at least twice in 5,001 UN speeches (2005–2022) and White House statements (see
/// `data/lexicons/en/build_linebreak_lists.py`).
struct Bundled {
    words: AHashSet<&'static str>,
    compounds: AHashSet<&'static str>,
}

fn bundled() -> &'static Bundled {
    static LISTS: OnceLock<Bundled> = OnceLock::new();
    LISTS.get_or_init(|| {
        let list = |text: &'static str| {
            text.lines()
                .filter(|l| !l.starts_with('#') && !l.is_empty())
                .collect()
        };
        Bundled {
            words: list(include_str!("../../data/lexicons/en/linebreak-words.list")),
            compounds: list(include_str!(
                "../../data/lexicons/en/linebreak-compounds.list"
            )),
        }
    })
}

impl HyphenLexicon {
    /// What `text` itself writes that its line-break hyphens ask about (nothing to gather when
    /// it has none).
    pub(crate) fn of_text(text: &str) -> Self {
        let breaks = break_candidates(text);
        if breaks.is_empty() {
            return HyphenLexicon::default();
        }
        let asked: AHashSet<String> = breaks.iter().map(|(l, r)| format!("{l}-{r}")).collect();
        let mut wanted = AHashSet::new();
        want_words_of_breaks(&mut wanted, breaks);
        let mut set = WordSet::default();
        for w in &wanted {
            set.insert(w);
        }
        HyphenLexicon {
            compounds: collect_compounds(text, &asked),
            words: words_found(text, &set),
        }
    }

    fn is_word(&self, w: &str) -> bool {
        self.words.contains(w) || bundled().words.contains(w)
    }

    /// Keep the hyphen of `left-⏎right` (both lower-cased)?
    pub(super) fn keep_hyphen(&self, left: &str, right: &str) -> bool {
        let compound = format!("{left}-{right}");
        if self.compounds.contains(&compound) || bundled().compounds.contains(compound.as_str()) {
            return true;
        }
        if self.is_word(&format!("{left}{right}")) {
            return false;
        }
        (self.is_word(left) && self.is_word(right)) || HYPHEN_PREFIXES.contains(&left)
    }
}

/// Prefixes that make compounds (`self-⏎determination`, `so-⏎called`) even in a corpus too small
/// to show it.
const HYPHEN_PREFIXES: &[&str] = &[
    "self", "so", "well", "ex", "non", "anti", "vice", "half", "cross", "counter", "mid", "neo",
    "quasi", "semi", "pseudo", "ill", "long", "short", "large", "full", "high", "low", "socio",
    "post", "pre", "co",
];

/// The (left, right) lower-cased pieces around each hyphen at a line break, right part in
/// lower case.
fn break_candidates(text: &str) -> Vec<(String, String)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    for (i, _) in text.match_indices('-') {
        if let Some(next) = break_after_hyphen(b, i + 1) {
            let (l, r) = (word_before(text, i), word_after(text, next));
            if !l.is_empty() && r.chars().next().is_some_and(|c| c.is_lowercase()) {
                out.push((l.to_lowercase(), r.to_lowercase()));
            }
        }
    }
    out
}

/// Calls `found` with each word of `text` that `set` holds, lower-cased: a word is a run of
/// letters, and the pieces of a word broken by a hyphen at a line break (`nego-⏎tiation`) are
/// not words. A word can come more than once.
///
/// One byte scan, made for a small set: runs of ASCII letters are cut by a tight loop, and a
/// word whose length and end letters the set's bitmap turns away costs nothing more; only
/// the others are checked for a break and lower-cased (on the stack) to be looked up. Runs
/// with other letters are decoded and go through [`str::to_lowercase`].
fn words_in_set(text: &str, set: &WordSet, mut found: impl FnMut(&str)) {
    // Byte classes: 0 an ASCII byte that is not a letter, 1 an ASCII letter, 2 not ASCII.
    const CLASS: [u8; 256] = {
        let mut t = [2u8; 256];
        let mut c = 0;
        while c < 128 {
            t[c] = (c as u8).is_ascii_alphabetic() as u8;
            c += 1;
        }
        t
    };
    let b = text.as_bytes();
    let n = b.len();
    let mut lower = [0u8; 64];
    let mut i = 0;
    loop {
        while i < n && CLASS[b[i] as usize] == 0 {
            i += 1;
        }
        if i == n {
            break;
        }
        // A run of letters from here (none if this is a non-ASCII character but a letter).
        let start = i;
        let mut ascii = true;
        while i < n && CLASS[b[i] as usize] == 1 {
            i += 1;
        }
        while i < n && CLASS[b[i] as usize] == 2 {
            match text[i..].chars().next() {
                Some(ch) if ch.is_alphabetic() => {
                    ascii = false;
                    i += ch.len_utf8();
                }
                _ => break,
            }
            while i < n && CLASS[b[i] as usize] == 1 {
                i += 1;
            }
        }
        if i == start {
            i += text[i..].chars().next().map_or(1, char::len_utf8);
            continue;
        }
        let end = i;
        let (first, last) = (
            b[start].to_ascii_lowercase(),
            b[end - 1].to_ascii_lowercase(),
        );
        if ascii && !set.may_hold(end - start, first, last) {
            continue;
        }
        if is_broken_piece(b, start, end) {
            continue;
        }
        let w = &text[start..end];
        let owned;
        let l: &str = if ascii && w.len() <= lower.len() {
            let l = &mut lower[..w.len()];
            l.copy_from_slice(w.as_bytes());
            l.make_ascii_lowercase();
            // Only ASCII letters were copied, so this is always UTF-8.
            std::str::from_utf8(l).unwrap_or(w)
        } else {
            // As the pieces around the hyphens are lower-cased (a final sigma stays final).
            owned = w.to_lowercase();
            &owned
        };
        if set.contains(l) {
            found(l);
        }
    }
}

/// The distinct words of `text` that `set` holds ([`words_in_set`]).
fn words_found(text: &str, set: &WordSet) -> AHashSet<String> {
    let mut found = AHashSet::new();
    words_in_set(text, set, |w| {
        if !found.contains(w) {
            found.insert(w.to_string());
        }
    });
    found
}

/// Whether the run of letters `b[start..end]` is a piece of a word broken at a line break:
/// before `-⏎`, or after `-⏎`.
fn is_broken_piece(b: &[u8], start: usize, end: usize) -> bool {
    if b.get(end) == Some(&b'-') && break_after_hyphen(b, end + 1).is_some() {
        return true;
    }
    let mut j = start;
    while j > 0 && matches!(b[j - 1], b' ' | b'\t') {
        j -= 1;
    }
    if j > 0 && matches!(b[j - 1], b'\n' | b'\r') {
        let mut k = j - 1;
        while k > 0 && matches!(b[k - 1], b'\r' | b' ' | b'\t') {
            k -= 1;
        }
        if k > 0 && b[k - 1] == b'-' {
            return true;
        }
    }
    false
}

/// Calls `add` with each word of `text`, lower-cased: each run of letters, leaving out the
/// pieces of words broken by a hyphen at a line break (`nego-⏎tiation` gives neither `nego`
/// nor `tiation`). A word can come more than once. The plain scan that [`words_in_set`] is
/// tested against.
#[cfg(test)]
fn words_of(text: &str, mut add: impl FnMut(&str)) {
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (c.is_alphabetic(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                start = None;
                if !is_broken_piece(text.as_bytes(), s, i) {
                    add(&text[s..i].to_lowercase());
                }
            }
            _ => {}
        }
    }
}

/// Collects the hyphenated compounds written within a line (`self-determination`), lower-cased,
/// as pairs of the letters around each hyphen (`mother-to-child` gives `mother-to` and
/// `to-child`), of those `asked` (what the line breaks ask about: the others never matter).
pub(crate) fn collect_compounds(text: &str, asked: &AHashSet<String>) -> AHashSet<String> {
    let mut set = AHashSet::new();
    // Byte lengths of the compounds asked about: an ASCII compound of another length is not
    // one of them, and is passed without being lower-cased.
    let lengths: AHashSet<usize> = asked.iter().map(String::len).collect();
    let b = text.as_bytes();
    let mut i = 0;
    let mut s = String::new();
    while let Some(p) = memchr::memchr(b'-', &b[i..]) {
        let h = i + p;
        i = h + 1;
        let left = word_before(text, h);
        let right = word_after(text, h + 1);
        if left.is_empty() || right.is_empty() {
            continue;
        }
        let ascii = left.is_ascii() && right.is_ascii();
        if ascii && !lengths.contains(&(left.len() + 1 + right.len())) {
            continue;
        }
        s.clear();
        s.push_str(&left.to_lowercase());
        s.push('-');
        s.push_str(&right.to_lowercase());
        if asked.contains(&s) && !set.contains(&s) {
            set.insert(s.clone());
        }
    }
    set
}

pub(super) fn word_before(text: &str, end: usize) -> &str {
    let start = text[..end]
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map(|(i, _)| i)
        .unwrap_or(end);
    &text[start..end]
}

pub(super) fn word_after(text: &str, start: usize) -> &str {
    let end = text[start..]
        .char_indices()
        .find(|(_, c)| !c.is_alphabetic())
        .map(|(i, _)| start + i)
        .unwrap_or(text.len());
    &text[start..end]
}

pub(super) fn has_break_hyphen(b: &[u8]) -> bool {
    memchr::memchr_iter(b'-', b).any(|i| break_after_hyphen(b, i + 1).is_some())
}

/// If `b[at..]` is optional spaces/tabs, one line break, optional spaces/tabs, returns the offset
/// just after them.
pub(super) fn break_after_hyphen(b: &[u8], at: usize) -> Option<usize> {
    let mut j = at;
    while j < b.len() && (b[j] == b' ' || b[j] == b'\t') {
        j += 1;
    }
    match b.get(j) {
        Some(b'\n') => j += 1,
        Some(b'\r') => {
            j += 1;
            if b.get(j) == Some(&b'\n') {
                j += 1;
            }
        }
        _ => return None,
    }
    while j < b.len() && (b[j] == b' ' || b[j] == b'\t') {
        j += 1;
    }
    (j < b.len()).then_some(j)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_of_lower_cases_and_leaves_out_broken_pieces() {
        let long = "Internationalisation".repeat(4);
        let text = format!(
            "The UN’s nego-\r\n  tiation of Σίσυφος, ÉIRE and {long}; self-determination x-\nY"
        );
        let mut got = Vec::new();
        words_of(&text, |w| got.push(w.to_string()));
        let mut want: Vec<String> = ["the", "un", "s", "of", "σίσυφος", "éire", "and"]
            .map(String::from)
            .to_vec();
        want.push(long.to_lowercase());
        // `x` and `Y` are pieces around a break too, whatever their case.
        want.extend(["self", "determination"].map(String::from));
        assert_eq!(got, want);
    }

    #[test]
    fn words_in_a_set_are_the_words_of_the_plain_scan_that_it_holds() {
        let long = "Internationalisation".repeat(4);
        let mut texts = vec![format!(
            "The UN’s nego-\r\n  tiation of Σίσυφος, ÉIRE and {long}; self-determination x-\nY \
             Ab a-\n\tb ÀB éa aé-\ne"
        )];
        let quotes = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/quotes/docs");
        for e in std::fs::read_dir(quotes).unwrap() {
            let bytes = std::fs::read(e.unwrap().path()).unwrap();
            texts.push(String::from_utf8_lossy(&bytes).into_owned());
        }
        for text in &texts {
            let mut all = Vec::new();
            words_of(text, |w| all.push(w.to_string()));
            // Every word the plain scan finds, the pieces of broken words, and some absent ones.
            let mut set = WordSet::default();
            for w in all
                .iter()
                .map(String::as_str)
                .chain(["nego", "tiation", "x", "y", "zzz"])
            {
                set.insert(w);
            }
            let mut got = Vec::new();
            words_in_set(text, &set, |w| got.push(w.to_string()));
            assert_eq!(got, all);
            // With half the words in the set, exactly those.
            let mut half = WordSet::default();
            for w in all.iter().step_by(2) {
                half.insert(w);
            }
            let mut got = Vec::new();
            words_in_set(text, &half, |w| got.push(w.to_string()));
            let want: Vec<&String> = all.iter().filter(|w| half.contains(w)).collect();
            assert_eq!(got.iter().collect::<Vec<_>>(), want);
        }
    }
}
