//! Bytes set aside in an unnamed temporary file while a run reads its corpus ([`Spill`]): what
//! a run keeps for every document but reads only at its end stays out of memory.

use crate::error::Result;
use std::fs::File;
#[cfg(not(unix))]
use std::io::Read;
use std::io::{Seek, SeekFrom, Write};
use std::sync::Mutex;

/// An unnamed temporary file (removed by the system when the run ends, however it ends) that
/// workers append to and a later stage reads back. The file's pages are the system's cache,
/// not the run's memory, so what is set aside does not grow the run's peak (unless `TMPDIR` is
/// on a memory file system, a tmpfs, where they are memory still, outside the run's).
#[derive(Debug)]
pub struct Spill {
    file: Mutex<(File, u64)>,
    /// The same file, read at a position without the lock (on Unix): passes on several threads
    /// read back what was set aside side by side.
    #[cfg(unix)]
    reader: File,
}

/// Where bytes were set aside: their offset and length in the file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Spilled {
    at: u64,
    len: u32,
}

impl Spill {
    /// A new temporary file, in the system's temporary folder (`TMPDIR`).
    pub fn new() -> Result<Spill> {
        let file = tempfile::tempfile()?;
        Ok(Spill {
            #[cfg(unix)]
            reader: file.try_clone()?,
            file: Mutex::new((file, 0)),
        })
    }

    /// Appends `bytes` (at most 4 GiB); `None` when the file could not take them (the disk is
    /// full), so that the caller keeps them in memory instead.
    pub fn put(&self, bytes: &[u8]) -> Option<Spilled> {
        let len = u32::try_from(bytes.len()).ok()?;
        let mut g = self.file.lock().ok()?;
        let (file, end) = &mut *g;
        file.seek(SeekFrom::Start(*end)).ok()?;
        if file.write_all(bytes).is_err() {
            // What was partly written is overwritten by the next put.
            return None;
        }
        let at = *end;
        *end += u64::from(len);
        Some(Spilled { at, len })
    }

    /// The bytes set aside at `s`.
    pub fn get(&self, s: Spilled) -> Result<Vec<u8>> {
        let mut out = vec![0; s.len as usize];
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileExt;
            self.reader.read_exact_at(&mut out, s.at)?;
            Ok(out)
        }
        #[cfg(not(unix))]
        {
            let mut g = self
                .file
                .lock()
                .map_err(|_| crate::error::Error::Invalid("a worker failed".into()))?;
            let (file, _) = &mut *g;
            file.seek(SeekFrom::Start(s.at))?;
            file.read_exact(&mut out)?;
            Ok(out)
        }
    }
}

/// The first failure to read back what was set aside: a pass that meets one goes on with
/// nothing for that document, and the run reports it once the pass is over ([`Failures::check`]),
/// so that readers running in parallel need not return errors per document.
#[derive(Debug, Clone, Default)]
pub struct Failures(std::sync::Arc<Mutex<Option<String>>>);

impl Failures {
    /// The bytes set aside at `at` in `spill`; `None`, and the failure kept, when they cannot
    /// be read back (or there is no file).
    pub fn read(&self, spill: Option<&Spill>, at: Spilled) -> Option<Vec<u8>> {
        let got = spill
            .ok_or_else(|| "the temporary file is gone".to_string())
            .and_then(|s| s.get(at).map_err(|e| e.to_string()));
        got.map_err(|why| self.note(why)).ok()
    }

    /// Keeps `why`, unless a failure was kept before.
    pub fn note(&self, why: String) {
        let mut f = self.0.lock().unwrap_or_else(|e| e.into_inner());
        f.get_or_insert(why);
    }

    /// An error naming `what` (the words, the counts) when some read failed.
    pub fn check(&self, what: &'static str) -> Result<()> {
        match &*self.0.lock().unwrap_or_else(|e| e.into_inner()) {
            None => Ok(()),
            Some(why) => Err(crate::error::Error::SetAside {
                what,
                why: why.clone(),
            }),
        }
    }
}

/// Appends `s` to `out` with its length before it (four bytes, little-endian).
pub fn put_str(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(&(s.len() as u32).to_le_bytes());
    out.extend_from_slice(s.as_bytes());
}

/// The next string [`put_str`] wrote in `b` from `*at`, moving `*at` past it; `None` when `b`
/// ends before it does or it is not UTF-8 (bytes that did not come from [`put_str`]).
pub fn take_str(b: &[u8], at: &mut usize) -> Option<String> {
    let len = u32::from_le_bytes(b.get(*at..*at + 4)?.try_into().ok()?) as usize;
    let s = b.get(*at + 4..*at + 4 + len)?;
    *at += 4 + len;
    String::from_utf8(s.to_vec()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_come_back_from_any_thread_in_any_order() {
        let spill = Spill::new().expect("a temporary file");
        let put: Vec<(usize, Spilled)> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..4)
                .map(|t| {
                    let spill = &spill;
                    s.spawn(move || {
                        (0..50)
                            .map(|i| {
                                let n = t * 50 + i;
                                (n, spill.put(&vec![n as u8; n]).expect("room"))
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap())
                .collect()
        });
        assert_eq!(put.len(), 200);
        for &(n, at) in put.iter().rev() {
            assert_eq!(spill.get(at).unwrap(), vec![n as u8; n]);
        }
    }

    #[test]
    fn strings_are_read_as_written_and_a_short_buffer_is_refused() {
        let mut b = Vec::new();
        for s in ["", "condemns", "la «paix»"] {
            put_str(&mut b, s);
        }
        let mut at = 0;
        let got: Vec<String> = std::iter::from_fn(|| take_str(&b, &mut at)).collect();
        assert_eq!(got, ["", "condemns", "la «paix»"]);
        assert_eq!(at, b.len());
        // Cut short by a byte: the first two strings still read, the last does not.
        let short = &b[..b.len() - 1];
        let mut at = 4;
        assert_eq!(take_str(short, &mut at).as_deref(), Some("condemns"));
        assert_eq!((take_str(short, &mut at), at), (None, 16));
    }
}
