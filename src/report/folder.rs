//! The report's folder: built as a temporary sibling and swapped in, so an interrupted run
//! never leaves a half-written report in place, and only a folder that is an earlier verbale
//! report (or empty) is ever replaced.

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// The file that marks a folder as a verbale report (only such folders are ever replaced, and
/// folder walks never read one).
pub const MARKER: &str = crate::corpus::REPORT_MARKER;

/// Checks that `dir` may receive a report: it does not exist yet, or it is an earlier verbale
/// report; it holds none of the `inputs` and is not the current folder or one of its parents.
pub fn check_target(dir: &Path, inputs: &[PathBuf]) -> Result<()> {
    let refuse = |why: &str| {
        Error::Invalid(format!(
            "{}: {why}; choose another output folder",
            dir.display()
        ))
    };
    if !dir.exists() {
        return Ok(());
    }
    if !dir.is_dir() {
        return Err(refuse("exists and is not a folder"));
    }
    let canon = dir.canonicalize().map_err(|e| Error::Read {
        path: dir.to_path_buf(),
        source: e,
    })?;
    if let Ok(cwd) = std::env::current_dir().and_then(|c| c.canonicalize()) {
        if cwd.starts_with(&canon) {
            return Err(refuse("is the current folder or one of its parents"));
        }
    }
    for i in inputs {
        if let Ok(c) = i.canonicalize() {
            if c.starts_with(&canon) {
                return Err(refuse("holds input files; refusing to replace it"));
            }
        }
    }
    if !dir.join(MARKER).is_file() {
        let empty = std::fs::read_dir(dir)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty {
            return Err(refuse(
                "exists and is not a verbale report folder; refusing to replace it",
            ));
        }
    }
    Ok(())
}

/// Builds a report folder at `dir` with `fill` (which writes into the folder it is given) in a
/// temporary sibling, then swaps it in for the old one; on failure nothing is left behind.
pub(super) fn replace(
    dir: &Path,
    inputs: &[PathBuf],
    step: &(dyn Fn(&str) + Sync),
    fill: impl FnOnce(&Path) -> Result<()>,
) -> Result<()> {
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let werr = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Write { path, source }
    };
    std::fs::create_dir_all(&parent).map_err(werr(&parent))?;
    let base = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "report".into());
    check_target(dir, inputs)?;
    let tmp = parent.join(format!(".{base}.tmp-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir(&tmp).map_err(werr(&tmp))?;
    let result = std::fs::write(tmp.join(MARKER), "verbale report\n")
        .map_err(werr(&tmp.join(MARKER)))
        .and_then(|_| fill(&tmp));
    if let Err(e) = result {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(e);
    }
    step("replacing the old report");
    let old = parent.join(format!(".{base}.old-{}", std::process::id()));
    let had_old = dir.exists();
    if had_old {
        std::fs::rename(dir, &old).map_err(werr(dir))?;
    }
    if let Err(e) = std::fs::rename(&tmp, dir) {
        if had_old {
            let _ = std::fs::rename(&old, dir);
        }
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(werr(dir)(e));
    }
    if had_old {
        let _ = std::fs::remove_dir_all(&old);
    }
    Ok(())
}
