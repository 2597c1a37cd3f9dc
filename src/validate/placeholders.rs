//! Placeholders: every `{{name}}` in a template is declared, and every declared one is used.

use std::collections::BTreeSet;

use crate::diag::{Diagnostic, Diagnostics, Span, did_you_mean};
use crate::playbooks::RawContent;
use crate::yaml::Source;

/// The placeholder names used in `text` as `{{name}}` (spaces inside the braces
/// allowed), in order of first use, without repeats.
pub fn placeholders_in(text: &str) -> Vec<String> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else { break };
        let name = after[..end].trim().to_string();
        // `{{rule:…}}` is a platform-rule value, filled at build time (see `tags`).
        if !name.starts_with("rule:") && seen.insert(name.clone()) {
            out.push(name);
        }
        rest = &after[end + 2..];
    }
    out
}

/// True when `name` is a valid placeholder name: ASCII letters, digits and `_`.
pub fn is_placeholder_name(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

pub(super) fn check(raw: &RawContent, diag: &mut Diagnostics) {
    for f in &raw.files {
        for (i, t) in f.content.templates.iter().enumerate() {
            let declared: Vec<&str> = t.placeholders.iter().map(|p| p.name.as_str()).collect();
            let used = placeholders_in(&t.text);
            let text_path = format!("templates[{i}].text");
            for name in &used {
                if !declared.contains(&name.as_str()) {
                    let span = find_in_value(&f.source, &text_path, &format!("{{{{{name}"));
                    let hint = did_you_mean(name, declared.iter().copied())
                        .unwrap_or_else(|| crate::tr!("ph.declare_hint", name = name));
                    diag.push(
                        Diagnostic::error(
                            "E040",
                            span,
                            crate::tr!("ph.undeclared", id = t.id, name = name),
                        )
                        .with_path(&text_path)
                        .with_hint(Some(hint)),
                    );
                }
            }
            let mut seen = BTreeSet::new();
            for (j, p) in t.placeholders.iter().enumerate() {
                let path = format!("templates[{i}].placeholders[{j}].name");
                if !is_placeholder_name(&p.name) {
                    diag.push(
                        Diagnostic::error(
                            "E043",
                            f.source.span(&path),
                            crate::tr!("ph.bad_name", name = p.name),
                        )
                        .with_path(&path)
                        .with_hint(Some(crate::tr!("ph.bad_name_hint"))),
                    );
                } else if !seen.insert(p.name.as_str()) {
                    diag.push(
                        Diagnostic::error(
                            "E042",
                            f.source.span(&path),
                            crate::tr!("ph.twice", name = p.name),
                        )
                        .with_path(&path),
                    );
                } else if !used.contains(&p.name) {
                    diag.push(
                        Diagnostic::error(
                            "E041",
                            f.source.span(&path),
                            crate::tr!("ph.unused", name = p.name, id = t.id),
                        )
                        .with_path(&path)
                        .with_hint(Some(crate::tr!("ph.unused_hint", name = p.name))),
                    );
                }
            }
        }
    }
}

/// The position of `needle` in the source at or after the start of the value at
/// `field_path`; the value's own position when not found.
pub(super) fn find_in_value(source: &Source, field_path: &str, needle: &str) -> Span {
    let (line, col) = source.locate(field_path);
    let start: usize = source
        .text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    match source.text[start..].find(needle) {
        Some(off) => {
            let abs = start + off;
            let before = &source.text[..abs];
            let l = before.matches('\n').count() + 1;
            let c = before.rsplit('\n').next().map_or(0, |s| s.chars().count()) + 1;
            Span::at(&source.path, l, c)
        }
        None => Span::at(&source.path, line, col),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The site's fill-in form is generated from these names.
    #[test]
    fn finds_placeholders_once_in_order() {
        let t = "您好{{buyer}}，订单{{ order_id }}将于{{date}}发出。{{buyer}}";
        assert_eq!(placeholders_in(t), vec!["buyer", "order_id", "date"]);
        assert!(placeholders_in("没有占位符 {{ 未闭合").is_empty());
    }
}
