//! Pairing quotation marks into spans: within a paragraph (or across a line break inside a
//! sentence), by mark style and context, with nesting, the multi-paragraph convention,
//! apostrophes told apart, and linear time on broken input.

use crate::text::{Token, TokenKind};

/// A paired quotation: token indices of its opening and closing marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pair {
    /// Index of the opening mark's token.
    pub open_tok: u32,
    /// Index of the closing mark's token.
    pub close_tok: u32,
    /// Opening mark.
    pub open_char: char,
    /// Closing mark.
    pub close_char: char,
    /// Nesting depth: 0 for an outermost span.
    pub depth: u16,
}

/// A quotation mark that found no partner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unpaired {
    /// Index of the mark's token.
    pub tok: u32,
    /// The mark.
    pub mark: char,
}

/// What pairing found in one document.
#[derive(Debug, Clone, Default)]
pub struct Pairing {
    /// Spans, ordered by opening mark.
    pub pairs: Vec<Pair>,
    /// Marks left without a partner (apostrophes are not listed).
    pub unpaired: Vec<Unpaired>,
}

/// Openers a closing mark may close.
fn closes(close: char) -> &'static [char] {
    match close {
        '\u{201D}' => &['\u{201C}', '\u{201E}', '\u{201F}'],
        '\u{201C}' => &['\u{201E}'],
        '\u{2019}' => &['\u{2018}', '\u{201A}', '\u{201B}'],
        '\u{2018}' => &['\u{201A}'],
        '"' => &['"'],
        '\'' => &['\''],
        '\u{00BB}' => &['\u{00AB}'],
        '\u{203A}' => &['\u{2039}'],
        '\u{300D}' => &['\u{300C}'],
        '\u{300F}' => &['\u{300E}'],
        _ => &[],
    }
}

const OPENERS: [char; 12] = [
    '\u{201C}', '\u{201E}', '\u{201F}', '\u{2018}', '\u{201A}', '\u{201B}', '"', '\'', '\u{00AB}',
    '\u{2039}', '\u{300C}', '\u{300E}',
];

fn opener_index(c: char) -> usize {
    OPENERS.iter().position(|&o| o == c).unwrap_or(0)
}

/// Space, start or end of text, or punctuation that may stand outside a quotation.
fn is_edge(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || matches!(
                    c,
                    '(' | '['
                        | '{'
                        | ')'
                        | ']'
                        | '}'
                        | '.'
                        | ','
                        | ';'
                        | ':'
                        | '!'
                        | '?'
                        | '…'
                        | '—'
                        | '–'
                        | '-'
                        | '/'
                        | '\u{00A0}'
                        | '*'
                        | '_'
                )
                || crate::text::tokenize::is_quote_char(c)
        }
    }
}

/// Whether an opening mark with `a` around it stands where a closing mark goes: before
/// punctuation that ends a phrase (`,` `;` `:` `)` `!` `?`, or a full stop that starts no
/// ellipsis), or after a word and before a space or the end.
fn closes_here(a: Around, left_edge: bool) -> bool {
    match a.right {
        Some(',' | ';' | ':' | ')' | ']' | '!' | '?') => true,
        Some('.') => !(a.after.starts_with("..") || a.after.starts_with(". .")),
        Some(c) if c.is_whitespace() => !left_edge,
        None => !left_edge,
        _ => false,
    }
}

struct Open {
    tok: u32,
    ch: char,
}

struct Pairer<'a> {
    stack: Vec<Open>,
    /// The last `’` or `'` after a word that closed nothing: a damaged closing mark if a
    /// double quotation is still open when the paragraph ends (`“Karabakh is Armenia’`).
    soft_close: Option<(u32, char)>,
    counts: [u32; 12],
    out: &'a mut Pairing,
}

impl Pairer<'_> {
    fn has_opener_for(&self, close: char) -> bool {
        closes(close)
            .iter()
            .any(|&o| self.counts[opener_index(o)] > 0)
    }

    /// Whether the innermost open quotation was opened by `ch` (a mark of another style closes
    /// only that one, never one further out).
    fn top_is(&self, ch: char) -> bool {
        self.stack.last().is_some_and(|o| o.ch == ch)
    }

    fn push(&mut self, tok: u32, ch: char) {
        // A damaged closing mark is only trusted for the innermost open quotation.
        self.soft_close = None;
        self.counts[opener_index(ch)] += 1;
        self.stack.push(Open { tok, ch });
    }

    /// Closes the nearest compatible opener; openers above it become unpaired.
    fn close(&mut self, tok: u32, ch: char) -> bool {
        self.close_with(tok, ch, ch)
    }

    /// Records the span from opener `o` (already popped) to the closing mark `ch` at `tok`.
    fn record(&mut self, o: Open, tok: u32, ch: char) {
        self.out.pairs.push(Pair {
            open_tok: o.tok,
            close_tok: tok,
            open_char: o.ch,
            close_char: ch,
            depth: self.stack.len() as u16,
        });
    }

    /// Closes with mark `ch` the nearest opener that `like` would close.
    fn close_with(&mut self, tok: u32, ch: char, like: char) -> bool {
        if !self.has_opener_for(like) {
            return false;
        }
        let ok = closes(like);
        while let Some(o) = self.stack.pop() {
            self.counts[opener_index(o.ch)] -= 1;
            if ok.contains(&o.ch) {
                self.soft_close = None;
                self.record(o, tok, ch);
                return true;
            }
            self.out.unpaired.push(Unpaired {
                tok: o.tok,
                mark: o.ch,
            });
        }
        false
    }

    fn flush(&mut self) {
        if let (Some(top), Some((tok, ch))) = (self.stack.last(), self.soft_close) {
            if tok > top.tok && matches!(top.ch, '\u{201C}' | '"' | '\u{201E}') {
                // Cannot fail: `self.stack.last()` was Some in the condition above.
                let o = self.stack.pop().expect("checked above");
                self.record(o, tok, ch);
            }
        }
        self.soft_close = None;
        for o in self.stack.drain(..) {
            self.out.unpaired.push(Unpaired {
                tok: o.tok,
                mark: o.ch,
            });
        }
        self.counts = [0; 12];
    }
}

/// Pairs the quotation marks among `tokens` (from [`crate::text::tokenize`] on `text`).
pub fn pair_quotes(text: &str, tokens: &[Token]) -> Pairing {
    let mut out = Pairing::default();
    let mut p = Pairer {
        stack: Vec::new(),
        soft_close: None,
        counts: [0; 12],
        out: &mut out,
    };
    let mut para = tokens.first().map(|t| t.para).unwrap_or(0);
    let mut skip_continuation = false;
    for (i, t) in tokens.iter().enumerate() {
        if t.para != para {
            para = t.para;
            skip_continuation = p.new_paragraph(text, &tokens[i - 1], t);
        }
        if t.kind != TokenKind::Quote {
            continue;
        }
        if skip_continuation {
            skip_continuation = false;
            continue;
        }
        let ch = t.text(text).chars().next().unwrap_or(' ');
        let around = Around {
            left: text[..t.start as usize].chars().next_back(),
            right: text[t.end as usize..].chars().next(),
            after: &text[t.end as usize..],
        };
        p.mark(i as u32, ch, around);
    }
    p.flush();
    out.pairs.sort_by_key(|x| x.open_tok);
    out.unpaired.sort_by_key(|x| x.tok);
    merge_doubled_singles(tokens, &mut out.pairs);
    out
}

/// Two single marks set as one double mark (`‘‘pitch attitude.’’`, the style of the U.S.
/// Federal Register) are one quotation: of the two pairs, the inner one is kept and the outer
/// marks quote nothing of their own. `pairs` are sorted by their opening marks; the depths
/// are counted again after (one sweep, so a run of such marks stays linear work).
fn merge_doubled_singles(tokens: &[Token], pairs: &mut Vec<Pair>) {
    let single = |p: &Pair| p.open_char == '\u{2018}' && p.close_char == '\u{2019}';
    let touch = |a: u32, b: u32| tokens[a as usize].end == tokens[b as usize].start;
    let doubled: Vec<bool> = (0..pairs.len())
        .map(|k| {
            let (o, Some(i)) = (&pairs[k], pairs.get(k + 1)) else {
                return false;
            };
            single(o)
                && single(i)
                && i.open_tok == o.open_tok + 1
                && i.close_tok + 1 == o.close_tok
                && touch(o.open_tok, i.open_tok)
                && touch(i.close_tok, o.close_tok)
        })
        .collect();
    if !doubled.contains(&true) {
        return;
    }
    let mut k = 0;
    pairs.retain(|_| {
        k += 1;
        !doubled[k - 1]
    });
    let mut open: Vec<u32> = Vec::new();
    for p in pairs.iter_mut() {
        while open.last().is_some_and(|&close| close < p.open_tok) {
            open.pop();
        }
        p.depth = open.len() as u16;
        open.push(p.close_tok);
    }
}

/// Whether a curly closing mark stands further on the line `after` begins, before any curly
/// opening mark: a straight mark before it does not close a curly quotation.
fn curly_closes_later(after: &str) -> bool {
    let line = after.split('\n').next().unwrap_or("");
    line.chars()
        .find(|&c| c == '\u{201C}' || c == '\u{201D}')
        .is_some_and(|c| c == '\u{201D}')
}

/// What surrounds a mark: the characters just before and after it, and the text after it.
struct Around<'a> {
    left: Option<char>,
    right: Option<char>,
    after: &'a str,
}

impl Pairer<'_> {
    /// A paragraph starts with token `t` (the last one before it is `last`). Quotations still
    /// open end here, unless the paragraph reopens with their mark (a long quotation over
    /// several paragraphs, only the last one closing) or the break falls inside a sentence.
    /// Returns whether `t` is such a reopening mark, to be passed over.
    fn new_paragraph(&mut self, text: &str, last: &Token, t: &Token) -> bool {
        if self.stack.is_empty() {
            return false;
        }
        let first = t.text(text).chars().next();
        let continues = t.kind == TokenKind::Quote
            && first.is_some_and(|c| self.stack.iter().any(|o| o.ch == c))
            && !is_edge(text[t.end as usize..].chars().next());
        if continues {
            self.soft_close = None;
            return true;
        }
        if !crate::text::tokenize::continues_sentence(text, last, t) {
            self.flush();
        }
        false
    }

    /// Pairs or stacks the mark `ch` of token `i`.
    fn mark(&mut self, i: u32, ch: char, a: Around) {
        let (left, right) = (a.left, a.right);
        let left_edge = is_edge(left);
        let right_edge = is_edge(right);
        match ch {
            '\u{201C}' => {
                // “ closes a German „ when it follows a word; it closes an open “ where a
                // closing mark goes (“security“, and “information age “. of OCR and
                // retyped texts); otherwise it opens.
                if !left_edge && self.has_opener_for(ch) {
                    self.close(i, ch);
                } else if self.top_is(ch) && closes_here(a, left_edge) {
                    self.close_with(i, ch, '\u{201D}');
                } else {
                    self.push(i, ch);
                }
            }
            '\u{2018}' => {
                if right.is_some_and(|c| c.is_ascii_digit())
                    || (!left_edge && !self.has_opener_for(ch))
                {
                    return; // ‘90s, or an apostrophe typed as ‘
                }
                if !left_edge && self.has_opener_for(ch) {
                    self.close(i, ch);
                } else {
                    self.push(i, ch);
                }
            }
            '\u{2019}' => self.right_single(i, ch, a, left_edge, right_edge),
            '"' => {
                let can_open =
                    left_edge && !right.is_some_and(char::is_whitespace) && right.is_some();
                let can_close =
                    !left.is_some_and(char::is_whitespace) && left.is_some() && right_edge;
                if can_close && self.has_opener_for(ch) {
                    self.close(i, ch);
                } else if can_close && self.top_is('\u{201C}') && !curly_closes_later(a.after) {
                    // A curly quotation closed by a straight mark (“holy alliance"), when no
                    // curly mark closes it further on the line (an inch mark: “5'6" tall”).
                    self.close_with(i, ch, '\u{201D}');
                } else if can_open {
                    self.push(i, ch);
                } else if self.has_opener_for(ch) {
                    self.close(i, ch);
                } else {
                    self.out.unpaired.push(Unpaired { tok: i, mark: ch });
                }
            }
            '\'' => self.straight_single(i, ch, a, left_edge, right_edge),
            '\u{201E}' | '\u{201A}' | '\u{201F}' | '\u{201B}' | '\u{00AB}' | '\u{2039}'
            | '\u{300C}' | '\u{300E}' => self.push(i, ch),
            '\u{201D}' if !self.has_opener_for(ch) && self.top_is('"') => {
                // A straight quotation closed by a curly mark ("holy alliance”), as retyped
                // and scanned texts mix them.
                self.close_with(i, ch, '"');
            }
            '\u{201D}' if !self.has_opener_for(ch) && self.has_opener_for('\u{2019}') => {
                // A single quotation closed by a double mark (‘Umi Tugeda tourism”).
                self.close_with(i, ch, '\u{2019}');
            }
            _ => {
                if !self.close(i, ch) {
                    self.out.unpaired.push(Unpaired { tok: i, mark: ch });
                }
            }
        }
    }

    /// `’`: a closing single quote, or an apostrophe (the 1990s’, ’80s, States’ rights).
    fn right_single(&mut self, i: u32, ch: char, a: Around, left_edge: bool, right_edge: bool) {
        if !self.has_opener_for(ch) {
            if !left_edge && right_edge {
                self.soft_close = Some((i, ch));
            }
            return;
        }
        if a.right.is_some_and(|c| c.is_ascii_digit()) && left_edge {
            return;
        }
        if !right_edge && a.right.is_some_and(|c| c.is_alphabetic()) {
            return;
        }
        self.close(i, ch);
    }

    /// `'`: a straight single quote, or an apostrophe ('80s, the 1990s', countries', 'em).
    fn straight_single(&mut self, i: u32, ch: char, a: Around, left_edge: bool, right_edge: bool) {
        let elision = ["em ", "tis ", "twas ", "til ", "cause ", "n "]
            .iter()
            .any(|e| a.after.starts_with(e));
        let can_open =
            left_edge && !elision && a.right.is_some_and(|c| c.is_alphabetic() || c == '"');
        let can_close = a.left.is_some_and(|c| !c.is_whitespace()) && right_edge;
        if can_close && self.has_opener_for(ch) {
            self.close(i, ch);
        } else if can_open {
            self.push(i, ch);
        } else if can_close {
            self.soft_close = Some((i, ch));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Layout;
    use crate::text::{tokenize, TokenizeOptions};

    fn spans(t: &str) -> (Vec<String>, Vec<char>) {
        let toks = tokenize(t, Layout::Lines, TokenizeOptions::default());
        let p = pair_quotes(t, &toks);
        let s = p
            .pairs
            .iter()
            .map(|x| {
                t[toks[x.open_tok as usize].start as usize..toks[x.close_tok as usize].end as usize]
                    .to_string()
            })
            .collect();
        (s, p.unpaired.iter().map(|u| u.mark).collect())
    }

    #[test]
    fn curly_and_nested() {
        let (s, u) = spans("the so-called “elections” and “a ‘b’ c”.");
        assert_eq!(s, ["“elections”", "“a ‘b’ c”", "‘b’"]);
        assert!(u.is_empty());
    }

    #[test]
    fn straight_and_curly_marks_mixed_in_one_quotation_pair() {
        // As the 1946–2004 speeches have them: "holy alliance” and “slaves".
        let (s, u) = spans("the \"holy alliance” and “slaves\", then \"x\" and “y”");
        assert_eq!(s, ["\"holy alliance”", "“slaves\"", "\"x\"", "“y”"]);
        assert!(u.is_empty(), "{u:?}");
        // A mark of the quotation's own style is still preferred.
        let (s, _) = spans("“a \"b\" c”");
        assert_eq!(s, ["“a \"b\" c”", "\"b\""]);
        // An opening mark where a closing one goes closes the quotation (OCR and retyped
        // texts); one that starts an ellipsis or a word opens.
        let (s, u) = spans("of “security“, we are; the term “information age “. The end");
        assert_eq!(s, ["“security“", "“information age “"]);
        assert!(u.is_empty(), "{u:?}");
        let (s, _) = spans("“a “b” c” and “. . . the rest” and „Wahl“");
        assert_eq!(s, ["“a “b” c”", "“b”", "“. . . the rest”", "„Wahl“"]);
        // An inch mark inside a curly quotation closes nothing: the curly mark does.
        let (s, u) = spans("“He is 5'6\" tall,” she said. “The 12\" guns are gone,” he said.");
        assert_eq!(s, ["“He is 5'6\" tall,”", "“The 12\" guns are gone,”"]);
        assert_eq!(u, ['"', '"']);
        // A mark of another style closes the innermost quotation only (‘…” stays one span).
        let (s, _) = spans("\"He spoke of ‘Umi Tugeda tourism” and left\" today.");
        assert_eq!(
            s,
            [
                "\"He spoke of ‘Umi Tugeda tourism” and left\"",
                "‘Umi Tugeda tourism”"
            ]
        );
    }

    #[test]
    fn every_style() {
        let t = "«paix» « mot » ‹x› „Wahl“ ‚y‘ 「z」 『w』 \"s\" 'q' “d”";
        let (s, u) = spans(t);
        assert_eq!(s.len(), 10, "{s:?}");
        assert!(u.is_empty());
        assert_eq!(s[1], "« mot »");
    }

    #[test]
    fn apostrophes_are_not_marks() {
        let (s, u) = spans("Armenia’s and don't, the 1990s’ and ’80s, 'em the States' rights");
        assert!(s.is_empty(), "{s:?}");
        assert!(u.is_empty(), "{u:?}");
        let (s, _) = spans("the ‘peace’ of the 1990s’ and the 'x' of Armenia's");
        assert_eq!(s, ["‘peace’", "'x'"]);
    }

    #[test]
    fn unpaired_never_swallows_paragraphs() {
        let (s, u) = spans("a “lost mark here\nnext “para” ok");
        assert_eq!(s, ["“para”"]);
        assert_eq!(u, ['“']);
        let (s, u) = spans("a closing only” and “good”");
        assert_eq!(s, ["“good”"]);
        assert_eq!(u, ['”']);
    }

    #[test]
    fn a_quotation_stays_open_across_a_line_break_inside_a_sentence() {
        let t = "Figl said:\n“Today the world looks to us, in which all its hopes are\nplaced. \
                 Will it assure and\npreserve peace, bread and work?”\nIn order to";
        let (s, u) = spans(t);
        assert_eq!(s.len(), 1, "{s:?}");
        assert!(
            s[0].starts_with("“Today") && s[0].ends_with("work?”"),
            "{s:?}"
        );
        assert!(u.is_empty(), "{u:?}");
        // A line that ends a sentence, or a next line in capitals, still ends the paragraph.
        // So do the items of a list, whatever the line ends with.
        for t in [
            "a “lost mark here.\nnext “para” ok",
            "a “lost mark here\nNext “para” ok",
            "The Council:\na) welcomes the “lost declaration;\nb) calls on the “para” ok",
            "a) welcomes the “lost declaration,\nii. calls on the “para” ok",
        ] {
            let (s, u) = spans(t);
            assert_eq!(s, ["“para”"], "{t}");
            assert_eq!(u, ['“'], "{t}");
        }
    }

    #[test]
    fn multi_paragraph_convention() {
        let t = "He said: “First para\n“Second para\n“Third.” Done";
        let (s, u) = spans(t);
        assert_eq!(s.len(), 1);
        assert!(s[0].starts_with("“First") && s[0].ends_with("Third.”"));
        assert!(u.is_empty());
    }

    #[test]
    fn adversarial_is_linear() {
        let t = "“ ".repeat(100_000) + &"” ".repeat(100_000) + &"\" ".repeat(50_001);
        let toks = tokenize(&t, Layout::Lines, TokenizeOptions::default());
        let p = pair_quotes(&t, &toks);
        // Every mark is accounted for: 100,000 nested pairs, 50,001 lone straight quotes.
        assert_eq!(p.pairs.len(), 100_000);
        assert_eq!(p.unpaired.len(), 50_001);
    }
}
