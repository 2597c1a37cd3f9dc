//! Messy real-world inputs: encodings, headers, formats, timezones and bad rows. One
//! small fixture per case under tests/fixtures/report/<case>/ (on top of `base/`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail loudly on broken fixtures"
)]

#[path = "report_common.rs"]
mod common;

use common::*;
use serde_json::Value;

// §10: a DST gap moves forward (00:30 → 01:30 −02:00), an overlap takes the earlier instant.
#[test]
fn dst_gap_and_overlap_in_sao_paulo() {
    let dir = project("dst_sao_paulo");
    // D 2018-11-04 00:30 is in the gap → 03:30Z; shipped 01:45 −02:00 = 03:45Z → 0.25 h late.
    let gap = report(dir.path(), "2018-W44", &[]);
    assert!(
        close(&gap["delay_hours"]["max"], 0.25),
        "{}",
        gap["delay_hours"]
    );
    // D 2018-02-17 23:30 happens twice: the earlier is 01:30Z; shipped 02:40Z → 70 min.
    let twice = report(dir.path(), "2018-W07", &[]);
    assert!(close(&twice["delay_hours"]["max"], 70.0 / 60.0));
    assert_eq!(twice["as_of"], "2018-02-19T00:00:00-03:00");
}

// A deadline at Monday 00:00 belongs to the week that starts then, not the one before.
#[test]
fn week_boundary_is_monday_midnight_local() {
    let dir = project("week_boundary");
    let w47 = report(dir.path(), "2026-W47", &[]);
    assert_eq!(w47["totals"]["due"], 1); // only `start` (D 11-16 00:00)
    let w48 = report(dir.path(), "2026-W48", &[]);
    assert_eq!(w48["totals"]["due"], 1); // `end` (D 11-23 00:00)
}

// Local times and weeks follow the configured timezone, not Shanghai.
#[test]
fn other_timezone_decides_the_week() {
    let dir = project("berlin");
    // 2026-11-22T20:00Z is Sunday 21:00 in Berlin (W47), but Monday 04:00 in Shanghai.
    let r = report(dir.path(), "2026-W47", &[]);
    assert_eq!(r["totals"]["orders_placed"], 1);
    assert_eq!(r["as_of"], "2026-11-23T00:00:00+01:00");
    assert_eq!(r["timezone"], "Europe/Berlin");
}

// --as-of inside the week: only deadlines before it are due, only orders before it placed.
#[test]
fn as_of_inside_the_week() {
    let dir = project("metrics");
    let r = report(dir.path(), "2026-W47", &["--as-of", "2026-11-20 12:00"]);
    // Due: D < 11-20 12:00 → o1, o2, o3, o4, o9. o4 is overdue by 2 h.
    assert_eq!(r["totals"]["due"], 5);
    assert_eq!(r["totals"]["overdue_unshipped"], 1);
    assert_eq!(r["totals"]["delayed"], 4); // o2, o3, o4, o9 (shipped after as_of still counts)
    assert_eq!(r["totals"]["orders_placed"], 9); // o1–o9 ordered before 11-20 12:00
    assert_eq!(r["as_of"], "2026-11-20T12:00:00+08:00");
    let last = &r["trend"][7];
    assert_eq!(
        (&last["due"], &last["delayed"]),
        (&r["totals"]["due"], &r["totals"]["delayed"])
    );
}

// §10: ⌈62/30 · 15⌉ is 31 (exact), not 32 (float 31.000000000000004).
#[test]
fn reorder_point_ceiling_is_exact() {
    let dir = project("ceil_62");
    let r = report(dir.path(), "2026-W47", &[]);
    let x = &r["stock"][0];
    assert_eq!(x["demand_30d"], 62);
    let base = x["reorder_point"].as_i64().unwrap() - x["safety_stock"].as_i64().unwrap();
    assert_eq!(base, 31);
}

// An empty orders file gives an empty report for a given week, and a clear error without.
#[test]
fn empty_orders_file() {
    let dir = project("base");
    write(dir.path(), "data/orders.csv", "");
    write(dir.path(), "data/stock.csv", STOCK);
    let out = run(dir.path(), &["report"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no order lines"), "{}", stderr(&out));
    let r = report(dir.path(), "2026-W47", &[]);
    assert_eq!(r["totals"]["due"], 0);
    assert_eq!(r["delay_hours"]["p50"], Value::Null);
}

// A header-only file is valid and reads zero order rows.
#[test]
fn header_only_orders_file() {
    let dir = project("base");
    write(dir.path(), "data/orders.csv", HEADER);
    write(dir.path(), "data/stock.csv", STOCK);
    let r = report(dir.path(), "2026-W47", &[]);
    assert_eq!(r["totals"]["orders_placed"], 0);
    assert_eq!(r["data_quality"]["rows_read"], 2); // the two stock rows
}

// The error names the column, the file, the headers found, and the closest header.
#[test]
fn missing_required_column_is_explained() {
    let dir = project("missing_column");
    let out = run(dir.path(), &["report", "--week", "2026-W47"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    for want in [
        "data/orders.csv",
        "missing required column `order_id`",
        "headers found: order_no, sku, ordered_at",
        "did you mean `order_no`?",
    ] {
        assert!(err.contains(want), "{want} not in {err}");
    }
    assert!(!dir.path().join("public/reports").exists());
}

// Chinese Excel exports: GBK bytes and Chinese headers through the zh-generic preset.
#[test]
fn gbk_file_with_chinese_headers() {
    let dir = project("gbk_chinese");
    let r = report(dir.path(), "2026-W47", &[]);
    // g1 late (stockout), g2 overdue (no cause), g3 refunded with stockout → failed.
    assert_eq!(r["totals"]["due"], 3);
    assert_eq!(r["totals"]["delayed"], 3);
    assert_eq!(r["causes"][0]["code"], "stockout");
    assert_eq!(r["causes"][0]["count"], 2);
    let a = r["stock"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["sku"] == "A")
        .unwrap();
    assert_eq!(a["name"], "杯子A");
    // The export has no notification columns: those figures are unknown, not 0 (§10).
    let problems = r["data_quality"]["problems"].as_array().unwrap();
    let absent: Vec<&str> = problems
        .iter()
        .map(|p| p["column"].as_str().unwrap())
        .collect();
    assert_eq!(absent, ["detected_at", "notified_at"]);
    assert_eq!(r["notification"], Value::Null);
}

// A UTF-8 BOM in front of the header changes nothing.
#[test]
fn bom_is_ignored() {
    let dir = project("metrics");
    let plain = report(dir.path(), "2026-W47", &[]);
    let bytes = std::fs::read(dir.path().join("data/orders.csv")).unwrap();
    let mut with_bom = vec![0xEF, 0xBB, 0xBF];
    with_bom.extend(bytes);
    write(dir.path(), "data/orders.csv", with_bom);
    assert_eq!(report(dir.path(), "2026-W47", &[]), plain);
}

// Bad values skip the row with file:line:column; blank rows are only counted. The
// project speaks Chinese (the default), so do its data problems.
#[test]
fn row_problems_name_line_and_column() {
    let dir = project("row_problems");
    let out = run_in_project_language(dir.path(), &["report", "--week", "2026-W47"]);
    assert!(out.status.success());
    let err = stderr(&out);
    assert!(err.contains("data/orders.csv:2:3: 警告[W301]"), "{err}");
    assert!(
        err.contains("列 `quantity`：无法把 `abc` 读成数量"),
        "{err}"
    );
    assert!(err.contains("data/orders.csv:3:7: 警告"), "{err}");
    assert!(err.contains("发货时间早于下单时间"), "{err}");
    assert!(err.contains("data/orders.csv:4:13: 警告"), "{err}");
    assert!(err.contains("data/orders.csv:5:2: 警告"), "{err}");
    assert!(!err.contains("warning"), "{err}");
    let dq = &read_json(dir.path(), "2026-W47")["data_quality"];
    assert_eq!(dq["rows_skipped"], 4);
    assert_eq!(dq["blank_rows"], 2);
    assert_eq!(dq["rows_used"], 3); // ok1 + two stock rows
    assert_eq!(dq["problems"][1]["column"], "shipped_at");
}

// Duplicates (last wins, one problem), an unknown cause (one problem with the count, at
// risk → triage) and a SKU missing from stock.csv (one problem, on_hand 0).
#[test]
fn duplicates_unknown_causes_and_missing_skus() {
    let dir = project("references");
    let r = report(dir.path(), "2026-W47", &[]);
    let problems = r["data_quality"]["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 3, "{problems:?}");
    assert_eq!(problems[0]["line"], 4); // d1's last row
    assert!(
        problems[0]["message"]
            .as_str()
            .unwrap()
            .contains("出现了 3 次")
    );
    assert_eq!(problems[1]["line"], 5);
    let msg = problems[1]["message"].as_str().unwrap();
    assert!(
        msg.contains("2 行的延迟原因 `stokout` 无法识别（是不是要写 `stockout`？）"),
        "{msg}"
    );
    assert_eq!(problems[2]["line"], 7);
    assert_eq!(r["data_quality"]["rows_skipped"], 2);
    // d1's last row: shipped 11-19 10:00 after D 11-18 10:00, no cause.
    assert_eq!(r["totals"]["shipped_late"], 1);
    let risk = r["at_risk"]["rows"].as_array().unwrap();
    assert!(
        risk.iter()
            .any(|x| x["delay_cause"] == "stokout" && x["playbook"] == "triage")
    );
    let z = r["stock"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["sku"] == "Z")
        .unwrap();
    assert_eq!(
        (z["on_hand"].as_i64(), z["backlog"].as_u64()),
        (Some(0), Some(2))
    );
}

// Orders split into monthly files (folder or glob) give the same figures as one file.
#[test]
fn split_files_equal_one_file() {
    let dir = project("metrics");
    let one = report(dir.path(), "2026-W47", &[]);
    let text = std::fs::read_to_string(dir.path().join("data/orders.csv")).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    let rows: Vec<&str> = lines.collect();
    let (a, b) = rows.split_at(9);
    write(
        dir.path(),
        "split/orders-1.csv",
        format!("{header}\n{}\n", a.join("\n")),
    );
    write(
        dir.path(),
        "split/orders-2.csv",
        format!("{header}\n{}\n", b.join("\n")),
    );
    for spec in ["split", "split/orders-*.csv"] {
        let mut r = report(dir.path(), "2026-W47", &["--orders", spec]);
        let mut want = one.clone();
        // Only the problem locations (file names and lines) differ.
        want["data_quality"]["problems"] = Value::Null;
        r["data_quality"]["problems"] = Value::Null;
        assert_eq!(r, want, "{spec}");
    }
}

// A US Excel re-save is read through `timestamp_formats`.
#[test]
fn us_dates_through_timestamp_formats() {
    let dir = project("us_dates");
    let r = report(dir.path(), "2026-W47", &[]);
    assert_eq!(r["totals"]["due"], 2);
    assert_eq!(r["totals"]["shipped_late"], 1);
    // u2: D 11-19 10:00 → as_of 11-23 00:00 = 86 h overdue.
    assert!(close(&r["delay_hours"]["max"], 86.0));
    assert_eq!(r["data_quality"]["problems"], Value::Array(vec![]));
}

// A quoted field with a comma and a newline is one field; lines count physical lines.
#[test]
fn quoted_field_spanning_lines_keeps_physical_line_numbers() {
    let dir = project("quoted");
    let r = report(dir.path(), "2026-W47", &[]);
    let problems = r["data_quality"]["problems"].as_array().unwrap();
    // q1 (lines 2–3) has an unknown cause "stock,out\nsecond line"; q2 starts on line 4.
    assert_eq!(problems[0]["line"], 2);
    assert!(
        problems[0]["message"]
            .as_str()
            .unwrap()
            .contains("stock,out")
    );
    assert_eq!(problems[1]["line"], 4);
    assert_eq!(problems[1]["column"], "ordered_at");
}

// Chinese status aliases and `status_map` (case-insensitive); unmapped skips the row.
#[test]
fn status_aliases_and_status_map() {
    let dir = project("statuses");
    let r = report(dir.path(), "2026-W47", &[]);
    let t = &r["totals"];
    // s1 待发货 overdue, s2 已发货 on time, s3 已取消 buyer, s4 已退款+cause failed,
    // s5 Delivered→shipped on time, s6 CANCELED→cancelled buyer, s7 lost → skipped.
    assert_eq!(t["due"], 4);
    assert_eq!(t["on_time"], 2);
    assert_eq!(t["overdue_unshipped"], 1);
    assert_eq!(t["failed_cancelled"], 1);
    assert_eq!(r["data_quality"]["rows_skipped"], 1);
    let msg = r["data_quality"]["problems"][0]["message"]
        .as_str()
        .unwrap();
    assert!(msg.contains("无法识别的状态 `lost`"), "{msg}");
}

// --strict turns data problems into a failure: exit 1, nothing written.
#[test]
fn strict_fails_and_writes_nothing() {
    let dir = project("row_problems");
    let out = run(dir.path(), &["report", "--week", "2026-W47", "--strict"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!dir.path().join("public").exists());
}
