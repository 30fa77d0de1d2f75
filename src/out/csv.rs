//! CSV and TSV cells written straight from counts, for tables too long to build as a frame
//! first (a corpus's document-term rows): the cells come out as polars' CSV writer writes
//! them (a text cell quoted only when it holds the separator, a line break or a quote, an
//! empty one as `""`; integers as they are; floats in the shortest form that reads back, by the
//! same `zmij` polars uses), with the same spreadsheet guard ([`super::guard_cells`]).

use super::Format;

/// How the cells of one table are written.
#[derive(Debug, Clone, Copy)]
pub struct Cells {
    sep: u8,
    guard: bool,
}

impl Cells {
    /// Cells of `format` (CSV or TSV; anything else is CSV); `raw` leaves formula-like text as
    /// it is.
    pub fn new(format: Format, raw: bool) -> Cells {
        Cells {
            sep: if format == Format::Tsv { b'\t' } else { b',' },
            guard: !raw,
        }
    }

    /// A text cell.
    pub fn text(&self, buf: &mut Vec<u8>, s: &str) {
        if self.guard && super::risky(s) {
            let guarded = format!("'{s}");
            return self.quoted(buf, &guarded);
        }
        self.quoted(buf, s)
    }

    fn quoted(&self, buf: &mut Vec<u8>, s: &str) {
        if s.is_empty() {
            buf.extend_from_slice(b"\"\"");
            return;
        }
        let b = s.as_bytes();
        let wrap = memchr::memchr3(self.sep, b'\n', b'\r', b).is_some();
        let quotes = memchr::memchr(b'"', b).is_some();
        if !wrap && !quotes {
            buf.extend_from_slice(b);
            return;
        }
        buf.push(b'"');
        for &c in b {
            if c == b'"' {
                buf.push(b'"');
            }
            buf.push(c);
        }
        buf.push(b'"');
    }

    /// An unsigned integer cell.
    pub fn uint(&self, buf: &mut Vec<u8>, v: u64) {
        buf.extend_from_slice(itoa::Buffer::new().format(v).as_bytes());
    }

    /// A float cell.
    pub fn float(&self, buf: &mut Vec<u8>, v: f64) {
        buf.extend_from_slice(zmij::Buffer::new().format(v).as_bytes());
    }

    /// The separator between two cells.
    pub fn sep(&self, buf: &mut Vec<u8>) {
        buf.push(self.sep);
    }

    /// A header row of `names`.
    pub fn header(&self, buf: &mut Vec<u8>, names: &[&str]) {
        for (i, n) in names.iter().enumerate() {
            if i > 0 {
                self.sep(buf);
            }
            self.quoted(buf, n);
        }
        buf.push(b'\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_as_polars_writes_them() {
        let c = Cells::new(Format::Csv, false);
        let mut b = Vec::new();
        for s in ["plain", "a,b", "say \"no\"", "", "=SUM(A1)", "line\nbreak"] {
            c.text(&mut b, s);
            c.sep(&mut b);
        }
        c.uint(&mut b, 139);
        c.sep(&mut b);
        c.float(&mut b, 961.2724757952974);
        c.sep(&mut b);
        c.float(&mut b, 0.0);
        assert_eq!(
            String::from_utf8(b).unwrap(),
            "plain,\"a,b\",\"say \"\"no\"\"\",\"\",'=SUM(A1),\"line\nbreak\",139,961.2724757952974,0.0"
        );
        let t = Cells::new(Format::Tsv, true);
        let mut b = Vec::new();
        t.text(&mut b, "a,b");
        t.sep(&mut b);
        t.text(&mut b, "-1");
        assert_eq!(String::from_utf8(b).unwrap(), "a,b\t-1");
    }
}
