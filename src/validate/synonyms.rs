//! Search synonyms that can find nothing (W067): search replaces a variant by its
//! `word`, so a group whose word occurs nowhere in the content sends every variant to
//! a dead end. Words are compared in search's matching form (Traditional → Simplified,
//! full-width → ASCII, lower case), against every text of the content.

use serde_json::Value;

use crate::diag::{Diagnostic, Diagnostics};
use crate::playbooks::RawContent;
use crate::playbooks::model::ContentFile;
use crate::search::normalize;

pub(super) fn check(raw: &RawContent, diag: &mut Diagnostics) {
    let text = content_text(raw);
    for f in &raw.files {
        for (i, syn) in f.content.synonyms.iter().enumerate() {
            let word = normalize(syn.word.trim());
            if word.is_empty() || text.contains(&word) {
                continue;
            }
            let path = format!("synonyms[{i}].word");
            let live = syn
                .variants
                .iter()
                .find(|v| {
                    let v = normalize(v.trim());
                    !v.is_empty() && text.contains(&v)
                })
                .map(|v| v.trim().to_string());
            let hint = match &live {
                Some(v) => crate::tr!("syn.says", word = v),
                None => crate::tr!("syn.use_word"),
            };
            let message = match live {
                Some(_) => crate::tr!("syn.dead_word", word = syn.word),
                None => crate::tr!("syn.dead_group", word = syn.word),
            };
            diag.push(
                Diagnostic::warning("W067", f.source.span(&path), message)
                    .with_path(&path)
                    .with_hint(Some(hint)),
            );
        }
    }
}

/// Every text of every content file except the synonyms themselves, in matching form,
/// one string per value separated by line breaks.
fn content_text(raw: &RawContent) -> String {
    let mut out = String::new();
    for f in &raw.files {
        let content = ContentFile {
            synonyms: Vec::new(),
            ..f.content.clone()
        };
        if let Ok(v) = serde_json::to_value(&content) {
            push_strings(&v, &mut out);
        }
    }
    out
}

fn push_strings(v: &Value, out: &mut String) {
    match v {
        Value::String(s) => {
            out.push_str(&normalize(s));
            out.push('\n');
        }
        Value::Array(a) => a.iter().for_each(|x| push_strings(x, out)),
        Value::Object(o) => o.values().for_each(|x| push_strings(x, out)),
        _ => {}
    }
}
