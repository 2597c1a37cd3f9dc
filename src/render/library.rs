//! The library pages: the reply-template library (`templates.html`), "check my reply"
//! (`check.html`, see [`super::check_page`]), the printable checklists
//! (`checklists.html`), the quiz (`quiz.html`) and the platform rules (`rules.html`).

use serde::Serialize;

use super::site::{SiteInput, tpl_json};
use super::view::{self, LinkView, TemplateUsage, TemplateView};
use super::{RenderError, Renderer, script_json};
use crate::output::OutputTree;
use crate::playbooks::model::{Checklist, QuizKind, QuizQuestion};
use crate::validate::Content;
use crate::validate::quiz::{answer_position, display_order};

/// Renders the library pages into `tree`.
pub fn render(
    input: SiteInput<'_>,
    usage: &TemplateUsage<'_>,
    r: &Renderer,
    tree: &mut OutputTree,
) -> Result<(), RenderError> {
    tree.insert("templates.html", templates_page(input, usage, r)?);
    super::check_page::render(input.content, r, tree)?;
    tree.insert("checklists.html", checklists_page(input.content, r)?);
    tree.insert("quiz.html", quiz_page(input.content, r)?);
    tree.insert("rules.html", rules_page(r)?);
    Ok(())
}

/// One option of a filter `<select>`: value and label.
#[derive(Debug, Serialize, PartialEq)]
struct FilterOption {
    value: String,
    label: String,
}

fn templates_page(
    input: SiteInput<'_>,
    usage: &TemplateUsage<'_>,
    r: &Renderer,
) -> Result<String, RenderError> {
    let c = input.content;
    let views: Vec<TemplateView<'_>> = c
        .templates
        .iter()
        .map(|t| view::template_view(t, usage, input.config, r))
        .collect();
    let mut ctx = r.page_context("templates.html");
    ctx.insert("crumbs", &crumbs(r, r.t("tpl_title")));
    ctx.insert("scenarios", &scenario_options(&views));
    ctx.insert("channels", &channel_options(&views));
    ctx.insert(
        "platform_options",
        &platform_options(&views, c, input.config),
    );
    ctx.insert("shared_fields", &view::shared_fields(&views));
    ctx.insert("tpl_json", &script_json(&tpl_json(&views, c, r)));
    ctx.insert("templates", &views);
    r.render("templates.html", &ctx)
}

fn push_unique(out: &mut Vec<FilterOption>, value: &str, label: &str) {
    if !out.iter().any(|o| o.value == value) {
        out.push(FilterOption {
            value: value.to_string(),
            label: label.to_string(),
        });
    }
}

fn scenario_options(views: &[TemplateView<'_>]) -> Vec<FilterOption> {
    let mut out = Vec::new();
    for v in views {
        for s in &v.scenarios {
            push_unique(&mut out, s, s);
        }
    }
    out
}

/// Every channel some template uses, in the order of the channel list.
fn channel_options(views: &[TemplateView<'_>]) -> Vec<FilterOption> {
    let mut used: Vec<(crate::playbooks::model::Channel, &TemplateView<'_>)> =
        views.iter().map(|v| (v.tpl.channel, v)).collect();
    used.sort_by_key(|(c, _)| *c);
    let mut out = Vec::new();
    for (_, v) in used {
        push_unique(&mut out, v.channel, &v.channel_label);
    }
    out
}

/// Every platform the shop works with: the configured ones, then any other platform
/// named by a template, a playbook or a platform rule. A template for all platforms
/// (no `platforms`) matches every option.
fn platform_options(
    views: &[TemplateView<'_>],
    c: &Content,
    config: &crate::config::Config,
) -> Vec<FilterOption> {
    let mut out = Vec::new();
    let keys = config
        .platforms
        .keys()
        .map(String::as_str)
        .chain(
            views
                .iter()
                .flat_map(|v| v.platform_keys.iter().map(String::as_str)),
        )
        .chain(
            c.playbooks
                .iter()
                .flat_map(|p| p.platforms.iter().map(String::as_str)),
        )
        .chain(c.platform_rules.iter().map(|p| p.platform.as_str()));
    for k in keys {
        push_unique(&mut out, k, &super::refs::platform_display(config, k));
    }
    out
}

fn crumbs(r: &Renderer, title: &str) -> Vec<super::nav::Crumb> {
    super::nav::crumbs(r, &[(title, None)])
}

/// A checklist with the playbooks that list it.
#[derive(Debug, Serialize)]
struct ChecklistView<'a> {
    list: &'a Checklist,
    used_by: Vec<LinkView>,
}

fn checklists_page(c: &Content, r: &Renderer) -> Result<String, RenderError> {
    let lists: Vec<ChecklistView<'_>> = c
        .checklists
        .iter()
        .map(|list| ChecklistView {
            list,
            used_by: c
                .playbooks
                .iter()
                .filter(|p| p.checklists.contains(&list.id))
                .map(view::playbook_link)
                .collect(),
        })
        .collect();
    let mut ctx = r.page_context("checklists.html");
    ctx.insert("crumbs", &crumbs(r, r.t("cl_title")));
    ctx.insert("checklists", &lists);
    r.render("checklists.html", &ctx)
}

/// One choice as shown: its text (a playbook title for a scenario question).
#[derive(Debug, Serialize)]
pub struct ChoiceView {
    /// The choice text, tags not yet rendered (the template uses the `refs` filter).
    pub text: String,
}

/// A quiz question with its choices in display order and the position of the right one.
#[derive(Debug, Serialize)]
pub struct QuizView<'a> {
    /// The question.
    pub q: &'a QuizQuestion,
    /// `第 3 题`.
    pub number: String,
    /// The choices, shuffled by question id.
    pub choices: Vec<ChoiceView>,
    /// Position of the right choice in `choices`.
    pub answer_index: usize,
    /// The right choice's text.
    pub answer_text: String,
    /// True for "which playbook applies?".
    pub scenario: bool,
    /// The playbook the question is about.
    pub playbook: Option<LinkView>,
}

/// The view of question `q`, numbered `i` (0-based).
pub fn quiz_view<'a>(i: usize, q: &'a QuizQuestion, c: &Content, r: &Renderer) -> QuizView<'a> {
    let scenario = q.kind == QuizKind::Scenario;
    let shown = |id: &str| -> String {
        if scenario {
            c.playbook(id)
                .map_or_else(|| id.to_string(), |p| p.title.clone())
        } else {
            id.to_string()
        }
    };
    let order = display_order(q);
    QuizView {
        q,
        number: r.t("quiz_question").replace("{n}", &(i + 1).to_string()),
        choices: order
            .iter()
            .map(|&k| ChoiceView {
                text: shown(&q.choices[k]),
            })
            .collect(),
        answer_index: answer_position(q).unwrap_or(0),
        answer_text: shown(&q.answer),
        scenario,
        playbook: q
            .about()
            .and_then(|id| c.playbook(id))
            .map(view::playbook_link),
    }
}

fn quiz_page(c: &Content, r: &Renderer) -> Result<String, RenderError> {
    let questions: Vec<QuizView<'_>> = c
        .quiz
        .iter()
        .enumerate()
        .map(|(i, q)| quiz_view(i, q, c, r))
        .collect();
    let mut ctx = r.page_context("quiz.html");
    ctx.insert("crumbs", &crumbs(r, r.t("quiz_title")));
    ctx.insert("questions", &questions);
    r.render("quiz.html", &ctx)
}

/// The rules of one platform, for `rules.html` and the handbook.
#[derive(Debug, Serialize)]
pub struct RuleGroup {
    /// Platform display name.
    pub platform: String,
    /// Platform key (anchor `platform-<key>`).
    pub key: String,
    /// Its rules, in content order.
    pub rules: Vec<super::refs::RuleShown>,
}

/// Every platform rule, grouped by platform in content order.
pub fn rule_groups(r: &Renderer) -> Vec<RuleGroup> {
    let refs = r.refs();
    let mut groups: Vec<RuleGroup> = Vec::new();
    for rule in refs.all_rules() {
        match groups.iter_mut().find(|g| g.key == rule.platform_key) {
            Some(g) => g.rules.push(rule.clone()),
            None => groups.push(RuleGroup {
                platform: rule.platform.clone(),
                key: rule.platform_key.clone(),
                rules: vec![rule.clone()],
            }),
        }
    }
    groups
}

fn rules_page(r: &Renderer) -> Result<String, RenderError> {
    let mut ctx = r.page_context("rules.html");
    ctx.insert("crumbs", &crumbs(r, r.t("rules_title")));
    ctx.insert("groups", &rule_groups(r));
    r.render("rules.html", &ctx)
}
