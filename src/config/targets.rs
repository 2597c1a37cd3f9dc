//! Targets of the weekly report (`report.targets` in `delaybook.yaml`): the line each
//! headline figure should stay on the right side of. The report page shows the target
//! on its tile and colours the tile when the week crosses it.
//!
//! A target set to `null` is not shown. The defaults are figures a shop can defend:
//! the late-dispatch rate TikTok Shop asks sellers to stay at or under (4 %), the
//! 72-hour process of the handbook, and telling (nearly) every buyer before the
//! deadline and within 2 hours of finding the problem.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Where each headline figure should stay (`None` = no target).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Targets {
    /// Highest acceptable late rate, a fraction (default 0.04 = 4 %).
    pub late_rate: Option<f64>,
    /// Per platform key: highest acceptable late rate of that platform (default: `late_rate`).
    pub platform_late_rate: BTreeMap<String, f64>,
    /// Highest acceptable number of delayed lines in a week (default none).
    pub delayed: Option<u64>,
    /// Highest acceptable number of overdue unshipped lines at the end of the week (default none).
    pub overdue_unshipped: Option<u64>,
    /// Highest acceptable number of failed-and-cancelled lines (default none).
    pub failed_cancelled: Option<u64>,
    /// Highest acceptable P90 delay in hours (default 72, the 72-hour process).
    pub p90_delay_hours: Option<f64>,
    /// Lowest acceptable share of delayed lines whose buyer was told by the deadline
    /// (default 0.9).
    pub proactive_rate: Option<f64>,
    /// Lowest acceptable share of buyers told within `notify_within_hours` of detection
    /// (default 0.9).
    pub within_2h_rate: Option<f64>,
    /// Highest acceptable estimated compensation in the shop currency (default none).
    pub compensation: Option<f64>,
}

impl Default for Targets {
    fn default() -> Self {
        Targets {
            late_rate: Some(0.04),
            platform_late_rate: BTreeMap::new(),
            delayed: None,
            overdue_unshipped: None,
            failed_cancelled: None,
            p90_delay_hours: Some(72.0),
            proactive_rate: Some(0.9),
            within_2h_rate: Some(0.9),
            compensation: None,
        }
    }
}

impl Targets {
    /// The late-rate target of a platform: its own entry, else `late_rate`.
    pub fn platform(&self, platform: &str) -> Option<f64> {
        self.platform_late_rate
            .get(platform)
            .copied()
            .or(self.late_rate)
    }

    /// (field path, value, value is in range, catalogue key of what is expected) for
    /// every set target.
    pub fn range_checks(&self) -> Vec<(String, f64, bool, &'static str)> {
        let fraction = "range.fraction_pct";
        let in_unit = |v: f64| v.is_finite() && (0.0..=1.0).contains(&v);
        let mut checks: Vec<(String, f64, bool, &'static str)> = [
            ("late_rate", self.late_rate),
            ("proactive_rate", self.proactive_rate),
            ("within_2h_rate", self.within_2h_rate),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| (k.to_string(), v, in_unit(v), fraction)))
        .collect();
        for (platform, &v) in &self.platform_late_rate {
            checks.push((
                format!("platform_late_rate.{platform}"),
                v,
                in_unit(v),
                fraction,
            ));
        }
        let amounts = [
            (
                "p90_delay_hours",
                self.p90_delay_hours,
                24.0 * 366.0,
                "range.p90",
            ),
            ("compensation", self.compensation, 1e9, "range.compensation"),
        ];
        for (k, v, max, expected) in amounts {
            if let Some(v) = v {
                let ok = v.is_finite() && (0.0..=max).contains(&v);
                checks.push((k.to_string(), v, ok, expected));
            }
        }
        checks
            .into_iter()
            .map(|(k, v, ok, e)| (format!("report.targets.{k}"), v, ok, e))
            .collect()
    }
}
