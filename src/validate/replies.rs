//! What the phrase rules say about the content's own replies: a template (filled
//! with its placeholders' examples) or the "better" reply of an anti-example must not
//! be flagged (E050), and every anti-example's "bad" reply must be (E051) — otherwise
//! the rules have a gap that "check my reply" would share.

use super::Content;
use crate::diag::{Diagnostic, Diagnostics};
use crate::lint::Finding;
use crate::playbooks::RawContent;
use crate::playbooks::model::{Channel, PhraseAudience, PlaceholderKind, Template};

pub(super) fn check(raw: &RawContent, content: &Content, diag: &mut Diagnostics) {
    let linter = &content.linter;
    for f in &raw.files {
        let s = &f.source;
        for (i, t) in f.content.templates.iter().enumerate() {
            let path = format!("templates[{i}].text");
            for found in linter.check_to(&filled_with_examples(t), audience_of(t.channel)) {
                let span = super::placeholders::find_in_value(s, &path, &found.text);
                diag.push(flagged(
                    crate::tr!("reply.template", id = t.id),
                    &found,
                    span,
                    &path,
                ));
            }
        }
        for (i, p) in f.content.playbooks.iter().enumerate() {
            for (j, a) in p.anti_examples.iter().enumerate() {
                let bad_path = format!("playbooks[{i}].anti_examples[{j}].bad");
                if linter.check(&a.bad).is_empty() {
                    diag.push(
                        Diagnostic::error("E051", s.span(&bad_path), crate::tr!("reply.uncaught"))
                            .with_path(&bad_path)
                            .with_hint(Some(crate::tr!("reply.uncaught_hint"))),
                    );
                }
                let better_path = format!("playbooks[{i}].anti_examples[{j}].better");
                for found in linter.check(&a.better) {
                    let span = super::placeholders::find_in_value(s, &better_path, &found.text);
                    diag.push(flagged(
                        crate::tr!("reply.better"),
                        &found,
                        span,
                        &better_path,
                    ));
                }
            }
        }
    }
}

/// Whom a template's channel writes to.
pub fn audience_of(channel: Channel) -> PhraseAudience {
    match channel {
        Channel::SupplierMessage | Channel::SupplierEmail => PhraseAudience::Supplier,
        // A platform form (dispute statement, public reply to a review) is read by the
        // platform and by buyers: every buyer rule applies.
        Channel::Chat | Channel::Phone | Channel::Sms | Channel::PlatformForm => {
            PhraseAudience::Buyer
        }
    }
}

fn flagged(what: String, f: &Finding, span: crate::diag::Span, path: &str) -> Diagnostic {
    Diagnostic::error(
        "E050",
        span,
        crate::tr!(
            "reply.flagged",
            what = what,
            text = f.text,
            rule = f.rule,
            reason = f.reason
        ),
    )
    .with_path(path)
    .with_hint(Some(crate::tr!("reply.say_instead", better = f.better)))
}

/// The template's text with every `{{name}}` replaced by the placeholder's example
/// (or a neutral value of its kind), so that rules needing a concrete time see one.
pub fn filled_with_examples(t: &Template) -> String {
    let mut out = t.text.clone();
    for p in &t.placeholders {
        let value = if p.example.trim().is_empty() {
            match p.kind {
                PlaceholderKind::Date => "11月28日",
                PlaceholderKind::Money => "10",
                PlaceholderKind::Number => "1",
                PlaceholderKind::OrderId => "1234567890",
                PlaceholderKind::Text => "X",
            }
            .to_string()
        } else {
            p.example.clone()
        };
        for marker in [
            format!("{{{{{}}}}}", p.name),
            format!("{{{{ {} }}}}", p.name),
        ] {
            out = out.replace(&marker, &value);
        }
    }
    out
}
