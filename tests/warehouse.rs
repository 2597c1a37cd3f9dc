//! The warehouse route in real engines (no servers): DuckDB and ClickHouse (chDB)
//! in-process from Python, Spark SQL with pyspark in local mode. For every case the
//! streaming report and `report --aggregates` on the engine's result tables must give
//! the same report.json (data_quality aside, §11), the same actions.csv and the same
//! report.md above its data-quality section. Sharded cases split the orders by
//! `order_id`, run each shard on its own and merge them with `report --aggregates DIR…`.
//!
//! Without Python or an engine's package the test prints a loud SKIPPED message and
//! passes — unless the `CI` environment variable is set, where it fails (`.ci/run`
//! installs them).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail loudly on broken fixtures"
)]

#[path = "warehouse_common.rs"]
mod wh;

use wh::{Case, run_cases};

fn all_cases() -> Vec<Case> {
    vec![
        Case::report_fixture("metrics", &["--week", "2026-W47"]),
        Case::report_fixture(
            "metrics",
            &["--week", "2026-W47", "--as-of", "2026-11-19 18:00"],
        )
        .named("metrics_as_of"),
        Case::report_fixture("dst_sao_paulo", &["--week", "2018-W44"]),
        Case::warehouse_fixture("dst_tehran", &[]),
        Case::warehouse_fixture("dst_vostok", &["--week", "2023-W51"]),
        Case::warehouse_fixture("duplicates", &["--week", "2026-W47"]),
        Case::warehouse_fixture("absent", &["--week", "2026-W47"]),
        Case::warehouse_fixture("no_ship_time", &["--week", "2026-W47"]),
        Case::warehouse_fixture("messy", &["--week", "2026-W47"]),
        Case::sample(),
        Case::report_fixture("metrics", &["--week", "2026-W47"]).sharded(2),
        Case::warehouse_fixture("duplicates", &["--week", "2026-W47"]).sharded(2),
        Case::sample().sharded(3),
    ]
}

// DuckDB runs the generated SQL on the sample, the hand-computed fixture and every
// edge case, and the report is the streaming path's.
#[test]
fn duckdb_gives_the_streaming_report() {
    run_cases("duckdb", &["duckdb", "pyarrow"], all_cases());
}

// ClickHouse (in-process through chDB) does the same.
#[test]
fn clickhouse_gives_the_streaming_report() {
    run_cases("clickhouse", &["chdb", "pyarrow"], all_cases());
}

// Spark SQL in local mode (pyspark and a JDK) does the same on the sample and the cases
// that differ most between engines: the hand-computed fixture, both DST week
// boundaries, repeats across files, absent columns and messy values.
#[test]
fn spark_gives_the_streaming_report() {
    let cases = all_cases()
        .into_iter()
        .filter(|c| {
            [
                "metrics",
                "dst_tehran",
                "dst_vostok",
                "duplicates",
                "absent",
                "messy",
                "sample",
            ]
            .contains(&c.name.as_str())
        })
        .collect();
    run_cases("spark", &["pyspark", "pyarrow"], cases);
}
