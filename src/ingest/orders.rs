//! One order line of an order export, typed: statuses, platforms and causes resolved,
//! Excel damage and impossible values turned into located problems.

use std::borrow::Cow;

use compact_str::CompactString;
use csv::ByteRecord;

use super::Fields;
use super::causes::Causes;
use super::columns::HeaderMap;
use super::excel;
use super::platform::Platforms;
use super::problem::Kind;
pub use super::status::Status;
use super::status::{Reading, Statuses};
use super::timestamp::{Clock, HOUR_MS};
use crate::config::Config;

/// Index of each canonical column in [`super::columns::ORDER_COLUMNS`].
pub mod col {
    /// order_id
    pub const ORDER_ID: usize = 0;
    /// sku
    pub const SKU: usize = 1;
    /// quantity
    pub const QUANTITY: usize = 2;
    /// platform
    pub const PLATFORM: usize = 3;
    /// ordered_at
    pub const ORDERED_AT: usize = 4;
    /// promised_ship_by
    pub const PROMISED: usize = 5;
    /// shipped_at
    pub const SHIPPED_AT: usize = 6;
    /// status
    pub const STATUS: usize = 7;
    /// delay_cause
    pub const CAUSE: usize = 8;
    /// detected_at
    pub const DETECTED_AT: usize = 9;
    /// notified_at
    pub const NOTIFIED_AT: usize = 10;
    /// amount
    pub const AMOUNT: usize = 12;
    /// unit_price
    pub const UNIT_PRICE: usize = 13;
    /// line_id (sub-order id)
    pub const LINE_ID: usize = 14;
    /// paid_at (payment time only, no creation-time fallback)
    pub const PAID_AT: usize = 15;
    /// presale (a 预售 mark)
    pub const PRESALE: usize = 16;
}

/// One valid order line. Times are instants in milliseconds (see `timestamp`).
///
/// The text fields are [`CompactString`]s: ids, SKUs, platform keys and cause codes of
/// up to 24 bytes (nearly all of them) live inside the struct, so reading a row does not
/// allocate, and a row held back as a possible duplicate costs no extra heap.
#[derive(Debug, Clone, PartialEq)]
pub struct OrderLine {
    /// Platform order number.
    pub order_id: CompactString,
    /// Seller SKU.
    pub sku: CompactString,
    /// Sub-order id (子订单编号), empty when the export has none: with it, two lines of
    /// one order with the same SKU are two lines, not a duplicate.
    pub line_id: CompactString,
    /// Units (≥ 1).
    pub quantity: u32,
    /// Platform key, lower case; `unknown` when empty.
    pub platform: CompactString,
    /// False when the platform value is neither a key nor an alias.
    pub platform_known: bool,
    /// When the buyer paid.
    pub ordered_at: i64,
    /// The dispatch deadline `D` (given, or `ordered_at` + promise hours);
    /// [`NO_DEADLINE`] for a 预售 line without a ship-by date.
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
    pub cause: CompactString,
    /// False when the cause value is set but unknown to the catalogue.
    pub cause_known: bool,
    /// When the shop learned of the problem.
    pub detected_at: Option<i64>,
    /// First proactive message to the buyer.
    pub notified_at: Option<i64>,
    /// Line amount paid.
    pub amount: Option<f64>,
}

/// The deadline of a 预售 (presale) line whose export gives no ship-by date: unknown, so
/// the line is never due, delayed or at risk in any week (it still counts as placed, in
/// demand and in backlog).
pub const NO_DEADLINE: i64 = i64::MAX;

/// Why a row is not used: the canonical column, the kind and a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// Index of the canonical column (into `ORDER_COLUMNS` / `STOCK_COLUMNS`).
    pub column: usize,
    /// What kind of problem.
    pub kind: Kind,
    /// What is wrong.
    pub message: String,
    /// The offending value (for grouping).
    pub value: String,
}

impl RowError {
    /// A problem in `column`.
    pub fn new(column: usize, kind: Kind, message: String) -> Self {
        RowError {
            column,
            kind,
            message,
            value: String::new(),
        }
    }

    /// Attaches the offending value (shortened).
    pub fn with_value(mut self, value: &str) -> Self {
        self.value = super::shown_value(value).into_owned();
        self
    }
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

/// The values of one row by canonical column (a plain record, or an item row joined
/// with its order, see `join`).
pub trait Row {
    /// The cleaned text of canonical column `col` (empty when absent).
    fn text(&self, col: usize) -> Cow<'_, str>;
    /// True when the row's file (or its paired file) has column `col`.
    fn has(&self, col: usize) -> bool;
    /// True when the value of `col` is the order's, lent to an item row that has none
    /// (see `join`).
    fn lent(&self, _col: usize) -> bool {
        false
    }
}

/// A record of a file read on its own.
pub struct Plain<'a, R: Fields + ?Sized = ByteRecord> {
    /// The record.
    pub rec: &'a R,
    /// Its header map.
    pub map: &'a HeaderMap,
}

impl<R: Fields + ?Sized> Row for Plain<'_, R> {
    fn text(&self, col: usize) -> Cow<'_, str> {
        super::cell(self.rec, self.map, col)
    }

    fn has(&self, col: usize) -> bool {
        self.map.has(col)
    }
}

/// Everything [`parse`] looks values up in.
pub struct Lookups<'a> {
    /// Project config (promise hours).
    pub config: &'a Config,
    /// Status values.
    pub statuses: &'a Statuses,
    /// Platform names.
    pub platforms: &'a Platforms,
    /// Cause names.
    pub causes: &'a Causes,
    /// The platform of rows without a platform value (the input's or the preset's).
    pub default_platform: Option<&'a str>,
}

/// Parses one row; the error names the first bad column.
pub fn parse(row: &impl Row, clock: &mut Clock, lk: &Lookups<'_>) -> Result<Parsed, RowError> {
    let order_id = id(row, col::ORDER_ID)?;
    let sku = id(row, col::SKU)?;
    let status = match status(&row.text(col::STATUS), lk.statuses)? {
        Reading::Unpaid => return Ok(Parsed::Unpaid),
        Reading::Line(s) if super::lifecycle::never_paid(row, s) => return Ok(Parsed::Unpaid),
        Reading::Line(s) => s,
    };
    let ordered_at =
        required(row, col::ORDERED_AT).and_then(|t| time(clock, &t, col::ORDERED_AT))?;
    let quantity = quantity(&row.text(col::QUANTITY))
        .map_err(|e| super::lifecycle::multi_item(row).unwrap_or(e))?;
    if sku.contains([';', '；'])
        && let Some(e) = super::lifecycle::multi_item(row)
    {
        return Err(e);
    }
    let (platform, platform_known) = platform(row, lk);
    let promised = match opt_time(clock, &row.text(col::PROMISED), col::PROMISED)? {
        Some(d) => d,
        None if super::lifecycle::is_presale(row) => NO_DEADLINE,
        None => ordered_at + (lk.config.promise_hours(&platform) * HOUR_MS as f64).round() as i64,
    };
    let shipped_at = match super::lifecycle::item_not_shipped(row, status) {
        true => None,
        false => opt_time(clock, &row.text(col::SHIPPED_AT), col::SHIPPED_AT)?,
    };
    if shipped_at.is_some_and(|s| s < ordered_at) {
        return Err(RowError::new(
            col::SHIPPED_AT,
            Kind::ShippedBeforeOrdered,
            crate::tr_report!("row.shipped_before"),
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
        line_id: CompactString::from(row.text(col::LINE_ID).as_ref()),
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
            crate::tr_report!("row.required_empty"),
        ))
    } else {
        Ok(value)
    }
}

/// A required id (order number, SKU), checked for Excel damage.
fn id(row: &impl Row, column: usize) -> Result<CompactString, RowError> {
    let value = required(row, column)?;
    if let Some(kind) = excel::id_damage(&value) {
        let what = if kind == Kind::ExcelHashes {
            crate::tr_report!("row.id_hashes")
        } else {
            crate::tr_report!("row.id_scientific", value = super::shown_value(&value))
        };
        return Err(RowError::new(column, kind, what).with_value(&value));
    }
    Ok(CompactString::from(value.as_ref()))
}

fn platform(row: &impl Row, lk: &Lookups<'_>) -> (CompactString, bool) {
    let value = row.text(col::PLATFORM);
    match (value.as_ref(), lk.default_platform) {
        ("", Some(p)) => lk.platforms.key(p),
        (v, _) => lk.platforms.key(v),
    }
}

fn cause(value: &str, causes: &Causes) -> (CompactString, bool) {
    if value.is_empty() {
        return (CompactString::default(), true);
    }
    match causes.code(value) {
        Some(code) => (CompactString::from(code), true),
        None => (CompactString::from(value), false),
    }
}

fn time(clock: &mut Clock, value: &str, column: usize) -> Result<i64, RowError> {
    if let Some(t) = clock.parse(value) {
        return Ok(t);
    }
    let shown = super::shown_value(value);
    let err = match excel::time_damage(value) {
        Some((Kind::ExcelSerialDate, date)) => RowError::new(
            column,
            Kind::ExcelSerialDate,
            crate::tr_report!("row.time_serial", value = shown, date = date),
        ),
        Some((kind, _)) => RowError::new(column, kind, crate::tr_report!("row.time_hashes")),
        None => RowError::new(
            column,
            Kind::BadTimestamp,
            crate::tr_report!("row.time_bad", value = shown),
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
            crate::tr_report!("row.quantity_bad", value = super::shown_value(value)),
        )
        .with_value(value)),
    }
}

/// A decimal, optionally with a currency sign, a trailing `元` and thousands
/// separators.
pub fn decimal(value: &str) -> Option<f64> {
    let bare = value
        .trim_start_matches(['¥', '￥', '$'])
        .trim_end_matches('元');
    // Only a value with thousands separators is copied (most amounts have none).
    let parsed = if bare.contains(',') {
        let cleaned: String = bare.chars().filter(|&c| c != ',').collect();
        cleaned.trim().parse::<f64>()
    } else {
        bare.trim().parse::<f64>()
    };
    parsed.ok().filter(|f| f.is_finite())
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
    let shown = || super::shown_value(&value);
    match decimal(&value) {
        Some(a) if a >= 0.0 => Ok(Some(a * scale)),
        Some(_) => Err(RowError::new(
            column,
            Kind::BadNumber,
            crate::tr_report!("row.amount_negative", value = shown()),
        )
        .with_value(&value)),
        None => Err(RowError::new(
            column,
            Kind::BadNumber,
            crate::tr_report!("row.amount_bad", value = shown()),
        )
        .with_value(&value)),
    }
}

fn status(value: &str, statuses: &Statuses) -> Result<Reading, RowError> {
    statuses.read(value).ok_or_else(|| {
        RowError::new(
            col::STATUS,
            Kind::UnknownStatus,
            crate::tr_report!("row.status_unknown", value = super::shown_value(value)),
        )
        .with_value(value)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    // Quantities from Excel re-saves (`2.0`) still count; zero does not.
    #[test]
    fn quantity_rules() {
        assert_eq!(quantity(""), Ok(1));
        assert_eq!(quantity("2.0"), Ok(2));
        assert!(quantity("0").is_err());
        assert!(quantity("x").is_err());
        assert_eq!(decimal("¥1,234.50"), Some(1234.5));
        assert_eq!(decimal("0元"), Some(0.0));
    }
}
