//! No script from content ever runs: `<script>`, event handlers and `javascript:` URLs
//! in every content field (titles, Markdown, template text that ends up in embedded
//! JSON, phrase rules, triage, checklists, quiz, site title) come out inert.

mod common;
#[path = "fixtures/site/support.rs"]
mod support;

use support::{build_ok, pages, tags, unescape};

/// The only script elements the theme writes.
const THEME_SCRIPTS: [&str; 3] = [
    "<script>window.DELAYBOOK_ROOT = \"",
    "<script src=\"",
    "<script type=\"application/json\" id=\"",
];

// A `<script>` from content would run in every staff member's browser.
#[test]
fn script_tags_come_only_from_the_theme() {
    let (_p, tree) = build_ok("xss");
    for (path, html) in pages(&tree) {
        let lower = html.to_ascii_lowercase();
        for (i, _) in lower.match_indices("<script") {
            assert!(
                THEME_SCRIPTS.iter().any(|s| html[i..].starts_with(s)),
                "{path}: foreign script at {}",
                &html[i..(i + 60).min(html.len())]
            );
        }
    }
}

// Event-handler attributes and dangerous elements must never reach the DOM.
#[test]
fn no_event_handlers_or_active_elements() {
    let (_p, tree) = build_ok("xss");
    for (path, html) in pages(&tree) {
        for t in tags(&html) {
            assert!(
                !matches!(
                    t.name.as_str(),
                    "img" | "iframe" | "svg" | "style" | "object" | "embed" | "b"
                ),
                "{path}: <{}> from content",
                t.name
            );
            for (name, value) in &t.attrs {
                assert!(!name.starts_with("on"), "{path}: <{} {name}>", t.name);
                let v = unescape(value).trim().to_ascii_lowercase();
                assert!(!v.starts_with("javascript:"), "{path}: {name}={value}");
            }
        }
    }
}

// Embedded JSON must not contain `<`, so `</script>` in a template cannot end it, and it
// must still carry the original text for the fill form.
#[test]
fn embedded_json_is_escaped_and_round_trips() {
    let (_p, tree) = build_ok("xss");
    let pages = pages(&tree);
    let html = &pages["templates.html"];
    let open = "<script type=\"application/json\" id=\"tpl-data\">";
    let start = html.find(open).expect("tpl-data") + open.len();
    let end = html[start..].find("</script>").expect("end") + start;
    let json = &html[start..end];
    assert!(!json.contains('<') && !json.contains('>'), "{json}");
    let data: serde_json::Value = serde_json::from_str(json).unwrap();
    let text = data["templates"]["evil-template"]["text"].as_str().unwrap();
    assert!(text.contains("</script><script>alert('template')</script>"));
    for (path, page) in &pages {
        for (i, _) in page.match_indices("type=\"application/json\"") {
            let body_start = page[i..].find('>').unwrap() + i + 1;
            let body_end = page[body_start..].find("</script>").unwrap() + body_start;
            assert!(!page[body_start..body_end].contains('<'), "{path}");
        }
    }
}

// The text the author wrote is still shown, escaped, so nothing silently disappears.
#[test]
fn raw_html_is_shown_as_text() {
    let (_p, tree) = build_ok("xss");
    let pages = pages(&tree);
    let pb = &pages["playbooks/evil.html"];
    assert!(
        pb.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;")
            || pb.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{pb}"
    );
    assert!(pb.contains("&lt;img src=x onerror=alert(1)&gt;"));
}
