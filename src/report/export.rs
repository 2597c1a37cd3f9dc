//! The text outputs of a report: `report.json`, `report.md` (to paste into a chat or
//! wiki) and `actions.csv` (safe to open in a spreadsheet).

use std::fmt::Write as _;

use super::types::{Action, Report};

/// `report.json`: every figure with the contract's keys, pretty-printed, ending in a
/// newline.
pub fn to_json(report: &Report) -> Vec<u8> {
    // Sized up front (a pretty stock row is about 600 bytes): a file of 100 MB for a
    // shop with 200,000 SKUs must not be doubled into 128 MB on its last growth.
    let estimate = 64 * 1024 + 640 * report.stock.len() + 400 * report.data_quality.problems.len();
    let mut out = Vec::with_capacity(estimate);
    if serde_json::to_writer_pretty(&mut out, report).is_err() {
        out = b"{}".to_vec();
    }
    out.push(b'\n');
    out
}

/// A percentage with one decimal, e.g. `12.5%`.
pub fn pct(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

/// Hours with one decimal, or `–`.
pub fn hours(x: Option<f64>) -> String {
    x.map_or_else(|| "–".into(), |h| format!("{h:.1}"))
}

/// The i18n key of the reason why a figure is unknown ("absent is not zero").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gap {
    /// No amount column: compensation unknown.
    Amount,
    /// No notified_at column: notification unknown.
    Notified,
    /// No detected_at column: within 2 h unknown.
    Detected,
    /// Shipped lines without a ship time: on time, late, delayed unknown.
    ShipTime,
}

impl Gap {
    /// The interface string that explains it.
    pub fn key(self) -> &'static str {
        match self {
            Gap::Amount => "report_missing_amount",
            Gap::Notified => "report_missing_notified_at",
            Gap::Detected => "report_missing_detected_at",
            Gap::ShipTime => "report_missing_shipped_at",
        }
    }

    /// The gap behind ship-time figures of `r`, if they are unknown.
    pub fn ship(r: &Report) -> Option<Gap> {
        (r.totals.shipped_time_unknown > 0).then_some(Gap::ShipTime)
    }
}

/// A figure for people: its text, or `—` and why.
pub fn or_gap<T>(
    v: Option<T>,
    gap: Gap,
    show: impl Fn(T) -> String,
    t: &dyn Fn(&str) -> String,
) -> String {
    match v {
        Some(v) => show(v),
        None => gap_text(t(gap.key()), t),
    }
}

/// `— （reason）` (or `— (reason)` in English).
pub fn gap_text(reason: String, t: &dyn Fn(&str) -> String) -> String {
    format!(
        "—{}{reason}{}",
        t("report_paren_open"),
        t("report_paren_close")
    )
}

/// A count, or `—` and why.
pub fn count_or(v: Option<u64>, gap: Gap, t: &dyn Fn(&str) -> String) -> String {
    or_gap(v, gap, |n| n.to_string(), t)
}

/// The headline rows of report.md: (i18n key, value).
fn headline_rows(r: &Report, t: &dyn Fn(&str) -> String) -> Vec<(&'static str, String)> {
    let tt = &r.totals;
    let ship = Gap::ShipTime;
    let ship_hours = |x: Option<f64>| match Gap::ship(r) {
        Some(g) => or_gap(None::<f64>, g, |_| String::new(), t),
        None => hours(x),
    };
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
            or_gap(
                r.compensation_estimate,
                Gap::Amount,
                |c| format!("{c:.2}"),
                t,
            ),
        ),
        (
            "report_notified_proactive",
            count_or(
                r.notification.as_ref().map(|n| n.proactive),
                Gap::Notified,
                t,
            ),
        ),
        (
            "report_notified_none",
            count_or(r.notification.as_ref().map(|n| n.none), Gap::Notified, t),
        ),
        ("report_within_2h", within_2h(r, t)),
    ]
}

/// `within_2h / with_detected_at`, or `—` and why.
pub fn within_2h(r: &Report, t: &dyn Fn(&str) -> String) -> String {
    match &r.notification {
        None => count_or(None, Gap::Notified, t),
        Some(n) => match (n.within_2h, n.with_detected_at) {
            (Some(a), Some(b)) => format!("{a} / {b}"),
            _ => count_or(None, Gap::Detected, t),
        },
    }
}

/// `report.md` in the configured language; `t` looks up interface strings.
pub fn to_markdown(r: &Report, t: &dyn Fn(&str) -> String) -> String {
    let mut md = String::new();
    let _ = writeln!(md, "# {} {}\n", t("report_title"), r.week);
    let _ = writeln!(md, "{}: {} ({})\n", t("report_as_of"), r.as_of, r.timezone);
    let _ = writeln!(
        md,
        "| {} | {} |\n|---|---:|",
        t("report_figure"),
        t("report_value")
    );
    for (k, v) in headline_rows(r, t) {
        let _ = writeln!(md, "| {} | {} |", t(k), v);
    }
    section_causes(&mut md, r, t);
    section_actions(&mut md, r, t);
    section_trend(&mut md, r, t);
    let dq = &r.data_quality;
    let _ = writeln!(
        md,
        "\n## {}\n\n{}: {} · {}: {} · {}: {} · {}: {}",
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

/// Escapes `|` and line breaks so a value stays in its Markdown table cell.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace(['\n', '\r'], " ")
}

fn section_causes(md: &mut String, r: &Report, t: &dyn Fn(&str) -> String) {
    let _ = writeln!(
        md,
        "\n## {}\n\n| {} | {} | {} |\n|---|---:|---:|",
        t("report_causes"),
        t("report_cause"),
        t("report_count"),
        t("report_share")
    );
    for c in &r.causes {
        let _ = writeln!(md, "| {} | {} | {} |", cell(&c.name), c.count, pct(c.share));
    }
    if r.absent.contains(&"delay_cause") {
        let _ = writeln!(md, "\n{}", t("report_missing_delay_cause"));
    }
}

fn section_actions(md: &mut String, r: &Report, t: &dyn Fn(&str) -> String) {
    let _ = writeln!(
        md,
        "\n## {}\n\n| {} | SKU | {} | {} |\n|---|---|---|---:|",
        t("report_actions"),
        t("report_action"),
        t("report_what_to_do"),
        t("report_buyers_waiting")
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
            "| {} | {} {} | {} | {} |",
            t(&format!("action_{}", s.action.key())),
            cell(&s.sku),
            cell(&s.name),
            cell(&what_to_do(s, t)),
            s.buyers_waiting
        );
    }
    if total > listed {
        let more = t("report_actions_more").replace("{n}", &(total - listed).to_string());
        let _ = writeln!(md, "\n{more} actions.csv");
    }
}

fn section_trend(md: &mut String, r: &Report, t: &dyn Fn(&str) -> String) {
    let _ = writeln!(
        md,
        "\n## {}\n\n| {} | {} | {} | {} |\n|---|---:|---:|---:|",
        t("report_trend"),
        t("report_week"),
        t("report_due"),
        t("report_delayed"),
        t("report_late_rate")
    );
    for w in &r.trend {
        let delayed = w.delayed.map_or_else(|| "—".to_string(), |d| d.to_string());
        let rate = match (w.late_rate, w.delayed) {
            (Some(x), _) => pct(x),
            (None, None) => gap_text(t(Gap::ShipTime.key()), t),
            (None, Some(_)) => gap_text(t("report_no_due"), t),
        };
        let _ = writeln!(md, "| {} | {} | {} | {} |", w.week, w.due, delayed, rate);
    }
}

/// One sentence saying what to do about a SKU, with its numbers.
pub fn what_to_do(s: &super::types::StockRec, t: &dyn Fn(&str) -> String) -> String {
    match s.action {
        Action::Delist => t("do_delist"),
        Action::Presale => format!(
            "{} {}",
            t("do_presale"),
            s.ship_date.clone().unwrap_or_default()
        ),
        Action::NotifyAndWait => format!(
            "{} {}",
            t("do_notify_and_wait"),
            s.ship_date.clone().unwrap_or_default()
        ),
        Action::ChaseSupplier => t("do_chase_supplier"),
        Action::Reorder => format!("{} {}", t("do_reorder"), s.restock_qty),
        Action::Ok => String::new(),
    }
}

/// Makes a cell safe for spreadsheets: text starting with `=`, `+`, `-`, `@`, a tab or
/// a carriage return gets a leading `'`, so it is shown, never run as a formula. Plain
/// numbers (such as `-3`) are left as numbers.
pub fn neutralise(value: &str) -> String {
    let is_number = value.parse::<f64>().is_ok() && !value.starts_with('+');
    match value.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') if !is_number => format!("'{value}"),
        _ => value.to_string(),
    }
}

/// `actions.csv`: the stock rows with an action other than `ok`, UTF-8 with a BOM (so
/// Excel shows Chinese correctly), every cell neutralised.
pub fn to_actions_csv(r: &Report) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    let header = [
        "sku",
        "name",
        "supplier",
        "action",
        "restock_qty",
        "ship_date",
        "eta_days",
        "on_hand",
        "incoming",
        "backlog",
        "available",
        "buyers_waiting",
        "demand_30d",
        "days_of_cover",
    ];
    let _ = w.write_record(header);
    for s in r.stock.iter().filter(|s| s.action != Action::Ok) {
        let opt = |v: Option<String>| v.unwrap_or_default();
        let row = [
            s.sku.clone(),
            s.name.clone(),
            s.supplier.clone(),
            s.action.key().to_string(),
            s.restock_qty.to_string(),
            opt(s.ship_date.clone()),
            opt(s.eta_days.map(|d| d.to_string())),
            s.on_hand.to_string(),
            s.incoming.to_string(),
            s.backlog.to_string(),
            s.available.to_string(),
            s.buyers_waiting.to_string(),
            s.demand_30d.to_string(),
            opt(s.days_of_cover.map(|d| format!("{d:.1}"))),
        ];
        let _ = w.write_record(row.iter().map(|c| neutralise(c)));
    }
    let mut out = vec![0xEF, 0xBB, 0xBF];
    out.extend(w.into_inner().unwrap_or_default());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    // A formula in a SKU name must never run when the CSV is opened.
    #[test]
    fn neutralises_formulas_but_not_numbers() {
        assert_eq!(neutralise("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("+1"), "'+1");
        assert_eq!(neutralise("-2+3"), "'-2+3");
        assert_eq!(neutralise("\tx"), "'\tx");
        assert_eq!(neutralise("-3"), "-3");
        assert_eq!(neutralise("普通"), "普通");
    }
}
