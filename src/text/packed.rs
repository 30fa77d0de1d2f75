//! Short strings packed into one integer key, the hash for such keys, and a word set built on
//! them: counting and the line-break rule look words up without hashing strings.

use ahash::AHashSet;
use std::collections::HashSet;

/// Hashes a packed key ([`pack`]) with one folded multiply: the keys are already dense,
/// so this is all the mixing the table needs, at a fraction of a general hasher's cost.
#[derive(Default, Clone, Copy)]
pub(crate) struct PackedHash;

impl std::hash::BuildHasher for PackedHash {
    type Hasher = PackedHasher;
    fn build_hasher(&self) -> PackedHasher {
        PackedHasher(0)
    }
}

#[derive(Default)]
pub(crate) struct PackedHasher(u64);

impl std::hash::Hasher for PackedHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // Not used for u128 keys; kept correct for any other.
        for &b in bytes {
            self.write_u64(b as u64);
        }
    }
    fn write_u64(&mut self, x: u64) {
        let m = ((self.0 ^ x) as u128).wrapping_mul(0x9E37_79B9_7F4A_7C15_F39C_C060_5CED_C835);
        self.0 = (m as u64) ^ ((m >> 64) as u64);
    }
    #[inline]
    fn write_u128(&mut self, x: u128) {
        let (lo, hi) = (x as u64, (x >> 64) as u64);
        let m = (lo ^ 0x243F_6A88_85A3_08D3) as u128 * (hi ^ 0x1319_8A2E_0370_7344) as u128;
        self.0 = (m as u64) ^ ((m >> 64) as u64);
    }
}

/// Packs up to 15 bytes (little-endian) and their length (top byte) into one integer key.
#[inline]
pub(crate) fn pack(b: &[u8]) -> Option<u128> {
    if b.len() > 15 {
        return None;
    }
    let mut word = [0u8; 16];
    word[..b.len()].copy_from_slice(b);
    Some(u128::from_le_bytes(word) | ((b.len() as u128) << 120))
}

/// [`pack`] of `b[start..end]`, reading 16 bytes at once where the text goes on far enough.
#[inline]
pub(crate) fn pack_at(b: &[u8], start: usize, end: usize) -> Option<u128> {
    let len = end - start;
    if len > 15 {
        return None;
    }
    match b.get(start..start + 16) {
        Some(w) => {
            let mut word = [0u8; 16];
            word.copy_from_slice(w);
            let mask = (1u128 << (8 * len)) - 1;
            Some((u128::from_le_bytes(word) & mask) | ((len as u128) << 120))
        }
        None => pack(&b[start..end]),
    }
}

/// A set of words, each of up to 15 bytes kept as one packed integer ([`pack`]), with a
/// bitmap of (length, first byte, last byte) in front that turns most absent words away
/// before any hashing.
#[derive(Default)]
pub(crate) struct WordSet {
    short: HashSet<u128, PackedHash>,
    long: AHashSet<Box<str>>,
    /// 2¹⁶ bits, set by [`sketch_bit`]; empty while the set is.
    sketch: Vec<u64>,
}

/// The bit in [`WordSet::sketch`] of a word of `len` bytes whose first and last bytes are
/// `first` and `last`.
#[inline]
fn sketch_bit(len: usize, first: u8, last: u8) -> usize {
    (len & 15) << 12 | (first as usize & 63) << 6 | (last as usize & 63)
}

impl WordSet {
    pub(crate) fn insert(&mut self, w: &str) {
        if self.sketch.is_empty() {
            self.sketch = vec![0; 1 << 10];
        }
        if let (Some(&first), Some(&last)) = (w.as_bytes().first(), w.as_bytes().last()) {
            let bit = sketch_bit(w.len(), first, last);
            self.sketch[bit >> 6] |= 1 << (bit & 63);
        }
        match pack(w.as_bytes()) {
            Some(k) => {
                self.short.insert(k);
            }
            None => {
                if !self.long.contains(w) {
                    self.long.insert(w.into());
                }
            }
        }
    }

    /// Whether the set may hold a word of `len` bytes whose first and last bytes (lower-cased)
    /// are `first` and `last`: `false` is sure, `true` needs [`WordSet::contains`].
    #[inline]
    pub(crate) fn may_hold(&self, len: usize, first: u8, last: u8) -> bool {
        let bit = sketch_bit(len, first, last);
        self.sketch
            .get(bit >> 6)
            .is_some_and(|m| m & (1 << (bit & 63)) != 0)
    }

    #[inline]
    pub(crate) fn contains(&self, w: &str) -> bool {
        let b = w.as_bytes();
        if let (Some(&first), Some(&last)) = (b.first(), b.last()) {
            if !self.may_hold(b.len(), first, last) {
                return false;
            }
        }
        match pack(b) {
            Some(k) => self.short.contains(&k),
            None => self.long.contains(w),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_set_holds_short_and_long_words() {
        let mut a = WordSet::default();
        a.insert("elections");
        a.insert("internationalisation");
        assert!(!WordSet::default().contains("elections"));
        a.insert("so");
        for w in ["elections", "internationalisation", "so"] {
            assert!(a.contains(w), "{w}");
        }
        for w in ["election", "internationalisations", "s", ""] {
            assert!(!a.contains(w), "{w}");
        }
    }

    #[test]
    fn wide_read_packs_like_the_byte_loop() {
        let t = "so-called “elections” in Azerbaijan’s 2020 x";
        let b = t.as_bytes();
        for start in 0..b.len() {
            for end in start..=b.len().min(start + 16) {
                assert_eq!(
                    pack_at(b, start, end),
                    pack(&b[start..end]),
                    "{start}..{end}"
                );
            }
        }
    }
}
