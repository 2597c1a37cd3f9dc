//! Issue 9, items 2 and 4: every headline tile against last week (report.json
//! `previous_week`, the page's tiles, report.md's headline table) on a two-week fixture
//! computed by hand, and at-risk groups headed by their true size when the list is cut.
//!
//! `wow_all` (Asia/Shanghai; W46 = 11-09…11-15, its end 11-16 00:00; W47 = 11-16…11-22,
//! as_of 11-23 00:00; compensation 5 % capped at 30):
//!
//! | line | due (D)     | what happened                          | W46 as of 11-16 00:00 / W47 as of 11-23 00:00 |
//! |------|-------------|----------------------------------------|-----------------------------|
//! | p1   | 11-10 10:00 | shipped 11-10 09:00                    | on time                     |
//! | p2   | 11-10 12:00 | shipped 11-11 12:00, logistics; det 08:00, told 09:00 | late 24 h; proactive; within 2 h |
//! | p3   | 11-14 10:00 | shipped 11-17 10:00 (after W46's end), stockout; det 12:00, told 16:00 | overdue at W46's end, 38 h; told after D; 4 h: not within |
//! | p4   | 11-13 10:00 | still open, stockout                   | overdue, 62 h; never told   |
//! | p5   | 11-12 10:00 | refunded, stockout, 200; det 08:00, told 09:00 | failed; 10.00; proactive; within |
//! | p6   | 11-11 10:00 | cancelled, no cause                    | buyer-cancelled: not due    |
//! | w1   | 11-17 10:00 | shipped 11-17 09:00                    | on time                     |
//! | w2   | 11-17 12:00 | shipped 11-19 12:00, logistics; det 10:00, told 11:00 | late 48 h; proactive; within |
//! | w3   | 11-20 06:00 | open, stockout; det 11-20 12:00, told 11-21 12:00 | overdue 66 h; after D; not within |
//! | w4   | 11-21 00:00 | open, stockout                         | overdue 48 h; never told    |
//! | w5   | 11-22 00:00 | open, no cause                         | overdue 24 h; never told    |
//! | w6   | 11-18 10:00 | refunded, stockout, 1000; det 08:00, told 09:00 | failed; min(50, 30) = 30.00; proactive; within |
//! | w7   | 11-19 10:00 | refunded, stockout, 100; det 09:00     | failed; 5.00; never told; not within |
//!
//! | figure             | W46 (last week)          | W47                       | change        | target (wow_all) |
//! |--------------------|--------------------------|---------------------------|---------------|------------------|
//! | due                | 5                        | 7                         |               |                  |
//! | delayed            | p2 p3 p4 p5 = 4          | w2…w7 = 6                 | ▲2            | ≤ 5 crossed      |
//! | late rate          | 4/5 = 80.0 %             | 6/7 = 85.7 %              | ▲5.7 points   | ≤ 90 % met       |
//! | overdue unshipped  | p3 p4 = 2                | w3 w4 w5 = 3              | ▲1            | ≤ 3 met          |
//! | failed cancelled   | p5 = 1                   | w6 w7 = 2                 | ▲1            | ≤ 1 crossed      |
//! | P90 delay          | [24, 38, 62] → rank 3: 62 h | [24, 48, 48, 66] → rank 4: 66 h | ▲4 h | ≤ 72 h met       |
//! | proactive rate     | p2 p5 of 4 = 50.0 %      | w2 w6 of 6 = 33.3 %       | ▼16.7 points, worse | ≥ 50 % crossed |
//! | within 2 h         | p2 p5 of p2 p3 p5 = 66.7 % | w2 w6 of w2 w3 w6 w7 = 50.0 % | ▼16.7 points, worse | ≥ 50 % met |
//! | compensation       | 10.00元                  | 30 + 5 = 35.00元          | ▲25.00元      | ≤ 20元 crossed   |
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail loudly on broken fixtures"
)]

#[path = "report_common.rs"]
mod common;

use std::path::Path;

use common::*;

fn page(dir: &Path, week: &str) -> String {
    std::fs::read_to_string(dir.join(format!("public/reports/{week}/index.html"))).unwrap()
}

fn markdown(dir: &Path, week: &str) -> String {
    std::fs::read_to_string(dir.join(format!("public/reports/{week}/report.md"))).unwrap()
}

/// The report.md headline row of `label`.
fn md_row(md: &str, label: &str) -> String {
    md.lines()
        .find(|l| l.starts_with(&format!("| {label} |")))
        .unwrap_or_else(|| panic!("no row {label} in {md}"))
        .to_string()
}

/// The eight headline tiles, by label.
const TILES: [&str; 8] = [
    "延迟率",
    "延迟",
    "超时未发",
    "未能发货被取消",
    "90%延迟不超过（小时）",
    "主动告知率",
    "2小时内告知",
    "预计赔付",
];

// Every figure of last week in report.json, as computed by hand in the table above.
#[test]
fn previous_week_figures_in_report_json() {
    let dir = project("wow_all");
    let r = report(dir.path(), "2026-W47", &[]);
    let p = &r["previous_week"];
    assert_eq!(p["week"], "2026-W46");
    assert_eq!(
        [
            &p["due"],
            &p["shipped_late"],
            &p["overdue_unshipped"],
            &p["failed_cancelled"],
            &p["delayed"]
        ],
        [5, 1, 2, 1, 4]
    );
    assert_eq!(p["late_rate"], 0.8);
    assert_eq!(
        (&p["delay_hours"]["p50"], &p["delay_hours"]["p90"]),
        (&38.0.into(), &62.0.into())
    );
    let n = &p["notification"];
    assert_eq!(
        [
            &n["proactive"],
            &n["after_deadline"],
            &n["none"],
            &n["within_2h"],
            &n["with_detected_at"]
        ],
        [2, 1, 1, 2, 3]
    );
    assert_eq!(p["compensation_estimate"], 10.0);
    // Its due and delayed lines are the trend row of W46.
    let trend = r["trend"].as_array().unwrap();
    let w46 = &trend[trend.len() - 2];
    assert_eq!((&w46["due"], &w46["delayed"]), (&p["due"], &p["delayed"]));
    // And this week, for the changes below.
    let t = &r["totals"];
    assert_eq!(
        [
            &t["due"],
            &t["overdue_unshipped"],
            &t["failed_cancelled"],
            &t["delayed"]
        ],
        [7, 3, 2, 6]
    );
    assert_eq!(r["delay_hours"]["p90"], 66.0);
    assert_eq!(r["compensation_estimate"], 35.0);
}

/// Each tile of `wow_all` W47: label, crossed, wow class, last week, change, target.
type TileWant = (
    &'static str,
    bool,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

const WANT: [TileWant; 8] = [
    (
        "延迟率",
        false,
        "up worse",
        "上周80.0%",
        "比上周 ▲5.7个百分点",
        "目标 ≤ 90.0% · <strong>达标</strong>",
    ),
    (
        "延迟",
        true,
        "up worse",
        "上周4",
        "比上周 ▲2",
        "目标 ≤ 5 · <strong>未达标</strong>",
    ),
    (
        "超时未发",
        false,
        "up worse",
        "上周2",
        "比上周 ▲1",
        "目标 ≤ 3 · <strong>达标</strong>",
    ),
    (
        "未能发货被取消",
        true,
        "up worse",
        "上周1",
        "比上周 ▲1",
        "目标 ≤ 1 · <strong>未达标</strong>",
    ),
    (
        "90%延迟不超过（小时）",
        false,
        "up worse",
        "上周62小时",
        "比上周 ▲4小时",
        "目标 ≤ 72小时 · <strong>达标</strong>",
    ),
    (
        "主动告知率",
        true,
        "down worse",
        "上周50.0%",
        "比上周 ▼16.7个百分点",
        "目标 ≥ 50.0% · <strong>未达标</strong>",
    ),
    (
        "2小时内告知",
        false,
        "down worse",
        "上周66.7%",
        "比上周 ▼16.7个百分点",
        "目标 ≥ 50.0% · <strong>达标</strong>",
    ),
    (
        "预计赔付",
        true,
        "up worse",
        "上周10.00元",
        "比上周 ▲25.00元",
        "目标 ≤ 20.00元 · <strong>未达标</strong>",
    ),
];

// Each tile of the page: the arrow, the change in its unit, last week's value, the
// colour class (worse when it moved the wrong way) and the target, crossed or met.
#[test]
fn every_tile_compares_with_last_week_on_the_page() {
    let dir = project("wow_all");
    report(dir.path(), "2026-W47", &[]);
    let html = page(dir.path(), "2026-W47");
    for (label, crossed, class, prev, change, target) in WANT {
        let t = tile(&html, label);
        let opening = if crossed {
            "<li class=\"tile crossed\">"
        } else {
            "<li class=\"tile\">"
        };
        assert!(t.starts_with(opening), "{t}");
        let wow = format!(
            "<span class=\"tile-wow {class}\" title=\"{prev}\">{change}<span class=\"tile-prev\">（{prev}）</span></span>"
        );
        assert!(t.contains(&wow), "{label}: want {wow}\n in {t}");
        assert!(t.contains(target), "{label}: want {target}\n in {t}");
    }
}

// report.md says the same in its headline table: value, change (last week), target.
#[test]
fn every_headline_row_compares_with_last_week_in_markdown() {
    let dir = project("wow_all");
    report(dir.path(), "2026-W47", &[]);
    let md = markdown(dir.path(), "2026-W47");
    for row in [
        "| 延迟率 | 85.7% | 比上周 ▲5.7个百分点（上周80.0%） | 目标 ≤ 90.0%（达标） |",
        "| 延迟 | 6 | 比上周 ▲2（上周4） | 目标 ≤ 5（未达标） |",
        "| 超时未发 | 3 | 比上周 ▲1（上周2） | 目标 ≤ 3（达标） |",
        "| 未能发货被取消 | 2 | 比上周 ▲1（上周1） | 目标 ≤ 1（未达标） |",
        "| 90%延迟不超过（小时） | 66.0 | 比上周 ▲4小时（上周62小时） | 目标 ≤ 72小时（达标） |",
        "| 主动告知率 | 33.3%（2 / 6） | 比上周 ▼16.7个百分点（上周50.0%） | 目标 ≥ 50.0%（未达标） |",
        "| 2小时内告知 | 50.0%（2 / 4） | 比上周 ▼16.7个百分点（上周66.7%） | 目标 ≥ 50.0%（达标） |",
        "| 预计赔付 | 35.00元 | 比上周 ▲25.00元（上周10.00元） | 目标 ≤ 20.00元（未达标） |",
    ] {
        let label = row.split(" | ").next().unwrap().trim_start_matches("| ");
        assert_eq!(md_row(&md, label), row);
    }
}

// W46's previous week (W45) had nothing due: every tile and every row says it cannot
// compare — never a change against 0.
#[test]
fn empty_previous_week_cannot_compare_anywhere() {
    let dir = project("wow_all");
    let r = report(dir.path(), "2026-W46", &[]);
    assert_eq!(r["previous_week"]["due"], 0);
    assert!(r["previous_week"]["late_rate"].is_null());
    assert!(r["previous_week"]["delay_hours"]["p90"].is_null());
    let html = page(dir.path(), "2026-W46");
    let md = markdown(dir.path(), "2026-W46");
    for label in TILES {
        let t = tile(&html, label);
        assert!(
            t.contains("<span class=\"tile-wow none\">上周没有到期订单，无法比较</span>"),
            "{t}"
        );
        assert!(
            !t.contains('▲') && !t.contains('▼') && !t.contains("上周0"),
            "{t}"
        );
        assert!(
            md_row(&md, label).contains("| 上周没有到期订单，无法比较 |"),
            "{}",
            md_row(&md, label)
        );
    }
}

// Last week had lines due but none delayed: counts compare with a true 0, while P90 and
// the two shares (which need delayed lines) say why they cannot.
#[test]
fn last_week_without_delays_says_why_per_tile() {
    let dir = project("wow_all");
    let orders = std::fs::read_to_string(dir.path().join("data/orders.csv")).unwrap();
    let kept: String = orders
        .lines()
        .filter(|l| {
            !["p2,", "p3,", "p4,", "p5,"]
                .iter()
                .any(|p| l.starts_with(p))
        })
        .map(|l| format!("{l}\n"))
        .collect();
    write(dir.path(), "data/orders.csv", kept);
    let r = report(dir.path(), "2026-W47", &[]);
    assert_eq!(
        (&r["previous_week"]["due"], &r["previous_week"]["delayed"]),
        (&1.into(), &0.into())
    );
    let html = page(dir.path(), "2026-W47");
    assert!(tile(&html, "超时未发").contains("比上周 ▲3<span class=\"tile-prev\">（上周0）"));
    assert!(tile(&html, "预计赔付").contains("比上周 ▲35.00元"));
    for (label, why) in [
        (
            "90%延迟不超过（小时）",
            "上周没有晚发或超时未发的订单，无法比较",
        ),
        ("主动告知率", "上周没有延迟订单，无法比较"),
        ("2小时内告知", "上周没有记下发现时间的延迟订单，无法比较"),
    ] {
        assert!(
            tile(&html, label).contains(&format!("<span class=\"tile-wow none\">{why}</span>")),
            "{}",
            tile(&html, label)
        );
    }
}

/// The at-risk fixture of [`cut_list_groups_give_true_sizes_and_priorities`].
const RISK_ORDERS: &str = "order_id,sku,quantity,platform,ordered_at,promised_ship_by,shipped_at,status,delay_cause,detected_at,notified_at,resolution,amount
s1,A,1,,2026-11-18 00:00,2026-11-20 00:00,,open,stockout,,,,
l1,A,1,,2026-11-18 00:00,2026-11-20 12:00,,open,logistics,,,,
l2,A,1,,2026-11-18 00:00,2026-11-20 18:00,,open,logistics,,,,
s2,A,1,,2026-11-18 00:00,2026-11-21 00:00,,open,stockout,,,,
s3,A,1,,2026-11-18 00:00,2026-11-22 00:00,,open,stockout,,,,
s4,A,1,,2026-11-18 00:00,2026-11-22 12:00,,open,stockout,,,,
s5,A,1,,2026-11-18 00:00,2026-11-23 12:00,,open,stockout,,,,
u1,A,1,,2026-11-18 00:00,2026-11-23 06:00,,open,,,,,
";

// Eight open lines, the list cut at 3 (as_of 11-23 00:00; listed by deadline: s1, l1,
// l2). True groups: 缺货 (oos) s1–s5 = 5, of which 1 listed; 物流异常 (logi) l1, l2 = 2,
// both listed; triage u1 = 1, not listed.
// Priorities by days overdue over every at-risk line (A has 100 on hand: no stock-out):
// stockout s1–s4 = 72 + 48 + 24 + 12 = 156 h = 6.5 days (4 lines, 39 h each on average);
// logistics l1, l2 = 60 + 54 = 114 h = 4.75 days. From the listed lines only, stockout
// would have had 72 h = 3 days and come second.
#[test]
fn cut_list_groups_give_true_sizes_and_priorities() {
    let dir = project("base");
    write(
        dir.path(),
        "delaybook.yaml",
        "timezone: Asia/Shanghai\nreport:\n  at_risk_limit: 3\n",
    );
    write(dir.path(), "data/orders.csv", RISK_ORDERS);
    write(
        dir.path(),
        "data/stock.csv",
        "sku,name,on_hand,incoming,restock_eta,lead_time_days,supplier\nA,杯子A,100,0,,,甲厂\n",
    );
    let r = report(dir.path(), "2026-W47", &[]);
    assert_eq!(r["at_risk"]["count"], 8);
    assert_eq!(r["at_risk"]["rows"].as_array().unwrap().len(), 3);
    assert_eq!(
        r["at_risk"]["playbooks"],
        serde_json::json!([
            {"playbook": "oos", "count": 5, "overdue": 4},
            {"playbook": "logi", "count": 2, "overdue": 2},
            {"playbook": "triage", "count": 1, "overdue": 0},
        ])
    );
    let p = r["priorities"].as_array().unwrap();
    let got: Vec<(&str, f64, u64, u64)> = p
        .iter()
        .map(|x| {
            (
                x["cause"].as_str().unwrap(),
                x["score"].as_f64().unwrap(),
                x["waiting"].as_u64().unwrap(),
                x["late_lines"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(got, [("stockout", 6.5, 4, 4), ("logistics", 4.75, 2, 2)]);
    let md = markdown(dir.path(), "2026-W47");
    assert!(
        md.contains("1. 缺货：4单超时未发（平均已超时39小时）"),
        "{md}"
    );
    for line in [
        "- [《下单后发现缺货》](../../playbooks/oos.html)：共5单，列出前1单（已超时72小时）",
        "- [《物流异常》](../../playbooks/logi.html)：2单（已超时60小时）",
        "- [先判断情况](../../index.html)：共1单，均在列表之外",
    ] {
        assert!(md.lines().any(|l| l == line), "want {line}\n in {md}");
    }
    let html = page(dir.path(), "2026-W47");
    for head in [
        "《下单后发现缺货》</a> · 共5单，列出前1单</th>",
        "《物流异常》</a> · 2单</th>",
        "先判断情况</a> · 共1单，均在列表之外</th>",
    ] {
        assert!(html.contains(head), "want {head}");
    }
}
