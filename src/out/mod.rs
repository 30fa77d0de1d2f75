//! Writing tables: terminal, CSV, TSV, JSON, NDJSON, Parquet and Markdown, to standard output
//! or atomically to a file (a temporary file in the same folder, then a rename).

pub mod markdown;
pub mod table;

use crate::error::{Error, Result};
use polars::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Aligned table for reading in a terminal.
    Table,
    /// Comma-separated values with a header.
    Csv,
    /// Tab-separated values with a header.
    Tsv,
    /// A JSON array of row objects.
    Json,
    /// One JSON object per line.
    Ndjson,
    /// Apache Parquet (needs a file).
    Parquet,
    /// A Markdown table.
    Md,
}

impl Format {
    /// All formats with their names.
    pub const ALL: [(&'static str, Format); 7] = [
        ("table", Format::Table),
        ("csv", Format::Csv),
        ("tsv", Format::Tsv),
        ("json", Format::Json),
        ("ndjson", Format::Ndjson),
        ("parquet", Format::Parquet),
        ("md", Format::Md),
    ];

    /// The format's name, which is also its file extension (`table` aside).
    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, f)| *f == self)
            .map_or("table", |(n, _)| *n)
    }

    /// Parses a format name.
    pub fn parse(s: &str) -> Option<Format> {
        Self::ALL.iter().find(|(n, _)| *n == s).map(|(_, f)| *f)
    }

    /// Guesses the format from an output file's extension.
    pub fn from_extension(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_string_lossy().to_ascii_lowercase();
        match ext.as_str() {
            "csv" => Some(Format::Csv),
            "tsv" | "tab" => Some(Format::Tsv),
            "json" => Some(Format::Json),
            "ndjson" | "jsonl" => Some(Format::Ndjson),
            "parquet" | "pq" => Some(Format::Parquet),
            "md" | "markdown" => Some(Format::Md),
            "txt" => Some(Format::Table),
            _ => None,
        }
    }
}

/// Renders a frame in a text or binary format into bytes. `header` is printed above terminal
/// tables only (other formats carry exactly the frame's columns).
pub fn render(df: &mut DataFrame, format: Format, header: Option<&str>) -> Result<Vec<u8>> {
    let mut buf = Vec::new();
    match format {
        Format::Table => {
            if let Some(h) = header {
                writeln!(buf, "{h}")?;
            }
            buf.extend(table::render(df).into_bytes());
            buf.push(b'\n');
        }
        Format::Md => buf.extend(markdown::render(df).into_bytes()),
        Format::Csv | Format::Tsv => {
            let sep = if format == Format::Csv { b',' } else { b'\t' };
            CsvWriter::new(&mut buf)
                .include_header(true)
                .with_separator(sep)
                .finish(df)?;
        }
        Format::Json => {
            JsonWriter::new(&mut buf)
                .with_json_format(JsonFormat::Json)
                .finish(df)?;
            buf.push(b'\n');
        }
        Format::Ndjson => JsonWriter::new(&mut buf)
            .with_json_format(JsonFormat::JsonLines)
            .finish(df)?,
        Format::Parquet => {
            ParquetWriter::new(&mut buf).finish(df)?;
        }
    }
    Ok(buf)
}

/// Writes bytes to `path` atomically: a temporary file in the same folder, then a rename, so a
/// failed run never leaves a half-written output and never clobbers the old one.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let werr = |e: std::io::Error| Error::Write {
        path: path.to_path_buf(),
        source: e,
    };
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => {
            return Err(werr(std::io::Error::new(
                std::io::ErrorKind::IsADirectory,
                "it is a folder",
            )))
        }
        // A device or a named pipe (`-o /dev/stdout`, a FIFO): write straight to it; renaming
        // a temporary file over it would replace the device itself.
        Ok(m) if !m.is_file() => {
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(werr)?;
            return f.write_all(bytes).and_then(|_| f.flush()).map_err(werr);
        }
        _ => {}
    }
    if !dir.is_dir() {
        return Err(Error::Write {
            path: path.to_path_buf(),
            source: std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!("folder {} does not exist", dir.display()),
            ),
        });
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(".verbale-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(werr)?;
    tmp.write_all(bytes).map_err(werr)?;
    #[cfg(unix)]
    {
        // Temporary files are created private; outputs get the usual read permissions.
        use std::os::unix::fs::PermissionsExt;
        let _ = tmp
            .as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644));
    }
    // No fsync: the rename is what keeps readers from a half-written file.
    tmp.persist(path).map_err(|e| werr(e.error))?;
    Ok(())
}

/// Refuses an output path that is one of the input files (or inside an input folder's files).
pub fn check_not_input(output: &Path, inputs: &[PathBuf]) -> Result<()> {
    let Ok(out) = output.canonicalize() else {
        return Ok(()); // does not exist yet: cannot be an input
    };
    for i in inputs {
        if let Ok(inp) = i.canonicalize() {
            if out == inp {
                return Err(Error::OutputIsInput(output.to_path_buf()));
            }
        }
    }
    Ok(())
}

/// Where a table goes.
#[derive(Debug, Clone)]
pub enum Destination {
    /// Standard output.
    Stdout,
    /// A file, written atomically.
    File(PathBuf),
}

/// Renders and writes a frame. Parquet is refused on a terminal-bound standard output.
pub fn write(
    df: &mut DataFrame,
    format: Format,
    header: Option<&str>,
    dest: &Destination,
) -> Result<()> {
    if format == Format::Parquet && matches!(dest, Destination::Stdout) {
        return Err(Error::Invalid(
            "--format parquet needs an output file: add -o FILE.parquet".into(),
        ));
    }
    let bytes = render(df, format, header)?;
    match dest {
        Destination::Stdout => {
            let mut out = std::io::stdout().lock();
            out.write_all(&bytes)?;
            out.flush()?;
            Ok(())
        }
        Destination::File(p) => write_atomic(p, &bytes),
    }
}
