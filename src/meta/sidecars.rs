//! The fields `verbale extract -o DIR` wrote beside each text it extracted (`ID.meta.tsv`),
//! read back with the texts.

use super::{columns_of, Column};
use crate::corpus::Found;
use std::path::{Path, PathBuf};

/// Fields that `verbale extract -o DIR` wrote beside each text it extracted: `ID.meta.tsv`
/// (`field`, `value` rows) beside `ID.txt`, so that the texts read back keep the title, date
/// and UN header of the PDF, Word file or web page they came from.
pub(super) fn extracted(files: &Found) -> Vec<Column> {
    use rayon::prelude::*;
    // The listings of the folders of many texts say which of those have such a file beside
    // them: one listing instead of a look-up per text (3,473 on UNGD, all of them missing).
    let (listed, sides) = side_files(files);
    let found: Vec<Option<Vec<(String, String)>>> = files
        .par_iter()
        .map(|(_, path)| {
            let p = path.as_deref()?;
            let stem = p.to_str()?.strip_suffix(".txt")?;
            let side = format!("{stem}.meta.tsv");
            let in_listed = p.parent().is_some_and(|d| listed.contains(d));
            if in_listed && !sides.contains(Path::new(&side)) {
                return None;
            }
            // A regular file only: a named pipe would wait for its writer.
            std::fs::metadata(&side).ok().filter(|m| m.is_file())?;
            let text = std::fs::read_to_string(side).ok()?;
            let mut lines = text.lines();
            (lines.next()? == "field\tvalue").then_some(())?;
            Some(
                lines
                    .filter_map(|l| l.split_once('\t'))
                    .filter(|(k, v)| !k.is_empty() && !v.is_empty())
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect(),
            )
        })
        .collect();
    columns_of(found)
}

/// The folders holding at least [`LISTED_FROM`] of `files`' texts, and the `*.meta.tsv` files
/// in them (a folder that cannot be listed is left out: its texts are looked up one by one).
fn side_files(files: &Found) -> (ahash::AHashSet<&Path>, ahash::AHashSet<PathBuf>) {
    let mut texts: ahash::AHashMap<&Path, usize> = ahash::AHashMap::new();
    for dir in files.iter().filter_map(|(_, p)| p.as_deref()?.parent()) {
        *texts.entry(dir).or_default() += 1;
    }
    let (mut listed, mut sides) = (ahash::AHashSet::new(), ahash::AHashSet::new());
    for (dir, _) in texts.into_iter().filter(|&(_, n)| n >= LISTED_FROM) {
        // A text named alone (`AFG.txt`) is in the working folder.
        let at = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        let Ok(entries) = std::fs::read_dir(at) else {
            continue;
        };
        let names = entries.flatten().map(|e| e.file_name());
        sides.extend(
            names
                .filter(|n| n.to_str().is_some_and(|s| s.ends_with(".meta.tsv")))
                .map(|n| dir.join(n)),
        );
        listed.insert(dir);
    }
    (listed, sides)
}

/// Texts of one folder from which the folder is listed for their sidecars rather than each
/// looked up: a few texts named from a large folder cost a few look-ups, not its listing.
const LISTED_FROM: usize = 16;
