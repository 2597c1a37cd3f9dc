//! Writing Markdown safely: plain text escaped so it reads as written, content
//! Markdown with its tags resolved and its raw HTML made inert, blocks indented into
//! list items, code fences longer than any backtick run inside, table cells on one
//! line.

use std::collections::BTreeMap;

use crate::render::markdown::neutralize_html;
use crate::render::refs::Refs;
use crate::validate::tags::{RefKind, Tag, scan};

/// Plain text as Markdown that reads exactly as `text`: the characters Markdown gives
/// a meaning to anywhere are backslash-escaped, so are the ones that start a block
/// when they open the text (`#`, `-`, `+`, `=`, `1.`), and line breaks become spaces
/// (plain fields are one line).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    for (i, c) in text.chars().enumerate() {
        let at_start = (i == 0 && matches!(c, '#' | '-' | '+' | '='))
            || (i == digits && digits > 0 && matches!(c, '.' | ')'));
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' => {
                out.push('\\');
                out.push(c);
            }
            _ if at_start => {
                out.push('\\');
                out.push(c);
            }
            '\r' => {}
            '\n' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// Content Markdown (a `details`, `why`, `explanation` …) for the Markdown handbook:
/// references to printed playbooks read `4.1《…》`, other tags become titles and rule
/// values with their note, raw HTML is made inert.
pub fn content(text: &str, refs: &Refs, sections: &BTreeMap<String, String>) -> String {
    let numbered = number_playbook_refs(text.trim(), refs, sections);
    neutralize_html(refs.text_with_notes(&numbered, &escape).trim())
}

/// `[[playbook:x]]` (without its own link text) → `4.1《title》`, escaped.
fn number_playbook_refs(text: &str, refs: &Refs, sections: &BTreeMap<String, String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for t in scan(text) {
        if let Tag::Ref {
            kind: RefKind::Playbook,
            target,
            label: None,
        } = t.tag
            && let Some(n) = sections.get(target)
        {
            out.push_str(&text[last..t.range.start]);
            // `5.3《` cannot start a list (no space after the dot): no escape needed.
            out.push_str(n);
            out.push_str(&escape(&refs.plain(t.raw)));
            last = t.range.end;
        }
    }
    out.push_str(&text[last..]);
    out
}

/// One-line content Markdown (a goal, a checklist item): as [`content`], on one line.
pub fn inline(text: &str, refs: &Refs, sections: &BTreeMap<String, String>) -> String {
    content(text, refs, sections)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Plain text with tags (an anti-example, a question) as escaped Markdown.
pub fn plain(text: &str, refs: &Refs) -> String {
    escape(&refs.plain(text))
}

/// `block` indented by `n` spaces on every non-empty line (to continue a list item).
pub fn indent(block: &str, n: usize) -> String {
    let pad = " ".repeat(n);
    block
        .lines()
        .map(|l| {
            if l.trim().is_empty() {
                String::new()
            } else {
                format!("{pad}{l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `block` as a blockquote.
pub fn quote(block: &str) -> String {
    block
        .lines()
        .map(|l| {
            if l.is_empty() {
                ">".to_string()
            } else {
                format!("> {l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A fenced code block holding `text` as it is: the fence is one backtick longer than
/// the longest run of backticks in the text (at least three).
pub fn fence(text: &str, info: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let f = "`".repeat((longest + 1).max(3));
    format!("{f}{info}\n{}\n{f}", text.trim_end())
}

/// A table cell: escaped, on one line.
pub fn cell(text: &str) -> String {
    escape(text)
}

/// A table cell from text that is already Markdown (a resolved link text): pipes and
/// line breaks made safe.
pub fn md_cell(md: &str) -> String {
    md.replace('|', "\\|").replace(['\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::markdown::has_raw_html;

    // A title with Markdown characters must read as written and never become HTML.
    #[test]
    fn escaped_text_reads_as_written() {
        let e = escape("1. <b>*a*</b> | #x [y](z) &lt;");
        assert!(!has_raw_html(&e), "{e}");
        assert!(!e.contains("<b>"), "{e}");
        assert_eq!(escape("催发货（3天内）"), "催发货（3天内）");
        assert_eq!(escape("1. 先查"), "1\\. 先查");
        assert_eq!(escape("- x-y"), "\\- x-y");
    }

    // A template with backticks must not end its own code block.
    #[test]
    fn fences_outgrow_backticks_inside() {
        assert_eq!(fence("a", "text"), "```text\na\n```");
        assert_eq!(fence("x ```` y", ""), "`````\nx ```` y\n`````");
    }

    // Details go inside numbered steps: every line moves, blank lines stay blank.
    #[test]
    fn indents_blocks_for_list_items() {
        assert_eq!(indent("a\n\n- b", 4), "    a\n\n    - b");
        assert_eq!(quote("a\n\nb"), "> a\n>\n> b");
    }
}
