//! From the result tables to the [`Report`]: the run row is checked against the project
//! (settings digest, timezone, the week's instants recomputed by delaybook), the
//! aggregates fill the streaming path's accumulator ([`Acc`]) and the report comes out
//! of the same assembly — no figure of the contract is computed twice.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use super::params::Params;
use super::read::{AggError, Row, Tables};
use super::tables::{self as t, Table};
use crate::config::Config;
use crate::ingest::stock::StockRow;
use crate::ingest::timestamp::{Clock, IsoWeek, day_of_date};
use crate::report::Report;
use crate::report::accum::{Acc, RiskLine, SkuAcc};
use crate::report::window::Window;
use crate::validate::Content;

/// The one row of `dbk_run`, typed.
#[derive(Debug, Clone)]
pub struct Run {
    /// The engine that ran the SQL.
    pub dialect: String,
    /// The week.
    pub week: IsoWeek,
    /// `as_of` when `--as-of` was given.
    pub as_of_given: Option<i64>,
    /// Absent order columns (canonical indices).
    pub absent: Vec<usize>,
    /// The orders table.
    pub orders_table: String,
    /// The stock table.
    pub stock_table: String,
    /// Local date of the latest used order line.
    pub max_ordered_date: Option<chrono::NaiveDate>,
    /// Example rows kept per check.
    pub examples: usize,
}

impl Run {
    /// What shards of one run must share.
    fn key(&self) -> (IsoWeek, Option<i64>, &[usize]) {
        (self.week, self.as_of_given, &self.absent)
    }
}

fn err(tables: &Tables, table: &Table, row: Option<&Row>, message: String) -> AggError {
    let (file, line) = match row {
        Some(r) => (r.at.0.clone(), r.at.1),
        None => (tables.dir.join(format!("{}.csv", table.name)), 0),
    };
    AggError {
        code: "E334",
        file,
        line,
        column: 0,
        message,
        hint: None,
    }
}

/// Reads and checks `dbk_run` against the project.
pub fn run(tables: &Tables, params: &Params) -> Result<Run, AggError> {
    let rows = tables.of(&t::RUN);
    let [row] = rows else {
        return Err(err(
            tables,
            &t::RUN,
            None,
            crate::tr!("wh.run_rows", n = rows.len()),
        ));
    };
    let text = |c: &str| row.text(&t::RUN, c);
    let fail = |m: String, hint: String| {
        let mut e = err(tables, &t::RUN, Some(row), m);
        e.hint = Some(hint);
        e
    };
    let again = || crate::tr!("wh.run_again");
    if let Some(why) = mismatch(row, params) {
        return Err(fail(why, again()));
    }
    let week_text = text("week");
    let Some(week) = IsoWeek::parse(&week_text) else {
        return Err(fail(
            crate::tr!("wh.no_week"),
            crate::tr!("wh.no_week_hint"),
        ));
    };
    let absent = absent_columns(&text("absent_columns")).ok_or_else(|| {
        fail(
            crate::tr!("wh.unknown_absent", list = text("absent_columns")),
            again(),
        )
    })?;
    Ok(Run {
        dialect: text("dialect"),
        week,
        as_of_given: (row.int(&t::RUN, "as_of_given") == 1)
            .then(|| row.opt_int(&t::RUN, "as_of_ms"))
            .flatten(),
        absent,
        orders_table: text("orders_table"),
        stock_table: text("stock_table"),
        max_ordered_date: row.date(&t::RUN, "max_ordered_date"),
        examples: usize::try_from(row.int(&t::RUN, "examples")).unwrap_or(0),
    })
}

/// Why the run row was not made for this project and this delaybook, if it was not.
fn mismatch(row: &Row, params: &Params) -> Option<String> {
    let text = |c: &str| row.text(&t::RUN, c);
    if text("format") != t::FORMAT {
        return Some(crate::tr!(
            "wh.format",
            found = text("format"),
            expected = t::FORMAT
        ));
    }
    if text("timezone") != params.timezone {
        return Some(crate::tr!(
            "wh.timezone",
            found = text("timezone"),
            expected = params.timezone
        ));
    }
    if text("settings") != params.settings_digest() {
        return Some(crate::tr!("wh.settings"));
    }
    None
}

/// The canonical indices of a comma-separated list of order columns.
fn absent_columns(list: &str) -> Option<Vec<usize>> {
    list.split(',')
        .filter(|c| !c.is_empty())
        .map(|c| {
            crate::ingest::columns::ORDER_COLUMNS
                .iter()
                .position(|o| *o == c)
        })
        .collect()
}

/// The window of the run, recomputed by delaybook and compared with the engine's: the
/// same instants prove the engine applied the timezone (and its DST rules) as
/// delaybook does.
pub fn window(
    tables: &Tables,
    run: &Run,
    config: &Config,
    clock: &mut Clock,
) -> Result<Window, AggError> {
    let mut w = Window::new(run.week, run.as_of_given, config, clock);
    let rows = tables.of(&t::RUN);
    let row = rows.first();
    let engine = |c: &str| row.and_then(|r| r.opt_int(&t::RUN, c));
    let first_day = row
        .and_then(|r| r.date(&t::RUN, "demand_first_date"))
        .map(day_of_date);
    let mut mismatches: Vec<String> = Vec::new();
    for (what, engine_v, ours) in [
        ("wh.week_start", engine("week_start_ms"), w.start),
        ("wh.week_end", engine("week_end_ms"), w.end),
        ("wh.as_of", engine("as_of_ms"), w.as_of),
        ("wh.demand_first_day", first_day, w.demand_first_day),
    ] {
        if engine_v != Some(ours) {
            let engine_v = engine_v.map_or_else(|| "—".to_string(), |v| v.to_string());
            mismatches.push(crate::tr!(what, engine = engine_v, ours = ours));
        }
    }
    let trend = tables.of(&t::TREND);
    if trend.len() != w.trend_weeks.len() {
        mismatches.push(crate::tr!(
            "wh.trend_count",
            engine = trend.len(),
            ours = w.trend_weeks.len()
        ));
    }
    for r in trend {
        let k = usize::try_from(r.int(&t::TREND, "k")).unwrap_or(usize::MAX);
        let ours = (w.trend_weeks.get(k), w.trend_bounds.get(k));
        let engine = (r.text(&t::TREND, "week"), r.int(&t::TREND, "week_start_ms"));
        if ours.0.map(ToString::to_string) != Some(engine.0.clone()) || ours.1 != Some(&engine.1) {
            mismatches.push(crate::tr!(
                "wh.trend_week",
                k = k,
                week = engine.0,
                start = engine.1
            ));
        }
    }
    if !mismatches.is_empty() {
        let mut e = err(
            tables,
            &t::RUN,
            row,
            crate::tr!(
                "wh.week_mismatch",
                timezone = config.timezone,
                details = mismatches.join(&crate::tr!("wh.detail_sep"))
            ),
        );
        e.hint = Some(crate::tr!("wh.week_mismatch_hint"));
        return Err(e);
    }
    w.note = note(run);
    Ok(w)
}

/// The line that says which week and which engine (the latest order of all shards).
fn note(run: &Run) -> String {
    let monday = run.week.monday();
    let sunday = monday + chrono::Duration::days(6);
    match run.max_ordered_date {
        Some(d) => crate::tr!(
            "wh.note_latest",
            week = run.week,
            monday = monday,
            sunday = sunday,
            engine = run.dialect,
            date = d
        ),
        None => crate::tr!(
            "wh.note",
            week = run.week,
            monday = monday,
            sunday = sunday,
            engine = run.dialect
        ),
    }
}

/// The accumulator the streaming path would have filled from one folder's tables
/// (shard number `shard` of a sharded run: shards are merged with [`Acc::merge`], the
/// merge of the streaming path's parallel scan).
pub fn acc(
    tables: &Tables,
    window: &Window,
    at_risk_limit: usize,
    shard: u64,
) -> Result<Acc, AggError> {
    let mut acc = Acc::new(window.trend_weeks.len());
    let counts = counts(tables)?;
    let count = |name: &str| counts.get(name).copied().unwrap_or(0);
    acc.placed = count("orders_placed");
    acc.used = count("lines_used");
    acc.risk_count = count("at_risk");
    fill_due(tables, &mut acc)?;
    let mut budget = acc.used;
    for r in tables.of(&t::DELAYS) {
        let n = bounded(tables, &t::DELAYS, r, "lines", &mut budget)?;
        let v = r.int(&t::DELAYS, "delay_ms");
        acc.delays.extend(std::iter::repeat_n(v, n as usize));
    }
    for r in tables.of(&t::TREND) {
        let k = usize::try_from(r.int(&t::TREND, "k")).unwrap_or(usize::MAX);
        if let Some(slot) = acc.trend.get_mut(k) {
            slot.0 += nonneg(tables, &t::TREND, r, "due")?;
            slot.1 += nonneg(tables, &t::TREND, r, "delayed")?;
            slot.2 += nonneg(tables, &t::TREND, r, "shipped_time_unknown")?;
        }
    }
    fill_previous(tables, &mut acc, &mut budget)?;
    fill_skus(tables, window, shard, &mut acc)?;
    fill_risk_groups(tables, &mut acc)?;
    for r in tables.of(&t::AT_RISK) {
        acc.risk.push(RiskLine {
            promised: r.int(&t::AT_RISK, "promised_ms"),
            order_id: r.text(&t::AT_RISK, "order_id"),
            sku: r.text(&t::AT_RISK, "sku"),
            platform: r.text(&t::AT_RISK, "platform"),
            cause: r.text(&t::AT_RISK, "cause"),
        });
        // A max-heap: popping drops the latest deadline beyond the limit.
        if acc.risk.len() > at_risk_limit {
            acc.risk.pop();
        }
    }
    Ok(acc)
}

fn nonneg(tables: &Tables, table: &Table, r: &Row, column: &str) -> Result<u64, AggError> {
    u64::try_from(r.int(table, column)).map_err(|_| {
        err(
            tables,
            table,
            Some(r),
            crate::tr!("wh.negative_count", column = column),
        )
    })
}

/// A count that lists are built from, within what is left of the run's used lines
/// (`budget`): a larger total is not a result of the SQL, and would exhaust memory.
fn bounded(
    tables: &Tables,
    table: &Table,
    r: &Row,
    column: &str,
    budget: &mut u64,
) -> Result<u64, AggError> {
    let n = nonneg(tables, table, r, column)?;
    *budget = budget.checked_sub(n).ok_or_else(|| {
        err(
            tables,
            table,
            Some(r),
            crate::tr!("wh.over_budget", column = column, table = table.name),
        )
    })?;
    Ok(n)
}

fn counts(tables: &Tables) -> Result<BTreeMap<String, u64>, AggError> {
    let mut out = BTreeMap::new();
    for r in tables.of(&t::COUNTS_TABLE) {
        let name = r.text(&t::COUNTS_TABLE, "name");
        if !t::COUNTS.contains(&name.as_str()) {
            return Err(err(
                tables,
                &t::COUNTS_TABLE,
                Some(r),
                crate::tr!("wh.unknown_count", name = name),
            ));
        }
        *out.entry(name).or_default() += nonneg(tables, &t::COUNTS_TABLE, r, "value")?;
    }
    Ok(out)
}

/// `dbk_due`: §4 counters, causes, platforms, notification, compensation and each
/// SKU's delayed lines by cause.
fn fill_due(tables: &Tables, acc: &mut Acc) -> Result<(), AggError> {
    let d = &t::DUE;
    for r in tables.of(d) {
        let n = |c: &str| nonneg(tables, d, r, c);
        let (due, on_time, late, overdue, failed, unknown) = (
            n("due")?,
            n("on_time")?,
            n("shipped_late")?,
            n("overdue_unshipped")?,
            n("failed_cancelled")?,
            n("shipped_time_unknown")?,
        );
        acc.due += due;
        acc.on_time += on_time;
        acc.late += late;
        acc.overdue += overdue;
        acc.failed += failed;
        acc.due_unknown += unknown;
        acc.resolved += n("resolved_in_time")?;
        for (slot, c) in acc.notify.iter_mut().zip([
            "notified_proactive",
            "notified_after_deadline",
            "notified_none",
            "notified_in_time",
            "with_detected_at",
        ]) {
            *slot += n(c)?;
        }
        acc.compensation_nano += r.nano(d, "compensation");
        let delayed = late + overdue + failed;
        let p = acc
            .platforms
            .entry(r.text(d, "platform").into())
            .or_default();
        p.0 += due;
        p.1 += delayed;
        p.2 += unknown;
        if delayed == 0 {
            continue;
        }
        let cause = r.text(d, "cause");
        *acc.causes.entry(cause.as_str().into()).or_default() += delayed;
        let sku = acc.skus.entry(r.text(d, "sku").into()).or_default();
        match sku.delayed_causes.iter_mut().find(|(c, _)| *c == cause) {
            Some((_, k)) => *k += delayed,
            None => sku.delayed_causes.push((cause, delayed)),
        }
    }
    Ok(())
}

/// `dbk_prev_week` and `dbk_prev_delays`: the week before W as of its end.
fn fill_previous(tables: &Tables, acc: &mut Acc, budget: &mut u64) -> Result<(), AggError> {
    let pw = &t::PREV_WEEK;
    for r in tables.of(pw) {
        let n = |c: &str| nonneg(tables, pw, r, c);
        let p = &mut acc.prev;
        p.overdue += n("overdue_unshipped")?;
        p.failed += n("failed_cancelled")?;
        for (slot, c) in p.notify.iter_mut().zip([
            "notified_proactive",
            "notified_after_deadline",
            "notified_none",
            "notified_in_time",
            "with_detected_at",
        ]) {
            *slot += n(c)?;
        }
        p.compensation_nano += r.nano(pw, "compensation");
    }
    for r in tables.of(&t::PREV_DELAYS) {
        let n = bounded(tables, &t::PREV_DELAYS, r, "lines", budget)?;
        let v = r.int(&t::PREV_DELAYS, "delay_ms");
        acc.prev.delays.extend(std::iter::repeat_n(v, n as usize));
    }
    Ok(())
}

/// `dbk_at_risk_groups`: every at-risk line by cause and SKU.
fn fill_risk_groups(tables: &Tables, acc: &mut Acc) -> Result<(), AggError> {
    let g = &t::AT_RISK_GROUPS;
    for r in tables.of(g) {
        let n = |c: &str| nonneg(tables, g, r, c);
        let tally = crate::report::accum::RiskTally {
            lines: n("lines")?,
            overdue: n("overdue_lines")?,
            overdue_ms: i128::from(r.int(g, "overdue_ms")),
        };
        let key = (r.text(g, "cause"), r.text(g, "sku"));
        acc.risk_groups.entry(key).or_default().add(tally);
    }
    Ok(())
}

/// `dbk_sku` and `dbk_sku_daily`: every SKU of a used line, its backlog, waiting
/// orders and units per day of the demand window.
fn fill_skus(tables: &Tables, window: &Window, shard: u64, acc: &mut Acc) -> Result<(), AggError> {
    let s = &t::SKU;
    let mut budget = acc.used;
    for r in tables.of(s) {
        let sku: &mut SkuAcc = acc.skus.entry(r.text(s, "sku").into()).or_default();
        sku.backlog += nonneg(tables, s, r, "backlog")?;
        // Only the number of distinct waiting orders is used; the engine counted them.
        // Stand-in ids, distinct across shards (an order's lines are in one shard), so
        // the union of the merge adds the counts up.
        let waiting = bounded(tables, s, r, "buyers_waiting", &mut budget)?;
        let start = (shard << 40) + sku.buyers.len() as u64;
        sku.buyers.extend(start..start + waiting);
    }
    let daily = &t::SKU_DAILY;
    let mut days: HashMap<String, BTreeMap<u16, u64>> = HashMap::new();
    for r in tables.of(daily) {
        let Some(date) = r.date(daily, "day") else {
            continue;
        };
        let index = day_of_date(date) - window.demand_first_day;
        let index = u16::try_from(index)
            .ok()
            .filter(|i| usize::from(*i) < window.demand_days)
            .ok_or_else(|| {
                err(
                    tables,
                    daily,
                    Some(r),
                    crate::tr!("wh.day_outside", date = date),
                )
            })?;
        let units = nonneg(tables, daily, r, "units")?;
        *days
            .entry(r.text(daily, "sku"))
            .or_default()
            .entry(index)
            .or_default() += units;
    }
    for (sku, per_day) in days {
        acc.skus.entry(sku.into()).or_default().daily = per_day.into_iter().collect();
    }
    Ok(())
}

/// `dbk_stock` as the streaming path's stock rows (the highest `seq` of a SKU wins
/// when shards are merged).
pub fn stock_rows(tables: &Tables) -> BTreeMap<String, StockRow> {
    let s = &t::STOCK;
    let mut best: BTreeMap<String, (Option<i64>, StockRow)> = BTreeMap::new();
    for r in tables.of(s) {
        let seq = r.opt_int(s, "seq");
        let row = StockRow {
            name: r.text(s, "name"),
            on_hand: r.int(s, "on_hand"),
            incoming: r.opt_int(s, "incoming"),
            restock_eta: r.date(s, "restock_eta"),
            lead_time_days: Some(r.text(s, "lead_time_days")).filter(|v| !v.is_empty()),
            supplier: r.text(s, "supplier"),
        };
        let sku = r.text(s, "sku");
        match best.get(&sku) {
            Some((old, _)) if *old > seq => {}
            _ => {
                best.insert(sku, (seq, row));
            }
        }
    }
    best.into_iter().map(|(k, (_, row))| (k, row)).collect()
}

/// Reads the folders (one, or the shards of one run) and builds the report, or every
/// problem found.
pub fn report(
    dirs: &[PathBuf],
    config: &Config,
    content: &Content,
) -> Result<Report, Vec<AggError>> {
    let parts = super::read::read_dirs(dirs)?;
    let params = Params::new(config, content);
    let mut clock = Clock::new(config.tz(), &config.timestamp_formats);
    let mut runs: Vec<Run> = Vec::new();
    let mut window_of_first = None;
    for tables in &parts {
        let r = run(tables, &params).map_err(|e| vec![e])?;
        if let Some(first) = runs.first()
            && first.key() != r.key()
        {
            return Err(vec![err(
                tables,
                &t::RUN,
                tables.of(&t::RUN).first(),
                crate::tr!(
                    "wh.shards_differ",
                    week = r.week,
                    as_of = shown_as_of(r.as_of_given),
                    absent = shown_absent(&r.absent),
                    first = parts[0].dir.display(),
                    first_week = first.week,
                    first_as_of = shown_as_of(first.as_of_given),
                    first_absent = shown_absent(&first.absent)
                ),
            )]);
        }
        let w = window(tables, &r, config, &mut clock).map_err(|e| vec![e])?;
        window_of_first.get_or_insert(w);
        runs.push(r);
    }
    let (Some(mut window), Some(first)) = (window_of_first, runs.first()) else {
        return Err(Vec::new());
    };
    let mut run = first.clone();
    run.max_ordered_date = runs.iter().filter_map(|r| r.max_ordered_date).max();
    window.note = note(&run);
    let limit = config.report.at_risk_limit;
    let mut acc = Acc::new(window.trend_weeks.len());
    for (k, tables) in (0u64..).zip(&parts) {
        acc.merge(acc_of(tables, &window, limit, k)?, limit);
    }
    let tables = Tables::concat(parts);
    let stock = stock_rows(&tables);
    let dq = super::quality::data_quality(&tables, &run, config.report.problems_limit);
    Ok(crate::report::finish_from(
        acc,
        &window,
        &stock,
        dq,
        &run.absent,
        (config, content),
        &mut clock,
    ))
}

fn acc_of(
    tables: &Tables,
    window: &Window,
    at_risk_limit: usize,
    shard: u64,
) -> Result<Acc, Vec<AggError>> {
    acc(tables, window, at_risk_limit, shard).map_err(|e| vec![e])
}

/// `as_of` of a run as the messages show it (`—`: the end of the week).
fn shown_as_of(ms: Option<i64>) -> String {
    ms.map_or_else(|| "—".to_string(), |v| v.to_string())
}

/// The absent columns of a run by name (`—`: none).
fn shown_absent(cols: &[usize]) -> String {
    if cols.is_empty() {
        return "—".to_string();
    }
    cols.iter()
        .map(|&c| crate::ingest::plan::Plan::column_name(c))
        .collect::<Vec<_>>()
        .join(", ")
}
