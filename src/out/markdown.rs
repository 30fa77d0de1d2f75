//! Markdown tables. Statement text is data, never markup: every cell is escaped so `|`, `<`,
//! `[`, backticks and line breaks render as text.

use super::table::cell;
use polars::prelude::*;

/// Escapes text for a Markdown table cell (also safe as inline Markdown outside tables).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' => out.push_str("\\|"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '(' | ')' | '#' | '!' | '~' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Renders a frame as a GitHub-flavoured Markdown table.
pub fn render(df: &DataFrame) -> String {
    let names: Vec<String> = df.get_column_names().iter().map(|s| escape(s)).collect();
    let mut out = format!("| {} |\n", names.join(" | "));
    let aligns: Vec<&str> = df
        .columns()
        .iter()
        .map(|c| {
            if c.dtype().is_primitive_numeric() {
                "---:"
            } else {
                "---"
            }
        })
        .collect();
    out.push_str(&format!("| {} |\n", aligns.join(" | ")));
    for i in 0..df.height() {
        let row: Vec<String> = df
            .columns()
            .iter()
            .map(|c| escape(&c.get(i).map(|v| cell(&v)).unwrap_or_default()))
            .collect();
        out.push_str(&format!("| {} |\n", row.join(" | ")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_cells_stay_text() {
        let e = escape("<script>x</script> | [a](javascript:alert(1))");
        assert!(!e.contains("<script>"));
        assert!(!e.contains("](javascript"));
        assert!(!e.contains(" | "));
    }
}
