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
                let column = (map.header(e.column), map.get(e.column).map_or(0, |i| i + 1));
                let message =
                    crate::tr_report!("row.stock_skipped", column = column.0, message = e.message);
                data.problems
                    .push(Problem::new(e.kind, &shown, line, column, message).with_value(&e.value));
            }
        }
    }
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
    Ok(data)
}

fn parse(
    rec: &ByteRecord,
    map: &super::columns::HeaderMap,
    clock: &mut Clock,
) -> Result<(String, StockRow), RowError> {
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
    let incoming = match get(3).as_ref() {
        "" => 0,
        t => Some(whole(t, 3, "row.whole_nonneg")?)
            .filter(|n| *n >= 0)
            .ok_or_else(|| bad_number(3, t, "row.whole_nonneg"))?,
    };
    let restock_eta = match get(4).as_ref() {
        "" => None,
        t => Some(clock.parse_date(t).ok_or_else(|| {
            RowError::new(
                4,
                Kind::BadTimestamp,
                crate::tr_report!("row.stock_date_bad", value = super::shown_value(t)),
            )
            .with_value(t)
        })?),
    };
    let lead_time_days = match get(5).as_ref() {
        "" => None,
        t if crate::report::stats::Ratio::parse_decimal(t).is_some_and(|r| r.num > 0) => {
            Some(t.to_string())
        }
        t => return Err(bad_number(5, t, "row.days")),
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
