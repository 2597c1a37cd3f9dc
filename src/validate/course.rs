//! The course around the playbooks (`course:`), the glossary, checklist reset periods,
//! and the settings of delaybook.yaml that name content: the handbook's chapter order
//! (`handbook.chapters`) and the shared placeholders (`shared_placeholders`).
//!
//! The content checks run with the other validation; the config checks need the content
//! (a chapter may be defined by the course, a placeholder by a template) and run from
//! [`crate::pipeline`], with spans in delaybook.yaml.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::Content;
use crate::config::{Config, DEFAULT_SHARED_PLACEHOLDERS};
use crate::diag::{Diagnostic, Diagnostics, Span, did_you_mean};
use crate::playbooks::RawContent;
use crate::playbooks::course::{BUILTIN_CHAPTERS, Course};
use crate::playbooks::model::ResetPeriod;
use crate::yaml::Source;

/// Content checks: one course, unique chapter ids, each playbook in one chapter,
/// unique glossary terms, and a reset period where a checklist's cadence asks for one.
pub(super) fn check(raw: &RawContent, content: &Content, diag: &mut Diagnostics) {
    let mut first: Option<&Source> = None;
    for f in &raw.files {
        let Some(course) = &f.content.course else {
            continue;
        };
        if let Some(prev) = first {
            diag.push(
                Diagnostic::error("E090", f.source.span("course"), crate::tr!("course.twice"))
                    .with_path("course")
                    .with_hint(Some(crate::tr!(
                        "course.twice_hint",
                        first = prev.path.display()
                    ))),
            );
        } else {
            first = Some(&f.source);
        }
        check_chapters(course, &f.source, content, diag);
    }
    check_glossary(raw, diag);
    check_reset_periods(raw, diag);
}

fn check_chapters(course: &Course, s: &Source, content: &Content, diag: &mut Diagnostics) {
    let mut ids: BTreeSet<&str> = BTreeSet::new();
    let mut taught: BTreeMap<&str, &str> = BTreeMap::new();
    for (i, ch) in course.chapters.iter().enumerate() {
        let path = format!("course.chapters[{i}].id");
        if !super::links::is_safe_slug(&ch.id) {
            diag.push(
                Diagnostic::error(
                    "E020",
                    s.span(&path),
                    crate::tr!("course.unsafe_chapter", id = ch.id),
                )
                .with_path(&path)
                .with_hint(Some(crate::tr!("course.unsafe_chapter_hint"))),
            );
        } else if !ids.insert(&ch.id) {
            diag.push(
                Diagnostic::error(
                    "E093",
                    s.span(&path),
                    crate::tr!("course.chapter_twice", id = ch.id),
                )
                .with_path(&path)
                .with_hint(Some(crate::tr!("course.chapter_twice_hint"))),
            );
        }
        for (j, pb) in ch.playbooks.iter().enumerate() {
            let path = format!("course.chapters[{i}].playbooks[{j}]");
            if content.playbook(pb).is_none() {
                continue; // an unknown playbook is reported with the other references
            }
            if let Some(other) = taught.insert(pb, &ch.id) {
                diag.push(
                    Diagnostic::error(
                        "E091",
                        s.span(&path),
                        crate::tr!(
                            "course.taught_twice",
                            id = pb,
                            first = other,
                            second = ch.id
                        ),
                    )
                    .with_path(&path)
                    .with_hint(Some(crate::tr!("course.taught_twice_hint"))),
                );
            }
        }
    }
}

fn check_glossary(raw: &RawContent, diag: &mut Diagnostics) {
    let mut seen: BTreeMap<String, Span> = BTreeMap::new();
    for f in &raw.files {
        for (i, g) in f.content.glossary.iter().enumerate() {
            let words = std::iter::once((format!("glossary[{i}].term"), &g.term)).chain(
                g.aliases
                    .iter()
                    .enumerate()
                    .map(|(j, a)| (format!("glossary[{i}].aliases[{j}]"), a)),
            );
            for (path, word) in words {
                let span = f.source.span(&path);
                let key = word.trim().to_lowercase();
                if let Some(prev) = seen.get(&key) {
                    diag.push(
                        Diagnostic::error(
                            "E092",
                            span,
                            crate::tr!("course.term_twice", term = word),
                        )
                        .with_path(&path)
                        .with_hint(Some(crate::tr!(
                            "course.term_twice_hint",
                            file = prev.file.display(),
                            line = prev.line
                        ))),
                    );
                } else {
                    seen.insert(key, span);
                }
            }
        }
    }
}

/// A checklist whose cadence says "every day" or "every week" but that keeps its ticks
/// for ever is the daily list that never resets: say so.
fn check_reset_periods(raw: &RawContent, diag: &mut Diagnostics) {
    for f in &raw.files {
        for (i, c) in f.content.checklists.iter().enumerate() {
            if c.reset.is_some() {
                continue;
            }
            let Some(period) = period_in(&c.cadence) else {
                continue;
            };
            let path = format!("checklists[{i}]");
            diag.push(
                Diagnostic::warning(
                    "W093",
                    f.source.span(&format!("{path}.cadence")),
                    crate::tr!("course.no_reset", id = c.id, cadence = c.cadence),
                )
                .with_path(format!("{path}.reset"))
                .with_hint(Some(crate::tr!(
                    "course.no_reset_hint",
                    period = period.key()
                ))),
            );
        }
    }
}

/// The period a cadence text asks for, if it names one plainly.
fn period_in(cadence: &str) -> Option<ResetPeriod> {
    let c = cadence.to_lowercase();
    if ["每天", "每日", "daily", "every day"]
        .iter()
        .any(|w| c.contains(w))
    {
        Some(ResetPeriod::Daily)
    } else if ["每周", "每星期", "weekly", "every week"]
        .iter()
        .any(|w| c.contains(w))
    {
        Some(ResetPeriod::Weekly)
    } else if ["每月", "每个月", "monthly", "every month"]
        .iter()
        .any(|w| c.contains(w))
    {
        Some(ResetPeriod::Monthly)
    } else {
        None
    }
}

/// Config checks that need the content: the handbook's chapters exist and appear once,
/// every course chapter and every playbook is printed somewhere, and the shared
/// placeholders are placeholder names that templates use.
pub fn check_config(root: &Path, config: &Config, content: &Content, diag: &mut Diagnostics) {
    let path = root.join(crate::config::CONFIG_FILE);
    let source = if path.is_file() {
        crate::yaml::read_source(&path, &mut Diagnostics::new())
    } else {
        None
    };
    let span = |field: &str| match &source {
        Some(s) => s.span(field),
        None => Span::file(&path),
    };
    check_chapter_order(config, content, &span, diag);
    check_shared(config, content, &span, diag);
}

fn check_chapter_order(
    config: &Config,
    content: &Content,
    span: &dyn Fn(&str) -> Span,
    diag: &mut Diagnostics,
) {
    let course = content.course.clone().unwrap_or_default();
    let known: Vec<&str> = BUILTIN_CHAPTERS
        .iter()
        .copied()
        .chain(course.chapters.iter().map(|c| c.id.as_str()))
        .collect();
    let mut seen = BTreeSet::new();
    for (i, id) in config.handbook.chapters.iter().enumerate() {
        let field = format!("handbook.chapters[{i}]");
        let problem = if !known.contains(&id.as_str()) {
            Some((
                crate::tr!("course.unknown_chapter", id = id),
                did_you_mean(id, known.iter().copied()).or_else(|| {
                    Some(crate::tr!(
                        "course.unknown_chapter_hint",
                        builtin = BUILTIN_CHAPTERS.join(", "),
                        id = id
                    ))
                }),
            ))
        } else if !seen.insert(id.as_str()) {
            Some((
                crate::tr!("course.listed_twice", id = id),
                Some(crate::tr!("course.listed_twice_hint")),
            ))
        } else {
            None
        };
        if let Some((message, hint)) = problem {
            diag.push(
                Diagnostic::error("E106", span(&field), message)
                    .with_path(&field)
                    .with_hint(hint),
            );
        }
    }
    check_unprinted(config, content, &course, span, diag);
}

/// Chapters and playbooks that the chapter order leaves out are not lost silently.
fn check_unprinted(
    config: &Config,
    content: &Content,
    course: &Course,
    span: &dyn Fn(&str) -> Span,
    diag: &mut Diagnostics,
) {
    let printed = |id: &str| config.handbook.chapters.iter().any(|c| c == id);
    let unprinted: Vec<&str> = course
        .chapters
        .iter()
        .map(|c| c.id.as_str())
        .filter(|id| !printed(id))
        .collect();
    if !unprinted.is_empty() {
        diag.push(
            Diagnostic::warning(
                "W090",
                span("handbook.chapters"),
                crate::tr!(
                    "course.unprinted",
                    n = unprinted.len(),
                    ids = unprinted.join(", ")
                ),
            )
            .with_path("handbook.chapters")
            .with_hint(Some(crate::tr!("course.unprinted_hint"))),
        );
    }
    if printed("situations") {
        return;
    }
    let taught: BTreeSet<&str> = course
        .chapters
        .iter()
        .filter(|c| printed(&c.id))
        .flat_map(|c| c.playbooks.iter().map(String::as_str))
        .collect();
    let left: Vec<&str> = content
        .playbooks
        .iter()
        .map(|p| p.id.as_str())
        .filter(|id| !taught.contains(id))
        .collect();
    if !left.is_empty() {
        diag.push(
            Diagnostic::warning(
                "W091",
                span("handbook.chapters"),
                crate::tr!("course.untaught", n = left.len(), ids = left.join(", ")),
            )
            .with_path("handbook.chapters")
            .with_hint(Some(crate::tr!("course.untaught_hint"))),
        );
    }
}

fn check_shared(
    config: &Config,
    content: &Content,
    span: &dyn Fn(&str) -> Span,
    diag: &mut Diagnostics,
) {
    let declared: BTreeSet<&str> = content
        .templates
        .iter()
        .flat_map(|t| t.placeholders.iter().map(|p| p.name.as_str()))
        .collect();
    let is_default = config.shared_placeholders == DEFAULT_SHARED_PLACEHOLDERS;
    for (i, name) in config.shared_placeholders.iter().enumerate() {
        let field = format!("shared_placeholders[{i}]");
        let valid = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !valid {
            diag.push(
                Diagnostic::error(
                    "E107",
                    span(&field),
                    crate::tr!("course.bad_shared", name = name),
                )
                .with_path(&field)
                .with_hint(Some(crate::tr!("course.bad_shared_hint"))),
            );
        } else if !is_default && !declared.contains(name.as_str()) {
            diag.push(
                Diagnostic::warning(
                    "W092",
                    span(&field),
                    crate::tr!("course.unused_shared", name = name),
                )
                .with_path(&field)
                .with_hint(
                    did_you_mean(name, declared.iter().copied())
                        .or_else(|| Some(crate::tr!("course.unused_shared_hint"))),
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The warning must fire on the way people write cadences, and not on others.
    #[test]
    fn reads_the_period_of_a_cadence() {
        assert_eq!(
            period_in("每天10:00和16:00各一次"),
            Some(ResetPeriod::Daily)
        );
        assert_eq!(period_in("每周一"), Some(ResetPeriod::Weekly));
        assert_eq!(period_in("Every week"), Some(ResetPeriod::Weekly));
        assert_eq!(period_in("每月初"), Some(ResetPeriod::Monthly));
        assert_eq!(period_in("每次发现缺货时"), None);
        assert_eq!(period_in("每季度一次，大促前加查一次"), None);
    }
}
