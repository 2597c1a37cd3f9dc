//! stock.csv: one row per SKU. The file is small (one row per product), so it is read
//! whole into a map; the last row of a repeated SKU wins (§10).

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use csv::ByteRecord;

use super::columns::{FileKind, STOCK_COLUMNS};
use super::orders::{RowError, decimal};
use super::timestamp::Clock;
use super::{CsvInput, IngestError, Problem, field};
use crate::config::Config;

/// One SKU of stock.csv.
#[derive(Debug, Clone, PartialEq)]
pub struct StockRow {
    /// Product name (may be empty).
    pub name: String,
    /// Sellable units now (may be negative).
    pub on_hand: i64,
    /// Units already ordered from the supplier.
    pub incoming: i64,
    /// When `incoming` is expected.
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
    let Some(mut input) = CsvInput::open(path, shown, FileKind::Stock, config, None)? else {
        return Ok(data);
    };
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
            Ok((sku, row)) => {
                let entry = seen.entry(sku.clone()).or_insert((line, 0));
                if data.rows.insert(sku, row).is_some() {
                    entry.1 += 1;
                    entry.0 = line;
                    data.rows_skipped += 1;
                }
            }
            Err(e) => {
                data.rows_skipped += 1;
                data.problems.push(Problem {
                    file: shown.clone(),
                    line,
                    column: map.header(e.column).to_string(),
                    field: map.get(e.column).map_or(0, |i| i + 1),
                    message: format!(
                        "column `{}`: {}; row skipped",
                        map.header(e.column),
                        e.message
                    ),
                });
            }
        }
    }
    for (sku, (line, dupes)) in seen {
        if dupes > 0 {
            data.problems.push(Problem {
                file: input.shown.clone(),
                line,
                column: input.map.header(0).to_string(),
                field: input.map.get(0).map_or(0, |i| i + 1),
                message: format!(
                    "SKU `{sku}` appears {} times; this last row is used, the {dupes} earlier skipped",
                    dupes + 1
                ),
            });
        }
    }
    Ok(data)
}

fn parse(
    rec: &ByteRecord,
    map: &super::columns::HeaderMap,
    clock: &mut Clock,
) -> Result<(String, StockRow), RowError> {
    let get = |c: usize| field(rec, map.get(c));
    let err = |column: usize, message: String| RowError { column, message };
    let sku = get(0).into_owned();
    if sku.is_empty() {
        return Err(err(0, "required value is empty".into()));
    }
    let on_hand_text = get(2);
    if on_hand_text.is_empty() {
        return Err(err(2, "required value is empty".into()));
    }
    let on_hand = integer(&on_hand_text)
        .ok_or_else(|| err(2, format!("cannot read `{on_hand_text}` as a whole number")))?;
    let incoming_text = get(3);
    let incoming = match incoming_text.as_ref() {
        "" => 0,
        t => integer(t)
            .filter(|n| *n >= 0)
            .ok_or_else(|| err(3, format!("cannot read `{t}` as a whole number ≥ 0")))?,
    };
    let eta_text = get(4);
    let restock_eta = match eta_text.as_ref() {
        "" => None,
        t => Some(
            clock
                .parse_date(t)
                .ok_or_else(|| err(4, format!("cannot read `{t}` as a date")))?,
        ),
    };
    let lead_text = get(5);
    let lead_time_days = match lead_text.as_ref() {
        "" => None,
        t => {
            let ok = crate::report::stats::Ratio::parse_decimal(t).is_some_and(|r| r.num > 0);
            if !ok {
                return Err(err(5, format!("cannot read `{t}` as a number of days > 0")));
            }
            Some(t.to_string())
        }
    };
    let row = StockRow {
        name: get(1).into_owned(),
        on_hand,
        incoming,
        restock_eta,
        lead_time_days,
        supplier: get(6).into_owned(),
    };
    Ok((sku, row))
}

/// A whole number, also written as `12.0` by a spreadsheet.
fn integer(text: &str) -> Option<i64> {
    text.parse::<i64>().ok().or_else(|| {
        let f = decimal(text)?;
        (f.fract() == 0.0 && f.abs() < 1e15).then_some(f as i64)
    })
}

/// Canonical stock column names (re-exported for messages).
pub fn column_name(i: usize) -> &'static str {
    STOCK_COLUMNS.get(i).copied().unwrap_or("")
}
