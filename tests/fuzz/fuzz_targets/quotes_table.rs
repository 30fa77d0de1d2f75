//! The quotes path end to end on arbitrary text: pairing, classification, capped texts and
//! contexts, the `quotes` frame and its CSV, read back: one row per span, every cell a
//! spreadsheet would run neutralised.
#![no_main]
use std::sync::OnceLock;
use libfuzzer_sys::fuzz_target;
use polars::prelude::*;
use verbale::analysis::{analyse, Options};
use verbale::corpus::Document;
use verbale::out::{render_to, Format};
use verbale::quotes::{MAX_CONTEXT_BYTES, MAX_SPAN_CHARS};
use verbale::text::Lang;

/// Options are built once: loading the bundled lexicons on every input would dominate.
fn options() -> &'static Options {
    static OPTS: OnceLock<Options> = OnceLock::new();
    OPTS.get_or_init(|| Options::new(Lang::english()))
}

fuzz_target!(|text: &str| {
    let doc = Document::from_text("fuzz", text);
    let a = analyse(std::slice::from_ref(&doc), options());
    let spans = &a.docs[0].spans;
    for s in spans {
        assert!(s.open < s.close, "marks in order");
        assert!(s.text.chars().count() <= MAX_SPAN_CHARS + 1, "text capped");
        assert!(s.left.len() <= MAX_CONTEXT_BYTES && s.right.len() <= MAX_CONTEXT_BYTES);
        assert!((0.0..=1.0).contains(&s.confidence));
    }
    let mut df = verbale::frames::quotes(&a, Default::default()).expect("frame");
    let mut csv = Vec::new();
    render_to(&mut df, Format::Csv, Default::default(), &mut csv).expect("CSV");
    let back = CsvReadOptions::default()
        .with_has_header(true)
        .with_infer_schema_length(Some(0))
        .into_reader_with_file_handle(std::io::Cursor::new(csv))
        .finish()
        .expect("the CSV reads back");
    assert_eq!(back.height(), spans.len(), "one row per span");
    for col in back.columns() {
        if let Ok(ca) = col.str() {
            for v in ca.iter().flatten() {
                assert!(
                    !v.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "a cell a spreadsheet would run: {v:?}"
                );
            }
        }
    }
});
