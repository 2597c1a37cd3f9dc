//! Size limits on CSV input, so a broken or hostile file fails fast with bounded memory.
//!
//! The csv reader keeps a whole record in memory, so a file without line breaks (a
//! 400 MB header, an unclosed quote) would be read entirely before anything could be
//! said. [`Guard`] sits between the file and the csv reader and counts the bytes of the
//! current record as they stream by (tracking quotes, so a quoted field with line breaks
//! is still one record); past [`MAX_RECORD_BYTES`] it fails with the line where the
//! record started. Fields are checked against [`MAX_FIELD_BYTES`] after each record.

use std::io::Read;

/// Largest record (one row, with every field) delaybook reads: 1 MiB. A real export row
/// is a few hundred bytes to a few KiB.
pub const MAX_RECORD_BYTES: usize = 1024 * 1024;

/// Largest single field: 64 KiB (a buyer message or product title is far smaller).
pub const MAX_FIELD_BYTES: usize = 64 * 1024;

/// The error [`Guard`] returns (inside an `io::Error`) when a record is too long.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a record starting on line {line} is longer than {MAX_RECORD_BYTES} bytes")]
pub struct RecordTooLong {
    /// 1-based physical line where the record starts.
    pub line: u64,
}

/// A reader that fails once a record grows past [`MAX_RECORD_BYTES`].
pub struct Guard<R> {
    inner: R,
    in_quotes: bool,
    /// Bytes of the current record so far.
    record: usize,
    /// Physical lines seen (line breaks).
    lines: u64,
    /// Line on which the current record started (0-based count of breaks before it).
    record_line: u64,
    limit: usize,
}

impl<R: Read> Guard<R> {
    /// Wraps `inner` with the default limit.
    pub fn new(inner: R) -> Self {
        Self::with_limit(inner, MAX_RECORD_BYTES)
    }

    /// Wraps `inner` with a record limit of `limit` bytes.
    pub fn with_limit(inner: R, limit: usize) -> Self {
        Guard {
            inner,
            in_quotes: false,
            record: 0,
            lines: 0,
            record_line: 0,
            limit,
        }
    }

    fn scan(&mut self, chunk: &[u8]) -> Result<(), RecordTooLong> {
        let mut at = 0;
        while let Some(i) = memchr::memchr2(b'"', b'\n', &chunk[at..]) {
            let pos = at + i;
            self.record += i + 1;
            // Checked before a line break ends the record, so a record that grows past
            // the limit in its last chunk is caught too.
            self.check()?;
            if chunk[pos] == b'"' {
                self.in_quotes = !self.in_quotes;
            } else {
                self.lines += 1;
                if !self.in_quotes {
                    self.record = 0;
                    self.record_line = self.lines;
                }
            }
            at = pos + 1;
        }
        self.record += chunk.len() - at;
        self.check()
    }

    fn check(&self) -> Result<(), RecordTooLong> {
        if self.record > self.limit {
            Err(RecordTooLong {
                line: self.record_line + 1,
            })
        } else {
            Ok(())
        }
    }
}

impl<R: Read> Read for Guard<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.scan(&buf[..n]).map_err(std::io::Error::other)?;
        Ok(n)
    }
}

/// The too-long record behind a csv error, if that is what it is.
pub fn too_long(e: &csv::Error) -> Option<RecordTooLong> {
    match e.kind() {
        csv::ErrorKind::Io(io) => io
            .get_ref()
            .and_then(|inner| inner.downcast_ref::<RecordTooLong>())
            .copied(),
        _ => None,
    }
}

/// The 0-based index of the first field longer than [`MAX_FIELD_BYTES`].
pub fn oversized_field(rec: &csv::ByteRecord) -> Option<usize> {
    if rec.as_slice().len() <= MAX_FIELD_BYTES {
        return None;
    }
    rec.iter().position(|f| f.len() > MAX_FIELD_BYTES)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(data: &[u8], limit: usize) -> Result<Vec<u8>, RecordTooLong> {
        let mut g = Guard::with_limit(data, limit);
        let mut out = Vec::new();
        let mut buf = [0u8; 7];
        loop {
            match g.read(&mut buf) {
                Ok(0) => return Ok(out),
                Ok(n) => out.extend_from_slice(&buf[..n]),
                Err(e) => return Err(*e.get_ref().unwrap().downcast_ref().unwrap()),
            }
        }
    }

    // Short records pass; a record past the limit fails with the line it started on,
    // even when its length comes from line breaks inside quotes.
    #[test]
    fn limits_record_length_across_quoted_line_breaks() {
        assert!(read_all(b"a,b\n1,2\n", 8).is_ok());
        assert_eq!(
            read_all(b"a,b\n1,\"x\nyyyyyyyyyy\"\n", 8),
            Err(RecordTooLong { line: 2 })
        );
        assert_eq!(
            read_all(b"aaaaaaaaaaaaaaaaaaaa", 8),
            Err(RecordTooLong { line: 1 })
        );
        // Doubled quotes inside a quoted field keep the state right.
        assert!(read_all(b"\"a\"\"b\"\nc\nd\n", 8).is_ok());
        // A record that passes the limit in the chunk where it ends is caught too.
        assert_eq!(
            read_all(b"ab\nccccccccccc\n", 8),
            Err(RecordTooLong { line: 2 })
        );
    }
}
