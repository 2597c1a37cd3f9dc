//! Small tallies folded next to the per-key accumulators ([`super::accum::Acc`]): the
//! week before the report week (so every headline tile compares with last week) and the
//! at-risk lines by cause and SKU (so each playbook group and each priority counts every
//! at-risk line, not only the listed ones). Every one is a sum, so parallel workers and
//! warehouse shards merge them by adding.

use super::accum::Ctx;
use super::classify::{Class, classify};
use crate::ingest::orders::OrderLine;
use crate::ingest::timestamp::HOUR_MS;

/// The week before W, classified with its own end (the start of W) as `as_of`. A line
/// due then and shipped only after that end was still unshipped at it: it counts as
/// overdue unshipped with its delay up to that end, as last week's report showed it.
/// Its due, delayed and unknown-ship-time lines are the last `trend` row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PrevWeek {
    /// Overdue unshipped at the end of the week.
    pub overdue: u64,
    /// Failed cancelled.
    pub failed: u64,
    /// Delays in milliseconds (the same list the week itself keeps for its P90).
    pub delays: Vec<i64>,
    /// Notification counts, as [`super::accum::Acc::notify`].
    pub notify: [u64; 5],
    /// Compensation in nano-units, as [`super::accum::Acc::compensation_nano`].
    pub compensation_nano: i128,
}

impl PrevWeek {
    /// A line due in the week before W (not buyer-cancelled), as of that week's end.
    pub fn add(&mut self, l: &OrderLine, ctx: &Ctx<'_>) {
        let end = ctx.window.start;
        let d = l.promised;
        match classify(l, i64::MAX) {
            Class::Late => match l.shipped_at {
                Some(s) if s <= end => self.delays.push(s - d),
                _ => {
                    self.overdue += 1;
                    self.delays.push(end - d);
                }
            },
            Class::Overdue => {
                self.overdue += 1;
                self.delays.push(end - d);
            }
            Class::Failed => {
                self.failed += 1;
                self.compensation_nano += compensation_nano(l, ctx);
            }
            _ => return,
        }
        notification(&mut self.notify, l, ctx);
    }

    /// Adds the lines folded into `other` (on another thread).
    pub fn merge(&mut self, other: PrevWeek) {
        self.overdue += other.overdue;
        self.failed += other.failed;
        self.delays.extend(other.delays);
        for (i, n) in other.notify.into_iter().enumerate() {
            self.notify[i] += n;
        }
        self.compensation_nano += other.compensation_nano;
    }
}

/// At-risk lines of one cause and SKU.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RiskTally {
    /// At-risk lines.
    pub lines: u64,
    /// Of which overdue (deadline before `as_of`).
    pub overdue: u64,
    /// Their time overdue, summed, in milliseconds.
    pub overdue_ms: i128,
}

impl RiskTally {
    /// Adds another tally of the same cause and SKU.
    pub fn add(&mut self, other: RiskTally) {
        self.lines += other.lines;
        self.overdue += other.overdue;
        self.overdue_ms += other.overdue_ms;
    }
}

/// Counts a delayed line in `notify` (proactive, after deadline, none, within 2 h of
/// detection, with a detection time).
pub fn notification(notify: &mut [u64; 5], l: &OrderLine, ctx: &Ctx<'_>) {
    match l.notified_at {
        None => notify[2] += 1,
        Some(n) if n <= l.promised => notify[0] += 1,
        Some(_) => notify[1] += 1,
    }
    if let Some(det) = l.detected_at {
        notify[4] += 1;
        let limit = ctx.config.report.notify_within_hours * HOUR_MS as f64;
        if l.notified_at.is_some_and(|n| ((n - det) as f64) <= limit) {
            notify[3] += 1;
        }
    }
}

/// The compensation of a failed-cancelled line, in nano-units (0 without an amount).
pub fn compensation_nano(l: &OrderLine, ctx: &Ctx<'_>) -> i128 {
    l.amount.map_or(0, |amount| {
        let rule = ctx.config.compensation(&l.platform);
        let c = (rule.rate * amount).min(rule.cap);
        (c * 1e9).round() as i128
    })
}
