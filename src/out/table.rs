//! Terminal tables (comfy-table): numbers right-aligned, floats rounded, long text cut.

use comfy_table::{presets, CellAlignment, ContentArrangement, Table};
use polars::prelude::*;

/// Formats one cell for reading.
pub fn cell(v: &AnyValue) -> String {
    match v {
        AnyValue::Null => String::new(),
        AnyValue::Float64(f) => format_float(*f),
        AnyValue::Float32(f) => format_float(*f as f64),
        AnyValue::String(s) => visible(s),
        AnyValue::StringOwned(s) => visible(s),
        AnyValue::Boolean(b) => {
            if *b {
                "yes".into()
            } else {
                "".into()
            }
        }
        other => other.to_string(),
    }
}

/// Control characters and bidirectional overrides from a statement shown as `\u{..}` escapes,
/// so no text can move the cursor, recolour the user's terminal or reorder a row.
pub fn visible(s: &str) -> String {
    let hidden =
        |c: char| c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
    if !s.chars().any(hidden) {
        return s.to_string();
    }
    s.chars()
        .map(|c| match c {
            '\n' | '\t' => " ".to_string(),
            c if hidden(c) => c.escape_unicode().to_string(),
            c => c.to_string(),
        })
        .collect()
}

fn format_float(f: f64) -> String {
    if f == 0.0 {
        "0".into()
    } else if f.abs() >= 100.0 {
        format!("{f:.1}")
    } else if f.abs() >= 0.001 {
        format!("{f:.3}")
    } else {
        format!("{f:.2e}")
    }
}

fn is_numeric(dt: &DataType) -> bool {
    dt.is_primitive_numeric()
}

/// The decimals a float column is shown with, one number for the whole column, so that its
/// values line up: enough for four significant digits of its largest value, from 1 to 3
/// (`334.3`, `97.5`, `55.7`; `0.500`, `0.006`), or for three when even the largest is below
/// 0.1, up to 6 decimals (shares of a few in ten thousand: `0.00120`, `0.00087`, not `0.001` and `8.70e-4`).
/// `None` for a column with a value those decimals would show as nothing (p-values), which
/// keeps each value's own form (`3.04e-4`).
fn column_decimals(c: &Column) -> Option<usize> {
    let c = c.cast(&DataType::Float64).ok()?;
    let values: Vec<f64> = c
        .f64()
        .ok()?
        .iter()
        .flatten()
        .filter(|v| v.is_finite() && *v != 0.0)
        .map(f64::abs)
        .collect();
    let (lo, hi) = values.iter().fold((f64::INFINITY, 0.0f64), |(lo, hi), &v| {
        (lo.min(v), hi.max(v))
    });
    if values.is_empty() {
        return None;
    }
    let magnitude = hi.log10().floor() as i64;
    let d = if hi < 0.1 {
        (2 - magnitude).clamp(3, 6)
    } else {
        (3 - magnitude).clamp(1, 3)
    };
    (lo >= 10f64.powi(-(d as i32))).then_some(d as usize)
}

/// The decimals of a column's floats ([`column_decimals`]); `None` for other columns.
pub(crate) fn decimals_of(c: &Column) -> Option<usize> {
    matches!(c.dtype(), DataType::Float64 | DataType::Float32)
        .then(|| column_decimals(c))
        .flatten()
}

/// Cell `i` of a column for reading, floats with the column's `decimals` ([`decimals_of`]).
pub(crate) fn column_cell(c: &Column, i: usize, decimals: Option<usize>) -> String {
    match (c.get(i), decimals) {
        // A p-value below the smallest number a double holds underflows to 0: say so, as R
        // prints `< 2.2e-16` (the files keep the 0).
        (Ok(AnyValue::Float64(f)), _) if f == 0.0 && c.name().as_str() == "p" => {
            format!("< {:.1e}", f64::MIN_POSITIVE)
        }
        (Ok(AnyValue::Float64(f)), Some(d)) if f != 0.0 && f.is_finite() => format!("{f:.d$}"),
        (Ok(AnyValue::Float32(f)), Some(d)) if f != 0.0 && f.is_finite() => format!("{f:.d$}"),
        (v, _) => v.map(|v| cell(&v)).unwrap_or_default(),
    }
}

/// Renders a frame as an aligned table; on a terminal (`terminal`), text over 80 characters
/// is cut and long lines wrap to fit its width, while a table written to a file or a pipe
/// keeps every character on one line per row.
pub fn render(df: &DataFrame, terminal: bool) -> String {
    let mut t = Table::new();
    t.load_preset(presets::NOTHING)
        .set_content_arrangement(if terminal {
            ContentArrangement::Dynamic
        } else {
            ContentArrangement::Disabled
        });
    // A terminal that reports no width (a pseudo-terminal of 0 columns) gets 80, not a
    // character per line.
    if t.width().is_some_and(|w| w < 20) {
        t.set_width(80);
    }
    t.set_header(df.get_column_names().iter().map(|s| s.to_string()));
    let cols = df.columns();
    let decimals: Vec<Option<usize>> = cols.iter().map(decimals_of).collect();
    for i in 0..df.height() {
        let row: Vec<String> = cols
            .iter()
            .zip(&decimals)
            .map(|(c, d)| {
                let s = column_cell(c, i, *d);
                if terminal && s.chars().count() > 80 {
                    let cut: String = s.chars().take(79).collect();
                    format!("{cut}…")
                } else {
                    s
                }
            })
            .collect();
        t.add_row(row);
    }
    for (i, c) in cols.iter().enumerate() {
        if is_numeric(c.dtype()) {
            if let Some(col) = t.column_mut(i) {
                col.set_cell_alignment(CellAlignment::Right);
            }
        }
    }
    t.lines()
        .map(|l| l.trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A p-value that underflowed to 0 reads as below the smallest double, in tables only.
    #[test]
    fn a_p_of_zero_reads_as_below_the_smallest_double() {
        let df = df!("p" => [0.0, 0.5], "ratio" => [0.0, 0.5]).unwrap();
        let t = render(&df, false);
        assert!(t.contains("< 2.2e-308"), "{t}");
        assert_eq!(t.matches("< ").count(), 1, "{t}");
    }

    #[test]
    fn a_float_column_has_one_number_of_decimals() {
        let df = df!(
            "per_10k" => [334.3, 97.493, 55.71],
            "ratio" => [0.5, 0.0062, 0.0],
            "p" => [3.04e-4, 0.002, 0.5],
        )
        .unwrap();
        let t = render(&df, false);
        for want in [
            "334.3", "97.5", "55.7", "0.500", "0.006", "3.04e-4", "0.002",
        ] {
            assert!(t.contains(want), "{want} in\n{t}");
        }
        assert!(!t.contains("97.493") && !t.contains("55.710"), "{t}");
        // Small shares keep three significant digits of the largest, all alike.
        let df = df!("quoted_share" => [0.0012, 8.7e-4, 4.21e-4]).unwrap();
        let t = render(&df, false);
        for want in ["0.00120", "0.00087", "0.00042"] {
            assert!(t.contains(want), "{want} in\n{t}");
        }
    }

    #[test]
    fn only_a_terminal_cuts_long_text() {
        let long = format!("/corpus/{}.txt", "x".repeat(120));
        let df = df!("path" => [long.as_str()], "tokens" => [718i64]).unwrap();
        let file = render(&df, false);
        assert!(file.contains(&long) && !file.contains('…'), "{file}");
        assert_eq!(file.lines().count(), 2, "{file}");
        let terminal = render(&df, true);
        assert!(
            terminal.contains('…') && !terminal.contains(&long),
            "{terminal}"
        );
    }
}
