//! Per-key accumulators: every used order line is folded in once and dropped.
//!
//! Memory grows with the number of SKUs, platforms, causes, delayed lines of the week
//! (their delay hours, for the percentiles), open backlog orders (for `buyers_waiting`)
//! and at most `at_risk_limit` at-risk rows, never with the number of order lines.

use std::collections::{BTreeMap, BinaryHeap};

use super::classify::{Class, classify};
pub use super::tally::{PrevWeek, RiskTally};
use super::window::Window;
use crate::config::Config;
use crate::fasthash::{FastMap, FastSet};
use crate::ingest::orders::OrderLine;
use crate::ingest::timestamp::{Clock, HOUR_MS};
use compact_str::CompactString;

/// Distinct unknown cause (and platform) values kept with their first line.
pub const MAX_UNKNOWN_VALUES: usize = 10_000;

/// Where a line was read: file index and physical line.
pub type Loc = (usize, usize);

/// Per-SKU stock figures.
#[derive(Debug, Clone, Default)]
pub struct SkuAcc {
    /// Units per local day of the demand window, only for days with demand: (day index
    /// in the window, units). Long-tail SKUs sell on a few days, so this stays small.
    pub daily: Vec<(u16, u64)>,
    /// Open units ordered before `as_of`.
    pub backlog: u64,
    /// 64-bit hashes of the orders with backlog lines (hashes, not the ids: a SKU with
    /// one waiting order costs a few bytes, not a tree node).
    pub buyers: FastSet<u64>,
    /// Delayed lines in the week, by cause (few causes per SKU: a small list).
    pub delayed_causes: Vec<(String, u64)>,
    /// Whether stock.csv has this SKU, asked once per SKU (not once per line) when the
    /// first line of it is folded; `None` when not asked (warehouse aggregates).
    pub in_stock: Option<bool>,
}

/// An at-risk line, ordered by deadline, order id, SKU.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct RiskLine {
    /// Deadline.
    pub promised: i64,
    /// Order number.
    pub order_id: String,
    /// SKU.
    pub sku: String,
    /// Platform.
    pub platform: String,
    /// Cause code (empty when none).
    pub cause: String,
}

/// Everything the report needs, folded line by line.
#[derive(Debug, Default)]
pub struct Acc {
    /// §4 counters, in the order of `Totals`.
    pub placed: u64,
    /// Due lines.
    pub due: u64,
    /// On time.
    pub on_time: u64,
    /// Shipped late.
    pub late: u64,
    /// Overdue unshipped.
    pub overdue: u64,
    /// Failed cancelled.
    pub failed: u64,
    /// Resolved within 72 h.
    pub resolved: u64,
    /// Due lines shipped at an unknown time (their file has no ship-time column).
    pub due_unknown: u64,
    /// Delays in milliseconds.
    pub delays: Vec<i64>,
    /// Delayed lines by cause ("" = unattributed).
    pub causes: BTreeMap<CompactString, u64>,
    /// Platform → (due, delayed, shipped at an unknown time).
    pub platforms: BTreeMap<CompactString, (u64, u64, u64)>,
    /// Notification counts: proactive, after deadline, none, within 2 h, with detected_at.
    pub notify: [u64; 5],
    /// Trend weeks before W: (due, delayed, shipped at an unknown time).
    pub trend: Vec<(u64, u64, u64)>,
    /// The week before W (the last trend week) as its own report would have shown it
    /// at its end: the figures of the other headline tiles (week over week).
    pub prev: PrevWeek,
    /// Compensation in nano-units of the currency (exact, order-independent sum).
    pub compensation_nano: i128,
    /// SKU → figures.
    pub skus: FastMap<CompactString, SkuAcc>,
    /// Smallest at-risk lines (a max-heap trimmed to the limit).
    pub risk: BinaryHeap<RiskLine>,
    /// All at-risk lines.
    pub risk_count: u64,
    /// Lines used.
    pub used: u64,
    /// Unknown cause and platform values.
    pub unknown: Unknowns,
    /// SKU missing from stock.csv → first used line.
    pub missing_skus: BTreeMap<String, Loc>,
    /// Every at-risk line (not only the listed ones) by (cause, SKU): the true size of
    /// each playbook's group and the overdue time the priorities rank causes by.
    pub risk_groups: BTreeMap<(String, String), RiskTally>,
}

/// Cause and platform values that are unknown, each with its first used line and its
/// number of lines. Bounded: only the first [`MAX_UNKNOWN_VALUES`] distinct values (in
/// the order lines are folded) are kept, the lines of later ones are only counted — so
/// this depends on the order of the lines, and a file read in parallel keeps one per
/// chunk and merges them in file order ([`Unknowns::append`]).
#[derive(Debug, Clone, Default)]
pub struct Unknowns {
    /// Unknown cause code → (first used line, lines).
    pub causes: BTreeMap<String, (Loc, u64)>,
    /// Unknown platform value → (first used line, lines).
    pub platforms: BTreeMap<String, (Loc, u64)>,
    /// Lines with unknown cause / platform values beyond the first
    /// [`MAX_UNKNOWN_VALUES`] distinct ones.
    pub overflow: [u64; 2],
    /// The keys of `causes` and `platforms` in the order first seen.
    seen: [Vec<String>; 2],
}

impl Unknowns {
    /// Records the unknown values of a used line.
    pub fn record(&mut self, cause: Option<&str>, platform: Option<&str>, loc: Loc) {
        if let Some(c) = cause {
            self.count(0, c, loc, 1);
        }
        if let Some(p) = platform {
            self.count(1, p, loc, 1);
        }
    }

    fn count(&mut self, which: usize, key: &str, loc: Loc, n: u64) {
        let map = if which == 0 {
            &mut self.causes
        } else {
            &mut self.platforms
        };
        // Distinct unknown values are kept up to a bound (a column of random text must
        // not grow a map per row); the lines beyond it are only counted.
        if let Some(e) = map.get_mut(key) {
            e.0 = e.0.min(loc);
            e.1 += n;
        } else if map.len() < MAX_UNKNOWN_VALUES {
            map.insert(key.to_string(), (loc, n));
            self.seen[which].push(key.to_string());
        } else {
            self.overflow[which] += n;
        }
    }

    /// Appends the values of later lines: the result is what recording them one by
    /// one after these would give.
    pub fn append(&mut self, later: Unknowns) {
        for (which, keys) in later.seen.into_iter().enumerate() {
            let map = if which == 0 {
                &later.causes
            } else {
                &later.platforms
            };
            for key in keys {
                if let Some(&(loc, n)) = map.get(&key) {
                    self.count(which, &key, loc, n);
                }
            }
            self.overflow[which] += later.overflow[which];
        }
    }
}

/// What [`Acc::add`] needs besides the line.
pub struct Ctx<'a> {
    /// The report window.
    pub window: &'a Window,
    /// Config (promise hours, compensation, thresholds).
    pub config: &'a Config,
    /// Is this SKU in stock.csv?
    pub in_stock: &'a (dyn Fn(&str) -> bool + Sync),
}

impl SkuAcc {
    /// Units ordered in the demand window.
    pub fn demand(&self) -> u64 {
        self.daily.iter().map(|(_, n)| n).sum()
    }

    /// The units of every day of a `days`-day window (days without orders are 0).
    pub fn dense_daily(&self, days: usize) -> Vec<u64> {
        let mut out = vec![0; days];
        for &(d, n) in &self.daily {
            if let Some(slot) = out.get_mut(usize::from(d)) {
                *slot += n;
            }
        }
        out
    }
}

impl SkuAcc {
    /// Adds the figures of `other` (the same SKU folded on another thread).
    fn merge(&mut self, other: SkuAcc) {
        self.in_stock = self.in_stock.or(other.in_stock);
        for (day, n) in other.daily {
            match self.daily.iter_mut().find(|(d, _)| *d == day) {
                Some((_, m)) => *m += n,
                None => self.daily.push((day, n)),
            }
        }
        self.backlog += other.backlog;
        self.buyers.extend(other.buyers);
        for (cause, n) in other.delayed_causes {
            match self.delayed_causes.iter_mut().find(|(c, _)| *c == cause) {
                Some((_, m)) => *m += n,
                None => self.delayed_causes.push((cause, n)),
            }
        }
    }
}

impl Acc {
    /// Adds the lines folded into `other` (on another thread). Every figure is a sum,
    /// a union, a minimum or the smallest `at_risk_limit` lines, so the order of the
    /// lines does not matter. (The bounded [`Unknowns`] are merged by the caller, in
    /// file order.)
    pub fn merge(&mut self, other: Acc, at_risk_limit: usize) {
        self.placed += other.placed;
        self.due += other.due;
        self.on_time += other.on_time;
        self.late += other.late;
        self.overdue += other.overdue;
        self.failed += other.failed;
        self.resolved += other.resolved;
        self.due_unknown += other.due_unknown;
        self.delays.extend(other.delays);
        for (cause, n) in other.causes {
            *self.causes.entry(cause).or_default() += n;
        }
        for (platform, (a, b, c)) in other.platforms {
            let e = self.platforms.entry(platform).or_default();
            (e.0, e.1, e.2) = (e.0 + a, e.1 + b, e.2 + c);
        }
        for (i, n) in other.notify.into_iter().enumerate() {
            self.notify[i] += n;
        }
        for (mine, (a, b, c)) in self.trend.iter_mut().zip(other.trend) {
            (mine.0, mine.1, mine.2) = (mine.0 + a, mine.1 + b, mine.2 + c);
        }
        self.prev.merge(other.prev);
        for (key, t) in other.risk_groups {
            self.risk_groups.entry(key).or_default().add(t);
        }
        self.compensation_nano += other.compensation_nano;
        for (sku, acc) in other.skus {
            self.skus.entry(sku).or_default().merge(acc);
        }
        self.risk.extend(other.risk);
        while self.risk.len() > at_risk_limit {
            self.risk.pop();
        }
        self.risk_count += other.risk_count;
        self.used += other.used;
        for (sku, loc) in other.missing_skus {
            let e = self.missing_skus.entry(sku).or_insert(loc);
            *e = (*e).min(loc);
        }
    }

    /// An empty accumulator for `trend_weeks` earlier weeks.
    pub fn new(trend_weeks: usize) -> Self {
        Acc {
            trend: vec![(0, 0, 0); trend_weeks],
            ..Acc::default()
        }
    }

    /// Folds one used line in.
    pub fn add(&mut self, l: OrderLine, loc: Loc, ctx: &Ctx<'_>, clock: &mut Clock) {
        self.used += 1;
        let w = ctx.window;
        if l.ordered_at >= w.start && l.ordered_at < w.end && l.ordered_at < w.as_of {
            self.placed += 1;
        }
        let class = classify(&l, w.as_of);
        if l.promised >= w.start && l.promised < w.end && l.promised < w.as_of {
            if class != Class::BuyerCancelled {
                self.add_due(&l, class, ctx);
            }
        } else if let Some(i) = w.trend_index(l.promised) {
            if class != Class::BuyerCancelled {
                self.trend[i].0 += 1;
                // With its own week end as as_of, an unshipped open line is overdue.
                match classify(&l, i64::MAX) {
                    c if c.is_delayed() => self.trend[i].1 += 1,
                    Class::ShippedUnknown => self.trend[i].2 += 1,
                    _ => {}
                }
                if i + 1 == self.trend.len() {
                    self.prev.add(&l, ctx);
                }
            }
        }
        self.add_stock(l, (class, loc), ctx, clock);
    }

    /// Notes the first line of a SKU that stock.csv does not have.
    fn note_missing(missing: &mut BTreeMap<String, Loc>, sku: &str, loc: Loc) {
        match missing.get_mut(sku) {
            Some(e) => *e = (*e).min(loc),
            None => {
                missing.insert(sku.to_string(), loc);
            }
        }
    }

    fn add_due(&mut self, l: &OrderLine, class: Class, ctx: &Ctx<'_>) {
        self.due += 1;
        let p = self.platforms.entry(l.platform.clone()).or_default();
        p.0 += 1;
        let d = l.promised;
        match class {
            Class::OnTime => {
                self.on_time += 1;
                return;
            }
            Class::Late => {
                self.late += 1;
                let delay = l.shipped_at.unwrap_or(d) - d;
                self.delays.push(delay);
                let limit = ctx.config.report.resolve_within_hours * HOUR_MS as f64;
                if delay as f64 <= limit {
                    self.resolved += 1;
                }
            }
            Class::Overdue => {
                self.overdue += 1;
                self.delays.push(ctx.window.as_of - d);
            }
            Class::Failed => {
                self.failed += 1;
                self.compensation_nano += super::tally::compensation_nano(l, ctx);
            }
            Class::ShippedUnknown => {
                self.due_unknown += 1;
                p.2 += 1;
                return;
            }
            Class::BuyerCancelled | Class::Pending => return,
        }
        p.1 += 1;
        *self.causes.entry(l.cause.clone()).or_default() += 1;
        let sku = self.skus.entry(l.sku.clone()).or_default();
        match sku
            .delayed_causes
            .iter_mut()
            .find(|(c, _)| c.as_str() == l.cause.as_str())
        {
            Some((_, n)) => *n += 1,
            None => sku.delayed_causes.push((l.cause.to_string(), 1)),
        }
        self.add_notification(l, ctx);
    }

    fn add_notification(&mut self, l: &OrderLine, ctx: &Ctx<'_>) {
        super::tally::notification(&mut self.notify, l, ctx);
    }

    fn add_stock(
        &mut self,
        l: OrderLine,
        (class, loc): (Class, Loc),
        ctx: &Ctx<'_>,
        clock: &mut Clock,
    ) {
        let (w, cfg) = (ctx.window, ctx.config);
        let window_days = w.demand_days;
        // A line shipped at a time the export does not give is shipped all the same.
        let open = l.shipped_at.is_none()
            && !l.ship_time_unknown
            && !l.status.is_cancelled()
            && l.ordered_at < w.as_of;
        let sku = self.skus.entry(l.sku.clone()).or_default();
        // Whether stock.csv has the SKU is asked once per SKU, not once per line.
        if !*sku.in_stock.get_or_insert_with(|| (ctx.in_stock)(&l.sku)) {
            Self::note_missing(&mut self.missing_skus, &l.sku, loc);
        }
        if class != Class::BuyerCancelled {
            let day = clock.local_day(l.ordered_at) - w.demand_first_day;
            if (0..window_days as i64).contains(&day) {
                let day = day as u16;
                match sku.daily.iter_mut().find(|(d, _)| *d == day) {
                    Some((_, n)) => *n += u64::from(l.quantity),
                    None => sku.daily.push((day, u64::from(l.quantity))),
                }
            }
        }
        if !open {
            return;
        }
        sku.backlog += u64::from(l.quantity);
        sku.buyers.insert(super::dedupe::key_hash(&l.order_id, ""));
        let horizon = w.as_of + (cfg.report.at_risk_hours * HOUR_MS as f64).round() as i64;
        if l.promised < horizon {
            self.risk_count += 1;
            let tally = self
                .risk_groups
                .entry((l.cause.to_string(), l.sku.to_string()))
                .or_default();
            tally.lines += 1;
            if l.promised < w.as_of {
                tally.overdue += 1;
                tally.overdue_ms += i128::from(w.as_of - l.promised);
            }
            self.risk.push(RiskLine {
                promised: l.promised,
                order_id: l.order_id.into(),
                sku: l.sku.into(),
                platform: l.platform.into(),
                cause: l.cause.into(),
            });
            if self.risk.len() > cfg.report.at_risk_limit {
                self.risk.pop();
            }
        }
    }
}
