//! The site pages: home with the triage helper, one page per playbook and per cause
//! (this file), and the library pages (templates, check my reply, checklists, quiz — see
//! [`super::library`]). Every page is rendered into an [`OutputTree`]; links are
//! relative to the page (`root`), so the site works from `file://`.

use std::collections::BTreeMap;

use serde::Serialize;

use super::view::{self, LinkView, TemplateUsage, TemplateView};
use super::{RenderError, Renderer, script_json};
use crate::config::Config;
use crate::output::OutputTree;
use crate::playbooks::model::{Cause, Playbook, Triage, TriageAnswer};
use crate::validate::Content;

/// What the site is rendered from.
#[derive(Debug, Clone, Copy)]
pub struct SiteInput<'a> {
    /// The validated content.
    pub content: &'a Content,
    /// The project configuration.
    pub config: &'a Config,
    /// ISO week of the latest report in the output (e.g. `2026-W47`), if any.
    pub latest_report: Option<&'a str>,
}

/// Renders every page and copies the theme's static files.
pub fn render_site(input: SiteInput<'_>, r: &Renderer) -> Result<OutputTree, RenderError> {
    let mut tree = render_pages(input.content, input.config, r)?;
    tree.insert("index.html", render_home(input, r)?);
    Ok(tree)
}

/// The home page: the only page that names the latest report, so the only one that
/// waits for it (see [`render_pages`]).
pub fn render_home(input: SiteInput<'_>, r: &Renderer) -> Result<String, RenderError> {
    r.use_content(input.content, input.config);
    home(input, &TemplateUsage::new(input.content), r)
}

/// Every page but the home page, and the theme's static files: what does not depend on
/// the report, so `report` renders it while the order files are read.
pub fn render_pages(
    content: &Content,
    config: &Config,
    r: &Renderer,
) -> Result<OutputTree, RenderError> {
    let input = SiteInput {
        content,
        config,
        latest_report: None,
    };
    r.use_content(content, config);
    let usage = TemplateUsage::new(content);
    let mut tree = r.assets();
    for p in &input.content.playbooks {
        let path = format!("playbooks/{}.html", p.id);
        let html = playbook_page(input, &usage, p, &path, r)?;
        tree.insert(path, html);
    }
    for c in &input.content.causes {
        let path = format!("causes/{}.html", c.id);
        let html = cause_page(input, c, &path, r)?;
        tree.insert(path, html);
    }
    super::library::render(input, &usage, r, &mut tree)?;
    Ok(tree)
}

/// Playbooks of one `situation`, in content order.
#[derive(Debug, Serialize)]
struct Group<'a> {
    situation: &'a str,
    playbooks: Vec<&'a Playbook>,
}

fn home(
    input: SiteInput<'_>,
    usage: &TemplateUsage<'_>,
    r: &Renderer,
) -> Result<String, RenderError> {
    let c = input.content;
    let mut ctx = r.page_context("index.html");
    ctx.insert("first_day", &super::nav::first_day(c, input.config, r));
    ctx.insert("groups", &groups(&c.playbooks));
    ctx.insert("top_templates", &top_templates(c, usage));
    ctx.insert("causes", &c.causes);
    ctx.insert("latest_report", &input.latest_report);
    let t = |k: &str| r.t(k).to_string();
    let words = crate::report::wording::Words::bare(&t);
    ctx.insert(
        "latest_report_label",
        &input.latest_report.map(|w| words.week(w)),
    );
    if let Some(t) = &c.triage {
        ctx.insert("triage", &triage_nodes(t, c, r));
        ctx.insert("triage_json", &script_json(&triage_data(t, c, r)));
    }
    r.render("index.html", &ctx)
}

fn groups(playbooks: &[Playbook]) -> Vec<Group<'_>> {
    let mut out: Vec<Group<'_>> = Vec::new();
    for p in playbooks {
        match out.iter_mut().find(|g| g.situation == p.situation) {
            Some(g) => g.playbooks.push(p),
            None => out.push(Group {
                situation: &p.situation,
                playbooks: vec![p],
            }),
        }
    }
    out
}

/// A template with the number of playbooks using it.
#[derive(Debug, Serialize)]
struct TopTemplate {
    link: LinkView,
    uses: usize,
}

/// The most used templates: by number of playbooks using them, then content order.
fn top_templates(c: &Content, usage: &TemplateUsage<'_>) -> Vec<TopTemplate> {
    let mut all: Vec<(usize, usize, TopTemplate)> = c
        .templates
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let uses = usage.users(&t.id).len();
            let link = view::template_link(t);
            (uses, i, TopTemplate { link, uses })
        })
        .filter(|(uses, _, _)| *uses > 0)
        .collect();
    all.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    all.into_iter().take(6).map(|(_, _, t)| t).collect()
}

/// A triage answer with its resolved target, for the static fallback list and the
/// triage script: the playbook, and when the answer names them, the step to start at
/// and the template to send (`href` lands on the step with the template's form open).
#[derive(Debug, Serialize)]
struct AnswerView<'a> {
    label: &'a str,
    next: Option<&'a str>,
    playbook: Option<LinkView>,
    href: Option<String>,
    step: Option<String>,
    template: Option<String>,
}

/// A triage question for the static fallback list.
#[derive(Debug, Serialize)]
struct NodeView<'a> {
    id: &'a str,
    question: &'a str,
    help: &'a str,
    answers: Vec<AnswerView<'a>>,
}

/// Start question first, the others in content order.
fn triage_nodes<'a>(t: &'a Triage, c: &Content, r: &Renderer) -> Vec<NodeView<'a>> {
    let mut nodes: Vec<_> = t.nodes.iter().collect();
    nodes.sort_by_key(|n| n.id != t.start);
    nodes
        .into_iter()
        .map(|n| NodeView {
            id: &n.id,
            question: &n.question,
            help: &n.help,
            answers: n.answers.iter().map(|a| answer_view(a, c, r)).collect(),
        })
        .collect()
}

fn answer_view<'a>(a: &'a TriageAnswer, c: &Content, r: &Renderer) -> AnswerView<'a> {
    let pb = a.playbook.as_deref().and_then(|id| c.playbook(id));
    let step = pb.and_then(|p| {
        let want = a.step.as_deref()?;
        let i = p.steps.iter().position(|s| s.id.as_deref() == Some(want))?;
        Some((i, &p.steps[i]))
    });
    let template = a.template.as_deref().and_then(|id| c.template(id));
    let href = pb.map(|p| {
        let query = template.map_or(String::new(), |t| format!("?tpl={}", t.id));
        let fragment = match (step, template) {
            (Some((i, s)), _) => format!("#{}", view::step_anchor(s, i)),
            (None, Some(t)) => format!("#tpl-{}", t.id),
            (None, None) => String::new(),
        };
        format!("playbooks/{}.html{query}{fragment}", p.id)
    });
    AnswerView {
        label: &a.label,
        next: a.next.as_deref(),
        playbook: pb.map(view::playbook_link),
        href,
        step: step.map(|(i, s)| {
            let n = r.t("toc_step").replace("{n}", &(i + 1).to_string());
            format!("{n} {}", s.title)
        }),
        template: template.map(|t| t.title.clone()),
    }
}

/// The tree as the triage script reads it from `#triage-data`.
#[derive(Debug, Serialize)]
struct TriageData<'a> {
    start: &'a str,
    nodes: Vec<NodeView<'a>>,
}

fn triage_data<'a>(t: &'a Triage, c: &Content, r: &Renderer) -> TriageData<'a> {
    TriageData {
        start: &t.start,
        nodes: triage_nodes(t, c, r),
    }
}

fn playbook_page(
    input: SiteInput<'_>,
    usage: &TemplateUsage<'_>,
    p: &Playbook,
    path: &str,
    r: &Renderer,
) -> Result<String, RenderError> {
    let c = input.content;
    let mut ctx = r.page_context(path);
    ctx.insert(
        "crumbs",
        &super::nav::crumbs(r, &[(p.situation.as_str(), None), (p.title.as_str(), None)]),
    );
    ctx.insert("toc", &super::nav::playbook_toc(p, c, r));
    ctx.insert("pb", p);
    ctx.insert("steps", &view::step_views(p, c, r));
    let tpls: Vec<TemplateView<'_>> = crate::validate::template_ids(p)
        .filter_map(|id| c.template(id))
        .map(|t| view::template_view(t, usage, input.config, r))
        .collect();
    ctx.insert("tpl_json", &script_json(&tpl_json(&tpls, c, r)));
    ctx.insert("shared_fields", &view::shared_fields(&tpls));
    ctx.insert("templates", &tpls);
    let platforms: Vec<String> = p
        .platforms
        .iter()
        .map(|k| view::platform_name(input.config, k))
        .collect();
    ctx.insert("platforms", &platforms);
    let causes: Vec<&Cause> = p.causes.iter().filter_map(|id| c.cause(id)).collect();
    ctx.insert("causes", &causes);
    let checklists: Vec<_> = p
        .checklists
        .iter()
        .filter_map(|id| c.checklist(id))
        .collect();
    ctx.insert("checklists", &checklists);
    ctx.insert("quiz", &c.quiz_for_playbook(&p.id));
    let related: Vec<LinkView> = p
        .related
        .iter()
        .filter_map(|id| c.playbook(id))
        .map(view::playbook_link)
        .collect();
    ctx.insert("related", &related);
    r.render("playbook.html", &ctx)
}

/// The JSON island read by `js/templates.js`: templates on the page, the labels of
/// reply-check findings, and interface strings.
#[derive(Debug, Serialize)]
pub(super) struct TplJson<'a> {
    templates: BTreeMap<&'a str, view::TemplateData<'a>>,
    labels: super::check_page::ReplyLabels,
    strings: BTreeMap<&'static str, &'a str>,
}

/// Interface strings the template script needs, by the name it uses → i18n key.
const TPL_STRINGS: [(&str, &str); 16] = [
    ("warn_empty", "tpl_warn_empty"),
    ("found", "copy_found"),
    ("copied", "tpl_copied"),
    ("copied_warnings", "copy_copied_warnings"),
    ("copied_errors", "copy_copied_errors"),
    ("copied_unchecked", "copy_copied_unchecked"),
    ("copy_failed", "tpl_copy_failed"),
    ("list_sep", "list_sep"),
    ("date_format", "tpl_date_format"),
    ("refused_empty", "copy_refused_empty"),
    ("refused_marker", "copy_refused_marker"),
    ("confirm", "copy_confirm"),
    ("confirm_unchecked", "copy_confirm_unchecked"),
    ("check_failed", "copy_check_failed"),
    ("shared_cleared", "shared_cleared"),
    ("missing", "copy_missing"),
];

pub(super) fn tpl_json<'a>(
    views: &[TemplateView<'a>],
    c: &'a Content,
    r: &'a Renderer,
) -> TplJson<'a> {
    TplJson {
        templates: view::template_data(views),
        labels: super::check_page::labels(c, r),
        strings: TPL_STRINGS.iter().map(|(k, key)| (*k, r.t(key))).collect(),
    }
}

/// A playbook listed on a cause page; `main` marks the cause's own playbook.
#[derive(Debug, Serialize)]
struct CausePlaybook {
    link: LinkView,
    summary: String,
    main: bool,
}

fn cause_page(
    input: SiteInput<'_>,
    cause: &Cause,
    path: &str,
    r: &Renderer,
) -> Result<String, RenderError> {
    let playbooks: Vec<CausePlaybook> = input
        .content
        .playbooks_for_cause(&cause.id)
        .into_iter()
        .map(|p| CausePlaybook {
            link: view::playbook_link(p),
            summary: p.summary.clone(),
            main: p.id == cause.playbook,
        })
        .collect();
    let mut ctx = r.page_context(path);
    ctx.insert(
        "crumbs",
        &super::nav::crumbs(
            r,
            &[
                (r.t("home_causes"), Some("index.html#causes")),
                (cause.name.as_str(), None),
            ],
        ),
    );
    ctx.insert("cause", cause);
    ctx.insert("playbooks", &playbooks);
    r.render("cause.html", &ctx)
}
