//! The report as data: every figure of `report-metrics.md`, with the JSON keys of the
//! contract (serialised as `report.json`).

use serde::Serialize;

use crate::ingest::Problem;

/// The weekly delay report.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Report {
    /// ISO week, e.g. `2026-W47`.
    pub week: String,
    /// The report's "now", RFC 3339 with the local offset.
    pub as_of: String,
    /// IANA timezone used for local times.
    pub timezone: String,
    /// Headline figures (§4).
    pub totals: Totals,
    /// Delay hours of delayed lines that have a delay (§4).
    pub delay_hours: DelayHours,
    /// Delayed lines by cause (§5).
    pub causes: Vec<CauseRow>,
    /// Per platform with at least one due line (§5).
    pub platforms: Vec<PlatformRow>,
    /// The SKUs with the most delayed lines (§5).
    pub skus: Vec<SkuRow>,
    /// How buyers of delayed lines were told (§5); null when no order file has a
    /// `notified_at` column (§10).
    pub notification: Option<Notification>,
    /// The 8 weeks ending with this one, oldest first (§5).
    pub trend: Vec<TrendRow>,
    /// Estimated compensation for failed-cancelled lines due in the week (§5); null when
    /// no order file has an amount column (§10).
    pub compensation_estimate: Option<f64>,
    /// Stock recommendations (§6).
    pub stock: Vec<StockRec>,
    /// Open lines overdue or due within a day (§7).
    pub at_risk: AtRisk,
    /// Rows read, used, skipped and the problems found (§8).
    pub data_quality: DataQuality,
    /// At most five actions for the week, ranked by impact (§11; see
    /// [`super::priorities`]).
    pub priorities: Vec<super::priorities::Priority>,
    /// The week before this one with the figures of every headline tile, computed as its
    /// own report would have shown them at its end (an addition to the contract, see
    /// `docs/report.md`); null when the trend has no earlier week.
    pub previous_week: Option<PreviousWeek>,
    /// Sorted delay hours (for the histogram; not in report.json).
    #[serde(skip)]
    pub delay_values: Vec<f64>,
    /// Watched optional columns that no order file has (canonical names; not in
    /// report.json, where their figures are null).
    #[serde(skip)]
    pub absent: Vec<&'static str>,
    /// How the week was chosen, for the terminal (not in report.json).
    #[serde(skip)]
    pub week_note: String,
    /// Each order file and the export it was read as, for the terminal.
    #[serde(skip)]
    pub inputs: Vec<InputNote>,
}

/// One order file as read: for the terminal (`-v` adds why).
#[derive(Debug, Clone, PartialEq)]
pub struct InputNote {
    /// The file as shown.
    pub file: String,
    /// What it was read as (`抖店订单导出 (douyin)`), or the generic reading.
    pub read_as: String,
    /// Why (the headers that identified it), for `-v`.
    pub why: String,
    /// True when a platform preset was used (then the note is always shown).
    pub platform: bool,
}

/// §4 headline figures.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Totals {
    /// Lines ordered in the week (before `as_of`).
    pub orders_placed: u64,
    /// Lines due in the week, buyer-cancelled ones excluded.
    pub due: u64,
    /// Due lines shipped by their deadline (null when some were shipped at a time the
    /// export does not give).
    pub on_time: Option<u64>,
    /// Due lines shipped after their deadline (null likewise).
    pub shipped_late: Option<u64>,
    /// Due lines not shipped and past their deadline.
    pub overdue_unshipped: u64,
    /// Due lines cancelled or refunded with a cause (the shop failed them).
    pub failed_cancelled: u64,
    /// `shipped_late + overdue_unshipped + failed_cancelled` (null likewise).
    pub delayed: Option<u64>,
    /// `delayed / due` (0 when nothing was due; null likewise).
    pub late_rate: Option<f64>,
    /// Delayed lines shipped within 72 h of their deadline (null likewise).
    pub resolved_within_72h: Option<u64>,
    /// Due lines shipped at a time the export does not give (0 when every order file
    /// has a ship-time column).
    pub shipped_time_unknown: u64,
}

/// Nearest-rank percentiles of delay hours.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct DelayHours {
    /// Median.
    pub p50: Option<f64>,
    /// 90th percentile.
    pub p90: Option<f64>,
    /// Largest delay.
    pub max: Option<f64>,
}

/// One cause group.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CauseRow {
    /// Cause code, or `unattributed`.
    pub code: String,
    /// Catalogue name (`未标注` for unattributed; the code itself when unknown).
    pub name: String,
    /// Delayed lines.
    pub count: u64,
    /// `count / delayed`.
    pub share: f64,
}

/// One platform.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PlatformRow {
    /// Platform key, lower case (`unknown` when empty).
    pub platform: String,
    /// Due lines.
    pub due: u64,
    /// Delayed lines (null when some due lines have an unknown ship time).
    pub delayed: Option<u64>,
    /// `delayed / due` (null likewise).
    pub late_rate: Option<f64>,
}

/// One of the SKUs with most delayed lines.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SkuRow {
    /// SKU.
    pub sku: String,
    /// Name from stock.csv.
    pub name: String,
    /// Delayed lines.
    pub delayed: u64,
    /// Most frequent cause (ties by code; `unattributed` for empty).
    pub top_cause: String,
}

/// How buyers of delayed lines were told.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Notification {
    /// Told by the deadline.
    pub proactive: u64,
    /// Told after the deadline.
    pub after_deadline: u64,
    /// Never told.
    pub none: u64,
    /// Told within 2 h of detection; null when no order file has `detected_at` (§10).
    pub within_2h: Option<u64>,
    /// Delayed lines with a `detected_at`; null likewise.
    pub with_detected_at: Option<u64>,
}

/// One week of the trend.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TrendRow {
    /// ISO week.
    pub week: String,
    /// Due lines.
    pub due: u64,
    /// Delayed lines (null when some due lines have an unknown ship time).
    pub delayed: Option<u64>,
    /// `delayed / due`; null when nothing was due (a gap in the chart, §10) or the
    /// delayed count is unknown.
    pub late_rate: Option<f64>,
}

/// The week before the report's week, as of its own end (`report.json` →
/// `previous_week`): what each headline tile compares with.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PreviousWeek {
    /// ISO week.
    pub week: String,
    /// Due lines (as its trend row).
    pub due: u64,
    /// Shipped late by the end of that week (null when ship times are unknown).
    pub shipped_late: Option<u64>,
    /// Not shipped by the end of that week, deadline passed (a line shipped only after
    /// that end counts here: it was still waiting then).
    pub overdue_unshipped: u64,
    /// Cancelled or refunded with a cause.
    pub failed_cancelled: u64,
    /// `shipped_late + overdue_unshipped + failed_cancelled` (as its trend row).
    pub delayed: Option<u64>,
    /// `delayed / due`; null when nothing was due or ship times are unknown.
    pub late_rate: Option<f64>,
    /// Delay hours as of the end of that week (null when ship times are unknown or no
    /// line had a delay).
    pub delay_hours: DelayHours,
    /// How buyers of its delayed lines were told (null as this week's).
    pub notification: Option<Notification>,
    /// Compensation for its failed-cancelled lines (null as this week's).
    pub compensation_estimate: Option<f64>,
}

/// What to do about a SKU's stock.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Take the listing down.
    Delist,
    /// Mark the listing 预售 with the ship date.
    Presale,
    /// Keep listed; tell waiting buyers the new date.
    NotifyAndWait,
    /// No restock date: chase the supplier.
    ChaseSupplier,
    /// Order `restock_qty` from the supplier.
    Reorder,
    /// Nothing to do.
    Ok,
}

impl Action {
    /// The key used in JSON, CSV and i18n (`delist`, `presale`, …).
    pub fn key(self) -> &'static str {
        match self {
            Action::Delist => "delist",
            Action::Presale => "presale",
            Action::NotifyAndWait => "notify_and_wait",
            Action::ChaseSupplier => "chase_supplier",
            Action::Reorder => "reorder",
            Action::Ok => "ok",
        }
    }
}

/// One SKU's stock recommendation (§6).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct StockRec {
    /// SKU.
    pub sku: String,
    /// Product name.
    pub name: String,
    /// Supplier.
    pub supplier: String,
    /// Units in the warehouse (0 when missing from stock.csv).
    pub on_hand: i64,
    /// Units ordered from the supplier; `None` (null) when stock.csv has a value that
    /// cannot be read.
    pub incoming: Option<i64>,
    /// Expected restock date, `YYYY-MM-DD`.
    pub restock_eta: Option<String>,
    /// Lead time in days used.
    pub lead_time_days: f64,
    /// Units ordered in the 30 local days before `as_of`'s date.
    pub demand_30d: u64,
    /// `demand_30d / 30`.
    pub daily_demand: f64,
    /// Population standard deviation of the 30 daily totals.
    pub sigma_daily: f64,
    /// Units ordered before `as_of`, not shipped, not cancelled.
    pub backlog: u64,
    /// `on_hand − backlog`.
    pub available: i64,
    /// `available / daily_demand`.
    pub days_of_cover: Option<f64>,
    /// Whole days until restock.
    pub eta_days: Option<i64>,
    /// ⌈z · σ · √lead⌉.
    pub safety_stock: i64,
    /// ⌈daily_demand · lead⌉ + safety_stock.
    pub reorder_point: i64,
    /// Among the top 20 % by demand.
    pub hot: bool,
    /// Stock to aim for.
    pub target_stock: i64,
    /// Units to order.
    pub restock_qty: i64,
    /// What to do.
    pub action: Action,
    /// Distinct orders waiting for this SKU.
    pub buyers_waiting: u64,
    /// For presale and notify_and_wait: the new ship date (`as_of + eta_days`, local date).
    #[serde(skip)]
    pub ship_date: Option<String>,
}

/// Open lines at risk.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct AtRisk {
    /// All at-risk lines.
    pub count: u64,
    /// The first ones by deadline (at most 200).
    pub rows: Vec<AtRiskRow>,
    /// Every at-risk line (listed or not) by playbook: most lines first, then by id (an
    /// addition to the contract).
    pub playbooks: Vec<PlaybookCount>,
    /// Every at-risk line by cause code and SKU, for the priorities (not in report.json).
    #[serde(skip)]
    pub tallies: Vec<RiskCauseSku>,
}

/// The at-risk lines of one playbook.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PlaybookCount {
    /// Playbook id (`triage` when none applies).
    pub playbook: String,
    /// All its at-risk lines.
    pub count: u64,
    /// Of which overdue.
    pub overdue: u64,
}

/// The at-risk lines of one cause on one SKU.
#[derive(Debug, Clone, PartialEq)]
pub struct RiskCauseSku {
    /// Cause code as in the data (empty when none).
    pub cause: String,
    /// SKU.
    pub sku: String,
    /// Its playbook id.
    pub playbook: String,
    /// At-risk lines.
    pub lines: u64,
    /// Of which overdue.
    pub overdue: u64,
    /// Their time overdue, summed, in milliseconds (exact).
    pub overdue_ms: i128,
}

/// One at-risk line.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AtRiskRow {
    /// Order number.
    pub order_id: String,
    /// SKU.
    pub sku: String,
    /// Platform key.
    pub platform: String,
    /// Deadline, RFC 3339.
    pub promised_ship_by: String,
    /// Hours from `as_of` to the deadline (negative when overdue).
    pub hours_left: f64,
    /// Cause code, or null.
    pub delay_cause: Option<String>,
    /// Playbook id to follow (`triage` when no known cause).
    pub playbook: String,
}

/// Rows and problems (§8).
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct DataQuality {
    /// Non-blank rows read, both files.
    pub rows_read: u64,
    /// Rows used.
    pub rows_used: u64,
    /// Rows skipped (invalid or superseded duplicates).
    pub rows_skipped: u64,
    /// Rows whose fields are all empty.
    pub blank_rows: u64,
    /// Problems, sorted by file and line, at most 1,000.
    pub problems: Vec<Problem>,
    /// Rows of orders never paid (待支付, 等待买家付款): skipped, not problems.
    pub unpaid_rows: u64,
    /// Number of problems, including those beyond the list.
    #[serde(skip)]
    pub problem_count: u64,
    /// The problems grouped by kind and column, with counts (for the terminal).
    #[serde(skip)]
    pub groups: Vec<crate::report::quality::Group>,
    /// Order rows read (non-blank), for the `check` summary.
    #[serde(skip)]
    pub order_rows_read: u64,
    /// Order rows used.
    #[serde(skip)]
    pub order_rows_used: u64,
    /// SKUs in stock.csv.
    #[serde(skip)]
    pub stock_skus: u64,
    /// Column-level checks of the warehouse route (`report --aggregates`); absent for
    /// CSV files, whose problems are listed line by line instead.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub checks: Vec<ColumnCheck>,
}

/// A column-level data-quality check run by the warehouse SQL (§11): how many rows
/// failed it, and the first few by key.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ColumnCheck {
    /// `orders` or `stock` (the role; the table's own name is in the problem).
    pub table: String,
    /// The column checked (empty for the row).
    pub column: String,
    /// What was checked (`missing_value`, `unknown_status`, `duplicate`, …).
    pub check: String,
    /// Rows that failed it (for `duplicate`: the superseded rows).
    pub rows: u64,
    /// The first failing rows by order id, SKU and value.
    pub examples: Vec<CheckExample>,
}

/// One example row of a [`ColumnCheck`].
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CheckExample {
    /// Order number (empty for stock rows).
    pub order_id: String,
    /// SKU.
    pub sku: String,
    /// The offending value, as text.
    pub value: String,
}

/// `a / b` as a float, 0 when `b` is 0.
pub fn rate(a: u64, b: u64) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// `a / b`, null when `b` is 0 (a trend week with nothing due) or `a` is unknown.
pub fn rate_or_null(a: Option<u64>, b: u64) -> Option<f64> {
    match a {
        Some(a) if b > 0 => Some(a as f64 / b as f64),
        _ => None,
    }
}
