//! Every figure of `report-metrics.md`, computed by hand for the `metrics` fixture and
//! compared with the report.json the binary writes.
//!
//! Fixture (Asia/Shanghai, W = 2026-W47 = [Mon 11-16 00:00, Mon 11-23 00:00),
//! as_of = 11-23 00:00; douyin: 48 h, compensation 10 % capped at 5; others: 48 h,
//! 5 % capped at 30). D = promised_ship_by, else ordered_at + 48 h.
//!
//! | line | order | sku | D            | what happened                         | class          |
//! |------|-------|-----|--------------|---------------------------------------|----------------|
//! | 2    | o1    | A   | 11-18 10:00  | shipped 11-18 09:00                   | on time        |
//! | 3/21 | o2    | A   | 11-18 12:00  | dup; last row: shipped 11-18 14:00    | late 2 h       |
//! | 4    | o3    | B   | 11-18 08:00  | shipped 11-19 08:00, logistics        | late 24 h      |
//! | 5    | o4    | C   | 11-20 10:00  | open, stockout                        | overdue 62 h   |
//! | 6    | o5    | D   | 11-21 00:00  | refunded, stockout, 100 (douyin)      | failed         |
//! | 7    | o6    | E   | 11-21 12:00  | cancelled, no cause                   | buyer-cancelled|
//! | 8    | o7    | E   | 11-21 13:00  | refunded, logistics, 80.10 (pdd)      | failed         |
//! | 9    | o8    | F   | 11-22 09:00  | shipped 11-25 09:00 (after as_of), weather (unknown) | late 72 h |
//! | 10   | o9    | G   | 11-18 20:00  | shipped 11-21 21:00; G not in stock   | late 73 h      |
//! | 11   | blank row                                                                      |
//! | 12.. | o10–o14: open lines ordered 11-21/22 (backlog); o15–o17 earlier weeks          |
//! | 20   | o99   | A   | bad timestamp 2026-11-31 → skipped                                    |
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail loudly on broken fixtures"
)]

#[path = "report_common.rs"]
mod common;

use common::*;
use serde_json::Value;

fn metrics() -> Value {
    let dir = project("metrics");
    report(dir.path(), "2026-W47", &[])
}

// §4 totals and percentiles, worked out by hand from the table above.
#[test]
fn totals_and_delay_hours_match_hand_computation() {
    let r = metrics();
    let t = &r["totals"];
    // Placed in W: o1–o14 (o2 once, o99 skipped) = 14.
    assert_eq!(t["orders_placed"], 14);
    // Due: o1,o2,o3,o4,o5,o7,o8,o9 = 8 (o6 buyer-cancelled is out).
    assert_eq!(t["due"], 8);
    assert_eq!(t["on_time"], 1); // o1
    assert_eq!(t["shipped_late"], 4); // o2, o3, o8, o9
    assert_eq!(t["overdue_unshipped"], 1); // o4
    assert_eq!(t["failed_cancelled"], 2); // o5, o7
    assert_eq!(t["delayed"], 7); // 4 + 1 + 2
    assert!(close(&t["late_rate"], 7.0 / 8.0)); // 0.875
    // Within 72 h of D: o2 (2), o3 (24), o8 (72, boundary included); o9 (73) is not.
    assert_eq!(t["resolved_within_72h"], 3);
    // Delays sorted: 2, 24, 62, 72, 73 (n = 5). p50 = rank ⌈2.5⌉ = 3 → 62;
    // p90 = rank ⌈4.5⌉ = 5 → 73; max 73.
    let h = &r["delay_hours"];
    assert!(close(&h["p50"], 62.0) && close(&h["p90"], 73.0) && close(&h["max"], 73.0));
    assert_eq!(r["week"], "2026-W47");
    assert_eq!(r["as_of"], "2026-11-23T00:00:00+08:00");
    assert_eq!(r["timezone"], "Asia/Shanghai");
}

// §5 breakdowns: causes, platforms, SKUs, notification.
#[test]
fn breakdowns_match_hand_computation() {
    let r = metrics();
    // Delayed by cause: logistics o3,o7; stockout o4,o5; unattributed o2,o9; weather o8.
    // Ties at 2 are ordered by code.
    let causes: Vec<(String, u64)> = r["causes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["code"].as_str().unwrap().into(),
                c["count"].as_u64().unwrap(),
            )
        })
        .collect();
    let want = [
        ("logistics", 2),
        ("stockout", 2),
        ("unattributed", 2),
        ("weather", 1),
    ];
    assert_eq!(causes, want.map(|(c, n)| (c.to_string(), n)).to_vec());
    assert_eq!(r["causes"][0]["name"], "物流异常");
    assert_eq!(r["causes"][2]["name"], "未标注");
    assert_eq!(r["causes"][3]["name"], "weather"); // unknown code: its own name
    assert!(close(&r["causes"][3]["share"], 1.0 / 7.0));
    // Platforms: douyin due o1,o2,o5,o9 = 4, delayed o2,o5,o9 = 3;
    // pinduoduo due o3,o4,o7 = 3, all delayed; taobao o8: 1 of 1.
    let p = &r["platforms"];
    assert_eq!(p[0]["platform"], "douyin");
    assert_eq!(
        (p[0]["due"].as_u64(), p[0]["delayed"].as_u64()),
        (Some(4), Some(3))
    );
    assert!(close(&p[0]["late_rate"], 0.75));
    assert_eq!(
        (p[1]["due"].as_u64(), p[1]["delayed"].as_u64()),
        (Some(3), Some(3))
    );
    assert_eq!(p[2]["platform"], "taobao");
    // SKUs: one delayed line each for A–G, so sorted by SKU.
    let skus = r["skus"].as_array().unwrap();
    assert_eq!(skus.len(), 7);
    assert_eq!(skus[0]["sku"], "A");
    assert_eq!(skus[0]["top_cause"], "unattributed");
    assert_eq!(skus[2]["top_cause"], "stockout");
    // Notification over the 7 delayed: proactive o4 (09:00 ≤ 10:00), o7 (12:00 ≤ 13:00);
    // after o3 (08:30 > 08:00), o9; none o2, o5, o8. with detected_at: o3, o4, o7, o9;
    // within 2 h: o3 (1.5 h), o7 (1 h), o9 (−0.5 h counts); o4 took 3 h.
    let n = &r["notification"];
    assert_eq!(
        [
            &n["proactive"],
            &n["after_deadline"],
            &n["none"],
            &n["within_2h"],
            &n["with_detected_at"]
        ],
        [2, 2, 3, 3, 4].map(Value::from).each_ref()
    );
}

// §5 trend and compensation with caps and half-away-from-zero rounding.
#[test]
fn trend_and_compensation_match_hand_computation() {
    let r = metrics();
    let trend = r["trend"].as_array().unwrap();
    assert_eq!(trend.len(), 8);
    assert_eq!(trend[0]["week"], "2026-W40");
    // W45: o17 (D 11-04) on time. W46: o15 on time, o16 late (D 11-12 10:00, shipped 11-13).
    assert_eq!(
        (trend[5]["due"].as_u64(), trend[5]["delayed"].as_u64()),
        (Some(1), Some(0))
    );
    assert_eq!(
        (trend[6]["due"].as_u64(), trend[6]["delayed"].as_u64()),
        (Some(2), Some(1))
    );
    assert!(close(&trend[6]["late_rate"], 0.5));
    // The last row is W itself and equals totals.
    assert_eq!(trend[7]["week"], "2026-W47");
    assert_eq!(trend[7]["due"], r["totals"]["due"]);
    // o5 douyin: min(0.1 · 100, cap 5) = 5; o7 pinduoduo: min(0.05 · 80.10, 30) = 4.005.
    // 9.005 rounded half away from zero = 9.01.
    assert!(close(&r["compensation_estimate"], 9.01));
}

fn stock_row<'a>(r: &'a Value, sku: &str) -> &'a Value {
    r["stock"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["sku"] == sku)
        .unwrap()
}

// §6: each action, the figures behind it, and the row order.
#[test]
fn stock_actions_match_hand_computation() {
    let r = metrics();
    // A: backlog o10+o11 = 2, on_hand 0 → available −2; eta 12-05 − 11-23 = 12 d > 7 → delist.
    // demand 4 (1+1 on 11-16, 1+1 on 11-22): σ = √(2·(2−2/15)² + 28·(2/15)²)/30 = 0.49889,
    // safety = ⌈1.64485 · 0.49889 · √7⌉ = ⌈2.171⌉ = 3; RP = ⌈4/30 · 7⌉ + 3 = 1 + 3 = 4;
    // restock = max(0, 4 + 2 − 0 − 5) = 1.
    let a = stock_row(&r, "A");
    assert_eq!(a["action"], "delist");
    assert_eq!(a["eta_days"], 12);
    assert_eq!(
        (a["safety_stock"].as_i64(), a["reorder_point"].as_i64()),
        (Some(3), Some(4))
    );
    assert_eq!(a["restock_qty"], 1);
    assert_eq!(a["buyers_waiting"], 2);
    assert!(close(&a["days_of_cover"], -15.0)); // −2 / (4/30)
    // B: available −1, eta 11-28 → 5 d ∈ [3, 7] → presale; RP = ⌈2/30·7⌉ + ⌈1.64485·0.24944·√7⌉ = 1 + 2.
    let b = stock_row(&r, "B");
    assert_eq!(
        (b["action"].as_str(), b["eta_days"].as_i64()),
        (Some("presale"), Some(5))
    );
    assert_eq!(b["reorder_point"], 3);
    // C: on_hand 1, backlog o4+o12 = 2 → −1; eta 11-24 → 1 d < 3 → notify_and_wait.
    let c = stock_row(&r, "C");
    assert_eq!(
        (c["action"].as_str(), c["available"].as_i64()),
        (Some("notify_and_wait"), Some(-1))
    );
    assert_eq!(c["restock_qty"], 2); // 3 + 2 − 1 − 2
    // D: available −1, no eta, no incoming → chase_supplier; restock 3 + 1 − 0 − 0 = 4.
    let d = stock_row(&r, "D");
    assert_eq!(
        (d["action"].as_str(), d["restock_qty"].as_i64()),
        (Some("chase_supplier"), Some(4))
    );
    assert_eq!(d["eta_days"], Value::Null);
    // E: the cancelled o6 is not demand; failed o7 is: demand 2, RP 3, on_hand 1 → reorder 2.
    let e = stock_row(&r, "E");
    assert_eq!(
        (e["action"].as_str(), e["restock_qty"].as_i64()),
        (Some("reorder"), Some(2))
    );
    // G is only in orders.csv: on_hand 0, demand 1, RP = ⌈7/30⌉ + ⌈1.64485·0.17951·√7⌉ = 1 + 1.
    let g = stock_row(&r, "G");
    assert_eq!(
        (g["on_hand"].as_i64(), g["restock_qty"].as_i64()),
        (Some(0), Some(2))
    );
    // F: 50 on hand → ok; K: only in stock.csv, no demand → ok, days_of_cover null.
    assert_eq!(stock_row(&r, "F")["action"], "ok");
    let k = stock_row(&r, "K");
    assert_eq!(
        (k["action"].as_str(), k["days_of_cover"].is_null()),
        (Some("ok"), true)
    );
    // Order: severity, then restock_qty desc (H 4, E 2, G 2 → E before G by SKU), then SKU.
    let order: Vec<&str> = r["stock"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["sku"].as_str().unwrap())
        .collect();
    assert_eq!(order, ["A", "B", "C", "D", "H", "E", "G", "F", "K"]);
}

// §6 hot rule: n = 8 SKUs with demand, limit ⌈0.2 · 8⌉ = 2. H (12) is hot; A and F tie
// at 4 in places 2–3, straddling the limit, so neither is hot.
#[test]
fn hot_boundary_leaves_out_straddling_tie() {
    let r = metrics();
    let h = stock_row(&r, "H");
    assert_eq!(h["hot"], true);
    assert_eq!(stock_row(&r, "A")["hot"], false);
    assert_eq!(stock_row(&r, "F")["hot"], false);
    // Hot target = ⌈0.5 · 12⌉ = 6; restock = 6 + 0 − 2 − 0 = 4. Lead 2.5 d:
    // RP = ⌈12/30 · 2.5⌉ + ⌈1.64485 · 2.15407 · √2.5⌉ = 1 + 6 = 7 (not used: hot).
    assert_eq!(
        (h["target_stock"].as_i64(), h["restock_qty"].as_i64()),
        (Some(6), Some(4))
    );
    assert_eq!(h["reorder_point"], 7);
}

// §7 at-risk lines and their playbooks; §8 data quality.
#[test]
fn at_risk_and_data_quality_match_hand_computation() {
    let r = metrics();
    // Open, ordered before as_of, D < as_of + 24 h: o4 (−62 h), o13 (10 h), o11 (12 h),
    // o14 (15 h). o10 (D 11-24 10:00) and o12 (11-24 08:00) are further out.
    let risk = &r["at_risk"];
    assert_eq!(risk["count"], 4);
    let ids: Vec<&str> = risk["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["order_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["o4", "o13", "o11", "o14"]);
    assert!(close(&risk["rows"][0]["hours_left"], -62.0));
    assert_eq!(risk["rows"][0]["playbook"], "oos"); // stockout → its playbook
    assert_eq!(risk["rows"][1]["playbook"], "triage"); // no cause
    assert_eq!(risk["rows"][1]["delay_cause"], Value::Null);
    assert_eq!(
        risk["rows"][0]["promised_ship_by"],
        "2026-11-20T10:00:00+08:00"
    );
    // Rows: orders 19 non-blank (17 used, o99 bad, first o2 superseded) + stock 8.
    let dq = &r["data_quality"];
    assert_eq!(
        [
            &dq["rows_read"],
            &dq["rows_used"],
            &dq["rows_skipped"],
            &dq["blank_rows"]
        ],
        [27, 25, 2, 1].map(Value::from).each_ref()
    );
    let lines: Vec<u64> = dq["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["line"].as_u64().unwrap())
        .collect();
    // weather (first line 9), G missing (10), bad timestamp (20), duplicate (winner, 21).
    assert_eq!(lines, [9, 10, 20, 21]);
    assert_eq!(dq["problems"][2]["column"], "ordered_at");
}

// report.json has exactly the contract's top-level keys, in order (§10 and §11), and
// the documented additions after them.
#[test]
fn report_json_has_exactly_the_contract_keys() {
    let dir = project("metrics");
    run(dir.path(), &["report", "--week", "2026-W47"]);
    let text =
        std::fs::read_to_string(dir.path().join("public/reports/2026-W47/report.json")).unwrap();
    let keys = [
        "week",
        "as_of",
        "timezone",
        "totals",
        "delay_hours",
        "causes",
        "platforms",
        "skus",
        "notification",
        "trend",
        "compensation_estimate",
        "stock",
        "at_risk",
        "data_quality",
        // Added in turn 2 (report-metrics.md §11).
        "priorities",
        // Added for week over week on every tile (docs/report.md).
        "previous_week",
    ];
    let v: serde_json::Map<String, Value> = serde_json::from_str(&text).unwrap();
    assert_eq!(v.keys().cloned().collect::<Vec<_>>().len(), keys.len());
    let mut last = 0;
    for k in keys {
        let at = text
            .find(&format!("\n  \"{k}\":"))
            .unwrap_or_else(|| panic!("{k}"));
        assert!(at > last, "{k} out of order");
        last = at;
    }
}
