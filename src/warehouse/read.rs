//! Reading the result tables back: `DIR/dbk_<name>.csv` with a header, as DuckDB's
//! `COPY … (HEADER)` or ClickHouse's `CSVWithNames` write them, or a folder
//! `DIR/dbk_<name>/` of `part-*.csv` files as Spark writes them. Columns are found by
//! name; empty and `\N` are NULL. Every problem is located (file, line, column) and
//! all are reported at once; nothing here panics on any input.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::dialect::ColumnType;
use super::tables::{self, Table};

/// Rows kept per table at most (a result table is small; this guards against a wrong
/// folder).
pub const MAX_ROWS: usize = 20_000_000;
/// Problems listed per table before the rest are only counted.
const MAX_PROBLEMS_PER_TABLE: usize = 20;

/// A problem with the aggregates folder, located.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AggError {
    /// Diagnostic code (`docs/errors.md`).
    pub code: &'static str,
    /// The file (or folder).
    pub file: PathBuf,
    /// 1-based line (0: the whole file).
    pub line: usize,
    /// 1-based field (0: the row or file).
    pub column: usize,
    /// What is wrong.
    pub message: String,
    /// What to do.
    pub hint: Option<String>,
}

impl AggError {
    fn new(code: &'static str, file: &Path, message: String) -> Self {
        AggError {
            code,
            file: file.to_path_buf(),
            line: 0,
            column: 0,
            message,
            hint: None,
        }
    }

    fn at(mut self, line: usize, column: usize) -> Self {
        self.line = line;
        self.column = column;
        self
    }

    fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

/// One value of a result table.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// NULL (empty or `\N`).
    Null,
    /// An integer.
    Int(i64),
    /// Text.
    Text(String),
    /// A date.
    Date(NaiveDate),
    /// An exact decimal in nano-units (10⁻⁹).
    Nano(i128),
}

/// One row, its values in the table's column order, and where it was read.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// File and line.
    pub at: (PathBuf, usize),
    values: Vec<Value>,
}

impl Row {
    fn get(&self, t: &Table, name: &str) -> &Value {
        t.index(name)
            .and_then(|i| self.values.get(i))
            .unwrap_or(&Value::Null)
    }

    /// An integer column (0 when NULL).
    pub fn int(&self, t: &Table, name: &str) -> i64 {
        self.opt_int(t, name).unwrap_or(0)
    }

    /// A nullable integer column.
    pub fn opt_int(&self, t: &Table, name: &str) -> Option<i64> {
        match self.get(t, name) {
            Value::Int(v) => Some(*v),
            _ => None,
        }
    }

    /// A count: an integer column, never negative (checked when read).
    pub fn count(&self, t: &Table, name: &str) -> u64 {
        u64::try_from(self.int(t, name)).unwrap_or(0)
    }

    /// A text column ('' when NULL).
    pub fn text(&self, t: &Table, name: &str) -> String {
        match self.get(t, name) {
            Value::Text(s) => s.clone(),
            _ => String::new(),
        }
    }

    /// A date column.
    pub fn date(&self, t: &Table, name: &str) -> Option<NaiveDate> {
        match self.get(t, name) {
            Value::Date(d) => Some(*d),
            _ => None,
        }
    }

    /// A decimal column in nano-units (0 when NULL).
    pub fn nano(&self, t: &Table, name: &str) -> i128 {
        match self.get(t, name) {
            Value::Nano(v) => *v,
            _ => 0,
        }
    }
}

/// Every result table read, by name.
#[derive(Debug, Clone, Default)]
pub struct Tables {
    /// The folder.
    pub dir: PathBuf,
    /// Table name → rows.
    pub rows: BTreeMap<&'static str, Vec<Row>>,
}

impl Tables {
    /// The rows of table `t`.
    pub fn of(&self, t: &Table) -> &[Row] {
        self.rows.get(t.name).map_or(&[], Vec::as_slice)
    }
}

/// Reads every result table of `dir`; all problems at once.
pub fn read_dir(dir: &Path) -> Result<Tables, Vec<AggError>> {
    let mut errors = Vec::new();
    if !dir.is_dir() {
        return Err(vec![
            AggError::new("E330", dir, crate::tr!("wh.no_folder"))
                .hint(crate::tr!("wh.no_folder_hint")),
        ]);
    }
    let mut out = Tables {
        dir: dir.to_path_buf(),
        rows: BTreeMap::new(),
    };
    for t in tables::ALL {
        match read_table(dir, t) {
            Ok(rows) => {
                out.rows.insert(t.name, rows);
            }
            Err(mut e) => errors.append(&mut e),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// Reads the result tables of several folders (shards of one run: each shop, or each
/// partition, run on its own) — every problem of every folder at once.
pub fn read_dirs(dirs: &[PathBuf]) -> Result<Vec<Tables>, Vec<AggError>> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for d in dirs {
        match read_dir(d) {
            Ok(t) => out.push(t),
            Err(mut e) => errors.append(&mut e),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

impl Tables {
    /// All shards' rows in one set of tables (the first folder's name kept): every
    /// consumer adds rows up, so this is the merge of `docs/warehouse.md`.
    pub fn concat(parts: Vec<Tables>) -> Tables {
        let mut it = parts.into_iter();
        let mut first = it.next().unwrap_or_default();
        for t in it {
            for (name, mut rows) in t.rows {
                first.rows.entry(name).or_default().append(&mut rows);
            }
        }
        first
    }
}

/// The CSV files of table `t`: `dbk_x.csv`, or the `*.csv` files of folder `dbk_x/`.
fn files_of(dir: &Path, t: &Table) -> Result<Vec<PathBuf>, AggError> {
    let file = dir.join(format!("{}.csv", t.name));
    if file.is_file() {
        return Ok(vec![file]);
    }
    let folder = dir.join(t.name);
    if folder.is_dir() {
        let entries = std::fs::read_dir(&folder).map_err(|e| {
            AggError::new(
                "E330",
                &folder,
                crate::tr!("wh.folder_unreadable", error = crate::fsx::io_reason(&e)),
            )
        })?;
        let mut parts: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| {
                p.is_file()
                    && p.extension().is_some_and(|x| x == "csv")
                    && !p
                        .file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with(['.', '_']))
            })
            .collect();
        parts.sort();
        return Ok(parts);
    }
    Err(AggError::new(
        "E330",
        &file,
        crate::tr!("wh.table_missing", table = t.name),
    )
    .hint(crate::tr!("wh.table_missing_hint", table = t.name)))
}

fn read_table(dir: &Path, t: &Table) -> Result<Vec<Row>, Vec<AggError>> {
    let files = files_of(dir, t).map_err(|e| vec![e])?;
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    let mut more = 0usize;
    for f in &files {
        read_file(f, t, &mut rows, &mut errors, &mut more);
    }
    if more > 0 {
        let last = files.last().cloned().unwrap_or_else(|| dir.to_path_buf());
        errors.push(AggError::new(
            "E332",
            &last,
            crate::tr!("wh.more_values", n = more, table = t.name),
        ));
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

fn read_file(
    f: &Path,
    t: &Table,
    rows: &mut Vec<Row>,
    errors: &mut Vec<AggError>,
    more: &mut usize,
) {
    let file = match std::fs::File::open(f) {
        Ok(file) => file,
        Err(e) => {
            errors.push(AggError::new(
                "E330",
                f,
                crate::tr!("wh.file_unreadable", error = crate::fsx::io_reason(&e)),
            ));
            return;
        }
    };
    // Spark writes an empty part file (no header) for an empty partition.
    if file.metadata().is_ok_and(|m| m.len() == 0) {
        return;
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(std::io::BufReader::new(file));
    let index = match header_index(f, t, &mut reader) {
        Ok(i) => i,
        Err(e) => {
            errors.push(e);
            return;
        }
    };
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                errors.push(not_csv(f, &e));
                return;
            }
        }
        let line = record.position().map_or(0, |p| p.line() as usize);
        if rows.len() >= MAX_ROWS {
            errors.push(too_many_rows(f, t, line));
            return;
        }
        match parse_row(t, &index, &record) {
            Ok(values) => rows.push(Row {
                at: (f.to_path_buf(), line),
                values,
            }),
            Err((field, message)) => {
                if errors.len() < MAX_PROBLEMS_PER_TABLE {
                    errors.push(AggError::new("E332", f, message).at(line, field));
                } else {
                    *more += 1;
                }
            }
        }
    }
}

/// A file the CSV reader gives up on.
fn not_csv(f: &Path, e: &csv::Error) -> AggError {
    let line = e.position().map_or(0, |p| p.line() as usize);
    let reason = crate::i18n::parser::csv_reason(e);
    AggError::new("E332", f, crate::tr!("wh.not_csv", error = reason)).at(line, 0)
}

/// A table larger than any result table can be.
fn too_many_rows(f: &Path, t: &Table, line: usize) -> AggError {
    AggError::new(
        "E333",
        f,
        crate::tr!("wh.too_many_rows", max = MAX_ROWS, table = t.name),
    )
    .at(line, 0)
}

/// For each column of `t`, its field index in the file.
fn header_index<R: std::io::Read>(
    f: &Path,
    t: &Table,
    reader: &mut csv::Reader<R>,
) -> Result<Vec<usize>, AggError> {
    let headers = reader
        .headers()
        .map_err(|e| {
            AggError::new(
                "E332",
                f,
                crate::tr!(
                    "wh.header_unreadable",
                    error = crate::i18n::parser::csv_reason(&e)
                ),
            )
            .at(1, 0)
        })?
        .clone();
    let names: Vec<String> = headers
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').trim().to_lowercase())
        .collect();
    let mut index = Vec::with_capacity(t.columns.len());
    let mut missing = Vec::new();
    for c in t.columns {
        match names.iter().position(|n| n == c.name) {
            Some(i) => index.push(i),
            None => missing.push(c.name),
        }
    }
    if missing.is_empty() {
        return Ok(index);
    }
    let found = names.join(", ");
    Err(AggError::new(
        "E331",
        f,
        crate::tr!(
            "wh.missing_columns",
            table = t.name,
            columns = missing
                .iter()
                .map(|m| format!("`{m}`"))
                .collect::<Vec<_>>()
                .join(", "),
            found = found
        ),
    )
    .at(1, 0)
    .hint(crate::tr!("wh.missing_columns_hint")))
}

fn parse_row(
    t: &Table,
    index: &[usize],
    record: &csv::StringRecord,
) -> Result<Vec<Value>, (usize, String)> {
    let mut values = Vec::with_capacity(t.columns.len());
    for (c, &i) in t.columns.iter().zip(index) {
        let raw = record.get(i).unwrap_or("");
        let value = parse_value(raw, c.ty).map_err(|what| {
            let shown = crate::ingest::shown_value(raw);
            (i + 1, crate::tr!(what, column = c.name, value = shown))
        })?;
        if value == Value::Null && !c.nullable && c.ty != ColumnType::Text {
            return Err((i + 1, crate::tr!("wh.empty_value", column = c.name)));
        }
        values.push(value);
    }
    Ok(values)
}

/// The value of `raw` as `ty`, or the catalogue key of what it should have been.
fn parse_value(raw: &str, ty: ColumnType) -> Result<Value, &'static str> {
    if raw.is_empty() || raw == "\\N" {
        return Ok(match ty {
            ColumnType::Text => Value::Text(String::new()),
            _ => Value::Null,
        });
    }
    match ty {
        ColumnType::Text => Ok(Value::Text(raw.to_string())),
        ColumnType::Int => raw
            .trim()
            .parse::<i64>()
            .map(Value::Int)
            .map_err(|_| "wh.not_int"),
        ColumnType::Date => NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
            .map(Value::Date)
            .map_err(|_| "wh.not_date"),
        ColumnType::Decimal => parse_nano(raw.trim())
            .map(Value::Nano)
            .ok_or("wh.not_decimal"),
    }
}

/// A decimal (`-12.3456`, or `1.5E-3` as Spark writes small values) in nano-units,
/// rounded half away from zero past 9 decimals.
pub fn parse_nano(text: &str) -> Option<i128> {
    let (neg, t) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (mantissa, exp) = match t.split_once(['e', 'E']) {
        Some((m, e)) => (m, e.parse::<i32>().ok().filter(|e| e.abs() <= 40)?),
        None => (t, 0),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if (int.is_empty() && frac.is_empty())
        || int.len() + frac.len() > 40
        || !int.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    // All digits, and where the decimal point is after applying the exponent.
    let digits: Vec<u8> = int.bytes().chain(frac.bytes()).map(|b| b - b'0').collect();
    let point = i64::try_from(int.len()).ok()? + i64::from(exp);
    let mut v: i128 = 0;
    for i in 0..point + 9 {
        let d = usize::try_from(i)
            .ok()
            .and_then(|i| digits.get(i))
            .copied()
            .unwrap_or(0);
        v = v.checked_mul(10)?.checked_add(i128::from(d))?;
    }
    let next = usize::try_from(point + 9).ok().and_then(|i| digits.get(i));
    if next.is_some_and(|d| *d >= 5) {
        v += 1;
    }
    Some(if neg { -v } else { v })
}

#[cfg(test)]
mod tests {
    use super::*;

    // Engine decimal text (trailing zeros, many decimals) becomes exact nano-units.
    #[test]
    fn decimals_in_nano_units() {
        assert_eq!(parse_nano("8.010000000000000"), Some(8_010_000_000));
        assert_eq!(parse_nano("-0.5"), Some(-500_000_000));
        assert_eq!(parse_nano("12"), Some(12_000_000_000));
        assert_eq!(parse_nano("0.0000000005"), Some(1));
        assert_eq!(parse_nano("0E-15"), Some(0));
        assert_eq!(parse_nano("1.5E-3"), Some(1_500_000));
        assert_eq!(parse_nano("4.005E+1"), Some(40_050_000_000));
        assert_eq!(parse_nano("1e"), None);
        assert_eq!(parse_nano("1x"), None);
        assert_eq!(parse_nano(""), None);
        assert_eq!(parse_nano("."), None);
    }

    // NULL is empty or \N; a non-nullable number must be there.
    #[test]
    fn values_by_type() {
        assert_eq!(parse_value("\\N", ColumnType::Int), Ok(Value::Null));
        assert_eq!(parse_value("42", ColumnType::Int), Ok(Value::Int(42)));
        assert!(parse_value("4.2", ColumnType::Int).is_err());
        assert_eq!(
            parse_value("2026-11-16", ColumnType::Date),
            Ok(Value::Date(NaiveDate::from_ymd_opt(2026, 11, 16).unwrap()))
        );
        assert_eq!(
            parse_value("", ColumnType::Text),
            Ok(Value::Text(String::new()))
        );
    }
}
