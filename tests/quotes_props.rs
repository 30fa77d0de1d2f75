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
        let sum: u64 = a.doc_terms.get(0).iter().map(|c| c.count as u64).sum();
        prop_assert_eq!(sum, d.tokens);
        let quoted: u64 = a.doc_terms.get(0).iter().map(|c| c.quoted as u64).sum();
        prop_assert!(quoted <= sum);
    }
}

/// Long runs of quotation marks of every style (curly, straight, single, guillemets, low-9,
/// CJK brackets), nested and unbalanced, with a few words between.
fn marks_strategy() -> impl Strategy<Value = String> {
    let marks = prop::sample::select(vec![
        "“", "”", "‘", "’", "\"", "'", "«", "»", "‹", "›", "„", "‚", "「", "」", "『", "』", "« ",
        " »", "x", " ", "word ", "\n",
    ]);
    (prop::collection::vec(marks, 1..400), 1usize..30).prop_map(|(v, k)| v.concat().repeat(k))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// What a document's quotations give (spans, their texts and contexts, CSV) grows linearly
    /// with the text, whatever the marks: every span's text and contexts are capped, and there
    /// are no more spans than marks.
    #[test]
    fn quotation_output_is_linear_in_the_input(t in marks_strategy()) {
        let doc = Document::from_text("p", &t);
        let a = analysis::analyse(std::slice::from_ref(&doc), &Options::new(Lang::english()));
        let marks = t.chars().filter(|&c| verbale::text::tokenize::is_quote_char(c)).count();
        let spans = &a.docs[0].spans;
        prop_assert!(spans.len() * 2 <= marks);
        for s in spans {
            prop_assert!(s.text.chars().count() <= verbale::quotes::MAX_SPAN_CHARS + 1);
            prop_assert!(s.left.len() <= verbale::quotes::MAX_CONTEXT_BYTES);
            prop_assert!(s.right.len() <= verbale::quotes::MAX_CONTEXT_BYTES);
        }
        let mut df = verbale::frames::quotes(&a, Default::default()).unwrap();
        let mut csv = Vec::new();
        verbale::out::render_to(&mut df, verbale::out::Format::Csv, Default::default(), &mut csv).unwrap();
        // Per mark at most one span, each at most its capped text, contexts and columns.
        let per_span = 4 * verbale::quotes::MAX_SPAN_CHARS + 2 * verbale::quotes::MAX_CONTEXT_BYTES + 400;
        prop_assert!(csv.len() <= 400 + marks * per_span / 2, "{} bytes for {} marks", csv.len(), marks);
    }
}
