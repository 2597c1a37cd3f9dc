//! §2: the report week, `as_of`, the trend weeks and the demand window, as instants
//! and local day numbers.

use chrono::{Datelike, NaiveDate, Weekday};

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
    /// How the week was chosen, with its date range (for the terminal).
    pub note: String,
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
        // At most ten years of days (the per-SKU day index is a u16).
        let days = config.report.demand_window_days.clamp(1, 3660);
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
            note: String::new(),
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

/// The default week of §2: the latest ISO week whose Sunday is on or before `date`
/// (the local date of the latest order). An export running into Sunday, or to Monday
/// morning, reports the week that just ended; one ending on a Wednesday the week before.
pub fn default_week(date: NaiveDate) -> IsoWeek {
    IsoWeek::of(date.succ_opt().unwrap_or(date)).minus(1)
}

/// `2026-W47 (2026-11-16 – 2026-11-22)`.
pub fn week_range(week: IsoWeek) -> String {
    let monday = week.monday();
    let sunday = monday + chrono::Duration::days(6);
    format!("{week} ({monday} – {sunday})")
}

/// Resolves `--week` (or the default week, see [`default_week`]) and `--as-of`.
pub fn resolve(
    week: Option<&str>,
    as_of: Option<&str>,
    max_ordered: Option<i64>,
    config: &Config,
    clock: &mut Clock,
) -> Result<Window, ReportError> {
    let (week, note) = match week {
        Some(text) => {
            let w = IsoWeek::parse(text).ok_or_else(|| ReportError::BadWeek(text.to_string()))?;
            (w, week_note("week.given", w, None))
        }
        None => {
            let max = max_ordered.ok_or(ReportError::NoData)?;
            let date = clock.local_naive(max).date();
            let w = default_week(date);
            let key = if date.weekday() == Weekday::Sun {
                "week.default_sunday"
            } else {
                "week.default_last"
            };
            (w, week_note(key, w, Some(date)))
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
    let mut window = Window::new(week, as_of, config, clock);
    window.note = note;
    Ok(window)
}

/// The terminal note saying which week was chosen and why (message `key`).
fn week_note(key: &str, week: IsoWeek, latest: Option<chrono::NaiveDate>) -> String {
    let monday = week.monday();
    let sunday = monday + chrono::Duration::days(6);
    let (date, weekday) = match latest {
        Some(d) => (
            d.to_string(),
            crate::tr!(&format!("weekday.{}", d.weekday().number_from_monday())),
        ),
        None => (String::new(), String::new()),
    };
    crate::tr!(
        key,
        week = week,
        monday = monday,
        sunday = sunday,
        date = date,
        weekday = weekday
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    // §2: Sunday → its own week; Monday (even 00:01) and Wednesday → the week before.
    #[test]
    fn default_week_follows_the_sunday_rule() {
        assert_eq!(default_week(day("2026-11-22")).to_string(), "2026-W47");
        assert_eq!(default_week(day("2026-11-23")).to_string(), "2026-W47");
        assert_eq!(default_week(day("2026-11-25")).to_string(), "2026-W47");
        assert_eq!(default_week(day("2026-11-29")).to_string(), "2026-W48");
        assert_eq!(
            week_range(default_week(day("2026-11-22"))),
            "2026-W47 (2026-11-16 – 2026-11-22)"
        );
    }
}
