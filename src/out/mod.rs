//! Writing tables: terminal, CSV, TSV, JSON, NDJSON, Parquet and Markdown, to standard output
//! or atomically to a file (a temporary file in the same folder, then a rename).

pub mod csv;
pub mod markdown;
pub mod numbers;
pub mod parquet;
pub mod table;

use crate::error::{Error, Result};
use polars::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What [`interrupted`] removes: a path, or a folder and the start of the names this process
/// gives its temporary files there; and whether it is an output being written (not an old
/// output set aside once the new one is in place).
#[derive(Debug, Clone, PartialEq)]
struct Mark {
    path: PathBuf,
    prefix: Option<String>,
    writing: bool,
}

/// The temporary files and folders being written now, and the old outputs being removed.
static UNFINISHED: std::sync::Mutex<Vec<Mark>> = std::sync::Mutex::new(Vec::new());

/// A temporary file or folder being written: [`interrupted`] removes it until it is put in
/// place ([`Unfinished::finish`]) or this is dropped (on failure, once it is removed). It is
/// marked before it is made, so that an interrupt between the two leaves nothing either.
pub struct Unfinished(Option<Mark>);

impl Unfinished {
    /// Marks `path` as being written (it need not exist yet).
    pub fn new(path: &Path) -> Self {
        Self::mark(path, None, true)
    }

    /// Marks the files of folder `dir` whose names start with `prefix` (a temporary file whose
    /// name is not known before it is made).
    pub fn named(dir: &Path, prefix: &str) -> Self {
        Self::mark(dir, Some(prefix.to_string()), true)
    }

    /// Marks `path`, a file or folder of this run's that is no output being written (an old
    /// output set aside by a swap, being removed; a probe): an interrupt removes it, and says
    /// nothing of it.
    pub fn set_aside(path: &Path) -> Self {
        Self::mark(path, None, false)
    }

    fn mark(path: &Path, prefix: Option<String>, writing: bool) -> Self {
        let m = Mark {
            path: path.to_path_buf(),
            prefix,
            writing,
        };
        crate::corpus::lock(&UNFINISHED).push(m.clone());
        Unfinished(Some(m))
    }

    /// Puts the output in place with `swap` (renames) while no interrupt can act: an
    /// interrupt waits for the swap and then finds nothing of this output to remove, so it
    /// never removes the new output halfway through replacing the old one.
    pub fn finish<T, E>(
        mut self,
        swap: impl FnOnce() -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        let mut marked = crate::corpus::lock(&UNFINISHED);
        let out = swap();
        if let Some(what) = self.0.take() {
            unmark(&mut marked, &what);
        }
        if out.is_ok() {
            PUT_IN_PLACE.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        }
        out
    }
}

fn unmark(marked: &mut Vec<Mark>, what: &Mark) {
    if let Some(i) = marked.iter().rposition(|m| m == what) {
        marked.swap_remove(i);
    }
}

impl Drop for Unfinished {
    fn drop(&mut self) {
        if let Some(what) = self.0.take() {
            unmark(&mut crate::corpus::lock(&UNFINISHED), &what);
        }
    }
}

/// How many outputs have been put in place (by [`Unfinished::finish`] swaps that succeeded).
static PUT_IN_PLACE: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Ends the process with `code` once no interrupt is being handled: an interrupt that comes
/// as the run ends either finds the process gone or ends it itself (130, and its message),
/// never both a success and a message saying the run was interrupted.
pub fn exit(code: i32) -> ! {
    let _no_interrupt = crate::corpus::lock(&UNFINISHED);
    std::process::exit(code)
}

/// Ends an interrupted run (the binary calls this on Ctrl-C or a termination signal): removes
/// the temporary files and folders being written, says what became of the output, and exits
/// with 130. The list stays locked until the exit, so no swap ([`Unfinished::finish`]) starts
/// or is cut halfway.
pub fn interrupted() -> ! {
    let remove = |p: &Path| {
        // Other threads may still be writing into a folder: a few tries.
        for _ in 0..3 {
            let gone = if p.is_dir() {
                std::fs::remove_dir_all(p).is_ok()
            } else {
                std::fs::remove_file(p).is_ok() || !p.exists()
            };
            if gone {
                break;
            }
        }
    };
    let mut marked = crate::corpus::lock(&UNFINISHED);
    let removed = marked.iter().any(|m| m.writing);
    for Mark { path, prefix, .. } in marked.drain(..) {
        let Some(prefix) = prefix else {
            remove(&path);
            continue;
        };
        for e in std::fs::read_dir(&path).into_iter().flatten().flatten() {
            if e.file_name().to_string_lossy().starts_with(&prefix) {
                remove(&e.path());
            }
        }
    }
    // What became of the files and folders written (output to standard output, a pipe or a
    // device is written as it goes, and is as far as it got).
    let done = PUT_IN_PLACE.load(std::sync::atomic::Ordering::SeqCst);
    let finished = match done {
        1 => "the output written before it is complete".to_string(),
        n => format!("the {n} outputs written before it are complete"),
    };
    match (removed, done) {
        (true, 0) => eprintln!("verbale: interrupted; the output being written was removed"),
        (true, _) => {
            eprintln!("verbale: interrupted; the output being written was removed ({finished})")
        }
        (false, 0) => eprintln!("verbale: interrupted"),
        (false, _) => eprintln!("verbale: interrupted; {finished}"),
    }
    std::process::exit(130)
}

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

/// How a table is written besides its format.
#[derive(Debug, Clone, Copy, Default)]
pub struct WriteOptions<'a> {
    /// A line printed above terminal tables only (other formats carry exactly the frame's
    /// columns).
    pub header: Option<&'a str>,
    /// Write CSV and TSV text cells as they are, even those a spreadsheet would run as a
    /// formula (see [`guard_cells`]).
    pub raw_cells: bool,
    /// Replace a read-only file.
    pub force: bool,
}

/// Whether a spreadsheet would take a text cell for a formula (or a command): it starts with
/// `=`, `+`, `-`, `@`, a tab or a carriage return (OWASP's list for CSV injection).
fn risky(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// Neutralises the text cells a spreadsheet would evaluate: a statement quoting
/// `=HYPERLINK("http://…?"&A1)` or a file named `=cmd|' /C calc'!A0.txt` must stay text when an
/// analyst opens the CSV in Excel or LibreOffice. Such a cell gets a leading `'`, which both
/// show as text (OWASP's advice); numbers and other cells are untouched.
pub fn guard_cells(df: &mut DataFrame) -> Result<()> {
    let names: Vec<PlSmallStr> = df
        .columns()
        .iter()
        .filter(|c| c.dtype() == &DataType::String)
        .map(|c| c.name().clone())
        .collect();
    for name in names {
        let col = df.column(&name)?.str()?;
        if !col.iter().any(|v| v.is_some_and(risky)) {
            continue;
        }
        let guarded: StringChunked = col
            .iter()
            .map(|v| {
                v.map(|s| {
                    if risky(s) {
                        format!("'{s}")
                    } else {
                        s.to_string()
                    }
                })
            })
            .collect();
        df.with_column(guarded.with_name(name).into_column())?;
    }
    Ok(())
}

/// Renders a frame in a text or binary format into a writer, as the format writers go: a CSV,
/// JSON or Parquet table never sits in memory whole before it is written (aligned and
/// Markdown tables are rendered first; an aligned table keeps every cell whole, as in a file).
pub fn render_to(
    df: &mut DataFrame,
    format: Format,
    o: WriteOptions,
    w: &mut dyn Write,
) -> Result<()> {
    render_into(df, format, o, false, w)
}

/// [`render_to`], for a `terminal` or not: on a terminal an aligned table's long cells are cut
/// and its lines wrapped to the terminal's width.
fn render_into(
    df: &mut DataFrame,
    format: Format,
    o: WriteOptions,
    terminal: bool,
    mut w: &mut dyn Write,
) -> Result<()> {
    match format {
        Format::Table => {
            if let Some(h) = o.header {
                writeln!(w, "{h}")?;
            }
            w.write_all(table::render(df, terminal).as_bytes())?;
            w.write_all(b"\n")?;
        }
        Format::Md => w.write_all(markdown::render(df).as_bytes())?,
        Format::Csv | Format::Tsv | Format::Ndjson => write_rows(w, df, format, true, o)?,
        Format::Json => {
            JsonWriter::new(&mut w)
                .with_json_format(JsonFormat::Json)
                .finish(df)?;
            w.write_all(b"\n")?;
        }
        Format::Parquet => parquet::write(&mut w, df)?,
    }
    Ok(())
}

/// Writes rows as CSV or TSV (the header when `header`; text cells guarded unless
/// `o.raw_cells`) or as NDJSON.
fn write_rows(
    mut w: &mut dyn Write,
    df: &mut DataFrame,
    format: Format,
    header: bool,
    o: WriteOptions,
) -> Result<()> {
    if format != Format::Ndjson && !o.raw_cells {
        guard_cells(df)?;
    }
    if format == Format::Ndjson {
        JsonWriter::new(&mut w)
            .with_json_format(JsonFormat::JsonLines)
            .finish(df)?;
    } else {
        let sep = if format == Format::Csv { b',' } else { b'\t' };
        CsvWriter::new(&mut w)
            .include_header(header)
            .with_separator(sep)
            .finish(df)?;
    }
    Ok(())
}

/// A writer that keeps a copy of the first I/O error it meets, so that an error a format
/// writer reports in its own terms can still be told as the write error it was.
struct Tracked<W: Write> {
    inner: W,
    error: Option<std::io::Error>,
}

impl<W: Write> Tracked<W> {
    fn new(inner: W) -> Self {
        Tracked { inner, error: None }
    }

    fn note<T>(&mut self, r: std::io::Result<T>) -> std::io::Result<T> {
        if let Err(e) = &r {
            // An interrupted call is retried by the caller: not the failure to report.
            if self.error.is_none() && e.kind() != std::io::ErrorKind::Interrupted {
                self.error = Some(std::io::Error::new(e.kind(), e.to_string()));
            }
        }
        r
    }
}

impl<W: Write> Write for Tracked<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let r = self.inner.write(buf);
        self.note(r)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        let r = self.inner.flush();
        self.note(r)
    }
}

/// Fills a writer through `fill`, then flushes it. A failed write is told through `io_error`,
/// however the format writer reported it.
fn fill_tracked(
    w: impl Write,
    fill: impl FnOnce(&mut dyn Write) -> Result<()>,
    io_error: impl FnOnce(std::io::Error) -> Error,
) -> Result<()> {
    let mut t = Tracked::new(w);
    fill(&mut t)
        .and_then(|_| t.flush().map_err(Error::from))
        .map_err(|e| t.error.take().map_or(e, io_error))
}

/// Writes `bytes` to `path` atomically (see [`write_atomic_with`]).
pub fn write_atomic(path: &Path, bytes: &[u8], force: bool) -> Result<()> {
    write_atomic_with(path, force, |w| Ok(w.write_all(bytes)?))
}

/// Writes what `fill` writes to `path` atomically: into a temporary file beside it, renamed
/// over it once complete, so a failed or interrupted write never leaves a partial output and an
/// earlier one stays intact. The file replaced keeps its permissions; a read-only one is
/// refused unless `force`; a symbolic link is written through (the file it points to is
/// replaced, the link stays); a device or named pipe (`-o /dev/stdout`) is written in place.
/// Temporary files left by interrupted runs (`.verbale-PID-*.tmp` of a process that is gone)
/// are removed from the folder.
pub fn write_atomic_with(
    path: &Path,
    force: bool,
    fill: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    let werr = |e: std::io::Error| Error::Write {
        path: path.to_path_buf(),
        source: e,
    };
    // A device or a named pipe (`-o /dev/stdout`, a FIFO), however it is reached (`/dev/stdout`
    // of a shell pipe is a link to `pipe:[…]`, which names no file to resolve): write straight
    // to it; renaming a temporary file over it would replace the device itself.
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        let f = std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .map_err(werr)?;
        return fill_tracked(std::io::BufWriter::new(f), fill, werr);
    }
    let target = through_links(path);
    let meta = std::fs::metadata(&target);
    match &meta {
        Ok(m) if m.is_dir() => {
            return Err(werr(std::io::Error::new(
                std::io::ErrorKind::IsADirectory,
                "it is a folder",
            )))
        }
        Ok(m) if m.permissions().readonly() && !force => {
            return Err(Error::ReadOnly {
                path: path.to_path_buf(),
            })
        }
        _ => {}
    }
    let dir = folder_of(&target);
    if !dir.is_dir() {
        return Err(no_folder(path, &dir));
    }
    remove_leftovers(&dir);
    let prefix = format!("{TMP_PREFIX}{}-", std::process::id());
    // On failure the temporary file is removed when `tmp` drops; on an interrupt, by
    // `interrupted`.
    let _unfinished = Unfinished::named(&dir, &prefix);
    let mut tmp = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(".tmp")
        .tempfile_in(&dir)
        // The temporary file's name means nothing to the reader: the error names the output
        // (and the folder that refused it), with the system's reason.
        .map_err(|e| {
            // tempfile's message ends with the temporary path ("... at path \"...\""): only
            // the system's words are kept.
            let text = e.to_string();
            let why = text
                .split(" at path ")
                .next()
                .unwrap_or_default()
                .to_string();
            let folder = crate::error::shown(&dir);
            werr(std::io::Error::new(
                e.kind(),
                format!("{why} in folder {folder}"),
            ))
        })?;
    fill_tracked(std::io::BufWriter::new(tmp.as_file_mut()), fill, werr)?;
    // Temporary files are created private: the output gets the permissions of the file it
    // replaces, or the usual read permissions.
    let perms = match &meta {
        Ok(m) => Some(m.permissions()),
        Err(_) => default_permissions(),
    };
    if let Some(p) = perms {
        let _ = tmp.as_file().set_permissions(p);
    }
    // No fsync: the rename is what keeps readers from a half-written file.
    _unfinished
        .finish(|| tmp.persist(&target))
        .map_err(|e| werr(e.error))?;
    Ok(())
}

/// The folder `path` is in (`.` for a bare name).
fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// The file a path leads to through symbolic links (the path itself when it is no link, or
/// the last target of its chain of links when that file does not exist yet).
fn through_links(path: &Path) -> PathBuf {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return path.to_path_buf();
    }
    if let Ok(real) = path.canonicalize() {
        return real;
    }
    // A dangling link: its target, relative to the link's folder, through every link of a
    // chain (as many as the system follows).
    let mut at = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::read_link(&at) {
            Ok(t) if t.is_absolute() => at = t,
            Ok(t) => at = at.parent().unwrap_or(Path::new(".")).join(t),
            Err(_) => break,
        }
    }
    at
}

/// The permissions of a new output: readable by all, as files usually are.
#[cfg(unix)]
fn default_permissions() -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(std::fs::Permissions::from_mode(0o644))
}

/// The permissions of a new output: the temporary file's own.
#[cfg(not(unix))]
fn default_permissions() -> Option<std::fs::Permissions> {
    None
}

/// How verbale's temporary output files begin (then the process id, a dash, random letters).
pub const TMP_PREFIX: &str = ".verbale-";

/// Whether something process `pid` left behind is a leftover: the process is gone (on systems
/// that cannot tell, the thing is a day old).
pub(crate) fn left_by_gone_process(pid: u32, entry: &std::fs::DirEntry) -> bool {
    if cfg!(target_os = "linux") {
        return !Path::new("/proc").join(pid.to_string()).exists();
    }
    entry
        .metadata()
        .and_then(|m| m.modified())
        .is_ok_and(|t| t.elapsed().is_ok_and(|d| d.as_secs() > 86_400))
}

/// Removes from `dir` the temporary files verbale's earlier, interrupted runs left there:
/// only files named `.verbale-PID-….tmp` whose process is gone (or, where that cannot be
/// told, a day old). Errors are ignored: cleaning is a courtesy.
fn remove_leftovers(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        let Some(rest) = name.strip_prefix(TMP_PREFIX) else {
            continue;
        };
        let Some(pid) = rest.split('-').next().and_then(|p| p.parse::<u32>().ok()) else {
            continue;
        };
        if !name.ends_with(".tmp") || !e.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        if left_by_gone_process(pid, &e) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// Refuses an output folder that replacing would lose inputs with: a path that exists and is
/// not a folder, a folder that is or holds one of `inputs`, or the current folder or one of
/// its parents. Returns whether the folder exists (its contents are the caller's to judge).
pub fn check_folder_target(dir: &Path, inputs: &[PathBuf]) -> Result<bool> {
    let refuse = |why: &str| {
        Error::Invalid(format!(
            "{}: {why}; choose another output folder",
            crate::error::shown(dir)
        ))
    };
    if !dir.exists() {
        return Ok(false);
    }
    if !dir.is_dir() {
        return Err(refuse("exists and is not a folder"));
    }
    let canon = dir.canonicalize().map_err(|e| Error::Read {
        path: dir.to_path_buf(),
        source: e,
    })?;
    let under = |p: &Path| p.canonicalize().is_ok_and(|c| c.starts_with(&canon));
    if std::env::current_dir().is_ok_and(|c| under(&c)) {
        return Err(refuse("is the current folder or one of its parents"));
    }
    if inputs.iter().any(|i| under(i)) {
        return Err(refuse("is or holds an input; refusing to replace it"));
    }
    Ok(true)
}

/// The error for output `path` in folder `dir`, which does not exist.
fn no_folder(path: &Path, dir: &Path) -> Error {
    Error::Write {
        path: path.to_path_buf(),
        source: std::io::Error::new(
            std::io::ErrorKind::NotFound,
            format!("folder {} does not exist", dir.display()),
        ),
    }
}

/// Fails, before any input is read, when the folder that output `path` (a file or a folder)
/// is written in exists but refuses a new entry, as the write at the end would: a temporary
/// file is made there and removed. A device or pipe (`-o /dev/null`) is written in place and
/// not probed; a folder that does not exist is left to the caller. It marks its probe for an
/// interrupt ([`Unfinished::set_aside`]), so it is never called while a swap holds the mark
/// list ([`Unfinished::finish`]).
pub fn check_writable(path: &Path) -> Result<()> {
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        return Ok(());
    }
    let dir = folder_of(&through_links(path));
    if !dir.is_dir() {
        return Ok(());
    }
    // A name no other run uses (this process's, as its temporary files are named).
    let probe = dir.join(format!("{TMP_PREFIX}{}-probe.tmp", std::process::id()));
    // An interrupt meanwhile removes it (it is no output, so it says nothing of one).
    let _probe = Unfinished::set_aside(&probe);
    let made = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe);
    match made {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            Ok(())
        }
        // Taken: a file of this process's own, so the folder takes new files.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(Error::Write {
            path: path.to_path_buf(),
            source: std::io::Error::new(e.kind(), format!("{e} in folder {}", dir.display())),
        }),
    }
}

/// Checks an output path before any input is read: a folder is refused (a usage error), as is
/// one of the input files (or inside an input folder's files); a file in a folder that does not
/// exist (through a symbolic link too) fails as its writing would.
pub fn check_output(output: &Path, inputs: &[PathBuf]) -> Result<()> {
    // `out/` names a folder whether it exists or not.
    let as_folder = output.as_os_str().as_encoded_bytes().ends_with(b"/");
    if output.is_dir() || as_folder {
        return Err(Error::Invalid(format!(
            "{}: -o names a folder; give a file name (inside it, or elsewhere)",
            output.display()
        )));
    }
    // The file written is the one a link leads to (a dangling link's target included).
    let target = through_links(output);
    let dir = target.parent().filter(|p| !p.as_os_str().is_empty());
    if let Some(dir) = dir.filter(|d| !d.is_dir()) {
        return Err(no_folder(output, dir));
    }
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
    o: WriteOptions,
    dest: &Destination,
) -> Result<()> {
    use std::io::IsTerminal;
    let terminal = matches!(dest, Destination::Stdout) && std::io::stdout().is_terminal();
    let fill = |w: &mut dyn Write| render_into(df, format, o, terminal, w);
    write_with(format, dest, o, fill)
}

/// Writes frames with the same columns as one table, in order. CSV, TSV and NDJSON are written
/// piece by piece (the CSV header once) and Parquet as one row group per piece, so the whole
/// table is never held; the other formats, whose layout needs every row, stack the pieces first.
/// The output is byte for byte what [`write`] gives for the stacked frame, Parquet's row
/// groups aside.
pub fn write_pieces(
    mut pieces: impl Iterator<Item = Result<DataFrame>>,
    format: Format,
    o: WriteOptions,
    dest: &Destination,
) -> Result<()> {
    if !matches!(
        format,
        Format::Csv | Format::Tsv | Format::Ndjson | Format::Parquet
    ) {
        let mut all: Option<DataFrame> = None;
        for p in pieces {
            let p = p?;
            match &mut all {
                Some(a) => {
                    a.vstack_mut(&p)?;
                }
                None => all = Some(p),
            }
        }
        let mut all = all.ok_or_else(|| Error::Invalid("no table to write".into()))?;
        return write(&mut all, format, o, dest);
    }
    let fill = |mut w: &mut dyn Write| -> Result<()> {
        if format == Format::Parquet {
            let Some(first) = pieces.next() else {
                return Err(Error::Invalid("no table to write".into()));
            };
            let first = first?;
            let mut pw = parquet::Writer::new(&mut w, first.schema())?;
            pw.write_all(std::iter::once(Ok(first)).chain(pieces.by_ref()))?;
            pw.finish()?;
            return Ok(());
        }
        for (k, p) in pieces.by_ref().enumerate() {
            write_rows(w, &mut p?, format, k == 0, o)?;
        }
        Ok(())
    };
    write_with(format, dest, o, fill)
}

/// Writes a CSV or TSV table that `fill` formats itself ([`csv::Cells`]) to `dest`, as the
/// other writers do: a file atomically, standard output with a closed pipe ending quietly.
pub fn write_rows_with(
    format: Format,
    dest: &Destination,
    o: WriteOptions,
    fill: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    if !matches!(format, Format::Csv | Format::Tsv) {
        return Err(Error::Invalid(format!(
            "rows written cell by cell are CSV or TSV, not {format:?}"
        )));
    }
    write_with(format, dest, o, fill)
}

/// Runs `fill` on standard output or on a file written atomically. Parquet is refused on a
/// terminal (it would print binary), not on a pipe or a redirect.
fn write_with(
    format: Format,
    dest: &Destination,
    o: WriteOptions,
    fill: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    use std::io::IsTerminal;
    if format == Format::Parquet
        && matches!(dest, Destination::Stdout)
        && std::io::stdout().is_terminal()
    {
        return Err(Error::Invalid(
            "Parquet is binary and standard output is a terminal: write it to a file or redirect standard output".into(),
        ));
    }
    match dest {
        Destination::Stdout => {
            let out = std::io::BufWriter::new(std::io::stdout().lock());
            // Named in the message; a closed pipe stays recognisable through the source
            // (`verbale freq … | head` ends quietly).
            fill_tracked(out, fill, |e| Error::Write {
                path: PathBuf::from("standard output"),
                source: e,
            })
        }
        Destination::File(p) => write_atomic_with(p, o.force, fill),
    }
}
