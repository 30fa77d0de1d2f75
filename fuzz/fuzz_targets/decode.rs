//! Decoding and normalising arbitrary bytes: never a panic; every offset of the normalised text
//! maps back inside the file, in order, and BOMs, UTF-16 and bad bytes are handled.
#![no_main]
use libfuzzer_sys::fuzz_target;
use verbale::corpus::{decode, Document};

fuzz_target!(|bytes: &[u8]| {
    let path = std::path::Path::new("fuzz.txt");
    let strict = decode(bytes, path, false);
    let lossy = decode(bytes, path, true);
    // Lossy decoding fails only where strict decoding also fails, and only on binary input.
    if strict.is_ok() {
        assert!(lossy.is_ok());
    }
    if let Ok(doc) = Document::from_bytes("fuzz", bytes, true) {
        let mut last = 0;
        for (x, _) in doc.text.char_indices().chain([(doc.text.len(), ' ')]) {
            let s = doc.source_offset(x);
            assert!(s <= bytes.len(), "offset {x} maps to {s} past the end");
            assert!(s >= last, "offsets go backwards at {x}");
            last = s;
        }
        assert!(!doc.text.contains('\r'), "line endings are normalised");
    }
});
