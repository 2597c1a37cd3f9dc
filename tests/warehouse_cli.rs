//! `delaybook sql` and `report --aggregates` without an engine: the result tables of the
//! hand-computed fixture as DuckDB exported them (`tests/fixtures/warehouse/aggregates/
//! metrics`, regenerate with tests/warehouse/harness.py when the layout changes) give
//! the streaming report; Spark's part-file folders read the same; every bad folder,
//! table, column and value is a located error with nothing written; the flags of `sql`
//! are checked before anything is printed.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail loudly on broken fixtures"
)]

#[path = "report_common.rs"]
mod common;

use std::path::{Path, PathBuf};

use common::{project, run, stderr};
use serde_json::Value;

fn golden() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/warehouse/aggregates/metrics")
}

/// The metrics project with a copy of the golden aggregates in `agg/`.
fn setup() -> tempfile::TempDir {
    let dir = project("metrics");
    let agg = dir.path().join("agg");
    std::fs::create_dir_all(&agg).unwrap();
    for e in std::fs::read_dir(golden()).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, agg.join(p.file_name().unwrap())).unwrap();
    }
    dir
}

fn json(dir: &Path, out: &str) -> Value {
    let p = dir.join(out).join("reports/2026-W47/report.json");
    serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap()
}

fn without_quality(mut v: Value) -> Value {
    v.as_object_mut().unwrap().remove("data_quality");
    v
}

fn aggregates(dir: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["--out", "wh", "report", "--aggregates", "agg"];
    args.extend_from_slice(extra);
    run(dir, &args)
}

fn edit(dir: &Path, table: &str, f: impl Fn(&str) -> String) {
    let p = dir.join("agg").join(format!("{table}.csv"));
    let text = std::fs::read_to_string(&p).unwrap();
    std::fs::write(&p, f(&text)).unwrap();
}

// The hand-computed fixture through the result tables is the streaming report, and
// data_quality lists the column-level checks instead of lines.
#[test]
fn golden_aggregates_give_the_streaming_report() {
    let dir = setup();
    assert!(
        run(dir.path(), &["--out", "st", "report", "--week", "2026-W47"])
            .status
            .success()
    );
    let out = aggregates(dir.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let (a, b) = (json(dir.path(), "st"), json(dir.path(), "wh"));
    assert_eq!(without_quality(a), without_quality(b.clone()));
    let dq = &b["data_quality"];
    let check = |name: &str| {
        dq["checks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["check"] == name)
            .cloned()
            .unwrap()
    };
    assert_eq!(check("duplicate")["rows"], 1);
    assert_eq!(check("duplicate")["examples"][0]["order_id"], "o2");
    assert_eq!(check("unknown_cause")["examples"][0]["value"], "weather");
    assert_eq!(check("sku_not_in_stock")["rows"], 1);
    assert_eq!(check("unknown_status")["rows"], 0);
    // 17 used lines of 18 rows, 8 stock rows.
    assert_eq!(
        (dq["rows_read"].as_u64(), dq["rows_used"].as_u64()),
        (Some(26), Some(25))
    );
    let problems = dq["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 3, "{problems:?}");
    assert!(
        problems
            .iter()
            .all(|p| p["file"] == "数据表 orders" && p["line"] == 0),
        "the place is in the report's language (the project's, zh-CN)"
    );
    let err = stderr(&out);
    assert!(
        err.contains("week 2026-W47 (2026-11-16 – 2026-11-22): computed by duckdb"),
        "{err}"
    );
    assert!(
        err.contains("数据表 orders: warning[W302]: 1 unknown cause value in column `delay_cause` (1 value: `weather` ×1)"),
        "{err}"
    );
}

// Spark writes a table as a folder of part files (each with its header, some empty,
// plus _SUCCESS): read as one table.
#[test]
fn spark_part_folders_are_read() {
    let dir = setup();
    assert!(aggregates(dir.path(), &[]).status.success());
    let want = json(dir.path(), "wh");
    let agg = dir.path().join("agg");
    let text = std::fs::read_to_string(agg.join("dbk_due.csv")).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    let rows: Vec<&str> = lines.collect();
    let folder = agg.join("dbk_due");
    std::fs::create_dir(&folder).unwrap();
    let (a, b) = rows.split_at(3);
    for (i, part) in [a, b].iter().enumerate() {
        let body = format!("{header}\n{}\n", part.join("\n"));
        std::fs::write(folder.join(format!("part-0000{i}-x.csv")), body).unwrap();
    }
    std::fs::write(folder.join("part-00002-x.csv"), "").unwrap();
    std::fs::write(folder.join("_SUCCESS"), "").unwrap();
    std::fs::write(folder.join(".part-00000-x.csv.crc"), "junk").unwrap();
    std::fs::remove_file(agg.join("dbk_due.csv")).unwrap();
    let out = aggregates(dir.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(json(dir.path(), "wh"), want);
}

/// Runs `report --aggregates` expecting exit 1, nothing written, and every `needles`.
fn fails_with(dir: &Path, needles: &[&str]) {
    let out = aggregates(dir, &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(!dir.join("wh/reports").exists(), "something was written");
    for n in needles {
        assert!(err.contains(n), "missing `{n}` in:\n{err}");
    }
}

// A missing table and an unreadable value are both reported, located, in one run.
#[test]
fn missing_tables_and_bad_values_are_located_all_at_once() {
    let dir = setup();
    std::fs::remove_file(dir.path().join("agg/dbk_delays.csv")).unwrap();
    edit(dir.path(), "dbk_due", |t| t.replacen(",1,0,", ",x1,0,", 1));
    fails_with(
        dir.path(),
        &[
            "agg/dbk_delays.csv: error[E330]: the result table `dbk_delays` is missing",
            "hint: run the whole script of `delaybook sql`",
            "agg/dbk_due.csv:2:",
            "error[E332]: column `",
            "`x1` is not a whole number",
        ],
    );
}

// A column the reader needs is named with the header that was found.
#[test]
fn missing_column_lists_the_header() {
    let dir = setup();
    edit(dir.path(), "dbk_sku", |t| {
        t.replacen("buyers_waiting", "buyers", 1)
    });
    fails_with(
        dir.path(),
        &[
            "agg/dbk_sku.csv:1: error[E331]: dbk_sku has no column `buyers_waiting` (its header has: sku, backlog, buyers)",
        ],
    );
}

// Aggregates computed under other settings (promise hours changed since) are refused.
#[test]
fn changed_settings_are_refused() {
    let dir = setup();
    let yaml = dir.path().join("delaybook.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap();
    std::fs::write(
        &yaml,
        text.replace("promise_hours: 48", "promise_hours: 24"),
    )
    .unwrap();
    fails_with(
        dir.path(),
        &[
            "agg/dbk_run.csv:2: error[E334]: the SQL was generated with other settings",
            "run `delaybook sql` again",
        ],
    );
}

// An engine whose timezone rules put the week elsewhere is caught by delaybook's own
// computation of the same instants.
#[test]
fn a_week_the_engine_placed_differently_is_refused() {
    let dir = setup();
    edit(dir.path(), "dbk_run", |t| {
        t.replace("1794758400000", "1794762000000")
    });
    fails_with(
        dir.path(),
        &[
            "error[E334]: the engine's week does not match delaybook's in Asia/Shanghai: week start: engine 1794762000000, delaybook 1794758400000",
            "tzdata",
        ],
    );
}

// dbk_run must be one row; a week is needed; counts are never negative nor beyond
// the used lines.
#[test]
fn broken_run_rows_and_counts_are_refused() {
    let dir = setup();
    edit(dir.path(), "dbk_run", |t| {
        let row = t.lines().nth(1).unwrap().to_string();
        format!("{t}{row}\n")
    });
    fails_with(
        dir.path(),
        &["error[E334]: dbk_run has 2 rows; it has exactly one"],
    );
    let dir = setup();
    edit(dir.path(), "dbk_run", |t| t.replace("2026-W47", ""));
    fails_with(
        dir.path(),
        &["could not choose a week", "pass --week to `delaybook sql`"],
    );
    let dir = setup();
    edit(dir.path(), "dbk_counts", |t| {
        t.replace("lines_used,17", "lines_used,-17")
    });
    fails_with(
        dir.path(),
        &["agg/dbk_counts.csv:4: error[E334]: column `value` is negative"],
    );
    // Lists are built from these counts: a total beyond the used lines is refused
    // before any memory is taken for it.
    let dir = setup();
    edit(dir.path(), "dbk_delays", |t| {
        t.replacen("7200000,1", "7200000,1000000000000", 1)
    });
    fails_with(
        dir.path(),
        &[
            "agg/dbk_delays.csv:2: error[E334]: column `lines` of dbk_delays adds up to more than the `lines_used`",
        ],
    );
    let dir = setup();
    edit(dir.path(), "dbk_sku", |t| {
        t.replacen("A,2,2", "A,2,99999999999", 1)
    });
    fails_with(
        dir.path(),
        &["agg/dbk_sku.csv:2: error[E334]: column `buyers_waiting` of dbk_sku adds up"],
    );
    let dir = setup();
    std::fs::remove_dir_all(dir.path().join("agg")).unwrap();
    fails_with(
        dir.path(),
        &["error[E330]: the aggregates folder does not exist"],
    );
}

// --strict turns the checks' warnings into a failure; --week cannot be combined.
#[test]
fn strict_and_conflicting_flags() {
    let dir = setup();
    let out = aggregates(dir.path(), &["--strict"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(!dir.path().join("wh/reports").exists());
    let out = aggregates(dir.path(), &["--week", "2026-W47"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("cannot be used with"),
        "{}",
        stderr(&out)
    );
}

fn sql(dir: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["sql"];
    all.extend_from_slice(args);
    run(dir, &all)
}

// Each dialect prints a whole script, the same twice, with the table names quoted.
#[test]
fn sql_prints_a_deterministic_script_per_dialect() {
    let dir = project("metrics");
    for dialect in ["duckdb", "clickhouse", "spark"] {
        let args = [
            "--dialect",
            dialect,
            "--orders-table",
            "shop.or\"ders",
            "--week",
            "2026-W47",
        ];
        let a = sql(dir.path(), &args);
        assert!(a.status.success(), "{}", stderr(&a));
        let b = sql(dir.path(), &args);
        assert_eq!(a.stdout, b.stdout);
        let text = String::from_utf8(a.stdout).unwrap();
        assert!(text.starts_with("-- delaybook "), "{text}");
        assert!(text.ends_with(";\n"));
        assert!(text.contains("dbk_check_examples"));
        let quoted = match dialect {
            "duckdb" => "FROM \"shop\".\"or\"\"ders\"",
            _ => "FROM `shop`.`or\"ders`",
        };
        assert!(text.contains(quoted), "{dialect}: {quoted}");
    }
}

// Bad flags are usage errors (exit 2) with what to write instead; nothing is printed.
#[test]
fn sql_flags_are_checked() {
    let dir = project("metrics");
    let cases: &[(&[&str], &str)] = &[
        (&["--absent", "order_id"], "this column is required"),
        (&["--absent", "notifed_at"], "did you mean `notified_at`?"),
        (&["--orders-table", " "], "is not a table name"),
        (&["--stock-table", "a..b"], "is not a table name"),
        (&["--week", "2026-W60"], "is not an ISO week"),
        (&["--as-of", "yesterday"], "is not a timestamp"),
        (&["--examples", "5000"], "at most 1000"),
    ];
    for (args, needle) in cases {
        let mut all = vec!["--dialect", "duckdb"];
        all.extend_from_slice(args);
        let out = sql(dir.path(), &all);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(out.stdout.is_empty(), "{args:?}");
        assert!(stderr(&out).contains(needle), "{args:?}: {}", stderr(&out));
    }
    let out = sql(dir.path(), &["--dialect", "oracle"]);
    assert_eq!(out.status.code(), Some(2));
}

// Absent columns are never read: the script names NULL in their place and records them.
#[test]
fn absent_columns_are_not_read() {
    let dir = project("metrics");
    let out = sql(
        dir.path(),
        &["--dialect", "duckdb", "--absent", "notified_at, amount"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains("\"notified_at\""));
    assert!(!text.contains("\"amount\""));
    assert!(
        text.contains("'notified_at,amount' AS absent_columns"),
        "{text}"
    );
}

// Shards of one report must come from the same run: a folder made with another
// `--as-of` is refused with both folders named, and nothing is written.
#[test]
fn shards_of_different_runs_are_refused() {
    let dir = setup();
    let (agg, other) = (dir.path().join("agg"), dir.path().join("agg2"));
    std::fs::create_dir(&other).unwrap();
    for e in std::fs::read_dir(&agg).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, other.join(p.file_name().unwrap())).unwrap();
    }
    let run_row = other.join("dbk_run.csv");
    let text = std::fs::read_to_string(&run_row).unwrap();
    std::fs::write(
        &run_row,
        text.replace(",1795363200000,0,", ",1795320000000,1,"),
    )
    .unwrap();
    let out = run(
        dir.path(),
        &["--out", "wh", "report", "--aggregates", "agg", "agg2"],
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        !dir.path().join("wh/reports").exists(),
        "something was written"
    );
    for n in [
        "agg2/dbk_run.csv:2: error[E334]: this folder's run",
        "shards of one report share the week, as_of and columns",
    ] {
        assert!(err.contains(n), "missing `{n}` in:\n{err}");
    }
    // The same folder twice is a valid (if doubled) merge: it is read, not refused.
    let twice = run(
        dir.path(),
        &["--out", "wh", "report", "--aggregates", "agg", "agg"],
    );
    assert!(twice.status.success(), "{}", stderr(&twice));
}
