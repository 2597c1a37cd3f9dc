//! Stage 4: reading the order and stock CSV exports, streaming.
//!
//! Files are read record by record with the `csv` crate (quoted fields with commas and
//! newlines, uneven rows tolerated); each record becomes a typed row or a [`Problem`]
//! with file, line and column, and the run goes on. Nothing here keeps rows: callers
//! fold them into accumulators (see `crate::report`).

pub mod causes;
pub mod chunk;
pub mod chunked;
pub mod columns;
pub mod detect;
pub mod encoding;
pub mod excel;
pub mod fixed_time;
pub mod join;
pub mod lifecycle;
pub mod limits;
pub mod orders;
pub mod plan;
pub mod platform;
pub mod presets;
pub mod problem;
pub mod record;
pub mod status;
pub mod stock;
pub mod timestamp;
pub mod tokenize;
pub mod values;

use std::borrow::Cow;
use std::io::Read;
use std::path::{Path, PathBuf};

use csv::ByteRecord;

use crate::config::Config;
use crate::fsx::FsError;
use columns::{FileKind, HeaderMap, MissingColumn};
use encoding::Encoding;
use presets::Preset;
pub use problem::{Kind, Problem};
pub use record::Fields;
pub use values::shown_value;

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
        /// The export the file was read as, if a platform preset matched.
        preset: Option<&'static str>,
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
    /// Bytes that are not valid in the file's encoding.
    #[error("{file}:{line}:{field}: {}", if *replacement { format!("the text holds U+FFFD (�): characters already lost, or bytes that are not valid {}", encoding.name()) } else { format!("bytes that are not valid {}", encoding.name()) })]
    BadEncoding {
        /// The file as shown to the user.
        file: String,
        /// Line where the record starts.
        line: usize,
        /// 1-based field number.
        field: usize,
        /// The encoding the file was read with.
        encoding: Encoding,
        /// True for U+FFFD in the decoded text.
        replacement: bool,
    },
    /// A record or a field is longer than the limits of [`limits`].
    #[error("{file}:{line}{}: {} is longer than {} bytes", field.map(|f| format!(":{f}")).unwrap_or_default(), if field.is_some() { "a field" } else { "a record" }, if field.is_some() { limits::MAX_FIELD_BYTES } else { limits::MAX_RECORD_BYTES })]
    TooLong {
        /// The file as shown to the user.
        file: String,
        /// Line where the record starts.
        line: u64,
        /// 1-based field number, for a field.
        field: Option<usize>,
    },
    /// NUL bytes without a UTF-16 byte-order mark.
    #[error("{0}: contains NUL bytes: UTF-16 text without a byte-order mark, or not a text file")]
    NulBytes(String),
    /// An Excel workbook (`xlsx` or `xls`) given where a CSV is expected.
    #[error("{0}: is an Excel workbook ({1}), not a CSV file")]
    Workbook(String, &'static str),
    /// The orders path (file, folder or glob) matches no file.
    #[error("no order file found at `{0}`")]
    NoOrders(String),
    /// An orders folder holds no order file (`.csv`, `.tsv`, UTF-16 `.txt`).
    #[error("no order file (.csv) in the folder `{spec}`")]
    NoOrdersIn {
        /// The folder as given.
        spec: String,
        /// Some of the other files in it (at most six).
        found: Vec<String>,
    },
    /// `inputs.encoding` is not a known encoding (the value given).
    #[error("unknown encoding `{0}` in inputs.encoding")]
    Encoding(String),
    /// One half of a two-file export (淘宝's 订单报表 + 宝贝报表) without the other.
    #[error("{file}: {label} without its {needs}")]
    Unpaired {
        /// The file as shown to the user.
        file: String,
        /// What the file is.
        label: &'static str,
        /// What is missing.
        needs: &'static str,
    },
    /// Too many orders in an order-header file to join.
    #[error("{file}: more than {limit} orders to join with the item file")]
    TooManyOrders {
        /// The file as shown to the user.
        file: String,
        /// The limit.
        limit: usize,
    },
}

/// How an input chooses its preset.
#[derive(Debug, Clone, Copy, Default)]
pub enum PresetChoice {
    /// Detect from the header row (the default).
    #[default]
    Auto,
    /// Use this preset.
    Named(&'static Preset),
    /// No platform preset (only the generic ones).
    Off,
}

/// The preset a file was read with and why.
#[derive(Debug, Clone)]
pub struct PresetUse {
    /// The preset.
    pub preset: &'static Preset,
    /// The signature headers found, when detected (empty when named in the config).
    pub matched: Vec<String>,
}

/// An open CSV file with its header mapped onto canonical columns.
pub struct CsvInput {
    reader: csv::Reader<limits::Guard<Box<dyn Read + Send>>>,
    /// Which field holds which canonical column.
    pub map: HeaderMap,
    /// The file as shown to the user (relative to the project root).
    pub shown: String,
    /// The encoding the file was read with.
    pub encoding: Encoding,
    /// The platform preset the file was read with, if any.
    pub preset: Option<PresetUse>,
    record: ByteRecord,
    crlf: bool,
    /// True when every record was checked in an earlier pass (so this pass skips it).
    checked: bool,
}

/// What [`CsvInput::open`] needs besides the path.
pub struct OpenSpec<'a> {
    /// The file as shown to the user.
    pub shown: String,
    /// Orders or stock.
    pub kind: FileKind,
    /// Project config.
    pub config: &'a Config,
    /// Progress bar advanced by the bytes read.
    pub bar: Option<indicatif::ProgressBar>,
    /// Preset selection (orders only).
    pub preset: PresetChoice,
    /// The encoding found when the file was first opened (skips detecting it again),
    /// and whether its records were already checked (encoding and size) then.
    pub known: Option<(Encoding, bool)>,
}

impl CsvInput {
    /// Opens `path` and maps its header. `Ok(None)` when the file has no header at all
    /// (zero bytes or only empty lines).
    pub fn open(path: &Path, spec: OpenSpec<'_>) -> Result<Option<CsvInput>, IngestError> {
        let shown = spec.shown;
        let forced = match spec.known {
            Some((enc, _)) => Some(enc),
            None => {
                encoding::setting(&spec.config.inputs.encoding).map_err(IngestError::Encoding)?
            }
        };
        let opened = match encoding::open_utf8(path, forced, spec.bar) {
            Ok(o) => o,
            Err(encoding::OpenError::Fs(e)) => return Err(e.into()),
            Err(encoding::OpenError::NulBytes) => return Err(IngestError::NulBytes(shown)),
            Err(encoding::OpenError::Workbook(kind)) => {
                return Err(IngestError::Workbook(shown, kind));
            }
        };
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter(&opened.first_line))
            .buffer_capacity(256 * 1024)
            .from_reader(limits::Guard::new(opened.reader));
        let mut record = ByteRecord::new();
        let got = reader
            .read_byte_record(&mut record)
            .map_err(|e| csv_error(&shown, &e))?;
        if !got {
            return Ok(None);
        }
        check(&record, 1, opened.encoding, &shown)?;
        let headers: Vec<String> = record
            .iter()
            .map(|f| String::from_utf8_lossy(f).into_owned())
            .collect();
        let preset = choose_preset(&headers, spec.kind, spec.preset);
        let required = required_of(spec.kind, preset.as_ref().map(|p| p.preset));
        let map = columns::map_headers(
            &headers,
            spec.config,
            spec.kind,
            preset.as_ref().map(|p| p.preset),
            required,
        )
        .map_err(|missing| IngestError::MissingColumns {
            file: shown.clone(),
            missing,
            preset: preset.as_ref().map(|p| p.preset.label),
        })?;
        Ok(Some(CsvInput {
            reader,
            map,
            shown,
            encoding: opened.encoding,
            preset,
            record,
            crlf: opened.crlf,
            checked: spec.known.is_some_and(|(_, checked)| checked),
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
        check(&self.record, line, self.encoding, &self.shown)?;
        Ok(Some((line, &self.record)))
    }
}

/// `,` unless the header line has none and holds tabs (Excel's "Unicode text") or
/// semicolons.
pub(crate) fn delimiter(first_line: &str) -> u8 {
    if first_line.contains(',') {
        b','
    } else if first_line.contains('\t') {
        b'\t'
    } else if first_line.contains(';') {
        b';'
    } else {
        b','
    }
}

/// The preset of a file: the named one, or the one its headers show (orders only).
fn choose_preset(headers: &[String], kind: FileKind, choice: PresetChoice) -> Option<PresetUse> {
    if kind != FileKind::Orders {
        return None;
    }
    match choice {
        PresetChoice::Off => None,
        PresetChoice::Named(preset) => Some(PresetUse {
            preset,
            matched: Vec::new(),
        }),
        PresetChoice::Auto => detect::detect(headers).map(|d| PresetUse {
            preset: d.preset,
            matched: d.matched,
        }),
    }
}

/// Required columns of a file read with `preset`: an order-header file has no SKU, an
/// item file no order time (the paired file brings them).
fn required_of(kind: FileKind, preset: Option<&Preset>) -> &'static [&'static str] {
    match (kind, preset.map(|p| p.shape)) {
        (FileKind::Stock, _) => columns::STOCK_REQUIRED,
        (FileKind::Orders, Some(presets::Shape::OrderHeader)) => &["order_id"],
        (FileKind::Orders, Some(presets::Shape::Items)) => &["order_id", "sku"],
        (FileKind::Orders, _) => columns::ORDER_REQUIRED,
    }
}

/// Encoding and size checks of one record.
fn check(rec: &ByteRecord, line: usize, enc: Encoding, shown: &str) -> Result<(), IngestError> {
    if let Some(f) = limits::oversized_field(rec) {
        return Err(IngestError::TooLong {
            file: shown.to_string(),
            line: line as u64,
            field: Some(f + 1),
        });
    }
    encoding::check_record(rec, enc).map_err(|bad| IngestError::BadEncoding {
        file: shown.to_string(),
        line,
        field: bad.field + 1,
        encoding: enc,
        replacement: bad.replacement,
    })
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
            let line = rec.position().map_or(0, |p| p.line() as usize) + usize::from(self.crlf);
            if !self.checked {
                check(rec, line, self.encoding, &self.shown)?;
            }
            batch[n].0 = line;
            n += 1;
        }
        Ok(n)
    }
}

fn csv_error(shown: &str, e: &csv::Error) -> IngestError {
    if let Some(long) = limits::too_long(e) {
        return IngestError::TooLong {
            file: shown.to_string(),
            line: long.line,
            field: None,
        };
    }
    IngestError::Csv {
        file: shown.to_string(),
        line: e.position().map_or(0, csv::Position::line),
        message: crate::i18n::parser::csv_reason(e),
    }
}

/// The cleaned text of field `idx` (see [`values::clean`]; empty when the column is
/// absent or the row short).
pub fn field<R: Fields + ?Sized>(rec: &R, idx: Option<usize>) -> Cow<'_, str> {
    match idx.and_then(|i| rec.text(i)) {
        Some(Ok(s)) => Cow::Borrowed(values::clean(values::trim(s))),
        Some(Err(bytes)) => {
            Cow::Owned(values::clean(values::trim(&String::from_utf8_lossy(bytes))).to_string())
        }
        None => Cow::Borrowed(""),
    }
}

/// The value of canonical column `col`: the first non-empty cell among the file's
/// candidates for it (see [`columns::HeaderMap::all`]).
pub fn cell<'r, R: Fields + ?Sized>(rec: &'r R, map: &HeaderMap, col: usize) -> Cow<'r, str> {
    let all = map.all(col);
    for &i in all {
        let v = field(rec, Some(i));
        if !v.is_empty() {
            return v;
        }
    }
    Cow::Borrowed("")
}

/// True when every field of the record is empty after trimming (Excel's trailing
/// `,,,,` rows).
pub fn is_blank<R: Fields + ?Sized>(rec: &R) -> bool {
    rec.is_blank()
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
            .filter(|e| is_order_file(e.path()))
            .map(walkdir::DirEntry::into_path)
            .collect();
        files.sort();
        if files.is_empty() {
            return Err(IngestError::NoOrdersIn {
                spec: spec.to_string(),
                found: other_files(&full),
            });
        }
        return Ok(files);
    }
    if full.is_file() {
        Ok(vec![full])
    } else {
        Err(IngestError::NoOrders(spec.to_string()))
    }
}

/// A file of an orders folder: `.csv`, `.tsv`, or `.txt` starting with a UTF-16
/// byte-order mark (what Excel's "Unicode text" writes; other `.txt` files are notes).
fn is_order_file(path: &Path) -> bool {
    let ext = path
        .extension()
        .map(|x| x.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "csv" | "tsv" => true,
        "txt" => {
            let mut head = [0u8; 2];
            std::fs::File::open(path)
                .and_then(|mut f| f.read_exact(&mut head))
                .is_ok_and(|()| matches!(head, [0xFF, 0xFE] | [0xFE, 0xFF]))
        }
        _ => false,
    }
}

/// Up to five other file names of a folder with no order file, for the message.
fn other_files(dir: &Path) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e.path().strip_prefix(dir).ok()?;
            Some(shown_value(&rel.to_string_lossy()).into_owned())
        })
        .take(6)
        .collect()
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
