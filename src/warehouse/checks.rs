//! Column-level data-quality checks (`report-metrics.md` §8, §11): what the streaming
//! path reports line by line, counted per column in the warehouse, with up to N
//! example rows each (by `order_id`, `sku`, value). Rows that fail a check marked
//! "skipped" are left out of every figure, as the streaming path skips them.

use super::Gen;
use super::lines::{BAD, LINES, STOCK_NORM};
use super::tables;

/// One check: where it looks, what it counts, and the value shown in examples.
pub struct Check {
    /// `orders` or `stock`.
    pub table: &'static str,
    /// The column checked (empty for the row).
    pub column: &'static str,
    /// The check's name.
    pub name: &'static str,
    /// The scratch table or view it reads.
    source: &'static str,
    /// The condition a row fails.
    condition: &'static str,
    /// The value shown.
    value: &'static str,
}

const fn check(
    table: &'static str,
    column: &'static str,
    name: &'static str,
    source: &'static str,
    condition: &'static str,
    value: &'static str,
) -> Check {
    Check {
        table,
        column,
        name,
        source,
        condition,
        value,
    }
}

/// Every check, in the order they are reported.
pub const CHECKS: &[Check] = &[
    check(
        "orders",
        "order_id",
        "missing_value",
        BAD,
        "blank = 0 AND bad_order_id = 1",
        "''",
    ),
    check(
        "orders",
        "sku",
        "missing_value",
        BAD,
        "blank = 0 AND bad_sku = 1",
        "''",
    ),
    check(
        "orders",
        "ordered_at",
        "missing_value",
        BAD,
        "blank = 0 AND bad_ordered = 1",
        "''",
    ),
    check(
        "orders",
        "status",
        "unknown_status",
        BAD,
        "blank = 0 AND bad_status = 1",
        "status_raw",
    ),
    check(
        "orders",
        "quantity",
        "bad_quantity",
        BAD,
        "blank = 0 AND bad_quantity = 1",
        "TEXT(quantity)",
    ),
    check(
        "orders",
        "amount",
        "negative_amount",
        BAD,
        "blank = 0 AND bad_amount = 1",
        "TEXT(amount)",
    ),
    check(
        "orders",
        "shipped_at",
        "shipped_before_ordered",
        BAD,
        "blank = 0 AND bad_shipped = 1",
        "''",
    ),
    check(
        "orders",
        "_seq",
        "missing_seq",
        BAD,
        "valid = 1 AND seq IS NULL",
        "''",
    ),
    check(
        "orders",
        "",
        "duplicate",
        LINES,
        "copies > 1",
        "TEXT(copies)",
    ),
    check(
        "orders",
        "_seq",
        "seq_tie",
        LINES,
        "seq_tie = 1",
        "TEXT(seq)",
    ),
    check(
        "orders",
        "delay_cause",
        "unknown_cause",
        LINES,
        "cause_known = 0",
        "cause",
    ),
    check(
        "orders",
        "platform",
        "unknown_platform",
        LINES,
        "platform_known = 0",
        "platform",
    ),
    check(
        "orders",
        "sku",
        "sku_not_in_stock",
        LINES,
        "NOT_IN_STOCK",
        "sku",
    ),
    check(
        "stock",
        "sku",
        "missing_value",
        STOCK_NORM,
        "blank = 0 AND sku = ''",
        "''",
    ),
    check(
        "stock",
        "on_hand",
        "missing_value",
        STOCK_NORM,
        "blank = 0 AND on_hand IS NULL",
        "''",
    ),
    check(
        "stock",
        "incoming",
        "negative_incoming",
        STOCK_NORM,
        "blank = 0 AND incoming < 0",
        "TEXT(incoming)",
    ),
    check(
        "stock",
        "lead_time_days",
        "bad_lead_time",
        STOCK_NORM,
        "blank = 0 AND lead_time_days <= 0",
        "TEXT(lead_time_days)",
    ),
    check(
        "stock",
        "",
        "duplicate",
        STOCK_NORM,
        "STOCK_DUPLICATE",
        "sku",
    ),
];

impl Gen<'_> {
    /// The condition of `c` as SQL (placeholders filled).
    fn condition(&self, c: &Check) -> String {
        match c.condition {
            "NOT_IN_STOCK" => format!("sku NOT IN (SELECT sku FROM {})", tables::STOCK.name),
            "STOCK_DUPLICATE" => format!(
                "blank = 0 AND sku IN (SELECT sku FROM {STOCK_NORM} WHERE blank = 0 AND sku <> '' \
                 GROUP BY sku HAVING count(*) > 1)"
            ),
            other => other.to_string(),
        }
    }

    /// The example value of `c` as SQL text.
    fn value(&self, c: &Check) -> String {
        match c
            .value
            .strip_prefix("TEXT(")
            .and_then(|v| v.strip_suffix(')'))
        {
            Some(column) => format!("coalesce({}, '')", self.d.text(column)),
            None => c.value.to_string(),
        }
    }

    /// How many rows `c` counts: superseded rows for duplicates, rows otherwise.
    fn check_count(&self, c: &Check) -> String {
        let cond = self.condition(c);
        match (c.table, c.name) {
            ("orders", "duplicate") => {
                format!("SELECT coalesce(sum(copies - 1), 0) FROM {LINES} WHERE {cond}")
            }
            ("stock", "duplicate") => format!(
                "SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n FROM {STOCK_NORM} \
                 WHERE blank = 0 AND sku <> '' GROUP BY sku) d"
            ),
            _ => format!("SELECT count(*) FROM {} WHERE {cond}", c.source),
        }
    }

    /// `dbk_checks`: one row per check, with its count (0 included).
    pub fn checks_table(&self) -> String {
        let d = self.d;
        let select = CHECKS
            .iter()
            .map(|c| {
                format!(
                    "SELECT {} AS table_name, {} AS column_name, {} AS check_name, ({}) AS rows",
                    d.string(c.table),
                    d.string(c.column),
                    d.string(c.name),
                    self.check_count(c)
                )
            })
            .collect::<Vec<_>>()
            .join("\nUNION ALL\n");
        self.result(tables::CHECKS, &select)
    }

    /// `dbk_check_examples`: the first N failing rows of each check, by key and value.
    pub fn examples_table(&self) -> String {
        let d = self.d;
        let n = self.s.examples;
        let parts: Vec<String> = CHECKS
            .iter()
            .map(|c| {
                let order_id = if c.table == "orders" { "order_id" } else { "''" };
                format!(
                    "SELECT {} AS table_name, {} AS column_name, {} AS check_name, order_id, sku, value
FROM (
  SELECT {order_id} AS order_id, sku, {} AS value FROM {}
  WHERE {}
  ORDER BY order_id, sku, value
  LIMIT {n}
) e",
                    d.string(c.table),
                    d.string(c.column),
                    d.string(c.name),
                    self.value(c),
                    c.source,
                    self.condition(c),
                )
            })
            .collect();
        self.result(tables::CHECK_EXAMPLES, &parts.join("\nUNION ALL\n"))
    }
}
