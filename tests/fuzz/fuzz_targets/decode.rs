//! Decoding and normalising arbitrary bytes: never a panic; every offset of the normalised text
//! maps back inside the file, in order, and BOMs, UTF-16 and bad bytes are handled.
#![no_main]
use libfuzzer_sys::fuzz_target;
use verbale::corpus::{decode, decode_owned, Document};

fuzz_target!(|bytes: &[u8]| {
    let path = std::path::Path::new("fuzz.txt");
    let strict = decode(bytes, path, false);
    let lossy = decode(bytes, path, true);
    // Decoding owned bytes (the no-copy path) gives the same text or the same failure.
    for (lossy, borrowed) in [(false, &strict), (true, &lossy)] {
        let owned = decode_owned(bytes.to_vec(), path, lossy);
        assert_eq!(owned.is_ok(), borrowed.is_ok());
        if let (Ok((a, _)), Ok((b, _))) = (&owned, borrowed) {
            assert_eq!(a, b);
        }
    }
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
