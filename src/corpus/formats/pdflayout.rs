//! A PDF page's text as pdf-extract lays it out (the rules of its `PlainTextOutput`: a new
//! line where the text moves down or back, a space where it jumps right), kept with where each
//! character stands and the horizontal rules drawn on the page, so that footnotes under a
//! drawn separator (what Word and most typesetters draw) are found as surely as under a
//! written one (`____`, as the UN's resolutions have it).

use lopdf::Document;
use pdf_extract::{ColorSpace, MediaBox, OutputDev, OutputError, Path, PathOp, Transform};

/// The line put where a drawn footnote rule stands, as a written rule reads.
pub(super) const RULE_LINE: &str = "__________";

/// Shortest drawn line taken for a rule, in points.
const MIN_RULE: f64 = 36.0;

/// One character written: where its text starts, its place (points from the page's top
/// left) and its size.
#[derive(Debug, Clone, Copy)]
struct Placed {
    at: usize,
    x: f64,
    y: f64,
    size: f64,
}

/// A page's text, its characters' places and its horizontal rules (y from the top, x from,
/// x to).
#[derive(Debug, Default)]
pub(super) struct PageText {
    text: String,
    height: f64,
    width: f64,
    last_end: f64,
    last_y: f64,
    last_size: f64,
    first_char: bool,
    placed: Vec<Placed>,
    rules: Vec<(f64, f64, f64)>,
}

impl PageText {
    fn new() -> Self {
        PageText {
            last_end: 100_000.0,
            ..Default::default()
        }
    }

    /// A horizontal segment from (x0, y0) to (x1, y1) in user space, under `ctm`.
    fn segment(&mut self, ctm: &Transform, (x0, y0): (f64, f64), (x1, y1): (f64, f64)) {
        let at = |x: f64, y: f64| {
            (
                x * ctm.m11 + y * ctm.m21 + ctm.m31,
                self.height - (x * ctm.m12 + y * ctm.m22 + ctm.m32),
            )
        };
        let (a, b) = (at(x0, y0), at(x1, y1));
        if (a.1 - b.1).abs() < 1.0 && (a.0 - b.0).abs() >= MIN_RULE {
            self.rules
                .push(((a.1 + b.1) / 2.0, a.0.min(b.0), a.0.max(b.0)));
        }
    }

    fn path(&mut self, ctm: &Transform, path: &Path) {
        let mut from = None;
        for op in &path.ops {
            match *op {
                PathOp::MoveTo(x, y) => from = Some((x, y)),
                PathOp::LineTo(x, y) => {
                    if let Some(f) = from {
                        self.segment(ctm, f, (x, y));
                    }
                    from = Some((x, y));
                }
                // A thin filled rectangle is a rule too.
                PathOp::Rect(x, y, w, h) if h.abs() <= 2.0 => {
                    self.segment(ctm, (x, y + h / 2.0), (x + w, y + h / 2.0));
                }
                _ => from = None,
            }
        }
    }

    /// Whether `char`, drawn at `x`, height `y` and size `size`, is a digit of a note's mark:
    /// set under 0.8 of the size of the text before it, raised above that text's line by more
    /// than 0.15 of its size and less than its size, within half its size of its end, after a
    /// letter or a closing mark (`Act³⁰ of 2011`,
    /// `Convention.¹²`). Marks are left out, as the marks after a sentence are (`Act30` would
    /// be a word of its own).
    fn is_note_mark(&self, char: &str, x: f64, y: f64, size: f64) -> bool {
        let after = |c: char| c.is_alphabetic() || ".,;:)\"'”’".contains(c);
        let raised = self.last_y - y;
        !char.is_empty()
            && char.chars().all(|c| c.is_ascii_digit())
            && size < 0.8 * self.last_size
            // Above the line, but not on a line of its own; right after the word.
            && raised > 0.15 * self.last_size
            && raised < self.last_size
            && (x - self.last_end).abs() < 0.5 * self.last_size
            && self.text.chars().next_back().is_some_and(after)
    }

    /// The gap (in ems) past the last character's end that starts a new word before `next`:
    /// PlainTextOutput's 0.1, and 0.15 between two letters or digits. Justified text set
    /// with kerning opens gaps of 0.10 to 0.14 em inside words (the General Assembly's
    /// resolutions: `framew ork`, `Internati onal`); a space left out between two words is
    /// wider (0.16 em and more in the formats corpus).
    fn space_after(&self, next: &str) -> f64 {
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        if word(self.text.chars().next_back()) && word(next.chars().next()) {
            0.15
        } else {
            0.1
        }
    }

    /// The page's text with its footnotes under a drawn rule put last, below [`RULE_LINE`]
    /// (the rest of the page's text first, whatever order the page drew it in). A rule counts
    /// when it lies in the page's lower half, spans at most 60% of its width, starts at the
    /// text's left margin, and has below it (as one run of the text) characters no larger than
    /// those above.
    pub(super) fn into_text(self) -> String {
        if self.text.lines().any(super::furniture::is_note_rule) {
            return self.text;
        }
        match self.notes_run() {
            Some((from, to)) => {
                let t = &self.text;
                let mut s = String::with_capacity(t.len() + RULE_LINE.len() + 2);
                s.push_str(&t[..from]);
                s.push_str(&t[to..]);
                if !s.ends_with('\n') {
                    s.push('\n');
                }
                s.push_str(RULE_LINE);
                s.push('\n');
                s.push_str(&t[from..to]);
                s
            }
            None => self.text,
        }
    }

    /// The byte range of the footnotes under a drawn rule, if the page has them.
    fn notes_run(&self) -> Option<(usize, usize)> {
        let margin = self.placed.iter().map(|p| p.x).fold(f64::MAX, f64::min);
        let rule = self
            .rules
            .iter()
            .filter(|r| {
                r.0 > self.height / 2.0
                    && r.2 - r.1 <= 0.6 * self.width
                    && (r.1 - margin).abs() <= 6.0
            })
            .map(|r| r.0)
            .fold(None, |best: Option<f64>, y| {
                Some(best.map_or(y, |b| b.min(y)))
            })?;
        let below = |p: &Placed| p.y > rule + 1.0;
        let first = self.placed.iter().position(below)?;
        let run = self.placed[first..].iter().take_while(|p| below(p)).count();
        let (notes, rest) = (
            &self.placed[first..first + run],
            &self.placed[first + run..],
        );
        if rest.iter().any(below) || notes.iter().all(|p| p.size <= 0.0) {
            return None;
        }
        let median = |v: &mut Vec<f64>| {
            v.sort_by(f64::total_cmp);
            v.get(v.len() / 2).copied().unwrap_or(0.0)
        };
        let mut small: Vec<f64> = notes.iter().map(|p| p.size).collect();
        let mut body: Vec<f64> = self
            .placed
            .iter()
            .filter(|p| !below(p))
            .map(|p| p.size)
            .collect();
        if body.is_empty() || median(&mut small) > median(&mut body) + 0.1 {
            return None;
        }
        let from = notes[0].at;
        // The notes' run ends where the next character's text begins.
        let to = rest.first().map_or(self.text.len(), |p| p.at);
        Some((from, to.max(from)))
    }
}

impl OutputDev for PageText {
    fn begin_page(
        &mut self,
        _page: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.height = media_box.ury - media_box.lly;
        self.width = media_box.urx - media_box.llx;
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        // PlainTextOutput's layout, with the page flipped so that y grows downwards.
        let (x, y) = (trm.m31, self.height - trm.m32);
        let v = (
            font_size * trm.m11 + font_size * trm.m21,
            font_size * trm.m12 + font_size * trm.m22,
        );
        let size = (v.0 * v.1).sqrt();
        if self.is_note_mark(char, x, y, size) {
            // Left out of the text; the next word's gap is measured from its end.
            self.last_end = x + width * size;
            return Ok(());
        }
        if self.first_char {
            if (y - self.last_y).abs() > size * 1.5 {
                self.text.push('\n');
            }
            if x < self.last_end && (y - self.last_y).abs() > size * 0.5 {
                self.text.push('\n');
            }
            if x > self.last_end + size * self.space_after(char) {
                self.text.push(' ');
            }
        }
        self.placed.push(Placed {
            at: self.text.len(),
            x,
            y,
            size,
        });
        self.text.push_str(&drawn(char));
        self.first_char = false;
        self.last_y = y;
        self.last_size = size;
        self.last_end = x + width * size;
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        self.first_char = true;
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn stroke(
        &mut self,
        ctm: &Transform,
        _colorspace: &ColorSpace,
        _color: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        self.path(ctm, path);
        Ok(())
    }

    fn fill(
        &mut self,
        ctm: &Transform,
        colorspace: &ColorSpace,
        color: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        // A rule is a rule, stroked or filled.
        self.stroke(ctm, colorspace, color, path)
    }
}

/// A character as drawn, control characters as spaces: some producers' text layers draw
/// `\t\r` between words, and the layout alone breaks lines (a `\r` cut a sentence).
fn drawn(char: &str) -> std::borrow::Cow<'_, str> {
    if char.chars().any(char::is_control) {
        char.chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect::<String>()
            .into()
    } else {
        char.into()
    }
}

/// The text of page `n`, footnotes under a drawn rule put last; `None` when pdf-extract fails
/// on the page.
pub(super) fn page_text(doc: &Document, n: u32) -> Option<String> {
    let mut page = PageText::new();
    pdf_extract::output_doc_page(doc, &mut page, n).ok()?;
    Some(page.into_text())
}

#[cfg(test)]
mod tests {
    use super::{drawn, PageText};
    use pdf_extract::{MediaBox, OutputDev, Transform};

    /// The text of `chars` (each a glyph, its left edge, its baseline from the page's bottom,
    /// its font size and its width in ems), drawn one word each.
    fn laid_out(chars: &[(&str, f64, f64, f64, f64)]) -> String {
        let mut page = PageText::new();
        let media = MediaBox {
            llx: 0.0,
            lly: 0.0,
            urx: 600.0,
            ury: 800.0,
        };
        page.begin_page(1, &media, None).unwrap();
        for &(c, x, y, size, width) in chars {
            let trm = Transform::row_major(1.0, 0.0, 0.0, 1.0, x, y);
            page.begin_word().unwrap();
            page.output_character(&trm, width, 0.0, size, c).unwrap();
        }
        // The first character opens the page's first line.
        page.text.trim_start().to_string()
    }

    #[test]
    fn a_kerned_gap_inside_a_word_is_no_space_and_a_wider_one_is() {
        // `w` ends at 7.0; the General Assembly's justified lines open 0.10 to 0.14 em.
        assert_eq!(
            laid_out(&[("w", 0.0, 700.0, 10.0, 0.7), ("o", 8.2, 700.0, 10.0, 0.5)]),
            "wo"
        );
        assert_eq!(
            laid_out(&[("w", 0.0, 700.0, 10.0, 0.7), ("o", 9.0, 700.0, 10.0, 0.5)]),
            "w o"
        );
        // After a mark, PlainTextOutput's 0.1 em still parts words.
        assert_eq!(
            laid_out(&[(",", 0.0, 700.0, 10.0, 0.3), ("o", 4.2, 700.0, 10.0, 0.5)]),
            ", o"
        );
    }

    #[test]
    fn a_raised_smaller_digit_after_a_word_is_a_note_mark_left_out() {
        let marked = laid_out(&[
            ("t", 0.0, 700.0, 10.0, 0.3),
            ("3", 3.1, 704.0, 6.0, 0.5),
            ("0", 6.1, 704.0, 6.0, 0.5),
            ("o", 12.0, 700.0, 10.0, 0.5),
        ]);
        assert_eq!(marked, "t o");
        // A digit of the text's own size, or on its line, stays.
        let plain = laid_out(&[("t", 0.0, 700.0, 10.0, 0.3), ("3", 3.1, 700.0, 10.0, 0.5)]);
        assert_eq!(plain, "t3");
        let low = laid_out(&[("t", 0.0, 700.0, 10.0, 0.3), ("3", 3.1, 700.0, 6.0, 0.5)]);
        assert_eq!(low, "t3");
    }

    #[test]
    fn control_characters_drawn_as_text_are_spaces() {
        assert_eq!(drawn("\t\r\u{a0}"), "  \u{a0}");
        assert_eq!(drawn("é"), "é");
        assert!(matches!(drawn("x"), std::borrow::Cow::Borrowed(_)));
    }
}
