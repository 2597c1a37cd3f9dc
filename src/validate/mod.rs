//! Stage 3: check and link [`RawContent`] into [`Content`].
//!
//! Ids must be unique safe slugs, every reference must resolve, placeholders must be
//! declared and used, templates must not contain banned phrases, every anti-example
//! must be caught by a rule, the triage tree must end at playbooks without cycles, and
//! every search synonym must lead to a word the content uses.
//! Every problem is reported with the file, line, column and field path.

mod aliases;
pub mod course;
pub mod fields;
pub mod governance;
pub mod lengths;
mod links;
mod phrases;
mod placeholders;
pub mod quiz;
mod replies;
pub mod rules;
mod synonyms;
pub mod tags;
mod triage;
pub mod typography;
mod xref;

use std::collections::BTreeMap;

use crate::config::Config;
use crate::diag::Diagnostics;
use crate::playbooks::RawContent;
use crate::playbooks::model::*;

pub use placeholders::placeholders_in;
pub use replies::filled_with_examples;

/// Validated content with all references resolved; what the renderers consume.
/// Entries keep the order of the files (sorted by path) and of the entries in them.
#[derive(Debug, Clone, Default)]
pub struct Content {
    /// Cause catalogue.
    pub causes: Vec<Cause>,
    /// Playbooks.
    pub playbooks: Vec<Playbook>,
    /// Reply templates.
    pub templates: Vec<Template>,
    /// Phrase rules.
    pub phrase_rules: Vec<PhraseRule>,
    /// Word sets for phrase patterns (the first file defining a name wins).
    pub phrase_sets: BTreeMap<String, Vec<String>>,
    /// Category defaults for phrase rules (the first file defining one wins).
    pub phrase_categories: BTreeMap<PhraseCategory, CategorySettings>,
    /// The phrase rules compiled: the reply linter every page and command uses.
    pub linter: crate::lint::Linter,
    /// The triage tree, if defined.
    pub triage: Option<Triage>,
    /// Checklists.
    pub checklists: Vec<Checklist>,
    /// Quiz questions.
    pub quiz: Vec<QuizQuestion>,
    /// Search synonyms.
    pub synonyms: Vec<Synonym>,
    /// Platform rules, per platform.
    pub platform_rules: Vec<crate::playbooks::rules::PlatformRules>,
    /// The course texts of the print handbook, if defined.
    pub course: Option<crate::playbooks::course::Course>,
    /// The glossary.
    pub glossary: Vec<crate::playbooks::course::GlossaryEntry>,
    by_id: BTreeMap<(Kind, String), usize>,
}

/// The kinds of entry that have ids (ids are unique per kind).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// A cause.
    Cause,
    /// A playbook.
    Playbook,
    /// A reply template.
    Template,
    /// A phrase rule.
    PhraseRule,
    /// A triage question.
    TriageNode,
    /// A checklist.
    Checklist,
    /// A quiz question.
    Quiz,
}

impl Kind {
    /// The YAML section name of this kind, used in messages.
    pub fn section(self) -> &'static str {
        match self {
            Kind::Cause => "causes",
            Kind::Playbook => "playbooks",
            Kind::Template => "templates",
            Kind::PhraseRule => "phrase_rules",
            Kind::TriageNode => "triage.nodes",
            Kind::Checklist => "checklists",
            Kind::Quiz => "quiz",
        }
    }
}

impl Content {
    /// The cause with this code.
    pub fn cause(&self, id: &str) -> Option<&Cause> {
        self.get(Kind::Cause, id).map(|i| &self.causes[i])
    }

    /// The playbook with this id.
    pub fn playbook(&self, id: &str) -> Option<&Playbook> {
        self.get(Kind::Playbook, id).map(|i| &self.playbooks[i])
    }

    /// The template with this id.
    pub fn template(&self, id: &str) -> Option<&Template> {
        self.get(Kind::Template, id).map(|i| &self.templates[i])
    }

    /// The checklist with this id.
    pub fn checklist(&self, id: &str) -> Option<&Checklist> {
        self.get(Kind::Checklist, id).map(|i| &self.checklists[i])
    }

    /// Playbooks that list `cause` in their `causes`, plus the cause's own playbook.
    pub fn playbooks_for_cause(&self, cause: &str) -> Vec<&Playbook> {
        let own = self.cause(cause).map(|c| c.playbook.as_str());
        self.playbooks
            .iter()
            .filter(|p| Some(p.id.as_str()) == own || p.causes.iter().any(|c| c == cause))
            .collect()
    }

    /// Playbooks that use template `id` (in `templates` or in a step).
    pub fn playbooks_using_template(&self, id: &str) -> Vec<&Playbook> {
        self.playbooks
            .iter()
            .filter(|p| template_ids(p).any(|t| t == id))
            .collect()
    }

    /// Quiz questions about playbook `id` (its own, and scenario questions it answers).
    pub fn quiz_for_playbook(&self, id: &str) -> Vec<&QuizQuestion> {
        self.quiz.iter().filter(|q| q.about() == Some(id)).collect()
    }

    /// The rule `key` of `platform` with the owner it falls back to, if defined.
    pub fn rule(
        &self,
        platform: &str,
        key: &str,
    ) -> Option<(&crate::playbooks::rules::RuleEntry, &str)> {
        self.platform_rules
            .iter()
            .filter(|p| p.platform == platform)
            .find_map(|p| {
                let r = p.rules.iter().find(|r| r.key == key)?;
                let owner = if r.owner.is_empty() {
                    &p.owner
                } else {
                    &r.owner
                };
                Some((r, owner.as_str()))
            })
    }

    /// The playbook to use for an order late for `cause`: the cause's playbook, or `None`
    /// when the cause is unknown (the report then points at the triage helper).
    pub fn playbook_for_cause(&self, cause: &str) -> Option<&str> {
        self.cause(cause).map(|c| c.playbook.as_str())
    }

    /// What the reply linter is compiled from.
    pub fn lint_input(&self) -> crate::lint::compile::Input<'_> {
        crate::lint::compile::Input {
            rules: &self.phrase_rules,
            sets: &self.phrase_sets,
            categories: &self.phrase_categories,
            limits: self
                .platform_rules
                .iter()
                .flat_map(|p| {
                    p.rules.iter().filter_map(move |r| match r.value {
                        crate::playbooks::rules::RuleValue::Number(v) => {
                            Some((format!("{}.{}", p.platform, r.key), v))
                        }
                        crate::playbooks::rules::RuleValue::Text(_) => None,
                    })
                })
                .collect(),
        }
    }

    fn get(&self, kind: Kind, id: &str) -> Option<usize> {
        self.by_id.get(&(kind, id.to_string())).copied()
    }

    fn rebuild_index(&mut self) {
        let mut by_id = BTreeMap::new();
        let lists: [(Kind, Vec<&str>); 6] = [
            (
                Kind::Cause,
                self.causes.iter().map(|x| x.id.as_str()).collect(),
            ),
            (
                Kind::Playbook,
                self.playbooks.iter().map(|x| x.id.as_str()).collect(),
            ),
            (
                Kind::Template,
                self.templates.iter().map(|x| x.id.as_str()).collect(),
            ),
            (
                Kind::PhraseRule,
                self.phrase_rules.iter().map(|x| x.id.as_str()).collect(),
            ),
            (
                Kind::Checklist,
                self.checklists.iter().map(|x| x.id.as_str()).collect(),
            ),
            (
                Kind::Quiz,
                self.quiz.iter().map(|x| x.id.as_str()).collect(),
            ),
        ];
        for (kind, ids) in lists {
            for (i, id) in ids.into_iter().enumerate() {
                by_id.entry((kind, id.to_string())).or_insert(i);
            }
        }
        self.by_id = by_id;
    }
}

/// Every template id a playbook refers to: its own list, then each step's, deduplicated.
pub fn template_ids(p: &Playbook) -> impl Iterator<Item = &str> {
    let mut seen = std::collections::BTreeSet::new();
    p.templates
        .iter()
        .chain(p.steps.iter().flat_map(|s| s.templates.iter()))
        .map(String::as_str)
        .filter(move |id| seen.insert(*id))
}

/// Options of a validation run.
#[derive(Debug, Clone, Copy, Default)]
pub struct CheckOptions {
    /// "Today" for review ages (`check --today`); default: the newest date in the content.
    pub today: Option<chrono::NaiveDate>,
}

/// Checks everything and returns the linked content. Problems go to `diag`; the
/// returned content is only meant to be rendered when `diag` has no errors.
pub fn validate(raw: &RawContent, config: &Config, diag: &mut Diagnostics) -> Content {
    validate_with(raw, config, CheckOptions::default(), diag)
}

/// [`validate`] with options.
pub fn validate_with(
    raw: &RawContent,
    config: &Config,
    opts: CheckOptions,
    diag: &mut Diagnostics,
) -> Content {
    let content = merge(raw);
    links::check_ids(raw, diag);
    links::check_references(raw, &content, config, diag);
    placeholders::check(raw, diag);
    // The reply checker's pass over every template and phrase is the slowest check: it
    // runs on a second thread while the others run here; the messages keep the order
    // of a sequential run.
    let rest = std::thread::scope(|scope| {
        let phrases = scope.spawn(|| {
            let mut found = Diagnostics::new();
            phrases::check(raw, &content, &mut found);
            found
        });
        let mut rest = Diagnostics::new();
        later_checks(raw, &content, config, opts, &mut rest);
        let phrases = phrases
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        diag.extend(phrases);
        rest
    });
    diag.extend(rest);
    content
}

/// The checks after the phrase check, in their order.
fn later_checks(
    raw: &RawContent,
    content: &Content,
    config: &Config,
    opts: CheckOptions,
    diag: &mut Diagnostics,
) {
    triage::check(raw, content, diag);
    synonyms::check(raw, diag);
    links::check_entries(raw, diag);
    lengths::check(raw, diag);
    rules::check(raw, config, diag);
    xref::check(raw, content, diag);
    quiz::check(raw, content, diag);
    course::check(raw, content, diag);
    governance::check(raw, config, opts.today, diag);
    typography::check(raw, diag);
    aliases::check(raw, diag);
}

fn merge(raw: &RawContent) -> Content {
    content_from_files(raw.files.iter().map(|f| f.content.clone()))
}

/// Merges content files in order into one `Content` (the first triage tree wins;
/// `check` reports a second one). Also used to build content in code (tests,
/// synthetic benchmarks) without validation.
pub fn content_from_files(files: impl IntoIterator<Item = ContentFile>) -> Content {
    let mut c = Content::default();
    for x in files {
        c.causes.extend(x.causes);
        c.playbooks.extend(x.playbooks);
        c.templates.extend(x.templates);
        c.phrase_rules.extend(x.phrase_rules);
        for (k, v) in x.phrase_sets {
            c.phrase_sets.entry(k).or_insert(v);
        }
        for (k, v) in x.phrase_categories {
            c.phrase_categories.entry(k).or_insert(v);
        }
        c.checklists.extend(x.checklists);
        c.quiz.extend(x.quiz);
        c.synonyms.extend(x.synonyms);
        c.platform_rules.extend(x.platform_rules);
        c.glossary.extend(x.glossary);
        if c.triage.is_none() {
            c.triage = x.triage;
        }
        if c.course.is_none() {
            c.course = x.course;
        }
    }
    c.rebuild_index();
    c.linter = crate::lint::compile(&c.lint_input()).0;
    c
}
