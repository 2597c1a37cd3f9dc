//! Frozen copy of `ingest::orders` before the fast path: one order line parsed into
//! owned `String`s.

use std::borrow::Cow;

use crate::ingest::causes::Causes;
use crate::ingest::excel;
use crate::ingest::orders::{Lookups, Row, RowError, col};
use crate::ingest::problem::Kind;
pub use crate::ingest::status::Status;
use crate::ingest::status::{Reading, Statuses};
use crate::ingest::timestamp::{Clock, HOUR_MS};

/// One valid order line. Times are instants in milliseconds (see `timestamp`).
#[derive(Debug, Clone, PartialEq)]
pub struct OrderLine {
    /// Platform order number.
    pub order_id: String,
    /// Seller SKU.
    pub sku: String,
    /// Sub-order id, empty when none.
    pub line_id: String,
    /// Units (≥ 1).
    pub quantity: u32,
    /// Platform key, lower case; `unknown` when empty.
    pub platform: String,
    /// False when the platform value is neither a key nor an alias.
    pub platform_known: bool,
    /// When the buyer paid.
    pub ordered_at: i64,
    /// The dispatch deadline `D` (given, or `ordered_at` + promise hours).
    pub promised: i64,
    /// Dispatch time, if shipped.
    pub shipped_at: Option<i64>,
    /// True for a shipped line from a file without a ship-time column: shipped, but
    /// when is unknown.
    pub ship_time_unknown: bool,
    /// Status.
    pub status: Status,
    /// Cause code (a catalogue code when the value was a code, name or alias), empty
    /// when none.
    pub cause: String,
    /// False when the cause value is set but unknown to the catalogue.
    pub cause_known: bool,
    /// When the shop learned of the problem.
    pub detected_at: Option<i64>,
    /// First proactive message to the buyer.
    pub notified_at: Option<i64>,
    /// Line amount paid.
    pub amount: Option<f64>,
}

/// A row read: a line, or an order that was never paid (counted, not used).
#[derive(Debug, Clone, PartialEq)]
#[allow(
    clippy::large_enum_variant,
    reason = "one per row, moved into the accumulators at once: boxing would allocate per row"
)]
pub enum Parsed {
    /// A valid order line.
    Line(OrderLine),
    /// Status 待支付 / 等待买家付款 …: not an order line yet.
    Unpaid,
}

/// Parses one row; the error names the first bad column.
pub fn parse(row: &impl Row, clock: &mut Clock, lk: &Lookups<'_>) -> Result<Parsed, RowError> {
    let order_id = id(row, col::ORDER_ID)?;
    let sku = id(row, col::SKU)?;
    let status = match status(&row.text(col::STATUS), lk.statuses)? {
        Reading::Unpaid => return Ok(Parsed::Unpaid),
        Reading::Line(s) if crate::ingest::lifecycle::never_paid(row, s) => {
            return Ok(Parsed::Unpaid);
        }
        Reading::Line(s) => s,
    };
    let ordered_at =
        required(row, col::ORDERED_AT).and_then(|t| time(clock, &t, col::ORDERED_AT))?;
    let quantity = quantity(&row.text(col::QUANTITY))
        .map_err(|e| crate::ingest::lifecycle::multi_item(row).unwrap_or(e))?;
    if sku.contains([';', '；'])
        && let Some(e) = crate::ingest::lifecycle::multi_item(row)
    {
        return Err(e);
    }
    let (platform, platform_known) = platform(row, lk);
    let promised = match opt_time(clock, &row.text(col::PROMISED), col::PROMISED)? {
        Some(d) => d,
        None if crate::ingest::lifecycle::is_presale(row) => crate::ingest::orders::NO_DEADLINE,
        None => ordered_at + (lk.config.promise_hours(&platform) * HOUR_MS as f64).round() as i64,
    };
    let shipped_at = if crate::ingest::lifecycle::item_not_shipped(row, status) {
        None
    } else {
        opt_time(clock, &row.text(col::SHIPPED_AT), col::SHIPPED_AT)?
    };
    if shipped_at.is_some_and(|s| s < ordered_at) {
        return Err(RowError::new(
            col::SHIPPED_AT,
            Kind::ShippedBeforeOrdered,
            "shipped_at is before ordered_at".into(),
        ));
    }
    let (cause, cause_known) = cause(&row.text(col::CAUSE), lk.causes);
    Ok(Parsed::Line(OrderLine {
        ship_time_unknown: status == Status::Shipped && !row.has(col::SHIPPED_AT),
        status,
        cause,
        cause_known,
        detected_at: opt_time(clock, &row.text(col::DETECTED_AT), col::DETECTED_AT)?,
        notified_at: opt_time(clock, &row.text(col::NOTIFIED_AT), col::NOTIFIED_AT)?,
        amount: amount(row, quantity)?,
        line_id: row.text(col::LINE_ID).into_owned(),
        order_id,
        sku,
        quantity,
        platform,
        platform_known,
        ordered_at,
        promised,
        shipped_at,
    }))
}

fn required<'r>(row: &'r impl Row, column: usize) -> Result<Cow<'r, str>, RowError> {
    let value = row.text(column);
    if value.is_empty() {
        Err(RowError::new(
            column,
            Kind::MissingValue,
            "required value is empty".into(),
        ))
    } else {
        Ok(value)
    }
}

/// A required id (order number, SKU), checked for Excel damage.
fn id(row: &impl Row, column: usize) -> Result<String, RowError> {
    let value = required(row, column)?;
    if let Some(kind) = excel::id_damage(&value) {
        let what = if kind == Kind::ExcelHashes {
            "is `#####`: Excel wrote what it showed in a column too narrow".to_string()
        } else {
            format!(
                "`{}` is in scientific notation: Excel turned the id into a number and its last digits are lost",
                crate::ingest::shown_value(&value)
            )
        };
        return Err(RowError::new(column, kind, what).with_value(&value));
    }
    Ok(value.into_owned())
}

fn platform(row: &impl Row, lk: &Lookups<'_>) -> (String, bool) {
    let value = row.text(col::PLATFORM);
    match (value.as_ref(), lk.default_platform) {
        ("", Some(p)) => string_key(lk.platforms.key(p)),
        (v, _) => string_key(lk.platforms.key(v)),
    }
}

fn cause(value: &str, causes: &Causes) -> (String, bool) {
    if value.is_empty() {
        return (String::new(), true);
    }
    match causes.code(value) {
        Some(code) => (code.to_string(), true),
        None => (value.to_string(), false),
    }
}

fn time(clock: &mut Clock, value: &str, column: usize) -> Result<i64, RowError> {
    if let Some(t) = clock.parse(value) {
        return Ok(t);
    }
    let shown = crate::ingest::shown_value(value);
    let err = match excel::time_damage(value) {
        Some((Kind::ExcelSerialDate, date)) => RowError::new(
            column,
            Kind::ExcelSerialDate,
            format!(
                "`{shown}` is an Excel serial number ({date}), not a time: Excel reformatted the column"
            ),
        ),
        Some((kind, _)) => RowError::new(
            column,
            kind,
            "is `#####`: Excel wrote what it showed in a column too narrow for the time".into(),
        ),
        None => RowError::new(
            column,
            Kind::BadTimestamp,
            format!(
                "cannot read `{shown}` as a timestamp (expected e.g. `2026-11-20 14:30`; add other formats under `timestamp_formats`)"
            ),
        ),
    };
    Err(err.with_value(value))
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
        _ => Err(RowError::new(
            col::QUANTITY,
            Kind::BadNumber,
            format!(
                "cannot read `{}` as a quantity (a whole number ≥ 1)",
                crate::ingest::shown_value(value)
            ),
        )
        .with_value(value)),
    }
}

/// A decimal, optionally with a currency sign, a trailing `元` and thousands
/// separators.
fn decimal(value: &str) -> Option<f64> {
    let cleaned: String = value
        .trim_start_matches(['¥', '￥', '$'])
        .trim_end_matches('元')
        .chars()
        .filter(|&c| c != ',')
        .collect();
    cleaned.trim().parse::<f64>().ok().filter(|f| f.is_finite())
}

/// The line amount: `amount`, else `unit_price × quantity`; never negative.
fn amount(row: &impl Row, quantity: u32) -> Result<Option<f64>, RowError> {
    let (column, value, scale) = match row.text(col::AMOUNT) {
        v if !v.is_empty() => (col::AMOUNT, v, 1.0),
        _ => (
            col::UNIT_PRICE,
            row.text(col::UNIT_PRICE),
            f64::from(quantity),
        ),
    };
    if value.is_empty() {
        return Ok(None);
    }
    let shown = crate::ingest::shown_value(&value);
    match decimal(&value) {
        Some(a) if a >= 0.0 => Ok(Some(a * scale)),
        Some(_) => Err(RowError::new(
            column,
            Kind::BadNumber,
            format!("amount `{shown}` is negative (a line amount paid is 0 or more)"),
        )
        .with_value(&value)),
        None => Err(RowError::new(
            column,
            Kind::BadNumber,
            format!("cannot read `{shown}` as an amount"),
        )
        .with_value(&value)),
    }
}

fn status(value: &str, statuses: &Statuses) -> Result<Reading, RowError> {
    statuses.read(value).ok_or_else(|| {
        RowError::new(
            col::STATUS,
            Kind::UnknownStatus,
            format!(
                "unknown status `{}` (expected open, shipped, cancelled, refunded or a platform's own value such as 待发货, 已发货, 交易成功, 已关闭; map other values under `status_map`)",
                crate::ingest::shown_value(value)
            ),
        )
        .with_value(value)
    })
}

fn string_key((key, known): (compact_str::CompactString, bool)) -> (String, bool) {
    (key.into(), known)
}
