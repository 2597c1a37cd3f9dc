//! What the report page shows, ready for the template: the priorities with their links,
//! tiles with last week and the target, the action rows (with ids the priorities link
//! to), the at-risk lines grouped by playbook, and every code turned into its name.
//!
//! Sortable cells carry a `data-sort` value (numbers, ISO times) so `js/report.js` sorts
//! by the figure, not by its wording ("已超时134小时").

use serde::Serialize;

use crate::config::targets::Targets;
use crate::report::change::{self, Target};
use crate::report::export::pct;
use crate::report::priorities::{self, Kind};
use crate::report::types::{Action, Report};
use crate::report::wording::{Words, trim_number};

/// One headline tile.
#[derive(Debug, Default, Serialize)]
pub struct Tile {
    /// The i18n key of its label (`report_late_rate` …).
    pub key: String,
    /// Label.
    pub label: String,
    /// The figure, or `—`.
    pub value: String,
    /// A note under the figure (`384 / 1835`, or why it is missing).
    pub note: String,
    /// "比上周 ▲6.0个百分点", empty when the trend has no previous week for it.
    pub wow: String,
    /// "上周14.9%".
    pub wow_title: String,
    /// `up`, `down` or `same`, plus `worse` when it moved the wrong way.
    pub wow_class: String,
    /// "目标 ≤ 4.0%", empty without a target.
    pub target: String,
    /// "未达标" or "达标" (text, not only colour), empty without a target or value.
    pub verdict: String,
    /// True when the figure is on the wrong side of its target.
    pub crossed: bool,
}

/// Adds last week's change and the target to each tile.
pub fn decorate(tiles: &mut [Tile], r: &Report, targets: &Targets, w: &Words<'_>) {
    for tile in tiles.iter_mut() {
        match change::compare(&tile.key, r) {
            None => {}
            Some(change::Comparison::Changed(c)) => {
                tile.wow = w.change(&c, &tile.key);
                tile.wow_title = w.previous(&c, &tile.key);
                let dir = match c.dir {
                    change::Dir::Up => "up",
                    change::Dir::Down => "down",
                    change::Dir::Same => "same",
                };
                tile.wow_class = if c.is_worse() {
                    format!("{dir} worse")
                } else {
                    dir.to_string()
                };
            }
            Some(c) => {
                tile.wow = w.comparison(&c, &tile.key);
                tile.wow_class = "none".to_string();
            }
        }
        let Some(tg) = change::target_of(&tile.key, targets) else {
            continue;
        };
        tile.target = w.target(&tile.key, &tg);
        if let Some(v) = change::value_of(&tile.key, r) {
            tile.crossed = tg.crossed(v);
            tile.verdict = w.t(if tile.crossed {
                "target_crossed"
            } else {
                "target_met"
            });
        }
    }
}

/// One line of "本周先做这几件事".
#[derive(Debug, Serialize)]
pub struct PriorityView {
    /// The sentence (`SKU-002 白色陶瓷马克杯 改预售：179位买家在等，补货日期11月28日`).
    pub text: String,
    /// The row it is about, on this page (`#stock-3`, `#risk-out-of-stock-after-order`).
    pub row: String,
    /// The playbook page, relative to the site root.
    pub playbook_href: String,
    /// "《下单后发现缺货》".
    pub playbook: String,
    /// "买家等待895天" (the score, for the curious).
    pub score: String,
}

/// The link to a playbook page, relative to the site root.
pub fn playbook_href(id: &str, w: &Words<'_>) -> String {
    w.playbook_page(id)
}

/// The priorities, each linked to its row and its playbook (a SKU beyond the `listed`
/// action rows links to the action section, which points to actions.csv).
pub fn priorities(r: &Report, w: &Words<'_>, listed: usize) -> Vec<PriorityView> {
    r.priorities
        .iter()
        .map(|p| {
            let row = match (&p.sku, p.kind) {
                (Some(sku), k) if k != Kind::Cause => action_rows(r)
                    .position(|s| &s.sku == sku)
                    .filter(|&i| i < listed)
                    .map_or_else(|| "#actions".to_string(), |i| format!("#stock-{}", i + 1)),
                _ => format!("#risk-{}", p.playbook),
            };
            PriorityView {
                text: w.priority(p, r),
                row,
                playbook_href: playbook_href(&p.playbook, w),
                playbook: w.playbook_ref(&p.playbook),
                score: w.fill("report_first_score", &[("n", &trim_number(p.score))]),
            }
        })
        .collect()
}

fn action_rows(r: &Report) -> impl Iterator<Item = &crate::report::types::StockRec> {
    r.stock.iter().filter(|s| s.action != Action::Ok)
}

/// One row of the stock action table.
#[derive(Debug, Serialize)]
pub struct ActionView {
    /// `stock-1` …: the id the priorities link to.
    pub id: String,
    /// Action code, for the badge's colour class only.
    pub action: &'static str,
    /// Severity order, to sort by action.
    pub rank: usize,
    /// Action name (改预售 …).
    pub label: String,
    /// SKU.
    pub sku: String,
    /// Product name.
    pub name: String,
    /// Supplier.
    pub supplier: String,
    /// What to do, with its figures.
    pub what: String,
    /// Buyers waiting.
    pub buyers_waiting: u64,
    /// Units to order.
    pub restock_qty: i64,
}

/// The number of stock rows with an action.
pub fn action_count(r: &Report) -> usize {
    action_rows(r).count()
}

/// The first `limit` stock action rows, in the report's order.
pub fn actions(r: &Report, w: &Words<'_>, limit: usize) -> Vec<ActionView> {
    action_rows(r)
        .take(limit)
        .enumerate()
        .map(|(i, s)| ActionView {
            id: format!("stock-{}", i + 1),
            action: s.action.key(),
            rank: s.action as usize,
            label: w.action(s.action),
            sku: s.sku.clone(),
            name: s.name.clone(),
            supplier: s.supplier.clone(),
            what: w.what_to_do(s, &r.as_of),
            buyers_waiting: s.buyers_waiting,
            restock_qty: s.restock_qty,
        })
        .collect()
}

/// One at-risk line.
#[derive(Debug, Serialize)]
pub struct RiskView {
    /// Order number.
    pub order_id: String,
    /// SKU.
    pub sku: String,
    /// Platform name.
    pub platform: String,
    /// Deadline, `11月20日 10:00`.
    pub deadline: String,
    /// Deadline, RFC 3339 (for sorting).
    pub deadline_sort: String,
    /// `已超时62小时` / `还剩10小时`.
    pub hours_left: String,
    /// Hours left as a number (for sorting).
    pub hours_sort: String,
    /// True when past the deadline.
    pub overdue: bool,
    /// Cause name.
    pub cause: String,
}

/// The at-risk lines of one playbook.
#[derive(Debug, Serialize)]
pub struct RiskGroupView {
    /// `risk-<playbook>`: the id the priorities link to.
    pub id: String,
    /// "《下单后发现缺货》" or the triage helper's name.
    pub title: String,
    /// The playbook page, relative to the site root.
    pub href: String,
    /// "120单", or "共230单，列出前50单" when the list is cut inside the group.
    pub count: String,
    /// The lines.
    pub rows: Vec<RiskView>,
}

/// The at-risk lines grouped by playbook, the most urgent group first, each headed by
/// its true size (every at-risk line of the playbook, listed or not).
pub fn risk_groups(r: &Report, w: &Words<'_>) -> Vec<RiskGroupView> {
    priorities::risk_groups(&r.at_risk)
        .into_iter()
        .map(|g| RiskGroupView {
            id: format!("risk-{}", g.playbook),
            title: w.playbook_ref(g.playbook),
            href: playbook_href(g.playbook, w),
            count: w.risk_group_count(&g),
            rows: g
                .rows
                .iter()
                .map(|row| RiskView {
                    order_id: row.order_id.clone(),
                    sku: row.sku.clone(),
                    platform: w.platform(&row.platform),
                    deadline: w.time(&row.promised_ship_by),
                    deadline_sort: row.promised_ship_by.clone(),
                    hours_left: w.hours_left(row.hours_left),
                    hours_sort: format!("{:.2}", row.hours_left),
                    overdue: row.hours_left < 0.0,
                    cause: w.cause(row.delay_cause.as_deref().unwrap_or("")),
                })
                .collect(),
        })
        .collect()
}

/// "按截止时间列出最早的200行，共230行。" when the list is cut, else empty.
pub fn risk_listed(r: &Report, w: &Words<'_>) -> String {
    let shown = r.at_risk.rows.len() as u64;
    if shown >= r.at_risk.count {
        return String::new();
    }
    w.fill(
        "report_risk_listed",
        &[
            ("shown", &shown.to_string()),
            ("count", &r.at_risk.count.to_string()),
        ],
    )
}

/// One row of the "SKUs with most delays" table: SKU, name, delayed, top cause name.
pub fn skus(r: &Report, w: &Words<'_>) -> Vec<(String, String, u64, String)> {
    r.skus
        .iter()
        .map(|s| {
            (
                s.sku.clone(),
                s.name.clone(),
                s.delayed,
                w.cause(&s.top_cause),
            )
        })
        .collect()
}

/// One platform row: name, due, delayed, late rate, target, crossed.
#[derive(Debug, Serialize)]
pub struct PlatformView {
    /// Platform name.
    pub name: String,
    /// Due lines.
    pub due: u64,
    /// Delayed lines, or `—`.
    pub delayed: String,
    /// Late rate, or `—`.
    pub late_rate: String,
    /// "目标 ≤ 4.0%", empty without one.
    pub target: String,
    /// True when the late rate is over the target.
    pub crossed: bool,
}

/// The platform rows with their names and targets.
pub fn platforms(r: &Report, targets: &Targets, w: &Words<'_>) -> Vec<PlatformView> {
    r.platforms
        .iter()
        .map(|p| {
            let tg = Target::at_most(targets.platform(&p.platform));
            PlatformView {
                name: w.platform(&p.platform),
                due: p.due,
                delayed: p.delayed.map_or_else(|| "—".into(), |d| d.to_string()),
                late_rate: p.late_rate.map_or_else(|| "—".into(), pct),
                target: tg.map_or_else(String::new, |tg| w.target("report_late_rate", &tg)),
                crossed: tg.zip(p.late_rate).is_some_and(|(tg, v)| tg.crossed(v)),
            }
        })
        .collect()
}

/// A piece of a problem message: text, or a `code` (between backticks in the message).
#[derive(Debug, Serialize)]
pub struct Part {
    /// True for a code, shown in `<code>`.
    pub code: bool,
    /// The text.
    pub text: String,
}

/// One data-quality problem for the table.
#[derive(Debug, Serialize)]
pub struct ProblemView {
    /// File as shown.
    pub file: String,
    /// Line.
    pub line: usize,
    /// Column.
    pub column: String,
    /// The message, its `codes` marked.
    pub message: Vec<Part>,
}

/// The data-quality problems, with the values they quote shown as code.
pub fn problems(r: &Report) -> Vec<ProblemView> {
    r.data_quality
        .problems
        .iter()
        .map(|p| ProblemView {
            file: p.file.clone(),
            line: p.line,
            column: p.column.clone(),
            message: split_codes(&p.message),
        })
        .collect()
}

/// "unknown cause `x` …" → text, code `x`, text. An unpaired backtick stays text.
fn split_codes(message: &str) -> Vec<Part> {
    let pieces: Vec<&str> = message.split('`').collect();
    let paired = pieces.len() % 2 == 1;
    let mut parts = Vec::new();
    for (i, piece) in pieces.iter().enumerate() {
        let code = paired && i % 2 == 1;
        if piece.is_empty() && !code {
            continue;
        }
        let text = if paired {
            (*piece).to_string()
        } else {
            message.to_string()
        };
        parts.push(Part { code, text });
        if !paired {
            break;
        }
    }
    parts
}
