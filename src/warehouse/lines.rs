//! The first half of the script: every order row read from the input table,
//! normalized the way the streaming path reads a CSV cell (trimmed, statuses, platforms
//! and causes resolved, instants as epoch milliseconds), checked, and the used lines —
//! the valid rows, one per (`order_id`, `sku`), the highest `_seq` winning.

use super::Gen;
use super::dialect::ColumnType;
use crate::ingest::orders::col;

/// The normalized order rows (a view).
pub const NORM: &str = "dbk_tmp_norm";
/// The used lines (a scratch table).
pub const LINES: &str = "dbk_tmp_lines";
/// The order rows with a problem (a scratch table: normally a few rows).
pub const BAD: &str = "dbk_tmp_bad";
/// Row counts of the orders table (a one-row scratch table).
pub const ROW_COUNTS: &str = "dbk_tmp_row_counts";
/// The normalized stock rows (a view).
pub const STOCK_NORM: &str = "dbk_tmp_stock_norm";

impl Gen<'_> {
    /// A text column of the orders table, trimmed ('' when absent or NULL).
    fn text_col(&self, c: usize, name: &str) -> String {
        if self.absent(c) {
            "''".to_string()
        } else {
            self.d.trim(&self.d.column(name))
        }
    }

    /// Epoch milliseconds of an instant column (NULL when absent).
    fn ms_col(&self, c: usize, name: &str) -> String {
        if self.absent(c) {
            self.d.cast("NULL", ColumnType::Int, true)
        } else {
            self.d.epoch_ms(&self.d.column(name))
        }
    }

    /// Layer 1: values as read, trimmed, instants in ms.
    fn orders_read(&self) -> String {
        let d = self.d;
        let quantity = if self.absent(col::QUANTITY) {
            d.cast("NULL", ColumnType::Int, true)
        } else {
            d.column("quantity")
        };
        let amount = if self.absent(col::AMOUNT) {
            d.null_decimal(18, 6)
        } else {
            d.decimal(&d.column("amount"), 18, 6)
        };
        let ordered = d.column("ordered_at");
        let columns = [
            format!("{} AS order_id", self.text_col(col::ORDER_ID, "order_id")),
            format!("{} AS sku", self.text_col(col::SKU, "sku")),
            format!("{quantity} AS quantity"),
            format!(
                "{} AS platform_raw",
                d.lower(&self.text_col(col::PLATFORM, "platform"))
            ),
            format!("{} AS status_raw", self.text_col(col::STATUS, "status")),
            format!("{} AS cause_raw", self.text_col(col::CAUSE, "delay_cause")),
            format!("{} AS ordered_ms", d.epoch_ms(&ordered)),
            format!("{} AS ordered_day", d.local_day(&ordered, &self.tz)),
            format!(
                "{} AS promised_given_ms",
                self.ms_col(col::PROMISED, "promised_ship_by")
            ),
            format!(
                "{} AS shipped_ms",
                self.ms_col(col::SHIPPED_AT, "shipped_at")
            ),
            format!(
                "{} AS detected_ms",
                self.ms_col(col::DETECTED_AT, "detected_at")
            ),
            format!(
                "{} AS notified_ms",
                self.ms_col(col::NOTIFIED_AT, "notified_at")
            ),
            format!("{amount} AS amount"),
            format!("{} AS seq", d.column("_seq")),
        ];
        format!(
            "SELECT\n  {}\nFROM {}",
            columns.join(",\n  "),
            d.table(&self.s.orders_table)
        )
    }

    /// Layer 2: what the status, platform and cause values mean.
    fn orders_meaning(&self) -> String {
        let d = self.d;
        let key = d.lower(&format!(
            "replace({}, '，', ',')",
            d.strip_whitespace("r.status_raw")
        ));
        let status_pairs: Vec<(String, String)> = self
            .p
            .statuses
            .iter()
            .map(|(k, c)| (k.clone(), c.to_string()))
            .collect();
        let deleted = format!(
            "CASE WHEN {} OR {} THEN 'c' ELSE '' END",
            self.starts_with("status_key", "(删除)"),
            self.starts_with("status_key", "（删除）")
        );
        let status = self.lookup("status_key", &status_pairs, &deleted);
        let platform_pairs: Vec<(String, String)> =
            std::iter::once((String::new(), "unknown".to_string()))
                .chain(self.p.platforms.iter().map(|(k, v)| (k.clone(), v.clone())))
                .collect();
        let platform = self.lookup("platform_raw", &platform_pairs, "platform_raw");
        let cause_pairs: Vec<(String, String)> = self
            .p
            .causes
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let cause = self.lookup("cause_key", &cause_pairs, "cause_raw");
        let platform_names: Vec<String> = platform_pairs.iter().map(|(k, _)| k.clone()).collect();
        let cause_names: Vec<String> = cause_pairs.iter().map(|(k, _)| k.clone()).collect();
        format!(
            "SELECT order_id, sku, quantity, platform_raw, status_raw, cause_raw, ordered_ms, ordered_day,
  promised_given_ms, shipped_ms, detected_ms, notified_ms, amount, seq,
  {status} AS st,
  {platform} AS platform,
  CASE WHEN {} THEN 1 ELSE 0 END AS platform_known,
  {cause} AS cause,
  CASE WHEN cause_raw = '' OR {} THEN 1 ELSE 0 END AS cause_known
FROM (SELECT r.*, {key} AS status_key, {} AS cause_key FROM ({}) r) m",
            self.is_in("platform_raw", &platform_names),
            self.is_in("cause_key", &cause_names),
            d.lower("r.cause_raw"),
            self.orders_read()
        )
    }

    /// Layer 3: the deadline and the checks.
    fn orders_checked(&self) -> String {
        let promise: Vec<(String, String)> = self
            .p
            .promise_ms
            .iter()
            .map(|(k, ms)| (k.clone(), ms.to_string()))
            .collect();
        let promise = self.lookup_raw("platform", &promise, &self.p.default_promise_ms.to_string());
        let blank = "order_id = '' AND sku = '' AND quantity IS NULL AND platform_raw = '' \
             AND status_raw = '' AND cause_raw = '' AND ordered_ms IS NULL AND promised_given_ms IS NULL \
             AND shipped_ms IS NULL AND detected_ms IS NULL AND notified_ms IS NULL AND amount IS NULL";
        format!(
            "SELECT order_id, sku, quantity, platform, platform_known, cause, cause_known, st,
  status_raw, ordered_ms, ordered_day, shipped_ms, detected_ms, notified_ms, amount, seq,
  coalesce(promised_given_ms, ordered_ms + {promise}) AS promised_ms,
  CASE WHEN {blank} THEN 1 ELSE 0 END AS blank,
  CASE WHEN order_id = '' THEN 1 ELSE 0 END AS bad_order_id,
  CASE WHEN sku = '' THEN 1 ELSE 0 END AS bad_sku,
  CASE WHEN ordered_ms IS NULL THEN 1 ELSE 0 END AS bad_ordered,
  CASE WHEN st = '' THEN 1 ELSE 0 END AS bad_status,
  CASE WHEN quantity < 1 OR quantity > 4294967295 THEN 1 ELSE 0 END AS bad_quantity,
  CASE WHEN amount < 0 THEN 1 ELSE 0 END AS bad_amount,
  CASE WHEN shipped_ms < ordered_ms THEN 1 ELSE 0 END AS bad_shipped
FROM ({}) m",
            self.orders_meaning()
        )
    }

    /// The statement creating the normalized view, with `valid` and `unpaid`.
    pub fn norm_view(&self) -> String {
        let select = format!(
            "SELECT c.*,
  CASE WHEN blank = 0 AND bad_order_id = 0 AND bad_sku = 0 AND st = 'u' THEN 1 ELSE 0 END AS unpaid,
  CASE WHEN blank = 0 AND bad_order_id = 0 AND bad_sku = 0 AND bad_ordered = 0 AND bad_status = 0
    AND st <> 'u' AND bad_quantity = 0 AND bad_amount = 0 AND bad_shipped = 0 THEN 1 ELSE 0 END AS valid
FROM ({}) c",
            self.orders_checked()
        );
        self.d.create_view(NORM, &select)
    }

    /// The statement creating the used lines: the highest `_seq` of each pair among the
    /// valid rows, with how many valid rows the pair had and whether the winner's
    /// `_seq` is shared.
    pub fn lines_table(&self) -> String {
        let shipped_absent = if self.absent(col::SHIPPED_AT) { 1 } else { 0 };
        let select = format!(
            "SELECT order_id, sku, coalesce(quantity, 1) AS quantity, platform, platform_known, cause,
  cause_known, ordered_ms, ordered_day, promised_ms, shipped_ms, detected_ms, notified_ms, amount, seq,
  CASE WHEN st IN ('c', 'r') THEN 1 ELSE 0 END AS cancelled,
  CASE WHEN st = 's' AND {shipped_absent} = 1 THEN 1 ELSE 0 END AS ship_unknown,
  copies,
  CASE WHEN copies > 1 AND (seq = next_seq OR (seq IS NULL AND next_seq IS NULL)) THEN 1 ELSE 0 END AS seq_tie
FROM (
  SELECT n.*,
    row_number() OVER (PARTITION BY order_id, sku ORDER BY seq DESC NULLS LAST) AS rn,
    lead(seq) OVER (PARTITION BY order_id, sku ORDER BY seq DESC NULLS LAST) AS next_seq,
    count(*) OVER (PARTITION BY order_id, sku) AS copies
  FROM {NORM} n
  WHERE valid = 1
) ranked
WHERE rn = 1"
        );
        self.d.create_scratch(LINES, &select)
    }

    /// The statement creating the rows with a problem (or without `_seq`).
    pub fn bad_table(&self) -> String {
        let select = format!(
            "SELECT order_id, sku, quantity, amount, status_raw, seq, valid, bad_order_id, bad_sku,
  bad_ordered, bad_status, bad_quantity, bad_amount, bad_shipped, 0 AS blank
FROM {NORM}
WHERE blank = 0 AND (valid = 0 OR seq IS NULL)"
        );
        self.d.create_scratch(BAD, &select)
    }

    /// The statement creating the row counts: non-blank, blank and unpaid rows.
    pub fn row_counts_table(&self) -> String {
        let select = format!(
            "SELECT sum(CASE WHEN blank = 0 THEN 1 ELSE 0 END) AS rows_read,
  sum(CASE WHEN blank = 1 THEN 1 ELSE 0 END) AS blank_rows,
  sum(CASE WHEN unpaid = 1 THEN 1 ELSE 0 END) AS unpaid_rows
FROM {NORM}"
        );
        self.d.create_scratch(ROW_COUNTS, &select)
    }

    /// The statement creating the normalized stock view.
    pub fn stock_view(&self) -> String {
        let d = self.d;
        let t = |name: &str| d.trim(&d.column(name));
        let select = format!(
            "SELECT s.*,
  CASE WHEN sku = '' AND name = '' AND on_hand IS NULL AND incoming IS NULL AND restock_eta IS NULL
    AND lead_time_days IS NULL AND supplier = '' THEN 1 ELSE 0 END AS blank
FROM (
  SELECT {} AS sku, {} AS name, {} AS on_hand, {} AS incoming, {} AS restock_eta,
    {} AS lead_time_days, {} AS supplier, {} AS seq
  FROM {}
) s",
            t("sku"),
            t("name"),
            d.column("on_hand"),
            d.column("incoming"),
            d.column("restock_eta"),
            d.decimal(&d.column("lead_time_days"), 18, 6),
            t("supplier"),
            d.column("_seq"),
            d.table(&self.s.stock_table)
        );
        d.create_view(STOCK_NORM, &select)
    }

    /// `CASE expr WHEN k THEN v … ELSE otherwise END` with string keys and values.
    fn lookup(&self, expr: &str, pairs: &[(String, String)], otherwise: &str) -> String {
        let quoted: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| (k.clone(), self.d.string(v)))
            .collect();
        self.lookup_raw(expr, &quoted, otherwise)
    }

    /// `CASE expr WHEN 'k' THEN v … ELSE otherwise END`, values as SQL.
    fn lookup_raw(&self, expr: &str, pairs: &[(String, String)], otherwise: &str) -> String {
        if pairs.is_empty() {
            return otherwise.to_string();
        }
        let mut s = format!("CASE {expr}");
        for (k, v) in pairs {
            s.push_str(&format!(" WHEN {} THEN {v}", self.d.string(k)));
        }
        s.push_str(&format!(" ELSE {otherwise} END"));
        s
    }

    /// `expr IN ('a', …)`, false for an empty list.
    fn is_in(&self, expr: &str, values: &[String]) -> String {
        if values.is_empty() {
            return "1 = 0".to_string();
        }
        let list: Vec<String> = values.iter().map(|v| self.d.string(v)).collect();
        format!("{expr} IN ({})", list.join(", "))
    }

    fn starts_with(&self, expr: &str, prefix: &str) -> String {
        self.d.starts_with(expr, &self.d.string(prefix))
    }
}
