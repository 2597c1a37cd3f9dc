//! "本周先做这几件事": at most five actions for the week, ranked by impact.
//!
//! Computed from the assembled [`Report`] alone (plus the cause catalogue for playbook
//! ids), never from the scan, so every route that produces a `Report` — the streaming
//! one and the warehouse one — ranks the same way. The rule, also in `docs/report.md`:
//!
//! Every candidate is scored in **buyer-days**: how many buyers wait (or will wait)
//! times how many days.
//!
//! - A stock-out SKU (`delist`, `presale`, `notify_and_wait`, `chase_supplier`):
//!   `buyers_waiting` × days until restock (`eta_days`, at least 1; the SKU's
//!   `lead_time_days` when there is no restock date).
//! - A `reorder` SKU: the buyer-days of the stock-out that ordering today still leaves.
//!   Stock on hand and incoming cover all but `short = ⌈daily_demand · lead_time_days⌉ −
//!   available − incoming` units of the lead-time demand; those units are ordered during
//!   the last `short / daily_demand` days before the new stock arrives (at most the lead
//!   time), so their buyers wait half of that on average:
//!   score = `short` × min(`short / daily_demand`, `lead_time_days`) / 2.
//! - A cause (`unattributed` included) with overdue at-risk lines whose SKU has no
//!   stock-out action (those buyers are counted under the SKU): the sum of the days those
//!   lines are overdue — every at-risk line, not only the ones the list shows.
//!
//! Candidates scoring 0 are left out. Ties: units at stake (descending, unknown last),
//! late lines of the week (descending, unknown as 0), the kind in the order above
//! (`delist` first, `cause` last), then the SKU or cause code by code point.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::types::{Action, AtRisk, AtRiskRow, Report, StockRec};
use crate::validate::Content;

/// At most this many priorities.
pub const LIMIT: usize = 5;

/// The playbook id meaning "no playbook: use the triage helper".
pub const TRIAGE: &str = "triage";

/// The cause code of lines without a cause.
pub const UNATTRIBUTED: &str = "unattributed";

/// What kind of action a priority asks for (in tie-break order).
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Take the listing down.
    Delist,
    /// Mark the listing 预售.
    Presale,
    /// Tell waiting buyers the new date.
    NotifyAndWait,
    /// Get a restock date from the supplier.
    ChaseSupplier,
    /// Order from the supplier before the stock runs out.
    Reorder,
    /// Work through the overdue lines of one cause with its playbook.
    Cause,
}

impl Kind {
    /// The key used in JSON and i18n (`presale`, `cause` …).
    pub fn key(self) -> &'static str {
        match self {
            Kind::Delist => "delist",
            Kind::Presale => "presale",
            Kind::NotifyAndWait => "notify_and_wait",
            Kind::ChaseSupplier => "chase_supplier",
            Kind::Reorder => "reorder",
            Kind::Cause => "cause",
        }
    }

    fn of(action: Action) -> Option<Kind> {
        match action {
            Action::Delist => Some(Kind::Delist),
            Action::Presale => Some(Kind::Presale),
            Action::NotifyAndWait => Some(Kind::NotifyAndWait),
            Action::ChaseSupplier => Some(Kind::ChaseSupplier),
            Action::Reorder => Some(Kind::Reorder),
            Action::Ok => None,
        }
    }

    /// True for the actions on a SKU that buyers are already waiting for.
    pub fn is_stock_out(self) -> bool {
        matches!(
            self,
            Kind::Delist | Kind::Presale | Kind::NotifyAndWait | Kind::ChaseSupplier
        )
    }
}

/// One ranked action, with the figures it was ranked by (`report.json` → `priorities`).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Priority {
    /// What to do.
    pub kind: Kind,
    /// The SKU, for stock actions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sku: Option<String>,
    /// The cause code (`unattributed` for none), for `cause`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cause: Option<String>,
    /// Buyer-days: `waiting × wait_days`.
    pub score: f64,
    /// Buyers waiting (stock-out), units short during the lead time (reorder), or
    /// overdue lines (cause).
    pub waiting: u64,
    /// Days each waits: until restock (stock-out), on average during the stock-out
    /// (reorder), or the average days overdue (cause).
    pub wait_days: f64,
    /// Units at stake: units short now (stock-out), `restock_qty` (reorder); null for a cause.
    pub units: Option<i64>,
    /// Delayed lines of the week: of the SKU (null when it is not among `skus`) or of
    /// the cause.
    pub late_lines: Option<u64>,
    /// The playbook to follow (`triage` when none applies).
    pub playbook: String,
}

/// The priorities of `r`, at most [`LIMIT`], best first.
pub fn rank(r: &Report, content: &Content) -> Vec<Priority> {
    let mut all: Vec<Priority> = r
        .stock
        .iter()
        .filter_map(|s| stock_priority(s, r, content))
        .collect();
    all.extend(cause_priorities(r));
    all.retain(|p| p.score > 0.0);
    all.sort_by(order);
    all.truncate(LIMIT);
    all
}

/// Best first: score, units, late lines, kind, then SKU or cause.
fn order(a: &Priority, b: &Priority) -> Ordering {
    b.score
        .total_cmp(&a.score)
        .then_with(|| {
            b.units
                .unwrap_or(i64::MIN)
                .cmp(&a.units.unwrap_or(i64::MIN))
        })
        .then_with(|| b.late_lines.unwrap_or(0).cmp(&a.late_lines.unwrap_or(0)))
        .then_with(|| a.kind.cmp(&b.kind))
        .then_with(|| key(a).cmp(key(b)))
}

fn key(p: &Priority) -> &str {
    p.sku.as_deref().or(p.cause.as_deref()).unwrap_or("")
}

fn stock_priority(s: &StockRec, r: &Report, content: &Content) -> Option<Priority> {
    let kind = Kind::of(s.action)?;
    let late_lines = r.skus.iter().find(|k| k.sku == s.sku).map(|k| k.delayed);
    // In 128 bits: the figures come from the stock file and may be as large as any
    // 64-bit value (`-available` of i64::MIN, say) without overflowing.
    let (waiting, wait_days, units) = if kind.is_stock_out() {
        let days = s.eta_days.map_or(s.lead_time_days, |d| d.max(1) as f64);
        let short_now = -i128::from(s.available);
        (s.buyers_waiting, days, saturate(short_now))
    } else {
        let lead_demand = i128::from(s.reorder_point) - i128::from(s.safety_stock);
        let incoming = i128::from(s.incoming.unwrap_or(0));
        let short = (lead_demand - i128::from(s.available) - incoming).max(0);
        let days = if s.daily_demand > 0.0 {
            (short as f64 / s.daily_demand).min(s.lead_time_days) / 2.0
        } else {
            0.0
        };
        (
            u64::try_from(short).unwrap_or(u64::MAX),
            days,
            s.restock_qty,
        )
    };
    Some(Priority {
        kind,
        sku: Some(s.sku.clone()),
        cause: None,
        score: waiting as f64 * wait_days,
        waiting,
        wait_days,
        units: Some(units),
        late_lines,
        playbook: stock_playbook(kind, &s.sku, r, content),
    })
}

/// A 128-bit figure in a 64-bit field, saturating.
fn saturate(v: i128) -> i64 {
    i64::try_from(v).unwrap_or(if v < 0 { i64::MIN } else { i64::MAX })
}

/// The playbook for a stock action: the catalogue's playbook for `supplier_delay`
/// (chasing a supplier) or `stockout` (everything else); else the playbook most of the
/// SKU's at-risk lines use; else triage.
fn stock_playbook(kind: Kind, sku: &str, r: &Report, content: &Content) -> String {
    let cause = if kind == Kind::ChaseSupplier {
        "supplier_delay"
    } else {
        "stockout"
    };
    if let Some(p) = content.playbook_for_cause(cause) {
        return p.to_string();
    }
    let mut counts: BTreeMap<&str, u64> = BTreeMap::new();
    for t in r.at_risk.tallies.iter().filter(|t| t.sku == sku) {
        *counts.entry(t.playbook.as_str()).or_default() += t.lines;
    }
    // Most lines; a tie goes to the smaller id (BTreeMap order, strict `>`).
    let mut best: Option<(&str, u64)> = None;
    for (p, n) in counts {
        if best.is_none_or(|(_, bn)| n > bn) {
            best = Some((p, n));
        }
    }
    best.map_or_else(|| TRIAGE.to_string(), |(p, _)| p.to_string())
}

/// One candidate per cause with overdue at-risk lines on SKUs without a stock-out
/// action, counting every at-risk line (listed or not).
fn cause_priorities(r: &Report) -> Vec<Priority> {
    let stock_out: BTreeSet<&str> = r
        .stock
        .iter()
        .filter(|s| Kind::of(s.action).is_some_and(Kind::is_stock_out))
        .map(|s| s.sku.as_str())
        .collect();
    // Cause code → (overdue lines, milliseconds overdue, playbook).
    let mut groups: BTreeMap<&str, (u64, i128, &str)> = BTreeMap::new();
    for t in &r.at_risk.tallies {
        if t.overdue > 0 && !stock_out.contains(t.sku.as_str()) {
            let code = if t.cause.is_empty() {
                UNATTRIBUTED
            } else {
                t.cause.as_str()
            };
            let g = groups.entry(code).or_insert((0, 0, t.playbook.as_str()));
            g.0 += t.overdue;
            g.1 += t.overdue_ms;
        }
    }
    groups
        .into_iter()
        .map(|(code, (waiting, ms, playbook))| {
            let days = ms as f64 / crate::ingest::timestamp::DAY_MS as f64;
            Priority {
                kind: Kind::Cause,
                sku: None,
                cause: Some(code.to_string()),
                score: days,
                waiting,
                wait_days: days / waiting as f64,
                units: None,
                late_lines: Some(
                    r.causes
                        .iter()
                        .find(|c| c.code == code)
                        .map_or(0, |c| c.count),
                ),
                playbook: playbook.to_string(),
            }
        })
        .collect()
}

/// At-risk lines of one playbook.
#[derive(Debug, Clone, PartialEq)]
pub struct RiskGroup<'a> {
    /// The playbook id (`triage` when none).
    pub playbook: &'a str,
    /// All its at-risk lines, listed or not.
    pub count: u64,
    /// Its listed lines, in the order of the at-risk list (by deadline).
    pub rows: Vec<&'a AtRiskRow>,
}

/// The at-risk lines grouped by playbook, each with its true size: the groups with
/// listed lines first, the one with the earliest deadline first; then the groups whose
/// lines are all beyond the list, most lines first.
pub fn risk_groups(at_risk: &AtRisk) -> Vec<RiskGroup<'_>> {
    let total = |id: &str| {
        at_risk
            .playbooks
            .iter()
            .find(|p| p.playbook == id)
            .map_or(0, |p| p.count)
    };
    let mut groups: Vec<RiskGroup<'_>> = Vec::new();
    for row in &at_risk.rows {
        match groups.iter_mut().find(|g| g.playbook == row.playbook) {
            Some(g) => g.rows.push(row),
            None => groups.push(RiskGroup {
                playbook: &row.playbook,
                count: 0,
                rows: vec![row],
            }),
        }
    }
    for g in &mut groups {
        // Never fewer than listed (a report built without the tallies).
        g.count = total(g.playbook).max(g.rows.len() as u64);
    }
    for p in &at_risk.playbooks {
        if !groups.iter().any(|g| g.playbook == p.playbook) {
            groups.push(RiskGroup {
                playbook: &p.playbook,
                count: p.count,
                rows: Vec::new(),
            });
        }
    }
    groups
}

#[cfg(test)]
#[path = "priorities_tests.rs"]
mod tests;
