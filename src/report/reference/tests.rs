//! The fast path against the reference: the same report.json, field for field, on
//! generated inputs of every shape the fast path treats specially.

#![allow(clippy::unwrap_used, reason = "tests fail loudly")]

use std::path::Path;

use chrono::NaiveDate;
use serde_json::Value;

use super::inputs::{Style, Variant, write_project};
use crate::diag::Diagnostics;
use crate::report::scan::Source;
use crate::report::{Request, compute};

/// Runs both implementations on the project in `root`; panics on the first difference.
fn assert_same(root: &Path, week: Option<&str>, as_of: Option<&str>) {
    let mut diag = Diagnostics::new();
    let project = crate::pipeline::load_project(root, &mut diag);
    assert!(
        !diag.has_errors(false),
        "project does not load: {:?}",
        diag.items()
            .iter()
            .map(|d| format!("{d:?}"))
            .collect::<Vec<_>>()
    );
    let mut orders = Vec::new();
    for entry in project.config.inputs.orders.entries() {
        for path in crate::ingest::resolve_orders(root, &entry.path).unwrap() {
            let mut source = Source::new(path.clone(), crate::diag::display_path(&path, root));
            source.platform = entry.platform.clone();
            orders.push(source);
        }
    }
    let stock = root.join(&project.config.inputs.stock);
    let req = Request {
        config: &project.config,
        content: &project.content,
        orders,
        stock: Source::new(stock.clone(), crate::diag::display_path(&stock, root)),
        week: week.map(str::to_string),
        as_of: as_of.map(str::to_string),
        bar: None,
    };
    let fast = compute(&req).map(|r| serde_json::to_value(&r).unwrap());
    let reference = super::compute(&req).map(|r| serde_json::to_value(&r).unwrap());
    match (fast, reference) {
        (Ok(a), Ok(b)) => {
            if let Some(diff) = first_difference(&a, &b, String::new()) {
                panic!(
                    "{}: fast path and reference differ at {diff}",
                    root.display()
                );
            }
        }
        (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
        (a, b) => panic!(
            "one failed: fast {:?} / reference {:?}",
            a.err().map(|e| e.to_string()),
            b.err().map(|e| e.to_string())
        ),
    }
}

/// The path and both values of the first difference, if any.
fn first_difference(a: &Value, b: &Value, path: String) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys: std::collections::BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            keys.into_iter().find_map(|k| {
                let (va, vb) = (x.get(k), y.get(k));
                match (va, vb) {
                    (Some(va), Some(vb)) => first_difference(va, vb, format!("{path}.{k}")),
                    _ => Some(format!("{path}.{k}: {va:?} vs {vb:?}")),
                }
            })
        }
        (Value::Array(x), Value::Array(y)) => {
            if x.len() != y.len() {
                return Some(format!("{path}: {} vs {} items", x.len(), y.len()));
            }
            x.iter()
                .zip(y)
                .enumerate()
                .find_map(|(i, (va, vb))| first_difference(va, vb, format!("{path}[{i}]")))
        }
        _ if a == b => None,
        _ => Some(format!("{path}: {a} vs {b}")),
    }
}

fn check(v: &Variant, runs: &[(Option<&str>, Option<&str>)]) {
    let dir = tempfile::tempdir().unwrap();
    write_project(v, dir.path());
    for (week, as_of) in runs {
        assert_same(dir.path(), *week, *as_of);
    }
}

const DEFAULT_WEEK: (Option<&str>, Option<&str>) = (None, None);

// Quoted commas, `""` and line breaks, repeated pairs, and every kind of odd row.
#[test]
fn messy_independent_export() {
    for seed in [1, 2] {
        let v = Variant {
            mess: 0.08,
            ..Variant::plain(seed)
        };
        check(
            &v,
            &[DEFAULT_WEEK, (Some("2026-W46"), Some("2026-11-12 15:30"))],
        );
    }
}

// CRLF with a BOM and every field quoted.
#[test]
fn crlf_bom_all_quoted() {
    let v = Variant {
        crlf: true,
        bom: true,
        quote_all: true,
        mess: 0.05,
        ..Variant::plain(3)
    };
    check(&v, &[DEFAULT_WEEK]);
}

// GBK (what Chinese Excel writes), CRLF, columns in another order.
#[test]
fn gbk_crlf_reversed_columns() {
    let v = Variant {
        style: Style::Sample,
        gbk: true,
        crlf: true,
        reverse_columns: true,
        mess: 0.05,
        ..Variant::plain(4)
    };
    check(&v, &[DEFAULT_WEEK, (Some("2026-W45"), None)]);
}

// Several files in a folder, with the same pairs repeated across files.
#[test]
fn duplicates_across_files() {
    let v = Variant {
        files: 4,
        mess: 0.06,
        ..Variant::plain(5)
    };
    check(&v, &[DEFAULT_WEEK]);
}

// A timezone with DST, times in its gap and overlap, weeks around both changes.
#[test]
fn dst_gap_and_overlap() {
    let v = Variant {
        style: Style::Sample,
        timezone: "America/New_York",
        weeks: 40,
        end: NaiveDate::from_ymd_opt(2026, 11, 8).unwrap(),
        dst: true,
        mess: 0.03,
        ..Variant::plain(6)
    };
    check(
        &v,
        &[
            DEFAULT_WEEK,
            (Some("2026-W44"), None),
            (Some("2026-W10"), Some("2026-03-08 02:30")),
        ],
    );
}

// Enough lines for many chunks, so split points and merged accumulators are exercised.
#[test]
fn large_file_many_chunks() {
    let v = Variant {
        orders: 60_000,
        mess: 0.01,
        ..Variant::plain(7)
    };
    check(&v, &[DEFAULT_WEEK]);
}

// Keys repeated later with one odd value, across many chunks: where the later row is
// invalid an earlier valid row is used, decided before pass 2 reads them.
#[test]
fn damaged_later_repeats() {
    for seed in [8, 9] {
        let v = Variant {
            orders: 40_000,
            mess: 0.02,
            damaged_repeats: 0.05,
            files: if seed == 9 { 3 } else { 1 },
            ..Variant::plain(seed)
        };
        check(&v, &[DEFAULT_WEEK]);
    }
}
