//! The report as computed before the fast path, frozen and compiled only for tests:
//! records split by csv-core one at a time (`read`), a `String` per value, one
//! accumulator (`scan`, `orders`, `fold`, `classify` are copies of the code of that
//! time; `read` counts physical lines itself, see there; pass 1 counts every key
//! exactly instead of using the fast path's filter, so the oracle shares none of the
//! duplicate logic it checks). The
//! reading of stock.csv and everything after the accumulators (assembly, stock
//! recommendations, data quality) are shared with the fast path. `tests` generates
//! varied inputs and requires the same report.json from [`crate::report::compute`] and
//! from [`compute`] here. When the contract changes, change both.

mod classify;
mod fold;
#[cfg(test)]
mod inputs;
mod orders;
mod read;
mod scan;
#[cfg(test)]
mod tests;

use std::collections::HashSet;

use crate::ingest::plan::Plan;
use crate::ingest::timestamp::Clock;
use crate::report::accum::{Acc, Ctx};
use crate::report::quality::Problems;
use crate::report::scan::Reading;
use crate::report::types::Report;
use crate::report::{ReportError, Request, refs, window};

/// Reads the data and computes the report.
pub fn compute(req: &Request<'_>) -> Result<Report, ReportError> {
    let config = req.config;
    let mut clock = Clock::new(config.tz(), &config.timestamp_formats);
    let stock =
        crate::ingest::stock::read(&req.stock.path, req.stock.shown.clone(), config, &mut clock)?;
    let plan = Plan::new(&req.orders, config)?;
    let names = crate::report::Names::new(config, req.content);
    let reading = Reading {
        config,
        statuses: &names.statuses,
        platforms: &names.platforms,
        causes: &names.causes,
        plan: &plan,
        bar: req.bar.clone(),
    };
    let scan::Pass1 {
        repeated,
        max_ordered,
    } = scan::pass1(&reading, &mut clock, req.week.is_none())?;
    let window = window::resolve(
        req.week.as_deref(),
        req.as_of.as_deref(),
        max_ordered,
        config,
        &mut clock,
    )?;
    let mut problems = Problems::new(config.report.problems_limit);
    for p in &stock.problems {
        problems.push(p.clone());
    }
    let mut acc = Acc::new(window.trend_weeks.len());
    let counts = {
        // A hash set, so the per-row check neither allocates nor walks a tree.
        let stock_skus: HashSet<&str> = stock.rows.keys().map(String::as_str).collect();
        let in_stock = |s: &str| stock_skus.contains(s);
        let ctx = Ctx {
            window: &window,
            config,
            in_stock: &in_stock,
        };
        let pass2 = (&mut acc, &ctx, &mut clock, &mut problems);
        scan::pass2(&reading, &repeated, pass2)?
    };
    let refs = refs::Refs {
        plan: &plan,
        columns: &counts.columns,
        stock: &req.stock,
        stock_rows: &stock.rows,
        causes: &names.causes,
        platforms: &names.platforms,
    };
    refs.problems(&acc, &mut problems);
    Ok(crate::report::finish(
        acc,
        (&window, &plan),
        &stock,
        &counts,
        problems,
        req,
        &mut clock,
    ))
}
