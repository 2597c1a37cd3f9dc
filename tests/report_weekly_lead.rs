//! Issue 9: the report an operations lead acts on — "本周先做这几件事" (report.json
//! `priorities`, the page's block, report.md) on the hand-computed `metrics` fixture,
//! week over week and targets on a two-week fixture, and Chinese wording.
//!
//! The priorities of `metrics` (as_of 2026-11-23 00:00; see report_metrics.rs for the
//! stock figures), scored in buyer-days:
//!
//! | SKU | action          | buyers × days                        | score | units |
//! |-----|-----------------|--------------------------------------|-------|-------|
//! | A   | delist          | 2 × 12 (eta 12-05)                   | 24    | 2     |
//! | D   | chase_supplier  | 1 × 7 (no date: default lead time)   | 7     | 1     |
//! | B   | presale         | 1 × 5 (eta 11-28)                    | 5     | 1     |
//! | G   | reorder         | short 1 = ⌈1/30·7⌉ − 0 − 0; 1 × min(1/(1/30), 7)/2 | 3.5 | 2 (restock_qty) |
//! | C   | notify_and_wait | 2 × max(1, 1)                        | 2     | 1     |
//!
//! H and E (reorders) have stock for their lead-time demand (short 0) and are left
//! out; the only overdue at-risk line (o4) is on C, a stock-out SKU, so no cause
//! competes. Every playbook is `oos`: the catalogue's playbook for `stockout` (there is
//! no `supplier_delay` cause, so D falls back to its at-risk line o14 → oos).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail loudly on broken fixtures"
)]

#[path = "report_common.rs"]
mod common;

use std::path::Path;

use common::*;
use serde_json::Value;

/// Compares `actual` with `tests/fixtures/report/expected/<name>`; rewrites it with
/// `SNAPSHOTS=overwrite`.
fn snapshot(name: &str, actual: &str) {
    let path = fixture("expected").join(name);
    if std::env::var("SNAPSHOTS").as_deref() == Ok("overwrite") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "missing snapshot {}; run with SNAPSHOTS=overwrite",
            path.display()
        )
    });
    assert_eq!(actual, expected, "{name} differs from its snapshot");
}

fn page(dir: &Path, week: &str) -> String {
    std::fs::read_to_string(dir.join(format!("public/reports/{week}/index.html"))).unwrap()
}

fn markdown(dir: &Path, week: &str) -> String {
    std::fs::read_to_string(dir.join(format!("public/reports/{week}/report.md"))).unwrap()
}

/// The `<section class="first" …>…</section>` of a page.
fn priority_block(html: &str) -> &str {
    let start = html
        .find("<section class=\"first\"")
        .expect("priority block");
    let end = start + html[start..].find("</section>").unwrap() + "</section>".len();
    &html[start..end]
}

// report.json `priorities`: the order and every figure, as computed by hand above.
#[test]
fn priorities_in_report_json_match_hand_computation() {
    let dir = project("metrics");
    let r = report(dir.path(), "2026-W47", &[]);
    let p = r["priorities"].as_array().unwrap();
    let got: Vec<(&str, &str, f64, u64, f64, i64)> = p
        .iter()
        .map(|x| {
            (
                x["kind"].as_str().unwrap(),
                x["sku"].as_str().unwrap(),
                x["score"].as_f64().unwrap(),
                x["waiting"].as_u64().unwrap(),
                x["wait_days"].as_f64().unwrap(),
                x["units"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("delist", "A", 24.0, 2, 12.0, 2),
            ("chase_supplier", "D", 7.0, 1, 7.0, 1),
            ("presale", "B", 5.0, 1, 5.0, 1),
            ("reorder", "G", 3.5, 1, 3.5, 2),
            ("notify_and_wait", "C", 2.0, 2, 1.0, 1),
        ]
    );
    // Every SKU here has one delayed line in the week (report_metrics.rs): late_lines 1.
    assert!(
        p.iter()
            .all(|x| x["late_lines"] == 1 && x["playbook"] == "oos")
    );
    assert!(p.iter().all(|x| x.get("cause").is_none()));
}

// The page's priority block: numbered lines, each linking to its row in the action
// table and to its playbook, and the rule one click away.
#[test]
fn priority_block_golden() {
    let dir = project("metrics");
    run(dir.path(), &["report", "--week", "2026-W47"]);
    let html = page(dir.path(), "2026-W47");
    let block = priority_block(&html);
    assert!(block.contains(
        "<a class=\"prio-text\" href=\"#stock-1\">A 杯子A 下架：2位买家在等，补货日期12月5日（还要12天）</a>"
    ));
    assert!(block.contains("href=\"../../playbooks/oos.html\">《下单后发现缺货》</a>"));
    // The row ids the links point at exist: A is row 1, D row 4, B 2, G 7, C 3.
    for id in ["stock-1", "stock-4", "stock-2", "stock-7", "stock-3"] {
        assert!(block.contains(&format!("href=\"#{id}\"")), "{id}");
        assert!(html.contains(&format!("<tr id=\"{id}\"")), "no row {id}");
    }
    snapshot("metrics.first.html", block);
}

// report.md: what to do first, then the figures with last week and the targets, in
// Chinese with names instead of codes.
#[test]
fn report_md_golden() {
    let dir = project("metrics");
    run(dir.path(), &["report", "--week", "2026-W47"]);
    let md = markdown(dir.path(), "2026-W47");
    assert!(md.starts_with("# 发货延迟周报 · 2026年第47周（11月16日–11月22日）\n"));
    assert!(md.contains(
        "1. A 杯子A 下架：2位买家在等，补货日期12月5日（还要12天） → [《下单后发现缺货》](../../playbooks/oos.html)\n"
    ));
    // W46: o15 on time, o16 late → 1 / 2; W47 7 / 8.
    assert!(md.contains(
        "| 延迟率 | 87.5% | 比上周 ▲37.5个百分点（上周50.0%） | 目标 ≤ 4.0%（未达标） |"
    ));
    // o5: min(10 % · 100, 5) = 5; o7: 5 % · 80.10 = 4.005 → 9.005 → 9.01元.
    assert!(md.contains("| 预计赔付 | 9.01元 |"));
    // Proactive o4, o7 of 7 delayed; within 2 h o3, o7, o9 of 4 with both times. W46's
    // one delayed line (o16, 24 h late) was never told: 0 of 1, and none had a detection
    // time; P90 of W46 is its 24 h.
    assert!(md.contains(
        "| 主动告知率 | 28.6%（2 / 7） | 比上周 ▲28.6个百分点（上周0.0%） | 目标 ≥ 90.0%（未达标） |"
    ));
    assert!(md.contains(
        "| 2小时内告知 | 75.0%（3 / 4） | 上周没有记下发现时间的延迟订单，无法比较 | 目标 ≥ 90.0%（未达标） |"
    ));
    assert!(md.contains(
        "| 90%延迟不超过（小时） | 73.0 | 比上周 ▲49小时（上周24小时） | 目标 ≤ 72小时（未达标） |"
    ));
    assert!(md.contains("| 未标注原因 | 2 | 28.6% |"));
    assert!(md.contains("- [《下单后发现缺货》](../../playbooks/oos.html)：2单（已超时62小时）"));
    assert!(md.contains("- [先判断情况](../../index.html)：2单（还剩10小时）"));
    for code in [
        "unattributed",
        "stockout",
        "delist",
        "presale",
        "notify_and_wait",
        "douyin",
    ] {
        assert!(!md.contains(code), "code `{code}` in report.md");
    }
    snapshot("metrics.report.md", &md);
}

// Two weeks: W46 1 late of 5 (20 %), W47 2 of 4 (50 %): ▲30.0 points, delayed ▲1,
// against the configured targets (late rate ≤ 30 % crossed, P90 ≤ 100 h met, no
// proactive target).
#[test]
fn week_over_week_arrows_and_targets() {
    let dir = project("two_weeks");
    let r = report(dir.path(), "2026-W47", &[]);
    assert_eq!(
        (r["totals"]["due"].as_u64(), r["totals"]["delayed"].as_u64()),
        (Some(4), Some(2))
    );
    let html = page(dir.path(), "2026-W47");
    let rate = tile(&html, "延迟率");
    assert!(rate.starts_with("<li class=\"tile crossed\">"), "{rate}");
    assert!(rate.contains(
        "<span class=\"tile-wow up worse\" title=\"上周20.0%\">比上周 ▲30.0个百分点<span class=\"tile-prev\">（上周20.0%）</span></span>"
    ), "{rate}");
    assert!(
        rate.contains("目标 ≤ 30.0% · <strong>未达标</strong>"),
        "{rate}"
    );
    let delayed = tile(&html, "延迟");
    assert!(delayed.contains("比上周 ▲1<"), "{delayed}");
    // P90 of 24 h and 48 h is 48 h: under the 100 h target.
    let p90 = tile(&html, "90%延迟不超过（小时）");
    assert!(
        p90.starts_with("<li class=\"tile\">")
            && p90.contains("目标 ≤ 100小时 · <strong>达标</strong>"),
        "{p90}"
    );
    // proactive_rate: null → no target on that tile.
    assert!(!tile(&html, "主动告知率").contains("tile-target"));
    // douyin has its own platform target (60 %): 50 % is under it.
    assert!(html.contains("<td>抖音</td><td class=\"num\">4</td><td class=\"num\">2</td><td class=\"num\">50.0%</td><td>目标 ≤ 60.0%</td>"), "{html}");
    let md = markdown(dir.path(), "2026-W47");
    assert!(md.contains("| 延迟 | 2 | 比上周 ▲1（上周1） |"), "{md}");
}

// A better week: the arrow points down and is not marked worse; a week after one with
// nothing due says it cannot compare instead of showing a change against 0 %.
#[test]
fn week_over_week_down_and_no_previous() {
    let dir = project("two_weeks");
    let orders = std::fs::read_to_string(dir.path().join("data/orders.csv")).unwrap();
    // x3 and x4 shipped on time: W47 0 of 4.
    let better = orders
        .replace(
            "2026-11-20 10:00,shipped,logistics,2026-11-19 08:00",
            "2026-11-19 09:00,shipped,,2026-11-19 08:00",
        )
        .replace(
            "2026-11-22 10:00,shipped,logistics",
            "2026-11-20 09:00,shipped,",
        );
    write(dir.path(), "data/orders.csv", better);
    report(dir.path(), "2026-W47", &[]);
    let html = page(dir.path(), "2026-W47");
    let rate = tile(&html, "延迟率");
    assert!(
        rate.contains("<span class=\"tile-wow down\" title=\"上周20.0%\">比上周 ▼20.0个百分点"),
        "{rate}"
    );
    assert!(
        rate.contains("目标 ≤ 30.0% · <strong>达标</strong>"),
        "{rate}"
    );
    report(dir.path(), "2026-W46", &[]);
    let html = page(dir.path(), "2026-W46");
    let first = tile(&html, "延迟率");
    assert!(first.contains("上周没有到期订单，无法比较"), "{first}");
    assert!(!first.contains('▲') && !first.contains('▼'), "{first}");
}

// With the default targets an English site says the same in English.
#[test]
fn english_priorities_and_targets() {
    let dir = project("metrics");
    let cfg = std::fs::read_to_string(dir.path().join("delaybook.yaml")).unwrap();
    write(
        dir.path(),
        "delaybook.yaml",
        format!("{cfg}site:\n  language: en\n"),
    );
    run(dir.path(), &["report", "--week", "2026-W47"]);
    let md = markdown(dir.path(), "2026-W47");
    assert!(md.contains("## Do these first this week"), "{md}");
    assert!(md.contains(
        "1. A 杯子A: delist — 2 buyers waiting, restock on 5 Dec (12 days away) → [“下单后发现缺货”](../../playbooks/oos.html)"
    ), "{md}");
    assert!(md.contains("▲37.5 pts vs last week"), "{md}");
    let v: Value = read_json(dir.path(), "2026-W47");
    assert_eq!(v["priorities"][0]["kind"], "delist");
}

// A target written as a percentage (4 for 4 %) is out of range: a located error, not a
// tile that can never be crossed.
#[test]
fn target_out_of_range_is_an_error() {
    let dir = project("two_weeks");
    write(
        dir.path(),
        "delaybook.yaml",
        "timezone: Asia/Shanghai\nreport:\n  targets:\n    late_rate: 4\n",
    );
    let out = run(dir.path(), &["check"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("delaybook.yaml:4:"), "{err}");
    assert!(
        err.contains("E104") && err.contains("report.targets.late_rate"),
        "{err}"
    );
}

// A platform's late-rate target comes from its platform rule `late_dispatch_rate_max`
// unless delaybook.yaml sets one.
#[test]
fn platform_target_from_the_platform_rules() {
    let dir = project("two_weeks");
    write(
        dir.path(),
        "playbooks/platform-rules.yaml",
        "platform_rules:\n  - platform: douyin\n    owner: 运营\n    rules:\n      - key: late_dispatch_rate_max\n        name: 延迟发货率要求\n        value: 40\n        unit: percent\n        source: 测试\n        verified_on: 2026-11-20\n",
    );
    // The fixture's config sets douyin to 60 %: the config wins.
    report(dir.path(), "2026-W47", &[]);
    assert!(page(dir.path(), "2026-W47").contains("<td>目标 ≤ 60.0%</td>"));
    write(dir.path(), "delaybook.yaml", "timezone: Asia/Shanghai\n");
    report(dir.path(), "2026-W47", &[]);
    let html = page(dir.path(), "2026-W47");
    assert!(html.contains("<td>目标 ≤ 40.0%</td>"), "{html}");
    // 50 % is over 40 %.
    assert!(
        html.contains("<tr class=\"crossed\"><td>抖音</td>"),
        "{html}"
    );
}

// A product name from stock.csv is data: escaped in the priority line and the tables,
// plain text (no link, no HTML) in report.md.
#[test]
fn names_from_the_data_stay_inert() {
    let dir = project("metrics");
    let stock = std::fs::read_to_string(dir.path().join("data/stock.csv")).unwrap();
    let evil = "<script>alert(1)</script>[x](javascript:alert(1))";
    write(
        dir.path(),
        "data/stock.csv",
        stock.replace("A,杯子A,", &format!("A,\"{evil}\",")),
    );
    run(dir.path(), &["report", "--week", "2026-W47"]);
    let html = page(dir.path(), "2026-W47");
    assert!(!html.contains("<script>alert"), "raw script on the page");
    let block = priority_block(&html);
    assert!(
        block.contains("A &lt;script&gt;alert(1)&lt;/script&gt;"),
        "{block}"
    );
    let md = markdown(dir.path(), "2026-W47");
    // Escaped brackets: not a link; escaped angle brackets: not HTML.
    assert!(
        !md.contains("<script>") && !md.contains("[x](javascript:"),
        "{md}"
    );
    assert!(
        md.contains("1. A \\<script\\>alert(1)\\</script\\>\\[x\\](javascript:alert(1)) 下架"),
        "{md}"
    );
}

// qa1 item 21: after a week with nothing due, the late-rate and delayed tiles and the
// report.md rows all say the same: no comparison (not "▲2（上周0）" beside "无法比较").
// W46 of two_weeks is the first week with orders: W45 had nothing due.
#[test]
fn no_comparison_after_an_empty_week_everywhere() {
    let dir = project("two_weeks");
    report(dir.path(), "2026-W46", &[]);
    let html = page(dir.path(), "2026-W46");
    for label in ["延迟率", "延迟"] {
        let t = tile(&html, label);
        assert!(t.contains("上周没有到期订单，无法比较"), "{t}");
        assert!(!t.contains('▲') && !t.contains("上周0"), "{t}");
    }
    let md = markdown(dir.path(), "2026-W46");
    let row = |name: &str| {
        md.lines()
            .find(|l| l.starts_with(&format!("| {name} |")))
            .unwrap_or_else(|| panic!("{md}"))
            .to_string()
    };
    for name in ["延迟率", "延迟"] {
        assert!(
            row(name).contains("| 上周没有到期订单，无法比较 |"),
            "{}",
            row(name)
        );
    }
}
