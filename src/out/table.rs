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

/// Renders a frame as an aligned terminal table.
pub fn render(df: &DataFrame) -> String {
    let mut t = Table::new();
    t.load_preset(presets::NOTHING)
        .set_content_arrangement(ContentArrangement::Disabled);
    t.set_header(df.get_column_names().iter().map(|s| s.to_string()));
    let cols = df.columns();
    for i in 0..df.height() {
        let row: Vec<String> = cols
            .iter()
            .map(|c| {
                let s = c.get(i).map(|v| cell(&v)).unwrap_or_default();
                if s.chars().count() > 80 {
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
