//! Reads one rendered page: its title, its `data-search-kind`, and the text of its
//! `<main>` split into sections at `<h2>`/`<h3>` headings that carry an `id`.
//!
//! The input is delaybook's own rendered HTML (well-formed, attributes quoted), so a
//! small tag scanner is enough; no DOM is built. Text inside `script`, `style`,
//! `template`, `svg`, `nav`, `button`, `select`, `noscript`, `textarea`, and any
//! element marked `hidden`, `data-search-ignore` (the template card's fill-in form) or
//! `aria-hidden="true"` is left out: form controls are not content, and a hidden
//! element (a filter panel, a "no match" line) is not what the reader sees. Labels and
//! legends stay: checklist items are labels of checkboxes, quiz questions legends.

use super::text::{BLOCK_BREAK, collapse_whitespace, decode_entities};

/// One searchable section of a page, in display form (not yet normalised).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawSection {
    /// The heading's `id` (`""` for the text before the first heading).
    pub anchor: String,
    /// The heading text (`""` for the intro section).
    pub heading: String,
    /// The section text, tags stripped, entities decoded, whitespace collapsed.
    pub body: String,
}

/// What the index needs from one page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawPage {
    /// The `<h1>` text, or the `<title>` when the page has no `<h1>`.
    pub title: String,
    /// The value of `data-search-kind` on `<main>`.
    pub kind: String,
    /// Sections in document order; the first one is the intro (anchor `""`).
    pub sections: Vec<RawSection>,
}

const SKIPPED: &[&str] = &[
    "script", "style", "template", "svg", "nav", "button", "select", "noscript", "h1", "textarea",
];
const INLINE: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark", "q",
    "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr", "label",
    "del", "ins",
];
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// A tag seen by the scanner.
struct Tag<'a> {
    name: String,
    closing: bool,
    attrs: &'a str,
    self_closing: bool,
}

/// Parses a page. `None` when it has no `<main>` with a `data-search-kind`, or the kind
/// is `none` (such pages, like the print handbook, are not meant to be searched).
pub fn parse_page(html: &str, title_only: bool) -> Option<RawPage> {
    let start = html.find("<main")?;
    let open_end = start + html[start..].find('>')?;
    let kind = attr(&html[start + 5..open_end], "data-search-kind").filter(|k| k != "none")?;
    let inner_start = open_end + 1;
    let inner_end = html[inner_start..]
        .rfind("</main>")
        .map_or(html.len(), |i| inner_start + i);
    let inner = &html[inner_start..inner_end];
    let title = element_text(inner, "h1")
        .filter(|t| !t.is_empty())
        .or_else(|| element_text(html, "title"))
        .unwrap_or_default();
    let sections = if title_only {
        vec![RawSection {
            anchor: String::new(),
            heading: String::new(),
            body: String::new(),
        }]
    } else {
        split_sections(inner)
    };
    Some(RawPage {
        title,
        kind,
        sections,
    })
}

/// The text of the first `<name …>…</name>` element in `html`.
fn element_text(html: &str, name: &str) -> Option<String> {
    let open = format!("<{name}");
    let mut from = 0;
    while let Some(i) = html[from..].find(&open) {
        let at = from + i + open.len();
        if html[at..].starts_with(['>', ' ', '\t', '\n']) {
            let body_start = at + html[at..].find('>')? + 1;
            let close = format!("</{name}>");
            let body_end = body_start + html[body_start..].find(&close)?;
            return Some(strip_tags(&html[body_start..body_end]));
        }
        from = at;
    }
    None
}

/// Tags stripped (inline tags join, block tags separate), entities decoded, whitespace
/// collapsed.
pub fn strip_tags(html: &str) -> String {
    let mut w = Walker::default();
    scan(html, |tok| w.feed(tok));
    collapse_whitespace(&w.body)
}

fn split_sections(inner: &str) -> Vec<RawSection> {
    let mut w = Walker::default();
    scan(inner, |tok| w.feed(tok));
    w.finish()
}

/// A token of the scanner: a tag or a run of text.
enum Token<'a> {
    Tag(Tag<'a>),
    Text(&'a str),
}

/// Calls `f` for each tag and text run of `html`. Comments and doctypes are dropped.
fn scan<'a>(html: &'a str, mut f: impl FnMut(Token<'a>)) {
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        if lt > 0 {
            f(Token::Text(&rest[..lt]));
        }
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |i| &after[i + 3..]);
            continue;
        }
        let Some(gt) = rest.find('>') else {
            f(Token::Text(rest));
            return;
        };
        if let Some(tag) = parse_tag(&rest[1..gt]) {
            f(Token::Tag(tag));
        }
        rest = &rest[gt + 1..];
    }
    if !rest.is_empty() {
        f(Token::Text(rest));
    }
}

fn parse_tag(raw: &str) -> Option<Tag<'_>> {
    let (closing, raw) = match raw.strip_prefix('/') {
        Some(r) => (true, r),
        None => (false, raw),
    };
    let name_end = raw
        .find(|c: char| c.is_whitespace() || c == '/')
        .unwrap_or(raw.len());
    let name = raw[..name_end].to_ascii_lowercase();
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return None;
    }
    let attrs = &raw[name_end..];
    Some(Tag {
        self_closing: attrs.trim_end().ends_with('/') || VOID.contains(&name.as_str()),
        name,
        closing,
        attrs,
    })
}

/// The decoded value of attribute `name` in a tag's attribute text: `""` for an
/// attribute written without a value (`<div hidden>`), `None` when absent. Attributes
/// are read one by one, so a name inside another attribute's value never counts.
fn attr(attrs: &str, name: &str) -> Option<String> {
    let mut rest = attrs;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if rest.is_empty() {
            return None;
        }
        let name_end = rest
            .find(|c: char| c.is_whitespace() || c == '=' || c == '/')
            .unwrap_or(rest.len());
        let (this, after) = rest.split_at(name_end);
        let after = after.trim_start();
        let (value, next) = match after.strip_prefix('=') {
            Some(v) => split_value(v.trim_start()),
            None => (None, after),
        };
        if this.eq_ignore_ascii_case(name) {
            return Some(value.map(decode_entities).unwrap_or_default());
        }
        if next.len() == rest.len() {
            return None; // no progress: malformed attribute text
        }
        rest = next;
    }
}

/// A quoted or unquoted attribute value and the text after it.
fn split_value(v: &str) -> (Option<&str>, &str) {
    match v.chars().next() {
        Some(q @ ('"' | '\'')) => match v[1..].find(q) {
            Some(end) => (Some(&v[1..1 + end]), &v[2 + end..]),
            None => (Some(&v[1..]), ""),
        },
        _ => {
            let end = v.find(char::is_whitespace).unwrap_or(v.len());
            (Some(&v[..end]), &v[end..])
        }
    }
}

/// State of the walk over `<main>`: which element is being skipped, whether a heading
/// is being read, and the sections so far.
#[derive(Default)]
struct Walker {
    skip: Option<(String, usize)>,
    heading: Option<(String, String, String)>, // (tag, anchor, text)
    anchor: String,
    title: String,
    body: String,
    /// Links open around the current text, links seen in this section's body, and
    /// whether the body has words outside links (see [`Walker::close_section`]).
    link_depth: usize,
    links: usize,
    loose_words: bool,
    done: Vec<RawSection>,
}

impl Walker {
    fn feed(&mut self, tok: Token<'_>) {
        match tok {
            Token::Text(t) if self.skip.is_none() => self.push_text(&decode_entities(t)),
            Token::Text(_) => {}
            Token::Tag(tag) => self.tag(&tag),
        }
    }

    fn push_text(&mut self, t: &str) {
        match &mut self.heading {
            Some((_, _, text)) => text.push_str(t),
            None => {
                if self.link_depth == 0 && t.chars().any(char::is_alphanumeric) {
                    self.loose_words = true;
                }
                self.body.push_str(t);
            }
        }
    }

    /// Counts links in the body, to tell a list of links from prose.
    fn link(&mut self, tag: &Tag<'_>) {
        if tag.name != "a" || tag.self_closing || self.heading.is_some() {
            return;
        }
        if tag.closing {
            self.link_depth = self.link_depth.saturating_sub(1);
        } else {
            self.link_depth += 1;
            self.links += 1;
        }
    }

    fn tag(&mut self, tag: &Tag<'_>) {
        if let Some((name, depth)) = &mut self.skip {
            if *name == tag.name && !tag.self_closing {
                *depth = if tag.closing { *depth - 1 } else { *depth + 1 };
                if *depth == 0 {
                    self.skip = None;
                }
            }
            return;
        }
        if !tag.closing && !tag.self_closing && is_skipped(tag) {
            self.skip = Some((tag.name.clone(), 1));
            return;
        }
        if matches!(tag.name.as_str(), "h2" | "h3") && self.heading_boundary(tag) {
            return;
        }
        self.link(tag);
        if !INLINE.contains(&tag.name.as_str()) {
            self.push_text(&BLOCK_BREAK.to_string());
        }
    }

    /// Starts or ends a section heading; false when the tag is a plain heading (no id).
    fn heading_boundary(&mut self, tag: &Tag<'_>) -> bool {
        if tag.closing {
            let Some((_, anchor, text)) = self.heading.take_if(|(n, _, _)| *n == tag.name) else {
                return false;
            };
            self.close_section();
            self.anchor = anchor;
            self.title = collapse_whitespace(&text);
            return true;
        }
        match attr(tag.attrs, "id").filter(|id| !id.is_empty()) {
            Some(id) if self.heading.is_none() => {
                self.heading = Some((tag.name.clone(), id, String::new()));
                true
            }
            _ => false,
        }
    }

    /// Ends the current section. A body made only of links ("相关流程", a list of quiz
    /// questions) keeps its heading but not the link texts: they are the titles of the
    /// pages they point to, which are indexed there.
    fn close_section(&mut self) {
        let mut body = collapse_whitespace(&std::mem::take(&mut self.body));
        if self.links > 0 && !self.loose_words {
            body.clear();
        }
        self.links = 0;
        self.loose_words = false;
        self.done.push(RawSection {
            anchor: std::mem::take(&mut self.anchor),
            heading: std::mem::take(&mut self.title),
            body,
        });
    }

    fn finish(mut self) -> Vec<RawSection> {
        if let Some((_, _, text)) = self.heading.take() {
            self.body.push_str(&text);
        }
        self.close_section();
        self.done
    }
}

fn is_skipped(tag: &Tag<'_>) -> bool {
    SKIPPED.contains(&tag.name.as_str())
        || attr(tag.attrs, "data-search-ignore").is_some()
        || attr(tag.attrs, "hidden").is_some()
        || attr(tag.attrs, "aria-hidden").is_some_and(|v| v == "true")
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r##"<html><head><title>单号填错 · 手册</title></head><body>
<nav>导航 不要索引</nav>
<main id="content" data-search-kind="playbook">
<h1>快递<em>单号</em>填错</h1>
<p>适用于<strong>单号</strong>填错的订单 &amp; 类似情况。</p>
<h2 id="steps">处理<a class="anchor" aria-hidden="true" href="#steps">#</a>步骤</h2>
<ol><li>核对单号</li><li>24 小时内修改</li></ol>
<button>复制</button><script>var x = "<p>no</p>";</script>
<h3>没有 id 的标题</h3><p>正文</p>
<h3 id="tpl-fix">模板 &#x2F; 话术</h3><div data-search-ignore><p>隐藏</p></div><p>您好</p>
</main></body></html>"##;

    // Sections must split at h2/h3 with ids, so results can point at `page.html#id`.
    #[test]
    fn splits_sections_at_headings_with_ids() {
        let p = parse_page(PAGE, false).expect("has main");
        assert_eq!(p.kind, "playbook");
        assert_eq!(p.title, "快递单号填错");
        let anchors: Vec<&str> = p.sections.iter().map(|s| s.anchor.as_str()).collect();
        assert_eq!(anchors, ["", "steps", "tpl-fix"]);
        assert_eq!(p.sections[1].heading, "处理步骤");
        assert_eq!(p.sections[2].heading, "模板 / 话术");
    }

    // Tags, scripts, buttons and ignored blocks must not leak into the searchable text.
    #[test]
    fn strips_tags_and_ignored_elements() {
        let p = parse_page(PAGE, false).expect("has main");
        assert_eq!(p.sections[0].body, "适用于单号填错的订单 & 类似情况。");
        assert_eq!(
            p.sections[1].body,
            "核对单号 24 小时内修改 没有 id 的标题 正文"
        );
        assert_eq!(p.sections[2].body, "您好");
    }

    // The template form and hidden elements are not content a reader sees; checklist
    // items and quiz questions (labels, legends) are.
    #[test]
    fn leaves_out_form_labels_and_hidden_elements() {
        let html = r#"<main data-search-kind="templates"><h1>模板</h1>
<fieldset data-search-ignore><legend>填写内容</legend><label for="a">商品名称</label><input id="a"></fieldset>
<p hidden>没有符合条件的模板。</p><section class="panel" hidden><p>筛选</p></section>
<textarea>草稿</textarea><p class="note hidden-x" title="hidden">正文</p>
<ul><li><input type="checkbox" id="i1"> <label for="i1">核对单号</label></li></ul>
<fieldset><legend>多久内告知？</legend><label><input type="radio">2小时</label></fieldset></main>"#;
        let p = parse_page(html, false).expect("has main");
        assert_eq!(p.sections[0].body, "正文 核对单号 多久内告知？ 2小时");
    }

    // An attribute name inside another attribute's value is not that attribute.
    #[test]
    fn reads_attributes_one_by_one() {
        assert_eq!(attr(r#" class="x hidden" id=a"#, "hidden"), None);
        assert_eq!(attr(r#" class="x" hidden"#, "hidden"), Some(String::new()));
        assert_eq!(
            attr(" id=a data-search-kind='p&amp;q'", "data-search-kind").as_deref(),
            Some("p&q")
        );
        assert_eq!(attr(r#" data-x="unclosed"#, "id"), None);
        assert_eq!(attr(" = = ", "id"), None);
    }

    // A list of links repeats the titles of other pages: only its heading is indexed.
    #[test]
    fn drops_bodies_made_only_of_links() {
        let html = r#"<main data-search-kind="playbook"><h1>t</h1>
<h2 id="related">相关流程</h2><ul><li><a href="a.html">下单后发现缺货</a></li><li><a href="b.html">单号填错</a>、</li></ul>
<h2 id="causes">相关原因</h2><ul><li><a href="c.html">缺货</a> — 仓库里没有这件货</li></ul></main>"#;
        let p = parse_page(html, false).expect("has main");
        assert_eq!(p.sections[1].heading, "相关流程");
        assert_eq!(p.sections[1].body, "");
        assert_eq!(p.sections[2].body, "缺货 — 仓库里没有这件货");
    }

    // Rendered pages carry author text: cut or odd markup must never panic the build.
    #[test]
    fn never_panics_on_truncated_or_odd_markup() {
        for i in (0..PAGE.len()).filter(|&i| PAGE.is_char_boundary(i)) {
            let _ = parse_page(&PAGE[..i], false);
        }
        for odd in [
            "<main data-search-kind=\"x\"><h2 id=\"a\">",
            "<main data-search-kind='x'>&#xffffffff;&#0;<",
            "<<>><main data-search-kind=\"x\"></h2></h3><h3 id=>",
        ] {
            let _ = parse_page(odd, false);
        }
    }

    // Pages without a search kind (print handbook, 404) are not indexed.
    #[test]
    fn skips_pages_without_search_kind() {
        assert!(parse_page("<main id=\"content\"><h1>x</h1></main>", false).is_none());
        let t = parse_page(
            "<title>周报 2026-W47</title><main data-search-kind=\"report\">x</main>",
            true,
        )
        .expect("has kind");
        assert_eq!(t.title, "周报 2026-W47");
        assert_eq!(t.sections[0].body, "");
    }
}
