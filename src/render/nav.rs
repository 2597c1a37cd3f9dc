//! Finding one's way: breadcrumbs on every page but the home page, the in-page
//! contents of a playbook page, and the "新人第一天" path on the home page — the
//! chapters of the course (in the handbook's order) as a checklist of site pages to
//! read.

use serde::Serialize;

use super::Renderer;
use super::course::Plan;
use crate::config::Config;
use crate::playbooks::course::ChapterKind;
use crate::playbooks::model::Playbook;
use crate::validate::Content;

/// One breadcrumb: its text and, except for the current page, its link (relative to
/// the site root).
#[derive(Debug, Clone, Serialize)]
pub struct Crumb {
    /// What it reads.
    pub title: String,
    /// Where it leads; `None` for the current page.
    pub href: Option<String>,
}

/// Breadcrumbs from the home page to the current page: `trail` is every step after
/// the home page, the last one being the page itself.
pub fn crumbs(r: &Renderer, trail: &[(&str, Option<&str>)]) -> Vec<Crumb> {
    let mut out = vec![Crumb {
        title: r.t("nav_home").to_string(),
        href: Some("index.html".into()),
    }];
    out.extend(trail.iter().map(|(title, href)| Crumb {
        title: (*title).to_string(),
        href: href.map(str::to_string),
    }));
    out
}

/// An entry of a page's contents: anchor, title, and sub-entries (the steps).
#[derive(Debug, Clone, Serialize)]
pub struct TocEntry {
    /// Anchor on the page.
    pub anchor: String,
    /// Title.
    pub title: String,
    /// Sub-entries.
    pub children: Vec<TocEntry>,
}

fn entry(anchor: &str, title: &str) -> TocEntry {
    TocEntry {
        anchor: anchor.to_string(),
        title: title.to_string(),
        children: Vec::new(),
    }
}

/// The contents of a playbook page, in page order: only the sections the page has,
/// and every step under "处理步骤".
pub fn playbook_toc(p: &Playbook, c: &Content, r: &Renderer) -> Vec<TocEntry> {
    let mut out = vec![entry("applies", r.t("pb_applies_when"))];
    let mut steps = entry("steps", r.t("pb_steps"));
    steps.children = p
        .steps
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let n = r.t("toc_step").replace("{n}", &(i + 1).to_string());
            entry(&super::view::step_anchor(s, i), &format!("{n} {}", s.title))
        })
        .collect();
    out.push(steps);
    let sections = [
        (
            "templates",
            "pb_templates",
            crate::validate::template_ids(p).next().is_some(),
        ),
        (
            "anti-examples",
            "pb_anti_examples",
            !p.anti_examples.is_empty(),
        ),
        (
            "escalation",
            "pb_escalation",
            !p.escalation.trim().is_empty(),
        ),
        ("checklists", "pb_checklists", !p.checklists.is_empty()),
        ("causes", "pb_causes", !p.causes.is_empty()),
        ("quiz", "pb_quiz", !c.quiz_for_playbook(&p.id).is_empty()),
        ("related", "pb_related", !p.related.is_empty()),
    ];
    out.extend(
        sections
            .into_iter()
            .filter(|(_, _, present)| *present)
            .map(|(anchor, key, _)| entry(anchor, r.t(key))),
    );
    out
}

/// One page of the first-day path.
#[derive(Debug, Clone, Serialize)]
pub struct PathItem {
    /// Stable key for the tick in the browser (`pb:<id>`, `ch:<id>` …).
    pub key: String,
    /// The page's title.
    pub title: String,
    /// The page, relative to the site root.
    pub href: String,
}

/// One chapter of the first-day path.
#[derive(Debug, Clone, Serialize)]
pub struct PathChapter {
    /// `第3章 遇到什么情况用哪个流程`.
    pub title: String,
    /// Pages to read for it.
    pub items: Vec<PathItem>,
}

/// The first-day path: the handbook's chapters in order, each as the site pages that
/// teach it (a playbook chapter lists its playbook pages).
pub fn first_day(content: &Content, config: &Config, r: &Renderer) -> Vec<PathChapter> {
    let plan = Plan::new(content, config, r);
    plan.chapters
        .iter()
        .map(|ch| {
            let title = format!(
                "{} {}",
                r.t("hb_chapter").replace("{n}", &ch.number.to_string()),
                ch.title
            );
            let items = match ch.kind {
                ChapterKind::Playbooks if !ch.playbooks.is_empty() => ch
                    .playbooks
                    .iter()
                    .map(|p| PathItem {
                        key: format!("pb:{}", p.id),
                        title: p.title.clone(),
                        href: format!("playbooks/{}.html", p.id),
                    })
                    .collect(),
                // Without a triage tree the home page has no helper: the handbook
                // chapter teaches it.
                ChapterKind::Triage if content.triage.is_none() => {
                    vec![chapter_page(&ch.id, ChapterKind::Text, &ch.title, r)]
                }
                kind => vec![chapter_page(&ch.id, kind, &ch.title, r)],
            };
            PathChapter { title, items }
        })
        .collect()
}

/// The site page that teaches a chapter without playbooks.
fn chapter_page(id: &str, kind: ChapterKind, title: &str, r: &Renderer) -> PathItem {
    let (href, title) = match kind {
        ChapterKind::Triage => ("index.html#triage".to_string(), r.t("home_triage")),
        ChapterKind::NeverSay => ("check.html".to_string(), r.t("nav_check")),
        ChapterKind::Prevention => ("checklists.html".to_string(), r.t("nav_checklists")),
        ChapterKind::SelfTest => ("quiz.html".to_string(), r.t("nav_quiz")),
        _ => (format!("handbook.html#ch-{id}"), title),
    };
    PathItem {
        key: format!("ch:{id}"),
        title: title.to_string(),
        href,
    }
}
