//! Frozen copy of `Acc::add` before the fast path: folds an owned order line into the
//! production accumulators.

use super::classify::{Class, classify};
use super::orders::OrderLine;
use crate::config::Config;
use crate::ingest::timestamp::{Clock, HOUR_MS};
use crate::report::accum::{Acc, Ctx, Loc, RiskLine};
use crate::report::window::Window;

/// `Acc::add` as it was.
pub trait Fold {
    /// Folds one used line in.
    fn add(&mut self, l: OrderLine, loc: Loc, ctx: &Ctx<'_>, clock: &mut Clock);
    fn check_refs(&mut self, l: &OrderLine, loc: Loc, ctx: &Ctx<'_>);
    fn add_due(&mut self, l: &OrderLine, class: Class, ctx: &Ctx<'_>);
    fn add_notification(&mut self, l: &OrderLine, ctx: &Ctx<'_>);
    fn add_stock(
        &mut self,
        l: OrderLine,
        class: Class,
        w: &Window,
        cfg: &Config,
        clock: &mut Clock,
    );
}

impl Fold for Acc {
    fn add(&mut self, l: OrderLine, loc: Loc, ctx: &Ctx<'_>, clock: &mut Clock) {
        self.used += 1;
        let w = ctx.window;
        self.check_refs(&l, loc, ctx);
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
                    previous_week(self, &l, ctx);
                }
            }
        }
        self.add_stock(l, class, w, ctx.config, clock);
    }

    fn check_refs(&mut self, l: &OrderLine, loc: Loc, ctx: &Ctx<'_>) {
        // (The frozen bounded maps, written into the fields of the present `Unknowns`.)
        if !l.cause_known {
            self.unknown.record(Some(&l.cause), None, loc);
        }
        if !l.platform_known {
            self.unknown.record(None, Some(&l.platform), loc);
        }
        if !(ctx.in_stock)(&l.sku) {
            let e = self.missing_skus.entry(l.sku.clone()).or_insert(loc);
            *e = (*e).min(loc);
        }
    }

    fn add_due(&mut self, l: &OrderLine, class: Class, ctx: &Ctx<'_>) {
        self.due += 1;
        let p = self
            .platforms
            .entry(l.platform.as_str().into())
            .or_default();
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
                if let Some(amount) = l.amount {
                    let rule = ctx.config.compensation(&l.platform);
                    let c = (rule.rate * amount).min(rule.cap);
                    self.compensation_nano += (c * 1e9).round() as i128;
                }
            }
            Class::ShippedUnknown => {
                self.due_unknown += 1;
                p.2 += 1;
                return;
            }
            Class::BuyerCancelled | Class::Pending => return,
        }
        p.1 += 1;
        *self.causes.entry(l.cause.as_str().into()).or_default() += 1;
        let sku = self.skus.entry(l.sku.as_str().into()).or_default();
        match sku.delayed_causes.iter_mut().find(|(c, _)| *c == l.cause) {
            Some((_, n)) => *n += 1,
            None => sku.delayed_causes.push((l.cause.clone(), 1)),
        }
        self.add_notification(l, ctx);
    }

    fn add_notification(&mut self, l: &OrderLine, ctx: &Ctx<'_>) {
        match l.notified_at {
            None => self.notify[2] += 1,
            Some(n) if n <= l.promised => self.notify[0] += 1,
            Some(_) => self.notify[1] += 1,
        }
        if let Some(det) = l.detected_at {
            self.notify[4] += 1;
            let limit = ctx.config.report.notify_within_hours * HOUR_MS as f64;
            if l.notified_at.is_some_and(|n| ((n - det) as f64) <= limit) {
                self.notify[3] += 1;
            }
        }
    }

    fn add_stock(
        &mut self,
        l: OrderLine,
        class: Class,
        w: &Window,
        cfg: &Config,
        clock: &mut Clock,
    ) {
        let window_days = w.demand_days;
        // A line shipped at a time the export does not give is shipped all the same.
        let open = l.shipped_at.is_none()
            && !l.ship_time_unknown
            && !l.status.is_cancelled()
            && l.ordered_at < w.as_of;
        if !self.skus.contains_key(l.sku.as_str()) {
            self.skus.insert(
                l.sku.as_str().into(),
                crate::report::accum::SkuAcc::default(),
            );
        }
        let Some(sku) = self.skus.get_mut(l.sku.as_str()) else {
            return;
        };
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
        sku.buyers
            .insert(crate::report::dedupe::key_hash(&l.order_id, ""));
        let horizon = w.as_of + (cfg.report.at_risk_hours * HOUR_MS as f64).round() as i64;
        if l.promised < horizon {
            self.risk_count += 1;
            let key = (l.cause.clone(), l.sku.clone());
            let tally = self.risk_groups.entry(key).or_default();
            tally.lines += 1;
            if w.as_of > l.promised {
                tally.overdue += 1;
                tally.overdue_ms += i128::from(w.as_of - l.promised);
            }
            self.risk.push(RiskLine {
                promised: l.promised,
                order_id: l.order_id,
                sku: l.sku,
                platform: l.platform,
                cause: l.cause,
            });
            if self.risk.len() > cfg.report.at_risk_limit {
                self.risk.pop();
            }
        }
    }
}

/// The week before W as of its own end (the start of W): a line shipped after that end
/// was overdue unshipped then, delayed up to that end.
fn previous_week(acc: &mut Acc, l: &OrderLine, ctx: &Ctx<'_>) {
    let end = ctx.window.start;
    let d = l.promised;
    let shipped_by_end = l.shipped_at.filter(|&s| s <= end);
    let class = classify(l, i64::MAX);
    if !class.is_delayed() {
        return;
    }
    let p = &mut acc.prev;
    if class == Class::Failed {
        p.failed += 1;
        if let Some(amount) = l.amount {
            let rule = ctx.config.compensation(&l.platform);
            let c = (rule.rate * amount).min(rule.cap);
            p.compensation_nano += (c * 1e9).round() as i128;
        }
    } else if let Some(s) = shipped_by_end {
        p.delays.push(s - d);
    } else {
        p.overdue += 1;
        p.delays.push(end - d);
    }
    match l.notified_at {
        None => p.notify[2] += 1,
        Some(n) if n <= d => p.notify[0] += 1,
        Some(_) => p.notify[1] += 1,
    }
    if let Some(det) = l.detected_at {
        p.notify[4] += 1;
        let limit = ctx.config.report.notify_within_hours * HOUR_MS as f64;
        if l.notified_at.is_some_and(|n| ((n - det) as f64) <= limit) {
            p.notify[3] += 1;
        }
    }
}
