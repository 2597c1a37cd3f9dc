//! Text encodings of CSV exports: UTF-8 with or without BOM, and GB18030/GBK (what
//! Chinese Excel writes by default).
//!
//! `auto` looks at the first 64 KiB: a BOM decides; otherwise valid UTF-8 means UTF-8
//! and anything else GB18030 (a superset of GBK). UTF-8 files are read as they are (no
//! transcoding cost); GB18030 files are transcoded to UTF-8 while streaming.

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
}

/// The `inputs.encoding` setting, parsed: `None` = auto-detect.
pub fn setting(value: &str) -> Result<Option<Encoding>, String> {
    match value.trim().to_ascii_lowercase().as_str() {
        "" | "auto" => Ok(None),
        "utf-8" | "utf8" => Ok(Some(Encoding::Utf8)),
        "gb18030" | "gbk" | "gb2312" => Ok(Some(Encoding::Gb18030)),
        other => Err(format!(
            "unknown encoding `{other}` in inputs.encoding: use `auto`, `utf-8` or `gb18030`"
        )),
    }
}

/// Decides the encoding of the first bytes of a file.
pub fn detect(head: &[u8]) -> Encoding {
    if head.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return Encoding::Utf8;
    }
    match std::str::from_utf8(head) {
        Ok(_) => Encoding::Utf8,
        // A multi-byte character cut off at the end of the sample is still UTF-8.
        Err(e) if e.error_len().is_none() => Encoding::Utf8,
        Err(_) => Encoding::Gb18030,
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

/// Opens `path` as a UTF-8 byte stream (BOM removed, GB18030 transcoded); also says
/// whether lines end in CRLF.
pub fn open_utf8(
    path: &Path,
    forced: Option<Encoding>,
    bar: Option<indicatif::ProgressBar>,
) -> Result<(Box<dyn Read + Send>, Encoding, bool), FsError> {
    let mut file = File::open(path).map_err(|e| FsError::new("cannot open", path, e))?;
    let mut head = vec![0u8; 64 * 1024];
    let mut n = 0;
    while n < head.len() {
        let got = file
            .read(&mut head[n..])
            .map_err(|e| FsError::new("cannot read", path, e))?;
        if got == 0 {
            break;
        }
        n += got;
    }
    head.truncate(n);
    let enc = forced.unwrap_or_else(|| detect(&head));
    let bom = head.starts_with(&[0xEF, 0xBB, 0xBF]);
    let skip = if enc == Encoding::Utf8 && bom { 3 } else { 0 };
    file.seek(SeekFrom::Start(skip))
        .map_err(|e| FsError::new("cannot read", path, e))?;
    let counted = Counting { inner: file, bar };
    let reader: Box<dyn Read + Send> = match enc {
        Encoding::Utf8 => Box::new(std::io::BufReader::with_capacity(256 * 1024, counted)),
        Encoding::Gb18030 => Box::new(
            encoding_rs_io::DecodeReaderBytesBuilder::new()
                .encoding(Some(encoding_rs::GB18030))
                .build(counted),
        ),
    };
    Ok((reader, enc, uses_crlf(&head)))
}

/// True when the first line ends with CRLF. The csv reader counts a record's line before
/// it consumes the `\n` of the previous CRLF, so lines of such files need one added.
fn uses_crlf(head: &[u8]) -> bool {
    head.iter()
        .position(|&b| b == b'\n')
        .is_some_and(|i| i > 0 && head[i - 1] == b'\r')
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
        // A character cut by the sample boundary is still UTF-8.
        assert_eq!(detect(&"订单".as_bytes()[..4]), Encoding::Utf8);
    }
}
