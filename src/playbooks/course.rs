//! The training course: what the print handbook (`handbook.html`, `handbook.md`) says
//! around the playbooks, and the glossary.
//!
//! The handbook is a course, not a dump: chapters in a teaching order (set in
//! delaybook.yaml, `handbook.chapters`), each opening with what the reader will be able
//! to do and closing with a recap. Most chapters are built from the content itself (the
//! causes, the triage tree, the playbooks, the phrase rules, the checklists, the quiz);
//! the `course:` section adds the words only an author can write — the goals, the recap,
//! an introduction, extra sections, and which playbooks a chapter teaches — and
//! `glossary:` the terms a new hire has to learn.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The chapters delaybook knows how to build from the content, in the default order.
pub const BUILTIN_CHAPTERS: [&str; 10] = [
    "why",
    "causes",
    "triage",
    "process_72h",
    "situations",
    "suppliers",
    "stockouts",
    "never_say",
    "prevention",
    "self_test",
];

/// What a built-in chapter is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChapterKind {
    /// Authored text only (the introduction and sections of its `course` entry).
    Text,
    /// The cause catalogue.
    Causes,
    /// The triage tree as a printed decision chart.
    Triage,
    /// Playbooks: the ones the chapter lists; `situations` also takes every playbook no
    /// other printed chapter lists.
    Playbooks,
    /// The phrase rules, grouped by category.
    NeverSay,
    /// The checklists.
    Prevention,
    /// The quiz, without answers (the answer key is at the end of the handbook).
    SelfTest,
}

/// The kind of the chapter `id`: built-in chapters have their own, any other chapter
/// (defined under `course.chapters`) is text and playbooks.
pub fn chapter_kind(id: &str) -> ChapterKind {
    match id {
        "causes" => ChapterKind::Causes,
        "triage" => ChapterKind::Triage,
        "process_72h" | "situations" | "suppliers" | "stockouts" => ChapterKind::Playbooks,
        "never_say" => ChapterKind::NeverSay,
        "prevention" => ChapterKind::Prevention,
        "self_test" => ChapterKind::SelfTest,
        "why" => ChapterKind::Text,
        _ => ChapterKind::Playbooks,
    }
}

/// The author's part of the course. At most one file may define it.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Course {
    /// Chapter texts, by chapter id. The order of the chapters is set in delaybook.yaml
    /// (`handbook.chapters`), not here.
    #[serde(default)]
    pub chapters: Vec<CourseChapter>,
}

/// The authored text of one chapter.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CourseChapter {
    /// A built-in chapter (`why`, `causes`, `triage`, `process_72h`, `situations`,
    /// `suppliers`, `stockouts`, `never_say`, `prevention`, `self_test`) or a new one
    /// (a slug), which then needs to be listed in `handbook.chapters`.
    pub id: String,
    /// The chapter title; empty = the built-in title.
    #[serde(default)]
    pub title: String,
    /// "学完这一章你能……": what the reader can do after the chapter, one line each.
    #[serde(default)]
    pub goals: Vec<String>,
    /// Markdown: the opening text of the chapter.
    #[serde(default)]
    pub intro: String,
    /// Numbered sections of authored text, before the chapter's built-in material.
    #[serde(default)]
    pub sections: Vec<CourseSection>,
    /// Playbook ids this chapter teaches, in order (each playbook in one chapter only).
    #[serde(default)]
    pub playbooks: Vec<String>,
    /// The recap at the end of the chapter, one line each.
    #[serde(default)]
    pub recap: Vec<String>,
}

/// A numbered section of authored text.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CourseSection {
    /// The section title.
    pub title: String,
    /// Markdown.
    pub body: String,
}

/// A term of the glossary (预售, 揽收 …).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GlossaryEntry {
    /// The term as staff meet it, e.g. `预售`.
    pub term: String,
    /// Other words for the same thing, e.g. `[一件代发]` for `无货源`.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Markdown: what it means, in a sentence or two.
    pub definition: String,
}
