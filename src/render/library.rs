//! The library pages: the reply-template library (`templates.html`), "check my reply"
//! (`check.html`), the printable checklists (`checklists.html`) and the quiz
//! (`quiz.html`).

use serde::Serialize;

use super::site::{SiteInput, tpl_json};
use super::view::{self, LinkView, TemplateUsage, TemplateView};
use super::{RenderError, Renderer, script_json};
use crate::output::OutputTree;
use crate::playbooks::model::{Checklist, PhraseRule, QuizQuestion};
use crate::validate::Content;

/// Renders the four library pages into `tree`.
pub fn render(
    input: SiteInput<'_>,
    usage: &TemplateUsage<'_>,
    r: &Renderer,
    tree: &mut OutputTree,
) -> Result<(), RenderError> {
    tree.insert("templates.html", templates_page(input, usage, r)?);
    tree.insert("check.html", check_page(input.content, r)?);
    tree.insert("checklists.html", checklists_page(input.content, r)?);
    tree.insert("quiz.html", quiz_page(input.content, r)?);
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
    ctx.insert("scenarios", &scenario_options(&views));
    ctx.insert("channels", &channel_options(&views));
    ctx.insert("platform_options", &platform_options(&views));
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

fn channel_options(views: &[TemplateView<'_>]) -> Vec<FilterOption> {
    let mut out = Vec::new();
    for v in views {
        push_unique(&mut out, v.channel, &v.channel_label);
    }
    out
}

fn platform_options(views: &[TemplateView<'_>]) -> Vec<FilterOption> {
    let mut out = Vec::new();
    for v in views {
        for (k, name) in v.platform_keys.iter().zip(&v.platforms) {
            push_unique(&mut out, k, name);
        }
    }
    out
}

/// A phrase rule with its category label, for the rule list on the check page.
#[derive(Debug, Serialize)]
struct RuleView<'a> {
    rule: &'a PhraseRule,
    category: String,
    category_label: String,
}

fn check_page(c: &Content, r: &Renderer) -> Result<String, RenderError> {
    let rules: Vec<RuleView<'_>> = c
        .phrase_rules
        .iter()
        .map(|rule| {
            let category = view::category_key(rule);
            let category_label = r.t(&format!("category_{category}")).to_string();
            RuleView {
                rule,
                category,
                category_label,
            }
        })
        .collect();
    let mut ctx = r.page_context("check.html");
    ctx.insert("rules", &rules);
    ctx.insert(
        "rules_json",
        &script_json(&view::rule_data(&c.phrase_rules)),
    );
    r.render("check.html", &ctx)
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
    ctx.insert("checklists", &lists);
    r.render("checklists.html", &ctx)
}

/// A quiz question with the index of the right choice and its playbook.
#[derive(Debug, Serialize)]
struct QuizView<'a> {
    q: &'a QuizQuestion,
    number: String,
    answer_index: usize,
    playbook: Option<LinkView>,
}

fn quiz_page(c: &Content, r: &Renderer) -> Result<String, RenderError> {
    let questions: Vec<QuizView<'_>> = c
        .quiz
        .iter()
        .enumerate()
        .map(|(i, q)| QuizView {
            q,
            number: r.t("quiz_question").replace("{n}", &(i + 1).to_string()),
            answer_index: q.choices.iter().position(|x| *x == q.answer).unwrap_or(0),
            playbook: q
                .playbook
                .as_deref()
                .and_then(|id| c.playbook(id))
                .map(view::playbook_link),
        })
        .collect();
    let mut ctx = r.page_context("quiz.html");
    ctx.insert("questions", &questions);
    r.render("quiz.html", &ctx)
}
