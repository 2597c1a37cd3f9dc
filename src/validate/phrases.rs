//! Phrase rules: no template or "better" reply contains a banned phrase, and every
//! anti-example is caught by at least one rule (otherwise the rules have a gap).

use super::Content;
use crate::diag::{Diagnostic, Diagnostics};
use crate::playbooks::RawContent;
use crate::playbooks::model::PhraseRule;

/// The form phrases are compared in: lower case, all white space removed. The same
/// normalisation runs in the browser (`check.js`), so both agree.
pub fn normalize_phrase(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Every (rule, phrase) of `rules` that occurs in `text`, in rule order.
pub fn phrase_hits<'a>(text: &str, rules: &'a [PhraseRule]) -> Vec<(&'a PhraseRule, &'a str)> {
    let norm = normalize_phrase(text);
    let mut hits = Vec::new();
    for rule in rules {
        for phrase in &rule.phrases {
            let p = normalize_phrase(phrase);
            if !p.is_empty() && norm.contains(&p) {
                hits.push((rule, phrase.as_str()));
            }
        }
    }
    hits
}

pub(super) fn check(raw: &RawContent, content: &Content, diag: &mut Diagnostics) {
    let rules = &content.phrase_rules;
    for f in &raw.files {
        let s = &f.source;
        for (i, r) in f.content.phrase_rules.iter().enumerate() {
            if r.phrases.iter().all(|p| normalize_phrase(p).is_empty()) {
                let path = format!("phrase_rules[{i}].phrases");
                diag.push(
                    Diagnostic::error(
                        "E052",
                        s.span(&path),
                        format!("phrase rule `{}` has no phrases", r.id),
                    )
                    .with_path(&path),
                );
            }
        }
        for (i, t) in f.content.templates.iter().enumerate() {
            let path = format!("templates[{i}].text");
            for (rule, phrase) in phrase_hits(&t.text, rules) {
                let span = super::placeholders::find_in_value(s, &path, phrase);
                diag.push(
                    Diagnostic::error(
                        "E050",
                        span,
                        format!(
                            "template `{}` contains the banned phrase `{phrase}` (rule `{}`: {})",
                            t.id, rule.id, rule.reason
                        ),
                    )
                    .with_path(&path)
                    .with_hint(Some(format!("say instead: {}", rule.better))),
                );
            }
        }
        for (i, p) in f.content.playbooks.iter().enumerate() {
            for (j, a) in p.anti_examples.iter().enumerate() {
                let bad_path = format!("playbooks[{i}].anti_examples[{j}].bad");
                if phrase_hits(&a.bad, rules).is_empty() {
                    diag.push(
                        Diagnostic::error("E051", s.span(&bad_path), "no phrase rule catches this anti-example")
                            .with_path(&bad_path)
                            .with_hint(Some("add the offending words to a rule under `phrase_rules:` so `check my reply` warns about them too".to_string())),
                    );
                }
                let better_path = format!("playbooks[{i}].anti_examples[{j}].better");
                for (rule, phrase) in phrase_hits(&a.better, rules) {
                    diag.push(
                        Diagnostic::error("E050", s.span(&better_path), format!("the better reply contains the banned phrase `{phrase}` (rule `{}`)", rule.id))
                            .with_path(&better_path)
                            .with_hint(Some(format!("say instead: {}", rule.better))),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::playbooks::model::PhraseCategory;

    fn rule(phrases: &[&str]) -> PhraseRule {
        PhraseRule {
            id: "r".into(),
            category: PhraseCategory::Rude,
            phrases: phrases.iter().map(|s| s.to_string()).collect(),
            reason: String::new(),
            better: String::new(),
        }
    }

    // Spaces and case must not let a banned phrase slip through.
    #[test]
    fn matches_ignoring_spaces_and_case() {
        let rules = [rule(&["我又不是快递员", "NOT MY JOB"])];
        assert_eq!(phrase_hits("亲，我 又不是 快递员！", &rules).len(), 1);
        assert_eq!(phrase_hits("that is not my job", &rules).len(), 1);
        assert!(phrase_hits("我们马上联系快递", &rules).is_empty());
    }
}
