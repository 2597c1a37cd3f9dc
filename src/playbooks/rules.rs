//! Platform rules as data: the figures a marketplace sets (promise hours, stock-out
//! compensation, how long a tracking number can be corrected, how 预售 must be
//! marked …), one entry per platform and rule, each with its source, the date someone
//! last checked it in the back office and who owns it.
//!
//! Rules change. Prose and templates refer to a rule with a tag
//! (`{{rule:taobao.promise_hours}}`) instead of repeating the figure, so a change is
//! made in one place; the report reads promise hours and compensation from the same
//! entries (see [`crate::validate::rules::apply_to_config`]).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The rules of one platform.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlatformRules {
    /// Platform key: `douyin`, `tiktok_shop`, `pinduoduo`, `taobao` or a key configured
    /// under `platforms:` in delaybook.yaml.
    pub platform: String,
    /// Who checks this platform's rules (default owner of every rule below).
    #[serde(default)]
    pub owner: String,
    /// The rules.
    pub rules: Vec<RuleEntry>,
}

/// One rule of one platform.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleEntry {
    /// Rule key, a slug shared across platforms: `promise_hours`,
    /// `stockout_compensation_rate`, `stockout_compensation_cap`, `tracking_fix_window` …
    pub key: String,
    /// What the rule is, in a few words: `承诺发货时间`.
    pub name: String,
    /// The value: a number for `hours`, `days`, `percent` and `yuan`, text for `text`.
    pub value: RuleValue,
    /// How the value reads: `hours` (48 → 48小时), `days`, `percent` (5 → 5%), `yuan`
    /// (30 → 30元) or `text`.
    pub unit: RuleUnit,
    /// Where the rule comes from and how sure we are: the back-office page or rule
    /// document, and anything not yet confirmed.
    pub source: String,
    /// The date (`YYYY-MM-DD`) someone last checked the value in the back office.
    pub verified_on: String,
    /// Who checks this rule (default: the platform's `owner`).
    #[serde(default)]
    pub owner: String,
}

/// A rule's value as written: a number or a sentence.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema, PartialEq)]
#[serde(untagged)]
pub enum RuleValue {
    /// A figure: hours, days, a percentage or an amount.
    Number(f64),
    /// A sentence, for rules that are not a figure.
    Text(String),
}

/// How a rule's value is read.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum RuleUnit {
    /// Hours: `48` reads `48小时`.
    Hours,
    /// Days: `7` reads `7天`.
    Days,
    /// A percentage: `5` reads `5%` (and means 0.05 in the report).
    Percent,
    /// An amount of money: `30` reads `30元`.
    Yuan,
    /// Free text.
    Text,
}

impl RuleUnit {
    /// The YAML name of the unit.
    pub fn key(self) -> &'static str {
        match self {
            RuleUnit::Hours => "hours",
            RuleUnit::Days => "days",
            RuleUnit::Percent => "percent",
            RuleUnit::Yuan => "yuan",
            RuleUnit::Text => "text",
        }
    }
}

/// Rule keys the report reads, with the unit each must have.
pub const REPORT_RULES: &[(&str, RuleUnit)] = &[
    (PROMISE_HOURS, RuleUnit::Hours),
    (COMPENSATION_RATE, RuleUnit::Percent),
    (COMPENSATION_CAP, RuleUnit::Yuan),
    (LATE_RATE_MAX, RuleUnit::Percent),
];

/// Hours after payment (or after the group forms) by which an order must ship.
pub const PROMISE_HOURS: &str = "promise_hours";
/// Stock-out / late-dispatch compensation as a share of the amount paid.
pub const COMPENSATION_RATE: &str = "stockout_compensation_rate";
/// Upper limit of that compensation.
pub const COMPENSATION_CAP: &str = "stockout_compensation_cap";
/// The late-dispatch rate the platform penalises above: the report's per-platform
/// late-rate target (`report.targets.platform_late_rate`) unless delaybook.yaml sets one.
pub const LATE_RATE_MAX: &str = "late_dispatch_rate_max";

/// Formats a number without a trailing `.0`: `48`, `0.5`, `12.5`.
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        let s = format!("{n:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Figures are shown as people write them: no `48.0`, no `0.50`.
    #[test]
    fn numbers_read_naturally() {
        assert_eq!(format_number(48.0), "48");
        assert_eq!(format_number(0.5), "0.5");
        assert_eq!(format_number(12.25), "12.25");
        assert_eq!(format_number(2.10), "2.1");
    }

    // A YAML number and a YAML sentence both load, into the matching variant.
    #[test]
    fn value_is_a_number_or_text() {
        let n: RuleValue = serde_saphyr::from_str("48").unwrap();
        assert_eq!(n, RuleValue::Number(48.0));
        let t: RuleValue = serde_saphyr::from_str("在发布页设置预售").unwrap();
        assert_eq!(t, RuleValue::Text("在发布页设置预售".into()));
    }
}
