//! The result tables: names, columns and types, in one place for the SQL that writes
//! them and the reader of `report --aggregates` (and `docs/warehouse.md`, which lists
//! the same). Each is small: its rows grow with SKUs, platforms, causes, days and
//! delayed lines of one week, never with the order history.

use super::dialect::ColumnType::{self, Date, Decimal, Int, Text};

/// One column of a result table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// Column name.
    pub name: &'static str,
    /// Its type.
    pub ty: ColumnType,
    /// True when it may be NULL (empty in the CSV export).
    pub nullable: bool,
}

/// A result table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Table {
    /// Table name (`dbk_…`), also the CSV file name without `.csv`.
    pub name: &'static str,
    /// Its columns, in order.
    pub columns: &'static [Column],
}

impl Table {
    /// Index of a column by name.
    pub fn index(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.name == name)
    }
}

const fn c(name: &'static str, ty: ColumnType) -> Column {
    Column {
        name,
        ty,
        nullable: false,
    }
}

const fn n(name: &'static str, ty: ColumnType) -> Column {
    Column {
        name,
        ty,
        nullable: true,
    }
}

/// The version of the table layout, checked by the reader.
pub const FORMAT: &str = "delaybook-warehouse/2";

/// One row: how the script was generated and the week it chose.
pub const RUN: Table = Table {
    name: "dbk_run",
    columns: &[
        c("format", Text),
        c("dialect", Text),
        c("timezone", Text),
        c("settings", Text),
        n("week", Text),
        n("week_monday", Date),
        n("week_start_ms", Int),
        n("week_end_ms", Int),
        n("as_of_ms", Int),
        c("as_of_given", Int),
        n("max_ordered_date", Date),
        n("demand_first_date", Date),
        c("absent_columns", Text),
        c("examples", Int),
        c("orders_table", Text),
        c("stock_table", Text),
    ],
};

/// The weeks before W: due, delayed and shipped-at-unknown-time lines (week end as
/// `as_of`). `k` is 0 for the oldest.
pub const TREND: Table = Table {
    name: "dbk_trend",
    columns: &[
        c("k", Int),
        c("week", Text),
        c("week_start_ms", Int),
        c("due", Int),
        c("delayed", Int),
        c("shipped_time_unknown", Int),
    ],
};

/// Lines due in W (buyer-cancelled ones left out) by platform × cause × SKU.
pub const DUE: Table = Table {
    name: "dbk_due",
    columns: &[
        c("platform", Text),
        c("cause", Text),
        c("sku", Text),
        c("due", Int),
        c("on_time", Int),
        c("shipped_late", Int),
        c("overdue_unshipped", Int),
        c("failed_cancelled", Int),
        c("shipped_time_unknown", Int),
        c("resolved_in_time", Int),
        c("notified_proactive", Int),
        c("notified_after_deadline", Int),
        c("notified_none", Int),
        c("notified_in_time", Int),
        c("with_detected_at", Int),
        c("compensation", Decimal),
    ],
};

/// Delay values of the delayed lines of W that have one (shipped late, overdue), in
/// milliseconds, with how many lines have each.
pub const DELAYS: Table = Table {
    name: "dbk_delays",
    columns: &[c("delay_ms", Int), c("lines", Int)],
};

/// The week before W as of its own end (a line shipped after it counts as overdue
/// unshipped): the figures of the headline tiles its `dbk_trend` row does not have. One
/// row.
pub const PREV_WEEK: Table = Table {
    name: "dbk_prev_week",
    columns: &[
        c("overdue_unshipped", Int),
        c("failed_cancelled", Int),
        c("notified_proactive", Int),
        c("notified_after_deadline", Int),
        c("notified_none", Int),
        c("notified_in_time", Int),
        c("with_detected_at", Int),
        c("compensation", Decimal),
    ],
};

/// Delay values of the week before W as of its end, with how many lines have each.
pub const PREV_DELAYS: Table = Table {
    name: "dbk_prev_delays",
    columns: &[c("delay_ms", Int), c("lines", Int)],
};

/// Every at-risk line by cause × SKU: lines, overdue lines and their time overdue.
pub const AT_RISK_GROUPS: Table = Table {
    name: "dbk_at_risk_groups",
    columns: &[
        c("cause", Text),
        c("sku", Text),
        c("lines", Int),
        c("overdue_lines", Int),
        c("overdue_ms", Int),
    ],
};

/// Named counts (see `COUNTS`).
pub const COUNTS_TABLE: Table = Table {
    name: "dbk_counts",
    columns: &[c("name", Text), c("value", Int)],
};

/// The names in `dbk_counts`.
pub const COUNTS: &[&str] = &[
    "orders_placed",
    "at_risk",
    "lines_used",
    "order_rows_read",
    "order_blank_rows",
    "order_rows_unpaid",
    "order_rows_superseded",
    "stock_rows_read",
    "stock_blank_rows",
    "stock_rows_used",
];

/// Every SKU of a used line: open units ordered before `as_of` and the distinct orders
/// waiting for them.
pub const SKU: Table = Table {
    name: "dbk_sku",
    columns: &[c("sku", Text), c("backlog", Int), c("buyers_waiting", Int)],
};

/// Units per SKU per local day of the demand window (buyer-cancelled lines left out;
/// days without units have no row).
pub const SKU_DAILY: Table = Table {
    name: "dbk_sku_daily",
    columns: &[c("sku", Text), c("day", Date), c("units", Int)],
};

/// The first open lines by deadline with a deadline before `as_of` + 24 h.
pub const AT_RISK: Table = Table {
    name: "dbk_at_risk",
    columns: &[
        c("order_id", Text),
        c("sku", Text),
        c("platform", Text),
        c("promised_ms", Int),
        c("cause", Text),
    ],
};

/// The stock table, one row per SKU (the highest `_seq` of each).
pub const STOCK: Table = Table {
    name: "dbk_stock",
    columns: &[
        c("sku", Text),
        c("name", Text),
        c("on_hand", Int),
        n("incoming", Int),
        n("restock_eta", Date),
        n("lead_time_days", Text),
        c("supplier", Text),
        n("seq", Int),
    ],
};

/// Column-level data-quality checks: how many rows each one found.
pub const CHECKS: Table = Table {
    name: "dbk_checks",
    columns: &[
        c("table_name", Text),
        c("column_name", Text),
        c("check_name", Text),
        c("rows", Int),
    ],
};

/// Up to N example rows of each check, by key.
pub const CHECK_EXAMPLES: Table = Table {
    name: "dbk_check_examples",
    columns: &[
        c("table_name", Text),
        c("column_name", Text),
        c("check_name", Text),
        c("order_id", Text),
        c("sku", Text),
        c("value", Text),
    ],
};

/// Every result table.
pub const ALL: &[Table] = &[
    RUN,
    TREND,
    DUE,
    DELAYS,
    PREV_WEEK,
    PREV_DELAYS,
    AT_RISK_GROUPS,
    COUNTS_TABLE,
    SKU,
    SKU_DAILY,
    AT_RISK,
    STOCK,
    CHECKS,
    CHECK_EXAMPLES,
];
