//! The triage tree: every answer leads somewhere, there are no cycles, every question is
//! reachable, and every playbook can be reached.

use std::collections::{BTreeMap, BTreeSet};

use super::Content;
use crate::diag::{Diagnostic, Diagnostics, did_you_mean};
use crate::playbooks::RawContent;
use crate::playbooks::model::Triage;
use crate::yaml::Source;

pub(super) fn check(raw: &RawContent, content: &Content, diag: &mut Diagnostics) {
    let Some(file) = raw.files.iter().find(|f| f.content.triage.is_some()) else {
        if !content.playbooks.is_empty() {
            let s = &raw.files[0].source;
            diag.push(
                Diagnostic::warning(
                    "W060",
                    crate::diag::Span::file(&s.path),
                    "no triage tree is defined",
                )
                .with_hint(Some(
                    "add a `triage:` section so staff can find the right playbook".to_string(),
                )),
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
                format!("triage start `{}` is not a question", tree.start),
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
            diag.push(
                Diagnostic::error(
                    "E062",
                    s.span(&path),
                    format!(
                        "triage question `{}` is a dead end: it needs at least two answers",
                        node.id
                    ),
                )
                .with_path(&path),
            );
        }
        for (j, a) in node.answers.iter().enumerate() {
            let path = format!("triage.nodes[{i}].answers[{j}]");
            match (&a.next, &a.playbook) {
                (None, None) => diag.push(
                    Diagnostic::error(
                        "E062",
                        s.span(&path),
                        format!("answer `{}` is a dead end: it leads nowhere", a.label),
                    )
                    .with_path(&path)
                    .with_hint(Some(
                        "add `next:` (a question id) or `playbook:` (a playbook id)".to_string(),
                    )),
                ),
                (Some(_), Some(_)) => diag.push(
                    Diagnostic::error(
                        "E063",
                        s.span(&path),
                        format!("answer `{}` has both `next` and `playbook`", a.label),
                    )
                    .with_path(&path)
                    .with_hint(Some(
                        "keep one: an answer leads to a question or ends at a playbook".to_string(),
                    )),
                ),
                (Some(n), None) if !ids.contains_key(n.as_str()) => {
                    let p = format!("{path}.next");
                    diag.push(
                        Diagnostic::error(
                            "E022",
                            s.span(&p),
                            format!("unknown triage question `{n}`"),
                        )
                        .with_path(&p)
                        .with_hint(did_you_mean(n, ids.keys().copied())),
                    );
                }
                (None, Some(pb)) if content.playbook(pb).is_none() => {
                    let p = format!("{path}.playbook");
                    diag.push(
                        Diagnostic::error("E022", s.span(&p), format!("unknown playbook `{pb}`"))
                            .with_path(&p)
                            .with_hint(did_you_mean(
                                pb,
                                content.playbooks.iter().map(|x| x.id.as_str()),
                            )),
                    );
                }
                _ => {}
            }
        }
    }
}

fn check_cycles_and_reach(
    tree: &Triage,
    s: &Source,
    ids: &BTreeMap<&str, usize>,
    content: &Content,
    diag: &mut Diagnostics,
) {
    // Iterative DFS with colours: 1 = on the current path, 2 = done.
    let mut colour = vec![0u8; tree.nodes.len()];
    let mut reached_playbooks = BTreeSet::new();
    let Some(&start) = ids.get(tree.start.as_str()) else {
        return;
    };
    let mut stack = vec![(start, 0usize)];
    colour[start] = 1;
    while let Some((node, next_answer)) = stack.pop() {
        let answers = &tree.nodes[node].answers;
        if next_answer >= answers.len() {
            colour[node] = 2;
            continue;
        }
        stack.push((node, next_answer + 1));
        let a = &answers[next_answer];
        if let Some(pb) = &a.playbook {
            reached_playbooks.insert(pb.as_str());
        }
        let Some(&child) = a.next.as_deref().and_then(|n| ids.get(n)) else {
            continue;
        };
        match colour[child] {
            0 => {
                colour[child] = 1;
                stack.push((child, 0));
            }
            1 => {
                let path = format!("triage.nodes[{node}].answers[{next_answer}].next");
                diag.push(
                    Diagnostic::error(
                        "E064",
                        s.span(&path),
                        format!(
                            "triage cycle: answer `{}` of `{}` leads back to `{}`",
                            a.label, tree.nodes[node].id, tree.nodes[child].id
                        ),
                    )
                    .with_path(&path)
                    .with_hint(Some(
                        "every path of questions must end at a playbook".to_string(),
                    )),
                );
            }
            _ => {}
        }
    }
    for (i, n) in tree.nodes.iter().enumerate() {
        if colour[i] == 0 {
            let path = format!("triage.nodes[{i}]");
            diag.push(
                Diagnostic::warning(
                    "W065",
                    s.span(&path),
                    format!(
                        "triage question `{}` cannot be reached from `{}`",
                        n.id, tree.start
                    ),
                )
                .with_path(&path),
            );
        }
    }
    for p in &content.playbooks {
        if !reached_playbooks.contains(p.id.as_str()) {
            diag.push(
                Diagnostic::warning(
                    "W066",
                    s.span("triage"),
                    format!("playbook `{}` cannot be reached from the triage tree", p.id),
                )
                .with_path("triage")
                .with_hint(Some(format!("add an answer with `playbook: {}`", p.id))),
            );
        }
    }
}
