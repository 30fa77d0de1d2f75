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

/// Appends `x` to `out` (four bytes, little-endian).
pub fn put_u32(out: &mut Vec<u8>, x: u32) {
    out.extend_from_slice(&x.to_le_bytes());
}

/// Appends `x` to `out` (eight bytes, little-endian).
pub fn put_u64(out: &mut Vec<u8>, x: u64) {
    out.extend_from_slice(&x.to_le_bytes());
}

/// Appends `s` to `out` with its length before it ([`put_u32`]).
pub fn put_str(out: &mut Vec<u8>, s: &str) {
    put_u32(out, s.len() as u32);
    out.extend_from_slice(s.as_bytes());
}

/// Reads back, in order, what [`put_u32`], [`put_u64`] and [`put_str`] wrote: each read is
/// `None` when the bytes end before it does (or a string is not UTF-8), bytes that did not
/// come from those writers.
pub struct Unput<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Unput<'a> {
    /// A reader of `b` from its start.
    pub fn new(b: &'a [u8]) -> Self {
        Unput { b, at: 0 }
    }

    /// The next `n` bytes.
    pub fn bytes(&mut self, n: usize) -> Option<&'a [u8]> {
        let s = self.b.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(s)
    }

    /// The next byte.
    pub fn u8(&mut self) -> Option<u8> {
        Some(self.bytes(1)?[0])
    }

    /// The next number [`put_u32`] wrote.
    pub fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.bytes(4)?.try_into().ok()?))
    }

    /// The next number [`put_u64`] wrote.
    pub fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.bytes(8)?.try_into().ok()?))
    }

    /// The next string [`put_str`] wrote.
    pub fn str(&mut self) -> Option<String> {
        let n = self.u32()? as usize;
        String::from_utf8(self.bytes(n)?.to_vec()).ok()
    }

    /// Whether every byte was read.
    pub fn is_done(&self) -> bool {
        self.at == self.b.len()
    }
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
        put_u64(&mut b, u64::MAX - 1);
        let mut r = Unput::new(&b);
        let got: Vec<String> = std::iter::from_fn(|| r.str()).take(3).collect();
        assert_eq!(got, ["", "condemns", "la «paix»"]);
        assert_eq!((r.u64(), r.is_done()), (Some(u64::MAX - 1), true));
        assert_eq!(r.u8(), None);
        // Cut short by a byte: the first two strings still read, the last does not.
        let short = &b[..b.len() - 9];
        let mut r = Unput::new(short);
        assert_eq!(
            (r.str().as_deref(), r.str().as_deref()),
            (Some(""), Some("condemns"))
        );
        assert_eq!((r.str(), r.is_done()), (None, false));
    }
}
