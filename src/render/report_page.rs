//! The weekly report as files: `reports/<week>/index.html` (KPI tiles, SVG charts, the
//! action list, at-risk lines linked to their playbooks, data quality),
//! `report.json`, `report.md`, `actions.csv`, and `reports/index.html` listing every
//! report in the output folder.

use std::path::Path;

use serde::Serialize;

use super::charts::{self, Bar};
use super::{RenderError, Renderer};
use crate::output::OutputTree;
use crate::pipeline::Project;
use crate::report::export::{self, pct};
use crate::report::types::{Action, Report};

/// Renders every file of one report, plus `reports/index.html` (which also lists the
/// reports already in `out`).
pub fn render(
    report: &Report,
    renderer: &Renderer,
    project: &Project,
    out: &Path,
) -> Result<OutputTree, RenderError> {
    let dir = format!("reports/{}/", report.week);
    let t = |k: &str| renderer.t(k).to_string();
    let mut tree = OutputTree::new();
    tree.insert(format!("{dir}report.json"), export::to_json(report));
    tree.insert(format!("{dir}report.md"), export::to_markdown(report, &t));
    tree.insert(format!("{dir}actions.csv"), export::to_actions_csv(report));
    let page = format!("{dir}index.html");
    tree.insert(page.clone(), page_html(report, renderer, project, &page)?);
    let mut entries = existing_reports(out);
    entries.retain(|e| e.week != report.week);
    entries.push(IndexEntry::of(report));
    entries.sort_by(|a, b| b.week.cmp(&a.week));
    let mut ctx = renderer.page_context("reports/index.html");
    ctx.insert("reports", &entries);
    tree.insert(
        "reports/index.html",
        renderer.render("reports_index.html", &ctx)?,
    );
    Ok(tree)
}

/// One row of `reports/index.html`.
#[derive(Debug, Clone, Serialize)]
struct IndexEntry {
    week: String,
    due: u64,
    delayed: u64,
    late_rate: String,
}

impl IndexEntry {
    fn of(r: &Report) -> Self {
        IndexEntry {
            week: r.week.clone(),
            due: r.totals.due,
            delayed: r.totals.delayed,
            late_rate: pct(r.totals.late_rate),
        }
    }
}

/// Reports already in the output folder, read from their `report.json`.
fn existing_reports(out: &Path) -> Vec<IndexEntry> {
    let Ok(dirs) = std::fs::read_dir(out.join("reports")) else {
        return Vec::new();
    };
    let mut entries = Vec::new();
    for d in dirs.filter_map(Result::ok) {
        let week = d.file_name().to_string_lossy().into_owned();
        if crate::ingest::timestamp::IsoWeek::parse(&week).is_none() {
            continue;
        }
        let Ok(bytes) = std::fs::read(d.path().join("report.json")) else {
            continue;
        };
        let Ok(v) = serde_json::from_slice::<serde_json::Value>(&bytes) else {
            continue;
        };
        let num = |k: &str| v["totals"][k].as_u64().unwrap_or(0);
        entries.push(IndexEntry {
            week,
            due: num("due"),
            delayed: num("delayed"),
            late_rate: pct(v["totals"]["late_rate"].as_f64().unwrap_or(0.0)),
        });
    }
    entries
}

#[derive(Debug, Serialize)]
struct Tile {
    label: String,
    value: String,
    note: String,
}

#[derive(Debug, Serialize)]
struct ActionView {
    action: &'static str,
    label: String,
    sku: String,
    name: String,
    supplier: String,
    what: String,
    buyers_waiting: u64,
    available: i64,
}

#[derive(Debug, Serialize)]
struct RiskView {
    order_id: String,
    sku: String,
    platform: String,
    deadline: String,
    hours_left: String,
    overdue: bool,
    cause: String,
    playbook_href: String,
    playbook_title: String,
}

fn page_html(
    r: &Report,
    renderer: &Renderer,
    project: &Project,
    page: &str,
) -> Result<String, RenderError> {
    let t = |k: &str| renderer.t(k).to_string();
    let mut ctx = renderer.page_context(page);
    ctx.insert("r", r);
    ctx.insert("tiles", &tiles_with_rule_note(r, project, renderer));
    ctx.insert("actions", &actions(r, &t));
    ctx.insert("risk", &risk(r, project));
    let causes: Vec<Bar> = r
        .causes
        .iter()
        .map(|c| Bar {
            label: if c.code == "unattributed" {
                t("report_unattributed")
            } else {
                c.name.clone()
            },
            count: c.count,
            share: c.share,
        })
        .collect();
    let none = t("report_no_data");
    ctx.insert(
        "chart_causes",
        &charts::pareto(&causes, &t("report_causes"), &none),
    );
    let points: Vec<(String, f64)> = r
        .trend
        .iter()
        .map(|w| {
            (
                w.week.split('-').nth(1).unwrap_or("").to_string(),
                w.late_rate,
            )
        })
        .collect();
    ctx.insert(
        "chart_trend",
        &charts::trend(&points, &t("report_trend"), &none),
    );
    ctx.insert(
        "chart_hist",
        &charts::histogram(&r.delay_values, &t("report_histogram"), &none),
    );
    // (label, due, delayed, late rate as text): percentages are formatted here, once.
    let platforms: Vec<(String, u64, u64, String)> = r
        .platforms
        .iter()
        .map(|p| {
            let name = project.config.platform_name(&p.platform).to_string();
            (name, p.due, p.delayed, pct(p.late_rate))
        })
        .collect();
    let trend: Vec<(String, u64, u64, String)> = r
        .trend
        .iter()
        .map(|w| (w.week.clone(), w.due, w.delayed, pct(w.late_rate)))
        .collect();
    ctx.insert("trend", &trend);
    ctx.insert("platforms", &platforms);
    ctx.insert("late_rate", &pct(r.totals.late_rate));
    ctx.insert("compensation", &format!("{:.2}", r.compensation_estimate));
    renderer.render("report.html", &ctx)
}

/// The KPI tiles; the compensation estimate carries the platform-rule note.
fn tiles_with_rule_note(r: &Report, project: &Project, renderer: &Renderer) -> Vec<Tile> {
    let t = |k: &str| renderer.t(k).to_string();
    let mut tiles = tiles(r, &t);
    let label = t("report_compensation");
    if let Some(tile) = tiles.iter_mut().find(|x| x.label == label) {
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
    let n = &r.notification;
    let tile = |k: &str, value: String, note: String| Tile {
        label: t(k),
        value,
        note,
    };
    vec![
        tile(
            "report_late_rate",
            pct(tt.late_rate),
            format!("{} / {}", tt.delayed, tt.due),
        ),
        tile("report_delayed", tt.delayed.to_string(), String::new()),
        tile(
            "report_overdue_unshipped",
            tt.overdue_unshipped.to_string(),
            String::new(),
        ),
        tile(
            "report_failed_cancelled",
            tt.failed_cancelled.to_string(),
            String::new(),
        ),
        tile(
            "report_p90",
            export::hours(r.delay_hours.p90),
            format!("{} {}", t("report_p50"), export::hours(r.delay_hours.p50)),
        ),
        tile(
            "report_proactive",
            pct(crate::report::types::rate(n.proactive, tt.delayed)),
            format!("{} / {}", n.proactive, tt.delayed),
        ),
        tile(
            "report_within_2h",
            pct(crate::report::types::rate(n.within_2h, n.with_detected_at)),
            format!("{} / {}", n.within_2h, n.with_detected_at),
        ),
        tile(
            "report_compensation",
            format!("{:.2}", r.compensation_estimate),
            String::new(),
        ),
    ]
}

fn actions(r: &Report, t: &dyn Fn(&str) -> String) -> Vec<ActionView> {
    r.stock
        .iter()
        .filter(|s| s.action != Action::Ok)
        .map(|s| ActionView {
            action: s.action.key(),
            label: t(&format!("action_{}", s.action.key())),
            sku: s.sku.clone(),
            name: s.name.clone(),
            supplier: s.supplier.clone(),
            what: export::what_to_do(s, t),
            buyers_waiting: s.buyers_waiting,
            available: s.available,
        })
        .collect()
}

fn risk(r: &Report, project: &Project) -> Vec<RiskView> {
    r.at_risk
        .rows
        .iter()
        .map(|row| {
            let (href, title) = if row.playbook == "triage" {
                ("index.html#triage".to_string(), String::new())
            } else {
                (
                    format!("playbooks/{}.html", row.playbook),
                    project
                        .content
                        .playbook(&row.playbook)
                        .map_or_else(String::new, |p| p.title.clone()),
                )
            };
            RiskView {
                order_id: row.order_id.clone(),
                sku: row.sku.clone(),
                platform: project.config.platform_name(&row.platform).to_string(),
                deadline: row
                    .promised_ship_by
                    .get(..16)
                    .unwrap_or("")
                    .replace('T', " "),
                hours_left: format!("{:.1}", row.hours_left),
                overdue: row.hours_left < 0.0,
                cause: row.delay_cause.clone().unwrap_or_default(),
                playbook_href: href,
                playbook_title: title,
            }
        })
        .collect()
}
