//! Finding the files of a corpus: inputs named one by one, folders walked recursively (links
//! followed once, report folders skipped), document ids from paths.

use super::{LoadOptions, Problem};
use crate::error::{Error, Result};
use ahash::AHashMap;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// Found inputs: document id and path (`None` for standard input).
pub type Found = Vec<(String, Option<PathBuf>)>;

/// Finds the files named by `inputs` (files, folders searched recursively, `-` for standard input).
pub fn find_files(inputs: &[PathBuf], opts: &LoadOptions) -> Result<Found> {
    Ok(find_all(inputs, opts)?.0)
}

/// [`find_files`], with the folders that could not be read (or loop back through a symbolic
/// link) as problems: the rest of the walk goes on.
pub(super) fn find_all(inputs: &[PathBuf], opts: &LoadOptions) -> Result<(Found, Vec<Problem>)> {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    find_inputs(inputs, opts, &mut out, &mut problems)?;
    distinct_ids(&mut out, inputs.iter());
    Ok((out, problems))
}

/// Adds the files of `inputs` to `out`. Of several inputs, a folder with nothing to read is
/// named (alone, it is the run's error) and a file named twice is read once.
fn find_inputs(
    inputs: &[PathBuf],
    opts: &LoadOptions,
    out: &mut Found,
    problems: &mut Vec<Problem>,
) -> Result<()> {
    for input in inputs {
        let before = out.len();
        find_input(input, opts, out, problems)?;
        if out.len() == before && inputs.len() > 1 && input.is_dir() {
            problems.push(Problem {
                error: Error::EmptyFolder {
                    path: input.clone(),
                    exts: opts.extensions.join("/"),
                },
                warning: true,
            });
        }
    }
    if inputs.len() > 1 {
        problems.extend(read_once(out));
    }
    Ok(())
}

/// Each file's path resolved (links and `..` followed), to tell whether two paths name one
/// file; in parallel, since it costs a system call per part of a path.
fn resolved(found: &Found) -> Vec<Option<PathBuf>> {
    found
        .par_iter()
        .map(|f| (f.1.as_ref()).map(|p| p.canonicalize().unwrap_or_else(|_| p.clone())))
        .collect()
}

/// Leaves out the files that inputs name more than once (`a.txt a.txt`, a folder and a file
/// in it, overlapping folders; whatever the path), keeping each under its first name: counted
/// twice, a statement would weigh double in every table. Returns the warning, if any.
fn read_once(found: &mut Found) -> Option<Problem> {
    // Only called when several inputs could name one file: a single folder's walk reaches
    // each file once.
    let keys = resolved(found);
    let mut first: AHashMap<&PathBuf, usize> = AHashMap::new();
    // (later, first) pairs of indices; standard input (no path) is in `found` once.
    let mut repeats: Vec<(usize, usize)> = Vec::new();
    for (i, k) in keys.iter().enumerate() {
        if let Some(k) = k {
            match first.entry(k) {
                std::collections::hash_map::Entry::Occupied(f) => repeats.push((i, *f.get())),
                std::collections::hash_map::Entry::Vacant(v) => {
                    v.insert(i);
                }
            }
        }
    }
    let &(i, f) = repeats.first()?;
    let problem = Problem {
        error: Error::Repeated {
            path: found[i].1.clone().unwrap_or_default(),
            first: found[f].1.clone().unwrap_or_default(),
            more: repeats.len() - 1,
        },
        warning: true,
    };
    let mut keep = vec![true; found.len()];
    for &(later, _) in &repeats {
        keep[later] = false;
    }
    let mut kept = keep.into_iter();
    found.retain(|_| kept.next().unwrap_or(true));
    Some(problem)
}

/// The files of several groups of inputs (a target and a reference, say), in group order.
#[derive(Debug, Default)]
pub struct GroupedFiles {
    /// Every file, each group's after the one before.
    pub files: Found,
    /// Per file, its group.
    pub group: Vec<u32>,
    /// Files left out of a group because an earlier group has them (same file, whatever the
    /// path): a document compared with itself would bias every statistic.
    pub repeated: usize,
    /// Folders that could not be walked.
    pub problems: Vec<Problem>,
}

/// Finds the files of each group of inputs; a file already in an earlier group is left out of
/// the later ones ([`GroupedFiles::repeated`]).
pub fn find_groups(groups: &[Vec<PathBuf>], opts: &LoadOptions) -> Result<GroupedFiles> {
    let mut out = GroupedFiles::default();
    let mut earlier: ahash::AHashSet<Option<PathBuf>> = ahash::AHashSet::new();
    for (g, inputs) in groups.iter().enumerate() {
        let mut found = Vec::new();
        find_inputs(inputs, opts, &mut found, &mut out.problems)?;
        // Only a later group can repeat an earlier one's file: one group's files need no
        // resolving (a system call per part of every path), a later group's are resolved in
        // parallel.
        if groups.len() == 1 {
            out.group.extend(std::iter::repeat_n(g as u32, found.len()));
            out.files.extend(found);
            continue;
        }
        let keys = resolved(&found);
        let mut mine = Vec::new();
        for (f, key) in found.into_iter().zip(keys) {
            if earlier.contains(&key) {
                out.repeated += 1;
                continue;
            }
            mine.push(key);
            out.group.push(g as u32);
            out.files.push(f);
        }
        earlier.extend(mine);
    }
    distinct_ids(&mut out.files, groups.iter().flatten());
    Ok(out)
}

/// Adds the files one input names to `out` (standard input once), its problems to `problems`.
fn find_input(
    input: &Path,
    opts: &LoadOptions,
    out: &mut Found,
    problems: &mut Vec<Problem>,
) -> Result<()> {
    if input.as_os_str() == "-" {
        // Standard input can be read once.
        if !out.iter().any(|(_, p)| p.is_none()) {
            out.push(("stdin".to_string(), None));
        }
        return Ok(());
    }
    let meta = std::fs::metadata(input).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            Error::NotFound {
                path: input.to_path_buf(),
            }
        } else {
            Error::Read {
                path: input.to_path_buf(),
                source: e,
            }
        }
    })?;
    // With a root, ids start with the input's place under it.
    let prefix = match &opts.root {
        Some(root) => under_root(root, input, meta.is_dir())?,
        None => String::new(),
    };
    if !meta.is_dir() {
        let name = if opts.keep_ext {
            input.file_name()
        } else {
            input.file_stem()
        };
        let id = name
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| input.display().to_string());
        out.push((format!("{prefix}{id}"), Some(input.to_path_buf())));
        return Ok(());
    }
    let mut files = Vec::new();
    let mut walk = Walk {
        opts,
        seen: Vec::new(),
        links: Vec::new(),
        files: &mut files,
        problems,
    };
    walk.dir(input, &meta);
    walk.follow_links();
    // Folder listings come in no set order: files and problems in path order.
    problems.sort_by_cached_key(|p: &Problem| {
        let path = match &p.error {
            Error::Read { path, .. } | Error::Loop { path } | Error::NotRegular { path } => {
                path_key(path)
            }
            _ => Vec::new(),
        };
        (path, p.error.to_string())
    });
    files.sort_by_cached_key(|f| path_key(f));
    for f in files {
        let rel = f.strip_prefix(input).unwrap_or(&f);
        let rel = if opts.keep_ext {
            rel.to_path_buf()
        } else {
            rel.with_extension("")
        };
        let id = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        out.push((format!("{prefix}{id}"), Some(f)));
    }
    Ok(())
}

/// Where `input` (a folder, or a file's folder) stands under `root`, as an id prefix ending in
/// `/` (empty when it is the root itself); an input outside the root is refused.
fn under_root(root: &Path, input: &Path, is_dir: bool) -> Result<String> {
    let canon = |p: &Path| {
        p.canonicalize().map_err(|e| Error::Read {
            path: p.to_path_buf(),
            source: e,
        })
    };
    let root_c = canon(root)?;
    let input_c = canon(input)?;
    let folder = if is_dir {
        input_c.as_path()
    } else {
        input_c.parent().unwrap_or(&input_c)
    };
    let rel = folder.strip_prefix(&root_c).map_err(|_| {
        Error::Invalid(format!(
            "--root {}: it does not hold {}; give the folder the whole corpus is in",
            root.display(),
            input.display()
        ))
    })?;
    Ok(rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy() + "/")
        .collect())
}

/// Two inputs can give the same id (two folders with the same layout, two files of one name,
/// one statement saved as PDF and as Word): files that only their extensions tell apart keep
/// them (`x.pdf`, `x.docx`); files named one by one (`inputs` that are files) take the names
/// of the folders above them,
/// as few as tell them apart (`a/x` and `b/x` for `a/x.txt` and `b/x.txt`), so a reader can
/// tell which file a row is; other ids that are the same (files of two folders of one layout,
/// whose ids are paths under their folder and match a manifest so; a file named twice) are
/// numbered (`x`, `x#2`).
fn distinct_ids<'a>(out: &mut Found, inputs: impl Iterator<Item = &'a PathBuf>) {
    let named: ahash::AHashSet<&Path> = inputs
        .filter(|p| p.is_file())
        .map(PathBuf::as_path)
        .collect();
    let mut groups: AHashMap<String, Vec<usize>> = AHashMap::new();
    for (i, (id, _)) in out.iter().enumerate() {
        groups.entry(id.clone()).or_default().push(i);
    }
    let mut renamed: Vec<(usize, String)> = Vec::new();
    let taken: ahash::AHashSet<&str> = out.iter().map(|(id, _)| id.as_str()).collect();
    for (id, members) in groups.iter().filter(|(_, m)| m.len() > 1) {
        if let Some(exts) = distinct_extensions(out, members) {
            let ids: Vec<String> = exts.iter().map(|e| format!("{id}.{e}")).collect();
            // Only when no other document has one of those ids already (`s.html.txt` is
            // `s.html`): it keeps its id, and these files are numbered.
            if ids.iter().all(|n| !taken.contains(n.as_str())) {
                renamed.extend(members.iter().copied().zip(ids));
                continue;
            }
        }
        let paths: Option<Vec<&Path>> = members
            .iter()
            .map(|&i| out[i].1.as_deref().filter(|p| named.contains(p)))
            .collect();
        let Some(paths) = paths else { continue };
        for depth in 1..=4 {
            let names: Option<Vec<String>> =
                paths.iter().map(|p| folders_above(p, depth)).collect();
            let Some(names) = names else { break };
            let distinct: ahash::AHashSet<&String> = names.iter().collect();
            if distinct.len() == names.len() {
                renamed.extend(
                    members
                        .iter()
                        .zip(names)
                        .map(|(&i, f)| (i, format!("{f}/{id}"))),
                );
                break;
            }
        }
    }
    for (i, id) in renamed {
        out[i].0 = id;
    }
    // The number skips ids that inputs already have (a file `x#2.txt` beside two `x.txt`).
    let mut used: ahash::AHashSet<String> = out.iter().map(|(id, _)| id.clone()).collect();
    let mut seen: AHashMap<String, usize> = AHashMap::new();
    for (id, _) in out.iter_mut() {
        let n = seen.entry(id.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            while used.contains(&format!("{id}#{n}")) {
                *n += 1;
            }
            *id = format!("{id}#{n}");
            used.insert(id.clone());
        }
    }
}

/// The extensions of the files `members` of `out`, when they stand in one folder, each has
/// an extension and no two are the same (compared without case). Files of different folders
/// are told apart by their folders, as before.
fn distinct_extensions(out: &Found, members: &[usize]) -> Option<Vec<String>> {
    let paths: Vec<&Path> = members
        .iter()
        .map(|&i| out[i].1.as_deref())
        .collect::<Option<_>>()?;
    let folder = paths.first()?.parent();
    if paths.iter().any(|p| p.parent() != folder) {
        return None;
    }
    let exts: Vec<String> = paths
        .iter()
        .map(|p| Some(p.extension()?.to_string_lossy().into_owned()))
        .collect::<Option<_>>()?;
    let folded: ahash::AHashSet<String> = exts.iter().map(|e| e.to_lowercase()).collect();
    (folded.len() == exts.len()).then_some(exts)
}

/// The names of the `depth` folders that hold file `path` (its real folder: `a/x.txt` and
/// `../q/a/x.txt` are told apart by `a`'s parents), joined by `/`.
fn folders_above(path: &Path, depth: usize) -> Option<String> {
    let parent = path.parent()?;
    let here = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    let mut dir = here.canonicalize().ok()?;
    let mut names = Vec::with_capacity(depth);
    for _ in 0..depth {
        names.push(dir.file_name()?.to_string_lossy().into_owned());
        dir = dir.parent()?.to_path_buf();
    }
    names.reverse();
    Some(names.join("/"))
}

/// A sort key that puts paths in path order (component by component): a separator becomes a
/// byte that sorts before any byte of a name, as it would between components.
fn path_key(path: &Path) -> Vec<u8> {
    let mut k = path.as_os_str().as_encoded_bytes().to_vec();
    for b in &mut k {
        if std::path::is_separator(*b as char) {
            *b = 0;
        }
    }
    k
}

/// The file that marks a folder as a verbale report. A folder walk skips such folders: a report
/// written inside the corpus (`report speeches/ -o speeches/report`) is not read back as a
/// statement.
pub const REPORT_MARKER: &str = ".verbale-report";

/// A recursive folder walk that follows symbolic links but never enters a folder twice nor a
/// verbale report's folder. Links are followed once the real folders have been walked, so a
/// folder is read under its own name, and the link to it is the one reported ([`Error::Loop`]).
struct Walk<'a> {
    opts: &'a LoadOptions,
    /// Folders entered so far (device and inode), to stop at symbolic-link loops.
    seen: Vec<(u64, u64)>,
    /// Symbolic links met, with their names, to follow after the real folders.
    links: Vec<(PathBuf, String)>,
    files: &'a mut Vec<PathBuf>,
    problems: &'a mut Vec<Problem>,
}

impl Walk<'_> {
    fn dir(&mut self, dir: &Path, meta: &std::fs::Metadata) {
        let key = dir_key(meta);
        if key.is_some_and(|k| self.seen.contains(&k)) {
            self.problems.push(Problem {
                error: Error::Loop {
                    path: dir.to_path_buf(),
                },
                warning: true,
            });
            return;
        }
        self.seen.extend(key);
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) => return self.fail(dir, e),
        };
        for entry in entries {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => return self.fail(dir, e),
            };
            let path = entry.path();
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with('.') {
                continue;
            }
            // The entry's own type comes with the listing: only a symbolic link (or a file
            // system that does not tell) costs a look at its target.
            match entry.file_type() {
                Ok(t) if t.is_file() => {
                    if is_corpus_file(&path, &name, self.opts) {
                        self.files.push(path);
                    }
                }
                Ok(t) if t.is_dir() => {
                    let meta = entry.metadata();
                    self.entry(path, &name, meta);
                }
                Ok(t) if t.is_symlink() => self.links.push((path, name.into_owned())),
                _ => {
                    let meta = std::fs::metadata(&path);
                    self.entry(path, &name, meta);
                }
            }
        }
    }

    /// Walks the symbolic links met so far (and those met in the folders they lead to), in
    /// path order.
    fn follow_links(&mut self) {
        while !self.links.is_empty() {
            let mut links = std::mem::take(&mut self.links);
            links.sort();
            for (path, name) in links {
                let meta = std::fs::metadata(&path);
                self.entry(path, &name, meta);
            }
        }
    }

    /// One entry of a folder, with what its (followed) metadata says.
    fn entry(&mut self, path: PathBuf, name: &str, meta: std::io::Result<std::fs::Metadata>) {
        match meta {
            Ok(m) if m.is_dir() => {
                if !path.join(REPORT_MARKER).is_file() {
                    self.dir(&path, &m)
                }
            }
            Ok(m) if m.is_file() && is_corpus_file(&path, name, self.opts) => self.files.push(path),
            // A named pipe, a socket or a device (or a link to one) named like a statement:
            // reading it could wait forever or never end.
            Ok(_) if is_corpus_file(&path, name, self.opts) => self.problems.push(Problem {
                error: Error::NotRegular { path },
                warning: true,
            }),
            Ok(_) => {}
            // A broken link or a loop of links named like a statement: say so.
            Err(e) if is_corpus_file(&path, name, self.opts) => self.fail(&path, e),
            Err(_) => {}
        }
    }

    fn fail(&mut self, path: &Path, e: std::io::Error) {
        self.problems.push(Problem {
            error: Error::Read {
                path: path.to_path_buf(),
                source: e,
            },
            warning: false,
        });
    }
}

#[cfg(unix)]
fn dir_key(meta: &std::fs::Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn dir_key(_meta: &std::fs::Metadata) -> Option<(u64, u64)> {
    None
}

/// Whether a folder walk reads this file (`name` is its file name): its extension is one of
/// [`LoadOptions::extensions`] and it is not the folder's own README.
pub fn is_corpus_file(path: &Path, name: &str, opts: &LoadOptions) -> bool {
    if name.to_ascii_lowercase().starts_with("readme.") {
        return false;
    }
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    match ext {
        Some(e) => opts.extensions.iter().any(|x| x.eq_ignore_ascii_case(&e)),
        None => opts.extensions.iter().any(|x| x.is_empty()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Inputs with one id take the folder above them; what is still the same is numbered.
    #[test]
    fn repeated_ids_take_their_folder() {
        let dir = tempfile::tempdir().unwrap();
        for (folder, file) in [
            ("a", "x.txt"),
            ("b", "x.txt"),
            ("b/sub", "y.txt"),
            ("c/sub", "y.txt"),
        ] {
            std::fs::create_dir_all(dir.path().join(folder)).unwrap();
            std::fs::write(dir.path().join(folder).join(file), "words").unwrap();
        }
        let p = |s: &str| dir.path().join(s);
        let ids = |inputs: &[PathBuf]| -> Vec<String> {
            find_files(inputs, &LoadOptions::default())
                .unwrap()
                .into_iter()
                .map(|f| f.0)
                .collect()
        };
        assert_eq!(ids(&[p("a/x.txt"), p("b/x.txt")]), ["a/x", "b/x"]);
        // Folders of one layout: the ids are paths under each folder (as their manifests name
        // them), numbered where they meet.
        assert_eq!(ids(&[p("b"), p("c")]), ["sub/y", "x", "sub/y#2"]);
        assert_eq!(ids(&[p("b/sub"), p("c/sub")]), ["y", "y#2"]);
        // Files named one by one, from folders of one name: the folders above those.
        assert_eq!(
            ids(&[p("b/sub/y.txt"), p("c/sub/y.txt")]),
            ["b/sub/y", "c/sub/y"]
        );
        // One file named twice is read once; a file whose id no other input has.
        assert_eq!(
            ids(&[p("a/x.txt"), p("a/x.txt"), p("b/sub/y.txt")]),
            ["x", "y"]
        );
        // A number that a file's own name already has is skipped: every id is one document's.
        std::fs::write(dir.path().join("b/x#2.txt"), "words").unwrap();
        // (b's files in order: sub/y.txt, x#2.txt, x.txt.)
        assert_eq!(ids(&[p("a"), p("b")]), ["x", "sub/y", "x#2", "x#3"]);
    }

    /// One statement saved as PDF and as Word in one folder: the extension tells them apart,
    /// not a number.
    #[test]
    fn files_told_apart_by_extension_keep_it() {
        let dir = tempfile::tempdir().unwrap();
        for file in ["s.pdf", "s.docx", "s.html", "t.txt"] {
            std::fs::write(dir.path().join(file), "words").unwrap();
        }
        let ids = |inputs: &[PathBuf]| -> Vec<String> {
            let found = find_files(inputs, &LoadOptions::default()).unwrap();
            let mut ids: Vec<String> = found.into_iter().map(|f| f.0).collect();
            ids.sort();
            ids
        };
        assert_eq!(
            ids(&[dir.path().to_path_buf()]),
            ["s.docx", "s.html", "s.pdf", "t"]
        );
        // An id the extensions would give that a file already has: that file keeps it.
        std::fs::write(dir.path().join("s.html.txt"), "words").unwrap();
        assert_eq!(
            ids(&[dir.path().to_path_buf()]),
            ["s", "s#2", "s#3", "s.html", "t"]
        );
        // Files of two folders named one by one keep their folders.
        let p = |s: &str| dir.path().join(s);
        for f in ["a/x.txt", "b/x.html"] {
            std::fs::create_dir_all(p(f).parent().unwrap()).unwrap();
            std::fs::write(p(f), "words").unwrap();
        }
        assert_eq!(ids(&[p("a/x.txt"), p("b/x.html")]), ["a/x", "b/x"]);
    }
}
