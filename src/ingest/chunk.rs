//! Cutting a CSV byte stream into large chunks at *proven* record starts, so that the
//! chunks can be parsed on several threads and still give exactly the records of a
//! sequential read.
//!
//! A cut is only made right after a record terminator (`\n`, or `\r` in a file without
//! `\n`) that lies outside quotes. Whether a byte lies inside quotes depends on every
//! byte before it, so the chunker follows the quoting from the first byte of the stream
//! to the cut — jumping from one `"` to the next with `memchr`, which costs little because
//! quotes are rare. The rules are csv-core's (`csv_core::Reader`, the default settings):
//! a `"` opens a quoted field only at the start of a field (at the start of a record or
//! right after the delimiter); inside, `""` is a literal quote and a single `"` closes
//! the field; a `"` anywhere else is an ordinary byte. So a quoted field holding line
//! breaks is never split, and every chunk starts in the parser's start state.
//!
//! Each chunk also carries the physical line (1-based, counting `\n`) of its first byte.

use std::io::Read;

/// Bytes read per chunk (a chunk ends at the last record start in the block). Small
/// enough that the chunks in flight between the reader and the workers cost a few MB,
/// large enough that handing one over costs nothing next to parsing it.
pub const CHUNK_BYTES: usize = 1 << 20;

/// A run of whole records.
#[derive(Debug, Default)]
pub struct Chunk {
    /// The bytes: whole records; only the last chunk of a stream may end without a
    /// terminator.
    pub bytes: Vec<u8>,
    /// Physical line of the first byte (1-based).
    pub first_line: u64,
    /// Position of the chunk in the stream (0, 1, 2, …).
    pub seq: u64,
    /// Byte offset of the chunk in the stream.
    pub offset: u64,
}

/// Reads a stream and hands out [`Chunk`]s.
pub struct Chunker<R> {
    src: R,
    delimiter: u8,
    target: usize,
    /// Bytes read after the last cut (the start of the next chunk).
    carry: Vec<u8>,
    line: u64,
    seq: u64,
    offset: u64,
    eof: bool,
}

impl<R: Read> Chunker<R> {
    /// A chunker over `src` (which must start at a record start, e.g. the start of a
    /// file after its BOM) for fields separated by `delimiter`.
    pub fn new(src: R, delimiter: u8) -> Self {
        Self::with_target(src, delimiter, CHUNK_BYTES)
    }

    /// Like [`Chunker::new`] with chunks of about `target` bytes (tests use small ones).
    pub fn with_target(src: R, delimiter: u8, target: usize) -> Self {
        Chunker {
            src,
            delimiter,
            target: target.max(1),
            carry: Vec::new(),
            line: 1,
            seq: 0,
            offset: 0,
            eof: false,
        }
    }

    /// The next chunk, reusing `buf`'s allocation; `None` at the end of the stream.
    pub fn next_chunk(&mut self, mut buf: Vec<u8>) -> std::io::Result<Option<Chunk>> {
        buf.clear();
        buf.append(&mut self.carry);
        let mut target = self.target;
        loop {
            if !self.eof && buf.len() < target {
                let want = target - buf.len();
                // Exactly the room needed: `read_to_end` would otherwise double the
                // buffer when it fills, and chunks in flight are what the memory holds.
                buf.reserve_exact(want);
                let want = want as u64;
                let got = (&mut self.src).take(want).read_to_end(&mut buf)?;
                self.eof = got == 0;
                if !self.eof {
                    continue;
                }
            }
            if buf.is_empty() {
                return Ok(None);
            }
            let cut = if self.eof {
                Some(buf.len())
            } else {
                last_record_start(&buf, self.delimiter)
            };
            match cut {
                Some(cut) => return Ok(Some(self.emit(buf, cut))),
                // No record ends in the block: it is all one record (the block starts
                // at a record start). Past the record limit, stop; else read more.
                None if buf.len() > super::limits::MAX_RECORD_BYTES => {
                    let long = super::limits::RecordTooLong { line: self.line };
                    return Err(std::io::Error::other(long));
                }
                None => target = target.saturating_mul(2),
            }
        }
    }

    fn emit(&mut self, mut bytes: Vec<u8>, cut: usize) -> Chunk {
        self.carry.extend_from_slice(&bytes[cut..]);
        bytes.truncate(cut);
        let chunk = Chunk {
            first_line: self.line,
            seq: self.seq,
            offset: self.offset,
            bytes,
        };
        self.line += count_newlines(&chunk.bytes);
        self.seq += 1;
        self.offset += cut as u64;
        chunk
    }
}

/// Number of `\n` bytes.
pub fn count_newlines(bytes: &[u8]) -> u64 {
    memchr::memchr_iter(b'\n', bytes).count() as u64
}

/// The offset just after the last terminator outside quotes in `buf` (which starts at a
/// record start), preferring `\n`; `None` when there is none.
pub fn last_record_start(buf: &[u8], delimiter: u8) -> Option<usize> {
    let mut last_nl = None;
    let mut last_cr = None;
    let mut note = |region: &[u8], base: usize| {
        if let Some(i) = memchr::memrchr(b'\n', region) {
            last_nl = Some(base + i + 1);
        }
        if let Some(i) = memchr::memrchr(b'\r', region) {
            last_cr = Some(base + i + 1);
        }
    };
    let mut pos = 0;
    loop {
        // Outside quotes: up to the next quote that opens a field.
        let Some(open) = next_opening_quote(buf, pos, delimiter) else {
            note(&buf[pos..], pos);
            break;
        };
        note(&buf[pos..open], pos);
        // Inside quotes: to the closing quote (`""` stays inside).
        match closing_quote(buf, open + 1) {
            Some(close) => pos = close + 1,
            None => break,
        }
    }
    last_nl.or(last_cr)
}

/// The position of the next `"` at or after `pos` that starts a quoted field.
fn next_opening_quote(buf: &[u8], mut pos: usize, delimiter: u8) -> Option<usize> {
    while let Some(i) = memchr::memchr(b'"', &buf[pos..]) {
        let q = pos + i;
        if q == 0 || matches!(buf[q - 1], b'\n' | b'\r') || buf[q - 1] == delimiter {
            return Some(q);
        }
        pos = q + 1;
    }
    None
}

/// The position of the `"` that closes a quoted field whose content starts at `pos`.
fn closing_quote(buf: &[u8], mut pos: usize) -> Option<usize> {
    loop {
        let q = pos + memchr::memchr(b'"', &buf[pos..])?;
        if buf.get(q + 1) == Some(&b'"') {
            pos = q + 2;
        } else if q + 1 == buf.len() {
            // The next byte decides (`""` or not): treat the field as still open.
            return None;
        } else {
            return Some(q);
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The records of `bytes` as the csv crate reads them, with the line each starts on
    /// (physical, counting `\n` before the first byte of the record).
    pub(crate) fn csv_records(bytes: &[u8]) -> Vec<Vec<Vec<u8>>> {
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(bytes);
        rdr.byte_records()
            .map(|r| r.unwrap().iter().map(<[u8]>::to_vec).collect())
            .collect()
    }

    fn chunks(bytes: &[u8], target: usize) -> Vec<Chunk> {
        let mut c = Chunker::with_target(bytes, b',', target);
        let mut out = Vec::new();
        while let Some(chunk) = c.next_chunk(Vec::new()).unwrap() {
            out.push(chunk);
        }
        out
    }

    /// Random CSV-ish bytes rich in quotes, delimiters and line ends.
    pub(crate) fn random_csv(rng: &mut crate::sample::Rng, len: usize) -> Vec<u8> {
        const ALPHABET: &[u8] = b"ab,,\"\"\n\n\r \xe4\xb8\xad";
        (0..len)
            .map(|_| ALPHABET[(rng.next_u64() % ALPHABET.len() as u64) as usize])
            .collect()
    }

    // Whatever the cut points, the chunks hold exactly the records of a sequential read,
    // and each chunk's first line is the count of `\n` before it plus one.
    #[test]
    fn chunks_hold_the_same_records() {
        let mut rng = crate::sample::Rng::new(7);
        for case in 0..200 {
            let bytes = random_csv(&mut rng, 1 + case % 97 * 3);
            let whole = csv_records(&bytes);
            for target in [1, 2, 5, 16, 1000] {
                let parts = chunks(&bytes, target);
                let mut joined = Vec::new();
                let mut offset = 0;
                for c in &parts {
                    assert_eq!(c.first_line, 1 + count_newlines(&bytes[..offset]));
                    assert_eq!(c.offset as usize, offset);
                    offset += c.bytes.len();
                    joined.extend(csv_records(&c.bytes));
                }
                assert_eq!(offset, bytes.len());
                assert_eq!(joined, whole, "case {case} target {target}: {bytes:?}");
            }
        }
    }

    // A quoted field with line breaks is never split, whatever the block size.
    #[test]
    fn quoted_line_breaks_stay_whole() {
        let bytes = b"id,note\n1,\"a\nb\n\"\"c\"\"\n\"\n2,x\n";
        for target in 1..bytes.len() {
            for c in chunks(bytes, target) {
                let text = String::from_utf8_lossy(&c.bytes).to_string();
                assert!(
                    !text.starts_with("b\n") && !text.starts_with("\"c"),
                    "{text:?}"
                );
            }
        }
    }
}
