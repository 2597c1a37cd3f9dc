//! The warehouse route: the weekly report computed inside the SQL engine a large seller
//! already runs (DuckDB, ClickHouse, Spark SQL), for order histories too large to export.
//!
//! `delaybook sql` prints one script ([`script`]) that reads two typed tables (`orders`,
//! `stock`) and leaves the report's aggregates in small result tables (`dbk_*`, see
//! [`tables`]). `delaybook report --aggregates DIR` reads their CSV exports back
//! ([`read`]) and turns them into the same `Report` as the streaming path, through the
//! same accumulators and assembly. The SQL does only what needs every line — the
//! normalization of values, the §3 classification and the GROUP BYs; every figure
//! derived from the aggregates (rates, percentiles, stock recommendations) is computed
//! by the one Rust implementation. `docs/warehouse.md` is the user's guide.

pub mod adapt;
pub mod aggregates;
pub mod checks;
pub mod dialect;
pub mod lines;
pub mod params;
pub mod quality;
pub mod read;
pub mod tables;
pub mod weeks;

use crate::config::Config;
use crate::ingest::orders::col;
use crate::ingest::timestamp::IsoWeek;
use crate::validate::Content;
pub use dialect::Dialect;
use params::Params;

/// What `delaybook sql` was asked for.
#[derive(Debug, Clone)]
pub struct Spec {
    /// The engine.
    pub dialect: Dialect,
    /// The orders table (may be qualified: `db.orders`).
    pub orders_table: String,
    /// The stock table.
    pub stock_table: String,
    /// `--week`, when given.
    pub week: Option<IsoWeek>,
    /// `--as-of` as an instant, when given.
    pub as_of: Option<i64>,
    /// Optional order columns the orders table does not have (canonical indices).
    pub absent: Vec<usize>,
    /// Example rows kept per data-quality check.
    pub examples: usize,
}

/// The optional order columns a table may lack, by canonical name.
pub const OPTIONAL_ORDER_COLUMNS: &[usize] = &[
    col::QUANTITY,
    col::PLATFORM,
    col::PROMISED,
    col::SHIPPED_AT,
    col::STATUS,
    col::CAUSE,
    col::DETECTED_AT,
    col::NOTIFIED_AT,
    col::AMOUNT,
];

/// The SQL writer for one dialect and one project.
pub struct Gen<'a> {
    d: Dialect,
    p: &'a Params,
    s: &'a Spec,
    /// The timezone as a quoted literal.
    tz: String,
}

impl Gen<'_> {
    /// True when order column `c` is absent from the table.
    fn absent(&self, c: usize) -> bool {
        self.s.absent.contains(&c)
    }

    /// Statements creating result table `t` from `select`, with exactly the columns,
    /// order and types of `t`.
    fn result(&self, t: tables::Table, select: &str) -> String {
        let columns: Vec<String> = t
            .columns
            .iter()
            .map(|c| {
                let value = self.d.cast(&format!("x.{}", c.name), c.ty, c.nullable);
                format!("{value} AS {}", c.name)
            })
            .collect();
        let wrapped = format!("SELECT {}\nFROM (\n{select}\n) x", columns.join(", "));
        self.d.create_result(t.name, &wrapped)
    }
}

/// The whole script for `spec`.
pub fn script(spec: &Spec, config: &Config, content: &Content) -> String {
    let params = Params::new(config, content);
    let d = spec.dialect;
    let g = Gen {
        d,
        p: &params,
        s: spec,
        tz: d.string(&params.timezone),
    };
    let mut out = header(spec, &params);
    out.push_str(d.preamble());
    let steps = [
        ("the order rows, normalized and checked", g.norm_view()),
        ("the stock rows, normalized", g.stock_view()),
        (
            "the used lines: valid rows, the highest _seq of each (order_id, sku)",
            g.lines_table(),
        ),
        (
            "rows with a problem, and row counts",
            g.bad_table() + &g.row_counts_table(),
        ),
        (
            "the week, its instants and as_of",
            g.monday_table() + &g.weeks_table() + &g.params_table(),
        ),
        ("results", g.stock_table()),
        ("lines due in the week, classified", g.due_lines_table()),
        ("", g.run_table()),
        ("", g.due_table()),
        ("", g.delays_table()),
        ("", g.trend_table()),
        (
            "the week before, as of its end",
            g.prev_lines_table() + &g.prev_week_table() + &g.prev_delays_table(),
        ),
        ("", g.sku_table()),
        ("", g.sku_daily_table()),
        ("", g.at_risk_table()),
        ("", g.at_risk_groups_table()),
        ("", g.counts_table()),
        ("data-quality checks", g.checks_table()),
        ("", g.examples_table()),
        ("clean up", cleanup(d)),
    ];
    for (title, sql) in steps {
        if !title.is_empty() {
            out.push_str(&format!("\n-- {title}\n"));
        }
        out.push_str(&sql);
    }
    out
}

fn cleanup(d: Dialect) -> String {
    let mut s = String::new();
    for t in [
        aggregates::PREV_LINES,
        aggregates::DUE_LINES,
        weeks::PARAMS,
        weeks::WEEKS,
        weeks::MONDAY,
        lines::ROW_COUNTS,
        lines::BAD,
        lines::LINES,
    ] {
        s.push_str(&d.drop_scratch(t));
    }
    s.push_str(&d.drop_view(lines::STOCK_NORM));
    s.push_str(&d.drop_view(lines::NORM));
    s
}

fn header(spec: &Spec, p: &Params) -> String {
    let absent: Vec<&str> = spec
        .absent
        .iter()
        .map(|&c| crate::ingest::plan::Plan::column_name(c))
        .collect();
    format!(
        "-- delaybook {} — weekly delay report aggregates ({}).
-- Reads {} and {}; writes the dbk_* result tables (docs/warehouse.md).
-- Week: {}; as_of: {}; timezone {}; absent order columns: {}.
-- Settings digest {} (report --aggregates checks it against delaybook.yaml).
-- Every statement ends with ';' at the end of a line.
",
        env!("CARGO_PKG_VERSION"),
        spec.dialect.name(),
        spec.orders_table,
        spec.stock_table,
        spec.week
            .map_or_else(|| "from the data (§2)".to_string(), |w| w.to_string()),
        spec.as_of
            .map_or_else(|| "end of the week".to_string(), |ms| format!("{ms} ms")),
        p.timezone,
        if absent.is_empty() {
            "none".to_string()
        } else {
            absent.join(", ")
        },
        p.settings_digest(),
    )
}
