//! Week over week and targets, as numbers: the change of a headline figure against the
//! previous week (from the `trend` rows the report already has) and whether a figure
//! is on the wrong side of its target (`report.targets` in `delaybook.yaml`).
//!
//! Late rate, delayed and due lines compare with the `trend` row of the previous week;
//! the other tiles with `previous_week`, the same figures computed for that week as of
//! its own end. [`compare`] gives the one answer every output shows, and
//! [`super::wording`] turns it into "比上周 ▲6.0个百分点" or "上周没有到期订单，无法比较".

use super::types::{PreviousWeek, Report, TrendRow};
use crate::config::targets::Targets;

/// Which way a figure moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dir {
    /// Higher than last week.
    Up,
    /// Lower than last week.
    Down,
    /// The same.
    Same,
}

/// A figure against the previous week.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Change {
    /// Last week's value (a fraction for rates).
    pub previous: f64,
    /// This week minus last week (percentage points for rates).
    pub delta: f64,
    /// Which way.
    pub dir: Dir,
    /// True when higher is worse (late rate, delayed lines).
    pub up_is_bad: bool,
}

impl Change {
    fn of(current: f64, previous: f64, scale: f64, up_is_bad: bool) -> Change {
        Change::at(current, previous, scale, 1, up_is_bad)
    }

    /// The change rounded to `decimals` places of `scale`d units.
    fn at(current: f64, previous: f64, scale: f64, decimals: i32, up_is_bad: bool) -> Change {
        // Compare at the precision people see (one decimal; cents for money), so
        // 14.95 % → 14.95 % is "the same".
        let unit = 10f64.powi(decimals);
        let delta = ((current - previous) * scale * unit).round() / unit;
        let dir = if delta > 0.0 {
            Dir::Up
        } else if delta < 0.0 {
            Dir::Down
        } else {
            Dir::Same
        };
        Change {
            previous,
            delta,
            dir,
            up_is_bad,
        }
    }

    /// True when the figure moved the wrong way.
    pub fn is_worse(&self) -> bool {
        match self.dir {
            Dir::Up => self.up_is_bad,
            Dir::Down => !self.up_is_bad,
            Dir::Same => false,
        }
    }
}

/// The trend row of the week before the report's week, when the trend has it.
pub fn previous_week(r: &Report) -> Option<&TrendRow> {
    let n = r.trend.len();
    (n >= 2 && r.trend[n - 1].week == r.week).then(|| &r.trend[n - 2])
}

/// The late rate against last week, in percentage points; none when either week has
/// no rate (nothing due, or ship times unknown).
pub fn late_rate(r: &Report) -> Option<Change> {
    let prev = previous_week(r)?.late_rate?;
    Some(Change::of(r.totals.late_rate?, prev, 100.0, true))
}

/// Delayed lines against last week.
pub fn delayed(r: &Report) -> Option<Change> {
    let prev = previous_week(r)?.delayed?;
    Some(Change::of(r.totals.delayed? as f64, prev as f64, 1.0, true))
}

/// Lines due against last week (neither direction is bad).
pub fn due(r: &Report) -> Option<Change> {
    let prev = previous_week(r)?;
    Some(Change::of(r.totals.due as f64, prev.due as f64, 1.0, true))
}

/// A target: the limit and whether it is a maximum (else a minimum).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Target {
    /// The limit.
    pub limit: f64,
    /// True for "at most", false for "at least".
    pub max: bool,
}

impl Target {
    /// A maximum, when set.
    pub fn at_most(limit: Option<f64>) -> Option<Target> {
        limit.map(|limit| Target { limit, max: true })
    }

    /// A minimum, when set.
    pub fn at_least(limit: Option<f64>) -> Option<Target> {
        limit.map(|limit| Target { limit, max: false })
    }

    /// True when `value` is on the wrong side of the limit (the limit itself is fine).
    pub fn crossed(&self, value: f64) -> bool {
        if self.max {
            value > self.limit
        } else {
            value < self.limit
        }
    }
}

/// The targets of each headline figure, by the i18n key of its tile.
pub fn target_of(key: &str, t: &Targets) -> Option<Target> {
    let count = |v: Option<u64>| v.map(|n| n as f64);
    match key {
        "report_late_rate" => Target::at_most(t.late_rate),
        "report_delayed" => Target::at_most(count(t.delayed)),
        "report_overdue_unshipped" => Target::at_most(count(t.overdue_unshipped)),
        "report_failed_cancelled" => Target::at_most(count(t.failed_cancelled)),
        "report_p90" => Target::at_most(t.p90_delay_hours),
        "report_proactive" => Target::at_least(t.proactive_rate),
        "report_within_2h" => Target::at_least(t.within_2h_rate),
        "report_compensation" => Target::at_most(t.compensation),
        _ => None,
    }
}

/// The value of a headline figure by the i18n key of its tile (rates as fractions);
/// none when the report cannot say, or a rate has nothing to divide by.
pub fn value_of(key: &str, r: &Report) -> Option<f64> {
    let tt = &r.totals;
    let n = r.notification.as_ref();
    let ratio = |a: u64, b: u64| (b > 0).then(|| a as f64 / b as f64);
    match key {
        "report_late_rate" => tt.late_rate,
        "report_delayed" => tt.delayed.map(|v| v as f64),
        "report_overdue_unshipped" => Some(tt.overdue_unshipped as f64),
        "report_failed_cancelled" => Some(tt.failed_cancelled as f64),
        "report_p90" => r.delay_hours.p90.filter(|_| tt.shipped_time_unknown == 0),
        "report_proactive" => n.zip(tt.delayed).and_then(|(n, d)| ratio(n.proactive, d)),
        "report_within_2h" => n
            .and_then(|n| n.within_2h.zip(n.with_detected_at))
            .and_then(|(a, b)| ratio(a, b)),
        "report_compensation" => r.compensation_estimate,
        _ => None,
    }
}

/// True when the figure of tile `key` is a rate (shown in %, changes in points).
pub fn is_rate(key: &str) -> bool {
    unit(key) == Unit::Rate
}

/// How the figure of a tile (and its change) is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// A fraction shown in %, changes in percentage points.
    Rate,
    /// Lines.
    Count,
    /// Hours.
    Hours,
    /// Money in the shop currency.
    Money,
}

/// The unit of the figure of tile `key`.
pub fn unit(key: &str) -> Unit {
    match key {
        "report_late_rate" | "report_proactive" | "report_within_2h" => Unit::Rate,
        "report_p90" => Unit::Hours,
        "report_compensation" => Unit::Money,
        _ => Unit::Count,
    }
}

/// What the page, report.md and anything else say about a figure against last week:
/// the same answer everywhere.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Comparison {
    /// Both weeks have the figure.
    Changed(Change),
    /// Nothing was due last week: its late rate does not exist and its delayed count
    /// says nothing, so neither is compared (never "▲6（上周0）" next to "无法比较").
    NothingDueLastWeek,
    /// One of the two weeks cannot give the figure (ship times unknown).
    Unknown,
    /// Last week had no delayed line, so no share of them (proactive rate).
    NoDelayedLastWeek,
    /// Last week had no line shipped late or overdue, so no delay hours (P90).
    NoDelaysLastWeek,
    /// Last week had no delayed line with a detection time (within 2 h).
    NoDetectedLastWeek,
    /// This week has no figure (the tile shows "—" and why), so nothing to compare.
    NoFigure,
}

/// The comparison of the figure of tile `key` with last week; `None` for the figures
/// that are not headline tiles, and when the trend has no previous week.
pub fn compare(key: &str, r: &Report) -> Option<Comparison> {
    let prev = previous_week(r)?;
    let change = match key {
        "report_due" => due(r),
        "report_late_rate" | "report_delayed" if prev.due == 0 => {
            return Some(Comparison::NothingDueLastWeek);
        }
        "report_late_rate" => late_rate(r),
        "report_delayed" => delayed(r),
        _ => return compare_other(key, r),
    };
    Some(change.map_or(Comparison::Unknown, Comparison::Changed))
}

/// The tiles compared with `previous_week`: the same definition for both weeks.
fn compare_other(key: &str, r: &Report) -> Option<Comparison> {
    let up_is_bad = match key {
        "report_overdue_unshipped"
        | "report_failed_cancelled"
        | "report_p90"
        | "report_compensation" => true,
        "report_proactive" | "report_within_2h" => false,
        _ => return None,
    };
    let pw = r.previous_week.as_ref()?;
    if pw.due == 0 {
        return Some(Comparison::NothingDueLastWeek);
    }
    let Some(current) = value_of(key, r) else {
        // Ship times unknown this week: P90 and the proactive rate (whose base is the
        // delayed lines) cannot be told; anything else missing is shown on the tile.
        let ship = r.totals.shipped_time_unknown > 0
            && (key == "report_p90" || (key == "report_proactive" && r.notification.is_some()));
        return Some(if ship {
            Comparison::Unknown
        } else {
            Comparison::NoFigure
        });
    };
    let previous = match previous_value(key, pw) {
        Ok(v) => v,
        Err(c) => return Some(c),
    };
    let (scale, decimals) = match unit(key) {
        Unit::Rate => (100.0, 1),
        Unit::Money => (1.0, 2),
        Unit::Hours | Unit::Count => (1.0, 1),
    };
    Some(Comparison::Changed(Change::at(
        current, previous, scale, decimals, up_is_bad,
    )))
}

/// Last week's figure of tile `key`, or why there is none.
fn previous_value(key: &str, pw: &PreviousWeek) -> Result<f64, Comparison> {
    let n = pw.notification.as_ref();
    match key {
        "report_overdue_unshipped" => Ok(pw.overdue_unshipped as f64),
        "report_failed_cancelled" => Ok(pw.failed_cancelled as f64),
        "report_p90" => match (pw.delayed, pw.delay_hours.p90) {
            (None, _) => Err(Comparison::Unknown),
            (Some(_), None) => Err(Comparison::NoDelaysLastWeek),
            (Some(_), Some(v)) => Ok(v),
        },
        "report_proactive" => match (n, pw.delayed) {
            (None, _) => Err(Comparison::NoFigure),
            (Some(_), None) => Err(Comparison::Unknown),
            (Some(_), Some(0)) => Err(Comparison::NoDelayedLastWeek),
            (Some(n), Some(d)) => Ok(n.proactive as f64 / d as f64),
        },
        "report_within_2h" => match n.and_then(|n| n.within_2h.zip(n.with_detected_at)) {
            None => Err(Comparison::NoFigure),
            Some((_, 0)) => Err(Comparison::NoDetectedLastWeek),
            Some((a, b)) => Ok(a as f64 / b as f64),
        },
        "report_compensation" => pw.compensation_estimate.ok_or(Comparison::NoFigure),
        _ => Err(Comparison::NoFigure),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Rates compare in points at one decimal; the limit itself is on target.
    #[test]
    fn points_and_limits() {
        let c = Change::of(0.209, 0.149, 100.0, true);
        assert_eq!((c.delta, c.dir, c.is_worse()), (6.0, Dir::Up, true));
        let same = Change::of(0.14951, 0.14949, 100.0, true);
        assert_eq!(same.dir, Dir::Same);
        let t = Target::at_most(Some(0.04)).unwrap();
        assert!(!t.crossed(0.04) && t.crossed(0.0401));
        let m = Target::at_least(Some(0.9)).unwrap();
        assert!(m.crossed(0.89) && !m.crossed(0.9));
    }
}
