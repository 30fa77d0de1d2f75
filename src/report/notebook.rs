//! The report's Jupyter notebook (nbformat 4): cells that load the Parquet tables with polars
//! (or pandas) and show the charts, so an analyst carries on where the report stops.

use serde_json::{json, Value};

fn source(text: &str) -> Value {
    let lines: Vec<String> = text.split_inclusive('\n').map(String::from).collect();
    json!(lines)
}

fn markdown(text: &str) -> Value {
    json!({"cell_type": "markdown", "metadata": {}, "source": source(text)})
}

fn code(text: &str) -> Value {
    json!({"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [], "source": source(text)})
}

/// Builds the notebook JSON. `tables` and `charts` are file names in the report folder.
pub fn notebook(title: &str, tables: &[&str], charts: &[String]) -> String {
    let mut cells = vec![
        markdown(&format!(
            "# {}\n\nThe tables of this verbale report, as Parquet files beside this notebook. \
             Run the cells from the report folder (the notebook's own folder)."
        , crate::out::markdown::escape(title))),
        code(
            "from pathlib import Path\n\
             try:\n    import polars as pl\n    read = pl.read_parquet\nexcept ImportError:  # pandas works too\n    import pandas as pd\n    read = pd.read_parquet\n\
             here = Path('.')",
        ),
    ];
    let loads: String = tables
        .iter()
        .map(|t| format!("{t} = read(here / '{t}.parquet')\n"))
        .collect();
    cells.push(code(loads.trim_end()));
    for t in tables {
        cells.push(markdown(&format!("## `{t}`")));
        cells.push(code(&format!(
            "{t}.head(20) if hasattr({t}, 'head') else {t}"
        )));
    }
    cells.push(markdown(
        "## Carrying on\n\nFor example, the terms held most often at arm's length in scare quotes:",
    ));
    cells.push(code(
        "cqt = corpus_quoted_terms\n\
         if hasattr(cqt, 'sort_values'):  # pandas\n    out = cqt.sort_values('scare', ascending=False).head(10)\n\
         else:  # polars\n    out = cqt.sort('scare', descending=True).head(10)\nout",
    ));
    cells.push(markdown("## Charts"));
    for c in charts {
        cells.push(code(&format!(
            "from IPython.display import Image\nImage(filename=str(here / '{c}'))"
        )));
    }
    let nb = json!({
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"}
        },
        "nbformat": 4,
        "nbformat_minor": 5
    });
    // nbformat 4.5 wants a cell id on every cell.
    let mut nb = nb;
    if let Some(cells) = nb["cells"].as_array_mut() {
        for (i, c) in cells.iter_mut().enumerate() {
            c["id"] = json!(format!("cell-{i}"));
        }
    }
    serde_json::to_string_pretty(&nb).unwrap_or_default()
}
