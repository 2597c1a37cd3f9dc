//! Upper bounds on the length of every text field of the content.
//!
//! A title is a line, a summary a sentence or two, a Markdown body a few screens. The
//! bounds are far above what the sample uses (its longest Markdown field has about 400
//! characters) and stop a pasted document or a runaway generator from making every page,
//! the print handbook and the search index huge. Field names decide the class, so a new
//! field of the model is bounded without being listed here (as a short field, unless it
//! is added to a longer class).

use serde_json::Value;

use crate::diag::{Diagnostic, Diagnostics};
use crate::playbooks::RawContent;

/// Most characters in a Markdown body or a reply text.
pub const MAX_LONG_CHARS: usize = 20_000;
/// Most characters in a sentence-sized field or one list item.
pub const MAX_MEDIUM_CHARS: usize = 2_000;
/// Most characters in a title, name, label or id-like field.
pub const MAX_SHORT_CHARS: usize = 200;

/// Fields holding Markdown bodies or whole replies.
const LONG_FIELDS: &[&str] = &[
    "description",
    "applies_when",
    "escalation",
    "details",
    "why",
    "text",
    "help",
    "explanation",
    "intro",
    "body",
];

/// Fields holding a sentence, a reply line or one list item.
const MEDIUM_FIELDS: &[&str] = &[
    "summary",
    "use_when",
    "reason",
    "better",
    "bad",
    "triggers",
    "prevention",
    "items",
    "choices",
    "answer",
    "question",
    "phrases",
    "variants",
    "example",
    "source",
    "value",
    "change_note",
    "goals",
    "recap",
    "definition",
    "flag",
    "pass",
];

/// The length bound of a field, by its name.
pub fn limit_for(field: &str) -> usize {
    if LONG_FIELDS.contains(&field) {
        MAX_LONG_CHARS
    } else if MEDIUM_FIELDS.contains(&field) {
        MAX_MEDIUM_CHARS
    } else {
        MAX_SHORT_CHARS
    }
}

/// Reports every text field longer than its bound, with the file, line, column and
/// field path.
pub fn check(raw: &RawContent, diag: &mut Diagnostics) {
    for file in &raw.files {
        let Ok(value) = serde_json::to_value(&file.content) else {
            continue;
        };
        let mut found = Vec::new();
        walk(&value, "", "", &mut found);
        for (path, field, chars) in found {
            let limit = limit_for(&field);
            diag.push(
                Diagnostic::error(
                    "E024",
                    file.source.span(&path),
                    crate::tr!("len.too_long", field = field, chars = chars, limit = limit),
                )
                .with_path(&path)
                .with_hint(Some(crate::tr!("len.too_long_hint"))),
            );
        }
    }
}

/// Collects (field path, field name, length) of every string over its bound.
fn walk(value: &Value, path: &str, field: &str, found: &mut Vec<(String, String, usize)>) {
    match value {
        Value::String(s) => {
            let limit = limit_for(field);
            // `len()` bounds the count from above: most strings are skipped unread.
            if s.len() > limit {
                let chars = s.chars().count();
                if chars > limit {
                    found.push((path.to_string(), field.to_string(), chars));
                }
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                walk(item, &format!("{path}[{i}]"), field, found);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                let child = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                walk(item, &child, key, found);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Each class is bounded, and a field name not listed falls in the short class.
    #[test]
    fn limits_by_field_name() {
        assert_eq!(limit_for("applies_when"), MAX_LONG_CHARS);
        assert_eq!(limit_for("summary"), MAX_MEDIUM_CHARS);
        assert_eq!(limit_for("title"), MAX_SHORT_CHARS);
        assert_eq!(limit_for("some_new_field"), MAX_SHORT_CHARS);
    }

    // Characters are counted, not bytes: 200 Chinese characters are a valid title.
    #[test]
    fn counts_characters_and_names_the_path() {
        let value = serde_json::json!({
            "playbooks": [{ "title": "缺".repeat(200), "triggers": ["a", "b".repeat(2001)] }]
        });
        let mut found = Vec::new();
        walk(&value, "", "", &mut found);
        assert_eq!(
            found,
            [(
                "playbooks[0].triggers[1]".to_string(),
                "triggers".to_string(),
                2001
            )]
        );
    }
}
