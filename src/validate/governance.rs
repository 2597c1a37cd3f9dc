//! Governance: every playbook names an owner and the date it was last reviewed, and
//! `check` lists the playbooks and platform rules that are past their review age.
//!
//! Ages are measured against `check --today`, or else the newest date written in the
//! content (the latest `reviewed` or `verified_on`), never the wall clock: the same
//! files always give the same warnings.

use chrono::NaiveDate;

use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use crate::playbooks::RawContent;
use crate::playbooks::model::Playbook;
use crate::yaml::Source;

/// Parses a `YYYY-MM-DD` date (exactly that form).
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    let shape = t.len() == 10 && t.as_bytes()[4] == b'-' && t.as_bytes()[7] == b'-';
    shape
        .then(|| NaiveDate::parse_from_str(t, "%Y-%m-%d").ok())
        .flatten()
}

/// A dated item of the content: where its date is and what it is.
struct Dated<'a> {
    source: &'a Source,
    path: String,
    date: NaiveDate,
    what: String,
    rule: bool,
}

pub(super) fn check(
    raw: &RawContent,
    config: &Config,
    today: Option<NaiveDate>,
    diag: &mut Diagnostics,
) {
    let dated = collect(raw, diag);
    let Some(reference) = today.or_else(|| dated.iter().map(|d| d.date).max()) else {
        return;
    };
    let g = &config.governance;
    for d in &dated {
        let (limit, code, action) = if d.rule {
            (g.rule_max_age_days, "W080", "_verified")
        } else {
            (g.review_max_age_days, "W081", "_reviewed")
        };
        let age = (reference - d.date).num_days();
        let span = d.source.span(&d.path);
        if age < 0 && today.is_some() {
            let message = crate::tr!(
                &format!("gov.future{action}"),
                what = d.what,
                date = d.date,
                today = reference
            );
            diag.push(
                Diagnostic::warning("W088", span, message)
                    .with_path(&d.path)
                    .with_hint(Some(crate::tr!("gov.future_hint"))),
            );
        } else if age > limit {
            let message = crate::tr!(
                &format!("gov.old{action}"),
                what = d.what,
                date = d.date,
                age = age,
                today = reference,
                limit = limit
            );
            let hint = crate::tr!(if d.rule {
                "gov.old_rule_hint"
            } else {
                "gov.old_playbook_hint"
            });
            diag.push(
                Diagnostic::warning(code, span, message)
                    .with_path(&d.path)
                    .with_hint(Some(hint)),
            );
        }
    }
}

/// Every valid date of the content; reports missing owners and review dates and
/// malformed review dates on the way.
fn collect<'a>(raw: &'a RawContent, diag: &mut Diagnostics) -> Vec<Dated<'a>> {
    let mut out = Vec::new();
    for f in &raw.files {
        let s = &f.source;
        for (i, p) in f.content.playbooks.iter().enumerate() {
            out.extend(playbook_date(s, i, p, diag));
        }
        for (i, set) in f.content.platform_rules.iter().enumerate() {
            for (j, r) in set.rules.iter().enumerate() {
                if let Some(date) = parse_date(&r.verified_on) {
                    out.push(Dated {
                        source: s,
                        path: format!("platform_rules[{i}].rules[{j}].verified_on"),
                        date,
                        what: crate::tr!(
                            "gov.what_rule",
                            key = format!("{}.{}", set.platform, r.key)
                        ),
                        rule: true,
                    });
                }
            }
        }
    }
    out
}

/// The review date of playbook `i`, after reporting a missing owner or date (W082) or
/// a malformed date (E084).
fn playbook_date<'a>(
    s: &'a Source,
    i: usize,
    p: &Playbook,
    diag: &mut Diagnostics,
) -> Option<Dated<'a>> {
    let base = format!("playbooks[{i}]");
    let missing: Vec<&str> = [("owner", &p.owner), ("reviewed", &p.reviewed)]
        .into_iter()
        .filter(|(_, v)| v.trim().is_empty())
        .map(|(k, _)| k)
        .collect();
    if !missing.is_empty() {
        let path = format!("{base}.id");
        let key = match missing.as_slice() {
            ["owner"] => "gov.no_owner",
            ["reviewed"] => "gov.no_reviewed",
            _ => "gov.no_owner_reviewed",
        };
        let message = crate::tr!(key, id = p.id);
        let hint = crate::tr!("gov.no_owner_hint");
        diag.push(
            Diagnostic::warning("W082", s.span(&path), message)
                .with_path(&path)
                .with_hint(Some(hint)),
        );
    }
    if p.reviewed.trim().is_empty() {
        return None;
    }
    let path = format!("{base}.reviewed");
    let Some(date) = parse_date(&p.reviewed) else {
        diag.push(
            Diagnostic::error(
                "E084",
                s.span(&path),
                crate::tr!("gov.not_date", value = p.reviewed),
            )
            .with_path(&path)
            .with_hint(Some(crate::tr!("gov.not_date_hint"))),
        );
        return None;
    };
    Some(Dated {
        source: s,
        path,
        date,
        what: crate::tr!("gov.what_playbook", id = p.id),
        rule: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    // Only the documented form is a date: a typo must not pass as some other day.
    #[test]
    fn dates_are_strict() {
        assert!(parse_date("2026-11-02").is_some());
        for bad in [
            "2026-2-3",
            "2026/11/02",
            "2026-13-01",
            "11月2日",
            "",
            "2026-11-021",
        ] {
            assert!(parse_date(bad).is_none(), "{bad}");
        }
    }
}
