//! Real shop exports in their own shape — encoding, BOM, header row, id quirks — give a
//! hand-checked report with nothing in delaybook.yaml but the input path. One fixture
//! per platform under tests/fixtures/report/<platform>/ (sources: docs/exports.md).
//!
//! Week W = 2026-W47 = [Mon 11-16 00:00, Mon 11-23 00:00), as_of = 11-23 00:00, 48 h
//! promise when the export has no deadline. Stock: A 20, B 1, C 5 units.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail loudly on broken fixtures"
)]

#[path = "report_common.rs"]
mod common;

use common::*;
use serde_json::Value;

/// Runs `report` without `--week` (the default week must come out right too).
fn default_report(case: &str) -> (Value, String) {
    let dir = project(case);
    let out = run(dir.path(), &["report"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    let week = err
        .split("wrote public/reports/")
        .nth(1)
        .and_then(|s| s.split('/').next())
        .unwrap()
        .to_string();
    (read_json(dir.path(), &week), err)
}

fn totals(r: &Value) -> Vec<Value> {
    let t = &r["totals"];
    [
        "orders_placed",
        "due",
        "on_time",
        "shipped_late",
        "overdue_unshipped",
        "failed_cancelled",
        "delayed",
        "resolved_within_72h",
        "shipped_time_unknown",
    ]
    .iter()
    .map(|k| t[k].clone())
    .collect()
}

fn nums(v: &[i64]) -> Vec<Value> {
    v.iter().map(|n| Value::from(*n)).collect()
}

// 抖店: UTF-8 with BOM, "\t"-protected 19-digit ids, `-` for empty times, 主订单编号 /
// 子订单编号, 支付完成时间 and 承诺发货时间.
//
// | order (主订单编号 …) | sku | paid  | 承诺发货 | 发货  | 状态   | class                      |
// |------|-----|-------|----------|-------|--------|----------------------------|
// | …751 | A   | 16 10 | 18 10    | 17 09 | 已完成 | on time                    |
// | …760 | A,B | 17 20 | 19 20    | 20 08 | 已发货 | 2 × late 12 h              |
// | …770 | B   | 18 09 | 20 09    | -     | 待发货 | overdue 63 h               |
// | …780 | A   | 19 12 | 21 12    | -     | 已关闭 | buyer-cancelled (退款成功) |
// | …790 | C   | 20 15 | 22 15    | 22 14 | 已发货 | on time                    |
// | …800 | A   | 22 22 | 24 22    | -     | 待发货 | placed, not due            |
// | …810 | A   | -     | -        | -     | 待支付 | unpaid: left out           |
// | …820 | A   | 10 10 | 12 10    | 11 10 | 已完成 | W46                        |
#[test]
fn douyin_export_needs_only_its_path() {
    let (r, err) = default_report("douyin");
    assert!(err.contains("read as 抖店订单导出 (douyin)"), "{err}");
    // The latest paid order is Sunday 22:00: the week it ends.
    assert_eq!(r["week"], "2026-W47");
    assert_eq!(totals(&r), nums(&[7, 5, 2, 2, 1, 0, 3, 2, 0]));
    assert!(close(&r["totals"]["late_rate"], 0.6));
    // Delays 12, 12, 63: p50 = rank 2 → 12, p90 = rank 3 → 63.
    assert!(close(&r["delay_hours"]["p50"], 12.0) && close(&r["delay_hours"]["p90"], 63.0));
    assert_eq!(r["platforms"][0]["platform"], "douyin");
    assert_eq!(r["causes"][0]["code"], "unattributed");
    assert_eq!(r["data_quality"]["unpaid_rows"], 1);
    assert_eq!(r["data_quality"]["rows_skipped"], 1);
    // The "\t" is gone from ids: the overdue line is listed under its real number.
    let risk = &r["at_risk"]["rows"][0];
    assert_eq!(risk["order_id"], "6917926768823643770");
    assert_eq!(risk["sku"], "B");
    // No notification columns in a 抖店 export: unknown, not 0 %.
    assert_eq!(r["notification"], Value::Null);
    assert!(close(&r["compensation_estimate"], 0.0));
}

// 拼多多, 2026 generation: 订单成交时间, 商家编码-规格维度, (元)/(件) headers, no
// 承诺发货时间 (48 h), a status with a full-width comma, 已收货, an export that ends on
// Monday 00:01 (so the default week is the one that ended at midnight).
//
// p1 16 09:00 已签收 shipped 17 10:00 → on time; p2 17 12:00 已发货，待签收 shipped
// 19 18:00 → late 6 h; p3 18 08:00 待发货 → overdue 64 h; p4 19 10:00 未发货，退款成功
// → buyer-cancelled; p5 20 23:30 已收货 shipped 21 10:00 → on time; p6 23 00:01 (W48).
#[test]
fn pinduoduo_export_needs_only_its_path() {
    let (r, err) = default_report("pinduoduo");
    assert!(err.contains("read as 拼多多订单导出 (pinduoduo)"), "{err}");
    assert!(
        err.contains("the latest order is on 2026-11-23 (Monday), so the last full week"),
        "{err}"
    );
    assert_eq!(r["week"], "2026-W47");
    assert_eq!(totals(&r), nums(&[5, 4, 2, 1, 1, 0, 2, 1, 0]));
    assert!(close(&r["delay_hours"]["p50"], 6.0) && close(&r["delay_hours"]["max"], 64.0));
    let risk = &r["at_risk"]["rows"][0];
    assert_eq!(risk["order_id"], "261118-607198974342272");
    assert_eq!(r["data_quality"]["problems"].as_array().unwrap().len(), 3);
}

// 拼多多, 2019 generation: 支付时间, 承诺发货时间 (24 h here, so the column is used and
// not the 48 h default) and 商家编码-SKU维度.
#[test]
fn pinduoduo_2019_headers_use_the_promised_time() {
    let dir = project("pinduoduo_2019");
    let r = report(dir.path(), "2026-W47", &[]);
    // q1: D 11-17 09:00, shipped 15:00 → late 6 h; q2: D 11-18 09:00, open → overdue.
    assert_eq!(totals(&r), nums(&[2, 2, 0, 1, 1, 0, 2, 1, 0]));
    assert!(close(&r["delay_hours"]["p50"], 6.0));
    assert!(close(&r["delay_hours"]["max"], 111.0));
    assert_eq!(r["at_risk"]["rows"][0]["sku"], "B");
}

// 淘宝 classic export: 订单报表 + 宝贝报表 in one folder, GBK, CRLF, `="…"` ids, headers
// with trailing spaces, a 商家编码 of `null` (外部系统编号 used), an unpaid order, and
// no ship-time column (the 2016 layout): shipped orders cannot be judged.
//
// t1 16 10:00 交易成功 (A); t2 17 12:00 卖家已发货 (A, B×2); t3 18 08:00 等待卖家发货 (B)
// → overdue 64 h; t4 19 10:00 交易关闭 (A) → buyer-cancelled; t5 等待买家付款 → left
// out; t6 22 20:00 等待卖家发货 (C) → placed, not due.
#[test]
fn taobao_order_and_item_reports_join_without_ship_times() {
    let (r, err) = default_report("taobao");
    assert!(
        err.contains("read as 淘宝/天猫宝贝报表 (taobao-items)"),
        "{err}"
    );
    assert!(err.contains("read as 淘宝/天猫订单报表 (taobao)"), "{err}");
    assert_eq!(r["week"], "2026-W47");
    let t = &r["totals"];
    assert_eq!(
        (t["orders_placed"].as_u64(), t["due"].as_u64()),
        (Some(6), Some(4))
    );
    assert_eq!(t["overdue_unshipped"], 1);
    assert_eq!(t["shipped_time_unknown"], 3);
    for k in [
        "on_time",
        "shipped_late",
        "delayed",
        "late_rate",
        "resolved_within_72h",
    ] {
        assert_eq!(t[k], Value::Null, "{k}");
    }
    assert_eq!(r["delay_hours"]["p50"], Value::Null);
    assert_eq!(r["trend"][7]["late_rate"], Value::Null);
    assert_eq!(r["platforms"][0]["delayed"], Value::Null);
    assert_eq!(r["data_quality"]["unpaid_rows"], 1);
    // Shipped orders are not waiting buyers: only t3 (B) and t6 (C) are backlog.
    assert_eq!(r["at_risk"]["count"], 1);
    assert_eq!(r["at_risk"]["rows"][0]["order_id"], "3839000000000000300");
    let b = r["stock"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["sku"] == "B")
        .unwrap();
    assert_eq!(b["backlog"], 1);
    let absent: Vec<&str> = r["data_quality"]["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["column"].as_str().unwrap())
        .collect();
    assert!(absent.contains(&"shipped_at"), "{absent:?}");
}

// The same export where the 订单报表 has 发货时间 (newer 千牛 files): every figure known.
// t1 shipped 17 09:00 (D 18 10:00) on time; t2 shipped 20 12:00 (D 19 12:00) 2 × late
// 24 h; t3 overdue 64 h.
#[test]
fn taobao_with_ship_times_gives_every_figure() {
    let (r, _) = default_report("taobao_shiptime");
    assert_eq!(totals(&r), nums(&[6, 4, 1, 2, 1, 0, 3, 2, 0]));
    assert!(close(&r["totals"]["late_rate"], 0.75));
    assert!(close(&r["delay_hours"]["p50"], 24.0) && close(&r["delay_hours"]["p90"], 64.0));
    // Line amount = 价格 × 购买数量 from the item report.
    assert!(close(&r["compensation_estimate"], 0.0));
}

// 京东 2015 layout (GBK): 付款确认时间, 货号 (empty → 商品ID), statuses 完成 / 等待出库 /
// (删除)等待出库. No ship-time column: the 完成 line cannot be judged.
#[test]
fn jd_export_reads_with_its_2015_layout() {
    let dir = project("jd");
    let r = report(dir.path(), "2026-W47", &[]);
    let t = &r["totals"];
    assert_eq!(
        (t["due"].as_u64(), t["overdue_unshipped"].as_u64()),
        (Some(2), Some(1))
    );
    assert_eq!(t["shipped_time_unknown"], 1);
    let risk = &r["at_risk"]["rows"][0];
    assert_eq!(
        (risk["order_id"].as_str(), risk["sku"].as_str()),
        (Some("11729384080"), Some("1953814332"))
    );
    assert!(close(&risk["hours_left"], -62.0));
}

// `sample-data --preset` writes each platform's shape, and the report reads it back
// with only the paths (the Chinese path a new user takes).
#[test]
fn sample_presets_read_back_without_config() {
    let dir = project("base");
    for preset in ["douyin", "pinduoduo", "taobao"] {
        let out = run(
            dir.path(),
            &["sample-data", "--preset", preset, "--orders", "2000"],
        );
        assert!(out.status.success(), "{}", stderr(&out));
        let folder = format!("data/{preset}");
        let stock = format!("{folder}/stock.csv");
        let out = run(
            dir.path(),
            &[
                "report", "--week", "2026-W47", "--orders", &folder, "--stock", &stock,
            ],
        );
        let err = stderr(&out);
        assert!(out.status.success(), "{preset}: {err}");
        assert!(err.contains("read as"), "{err}");
        let r = read_json(dir.path(), "2026-W47");
        assert!(r["totals"]["due"].as_u64().unwrap() > 20, "{preset}");
        assert_eq!(
            r["data_quality"]["rows_skipped"], r["data_quality"]["unpaid_rows"],
            "{preset}"
        );
    }
    // 淘宝's files are GBK, 抖店's UTF-8 with a BOM.
    let tb = std::fs::read_dir(dir.path().join("data/taobao")).unwrap();
    let order_list = tb
        .filter_map(Result::ok)
        .find(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("ExportOrderList")
        })
        .unwrap();
    let bytes = std::fs::read(order_list.path()).unwrap();
    assert!(std::str::from_utf8(&bytes).is_err());
    // 订单编号 in GBK.
    assert!(bytes.starts_with(&[0xB6, 0xA9, 0xB5, 0xA5, 0xB1, 0xE0, 0xBA, 0xC5]));
}

// qa1 item 14: the 淘宝 pair given as two files on the command line, either as
// `--orders A --orders B` or as `--orders A B` (what an unquoted glob expands to),
// reads like the folder: 6 placed, 4 due, 1 overdue.
#[test]
fn taobao_pair_as_two_order_paths() {
    let a = "data/tb/ExportOrderList202611240900.csv";
    let b = "data/tb/ExportOrderDetailList202611240900.csv";
    for args in [
        vec!["report", "--week", "2026-W47", "--orders", a, "--orders", b],
        vec!["report", "--week", "2026-W47", "--orders", a, b],
    ] {
        let dir = project("taobao");
        let out = run(dir.path(), &args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        let r = read_json(dir.path(), "2026-W47");
        let t = &r["totals"];
        assert_eq!(
            (t["orders_placed"].as_u64(), t["due"].as_u64()),
            (Some(6), Some(4)),
            "{args:?}"
        );
        assert_eq!(t["overdue_unshipped"], 1, "{args:?}");
    }
}
