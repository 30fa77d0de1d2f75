//! The whole per-document pipeline on arbitrary bytes (decode, normalise, tokenise, pair,
//! classify, count): counts add up, span offsets point at the marks in the file as stored.
#![no_main]
use std::sync::OnceLock;
use libfuzzer_sys::fuzz_target;
use verbale::analysis::{analyse, Options};
use verbale::corpus::Document;
use verbale::text::Lang;

/// Options are built once: loading the bundled lexicons on every input would dominate.
fn options() -> &'static Options {
    static OPTS: OnceLock<Options> = OnceLock::new();
    OPTS.get_or_init(|| {
        let mut o = Options::new(Lang::english());
        // Every form a term, so that term counts add up to the token count.
        o.stopwords = verbale::text::Stopwords::none();
        o
    })
}

fuzz_target!(|bytes: &[u8]| {
    let Ok(doc) = Document::from_bytes("fuzz", bytes, true) else {
        return;
    };
    let opts = options();
    let a = analyse(std::slice::from_ref(&doc), opts);
    let r = &a.docs[0];
    let total: u64 = a.doc_terms.get(0).iter().map(|c| c.count as u64).sum();
    assert_eq!(total, r.tokens, "term counts add up to the token count");
    for c in &a.doc_terms.get(0) {
        assert!(c.scare <= c.quoted && c.quoted <= c.count);
    }
    assert!(r.scare_tokens <= r.tokens);
    let utf8 = std::str::from_utf8(bytes).is_ok();
    for s in &r.spans {
        assert!(s.open < s.close && s.close < bytes.len());
        // The mark as stored: the character itself, or a mojibake sequence (`â€œ` for `“`).
        let mojibake = bytes[s.open..].starts_with("\u{e2}\u{20ac}".as_bytes());
        if utf8 && !mojibake {
            let open = std::str::from_utf8(&bytes[s.open..]).ok().and_then(|t| t.chars().next());
            assert_eq!(open, Some(s.marks[0]), "open offset points at the mark");
        }
    }
});
