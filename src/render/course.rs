//! The plan of the printed course: which chapters, in which order, with which numbers,
//! and which playbook is taught where. `handbook.html` and `handbook.md` are both
//! rendered from one [`Plan`], so the two can never disagree on a number.
//!
//! The order comes from delaybook.yaml (`handbook.chapters`); the words around the
//! material (goals, introduction, sections, recap) from the content's `course:` section,
//! with defaults built from the content where the author wrote none. Every playbook
//! is taught in one chapter: the one whose `course` entry lists it, else `situations`.

use std::collections::{BTreeMap, BTreeSet};

use super::Renderer;
use crate::config::Config;
use crate::playbooks::course::{ChapterKind, CourseChapter, CourseSection, chapter_kind};
use crate::playbooks::model::{Playbook, QuizKind, QuizQuestion, Triage, TriageNode};
use crate::validate::Content;

/// One chapter as printed.
#[derive(Debug, Clone)]
pub struct Chapter<'a> {
    /// 1-based chapter number.
    pub number: usize,
    /// Chapter id (`why`, `causes` …, or a course-defined id).
    pub id: String,
    /// What the chapter is built from.
    pub kind: ChapterKind,
    /// The title without the number.
    pub title: String,
    /// "学完这一章你能……": Markdown, one line each.
    pub goals: Vec<String>,
    /// Markdown opening text.
    pub intro: &'a str,
    /// Authored sections, numbered first.
    pub texts: Vec<&'a CourseSection>,
    /// Playbooks taught here (for playbook chapters).
    pub playbooks: Vec<&'a Playbook>,
    /// The recap: Markdown, one line each.
    pub recap: Vec<String>,
}

impl Chapter<'_> {
    /// The number of the `k`-th (0-based) built-in section, after the authored ones:
    /// `5.3`.
    pub fn section(&self, k: usize) -> String {
        format!("{}.{}", self.number, self.texts.len() + k + 1)
    }

    /// The number of the `k`-th (0-based) authored section.
    pub fn text_section(&self, k: usize) -> String {
        format!("{}.{}", self.number, k + 1)
    }
}

/// The whole course.
#[derive(Debug, Clone)]
pub struct Plan<'a> {
    /// Printed chapters, in order.
    pub chapters: Vec<Chapter<'a>>,
    /// Section number of each printed playbook (`5.2`).
    pub playbook_section: BTreeMap<String, String>,
    /// The quiz in the order the self-test prints it (choice questions, then scenario
    /// questions), numbered from 1; empty when the self-test is not printed.
    pub quiz: Vec<&'a QuizQuestion>,
    /// Triage questions in the order the chart prints them (from the start question,
    /// breadth first, then any unreachable ones).
    pub triage: Vec<&'a TriageNode>,
}

impl<'a> Plan<'a> {
    /// Builds the plan of `content` in the order of `config.handbook.chapters`
    /// (unknown ids, which `check` reports, are skipped).
    pub fn new(content: &'a Content, config: &Config, r: &Renderer) -> Plan<'a> {
        let course: BTreeMap<&str, &'a CourseChapter> = content
            .course
            .iter()
            .flat_map(|c| c.chapters.iter().map(|ch| (ch.id.as_str(), ch)))
            .collect();
        let order: Vec<&str> = dedup(config.handbook.chapters.iter().map(String::as_str))
            .into_iter()
            .filter(|id| {
                crate::playbooks::course::BUILTIN_CHAPTERS.contains(id) || course.contains_key(id)
            })
            .collect();
        let assigned = assign_playbooks(content, &order, &course);
        let mut plan = Plan {
            chapters: Vec::new(),
            playbook_section: BTreeMap::new(),
            quiz: Vec::new(),
            triage: content
                .triage
                .as_ref()
                .map(triage_order)
                .unwrap_or_default(),
        };
        for id in order {
            let ch = chapter(
                plan.chapters.len() + 1,
                id,
                course.get(id).copied(),
                assigned.get(id).cloned().unwrap_or_default(),
                content,
                r,
            );
            for (k, p) in ch.playbooks.iter().enumerate() {
                plan.playbook_section.insert(p.id.clone(), ch.section(k));
            }
            if ch.kind == ChapterKind::SelfTest {
                plan.quiz = quiz_order(&content.quiz);
            }
            plan.chapters.push(ch);
        }
        plan
    }

    /// The chapter that teaches playbook `id`, if printed.
    pub fn chapter_of(&self, id: &str) -> Option<&Chapter<'a>> {
        self.chapters
            .iter()
            .find(|c| c.playbooks.iter().any(|p| p.id == id))
    }
}

fn dedup<'s>(ids: impl Iterator<Item = &'s str>) -> Vec<&'s str> {
    let mut seen = BTreeSet::new();
    ids.filter(|id| seen.insert(*id)).collect()
}

/// Playbook chapter id → its playbooks: each course chapter's list (first chapter wins
/// for a playbook listed twice), then `situations` takes the rest in content order.
fn assign_playbooks<'a>(
    content: &'a Content,
    order: &[&str],
    course: &BTreeMap<&str, &'a CourseChapter>,
) -> BTreeMap<String, Vec<&'a Playbook>> {
    let mut out: BTreeMap<String, Vec<&'a Playbook>> = BTreeMap::new();
    let mut taken: BTreeSet<&str> = BTreeSet::new();
    for id in order {
        if chapter_kind(id) != ChapterKind::Playbooks {
            continue;
        }
        let listed = course
            .get(id)
            .map(|c| c.playbooks.as_slice())
            .unwrap_or(&[]);
        for pb in listed {
            if let Some(p) = content.playbook(pb)
                && taken.insert(p.id.as_str())
            {
                out.entry(id.to_string()).or_default().push(p);
            }
        }
    }
    if order.contains(&"situations") {
        let rest = content
            .playbooks
            .iter()
            .filter(|p| !taken.contains(p.id.as_str()));
        out.entry("situations".into())
            .or_default()
            .extend(by_situation(rest.collect()));
    }
    out
}

/// Playbooks grouped by situation (groups in order of first appearance).
fn by_situation(playbooks: Vec<&Playbook>) -> Vec<&Playbook> {
    let mut groups: Vec<(&str, Vec<&Playbook>)> = Vec::new();
    for p in playbooks {
        match groups.iter_mut().find(|(s, _)| *s == p.situation) {
            Some((_, list)) => list.push(p),
            None => groups.push((&p.situation, vec![p])),
        }
    }
    groups.into_iter().flat_map(|(_, list)| list).collect()
}

fn chapter<'a>(
    number: usize,
    id: &str,
    authored: Option<&'a CourseChapter>,
    playbooks: Vec<&'a Playbook>,
    content: &'a Content,
    r: &Renderer,
) -> Chapter<'a> {
    let kind = chapter_kind(id);
    let title = authored
        .map(|c| c.title.trim())
        .filter(|t| !t.is_empty())
        .map_or_else(|| default_title(id, r), str::to_string);
    let goals = match authored.map(|c| c.goals.clone()).unwrap_or_default() {
        g if g.is_empty() => default_goals(kind, &playbooks, r),
        g => g,
    };
    let recap = match authored.map(|c| c.recap.clone()).unwrap_or_default() {
        x if x.is_empty() => default_recap(kind, &playbooks, content, r),
        x => x,
    };
    Chapter {
        number,
        id: id.to_string(),
        kind,
        title,
        goals,
        intro: authored.map_or("", |c| c.intro.as_str()),
        texts: authored
            .map(|c| c.sections.iter().collect())
            .unwrap_or_default(),
        playbooks,
        recap,
    }
}

fn default_title(id: &str, r: &Renderer) -> String {
    let key = format!("hb_ch_{id}");
    match r.t(&key) {
        t if t == key => id.to_string(),
        t => t.to_string(),
    }
}

/// Goals where the author wrote none: one line per playbook ("按《…》处理"), else the
/// chapter kind's default line.
fn default_goals(kind: ChapterKind, playbooks: &[&Playbook], r: &Renderer) -> Vec<String> {
    if kind == ChapterKind::Playbooks && !playbooks.is_empty() {
        return playbooks
            .iter()
            .map(|p| r.t("hb_goal_playbook").replace("{title}", &p.title))
            .collect();
    }
    vec![r.t(goal_key(kind)).to_string()]
}

fn goal_key(kind: ChapterKind) -> &'static str {
    match kind {
        ChapterKind::Text => "hb_goal_text",
        ChapterKind::Causes => "hb_goal_causes",
        ChapterKind::Triage => "hb_goal_triage",
        ChapterKind::Playbooks => "hb_goal_playbooks",
        ChapterKind::NeverSay => "hb_goal_never_say",
        ChapterKind::Prevention => "hb_goal_prevention",
        ChapterKind::SelfTest => "hb_goal_self_test",
    }
}

/// A recap where the author wrote none, from the material itself: each playbook's
/// summary, each cause with its playbook, else the kind's default line.
fn default_recap(
    kind: ChapterKind,
    playbooks: &[&Playbook],
    content: &Content,
    r: &Renderer,
) -> Vec<String> {
    match kind {
        ChapterKind::Playbooks if !playbooks.is_empty() => playbooks
            .iter()
            .map(|p| format!("{}{}{}", p.title, r.t("colon"), p.summary))
            .collect(),
        ChapterKind::Causes if !content.causes.is_empty() => content
            .causes
            .iter()
            .map(|c| {
                let pb = content
                    .playbook(&c.playbook)
                    .map_or("", |p| p.title.as_str());
                format!("{} → {pb}", c.name)
            })
            .collect(),
        _ => vec![r.t("hb_recap_default").to_string()],
    }
}

/// Choice questions first, then scenario questions, each in content order.
fn quiz_order(quiz: &[QuizQuestion]) -> Vec<&QuizQuestion> {
    let (mut choice, scenario): (Vec<&QuizQuestion>, Vec<&QuizQuestion>) =
        quiz.iter().partition(|q| q.kind == QuizKind::Choice);
    choice.extend(scenario);
    choice
}

/// Breadth first from the start question, then the questions no answer leads to.
fn triage_order(t: &Triage) -> Vec<&TriageNode> {
    let by_id: BTreeMap<&str, &TriageNode> = t.nodes.iter().map(|n| (n.id.as_str(), n)).collect();
    let mut out: Vec<&TriageNode> = Vec::new();
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    let mut queue = std::collections::VecDeque::from([t.start.as_str()]);
    while let Some(id) = queue.pop_front() {
        let Some(n) = by_id.get(id) else { continue };
        if !seen.insert(id) {
            continue;
        }
        out.push(n);
        queue.extend(n.answers.iter().filter_map(|a| a.next.as_deref()));
    }
    out.extend(t.nodes.iter().filter(|n| !seen.contains(n.id.as_str())));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::playbooks::model::ContentFile;
    use crate::validate::content_from_files;

    fn content(yaml: &str) -> Content {
        let file: ContentFile = serde_saphyr::from_str(yaml).unwrap();
        content_from_files([file])
    }

    const PLAYBOOKS: &str = r#"
playbooks:
  - { id: a, title: A, situation: s1, summary: x, applies_when: x, steps: [{ title: t }] }
  - { id: b, title: B, situation: s2, summary: x, applies_when: x, steps: [{ title: t }] }
  - { id: c, title: C, situation: s1, summary: x, applies_when: x, steps: [{ title: t }] }
course:
  chapters:
    - { id: suppliers, playbooks: [b] }
"#;

    // Every playbook is taught once: in its course chapter, else under situations,
    // grouped by situation; numbers follow the configured order.
    #[test]
    fn playbooks_are_taught_once_in_order() {
        let c = content(PLAYBOOKS);
        let r = Renderer::from_theme(crate::theme::Theme::embedded(), &Config::default()).unwrap();
        let mut config = Config::default();
        config.handbook.chapters = vec!["suppliers".into(), "situations".into()];
        let plan = Plan::new(&c, &config, &r);
        let ids: Vec<Vec<&str>> = plan
            .chapters
            .iter()
            .map(|ch| ch.playbooks.iter().map(|p| p.id.as_str()).collect())
            .collect();
        assert_eq!(ids, vec![vec!["b"], vec!["a", "c"]]);
        assert_eq!(plan.playbook_section["b"], "1.1");
        assert_eq!(plan.playbook_section["c"], "2.2");
        assert!(
            plan.chapters
                .iter()
                .all(|c| !c.goals.is_empty() && !c.recap.is_empty())
        );
    }
}
