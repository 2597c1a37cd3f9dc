//! Splitting a chunk of CSV bytes (see [`super::chunk`]) into records and fields
//! without copying: a field is a range of the chunk.
//!
//! Records without quotes — nearly all of them in real exports — go through a tight
//! loop over the bytes. A record with a field that starts with `"` is handed whole to
//! `csv_core::Reader`, the state machine of the `csv` crate, which unescapes it into a
//! scratch buffer; so quoting follows the csv crate exactly. Both follow csv-core's
//! default rules: `\n`, `\r` and `\r\n` end a record, empty lines are skipped, rows may
//! have any number of fields. The physical line of each record (1-based, counting `\n`
//! before its first byte) is tracked on the way.

/// Byte classes of the fast loop.
const PLAIN: u8 = 0;
const DELIM: u8 = 1;
const TERM: u8 = 2;
const QUOTE: u8 = 3;

/// `0x01` in every byte.
const ONES: u64 = u64::from_ne_bytes([1; 8]);

/// The high bit of every byte of `v` that is zero (exact: no carry crosses bytes).
fn zero_bytes(v: u64) -> u64 {
    let low7 = ONES * 0x7F;
    !(((v & low7).wrapping_add(low7)) | v | low7)
}

/// What a special byte means while a record is split.
enum Step {
    /// Keep going.
    Go,
    /// The record ends here.
    End,
    /// Enough fields: skip the rest of the record.
    Skip,
    /// A field starts with a quote: csv-core reads the record.
    Quoted,
}

/// Splits records; keeps its buffers between records.
pub struct Tokenizer {
    class: [u8; 256],
    /// The special bytes repeated in every byte of a word, for [`zero_bytes`].
    masks: [u64; 4],
    delimiter: u8,
    core: csv_core::Reader,
    spans: Vec<(usize, usize)>,
    scratch: Vec<u8>,
    ends: Vec<usize>,
}

/// One record: field `i` is `data[spans[i].0..spans[i].1]`.
#[derive(Debug, Clone, Copy)]
pub struct Record<'a> {
    /// The chunk, or the unescaped bytes of a quoted record.
    pub data: &'a [u8],
    /// Field ranges in `data`.
    pub spans: &'a [(usize, usize)],
    /// Physical line where the record starts.
    pub line: u64,
    /// True when the record went through csv-core (it had a quoted field).
    pub quoted: bool,
    /// Length of the record in the chunk, terminator excluded.
    pub raw_len: usize,
    /// Offset of the record in the chunk.
    pub start: usize,
    /// `data` as text, when it is known to be valid UTF-8 (a checked chunk, or the
    /// unescaped bytes of a quoted record).
    pub text: Option<&'a str>,
}

impl<'a> Record<'a> {
    /// Number of fields.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// True for a record without fields (never produced; for clippy's `len` rule).
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// Field `i`, if the record has it.
    pub fn get(&self, i: usize) -> Option<&'a [u8]> {
        let (a, b) = *self.spans.get(i)?;
        Some(&self.data[a..b])
    }

    /// The fields in order.
    pub fn iter(&self) -> impl Iterator<Item = &'a [u8]> + '_ {
        self.spans.iter().map(|&(a, b)| &self.data[a..b])
    }

    /// Field `i` as text (`Err` with its bytes when they are not valid UTF-8). Fields
    /// start and end at ASCII bytes, so slicing a checked text needs no new check.
    pub fn get_str(&self, i: usize) -> Option<Result<&'a str, &'a [u8]>> {
        let (a, b) = *self.spans.get(i)?;
        Some(match self.text.and_then(|t| t.get(a..b)) {
            Some(s) => Ok(s),
            None => std::str::from_utf8(&self.data[a..b]).map_err(|_| &self.data[a..b]),
        })
    }
}

impl Tokenizer {
    /// A tokenizer for fields separated by `delimiter`.
    pub fn new(delimiter: u8) -> Self {
        let mut class = [PLAIN; 256];
        class[usize::from(delimiter)] = DELIM;
        class[usize::from(b'\n')] = TERM;
        class[usize::from(b'\r')] = TERM;
        class[usize::from(b'"')] = QUOTE;
        Tokenizer {
            class,
            masks: [delimiter, b'\n', b'\r', b'"'].map(|b| ONES * u64::from(b)),
            delimiter,
            core: csv_core::ReaderBuilder::new().delimiter(delimiter).build(),
            spans: Vec::with_capacity(32),
            scratch: Vec::new(),
            ends: vec![0; 64],
        }
    }

    /// The next record of `chunk` from `*pos` (a record start), moving `*pos` past it
    /// and `*line` to the physical line at `*pos`; `None` when only line ends remain.
    /// The end of the chunk is taken as the end of a record (chunks hold whole records;
    /// only the last one of a stream may end without a terminator).
    pub fn next<'a>(
        &'a mut self,
        chunk: &'a [u8],
        pos: &mut usize,
        line: &mut u64,
    ) -> Option<Record<'a>> {
        self.next_prefix(chunk, pos, line, usize::MAX)
    }

    /// Like [`Tokenizer::next`], but splits only the first `fields` fields of a record
    /// and skips the rest of it (with `memchr`, unless a quoted field follows).
    pub fn next_prefix<'a>(
        &'a mut self,
        chunk: &'a [u8],
        pos: &mut usize,
        line: &mut u64,
        fields: usize,
    ) -> Option<Record<'a>> {
        let mut i = *pos;
        while i < chunk.len() && self.class[usize::from(chunk[i])] == TERM {
            *line += u64::from(chunk[i] == b'\n');
            i += 1;
        }
        if i == chunk.len() {
            *pos = i;
            return None;
        }
        let start = i;
        let record_line = *line;
        let Some(end) = self.split_plain(chunk, start, fields.max(1)) else {
            return Some(self.quoted(chunk, start, pos, line));
        };
        *pos = end;
        // Line breaks only occur inside quoted fields, which went through csv-core.
        Some(Record {
            data: chunk,
            spans: &self.spans,
            line: record_line,
            quoted: false,
            raw_len: end - start,
            start,
            text: None,
        })
    }

    /// The whole record that starts at `start` (found earlier by [`Tokenizer::next`] or
    /// [`Tokenizer::next_prefix`] on line `line`), with `text` as the chunk's text.
    pub fn record_at<'a>(
        &'a mut self,
        chunk: &'a [u8],
        start: usize,
        line: u64,
        text: Option<&'a str>,
    ) -> Record<'a> {
        let (mut pos, mut l) = (start, line);
        let mut rec = match self.split_plain(chunk, start, usize::MAX) {
            Some(end) => Record {
                data: chunk,
                spans: &self.spans,
                line,
                quoted: false,
                raw_len: end - start,
                start,
                text: None,
            },
            None => self.quoted(chunk, start, &mut pos, &mut l),
        };
        if !rec.quoted {
            rec.text = text;
        }
        rec
    }

    /// Splits the record at `start` into `spans` (at most `max` fields) and returns
    /// where it ends (its terminator, or the end of the chunk); `None` when a field
    /// that must be read starts with `"`. Eight bytes at a time: a mask marks every
    /// special byte of the word.
    fn split_plain(&mut self, chunk: &[u8], start: usize, max: usize) -> Option<usize> {
        self.spans.clear();
        let mut field = start;
        let mut base = start;
        while let Some(word) = chunk.get(base..base + 8) {
            let w = u64::from_le_bytes(word.try_into().unwrap_or_default());
            let mut hits = self.masks.iter().fold(0, |acc, &m| acc | zero_bytes(w ^ m));
            while hits != 0 {
                let i = base + (hits.trailing_zeros() / 8) as usize;
                hits &= hits - 1;
                match self.special(chunk[i], i, &mut field, max) {
                    Step::Go => {}
                    Step::End => return Some(i),
                    Step::Skip => return self.skip_rest(chunk, i + 1),
                    Step::Quoted => return None,
                }
            }
            base += 8;
        }
        for (i, &b) in chunk.iter().enumerate().skip(base) {
            if self.class[usize::from(b)] == PLAIN {
                continue;
            }
            match self.special(b, i, &mut field, max) {
                Step::Go => {}
                Step::End => return Some(i),
                Step::Skip => return self.skip_rest(chunk, i + 1),
                Step::Quoted => return None,
            }
        }
        self.spans.push((field, chunk.len()));
        Some(chunk.len())
    }

    /// What special byte `b` at `i` means for the record being split.
    fn special(&mut self, b: u8, i: usize, field: &mut usize, max: usize) -> Step {
        match self.class[usize::from(b)] {
            DELIM => {
                self.spans.push((*field, i));
                *field = i + 1;
                if self.spans.len() >= max {
                    Step::Skip
                } else {
                    Step::Go
                }
            }
            TERM => {
                self.spans.push((*field, i));
                Step::End
            }
            QUOTE if i == *field => Step::Quoted,
            _ => Step::Go,
        }
    }

    /// The end of the record whose unread part starts at field start `from`; `None`
    /// when a quoted field follows (the caller reads the record with csv-core).
    fn skip_rest(&self, chunk: &[u8], mut from: usize) -> Option<usize> {
        let mut field_start = from;
        loop {
            let Some(k) = memchr::memchr3(b'\n', b'\r', b'"', &chunk[from..]) else {
                return Some(chunk.len());
            };
            let i = from + k;
            if chunk[i] != b'"' {
                return Some(i);
            }
            // A quote opens a field only at its start: right after a delimiter.
            let opens = i == field_start || chunk[i - 1] == self.delimiter;
            if opens {
                return None;
            }
            from = i + 1;
            field_start = usize::MAX;
        }
    }

    /// Reads the record at `start` with csv-core.
    fn quoted<'a>(
        &'a mut self,
        chunk: &'a [u8],
        start: usize,
        pos: &mut usize,
        line: &mut u64,
    ) -> Record<'a> {
        use csv_core::ReadRecordResult as R;
        self.core.reset();
        let input = &chunk[start..];
        if self.scratch.len() < 4096 {
            self.scratch.resize(4096, 0);
        }
        let (mut nin, mut nout, mut nend) = (0, 0, 0);
        loop {
            let (res, i, o, e) = self.core.read_record(
                &input[nin..],
                &mut self.scratch[nout..],
                &mut self.ends[nend..],
            );
            nin += i;
            nout += o;
            nend += e;
            match res {
                R::OutputEndsFull => self.ends.resize(self.ends.len() * 2, 0),
                R::OutputFull => self.scratch.resize(self.scratch.len() * 2, 0),
                // All input used: the next call passes an empty slice, which csv-core
                // reads as the end of the stream (a chunk only ends inside a record at
                // the end of the stream).
                R::InputEmpty => {}
                R::Record | R::End => break,
            }
        }
        let record_line = *line;
        *line += super::chunk::count_newlines(&input[..nin]);
        *pos = start + nin;
        let raw_len = input[..nin]
            .iter()
            .rposition(|&b| b != b'\n' && b != b'\r')
            .map_or(0, |p| p + 1);
        self.spans.clear();
        let mut from = 0;
        for &end in &self.ends[..nend] {
            self.spans.push((from, end));
            from = end;
        }
        Record {
            data: &self.scratch,
            spans: &self.spans,
            line: record_line,
            quoted: true,
            raw_len,
            start,
            text: std::str::from_utf8(&self.scratch[..from]).ok(),
        }
    }

    /// The delimiter.
    pub fn delimiter(&self) -> u8 {
        self.delimiter
    }
}

#[cfg(test)]
mod tests {
    use super::super::chunk::tests::{csv_records, random_csv};
    use super::*;

    fn records(bytes: &[u8]) -> Vec<(u64, Vec<Vec<u8>>)> {
        let mut t = Tokenizer::new(b',');
        let (mut pos, mut line) = (0, 1);
        let mut out = Vec::new();
        while let Some(r) = t.next(bytes, &mut pos, &mut line) {
            out.push((r.line, r.iter().map(<[u8]>::to_vec).collect()));
        }
        out
    }

    /// The physical line of each record, found by a byte-by-byte replay of csv-core's
    /// rules: the line of the first byte that is not a line end at a record start.
    fn physical_lines(bytes: &[u8]) -> Vec<u64> {
        let mut rdr = csv_core::Reader::new();
        let mut out = vec![0u8; bytes.len() + 1];
        let mut ends = vec![0usize; bytes.len() + 1];
        let (mut pos, mut lines) = (0, Vec::new());
        loop {
            while pos < bytes.len() && matches!(bytes[pos], b'\n' | b'\r') {
                pos += 1;
            }
            let line = 1 + super::super::chunk::count_newlines(&bytes[..pos]);
            let (res, nin, _, _) = rdr.read_record(&bytes[pos..], &mut out, &mut ends);
            let eof = matches!(res, csv_core::ReadRecordResult::InputEmpty);
            let (res, _, _, _) = if eof {
                rdr.read_record(&[], &mut out, &mut ends)
            } else {
                (res, 0, 0, 0)
            };
            if matches!(res, csv_core::ReadRecordResult::End) {
                return lines;
            }
            lines.push(line);
            pos += nin;
            if eof {
                return lines;
            }
        }
    }

    // Same fields as the csv crate, and the physical line of each record, on random
    // bytes full of quotes, delimiters and every kind of line end.
    #[test]
    fn same_records_as_the_csv_crate() {
        let mut rng = crate::sample::Rng::new(11);
        for case in 0..3000 {
            let bytes = random_csv(&mut rng, case % 120);
            let ours = records(&bytes);
            let fields: Vec<Vec<Vec<u8>>> = ours.iter().map(|(_, f)| f.clone()).collect();
            assert_eq!(fields, csv_records(&bytes), "case {case}: {bytes:?}");
            let lines: Vec<u64> = ours.iter().map(|(l, _)| *l).collect();
            assert_eq!(lines, physical_lines(&bytes), "case {case}: {bytes:?}");
        }
    }

    // A prefix split gives the first fields and the same record boundaries and lines.
    #[test]
    fn prefix_split_agrees_with_full_split() {
        let mut rng = crate::sample::Rng::new(12);
        for case in 0..3000 {
            let bytes = random_csv(&mut rng, case % 120);
            let want: Vec<(u64, Vec<Vec<u8>>)> = records(&bytes)
                .into_iter()
                .map(|(l, f)| (l, f.into_iter().take(2).collect()))
                .collect();
            let mut t = Tokenizer::new(b',');
            let (mut pos, mut line) = (0, 1);
            let mut got = Vec::new();
            while let Some(r) = t.next_prefix(&bytes, &mut pos, &mut line, 2) {
                got.push((r.line, r.iter().take(2).map(<[u8]>::to_vec).collect()));
            }
            assert_eq!(got, want, "case {case}: {bytes:?}");
        }
    }

    // The common shapes, by hand.
    #[test]
    fn plain_quoted_crlf_and_empty_lines() {
        let got = records(b"a,b\r\n\r\n\"x\"\"y\",\"1\n2\"\nlast,");
        let want: Vec<(u64, Vec<Vec<u8>>)> = vec![
            (1, vec![b"a".to_vec(), b"b".to_vec()]),
            (3, vec![b"x\"y".to_vec(), b"1\n2".to_vec()]),
            (5, vec![b"last".to_vec(), Vec::new()]),
        ];
        assert_eq!(got, want);
    }
}
