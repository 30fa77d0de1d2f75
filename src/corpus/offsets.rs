//! Offset maps: every normalisation step keeps one, so an offset in the text every analysis
//! reads always leads back to the byte in the file as stored.

/// Maps byte offsets in a transformed text back to byte offsets in the text it came from.
///
/// Between two anchors both texts advance byte for byte; an anchor is placed wherever the
/// transformation inserted, removed or re-encoded bytes.
#[derive(Debug, Clone, Default)]
pub struct OffsetMap {
    anchors: Vec<(u32, u32)>,
}

impl OffsetMap {
    /// A map that adds `shift` to every offset (for example, the length of a byte-order mark).
    pub fn shift(shift: usize) -> Self {
        OffsetMap {
            anchors: vec![(0, shift as u32)],
        }
    }

    pub(crate) fn push(&mut self, out: usize, src: usize) {
        let (o, s) = (out as u32, src as u32);
        if let Some(last) = self.anchors.last_mut() {
            if last.0 == o {
                last.1 = s;
                return;
            }
            if s.wrapping_sub(last.1) == o.wrapping_sub(last.0) {
                return; // same delta: no anchor needed
            }
        }
        self.anchors.push((o, s));
    }

    /// The offset in the original text of offset `x` in the transformed one.
    pub fn map(&self, x: usize) -> usize {
        let x = x as u32;
        let i = self.anchors.partition_point(|a| a.0 <= x);
        if i == 0 {
            return x as usize;
        }
        let (o, s) = self.anchors[i - 1];
        let mut y = s + (x - o);
        if let Some(&(_, next)) = self.anchors.get(i) {
            y = y.min(next);
        }
        y as usize
    }

    /// True when the map is the identity.
    pub fn is_identity(&self) -> bool {
        self.anchors.iter().all(|&(o, s)| o == s)
    }
}
