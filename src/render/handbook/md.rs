//! `handbook.md`: the same course as `handbook.html`, as Markdown for a wiki or a chat
//! tool (企业微信、钉钉文档、飞书). Same [`Plan`], same numbers; reply templates are
//! fenced blocks with 【label】 blanks; no raw HTML anywhere (content Markdown goes
//! through [`crate::render::markdown::neutralize_html`], plain text is escaped).
//! Links between entries become section numbers, which survive any wiki.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::md_text::{self as mt, escape};
use super::triage::chart;
use super::views::category_of;
use crate::config::Config;
use crate::playbooks::course::ChapterKind;
use crate::playbooks::model::{Playbook, QuizQuestion};
use crate::render::Renderer;
use crate::render::course::{Chapter, Plan};
use crate::render::library::rule_groups;
use crate::render::refs::Refs;
use crate::validate::Content;

/// Everything the writer needs.
pub(super) struct W<'a> {
    pub(super) out: String,
    pub(super) content: &'a Content,
    pub(super) refs: &'a Refs,
    pub(super) r: &'a Renderer,
    pub(super) plan: &'a Plan<'a>,
    /// Template id → the section that prints it in full.
    pub(super) printed: BTreeMap<String, String>,
}

impl W<'_> {
    pub(super) fn t(&self, key: &str) -> String {
        self.r.t(key).to_string()
    }

    pub(super) fn line(&mut self, s: &str) {
        self.out.push_str(s);
        self.out.push_str("\n\n");
    }

    fn list(&mut self, items: &[String]) {
        for i in items {
            let _ = writeln!(self.out, "- {i}");
        }
        self.out.push('\n');
    }

    fn playbook_ref(&self, p: &Playbook) -> String {
        let title = escape(&p.title);
        match self.plan.playbook_section.get(&p.id) {
            Some(n) => format!("{n}《{title}》"),
            None => format!("《{title}》"),
        }
    }
}

/// Renders `handbook.md`.
pub fn render_markdown(content: &Content, config: &Config, r: &Renderer) -> String {
    r.use_content(content, config);
    let refs = r.refs();
    let plan = Plan::new(content, config, r);
    let mut w = W {
        out: String::new(),
        content,
        refs: &refs,
        r,
        plan: &plan,
        printed: BTreeMap::new(),
    };
    front(&mut w, config);
    for ch in &plan.chapters {
        chapter(&mut w, ch);
    }
    appendices(&mut w);
    let mut out = w.out.trim_end().to_string();
    out.push('\n');
    out
}

fn front(w: &mut W<'_>, config: &Config) {
    let title = format!(
        "{} · {}",
        escape(&config.site.title),
        escape(&w.t("hb_title"))
    );
    w.line(&format!("# {title}"));
    for key in ["hb_md_note", "hb_intro", "hb_how_to_use"] {
        let text = escape(&w.t(key));
        w.line(&text);
    }
    w.line(&format!("## {}", escape(&w.t("hb_contents"))));
    let mut toc = String::new();
    for ch in &w.plan.chapters {
        let _ = writeln!(toc, "- {} {}", heading(w.r, ch), escape(&ch.title));
    }
    for (_, label, title) in appendix_titles(w) {
        let _ = writeln!(toc, "- {label} {}", escape(&title));
    }
    w.line(toc.trim_end());
}

fn heading(r: &Renderer, ch: &Chapter<'_>) -> String {
    r.t("hb_chapter").replace("{n}", &ch.number.to_string())
}

fn chapter(w: &mut W<'_>, ch: &Chapter<'_>) {
    w.line(&format!("## {} {}", heading(w.r, ch), escape(&ch.title)));
    w.line(&format!("**{}**", escape(&w.t("hb_goals"))));
    let goals: Vec<String> = ch
        .goals
        .iter()
        .map(|g| mt::inline(g, w.refs, &w.plan.playbook_section))
        .collect();
    w.list(&goals);
    if !ch.intro.trim().is_empty() {
        let intro = mt::content(ch.intro, w.refs, &w.plan.playbook_section);
        w.line(&intro);
    }
    for (k, s) in ch.texts.iter().enumerate() {
        w.line(&format!("### {} {}", ch.text_section(k), escape(&s.title)));
        let body = mt::content(&s.body, w.refs, &w.plan.playbook_section);
        w.line(&body);
    }
    material(w, ch);
    w.line(&format!("**{}**", escape(&w.t("hb_recap"))));
    let recap: Vec<String> = ch
        .recap
        .iter()
        .map(|g| mt::inline(g, w.refs, &w.plan.playbook_section))
        .collect();
    w.list(&recap);
}

fn material(w: &mut W<'_>, ch: &Chapter<'_>) {
    match ch.kind {
        ChapterKind::Text => {}
        ChapterKind::Causes => causes(w, ch),
        ChapterKind::Triage => triage(w, ch),
        ChapterKind::Playbooks => {
            for (k, p) in ch.playbooks.iter().enumerate() {
                super::md_playbook::playbook(w, p, &ch.section(k));
            }
        }
        ChapterKind::NeverSay => never_say(w, ch),
        ChapterKind::Prevention => prevention(w, ch),
        ChapterKind::SelfTest => self_test(w, ch),
    }
}

fn causes(w: &mut W<'_>, ch: &Chapter<'_>) {
    for (k, c) in w.content.causes.iter().enumerate() {
        w.line(&format!("### {} {}", ch.section(k), escape(&c.name)));
        if !c.summary.trim().is_empty() {
            let s = escape(&c.summary);
            w.line(&s);
        }
        if !c.description.trim().is_empty() {
            let d = mt::content(&c.description, w.refs, &w.plan.playbook_section);
            w.line(&d);
        }
        let sep = w.t("list_sep").to_string();
        let colon = w.t("colon").to_string();
        let mut facts = Vec::new();
        if !c.triggers.is_empty() {
            let list: Vec<String> = c.triggers.iter().map(|x| escape(x)).collect();
            facts.push(format!(
                "**{}**{colon}{}",
                w.t("hb_triggers"),
                list.join(&sep)
            ));
        }
        if !c.owner.is_empty() {
            facts.push(format!(
                "**{}**{colon}{}",
                w.t("hb_owner"),
                escape(&c.owner)
            ));
        }
        if let Some(p) = w.content.playbook(&c.playbook) {
            facts.push(format!(
                "**{}**{colon}{}",
                w.t("hb_use_playbook"),
                w.playbook_ref(p)
            ));
        }
        if !c.prevention.is_empty() {
            let list: Vec<String> = c
                .prevention
                .iter()
                .map(|x| mt::inline(x, w.refs, &w.plan.playbook_section))
                .collect();
            facts.push(format!(
                "**{}**{colon}{}",
                w.t("hb_prevention"),
                list.join(&sep)
            ));
        }
        w.list(&facts);
    }
}

fn triage(w: &mut W<'_>, ch: &Chapter<'_>) {
    let colon = w.t("colon").to_string();
    for q in chart(ch, w.plan, w.content, w.r) {
        w.line(&format!(
            "### {} {}{colon}{}",
            q.number,
            escape(&q.label),
            escape(q.question)
        ));
        if !q.help.trim().is_empty() {
            let help = mt::content(q.help, w.refs, &w.plan.playbook_section);
            w.line(&help);
        }
        let mut table = format!(
            "| {} | {} |\n|---|---|\n",
            w.t("hb_triage_answer"),
            w.t("hb_triage_then")
        );
        for a in &q.answers {
            let mut then = Vec::new();
            if let Some((_, text)) = &a.next {
                then.push(format!("→ {} {}", w.t("hb_triage_next"), escape(text)));
            }
            if let Some((_, text)) = &a.playbook {
                then.push(format!("→ {} {}", w.t("hb_triage_read"), escape(text)));
            }
            if let Some((_, text)) = &a.step {
                then.push(format!(
                    "{}{colon}{}",
                    w.t("hb_triage_start_at"),
                    escape(text)
                ));
            }
            if let Some((_, text)) = &a.template {
                then.push(format!("{}{colon}{}", w.t("hb_triage_send"), escape(text)));
            }
            let _ = writeln!(
                table,
                "| {} | {} |",
                mt::cell(a.label),
                mt::md_cell(&then.join("；"))
            );
        }
        w.line(table.trim_end());
    }
}

fn never_say(w: &mut W<'_>, ch: &Chapter<'_>) {
    let mut groups: Vec<(String, Vec<&crate::playbooks::model::PhraseRule>)> = Vec::new();
    for rule in &w.content.phrase_rules {
        let key = category_of(rule);
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, list)) => list.push(rule),
            None => groups.push((key, vec![rule])),
        }
    }
    for (k, (key, rules)) in groups.iter().enumerate() {
        let label = w.t(&format!("category_{key}")).to_string();
        w.line(&format!("### {} {}", ch.section(k), escape(&label)));
        let mut table = format!(
            "| {} | {} | {} |\n|---|---|---|\n",
            w.t("hb_phrases"),
            w.t("hb_reason"),
            w.t("hb_better")
        );
        for r in rules {
            // The rules' own examples read as sentences; patterns (`{set}`, `…`) do not.
            let shown = if r.examples.flag.is_empty() {
                &r.phrases
            } else {
                &r.examples.flag
            };
            let phrases: Vec<String> = shown.iter().map(|p| format!("“{}”", mt::cell(p))).collect();
            let _ = writeln!(
                table,
                "| {} | {} | {} |",
                phrases.join(&w.t("list_sep")),
                mt::cell(&r.reason),
                mt::cell(&r.better)
            );
        }
        w.line(table.trim_end());
    }
}

fn prevention(w: &mut W<'_>, ch: &Chapter<'_>) {
    let colon = w.t("colon").to_string();
    for (k, c) in w.content.checklists.iter().enumerate() {
        w.line(&format!("### {} {}", ch.section(k), escape(&c.title)));
        if !c.cadence.is_empty() {
            let line = format!("*{}{colon}{}*", w.t("cl_cadence"), escape(&c.cadence));
            w.line(&line);
        }
        let items: Vec<String> = c
            .items
            .iter()
            .map(|i| format!("[ ] {}", mt::inline(i, w.refs, &w.plan.playbook_section)))
            .collect();
        w.list(&items);
    }
}

fn self_test(w: &mut W<'_>, ch: &Chapter<'_>) {
    let mut current: Option<bool> = None;
    let mut group = 0;
    let quiz: Vec<&QuizQuestion> = w.plan.quiz.clone();
    for (i, q) in quiz.iter().enumerate() {
        let scenario = q.kind == crate::playbooks::model::QuizKind::Scenario;
        if current != Some(scenario) {
            let key = if scenario {
                "hb_quiz_scenario"
            } else {
                "hb_quiz_choice"
            };
            w.line(&format!("### {} {}", ch.section(group), escape(&w.t(key))));
            if group == 0 {
                let intro = escape(&w.t("hb_quiz_intro"));
                w.line(&intro);
            }
            group += 1;
            current = Some(scenario);
        }
        let site = crate::render::library::quiz_view(i, q, w.content, w.r);
        w.line(&format!(
            "**{}.** {}",
            i + 1,
            mt::plain(&q.question, w.refs)
        ));
        let choices: Vec<String> = site
            .choices
            .iter()
            .enumerate()
            .map(|(n, c)| format!("{}. {}", letter(n), mt::plain(&c.text, w.refs)))
            .collect();
        w.list(&choices);
    }
}

fn letter(n: usize) -> String {
    char::from_u32('A' as u32 + n as u32).map_or_else(|| (n + 1).to_string(), String::from)
}

fn appendix_titles(w: &W<'_>) -> Vec<(&'static str, String, String)> {
    let wanted = [
        ("hb_glossary", !w.content.glossary.is_empty()),
        ("hb_platform_rules", !w.content.platform_rules.is_empty()),
        ("hb_answers", !w.plan.quiz.is_empty()),
    ];
    wanted
        .into_iter()
        .filter(|(_, present)| *present)
        .enumerate()
        .map(|(i, (key, _))| {
            let label = w
                .t("hb_appendix")
                .replace("{n}", &char::from(b'A' + i as u8).to_string());
            (key, label, w.t(key).to_string())
        })
        .collect()
}

fn appendices(w: &mut W<'_>) {
    for (key, label, title) in appendix_titles(w) {
        w.line(&format!("## {label} {}", escape(&title)));
        match key {
            "hb_glossary" => glossary(w),
            "hb_platform_rules" => platform_rules(w),
            _ => answers(w),
        }
    }
}

fn glossary(w: &mut W<'_>) {
    let colon = w.t("colon").to_string();
    let items: Vec<String> = w
        .content
        .glossary
        .iter()
        .map(|g| {
            let aliases = if g.aliases.is_empty() {
                String::new()
            } else {
                let list: Vec<String> = g.aliases.iter().map(|a| escape(a)).collect();
                format!(
                    "（{}{colon}{}）",
                    w.t("hb_glossary_aliases"),
                    list.join(&w.t("list_sep"))
                )
            };
            format!(
                "**{}**{aliases}{colon}{}",
                escape(&g.term),
                mt::inline(&g.definition, w.refs, &w.plan.playbook_section)
            )
        })
        .collect();
    w.list(&items);
}

fn platform_rules(w: &mut W<'_>) {
    w.line(&escape(&w.t("rules_intro")));
    for g in rule_groups(w.r) {
        w.line(&format!("### {}", escape(&g.platform)));
        let mut table = format!(
            "| {} | {} | {} | {} | {} |\n|---|---|---|---|---|\n",
            w.t("rules_rule"),
            w.t("rules_value"),
            w.t("rules_source"),
            w.t("rules_verified"),
            w.t("rules_owner")
        );
        for x in &g.rules {
            let _ = writeln!(
                table,
                "| {} | {} | {} | {} | {} |",
                mt::cell(&x.name),
                mt::cell(&x.value),
                mt::cell(&x.source),
                mt::cell(&x.verified_on),
                mt::cell(&x.owner)
            );
        }
        w.line(table.trim_end());
    }
}

fn answers(w: &mut W<'_>) {
    let colon = w.t("colon").to_string();
    let quiz: Vec<&QuizQuestion> = w.plan.quiz.clone();
    for (i, q) in quiz.iter().enumerate() {
        let site = crate::render::library::quiz_view(i, q, w.content, w.r);
        let head = format!(
            "**{}. {}　{}**",
            i + 1,
            letter(site.answer_index),
            escape(&w.refs.plain(&site.answer_text))
        );
        w.line(&head);
        let explanation = mt::content(&q.explanation, w.refs, &w.plan.playbook_section);
        w.line(&explanation);
        if let Some(p) = q.about().and_then(|id| w.content.playbook(id)) {
            let line = format!("*{}{colon}{}*", w.t("hb_answer_reread"), w.playbook_ref(p));
            w.line(&line);
        }
    }
}
