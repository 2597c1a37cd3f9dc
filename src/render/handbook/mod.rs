//! The print handbook: the training course on one page (`handbook.html`) and the same
//! course as Markdown (`handbook.md`, see [`md`]), for new staff to read end to end,
//! print, or paste into a wiki (style lesson 9).
//!
//! Both follow one [`Plan`]: numbered chapters in the configured teaching order, each
//! opening with what the reader will be able to do and closing with a recap, then the
//! appendices — glossary, platform rules, and the answer key of the self-test last.
//! The page prints on A4 with the chapter title as a running header and page numbers
//! (CSS paged media: named pages and margin boxes, which Chromium prints). Every id is
//! unique on the page, every link between entries is an anchor on the page, and reply
//! templates show their placeholders as 【label】 blanks to fill in by hand. On screen
//! the page has the site's header and a way back; both are hidden in print.
//! `delaybook handbook --pdf` hands the page to a local Chromium.

pub mod links;
pub mod md;
mod md_playbook;
mod md_text;
mod triage;
mod views;

use std::collections::BTreeSet;

use serde::Serialize;

use super::course::{Chapter, Plan};
use super::library::rule_groups;
use super::{RenderError, Renderer};
use crate::config::Config;
use crate::playbooks::course::ChapterKind;
use crate::validate::Content;
use views::{Ctx, QuizView, TocEntry};

/// The page path of the handbook in the output.
pub const HANDBOOK_PATH: &str = "handbook.html";
/// The Markdown handbook in the output.
pub const HANDBOOK_MD_PATH: &str = "handbook.md";
/// The running headers of the printed chapters (named pages), made per build.
pub const PAGES_CSS_PATH: &str = "css/handbook-pages.css";

/// Every file of the handbook: `handbook.html`, its page rules and `handbook.md`.
pub fn render_files(
    content: &Content,
    config: &Config,
    r: &Renderer,
) -> Result<crate::output::OutputTree, RenderError> {
    let (html, css) = render_page(content, config, r)?;
    let mut tree = crate::output::OutputTree::new();
    tree.insert(HANDBOOK_PATH, html);
    tree.insert(PAGES_CSS_PATH, css);
    tree.insert(HANDBOOK_MD_PATH, md::render_markdown(content, config, r));
    Ok(tree)
}

/// `handbook.html` and its page rules (the CSS of [`PAGES_CSS_PATH`]).
fn render_page(
    content: &Content,
    config: &Config,
    r: &Renderer,
) -> Result<(String, String), RenderError> {
    r.use_content(content, config);
    let refs = r.refs();
    let plan = Plan::new(content, config, r);
    let x = Ctx {
        content,
        refs: &refs,
        r,
        plan: &plan,
    };
    let mut seen = BTreeSet::new();
    let chapters: Vec<ChapterView<'_>> = plan
        .chapters
        .iter()
        .map(|ch| chapter_view(ch, &x, &mut seen))
        .collect();
    let appendices = appendices(content, &plan, r);
    let answers: Vec<QuizView<'_>> = plan
        .quiz
        .iter()
        .enumerate()
        .map(|(i, q)| views::quiz_view(i + 1, q, &x))
        .collect();
    let glossary: Vec<GlossaryView> = content
        .glossary
        .iter()
        .map(|g| GlossaryView {
            term: g.term.clone(),
            aliases: g.aliases.join(r.t("list_sep")),
            definition: x.md_inline(&g.definition, "glossary-"),
        })
        .collect();
    let css = page_css(&chapters, &appendices);
    let mut ctx = r.page_context(HANDBOOK_PATH);
    ctx.insert("chapters", &chapters);
    ctx.insert("appendices", &appendices);
    ctx.insert("answers", &answers);
    ctx.insert("glossary", &glossary);
    ctx.insert("platform_rules", &rule_groups(r));
    let mut html = links::fix_dangling(&r.render(HANDBOOK_PATH, &ctx)?);
    // References to a playbook read with its section number: 4.1《…》.
    for (id, number) in &plan.playbook_section {
        html = html.replace(
            &format!("<a class=\"xref\" href=\"#pb-{id}\">《"),
            &format!("<a class=\"xref\" href=\"#pb-{id}\">{number}《"),
        );
    }
    Ok((html, css))
}

/// An authored section.
#[derive(Debug, Serialize)]
struct TextView {
    number: String,
    anchor: String,
    title: String,
    body: String,
}

/// A question of the decision chart, with its help rendered.
#[derive(Debug, Serialize)]
struct ChartView<'a> {
    q: triage::ChartQuestion<'a>,
    help: String,
}

/// A group of self-test questions (one kind), as a section.
#[derive(Debug, Serialize)]
struct QuizGroup<'a> {
    number: String,
    anchor: String,
    title: String,
    questions: Vec<QuizView<'a>>,
}

/// One printed chapter.
#[derive(Debug, Serialize)]
struct ChapterView<'a> {
    number: usize,
    heading: String,
    title: String,
    anchor: String,
    page: String,
    kind: &'static str,
    goals: Vec<String>,
    intro: String,
    texts: Vec<TextView>,
    causes: Vec<views::CauseView<'a>>,
    chart: Vec<ChartView<'a>>,
    playbooks: Vec<views::PlaybookView<'a>>,
    categories: Vec<views::RuleCategoryView<'a>>,
    checklists: Vec<views::ChecklistView<'a>>,
    quiz: Vec<QuizGroup<'a>>,
    recap: Vec<String>,
    toc: Vec<TocEntry>,
}

fn kind_key(kind: ChapterKind) -> &'static str {
    match kind {
        ChapterKind::Text => "text",
        ChapterKind::Causes => "causes",
        ChapterKind::Triage => "triage",
        ChapterKind::Playbooks => "playbooks",
        ChapterKind::NeverSay => "never_say",
        ChapterKind::Prevention => "prevention",
        ChapterKind::SelfTest => "self_test",
    }
}

fn chapter_view<'a>(ch: &Chapter<'a>, x: &Ctx<'a>, seen: &mut BTreeSet<String>) -> ChapterView<'a> {
    let prefix = format!("ch-{}-", ch.id);
    let texts: Vec<TextView> = ch
        .texts
        .iter()
        .enumerate()
        .map(|(k, s)| TextView {
            number: ch.text_section(k),
            anchor: format!("ch-{}-{}", ch.id, k + 1),
            title: s.title.clone(),
            body: x.md(&s.body, &format!("{prefix}{}-", k + 1)),
        })
        .collect();
    let mut view = ChapterView {
        number: ch.number,
        heading: x.r.t("hb_chapter").replace("{n}", &ch.number.to_string()),
        title: ch.title.clone(),
        anchor: format!("ch-{}", ch.id),
        page: format!("ch{}", ch.number),
        kind: kind_key(ch.kind),
        goals: ch.goals.iter().map(|g| x.md_inline(g, &prefix)).collect(),
        intro: x.md(ch.intro, &prefix),
        texts,
        causes: Vec::new(),
        chart: Vec::new(),
        playbooks: Vec::new(),
        categories: Vec::new(),
        checklists: Vec::new(),
        quiz: Vec::new(),
        recap: ch.recap.iter().map(|g| x.md_inline(g, &prefix)).collect(),
        toc: Vec::new(),
    };
    fill_material(&mut view, ch, x, seen);
    view.toc = toc_of(&view);
    view
}

/// The chapter's built-in material, numbered after its authored sections.
fn fill_material<'a>(
    view: &mut ChapterView<'a>,
    ch: &Chapter<'a>,
    x: &Ctx<'a>,
    seen: &mut BTreeSet<String>,
) {
    let c = x.content;
    match ch.kind {
        ChapterKind::Text => {}
        ChapterKind::Causes => {
            view.causes = c
                .causes
                .iter()
                .enumerate()
                .map(|(k, cause)| views::cause_view(cause, ch.section(k), x))
                .collect();
        }
        ChapterKind::Triage => {
            view.chart = triage::chart(ch, x.plan, c, x.r)
                .into_iter()
                .map(|q| ChartView {
                    help: x.md(q.help, &format!("{}-", q.anchor)),
                    q,
                })
                .collect();
        }
        ChapterKind::Playbooks => {
            view.playbooks = ch
                .playbooks
                .iter()
                .enumerate()
                .map(|(k, p)| views::playbook_view(p, ch.section(k), seen, x))
                .collect();
        }
        ChapterKind::NeverSay => {
            view.categories = views::rule_categories(&c.phrase_rules, &|k| ch.section(k), x.r);
        }
        ChapterKind::Prevention => {
            view.checklists = c
                .checklists
                .iter()
                .enumerate()
                .map(|(k, l)| views::checklist_view(l, ch.section(k), x))
                .collect();
        }
        ChapterKind::SelfTest => view.quiz = quiz_groups(ch, x),
    }
}

/// The self-test in two sections (choice, then scenario questions), numbered like the
/// answer key.
fn quiz_groups<'a>(ch: &Chapter<'a>, x: &Ctx<'a>) -> Vec<QuizGroup<'a>> {
    let mut groups: Vec<QuizGroup<'a>> = Vec::new();
    for (i, q) in x.plan.quiz.iter().enumerate() {
        let scenario = q.kind == crate::playbooks::model::QuizKind::Scenario;
        let key = if scenario { "scenario" } else { "choice" };
        if groups.last().is_none_or(|g| !g.anchor.ends_with(key)) {
            groups.push(QuizGroup {
                number: ch.section(groups.len()),
                anchor: format!("selftest-{key}"),
                title: x.r.t(&format!("hb_quiz_{key}")).to_string(),
                questions: Vec::new(),
            });
        }
        if let Some(g) = groups.last_mut() {
            g.questions.push(views::quiz_view(i + 1, q, x));
        }
    }
    groups
}

fn toc_of(v: &ChapterView<'_>) -> Vec<TocEntry> {
    let entry = |number: &str, anchor: &str, title: &str| TocEntry {
        number: number.to_string(),
        anchor: anchor.to_string(),
        title: title.to_string(),
    };
    let mut out: Vec<TocEntry> = v
        .texts
        .iter()
        .map(|t| entry(&t.number, &t.anchor, &t.title))
        .collect();
    out.extend(v.causes.iter().map(|c| c.toc()));
    out.extend(
        v.chart
            .iter()
            .map(|c| entry(&c.q.number, &c.q.anchor, c.q.question)),
    );
    out.extend(v.playbooks.iter().map(|p| p.toc()));
    out.extend(v.categories.iter().map(|c| c.toc()));
    out.extend(v.checklists.iter().map(|c| c.toc()));
    out.extend(v.quiz.iter().map(|g| entry(&g.number, &g.anchor, &g.title)));
    out
}

/// An appendix: its label (`附录A`), title, anchor and page name.
#[derive(Debug, Serialize)]
struct Appendix {
    label: String,
    title: String,
    anchor: &'static str,
    page: String,
}

/// Glossary, platform rules and the answer key, in that order, when they have content.
fn appendices(content: &Content, plan: &Plan<'_>, r: &Renderer) -> Vec<Appendix> {
    let wanted = [
        ("glossary", "hb_glossary", !content.glossary.is_empty()),
        (
            "platform-rules",
            "hb_platform_rules",
            !content.platform_rules.is_empty(),
        ),
        ("answers", "hb_answers", !plan.quiz.is_empty()),
    ];
    wanted
        .into_iter()
        .filter(|(_, _, present)| *present)
        .enumerate()
        .map(|(i, (anchor, key, _))| {
            let letter = char::from(b'A' + i as u8).to_string();
            Appendix {
                label: r.t("hb_appendix").replace("{n}", &letter),
                title: r.t(key).to_string(),
                anchor,
                page: format!("ap{}", i + 1),
            }
        })
        .collect()
}

/// Named pages with the chapter (or appendix) title as the running header. The titles
/// come from content, so they go through [`links::css_string`]; the rules live in their
/// own file, so the page has no `<style>` element.
fn page_css(chapters: &[ChapterView<'_>], appendices: &[Appendix]) -> String {
    let pages = chapters
        .iter()
        .map(|c| (c.page.as_str(), format!("{} {}", c.heading, c.title)))
        .chain(
            appendices
                .iter()
                .map(|a| (a.page.as_str(), format!("{} {}", a.label, a.title))),
        );
    let mut css = String::from("/* Running headers of the printed handbook (generated). */\n");
    for (page, header) in pages {
        css.push_str(&format!(
            ".pg-{page}{{page:{page}}}@page {page}{{@top-center{{content:{}}}}}\n",
            links::css_string(&header)
        ));
    }
    css
}

/// One glossary entry.
#[derive(Debug, Serialize)]
struct GlossaryView {
    term: String,
    aliases: String,
    definition: String,
}
