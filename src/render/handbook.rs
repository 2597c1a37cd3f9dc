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

use super::markdown::{to_html, to_inline_html};
use super::view::{channel_key, human_deadline};
use super::{RenderError, Renderer};
use crate::playbooks::model::{Cause, Checklist, Playbook, QuizQuestion, Template};
use crate::validate::{Content, template_ids};

/// The page path of the handbook in the output.
pub const HANDBOOK_PATH: &str = "handbook.html";

/// Renders `handbook.html`.
pub fn render_handbook(content: &Content, r: &Renderer) -> Result<String, RenderError> {
    let quiz_numbers = QuizNumbers::new(&content.quiz);
    let mut seen_templates = std::collections::BTreeSet::new();
    let playbooks: Vec<PlaybookView> = content
        .playbooks
        .iter()
        .map(|p| playbook_view(p, content, &quiz_numbers, &mut seen_templates, r))
        .collect();
    let mut ctx = r.page_context(HANDBOOK_PATH);
    ctx.insert(
        "causes",
        &content
            .causes
            .iter()
            .map(|c| cause_view(c, content))
            .collect::<Vec<_>>(),
    );
    ctx.insert("playbooks", &playbooks);
    ctx.insert("rules", &content.phrase_rules);
    ctx.insert(
        "checklists",
        &content
            .checklists
            .iter()
            .map(checklist_view)
            .collect::<Vec<_>>(),
    );
    ctx.insert(
        "quiz",
        &content
            .quiz
            .iter()
            .enumerate()
            .map(|(i, q)| quiz_view(i, q, content))
            .collect::<Vec<_>>(),
    );
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

fn cause_view<'a>(c: &'a Cause, content: &Content) -> CauseView<'a> {
    let prefix = format!("cause-{}-", c.id);
    CauseView {
        cause: c,
        description: scoped(&to_html(&c.description), &prefix),
        prevention: c
            .prevention
            .iter()
            .map(|p| scoped(&to_inline_html(p), &prefix))
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
}

#[derive(Debug, Serialize)]
struct AntiView<'a> {
    bad: &'a str,
    why: String,
    better: &'a str,
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
    anti_examples: Vec<AntiView<'a>>,
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
) -> PlaybookView<'a> {
    let prefix = format!("pb-{}-", p.id);
    let md = |text: &str| scoped(&to_html(text), &prefix);
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
        steps: p
            .steps
            .iter()
            .map(|s| StepView {
                title: &s.title,
                deadline: s
                    .deadline
                    .as_deref()
                    .and_then(|d| human_deadline(d, s.from.as_deref(), r)),
                owner: s.owner.as_deref(),
                details: md(&s.details),
            })
            .collect(),
        templates: template_ids(p)
            .filter_map(|id| content.template(id))
            .map(|t| template_view(t, seen, r))
            .collect(),
        anti_examples: p
            .anti_examples
            .iter()
            .map(|a| AntiView {
                bad: &a.bad,
                why: scoped(&to_inline_html(&a.why), &prefix),
                better: &a.better,
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

/// A template is shown in full in the first playbook that uses it; later playbooks
/// link to that place.
fn template_view(
    t: &Template,
    seen: &mut std::collections::BTreeSet<String>,
    r: &Renderer,
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
        use_when: t.use_when.clone(),
        text: blanks(t),
    }
}

/// The template text with each `{{name}}` shown as `【label】`, a blank to fill in.
fn blanks(t: &Template) -> String {
    let mut text = t.text.trim().to_string();
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

fn checklist_view(c: &Checklist) -> ChecklistView<'_> {
    let prefix = format!("cl-{}-", c.id);
    ChecklistView {
        list: c,
        items: c
            .items
            .iter()
            .map(|i| scoped(&to_inline_html(i), &prefix))
            .collect(),
    }
}

#[derive(Debug, Serialize)]
struct QuizView<'a> {
    number: usize,
    q: &'a QuizQuestion,
    letter: String,
    choices: Vec<(String, &'a str)>,
    explanation: String,
    playbook: Option<Anchor>,
}

fn quiz_view<'a>(i: usize, q: &'a QuizQuestion, content: &Content) -> QuizView<'a> {
    let letter = |n: usize| {
        char::from_u32('A' as u32 + n as u32).map_or_else(|| (n + 1).to_string(), String::from)
    };
    let answer = q.choices.iter().position(|c| *c == q.answer).unwrap_or(0);
    QuizView {
        number: i + 1,
        q,
        letter: letter(answer),
        choices: q
            .choices
            .iter()
            .enumerate()
            .map(|(n, c)| (letter(n), c.as_str()))
            .collect(),
        explanation: scoped(&to_html(&q.explanation), &format!("quiz-{}-", q.id)),
        playbook: q
            .playbook
            .as_deref()
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
            .filter_map(|(i, q)| q.playbook.clone().map(|p| (p, i + 1)))
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
        return format!("#pb-{id}");
    }
    if let Some(id) = stem("causes/") {
        return format!("#cause-{id}");
    }
    match (page, fragment) {
        ("templates.html" | "checklists.html", f) if !f.is_empty() => format!("#{f}"),
        _ => "#top".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
