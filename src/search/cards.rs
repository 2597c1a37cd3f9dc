//! Cards that the site shows in more than one place — reply templates (`tpl-<id>`) on
//! each playbook that uses them and in the library, checklists (`cl-<id>` on the
//! checklist page, `checklist-<id>` on playbooks) — and the reply text of templates.
//!
//! - A template's preview holds its raw text with `{{name}}` placeholders; the index
//!   stores them as the placeholder's label in brackets (`【商品名称】`), as the page
//!   shows an empty field, so excerpts never show template markup.
//! - A card's text is stored only where it first appears (in path order); a later copy
//!   keeps its heading, so the name still finds every place, and only the text the first
//!   copy lacks. This keeps the index small and stops one phrase listing every copy.

use std::collections::BTreeMap;

use super::emit::IndexedPage;
use super::html::RawSection;
use super::normalize::normalize_with_restore;
use crate::validate::Content;

/// Anchor prefix of template cards.
pub const TEMPLATE_PREFIX: &str = "tpl-";

/// Anchor prefixes of cards shown in several places, with the key kind they share.
const CARD_PREFIXES: &[(&str, &str)] = &[
    (TEMPLATE_PREFIX, "tpl"),
    ("checklist-", "cl"),
    ("cl-", "cl"),
];

/// Replaces every `{{name}}` in a template card's body by `【label】` (the label the
/// template declares, else the name); other sections are left alone except that any
/// stray `{{x}}` is written `【x】` as well.
pub fn label_placeholders(section: &mut RawSection, content: &Content) {
    if !section.body.contains("{{") {
        return;
    }
    let template = section
        .anchor
        .strip_prefix(TEMPLATE_PREFIX)
        .and_then(|id| content.template(id));
    let label = |name: &str| -> String {
        template
            .and_then(|t| t.placeholders.iter().find(|p| p.name == name))
            .map_or_else(|| name.to_string(), |p| p.label.clone())
    };
    section.body = replace_placeholders(&section.body, label);
}

/// `text` with each `{{ name }}` replaced by `【label(name)】`; an unclosed `{{` is
/// dropped.
fn replace_placeholders(text: &str, label: impl Fn(&str) -> String) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else {
            out.push_str(after);
            return out;
        };
        let name = after[..end].trim();
        out.push('【');
        out.push_str(&label(name));
        out.push('】');
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    out
}

/// Keeps each card's text once: later copies keep their heading and only the text the
/// first copy lacks (the library adds "used in …"; a checklist on a playbook is the
/// checklist page's copy without its "related playbooks" line).
pub fn drop_repeated_bodies(pages: &mut [IndexedPage]) {
    let mut first: BTreeMap<(&str, String), String> = BTreeMap::new();
    for s in pages.iter_mut().flat_map(|p| p.sections.iter_mut()) {
        let Some(key) = card_key(&s.anchor) else {
            continue;
        };
        if s.body.text.is_empty() {
            continue;
        }
        let Some(seen) = first.get(&key) else {
            first.insert(key, s.body.text.clone());
            continue;
        };
        if seen.starts_with(s.body.text.as_str()) {
            s.body = normalize_with_restore(""); // nothing the first copy lacks
        } else if let Some(rest) = s.body.text.strip_prefix(seen.as_str()) {
            let skip = s.body.text.chars().count() - rest.chars().count();
            let tail: String = s.body.display().chars().skip(skip).collect();
            s.body = normalize_with_restore(tail.trim());
        }
    }
}

/// `("tpl", id)` or `("cl", id)` for a card anchor.
fn card_key(anchor: &str) -> Option<(&'static str, String)> {
    CARD_PREFIXES.iter().find_map(|(prefix, kind)| {
        anchor
            .strip_prefix(prefix)
            .map(|id| (*kind, id.to_string()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    // Excerpts must never show template markup; labels read like the empty form field.
    #[test]
    fn writes_placeholders_as_bracketed_labels() {
        let label = |n: &str| {
            if n == "product_name" {
                "商品名称".into()
            } else {
                n.to_string()
            }
        };
        assert_eq!(
            replace_placeholders("您买的{{product_name}}和{{ other }}已发出", label),
            "您买的【商品名称】和【other】已发出"
        );
        assert_eq!(replace_placeholders("a{{b", |n: &str| n.to_string()), "ab");
        assert_eq!(
            replace_placeholders("无占位", |n: &str| n.to_string()),
            "无占位"
        );
    }

    // Checklists on playbooks share their key with the checklist page.
    #[test]
    fn checklist_copies_share_a_key() {
        assert_eq!(card_key("cl-daily"), card_key("checklist-daily"));
        assert_eq!(card_key("tpl-x"), Some(("tpl", "x".to_string())));
        assert_eq!(card_key("step-1"), None);
    }
}
