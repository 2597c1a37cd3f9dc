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

/// Renders `markdown` to sanitised HTML.
pub fn to_html(markdown: &str) -> String {
    let mut footnotes = Footnotes::default();
    let events = Parser::new_ext(markdown, options()).map(|e| footnotes.rewrite(defuse(e)));
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    sanitizer().clean(&html).to_string()
}

/// Renders a one-line Markdown text (a checklist item, a prevention item) without the
/// surrounding `<p>`.
pub fn to_inline_html(markdown: &str) -> String {
    let html = to_html(markdown);
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

    // One-line items must not be wrapped in a paragraph inside `<li>`.
    #[test]
    fn inline_html_drops_the_paragraph() {
        assert_eq!(to_inline_html("**a**"), "<strong>a</strong>");
    }
}
