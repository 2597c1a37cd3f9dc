//! Fixes printed with grouped data problems: the lines to paste into `delaybook.yaml`
//! (the `status_map` entries for every unknown status seen, a `columns:` mapping, a
//! platform alias), written so that pasting never creates a duplicate key — when the
//! file already has the section, the lines are shown as lines to add under it.

use std::fmt::Write as _;

use super::quality::Group;
use crate::ingest::Kind;
use crate::ingest::status::{self, Status};

/// The project's `delaybook.yaml` as far as fixes need it.
#[derive(Debug, Clone, Default)]
pub struct Fixes<'a> {
    /// The parsed file (`Null` when there is none).
    pub config: serde_json::Value,
    /// Its text (to tell block sections from inline ones).
    pub text: &'a str,
}

impl<'a> Fixes<'a> {
    /// Fixes for a project whose config file has `text` (empty when there is none).
    pub fn new(text: &'a str) -> Self {
        let config = serde_saphyr::from_str::<serde_json::Value>(text).unwrap_or_default();
        Fixes { config, text }
    }

    /// The fix for a group, if there is one to give.
    pub fn fix(&self, g: &Group) -> Option<String> {
        match g.kind {
            Kind::UnknownStatus => Some(self.status_map(g)),
            Kind::BadTimestamp => self.timestamp_format(g),
            Kind::UnknownPlatform => Some(self.platform_aliases(g)),
            Kind::UnknownCause => Some(cause_fix(g)),
            Kind::AbsentColumn => Some(self.absent_column(g)),
            Kind::MultiItemRow => Some(crate::tr!("fix.multi_item")),
            k if k.is_error() => Some(crate::tr!("excel.how_to_fix")),
            _ => None,
        }
    }

    fn status_map(&self, g: &Group) -> String {
        let mut values: Vec<(&String, &u64)> = g.values.iter().collect();
        values.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let lines = values
            .into_iter()
            .map(|(v, _)| match status::guess(v) {
                Some((s, word)) => format!(
                    "{}: {}   # {}",
                    quote(v),
                    s.name(),
                    crate::tr!("fix.status_guess", word = word)
                ),
                None => format!(
                    "{}: {}   # {}",
                    quote(v),
                    Status::Open.name(),
                    crate::tr!("fix.status_unknown")
                ),
            })
            .collect();
        self.block(&["status_map"], lines, &crate::tr!("fix.status"))
    }

    /// One `timestamp_formats` line per distinct shape among the group's values (an
    /// export mixing styles needs each of them).
    fn timestamp_format(&self, g: &Group) -> Option<String> {
        let mut patterns: Vec<&str> = Vec::new();
        for pattern in g.values.keys().filter_map(|v| guess_format(v)) {
            if !patterns.contains(&pattern) {
                patterns.push(pattern);
            }
        }
        if patterns.is_empty() {
            return None;
        }
        let lines = patterns.iter().map(|p| format!("- {}", quote(p))).collect();
        Some(self.block(&["timestamp_formats"], lines, &crate::tr!("fix.timestamp")))
    }

    /// Values that look like a typo of a known platform are corrected (or made an alias
    /// of that platform), never declared as a new platform; the others are declared.
    fn platform_aliases(&self, g: &Group) -> String {
        let mut typos = Vec::new();
        let mut lines = Vec::new();
        for v in g.values.keys() {
            if let Some((name, key)) = g.suggestions.get(v) {
                typos.push(crate::tr!(
                    "fix.platform_typo",
                    value = v,
                    name = name,
                    key = key
                ));
                continue;
            }
            lines.push(format!("{}:", quote(v)));
            lines.push(format!(
                "  aliases: [{}]   # {}",
                quote(v),
                crate::tr!("fix.platform_alias")
            ));
        }
        if !lines.is_empty() {
            typos.push(self.block(&["platforms"], lines, &crate::tr!("fix.platform")));
        }
        typos.join(&crate::diag::hint_joint())
    }

    fn absent_column(&self, g: &Group) -> String {
        let lines = g
            .values
            .keys()
            .map(|c| format!("{c}: [\"{}\"]", crate::tr!("fix.column_header")))
            .collect();
        let intro = crate::tr!("fix.column");
        self.block(&["columns", "orders"], lines, &intro)
    }

    /// Lines under the section at `path`, introduced so that pasting adds to an existing
    /// section instead of repeating its key.
    fn block(&self, path: &[&str], lines: Vec<String>, why: &str) -> String {
        let existing = self.existing_depth(path);
        let mut out = String::new();
        if existing == 0 {
            out.push_str(&crate::tr!("fix.add", why = why));
        } else {
            let at = path[..existing].join(": ");
            out.push_str(&crate::tr!("fix.add_under", why = why, at = at));
        }
        let mut indent = 0;
        for key in &path[existing..] {
            let _ = write!(out, "\n      {}{key}:", "  ".repeat(indent));
            indent += 1;
        }
        for l in lines {
            let _ = write!(out, "\n      {}{l}", "  ".repeat(indent));
        }
        if existing > 0 && self.inline_top(path[0]) {
            out.push_str("\n      ");
            out.push_str(&crate::tr!("fix.inline", key = path[0]));
        }
        out
    }

    /// How many leading keys of `path` exist as sections in the config.
    fn existing_depth(&self, path: &[&str]) -> usize {
        let mut node = &self.config;
        for (i, key) in path.iter().enumerate() {
            match node.get(key) {
                Some(v) if v.is_object() || v.is_array() => node = v,
                _ => return i,
            }
        }
        path.len()
    }

    /// True when top-level `key:` has its value on the same line (`status_map: {}`).
    fn inline_top(&self, key: &str) -> bool {
        self.text.lines().any(|l| {
            l.strip_prefix(key)
                .and_then(|rest| rest.strip_prefix(':'))
                .is_some_and(|rest| {
                    let rest = rest.trim();
                    !rest.is_empty() && !rest.starts_with('#')
                })
        })
    }
}

/// The fix of unknown causes: a typo of a known cause is named; otherwise the value
/// becomes an alias of the cause it means.
fn cause_fix(g: &Group) -> String {
    let mut out: Vec<String> = g
        .values
        .keys()
        .filter_map(|v| {
            let (name, code) = g.suggestions.get(v)?;
            Some(crate::tr!(
                "fix.cause_typo",
                value = v,
                name = name,
                code = code
            ))
        })
        .collect();
    if out.len() < g.values.len() || g.values.is_empty() {
        out.push(crate::tr!("fix.cause"));
    }
    out.join(&crate::diag::hint_joint())
}

/// A YAML double-quoted scalar.
fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// A chrono pattern for a few common shapes of times that are not built in.
pub fn guess_format(value: &str) -> Option<&'static str> {
    let shape: String = value
        .chars()
        .map(|c| if c.is_ascii_digit() { '9' } else { c })
        .collect();
    let table: &[(&str, &str)] = &[
        ("99/99/9999 99:99", "%m/%d/%Y %H:%M"),
        ("9/99/9999 99:99", "%m/%d/%Y %H:%M"),
        ("99/9/9999 99:99", "%m/%d/%Y %H:%M"),
        ("9/9/9999 99:99", "%m/%d/%Y %H:%M"),
        ("99/99/9999 9:99", "%m/%d/%Y %H:%M"),
        ("9/9/9999 9:99", "%m/%d/%Y %H:%M"),
        ("99/99/9999", "%m/%d/%Y"),
        ("9999年99月99日 99:99", "%Y年%m月%d日 %H:%M"),
        ("9999年9月9日 99:99", "%Y年%m月%d日 %H:%M"),
        ("9999年99月99日 99:99:99", "%Y年%m月%d日 %H:%M:%S"),
        ("9999年99月99日", "%Y年%m月%d日"),
        ("9999.99.99 99:99:99", "%Y.%m.%d %H:%M:%S"),
        ("9999.99.99 99:99", "%Y.%m.%d %H:%M"),
        ("99999999 99:99:99", "%Y%m%d %H:%M:%S"),
        ("99999999999999", "%Y%m%d%H%M%S"),
        ("9999-99-99  99:99:99", "%Y-%m-%d  %H:%M:%S"),
        ("9999-99-99 99:99:99 +9999", "%Y-%m-%d %H:%M:%S %z"),
        ("9999-99-99 99:99 +9999", "%Y-%m-%d %H:%M %z"),
        ("9999/99/99 99:99:99 +9999", "%Y/%m/%d %H:%M:%S %z"),
    ];
    table.iter().find(|(s, _)| *s == shape).map(|(_, f)| *f)
}

/// The one-line message of a group of more than one problem.
pub fn group_message(g: &Group) -> String {
    let n = crate::commands::report::thousands(g.count);
    let column = if g.column.is_empty() {
        String::new()
    } else {
        crate::tr!("quality.in_column", column = g.column)
    };
    let values = values_list(g);
    if let Some(m) = shape_message(g, &n, &column, &values) {
        return m;
    }
    let key = match g.kind {
        Kind::UnknownStatus => "quality.g_status",
        Kind::BadTimestamp => "quality.g_time",
        Kind::BadNumber => "quality.g_number",
        Kind::MissingValue => "quality.g_missing",
        Kind::ShippedBeforeOrdered => "quality.g_before",
        Kind::Duplicate => "quality.g_duplicate",
        Kind::UnmatchedItem => "quality.g_unmatched",
        Kind::UnknownCause => "quality.g_cause",
        Kind::UnknownPlatform => "quality.g_platform",
        Kind::MissingSku => "quality.g_sku",
        Kind::AbsentColumn => "quality.g_absent",
        Kind::ExcelScientific => "quality.g_scientific",
        Kind::ExcelLostDigits => "quality.g_lost_digits",
        Kind::ExcelSerialDate => "quality.g_serial",
        Kind::ExcelHashes => "quality.g_hashes",
        Kind::ExcelLeadingZeros => "quality.g_zeros",
        // Handled by shape_message.
        Kind::MultiItemRow
        | Kind::UnreadStockField
        | Kind::UnreadStockColumn
        | Kind::PresaleNoDeadline
        | Kind::LongOverdueDefault => "quality.g_missing",
    };
    let names: Vec<String> = g
        .values
        .keys()
        .map(|c| {
            crate::tr!(
                "quality.absent_name",
                column = c,
                name = super::refs::zh_name(c)
            )
        })
        .collect();
    crate::tr!(
        key,
        n = n,
        column = column,
        values = values,
        names = names.join(&crate::tr!("list.sep"))
    )
}

/// The group message of the kinds about an export's shape and the stock file.
fn shape_message(g: &Group, n: &str, column: &str, values: &str) -> Option<String> {
    let key = match g.kind {
        Kind::MultiItemRow => "quality.g_multi_item",
        Kind::UnreadStockField => "quality.g_unread_stock_field",
        Kind::UnreadStockColumn => "quality.g_unread_stock_column",
        Kind::PresaleNoDeadline => "quality.g_presale_no_deadline",
        Kind::LongOverdueDefault => "quality.g_long_overdue",
        _ => return None,
    };
    Some(crate::tr!(key, n = n, column = column, values = values))
}

/// ` (3 values: 已关闭 ×4,000, 退款中 ×900, …)`.
fn values_list(g: &Group) -> String {
    if g.values.is_empty() {
        return String::new();
    }
    let mut values: Vec<(&String, &u64)> = g.values.iter().collect();
    values.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let mut shown = values
        .iter()
        .take(8)
        .map(|(v, c)| {
            let mean = g
                .suggestions
                .get(*v)
                .map(|(name, _)| crate::tr!("row.suggestion", word = name))
                .unwrap_or_default();
            format!("`{v}` ×{}{mean}", crate::commands::report::thousands(**c))
        })
        .collect::<Vec<_>>()
        .join(&crate::tr!("list.sep"));
    let distinct = values.len() as u64 + u64::from(g.other_values > 0);
    if g.other_values > 0 {
        return crate::tr!("quality.values_more", count = distinct, values = shown);
    }
    if values.len() > 8 {
        shown.push_str(&crate::tr!("list.sep"));
        shown.push('…');
    }
    let key = if distinct == 1 {
        "quality.value"
    } else {
        "quality.values"
    };
    crate::tr!(key, count = distinct, values = shown)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn status_group(values: &[(&str, u64)]) -> Group {
        Group {
            kind: Kind::UnknownStatus,
            column: "订单状态".into(),
            count: values.iter().map(|v| v.1).sum(),
            first: vec![("o.csv".into(), 2, 9)],
            values: values
                .iter()
                .map(|(v, n)| (v.to_string(), *n))
                .collect::<BTreeMap<_, _>>(),
            other_values: 0,
            example: String::new(),
            seen: values.iter().map(|(v, _)| v.to_string()).collect(),
            suggestions: BTreeMap::new(),
        }
    }

    // Without a status_map, the fix starts the section; with one, it only adds lines.
    #[test]
    fn status_fix_never_repeats_the_key() {
        let g = status_group(&[("已关闭", 4000), ("神秘", 3)]);
        let fresh = Fixes::new("timezone: Asia/Shanghai\n").fix(&g).unwrap();
        assert!(
            fresh.contains("\n      status_map:\n        \"已关闭\": cancelled"),
            "{fresh}"
        );
        let existing = Fixes::new("status_map:\n  已签收: shipped\n")
            .fix(&g)
            .unwrap();
        assert!(
            existing.contains("under the existing `status_map:`"),
            "{existing}"
        );
        assert!(!existing.contains("status_map:\n"), "{existing}");
        assert!(existing.contains("\n      \"神秘\": open"), "{existing}");
        let inline = Fixes::new("status_map: {a: shipped}\n").fix(&g).unwrap();
        assert!(inline.contains("written inline"), "{inline}");
    }

    // A nested section that exists in part gets only the missing levels.
    #[test]
    fn column_fix_adds_missing_levels_only() {
        let mut g = status_group(&[("notified_at", 1)]);
        g.kind = Kind::AbsentColumn;
        let fix = Fixes::new("columns:\n  presets: [zh-generic]\n")
            .fix(&g)
            .unwrap();
        assert!(fix.contains("under the existing `columns:`"), "{fix}");
        assert!(
            fix.contains("\n      orders:\n        notified_at: ["),
            "{fix}"
        );
    }

    // Common shapes of times get a ready pattern.
    #[test]
    fn guesses_time_patterns() {
        assert_eq!(guess_format("11/20/2026 10:00"), Some("%m/%d/%Y %H:%M"));
        assert_eq!(
            guess_format("2026年11月20日 10:00"),
            Some("%Y年%m月%d日 %H:%M")
        );
        assert_eq!(guess_format("yesterday"), None);
    }
}
