//! The weekly report as files: `reports/<week>/index.html` (KPI tiles, SVG charts, the
//! action list, at-risk lines linked to their playbooks, data quality),
//! `report.json`, `report.md`, `actions.csv`, and `reports/index.html` listing every
//! report in the output folder.

use std::path::Path;

use serde::Serialize;

use super::charts::{self, Bar};
use super::report_view::{self as view, Tile};
use super::{RenderError, Renderer};
use crate::output::OutputTree;
use crate::pipeline::Project;
use crate::report::export::{self, Gap, pct};
use crate::report::markdown;
use crate::report::types::Report;
use crate::report::wording::Words;

/// Renders every file of one report, plus `reports/index.html` (which also lists the
/// reports already in `out`). Also returns the newest week of that list, for the home
/// page's link (so the earlier reports are read once).
pub fn render(
    report: &Report,
    renderer: &Renderer,
    project: &Project,
    out: &Path,
) -> Result<(OutputTree, String), RenderError> {
    let dir = format!("reports/{}/", report.week);
    let t = |k: &str| renderer.t(k).to_string();
    let words = Words::new(&t, &project.content, &project.config);
    let targets = &project.config.report.targets;
    let mut tree = OutputTree::new();
    let page = format!("{dir}index.html");
    // The page is the largest piece: rendered on a second thread meanwhile.
    let html = std::thread::scope(|scope| {
        let html = scope.spawn(|| page_html(report, renderer, project, &page));
        tree.insert(format!("{dir}report.json"), export::to_json(report));
        tree.insert(
            format!("{dir}report.md"),
            markdown::render(report, &words, targets),
        );
        tree.insert(
            format!("{dir}actions.csv"),
            export::to_actions_csv(report, &words),
        );
        html.join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })?;
    tree.insert(page, html);
    // This week's earlier report.json is being replaced: not read.
    let mut entries = existing_reports(out, Some(&report.week));
    entries.push(IndexEntry::of(report));
    entries.sort_by(|a, b| b.week.cmp(&a.week));
    if let Some(first) = entries.first_mut() {
        first.newest = true;
    }
    for e in &mut entries {
        e.label = words.week(&e.week);
    }
    let mut ctx = renderer.page_context("reports/index.html");
    ctx.insert(
        "crumbs",
        &super::nav::crumbs(renderer, &[(renderer.t("report_all"), None)]),
    );
    ctx.insert("reports", &entries);
    tree.insert(
        "reports/index.html",
        renderer.render("reports_index.html", &ctx)?,
    );
    let newest = entries.first().map_or(&report.week, |e| &e.week).clone();
    Ok((tree, newest))
}

/// One row of `reports/index.html`.
#[derive(Debug, Clone, Serialize)]
struct IndexEntry {
    week: String,
    /// "2026年第47周（11月16日–11月22日）".
    label: String,
    due: u64,
    delayed: String,
    late_rate: String,
    newest: bool,
}

impl IndexEntry {
    fn of(r: &Report) -> Self {
        IndexEntry {
            week: r.week.clone(),
            due: r.totals.due,
            delayed: dash(r.totals.delayed.map(|d| d.to_string())),
            late_rate: dash(r.totals.late_rate.map(pct)),
            newest: false,
            label: String::new(),
        }
    }
}

/// The text, or `—`.
fn dash(v: Option<String>) -> String {
    v.unwrap_or_else(|| "—".to_string())
}

/// The newest report week in the output folder (a build without a report of its own;
/// one with a report has it from [`render`]).
pub fn newest_week(out: &Path) -> Option<String> {
    existing_reports(out, None)
        .into_iter()
        .map(|e| e.week)
        .max()
}

/// Reports already in the output folder, read from their `report.json`, but for the
/// week `skip` (one being written again).
fn existing_reports(out: &Path, skip: Option<&str>) -> Vec<IndexEntry> {
    let Ok(dirs) = std::fs::read_dir(out.join("reports")) else {
        return Vec::new();
    };
    let mut entries = Vec::new();
    for d in dirs.filter_map(Result::ok) {
        let week = d.file_name().to_string_lossy().into_owned();
        if crate::ingest::timestamp::IsoWeek::parse(&week).is_none() || skip == Some(&week) {
            continue;
        }
        let Ok(bytes) = std::fs::read(d.path().join("report.json")) else {
            continue;
        };
        let Ok(head) = serde_json::from_slice::<ReportHead>(&bytes) else {
            continue;
        };
        let totals = &head.totals;
        entries.push(IndexEntry {
            week,
            due: totals["due"].as_u64().unwrap_or(0),
            delayed: dash(totals["delayed"].as_u64().map(|d| d.to_string())),
            late_rate: dash(totals["late_rate"].as_f64().map(pct)),
            newest: false,
            label: String::new(),
        });
    }
    entries
}

/// The part of an earlier week's `report.json` its index row shows. Everything else
/// (the stock table can be megabytes) is skipped by the parser without being built.
#[derive(serde::Deserialize)]
struct ReportHead {
    #[serde(default)]
    totals: serde_json::Value,
}

/// Stock actions listed on the page; the rest are in actions.csv (a shop with 200,000
/// SKUs would otherwise get a page of tens of megabytes).
pub const PAGE_ACTIONS: usize = 200;

/// What the page template reads of the report: everything but the (possibly huge)
/// stock table, which the page shows through `actions` only.
#[derive(Debug, Serialize)]
struct PageReport<'a> {
    week: &'a str,
    as_of: &'a str,
    timezone: &'a str,
    totals: &'a crate::report::types::Totals,
    at_risk: RiskCount,
    data_quality: &'a crate::report::types::DataQuality,
}

#[derive(Debug, Serialize)]
struct RiskCount {
    count: u64,
}

impl<'a> PageReport<'a> {
    fn of(r: &'a Report) -> Self {
        PageReport {
            week: &r.week,
            as_of: &r.as_of,
            timezone: &r.timezone,
            totals: &r.totals,
            at_risk: RiskCount {
                count: r.at_risk.count,
            },
            data_quality: &r.data_quality,
        }
    }
}

/// Home › every report › this week.
fn week_crumbs(renderer: &Renderer, week_label: &str) -> Vec<super::nav::Crumb> {
    super::nav::crumbs(
        renderer,
        &[
            (renderer.t("report_all"), Some("reports/index.html")),
            (week_label, None),
        ],
    )
}

fn page_html(
    r: &Report,
    renderer: &Renderer,
    project: &Project,
    page: &str,
) -> Result<String, RenderError> {
    let t = |k: &str| renderer.t(k).to_string();
    let w = Words::new(&t, &project.content, &project.config);
    let targets = &project.config.report.targets;
    let mut ctx = renderer.page_context(page);
    ctx.insert("r", &PageReport::of(r));
    let week_label = w.week(&r.week);
    ctx.insert("crumbs", &week_crumbs(renderer, &week_label));
    ctx.insert("week_label", &week_label);
    ctx.insert("as_of_label", &w.time(&r.as_of));
    let mut tiles = tiles_with_rule_note(r, project, renderer);
    view::decorate(&mut tiles, r, targets, &w);
    ctx.insert("tiles", &tiles);
    ctx.insert("figures", &figures(r, &t));
    ctx.insert("priorities", &view::priorities(r, &w, PAGE_ACTIONS));
    let actions = view::actions(r, &w, PAGE_ACTIONS);
    let more = view::action_count(r).saturating_sub(actions.len());
    let more_text = (more > 0).then(|| t("report_actions_more").replace("{n}", &more.to_string()));
    ctx.insert("actions", &actions);
    ctx.insert("actions_more", &more_text);
    ctx.insert("risk_groups", &view::risk_groups(r, &w));
    ctx.insert("risk_listed", &view::risk_listed(r, &w));
    ctx.insert("skus", &view::skus(r, &w));
    ctx.insert("problems", &view::problems(r));
    let none = t("report_no_data");
    ctx.insert(
        "chart_causes",
        &charts::pareto(&cause_bars(r, &w), &t("report_causes"), &none),
    );
    let cause_note = r
        .absent
        .contains(&"delay_cause")
        .then(|| t("report_missing_delay_cause"));
    ctx.insert("cause_note", &cause_note);
    let points: Vec<(String, Option<f64>)> = r
        .trend
        .iter()
        .map(|row| (w.week_short(&row.week), row.late_rate))
        .collect();
    ctx.insert(
        "chart_trend",
        &charts::trend(&points, &t("report_trend"), &none),
    );
    ctx.insert(
        "chart_hist",
        &charts::histogram(
            &r.delay_values,
            &t("report_histogram"),
            &none,
            &t("fmt_hist_hours"),
        ),
    );
    ctx.insert("trend", &trend_rows(r, &w));
    ctx.insert("platforms", &view::platforms(r, targets, &w));
    ctx.insert("ship_gap", &Gap::ship(r).map(|g| t(g.key())));
    renderer.render("report.html", &ctx)
}

/// (label, due, delayed, late rate as text): numbers are formatted here, once.
type Row4 = (String, u64, String, String);

fn trend_rows(r: &Report, w: &Words<'_>) -> Vec<Row4> {
    let t = w.lookup();
    r.trend
        .iter()
        .map(|row| {
            let rate = match (row.late_rate, row.delayed) {
                (Some(x), _) => pct(x),
                (None, Some(_)) => export::gap_text(t("report_no_due"), t),
                (None, None) => "—".to_string(),
            };
            let week = format!("{} {}", w.week_short(&row.week), w.week_dates(&row.week));
            (week, row.due, opt_count(row.delayed), rate)
        })
        .collect()
}

fn opt_count(v: Option<u64>) -> String {
    dash(v.map(|d| d.to_string()))
}

fn cause_bars(r: &Report, w: &Words<'_>) -> Vec<Bar> {
    r.causes
        .iter()
        .map(|c| Bar {
            label: w.cause(&c.code),
            count: c.count,
            share: c.share,
        })
        .collect()
}

/// A figure for the page: its text, or `—` with the reason shown next to it.
#[derive(Debug, Serialize)]
struct Figure {
    value: String,
    missing: String,
}

impl Figure {
    fn of<T>(
        v: Option<T>,
        gap: Gap,
        show: impl Fn(T) -> String,
        t: &dyn Fn(&str) -> String,
    ) -> Self {
        match v {
            Some(v) => Figure {
                value: show(v),
                missing: String::new(),
            },
            None => Figure {
                value: "—".to_string(),
                missing: t(gap.key()),
            },
        }
    }

    fn count(v: Option<u64>, gap: Gap, t: &dyn Fn(&str) -> String) -> Self {
        Self::of(v, gap, |n| n.to_string(), t)
    }
}

/// The figures of the totals and notification tables, keyed by name.
fn figures(
    r: &Report,
    t: &dyn Fn(&str) -> String,
) -> std::collections::BTreeMap<&'static str, Figure> {
    let tt = &r.totals;
    let ship = Gap::ShipTime;
    let n = r.notification.as_ref();
    let known = |v: u64| Figure::count(Some(v), ship, t);
    let detected = |f: fn(&crate::report::types::Notification) -> Option<u64>| {
        let gap = if n.is_none() {
            Gap::Notified
        } else {
            Gap::Detected
        };
        Figure::count(n.and_then(f), gap, t)
    };
    [
        ("on_time", Figure::count(tt.on_time, ship, t)),
        ("shipped_late", Figure::count(tt.shipped_late, ship, t)),
        ("overdue_unshipped", known(tt.overdue_unshipped)),
        ("failed_cancelled", known(tt.failed_cancelled)),
        (
            "resolved_72h",
            Figure::count(tt.resolved_within_72h, ship, t),
        ),
        (
            "proactive",
            Figure::count(n.map(|n| n.proactive), Gap::Notified, t),
        ),
        (
            "after_deadline",
            Figure::count(n.map(|n| n.after_deadline), Gap::Notified, t),
        ),
        ("none", Figure::count(n.map(|n| n.none), Gap::Notified, t)),
        ("within_2h", detected(|n| n.within_2h)),
        ("with_detected_at", detected(|n| n.with_detected_at)),
    ]
    .into_iter()
    .collect()
}

/// The KPI tiles; the compensation estimate carries the platform-rule note.
fn tiles_with_rule_note(r: &Report, project: &Project, renderer: &Renderer) -> Vec<Tile> {
    let t = |k: &str| renderer.t(k).to_string();
    let mut tiles = tiles(r, &t);
    let label = t("report_compensation");
    // A compensation the export cannot give keeps its reason instead of the rule note.
    if let Some(tile) = tiles
        .iter_mut()
        .find(|x| x.label == label && r.compensation_estimate.is_some())
    {
        tile.note = rule_note(project, renderer);
    }
    tiles
}

/// "以商家后台最新规则为准，最后核对：…" for the compensation estimate, with the oldest
/// `verified_on` of the compensation rules it is computed from (none without rules).
fn rule_note(project: &Project, renderer: &Renderer) -> String {
    use crate::playbooks::rules::{COMPENSATION_CAP, COMPENSATION_RATE};
    project
        .content
        .platform_rules
        .iter()
        .flat_map(|p| p.rules.iter())
        .filter(|x| x.key == COMPENSATION_RATE || x.key == COMPENSATION_CAP)
        .map(|x| x.verified_on.as_str())
        .min()
        .map(|d| renderer.t("rule_note").replace("{date}", d))
        .unwrap_or_default()
}

fn tiles(r: &Report, t: &dyn Fn(&str) -> String) -> Vec<Tile> {
    let tt = &r.totals;
    let ship = Gap::ShipTime;
    let fig = |v: Option<String>, gap: Gap| Figure::of(v, gap, |s| s, t);
    let tile = |k: &str, f: Figure, note: String| Tile {
        key: k.to_string(),
        label: t(k),
        note: if f.missing.is_empty() {
            note
        } else {
            f.missing.clone()
        },
        value: f.value,
        ..Tile::default()
    };
    let delayed = tt.delayed;
    let p90 = Gap::ship(r).map_or(Some(export::hours(r.delay_hours.p90)), |_| None);
    let mut tiles = vec![
        tile(
            "report_late_rate",
            fig(tt.late_rate.map(pct), ship),
            delayed
                .map(|d| format!("{d} / {}", tt.due))
                .unwrap_or_default(),
        ),
        tile(
            "report_delayed",
            fig(delayed.map(|d| d.to_string()), ship),
            String::new(),
        ),
        tile(
            "report_overdue_unshipped",
            fig(Some(tt.overdue_unshipped.to_string()), ship),
            String::new(),
        ),
        tile(
            "report_failed_cancelled",
            fig(Some(tt.failed_cancelled.to_string()), ship),
            String::new(),
        ),
        tile(
            "report_p90",
            fig(p90, ship),
            format!("{} {}", t("report_p50"), export::hours(r.delay_hours.p50)),
        ),
    ];
    tiles.extend(notification_tiles(r, t));
    tiles.push(tile(
        "report_compensation",
        fig(
            r.compensation_estimate
                .map(|c| t("fmt_money").replace("{x}", &format!("{c:.2}"))),
            Gap::Amount,
        ),
        String::new(),
    ));
    tiles
}

/// The proactive and within-2-h tiles: `—` with the reason when the export cannot say.
fn notification_tiles(r: &Report, t: &dyn Fn(&str) -> String) -> [Tile; 2] {
    let n = r.notification.as_ref();
    let delayed = r.totals.delayed;
    let tile = |k: &str, v: Option<String>, gap: Gap, note: String| {
        let f = Figure::of(v, gap, |s| s, t);
        Tile {
            key: k.to_string(),
            label: t(k),
            note: if f.missing.is_empty() {
                note
            } else {
                f.missing.clone()
            },
            value: f.value,
            ..Tile::default()
        }
    };
    let proactive = n.zip(delayed);
    let within = n.and_then(|n| n.within_2h.zip(n.with_detected_at));
    let rate = crate::report::types::rate;
    [
        tile(
            "report_proactive",
            proactive.map(|(n, d)| pct(rate(n.proactive, d))),
            if n.is_none() {
                Gap::Notified
            } else {
                Gap::ShipTime
            },
            proactive
                .map(|(n, d)| format!("{} / {d}", n.proactive))
                .unwrap_or_default(),
        ),
        tile(
            "report_within_2h",
            within.map(|(a, b)| pct(rate(a, b))),
            if n.is_none() {
                Gap::Notified
            } else {
                Gap::Detected
            },
            within
                .map(|(a, b)| format!("{a} / {b}"))
                .unwrap_or_default(),
        ),
    ]
}
