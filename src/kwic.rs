//! Concordance (keyword in context): every occurrence of a word, stem, glob or regular
//! expression, with its source byte offset, its context, and whether it stands inside a
//! quotation (and of which kind). Files are read in pieces and each piece's hits handed on
//! before the next is read ([`Concordance`]), so neither the corpus nor every hit is held.

use crate::analysis::{Analyser, Options, Positions};
use crate::corpus::{self, Document, Found, LoadOptions, Problem};
use crate::error::{Error, Result};
use crate::quotes::{collapse_ws, head, tail, Kind, MAX_CONTEXT_BYTES};

/// Most bytes of context on each side for a window of `window` words: room for long words,
/// still bounded whatever stands around a hit (one enormous word).
fn context_bytes(window: usize) -> usize {
    MAX_CONTEXT_BYTES.max(window.saturating_mul(40))
}

/// The first `max` bytes of `s`, ended at a space when cut, so no word is shown in part.
fn head_words(s: &str, max: usize) -> &str {
    let h = head(s, max);
    if h.len() == s.len() || s[h.len()..].starts_with(char::is_whitespace) {
        return h;
    }
    h.rfind(char::is_whitespace).map_or(h, |i| &h[..i])
}

/// The last `max` bytes of `s`, started after a space when cut, so no word is shown in part.
fn tail_words(s: &str, max: usize) -> &str {
    let t = tail(s, max);
    if t.len() == s.len() || s[..s.len() - t.len()].ends_with(char::is_whitespace) {
        return t;
    }
    t.find(char::is_whitespace).map_or(t, |i| &t[i..])
}
use crate::text::{fold, fold_with, StemCache, TokenKind};
use polars::prelude::*;
use rayon::prelude::*;
use regex::Regex;

/// How the pattern's words are matched against tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// Case-insensitive word match; `*` and `?` are wildcards (as in quanteda's glob patterns).
    #[default]
    Glob,
    /// Match the stem (`elections` finds `election`, `elected`).
    Stem,
    /// Each word is a regular expression matched against the whole (case-folded) token.
    Regex,
}

/// Concordance settings.
#[derive(Debug, Clone)]
pub struct KwicOptions {
    /// The pattern: one or more words separated by spaces.
    pub pattern: String,
    /// Matching mode.
    pub mode: Mode,
    /// Words of context on each side.
    pub window: usize,
    /// Only hits inside quotation marks.
    pub quoted_only: bool,
    /// Only hits inside quotations of this kind.
    pub kind: Option<Kind>,
    /// Stop after this many hits.
    pub top: Option<usize>,
    /// Match the pattern's capitals as written (`US` finds the United States, not `us`): words,
    /// globs and regular expressions, not stems.
    pub case_sensitive: bool,
}

/// Hits held at once at most: a piece of the corpus with more is refused (narrow the pattern
/// or keep the first hits with `top`), and so is a whole concordance that must be laid out at
/// once (an aligned table, JSON, Markdown).
pub const MAX_HITS: usize = 500_000;

/// Files read (in parallel) before their hits are handed on.
const PIECE_FILES: usize = 64;

/// One concordance line.
#[derive(Debug, Clone)]
pub struct Hit {
    /// Document id.
    pub doc: String,
    /// Byte offset of the hit in the file as stored.
    pub offset: usize,
    /// For a PDF, the page of the hit.
    pub page: Option<u32>,
    /// Context before.
    pub left: String,
    /// The hit as written.
    pub hit: String,
    /// Context after.
    pub right: String,
    /// Inside quotation marks.
    pub quoted: bool,
    /// Kind of the innermost quotation holding the hit.
    pub kind: Option<Kind>,
}

/// A word of a concordance line's context to sort by, as AntConc names them: `1L` the word
/// just before the hit, `2R` the second after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContextWord {
    /// 1 for the nearest word, 2 for the next ...
    pub n: usize,
    /// Left of the hit (else right).
    pub left: bool,
}

impl std::str::FromStr for ContextWord {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, String> {
        let bad = || format!("'{s}': a position such as 1L (the word before the hit) or 2R");
        let t = s.trim();
        let last = t.char_indices().last().map_or(0, |(i, _)| i);
        let (n, side) = t.split_at(last);
        let n: usize = n.parse().map_err(|_| bad())?;
        match side {
            "L" | "l" if (1..=9).contains(&n) => Ok(ContextWord { n, left: true }),
            "R" | "r" if (1..=9).contains(&n) => Ok(ContextWord { n, left: false }),
            _ => Err(bad()),
        }
    }
}

/// Sorts concordance lines by the words at `by` (the first, then the next ...), lower-cased
/// and without the marks around them, as AntConc's sort levels do; a line without such a word
/// comes first; ties keep corpus order.
pub fn sort_hits(hits: &mut [Hit], by: &[ContextWord]) {
    if by.is_empty() {
        return;
    }
    let word = |h: &Hit, c: ContextWord| -> String {
        let side = if c.left { &h.left } else { &h.right };
        let words: Vec<&str> = side
            .split_whitespace()
            .map(|w| w.trim_matches(|ch: char| !ch.is_alphanumeric()))
            .filter(|w| !w.is_empty())
            .collect();
        let w = if c.left {
            words.len().checked_sub(c.n).map(|i| words[i])
        } else {
            words.get(c.n - 1).copied()
        };
        w.map(fold).unwrap_or_default()
    };
    hits.sort_by_cached_key(|h| by.iter().map(|&c| word(h, c)).collect::<Vec<_>>());
}

enum Matcher {
    Words(Vec<Regex>),
    Stems(Vec<String>, StemCache),
}

fn compile(o: &KwicOptions, opts: &Options) -> Result<Matcher> {
    // A word is looked for as the text's tokens have it (`U.S.` is the token `U.S` and a stop,
    // `U.S.-China` the words `U.S` and `China`), except in a regular expression.
    let typed: Vec<String> = match o.mode {
        Mode::Regex => o.pattern.split_whitespace().map(String::from).collect(),
        _ => crate::text::words_as_read(&o.pattern),
    };
    let words: Vec<String> = typed
        .iter()
        .map(|w| {
            let mut f = String::new();
            fold_with(w, &mut f, !o.case_sensitive);
            f
        })
        .collect();
    if words.is_empty() {
        return Err(Error::Invalid("kwic: the pattern is empty".into()));
    }
    match o.mode {
        Mode::Stem => {
            let st = StemCache::new(opts.lang, opts.rules, true);
            let stems = words.iter().map(|w| st.stem_once(w)).collect();
            Ok(Matcher::Stems(stems, st))
        }
        Mode::Glob | Mode::Regex => {
            let res = words
                .iter()
                .map(|w| {
                    let body = if o.mode == Mode::Glob {
                        regex::escape(w).replace("\\*", ".*").replace("\\?", ".")
                    } else {
                        w.clone()
                    };
                    // Checked on its own first, so that the message shows the user's pattern,
                    // not the anchors and flags added around it.
                    let bad =
                        |e: regex::Error| Error::Invalid(format!("kwic: bad pattern '{w}': {e}"));
                    Regex::new(&body).map_err(bad)?;
                    let flags = if o.case_sensitive { "" } else { "i" };
                    // A word after an elided article is that word (`ONU` finds `l'ONU`), as
                    // the counts take it.
                    let body = match (o.mode, elisions(opts.lang.code)) {
                        (Mode::Glob, Some(e)) => format!("(?:{e})?(?:{body})"),
                        _ => body,
                    };
                    Regex::new(&format!("^(?{flags}:{body})$")).map_err(bad)
                })
                .collect::<Result<Vec<_>>>()?;
            Ok(Matcher::Words(res))
        }
    }
}

/// The elided articles and pronouns a word of `lang` may be written with (`l'`, `qu'`), as a
/// regular expression, for the languages that elide them into one token with the word.
fn elisions(lang: &str) -> Option<&'static str> {
    match lang {
        "fr" => Some("(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu)['’]"),
        "it" => Some("(?:l|d|dell|nell|all|dall|sull|coll|un|quest|quell)['’]"),
        "ca" => Some("(?:[dlmnst])['’]"),
        _ => None,
    }
}

/// Finds every hit of the pattern in the documents (in parallel), in document order.
pub fn kwic(docs: &[Document], opts: &Options, o: &KwicOptions) -> Result<Vec<Hit>> {
    compile(o, opts)?; // report a bad pattern once, before the parallel work
    let run = Analyser::new(opts);
    let per_doc: Vec<Vec<Hit>> = docs
        .par_iter()
        .map(|doc| {
            // Cannot fail: the same pattern compiled without error just above.
            let mut m = compile(o, opts).expect("compiled above");
            doc_hits(doc, &run.positions(doc), o, &mut m)
        })
        .collect();
    let mut hits: Vec<Hit> = per_doc.into_iter().flatten().collect();
    hits.truncate(o.top.unwrap_or(usize::MAX));
    Ok(hits)
}

/// A concordance over files, as an iterator of pieces of hits in corpus order: each item is
/// the hits of the next few files, read and searched in parallel, so that memory holds one
/// piece at a time. There is always at least one piece (it may be empty); the files that
/// could not be read are in [`Concordance::problems`] once the pieces are taken, and when none
/// of the files could be read, the last item is an error.
pub struct Concordance<'a> {
    files: Found,
    next: usize,
    lopts: &'a LoadOptions,
    opts: &'a Options,
    o: &'a KwicOptions,
    run: Analyser<'a>,
    given: usize,
    yielded: bool,
    strict: bool,
    problems: Vec<Problem>,
    /// Files read, with words.
    read: usize,
    /// Whether the error that no file could be read was handed on.
    told_none: bool,
}

impl<'a> Concordance<'a> {
    /// A concordance of the files `inputs` name (a bad pattern is refused here).
    pub fn new(
        inputs: &[std::path::PathBuf],
        lopts: &'a LoadOptions,
        opts: &'a Options,
        o: &'a KwicOptions,
    ) -> Result<Self> {
        let found = corpus::find_groups(&[inputs.to_vec()], lopts)?;
        Self::of_files(found, lopts, opts, o)
    }

    /// A concordance of files already found (and perhaps chosen by their metadata).
    pub fn of_files(
        found: corpus::GroupedFiles,
        lopts: &'a LoadOptions,
        opts: &'a Options,
        o: &'a KwicOptions,
    ) -> Result<Self> {
        compile(o, opts)?;
        Ok(Concordance {
            files: found.files,
            next: 0,
            lopts,
            opts,
            o,
            run: Analyser::new(opts),
            given: 0,
            yielded: false,
            strict: false,
            problems: found.problems,
            read: 0,
            told_none: false,
        })
    }

    /// Ends at the first file that cannot be read (a warning aside) instead of going on.
    pub fn strict(mut self, strict: bool) -> Self {
        self.strict = strict;
        self
    }

    /// The files found.
    pub fn files(&self) -> usize {
        self.files.len()
    }

    /// Whether the files are all taken and none of them could be read or had words.
    pub fn none_read(&self) -> bool {
        self.next >= self.files.len() && self.read == 0 && !self.files.is_empty()
    }

    /// The inputs that could not be read, so far.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    fn piece(&mut self, files: std::ops::Range<usize>) -> Result<Vec<Hit>> {
        let left = self.o.top.map_or(usize::MAX, |t| t - self.given);
        let found: Vec<Result<Vec<Hit>>> = self.files[files]
            .par_iter()
            .map(|(id, path)| {
                let doc = Document::read(id, path.as_deref(), self.lopts)?;
                // Cannot fail: the same pattern compiled without error in `new`.
                let mut m = compile(self.o, self.opts).expect("compiled in new");
                let mut hits = doc_hits(&doc, &self.run.positions(&doc), self.o, &mut m);
                hits.truncate(left);
                Ok(hits)
            })
            .collect();
        let mut hits = Vec::new();
        for r in found {
            match r {
                Ok(h) => {
                    self.read += 1;
                    hits.extend(h)
                }
                Err(e) if self.strict && e.stops_a_strict_run() => return Err(e),
                Err(e) => self.problems.push(Problem::from(e)),
            }
            if hits.len() > MAX_HITS {
                return Err(Error::Invalid(format!(
                    "more than {MAX_HITS} concordance lines in {PIECE_FILES} files; narrow \
                     the pattern or keep the first ones"
                )));
            }
        }
        hits.truncate(left);
        self.given += hits.len();
        Ok(hits)
    }
}

impl Iterator for Concordance<'_> {
    type Item = Result<Vec<Hit>>;

    fn next(&mut self) -> Option<Result<Vec<Hit>>> {
        let done = self.o.top.is_some_and(|t| self.given >= t);
        if self.next >= self.files.len() || done {
            // Files found of which none could be read or had words end the concordance in an
            // error, as the other commands end (their problems say why).
            if self.none_read() && !self.told_none {
                self.told_none = true;
                return Some(Err(Error::NoDocuments(
                    "none of the files named could be read or had words".into(),
                )));
            }
            // Every concordance has a first piece, if an empty one.
            let first = !self.yielded;
            self.yielded = true;
            return first.then(|| Ok(Vec::new()));
        }
        let start = self.next;
        self.next = (start + PIECE_FILES).min(self.files.len());
        self.yielded = true;
        Some(self.piece(start..self.next))
    }
}

fn doc_hits(doc: &Document, pos: &Positions, o: &KwicOptions, m: &mut Matcher) -> Vec<Hit> {
    let tokens = &pos.tokens;
    let text = doc.text.as_str();
    let words: Vec<usize> = (0..tokens.len())
        .filter(|&i| tokens[i].kind.is_countable())
        .collect();
    let n = match m {
        Matcher::Words(v) => v.len(),
        Matcher::Stems(v, _) => v.len(),
    };
    let mut buf = String::new();
    // The pattern words token `w` matches from word `k` on: 1 for a word, as many as its words
    // for a multiword term (`--phrases`), which only the whole of it matches; 0 for no match.
    let mut matches = |m: &mut Matcher, k: usize, w: usize| -> usize {
        fold_with(tokens[w].text(text), &mut buf, !o.case_sensitive);
        let one = |m: &mut Matcher, k: usize, word: &str| match m {
            Matcher::Words(v) => v[k].is_match(word),
            Matcher::Stems(v, st) => st.stem(word) == v[k],
        };
        if !buf.contains(char::is_whitespace) {
            return usize::from(one(m, k, &buf));
        }
        let parts: Vec<&str> = buf.split_whitespace().collect();
        let fits = k + parts.len() <= n && parts.iter().enumerate().all(|(p, w)| one(m, k + p, w));
        if fits {
            parts.len()
        } else {
            0
        }
    };
    let mut hits = Vec::new();
    let mut i = 0;
    while i < words.len() {
        // Phrases match consecutive words of one sentence, as `dict` and --phrases count them
        // (not `Climate⏎Change` across a paragraph's end); quotation marks between them are
        // skipped, and so is an abbreviation's full stop (`Mr. President`).
        let (mut k, mut j) = (0, i);
        while k < n && j < words.len() {
            let adjacent = j == i
                || (tokens[words[j - 1]].sentence == tokens[words[j]].sentence
                    && (tokens[words[j - 1] + 1..words[j]]
                        .iter()
                        .all(|t| t.kind == TokenKind::Quote)
                        || pos.abbreviation_stop_between(words[j - 1], words[j], text)));
            let took = if adjacent { matches(m, k, words[j]) } else { 0 };
            if took == 0 {
                break;
            }
            k += took;
            j += 1;
        }
        if k < n {
            i += 1;
            continue;
        }
        let end = j - 1;
        let (first, last) = (words[i], words[end]);
        // The quotation holding the whole hit, or else one holding some of its words: a cue
        // and its scare-quoted word (`so-called “elections”`) is a scare-quoted hit.
        let inner = pos.innermost_holding(first, last).or_else(|| {
            (i..=end)
                .filter(|_| end > i)
                .find_map(|w| pos.innermost_holding(words[w], words[w]))
        });
        let quoted = inner.is_some();
        let kind = inner.map(|s| s.kind);
        let keep = (!o.quoted_only || quoted) && o.kind.is_none_or(|k| kind == Some(k));
        if keep {
            let lo = words[i.saturating_sub(o.window)];
            let hi = words[end.saturating_add(o.window).min(words.len() - 1)];
            let hi_end = right_end(text, tokens, hi);
            hits.push(Hit {
                doc: doc.id.clone(),
                offset: doc.source_offset(tokens[first].start as usize),
                page: doc.page(tokens[first].start as usize),
                left: collapse_ws(tail_words(
                    &text[tokens[lo].start as usize..tokens[first].start as usize],
                    context_bytes(o.window),
                )),
                hit: collapse_ws(head(
                    &text[tokens[first].start as usize..tokens[last].end as usize],
                    MAX_CONTEXT_BYTES,
                )),
                right: collapse_ws(head_words(
                    &text[tokens[last].end as usize..hi_end as usize],
                    context_bytes(o.window),
                )),
                quoted,
                kind,
            });
        }
        i = end + 1;
    }
    hits
}

/// Where the right context ends after token `hi`, its last word: past the closing marks and
/// punctuation that follow it, glued to it, or a closing guillemet after one space as French
/// sets it (`partners”.`, `« partenaires ».`).
fn right_end(text: &str, tokens: &[crate::text::Token], hi: usize) -> u32 {
    let mut end = tokens[hi].end;
    for t in tokens[hi + 1..]
        .iter()
        .take_while(|t| !t.kind.is_countable())
    {
        let gap = &text[end as usize..t.start as usize];
        // Only a closing guillemet is set after a space; an opening mark there starts the
        // next quotation.
        let closing = matches!(text[t.start as usize..].chars().next(), Some('»' | '›'));
        let spaced = closing
            && gap.chars().count() == 1
            && gap.chars().all(|c| c.is_whitespace() && c != '\n');
        if !gap.is_empty() && !spaced {
            break;
        }
        end = t.end;
    }
    end
}

/// The `kwic` frame.
pub fn frame(hits: &[Hit]) -> Result<DataFrame> {
    Ok(df!(
        "doc" => hits.iter().map(|h| h.doc.as_str()).collect::<Vec<_>>(),
        "offset" => hits.iter().map(|h| h.offset as u64).collect::<Vec<_>>(),
        "page" => hits.iter().map(|h| h.page).collect::<Vec<_>>(),
        "left" => hits.iter().map(|h| h.left.as_str()).collect::<Vec<_>>(),
        "hit" => hits.iter().map(|h| h.hit.as_str()).collect::<Vec<_>>(),
        "right" => hits.iter().map(|h| h.right.as_str()).collect::<Vec<_>>(),
        "quoted" => hits.iter().map(|h| h.quoted).collect::<Vec<_>>(),
        // Null outside quotations (an empty string in CSV).
        "kind" => hits.iter().map(|h| h.kind.map(|k| k.name())).collect::<Vec<_>>(),
    )?)
}

#[cfg(test)]
mod tests {
    use super::{head_words, tail_words};

    #[test]
    fn a_cut_context_shows_whole_words_only() {
        // A cut inside a word drops the part; a cut between words keeps every word.
        assert_eq!(head_words("alpha beta gamma", 8), "alpha");
        assert_eq!(head_words("alpha beta gamma", 10), "alpha beta");
        assert_eq!(head_words("alpha beta", 40), "alpha beta");
        assert_eq!(tail_words("alpha beta gamma", 8), " gamma");
        assert_eq!(tail_words("alpha beta gamma", 10), "beta gamma");
        assert_eq!(tail_words("alpha beta", 40), "alpha beta");
    }
}
