//! The only Markdown entry point of the crate (style lesson 7).
//!
//! pulldown-cmark with tables, task lists, strikethrough and footnotes. Content comes
//! from many authors and must never run script, so raw HTML in Markdown is shown as
//! text (the `Html`/`InlineHtml` events become `Text`), and the produced HTML is passed
//! through ammonia as a second line of defence: no `<script>`, no event handlers, no
//! `javascript:` URLs.

use std::borrow::Cow;
use std::sync::OnceLock;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

use super::refs::Refs;
use crate::validate::tags::scan;

/// Renders `markdown` to sanitised HTML. Tags (`[[playbook:x]]`, `{{rule:…}}`) are
/// left as text; [`to_html_with`] renders them.
pub fn to_html(markdown: &str) -> String {
    render(markdown, None)
}

/// Renders `markdown` to sanitised HTML with its tags rendered by `refs`, links
/// relative to `root` (the current page's way back to the site root).
pub fn to_html_with(markdown: &str, refs: &Refs, root: &str) -> String {
    render(markdown, Some((refs, root)))
}

/// [`to_inline_html`] with tags rendered by `refs`.
pub fn to_inline_html_with(markdown: &str, refs: &Refs, root: &str) -> String {
    strip_paragraph(render(markdown, Some((refs, root))))
}

/// Private-use characters stand in for tags while Markdown is parsed, so the tag
/// syntax cannot be mistaken for Markdown and a tag inside a code span stays code.
const TOKEN_BASE: u32 = 0xF0000;
const MAX_TOKENS: usize = 0xFFFD;

fn token(n: usize) -> char {
    char::from_u32(TOKEN_BASE + n as u32).unwrap_or('\u{FFFD}')
}

fn token_index(c: char) -> Option<usize> {
    let n = (c as u32).checked_sub(TOKEN_BASE)? as usize;
    (n < MAX_TOKENS).then_some(n)
}

fn render(markdown: &str, refs: Option<(&Refs, &str)>) -> String {
    let mut source = String::with_capacity(markdown.len());
    let mut tags: Vec<(String, &str)> = Vec::new();
    let mut last = 0;
    if let Some((refs, root)) = refs {
        for t in scan(markdown).into_iter().take(MAX_TOKENS) {
            source.push_str(&markdown[last..t.range.start]);
            source.push(token(tags.len()));
            tags.push((refs.tag_html(&t, root, true), t.raw));
            last = t.range.end;
        }
    }
    source.push_str(&markdown[last..]);
    let mut footnotes = Footnotes::default();
    let events = Parser::new_ext(&source, options())
        .map(|e| footnotes.rewrite(defuse(e)))
        .flat_map(|e| expand_tokens(e, &tags));
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    sanitizer().clean(&html).to_string()
}

/// Puts the tags back: rendered HTML in text, the tag as written anywhere else (code
/// spans, link targets).
fn expand_tokens<'a>(event: Event<'a>, tags: &[(String, &str)]) -> Vec<Event<'a>> {
    let has_token = |s: &str| s.chars().any(|c| token_index(c).is_some());
    let raw = |s: &str| -> String {
        s.chars()
            .map(|c| match token_index(c).and_then(|n| tags.get(n)) {
                Some((_, raw)) => raw.to_string(),
                None => c.to_string(),
            })
            .collect()
    };
    match event {
        Event::Text(s) if has_token(&s) => {
            let mut out = Vec::new();
            let mut text = String::new();
            for c in s.chars() {
                match token_index(c).and_then(|n| tags.get(n)) {
                    Some((html, _)) => {
                        if !text.is_empty() {
                            out.push(Event::Text(CowStr::from(std::mem::take(&mut text))));
                        }
                        out.push(Event::InlineHtml(CowStr::from(html.clone())));
                    }
                    None => text.push(c),
                }
            }
            if !text.is_empty() {
                out.push(Event::Text(CowStr::from(text)));
            }
            out
        }
        Event::Code(s) if has_token(&s) => vec![Event::Code(CowStr::from(raw(&s)))],
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) if has_token(&dest_url) || has_token(&title) => vec![Event::Start(Tag::Link {
            link_type,
            dest_url: CowStr::from(raw(&dest_url)),
            title: CowStr::from(raw(&title)),
            id,
        })],
        other => vec![other],
    }
}

/// Markdown with every piece of raw HTML made inert, for Markdown output
/// (`handbook.md`): the `<` that starts an HTML block or inline tag is written as
/// `&lt;`, so any Markdown reader shows the text the author typed and runs nothing.
/// Everything else is left as written.
pub fn neutralize_html(markdown: &str) -> String {
    let mut text = markdown.to_string();
    // Escaping can change how the rest parses; a few passes settle it, and the last
    // resort escapes every `<`.
    for _ in 0..4 {
        let ranges: Vec<std::ops::Range<usize>> = Parser::new_ext(&text, options())
            .into_offset_iter()
            .filter(|(e, _)| matches!(e, Event::Html(_) | Event::InlineHtml(_)))
            .map(|(_, r)| r)
            .collect();
        if ranges.is_empty() {
            return text;
        }
        let mut out = String::with_capacity(text.len() + 16);
        let mut last = 0;
        for r in ranges {
            if r.start < last {
                continue;
            }
            out.push_str(&text[last..r.start]);
            out.push_str(&text[r.clone()].replace('<', "&lt;"));
            last = r.end;
        }
        out.push_str(&text[last..]);
        text = out;
    }
    text.replace('<', "&lt;")
}

/// True when `markdown` parses to raw HTML anywhere (tests and output checks).
pub fn has_raw_html(markdown: &str) -> bool {
    Parser::new_ext(markdown, options()).any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_)))
}

/// Renders a one-line Markdown text (a checklist item, a prevention item) without the
/// surrounding `<p>`.
pub fn to_inline_html(markdown: &str) -> String {
    strip_paragraph(to_html(markdown))
}

fn strip_paragraph(html: String) -> String {
    let trimmed = html.trim_end();
    match trimmed
        .strip_prefix("<p>")
        .and_then(|s| s.strip_suffix("</p>"))
    {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => html,
    }
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
}

/// Raw HTML is shown as the text the author typed, never interpreted. Task-list
/// markers become ☐/☑ characters rather than unlabelled, disabled checkboxes.
fn defuse(event: Event<'_>) -> Event<'_> {
    match event {
        Event::Html(s) | Event::InlineHtml(s) => Event::Text(s),
        Event::TaskListMarker(done) => {
            Event::Text(CowStr::from(if done { "☑ " } else { "☐ " }))
        }
        other => other,
    }
}

/// Footnote labels become ids `fn-<n>` numbered in order of first use, so they are
/// safe, predictable, and survive the sanitiser (which drops every other `id`).
#[derive(Default)]
struct Footnotes {
    labels: Vec<String>,
}

impl Footnotes {
    fn number(&mut self, label: &str) -> usize {
        if let Some(i) = self.labels.iter().position(|l| l == label) {
            return i + 1;
        }
        self.labels.push(label.to_string());
        self.labels.len()
    }

    fn rewrite<'a>(&mut self, event: Event<'a>) -> Event<'a> {
        match event {
            Event::FootnoteReference(label) => {
                let n = self.number(&label);
                Event::Html(CowStr::from(format!(
                    "<sup class=\"footnote-ref\"><a href=\"#fn-{n}\">{n}</a></sup>"
                )))
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let n = self.number(&label);
                Event::Html(CowStr::from(format!(
                    "<div class=\"footnote\" id=\"fn-{n}\"><sup>{n}</sup>"
                )))
            }
            Event::End(TagEnd::FootnoteDefinition) => Event::Html(CowStr::from("</div>")),
            other => other,
        }
    }
}

fn sanitizer() -> &'static ammonia::Builder<'static> {
    static CELL: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    CELL.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        // No `rel` on links: nothing opens a new window, and ammonia would leave it on
        // an `<a>` whose `javascript:` href it removed (invalid HTML).
        b.link_rel(None)
            .add_tag_attributes("div", ["id", "class"])
            .add_tag_attributes("sup", ["class"])
            .add_tag_attributes("a", ["class"])
            .add_tag_attributes("span", ["class"])
            .attribute_filter(keep_attribute);
        b
    })
}

/// Only footnote ids and classes are let through.
fn keep_attribute<'u>(element: &str, attribute: &str, value: &'u str) -> Option<Cow<'u, str>> {
    let ok = match (element, attribute) {
        ("div", "id") => value
            .strip_prefix("fn-")
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())),
        ("div" | "sup", "class") => matches!(value, "footnote" | "footnote-ref"),
        ("a", "class") => value == "xref",
        ("span", "class") => matches!(value, "rule" | "rule-note"),
        _ => true,
    };
    ok.then_some(Cow::Borrowed(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    // The core promise: no script from content ever runs.
    #[test]
    fn raw_html_and_script_urls_are_inert() {
        let html = to_html(
            "Hi <script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    // Authors use tables and task lists in long fields.
    #[test]
    fn tables_and_task_lists_render() {
        let html = to_html("| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n- [ ] todo\n");
        assert!(html.contains("<table>"), "{html}");
        assert!(html.contains("☑ done") && html.contains("☐ todo"), "{html}");
    }

    // Footnote references must point at an id that survives sanitising.
    #[test]
    fn footnotes_link_to_their_definition() {
        let html = to_html("See this[^note].\n\n[^note]: The note.\n");
        assert!(html.contains("href=\"#fn-1\""), "{html}");
        assert!(html.contains("id=\"fn-1\""), "{html}");
    }

    // handbook.md goes to wikis and chat tools that may render HTML: none may survive.
    #[test]
    fn raw_html_is_neutralized_in_markdown_output() {
        let md = "Hi <script>alert(1)</script>\n\n<div onclick=x>block</div>\n\n`<b>code</b>` <!-- c -->";
        let out = neutralize_html(md);
        assert!(has_raw_html(md));
        assert!(!has_raw_html(&out), "{out}");
        assert!(
            out.contains("`<b>code</b>`"),
            "code spans stay as written: {out}"
        );
    }

    // One-line items must not be wrapped in a paragraph inside `<li>`.
    #[test]
    fn inline_html_drops_the_paragraph() {
        assert_eq!(to_inline_html("**a**"), "<strong>a</strong>");
    }
}
