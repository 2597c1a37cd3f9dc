//! §6 stock recommendations: demand, cover, safety stock, the hot-item rule and the
//! action of every SKU. Every ⌈…⌉ of a rational is exact ([`Ratio`]).

use std::collections::BTreeMap;

use crate::fasthash::FastMap;

use chrono::NaiveDate;

use super::accum::SkuAcc;
use super::stats::{Ratio, normal_quantile, population_std};
use super::types::{Action, StockRec};
use super::window::Window;
use crate::config::Config;
use crate::ingest::stock::StockRow;
use crate::ingest::timestamp::{Clock, DAY_MS};

/// Builds the sorted `stock` table for every SKU of stock.csv or of a used order line.
pub fn recommendations(
    stock: &BTreeMap<String, StockRow>,
    skus: &FastMap<compact_str::CompactString, SkuAcc>,
    window: &Window,
    config: &Config,
    clock: &mut Clock,
) -> Vec<StockRec> {
    let mut all: BTreeMap<&str, (Option<&StockRow>, Option<&SkuAcc>)> = BTreeMap::new();
    for (sku, row) in stock {
        all.entry(sku).or_default().0 = Some(row);
    }
    for (sku, acc) in skus {
        all.entry(sku).or_default().1 = Some(acc);
    }
    let demands: Vec<u64> = all
        .values()
        .map(|(_, a)| a.map_or(0, SkuAcc::demand))
        .collect();
    let hot = HotRule::new(&demands, config.report.hot_share);
    let z = normal_quantile(config.report.service_level);
    let as_of_naive = clock.local_naive(window.as_of);
    let mut rows: Vec<StockRec> = all
        .into_iter()
        .map(|(sku, (row, acc))| {
            let f = Figures {
                sku,
                row,
                acc,
                window,
                config,
                z,
                as_of_naive,
            };
            f.build(&hot)
        })
        .collect();
    rows.sort_by(|a, b| {
        a.action
            .cmp(&b.action)
            .then(b.restock_qty.cmp(&a.restock_qty))
            .then(a.sku.cmp(&b.sku))
    });
    rows
}

/// The hot-item boundary: a SKU is hot when the number of SKUs with at least its
/// demand is at most ⌈hot_share · n⌉ (ties straddling the boundary are all left out).
struct HotRule {
    sorted_desc: Vec<u64>,
    limit: usize,
}

impl HotRule {
    fn new(demands: &[u64], share: f64) -> Self {
        let mut sorted_desc: Vec<u64> = demands.iter().copied().filter(|&d| d > 0).collect();
        sorted_desc.sort_unstable_by(|a, b| b.cmp(a));
        let n = sorted_desc.len() as i128;
        let limit = Ratio::from_f64(share).times(Ratio::int(n)).ceil().max(0) as usize;
        HotRule { sorted_desc, limit }
    }

    fn is_hot(&self, demand: u64) -> bool {
        demand > 0 && self.sorted_desc.partition_point(|&d| d >= demand) <= self.limit
    }
}

struct Figures<'a> {
    sku: &'a str,
    row: Option<&'a StockRow>,
    acc: Option<&'a SkuAcc>,
    window: &'a Window,
    config: &'a Config,
    z: f64,
    as_of_naive: chrono::NaiveDateTime,
}

impl Figures<'_> {
    fn lead(&self) -> Ratio {
        self.row
            .and_then(|r| r.lead_time_days.as_deref())
            .and_then(Ratio::parse_decimal)
            .unwrap_or_else(|| Ratio::from_f64(self.config.report.lead_time_days))
    }

    fn eta_days(&self, incoming: i128, lead: Ratio) -> Option<i128> {
        if let Some(eta) = self.row.and_then(|r| r.restock_eta) {
            return Some(i128::from(days_until(eta, self.as_of_naive)));
        }
        (incoming > 0).then(|| lead.ceil())
    }

    /// The reorder point ⌈daily_demand · lead⌉ + safety stock, exactly; a product too
    /// large for 128 bits (a lead time of thirty digits) saturates, far above any stock.
    fn reorder_point(&self, demand: u64, lead: Ratio, safety: i128) -> i128 {
        let days = self.window.demand_days as i128;
        Ratio::int(i128::from(demand))
            .div_int(days)
            .checked_times(lead)
            .map_or(SATURATED, Ratio::ceil)
            .saturating_add(safety)
    }

    fn build(&self, hot_rule: &HotRule) -> StockRec {
        let days = self.window.demand_days;
        let daily: Vec<u64> = match self.acc {
            Some(a) => a.dense_daily(days),
            None => vec![0; days],
        };
        let demand: u64 = daily.iter().sum();
        let backlog = self.acc.map_or(0, |a| a.backlog);
        let on_hand = self.row.map_or(0, |r| r.on_hand);
        // An unreadable `incoming` is unknown (null): it is not subtracted below.
        let incoming = self.row.map_or(Some(0), |r| r.incoming);
        // Every figure derived from the CSV values is computed in 128 bits, where no
        // sum or difference of them can overflow, so the action always follows the
        // exact values; only the stored figures saturate at the 64-bit range.
        let (on_hand_x, incoming_x, backlog_x) = (
            i128::from(on_hand),
            i128::from(incoming.unwrap_or(0)),
            i128::from(backlog),
        );
        let available = on_hand_x - backlog_x;
        let daily_demand = demand as f64 / days as f64;
        let sigma = population_std(&daily);
        let lead = self.lead();
        let eta_days = self.eta_days(incoming_x, lead);
        // A float → integer `as` saturates (and maps NaN to 0).
        let safety = (self.z * sigma * lead.to_f64().sqrt()).ceil().max(0.0) as i128;
        let reorder_point = self.reorder_point(demand, lead, safety);
        let hot = hot_rule.is_hot(demand);
        let target = if hot {
            let share = Ratio::from_f64(self.config.report.hot_stock_share);
            share
                .checked_times(Ratio::int(i128::from(demand)))
                .map_or(SATURATED, Ratio::ceil)
        } else {
            reorder_point
        };
        let restock_qty = (target + backlog_x - on_hand_x - incoming_x).max(0);
        let action = self.action(available, eta_days, restock_qty);
        StockRec {
            sku: self.sku.to_string(),
            name: self.row.map_or_else(String::new, |r| r.name.clone()),
            supplier: self.row.map_or_else(String::new, |r| r.supplier.clone()),
            on_hand,
            incoming,
            restock_eta: self.row.and_then(|r| r.restock_eta).map(|d| d.to_string()),
            lead_time_days: lead.to_f64(),
            demand_30d: demand,
            daily_demand,
            sigma_daily: sigma,
            backlog,
            available: saturate(available),
            days_of_cover: (demand > 0).then(|| available as f64 / daily_demand),
            eta_days: eta_days.map(saturate),
            safety_stock: saturate(safety),
            reorder_point: saturate(reorder_point),
            hot,
            target_stock: saturate(target),
            restock_qty: saturate(restock_qty),
            action,
            buyers_waiting: self.acc.map_or(0, |a| a.buyers.len() as u64),
            ship_date: self.ship_date(action, eta_days),
        }
    }

    /// The new ship date of a presale or notify-and-wait SKU: `as_of` + `eta_days`.
    fn ship_date(&self, action: Action, eta_days: Option<i128>) -> Option<String> {
        if !matches!(action, Action::Presale | Action::NotifyAndWait) {
            return None;
        }
        let days = chrono::TimeDelta::try_days(i64::try_from(eta_days?).ok()?)?;
        let date = self.as_of_naive.date().checked_add_signed(days)?;
        Some(date.to_string())
    }

    fn action(&self, available: i128, eta_days: Option<i128>, restock_qty: i128) -> Action {
        let r = &self.config.report;
        let (delist_after, presale_min) = (
            i128::from(r.delist_after_days),
            i128::from(r.presale_min_days),
        );
        match (available < 0, eta_days) {
            (true, Some(e)) if e > delist_after => Action::Delist,
            (true, Some(e)) if e >= presale_min => Action::Presale,
            (true, Some(_)) => Action::NotifyAndWait,
            (true, None) => Action::ChaseSupplier,
            _ if restock_qty > 0 => Action::Reorder,
            _ => Action::Ok,
        }
    }
}

/// Where a product too large for 128 bits saturates: far above any 64-bit figure, and
/// small enough that adding or subtracting 64-bit values cannot overflow.
const SATURATED: i128 = i128::MAX / 4;

/// A 128-bit figure stored in the report's 64-bit fields, saturating at their range
/// (only values far beyond any real stock are affected; [`implausible`] flags them).
fn saturate(v: i128) -> i64 {
    i64::try_from(v).unwrap_or(if v < 0 { i64::MIN } else { i64::MAX })
}

/// §10: max(0, ⌈(restock_eta 00:00 − as_of) / 1 day⌉) on naive local date-times.
pub fn days_until(eta: NaiveDate, as_of_naive: chrono::NaiveDateTime) -> i64 {
    let eta_ms = eta
        .and_time(chrono::NaiveTime::MIN)
        .and_utc()
        .timestamp_millis();
    let diff = eta_ms - as_of_naive.and_utc().timestamp_millis();
    let days = diff.div_euclid(DAY_MS) + i64::from(diff.rem_euclid(DAY_MS) != 0);
    days.max(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    // §6: a tie straddling the 20 % boundary is left out entirely.
    #[test]
    fn hot_rule_leaves_out_straddling_ties() {
        // n = 10 → limit 2. Demands 50, 40, 40: 40 has 3 SKUs ≥ it → not hot.
        let r = HotRule::new(&[50, 40, 40, 5, 5, 5, 5, 5, 5, 5, 0], 0.2);
        assert!(r.is_hot(50));
        assert!(!r.is_hot(40));
        assert!(!r.is_hot(0));
    }

    // eta_days rounds partial days up and never goes below 0.
    #[test]
    fn eta_days_round_up() {
        let as_of = NaiveDate::from_ymd_opt(2026, 11, 19)
            .unwrap()
            .and_hms_opt(18, 0, 0)
            .unwrap();
        let d = |s: &str| days_until(s.parse().unwrap(), as_of);
        assert_eq!(d("2026-11-20"), 1);
        assert_eq!(d("2026-11-25"), 6);
        assert_eq!(d("2026-11-01"), 0);
    }
}
