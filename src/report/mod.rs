//! Stage 5: the weekly delay report, computed from the streamed CSV data.
//!
//! `report-metrics.md` is the oracle: [`compute`] reads stock.csv, makes two streaming
//! passes over the order files (see [`scan`]), folds every used line into
//! per-key accumulators ([`accum`]) and turns them into a [`Report`].

pub mod accum;
pub mod classify;
pub mod dedupe;
pub mod export;
pub mod quality;
pub mod scan;
pub mod stats;
pub mod stock;
pub mod types;
pub mod window;

use std::collections::{BTreeMap, HashSet};

use crate::config::Config;
use crate::ingest::timestamp::{Clock, HOUR_MS};
use crate::ingest::{IngestError, Problem};
use crate::validate::Content;
use accum::{Acc, Ctx};
use quality::Problems;
use scan::{Reading, Source};
use types::*;
use window::Window;

pub use types::Report;

/// Why no report could be computed.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// A file could not be read.
    #[error(transparent)]
    Ingest(#[from] IngestError),
    /// `--week` is not an ISO week.
    #[error("`{0}` is not an ISO week; write it like 2026-W47")]
    BadWeek(String),
    /// `--as-of` is not a timestamp.
    #[error("`{0}` is not a timestamp; write it like \"2026-11-19 18:00\"")]
    BadAsOf(String),
    /// No order line to take the default week from.
    #[error("there are no order lines to report on; pass --week to build an empty report")]
    NoData,
}

/// Everything [`compute`] needs.
pub struct Request<'a> {
    /// Project config.
    pub config: &'a Config,
    /// Validated content (the cause catalogue).
    pub content: &'a Content,
    /// Order files, in reading order.
    pub orders: Vec<Source>,
    /// stock.csv.
    pub stock: Source,
    /// `--week`.
    pub week: Option<String>,
    /// `--as-of`.
    pub as_of: Option<String>,
    /// Progress bar to advance while reading (bytes), if shown.
    pub bar: Option<indicatif::ProgressBar>,
}

/// Reads the data and computes the report.
pub fn compute(req: &Request<'_>) -> Result<Report, ReportError> {
    let config = req.config;
    let mut clock = Clock::new(config.tz(), &config.timestamp_formats);
    let stock =
        crate::ingest::stock::read(&req.stock.path, req.stock.shown.clone(), config, &mut clock)?;
    let statuses = crate::ingest::orders::status_map(config);
    let reading = Reading {
        config,
        statuses: &statuses,
        bar: req.bar.clone(),
    };
    let (filter, window) = first_pass(req, &reading, &mut clock)?;
    let mut problems = Problems::new(config.report.problems_limit);
    for p in &stock.problems {
        problems.push(p.clone());
    }
    let mut acc = Acc::new(window.trend_weeks.len());
    // Hash sets, so the per-row checks neither allocate nor walk a tree.
    let cause_ids: HashSet<&str> = req.content.causes.iter().map(|c| c.id.as_str()).collect();
    let stock_skus: HashSet<&str> = stock.rows.keys().map(String::as_str).collect();
    let known = |c: &str| cause_ids.contains(c);
    let in_stock = |s: &str| stock_skus.contains(s);
    let ctx = Ctx {
        window: &window,
        config,
        known_cause: &known,
        in_stock: &in_stock,
    };
    let counts = scan::pass2(
        &req.orders,
        &reading,
        &filter,
        &mut acc,
        &ctx,
        &mut clock,
        &mut problems,
    )?;
    let refs = Refs {
        files: &req.orders,
        columns: &counts.columns,
        stock: &req.stock,
        content: req.content,
    };
    reference_problems(&acc, &refs, &mut problems);
    let stock_rows = stock::recommendations(&stock.rows, &acc.skus, &window, config, &mut clock);
    let data_quality = data_quality(&stock, &counts, problems);
    Ok(assemble(
        acc,
        &window,
        &stock.rows,
        stock_rows,
        data_quality,
        req,
        &mut clock,
    ))
}

/// Pass 1, then the week and `as_of` (the default week needs pass 1's result).
fn first_pass(
    req: &Request<'_>,
    reading: &Reading<'_>,
    clock: &mut Clock,
) -> Result<(dedupe::DupFilter, Window), ReportError> {
    let p1 = scan::pass1(&req.orders, reading, clock, req.week.is_none())?;
    let mut filter = p1.filter;
    filter.drop_bits();
    let window = window::resolve(
        req.week.as_deref(),
        req.as_of.as_deref(),
        p1.max_ordered,
        req.config,
        clock,
    )?;
    Ok((filter, window))
}

/// §8 counts over both files, and the problem list.
fn data_quality(
    stock: &crate::ingest::stock::StockData,
    counts: &scan::Counts,
    problems: Problems,
) -> DataQuality {
    let (list, total) = problems.finish();
    DataQuality {
        rows_read: stock.rows_read + counts.read,
        rows_used: stock.rows_read - stock.rows_skipped + counts.read - counts.skipped,
        rows_skipped: stock.rows_skipped + counts.skipped,
        blank_rows: stock.blank_rows + counts.blank,
        problems: list,
        problem_count: total,
        order_rows_read: counts.read,
        order_rows_used: counts.read - counts.skipped,
        stock_skus: stock.rows.len() as u64,
    }
}

/// What [`reference_problems`] needs to place its problems.
struct Refs<'a> {
    files: &'a [Source],
    columns: &'a [[(String, usize); 2]],
    stock: &'a Source,
    content: &'a Content,
}

/// One problem per unknown cause code and per SKU missing from stock.csv, at its
/// first used line.
fn reference_problems(acc: &Acc, refs: &Refs<'_>, problems: &mut Problems) {
    let (files, stock, content) = (refs.files, refs.stock, refs.content);
    let cause_ids = || content.causes.iter().map(|c| c.id.as_str());
    for (code, ((fi, line), n)) in &acc.unknown_causes {
        let hint = crate::diag::did_you_mean(code, cause_ids())
            .map(|h| format!(" ({h})"))
            .unwrap_or_default();
        problems.push(Problem {
            file: files[*fi].shown.clone(),
            line: *line,
            column: refs.columns[*fi][1].0.clone(),
            field: refs.columns[*fi][1].1,
            message: format!(
                "unknown cause code `{code}` on {n} line{}{hint}: not in the causes catalogue; counted under its own code, at-risk lines go to triage",
                if *n == 1 { "" } else { "s" }
            ),
        });
    }
    for (sku, (fi, line)) in &acc.missing_skus {
        problems.push(Problem {
            file: files[*fi].shown.clone(),
            line: *line,
            column: refs.columns[*fi][0].0.clone(),
            field: refs.columns[*fi][0].1,
            message: format!(
                "SKU `{sku}` is not in {}; its stock is taken as 0",
                stock.shown
            ),
        });
    }
}

fn assemble(
    acc: Acc,
    window: &Window,
    stock: &BTreeMap<String, crate::ingest::stock::StockRow>,
    stock_rows: Vec<StockRec>,
    data_quality: DataQuality,
    req: &Request<'_>,
    clock: &mut Clock,
) -> Report {
    let totals = totals(&acc);
    let mut delays = acc.delays.clone();
    delays.sort_unstable();
    let hours = |ms: Option<i64>| ms.map(|v| v as f64 / HOUR_MS as f64);
    let delay_hours = DelayHours {
        p50: hours(stats::nearest_rank(&delays, 50)),
        p90: hours(stats::nearest_rank(&delays, 90)),
        max: hours(delays.last().copied()),
    };
    let mut trend: Vec<TrendRow> = window
        .trend_weeks
        .iter()
        .zip(&acc.trend)
        .map(|(w, &(due, delayed))| TrendRow {
            week: w.to_string(),
            due,
            delayed,
            late_rate: rate(delayed, due),
        })
        .collect();
    trend.push(TrendRow {
        week: window.week.to_string(),
        due: totals.due,
        delayed: totals.delayed,
        late_rate: totals.late_rate,
    });
    Report {
        week: window.week.to_string(),
        as_of: clock.rfc3339(window.as_of),
        timezone: req.config.timezone.clone(),
        causes: causes(&acc, totals.delayed, req.content),
        platforms: platforms(&acc),
        skus: top_skus(&acc, stock, req.config.report.top_skus),
        notification: Notification {
            proactive: acc.notify[0],
            after_deadline: acc.notify[1],
            none: acc.notify[2],
            within_2h: acc.notify[3],
            with_detected_at: acc.notify[4],
        },
        trend,
        compensation_estimate: stats::round2(acc.compensation_nano as f64 / 1e9),
        stock: stock_rows,
        at_risk: at_risk(&acc, window, req.content, clock),
        data_quality,
        delay_values: delays.iter().map(|&v| v as f64 / HOUR_MS as f64).collect(),
        totals,
        delay_hours,
    }
}

fn totals(acc: &Acc) -> Totals {
    let delayed = acc.late + acc.overdue + acc.failed;
    Totals {
        orders_placed: acc.placed,
        due: acc.due,
        on_time: acc.on_time,
        shipped_late: acc.late,
        overdue_unshipped: acc.overdue,
        failed_cancelled: acc.failed,
        delayed,
        late_rate: rate(delayed, acc.due),
        resolved_within_72h: acc.resolved,
    }
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
                    .map_or_else(|| cause.clone(), |c| c.name.clone())
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
        .filter(|(_, (due, _))| *due > 0)
        .map(|(p, &(due, delayed))| PlatformRow {
            platform: p.clone(),
            due,
            delayed,
            late_rate: rate(delayed, due),
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
            for (cause, &n) in &s.delayed_causes {
                let code = code_of(cause);
                if best.is_none_or(|(bc, bn)| n > bn || (n == bn && code < bc)) {
                    best = Some((code, n));
                }
            }
            SkuRow {
                sku: sku.clone(),
                name: stock.get(sku).map_or_else(String::new, |r| r.name.clone()),
                delayed: s.delayed_causes.values().sum(),
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
    AtRisk {
        count: acc.risk_count,
        rows,
    }
}
