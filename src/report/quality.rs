//! §8 data quality: a bounded, sorted list of problems (for report.json), the same
//! problems grouped by kind and column (for the terminal: one entry per group with its
//! count, first locations and a fix to paste), and the closing summary line.

use std::collections::BTreeMap;

use crate::diag::{Diagnostic, Diagnostics, Span};
use crate::ingest::{Kind, Problem};

/// Locations listed per group.
pub const FIRST_LOCATIONS: usize = 5;
/// Distinct values kept per group (for fix lines such as `status_map`).
pub const MAX_VALUES: usize = 50;
/// Groups kept; further kinds of problem go into a catch-all group of their kind.
pub const MAX_GROUPS: usize = 200;

/// Repeats of one kind of problem in one column.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// The kind.
    pub kind: Kind,
    /// The column header as written (empty for row problems).
    pub column: String,
    /// Number of problems.
    pub count: u64,
    /// The first locations: (file, line, field).
    pub first: Vec<(String, usize, usize)>,
    /// Distinct offending values and their counts (at most [`MAX_VALUES`]).
    pub values: BTreeMap<String, u64>,
    /// Problems whose value did not fit in `values`.
    pub other_values: u64,
    /// The first problem's message.
    pub example: String,
    /// The keys of `values` in the order they were first seen (so that groups built
    /// from different parts of a file merge exactly as if built in one go).
    pub seen: Vec<String>,
    /// For values in `values`: what each most likely means, (name, key or code).
    pub suggestions: BTreeMap<String, (String, String)>,
}

/// Collects problems, keeping only the first `cap` by file and line (memory stays
/// bounded even when every row of a large file is bad) and a bounded summary of every
/// group; the counts are exact.
#[derive(Debug, Clone)]
pub struct Problems {
    items: Vec<Problem>,
    cap: usize,
    count: u64,
    groups: BTreeMap<(Kind, String), Group>,
    /// The keys of `groups` in the order they were first seen.
    seen: Vec<(Kind, String)>,
}

impl Problems {
    /// An empty sink listing at most `cap` problems.
    pub fn new(cap: usize) -> Self {
        Problems {
            items: Vec::new(),
            cap,
            count: 0,
            groups: BTreeMap::new(),
            seen: Vec::new(),
        }
    }

    /// The most problems listed.
    pub fn limit(&self) -> usize {
        self.cap
    }

    /// Appends the problems of a later part of the input (the next chunk of a file read
    /// in parallel): the result is what pushing them one by one after these would give.
    pub fn append(&mut self, later: Problems) {
        self.count += later.count;
        let mut groups = later.groups;
        for key in later.seen {
            if let Some(g) = groups.remove(&key) {
                self.merge_group(key, g);
            }
        }
        for p in later.items {
            self.items.push(p);
            if self.items.len() >= self.cap.max(1) * 2 {
                self.trim();
            }
        }
    }

    /// [`Problems::group`] for a whole group of later problems.
    fn merge_group(&mut self, mut key: (Kind, String), g: Group) {
        if !self.groups.contains_key(&key) && self.groups.len() >= MAX_GROUPS {
            key.1.clear();
        }
        let Some(m) = self.groups.get_mut(&key) else {
            self.seen.push(key.clone());
            let column = key.1.clone();
            self.groups.insert(key, Group { column, ..g });
            return;
        };
        m.count += g.count;
        if g.first
            .first()
            .is_some_and(|f| m.first.first().is_none_or(|mf| f < mf))
        {
            m.example = g.example;
        }
        m.first.extend(g.first);
        m.first.sort();
        m.first.truncate(FIRST_LOCATIONS);
        for v in g.seen {
            let n = g.values.get(&v).copied().unwrap_or(0);
            if let Some(c) = m.values.get_mut(&v) {
                *c += n;
            } else if m.values.len() < MAX_VALUES {
                m.values.insert(v.clone(), n);
                if let Some(s) = g.suggestions.get(&v) {
                    m.suggestions.insert(v.clone(), s.clone());
                }
                m.seen.push(v);
            } else {
                m.other_values += n;
            }
        }
        m.other_values += g.other_values;
    }

    /// Records one problem.
    pub fn push(&mut self, p: Problem) {
        self.count += 1;
        self.group(&p);
        self.items.push(p);
        if self.items.len() >= self.cap.max(1) * 2 {
            self.trim();
        }
    }

    /// Records every problem of `problems`.
    pub fn extend(&mut self, problems: impl IntoIterator<Item = Problem>) {
        for p in problems {
            self.push(p);
        }
    }

    fn group(&mut self, p: &Problem) {
        // Absent columns are one entry however many: they have one fix.
        let column = if p.kind == Kind::AbsentColumn {
            String::new()
        } else {
            p.column.clone()
        };
        let mut key = (p.kind, column);
        if !self.groups.contains_key(&key) && self.groups.len() >= MAX_GROUPS {
            key.1.clear();
        }
        if !self.groups.contains_key(&key) {
            self.seen.push(key.clone());
        }
        let column = key.1.clone();
        let g = self.groups.entry(key).or_insert_with(|| Group {
            kind: p.kind,
            column,
            count: 0,
            first: Vec::new(),
            values: BTreeMap::new(),
            other_values: 0,
            example: p.message.clone(),
            seen: Vec::new(),
            suggestions: BTreeMap::new(),
        });
        g.count += 1;
        let loc = (p.file.clone(), p.line, p.field);
        if g.first.first().is_some_and(|first| loc < *first) {
            g.example = p.message.clone();
        }
        g.first.push(loc);
        g.first.sort();
        g.first.truncate(FIRST_LOCATIONS);
        if p.value.is_empty() {
            return;
        }
        if let Some(n) = g.values.get_mut(&p.value) {
            *n += 1;
        } else if g.values.len() < MAX_VALUES {
            g.values.insert(p.value.clone(), 1);
            g.seen.push(p.value.clone());
            if let Some(s) = &p.suggestion {
                g.suggestions.insert(p.value.clone(), s.clone());
            }
        } else {
            g.other_values += 1;
        }
    }

    fn trim(&mut self) {
        self.items.sort();
        self.items.truncate(self.cap);
    }

    /// The listed problems (sorted, capped), the total count and the groups (by first
    /// location).
    pub fn finish(mut self) -> (Vec<Problem>, u64, Vec<Group>) {
        self.trim();
        let mut groups: Vec<Group> = self.groups.into_values().collect();
        groups.sort_by(|a, b| a.first.cmp(&b.first).then(a.kind.cmp(&b.kind)));
        (self.items, self.count, groups)
    }
}

/// Turns the groups into diagnostics: one per group, at its first location, with the
/// count, the first locations and a fix ready to paste (see [`super::fixes`]). Excel
/// damage is an error; everything else a warning (an error under `--strict`).
pub fn to_diagnostics(groups: &[Group], fixes: &super::fixes::Fixes<'_>, diag: &mut Diagnostics) {
    for g in groups {
        let (file, line, field) = g.first.first().cloned().unwrap_or_default();
        let span = Span::at(&file, line, field);
        // A single problem shows its own sentence, unless that sentence is in the report's
        // language and the terminal speaks another (`--lang`).
        let same_language = crate::i18n::lang() == crate::i18n::report_lang();
        let message = if g.count == 1 && same_language {
            g.example.clone()
        } else {
            super::fixes::group_message(g)
        };
        let d = if g.kind.is_error() {
            Diagnostic::error(g.kind.code(), span, message)
        } else {
            Diagnostic::warning(g.kind.code(), span, message)
        };
        let hint = [locations(g), fixes.fix(g)]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(&crate::diag::hint_joint());
        diag.push(
            d.with_path(g.column.clone())
                .with_hint((!hint.is_empty()).then_some(hint)),
        );
    }
}

/// `at data/orders.csv:2, 3, 7, 9, 12 (and 4,995 more)`, for groups of more than one.
fn locations(g: &Group) -> Option<String> {
    if g.count < 2 || g.kind == Kind::AbsentColumn {
        return None;
    }
    let mut parts: Vec<String> = Vec::new();
    let mut last_file = "";
    for (file, line, _) in &g.first {
        if file == last_file {
            parts.push(line.to_string());
        } else {
            parts.push(format!("{file}:{line}"));
            last_file = file;
        }
    }
    let more = g.count.saturating_sub(g.first.len() as u64);
    let places = parts.join(", ");
    Some(if more > 0 {
        let more = crate::commands::report::thousands(more);
        crate::tr!("quality.at_more", places = places, more = more)
    } else {
        crate::tr!("quality.at", places = places)
    })
}

/// The closing line of the data problems, printed after them: counts by severity,
/// unpaid orders, and where the full list is.
pub fn summary(dq: &super::types::DataQuality, json_path: Option<&str>) -> Option<String> {
    let skipped = dq.rows_skipped.saturating_sub(dq.unpaid_rows);
    let errors: u64 = dq
        .groups
        .iter()
        .filter(|g| g.kind.is_error())
        .map(|g| g.count)
        .sum();
    if dq.problem_count == 0 && dq.unpaid_rows == 0 {
        return None;
    }
    let n = crate::commands::report::thousands;
    let one = |count: u64, key: &str| {
        let key = format!("{key}{}", if count == 1 { "_one" } else { "" });
        crate::tr!(&key, count = n(count))
    };
    let count = |c: u64, what: &str| {
        let key = format!("n.{what}.{}", if c == 1 { "1" } else { "n" });
        crate::tr!(&key, n = n(c))
    };
    let mut parts = vec![crate::tr!(
        "quality.summary",
        problems = count(dq.problem_count, "problem"),
        groups = count(dq.groups.len() as u64, "group")
    )];
    if errors > 0 {
        parts.push(crate::tr!("quality.excel", count = n(errors)));
    }
    parts.push(crate::tr!("quality.skipped", count = n(skipped)));
    if dq.unpaid_rows > 0 {
        parts.push(one(dq.unpaid_rows, "quality.unpaid"));
    }
    let mut line = parts.join(&crate::tr!("list.sep"));
    if let Some(path) = json_path
        && dq.problem_count > 0
        && errors == 0
    {
        let listed = dq.problems.len() as u64;
        line.push_str(&crate::tr!("list.part"));
        line.push_str(&if listed < dq.problem_count {
            crate::tr!("quality.listed_first", count = n(listed), path = path)
        } else {
            crate::tr!("quality.listed_all", path = path)
        });
    }
    Some(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(line: usize, value: &str) -> Problem {
        Problem::new(
            Kind::UnknownStatus,
            "o.csv",
            line,
            ("订单状态", 9),
            format!("unknown status `{value}`"),
        )
        .with_value(value)
    }

    // 5,000 bad statuses are one group with the exact count and the first lines.
    #[test]
    fn repeats_become_one_group() {
        let mut p = Problems::new(1000);
        for i in 0..5000 {
            p.push(problem(
                i + 2,
                if i % 2 == 0 {
                    "已关闭"
                } else {
                    "退款中x"
                },
            ));
        }
        let (list, total, groups) = p.finish();
        assert_eq!((list.len(), total, groups.len()), (1000, 5000, 1));
        let g = &groups[0];
        assert_eq!(g.count, 5000);
        assert_eq!(
            g.first.iter().map(|f| f.1).collect::<Vec<_>>(),
            vec![2, 3, 4, 5, 6]
        );
        assert_eq!(g.values["已关闭"], 2500);
    }

    // Problems pushed in parts and appended in order equal the same problems pushed in
    // one go, also past the bound on values per group. (Past the bound on groups, the
    // catch-all group of a kind may admit its values in another order: 200 kinds of
    // problem in one file's columns do not occur.)
    #[test]
    fn appended_parts_equal_one_sequence() {
        let kinds = [Kind::UnknownStatus, Kind::BadTimestamp, Kind::MissingValue];
        let mut rng = crate::sample::Rng::new(5);
        let all: Vec<Problem> = (0..6000)
            .map(|i| {
                let r = rng.next_u64();
                let column = format!("c{}", r % 60);
                let kind = kinds[(r >> 20) as usize % kinds.len()];
                let value = format!("v{}", (r >> 30) % 90);
                Problem::new(kind, "o.csv", 2 + i / 3, (&column, 1), format!("m{i}"))
                    .with_value(&value)
            })
            .collect();
        let mut whole = Problems::new(100);
        for p in &all {
            whole.push(p.clone());
        }
        let want = whole.finish();
        for cuts in [vec![1], vec![10, 2000, 2001], vec![3000, 5999]] {
            let mut merged = Problems::new(100);
            let mut from = 0;
            for to in cuts.iter().copied().chain([all.len()]) {
                let mut part = Problems::new(100);
                for p in &all[from..to] {
                    part.push(p.clone());
                }
                merged.append(part);
                from = to;
            }
            let got = merged.finish();
            assert_eq!(got.0, want.0, "cuts {cuts:?}");
            assert_eq!(got.1, want.1, "cuts {cuts:?}");
            assert_eq!(got.2.len(), want.2.len(), "cuts {cuts:?}");
            for (a, b) in got.2.iter().zip(&want.2) {
                assert_eq!(a, b, "cuts {cuts:?}");
            }
        }
    }
}
