//! §2: the report week, `as_of`, the trend weeks and the demand window, as instants
//! and local day numbers.

use super::ReportError;
use crate::config::Config;
use crate::ingest::timestamp::{Clock, IsoWeek};

/// The time frame of one report.
#[derive(Debug, Clone)]
pub struct Window {
    /// The week W.
    pub week: IsoWeek,
    /// Monday 00:00 local of W.
    pub start: i64,
    /// Next Monday 00:00 local.
    pub end: i64,
    /// The report's "now".
    pub as_of: i64,
    /// Starts of the trend weeks before W (oldest first) followed by `start` of W.
    pub trend_bounds: Vec<i64>,
    /// The trend weeks before W, oldest first.
    pub trend_weeks: Vec<IsoWeek>,
    /// Local day number of the first day of the demand window.
    pub demand_first_day: i64,
    /// Number of days in the demand window.
    pub demand_days: usize,
}

impl Window {
    /// Builds the window of `week`, with `as_of` given or the end of the week.
    pub fn new(week: IsoWeek, as_of: Option<i64>, config: &Config, clock: &mut Clock) -> Self {
        let start = clock.local_midnight(week.monday());
        let end = clock.local_midnight(week.minus(-1).monday());
        let as_of = as_of.unwrap_or(end);
        let n = config.report.trend_weeks.max(1) - 1;
        let trend_weeks: Vec<IsoWeek> = (1..=n).rev().map(|k| week.minus(k as i64)).collect();
        let mut trend_bounds: Vec<i64> = trend_weeks
            .iter()
            .map(|w| clock.local_midnight(w.monday()))
            .collect();
        trend_bounds.push(start);
        let days = config.report.demand_window_days.max(1);
        let demand_first_day = clock.local_day(as_of) - days;
        Window {
            week,
            start,
            end,
            as_of,
            trend_bounds,
            trend_weeks,
            demand_first_day,
            demand_days: days as usize,
        }
    }

    /// Index of the trend week (before W) that contains instant `t`.
    pub fn trend_index(&self, t: i64) -> Option<usize> {
        let first = *self.trend_bounds.first()?;
        if t < first || t >= self.start {
            return None;
        }
        let i = self.trend_bounds.partition_point(|&b| b <= t);
        Some(i - 1)
    }
}

/// Resolves `--week` (or the default: the week before the one holding the greatest
/// `ordered_at`) and `--as-of`.
pub fn resolve(
    week: Option<&str>,
    as_of: Option<&str>,
    max_ordered: Option<i64>,
    config: &Config,
    clock: &mut Clock,
) -> Result<Window, ReportError> {
    let week = match week {
        Some(text) => IsoWeek::parse(text).ok_or_else(|| ReportError::BadWeek(text.to_string()))?,
        None => {
            let max = max_ordered.ok_or(ReportError::NoData)?;
            let date = clock.local_naive(max).date();
            IsoWeek::of(date).minus(1)
        }
    };
    let as_of = match as_of {
        Some(text) => Some(
            clock
                .parse(text)
                .ok_or_else(|| ReportError::BadAsOf(text.to_string()))?,
        ),
        None => None,
    };
    Ok(Window::new(week, as_of, config, clock))
}
