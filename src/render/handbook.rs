//! The print handbook: the whole training content on one page (`handbook.html`), for
//! new staff to read end to end or print (style lesson 9).
//!
//! It takes the same [`Content`] as the site. Every id is unique on the page (Markdown
//! footnote ids are prefixed per entry), every link between entries becomes an anchor
//! on the page (so the printed or saved page never points at another page), chapters
//! start on a new sheet (`print.css`), and reply templates show their placeholders as
//! 【label】 blanks to fill in by hand. `delaybook handbook --pdf` hands this page to a
//! local Chromium; the page itself never opens the print dialog.

use serde::Serialize;

use super::library::{quiz_view, rule_groups};
use super::markdown::{to_html_with, to_inline_html_with};
use super::refs::{Refs, RuleShown};
use super::view::{channel_key, human_deadline, step_anchor};
use super::{RenderError, Renderer};
use crate::config::Config;
use crate::playbooks::model::{Cause, Checklist, Playbook, QuizQuestion, Template};
use crate::validate::{Content, template_ids};

/// The page path of the handbook in the output.
pub const HANDBOOK_PATH: &str = "handbook.html";

/// Renders `handbook.html`.
pub fn render_handbook(
    content: &Content,
    config: &Config,
    r: &Renderer,
) -> Result<String, RenderError> {
    r.use_content(content, config);
    let refs = r.refs();
    let quiz_numbers = QuizNumbers::new(&content.quiz);
    let mut seen_templates = std::collections::BTreeSet::new();
    let playbooks: Vec<PlaybookView> = content
        .playbooks
        .iter()
        .map(|p| playbook_view(p, content, &quiz_numbers, &mut seen_templates, r, &refs))
        .collect();
    let mut ctx = r.page_context(HANDBOOK_PATH);
    ctx.insert(
        "causes",
        &content
            .causes
            .iter()
            .map(|c| cause_view(c, content, &refs))
            .collect::<Vec<_>>(),
    );
    ctx.insert("playbooks", &playbooks);
    ctx.insert("rules", &content.phrase_rules);
    ctx.insert(
        "checklists",
        &content
            .checklists
            .iter()
            .map(|c| checklist_view(c, &refs))
            .collect::<Vec<_>>(),
    );
    ctx.insert(
        "quiz",
        &content
            .quiz
            .iter()
            .enumerate()
            .map(|(i, q)| hb_quiz_view(i, q, content, r, &refs))
            .collect::<Vec<_>>(),
    );
    ctx.insert("platform_rules", &rule_groups(r));
    r.render(HANDBOOK_PATH, &ctx)
}

/// An anchor on the handbook page and the text that links to it.
#[derive(Debug, Serialize)]
struct Anchor {
    anchor: String,
    title: String,
}

#[derive(Debug, Serialize)]
struct CauseView<'a> {
    cause: &'a Cause,
    description: String,
    prevention: Vec<String>,
    playbook: Option<Anchor>,
}

fn cause_view<'a>(c: &'a Cause, content: &Content, refs: &Refs) -> CauseView<'a> {
    let prefix = format!("cause-{}-", c.id);
    CauseView {
        cause: c,
        description: scoped(&to_html_with(&c.description, refs, ""), &prefix),
        prevention: c
            .prevention
            .iter()
            .map(|p| scoped(&to_inline_html_with(p, refs, ""), &prefix))
            .collect(),
        playbook: content.playbook(&c.playbook).map(playbook_anchor),
    }
}

fn playbook_anchor(p: &Playbook) -> Anchor {
    Anchor {
        anchor: format!("pb-{}", p.id),
        title: p.title.clone(),
    }
}

#[derive(Debug, Serialize)]
struct StepView<'a> {
    anchor: String,
    title: &'a str,
    deadline: Option<String>,
    owner: Option<&'a str>,
    details: String,
}

#[derive(Debug, Serialize)]
struct TemplateView {
    /// Set on the first playbook that shows the template; later ones link to it.
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

#[derive(Debug, Serialize)]
struct PlaybookView<'a> {
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

fn playbook_view<'a>(
    p: &'a Playbook,
    content: &Content,
    quiz: &QuizNumbers,
    seen: &mut std::collections::BTreeSet<String>,
    r: &Renderer,
    refs: &Refs,
) -> PlaybookView<'a> {
    let prefix = format!("pb-{}-", p.id);
    let md = |text: &str| scoped(&to_html_with(text, refs, ""), &prefix);
    PlaybookView {
        pb: p,
        anchor: format!("pb-{}", p.id),
        applies_when: md(&p.applies_when),
        escalation: md(&p.escalation),
        causes: p
            .causes
            .iter()
            .filter_map(|id| content.cause(id))
            .map(|c| Anchor {
                anchor: format!("cause-{}", c.id),
                title: c.name.clone(),
            })
            .collect(),
        steps: hb_steps(p, &prefix, refs, r),
        templates: template_ids(p)
            .filter_map(|id| content.template(id))
            .map(|t| template_view(t, seen, r, refs))
            .collect(),
        anti_examples: p
            .anti_examples
            .iter()
            .map(|a| AntiView {
                bad: rewrite_links(&refs.html(&a.bad, "", true)),
                why: scoped(&to_inline_html_with(&a.why, refs, ""), &prefix),
                better: rewrite_links(&refs.html(&a.better, "", true)),
            })
            .collect(),
        checklists: p
            .checklists
            .iter()
            .filter_map(|id| content.checklist(id))
            .map(|c| Anchor {
                anchor: format!("cl-{}", c.id),
                title: c.title.clone(),
            })
            .collect(),
        related: p
            .related
            .iter()
            .filter_map(|id| content.playbook(id))
            .map(playbook_anchor)
            .collect(),
        quiz: quiz.for_playbook(&p.id),
    }
}

fn hb_steps<'a>(p: &'a Playbook, prefix: &str, refs: &Refs, r: &Renderer) -> Vec<StepView<'a>> {
    p.steps
        .iter()
        .enumerate()
        .map(|(i, s)| StepView {
            anchor: format!("{prefix}{}", step_anchor(s, i)),
            title: &s.title,
            deadline: s
                .deadline
                .as_deref()
                .and_then(|d| human_deadline(d, s.from.as_deref(), r)),
            owner: s.owner.as_deref(),
            details: scoped(&to_html_with(&s.details, refs, ""), prefix),
        })
        .collect()
}

/// A template is shown in full in the first playbook that uses it; later playbooks
/// link to that place.
fn template_view(
    t: &Template,
    seen: &mut std::collections::BTreeSet<String>,
    r: &Renderer,
    refs: &Refs,
) -> TemplateView {
    let first = seen.insert(t.id.clone());
    TemplateView {
        anchor: first.then(|| format!("tpl-{}", t.id)),
        first: Anchor {
            anchor: format!("tpl-{}", t.id),
            title: t.title.clone(),
        },
        channel: r
            .t(&format!("channel_{}", channel_key(t.channel)))
            .to_string(),
        tone: t.tone.clone(),
        use_when: rewrite_links(&refs.html(&t.use_when, "", true)),
        text: blanks(t, refs),
        rules: refs.rules_in(&t.text).into_iter().cloned().collect(),
    }
}

/// The template text with platform-rule values filled in and each `{{name}}` shown as
/// `【label】`, a blank to fill in.
fn blanks(t: &Template, refs: &Refs) -> String {
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

#[derive(Debug, Serialize)]
struct ChecklistView<'a> {
    list: &'a Checklist,
    items: Vec<String>,
}

fn checklist_view<'a>(c: &'a Checklist, refs: &Refs) -> ChecklistView<'a> {
    let prefix = format!("cl-{}-", c.id);
    ChecklistView {
        list: c,
        items: c
            .items
            .iter()
            .map(|i| scoped(&to_inline_html_with(i, refs, ""), &prefix))
            .collect(),
    }
}

#[derive(Debug, Serialize)]
struct QuizView<'a> {
    number: usize,
    q: &'a QuizQuestion,
    question: String,
    letter: String,
    answer: String,
    choices: Vec<(String, String)>,
    explanation: String,
    playbook: Option<Anchor>,
}

/// A question with its choices in the same shuffled order as the site, lettered A, B …
fn hb_quiz_view<'a>(
    i: usize,
    q: &'a QuizQuestion,
    content: &Content,
    r: &Renderer,
    refs: &Refs,
) -> QuizView<'a> {
    let letter = |n: usize| {
        char::from_u32('A' as u32 + n as u32).map_or_else(|| (n + 1).to_string(), String::from)
    };
    let site = quiz_view(i, q, content, r);
    let inline = |text: &str| rewrite_links(&refs.html(text, "", true));
    QuizView {
        number: i + 1,
        q,
        question: inline(&q.question),
        letter: letter(site.answer_index),
        answer: refs.plain(&site.answer_text),
        choices: site
            .choices
            .iter()
            .enumerate()
            .map(|(n, c)| (letter(n), inline(&c.text)))
            .collect(),
        explanation: scoped(
            &to_html_with(&q.explanation, refs, ""),
            &format!("quiz-{}-", q.id),
        ),
        playbook: q
            .about()
            .and_then(|id| content.playbook(id))
            .map(playbook_anchor),
    }
}

/// Question numbers (1-based, in content order) by the playbook they test.
struct QuizNumbers {
    by_playbook: Vec<(String, usize)>,
}

impl QuizNumbers {
    fn new(quiz: &[QuizQuestion]) -> Self {
        let by_playbook = quiz
            .iter()
            .enumerate()
            .filter_map(|(i, q)| q.about().map(|p| (p.to_string(), i + 1)))
            .collect();
        QuizNumbers { by_playbook }
    }

    fn for_playbook(&self, id: &str) -> Vec<usize> {
        self.by_playbook
            .iter()
            .filter(|(p, _)| p == id)
            .map(|(_, n)| *n)
            .collect()
    }
}

/// Makes a Markdown fragment safe to place on the shared page: footnote ids get
/// `prefix`, and links to other site pages become anchors on this page.
fn scoped(html: &str, prefix: &str) -> String {
    let html = html
        .replace("id=\"fn-", &format!("id=\"{prefix}fn-"))
        .replace("href=\"#fn-", &format!("href=\"#{prefix}fn-"));
    rewrite_links(&html)
}

/// Rewrites `href`s that point at other pages of the site into anchors of the
/// handbook: `playbooks/x.html` → `#pb-x`, `causes/x.html` → `#cause-x`,
/// `templates.html#tpl-x` → `#tpl-x`, `checklists.html#cl-x` → `#cl-x`; any other
/// relative page link is pointed at the top of the handbook.
pub fn rewrite_links(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find("href=\"") {
        let (before, after) = rest.split_at(i + 6);
        out.push_str(before);
        let end = after.find('"').unwrap_or(after.len());
        out.push_str(&anchor_for(&after[..end]));
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

fn anchor_for(href: &str) -> String {
    let external = href.starts_with('#')
        || href.contains("://")
        || href.starts_with("mailto:")
        || href.starts_with("tel:");
    if external {
        return href.to_string();
    }
    let path = href.trim_start_matches("./").trim_start_matches("../");
    let (page, fragment) = path.split_once('#').unwrap_or((path, ""));
    let stem = |prefix: &str| {
        page.strip_prefix(prefix)
            .and_then(|p| p.strip_suffix(".html"))
            .map(str::to_string)
    };
    if let Some(id) = stem("playbooks/") {
        return match fragment {
            f if f.starts_with("step-") => format!("#pb-{id}-{f}"),
            _ => format!("#pb-{id}"),
        };
    }
    if let Some(id) = stem("causes/") {
        return format!("#cause-{id}");
    }
    match (page, fragment) {
        ("templates.html" | "checklists.html" | "rules.html", f) if !f.is_empty() => {
            format!("#{f}")
        }
        _ => "#top".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::markdown::to_html;

    // The handbook is one page: a link to another page would break in print and in a
    // saved copy.
    #[test]
    fn links_between_pages_become_anchors() {
        let html = r##"<a href="../playbooks/out-of-stock.html">a</a><a href="causes/stockout.html">b</a><a href="templates.html#tpl-x">c</a><a href="https://example.com/">d</a><a href="#fn-1">e</a><a href="other.html">f</a>"##;
        let out = rewrite_links(html);
        assert_eq!(
            out,
            r##"<a href="#pb-out-of-stock">a</a><a href="#cause-stockout">b</a><a href="#tpl-x">c</a><a href="https://example.com/">d</a><a href="#fn-1">e</a><a href="#top">f</a>"##
        );
    }

    // Footnotes of two playbooks both start at fn-1; on one page they must not collide.
    #[test]
    fn footnote_ids_are_prefixed() {
        let html = to_html("x[^a]\n\n[^a]: note\n");
        let scoped = scoped(&html, "pb-one-");
        assert!(
            scoped.contains("id=\"pb-one-fn-1\"") && scoped.contains("href=\"#pb-one-fn-1\""),
            "{scoped}"
        );
    }
}
