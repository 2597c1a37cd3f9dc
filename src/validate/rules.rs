//! Platform rules: each entry is well formed (known platform, slug key, a value that
//! fits its unit and range, a real `verified_on` date), and [`apply_to_config`] hands
//! the figures the report needs to the config.

use std::collections::BTreeMap;

use super::Content;
use super::links::{BUILTIN_PLATFORMS, is_safe_slug};
use crate::config::{CompensationRule, Config};
use crate::diag::{Diagnostic, Diagnostics, Span, did_you_mean};
use crate::playbooks::RawContent;
use crate::playbooks::rules::{
    COMPENSATION_CAP, COMPENSATION_RATE, LATE_RATE_MAX, PROMISE_HOURS, REPORT_RULES, RuleEntry,
    RuleUnit, RuleValue,
};
use crate::yaml::Source;

pub(super) fn check(raw: &RawContent, config: &Config, diag: &mut Diagnostics) {
    let mut known: Vec<&str> = BUILTIN_PLATFORMS.to_vec();
    known.extend(config.platforms.keys().map(String::as_str));
    let mut first: BTreeMap<(String, String), Span> = BTreeMap::new();
    for f in &raw.files {
        let s = &f.source;
        for (i, set) in f.content.platform_rules.iter().enumerate() {
            let base = format!("platform_rules[{i}]");
            if !known.contains(&set.platform.as_str()) {
                let path = format!("{base}.platform");
                let hint =
                    did_you_mean(&set.platform, known.iter().copied()).unwrap_or_else(|| {
                        crate::tr!(
                            "links.known_platforms",
                            list = known.join(&crate::tr!("list.sep"))
                        )
                    });
                let message = crate::tr!("rules.unknown_platform", platform = set.platform);
                diag.push(
                    Diagnostic::error("E023", s.span(&path), message)
                        .with_path(&path)
                        .with_hint(Some(hint)),
                );
            }
            for (j, r) in set.rules.iter().enumerate() {
                let path = format!("{base}.rules[{j}]");
                check_entry(s, &path, r, diag);
                let id = (set.platform.clone(), r.key.clone());
                if let Some(prev) = first.get(&id) {
                    let message = crate::tr!("rules.twice", rule = r.key, platform = set.platform);
                    let hint = crate::tr!(
                        "rules.twice_hint",
                        file = prev.file.display(),
                        line = prev.line
                    );
                    let p = format!("{path}.key");
                    diag.push(
                        Diagnostic::error("E083", s.span(&p), message)
                            .with_path(&p)
                            .with_hint(Some(hint)),
                    );
                } else {
                    first.insert(id, s.span(&format!("{path}.key")));
                }
            }
        }
    }
}

fn check_entry(s: &Source, path: &str, r: &RuleEntry, diag: &mut Diagnostics) {
    let mut push = |field: &str, code: &'static str, message: String, hint: String| {
        let p = format!("{path}.{field}");
        diag.push(
            Diagnostic::error(code, s.span(&p), message)
                .with_path(&p)
                .with_hint(Some(hint)),
        );
    };
    if !is_safe_slug(&r.key) {
        push(
            "key",
            "E020",
            crate::tr!("rules.bad_key", rule = r.key),
            crate::tr!("links.unsafe_id_hint", example = "promise_hours"),
        );
    }
    if let Some((_, unit)) = REPORT_RULES.iter().find(|(k, _)| *k == r.key)
        && *unit != r.unit
    {
        push(
            "unit",
            "E083",
            crate::tr!("rules.wrong_unit", rule = r.key, unit = unit.key()),
            crate::tr!("rules.wrong_unit_hint", rule = r.key, unit = unit.key()),
        );
    }
    if let Some((message, hint)) = value_problem(r) {
        push("value", "E083", message, hint);
    }
    if super::governance::parse_date(&r.verified_on).is_none() {
        push(
            "verified_on",
            "E084",
            crate::tr!("rules.not_date", value = r.verified_on),
            crate::tr!("rules.not_date_hint"),
        );
    }
}

/// What is wrong with a rule's value for its unit, if anything.
fn value_problem(r: &RuleEntry) -> Option<(String, String)> {
    match (&r.value, r.unit) {
        (RuleValue::Text(t), RuleUnit::Text) if t.trim().is_empty() => Some((
            crate::tr!("rules.no_value"),
            crate::tr!("rules.no_value_hint"),
        )),
        (RuleValue::Text(_), RuleUnit::Text) => None,
        (RuleValue::Number(n), RuleUnit::Text) => Some((
            crate::tr!("rules.text_number", n = n),
            crate::tr!("rules.text_number_hint"),
        )),
        (RuleValue::Text(t), unit) => Some((
            crate::tr!("rules.not_number", value = t, unit = unit.key()),
            crate::tr!("rules.not_number_hint"),
        )),
        (RuleValue::Number(n), unit) => {
            let ok = n.is_finite()
                && match unit {
                    RuleUnit::Hours | RuleUnit::Days => *n > 0.0,
                    RuleUnit::Percent => (0.0..=100.0).contains(n),
                    _ => *n >= 0.0,
                };
            (!ok).then(|| {
                let expected = match unit {
                    RuleUnit::Percent => "rules.expect_percent",
                    RuleUnit::Hours | RuleUnit::Days => "rules.expect_positive",
                    _ => "rules.expect_amount",
                };
                (
                    crate::tr!("rules.out_of_range", n = n, unit = unit.key()),
                    crate::tr!(expected),
                )
            })
        }
    }
}

/// The number of rule `key` of `platform`, when it is a valid figure.
fn figure(content: &Content, platform: &str, key: &str) -> Option<f64> {
    let (r, _) = content.rule(platform, key)?;
    match r.value {
        RuleValue::Number(n) if value_problem(r).is_none() && r.unit != RuleUnit::Text => Some(n),
        _ => None,
    }
}

/// The report hook: each platform's promise hours, stock-out compensation and late-rate
/// target come from the platform rules, unless delaybook.yaml sets them for that
/// platform (the config stays an override). A rate or cap missing from the rules falls
/// back to `default_platform`.
pub fn apply_to_config(config: &mut Config, content: &Content) {
    let platforms: Vec<String> = content
        .platform_rules
        .iter()
        .map(|p| p.platform.clone())
        .collect();
    let default = config.default_platform.compensation;
    for key in platforms {
        let hours = figure(content, &key, PROMISE_HOURS);
        let rate = figure(content, &key, COMPENSATION_RATE).map(|p| p / 100.0);
        let cap = figure(content, &key, COMPENSATION_CAP);
        if let Some(max) = figure(content, &key, LATE_RATE_MAX) {
            let targets = &mut config.report.targets.platform_late_rate;
            targets.entry(key.clone()).or_insert(max / 100.0);
        }
        let entry = config.platforms.entry(key).or_default();
        if entry.promise_hours.is_none() {
            entry.promise_hours = hours;
        }
        if entry.compensation.is_none() && (rate.is_some() || cap.is_some()) {
            entry.compensation = Some(CompensationRule {
                rate: rate.unwrap_or(default.rate),
                cap: cap.unwrap_or(default.cap),
            });
        }
    }
}
