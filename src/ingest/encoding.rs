//! Text encodings of CSV exports: UTF-8 with or without BOM, GB18030/GBK (what Chinese
//! Excel writes by default) and UTF-16 with a BOM (Excel's "Unicode text").
//!
//! `auto` decides from a BOM, else from a 64 KiB window: valid UTF-8 means UTF-8 and
//! anything else GB18030 (a superset of GBK). When the first 64 KiB are plain ASCII (an
//! English header and long ASCII rows), the window is taken at the first non-ASCII byte
//! instead, so GBK rows further down are not read as broken UTF-8. UTF-8 files are read
//! as they are (no transcoding cost); the others are transcoded to UTF-8 while
//! streaming. Bytes that are invalid in the chosen encoding are never replaced silently:
//! [`check_record`] finds them and the caller stops with their line and column.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

use crate::fsx::FsError;

/// The encoding a file is read with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 (a BOM, if present, is skipped).
    Utf8,
    /// GB18030, which includes GBK and GB2312.
    Gb18030,
    /// UTF-16 little-endian (with a BOM).
    Utf16Le,
    /// UTF-16 big-endian (with a BOM).
    Utf16Be,
}

impl Encoding {
    /// The name shown in messages.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Gb18030 => "GBK/GB18030",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
        }
    }

    fn decoder(self) -> Option<&'static encoding_rs::Encoding> {
        match self {
            Encoding::Utf8 => None,
            Encoding::Gb18030 => Some(encoding_rs::GB18030),
            Encoding::Utf16Le => Some(encoding_rs::UTF_16LE),
            Encoding::Utf16Be => Some(encoding_rs::UTF_16BE),
        }
    }
}

/// The `inputs.encoding` setting, parsed: `None` = auto-detect; an unknown name is
/// returned (shortened) as the error, for the caller's message.
pub fn setting(value: &str) -> Result<Option<Encoding>, String> {
    match value.trim().to_ascii_lowercase().as_str() {
        "" | "auto" => Ok(None),
        "utf-8" | "utf8" => Ok(Some(Encoding::Utf8)),
        "gb18030" | "gbk" | "gb2312" => Ok(Some(Encoding::Gb18030)),
        "utf-16" | "utf16" | "utf-16le" => Ok(Some(Encoding::Utf16Le)),
        "utf-16be" => Ok(Some(Encoding::Utf16Be)),
        other => Err(super::shown_value(other).into_owned()),
    }
}

/// The encoding announced by a byte-order mark, and the BOM's length.
pub fn bom(head: &[u8]) -> Option<(Encoding, u64)> {
    if head.starts_with(&[0xEF, 0xBB, 0xBF]) {
        Some((Encoding::Utf8, 3))
    } else if head.starts_with(&[0xFF, 0xFE]) {
        Some((Encoding::Utf16Le, 2))
    } else if head.starts_with(&[0xFE, 0xFF]) {
        Some((Encoding::Utf16Be, 2))
    } else {
        None
    }
}

/// Decides the encoding of a window of bytes without a BOM.
///
/// Valid UTF-8 is UTF-8. Invalid UTF-8 is GB18030 — unless the text before the first
/// invalid byte already holds Chinese in UTF-8 (two 3-byte characters): then the file
/// mixes encodings, and reading it as UTF-8 makes the check of every record stop at the
/// first bad bytes with their line and column, instead of decoding the UTF-8 part into
/// GBK mojibake without a word.
pub fn detect(window: &[u8]) -> Encoding {
    if let Some((enc, _)) = bom(window) {
        return enc;
    }
    match std::str::from_utf8(window) {
        Ok(_) => Encoding::Utf8,
        // A multi-byte character cut off at the end of the window is still UTF-8.
        Err(e) if e.error_len().is_none() => Encoding::Utf8,
        Err(e) if utf8_cjk_count(&window[..e.valid_up_to()]) >= 2 => Encoding::Utf8,
        Err(_) => Encoding::Gb18030,
    }
}

/// A whole file as text for showing lines of it (a diagnostic's code frame): decoded
/// the way the file is read (BOM, else UTF-8, else GB18030), so a line of a UTF-16 or
/// GBK export is shown as its text, not as mojibake. Bytes that do not decode become
/// U+FFFD (only in what is shown).
pub fn decode_for_display(bytes: &[u8]) -> String {
    let window = &bytes[..bytes.len().min(64 * 1024)];
    match detect(window).decoder() {
        None => String::from_utf8_lossy(bytes).into_owned(),
        Some(enc) => enc.decode(bytes).0.into_owned(),
    }
}

/// Number of 3-byte UTF-8 characters (CJK text) in valid UTF-8 `text`.
fn utf8_cjk_count(text: &[u8]) -> usize {
    text.iter().filter(|&&b| (0xE0..0xF0).contains(&b)).count()
}

/// Why a file cannot be decoded at all.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// Reading failed.
    #[error(transparent)]
    Fs(#[from] FsError),
    /// NUL bytes without a UTF-16 BOM: UTF-16 (or a binary file) that cannot be read.
    #[error("contains NUL bytes")]
    NulBytes,
    /// The file is a spreadsheet workbook (its kind, e.g. "xlsx"), not text.
    #[error("is an Excel workbook ({0})")]
    Workbook(&'static str),
}

/// The kind of spreadsheet workbook `head` starts like: `xlsx` (a ZIP container) or
/// `xls` (an OLE2 compound file). A CSV never starts with these bytes.
fn workbook_kind(head: &[u8]) -> Option<&'static str> {
    if head.starts_with(b"PK\x03\x04") {
        Some("xlsx")
    } else if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Some("xls")
    } else {
        None
    }
}

/// Counts bytes read, for the progress bar.
struct Counting<R> {
    inner: R,
    bar: Option<indicatif::ProgressBar>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if let Some(bar) = &self.bar {
            bar.inc(n as u64);
        }
        Ok(n)
    }
}

/// An opened file as a UTF-8 byte stream.
pub struct Opened {
    /// The bytes, transcoded to UTF-8 (BOM removed).
    pub reader: Box<dyn Read + Send>,
    /// The encoding the file is read with.
    pub encoding: Encoding,
    /// Whether the first line ends in CRLF.
    pub crlf: bool,
    /// The first line of the decoded text (at most 64 KiB), for delimiter sniffing.
    pub first_line: String,
}

const WINDOW: usize = 64 * 1024;

/// Opens `path` as a UTF-8 byte stream (BOM removed, other encodings transcoded).
pub fn open_utf8(
    path: &Path,
    forced: Option<Encoding>,
    bar: Option<indicatif::ProgressBar>,
) -> Result<Opened, OpenError> {
    let mut file = File::open(path).map_err(|e| FsError::new("cannot open", path, e))?;
    let head = read_up_to(&mut file, WINDOW).map_err(|e| FsError::new("cannot read", path, e))?;
    if let Some(kind) = workbook_kind(&head) {
        return Err(OpenError::Workbook(kind));
    }
    let bom = bom(&head);
    let enc = match (forced, bom) {
        (Some(f), _) => f,
        (None, Some((b, _))) => b,
        (None, None) if head.contains(&0) => return Err(OpenError::NulBytes),
        (None, None) if head.is_ascii() && head.len() == WINDOW => {
            detect_after_ascii(&mut file).map_err(|e| FsError::new("cannot read", path, e))?
        }
        (None, None) => detect(&head),
    };
    let skip = match bom {
        Some((b, len)) if b == enc => len,
        _ => 0,
    };
    file.seek(SeekFrom::Start(skip))
        .map_err(|e| FsError::new("cannot read", path, e))?;
    let first_line = first_line(&head[skip as usize..], enc);
    let crlf = first_line.ends_with('\r');
    let counted = Counting { inner: file, bar };
    let reader: Box<dyn Read + Send> = match enc.decoder() {
        None => Box::new(std::io::BufReader::with_capacity(256 * 1024, counted)),
        Some(decoder) => Box::new(
            encoding_rs_io::DecodeReaderBytesBuilder::new()
                .encoding(Some(decoder))
                .bom_sniffing(false)
                .build(counted),
        ),
    };
    Ok(Opened {
        reader,
        encoding: enc,
        crlf,
        first_line: first_line.trim_end_matches('\r').to_string(),
    })
}

fn read_up_to(file: &mut File, limit: usize) -> std::io::Result<Vec<u8>> {
    let mut head = vec![0u8; limit];
    let mut n = 0;
    while n < head.len() {
        let got = file.read(&mut head[n..])?;
        if got == 0 {
            break;
        }
        n += got;
    }
    head.truncate(n);
    Ok(head)
}

/// The first 64 KiB were ASCII: decide from a window starting at the first non-ASCII
/// byte further down (reading in 64 KiB chunks, so memory stays bounded).
fn detect_after_ascii(file: &mut File) -> std::io::Result<Encoding> {
    loop {
        let chunk = read_up_to(file, WINDOW)?;
        if chunk.is_empty() {
            return Ok(Encoding::Utf8);
        }
        if chunk.is_ascii() {
            continue;
        }
        if let Some(i) = chunk.iter().position(|b| !b.is_ascii()) {
            let mut window = chunk[i..].to_vec();
            window.extend(read_up_to(file, WINDOW - window.len().min(WINDOW))?);
            return Ok(detect(&window));
        }
    }
}

/// The first line of `head` decoded (lossily: only used to count delimiters).
fn first_line(head: &[u8], enc: Encoding) -> String {
    let text = match enc.decoder() {
        None => String::from_utf8_lossy(head).into_owned(),
        Some(d) => d.decode_without_bom_handling(head).0.into_owned(),
    };
    text.split('\n').next().unwrap_or("").to_string()
}

/// A byte sequence that is not valid in the file's encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BadBytes {
    /// 0-based field index in the record.
    pub field: usize,
    /// True when the text holds U+FFFD: bytes the encoding could not decode (or a
    /// character already lost by an earlier conversion).
    pub replacement: bool,
}

/// Checks one record (already transcoded to UTF-8) for bytes the encoding could not
/// decode: invalid UTF-8 in a UTF-8 file, and U+FFFD (left by the transcoder, or already
/// in the file from an earlier lossy conversion).
pub fn check_record(rec: &csv::ByteRecord, enc: Encoding) -> Result<(), BadBytes> {
    let bytes = rec.as_slice();
    // Plain ASCII (most records of most files) is valid everywhere and holds no U+FFFD.
    if bytes.is_ascii() {
        return Ok(());
    }
    let (offset, replacement) = match std::str::from_utf8(bytes) {
        Err(e) if enc == Encoding::Utf8 => (e.valid_up_to(), false),
        _ => match find_replacement(bytes) {
            None => return Ok(()),
            Some(at) => (at, true),
        },
    };
    let field = (0..rec.len())
        .find(|&i| rec.range(i).is_some_and(|r| r.end > offset))
        .unwrap_or(0);
    Err(BadBytes { field, replacement })
}

/// Offset of U+FFFD (`EF BF BD`) in `bytes` (runs for every record: a byte search for
/// the lead byte, then a look at the next two).
pub fn find_replacement(bytes: &[u8]) -> Option<usize> {
    memchr::memchr_iter(0xEF, bytes).find(|&i| bytes.get(i + 1..i + 3) == Some(&[0xBF, 0xBD]))
}

#[cfg(test)]
mod tests {
    use super::*;

    // GBK bytes are not valid UTF-8, so auto-detection picks GB18030.
    #[test]
    fn detects_gbk_and_utf8() {
        let (gbk, _, _) = encoding_rs::GBK.encode("订单号,商品编码");
        assert_eq!(detect(&gbk), Encoding::Gb18030);
        assert_eq!(detect("订单号".as_bytes()), Encoding::Utf8);
        assert_eq!(detect(b"\xEF\xBB\xBForder_id"), Encoding::Utf8);
        assert_eq!(detect(b"\xFF\xFEo\0"), Encoding::Utf16Le);
        // A character cut by the sample boundary is still UTF-8.
        assert_eq!(detect(&"订单".as_bytes()[..4]), Encoding::Utf8);
        // UTF-8 Chinese followed by GBK: a mixed file, read as UTF-8 so it fails loudly.
        let mut mixed = "订单号,商品\n".as_bytes().to_vec();
        mixed.extend(encoding_rs::GBK.encode("待发货").0.iter());
        assert_eq!(detect(&mixed), Encoding::Utf8);
    }

    // An invalid sequence is located in its field, whatever the encoding.
    #[test]
    fn finds_the_field_with_bad_bytes() {
        let rec = csv::ByteRecord::from(vec![&b"ok"[..], b"a\xFFb"]);
        let bad = |field, replacement| Err(BadBytes { field, replacement });
        assert_eq!(check_record(&rec, Encoding::Utf8), bad(1, false));
        let rec = csv::ByteRecord::from(vec!["x", "y", "bad \u{FFFD}"]);
        assert_eq!(check_record(&rec, Encoding::Gb18030), bad(2, true));
        assert_eq!(check_record(&rec, Encoding::Utf8), bad(2, true));
        let ok = csv::ByteRecord::from(vec!["订单", "1"]);
        assert_eq!(check_record(&ok, Encoding::Utf8), Ok(()));
    }
}
