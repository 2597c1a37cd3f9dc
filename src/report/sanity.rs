//! Checks of the whole run that no single row shows: 预售 lines without a deadline,
//! open lines implausibly far past a default deadline, and a run where every order row
//! was skipped (a report of nothing must be an error, not "0 due, 0 %").

use super::accum::Acc;
use super::window::Window;
use crate::ingest::orders::col;
use crate::ingest::plan::{Plan, Planned};
use crate::ingest::timestamp::HOUR_MS;
use crate::ingest::{Kind, Problem, shown_value};

/// Days past the default deadline after which an open line in an export without a
/// ship-by column is reported as implausible.
pub const LONG_OVERDUE_DAYS: i64 = 7;

/// The report, or E318 when the order files had rows and every one was skipped (not
/// counting unpaid orders): "0 due, 0 %" would hide that nothing could be read.
pub fn all_skipped(
    counts: &super::scan::Counts,
    report: super::Report,
) -> Result<super::Report, super::ReportError> {
    if counts.read == counts.skipped && counts.skipped > counts.unpaid {
        return Err(super::ReportError::AllSkipped(Box::new(report)));
    }
    Ok(report)
}

/// The problem of one 预售 line without a ship-by date (the row is used).
pub fn presale_problem(order_id: &str, sku: &str, p: &Planned, line: usize) -> Problem {
    let map = &p.map;
    let column = (
        map.header(col::PRESALE),
        map.get(col::PRESALE).map_or(0, |i| i + 1),
    );
    let message = crate::tr_report!(
        "row.presale_no_deadline",
        order = shown_value(order_id),
        sku = shown_value(sku)
    );
    Problem::new(
        Kind::PresaleNoDeadline,
        &p.source.shown,
        line,
        column,
        message,
    )
}

/// One warning when open lines are more than [`LONG_OVERDUE_DAYS`] past a deadline that
/// no file gave (every line file lacks `promised_ship_by`): such lines are usually 预售
/// or made-to-order lines that the export does not mark, and their "overdue" is an
/// artefact of the default promise hours.
pub fn long_overdue(acc: &Acc, plan: &Plan, window: &Window) -> Option<Problem> {
    if plan.lines.iter().any(|p| plan.has(p, col::PROMISED)) {
        return None;
    }
    let limit = window.as_of - LONG_OVERDUE_DAYS * 24 * HOUR_MS;
    let mut long: Vec<_> = acc.risk.iter().filter(|r| r.promised < limit).collect();
    if long.is_empty() {
        return None;
    }
    long.sort();
    let first = long[0];
    let hours = (window.as_of - first.promised) / HOUR_MS;
    let file = plan.lines.first().map_or("", |p| p.source.shown.as_str());
    let message = crate::tr_report!(
        "row.long_overdue",
        n = long.len(),
        days = LONG_OVERDUE_DAYS,
        order = shown_value(&first.order_id),
        sku = shown_value(&first.sku),
        hours = hours
    );
    Some(Problem::new(
        Kind::LongOverdueDefault,
        file,
        1,
        ("", 0),
        message,
    ))
}
