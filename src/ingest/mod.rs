//! Stage 4: reading the order and stock CSV exports, streaming.
//!
//! Files are read record by record with the `csv` crate (quoted fields with commas and
//! newlines, uneven rows tolerated); each record becomes a typed row or a [`Problem`]
//! with file, line and column, and the run goes on. Nothing here keeps rows: callers
//! fold them into accumulators (see `crate::report`).

pub mod columns;
pub mod encoding;
pub mod orders;
pub mod stock;
pub mod timestamp;

use std::borrow::Cow;
use std::io::Read;
use std::path::{Path, PathBuf};

use csv::ByteRecord;

use crate::config::Config;
use crate::fsx::FsError;
use columns::{FileKind, HeaderMap, MissingColumn};
use encoding::Encoding;

/// A data-quality problem in one row (or one file): reported, and the row skipped or
/// used as `report-metrics.md` §8 says.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Problem {
    /// The file, relative to the project root, with `/` separators.
    pub file: String,
    /// 1-based physical line where the record starts (the header is line 1).
    pub line: usize,
    /// The column header as written in the file (empty when the problem is the row).
    pub column: String,
    /// 1-based field number of that column (0 when the problem is the row).
    #[serde(skip)]
    pub field: usize,
    /// What is wrong, in one sentence.
    pub message: String,
}

/// Why a file could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The file could not be opened or read.
    #[error(transparent)]
    Fs(#[from] FsError),
    /// Required columns are missing from the header row.
    #[error("{file}: missing required column{} {}", if missing.len() == 1 { "" } else { "s" },
        missing.iter().map(|m| format!("`{}`", m.column)).collect::<Vec<_>>().join(", "))]
    MissingColumns {
        /// The file as shown to the user.
        file: String,
        /// Each missing column with the headers found.
        missing: Vec<MissingColumn>,
    },
    /// The CSV could not be read past some point.
    #[error("{file}:{line}: cannot read the CSV: {message}")]
    Csv {
        /// The file as shown to the user.
        file: String,
        /// Line where reading failed.
        line: u64,
        /// The reader's message.
        message: String,
    },
    /// The orders path (file, folder or glob) matches no file.
    #[error("no order file found at `{0}`")]
    NoOrders(String),
    /// `inputs.encoding` is not a known encoding.
    #[error("{0}")]
    Encoding(String),
}

/// An open CSV file with its header mapped onto canonical columns.
pub struct CsvInput {
    reader: csv::Reader<Box<dyn Read + Send>>,
    /// Which field holds which canonical column.
    pub map: HeaderMap,
    /// The file as shown to the user (relative to the project root).
    pub shown: String,
    /// The encoding the file was read with.
    pub encoding: Encoding,
    record: ByteRecord,
    crlf: bool,
}

impl CsvInput {
    /// Opens `path` and maps its header. `Ok(None)` when the file has no header at all
    /// (zero bytes or only empty lines).
    pub fn open(
        path: &Path,
        shown: String,
        kind: FileKind,
        config: &Config,
        bar: Option<indicatif::ProgressBar>,
    ) -> Result<Option<CsvInput>, IngestError> {
        let forced = encoding::setting(&config.inputs.encoding).map_err(IngestError::Encoding)?;
        let (raw, encoding, crlf) = encoding::open_utf8(path, forced, bar)?;
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .buffer_capacity(256 * 1024)
            .from_reader(raw);
        let mut record = ByteRecord::new();
        let got = reader
            .read_byte_record(&mut record)
            .map_err(|e| csv_error(&shown, &e))?;
        if !got {
            return Ok(None);
        }
        let headers: Vec<String> = record
            .iter()
            .map(|f| String::from_utf8_lossy(f).into_owned())
            .collect();
        let map = columns::map_headers(&headers, config, kind).map_err(|missing| {
            IngestError::MissingColumns {
                file: shown.clone(),
                missing,
            }
        })?;
        Ok(Some(CsvInput {
            reader,
            map,
            shown,
            encoding,
            record,
            crlf,
        }))
    }

    /// The next record and the physical line it starts on; `None` at the end.
    pub fn next_record(&mut self) -> Result<Option<(usize, &ByteRecord)>, IngestError> {
        let got = self
            .reader
            .read_byte_record(&mut self.record)
            .map_err(|e| csv_error(&self.shown, &e))?;
        if !got {
            return Ok(None);
        }
        let line = self.record.position().map_or(0, |p| p.line() as usize) + usize::from(self.crlf);
        Ok(Some((line, &self.record)))
    }
}

/// Records per batch handed from the reading thread to the caller.
const BATCH: usize = 2048;

/// A batch of records with their line numbers; only the first `.1` entries are filled.
type Batch = (Vec<(usize, ByteRecord)>, usize);

impl CsvInput {
    /// Calls `f(line, record)` for every record, in order. The CSV is split on a second
    /// thread, in batches (whose buffers are recycled), so splitting and the caller's
    /// parsing run at the same time on two cores.
    pub fn stream(mut self, mut f: impl FnMut(usize, &ByteRecord)) -> Result<(), IngestError> {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Result<Batch, IngestError>>(2);
        let (recycle_tx, recycle_rx) = std::sync::mpsc::channel::<Vec<(usize, ByteRecord)>>();
        std::thread::scope(|scope| {
            scope.spawn(move || {
                loop {
                    let mut batch = recycle_rx.try_recv().unwrap_or_default();
                    let filled = self.fill(&mut batch);
                    let done = !matches!(filled, Ok(n) if n == BATCH);
                    if tx.send(filled.map(|n| (batch, n))).is_err() || done {
                        return;
                    }
                }
            });
            for msg in rx {
                let (batch, n) = msg?;
                for (line, rec) in &batch[..n] {
                    f(*line, rec);
                }
                let _ = recycle_tx.send(batch);
            }
            Ok(())
        })
    }

    /// Reads up to [`BATCH`] records into `batch`, reusing its buffers.
    fn fill(&mut self, batch: &mut Vec<(usize, ByteRecord)>) -> Result<usize, IngestError> {
        let mut n = 0;
        while n < BATCH {
            if n == batch.len() {
                batch.push((0, ByteRecord::new()));
            }
            let rec = &mut batch[n].1;
            if !self
                .reader
                .read_byte_record(rec)
                .map_err(|e| csv_error(&self.shown, &e))?
            {
                break;
            }
            let line = rec.position().map_or(0, |p| p.line() as usize);
            batch[n].0 = line + usize::from(self.crlf);
            n += 1;
        }
        Ok(n)
    }
}

fn csv_error(shown: &str, e: &csv::Error) -> IngestError {
    IngestError::Csv {
        file: shown.to_string(),
        line: e.position().map_or(0, csv::Position::line),
        message: e.to_string(),
    }
}

/// The trimmed text of field `idx` (empty when the column is absent or the row short).
pub fn field(rec: &ByteRecord, idx: Option<usize>) -> Cow<'_, str> {
    match idx.and_then(|i| rec.get(i)) {
        Some(bytes) => match std::str::from_utf8(bytes) {
            Ok(s) => Cow::Borrowed(trim(s)),
            Err(_) => Cow::Owned(trim(&String::from_utf8_lossy(bytes)).to_string()),
        },
        None => Cow::Borrowed(""),
    }
}

/// `str::trim`, with a fast path for the common case of ASCII at both ends.
fn trim(s: &str) -> &str {
    let t = s.trim_ascii();
    let b = t.as_bytes();
    if b.first().is_some_and(|c| *c >= 0x80) || b.last().is_some_and(|c| *c >= 0x80) {
        t.trim()
    } else {
        t
    }
}

/// True when every field of the record is empty after trimming (Excel's trailing
/// `,,,,` rows).
pub fn is_blank(rec: &ByteRecord) -> bool {
    rec.as_slice().iter().all(u8::is_ascii_whitespace)
}

/// The order files named by `spec` (relative to `root`): one file, every `.csv` file
/// of a folder (recursively, sorted by path), or a glob whose last component holds `*`
/// or `?` (sorted by name).
pub fn resolve_orders(root: &Path, spec: &str) -> Result<Vec<PathBuf>, IngestError> {
    let full = root.join(spec);
    let name = full
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if name.contains(['*', '?']) {
        let dir = full.parent().unwrap_or(root);
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|e| FsError::new("cannot read folder", dir, e))?
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .filter(|e| wildcard(&name, &e.file_name().to_string_lossy()))
            .map(|e| e.path())
            .collect();
        files.sort();
        if files.is_empty() {
            return Err(IngestError::NoOrders(spec.to_string()));
        }
        return Ok(files);
    }
    if full.is_dir() {
        let mut files: Vec<PathBuf> = walkdir::WalkDir::new(&full)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .filter(|e| {
                e.path()
                    .extension()
                    .is_some_and(|x| x.eq_ignore_ascii_case("csv"))
            })
            .map(walkdir::DirEntry::into_path)
            .collect();
        files.sort();
        if files.is_empty() {
            return Err(IngestError::NoOrders(spec.to_string()));
        }
        return Ok(files);
    }
    if full.is_file() {
        Ok(vec![full])
    } else {
        Err(IngestError::NoOrders(spec.to_string()))
    }
}

/// Shell-style match of `*` (any run) and `?` (one character).
pub fn wildcard(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    let (mut pi, mut ti) = (0, 0);
    let (mut star, mut mark) = (None, 0);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    // Monthly exports are picked up by a glob such as `orders-*.csv`.
    #[test]
    fn wildcard_matches_like_a_shell() {
        assert!(wildcard("orders-*.csv", "orders-2026-10.csv"));
        assert!(wildcard("o?.csv", "o1.csv"));
        assert!(!wildcard("orders-*.csv", "stock.csv"));
        assert!(wildcard("*", "x"));
    }
}
