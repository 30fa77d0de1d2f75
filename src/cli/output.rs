//! The output flags of the table commands: where results go (`-o`), in which format, which
//! columns, and how the destination is checked before anything is read.

use super::common::{load_options, SourceArgs};
use anyhow::Result;
use clap::Args;
use std::path::{Path, PathBuf};
use verbale::corpus;
use verbale::out::{self, Destination, Format};
use verbale::text::Stopwords;

/// Where results go.
#[derive(Args, Debug, Clone)]
pub struct OutputArgs {
    /// Output format (default: from the -o extension, else table).
    #[arg(long, short = 'f', value_parser = format_parser())]
    pub format: Option<Format>,
    /// Write to this file (atomically) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Only these columns, in this order (comma-separated; `new=old` renames).
    #[arg(long, value_delimiter = ',')]
    pub columns: Vec<String>,
    /// Write CSV/TSV text cells exactly as they are. By default a cell that a spreadsheet
    /// would run as a formula (starting with =, +, -, @, a tab or a carriage return: a quoted
    /// `=HYPERLINK(...)`, a file named `=cmd...`) gets a leading ' so Excel and LibreOffice
    /// show it as text.
    #[arg(long)]
    pub raw_cells: bool,
    /// Replace the output file even if it is read-only.
    #[arg(long)]
    pub force: bool,
}

/// `--format`: the library's format names, offered and completed by clap.
fn format_parser() -> impl clap::builder::TypedValueParser<Value = Format> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(Format::ALL.map(|f| f.0))
        .try_map(|s| Format::parse(&s).ok_or("not a table format"))
}

impl OutputArgs {
    /// The chosen format.
    pub fn format(&self) -> Result<Format> {
        Ok(match self.format {
            // A data file's extension that says another format (`-f json -o out.csv`): a
            // reader of the file would be misled, so neither is guessed.
            Some(f) => match self.output.as_deref().and_then(Format::from_extension) {
                Some(named)
                    if named != f
                        && matches!(
                            named,
                            Format::Csv
                                | Format::Tsv
                                | Format::Json
                                | Format::Ndjson
                                | Format::Parquet
                        ) =>
                {
                    return Err(verbale::Error::Invalid(format!(
                        "-o {}: the file's extension says {}, and --format {}; name the file \
                         for its format, or leave --format out to write what the extension says",
                        self.output
                            .as_deref()
                            .unwrap_or(std::path::Path::new(""))
                            .display(),
                        named.name(),
                        f.name()
                    ))
                    .into())
                }
                _ => f,
            },
            None => match self.output.as_deref() {
                Some(p) if p.extension().is_some() && p.as_os_str() != "-" => {
                    Format::from_extension(p).ok_or_else(|| {
                        verbale::Error::Invalid(format!(
                            "-o {}: verbale does not write .{} files; name the file .csv, .tsv, \
                             .json, .ndjson, .parquet, .md or .txt, or choose with --format",
                            p.display(),
                            p.extension().unwrap_or_default().to_string_lossy()
                        ))
                    })?
                }
                _ => Format::Table,
            },
        })
    }

    /// The writer's options, with a header line for terminal tables.
    pub fn options<'h>(&self, header: Option<&'h str>) -> verbale::out::WriteOptions<'h> {
        verbale::out::WriteOptions {
            header,
            raw_cells: self.raw_cells,
            force: self.force,
        }
    }

    /// The columns asked for as (column, name in the output) pairs; none: every column.
    pub fn renames(&self) -> Vec<(String, String)> {
        self.columns
            .iter()
            .map(|spec| {
                let (new, old) = spec.split_once('=').unwrap_or((spec, spec));
                (old.to_string(), new.to_string())
            })
            .collect()
    }

    /// Keeps only the `--columns` asked for; `new=old` renames a column on the way out.
    pub fn select(
        &self,
        df: polars::prelude::DataFrame,
    ) -> verbale::Result<polars::prelude::DataFrame> {
        if self.columns.is_empty() {
            return Ok(df);
        }
        let names: Vec<String> = df
            .get_column_names()
            .iter()
            .map(|s| s.to_string())
            .collect();
        let mut cols = Vec::new();
        for spec in &self.columns {
            let (new, old) = spec.split_once('=').unwrap_or((spec, spec));
            if !names.iter().any(|n| n == old) {
                return Err(verbale::Error::Invalid(format!(
                    "--columns: no column '{old}'{}; this table has {}",
                    verbale::error::did_you_mean(old, names.iter().map(|n| n.as_str())),
                    names.join(", ")
                )));
            }
            if cols
                .iter()
                .any(|c: &polars::prelude::Column| c.name() == new)
            {
                return Err(verbale::Error::Invalid(format!(
                    "--columns: '{new}' is asked for twice; name each column once"
                )));
            }
            let mut c = df.column(old)?.clone();
            c.rename(new.into());
            cols.push(c);
        }
        Ok(polars::prelude::DataFrame::new_infer_height(cols)?)
    }

    /// The destination, checked against the inputs (folders as `src` reads them). Parquet is
    /// refused on a terminal before anything is read.
    pub fn destination(&self, inputs: &[PathBuf], src: &SourceArgs) -> Result<Destination> {
        self.destination_also(inputs, src, &[])
    }

    /// [`OutputArgs::destination`], checked against `also` as well: the files a command reads
    /// besides its texts and `src`'s (a dictionary, a lexicon, models, counts folders, whose
    /// files are inputs too).
    pub fn destination_also(
        &self,
        inputs: &[PathBuf],
        src: &SourceArgs,
        also: &[PathBuf],
    ) -> Result<Destination> {
        use std::io::IsTerminal;
        let stdout = self.output.as_ref().is_none_or(|p| p.as_os_str() == "-");
        if stdout && self.format()? == Format::Parquet && std::io::stdout().is_terminal() {
            return Err(verbale::Error::Invalid(
                "--format parquet is binary: add -o FILE.parquet or redirect standard output"
                    .into(),
            )
            .into());
        }
        match &self.output {
            None => Ok(Destination::Stdout),
            Some(p) if p.as_os_str() == "-" => Ok(Destination::Stdout),
            Some(p) => {
                out::check_output(p, inputs)?;
                out::check_writable(p)?;
                // What the run reads besides its texts is an input too: a folder's manifest,
                // --meta, word lists, and what the command names in `also`.
                let metadata: Vec<PathBuf> = inputs
                    .iter()
                    .filter(|i| i.is_dir())
                    .map(|d| d.join("manifest.csv"))
                    .chain(src.meta.meta.iter().cloned())
                    .chain(word_lists(src))
                    .chain(also.iter().flat_map(|a| read_from(a)))
                    .collect();
                out::check_output(p, &metadata)?;
                // Only an existing file with a corpus extension can be one of the files a
                // folder would give: skip the second walk of the inputs otherwise.
                let lopts = load_options(src);
                let name = p.file_name().map(|n| n.to_string_lossy());
                let readable = name.is_some_and(|n| corpus::is_corpus_file(p, &n, &lopts));
                if !readable {
                    return Ok(Destination::File(p.clone()));
                }
                if p.is_file() {
                    if let Ok(files) = corpus::find_files(inputs, &lopts) {
                        out::check_output(
                            p,
                            &files.into_iter().filter_map(|(_, f)| f).collect::<Vec<_>>(),
                        )?;
                    }
                }
                refuse_inside_inputs(p, inputs)?;
                Ok(Destination::File(p.clone()))
            }
        }
    }
}

/// Refuses output `p`, a file of a kind the inputs' folders are read for (`table.md`), inside
/// one of them: later runs would count it as a statement.
fn refuse_inside_inputs(p: &Path, inputs: &[PathBuf]) -> Result<()> {
    let dir = p.parent().filter(|d| !d.as_os_str().is_empty());
    let Ok(dir) = dir.unwrap_or(Path::new(".")).canonicalize() else {
        return Ok(()); // no such folder: writing fails with its own message
    };
    for input in inputs.iter().filter(|i| i.is_dir()) {
        if input.canonicalize().is_ok_and(|f| dir.starts_with(&f)) {
            return Err(verbale::Error::Invalid(format!(
                "-o {}: inside the input folder {}, whose later runs would read it as a \
                 statement too (.{} files there are read); write it outside the folder, or in a \
                 format --ext does not read",
                p.display(),
                input.display(),
                p.extension().map_or("".into(), |e| e.to_string_lossy())
            ))
            .into());
        }
    }
    Ok(())
}

/// `chart --format`.
#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageArg {
    /// PNG.
    Png,
    /// SVG.
    Svg,
}

impl ImageArg {
    /// The file extension.
    fn ext(self) -> &'static str {
        match self {
            ImageArg::Png => "png",
            ImageArg::Svg => "svg",
        }
    }
}

/// Six hexadecimal digits of the FNV-1a hash of `parts` (stable across runs and machines).
pub(super) fn conditions_hash(parts: &[&str]) -> String {
    let mut h: u32 = 0x811c_9dc5;
    for b in parts.join("\u{0}").bytes() {
        h = (h ^ b as u32).wrapping_mul(0x0100_0193);
    }
    format!("{:06x}", h & 0xff_ffff)
}

/// A condition or side name as part of a folder name: comparisons as words (`>=` as `ge`),
/// other runs of marks and spaces as one `-`, at most 40 characters.
pub(super) fn slug(s: &str) -> String {
    let mut t = s.to_string();
    for (op, w) in [
        (">=", " ge "),
        ("<=", " le "),
        ("!=", " ne "),
        ("<>", " ne "),
        (">", " gt "),
        ("<", " lt "),
        ("=", " eq "),
    ] {
        t = t.replace(op, w);
    }
    let mut out = String::new();
    for c in t.chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let cut: String = out.trim_matches('-').chars().take(40).collect();
    cut.trim_end_matches('-').to_string()
}

/// Where a chart of `kind` drawing `name` goes: `-o`, which --format must agree with, or
/// notebooks-out/KIND-NAME.png (or .svg), the name made safe for a file name and the folder
/// created when missing (an explicit -o folder must exist).
pub fn image_path(
    output: Option<&Path>,
    format: Option<ImageArg>,
    kind: &str,
    name: &str,
) -> Result<PathBuf> {
    let path = match output {
        Some(o) => o.to_path_buf(),
        None => {
            let safe: String = name
                .chars()
                .map(|c| {
                    if c.is_alphanumeric() || "-_.".contains(c) {
                        c
                    } else {
                        '-'
                    }
                })
                .collect();
            let safe = safe.trim_matches(['-', '.']);
            let safe = if safe.is_empty() { "corpus" } else { safe };
            let ext = format.map_or("png", ImageArg::ext);
            let p = Path::new("notebooks-out").join(format!("{kind}-{safe}.{ext}"));
            if let Some(dir) = p.parent() {
                std::fs::create_dir_all(dir)?;
            }
            p
        }
    };
    let image = verbale::chart::ImageFormat::from_path(&path)?;
    if let Some(f) = format {
        if (f == ImageArg::Svg) != (image == verbale::chart::ImageFormat::Svg) {
            return Err(verbale::Error::Invalid(format!(
                "-o {} with --format {}: name the file .{} (the extension decides the format)",
                path.display(),
                f.ext(),
                f.ext()
            ))
            .into());
        }
    }
    Ok(path)
}

/// The files of `--stopwords` and `--phrases`, as their readers read them: read by the run,
/// so never written over.
pub(crate) fn word_lists(src: &SourceArgs) -> Vec<PathBuf> {
    let t = &src.text;
    let stop = t.stopwords.iter().flat_map(|s| Stopwords::files_of(s));
    let phrases = t.phrases.as_deref().and_then(super::held::phrase_file);
    stop.chain(phrases.map(Path::to_path_buf))
        .filter(|p| p.is_file())
        .collect()
}

/// The files an input of [`OutputArgs::destination_also`] stands for: a counts folder's own
/// files, or the file itself.
fn read_from(input: &Path) -> Vec<PathBuf> {
    use verbale::frames::counts::{ABOUT, FILES};
    if input.is_dir() {
        FILES
            .iter()
            .chain([&ABOUT])
            .map(|f| input.join(f))
            .collect()
    } else {
        vec![input.to_path_buf()]
    }
}
