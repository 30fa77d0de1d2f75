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

/// The median line length under which a plain text is not taken for hard-wrapped prose.
const MIN_WRAP: usize = 40;

/// Detects the layout: hard-wrapped when most lines are short and do not end a sentence. A
/// plain text (`plain`, not a document's extracted text) whose lines are mostly very short
/// (a median under [`MIN_WRAP`] characters) is a list or a speech of one paragraph a line
/// with many headings and salutations (`Mr. President`, `Excellencies`), not prose wrapped so
/// narrow: each line is its own paragraph. Text extracted from a document (a PDF's narrow
/// columns; Word and web pages part their paragraphs with blank lines) keeps the rule
/// without that bound.
pub fn detect_layout(text: &str, plain: bool) -> Layout {
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
        // Only whether the median is under MIN_WRAP or over 90 characters matters: lengths
        // are capped at 91, and a line's characters are counted only when its bytes leave
        // that open (a line of fewer bytes than MIN_WRAP has fewer characters too).
        lens.push(match t.len() {
            n if n < MIN_WRAP => n,
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
    if plain && median < MIN_WRAP {
        return Layout::Lines;
    }
    if median <= 90 && (ended as f64) < 0.5 * lens.len() as f64 {
        Layout::Wrapped
    } else {
        Layout::Lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_plain_lines_are_paragraphs_and_long_wrapped_lines_are_not() {
        let list = "Supported\nNoted\nGroups of Persons\nPublic officials\n".repeat(4);
        assert_eq!(detect_layout(&list, true), Layout::Lines);
        // The same lines extracted from a PDF's narrow columns stay wrapped.
        assert_eq!(detect_layout(&list, false), Layout::Wrapped);
        let prose =
            "we reaffirm our commitment to the principles of the Charter and to\n".repeat(10);
        assert_eq!(detect_layout(&prose, true), Layout::Wrapped);
    }
}
