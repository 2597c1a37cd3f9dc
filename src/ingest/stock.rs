//! stock.csv: one row per SKU. The file is small (one row per product), so it is read
//! whole into a map; the last row of a repeated SKU wins (§10).

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use csv::ByteRecord;

use super::columns::{FileKind, STOCK_COLUMNS};
use super::orders::{RowError, decimal};
use super::problem::Kind;
use super::timestamp::Clock;
use super::{CsvInput, IngestError, OpenSpec, PresetChoice, Problem, cell};
use crate::config::Config;

/// One SKU of stock.csv.
#[derive(Debug, Clone, PartialEq)]
pub struct StockRow {
    /// Product name (may be empty).
    pub name: String,
    /// Sellable units now (may be negative).
    pub on_hand: i64,
    /// Units already ordered from the supplier (0 when the column is absent or the
    /// cell empty); `None` when the cell cannot be read: unknown, never 0.
    pub incoming: Option<i64>,
    /// When `incoming` is expected (`None` when empty or unreadable).
    pub restock_eta: Option<NaiveDate>,
    /// Supplier lead time in days, as written (a decimal string, e.g. `7` or `2.5`).
    pub lead_time_days: Option<String>,
    /// Supplier name.
    pub supplier: String,
}

/// Everything read from stock.csv.
#[derive(Debug, Clone, Default)]
pub struct StockData {
    /// SKU → row (the last row of a SKU).
    pub rows: BTreeMap<String, StockRow>,
    /// Non-blank rows read.
    pub rows_read: u64,
    /// Rows skipped (invalid or superseded).
    pub rows_skipped: u64,
    /// Rows whose fields are all empty.
    pub blank_rows: u64,
    /// Problems found.
    pub problems: Vec<Problem>,
}

/// Reads stock.csv.
pub fn read(
    path: &Path,
    shown: String,
    config: &Config,
    clock: &mut Clock,
) -> Result<StockData, IngestError> {
    let mut data = StockData::default();
    let spec = OpenSpec {
        shown,
        kind: FileKind::Stock,
        config,
        bar: None,
        preset: PresetChoice::Off,
        known: None,
    };
    let Some(mut input) = CsvInput::open(path, spec)? else {
        return Ok(data);
    };
    data.problems
        .extend(unread_columns(&input.map, &input.shown));
    // SKU → (line of the winning row, number of superseded rows).
    let mut seen: BTreeMap<String, (usize, u64)> = BTreeMap::new();
    let map = input.map.clone();
    let shown = input.shown.clone();
    while let Some((line, rec)) = input.next_record()? {
        if super::is_blank(rec) {
            data.blank_rows += 1;
            continue;
        }
        data.rows_read += 1;
        match parse(rec, &map, clock) {
            Ok((sku, row, unread)) => {
                for e in unread {
                    data.problems.push(unread_problem(&e, &map, &shown, line));
                }
                let entry = seen.entry(sku.clone()).or_insert((line, 0));
                if data.rows.insert(sku, row).is_some() {
                    entry.1 += 1;
                    entry.0 = line;
                    data.rows_skipped += 1;
                }
            }
            Err(e) => {
                data.rows_skipped += 1;
                let column = (map.header(e.column), map.get(e.column).map_or(0, |i| i + 1));
                let message =
                    crate::tr_report!("row.stock_skipped", column = column.0, message = e.message);
                data.problems
                    .push(Problem::new(e.kind, &shown, line, column, message).with_value(&e.value));
            }
        }
    }
    duplicates(seen, &input, &mut data);
    Ok(data)
}

/// One problem per SKU repeated in stock.csv, at the line of the row used.
fn duplicates(seen: BTreeMap<String, (usize, u64)>, input: &CsvInput, data: &mut StockData) {
    for (sku, (line, dupes)) in seen {
        if dupes > 0 {
            let column = (input.map.header(0), input.map.get(0).map_or(0, |i| i + 1));
            let message = crate::tr_report!(
                "row.stock_duplicate",
                sku = super::shown_value(&sku),
                times = dupes + 1,
                earlier = dupes
            );
            data.problems.push(Problem::new(
                Kind::Duplicate,
                &input.shown,
                line,
                column,
                message,
            ));
        }
    }
}

fn parse(
    rec: &ByteRecord,
    map: &super::columns::HeaderMap,
    clock: &mut Clock,
) -> Result<(String, StockRow, Vec<RowError>), RowError> {
    let get = |c: usize| cell(rec, map, c);
    let sku = sku(&get(0))?;
    let on_hand_text = get(2);
    if on_hand_text.is_empty() {
        return Err(RowError::new(
            2,
            Kind::MissingValue,
            crate::tr_report!("row.required_empty"),
        ));
    }
    let on_hand = whole(&on_hand_text, 2, "row.whole")?;
    // Optional fields: one that cannot be read is unknown (the row is still used).
    let mut unread = Vec::new();
    let incoming = keep(incoming(&get(3)), &mut unread).flatten();
    let restock_eta = keep(eta(&get(4), clock), &mut unread).flatten();
    let lead_time_days = keep(lead_time(&get(5)), &mut unread).flatten();
    let row = StockRow {
        name: get(1).into_owned(),
        on_hand,
        incoming: if unread.iter().any(|e| e.column == 3) {
            None
        } else {
            Some(incoming.unwrap_or(0))
        },
        restock_eta,
        lead_time_days,
        supplier: get(6).into_owned(),
    };
    Ok((sku, row, unread))
}

/// The value of an optional field, or `None` with the error kept.
fn keep<T>(r: Result<T, RowError>, unread: &mut Vec<RowError>) -> Option<T> {
    r.map_err(|e| unread.push(e)).ok()
}

fn incoming(text: &str) -> Result<Option<i64>, RowError> {
    match text {
        "" => Ok(None),
        t => Some(whole(t, 3, "row.whole_nonneg")?)
            .filter(|n| *n >= 0)
            .map(Some)
            .ok_or_else(|| bad_number(3, t, "row.whole_nonneg")),
    }
}

fn eta(text: &str, clock: &mut Clock) -> Result<Option<NaiveDate>, RowError> {
    match text {
        "" => Ok(None),
        t => clock.parse_date(t).map(Some).ok_or_else(|| {
            RowError::new(
                4,
                Kind::BadTimestamp,
                crate::tr_report!("row.stock_date_bad", value = super::shown_value(t)),
            )
            .with_value(t)
        }),
    }
}

fn lead_time(text: &str) -> Result<Option<String>, RowError> {
    match text {
        "" => Ok(None),
        t if crate::report::stats::Ratio::parse_decimal(t)
            .is_some_and(|r| r.num > 0 && r.to_f64() <= MAX_LEAD_DAYS) =>
        {
            Ok(Some(t.to_string()))
        }
        t => Err(bad_number(5, t, "row.days")),
    }
}

/// Longest lead time read (ten years); a larger value is a typo or a unit mix-up.
const MAX_LEAD_DAYS: f64 = 3650.0;

/// The problem of an optional stock field that cannot be read: the row is used, the
/// field is unknown.
fn unread_problem(
    e: &RowError,
    map: &super::columns::HeaderMap,
    shown: &str,
    line: usize,
) -> Problem {
    let column = (map.header(e.column), map.get(e.column).map_or(0, |i| i + 1));
    let key = match e.column {
        3 => "row.stock_unread_incoming",
        4 => "row.stock_unread_restock",
        _ => "row.stock_unread_lead_time",
    };
    let message = crate::tr_report!(key, column = column.0, reason = e.message);
    Problem::new(Kind::UnreadStockField, shown, line, column, message).with_value(&e.value)
}

/// The SKU of a stock row: required, and not damaged by Excel.
fn sku(value: &str) -> Result<String, RowError> {
    if value.is_empty() {
        return Err(RowError::new(
            0,
            Kind::MissingValue,
            crate::tr_report!("row.required_empty"),
        ));
    }
    if let Some(kind) = super::excel::id_damage(value) {
        let message = crate::tr_report!("row.stock_excel", sku = super::shown_value(value));
        return Err(RowError::new(0, kind, message).with_value(value));
    }
    Ok(value.to_string())
}

fn whole(text: &str, column: usize, what: &str) -> Result<i64, RowError> {
    integer(text).ok_or_else(|| bad_number(column, text, what))
}

fn bad_number(column: usize, text: &str, what: &str) -> RowError {
    RowError::new(
        column,
        Kind::BadNumber,
        crate::tr_report!(
            "row.number_bad",
            value = super::shown_value(text),
            what = crate::tr_report!(what)
        ),
    )
    .with_value(text)
}

/// A whole number, also written as `12.0` by a spreadsheet (the stock figures are
/// computed in 128 bits, so any 64-bit value is safe).
fn integer(text: &str) -> Option<i64> {
    text.parse::<i64>().ok().or_else(|| {
        let f = decimal(text)?;
        (f.fract() == 0.0 && f.abs() < 1e15).then_some(f as i64)
    })
}

/// Words of a stock header that hold incoming units, a restock date or a lead time.
const STOCK_WORDS: [&str; 6] = ["在途", "到货", "到仓", "入库", "交期", "周期"];

/// A warning for every header that looks like incoming units, a restock date or a lead
/// time but maps onto no column: nothing would be read from it, silently.
fn unread_columns(map: &super::columns::HeaderMap, shown: &str) -> Vec<Problem> {
    let used: std::collections::HashSet<usize> = map.fields.iter().flatten().copied().collect();
    map.headers
        .iter()
        .enumerate()
        .filter(|(i, h)| !used.contains(i) && STOCK_WORDS.iter().any(|w| h.contains(w)))
        .map(|(i, h)| {
            let message = crate::tr_report!("row.stock_column_unread", column = h);
            Problem::new(Kind::UnreadStockColumn, shown, 1, (h, i + 1), message).with_value(h)
        })
        .collect()
}

/// Canonical stock column names (re-exported for messages).
pub fn column_name(i: usize) -> &'static str {
    STOCK_COLUMNS.get(i).copied().unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    // `12.0` from a spreadsheet is 12; the 64-bit extremes are read without a panic.
    #[test]
    fn stock_quantities_read_like_a_spreadsheet_writes_them() {
        assert_eq!(integer("12.0"), Some(12));
        assert_eq!(integer("-3"), Some(-3));
        assert_eq!(integer("-9223372036854775808"), Some(i64::MIN));
        assert_eq!(integer("两百"), None);
    }
}
