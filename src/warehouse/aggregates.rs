//! The second half of the script: the result tables of §3–§7, each one GROUP BY over
//! the used lines joined to the parameter row `p`. The classification is §3's, written
//! once ([`Gen::class_expr`]) and used for W; the trend weeks use their own week ends.

use super::Gen;
use super::lines::{LINES, STOCK_NORM};
use super::tables;
use super::weeks::PARAMS;

/// Lines due in W with their class (a scratch table: one week of lines).
pub const DUE_LINES: &str = "dbk_tmp_due";

/// Lines due in the week before W with their class as of its end (a scratch table).
pub const PREV_LINES: &str = "dbk_tmp_prev";

/// The line columns the aggregates read.
const LINE_COLUMNS: &str = "l.order_id, l.sku, l.quantity, l.platform, l.cause, l.ordered_ms, \
     l.promised_ms, l.shipped_ms, l.detected_ms, l.notified_ms, l.amount, l.cancelled, l.ship_unknown";

impl Gen<'_> {
    /// §3 at `p.as_of_ms`: T on time, L shipped late, U shipped at an unknown time, B
    /// buyer-cancelled, F failed-cancelled, O overdue unshipped, P pending.
    fn class_expr(&self) -> &'static str {
        "CASE
    WHEN l.shipped_ms IS NOT NULL AND l.shipped_ms <= l.promised_ms THEN 'T'
    WHEN l.shipped_ms IS NOT NULL THEN 'L'
    WHEN l.ship_unknown = 1 THEN 'U'
    WHEN l.cancelled = 1 AND l.cause = '' THEN 'B'
    WHEN l.cancelled = 1 THEN 'F'
    WHEN p.as_of_ms > l.promised_ms THEN 'O'
    ELSE 'P' END"
    }

    /// Open: not shipped (nor shipped at an unknown time), not cancelled, ordered
    /// before `as_of`.
    fn open_expr(&self) -> &'static str {
        "l.shipped_ms IS NULL AND l.ship_unknown = 0 AND l.cancelled = 0 AND l.ordered_ms < p.as_of_ms"
    }

    /// The statement creating the due lines of W.
    pub fn due_lines_table(&self) -> String {
        let select = format!(
            "SELECT {LINE_COLUMNS}, p.as_of_ms AS as_of_ms,
  {} AS c
FROM {LINES} l CROSS JOIN {PARAMS} p
WHERE l.promised_ms >= p.start_ms AND l.promised_ms < p.end_ms AND l.promised_ms < p.as_of_ms",
            self.class_expr()
        );
        self.d.create_scratch(DUE_LINES, &select)
    }

    /// The compensation of one failed-cancelled line: min(rate · amount, cap).
    fn compensation_expr(&self) -> String {
        let d = self.d;
        let rate = |r: &super::params::Rule| d.decimal_literal(&r.rate, 12, 9);
        let cap = |r: &super::params::Rule| d.decimal_literal(&r.cap, 30, 15);
        let pick = |f: &dyn Fn(&super::params::Rule) -> String| {
            let mut s = String::from("CASE platform");
            for (k, r) in &self.p.compensation {
                s.push_str(&format!(" WHEN {} THEN {}", d.string(k), f(r)));
            }
            s.push_str(&format!(" ELSE {} END", f(&self.p.default_compensation)));
            if self.p.compensation.is_empty() {
                f(&self.p.default_compensation)
            } else {
                s
            }
        };
        format!("least(amount * ({}), {})", pick(&rate), pick(&cap))
    }

    /// `dbk_due`.
    pub fn due_table(&self) -> String {
        let count = |cond: &str| format!("sum(CASE WHEN {cond} THEN 1 ELSE 0 END)");
        let zero = self.d.decimal_literal("0", 38, 15);
        let select = format!(
            "SELECT platform, cause, sku,
  count(*) AS due,
  {} AS on_time,
  {} AS shipped_late,
  {} AS overdue_unshipped,
  {} AS failed_cancelled,
  {} AS shipped_time_unknown,
  {} AS resolved_in_time,
  {notified},
  coalesce(sum(CASE WHEN c = 'F' AND amount IS NOT NULL THEN {} END), {zero}) AS compensation
FROM {DUE_LINES}
WHERE c <> 'B'
GROUP BY platform, cause, sku",
            count("c = 'T'"),
            count("c = 'L'"),
            count("c = 'O'"),
            count("c = 'F'"),
            count("c = 'U'"),
            count(&format!(
                "c = 'L' AND shipped_ms - promised_ms <= {}",
                self.p.resolve_ms
            )),
            self.compensation_expr(),
            notified = self.notification_columns(&count),
        );
        self.result(tables::DUE, &select)
    }

    /// The five notification columns of the delayed lines (classes L, O, F), as
    /// `dbk_due` and `dbk_prev_week` both list them, each counted with `count`.
    fn notification_columns(&self, count: &dyn Fn(&str) -> String) -> String {
        let delayed = "c IN ('L', 'O', 'F')";
        let within = format!(
            "{delayed} AND detected_ms IS NOT NULL AND notified_ms - detected_ms <= {}",
            self.p.notify_ms
        );
        [
            (
                format!("{delayed} AND notified_ms <= promised_ms"),
                "notified_proactive",
            ),
            (
                format!("{delayed} AND notified_ms > promised_ms"),
                "notified_after_deadline",
            ),
            (
                format!("{delayed} AND notified_ms IS NULL"),
                "notified_none",
            ),
            (within, "notified_in_time"),
            (
                format!("{delayed} AND detected_ms IS NOT NULL"),
                "with_detected_at",
            ),
        ]
        .iter()
        .map(|(cond, name)| format!("{} AS {name}", count(cond)))
        .collect::<Vec<_>>()
        .join(",\n  ")
    }

    /// `dbk_delays`.
    pub fn delays_table(&self) -> String {
        self.result(tables::DELAYS, &delays_select(DUE_LINES, "as_of_ms"))
    }

    /// `dbk_trend`: each earlier week with its own end as `as_of` (an open unshipped
    /// line is overdue).
    pub fn trend_table(&self) -> String {
        let n = self.p.earlier_weeks;
        let select = format!(
            "SELECT w.k AS k, w.week AS week, w.start_ms AS week_start_ms,
  coalesce(t.due, 0) AS due, coalesce(t.delayed, 0) AS delayed,
  coalesce(t.shipped_time_unknown, 0) AS shipped_time_unknown
FROM {weeks} w
LEFT JOIN (
  SELECT k, sum(CASE WHEN tc <> 'B' THEN 1 ELSE 0 END) AS due,
    sum(CASE WHEN tc = 'D' THEN 1 ELSE 0 END) AS delayed,
    sum(CASE WHEN tc = 'U' THEN 1 ELSE 0 END) AS shipped_time_unknown
  FROM (
    SELECT {k} AS k,
      CASE WHEN l.shipped_ms IS NOT NULL AND l.shipped_ms <= l.promised_ms THEN 'T'
        WHEN l.shipped_ms IS NOT NULL THEN 'D'
        WHEN l.ship_unknown = 1 THEN 'U'
        WHEN l.cancelled = 1 AND l.cause = '' THEN 'B'
        ELSE 'D' END AS tc
    FROM {LINES} l CROSS JOIN {PARAMS} p
    WHERE l.promised_ms >= p.b0 AND l.promised_ms < p.start_ms
  ) x
  GROUP BY k
) t ON t.k = w.k
WHERE w.k < {n}",
            weeks = super::weeks::WEEKS,
            k = self.trend_index("l.promised_ms"),
        );
        self.result(tables::TREND, &select)
    }

    /// The statement creating the lines due in the week before W (none when the trend
    /// has no earlier week), classified as of that week's end (the start of W): a line
    /// shipped only after it was still overdue unshipped then (class O).
    pub fn prev_lines_table(&self) -> String {
        let n = self.p.earlier_weeks;
        let week = if n == 0 {
            "1 = 0".to_string()
        } else {
            format!(
                "l.promised_ms >= p.b{} AND l.promised_ms < p.start_ms",
                n - 1
            )
        };
        let select = format!(
            "SELECT {LINE_COLUMNS}, p.start_ms AS end_ms,
  CASE
    WHEN l.shipped_ms IS NOT NULL AND l.shipped_ms <= l.promised_ms THEN 'T'
    WHEN l.shipped_ms IS NOT NULL AND l.shipped_ms <= p.start_ms THEN 'L'
    WHEN l.shipped_ms IS NOT NULL THEN 'O'
    WHEN l.ship_unknown = 1 THEN 'U'
    WHEN l.cancelled = 1 AND l.cause = '' THEN 'B'
    WHEN l.cancelled = 1 THEN 'F'
    ELSE 'O' END AS c
FROM {LINES} l CROSS JOIN {PARAMS} p
WHERE {week}"
        );
        self.d.create_scratch(PREV_LINES, &select)
    }

    /// `dbk_prev_week`: the figures of the other headline tiles for the week before W
    /// (its due and delayed lines are its `dbk_trend` row).
    pub fn prev_week_table(&self) -> String {
        let count = |cond: &str| format!("coalesce(sum(CASE WHEN {cond} THEN 1 ELSE 0 END), 0)");
        let zero = self.d.decimal_literal("0", 38, 15);
        let select = format!(
            "SELECT {} AS overdue_unshipped,
  {} AS failed_cancelled,
  {notified},
  coalesce(sum(CASE WHEN c = 'F' AND amount IS NOT NULL THEN {} END), {zero}) AS compensation
FROM {PREV_LINES}",
            count("c = 'O'"),
            count("c = 'F'"),
            self.compensation_expr(),
            notified = self.notification_columns(&count),
        );
        self.result(tables::PREV_WEEK, &select)
    }

    /// `dbk_prev_delays`: the delays of the week before W as of its end.
    pub fn prev_delays_table(&self) -> String {
        self.result(tables::PREV_DELAYS, &delays_select(PREV_LINES, "end_ms"))
    }

    /// `dbk_at_risk_groups`: every at-risk line (not only the listed ones) by cause and
    /// SKU, with the overdue ones and their time overdue.
    pub fn at_risk_groups_table(&self) -> String {
        let select = format!(
            "SELECT l.cause AS cause, l.sku AS sku, count(*) AS lines,
  sum(CASE WHEN l.promised_ms < p.as_of_ms THEN 1 ELSE 0 END) AS overdue_lines,
  sum(CASE WHEN l.promised_ms < p.as_of_ms THEN p.as_of_ms - l.promised_ms ELSE 0 END) AS overdue_ms
FROM {LINES} l CROSS JOIN {PARAMS} p
WHERE {} AND l.promised_ms < p.horizon_ms
GROUP BY l.cause, l.sku",
            self.open_expr()
        );
        self.result(tables::AT_RISK_GROUPS, &select)
    }

    /// `dbk_counts`.
    pub fn counts_table(&self) -> String {
        let rc = super::lines::ROW_COUNTS;
        let open = self.open_expr();
        let parts = [
            (
                "orders_placed",
                format!(
                    "SELECT count(*) FROM {LINES} l CROSS JOIN {PARAMS} p WHERE l.ordered_ms >= p.start_ms \
                     AND l.ordered_ms < p.end_ms AND l.ordered_ms < p.as_of_ms"
                ),
            ),
            (
                "at_risk",
                format!(
                    "SELECT count(*) FROM {LINES} l CROSS JOIN {PARAMS} p WHERE {open} AND l.promised_ms < p.horizon_ms"
                ),
            ),
            ("lines_used", format!("SELECT count(*) FROM {LINES}")),
            (
                "order_rows_read",
                format!("SELECT coalesce(max(rows_read), 0) FROM {rc}"),
            ),
            (
                "order_blank_rows",
                format!("SELECT coalesce(max(blank_rows), 0) FROM {rc}"),
            ),
            (
                "order_rows_unpaid",
                format!("SELECT coalesce(max(unpaid_rows), 0) FROM {rc}"),
            ),
            (
                "order_rows_superseded",
                format!("SELECT coalesce(sum(copies - 1), 0) FROM {LINES}"),
            ),
            (
                "stock_rows_read",
                format!("SELECT count(*) FROM {STOCK_NORM} WHERE blank = 0"),
            ),
            (
                "stock_blank_rows",
                format!("SELECT count(*) FROM {STOCK_NORM} WHERE blank = 1"),
            ),
            (
                "stock_rows_used",
                format!("SELECT count(*) FROM {}", tables::STOCK.name),
            ),
        ];
        let select = parts
            .iter()
            .map(|(name, q)| format!("SELECT {} AS name, ({q}) AS value", self.d.string(name)))
            .collect::<Vec<_>>()
            .join("\nUNION ALL\n");
        self.result(tables::COUNTS_TABLE, &select)
    }

    /// `dbk_sku`: every SKU of a used line.
    pub fn sku_table(&self) -> String {
        let open = self.open_expr();
        let select = format!(
            "SELECT l.sku AS sku,
  sum(CASE WHEN {open} THEN l.quantity ELSE 0 END) AS backlog,
  count(DISTINCT CASE WHEN {open} THEN l.order_id END) AS buyers_waiting
FROM {LINES} l CROSS JOIN {PARAMS} p
GROUP BY l.sku"
        );
        self.result(tables::SKU, &select)
    }

    /// `dbk_sku_daily`: the demand window, buyer-cancelled lines left out.
    pub fn sku_daily_table(&self) -> String {
        let select = format!(
            "SELECT sku, {} AS day, units FROM (
  SELECT l.sku AS sku, l.ordered_day AS d, sum(l.quantity) AS units
  FROM {LINES} l CROSS JOIN {PARAMS} p
  WHERE l.ordered_day >= p.first_day AND l.ordered_day < p.first_day + {}
    AND NOT (l.shipped_ms IS NULL AND l.ship_unknown = 0 AND l.cancelled = 1 AND l.cause = '')
  GROUP BY l.sku, l.ordered_day
) x",
            self.d.date_of_day("d"),
            self.p.demand_days
        );
        self.result(tables::SKU_DAILY, &select)
    }

    /// `dbk_at_risk`: the first open lines by deadline, with deadlines before the
    /// horizon.
    pub fn at_risk_table(&self) -> String {
        let select = format!(
            "SELECT l.order_id AS order_id, l.sku AS sku, l.platform AS platform,
  l.promised_ms AS promised_ms, l.cause AS cause
FROM {LINES} l CROSS JOIN {PARAMS} p
WHERE {} AND l.promised_ms < p.horizon_ms
ORDER BY l.promised_ms, l.order_id, l.sku
LIMIT {}",
            self.open_expr(),
            self.p.at_risk_limit
        );
        self.result(tables::AT_RISK, &select)
    }

    /// `dbk_stock`: valid stock rows, the highest `_seq` of each SKU.
    pub fn stock_table(&self) -> String {
        let select = format!(
            "SELECT sku, name, on_hand,
  CASE WHEN incoming < 0 THEN NULL ELSE coalesce(incoming, 0) END AS incoming, restock_eta,
  {} AS lead_time_days, supplier, seq
FROM (
  SELECT s.*, row_number() OVER (PARTITION BY sku ORDER BY seq DESC NULLS LAST) AS rn
  FROM {STOCK_NORM} s
  WHERE blank = 0 AND sku <> '' AND on_hand IS NOT NULL
    AND (lead_time_days IS NULL OR lead_time_days > 0)
) ranked
WHERE rn = 1",
            self.d.text("lead_time_days")
        );
        self.result(tables::STOCK, &select)
    }
}

/// The delay values of the late (L) and overdue (O) lines of `lines`, with how many lines
/// have each: an overdue line's delay runs to `end` (the week's `as_of`).
fn delays_select(lines: &str, end: &str) -> String {
    format!(
        "SELECT delay_ms, count(*) AS lines
FROM (
  SELECT CASE WHEN c = 'L' THEN shipped_ms - promised_ms ELSE {end} - promised_ms END AS delay_ms
  FROM {lines} WHERE c IN ('L', 'O')
) x
GROUP BY delay_ms"
    )
}
