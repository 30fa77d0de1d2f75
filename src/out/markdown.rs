//! Markdown tables. Statement text is data, never markup: every cell is escaped so `|`, `<`,
//! `[`, backticks and line breaks render as text.

use super::table::{column_cell, decimals_of};
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
    let names: Vec<String> = df
        .get_column_names()
        .iter()
        .map(|s| s.to_string())
        .collect();
    let numeric: Vec<bool> = df
        .columns()
        .iter()
        .map(|c| c.dtype().is_primitive_numeric())
        .collect();
    // Floats with one number of decimals per column, as the terminal table has them.
    let decimals: Vec<Option<usize>> = df.columns().iter().map(decimals_of).collect();
    let rows = (0..df.height()).map(|i| {
        df.columns()
            .iter()
            .zip(&decimals)
            .map(|(c, d)| column_cell(c, i, *d))
            .collect()
    });
    grid(&names, rows, &numeric)
}

/// A GitHub-flavoured Markdown table of text cells (escaped here); `numeric` columns are
/// right-aligned.
pub fn grid(
    header: &[String],
    rows: impl IntoIterator<Item = Vec<String>>,
    numeric: &[bool],
) -> String {
    let line = |cells: &mut dyn Iterator<Item = String>| {
        format!("| {} |\n", cells.collect::<Vec<_>>().join(" | "))
    };
    let mut out = line(&mut header.iter().map(|c| escape(c)));
    out.push_str(&line(&mut (0..header.len()).map(|i| {
        let right = numeric.get(i).copied().unwrap_or(false);
        (if right { "---:" } else { "---" }).to_string()
    })));
    for r in rows {
        out.push_str(&line(&mut r.iter().map(|c| escape(c))));
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
