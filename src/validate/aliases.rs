//! Cause aliases: every word that stands for a cause in an order export (its id, its
//! `name`, its `aliases`) must stand for one cause only, or the report could not tell
//! which cause a 断货 means.

use std::collections::BTreeMap;

use crate::diag::{Diagnostic, Diagnostics, Span};
use crate::playbooks::RawContent;

/// Reports an alias that is already another cause's id, name or alias (E025).
pub(super) fn check(raw: &RawContent, diag: &mut Diagnostics) {
    // Lower-cased word → (cause id, what it is for that cause).
    let mut owner: BTreeMap<String, (&str, &'static str)> = BTreeMap::new();
    for f in &raw.files {
        for c in &f.content.causes {
            owner.entry(c.id.to_lowercase()).or_insert((&c.id, "id"));
            owner
                .entry(c.name.trim().to_lowercase())
                .or_insert((&c.id, "name"));
        }
    }
    for f in &raw.files {
        for (i, c) in f.content.causes.iter().enumerate() {
            for (j, alias) in c.aliases.iter().enumerate() {
                let key = alias.trim().to_lowercase();
                match owner.get(&key) {
                    Some((id, what)) if *id != c.id => {
                        let path = format!("causes[{i}].aliases[{j}]");
                        diag.push(clash(f.source.span(&path), &path, alias, &c.id, (id, what)));
                    }
                    Some(_) => {}
                    None => {
                        owner.insert(key, (&c.id, "alias"));
                    }
                }
            }
        }
    }
}

fn clash(span: Span, path: &str, alias: &str, cause: &str, other: (&str, &str)) -> Diagnostic {
    Diagnostic::error(
        "E025",
        span,
        crate::tr!(
            &format!("alias.clash_{}", other.1),
            alias = alias,
            cause = cause,
            other = other.0
        ),
    )
    .with_path(path)
    .with_hint(Some(crate::tr!("alias.clash_hint")))
}
