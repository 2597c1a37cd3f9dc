//! `report.md`: the report as Markdown, to paste into a chat or a wiki. It reads like
//! the page: what to do first, the headline figures with last week and the targets,
//! causes, stock actions, at-risk lines by playbook, platforms, the trend and the data
//! quality — names, dates and money as people write them, never codes.

use std::fmt::Write as _;

use super::change::{self, Target};
use super::export::{Gap, count_or, gap_text, hours, or_gap, pct, within_2h};
use super::types::{Action, Report};
use super::wording::Words;
use crate::config::targets::Targets;

/// `report.md` in the site's language.
pub fn render(r: &Report, w: &Words<'_>, targets: &Targets) -> String {
    let t = w.lookup();
    let mut md = String::new();
    let _ = writeln!(md, "# {} · {}\n", t("report_title"), w.week(&r.week));
    let _ = writeln!(
        md,
        "{}{}{}{}{}{}\n",
        t("report_as_of"),
        t("colon"),
        w.time(&r.as_of),
        t("report_paren_open"),
        r.timezone,
        t("report_paren_close")
    );
    priorities(&mut md, r, w);
    headline(&mut md, r, w, targets);
    causes(&mut md, r, w);
    actions(&mut md, r, w);
    at_risk(&mut md, r, w);
    platforms(&mut md, r, w, targets);
    trend(&mut md, r, w);
    let dq = &r.data_quality;
    let colon = t("colon");
    let _ = writeln!(
        md,
        "\n## {}\n\n{}{colon}{} · {}{colon}{} · {}{colon}{} · {}{colon}{}",
        t("report_data_quality"),
        t("report_rows_read"),
        dq.rows_read,
        t("report_rows_used"),
        dq.rows_used,
        t("report_rows_skipped"),
        dq.rows_skipped,
        t("report_blank_rows"),
        dq.blank_rows
    );
    md
}

/// Escapes `|`, line breaks and inline markup so a value stays plain text in its
/// Markdown table cell.
fn cell(s: &str) -> String {
    text(s).replace('|', "\\|")
}

/// Escapes Markdown's inline markup characters in text from the data.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '*' | '_' | '[' | ']' | '`' | '<' | '>' | '#') {
            out.push('\\');
        }
        out.push(if c == '\n' || c == '\r' { ' ' } else { c });
    }
    out
}

/// The page of a playbook, relative to `reports/<week>/report.md`.
fn playbook_href(id: &str, w: &Words<'_>) -> String {
    format!("../../{}", w.playbook_page(id))
}

fn priorities(md: &mut String, r: &Report, w: &Words<'_>) {
    let _ = writeln!(md, "## {}\n", w.t("report_first"));
    if r.priorities.is_empty() {
        let _ = writeln!(md, "{}\n", w.t("report_first_none"));
        return;
    }
    for (i, p) in r.priorities.iter().enumerate() {
        let title = w.playbook_ref(&p.playbook);
        let _ = writeln!(
            md,
            "{}. {} → [{}]({})",
            i + 1,
            text(&w.priority(p, r)),
            text(&title),
            playbook_href(&p.playbook, w)
        );
    }
    let _ = writeln!(md, "\n> {}\n", w.t("report_first_rule"));
}

/// The headline rows: (i18n key, value), `—` with the reason where the export cannot say.
fn headline_rows(r: &Report, w: &Words<'_>) -> Vec<(&'static str, String)> {
    let t = w.lookup();
    let tt = &r.totals;
    let ship = Gap::ShipTime;
    let ship_hours = |x: Option<f64>| match Gap::ship(r) {
        Some(g) => or_gap(None::<f64>, g, |_| String::new(), t),
        None => hours(x),
    };
    let n = r.notification.as_ref();
    vec![
        ("report_orders_placed", tt.orders_placed.to_string()),
        ("report_due", tt.due.to_string()),
        ("report_on_time", count_or(tt.on_time, ship, t)),
        ("report_shipped_late", count_or(tt.shipped_late, ship, t)),
        ("report_overdue_unshipped", tt.overdue_unshipped.to_string()),
        ("report_failed_cancelled", tt.failed_cancelled.to_string()),
        ("report_delayed", count_or(tt.delayed, ship, t)),
        ("report_late_rate", or_gap(tt.late_rate, ship, pct, t)),
        (
            "report_resolved_72h",
            count_or(tt.resolved_within_72h, ship, t),
        ),
        ("report_p50", ship_hours(r.delay_hours.p50)),
        ("report_p90", ship_hours(r.delay_hours.p90)),
        ("report_max", ship_hours(r.delay_hours.max)),
        (
            "report_compensation",
            or_gap(r.compensation_estimate, Gap::Amount, |c| w.money(c), t),
        ),
        ("report_proactive", proactive(r, w)),
        (
            "report_notified_none",
            count_or(n.map(|n| n.none), Gap::Notified, t),
        ),
        (
            "report_within_2h",
            with_rate("report_within_2h", within_2h(r, t), r, w),
        ),
    ]
}

/// "61.5%（236 / 384）": the share of delayed lines told by the deadline.
fn proactive(r: &Report, w: &Words<'_>) -> String {
    let t = w.lookup();
    match (r.notification.as_ref(), r.totals.delayed) {
        (None, _) => count_or(None, Gap::Notified, t),
        (Some(_), None) => count_or(None, Gap::ShipTime, t),
        (Some(n), Some(d)) => with_rate("report_proactive", format!("{} / {d}", n.proactive), r, w),
    }
}

/// "58.7%（186 / 317）" when the rate is known, else the counts (or the gap) as given.
fn with_rate(key: &str, counts: String, r: &Report, w: &Words<'_>) -> String {
    match change::value_of(key, r) {
        Some(v) => format!(
            "{}{}{counts}{}",
            pct(v),
            w.t("report_paren_open"),
            w.t("report_paren_close")
        ),
        None => counts,
    }
}

/// The headline table with last week and the targets.
fn headline(md: &mut String, r: &Report, w: &Words<'_>, targets: &Targets) {
    let _ = writeln!(
        md,
        "## {}\n\n| {} | {} | {} | {} |\n|---|---:|---|---|",
        w.t("report_headline"),
        w.t("report_figure"),
        w.t("report_value"),
        w.t("report_previous"),
        w.t("report_platform_target")
    );
    for (k, v) in headline_rows(r, w) {
        let change = change::compare(k, r)
            .map(|c| w.comparison(&c, k))
            .unwrap_or_default();
        let target = change::target_of(k, targets)
            .map(|tg| target_cell(k, &tg, r, w))
            .unwrap_or_default();
        let _ = writeln!(md, "| {} | {} | {} | {} |", w.t(k), v, change, target);
    }
}

/// "目标 ≤ 4.0%（未达标）".
fn target_cell(key: &str, tg: &Target, r: &Report, w: &Words<'_>) -> String {
    let verdict = match change::value_of(key, r) {
        Some(v) if tg.crossed(v) => "target_crossed",
        Some(_) => "target_met",
        None => return w.target(key, tg),
    };
    format!(
        "{}{}{}{}",
        w.target(key, tg),
        w.t("report_paren_open"),
        w.t(verdict),
        w.t("report_paren_close")
    )
}

fn causes(md: &mut String, r: &Report, w: &Words<'_>) {
    let _ = writeln!(
        md,
        "\n## {}\n\n| {} | {} | {} |\n|---|---:|---:|",
        w.t("report_causes"),
        w.t("report_cause"),
        w.t("report_count"),
        w.t("report_share")
    );
    for c in &r.causes {
        let _ = writeln!(
            md,
            "| {} | {} | {} |",
            cell(&w.cause(&c.code)),
            c.count,
            pct(c.share)
        );
    }
    if r.absent.contains(&"delay_cause") {
        let _ = writeln!(md, "\n{}", w.t("report_missing_delay_cause"));
    }
}

fn actions(md: &mut String, r: &Report, w: &Words<'_>) {
    let _ = writeln!(
        md,
        "\n## {}\n\n| {} | {} | {} | {} |\n|---|---|---|---:|",
        w.t("report_actions"),
        w.t("report_action"),
        w.t("report_item"),
        w.t("report_what_to_do"),
        w.t("report_buyers_waiting")
    );
    let listed = crate::render::report_page::PAGE_ACTIONS;
    let total = r.stock.iter().filter(|s| s.action != Action::Ok).count();
    for s in r
        .stock
        .iter()
        .filter(|s| s.action != Action::Ok)
        .take(listed)
    {
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} |",
            w.action(s.action),
            cell(&Words::item(&s.sku, &s.name)),
            cell(&w.what_to_do(s, &r.as_of)),
            s.buyers_waiting
        );
    }
    if total > listed {
        let more = w.fill(
            "report_actions_more",
            &[("n", &(total - listed).to_string())],
        );
        let _ = writeln!(md, "\n{more} actions.csv");
    }
}

/// The at-risk lines by playbook: how many, and the most overdue.
fn at_risk(md: &mut String, r: &Report, w: &Words<'_>) {
    let _ = writeln!(
        md,
        "\n## {}{}{}{}\n",
        w.t("report_at_risk"),
        w.t("report_paren_open"),
        r.at_risk.count,
        w.t("report_paren_close")
    );
    if r.at_risk.rows.is_empty() {
        return;
    }
    let cut = (r.at_risk.rows.len() as u64) < r.at_risk.count;
    if cut {
        let _ = writeln!(
            md,
            "{}\n",
            w.fill(
                "report_risk_listed",
                &[
                    ("shown", &r.at_risk.rows.len().to_string()),
                    ("count", &r.at_risk.count.to_string())
                ]
            )
        );
    }
    for g in super::priorities::risk_groups(&r.at_risk) {
        let title = w.playbook_ref(g.playbook);
        let most_overdue = g.rows.first().map_or_else(String::new, |x| {
            format!(
                "{}{}{}",
                w.t("report_paren_open"),
                w.hours_left(x.hours_left),
                w.t("report_paren_close")
            )
        });
        let _ = writeln!(
            md,
            "- [{}]({}){}{}{most_overdue}",
            text(&title),
            playbook_href(g.playbook, w),
            w.t("colon"),
            w.risk_group_count(&g),
        );
    }
}

fn platforms(md: &mut String, r: &Report, w: &Words<'_>, targets: &Targets) {
    let _ = writeln!(
        md,
        "\n## {}\n\n| {} | {} | {} | {} | {} |\n|---|---:|---:|---:|---|",
        w.t("report_platforms"),
        w.t("report_platform"),
        w.t("report_due"),
        w.t("report_delayed"),
        w.t("report_late_rate"),
        w.t("report_platform_target")
    );
    for p in &r.platforms {
        let tg = Target::at_most(targets.platform(&p.platform));
        let target = match (tg, p.late_rate) {
            (Some(tg), Some(v)) => {
                let verdict = if tg.crossed(v) {
                    "target_crossed"
                } else {
                    "target_met"
                };
                format!(
                    "{}{}{}{}",
                    w.target("report_late_rate", &tg),
                    w.t("report_paren_open"),
                    w.t(verdict),
                    w.t("report_paren_close")
                )
            }
            (Some(tg), None) => w.target("report_late_rate", &tg),
            (None, _) => String::new(),
        };
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} |",
            cell(&w.platform(&p.platform)),
            p.due,
            p.delayed.map_or_else(|| "—".to_string(), |d| d.to_string()),
            p.late_rate.map_or_else(|| "—".to_string(), pct),
            target
        );
    }
}

fn trend(md: &mut String, r: &Report, w: &Words<'_>) {
    let t = w.lookup();
    let _ = writeln!(
        md,
        "\n## {}\n\n| {} | {} | {} | {} |\n|---|---:|---:|---:|",
        t("report_trend"),
        t("report_week"),
        t("report_due"),
        t("report_delayed"),
        t("report_late_rate")
    );
    for row in &r.trend {
        let delayed = row
            .delayed
            .map_or_else(|| "—".to_string(), |d| d.to_string());
        let rate = match (row.late_rate, row.delayed) {
            (Some(x), _) => pct(x),
            (None, None) => gap_text(t(Gap::ShipTime.key()), t),
            (None, Some(_)) => gap_text(t("report_no_due"), t),
        };
        let _ = writeln!(
            md,
            "| {} {} | {} | {} | {} |",
            w.week_short(&row.week),
            w.week_dates(&row.week),
            row.due,
            delayed,
            rate
        );
    }
}
