//! Keeping the handbook one self-contained page: links between site pages become
//! anchors on the page, footnote ids are made unique per entry, and any anchor whose
//! target is not printed (a playbook left out of the chapter order, a template no
//! printed playbook uses) falls back to the top of the page. Also the CSS string
//! escaping for the running headers.

use std::collections::BTreeSet;

/// Makes a Markdown fragment safe to place on the shared page: footnote ids get
/// `prefix`, and links to other site pages become anchors on this page.
pub fn scoped(html: &str, prefix: &str) -> String {
    let html = html
        .replace("id=\"fn-", &format!("id=\"{prefix}fn-"))
        .replace("href=\"#fn-", &format!("href=\"#{prefix}fn-"));
    rewrite_links(&html)
}

/// Rewrites `href`s that point at other pages of the site into anchors of the
/// handbook: `playbooks/x.html` → `#pb-x`, `causes/x.html` → `#cause-x`,
/// `templates.html#tpl-x` → `#tpl-x`, `checklists.html#cl-x` → `#cl-x`; any other
/// relative page link is pointed at the top of the handbook.
pub fn rewrite_links(html: &str) -> String {
    map_hrefs(html, anchor_for)
}

fn map_hrefs(html: &str, f: impl Fn(&str) -> String) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find("href=\"") {
        let (before, after) = rest.split_at(i + 6);
        out.push_str(before);
        let end = after.find('"').unwrap_or(after.len());
        out.push_str(&f(&after[..end]));
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

fn anchor_for(href: &str) -> String {
    let external = href.starts_with('#')
        || href.contains("://")
        || href.starts_with("mailto:")
        || href.starts_with("tel:");
    if external {
        return href.to_string();
    }
    let path = href.trim_start_matches("./").trim_start_matches("../");
    let (page, fragment) = path.split_once('#').unwrap_or((path, ""));
    let stem = |prefix: &str| {
        page.strip_prefix(prefix)
            .and_then(|p| p.strip_suffix(".html"))
            .map(str::to_string)
    };
    if let Some(id) = stem("playbooks/") {
        return match fragment {
            f if f.starts_with("step-") => format!("#pb-{id}-{f}"),
            _ => format!("#pb-{id}"),
        };
    }
    if let Some(id) = stem("causes/") {
        return format!("#cause-{id}");
    }
    match (page, fragment) {
        ("templates.html" | "checklists.html" | "rules.html", f) if !f.is_empty() => {
            format!("#{f}")
        }
        _ => "#top".to_string(),
    }
}

/// Points every in-page link whose target id is not on the page at `#top`, so no
/// anchor of the handbook dangles whatever the chapter order leaves out.
pub fn fix_dangling(html: &str) -> String {
    let ids: BTreeSet<&str> = html
        .split(" id=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    map_hrefs(html, |href| match href.strip_prefix('#') {
        Some(id) if !ids.contains(id) => "#top".to_string(),
        _ => href.to_string(),
    })
}

/// A CSS string literal (with quotes) for `text`, safe inside a `<style>` element:
/// quotes, backslashes, angle brackets, `&` and control characters are hex escapes.
pub fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        let plain = c == ' ' || (c.is_alphanumeric() && !c.is_control());
        let safe_punct = !c.is_ascii() && !c.is_control() && !matches!(c, '\u{2028}' | '\u{2029}');
        if plain || safe_punct {
            out.push(c);
        } else {
            out.push_str(&format!("\\{:x} ", c as u32));
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::markdown::to_html;

    // The handbook is one page: a link to another page would break in print and in a
    // saved copy.
    #[test]
    fn links_between_pages_become_anchors() {
        let html = r##"<a href="../playbooks/out-of-stock.html">a</a><a href="causes/stockout.html">b</a><a href="templates.html#tpl-x">c</a><a href="https://example.com/">d</a><a href="#fn-1">e</a><a href="other.html">f</a>"##;
        let out = rewrite_links(html);
        assert_eq!(
            out,
            r##"<a href="#pb-out-of-stock">a</a><a href="#cause-stockout">b</a><a href="#tpl-x">c</a><a href="https://example.com/">d</a><a href="#fn-1">e</a><a href="#top">f</a>"##
        );
    }

    // Footnotes of two playbooks both start at fn-1; on one page they must not collide.
    #[test]
    fn footnote_ids_are_prefixed() {
        let html = to_html("x[^a]\n\n[^a]: note\n");
        let scoped = scoped(&html, "pb-one-");
        assert!(
            scoped.contains("id=\"pb-one-fn-1\"") && scoped.contains("href=\"#pb-one-fn-1\""),
            "{scoped}"
        );
    }

    // A reference to something the chapter order left out must not dangle.
    #[test]
    fn dangling_anchors_point_at_the_top() {
        let html = r##"<h1 id="top">t</h1><p id="pb-a"><a href="#pb-a">a</a><a href="#pb-gone">b</a></p>"##;
        assert_eq!(
            fix_dangling(html),
            r##"<h1 id="top">t</h1><p id="pb-a"><a href="#pb-a">a</a><a href="#top">b</a></p>"##
        );
    }

    // A chapter title from content goes into a <style> element: it must not close it or
    // break out of the CSS string.
    #[test]
    fn css_strings_cannot_escape() {
        let s = css_string("第1章 \"x\" </style><script>\\\n");
        let inner = &s[1..s.len() - 1];
        assert!(!inner.contains(['"', '<', '>', '\n']), "{s}");
        assert!(s.starts_with("\"第1章 ") && s.ends_with('"'), "{s}");
        assert_eq!(css_string("a\"b"), "\"a\\22 b\"");
    }
}
