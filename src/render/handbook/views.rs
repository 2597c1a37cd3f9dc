//! The handbook's view of each entry: Markdown rendered and scoped to the page,
//! section numbers attached, and links turned into anchors of the handbook.

use std::collections::BTreeSet;

use serde::Serialize;

use super::links::{rewrite_links, scoped};
use crate::playbooks::model::{Cause, Checklist, PhraseRule, Playbook, QuizQuestion, Template};
use crate::render::Renderer;
use crate::render::course::Plan;
use crate::render::markdown::{to_html_with, to_inline_html_with};
use crate::render::refs::{Refs, RuleShown};
use crate::render::view::{channel_key, human_deadline, step_anchor};
use crate::validate::{Content, template_ids};

/// What every view needs: the content, the tag resolver, the strings, the plan.
pub struct Ctx<'a> {
    /// The validated content.
    pub content: &'a Content,
    /// Tag resolver.
    pub refs: &'a Refs,
    /// Renderer (interface strings).
    pub r: &'a Renderer,
    /// The course plan (section numbers).
    pub plan: &'a Plan<'a>,
}

impl Ctx<'_> {
    /// Markdown block, scoped to `prefix`.
    pub fn md(&self, text: &str, prefix: &str) -> String {
        scoped(&to_html_with(text, self.refs, ""), prefix)
    }

    /// One-line Markdown, scoped to `prefix`.
    pub fn md_inline(&self, text: &str, prefix: &str) -> String {
        scoped(&to_inline_html_with(text, self.refs, ""), prefix)
    }

    /// Plain text with tags, as HTML with in-page links.
    pub fn plain(&self, text: &str) -> String {
        rewrite_links(&self.refs.html(text, "", true))
    }

    /// `5.2《title》` for a printed playbook, else the title.
    pub fn playbook_ref(&self, p: &Playbook) -> String {
        match self.plan.playbook_section.get(&p.id) {
            Some(n) => format!("{n}《{}》", p.title),
            None => format!("《{}》", p.title),
        }
    }
}

/// An entry of the table of contents.
#[derive(Debug, Serialize)]
pub struct TocEntry {
    /// Section number (`5.2`).
    pub number: String,
    /// Anchor on the page.
    pub anchor: String,
    /// Section title.
    pub title: String,
}

fn toc(number: &str, anchor: String, title: &str) -> TocEntry {
    TocEntry {
        number: number.to_string(),
        anchor,
        title: title.to_string(),
    }
}

impl CauseView<'_> {
    /// Its table-of-contents entry.
    pub fn toc(&self) -> TocEntry {
        toc(
            &self.number,
            format!("cause-{}", self.cause.id),
            &self.cause.name,
        )
    }
}

impl PlaybookView<'_> {
    /// Its table-of-contents entry.
    pub fn toc(&self) -> TocEntry {
        toc(&self.number, self.anchor.clone(), &self.pb.title)
    }
}

impl ChecklistView<'_> {
    /// Its table-of-contents entry.
    pub fn toc(&self) -> TocEntry {
        toc(
            &self.number,
            format!("cl-{}", self.list.id),
            &self.list.title,
        )
    }
}

impl RuleCategoryView<'_> {
    /// Its table-of-contents entry.
    pub fn toc(&self) -> TocEntry {
        toc(&self.number, self.anchor.clone(), &self.label)
    }
}

/// An anchor on the page and the text that links to it.
#[derive(Debug, Serialize)]
pub struct Anchor {
    /// The id on the page.
    pub anchor: String,
    /// The link text.
    pub title: String,
}

/// A cause, as a numbered section.
#[derive(Debug, Serialize)]
pub struct CauseView<'a> {
    number: String,
    cause: &'a Cause,
    description: String,
    prevention: Vec<String>,
    playbook: Option<Anchor>,
}

/// The cause `c` as section `number`.
pub fn cause_view<'a>(c: &'a Cause, number: String, x: &Ctx<'_>) -> CauseView<'a> {
    let prefix = format!("cause-{}-", c.id);
    CauseView {
        number,
        cause: c,
        description: x.md(&c.description, &prefix),
        prevention: c
            .prevention
            .iter()
            .map(|p| x.md_inline(p, &prefix))
            .collect(),
        playbook: x.content.playbook(&c.playbook).map(|p| Anchor {
            anchor: format!("pb-{}", p.id),
            title: x.playbook_ref(p),
        }),
    }
}

#[derive(Debug, Serialize)]
struct StepView<'a> {
    anchor: String,
    number: usize,
    title: &'a str,
    deadline: Option<String>,
    owner: Option<&'a str>,
    details: String,
}

/// A template: in full at the first place it is printed, else a link to that place.
#[derive(Debug, Serialize)]
pub struct TemplateView {
    anchor: Option<String>,
    first: Anchor,
    channel: String,
    tone: String,
    use_when: String,
    text: String,
    rules: Vec<RuleShown>,
}

#[derive(Debug, Serialize)]
struct AntiView {
    bad: String,
    why: String,
    better: String,
}

/// A playbook, as a numbered section.
#[derive(Debug, Serialize)]
pub struct PlaybookView<'a> {
    number: String,
    pb: &'a Playbook,
    anchor: String,
    applies_when: String,
    escalation: String,
    causes: Vec<Anchor>,
    steps: Vec<StepView<'a>>,
    templates: Vec<TemplateView>,
    anti_examples: Vec<AntiView>,
    checklists: Vec<Anchor>,
    related: Vec<Anchor>,
    quiz: Vec<usize>,
}

/// The playbook `p` as section `number`; `seen` holds the templates already printed.
pub fn playbook_view<'a>(
    p: &'a Playbook,
    number: String,
    seen: &mut BTreeSet<String>,
    x: &Ctx<'_>,
) -> PlaybookView<'a> {
    let prefix = format!("pb-{}-", p.id);
    let c = x.content;
    PlaybookView {
        number,
        pb: p,
        anchor: format!("pb-{}", p.id),
        applies_when: x.md(&p.applies_when, &prefix),
        escalation: x.md(&p.escalation, &prefix),
        causes: p
            .causes
            .iter()
            .filter_map(|id| c.cause(id))
            .map(|k| Anchor {
                anchor: format!("cause-{}", k.id),
                title: k.name.clone(),
            })
            .collect(),
        steps: steps(p, &prefix, x),
        templates: template_ids(p)
            .filter_map(|id| c.template(id))
            .map(|t| template_view(t, seen, x))
            .collect(),
        anti_examples: p
            .anti_examples
            .iter()
            .map(|a| AntiView {
                bad: x.plain(&a.bad),
                why: x.md_inline(&a.why, &prefix),
                better: x.plain(&a.better),
            })
            .collect(),
        checklists: p
            .checklists
            .iter()
            .filter_map(|id| c.checklist(id))
            .map(|k| Anchor {
                anchor: format!("cl-{}", k.id),
                title: k.title.clone(),
            })
            .collect(),
        related: p
            .related
            .iter()
            .filter_map(|id| c.playbook(id))
            .map(|k| Anchor {
                anchor: format!("pb-{}", k.id),
                title: x.playbook_ref(k),
            })
            .collect(),
        quiz: quiz_numbers(x.plan, &p.id),
    }
}

fn steps<'a>(p: &'a Playbook, prefix: &str, x: &Ctx<'_>) -> Vec<StepView<'a>> {
    p.steps
        .iter()
        .enumerate()
        .map(|(i, s)| StepView {
            anchor: format!("{prefix}{}", step_anchor(s, i)),
            number: i + 1,
            title: &s.title,
            deadline: s
                .deadline
                .as_deref()
                .and_then(|d| human_deadline(d, s.from.as_deref(), x.r)),
            owner: s.owner.as_deref(),
            details: x.md(&s.details, prefix),
        })
        .collect()
}

fn template_view(t: &Template, seen: &mut BTreeSet<String>, x: &Ctx<'_>) -> TemplateView {
    let first = seen.insert(t.id.clone());
    TemplateView {
        anchor: first.then(|| format!("tpl-{}", t.id)),
        first: Anchor {
            anchor: format!("tpl-{}", t.id),
            title: t.title.clone(),
        },
        channel: x
            .r
            .t(&format!("channel_{}", channel_key(t.channel)))
            .to_string(),
        tone: t.tone.clone(),
        use_when: x.plain(&t.use_when),
        text: blanks(t, x.refs),
        rules: x.refs.rules_in(&t.text).into_iter().cloned().collect(),
    }
}

/// The template text with platform-rule values filled in and each `{{name}}` shown as
/// `【label】`, a blank to fill in.
pub fn blanks(t: &Template, refs: &Refs) -> String {
    let mut text = refs.plain(t.text.trim());
    for p in &t.placeholders {
        let label = if p.label.is_empty() {
            &p.name
        } else {
            &p.label
        };
        for form in [
            format!("{{{{{}}}}}", p.name),
            format!("{{{{ {} }}}}", p.name),
        ] {
            text = text.replace(&form, &format!("【{label}】"));
        }
    }
    text
}

/// Self-test question numbers about playbook `id`.
fn quiz_numbers(plan: &Plan<'_>, id: &str) -> Vec<usize> {
    plan.quiz
        .iter()
        .enumerate()
        .filter(|(_, q)| q.about() == Some(id))
        .map(|(i, _)| i + 1)
        .collect()
}

/// A checklist, as a numbered section.
#[derive(Debug, Serialize)]
pub struct ChecklistView<'a> {
    number: String,
    list: &'a Checklist,
    items: Vec<String>,
    reset: String,
}

/// The checklist `c` as section `number`.
pub fn checklist_view<'a>(c: &'a Checklist, number: String, x: &Ctx<'_>) -> ChecklistView<'a> {
    let prefix = format!("cl-{}-", c.id);
    let reset = match c.reset.unwrap_or_default().key() {
        "never" => String::new(),
        key => x.r.t(&format!("hb_reset_{key}")).to_string(),
    };
    ChecklistView {
        number,
        list: c,
        items: c.items.iter().map(|i| x.md_inline(i, &prefix)).collect(),
        reset,
    }
}

/// The phrase rules of one category, as a numbered section.
#[derive(Debug, Serialize)]
pub struct RuleCategoryView<'a> {
    number: String,
    anchor: String,
    label: String,
    rules: Vec<&'a PhraseRule>,
}

/// The category of a phrase rule as written in YAML.
pub fn category_of(rule: &PhraseRule) -> String {
    serde_json::to_value(rule.category)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Phrase rules grouped by category (in order of first appearance), numbered from
/// `first` (a closure giving the number of the k-th group).
pub fn rule_categories<'a>(
    rules: &'a [PhraseRule],
    number: &dyn Fn(usize) -> String,
    r: &Renderer,
) -> Vec<RuleCategoryView<'a>> {
    let mut out: Vec<RuleCategoryView<'a>> = Vec::new();
    for rule in rules {
        let key = category_of(rule);
        match out.iter_mut().find(|g| g.anchor == format!("say-{key}")) {
            Some(g) => g.rules.push(rule),
            None => out.push(RuleCategoryView {
                number: number(out.len()),
                anchor: format!("say-{key}"),
                label: r.t(&format!("category_{key}")).to_string(),
                rules: vec![rule],
            }),
        }
    }
    out
}

/// A self-test question (no answer) and its answer-key entry.
#[derive(Debug, Serialize)]
pub struct QuizView<'a> {
    number: usize,
    q: &'a QuizQuestion,
    question: String,
    letter: String,
    answer: String,
    choices: Vec<(String, String)>,
    explanation: String,
    playbook: Option<Anchor>,
}

/// Question `q`, numbered `number` (1-based), choices in the site's shuffled order.
pub fn quiz_view<'a>(number: usize, q: &'a QuizQuestion, x: &Ctx<'_>) -> QuizView<'a> {
    let letter = |n: usize| {
        char::from_u32('A' as u32 + n as u32).map_or_else(|| (n + 1).to_string(), String::from)
    };
    let site = crate::render::library::quiz_view(number - 1, q, x.content, x.r);
    QuizView {
        number,
        q,
        question: x.plain(&q.question),
        letter: letter(site.answer_index),
        answer: x.refs.plain(&site.answer_text),
        choices: site
            .choices
            .iter()
            .enumerate()
            .map(|(n, c)| (letter(n), x.plain(&c.text)))
            .collect(),
        explanation: x.md(&q.explanation, &format!("quiz-{}-", q.id)),
        playbook: q
            .about()
            .and_then(|id| x.content.playbook(id))
            .map(|p| Anchor {
                anchor: format!("pb-{}", p.id),
                title: x.playbook_ref(p),
            }),
    }
}
