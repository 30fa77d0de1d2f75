//! A document's paragraph layout (one paragraph per line, or hard-wrapped lines), detected from
//! its text: it decides where paragraphs, and so quotations, may end.

/// How a document's text was laid out, which decides where paragraphs break.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// One paragraph per line: every line break ends a paragraph.
    Lines,
    /// Hard-wrapped lines (PDF extraction): a paragraph ends at a blank line or at a line that
    /// starts with a space or tab.
    Wrapped,
}

/// Detects the layout: hard-wrapped when most lines are short and do not end a sentence.
pub fn detect_layout(text: &str) -> Layout {
    let mut lens = Vec::new();
    let mut ended = 0usize;
    let mut from = 0;
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain([text.len()]);
    for end in ends {
        let line = &text[from..end];
        from = end + 1;
        let t = line.trim_end();
        if t.trim_start().is_empty() {
            continue;
        }
        // Only whether the median is over 90 matters: lengths are capped at 91, and a line's
        // characters are counted only when its bytes leave that open.
        lens.push(match t.len() {
            n if n <= 90 => n,
            n if n > 4 * 91 => 91,
            _ => t.chars().take(91).count(),
        });
        if t.ends_with(['.', '!', '?', ':', ';', '"', '”', '»', ')']) {
            ended += 1;
        }
    }
    if lens.len() < 8 {
        return Layout::Lines;
    }
    let mid = lens.len() / 2;
    let median = *lens.select_nth_unstable(mid).1;
    if median <= 90 && (ended as f64) < 0.5 * lens.len() as f64 {
        Layout::Wrapped
    } else {
        Layout::Lines
    }
}
