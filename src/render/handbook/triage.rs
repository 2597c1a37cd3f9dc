//! The triage tree as a printed decision chart: each question is a numbered section,
//! each answer says where to go — the next question, or the section, step and reply of
//! the playbook to use. Shared by `handbook.html` and `handbook.md`.

use serde::Serialize;

use crate::playbooks::model::TriageNode;
use crate::render::Renderer;
use crate::render::course::{Chapter, Plan};
use crate::render::view::step_anchor;
use crate::validate::Content;

/// One question of the chart.
#[derive(Debug, Serialize)]
pub struct ChartQuestion<'a> {
    /// Section number (`3.2`).
    pub number: String,
    /// `问题2`.
    pub label: String,
    /// Anchor `tri-<id>`.
    pub anchor: String,
    /// The question.
    pub question: &'a str,
    /// Markdown help (rendered by each format).
    pub help: &'a str,
    /// Where each answer leads.
    pub answers: Vec<ChartAnswer<'a>>,
}

/// Where one answer leads.
#[derive(Debug, Serialize)]
pub struct ChartAnswer<'a> {
    /// The answer label.
    pub label: &'a str,
    /// The next question: (anchor, `问题3（3.3）`).
    pub next: Option<(String, String)>,
    /// The playbook: (anchor, `5.2《…》`).
    pub playbook: Option<(String, String)>,
    /// The step: (anchor, `第2步“…”`).
    pub step: Option<(String, String)>,
    /// The template: (anchor, `“…”`).
    pub template: Option<(String, String)>,
}

/// The chart of the triage chapter `ch`.
pub fn chart<'a>(
    ch: &Chapter<'_>,
    plan: &Plan<'a>,
    content: &Content,
    r: &Renderer,
) -> Vec<ChartQuestion<'a>> {
    let label = |k: usize| {
        r.t("hb_triage_question")
            .replace("{n}", &(k + 1).to_string())
    };
    let index = |id: &str| plan.triage.iter().position(|n| n.id == id);
    plan.triage
        .iter()
        .enumerate()
        .map(|(k, n)| ChartQuestion {
            number: ch.section(k),
            label: label(k),
            anchor: format!("tri-{}", n.id),
            question: &n.question,
            help: &n.help,
            answers: answers(
                n,
                &|id| index(id).map(|i| (label(i), ch.section(i))),
                plan,
                content,
                r,
            ),
        })
        .collect()
}

fn answers<'a>(
    n: &'a TriageNode,
    question: &dyn Fn(&str) -> Option<(String, String)>,
    plan: &Plan<'_>,
    content: &Content,
    r: &Renderer,
) -> Vec<ChartAnswer<'a>> {
    n.answers
        .iter()
        .map(|a| {
            let next = a.next.as_deref().and_then(|id| {
                question(id)
                    .map(|(label, number)| (format!("tri-{id}"), format!("{label}（{number}）")))
            });
            let pb = a.playbook.as_deref().and_then(|id| content.playbook(id));
            let playbook = pb.map(|p| {
                let title = match plan.playbook_section.get(&p.id) {
                    Some(num) => format!("{num}《{}》", p.title),
                    None => format!("《{}》", p.title),
                };
                (format!("pb-{}", p.id), title)
            });
            let step = pb.and_then(|p| {
                let want = a.step.as_deref()?;
                let (i, s) = p
                    .steps
                    .iter()
                    .enumerate()
                    .find(|(_, s)| s.id.as_deref() == Some(want))?;
                let n = r.t("hb_step").replace("{n}", &(i + 1).to_string());
                Some((
                    format!("pb-{}-{}", p.id, step_anchor(s, i)),
                    format!("{n}“{}”", s.title),
                ))
            });
            let template = a
                .template
                .as_deref()
                .and_then(|id| content.template(id))
                .map(|t| (format!("tpl-{}", t.id), format!("“{}”", t.title)));
            ChartAnswer {
                label: &a.label,
                next,
                playbook,
                step,
                template,
            }
        })
        .collect()
}
