//! Ids (safe, unique) and references between entries (all resolve).

use std::collections::BTreeMap;

use super::{Content, Kind};
use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics, Span, did_you_mean};
use crate::playbooks::RawContent;
use crate::yaml::Source;

/// Platform keys known without any config entry.
pub const BUILTIN_PLATFORMS: &[&str] = &["douyin", "tiktok_shop", "pinduoduo", "taobao"];

/// True when `id` is a slug that is safe as a file name and URL part: lowercase ASCII
/// letters, digits, `-` and `_`, starting with a letter or digit, at most 64 characters.
pub fn is_safe_slug(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase() || c.is_ascii_digit())
        && id.len() <= 64
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// Every id of every file with its kind and field path, in file order.
fn all_ids(raw: &RawContent) -> Vec<(Kind, &Source, String, &str)> {
    let mut out = Vec::new();
    for f in &raw.files {
        let c = &f.content;
        let ids: [(Kind, Vec<&str>); 7] = [
            (
                Kind::Cause,
                c.causes.iter().map(|x| x.id.as_str()).collect(),
            ),
            (
                Kind::Playbook,
                c.playbooks.iter().map(|x| x.id.as_str()).collect(),
            ),
            (
                Kind::Template,
                c.templates.iter().map(|x| x.id.as_str()).collect(),
            ),
            (
                Kind::PhraseRule,
                c.phrase_rules.iter().map(|x| x.id.as_str()).collect(),
            ),
            (
                Kind::Checklist,
                c.checklists.iter().map(|x| x.id.as_str()).collect(),
            ),
            (Kind::Quiz, c.quiz.iter().map(|x| x.id.as_str()).collect()),
            (
                Kind::TriageNode,
                c.triage
                    .iter()
                    .flat_map(|t| t.nodes.iter().map(|x| x.id.as_str()))
                    .collect(),
            ),
        ];
        for (kind, list) in ids {
            for (i, id) in list.into_iter().enumerate() {
                out.push((kind, &f.source, format!("{}[{i}].id", kind.section()), id));
            }
        }
    }
    out
}

/// Ids must be safe slugs and unique per kind across all files.
pub(super) fn check_ids(raw: &RawContent, diag: &mut Diagnostics) {
    let mut first: BTreeMap<(Kind, &str), Span> = BTreeMap::new();
    for (kind, source, path, id) in all_ids(raw) {
        let span = source.span(&path);
        if !is_safe_slug(id) {
            diag.push(
                Diagnostic::error("E020", span.clone(), crate::tr!("links.unsafe_id", id = id))
                    .with_path(&path)
                    .with_hint(Some(crate::tr!(
                        "links.unsafe_id_hint",
                        example = suggest_slug(id)
                    ))),
            );
            continue;
        }
        if let Some(prev) = first.get(&(kind, id)) {
            diag.push(
                Diagnostic::error(
                    "E021",
                    span,
                    crate::tr!("links.duplicate", section = kind.section(), id = id),
                )
                .with_path(&path)
                .with_hint(Some(crate::tr!(
                    "links.duplicate_hint",
                    file = prev.file.display(),
                    line = prev.line
                ))),
            );
        } else {
            first.insert((kind, id), span);
        }
    }
}

fn suggest_slug(id: &str) -> String {
    let s: String = id
        .to_lowercase()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let s = s.trim_matches('-').to_string();
    if s.is_empty() { "my-entry".into() } else { s }
}

/// A reference to check: where it is, what kind it points at, and the id.
struct Ref<'a> {
    path: String,
    kind: Kind,
    id: &'a str,
}

/// Every reference must name an existing entry of the right kind; platforms must be known.
pub(super) fn check_references(
    raw: &RawContent,
    content: &Content,
    config: &Config,
    diag: &mut Diagnostics,
) {
    for f in &raw.files {
        for r in references(&f.content) {
            if content.get(r.kind, r.id).is_none() {
                let candidates = ids_of(content, r.kind);
                diag.push(
                    Diagnostic::error(
                        "E022",
                        f.source.span(&r.path),
                        crate::tr!("links.unknown", kind = kind_noun(r.kind), id = r.id),
                    )
                    .with_path(&r.path)
                    .with_hint(
                        did_you_mean(r.id, candidates.iter().map(String::as_str)).or_else(|| {
                            Some(crate::tr!("links.unknown_hint", kind = kind_noun(r.kind)))
                        }),
                    ),
                );
            }
        }
        check_platforms(&f.source, &f.content, config, diag);
    }
}

fn kind_noun(kind: Kind) -> String {
    crate::tr!(match kind {
        Kind::Cause => "kind.cause",
        Kind::Playbook => "kind.playbook",
        Kind::Template => "kind.template",
        Kind::PhraseRule => "kind.phrase_rule",
        Kind::TriageNode => "kind.triage",
        Kind::Checklist => "kind.checklist",
        Kind::Quiz => "kind.quiz",
    })
}

pub(super) fn ids_of(content: &Content, kind: Kind) -> Vec<String> {
    content
        .by_id
        .keys()
        .filter(|(k, _)| *k == kind)
        .map(|(_, id)| id.clone())
        .collect()
}

fn references(c: &crate::playbooks::model::ContentFile) -> Vec<Ref<'_>> {
    let mut refs = Vec::new();
    for (i, x) in c.causes.iter().enumerate() {
        refs.push(Ref {
            path: format!("causes[{i}].playbook"),
            kind: Kind::Playbook,
            id: &x.playbook,
        });
    }
    for (i, p) in c.playbooks.iter().enumerate() {
        for (field, kind, ids) in [
            ("causes", Kind::Cause, &p.causes),
            ("templates", Kind::Template, &p.templates),
            ("checklists", Kind::Checklist, &p.checklists),
            ("related", Kind::Playbook, &p.related),
        ] {
            for (j, id) in ids.iter().enumerate() {
                refs.push(Ref {
                    path: format!("playbooks[{i}].{field}[{j}]"),
                    kind,
                    id,
                });
            }
        }
        for (s, step) in p.steps.iter().enumerate() {
            for (j, t) in step.templates.iter().enumerate() {
                refs.push(Ref {
                    path: format!("playbooks[{i}].steps[{s}].templates[{j}]"),
                    kind: Kind::Template,
                    id: t,
                });
            }
        }
    }
    refs.extend(course_references(c));
    for (i, q) in c.quiz.iter().enumerate() {
        if let Some(p) = &q.playbook {
            refs.push(Ref {
                path: format!("quiz[{i}].playbook"),
                kind: Kind::Playbook,
                id: p,
            });
        }
        if q.kind == crate::playbooks::model::QuizKind::Scenario {
            for (j, id) in q.choices.iter().enumerate() {
                refs.push(Ref {
                    path: format!("quiz[{i}].choices[{j}]"),
                    kind: Kind::Playbook,
                    id,
                });
            }
        }
    }
    refs
}

/// The playbooks the course chapters teach.
fn course_references(c: &crate::playbooks::model::ContentFile) -> Vec<Ref<'_>> {
    let mut refs = Vec::new();
    for (i, ch) in c.course.iter().flat_map(|x| x.chapters.iter()).enumerate() {
        for (j, id) in ch.playbooks.iter().enumerate() {
            refs.push(Ref {
                path: format!("course.chapters[{i}].playbooks[{j}]"),
                kind: Kind::Playbook,
                id,
            });
        }
    }
    refs
}

fn check_platforms(
    source: &Source,
    c: &crate::playbooks::model::ContentFile,
    config: &Config,
    diag: &mut Diagnostics,
) {
    let mut known: Vec<&str> = BUILTIN_PLATFORMS.to_vec();
    known.extend(config.platforms.keys().map(String::as_str));
    let lists = c
        .playbooks
        .iter()
        .enumerate()
        .map(|(i, p)| (format!("playbooks[{i}].platforms"), &p.platforms))
        .chain(
            c.templates
                .iter()
                .enumerate()
                .map(|(i, t)| (format!("templates[{i}].platforms"), &t.platforms)),
        );
    for (base, list) in lists {
        for (j, key) in list.iter().enumerate() {
            if !known.contains(&key.as_str()) {
                let path = format!("{base}[{j}]");
                diag.push(
                    Diagnostic::error(
                        "E023",
                        source.span(&path),
                        crate::tr!("links.unknown_platform", key = key),
                    )
                    .with_path(&path)
                    .with_hint(
                        did_you_mean(key, known.iter().copied()).or_else(|| {
                            Some(crate::tr!("links.known_platforms", list = known.join(", ")))
                        }),
                    ),
                );
            }
        }
    }
}

/// Per-entry rules serde cannot express: quiz answers among the choices, deadline
/// syntax, at most one triage tree, non-empty lists.
pub(super) fn check_entries(raw: &RawContent, diag: &mut Diagnostics) {
    let mut triage_at: Option<Span> = None;
    for f in &raw.files {
        let (s, c) = (&f.source, &f.content);
        c.quiz
            .iter()
            .enumerate()
            .for_each(|(i, q)| check_quiz(s, i, q, diag));
        c.playbooks
            .iter()
            .enumerate()
            .for_each(|(i, p)| check_steps(s, i, p, diag));
        for (i, ch) in c.checklists.iter().enumerate() {
            if ch.items.is_empty() {
                let path = format!("checklists[{i}].items");
                let message = crate::tr!("links.no_items");
                diag.push(Diagnostic::error("E034", s.span(&path), message).with_path(&path));
            }
        }
        if c.triage.is_some() {
            let here = s.span("triage");
            match &triage_at {
                Some(prev) => diag.push(
                    Diagnostic::error("E035", here, crate::tr!("links.triage_twice"))
                        .with_path("triage")
                        .with_hint(Some(crate::tr!(
                            "links.triage_twice_hint",
                            file = prev.file.display(),
                            line = prev.line
                        ))),
                ),
                None => triage_at = Some(here),
            }
        }
    }
}

fn check_quiz(
    s: &Source,
    i: usize,
    q: &crate::playbooks::model::QuizQuestion,
    diag: &mut Diagnostics,
) {
    if q.choices.len() < 2 {
        let path = format!("quiz[{i}].choices");
        let message = crate::tr!("links.few_choices");
        diag.push(Diagnostic::error("E030", s.span(&path), message).with_path(&path));
    }
    if !q.choices.contains(&q.answer) {
        let path = format!("quiz[{i}].answer");
        let hint = did_you_mean(&q.answer, q.choices.iter().map(String::as_str))
            .or_else(|| Some(crate::tr!("links.answer_hint")));
        let message = crate::tr!("links.answer", answer = q.answer);
        diag.push(
            Diagnostic::error("E031", s.span(&path), message)
                .with_path(&path)
                .with_hint(hint),
        );
    }
}

fn check_steps(
    s: &Source,
    i: usize,
    p: &crate::playbooks::model::Playbook,
    diag: &mut Diagnostics,
) {
    if p.steps.is_empty() {
        let path = format!("playbooks[{i}].steps");
        let message = crate::tr!("links.no_steps");
        diag.push(Diagnostic::error("E032", s.span(&path), message).with_path(&path));
    }
    check_step_ids(s, i, p, diag);
    for (j, step) in p.steps.iter().enumerate() {
        let Some(d) = &step.deadline else { continue };
        if parse_deadline(d).is_none() {
            let path = format!("playbooks[{i}].steps[{j}].deadline");
            let hint = crate::tr!("links.deadline_hint");
            let message = crate::tr!("links.deadline", value = d);
            diag.push(
                Diagnostic::error("E033", s.span(&path), message)
                    .with_path(&path)
                    .with_hint(Some(hint)),
            );
        }
    }
}

/// Step ids are slugs, unique within their playbook (they are link anchors).
fn check_step_ids(
    s: &Source,
    i: usize,
    p: &crate::playbooks::model::Playbook,
    diag: &mut Diagnostics,
) {
    for (j, step) in p.steps.iter().enumerate() {
        let Some(id) = &step.id else { continue };
        let path = format!("playbooks[{i}].steps[{j}].id");
        let (message, hint) = if !is_safe_slug(id) || id.bytes().all(|b| b.is_ascii_digit()) {
            (
                crate::tr!("links.step_id_bad", id = id),
                crate::tr!("links.step_id_bad_hint"),
            )
        } else if p.steps[..j].iter().any(|x| x.id.as_deref() == Some(id)) {
            (
                crate::tr!("links.step_id_twice", id = id, playbook = p.id),
                crate::tr!("links.step_id_twice_hint"),
            )
        } else {
            continue;
        };
        diag.push(
            Diagnostic::error("E085", s.span(&path), message)
                .with_path(&path)
                .with_hint(Some(hint)),
        );
    }
}

/// Parses a deadline such as `10m`, `2h`, `1.5h` or `3d` into minutes.
pub fn parse_deadline(text: &str) -> Option<f64> {
    let t = text.trim();
    let (num, unit) = t.split_at(t.find(|c: char| c.is_alphabetic())?);
    let n: f64 = num
        .trim()
        .parse()
        .ok()
        .filter(|n: &f64| *n > 0.0 && n.is_finite())?;
    let per = match unit.trim() {
        "m" | "min" => 1.0,
        "h" => 60.0,
        "d" => 1440.0,
        _ => return None,
    };
    Some(n * per)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Ids become file names: anything that could escape the output folder is refused.
    #[test]
    fn slug_rules() {
        assert!(is_safe_slug("out-of-stock_2"));
        for bad in ["", "../x", "a/b", "has space", "Upper", "-lead", "缺货"] {
            assert!(!is_safe_slug(bad), "{bad}");
        }
    }

    // Step deadlines drive the timeline on playbook pages.
    #[test]
    fn deadlines_parse() {
        assert_eq!(parse_deadline("2h"), Some(120.0));
        assert_eq!(parse_deadline("10m"), Some(10.0));
        assert_eq!(parse_deadline("3d"), Some(4320.0));
        assert_eq!(parse_deadline("soon"), None);
        assert_eq!(parse_deadline("2 weeks"), None);
    }
}
