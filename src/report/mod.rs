//! Stage 5: the weekly delay report, computed from the streamed CSV data.
//!
//! `report-metrics.md` is the oracle: [`compute`] reads stock.csv, makes two streaming
//! passes over the order files (see [`scan`]), folds every used line into
//! per-key accumulators ([`accum`]) and turns them into a [`Report`].

pub mod accum;
pub mod assemble;
mod candidates;
pub mod change;
pub mod classify;
pub mod dedupe;
pub mod export;
pub mod fixes;
mod held;
pub mod markdown;
pub mod pass2;
pub mod priorities;
pub mod quality;
#[cfg(test)]
mod reference;
pub mod refs;
pub mod sanity;
pub mod scan;
pub mod stats;
pub mod stock;
pub mod tally;
pub mod types;
pub mod window;
pub mod wording;

use std::collections::BTreeMap;

use crate::fasthash::FastSet;

use crate::config::Config;
use crate::ingest::IngestError;
use crate::ingest::causes::Causes;
use crate::ingest::plan::Plan;
use crate::ingest::platform::Platforms;
use crate::ingest::status::Statuses;
use crate::ingest::timestamp::Clock;
use crate::validate::Content;
use accum::{Acc, Ctx};
use quality::Problems;
use scan::{Reading, Source};
use types::*;

pub use types::Report;

/// Why no report could be computed.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// A file could not be read.
    #[error(transparent)]
    Ingest(#[from] IngestError),
    /// `--week` is not an ISO week.
    #[error("`{0}` is not an ISO week; write it like 2026-W47")]
    BadWeek(String),
    /// `--as-of` is not a timestamp.
    #[error("`{0}` is not a timestamp; write it like \"2026-11-19 18:00\"")]
    BadAsOf(String),
    /// No order line to take the default week from.
    #[error("there are no order lines to report on; pass --week to build an empty report")]
    NoData,
    /// The order files have rows, but every one was skipped: a report of nothing would
    /// read "0 due, 0 %". Carries the computed report for its problems.
    #[error("none of the {} order rows could be used: every one was skipped", .0.data_quality.order_rows_read)]
    AllSkipped(Box<Report>),
    /// The stock file has no usable row (empty, only a header, or every row skipped):
    /// every stock figure would be a false 0.
    #[error("{0} has no usable stock row")]
    NoStockRows(String),
}

/// Everything [`compute`] needs.
pub struct Request<'a> {
    /// Project config.
    pub config: &'a Config,
    /// Validated content (the cause catalogue).
    pub content: &'a Content,
    /// Order files, in reading order.
    pub orders: Vec<Source>,
    /// stock.csv.
    pub stock: Source,
    /// `--week`.
    pub week: Option<String>,
    /// `--as-of`.
    pub as_of: Option<String>,
    /// Progress bar to advance while reading (bytes), if shown.
    pub bar: Option<indicatif::ProgressBar>,
}

/// What values of the order files mean: statuses, platforms, causes.
pub(crate) struct Names {
    statuses: Statuses,
    platforms: Platforms,
    causes: Causes,
}

impl Names {
    pub(crate) fn new(config: &Config, content: &Content) -> Self {
        Names {
            statuses: Statuses::new(&config.status_map),
            platforms: Platforms::new(config),
            causes: Causes::new(
                content
                    .causes
                    .iter()
                    .map(|c| (c.id.as_str(), c.name.as_str(), c.aliases.as_slice())),
            ),
        }
    }
}

/// Reads the data and computes the report.
pub fn compute(req: &Request<'_>) -> Result<Report, ReportError> {
    let config = req.config;
    let mut clock = Clock::new(config.tz(), &config.timestamp_formats);
    let stock =
        crate::ingest::stock::read(&req.stock.path, req.stock.shown.clone(), config, &mut clock)?;
    if stock.rows.is_empty() {
        return Err(ReportError::NoStockRows(req.stock.shown.clone()));
    }
    let plan = Plan::new(&req.orders, config)?;
    let names = Names::new(config, req.content);
    let reading = Reading {
        config,
        statuses: &names.statuses,
        platforms: &names.platforms,
        causes: &names.causes,
        plan: &plan,
        bar: req.bar.clone(),
    };
    let p1 = scan::pass1(&reading, &clock, req.week.is_none())?;
    let (window, stand_in) = resolve_window(req, p1.max_ordered, &mut clock)?;
    let mut problems = Problems::new(config.report.problems_limit);
    for p in &stock.problems {
        problems.push(p.clone());
    }
    let (acc, counts) = {
        // A hash set, so the per-row check neither allocates nor walks a tree.
        let stock_skus: FastSet<&str> = stock.rows.keys().map(String::as_str).collect();
        let in_stock = |s: &str| stock_skus.contains(s);
        let ctx = Ctx {
            window: &window,
            config,
            in_stock: &in_stock,
        };
        pass2::pass2(&reading, &p1.candidates, &ctx, &mut clock, &mut problems)?
    };
    let refs = refs::Refs {
        plan: &plan,
        columns: &counts.columns,
        stock: &req.stock,
        stock_rows: &stock.rows,
        causes: &names.causes,
        platforms: &names.platforms,
    };
    if nothing_read(&counts) && stand_in {
        return Err(ReportError::NoData);
    }
    refs.problems(&acc, &mut problems);
    problems.extend(sanity::long_overdue(&acc, &plan, &window));
    let report = finish(
        acc,
        (&window, &plan),
        &stock,
        &counts,
        problems,
        req,
        &mut clock,
    );
    sanity::all_skipped(&counts, report)
}

/// No row but unpaid orders: no data (not a file nobody could read).
fn nothing_read(counts: &scan::Counts) -> bool {
    counts.read == counts.skipped && counts.skipped == counts.unpaid
}

/// The report's window, and whether it is a stand-in: without a week and without one
/// valid row, the rows are still read (in a stand-in week) so that what is wrong with
/// them is reported, not just "no order lines".
fn resolve_window(
    req: &Request<'_>,
    max_ordered: Option<i64>,
    clock: &mut Clock,
) -> Result<(window::Window, bool), ReportError> {
    let stand_in = req.week.is_none() && max_ordered.is_none();
    let week = req.week.as_deref().or(stand_in.then_some(STAND_IN_WEEK));
    let window = window::resolve(week, req.as_of.as_deref(), max_ordered, req.config, clock)?;
    Ok((window, stand_in))
}

/// The week rows are read in when no row has a valid time (only to report them).
const STAND_IN_WEEK: &str = "2000-W01";

/// The stock table, the data quality and the report.
pub(crate) fn finish(
    acc: Acc,
    (window, plan): (&window::Window, &Plan),
    stock: &crate::ingest::stock::StockData,
    counts: &scan::Counts,
    problems: Problems,
    req: &Request<'_>,
    clock: &mut Clock,
) -> Report {
    let mut report = finish_from(
        acc,
        window,
        &stock.rows,
        data_quality(stock, counts, problems),
        &plan.absent,
        (req.config, req.content),
        clock,
    );
    report.inputs = refs::input_notes(plan);
    report
}

/// The end both routes share (CSV files and warehouse aggregates): the stock
/// recommendations, the assembly of every figure from the accumulators, and the
/// priorities.
pub fn finish_from(
    acc: Acc,
    window: &window::Window,
    stock: &BTreeMap<String, crate::ingest::stock::StockRow>,
    data_quality: DataQuality,
    absent: &[usize],
    (config, content): (&Config, &Content),
    clock: &mut Clock,
) -> Report {
    let stock_rows = stock::recommendations(stock, &acc.skus, window, config, clock);
    let parts = assemble::Parts {
        window,
        stock,
        stock_rows,
        data_quality,
        config,
        content,
        absent,
    };
    let mut report = assemble::assemble(acc, parts, clock);
    report.week_note = window.note.clone();
    report.priorities = priorities::rank(&report, content);
    report
}

/// §8 counts over both files, and the problem list.
fn data_quality(
    stock: &crate::ingest::stock::StockData,
    counts: &scan::Counts,
    problems: Problems,
) -> DataQuality {
    let (list, total, groups) = problems.finish();
    DataQuality {
        rows_read: stock.rows_read + counts.read,
        rows_used: stock.rows_read - stock.rows_skipped + counts.read - counts.skipped,
        rows_skipped: stock.rows_skipped + counts.skipped,
        blank_rows: stock.blank_rows + counts.blank,
        unpaid_rows: counts.unpaid,
        problems: list,
        problem_count: total,
        groups,
        order_rows_read: counts.read,
        order_rows_used: counts.read - counts.skipped,
        stock_skus: stock.rows.len() as u64,
        checks: Vec::new(),
    }
}
