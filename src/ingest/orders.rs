//! One order line of orders.csv, typed, with the status aliases of the contract.

use std::collections::BTreeMap;

use csv::ByteRecord;

use super::columns::HeaderMap;
use super::field;
use super::timestamp::{Clock, HOUR_MS};
use crate::config::Config;

/// Canonical order status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Waiting to be shipped (also the default for an empty value).
    Open,
    /// Shipped.
    Shipped,
    /// Cancelled.
    Cancelled,
    /// Refunded.
    Refunded,
}

impl Status {
    /// True for `cancelled` and `refunded`.
    pub fn is_cancelled(self) -> bool {
        matches!(self, Status::Cancelled | Status::Refunded)
    }

    fn canonical(s: &str) -> Option<Status> {
        Some(match s {
            "" | "open" | "待发货" => Status::Open,
            "shipped" | "已发货" => Status::Shipped,
            "cancelled" | "已取消" => Status::Cancelled,
            "refunded" | "已退款" => Status::Refunded,
            _ => return None,
        })
    }
}

/// Index of each canonical column in [`super::columns::ORDER_COLUMNS`].
mod col {
    pub const ORDER_ID: usize = 0;
    pub const SKU: usize = 1;
    pub const QUANTITY: usize = 2;
    pub const PLATFORM: usize = 3;
    pub const ORDERED_AT: usize = 4;
    pub const PROMISED: usize = 5;
    pub const SHIPPED_AT: usize = 6;
    pub const STATUS: usize = 7;
    pub const CAUSE: usize = 8;
    pub const DETECTED_AT: usize = 9;
    pub const NOTIFIED_AT: usize = 10;
    pub const AMOUNT: usize = 12;
}

/// One valid order line. Times are instants in milliseconds (see `timestamp`).
#[derive(Debug, Clone, PartialEq)]
pub struct OrderLine {
    /// Platform order number.
    pub order_id: String,
    /// Seller SKU.
    pub sku: String,
    /// Units (≥ 1).
    pub quantity: u32,
    /// Platform key, lower case; `unknown` when empty.
    pub platform: String,
    /// When the buyer paid.
    pub ordered_at: i64,
    /// The dispatch deadline `D` (given, or `ordered_at` + promise hours).
    pub promised: i64,
    /// Dispatch time, if shipped.
    pub shipped_at: Option<i64>,
    /// Status.
    pub status: Status,
    /// Cause code, empty when none.
    pub cause: String,
    /// When the shop learned of the problem.
    pub detected_at: Option<i64>,
    /// First proactive message to the buyer.
    pub notified_at: Option<i64>,
    /// Line amount paid.
    pub amount: Option<f64>,
}

/// Why a row is skipped: the canonical column and a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// Index of the canonical column (into `ORDER_COLUMNS` / `STOCK_COLUMNS`).
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

/// Lower-cased status map of the config.
pub fn status_map(config: &Config) -> BTreeMap<String, Status> {
    config
        .status_map
        .iter()
        .filter_map(|(k, v)| Some((k.trim().to_lowercase(), Status::canonical(v.trim())?)))
        .collect()
}

/// Parses one record; the error names the first bad column.
pub fn parse(
    rec: &ByteRecord,
    map: &HeaderMap,
    clock: &mut Clock,
    config: &Config,
    statuses: &BTreeMap<String, Status>,
) -> Result<OrderLine, RowError> {
    let get = |c: usize| field(rec, map.get(c));
    let order_id = required(get(col::ORDER_ID).as_ref(), col::ORDER_ID)?;
    let sku = required(get(col::SKU).as_ref(), col::SKU)?;
    let ordered_at = required(get(col::ORDERED_AT).as_ref(), col::ORDERED_AT)
        .and_then(|t| time(clock, &t, col::ORDERED_AT))?;
    let quantity = quantity(get(col::QUANTITY).as_ref())?;
    let platform = match get(col::PLATFORM).as_ref() {
        "" => "unknown".to_string(),
        p if !p.bytes().any(|b| b.is_ascii_uppercase()) && p.is_ascii() => p.to_string(),
        p => p.to_lowercase(),
    };
    let promised = match opt_time(clock, get(col::PROMISED).as_ref(), col::PROMISED)? {
        Some(d) => d,
        None => ordered_at + (config.promise_hours(&platform) * HOUR_MS as f64).round() as i64,
    };
    let shipped_at = opt_time(clock, get(col::SHIPPED_AT).as_ref(), col::SHIPPED_AT)?;
    if shipped_at.is_some_and(|s| s < ordered_at) {
        return Err(RowError {
            column: col::SHIPPED_AT,
            message: "shipped_at is before ordered_at".into(),
        });
    }
    Ok(OrderLine {
        status: status(get(col::STATUS).as_ref(), statuses)?,
        cause: get(col::CAUSE).into_owned(),
        detected_at: opt_time(clock, get(col::DETECTED_AT).as_ref(), col::DETECTED_AT)?,
        notified_at: opt_time(clock, get(col::NOTIFIED_AT).as_ref(), col::NOTIFIED_AT)?,
        amount: amount(get(col::AMOUNT).as_ref())?,
        order_id,
        sku,
        quantity,
        platform,
        ordered_at,
        promised,
        shipped_at,
    })
}

fn required(value: &str, column: usize) -> Result<String, RowError> {
    if value.is_empty() {
        Err(RowError {
            column,
            message: "required value is empty".into(),
        })
    } else {
        Ok(value.to_string())
    }
}

fn time(clock: &mut Clock, value: &str, column: usize) -> Result<i64, RowError> {
    clock.parse(value).ok_or_else(|| RowError {
        column,
        message: format!(
            "cannot read `{value}` as a timestamp (expected e.g. `2026-11-20 14:30`; add other formats under `timestamp_formats`)"
        ),
    })
}

fn opt_time(clock: &mut Clock, value: &str, column: usize) -> Result<Option<i64>, RowError> {
    if value.is_empty() {
        Ok(None)
    } else {
        time(clock, value, column).map(Some)
    }
}

/// Integer ≥ 1; empty means 1; `2.0` (an Excel re-save) is accepted as 2.
fn quantity(value: &str) -> Result<u32, RowError> {
    if value.is_empty() {
        return Ok(1);
    }
    let n = value.parse::<u32>().ok().or_else(|| {
        let f: f64 = value.parse().ok()?;
        (f.fract() == 0.0 && (1.0..4e9).contains(&f)).then_some(f as u32)
    });
    match n {
        Some(n) if n >= 1 => Ok(n),
        _ => Err(RowError {
            column: col::QUANTITY,
            message: format!("cannot read `{value}` as a quantity (a whole number ≥ 1)"),
        }),
    }
}

/// A decimal, optionally with a currency sign and thousands separators.
pub fn decimal(value: &str) -> Option<f64> {
    let cleaned: String = value
        .trim_start_matches(['¥', '￥', '$'])
        .chars()
        .filter(|&c| c != ',')
        .collect();
    cleaned.trim().parse::<f64>().ok().filter(|f| f.is_finite())
}

fn amount(value: &str) -> Result<Option<f64>, RowError> {
    if value.is_empty() {
        return Ok(None);
    }
    decimal(value).map(Some).ok_or_else(|| RowError {
        column: col::AMOUNT,
        message: format!("cannot read `{value}` as an amount"),
    })
}

fn status(value: &str, statuses: &BTreeMap<String, Status>) -> Result<Status, RowError> {
    // Fast path: the canonical values as most exports write them.
    if statuses.is_empty() {
        if let Some(s) = Status::canonical(value) {
            return Ok(s);
        }
    }
    let lower = value.to_lowercase();
    if let Some(s) = statuses.get(&lower) {
        return Ok(*s);
    }
    Status::canonical(&lower).ok_or_else(|| RowError {
        column: col::STATUS,
        message: format!(
            "unknown status `{value}` (expected open, shipped, cancelled, refunded, 待发货, 已发货, 已取消, 已退款; map other values under `status_map`)"
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    // Chinese aliases and the config map land on the four canonical statuses.
    #[test]
    fn status_aliases_and_map() {
        let mut cfg = Config::default();
        cfg.status_map.insert("Delivered".into(), "shipped".into());
        let m = status_map(&cfg);
        assert_eq!(status("已退款", &m), Ok(Status::Refunded));
        assert_eq!(status("delivered", &m), Ok(Status::Shipped));
        assert_eq!(status("SHIPPED", &m), Ok(Status::Shipped));
        assert!(status("lost", &m).is_err());
    }

    // Quantities from Excel re-saves (`2.0`) still count; zero does not.
    #[test]
    fn quantity_rules() {
        assert_eq!(quantity(""), Ok(1));
        assert_eq!(quantity("2.0"), Ok(2));
        assert!(quantity("0").is_err());
        assert!(quantity("x").is_err());
        assert_eq!(decimal("¥1,234.50"), Some(1234.5));
    }
}
