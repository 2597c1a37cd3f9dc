//! The report's time frame in SQL (`report-metrics.md` §2, §10): the week W (given, or
//! the latest ISO week whose Sunday is on or before the local date of the latest used
//! order line), the starts of W and of the trend weeks as instants, `as_of`, the
//! at-risk horizon and the first day of the demand window.
//!
//! Local midnight becomes an instant with the contract's DST rules whatever the
//! engine's own conversion does (DuckDB takes the later of two repeated times,
//! ClickHouse moves a time in a gap backwards): the offsets in force 15 hours before
//! and after the naive time give two candidates; the earlier candidate that reads back
//! as that wall-clock time wins, and in a gap (neither does) the offset before it is
//! used, which moves the time forward by the gap. Only instant → local conversions of
//! the engine are used, and those are unambiguous.

use super::Gen;
use super::dialect::ColumnType;
use super::lines::LINES;
use super::tables;
use crate::ingest::timestamp::DAY_MS;

/// The week's Monday (day number) and the latest used order day.
pub const MONDAY: &str = "dbk_tmp_monday";
/// One row per trend week, W and the week after: `k`, `day`, `week`, `start_ms`.
pub const WEEKS: &str = "dbk_tmp_weeks";
/// One row of parameters every aggregate joins.
pub const PARAMS: &str = "dbk_tmp_params";

const PROBE_MS: i64 = 15 * 3_600_000;

impl Gen<'_> {
    /// The Monday of W as a day number.
    fn monday_expr(&self) -> String {
        match self.s.week {
            Some(w) => w.monday_day().to_string(),
            None => {
                // The ISO week of the day after the latest order, minus one week.
                "(max_day + 1) - (((max_day + 1 + 3) % 7 + 7) % 7) - 7".to_string()
            }
        }
    }

    /// The statement creating the one-row table of W's Monday.
    pub fn monday_table(&self) -> String {
        let select = format!(
            "SELECT {} AS monday, max_day FROM (SELECT max(ordered_day) AS max_day FROM {LINES}) m",
            self.monday_expr()
        );
        self.d.create_scratch(MONDAY, &select)
    }

    /// The statement creating the weeks: trend weeks (k < n), W (k = n), the next
    /// week (k = n + 1), each with its local Monday midnight as an instant.
    pub fn weeks_table(&self) -> String {
        let d = self.d;
        let n = self.p.earlier_weeks;
        let off = |e: &str| d.offset_ms(e, &self.tz);
        let select = format!(
            "SELECT k, day, week,
  CASE WHEN ok_a = 1 AND ok_b = 1 THEN least(a, b) WHEN ok_a = 1 THEN a WHEN ok_b = 1 THEN b ELSE a END AS start_ms
FROM (
  SELECT k, day, week, a, b,
    CASE WHEN {} = o1 THEN 1 ELSE 0 END AS ok_a,
    CASE WHEN {} = o2 THEN 1 ELSE 0 END AS ok_b
  FROM (
    SELECT k, day, week, naive - o1 AS a, naive - o2 AS b, o1, o2
    FROM (
      SELECT k, day, week, naive, {} AS o1, {} AS o2
      FROM (
        SELECT s.k AS k, m.monday + 7 * (s.k - {n}) AS day,
          (m.monday + 7 * (s.k - {n})) * {DAY_MS} AS naive,
          {} AS week
        FROM {} s CROSS JOIN {MONDAY} m
      ) w0
    ) w1
  ) w2
) w3",
            off("a"),
            off("b"),
            off(&format!("naive - {PROBE_MS}")),
            off(&format!("naive + {PROBE_MS}")),
            d.iso_week(&format!("m.monday + 7 * (s.k - {n})")),
            d.series(n + 2),
        );
        d.create_scratch(WEEKS, &select)
    }

    /// The statement creating the parameter row: `start_ms`, `end_ms`, `as_of_ms`,
    /// `b0` … `b{n}` (trend week starts, `b{n}` = start of W), `horizon_ms`,
    /// `first_day` (demand window) and `monday`, `max_day`, `week`.
    pub fn params_table(&self) -> String {
        let d = self.d;
        let n = self.p.earlier_weeks;
        let at = |k: usize, col: &str| format!("max(CASE WHEN w.k = {k} THEN w.{col} END)");
        let mut bounds: Vec<String> = (0..=n)
            .map(|k| format!("{} AS b{k}", at(k, "start_ms")))
            .collect();
        bounds.push(format!("{} AS end_ms", at(n + 1, "start_ms")));
        bounds.push(format!("{} AS week", at(n, "week")));
        let as_of = match self.s.as_of {
            Some(ms) => d.cast(&ms.to_string(), ColumnType::Int, true),
            None => "r.end_ms".to_string(),
        };
        let local_day = d.floor_div(
            &format!("q.as_of_ms + {}", d.offset_ms("q.as_of_ms", &self.tz)),
            DAY_MS,
        );
        let select = format!(
            "SELECT q.*, q.as_of_ms + {risk} AS horizon_ms, {local_day} - {days} AS first_day
FROM (
  SELECT r.*, r.b{n} AS start_ms, {as_of} AS as_of_ms
  FROM (
    SELECT {bounds}, max(m.monday) AS monday, max(m.max_day) AS max_day
    FROM {WEEKS} w CROSS JOIN {MONDAY} m
  ) r
) q",
            risk = self.p.at_risk_ms,
            days = self.p.demand_days,
            bounds = bounds.join(",\n      "),
        );
        d.create_scratch(PARAMS, &select)
    }

    /// The statement creating `dbk_run`.
    pub fn run_table(&self) -> String {
        let d = self.d;
        let absent = self
            .s
            .absent
            .iter()
            .map(|&c| crate::ingest::plan::Plan::column_name(c))
            .collect::<Vec<_>>()
            .join(",");
        let select = format!(
            "SELECT {} AS format, {} AS dialect, {} AS timezone, {} AS settings, p.week AS week,
  {} AS week_monday, p.start_ms AS week_start_ms, p.end_ms AS week_end_ms, p.as_of_ms AS as_of_ms,
  {} AS as_of_given, {} AS max_ordered_date, {} AS demand_first_date,
  {} AS absent_columns, {} AS examples, {} AS orders_table, {} AS stock_table
FROM {PARAMS} p",
            d.string(tables::FORMAT),
            d.string(d.name()),
            self.tz,
            d.string(&self.p.settings_digest()),
            d.date_of_day("p.monday"),
            u8::from(self.s.as_of.is_some()),
            d.date_of_day("p.max_day"),
            d.date_of_day("p.first_day"),
            d.string(&absent),
            self.s.examples,
            d.string(&self.s.orders_table),
            d.string(&self.s.stock_table),
        );
        self.result(tables::RUN, &select)
    }

    /// The trend week (0 = oldest) of deadline `expr`, NULL outside the trend weeks.
    pub fn trend_index(&self, expr: &str) -> String {
        let n = self.p.earlier_weeks;
        if n == 0 {
            return self.d.cast("NULL", ColumnType::Int, true);
        }
        let mut s = format!("CASE WHEN {expr} < p.b0 OR {expr} >= p.b{n} THEN NULL");
        for k in 1..=n {
            s.push_str(&format!(" WHEN {expr} < p.b{k} THEN {}", k - 1));
        }
        s.push_str(" END");
        s
    }
}
