//! Turning the accumulators into the [`Report`]: totals, breakdowns and the trend, with
//! `null` wherever the input cannot say (`report-metrics.md` §10 "Absent is not zero").

use std::collections::BTreeMap;

use super::accum::{self, Acc};
use super::stats;
use super::types::*;
use super::window::Window;
use crate::ingest::orders::col;
use crate::ingest::timestamp::{Clock, HOUR_MS};
use crate::validate::Content;

/// What [`assemble`] needs besides the accumulators.
pub struct Parts<'a> {
    /// The report window.
    pub window: &'a Window,
    /// Rows of stock.csv.
    pub stock: &'a BTreeMap<String, crate::ingest::stock::StockRow>,
    /// The stock table.
    pub stock_rows: Vec<StockRec>,
    /// Rows and problems.
    pub data_quality: DataQuality,
    /// Project config.
    pub config: &'a crate::config::Config,
    /// The cause catalogue.
    pub content: &'a Content,
    /// Watched columns absent from every order file.
    pub absent: &'a [usize],
}

/// The report.
pub fn assemble(mut acc: Acc, parts: Parts<'_>, clock: &mut Clock) -> Report {
    let window = parts.window;
    let absent = |c: usize| parts.absent.contains(&c);
    let totals = totals(&acc);
    let previous_week = previous_week(&mut acc, window, parts.absent);
    let known = acc.due_unknown == 0;
    let mut delays = acc.delays.clone();
    delays.sort_unstable();
    let hours = |ms: Option<i64>| ms.filter(|_| known).map(|v| v as f64 / HOUR_MS as f64);
    let delay_hours = DelayHours {
        p50: hours(stats::nearest_rank(&delays, 50)),
        p90: hours(stats::nearest_rank(&delays, 90)),
        max: hours(delays.last().copied()),
    };
    Report {
        week: window.week.to_string(),
        as_of: clock.rfc3339(window.as_of),
        timezone: parts.config.timezone.clone(),
        causes: causes(&acc, acc.late + acc.overdue + acc.failed, parts.content),
        platforms: platforms(&acc),
        skus: top_skus(&acc, parts.stock, parts.config.report.top_skus),
        notification: (!absent(col::NOTIFIED_AT))
            .then(|| notification(&acc, absent(col::DETECTED_AT))),
        trend: trend(&acc, window, &totals),
        compensation_estimate: (!absent(col::AMOUNT))
            .then(|| stats::round2(acc.compensation_nano as f64 / 1e9)),
        stock: parts.stock_rows,
        at_risk: at_risk(&acc, window, parts.content, clock),
        data_quality: parts.data_quality,
        priorities: Vec::new(),
        previous_week,
        delay_values: if known {
            delays.iter().map(|&v| v as f64 / HOUR_MS as f64).collect()
        } else {
            Vec::new()
        },
        absent: parts
            .absent
            .iter()
            .map(|&c| crate::ingest::plan::Plan::column_name(c))
            .collect(),
        week_note: String::new(),
        inputs: Vec::new(),
        totals,
        delay_hours,
    }
}

fn notification(acc: &Acc, no_detected: bool) -> Notification {
    Notification {
        proactive: acc.notify[0],
        after_deadline: acc.notify[1],
        none: acc.notify[2],
        within_2h: (!no_detected).then_some(acc.notify[3]),
        with_detected_at: (!no_detected).then_some(acc.notify[4]),
    }
}

/// §4; the figures that need ship times are null when some due lines have none.
fn totals(acc: &Acc) -> Totals {
    let known = acc.due_unknown == 0;
    let delayed = acc.late + acc.overdue + acc.failed;
    let if_known = |v: u64| known.then_some(v);
    Totals {
        orders_placed: acc.placed,
        due: acc.due,
        on_time: if_known(acc.on_time),
        shipped_late: if_known(acc.late),
        overdue_unshipped: acc.overdue,
        failed_cancelled: acc.failed,
        delayed: if_known(delayed),
        late_rate: known.then(|| rate(delayed, acc.due)),
        resolved_within_72h: if_known(acc.resolved),
        shipped_time_unknown: acc.due_unknown,
    }
}

/// §5 trend: a week with nothing due has a null late rate (a gap, not 0 %).
fn trend(acc: &Acc, window: &Window, totals: &Totals) -> Vec<TrendRow> {
    let mut rows: Vec<TrendRow> = window
        .trend_weeks
        .iter()
        .zip(&acc.trend)
        .map(|(w, &(due, delayed, unknown))| {
            let delayed = (unknown == 0).then_some(delayed);
            TrendRow {
                week: w.to_string(),
                due,
                delayed,
                late_rate: rate_or_null(delayed, due),
            }
        })
        .collect();
    rows.push(TrendRow {
        week: window.week.to_string(),
        due: totals.due,
        delayed: totals.delayed,
        late_rate: rate_or_null(totals.delayed, totals.due),
    });
    rows
}

/// The code shown for a cause value: `unattributed` for empty.
fn code_of(cause: &str) -> &str {
    if cause.is_empty() {
        "unattributed"
    } else {
        cause
    }
}

fn causes(acc: &Acc, delayed: u64, content: &Content) -> Vec<CauseRow> {
    let mut rows: Vec<CauseRow> = acc
        .causes
        .iter()
        .map(|(cause, &count)| CauseRow {
            code: code_of(cause).to_string(),
            name: if cause.is_empty() {
                "未标注".to_string()
            } else {
                content
                    .cause(cause)
                    .map_or_else(|| cause.to_string(), |c| c.name.clone())
            },
            count,
            share: rate(count, delayed),
        })
        .collect();
    rows.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.code.cmp(&b.code)));
    rows
}

fn platforms(acc: &Acc) -> Vec<PlatformRow> {
    acc.platforms
        .iter()
        .filter(|(_, (due, _, _))| *due > 0)
        .map(|(p, &(due, delayed, unknown))| {
            let delayed = (unknown == 0).then_some(delayed);
            PlatformRow {
                platform: p.to_string(),
                due,
                delayed,
                late_rate: rate_or_null(delayed, due),
            }
        })
        .collect()
}

fn top_skus(
    acc: &Acc,
    stock: &BTreeMap<String, crate::ingest::stock::StockRow>,
    limit: usize,
) -> Vec<SkuRow> {
    let mut rows: Vec<SkuRow> = acc
        .skus
        .iter()
        .filter(|(_, s)| !s.delayed_causes.is_empty())
        .map(|(sku, s)| {
            let mut best: Option<(&str, u64)> = None;
            for (cause, n) in &s.delayed_causes {
                let n = *n;
                let code = code_of(cause);
                if best.is_none_or(|(bc, bn)| n > bn || (n == bn && code < bc)) {
                    best = Some((code, n));
                }
            }
            SkuRow {
                sku: sku.to_string(),
                name: stock
                    .get(sku.as_str())
                    .map_or_else(String::new, |r| r.name.clone()),
                delayed: s.delayed_causes.iter().map(|(_, n)| n).sum(),
                top_cause: best.map_or_else(String::new, |(c, _)| c.to_string()),
            }
        })
        .collect();
    rows.sort_by(|a, b| b.delayed.cmp(&a.delayed).then_with(|| a.sku.cmp(&b.sku)));
    rows.truncate(limit);
    rows
}

fn at_risk(acc: &Acc, window: &Window, content: &Content, clock: &mut Clock) -> AtRisk {
    let mut lines: Vec<&accum::RiskLine> = acc.risk.iter().collect();
    lines.sort();
    let rows = lines
        .into_iter()
        .map(|l| AtRiskRow {
            order_id: l.order_id.clone(),
            sku: l.sku.clone(),
            platform: l.platform.clone(),
            promised_ship_by: clock.rfc3339(l.promised),
            hours_left: (l.promised - window.as_of) as f64 / HOUR_MS as f64,
            delay_cause: (!l.cause.is_empty()).then(|| l.cause.clone()),
            playbook: content
                .playbook_for_cause(&l.cause)
                .unwrap_or("triage")
                .to_string(),
        })
        .collect();
    let tallies: Vec<RiskCauseSku> = acc
        .risk_groups
        .iter()
        .map(|((cause, sku), t)| RiskCauseSku {
            cause: cause.clone(),
            sku: sku.clone(),
            playbook: content
                .playbook_for_cause(cause)
                .unwrap_or("triage")
                .to_string(),
            lines: t.lines,
            overdue: t.overdue,
            overdue_ms: t.overdue_ms,
        })
        .collect();
    let mut by_playbook: BTreeMap<&str, (u64, u64)> = BTreeMap::new();
    for t in &tallies {
        let e = by_playbook.entry(t.playbook.as_str()).or_default();
        (e.0, e.1) = (e.0 + t.lines, e.1 + t.overdue);
    }
    let mut playbooks: Vec<PlaybookCount> = by_playbook
        .into_iter()
        .map(|(p, (count, overdue))| PlaybookCount {
            playbook: p.to_string(),
            count,
            overdue,
        })
        .collect();
    playbooks.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| a.playbook.cmp(&b.playbook))
    });
    AtRisk {
        count: acc.risk_count,
        rows,
        playbooks,
        tallies,
    }
}

/// The week before W as of its own end (the last trend row, with the figures of the
/// other tiles); none when the trend has no earlier week. Nulls as in this week's
/// figures: ship times unknown, absent columns.
fn previous_week(acc: &mut Acc, window: &Window, absent: &[usize]) -> Option<PreviousWeek> {
    let week = window.trend_weeks.last()?;
    let &(due, delayed, unknown) = acc.trend.last()?;
    let mut delays = std::mem::take(&mut acc.prev.delays);
    delays.sort_unstable();
    let p = &acc.prev;
    let known = unknown == 0;
    let hours = |ms: Option<i64>| ms.filter(|_| known).map(|v| v as f64 / HOUR_MS as f64);
    let delayed = known.then_some(delayed);
    let no_detected = absent.contains(&col::DETECTED_AT);
    Some(PreviousWeek {
        week: week.to_string(),
        due,
        shipped_late: delayed.map(|d| d.saturating_sub(p.overdue + p.failed)),
        overdue_unshipped: p.overdue,
        failed_cancelled: p.failed,
        delayed,
        late_rate: rate_or_null(delayed, due),
        delay_hours: DelayHours {
            p50: hours(stats::nearest_rank(&delays, 50)),
            p90: hours(stats::nearest_rank(&delays, 90)),
            max: hours(delays.last().copied()),
        },
        notification: (!absent.contains(&col::NOTIFIED_AT)).then(|| Notification {
            proactive: p.notify[0],
            after_deadline: p.notify[1],
            none: p.notify[2],
            within_2h: (!no_detected).then_some(p.notify[3]),
            with_detected_at: (!no_detected).then_some(p.notify[4]),
        }),
        compensation_estimate: (!absent.contains(&col::AMOUNT))
            .then(|| stats::round2(p.compensation_nano as f64 / 1e9)),
    })
}
