//! The triage tree: every answer leads somewhere, there are no cycles, every question is
//! reachable, and every playbook can be reached.

use std::collections::{BTreeMap, BTreeSet};

use super::Content;
use crate::diag::{Diagnostic, Diagnostics, did_you_mean};
use crate::playbooks::RawContent;
use crate::playbooks::model::{Triage, TriageAnswer};
use crate::yaml::Source;

pub(super) fn check(raw: &RawContent, content: &Content, diag: &mut Diagnostics) {
    let Some(file) = raw.files.iter().find(|f| f.content.triage.is_some()) else {
        if !content.playbooks.is_empty() {
            let s = &raw.files[0].source;
            diag.push(
                Diagnostic::warning(
                    "W060",
                    crate::diag::Span::file(&s.path),
                    crate::tr!("triage.none"),
                )
                .with_hint(Some(crate::tr!("triage.none_hint"))),
            );
        }
        return;
    };
    let Some(tree) = &file.content.triage else {
        return;
    };
    let s = &file.source;
    let ids: BTreeMap<&str, usize> = tree
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect();
    if !ids.contains_key(tree.start.as_str()) {
        diag.push(
            Diagnostic::error(
                "E061",
                s.span("triage.start"),
                crate::tr!("triage.bad_start", start = tree.start),
            )
            .with_path("triage.start")
            .with_hint(did_you_mean(&tree.start, ids.keys().copied())),
        );
    }
    check_answers(tree, s, &ids, content, diag);
    check_cycles_and_reach(tree, s, &ids, content, diag);
}

fn check_answers(
    tree: &Triage,
    s: &Source,
    ids: &BTreeMap<&str, usize>,
    content: &Content,
    diag: &mut Diagnostics,
) {
    for (i, node) in tree.nodes.iter().enumerate() {
        if node.answers.len() < 2 {
            let path = format!("triage.nodes[{i}].answers");
            let message = crate::tr!("triage.dead_question", id = node.id);
            diag.push(Diagnostic::error("E062", s.span(&path), message).with_path(&path));
        }
        for (j, a) in node.answers.iter().enumerate() {
            let path = format!("triage.nodes[{i}].answers[{j}]");
            if let Some(d) = check_answer(a, &path, s, ids, content) {
                diag.push(d);
            }
            for d in check_step_and_template(a, &path, s, content) {
                diag.push(d);
            }
        }
    }
}

/// The problem with one answer, if any: it must lead to exactly one existing target.
fn check_answer(
    a: &TriageAnswer,
    path: &str,
    s: &Source,
    ids: &BTreeMap<&str, usize>,
    content: &Content,
) -> Option<Diagnostic> {
    let label = &a.label;
    match (&a.next, &a.playbook) {
        (None, None) => Some(
            Diagnostic::error(
                "E062",
                s.span(path),
                crate::tr!("triage.dead_answer", label = label),
            )
            .with_path(path)
            .with_hint(Some(crate::tr!("triage.dead_answer_hint"))),
        ),
        (Some(_), Some(_)) => Some(
            Diagnostic::error(
                "E063",
                s.span(path),
                crate::tr!("triage.both", label = label),
            )
            .with_path(path)
            .with_hint(Some(crate::tr!("triage.both_hint"))),
        ),
        (Some(n), None) if !ids.contains_key(n.as_str()) => {
            let p = format!("{path}.next");
            Some(
                Diagnostic::error(
                    "E022",
                    s.span(&p),
                    crate::tr!("triage.unknown_question", id = n),
                )
                .with_path(&p)
                .with_hint(did_you_mean(n, ids.keys().copied())),
            )
        }
        (None, Some(pb)) if content.playbook(pb).is_none() => {
            let p = format!("{path}.playbook");
            let known = content.playbooks.iter().map(|x| x.id.as_str());
            Some(
                Diagnostic::error(
                    "E022",
                    s.span(&p),
                    crate::tr!("triage.unknown_playbook", id = pb),
                )
                .with_path(&p)
                .with_hint(did_you_mean(pb, known)),
            )
        }
        _ => None,
    }
}

/// An answer may point at the exact step of its playbook and at the reply to send:
/// both must exist, the step must have an id and the template must be one the playbook
/// uses (its page is where the form opens).
fn check_step_and_template(
    a: &TriageAnswer,
    path: &str,
    s: &Source,
    content: &Content,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if a.step.is_none() && a.template.is_none() {
        return out;
    }
    let Some(pb) = a.playbook.as_deref() else {
        let field = if a.step.is_some() { "step" } else { "template" };
        let p = format!("{path}.{field}");
        out.push(
            Diagnostic::error(
                "E068",
                s.span(&p),
                crate::tr!(
                    "triage.target_without_playbook",
                    label = a.label,
                    field = field
                ),
            )
            .with_path(&p)
            .with_hint(Some(crate::tr!("triage.target_without_playbook_hint"))),
        );
        return out;
    };
    let Some(p) = content.playbook(pb) else {
        return out; // reported as an unknown playbook
    };
    if let Some(step) = a.step.as_deref() {
        let steps: Vec<&str> = p.steps.iter().filter_map(|x| x.id.as_deref()).collect();
        if !steps.contains(&step) {
            let f = format!("{path}.step");
            let hint = did_you_mean(step, steps.iter().copied()).or_else(|| {
                Some(if steps.is_empty() {
                    crate::tr!("triage.no_step_ids", id = pb)
                } else {
                    crate::tr!("triage.step_ids", id = pb, steps = steps.join(", "))
                })
            });
            out.push(
                Diagnostic::error(
                    "E022",
                    s.span(&f),
                    crate::tr!("triage.unknown_step", step = step, id = pb),
                )
                .with_path(&f)
                .with_hint(hint),
            );
        }
    }
    if let Some(t) = a.template.as_deref() {
        out.extend(check_answer_template(t, p, path, s, content));
    }
    out
}

fn check_answer_template(
    t: &str,
    p: &crate::playbooks::model::Playbook,
    path: &str,
    s: &Source,
    content: &Content,
) -> Option<Diagnostic> {
    let f = format!("{path}.template");
    let used: Vec<&str> = super::template_ids(p).collect();
    if used.contains(&t) {
        return None;
    }
    let (code, message, hint) = if content.template(t).is_none() {
        let all = content.templates.iter().map(|x| x.id.as_str());
        let hint = did_you_mean(t, used.iter().copied())
            .or_else(|| did_you_mean(t, all))
            .or_else(|| {
                Some(crate::tr!(
                    "triage.templates_of",
                    id = p.id,
                    templates = used.join(", ")
                ))
            });
        ("E022", crate::tr!("triage.unknown_template", id = t), hint)
    } else {
        let hint = did_you_mean(t, used.iter().copied()).or_else(|| {
            Some(crate::tr!(
                "triage.templates_of_or_add",
                id = p.id,
                templates = used.join(", "),
                template = t
            ))
        });
        (
            "E069",
            crate::tr!("triage.template_not_used", template = t, id = p.id),
            hint,
        )
    };
    Some(
        Diagnostic::error(code, s.span(&f), message)
            .with_path(&f)
            .with_hint(hint),
    )
}

/// What a walk of the tree from `start` found.
struct Walk<'a> {
    /// Per question: 0 = never reached, 2 = reached.
    colour: Vec<u8>,
    /// Playbooks some answer ends at.
    playbooks: BTreeSet<&'a str>,
    /// (question index, answer index, target index) of answers that close a cycle.
    back_edges: Vec<(usize, usize, usize)>,
}

/// Iterative depth-first walk with colours (1 = on the current path, 2 = done).
fn walk<'a>(tree: &'a Triage, ids: &BTreeMap<&str, usize>, start: usize) -> Walk<'a> {
    let mut w = Walk {
        colour: vec![0u8; tree.nodes.len()],
        playbooks: BTreeSet::new(),
        back_edges: Vec::new(),
    };
    let mut stack = vec![(start, 0usize)];
    w.colour[start] = 1;
    while let Some((node, next_answer)) = stack.pop() {
        let answers = &tree.nodes[node].answers;
        let Some(a) = answers.get(next_answer) else {
            w.colour[node] = 2;
            continue;
        };
        stack.push((node, next_answer + 1));
        if let Some(pb) = &a.playbook {
            w.playbooks.insert(pb.as_str());
        }
        let Some(&child) = a.next.as_deref().and_then(|n| ids.get(n)) else {
            continue;
        };
        match w.colour[child] {
            0 => {
                w.colour[child] = 1;
                stack.push((child, 0));
            }
            1 => w.back_edges.push((node, next_answer, child)),
            _ => {}
        }
    }
    w
}

fn check_cycles_and_reach(
    tree: &Triage,
    s: &Source,
    ids: &BTreeMap<&str, usize>,
    content: &Content,
    diag: &mut Diagnostics,
) {
    let Some(&start) = ids.get(tree.start.as_str()) else {
        return;
    };
    let w = walk(tree, ids, start);
    for (node, answer, child) in w.back_edges {
        let path = format!("triage.nodes[{node}].answers[{answer}].next");
        let (label, from, to) = (
            &tree.nodes[node].answers[answer].label,
            &tree.nodes[node].id,
            &tree.nodes[child].id,
        );
        diag.push(
            Diagnostic::error(
                "E064",
                s.span(&path),
                crate::tr!("triage.cycle", label = label, from = from, to = to),
            )
            .with_path(&path)
            .with_hint(Some(crate::tr!("triage.cycle_hint"))),
        );
    }
    for (i, n) in tree
        .nodes
        .iter()
        .enumerate()
        .filter(|(i, _)| w.colour[*i] == 0)
    {
        let path = format!("triage.nodes[{i}]");
        let message = crate::tr!("triage.unreachable", id = n.id, start = tree.start);
        diag.push(Diagnostic::warning("W065", s.span(&path), message).with_path(&path));
    }
    for p in content
        .playbooks
        .iter()
        .filter(|p| !w.playbooks.contains(p.id.as_str()))
    {
        diag.push(
            Diagnostic::warning(
                "W066",
                s.span("triage"),
                crate::tr!("triage.orphan", id = p.id),
            )
            .with_path("triage")
            .with_hint(Some(crate::tr!("triage.orphan_hint", id = p.id))),
        );
    }
}
