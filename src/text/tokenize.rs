//! The tokeniser: Unicode word boundaries (UAX #29 via unicode-segmentation) with byte offsets,
//! token kinds, sentence and paragraph numbers; quotation marks are tokens of their own and
//! hyphenated compounds stay one token unless asked otherwise.

use super::layout::Layout;
use super::segment::{segment_hinted, Hint, Seg};
use std::cell::RefCell;
use unicode_segmentation::UnicodeSegmentation;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// A word (letters, possibly with digits, inner apostrophes and hyphens).
    Word,
    /// A number (digits with inner `.`/`,`).
    Number,
    /// Punctuation other than quotation marks.
    Punct,
    /// A quotation mark (or a stray apostrophe at a word edge).
    Quote,
    /// Any other symbol (emoji, currency, maths).
    Symbol,
}

impl TokenKind {
    /// Words and numbers are what frequency tables count.
    pub fn is_countable(self) -> bool {
        matches!(self, TokenKind::Word | TokenKind::Number)
    }

    /// The kind's name in tables.
    pub fn name(self) -> &'static str {
        match self {
            TokenKind::Word => "word",
            TokenKind::Number => "number",
            TokenKind::Punct => "punct",
            TokenKind::Quote => "quote",
            TokenKind::Symbol => "symbol",
        }
    }
}

/// One token: byte offsets into the normalised text, its kind, and where it sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Start byte offset in the text tokenised (a document's normalised text).
    pub start: u32,
    /// End byte offset, exclusive.
    pub end: u32,
    /// Kind of token.
    pub kind: TokenKind,
    /// Sentence number, from 0.
    pub sentence: u32,
    /// Paragraph number, from 0.
    pub para: u32,
}

impl Token {
    /// The token's text.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start as usize..self.end as usize]
    }
}

/// Tokeniser settings.
#[derive(Debug, Clone, Copy, Default)]
pub struct TokenizeOptions {
    /// Split hyphenated compounds (`so-called` gives `so`, `-`, `called`).
    pub split_hyphens: bool,
    /// Split words at apostrophes (`Armenia’s` gives `Armenia`, `’`, `s`), as a `\w+` regex
    /// tokeniser does; the apostrophe becomes punctuation, never a quotation mark.
    pub split_apostrophes: bool,
}

/// Characters that are quotation marks.
pub fn is_quote_char(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '\u{201C}'
            | '\u{201D}'
            | '\u{2018}'
            | '\u{2019}'
            | '\u{00AB}'
            | '\u{00BB}'
            | '\u{2039}'
            | '\u{203A}'
            | '\u{201E}'
            | '\u{201A}'
            | '\u{201F}'
            | '\u{201B}'
            | '\u{300C}'
            | '\u{300D}'
            | '\u{300E}'
            | '\u{300F}'
    )
}

fn is_hyphen(s: &str) -> bool {
    matches!(s, "-" | "\u{2010}" | "\u{2011}")
}

fn is_punct_char(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(c as u32,
            0x00A1 | 0x00A7 | 0x00B6 | 0x00B7 | 0x00BF
            | 0x2010..=0x2027 | 0x2030..=0x205E
            | 0x3001..=0x3003 | 0x3008..=0x3011 | 0x3014..=0x301F
            | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20 | 0x060C | 0x061B | 0x061F | 0x066A..=0x066D | 0x06D4
            | 0x0964 | 0x0965 | 0x037E | 0x0387 | 0x055C..=0x055F | 0x0589)
}

fn classify(seg: &str) -> Option<TokenKind> {
    let mut chars = seg.chars();
    let first = chars.next()?;
    if first.is_whitespace() {
        return None;
    }
    if is_quote_char(first) && seg.len() == first.len_utf8() {
        return Some(TokenKind::Quote);
    }
    let mut alpha = false;
    let mut digit = false;
    for c in seg.chars() {
        if c.is_alphabetic() {
            alpha = true;
            break;
        }
        if c.is_numeric() {
            digit = true;
        }
    }
    // A segment with no letter and no digit is not a word, whatever it holds: a stray
    // combining accent or a zero-width joiner left alone (UAX #29 makes each a segment of its
    // own at the start of a text or after a space) is a symbol, not a term.
    if alpha {
        Some(TokenKind::Word)
    } else if digit {
        Some(TokenKind::Number)
    } else if is_punct_char(first) {
        Some(TokenKind::Punct)
    } else {
        Some(TokenKind::Symbol)
    }
}

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "no", "nos", "art", "arts", "para", "paras", "vol", "gen",
    "col", "lt", "sr", "jr", "prof", "rev", "hon", "messrs", "sec", "op", "cf", "vs", "etc", "e.g",
    "i.e", "h.e", "u.s", "u.n", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "amb", "gov", "pres", "rep", "sen", "capt", "maj", "sgt",
];

/// Whether `word`, followed by a full stop, is an abbreviation or an initial (a capital alone,
/// after a space, an opening mark or nothing: J. Smith, but not the C of 2°C.); `before` is the
/// character before the word.
fn is_abbreviation(word: &str, before: Option<char>) -> bool {
    let mut chars = word.chars();
    let opens = |c: char| c.is_whitespace() || "([{\"'‘“«".contains(c);
    if chars.next().is_some_and(char::is_uppercase)
        && chars.next().is_none()
        && before.is_none_or(opens)
    {
        return true; // an initial: J. Smith
    }
    let lower = word.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

/// Splits `text` into tokens, appending to `out` (cleared first), so one buffer can serve many
/// documents without reallocating.
pub fn tokenize_into(text: &str, layout: Layout, opts: TokenizeOptions, out: &mut Vec<Token>) {
    out.clear();
    SEGMENTS.with(|cell| {
        let mut segs = cell.borrow_mut();
        segment_hinted(text, &mut segs);
        tokenize_segments(text, layout, opts, &segs, out);
    });
}

/// The tokeniser without the segmenter's ASCII fast path: every segment comes from
/// unicode-segmentation and is classified from its characters. Slower; it is what the fast
/// path is checked against.
pub fn tokenize_unicode(text: &str, layout: Layout, opts: TokenizeOptions) -> Vec<Token> {
    let segs: Vec<Seg> = text
        .split_word_bound_indices()
        .map(|(s, w)| Seg {
            start: s as u32,
            end: (s + w.len()) as u32,
            hint: Hint::Classify,
        })
        .collect();
    let mut out = Vec::new();
    tokenize_segments(text, layout, opts, &segs, &mut out);
    out
}

thread_local! {
    static SEGMENTS: RefCell<Vec<Seg>> = const { RefCell::new(Vec::new()) };
}

/// The token kind of a segment (`None` for whitespace).
#[inline]
fn kind_of(seg: Seg, text: &str) -> Option<TokenKind> {
    match seg.hint {
        Hint::Known(k) => Some(k),
        Hint::Line => None,
        Hint::Classify => classify(&text[seg.start as usize..seg.end as usize]),
    }
}

fn is_line(seg: Seg, bytes: &[u8]) -> bool {
    match seg.hint {
        Hint::Line => true,
        Hint::Known(_) => false,
        Hint::Classify => matches!(bytes[seg.start as usize], b'\n' | b'\r'),
    }
}

/// Whether the paragraph break between the tokens `last` and `next` falls inside a sentence:
/// a sentence (or a quotation) hard-wrapped over several lines of a one-paragraph-per-line
/// file (`in which all its hopes are⏎placed`). The line ends in a word, a number or a comma,
/// and the next one starts with a lower-case word that is not a list item's label (`b)`,
/// `ii.`: the items of a resolution's list are paragraphs of their own).
pub(crate) fn continues_sentence(text: &str, last: &Token, next: &Token) -> bool {
    let ends_inside = match last.kind {
        TokenKind::Word | TokenKind::Number => true,
        TokenKind::Punct => last.text(text) == ",",
        _ => false,
    };
    // A label: a letter, a roman numeral or a number, then `)` or `.` and a space (`b) the`,
    // `iv. the`), not a short word that ends a sentence (`rule of⏎law.`).
    let word = next.text(text);
    let after = &text[next.end as usize..];
    let numeral = word.chars().count() == 1
        || (word.len() <= 4 && word.chars().all(|c| "ivxlc".contains(c)))
        || word.chars().all(|c| c.is_ascii_digit());
    let label = numeral && (after.starts_with(") ") || after.starts_with(". "));
    ends_inside
        && next.kind == TokenKind::Word
        && word.chars().next().is_some_and(char::is_lowercase)
        && !label
}

/// Whether the sentence of token `last` goes on past a line break into the segment `next`
/// ([`continues_sentence`]).
fn wraps_on(text: &str, last: Option<&Token>, rest: &[Seg]) -> bool {
    // The first segment that is not a run of spaces (the segmentation of text that is not
    // ASCII gives those segments of their own); a second line break ends the sentence.
    let bytes = text.as_bytes();
    let blank = |s: &Seg| {
        !is_line(*s, bytes)
            && text[s.start as usize..s.end as usize]
                .chars()
                .all(char::is_whitespace)
    };
    let next = rest.iter().find(|s| !blank(s)).and_then(|&s| {
        kind_of(s, text).map(|kind| token(s.start as usize, s.end as usize, kind, 0, 0))
    });
    match (last, next) {
        (Some(last), Some(next)) => continues_sentence(text, last, &next),
        _ => false,
    }
}

fn tokenize_segments(
    text: &str,
    layout: Layout,
    opts: TokenizeOptions,
    segs: &[Seg],
    out: &mut Vec<Token>,
) {
    let bytes = text.as_bytes();
    let mut sentence: u32 = 0;
    let mut para: u32 = 0;
    let mut pending_end = false; // saw sentence-final punctuation
    let mut started = false; // a countable token in the current sentence
    let mut last_word: (u32, u32) = (0, 0);
    let mut k = 0;
    while k < segs.len() {
        let seg = segs[k];
        k += 1;
        let (start, mut end) = (seg.start as usize, seg.end as usize);
        if is_line(seg, bytes) {
            let next = bytes.get(end).copied();
            let brk = match layout {
                Layout::Lines => true,
                Layout::Wrapped => matches!(next, Some(b' ' | b'\t' | b'\n' | b'\r') | None),
            };
            if brk && started {
                para += 1;
                // A sentence hard-wrapped in a one-paragraph-per-line file goes on in the
                // next paragraph (`and global⏎warming, inequalities`).
                if !(layout == Layout::Lines && wraps_on(text, out.last(), &segs[k..])) {
                    sentence += 1;
                    started = false;
                    pending_end = false;
                }
            }
            continue;
        }
        let Some(mut kind) = kind_of(seg, text) else {
            continue;
        };
        if kind == TokenKind::Word || kind == TokenKind::Number {
            if !opts.split_hyphens {
                // Join word-hyphen-word chains written without spaces.
                while let Some(&h) = segs.get(k) {
                    if h.start as usize != end || !is_hyphen(&text[end..h.end as usize]) {
                        break;
                    }
                    let after = h.end as usize;
                    let next_is_word = text[after..]
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_alphanumeric());
                    if !next_is_word {
                        break;
                    }
                    k += 1;
                    let Some(&w) = segs.get(k) else { break };
                    k += 1;
                    end = w.end as usize;
                    if kind == TokenKind::Number && kind_of(w, text) == Some(TokenKind::Word) {
                        kind = TokenKind::Word;
                    }
                }
            }
            if pending_end {
                let first = text[start..].chars().next().unwrap_or(' ');
                let (ws, we) = last_word;
                let before = text[..ws as usize].chars().next_back();
                let abbrev = is_abbreviation(&text[ws as usize..we as usize], before);
                if !abbrev && (first.is_uppercase() || first.is_numeric() || !first.is_lowercase())
                {
                    sentence += 1;
                }
                pending_end = false;
            }
            started = true;
            last_word = (start as u32, end as u32);
        } else if kind == TokenKind::Punct && started && ends_sentence(text, start, end) {
            pending_end = true;
        }
        // Only a word with an apostrophe (or a byte of a non-ASCII character, which may be
        // one) is looked at character by character; the others are pushed as they are.
        if opts.split_apostrophes
            && kind == TokenKind::Word
            && bytes[start..end].iter().any(|&b| b == b'\'' || b >= 0x80)
        {
            split_at_apostrophes(text, (start, end), sentence, para, out);
            continue;
        }
        out.push(token(start, end, kind, sentence, para));
    }
}

/// Whether the mark `text[start..end]` ends a sentence (if a word that is not lower case comes
/// next): a full stop with a digit right after it is inside a reference (S/PV.8362, A/72/PV.3).
fn ends_sentence(text: &str, start: usize, end: usize) -> bool {
    match &text[start..end] {
        "." => !text[end..].chars().next().is_some_and(char::is_numeric),
        m => matches!(m, "!" | "?" | "…" | "。" | "！" | "？" | "؟" | "।"),
    }
}

fn token(start: usize, end: usize, kind: TokenKind, sentence: u32, para: u32) -> Token {
    Token {
        start: start as u32,
        end: end as u32,
        kind,
        sentence,
        para,
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}' | '\u{FF07}')
}

/// The word `text[start..end]` cut at its apostrophes: the pieces and the apostrophes as
/// tokens of their own.
fn split_at_apostrophes(
    text: &str,
    (start, end): (usize, usize),
    sentence: u32,
    para: u32,
    out: &mut Vec<Token>,
) {
    let mut piece = start;
    for (i, c) in text[start..end].char_indices() {
        if is_apostrophe(c) {
            let at = start + i;
            push_piece(text, piece, at, sentence, para, out);
            piece = at + c.len_utf8();
            push_piece(text, at, piece, sentence, para, out);
        }
    }
    push_piece(text, piece, end, sentence, para, out);
}

/// A piece of a word split at apostrophes (or the apostrophe itself, as punctuation), if not
/// empty.
fn push_piece(
    text: &str,
    start: usize,
    end: usize,
    sentence: u32,
    para: u32,
    out: &mut Vec<Token>,
) {
    let piece = &text[start..end];
    let mut chars = piece.chars();
    let kind = match (chars.next(), chars.next()) {
        (None, _) => return,
        (Some(c), None) if is_apostrophe(c) => Some(TokenKind::Punct),
        _ => classify(piece),
    };
    if let Some(kind) = kind {
        out.push(token(start, end, kind, sentence, para));
    }
}

/// The words of a term or pattern a user typed, cut as a text's words are: `U.S.-China` is
/// the words `U.S` and `China`, as the text `U.S.-China relations` reads, and `“elections”`
/// the word `elections`; a piece with a wildcard (`sanction*`, `?`) is kept whole, less the
/// full stop that ends it (`Gov*.`: a text's word has none). Hyphens and
/// apostrophes stay inside their words whatever the run splits (`so-called`, `Russia's`: a
/// term is one word, matched by its stem, as before `--split-hyphens` cut the texts).
pub fn words_as_read(typed: &str) -> Vec<String> {
    let opts = TokenizeOptions::default();
    let mut out = Vec::new();
    for piece in typed.split_whitespace() {
        if piece.contains(['*', '?']) {
            let bare = piece.strip_suffix('.').filter(|b| !b.is_empty());
            out.push(bare.unwrap_or(piece).to_string());
            continue;
        }
        out.extend(
            tokenize(piece, Layout::Lines, opts)
                .iter()
                .filter(|t| t.kind.is_countable())
                .map(|t| t.text(piece).to_string()),
        );
    }
    out
}

/// Tokenises `text` into a new vector.
pub fn tokenize(text: &str, layout: Layout, opts: TokenizeOptions) -> Vec<Token> {
    let mut v = Vec::new();
    tokenize_into(text, layout, opts, &mut v);
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Every combination of layout and options.
    fn settings() -> Vec<(Layout, TokenizeOptions)> {
        let mut v = Vec::new();
        for layout in [Layout::Lines, Layout::Wrapped] {
            for (split_hyphens, split_apostrophes) in
                [(false, false), (true, false), (false, true), (true, true)]
            {
                let opts = TokenizeOptions {
                    split_hyphens,
                    split_apostrophes,
                };
                v.push((layout, opts));
            }
        }
        v
    }

    proptest! {
        #[test]
        fn fast_path_equals_unicode_segmentation_path(
            t in "([a-cA-C0-2 .,:;'_\"!?\\-\n\r\t\x0B\x01’é€Ж\u{FEFF}\u{301}\u{200D}\u{A0}\u{3000}“”«»…]|Mr|U\\.S\\.|so-called){0,40}"
        ) {
            for (layout, opts) in settings() {
                prop_assert_eq!(
                    tokenize(&t, layout, opts),
                    tokenize_unicode(&t, layout, opts),
                    "{:?} {:?}", layout, opts
                );
            }
        }
    }

    #[test]
    fn a_segment_without_a_letter_or_digit_is_no_word() {
        // After a space a joiner belongs to the space (UAX #29, WB4); after a line break not.
        let k = toks("\u{308} word\n\u{200D} again a\u{308}");
        let kinds: Vec<TokenKind> = k.iter().map(|t| t.1).collect();
        assert_eq!(
            kinds,
            [
                TokenKind::Symbol,
                TokenKind::Word,
                TokenKind::Symbol,
                TokenKind::Word,
                TokenKind::Word
            ],
            "{k:?}"
        );
    }

    #[test]
    fn fast_path_equals_unicode_segmentation_path_on_tricky_text() {
        let t = "Mr. Smith's \"so-called\" 1,000.50 COVID-19 self-\ndetermination _x_ 3-a a-3\r\n\
                 \u{1}bell 'quote' e.g. U.S.-led \u{FEFF}x \t\u{301}y 2020-2021 -- a--b '\t";
        for (layout, opts) in settings() {
            assert_eq!(tokenize(t, layout, opts), tokenize_unicode(t, layout, opts));
        }
        // A line break, then spaces, then a lower-case word: one sentence in either path.
        for t in ["Mr\r so-called\r", "We are\n  here.", "ä\n \u{a0} b"] {
            for (layout, opts) in settings() {
                assert_eq!(
                    tokenize(t, layout, opts),
                    tokenize_unicode(t, layout, opts),
                    "{t:?}"
                );
            }
        }
    }

    fn toks(t: &str) -> Vec<(String, TokenKind)> {
        tokenize(t, Layout::Lines, TokenizeOptions::default())
            .iter()
            .map(|k| (k.text(t).to_string(), k.kind))
            .collect()
    }

    fn words(t: &str) -> Vec<String> {
        toks(t).into_iter().map(|(s, _)| s).collect()
    }

    #[test]
    fn empty_input() {
        assert!(toks("").is_empty());
        assert!(toks("  \n\n ").is_empty());
    }

    #[test]
    fn apostrophes_stay_in_words_quotes_are_tokens() {
        assert_eq!(
            words("Armenia’s “elections” don't"),
            ["Armenia’s", "“", "elections", "”", "don't"]
        );
        let k = toks("«paix» 'x'");
        assert_eq!(k[0], ("«".into(), TokenKind::Quote));
        assert_eq!(k[2], ("»".into(), TokenKind::Quote));
        assert_eq!(k[3], ("'".into(), TokenKind::Quote));
    }

    #[test]
    fn split_apostrophes_like_a_regex_tokeniser() {
        let t = "Armenia’s “elections” don't";
        let opts = TokenizeOptions {
            split_apostrophes: true,
            ..Default::default()
        };
        let v: Vec<(&str, TokenKind)> = tokenize(t, Layout::Lines, opts)
            .iter()
            .map(|k| (k.text(t), k.kind))
            .collect();
        use TokenKind::*;
        assert_eq!(
            v,
            [
                ("Armenia", Word),
                ("’", Punct),
                ("s", Word),
                ("“", Quote),
                ("elections", Word),
                ("”", Quote),
                ("don", Word),
                ("'", Punct),
                ("t", Word)
            ]
        );
    }

    #[test]
    fn compounds_and_split_hyphens() {
        assert_eq!(
            words("the so-called self-determination of Nagorno-Karabakh"),
            [
                "the",
                "so-called",
                "self-determination",
                "of",
                "Nagorno-Karabakh"
            ]
        );
        let t = "so-called";
        let split: Vec<_> = tokenize(
            t,
            Layout::Lines,
            TokenizeOptions {
                split_hyphens: true,
                ..Default::default()
            },
        )
        .iter()
        .map(|k| k.text(t).to_string())
        .collect();
        assert_eq!(split, ["so", "-", "called"]);
        // A dash with spaces is punctuation, not a compound.
        assert_eq!(words("peace - war"), ["peace", "-", "war"]);
    }

    #[test]
    fn numbers() {
        let k = toks("1,000 people in 2020 and 1.5 per cent, COVID-19");
        assert_eq!(k[0], ("1,000".into(), TokenKind::Number));
        assert_eq!(k[3], ("2020".into(), TokenKind::Number));
        assert_eq!(k[5], ("1.5".into(), TokenKind::Number));
        assert_eq!(k.last().unwrap(), &("COVID-19".into(), TokenKind::Word));
    }

    #[test]
    fn non_latin_and_emoji() {
        let k = toks("Azərbaycan Ελλάδα Россия العربية 🙂");
        assert_eq!(k.len(), 5);
        assert!(k[..4].iter().all(|(_, kind)| *kind == TokenKind::Word));
        assert_eq!(k[4].1, TokenKind::Symbol);
    }

    #[test]
    fn sentences_and_paragraphs() {
        let t = "Mr. Smith spoke. He left! “Why?” Then\nNew para.";
        let v = tokenize(t, Layout::Lines, TokenizeOptions::default());
        let s = |w: &str| v.iter().find(|k| k.text(t) == w).unwrap().sentence;
        assert_eq!(s("Smith"), 0);
        assert_eq!(s("He"), 1);
        assert_eq!(s("Why"), 2);
        assert_eq!(s("Then"), 3);
        assert_eq!(s("New"), 4);
        assert_eq!(v.last().unwrap().para, 1);
    }

    #[test]
    fn words_as_typed_are_cut_as_texts_are() {
        assert_eq!(
            words_as_read("U.S.-China  relations"),
            ["U.S", "China", "relations"]
        );
        assert_eq!(
            words_as_read("“elections” so-called Russia's"),
            ["elections", "so-called", "Russia's"]
        );
        assert_eq!(
            words_as_read("sanction* ? Gov*."),
            ["sanction*", "?", "Gov*"]
        );
    }

    /// The sentence of the first token `w` of `t` (a one-paragraph-per-line text).
    fn sentence_of(t: &str, w: &str) -> u32 {
        let v = tokenize(t, Layout::Lines, TokenizeOptions::default());
        v.iter().find(|k| k.text(t) == w).unwrap().sentence
    }

    #[test]
    fn a_reference_or_a_unit_is_not_a_sentence_end() {
        let t = "The Council met (see S/PV.8362) and agreed. Warming below 2°C. Clear rules \
                 (A/72/PV.3). Then J. Smith spoke, in 2014.In the end.";
        let at = |w: &str| sentence_of(t, w);
        // Inside a document symbol, the full stop before a number goes on.
        assert_eq!(at("agreed"), at("The"));
        assert_eq!(at("Warming"), at("The") + 1);
        // The C of 2°C is no initial: its full stop ends the sentence.
        assert_eq!(at("Clear"), at("Warming") + 1);
        assert_eq!(at("Then"), at("Clear") + 1);
        // An initial after a space does not end it; a full stop before a letter does.
        assert_eq!(at("spoke"), at("Then"));
        assert_eq!(at("In"), at("Then") + 1);
    }

    #[test]
    fn a_sentence_wrapped_in_a_one_paragraph_per_line_file_goes_on() {
        let t = "We are here for the\npeace of all,\nand the rest,\nb) a list item.\nNext one.";
        let v = tokenize(t, Layout::Lines, TokenizeOptions::default());
        let at = |w: &str| v.iter().find(|k| k.text(t) == w).unwrap();
        assert_eq!(at("peace").sentence, at("We").sentence);
        assert_eq!(at("and").sentence, at("We").sentence);
        // Each line is still a paragraph of its own.
        assert_eq!((at("peace").para, at("and").para), (1, 2));
        // A list item's label and a capital start a new sentence.
        assert_eq!(at("b").sentence, at("We").sentence + 1);
        assert_eq!(at("Next").sentence, at("b").sentence + 1);
        // A short word ending the sentence on the next line is no label.
        let t = "We stand for the rule of\nlaw. Then more.";
        let at = |w: &str| sentence_of(t, w);
        assert_eq!(at("law"), at("We"));
        assert_eq!(at("Then"), at("We") + 1);
    }

    #[test]
    fn wrapped_layout_paragraphs() {
        let t = "one line\nwraps here.\n Next para";
        let v = tokenize(t, Layout::Wrapped, TokenizeOptions::default());
        let p = |w: &str| v.iter().find(|k| k.text(t) == w).unwrap().para;
        assert_eq!(p("wraps"), 0);
        assert_eq!(p("Next"), 1);
    }
}
