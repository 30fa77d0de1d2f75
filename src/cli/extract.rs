//! `verbale extract`: the text verbale reads from each file (PDF, Word, web page or text), where
//! its pages or paragraphs start and the file's own metadata, so a user can see exactly what
//! was analysed.

use super::common::{count_of, init_threads, load_options, report_problems, InputArgs};
use anyhow::Result;
use clap::Args;
use rayon::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};
use verbale::corpus::{self, FileText, Problem};

/// Show the text verbale reads from each file: a PDF's text layer without its page furniture,
/// a Word document's body with its footnotes put apart, a web page's main text. Offsets in
/// every table point into this text; for a PDF the tables also give the page.
#[derive(Args, Debug)]
#[command(after_help = "Examples:
  verbale extract statement.pdf | less
  verbale extract documents/ -o extracted/
  verbale extract note.docx --section annex")]
pub struct ExtractArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Write ID.txt (the text), ID.places.tsv (where each page, paragraph or block starts) and
    /// ID.meta.tsv (the file's metadata) into this folder instead of printing the text.
    #[arg(short = 'o', long = "out-dir", value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// Replace files already in DIR.
    #[arg(long)]
    pub force: bool,
}

/// Refuses an output folder inside an input folder: the texts written there would be read as
/// documents by every later run over that folder, each statement counted twice.
fn inside_an_input(dir: &Path, inputs: &[PathBuf]) -> Result<()> {
    // The nearest existing folder of `dir` (it may not exist yet), resolved.
    let mut probe = dir.to_path_buf();
    let mut rest = Vec::new();
    while !probe.exists() {
        match (probe.file_name().map(|n| n.to_os_string()), probe.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                probe = if parent.as_os_str().is_empty() {
                    PathBuf::from(".")
                } else {
                    parent.to_path_buf()
                };
            }
            _ => return Ok(()),
        }
    }
    let Ok(mut out) = probe.canonicalize() else {
        return Ok(());
    };
    out.extend(rest.into_iter().rev());
    for input in inputs.iter().filter(|p| p.is_dir()) {
        if let Ok(folder) = input.canonicalize() {
            if out.starts_with(&folder) {
                return Err(verbale::Error::Invalid(format!(
                    "-o {}: inside the input folder {}, whose later runs would read the \
                     extracted texts as documents too (each statement twice); choose a folder \
                     outside it",
                    dir.display(),
                    input.display()
                ))
                .into());
            }
        }
    }
    Ok(())
}

/// Runs `extract`. Returns whether some input failed.
pub fn run(args: ExtractArgs) -> Result<bool> {
    init_threads(&args.input.source);
    if let Some(dir) = args.out_dir.as_ref().filter(|d| d.exists() && !d.is_dir()) {
        return Err(verbale::Error::Invalid(format!(
            "{}: -o (--out-dir) names the folder the texts go to, and this is a file; give a \
             folder (it is made if it does not exist)",
            dir.display()
        ))
        .into());
    }
    // A new folder named like a text or table file (`-o kenya.txt`) is a file name given where
    // a folder goes: making a folder `kenya.txt` would surprise.
    if let Some(dir) = args.out_dir.as_ref().filter(|d| !d.exists()) {
        let looks_like_file = dir.extension().is_some_and(|e| {
            ["txt", "tsv", "csv", "md", "json", "text"]
                .contains(&e.to_string_lossy().to_lowercase().as_str())
        });
        if looks_like_file {
            return Err(verbale::Error::Invalid(format!(
                "{}: -o (--out-dir) names a folder, which extract fills with ID.txt, \
                 ID.places.tsv and ID.meta.tsv; this looks like a file name: give a folder, or \
                 leave -o out to print the text (verbale extract FILE > {})",
                dir.display(),
                dir.display()
            ))
            .into());
        }
    }
    if let Some(dir) = &args.out_dir {
        inside_an_input(dir, &args.input.paths)?;
    }
    if args.input.paths.iter().any(|p| p.as_os_str() == "-") {
        return Err(verbale::Error::Invalid(
            "extract reads files, not standard input: give the document's path (its text is \
             printed, or written with its places into the folder -o names)"
                .into(),
        )
        .into());
    }
    let lopts = load_options(&args.input.source);
    let files = corpus::find_files(&args.input.paths, &lopts)?;
    let read: Vec<ReadFile> = files
        .into_par_iter()
        .map(|(id, path)| {
            let r = match &path {
                Some(p) => corpus::read_file(p, &lopts),
                None => Err(verbale::Error::Invalid(
                    "extract reads files, not standard input".into(),
                )),
            };
            (id, path, r)
        })
        .collect();
    if let Some(dir) = &args.out_dir {
        std::fs::create_dir_all(dir).map_err(|e| verbale::Error::Write {
            path: dir.clone(),
            source: e,
        })?;
    }
    let inputs: Vec<PathBuf> = read
        .iter()
        .filter_map(|r| r.1.as_ref()?.canonicalize().ok())
        .collect();
    if let Some(dir) = &args.out_dir {
        let ids: Vec<&str> = read
            .iter()
            .filter(|r| r.2.is_ok())
            .map(|r| r.0.as_str())
            .collect();
        check_outputs(dir, &ids, &inputs, args.force)?;
    }
    let (extracted, problems) = write_all(read, &args)?;
    let failed = report_problems(&problems, &args.input.source)?;
    if extracted == 0 && !problems.is_empty() {
        // As `freq` over the same files: a run that extracted nothing failed (exit 1).
        return Err(anyhow::anyhow!(
            "nothing extracted from {}: none could be read or had text",
            count_of(problems.len() as u64, "file")
        ));
    }
    Ok(failed)
}

/// A file's id, path and what reading it gave.
type ReadFile = (String, Option<PathBuf>, verbale::Result<FileText>);

/// Writes each text read into `-o`'s folder, or to standard output; returns how many were
/// written and the problems of the others.
fn write_all(read: Vec<ReadFile>, args: &ExtractArgs) -> Result<(usize, Vec<Problem>)> {
    let many = read.len() > 1;
    let mut problems = Vec::new();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut extracted = 0usize;
    for (id, _, r) in read {
        let ft = match r {
            Ok(ft) => ft,
            Err(e) => {
                problems.push(Problem::from(e));
                continue;
            }
        };
        if !args.input.source.quiet {
            eprintln!("verbale: {id}: {}", summary(&ft));
        }
        match &args.out_dir {
            Some(dir) => {
                // A file whose outputs cannot be written is a problem of its own; the rest
                // are still written.
                if let Err(e) = write_files(dir, &id, &ft, args.force) {
                    problems.push(Problem::from(e));
                    continue;
                }
            }
            None => {
                if many {
                    writeln!(out, "==> {id} <==")?;
                }
                out.write_all(ft.text.as_bytes())?;
                if !ft.text.ends_with('\n') {
                    writeln!(out)?;
                }
            }
        }
        extracted += 1;
    }
    Ok((extracted, problems))
}

/// One line on what was read: format, places, characters, what the reader left out.
fn summary(ft: &FileText) -> String {
    let chars = ft.text.chars().count() as u64;
    let Some(s) = &ft.source else {
        return format!("text, {}", count_of(chars, "character"));
    };
    let mut line = format!(
        "{}, {}, {}",
        s.format.name(),
        count_of(
            corpus::formats::Extracted::place_count(&s.places) as u64,
            s.format.place()
        ),
        count_of(chars, "character")
    );
    for n in &s.notes {
        line.push_str("; ");
        line.push_str(n);
    }
    line
}

/// The three files extract writes for `id` in `dir`: ID.txt, ID.places.tsv, ID.meta.tsv.
fn outputs(dir: &Path, id: &str) -> [PathBuf; 3] {
    let base = dir.join(id);
    ["txt", "places.tsv", "meta.tsv"].map(|ext| PathBuf::from(format!("{}.{ext}", base.display())))
}

/// Before anything is written: no output may be an input, and none may exist unless `force`
/// (a run that stopped half-way would leave some files of the folder new and some old).
fn check_outputs(dir: &Path, ids: &[&str], inputs: &[PathBuf], force: bool) -> Result<()> {
    let mut existing = Vec::new();
    for path in ids.iter().flat_map(|id| outputs(dir, id)) {
        if path.canonicalize().is_ok_and(|c| inputs.contains(&c)) {
            return Err(verbale::Error::OutputIsInput(path).into());
        }
        if !force && path.exists() {
            existing.push(path);
        }
    }
    match existing.as_slice() {
        [] => Ok(()),
        [first, rest @ ..] => Err(anyhow::anyhow!(
            "{}{}; pass --force to replace, or choose another folder (nothing was written)",
            first.display(),
            match rest.len() {
                0 => ": already exists".to_string(),
                n => format!(" and {}: already exist", count_of(n as u64, "other output")),
            }
        )),
    }
}

/// Bytes a file name may hold (ext4, APFS, NTFS's 255 characters at the least).
const NAME_MAX: usize = 255;

/// ID.txt, ID.places.tsv and ID.meta.tsv in `dir` (ids with folders make sub-folders), each
/// written atomically, all three or none.
fn write_files(dir: &Path, id: &str, ft: &FileText, force: bool) -> verbale::Result<()> {
    let paths = outputs(dir, id);
    if let Some(long) = paths
        .iter()
        .filter_map(|p| p.file_name())
        .find(|n| n.len() > NAME_MAX)
    {
        return Err(verbale::Error::Invalid(format!(
            "{id}: its name is too long for the files extract writes ({} bytes in {}; a file \
             name holds {NAME_MAX}): rename the file, or extract it without -o",
            long.len(),
            long.to_string_lossy()
        )));
    }
    if let Some(parent) = paths[0].parent() {
        std::fs::create_dir_all(parent).map_err(|e| verbale::Error::Write {
            path: parent.to_path_buf(),
            source: e,
        })?;
    }
    let mut places = String::from("place\tkind\toffset\n");
    if let Some(s) = &ft.source {
        for (offset, place) in &s.places {
            places.push_str(&format!("{place}\t{}\t{offset}\n", s.format.place()));
        }
    }
    let mut meta = String::from("field\tvalue\n");
    if let Some(s) = &ft.source {
        meta.push_str(&format!("format\t{}\n", s.format.name()));
    }
    for (k, v) in &ft.meta {
        if k != "format" {
            meta.push_str(&format!("{k}\t{}\n", v.replace(['\t', '\n'], " ")));
        }
    }
    let bodies = [ft.text.as_str(), &places, &meta];
    let new: Vec<bool> = paths.iter().map(|p| !p.exists()).collect();
    for (k, (path, body)) in paths.iter().zip(bodies).enumerate() {
        if let Err(e) = verbale::out::write_atomic(path, body.as_bytes(), force) {
            // The files of this document already written go with it.
            for (p, _) in paths[..k].iter().zip(&new).filter(|(_, &n)| n) {
                let _ = std::fs::remove_file(p);
            }
            return Err(e);
        }
    }
    Ok(())
}
