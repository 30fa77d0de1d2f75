//! Property tests of the tokeniser and the quote scanner on arbitrary text.

use proptest::prelude::*;
use verbale::analysis::{self, Options};
use verbale::corpus::{Document, Layout};
use verbale::text::{tokenize, Lang, TokenizeOptions};

fn text_strategy() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "peace",
        "Armenia’s",
        "don't",
        " ",
        " ",
        "\n",
        "\n\n",
        "“",
        "”",
        "‘",
        "’",
        "\"",
        "'",
        "«",
        "»",
        "„",
        "so-called",
        "1990s",
        "’80s",
        ".",
        ",",
        "-",
        "Ελλάδα",
        "🙂",
        "e\u{301}",
        "\r\n",
        "nego-\n",
        "tiation",
        "\u{FEFF}",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn tokens_lie_on_char_boundaries_in_order(t in text_strategy()) {
        let toks = tokenize(&t, Layout::Lines, TokenizeOptions::default());
        let mut last = 0;
        for k in &toks {
            prop_assert!(k.start < k.end);
            prop_assert!(k.start as usize >= last);
            prop_assert!(t.is_char_boundary(k.start as usize) && t.is_char_boundary(k.end as usize));
            last = k.end as usize;
        }
    }

    #[test]
    fn spans_nest_and_point_at_marks(t in text_strategy()) {
        let doc = Document::from_text("p", &t);
        let opts = Options { stopwords: verbale::text::Stopwords::none(), ..Options::new(Lang::english()) };
        let a = analysis::analyse(std::slice::from_ref(&doc), &opts);
        let d = &a.docs[0];
        for s in &d.spans {
            let o = t[s.open..].chars().next().unwrap();
            let c = t[s.close..].chars().next().unwrap();
            prop_assert!(verbale::text::tokenize::is_quote_char(o), "open {o:?}");
            prop_assert!(verbale::text::tokenize::is_quote_char(c), "close {c:?}");
            prop_assert!(s.open < s.close);
        }
        for x in &d.spans {
            for y in &d.spans {
                let disjoint = x.close < y.open || y.close < x.open;
                let x_in_y = y.open < x.open && x.close < y.close;
                let y_in_x = x.open < y.open && y.close < x.close;
                prop_assert!(std::ptr::eq(x, y) || disjoint || x_in_y || y_in_x, "{:?} {:?}", (x.open, x.close), (y.open, y.close));
            }
        }
        // Counts add up to the token total when nothing is left out.
        let sum: u64 = a.doc_terms[0].iter().map(|c| c.count as u64).sum();
        prop_assert_eq!(sum, d.tokens);
        let quoted: u64 = a.doc_terms[0].iter().map(|c| c.quoted as u64).sum();
        prop_assert!(quoted <= sum);
    }
}
