//! Tags in text must resolve: every `[[kind:id]]` names an existing entry (with "did
//! you mean"), every `{{rule:…}}` an existing platform rule, and tags only appear where
//! they are rendered.

use std::collections::BTreeSet;

use super::fields::{Field, FieldClass, text_fields};
use super::placeholders::find_in_value;
use super::tags::{RefKind, Tag, TagAt, scan};
use super::{Content, Kind};
use crate::diag::{Diagnostic, Diagnostics, did_you_mean};
use crate::playbooks::RawContent;
use crate::yaml::Source;

pub(super) fn check(raw: &RawContent, content: &Content, diag: &mut Diagnostics) {
    for f in &raw.files {
        for field in text_fields(&f.content) {
            for t in scan(field.text) {
                if let Some(d) = problem(&t, &field, content, &f.source) {
                    diag.push(d);
                }
            }
        }
    }
}

fn problem(t: &TagAt<'_>, field: &Field<'_>, c: &Content, s: &Source) -> Option<Diagnostic> {
    let span = find_in_value(s, &field.path, t.raw);
    let (code, message, hint) = match (&t.tag, field.class) {
        (_, FieldClass::Label) => (
            "E081",
            crate::tr!("xref.label", tag = t.raw),
            Some(crate::tr!("xref.label_hint")),
        ),
        (Tag::Ref { .. }, FieldClass::Reply) => (
            "E081",
            crate::tr!("xref.in_reply", tag = t.raw),
            Some(crate::tr!("xref.in_reply_hint")),
        ),
        (Tag::Malformed { reason, word }, _) => (
            "E081",
            crate::tr!(reason, tag = t.raw),
            word.and_then(|w| did_you_mean(w, RefKind::ALL.iter().map(|k| k.key())))
                .or_else(|| Some(syntax_hint())),
        ),
        (Tag::Ref { kind, target, .. }, _) => {
            let hint = unknown_ref(*kind, target, c)?;
            (
                "E080",
                crate::tr!(
                    "xref.unknown",
                    kind = kind.key(),
                    target = target,
                    tag = t.raw
                ),
                Some(hint),
            )
        }
        (Tag::Rule { platform, key }, _) => {
            let hint = unknown_rule(*platform, key, c)?;
            (
                "E082",
                crate::tr!("xref.unknown_rule", tag = t.raw),
                Some(hint),
            )
        }
    };
    Some(
        Diagnostic::error(code, span, message)
            .with_path(&field.path)
            .with_hint(hint),
    )
}

fn syntax_hint() -> String {
    let kinds: Vec<&str> = RefKind::ALL.iter().map(|k| k.key()).collect();
    crate::tr!("xref.syntax", kinds = kinds.join(", "))
}

/// `None` when the reference resolves, else the hint for the error.
fn unknown_ref(kind: RefKind, target: &str, c: &Content) -> Option<String> {
    let ids = |k: Kind| super::links::ids_of(c, k);
    let (id, candidates) = match kind {
        RefKind::Playbook => (target, ids(Kind::Playbook)),
        RefKind::Template => (target, ids(Kind::Template)),
        RefKind::Checklist => (target, ids(Kind::Checklist)),
        RefKind::Cause => (target, ids(Kind::Cause)),
        RefKind::Step => return unknown_step(target, c),
    };
    if candidates.iter().any(|x| x == id) {
        return None;
    }
    Some(
        did_you_mean(id, candidates.iter().map(String::as_str))
            .unwrap_or_else(|| crate::tr!("xref.no_id", kind = kind.key())),
    )
}

fn unknown_step(target: &str, c: &Content) -> Option<String> {
    let (pb, step) = target.split_once('/').unwrap_or((target, ""));
    let Some(p) = c.playbook(pb) else {
        let ids = super::links::ids_of(c, Kind::Playbook);
        return Some(
            did_you_mean(pb, ids.iter().map(String::as_str))
                .unwrap_or_else(|| crate::tr!("xref.no_playbook", id = pb)),
        );
    };
    let steps: Vec<&str> = p.steps.iter().filter_map(|s| s.id.as_deref()).collect();
    if steps.contains(&step) {
        return None;
    }
    Some(
        did_you_mean(step, steps.iter().copied()).unwrap_or_else(|| {
            if steps.is_empty() {
                crate::tr!("xref.give_step_id", id = pb)
            } else {
                crate::tr!("xref.step_ids", id = pb, steps = steps.join(", "))
            }
        }),
    )
}

fn unknown_rule(platform: Option<&str>, key: &str, c: &Content) -> Option<String> {
    let platforms: BTreeSet<&str> = c
        .platform_rules
        .iter()
        .map(|p| p.platform.as_str())
        .collect();
    let keys_of = |p: Option<&str>| -> BTreeSet<&str> {
        c.platform_rules
            .iter()
            .filter(|s| p.is_none_or(|p| s.platform == p))
            .flat_map(|s| s.rules.iter().map(|r| r.key.as_str()))
            .collect()
    };
    if let Some(p) = platform
        && !platforms.contains(p)
    {
        return Some(
            did_you_mean(p, platforms.iter().copied()).unwrap_or_else(|| {
                if platforms.is_empty() {
                    crate::tr!("xref.no_rules")
                } else {
                    crate::tr!(
                        "xref.platforms",
                        list = platforms.iter().copied().collect::<Vec<_>>().join(", ")
                    )
                }
            }),
        );
    }
    let keys = keys_of(platform);
    if keys.contains(key) {
        return None;
    }
    Some(did_you_mean(key, keys.iter().copied()).unwrap_or_else(|| {
        crate::tr!(
            "xref.rules",
            list = keys.iter().copied().collect::<Vec<_>>().join(", ")
        )
    }))
}
