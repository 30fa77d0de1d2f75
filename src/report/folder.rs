//! The report's folder: built as a temporary sibling and swapped in, so an interrupted run
//! never leaves a half-written report in place, and only a folder that is an earlier verbale
//! report (or empty) is ever replaced.

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// The file that marks a folder as a verbale report (only such folders are ever replaced, and
/// folder walks never read one).
pub const MARKER: &str = crate::corpus::REPORT_MARKER;

/// The files of a report folder as its marker lists them: every file verbale wrote there.
/// A marker from before the list was kept says only "verbale report": then the files a report
/// always has count as verbale's.
fn listed(dir: &Path) -> Option<Vec<String>> {
    let text = std::fs::read_to_string(dir.join(MARKER)).ok()?;
    let mut lines = text.lines();
    if lines.next() != Some("verbale report") {
        return None;
    }
    let files: Vec<String> = lines.map(str::to_string).collect();
    if !files.is_empty() {
        return Some(files);
    }
    let mut known: Vec<String> = ["report.html", "report.md", "report.ipynb"]
        .map(String::from)
        .to_vec();
    for t in super::TABLES {
        known.push(format!("{t}.csv"));
        known.push(format!("{t}.parquet"));
    }
    for c in [
        "freq",
        "quotes",
        "cues",
        "keyness",
        "similarity",
        "dispersion",
    ] {
        known.push(format!("{c}.png"));
    }
    Some(known)
}

/// Checks that `dir` may receive a report: it does not exist yet, or it is empty, or it is an
/// earlier verbale report holding only files verbale wrote there (as its marker lists them);
/// it holds none of the `inputs` and is not the current folder or one of its parents.
pub fn check_target(dir: &Path, inputs: &[PathBuf]) -> Result<()> {
    let refuse = |why: &str| {
        Error::Invalid(format!(
            "{}: {why}; choose another output folder",
            crate::error::shown(dir)
        ))
    };
    if !crate::out::check_folder_target(dir, inputs)? {
        return Ok(());
    }
    let entries: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| Error::Read {
            path: dir.to_path_buf(),
            source: e,
        })?
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    if entries.is_empty() {
        return Ok(());
    }
    let Some(ours) = listed(dir) else {
        return Err(refuse(
            "exists and is not a verbale report folder; refusing to replace it",
        ));
    };
    let mut foreign: Vec<&str> = entries
        .iter()
        .filter(|e| e.as_str() != MARKER && !ours.contains(e))
        .map(String::as_str)
        .collect();
    if !foreign.is_empty() {
        foreign.sort_unstable();
        foreign.truncate(5);
        return Err(Error::Invalid(format!(
            "{}: holds files verbale did not write ({}); move them out or choose another output folder",
            crate::error::shown(dir),
            foreign.join(", ")
        )));
    }
    Ok(())
}
/// Builds a report folder at `dir` with `fill` (which writes into the folder it is given) in a
/// temporary sibling, then swaps it in for the old one; on failure nothing is left behind.
/// The folder's parent is resolved first (links and `..`), so every step works in one real
/// folder; the swap holds a lock on it, so two reports written to one folder at once each
/// land whole, one after the other; folders left by interrupted runs are removed.
pub(super) fn replace(
    dir: &Path,
    inputs: &[PathBuf],
    step: &(dyn Fn(&str) + Sync),
    fill: impl FnOnce(&Path) -> Result<()>,
) -> Result<()> {
    let werr = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Write { path, source }
    };
    let Some(base) = dir.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return Err(Error::Invalid(format!(
            "{}: give the report folder a name (not `.` or `..`)",
            crate::error::shown(dir)
        )));
    };
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(werr(&parent))?;
    let parent = parent.canonicalize().map_err(werr(&parent))?;
    let dir = parent.join(&base);
    check_target(&dir, inputs)?;
    remove_leftovers(&parent, &base);
    let pid = std::process::id();
    let tmp = parent.join(format!(".{base}.tmp-{pid}"));
    let _ = std::fs::remove_dir_all(&tmp);
    let unfinished = crate::out::Unfinished::new(&tmp);
    std::fs::create_dir(&tmp).map_err(werr(&tmp))?;
    let result = write_marker(&tmp)
        .and_then(|_| fill(&tmp))
        .and_then(|_| write_marker(&tmp));
    if let Err(e) = result {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(e);
    }
    step("replacing the old report");
    // The swap is two renames: an interrupt waits for it (`finish`), so it never removes the
    // new report while the old one is set aside.
    let old = parent.join(format!(".{base}.old-{pid}"));
    let had_old = unfinished.finish(|| {
        let _lock = lock(&parent);
        // Again under the lock: another run may have written the folder meanwhile.
        if let Err(e) = check_target(&dir, inputs) {
            let _ = std::fs::remove_dir_all(&tmp);
            return Err(e);
        }
        let had_old = dir.exists();
        if had_old {
            if let Err(e) = std::fs::rename(&dir, &old) {
                let _ = std::fs::remove_dir_all(&tmp);
                return Err(werr(&dir)(e));
            }
        }
        if let Err(e) = std::fs::rename(&tmp, &dir) {
            if had_old {
                let _ = std::fs::rename(&old, &dir);
            }
            let _ = std::fs::remove_dir_all(&tmp);
            return Err(werr(&dir)(e));
        }
        Ok(had_old)
    })?;
    // The old report, set aside, goes once the new one is in place: an interrupt meanwhile
    // removes the rest of it, and a run killed meanwhile leaves it with its marker, which the
    // next run's clearing looks for.
    if had_old {
        let _removing = crate::out::Unfinished::set_aside(&old);
        remove_marked_last(&old);
    }
    Ok(())
}

/// Removes report folder `dir`, its marker last, so that a folder cut halfway is still known
/// for a report's ([`remove_leftovers`]); if anything else in it could not be removed, the
/// marker stays with it for the next run.
fn remove_marked_last(dir: &Path) {
    let mut all_gone = true;
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        if e.file_name() == MARKER {
            continue;
        }
        let p = e.path();
        let gone = if p.is_dir() {
            std::fs::remove_dir_all(&p)
        } else {
            std::fs::remove_file(&p)
        };
        all_gone &= gone.is_ok();
    }
    if all_gone {
        let _ = std::fs::remove_dir_all(dir);
    }
}

/// Writes the marker: "verbale report", then every file of the folder but the marker.
fn write_marker(dir: &Path) -> Result<()> {
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| Error::Write {
            path: dir.to_path_buf(),
            source: e,
        })?
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != MARKER)
        .collect();
    files.sort();
    let mut text = String::from("verbale report\n");
    for f in files {
        text.push_str(&f);
        text.push('\n');
    }
    let path = dir.join(MARKER);
    std::fs::write(&path, text).map_err(|e| Error::Write { path, source: e })
}

/// An exclusive lock on a folder, held while the value lives (none where folders cannot be
/// locked: the swap is then as safe as the file system's renames).
fn lock(dir: &Path) -> Option<std::fs::File> {
    let f = std::fs::File::open(dir).ok()?;
    f.lock().ok()?;
    Some(f)
}

/// Removes the temporary and set-aside folders of report `base` that interrupted runs left in
/// `parent`: `.BASE.tmp-PID` and `.BASE.old-PID` folders holding a report marker, whose process
/// is gone (or, where that cannot be told, a day old).
fn remove_leftovers(parent: &Path, base: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let pid = [".tmp-", ".old-"].iter().find_map(|kind| {
            name.strip_prefix(&format!(".{base}{kind}"))?
                .parse::<u32>()
                .ok()
        });
        let Some(pid) = pid else { continue };
        let path = e.path();
        if pid == std::process::id() || !path.join(MARKER).is_file() {
            continue;
        }
        if crate::out::left_by_gone_process(pid, &e) {
            let _ = std::fs::remove_dir_all(&path);
        }
    }
}
