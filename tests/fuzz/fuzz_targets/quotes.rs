//! Pairing and classifying quotation marks in arbitrary text: pairs open before they close, on
//! quote tokens, nest without crossing; every mark is paired or reported unpaired once.
#![no_main]
use std::sync::OnceLock;
use libfuzzer_sys::fuzz_target;
use verbale::analysis::{analyse, Options};
use verbale::corpus::{Document, Layout};
use verbale::quotes::pair_quotes;
use verbale::text::{tokenize, Lang, TokenKind, TokenizeOptions};

/// Options are built once: loading the bundled lexicons on every input would dominate.
fn options() -> &'static Options {
    static OPTS: OnceLock<Options> = OnceLock::new();
    OPTS.get_or_init(|| Options::new(Lang::english()))
}

fuzz_target!(|text: &str| {
    let toks = tokenize(text, Layout::Lines, TokenizeOptions::default());
    let p = pair_quotes(text, &toks);
    let mut used = vec![false; toks.len()];
    for q in &p.pairs {
        let (o, c) = (q.open_tok as usize, q.close_tok as usize);
        assert!(o < c && c < toks.len());
        assert_eq!(toks[o].kind, TokenKind::Quote);
        assert_eq!(toks[c].kind, TokenKind::Quote);
        assert!(!used[o] && !used[c], "a mark in two pairs");
        used[o] = true;
        used[c] = true;
    }
    for u in &p.unpaired {
        assert!(!used[u.tok as usize], "a mark both paired and unpaired");
        used[u.tok as usize] = true;
    }
    for a in &p.pairs {
        for b in &p.pairs {
            let crossing = a.open_tok < b.open_tok && b.open_tok < a.close_tok && a.close_tok < b.close_tok;
            assert!(!crossing, "pairs cross");
        }
    }
    let doc = Document::from_text("fuzz", text);
    let a = analyse(std::slice::from_ref(&doc), options());
    for s in &a.docs[0].spans {
        assert!(s.open_tok < s.close_tok);
        assert!((0.0..=1.0).contains(&s.confidence), "confidence {}", s.confidence);
    }
});
