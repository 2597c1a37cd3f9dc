//! The ranking rule of [`super::rank`] on crafted reports: each formula, each tie-break
//! in turn, the exclusions and the limit.
#![allow(clippy::unwrap_used, reason = "tests fail loudly")]

use super::*;
use crate::playbooks::model::ContentFile;
use crate::report::types::{AtRisk, CauseRow, DataQuality, DelayHours, SkuRow, Totals};

fn empty() -> Report {
    Report {
        week: "2026-W47".into(),
        as_of: "2026-11-23T00:00:00+08:00".into(),
        timezone: "Asia/Shanghai".into(),
        totals: Totals::default(),
        delay_hours: DelayHours::default(),
        causes: Vec::new(),
        platforms: Vec::new(),
        skus: Vec::new(),
        notification: None,
        trend: Vec::new(),
        compensation_estimate: None,
        stock: Vec::new(),
        at_risk: AtRisk::default(),
        data_quality: DataQuality::default(),
        priorities: Vec::new(),
        previous_week: None,
        delay_values: Vec::new(),
        absent: Vec::new(),
        week_note: String::new(),
        inputs: Vec::new(),
    }
}

/// [`super::rank`] on a report whose at-risk tallies are those of its listed rows (the
/// crafted reports list every at-risk line).
fn rank(r: &Report, content: &Content) -> Vec<Priority> {
    let mut r = r.clone();
    if r.at_risk.tallies.is_empty() {
        r.at_risk.tallies = r
            .at_risk
            .rows
            .iter()
            .map(|x| {
                let overdue = x.hours_left < 0.0;
                crate::report::types::RiskCauseSku {
                    cause: x.delay_cause.clone().unwrap_or_default(),
                    sku: x.sku.clone(),
                    playbook: x.playbook.clone(),
                    lines: 1,
                    overdue: u64::from(overdue),
                    overdue_ms: if overdue {
                        (-x.hours_left * 3_600_000.0) as i128
                    } else {
                        0
                    },
                }
            })
            .collect();
    }
    super::rank(&r, content)
}

/// A stock row with `available = on_hand − backlog`; the rest neutral.
fn sku(id: &str, action: Action, buyers: u64, available: i64, eta: Option<i64>) -> StockRec {
    StockRec {
        sku: id.into(),
        name: String::new(),
        supplier: String::new(),
        on_hand: 0,
        incoming: Some(0),
        restock_eta: None,
        lead_time_days: 7.0,
        demand_30d: 0,
        daily_demand: 0.0,
        sigma_daily: 0.0,
        backlog: (-available).max(0) as u64,
        available,
        days_of_cover: None,
        eta_days: eta,
        safety_stock: 0,
        reorder_point: 0,
        hot: false,
        target_stock: 0,
        restock_qty: 0,
        action,
        buyers_waiting: buyers,
        ship_date: None,
    }
}

fn risk(order: &str, sku: &str, hours_left: f64, cause: Option<&str>, playbook: &str) -> AtRiskRow {
    AtRiskRow {
        order_id: order.into(),
        sku: sku.into(),
        platform: "douyin".into(),
        promised_ship_by: String::new(),
        hours_left,
        delay_cause: cause.map(str::to_string),
        playbook: playbook.into(),
    }
}

fn catalogue() -> Content {
    let file: ContentFile = serde_saphyr::from_str(
        "causes:\n  - {id: stockout, name: 缺货, playbook: oos}\n  - {id: supplier_delay, name: 供应商慢, playbook: chase}\n  - {id: logistics, name: 物流, playbook: logi}\n",
    )
    .unwrap();
    crate::validate::content_from_files([file])
}

fn keys(p: &[Priority]) -> Vec<(String, f64)> {
    p.iter()
        .map(|x| (format!("{}:{}", x.kind.key(), key(x)), x.score))
        .collect()
}

// Each stock-out kind scores buyers × days to restock (at least 1; lead time without a date).
#[test]
fn stock_out_scores_are_buyers_times_days() {
    let mut r = empty();
    r.stock = vec![
        sku("D", Action::Delist, 1, -1, Some(12)),
        sku("P", Action::Presale, 3, -3, Some(5)),
        sku("N", Action::NotifyAndWait, 4, -2, Some(0)),
        sku("C", Action::ChaseSupplier, 2, -2, None),
    ];
    let p = rank(&r, &catalogue());
    assert_eq!(
        keys(&p),
        [
            ("presale:P".into(), 15.0),
            ("chase_supplier:C".into(), 14.0),
            ("delist:D".into(), 12.0),
            ("notify_and_wait:N".into(), 4.0),
        ]
    );
    assert_eq!(p[1].wait_days, 7.0);
    assert_eq!(p[3].wait_days, 1.0);
    assert_eq!(p[0].units, Some(3));
    assert_eq!(p[0].playbook, "oos");
    assert_eq!(p[1].playbook, "chase");
}

// Equal scores: more units at stake first.
#[test]
fn tie_on_score_goes_to_units() {
    let mut r = empty();
    r.stock = vec![
        sku("A", Action::Presale, 2, -3, Some(5)),
        sku("B", Action::Presale, 5, -4, Some(2)),
    ];
    let p = rank(&r, &catalogue());
    assert_eq!(
        keys(&p),
        [("presale:B".into(), 10.0), ("presale:A".into(), 10.0)]
    );
}

// Equal scores and units: more late lines this week first; a SKU outside `skus` counts 0.
#[test]
fn tie_on_units_goes_to_late_lines() {
    let mut r = empty();
    r.stock = vec![
        sku("A", Action::Presale, 2, -2, Some(5)),
        sku("B", Action::Presale, 2, -2, Some(5)),
    ];
    r.skus = vec![SkuRow {
        sku: "B".into(),
        name: String::new(),
        delayed: 3,
        top_cause: "stockout".into(),
    }];
    let p = rank(&r, &catalogue());
    assert_eq!(keys(&p)[0].0, "presale:B");
    assert_eq!((p[0].late_lines, p[1].late_lines), (Some(3), None));
}

// Equal on every figure: the more severe kind first, then the SKU by code point.
#[test]
fn full_tie_goes_to_kind_then_code_point() {
    let mut r = empty();
    r.stock = vec![
        sku("SKU-9", Action::Presale, 2, -2, Some(5)),
        sku("SKU-10", Action::Presale, 2, -2, Some(5)),
        sku("Z", Action::Delist, 1, -2, Some(10)),
    ];
    let p = rank(&r, &catalogue());
    assert_eq!(
        keys(&p),
        [
            ("delist:Z".into(), 10.0),
            ("presale:SKU-10".into(), 10.0),
            ("presale:SKU-9".into(), 10.0),
        ]
    );
}

// A reorder scores the units stock and incoming cannot cover in the lead time × half
// the days they take to sell; a reorder with enough cover scores 0 and is left out.
#[test]
fn reorder_scores_the_stock_out_left_after_ordering_today() {
    let mut r = empty();
    let mut short = sku("R", Action::Reorder, 0, 2, None);
    // lead-time demand = RP − safety = 10 − 4 = 6; short = 6 − 2 − 1 = 3 units, sold in
    // 3 / 0.5 = 6 days, each buyer waiting 3 days on average: 3 × 3 = 9.
    (short.reorder_point, short.safety_stock, short.incoming) = (10, 4, Some(1));
    (short.restock_qty, short.daily_demand) = (12, 0.5);
    let mut covered = sku("S", Action::Reorder, 0, 9, None);
    (
        covered.reorder_point,
        covered.safety_stock,
        covered.restock_qty,
    ) = (10, 4, 5);
    covered.daily_demand = 0.5;
    // Slow seller T: 1 unit short at 1/30 a day would take 30 days, but the stock-out
    // lasts at most the 7-day lead time: 1 × 7/2.
    let mut slow = sku("T", Action::Reorder, 0, 0, None);
    (slow.reorder_point, slow.restock_qty, slow.daily_demand) = (1, 2, 1.0 / 30.0);
    r.stock = vec![short, covered, slow];
    let p = rank(&r, &catalogue());
    assert_eq!(
        keys(&p),
        [("reorder:R".into(), 9.0), ("reorder:T".into(), 3.5)]
    );
    assert_eq!(
        (p[0].waiting, p[0].wait_days, p[0].units),
        (3, 3.0, Some(12))
    );
}

// Causes: overdue lines only, not those of stock-out SKUs; days overdue summed; no
// cause groups as `unattributed` and goes to triage; late lines from `causes`.
#[test]
fn causes_sum_days_overdue_outside_stock_out_skus() {
    let mut r = empty();
    r.stock = vec![sku("OUT", Action::Presale, 1, -1, Some(3))];
    r.causes = vec![CauseRow {
        code: "logistics".into(),
        name: "物流".into(),
        count: 9,
        share: 1.0,
    }];
    r.at_risk.rows = vec![
        risk("o1", "X", -48.0, Some("logistics"), "logi"),
        risk("o2", "Y", -12.0, Some("logistics"), "logi"),
        risk("o3", "OUT", -100.0, Some("logistics"), "logi"),
        risk("o4", "X", 5.0, Some("logistics"), "logi"),
        risk("o5", "Z", -36.0, None, TRIAGE),
    ];
    let p = rank(&r, &catalogue());
    assert_eq!(
        keys(&p),
        [
            ("presale:OUT".into(), 3.0),
            ("cause:logistics".into(), 2.5),
            ("cause:unattributed".into(), 1.5),
        ]
    );
    assert_eq!((p[1].waiting, p[1].wait_days), (2, 1.25));
    assert_eq!((p[1].late_lines, p[1].units), (Some(9), None));
    assert_eq!((p[2].late_lines, p[2].playbook.as_str()), (Some(0), TRIAGE));
}

// A cause and a SKU with the same score: the SKU (units known) comes first.
#[test]
fn stock_action_before_cause_on_equal_score() {
    let mut r = empty();
    r.stock = vec![sku("A", Action::Presale, 1, -1, Some(2))];
    r.at_risk.rows = vec![risk("o1", "X", -48.0, Some("logistics"), "logi")];
    let p = rank(&r, &catalogue());
    assert_eq!(
        keys(&p),
        [("presale:A".into(), 2.0), ("cause:logistics".into(), 2.0)]
    );
}

// At most five, and nothing with a zero score (no buyer waiting).
#[test]
fn at_most_five_and_never_zero() {
    let mut r = empty();
    r.stock = (1..=7)
        .map(|i| sku(&format!("S{i}"), Action::Presale, i, -(i as i64), Some(3)))
        .collect();
    r.stock.push(sku("NOBODY", Action::Delist, 0, -1, Some(30)));
    let p = rank(&r, &catalogue());
    assert_eq!(p.len(), LIMIT);
    assert_eq!(key(&p[0]), "S7");
    assert!(p.iter().all(|x| x.score > 0.0));
}

// Without a `stockout` cause in the catalogue, a SKU's playbook is the one most of its
// at-risk lines use (ties to the smaller id), else triage.
#[test]
fn stock_playbook_without_catalogue_entry() {
    let mut r = empty();
    r.stock = vec![
        sku("A", Action::Presale, 1, -1, Some(5)),
        sku("B", Action::Presale, 1, -1, Some(4)),
    ];
    r.at_risk.rows = vec![
        risk("o1", "A", 3.0, None, "zeta"),
        risk("o2", "A", 3.0, None, "alpha"),
    ];
    let p = rank(&r, &Content::default());
    assert_eq!(
        (p[0].playbook.as_str(), p[1].playbook.as_str()),
        ("alpha", TRIAGE)
    );
}
