//! Tags inside content text, found by [`scan`]:
//!
//! - cross-references `[[playbook:id]]`, `[[step:playbook-id/step-id]]`,
//!   `[[template:id]]`, `[[checklist:id]]`, `[[cause:id]]`, optionally with the link
//!   text after a bar: `[[template:oos-first-notice|首次告知]]`. They render as the
//!   entry's Chinese title, so trainees never see an id;
//! - platform-rule values `{{rule:taobao.promise_hours}}` (one platform) and
//!   `{{rule:promise_hours}}` (every platform that defines the rule). They render as
//!   the value (`48小时`) next to "以商家后台最新规则为准，最后核对：…".
//!
//! A `{{name}}` without `rule:` is a template placeholder, not a tag.

use std::ops::Range;

/// Longest tag looked at; anything longer is not a tag (bounded work on any input).
const MAX_TAG_CHARS: usize = 200;

/// What a cross-reference points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum RefKind {
    /// A playbook: `[[playbook:out-of-stock-after-order]]`.
    Playbook,
    /// A step of a playbook, by the step's `id`: `[[step:wrong-tracking-number/fix]]`.
    Step,
    /// A reply template.
    Template,
    /// A checklist.
    Checklist,
    /// A delay cause.
    Cause,
}

impl RefKind {
    /// Every kind, in the order the hint lists them.
    pub const ALL: [RefKind; 5] = [
        RefKind::Playbook,
        RefKind::Step,
        RefKind::Template,
        RefKind::Checklist,
        RefKind::Cause,
    ];

    /// The word written before the colon.
    pub fn key(self) -> &'static str {
        match self {
            RefKind::Playbook => "playbook",
            RefKind::Step => "step",
            RefKind::Template => "template",
            RefKind::Checklist => "checklist",
            RefKind::Cause => "cause",
        }
    }

    fn parse(word: &str) -> Option<RefKind> {
        RefKind::ALL.into_iter().find(|k| k.key() == word)
    }
}

/// One tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tag<'a> {
    /// A cross-reference.
    Ref {
        /// What it points at.
        kind: RefKind,
        /// The id (`playbook-id/step-id` for a step).
        target: &'a str,
        /// The link text to show instead of the title, if given.
        label: Option<&'a str>,
    },
    /// A platform-rule value.
    Rule {
        /// The platform key, or `None` for "every platform".
        platform: Option<&'a str>,
        /// The rule key.
        key: &'a str,
    },
    /// Looks like a tag but cannot be read; `word` is the kind as written, if any.
    Malformed {
        /// Why it cannot be read: a catalogue key whose text takes the tag as `{tag}`.
        reason: &'static str,
        /// The word before the colon of a `[[word:…]]`, for "did you mean".
        word: Option<&'a str>,
    },
}

/// A tag and where it is in the text (byte range, including the brackets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagAt<'a> {
    /// Byte range of the whole tag.
    pub range: Range<usize>,
    /// The tag as written.
    pub raw: &'a str,
    /// What it says.
    pub tag: Tag<'a>,
}

/// Every tag of `text`, in order. A `[[` or `{{rule:` that is not closed on the same
/// line within [`MAX_TAG_CHARS`] is left alone as ordinary text.
pub fn scan(text: &str) -> Vec<TagAt<'_>> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < text.len() {
        let rest = &text[at..];
        let next_ref = rest.find("[[");
        let next_rule = rest.find("{{");
        let (start, open, close) = match (next_ref, next_rule) {
            (Some(a), Some(b)) if b < a => (b, "{{", "}}"),
            (Some(a), _) => (a, "[[", "]]"),
            (None, Some(b)) => (b, "{{", "}}"),
            (None, None) => break,
        };
        let begin = at + start;
        let inner_start = begin + 2;
        let Some(len) = closing(&text[inner_start..], close) else {
            at = inner_start;
            continue;
        };
        let inner = &text[inner_start..inner_start + len];
        let end = inner_start + len + 2;
        let tag = if open == "[[" {
            Some(parse_ref(inner))
        } else {
            parse_rule(inner)
        };
        match tag {
            Some(tag) => {
                out.push(TagAt {
                    range: begin..end,
                    raw: &text[begin..end],
                    tag,
                });
                at = end;
            }
            None => at = end,
        }
    }
    out
}

/// Length of the text before `close`, if it closes on this line and soon enough.
fn closing(rest: &str, close: &str) -> Option<usize> {
    let len = rest.find(close)?;
    let inner = &rest[..len];
    (!inner.contains('\n') && inner.chars().count() <= MAX_TAG_CHARS).then_some(len)
}

fn parse_ref(inner: &str) -> Tag<'_> {
    let (body, label) = match inner.split_once('|') {
        Some((b, l)) => (b, Some(l.trim()).filter(|l| !l.is_empty())),
        None => (inner, None),
    };
    let Some((word, target)) = body.split_once(':') else {
        return Tag::Malformed {
            reason: "xref.m_syntax",
            word: None,
        };
    };
    let (word, target) = (word.trim(), target.trim());
    let Some(kind) = RefKind::parse(word) else {
        return Tag::Malformed {
            reason: "xref.m_kind",
            word: Some(word),
        };
    };
    if target.is_empty() {
        return Tag::Malformed {
            reason: "xref.m_no_id",
            word: Some(word),
        };
    }
    if kind == RefKind::Step && !target.contains('/') {
        return Tag::Malformed {
            reason: "xref.m_step",
            word: Some(word),
        };
    }
    Tag::Ref {
        kind,
        target,
        label,
    }
}

/// `{{ rule:platform.key }}` or `{{rule:key}}`; `None` for a placeholder `{{name}}`.
fn parse_rule(inner: &str) -> Option<Tag<'_>> {
    let body = inner.trim().strip_prefix("rule:")?.trim();
    let malformed = Tag::Malformed {
        reason: "xref.m_rule",
        word: None,
    };
    let tag = match body.split('.').collect::<Vec<_>>().as_slice() {
        [key] if !key.is_empty() => Tag::Rule {
            platform: None,
            key,
        },
        [platform, key] if !platform.is_empty() && !key.is_empty() => Tag::Rule {
            platform: Some(platform),
            key,
        },
        _ => malformed,
    };
    Some(tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Both kinds of tag are found with their exact place, placeholders are not tags.
    #[test]
    fn finds_references_and_rules() {
        let text =
            "先看[[playbook:oos|缺货手册]]，发{{order_id}}，时限{{rule:taobao.promise_hours}}。";
        let tags = scan(text);
        assert_eq!(tags.len(), 2, "{tags:?}");
        assert_eq!(tags[0].raw, "[[playbook:oos|缺货手册]]");
        assert_eq!(
            tags[0].tag,
            Tag::Ref {
                kind: RefKind::Playbook,
                target: "oos",
                label: Some("缺货手册")
            }
        );
        assert_eq!(
            &text[tags[1].range.clone()],
            "{{rule:taobao.promise_hours}}"
        );
        assert_eq!(
            tags[1].tag,
            Tag::Rule {
                platform: Some("taobao"),
                key: "promise_hours"
            }
        );
        assert_eq!(
            scan("{{ rule:promise_hours }}")[0].tag,
            Tag::Rule {
                platform: None,
                key: "promise_hours"
            }
        );
    }

    // Mistakes are reported, not silently shown as text.
    #[test]
    fn malformed_tags_are_flagged() {
        for (text, word) in [
            ("[[playbok:x]]", Some("playbok")),
            ("[[x]]", None),
            ("[[playbook:]]", Some("playbook")),
            ("[[step:only-a-playbook]]", Some("step")),
        ] {
            let tags = scan(text);
            assert!(
                matches!(tags[0].tag, Tag::Malformed { word: w, .. } if w == word),
                "{text}: {tags:?}"
            );
        }
        assert!(matches!(
            scan("{{rule:a.b.c}}")[0].tag,
            Tag::Malformed { .. }
        ));
    }

    // Unclosed or multi-line brackets are ordinary text.
    #[test]
    fn unclosed_brackets_are_text() {
        assert!(scan("数组 a[[0] 和 [[playbook:x\n]]").is_empty());
        assert!(scan(&format!("[[playbook:{}]]", "x".repeat(300))).is_empty());
    }
}
