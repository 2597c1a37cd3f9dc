//! The allowed range of every number in `delaybook.yaml`.
//!
//! Each bound is wide enough for any real shop and small enough that no value can make
//! the report allocate or loop without end (an unchecked `trend_weeks: 4000000000`
//! aborted with "memory allocation of 32000000000 bytes failed"). `NaN` and infinities
//! fail every check, because each test is written as "inside the range".

use super::{CompensationRule, Config, ReportConfig};

/// Longest duration accepted for a setting in hours: one year.
const MAX_HOURS: f64 = 24.0 * 366.0;
/// Longest duration accepted for a setting in days: one year.
const MAX_DAYS: i64 = 366;

/// One numeric setting checked against its range.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Check {
    /// Field path, e.g. `report.trend_weeks`.
    pub key: String,
    /// The value as written, for the message.
    pub value: String,
    /// True when the value is inside the range.
    pub ok: bool,
    /// What is expected, for the hint.
    pub expected: String,
}

fn check(key: String, value: impl ToString, ok: bool, expected: impl Into<String>) -> Check {
    Check {
        key,
        value: value.to_string(),
        ok,
        expected: expected.into(),
    }
}

/// A number for the message: plain, or in exponent form when it would take dozens of
/// digits (`1e300`).
fn show(x: f64) -> String {
    if x.is_finite() && x.abs() >= 1e12 {
        format!("{x:e}")
    } else {
        x.to_string()
    }
}

fn within_f64(x: f64, low_exclusive: f64, high: f64) -> bool {
    x.is_finite() && x > low_exclusive && x <= high
}

/// Every numeric setting of `config` with its verdict.
pub(super) fn checks(config: &Config) -> Vec<Check> {
    let mut out = report_checks(&config.report);
    let g = &config.governance;
    for (k, v) in [
        ("rule_max_age_days", g.rule_max_age_days),
        ("review_max_age_days", g.review_max_age_days),
    ] {
        let ok = (1..=10 * MAX_DAYS).contains(&v);
        let expected = crate::tr!("range.governance_days");
        out.push(check(format!("governance.{k}"), v, ok, expected));
    }
    out.extend(
        config
            .report
            .targets
            .range_checks()
            .into_iter()
            .map(|(k, v, ok, expected)| check(k, show(v), ok, crate::tr!(expected))),
    );
    let d = &config.default_platform;
    platform_checks(
        "default_platform",
        Some(d.promise_hours),
        Some(d.compensation),
        &mut out,
    );
    for (key, p) in &config.platforms {
        platform_checks(
            &format!("platforms.{key}"),
            p.promise_hours,
            p.compensation,
            &mut out,
        );
    }
    out
}

fn report_checks(r: &ReportConfig) -> Vec<Check> {
    let mut out = report_fraction_checks(r);
    out.extend(report_duration_and_count_checks(r));
    out
}

fn key(k: &str) -> String {
    format!("report.{k}")
}

fn report_fraction_checks(r: &ReportConfig) -> Vec<Check> {
    vec![
        check(
            key("service_level"),
            show(r.service_level),
            r.service_level > 0.5 && r.service_level < 1.0,
            crate::tr!("range.service_level"),
        ),
        check(
            key("hot_share"),
            show(r.hot_share),
            within_f64(r.hot_share, 0.0, 1.0),
            crate::tr!("range.hot_share"),
        ),
        check(
            key("hot_stock_share"),
            show(r.hot_stock_share),
            within_f64(r.hot_stock_share, 0.0, 10.0),
            crate::tr!("range.hot_stock_share"),
        ),
    ]
}

fn report_duration_and_count_checks(r: &ReportConfig) -> Vec<Check> {
    let hours = |k: &str, x: f64| {
        check(
            key(k),
            show(x),
            within_f64(x, 0.0, MAX_HOURS),
            crate::tr!("range.hours", max = MAX_HOURS),
        )
    };
    let days = |k: &str, x: i64, low: i64| {
        check(
            key(k),
            x,
            (low..=MAX_DAYS).contains(&x),
            crate::tr!("range.days", low = low, max = MAX_DAYS),
        )
    };
    let count = |k: &str, x: usize, low: usize, high: usize, what: &str| {
        check(
            key(k),
            x,
            (low..=high).contains(&x),
            crate::tr!(
                "range.count",
                what = crate::tr!(what),
                low = low,
                high = high
            ),
        )
    };
    vec![
        check(
            key("lead_time_days"),
            show(r.lead_time_days),
            within_f64(r.lead_time_days, 0.0, MAX_DAYS as f64),
            crate::tr!("range.lead_time", max = MAX_DAYS),
        ),
        days("demand_window_days", r.demand_window_days, 1),
        days("delist_after_days", r.delist_after_days, 1),
        check(
            key("presale_min_days"),
            r.presale_min_days,
            (0..=r.delist_after_days).contains(&r.presale_min_days),
            crate::tr!("range.presale_min"),
        ),
        hours("resolve_within_hours", r.resolve_within_hours),
        hours("notify_within_hours", r.notify_within_hours),
        hours("at_risk_hours", r.at_risk_hours),
        count("at_risk_limit", r.at_risk_limit, 1, 100_000, "range.rows"),
        count(
            "problems_limit",
            r.problems_limit,
            1,
            100_000,
            "range.problems",
        ),
        count("trend_weeks", r.trend_weeks, 1, 104, "range.weeks"),
        count("top_skus", r.top_skus, 1, 1_000, "range.skus"),
    ]
}

fn platform_checks(
    base: &str,
    hours: Option<f64>,
    comp: Option<CompensationRule>,
    out: &mut Vec<Check>,
) {
    if let Some(h) = hours {
        out.push(check(
            format!("{base}.promise_hours"),
            show(h),
            within_f64(h, 0.0, MAX_HOURS),
            crate::tr!("range.promise_hours", max = MAX_HOURS),
        ));
    }
    if let Some(c) = comp {
        out.push(check(
            format!("{base}.compensation.rate"),
            show(c.rate),
            c.rate.is_finite() && (0.0..=1.0).contains(&c.rate),
            crate::tr!("range.rate"),
        ));
        out.push(check(
            format!("{base}.compensation.cap"),
            show(c.cap),
            c.cap.is_finite() && (0.0..=1_000_000.0).contains(&c.cap),
            crate::tr!("range.cap"),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failing(config: &Config) -> Vec<String> {
        checks(config)
            .into_iter()
            .filter(|c| !c.ok)
            .map(|c| c.key)
            .collect()
    }

    // The defaults are the thresholds of report-metrics.md and must all pass.
    #[test]
    fn defaults_are_in_range() {
        assert!(failing(&Config::default()).is_empty());
    }

    // Huge counts aborted the report with a failed allocation; NaN slipped through `>`.
    #[test]
    fn refuses_huge_negative_and_nan_values() {
        let mut c = Config::default();
        c.report.trend_weeks = 4_000_000_000;
        c.report.demand_window_days = 1_000_000_000;
        c.report.top_skus = usize::MAX;
        c.report.at_risk_hours = f64::NAN;
        c.report.lead_time_days = f64::INFINITY;
        c.report.delist_after_days = -1;
        c.default_platform.compensation.cap = 1e300;
        let mut bad = failing(&c);
        bad.sort();
        assert_eq!(
            bad,
            [
                "default_platform.compensation.cap",
                "report.at_risk_hours",
                "report.delist_after_days",
                "report.demand_window_days",
                "report.lead_time_days",
                "report.presale_min_days",
                "report.top_skus",
                "report.trend_weeks",
            ]
        );
    }

    // Just inside and just outside each bound.
    #[test]
    fn bounds_are_inclusive_where_documented() {
        let mut c = Config::default();
        c.report.trend_weeks = 104;
        c.report.demand_window_days = 366;
        c.report.presale_min_days = 0;
        assert!(failing(&c).is_empty());
        c.report.trend_weeks = 105;
        c.report.demand_window_days = 367;
        c.report.presale_min_days = -1;
        let mut bad = failing(&c);
        bad.sort();
        assert_eq!(
            bad,
            [
                "report.demand_window_days",
                "report.presale_min_days",
                "report.trend_weeks"
            ]
        );
    }
}
